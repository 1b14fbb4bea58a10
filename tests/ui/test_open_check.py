"""The history's opening check runs beside the first load (issue 15): the limit dashboard shows the stored
snapshot before the check's verdict is in, but nothing that writes or prints starts before it — a write asked
for meanwhile waits for the verdict, and when the check fails every screen is blocked by the failure state (the
window-modal explanation, the read-only banner) and no write is possible. The check is held in its worker
by the test, so that the order is the one named, not whichever the machine's load gives."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.conftest import EXAMPLES
from ui.main_window import MainWindow
from ui.session import Session

SCREENS = [("concentration", "Concentration", "ui.concentration.screen:ConcentrationScreen")]


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A history with the small example group imported (its evaluation is stored: the dashboard reads it)."""
    from core.concentration.snapshots import preview_import, store_snapshot
    from core.store import Store

    path = tmp_path_factory.mktemp("open-check") / "template.sqlite3"
    store = Store.open(path)
    try:
        store_snapshot(store, preview_import(EXAMPLES / "small-group"), "fixture", source="small-group")
    finally:
        store.close()
    return path


@pytest.fixture
def history(template, tmp_path):
    import shutil

    path = tmp_path / "history.sqlite3"
    shutil.copy(template, path)
    return path


def forge(path) -> None:
    """What another program might do to the file: drop the trigger behind maker-checker."""
    import sqlite3

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DROP TRIGGER limit_decision_not_proposer")
    conn.close()


@pytest.fixture
def held_check(monkeypatch):
    """The opening check waits in its worker until the test sets the returned event."""
    import ui.session as session_module

    release = threading.Event()
    started = threading.Event()
    real = session_module.quick_check

    def held(path):
        started.set()
        assert release.wait(30), "the test never released the check"
        return real(path)

    monkeypatch.setattr(session_module, "quick_check", held)
    yield release, started
    release.set()           # a failing test must not leave a worker waiting


def open_on_dashboard(qtbot, path) -> tuple[MainWindow, object]:
    session = Session(db_path=path, user="王芳")
    window = MainWindow(session, screens=SCREENS, initial="concentration")
    qtbot.addWidget(window)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: getattr(window.screen_widget("concentration"), "shows_data", False), timeout=30_000)
    return window, window.screen_widget("concentration")


def texts_on_record(path) -> list[str]:
    import sqlite3

    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT text FROM officer_text")]
    finally:
        conn.close()


def save_text(store, body):
    return store.save_text("semiannual_conclusions", "2025H1", body, "王芳")


def test_the_dashboard_shows_before_the_verdict_and_a_failed_check_then_blocks_every_screen(
        history, held_check, qtbot, wait_ops):
    release, started = held_check
    forge(history)
    window, screen = open_on_dashboard(qtbot, history)
    session = window.session
    # the stored snapshot's limits are on the dashboard while the check is still running
    assert started.is_set() and session.check_state == "running"
    assert screen.dashboard.model.rowCount() > 0 and window.findChild(QMessageBox, "integrityWarning") is None
    release.set()
    qtbot.waitUntil(lambda: session.check_state == "failed", timeout=30_000)
    wait_ops(30_000)
    # the failure state, as when the check ran first: explained window-modally, read-only, banner
    box = window.findChild(QMessageBox, "integrityWarning")
    assert box is not None and box.isVisible() and box.windowModality() == Qt.WindowModality.ApplicationModal
    assert box.informativeText()
    assert session.read_only and session.integrity is not None and session.store.read_only
    assert window.read_only_banner.isVisible() and "只读" in window.read_only_banner.text()
    # the screen read the history again from the read-only store: still viewable
    qtbot.waitUntil(lambda: screen.shows_data and screen.dashboard.model.rowCount() > 0, timeout=30_000)
    # and no write is possible
    errors = []
    session.write(None, save_text, "after the verdict", changed="text", on_error=errors.append)
    wait_ops(30_000)
    assert [getattr(e, "code", None) for e in errors] == ["read_only"]
    assert "after the verdict" not in texts_on_record(history)


