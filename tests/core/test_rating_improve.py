""""What would it take": nearest better level, composite gap at two decimals, blocking rules and their cures."""
from decimal import Decimal as D

from core.rating.improve import what_would_it_take
from core.rating.rulebook import load_rulebook
from tests.core.rating_helpers import life, rate, unified

LIFE = load_rulebook("life-2024")


def imp(data, rb=LIFE):
    return what_would_it_take(rate(data, rb), rb)


def test_six_80s_need_80_01_for_level_1():
    i = imp(life(all_scores=80))
    assert (i.current_level, i.target_level) == ("2", "1")
    assert i.composite_needed == D("80.01") and i.composite_gap == D("0.01") and i.blockers == ()


def test_inclusive_band_needs_its_bound():
    i = imp(life(all_scores=D("74.5")))
    assert i.target_level == "2" and i.composite_needed == D("75.01") and i.composite_gap == D("0.51")


def test_best_level_has_no_target():
    i = imp(life(all_scores=90))
    assert i.target_level is None and i.blockers == ()


def test_u2_blocker_says_investment_must_reach_60_01():
    i = imp(life({"investment": 58}, all_scores=78))
    a = rate(life({"investment": 58}, all_scores=78))
    assert (a.base_level, a.final_level) == ("3", "4")
    assert i.target_level == "3" and i.composite_needed is None   # base is already 3: only U2 stands in the way
    [b] = i.blockers
    assert b.rule == "U2" and b.kind == "dimensions"
    assert [(t.dimension, t.current, t.needed) for t in b.dimensions] == [("investment", D("58.00"), D("60.01"))]
    assert i.composite_needed_if_rules_stay == D("75.01")


def test_u1_blocker_lifts_all_but_one_high():
    i = imp(life({"business": 50, "alm": 55, "other": 59}, all_scores=90))
    [b] = [x for x in i.blockers if x.rule == "U1"]
    assert b.min_count == 2 and {t.dimension for t in b.dimensions} == {"business", "alm", "other"}


def test_u3_blocker_gives_exact_fact_targets():
    i = imp(life(all_scores=78, facts={"net_assets": D("8e9"), "scale_premium": D("4.4e10"),
                                       "scale_premium_growth": D("0.55")}))
    [b] = i.blockers
    assert b.rule == "U3" and b.kind == "facts"
    ratio, growth = b.facts
    assert ratio.fact == "scale_premium" and ratio.needed == D("4e10") and ratio.comparison == "≤"
    assert ratio.alternative.fact == "net_assets" and ratio.alternative.needed == D("8.8e9")
    assert growth.fact == "scale_premium_growth" and growth.needed == D("0.40")


def test_flag_blocker_and_net_assets_blocker():
    i = imp(life(all_scores=90, flags={"M1": {"value": True, "basis": "检查"}}, facts={"net_assets": D(-5)}))
    assert i.target_level == "4"
    kinds = {b.rule: b for b in i.blockers}
    assert kinds["M1"].kind == "flag" and kinds["M1"].basis == "检查"
    assert kinds["M6"].facts[0].fact == "net_assets" and kinds["M6"].facts[0].needed == 0


def test_s_level_target_is_the_level_without_s():
    i = imp(life(all_scores=90, flags={"S": True}))
    assert i.current_level == "S" and i.target_level == "1" and [b.rule for b in i.blockers] == ["S"]


def test_unified_cap_blocks_and_unchecked_rules_are_listed():
    rb = load_rulebook("unified-2025")
    i = imp(unified(all_scores=95, flags={"M4": True}), rb)
    assert i.current_level == "4A" and i.target_level == "3B"
    assert [b.rule for b in i.blockers] == ["M4"]
    assert "U3" in i.unchecked_rules
