"""The PostgreSQL schema of the team database, derived from the SQLite migrations (core/store/schema.py).

There is one definition of the tables: SQLite's migrations. PostgreSQL migration N is computed from them:
the migrations 1..N-1 and 1..N are run on empty in-memory SQLite databases and compared, and what N added
(tables with their columns in the same order, primary keys, UNIQUE constraints, CHECK constraints,
foreign keys, indexes, views, columns added to existing tables) is written as PostgreSQL DDL. Types map so
that values read back are what sqlite3 gives (INTEGER → BIGINT, REAL → DOUBLE PRECISION, BLOB → BYTEA,
TEXT → TEXT): the hash chain's canonical content is then the same on both backends. Every new table gets
the immutability triggers (UPDATE, DELETE and TRUNCATE refused with 'immutable').

What cannot be derived — SQLite trigger bodies — is in `PG_STEPS[N]`: PostgreSQL statements (or a
callable) for migration N. A later SQLite migration that only adds tables, columns or indexes needs no
entry; one that adds a trigger needs its PostgreSQL trigger here too (tests/team checks that every SQLite
trigger has a PostgreSQL counterpart of the same name).

Ids: `id` columns default to max(id) + 1 of their table (SQLite's rowid rule), not a sequence, so a
refused insert leaves no gap and the same records get the same ids — hence the same chain — on both.
RiskDesk's writers take turns (core.store.pg WRITE_LOCK), so max + 1 cannot collide among them.

The schema version is `riskdesk_meta.user_version` (PRAGMA user_version on SQLite), the application
'RSKD' is `riskdesk_meta.application_id`.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field

from core.store.schema import APPLICATION_ID, MIGRATIONS

META_TABLE = "riskdesk_meta"

_TYPES = {"INTEGER": "BIGINT", "TEXT": "TEXT", "REAL": "DOUBLE PRECISION", "BLOB": "BYTEA", "": "TEXT"}
_DAY_GLOB = "GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"
_DAY_REGEX = "~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'"

# Functions every team database has (created with migration 1): SQLite's json_valid/json_array_length
# for the CHECK constraints, the id default, the immutability trigger.
_BASE_FUNCTIONS = [
    f"CREATE TABLE {META_TABLE} (key TEXT PRIMARY KEY, value BIGINT NOT NULL)",
    """CREATE FUNCTION json_valid(doc TEXT) RETURNS BOOLEAN LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    PERFORM doc::json;
    RETURN TRUE;
EXCEPTION WHEN others THEN
    RETURN FALSE;
END $$""",
    "CREATE FUNCTION json_array_length(doc TEXT) RETURNS INTEGER LANGUAGE sql IMMUTABLE AS "
    "$$ SELECT json_array_length(doc::json) $$",
    # SECURITY DEFINER: the owner sees every row, so a member officer's insert (whose own view is cut by
    # row-level security) still gets the next id of the whole table
    """CREATE FUNCTION riskdesk_next_id(tbl TEXT) RETURNS BIGINT LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE n BIGINT;
BEGIN
    EXECUTE format('SELECT coalesce(max(id), 0) + 1 FROM %I', tbl) INTO n;
    RETURN n;
END $$""",
    """CREATE FUNCTION riskdesk_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'immutable';
