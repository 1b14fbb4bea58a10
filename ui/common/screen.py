"""What a screen is to the main window (the contract every ui/<screen>/ package implements), and the base
class of the screens that work on one stored snapshot (`SnapshotScreen`).

A screen is a QWidget class named in `ui.main_window.SCREENS` as "ui.<key>.screen:<Class>". The main
window imports it in a worker thread the first time the user opens it (so the module must create no Qt
objects at import time: no QPixmap/QIcon/QFont at module level), then builds it on the GUI thread:

    class RatingScreen(QWidget):
        def __init__(self, session: ui.session.Session, parent: QWidget | None = None): ...

The module may set `PRELOAD = ("matplotlib.backends.backend_qtagg", ...)`: modules the worker imports too,
because the constructor (on the GUI thread) would import them lazily and freeze the window meanwhile.

The class may implement, all optional:

    undo_stack() -> QUndoStack   the screen's stack; Edit > Undo/Redo and the "*" of the window title
                                 follow it while the screen is shown. Push one QUndoCommand per user action;
                                 call setClean() when the change is saved to the store.
    activated() -> None          the screen became visible (refresh what may have changed elsewhere)
    can_close() -> bool          asked before the window closes or another database is opened, after the
                                 generic "discard unsaved changes?" question; return False to veto

The session (ui.session) gives the database path, user name, the GUI thread's store (`when_store_ready`;
quick reads only) and the snapshot label in the status bar (`set_snapshot_label`). Slow core calls go
through ui.common.ops.run_op; slow reads of the database through `session.run_with_store(self, fn, ...)`,
which gives `fn` a Store of the worker's own (a sqlite connection belongs to the thread that opened it);
every write through `session.write(self, fn, ..., changed=KIND)` or `session.write_now(...)` (the one store
worker), after which `session.changed(kind, ids)` tells every screen (subscribe to reload what it shows);
charts through ui.common.charts.ChartWidget; numbers through ui.common.format. `session.store_changed`
fires when File > Open Database… switched files (the main window has cleared the undo stacks): reload.

Texts: English in `self.tr()`; then `python scripts/update_translations.py <key>` and fill in the Chinese
in resources/i18n/<key>_zh_CN.ts (one file per screen package); re-set texts on QEvent.LanguageChange
(changeEvent). tests/ui/test_i18n.py fails while a text of the package is untranslated.
"""
from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui import session as session_kinds
from ui.common.labels import screen_title
from ui.common.snapshot_selector import SnapshotSelector, header_row

INFO_STYLE = "color: #607d8b;"


class Screen(Protocol):
    """Typing aid only; the main window checks for each optional method with getattr."""

    def undo_stack(self): ...

    def activated(self) -> None: ...

    def can_close(self) -> bool: ...


class SnapshotScreen(QWidget):
    """The store wiring of a screen that works on one stored snapshot at a time (concentration, limits), so
    that both follow the history the same way: the title, the snapshot selector and a line of information on
    top (ui.common.snapshot_selector), the pages below; the list of snapshots read when the store opens, again
    when another database is opened (`session.store_changed`) and after a snapshot is written anywhere
    (`session.changed`, shown or not).

    The subclass builds its pages, then calls `finish_layout(pages)`, and implements:

        current_snapshot_id() -> int | None   the snapshot shown (None: none)
        refresh_snapshots(keep=False, select=None)   lists them with `list_snapshots` and loads the one to show
        snapshot_chosen(snapshot_id)          the user chose another snapshot in the selector
        forget()                              another database was opened: drop what was shown
        written(kind, ids)                    a write announced by the session, after a new snapshot is listed
        retranslate()                         its texts (this class has none: its tr() context would be the
                                              subclass's at run time, not the one lupdate files it under)
    """

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.snapshots: list = []
        self.title = screen_title()
        self.selector = SnapshotSelector()
        self.snapshot_combo = self.selector.combo
        self.snapshot_combo.activated.connect(self._snapshot_chosen)
        self.info = QLabel()
        self.info.setStyleSheet(INFO_STYLE)

    def finish_layout(self, pages: QWidget) -> None:
        """The header row above `pages`; then the texts, and the store followed from now on."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.addLayout(header_row(self.title, self.selector, self.info))
        layout.addWidget(pages, 1)
        self.retranslate()
        self.session.when_store_ready(lambda _store: self.refresh_snapshots())
        self.session.store_changed.connect(self._store_changed)
        self.session.changed.connect(self._written)

    @property
    def store(self):
        """The GUI thread's store (quick reads only); None while opening, after a failure or once closed."""
        return self.session.store

    def list_snapshots(self, keep: bool = False, select: int | None = None) -> int | None:
        """Read the stored snapshots into the selector; the id of the one to show: `select`, else the one shown
        when `keep`, else the latest (None: none stored)."""
        store = self.store
        self.snapshots = store.list_snapshots() if store is not None else []
        wanted = select if select is not None else (self.current_snapshot_id() if keep else None)
        return self.selector.set_snapshots(self.snapshots, wanted)

    def _snapshot_chosen(self, index: int) -> None:
        sid = self.selector.snapshot_id(index)
        if sid is not None and sid != self.current_snapshot_id():
            self.snapshot_chosen(sid)

    def _store_changed(self) -> None:
        self.forget()
        self.refresh_snapshots()

    def _written(self, kind: str, ids) -> None:
        if self.store is None:
            return
        if kind == session_kinds.SNAPSHOT:      # imported or withdrawn, here or on another screen
            self.refresh_snapshots(keep=True)
        self.written(kind, ids)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- the subclass's -------------------------------------------------------------------------------
    def current_snapshot_id(self) -> int | None:
        raise NotImplementedError

    def refresh_snapshots(self, keep: bool = False, select: int | None = None) -> None:
        raise NotImplementedError

    def snapshot_chosen(self, snapshot_id: int) -> None:
        raise NotImplementedError

    def forget(self) -> None:
        raise NotImplementedError

    def written(self, kind: str, ids) -> None:
        """Nothing more by default."""

    def retranslate(self) -> None:
        raise NotImplementedError
