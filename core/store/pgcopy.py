"""A whole history copied between the two backends, record for record: `db copy FILE postgresql://…` (a one-
person history into the team database) and `db backup postgresql://… FILE` (the team history into a file).

Every table is copied row for row with the same ids, the chain table included, into a database that holds
nothing yet; the schema is created there first (the migrations, without their journal rows — those come
with the copied journal). The copy is one transaction on the destination: a failure leaves it empty
(PostgreSQL) or removes the new file (SQLite). Because the values read back are the same Python values on
both backends, the copied chain verifies there as it did at the source (the caller verifies it).
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from core.store import pgschema
from core.store.errors import StoreError
from core.store.pg import PgConnection, is_pg, is_url, redact
from core.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

_BATCH = 20_000
_BLOB_BATCH = 16        # rows of a table with blobs (a snapshot's blocks, a megabyte or two each) read at a time


def source_version(conn: Any) -> int:
    if is_pg(conn):
        app_id, version = pgschema.read_meta(conn)
    else:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    if app_id != APPLICATION_ID:
        raise StoreError("not_riskdesk", application_id=app_id)
    return version


def copy_history(src: Any, dest: str) -> int:
    """Copy the history open on `src` (an sqlite3 or team connection) into `dest` (a new SQLite file, or the
    URL of an empty PostgreSQL database). Returns the number of rows copied. Refused: `newer_schema` /
    `invalid_value` (an older source: open it with this RiskDesk first, which migrates it; a destination
    that is not empty)."""
    version = source_version(src)
    if version != SCHEMA_VERSION:
        raise StoreError("invalid_value", field="source", value=version,
                         allowed=f"schema v{SCHEMA_VERSION} (open it with this RiskDesk first)")
    # one read transaction on the source: every table as of one moment, while others keep writing
    own = not src.in_transaction
    if own:
        src.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" if is_pg(src) else "BEGIN")
    try:
        if is_url(dest):
            return _into_team(src, dest, version)
        return _into_file(src, Path(dest), version)
    finally:
        if own and src.in_transaction:
            src.execute("ROLLBACK")


def _tables(version: int) -> list[tuple[str, list[str], list[str], int]]:
    """(table, columns, order, rows read at a time) in the order the migrations create them (parents before
    children)."""
    out = []
    for name, t in pgschema.sqlite_schema(version).tables.items():
        cols = [c[0] for c in t.columns]
        blobs = any(c[1].upper() == "BLOB" for c in t.columns)
        out.append((name, cols, t.primary_key or cols[:1], _BLOB_BATCH if blobs else _BATCH))
    return out


def _rows(src: Any, table: str, cols: list[str], order: list[str], batch_rows: int = _BATCH):
    cur = src.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} FROM "{table}" '
                      f'ORDER BY {", ".join(chr(34) + c + chr(34) for c in order)}')
    while True:
        batch = cur.fetchmany(batch_rows)
        if not batch:
            return
        yield from batch


def _copy_tables(src: Any, dest: Any, version: int) -> int:
    n = 0
    for table, cols, order, batch_rows in _tables(version):
        marks = ", ".join("?" for _ in cols)
        counted: list[int] = []

        def rows(table=table, cols=cols, order=order, counted=counted, batch_rows=batch_rows):
            for row in _rows(src, table, cols, order, batch_rows):
                counted.append(1)
                yield row

        dest.executemany(f'INSERT INTO "{table}" ({", ".join(chr(34) + c + chr(34) for c in cols)}) '
                         f"VALUES ({marks})", rows())
        n += len(counted)
    return n


def _into_team(src: Any, url: str, version: int) -> int:
    dest = PgConnection.connect(url, busy_timeout_ms=10_000)
    try:
        if pgschema.read_meta(dest) != (0, 0):
            raise StoreError("invalid_value", field="destination", value=redact(url), allowed="an empty database")
        dest.execute("BEGIN")
        try:
            for number in range(1, version + 1):
                pgschema.migrate(dest, number)
            dest.execute("SET CONSTRAINTS ALL DEFERRED")     # a proposal names a version written after it
            n = _copy_tables(src, dest, version)
            dest.execute("COMMIT")
        except BaseException:
            dest.execute("ROLLBACK")
            raise
        return n
    finally:
        dest.close()


def _into_file(src: Any, path: Path, version: int) -> int:
    if path.exists():
        raise StoreError("invalid_value", field="dest", value=str(path), allowed="a new file")
    dest = sqlite3.connect(str(path), isolation_level=None)
    try:
        dest.execute("BEGIN")
        for number in range(1, version + 1):
            MIGRATIONS[number - 1](dest)
        dest.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        dest.execute(f"PRAGMA user_version = {version}")
        n = _copy_tables(src, dest, version)
        dest.execute("COMMIT")
        dest.execute("PRAGMA journal_mode = WAL")
    except BaseException:
        dest.close()
        path.unlink(missing_ok=True)
        raise
    dest.close()
    return n
