"""并表管理报告 集中度风险章节 (guideline Art. 25): the concentration chapter of the annual consolidated-
management report — basic situation, limits and policy execution, risk status — for the year `period`.

Built from the year's latest snapshot (an annual chapter wants the year's end: if the latest snapshot is
not of 31 December, the chapter says so and is a draft), its governing evaluation, the register and the
governance records within the pins. Like every report, its sentences cite only values of its own tables
and what the records show (reports.builders.governance). PDF and XLSX from the same model.
"""
from __future__ import annotations

from datetime import date as Date

from reports.builders import governance as G
from reports.builders import names as N
from reports.builders.bounds import LISTING_ROWS
from reports.builders.common import (
    Pins,
    case_for,
    cases_as_pinned,
    current_pins,
    flagged_entries,
    load_view,
    no_basis_sentence,
    report_period,
    resolve_snapshot,
    status_counts,
    utilisation_table,
)
from reports.builders.dimensions import figures, indexed_dimensions, top_table
from reports.format import format_amount, format_date
from reports.model import Column, KeyFigure, KeyFigures, Note, Paragraph, ReportDocument, Section, Table
from wording.limit_status import NO_BASIS

KIND = "annual_chapter"
TITLE = "并表管理报告 · 集中度风险管理情况"


def build_annual_chapter_report(store, period, *, date: Date | None = None, texts: dict | None = None,
                                pins: Pins | None = None) -> ReportDocument:
    """The Art 25 chapter of the year `period` (``2025``). Raises `ReportError` (bad_period,
    wrong_period_kind, no_snapshot, no_evaluation)."""
    p = report_period(KIND, period)
    pins = pins or current_pins(store, p.code)
    info = resolve_snapshot(store, p, pins)
    view = load_view(store, info, pins)
    group = view.data.group
    counts = status_counts(view.result)

    # 一、基本情况
    basic: list = []
    if view.as_of != p.end:
        basic.append(Note(f"本章所依据的数据截至{format_date(view.as_of)}，不是年末（{format_date(p.end)}）数据；"
                          "导入年末数据快照后重新生成。", title="草稿：非年末数据", kind="warning"))
    basic += [
        KeyFigures([KeyFigure("集团总资产", group.total_assets_fen / 100.0, "amount:亿元"),
                    KeyFigure("集团净资产", group.net_assets_fen / 100.0, "amount:亿元"),
                    KeyFigure("成员公司", info.n_members, "int"),
                    KeyFigure("风险敞口笔数", info.n_exposures, "int")], columns=4),
        Paragraph(f"截至{format_date(view.as_of)}，集团合并口径总资产 {format_amount(group.total_assets_fen / 100.0)}、"
                  f"净资产 {format_amount(group.net_assets_fen / 100.0)}，纳入集中度风险计量的成员公司 {info.n_members} 家。"),
        Paragraph(G.roles_sentence(store, pins, view.scope_name)),
        Paragraph(G.policy_sentence(store, pins, p.end)),
    ]
    basic += G.appetite_table(store, pins, p.end)

    # 二、限额及政策执行情况
    entries = flagged_entries(view)
    cases = cases_as_pinned(store, pins)
    text = (f"截至{format_date(view.as_of)}，{sum(counts.values())} 项集中度风险限额中正常 {counts['ok']} 项、预警 "
            f"{counts['warning']} 项、超限 {counts['breach']} 项"
            + (f"、无法计量 {counts[NO_BASIS]} 项" if counts[NO_BASIS] else "") + "（按限额计）。" + no_basis_sentence(view))
    execution: list = [Paragraph(text), Paragraph(G.allocation_sentence(view)),
                       utilisation_table(view, None, "集中度风险限额执行情况", sheet="限额执行", with_previous=False,
                                         bound=LISTING_ROWS)]
    if entries:
        summary, missing = G.handling_summary(entries, cases, case_for)
        execution.append(Paragraph(summary))
        note = G.missing_note(missing)
        if note is not None:
            execution.append(note)
    execution.append(Paragraph(G.audit_sentence(store, pins, p.end), quotes=G.audit_quotes(store, pins, p.end)))
    evs = G.major_events(store, pins, p.start, p.end)
    if evs:
        execution.append(Paragraph("重大集中度风险事件：" + "；".join(
            f"{format_date(er.event.get('occurred_on'))}{er.event.get('title')}，{G.notification_words(er)}" for er in evs) + "。",
            quotes=tuple(er.event.get("title") for er in evs)))
    else:
        execution.append(Paragraph("本年度无重大集中度风险事件记录。"))

    # 三、风险状况
    rows = []
    for dim, ix in indexed_dimensions(view):
        rows.append([N.dimension_name(dim), ix["hhi"], ix["top1"], ix["top5"], ix["top10"], ix["n_keys"]])
    status: list = [Table([Column("维度", "text", width=12), Column("HHI", "number:4", width=8),
                           Column("最大一项占比", "percent", width=9), Column("前五项占比", "percent", width=9),
                           Column("前十项占比", "percent", width=9), Column("数量", "int", width=7)], rows,
                          caption="各维度集中度指标", sheet_name="集中度指标")]
    for dim, unit_name in (("counterparty_group", "交易对手集团"), ("asset_class", "资产类别"), ("industry", "行业")):
        f = figures(view, None, dim)
        if f.keys:
            status.append(top_table(f, unit_name, f"{'各' if dim == 'asset_class' else '前十大'}{unit_name}",
                                    sheet=unit_name))
    return ReportDocument(
        title=TITLE, subtitle=f"（{p.year}年度，依据《保险集团集中度风险监管指引》第二十五条）", organisation=view.group_name,
        period=p.code, as_of=view.as_of, report_date=date, author="风险管理部",
        watermark="" if view.as_of == p.end else "草稿",
        sections=[Section("基本情况", basic), Section("限额及政策执行情况", execution), Section("风险状况", status)])
