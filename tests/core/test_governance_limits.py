"""Governance of limit sets on a store holding the small example group: which limits govern, proposals from
the sandbox and from an import, maker-checker approval, immutable versions, version comparison."""
from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from decimal import Decimal

import pandas as pd
import pytest

from core.concentration.importer import read_group_data
from core.concentration.snapshots import import_snapshot, preview_import, store_snapshot
from core.store import Store, StoreError
from core.whatif import governance as gov
from core.whatif.errors import WhatIfError
from core.whatif.kept import latest_kept
from core.whatif.sandbox import RemoveLimit, Sandbox, set_limit, set_warning
from tests.conftest import EXAMPLES
from tests.core.test_store_support import FakeClock

SMALL = EXAMPLES / "small-group"
AS_OF = date(2025, 6, 30)


@pytest.fixture
def store():
    """A store holding the small group, stored with no user: so no import proposal exists and each test
    makes the proposals it is about (an import by a named user proposes the data's limits itself)."""
    s = Store.create_in_memory(clock=FakeClock())
    store_snapshot(s, preview_import(SMALL), None)
    return s


@pytest.fixture(scope="module")
def data():
    return read_group_data(SMALL)


def _approved_v1(store, data):
    """alice proposes the snapshot's own limits, bob approves: version 1 effective 2025-06-30."""
    pid = gov.proposal_from_import(store, data, "alice", "first catalogue")
    return pid, gov.approve(store, pid, "bob", "ok")


def test_before_any_approval_the_snapshot_limits_govern_and_say_so(store, data):
    limits, ref, approved = gov.governing_limits(store, AS_OF)
    assert approved is False and ref == {"source": "snapshot"}
    assert gov.limits_differ(limits, data.limits) is False
    # from the data itself, and the import hook
    assert gov.evaluation_limits_for(store, data)[1:] == ({"source": "snapshot"}, False)
    res, doc, ref = gov.evaluate_for_store(store, preview_import(SMALL).result, data)
    assert doc["limits_approved"] is False and doc["limit_set"] == {"source": "snapshot"}
    assert {x["limit_id"]: x["status"] for x in doc["limits"]}["L01"] == "breach"
    with pytest.raises(WhatIfError) as e:
        gov.governing_limits(store, date(2020, 1, 1))       # no snapshot that early, nothing approved
    assert e.value.code == "no_limits"


def test_a_proposal_cannot_be_approved_by_its_proposer(store, data):
    pid = gov.proposal_from_import(store, data, "alice", "first catalogue")
    with pytest.raises(StoreError) as e:
        gov.approve(store, pid, "alice", "self-approval")
    assert e.value.code == "same_person"
    with pytest.raises(StoreError) as e:
        gov.approve(store, pid, "ALICE ", "self-approval")
    assert e.value.code == "same_person"
    assert store.get_proposal(pid).status == "pending"
    assert gov.governing_limits(store, AS_OF)[2] is False     # still not approved


def test_approval_governs_records_users_and_the_evaluation(store, data):
    pid, decision = _approved_v1(store, data)
    p = store.get_proposal(pid)
    assert p.proposer == "alice" and p.reason == "first catalogue" and p.effective_date == AS_OF
    assert decision.decider == "bob" and decision.comment == "ok" and decision.version_id is not None
    ev = decision.evaluation["evaluation"]
    assert ev["as_of"] == "2025-06-30"
    statuses = {x["limit_id"]: x["status"] for x in ev["result"]["limits"]}
    assert statuses["L01"] == "breach" and statuses["L07"] == "breach" and statuses["L05"] == "ok"
    limits, ref, approved = gov.governing_limits(store, AS_OF)
    assert approved and ref == {"limit_set_id": p.limit_set_id, "version": 1}
    assert not gov.limits_differ(limits, data.limits)
    # the same data imported again: no new proposal
    assert gov.proposal_from_import(store, data, "carol") is None
    # a second decision is refused
    with pytest.raises(StoreError) as e:
        gov.reject(store, pid, "carol")
    assert e.value.code == "already_decided"


