"""The concentration screens on the shared example small-group: dry run, import, dashboard, dimension view,
drill-down — on a real database in a temporary folder, offscreen."""
from __future__ import annotations

import shutil
import threading

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "small-group"


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "riskdesk.sqlite"


@pytest.fixture
def session(db_path, qtbot):
    from ui.session import Session

    s = Session(db_path=db_path, user="测试员")
    s.open_store()
    qtbot.waitUntil(lambda: s.store is not None, timeout=15_000)
    yield s
    s.close()


def _screen(session, qtbot, wait_ops):
    from ui.concentration.screen import ConcentrationScreen

    screen = ConcentrationScreen(session)
    qtbot.addWidget(screen)
    screen.resize(1400, 900)
    wait_ops()
    return screen


@pytest.fixture
def screen(session, qtbot, wait_ops):
    return _screen(session, qtbot, wait_ops)


@pytest.fixture
def stored(session, db_path):
    """small-group stored through core's one import path before the screen is built."""
    from core.concentration.snapshots import preview_import, store_snapshot
    from core.store import Store

    store = Store.open(db_path)
    try:
        outcome = store_snapshot(store, preview_import(EXAMPLE), "fixture", source=str(EXAMPLE))
    finally:
        store.close()
    return outcome


@pytest.fixture
def loaded(stored, session, qtbot, wait_ops):
    screen = _screen(session, qtbot, wait_ops)
    qtbot.waitUntil(lambda: screen.view is not None, timeout=15_000)
    return screen


def _preview(screen, path, wait_ops):
    screen.import_page.request_preview(str(path))
    assert screen.import_page.busy            # the button and drop zone wait for the worker
    wait_ops(30_000)
    assert not screen.import_page.busy


# --------------------------------------------------------------------------------------------- import
def test_dry_run_of_small_group_has_no_errors_and_enables_import(screen, wait_ops):
    page = screen.import_page
    assert not page.import_button.isEnabled()
    _preview(screen, EXAMPLE, wait_ops)
    assert page.preview.ok
    assert page.errors() == 0
    assert page.problems_model.rowCount() == 0
    assert page.import_button.isEnabled()
    v = page.count_values
    assert v["as_of"].text() == "2025-06-30"
    assert v["members"].text() == "3"
    assert v["counterparties"].text() == "15"
    assert v["exposures"].text().startswith("20")
    assert page.limits_model.counts() == {"ok": 3, "warning": 4, "breach": 2, "no_basis": 0}


def test_broken_amount_is_listed_with_its_place_and_import_stays_disabled(screen, wait_ops, tmp_path):
    from ui.concentration.models import ProblemsModel

    broken = tmp_path / "broken"
    shutil.copytree(EXAMPLE, broken)
    exposures = broken / "exposures.csv"
    text = exposures.read_text(encoding="utf-8")
    assert ",1000000000,,," in text
    exposures.write_text(text.replace("E05,PC,RE1B,BD-RE1B-2027,fixed_income,false,true,1000000000",
                                      "E05,PC,RE1B,BD-RE1B-2027,fixed_income,false,true,12亿"), encoding="utf-8")
    _preview(screen, broken, wait_ops)
    page = screen.import_page
    m = page.problems_model
    assert not page.preview.ok
    assert not page.import_button.isEnabled()
    rows = [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]
    hit = [r for r in rows if r[ProblemsModel.FILE] == "exposures.csv" and r[ProblemsModel.COLUMN] == "amount"]
    assert hit, rows
    assert hit[0][ProblemsModel.ROW] == "6"
    assert hit[0][ProblemsModel.VALUE] == "12亿"
    assert "数字" in hit[0][ProblemsModel.MESSAGE]        # worded in the interface language (Chinese)
    assert screen.import_page.limits_model.rowCount() == 0
    page._import_clicked()                               # even if called, nothing is stored
    assert screen.store.list_snapshots() == []


