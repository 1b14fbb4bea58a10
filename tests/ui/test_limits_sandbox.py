"""The limits screen on the shared example small-group, on a real database in a temporary folder: the
sandbox (an edit, undo, redo, the window's undo stack), proposals and approval, pre-trade and stress."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from ui.limits.models import STATUS

EXAMPLE = Path("/work/shared/examples/small-group")
if not EXAMPLE.is_dir():
    EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "small-group"
pytestmark = pytest.mark.skipif(not EXAMPLE.is_dir(), reason="small-group example not available")


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
    assert page.moves_model.index(0, 1).data() == "BANK1"
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
