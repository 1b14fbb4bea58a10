"""The list of input problems (core.problems.InputProblem), worded by wording.problems.

Shown instead of a traceback whenever core refuses an input: every problem, each naming its file, row and
column, errors first, in the interface language, with a button to copy the list for an e-mail.
"""
from __future__ import annotations

from typing import Iterable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from core.problems import InputProblem
from ui.common import i18n


class ProblemsDialog(QDialog):
    def __init__(self, problems: Iterable[InputProblem], parent: QWidget | None = None):
        super().__init__(parent)
        # Errors first: they are why nothing was stored; warnings are for reading afterwards.
        self.problems = sorted(problems, key=lambda p: not p.is_error)
        self.setObjectName("problemsDialog")
        self.setMinimumSize(560, 320)
        self._heading = QLabel()
        self._heading.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        style = self.style()
        for _ in self.problems:
            self.list.addItem(QListWidgetItem())
        self._icons = (style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
                       style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self._copy = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self._copy.clicked.connect(self.copy_to_clipboard)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self._heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self._retranslate()

    def texts(self) -> list[str]:
        from wording.problems import describe

        lang = i18n.wording_lang()
        return [describe(p, lang) for p in self.problems]

    def copy_to_clipboard(self) -> None:
        QGuiApplication.clipboard().setText("\n".join(self.texts()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        errors = sum(p.is_error for p in self.problems)
        warnings = len(self.problems) - errors
        self.setWindowTitle(self.tr("Problems in the input"))
        if errors:
            heading = self.tr("The input was not accepted: %n error(s).", "", errors)
        else:
            heading = self.tr("The input was accepted with %n warning(s).", "", warnings)
        advice = self.tr("Correct the file and try again.") if errors else self.tr("Please check them.")
        # Chinese sentences follow each other without a space; English ones need one.
        self._heading.setText(heading + ("" if i18n.current() == "zh_CN" else " ") + advice)
        self._copy.setText(self.tr("Copy"))
        for row, (problem, text) in enumerate(zip(self.problems, self.texts())):
            item = self.list.item(row)
            item.setText(text)
            item.setIcon(self._icons[0] if problem.is_error else self._icons[1])
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)


def show_problems(parent: QWidget | None, problems: Iterable[InputProblem]) -> ProblemsDialog:
    """Open the dialog window-modally without blocking (so callers and tests carry on); it deletes itself."""
    dialog = ProblemsDialog(problems, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
