"""Words for rating results: rule names, trace sentences ("because"), effects, measures and improvements.

English for the CLI's JSON (`because`), Chinese for reports and the GUI. Everything here reads the
codes and values of `core.rating.engine` / `core.rating.improve`; nothing decides anything.
"""
from __future__ import annotations

from decimal import Context, Decimal, localcontext
from functools import wraps
from typing import Any, Iterable

# Formatting quantizes; the default 28 digits are too few for a 1e15 amount shown to many decimals.
_WIDE = Context(prec=80)


def _wide(fn):
    @wraps(fn)
    def inner(*args, **kwargs):
        with localcontext(_WIDE):
            return fn(*args, **kwargs)
    return inner

LANGS = ("en", "zh")

RULE_NAMES = {
    "U1": {"en": "two or more dimensions at high risk", "zh": "两个及以上维度风险水平为高"},
    "U2": {"en": "governance or investment (unified: assets) at high risk",
           "zh": "公司治理或资金运用（统一办法：资产质量）维度风险水平为高"},
    "U3": {"en": "aggressive expansion", "zh": "激进扩张"},
    "U4": {"en": "large investment in a single related party", "zh": "单一关联方投资余额过高"},
    "U5": {"en": "other situation determined by the regulator", "zh": "监管认定的其他情形"},
    "M1": {"en": "serious corporate governance problems", "zh": "公司治理存在严重问题"},
    "M2": {"en": "serious related-party transaction problems", "zh": "关联交易管理存在严重问题"},
    "M3": {"en": "seriously insufficient solvency", "zh": "偿付能力严重不足"},
    "M4": {"en": "insufficient liquidity", "zh": "流动性不足"},
    "M5": {"en": "effective assets insufficient to withstand risk", "zh": "有效资产不足以抵御风险"},
    "M6": {"en": "negative net assets or other serious inability to pay debts", "zh": "净资产为负或其他严重不能偿债情形"},
    "M7": {"en": "other major risk determined by the regulator", "zh": "监管认定的其他重大风险"},
    "S": {"en": "restructuring, takeover, market exit or risk disposal", "zh": "处于重组、接管、市场退出或实质性风险处置"},
}

EFFECTS = {
    "none": {"en": "no effect", "zh": "无影响"},
    "set_to_5": {"en": "level set to 5", "zh": "直接评为 5 级"},
    "set_to_level": {"en": "level set to {to}", "zh": "直接评为 {to} 级"},
    "raised_by_one": {"en": "level raised by one ({before} → {after})", "zh": "上调一个等级（{before} → {after}）"},
    "raised": {"en": "level raised ({before} → {after})", "zh": "等级上调（{before} → {after}）"},
    "no_effect_already_5": {"en": "no effect: the level is already 5", "zh": "无影响：已为 5 级"},
    "no_effect_already_worse": {"en": "no effect: the level is already {before} or worse",
                                "zh": "无影响：已为 {before} 级或更差"},
    "capped": {"en": "capped: {to} or worse ({before} → {after})", "zh": "封顶：不优于 {to}（{before} → {after}）"},
    "set_to_S": {"en": "level set to S", "zh": "评为 S 级"},
    "overridden_by_S": {"en": "overridden by S", "zh": "被 S 级覆盖"},
}

RISK_LEVELS = {"low": {"en": "low", "zh": "低"}, "medium": {"en": "medium", "zh": "中"},
               "high": {"en": "high", "zh": "高"}}

FACT_NAMES = {
    "net_assets": {"en": "net assets", "zh": "净资产"},
    "scale_premium": {"en": "scale premium", "zh": "规模保费"},
    "scale_premium_growth": {"en": "scale premium growth", "zh": "规模保费增速"},
    "industry_premium_growth": {"en": "industry premium growth", "zh": "行业保费增速"},
    "years_in_operation": {"en": "years in operation", "zh": "开业年限"},
    "max_single_related_party_investment": {"en": "largest investment in one related party",
                                            "zh": "单一关联方最大投资余额"},
    "core_solvency_ratio": {"en": "core solvency ratio", "zh": "核心偿付能力充足率"},
    "comprehensive_solvency_ratio": {"en": "comprehensive solvency ratio", "zh": "综合偿付能力充足率"},
    "irr_class": {"en": "IRR class", "zh": "风险综合评级"},
}

