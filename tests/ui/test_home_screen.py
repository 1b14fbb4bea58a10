"""The home screen (ui/home) on the demo history: the four figures and the duty calendar as on 20 June 2026,
an appetite statement and a board notification recorded through their forms (the duty turning done), a
refusal shown in the form, roles declared, the records list exported to XLSX.

With RISKDESK_SCREENSHOTS=1 it writes docs/home-screen.png, docs/home-appetite-form.png and
docs/home-board-notification.png (1600×1000 for the screen, offscreen):

    RISKDESK_SCREENSHOTS=1 QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q tests/ui/test_home_screen.py
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

from core.store import Store

CHECKER = "王芳（首席风险官）"
MAKER = "李明（风险管理部）"


@pytest.fixture
def open_home(qtbot, wait_ops, screen_on_session):
    def make(path, user=MAKER, day=(2026, 6, 20)):
        """The home screen on `path` as `user` sees it on `day`."""
        from ui.home.screen import HomeScreen

        screen = screen_on_session(HomeScreen, path, user=user, size=(1600, 1000))
        with qtbot.waitSignal(screen.loaded, timeout=20_000):
            screen.as_of.setDate(QDate(*day))
        wait_ops(20_000)
        return screen

    return make


def _save(qtbot, dialog, screen, wait_ops):
    """Click Save as the user does, and wait for the worker."""
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    wait_ops(20_000)                                    # the write, then (when recorded) the re-read
    qtbot.waitUntil(lambda: not screen.reader.busy, timeout=20_000)
    wait_ops(20_000)


def _rows(model):
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_the_figures_and_the_calendar_on_20_june_2026(open_home, db):
    screen = open_home(db)
    figures = {k: c.figure.text() for k, c in screen.cards.items()}
    # overdue: 2025Q3, 2025Q4, 2026Q1 statistics, the 2025H2 board report, the 2025 annual chapter;
    # due: the downgrade's notice, the policy review, the 2026Q2 statistics; the breach cases open today
    with Store.open(db) as s:
        active = len(s.list_cases("active"))
    assert active > 0
    assert figures == {"overdue": "5", "due": "3", "cases": str(active), "events": "1"}
    attention = _rows(screen.attention_model)
    assert [r[0] for r in attention[:8]] == ["已逾期"] * 5 + ["即将到期"] * 3
    assert ["重大事件未报告董事会", "恒诚信托主体评级下调至AA", "#2", "2026-06-17"] in attention
    # an open breach case says its state in the breach register's words, not its code ("#7 mitigating")
    case_refs = [r[2] for r in attention if r[0] == "超限事项未关闭"]
    assert len(case_refs) == active
    states = {ref.split(" ", 1)[1] for ref in case_refs}
    items = [r[1] for r in attention if r[0] == "超限事项未关闭"]
    assert "G03 · 合计（全部）" in items and not any(i.endswith(" · *") for i in items), items
    assert states and states <= {"已登记", "已报告", "已审批", "整改中"}, states
    duties = {(r[0], r[1]): r for r in _rows(screen.duties_model)}
    q2 = duties[("季度指标统计报送监管", "2025Q2")]
    assert q2[2:5] == ["2025-07-30", "已完成", "监管报送/披露 #5 · 2025-07-25"]
    assert duties[("半年度集中度风险评估及董事会报告", "2025H2")][3] == "已逾期"
    settings = {r[0]: r for r in _rows(screen.settings_model)}
    assert settings["评级自评估：次年（月-日）"][1:] == ["04-30", "评级办法 · rulebook `deadline`"]
    assert settings["公开披露：次年（月-日）"][2].startswith("《指引》原文")
    assert "李明（风险管理部）（牵头部门）" in screen.subtitle.text() or "牵头部门" in screen.subtitle.text()


def test_a_card_of_one_reads_singular_in_english(open_home, db, qtbot):
    """"1 major events not reported to the board" (issue 16): one is singular, several plural."""
    from ui.common import i18n

    screen = open_home(db)
    i18n.set_language("en")
    qtbot.waitUntil(lambda: screen.title.text() == "Home")             # LanguageChange is a posted event
    assert screen.cards["events"].figure.text() == "1"
    assert screen.cards["events"].caption.text() == "major event not reported to the board"
    assert screen.cards["overdue"].figure.text() == "5"
    assert screen.cards["overdue"].caption.text() == "duties overdue"
    i18n.set_language("zh_CN")
    qtbot.waitUntil(lambda: screen.title.text() == "首页")
    assert screen.cards["events"].caption.text() == "项重大事件未报告董事会"


def test_a_board_notification_through_its_form_makes_the_event_duty_done(open_home, db, qtbot, wait_ops):
    screen = open_home(db)
    dialog = screen.open_form("board_notification")
    events = dialog.widgets["event_ids"]
    assert events.count() == 2 and "恒诚信托" in events.item(0).text()        # the unreported one first
    events.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.set_value("body", "董事会风险管理委员会")
    dialog.set_value("notified_on", "2026-06-19")
    dialog.set_value("reference", "风委会专报〔2026〕2号")
    _save(qtbot, dialog, screen, wait_ops)
    assert not dialog.isVisible()
    assert screen.cards["events"].figure.text() == "0" and screen.cards["due"].figure.text() == "2"
    with Store.open(db) as s:
        [n] = [r for r in s.governance_records("board_notification") if r.get("reference") == "风委会专报〔2026〕2号"]
        assert n.get("event_ids") == ("2",) and n.created_by == MAKER
    duties = {(r[0], r[1]): r for r in _rows(screen.duties_model)}
    assert duties[("重大事件报告董事会", "#2 恒诚信托主体评级下调至AA")][3] == "已完成"
    # the message under the records follows a switch to English (it stayed Chinese)
    from ui.common import i18n

    assert screen.records_message.text() == f"已记录：向董事会报告 第 {n.id} 号。"
    i18n.set_language("en")
    qtbot.waitUntil(lambda: screen.title.text() == "Home")             # LanguageChange is a posted event
    assert screen.records_message.text() == f"Board notification #{n.id} recorded."


def test_an_appetite_statement_is_the_next_version_and_a_refusal_stays_in_the_form(open_home, db, qtbot, wait_ops):
    screen = open_home(db)
    dialog = screen.open_form("appetite", {"dimension": "单一交易对手集团",
                                           "statement": "集团对单一交易对手集团的投资敞口不超过集团总资产的4.5%",
                                           "figure": "0.045x", "unit": "占集团总资产", "approval_body": "董事会",
                                           "meeting_ref": "第三届董事会第十次会议", "approval_date": "2026-06-18"})
    _save(qtbot, dialog, screen, wait_ops)
    assert dialog.isVisible() and "“数值”须为数字" in dialog.error.text()           # nothing lost, nothing kept
    dialog.set_value("figure", "0.045")
    _save(qtbot, dialog, screen, wait_ops)
    assert not dialog.isVisible()
    assert screen.kind.currentData() == "appetite"
    top = _rows(screen.records_model)[0]
    assert top[1] == "2" and top[2] == "单一交易对手集团" and "0.045" in top
    out = Path(db).parent / "appetite.xlsx"
    screen.export_records(str(out))
    wait_ops(20_000)
    from openpyxl import load_workbook
    sheet = load_workbook(out).active
    assert sheet.cell(1, 1).value == "#" and sheet.cell(2, 4).value.startswith("集团对单一交易对手集团")


def test_roles_refuse_an_audit_by_the_lead_department(open_home, db, qtbot, wait_ops):
    screen = open_home(db)
    dialog = screen.open_form("audit", {"period_from": "2026-01-01", "period_to": "2026-05-31",
                                        "audit_date": "2026-06-19", "auditor": "审计部", "findings": "无重大问题"})
    _save(qtbot, dialog, screen, wait_ops)
    assert dialog.isVisible() and "内部审计" in dialog.error.text()
    dialog.reject()
    role = screen.open_role_form({"user_name": MAKER, "role": "internal_audit", "reason": "兼任"})
    with qtbot.waitSignal(screen.loaded, timeout=20_000):
        qtbot.mouseClick(role.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
                         Qt.MouseButton.LeftButton)
    wait_ops(20_000)
    assert _rows(screen.roles_model)[0][:4] == [MAKER, "内部审计", "—", "声明"]
    assert "内部审计" in screen.subtitle.text()


def test_screenshots(open_home, db, qtbot, wait_ops, tmp_path):
    screen = open_home(db)
    out = Path(__file__).resolve().parents[2] / "docs" if os.environ.get("RISKDESK_SCREENSHOTS") else tmp_path
    screen.tabs.setCurrentIndex(1)
    qtbot.wait(50)
    assert screen.grab().save(str(out / "home-screen.png"))
    appetite = screen.open_form("appetite", {"dimension": "房地产行业", "statement": "集团房地产行业敞口不超过集团总资产的9%，预警值7.5%",
                                             "figure": "0.09", "unit": "占集团总资产", "approval_body": "董事会",
                                             "meeting_ref": "第三届董事会第十次会议", "approval_date": "2026-06-18"},
                                reason="据第三届董事会第十次会议纪要录入")
    qtbot.wait(50)
    assert appetite.grab().save(str(out / "home-appetite-form.png"))
    appetite.reject()
    notice = screen.open_form("board_notification", {"event_ids": [2], "body": "董事会风险管理委员会",
                                                     "notified_on": "2026-06-19", "reference": "风委会专报〔2026〕2号"})
    qtbot.wait(50)
    assert notice.grab().save(str(out / "home-board-notification.png"))
    notice.reject()


def test_a_changed_due_date_changes_the_status_and_a_bad_one_is_refused(open_home, db, qtbot, wait_ops):
    screen = open_home(db)
    duties = {(r[0], r[1]): r for r in _rows(screen.duties_model)}
    assert duties[("季度指标统计报送监管", "2026Q2")][2:4] == ["2026-07-30", "即将到期"]
    bad = screen.change_due_dates({"annual_chapter_due": "13-40", "quarterly_days_after": "thirty"})
    assert bad.isVisible() and "MM-DD" in bad.error.text() and "整数" in bad.error.text()
    bad.reject()
    screen.change_due_dates({"quarterly_days_after": "90"})      # the returns are filed later in this group
    wait_ops(20_000)
    qtbot.waitUntil(lambda: not screen.reader.busy, timeout=20_000)
    duties = {(r[0], r[1]): r for r in _rows(screen.duties_model)}
    assert duties[("季度指标统计报送监管", "2026Q2")][2:4] == ["2026-09-28", "未到期"]
    settings = {r[0]: r for r in _rows(screen.settings_model)}
    assert settings["季度报送：季度结束后（天）"][1] == "90（已修改）"
    restore = screen.change_due_dates({})
    restore.buttons.button(restore.buttons.StandardButton.RestoreDefaults).click()
    restore.buttons.button(restore.buttons.StandardButton.Save).click()
    wait_ops(20_000)
    qtbot.waitUntil(lambda: not screen.reader.busy, timeout=20_000)
    assert {(r[0], r[1]): r for r in _rows(screen.duties_model)}[("季度指标统计报送监管", "2026Q2")][2] == "2026-07-30"


def test_a_policy_document_names_its_file_by_the_hash_of_the_file_chosen(open_home, db, qtbot, wait_ops, tmp_path,
                                                                          monkeypatch):
    import hashlib

    from PySide6.QtWidgets import QFileDialog, QLineEdit, QPushButton

    policy = tmp_path / "集中度风险管理办法.pdf"
    policy.write_bytes(b"%PDF-1.4 board-approved text")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(policy), ""))
    screen = open_home(db)
    dialog = screen.open_form("policy", {"title": "集中度风险管理办法", "version": "2026版",
                                         "approval_date": "2026-06-18"})
    field = dialog.widgets["file_sha256"]
    pick = [b for b in field.findChildren(QPushButton) if b.text() == "选择文件…"]
    assert len(pick) == 1
    qtbot.mouseClick(pick[0], Qt.MouseButton.LeftButton)
    digest = hashlib.sha256(policy.read_bytes()).hexdigest()
    assert field.findChild(QLineEdit, "sha256").text() == digest
    assert dialog.values()["file_sha256"] == digest
    _save(qtbot, dialog, screen, wait_ops)
    assert not dialog.isVisible(), dialog.error.text()
    with Store.open(db) as s:
        [doc] = [r for r in s.governance_records("policy") if r.get("title") == "集中度风险管理办法"]
        assert doc.get("file_sha256") == digest
