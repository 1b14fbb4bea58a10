"""The breach register (ui/breaches) on the demo group: the cases and their states, recording an event
(appended, earlier events unchanged, found again after reopening the database), closing refused with a
visible reason while the case is still flagged, closing accepted once a later snapshot shows it in range,
and the major-event banner."""
from __future__ import annotations

import pytest

from core.store import Store


@pytest.fixture
def open_screen(screen_on_session):
    """`open_screen(path, user=…)`: the breach register on `path`."""
    from ui.breaches.screen import BreachesScreen

    return lambda path, user="风险管理部 王敏": screen_on_session(BreachesScreen, path, user=user)


def case_by(screen, limit_id, key):
    found = [c for c in screen.model.cases if c.limit_id == limit_id and c.key == key]
    assert len(found) == 1, (limit_id, key, [(c.limit_id, c.key) for c in screen.model.cases])
    return found[0]


def test_register_lists_the_demo_cases_with_their_states(open_screen, db):
    screen = open_screen(db)
    with Store.open(db) as store:
        expected = {(c.limit_id, c.key, c.state, c.status) for c in store.list_cases()}
    assert len(expected) >= 5
    shown = {(c.limit_id, c.key, c.state, c.status) for c in screen.model.cases}
    assert shown == expected
    # the demo's cases are all still active (open, reported or mitigating): the default filter shows them all
    assert {c.state for c in screen.model.cases} == {"open", "reported", "mitigating"}
    assert sorted(screen.visible_case_ids()) == sorted(c.id for c in screen.model.cases)
    g01 = case_by(screen, "G01", "RE01")
    row = screen.model.row_of(g01.id)
    model = screen.model
    assert model.index(row, model.STATE).data() == "整改中"          # mitigating, as the demo handled it
    assert model.index(row, model.STATUS).data() == "超限"          # breach at 2025-06-30
    assert model.index(row, model.RATIO).data() == "5.25%"
    assert model.index(row, model.MAJOR).data() == "★"
    assert model.index(row, model.OWNER).data() == "投资管理部 张伟"
    g05 = case_by(screen, "G05", "K70")
    assert model.index(model.row_of(g05.id), model.KEY).data() == "K70 房地产业"      # wording.codes
    bk01 = case_by(screen, "G01", "BK01")
    assert model.index(model.row_of(bk01.id), model.STATE).data() == "已登记"
    # the selected major case shows the banner and its whole history
    screen.select_case(g01.id)
    assert screen.detail.banner.isVisible()
    with Store.open(db) as store:
        assert len(screen.detail.entries) == len(store.case_history(g01.id)) >= 4
    assert model.index(row, model.LIMIT).data().startswith("G01 单一交易对手集团")
    key_text = model.index(row, model.KEY).data()
    assert key_text.startswith("RE01 ") and len(key_text) > len("RE01 ")   # the group's name beside its key
    # the filter by state: nothing is closed
    screen.set_filters(state="closed")
    assert screen.visible_case_ids() == []
    screen.set_filters(state="mitigating")
    assert sorted(screen.visible_case_ids()) == sorted(c.id for c in screen.model.cases if c.state == "mitigating")
    screen.set_filters(state="active", major_only=True)
    assert screen.visible_case_ids() == [g01.id]
    screen.set_filters(state="active", limit_id="G01")
    assert {c.limit_id for c in screen.model.cases if c.id in screen.visible_case_ids()} == {"G01"}


