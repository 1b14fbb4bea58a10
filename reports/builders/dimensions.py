"""Risk status by dimension (top-N tables, charts, indices, change against the previous snapshot), shared by
the semiannual board report, the quarterly statistics and the disclosure (which hides names)."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from core.concentration.indices import index_values
from reports.builders import names as N
from reports.builders.common import SnapshotView, pct_points
from reports.format import format_amount, format_date, format_number, format_percent
from reports.model import Chart, ChartSpec, Column, Paragraph, Section, Series, Table
from wording import numbers as W

# (dimension, section title, what one key is called, whose total the shares are of)
BOARD_DIMENSIONS = (
    ("counterparty_group", "交易对手集团集中度", "交易对手集团", "穿透后投资资产"),
    ("industry", "行业集中度", "行业", "穿透后投资资产"),
    ("region", "地区集中度", "地区", "穿透后投资资产"),
    ("asset_class", "大类资产集中度", "资产类别", "投资资产"),
    ("related_party", "关联方集中度", "关联方", "关联方投资合计"),
    ("customer", "客户集中度", "客户", "保费收入"),
    ("premium_region", "保费地域集中度", "地区", "保费收入"),
    ("reinsurer", "再保险人集中度", "再保险人", "分出保费"),
)
INDEXED = ("single_asset", "counterparty", "counterparty_group", "asset_class", "industry", "region",
           "customer", "business_line", "premium_region", "reinsurer")


@dataclass
class DimensionFigures:
    dimension: str
    keys: list            # keys in order shown
    names: list
    amounts: list         # yuan
    shares: list
    prev_amounts: list
    prev_shares: list
    total: float          # yuan
    prev_total: float | None
    n_keys: int
    index: dict | None
    prev_index: dict | None


def _fen_map(view: SnapshotView | None, dim: str):
    if view is None:
        return None, None
    t = view.totals(dim)
    return dict(zip(t["key"].to_numpy(dtype=object).tolist(), t["total_fen"].astype("int64"))), int(t["total_fen"].sum())


def figures(view: SnapshotView, prev: SnapshotView | None, dim: str, top: int | None = 10) -> DimensionFigures:
    t = view.totals(dim)
    total = int(t["total_fen"].sum())
    if dim == "asset_class":
        order = [k for k in N.ASSET_CLASS_ORDER if k in set(t["key"])] + [k for k in t["key"] if k not in N.ASSET_CLASS_ORDER]
        amounts_fen = dict(zip(t["key"].to_numpy(dtype=object).tolist(), t["total_fen"].astype("int64")))
        keys = order
    else:
        shown = t if top is None else t.head(top)
        keys = list(shown["key"])
        # by key, every key of the dimension (a Python str each: iterating a text column is slow)
        amounts_fen = dict(zip(t["key"].to_numpy(dtype=object).tolist(), t["total_fen"].astype("int64")))
    pmap, ptotal = _fen_map(prev, dim)
    amounts = [int(amounts_fen[k]) / 100.0 for k in keys]
    shares = [int(amounts_fen[k]) / total if total else None for k in keys]
    prev_amounts = [None if pmap is None else int(pmap.get(k, 0)) / 100.0 for k in keys]
    prev_shares = [None if pmap is None or not ptotal else int(pmap.get(k, 0)) / ptotal for k in keys]
    idx = index_values(t["total_fen"].to_numpy()) if dim in INDEXED else None
    pidx = None
    if prev is not None and dim in INDEXED:
        pidx = index_values(prev.totals(dim)["total_fen"].to_numpy())
    view.prefetch_names(dim, keys)          # what names them, read in one batch (not one read per key)
    return DimensionFigures(dim, keys, [view.key_name(dim, k) for k in keys], amounts, shares, prev_amounts,
                            prev_shares, total / 100.0, None if ptotal is None else ptotal / 100.0, len(t), idx, pidx)


def _short(text: str, n: int = 20) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def top_table(f: DimensionFigures, unit_name: str, caption: str, names: bool = True, sheet: str | None = None,
              source: str | None = None) -> Table:
    has_prev = f.prev_total is not None
    cols = [Column("排名", "int", width=4), Column(unit_name, "text", width=24),
            Column("本期金额", "amount:亿元", width=10), Column("占比", "percent", width=8)]
    if has_prev:
        cols += [Column("上期金额", "amount:亿元", width=10), Column("上期占比", "percent", width=8),
                 Column("占比变动（百分点）", "number:2", width=9)]
    rows = []
    for i in range(len(f.keys)):
        label = f.names[i] if names else f"第{i + 1}名"
        row = [i + 1, label, f.amounts[i], f.shares[i]]
        if has_prev:
            row += [f.prev_amounts[i], f.prev_shares[i], pct_points(f.shares[i], f.prev_shares[i])]
        rows.append(row)
    shown = sum(f.amounts)
    share = shown / f.total if f.total else None
    total_label = "合计" if f.dimension == "asset_class" else f"前{len(f.keys)}名合计"
    total = [None, total_label, shown, share]
    if has_prev:
        pshown = sum(a or 0 for a in f.prev_amounts)
        pshare = pshown / f.prev_total if f.prev_total else None
        total += [pshown, pshare, pct_points(share, pshare)]
    return Table(cols, rows, caption=caption, total_row=total, sheet_name=sheet, source=source)


def share_chart(f: DimensionFigures, title: str, names: bool = True) -> Chart:
    cats = [_short(n) if names else f"第{i + 1}名" for i, n in enumerate(f.names)]
    series = [Series("本期占比", [s or 0.0 for s in f.shares])]
    if f.prev_total is not None:
        series.append(Series("上期占比", [s or 0.0 for s in f.prev_shares]))
    if f.dimension == "asset_class":
        spec = ChartSpec("grouped_bar" if len(series) > 1 else "bar", cats, series, value_format="percent:1")
        return Chart(spec, caption=title, height_cm=7.0)
    spec = ChartSpec("barh", cats, series, value_format="percent:1")
    return Chart(spec, caption=title, height_cm=max(5.0, 1.5 + 0.75 * len(cats) * (1.3 if len(series) > 1 else 1)))


def _trend(now, before) -> str:
    """上升 / 下降 / 基本持平 of two figures as printed (so a sentence never says a figure rose when the
    two printed figures are equal)."""
    return "上升" if now > before else "下降" if now < before else "基本持平"


def summary_sentence(f: DimensionFigures, unit_name: str, of_what: str, names: bool = True) -> str:
    """The paragraph above a dimension's table, every figure one the table (or the indices table) shows:
    the largest share is the largest in the table (not the first row: asset classes are listed in a fixed
    order), and "上期" is the same keys' previous share, as in the table's 上期 columns."""
    if not f.keys:
        return f"本期末无{unit_name}维度的风险敞口。"
    total_word = of_what if of_what.endswith("合计") else f"{of_what}合计"
    parts = [f"本期末{total_word} {format_amount(f.total)}，涉及{unit_name} {W.count(f.n_keys)} 个"]
    shares = [s if s is not None else -1.0 for s in f.shares]
    i = max(range(len(shares)), key=lambda j: (shares[j], -j))
    first = f.names[i] if names else f"最大{unit_name}"
    lead = f"{first}占比最高，占{of_what}的 {format_percent(f.shares[i])}"
    if f.prev_shares and f.prev_shares[i] is not None:
        lead += f"（上期 {format_percent(f.prev_shares[i])}）"
    parts.append(lead)
    if f.dimension != "asset_class" and len(f.keys) > 1:
        n = len(f.keys)
        shown = sum(f.amounts)
        share = shown / f.total if f.total else None
        s = f"前{n}名合计占比 {format_percent(share)}"
        if f.prev_total:
            pshare = sum(a or 0 for a in f.prev_amounts) / f.prev_total
            word = _trend(W.round_half_up(share * 100), W.round_half_up(pshare * 100))
            s += f"，上述{n}名上期合计占比 {format_percent(pshare)}，{word}"
        parts.append(s)
    if f.index:
        h = f"赫芬达尔指数（HHI）为 {format_number(f.index['hhi'], 4)}"
        if f.prev_index and f.prev_index.get("hhi") is not None:
            word = _trend(W.round_half_up(f.index["hhi"], 4), W.round_half_up(f.prev_index["hhi"], 4))
            h += f"，较上期（{format_number(f.prev_index['hhi'], 4)}）{word}"
        parts.append(h)
    return "；".join(parts) + "。"


def indexed_dimensions(view: SnapshotView) -> Iterator[tuple[str, dict]]:
    """(dimension, its concentration indices) for each indexed dimension the snapshot has data of, in
    INDEXED order: the one reading of "the indices of a snapshot" that every report's index table shows."""
    for dim in INDEXED:
        amounts = view.amounts(dim)         # the indices need the amounts only, not the keys' ranking
        if len(amounts):
            yield dim, index_values(amounts)


