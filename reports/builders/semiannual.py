"""集中度风险半年度报告 (guideline Art. 18, 23, 25): the semiannual concentration risk report to the board.

`build_semiannual_report(store, period)` reads the latest snapshot in the half-year, its governing
evaluation, the previous half-year's snapshot, the limit-set versions and proposals, the breach register,
stored stress results and the officer's texts, and returns a `ReportDocument`; nothing is rendered here.
"""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from core.concentration.model import GROUP_SCOPE
from reports.builders import bounds as B
from reports.builders import governance as G
from reports.builders import names as N
from reports.builders.common import (
    Pins,
    case_for,
    cases_as_pinned,
    current_pins,
    flagged_entries,
    governance_on_record,
    limit_definitions_table,
    load_view,
    no_basis_sentence,
    pinned_text,
    previous_period,
    previous_view,
    report_period,
    resolve_snapshot,
    status_counts,
    stress_evaluations,
    utilisation_table,
)
from reports.builders.dimensions import dimension_sections, indices_table
from reports.format import format_amount, format_date, format_percent
from reports.model import (
    Chart,
    ChartSpec,
    Column,
    KeyFigure,
    KeyFigures,
    Note,
    PageBreak,
    Paragraph,
    ReportDocument,
    Section,
    Series,
    Table,
)
from reports.pdf.chartjobs import prestart as prestart_charts
from wording import numbers as W
from wording.limit_status import NO_BASIS
from wording.listings import listing_text, status_parts

KIND = "semiannual"
TEXT_CONCLUSIONS = "semiannual_conclusions"
TEXT_GOVERNANCE = "semiannual_governance"
TITLE = "集中度风险半年度评估报告"
HANDLING = "预警和超限事项及处置"          # the caption of section 四's table of every item in breach or warning
UTILISATION = "集中度风险限额执行情况"      # … and of its table of every limit

def _warning_words(limits) -> str:
    """Whether every limit has a warning value, by the limit table (not asserted)."""
    import pandas as pd
    missing = [str(r["limit_id"]) for r in limits.to_dict("records")
               if r.get("warning") is None or (isinstance(r.get("warning"), float) and pd.isna(r.get("warning")))
               if not r.get("rule")]
    if not missing:
        return "限额表中每项限额均设有预警值"
    return f"限额表中 {len(missing)} 项限额未设预警值（{_ids(missing)}）"


def _ids(ids: list[str]) -> str:
    """Limit ids joined by 、, the first `bounds.IDS` of a longer list and how many there are in all."""
    if len(ids) <= B.IDS:
        return "、".join(ids)
    return "、".join(ids[:B.IDS]) + listing_text("rest_ids", total=len(ids), n=len(ids) - B.IDS)


def _set_name(name: str) -> str:
    return "集团集中度风险限额" if name == "group-limits" else name  # core.whatif's default name


def _pct(v) -> str:
    return format_percent(v)


# ------------------------------------------------------------------------------------------ sections

def _limit_changes(old_rows, new_rows) -> list[tuple[str, str, str, str]]:
    """(limit_id, what, before, after) for every difference between two limit frames."""
    def index(frame):
        return {} if frame is None else {r["limit_id"]: r for r in frame.to_dict("records")}

    a, b = index(old_rows), index(new_rows)
    out = []
    for lid in sorted(set(a) | set(b)):
        if lid not in a:
            r = b[lid]
            out.append((lid, "新增", "—", f"{r.get('name') or lid}：预警值 {_fmt(r.get('warning'))}，限额 {_fmt(r.get('limit'))}"))
        elif lid not in b:
            out.append((lid, "删除", a[lid].get("name") or lid, "—"))
        else:
            for field, label in (("warning", "预警值"), ("limit", "限额"), ("name", "名称"), ("key", "对象"),
                                 ("basis", "计量基数"), ("scope", "适用范围"), ("parent_limit_id", "上级限额")):
                x, y = a[lid].get(field), b[lid].get(field)
                if _norm(x) != _norm(y):
                    fmt = _fmt if field in ("warning", "limit") else (lambda v: "—" if _norm(v) is None else str(v))
                    out.append((lid, label, fmt(x), fmt(y)))
    return out


def _norm(v):
    if v is None:
        return None
    try:
        import math
        if isinstance(v, float) and math.isnan(v):
            return None
    except TypeError:
        pass
    from decimal import Decimal
    if isinstance(v, (Decimal, float, int)) and not isinstance(v, bool):
        return Decimal(str(v)).normalize()
    return v


def _fmt(v) -> str:
    return "—" if _norm(v) is None else format_percent(float(v))


