"""The hash chain that makes the history tamper-evident: one entry per record, each hashing the one before.

Every record on file (a row of a "covered" table: the journal, assessments, snapshots, decisions, case
events, ...) has exactly one `chain` entry, written in the same transaction as the record:

    content_sha256 = SHA-256 of the record's canonical content (below)
    hash           = SHA-256 of  prev_hash \\n entity \\n row_id \\n content_sha256 \\n os_user
    prev_hash      = the hash of the entry before (64 zeros for the first)

Canonical content (UTF-8): the table name, then the row as Python writes the tuple of its values in the
table's column order (`repr`: ints, 'text', b'blob', None, floats in their shortest round-trip form — not
SQLite's float-to-text, which changed in 3.43 and would make old hashes fail under a newer SQLite). Rows
that belong to a header (snapshot rows, proposal and version rows, evaluation aggregates) are part of their
header's content, in `seq` (or id) order, joined by ", ": a 1,000,000-exposure snapshot is one entry,
hashed as one stream (verified in seconds, not one entry per row). A column a later migration adds to a
covered table goes into LATER_COLUMNS: hashed only when not NULL, so earlier rows keep their hash.

BLOB columns of the tables in BLOB_DIGESTS (schema v8's snapshot_block: a snapshot's columnar blocks, tens of
megabytes; and the evaluation_aggregate rows written from v8 on, those whose codec is
'riskdesk-frame-columns-v1+zstd', so that rows chained before keep their hash) are written in a row's
canonical content not as their repr but as the text 'sha256:<64 hex digits of the SHA-256 of the blob's
bytes>' (the repr of that str, like any text): the content still covers every byte, and hashing 60 MB of
blobs takes a fifth of a second instead of repr'ing them. Blocks belong to their snapshot in (part, block)
order.

A chain kept in the same file can be recomputed by a forger who knows this scheme; the head is therefore
printed on every report (and recorded with it), so an edited past no longer contains a head on paper.
Pure functions over a sqlite3 connection (or the PostgreSQL one of core.store.pg, which reads back the same
Python values, so the same records give the same chain on both backends); no sentences (verify returns codes and details).
"""
from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from core.store.pg import is_pg

GENESIS = "0" * 64
SHORT = 16            # hex digits of the short head printed on reports (64 bits: no accidental match)

# header table -> the tables whose rows belong to it: (child table, parent column, order columns joined by ", ")
COVERED: dict[str, tuple[tuple[str, str, str], ...]] = {
    "journal": (),
    "assessment": (),
    "snapshot": (("snapshot_member", "snapshot_id", "seq"), ("snapshot_counterparty", "snapshot_id", "seq"),
                 ("snapshot_exposure", "snapshot_id", "seq"), ("snapshot_limit", "snapshot_id", "seq"),
                 ("snapshot_business", "snapshot_id", "seq"),
                 # v7: compact exposure rows and their vocabulary (LATER_CHILDREN)
                 ("snapshot_text", "snapshot_id", "seq"), ("snapshot_exposure_coded", "snapshot_id", "seq"),
                 # v8: columnar blocks (LATER_CHILDREN, BLOB_DIGESTS)
                 ("snapshot_block", "snapshot_id", "part, block")),
    "snapshot_withdrawal": (),
    "evaluation": (("evaluation_aggregate", "evaluation_id", "id"),),
    "limit_set": (),
    "limit_proposal": (("limit_proposal_row", "proposal_id", "seq"),),
    "limit_decision": (),
    "limit_proposal_withdrawal": (),
    "limit_set_version": (("limit_set_version_row", "version_id", "seq"),),
    "breach_case": (),
    "case_event": (),
    "report": (),
    "officer_text": (),
    "board_approval": (),
    # v6: governance records (core.store.governance)
    "role_grant": (), "appetite_statement": (), "policy_document": (), "major_event": (),
    "board_notification": (), "board_opinion": (), "regulator_submission": (), "internal_audit": (),
    "member_filing": (),
}
CHILD_TABLES = {child for children in COVERED.values() for child, _, _ in children}
CHAIN_TABLE = "chain"

_BATCH = 20_000


def short(head: str | None) -> str:
    """The printed form of a head: its first SHORT hex digits ("" for none)."""
    return (head or "")[:SHORT]


def entry_hash(prev: str, entity: str, row_id: int, content: str, os_user: str | None) -> str:
    text = f"{prev}\n{entity}\n{int(row_id)}\n{content}\n{os_user or ''}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# Columns added to a covered table by a later migration (ALTER TABLE ... ADD COLUMN): hashed only when not
# NULL, as name=value after the row, so that rows chained before the column existed keep their hash.
LATER_COLUMNS: dict[str, tuple[str, ...]] = {}

