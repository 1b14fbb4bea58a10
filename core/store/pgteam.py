"""What the PostgreSQL server itself enforces on a team database: `db init-team` and `db grant`.

governance.md's roles are database roles here (NOLOGIN groups; a person is a LOGIN that is a member):

| role | reads | may insert |
|---|---|---|
| riskdesk_lead_department | everything | everything but decisions, approved versions, audits, role grants |
| riskdesk_senior_management | everything | everything but audits and role grants (it approves limits) |
| riskdesk_member_officer | everything but other members' breach cases and filings (row-level security) | events on its member's cases, its member's filings |
| riskdesk_internal_audit | everything | audit records |

Every writer also inserts its journal rows and chain entries. Nobody is granted UPDATE, DELETE or
TRUNCATE, and the immutability triggers refuse them even to the owner. On top of the schema's own triggers
(core.store.pgschema), the team layer adds, for every login other than the schema's owner (the database
administrator who ran init-team and copies histories in):
- identity: `created_by` (and a proposal's `proposer`, a decision's `decider`, a version's `approved_by`)
  is set to `session_user` whatever the client wrote, and a chain entry whose `os_user` is not
  `session_user` is refused (`identity`);
- limit decisions: only a member of riskdesk_senior_management (`role_required`), never on a proposal the
  same login made (`same_person`);
- row-level security on breach_case, case_event (and the view case_current, security_invoker) and
  member_filing: a member officer sees and writes only those of the members their grants name. The member
  of a case is the scope of its limit in the evaluation that opened it (as core.store.cases reads it).

`db grant LOGIN ROLE [--member CODE]` grants the database role and puts the grant on record (role_grant,
journaled and chained), so the store's own role checks and the records say the same as the server. The
member of a member officer comes from those records (the latest grant or revocation of each member).

Every object here is named `team_…` (db verify accepts them besides the schema's own). Installing twice is
harmless (a later migration's new tables get their grants and triggers when init-team is run again).
"""
from __future__ import annotations

from core.governance.roles import ROLES
from core.store import pgschema
from core.store.errors import StoreError
from core.store.schema import SCHEMA_VERSION

ROLE_PREFIX = "riskdesk_"
LEAD, SENIOR, MEMBER, AUDIT = "lead_department", "senior_management", "member_officer", "internal_audit"
# tables every writer appends to along with its record
_ALWAYS = {"journal", "chain"}
# who inserts what; the rest of the tables (None) are everyone's but the narrower roles'
_NOT_LEAD = {"limit_decision", "limit_set_version", "limit_set_version_row", "internal_audit", "role_grant"}
_NOT_SENIOR = {"internal_audit", "role_grant"}
_MEMBER_TABLES = {"case_event", "member_filing"}
_AUDIT_TABLES = {"internal_audit"}
# columns that name the acting person, set to session_user (besides created_by)
_ACTOR_COLUMNS = {"limit_proposal": ("proposer",), "limit_decision": ("decider",),
                  "limit_set_version": ("approved_by",)}
_DB_ROLES = {role: ROLE_PREFIX + role for role in (LEAD, SENIOR, MEMBER, AUDIT)}


def db_role(role: str) -> str:
    if role not in _DB_ROLES:
        raise StoreError("invalid_value", field="role", value=role, allowed=sorted(_DB_ROLES))
    return _DB_ROLES[role]


def _insert_tables(tables: list[str]) -> dict[str, set[str]]:
    every = set(tables)
    return {LEAD: every - _NOT_LEAD, SENIOR: every - _NOT_SENIOR, MEMBER: _MEMBER_TABLES | _ALWAYS,
            AUDIT: _AUDIT_TABLES | _ALWAYS}