def test_recording_an_event_appends_to_the_history(open_screen, db, qtbot, monkeypatch):
    screen = open_screen(db)
    g01 = case_by(screen, "G01", "BK01")
    with Store.open(db) as store:
        before = store.case_history(g01.id)
    assert screen.select_case(g01.id)
    confirmations = []
    monkeypatch.setattr(screen, "confirm_record", lambda case, lines: confirmations.append(lines) or True)
    ed = screen.editor
    ed.state.setCurrentIndex(ed.state.findData("reported"))
    ed.cause.setCurrentIndex(ed.cause.findData("market_movement"))
    ed.owner.setText("投资管理部 李强")
    ed.comment.setPlainText("已于7月3日向风险管理委员会报告")
    event_id = screen.record_event()
    assert event_id is not None
    assert len(confirmations) == 1 and any("投资管理部 李强" in line for line in confirmations[0])
    # the table and the timeline show it at once
    row = screen.model.row_of(g01.id)
    assert screen.model.index(row, screen.model.STATE).data() == "已报告"
    assert screen.model.index(row, screen.model.CAUSE).data() == "市场变动"
    assert screen.model.index(row, screen.model.OWNER).data() == "投资管理部 李强"
    newest = screen.detail.entries[0]
    assert newest["event_id"] == event_id and newest["who"] == "风险管理部 王敏"
    assert ("状态", "已报告", "已登记") in newest["changes"]
    assert len(screen.detail.entries) == len(before) + 1
    # reopen the database: the event is there, the earlier events are unchanged
    with Store.open(db) as store:
        after = store.case_history(g01.id)
    assert after[:len(before)] == before
    last = after[-1]
    assert (last.id, last.state, last.cause, last.owner, last.created_by) == (
        event_id, "reported", "market_movement", "投资管理部 李强", "风险管理部 王敏")
    assert last.comment == "已于7月3日向风险管理委员会报告"
    # only forward: "open" is no longer offered
    assert ed.state.findData("open") == -1 and ed.state.findData("mitigating") >= 0


def test_cancelled_confirmation_records_nothing(open_screen, db, monkeypatch):
    screen = open_screen(db)
    case = case_by(screen, "G01", "BK01")
    screen.select_case(case.id)
    monkeypatch.setattr(screen, "confirm_record", lambda case, lines: False)
    screen.editor.owner.setText("某人")
    assert screen.record_event() is None
    with Store.open(db) as store:
        assert store.get_case(case.id).owner is None
        assert len(store.case_history(case.id)) == len(screen.history)


def test_closing_a_case_still_flagged_is_refused_with_a_reason(open_screen, db, monkeypatch):
    screen = open_screen(db)
    monkeypatch.setattr(screen, "confirm_record", lambda case, lines: True)
    g01 = case_by(screen, "G01", "RE01")
    screen.select_case(g01.id)
    ed = screen.editor
    ed.state.setCurrentIndex(ed.state.findData("closed"))
    assert ed.evidence.isVisible()
    assert screen.record_event() is None
    assert ed.message.isVisible()
    assert "不能关闭" in ed.message.text() and "G01" in ed.message.text()
    with Store.open(db) as store:
        assert store.get_case(g01.id).state == "mitigating"


def _add_later_snapshot(db, drop_flag: tuple[str, str] | None):
    """A later snapshot (the 2025-06-30 data saved again) and an evaluation of it, optionally with one
    (limit, key) no longer flagged — without the case sweep, so that the cases are not observed again."""
    with Store.open(db) as store:
        latest = store.list_snapshots()[0]
        result = next(e.result for e in store.evaluations_for(latest.id) if "stress" not in e.limit_set_ref)
        sid = store.save_snapshot(store.load_snapshot(latest.id), "测试", source="test:later")
        if drop_flag:
            for entry in result["limits"]:
                if entry["limit_id"] == drop_flag[0]:
                    entry["flagged"] = [f for f in entry.get("flagged") or [] if f["key"] != drop_flag[1]]
                    if entry["key"] == drop_flag[1]:
                        entry["status"] = "ok"
        return store.save_evaluation(sid, {"source": "snapshot"}, result, None, "测试")


def test_closing_names_the_later_snapshot_that_still_flags_it(open_screen, db, monkeypatch):
    _add_later_snapshot(db, None)
    screen = open_screen(db)
    monkeypatch.setattr(screen, "confirm_record", lambda case, lines: True)
    g01 = case_by(screen, "G01", "RE01")
    screen.select_case(g01.id)
    ed = screen.editor
    assert ed.evidence.count() == 1 and ed.evidence.currentData() is not None
    ed.state.setCurrentIndex(ed.state.findData("closed"))
    assert screen.record_event() is None
    assert "2025-06-30" in ed.message.text() and "预警或超限" in ed.message.text()


