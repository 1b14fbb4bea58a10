"""Zero bases and the plausibility warning on the command line: `concentration --json` keeps stdout pure
JSON (ratios null, status no_basis, never a non-finite float) and puts the warning on stderr; `import`
stores with a zero basis and says which limits cannot be measured."""
from __future__ import annotations

import json
from decimal import Decimal

from tests.badinput.helpers import demo_copy, edit_cell, read_rows, write_rows
from tests.cli.runner import run_cli


def _run(*args):
    """In English, the wording these tests check (the command line's default is Chinese); `main.main` in this
    process (tests/cli/runner.py: exit status, stdout and stderr as a process gives them, without an
    interpreter start and the imports per command)."""
    return run_cli(*args, "--lang", "en")


def test_zero_total_assets_give_no_basis_not_a_crash(tmp_path):
    folder = demo_copy(tmp_path / "d")
    edit_cell(folder / "group.csv", 2, "total_assets", "0")
    edit_cell(folder / "members.csv", 2, "total_assets", "0")
    proc = _run("concentration", folder, "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)            # strict JSON: no NaN or Infinity
    zero = [lim for lim in out["limits"] if lim.get("problem") == "zero_basis"]
    assert zero and all(lim["status"] == "no_basis" and lim["ratio"] is None for lim in zero)
    assert out["summary"]["no_basis"] >= len(zero)
    assert "far above" not in proc.stdout and "warning:" in proc.stderr
    db = tmp_path / "h.sqlite3"
    proc = _run("import", folder, "--db", db)
    assert proc.returncode == 0, proc.stderr
    assert "cannot be measured" in proc.stdout and "total assets of the group is zero" in proc.stdout


def test_amounts_in_wan_yuan_without_a_unit_warn_on_stderr(tmp_path):
    folder = demo_copy(tmp_path / "d")
    rows = read_rows(folder / "exposures.csv")
    i = rows[0].index("amount")
    for r in rows[1:]:
        r[i] = format((Decimal(r[i]) / 10_000).quantize(Decimal("0.01")), "f")
    write_rows(folder / "exposures.csv", rows)
    proc = _run("concentration", folder, "--json")
    assert proc.returncode == 0
    json.loads(proc.stdout)
    assert "group.csv, row 2, column total_assets" in proc.stderr and "only 0.01%" in proc.stderr
    assert "金额（万元）" in proc.stderr
    proc = _run("import", folder, "--db", tmp_path / "h.sqlite3")
    assert proc.returncode == 0 and "only 0.01%" in proc.stderr


def test_business_of_zero_premium_gives_null_indices_and_no_basis(tmp_path):
    folder = demo_copy(tmp_path / "d")
    rows = read_rows(folder / "business.csv")
    i = rows[0].index("amount")
    for r in rows[1:]:
        r[i] = "0"
    write_rows(folder / "business.csv", rows)
    proc = _run("concentration", folder, "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["indices"]["customer"]["hhi"] is None and out["indices"]["reinsurer"]["top1"] is None
    assert {lim["status"] for lim in out["limits"] if lim["dimension"] in ("customer", "reinsurer")} == {"no_basis"}
