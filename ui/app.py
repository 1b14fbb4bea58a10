"""Start the GUI: `run_gui(db=, demo=, lang=, user=) -> exit status`, called by main.py.

Start-up is kept short by doing only what the first window needs before it paints — Qt, the bundled font,
the translator, the settings, an empty main window — and everything else after (napari-style): the store
and its imports open in a worker thread, the shown screen is imported in another, the first-start question
for the user's name comes last.

Hidden option for tests and benchmarks: RISKDESK_EXIT_AFTER_FIRST_PAINT=1 prints
    first-paint-seconds: 0.412
(from process start) to stderr at the first paint of the main window, then waits for the after-paint work
(store opened, screen loaded; at most 60 s), prints `ready-seconds: …`, and exits with status 0 — or 1 if
that work failed or showed the user an error, so a smoke test sees a broken start-up.
"""
from __future__ import annotations

import os
import sys
import time

# the wall time since the process started, for the timing lines below (shared with the command line)
from core.process_clock import seconds_since_process_start

EXIT_AFTER_FIRST_PAINT_ENV = "RISKDESK_EXIT_AFTER_FIRST_PAINT"


def create_application(argv: list[str] | None = None):
    """The QApplication with RiskDesk's names and font (or the existing one, e.g. under pytest-qt)."""
    from PySide6.QtWidgets import QApplication

    from ui.common import fonts, pyside_fixes

    # Before any screen emits a signal: some PySide6 releases leak a reference per emit (see that module).
    pyside_fixes.apply()
    app = QApplication.instance() or QApplication(list(argv if argv is not None else sys.argv[:1]))
    app.setApplicationName("RiskDesk")
    app.setOrganizationName("RiskDesk")
    if fonts.register_qt_fonts():
        app.setFont(fonts.app_font())
    return app


def initial_language(lang: str | None) -> str:
    from ui import settings
    from ui.common import i18n

    chosen = lang or settings.read_str(settings.LANGUAGE) or i18n.DEFAULT
    return chosen if chosen in i18n.LANGUAGES else i18n.DEFAULT


def run_gui(db: str | None = None, demo: bool = False, lang: str | None = None, user: str | None = None,
            read_only: bool = False, screen: str | None = None) -> int:
    """`screen`: the key of the screen to open on (ui.main_window.SCREENS), else the one shown last."""
    if screen is not None:
        from ui.main_window import SCREENS

        keys = [key for key, _, _ in SCREENS]
        if screen not in keys:
            print(f"main.py: error: --screen {screen!r}: choose one of {', '.join(keys)}", file=sys.stderr)
            return 2
    app = create_application()

    from PySide6.QtCore import QEvent, QObject, QThreadPool, QTimer

    from ui import settings
    from ui.common import i18n
    from ui.main_window import MainWindow
    from ui.session import Session

    i18n.set_language(initial_language(lang))
    saved_user = settings.read_str(settings.USER_NAME)
    # maker-checker by OS account in real use; the demo's loader acted several people from one login
    session = Session(db, user=user or saved_user or "", demo=demo, read_only=read_only, distinct_accounts=not demo)
    window = MainWindow(session, initial=screen)    # only that screen is imported and built at start
    exit_after_paint = os.environ.get(EXIT_AFTER_FIRST_PAINT_ENV) == "1"

    def after_first_paint() -> None:
        window.start(ask_user_if_missing=not exit_after_paint)
        if exit_after_paint:
            print(f"first-paint-seconds: {painted_at:.3f}", file=sys.stderr, flush=True)
            _exit_when_idle(app, window, session, screen=screen)

    class FirstPaint(QObject):
        """Runs after_first_paint once, after the main window's first paint event has been handled."""

        def eventFilter(self, obj, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                nonlocal painted_at
                painted_at = seconds_since_process_start()
                window.removeEventFilter(self)
                QTimer.singleShot(0, after_first_paint)  # after this paint (and its flush) completes
            return False

    painted_at = 0.0
    first_paint = FirstPaint(window)
    window.installEventFilter(first_paint)
    window.show()
    status = app.exec()
    # A worker still importing or running core code must finish before the interpreter shuts down
    # (imports after shutdown fail noisily); core calls are not interruptible, so wait for them.
    QThreadPool.globalInstance().waitForDone(30_000)
    session.close()
    return status


def _exit_when_idle(app, window, session, timeout_s: float = 60.0, screen: str | None = None) -> None:
    """Benchmark/smoke mode: quit once the after-paint work is done, non-zero if any of it failed. With a
    `screen` asked for (--screen), "ready" is as soon as that screen shows its data (its `shows_data`, e.g.
    the concentration screen's limit dashboard), even while it goes on loading the rest."""
    from PySide6.QtCore import QTimer

    from ui.common import ops

    deadline = time.monotonic() + timeout_s

    def check() -> None:
        target = window.screen_widget(screen) if screen is not None else None
        shown = bool(getattr(target, "shows_data", False))
        busy = not shown and (ops.running_count() > 0 or session.store_state == "opening")
        if busy and time.monotonic() < deadline:
            QTimer.singleShot(20, check)
            return
        failed = busy or window.page_state(window.screen_key()) == "broken" or ops.reported_errors > 0 or (
            session.store_error is not None)
        ready_at = seconds_since_process_start()
        if screen is not None:      # which screen was ready, and whether with its data
            print(f"ready-screen: {window.screen_key()}{' with data' if shown else ''}", file=sys.stderr,
                  flush=True)
        print(f"ready-seconds: {ready_at:.3f}", file=sys.stderr, flush=True)
        app.exit(1 if failed else 0)

    check()
