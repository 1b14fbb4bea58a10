"""core.services.limits: approve a limit proposal and re-evaluate the latest snapshot, in ONE transaction."""
from __future__ import annotations

import pytest

from core.concentration.importer import read_group_data
from core.concentration.snapshots import preview_import, store_snapshot
from core.services.evaluations import governing_evaluation
from core.services.limits import approve_and_reevaluate
from core.store import Store
from core.whatif import governance as gov
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


def test_the_approval_and_the_re_evaluation_are_recorded_together(store, data):
    sid = store.list_snapshots()[0].id
    pid = gov.proposal_from_import(store, data, "alice", "first catalogue")
    out = approve_and_reevaluate(store, pid, "bob", "ok")
    assert out.decision.decider == "bob" and out.snapshot_id == sid and out.evaluation_id is not None
    gov_ev = governing_evaluation(store, sid)
    assert gov_ev.id == out.evaluation_id
    assert gov_ev.limit_set_ref["limit_set_id"] and gov_ev.limit_set_version_id == out.decision.version_id
    assert store.get_proposal(pid).status == "approved"


def test_a_failing_re_evaluation_leaves_no_approval_on_record(store, data, monkeypatch):
    """Two transactions (the GUI worker before) left an approved version with the dashboard still on the
    old evaluation when the second step failed; one transaction leaves neither."""
    sid = store.list_snapshots()[0].id
    before = governing_evaluation(store, sid).id
    pid = gov.proposal_from_import(store, data, "alice", "first catalogue")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full half-way")

    monkeypatch.setattr(gov, "evaluate_snapshot_governed", broken)
    with pytest.raises(RuntimeError):
        approve_and_reevaluate(store, pid, "bob", "ok")
    assert store.get_proposal(pid).status == "pending"
    assert store.list_versions(store.get_proposal(pid).limit_set_id) == []
    assert governing_evaluation(store, sid).id == before


def test_a_version_not_yet_in_force_on_the_snapshot_date_changes_no_evaluation(store, data):
    sid = store.list_snapshots()[0].id
    before = governing_evaluation(store, sid).id
    pid = gov.proposal_from_import(store, data, "alice", "later catalogue", effective_date="2026-01-01")
    out = approve_and_reevaluate(store, pid, "bob")
    assert out.decision.version_id is not None and out.evaluation_id is None
    assert governing_evaluation(store, sid).id == before


def test_open_cases_sweeps_the_register_with_the_new_evaluation(store, data):
    pid = gov.proposal_from_import(store, data, "alice", "first catalogue")
    sid = store.list_snapshots()[0].id
    out = approve_and_reevaluate(store, pid, "bob", snapshot_id=sid, open_cases=True)
    seen = {e.evaluation_id for c in store.list_cases() for e in store.case_history(c.id)}
    assert store.list_cases() and out.evaluation_id in seen


def test_without_open_cases_the_register_is_left_to_the_next_import(store, data):
    pid = gov.proposal_from_import(store, data, "alice", "first catalogue")
    out = approve_and_reevaluate(store, pid, "bob")
    seen = {e.evaluation_id for c in store.list_cases() for e in store.case_history(c.id)}
    assert out.evaluation_id is not None and out.evaluation_id not in seen