def test_dry_run_and_loading_run_off_the_gui_thread(screen, wait_ops, monkeypatch, stored):
    import ui.concentration.screen as mod

    threads = []
    real_preview, real_load = mod.preview_and_view, mod.load_view
    monkeypatch.setattr(mod, "preview_and_view", lambda p, *a: (threads.append(threading.current_thread()),
                                                               real_preview(p, *a))[1])
    monkeypatch.setattr(mod, "load_view", lambda s, i: (threads.append(threading.current_thread()),
                                                        real_load(s, i))[1])
    _preview(screen, EXAMPLE, wait_ops)
    screen.load_snapshot(stored.snapshot_id)
    wait_ops(30_000)
    assert len(threads) == 2
    assert all(t is not threading.main_thread() for t in threads)


def test_import_stores_a_snapshot_and_shows_the_dashboard(screen, wait_ops, db_path, qtbot):
    from core.store import Store

    _preview(screen, EXAMPLE, wait_ops)
    with qtbot.waitSignal(screen.imported, timeout=30_000):
        screen.import_page.import_button.click()
    wait_ops(30_000)
    qtbot.waitUntil(lambda: screen.view is not None, timeout=15_000)
    reopened = Store.open(db_path)
    try:
        snaps = reopened.list_snapshots()
        assert [s.as_of.isoformat() for s in snaps] == ["2025-06-30"]
        assert snaps[0].n_exposures == 20
        assert snaps[0].created_by == "测试员"
        assert len(reopened.evaluations_for(snaps[0].id)) == 1
        n_cases = len(reopened.list_cases())
    finally:
        reopened.close()
    outcome = screen.last_outcome
    assert outcome.snapshot_id == snaps[0].id
    assert n_cases == len(outcome.opened_cases) > 0
    assert screen.view.snapshot_id == snaps[0].id
    assert screen.snapshot_combo.currentData() == snaps[0].id
    assert screen.tabs.currentIndex() == screen.DASHBOARD
    assert str(len(outcome.opened_cases)) in screen.import_page.status.text()
    assert not screen.import_page.import_button.isEnabled()   # the same preview cannot be stored twice


def test_opens_on_the_limit_dashboard_when_data_is_stored(loaded):
    assert loaded.tabs.currentIndex() == loaded.DASHBOARD


def test_opens_on_the_import_form_when_nothing_is_stored(screen):
    assert screen.view is None and screen.tabs.currentIndex() == screen.IMPORT


def test_dropping_a_folder_starts_the_dry_run(screen, wait_ops):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(EXAMPLE))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    screen.dropEvent(event)
    assert screen.tabs.currentIndex() == screen.IMPORT
    wait_ops(30_000)
    assert screen.import_page.preview is not None and screen.import_page.preview.ok
    bad = QMimeData()
    bad.setUrls([QUrl.fromLocalFile(str(EXAMPLE / "limits.csv"))])   # a CSV file alone is not a data set
    from ui.concentration.import_page import dropped_path

    assert dropped_path(bad) is None


# ------------------------------------------------------------------------------------------ dashboard
def test_dashboard_counts_two_breaches_four_warnings_and_l01_breach(loaded):
    from ui.concentration.models import RAW, STATUS, LimitsModel

    d = loaded.dashboard
    assert loaded.snapshot_combo.count() == 1
    assert d.counts() == {"ok": 3, "warning": 4, "breach": 2, "no_basis": 0}
    assert not d.cards["no_basis"].isVisibleTo(d)          # shown only when a limit cannot be measured
    assert d.cards["breach"].number.text() == "2"
    assert d.cards["warning"].number.text() == "4"
    assert d.alloc_card.number.text() == "1"
    assert "L03" in d.alloc_text.text()
    m = d.model
    row = [m.row(r)["limit_id"] for r in range(m.rowCount())].index("L01")
    assert m.index(row, LimitsModel.STATUS_COL).data(STATUS) == "breach"
    assert m.index(row, LimitsModel.KEY).data(RAW) == "BANK1"
    assert m.index(row, LimitsModel.KEY).data() == "BANK1 某国有大型商业银行"
    assert m.index(row, LimitsModel.EXPOSURE).data() == "100.00"          # 亿元
    assert m.index(row, LimitsModel.RATIO).data() == "10.00%"
    assert m.index(row, LimitsModel.UTILISATION).data() == "125.0%"
    # worst first: breaches sort to the top
    top = d.proxy.index(0, LimitsModel.STATUS_COL).data(STATUS)
    assert top == "breach"


