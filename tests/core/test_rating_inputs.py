"""Rating inputs: JSON and XLSX template parsing, every problem collected with its field, round trips."""
import json
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from core.problems import InputError
from core.rating.inputs import Flag, parse_rating_input, read_rating_file, read_rating_template, write_rating_template
from core.rating.rulebook import load_rulebook
from tests.conftest import EXAMPLES
from tests.core.rating_helpers import life, unified, write_json


def problems(data, source="in.json"):
    with pytest.raises(InputError) as e:
        parse_rating_input(data, source)
    return [(p.code, p.column) for p in e.value.errors]


def test_example_parses_exactly():
    inp = read_rating_file(EXAMPLES / "rating" / "life-typical.json")
    assert inp.rulebook_id == "life-2024" and inp.rulebook_version == "2024.2"
    assert inp.dimension_scores["governance"] == D("88")
    assert inp.esg_bonus == D("0.5") and inp.facts["irr_class"] == "A"


def test_rulebook_defaults_to_life_2024():
    data = life()
    del data["rulebook"]
    assert parse_rating_input(data, "x").rulebook_id == "life-2024"


@pytest.mark.parametrize("value, code", [
    (D("101"), "out_of_range"), (D("-1"), "out_of_range"), (D("88.125"), "too_many_decimals"),
    ("eighty", "not_a_number"), (True, "wrong_type"), ("NaN", "not_a_number"),
])
def test_bad_dimension_score(value, code):
    assert problems(life({"governance": value})) == [(code, "dimension_scores.governance")]


def test_score_boundaries_are_accepted():
    for v in (D("0"), D("100"), D("88.12"), D("88.10")):
        parse_rating_input(life({"governance": v}), "x")


def test_missing_dimension():
    data = life()
    del data["dimension_scores"]["alm"]
    assert problems(data) == [("missing_dimension_score", "dimension_scores.alm")]


def test_all_problems_are_reported_together():
    data = life({"governance": D("101"), "business": "x", "nonsense": 5},
                facts={"net_assets": "lots", "weather": 1}, flags={"M9": True, "M1": "maybe"})
    del data["dimension_scores"]["alm"]
    got = set(problems(data))
    assert got == {("out_of_range", "dimension_scores.governance"), ("not_a_number", "dimension_scores.business"),
                   ("unknown_dimension", "dimension_scores.nonsense"), ("missing_dimension_score", "dimension_scores.alm"),
                   ("not_a_number", "facts.net_assets"), ("unknown_fact", "facts.weather"),
                   ("unknown_flag", "flags.M9"), ("not_a_boolean", "flags.M1")}


def test_unknown_rulebook():
    assert problems(life(rulebook="life-1999")) == [("unknown_rulebook", "rulebook")]


def test_unknown_item_and_missing_item():
    data = life()
    del data["dimension_scores"]["solvency"]
    data["item_scores"] = {"solvency": {"compliance": D(80), "ratio": D(80), "bogus": D(1)}}
    assert set(problems(data)) == {("unknown_item", "item_scores.solvency.bogus"),
                                   ("missing_item_score", "item_scores.solvency.internal_control")}


def test_item_scores_replace_dimension_scores():
    data = life()
    del data["dimension_scores"]["solvency"]
    data["item_scores"] = {"solvency": {"compliance": D(90), "ratio": D(60), "internal_control": D(75)}}
    inp = parse_rating_input(data, "x")
    assert inp.item_scores["solvency"]["ratio"] == D(60)


def test_score_given_twice():
    data = life()
    data["item_scores"] = {"solvency": {"compliance": D(90), "ratio": D(60), "internal_control": D(75)}}
    assert problems(data) == [("score_given_twice", "item_scores.solvency")]


@pytest.mark.parametrize("raw, value, basis", [
    (True, True, None), (False, False, None), (1, True, None), (0, False, None), ("是", True, None),
    ("否", False, None), ({"value": True, "basis": "银保监函〔2025〕1号"}, True, "银保监函〔2025〕1号"),
])
def test_flag_forms(raw, value, basis):
    inp = parse_rating_input(life(flags={"M1": raw}), "x")
    assert inp.flags["M1"] == Flag(value, basis)


