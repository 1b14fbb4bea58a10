"""Two people at once on the team database: two processes, two logins. The lead department imports a
snapshot (`main.py import`) while senior management approves the lead department's pending proposal; both
land, each under its own login, one after the other in the chain, and the history verifies."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import psycopg
import pytest

from core.store import Store, pgteam
from core.store.verify import verify_file
from tests.conftest import ROOT
from tests.pg_cluster import database_url

APPROVE = textwrap.dedent("""
    import sys
    from core.store import Store
    from core.whatif.governance import approve
    with Store.open(sys.argv[1]) as store:
        decision = approve(store, int(sys.argv[2]), store.os_user, "同意", allow_stale=True)
        print("approved", decision.version_id)
""")


@pytest.mark.slow     # seconds of PostgreSQL and processes: CI runs it (tests/conftest.py)
def test_one_imports_while_the_other_approves(pg_server, pg_url, demo_db_master, tmp_path):
    import sqlite3

    from core.store.pgcopy import copy_history
    from core.whatif.governance import proposal_from_import

    src = sqlite3.connect(str(demo_db_master))
    try:
        copy_history(src, pg_url)
    finally:
        src.close()
    name = pg_url.split("?")[0].rsplit("/", 1)[-1]
    lead, senior = f"lead_{name}"[:60], f"senior_{name}"[:60]
    with psycopg.connect(pg_server, autocommit=True) as admin:
        for login in (lead, senior):
            admin.execute(f'CREATE ROLE "{login}" LOGIN')
    try:
        with Store.open(pg_url) as store:
            pgteam.init_team(store)
            pgteam.grant(store, lead, "lead_department")
            pgteam.grant(store, senior, "senior_management")
        lead_url, senior_url = database_url(pg_server, name, lead), database_url(pg_server, name, senior)
        # the lead department's proposal, pending: the demo's own limits with one limit tightened
        from core.concentration.importer import read_group_data

        data = read_group_data(ROOT / "resources" / "demo" / "2025-06-30")
        data.limits.loc[data.limits.index[0], "limit"] = str(data.limits["limit"].iloc[0])[:-1] + "1"
        with Store.open(lead_url) as store:
            pid = proposal_from_import(store, data, lead, "收紧一项限额")
            before = store.conn.execute("SELECT max(seq) FROM chain").fetchone()[0]
            snapshots = len(store.list_snapshots(include_withdrawn=True))
        assert pid is not None
        importing = subprocess.Popen(
            [sys.executable, "main.py", "import", str(ROOT / "resources" / "demo" / "2025-06-30"), "--db", lead_url,
             "--user", lead, "--allow-same-date"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        approving = subprocess.Popen([sys.executable, "-c", APPROVE, senior_url, str(pid)], cwd=ROOT,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        out_i, err_i = importing.communicate(timeout=300)
        out_a, err_a = approving.communicate(timeout=300)
        assert importing.returncode == 0, err_i
        assert approving.returncode == 0 and "approved" in out_a, err_a
        with Store.open(senior_url) as store:
            assert store.get_proposal(pid).status == "approved"
            decision = store.conn.execute("SELECT decider, created_by FROM limit_decision WHERE proposal_id = ?",
                                          (pid,)).fetchone()
            assert decision == (senior, senior)
            newest = store.list_snapshots(include_withdrawn=True)
            assert len(newest) == snapshots + 1 and max(newest, key=lambda s: s.id).created_by == lead
            users = {r[0] for r in store.conn.execute("SELECT DISTINCT os_user FROM chain WHERE seq > ?", (before,))}
            assert {lead, senior} <= users
        result = verify_file(pg_url)
        assert result.ok, result.problems[:3]
    finally:
        with psycopg.connect(pg_server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            for login in (lead, senior):
                admin.execute(f'DROP ROLE IF EXISTS "{login}"')