# Child tables added to a header by a later migration: hashed (their name and rows) only for a record that has
# rows in them, so that records chained before the table existed keep their hash.
LATER_CHILDREN: frozenset[str] = frozenset({"snapshot_text", "snapshot_exposure_coded", "snapshot_block"})

# table -> its BLOB columns hashed by their SHA-256 (module docstring) instead of their repr
BLOB_DIGESTS: dict[str, tuple[str, ...]] = {"snapshot_block": ("data",), "evaluation_aggregate": ("data",)}
# table -> (column, values): only its rows whose column has one of these values are hashed so (the others as
# they were chained before); a change of that column changes the content either way
DIGEST_WHEN: dict[str, tuple[str, frozenset]] = {
    "evaluation_aggregate": ("codec", frozenset({"riskdesk-frame-columns-v1+zstd"}))}
_DIGEST_BATCH = 8       # rows of such a table fetched at a time (a block is a megabyte or two)

# child table -> the column whose sum counts its rows (a block holds many rows), for `max_rows`
ROW_COUNTS: dict[str, str] = {"snapshot_block": "n_rows"}

_SQL_CACHE: dict[tuple[int, str, int], tuple[str, tuple[str, ...]]] = {}


def _table_sql(conn: sqlite3.Connection, table: str) -> tuple[str, tuple[str, ...]]:
    """(SELECT of the row's values in column order, the later columns selected after them)."""
    # keyed by the schema's version counter too: a migration that adds a column changes the statement
    key = (id(conn), table, _schema_counter(conn))
    cached = _SQL_CACHE.get(key)
    if cached is None:
        later = LATER_COLUMNS.get(table, ())
        names = table_columns(conn, table)
        cols = [c for c in names if c not in later]
        present = tuple(c for c in later if c in names)
        select = "SELECT " + ", ".join(f'"{c}"' for c in cols + list(present)) + f' FROM "{table}"'
        cached = _SQL_CACHE[key] = (select, present)
    return cached


def _schema_counter(conn) -> int:
    """A number that changes when the schema does: SQLite's schema_version; on PostgreSQL the count of
    columns of RiskDesk's tables (the only schema change a chained table sees is an added column)."""
    if is_pg(conn):
        return conn.execute("SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                            "JOIN pg_namespace n ON n.oid = c.relnamespace "
                            "WHERE n.nspname = current_schema() AND a.attnum > 0").fetchone()[0]
    return conn.execute("PRAGMA schema_version").fetchone()[0]


def table_columns(conn, table: str) -> list[str]:
    """The table's columns in their order, on either backend (the order the canonical content uses)."""
    if is_pg(conn):
        return conn.columns(table)
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]


def forget_connection(conn: Any) -> None:
    """Drop the cached statements of a closed connection (its id may be reused)."""
    for key in [k for k in _SQL_CACHE if k[0] == id(conn)]:
        del _SQL_CACHE[key]


def _digested(row: tuple, at: tuple[int, ...], when: tuple[int, frozenset] | None = None) -> tuple:
    """The row with the blobs at positions `at` replaced by 'sha256:<hex>' (module docstring); `when`: only if
    the value at that position is one of those."""
    if when is not None and row[when[0]] not in when[1]:
        return row
    values = list(row)
    for i in at:
        if isinstance(values[i], (bytes, bytearray, memoryview)):    # (a value of another type stays as it is)
            values[i] = "sha256:" + hashlib.sha256(values[i]).hexdigest()
    return tuple(values)


def _hash_rows(h, cursor: sqlite3.Cursor, later: tuple[str, ...], digest_at: tuple[int, ...] = (),
               when: tuple[int, frozenset] | None = None) -> int:
    """Feed the rows to `h` as the repr of each row tuple, joined by ", " (computed a batch at a time by
    repr of the batch list, which is the same text: the fast path for a million exposure rows). `digest_at`:
    the positions of blobs hashed by their SHA-256 (BLOB_DIGESTS)."""
    n, first = 0, True
    while True:
        batch = cursor.fetchmany(_DIGEST_BATCH if digest_at else _BATCH)
        if not batch:
            return n
        if digest_at:
            batch = [_digested(r, digest_at, when) for r in batch]
        if later:
            k = len(later)
            batch = [r[:-k] + tuple(f"{c}={v!r}" for c, v in zip(later, r[-k:]) if v is not None) for r in batch]
        n += len(batch)
        text = repr(batch)[1:-1]
        h.update((text if first else ", " + text).encode("utf-8"))
        first = False


