"""Words, colours and small text helpers of the concentration screens: the words of dimensions, statuses,
keys and bases (wording's, as the reports print them), the report colours.
"""
from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
)

from ui.common import format as fmt
from ui.common import i18n
from ui.common.labels import code_label
from wording import codes

# The report colours and the worst-first order of a status (strong for text and bars, tints for row
# backgrounds): wording.limit_status owns them, so screen and board report agree.
from wording.limit_status import STATUS_COLOURS, STATUS_RANK, STATUS_TINTS  # noqa: F401 (the screen imports them here)

MUTED = "#7a7a7a"

CTX = "ConcentrationLabels"
# The words of dimensions, fixed keys and bases are wording.codes' (the reports' words, the same on every
# screen): a table maps a code to the wording function that words it in the interface language (`label`).
DIMENSION_LABELS = {d: codes.dimension_name for d in codes.DIMENSIONS}
DIMENSION_ORDER = tuple(DIMENSION_LABELS)
BUSINESS = ("customer", "business_line", "premium_region", "reinsurer")
KEY_LABELS = {k: codes.key_name for k in codes.KEYS}   # codes used as keys whose meaning is fixed by docs/interfaces.md
BASIS_LABELS = {b: codes.basis_name for b in codes.BASES}
GROUP_LABEL = QT_TRANSLATE_NOOP("ConcentrationLabels", "Group (consolidated)")
GROUP_SHORT = QT_TRANSLATE_NOOP("ConcentrationLabels", "Group")


def label(table: dict, code: str | None) -> str:
    """The text of a code in the interface language (ui.common.labels.code_label in context ConcentrationLabels)."""
    return code_label(table, code, CTX)


def dimension_label(dim: str) -> str:
    return label(DIMENSION_LABELS, dim)


def status_label(status: str | None) -> str:
    """正常 / 预警 / 超限 / 无法计量: the status words of every screen and report (ui.common.format)."""
    return fmt.status_label(status)


def yi_unit() -> str:
    return "CNY bn" if i18n.current() == "en" else "亿元"


def wrap_without_height_for_width(label) -> None:
    """A long QLabel that never widens the screen, without word wrap.

    The main window shows screens in a scroll area, which sizes a page with a height-for-width layout (any
    word-wrapped QLabel) to its preferred height — taller than the window. So: no wrap; the label may
    shrink below its text (Ignored horizontally), and the whole text is its tooltip (see `set_long_text`).
    """
    from PySide6.QtWidgets import QSizePolicy

    label.setWordWrap(False)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setMinimumWidth(0)


def set_long_text(label, text: str) -> None:
    label.setText(text)
    label.setToolTip(text)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConcentrationModels", text)