def test_an_approved_version_is_immutable(store, data):
    pid, decision = _approved_v1(store, data)
    v = store.get_version(decision.version_id)
    rows_before = v.rows.copy()
    for sql in ("UPDATE limit_set_version_row SET \"limit\" = '0.5' WHERE version_id = ?",
                "DELETE FROM limit_set_version_row WHERE version_id = ?",
                "UPDATE limit_set_version SET effective_date = '2000-01-01' WHERE id = ?",
                "DELETE FROM limit_set_version WHERE id = ?"):
        with pytest.raises(sqlite3.DatabaseError, match="immutable"):
            store.conn.execute(sql, (decision.version_id,))
    # a change is a new proposal and a new version; version 1 stays as approved
    s = gov.sandbox_for(store, latest_kept(store).aggregates)
    assert s.base_ref["approved"] is True
    s.apply(set_limit("L01", "0.11"))
    p2 = gov.propose_from_sandbox(store, s, "carol", "raise L01", effective_date="2025-07-01")
    d2 = gov.approve(store, p2, "bob")
    assert store.get_version(d2.version_id).version == 2
    pd.testing.assert_frame_equal(store.get_version(decision.version_id).rows, rows_before)
    assert gov.governing_limits(store, AS_OF)[1]["version"] == 1             # in force on 2025-06-30
    assert gov.governing_limits(store, "2025-07-01")[1]["version"] == 2


def test_sandbox_proposal_records_the_what_if_and_the_diff(store, data):
    _approved_v1(store, data)
    kept = latest_kept(store)
    s = gov.sandbox_for(store, kept.aggregates)
    with pytest.raises(WhatIfError) as e:
        gov.propose_from_sandbox(store, s, "carol", "nothing")
    assert e.value.code == "no_change"
    s.apply(set_limit("L01", "0.11"))
    pid = gov.propose_from_sandbox(store, s, "carol", "raise L01")
    p = store.get_proposal(pid)
    assert p.proposer == "carol" and p.base_version_id == store.list_versions()[0].id
    assert p.effective_date == AS_OF
    moves = {x["limit_id"]: x["moves"] for x in p.evaluation["diff"]["limits"]}["L01"]
    assert moves == [{"key": "BANK1", "old_status": "breach", "new_status": "warning", "old_exposure": 1.0e10,
                      "new_exposure": 1.0e10, "old_ratio": 0.1, "new_ratio": 0.1}]
    assert str(p.rows.set_index("limit_id").at["L01", "limit"]) == "0.11"
    # rejected: stays on record, nothing changes
    d = gov.reject(store, pid, "bob", "too loose")
    assert store.get_proposal(pid).status == "rejected" and d.version_id is None
    assert gov.governing_limits(store, AS_OF)[1]["version"] == 1
    # approval must keep the proposal's effective date
    pid2 = gov.propose_from_sandbox(store, s, "carol", "again")
    with pytest.raises(WhatIfError) as e:
        gov.approve(store, pid2, "bob", effective_date="2025-12-31")
    assert e.value.code == "effective_date_differs"


