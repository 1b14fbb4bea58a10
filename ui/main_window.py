"""The main window: navigation on the left, the current screen on the right, menus and a status bar.

Screens are listed in `SCREENS` as (key, title, "module:Class") and built lazily: the module is imported in a
worker thread the first time the user opens the screen (a screen's imports — pandas, matplotlib — would
otherwise delay start-up), and until its package exists the page says the feature comes later. The contract
a screen implements is in ui.common.screen.

Undo follows the Orange canvas: each screen owns a QUndoStack, a QUndoGroup makes Edit > Undo/Redo act on
the shown screen's stack, and a stack that is not clean is "unsaved" — a "*" in the title and a question
before closing.

A history opened read-only (--read-only, read-only media, or its check at opening failed: ui.session) shows
a banner above the screens; a failed check is explained in a window-modal message the officer must
acknowledge. File › Verify History… runs the full check (core.store.verify) with progress, File › Backup…
copies the database with SQLite's online backup and verifies the copy.
"""
from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QFontMetrics, QIcon, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QProgressDialog,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui import settings
from ui.common import i18n, pages
from ui.common.paths import ICONS
from ui.session import Session

# (key, title, factory "module:Class"). Titles are translated in context "Screens" when shown; a screen
# package ui/<key>/ provides screen.py with the class (ui.common.screen has the contract).
SCREENS: list[tuple[str, str, str]] = [
    # first: the duty calendar and what needs attention (governance.md); the window opens on it
    ("home", QT_TRANSLATE_NOOP("Screens", "Home"), "ui.home.screen:HomeScreen"),
    ("rating", QT_TRANSLATE_NOOP("Screens", "Rating"), "ui.rating.screen:RatingScreen"),
    ("concentration", QT_TRANSLATE_NOOP("Screens", "Concentration"),
     "ui.concentration.screen:ConcentrationScreen"),
    ("breaches", QT_TRANSLATE_NOOP("Screens", "Breach register"), "ui.breaches.screen:BreachesScreen"),
    ("limits", QT_TRANSLATE_NOOP("Screens", "Limits"), "ui.limits.screen:LimitsScreen"),
    ("history", QT_TRANSLATE_NOOP("Screens", "History"), "ui.history.screen:HistoryScreen"),
    ("reports", QT_TRANSLATE_NOOP("Screens", "Reports"), "ui.reports.screen:ReportsScreen"),
]


def module_exists(name: str) -> bool:
    """Whether `name` can be imported, found without importing it or its parent packages.

    importlib.util.find_spec("a.b.c") would import a.b — for a screen package, possibly its heavy
    dependencies — on the GUI thread; walking the path finders only looks at the file system.
    """
    if name in sys.modules:
        return True
    parts = name.split(".")
    spec = importlib.machinery.PathFinder.find_spec(parts[0])
    for i in range(1, len(parts)):
        if spec is None or not spec.submodule_search_locations:
            return False
        spec = importlib.machinery.PathFinder.find_spec(".".join(parts[:i + 1]),
                                                        list(spec.submodule_search_locations))
    return spec is not None


def import_screen_module(name: str):
    """Import a screen's module and the modules it lists in PRELOAD (worker thread).

    PRELOAD names what the screen's constructor would otherwise import on the GUI thread, freezing it —
    typically ("matplotlib.backends.backend_qtagg",) for a screen that builds a chart at once.
    """
    module = importlib.import_module(name)
    for extra in getattr(module, "PRELOAD", ()):
        importlib.import_module(extra)
    return module


class _Slot(QScrollArea):
    """One page of the stack; its content is swapped from loading/placeholder to the screen in place.

    A scroll area so that a screen wider or taller than the display scrolls instead of stretching the
    window past the screen's edge; a screen that fits just fills it (widgetResizable).
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.content: QWidget | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)

    def set_content(self, widget: QWidget) -> None:
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        self.content = widget
        self.setWidget(widget)


class _ElidedLabel(QLabel):
    """A status-bar label that shortens its text in the middle (a long database path) instead of clipping."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._full = ""
        self.setMinimumWidth(120)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(QFontMetrics(self.font()).elidedText(self._full, Qt.TextElideMode.ElideMiddle,
                                                          max(self.width(), 40)))


