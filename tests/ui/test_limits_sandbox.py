"""The limits screen on the shared example small-group, on a real database in a temporary folder: the
sandbox (an edit, undo, redo, the window's undo stack), proposals and approval, pre-trade and stress."""
from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import EXAMPLES
from ui.limits.models import STATUS

EXAMPLE = EXAMPLES / "small-group"


@pytest.fixture
def db_path(tmp_path):
    from core.concentration.snapshots import preview_import, store_snapshot
    from core.store import Store

    path = tmp_path / "riskdesk.sqlite"
    store = Store.open(path)
    try:
        store_snapshot(store, preview_import(EXAMPLE), "fixture", source=str(EXAMPLE))
    finally:
        store.close()
    return path


@pytest.fixture
def session(db_path, qtbot):
    from ui.session import Session

    s = Session(db_path=db_path, user="甲")
    s.open_store()
    qtbot.waitUntil(lambda: s.store is not None, timeout=15_000)
    yield s
    s.close()


@pytest.fixture
def screen(session, qtbot, wait_ops):
    from ui.limits.screen import LimitsScreen

    w = LimitsScreen(session)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    qtbot.waitUntil(lambda: w.context is not None, timeout=20_000)
    wait_ops()
    return w


def table_texts(model):
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_edit_moves_bank1_from_breach_to_warning_and_undo_restores_exactly(screen):
    page = screen.sandbox_page
    assert page.set_sandbox_mode(True)
    table_before = table_texts(page.model)
    diff_before = table_texts(page.diff_model)
    moves_before = table_texts(page.moves_model)
    assert moves_before == []

    assert page.set_threshold("L01", "limit", Decimal("0.11"))
    change = page.last_diff.by_id("L01")
    assert change.change == "changed" and change.fields == ("limit",)
    assert (change.old_status, change.new_status) == ("breach", "warning")
    moves = {(lid, mv.key): (mv.old_status, mv.new_status) for lid, mv in page.last_diff.moves()}
    assert moves == {("L01", "BANK1"): ("breach", "warning")}
    # the tables show it
    row = page.model.row_of("L01")
    assert page.model.index(row, page.model.column("limit")).data() == "11.00%"
    assert page.model.index(row, page.model.column("status")).data() == "预警"
    drow = page.diff_model.row_of("L01")
    assert page.diff_model.index(drow, 4).data() == "8.00% → 11.00%"
    assert page.diff_model.index(drow, 5).data(STATUS) == ("breach", "warning")
    assert page.moves_model.rowCount() == 1
    assert page.moves_model.index(0, 1).data() == "BANK1 某国有大型商业银行"     # the group's name beside its key
    assert not screen.undo_stack().isClean()

    screen.undo_stack().undo()
    assert table_texts(page.model) == table_before
    assert table_texts(page.diff_model) == diff_before
    assert table_texts(page.moves_model) == moves_before
    from core.whatif.sandbox import limits_equal

    sb = page.sandbox
    assert limits_equal(sb.limits, sb.base_limits) and sb.limits.equals(sb.base_limits)
    assert sb.evaluation.results.equals(sb.base_evaluation.results)
    assert page.last_diff.is_empty

    screen.undo_stack().redo()
    assert page.last_diff.by_id("L01").new_status == "warning"
    assert page.model.index(row, page.model.column("limit")).data() == "11.00%"


def test_invalid_edit_is_refused_inline_and_not_pushed(screen):
    page = screen.sandbox_page
    page.set_sandbox_mode(True)
    assert not page.set_threshold("L01", "warning", Decimal("0.12"))     # warning above the 8% limit
    assert screen.undo_stack().count() == 0
    assert page.error.isVisibleTo(page) and "调整未被接受" in page.error.text()
    assert "L01" in page.last_error
    # typing in the table goes the same way: setData → core validates → refused, model unchanged
    row = page.model.row_of("L01")
    index = page.model.index(row, page.model.column("warning"))
    page.model.setData(index, "abc")
    assert screen.undo_stack().count() == 0
    assert page.model.index(row, page.model.column("warning")).data() == "5.00%"
    page.model.setData(index, "6")                                       # 6% is fine
    assert screen.undo_stack().count() == 1
    assert page.model.index(row, page.model.column("warning")).data() == "6.00%"
    assert not page.error.isVisibleTo(page)


