"""年度集中度风险信息披露 (guideline Art. 26, published on the website by 15 June): organisation, strategy and
its execution, risk status and major events, as a group would publish them, and the officer's disclosure
text (officer text ``disclosure_text``: "其他需要说明的事项").

Only aggregated figures: no counterparty is named unless the officer asks for it (`names=True`). Art. 26:
the board's approval of the text is recorded before it is marked final. The report is final only when the
latest board approval on record (core.store ``board_approval``, within the pins) was given to exactly the
disclosure text it prints (same SHA-256, core.approvals); otherwise it is a draft (watermark 草稿) that
says why: no approval yet, or the text changed after the approval. The approval (body, meeting, date) is
printed at the head of the first section.

Reports recorded before approvals were records (params v1) read the board's approval as a free officer
text ``disclosure_approval``; `approval_from="text"` rebuilds them as they were (reports.service.regenerate).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date

from core.approvals import APPROVED, NO_TEXT, TEXT_CHANGED, ApprovalState, approval_state
from core.concentration.indices import index_values
from core.concentration.model import GROUP_SCOPE
from reports.builders import governance as G
from reports.builders import names as N
from reports.builders.common import (
    Pins,
    ReportError,
    case_for,
    cases_as_pinned,
    content_digest,
    current_pins,
    flagged_entries,
    load_view,
    no_basis_sentence,
    period_of,
    pinned_approval,
    pinned_text,
    pinned_text_version,
    pins_at,
    report_period,
    resolve_snapshot,
    status_counts,
)
from reports.builders.dimensions import figures
from reports.format import format_date, format_percent
from reports.model import Column, Note, Paragraph, ReportDocument, Section, Table

KIND = "disclosure"
CONTENT_CHANGED = "content_changed"   # the text is the approved one, what else the document prints is not
NOT_YEAR_END = "not_year_end"         # an annual disclosure from data that are not the year's end
TEXT_DISCLOSURE = "disclosure_text"        # the text the board approves (core.approvals.APPROVED_TEXT_KINDS)
TEXT_APPROVAL = "disclosure_approval"      # legacy: the approval as free text (reports of params v1 only)
DRAFT = "草稿"
OTHER_MATTERS = "其他需要说明的事项"

_NOT_FOR_PUBLICATION = "仅供内部审阅，不得对外披露。"

def _limits_text(view) -> str:
    limits = view.limits
    dims = sorted({N.dimension_name(d) for d in limits["dimension"].astype(str)})
    n_group = int((limits["scope"].astype(str) == GROUP_SCOPE).sum())
    return (f"本集团按照风险偏好和资本状况，在{'、'.join(dims)}等维度设定集中度风险指标和限额，共 {len(limits)} 项，其中集团层面 "
            f"{n_group} 项、成员公司层面 {len(limits) - n_group} 项。" + G.allocation_sentence(view))


def _paragraphs(text: str) -> list:
    return [Paragraph(line.strip(), quotes=(line.strip(),)) for line in text.splitlines() if line.strip()]


def _approval_front(state, text_version_no: int | None) -> tuple[list, str]:
    """The note at the head of the report and the running-header words, by approval state."""
    a = state.approval
    if state.status == APPROVED:
        version = f"（披露说明第 {text_version_no} 版）" if text_version_no else ""
        return [Note(f"本报告{version}已经{a.approving_body}审议通过。会议：{a.meeting_ref}；审议日期："
                     f"{format_date(a.approval_date)}。", title="董事会审议情况")], ""
    if state.status in (CONTENT_CHANGED, NOT_YEAR_END):
        return [Note(f"{a.approving_body}于{format_date(a.approval_date)}（{a.meeting_ref}）审议通过了披露说明，但{state.reason}；"
                     f"本稿与审议的文件不一致，{_NOT_FOR_PUBLICATION}请就本稿提请董事会审议，记录审议情况后重新生成。",
                     title="草稿：与审议的文件不一致", kind="warning")], "草稿 · 与审议的文件不一致"
    if state.status == TEXT_CHANGED:
        return [Note(f"{a.approving_body}于{format_date(a.approval_date)}（{a.meeting_ref}）审议通过的披露说明此后已被修改，"
                     f"现行文本尚未经审议，本稿{_NOT_FOR_PUBLICATION}请就现行文本提请董事会审议，记录审议情况后重新生成。",
                     title="草稿：文本在审议后已修改", kind="warning")], "草稿 · 文本在审议后已修改"
    if state.status == NO_TEXT:
        return [Note(f"本稿尚未经董事会审议，{_NOT_FOR_PUBLICATION}请先撰写“{OTHER_MATTERS}”披露说明并提请董事会审议，"
                     "记录审议情况后重新生成，即为正式披露稿。", title="草稿", kind="warning")], "草稿 · 待董事会审议"
    return [Note(f"本稿尚未经董事会审议，{_NOT_FOR_PUBLICATION}董事会审议通过后，记录审议情况并重新生成，即为正式披露稿。",
                 title="草稿", kind="warning")], "草稿 · 待董事会审议"


def build_disclosure_report(store, period, *, date: Date | None = None, texts: dict | None = None,
                            pins: Pins | None = None, names: bool = False,
                            approval_from: str = "board") -> ReportDocument:
    """The public disclosure of the year `period` (``2024``; its latest snapshot). `names`: name the
    largest counterparty groups (off by default). `texts`: ``{"text": ...}`` replaces the saved disclosure
    text (a preview: final only if the board approved exactly that wording). `approval_from="text"`: the
    previous release's free-text approval (``{"approval": ...}`` or the stored ``disclosure_approval``).

    Final needs three things: the board approved exactly the printed text; everything else the document
    prints is what it printed when the approval was recorded (the document is rebuilt from the records as
    they stood then and compared: a snapshot imported later, a case moved on, change it); and the data are
    the year's end. The date of a final disclosure is the approval's (unless `date` is given)."""
    p = report_period(KIND, period)
    pins = pins or current_pins(store, p.code)
    texts = texts or {}
    legacy = approval_from == "text"
    view, sections = _body(store, p, pins, names)
    if legacy:
        approval = texts.get("approval") if "approval" in texts else pinned_text(store, TEXT_APPROVAL, p.code, pins)
        final = bool(approval)
        state = body = version_no = None
    else:
        saved, body, state = _current_text(store, p.code, pins, texts)
        version_no = None
        if state.final:
            state = _whole_document(store, p, pins, names, view, sections, state)
        if state.final and saved is not None and "text" not in texts:
            ids = [t.id for t in store.text_history(TEXT_DISCLOSURE, p.code)]
            version_no = ids.index(saved.id) + 1 if saved.id in ids else None
        final = state.final
    org = sections[0]
    if legacy:
        if final:
            front = [Note(approval, title="董事会审议情况")]
        else:
            front = [Note("本稿尚未经董事会审议，仅供内部审阅，不得对外披露。董事会审议通过后，记录审议情况并重新生成，即为正式披露稿。",
                          title="草稿", kind="warning")]
        header = "草稿 · 待董事会审议"
    else:
        front, header = _approval_front(state, version_no)
        if body and body.strip():
            sections.append(Section(OTHER_MATTERS, _paragraphs(body)))
        if final and date is None:
            date = state.approval.approval_date     # the disclosure is the board's from the day it approved it
    org.blocks = front + org.blocks
    return ReportDocument(
        title=f"{p.year}年度集中度风险信息披露报告", subtitle="（依据《保险集团集中度风险监管指引》第二十六条）",
        organisation=view.group_name, period=p.code, as_of=view.as_of, report_date=date, author="风险管理部",
        confidentiality="" if final else header, watermark="" if final else DRAFT,
        sections=sections, approval=state)


@dataclass(frozen=True)
class DocumentApproval(ApprovalState):
    """An approval state that also says why the whole document is not the approved one (`reason`, Chinese)."""

    reason: str = ""


def _whole_document(store, p, pins: Pins, names: bool, view, sections, state):
    """The approval binds the whole document: rebuilt from the records as they stood when the approval was
    recorded, the body must print the same; and the data must be the year's end."""
    a = state.approval
    then = pins_at(store, p.code, a.created_at, pins)
    try:
        then_view, then_sections = _body(store, p, then, names)
    except ReportError:
        then_view, then_sections = None, None
    if then_sections is None or content_digest(then_sections) != content_digest(sections):
        if then_view is None or then_view.info.id != view.info.id:
            why = (f"审议后导入了数据快照（编号 {view.info.id}，数据截至{format_date(view.as_of)}），"
                   + (f"审议时依据的是数据截至{format_date(then_view.as_of)}的快照（编号 {then_view.info.id}）"
                      if then_view is not None else "审议时尚无该年度数据快照"))
        else:
            why = "审议后记录发生变化（超限额事项、限额、治理记录等），本稿所列内容与审议时不同"
        return DocumentApproval(CONTENT_CHANGED, a, state.text_sha256, why)
    if view.as_of != p.end:
        return DocumentApproval(NOT_YEAR_END, a, state.text_sha256,
                                f"所依据的数据截至{format_date(view.as_of)}，不是年末（{format_date(p.end)}）数据")
    return state


