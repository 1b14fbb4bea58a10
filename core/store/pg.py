"""PostgreSQL under the store: a connection that looks like the sqlite3 one the store was written for.

The team database (issue 13) runs the same store code as the local SQLite file. Rather than a second copy
of every query, the store keeps writing SQLite-flavoured SQL and this adapter turns it into PostgreSQL's,
statement by statement (cached):

- `?` placeholders become `%s` (and a literal `%` becomes `%%`), outside quoted text and identifiers;
- `LIMIT -1` (SQLite's "no limit") becomes `LIMIT ALL`; `json_each(?)` over a JSON list becomes
  `jsonb_array_elements_text(%s::jsonb)`, and `x IN (SELECT value FROM json_each(?))` becomes
  `x = ANY(%s)` with the JSON list passed as a list (integers stay integers); `IS ?` / `IS NOT ?` (null-safe)
  become `IS [NOT] DISTINCT FROM`;
- an INSERT into a table with an `id` gets `RETURNING id`, so `cursor.lastrowid` works as in sqlite3;
- `executemany` of an INSERT (one or many rows per statement, as `insert_frame_rows` writes a snapshot's
  million exposure rows) becomes one `COPY ... FROM STDIN`, PostgreSQL's bulk load;
- SQLite's tuning PRAGMAs (cache_size, temp_store, ...) do nothing (read, they give 0); any other PRAGMA is
  an error (the store asks the schema version and the like through core.store.pgschema instead);
- `BEGIN IMMEDIATE` (SQLite's one-writer-at-a-time) becomes BEGIN plus a transaction-scoped advisory
  lock: RiskDesk writers take turns, as on SQLite, so the hash chain gets one entry after another.

Errors come back as the sqlite3 exception classes the store already handles (a trigger's refusal is an
`sqlite3.IntegrityError` whose message is the store code, a lock wait past the timeout is "database is
locked", a lost server is "unable to open"), so one code path serves both backends.

Values read back are the Python types sqlite3 gives (int, str, float, bytes, None): the schema maps
INTEGER to BIGINT, REAL to DOUBLE PRECISION, BLOB to BYTEA (core.store.pgschema), which is what makes the
hash chain's canonical content (the repr of a row tuple) identical on both backends.
"""
from __future__ import annotations

import json
import re
import sqlite3
from typing import Any, Iterable, Iterator
from urllib.parse import urlsplit, urlunsplit

URL_PREFIXES = ("postgresql://", "postgres://")
DIALECT = "postgresql"
# pg_advisory_xact_lock key of "a RiskDesk write transaction" (any fixed 64-bit number; 'RSKDWRIT')
WRITE_LOCK = 0x52534B4457524954
# the SQLSTATEs that mean "someone else holds it": lock_not_available, deadlock, serialization failure,
# query_canceled (lock_timeout / statement_timeout)
_BUSY_STATES = {"55P03", "40P01", "40001", "57014"}


def is_url(target: Any) -> bool:
    """Whether `target` (a --db value) names a PostgreSQL database rather than an SQLite file."""
    return isinstance(target, str) and target.strip().lower().startswith(URL_PREFIXES)