def test_add_remove_and_reallocate_are_one_command_each(screen):
    page = screen.sandbox_page
    page.set_sandbox_mode(True)
    stack = screen.undo_stack()
    # L03 has children: removing it is refused by core, shown inline
    page.view.selectRow(page.model.row_of("L03"))
    page.remove_selected()
    assert stack.count() == 0 and "L08" in page.last_error
    page.view.selectRow(page.model.row_of("L09"))
    page.remove_selected()
    assert stack.count() == 1 and page.model.row_of("L09") < 0
    assert page.last_diff.by_id("L09").change == "removed"
    row = {"limit_id": "L10", "name": "单一交易对手（财险）", "dimension": "counterparty", "scope": "PC", "key": None,
           "basis": "total_assets", "warning": Decimal("0.10"), "limit": Decimal("0.15"), "parent_limit_id": None,
           "rule": None}
    assert page.push_add(row)
    assert stack.count() == 2 and page.last_diff.by_id("L10").change == "added"
    from ui.limits.commands import ReallocateCommand

    assert page.push(ReallocateCommand(page.sandbox, "L08", None))
    assert page.last_diff.by_id("L08").fields == ("parent_limit_id",)
    assert [stack.text(i) for i in range(stack.count())] == ["删除限额 L09", "新增限额 L10", "L08：取消分配"]
    page.reset()                                                          # undo all
    assert page.last_diff.is_empty and page.model.row_of("L09") >= 0 and page.model.row_of("L10") < 0


def test_window_undo_stack_follows_the_sandbox(session, qtbot, wait_ops, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.main_window import MainWindow

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    window = MainWindow(session, screens=[("limits", "Limits", "ui.limits.screen:LimitsScreen")])
    qtbot.addWidget(window)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window.screen_widget("limits") is not None, timeout=20_000)
    screen = window.screen_widget("limits")
    qtbot.waitUntil(lambda: screen.state is not None, timeout=20_000)
    assert window.undo_group.activeStack() is screen.undo_stack()
    assert not window.isWindowModified()
    screen.sandbox_page.set_sandbox_mode(True)
    screen.sandbox_page.set_threshold("L01", "limit", Decimal("0.11"))
    assert not window.undo_group.isClean() and window.isWindowModified()
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()                                          # Edit › Undo (Ctrl+Z)
    assert screen.sandbox_page.last_diff.is_empty and not window.isWindowModified()
    window.redo_action.trigger()
    assert screen.sandbox_page.last_diff.by_id("L01").new_status == "warning"
    wait_ops()


def test_banner_says_the_limits_are_not_approved(screen):
    assert screen.sandbox_page.banner.text().startswith("限额尚未经审批 — 当前使用快照自带限额")
    assert screen.sandbox_page.model.editable is False
    from PySide6.QtCore import Qt

    model = screen.sandbox_page.model
    assert not model.flags(model.index(0, model.column("limit"))) & Qt.ItemFlag.ItemIsEditable
    screen.sandbox_page.set_sandbox_mode(True)
    assert model.flags(model.index(0, model.column("limit"))) & Qt.ItemFlag.ItemIsEditable
    assert "沙盘模拟" in screen.sandbox_page.banner.text()


