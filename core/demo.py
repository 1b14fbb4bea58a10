"""Where the built-in demo group lives (resources/demo/), for the GUI's --demo, the `demo` command and reports.

Pure path and JSON helpers, no database and no Qt: the GUI fills its fresh database from these, the CLI
copies them out. The data is fictional (澄川保险集团); resources/demo/README.md describes it and
scripts/make_demo.py made it.

Layout:
    resources/demo/<YYYY-MM-DD>/   one complete group data folder per snapshot (docs/interfaces.md)
    resources/demo/rating-<YYYY>.json       rating self-assessment inputs of the life member, by period
    resources/demo/regulator-<YYYY>.json    the regulator's actual level for that period
"""
from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta, timezone
from functools import partial
from pathlib import Path
from typing import Any, Callable

_DATE_DIR = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RATING = re.compile(r"^rating-(\d{4})\.json$")
_REGULATOR = re.compile(r"^regulator-(\d{4})\.json$")

DATA_FILES = ("group.csv", "members.csv", "counterparties.csv", "exposures.csv", "limits.csv", "business.csv")


def demo_dir() -> Path:
    """resources/demo/ of this checkout or installation."""
    return Path(__file__).resolve().parent.parent / "resources" / "demo"


def demo_snapshot_dirs(base: Path | None = None) -> list[Path]:
    """The snapshot folders (named by their as_of date, each with a group.csv), oldest first."""
    base = demo_dir() if base is None else Path(base)
    if not base.is_dir():
        return []
    return sorted((p for p in base.iterdir() if p.is_dir() and _DATE_DIR.match(p.name) and (p / "group.csv").is_file()),
                  key=lambda p: p.name)


def demo_current_dir(base: Path | None = None) -> Path:
    """The latest snapshot folder (the one `demo --out` writes)."""
    dirs = demo_snapshot_dirs(base)
    if not dirs:
        raise FileNotFoundError(f"no demo snapshot under {demo_dir() if base is None else base}")
    return dirs[-1]


def _by_period(base: Path | None, pattern: re.Pattern) -> list[tuple[str, Path]]:
    base = demo_dir() if base is None else Path(base)
    if not base.is_dir():
        return []
    found = [(m.group(1), p) for p in base.iterdir() if p.is_file() and (m := pattern.match(p.name))]
    return sorted(found)


def demo_rating_inputs(base: Path | None = None) -> list[Path]:
    """The rating input files (docs/interfaces.md, "Rating input"), oldest period first."""
    return [p for _, p in _by_period(base, _RATING)]


def demo_regulator_results(base: Path | None = None) -> list[dict]:
    """The regulator's actual levels: [{"company", "period", "final_level", "received", "note", ...}], oldest first."""
    return [json.loads(p.read_text(encoding="utf-8")) for _, p in _by_period(base, _REGULATOR)]


