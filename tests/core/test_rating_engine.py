"""The rating engine at, just below and just above every threshold of rating.md (life-2024 and unified-2025)."""
from decimal import Decimal as D

import pytest

from core.problems import InputError
from core.rating.engine import NOT_APPLICABLE, UNKNOWN, assess, round2
from core.rating.inputs import parse_rating_input
from core.rating.rulebook import load_rulebook, load_rulebook_file
from tests.core.rating_helpers import life, rate, unified


def effect(a, rule):
    return a.rule(rule).effect


def check(a, rule, test):
    return next(c for c in a.rule(rule).checks if c.test == test)


# ------------------------------------------------------------------------------------------ rounding

@pytest.mark.parametrize("x, expected", [("84.625", "84.63"), ("84.615", "84.62"), ("80.165", "80.17"),
                                         ("0.005", "0.01"), ("84.624999", "84.62")])
def test_round2_is_half_up(x, expected):
    assert round2(D(x)) == D(expected)


def _half_up_2():
    """The superseded life-2024 version: it rounds half-up to two decimals before banding."""
    rb = load_rulebook("life-2024", "2024.1")
    assert rb.score_rounding == "half_up_2"
    return rb


def test_dimension_from_items_rounds_half_up_under_half_up_2_and_band_uses_rounded_value():
    # two equal halves: (84.62 + 84.63) / 2 = 84.625 -> 84.63 (half-even would give 84.62)
    data = life()
    del data["dimension_scores"]["governance"]
    data["item_scores"] = {"governance": {"compliance": D("84.62"), "equity": D("84.63")}}
    a = rate(data, _half_up_2())
    gov = a.dimensions[0]
    assert gov.unrounded == D("84.625") and gov.score == D("84.63") and gov.from_items
    assert gov.risk_level == "medium"
    # 84.99 and 85.00 -> 84.995 rounds to 85.00: low under half_up_2, medium on the exact value
    data["item_scores"] = {"governance": {"compliance": D("84.99"), "equity": D("85.00")}}
    assert rate(data, _half_up_2()).dimension_risk_levels["governance"] == "low"
    exact = rate(data)
    assert exact.dimensions[0].score == D("84.995") and exact.dimension_risk_levels["governance"] == "medium"


def test_weighted_score_rounds_half_up_under_half_up_2_and_is_exact_by_default():
    # 0.22 x 80.75 + 0.78 x 80 = 80.165 -> 80.17 (half-even would give 80.16)
    a = rate(life({"governance": D("80.75")}), _half_up_2())
    assert a.weighted_score == D("80.17") and a.composite_score == D("80.17")
    a = rate(life({"governance": D("80.75")}))
    assert a.weighted_score == D("80.165") and a.composite_score == D("80.165")


def test_life_typical_numbers():
    a = rate(life({"governance": 88, "business": 82, "investment": 79, "alm": 90, "solvency": 86, "other": 84},
                  esg=D("0.5")))
    assert (a.weighted_score, a.composite_score, a.base_level) == (D("84.62"), D("85.12"), "1")


# ------------------------------------------------------------------------------- dimension risk bands

@pytest.mark.parametrize("score, level", [("60", "high"), ("60.01", "medium"), ("59.99", "high"), ("0", "high"),
                                          ("84.99", "medium"), ("85", "low"), ("100", "low")])
def test_dimension_risk_bands(score, level):
    assert rate(life({"business": D(score)})).dimension_risk_levels["business"] == level


# ---------------------------------------------------------------------------------- composite bands

@pytest.mark.parametrize("score, level", [("80.01", "1"), ("80", "2"), ("75.01", "2"), ("75", "3"),
                                          ("70.01", "3"), ("70", "4"), ("60.01", "4")])
def test_composite_bands(score, level):
    a = rate(life(all_scores=D(score)))
    assert a.composite_score == D(score)
    assert a.base_level == level


def test_composite_60_is_level_5():
    a = rate(life(all_scores=60))
    assert a.composite_score == D("60.00") and a.base_level == "5"


def test_six_80s_make_exactly_80_which_is_level_2():
    a = rate(life(all_scores=80))
    assert a.weighted_score == D("80.00") and a.composite_score == D("80.00")
    assert a.base_level == "2" and a.final_level == "2" and a.fired == ()


# --------------------------------------------------------------------------------------------- ESG

def test_esg_bonus_is_added_and_capped_by_the_rulebook():
    rb = load_rulebook("life-2024")
    assert rb.esg_bonus_cap == D("2")
    assert rate(life(all_scores=78, esg="0.5")).composite_score == D("78.50")
    assert rate(life(all_scores=78, esg="2")).composite_score == D("80.00")
    a = rate(life(all_scores=78, esg="5"))
    assert a.esg_bonus_applied == D("2") and a.composite_score == D("80.00") and a.base_level == "2"
    assert rate(life(all_scores=78, esg="2.01")).composite_score == D("80.00")


