"""What the server enforces on a team database (core/store/pgteam.py), tried as each login with raw SQL, not
through RiskDesk: a member officer reads and writes only their member's cases and filings, a maker cannot
approve their own proposal by any statement, the lead department cannot approve at all, audit reads all
and writes only audit records, nobody updates, deletes or truncates anything, and the user on record is the
login. The demo history (copied in) gives the cases: 3 and 7 are on LIFE limits, the others group limits."""
from __future__ import annotations

import itertools
import os
import sqlite3

import psycopg
import pytest

from core.store import Store, StoreError, pgschema, pgteam
from core.store.pgcopy import copy_history
from core.store.schema import SCHEMA_VERSION
from tests.pg_cluster import database_url, drop_database, new_database

_n = itertools.count(1)
LIFE_CASES = {3, 7}


@pytest.fixture(scope="module")
def team(pg_server, demo_db_master):
    """(database name, {role: login}) of a team database holding the demo, with one login per role (two
    for senior management) granted by the administrator through pgteam."""
    url = new_database(pg_server)
    src = sqlite3.connect(str(demo_db_master))
    try:
        copy_history(src, url)
    finally:
        src.close()
    tag = f"{os.getpid()}_{next(_n)}"
    logins = {"lead": f"lead_{tag}", "senior": f"senior_{tag}", "senior2": f"senior2_{tag}",
              "member": f"member_{tag}", "audit": f"audit_{tag}"}
    roles = {"lead": ("lead_department", None), "senior": ("senior_management", None),
             "senior2": ("senior_management", None), "member": ("member_officer", "LIFE"),
             "audit": ("internal_audit", None)}
    with psycopg.connect(pg_server, autocommit=True) as admin:
        for login in logins.values():
            admin.execute(f'CREATE ROLE "{login}" LOGIN')
    with Store.open(url) as store:
        pgteam.init_team(store)
        for key, (role, member) in roles.items():
            pgteam.grant(store, logins[key], role, member_id=member, reason="test")
    name = url.split("?")[0].rsplit("/", 1)[-1]
    yield name, logins
    drop_database(pg_server, url)
    with psycopg.connect(pg_server, autocommit=True) as admin:
        for login in logins.values():
            admin.execute(f'DROP ROLE IF EXISTS "{login}"')


def _as(pg_server, team, who: str) -> psycopg.Connection:
    name, logins = team
    return psycopg.connect(database_url(pg_server, name, logins[who]), autocommit=True)


def _ids(conn, sql: str) -> set:
    return {r[0] for r in conn.execute(sql).fetchall()}


def test_a_member_officer_sees_only_their_members_cases_and_filings(pg_server, team):
    with _as(pg_server, team, "lead") as lead:
        lead.execute("INSERT INTO member_filing (member_id, document, filed_on, created_at, created_by) "
                     "VALUES ('PC', '财险备案', '2025-07-01', 'now', 'x'), ('LIFE', '人寿备案', '2025-07-01', 'now', 'x')")
        assert _ids(lead, "SELECT id FROM breach_case") == set(range(1, 8))
        assert {"PC", "LIFE"} <= _ids(lead, "SELECT member_id FROM member_filing")
    with _as(pg_server, team, "member") as member:
        assert _ids(member, "SELECT id FROM breach_case") == LIFE_CASES
        assert _ids(member, "SELECT case_id FROM case_event") == LIFE_CASES
        assert _ids(member, "SELECT case_id FROM case_current") == LIFE_CASES     # the view too
        assert _ids(member, "SELECT member_id FROM member_filing") == {"LIFE"}