class MainWindow(QMainWindow):
    screen_loaded = Signal(str)  # key; emitted when a page's final content (screen or stand-in) is set

    def __init__(self, session: Session, screens: list[tuple[str, str, str]] | None = None,
                 parent: QWidget | None = None, initial: str | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.session = session
        self._initial = initial     # the screen to open on (main.py --screen), else the one shown last
        self.screens = list(SCREENS if screens is None else screens)
        self.undo_group = QUndoGroup(self)
        self._state: dict[str, str] = {}         # key -> "placeholder" | "loading" | "ready" | "broken"
        self._widgets: dict[str, QWidget] = {}   # key -> the screen widget, once built
        self._stacks: dict[str, object] = {}     # key -> its QUndoStack
        self._pending: list[int] = []            # imports waiting for start()
        self._started = False
        self._busy: dict[object, str] = {}

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A quiet sidebar: the selected screen is marked by a light band and an accent bar, so the dark
        # icon stays legible on it (the default highlight is a saturated blue).
        self.nav.setStyleSheet(
            "QListWidget#nav { border: none; border-right: 1px solid palette(midlight);"
            " background: palette(window); outline: 0; }"
            "QListWidget#nav::item { padding: 10px 12px; border-left: 3px solid transparent; }"
            "QListWidget#nav::item:selected { background: #dde8f3; color: palette(text);"
            " border-left: 3px solid #2f5d8a; }"
            "QListWidget#nav::item:hover:!selected { background: #eef3f8; }")
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        for key, _title, _factory in self.screens:
            item = QListWidgetItem(QIcon(str(ICONS / f"{key}.svg")), "")
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
            self.stack.addWidget(_Slot())
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.read_only_banner = QLabel()
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet("QLabel#readOnlyBanner { background: #fff4ce; color: #5c4400;"
                                            " border-bottom: 1px solid #e0c060; padding: 6px 12px; }")
        self.read_only_banner.hide()
        outer.addWidget(self.read_only_banner)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        outer.addWidget(row, 1)
        self.setCentralWidget(central)
        self.integrity_box: QMessageBox | None = None

        self._build_actions()
        self._build_status_bar()
        self.undo_group.cleanChanged.connect(self._update_title)
        self.undo_group.activeStackChanged.connect(self._update_title)
        self.undo_group.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo_group.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_group.undoTextChanged.connect(self._retranslate_undo)
        self.undo_group.redoTextChanged.connect(self._retranslate_undo)
        session.store_changed.connect(self._store_changed)
        session.user_changed.connect(self._update_status)
        session.snapshot_changed.connect(self._update_status)

        self._retranslate()
        self._restore_window()
        self.nav.currentRowChanged.connect(self._show_page)
        self.nav.setCurrentRow(self._initial_row())

    # -- construction -----------------------------------------------------------------------------
    def _build_actions(self) -> None:
        self.open_db_action = QAction(self, shortcut=QKeySequence.StandardKey.Open)
        self.open_db_action.triggered.connect(self.choose_database)
        self.team_db_action = QAction(self)
        self.team_db_action.setObjectName("teamDatabaseAction")
        self.team_db_action.triggered.connect(self.connect_team_database)
        self.backup_action = QAction(self, enabled=False)
        self.backup_action.triggered.connect(self.choose_backup)
        self.verify_action = QAction(self, enabled=False)
        self.verify_action.triggered.connect(self.verify_history)
        self.quit_action = QAction(self, shortcut=QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.undo_action = QAction(self, shortcut=QKeySequence.StandardKey.Undo, enabled=False)
        self.undo_action.triggered.connect(self.undo_group.undo)
        self.redo_action = QAction(self, shortcut=QKeySequence.StandardKey.Redo, enabled=False)
        self.redo_action.triggered.connect(self.undo_group.redo)
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in i18n.LANGUAGES.items():
            action = QAction(name, self, checkable=True)
            action.setData(code)
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            self.language_group.addAction(action)
            self.language_actions[code] = action
        self.user_action = QAction(self)
        self.user_action.triggered.connect(self.ask_user_name)
        self.options_action = QAction(self, shortcut=QKeySequence.StandardKey.Preferences)
        self.options_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.options_action.triggered.connect(self.open_settings)
        self.about_action = QAction(self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.about)
        # Help › User Manual (F1: the section of the screen shown); File › New / Recent / Data folder
        self.manual_action = QAction(self, shortcut=QKeySequence.StandardKey.HelpContents)
        self.manual_action.setObjectName("manualAction")
        self.manual_action.triggered.connect(lambda: self.show_manual())
        self.new_db_action = QAction(self, shortcut=QKeySequence.StandardKey.New)
        self.new_db_action.setObjectName("newDatabaseAction")
        self.new_db_action.triggered.connect(self.choose_new_database)
        self.data_folder_action = QAction(self)
        self.data_folder_action.setObjectName("dataFolderAction")
        self.data_folder_action.triggered.connect(self.open_data_folder)

        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.new_db_action)
        self.file_menu.addAction(self.open_db_action)
        self.file_menu.addAction(self.team_db_action)
        self.recent_menu = self.file_menu.addMenu("")
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.file_menu.addAction(self.data_folder_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.backup_action)
        self.file_menu.addAction(self.verify_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.settings_menu = bar.addMenu("")
        self.language_menu = self.settings_menu.addMenu("")
        self.language_menu.addActions(list(self.language_actions.values()))
        self.settings_menu.addAction(self.user_action)
        self.settings_menu.addSeparator()
        self.settings_menu.addAction(self.options_action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.manual_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)
        # Ctrl+1…Ctrl+n jump to the n-th screen (window-wide, like a browser's tabs).
        for row in range(min(len(self.screens), 9)):
            jump = QAction(self, shortcut=QKeySequence(f"Ctrl+{row + 1}"))
            jump.triggered.connect(lambda _checked=False, r=row: self.nav.setCurrentRow(r))
            self.addAction(jump)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.db_label = _ElidedLabel()
        self.db_label.setObjectName("dbLabel")
        self.user_label = QLabel()
        self.user_label.setObjectName("userLabel")
        self.snapshot_label = QLabel()
        self.snapshot_label.setObjectName("snapshotLabel")
        self.busy_label = QLabel()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # indeterminate
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setTextVisible(False)
        for label in (self.db_label, self.user_label, self.snapshot_label, self.busy_label):
            label.setContentsMargins(6, 0, 10, 0)
        bar.addWidget(self.db_label, 1)
        for w in (self.busy_label, self.busy_bar, self.user_label, self.snapshot_label):
            bar.addPermanentWidget(w)
        self.busy_label.hide()
        self.busy_bar.hide()

    def _initial_row(self) -> int:
        keys = [key for key, _, _ in self.screens]
        last = self._initial or settings.read_str(settings.WINDOW_SCREEN)
        return keys.index(last) if last in keys else 0

    def _restore_window(self) -> None:
        s = settings.app_settings()
        geometry = s.value(settings.WINDOW_GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        state = s.value(settings.WINDOW_STATE)
        if state is not None:
            self.restoreState(state)

    def save_window(self) -> None:
        s = settings.app_settings()
        s.setValue(settings.WINDOW_GEOMETRY, self.saveGeometry())
        s.setValue(settings.WINDOW_STATE, self.saveState())
        s.setValue(settings.WINDOW_SCREEN, self.screen_key())
        s.sync()

    # -- start-up (after the first paint) ---------------------------------------------------------
    def start(self, ask_user_if_missing: bool = False) -> None:
        """The work that must not delay the first paint: open the store, import the shown screen, and (at
        the first start, not in the demo) ask for the user's name."""
        if self._started:
            return
        self._started = True
        self.session.open_store(self)
        self._update_status()
        pending, self._pending = self._pending, []
        for index in pending:
            self._import_screen(index)
        if ask_user_if_missing and not self.session.user and not self.session.demo:
            # Asked once: saved on answer; a cancel leaves it empty and the question comes back next start.
            QTimer.singleShot(0, self.ask_user_name)

    # -- pages --------------------------------------------------------------------------------------
    def screen_key(self, index: int | None = None) -> str:
        return self.screens[self.nav.currentRow() if index is None else index][0]

    def screen_widget(self, key: str) -> QWidget | None:
        """The built screen for `key`, or None while it is not built (or is a stand-in)."""
        return self._widgets.get(key)

    def page_state(self, key: str) -> str | None:
        return self._state.get(key)

    def _title_src(self, index: int) -> tuple[str, str]:
        return ("Screens", self.screens[index][1])

    def _show_page(self, index: int) -> None:
        if index < 0:
            return
        self.stack.setCurrentIndex(index)
        self._ensure_page(index)
        key = self.screen_key(index)
        self.undo_group.setActiveStack(self._stacks.get(key))
        self._activate(key)
        self._update_title()

    def _activate(self, key: str) -> None:
        widget = self._widgets.get(key)
        activated = getattr(widget, "activated", None)
        if callable(activated):
            activated()

    def _ensure_page(self, index: int) -> None:
        key, _title, factory = self.screens[index]
        if key in self._state:
            return
        module_name = factory.partition(":")[0]
        slot: _Slot = self.stack.widget(index)
        if not module_exists(module_name):
            self._state[key] = "placeholder"
            slot.set_content(pages.placeholder_page(self._title_src(index)))
            self.screen_loaded.emit(key)
            return
        self._state[key] = "loading"
        slot.set_content(pages.loading_page(self._title_src(index)))
        if module_name in sys.modules:
            self._build_screen(index, sys.modules[module_name])
        elif self._started:
            self._import_screen(index)
        else:
            self._pending.append(index)

    def _import_screen(self, index: int) -> None:
        from ui.common.ops import run_op

        module_name = self.screens[index][2].partition(":")[0]
        title = QCoreApplication.translate(*self._title_src(index))
        run_op(self, import_screen_module, module_name, progress="statusbar",
               progress_label=self.tr("Opening {screen}…").format(screen=title),
               on_done=lambda module: self._build_screen(index, module),
               on_error=lambda exc: self._screen_failed(index, exc))

    def _build_screen(self, index: int, module) -> None:
        key, _title, factory = self.screens[index]
        slot: _Slot = self.stack.widget(index)
        try:
            cls = getattr(module, factory.partition(":")[2])
            widget = cls(self.session, slot)
        except Exception as exc:  # a broken screen must not take the window down with it
            self._screen_failed(index, exc)
            return
        slot.set_content(widget)
        from PySide6.QtWidgets import QTableView

        from ui.common.tables import excel_like

        for view in widget.findChildren(QTableView):   # every table copies, exports and filters alike
            excel_like(view, view.objectName() or key)
        self._widgets[key] = widget
        self._state[key] = "ready"
        undo_stack = getattr(widget, "undo_stack", None)
        stack = undo_stack() if callable(undo_stack) else None
        if stack is not None:
            self._stacks[key] = stack
            self.undo_group.addStack(stack)
        if index == self.nav.currentRow():
            self.undo_group.setActiveStack(stack)
            self._activate(key)
            self._update_title()
        self.screen_loaded.emit(key)

    def _screen_failed(self, index: int, exc: BaseException) -> None:
        key = self.screens[index][0]
        traceback.print_exception(exc, file=sys.stderr)  # for the developer; the user sees a sentence
        self._state[key] = "broken"
        self.stack.widget(index).set_content(pages.broken_page(self._title_src(index),
                                                               f"{type(exc).__name__}: {exc}"))
        self.screen_loaded.emit(key)

    # -- unsaved changes ----------------------------------------------------------------------------
    def _update_title(self, *_args) -> None:
        index = max(self.nav.currentRow(), 0)
        title = QCoreApplication.translate(*self._title_src(index)) if self.screens else ""
        # "[*]" is Qt's placeholder: shown as "*" while windowModified is set.
        self.setWindowTitle(f"{title}[*] — RiskDesk" if title else "RiskDesk[*]")
        self.setWindowModified(not self.undo_group.isClean())

    def unsaved_keys(self) -> list[str]:
        return [key for key, stack in self._stacks.items() if not stack.isClean()]

    def confirm_discard(self) -> bool:
        """Ask before unsaved changes would be lost; then let each screen veto. True = go ahead."""
        unsaved = self.unsaved_keys()
        if unsaved:
            names = "、".join(QCoreApplication.translate("Screens", title)
                             for key, title, _ in self.screens if key in unsaved)
            # 保存 when every screen with changes can save them (the rating screen: a new assessment record;
            # reports: the texts; limits: a proposal for approval)
            savers = {key: self._saver(key) for key in unsaved}
            can_save = all(savers.values())
            buttons = QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
            if can_save:
                buttons |= QMessageBox.StandardButton.Save
            text = (self.tr("There are unsaved changes in: {screens}.\nSave them before closing?") if can_save
                    else self.tr("There are unsaved changes in: {screens}.\nDiscard them?")).format(screens=names)
            answer = QMessageBox.question(self, self.tr("Unsaved changes"), text, buttons,
                                          QMessageBox.StandardButton.Save if can_save
                                          else QMessageBox.StandardButton.Cancel)
            if answer == QMessageBox.StandardButton.Save:
                for key in unsaved:
                    # the screen is shown while it saves: a refusal (a missing period, a reason) is seen there
                    self.nav.setCurrentRow(next(i for i, s in enumerate(self.screens) if s[0] == key))
                    savers[key]()
                    if not self._stacks[key].isClean():
                        return False
            elif answer != QMessageBox.StandardButton.Discard:
                return False
        for widget in self._widgets.values():
            can_close = getattr(widget, "can_close", None)
            if callable(can_close) and not can_close():
                return False
        return True

    # a screen saves its changes with save_changes(); the rating screen's is its 保存 (save)
    SAVE_METHODS = ("save_changes", "save")

    def _saver(self, key: str):
        widget = self._widgets.get(key)
        for name in self.SAVE_METHODS:
            method = getattr(widget, name, None)
            if callable(method):
                return method
        return None

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_discard():
            event.ignore()
            return
        self.save_window()
        event.accept()

    # -- database, user, language -------------------------------------------------------------------
    def choose_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open Database"),
            str(self.session.db_path.parent) if isinstance(self.session.db_path, Path) else "",
            self.tr("RiskDesk databases (*.sqlite *.db);;All files (*)"))
        if path:
            self.open_database(path)

    def connect_team_database(self) -> None:
        """File › Connect to Team Database…: a postgresql:// address (docs: README "Team database"); the
        password comes from ~/.pgpass or PGPASSWORD, and the recent list keeps the address without it."""
        from PySide6.QtWidgets import QInputDialog

        current = self.session.db_path if isinstance(self.session.db_path, str) else "postgresql://LOGIN@HOST/riskdesk"
        url, ok = QInputDialog.getText(self, self.tr("Connect to Team Database"), self.tr(
            "Address of the team database (PostgreSQL), e.g. postgresql://wangfang@dbhost/riskdesk.\n"
            "The password is taken from ~/.pgpass or PGPASSWORD and never stored."), text=current)
        url = (url or "").strip()
        if not ok or not url:
            return
        if not url.lower().startswith(("postgresql://", "postgres://")):
            QMessageBox.warning(self, self.tr("Connect to Team Database"),
                                self.tr("{url} is not a team database address: it starts with postgresql://").format(
                                    url=url))
            return
        self.open_database(url)

    def open_database(self, path) -> None:
        if not self.confirm_discard():
            return
        # The commands on the stacks refer to the database being closed.
        for stack in self._stacks.values():
            stack.clear()
        self.session.switch_database(path, self)
        self._update_status()

    def _store_changed(self) -> None:
        self._update_status()
        if self.session.store is not None and self.session.db_path is not None and not self.session.demo:
            from ui.common.help import remember_database

            remember_database(self.session.db_path)
        error = self.session.store_error
        if error is not None:
            from ui.common.ops import show_exception

            show_exception(self, error)
        if self.session.store is not None and self.session.integrity is not None:
            self.explain_integrity(self.session.integrity)

    # -- tamper evidence: read-only banner, the check's findings, full check, backup ----------------------
    def _update_banner(self) -> None:
        s = self.session
        if s.store is None or not s.read_only:
            self.read_only_banner.hide()
            return
        if s.integrity is not None:
            text = self.tr("Read-only: this history did not pass its check when it was opened, so nothing can "
                           "be recorded in it. You can view it and make reports. File › Verify History… "
                           "gives the full check.")
        elif s.read_only_requested:
            text = self.tr("Read-only (--read-only): for viewing and reports; nothing can be recorded.")
        else:
            text = self.tr("Read-only: the database file cannot be written (read-only media or no permission); "
                           "for viewing and reports only.")
        self.read_only_banner.setText(text)
        self.read_only_banner.show()

    def explain_integrity(self, result) -> QMessageBox:
        """The check at opening failed: say what was found, window-modal, until the officer acknowledges."""
        from wording.store import problem_sentence

        lang = i18n.current()
        box = QMessageBox(self)
        box.setObjectName("integrityWarning")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("RiskDesk: the history did not pass its check"))
        box.setText(self.tr("This history database is not as RiskDesk wrote it: it may have been changed by "
                            "another program. It is open read-only: you can view it and make reports, but "
                            "nothing can be recorded. Tell your administrator, and compare it with a backup."))
        lines = [problem_sentence(p, lang) for p in result.problems[:5]]
        if len(result.problems) > 5:
            lines.append(self.tr("… and {n} more findings.").format(n=len(result.problems) - 5))
        box.setInformativeText("\n".join(lines))
        ok = box.addButton(self.tr("I understand"), QMessageBox.ButtonRole.AcceptRole)
        ok.setObjectName("acknowledgeButton")
        box.setWindowModality(Qt.WindowModality.ApplicationModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def acknowledged() -> None:
            self.session.integrity_acknowledged = True
            self.integrity_box = None

        box.accepted.connect(acknowledged)
        box.finished.connect(lambda *_: setattr(self, "integrity_box", None))
        self.integrity_box = box
        box.show()          # not open(): that makes it window-modal; nothing else is usable until acknowledged
        return box

    def verify_history(self):
        """File › Verify History…: the full check in a worker, with progress; the outcome in a message."""
        from ui.common.ops import run_op

        path = self.session.db_path
        if path is None or self.session.store is None:
            return None
        dialog = QProgressDialog(self.tr("Verifying the history…"), "", 0, 100, self)
        dialog.setObjectName("verifyProgress")
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setValue(0)

        def progress(done: int, total: int) -> None:
            dialog.setValue(int(100 * done / max(total, 1)))

        def done(result) -> None:
            dialog.reset()
            dialog.deleteLater()
            self._show_verification(result)

        def failed(exc: BaseException) -> None:
            dialog.reset()
            dialog.deleteLater()
            from ui.common.ops import show_exception

            show_exception(self, exc)

        return run_op(self, full_check, path, progress="none", on_progress=progress, on_done=done,
                      on_error=failed)

    def _show_verification(self, result) -> QMessageBox:
        from wording.store import problem_sentence, verification_summary

        lang = i18n.current()
        box = QMessageBox(self)
        box.setObjectName("verifyResult")
        box.setIcon(QMessageBox.Icon.Information if result.ok else QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Verify History"))
        box.setText(verification_summary(result, lang, (result.head or "")[:16]))
        if len(result.problems) > 1:
            box.setInformativeText("\n".join(problem_sentence(p, lang) for p in result.problems[1:6]))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def choose_backup(self) -> None:
        path = self.session.db_path
        if path is None or self.session.store is None:
            return
        suggestion = (str(path.with_name(f"{path.stem}-backup{path.suffix or '.sqlite'}")) if isinstance(path, Path)
                      else str(Path.home() / "riskdesk-team-backup.sqlite3"))     # the team database: into a file
        out, _ = QFileDialog.getSaveFileName(self, self.tr("Back Up the Database"), suggestion,
                                             self.tr("RiskDesk databases (*.sqlite *.sqlite3 *.db)"))
        if out:
            self.backup_to(out)

    def backup_to(self, out):
        """Copy the open database to `out` (a new file) in a worker, verify the copy, say how it went."""
        from ui.common.ops import run_op

        return run_op(self, backup_and_verify, self.session.db_path, out,
                      progress_label=self.tr("Backing up the database…"), on_done=self._show_verification)

    def ask_user_name(self) -> bool:
        from ui.settings.dialog import ask_user_name

        name = ask_user_name(self, self.session.user)
        if name is None:
            return False
        self.session.set_user(name)
        settings.write(settings.USER_NAME, name)
        return True

    def set_language(self, lang: str) -> None:
        """Switch the interface language now (every widget retranslates) and remember it."""
        i18n.set_language(lang)
        settings.write(settings.LANGUAGE, lang)
        self.language_actions[i18n.current()].setChecked(True)

    def open_settings(self) -> None:
        from ui.settings.dialog import SettingsDialog

        dialog = SettingsDialog(self, language=i18n.current(), user=self.session.user)
        if dialog.exec():
            self.apply_settings(dialog.language(), dialog.user_name())

    def apply_settings(self, language: str, user: str) -> None:
        if language != i18n.current():
            self.set_language(language)
        if user != self.session.user:
            self.session.set_user(user)
            settings.write(settings.USER_NAME, user)

    def about(self) -> None:
        from ui.common.help import app_version

        QMessageBox.about(self, self.tr("About RiskDesk"), self.tr(
            "<h3>RiskDesk {version}</h3><p>An offline workbench for insurers' risk officers: supervisory rating "
            "self-assessment and group concentration risk.</p><p>Help › User Manual (F1) explains the "
            "screens, the data files, the sources of the numbers and where the database lives.</p>"
            "<p>Font: Noto Sans SC, SIL Open Font License 1.1.</p>").format(version=app_version()))

    # -- help and the File menu's helpers (ui.common.help) --------------------------------------------------
    def show_manual(self, section: str | None = None):
        """The manual at the section of the screen shown (F1), or at `section`."""
        from ui.common.help import show_manual

        return show_manual(self, section or self.screen_key() or "start")

    def choose_new_database(self) -> None:
        folder = str(self.session.db_path.parent) if self.session.db_path else ""
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New Database"), folder,
                                              self.tr("RiskDesk databases (*.sqlite *.db)"))
        if not path:
            return
        if not path.lower().endswith((".sqlite", ".sqlite3", ".db")):
            path += ".sqlite"
        if Path(path).exists():
            # a new database never replaces a history: records are kept for good
            QMessageBox.warning(self, self.tr("New Database"), self.tr(
                "{path} already exists. Choose another name, or open it with File › Open Database…").format(
                path=path))
            return
        self.open_database(path)

    def _fill_recent(self) -> None:
        from ui.common.help import recent_databases

        self.recent_menu.clear()
        db = self.session.db_path
        if isinstance(db, Path):
            current = str(db.resolve())
        else:                   # the team database's address, remembered without its password
            from core.store.pg import redact

            current = redact(db) if db else None
        paths = [p for p in recent_databases() if p != current]
        for p in paths:
            action = self.recent_menu.addAction(p)
            action.triggered.connect(lambda _checked=False, p=p: self.open_database(p))
        if not paths:
            self.recent_menu.addAction(self.tr("(no other database opened yet)")).setEnabled(False)

    def open_data_folder(self) -> bool:
        """The folder of the open database in the system's file manager."""
        from ui.common.help import open_folder

        path = self.session.db_path
        return open_folder(path.parent) if isinstance(path, Path) else False   # a team database has no folder

    # -- status bar ---------------------------------------------------------------------------------
    def show_busy(self, token: object, label: str) -> None:
        """A background operation (ui.common.ops, progress="statusbar") started taking time."""
        self._busy[token] = label
        self._update_busy()

    def hide_busy(self, token: object) -> None:
        self._busy.pop(token, None)
        self._update_busy()

    def _update_busy(self) -> None:
        labels = list(self._busy.values())
        self.busy_label.setText(labels[-1] if labels else "")
        self.busy_label.setVisible(bool(labels))
        self.busy_bar.setVisible(bool(labels))

    def _update_status(self, *_args) -> None:
        s = self.session
        state = {"opening": self.tr("opening…"), "failed": self.tr("not available"),
                 "closed": self.tr("not opened yet")}.get(s.store_state)
        if s.demo:
            where = self.tr("demo data (temporary)")
        else:
            where = str(s.db_path) if s.db_path is not None else self.tr("default location")
        if state:
            text = self.tr("Database: {path} ({state})").format(path=where, state=state)
        else:
            text = self.tr("Database: {path}").format(path=where)
        self.db_label.set_full_text(text)
        self.user_label.setText(self.tr("User: {name}").format(name=s.user or self.tr("(not set)")))
        self.snapshot_label.setText(self.tr("Snapshot: {label}").format(label=s.snapshot_label or "—"))
        ready = s.store is not None and s.db_path is not None
        self.backup_action.setEnabled(ready)
        self.verify_action.setEnabled(ready)
        self._update_banner()

    # -- translation ----------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.settings_menu.setTitle(self.tr("&Settings"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.open_db_action.setText(self.tr("&Open Database…"))
        self.team_db_action.setText(self.tr("Connect to &Team Database…"))
        self.backup_action.setText(self.tr("&Backup…"))
        self.verify_action.setText(self.tr("&Verify History…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.user_action.setText(self.tr("&User Name…"))
        self.options_action.setText(self.tr("&Options…"))
        self.about_action.setText(self.tr("&About RiskDesk"))
        self.manual_action.setText(self.tr("User &Manual"))
        self.new_db_action.setText(self.tr("&New Database…"))
        self.recent_menu.setTitle(self.tr("Open &Recent"))
        self.data_folder_action.setText(self.tr("Open Data &Folder"))
        self._retranslate_undo()
        action = self.language_actions.get(i18n.current())
        if action is not None:
            action.setChecked(True)
        width = 0
        metrics = QFontMetrics(self.nav.font())
        for row, (_key, title, _factory) in enumerate(self.screens):
            text = QCoreApplication.translate("Screens", title)
            self.nav.item(row).setText(text)
            width = max(width, metrics.horizontalAdvance(text))
        # icon + gap + text + item padding (2 × 12) + frame: wide enough for the longest title, no wider.
        self.nav.setFixedWidth(max(140, self.nav.iconSize().width() + 8 + width + 24 + 16))
        self._update_title()
        self._update_status()

    def _retranslate_undo(self, *_args) -> None:
        undo, redo = self.undo_group.undoText(), self.undo_group.redoText()
        self.undo_action.setText(self.tr("&Undo {action}").format(action=undo) if undo else self.tr("&Undo"))
        self.redo_action.setText(self.tr("&Redo {action}").format(action=redo) if redo else self.tr("&Redo"))


def full_check(path, progress=None):
    """Worker: core.store.verify.verify_file with progress reported about a hundred times, not per entry."""
    from core.store.verify import verify_file

    step = {"last": -1}

    def throttled(done: int, total: int) -> None:
        percent = int(100 * done / max(total, 1))
        if progress is not None and percent != step["last"]:
            step["last"] = percent
            progress(done, total)

    return verify_file(path, progress=throttled)


def backup_and_verify(path, out):
    """Worker: an online-backup copy of the history at `path` to the new file `out`, then its full check."""
    from core.store.verify import backup_file, verify_file

    backup_file(path, out)
    return verify_file(out)