def test_flags_for_computed_rules_are_unknown():
    # U1, U2 follow from the scores and U4 from the facts: there is no tick box for them
    assert problems(life(flags={"U1": True, "U4": True})) == [("unknown_flag", "flags.U1"), ("unknown_flag", "flags.U4")]


def test_irr_class_choices():
    assert parse_rating_input(life(facts={"irr_class": "bbb"}), "x").facts["irr_class"] == "BBB"
    assert problems(life(facts={"irr_class": "E"})) == [("unknown_choice", "facts.irr_class")]


def test_bool_for_a_fact_and_negative_premium():
    assert problems(life(facts={"net_assets": True, "scale_premium": D(-5)})) == [
        ("wrong_type", "facts.net_assets"), ("out_of_range", "facts.scale_premium")]


def test_missing_fact_values_are_unknown_not_errors():
    inp = parse_rating_input(life(facts={"net_assets": None}), "x")
    assert "net_assets" not in inp.facts


def test_unknown_top_level_field_is_a_warning():
    inp = parse_rating_input(life(notes="hello"), "x")
    assert [w.code for w in inp.warnings] == ["unknown_field"]


def test_weights_are_refused_for_life():
    assert problems(life(weights={"governance": D(1)})) == [("not_in_rulebook_scheme", "weights")]


def test_esg_is_refused_for_unified():
    assert problems(unified(esg_bonus=D("0.5"))) == [("esg_not_in_rulebook", "esg_bonus")]


# ---------------------------------------------------------------------------------- unified weights

def _w(**changes):
    from tests.core.rating_helpers import UNIFIED_WEIGHTS
    w = dict(UNIFIED_WEIGHTS)
    for k, v in changes.items():
        if v is None:
            w.pop(k)
        else:
            w[k] = v
    return w


def test_unified_weight_below_floor():
    assert problems(unified(weights=_w(governance="0.14", other="0.11"))) == [("weight_below_floor", "weights.governance")]


def test_unified_weights_must_sum_to_exactly_one():
    assert problems(unified(weights=_w(other="0.0499"))) == [("weights_sum_not_one", "weights")]
    assert problems(unified(weights=_w(other="0.0501"))) == [("weights_sum_not_one", "weights")]


def test_unified_floor_exactly_is_accepted():
    parse_rating_input(unified(weights=_w(governance="0.15", other="0.10")), "x")


def test_unified_one_type_specific_element_up_to_15_percent():
    ok = _w(other=None, operations="0.05", reinsurance_business="0.05")
    inp = parse_rating_input(unified(weights=ok), "x")
    assert "reinsurance_business" in inp.weights
    at_cap = _w(other=None, governance="0.15", solvency="0.15", group_control="0.15")
    assert parse_rating_input(unified(weights=at_cap), "x").weights["group_control"] == D("0.15")
    too_heavy = _w(other=None, governance="0.15", solvency="0.15", assets="0.14", group_control="0.16")
    assert problems(unified(weights=too_heavy)) == [("type_specific_too_heavy", "weights.group_control")]
    two = _w(other=None, governance="0.15", extra_a="0.05", extra_b="0.05")
    assert ("too_many_type_specific", "weights.extra_b") in problems(unified(weights=two))


def test_only_reinsurers_may_drop_consumer_protection():
    w = _w(consumer_protection=None, other="0.10")
    assert problems(unified(weights=w)) == [("element_only_reinsurers_may_drop", "weights.consumer_protection")]
    data = unified(weights=w, company_type="reinsurance")
    inp = parse_rating_input(data, "x")
    assert "consumer_protection" not in inp.weights


def test_unified_missing_element_weight():
    assert ("missing_element_weight", "weights.it") in problems(unified(weights=_w(it=None, other="0.15")))


