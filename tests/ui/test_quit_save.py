"""Quitting with unsaved changes offers 保存 / 丢弃 / 取消 (it offered only 丢弃 / 取消): the officer types a
text on the Reports screen, closes the window, clicks 保存 in the question — the text is stored as a new
version and the window closes; 取消 keeps the window and the edit."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox


@pytest.fixture
def window(db, qtbot, wait_ops):
    from ui.main_window import MainWindow
    from ui.session import Session

    session = Session(db_path=db, user="风险管理部 王敏")
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.start()
    wait_ops(30_000)
    row = next(i for i in range(w.nav.count()) if w.screen_key(i) == "reports")
    w.nav.setCurrentRow(row)
    qtbot.waitUntil(lambda: w.page_state("reports") == "ready", timeout=30_000)
    wait_ops(30_000)
    yield w
    session.close()


def _answer(button_role, seen):
    def click():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(sorted(box.button(b).text() for b in (QMessageBox.StandardButton.Save,
                                                         QMessageBox.StandardButton.Discard,
                                                         QMessageBox.StandardButton.Cancel) if box.button(b)))
        box.button(button_role).click()

    QTimer.singleShot(0, click)


def test_close_with_unsaved_text_offers_save_and_saves(window, qtbot, wait_ops):
    screen = window.stack.currentWidget().content
    screen.set_kind("semiannual")
    screen.set_period("2025H1")
    wait_ops()
    panel = screen.panel("governance")
    panel.editor.setFocus()
    QTest.keyClicks(panel.editor, "two risk committee meetings")
    assert window.unsaved_keys() == ["reports"]
    seen: list = []
    _answer(QMessageBox.StandardButton.Cancel, seen)
    window.close()
    assert window.isVisible() and panel.dirty                    # 取消: nothing lost, still open
    assert seen[0] == sorted(["保存", "丢弃", "取消"])
    _answer(QMessageBox.StandardButton.Save, seen)
    window.close()
    assert not window.isVisible()
    text = window.session.store.latest_text("semiannual_governance", "2025H1").text
    assert text.endswith("two risk committee meetings")