def _strategy(store, view, period, pins: Pins) -> Section:
    blocks: list = []
    has_sets = bool(store.list_limit_sets())
    version = view.version
    limits = view.limits
    n_group = int((limits["scope"].astype(str) == GROUP_SCOPE).sum())
    n_member = len(limits) - n_group
    dims = sorted({N.dimension_name(d) for d in limits["dimension"].astype(str)})
    blocks.append(Paragraph(
        f"本集团集中度风险限额体系覆盖{'、'.join(dims)}等 {len(dims)} 个维度，共设限额 {len(limits)} 项，其中集团层面 "
        f"{n_group} 项、成员公司层面 {n_member} 项；" + _warning_words(limits) + "（指引第十四条至第十六条）。"))
    approval: list = []
    if version is not None:
        ls = next((s for s in store.list_limit_sets() if s.id == version.limit_set_id), None)
        approval.append(Paragraph(
            f"现行限额为限额体系“{_set_name(ls.name if ls else str(version.limit_set_id))}”第 {version.version} 版，自"
            f"{format_date(version.effective_date)}起生效，由 {version.approved_by} 审批；限额调整由提出人提出、"
            "另一人审批后方生效（指引第八条、第九条）。"))
    else:
        approval.append(Note("本报告所列限额取自数据快照所附限额表，限额尚未经审批。请高级管理层按指引第八条审批集中度风险"
                             "指标和限额后，再以审批通过的限额版本重新生成本报告。", title="限额尚未经审批", kind="warning"))
    blocks.append(Section("限额体系与审批情况", approval))

    changes: list = []
    if has_sets:
        versions = [v for ls in store.list_limit_sets() for v in store.list_versions(ls.id)
                    if pins.allows("version", v.id) and period.start <= v.effective_date <= period.end]
        for v in sorted(versions, key=lambda v: (v.effective_date, v.id)):
            full = store.get_version(v.id)
            prop = store.get_proposal(v.proposal_id, with_rows=False)
            base = store.get_version(prop.base_version_id) if prop.base_version_id else None
            diffs = _limit_changes(base.rows if base is not None else None, full.rows)
            changes.append(Paragraph(
                f"第 {v.version} 版自{format_date(v.effective_date)}起生效：由 {prop.proposer} 提出"
                + (f"（{prop.reason}）" if prop.reason else "") + f"，经 {v.approved_by} 审批。"
                + ("" if base is not None else "此为首个经审批的限额版本。"), quotes=(prop.reason,) if prop.reason else ()))
            if base is not None and diffs:
                changes.append(Table([Column("编号", "text", width=6), Column("调整内容", "text", width=10),
                                      Column("调整前", "text", width=14), Column("调整后", "text", width=14)],
                                     [list(d) for d in diffs], caption=f"限额第 {v.version} 版调整明细"))
        # pending when the report was made: on record then, and not decided by then
        pending = [p for p in store.list_proposals() if pins.allows("proposal", p.id)
                   and (p.decision is None or not pins.allows("decision", p.decision.id))]
        if pending:
            changes.append(Paragraph("待审批的限额调整提案：" + "；".join(
                f"第 {p.id} 号（{p.proposer} 提出，拟于{format_date(p.effective_date)}生效" + (f"，{p.reason}" if p.reason else "") + "）"
                for p in sorted(pending, key=lambda p: p.id)) + "。", quotes=tuple(p.reason for p in pending if p.reason)))
    if not changes:
        changes.append(Paragraph("本期未发生经审批的限额调整。"))
    blocks.append(Section("本期限额调整", changes))

    issues = view.result.get("allocation_issues") or []
    alloc: list = []
    if issues:
        rows = []
        for a in issues:
            lim = view.limit(a["limit_id"])
            rows.append([a["limit_id"], (lim or {}).get("name", a["limit_id"]), a["allocated"], a["available"],
                         a["allocated"] - a["available"], "、".join(a.get("children") or [])])
        alloc.append(Paragraph(f"经检查，有 {len(issues)} 项集团限额分配给成员公司的额度合计超过集团限额额度，需调整分配："))
        alloc.append(Table([Column("集团限额", "text", width=6), Column("名称", "text", width=14),
                            Column("已分配额度", "amount:亿元", width=9), Column("集团限额额度", "amount:亿元", width=9),
                            Column("超出", "amount:亿元", width=8), Column("成员公司限额", "text", width=10)],
                           rows, caption="限额分级传导检查：分配超出集团限额", row_status=["warning"] * len(rows)))
    else:
        alloc.append(Paragraph("注明上级集团限额的成员公司限额，其分配额度合计均在集团限额之内。"))
    alloc.insert(0, Paragraph(G.allocation_sentence(view)))
    blocks.append(Section("限额分级传导", alloc))
    return Section("策略、指标与限额", blocks), limits, version


def basis_name(view, lim: dict) -> str:
    """What a limit's ratio is of, named with its scope: 集团合并总资产, 人寿总资产."""
    return view.scope_name(str(lim.get("scope", GROUP_SCOPE))) + N.BASES.get(lim.get("basis"), lim.get("basis") or "")


def reduction_to_warning(lim: dict, entry: dict) -> float | None:
    """How much exposure (元) must go for the ratio to be at the warning value, the basis unchanged:
    exposure - warning x basis; None when it cannot be said (no basis amount, no warning value)."""
    basis, warning, exposure = lim.get("basis_amount"), lim.get("warning"), entry.get("exposure")
    if basis is None or warning is None or exposure is None:
        return None
    return max(0.0, float(exposure) - float(warning) * float(basis))


def missing_in_case(c) -> list[str]:
    """What the register does not show for a case: the items a board paper must not assert."""
    out = []
    if c is None:
        return ["登记"]
    if not (c.cause or c.analysis):
        out.append("原因分析")
    if not c.mitigation_plan:
        out.append("处置计划")
    if not c.owner:
        out.append("责任人")
    if not c.due_date:
        out.append("完成时限")
    return out