MEASURES = {
    "sound_risk_management": {"en": "Manages all kinds of risk well; problems are unlikely.",
                              "zh": "各类风险管理良好，出现问题的可能性低。"},
    "risk_controlled_watch_weak_spots": {"en": "Risk is controlled and low with good resilience; some weak spots to watch.",
                                         "zh": "风险可控且较低，抗风险能力较好，存在一些需要关注的薄弱环节。"},
    "intensify_supervision": {"en": "More frequent and deeper off-site supervision and on-site inspection.",
                              "zh": "提高非现场监管和现场检查的频率与深度。"},
    "control_growth_high_risk": {"en": "Control growth and exposure in weak, high-risk areas.",
                                 "zh": "控制薄弱环节和高风险领域的业务增长与风险敞口。"},
    "measures_under_law": {"en": "Other supervisory measures under law.", "zh": "依法采取其他监管措施。"},
    "case_by_case_restrictions": {
        "en": "Case by case: order to rectify within a deadline, increase capital, restrict business scope, "
              "restrict dividends, restrict new branches, stop new business, restrict shareholder rights.",
        "zh": "视情况责令限期整改、增加资本金、限制业务范围、限制向股东分红、限制增设分支机构、责令停止接受新业务、限制股东权利等。"},
    "risk_disposal": {"en": "A risk disposal plan where needed; restructuring, takeover or market exit under law.",
                      "zh": "必要时制定风险处置方案，依法实施重组、接管或市场退出。"},
    "restructuring_exit": {"en": "Restructuring and market exit pursued under law.", "zh": "依法推进重组和市场退出。"},
}


def _t(table: dict, code: str, lang: str, **fields) -> str:
    entry = table.get(code)
    if entry is None:
        return code
    return (entry.get(lang) or entry["en"]).format(**fields)


def rule_name(rule_id: str, lang: str = "en") -> str:
    return _t(RULE_NAMES, rule_id, lang)


def risk_level_name(level: str, lang: str = "en") -> str:
    return _t(RISK_LEVELS, level, lang)


def fact_name(fact: str, lang: str = "en") -> str:
    return _t(FACT_NAMES, fact, lang)


def measure_text(code: str, lang: str = "en") -> str:
    return _t(MEASURES, code, lang)


def measure_texts(codes: Iterable[str], lang: str = "en") -> list[str]:
    return [measure_text(c, lang) for c in codes]


def effect_text(trace, lang: str = "en", code: str | None = None) -> str:
    return _t(EFFECTS, code or trace.effect, lang, to=trace.to_level, before=trace.level_before,
              after=trace.level_after)


# ------------------------------------------------------------------------------------ number formats

@_wide
def fmt_number(d: Any) -> str:
    """Plain decimal without exponent or trailing zeros: 3.0E+10 -> 30,000,000,000; 84.50 -> 84.5."""
    if not isinstance(d, Decimal):
        return str(d)
    if d == d.to_integral_value():
        return f"{d.quantize(Decimal(1)):,f}"
    return f"{d.normalize():,f}"


@_wide
def fmt_score(d: Decimal) -> str:
    """A score as it decides: two decimals at least, and every further decimal of an exact value
    (80.0044 stays 80.0044: two decimals would show 80.00, which is another level)."""
    if not isinstance(d, Decimal):
        d = Decimal(str(d))
    n = d.normalize()
    exponent = n.as_tuple().exponent   # a letter for NaN and infinity: shown as they are
    return f"{d:.2f}" if not isinstance(exponent, int) or exponent >= -2 else f"{n:f}"


