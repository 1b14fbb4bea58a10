"""Governance records in the store (core.store.governance): each kind on file with who/when/why, journaled,
append-only, in the hash chain; appetite versions per dimension; roles declared and enforced for entering
records; a v5 database is backed up and gets the tables."""
from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from core.store import Store, StoreError
from tests.core.test_store_support import FakeClock

SHA = "0123456789abcdef" * 4

RECORDS = {
    "appetite": {"dimension": "单一交易对手集团", "statement": "不超过集团总资产的5%", "figure": "0.05",
                 "unit": "总资产占比", "approval_body": "董事会", "meeting_ref": "第三届董事会第五次会议",
                 "approval_date": "2025-01-20"},
    "policy": {"title": "集中度风险管理制度", "doc_kind": "policy", "version": "2025版", "file_sha256": SHA,
               "approval_body": "board", "approval_date": "2025-06-26", "next_review_date": "2026-06-26"},
    "major_event": {"occurred_on": "2025-07-02", "event_kind": "limit_breach", "title": "融达集团超限",
                    "limit_ids": ["G01"], "counterparty_ids": "RE01", "case_ids": []},
    "board_opinion": {"report_kind": "semiannual", "period": "2025H1", "meeting": "风险管理委员会2025年第3次会议",
                      "meeting_date": "2025-08-28", "opinions": "同意报告", "follow_up_owner": "风险管理部"},
    "submission": {"report_kind": "quarterly", "period": "2025Q2", "sent_on": "2025-07-25", "reference": "报送-12"},
    "audit": {"period_from": "2024-01-01", "period_to": "2024-11-30", "audit_date": "2024-12-20", "auditor": "审计部",
              "findings": "穿透识别不完整", "remediation_owner": "风险管理部", "remediation_date": "2025-03-31"},
    "member_filing": {"member_id": "LIFE", "document": "集中度风险管理细则", "filed_on": "2025-03-01"},
}


@pytest.fixture
def store():
    return Store.create_in_memory(clock=FakeClock(), os_user="tester")


def test_every_kind_is_kept_with_who_when_why_in_the_journal_and_chain(store):
    ids = {kind: store.record_governance(kind, values, "李明", reason="会议纪要") for kind, values in RECORDS.items()}
    ids["board_notification"] = store.record_governance(
        "board_notification", {"event_ids": [ids["major_event"]], "body": "董事会风险管理委员会",
                               "notified_on": "2025-07-03", "reference": "风委会专报〔2025〕3号"}, "李明")
    for kind, rid in ids.items():
        r = store.get_governance_record(kind, rid)
        assert (r.created_by, r.created_at is not None) == ("李明", True)
    appetite = store.get_governance_record("appetite", ids["appetite"])
    assert appetite.version == 1 and appetite.get("figure") == Decimal("0.05") and appetite.reason == "会议纪要"
    event = store.get_governance_record("major_event", ids["major_event"])
    assert event.get("limit_ids") == ("G01",) and event.get("counterparty_ids") == ("RE01",) and event.get(
        "case_ids") == ()
    assert store.get_governance_record("board_notification", ids["board_notification"]).get("event_ids") == (
        str(ids["major_event"]),)
    actions = {e.action for e in store.list_journal()}
    assert {"appetite.recorded", "policy.recorded", "board_notification.recorded", "audit.recorded"} <= actions
    chained = {r[0] for r in store.conn.execute("SELECT entity FROM chain")}
    assert {"appetite_statement", "policy_document", "major_event", "board_notification", "board_opinion",
            "regulator_submission", "internal_audit", "member_filing"} <= chained
    assert store.verify().ok
    for table in ("appetite_statement", "board_notification", "internal_audit"):
        with pytest.raises(sqlite3.IntegrityError, match="immutable"):
            store.conn.execute(f'UPDATE "{table}" SET created_by = created_by')
        with pytest.raises(sqlite3.IntegrityError, match="immutable"):
            store.conn.execute(f'DELETE FROM "{table}"')


def test_an_edited_record_fails_verification(store):
    store.record_governance("submission", RECORDS["submission"], "李明")
    store.conn.execute("DROP TRIGGER regulator_submission_no_update")
    store.conn.execute("UPDATE regulator_submission SET sent_on = '2025-07-20'")
    codes = {p.code for p in store.verify().problems}
    assert "record_changed" in codes


