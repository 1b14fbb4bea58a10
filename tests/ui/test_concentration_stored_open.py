"""The concentration screen shows a stored snapshot's limit dashboard from the stored evaluation, before the
snapshot's rows are read (they load after it, for the dimension page and the drill-down)."""
from __future__ import annotations

import pytest

from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "small-group"


@pytest.fixture
def session(tmp_path, qtbot):
    from core.concentration.snapshots import preview_import, store_snapshot
    from core.store import Store
    from ui.session import Session

    path = tmp_path / "riskdesk.sqlite"
    store = Store.open(path)
    try:
        store_snapshot(store, preview_import(EXAMPLE), "fixture", source=str(EXAMPLE))
    finally:
        store.close()
    s = Session(db_path=path, user="测试员")
    s.open_store()
    qtbot.waitUntil(lambda: s.store is not None, timeout=15_000)
    yield s
    s.close()


def test_dashboard_rows_show_before_the_rows_are_read(session, qtbot, wait_ops, monkeypatch, rows_held):
    from ui.concentration.screen import ConcentrationScreen

    release = rows_held

    screen = ConcentrationScreen(session)
    qtbot.addWidget(screen)
    try:
        qtbot.waitUntil(lambda: screen.dashboard.model.rowCount() > 0, timeout=15_000)
        assert screen.shows_data and screen.view is None         # shown from the stored evaluation alone
        assert screen.tabs.currentIndex() == screen.DASHBOARD
        first = screen.dashboard.model.view
        assert not first.complete and first.data.exposures is None
        assert screen.dashboard.model.counts()["breach"] >= 1
        assert "20" in screen.info.text()                        # exposures counted from the snapshot's header
        rows = [screen.dashboard.model.row(r) for r in range(screen.dashboard.model.rowCount())]
    finally:
        release.set()
    wait_ops(20_000)
    assert screen.view is not None and screen.view.complete and len(screen.view.data.exposures) == 20
    again = [screen.dashboard.model.row(r) for r in range(screen.dashboard.model.rowCount())]
    assert [(r["limit_id"], r["key"], r["exposure_fen"], r["status"]) for r in rows] == \
           [(r["limit_id"], r["key"], r["exposure_fen"], r["status"]) for r in again]