def content_sha256(conn: sqlite3.Connection, table: str, row_id: int) -> str | None:
    """The canonical content hash of record `row_id` of `table` with the rows that belong to it;
    None when the record is not there."""
    select, later = _table_sql(conn, table)
    h = hashlib.sha256(f"{table}\x1e".encode("utf-8"))
    if _hash_rows(h, conn.execute(select + " WHERE id = ?", (row_id,)), later) != 1:
        return None
    for child, parent_col, order in COVERED[table]:
        if child in LATER_CHILDREN and (not _exists(conn, child) or conn.execute(
                f'SELECT 1 FROM "{child}" WHERE "{parent_col}" = ? LIMIT 1', (row_id,)).fetchone() is None):
            continue
        cselect, clater = _table_sql(conn, child)
        h.update(f"\x1d{child}\x1e".encode("utf-8"))
        digest_at, when = _digest_positions(conn, child)
        order_by = ", ".join(f'"{c}"' for c in order.split(", "))
        _hash_rows(h, conn.execute(cselect + f' WHERE "{parent_col}" = ? ORDER BY {order_by}', (row_id,)), clater,
                   digest_at, when)
    return h.hexdigest()


def _digest_positions(conn: Any, table: str) -> tuple[tuple[int, ...], tuple[int, frozenset] | None]:
    """(where in the table's selected row (_table_sql) its BLOB_DIGESTS columns are, its DIGEST_WHEN condition
    by position)."""
    wanted = BLOB_DIGESTS.get(table)
    if not wanted:
        return (), None
    later = LATER_COLUMNS.get(table, ())
    names = [c for c in table_columns(conn, table) if c not in later]
    cond = DIGEST_WHEN.get(table)
    return tuple(names.index(c) for c in wanted), None if cond is None else (names.index(cond[0]), cond[1])


def head(conn: sqlite3.Connection) -> tuple[int, str] | None:
    """(seq, hash) of the newest entry, or None for an empty chain."""
    r = conn.execute(f"SELECT seq, hash FROM {CHAIN_TABLE} ORDER BY seq DESC LIMIT 1").fetchone()
    return None if r is None else (r[0], r[1])


def report_head(conn: sqlite3.Connection) -> tuple[int, str] | None:
    """(seq, hash) of the newest entry that is not a report's own record (the report row or the journal row
    saying it was recorded): what a report made now is made from. Recording one report does not move it,
    so two reports made one after the other from the same records print the same head (identical bytes)."""
    r = conn.execute(
        f"SELECT c.seq, c.hash FROM {CHAIN_TABLE} c LEFT JOIN journal j ON c.entity = 'journal' AND j.id = c.row_id "
        "WHERE c.entity <> 'report' AND coalesce(j.entity, '') <> 'report' ORDER BY c.seq DESC LIMIT 1").fetchone()
    return None if r is None else (r[0], r[1])


def append(conn: sqlite3.Connection, records: Iterable[tuple[str, int]], os_user: str | None,
           contents: Mapping[tuple[str, int], str] | None = None) -> int:
    """Chain `records` ((table, id) in the order written), inside the caller's transaction. Returns how many.
    `contents`: content_sha256 of some of them, already computed in this transaction (StoreBase.hash_ahead)."""
    top = head(conn)
    seq, prev = (0, GENESIS) if top is None else top
    n = 0
    for table, row_id in records:
        content = contents.get((table, row_id)) if contents else None
        if content is None:
            content = content_sha256(conn, table, row_id)
        if content is None:          # written and then rolled back with its savepoint: nothing to chain
            continue
        seq += 1
        digest = entry_hash(prev, table, row_id, content, os_user)
        conn.execute(f"INSERT INTO {CHAIN_TABLE} (seq, entity, row_id, content_sha256, os_user, prev_hash, hash) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)", (seq, table, row_id, content, os_user, prev, digest))
        prev = digest
        n += 1
    return n


def _exists(conn: Any, table: str) -> bool:
    if is_pg(conn):
        return conn.table_exists(table)
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone() is not None


