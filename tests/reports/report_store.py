"""Databases for the report tests.

- `demo_store`: what `--demo` shows (core.demo.load_demo), completed with whatever a half-year of use
  leaves that this demo version does not hold yet (approved limit versions with a change in the period,
  case handling with a major event, stress results, the officer's conclusions), so the filled sections
  are always exercised.
- `bare_store`: only the two demo snapshots imported, nothing else: what the reports say when limits are
  not approved, no stress test was run, no case was handled and no conclusions were written.
"""
from __future__ import annotations

from pathlib import Path

from core.demo import demo_snapshot_dirs, load_demo
from core.store import Store
from tests.conftest import copy_database

MAKER, CHECKER, OFFICER = "张明", "李华", "王芳"
CONCLUSIONS = ("本期集团集中度风险总体可控，但交易对手集团和单一资产两项限额超限，需重点关注。\n\n"
               "建议：一是压降融达地产集团相关敞口至限额以内；二是人寿公司基础设施债权计划不再追加投资；"
               "三是下半年完成全部压力情景的复测。")
APPROVAL = "2025年6月10日第三届董事会第八次会议审议通过"


def demo_store(path: Path, master: Path | None = None) -> Store:
    """The demo database at `path`: a copy of `master` (the session's, tests/conftest.py `demo_db_master`:
    building the demo takes seconds, a copy milliseconds), or built there when no master is given."""
    if master is not None:
        store = Store.open(copy_database(master, path))
        snapshots = sorted(store.list_snapshots(), key=lambda s: s.as_of)
        complete_store(store, [s.id for s in snapshots])
        return store
    store = Store.open(path)
    ids = load_demo(store)
    complete_store(store, ids["snapshots"])
    return store


def bare_store(path: Path, master: Path | None = None) -> Store:
    """Only the two demo snapshots at `path`: a copy of `master` (the session's, tests/conftest.py
    `bare_db_master`), or imported there when no master is given."""
    from core.concentration.snapshots import import_snapshot
    if master is not None:
        return Store.open(copy_database(master, path))
    store = Store.open(path)
    for folder in demo_snapshot_dirs():
        import_snapshot(store, folder, OFFICER)
    return store


def complete_store(store: Store, snapshots: list[int]) -> None:
    """Add what the demo does not hold yet (nothing, once load_demo fills it all)."""
    from core.whatif.governance import approve, proposal_from_import
    from core.whatif.stress import load_scenarios, run_scenarios, save_stress_result

    old, new = snapshots
    data = store.load_snapshot(new)
    if not store.list_limit_sets() or not store.list_versions():
        p1 = proposal_from_import(store, store.load_snapshot(old), MAKER, "首版集团集中度风险限额", "2024-12-31")
        approve(store, p1, CHECKER, "同意")
        p2 = proposal_from_import(store, data, MAKER, "人寿公司房地产业分配额度由11.5%上调至12%", "2025-03-31")
        approve(store, p2, CHECKER, "同意")
    cases = {(c.limit_id, c.key): c for c in store.list_cases()}
    if not any(c.major_event for c in cases.values()):
        store.record_case_event(cases[("G01", "RE01")].id, OFFICER, state="reported", cause="new_business",
                                analysis="财险公司新购嘉禾国际信托计划，穿透后底层为融达地产项目公司贷款。",
                                mitigation_plan="三季度末前转让信托计划份额，压降敞口至限额以内。",
                                owner="投资管理部", due_date="2025-09-30", major_event=True)
    if not any("stress" in (e.limit_set_ref or {}) for e in store.evaluations_for(new)):
        for r in run_scenarios(data, load_scenarios()[:3]):
            save_stress_result(store, new, r, OFFICER)
    if store.latest_text("semiannual_conclusions", "2025H1") is None:
        store.save_text("semiannual_conclusions", "2025H1", CONCLUSIONS, OFFICER)
