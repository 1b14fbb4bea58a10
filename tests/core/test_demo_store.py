"""`core.demo.load_demo`: a fresh store holds everything the screens and board reports need."""
from datetime import date

import pytest

from core.demo import CHECKER, MAKER, load_demo
from core.store import Store


@pytest.fixture(scope="module")
def demo():
    store = Store.create_in_memory()
    created = load_demo(store)
    yield store, created
    store.close()


def test_both_snapshots_and_the_rating_history(demo):
    store, created = demo
    assert sorted(s.as_of.isoformat() for s in store.list_snapshots()) == ["2024-12-31", "2025-06-30"]
    kinds = sorted((a.kind, a.period) for a in store.list_assessments())
    assert kinds == [("regulator", "2024"), ("self", "2024"), ("self", "2025")]
    reg = store.regulator_rating_for(store.list_assessments(kind="self")[0].company, "2024")
    assert reg is not None and reg.result["final_level"] == "3"


def test_limits_approved_by_someone_else_and_changed_in_the_half_year(demo):
    store, _ = demo
    versions = sorted(store.list_versions(), key=lambda v: v.version)
    assert [(v.version, v.effective_date) for v in versions] == [(1, date(2024, 12, 31)), (2, date(2025, 6, 30))]
    assert all(v.approved_by == CHECKER for v in versions)
    assert all(p.proposer == MAKER and p.status == "approved" for p in store.list_proposals())


def test_cases_are_handled_and_one_is_major(demo):
    store, _ = demo
    cases = {(c.limit_id, c.key): c for c in store.list_cases()}
    assert {("G01", "RE01"), ("L01", "DIP-IAM01-2023-05"), ("G05", "K70")} <= set(cases)
    major = [k for k, c in cases.items() if c.major_event]
    assert major == [("G01", "RE01")]
    assert cases[("G01", "RE01")].state == "mitigating" and cases[("G01", "RE01")].status == "breach"


def test_stress_results_kept_with_the_latest_snapshot(demo):
    store, created = demo
    latest = max(store.list_snapshots(), key=lambda s: s.as_of)
    refs = [store.load_evaluation(e).limit_set_ref for e in created["stress"]]
    assert refs and all("stress" in r for r in refs)
    assert all(store.load_evaluation(e).snapshot_id == latest.id for e in created["stress"])
    assert store.latest_text("semiannual_conclusions", "2025H1") is not None


def test_the_2025_disclosure_text_is_approved_by_the_board(demo):
    from core.approvals import approval_state

    store, created = demo
    text = store.latest_text("disclosure_text", "2025")
    approval = store.latest_board_approval("disclosure", "2025")
    assert created["approvals"] == [approval.id] and approval.text_id == text.id
    assert (approval.approving_body, approval.meeting_ref, approval.approval_date) == (
        "董事会", "第三届董事会第八次会议", date(2026, 6, 10))
    assert approval_state(text.text, approval).final
    assert store.latest_text("disclosure_approval", "2025") is None      # no free-text approval any more
    assert store.latest_board_approval("disclosure", "2024") is None


def test_every_record_carries_the_time_it_would_have_happened(demo):
    # The registers tell one story: imports two days after the as-of date (Beijing time), the half-year's
    # cases reported the next day, the year's self-assessment the following March — not "when the demo
    # was loaded".
    store, _ = demo
    journal = store.list_journal()
    written = [j.created_at for j in journal if j.action != "schema.migrated"]
    assert written == sorted(written)                      # replayed in the order of time
    snaps = {j.entity_id: j.created_at for j in journal if j.action == "snapshot.saved"}
    assert sorted(snaps.values()) == ["2025-01-02T01:30:01.000000+00:00", "2025-07-02T01:30:01.000000+00:00"]
    major = [c for c in store.list_cases() if c.major_event][0]
    reported = [j.created_at for j in journal if j.entity == "breach_case" and j.entity_id == major.id
                and j.action == "case.updated"]
    assert reported[0].startswith("2025-07-03")           # "已于7月3日向董事会风险管理委员会专报"
    assessed = {a.period: a.created_at for a in store.list_assessments(kind="self")}
    assert assessed["2024"].startswith("2025-03-15") and assessed["2025"].startswith("2026-03-15")
    # the board approved the disclosure on 2026-06-10; the last records are its publication (12 June) and
    # a downgrade of 17 June 2026 not yet reported to the board (core.demo GOVERNANCE_RECORDS)
    approved = [j.created_at for j in journal if j.action == "approval.recorded"]
    assert approved[0].startswith("2026-06-10")
    assert max(written) < "2026-06-18"
