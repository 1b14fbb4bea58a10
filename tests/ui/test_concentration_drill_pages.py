"""The drill-down of a stored snapshot reads its exposures from the database a page at a time (issue 15):
the first page at once, "Show more" for the next, the rows in core's order — without the rows in memory."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "small-group"


@pytest.fixture
def loaded(tmp_path, qtbot, wait_ops):
    from core.concentration.snapshots import preview_import, store_snapshot
    from core.store import Store
    from ui.concentration.screen import ConcentrationScreen
    from ui.session import Session

    db = tmp_path / "riskdesk.sqlite"
    store = Store.open(db)
    try:
        store_snapshot(store, preview_import(EXAMPLE), "fixture", source=str(EXAMPLE))
    finally:
        store.close()
    session = Session(db_path=db, user="测试员")
    session.open_store()
    qtbot.waitUntil(lambda: session.store is not None, timeout=15_000)
    screen = ConcentrationScreen(session)
    qtbot.addWidget(screen)
    screen.resize(1400, 900)
    screen.show()
    qtbot.waitUntil(lambda: screen.view is not None, timeout=15_000)
    wait_ops()
    yield screen
    session.close()


def _ids(drill) -> list[str]:
    return [drill.model.value(r, "exposure_id") for r in range(drill.model.rowCount())]


def test_exposures_come_a_page_at_a_time_from_the_database(loaded, qtbot, wait_ops, monkeypatch):
    from ui.concentration import drilldown
    from ui.concentration.models import SnapshotView

    expected = loaded.view.contributions("group", "counterparty", "RE1")["exposure_id"].tolist()
    assert len(expected) == 3

    def not_from_memory(*_args, **_kwargs):
        raise AssertionError("the drill-down of a stored snapshot must not collect its rows in memory")

    monkeypatch.setattr(SnapshotView, "contributions", not_from_memory)
    monkeypatch.setattr(drilldown, "PAGE_ROWS", 2)
    dim = loaded.dimension
    loaded.tabs.setCurrentIndex(loaded.DIMENSION)
    dim.show_dimension("group", "counterparty_group")
    assert dim.select_key("RE1")
    drill = dim.drill
    drill.open_counterparty("RE1")
    wait_ops()
    assert _ids(drill) == expected[:2]                     # the largest two, in core's order
    assert drill.more_button.isVisible()
    assert "3" in drill.summary.text() and "2" in drill.summary.text()
    qtbot.mouseClick(drill.more_button, Qt.MouseButton.LeftButton)
    wait_ops()
    assert _ids(drill) == expected
    assert not drill.more_button.isVisible()
    assert "E06 TRUST-PLAN-7 → E06A" in drill.exposure_paths()


def test_a_page_for_a_level_left_meanwhile_is_not_shown(loaded, wait_ops, monkeypatch):
    from ui.concentration import drilldown

    monkeypatch.setattr(drilldown, "PAGE_ROWS", 1)
    dim = loaded.dimension
    loaded.tabs.setCurrentIndex(loaded.DIMENSION)
    dim.show_dimension("group", "counterparty_group")
    assert dim.select_key("RE1")
    drill = dim.drill
    drill.open_counterparty("RE1")
    wait_ops()
    assert drill.model.rowCount() == 1 and drill.more_button.isVisible()
    drill.more()                                           # asked, then the user goes back at once
    drill.back()
    wait_ops()
    assert drill.current_kind() == "members"
    assert "exposure_id" not in (drill.model.frame.columns if drill.model.frame is not None else [])