def test_closing_with_a_later_snapshot_in_range(open_screen, db, monkeypatch):
    evaluation = _add_later_snapshot(db, ("G01", "RE01"))
    screen = open_screen(db)
    monkeypatch.setattr(screen, "confirm_record", lambda case, lines: True)
    g01 = case_by(screen, "G01", "RE01")
    screen.select_case(g01.id)
    ed = screen.editor
    ed.state.setCurrentIndex(ed.state.findData("closed"))
    ed.comment.setPlainText("已回到限额内")
    assert screen.record_event() is not None
    with Store.open(db) as store:
        last = store.case_history(g01.id)[-1]
    assert (last.action, last.state, last.evaluation_id) == ("closed", "closed", evaluation)
    # closed: gone from the active list, editor disabled
    assert g01.id not in screen.visible_case_ids()
    screen.set_filters(state="closed")
    assert screen.visible_case_ids() == [g01.id]
    assert not screen.editor.record_button.isEnabled()
    assert screen.editor.closed_note.isVisible()
    screen.set_filters(state=None)
    screen.select_case(g01.id)
    assert screen.detail.entries[0]["title"] == "关闭：2025-06-30 快照显示已回到限额内"
    assert screen.detail.entries[0]["comment"] == "已回到限额内"


def test_marking_major_shows_the_banner(open_screen, db, monkeypatch):
    screen = open_screen(db)
    monkeypatch.setattr(screen, "confirm_record", lambda case, lines: True)
    case = case_by(screen, "G01", "BK01")
    screen.select_case(case.id)
    assert not screen.detail.banner.isVisible()
    screen.editor.major.setChecked(True)
    screen.editor.plan.setPlainText("三个月内压降BK01集团同业存单10亿元")
    assert screen.record_event() is not None
    assert screen.detail.banner.isVisible()
    assert screen.detail.banner.text() == "重大集中度风险事件 — 应立即向董事会报告"
    row = screen.model.row_of(case.id)
    assert screen.model.index(row, screen.model.MAJOR).data() == "★"
    screen.set_filters(state="active", major_only=True)
    assert case.id in screen.visible_case_ids() and len(screen.visible_case_ids()) == 2   # and G01 RE01
    # a case not marked has no banner
    other = next(c for c in screen.model.cases if not c.major_event and c.id != case.id)
    screen.set_filters(state="active")
    screen.select_case(other.id)
    assert not screen.detail.banner.isVisible()


def test_overdue_due_date_is_red(open_screen, db, monkeypatch):
    from datetime import date, timedelta

    from PySide6.QtCore import Qt

    with Store.open(db) as store:
        late, fine = store.list_cases("open")[:2]
        store.record_case_event(late.id, "测试", due_date=date(2020, 1, 31), owner="甲")
        store.record_case_event(fine.id, "测试", due_date=date.today() + timedelta(days=30), owner="乙")
        overdue = sum(c.due_date is not None and c.due_date < date.today() for c in store.list_cases("active"))
    screen = open_screen(db)
    index = screen.model.index(screen.model.row_of(late.id), screen.model.DUE)
    assert index.data() == "2020-01-31"
    assert index.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"
    assert f"{overdue} 项逾期" in screen.counts.text()
    # a date in the future is not overdue
    index = screen.model.index(screen.model.row_of(fine.id), screen.model.DUE)
    assert index.data(Qt.ItemDataRole.ForegroundRole) is None


# ------------------------------------------------------------------------------------------ screenshot
def test_screenshot_in_the_main_window(qtbot, wait_ops, db, tmp_path):
    """The register inside the main window, 1400×900, Chinese, after a quarter of follow-up on the demo cases.
    With RISKDESK_SCREENSHOTS=1 it writes docs/breach-register.png:

        RISKDESK_SCREENSHOTS=1 QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest \\
            tests/ui/test_breaches_screen.py -q -k screenshot
    """
    import os
    from datetime import date, timedelta
    from pathlib import Path

    from ui import settings
    from ui.main_window import MainWindow
    from ui.session import Session

    with Store.open(db) as store:
        g01 = next(c.id for c in store.list_cases() if (c.limit_id, c.key) == ("G01", "RE01"))
        store.record_case_event(g01, "风险管理部 王敏", due_date=date.today() + timedelta(days=45),
                                comment="首批转让2.1亿元已完成，比例降至5.04%（管理口径），仍高于限额")
    settings.write(settings.WINDOW_SCREEN, "breaches")
    session = Session(db_path=db, user="风险管理部 王敏")
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window.page_state("breaches") in ("ready", "broken"), timeout=30_000)
    screen = window.screen_widget("breaches")
    assert screen is not None, window.page_state("breaches")
    qtbot.waitUntil(lambda: len(screen.model.cases) > 0, timeout=20_000)
    wait_ops(20_000)
    screen.select_case(g01)
    qtbot.wait(200)
    assert screen.detail.banner.isVisible()
    assert screen.detail.entries[0]["comment"].startswith("首批转让")
    assert window.nav.currentItem().text() == "超限台账"
    out = Path(__file__).resolve().parents[2] / "docs" if os.environ.get("RISKDESK_SCREENSHOTS") else tmp_path
    out.mkdir(exist_ok=True)
    path = out / "breach-register.png"
    assert window.grab().save(str(path))
    assert path.stat().st_size > 50_000
    window.close()
    session.close()