END $$""",
]


@dataclass
class Table:
    name: str
    columns: list[tuple[str, str, bool, bool]]        # name, sqlite type, not null, the rowid `id`
    primary_key: list[str]
    uniques: list[list[str]]
    checks: list[str]
    foreign_keys: list[tuple[str, str, str]]          # column, parent table, parent column
    sql: str = ""


@dataclass
class Schema:
    tables: dict[str, Table] = field(default_factory=dict)
    indexes: dict[str, str] = field(default_factory=dict)     # name -> CREATE INDEX sql
    views: dict[str, str] = field(default_factory=dict)
    triggers: set[str] = field(default_factory=set)


def _strip_comments(sql: str) -> str:
    out, i, quote = [], 0, None
    while i < len(sql):
        ch = sql[i]
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif sql.startswith("--", i):
            j = sql.find("\n", i)
            i = len(sql) if j < 0 else j
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _split_top(body: str) -> list[str]:
    """Split a CREATE TABLE body at the commas outside parentheses and quotes."""
    parts: list[str] = []
    buf: list[str] = []
    depth, quote = 0, None
    for ch in body:
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append("".join(buf))
            buf = []
            continue
        buf.append(ch)
    parts.append("".join(buf))
    return [p.strip() for p in parts if p.strip()]


def _checks_of(sql: str) -> list[str]:
    """The CHECK expressions of a CREATE TABLE statement, in PostgreSQL."""
    text = _strip_comments(sql)
    body = text[text.index("(") + 1:text.rindex(")")]
    out = []
    for part in _split_top(body):
        for m in re.finditer(r"\bCHECK\s*\(", part, re.I):
            depth, j = 1, m.end()
            while depth and j < len(part):
                depth += {"(": 1, ")": -1}.get(part[j], 0)
                j += 1
            out.append(_pg_expression(part[m.end():j - 1].strip()))
    return out


def _pg_expression(expr: str) -> str:
    return expr.replace(_DAY_GLOB, _DAY_REGEX)


def sqlite_schema(version: int) -> Schema:
    """The schema migrations 1..version create, read from an in-memory SQLite database (once per version
    and process: the result is not to be changed)."""
    if version not in _SCHEMAS:
        _SCHEMAS[version] = _read_sqlite_schema(version)
    return _SCHEMAS[version]


_SCHEMAS: dict[int, Schema] = {}


def _read_sqlite_schema(version: int) -> Schema:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for number in range(1, version + 1):
            MIGRATIONS[number - 1](conn)
        schema = Schema()
        for kind, name, _tbl, sql in conn.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY rowid"):
            if kind == "table":
                schema.tables[name] = _table(conn, name, sql)
            elif kind == "index" and sql:
                schema.indexes[name] = sql
            elif kind == "view":
                schema.views[name] = sql
            elif kind == "trigger":
                schema.triggers.add(name)
        return schema
    finally:
        conn.close()


def _table(conn: sqlite3.Connection, name: str, sql: str) -> Table:
    info = conn.execute(f'PRAGMA table_info("{name}")').fetchall()
    pk = [r[1] for r in sorted((r for r in info if r[5] > 0), key=lambda r: r[5])]
    rowid_id = pk == ["id"] and any(r[1] == "id" and r[2].upper() == "INTEGER" for r in info)
    columns = [(r[1], r[2].upper(), bool(r[3]), rowid_id and r[1] == "id") for r in info]
    uniques = []
    for idx in conn.execute(f'PRAGMA index_list("{name}")').fetchall():
        if idx[2] and idx[3] == "u":
            uniques.append([r[2] for r in conn.execute(f'PRAGMA index_info("{idx[1]}")')])
    fks = [(r[3], r[2], r[4] or "id") for r in conn.execute(f'PRAGMA foreign_key_list("{name}")').fetchall()]
    return Table(name, columns, pk, uniques, _checks_of(sql), fks, sql)


def _q(name: str) -> str:
    return f'"{name}"'


def _column_sql(table: str, col: tuple[str, str, bool, bool]) -> str:
    name, kind, not_null, is_id = col
    text = f"{_q(name)} {_TYPES.get(kind, 'TEXT')}"
    if is_id:
        text += f" NOT NULL DEFAULT riskdesk_next_id('{table}')"
    elif not_null:
        text += " NOT NULL"
    return text


def create_table_sql(t: Table) -> list[str]:
    """CREATE TABLE and the immutability triggers of one table (foreign keys come after all tables)."""
    lines = [_column_sql(t.name, c) for c in t.columns]
    if t.primary_key:
        lines.append("PRIMARY KEY (" + ", ".join(_q(c) for c in t.primary_key) + ")")
    for u in t.uniques:
        lines.append("UNIQUE (" + ", ".join(_q(c) for c in u) + ")")
    for check in t.checks:
        lines.append(f"CHECK ({check})")
    out = [f"CREATE TABLE {_q(t.name)} (\n    " + ",\n    ".join(lines) + "\n)"]
    if t.name != META_TABLE:
        out += [f'CREATE TRIGGER "{t.name}_no_update" BEFORE UPDATE OR DELETE ON {_q(t.name)} '
                "FOR EACH ROW EXECUTE FUNCTION riskdesk_immutable()",
                f'CREATE TRIGGER "{t.name}_no_truncate" BEFORE TRUNCATE ON {_q(t.name)} '
                "FOR EACH STATEMENT EXECUTE FUNCTION riskdesk_immutable()"]
    return out


def _foreign_keys(t: Table, only_columns: set[str] | None = None) -> list[str]:
    # deferrable: a whole history is copied table by table (core.store.pgcopy), checked at its commit
    return [f"ALTER TABLE {_q(t.name)} ADD FOREIGN KEY ({_q(c)}) REFERENCES {_q(parent)} ({_q(pc)}) "
            "DEFERRABLE INITIALLY IMMEDIATE"
            for c, parent, pc in t.foreign_keys if only_columns is None or c in only_columns]


def _index_sql(sql: str) -> str:
    return re.sub(r"\s+", " ", _strip_comments(sql)).strip()


def migration_ddl(number: int) -> list[str]:
    """PostgreSQL statements of migration `number` derived from SQLite's (PG_STEPS not included)."""
    before, after = (sqlite_schema(number - 1) if number > 1 else Schema()), sqlite_schema(number)
    out: list[str] = list(_BASE_FUNCTIONS) if number == 1 else []
    new_tables = [t for name, t in after.tables.items() if name not in before.tables]
    for t in new_tables:
        out += create_table_sql(t)
    for name, t in after.tables.items():
        if name not in before.tables:
            continue
        old = {c[0] for c in before.tables[name].columns}
        added = [c for c in t.columns if c[0] not in old]
        for c in added:
            out.append(f"ALTER TABLE {_q(name)} ADD COLUMN {_column_sql(name, c)}")
        out += [f"ALTER TABLE {_q(name)} ADD CHECK ({c})" for c in t.checks if c not in before.tables[name].checks]
        out += _foreign_keys(t, {c[0] for c in added})
    for t in new_tables:
        out += _foreign_keys(t)
    out += [_index_sql(sql) for name, sql in after.indexes.items() if name not in before.indexes]
    out += [_index_sql(sql) for name, sql in after.views.items() if name not in before.views]
    return out