def test_unified_brackets_must_descend_and_cover():
    b = {"1": 90, "2A": 85, "2B": 85, "2C": 75, "3A": 70, "3B": 65, "4A": 60, "4B": 50, "5": 0}
    assert problems(unified(brackets=b)) == [("brackets_not_descending", "brackets.2A")]
    b = {"1": 90, "2A": 85, "2B": 80, "2C": 75, "3A": 70, "3B": 65, "4A": 60, "4B": 50}
    assert problems(unified(brackets=b)) == [("missing_bracket", "brackets.5")]


# ---------------------------------------------------------------------------------------------- JSON

def test_json_decimals_are_read_exactly(tmp_path):
    p = tmp_path / "r.json"
    # 88.125 as a binary float is 88.125 exactly, but 80.10 must not be flagged: decimals come from the text
    text = '{"rulebook": "life-2024", "dimension_scores": {"governance": 88.125, "business": 80, "investment": 80,' \
           ' "alm": 80, "solvency": 80, "other": 80.10}}'
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_rating_file(p)
    assert [(x.code, x.column, x.file) for x in e.value.problems] == [
        ("too_many_decimals", "dimension_scores.governance", str(p))]


def test_broken_json_names_line_and_column(tmp_path):
    p = tmp_path / "broken.json"
    p.write_text('{\n  "rulebook": "life-2024",\n  "dimension_scores": {,}\n}', encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_rating_file(p)
    prob = e.value.problems[0]
    assert prob.code == "broken_json" and prob.detail["line"] == 3 and "line 3" in prob.detail["reason"]


def test_gbk_and_bom_json(tmp_path):
    data = {"rulebook": "life-2024", "company": "中文人寿", "dimension_scores": {d: 80 for d in
            ("governance", "business", "investment", "alm", "solvency", "other")}}
    p = tmp_path / "gbk.json"
    p.write_bytes(json.dumps(data, ensure_ascii=False).encode("gbk"))
    assert read_rating_file(p).company == "中文人寿"
    p.write_bytes(b"\xef\xbb\xbf" + json.dumps(data, ensure_ascii=False).encode("utf-8"))
    assert read_rating_file(p).company == "中文人寿"


def test_unsupported_and_missing_file(tmp_path):
    with pytest.raises(InputError) as e:
        read_rating_file(tmp_path / "nope.json")
    assert e.value.problems[0].code == "file_not_found"
    p = tmp_path / "r.csv"
    p.write_text("x", encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_rating_file(p)
    assert e.value.problems[0].code == "unsupported_file_type"


# ---------------------------------------------------------------------------------------------- XLSX

@pytest.mark.parametrize("name", ["life-typical", "life-aggressive-growth", "life-under-takeover"])
def test_xlsx_round_trip_of_the_examples(tmp_path, name):
    inp = read_rating_file(EXAMPLES / "rating" / f"{name}.json")
    x = tmp_path / f"{name}.xlsx"
    write_rating_template(x, load_rulebook(inp.rulebook_id), inp)
    back = read_rating_file(x)
    assert back == inp and back.source == str(x)


def test_xlsx_round_trip_with_items_flags_and_basis(tmp_path):
    data = life(flags={"M2": {"value": True, "basis": "关联交易检查"}, "U5": False}, esg=D("1.25"),
                facts={"net_assets": D("3e10"), "scale_premium_growth": D("0.1234"), "irr_class": "BBB"})
    del data["dimension_scores"]["investment"]
    data["item_scores"] = {"investment": {i: D("77.77") for i in ("compliance", "market", "credit", "concentration",
                                                                   "return", "internal_control", "other")}}
    inp = parse_rating_input(data, "a.json")
    x = tmp_path / "a.xlsx"
    write_rating_template(x, load_rulebook("life-2024"), inp)
    assert read_rating_file(x) == inp


def test_xlsx_round_trip_unified(tmp_path):
    inp = parse_rating_input(unified(flags={"M3": True}), "u.json")
    x = tmp_path / "u.xlsx"
    write_rating_template(x, load_rulebook("unified-2025"), inp)
    assert read_rating_file(x) == inp


def test_blank_template_has_bilingual_headers_and_reports_missing_scores_by_cell(tmp_path):
    x = tmp_path / "blank.xlsx"
    write_rating_template(x, load_rulebook("life-2024"))
    wb = load_workbook(x)
    assert wb.sheetnames == ["info", "scores", "facts", "flags"]
    ws = wb["scores"]
    assert [c.value for c in ws[1]][:3] == ["dimension", "item", "score"]
    assert [c.value for c in ws[2]][:3] == ["维度", "要点", "得分"]
    assert ws.freeze_panes == "A3"
    with pytest.raises(InputError) as e:
        read_rating_file(x)
    first = e.value.problems[0]
    assert first.code == "missing_dimension_score" and first.column == "scores!score" and first.row == 3


def test_xlsx_renamed_column_names_sheet_and_column(tmp_path):
    inp = read_rating_file(EXAMPLES / "rating" / "life-typical.json")
    x = tmp_path / "renamed.xlsx"
    write_rating_template(x, load_rulebook("life-2024"), inp)
    wb = load_workbook(x)
    wb["scores"]["C1"] = "points"
    wb.save(x)
    with pytest.raises(InputError) as e:
        read_rating_file(x)
    assert [(p.code, p.column) for p in e.value.problems] == [("missing_column", "scores!score")]


def test_xlsx_chinese_header_alias_is_accepted(tmp_path):
    inp = read_rating_file(EXAMPLES / "rating" / "life-typical.json")
    x = tmp_path / "zh.xlsx"
    write_rating_template(x, load_rulebook("life-2024"), inp)
    wb = load_workbook(x)
    wb["scores"]["C1"] = "得分"
    wb.save(x)
    assert read_rating_file(x) == inp


def test_xlsx_bad_cell_names_sheet_row_column(tmp_path):
    inp = read_rating_file(EXAMPLES / "rating" / "life-typical.json")
    x = tmp_path / "bad.xlsx"
    write_rating_template(x, load_rulebook("life-2024"), inp)
    wb = load_workbook(x)
    ws = wb["scores"]
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == "investment" and ws.cell(r, 2).value is None)
    ws.cell(row, 3).value = 101
    wb["facts"]["B3"] = "a lot"
    wb.save(x)
    with pytest.raises(InputError) as e:
        read_rating_file(x)
    got = [(p.code, p.column, p.row) for p in e.value.problems]
    assert ("out_of_range", "scores!score", row) in got
    assert ("not_a_number", "facts!value", 3) in got


def test_xlsx_numbers_typed_as_text_are_accepted(tmp_path):
    inp = read_rating_file(EXAMPLES / "rating" / "life-typical.json")
    x = tmp_path / "text.xlsx"
    write_rating_template(x, load_rulebook("life-2024"), inp)
    wb = load_workbook(x)
    wb["scores"]["C3"] = " 88 "
    wb.save(x)
    assert read_rating_file(x) == inp


def test_xlsx_missing_sheet(tmp_path):
    inp = read_rating_file(EXAMPLES / "rating" / "life-typical.json")
    x = tmp_path / "nosheet.xlsx"
    write_rating_template(x, load_rulebook("life-2024"), inp)
    wb = load_workbook(x)
    del wb["flags"]
    wb.save(x)
    with pytest.raises(InputError) as e:
        read_rating_template(x)
    assert [(p.code, p.column) for p in e.value.problems] == [("missing_sheet", "flags")]


def test_not_a_workbook(tmp_path):
    x = tmp_path / "fake.xlsx"
    x.write_text("not a zip", encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_rating_file(x)
    assert e.value.problems[0].code == "unreadable_file"


def test_to_json_dict_round_trip(tmp_path):
    inp = read_rating_file(EXAMPLES / "rating" / "life-under-takeover.json")
    p = tmp_path / "again.json"
    write_json(p, inp.to_json_dict())
    assert read_rating_file(p) == inp


def test_unknown_rulebook_version_points_at_its_field():
    assert problems(life(rulebook_version="1999.1")) == [("unknown_rulebook_version", "rulebook_version")]


def test_huge_esg_bonus_is_out_of_range_not_a_crash():
    assert problems(life(esg=D("1e30"))) == [("out_of_range", "esg_bonus")]


def test_implausible_amounts_are_refused():
    assert problems(life(facts={"net_assets": D("1e30"), "scale_premium_growth": D("-1e9")})) == [
        ("out_of_range", "facts.net_assets"), ("out_of_range", "facts.scale_premium_growth")]


# ------------------------------------------------------------------------- type-specific element names

def _with_reinsurance_element(**extra):
    w = _w(other=None, operations="0.05", reinsurance_business="0.05")
    return unified(weights=w, scores={"reinsurance_business": D("72.5")},
                   element_names={"reinsurance_business": "  再保险  业务 "}, **extra)


def test_type_specific_element_takes_the_officers_name():
    inp = parse_rating_input(_with_reinsurance_element(), "x")
    rb = load_rulebook("unified-2025")
    assert inp.element_names == {"reinsurance_business": "再保险 业务"}
    assert inp.type_specific(rb) == ("reinsurance_business",)
    assert inp.element_name("reinsurance_business", rb) == "再保险 业务"
    assert inp.element_name("governance", rb) == "公司治理"
    assert inp.to_json_dict()["element_names"] == {"reinsurance_business": "再保险 业务"}
    assert parse_rating_input(inp.to_json_dict(exact=True), "y") == inp


def test_a_name_only_for_an_added_element():
    data = _with_reinsurance_element()
    data["element_names"]["governance"] = "治理"
    data["element_names"]["ghost"] = "不存在"
    assert problems(data) == [("element_name_not_type_specific", "element_names.governance"),
                              ("element_name_not_type_specific", "element_names.ghost")]
    assert problems(life(element_names={"x": "y"})) == [("element_name_not_type_specific", "element_names.x")]
    data = _with_reinsurance_element()
    data["element_names"]["reinsurance_business"] = "长" * 41
    assert problems(data) == [("element_name_too_long", "element_names.reinsurance_business")]
    data["element_names"]["reinsurance_business"] = 5
    assert problems(data) == [("wrong_type", "element_names.reinsurance_business")]


def test_the_named_element_is_rated_and_recorded():
    from core.rating.engine import assess, assessment_record

    rb = load_rulebook("unified-2025")
    a = assess(parse_rating_input(_with_reinsurance_element(), "x"), rb)
    extra = [d for d in a.dimensions if d.key == "reinsurance_business"][0]
    assert extra.weight == D("0.05") and extra.score == D("72.50") and extra.name == "再保险 业务"
    rec = assessment_record(a)
    assert [d.get("name") for d in rec["dimensions"] if d["key"] == "reinsurance_business"] == ["再保险 业务"]
    assert all("name" not in d for d in rec["dimensions"] if d["key"] != "reinsurance_business")


def test_xlsx_round_trip_keeps_the_type_specific_element_and_its_name(tmp_path):
    inp = parse_rating_input(_with_reinsurance_element(), "x")
    rb = load_rulebook("unified-2025")
    path = tmp_path / "u.xlsx"
    write_rating_template(path, rb, inp)
    ws = load_workbook(path)["weights"]
    row = [r for r in ws.iter_rows(values_only=True) if r[0] == "reinsurance_business"][0]
    assert row[1] == 0.05 and row[3] == "再保险 业务"
    assert read_rating_template(path) == inp
    # a renamed element in the workbook is read back with its new name
    wb = load_workbook(path)
    ws = wb["weights"]
    for r in ws.iter_rows(min_row=3):
        if r[0].value == "reinsurance_business":
            r[3].value = "再保险分入业务"
    wb.save(path)
    assert read_rating_template(path).element_names == {"reinsurance_business": "再保险分入业务"}