@_wide
def fmt_pct(d: Decimal) -> str:
    """0.12 -> 12%, 0.4001 -> 40.01% (at most four decimals of a percent)."""
    p = (d * 100).quantize(Decimal("0.0001"))
    return fmt_number(p) + "%"


@_wide
def _fmt_close(value: Decimal, threshold: Decimal, pct: bool) -> str:
    """Show enough decimals that a value just past the threshold does not print equal to it."""
    scale = Decimal(100) if pct else Decimal(1)
    v, t = value * scale, threshold * scale
    for places in range(2, 30):
        q = v.quantize(Decimal(1).scaleb(-places))
        if (q == t) == (value == threshold):
            break
    else:
        places, q = 30, v  # a difference finer than 30 decimals: print the value as it is
    text = f"{q:.{places}f}" if places < 30 else fmt_number(q)
    if pct:
        text = fmt_number(Decimal(text)) + "%"
    return text


def _cmp(holds: bool, strict_gt: bool = True, lang: str = "en") -> str:
    return (">" if strict_gt else "≥") if holds else ("≤" if strict_gt else "<")


# ------------------------------------------------------------------ rounding convention, ESG cap, boundary

ROUNDING = {
    "none": {"en": "levels decided on the exact scores, without rounding (rulebook parameter score_rounding "
                   "= none; the regulator's rounding convention is not published)",
             "zh": "按精确得分确定等级，不先四舍五入（规则参数 score_rounding = none；监管的取舍规则未公开）"},
    "half_up_2": {"en": "scores rounded half-up to two decimals before the bands apply (rulebook parameter "
                        "score_rounding = half_up_2)",
                  "zh": "得分先按四舍五入保留两位小数再确定等级（规则参数 score_rounding = half_up_2）"},
}


ROUNDING_SHORT = {
    "none": {"en": "Levels from the exact scores (score_rounding = none).",
             "zh": "按精确得分定级，不先四舍五入（score_rounding = none）。"},
    "half_up_2": {"en": "Scores rounded to two decimals before banding (score_rounding = half_up_2).",
                  "zh": "得分先四舍五入保留两位小数再定级（score_rounding = half_up_2）。"},
}


def rounding_text(convention: str, lang: str = "en", short: bool = False) -> str:
    """The rounding convention an assessment used, as the trace and the report name it (`short`: one
    line for the screen, whose tooltip gives the whole sentence)."""
    return _t(ROUNDING_SHORT if short else ROUNDING, convention, lang)


def esg_text(a, lang: str = "en") -> str | None:
    """What became of the ESG bonus: cut by the cap (said plainly), counted in full, or not given.
    None when the rulebook has no ESG bonus."""
    if a.esg_bonus_cap is None:
        return None
    cap = fmt_number(a.esg_bonus_cap)
    if a.esg_bonus_given is None:
        return (f"no ESG bonus entered (rulebook cap {cap} points)" if lang == "en"
                else f"未填报 ESG 加分（规则参数上限 {cap} 分）")
    given, applied = fmt_number(a.esg_bonus_given), fmt_number(a.esg_bonus_applied)
    if a.esg_capped:
        return (f"ESG bonus {given} counted as {applied} under the rulebook's cap (a rulebook parameter: "
                f"the published text sets no cap)" if lang == "en"
                else f"ESG 加分 {given} 按规则参数上限计 {applied} 分（公开文本未规定上限）")
    return (f"ESG bonus {given} counted in full (rulebook cap {cap} points)" if lang == "en"
            else f"ESG 加分 {given} 全额计入（规则参数上限 {cap} 分）")