def test_switching_cases_shows_each_cases_own_values(open_screen, db):
    screen = open_screen(db)
    first = screen.model.cases[0]
    second = next(c for c in screen.model.cases[1:] if c.cause is None)   # nothing of its own to show
    screen.select_case(first.id)
    ed = screen.editor
    ed.state.setCurrentIndex(ed.state.findData("mitigating"))
    ed.cause.setCurrentIndex(ed.cause.findData("other"))
    ed.owner.setText("草稿")
    assert screen.has_draft()
    screen.select_case(second.id)
    assert ed.case.id == second.id
    assert ed.state.currentData() is None and ed.cause.currentData() is None and ed.owner.text() == ""
    assert not screen.has_draft()


def test_an_event_needs_a_user_name(open_screen, db, monkeypatch):
    screen = open_screen(db, user="")
    monkeypatch.setattr(screen, "confirm_record", lambda case, lines: True)
    case = screen.model.cases[0]
    screen.select_case(case.id)
    screen.editor.owner.setText("某人")
    assert screen.record_event() is None
    assert "用户名" in screen.editor.message.text()
    with Store.open(db) as store:
        assert len(store.case_history(case.id)) == len(screen.history)


def test_english_interface(open_screen, db):
    from PySide6.QtCore import QCoreApplication

    from ui.common import i18n

    screen = open_screen(db)
    g01 = case_by(screen, "G01", "BK01")
    screen.select_case(g01.id)
    i18n.set_language("en")
    QCoreApplication.processEvents()            # LanguageChange is posted to every widget
    assert screen.title.text() == "Breach register"
    row = screen.model.row_of(g01.id)
    assert screen.model.index(row, screen.model.STATUS).data() == "Warning"
    assert screen.model.index(row, screen.model.STATE).data() == "Open"
    assert screen.editor.state.itemText(0) == "Unchanged (Open)"
    assert screen.detail.entries[-1]["title"] == "Opened by the evaluation of snapshot 2025-06-30"
    i18n.set_language("zh_CN")
    QCoreApplication.processEvents()
    assert screen.title.text() == "超限台账"
    assert screen.model.index(row, screen.model.STATE).data() == "已登记"


def test_reload_reads_new_cases_but_not_the_same_snapshot_twice(open_screen, db, qtbot, monkeypatch):
    screen = open_screen(db)
    assert screen.data.names and screen.data.name_snapshots
    loads = []
    original = Store.load_snapshot
    monkeypatch.setattr(Store, "load_snapshot", lambda self, sid: loads.append(sid) or original(self, sid))
    with Store.open(db) as store:
        case = store.list_cases("open")[0]
        store.record_case_event(case.id, "另一窗口的用户", owner="丙")
    with qtbot.waitSignal(screen.loaded, timeout=20_000):
        screen.reload()
    assert loads == []
    row = screen.model.row_of(case.id)
    assert screen.model.index(row, screen.model.OWNER).data() == "丙"
    g01 = case_by(screen, "G01", "RE01")
    assert screen.model.index(screen.model.row_of(g01.id), screen.model.KEY).data().startswith("RE01 融达")


