"""Demo databases for the report tests: the plain demo (what `--demo` shows) and an enriched one with what
a group accumulates over a half-year (approved limit versions and a change in the period, case handling
with a major event, stress results, the officer's conclusions, the board's approval of the disclosure)."""
from __future__ import annotations

from pathlib import Path

from core.demo import load_demo
from core.store import Store

MAKER, CHECKER, OFFICER = "张明", "李华", "王芳"
CONCLUSIONS = ("本期集团集中度风险总体可控，但交易对手集团和单一资产两项限额超限，需重点关注。\n\n"
               "建议：一是压降融达地产集团相关敞口至限额以内；二是人寿公司基础设施债权计划不再追加投资；"
               "三是下半年完成全部压力情景的复测。")
APPROVAL = "2025年6月10日第三届董事会第八次会议审议通过"


def demo_store(path: Path, enrich: bool = False) -> Store:
    store = Store.open(path)
    ids = load_demo(store)
    if enrich:
        enrich_store(store, ids)
    return store


def enrich_store(store: Store, ids: dict) -> None:
    from core.whatif.governance import approve, proposal_from_import
    from core.whatif.stress import load_scenarios, run_scenarios, save_stress_result

    old, new = ids["snapshots"]
    p1 = proposal_from_import(store, store.load_snapshot(old), MAKER, "首版集团集中度风险限额", "2024-12-31")
    approve(store, p1, CHECKER, "同意")
    data = store.load_snapshot(new)
    p2 = proposal_from_import(store, data, MAKER, "人寿公司房地产业分配额度由11.5%上调至12%", "2025-03-31")
    approve(store, p2, CHECKER, "同意")
    cases = {(c.limit_id, c.key): c.id for c in store.list_cases()}
    store.record_case_event(cases[("G01", "RE01")], OFFICER, state="reported", cause="new_business",
                            analysis="财险公司新购嘉禾国际信托计划，穿透后底层为融达地产项目公司贷款。",
                            mitigation_plan="三季度末前转让信托计划份额，压降敞口至限额以内。",
                            owner="投资管理部", due_date="2025-09-30", major_event=True)
    store.record_case_event(cases[("L01", "DIP-IAM01-2023-05")], OFFICER, state="mitigating",
                            cause="new_business", analysis="债权投资计划第二次提款。",
                            mitigation_plan="暂停追加投资，到期自然压降。", owner="人寿公司投资部",
                            due_date="2025-12-31")
    for r in run_scenarios(data, load_scenarios()[:3]):
        save_stress_result(store, new, r, OFFICER)
    store.save_text("semiannual_conclusions", "2025H1", CONCLUSIONS, OFFICER)
    store.save_text("disclosure_approval", "2025", APPROVAL, OFFICER)
