"""No rounding before a band (rating.md): the levels at every boundary on exact values, the boundary note
exactly when two-decimal rounding would change a level, the half_up_2 convention, the ESG cap said
plainly, the company_type scope of life-2024, and the source tags of the rulebook."""
from decimal import Decimal as D

import pytest

from core.problems import InputError
from core.rating.engine import assessment_record
from core.rating.rulebook import load_rulebook, parse_rulebook
from tests.core.rating_helpers import life, rate, unified
from wording import rating as W

# Governance 61, investment 61, business 68.97, alm 68.96, solvency 68.96, other 30 (the case)
AT_60_0046 = {"governance": 61, "investment": 61, "business": D("68.97"), "alm": D("68.96"),
              "solvency": D("68.96"), "other": 30}
# 0.22 x 80.02 = 17.6044: with five 80s, 80.0044
AT_80_0044 = {"governance": D("80.02")}
# investment from its sub-categories: 60 + 0.1432 x 0.04 - 0.1428 x 0.01 = 60.0043
ITEMS_60_0043 = {"compliance": D("60.04"), "market": D("59.99"), "credit": 60, "concentration": 60, "return": 60,
                 "internal_control": 60, "other": 60}
ITEMS_60 = {k: 60 for k in ITEMS_60_0043}


def half_up_2():
    return load_rulebook("life-2024", "2024.1")


def with_items(items, **kw):
    data = life(**kw)
    del data["dimension_scores"]["investment"]
    data["item_scores"] = {"investment": {k: D(str(v)) for k, v in items.items()}}
    return data


# ------------------------------------------------------------------------------------- composite

def test_60_0046_is_level_4_with_a_boundary_note():
    a = rate(life(AT_60_0046))
    assert a.weighted_score == D("60.0046") and a.composite_score == D("60.0046")
    assert a.base_level == "4" and a.final_level == "4" and "risk_disposal" not in a.measures
    note = a.boundary_note
    assert note is not None and note.convention == "none" and note.other_convention == "half_up_2"
    assert [(x.subject, x.value, x.level, x.other_value, x.other_level) for x in note.shifts] == [
        ("composite", D("60.0046"), "4", D("60.00"), "5")]
    assert note.other_final_level == "5"
    assert W.boundary_note_text(note, "zh") == "综合得分 60.0046（4 级）；若按两位小数 60.00 计则为 5 级（监管的取舍规则未公开）。"


def test_exactly_60_is_level_5_without_a_note():
    a = rate(life(all_scores=60))
    assert a.composite_score == D("60.00") and a.base_level == "5" and a.boundary_note is None


def test_80_0044_is_level_1_with_a_boundary_note():
    a = rate(life(AT_80_0044))
    assert a.composite_score == D("80.0044") and a.base_level == "1" and a.final_level == "1"
    assert [(x.subject, x.other_value, x.other_level) for x in a.boundary_note.shifts] == [
        ("composite", D("80.00"), "2")]
    assert "综合得分 80.0044（1 级）；若按两位小数 80.00 计则为 2 级" in W.boundary_note_text(a.boundary_note, "zh")


def test_exactly_80_is_level_2_without_a_note():
    a = rate(life(all_scores=80))
    assert a.composite_score == D("80.00") and a.base_level == "2" and a.boundary_note is None


@pytest.mark.parametrize("scores", [{"governance": D("80.03")},     # 80.0066 -> 80.01: level 1 either way
                                    {"governance": D("80.01")},     # 80.0022 -> 80.00: level 1 vs 2 -> note
                                    {"governance": D("84.63")}])    # far from any boundary
def test_note_present_exactly_when_rounding_changes_the_level(scores):
    a = rate(life(scores))
    rounded = a.composite_score.quantize(D("0.01"), rounding="ROUND_HALF_UP")
    changes = (a.composite_score > 80) != (rounded > 80)
    assert (a.boundary_note is not None) == changes


def test_a_note_is_absent_when_rounding_keeps_the_level_though_the_value_is_not_two_decimals():
    a = rate(life({"governance": D("84.63")}))
    assert a.composite_score == D("81.0186") and a.boundary_note is None


# ------------------------------------------------------------------------- dimension from items

