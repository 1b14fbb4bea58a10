"""The GUI session: which database, which user, the open store — shared by the main window and screens.

The store is opened after the main window has painted (`Session.open_store`), its imports (sqlite_utils
pulls in pandas, about 0.4 s) in a worker thread, so they never delay the first window or freeze it. Screens get the
session in their constructor and use `when_store_ready(callback)` rather than `session.store` directly,
since the store may still be opening (or may have failed to open) when a screen is built.

Writes: every write to the history goes through one store worker (`ui.common.ops.StoreWorker`): a thread
holding a long-lived connection of its own, running writes one at a time in the order asked. Screens call
`Session.write(parent, fn, *args, changed=KIND, ...)` (in the background, like run_op) or
`Session.write_now(fn, *args, changed=KIND)` (a quick write whose result is needed at once); reads use
`run_with_store` (a connection per call) or the GUI thread's `store`. After each write the session emits
`changed(kind, ids)` on the GUI thread, so every screen showing that kind of record reloads, shown or not.

`--demo` opens a fresh database in a temporary folder (deleted at exit), filled in a worker thread through
`load_demo_into(store)` before the GUI opens it.

Tamper evidence (core.store.verify): the cheap check of an existing file (the newest chain entries, the
schema objects and triggers, SQLite's quick_check: a quarter to half a second over a million exposures) runs
in a worker beside the screens' first loads, not before them: the screens may show what they read at once.
Nothing that writes or prints may start before its verdict (`check_state`): the store worker opens its
connection only once the verdict is in, so a write asked for meanwhile waits in its queue
(`Session.write`, `write_now`), and `run_with_store(..., after_check=True)` (a report, an export) waits in
its worker. When the check fails, the store is opened again read-only, `integrity` holds the findings and
`store_changed` fires: the main window explains them until the officer acknowledges them, the screens read
again, and the writes that waited are refused (StoreError "read_only"). A file of an older schema is checked
before it is opened, as opening migrates it (a write). `--read-only` (and a file on read-only media, which
core.store detects) opens any history for viewing and reports only.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal


def import_store_module():
    """Import core.store (sqlite_utils, pandas: ~0.4 s). Runs in a worker thread, off the first paint."""
    import core.store as store_module

    return store_module


def default_db_path() -> Path:
    """The user's history database, as core.store chooses it (imports core.store: call it in a worker)."""
    return Path(import_store_module().default_db_path())


def open_store(path: Path, read_only: bool = False):
    """Open (creating and migrating if needed) the history database at `path`, on the GUI thread.

    A Store is one sqlite3 connection, usable only in the thread that opened it (core.store.base), so
    `Session.store` is the GUI thread's; work in a worker thread uses `Session.run_with_store`, which opens
    a Store of its own on the same file. Opening is fast once core.store is imported.
    """
    # No mkdir: core refuses a path whose folder does not exist (a mistyped --db is an error, not a folder).
    module = import_store_module()  # already imported by the worker: no cost here
    return module.Store.open(path, read_only=True) if read_only else module.Store.open(path)


def quick_check(path: Path):
    """The cheap check of an existing history file (worker thread): a core.store.verify.Verification, or
    None for a file not there yet (it is created) or not a database (opening it says so)."""
    from core.store.verify import verify_file

    if not Path(path).is_file():
        return None
    result = verify_file(path, full=False)
    if result.problems and result.problems[0].code in ("unreadable", "not_a_database", "not_riskdesk",
                                                       "newer_schema", "no_chain"):
        return None     # opening reports these (or migrates an older file) as before
    return result


def schema_version_of(path) -> int | None:
    """PRAGMA user_version of an existing SQLite file, read-only and without importing the store (None for
    no file, a team database's URL or a file SQLite cannot read: opening it says why)."""
    if not isinstance(path, Path) or not path.is_file():
        return None
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return None


