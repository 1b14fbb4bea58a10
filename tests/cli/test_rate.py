"""`python main.py rate`: the shared examples, the JSON contract, and every kind of bad input (exit 2)."""
import json

import pytest

from core.rating.inputs import read_rating_file, write_rating_template
from core.rating.rulebook import load_rulebook
from tests.cli.runner import run_cli, run_subprocess
from tests.conftest import EXAMPLES

RATING = EXAMPLES / "rating"
CASES = sorted(p.stem for p in RATING.glob("*.json") if not p.name.endswith(".expected.json"))


def run(*args, as_typed: bool = False):
    """`main.py rate ARGS --lang en`, the English wording these tests check (the default is Chinese:
    tests/cli/test_lang_cli.py). In this process (tests/cli/runner.py: an interpreter start and the imports
    cost more than the command); `as_typed` runs it as a user types it, in a process of its own, which one
    test here does (Chinese text through a real stdout)."""
    if as_typed:
        return run_subprocess("rate", *args, "--lang", "en", timeout=120)
    return run_cli("rate", *args, "--lang", "en")


def test_there_are_three_examples():
    assert CASES == ["life-aggressive-growth", "life-typical", "life-under-takeover"]


@pytest.mark.parametrize("case", CASES)
def test_shared_examples(case):
    p = run(RATING / f"{case}.json", "--json")
    assert p.returncode == 0, p.stderr
    got = json.loads(p.stdout)
    exp = json.loads((RATING / f"{case}.expected.json").read_text(encoding="utf-8"))
    for k in ("base_level", "final_level", "dimension_risk_levels"):
        assert got[k] == exp[k], k
    assert sorted(got["fired"]) == sorted(exp["fired"])
    assert got["weighted_score"] == exp["weighted_score"] and got["composite_score"] == exp["composite_score"]


def test_json_contract_for_life_typical():
    p = run(RATING / "life-typical.json", "--json")
    got = json.loads(p.stdout)
    assert p.stderr == ""
    assert got["rulebook"] == "life-2024" and got["rulebook_version"] == "2024.2"
    assert got["company"] == "示例人寿保险股份有限公司" and got["period"] == "2025"
    assert isinstance(got["weighted_score"], float) and got["weighted_score"] == 84.62
    assert got["dimension_scores"]["governance"] == 88.0
    assert got["fired"] == [] and got["final_level"] == "1"
    u3 = next(t for t in got["trace"] if t["rule"] == "U3")
    assert u3["holds"] is False and u3["source"] == "article" and u3["effect"] == "none"
    assert "scale premium / net assets = 4.00 ≤ 5" in u3["because"] and "growth 12% ≤ 40%" in u3["because"]
    m3 = next(t for t in got["trace"] if t["rule"] == "M3")
    assert "meets the C-ROSS solvency standard" in m3["because"] and m3["solvency_standard_met"] is True
    # the calculation steps first (rounding convention, ESG cap), then every adjustment rule
    assert [t["rule"] for t in got["trace"]] == ["score_rounding", "esg_cap", "U1", "U2", "U3", "U4", "U5", "M1",
                                                  "M2", "M3", "M4", "M5", "M6", "M7", "S"]
    assert got["score_rounding"] == "none" and got["boundary_note"] is None and got["esg_bonus_capped"] is False
    assert got["measures"] and all(isinstance(m, str) for m in got["measures"])
    assert got["improvement"]["target_level"] is None


def test_trace_explains_missing_facts_and_flag_basis(tmp_path):
    data = json.loads((RATING / "life-under-takeover.json").read_text(encoding="utf-8"))
    data["flags"]["M1"] = {"value": True, "basis": "现场检查发现董事会失灵"}
    f = tmp_path / "basis.json"
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    got = json.loads(run(f, "--json").stdout)
    by = {t["rule"]: t for t in got["trace"]}
    assert "现场检查发现董事会失灵" in by["M1"]["because"] and by["M1"]["basis"] == ["现场检查发现董事会失灵"]
    assert "not computable: net assets ≤ 0" in by["U4"]["because"] or "not checkable" in by["U4"]["because"]
    assert by["U3"]["unknown"] == ["premium_to_net_assets", "premium_growth"]
    assert by["M1"]["effect"] == "overridden_by_S" and by["S"]["effect"] == "set_to_S"