def unchained_records(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Every covered record without an entry, in the order they were written as far as the file tells
    (created_at, then table order, then id): what the v5 migration chains."""
    out: list[tuple[str, str, int, int]] = []
    for rank, table in enumerate(COVERED):
        if not _exists(conn, table):    # a table of a later migration (v5 runs before it is created)
            continue
        has_at = "created_at" in table_columns(conn, table)
        at = "created_at" if has_at else "''"
        for row_id, when in conn.execute(
                f'SELECT id, {at} FROM "{table}" WHERE id NOT IN '
                f"(SELECT row_id FROM {CHAIN_TABLE} WHERE entity = ?) ORDER BY id", (table,)):
            out.append((when or "", rank, row_id, table))  # type: ignore[arg-type]
    out.sort(key=lambda t: (t[0], t[1], t[2]))
    return [(t[3], t[2]) for t in out]  # type: ignore[misc]


# -- verification -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    """One thing wrong with a history file. `code` is stable (wording.store words it); `detail` holds the
    values a sentence needs (seq, entity, row_id, name...)."""

    code: str
    detail: dict[str, Any] = field(default_factory=dict)


Progress = Callable[[int, int], None]


def _child_rows(conn: sqlite3.Connection, table: str, row_id: int) -> int:
    """How many rows belong to the record (a block counts the rows it holds)."""
    def counted(child: str) -> str:
        return f'coalesce(sum("{ROW_COUNTS[child]}"), 0)' if child in ROW_COUNTS else "count(*)"

    return sum(conn.execute(f'SELECT {counted(child)} FROM "{child}" WHERE "{col}" = ?', (row_id,)).fetchone()[0]
               for child, col, _ in COVERED[table] if child not in LATER_CHILDREN or _exists(conn, child))


def verify_chain(conn: sqlite3.Connection, *, last: int | None = None,
                 progress: Progress | None = None, max_rows: int | None = None) -> list[Problem]:
    """Check the chain: links, each entry's hash, each record's content; every covered record chained once.
    `last`: recompute only the newest `last` entries (the cheap check at open); completeness (every record
    has its entry) is checked either way. `max_rows`: records with more rows than this (a big snapshot) get
    their links and hash checked but their content not rehashed (the check at opening stays quick).
    Returns the problems in chain order (the first broken entry first)."""
    problems: list[Problem] = []
    total = conn.execute(f"SELECT count(*) FROM {CHAIN_TABLE}").fetchone()[0]
    start = 0 if last is None else max(0, total - last)
    if start:
        r = conn.execute(f"SELECT hash FROM {CHAIN_TABLE} ORDER BY seq LIMIT 1 OFFSET ?", (start - 1,)).fetchone()
        prev, expected_seq = r[0], None
    else:
        prev, expected_seq = GENESIS, 1
    rows = conn.execute(f"SELECT seq, entity, row_id, content_sha256, os_user, prev_hash, hash FROM {CHAIN_TABLE} "
                        "ORDER BY seq LIMIT -1 OFFSET ?", (start,)).fetchall()
    done = 0
    for seq, entity, row_id, content, os_user, prev_hash, digest in rows:
        where = {"seq": seq, "entity": entity, "row_id": row_id}
        if expected_seq is not None and seq != expected_seq:
            problems.append(Problem("chain_gap", {**where, "expected": expected_seq}))
        expected_seq = seq + 1
        if prev_hash != prev:
            problems.append(Problem("chain_link", where))
        if entry_hash(prev_hash, entity, row_id, content, os_user) != digest:
            problems.append(Problem("chain_hash", where))
        if entity not in COVERED:
            problems.append(Problem("chain_entity", where))
        elif max_rows is not None and COVERED[entity] and _child_rows(conn, entity, row_id) > max_rows:
            if conn.execute(f'SELECT 1 FROM "{entity}" WHERE id = ?', (row_id,)).fetchone() is None:
                problems.append(Problem("record_missing", where))
        else:
            actual = content_sha256(conn, entity, row_id)
            if actual is None:
                problems.append(Problem("record_missing", where))
            elif actual != content:
                problems.append(Problem("record_changed", where))
        prev = digest
        done += 1
        if progress is not None:
            progress(done, len(rows))
    # every record chained: one indexed anti-join per table, cheap enough for the check at opening too
    for table in COVERED:
        if not _exists(conn, table):
            continue
        for (row_id,) in conn.execute(
                f'SELECT id FROM "{table}" WHERE id NOT IN (SELECT row_id FROM {CHAIN_TABLE} WHERE entity = ?) '
                "ORDER BY id", (table,)):
            problems.append(Problem("record_unchained", {"entity": table, "row_id": row_id}))
    return problems


def contains(conn: sqlite3.Connection, head_hash: str) -> int | None:
    """The seq of the entry whose hash is `head_hash` (full, or a short form of at least 12 digits)."""
    text = (head_hash or "").strip().lower()
    if len(text) < 12 or any(c not in "0123456789abcdef" for c in text):
        return None
    if len(text) == 64:
        r = conn.execute(f"SELECT seq FROM {CHAIN_TABLE} WHERE hash = ?", (text,)).fetchone()
    else:
        r = conn.execute(f"SELECT seq FROM {CHAIN_TABLE} WHERE substr(hash, 1, ?) = ? ORDER BY seq LIMIT 1",
                         (len(text), text)).fetchone()
    return None if r is None else r[0]