def test_esg_bonus_can_cross_a_band():
    assert rate(life(all_scores=80, esg="0.01")).base_level == "1"


# ---------------------------------------------------------------------------------------------- U1

def test_u1_one_high_does_not_fire_two_do():
    a = rate(life({"business": 60}))
    assert not a.rule("U1").holds
    a = rate(life({"business": 60, "alm": 60}))
    assert a.rule("U1").holds and a.final_level == "4"  # base 2 (composite 71.6 -> 3) raised by one
    assert a.rule("U1").inputs["high_dimensions"] == ("business", "alm")


def test_u1_at_60_01_does_not_fire():
    assert not rate(life({"business": D("60.01"), "alm": D("60.01")})).rule("U1").holds


# ---------------------------------------------------------------------------------------------- U2

@pytest.mark.parametrize("dim", ["governance", "investment"])
def test_u2_fires_on_governance_or_investment_high(dim):
    a = rate(life({dim: 60}))
    assert a.rule("U2").holds and a.fired == ("U2",)
    assert a.final_level == str(int(a.base_level) + 1)
    assert not rate(life({dim: D("60.01")})).rule("U2").holds


def test_u2_ignores_other_dimensions():
    assert not rate(life({"business": 10})).rule("U2").holds


# ---------------------------------------------------------------------------------------------- U3

NA = D("1000000000")


@pytest.mark.parametrize("premium, holds", [(5 * NA, False), (D("5.01") * NA, True), (5 * NA + 1, True),
                                            (D("4.99") * NA, False)])
def test_u3_premium_ratio_threshold(premium, holds):
    a = rate(life(facts={"net_assets": NA, "scale_premium": premium}))
    assert a.rule("U3").holds is holds
    assert check(a, "U3", "premium_to_net_assets").status == ("holds" if holds else "not_held")


@pytest.mark.parametrize("growth, holds", [("0.40", False), ("0.4001", True), ("0.3999", False), ("0.55", True)])
def test_u3_growth_threshold(growth, holds):
    assert rate(life(facts={"scale_premium_growth": D(growth)})).rule("U3").holds is holds


def test_u3_growth_fires_without_net_assets_and_trace_says_ratio_not_checkable():
    a = rate(life(facts={"scale_premium_growth": D("0.55"), "scale_premium": D("1e10")}))
    t = a.rule("U3")
    assert t.holds and "U3" in a.fired
    ratio = check(a, "U3", "premium_to_net_assets")
    assert ratio.status == UNKNOWN and ratio.missing == ("net_assets",)
    assert ratio in t.unknown


def test_u3_with_no_facts_is_unknown_not_fired():
    a = rate(life())
    t = a.rule("U3")
    assert not t.holds
    assert {c.test for c in t.unknown} == {"premium_to_net_assets", "premium_growth"}
    assert check(a, "U3", "growth_vs_industry").status == NOT_APPLICABLE  # life-2024 ships no margin


@pytest.mark.parametrize("net_assets", [0, -1])
def test_u3_ratio_over_non_positive_net_assets_is_not_computable(net_assets):
    a = rate(life(facts={"net_assets": D(net_assets), "scale_premium": D("1e11")}))
    c = check(a, "U3", "premium_to_net_assets")
    assert c.status == UNKNOWN and c.reason == "denominator_not_positive"
    assert not a.rule("U3").holds


def test_u3_flag_fires_whatever_the_facts_and_carries_its_basis():
    a = rate(life(facts={"net_assets": NA, "scale_premium": NA, "scale_premium_growth": D("0.01")},
                  flags={"U3": {"value": True, "basis": "监管函 2025-01"}}))
    assert a.rule("U3").holds and a.rule("U3").basis == ("监管函 2025-01",)


def test_a_false_flag_never_suppresses_what_the_facts_fire():
    a = rate(life(facts={"net_assets": NA, "scale_premium": 6 * NA}, flags={"U3": False}))
    assert a.rule("U3").holds
    a = rate(life(facts={"net_assets": D(-1)}, flags={"M6": False}))
    assert a.rule("M6").holds and a.final_level == "5"


def _rulebook_with_margin(tmp_path, margin="0.20"):
    from core.rating.rulebook import RULEBOOK_DIR
    text = (RULEBOOK_DIR / "life-2024.toml").read_text(encoding="utf-8")
    text = text.replace('industry_growth_margin = "none"', f"industry_growth_margin = {margin}", 1)
    text = text.replace('version = "2024.2"', 'version = "2024.2-margin"', 1)
    p = tmp_path / "life-margin.toml"
    p.write_text(text, encoding="utf-8")
    return load_rulebook_file(p)