_PLAN_CUT = re.compile(r"压降约?\s*(\d+(?:\.\d+)?)\s*亿元")
_PLAN_WARNING = re.compile(r"(\d+(?:\.\d+)?)%\s*预警值")


def plan_check(plan: str | None, lim: dict, entry: dict) -> tuple[str, tuple, tuple]:
    """What the register's plan says against the model: the warning value it names, and where the cut it
    names leaves the ratio (the basis unchanged). ('', (), ()) when the plan names neither. Also returned:
    the figures it computes (for the note's `figures`) and the plan's own figures it cites (its `quotes`)."""
    if not plan:
        return "", (), ()
    out, figs, quoted = [], [], []
    warning, basis, exposure = lim.get("warning"), lim.get("basis_amount"), entry.get("exposure")
    m = _PLAN_WARNING.search(plan)
    if m and warning is not None and W.round_half_up(Decimal(m.group(1)) / 100, 6) != W.round_half_up(warning, 6):
        quoted.append(f"计划所称预警值 {m.group(1)}%")
        out.append(f"{quoted[-1]} 与现行预警值 {_pct(warning)} 不一致")
        figs.append((warning, "percent"))
    m = _PLAN_CUT.search(plan)
    if m and basis and exposure is not None:
        cut = float(Decimal(m.group(1)) * 100_000_000)
        after = (float(exposure) - cut) / float(basis)
        quoted.append(f"按计划压降 {m.group(1)} 亿元")
        text = f"{quoted[-1]}后比例约为 {_pct(after)}（计量基数不变）"
        if warning is not None and after > float(warning):
            text += f"，仍高于预警值 {_pct(warning)}"
        out.append(text)
        figs += [(after, "percent"), (warning, "percent"), (cut, "amount:亿元")]
    return ("核对（按本期计量）：" + "；".join(out) if out else ""), tuple(figs), tuple(quoted)


def _case_record(c, plan_title: str) -> list[str]:
    """What the breach register records of a case, one line a fact it has (cause, analysis, plan, owner and
    deadline), the register's own text quoted; `plan_title` names the plan as the section calls it."""
    lines = []
    if c.cause:
        lines.append(f"原因：{N.CAUSES.get(c.cause, c.cause)}")
    if c.analysis:
        lines.append(f"分析（登记簿原文）：{c.analysis}")
    if c.mitigation_plan:
        lines.append(f"{plan_title}（登记簿原文）：{c.mitigation_plan}")
    if c.owner or c.due_date:
        lines.append(f"责任人：{c.owner or '—'}；完成时限：{format_date(c.due_date) if c.due_date else '—'}")
    return lines


def _case_quotes(c) -> tuple:
    """The register's free text printed in a case note: the officer's words, figures included."""
    return tuple(t for t in (c.analysis, c.mitigation_plan) if t)


