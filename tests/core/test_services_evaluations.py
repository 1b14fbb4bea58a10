"""core.services.evaluations: the one rule for which evaluation governs a snapshot, and its readers."""
from __future__ import annotations

import pytest

from core.concentration.importer import read_group_data
from core.concentration.snapshots import preview_import, store_snapshot
from core.services.evaluations import governing_evaluation, is_stress_evaluation
from core.store import Store
from core.whatif import governance as gov
from core.whatif.kept import latest_kept
from core.whatif.stress import load_scenarios, run_scenario, save_stress_result
from tests.conftest import EXAMPLES
from tests.core.test_store_support import FakeClock

SMALL = EXAMPLES / "small-group"


@pytest.fixture
def store():
    s = Store.create_in_memory(clock=FakeClock())
    store_snapshot(s, preview_import(SMALL), None)
    return s


@pytest.fixture(scope="module")
def data():
    return read_group_data(SMALL)


def test_stress_results_never_govern_and_an_approved_evaluation_wins(store, data):
    sid = store.list_snapshots()[0].id
    first = governing_evaluation(store, sid)
    assert first.limit_set_ref == {"source": "snapshot"} and not is_stress_evaluation(first)
    save_stress_result(store, sid, run_scenario(data, load_scenarios()[0]), "alice")
    assert governing_evaluation(store, sid).id == first.id
    assert latest_kept(store).evaluation_id == first.id
    pid = gov.proposal_from_import(store, data, "alice", "first catalogue")
    gov.approve(store, pid, "bob", "ok")
    eid, _ = gov.evaluate_snapshot_governed(store, user="bob")
    save_stress_result(store, sid, run_scenario(data, load_scenarios()[1]), "alice")
    assert governing_evaluation(store, sid).id == eid                     # approved, newest
    # a reader of kept sums: the re-evaluation keeps none, so the import's evaluation is the one it reads
    assert governing_evaluation(store, sid, with_aggregates=True).id == first.id
    # pinned to the records of an earlier issue: the later re-evaluation is not seen
    assert governing_evaluation(store, sid, allows=lambda i: i != eid).id == first.id
    assert governing_evaluation(store, sid, allows=lambda i: False) is None


def test_the_report_and_the_concentration_screen_read_the_same_rule(store, data):
    """Both callers go through the service: the screen's loader picks the approved re-evaluation's
    version, the report its kept evaluation (then measures it under that same version)."""
    from reports.builders.common import Pins, ReportError
    from reports.builders.common import governing_evaluation as report_governing

    sid = store.list_snapshots()[0].id
    pid = gov.proposal_from_import(store, data, "alice", "first catalogue")
    gov.approve(store, pid, "bob", "ok")
    gov.evaluate_snapshot_governed(store, user="bob")
    everything = Pins()
    assert report_governing(store, sid, everything).id == governing_evaluation(store, sid, with_aggregates=True).id
    with pytest.raises(ReportError):
        report_governing(store, sid + 99, everything)
