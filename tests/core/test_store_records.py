"""Assessments, limit sets (maker-checker), reports and officer texts."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from core.store import Store, StoreError
from tests.core.test_store_support import FakeClock, small_group


@pytest.fixture
def store():
    return Store.create_in_memory(clock=FakeClock())


def _save(s, kind, period, level, company="示例人寿", user="alice"):
    return s.save_assessment(kind, company, period, "life-2024", "2024.1", "ab" * 32,
                             {"company": company, "period": period, "dimension_scores": {"governance": 88}},
                             {"final_level": level, "fired": [], "composite_score": 85.12}, user)


def test_assessments_recorded_listed_and_compared(store):
    a23 = _save(store, "self", "2023", "2")
    a24 = _save(store, "self", "2024", "3")
    a24b = _save(store, "self", "2024", "2")          # re-assessment: a new record, the old one stays
    r24 = _save(store, "regulator", "2024", "3", user="bob")
    other = _save(store, "self", "2024", "1", company="另一家")
    assert [a.id for a in store.list_assessments("示例人寿")] == [r24, a24b, a24, a23]
    assert len(store.list_assessments()) == 5 and store.list_assessments()[0].id == other
    rec = store.get_assessment(a24)
    assert rec.result["final_level"] == "3" and rec.input["dimension_scores"] == {"governance": 88}
    assert rec.rulebook_sha256 == "ab" * 32 and rec.created_by == "alice"
    assert rec.created_at == "2025-07-01T08:00:03.000000+00:00"
    assert store.previous_assessment("示例人寿", "2025").id == a24b
    assert store.previous_assessment("示例人寿", "2024").id == a23
    assert store.previous_assessment("示例人寿", "2023") is None
    assert store.previous_assessment("另一家", "2025").id == other
    assert store.regulator_rating_for("示例人寿", "2024").id == r24
    assert store.regulator_rating_for("示例人寿", "2023") is None
    with pytest.raises(StoreError) as e:
        store.get_assessment(999)
    assert e.value.code == "not_found"
    with pytest.raises(StoreError) as e:
        _save(store, "guess", "2024", "1")
    assert e.value.code == "invalid_value"


def test_json_documents_must_be_json(store):
    with pytest.raises(StoreError) as e:
        store.save_assessment("self", "X", "2025", "r", "1", None, {}, {"score": float("nan")}, "a")
    assert e.value.code == "not_json" and e.value.detail["path"] == "$.score"
    with pytest.raises(StoreError) as e:
        store.save_assessment("self", "X", "2025", "r", "1", None, {}, {"l": [{"r": 1.0}, {"r": float("-inf")}]}, "a")
    assert e.value.detail["path"] == "$.l[1].r"
    assert store.list_assessments() == []


def test_maker_checker(store):
    ls = store.create_limit_set("集团限额", "alice")
    rows = small_group().limits
    p1 = store.create_proposal(ls, rows, "alice", "年度限额", date(2025, 1, 1), evaluation_json={"what_if": 1})
    with pytest.raises(StoreError) as e:
        store.decide(p1, "alice", "approve")
    assert e.value.code == "same_person" and e.value.detail["proposal_id"] == p1
    with pytest.raises(StoreError) as e:
        store.decide(p1, " ALICE ", "approve")
    assert e.value.code == "same_person"
    with pytest.raises(StoreError) as e:
        store.decide(p1, None, "approve")
    assert e.value.code == "user_required"
    assert store.get_proposal(p1).status == "pending" and store.list_versions(ls) == []
    d = store.decide(p1, "bob", "approve", "同意", evaluation_json={"limits": []})
    assert d.decision == "approve" and d.decider == "bob" and d.version_id is not None
    with pytest.raises(StoreError) as e:
        store.decide(p1, "carol", "reject")
    assert e.value.code == "already_decided"
    v1 = store.get_version(d.version_id)
    assert v1.version == 1 and v1.approved_by == "bob" and v1.effective_date == date(2025, 1, 1)
    assert [str(x) for x in v1.rows["warning"]] == ["0.050", "0.20", "0.05", "None"]
    assert list(v1.rows["limit_id"]) == ["L01", "L02", "L03", "L04"] and v1.rows["key"][0] is None

    changed = rows.copy()
    changed.loc[0, "limit"] = changed.loc[0, "limit"] * 2
    p2 = store.create_proposal("集团限额", changed, "carol", "放宽", "2025-07-01", base_version_id=v1.id)
    p3 = store.create_proposal(ls, rows.iloc[:1], "carol", "收紧", "2025-08-01")
    store.decide(p3, "bob", "reject", "不同意")
    assert store.get_proposal(p3).status == "rejected"
    assert [p.status for p in store.list_proposals(ls)] == ["rejected", "pending", "approved"]
    assert [p.id for p in store.list_proposals(status="pending")] == [p2]
    assert store.current_limit_set_version(as_of=date(2025, 9, 1)).version == 1
    store.decide(p2, "bob", "approve")
    assert [v.version for v in store.list_versions(ls)] == [2, 1]
    assert store.current_limit_set_version(as_of="2025-06-30").version == 1
    cur = store.current_limit_set_version(as_of=date(2025, 7, 1))
    assert cur.version == 2 and str(cur.rows.loc[0, "limit"]) == "0.16"
    assert store.current_limit_set_version(as_of=date(2024, 12, 31)) is None
    actions = [j.action for j in store.list_journal() if j.action.startswith("limit")]
    assert actions.count("limit_set_version.approved") == 2 and actions.count("limit_decision.recorded") == 3


def test_no_limit_set_yet(store):
    assert store.current_limit_set_version() is None
    with pytest.raises(StoreError) as e:
        store.create_proposal("missing", small_group().limits, "alice", "x", "2025-01-01")
    assert e.value.code == "not_found"


def test_reports_and_texts(store):
    sid = store.save_snapshot(small_group(), "alice")
    r = store.record_report("semiannual", "2025H1", sid, {"date": "2025-06-30"}, "f" * 64, "/out/r.pdf", "alice")
    store.record_report("quarterly", "2025Q2", None, {}, None, None, "bob")
    assert [x.kind for x in store.list_reports()] == ["quarterly", "semiannual"]
    rep = store.list_reports(kind="semiannual")[0]
    assert rep.id == r and rep.snapshot_id == sid and rep.params == {"date": "2025-06-30"}
    with pytest.raises(StoreError):
        store.record_report("semiannual", "2025H1", 999, {}, None, None, "a")
    assert store.latest_text("semiannual_conclusion", "2025H1") is None
    store.save_text("semiannual_conclusion", "2025H1", "初稿", "alice")
    store.save_text("semiannual_conclusion", "2025H1", "定稿", "bob")
    store.save_text("semiannual_conclusion", "2025H2", "下半年", "bob")
    t = store.latest_text("semiannual_conclusion", "2025H1")
    assert t.text == "定稿" and t.created_by == "bob"
    assert [x.text for x in store.text_history("semiannual_conclusion", "2025H1")] == ["初稿", "定稿"]


def test_clock_must_be_aware():
    with pytest.raises(StoreError) as e:
        Store.create_in_memory(clock=lambda: datetime(2025, 1, 1))   # naive: which zone?
    assert e.value.code == "invalid_value"
    s2 = Store.create_in_memory(clock=lambda: datetime(2025, 1, 1, 16, tzinfo=timezone.utc))
    s2.save_text("k", "2025", "x", "a")
    assert s2.latest_text("k", "2025").created_at == "2025-01-01T16:00:00.000000+00:00"