def test_human_summary():
    p = run(RATING / "life-aggressive-growth.json")
    assert p.returncode == 0 and "base level 3 -> final level 4" in p.stdout and "U2" in p.stdout


def test_xlsx_input(tmp_path):
    inp = read_rating_file(RATING / "life-aggressive-growth.json")
    x = tmp_path / "growth.xlsx"
    write_rating_template(x, load_rulebook("life-2024"), inp)
    got = json.loads(run(x, "--json").stdout)
    assert got["final_level"] == "4" and sorted(got["fired"]) == ["U2", "U3"]


def test_rulebook_override_to_unified_needs_brackets():
    p = run(RATING / "life-typical.json", "--json", "--rulebook", "unified-2025")
    assert p.returncode == 2 and p.stdout == ""
    assert "Traceback" not in p.stderr


def test_unified_without_brackets_says_cannot_grade(tmp_path):
    data = {"rulebook": "unified-2025", "company": "X", "dimension_scores": {"governance": 80},
            "weights": {"governance": 0.2, "solvency": 0.2, "liabilities": 0.1, "assets": 0.15, "it": 0.1,
                        "risk_management": 0.1, "operations": 0.05, "consumer_protection": 0.05, "other": 0.05}}
    data["dimension_scores"] = {k: 80 for k in data["weights"]}
    f = tmp_path / "unified.json"
    f.write_text(json.dumps(data), encoding="utf-8")
    p = run(f, "--json")
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr.startswith("cannot grade: ") and "unified.json" in p.stderr and "brackets" in p.stderr
    data["brackets"] = {"1": 90, "2A": 85, "2B": 80, "2C": 75, "3A": 70, "3B": 65, "4A": 60, "4B": 50, "5": 0}
    f.write_text(json.dumps(data), encoding="utf-8")
    p = run(f, "--json")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["final_level"] == "2B"


def _bad(tmp_path, text, name="bad.json"):
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    p = run(f, "--json")
    assert p.returncode == 2, p.stdout + p.stderr
    assert p.stdout == ""
    assert "Traceback" not in p.stderr
    assert name in p.stderr
    return p.stderr


def _with(**changes):
    data = json.loads((RATING / "life-typical.json").read_text(encoding="utf-8"))
    for path, value in changes.items():
        node = data
        keys = path.split("__")
        for k in keys[:-1]:
            node = node[k]
        if value is ...:
            del node[keys[-1]]
        else:
            node[keys[-1]] = value
    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("text, field, words", [
    (_with(dimension_scores__alm=...), "dimension_scores.alm", "missing"),
    (_with(dimension_scores__alm=101), "dimension_scores.alm", "outside"),
    (_with(dimension_scores__alm=-1), "dimension_scores.alm", "outside"),
    (_with(dimension_scores__alm="ninety"), "dimension_scores.alm", "not a number"),
    (_with(dimension_scores__alm=True), "dimension_scores.alm", "expected a number"),
    (_with(dimension_scores__bogus=80), "dimension_scores.bogus", "unknown dimension"),
    (_with(rulebook="life-1999"), "rulebook", "unknown rulebook"),
    (_with(facts__weather=1), "facts.weather", "unknown fact"),
    (_with(facts__net_assets="many"), "facts.net_assets", "not a number"),
    (_with(flags__M9=True), "flags.M9", "unknown flag"),
    (_with(flags__M1="perhaps"), "flags.M1", "true/false"),
    (_with(item_scores={"solvency": {"bogus": 1}}), "item_scores.solvency.bogus", "unknown sub-category"),
    (_with(esg_bonus=-1), "esg_bonus", "outside"),
    (_with(facts__irr_class="Z"), "facts.irr_class", "not one of"),
])
def test_bad_json_values(tmp_path, text, field, words):
    err = _bad(tmp_path, text)
    assert field in err and words in err


def test_three_decimals_read_from_the_json_text(tmp_path):
    text = _with().replace('"governance": 88', '"governance": 88.125')
    err = _bad(tmp_path, text)
    assert "dimension_scores.governance" in err and "more than 2 decimals" in err


