"""GUI test setup: a QApplication dressed like RiskDesk's, and settings in a temporary folder.

Every test gets its own RISKDESK_SETTINGS_DIR, so no test reads or overwrites the real user's settings or
another test's; the interface language is put back to Chinese (the default) after each test.
"""
import pytest


@pytest.fixture(autouse=True)
def settings_dir(tmp_path, monkeypatch):
    folder = tmp_path / "settings"
    monkeypatch.setenv("RISKDESK_SETTINGS_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def app(qapp):
    from ui.app import create_application

    return create_application()


@pytest.fixture(autouse=True)
def no_worker_outlives_its_test(app, qtbot):  # after qtbot: torn down before it closes the widgets
    """Wait for every background operation before the test's widgets are torn down: a worker that finishes
    after its screen is deleted (and the next test has started) is how Qt test suites crash at random."""
    yield
    from PySide6.QtCore import QCoreApplication, QThreadPool

    QThreadPool.globalInstance().waitForDone(30_000)
    QCoreApplication.processEvents()       # deliver their results while the receivers still exist


@pytest.fixture(autouse=True)
def no_modifier_key_left_held(app):
    """QTest's Ctrl+C leaves Qt believing Ctrl is still down (the release of C carries the modifier), and a
    later test's selectRow() would then toggle rows instead of selecting one. Release it between tests."""
    yield
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QWidget

    if QGuiApplication.keyboardModifiers() != Qt.KeyboardModifier.NoModifier:
        scratch = QWidget()
        for key in (Qt.Key.Key_Control, Qt.Key.Key_Shift, Qt.Key.Key_Alt, Qt.Key.Key_Meta):
            QTest.keyRelease(scratch, key)
        scratch.deleteLater()
    assert QGuiApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier


@pytest.fixture(autouse=True)
def chinese(app):
    from ui.common import i18n

    i18n.set_language("zh_CN")
    yield
    i18n.set_language("zh_CN")


@pytest.fixture
def wait_ops(qtbot):
    """Wait until every run_op operation has called back."""
    from ui.common import ops

    def wait(timeout=10_000):
        qtbot.waitUntil(lambda: ops.running_count() == 0, timeout=timeout)

    return wait


def store_closed(store) -> bool:
    """Whether a real core.store Store has been closed (its connection refuses to run anything)."""
    import sqlite3

    try:
        store.conn.execute("SELECT 1")
    except sqlite3.ProgrammingError:
        return True
    return False


@pytest.fixture
def db(tmp_path, demo_db_master):
    """A fresh copy of the session's demo database (tests/conftest.py) for one test, so one test's writes
    never reach another."""
    from tests.conftest import copy_database

    return copy_database(demo_db_master, tmp_path / "demo-copy.sqlite")


@pytest.fixture
def screen_on_session(qtbot, wait_ops):
    """`screen_on_session(Screen, path, user=…, size=(w, h), before_show=None)`: a screen on a session of its
    own over the database at `path`, shown, its store opened through it as the main window opens it, and its
    first load waited for. `before_show(screen, session)` runs once the screen is built (other screens on the
    same session, say). Every session made is closed after the test."""
    from ui.session import Session

    sessions = []

    def open_screen(screen_class, path, user="风险管理部 王敏", size=(1250, 820), before_show=None):
        session = Session(db_path=path, user=user)
        sessions.append(session)
        screen = screen_class(session)
        qtbot.addWidget(screen)
        if before_show is not None:
            before_show(screen, session)
        screen.resize(*size)
        screen.show()
        with qtbot.waitSignal(screen.loaded, timeout=20_000):
            op = session.open_store(screen)
        wait_ops(20_000)
        assert op is not None, session.store_error
        return screen

    yield open_screen
    for session in sessions:
        session.close()


@pytest.fixture
def rows_held(monkeypatch):
    """The concentration screen's whole-snapshot read (`full_view`) held back until the test sets the event
    this gives: meanwhile the dashboard shows the stored evaluation alone, its rows "still loading"."""
    import threading

    import ui.concentration.screen as mod

    release = threading.Event()
    real_full = mod.full_view

    def held_full_view(store, snapshot_id):
        release.wait(20)
        return real_full(store, snapshot_id)

    monkeypatch.setattr(mod, "full_view", held_full_view)
    yield release
    release.set()