def _body(store, p, pins: Pins, names: bool):
    """(the snapshot view, the sections 一 to 四) of the disclosure of `p` as the records within `pins` give them."""
    info = resolve_snapshot(store, p, pins)
    view = load_view(store, info, pins)
    # 二、策略及执行
    s = view.result.get("summary") or {}
    entries = flagged_entries(view)
    cases = cases_as_pinned(store, pins)
    by_dim: dict[str, list[int]] = {}
    for e in entries:
        d = e["limit"]["dimension"]
        by_dim.setdefault(d, [0, 0])[0 if e["status"] == "breach" else 1] += 1
    c = status_counts(view.result)
    execution = (f"截至{format_date(view.as_of)}，上述 {s.get('limits', 0)} 项限额中，处于正常状态 {c['ok']} 项、"
                 f"触及预警值 {c['warning']} 项、超过限额 {c['breach']} 项"
                 + (f"、无法计量 {c['no_basis']} 项" if c["no_basis"] else "") + "。" + no_basis_sentence(view))
    if by_dim:
        execution += "预警和超限事项涉及：" + "；".join(
            f"{N.dimension_name(d)}维度" + "，".join(x for x in (f"超限 {b} 项" if b else "", f"预警 {w} 项" if w else "") if x)
            for d, (b, w) in sorted(by_dim.items(), key=lambda kv: N.dimension_name(kv[0]))) + "。"
        summary, missing = G.handling_summary(entries, cases, case_for)
        execution += summary
    strategy = Section("集中度风险管理策略及执行情况", [Paragraph(_limits_text(view)), Paragraph(execution)])
    if by_dim and missing:
        strategy.blocks.append(G.missing_note(missing))

    # 三、风险状况
    status_blocks: list = [Paragraph("以下按集团合并口径（穿透底层资产并抵销集团内部往来）披露主要维度的集中度水平。")]
    rows = []
    for dim in ("counterparty_group", "industry", "region", "asset_class", "customer", "reinsurer"):
        t = view.totals(dim)
        if t.empty:
            continue
        ix = index_values(t["total_fen"].to_numpy())
        rows.append([N.dimension_name(dim), ix["hhi"], ix["top1"], ix["top5"], ix["top10"]])
    status_blocks.append(Table([Column("维度", "text", width=12), Column("HHI", "number:4", width=8),
                                Column("最大一项占比", "percent", width=9), Column("前五项占比", "percent", width=9),
                                Column("前十项占比", "percent", width=9)], rows, caption="主要维度集中度指标"))
    ac = figures(view, None, "asset_class")
    status_blocks.append(Table([Column("资产类别", "text", width=16), Column("占投资资产比例", "percent", width=10)],
                               [[n, s_] for n, s_ in zip(ac.names, ac.shares)], caption="大类资产配置结构"))
    ind = figures(view, None, "industry", top=5)
    status_blocks.append(Table([Column("行业", "text", width=20), Column("占穿透后投资资产比例", "percent", width=10)],
                               [[n, s_] for n, s_ in zip(ind.names, ind.shares)], caption="前五大行业"))
    cg = figures(view, None, "counterparty_group", top=10)
    total_share = sum(x or 0 for x in cg.shares)
    status_blocks.append(Paragraph(f"前十大交易对手集团合计占穿透后投资资产的 {format_percent(total_share)}，其中最大一家占 "
                                   f"{format_percent(cg.shares[0] if cg.shares else None)}。"))
    if names:
        status_blocks.append(Table([Column("排名", "int", width=4), Column("交易对手集团", "text", width=24),
                                    Column("占比", "percent", width=8)],
                                   [[i + 1, n, s_] for i, (n, s_) in enumerate(zip(cg.names, cg.shares))],
                                   caption="前十大交易对手集团"))
    risk_status = Section("集中度风险状况", status_blocks)

    # 四、重大事件: from the major-event records and board notifications; the register's major cases
    major = [c for c in cases if c.major_event]
    # the year's events only: one after the year's end is not the disclosure's (it was not known when due)
    evs = [er for er in G.major_events(store, pins, p.start, p.end, [c.id for c in major]) if not er.after_period]
    ev_blocks: list = []
    if evs:
        ev_blocks.append(Paragraph(f"报告期内重大集中度风险事件记录 {len(evs)} 项："))
        for i, er in enumerate(evs, start=1):
            title = er.event.get("title") if names else N.EVENT_KINDS.get(er.event.get("event_kind"), "重大集中度风险事件")
            ev_blocks.append(Paragraph(f"{i}. {format_date(er.event.get('occurred_on'))}，{title}；{G.notification_words(er)}。"))
    linked = {str(x) for er in evs for x in (er.event.get("case_ids") or ())}
    for c in major:
        if str(c.id) not in linked:
            ev_blocks.append(Paragraph(f"超限额事项登记簿第 {c.id} 号认定为重大事件，处置状态为{N.CASE_STATES.get(c.state, c.state)}；"
                                       "报告期内尚无对应的重大事件记录和向董事会报告的记录。"))
    if not ev_blocks:
        ev_blocks = [Paragraph("报告期内无重大集中度风险事件记录，登记簿中亦无认定为重大事件的超限事项。")]
    events = Section("重大集中度风险事件", ev_blocks)

    org = Section("集中度风险管理组织架构", [Paragraph(G.DUTIES), Paragraph(G.roles_sentence(store, pins, view.scope_name)),
                                          Paragraph(G.policy_sentence(store, pins, p.end)),
                                          Paragraph(G.audit_sentence(store, pins, p.end, details=names))])
    org = Section("集中度风险管理组织架构", [Paragraph(G.DUTIES), Paragraph(G.roles_sentence(store, pins, view.scope_name)),
                                          Paragraph(G.policy_sentence(store, pins, p.end)),
                                          Paragraph(G.audit_sentence(store, pins, p.end, details=names))])
    return view, [org, strategy, risk_status, events]


def _current_text(store, period: str, pins: Pins, texts: dict):
    """(the saved TextVersion within the pins or None, the text printed, its ApprovalState)."""
    saved = pinned_text_version(store, TEXT_DISCLOSURE, period, pins)
    body = texts.get("text") if "text" in texts else (saved.text if saved is not None else None)
    return saved, body, approval_state(body, pinned_approval(store, KIND, period, pins))


def disclosure_status(store, period, pins: Pins | None = None, texts: dict | None = None):
    """The core.approvals.ApprovalState the disclosure of `period` would print (final, or why a draft)."""
    p = period_of(period)
    return _current_text(store, p.code, pins or current_pins(store, p.code), texts or {})[2]
