"""The connection, its pragmas, migrations, transactions, the clock and the journal.

Crash-safety choices (see also DESIGN notes in `core/store/__init__.py`):
- journal_mode=WAL: readers never block the writer, and a commit is one append to the -wal file; after a
  crash SQLite replays or ignores the WAL tail, so the database holds exactly the committed transactions.
- synchronous=FULL: the WAL is fsynced at every commit, so a record the user was told is saved survives
  a power cut too (NORMAL would stay consistent but may lose the last commits). Our commits are few and
  large (one per user action), so the extra fsync costs nothing noticeable.
- Every write method runs inside `transaction()` (BEGIN IMMEDIATE … COMMIT): a multi-row write (a
  snapshot of a million exposures, a decision and the version it creates) is all or nothing, and the
  journal row describing a change is written in the same transaction as the change.
- foreign_keys=ON; recursive_triggers=ON (so that INSERT OR REPLACE cannot bypass the 'immutable'
  delete triggers); busy_timeout so that a second RiskDesk window waits instead of failing.
"""
from __future__ import annotations

import getpass
import json
import os
import sqlite3
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from datetime import date, datetime, timezone
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Iterator

import platformdirs
import sqlite_utils

from core.store import chain, pg
from core.store.errors import StoreError
from core.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

APP_NAME = "RiskDesk"
DB_FILE_NAME = "riskdesk.sqlite3"
BUSY_TIMEOUT_MS = 10_000
# The page size of a new database file: 16 KiB, not SQLite's 4 KiB. A snapshot's rows and an evaluation's kept
# sums are blobs of megabytes (~35 MB at a million exposures), which SQLite keeps as chains of overflow pages:
# a quarter of the pages to write to the WAL, to read back for the chain's hash and for the screens. Measured
# on the import of a million exposures into a new file (4 alternated runs): storing the snapshot 0.50 -> 0.37 s
# of CPU, the chain's seal 0.127 -> 0.110 s (64 KiB gained little more, and would make every small commit
# write 64 KiB pages).
PAGE_SIZE = 16_384

Clock = Callable[[], datetime]

# A demo database is opened (its migrations journaled) at this fixed moment and by the OS account "demo",
# so that a fresh demo always has the same chain, hence the same head printed on its reports (identical
# bytes). `Store.open_demo(path)`.
DEMO_OPENED = datetime(2024, 6, 1, tzinfo=timezone.utc)
DEMO_ACCOUNT = "demo"


def default_db_path() -> Path:
    """The user's history database: <platform user data dir>/RiskDesk/riskdesk.sqlite3 (folder created)."""
    folder = platformdirs.user_data_path(APP_NAME, appauthor=False)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / DB_FILE_NAME


def os_account() -> str | None:
    """The operating-system account running RiskDesk (recorded with every entry of the chain), or None."""
    try:
        return getpass.getuser() or None
    except Exception:   # no login name (some containers, services)
        return None


def classify(exc: BaseException, path: Any = None) -> StoreError | None:
    """The StoreError for an sqlite3 failure a user can act on: the database busy (another program holds
    it past the busy timeout), the disk full, the file read-only, unreadable (I/O) or damaged; else None
    (a bug or a rule refused by the schema: not for the user to fix by waiting or making room)."""
    if not isinstance(exc, sqlite3.Error) or isinstance(exc, sqlite3.IntegrityError):
        return None
    text = str(exc).lower()
    where = {"path": str(path), "reason": str(exc)}
    if "locked" in text or "busy" in text:
        return StoreError("busy", **where)
    if "full" in text:
        return StoreError("disk_full", **where)
    if "readonly" in text or "read-only" in text:
        return StoreError("read_only", **where)
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return StoreError("not_a_database", **where)
    if "disk i/o" in text or "unable to open" in text:
        return StoreError("unreadable", **where)
    return None


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def iso_utc(moment: datetime | str) -> str:
    """UTC ISO 8601 with microseconds, e.g. 2025-07-01T08:00:00.000000+00:00 (sorts as text)."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        raise StoreError("invalid_value", field="created_at", value=str(moment), allowed="timezone-aware")
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def _writable(path: Path) -> bool:
    """Whether RiskDesk could write the database file (and the -wal/-shm files beside it)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if hasattr(value, "item"):          # numpy scalars
        return value.item()
    raise StoreError("not_json", type=type(value).__name__)


