"""`core.demo.load_demo`: a fresh store gets both demo snapshots, their cases, and the rating history."""
from core.demo import load_demo
from core.store import Store


def test_load_demo_fills_a_fresh_store():
    store = Store.create_in_memory()
    created = load_demo(store)
    snaps = store.list_snapshots()
    assert sorted(s.as_of.isoformat() for s in snaps) == ["2024-12-31", "2025-06-30"]
    assert len(created["snapshots"]) == 2
    kinds = sorted((a.kind, a.period) for a in store.list_assessments())
    assert kinds == [("regulator", "2024"), ("self", "2024"), ("self", "2025")]
    reg = store.regulator_rating_for(store.list_assessments(kind="self")[0].company, "2024")
    assert reg is not None and reg.result["final_level"] == "3"
    # the current snapshot's two breaches and four warnings are all on the register
    flagged = {(c.limit_id, c.key) for c in store.list_cases()}
    assert {("G01", "RE01"), ("L01", "DIP-IAM01-2023-05"), ("G05", "K70")} <= flagged
