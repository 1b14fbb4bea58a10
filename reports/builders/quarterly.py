"""集中度风险指标统计表 (guideline Art. 24): the quarterly indicator statistics, one table per dimension.

Made for the quarterly consolidated returns: group (consolidated, intra-group eliminated) figures with the
members' own figures beside them, every limit's utilisation, and the concentration indices. Written as
XLSX (one sheet per table, numbers as numbers) or as a landscape PDF.
"""
from __future__ import annotations

from datetime import date as Date

from core.concentration.model import GROUP_SCOPE
from reports.builders import names as N
from reports.builders.bounds import LISTING_ROWS
from reports.builders.common import (
    Pins,
    current_pins,
    load_view,
    no_basis_sentence,
    report_period,
    resolve_snapshot,
    utilisation_table,
)
from reports.builders.dimensions import indices_table
from reports.format import format_date
from reports.model import Column, Paragraph, ReportDocument, Section, Table

KIND = "quarterly"
TITLE = "集中度风险指标统计表"
TOP = 20

# (dimension, title, key column, basis of the ratio column or None, top N or None = all)
TABLES = (
    ("counterparty_group", "交易对手集团", "交易对手集团", "total_assets", TOP),
    ("counterparty", "单一交易对手", "交易对手", "total_assets", TOP),
    ("single_asset", "单一资产", "资产（标的）代码", "total_assets", TOP),
    ("related_party", "关联方", "关联方", "net_assets", None),
    ("industry", "行业", "行业", "total_assets", TOP),
    ("region", "地区", "地区", "total_assets", TOP),
    ("customer", "客户", "客户", "total_premium", TOP),
    ("business_line", "业务线", "业务线", "total_premium", None),
    ("premium_region", "保费地域", "地区", "total_premium", None),
    ("reinsurer", "再保险人", "再保险人", "total_ceded", None),
)


def _members(view) -> list[str]:
    return [str(m) for m in view.data.members["member_id"]]


def dimension_table(view, dim: str, title: str, key_col: str, basis: str, top: int | None) -> Table | None:
    t = view.totals(dim)
    if t.empty:
        return None
    shown = t if top is None else t.head(top)
    member_totals = {m: dict(zip(view.totals(dim, m)["key"], view.totals(dim, m)["total_fen"])) for m in _members(view)}
    members = [m for m in _members(view) if any(member_totals[m].get(k) for k in shown["key"])]
    basis_fen = view.basis_fen(GROUP_SCOPE, basis)
    cols = [Column("排名", "int", width=4), Column(key_col, "text", width=22),
            Column("集团合并金额", "amount:亿元", width=9), Column("计入限额金额", "amount:亿元", width=9),
            Column(f"占集团{N.BASES[basis]}比例", "percent", width=8)]
    cols += [Column(view.scope_name(m), "amount:亿元", width=8) for m in members]
    rows = []
    if dim != "single_asset":                # what names the keys listed, read in one batch
        view.prefetch_names(dim, shown["key"].tolist())
    for i, r in enumerate(shown.itertuples(index=False), start=1):
        row = [i, view.key_name(dim, r.key) if dim != "single_asset" else r.key, int(r.total_fen) / 100.0,
               int(r.countable_fen) / 100.0, (int(r.total_fen) / basis_fen) if basis_fen else None]
        row += [int(member_totals[m].get(r.key, 0)) / 100.0 for m in members]
        rows.append(row)
    total = [None, "合计" if top is None or len(t) <= top else f"前{len(shown)}名合计",
             int(shown["total_fen"].sum()) / 100.0, int(shown["countable_fen"].sum()) / 100.0,
             (int(shown["total_fen"].sum()) / basis_fen) if basis_fen else None]
    total += [sum(int(member_totals[m].get(k, 0)) for k in shown["key"]) / 100.0 for m in members]
    what = "全部" if top is None or len(t) <= top else f"前{len(shown)}名（共 {len(t)} 个）"
    return Table(cols, rows, caption=f"{title}集中度统计（{what}）", total_row=total, sheet_name=title,
                 source=f"集团合并金额：穿透并抵销集团内部往来后，含豁免敞口；计入限额金额：扣除该维度豁免后的金额；"
                        f"成员公司列为各公司自身口径（未抵销）。比例分母为集团{N.BASES[basis]}。")


def asset_class_table(view) -> Table:
    scopes = [GROUP_SCOPE] + _members(view)
    classes = list(N.ASSET_CLASS_ORDER)
    cols = [Column("机构", "text", width=14), Column("总资产", "amount:亿元", width=9)]
    cols += [Column(f"{N.ASSET_CLASSES[c]}占比", "percent", width=8) for c in classes]
    cols += [Column("境外投资", "amount:亿元", width=8), Column("境外投资占比", "percent", width=8)]
    rows = []
    for s in scopes:
        ta = view.basis_fen(s, "total_assets")
        amounts = dict(zip(view.totals("asset_class", s)["key"], view.totals("asset_class", s)["total_fen"]))
        if not any(amounts.values()) and s != GROUP_SCOPE:
            continue
        ov = dict(zip(view.totals("overseas", s)["key"], view.totals("overseas", s)["total_fen"])).get("overseas", 0)
        row = [view.scope_name(s), None if ta is None else ta / 100.0]
        row += [(int(amounts.get(c, 0)) / ta) if ta else None for c in classes]
        row += [int(ov) / 100.0, (int(ov) / ta) if ta else None]
        rows.append(row)
    return Table(cols, rows, caption="大类资产及境外投资占总资产比例（集团合并及成员公司）", sheet_name="大类资产",
                 source="大类资产按持有口径（不穿透）统计；分母为各机构上季末总资产。")


def build_quarterly_report(store, period, *, date: Date | None = None, texts: dict | None = None,
                           pins: Pins | None = None) -> ReportDocument:
    """The indicator statistics of `period` (``2025Q2``, a quarter: its latest snapshot; another kind of period is wrong_period_kind)."""
    p = report_period(KIND, period)
    pins = pins or current_pins(store, p.code)
    info = resolve_snapshot(store, p, pins)
    view = load_view(store, info, pins)
    intro = Paragraph(f"本表依据《保险集团集中度风险监管指引》第二十四条编制，数据截至{format_date(view.as_of)}（数据快照编号 "
                      f"{info.id}）。集团层面按合并口径计量，交易对手、交易对手集团、关联方、行业和地区维度穿透至底层资产并"
                      "抵销集团内部往来；金额单位为亿元。")
    sections = [Section("集中度指数", [intro, indices_table(view, None, "各维度集中度指数（集团合并）", sheet="集中度指数")]),
                Section("限额执行情况", [utilisation_table(view, None, "集中度风险限额执行情况", sheet="限额执行",
                                                      with_previous=False, bound=LISTING_ROWS)]
                        + ([Paragraph(no_basis_sentence(view).removeprefix("其中"))] if no_basis_sentence(view) else [])),
                Section("大类资产与境外投资", [asset_class_table(view)])]
    for dim, title, key_col, basis, top in TABLES:
        table = dimension_table(view, dim, title, key_col, basis, top)
        sections.append(Section(f"{title}集中度", [table] if table is not None else
                                [Paragraph(f"本期无{title}维度的数据。")]))
    return ReportDocument(title=TITLE, subtitle="（集团合并及成员公司）", organisation=view.group_name, period=p.code,
                          as_of=view.as_of, report_date=date, author="风险管理部", sections=sections,
                          orientation="landscape")