def test_appetite_is_versioned_per_dimension(store):
    store.record_governance("appetite", RECORDS["appetite"], "李明")
    store.record_governance("appetite", {**RECORDS["appetite"], "figure": "0.045", "approval_date": "2026-01-15"},
                            "李明", reason="下调")
    store.record_governance("appetite", {**RECORDS["appetite"], "dimension": "行业", "figure": "0.10"}, "李明")
    versions = [(r.get("dimension"), r.version) for r in store.governance_records("appetite")]
    assert versions == [("单一交易对手集团", 1), ("单一交易对手集团", 2), ("行业", 1)]
    assert [(r.get("dimension"), r.get("figure")) for r in store.current_appetite()] == [
        ("单一交易对手集团", Decimal("0.045")), ("行业", Decimal("0.10"))]
    assert [r.version for r in store.current_appetite(date(2025, 12, 31))] == [1, 1]


def test_bad_values_are_refused_naming_the_field(store):
    with pytest.raises(StoreError) as err:
        store.record_governance("policy", {**RECORDS["policy"], "file_sha256": "abc"}, "李明")
    assert (err.value.code, err.value.detail["field"], err.value.detail["problem"]) == (
        "invalid_value", "file_sha256", "bad_sha256")
    with pytest.raises(StoreError) as err:
        store.record_governance("board_notification", {"event_ids": [99], "body": "董事会", "notified_on": "2025-07-03",
                                                       "reference": "x"}, "李明")
    assert err.value.code == "not_found"
    with pytest.raises(StoreError) as err:
        store.record_governance("submission", RECORDS["submission"], "  ")
    assert err.value.code == "user_required"
    assert store.governance_records() == []


def test_roles_once_declared_decide_who_enters_records(store):
    store.record_governance("audit", RECORDS["audit"], "李明")          # no role declared yet: as before
    store.set_role("李明", "lead_department", "李明", reason="风险管理部")
    store.set_role("陈静", "internal_audit", "李明")
    store.set_role("周强", "member_officer", "李明", member_id="LIFE")
    with pytest.raises(StoreError) as err:
        store.record_governance("audit", RECORDS["audit"], "李明")
    assert err.value.code == "role_required" and err.value.detail["needs"] == ["internal_audit"]
    store.record_governance("audit", RECORDS["audit"], "陈静")
    store.record_governance("member_filing", RECORDS["member_filing"], "周强")
    with pytest.raises(StoreError):
        store.record_governance("member_filing", {**RECORDS["member_filing"], "member_id": "PC"}, "周强")
    with pytest.raises(StoreError) as err:
        store.set_role("周强", "member_officer", "李明")                 # a member officer names the member
    assert err.value.detail["field"] == "member_id"
    store.set_role("陈静", "internal_audit", "李明", granted=False, reason="调岗")
    with pytest.raises(StoreError):
        store.record_governance("audit", RECORDS["audit"], "陈静")
    assert [(g.user_name, g.role, g.granted) for g in store.role_grants()][-1] == ("陈静", "internal_audit", False)


def test_a_v5_database_is_backed_up_then_gets_the_governance_tables(tmp_path, monkeypatch):
    from core.store import base as store_base
    from core.store.schema import MIGRATIONS

    path = tmp_path / "history.sqlite3"
    monkeypatch.setattr(store_base, "MIGRATIONS", MIGRATIONS[:5])
    monkeypatch.setattr(store_base, "SCHEMA_VERSION", 5)
    with Store.open(path, clock=FakeClock()) as s:
        assert "role_grant" not in s.db.table_names()
        s.save_text("semiannual_conclusion", "2025H1", "总体可控", "alice")
    monkeypatch.undo()
    with Store.open(path, clock=FakeClock()) as s:
        assert s.schema_version >= 6 and "major_event" in s.db.table_names()
        migrated = [e for e in s.list_journal(entity="schema") if e.payload["to"] == 6]
        assert len(migrated) == 1 and "v5-backup" in migrated[0].payload["backup"]
        s.record_governance("major_event", RECORDS["major_event"], "alice")
        assert s.verify().ok
    assert len([p for p in tmp_path.iterdir() if "v5-backup" in p.name]) == 1


def test_a_fresh_database_migrates_through_v5_with_the_later_tables_registered(tmp_path):
    with Store.open(tmp_path / "new.sqlite3") as s:
        assert s.verify().ok