def _execution(store, view, prev, pins: Pins, cases: list | None = None) -> Section:
    counts = status_counts(view.result)
    n = sum(counts.values())
    entries = flagged_entries(view)
    objects = {"warning": sum(1 for e in entries if e["status"] == "warning"),
               "breach": sum(1 for e in entries if e["status"] == "breach")}
    figs = KeyFigures([
        KeyFigure("限额总数", n, "int"),
        KeyFigure("正常", counts["ok"], "int", status="ok"),
        KeyFigure("预警", counts["warning"], "int", status="warning" if counts["warning"] else "ok"),
        KeyFigure("超限", counts["breach"], "int", status="breach" if counts["breach"] else "ok"),
        KeyFigure("分配超额", len(view.result.get("allocation_issues") or []), "int"),
        *([KeyFigure("无法计量", counts[NO_BASIS], "int", status=NO_BASIS)] if counts[NO_BASIS] else []),
        KeyFigure("集团总资产", view.data.group.total_assets_fen / 100.0, "amount:亿元"),
    ], columns=3)
    # Counted by limit; an each-key limit may have several objects in warning or breach, so the objects
    # are counted too (the register and the table below list objects).
    text = (f"截至{format_date(view.as_of)}，本集团 {n} 项集中度风险限额中，正常 {counts['ok']} 项、预警 "
            f"{counts['warning']} 项、超限 {counts['breach']} 项"
            + (f"、无法计量 {counts[NO_BASIS]} 项" if counts[NO_BASIS] else "") + "（按限额计）")
    if entries:
        text += (f"；处于预警状态的限额对象 {objects['warning']} 个、超限状态的 {objects['breach']} 个"
                 "（逐项限额按对象计）")
    text += "。" + no_basis_sentence(view)
    if prev is not None:
        ps = status_counts(prev.result)
        text += (f"上期末（{format_date(prev.as_of)}）为正常 {ps['ok']} 项、预警 {ps['warning']} 项、"
                 f"超限 {ps['breach']} 项" + (f"、无法计量 {ps[NO_BASIS]} 项" if ps[NO_BASIS] else "") + "。")
    breaches = [l for l in view.result.get("limits", []) if l["status"] == "breach"]
    if breaches:
        text += "超限项目为：" + "；".join(
            f"{l.get('name') or l['limit_id']}（{l['limit_id']}），{view.key_name(l['dimension'], l['key'])}"
            f"{W.share_of(l['ratio'], basis_name(view, l))}，超过限额 {_pct(l['limit'])}" for l in breaches[:B.NAMED])
        if len(breaches) > B.NAMED:   # the others are rows of the table below, which lists breaches first
            text += listing_text("rest_named", total=len(breaches), n=len(breaches) - B.NAMED,
                                 table=B.table_ref(UTILISATION))
        text += "。"
    blocks = [figs, Paragraph(text),
              utilisation_table(view, prev, UTILISATION, with_previous=prev is not None, bound=B.LISTING_ROWS)]

    cases = cases_as_pinned(store, pins) if cases is None else cases
    handling: list = []
    if entries:
        rows, statuses = [], []
        for e in entries:
            lim = e["limit"]
            c = case_for(cases, lim["limit_id"], e.get("key"))
            rows.append([f"{lim.get('name') or lim['limit_id']}（{lim['limit_id']}）",
                         view.key_name(lim["dimension"], e.get("key")), e["status"], e.get("ratio"),
                         basis_name(view, lim), lim.get("warning"), lim.get("limit"),
                         reduction_to_warning(lim, e),
                         f"第 {c.id} 号 " + N.CASE_STATES.get(c.state, c.state) if c else "未登记",
                         (c.owner if c and c.owner else "—"), (c.due_date if c and c.due_date else None)])
            statuses.append(e["status"])
        registered = sum(1 for e in entries if case_for(cases, e["limit"]["limit_id"], e.get("key")) is not None)
        handling.append(Paragraph(
            f"本期末处于预警或超限状态的限额对象共 {len(entries)} 个，"
            + ("均已登记于超限额事项登记簿" if registered == len(entries) else
               f"其中 {registered} 个已登记于超限额事项登记簿、{len(entries) - registered} 个尚未登记")
            + "，登记簿所载处置情况如下（“需压降”为计量基数不变时降至预警值所需压降的敞口）："))
        table = Table([Column("限额", "text", width=13), Column("对象", "text", width=12),
                       Column("状态", "status", width=5), Column("比例", "percent", width=6.5),
                       Column("计量基数", "text", width=8), Column("预警值", "percent", width=6),
                       Column("限额", "percent", width=6), Column("需压降", "amount:亿元", width=7),
                       Column("登记簿", "text", width=8),
                       Column("责任人", "text", width=8), Column("完成时限", "date", width=8)],
                      rows, caption=HANDLING, row_status=statuses)
        if len(rows) > B.FLAGGED_ROWS:    # the most severe first (entries' order); the XLSX lists them all
            table.shown = B.FLAGGED_ROWS
            table.rest = listing_text("rest_rows", n=len(rows) - B.FLAGGED_ROWS, sheet=HANDLING,
                                      parts=status_parts(B.status_counts_of(statuses[B.FLAGGED_ROWS:])))
        handling.append(table)
        gaps: list[str] = []
        missing_counts: dict[str, int] = {}   # what the register lacks, over the items whose gaps are not named
        n_gaps = 0
        for i, e in enumerate(entries):
            if i >= B.CASE_NOTES:              # past the notes: only what the register lacks is counted
                c = case_for(cases, e["limit"]["limit_id"], e.get("key"))
                n_gaps += _count_gap(c, missing_counts, n_gaps >= B.NAMED, gaps, e, view)
                continue
            lim = e["limit"]
            c = case_for(cases, lim["limit_id"], e.get("key"))
            word = "超限" if e["status"] == "breach" else "预警"
            head = (f"{lim.get('name') or lim['limit_id']} — {view.key_name(lim['dimension'], e.get('key'))}："
                    f"{word}，{W.share_of(e.get('ratio'), basis_name(view, lim))}")
            cut = reduction_to_warning(lim, e)
            if cut:
                head += f"；降至预警值 {_pct(lim.get('warning'))} 需压降 {format_amount(cut)}"
            missing = missing_in_case(c)
            if c is None:
                n_gaps += _count_gap(c, missing_counts, n_gaps >= B.NAMED, gaps, e, view)
                handling.append(Note(head + "。", title="未登记", kind=e["status"]))
                continue
            parts = [f"状态：{N.CASE_STATES.get(c.state, c.state)}" + ("（重大集中度风险事件）" if c.major_event else "")]
            parts += _case_record(c, "处置计划")
            check, figs, cited = plan_check(c.mitigation_plan, lim, e)
            if check:
                parts.append(check)
            if missing:
                parts.append("登记簿尚无：" + "、".join(missing))
                n_gaps += _count_gap(c, missing_counts, n_gaps >= B.NAMED, gaps, e, view)
            handling.append(Note(head + "。\n" + "\n".join(parts), title=f"登记簿第 {c.id} 号", kind=e["status"],
                                 quotes=_case_quotes(c) + cited, figures=figs))
        if len(entries) > B.CASE_NOTES:
            rest = statuses[B.CASE_NOTES:]
            handling.append(Paragraph(listing_text("rest_notes", shown=B.CASE_NOTES, n=len(rest),
                                                   parts=status_parts(B.status_counts_of(rest)),
                                                   table=B.table_ref(HANDLING))))
        if gaps:
            if n_gaps > len(gaps):
                gaps.append(listing_text("rest_gaps", n=n_gaps - len(gaps), parts=_missing_parts(missing_counts)))
            handling.append(Paragraph("登记簿记录不全：" + "；".join(gaps) + "。请责任部门在登记簿中补充。"))
    else:
        handling.append(Paragraph("本期末无处于预警或超限状态的限额。"))
    blocks.append(Section("预警和超限事项及处置", handling))
    return Section("限额执行情况", blocks)