def test_filter_by_scope_life_shows_only_life_limits(loaded):
    d = loaded.dashboard
    d.set_filters("LIFE", None)
    shown = d.visible_limits()
    assert sorted(shown) == ["L04", "L05", "L06", "L07", "L08"]
    assert all(d.model.row([d.model.row(r)["limit_id"] for r in range(d.model.rowCount())].index(x))["scope"]
               == "LIFE" for x in shown)
    d.set_filters(None, "industry")
    assert sorted(d.visible_limits()) == ["L03", "L08", "L09"]
    d.set_filters(None, None)
    assert len(d.visible_limits()) == 9


def test_double_click_on_a_limit_opens_its_dimension_with_flagged_keys(loaded, qtbot):
    from ui.concentration.models import STATUS, LimitsModel

    d = loaded.dashboard
    proxy_row = d.visible_limits().index("L01")
    d._activated(d.proxy.index(proxy_row, LimitsModel.NAME))
    assert loaded.tabs.currentIndex() == loaded.DIMENSION
    dim = loaded.dimension
    assert dim.current() == ("group", "counterparty_group")
    assert dim.highlight == {"BANK1": "breach", "RE1": "warning"}
    m = dim.model
    assert m.index(0, 0).data(STATUS) == "breach"
    assert m.index(1, 0).data(STATUS) == "warning"
    assert m.index(2, 0).data(STATUS) is None
    assert dim.table.selectionModel().selectedRows()[0].row() == 0    # the worst key is selected
    from ui.concentration.models import SumsModel

    assert not dim.table.isColumnHidden(SumsModel.RATIO)              # ratios to the limit's basis
    assert m.index(0, SumsModel.RATIO).data() == "10.00%"
    assert m.index(1, SumsModel.RATIO).data() == "7.20%"
    dim.dimension_combo.setCurrentIndex(dim.dimension_combo.findData("industry"))
    assert dim.table.isColumnHidden(SumsModel.RATIO) and dim.highlight == {}


# ------------------------------------------------------------------------------------ dimension view
def test_counterparty_group_at_group_scope_has_bank1_first(loaded):
    from ui.concentration.models import RAW, SumsModel

    dim = loaded.dimension
    # with the limit on counterparty groups in focus: what counts against it first, the exempt ones last
    dim.show_dimension("group", "counterparty_group", "L01")
    m = dim.model
    assert m.key_at(0) == "BANK1"
    keys = [m.key_at(r) for r in range(m.rowCount())]
    assert keys[-2:] == ["CDB", "GOV"] or set(keys[-2:]) == {"CDB", "GOV"}   # exempt: counted 0, last
    # without a limit: by total (exempt included), the basis of the shares, the indices and the chart
    dim.show_dimension("group", "counterparty_group")
    assert [m.key_at(r) for r in range(2)] == ["GOV", "BANK1"]
    assert m.index(1, SumsModel.NAME).data() == "某国有大型商业银行"
    assert m.index(1, SumsModel.TOTAL).data() == "100.00"
    assert m.index(1, SumsModel.TOTAL).data(RAW) == 1_000_000_000_000
    # shares of the dimension total (exempt included), cumulating to 100%
    total = sum(m.index(r, SumsModel.TOTAL).data(RAW) for r in range(m.rowCount()))
    assert total == 5_200_000_000_000      # E16's uncovered 0.3e9 is UNKNOWN's (AMCO manages it, owes nothing)
    assert m.index(m.rowCount() - 1, SumsModel.CUMULATIVE).data() == "100.00%"
    assert dim.cards["hhi"].value.text() == "0.2176"
    assert dim.cards["top1"].value.text() == "38.46%"
    assert [k for k, _ in m.top(10)][:2] == ["GOV", "BANK1"]
    # the chart drew ten bars with Chinese names
    ax = dim.chart.figure.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "某国有大型商业银行" in labels and len(ax.patches) == 10


def test_scope_selector_shows_member_sums(loaded):
    dim = loaded.dimension
    dim.show_dimension("PC", "counterparty_group")
    assert [dim.model.key_at(r) for r in range(dim.model.rowCount())] == ["BANK1", "RE1"]
    assert dim.cards["n_keys"].value.text() == "2"


