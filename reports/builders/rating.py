"""监管评级自评估报告: the rating self-assessment report of a year.

Reads the newest self-assessment stored for the period, re-rates its stored input under the rulebook
version it was made with (the trace objects the wording needs are rebuilt, not stored), and compares it
with last year's self-assessment and with the regulator's result where one is recorded.
"""
from __future__ import annotations

from datetime import date as Date
from decimal import Decimal

from core.rating.engine import assess
from core.rating.improve import what_would_it_take
from core.rating.inputs import parse_rating_input
from core.rating.rulebook import load_rulebook
from reports.builders.common import Pins, ReportError, current_pins, period_of
from reports.model import (
    Chart,
    ChartSpec,
    Column,
    KeyFigure,
    KeyFigures,
    Note,
    Paragraph,
    ReportDocument,
    Section,
    Series,
    Table,
    Threshold,
)
from wording import codes
from wording import rating as W

KIND = "rating"
TITLE = "监管评级自评估报告"
SOURCE_TAGS = codes.words(codes.RULEBOOK_SOURCES, "zh")     # wording.codes: the rating screen reads the same
NUMERIC_SECTIONS = ("dimension_scores", "item_scores", "esg_bonus", "facts", "weights", "brackets")


def _stored_input(data: dict) -> dict:
    """A stored input made parseable again: core.services.rating, the decoder the rating screen uses too."""
    from core.services.rating import decode_stored_input

    return decode_stored_input(data)


def _rate(record):
    rb = load_rulebook(record.rulebook_id, record.rulebook_version)
    inp = parse_rating_input(_stored_input(record.input), f"assessment #{record.id}", rb)
    a = assess(inp, rb)
    return rb, a, what_would_it_take(a, rb)


def _source(tag: str | None) -> str:
    if not tag:
        return "—"
    return "；".join(SOURCE_TAGS.get(t.strip(), t.strip()) for t in str(tag).split(","))


def _level(level: str | None) -> str:
    return "—" if level is None else (f"{level}级" if level != "S" else "S级")


def _self_for(store, period: str, pins: Pins, company: str | None = None):
    recs = [r for r in store.list_assessments(company, kind="self") if r.period == period
            and pins.allows("assessment", r.id)]
    return recs[0] if recs else None


def _previous(store, company: str, period: str, pins: Pins):
    p = period_of(period)
    older = [r for r in store.list_assessments(company, kind="self") if pins.allows("assessment", r.id)]
    best = None
    for r in older:
        try:
            q = period_of(r.period)
        except ReportError:
            continue
        if q.end < p.start and (best is None or (q.end, r.id) > best[0]):
            best = ((q.end, r.id), r)
    return None if best is None else best[1]


def _regulator(store, company: str, period: str, pins: Pins):
    recs = [r for r in store.list_assessments(company, kind="regulator") if r.period == period
            and pins.allows("assessment", r.id)]
    return recs[0] if recs else None


