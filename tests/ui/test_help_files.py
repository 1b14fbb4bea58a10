"""Help and File menus as a user uses them: F1 opens the manual at the screen shown (Chinese, English after
the switch), About names the version, File › New Database creates and opens one, Open Recent lists the
databases opened before, Open Data Folder shows the database's folder."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QMessageBox

MANUALS = Path(__file__).resolve().parents[2] / "resources" / "help"


@pytest.fixture
def window(db, qtbot, wait_ops):
    from ui.main_window import MainWindow
    from ui.session import Session

    session = Session(db_path=db, user="测试员")
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.start()
    wait_ops(30_000)
    qtbot.waitUntil(lambda: session.store is not None, timeout=20_000)
    yield w
    session.close()


def _go(window, qtbot, wait_ops, key):
    row = next(i for i in range(window.nav.count()) if window.screen_key(i) == key)
    window.nav.setCurrentRow(row)
    qtbot.waitUntil(lambda: window.page_state(key) == "ready", timeout=30_000)
    wait_ops(30_000)


def test_f1_opens_the_manual_at_the_screen_shown(window, qtbot, wait_ops):
    from ui.common import i18n

    _go(window, qtbot, wait_ops, "limits")
    QTest.keyClick(window, Qt.Key.Key_F1)
    manual = window._manual_window
    assert manual.isVisible()
    assert manual.browser.source().fragment() == "limits"
    assert manual.browser.source().toLocalFile().endswith("manual_zh_CN.html")
    assert "沙盘" in manual.browser.toPlainText() and "数据库在哪里" in manual.browser.toPlainText()
    _go(window, qtbot, wait_ops, "breaches")
    window.activateWindow()                          # back in the main window
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=5_000)
    QTest.keyClick(window, Qt.Key.Key_F1)
    assert manual.browser.source().fragment() == "breaches"
    i18n.set_language("en")
    qtbot.waitUntil(lambda: manual.browser.source().toLocalFile().endswith("manual_en.html"), timeout=3_000)
    assert manual.browser.source().fragment() == "breaches"
    assert manual.windowTitle() == "RiskDesk User Manual"


def test_both_manuals_have_a_section_for_every_screen_and_topic():
    from ui.main_window import SCREENS

    for lang in ("zh_CN", "en"):
        text = (MANUALS / f"manual_{lang}.html").read_text(encoding="utf-8")
        for anchor in [key for key, _t, _f in SCREENS] + ["data", "database", "sources", "tables"]:
            assert f'id="{anchor}"' in text, (lang, anchor)


def test_about_names_the_version(window, monkeypatch):
    from importlib.metadata import version

    shown = []
    monkeypatch.setattr(QMessageBox, "about", staticmethod(lambda parent, title, text: shown.append(text)))
    window.about_action.trigger()                    # Help › About RiskDesk
    assert shown and f"RiskDesk {version('riskdesk')}" in shown[0]


def test_new_database_recent_list_and_data_folder(window, db, qtbot, wait_ops, monkeypatch, tmp_path):
    fresh = tmp_path / "second" / "risk-2026.sqlite"
    fresh.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(fresh), "")))
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)     # File › New Database…
    wait_ops(30_000)
    qtbot.waitUntil(lambda: window.session.store is not None and window.session.db_path == fresh, timeout=20_000)
    assert fresh.exists()
    # the first database is in Open Recent; choosing it opens it again
    window.recent_menu.aboutToShow.emit()
    entries = [a.text() for a in window.recent_menu.actions()]
    assert entries == [str(Path(db).resolve())]
    window.recent_menu.actions()[0].trigger()
    wait_ops(30_000)
    qtbot.waitUntil(lambda: window.session.store is not None and window.session.db_path == Path(entries[0]),
                    timeout=20_000)
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    window.data_folder_action.trigger()
    assert [u.toLocalFile() for u in opened] == [str(Path(entries[0]).parent)]
    # a new database never replaces an existing file
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: warned.append(a[2])))
    window.new_db_action.trigger()
    assert warned and "已存在" in warned[0]
    assert window.session.db_path == Path(entries[0])
