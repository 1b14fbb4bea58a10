"""A friendly dialog for a failure that is not an input problem: one sentence, the details folded away.

Database errors (core.store.StoreError) whose code the user can act on get their own sentence; anything
else is an apology with the exception's message as the reason and the traceback under "Show Details…".
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

# StoreError codes a user can do something about (core/store/errors.py lists them all).
STORE_MESSAGES = {
    "not_a_database": QT_TRANSLATE_NOOP("ErrorDialog", "The file {path} is not a database."),
    "not_riskdesk": QT_TRANSLATE_NOOP("ErrorDialog", "The file {path} is a database of another application, "
                                                     "not a RiskDesk history database."),
    "newer_schema": QT_TRANSLATE_NOOP("ErrorDialog", "The file {path} was written by a newer version of "
                                                     "RiskDesk. Update RiskDesk to open it."),
    "cannot_open": QT_TRANSLATE_NOOP("ErrorDialog", "The database {path} cannot be opened or created. Check "
                                                    "that its folder exists and that you may write to it."),
}


def store_error_text(exc: BaseException) -> str | None:
    """The sentence for a StoreError the user can act on, in the interface language; else None."""
    code = getattr(exc, "code", None)
    detail = getattr(exc, "detail", None)
    if not isinstance(detail, dict):
        return None
    if code not in STORE_MESSAGES:
        # busy, disk full, read-only, unreadable, no name: the sentences shared with the CLI (wording.store)
        from ui.common import i18n
        from wording.store import store_error_sentence

        return store_error_sentence(code, detail, i18n.current()) if _is_store_error(exc) else None
    try:
        from core.store.errors import StoreError
    except ImportError:
        return None
    if not isinstance(exc, StoreError):
        return None
    return QCoreApplication.translate("ErrorDialog", STORE_MESSAGES[code]).format(path=detail.get("path", ""))


def _is_store_error(exc: BaseException) -> bool:
    try:
        from core.store.errors import StoreError
    except ImportError:
        return False
    return isinstance(exc, StoreError)


def show_error(parent: QWidget | None, exc: BaseException, details: str = "") -> QMessageBox:
    """Open (non-blocking, window-modal) a message box; the traceback is only in 'Show Details…'."""
    translate = QCoreApplication.translate  # lupdate knows "translate(ctx, text)", not other aliases
    box = QMessageBox(parent)
    box.setObjectName("errorDialog")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(translate("ErrorDialog", "RiskDesk: something went wrong"))
    known = store_error_text(exc)
    if known:
        box.setText(known)
    else:
        box.setText(translate("ErrorDialog", "The operation could not be completed."))
        summary = str(exc).strip() or type(exc).__name__
        box.setInformativeText(translate("ErrorDialog", "Reason: {reason}\n\nIf this keeps happening, send the "
                                                        "details below to your RiskDesk administrator.")
                               .format(reason=summary))
    if details:
        box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