def build_rating_report(store, period, *, date: Date | None = None, texts: dict | None = None,
                        pins: Pins | None = None, company: str | None = None) -> ReportDocument:
    """The self-assessment report of the year `period` (``2025``). Raises `ReportError` (bad_period,
    wrong_period_kind, no_assessment)."""
    p = period_of(period)
    if p.kind != "Y":
        raise ReportError("wrong_period_kind", period=p.code, kind="rating", expected="a year (YYYY)")
    pins = pins or current_pins(store, p.code)
    rec = _self_for(store, p.code, pins, company)
    if rec is None:
        raise ReportError("no_assessment", period=p.code)
    rb, a, imp = _rate(rec)
    company = rec.company
    names = {d.key: d.name_zh for d in rb.dimensions}
    names.update({d.key: d.name for d in a.dimensions if d.name})  # the officer's type-specific element
    prev_rec = _previous(store, company, p.code, pins)
    prev = _rate(prev_rec) if prev_rec is not None else None
    prev_a = prev[1] if prev else None
    prev_period = prev_rec.period if prev_rec else str(p.year - 1)
    reg_prev = _regulator(store, company, prev_period, pins)
    reg_now = _regulator(store, company, p.code, pins)

    # 一、评级结果
    # the exact composite (80.0044, not 80.00): it is what decided the level
    figures = [KeyFigure("自评最终等级", _level(a.final_level), note=f"基础等级 {_level(a.base_level)}"),
               KeyFigure("综合得分", W.fmt_score(a.composite_score),
                         note=f"加权得分 {W.fmt_score(a.weighted_score)}"
                              + (f" + ESG {W.fmt_score(a.esg_bonus_applied)}" if a.esg_bonus_applied else "")),
               KeyFigure("触发的调整规则", "、".join(a.fired) if a.fired else "无")]
    if prev_a is not None:
        figures.append(KeyFigure(f"{prev_rec.period}年度自评等级", _level(prev_a.final_level),
                                 note=f"综合得分 {W.fmt_score(prev_a.composite_score)}"))
    if reg_prev is not None:
        figures.append(KeyFigure(f"{prev_period}年度监管评级", _level(reg_prev.result.get("final_level")),
                                 note=f"收到日期 {reg_prev.result.get('received') or '—'}"))
    if reg_now is not None:
        figures.append(KeyFigure(f"{p.code}年度监管评级", _level(reg_now.result.get("final_level"))))
    summary = (f"依据{rb.title}（{rb.issuing_doc}，规则版本 {rb.version}），{company}{p.code}年度监管评级自评估综合得分 "
               f"{W.fmt_score(a.composite_score)} 分，基础等级为{_level(a.base_level)}")
    if a.final_level != a.base_level:
        summary += f"，经动态调整后最终等级为{_level(a.final_level)}"
    else:
        summary += f"，未触发改变等级的调整规则，最终等级为{_level(a.final_level)}"
    summary += "。"
    if prev_a is not None:
        delta = a.composite_score - prev_a.composite_score
        summary += (f"较{prev_rec.period}年度自评（{W.fmt_score(prev_a.composite_score)} 分，{_level(prev_a.final_level)}）"
                    f"{'提高' if delta > 0 else '降低' if delta < 0 else '持平'}"
                    + (f" {W.fmt_score(abs(delta))} 分。" if delta else "。"))
    result = Section("评级结果", [KeyFigures(figures, columns=3), Paragraph(summary)]
                     + score_notes(a, rb, names))

    # 二、各维度得分与贡献
    prev_scores = prev_a.dimension_scores if prev_a is not None else {}
    # scores as text with every decimal they have: a dimension scored from sub-categories can be 60.0043,
    # which two decimals would show as 60.00, the other side of the "high" band
    cols = [Column("维度", "text", width=12), Column("权重", "percent:0", width=6),
            Column("得分", "text", align="right", width=7),
            Column("风险水平", "text", width=6), Column("加权得分", "text", align="right", width=8)]
    if prev_a is not None:
        cols += [Column("上年得分", "number:2", width=7), Column("变动", "number:2", width=6)]
    rows, statuses = [], []
    for d in a.dimensions:
        row = [names.get(d.key, d.key), float(d.weight), W.fmt_score(d.score), W.risk_level_name(d.risk_level, "zh"),
               W.fmt_score(d.weight * d.score)]
        if prev_a is not None:
            ps = prev_scores.get(d.key)
            row += [None if ps is None else float(ps), None if ps is None else float(d.score - ps)]
        rows.append(row)
        statuses.append("breach" if d.risk_level == "high" else None)  # only high risk is tinted
    total = ["加权合计", float(sum(d.weight for d in a.dimensions)), None, None, W.fmt_score(a.weighted_score)]
    if prev_a is not None:
        total += [None, None]
    contrib = Table(cols, rows, caption="各维度得分与加权贡献（权重 × 得分 = 加权得分）", row_status=statuses, total_row=total,
                    source=f"综合得分 = 加权合计 {W.fmt_score(a.weighted_score)}"
                           + (f" + ESG 专项加分 {W.fmt_score(a.esg_bonus_applied)}" if a.esg_bonus_given is not None else "")
                           + f" = {W.fmt_score(a.composite_score)}；维度得分 ≥ 85 为低风险，> 60 且 < 85 为中风险，≤ 60 为高风险。")
    series = [Series(f"{p.code}年度", [float(d.score) for d in a.dimensions])]
    if prev_a is not None:
        series.append(Series(f"{prev_rec.period}年度", [None if prev_scores.get(d.key) is None else float(prev_scores[d.key])
                                                      for d in a.dimensions]))
    chart = Chart(ChartSpec("grouped_bar", [names.get(d.key, d.key) for d in a.dimensions], series,
                            value_format="number:1", y_label="得分",
                            thresholds=[Threshold(85, "低风险下限 85", "ok"), Threshold(60, "高风险上限 60", "breach")]),
                  caption="各维度得分（本年与上年）", height_cm=8.0)
    dims = Section("各维度得分与贡献", [contrib, chart, Note("\n".join(source_lines(a, rb)), title="权重、分档与加分的来源")])

    # 三、调整规则判定过程
    trace_rows, trace_status = [], []
    for t in a.trace:
        trace_rows.append([t.rule, W.rule_name(t.rule, "zh"), "成立" if t.holds else "不成立",
                           W.because(t, "zh", names), W.effect_text(t, "zh"), _source(t.source)])
        trace_status.append("warning" if t.holds else None)
    trace = Section("动态调整规则判定过程", [
        Paragraph("按照评级办法，综合得分确定基础等级后，依次判断直接评为5级的重大风险情形（M1-M7）、上调一个等级的情形"
                  "（U1-U5）和S级情形。下表逐条列示每项规则的判定依据及其对等级的影响。"),
        Table([Column("规则", "text", width=4), Column("名称", "text", width=13), Column("判定", "text", width=5),
               Column("依据", "text", width=26), Column("影响", "text", width=10), Column("来源", "text", width=6)],
              trace_rows, caption="调整规则判定过程", row_status=trace_status)])

    # 四、监管措施
    measures = Section("对应的监管措施", [Paragraph(f"{_level(a.final_level)}公司对应的监管关注和措施为"
                                             f"（来源：{_source(rb.measure_source(a.final_level))}）：")]
                       + [Paragraph(f"{i}. {m}") for i, m in enumerate(W.measure_texts(a.measures, "zh"), start=1)])

    # 五、提升路径
    improve = Section("提升路径：达到更好等级需要什么", [Paragraph(x) for x in W.improvement_lines(imp, "zh", names)])
    if imp.unchecked_rules:
        improve.blocks.append(Note("以下规则有未能检查的条件（缺少数据）：" + "、".join(imp.unchecked_rules), kind="warning"))

    # 六、与监管评级的比较
    compare: list = []
    if reg_prev is not None:
        lvl = str(reg_prev.result.get("final_level"))
        self_lvl = prev_a.final_level if prev_a is not None else None
        text = f"{prev_period}年度监管评级结果为{_level(lvl)}（收到日期 {reg_prev.result.get('received') or '—'}）"
        if self_lvl is not None:
            if self_lvl == lvl:
                text += "，与同期自评等级一致。"
            else:
                text += f"，同期自评为{_level(self_lvl)}，监管评级{'低于' if _worse(rb, lvl, self_lvl) else '高于'}自评。"
        else:
            text += "。"
        compare.append(Paragraph(text))
        if reg_prev.note:
            compare.append(Note(reg_prev.note, title="监管评级说明"))
        if self_lvl is not None and self_lvl != lvl:
            compare.append(Paragraph("本年度自评已参考上年监管评级差异的原因，对相关维度从严评分。"
                                     if prev_a is not None and a.final_level != self_lvl else
                                     "建议对照上年监管评级与自评的差异，复核本年度相关维度的评分口径。"))
    else:
        compare.append(Paragraph(f"尚未记录{prev_period}年度的监管评级结果。"))
    if reg_now is not None:
        lvl = str(reg_now.result.get("final_level"))
        compare.append(Paragraph(f"{p.code}年度监管评级结果为{_level(lvl)}，本次自评为{_level(a.final_level)}"
                                 + ("，二者一致。" if lvl == a.final_level else "，存在差异。")))
    comparison = Section("与监管评级的比较", compare)

    # 附录：事实与勾选项
    fact_rows = [[W.fact_name(k, "zh"), _fact_text(k, v)] for k, v in (a.input.facts if a.input else {}).items()]
    flag_rows = [[k, W.rule_name(k, "zh"), "是" if f.value else "否", f.basis or "—"]
                 for k, f in (a.input.flags if a.input else {}).items()]
    appendix = [Section("评估所用事实与勾选项", [
        Table([Column("事实项", "text", width=14), Column("数值", "text", width=14)], fact_rows, caption="评估所用事实"),
        Table([Column("规则", "text", width=4), Column("勾选项", "text", width=16), Column("是否勾选", "text", width=6),
               Column("依据", "text", width=16)], flag_rows, caption="监管认定类勾选项"),
        Paragraph(f"自评记录编号 {rec.id}（保存人：{rec.created_by or '—'}）；评级规则 {rb.id} "
                  f"版本 {rb.version}，规则文件 SHA-256 {rb.sha256[:16]}…。"),
        Paragraph("来源标注：" + "；".join(f"{SOURCE_TAGS.get(tag, tag)} = {text}" for tag, text in rb.source_texts.items())
                  + "。" if rb.source_texts else "来源标注：规则文件未列明。"),
    ])]
    # Dated by the rated year's end (or the date asked for), never by when the record was saved.
    report_date = date
    return ReportDocument(title=TITLE, subtitle=f"（{rb.title}）", organisation=company, period=p.code,
                          as_of=p.end, report_date=report_date, author="风险管理部",
                          sections=[result, dims, trace, measures, improve, comparison], appendix=appendix)


