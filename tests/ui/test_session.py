"""The session: lazy store opening, the demo database, failures reported without a traceback."""
import threading

import pytest

import ui.session
from tests.ui.conftest import store_closed
from ui.common import ops
from ui.session import Session


def test_demo_uses_a_fresh_temporary_database_removed_at_exit(wait_ops, monkeypatch):
    filled = []
    monkeypatch.setattr(ui.session, "fill_demo_database", lambda path: filled.append(
        (path, threading.current_thread() is threading.main_thread())))
    session = Session(None, demo=True)
    folder = session.db_path.parent
    assert folder.is_dir() and folder.name.startswith("riskdesk-demo-")
    session.open_store()
    wait_ops()
    assert filled == [(session.db_path, False)]  # filled in a worker, before the GUI opens it
    store = session.store
    assert store is not None and store.path == session.db_path and session.db_path.is_file()
    session.close()
    assert store_closed(store) and not folder.exists()


def test_when_store_ready_waits_for_the_store(wait_ops, tmp_path):
    session = Session(tmp_path / "a.sqlite3")
    got = []
    session.when_store_ready(got.append)
    assert got == [] and session.store_state == "closed"
    session.open_store()
    assert session.store_state == "opening"
    wait_ops()
    assert got == [session.store] and got[0].path == tmp_path / "a.sqlite3"
    session.when_store_ready(got.append)        # open already: called at once
    assert got == [session.store] * 2
    session.close()


def test_switch_database_closes_the_old_store(wait_ops, tmp_path):
    session = Session(tmp_path / "a.sqlite3")
    session.open_store()
    wait_ops()
    first = session.store
    session.switch_database(tmp_path / "b.sqlite3")
    wait_ops()
    assert store_closed(first) and session.store is not first
    assert session.store.path == tmp_path / "b.sqlite3" and not store_closed(session.store)
    session.close()


def test_a_bad_database_is_reported_in_a_dialog_not_a_traceback(monkeypatch, wait_ops, tmp_path, qtbot):
    from ui.main_window import MainWindow

    def broken(path):
        raise OSError("disk on fire")

    monkeypatch.setattr(ui.session, "open_store", broken)
    session = Session(tmp_path / "a.sqlite3", user="u")
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.start()
    wait_ops()
    assert session.store_state == "failed"
    assert "不可用" in window.db_label.toolTip()
    box = window.findChild(QMessageBoxType(), "errorDialog")
    assert box is not None and "disk on fire" in box.informativeText()
    box.close()


def QMessageBoxType():
    from PySide6.QtWidgets import QMessageBox

    return QMessageBox


@pytest.mark.slow
def test_real_store_opens_in_a_temp_file(wait_ops, tmp_path):
    """The real Store opens (and creates) the file."""
    session = Session(tmp_path / "real.sqlite3")
    session.open_store()
    wait_ops(30_000)
    assert session.store_state == "open", session.store_error
    assert (tmp_path / "real.sqlite3").exists()
    session.close()
    assert ops.running_count() == 0


def test_run_with_store_gives_the_worker_its_own_store(wait_ops, tmp_path, qtbot):
    session = Session(tmp_path / "a.sqlite3")
    session.open_store()
    wait_ops()
    seen = {}

    def work(store, x):
        seen["thread"] = threading.current_thread()
        seen["store"] = store
        return x * 2

    op = session.run_with_store(None, work, 21, on_done=lambda r: seen.setdefault("result", r))
    with qtbot.waitSignal(op.finished, timeout=5000):
        pass
    assert seen["result"] == 42
    assert seen["thread"] is not threading.main_thread()
    assert seen["store"] is not session.store and store_closed(seen["store"])  # its own, closed after the call
    assert seen["store"].path == session.db_path
    session.close()


def test_real_store_error_gets_a_sentence(tmp_path, qtbot):
    from core.store.errors import StoreError
    from ui.common.error_dialog import show_error

    box = show_error(None, StoreError("not_a_database", path="/x/y.db", reason="file is not a database"))
    # the command line's sentence (wording.store), in the interface language
    assert box.text() == "文件 /x/y.db 不是数据库，或已损坏。未做任何更改；请从备份恢复。"
    box.close()


def test_the_status_bar_names_the_latest_snapshot_as_soon_as_the_store_opens(wait_ops, db, qtbot):
    # db: a copy of the demo (snapshots 2024-12-31 and 2025-06-30); no screen has loaded a snapshot yet
    session = Session(db)
    with qtbot.waitSignal(session.snapshot_changed, timeout=30_000) as changed:
        session.open_store()
        wait_ops(30_000)
    assert changed.args == ["2025-06-30"] and session.snapshot_label == "2025-06-30"
    session.close_store()
    assert session.snapshot_label == ""
    session.close()