def test_dimension_from_items_at_60_0043_is_medium_and_u2_does_not_fire():
    a = rate(with_items(ITEMS_60_0043))
    inv = next(d for d in a.dimensions if d.key == "investment")
    assert inv.from_items and inv.score == D("60.0043") and inv.risk_level == "medium"
    assert not a.rule("U2").holds and "U2" not in a.fired and a.final_level == "2"
    shifts = a.boundary_note.shifts
    assert [(x.subject, x.level, x.other_value, x.other_level) for x in shifts] == [
        ("investment", "medium", D("60.00"), "high")]
    assert a.boundary_note.other_final_level == "3"     # U2 would raise 2 -> 3
    text = W.boundary_note_text(a.boundary_note, "zh", {"investment": "资金运用"})
    assert text.startswith("资金运用得分 60.0043（中风险）；若按两位小数 60.00 计则为高风险，最终等级将为 3 级而非 2 级")


def test_dimension_from_items_at_60_is_high_and_u2_fires():
    a = rate(with_items(ITEMS_60))
    inv = next(d for d in a.dimensions if d.key == "investment")
    assert inv.score == D("60.00") and inv.risk_level == "high"
    assert a.rule("U2").holds and a.final_level == "3" and a.boundary_note is None


# ------------------------------------------------------------------------------------ half_up_2

def test_half_up_2_behaves_as_the_old_rounding():
    rb = half_up_2()
    a = rate(life(AT_60_0046), rb)
    assert a.composite_score == D("60.00") and a.base_level == "5" and a.final_level == "5"
    assert a.score_rounding == "half_up_2"
    # the note now says what the exact value would give
    assert [(x.subject, x.value, x.other_value, x.other_level) for x in a.boundary_note.shifts] == [
        ("composite", D("60.00"), D("60.0046"), "4")]
    assert "按两位小数计为 60.00（5 级）；按精确值 60.0046 计则为 4 级" in W.boundary_note_text(a.boundary_note, "zh")
    assert rate(life(AT_80_0044), rb).base_level == "2"
    b = rate(with_items(ITEMS_60_0043), rb)
    assert b.dimension_risk_levels["investment"] == "high" and b.rule("U2").holds
    assert rate(life(all_scores=80), rb).boundary_note is None


def test_the_convention_is_a_rulebook_parameter_and_an_unknown_one_is_refused():
    import tomllib

    from core.rating.rulebook import RULEBOOK_DIR
    text = (RULEBOOK_DIR / "life-2024.toml").read_text(encoding="utf-8")
    assert load_rulebook("life-2024").score_rounding == "none"
    data = tomllib.loads(text.replace('score_rounding = "none"', 'score_rounding = "half_up_2"'), parse_float=D)
    assert parse_rulebook(data, "x.toml").score_rounding == "half_up_2"
    data = tomllib.loads(text.replace('score_rounding = "none"', 'score_rounding = "half_even"'), parse_float=D)
    with pytest.raises(InputError) as e:
        parse_rulebook(data, "x.toml")
    assert [(p.code, p.column) for p in e.value.problems] == [("unknown_choice", "score_rounding")]


def test_the_record_stores_the_convention_and_the_note():
    rec = assessment_record(rate(life(AT_80_0044)))
    assert rec["composite_score"] == "80.0044" and rec["score_rounding"] == "none"
    assert rec["boundary_note"]["shifts"][0] == {"subject": "composite", "value": "80.0044", "level": "1",
                                                 "other_value": "80.00", "other_level": "2"}
    assert assessment_record(rate(life()))["boundary_note"] is None


def test_rounding_text_names_the_convention():
    assert "score_rounding = none" in W.rounding_text("none", "zh")
    assert "half_up_2" in W.rounding_text("half_up_2", "en")


# ------------------------------------------------------------------------------------------ ESG cap

def test_esg_cap_cutting_is_said_plainly():
    a = rate(life(all_scores=78, esg="5"))
    assert a.esg_capped and a.esg_bonus_given == D("5") and a.esg_bonus_applied == D("2")
    assert a.composite_score == D("80.00") and a.base_level == "2"
    assert W.esg_text(a, "zh") == "ESG 加分 5 按规则参数上限计 2 分（公开文本未规定上限）"
    assert "counted as 2" in W.esg_text(a, "en") and "no cap" in W.esg_text(a, "en")
    assert a.esg_bonus_source == "judgement"
    assert (a.esg_uncapped_composite, a.esg_uncapped_level) == (D("83.00"), "1")
    assert W.esg_uncapped_text(a, "zh") == "若不设上限，综合得分为 83.00，1 级"