def _tags(tags) -> str:
    """Distinct source tags in first-seen order, comma-joined for `_source`."""
    return ",".join(dict.fromkeys(t for t in tags if t))


def score_notes(a, rb, names: dict[str, str]) -> list:
    """What decided the score, said plainly: the boundary note (two-decimal rounding would give another
    level), the ESG cap when it cut the entered bonus, and the rounding convention used."""
    out = []
    boundary = W.boundary_note_text(a.boundary_note, "zh", names)
    if boundary:
        out.append(Note(boundary, title="临界提示", kind="warning"))
    if a.esg_capped:
        out.append(Note(f"{W.esg_text(a, 'zh')}；{W.esg_uncapped_text(a, 'zh')}。", title="ESG 加分上限",
                        kind="warning"))
    out.append(Paragraph(f"计分口径：{W.rounding_text(a.score_rounding, 'zh')}；来源：{_source(a.score_rounding_source)}。"))
    return out


def source_lines(a, rb) -> list[str]:
    """Where the weights, the bands and the ESG cap come from (each number's own tag, not one for all)."""
    lines = [f"维度权重：{_source(_tags(d.source for d in rb.dimensions if d.weight is not None)) if rb.fixed_weights() is not None and all(d.weight is not None for d in rb.dimensions) else '评级人员设定（权重未公开）'}",
             f"维度风险水平分档（≥ 85 低、> 60 中、≤ 60 高）：{_source(_tags(b.source for b in rb.risk_bands))}",
             f"综合得分分档：{_source(_tags(b.source for b in a.composite_bands))}"]
    if any(d.from_items for d in a.dimensions):
        item_tags = _tags(it.source for d in a.dimensions if d.from_items
                          for it in (rb.dimension(d.key).items if rb.dimension(d.key) else ()))
        lines.append(f"要点（子项）权重：{_source(item_tags)}")
    if rb.esg_bonus_cap is not None:
        lines.append(f"ESG 专项加分：{_source(rb.esg_bonus_rule_source)}；上限 {W.fmt_number(rb.esg_bonus_cap)} 分："
                     f"{_source(rb.esg_bonus_source)}（公开文本未规定上限，为规则参数）")
    lines.append(f"计分口径（{a.score_rounding}）：{_source(a.score_rounding_source)}")
    return lines


def _worse(rb, a: str, b: str) -> bool:
    levels = list(rb.all_levels)
    try:
        return levels.index(a) > levels.index(b)
    except ValueError:
        return False


def _fact_text(key: str, v) -> str:
    if isinstance(v, Decimal):
        if key.endswith("_growth") or key.endswith("_ratio"):
            return W.fmt_pct(v)
        if key in ("net_assets", "scale_premium", "max_single_related_party_investment"):
            from reports.format import format_amount
            return format_amount(v)
        return W.fmt_number(v)
    return str(v)
