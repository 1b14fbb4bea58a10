"""Is this history file as RiskDesk wrote it? `verify_file(path)` / `Store.verify()`.

What is checked, in this order (each problem a `chain.Problem` code with its details; wording.store words it):
1. SQLite's own check (`PRAGMA integrity_check`, or the faster `quick_check` for the check at opening) and
   `foreign_key_check`: a damaged page, a row of a snapshot that does not exist.
2. The schema objects (tables, indexes, views, triggers) are exactly those the migrations 1..user_version
   create: a dropped, edited or added trigger is named. Built by running the migrations on an empty
   database in memory, so the expectation can never drift from the code that creates the objects.
3. The hash chain (core/store/chain.py): links, hashes, each record's content, every record chained once.
   The check at opening looks at the newest entries only (`last`).
4. The chain heads printed on reports (recorded with each report) are still entries of the chain, and any
   head the officer copied from a paper report (`heads`): a forger who edits a record and recomputes the
   whole chain cannot keep the old heads in it.

`verify_file` opens the file read-only and never migrates it (an older file is reported, not changed).
No sentences here: codes and details only.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from core.store import chain
from core.store.chain import Problem, Progress
from core.store.pg import is_pg
from core.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

CHAIN_SINCE = 5          # the schema version that brought the chain
QUICK_ENTRIES = 200      # how many of the newest entries the check at opening recomputes
QUICK_MAX_ROWS = 50_000  # ... rehashing the content of those with at most this many rows (not a big snapshot)


@dataclass(frozen=True)
class Verification:
    """The outcome of a check. `ok` when no problem was found; `problems` in order, the first broken
    entry first. `full`: the whole chain and integrity_check (else the newest entries and quick_check)."""

    path: str | None
    schema_version: int
    entries: int
    head: str | None
    full: bool
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


_EXPECTED: dict[int, dict[tuple[str, str], tuple[str, str | None]]] = {}


def expected_objects(version: int) -> dict[tuple[str, str], tuple[str, str | None]]:
    """{(type, name): (table, sql)} of every schema object migrations 1..version create."""
    if version not in _EXPECTED:
        conn = sqlite3.connect(":memory:", isolation_level=None)
        try:
            for number in range(1, version + 1):
                MIGRATIONS[number - 1](conn)
            _EXPECTED[version] = _objects(conn)
        finally:
            conn.close()
    return _EXPECTED[version]


def _objects(conn: sqlite3.Connection) -> dict[tuple[str, str], tuple[str, str | None]]:
    # sqlite_* objects belong to SQLite (autoindexes, sqlite_stat1 written by PRAGMA optimize)
    return {(t, n): (tbl, sql) for t, n, tbl, sql in conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")}


def check_schema(conn: sqlite3.Connection, version: int) -> list[Problem]:
    expected, actual = expected_objects(version), _objects(conn)
    out = []
    for (kind, name), (table, sql) in sorted(expected.items(), key=lambda kv: (kv[0][0] != "trigger", kv[0])):
        if (kind, name) not in actual:
            out.append(Problem("object_missing", {"type": kind, "name": name, "table": table}))
        elif actual[(kind, name)][1] != sql:
            out.append(Problem("object_changed", {"type": kind, "name": name, "table": table}))
    for (kind, name), (table, _) in sorted(actual.items()):
        if (kind, name) not in expected:
            out.append(Problem("object_extra", {"type": kind, "name": name, "table": table}))
    return out


def check_team_schema(conn, version: int) -> list[Problem]:
    """The team database (PostgreSQL) holds the tables of `version` with their columns in order, and the
    triggers its migrations create, enabled: a dropped or disabled trigger is named. The team layer's own
    triggers and policies (core.store.pgteam, names starting with `team_`) may be there too."""
    from core.store import pgschema

    expected = pgschema.sqlite_schema(version)
    out: list[Problem] = []
    tables = {r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}
    for name, spec in expected.tables.items():
        if name not in tables:
            out.append(Problem("object_missing", {"type": "table", "name": name, "table": name}))
        elif conn.columns(name) != [c[0] for c in spec.columns]:
            out.append(Problem("object_changed", {"type": "table", "name": name, "table": name}))
    for name in sorted(tables - set(expected.tables) - {pgschema.META_TABLE}):
        out.append(Problem("object_extra", {"type": "table", "name": name, "table": name}))
    want = {f"{t}_no_{op}": t for t in expected.tables for op in ("update", "truncate")}
    for number in range(1, version + 1):
        want.update(pgschema.pg_triggers(number))
    actual = {name: (table, enabled) for name, table, enabled in conn.execute(
        "SELECT t.tgname, c.relname, t.tgenabled FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND n.nspname = current_schema()")}
    for name, table in sorted(want.items()):
        if name not in actual:
            out.append(Problem("object_missing", {"type": "trigger", "name": name, "table": table}))
        elif actual[name][1] == "D":
            out.append(Problem("object_changed", {"type": "trigger", "name": name, "table": table}))
    for name, (table, _) in sorted(actual.items()):
        if name not in want and not name.startswith("team_"):
            out.append(Problem("object_extra", {"type": "trigger", "name": name, "table": table}))
    return out


def check_integrity(conn: sqlite3.Connection, full: bool) -> list[Problem]:
    out: list[Problem] = []
    lines = [r[0] for r in conn.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check")]
    if lines != ["ok"]:
        out.append(Problem("integrity", {"message": lines[0] if lines else "", "count": len(lines)}))
    for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check").fetchall()[:20]:
        out.append(Problem("foreign_key", {"entity": table, "row_id": rowid, "parent": parent}))
    return out


def check_heads(conn: sqlite3.Connection, heads: Iterable[str]) -> list[Problem]:
    """Recorded report heads and the given ones must be entries of the chain."""
    out = []
    for rid, head in conn.execute("SELECT id, chain_head FROM report WHERE chain_head IS NOT NULL ORDER BY id"):
        if chain.contains(conn, head) is None:
            out.append(Problem("report_head_missing", {"report_id": rid, "head": chain.short(head)}))
    for head in heads:
        if chain.contains(conn, head) is None:
            out.append(Problem("head_not_found", {"head": str(head).strip()}))
    return out


def verify_connection(conn: Any, *, full: bool = True, heads: Iterable[str] = (),
                      progress: Progress | None = None, path: str | None = None) -> Verification:
    """Run the checks of the module doc on an open connection (read only: nothing is written)."""
    problems: list[Problem] = []
    version, entries, head = 0, 0, None

    def done() -> Verification:
        return Verification(path, version, entries, head, full, tuple(problems))

    team = is_pg(conn)
    try:
        if team:
            from core.store.pgschema import read_meta

            app_id, version = read_meta(conn)
        else:
            problems += check_integrity(conn, full)
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            problems.append(Problem("not_riskdesk", {"application_id": app_id}))
            return done()
        if version > SCHEMA_VERSION:
            problems.append(Problem("newer_schema", {"found": version, "supported": SCHEMA_VERSION}))
            return done()
        problems += check_team_schema(conn, version) if team else check_schema(conn, version)
        if version < CHAIN_SINCE:
            problems.append(Problem("no_chain", {"found": version, "since": CHAIN_SINCE}))
            return done()
        entries = conn.execute(f"SELECT count(*) FROM {chain.CHAIN_TABLE}").fetchone()[0]
        top = chain.head(conn)
        head = None if top is None else top[1]
        problems += chain.verify_chain(conn, last=None if full else QUICK_ENTRIES, progress=progress,
                                       max_rows=None if full else QUICK_MAX_ROWS)
        problems += check_heads(conn, heads)
    except sqlite3.DatabaseError as exc:
        problems.append(Problem("unreadable", {"reason": str(exc)}))
    return done()


def open_read_only(path: str | Path) -> sqlite3.Connection:
    """A read-only connection to an existing file (mode=ro; immutable=1 when even the -shm file of a WAL
    database cannot be made, e.g. on read-only media). Raises sqlite3.Error / FileNotFoundError."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(str(path))
    uri = path.resolve().as_uri()
    last: sqlite3.Error | None = None
    for query in ("?mode=ro", "?mode=ro&immutable=1"):
        conn = sqlite3.connect(uri + query, uri=True, isolation_level=None)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.Error as exc:
            conn.close()
            last = exc
    assert last is not None
    raise last