def _trigger(name: str, table: str, condition: str, code: str, *, when: str = "BEFORE INSERT") -> list[str]:
    """A PostgreSQL trigger `name` on `table` raising `code` when `condition` (over NEW) holds."""
    return [f"""CREATE FUNCTION "{name}"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF ({condition}) THEN
        RAISE EXCEPTION '{code}';
    END IF;
    RETURN NEW;
END $$""", f'CREATE TRIGGER "{name}" {when} ON "{table}" FOR EACH ROW EXECUTE FUNCTION "{name}"()']


_CASE_RANK = "CASE {s} WHEN 'open' THEN 0 WHEN 'reported' THEN 1 WHEN 'approved' THEN 1 " \
             "WHEN 'mitigating' THEN 2 WHEN 'closed' THEN 3 END"
_LAST_STATE = "(SELECT state FROM case_event WHERE case_id = NEW.case_id ORDER BY id DESC LIMIT 1)"
_PROPOSER = "(SELECT lower(trim(proposer)) FROM limit_proposal WHERE id = NEW.proposal_id)"


def _chain_earlier(conn) -> dict:
    """v5 on PostgreSQL as on SQLite: chain the records written before the chain existed."""
    from core.store import chain

    existing = chain.append(conn, chain.unchained_records(conn), None)
    return {"chain": {"entries_of_earlier_records": existing, "first_entry_written_as_recorded": existing + 1}}


Step = "str | Callable[..., dict | None]"

