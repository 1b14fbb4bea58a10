"""What a report may say about governance and handling (governance.md "What reports may say"): only what the
records show, naming them, and where a record is missing, exactly what is missing.

Roles come from the role declarations, policy and appetite from their approval records, the audit from the
internal-audit records, board reporting from board notifications and opinions, allocation from the limits'
parent links, handling from the breach register. Every reader keeps to the report's pins (records made up to
its cut-off) and to the report's period end (what was in force then). Pure data assembly into report blocks.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from core.concentration.model import GROUP_SCOPE
from core.governance.roles import INTERNAL_AUDIT, LEAD_DEPARTMENT, MEMBER_OFFICER, SENIOR_MANAGEMENT, current_roles
from reports.builders.bounds import IDS, NAMED
from reports.builders.common import Pins, governance_on_record
from reports.format import format_date
from reports.model import Column, Note, Paragraph, Section, Table
from wording.governance import role_name
from wording.listings import listing_text

APPROVAL_BODIES = {"board": "董事会", "senior_management": "高级管理层"}
POLICY_KINDS = {"policy": "管理制度", "over_limit_procedure": "超限额处置流程", "other": "其他制度"}

# What the guideline asks of each body (Art 5-11, 20): a requirement, worded as the guideline's, never as a
# statement that the group does it. What the group did is in the sentences from the records that follow.
DUTIES = ("按《保险集团集中度风险监管指引》第五条至第十一条，董事会承担集中度风险管理的最终责任，审批集中度风险管理政策和"
          "风险偏好；高级管理层审批集中度风险指标和限额；牵头部门负责集团层面集中度风险的识别、计量、监测和报告；"
          "成员公司在集团限额内执行；内部审计至少每年审计一次（第二十条）。以下为系统记录所示的履职情况。")


def _clause(text) -> str:
    """An officer's text inside a sentence: without its closing full stop (the sentence adds its own)."""
    return str(text or "").strip().rstrip("。；;.")


def grants_on_record(store, pins: Pins) -> list:
    if not hasattr(store, "role_grants"):
        return []
    return [g for g in store.role_grants() if pins.allows_governance("role_grant", g.id)]


def roles_sentence(store, pins: Pins, member_name=lambda m: m) -> str:
    """Who holds which role by the declarations on record; the roles nobody holds named as missing."""
    held: dict[str, list[str]] = {}
    names = {}
    for g in grants_on_record(store, pins):
        names.setdefault(g.user_name.strip().casefold(), g.user_name)
    for user, items in current_roles(grants_on_record(store, pins)).items():
        for role, member in sorted(items, key=lambda x: (x[0], x[1] or "")):
            who = names.get(user, user)
            if role == MEMBER_OFFICER and member and member_name(member)[:4] not in who:
                who += f"（{member_name(member)}）"
            held.setdefault(role, []).append(who)
    order = (LEAD_DEPARTMENT, SENIOR_MANAGEMENT, INTERNAL_AUDIT, MEMBER_OFFICER)
    if not held:
        return "岗位：系统中尚无岗位声明记录（牵头部门、高级管理层、内部审计、成员公司均未声明）。"
    parts = [f"{role_name(r)}：{'、'.join(sorted(held[r]))}" for r in order if r in held]
    missing = [role_name(r) for r in order if r not in held]
    text = "岗位（岗位声明记录）：" + "；".join(parts) + "。"
    if missing:
        text += "尚未声明：" + "、".join(missing) + "。"
    return text


def policies_in_force(store, pins: Pins, on: date) -> list:
    """The latest approved version of each policy document (by title) approved on or before `on`."""
    latest: dict[str, object] = {}
    for r in governance_on_record(store, "policy", pins):
        if r.get("approval_date") <= on:
            latest[r.get("title")] = r
    return sorted(latest.values(), key=lambda r: (r.get("approval_date"), r.id))


def policy_sentence(store, pins: Pins, on: date) -> str:
    found = policies_in_force(store, pins, on)
    if not found:
        return f"制度：截至{format_date(on)}，系统中尚无经审批的集中度风险管理制度记录（指引第十一条）。"
    parts = []
    for r in found:
        text = (f"《{r.get('title')}》（{r.get('version')}，{POLICY_KINDS.get(r.get('doc_kind'), r.get('doc_kind'))}）"
                f"经{APPROVAL_BODIES.get(r.get('approval_body'), r.get('approval_body'))}于{format_date(r.get('approval_date'))}审批")
        review = r.get("next_review_date")
        if review is not None:
            text += f"，下次复审{format_date(review)}" + ("（已逾期）" if review < on else "")
        parts.append(text)
    return "制度（制度文件记录）：" + "；".join(parts) + "。"