def test_import_with_different_limits_becomes_a_proposal(store, data, tmp_path):
    _, d1 = _approved_v1(store, data)
    folder = tmp_path / "data"
    shutil.copytree(SMALL, folder)
    text = (folder / "limits.csv").read_text(encoding="utf-8").replace(
        "L01,单一交易对手集团（集团）,counterparty_group,group,,total_assets,0.05,0.08,",
        "L01,单一交易对手集团（集团）,counterparty_group,group,,total_assets,0.05,0.12,")
    (folder / "limits.csv").write_text(text, encoding="utf-8")
    changed = read_group_data(folder)
    assert gov.limits_differ(changed.limits, data.limits)
    # the approved set still governs the changed data's evaluation
    limits, ref, approved = gov.evaluation_limits_for(store, changed)
    assert approved and str(limits.set_index("limit_id").at["L01", "limit"]) == "0.08"
    pid = gov.proposal_from_import(store, changed, "dave", "imported")
    p = store.get_proposal(pid)
    assert p.status == "pending" and p.proposer == "dave" and p.base_version_id == d1.version_id
    assert {x["limit_id"]: x["fields"] for x in p.evaluation["diff"]["limits"]}["L01"] == ["limit"]
    assert gov.proposal_from_import(store, changed, "dave") == pid      # not twice
    assert gov.governing_limits(store, AS_OF)[1]["version"] == 1         # not approved by itself


def test_compare_any_two_versions(store, data):
    _, d1 = _approved_v1(store, data)
    s = gov.sandbox_for(store, latest_kept(store).aggregates)
    s.apply(set_limit("L01", "0.11"))
    s.apply(RemoveLimit("L05"))
    s.apply(set_warning("L09", "0.04"))
    d2 = gov.approve(store, gov.propose_from_sandbox(store, s, "carol", "v2", "2025-07-01"), "bob")
    diff = gov.compare_versions(store, d1.version_id, d2.version_id)
    assert diff.by_id("L01").old_status == "breach" and diff.by_id("L01").new_status == "warning"
    assert [c.limit_id for c in diff.removed] == ["L05"]
    assert [(m.key, m.old_status, m.new_status) for m in diff.by_id("L09").moves] == [("K70", "ok", "warning")]
    back = gov.compare_versions(store, d2.version_id, d1.version_id)
    assert [c.limit_id for c in back.added] == ["L05"]
    assert back.by_id("L01").new.limit == Decimal("0.08")


def test_compare_without_snapshots_is_definitions_only(data):
    s = Store.create_in_memory(clock=FakeClock())
    pid = gov.proposal_from_import(s, data, "alice")
    d1 = gov.approve(s, pid, "bob")
    assert d1.evaluation["evaluation"] is None                     # no snapshot to evaluate on
    changed = data.limits.copy()
    changed.loc[0, "limit"] = Decimal("0.11")
    ls = s.list_limit_sets()[0].id
    d2 = s.decide(s.create_proposal(ls, changed, "carol", "x", "2025-07-01"), "bob", "approve")
    diff = gov.compare_versions(s, d1.version_id, d2.version_id)
    assert diff.by_id("L01").fields == ("limit",) and diff.by_id("L01").new_status == "no_basis"


def test_snapshot_limits_read_without_exposures(store, data):
    sid = store.list_snapshots()[0].id
    got = gov.snapshot_limits(store, sid)
    pd.testing.assert_frame_equal(got, data.limits)


def test_kept_aggregates_evaluate_like_the_fresh_ones(store, data):
    from core.concentration.aggregate import build_aggregates
    from core.concentration.limits import evaluate_limits
    kept = latest_kept(store)
    a = evaluate_limits(kept.aggregates, data.limits)
    b = evaluate_limits(build_aggregates(data), data.limits)
    pd.testing.assert_frame_equal(a.results, b.results)
    pd.testing.assert_frame_equal(a.flagged, b.flagged)
    assert isinstance(Sandbox(kept.aggregates, data.limits).evaluation.results, pd.DataFrame)


