"""ui.common.reloader.Reloader: how the breach register and the history read the database again.

On a real session and a copy of the demo database: a read runs in a worker on a connection of its own, a
second one is not started while one is under way, a write announced meanwhile asks for one more read after
it, and a failed read is shown to the officer, not raised.
"""
import threading

from PySide6.QtWidgets import QWidget

from ui.common.reloader import Reloader
from ui.session import CASE, LIMITS, Session


def open_session(db, qtbot, wait_ops):
    session = Session(db_path=db, user="测试员")
    with qtbot.waitSignal(session.store_changed, timeout=30_000):
        session.open_store()
    wait_ops()
    assert session.store is not None, session.store_error
    return session


def test_a_read_runs_in_a_worker_on_its_own_connection_one_at_a_time(db, qtbot, wait_ops):
    session = open_session(db, qtbot, wait_ops)
    screen = QWidget()
    qtbot.addWidget(screen)
    gate, seen, loaded = threading.Event(), [], []

    def read(store, skip):
        gate.wait(5)
        seen.append((threading.current_thread() is threading.main_thread(), store is session.store, skip))
        return len(store.list_snapshots())

    reader = Reloader(screen, session, read, loaded.append, label=lambda: "Reading…", args=lambda: ("skip",))
    reader.reload()
    assert reader.busy
    reader.activated()                          # a read is under way: no second one
    gate.set()
    qtbot.waitUntil(lambda: not reader.busy, timeout=10_000)
    wait_ops()
    assert loaded == [2] and seen == [(False, False, "skip")]   # the demo has two snapshots
    session.close()


def test_a_write_of_a_followed_kind_reads_again_and_one_during_a_read_once_more(db, qtbot, wait_ops):
    session = open_session(db, qtbot, wait_ops)
    screen = QWidget()
    qtbot.addWidget(screen)
    gate, loaded = threading.Event(), []
    reader = Reloader(screen, session, lambda store: gate.wait(5) and len(loaded), loaded.append,
                      label=lambda: "Reading…")
    reader.follow([CASE])
    session.notify(LIMITS)                      # not followed: nothing read
    assert not reader.busy and loaded == []
    session.notify(CASE)
    assert reader.busy
    session.notify(CASE)                        # during the read: once more after it, not twice at once
    assert reader.stale
    gate.set()
    qtbot.waitUntil(lambda: len(loaded) == 2 and not reader.busy, timeout=10_000)
    wait_ops()
    assert loaded == [0, 1]
    session.close()


def test_a_failed_read_is_shown_to_the_officer(db, qtbot, wait_ops, monkeypatch):
    import ui.common.ops

    shown = []
    monkeypatch.setattr(ui.common.ops, "show_exception", lambda parent, exc: shown.append((parent, exc)))
    session = open_session(db, qtbot, wait_ops)
    screen = QWidget()
    qtbot.addWidget(screen)
    error = RuntimeError("disk")
    loaded = []

    def read(store):
        raise error

    reader = Reloader(screen, session, read, loaded.append, label=lambda: "Reading…")
    reader.reload()
    qtbot.waitUntil(lambda: not reader.busy, timeout=10_000)
    wait_ops()
    assert shown == [(screen, error)] and loaded == []
    session.close_store()
    reader.reload()                             # no database open: nothing to read
    assert not reader.busy
    session.close()
