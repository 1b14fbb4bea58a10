"""Run core work off the GUI thread: `run_op`, in the manner of Anki's QueryOp/CollectionOp.

A screen never calls slow core functions (file reading, evaluation, database queries, report rendering)
on the GUI thread. It hands the call to `run_op`, which runs it in a QThreadPool worker, shows a busy
indicator if the call takes longer than BUSY_DELAY_MS, and calls back on the GUI thread:

    from ui.common.ops import run_op

    def on_done(result):            # GUI thread: update models and widgets here
        self.model.set_result(result)

    run_op(self, core.concentration.evaluate, data, limits,
           on_done=on_done, progress_label=self.tr("Evaluating limits…"))

Failures never show a traceback: a `core.problems.InputError` becomes the list of its problems, worded by
`wording.problems.describe` in the interface language (ui.common.problems_dialog); anything else becomes a
short apology with the details folded away (ui.common.error_dialog), and the traceback goes to stderr.
Pass `on_error` to handle a failure yourself instead.

Progress: pass `on_progress(done, total)` and `fn` is called with a keyword `progress`, a plain function
the worker calls with (done, total); each call reaches `on_progress` on the GUI thread (through the one
long-lived relay below, never a per-call object), before the result does:

    run_op(self, generate_report, store, kind, period, path, on_progress=self._bar_to, on_done=...)

The function runs in another thread: it must not touch widgets or Qt models, and whatever it shares with
the GUI (the store) must be safe to use from a worker thread.

Writes to the history go through ONE `StoreWorker` (Anki's rule: one collection, one writer): a thread of
its own holding a long-lived store connection, running every write in the order it was asked for, so two
writes never contend for SQLite's lock and none runs on the GUI thread's connection. `run_op(...,
worker=w)` queues `fn(store, *args)` there; results come back through the same relay as any operation.
`w.call(fn, *args)` waits for a quick write (an officer's event, a saved text) when the caller needs its
result at once. ui.session.Session.write wraps both and announces each write with `changed(kind, ids)`.
Reads may use connections of their own (WAL lets them read beside the writer).
"""
from __future__ import annotations

import queue
import sys
import threading
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

BUSY_DELAY_MS = 300  # quicker calls show no indicator: a flash of a dialog is worse than none

_running: dict[int, "Op"] = {}  # op id -> Op, alive until its callback has run
_next_id = 0


class _Relay(QObject):
    """The one object workers emit on; it lives in the GUI thread for the life of the process.

    Why not a QObject per operation: the GUI thread used to drop an operation (and its signals object)
    as soon as the queued result arrived, while the worker thread could still be inside `emit()` on that
    object or releasing its last reference to it — a use-after-free that crashed the process now and then
    under load (tests/ui/test_ops.py reproduces it). An object that is never deleted cannot be freed under
    a worker's feet; the operation is found again by its id on the GUI thread.
    """

    done = Signal(int, object)
    failed = Signal(int, object, str)
    progressed = Signal(int, int, int)   # op id, done, total

    def __init__(self):
        super().__init__()
        # Slots of an object in the GUI thread: emits from a worker are queued to the GUI thread.
        self.done.connect(self._deliver_done)
        self.failed.connect(self._deliver_failed)
        self.progressed.connect(self._deliver_progress)

    @Slot(int, int, int)
    def _deliver_progress(self, op_id: int, done: int, total: int) -> None:
        op = _running.get(op_id)
        if op is not None:
            op._progressed(done, total)

    @Slot(int, object)
    def _deliver_done(self, op_id: int, result: Any) -> None:
        op = _running.get(op_id)
        if op is not None:
            op._done(result)

    @Slot(int, object, str)
    def _deliver_failed(self, op_id: int, exc: BaseException, tb: str) -> None:
        op = _running.get(op_id)
        if op is not None:
            op._failed(exc, tb)


_relay: _Relay | None = None