def esg_uncapped_text(a, lang: str = "en") -> str | None:
    """What the entered bonus would have given without the cap (None unless the cap cut it)."""
    if not a.esg_capped or a.esg_uncapped_composite is None:
        return None
    c, lvl = fmt_score(a.esg_uncapped_composite), a.esg_uncapped_level
    same = lvl == a.base_level
    if lang == "en":
        return f"without the cap the composite would be {c}, level {lvl}" + (" (the same level)" if same else "")
    return f"若不设上限，综合得分为 {c}，{lvl} 级" + ("（等级相同）" if same else "")


def _band_word(subject: str, level: str, lang: str) -> str:
    if subject == "composite":
        return f"level {level}" if lang == "en" else f"{level} 级"
    return f"{risk_level_name(level, lang)} risk" if lang == "en" else f"{risk_level_name(level, lang)}风险"


def boundary_note_text(note, lang: str = "en", dimension_names: dict[str, str] | None = None) -> str | None:
    """The boundary note: where two-decimal rounding (or, under half_up_2, the exact value) would give
    another level, e.g. "综合得分 80.0044（1 级）；若按两位小数 80.00 计则为 2 级". None without a note."""
    if note is None:
        return None
    en = lang == "en"
    names = dimension_names or {}
    parts = []
    for x in note.shifts:
        subject = ("composite" if en else "综合得分") if x.subject == "composite" else (
            names.get(x.subject, x.subject) + ("" if en else "得分"))
        here, there = _band_word(x.subject, x.level, lang), _band_word(x.subject, x.other_level, lang)
        v, ov = fmt_score(x.value), fmt_score(x.other_value)
        if not en and x.subject == "composite":   # "则为 5 级", but "则为高风险"
            here, there = " " + here, " " + there
        if note.convention == "none":
            parts.append(f"{subject} {v} ({here}); rounded to two decimals, {ov}, it would be {there}" if en
                         else f"{subject} {v}（{here.strip()}）；若按两位小数 {ov} 计则为{there}")
        else:
            parts.append(f"{subject} rounded to two decimals {v} ({here}); on the exact value {ov} it would be "
                         f"{there}" if en else f"{subject}按两位小数计为 {v}（{here.strip()}）；按精确值 {ov} 计则为{there}")
    text = "; ".join(parts) if en else "；".join(parts)
    said = any(x.subject == "composite" and x.other_level == note.other_final_level for x in note.shifts)
    if note.other_final_level != note.final_level and not said:
        text += (f"; the final level would be {note.other_final_level} instead of {note.final_level}" if en
                 else f"，最终等级将为 {note.other_final_level} 级而非 {note.final_level} 级")
    tail = (" (the regulator's rounding convention is not published)" if en else "（监管的取舍规则未公开）")
    return text + tail + ("." if en else "。")


# ----------------------------------------------------------------------------------------- "because"

def _missing(check, lang: str) -> str:
    names = ", ".join(fact_name(m, lang) for m in check.missing)
    return f"{names} not given" if lang == "en" else f"未提供{names}"