def _count_gap(c, counts: dict[str, int], counted: bool, gaps: list[str], e: dict, view) -> int:
    """An item's register gap: named in `gaps` (the first `bounds.NAMED`), or, once that many are named
    (`counted`), added to `counts` by what the register lacks ("登记" when the item is not registered).
    Returns 1 when the item has a gap, else 0."""
    missing = missing_in_case(c)
    if not missing:
        return 0
    if counted:
        for m in missing:
            counts[m] = counts.get(m, 0) + 1
        return 1
    lim = e["limit"]
    word = "超限" if e["status"] == "breach" else "预警"
    if c is None:
        gaps.append(f"{lim.get('name') or lim['limit_id']}（{view.key_name(lim['dimension'], e.get('key'))}）"
                    f"的{word}事项尚未登记")
    else:
        gaps.append(f"第 {c.id} 号{word}事项尚无" + "、".join(missing))
    return 1


def _missing_parts(counts: dict[str, int]) -> str:
    """"未登记 3 项、尚无原因分析 120 个…" of what the register lacks, in `missing_in_case`'s order."""
    parts = [listing_text("part_unregistered", n=counts["登记"])] if counts.get("登记") else []
    parts += [listing_text("part_missing", what=m, n=counts[m])
              for m in ("原因分析", "处置计划", "责任人", "完成时限") if counts.get(m)]
    return "、".join(parts)


def _risk_status(view, prev) -> Section:
    intro = (f"以下按集团合并口径（穿透底层资产、抵销集团内部往来）分析各维度集中度，并与上期末"
             f"（{format_date(prev.as_of)}）比较。" if prev is not None else
             "以下按集团合并口径（穿透底层资产、抵销集团内部往来）分析各维度集中度；本期无上期数据快照可供比较。")
    blocks: list = [Paragraph(intro), indices_table(view, prev, "各维度集中度指数")]
    blocks += dimension_sections(view, prev)
    return Section("各维度风险状况", blocks)


def _stress(store, view, pins: Pins) -> Section:
    evs = stress_evaluations(store, view.info.id, pins)
    if not evs:
        return Section("压力测试结果", [Note("本期未开展压力测试。按指引第十九条，集团应定期开展集中度风险压力测试，"
                                          "建议在下一报告期前完成并将结果纳入本报告。", title="说明")])
    net_assets = view.data.group.net_assets_fen / 100.0
    rows, names, losses = [], [], []
    for e in evs:
        r = store.load_evaluation(e.id).result if not e.result else e.result
        g = next((s for s in r.get("scopes", []) if s.get("scope") == GROUP_SCOPE), {})
        loss = float(r.get("group_loss") or 0.0)
        summary = r.get("summary") or {}
        name = (r.get("scenario") or {}).get("name") or str(e.limit_set_ref.get("stress"))
        n = len(rows) + 1
        rows.append([f"情景{n}：{name}", loss, loss / net_assets if net_assets else None, g.get("solvency_before"),
                     g.get("solvency_after"), summary.get("breach_before"), summary.get("breach_after")])
        names.append(f"情景{n}")
        losses.append(loss)
    worst = max(range(len(rows)), key=lambda i: rows[i][1])
    text = (f"本期基于{format_date(view.as_of)}数据快照开展了 {len(rows)} 个集中度风险压力情景测试。损失最大的是"
            f"{rows[worst][0].replace('：', '“', 1)}”，集团损失 {format_amount(rows[worst][1])}，占集团净资产 {_pct(rows[worst][2])}")
    if rows[worst][4] is not None:
        text += f"，压力后综合偿付能力充足率 {_pct(rows[worst][4])}"
    text += "。"
    quoted = (rows[worst][0].split("：", 1)[1],)     # the scenario's name, as its file words it
    figs = []
    g0 = next((s for s in (evs[worst].result or {}).get("scopes", []) if s.get("scope") == GROUP_SCOPE), {})
    actual, minimum = g0.get("actual_capital"), g0.get("minimum_capital")
    if actual is not None and minimum is not None and actual > minimum:
        buffer = actual - minimum
        use = rows[worst][1] / buffer
        text += (f"集团实际资本 {format_amount(actual)}、最低资本 {format_amount(minimum)}，超出最低资本的资本缓冲为 "
                 f"{format_amount(buffer)}，最大情景损失相当于资本缓冲的 {_pct(use)}（指引第十七条）。")
        figs = [KeyFigure("实际资本", actual, "amount:亿元"), KeyFigure("最低资本", minimum, "amount:亿元"),
                KeyFigure("资本缓冲", buffer, "amount:亿元"),
                KeyFigure("最大情景损失占资本缓冲", use, "percent", status="breach" if use >= 1 else "ok")]
    table = Table([Column("压力情景", "text", width=24), Column("集团损失", "amount:亿元", width=9),
                   Column("损失占净资产", "percent", width=8), Column("压力前偿付能力充足率", "percent", width=9),
                   Column("压力后偿付能力充足率", "percent", width=9), Column("压力前超限数", "int", width=7),
                   Column("压力后超限数", "int", width=7)], rows, caption="集中度风险压力测试结果")
    chart = Chart(ChartSpec("barh", names, [Series("集团损失", losses)], value_format="amount:亿元"),
                  caption="各压力情景下的集团损失", height_cm=max(4.5, 1.6 + 0.7 * len(names)))
    blocks = [Paragraph(text, quotes=quoted)] + ([KeyFigures(figs, columns=4)] if figs else [])
    return Section("压力测试结果", blocks + [table, chart])


