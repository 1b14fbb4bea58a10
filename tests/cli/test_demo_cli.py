"""`python main.py demo --out DIR`: writes the demo data folder and rating input, never clobbers silently.
In process (tests/cli/runner.py), except the first test, which runs as a user types it."""
import json

from core.demo import DATA_FILES, demo_rating_inputs, demo_snapshot_dirs
from tests.cli.runner import run_cli, run_subprocess


def _run(*args):
    return run_cli(*args)


def _same_files(a, b, names):
    return {n: (a / n).read_bytes() == (b / n).read_bytes() for n in names}


def test_writes_the_current_snapshot_and_rating(tmp_path):
    out = tmp_path / "demo"
    p = run_subprocess("demo", "--out", out, timeout=120)
    assert p.returncode == 0, p.stderr
    snaps = demo_snapshot_dirs()
    cur, prev = snaps[-1], snaps[-2]
    assert sorted(f.name for f in out.iterdir() if f.is_file()) == sorted(list(DATA_FILES) + ["rating.json",
                                                                                             "rating-previous.json"])
    assert all(_same_files(out, cur, DATA_FILES).values())
    assert all(_same_files(out / "previous", prev, DATA_FILES).values())
    assert (out / "rating.json").read_bytes() == demo_rating_inputs()[-1].read_bytes()
    assert (out / "rating-previous.json").read_bytes() == demo_rating_inputs()[-2].read_bytes()
    assert json.loads((out / "rating.json").read_text(encoding="utf-8"))["period"] == "2025"


def test_written_folder_evaluates_and_rates(tmp_path):
    out = tmp_path / "demo"
    assert _run("demo", "--out", out, "--no-previous").returncode == 0
    assert not (out / "previous").exists() and not (out / "rating-previous.json").exists()
    c = _run("concentration", out, "--json", "--lang", "en")
    assert c.returncode == 0, c.stderr
    got = json.loads(c.stdout)
    # G01 (RE01's group), G12 (the asset manager's uncovered remainders go to UNKNOWN: 1.01%), L01
    assert got["as_of"] == "2025-06-30" and got["summary"]["breach"] == 3
    # RE's reinsurance deposit on LIFE is an other_financial claim on a member with no underlyings: said on stderr
    assert "E03481" in c.stderr and "give its underlyings" in c.stderr
    r = _run("rate", out / "rating.json", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["final_level"] == "2"


def test_repeat_is_fine_but_different_files_are_not_overwritten(tmp_path):
    out = tmp_path / "demo"
    assert _run("demo", "--out", out).returncode == 0
    assert _run("demo", "--out", out).returncode == 0          # identical files: nothing to refuse
    (out / "limits.csv").write_text("limit_id\nMINE\n", encoding="utf-8")
    (out / "exposures.csv").unlink()
    p = _run("demo", "--out", out)
    assert p.returncode == 2
    assert "limits.csv" in p.stderr and "--force" in p.stderr and "Traceback" not in p.stderr
    assert (out / "limits.csv").read_text(encoding="utf-8") == "limit_id\nMINE\n"
    assert not (out / "exposures.csv").exists()                # nothing written on refusal
    f = _run("demo", "--out", out, "--force")
    assert f.returncode == 0, f.stderr
    assert all(_same_files(out, demo_snapshot_dirs()[-1], DATA_FILES).values())


def test_out_is_a_file(tmp_path):
    target = tmp_path / "afile"
    target.write_text("x", encoding="utf-8")
    p = _run("demo", "--out", target, "--lang", "en")
    assert p.returncode == 2 and "not a folder" in p.stderr
    assert target.read_text(encoding="utf-8") == "x"


def test_out_is_required():
    p = _run("demo")
    assert p.returncode == 2 and "--out" in p.stderr