def check_text(check, lang: str = "en", dimension_names: dict[str, str] | None = None) -> str:
    """One test of a rule in words, e.g. 'scale premium / net assets = 4.00 ≤ 5'.

    `dimension_names` (key -> name in `lang`, from the rulebook) replaces dimension keys when given.
    """
    en = lang == "en"
    subject = (dimension_names or {}).get(check.subject, check.subject)
    t, s = check.test, check.status
    if t == "flag":
        if s == "holds":
            text = "ticked by the officer" if en else "已勾选"
            if check.basis:
                text += (f" (basis: {check.basis})" if en else f"（依据：{check.basis}）")
            return text
        return "not ticked" if en else "未勾选"
    if t == "high_dimension_count":
        n, m = check.value, check.threshold
        return (f"{n} dimension(s) at high risk {'≥' if s == 'holds' else '<'} {fmt_number(m)}" if en
                else f"{n} 个维度风险为高，{'≥' if s == 'holds' else '<'} {fmt_number(m)}")
    if t == "dimension_high":
        if s == "not_applicable":
            return f"{subject} not rated" if en else f"{subject}未评分"
        return (f"{subject} risk level {risk_level_name(check.value, lang)}" if en
                else f"{subject}风险水平为{risk_level_name(check.value, lang)}")
    if t in ("premium_to_net_assets", "related_party_to_net_assets"):
        pct = t == "related_party_to_net_assets"
        label = ({"en": "scale premium / net assets", "zh": "规模保费/净资产"} if not pct else
                 {"en": "largest related-party investment / net assets", "zh": "单一关联方投资余额/净资产"})[lang]
        if s == "unknown" and check.reason == "denominator_not_positive":
            return (f"{label} not computable: net assets ≤ 0" if en else f"{label}无法计算：净资产 ≤ 0")
        if s == "unknown":
            return (f"{label} not checkable: {_missing(check, lang)}" if en
                    else f"{label}无法检查：{_missing(check, lang)}")
        thr = fmt_pct(check.threshold) if pct else fmt_number(check.threshold)
        return f"{label} = {_fmt_close(check.value, check.threshold, pct)} {_cmp(s == 'holds')} {thr}"
    if t == "premium_growth":
        label = "growth" if en else "规模保费增速"
        if s == "unknown":
            return f"{label} not checkable: {_missing(check, lang)}" if en else f"{label}无法检查：{_missing(check, lang)}"
        return f"{label} {_fmt_close(check.value, check.threshold, True)} {_cmp(s == 'holds')} {fmt_pct(check.threshold)}"
    if t == "growth_vs_industry":
        label = "growth above industry" if en else "增速高于行业"
        if check.reason == "no_margin_in_rulebook":
            return (f"{label}: no margin in the rulebook (the U3 tick box covers it)" if en
                    else f"{label}：规则未设幅度（由 U3 勾选项覆盖）")
        if check.reason == "in_operation_under_min_years":
            return (f"{label}: in operation {fmt_number(check.value)} years < {fmt_number(check.threshold)}, not applied" if en
                    else f"{label}：开业 {fmt_number(check.value)} 年 < {fmt_number(check.threshold)} 年，不适用")
        if s == "unknown":
            return f"{label} not checkable: {_missing(check, lang)}" if en else f"{label}无法检查：{_missing(check, lang)}"
        return f"{label} {_fmt_close(check.value, check.threshold, True)} {_cmp(s == 'holds')} {fmt_pct(check.threshold)}"
    if t == "net_assets_negative":
        label = "net assets" if en else "净资产"
        if s == "unknown":
            return f"{label} not checkable: not given" if en else f"{label}无法检查：未提供"
        op = "<" if s == "holds" else "≥"
        return f"{label} {fmt_number(check.value)} {op} {fmt_number(check.threshold)}"
    return f"{t}: {s}"


def solvency_text(ind, lang: str = "en") -> str:
    """The C-ROSS indicator next to M3 (informational)."""
    en = lang == "en"
    parts = []
    if ind.core_ratio is not None:
        parts.append(("core " if en else "核心") + f"{fmt_pct(ind.core_ratio)} {'≥' if ind.core_ok else '<'} {fmt_pct(ind.core_min)}")
    if ind.comprehensive_ratio is not None:
        parts.append(("comprehensive " if en else "综合") +
                     f"{fmt_pct(ind.comprehensive_ratio)} {'≥' if ind.comprehensive_ok else '<'} {fmt_pct(ind.comprehensive_min)}")
    if ind.irr_class is not None:
        parts.append(f"IRR {ind.irr_class} " + (("B or better" if en else f"不低于 {ind.irr_worst}") if ind.irr_ok
                                                  else ("worse than B" if en else f"低于 {ind.irr_worst}")))
    detail = ", ".join(parts) if en else "，".join(parts)
    if ind.meets_standard is True:
        head = "meets the C-ROSS solvency standard" if en else "符合偿付能力达标标准"
    elif ind.meets_standard is False:
        head = "does not meet the C-ROSS solvency standard" if en else "不符合偿付能力达标标准"
    else:
        head = "C-ROSS solvency standard not checkable (facts missing)" if en else "偿付能力达标情况无法判断（缺少数据）"
    if en:
        return f"{head} ({detail}; informational)" if detail else f"{head} (informational)"
    return f"{head}（{detail}；仅供参考）" if detail else f"{head}（仅供参考）"


