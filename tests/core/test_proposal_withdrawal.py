"""A maker withdraws their own pending limit-set proposal (guideline Art. 8, 14): only the proposer, only
while pending; the withdrawal is an append-only record (who, when, why) and ends the proposal for good."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from core.concentration.importer import read_group_data
from core.concentration.snapshots import preview_import, store_snapshot
from core.store import Store, StoreError
from core.whatif import governance as gov
from tests.conftest import EXAMPLES
from tests.core.test_store_support import FakeClock, small_group

SMALL = EXAMPLES / "small-group"


@pytest.fixture
def store():
    return Store.create_in_memory(clock=FakeClock())


@pytest.fixture
def proposal(store):
    ls = store.create_limit_set("集团限额", "alice")
    return store.create_proposal(ls, small_group().limits, "alice", "年度限额", date(2025, 1, 1))


def test_the_proposer_withdraws_and_it_stays_on_record(store, proposal):
    w = store.withdraw_proposal(proposal, " Alice ", "  数据有误，重新提交  ")
    assert (w.proposal_id, w.created_by, w.reason) == (proposal, "Alice", "数据有误，重新提交")
    assert w.created_at.endswith("+00:00")
    p = store.get_proposal(proposal)
    assert p.status == "withdrawn" and p.decision is None and p.withdrawal == w
    assert len(p.rows) == 4                                   # the proposal itself is still there
    assert [x.id for x in store.list_proposals(status="withdrawn")] == [proposal]
    assert store.list_proposals(status="pending") == []
    j = [e for e in store.list_journal(entity="limit_proposal") if e.action == "limit_proposal.withdrawn"]
    assert len(j) == 1 and j[0].created_by == "Alice" and j[0].payload == {"withdrawal_id": w.id,
                                                                           "reason": "数据有误，重新提交"}
    assert store.list_versions() == []


def test_only_the_proposer_may_withdraw(store, proposal):
    with pytest.raises(StoreError) as e:
        store.withdraw_proposal(proposal, "bob", "不需要了")
    assert e.value.code == "not_proposer" and e.value.detail["proposer"] == "alice"
    for who in (None, "  "):
        with pytest.raises(StoreError) as e:
            store.withdraw_proposal(proposal, who, "不需要了")
        assert e.value.code == "user_required"
    for why in (None, "", "   "):
        with pytest.raises(StoreError) as e:
            store.withdraw_proposal(proposal, "alice", why)
        assert e.value.code == "invalid_value" and e.value.detail["field"] == "reason"
    with pytest.raises(StoreError) as e:
        store.withdraw_proposal(999, "alice", "x")
    assert e.value.code == "not_found"
    assert store.get_proposal(proposal).status == "pending"
    assert store.db["limit_proposal_withdrawal"].count == 0


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_a_decided_proposal_cannot_be_withdrawn(store, proposal, decision):
    store.decide(proposal, "bob", decision)
    with pytest.raises(StoreError) as e:
        store.withdraw_proposal(proposal, "alice", "太晚了")
    assert e.value.code == "already_decided"
    assert store.get_proposal(proposal).status == ("approved" if decision == "approve" else "rejected")


def test_a_withdrawn_proposal_takes_no_decision_and_no_second_withdrawal(store, proposal):
    w = store.withdraw_proposal(proposal, "alice", "撤回")
    for decision in ("approve", "reject"):
        with pytest.raises(StoreError) as e:
            store.decide(proposal, "bob", decision, "晚了")
        assert e.value.code == "withdrawn" and e.value.detail["withdrawal_id"] == w.id
    with pytest.raises(StoreError) as e:
        store.withdraw_proposal(proposal, "alice", "again")
    assert e.value.code == "withdrawn"
    assert store.db["limit_decision"].count == 0 and store.list_versions() == []


def test_withdrawal_is_immutable_and_the_file_keeps_decided_or_withdrawn(store, proposal):
    store.withdraw_proposal(proposal, "alice", "撤回")
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        store.conn.execute("UPDATE limit_proposal_withdrawal SET reason = 'other'")
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        store.conn.execute("DELETE FROM limit_proposal_withdrawal")
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        store.conn.execute("INSERT OR REPLACE INTO limit_proposal_withdrawal (id, proposal_id, reason, created_at, "
                           "created_by) SELECT id, proposal_id, 'other', created_at, created_by "
                           "FROM limit_proposal_withdrawal")
    # a writer that bypasses the store still cannot decide a withdrawn proposal
    with pytest.raises(sqlite3.IntegrityError, match="withdrawn"):
        store.conn.execute("INSERT INTO limit_decision (proposal_id, decider, decision, created_at) "
                           "VALUES (?, 'bob', 'approve', '2025-01-01T00:00:00+00:00')", (proposal,))
    # ... nor withdraw a decided one
    ls = store.list_limit_sets()[0].id
    p2 = store.create_proposal(ls, small_group().limits, "alice", "再提", date(2025, 2, 1))
    store.decide(p2, "bob", "reject")
    with pytest.raises(sqlite3.IntegrityError, match="already_decided"):
        store.conn.execute("INSERT INTO limit_proposal_withdrawal (proposal_id, reason, created_at, created_by) "
                           "VALUES (?, 'x', '2025-01-01T00:00:00+00:00', 'alice')", (p2,))
    assert store.integrity_check() == []


def test_governance_withdraw_then_approve_refused_and_a_new_import_proposes_again():
    s = Store.create_in_memory(clock=FakeClock())
    store_snapshot(s, preview_import(SMALL), None)
    data = read_group_data(SMALL)
    pid = gov.proposal_from_import(s, data, "alice", "first catalogue")
    with pytest.raises(StoreError) as e:
        gov.withdraw(s, pid, "bob", "not mine")
    assert e.value.code == "not_proposer"
    gov.withdraw(s, pid, "alice", "wrong file")
    with pytest.raises(StoreError) as e:
        gov.approve(s, pid, "bob", "ok")
    assert e.value.code == "withdrawn"
    with pytest.raises(StoreError) as e:
        gov.reject(s, pid, "bob", "no")
    assert e.value.code == "withdrawn"
    assert gov.governing_limits(s, date(2025, 6, 30))[2] is False        # nothing approved
    # the withdrawn proposal is not reused: the same limits imported again make a new pending proposal
    pid2 = gov.proposal_from_import(s, data, "alice", "again")
    assert pid2 != pid and s.get_proposal(pid2).status == "pending"
    assert gov.approve(s, pid2, "bob", "ok").version_id is not None


def test_a_v2_database_is_backed_up_then_gets_the_withdrawal_table(tmp_path, monkeypatch):
    from core.store import base as store_base
    from core.store.schema import MIGRATIONS

    path = tmp_path / "history.sqlite3"
    monkeypatch.setattr(store_base, "MIGRATIONS", MIGRATIONS[:2])
    monkeypatch.setattr(store_base, "SCHEMA_VERSION", 2)
    with Store.open(path, clock=FakeClock()) as s:
        assert "limit_proposal_withdrawal" not in s.db.table_names()
        ls = s.create_limit_set("集团限额", "alice")
        pid = s.create_proposal(ls, small_group().limits, "alice", "年度限额", date(2025, 1, 1))
    monkeypatch.undo()
    with Store.open(path, clock=FakeClock()) as s:
        assert s.schema_version >= 3 and s.integrity_check() == []
        migrated = [e for e in s.list_journal(entity="schema") if e.payload["to"] == 3]
        assert len(migrated) == 1 and "v2-backup" in migrated[0].payload["backup"]
        assert s.get_proposal(pid).status == "pending"
        s.withdraw_proposal(pid, "alice", "撤回")
        assert s.get_proposal(pid).status == "withdrawn"
    assert len([p for p in tmp_path.iterdir() if "v2-backup" in p.name]) == 1