def test_drill_down_from_bank1_to_members_to_exposures(loaded, wait_ops):
    dim = loaded.dimension
    dim.show_dimension("group", "counterparty_group")
    dim.table.selectRow(dim.model.row_of_key("BANK1"))
    drill = dim.drill
    assert drill.current_kind() == "members"
    ids = [drill.model.value(r, "counterparty_id") for r in range(drill.model.rowCount())]
    assert ids == ["BANK1", "BANK1SUB"]
    assert not drill.back_button.isEnabled()
    drill._clicked(drill.model.index(1, 0))                   # BANK1SUB
    assert drill.current_kind() == "exposures"
    wait_ops()
    assert [drill.model.value(r, "exposure_id") for r in range(drill.model.rowCount())] == ["E03"]
    assert drill.back_button.isEnabled()
    drill.back()
    assert drill.current_kind() == "members"
    drill.all_button.click()
    wait_ops()
    assert sorted(drill.model.value(r, "exposure_id") for r in range(drill.model.rowCount())) == \
        ["E02", "E03", "E12"]


def test_drill_down_shows_the_look_through_path(loaded, wait_ops):
    dim = loaded.dimension
    dim.show_dimension("group", "counterparty_group")
    assert dim.select_key("RE1")
    dim.drill.open_counterparty("RE1")
    wait_ops()
    paths = dim.drill.exposure_paths()
    assert "E06 TRUST-PLAN-7 → E06A" in paths
    assert "E16 AMP-LIFE-01 → E16A" in paths
    ids = [dim.drill.model.value(r, "exposure_id") for r in range(dim.drill.model.rowCount())]
    assert set(ids) == {"E06A", "E16A", "E10"}
    assert "交易对手" in dim.drill.crumbs.text() or "Counterparty" in dim.drill.crumbs.text()


def test_chinese_texts_and_english_switch_live(loaded, qtbot):
    from ui.common import i18n
    from ui.concentration.models import LimitsModel

    d = loaded.dashboard
    row = d.visible_limits().index("L01")
    assert loaded.tabs.tabText(loaded.DASHBOARD) == "限额仪表盘"
    assert d.proxy.index(row, LimitsModel.STATUS_COL).data() == "超限"
    assert d.model.headerData(LimitsModel.EXPOSURE, Qt.Orientation.Horizontal) == "敞口 (亿元)"
    i18n.set_language("en")
    qtbot.waitUntil(lambda: loaded.tabs.tabText(loaded.DASHBOARD) == "Limit dashboard", timeout=5_000)
    assert d.proxy.index(row, LimitsModel.STATUS_COL).data() == "Breach"
    assert d.model.headerData(LimitsModel.EXPOSURE, Qt.Orientation.Horizontal) == "Exposure (CNY bn)"
    assert d.model.index(0, LimitsModel.EXPOSURE).data() in ("10.00", "5.00", "2.50", "7.20", "5.50", "3.00",
                                                             "8.00", "5.70", "1.50")   # CNY bn
    i18n.set_language("zh_CN")
    qtbot.waitUntil(lambda: loaded.tabs.tabText(loaded.DASHBOARD) == "限额仪表盘", timeout=5_000)