# migration number → PostgreSQL statements (or a callable on the connection) that SQLite's migration does in
# triggers or Python. The SQLite `<table>_no_replace` triggers have no counterpart: PostgreSQL has no
# INSERT OR REPLACE (INSERT ... ON CONFLICT DO UPDATE is an UPDATE, refused by `<table>_no_update`).
PG_STEPS: dict[int, list] = {
    3: [*_trigger("limit_proposal_withdrawal_undecided", "limit_proposal_withdrawal",
                  "EXISTS (SELECT 1 FROM limit_decision WHERE proposal_id = NEW.proposal_id)", "already_decided"),
        *_trigger("limit_decision_not_withdrawn", "limit_decision",
                  "EXISTS (SELECT 1 FROM limit_proposal_withdrawal WHERE proposal_id = NEW.proposal_id)", "withdrawn")],
    4: _trigger("evaluation_snapshot_not_withdrawn", "evaluation",
                "EXISTS (SELECT 1 FROM snapshot_withdrawal WHERE snapshot_id = NEW.snapshot_id)", "withdrawn"),
    5: [*_trigger("limit_decision_not_proposer", "limit_decision",
                  f"lower(trim(NEW.decider)) = {_PROPOSER} OR lower(trim(coalesce(NEW.created_by, ''))) = {_PROPOSER}",
                  "same_person"),
        *_trigger("limit_proposal_withdrawal_by_proposer", "limit_proposal_withdrawal",
                  f"lower(trim(NEW.created_by)) IS DISTINCT FROM {_PROPOSER}", "not_proposer"),
        *_trigger("case_event_first", "case_event",
                  "(NEW.action = 'opened') <> (NOT EXISTS (SELECT 1 FROM case_event WHERE case_id = NEW.case_id)) "
                  "OR (NEW.action = 'opened' AND NEW.state <> 'open')", "invalid_transition"),
        *_trigger("case_event_not_closed", "case_event", f"{_LAST_STATE} = 'closed'", "case_closed"),
        *_trigger("case_event_forward", "case_event",
                  f"{_CASE_RANK.format(s='NEW.state')} < {_CASE_RANK.format(s=_LAST_STATE)} "
                  "OR (NEW.action = 'closed') <> (NEW.state = 'closed')", "invalid_transition"),
        _chain_earlier],
}


def pg_triggers(number: int) -> dict[str, str]:
    """{trigger name: table} of the PostgreSQL triggers PG_STEPS adds in migration `number`."""
    found: dict[str, str] = {}
    for step in PG_STEPS.get(number, []):
        if isinstance(step, str):
            m = re.match(r'CREATE TRIGGER "(\w+)" .*? ON "(\w+)"', step, re.S)
            if m:
                found[m.group(1)] = m.group(2)
    return found


def migrate(conn, number: int) -> dict | None:
    """Run PostgreSQL migration `number` on `conn` (inside the caller's transaction)."""
    said: dict | None = None
    for statement in migration_ddl(number):
        conn.execute(statement)
    for step in PG_STEPS.get(number, []):
        if isinstance(step, str):
            conn.execute(step)
        else:
            said = step(conn) or said
    if number == 1:
        conn.execute(f"INSERT INTO {META_TABLE} (key, value) VALUES ('application_id', ?), ('user_version', 0)",
                     (APPLICATION_ID,))
    conn.execute(f"UPDATE {META_TABLE} SET value = ? WHERE key = 'user_version'", (number,))
    return said


def id_tables(version: int) -> set[str]:
    """The tables with a rowid-like `id` (an INSERT into them returns it)."""
    return {name for name, t in sqlite_schema(version).tables.items() if any(c[3] for c in t.columns)}


def read_meta(conn) -> tuple[int, int]:
    """(application_id, user_version) of a PostgreSQL database; (0, 0) for an empty one, (0, -1) for one
    that holds tables but is not RiskDesk's."""
    if not conn.table_exists(META_TABLE):
        others = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()").fetchone()[0]
        return (0, -1) if others else (0, 0)
    meta = dict(conn.execute(f"SELECT key, value FROM {META_TABLE}").fetchall())
    return int(meta.get("application_id", 0)), int(meta.get("user_version", 0))
