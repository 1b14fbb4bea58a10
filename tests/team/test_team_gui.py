"""The GUI on the team database: `main.py --db postgresql://…` opens every screen (the limit dashboard on the
stored snapshot) as on a file (real processes, offscreen, in the smoke mode that exits after the first
paint); File › Connect to Team Database…; other users' writes reach the screens; the import preview."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from core.store.pgcopy import copy_history
from tests.conftest import ROOT, copy_database


@pytest.mark.slow     # seconds of PostgreSQL and processes: CI runs it (tests/conftest.py)
@pytest.mark.parametrize("screen", ["concentration", "home", "rating", "breaches", "limits", "history", "reports"])
def test_every_screen_opens_on_the_team_database(demo_db_master, pg_url, tmp_path, screen):
    src = sqlite3.connect(str(demo_db_master))
    try:
        copy_history(src, pg_url)
    finally:
        src.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", RISKDESK_EXIT_AFTER_FIRST_PAINT="1",
               RISKDESK_SETTINGS_DIR=str(tmp_path / "settings"), HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "main.py", "--db", pg_url, "--screen", screen], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-3000:]
    assert "Traceback" not in output and "Error" not in output, output[-3000:]
    assert f"ready-screen: {screen}" in output
    if screen == "concentration":
        assert "ready-screen: concentration with data" in output      # the stored snapshot, read from the server


def test_what_another_user_writes_reaches_the_screens(qtbot, pg_url, tmp_path, monkeypatch):
    """A session on the team database announces records another user wrote (`Session.changed`, which the
    screens' reloaders follow) within a poll of the chain: here a text another connection saves."""
    from PySide6.QtCore import QThreadPool

    from core.store import Store
    from ui.session import TEXT, Session

    monkeypatch.setenv("RISKDESK_SETTINGS_DIR", str(tmp_path / "settings"))
    Store.open(pg_url).close()                       # the schema, as the administrator made it
    session = Session(pg_url, user="reader")
    session.TEAM_POLL_MS = 200
    try:
        session.open_store()
        qtbot.waitUntil(lambda: session.store is not None, timeout=30_000)
        with qtbot.waitSignal(session.changed, timeout=10_000,
                              check_params_cb=lambda kind, ids: kind == TEXT) as seen:
            with Store.open(pg_url) as other:
                tid = other.save_text("semiannual_conclusion", "2025H2", "另一位用户的结论", "writer")
        assert seen.args == [TEXT, [tid]]
    finally:
        session.close()
        QThreadPool.globalInstance().waitForDone(30_000)


def test_file_connect_to_team_database_opens_it_and_remembers_it_without_the_password(
        qtbot, pg_url, tmp_path, monkeypatch):
    """File › Connect to Team Database…: the address typed is opened (the session on the team store), the
    recent list keeps it without a password, and a mistyped address is refused with a message."""
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    from core.store import Store
    from ui.common.help import recent_databases
    from ui.main_window import MainWindow
    from ui.session import Session

    monkeypatch.setenv("RISKDESK_SETTINGS_DIR", str(tmp_path / "settings"))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    Store.open(pg_url).close()
    with_password = pg_url.replace("postgresql://postgres@", "postgresql://postgres:secret@")
    session = Session(tmp_path / "h.sqlite3", user="张三")
    placeholders = [(key, key, f"tests.ui.no_such_{key}.screen:Screen") for key in ("rating", "concentration")]
    window = MainWindow(session, screens=placeholders)
    qtbot.addWidget(window)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: session.store is not None, timeout=30_000)
    try:
        warned = []
        monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("mysql://x@y/z", True))
        window.team_db_action.trigger()
        assert warned and "postgresql://" in warned[0] and not session.store.is_team
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (with_password, True))
        window.team_db_action.trigger()          # what the menu entry does
        qtbot.waitUntil(lambda: session.store is not None and session.store.is_team, timeout=30_000)
        assert session.user == "postgres"               # the login, no longer the name typed (张三)
        session.set_user("李四")                          # Settings › User Name… changes nothing there
        assert session.user == "postgres"
        remembered = recent_databases()
        assert remembered[0].startswith("postgresql://postgres@") and all("secret" not in p for p in remembered)
        window.file_menu.aboutToShow.emit()
        window.recent_menu.aboutToShow.emit()    # the recent list lists the file, not the open team database
        assert [a.text() for a in window.recent_menu.actions()] == [str((tmp_path / "h.sqlite3").resolve())]
        monkeypatch.setattr(QMessageBox, "open", lambda self: None)
        window.backup_to(tmp_path / "team-backup.sqlite3")      # File › Backup… on the team database
        qtbot.waitUntil(lambda: (tmp_path / "team-backup.sqlite3").exists(), timeout=30_000)
        QThreadPool.globalInstance().waitForDone(30_000)
        from core.store.verify import verify_file

        assert verify_file(tmp_path / "team-backup.sqlite3").ok
    finally:
        window.close()
        session.close()
        QThreadPool.globalInstance().waitForDone(30_000)


def test_an_import_preview_on_the_team_database_is_under_its_approved_limits(demo_db_master, pg_url, tmp_path):
    """The concentration screen's preview worker opens its own connection from `store.location` (the team
    database's URL; a file's path on SQLite) and evaluates under the approved set, as on a file."""
    from core.store import Store
    from ui.concentration.screen import preview_and_view

    src = sqlite3.connect(str(demo_db_master))
    try:
        copy_history(src, pg_url)
    finally:
        src.close()
    data = ROOT / "resources" / "demo" / "2025-06-30"
    lite_file = copy_database(demo_db_master, tmp_path / "demo.sqlite3")    # the preview opens it writable
    with Store.open(pg_url) as team, Store.open(lite_file) as lite:
        assert team.location == pg_url and team.where == pg_url       # no password in this URL
        on_team = preview_and_view(str(data), team.location)[1]
        on_file = preview_and_view(str(data), lite.location)[1]
    assert on_team.limits_source is not None and on_team.limits_source == on_file.limits_source
