"""The user manual in the app (Help › User Manual, F1 on a screen opens its section), the version shown in
About, and the File menu's helpers: recent databases and opening a folder in the system's file manager.

The manual is one HTML page per language in resources/help (manual_zh_CN.html, manual_en.html), with an
anchor per screen (`home`, `rating`, `concentration`, `breaches`, `limits`, `history`, `reports`) and per
topic (`data`, `database`, `sources`, `tables`); it is read from disk, so a risk officer's organisation can
edit it without touching the code.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from ui import settings
from ui.common import i18n
from ui.common.paths import RESOURCES

HELP = RESOURCES / "help"
RECENT_KEY = "files/recent"
RECENT_MAX = 8


def manual_path(lang: str | None = None) -> Path:
    lang = lang or i18n.current()
    path = HELP / f"manual_{lang}.html"
    return path if path.exists() else HELP / "manual_zh_CN.html"


def app_version() -> str:
    """The installed package's version (pyproject.toml), or "dev" when it runs from a bare checkout."""
    try:
        from importlib.metadata import PackageNotFoundError, version
    except ImportError:          # pragma: no cover — Python ≥ 3.8 has it
        return "dev"
    try:
        return version("riskdesk")
    except PackageNotFoundError:
        return "dev"


class ManualWindow(QDialog):
    """The manual, beside the main window (not modal: the officer reads and works at the same time)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("manualWindow")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.setModal(False)
        self.browser = QTextBrowser()
        self.browser.setObjectName("manual")
        self.browser.setOpenExternalLinks(False)
        self.contents_button = QPushButton()
        self.contents_button.clicked.connect(lambda: self.show_section("start"))
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.back_button.setEnabled(False)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close)
        row = QHBoxLayout()
        row.addWidget(self.contents_button)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addLayout(row)
        self.resize(760, 620)
        self.section = "start"
        self._retranslate()

    def show_section(self, section: str) -> None:
        """Open the manual of the interface language at `section` (an anchor)."""
        self.section = section or "start"
        url = QUrl.fromLocalFile(str(manual_path()))
        url.setFragment(self.section)
        self.browser.setSource(url)
        self.browser.scrollToAnchor(self.section)

    def _reshow(self) -> None:
        self.show_section(self.section)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("RiskDesk User Manual"))
        self.contents_button.setText(self.tr("Contents"))
        self.back_button.setText(self.tr("Back"))
        self.close_button.setText(self.tr("Close"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            # the other language's page, same section; after the switch has finished (i18n.current() is
            # set once every translator is in)
            QTimer.singleShot(0, self, self._reshow)       # (not called once the window is gone)
        super().changeEvent(event)


def show_manual(parent: QWidget, section: str = "start") -> ManualWindow:
    """Open (or bring forward) the one manual window of `parent` at `section`."""
    window = getattr(parent, "_manual_window", None)
    if window is None:
        window = ManualWindow(parent)
        parent._manual_window = window
    window.show_section(section)
    window.show()
    window.raise_()
    window.activateWindow()
    return window


# -- File menu helpers ---------------------------------------------------------------------------------
def recent_databases() -> list[str]:
    """The databases opened lately, newest first, those still on disk (and team databases' addresses)."""
    text = settings.read_str(RECENT_KEY)
    return [p for p in text.split("\n") if p and (p.startswith(("postgresql://", "postgres://")) or Path(p).exists())]


def remember_database(path) -> list[str]:
    """Put `path` first in the recent list (at most RECENT_MAX) and return the list."""
    text = str(path).strip()
    if text.lower().startswith(("postgresql://", "postgres://")):   # the team database: kept without its password
        from core.store.pg import redact

        p = redact(text)
    else:
        p = str(Path(path).resolve())
    paths = [p] + [q for q in settings.read_str(RECENT_KEY).split("\n") if q and q != p]
    paths = paths[:RECENT_MAX]
    settings.write(RECENT_KEY, "\n".join(paths))
    return paths


def open_folder(path) -> bool:
    """Show `path` (a folder) in the system's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