def because(trace, lang: str = "en", dimension_names: dict[str, str] | None = None) -> str:
    """Why a rule held or not: each of its tests, then the C-ROSS indicator for M3."""
    sep = "; " if lang == "en" else "；"
    parts = [check_text(c, lang, dimension_names) for c in trace.checks]
    if trace.indicator is not None:
        parts.append(solvency_text(trace.indicator, lang))
    return sep.join(parts)


# ---------------------------------------------------------------------------------- improvements

@_wide
def _fact_value(fact: str, v: Decimal) -> str:
    if fact.endswith("_growth") or fact.endswith("_ratio"):
        return fmt_pct(v)
    return fmt_number(v.quantize(Decimal(1)) if abs(v) >= 1000 else v)


def _fact_target(f, lang: str) -> str:
    text = f"{fact_name(f.fact, lang)} {f.comparison} {_fact_value(f.fact, f.needed)}"
    if f.alternative is not None:
        alt = f.alternative
        text += (f" (or {fact_name(alt.fact, lang)} {alt.comparison} {_fact_value(alt.fact, alt.needed)})" if lang == "en"
                 else f"（或{fact_name(alt.fact, lang)} {alt.comparison} {_fact_value(alt.fact, alt.needed)}）")
    return text


def improvement_lines(imp, lang: str = "en", dimension_names: dict[str, str] | None = None) -> list[str]:
    """The "what would it take" answer in sentences, nearest better level first."""
    en = lang == "en"
    names = dimension_names or {}
    if imp.target_level is None:
        return ["Already at the best level." if en else "已是最好等级。"]
    lines = [f"Next better level: {imp.target_level}." if en else f"上一个更好等级：{imp.target_level}。"]
    if imp.composite_needed is not None and imp.composite_gap is not None and imp.composite_gap > 0:
        lines.append(f"Composite must reach {fmt_score(imp.composite_needed)} (+{fmt_score(imp.composite_gap)})."
                     if en else f"综合得分需达到 {fmt_score(imp.composite_needed)}（还差 {fmt_score(imp.composite_gap)} 分）。")
    for b in imp.blockers:
        head = f"{b.rule} ({rule_name(b.rule, lang)})" if en else f"{b.rule}（{rule_name(b.rule, lang)}）"
        comma = ", " if en else "，"
        if b.kind == "dimensions":
            targets = comma.join(f"{names.get(t.dimension, t.dimension)} {fmt_score(t.current)} → {fmt_score(t.needed)}"
                                for t in b.dimensions)
            if b.min_count is not None and b.min_count < len(b.dimensions):
                lines.append(f"{head}: lift {b.min_count} of: {targets}" if en else f"{head}：以下维度中至少 {b.min_count} 个提升：{targets}")
            else:
                lines.append(f"{head}: lift {targets}" if en else f"{head}：需提升 {targets}")
        elif b.kind == "facts":
            facts = comma.join(_fact_target(f, lang) for f in b.facts)
            lines.append(f"{head}: needs {facts}" if en else f"{head}：需满足 {facts}")
        elif b.kind == "flag":
            lines.append(f"{head}: ticked; only the regulator's finding can clear it" if en
                         else f"{head}：已勾选，需监管认定解除")
    if imp.composite_needed_if_rules_stay is not None:
        lines.append((f"Or, with the raising rules still firing, composite {fmt_score(imp.composite_needed_if_rules_stay)}."
                      if en else f"或在上调规则仍然触发时，综合得分达到 {fmt_score(imp.composite_needed_if_rules_stay)}。"))
    return lines
