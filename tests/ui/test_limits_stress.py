"""The stress page on small-group: hand-computed losses, solvency not computable, limits after, saved."""
from __future__ import annotations

from tests.ui.test_limits_sandbox import db_path, screen, session  # noqa: F401 — fixtures


def _scopes(page):
    model = page.scopes_model
    return {model.rows[r].scope: [model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())}


def test_default_of_the_largest_group_shows_losses_and_is_saved(screen, session, wait_ops):
    page = screen.stress_page
    assert page.list.count() >= 5
    assert page.scenarios[0].id == "default-top1"
    page.list.setCurrentRow(0)
    page.run()
    wait_ops()
    # BANK1's group is the largest non-exempt one (100 亿: E02 50, E03 20, E12 30); LGD 45% → 45 亿
    rows = _scopes(page)
    assert rows["group"][1] == "45.00" and rows["LIFE"][1] == "36.00" and rows["PC"][1] == "9.00"
    assert rows["AM"][1] == "0.00"
    assert rows["group"][3] == "55.00"               # net assets 100 亿 - 45 亿
    assert rows["group"][6] == "无法计算"
    from PySide6.QtCore import Qt

    tip = page.scopes_model.index(0, 6).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "无法计算：缺少实际资本/最低资本"
    assert page.cards[0].value.text() == "45.00 亿元"
    assert page.cards[2].value.text() == "无法计算：缺少实际资本/最低资本"
    changed = {r["limit_id"]: (r["old"], r["new"]) for r in page.limits_model.rows}
    assert changed["L02"] == ("warning", "breach") and changed["L01"] == ("breach", "warning")
    assert page.limits_model.rows[0]["new"] == "breach"       # worse first
    # the chart has one bar per member
    ax = page.chart.figure.axes[0]
    assert len(ax.patches) == 3
    page.save()
    wait_ops()
    assert page.saved_id is not None
    ev = session.store.load_evaluation(page.saved_id)
    assert ev.limit_set_ref["stress"] == "default-top1" and ev.result["group_loss"] == 4_500_000_000


def test_edited_parameters_are_used(screen, wait_ops):
    page = screen.stress_page
    page.list.setCurrentRow(0)
    page.set_rate(0, 10)                             # LGD 10% instead of 45%
    assert str(page.current_scenario().shocks[0].rate) == "0.1"
    page.run()
    wait_ops()
    assert _scopes(page)["group"][1] == "10.00"