def _nonfinite_path(value: Any, path: str = "$") -> str | None:
    if isinstance(value, float) and value != value or value in (float("inf"), float("-inf")):
        return path
    if isinstance(value, dict):
        items = ((f"{path}.{k}", v) for k, v in value.items())
    elif isinstance(value, (list, tuple)):
        items = ((f"{path}[{i}]", v) for i, v in enumerate(value))
    else:
        return None
    for sub, v in items:
        found = _nonfinite_path(v, sub)
        if found:
            return found
    return None


def to_json(value: Any) -> str:
    """JSON text of a document. Decimal and dates become their text; NaN/inf are refused (not JSON):
    `not_json` with the path of the first one, e.g. $.limits[3].flagged[0].ratio."""
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False, default=_json_default)
    except ValueError:
        raise StoreError("not_json", type="non-finite float", path=_nonfinite_path(value)) from None


def from_json(text: str | None) -> Any:
    return None if text is None else json.loads(text)


class StoreBase:
    """Owns one sqlite3 connection (wrapped by sqlite-utils as `self.db`)."""

    def __init__(self, conn: Any, path: Path | None, clock: Clock | None = None,
                 *, read_only: bool = False, os_user: str | None = None):
        # One Store = one connection = one thread (sqlite3's check_same_thread): a worker thread opens
        # its own Store on the same file (WAL lets it read while another connection writes).
        self.conn = conn
        self.path = path
        # the team database (core.store.pg): the same store on PostgreSQL, `url` without its password
        self.is_team = pg.is_pg(conn)
        self.url: str | None = pg.redact(conn.url) if self.is_team else None
        self.db = pg.PgQuery(conn) if self.is_team else sqlite_utils.Database(
            conn, execute_plugins=False, recursive_triggers=True)
        self._clock: Clock = clock or utc_now
        self._savepoints = 0
        # read_only: opened for viewing only (--read-only, read-only media, or a check at opening failed);
        # every write method then raises StoreError("read_only") before touching the file.
        self.read_only = read_only
        # the OS account recorded with each chain entry (accountability; see README "History and
        # tamper-evidence"); the display name is each record's created_by.
        self.os_user = os_user
        # maker-checker by OS account as well as by name (the GUI sets it: one login, one person; tests and
        # the demo's loader act several people from one login and leave it off)
        self.require_distinct_accounts = False
        # records written in the open transaction, chained (core.store.chain) just before it commits
        self._pending: list[tuple[str, int]] = []
        # the chain contents of some of them, hashed ahead of the commit (hash_ahead)
        self._contents: dict[tuple[str, int], str] = {}

    # -- opening ------------------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike | None = None, *, clock: Clock | None = None,
             busy_timeout_ms: int = BUSY_TIMEOUT_MS, read_only: bool = False, os_user: str | None = None):
        """Open (creating and migrating if needed) the database file; None = `default_db_path()`.
        The folder of an explicit path must exist (a mistyped --db path is an error, not a new folder).

        `read_only`: for viewing and reports only (nothing is migrated or written). A file that exists but
        cannot be written (read-only media, no permission) is opened read-only without being asked.
        `os_user`: the OS account recorded with each chain entry (default: the login running RiskDesk).

        A `postgresql://…` URL opens the team database instead (`_open_team`): the same schema, migrated
        the same way, and the server's login (session_user) as the user of each chain entry."""
        if pg.is_url(path):
            return cls._open_team(str(path).strip(), clock, busy_timeout_ms, read_only, os_user)
        path = Path(path) if path is not None else default_db_path()
        who = os_user if os_user is not None else os_account()
        if not read_only and path.exists() and not _writable(path):
            read_only = True
        if read_only:
            return cls._open_read_only(path, clock, busy_timeout_ms, who)
        try:
            conn = sqlite3.connect(str(path), isolation_level=None, timeout=busy_timeout_ms / 1000)
        except sqlite3.Error as exc:
            raise StoreError("cannot_open", path=str(path), reason=str(exc)) from None
        return cls._setup(conn, path, clock, busy_timeout_ms, os_user=who)

    @classmethod
    def _open_team(cls, url: str, clock: Clock | None, busy_timeout_ms: int, read_only: bool,
                   os_user: str | None):
        """The team database at `url` (PostgreSQL, core.store.pg and pgschema): checked to be RiskDesk's
        (or empty), created and migrated unless `read_only`."""
        from core.store import pgschema

        shown = pg.redact(url)
        try:
            conn = pg.PgConnection.connect(url, busy_timeout_ms=busy_timeout_ms,
                                           id_tables=pgschema.id_tables(SCHEMA_VERSION))
        except sqlite3.Error as exc:
            raise StoreError("cannot_open", path=shown, reason=str(exc)) from None
        try:
            app_id, version = pgschema.read_meta(conn)
            if version < 0 or app_id not in (0, APPLICATION_ID):
                raise StoreError("not_riskdesk", path=shown, application_id=app_id)
            if version > SCHEMA_VERSION:
                raise StoreError("newer_schema", path=shown, found=version, supported=SCHEMA_VERSION)
            if read_only and version < SCHEMA_VERSION:
                raise StoreError("read_only", path=shown, found=version, supported=SCHEMA_VERSION,
                                 reason="an older schema cannot be migrated read-only")
            if read_only:
                conn.execute("SET default_transaction_read_only = on")
            elif 1 <= version < SCHEMA_VERSION and conn.execute(
                    "SELECT to_regprocedure('team_applies()') IS NOT NULL AND team_applies()").fetchone()[0]:
                # a team member cannot change the schema: the administrator migrates it (db init-team)
                raise StoreError("cannot_open", path=shown, found=version, supported=SCHEMA_VERSION,
                                 reason=f"the team database is at schema v{version}, this RiskDesk needs "
                                        f"v{SCHEMA_VERSION}: the database administrator runs `db init-team URL`")
            # identity from the server: the login, not a name the user typed (a team database refuses a
            # chain entry whose os_user is not the session's login: core.store.pgteam)
            who = os_user if os_user is not None else conn.session_user()
        except StoreError:
            conn.close()
            raise
        except sqlite3.Error as exc:
            conn.close()
            raise classify(exc, shown) or StoreError("cannot_open", path=shown, reason=str(exc)) from None
        store = cls(conn, None, clock, read_only=read_only, os_user=who)
        if not read_only:
            try:
                store._migrate()
            except sqlite3.Error as exc:
                conn.close()
                raise classify(exc, shown) or StoreError("cannot_open", path=shown, reason=str(exc)) from None
        return store

    @classmethod
    def open_demo(cls, path: str | os.PathLike):
        """A new database for the demo (core.demo.load_demo fills it): created at DEMO_OPENED by the account
        DEMO_ACCOUNT, then on the real clock (load_demo dates its records itself)."""
        store = cls.open(path, clock=lambda: DEMO_OPENED, os_user=DEMO_ACCOUNT)
        store._clock = utc_now
        return store

    @classmethod
    def _open_read_only(cls, path: Path, clock: Clock | None, busy_timeout_ms: int, who: str | None):
        if not path.exists():
            raise StoreError("cannot_open", path=str(path), reason="no such file")
        uri = path.resolve().as_uri()
        last: BaseException | None = None
        # mode=ro still needs the -shm file of a WAL database; on read-only media that may not be
        # creatable, and then immutable=1 (nobody can be writing to read-only media) reads the file as is.
        for query in ("?mode=ro", "?mode=ro&immutable=1"):
            conn = sqlite3.connect(uri + query, uri=True, isolation_level=None, timeout=busy_timeout_ms / 1000)
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.DatabaseError as exc:
                conn.close()
                last = exc
                continue
            return cls._setup(conn, path, clock, busy_timeout_ms, read_only=True, os_user=who)
        err = classify(last, path) if last is not None else None
        raise err or StoreError("cannot_open", path=str(path), reason=str(last))

    @classmethod
    def create_in_memory(cls, *, clock: Clock | None = None, os_user: str | None = None):
        """A fresh database in memory (tests, `--demo`): same schema and rules, no WAL (nothing to crash)."""
        conn = sqlite3.connect(":memory:", isolation_level=None)
        return cls._setup(conn, None, clock, BUSY_TIMEOUT_MS, os_user=os_user if os_user is not None else os_account())

    @classmethod
    def _setup(cls, conn: sqlite3.Connection, path: Path | None, clock: Clock | None, busy_timeout_ms: int,
               *, read_only: bool = False, os_user: str | None = None):
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA recursive_triggers = ON")
            if read_only:
                conn.execute("PRAGMA query_only = ON")
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if app_id not in (0, APPLICATION_ID) or (app_id == 0 and version != 0):
                raise StoreError("not_riskdesk", path=str(path), application_id=app_id)
            if app_id == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise StoreError("not_riskdesk", path=str(path), application_id=app_id)
            if version > SCHEMA_VERSION:
                raise StoreError("newer_schema", path=str(path), found=version, supported=SCHEMA_VERSION)
            if read_only and version < SCHEMA_VERSION:
                # an older file would have to be migrated (a write) before this version can read it
                raise StoreError("read_only", path=str(path), found=version, supported=SCHEMA_VERSION,
                                 reason="an older schema cannot be migrated read-only")
            if path is not None and not read_only:
                if app_id == 0 and version == 0:
                    # a new file (empty: checked above): pages of PAGE_SIZE, settable only now (before the first
                    # table and the switch to WAL); a file made before keeps the pages it has
                    conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() != "wal":      # e.g. a network drive without shared memory
                    raise StoreError("cannot_open", path=str(path), reason=f"journal_mode={mode}")
            if not read_only:
                conn.execute("PRAGMA synchronous = FULL")
                conn.execute("PRAGMA journal_size_limit = 67108864")   # a big import's WAL shrinks back after checkpoint
        except StoreError:
            conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            conn.close()
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                raise StoreError("busy", path=str(path)) from None
            if "not a database" in str(exc) or "malformed" in str(exc):
                raise StoreError("not_a_database", path=str(path), reason=str(exc)) from None
            known = classify(exc, path)
            if known is not None and known.code in ("disk_full", "read_only", "unreadable"):
                raise known from None
            raise StoreError("cannot_open", path=str(path), reason=str(exc)) from None
        store = cls(conn, path, clock, read_only=read_only, os_user=os_user)
        if not read_only:
            try:
                store._migrate()
            except sqlite3.Error as exc:
                store.conn.close()
                raise classify(exc, path) or StoreError("cannot_open", path=str(path), reason=str(exc)) from None
        return store

    def _migrate(self) -> None:
        version = self.schema_version
        backup = None
        if 1 <= version < SCHEMA_VERSION and self.path is not None and self._holds_records():
            backup = self._backup_before_migration(version)
        at = None   # one time for all the migrations of one opening (one reading of the clock)
        for number in range(version + 1, SCHEMA_VERSION + 1):
            with self.transaction():
                if self.schema_version >= number:     # another process migrated while we waited
                    continue
                if self.is_team:
                    from core.store import pgschema

                    said = pgschema.migrate(self.conn, number)
                else:
                    if number == 1:
                        self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                    said = MIGRATIONS[number - 1](self.conn)
                    self.conn.execute(f"PRAGMA user_version = {number}")
                payload: dict[str, Any] = {"from": number - 1, "to": number, **(said or {})}
                if backup is not None:
                    payload["backup"] = str(backup)
                at = at or self.now()
                self._journal("schema.migrated", "schema", number, payload, None, at)

    def _holds_records(self) -> bool:
        """Anything on record besides the schema itself (every write journals, so the journal tells)."""
        return self.conn.execute("SELECT 1 FROM journal WHERE entity <> 'schema' LIMIT 1").fetchone() is not None

    def backup_path_for_migration(self, version: int) -> Path:
        """A new file next to the database: <stem>.v<version>-backup-<UTC stamp from the store clock><suffix>,
        with -2, -3, ... appended when that name is taken (an existing file is never overwritten)."""
        assert self.path is not None
        stamp = self._clock().astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        base = f"{self.path.stem}.v{version}-backup-{stamp}"
        suffix = self.path.suffix or ".sqlite"
        candidate, n = self.path.with_name(base + suffix), 1
        while candidate.exists():
            n += 1
            candidate = self.path.with_name(f"{base}-{n}{suffix}")
        return candidate

    def _backup_before_migration(self, version: int) -> Path:
        """Copy the database (as it is, at `version`) before a migration touches it; a copy that cannot be
        made stops the opening (`cannot_open`), the file untouched."""
        dest = self.backup_path_for_migration(version)
        try:
            self.backup_to(dest)
        except (sqlite3.Error, OSError, StoreError) as exc:
            try:
                if dest.exists():
                    dest.unlink()       # a partial copy is not a backup
            except OSError:
                pass
            self.conn.close()
            raise StoreError("cannot_open", path=str(self.path), reason=f"backup before migration failed: {exc}",
                             backup=str(dest)) from None
        return dest

    @property
    def where(self) -> Any:
        """The database as messages name it: the file, or the team database's URL without its password."""
        return self.url if self.is_team else self.path

    @property
    def location(self) -> Any:
        """What `Store.open` takes to open this database again (a worker's own connection): the file's path,
        or the team database's URL as given (with its password, if one was given; never shown: `url`)."""
        return self.conn.url if self.is_team else self.path

    @property
    def schema_version(self) -> int:
        if self.is_team:
            from core.store import pgschema

            return pgschema.read_meta(self.conn)[1]
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def pragma(self, name: str) -> Any:
        return self.conn.execute(f"PRAGMA {name}").fetchone()[0]

    def integrity_check(self) -> list[str]:
        """SQLite's integrity_check and foreign_key_check; [] when all is well. A file too damaged for the
        check to run gives its error as the one problem (instead of raising). The team database's pages
        are the server's business: nothing to check from here."""
        if self.is_team:
            return []
        try:
            out = [r[0] for r in self.conn.execute("PRAGMA integrity_check")]
            problems = [] if out == ["ok"] else out
            problems += [f"foreign key: {tuple(r)}" for r in self.conn.execute("PRAGMA foreign_key_check")]
        except sqlite3.DatabaseError as exc:
            problems = [str(exc)]
        return problems

    # -- tamper evidence --------------------------------------------------------------------------------

    def verify(self, *, full: bool = True, heads: tuple[str, ...] | list[str] = (), progress=None):
        """core.store.verify on this database: the full check, or (full=False) the cheap one made at opening
        (the newest entries, the schema objects, quick_check). Returns a `Verification`."""
        from core.store.verify import verify_connection

        return verify_connection(self.conn, full=full, heads=heads, progress=progress,
                                 path=self.url if self.is_team else None if self.path is None else str(self.path))

    def chain_head(self, for_report: bool = False) -> str | None:
        """The hash of the newest chain entry (None before v5). `for_report`: the newest that is not a
        report's own record — the head a report made now is made from and prints (chain.report_head)."""
        try:
            top = chain.report_head(self.conn) if for_report else chain.head(self.conn)
        except sqlite3.OperationalError:        # no chain table (an older file opened read-only)
            return None
        return None if top is None else top[1]

    def changes_after(self, seq: int | None) -> tuple[int, list[tuple[str, int]]]:
        """(the newest chain seq, [(table, id) of every record chained after `seq`, in order]); `seq` None:
        just the newest seq. One indexed read: what another RiskDesk (another user of the team database)
        wrote since the last look — the GUI polls it to refresh its screens (ui.session)."""
        try:
            top = self.conn.execute("SELECT coalesce(max(seq), 0) FROM chain").fetchone()[0]
            if seq is None or top <= seq:
                return top, []
            rows = self.conn.execute("SELECT entity, row_id FROM chain WHERE seq > ? ORDER BY seq", (seq,)).fetchall()
        except sqlite3.OperationalError:        # no chain table (an older file opened read-only)
            return 0, []
        return top, [(entity, row_id) for entity, row_id in rows]

    def record_user_name(self, old: str | None, new: str) -> int:
        """Journal a change of the display name used on this computer (with the OS account, in the chain
        entry): so a rename between proposing and approving is on record. Returns the journal id."""
        name = (new or "").strip()
        if not name:
            raise StoreError("user_required", role="display_name")
        with self.transaction():
            return self._journal("user.renamed", "user", None, {"from": (old or "").strip() or None, "to": name,
                                                                 "os_user": self.os_user}, name)

    def backup_to(self, dest: str | os.PathLike) -> Path:
        """A consistent copy of the whole database (SQLite online backup), e.g. before a migration or for
        the officer's archive. Refuses to overwrite an existing file."""
        dest = Path(dest)
        if dest.exists():
            raise StoreError("invalid_value", field="dest", value=str(dest), allowed="a new file")
        if self.is_team:        # the team database copied into a new SQLite file, record for record
            from core.store.pgcopy import copy_history

            copy_history(self.conn, str(dest))
            return dest
        try:
            target = sqlite3.connect(str(dest))
            try:
                self.conn.backup(target)
            finally:
                target.close()
        except sqlite3.Error as exc:
            try:
                dest.unlink()               # a partial copy is not a backup
            except OSError:
                pass
            raise classify(exc, dest) or StoreError("cannot_open", path=str(dest), reason=str(exc)) from None
        return dest

    def close(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        if not self.read_only and not self.is_team:
            try:
                self.conn.execute("PRAGMA optimize")
            except sqlite3.Error:
                pass
        chain.forget_connection(self.conn)
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- transactions -------------------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator["StoreBase"]:
        """All writes inside happen together or not at all. Nested use joins the outer transaction
        (through a savepoint, so an inner failure that is caught rolls back only the inner part)."""
        if self.read_only:
            raise StoreError("read_only", path=str(self.where))
        if self.conn.in_transaction:
            self._savepoints += 1
            name = f"sp_{self._savepoints}"
            pending = len(self._pending)
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    self.conn.execute(f"RELEASE SAVEPOINT {name}")
                del self._pending[pending:]         # rolled back: not to be chained
                self._contents.clear()              # (a rolled-back id may be written again: hashed at commit)
                raise
            else:
                self.conn.execute(f"RELEASE SAVEPOINT {name}")
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise classify(exc, self.where) or StoreError("busy", path=str(self.where)) from None
        self._pending, self._contents = [], {}
        try:
            yield self
            self._seal()
        except BaseException as exc:
            self._pending, self._contents = [], {}
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            known = classify(exc, self.where) or (pg.server_refusal(exc, self.os_user) if self.is_team else None)
            if known is not None:
                raise known from None
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except BaseException as exc:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                known = classify(exc, self.where)
                if known is not None:
                    raise known from None
                raise

    def _seal(self) -> None:
        """Chain the records this transaction wrote (before COMMIT, so they and their entries are one
        transaction). Before the v5 migration there is no chain yet: v5 chains what is there."""
        pending, self._pending = self._pending, []
        contents, self._contents = self._contents, {}
        if pending and self.schema_version >= 5:
            chain.append(self.conn, pending, self.os_user, contents)

    def hash_ahead(self, table: str, row_id: int) -> None:
        """Hash now, for the commit, the chain content of a record the open transaction wrote and that nothing
        in it adds rows to any more (a snapshot once save_snapshot returned: its rows and blocks are written, and
        immutable). The import does it while its worker finishes the kept sums, instead of after it (issue 15:
        the snapshot's blocks read back and hashed, 0.03-0.04 s of CPU at a million exposures). The same
        content_sha256 the commit would compute, so the same chain; a savepoint rolled back drops what was
        hashed ahead (its ids may be written again)."""
        if self.conn.in_transaction and (table, row_id) in self._pending and self.schema_version >= 5:
            content = chain.content_sha256(self.conn, table, row_id)
            if content is not None:
                self._contents[(table, row_id)] = content

    # -- helpers ------------------------------------------------------------------------------------------

    def now(self) -> str:
        return iso_utc(self._clock())

    @contextmanager
    def clock_replaced(self, clock: Clock) -> Iterator[None]:
        """Record with `clock` instead of the store's own for a while: for loading prepared history (the
        demo's year of use) with the times it tells of. Ids still give the order things were written in."""
        saved, self._clock = self._clock, clock
        try:
            yield
        finally:
            self._clock = saved

    def _insert(self, table: str, values: dict[str, Any]) -> int:
        cols = ", ".join(f'"{c}"' for c in values)
        marks = ", ".join("?" for _ in values)
        cur = self.conn.execute(f'INSERT INTO "{table}" ({cols}) VALUES ({marks})', tuple(values.values()))
        rowid = cur.lastrowid
        assert rowid is not None   # sqlite3 sets it after every INSERT
        if table in chain.COVERED:
            self._pending.append((table, rowid))
        return rowid

    def _journal(self, action: str, entity: str, entity_id: int | None, payload: dict[str, Any],
                 user: str | None, at: str | None = None) -> int:
        """Append-only audit record, written in the transaction of the change it describes."""
        return self._insert("journal", {"action": action, "entity": entity, "entity_id": entity_id,
                                        "payload": to_json(payload), "created_at": at or self.now(),
                                        "created_by": user})

    def _one(self, sql: str, params: tuple = ()) -> dict[str, Any] | None:
        return next(self.db.query(sql, params), None)

    def _one_of(self, sql: str, params: tuple = ()) -> dict[str, Any]:
        """The row of a query that always has one (an aggregate such as `max(...) + 1`; a case's opening event)."""
        row = self._one(sql, params)
        if row is None:
            raise RuntimeError(f"the query returned no row: {sql}")
        return row

    def _all(self, sql: str, params: tuple = ()) -> list[dict[str, Any]]:
        return list(self.db.query(sql, params))

    def _require(self, table: str, id_: int, entity: str | None = None) -> dict[str, Any]:
        row = self._one(f'SELECT * FROM "{table}" WHERE id = ?', (id_,))
        if row is None:
            raise StoreError("not_found", entity=entity or table, id=id_)
        return row

    def list_journal(self, entity: str | None = None, entity_id: int | None = None,
                     since: str | None = None) -> list:
        from core.store.records import JournalEntry

        sql, params = "SELECT * FROM journal WHERE 1 = 1", list[Any]()
        if entity is not None:
            sql += " AND entity = ?"
            params.append(entity)
        if entity_id is not None:
            sql += " AND entity_id = ?"
            params.append(entity_id)
        if since is not None:
            sql += " AND created_at >= ?"
            params.append(since)
        return [JournalEntry(id=r["id"], action=r["action"], entity=r["entity"], entity_id=r["entity_id"],
                             payload=from_json(r["payload"]), created_at=r["created_at"],
                             created_by=r["created_by"])
                for r in self.db.query(sql + " ORDER BY id", tuple(params))]