@pytest.mark.parametrize("years, growth, holds, status", [
    (3, "0.2501", True, "holds"),          # three years counts (三年以上 includes three)
    (3, "0.25", False, "not_held"),        # 0.25 - 0.05 = 0.20, not above the margin
    (2, "0.39", False, "not_applicable"),  # too young for the industry test
])
def test_u3_industry_margin_when_the_rulebook_sets_one(tmp_path, years, growth, holds, status):
    rb = _rulebook_with_margin(tmp_path)
    a = rate(life(facts={"scale_premium_growth": D(growth), "industry_premium_growth": D("0.05"),
                         "years_in_operation": D(years)}), rb)
    assert check(a, "U3", "growth_vs_industry").status == status
    assert a.rule("U3").holds is holds


def test_u3_industry_test_unknown_without_years(tmp_path):
    rb = _rulebook_with_margin(tmp_path)
    a = rate(life(facts={"scale_premium_growth": D("0.3"), "industry_premium_growth": D("0.05")}), rb)
    c = check(a, "U3", "growth_vs_industry")
    assert c.status == UNKNOWN and c.missing == ("years_in_operation",)


# ---------------------------------------------------------------------------------------------- U4

@pytest.mark.parametrize("investment, holds", [(D("0.30") * NA, False), (D("0.3001") * NA, True),
                                               (D("0.2999") * NA, False)])
def test_u4_related_party_threshold(investment, holds):
    a = rate(life(facts={"net_assets": NA, "max_single_related_party_investment": investment}))
    assert a.rule("U4").holds is holds


def test_u4_unknown_without_net_assets():
    a = rate(life(facts={"max_single_related_party_investment": NA}))
    assert not a.rule("U4").holds and a.rule("U4").unknown


# ---------------------------------------------------------------------------------------------- M6

@pytest.mark.parametrize("net_assets, holds", [(0, False), (-1, True), (D("-0.01"), True), (1, False)])
def test_m6_negative_net_assets(net_assets, holds):
    a = rate(life(facts={"net_assets": D(net_assets)}))
    assert a.rule("M6").holds is holds
    assert a.final_level == ("5" if holds else "2")


def test_m6_unknown_without_net_assets_and_flag_fires_it():
    a = rate(life())
    assert not a.rule("M6").holds and a.rule("M6").unknown
    a = rate(life(flags={"M6": True}))
    assert a.rule("M6").holds and a.final_level == "5"


# ------------------------------------------------------------------------------ flags M1-M5, M7, U5, S

@pytest.mark.parametrize("rule", ["M1", "M2", "M3", "M4", "M5", "M7"])
def test_direct_to_5_flags(rule):
    a = rate(life(all_scores=90, flags={rule: True}))
    assert a.base_level == "1" and a.final_level == "5" and a.fired == (rule,)
    assert effect(a, rule) == "set_to_5"


def test_u5_flag_raises_by_one():
    a = rate(life(all_scores=90, flags={"U5": True}))
    assert a.final_level == "2" and effect(a, "U5") == "raised_by_one"


# -------------------------------------------------------------------------------- order and effects

def test_several_raise_rules_still_raise_by_one():
    a = rate(life({"governance": 60, "investment": 60}, flags={"U5": True},
                  facts={"scale_premium_growth": D("0.5")}))
    assert set(a.fired) == {"U1", "U2", "U3", "U5"}
    assert int(a.final_level) == int(a.base_level) + 1
    assert all(effect(a, r) == "raised_by_one" for r in a.fired)


def test_raise_never_goes_past_5():
    a = rate(life(all_scores=50))
    assert a.base_level == "5" and a.final_level == "5"
    assert a.rule("U1").holds and effect(a, "U1") == "no_effect_already_5"


def test_raise_from_4_reaches_5():
    a = rate(life(all_scores=65, flags={"U5": True}))
    assert (a.base_level, a.final_level) == ("4", "5")


def test_direct_to_5_then_raise_has_no_effect_but_is_recorded():
    a = rate(life({"governance": 40}, flags={"M3": True}))
    assert a.final_level == "5"
    assert a.rule("U2").holds and effect(a, "U2") == "no_effect_already_5"
    assert effect(a, "M3") == "set_to_5"
    assert a.fired == ("U2", "M3")


def test_s_overrides_everything_and_others_are_recorded():
    a = rate(life(all_scores=95, flags={"S": True, "M1": True}))
    assert a.base_level == "1" and a.final_level == "S"
    assert effect(a, "S") == "set_to_S"
    assert effect(a, "M1") == "overridden_by_S" and a.rule("M1").would_effect == "set_to_5"
    assert a.measures == ("restructuring_exit",)


def test_every_rule_is_traced_in_rulebook_order():
    a = rate(life())
    assert [t.rule for t in a.trace] == ["U1", "U2", "U3", "U4", "U5", "M1", "M2", "M3", "M4", "M5", "M6", "M7", "S"]
    assert all(t.effect == "none" for t in a.trace)
    assert {t.source for t in a.trace} == {"article"}