def test_store_snapshot_with_the_governing_limits(store, data, tmp_path):
    """What core.concentration.snapshots.store_snapshot would do with the proposed change: once v1 is
    approved with L01 at 0.11, a re-import of data whose limits.csv still says 0.08 is evaluated under v1
    (BANK1 warning, not breach), says so, and its differing limits.csv becomes a proposal."""
    ls = store.create_limit_set("集团限额", "alice")
    rows = data.limits.copy()
    rows.loc[rows["limit_id"] == "L01", "limit"] = Decimal("0.11")
    store.decide(store.create_proposal(ls, rows, "alice", "v1", "2025-01-01"), "bob", "approve")
    preview = preview_import(SMALL)
    result, doc, ref = gov.evaluate_for_store(store, preview.result, preview.data)
    assert ref == {"limit_set_id": ls, "version": 1} and doc["limits_approved"] is True
    l01 = {x["limit_id"]: x for x in doc["limits"]}["L01"]
    assert (l01["limit"], l01["status"]) == (0.11, "warning")
    eid = store.save_evaluation(store.list_snapshots()[0].id, ref, doc, None, "carol")
    assert store.load_evaluation(eid).limit_set_version_id == store.list_versions(ls)[0].id
    pid = gov.proposal_from_import(store, preview.data, "carol")
    assert store.get_proposal(pid).status == "pending"


def test_a_stored_snapshot_re_evaluated_under_the_approved_version(store, data):
    """After v1 (L01 limit 0.11) is approved, the latest snapshot's evaluation under v1 says BANK1 is a
    warning (0.10 ≤ 0.11) and is recorded against version 1; the kept aggregates are still found."""
    ls = store.create_limit_set("集团限额", "alice")
    rows = data.limits.copy()
    rows.loc[rows["limit_id"] == "L01", "limit"] = Decimal("0.11")
    store.decide(store.create_proposal(ls, rows, "alice", "v1", "2025-01-01"), "bob", "approve")
    eid, doc = gov.evaluate_snapshot_governed(store, user="bob")
    rec = store.load_evaluation(eid)
    assert rec.limit_set_ref == {"limit_set_id": ls, "version": 1} and rec.result["limits_approved"] is True
    assert {x["limit_id"]: x["status"] for x in rec.result["limits"]}["L01"] == "warning"
    assert rec.result["indices"]["counterparty_group"]["top1"] == pytest.approx(0.38461538461538464)
    assert latest_kept(store) is not None
    # before any approval: the snapshot's own limits, marked not approved
    s2 = Store.create_in_memory(clock=FakeClock())
    import_snapshot(s2, SMALL, "loader")
    _, doc2 = gov.evaluate_snapshot_governed(s2, save=False)
    assert doc2["limits_approved"] is False and doc2["limit_set"] == {"source": "snapshot"}
    assert {x["limit_id"]: x["status"] for x in doc2["limits"]}["L01"] == "breach"


def test_a_proposal_on_an_outdated_version_is_not_approved_silently(store, data):
    _approved_v1(store, data)
    agg = latest_kept(store).aggregates
    a, b = gov.sandbox_for(store, agg), gov.sandbox_for(store, agg)
    a.apply(set_limit("L01", "0.11"))
    b.apply(set_warning("L09", "0.04"))
    pa = gov.propose_from_sandbox(store, a, "carol", "raise L01")
    pb = gov.propose_from_sandbox(store, b, "dave", "lower L09 warning")
    gov.approve(store, pa, "bob")                                   # version 2
    with pytest.raises(WhatIfError) as e:
        gov.approve(store, pb, "bob")                               # would put L01 back to 0.08
    assert e.value.code == "stale_proposal" and store.get_proposal(pb).status == "pending"
    d = gov.approve(store, pb, "bob", allow_stale=True)
    assert store.get_version(d.version_id).version == 3


def test_two_first_proposals_the_second_is_stale_after_the_first_is_approved(store, data):
    p1 = gov.proposal_from_import(store, data, "alice", "first")
    changed = data.limits.copy()
    changed.loc[0, "limit"] = Decimal("0.09")
    ls = store.list_limit_sets()[0].id
    p2 = store.create_proposal(ls, changed, "carol", "another first", "2025-06-30")
    gov.approve(store, p1, "bob")
    with pytest.raises(WhatIfError) as e:
        gov.approve(store, p2, "bob")
    assert e.value.code == "stale_proposal" and e.value.detail["base_version_id"] is None