def _major_events(store, view, period, pins: Pins, cases: list | None = None) -> Section:
    """The period's major events from the major-event records, when and how the board was told (board
    notifications) or that no record shows it; then the register's cases marked major."""
    cases = cases_as_pinned(store, pins) if cases is None else cases
    blocks: list = G.events_block(store, pins, period.start, period.end, cases)
    major = [c for c in cases if c.major_event]
    if not blocks and not major:
        return Section("重大集中度风险事件", [Paragraph("本期无重大集中度风险事件记录，登记簿中亦无认定为重大事件的超限事项。")])
    if major:
        blocks.append(Paragraph(f"登记簿中认定为重大集中度风险事件的超限事项共 {len(major)} 项（指引第十七条、第二十三条：重大事件"
                                "应及时向董事会报告）："))
    limits = {l["limit_id"]: l for l in view.result.get("limits", [])}
    for c in major:
        lim = limits.get(c.limit_id) or {"name": c.limit_id, "dimension": ""}
        parts = [f"限额：{lim.get('name') or c.limit_id}（{c.limit_id}）；对象：{view.key_name(lim.get('dimension', ''), c.key)}；"
                 f"处置状态：{N.CASE_STATES.get(c.state, c.state)}"]
        parts += _case_record(c, "应急与处置措施")
        blocks.append(Note("\n".join(parts), title=f"重大事件（登记簿第 {c.id} 号）", kind="breach",
                           quotes=_case_quotes(c)))
    return Section("重大集中度风险事件", blocks)


def _conclusions(text: str | None) -> Section:
    if text:
        return Section("结论与建议", [Paragraph(p.strip(), quotes=(p.strip(),)) for p in text.splitlines() if p.strip()])
    return Section("结论与建议", [Note("风险管理部尚未填写本期结论与建议（在“报告”界面编辑后重新生成本报告）。",
                                   title="待填写", kind="warning")])


# ------------------------------------------------------------------------------ summary and sign-off

PLACEHOLDERS = ("待填写", "请责任部门在登记簿中补充", "尚未填写")
# how the draft note names each (not by repeating the placeholder's words)
PLACEHOLDER_WORDS = {"待填写": "待填写的章节", "请责任部门在登记簿中补充": "登记簿记录不全的事项", "尚未填写": "尚未填写的内容"}


def _flag_ratio_before(prev, lim: dict, key) -> float | None:
    """The same (limit, key)'s ratio at the previous snapshot: its flagged entry, or the limit's reported
    figure when that was about the same key; None when the previous snapshot does not show it."""
    if prev is None:
        return None
    p = prev.limit(lim["limit_id"])
    if p is None:
        return None
    for f in p.get("flagged") or []:
        if str(f.get("key")) == str(key):
            return f.get("ratio")
    return p.get("ratio") if str(p.get("key")) == str(key) else None