def appetite_table(store, pins: Pins, on: date) -> list:
    """The appetite statements in force on `on` as a table, or a sentence saying none is on record."""
    latest: dict[str, object] = {}
    for r in governance_on_record(store, "appetite", pins):
        if r.get("approval_date") <= on and (r.get("dimension") not in latest
                                             or r.version > latest[r.get("dimension")].version):
            latest[r.get("dimension")] = r
    if not latest:
        return [Paragraph(f"风险偏好：截至{format_date(on)}，系统中尚无经审批的集中度风险偏好陈述记录（指引第七条）。")]
    rows = [[r.get("dimension"), r.get("statement"), r.get("approval_body"), r.get("meeting_ref"), r.get("approval_date")]
            for _k, r in sorted(latest.items())]
    return [Paragraph(f"风险偏好：截至{format_date(on)}在有效期内的风险偏好陈述 {len(rows)} 项（风险偏好陈述记录）："),
            Table([Column("维度", "text", width=7), Column("陈述", "text", width=24), Column("审批机构", "text", width=5),
                   Column("会议", "text", width=11), Column("审批日期", "date", width=9)], rows,
                  caption="风险偏好陈述")]


def audit_sentence(store, pins: Pins, on: date, details: bool = True) -> str:
    """The latest internal audit up to `on`; `details=False` (a public disclosure without names) leaves out
    the findings and remediation, which are free text that may name counterparties."""
    audits = [r for r in governance_on_record(store, "audit", pins) if r.get("audit_date") <= on]
    if not audits:
        return f"内部审计：截至{format_date(on)}，系统中尚无集中度风险管理的内部审计记录（指引第二十条要求至少每年一次）。"
    a = max(audits, key=lambda r: (r.get("audit_date"), r.id))
    text = (f"内部审计：最近一次由{a.get('auditor')}于{format_date(a.get('audit_date'))}完成，覆盖"
            f"{format_date(a.get('period_from'))}至{format_date(a.get('period_to'))}")
    if details:
        text += f"；发现：{_clause(a.get('findings'))}"
    if details and (a.get("remediation_owner") or a.get("remediation_date")):
        text += (f"；整改责任人：{a.get('remediation_owner') or '—'}，整改时限："
                 f"{format_date(a.get('remediation_date')) if a.get('remediation_date') else '—'}")
    if (on - a.get("audit_date")).days > 366:
        text += "；距本期末已超过一年，本年度审计尚无记录"
    return text + "。"


def audit_quotes(store, pins: Pins, on: date) -> tuple:
    """The latest audit's free text (findings) as printed by `audit_sentence`, for Paragraph.quotes."""
    audits = [r for r in governance_on_record(store, "audit", pins) if r.get("audit_date") <= on]
    if not audits:
        return ()
    a = max(audits, key=lambda r: (r.get("audit_date"), r.id))
    return (_clause(a.get("findings")),)


def allocation_sentence(view) -> str:
    """How many member limits are linked to a group limit (parent_limit_id), and which are not."""
    limits = view.limits
    member = limits[limits["scope"].astype(str) != GROUP_SCOPE]
    if member.empty:
        return "本期无成员公司层面限额。"
    parent = member["parent_limit_id"] if "parent_limit_id" in member.columns else pd.Series([None] * len(member))
    linked = [bool(isinstance(p, str) and p.strip()) for p in parent]
    n_linked = sum(linked)
    if n_linked == len(member):
        return f"成员公司层面限额 {len(member)} 项均在限额表中注明了所分配自的集团限额。"
    orphans = [str(lid) for lid, ok in zip(member["limit_id"], linked) if not ok]
    named = "、".join(orphans[:IDS]) + (listing_text("rest_ids", total=len(orphans), n=len(orphans) - IDS)
                                        if len(orphans) > IDS else "")
    return (f"成员公司层面限额 {len(member)} 项中，{n_linked} 项在限额表中注明了所分配自的集团限额，"
            f"{len(orphans)} 项未注明上级集团限额（{named}），其分级传导关系在限额表中无据可查。")


@dataclass
class EventReport:
    event: object              # the major_event record
    notifications: list        # board_notification records naming it
    after_period: bool = False  # occurred after the period's end (shown because a case of the report names it)


def major_events(store, pins: Pins, start: date, end: date, case_ids=()) -> list[EventReport]:
    """The major events on record that occurred in [start, end] or concern one of `case_ids` (a case the
    report shows), with the board notifications naming them."""
    notes = governance_on_record(store, "board_notification", pins)
    wanted = {str(c) for c in case_ids}
    out = []
    for ev in governance_on_record(store, "major_event", pins):
        if start <= ev.get("occurred_on") <= end or wanted & {str(c) for c in (ev.get("case_ids") or ())}:
            told = [n for n in notes if str(ev.id) in (n.get("event_ids") or ())]
            out.append(EventReport(ev, sorted(told, key=lambda n: (n.get("notified_on"), n.id)),
                                   ev.get("occurred_on") > end))
    return out


def notification_words(er: EventReport) -> str:
    """When and how the board was told of a major event, or that there is no record of it."""
    if not er.notifications:
        return "尚无向董事会报告的记录"
    first = er.notifications[0]
    days = (first.get("notified_on") - er.event.get("occurred_on")).days
    return (f"已于{format_date(first.get('notified_on'))}向{first.get('body')}报告（{first.get('reference')}，"
            f"事件发生后第 {days} 天）")