def test_broken_json_gives_line_and_column(tmp_path):
    err = _bad(tmp_path, '{"rulebook": "life-2024",\n "dimension_scores": {"governance": 88,,}}')
    assert "not valid JSON" in err and "line 2" in err


def test_every_problem_is_reported(tmp_path):
    err = _bad(tmp_path, _with(dimension_scores__alm=101, dimension_scores__other=..., flags__M9=True))
    assert "dimension_scores.alm" in err and "dimension_scores.other" in err and "flags.M9" in err


def test_missing_file_and_wrong_type(tmp_path):
    p = run(tmp_path / "nothing.json", "--json")
    assert p.returncode == 2 and "nothing.json" in p.stderr and p.stdout == ""
    err = _bad(tmp_path, "x", name="input.txt")
    assert "unsupported file type" in err


def test_unknown_rulebook_option():
    p = run(RATING / "life-typical.json", "--json", "--rulebook", "nope")
    assert p.returncode == 2 and "--rulebook" in p.stderr and "nope" in p.stderr and p.stdout == ""


def test_bad_xlsx_cell_names_sheet_row_and_column(tmp_path):
    from openpyxl import load_workbook
    inp = read_rating_file(RATING / "life-typical.json")
    x = tmp_path / "cells.xlsx"
    write_rating_template(x, load_rulebook("life-2024"), inp)
    wb = load_workbook(x)
    wb["scores"]["C3"] = 101
    wb.save(x)
    p = run(x, "--json")
    assert p.returncode == 2 and p.stdout == ""
    assert "cells.xlsx" in p.stderr and "row 3" in p.stderr and "scores!score" in p.stderr


def test_renamed_xlsx_column(tmp_path):
    from openpyxl import load_workbook
    inp = read_rating_file(RATING / "life-typical.json")
    x = tmp_path / "renamed.xlsx"
    write_rating_template(x, load_rulebook("life-2024"), inp)
    wb = load_workbook(x)
    wb["facts"]["B1"] = "amount"
    wb.save(x)
    p = run(x, "--json")
    assert p.returncode == 2 and "renamed.xlsx" in p.stderr and "facts!value" in p.stderr


def test_the_officers_name_of_a_type_specific_element_is_printed(tmp_path):
    from tests.core.rating_helpers import UNIFIED_WEIGHTS, unified, write_json

    weights = dict(UNIFIED_WEIGHTS, operations="0.05", reinsurance_business="0.05")
    weights.pop("other")
    data = unified(weights=weights, scores={"reinsurance_business": 72.5},
                   element_names={"reinsurance_business": "再保险业务"})
    path = tmp_path / "u.json"
    write_json(path, data)
    text = run(path, as_typed=True)
    assert text.returncode == 0, text.stderr
    assert "再保险业务" in text.stdout and "reinsurance_business" not in text.stdout
    out = json.loads(run(path, "--json").stdout)
    assert out["element_names"] == {"reinsurance_business": "再保险业务"}
    assert out["dimension_scores"]["reinsurance_business"] == 72.5


# ------------------------------------------------------------- exact banding, boundary note, ESG cap, scope

_LIFE = {"rulebook": "life-2024", "company": "边界人寿", "period": "2025"}
_ALL80 = {k: 80 for k in ("governance", "business", "investment", "alm", "solvency", "other")}
_INV_ITEMS = {"market": 60, "credit": 60, "concentration": 60, "return": 60, "internal_control": 60, "other": 60}


def _rate_json(tmp_path, data, *extra):
    f = tmp_path / "in.json"
    # the numbers as a user writes them: 68.97 in the JSON text, read exactly
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    p = run(f, "--json", *extra)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


@pytest.mark.parametrize("scores, items, composite, level, note", [
    ({"governance": 61, "investment": 61, "business": 68.97, "alm": 68.96, "solvency": 68.96, "other": 30}, None,
     60.0046, "4", "composite 60.0046 (level 4); rounded to two decimals, 60.00, it would be level 5"),
    ({k: 60 for k in _ALL80}, None, 60.0, "5", None),
    ({**_ALL80, "governance": 80.02}, None, 80.0044, "1",
     "composite 80.0044 (level 1); rounded to two decimals, 80.00, it would be level 2"),
    (_ALL80, None, 80.0, "2", None),
])
def test_composite_banded_on_the_exact_value(tmp_path, scores, items, composite, level, note):
    got = _rate_json(tmp_path, {**_LIFE, "dimension_scores": scores})
    assert got["weighted_score"] == composite and got["composite_score"] == composite
    assert got["base_level"] == level and got["score_rounding"] == "none"
    if note is None:
        assert got["boundary_note"] is None and got["boundary"] is None
    else:
        assert got["boundary_note"].startswith(note)
        assert got["trace"][0]["rule"] == "score_rounding" and got["trace"][0]["holds"] is True
        assert note in got["trace"][0]["because"]