def test_measures_follow_the_final_level():
    assert rate(life(all_scores=90)).measures == ("sound_risk_management",)
    assert "case_by_case_restrictions" in rate(life(all_scores=65)).measures
    assert "risk_disposal" in rate(life(all_scores=50)).measures


# -------------------------------------------------------------------------------- solvency indicator

@pytest.mark.parametrize("core, comp, irr, meets", [
    ("0.50", "1.00", "B", True), ("0.4999", "1.5", "A", False), ("0.8", "0.9999", "AA", False),
    ("0.8", "1.5", "BB", True), ("0.8", "1.5", "C", False), ("0.8", "1.5", "BBB", True), ("0.8", "1.5", "D", False),
])
def test_cross_indicator_next_to_m3_is_informational(core, comp, irr, meets):
    a = rate(life(facts={"core_solvency_ratio": D(core), "comprehensive_solvency_ratio": D(comp), "irr_class": irr}))
    ind = a.rule("M3").indicator
    assert ind.meets_standard is meets
    assert not a.rule("M3").holds  # it never fires M3


def test_cross_indicator_unknown_when_facts_missing():
    ind = rate(life(facts={"core_solvency_ratio": D("0.9")})).rule("M3").indicator
    assert ind.meets_standard is None and ind.core_ok is True


# ------------------------------------------------------------------------------------------- unified

def test_unified_grades_with_inclusive_lower_bounds():
    assert rate(unified(all_scores=85)).base_level == "2A"
    assert rate(unified(all_scores=D("84.99"))).base_level == "2B"
    assert rate(unified(all_scores=90)).base_level == "1"
    assert rate(unified(all_scores=61)).base_level == "4A"
    assert rate(unified(all_scores=10)).base_level == "5"
    a = rate(unified(all_scores=85))
    assert a.esg_bonus_applied == 0 and a.composite_score == D("85.00")


@pytest.mark.parametrize("rule", ["M1", "M3", "M4"])
def test_unified_cap_makes_4a_or_worse(rule):
    a = rate(unified(all_scores=95, flags={rule: True}))
    assert a.base_level == "1" and a.final_level == "4A" and effect(a, rule) == "capped"
    brackets = {"1": 90, "2A": 85, "2B": 80, "2C": 78, "3A": 76, "3B": 74, "4A": 72, "4B": 50, "5": 0}
    a = rate(unified(all_scores=65, brackets=brackets, flags={rule: True}))  # 4B already worse than 4A: stays
    assert a.final_level == "4B" and effect(a, rule) == "no_effect_already_worse"


def test_unified_raise_moves_one_grade_step():
    a = rate(unified({"assets": 60}, all_scores=86))
    assert a.rule("U2").holds and a.fired == ("U2",)
    levels = load_rulebook("unified-2025").levels
    assert levels.index(a.final_level) == levels.index(a.base_level) + 1


def test_unified_s_overrides():
    assert rate(unified(all_scores=95, flags={"S": True, "M1": True})).final_level == "S"


def test_unified_without_brackets_cannot_grade():
    data = unified()
    del data["brackets"]
    with pytest.raises(InputError) as e:
        parse_rating_input(data, "u.json")
    assert [p.code for p in e.value.errors] == ["cannot_grade"]
    assert e.value.errors[0].column == "brackets"


def test_engine_refuses_to_grade_without_brackets_even_if_called_directly():
    data = unified()
    inp = parse_rating_input(data, "u.json")
    from dataclasses import replace
    with pytest.raises(InputError) as e:
        assess(replace(inp, brackets=None), load_rulebook("unified-2025"))
    assert e.value.problems[0].code == "cannot_grade"


def test_assessment_records_the_rulebook_version_and_hash():
    import hashlib

    from core.rating.rulebook import RULEBOOK_DIR
    a = rate(life())
    assert a.rulebook_version == "2024.2"
    assert a.rulebook_sha256 == hashlib.sha256((RULEBOOK_DIR / "life-2024.toml").read_bytes()).hexdigest()


def test_assess_under_another_rulebook_version_and_record():
    import json

    from core.rating.engine import assess_under, assessment_record
    a = rate(life(all_scores=80, facts={"net_assets": D("3e10")}))
    b = assess_under(a.input, load_rulebook("life-2024"))
    assert assessment_record(a) == assessment_record(b)
    rec = assessment_record(a)
    assert rec["composite_score"] == "80.00" and rec["final_level"] == "2"
    json.dumps(rec)  # plain data
    with pytest.raises(InputError) as e:
        assess_under(a.input, load_rulebook("unified-2025"))
    assert "cannot_grade" in {p.code for p in e.value.problems}
