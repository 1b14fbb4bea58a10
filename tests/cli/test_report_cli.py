"""`main.py report …`: the four reports from a database or --demo, recorded; bad input exits 2 with one line.

In process (tests/cli/runner.py) on copies of the session's demo database (tests/conftest.py `demo_db`),
except one run as a user types it (with `--demo`), which also checks that the reports are byte-reproducible.
"""
from __future__ import annotations

import hashlib

import pytest

from core.store import Store
from tests.cli.runner import run_cli, run_subprocess


def run_report(*args):
    """In English, the wording these tests check (the command line's default is Chinese: test_lang_cli.py)."""
    return run_cli("report", *args, "--lang", "en")


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_user_run_with_demo_gives_the_bytes_of_a_run_in_this_process(demo_semiannual_pdf, tmp_path):
    """The suite's one check of byte-reproducibility, in the strongest form: a fresh process, as a user types
    it, builds a fresh demo database (`--demo`) and renders; this process, which has rendered other reports
    before (font subsets, object ids), renders the same report from the session's demo database, built at
    another time (tests/conftest.py: exactly what --demo builds; `demo_semiannual_pdf`, the session's one
    render of it, which the report tests read too). That the command line writes in this process what
    reports.service makes: test_each_report_is_written_and_recorded."""
    out = tmp_path / "board.pdf"
    p = run_subprocess("report", "semiannual", "--demo", "--period", "2025H1", "--out", out)
    assert p.returncode == 0, p.stderr
    assert p.stderr == ""
    assert out.read_bytes().startswith(b"%PDF") and _sha(out) in p.stdout
    here = demo_semiannual_pdf.path
    assert _sha(here) == demo_semiannual_pdf.record.sha256
    assert _sha(here) == _sha(out)


@pytest.mark.parametrize("kind,period,name,extra", [
    ("semiannual", "2025H1", "s.pdf", ()),
    ("rating", "2025", "r.pdf", ()),
    ("quarterly", "2025Q2", "q.xlsx", ("--xlsx",)),
    ("quarterly", "2025Q2", "q.pdf", ()),
    ("disclosure", "2025", "d.pdf", ("--names",)),
])
def test_each_report_is_written_and_recorded(demo_db, tmp_path, kind, period, name, extra, request):
    out = tmp_path / name
    p = run_report(kind, "--db", demo_db, "--period", period, "--out", out, "--user", "王芳", *extra)
    assert p.returncode == 0, p.stderr
    assert p.stderr == ""
    store = Store.open(demo_db)
    try:
        rec = store.list_reports(kind=kind)[0]
    finally:
        store.close()
    assert rec.sha256 == _sha(out) and rec.path == str(out) and rec.created_by == "王芳" and rec.period == period
    assert rec.params["format"] == ("xlsx" if "--xlsx" in extra else "pdf")
    assert f"sha256 {rec.sha256}, recorded as report {rec.id}" in p.stdout
    if kind == "semiannual":      # the bytes the session's render in this process gave (tests/conftest.py)
        assert rec.sha256 == request.getfixturevalue("demo_semiannual_pdf").record.sha256
    if kind != "disclosure":      # only the disclosure says whether it is final (test_disclosure_says_final_or_draft)
        assert not any(x.startswith(("final:", "draft:")) for x in p.stdout.splitlines()), p.stdout


def test_disclosure_says_final_or_draft(demo_db, tmp_path):
    """The demo's 2025 disclosure text carries the board's approval, but the 2025 document rests on mid-year
    data: a draft, and why; 2024 has no text: a draft, and why."""
    final = run_report("disclosure", "--db", demo_db, "--period", "2025", "--out", tmp_path / "d25.pdf")
    assert final.returncode == 0, final.stderr
    line = final.stdout.splitlines()[-1]
    assert line.startswith("draft: the text is the one 董事会 approved (第三届董事会第八次会议, 2026-06-10)"), final.stdout
    assert "its data are not the year's end" in line
    draft = run_report("disclosure", "--db", demo_db, "--period", "2024", "--out", tmp_path / "d24.pdf")
    assert draft.returncode == 0, draft.stderr
    assert draft.stdout.splitlines()[-1].startswith("draft: no disclosure text is saved"), draft.stdout
    # that the other kinds print no such line: test_each_report_is_written_and_recorded


def test_explicit_date(demo_db, tmp_path):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert run_report("rating", "--db", demo_db, "--period", "2025", "--out", a).returncode == 0
    assert run_report("rating", "--db", demo_db, "--period", "2025", "--out", b, "--date", "2026-03-20").returncode == 0
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
def test_bad_input_exits_2_with_a_message(demo_db, tmp_path, args, words):
    out = tmp_path / "x.pdf"
    p = run_report(*args, "--db", demo_db, "--out", out)
    assert p.returncode == 2
    assert words in p.stderr and "Traceback" not in p.stderr
    assert len(p.stderr.splitlines()) == 1 and p.stdout == ""
    assert not out.exists()


def test_unwritable_out_and_missing_db(demo_db, tmp_path):
    p = run_report("semiannual", "--db", demo_db, "--period", "2025H1", "--out", tmp_path / "no" / "such" / "x.pdf")
    assert p.returncode == 2 and "cannot write" in p.stderr and "Traceback" not in p.stderr
    p = run_report("semiannual", "--db", demo_db, "--period", "2025H1", "--out", tmp_path)
    assert p.returncode == 2 and "it is a folder" in p.stderr
    p = run_report("semiannual", "--db", tmp_path / "missing.sqlite3", "--period", "2025H1",
                   "--out", tmp_path / "x.pdf")
    assert p.returncode == 2 and "no such database" in p.stderr
    assert not (tmp_path / "missing.sqlite3").exists()


def test_bad_period_with_demo_fails_before_building_the_demo(tmp_path, monkeypatch):
    import core.demo

    def no_demo(store):
        raise AssertionError("the demo database was built for a command that fails on its period")

    monkeypatch.setattr(core.demo, "load_demo", no_demo)
    p = run_report("semiannual", "--demo", "--period", "2025Q5", "--out", tmp_path / "x.pdf")
    assert p.returncode == 2 and "out of range" in p.stderr


def test_missing_arguments_are_argparse_errors(tmp_path):
    p = run_report("semiannual", "--period", "2025H1", "--out", tmp_path / "x.pdf")      # neither --db nor --demo
    assert p.returncode == 2 and "--demo" in p.stderr and "--db" in p.stderr