_FUNCTIONS = [
    # the team rules bind everyone but the owner of the schema (the administrator)
    """CREATE OR REPLACE FUNCTION team_applies() RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
SELECT session_user::text <> (SELECT pg_get_userbyid(relowner)::text FROM pg_class
                              WHERE oid = 'riskdesk_meta'::regclass) $$""",
    # the members a login's member-officer grants name (latest grant or revocation per member wins)
    """CREATE OR REPLACE FUNCTION team_my_members() RETURNS TEXT[] LANGUAGE sql STABLE SECURITY DEFINER AS $$
SELECT coalesce(array_agg(member_id), '{}') FROM (
    SELECT DISTINCT ON (member_id) member_id, granted FROM role_grant
    WHERE lower(user_name) = lower(session_user::text) AND role = 'member_officer' AND member_id IS NOT NULL
    ORDER BY member_id, id DESC) g WHERE granted = 1 $$""",
    # the scope (a member or 'group') of a case's limit, from the evaluation that opened it
    """CREATE OR REPLACE FUNCTION team_case_scope(case_no BIGINT) RETURNS TEXT LANGUAGE sql STABLE
SECURITY DEFINER AS $$
SELECT l->>'scope' FROM breach_case c JOIN evaluation e ON e.id = c.evaluation_id,
       jsonb_array_elements(e.result_json::jsonb -> 'limits') l
WHERE c.id = case_no AND l->>'limit_id' = c.limit_id LIMIT 1 $$""",
    """CREATE OR REPLACE FUNCTION team_identity() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE col TEXT;
BEGIN
    IF team_applies() THEN
        FOREACH col IN ARRAY TG_ARGV LOOP
            NEW := jsonb_populate_record(NEW, jsonb_build_object(col, session_user::text));
        END LOOP;
    END IF;
    RETURN NEW;
END $$""",
    """CREATE OR REPLACE FUNCTION team_chain_identity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF team_applies() AND NEW.os_user IS DISTINCT FROM session_user::text THEN
        RAISE EXCEPTION 'identity';
    END IF;
    RETURN NEW;
END $$""",
    f"""CREATE OR REPLACE FUNCTION team_limit_decision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF team_applies() THEN
        IF NOT pg_has_role(session_user, '{_DB_ROLES[SENIOR]}', 'MEMBER') THEN
            RAISE EXCEPTION 'role_required';
        END IF;
        IF EXISTS (SELECT 1 FROM limit_proposal WHERE id = NEW.proposal_id
                   AND (lower(created_by) = lower(session_user::text) OR lower(proposer) = lower(session_user::text))) THEN
            RAISE EXCEPTION 'same_person';
        END IF;
    END IF;
    RETURN NEW;
END $$""",
]

_MEMBER_CASE = "team_case_scope({col}) = ANY (team_my_members())"


def _policies() -> list[str]:
    everyone = ", ".join(_DB_ROLES[r] for r in (LEAD, SENIOR, AUDIT))
    handlers = ", ".join(_DB_ROLES[r] for r in (LEAD, SENIOR))
    member = _DB_ROLES[MEMBER]
    out = []
    for table, column in (("breach_case", "id"), ("case_event", "case_id"), ("member_filing", None)):
        mine = "member_id = ANY (team_my_members())" if column is None else _MEMBER_CASE.format(col=column)
        out += [f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
                f"DROP POLICY IF EXISTS team_read_all ON {table}",
                f"CREATE POLICY team_read_all ON {table} FOR SELECT TO {everyone} USING (true)",
                f"DROP POLICY IF EXISTS team_write_all ON {table}",
                f"CREATE POLICY team_write_all ON {table} FOR INSERT TO {handlers} WITH CHECK (true)",
                f"DROP POLICY IF EXISTS team_member_read ON {table}",
                f"CREATE POLICY team_member_read ON {table} FOR SELECT TO {member} USING ({mine})",
                f"DROP POLICY IF EXISTS team_member_write ON {table}",
                f"CREATE POLICY team_member_write ON {table} FOR INSERT TO {member} WITH CHECK ({mine})"]
    # the view reads with the permissions and policies of whoever queries it, not its owner's
    out.append("ALTER VIEW case_current SET (security_invoker = true)")
    return out


