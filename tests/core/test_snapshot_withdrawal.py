"""Withdrawing a snapshot imported by mistake: an append-only record (who, when, why); the snapshot stays on
record (and in the history) but is skipped wherever "the" snapshot of a period or the latest one is chosen."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from core.concentration.snapshots import preview_import, store_snapshot
from core.store import Store, StoreError
from core.whatif import governance as gov
from core.whatif.kept import latest_kept
from tests.conftest import EXAMPLES
from tests.core.test_store_support import FakeClock, small_group

SMALL = EXAMPLES / "small-group"


@pytest.fixture
def store():
    return Store.create_in_memory(clock=FakeClock())


def _three(store):
    """2024-12-31, then 2025-06-30 twice: the second one imported by mistake (the newest, so "the" one)."""
    old = store.save_snapshot(small_group(date(2024, 12, 31)), "alice")
    good = store.save_snapshot(small_group(), "alice")
    wrong = store.save_snapshot(small_group(), "bob", source="wrong.xlsx")
    return old, good, wrong


def test_a_withdrawn_snapshot_is_skipped_but_stays_on_record(store):
    old, good, wrong = _three(store)
    assert store.latest_snapshot_in("2025-01-01", "2025-06-30").id == wrong
    assert [s.id for s in store.list_snapshots()] == [wrong, good, old]
    w = store.withdraw_snapshot(wrong, " bob ", "  导入了错误的文件  ")
    assert (w.snapshot_id, w.created_by, w.reason) == (wrong, "bob", "导入了错误的文件")
    assert store.latest_snapshot_in("2025-01-01", "2025-06-30").id == good
    assert store.latest_snapshot_in(date(2025, 6, 30), date(2025, 6, 30), include_withdrawn=True).id == wrong
    assert [s.id for s in store.list_snapshots()] == [good, old]
    assert list(store.snapshots_frame()["id"]) == [good, old]
    every = store.list_snapshots(include_withdrawn=True)
    assert [s.id for s in every] == [wrong, good, old]
    assert every[0].withdrawal == w and every[1].withdrawal is None
    assert store.get_snapshot_info(wrong).withdrawal == w            # still readable by id
    assert len(store.load_snapshot(wrong).exposures) == len(small_group().exposures)
    assert store.snapshot_withdrawals() == [w]
    j = [e for e in store.list_journal(entity="snapshot") if e.action == "snapshot.withdrawn"]
    assert len(j) == 1 and j[0].entity_id == wrong and j[0].created_by == "bob"
    assert j[0].payload == {"withdrawal_id": w.id, "reason": "导入了错误的文件"}
    # withdrawing the only snapshot of a period leaves the period without one
    store.withdraw_snapshot(good, "alice", "also wrong")
    assert store.latest_snapshot_in("2025-01-01", "2025-06-30") is None
    assert [s.id for s in store.list_snapshots()] == [old]


def test_withdrawal_refusals(store):
    old, good, wrong = _three(store)
    for who in (None, " "):
        with pytest.raises(StoreError) as e:
            store.withdraw_snapshot(wrong, who, "x")
        assert e.value.code == "user_required"
    for why in (None, "", "  "):
        with pytest.raises(StoreError) as e:
            store.withdraw_snapshot(wrong, "bob", why)
        assert e.value.code == "invalid_value" and e.value.detail["field"] == "reason"
    with pytest.raises(StoreError) as e:
        store.withdraw_snapshot(999, "bob", "x")
    assert e.value.code == "not_found"
    w = store.withdraw_snapshot(wrong, "bob", "wrong file")
    with pytest.raises(StoreError) as e:
        store.withdraw_snapshot(wrong, "alice", "again")
    assert e.value.code == "withdrawn" and e.value.detail == {"snapshot_id": wrong, "withdrawal_id": w.id}
    # a withdrawn snapshot takes no new evaluation
    with pytest.raises(StoreError) as e:
        store.save_evaluation(wrong, {"source": "snapshot"}, {"limits": []}, None, "bob")
    assert e.value.code == "withdrawn"
    assert store.snapshot_withdrawals() == [w]


def test_the_withdrawal_is_immutable(store):
    old, good, wrong = _three(store)
    store.withdraw_snapshot(wrong, "bob", "wrong file")
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        store.conn.execute("UPDATE snapshot_withdrawal SET reason = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        store.conn.execute("DELETE FROM snapshot_withdrawal")
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        store.conn.execute("INSERT OR REPLACE INTO snapshot_withdrawal (id, snapshot_id, reason, created_at, "
                           "created_by) SELECT id, snapshot_id, 'x', created_at, created_by FROM snapshot_withdrawal")
    with pytest.raises(sqlite3.IntegrityError):                      # one withdrawal per snapshot
        store.conn.execute("INSERT INTO snapshot_withdrawal (snapshot_id, reason, created_at, created_by) "
                           "VALUES (?, 'x', '2025-01-01T00:00:00+00:00', 'x')", (wrong,))
    with pytest.raises(sqlite3.IntegrityError, match="withdrawn"):   # no evaluation, even bypassing the store
        store.conn.execute("INSERT INTO evaluation (snapshot_id, limit_set_ref, result_json, created_at) "
                           "VALUES (?, '{}', '{}', '2025-01-01T00:00:00+00:00')", (wrong,))
    assert store.integrity_check() == []


def test_governance_uses_the_latest_snapshot_not_withdrawn():
    s = Store.create_in_memory(clock=FakeClock())
    good_id = store_snapshot(s, preview_import(SMALL), None).snapshot_id
    wrong_id = store_snapshot(s, preview_import(SMALL), None).snapshot_id
    assert wrong_id != good_id and latest_kept(s).snapshot_id == wrong_id
    s.withdraw_snapshot(wrong_id, "alice", "imported twice")
    assert latest_kept(s).snapshot_id == good_id
    eid, doc = gov.evaluate_snapshot_governed(s, user="alice")
    assert s.load_evaluation(eid).snapshot_id == good_id
    # before any approval the snapshot's own limits govern: those of the latest snapshot not withdrawn
    limits, ref, approved = gov.governing_limits(s, date(2025, 6, 30))
    assert approved is False and ref == {"source": "snapshot"}
    pid = gov.proposal_from_import(s, s.load_snapshot(good_id), "alice", "limits")
    d = gov.approve(s, pid, "bob", "ok")
    assert d.evaluation["evaluation"]["snapshot_id"] == good_id      # evaluated on the latest kept, not withdrawn
    # the only snapshot withdrawn: nothing to evaluate on
    s.withdraw_snapshot(good_id, "alice", "wrong too")
    assert latest_kept(s) is None


def test_cases_opened_by_a_withdrawn_snapshot_stay_open():
    """Withdrawal does not touch the breach register: cases opened by the withdrawn snapshot's evaluation stay
    as they are (the officer handles them in the register)."""
    s = Store.create_in_memory(clock=FakeClock())
    wrong = store_snapshot(s, preview_import(SMALL), "alice").snapshot_id
    cases = s.list_cases(state="active")
    assert cases                                                     # the small group has breaches
    s.withdraw_snapshot(wrong, "alice", "wrong file")
    assert [c.id for c in s.list_cases(state="active")] == [c.id for c in cases]
    assert all(c.state == "open" for c in s.list_cases(state="active"))


def test_a_withdrawn_snapshot_is_no_evidence_for_closing_a_case():
    from tests.core.test_store_cases import _code, _evaluate

    s = Store.create_in_memory(clock=FakeClock())
    _, e1 = _evaluate(s, date(2025, 6, 30), ("L01", "BANK1", "breach", 0.1))
    (case,) = s.open_cases_from_evaluation(e1, user="alice").opened
    wrong, e2 = _evaluate(s, date(2025, 9, 30))                   # shows BANK1 back in range, but wrongly
    s.withdraw_snapshot(wrong, "alice", "wrong file")
    err = _code(s.record_case_event, case, "bob", state="closed", evidence_evaluation_id=e2)
    assert err.code == "case_not_back_in_range" and err.detail["reason"] == "no_later_evaluation"
    assert s.get_case(case).state == "open"
    _, e3 = _evaluate(s, date(2025, 9, 30))                       # the corrected import
    s.record_case_event(case, "bob", state="closed", cause="data_correction", evidence_evaluation_id=e3)
    assert s.get_case(case).state == "closed"


def test_a_v3_database_is_backed_up_then_gets_the_snapshot_withdrawal_table(tmp_path, monkeypatch):
    from core.store import base as store_base
    from core.store.schema import MIGRATIONS

    path = tmp_path / "history.sqlite3"
    monkeypatch.setattr(store_base, "MIGRATIONS", MIGRATIONS[:3])
    monkeypatch.setattr(store_base, "SCHEMA_VERSION", 3)
    with Store.open(path, clock=FakeClock()) as s:
        assert "snapshot_withdrawal" not in s.db.table_names()
        sid = s.save_snapshot(small_group(), "alice")
    monkeypatch.undo()
    with Store.open(path, clock=FakeClock()) as s:
        assert s.schema_version >= 4 and s.integrity_check() == []
        migrated = [e for e in s.list_journal(entity="schema") if e.payload["to"] == 4]
        assert len(migrated) == 1 and "v3-backup" in migrated[0].payload["backup"]
        assert [x.id for x in s.list_snapshots()] == [sid]
        s.withdraw_snapshot(sid, "alice", "wrong")
        assert s.list_snapshots() == [] and s.list_snapshots(include_withdrawn=True)[0].withdrawal.reason == "wrong"
    assert len([p for p in tmp_path.iterdir() if "v3-backup" in p.name]) == 1
