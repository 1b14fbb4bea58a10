"""The import page's table of input problems: file, row, column and the problem in words.
"""
from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ui.common import i18n
from ui.common.tables import ALIGN, DISPLAY, FG, FONT, RAW, RIGHT, TIP  # the toolkit's roles
from ui.concentration.labels import STATUS_COLOURS, _tr


# ------------------------------------------------------------------------------- problems of an import
class ProblemsModel(QAbstractTableModel):
    """The problems of a dry run (core.problems.InputProblem), errors first, worded in the UI language."""

    SEVERITY, FILE, ROW, COLUMN, VALUE, MESSAGE = range(6)
    HEADERS = (QT_TRANSLATE_NOOP("ConcentrationModels", "Severity"),
               QT_TRANSLATE_NOOP("ConcentrationModels", "File"),
               QT_TRANSLATE_NOOP("ConcentrationModels", "Row"),
               QT_TRANSLATE_NOOP("ConcentrationModels", "Column"),
               QT_TRANSLATE_NOOP("ConcentrationModels", "Value"),
               QT_TRANSLATE_NOOP("ConcentrationModels", "Problem"))

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.problems: list = []

    def set_problems(self, problems: Sequence) -> None:
        self.beginResetModel()
        self.problems = sorted(problems, key=lambda p: not p.is_error)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.problems)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return _tr(self.HEADERS[section])
        return None

    def data(self, index: QModelIndex, role=DISPLAY):
        if not index.isValid():
            return None
        p = self.problems[index.row()]
        c = index.column()
        if role == DISPLAY:
            if c == self.SEVERITY:
                return QCoreApplication.translate("ConcentrationModels", "Error") if p.is_error else QCoreApplication.translate("ConcentrationModels", "Warning")
            if c == self.FILE:
                return p.file or ""
            if c == self.ROW:
                return "" if p.row is None else str(p.row)
            if c == self.COLUMN:
                return p.column or ""
            if c == self.VALUE:
                return "" if p.value is None else str(p.value)
            from wording.problems import message

            return message(p, i18n.wording_lang())
        if role == TIP:
            from wording.problems import describe

            return describe(p, i18n.wording_lang())
        if role == FG and c == self.SEVERITY:
            return QBrush(QColor(STATUS_COLOURS["breach" if p.is_error else "warning"]))
        if role == FONT and c == self.SEVERITY:
            f = QFont()
            f.setBold(True)
            return f
        if role == ALIGN and c == self.ROW:
            return RIGHT
        if role == RAW:
            return p
        return None

    def retranslate(self) -> None:
        if self.problems:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.problems) - 1, len(self.HEADERS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.HEADERS) - 1)
