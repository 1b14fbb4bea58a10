"""Who handles a breach case once roles are declared (guideline Art 9, 10): the lead department and senior
management any case, a member officer only the cases of their own member's limits, internal audit none; a
user with no role declared (or a database without roles) records as before."""
from __future__ import annotations

from datetime import date

import pytest

from core.store import Store, StoreError
from tests.core.test_store_support import FakeClock, small_group


def _store_with_cases():
    s = Store.create_in_memory(clock=FakeClock())
    sid = s.save_snapshot(small_group(as_of=date(2025, 6, 30)), "alice")
    result = {"limits": [
        {"limit_id": "L01", "scope": "group", "key": "BANK1", "status": "breach",
         "flagged": [{"key": "BANK1", "status": "breach", "ratio": 0.1, "exposure": 1e10}]},
        {"limit_id": "L04", "scope": "LIFE", "key": "equity", "status": "breach",
         "flagged": [{"key": "equity", "status": "breach", "ratio": 0.12, "exposure": 7e9}]},
    ]}
    eid = s.save_evaluation(sid, {"source": "snapshot"}, result, None, "alice")
    group_case, life_case = s.open_cases_from_evaluation(eid, user="alice").opened
    return s, group_case, life_case


def _refused(fn, *args, **kwargs) -> StoreError:
    with pytest.raises(StoreError) as e:
        fn(*args, **kwargs)
    return e.value


def test_no_role_declared_records_as_before():
    s, group_case, life_case = _store_with_cases()
    s.record_case_event(group_case, "anyone", comment="已知悉")
    s.record_case_event(life_case, "anyone", comment="已知悉")


def test_member_officers_handle_their_own_members_cases_only():
    s, group_case, life_case = _store_with_cases()
    s.set_role("alice", "lead_department", "alice")
    s.set_role("lin", "member_officer", "alice", member_id="LIFE")
    s.set_role("pei", "member_officer", "alice", member_id="PC")
    s.set_role("audrey", "internal_audit", "alice")

    s.record_case_event(life_case, "lin", owner="人寿投资部", comment="人寿处理")
    err = _refused(s.record_case_event, life_case, "pei", comment="不是我的成员公司")
    assert err.code == "role_required" and "lead_department" in err.detail["needs"]
    assert _refused(s.record_case_event, group_case, "lin", comment="集团限额").code == "role_required"
    assert _refused(s.record_case_event, life_case, "audrey", comment="审计只读").code == "role_required"
    s.record_case_event(group_case, "alice", state="reported")          # the lead department handles any case
    s.record_case_event(life_case, "nobody-declared", comment="未声明角色：按姓名记录")
    assert s.get_case(life_case).owner == "人寿投资部" and s.get_case(group_case).state == "reported"