def test_a_withdrawn_snapshot_leaves_its_cases_and_is_no_evidence(open_screen, db, monkeypatch):
    """A later snapshot that showed G01/RE01 back in range but was imported by mistake, and withdrawn: the case
    stays as it is and that evaluation is not offered as evidence. A case flagged by a withdrawn snapshot's
    evaluation keeps its event, which says the snapshot was withdrawn since."""
    evaluation = _add_later_snapshot(db, ("G01", "RE01"))
    with Store.open(db) as store:
        sweep = store.open_cases_from_evaluation(evaluation, user="测试")     # G01/BK01 flagged again
        assert sweep.observed
        store.withdraw_snapshot(store.load_evaluation(evaluation).snapshot_id, "测试", "导入错误")
        active = {c.id: c.state for c in store.list_cases(state="active")}
    screen = open_screen(db)
    monkeypatch.setattr(screen, "confirm_record", lambda case, lines: True)
    assert {c.id: c.state for c in screen.model.cases if c.state != "closed"} == active
    g01 = case_by(screen, "G01", "RE01")
    screen.select_case(g01.id)
    ed = screen.editor
    assert evaluation not in [ed.evidence.itemData(i) for i in range(ed.evidence.count())]
    ed.state.setCurrentIndex(ed.state.findData("closed"))
    assert screen.record_event() is None                   # no later snapshot in use shows it in range
    with Store.open(db) as store:
        assert store.get_case(g01.id).state == g01.state
    observed = next(c for c in screen.model.cases if c.id == sweep.observed[0])
    screen.select_case(observed.id)
    assert "2025-06-30（该快照已撤回）" in screen.detail.entries[0]["title"]


def test_english_words_are_not_cut_and_the_editor_fits_its_panel(open_screen, db, qtbot):
    """"Mitigating" and "Market movement" are wider than "整改中" and "市场变动": after the switch to English
    the state and cause columns fit their words, and the major-event tick box's long text is elided (its
    tooltip whole) instead of widening the editor past its panel."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QFontMetrics

    from ui.breaches.models import CasesModel
    from ui.common import i18n

    screen = open_screen(db)
    screen.resize(1240, 850)
    screen.show()
    i18n.set_language("en")
    QCoreApplication.processEvents()
    qtbot.wait(10)
    for col in (CasesModel.STATE, CasesModel.CAUSE):
        for row in range(screen.model.rowCount()):
            index = screen.model.index(row, col)
            font = index.data(Qt.ItemDataRole.FontRole)
            fm = QFontMetrics(font) if font is not None else screen.table.fontMetrics()
            assert screen.table.columnWidth(col) >= fm.horizontalAdvance(index.data() or "") + 8, index.data()
    editor = screen.editor
    assert editor.width() <= editor.parentWidget().width()
    assert editor.major.toolTip() in ("", editor.major.text())


def test_a_member_officer_is_told_that_a_group_case_is_not_theirs(open_screen, db, monkeypatch):
    """The demo declares roles: its LIFE member officer handles LIFE's cases only (guideline Art 10). On a
    group limit's case the register refuses in a sentence that names the roles needed, and nothing is stored."""
    from core.demo import MEMBER_OFFICER

    screen = open_screen(db, user=MEMBER_OFFICER)
    monkeypatch.setattr(screen, "confirm_record", lambda case, lines: True)
    g01 = case_by(screen, "G01", "BK01")
    screen.select_case(g01.id)
    screen.editor.comment.setPlainText("人寿公司试图处理集团限额")
    assert screen.record_event() is None
    text = screen.editor.message.text()
    assert MEMBER_OFFICER in text and "牵头部门" in text and "role_required" not in text
    with Store.open(db) as store:
        assert len(store.case_history(g01.id)) == len(screen.history)


def test_names_come_by_key_without_loading_a_whole_snapshot(open_screen, db, monkeypatch):
    # at a million exposures a whole snapshot takes seconds to load; the register names its cases' keys by
    # id from the stored blocks (issue 15), with the same words as from the whole snapshot
    from ui.breaches import models

    with Store.open(db) as store:
        whole = models.load_register(store)                  # by key (the demo is stored as blocks)
        monkeypatch.setattr(models, "_read_names_by_key", lambda *a: False)
        reference = models.load_register(store)              # the whole snapshots, as before
    monkeypatch.undo()
    assert [whole.key_text(c.limit_id, c.key) for c in whole.cases] == \
        [reference.key_text(c.limit_id, c.key) for c in reference.cases]
    monkeypatch.setattr(Store, "load_snapshot", lambda self, sid: pytest.fail("a whole snapshot was loaded"))
    screen = open_screen(db)
    g01 = case_by(screen, "G01", "RE01")
    assert screen.model.index(screen.model.row_of(g01.id), screen.model.KEY).data().startswith("RE01 融达")
    single = [c for c in screen.model.cases if screen.data.limits[c.limit_id].dimension == "single_asset"]
    assert single and all(" " in screen.model.index(screen.model.row_of(c.id), screen.model.KEY).data()
                          for c in single)                   # the issuer's name beside the instrument
