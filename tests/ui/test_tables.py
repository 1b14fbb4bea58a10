"""Excel-like tables (ui/common/tables.py) used as an officer does: right-click the dashboard and the breach
register, choose 导出此表, reopen the workbook with openpyxl and find exactly what the table shows (figures
as numbers, names as text); select several rows with Shift-click and press Ctrl+C; Ctrl+F and type to
filter; a name that looks like a formula stays text in the workbook."""
from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu

from ui.common.tables import tools_of, visible_columns, visible_rows


@pytest.fixture
def concentration(db, qtbot, wait_ops):
    from ui.concentration.screen import ConcentrationScreen
    from ui.session import Session

    session = Session(db_path=db, user="测试员")
    session.open_store()
    qtbot.waitUntil(lambda: session.store is not None, timeout=15_000)
    screen = ConcentrationScreen(session)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    qtbot.waitUntil(lambda: screen.view is not None, timeout=20_000)
    wait_ops()
    yield screen
    session.close()


@pytest.fixture
def breaches(db, screen_on_session):
    from ui.breaches.screen import BreachesScreen

    return screen_on_session(BreachesScreen, db, size=(1366, 768))


def _export_by_context_menu(view, qtbot, wait_ops, monkeypatch, path):
    """Right-click the table, choose 导出此表到 Excel…, answer the save dialog with `path`."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))
    chosen = []

    def pick():
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, pick)
            return
        texts = [a.text() for a in menu.actions()]
        chosen.append(texts)
        action = next((a for a in menu.actions() if a.text().startswith("导出此表")), None)
        if action is None:                     # close it, or the menu's own loop would wait for ever
            menu.close()
            return
        menu.setActiveAction(action)
        QTest.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, pick)
    cell = view.visualRect(view.model().index(0, 0)).center()
    # a context-menu event at the first cell, as a right-click there sends
    from PySide6.QtGui import QContextMenuEvent

    QApplication.sendEvent(view.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, cell,
                                                             view.viewport().mapToGlobal(cell)))
    wait_ops()
    qtbot.waitUntil(lambda: path.exists(), timeout=10_000)
    return chosen[0]


def _shown(view):
    model = view.model()
    cols = visible_columns(view)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in cols]
    rows = [[model.index(r, c).data() for c in cols] for r in visible_rows(view)]
    return headers, rows


def _as_shown(value, shown: str):
    """A workbook value compared with the text on screen: numbers through their display format."""
    if shown is None or shown == "":
        return value in (None, "")
    if isinstance(value, str):
        return value == shown
    s = shown.replace(",", "")
    if s.endswith("%"):
        return abs(Decimal(str(value)) * 100 - Decimal(s[:-1])) < Decimal("1e-9")
    return abs(Decimal(str(value)) - Decimal(s)) < Decimal("1e-9")


def _check_workbook(path, view):
    headers, rows = _shown(view)
    ws = load_workbook(path).active
    got = [list(r) for r in ws.iter_rows(values_only=True)]
    assert got[0] == headers
    assert len(got) - 1 == len(rows) > 0
    numbers = 0
    for wrow, srow in zip(got[1:], rows):
        for value, shown in zip(wrow, srow):
            assert _as_shown(value, shown), (value, shown)
            numbers += isinstance(value, (int, float))
    assert numbers > 0                      # figures are numbers one can sum, not text
    # no cell of the workbook is a formula
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_dashboard_exported_from_its_context_menu_reopens_as_shown(concentration, qtbot, wait_ops, monkeypatch,
                                                                    tmp_path):
    view = concentration.dashboard.table
    path = tmp_path / "dashboard.xlsx"
    menu = _export_by_context_menu(view, qtbot, wait_ops, monkeypatch, path)
    assert any(t.startswith("复制") for t in menu) and any("筛选" in t for t in menu)
    _check_workbook(path, view)
    ws = load_workbook(path).active
    headers = [c.value for c in ws[1]]
    ratio_col = next(i for i, h in enumerate(headers) if h and "比例" in h)
    assert ws.cell(2, ratio_col + 1).number_format.endswith("%")


def test_breach_register_exported_from_its_context_menu_reopens_as_shown(breaches, qtbot, wait_ops, monkeypatch,
                                                                          tmp_path):
    view = breaches.table
    path = tmp_path / "breaches.xlsx"
    _export_by_context_menu(view, qtbot, wait_ops, monkeypatch, path)
    _check_workbook(path, view)


def test_shift_click_and_ctrl_c_copies_the_rows_with_headers(breaches, qtbot):
    view = breaches.table
    assert view.model().rowCount() >= 3
    first = view.visualRect(view.model().index(0, 1)).center()
    third = view.visualRect(view.model().index(2, 1)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=first)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, pos=third)
    assert len(view.selectionModel().selectedRows()) == 3
    QGuiApplication.clipboard().clear()
    QTest.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().split("\n")
    headers, rows = _shown(view)
    assert lines[0].split("\t") == [h or "" for h in headers]
    assert [ln.split("\t") for ln in lines[1:]] == [[c or "" for c in r] for r in rows[:3]]


def test_ctrl_f_filters_the_rows_and_escape_brings_them_back(concentration, qtbot):
    view = concentration.dashboard.table
    total = len(visible_rows(view))
    key = view.model().index(0, 0).data()
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    box = tools_of(view).filter_edit
    assert box.isVisible()
    QTest.keyClicks(box, key)
    qtbot.waitUntil(lambda: 0 < len(visible_rows(view)) < total, timeout=3_000)
    assert all(any(key.casefold() in str(view.model().index(r, c).data() or "").casefold()
                   for c in visible_columns(view)) for r in visible_rows(view))
    QTest.keyClick(box, Qt.Key.Key_Escape)
    assert len(visible_rows(view)) == total and box.text() == ""


def test_a_table_without_a_filter_box_shows_one_over_it_on_ctrl_f(concentration, qtbot):
    concentration.tabs.setCurrentWidget(concentration.dimension)
    view = concentration.dimension.table
    box = tools_of(view).filter_edit
    assert not box.isVisible()
    QTest.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert box.isVisible() and box.parent() is view
    QTest.keyClick(box, Qt.Key.Key_Escape)
    assert not box.isVisible()


def test_text_that_looks_like_a_formula_stays_text_and_figures_stay_numbers(tmp_path):
    from ui.common.export import table_value, write_xlsx_safe

    names = ["=HYPERLINK(\"http://x\",\"y\")", "+86 10", "-abc", "@sum", "\tcmd", "\rx", "600519", "0012"]
    rows = [[n, table_value("1,234.50", True), table_value("30.42%", True), table_value("600519", False)]
            for n in names]
    path = write_xlsx_safe(tmp_path / "t.xlsx", ["名称", "金额", "比例", "代码"], rows, sheet="测试")
    ws = load_workbook(path).active
    assert ws.title == "测试"
    for i, n in enumerate(names, start=2):
        cell = ws.cell(i, 1)
        # XML keeps no bare carriage return: it reads back as a line feed, still text, still no formula
        assert cell.value in (n, n.replace("\r", "\n")) and cell.data_type == "s"
        assert ws.cell(i, 2).value == 1234.5 and ws.cell(i, 2).number_format == "#,##0.00"
        assert abs(ws.cell(i, 3).value - 0.3042) < 1e-12 and ws.cell(i, 3).number_format == "0.00%"
        assert ws.cell(i, 4).value == "600519"               # an identifier is not a figure
    assert ws.cell(2, 1).quotePrefix and ws.cell(4, 1).quotePrefix
    assert table_value("-5", True) == Decimal("-5") and table_value("0012", True) == "0012"


def test_every_table_of_every_screen_has_the_toolkit(db, qtbot, wait_ops):
    """Every table view in the main window (all screens) copies, exports and filters the same way."""
    from PySide6.QtWidgets import QTableView

    from ui.main_window import MainWindow
    from ui.session import Session

    session = Session(db_path=db, user="测试员")
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.start()
    wait_ops(20_000)
    for i in range(window.nav.count()):
        window.nav.setCurrentRow(i)
        qtbot.waitUntil(lambda i=i: window.page_state(window.screen_key(i)) == "ready", timeout=30_000)
        wait_ops(20_000)
    missing = [v.objectName() or type(v.parent()).__name__ for v in window.findChildren(QTableView)
               if tools_of(v) is None]
    n = len(window.findChildren(QTableView))
    session.close()
    assert n >= 20 and missing == [], missing


def test_a_column_widened_by_hand_stays_as_the_officer_left_it(concentration, qtbot):
    view = concentration.dashboard.table
    header = view.horizontalHeader()
    col = next(c for c in range(header.count()) if not header.isSectionHidden(c)
               and header.sectionResizeMode(c) == header.ResizeMode.Interactive)
    edge = header.sectionViewportPosition(col) + header.sectionSize(col) - 1
    y = header.height() // 2
    wide = header.sectionSize(col) + 300
    QTest.mousePress(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge, y))
    QTest.mouseMove(header.viewport(), QPoint(edge + 150, y))
    QTest.mouseMove(header.viewport(), QPoint(edge + 300, y))
    QTest.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge + 300, y))
    qtbot.wait(50)
    concentration.resize(1300, 760)                          # a refit would have taken it back
    qtbot.wait(50)
    assert abs(header.sectionSize(col) - wide) <= 2