def backup_file(path: str | Path, out: str | Path) -> Path:
    """A consistent copy of the history at `path` in the new file `out`, made with SQLite's online backup
    from a read-only connection: safe while RiskDesk writes to it, never migrates or changes the original
    (a file of any schema version can be copied). Raises FileExistsError, FileNotFoundError, sqlite3.Error;
    a partial copy is removed. A postgresql:// `path`: the team database copied into the new file `out`
    (its schema must be this version's; StoreError otherwise)."""
    out = Path(out)
    if out.exists():
        raise FileExistsError(str(out))
    from core.store.pg import PgConnection, is_url

    if is_url(str(path)):       # the team database, copied record for record (core.store.pgcopy)
        from core.store.pgcopy import copy_history

        team = PgConnection.connect(str(path), busy_timeout_ms=10_000)
        try:
            copy_history(team, str(out))
        finally:
            team.close()
        return out
    src = open_read_only(path)
    try:
        target = sqlite3.connect(str(out))
        try:
            src.backup(target)
        finally:
            target.close()
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    return out


def verify_file(path: str | Path, *, full: bool = True, heads: Iterable[str] = (),
                progress: Progress | None = None) -> Verification:
    """Check the history file at `path` without changing it. A file that is missing or not an SQLite
    database gives one problem (`unreadable` / `not_a_database`). A `postgresql://…` URL checks the team
    database, in a read-only transaction."""
    from core.store.pg import PgConnection, is_url, redact

    if is_url(path):
        try:
            team = PgConnection.connect(str(path), busy_timeout_ms=10_000)
            team.execute("SET default_transaction_read_only = on")
        except sqlite3.Error as exc:
            return Verification(redact(str(path)), 0, 0, None, full, (Problem("unreadable", {"reason": str(exc)}),))
        try:
            return verify_connection(team, full=full, heads=heads, progress=progress, path=redact(str(path)))
        finally:
            chain.forget_connection(team)
            team.close()
    try:
        conn = open_read_only(path)
    except FileNotFoundError:
        return Verification(str(path), 0, 0, None, full, (Problem("unreadable", {"reason": "no such file"}),))
    except sqlite3.Error as exc:
        code = "not_a_database" if "not a database" in str(exc) else "unreadable"
        return Verification(str(path), 0, 0, None, full, (Problem(code, {"reason": str(exc)}),))
    try:
        return verify_connection(conn, full=full, heads=heads, progress=progress, path=str(path))
    finally:
        chain.forget_connection(conn)
        conn.close()


def describe_detail(problem: Problem) -> dict[str, Any]:
    """The problem's details (for JSON output)."""
    return {"code": problem.code, **problem.detail}