def indices_table(view: SnapshotView, prev: SnapshotView | None, caption: str, sheet: str | None = None) -> Table:
    cols = [Column("维度", "text", width=12), Column("HHI", "number:4", width=8)]
    if prev is not None:
        cols.append(Column("上期HHI", "number:4", width=8))
    cols += [Column("前一大占比", "percent", width=9), Column("前五大占比", "percent", width=9),
             Column("前十大占比", "percent", width=9), Column("数量", "int", width=7)]
    rows = []
    for dim, ix in indexed_dimensions(view):
        row = [N.dimension_name(dim), ix["hhi"]]
        if prev is not None:
            pt = prev.amounts(dim)
            row.append(index_values(pt)["hhi"] if len(pt) else None)
        row += [ix["top1"], ix["top5"], ix["top10"], ix["n_keys"]]
        rows.append(row)
    return Table(cols, rows, caption=caption, sheet_name=sheet,
                 source="注：按集团合并口径（抵销集团内部往来后）计算，含豁免敞口；HHI 为各项占比平方和（0-1）。")


def dimension_sections(view: SnapshotView, prev: SnapshotView | None, names: bool = True,
                       dims=BOARD_DIMENSIONS, charts: bool = True) -> list[Section]:
    out = []
    for dim, title, unit_name, of_what in dims:
        f = figures(view, prev, dim)
        if not f.keys:
            out.append(Section(title, [Paragraph(f"本期末无{unit_name}维度的数据（数据快照未包含相应业务数据）。")]))
            continue
        blocks = [Paragraph(summary_sentence(f, unit_name, of_what, names), figures=((f.total, "amount:亿元"),))]
        cap = f"{'各' if dim == 'asset_class' else '前十大'}{unit_name}{'分布' if dim == 'asset_class' else ''}"
        blocks.append(top_table(f, unit_name, cap, names=names))
        if charts:
            # the caption names both dates: "本期与上期" alone does not say which periods are compared
            when = (f"{cap}占比（{format_date(view.as_of)}与{format_date(prev.as_of)}）" if f.prev_total is not None
                    and prev is not None else f"{cap}占比")
            blocks.append(share_chart(f, when, names))
        out.append(Section(title, blocks))
    return out