def load_json(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


DEMO_USER = "演示用户"
MAKER = "李明（风险管理部）"        # the risk officer who imports data and proposes limits
CHECKER = "王芳（首席风险官）"      # senior management approves limits (guideline Art. 9): never the maker

# How the demo's breach cases were handled, by (limit_id, key): the events an officer would have recorded.
CASE_HANDLING: dict[tuple[str, str], list[dict[str, Any]]] = {
    ("G01", "RE01"): [
        {"state": "reported", "cause": "new_business",
         "analysis": "融达地产集团项目公司认购新增债权投资计划，叠加存量信托计划穿透后集中于同一集团，"
                     "集团口径单一交易对手集团敞口升至集团总资产的5.25%，超过5%限额。",
         "owner": "投资管理部 张伟", "due_date": "2025-09-30", "major_event": True,
         "comment": "已于7月3日向董事会风险管理委员会专报。"},
        {"state": "mitigating",
         "mitigation_plan": "暂停对融达集团的新增投资；到期项目不再续作；通过二级市场转让压降约6亿元，"
                            "三季度末前降至4.5%预警值以下。",
         "comment": "处置方案经总经理办公会审议通过。"},
    ],
    ("L01", "DIP-IAM01-2023-05"): [
        {"state": "reported", "cause": "new_business",
         "analysis": "基础设施债权投资计划第二期提款（21.5亿元增至30.7亿元），人寿单一资产占比升至5.10%。",
         "owner": "澄川人寿 资产负债管理部", "due_date": "2025-12-31"},
        {"state": "mitigating", "mitigation_plan": "与受托人协商将部分份额转让予澄川财产，年底前降至5%以内。"},
    ],
    ("G12", "UNKNOWN"): [
        {"state": "reported", "cause": "data_correction",
         "analysis": "资产管理公司管理的四只资产管理产品未穿透部分2.95亿元按穿透原则归入未识别底层资产"
                     "（管理人并非产品的债务人），叠加私募股权基金新增实缴，未识别底层资产升至集团总资产的1.01%，"
                     "超过1%限额。",
         "owner": "风险管理部 李明", "due_date": "2025-09-30"},
        {"state": "mitigating",
         "mitigation_plan": "要求澄川资产管理公司按季提供产品全部底层资产明细；私募股权基金按季取得投资组合清单。"},
    ],
    ("G05", "K70"): [
        {"state": "reported", "cause": "market_movement",
         "analysis": "房地产行业敞口占比8.5%，达到预警值；主要受项目公司估值上升及人寿分配额度上调影响。",
         "owner": "风险管理部 李明", "due_date": "2025-09-30"},
    ],
    ("G03", "*"): [
        {"state": "reported", "cause": "other", "analysis": "关联方投资合计占净资产27.2%，接近30%限额。",
         "owner": "风险管理部 李明", "due_date": "2025-12-31"},
    ],
}

SEMIANNUAL_TEXTS = {
    ("semiannual_conclusions", "2025H1"):
        "本期集团集中度风险总体可控。单一交易对手集团（融达地产集团）、人寿单一资产和穿透后未识别底层资产"
        "各有一项超限，均已按程序报告并制定处置方案；房地产行业、关联方合计和其他金融资产处于预警区间。\n"
        "建议：一、三季度末前完成融达集团敞口压降；二、审慎评估人寿房地产分配额度上调后的集团限额"
        "分配超额问题，提请董事会风险管理委员会审议集团房地产行业限额；三、加强穿透后未识别底层资产管理，"
        "资产管理产品按季补充底层资产明细。",
}

# The annual disclosure's text (officer text "disclosure_text"), and the board's approval of exactly that
# text (guideline Art. 26: recorded before the disclosure is final; published by 15 June of the next year).
DISCLOSURE_TEXTS = {
    "2025": "报告期内，本集团根据业务发展和资本状况调整了成员公司房地产行业集中度限额的分配，调整方案经高级管理层审批后执行。\n"
            "报告期内发现的三项超限事项（单一交易对手集团、人寿公司单一资产、穿透后未识别底层资产）均已按程序报告"
            "并制定处置方案，"
            "本集团将持续跟踪整改进展，并在下一年度信息披露中说明处置结果。",
}
DISCLOSURE_APPROVALS = {
    "2025": {"approving_body": "董事会", "meeting_ref": "第三届董事会第八次会议", "approval_date": "2026-06-10"},
}

AUDITOR = "陈静（内部审计部）"      # internal audit (Art 20)
MEMBER_OFFICER = "周涛（澄川人寿）"  # the life member's officer (Art 10)

# Roles declared on the demo database (governance.md "Roles"): the maker is the lead department, the
# checker senior management; declared before anything else is recorded.
DEMO_ROLES = ((MAKER, "lead_department", None), (CHECKER, "senior_management", None),
              (AUDITOR, "internal_audit", None), (MEMBER_OFFICER, "member_officer", "LIFE"))

# The governance records of the demo's year (governance.md "Records"): (day, user, kind, values). Dated as
# they happened; the duty calendar counts each from its own day. What is missing is missing on purpose: no
# semiannual report for 2025H2, no quarterly submission after 2025Q2 and no 2025 annual chapter (the demo's
# data ends with the 2025-06-30 snapshot), and a downgrade in June 2026 not yet reported to the board.
_POLICY_SHA = {"2024": "3f1c9a7be0d24c5e8a16b2f49d07c3e5a8b1f6d2c4e09a7b3d5f8e1c2a4b6d80",
               "2025": "9b2e4d6f8a0c1e3b5d7f9a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d1f3a5c7e90",
               "procedure": "c7d9e1f3a5b7c9d1e3f5a7b9c1d3e5f7a9b1c3d5e7f9a1b3c5d7e9f1a3b5c7d9"}
GOVERNANCE_RECORDS = (
    ("2024-06-27", MAKER, "policy", {
        "title": "集中度风险管理制度", "doc_kind": "policy", "version": "2024版", "file_sha256": _POLICY_SHA["2024"],
        "approval_body": "board", "approval_date": "2024-06-27", "next_review_date": "2025-06-27"}),
    ("2024-12-20", AUDITOR, "audit", {
        "period_from": "2024-01-01", "period_to": "2024-11-30", "audit_date": "2024-12-20",
        "auditor": "内部审计部 陈静", "findings": "穿透识别流程未覆盖部分资产管理产品的底层资产；限额分配台账未与系统同步。",
        "remediation_owner": "风险管理部 李明", "remediation_date": "2025-03-31"}),
    ("2025-01-20", MAKER, "appetite", {
        "dimension": "单一交易对手集团", "statement": "集团对单一交易对手集团的投资敞口不超过集团总资产的5%",
        "figure": "0.05", "unit": "占集团总资产", "approval_body": "董事会", "meeting_ref": "第三届董事会第五次会议",
        "approval_date": "2025-01-20"}),
    ("2025-01-20", MAKER, "appetite", {
        "dimension": "房地产行业", "statement": "集团房地产行业敞口不超过集团总资产的10%，预警值8%",
        "figure": "0.10", "unit": "占集团总资产", "approval_body": "董事会", "meeting_ref": "第三届董事会第五次会议",
        "approval_date": "2025-01-20"}),
    ("2025-01-20", MAKER, "appetite", {
        "dimension": "关联方", "statement": "关联方投资合计不超过集团净资产的30%；不新增对控股股东关联方的非标投资",
        "figure": "0.30", "unit": "占集团净资产", "approval_body": "董事会", "meeting_ref": "第三届董事会第五次会议",
        "approval_date": "2025-01-20"}),
    ("2025-01-24", MAKER, "submission", {"report_kind": "quarterly", "period": "2024Q4", "sent_on": "2025-01-24",
                                         "reference": "集团并表监管报表 2024年第四季度"}),
    ("2025-02-26", MAKER, "board_opinion", {
        "report_kind": "semiannual", "period": "2024H2", "meeting": "董事会风险管理委员会2025年第1次会议",
        "meeting_date": "2025-02-26", "opinions": "同意报告；要求完善穿透识别并按季度跟踪关联方投资。",
        "follow_up_owner": "风险管理部 李明"}),
    ("2025-03-01", MEMBER_OFFICER, "member_filing", {"member_id": "LIFE", "document": "澄川人寿集中度风险管理实施细则（2025版）",
                                                     "filed_on": "2025-03-01"}),
    ("2025-03-10", CHECKER, "policy", {
        "title": "集中度风险超限额处置流程", "doc_kind": "over_limit_procedure", "version": "1.0",
        "file_sha256": _POLICY_SHA["procedure"], "approval_body": "senior_management", "approval_date": "2025-03-10",
        "next_review_date": "2026-12-31"}),
    ("2025-04-25", MAKER, "submission", {"report_kind": "annual_chapter", "period": "2024", "sent_on": "2025-04-25",
                                         "reference": "2024年度并表管理报告 第六章"}),
    ("2025-04-28", MAKER, "submission", {"report_kind": "quarterly", "period": "2025Q1", "sent_on": "2025-04-28",
                                         "reference": "集团并表监管报表 2025年第一季度"}),
    ("2025-06-12", MAKER, "submission", {"report_kind": "disclosure", "period": "2024", "sent_on": "2025-06-12",
                                         "reference": "集团官网 信息披露 2025-06-12"}),
    ("2025-06-26", MAKER, "policy", {
        "title": "集中度风险管理制度", "doc_kind": "policy", "version": "2025版", "file_sha256": _POLICY_SHA["2025"],
        "approval_body": "board", "approval_date": "2025-06-26", "next_review_date": "2026-06-26"}),
    ("2025-07-02", MAKER, "major_event", {
        "occurred_on": "2025-07-02", "event_kind": "limit_breach", "title": "融达地产集团敞口超过单一交易对手集团限额",
        "description": "集团口径单一交易对手集团敞口升至集团总资产的5.25%，超过5%限额。",
        "limit_ids": ["G01"], "counterparty_ids": ["RE01"], "case_ids": ["#case:G01:RE01"]}),
    ("2025-07-03", MAKER, "board_notification", {
        "event_ids": ["#major_event:1"], "body": "董事会风险管理委员会", "notified_on": "2025-07-03",
        "reference": "风委会专报〔2025〕3号"}),
    ("2025-07-25", MAKER, "submission", {"report_kind": "quarterly", "period": "2025Q2", "sent_on": "2025-07-25",
                                         "reference": "集团并表监管报表 2025年第二季度"}),
    ("2025-08-28", MAKER, "board_opinion", {
        "report_kind": "semiannual", "period": "2025H1", "meeting": "董事会风险管理委员会2025年第3次会议",
        "meeting_date": "2025-08-28", "opinions": "同意报告；融达集团敞口须于三季度末前压降至预警值以下，"
                                                 "审慎评估人寿房地产分配额度。", "follow_up_owner": "投资管理部 张伟"}),
    ("2025-12-18", AUDITOR, "audit", {
        "period_from": "2024-12-01", "period_to": "2025-11-30", "audit_date": "2025-12-18",
        "auditor": "内部审计部 陈静", "findings": "超限事项处置及时；融达集团压降进度滞后于方案一个月。",
        "remediation_owner": "投资管理部 张伟", "remediation_date": "2026-03-31"}),
    ("2026-06-12", MAKER, "submission", {"report_kind": "disclosure", "period": "2025", "sent_on": "2026-06-12",
                                         "reference": "集团官网 信息披露 2026-06-12"}),
    ("2026-06-17", MAKER, "major_event", {
        "occurred_on": "2026-06-17", "event_kind": "downgrade", "title": "恒诚信托主体评级下调至AA",
        "description": "外部评级机构将恒诚信托主体评级由AA+下调至AA；未触及限额，集团敞口约占总资产2.1%。",
        "counterparty_ids": ["TR01"]}),
)


CHINA_TIME = timezone(timedelta(hours=8))


class _Timeline:
    """The demo's clock: the moment of the step being replayed, one second later at every reading (so the
    records of one step keep their order)."""

    def __init__(self):
        self.moment = datetime(2025, 1, 1, tzinfo=CHINA_TIME)
        self.readings = 0

    def set(self, moment: datetime) -> None:
        self.moment, self.readings = moment, 0

    def __call__(self) -> datetime:
        self.readings += 1
        return self.moment + timedelta(seconds=self.readings)


def _on(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=CHINA_TIME)


def load_demo(store, user: str = MAKER) -> dict:  # noqa: C901 - a timeline of small steps (nested functions count in)
    """Fill a fresh store with the demo group, as a year of real use would have left it.

    Every snapshot is imported (oldest first) through the same path a user takes; each import's limits
    are proposed by the maker and approved by the checker, so the 2025 first half holds an approved set and
    a change to it; the breach cases carry their handling (one marked major); the default stress scenarios
    are run and kept on the latest snapshot; the rating self-assessments and the regulator's levels are on
    record; the officer's semiannual conclusions are written; the 2025 disclosure text is on record with
    the board's approval of it; roles are declared and the governance records of the year are on file
    (appetite, policies, submissions, board opinions and the notification of the G01 event, audits: see
    GOVERNANCE_RECORDS). Returns the ids created.

    Each step is recorded at the time it would have happened (imports two days after the as-of date,
    approvals the same afternoon, case handling in the following weeks, the self-assessment in March of the
    next year...), not at the moment the demo is loaded, so the registers and the history tell one story.
    """
    # Imported here: path helpers above must stay cheap for `demo --out`.
    from core.concentration.snapshots import preview_import
    from core.periods import period_bounds
    from core.problems import InputError
    from core.rating.engine import assess, assessment_record
    from core.rating.inputs import read_rating_file
    from core.rating.rulebook import load_rulebook
    from core.services.imports import store_snapshot
    from core.services.limits import approve_and_reevaluate
    from core.whatif.governance import governing_limits
    from core.whatif.stress import load_scenarios, run_scenarios, save_stress_result

    created: dict[str, Any] = {"snapshots": [], "versions": [], "assessments": [], "regulator": [], "stress": [],
               "approvals": [], "major_events": []}
    state: dict = {"data": None}
    plan: list[tuple[datetime, int, Callable[[], None]]] = []

    def at(moment: datetime, step: Callable[[], None]) -> None:
        plan.append((moment, len(plan), step))

    def import_folder(folder: Path) -> None:
        preview = preview_import(folder)
        if not preview.ok:  # the shipped demo is tested to load; this guards a broken installation
            raise InputError(preview.problems)
        outcome = store_snapshot(store, preview, user, source=f"demo:{folder.name}")
        created["snapshots"].append(outcome.snapshot_id)
        state[folder.name] = outcome
        state["data"] = preview.data

    def approve_limits(folder: Path) -> None:
        outcome = state[folder.name]
        if outcome.proposal_id is not None:
            done = approve_and_reevaluate(store, outcome.proposal_id, CHECKER, "同意，按程序执行。",
                                          snapshot_id=outcome.snapshot_id, open_cases=True)
            created["versions"].append(done.decision.version_id)

    def handle_cases(round_: int) -> None:
        for case in store.list_cases("active"):
            events = CASE_HANDLING.get((case.limit_id, case.key), ())
            if round_ < len(events):
                store.record_case_event(case.id, user, **events[round_])

    def run_stress() -> None:
        data, latest = state["data"], created["snapshots"][-1]
        limits, ref, _approved = governing_limits(store, data.group.as_of, snapshot_id=latest)
        for result in run_scenarios(data, load_scenarios(), limits=limits):
            created["stress"].append(save_stress_result(store, latest, result, user, ref))

    def write_text(kind: str, period: str, text: str) -> None:
        state[(kind, period)] = store.save_text(kind, period, text, user)

    def record_approval(period: str) -> None:
        created["approvals"].append(store.record_board_approval(
            "disclosure", period, text_id=state[("disclosure_text", period)], user=user,
            **DISCLOSURE_APPROVALS[period]))

    def self_assessment(path: Path) -> None:
        inp = read_rating_file(path)
        rulebook = load_rulebook(inp.rulebook_id, inp.rulebook_version)
        result = assess(inp, rulebook)
        created["assessments"].append(store.save_assessment(
            "self", result.company or "", result.period or path.stem[-4:], result.rulebook_id,
            result.rulebook_version, result.rulebook_sha256, inp.to_json_dict(exact=True),
            assessment_record(result), user))

    def declare_roles() -> None:
        for name, role, member in DEMO_ROLES:
            store.set_role(name, role, user, member_id=member, reason="演示：按岗位声明")

    def governance_record(who: str, kind: str, values: dict) -> None:
        # ids are the store's: "#major_event:n" = the demo's n-th major event, "#case:LIMIT:KEY" its breach case
        def resolve(x):
            parts = str(x).split(":")
            if parts[0] == "#major_event":
                return created["major_events"][int(parts[1]) - 1]
            if parts[0] == "#case":
                return next(c.id for c in store.list_cases() if (c.limit_id, c.key) == (parts[1], parts[2]))
            return x
        values = {k: [resolve(x) for x in v] if isinstance(v, list) else v for k, v in values.items()}
        rid = store.record_governance(kind, values, who, reason="演示：据会议纪要及文件录入")
        if kind == "major_event":
            created["major_events"].append(rid)
        else:
            created.setdefault("governance", {}).setdefault(kind, []).append(rid)

    def regulator_rating(reg: dict) -> None:
        created["regulator"].append(store.save_assessment(
            "regulator", reg["company"], str(reg["period"]), reg.get("rulebook"), None, None, {},
            {"final_level": reg["final_level"], "received": reg.get("received")}, user, note=reg.get("note")))

    at(_on(date(2024, 6, 1), 9, 0), declare_roles)
    for day, who, kind, values in GOVERNANCE_RECORDS:
        at(_on(date.fromisoformat(day), 18, 0), partial(governance_record, who, kind, values))
    folders = demo_snapshot_dirs()
    for folder in folders:
        as_of = date.fromisoformat(folder.name)
        at(_on(as_of + timedelta(days=2), 9, 30), partial(import_folder, folder))
        at(_on(as_of + timedelta(days=2), 16, 0), partial(approve_limits, folder))
    if folders:
        latest = date.fromisoformat(folders[-1].name)
        rounds = max((len(v) for v in CASE_HANDLING.values()), default=0)
        for round_ in range(rounds):  # reported three days after the as-of date, mitigation a week later
            at(_on(latest + timedelta(days=3 + 7 * round_), 10, 0), partial(handle_cases, round_))
        at(_on(latest + timedelta(days=20), 14, 0), run_stress)
    for (kind, period), text in SEMIANNUAL_TEXTS.items():
        end = period_bounds(period)[1]
        at(_on(end + timedelta(days=35), 11, 0), partial(write_text, kind, period, text))
    for period, text in DISCLOSURE_TEXTS.items():
        at(_on(date(int(period) + 1, 5, 20), 11, 0), partial(write_text, "disclosure_text", period, text))
        if period in DISCLOSURE_APPROVALS:
            approved = date.fromisoformat(DISCLOSURE_APPROVALS[period]["approval_date"])
            at(_on(approved, 17, 0), partial(record_approval, period))
    for year, path in _by_period(None, _RATING):  # (demo_rating_inputs) a year's self-assessment: March next
        at(_on(date(int(year) + 1, 3, 15), 10, 0), partial(self_assessment, path))
    for reg in demo_regulator_results():
        received = reg.get("received")
        on = date.fromisoformat(received) if received else date(int(reg["period"]) + 1, 4, 30)
        at(_on(on + timedelta(days=1), 9, 0), partial(regulator_rating, reg))

    timeline = _Timeline()
    with store.clock_replaced(timeline):
        for moment, _order, step in sorted(plan, key=lambda item: item[:2]):
            timeline.set(moment)
            step()
    return created
