"""The sandbox as an officer edits it: 全部撤销 is enabled once there is an edit and disabled when every edit
is undone; a refused edit is explained in percent, as the table shows and as the officer typed it (it said
"0.06 高于 0.05"); the refusal appearing does not move the table below it."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from tests.ui.test_limits_sandbox import db_path, screen, session  # noqa: F401 — fixtures


def test_undo_all_follows_the_edits(screen, qtbot):  # noqa: F811 — the imported fixture
    page = screen.sandbox_page
    screen.show()
    qtbot.mouseClick(page.toggle, Qt.MouseButton.LeftButton)
    assert not page.reset_button.isEnabled()                 # nothing to undo yet
    assert page.set_threshold("L01", "limit", Decimal("0.11"))
    assert page.reset_button.isEnabled()                     # after the first edit
    qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    assert page.stack.index() == 0
    assert not page.reset_button.isEnabled()                 # zero changes: nothing to undo


def test_refusal_in_percent_and_no_jump(screen, qtbot):  # noqa: F811 — the imported fixture
    page = screen.sandbox_page
    screen.show()
    qtbot.mouseClick(page.toggle, Qt.MouseButton.LeftButton)
    qtbot.wait(20)
    top_before = page.split.geometry().top()
    limit = page.state.sandbox.limits.set_index("limit_id").loc["L01", "limit"]
    assert not page.set_threshold("L01", "warning", Decimal(str(limit)) + Decimal("0.01"))
    qtbot.wait(20)
    assert page.error.isVisible()
    text = page.error.text()
    pct_warning = f"{(Decimal(str(limit)) + Decimal('0.01')) * 100:.2f}%"
    assert pct_warning in text and f"{Decimal(str(limit)) * 100:.2f}%" in text
    assert page.split.geometry().top() == top_before          # the tables did not move
