"""`main.py report …`: the four reports from a database or --demo, recorded; bad input exits 2 with one line."""
from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest

from core.store import Store
from tests.conftest import ROOT
from tests.reports.report_store import demo_store


def run_report(*args, timeout=300):
    return subprocess.run([sys.executable, "main.py", "report", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("report-cli") / "history.sqlite3"
    demo_store(path).close()
    return path


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_semiannual_from_demo(tmp_path):
    out = tmp_path / "board.pdf"
    p = run_report("semiannual", "--demo", "--period", "2025H1", "--out", out)
    assert p.returncode == 0, p.stderr
    assert out.read_bytes().startswith(b"%PDF") and _sha(out) in p.stdout
    again = tmp_path / "again.pdf"
    assert run_report("semiannual", "--demo", "--period", "2025H1", "--out", again).returncode == 0
    assert _sha(again) == _sha(out)                       # a fresh demo database gives the same bytes


@pytest.mark.parametrize("kind,period,name,extra", [
    ("semiannual", "2025H1", "s.pdf", ()),
    ("rating", "2025", "r.pdf", ()),
    ("quarterly", "2025Q2", "q.xlsx", ("--xlsx",)),
    ("quarterly", "2025Q2", "q.pdf", ()),
    ("disclosure", "2025", "d.pdf", ("--names",)),
])
def test_each_report_is_written_and_recorded(db, tmp_path, kind, period, name, extra):
    out = tmp_path / name
    p = run_report(kind, "--db", db, "--period", period, "--out", out, "--user", "王芳", *extra)
    assert p.returncode == 0, p.stderr
    assert p.stderr == ""
    store = Store.open(db)
    try:
        rec = store.list_reports(kind=kind)[0]
    finally:
        store.close()
    assert rec.sha256 == _sha(out) and rec.path == str(out) and rec.created_by == "王芳" and rec.period == period
    assert rec.params["format"] == ("xlsx" if "--xlsx" in extra else "pdf")


def test_disclosure_says_final_or_draft(tmp_path):
    """The demo's 2025 disclosure text carries the board's approval; 2024 has no text: a draft, and why."""
    final = run_report("disclosure", "--demo", "--period", "2025", "--out", tmp_path / "d25.pdf")
    assert final.returncode == 0, final.stderr
    line = final.stdout.splitlines()[-1]
    assert line.startswith("final: approved by 董事会 (第三届董事会第八次会议) on 2026-06-10"), final.stdout
    draft = run_report("disclosure", "--demo", "--period", "2024", "--out", tmp_path / "d24.pdf")
    assert draft.returncode == 0, draft.stderr
    assert draft.stdout.splitlines()[-1].startswith("draft: no disclosure text is saved"), draft.stdout
    semi = run_report("semiannual", "--demo", "--period", "2025H1", "--out", tmp_path / "s.pdf")
    assert not any(x.startswith(("final:", "draft:")) for x in semi.stdout.splitlines())


def test_explicit_date(db, tmp_path):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert run_report("rating", "--db", db, "--period", "2025", "--out", a).returncode == 0
    assert run_report("rating", "--db", db, "--period", "2025", "--out", b, "--date", "2026-03-20").returncode == 0
    assert _sha(a) != _sha(b)


@pytest.mark.parametrize("args,words", [
    (("semiannual", "--period", "2025H3"), "out of range"),
    (("semiannual", "--period", "H1-2025"), "not a period code"),
    (("semiannual", "--period", "2023H1"), "no stored snapshot"),
    (("rating", "--period", "2025H1"), "needs a year"),
    (("rating", "--period", "2021"), "no rating self-assessment"),
    (("semiannual", "--period", "2025H1", "--xlsx"), "--xlsx"),
    (("semiannual", "--period", "2025H1", "--date", "30.6.2025"), "--date"),
])
def test_bad_input_exits_2_with_a_message(db, tmp_path, args, words):
    out = tmp_path / "x.pdf"
    p = run_report(*args, "--db", db, "--out", out)
    assert p.returncode == 2
    assert words in p.stderr and "Traceback" not in p.stderr
    assert not out.exists()


def test_unwritable_out_and_missing_db(db, tmp_path):
    p = run_report("semiannual", "--db", db, "--period", "2025H1", "--out", tmp_path / "no" / "such" / "x.pdf")
    assert p.returncode == 2 and "cannot write" in p.stderr and "Traceback" not in p.stderr
    p = run_report("semiannual", "--db", db, "--period", "2025H1", "--out", tmp_path)
    assert p.returncode == 2 and "it is a folder" in p.stderr
    p = run_report("semiannual", "--db", tmp_path / "missing.sqlite3", "--period", "2025H1", "--out", tmp_path / "x.pdf")
    assert p.returncode == 2 and "no such database" in p.stderr
    assert not (tmp_path / "missing.sqlite3").exists()


def test_bad_period_with_demo_fails_before_building_the_demo(tmp_path):
    p = run_report("semiannual", "--demo", "--period", "2025Q5", "--out", tmp_path / "x.pdf", timeout=60)
    assert p.returncode == 2 and "out of range" in p.stderr
