"""The breach register: cases opened from evaluations, events appended, closure only when back in range."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from core.store import Store, StoreError
from tests.core.test_store_support import FakeClock, small_group


def _result(*flags, limits=("L01", "L03")):
    """A concentration --json result: `flags` = (limit_id, key, status, ratio)."""
    out = []
    for lid in limits:
        flagged = [{"key": k, "status": st, "ratio": r, "exposure": r * 1e11} for (l, k, st, r) in flags if l == lid]
        out.append({"limit_id": lid, "key": flagged[0]["key"] if flagged else None, "status":
                    flagged[0]["status"] if flagged else "ok", "flagged": flagged})
    return {"limits": out}


def _evaluate(s, as_of, *flags, limits=("L01", "L03"), snapshot_id=None):
    sid = snapshot_id or s.save_snapshot(small_group(as_of=as_of), "alice")
    return sid, s.save_evaluation(sid, {"source": "snapshot"}, _result(*flags, limits=limits), None, "alice")


def _code(fn, *args, **kwargs):
    with pytest.raises(StoreError) as e:
        fn(*args, **kwargs)
    return e.value


def test_case_lifecycle():
    s = Store.create_in_memory(clock=FakeClock())
    s1, e1 = _evaluate(s, date(2025, 3, 31), ("L01", "BANK1", "breach", 0.1), ("L03", "K70", "warning", 0.06))
    sweep = s.open_cases_from_evaluation(e1, user="alice")
    assert len(sweep.opened) == 2 and sweep.observed == () and sweep.skipped == ()
    c_bank, c_k70 = sweep.opened
    assert s.open_cases_from_evaluation(e1, user="alice").skipped == (c_bank, c_k70)   # idempotent

    case = s.get_case(c_bank)
    assert (case.limit_id, case.key, case.state, case.status) == ("L01", "BANK1", "open", "breach")
    assert case.ratio == Decimal("0.1") and case.opened_evaluation_id == e1 and case.opened_by == "alice"

    # seen again in the next quarter: an observation, not a new case
    s2, e2 = _evaluate(s, date(2025, 6, 30), ("L01", "BANK1", "warning", 0.07))
    sweep2 = s.open_cases_from_evaluation(e2, flagged=[{"limit_id": "L01", "key": "BANK1", "status": "warning",
                                                        "ratio": 0.07, "exposure": 7e9}], user="bob")
    assert sweep2.opened == () and sweep2.observed == (c_bank,)
    assert s.get_case(c_bank).status == "warning" and s.get_case(c_bank).ratio == Decimal("0.07")

    s.record_case_event(c_bank, "alice", state="reported", cause="market_movement", owner="投资部",
                        due_date=date(2025, 9, 30), comment="已报告风险管理委员会")
    s.record_case_event(c_bank, "bob", analysis="债券估值上升", mitigation_plan="减持 20 亿", major_event=True)
    s.record_case_event(c_bank, "bob", state="mitigating")
    assert _code(s.record_case_event, c_bank, "bob", state="open").code == "invalid_transition"
    assert _code(s.record_case_event, c_bank, "bob", cause="weather").code == "invalid_value"
    assert _code(s.record_case_event, c_bank, "bob").code == "no_change"

    # no later snapshot yet → closure refused
    err = _code(s.record_case_event, c_bank, "bob", state="closed")
    assert err.code == "case_not_back_in_range" and err.detail["reason"] == "no_later_evaluation"
    # re-evaluating the same snapshot (say under other limits) is not a later snapshot
    _evaluate(s, None, limits=("L01", "L03"), snapshot_id=s2)
    assert _code(s.record_case_event, c_bank, "bob", state="closed").code == "case_not_back_in_range"
    # a later snapshot still flagging it → refused
    s3, e3 = _evaluate(s, date(2025, 9, 30), ("L01", "BANK1", "warning", 0.06))
    err = _code(s.record_case_event, c_bank, "bob", state="closed")
    assert err.detail["reason"] == "flagged_again" and err.detail["evaluation_id"] == e3
    assert s.get_case(c_bank).state == "mitigating"
    # the sweep records it, then a later one shows it in range → closure allowed, evidence recorded
    s.open_cases_from_evaluation(e3, user="alice")
    s4, e4 = _evaluate(s, date(2025, 12, 31), limits=("L01",))
    ev_id = s.record_case_event(c_bank, "bob", state="closed", comment="已回到限额内")
    closed = s.get_case(c_bank)
    assert closed.state == "closed" and closed.major_event is True and closed.owner == "投资部"
    assert closed.due_date == date(2025, 9, 30) and closed.cause == "market_movement"
    history = s.case_history(c_bank)
    assert [h.action for h in history] == ["opened", "observed", "updated", "updated", "updated", "observed", "closed"]
    assert history[-1].id == ev_id and history[-1].evaluation_id == e4
    assert history[2].changes == {"state": "reported", "cause": "market_movement", "owner": "投资部",
                                  "due_date": "2025-09-30"}
    assert history[2].comment == "已报告风险管理委员会" and history[3].state == "reported"
    assert _code(s.record_case_event, c_bank, "bob", comment="x").code == "case_closed"

    # the K70 case: the later evaluation does not contain L03 at all → no evidence
    err = _code(s.record_case_event, c_k70, "bob", state="closed")
    assert err.code == "case_not_back_in_range" and err.detail["reason"] == "limit_not_evaluated"

    # flagged again after closure → a new case
    s5, e5 = _evaluate(s, date(2026, 3, 31), ("L01", "BANK1", "breach", 0.09))
    sweep5 = s.open_cases_from_evaluation(e5, user="alice")
    assert len(sweep5.opened) == 1 and sweep5.opened[0] not in (c_bank, c_k70)
    assert {c.id for c in s.list_cases("active")} == {c_k70, sweep5.opened[0]}
    assert [c.id for c in s.list_cases("closed")] == [c_bank]
    assert len(s.list_cases()) == 3
    assert _code(s.list_cases, "shut").code == "invalid_value"
    assert _code(s.get_case, 999).code == "not_found"
    assert len(s.list_journal(entity="breach_case", entity_id=c_bank)) == len(history)


def test_closure_with_corrected_data_of_the_same_date():
    """A data correction is a new snapshot of the same as_of: it counts as later."""
    s = Store.create_in_memory(clock=FakeClock())
    _, e1 = _evaluate(s, date(2025, 6, 30), ("L01", "BANK1", "breach", 0.1))
    (case,) = s.open_cases_from_evaluation(e1, user="alice").opened
    _, e2 = _evaluate(s, date(2025, 6, 30))
    s.record_case_event(case, "bob", state="closed", cause="data_correction", evidence_evaluation_id=e2)
    assert s.get_case(case).state == "closed"


def test_evidence_must_be_later():
    s = Store.create_in_memory(clock=FakeClock())
    _, e0 = _evaluate(s, date(2025, 3, 31))
    _, e1 = _evaluate(s, date(2025, 6, 30), ("L01", "BANK1", "breach", 0.1))
    (case,) = s.open_cases_from_evaluation(e1, user="alice").opened
    _evaluate(s, date(2025, 9, 30))
    err = _code(s.record_case_event, case, "bob", state="closed", evidence_evaluation_id=e0)
    assert err.detail["reason"] == "evidence_not_later"


def test_bad_flag_status_is_refused():
    s = Store.create_in_memory()
    _, e1 = _evaluate(s, date(2025, 6, 30))
    err = _code(s.open_cases_from_evaluation, e1, [{"limit_id": "L01", "key": "X", "status": "ok"}], "a")
    assert err.code == "invalid_value" and s.list_cases() == []


def test_a_stress_result_is_no_evidence_for_closing():
    """A stress run on a later snapshot is a what-if, not a measurement: it cannot close a case, and a later
    snapshot that still flags the key refuses closure even when a stress result there does not flag it."""
    s = Store.create_in_memory(clock=FakeClock())
    _, e1 = _evaluate(s, date(2025, 6, 30), ("L01", "BANK1", "breach", 0.1))
    (case,) = s.open_cases_from_evaluation(e1, user="alice").opened
    s2 = s.save_snapshot(small_group(as_of=date(2025, 9, 30)), "alice")
    stress = s.save_evaluation(s2, {"stress": "default-top1"}, _result(), None, "alice")   # nothing flagged
    err = _code(s.record_case_event, case, "bob", state="closed")
    assert err.detail["reason"] == "no_later_evaluation"
    err = _code(s.record_case_event, case, "bob", state="closed", evidence_evaluation_id=stress)
    assert err.detail["reason"] == "no_later_evaluation"
    _evaluate(s, None, ("L01", "BANK1", "breach", 0.09), snapshot_id=s2)                   # the real one
    assert _code(s.record_case_event, case, "bob", state="closed").detail["reason"] == "flagged_again"
