"""A friendly dialog for an unexpected failure: what happened in one sentence, the details folded away."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def show_error(parent: QWidget | None, exc: BaseException, details: str = "") -> QMessageBox:
    """Open (non-blocking, window-modal) a message box; the traceback is only in 'Show Details…'."""
    translate = QCoreApplication.translate  # lupdate knows "translate(ctx, text)", not other aliases
    box = QMessageBox(parent)
    box.setObjectName("errorDialog")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(translate("ErrorDialog", "RiskDesk: something went wrong"))
    box.setText(translate("ErrorDialog", "The operation could not be completed."))
    summary = str(exc).strip() or type(exc).__name__
    box.setInformativeText(translate("ErrorDialog", "Reason: {reason}\n\nIf this keeps happening, send the details "
                                             "below to your RiskDesk administrator.").format(reason=summary))
    if details:
        box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