def _role_statements(conn) -> list[str]:
    out = []
    for name in _DB_ROLES.values():
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", (name,)).fetchone() is None:
            out.append(f"CREATE ROLE {name} NOLOGIN")
    return out


def install(conn) -> dict:
    """Roles, grants, identity and decision triggers, row-level security (module doc) on the team database
    open on `conn` (schema current; run by its owner). Returns what was set up, for the journal."""
    schema = pgschema.sqlite_schema(SCHEMA_VERSION)
    tables = list(schema.tables)
    statements = _role_statements(conn) + list(_FUNCTIONS)
    every_role = ", ".join(_DB_ROLES.values())
    statements += [f"REVOKE ALL ON {', '.join(tables + [pgschema.META_TABLE])} FROM PUBLIC",
                   f"GRANT SELECT ON {', '.join(tables + [pgschema.META_TABLE] + list(schema.views))} TO {every_role}"]
    for role, allowed in _insert_tables(tables).items():
        statements.append(f"GRANT INSERT ON {', '.join(sorted(allowed))} TO {_DB_ROLES[role]}")
    for name, table in schema.tables.items():
        actors = [c[0] for c in table.columns if c[0] == "created_by"] + list(_ACTOR_COLUMNS.get(name, ()))
        if actors:
            args = ", ".join(f"'{a}'" for a in actors)
            statements += [f'DROP TRIGGER IF EXISTS team_identity ON "{name}"',
                           f'CREATE TRIGGER team_identity BEFORE INSERT ON "{name}" FOR EACH ROW '
                           f"EXECUTE FUNCTION team_identity({args})"]
    statements += ["DROP TRIGGER IF EXISTS team_chain_identity ON chain",
                   "CREATE TRIGGER team_chain_identity BEFORE INSERT ON chain FOR EACH ROW "
                   "EXECUTE FUNCTION team_chain_identity()",
                   # named after team_identity: PostgreSQL fires a table's triggers in name order
                   "DROP TRIGGER IF EXISTS team_limit_decision ON limit_decision",
                   "CREATE TRIGGER team_limit_decision BEFORE INSERT ON limit_decision FOR EACH ROW "
                   "EXECUTE FUNCTION team_limit_decision()"]
    statements += _policies()
    for statement in statements:
        conn.execute(statement)
    return {"roles": sorted(_DB_ROLES.values()), "tables": len(tables)}


def grant_login(conn, login: str, role: str) -> None:
    """GRANT the database role of `role` to `login` (which the administrator created)."""
    name = db_role(role)
    if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", (login,)).fetchone() is None:
        raise StoreError("not_found", entity="login", id=login)
    conn.execute(f'GRANT {name} TO "{login}"')


def init_team(store) -> dict:
    """`db init-team`: install the team layer on the store's (team) database, journaled."""
    if not store.is_team:
        raise StoreError("invalid_value", field="database", value=str(store.path), allowed="a postgresql:// URL")
    with store.transaction():
        said = install(store.conn)
        store._journal("team.installed", "schema", store.schema_version, said, store.os_user)
    return said


def grant(store, login: str, role: str, member_id: str | None = None, reason: str | None = None) -> int:
    """`db grant`: the database role to `login`, and the grant on record (role_grant) by the administrator
    running it, in one transaction. Returns the role_grant id."""
    if not store.is_team:
        raise StoreError("invalid_value", field="database", value=str(store.path), allowed="a postgresql:// URL")
    with store.transaction():
        grant_login(store.conn, login, role)
        return store.set_role(login, role, store.os_user, member_id=member_id, reason=reason)


def installed(conn) -> bool:
    return conn.execute("SELECT to_regprocedure('team_applies()') IS NOT NULL").fetchone()[0]


assert set(_DB_ROLES) == set(ROLES), "every governance role is a database role"
