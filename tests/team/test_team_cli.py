"""The team database from the command line: `db copy` a one-person history in (verified there), `db init-team`
and `db grant` as the administrator, `db verify` and `db backup` on the URL, and the same report from
either store byte for byte (the records are the same, so the chain head printed on it is too)."""
from __future__ import annotations

import subprocess
import sys

import psycopg
import pytest

from tests.cli.runner import run_cli
from tests.conftest import ROOT, copy_database
from tests.pg_cluster import database_url


@pytest.mark.slow     # seconds of PostgreSQL and processes: CI runs it (tests/conftest.py)
def test_copy_in_then_the_same_report_from_either_store(demo_db_master, pg_url, tmp_path):
    lite = copy_database(demo_db_master, tmp_path / "demo.sqlite3")
    # what a user types: one real process
    done = subprocess.run([sys.executable, "main.py", "db", "copy", str(lite), pg_url, "--lang", "en"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "rows copied" in done.stdout and "verifies" in done.stdout
    assert "SQLite" not in done.stdout       # the server keeps its pages: no SQLite integrity check claimed
    # every PDF kind, one after the other on both (each records the report: the records stay the same)
    for kind, period, extra in (("semiannual", "2025H1", ()), ("rating", "2025", ()), ("quarterly", "2025Q2", ()),
                                ("disclosure", "2025", ("--names",)), ("annual_chapter", "2025", ())):
        for db, out in ((pg_url, tmp_path / f"team-{kind}.pdf"), (lite, tmp_path / f"file-{kind}.pdf")):
            r = run_cli("report", kind, "--db", db, "--period", period, "--out", out, "--user", "x", *extra)
            assert r.returncode == 0, r.stderr
        assert (tmp_path / f"team-{kind}.pdf").read_bytes() == (tmp_path / f"file-{kind}.pdf").read_bytes(), kind
    again = run_cli("db", "copy", lite, pg_url, "--lang", "en")          # only into an empty database
    assert again.returncode == 2 and "empty database" in again.stderr


def test_init_team_grant_verify_and_back_up(demo_db_master, pg_server, pg_url, tmp_path):
    lite = copy_database(demo_db_master, tmp_path / "demo.sqlite3")
    assert run_cli("db", "copy", lite, pg_url, "--lang", "en").returncode == 0
    r = run_cli("db", "grant", pg_url, "nobody_yet", "senior_management", "--lang", "en")
    assert r.returncode == 2 and "init-team" in r.stderr
    r = run_cli("db", "init-team", pg_url, "--lang", "en")
    assert r.returncode == 0 and "riskdesk_senior_management" in r.stdout, r.stderr
    login = f"cli_checker_{tmp_path.name[-8:]}".lower().replace("-", "_")
    with psycopg.connect(pg_server, autocommit=True) as admin:
        admin.execute(f'CREATE ROLE "{login}" LOGIN')
    try:
        r = run_cli("db", "grant", pg_url, "no_such_login", "senior_management", "--lang", "en")
        assert r.returncode == 2 and "no such login" in r.stderr
        r = run_cli("db", "grant", pg_url, login, "member_officer", "--lang", "en")        # a member officer needs --member
        assert r.returncode == 2 and "member" in r.stderr
        r = run_cli("db", "grant", pg_url, login, "member_officer", "--member", "LIFE", "--reason", "人寿风险岗", "--lang", "en")
        assert r.returncode == 0 and "LIFE" in r.stdout, r.stderr
        name = pg_url.split("?")[0].rsplit("/", 1)[-1]
        with psycopg.connect(database_url(pg_server, name, login)) as conn:
            assert {r[0] for r in conn.execute("SELECT id FROM breach_case")} == {3, 7}
        r = run_cli("db", "verify", pg_url, "--json", "--lang", "en")
        assert r.returncode == 0, r.stdout
        r = run_cli("db", "backup", pg_url, tmp_path / "back.sqlite3", "--lang", "en")
        assert r.returncode == 0 and "verifies" in r.stdout, r.stdout + r.stderr
        assert run_cli("db", "verify", tmp_path / "back.sqlite3", "--lang", "en").returncode == 0
    finally:
        with psycopg.connect(pg_server, autocommit=True) as admin:
            admin.execute(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{login}'")
            admin.execute(f'DROP DATABASE IF EXISTS "{pg_url.split("?")[0].rsplit("/", 1)[-1]}" WITH (FORCE)')
            admin.execute(f'DROP ROLE IF EXISTS "{login}"')


def test_a_tampered_team_database_fails_verify(pg_url):
    r = run_cli("db", "verify", pg_url, "--lang", "en")       # an empty database: not RiskDesk's yet
    assert r.returncode != 0
    from core.store import Store

    with Store.open(pg_url) as store:
        store.save_text("k", "2025", "x", "a")
    with psycopg.connect(pg_url, autocommit=True) as raw:
        raw.execute("ALTER TABLE officer_text DISABLE TRIGGER officer_text_no_update")
        raw.execute("UPDATE officer_text SET text = 'y'")
    r = run_cli("db", "verify", pg_url, "--lang", "en")
    assert r.returncode == 1 and "officer_text" in r.stdout


def test_an_unreachable_team_database_is_one_sentence_without_the_password():
    r = run_cli("import", ROOT / "resources" / "demo" / "2025-06-30", "--db",
                "postgresql://someone:secret@/riskdesk?host=/nonexistent-socket-dir", "--lang", "en")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "secret" not in r.stderr and "postgresql://someone@/riskdesk" in r.stderr
