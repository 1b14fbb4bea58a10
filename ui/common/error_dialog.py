"""A friendly dialog for a failure that is not an input problem: one sentence, the details folded away.

Database errors (core.store.StoreError) whose code the user can act on get their own sentence (wording.store,
shared with the command line); anything else is an apology with the exception's message as the reason and
the traceback under "Show Details…".
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def store_error_text(exc: BaseException) -> str | None:
    """The sentence for a StoreError about the file (busy, disk full, read-only, not a database, newer
    version, cannot open, …) in the interface language: wording.store's, the same as the command line's;
    None for anything else."""
    from core.store.errors import StoreError
    from ui.common import i18n
    from wording.store import store_error_sentence

    if not isinstance(exc, StoreError):
        return None
    return store_error_sentence(exc.code, exc.detail, i18n.wording_lang())


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