def _summary(store, view, prev, pins: Pins, period, stress: Section, cases: list) -> Section:
    """执行摘要, the first page: limits by status against the last period, every item in breach or warning
    with its previous ratio and the cut to its warning value in 亿元, the stress headline and capital
    buffer, the major events and when the board was told, and what the board is asked to decide — each from
    the model and the records."""
    counts, entries = status_counts(view.result), flagged_entries(view)
    pc = status_counts(prev.result) if prev is not None else None
    figs = [KeyFigure("超限", counts["breach"], "int", status="breach" if counts["breach"] else "ok",
                      note=f"上期 {pc['breach']} 项" if pc else ""),
            KeyFigure("预警", counts["warning"], "int", status="warning" if counts["warning"] else "ok",
                      note=f"上期 {pc['warning']} 项" if pc else ""),
            KeyFigure("限额总数", sum(counts.values()), "int", note=f"正常 {counts['ok']} 项")]
    stress_figs = next((b for b in stress.blocks if isinstance(b, KeyFigures)), None)
    if stress_figs is not None:
        figs += [f for f in stress_figs.items if f.label in ("资本缓冲", "最大情景损失占资本缓冲")]
    blocks: list = [Paragraph(f"截至{format_date(view.as_of)}，本集团集中度风险限额 {sum(counts.values())} 项中超限 "
                              f"{counts['breach']} 项、预警 {counts['warning']} 项"
                              + (f"（上期末{format_date(prev.as_of)}：超限 {pc['breach']} 项、预警 {pc['warning']} 项）"
                                 if pc else "") + "。要点如下。"),
                    KeyFigures(figs, columns=len(figs) if len(figs) <= 5 else 3)]
    if entries:
        rows, statuses = [], []
        for e in entries[:B.SUMMARY_ROWS]:      # the most severe; the others are counted below the table
            lim = e["limit"]
            c = case_for(cases, lim["limit_id"], e.get("key"))
            rows.append([view.key_name(lim["dimension"], e.get("key")), f"{lim.get('name') or lim['limit_id']}",
                         e["status"], e.get("ratio"), _flag_ratio_before(prev, lim, e.get("key")),
                         lim.get("warning"), lim.get("limit"), reduction_to_warning(lim, e),
                         N.CASE_STATES.get(c.state, c.state) if c else "未登记"])
            statuses.append(e["status"])
        blocks.append(Table([Column("对象", "text", width=15), Column("限额", "text", width=13),
                             Column("状态", "status", width=5), Column("本期比例", "percent", width=7),
                             Column("上期比例", "percent", width=7), Column("预警值", "percent", width=6),
                             Column("限额", "percent", width=6), Column("需压降", "amount:亿元", width=7),
                             Column("处置", "text", width=6)], rows, caption="超限和预警事项一览",
                            row_status=statuses,
                            source="比例为占各限额计量基数的比例；“需压降”为计量基数不变时降至预警值所需压降的敞口；"
                                   "上期比例为同一对象上期末的比例（“—”：上期未处于预警或超限，或无上期数据）。"))
        if len(entries) > B.SUMMARY_ROWS:
            rest = [e["status"] for e in entries[B.SUMMARY_ROWS:]]
            blocks.append(Paragraph(listing_text(
                "rest_flagged", shown=B.SUMMARY_ROWS, n=len(rest), parts=status_parts(B.status_counts_of(rest)),
                section=B.section_ref(HANDLING), table=B.table_ref(HANDLING), caption=HANDLING)))
    stress_text = next((b for b in stress.blocks if isinstance(b, Paragraph)), None)
    if stress_text is not None:
        blocks.append(Paragraph("压力测试：" + stress_text.text, quotes=stress_text.quotes))
    evs = G.major_events(store, pins, period.start, period.end, [c.id for c in cases if c.major_event])
    if evs:
        blocks.append(Paragraph("重大事件：" + "；".join(
            f"第 {er.event.id} 号（{format_date(er.event.get('occurred_on'))}，{er.event.get('title')}"
            + ("，报告期后" if er.after_period else "") + f"）{G.notification_words(er)}" for er in evs) + "。",
            quotes=tuple(er.event.get("title") for er in evs)))
    asks = _asks(store, view, pins, period, entries, cases)
    blocks.append(Paragraph("提请董事会（风险管理委员会）：" + "；".join(f"{i}. {a}" for i, a in enumerate(asks, 1)) + "。"))
    blocks.append(PageBreak())
    return Section("执行摘要", blocks)


def _asks(store, view, pins: Pins, period, entries, cases) -> list[str]:
    """What the board is asked to do, derived from the records: the report itself; the breaches whose
    handling the board has not yet seen approved; pending limit proposals; gaps in the register; policies
    past their review date."""
    asks = ["审议本报告"]
    named = more = 0      # breaches asked one by one (the first `bounds.ASKS`), and the others counted
    for e in entries:
        if e["status"] != "breach":
            continue
        c = case_for(cases, e["limit"]["limit_id"], e.get("key"))
        if c is not None and c.state in ("approved", "closed"):
            continue
        if named >= B.ASKS:
            more += 1
            continue
        named += 1
        name = f"{e['limit'].get('name') or e['limit']['limit_id']}（{view.key_name(e['limit']['dimension'], e.get('key'))}）"
        if c is None:
            asks.append(f"督促登记并处置{name}超限事项")
        else:
            asks.append(f"审议登记簿第 {c.id} 号{name}超限事项的处置" + ("计划" if c.mitigation_plan else "（尚无处置计划）"))
    if more:
        asks.append(listing_text("rest_asks", n=more, table=B.table_ref(HANDLING)))
    pending = [p for p in store.list_proposals() if pins.allows("proposal", p.id)
               and (p.decision is None or not pins.allows("decision", p.decision.id))]
    if pending:
        asks.append(f"知悉待高级管理层审批的限额调整提案 {len(pending)} 项")
    if any(missing_in_case(case_for(cases, e["limit"]["limit_id"], e.get("key"))) for e in entries):
        asks.append("督促责任部门补全超限额事项登记簿（见“预警和超限事项及处置”）")
    overdue = [r for r in G.policies_in_force(store, pins, period.end)
               if r.get("next_review_date") is not None and r.get("next_review_date") < period.end]
    for r in overdue:
        asks.append(f"安排《{r.get('title')}》（{r.get('version')}）的复审（应于{format_date(r.get('next_review_date'))}前）")
    return asks


def _signoff(store, view, pins: Pins, period, info) -> Section:
    """签发: who prepared (lead department), reviewed (senior management) and approved (the board's opinion
    on this period's report) by the records; the document number is the report's record keys. Whatever the
    records do not show is named as not yet on record, so it can be seen."""
    from core.governance.roles import current_roles
    grants = G.grants_on_record(store, pins)
    names = {g.user_name.strip().casefold(): g.user_name for g in grants}
    held: dict[str, list[str]] = {}
    for user, items in current_roles(grants).items():
        for role, _m in items:
            held.setdefault(role, []).append(names.get(user, user))
    opinion = next((o for o in reversed(governance_on_record(store, "board_opinion", pins))
                    if o.get("report_kind") == KIND and o.get("period") == period.code), None)
    rows = [["编制", "牵头部门", "、".join(sorted(held.get("lead_department", []))) or "系统中尚无牵头部门岗位声明", "—"],
            ["审核", "高级管理层", "、".join(sorted(held.get("senior_management", []))) or "系统中尚无高级管理层岗位声明", "—"],
            ["审批", "董事会（风险管理委员会）", opinion.get("meeting") if opinion else "尚无审议记录（待审议）",
             opinion.get("meeting_date") if opinion else None]]
    number = f"RD-{KIND}-{period.code}-S{info.id}-E{view.evaluation.id}"
    return Section("签发", [Table([Column("环节", "text", width=5), Column("职责", "text", width=10),
                                   Column("人员或会议（依系统记录）", "text", width=22), Column("日期", "date", width=9)],
                                  rows, caption="编制、审核与审批"),
                            Paragraph(f"文件编号：{number}（数据快照编号 {info.id}、计量记录编号 {view.evaluation.id}）。")])