def events_block(store, pins: Pins, start: date, end: date, cases: list) -> list:
    """The major events of the period from the major-event records, each with its board notification or the
    statement that none is recorded; register cases marked major with no event record are named."""
    evs = major_events(store, pins, start, end, [c.id for c in cases if c.major_event])
    blocks: list = []
    if evs:
        rows = [[f"第 {er.event.id} 号", er.event.get("occurred_on"),
                 er.event.get("title") + ("（报告期后）" if er.after_period else ""), notification_words(er)]
                for er in evs]
        blocks.append(Table([Column("事件记录", "text", width=6), Column("发生日期", "date", width=8),
                             Column("事件", "text", width=20), Column("向董事会报告", "text", width=20)], rows,
                            caption="重大集中度风险事件及向董事会报告情况"))
    linked = {str(c) for er in evs for c in (er.event.get("case_ids") or ())}
    unlinked = [c for c in cases if c.major_event and str(c.id) not in linked]
    if unlinked:
        blocks.append(Paragraph("登记簿中认定为重大事件、但尚无对应重大事件记录的：" + "、".join(
            f"第 {c.id} 号超限事项" for c in unlinked) + "；其向董事会报告的情况无记录可查。"))
    return blocks


def governance_section(store, view, pins: Pins, on: date, officer: str | None, prev_period: str | None) -> Section:
    """治理架构与职责 of the semiannual report: the guideline's requirement, then what the records show."""
    blocks: list = [Paragraph(DUTIES), Paragraph(roles_sentence(store, pins, view.scope_name)),
                    Paragraph(policy_sentence(store, pins, on))]
    blocks += appetite_table(store, pins, on)
    blocks.append(Paragraph(audit_sentence(store, pins, on), quotes=audit_quotes(store, pins, on)))
    if prev_period:
        ops = [r for r in governance_on_record(store, "board_opinion", pins)
               if r.get("report_kind") == "semiannual" and r.get("period") == prev_period]
        if ops:
            o = ops[-1]
            blocks.append(Paragraph(f"上期报告审议：{o.get('meeting')}于{format_date(o.get('meeting_date'))}审议上期报告，"
                                    f"意见：{_clause(o.get('opinions'))}" + (f"（跟进责任人：{o.get('follow_up_owner')}）"
                                                                  if o.get("follow_up_owner") else "") + "。",
                                    quotes=(_clause(o.get("opinions")),)))
        else:
            blocks.append(Paragraph("上期报告审议：系统中尚无董事会（或其风险管理委员会）对上期报告的审议意见记录。"))
    filings = [r for r in governance_on_record(store, "member_filing", pins) if r.get("filed_on") <= on]
    if filings:
        blocks.append(Paragraph("成员公司报备（报备记录）：" + "；".join(
            f"{view.scope_name(str(r.get('member_id')))}于{format_date(r.get('filed_on'))}报备《{r.get('document')}》"
            .replace("《《", "《").replace("》》", "》") for r in filings) + "。"))
    if officer:
        blocks.append(Section("本期治理与职责履行情况", [Paragraph(p.strip(), quotes=(p.strip(),))
                                                  for p in officer.splitlines() if p.strip()]))
    return Section("治理架构与职责", blocks)


def handling_summary(entries: list, cases: list, case_for) -> tuple[str, list[str]]:
    """One sentence on how the flagged items stand in the register (counts of what is recorded), and the
    list of what is missing, e.g. ['第3号事项尚无处置计划']. Nothing is asserted that the register lacks."""
    n = len(entries)
    found = [(e, case_for(cases, e["limit"]["limit_id"], e.get("key"))) for e in entries]
    reg = [c for _e, c in found if c is not None]
    counts = {"原因分析": sum(1 for c in reg if c.cause or c.analysis),
              "处置计划": sum(1 for c in reg if c.mitigation_plan),
              "责任人和完成时限": sum(1 for c in reg if c.owner and c.due_date),
              "已报告或审批": sum(1 for c in reg if c.state in ("reported", "approved", "mitigating", "closed"))}
    text = (f"预警和超限事项 {n} 个中，{len(reg)} 个已登记于超限额事项登记簿；其中有原因分析的 {counts['原因分析']} 个、"
            f"有处置计划的 {counts['处置计划']} 个、明确责任人和完成时限的 {counts['责任人和完成时限']} 个、"
            f"已报告或审批的 {counts['已报告或审批']} 个。")
    missing = []
    for e, c in found:
        if c is None:
            missing.append(f"{e['limit']['limit_id']} 的{'超限' if e['status'] == 'breach' else '预警'}事项尚未登记")
            continue
        lack = [w for w, ok in (("原因分析", c.cause or c.analysis), ("处置计划", c.mitigation_plan),
                                ("责任人", c.owner), ("完成时限", c.due_date)) if not ok]
        if lack:
            missing.append(f"第 {c.id} 号事项尚无{'、'.join(lack)}")
    return text, missing


def missing_note(missing: list[str]) -> Note | None:
    """What the register lacks, the first `bounds.NAMED` items named and the others counted."""
    if not missing:
        return None
    named = missing[:NAMED] + ([listing_text("rest_missing", n=len(missing) - NAMED)] if len(missing) > NAMED else [])
    return Note("；".join(named) + "。", title="记录不全", kind="warning")