def test_an_xlsx_workbook_is_previewed_like_the_folder(screen, wait_ops, tmp_path):
    import csv

    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for f in sorted(EXAMPLE.glob("*.csv")):
        sheet = book.create_sheet(f.stem)
        with f.open(encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                sheet.append(row)
    path = tmp_path / "small-group.xlsx"
    book.save(path)
    _preview(screen, path, wait_ops)
    page = screen.import_page
    assert page.preview.ok, page.problem_texts()
    assert page.import_button.isEnabled()
    assert page.limits_model.counts() == {"ok": 3, "warning": 4, "breach": 2, "no_basis": 0}


def test_problem_list_can_be_copied_with_places(screen, wait_ops, tmp_path):
    from PySide6.QtGui import QGuiApplication

    broken = tmp_path / "broken"
    shutil.copytree(EXAMPLE, broken)
    (broken / "members.csv").write_text(
        (EXAMPLE / "members.csv").read_text(encoding="utf-8").replace("60000000000", "六百亿"), encoding="utf-8")
    _preview(screen, broken, wait_ops)
    page = screen.import_page
    assert page.copy_button.isEnabled()
    page.copy_problems()
    text = QGuiApplication.clipboard().text()
    assert "members.csv" in text and "第 2 行" in text and "total_assets" in text


def _approve_raised_l01(store, limits, effective: str = "2025-01-01"):
    """An approved limit set version like the data's limits but with L01 at 20% (BANK1's 10% then fits)."""
    from decimal import Decimal

    rows = limits.copy()
    rows["limit"] = [Decimal("0.20") if lid == "L01" else v for lid, v in zip(rows["limit_id"], rows["limit"])]
    lsid = store.create_limit_set("group", "maker")
    pid = store.create_proposal(lsid, rows, "maker", "raise L01", effective)
    store.decide(pid, "checker", "approve")
    return lsid, store.list_versions(lsid)[-1]


def test_a_limit_set_version_is_what_the_dashboard_evaluates(stored, db_path, session, qtbot, wait_ops):
    """When the snapshot's latest evaluation used an approved limit set, the dashboard shows that one."""
    from core.store import Store

    store = Store.open(db_path)
    try:
        data = store.load_snapshot(stored.snapshot_id)
        lsid, version = _approve_raised_l01(store, data.limits)
        store.save_evaluation(stored.snapshot_id, {"limit_set_id": lsid, "version": version.version},
                              {"limits": []}, None, "checker")
    finally:
        store.close()
    screen = _screen(session, qtbot, wait_ops)
    qtbot.waitUntil(lambda: screen.view is not None, timeout=15_000)
    assert screen.view.limits_source == (lsid, version.version)
    counts = screen.dashboard.counts()
    assert counts["breach"] == 1                       # L01 is no longer a breach under the approved set
    assert f"限额集 {lsid}" in screen.dashboard.heading.text()


def test_the_dry_run_evaluates_under_the_approved_limit_set(screen, db_path, wait_ops):
    from core.concentration.importer import load_group_data
    from core.store import Store

    store = Store.open(db_path)
    try:
        lsid, version = _approve_raised_l01(store, load_group_data(EXAMPLE).data.limits)
    finally:
        store.close()
    _preview(screen, EXAMPLE, wait_ops)
    page = screen.import_page
    assert page.preview_view.limits_source == (lsid, version.version)
    assert page.limits_model.counts() == {"ok": 3, "warning": 5, "breach": 1, "no_basis": 0}   # L01: breach -> warning
    assert f"限额集 {lsid}" in page.eval_counts.text()


def test_selector_defaults_to_the_latest_snapshot_and_switches(session, db_path, qtbot, wait_ops, tmp_path):
    from core.concentration.snapshots import preview_import, store_snapshot
    from core.store import Store

    older = tmp_path / "older"
    shutil.copytree(EXAMPLE, older)
    group = (older / "group.csv").read_text(encoding="utf-8")
    (older / "group.csv").write_text(group.replace("2025-06-30", "2025-03-31"), encoding="utf-8")
    store = Store.open(db_path)
    try:
        latest = store_snapshot(store, preview_import(EXAMPLE), "t").snapshot_id
        first = store_snapshot(store, preview_import(older), "t").snapshot_id   # stored later, older data
    finally:
        store.close()
    screen = _screen(session, qtbot, wait_ops)
    qtbot.waitUntil(lambda: screen.view is not None, timeout=15_000)
    assert [screen.snapshot_combo.itemData(i) for i in range(screen.snapshot_combo.count())] == [latest, first]
    assert screen.view.snapshot_id == latest
    assert session.snapshot_label == "2025-06-30"
    screen.snapshot_combo.setCurrentIndex(1)
    screen._snapshot_chosen(1)
    wait_ops(15_000)
    assert screen.view.snapshot_id == first
    assert screen.view.as_of.isoformat() == "2025-03-31"
    assert screen.dimension.current()[0] is not None
    assert session.snapshot_label == "2025-03-31"


def test_another_database_empties_the_screen(loaded, session, qtbot, wait_ops, tmp_path):
    assert loaded.view is not None
    session.switch_database(tmp_path / "empty.sqlite")
    qtbot.waitUntil(lambda: session.store is not None, timeout=15_000)
    wait_ops()
    assert loaded.snapshot_combo.count() == 0
    assert loaded.view is None
    assert loaded.dashboard.model.rowCount() == 0
    assert loaded.tabs.currentIndex() == loaded.IMPORT


def test_a_count_card_filters_the_limits_by_status(loaded, qtbot):
    d = loaded.dashboard
    qtbot.mouseClick(d.cards["breach"], Qt.MouseButton.LeftButton)
    assert sorted(d.visible_limits()) == ["L01", "L07"]
    qtbot.mouseClick(d.cards["warning"], Qt.MouseButton.LeftButton)
    assert sorted(d.visible_limits()) == ["L02", "L03", "L04", "L08"]
    d.set_filters("LIFE", None)
    assert sorted(d.visible_limits()) == ["L04", "L08"]
    qtbot.mouseClick(d.cards["warning"], Qt.MouseButton.LeftButton)     # again: every status
    assert sorted(d.visible_limits()) == ["L04", "L05", "L06", "L07", "L08"]


def test_industry_and_region_keys_have_their_names(loaded):
    from ui.concentration.models import SumsModel

    dim = loaded.dimension
    dim.show_dimension("group", "industry")
    m = dim.model
    rows = {m.key_at(r): m.index(r, SumsModel.NAME).data() for r in range(m.rowCount())}
    assert rows["K70"] == "房地产业"
    assert rows["J66"] == "货币金融服务"
    dim.show_dimension("group", "region")
    rows = {dim.model.key_at(r): dim.model.index(r, SumsModel.NAME).data() for r in range(dim.model.rowCount())}
    assert rows["CN-BJ"] == "北京" and rows["US"] == "美国"
    assert rows["UNKNOWN"] == "未识别（穿透后无法识别）"   # as the reports print an unidentified region (names.REGIONS)


def test_header_click_sorts_without_building_rows(loaded):
    from ui.concentration.models import SumsModel

    dim = loaded.dimension
    dim.show_dimension("group", "counterparty_group")          # by total, largest first: the exempt state
    assert [dim.model.key_at(r) for r in range(3)] == ["GOV", "BANK1", "RE1"]
    assert dim.model.index(0, SumsModel.CUMULATIVE).data() == "38.46%"
    dim.sorter.clicked(SumsModel.TOTAL)                        # the header shows it: a click turns it round
    assert dim.model.key_at(0) == "UNKNOWN"
    dim.sorter.clicked(SumsModel.COUNTED)                      # what counts against the limits, largest first
    assert dim.model.key_at(0) == "BANK1"
    dim.show_dimension("group", "counterparty_group")          # a new selection starts by total again
    assert dim.model.key_at(0) == "GOV"


def test_dashboard_shows_the_change_since_the_previous_snapshot(session, db_path, qtbot, wait_ops, tmp_path):
    from core.concentration.snapshots import preview_import, store_snapshot
    from core.store import Store
    from ui.concentration.models import LimitsModel

    older = tmp_path / "older"
    shutil.copytree(EXAMPLE, older)
    (older / "group.csv").write_text((EXAMPLE / "group.csv").read_text(encoding="utf-8")
                                     .replace("2025-06-30", "2025-03-31"), encoding="utf-8")
    exposures = (EXAMPLE / "exposures.csv").read_text(encoding="utf-8")
    (older / "exposures.csv").write_text(exposures.replace("E02,LIFE,BANK1,BD-BANK1-2028,fixed_income,false,true,"
                                                          "5000000000", "E02,LIFE,BANK1,BD-BANK1-2028,fixed_income,"
                                                          "false,true,4000000000"), encoding="utf-8")
    store = Store.open(db_path)
    try:
        store_snapshot(store, preview_import(older), "t")
        store_snapshot(store, preview_import(EXAMPLE), "t")
    finally:
        store.close()
    screen = _screen(session, qtbot, wait_ops)
    qtbot.waitUntil(lambda: screen.view is not None, timeout=15_000)
    d = screen.dashboard
    assert screen.view.previous["as_of"].isoformat() == "2025-03-31"
    assert not d.table.isColumnHidden(LimitsModel.CHANGE)
    rows = {d.model.row(r)["limit_id"]: r for r in range(d.model.rowCount())}
    assert d.model.index(rows["L01"], LimitsModel.CHANGE).data() == "▲ 1.00"      # 9% -> 10% of total assets
    assert d.model.index(rows["L05"], LimitsModel.CHANGE).data() == "0.00"
    assert "2025-03-31" in d.model.index(rows["L01"], LimitsModel.CHANGE).data(Qt.ItemDataRole.ToolTipRole)
    # the older snapshot has nothing before it: no column
    screen.load_snapshot(screen.snapshot_combo.itemData(1))
    wait_ops(15_000)
    assert screen.view.previous is None
    assert d.table.isColumnHidden(LimitsModel.CHANGE)


def test_rows_copy_as_tab_separated_text(loaded, qtbot):
    from PySide6.QtGui import QGuiApplication

    from ui.concentration.tables import selected_text

    dim = loaded.dimension
    dim.show_dimension("group", "counterparty_group")
    dim.table.selectRow(dim.model.row_of_key("BANK1"))
    text = selected_text(dim.table)
    header, row = text.split("\n")
    assert header.split("\t")[:3] == ["对象", "名称", "合计 (亿元)"]
    assert row.split("\t")[:3] == ["BANK1", "某国有大型商业银行", "100.00"]
    dim.table.setFocus()
    qtbot.keyClick(dim.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == text


def test_english_dashboard_keeps_status_and_flags_in_view_and_the_name_readable(loaded, qtbot):
    """English labels are wider than the Chinese the columns were tuned for: they go on two lines, the key
    shares its width with the name, and the status and flagged columns stay on the screen."""
    from ui.common import i18n
    from ui.common.headers import two_lines
    from ui.concentration.models import LimitsModel

    assert two_lines("敞口 (亿元)", len) is None                    # no Latin word break: Chinese stays
    assert two_lines("Exposure (CNY bn)", len) == ("Exposure", "(CNY bn)")
    i18n.set_language("en")
    loaded.resize(1240, 850)                                        # the main window's page at 1400 × 900
    loaded.show()
    loaded.tabs.setCurrentIndex(loaded.DASHBOARD)
    qtbot.waitUntil(lambda: loaded.tabs.tabText(loaded.DASHBOARD) == "Limit dashboard", timeout=5_000)
    d = loaded.dashboard
    d._resize_columns()
    qtbot.wait(10)
    h = d.table.horizontalHeader()
    for col in (LimitsModel.RATIO, LimitsModel.STATUS_COL, LimitsModel.FLAGGED):
        assert h.sectionViewportPosition(col) + h.sectionSize(col) <= d.table.viewport().width(), col
    assert h.sectionSize(LimitsModel.NAME) >= min(h.sectionSize(LimitsModel.KEY), 90)
    assert h.sectionSize(LimitsModel.EXPOSURE) < d.table.fontMetrics().horizontalAdvance("Exposure (CNY bn)")


def test_a_limit_that_cannot_be_measured_is_counted_and_says_why(session, db_path, qtbot, wait_ops, tmp_path):
    """A premium limit without business.csv is no_basis: the dashboard counts it on a card of its own, with
    the reason, instead of leaving it out of the counts (docs/interfaces.md, no_basis)."""
    from core.concentration.snapshots import preview_import, store_snapshot
    from core.store import Store

    folder = tmp_path / "group"
    shutil.copytree(EXAMPLE, folder)
    with open(folder / "limits.csv", "a", encoding="utf-8") as f:
        f.write("L99,单一客户保费（集团）,customer,group,,total_premium,0.10,0.15,\n")
    store = Store.open(db_path)
    try:
        store_snapshot(store, preview_import(folder), "fixture", source=str(folder))
    finally:
        store.close()
    screen = _screen(session, qtbot, wait_ops)
    qtbot.waitUntil(lambda: screen.view is not None, timeout=15_000)
    d = screen.dashboard
    assert d.counts()["no_basis"] == 1
    card = d.cards["no_basis"]
    assert card.isVisibleTo(d) and card.number.text() == "1"
    assert "L99" in card.toolTip() and "business.csv" in card.toolTip()