def _relay_object() -> _Relay:
    global _relay
    if _relay is None:  # first run_op, on the GUI thread: the relay's thread affinity is the GUI thread
        _relay = _Relay()
    return _relay


class _Reporter:
    """The `progress(done, total)` a worker calls: emits on the relay with the operation's id (plain Python,
    holds no QObject of its own). Repeats of the same (done, total) are not sent again."""

    def __init__(self, op_id: int, relay: _Relay):
        self._op_id = op_id
        self._relay = relay
        self._last: tuple[int, int] | None = None

    def __call__(self, done: int, total: int) -> None:
        point = (int(done), int(total))
        if point == self._last:
            return
        self._last = point
        try:
            self._relay.progressed.emit(self._op_id, *point)
        except RuntimeError:  # the relay is gone: the interpreter is shutting down
            pass


class _Task(QRunnable):
    def __init__(self, op_id: int, fn: Callable, args: tuple, kwargs: dict, relay: _Relay):
        super().__init__()
        self.setAutoDelete(True)
        self._op_id = op_id
        self._call = (fn, args, kwargs)
        self._relay = relay

    def run(self) -> None:
        fn, args, kwargs = self._call
        self._call = None  # the arguments are released here, in the worker, not when Qt deletes the task
        try:
            try:
                result = fn(*args, **kwargs)
            except BaseException as exc:  # noqa: BLE001 — every failure must reach the GUI, not kill the worker
                self._relay.failed.emit(self._op_id, exc, traceback.format_exc())
            else:
                self._relay.done.emit(self._op_id, result)
        except RuntimeError:
            # The relay was deleted: the interpreter is shutting down and nobody waits for this.
            pass


