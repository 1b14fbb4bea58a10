"""What a screen is to the main window (the contract every ui/<screen>/ package implements).

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


class Screen(Protocol):
    """Typing aid only; the main window checks for each optional method with getattr."""

    def undo_stack(self): ...

    def activated(self) -> None: ...

    def can_close(self) -> bool: ...
