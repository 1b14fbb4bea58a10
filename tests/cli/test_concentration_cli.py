"""`python main.py concentration` end to end: JSON on stdout, exit 2 on bad input. In process
(tests/cli/runner.py), except the example's run, which goes as a user types it."""
import json

from tests.cli.runner import run_cli, run_subprocess
from tests.conftest import EXAMPLES

FOLDER = EXAMPLES / "small-group"


def _run(*args):
    return run_cli("concentration", *args)


def test_json_matches_expected_statuses():
    p = run_subprocess("concentration", FOLDER, "--json", timeout=120)
    assert p.returncode == 0, p.stderr
    got = json.loads(p.stdout)
    exp = json.loads((FOLDER / "expected.json").read_text(encoding="utf-8"))
    assert {x["limit_id"]: (x["status"], x["key"]) for x in got["limits"]} == \
        {x["limit_id"]: (x["status"], x["key"]) for x in exp["limits"]}
    assert got["as_of"] == "2025-06-30"
    assert all("flagged" in x for x in got["limits"])


def test_limits_flag_replaces_limits(tmp_path):
    lf = tmp_path / "limits.csv"
    lf.write_text("limit_id,name,dimension,scope,key,basis,warning,limit,parent_limit_id,rule\n"
                  "X1,x,counterparty,group,K70,total_assets,0.01,0.02,,\n"
                  "X2,x,asset_class,LIFE,equity,total_assets,,,,equity_solvency_tier\n", encoding="utf-8")
    p = _run(FOLDER, "--json", "--limits", lf)
    assert p.returncode == 0, p.stderr
    got = {x["limit_id"]: x for x in json.loads(p.stdout)["limits"]}
    assert set(got) == {"X1", "X2"}
    assert (got["X1"]["key"], got["X1"]["exposure"], got["X1"]["status"]) == ("K70", 0.0, "ok")
    # LIFE solvency 2.10 → 30% equity limit, warning 24%; equity 5.5bn of 60bn = 9.17%
    assert (got["X2"]["limit"], got["X2"]["warning"], got["X2"]["status"]) == (0.3, 0.24, "ok")


def test_sale_via_add_exposure(tmp_path):
    xf = tmp_path / "x.csv"
    xf.write_text("exposure_id,member_id,counterparty_id,instrument_id,asset_class,overseas,on_balance,amount,"
                  "parent_exposure_id\nE06,LIFE,TRUST1,TRUST-PLAN-7,other_financial,false,true,-2000000000,\n",
                  encoding="utf-8")
    p = _run(FOLDER, "--json", "--add-exposure", xf)
    assert p.returncode == 0, p.stderr
    got = {x["limit_id"]: x for x in json.loads(p.stdout)["limits"]}
    # E06 halves: E06A 2bn → 1bn to RE1, so RE1's group goes from 7.2bn to 6.2bn
    assert got["L03"]["exposure"] == 6.2e9
    assert [f["key"] for f in got["L07"]["flagged"]][:2] == ["BD-BANK1-2028", "EQ-FOREIGN"]


def test_selling_too_much_exits_2_with_nothing_on_stdout(tmp_path):
    xf = tmp_path / "x.csv"
    xf.write_text("exposure_id,member_id,counterparty_id,instrument_id,asset_class,overseas,on_balance,amount,"
                  "parent_exposure_id\nE06,LIFE,TRUST1,TRUST-PLAN-7,other_financial,false,true,-4000000000.01,\n",
                  encoding="utf-8")
    p = _run(FOLDER, "--json", "--add-exposure", xf)
    assert p.returncode == 2
    assert p.stdout == ""
    assert "Traceback" not in p.stderr and "x.csv" in p.stderr


def test_missing_folder_exits_2(tmp_path):
    p = _run(tmp_path / "nope", "--json")
    assert p.returncode == 2 and p.stdout == "" and "Traceback" not in p.stderr


def test_text_output_without_json():
    p = _run(FOLDER, "--lang", "en")
    assert p.returncode == 0 and "L01" in p.stdout and "breach" in p.stdout



def test_timing_line_on_request_only(monkeypatch):
    """RISKDESK_TIMING=1: `read-seconds` on stderr once the files are read (benchmarks/bench_concentration.py's
    (b')); stdout is still the JSON alone, and without the variable there is no such line."""
    import re

    monkeypatch.setenv("RISKDESK_TIMING", "1")
    timed = _run(FOLDER, "--json")
    assert timed.returncode == 0, timed.stderr
    found = re.findall(r"^read-seconds: (\d+\.\d{3})$", timed.stderr, re.M)
    assert len(found) == 1 and 0 < float(found[0]) < 600
    monkeypatch.delenv("RISKDESK_TIMING")
    plain = _run(FOLDER, "--json")
    assert "read-seconds" not in plain.stderr
    assert json.loads(timed.stdout) == json.loads(plain.stdout)