def test_a_write_asked_for_before_the_verdict_waits_for_it(history, held_check, qtbot, wait_ops):
    release, started = held_check
    window, _screen = open_on_dashboard(qtbot, history)
    session = window.session
    assert session.check_state == "running"
    done = []
    session.write(None, save_text, "before the verdict", changed="text", on_done=done.append)
    qtbot.wait(400)                      # long enough for a write that did not wait to be on record
    assert not done and "before the verdict" not in texts_on_record(history)
    release.set()
    qtbot.waitUntil(lambda: bool(done), timeout=30_000)
    assert session.check_state == "passed" and not session.read_only
    assert "before the verdict" in texts_on_record(history)
    wait_ops(30_000)
    assert window.findChild(QMessageBox, "integrityWarning") is None


def test_a_write_asked_for_before_a_failing_verdict_is_refused(history, held_check, qtbot, wait_ops):
    release, started = held_check
    forge(history)
    window, _screen = open_on_dashboard(qtbot, history)
    session = window.session
    errors = []
    session.write(None, save_text, "before the verdict", changed="text", on_error=errors.append)
    release.set()
    qtbot.waitUntil(lambda: bool(errors), timeout=30_000)
    wait_ops(30_000)
    assert [getattr(e, "code", None) for e in errors] == ["read_only"]
    assert "before the verdict" not in texts_on_record(history)
    assert session.read_only and window.findChild(QMessageBox, "integrityWarning") is not None


def test_a_print_waits_for_the_verdict_and_is_refused_when_the_check_fails(history, held_check, qtbot, wait_ops):
    release, started = held_check
    forge(history)
    window, _screen = open_on_dashboard(qtbot, history)
    session = window.session
    ran, errors = [], []
    session.run_with_store(None, lambda store: ran.append(True), after_check=True, on_error=errors.append,
                           progress="none")
    qtbot.wait(300)
    assert not ran and not errors             # still waiting for the verdict
    release.set()
    qtbot.waitUntil(lambda: bool(errors), timeout=30_000)
    wait_ops(30_000)
    assert not ran and [getattr(e, "code", None) for e in errors] == ["read_only"]


@pytest.mark.parametrize("forged", [True, False], ids=["check-fails", "check-passes"])
def test_a_table_export_asked_for_before_the_verdict_waits_for_it(history, held_check, qtbot, wait_ops, tmp_path,
                                                                  forged):
    from ui.common.tables import tools_of

    release, started = held_check
    if forged:
        forge(history)
    window, screen = open_on_dashboard(qtbot, history)
    assert window.session.check_state == "running"
    out = tmp_path / "limits.xlsx"
    # the export waits on the GUI thread for the verdict, which comes while it waits
    timer = threading.Timer(0.3, release.set)
    timer.start()
    try:
        tools_of(screen.dashboard.table).export_to(str(out))
    finally:
        timer.join()
    wait_ops(30_000)
    assert window.session.check_state == ("failed" if forged else "passed")
    assert out.exists() is not forged


def test_a_file_of_an_older_schema_is_checked_before_it_is_opened(history, held_check, qtbot, wait_ops,
                                                                   monkeypatch):
    """Opening migrates an older file, a write: its verdict comes first, as before the check moved."""
    import ui.session as session_module
    from core.store import SCHEMA_VERSION

    release, started = held_check
    monkeypatch.setattr(session_module, "schema_version_of", lambda path: SCHEMA_VERSION - 1)
    session = Session(db_path=history, user="王芳")
    session.open_store()
    qtbot.waitUntil(started.is_set, timeout=30_000)
    qtbot.wait(300)
    assert session.store_state == "opening" and session.store is None     # not opened before the verdict
    release.set()
    qtbot.waitUntil(lambda: session.store_state == "open", timeout=30_000)
    assert session.check_state == "passed" and not session.read_only
    wait_ops(30_000)
    session.close()


def test_the_check_runs_in_a_thread_of_its_own_at_a_lower_priority():
    """Where the cores are busy the check yields to the first load; the pool's thread keeps its priority."""
    import os
    import sys

    from ui.session import CHECK_NICENESS, yielding

    def niceness():
        return threading.get_ident(), os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    here = niceness()
    there = yielding(niceness)
    assert there[0] != here[0]
    if sys.platform.startswith("linux"):
        assert there[1] == min(here[1] + CHECK_NICENESS, 19)
    assert niceness() == here                        # this thread's priority untouched
    with pytest.raises(ZeroDivisionError):           # a failure reaches the waiting thread
        yielding(lambda: 1 / 0)