class StoreWorker:
    """One thread and one store connection for every write, in order (module docstring).

    `open_store()` runs in the worker thread at its first job (a sqlite3 connection belongs to the thread
    that opened it) and the store stays open until `close()`, which lets the jobs already queued finish.
    Jobs are plain Python: the worker holds no QObject; results are emitted on the one long-lived relay.
    """

    def __init__(self, open_store: Callable[[], Any], close_store: Callable[[Any], None] | None = None,
                 name: str = "riskdesk-store-writer"):
        self._open = open_store
        self._close = close_store
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._store: Any = None
        self._closed = False
        self.thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self.thread.start()

    # -- worker thread --------------------------------------------------------------------------------
    def _loop(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                break
            try:
                job(self._connection)
            except BaseException:  # noqa: BLE001 — a job reports its own failure; the writer must go on
                traceback.print_exc()
            job = None          # released here, in the worker, before waiting for the next one
        if self._store is not None and self._close is not None:
            try:
                self._close(self._store)
            except Exception:  # noqa: BLE001 — closing at exit: nothing left to tell
                traceback.print_exc()
        self._store = None

    def _connection(self) -> Any:
        if self._store is None:
            self._store = self._open()
        return self._store

    # -- any thread -----------------------------------------------------------------------------------
    def submit(self, op_id: int, fn: Callable, args: tuple, kwargs: dict, relay: "_Relay") -> None:
        """Queue `fn(store, *args, **kwargs)`; its result or failure is emitted on `relay` with `op_id`."""
        if self._closed:
            raise RuntimeError("the store writer is closed")

        def job(connection: Callable[[], Any]) -> None:
            try:
                try:
                    result = fn(connection(), *args, **kwargs)
                except BaseException as exc:  # noqa: BLE001 — every failure must reach the GUI
                    relay.failed.emit(op_id, exc, traceback.format_exc())
                else:
                    relay.done.emit(op_id, result)
            except RuntimeError:   # the relay is gone: the interpreter is shutting down
                pass

        self._jobs.put(job)

    def call(self, fn: Callable, *args, **kwargs) -> Any:
        """Run `fn(store, *args, **kwargs)` on the writer and wait for it: its result, or its exception
        raised here. For quick writes whose result the caller needs now; the caller waits for the writes
        queued before it too. Never from the worker thread itself (it would wait for itself)."""
        if threading.current_thread() is self.thread:
            return fn(self._connection(), *args, **kwargs)
        if self._closed:
            raise RuntimeError("the store writer is closed")
        finished = threading.Event()
        box: dict[str, Any] = {}

        def job(connection: Callable[[], Any]) -> None:
            try:
                box["result"] = fn(connection(), *args, **kwargs)
            except BaseException as exc:  # noqa: BLE001 — raised again in the caller's thread
                box["error"] = exc
            finally:
                finished.set()

        self._jobs.put(job)
        finished.wait()
        if "error" in box:
            raise box["error"]
        return box.get("result")

    def close(self, timeout: float | None = 30.0) -> None:
        """Finish the queued jobs, close the connection and end the thread (waits up to `timeout` s)."""
        if self._closed:
            return
        self._closed = True
        self._jobs.put(None)
        if threading.current_thread() is not self.thread:
            self.thread.join(timeout)

    @property
    def closed(self) -> bool:
        return self._closed


class Op(QObject):
    """One running operation; `finished` (success flag) fires on the GUI thread after the callback."""

    finished = Signal(bool)

    def __init__(self, op_id: int, parent: QWidget | None, on_done, on_error, progress_label: str | None,
                 progress: str, on_progress=None, after_done=None):
        super().__init__()
        self.op_id = op_id
        self._after_done = after_done   # runs on success even when the asking widget is gone (notifications)
        self._parent = parent
        self._on_done = on_done
        self._on_error = on_error
        self._on_progress = on_progress
        self._label = progress_label
        self._mode = progress
        self._dialog: QProgressDialog | None = None
        self._busy_window = None
        self.result: Any = None
        self.error: BaseException | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_busy)

    # -- busy indicator -------------------------------------------------------------------------
    def _show_busy(self) -> None:
        if self._mode == "none" or self._parent_gone():
            return
        label = self._label or self.tr("Working…")
        window = self._parent.window() if self._parent is not None else None
        if self._mode == "statusbar" and window is not None and hasattr(window, "show_busy"):
            window.show_busy(self, label)
            self._busy_window = window
            return
        dialog = QProgressDialog(label, "", 0, 0, self._parent)  # range 0..0: an indeterminate bar
        dialog.setCancelButton(None)  # core calls cannot be interrupted safely half-way
        dialog.setWindowTitle("RiskDesk")
        dialog.setMinimumDuration(0)
        if self._parent is not None:  # block this window (the user waits for the result), not the others
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        self._dialog = dialog

    def _hide_busy(self) -> None:
        self._timer.stop()
        if self._dialog is not None:
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
        if self._busy_window is not None:
            from shiboken6 import isValid

            if isValid(self._busy_window):
                self._busy_window.hide_busy(self)
            self._busy_window = None

    # -- results (GUI thread) ---------------------------------------------------------------------
    def _progressed(self, done: int, total: int) -> None:
        """A worker's progress report, on the GUI thread: the busy dialog turns determinate, and
        `on_progress(done, total)` runs (unless the asking widget is gone)."""
        if self._dialog is not None and total > 0:
            self._dialog.setRange(0, total)
            self._dialog.setValue(min(done, total))
        if self._on_progress is None or self._parent_gone():
            return
        try:
            self._on_progress(done, total)
        except Exception as exc:  # a bug in the callback: reported, the operation goes on
            show_exception(self._parent, exc, traceback.format_exc())

    def _parent_gone(self) -> bool:
        """The widget that asked was deleted meanwhile (its screen or dialog closed): nobody to call back."""
        from shiboken6 import isValid

        return self._parent is not None and not isValid(self._parent)

    @Slot(object)
    def _done(self, result: Any) -> None:
        self._hide_busy()
        self.result = result
        if self._parent_gone():
            self._run_after_done(result)
            self._finish(False)
            return
        ok = True
        try:
            if self._on_done is not None:
                self._on_done(result)
        except Exception as exc:  # a bug in the callback: report it like any other failure
            ok = False
            self.error = exc
            show_exception(self._parent, exc, traceback.format_exc())
        self._run_after_done(result)
        self._finish(ok)

    def _run_after_done(self, result: Any) -> None:
        """What must follow a success whoever asked (a write's change notification): after on_done."""
        if self._after_done is None:
            return
        try:
            self._after_done(result)
        except Exception as exc:  # a subscriber's bug: reported, the operation still finishes
            show_exception(None, exc, traceback.format_exc())

    @Slot(object, str)
    def _failed(self, exc: BaseException, tb: str) -> None:
        self._hide_busy()
        self.error = exc
        if self._parent_gone():
            print(tb, file=sys.stderr, end="")  # not lost, but no dialog for a window that is gone
            self._finish(False)
            return
        try:
            if self._on_error is not None:
                self._on_error(exc)
            else:
                show_exception(self._parent, exc, tb)
        finally:
            self._finish(False)

    def _finish(self, ok: bool) -> None:
        _running.pop(self.op_id, None)
        self.finished.emit(ok)


