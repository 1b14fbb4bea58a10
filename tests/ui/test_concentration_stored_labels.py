"""The limit dashboard opened from a stored evaluation, on a history whose evaluation records the names of the
keys it shows and on one written before it did (core.concentration.snapshots.LABELS): the same cells and
tooltips as the complete view in both, the same counts above them, and with the labels recorded no
counterparty row read before the dashboard shows."""
from __future__ import annotations

import pytest

from tests.ui.test_concentration_stored_names import _cells, _headed_example


@pytest.fixture(params=["labelled", "recorded-before"])
def session(request, tmp_path, qtbot, monkeypatch):
    import core.services.imports as imports
    from core.concentration.snapshots import preview_import, store_snapshot
    from core.store import Store
    from ui.session import Session

    folder = _headed_example(tmp_path)
    path = tmp_path / "riskdesk.sqlite"
    store = Store.open(path)
    try:
        with monkeypatch.context() as m:
            if request.param == "recorded-before":       # stored as a history of before was: no labels
                m.setattr(imports, "with_labels", lambda doc, labels: doc)
            store_snapshot(store, preview_import(folder), "fixture", source=str(folder))
    finally:
        store.close()
    s = Session(db_path=path, user="测试员")
    s.open_store()
    qtbot.waitUntil(lambda: s.store is not None, timeout=15_000)
    s.labelled = request.param == "labelled"
    yield s
    s.close()


def test_the_stored_dashboard_shows_what_the_complete_view_shows(session, qtbot, wait_ops, monkeypatch, rows_held):
    import core.store.snapshots as store_mod
    from ui.common import i18n
    from ui.concentration.screen import ConcentrationScreen

    release = rows_held
    links_read = []
    real_links = store_mod.SnapshotsMixin.counterparty_links

    def counted_links(self, snapshot_id):
        links_read.append(snapshot_id)
        return real_links(self, snapshot_id)

    monkeypatch.setattr(store_mod.SnapshotsMixin, "counterparty_links", counted_links)
    screen = ConcentrationScreen(session)
    qtbot.addWidget(screen)
    model = screen.dashboard.model
    try:
        qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=15_000)
        assert screen.view is None and not model.view.complete     # shown from the stored evaluation alone
        assert (model.view.data.counterparties is None) == session.labelled
        assert bool(links_read) != session.labelled                # read only for a history of before
        stored, stored_info = _cells(model), screen.info.text()
        i18n.set_language("en")
        try:
            stored_en = _cells(model)
        finally:
            i18n.set_language("zh_CN")
    finally:
        release.set()
    wait_ops(20_000)
    assert screen.view is not None and screen.view.complete and model.view is screen.view
    assert stored == _cells(model) and stored_info == screen.info.text()
    assert "16 个交易对手 · 20 笔敞口" in stored_info             # 15 of the example and A0
    i18n.set_language("en")
    try:
        assert stored_en == _cells(model)
    finally:
        i18n.set_language("zh_CN")
    assert "A0 某国有大型商业银行 等 3 家" in " ".join(str(cell[2]) for cell in stored)
