"""The limits screen inside the main window on the demo group (core.demo.load_demo), 1400×900, in Chinese —
and, with RISKDESK_SCREENSHOTS=1, the two pictures in docs/ made from it:

    RISKDESK_SCREENSHOTS=1 QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest \
        tests/ui/test_limits_screenshots.py -q

docs/limits-sandbox-diff.png   the sandbox after two edits of G01, the diff against the approved version and
                               the keys that move between ok / warning / breach
docs/stress-result.png         the combined stress scenario: losses by member, solvency after, limits after
"""
from __future__ import annotations

import os
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SIZE = (1400, 900)

@pytest.fixture
def demo_window(qtbot, wait_ops, monkeypatch, demo_db_master):
    from PySide6.QtWidgets import QMessageBox

    from tests.conftest import copy_database
    from ui import settings
    from ui.main_window import MainWindow
    from ui.session import Session

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    folder = Path(tempfile.mkdtemp(prefix="riskdesk-demo-"))
    db = copy_database(demo_db_master, folder / "demo.sqlite")   # the demo as --demo builds it (tests/conftest.py)
    settings.write(settings.WINDOW_SCREEN, "limits")
    session = Session(db_path=db, user="风险管理部")
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(*SIZE)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window.page_state("limits") in ("ready", "broken"), timeout=30_000)
    screen = window.screen_widget("limits")
    assert screen is not None, window.page_state("limits")
    qtbot.waitUntil(lambda: screen.context is not None, timeout=30_000)
    wait_ops(30_000)
    yield window, screen
    window.close()
    session.close()
    shutil.rmtree(folder, ignore_errors=True)


def _save(window, qtbot, name: str) -> Path | None:
    qtbot.wait(200)  # the chart's deferred draw and the layouts settle
    if not os.environ.get("RISKDESK_SCREENSHOTS"):
        return None
    DOCS.mkdir(exist_ok=True)
    path = DOCS / name
    assert window.grab().save(str(path))
    return path


def test_sandbox_diff_on_the_demo_group(demo_window, qtbot):
    window, screen = demo_window
    page = screen.sandbox_page
    assert screen.state.approved and "已审批限额集" in page.banner.text()
    page.set_sandbox_mode(True)
    assert page.set_threshold("G01", "limit", Decimal("0.06"))
    assert page.set_threshold("G01", "warning", Decimal("0.03"))
    diff = page.last_diff
    g01 = diff.by_id("G01")
    assert g01.change == "changed" and set(g01.fields) == {"warning", "limit"}
    assert ("RE01", "breach", "warning") in [(m.key, m.old_status, m.new_status) for m in g01.moves]
    assert window.isWindowModified()
    page.view.selectRow(page.model.row_of("G01"))
    page.diff_view.selectRow(page.diff_model.row_of("G01"))
    _save(window, qtbot, "limits-sandbox-diff.png")


def test_stress_result_on_the_demo_group(demo_window, qtbot, wait_ops):
    window, screen = demo_window
    screen.tabs.setCurrentIndex(screen.STRESS)
    page = screen.stress_page
    row = next(i for i, s in enumerate(page.scenarios) if s.id == "combined-severe")
    page.list.setCurrentRow(row)
    page.run()
    wait_ops(30_000)
    assert page.result is not None and page.result.group_loss_fen > 0
    g = page.result.scope("group")
    assert g.solvency_after is not None and g.solvency_after < g.solvency_before
    _save(window, qtbot, "stress-result.png")


def test_another_snapshot_asks_before_discarding_the_sandbox(demo_window, qtbot, wait_ops, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    window, screen = demo_window
    page = screen.sandbox_page
    page.set_sandbox_mode(True)
    assert page.set_threshold("G01", "limit", Decimal("0.06"))
    current = screen.state.snapshot_id
    older = screen.snapshot_combo.count() - 1
    assert screen.snapshot_combo.itemData(older) != current
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    screen.snapshot_combo.setCurrentIndex(older)
    screen._snapshot_chosen(older)
    assert screen.state.snapshot_id == current and screen.snapshot_combo.currentData() == current
    assert not screen.undo_stack().isClean()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    screen.snapshot_combo.setCurrentIndex(older)
    screen._snapshot_chosen(older)
    qtbot.waitUntil(lambda: screen.state is not None and screen.state.snapshot_id != current, timeout=20_000)
    wait_ops(30_000)
    assert screen.undo_stack().isClean() and screen.undo_stack().count() == 0
    assert screen.state.as_of.isoformat() == "2024-12-31"