def test_a_member_officer_changes_only_their_members_cases(pg_server, team):
    event = ("INSERT INTO case_event (case_id, action, state, major_event, changes_json, comment, created_at, "
             "created_by) VALUES (%s, 'updated', 'open', 0, '{}', 'checked', 'now', 'x')")
    with _as(pg_server, team, "lead") as lead:
        before = lead.execute("SELECT count(*) FROM case_event WHERE case_id = 4").fetchone()[0]
    with _as(pg_server, team, "member") as member:
        # a group case: refused by the case rules' trigger, which sees no event of a case the login may not
        # read, or else by the row-level security policy
        with pytest.raises((psycopg.errors.InsufficientPrivilege, psycopg.errors.RaiseException)):
            member.execute(event, (4,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            member.execute("INSERT INTO member_filing (member_id, document, filed_on, created_at, created_by) "
                           "VALUES ('PC', 'x', '2025-07-01', 'now', 'x')")
        member.execute(event, (3,))                      # its own member's case (raw: not chained)
    with _as(pg_server, team, "lead") as lead:
        assert lead.execute("SELECT count(*) FROM case_event WHERE case_id = 4").fetchone()[0] == before
    with _as(pg_server, team, "member") as member:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            member.execute("INSERT INTO officer_text (kind, period, text, created_at) VALUES ('k', 'p', 't', 'now')")


def _proposal_by(conn) -> int:
    """A pending proposal inserted by raw SQL, naming someone else as its maker."""
    return conn.execute(
        "INSERT INTO limit_proposal (limit_set_id, proposer, effective_date, n_rows, created_at, created_by) "
        "VALUES (1, '王芳（首席风险官）', '2025-12-31', 0, 'now', '王芳（首席风险官）') RETURNING id").fetchone()[0]


def _decide(conn, proposal: int, decider: str = "someone else"):
    conn.execute("INSERT INTO limit_decision (proposal_id, decider, decision, created_at, created_by) "
                 "VALUES (%s, %s, 'approve', 'now', %s)", (proposal, decider, decider))


def test_a_maker_cannot_approve_their_own_proposal_by_any_sql(pg_server, team):
    with _as(pg_server, team, "senior") as maker:
        pid = _proposal_by(maker)
        assert maker.execute("SELECT proposer, created_by FROM limit_proposal WHERE id = %s", (pid,)).fetchone() \
            == (team[1]["senior"],) * 2                  # the login, not the name typed
        for decider in ("someone else", team[1]["senior2"], team[1]["senior"]):
            with pytest.raises(psycopg.errors.RaiseException, match="same_person"):
                _decide(maker, pid, decider)
        maker.execute("SET ROLE riskdesk_senior_management")          # session_user stays the maker
        with pytest.raises(psycopg.errors.RaiseException, match="same_person"):
            _decide(maker, pid)
        maker.execute("RESET ROLE")
        for escape in ("ALTER TABLE limit_decision DISABLE TRIGGER team_limit_decision",
                       "SET SESSION AUTHORIZATION postgres", "DROP TRIGGER team_limit_decision ON limit_decision"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                maker.execute(escape)
    with _as(pg_server, team, "senior2") as checker:                 # another senior manager may
        _decide(checker, pid)
        assert checker.execute("SELECT decider FROM limit_decision WHERE proposal_id = %s",
                               (pid,)).fetchone()[0] == team[1]["senior2"]


def test_the_lead_department_cannot_approve_at_all(pg_server, team):
    with _as(pg_server, team, "lead") as lead:
        pid = _proposal_by(lead)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            _decide(lead, pid)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            lead.execute("INSERT INTO limit_set_version (limit_set_id, version, effective_date, proposal_id, "
                         "decision_id, approved_by, approved_at, n_rows, created_at) "
                         "VALUES (1, 99, '2025-12-31', %s, 1, 'x', 'now', 0, 'now')", (pid,))


def test_audit_reads_everything_and_writes_only_audit_records(pg_server, team):
    tables = list(pgschema.sqlite_schema(SCHEMA_VERSION).tables)
    with _as(pg_server, team, "audit") as audit:
        for table in tables:
            audit.execute(f'SELECT count(*) FROM "{table}"').fetchone()
        assert _ids(audit, "SELECT id FROM breach_case") == set(range(1, 8))
        audit.execute("INSERT INTO internal_audit (period_from, period_to, audit_date, auditor, findings, "
                      "created_at, created_by) VALUES ('2025-01-01', '2025-12-31', '2026-01-15', '审计部', "
                      "'无重大问题', 'now', 'x')")
        for table in ("officer_text", "limit_proposal", "case_event", "member_filing", "major_event"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                audit.execute(f'INSERT INTO "{table}" DEFAULT VALUES')


@pytest.mark.parametrize("who", ["lead", "senior", "member", "audit"])
def test_nobody_updates_deletes_or_truncates_anything(pg_server, team, who):
    schema = pgschema.sqlite_schema(SCHEMA_VERSION)
    with _as(pg_server, team, who) as conn:
        for name, table in schema.tables.items():
            col = table.columns[0][0]
            for sql in (f'UPDATE "{name}" SET "{col}" = "{col}"', f'DELETE FROM "{name}"', f'TRUNCATE "{name}"'):
                with pytest.raises((psycopg.errors.InsufficientPrivilege, psycopg.errors.RaiseException)):
                    conn.execute(sql)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE riskdesk_meta SET value = 0")


def test_the_user_on_record_is_the_login_and_the_chain_says_so(pg_server, team):
    name, logins = team
    url = database_url(pg_server, name, logins["lead"])
    with Store.open(url) as store:
        assert store.os_user == logins["lead"]
        tid = store.save_text("semiannual_conclusion", "2025H2", "结论", "王芳（首席风险官）")   # a typed name
        assert store.latest_text("semiannual_conclusion", "2025H2").created_by == logins["lead"]
        entry = store.conn.execute("SELECT os_user FROM chain WHERE entity = 'officer_text' AND row_id = ?",
                                   (tid,)).fetchone()
        assert entry == (logins["lead"],)
    with Store.open(url, os_user="someone_else") as store:        # a client claiming another account
        with pytest.raises(StoreError) as e:
            store.save_text("semiannual_conclusion", "2025H2", "x", "x")
        assert e.value.code == "role_required" and e.value.detail["by"] == "server"


def test_through_riskdesk_a_member_officer_is_refused_another_members_case(pg_server, team):
    name, logins = team
    with Store.open(database_url(pg_server, name, logins["member"])) as store:
        assert {c.id for c in store.list_cases()} == LIFE_CASES
        with pytest.raises(StoreError) as e:
            store.record_case_event(4, logins["member"], comment="not mine")
        assert e.value.code in ("role_required", "not_found")


def test_a_team_member_is_told_the_administrator_must_upgrade_an_older_schema(pg_server, pg_url):
    name = pg_url.split("?")[0].rsplit("/", 1)[-1]
    login = f"late_{name}"[:60]
    with psycopg.connect(pg_server, autocommit=True) as admin:
        admin.execute(f'CREATE ROLE "{login}" LOGIN')
    try:
        with Store.open(pg_url) as store:
            pgteam.init_team(store)
            pgteam.grant(store, login, "lead_department")
        with psycopg.connect(pg_url, autocommit=True) as owner:    # as if this RiskDesk were newer
            owner.execute("UPDATE riskdesk_meta SET value = value - 1 WHERE key = 'user_version'")
        with pytest.raises(StoreError) as e:
            Store.open(database_url(pg_server, name, login))
        assert e.value.code == "cannot_open" and "db init-team" in e.value.detail["reason"]
    finally:
        with psycopg.connect(pg_server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'DROP ROLE IF EXISTS "{login}"')