def test_language_switch_retranslates_the_screen(screen, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from ui.common import i18n

    page = screen.sandbox_page
    page.set_sandbox_mode(True)
    page.set_threshold("L01", "limit", Decimal("0.11"))
    i18n.set_language("en")
    QApplication.processEvents()      # LanguageChange is posted
    try:
        assert page.banner.text().startswith("Limits not yet approved — the snapshot's own limits are in use")
        assert screen.tabs.tabText(screen.SANDBOX) == "Limit set & sandbox".replace("&", "&&")
        row = page.model.row_of("L01")
        assert page.model.index(row, page.model.column("status")).data() == "Warning"
        assert page.diff_model.headerData(4, Qt.Orientation.Horizontal) == "Limit: approved → new"
    finally:
        i18n.set_language("zh_CN")
        QApplication.processEvents()
    assert page.banner.text().startswith("限额尚未经审批")
    assert screen.tabs.tabText(screen.SANDBOX) == "限额与沙盘模拟"


def test_typing_re_evaluates_at_every_keystroke_as_one_undo_step(screen, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit

    page = screen.sandbox_page
    page.set_sandbox_mode(True)
    stack = screen.undo_stack()
    index = page.model.index(page.model.row_of("L01"), page.model.column("limit"))
    page.view.setCurrentIndex(index)
    page.view.edit(index)
    editor = page.view.viewport().findChild(QLineEdit)
    assert isinstance(editor, QLineEdit) and editor.text() == "8"
    editor.selectAll()
    qtbot.keyClicks(editor, "1")                 # 1%: below the 5% warning value, refused inline while typing
    assert stack.count() == 0 and "调整未被接受" in page.error.text()
    qtbot.keyClicks(editor, "1")                 # 11%: re-evaluated at once, BANK1 is a warning now
    assert page.last_diff.by_id("L01").new_status == "warning" and not page.error.isVisibleTo(page)
    qtbot.keyClicks(editor, "5")                 # 115%
    assert page.last_diff.by_id("L01").new.limit == Decimal("1.15") and stack.count() == 1
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert page.last_diff.by_id("L01").new.limit == Decimal("0.11") and stack.count() == 1
    assert editor.text() == "11"                 # the editor keeps what was typed
    qtbot.keyClick(editor, Qt.Key.Key_Return)   # commits (queued) and closes the editor
    qtbot.waitUntil(lambda: page.view.viewport().findChild(QLineEdit) is None)
    assert stack.count() == 1 and stack.text(0) == "L01：限额改为 11.00%"
    stack.undo()
    assert page.last_diff.is_empty
    # a typed value that core refuses takes the live typing back
    page.view.edit(page.model.index(page.model.row_of("L01"), page.model.column("warning")))
    editor = page.view.viewport().findChild(QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "6")                 # 6%: fine (limit 8%)
    assert page.last_diff.by_id("L01").new.warning == Decimal("0.06")
    qtbot.keyClicks(editor, "0")                 # 60% > 8%: refused inline, the 6% stays while typing
    assert "调整未被接受" in page.error.text() and page.last_diff.by_id("L01").new.warning == Decimal("0.06")
    qtbot.keyClick(editor, Qt.Key.Key_Return)    # committing 60% is refused: back to 5%
    qtbot.waitUntil(lambda: page.view.viewport().findChild(QLineEdit) is None)
    assert page.last_diff.is_empty and page.error.isVisibleTo(page)


def test_english_keeps_ratio_and_status_on_screen(screen, qtbot):
    """English words are wider than the Chinese the widths were tuned for: the name and key columns give
    up width (elided, tooltip whole) so that the ratio and status columns stay inside the table."""
    from PySide6.QtWidgets import QApplication

    from ui.common import i18n

    page = screen.sandbox_page
    screen.resize(1240, 850)                 # the main window's page at 1400 × 900
    screen.show()
    i18n.set_language("en")
    QApplication.processEvents()
    qtbot.wait(20)
    view, c = page.view, page.model.column
    header = view.horizontalHeader()
    for col in (c("ratio"), c("status")):
        assert header.sectionViewportPosition(col) + header.sectionSize(col) <= view.viewport().width(), col
    status = page.model.index(page.model.row_of("L01"), c("status"))
    assert header.sectionSize(c("status")) >= view.sizeHintForColumn(c("status"))
    assert status.data()