def draft_reasons(doc) -> list[str]:
    """The placeholders a document still holds: a board paper with any of them can only be a draft."""
    found = []

    def walk(block):
        if isinstance(block, Section):
            for b in block.blocks:
                walk(b)
        elif isinstance(block, (Paragraph, Note)):
            for word in PLACEHOLDERS:
                if word in block.text or word in getattr(block, "title", ""):
                    found.append(word)

    for s in list(doc.sections) + list(doc.appendix):
        walk(s)
    return sorted(set(found), key=PLACEHOLDERS.index)


def _data_notes(view, prev, version) -> Section:
    rows = [["本期数据快照", f"编号 {view.info.id}，数据截至{format_date(view.as_of)}，来源：{view.info.source or '—'}"],
            ["限额计量", f"计量记录编号 {view.evaluation.id}"
             + ("，按审批通过的限额版本计量" if version is not None else "，按数据快照所附限额表计量（尚未经审批）")],
            ["上期数据快照", f"编号 {prev.info.id}，数据截至{format_date(prev.as_of)}" if prev is not None else "无"],
            ["规模", f"成员公司 {W.count(view.info.n_members)} 家，交易对手 {W.count(view.info.n_counterparties)} 个，"
                   f"风险敞口 {W.count(view.info.n_exposures)} 笔，限额 {W.count(view.info.n_limits)} 项"],
            ["口径", "集团层面按合并口径计量，抵销集团内部往来；交易对手、交易对手集团、关联方、行业和地区维度穿透至底层资产，"
                   "无法识别的底层资产归入“未识别底层资产”；金额单位为亿元，比例保留两位小数。"]]
    return Section("数据说明", [Table([Column("项目", "text", width=8), Column("说明", "text", width=40)], rows,
                                   caption="本报告的数据来源与口径")])


# ---------------------------------------------------------------------------------------------- build

def build_semiannual_report(store, period, *, date: date | None = None, texts: dict | None = None,
                            pins: Pins | None = None) -> ReportDocument:
    """The semiannual board report of `period` (``2025H1``: a half-year; another kind of period is wrong_period_kind).

    `texts` overrides the officer's stored texts (keys ``conclusions``, ``governance``), e.g. for a preview of
    unsaved edits; `pins` bounds the records read (see `common.Pins`; None = everything now on record).
    Raises `ReportError` (bad_period, no_snapshot, no_evaluation).
    """
    p = report_period(KIND, period)
    # the process that will draw the charts imports matplotlib while the report is built (where it can be
    # forked; reports.pdf.chartjobs): half a second of a million-exposure report's command
    prestart_charts()
    if pins is None:
        pins = current_pins(store, p.code)
    info = resolve_snapshot(store, p, pins)
    view = load_view(store, info, pins)
    prev = previous_view(store, view, p, pins)
    texts = texts or {}
    conclusions = texts.get("conclusions") if "conclusions" in texts else pinned_text(store, TEXT_CONCLUSIONS, p.code, pins)
    governance = texts.get("governance") if "governance" in texts else pinned_text(store, TEXT_GOVERNANCE, p.code, pins)
    strategy, limits, version = _strategy(store, view, p, pins)
    cases = cases_as_pinned(store, pins)      # read once: every section shows the register as pinned
    stress = _stress(store, view, pins)
    doc = ReportDocument(
        title=TITLE, subtitle="（提交董事会风险管理委员会审议）", organisation=view.group_name, period=p.code,
        as_of=view.as_of, report_date=date, author="风险管理部",
        sections=[
            _summary(store, view, prev, pins, p, stress, cases),
            G.governance_section(store, view, pins, p.end, governance, previous_period(p).code),
            strategy,
            _execution(store, view, prev, pins, cases),
            _risk_status(view, prev),
            stress,
            _major_events(store, view, p, pins, cases),
            _conclusions(conclusions),
        ],
        appendix=[Section("全部限额定义", [limit_definitions_table(view, limits, "集中度风险限额一览",
                                                                 bound=B.APPENDIX_ROWS)]),
                  _data_notes(view, prev, version)],
    )
    doc.sections.append(_signoff(store, view, pins, p, info))
    B.resolve_table_refs(doc)
    missing = draft_reasons(doc)
    if missing:   # placeholders make it a draft, and the first page says why
        doc.watermark = "草稿"
        doc.confidentiality = "草稿 · 含待补充事项 · 内部资料"
        doc.sections[0].blocks.insert(0, Note(
            "本稿含待补充事项（" + "、".join(PLACEHOLDER_WORDS[w] for w in missing) + "），补充后重新生成方可提交董事会。",
            title="草稿", kind="warning"))
    return doc