def run_op(parent: QWidget | None, fn: Callable, *args, on_done: Callable[[Any], None] | None = None,
           on_error: Callable[[BaseException], None] | None = None, progress_label: str | None = None,
           progress: str = "dialog", on_progress: Callable[[int, int], None] | None = None,
           worker: StoreWorker | None = None, after_done: Callable[[Any], None] | None = None, **kwargs) -> Op:
    """Run `fn(*args, **kwargs)` in a worker thread; call `on_done(result)` on the GUI thread.

    progress: "dialog" — a window-modal busy dialog over `parent` after BUSY_DELAY_MS (the default, for
    user-started work whose result the user waits for); "statusbar" — a busy bar in the main window's
    status bar, the window stays usable (background loading); "none".
    on_error(exc): replaces the default reporting (problem list for InputError, error dialog otherwise).
    Returns the Op; `op.finished` fires after the callback (tests: `qtbot.waitSignal(op.finished)`).
    If `parent` is deleted before the result arrives (its screen closed), no callback runs.
    on_progress(done, total): `fn` gets a keyword `progress`, a function it calls from the worker;
    each report reaches on_progress on the GUI thread, in order and before the result.
    worker: a StoreWorker: `fn(store, *args)` runs there, after the writes queued before it.
    after_done(result): runs on the GUI thread after on_done, also when `parent` is gone.
    Other keywords go to `fn`.
    """
    global _next_id
    if worker is not None and worker.closed:
        raise RuntimeError("the store writer is closed: the database was closed or switched")
    relay = _relay_object()
    _next_id += 1
    op = Op(_next_id, parent, on_done, on_error, progress_label, progress, on_progress, after_done)
    if on_progress is not None:
        kwargs = {**kwargs, "progress": _Reporter(op.op_id, relay)}
    _running[op.op_id] = op
    op._timer.start(BUSY_DELAY_MS)
    if worker is not None:
        worker.submit(op.op_id, fn, args, kwargs, relay)
    else:
        QThreadPool.globalInstance().start(_Task(op.op_id, fn, args, kwargs, relay))
    return op


def running_count() -> int:
    """How many operations have not called back yet (tests and the smoke mode wait for 0)."""
    return len(_running)


reported_errors = 0  # failures shown to the user this run (the smoke mode of ui.app exits 1 if any)


def show_exception(parent: QWidget | None, exc: BaseException, tb: str | None = None) -> QWidget:
    """Tell the user about a failure without a traceback: input problems as a list, the rest as an apology."""
    global reported_errors
    from core.problems import InputError

    reported_errors += 1
    if isinstance(exc, InputError):
        from ui.common.problems_dialog import show_problems

        return show_problems(parent, exc.problems)
    tb = tb or "".join(traceback.format_exception(exc))
    print(tb, file=sys.stderr, end="" if tb.endswith("\n") else "\n")  # for the developer / a bug report
    from ui.common.error_dialog import show_error

    return show_error(parent, exc, tb)
