"""`python main.py rate`: the shared examples, the JSON contract, and every kind of bad input (exit 2)."""
import json
import subprocess
import sys

import pytest

from core.rating.inputs import read_rating_file, write_rating_template
from core.rating.rulebook import load_rulebook
from tests.conftest import EXAMPLES, ROOT

RATING = EXAMPLES / "rating"
CASES = sorted(p.stem for p in RATING.glob("*.json") if not p.name.endswith(".expected.json"))


def run(*args):
    return subprocess.run([sys.executable, "main.py", "rate", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


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
    text = run(path)
    assert text.returncode == 0, text.stderr
    assert "再保险业务" in text.stdout and "reinsurance_business" not in text.stdout
    out = json.loads(run(path, "--json").stdout)
    assert out["element_names"] == {"reinsurance_business": "再保险业务"}
    assert out["dimension_scores"]["reinsurance_business"] == 72.5
