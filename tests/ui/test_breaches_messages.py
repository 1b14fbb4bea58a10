"""The breach register's messages are where the officer looks (demo database, window 1366×768): a refusal
appears at the top of the form, in view; it goes once its cause is fixed; 已关闭 is not offered while no
later snapshot can show the key back in range (it was offered, confirmed as permanent, then refused)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest


@pytest.fixture
def screen(db, screen_on_session):
    from ui.breaches.screen import BreachesScreen

    return screen_on_session(BreachesScreen, db, size=(1366, 700))


def _in_view(widget) -> bool:
    """The whole widget lies inside its scroll area's visible part."""
    from PySide6.QtWidgets import QScrollArea

    area = widget.parentWidget()
    while not isinstance(area, QScrollArea):
        area = area.parentWidget()
    top_left = widget.mapTo(area.viewport(), QPoint(0, 0))
    return QRect(QPoint(0, 0), area.viewport().size()).contains(QRect(top_left, widget.size()))


def test_closing_is_not_offered_without_a_later_snapshot(screen, qtbot):
    editor = screen.editor
    assert screen.model.rowCount() > 0
    # the demo's cases were all flagged by the latest snapshot: nothing later can show them back in range
    case = screen.selected_case()
    assert case is not None and case.state != "closed"
    at = editor.state.findData("closed")
    assert at > 0
    item = editor.state.model().item(at)
    assert not item.isEnabled()
    assert "下一期" in item.toolTip()
    assert editor.close_hint.isVisible() and "下一期" in editor.close_hint.text()
    # the keyboard skips it: pressing End lands on the last state that can be chosen
    editor.state.setFocus()
    QTest.keyClick(editor.state, Qt.Key.Key_End)
    assert editor.state.currentData() != "closed"


def test_refusal_is_shown_at_the_top_in_view_and_goes_when_fixed(screen, qtbot):
    editor = screen.editor
    from PySide6.QtWidgets import QScrollArea

    area = editor.parentWidget()
    while not isinstance(area, QScrollArea):
        area = area.parentWidget()
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())   # down at the button
    qtbot.mouseClick(editor.record_button, Qt.MouseButton.LeftButton)
    assert editor.message.isVisible()
    assert "没有可登记的内容" in editor.message.text()
    assert editor.message.y() < editor.form.geometry().top()        # above the form, not under the button
    assert _in_view(editor.message)
    # the officer writes a comment: the old error is gone
    editor.comment.setFocus()
    QTest.keyClicks(editor.comment, "checked with the desk")
    assert not editor.message.isVisible()
