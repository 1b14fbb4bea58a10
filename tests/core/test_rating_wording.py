"""Rating words: every code the engine and readers emit has English and Chinese text, and the numbers read right."""
import re
from decimal import Decimal as D

import pytest

from core.rating.rulebook import load_rulebook
from tests.conftest import ROOT
from tests.core.rating_helpers import life, rate
from wording import rating as words
from wording.problems import _messages


def _codes_in_core():
    codes = set()
    for path in (ROOT / "core" / "rating").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        codes |= set(re.findall(r'InputProblem\(\s*"([a-z_]+)"', text))
        codes |= set(re.findall(r'\badd\(\s*"([a-z_]+)"', text))
        codes |= set(re.findall(r'code = "([a-z_]+)"', text))
        codes |= set(re.findall(r'"(element_only_reinsurers_may_drop|missing_element_weight|too_many_type_specific|'
                                r'unknown_dimension|unknown_rulebook_version|unknown_rulebook)"', text))
    return codes


def test_every_problem_code_has_english_and_chinese_text():
    codes = _codes_in_core()
    assert len(codes) > 30
    messages = _messages()
    missing = sorted(c for c in codes if c not in messages)
    assert not missing
    assert all({"en", "zh"} <= set(messages[c]) for c in codes)


@pytest.mark.parametrize("rulebook", ["life-2024", "unified-2025"])
def test_every_rule_and_measure_has_words(rulebook):
    rb = load_rulebook(rulebook)
    for r in rb.rules:
        assert set(words.RULE_NAMES[r.id]) == {"en", "zh"}
    for codes in rb.measures.values():
        for code in codes:
            assert set(words.MEASURES[code]) == {"en", "zh"}


def test_because_shows_values_and_thresholds():
    a = rate(life(facts={"net_assets": D("3e10"), "scale_premium": D("1.2e11"), "scale_premium_growth": D("0.12")}))
    assert words.because(a.rule("U3")) == ("scale premium / net assets = 4.00 ≤ 5; growth 12% ≤ 40%; growth above "
                                           "industry: no margin in the rulebook (the U3 tick box covers it); not ticked")
    assert "规模保费/净资产 = 4.00 ≤ 5" in words.because(a.rule("U3"), "zh")


def test_a_value_just_past_the_threshold_never_prints_equal_to_it():
    a = rate(life(facts={"net_assets": D("1e9"), "scale_premium": D("5000000001"), "scale_premium_growth": D("0.400001")}))
    text = words.because(a.rule("U3"))
    assert "= 5.000000001 > 5;" in text
    assert "40.0001% > 40%" in text


def test_missing_facts_and_non_positive_net_assets_are_said():
    a = rate(life(facts={"net_assets": D(0), "max_single_related_party_investment": D(1)}))
    assert "not computable: net assets ≤ 0" in words.because(a.rule("U4"))
    a = rate(life())
    assert "net assets not given" in words.because(a.rule("U4"))
    assert "not checkable" in words.because(a.rule("M6"))


def test_effects_read_with_levels():
    a = rate(life({"governance": 50}, all_scores=90))
    assert words.effect_text(a.rule("U2")) == "level raised by one (1 → 2)"
    assert words.effect_text(a.rule("U2"), "zh") == "上调一个等级（1 → 2）"


def test_dimension_names_in_chinese_trace():
    rb = load_rulebook("life-2024")
    a = rate(life({"investment": 50}))
    text = words.because(a.rule("U2"), "zh", {d.key: d.name_zh for d in rb.dimensions})
    assert "资金运用风险水平为高" in text
