"""The breach register (ui/breaches) on the demo group: the cases and their states, recording an event
(appended, earlier events unchanged, found again after reopening the database), closing refused with a
visible reason while the case is still flagged, closing accepted once a later snapshot shows it in range,
and the major-event banner."""
from __future__ import annotations

import pytest

from core.demo import load_demo
from core.store import Store


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    """The demo loaded once; each test works on a copy of the file."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    store = Store.open(path)
    try:
        load_demo(store)
    finally:
        store.close()
    return path


@pytest.fixture
def db(tmp_path, demo_template):
    target = tmp_path / "register.sqlite"
    src = Store.open(demo_template)
    try:
        src.backup_to(target)
    finally:
        src.close()
    return target


@pytest.fixture
def open_screen(qtbot, wait_ops):
    made = []

    def make(path, user="风险管理部 王敏"):
        from ui.breaches.screen import BreachesScreen
        from ui.session import Session

        session = Session(db_path=path, user=user)
        screen = BreachesScreen(session)
        qtbot.addWidget(screen)
        screen.resize(1250, 820)
        screen.show()
        with qtbot.waitSignal(screen.loaded, timeout=20_000):
            op = session.open_store(screen)
        wait_ops(20_000)
        assert op is not None
        made.append(session)
        return screen

    yield make
    for session in made:
        session.close()


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
    # every demo case is open and active: the default filter (active) shows them all
    assert sorted(screen.visible_case_ids()) == sorted(c.id for c in screen.model.cases)
    g01 = case_by(screen, "G01", "RE01")
    row = screen.model.row_of(g01.id)
    model = screen.model
    assert model.index(row, model.STATE).data() == "待处理"
    assert model.index(row, model.STATUS).data() == "超限"          # breach at 2025-06-30
    assert model.index(row, model.RATIO).data() == "5.25%"
    assert model.index(row, model.LIMIT).data().startswith("G01 单一交易对手集团")
    key_text = model.index(row, model.KEY).data()
    assert key_text.startswith("RE01 ") and len(key_text) > len("RE01 ")   # the group's name beside its key
    # the filter by state: nothing is closed
    screen.set_filters(state="closed")
    assert screen.visible_case_ids() == []
    screen.set_filters(state="active", limit_id="G01")
    assert {c.limit_id for c in screen.model.cases if c.id in screen.visible_case_ids()} == {"G01"}


def test_recording_an_event_appends_to_the_history(open_screen, db, qtbot, monkeypatch):
    screen = open_screen(db)
    g01 = case_by(screen, "G01", "RE01")
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
    assert screen.model.index(row, screen.model.CAUSE).data() == "市场波动"
    assert screen.model.index(row, screen.model.OWNER).data() == "投资管理部 李强"
    newest = screen.detail.entries[0]
    assert newest["event_id"] == event_id and newest["who"] == "风险管理部 王敏"
    assert ("状态", "已报告", "待处理") in newest["changes"]
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
    case = screen.model.cases[0]
    screen.select_case(case.id)
    monkeypatch.setattr(screen, "confirm_record", lambda case, lines: False)
    screen.editor.owner.setText("某人")
    assert screen.record_event() is None
    with Store.open(db) as store:
        assert store.get_case(case.id).owner is None


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
        assert store.get_case(g01.id).state == "open"


def _add_later_snapshot(db, drop_flag: tuple[str, str] | None):
    """A later snapshot (the 2025-06-30 data saved again) and an evaluation of it, optionally with one
    (limit, key) no longer flagged — without the case sweep, so that the cases are not observed again."""
    with Store.open(db) as store:
        latest = store.list_snapshots()[0]
        result = store.evaluations_for(latest.id)[0].result
        sid = store.save_snapshot(store.load_snapshot(latest.id), "测试", source="test:later")
        if drop_flag:
            for entry in result["limits"]:
                if entry["limit_id"] == drop_flag[0]:
                    entry["flagged"] = [f for f in entry["flagged"] if f["key"] != drop_flag[1]]
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


def test_marking_major_shows_the_banner(open_screen, db, monkeypatch):
    screen = open_screen(db)
    monkeypatch.setattr(screen, "confirm_record", lambda case, lines: True)
    case = case_by(screen, "G01", "RE01")
    screen.select_case(case.id)
    assert not screen.detail.banner.isVisible()
    screen.editor.major.setChecked(True)
    screen.editor.plan.setPlainText("三个月内减持RE01集团债券20亿元")
    assert screen.record_event() is not None
    assert screen.detail.banner.isVisible()
    assert screen.detail.banner.text() == "重大集中度风险事件 — 应立即向董事会报告"
    row = screen.model.row_of(case.id)
    assert screen.model.index(row, screen.model.MAJOR).data() == "★"
    screen.set_filters(state="active", major_only=True)
    assert screen.visible_case_ids() == [case.id]
    # another case has no banner
    other = next(c for c in screen.model.cases if c.id != case.id)
    screen.set_filters(state="active")
    screen.select_case(other.id)
    assert not screen.detail.banner.isVisible()


def test_overdue_due_date_is_red(open_screen, db, monkeypatch):
    from datetime import date

    with Store.open(db) as store:
        case = store.list_cases()[0]
        store.record_case_event(case.id, "测试", due_date=date(2020, 1, 31), owner="甲")
    screen = open_screen(db)
    row = screen.model.row_of(case.id)
    index = screen.model.index(row, screen.model.DUE)
    assert index.data() == "2020-01-31"
    from PySide6.QtCore import Qt

    assert index.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"
    assert "1 项逾期" in screen.counts.text()
    # a date in the future is not overdue
    other = screen.model.row_of(screen.model.cases[1].id)
    assert screen.model.index(other, screen.model.DUE).data(Qt.ItemDataRole.ForegroundRole) is None


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
        cases = {(c.limit_id, c.key): c.id for c in store.list_cases()}
        g01 = cases[("G01", "RE01")]
        store.record_case_event(g01, "风险管理部 王敏", state="reported", cause="market_movement",
                                owner="投资管理部 李强", due_date=date.today() + timedelta(days=45),
                                analysis="RE01集团所属企业债券估值上升，叠加二季度新增配置，集团口径集中度由4.55%升至5.25%，"
                                         "超过5%的限额。",
                                comment="已于2025年7月3日向首席风险官报告")
        store.record_case_event(g01, "首席风险官 陈立", major_event=True,
                                comment="超限幅度及关联交易因素叠加，认定为重大集中度风险事件，即报董事会风险管理委员会")
        store.record_case_event(g01, "投资管理部 李强", state="mitigating",
                                mitigation_plan="三季度内分批减持RE01集团债券约8亿元，暂停新增该集团授信类投资；"
                                                "期限前回到4%预警值以下。")
        l05 = cases[("L05", "other_financial")]
        store.record_case_event(l05, "风险管理部 王敏", state="reported", cause="new_business", owner="澄川人寿 资产负债管理部",
                                due_date=date.today() - timedelta(days=12), comment="寿险公司其他金融资产占比接近监管比例上限")
        g05 = cases[("G05", "K70")]
        store.record_case_event(g05, "风险管理部 王敏", cause="market_movement", owner="投资管理部 周洁",
                                due_date=date.today() + timedelta(days=100))
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
    assert len(screen.detail.entries) == 5
    assert window.nav.currentItem().text() == "超限台账"
    out = Path(__file__).resolve().parents[2] / "docs" if os.environ.get("RISKDESK_SCREENSHOTS") else tmp_path
    out.mkdir(exist_ok=True)
    path = out / "breach-register.png"
    assert window.grab().save(str(path))
    assert path.stat().st_size > 50_000
    window.close()
    session.close()