@pytest.mark.parametrize("compliance, market, score, risk, fired", [
    (60.04, 59.99, 60.0043, "medium", []),   # 60 + 0.1432 x 0.04 - 0.1428 x 0.01
    (60, 60, 60.0, "high", ["U2"]),
])
def test_dimension_from_sub_categories_banded_exactly(tmp_path, compliance, market, score, risk, fired):
    scores = {k: v for k, v in _ALL80.items() if k != "investment"}
    items = {"investment": {**_INV_ITEMS, "compliance": compliance, "market": market}}
    got = _rate_json(tmp_path, {**_LIFE, "dimension_scores": scores, "item_scores": items})
    assert got["dimension_scores"]["investment"] == score
    assert got["dimension_risk_levels"]["investment"] == risk and got["fired"] == fired
    if risk == "medium":
        assert got["final_level"] == "2"
        assert got["boundary_note"].startswith("Investment 60.0043 (medium risk); rounded to two decimals, 60.00, "
                                               "it would be high risk; the final level would be 3 instead of 2")
    else:
        assert got["final_level"] == "3" and got["boundary_note"] is None


def test_half_up_2_rulebook_rounds_first(tmp_path):
    data = {**_LIFE, "dimension_scores": {"governance": 61, "investment": 61, "business": 68.97, "alm": 68.96,
                                          "solvency": 68.96, "other": 30}}
    got = _rate_json(tmp_path, data, "--rulebook", "life-2024", "--rulebook-version", "2024.1")
    assert got["composite_score"] == 60.0 and got["base_level"] == "5" and got["score_rounding"] == "half_up_2"
    assert "on the exact value 60.0046 it would be level 4" in got["boundary_note"]


@pytest.mark.parametrize("esg, applied, capped, composite", [(5, 2, True, 79.8), (0.5, 0.5, False, 78.3),
                                                             (2, 2, False, 79.8)])
def test_esg_cap_in_the_trace(tmp_path, esg, applied, capped, composite):
    # the case: 77.80 + ESG 5 capped at 2 = 79.80, level 2 (uncapped 82.80 would be level 1)
    got = _rate_json(tmp_path, {**_LIFE, "dimension_scores": {k: 77.8 for k in _ALL80}, "esg_bonus": esg})
    assert got["esg_bonus"] == applied and got["esg_bonus_given"] == esg and got["esg_bonus_capped"] is capped
    assert got["composite_score"] == composite and got["base_level"] == "2"
    cap = next(t for t in got["trace"] if t["rule"] == "esg_cap")
    assert cap["holds"] is capped and cap["source"] == "judgement"
    if capped:
        assert cap["because"] == ("ESG bonus 5 counted as 2 under the rulebook's cap (a rulebook parameter: "
                                  "the published text sets no cap); without the cap the composite would be 82.80, "
                                  "level 1")
        assert got["esg_uncapped_composite"] == 82.8 and got["esg_uncapped_level"] == "1"
        assert cap["effect"] == "capped"
    else:
        assert "counted in full" in cap["because"] and got["esg_uncapped_composite"] is None


def test_pc_company_is_refused_under_life_2024(tmp_path):
    f = tmp_path / "pc.json"
    f.write_text(json.dumps({**_LIFE, "company_type": "pc", "dimension_scores": _ALL80}), encoding="utf-8")
    p = run(f, "--json")
    assert p.returncode == 2 and p.stdout == "" and "Traceback" not in p.stderr
    assert "field company_type" in p.stderr and "'pc'" in p.stderr and "unified-2025" in p.stderr
    ok = _rate_json(tmp_path, {**_LIFE, "company_type": "health", "dimension_scores": _ALL80})
    assert ok["final_level"] == "2"