def redact(url: str) -> str:
    """The URL without its password (what messages, settings and the journal may show)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = (parts.username or "") + "@" + host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


_translated: dict[str, tuple[str, str | None, tuple[int, ...]]] = {}
_INSERT = re.compile(r'^\s*INSERT\s+INTO\s+"?(\w+)"?\s*\(([^)]*)\)\s*VALUES\s*(.*)$', re.I | re.S)
# `x IN (SELECT value FROM json_each(?))` (one parameter holding a JSON list, whatever x is): `x = ANY(%s)`
# with the list itself as the parameter, so that integers stay integers and text text
_IN_JSON_EACH = re.compile(r"\s+IN\s*\(\s*SELECT\s+value\s+FROM\s+json_each\(\?\)\s*\)", re.I)
_LIST_MARK = "\x00"
# SQLite's own tuning (page cache, temp files, ...): nothing to tune on the server from here; read, they give 0
_TUNING_PRAGMA = re.compile(r"^\s*PRAGMA\s+(cache_size|cache_spill|temp_store|mmap_size|synchronous|"
                            r"journal_size_limit|optimize|busy_timeout|threads)\b\s*(=.*)?$", re.I | re.S)
_JSON_EACH = re.compile(r"SELECT\s+value\s+FROM\s+json_each\(\?\)", re.I)
_LIMIT_ALL = re.compile(r"LIMIT\s+-1\b", re.I)
_IS_NOT_PARAM = re.compile(r"\bIS\s+NOT\s+\?", re.I)
_IS_PARAM = re.compile(r"\bIS\s+\?", re.I)


def _placeholders(sql: str) -> tuple[str, tuple[int, ...]]:
    """`?` → `%s` and `%` → `%%` outside '...' and "..." (psycopg's paramstyle); with the positions of the
    parameters that are JSON lists to pass as lists (_LIST_MARK)."""
    out, quote, n, lists = [], None, 0, []
    for ch in sql:
        if quote:
            if ch == quote:
                quote = None
            out.append("%%" if ch == "%" else ch)
        elif ch in "'\"":
            quote = ch
            out.append(ch)
        elif ch in ("?", _LIST_MARK):
            if ch == _LIST_MARK:
                lists.append(n)
            n += 1
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        else:
            out.append(ch)
    return "".join(out), tuple(lists)


def translate(sql: str, id_tables: frozenset[str]) -> tuple[str, str | None, bool]:
    """(PostgreSQL text, the table an INSERT writes or None, whether RETURNING id was added)."""
    text, table, _lists = _translate(sql, id_tables)
    return text, table, table is not None and table in id_tables


def _translate(sql: str, id_tables: frozenset[str]) -> tuple[str, str | None, tuple[int, ...]]:
    done = _translated.get(sql)
    if done is None:
        text = _IN_JSON_EACH.sub(f" = ANY({_LIST_MARK})", sql)
        text = _JSON_EACH.sub("SELECT jsonb_array_elements_text(?::jsonb)", text)
        text = _LIMIT_ALL.sub("LIMIT ALL", text)
        text = _IS_NOT_PARAM.sub("IS DISTINCT FROM ?", text)        # SQLite's null-safe comparisons
        text = _IS_PARAM.sub("IS NOT DISTINCT FROM ?", text)
        m = _INSERT.match(text)
        table = m.group(1) if m and "RETURNING" not in text.upper() else None
        text, lists = _placeholders(text)
        done = _translated[sql] = (text, table, lists)
    text, table, lists = done
    if table is not None and table in id_tables:        # per connection: which tables have an id
        return text.rstrip().rstrip(";") + " RETURNING id", table, lists
    return text, table, lists


def _first_line(exc: BaseException) -> str:
    diag = getattr(exc, "diag", None)
    primary = getattr(diag, "message_primary", None) if diag is not None else None
    return primary or (str(exc).splitlines() or [""])[0]


def as_sqlite_error(exc: BaseException) -> sqlite3.Error:
    """The sqlite3 exception the store handles for a psycopg error (see the module doc)."""
    import psycopg

    state = getattr(exc, "sqlstate", None) or ""
    message = _first_line(exc)
    if state in _BUSY_STATES:
        return sqlite3.OperationalError(f"database is locked ({message})")
    if state == "P0001" or isinstance(exc, psycopg.IntegrityError):
        return sqlite3.IntegrityError(message)
    if state == "42501":                 # insufficient_privilege: the server's grants refused it
        return sqlite3.IntegrityError(f"permission denied: {message}")
    if isinstance(exc, psycopg.OperationalError):
        return sqlite3.OperationalError(f"unable to open the team database: {message}")
    if state == "53100":
        return sqlite3.OperationalError(f"database or disk is full ({message})")
    return sqlite3.DatabaseError(message)


class PgCursor:
    """The part of sqlite3.Cursor the store uses: fetchone/fetchall/fetchmany, iteration, lastrowid."""

    def __init__(self, cursor, lastrowid: int | None = None, rows: list | None = None):
        self._cursor = cursor
        self.lastrowid = lastrowid
        self._rows = rows            # a RETURNING row already read

    @property
    def description(self):
        return None if self._cursor is None else self._cursor.description

    @property
    def rowcount(self) -> int:
        return -1 if self._cursor is None else self._cursor.rowcount

    def _guard(self, fn, *args):
        import psycopg

        try:
            return fn(*args)
        except psycopg.Error as exc:
            raise as_sqlite_error(exc) from exc

    def fetchone(self):
        if self._rows is not None:
            return self._rows.pop(0) if self._rows else None
        if self._cursor.description is None:
            return None
        return self._guard(self._cursor.fetchone)

    def fetchall(self) -> list:
        if self._rows is not None:
            rows, self._rows = self._rows, []
            return rows
        if self._cursor.description is None:
            return []
        return self._guard(self._cursor.fetchall)

    def fetchmany(self, size: int) -> list:
        if self._rows is not None:
            rows, self._rows = self._rows[:size], self._rows[size:]
            return rows
        if self._cursor.description is None:
            return []
        return self._guard(self._cursor.fetchmany, size)

    def __iter__(self) -> Iterator[tuple]:
        while True:
            batch = self.fetchmany(5000)
            if not batch:
                return
            yield from batch


class PgConnection:
    """A psycopg 3 connection in autocommit mode, driven like the store's sqlite3 connection (the store
    sends BEGIN/COMMIT/ROLLBACK/SAVEPOINT itself). One per Store, one thread, as with sqlite3."""

    dialect = DIALECT

    def __init__(self, raw, url: str, id_tables: Iterable[str] = ()):
        self.raw = raw
        self.url = url
        self.id_tables = frozenset(id_tables)

    @classmethod
    def connect(cls, url: str, *, busy_timeout_ms: int, id_tables: Iterable[str] = (),
                application_name: str = "RiskDesk") -> "PgConnection":
        """Connect (autocommit; lock waits end after `busy_timeout_ms` as SQLite's busy timeout does).
        Raises sqlite3.OperationalError when the server cannot be reached or refuses the login."""
        import psycopg

        try:
            raw = psycopg.connect(url, autocommit=True, application_name=application_name,
                                  connect_timeout=max(1, busy_timeout_ms // 1000))
        except psycopg.Error as exc:
            raise sqlite3.OperationalError(f"unable to open the team database: {_first_line(exc)}") from None
        conn = cls(raw, url, id_tables)
        conn.execute(f"SET lock_timeout = {int(busy_timeout_ms)}")
        # the server's clock and texts must not leak into records: times come from the store's clock
        conn.execute("SET TIME ZONE 'UTC'")
        return conn

    # -- sqlite3.Connection's interface ---------------------------------------------------------------

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def execute(self, sql: str, params: tuple | list | dict = ()) -> PgCursor:
        import psycopg

        tuning = _TUNING_PRAGMA.match(sql)
        if tuning is not None:
            return PgCursor(None, rows=[] if tuning.group(2) else [(0,)])
        if sql.strip().upper() == "BEGIN IMMEDIATE":
            self._run("BEGIN", ())
            try:
                return self._run("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            except sqlite3.Error:
                self._run("ROLLBACK", ())    # as with SQLite, a BEGIN IMMEDIATE that failed left no transaction
                raise
        text, table, lists = _translate(sql, self.id_tables)
        returning = table is not None and table in self.id_tables
        if lists:
            params = list(params)
            for i in lists:
                params[i] = json.loads(params[i]) if isinstance(params[i], str) else list(params[i])
        cur = self._run(text, params)
        if returning:
            try:
                row = cur._cursor.fetchone()
            except psycopg.Error as exc:
                raise as_sqlite_error(exc) from exc
            return PgCursor(cur._cursor, lastrowid=None if row is None else row[0], rows=[])
        return cur

    def _run(self, text: str, params) -> PgCursor:
        import psycopg

        cursor = self.raw.cursor()
        try:
            cursor.execute(text, tuple(params or ()))
        except psycopg.Error as exc:
            raise as_sqlite_error(exc) from exc
        return PgCursor(cursor)

    def executemany(self, sql: str, seq_of_params: Iterable) -> PgCursor:
        """An INSERT of rows is one COPY (the rows of a multi-row VALUES statement split apart); anything
        else runs statement by statement."""
        import psycopg

        m = _INSERT.match(sql)
        if m is None:
            text, _, _ = translate(sql, frozenset())
            cursor = self.raw.cursor()
            try:
                cursor.executemany(text, list(seq_of_params))
            except psycopg.Error as exc:
                raise as_sqlite_error(exc) from exc
            return PgCursor(cursor)
        table, cols = m.group(1), m.group(2)
        width = len([c for c in cols.split(",") if c.strip()])
        cursor = self.raw.cursor()
        try:
            with cursor.copy(f'COPY "{table}" ({cols}) FROM STDIN') as copy:
                for params in seq_of_params:
                    if len(params) == width:
                        copy.write_row(params)
                    else:
                        for i in range(0, len(params), width):
                            copy.write_row(params[i:i + width])
        except psycopg.Error as exc:
            raise as_sqlite_error(exc) from exc
        return PgCursor(cursor)

    def close(self) -> None:
        self.raw.close()

    # -- what only the team database has --------------------------------------------------------------

    def session_user(self) -> str:
        """The login the server knows this connection by (recorded as the user of every chain entry)."""
        return self.execute("SELECT session_user").fetchone()[0]

    def table_exists(self, table: str) -> bool:
        return self.execute("SELECT to_regclass(?) IS NOT NULL", (f'"{table}"',)).fetchone()[0]

    def columns(self, table: str) -> list[str]:
        """The table's columns in their order (what PRAGMA table_info lists on SQLite)."""
        return [r[0] for r in self.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(?) AND attnum > 0 "
            "AND NOT attisdropped ORDER BY attnum", (f'"{table}"',)).fetchall()]


