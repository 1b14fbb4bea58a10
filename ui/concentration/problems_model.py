"""The import page's table of input problems: file, row, column and the problem in words.
"""
from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject

from ui.common import i18n
from ui.common.tables import RIGHT, Column, RowsModel
from ui.concentration.labels import STATUS_COLOURS


def _message(p) -> str:
    from wording.problems import message  # loaded off the GUI thread when the screen opens (screen.PRELOAD)

    return message(p, i18n.wording_lang())


def _describe(p) -> str:
    from wording.problems import describe

    return describe(p, i18n.wording_lang())


def _severity(p) -> str:
    return QCoreApplication.translate("ConcentrationModels", "Error") if p.is_error else \
        QCoreApplication.translate("ConcentrationModels", "Warning")


def _problem_column(header: str, text, **kw) -> Column:
    # every cell's tooltip is the whole problem in words; its raw value is the problem itself (what a screen
    # acting on a row reads)
    return Column(header, text=text, raw=lambda p: p, tip=_describe, **kw)


# ------------------------------------------------------------------------------- problems of an import
class ProblemsModel(RowsModel):
    """The problems of a dry run (core.problems.InputProblem), errors first, worded in the UI language."""

    CONTEXT = "ConcentrationModels"
    SEVERITY, FILE, ROW, COLUMN, VALUE, MESSAGE = range(6)

    def __init__(self, parent: QObject | None = None):
        super().__init__([
            _problem_column(QT_TRANSLATE_NOOP("ConcentrationModels", "Severity"), _severity,
                            fg=lambda p: STATUS_COLOURS["breach" if p.is_error else "warning"],
                            bold=lambda p: True),
            _problem_column(QT_TRANSLATE_NOOP("ConcentrationModels", "File"), lambda p: p.file or ""),
            _problem_column(QT_TRANSLATE_NOOP("ConcentrationModels", "Row"),
                            lambda p: "" if p.row is None else str(p.row), align=RIGHT),
            _problem_column(QT_TRANSLATE_NOOP("ConcentrationModels", "Column"), lambda p: p.column or ""),
            _problem_column(QT_TRANSLATE_NOOP("ConcentrationModels", "Value"),
                            lambda p: "" if p.value is None else str(p.value)),
            _problem_column(QT_TRANSLATE_NOOP("ConcentrationModels", "Problem"),
                            _message),
        ], parent)

    @property
    def problems(self) -> list:
        return self.rows

    def set_problems(self, problems: Sequence) -> None:
        self.set_rows(sorted(problems, key=lambda p: not p.is_error))