class Verdict:
    """The opening check's verdict, shared with worker threads: `wait()` blocks until it is in (the store
    worker and the prints wait on it in their own threads, never the GUI thread on a signal). `failed`:
    the check found problems (or could not run); `result` the Verification, `error` an exception."""

    def __init__(self, done: bool = False):
        self._event = threading.Event()
        self.failed = False
        self.result: Any = None
        self.error: BaseException | None = None
        if done:
            self._event.set()

    @property
    def done(self) -> bool:
        return self._event.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        return self._event.wait(timeout)

    def give(self, result: Any = None, error: BaseException | None = None) -> None:
        """Set in the checking worker thread, before its result reaches the GUI thread."""
        self.result, self.error = result, error
        self.failed = error is not None or (result is not None and not result.ok)
        self._event.set()


CHECK_NICENESS = 10   # how much lower the opening check's thread runs than the rest (Linux, macOS)


def yielding(fn: Callable, *args):
    """`fn(*args)` in a new thread at CHECK_NICENESS lower priority, waited for; its result or exception.
    A thread of its own: an unprivileged thread cannot raise its priority back, so a pool's thread is never
    lowered. Where priorities cannot be set per thread (Windows), it runs at the normal one."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            tid = threading.get_native_id()
            os.setpriority(os.PRIO_PROCESS, tid, min(os.getpriority(os.PRIO_PROCESS, tid) + CHECK_NICENESS, 19))
        except (AttributeError, OSError):
            pass
        try:
            box["result"] = fn(*args)
        except BaseException as exc:  # noqa: BLE001 — raised again in the waiting thread
            box["error"] = exc

    thread = threading.Thread(target=run, name="riskdesk-opening-check", daemon=True)
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box.get("result")


def before_print(widget) -> bool:
    """`Session.before_print` of the session of `widget`'s main window (True where there is none: a dialog or
    a test's lone widget, which no opening check concerns)."""
    session = getattr(widget.window(), "session", None) if widget is not None else None
    return session.before_print() if isinstance(session, Session) else True


def refused_before_check(path) -> Exception:
    """What a print or write asked for before the opening check failed gets: the store's read-only refusal,
    worded like any other (wording.store)."""
    from core.store import StoreError

    return StoreError("read_only", path=str(path), reason="the history did not pass its check at opening")


def load_demo_into(store) -> None:
    """Fill a fresh store with the demo group (resources/demo/, core.demo.load_demo).

    Runs in a worker thread (the demo takes ~2 s to import and evaluate) on a store opened in that thread
    for this purpose only and closed afterwards; the GUI then opens the filled file on its own thread.
    """
    from core.demo import load_demo

    load_demo(store)


def fill_demo_database(path: Path) -> None:
    """Create the demo database file at `path` (worker thread): open, load the demo, close. Opened as
    core.store's demo (fixed creation time and account), so its reports print the same chain head."""
    store = import_store_module().Store.open_demo(path)
    try:
        load_demo_into(store)
    finally:
        store.close()


# The kinds of record a write announces with Session.changed(kind, ids); ids are of that kind's records.
SNAPSHOT = "snapshot"        # imported or withdrawn (an import also evaluates and opens cases)
EVALUATION = "evaluation"    # an evaluation added to a snapshot (after an approval, a stress result)
LIMITS = "limits"            # a limit proposal made, decided (an approval re-evaluates) or withdrawn
CASE = "case"                # a breach-case event
ASSESSMENT = "assessment"    # a rating self-assessment or a regulator's result
TEXT = "text"                # an officer's text version, a board approval of a text
REPORT = "report"            # a report issued
GOVERNANCE = "governance"    # a governance record or a role granted/revoked
USER = "user"                # a display-name change (journal)
KINDS = (SNAPSHOT, EVALUATION, LIMITS, CASE, ASSESSMENT, TEXT, REPORT, GOVERNANCE, USER)
# the kind of a record written by another user of the team database, by its table (core.store.chain.COVERED)
_TEAM_KINDS = {"snapshot": SNAPSHOT, "snapshot_withdrawal": SNAPSHOT, "evaluation": EVALUATION,
               "limit_set": LIMITS, "limit_proposal": LIMITS, "limit_decision": LIMITS,
               "limit_proposal_withdrawal": LIMITS, "limit_set_version": LIMITS, "breach_case": CASE,
               "case_event": CASE, "assessment": ASSESSMENT, "officer_text": TEXT, "board_approval": TEXT,
               "report": REPORT, **{t: GOVERNANCE for t in (
                   "role_grant", "appetite_statement", "policy_document", "major_event", "board_notification",
                   "board_opinion", "regulator_submission", "internal_audit", "member_filing")}}