def server_refusal(exc: BaseException, user: str | None) -> Any:
    """The StoreError for a refusal of the team layer (core.store.pgteam: grants, row-level security, the
    identity and decision triggers), or None. The schema's own rules stay sqlite3.IntegrityError on both
    backends (the store checks them first, as on SQLite)."""
    from core.store.errors import StoreError

    if not isinstance(exc, sqlite3.IntegrityError):
        return None
    text = str(exc)
    if text == "same_person":
        return StoreError("same_person", user=user, by="server")
    if text == "role_required":
        return StoreError("role_required", user=user, needs=["senior_management"], action="decide", by="server")
    if text == "identity" or text.startswith("permission denied") or "row-level security" in text:
        return StoreError("role_required", user=user, needs=["a database role granted by `db grant`"],
                          by="server", reason=text)
    return None


def is_pg(conn: Any) -> bool:
    return getattr(conn, "dialect", None) == DIALECT


class PgQuery:
    """`store.db` on the team database: `query(sql, params)` yields dicts and `db[table].count` counts,
    as sqlite-utils' Database does."""

    def __init__(self, conn: PgConnection):
        self.conn = conn

    def __getitem__(self, table: str) -> "_PgTable":
        return _PgTable(self.conn, table)

    def table_names(self) -> list[str]:
        """The store's tables, as sqlite-utils' `table_names()` lists them (the tests count every table)."""
        rows = self.conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                                 "ORDER BY tablename").fetchall()
        return [r[0] for r in rows]

    def query(self, sql: str, params: tuple | list = ()) -> Iterator[dict[str, Any]]:
        cur = self.conn.execute(sql, params)
        names = [d[0] for d in cur.description or ()]
        for row in cur:
            yield dict(zip(names, row))


class _PgTable:
    def __init__(self, conn: PgConnection, name: str):
        self.conn, self.name = conn, name

    @property
    def count(self) -> int:
        return self.conn.execute(f'SELECT count(*) FROM "{self.name}"').fetchone()[0]

    @property
    def columns_dict(self) -> dict[str, str]:
        """Column name -> PostgreSQL type name, in table order (sqlite-utils gives Python types: only the
        names are relied on)."""
        rows = self.conn.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
            (self.name,)).fetchall()
        return {name: kind for name, kind in rows}
