"""core.services.imports: storing an import is a service; the engine module's names are thin re-exports."""
from __future__ import annotations

from core.concentration import snapshots
from core.concentration.snapshots import preview_import
from core.services import imports
from core.services.evaluations import governing_evaluation
from core.store import Store
from tests.conftest import EXAMPLES
from tests.core.test_store_support import FakeClock

SMALL = EXAMPLES / "small-group"


def test_store_snapshot_keeps_evaluation_aggregates_and_cases_together():
    store = Store.create_in_memory(clock=FakeClock())
    preview = preview_import(SMALL)
    out = imports.store_snapshot(store, preview, "alice", source="test")
    ev = governing_evaluation(store, out.snapshot_id, with_aggregates=True)
    assert ev.id == out.evaluation_id and {"sums", "bases"} <= set(ev.aggregate_names)
    assert out.proposal_id is not None                  # a named user's import proposes its limits
    assert [s.same_data for s in imports.same_date_snapshots(store, preview.data)] == [True]


def test_releasing_the_rows_stores_the_same_snapshot_and_empties_the_preview():
    # the import command lets the million rows go once stored (its peak memory); what is stored is the same
    kept, released = Store.create_in_memory(clock=FakeClock()), Store.create_in_memory(clock=FakeClock())
    a = imports.store_snapshot(kept, preview_import(SMALL), "alice", source="test")
    preview = preview_import(SMALL)
    n_exposures = len(preview.data.exposures)
    b = imports.store_snapshot(released, preview, "alice", source="test", release_rows=True)
    assert n_exposures > 0 and len(preview.data.exposures) == 0 and len(preview.data.counterparties) == 0
    assert list(preview.data.exposures.columns) == list(kept.load_snapshot(a.snapshot_id).exposures.columns)
    assert b.result_json == a.result_json and (b.opened_cases, b.proposal_id) == (a.opened_cases, a.proposal_id)
    one, other = kept.load_snapshot(a.snapshot_id), released.load_snapshot(b.snapshot_id)
    for name in ("exposures", "counterparties", "members", "limits"):
        assert getattr(one, name).equals(getattr(other, name)), name
    assert kept.chain_head() == released.chain_head()


def test_the_engine_module_re_exports_call_the_service(monkeypatch):
    calls = []
    monkeypatch.setattr(imports, "store_snapshot", lambda *a: calls.append(("store", a[2:])) or "stored")
    monkeypatch.setattr(imports, "same_date_snapshots", lambda *a: calls.append(("same",)) or [])
    assert snapshots.store_snapshot(None, None, "bob", "src") == "stored"
    assert snapshots.same_date_snapshots(None, None) == []
    assert calls == [("store", ("bob", "src", False)), ("same",)]


def test_a_refused_import_stores_nothing(tmp_path):
    store = Store.create_in_memory(clock=FakeClock())
    out = imports.import_snapshot(store, tmp_path / "missing-folder", "alice")
    assert not out.ok and store.list_snapshots() == []