class Session(QObject):
    """State of one run of the GUI. Lives in the GUI thread; signals fire there."""

    store_changed = Signal()         # a store was opened (or failed to open: then `store` is None)
    changed = Signal(str, list)      # a write was committed: (kind, ids of the records written)
    user_changed = Signal(str)
    snapshot_changed = Signal(str)   # the label of the snapshot screens are looking at ("" = none)

    def __init__(self, db_path: Path | str | None = None, *, user: str = "", demo: bool = False,
                 read_only: bool = False, distinct_accounts: bool = False, parent: QObject | None = None):
        super().__init__(parent)
        self.demo = demo
        # --read-only: view and report only. `read_only` is what the open store is (also when the check at
        # opening failed or the media is read-only); `integrity` the failed check, None when it held.
        self.read_only_requested = read_only
        self.read_only = False
        self.integrity: Any = None
        self.integrity_acknowledged = False
        # maker-checker by OS account too (run_gui: on, except for the demo, whose loader acts several
        # people from one login); a renamed proposer is still the same login
        self.distinct_accounts = distinct_accounts
        self._temp_dir: str | None = None
        if demo:
            # A fresh database every time, so the demo always starts from the same state.
            self._temp_dir = tempfile.mkdtemp(prefix="riskdesk-demo-")
            db_path = Path(self._temp_dir) / "demo.sqlite"
        # None = the default location, which only core.store knows; resolved when the store opens.
        self.db_path: Any = db_location(db_path) if db_path else None
        self.user = user
        self.store: Any = None
        self.store_error: BaseException | None = None
        self.snapshot_label = ""
        self._opening = None
        self._ready_callbacks: list[Callable[[Any], None]] = []
        self._writer: Any = None         # ui.common.ops.StoreWorker, started at the first write
        # the opening check's verdict for the store open now (done at once when there is nothing to check)
        self._verdict = Verdict(done=True)
        self._check_op: Any = None

    # -- store ------------------------------------------------------------------------------------
    @property
    def store_state(self) -> str:
        """"opening", "open", "failed" or "closed"."""
        if self._opening is not None:
            return "opening"
        if self.store is not None:
            return "open"
        return "failed" if self.store_error is not None else "closed"

    @property
    def check_state(self) -> str:
        """The opening check of the store open now: "running" (its verdict not in yet), "failed" or "passed"
        (also when there was nothing to check: the demo, a new file, a team database)."""
        if not self._verdict.done:
            return "running"
        return "failed" if self._verdict.failed else "passed"

    def before_print(self, timeout_s: float = 60.0) -> bool:
        """GUI thread, before a file is written from what a screen shows (a table's export): when the opening
        check is still running, wait for its verdict (a busy cursor: it is a fraction of a second) and say
        False if it failed — the failure state then explains, and nothing is written. True otherwise."""
        verdict = self._verdict
        if verdict.done:
            return True
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            verdict.wait(timeout_s)
        finally:
            QApplication.restoreOverrideCursor()
        return verdict.done and not verdict.failed

    def open_store(self, parent=None):
        """Start opening the database: imports in a worker, then the file on the GUI thread, its check beside
        the screens' first loads (module docstring).

        Returns the Op of the worker step (or the one already running).
        """
        if self._opening is not None:
            return self._opening
        from ui.common.ops import run_op

        wanted = self.db_path

        demo = self.demo

        def prepare():  # worker thread: the slow imports (and the demo's loading) happen here
            store_module = import_store_module()
            path = wanted if wanted is not None else default_db_path()
            if demo:
                fill_demo_database(path)
                return path, False, None
            if not isinstance(path, Path) or not path.is_file():
                return path, False, None    # nothing to check: a new file, a team database
            version = schema_version_of(path)
            if version is None or version < store_module.SCHEMA_VERSION:
                # opening migrates an older file (a write), and a file SQLite would not read at once (read-only
                # media, not a database) is for the check to word: the verdict first, as it always was
                return path, False, quick_check(path)
            return path, True, None         # checked beside the first loads

        self.store_error = None
        self._opening = run_op(parent, prepare, on_done=self._open_on_gui_thread, on_error=self._failed,
                               progress="statusbar", progress_label=self.tr("Opening the database…"))
        return self._opening

    def _open_on_gui_thread(self, prepared) -> None:
        path, check_beside, check = prepared if isinstance(prepared, tuple) else (prepared, False, None)
        self.db_path = path
        self.integrity = check if check is not None and not check.ok else None
        self._verdict = Verdict(done=not check_beside)
        if self.integrity is not None:
            self._verdict.give(self.integrity)
        try:
            if self.read_only_requested or self.integrity is not None:
                store = open_store(path, read_only=True)
            else:
                store = open_store(path)
        except Exception as exc:  # reported through store_changed + store_error, like a failed import
            self._verdict.give(error=exc)       # a write waiting for it must not wait for ever
            self._failed(exc)
            return
        self._opening = None
        if check_beside:
            self._start_check(path, self._verdict)
        self.read_only = bool(store.read_only)
        self._configure(store)
        self.store = store
        if getattr(store, "is_team", False):        # the session's own store, on the GUI thread
            self._follow_team(store)
            # identity from the server: the user is the database login, not a name typed on this computer
            # (the server records the login anyway; the store's role checks then agree with it)
            if store.os_user and store.os_user != self.user:
                self.user = store.os_user
                self.user_changed.emit(self.user)
        # Until a screen loads one, the status bar names the snapshot screens open on: the latest in force.
        self.set_snapshot_label(latest_snapshot_label(store))
        self.store_changed.emit()
        callbacks, self._ready_callbacks = self._ready_callbacks, []
        for cb in callbacks:
            try:
                cb(store)
            except Exception as exc:  # one screen's bug must not keep the store from the others
                from ui.common.ops import show_exception

                show_exception(None, exc)

    def _configure(self, store) -> None:
        store.require_distinct_accounts = self.distinct_accounts

    def _start_check(self, path: Path, verdict: Verdict) -> None:
        """The cheap check in a worker, beside the first loads; its verdict is given in that thread (the store
        worker waits for it there), then applied on the GUI thread (`_checked`).

        It runs in a thread of its own at a lower scheduling priority (`yielding`), which the pool's worker
        waits for: on a machine with a core to spare it takes that core, but where the cores are busy (two
        cores and other programs) it no longer takes half of one from the first screen's load."""
        from ui.common.ops import run_op

        def check():
            try:
                result = yielding(quick_check, path)
            except BaseException as exc:
                verdict.give(error=exc)
                raise
            verdict.give(result)
            return result

        self._check_op = run_op(None, check, on_done=lambda _r: self._checked(verdict),
                                on_error=lambda _exc: self._checked(verdict), progress="none")

    def _checked(self, verdict: Verdict) -> None:
        """The verdict is in (GUI thread). Passed: nothing changes. Failed: as when a check before opening
        failed — the store opened again read-only, `integrity` set, `store_changed` (the main window explains,
        the screens read again); the store worker, which waited for the verdict, opened read-only."""
        self._check_op = None
        if verdict is not self._verdict or self.store is None or not verdict.failed:
            return                  # another database meanwhile, or closed, or the check passed
        path = self.db_path
        old, self.store = self.store, None
        _close(old)
        if verdict.error is not None:
            self._failed(verdict.error)
            return
        self.integrity = verdict.result
        try:
            store = open_store(path, read_only=True)
        except Exception as exc:  # noqa: BLE001 — reported as a failed opening
            self._failed(exc)
            return
        self.read_only = True
        self._configure(store)
        self.store = store
        self.store_changed.emit()

    # the team database (core.store.pg): what other users write is announced as `changed`, as our own writes
    # are, found by a cheap poll of the chain (one indexed read every TEAM_POLL_MS)
    TEAM_POLL_MS = 3000

    def _follow_team(self, store) -> None:
        from PySide6.QtCore import QTimer

        self._stop_following_team()
        self._team_seen = store.changes_after(None)[0]
        self._team_timer = QTimer(self)
        self._team_timer.setInterval(self.TEAM_POLL_MS)
        self._team_timer.timeout.connect(self._poll_team)
        self._team_timer.start()

    def _stop_following_team(self) -> None:
        timer, self._team_timer = getattr(self, "_team_timer", None), None
        if timer is not None:
            timer.stop()
            timer.deleteLater()

    def _poll_team(self) -> None:
        store = self.store
        if store is None or not getattr(store, "is_team", False):
            self._stop_following_team()
            return
        try:
            self._team_seen, records = store.changes_after(self._team_seen)
        except Exception as exc:            # the server is gone: the next write says so to the user
            print(f"team database: cannot look for changes ({exc})", file=sys.stderr)
            return
        by_kind: dict[str, list] = {}
        for table, row_id in records:
            kind = _TEAM_KINDS.get(table)
            if kind is not None:
                by_kind.setdefault(kind, []).append(row_id)
        for kind, ids in by_kind.items():
            self.notify(kind, ids)

    def _failed(self, exc: BaseException) -> None:
        self._opening = None
        self.store = None
        self.store_error = exc
        # A bug or a bad file, which the main window reports (store_changed with store_error set); the
        # traceback goes to stderr for the developers.
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
        self.store_changed.emit()

    def when_store_ready(self, callback: Callable[[Any], None]) -> None:
        """Call `callback(store)` now if the store is open, else once it opens (never if it fails)."""
        if self.store is not None:
            callback(self.store)
        else:
            self._ready_callbacks.append(callback)

    def switch_database(self, path: Path | str, parent=None):
        """Close the current store and open another file (File > Open Database…)."""
        self.close_store()
        self.demo = False
        self.db_path = db_location(path)
        return self.open_store(parent)

    def run_with_store(self, parent, fn: Callable, *args, after_check: bool = False, **run_op_kwargs):
        """`run_op` for work that needs the database: `fn(store, *args)` runs in a worker thread on a Store
        opened there for the call (a connection belongs to one thread; WAL lets it read while the GUI's
        connection writes) and closed after it. Takes run_op's keywords (on_done, progress_label, on_progress:
        then `fn(store, *args, progress=...)`, ...). `after_check`: work that prints or writes (a report, an
        export) waits in its worker for the opening check's verdict and is refused if the check failed."""
        from ui.common.ops import run_op

        path = self.db_path
        if path is None:
            raise RuntimeError("the database is not open yet: use when_store_ready")
        read_only = self.read_only
        verdict = self._verdict
        # asked before the verdict: wait for it, and refuse if the check fails (once the officer has seen a
        # failed check's explanation, the read-only history still prints, as it always did)
        waits = after_check and not verdict.done

        def work(**kwargs):  # run_op's `progress` reporter (with on_progress) goes on to fn
            if waits:
                verdict.wait()
                if verdict.failed:
                    raise refused_before_check(path)
            store = open_store(path, read_only=True) if read_only else open_store(path)
            self._configure(store)
            try:
                return fn(store, *args, **kwargs)
            finally:
                _close(store)

        return run_op(parent, work, **run_op_kwargs)

    # -- writes -----------------------------------------------------------------------------------
    def writer(self):
        """The one store worker of this database (started at the first write, ended with the store)."""
        if self._writer is None or self._writer.closed:
            from ui.common.ops import StoreWorker

            path = self.db_path
            if path is None or self.store is None:
                raise RuntimeError("the database is not open yet: use when_store_ready")
            read_only = self.read_only
            verdict = self._verdict

            def open_writer():   # in the worker thread: the connection belongs to it
                # no write before the opening check's verdict: the jobs queue behind this wait; a failed
                # check opens the writer read-only, so that they are refused (StoreError "read_only")
                verdict.wait()
                store = open_store(path, read_only=True) if read_only or verdict.failed else open_store(path)
                self._configure(store)
                return store

            self._writer = StoreWorker(open_writer, _close)
        return self._writer

    def write(self, parent, fn: Callable, *args, changed: str, ids: Any = None, **run_op_kwargs):
        """`run_op` for a write: `fn(store, *args)` runs on the store worker, after the writes asked before
        it; on success `changed(kind, ids)` is emitted after `on_done` (also when `parent` has closed meanwhile).
        `ids`: a list, or a function of the result giving it (None: the result itself when it is an int).
        Takes run_op's keywords (on_done, on_error, progress_label, on_progress, ...)."""
        from ui.common.ops import run_op

        return run_op(parent, fn, *args, worker=self.writer(),
                      after_done=lambda result: self.notify(changed, _ids(ids, result)), **run_op_kwargs)

    def write_now(self, fn: Callable, *args, changed: str, ids: Any = None, **kwargs):
        """A quick write whose result the caller needs at once (GUI thread): `fn(store, *args, **kwargs)` on
        the store worker, waited for; returns its result or raises its exception. Then `changed`."""
        result = self.writer().call(fn, *args, **kwargs)
        self.notify(changed, _ids(ids, result))
        return result

    def notify(self, kind: str, ids: list | None = None) -> None:
        """Tell the screens that records of `kind` were written (GUI thread)."""
        self.changed.emit(kind, list(ids or []))

    def close_store(self) -> None:
        self._stop_following_team()
        # a check still running is of the file being closed: its verdict no longer applies (`_checked`)
        self._verdict = Verdict(done=True)
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.close()          # lets the writes already asked for finish first
        store, self.store = self.store, None
        _close(store)
        self.set_snapshot_label("")

    # -- user and snapshot ------------------------------------------------------------------------
    def set_user(self, name: str) -> None:
        """A new display name; the change goes into the journal (with the OS account), so that a rename
        between proposing and approving is on record."""
        name = name.strip()
        if getattr(self.store, "is_team", False):   # on the team database the user is the login
            return
        if name != self.user:
            old, self.user = self.user, name
            if name and old and self.store is not None and not self.read_only:
                try:
                    self.write_now(lambda store: store.record_user_name(old, name), changed=USER)
                except Exception as exc:  # the name is changed for this session either way
                    from ui.common.ops import show_exception

                    show_exception(None, exc)
            self.user_changed.emit(name)

    def set_snapshot_label(self, label: str) -> None:
        if label != self.snapshot_label:
            self.snapshot_label = label
            self.snapshot_changed.emit(label)

    def close(self) -> None:
        """At exit: close the store and remove the demo's temporary folder."""
        self.close_store()
        if self._temp_dir:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
            self._temp_dir = None


def db_location(value) -> Path | str:
    """A database file's Path, or a team database's postgresql:// URL as text (a Path would fold its "//";
    the test is core.store.pg.is_url's, without importing the store at start-up)."""
    text = str(value).strip()
    return text if text.lower().startswith(("postgresql://", "postgres://")) else Path(value)


def latest_snapshot_label(store) -> str:
    """The as-of date of the latest snapshot not withdrawn ("" if none)."""
    snapshots = store.list_snapshots()
    if not snapshots:
        return ""
    return max(snapshots, key=lambda s: (s.as_of, s.id)).as_of.isoformat()


def _ids(ids: Any, result: Any) -> list:
    if callable(ids):
        return list(ids(result) or [])
    if ids is None:
        return [result] if isinstance(result, int) and not isinstance(result, bool) else []
    return list(ids)


def _close(store) -> None:
    if store is not None:       # None: nothing was open
        store.close()


def os_user_name() -> str:
    """A suggestion for the first-start question, from the operating system's login."""
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # no login name (some containers): no suggestion
        return os.environ.get("USERNAME", "")