@pytest.mark.parametrize("esg", ["0.5", "2"])
def test_esg_cap_not_cutting(esg):
    a = rate(life(all_scores=78, esg=esg))
    assert not a.esg_capped and a.esg_bonus_applied == D(esg) and a.esg_uncapped_composite is None
    assert W.esg_uncapped_text(a, "zh") is None
    assert W.esg_text(a, "zh") == f"ESG 加分 {esg} 全额计入（规则参数上限 2 分）"


def test_no_esg_given_is_not_capped():
    a = rate(life())
    assert not a.esg_capped and W.esg_text(a, "zh").startswith("未填报 ESG 加分")


# ------------------------------------------------------------------------------------- company_type

@pytest.mark.parametrize("ctype", ["pc", "reinsurance", "group", "other"])
def test_life_2024_refuses_a_company_outside_its_scope(ctype):
    with pytest.raises(InputError) as e:
        rate(life(company_type=ctype))
    (p,) = e.value.errors
    assert (p.code, p.column, p.value) == ("company_type_out_of_scope", "company_type", ctype)
    assert p.detail["instead"] == "unified-2025"
    from wording.problems import message
    assert "unified-2025" in message(p) and "unified-2025" in message(p, "zh")


@pytest.mark.parametrize("ctype", ["life", "health", None])
def test_life_2024_rates_life_and_health_insurers(ctype):
    assert rate(life(company_type=ctype)).final_level == "2"


def test_unified_rates_a_pc_company():
    assert rate(unified(company_type="pc")).final_level


def test_unknown_company_type_is_an_unknown_choice():
    with pytest.raises(InputError) as e:
        rate(life(company_type="bank"))
    assert [(p.code, p.column) for p in e.value.errors] == [("unknown_choice", "company_type")]


def test_company_type_round_trips_through_the_xlsx_template(tmp_path):
    from core.rating.inputs import parse_rating_input, read_rating_template, write_rating_template
    rb = load_rulebook("life-2024")
    inp = parse_rating_input(life(company_type="health"), "x.json", rb)
    path = tmp_path / "t.xlsx"
    write_rating_template(path, rb, inp)
    assert read_rating_template(path) == inp
    # a P&C company in the template is refused, naming the cell
    from openpyxl import load_workbook
    wb = load_workbook(path)
    ws = wb["info"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "company_type")
    ws.cell(row, 2).value = "pc"
    wb.save(path)
    with pytest.raises(InputError) as e:
        read_rating_template(path)
    (p,) = e.value.errors
    assert (p.code, p.row, p.column) == ("company_type_out_of_scope", row, "info!value")


# ------------------------------------------------------------------------------------------ sources

def test_every_number_has_its_real_source():
    rb = load_rulebook("life-2024")
    assert {d.source for d in rb.dimensions} == {"news"}                  # weights: press reports
    assert {b.source for b in rb.risk_bands} == {"news"}                  # dimension bands: press reports
    assert {b.source for b in rb.composite_bands} == {"article"}          # composite bands: the article
    assert rb.esg_bonus_source == "judgement" and rb.esg_bonus_rule_source == "article"
    assert {lvl: rb.measure_source(lvl) for lvl in rb.all_levels} == {
        "1": "news", "2": "news", "3": "article", "4": "article", "5": "article", "S": "news"}
    assert rb.score_rounding_source == "judgement" and rb.applies_to == ("life", "health")
    u3 = rb.rule("U3")
    assert u3.param_source("growth_max") == "article" and u3.param_source("industry_growth_margin") == "judgement"
    assert set(rb.source_texts) == {"article", "news", "rule", "judgement"}
    assert "险企高参" in rb.source_texts["article"] and "新京报" in rb.source_texts["news"]
    uni = load_rulebook("unified-2025")
    assert uni.measure_source("S") == "news" and uni.measure_source("3A") == "judgement" and uni.applies_to is None


def test_superseded_versions_stay_loadable_for_saved_assessments():
    assert load_rulebook("life-2024").version == "2024.2"
    assert load_rulebook("life-2024", "2024.1").score_rounding == "half_up_2"
    assert load_rulebook("unified-2025", "2025.1").score_rounding == "half_up_2"


@pytest.mark.parametrize("value, text", [("80.0044", "80.0044"), ("80", "80.00"), ("60.004300", "60.0043"),
                                         ("84.6", "84.60"), ("17.1644", "17.1644")])
def test_scores_are_shown_with_every_decimal_that_decides(value, text):
    assert W.fmt_score(D(value)) == text
