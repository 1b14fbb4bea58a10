"""Words, colours and small text helpers of the concentration screens: the codes of dimensions, statuses,
keys and bases as English sources translated in context "ConcentrationLabels", the report colours.
"""
from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
)

from ui.common import format as fmt
from ui.common import i18n

# The report colours and the worst-first order of a status (strong for text and bars, tints for row
# backgrounds): wording.limit_status owns them, so screen and board report agree.
from wording.limit_status import STATUS_COLOURS, STATUS_RANK, STATUS_TINTS  # noqa: F401 (the screen imports them here)

MUTED = "#7a7a7a"

CTX = "ConcentrationLabels"
DIMENSION_LABELS = {
    "counterparty_group": QT_TRANSLATE_NOOP("ConcentrationLabels", "Counterparty group"),
    "counterparty": QT_TRANSLATE_NOOP("ConcentrationLabels", "Counterparty"),
    "single_asset": QT_TRANSLATE_NOOP("ConcentrationLabels", "Single asset"),
    "industry": QT_TRANSLATE_NOOP("ConcentrationLabels", "Industry"),
    "region": QT_TRANSLATE_NOOP("ConcentrationLabels", "Region"),
    "asset_class": QT_TRANSLATE_NOOP("ConcentrationLabels", "Asset class"),
    "related_party": QT_TRANSLATE_NOOP("ConcentrationLabels", "Related party"),
    "overseas": QT_TRANSLATE_NOOP("ConcentrationLabels", "Overseas"),
    "customer": QT_TRANSLATE_NOOP("ConcentrationLabels", "Customer"),
    "business_line": QT_TRANSLATE_NOOP("ConcentrationLabels", "Business line"),
    "premium_region": QT_TRANSLATE_NOOP("ConcentrationLabels", "Premium by region"),
    "reinsurer": QT_TRANSLATE_NOOP("ConcentrationLabels", "Reinsurer"),
}
DIMENSION_ORDER = tuple(DIMENSION_LABELS)
BUSINESS = ("customer", "business_line", "premium_region", "reinsurer")
KEY_LABELS = {  # codes used as keys whose meaning is fixed by docs/interfaces.md
    "liquidity": QT_TRANSLATE_NOOP("ConcentrationLabels", "Liquidity"),
    "fixed_income": QT_TRANSLATE_NOOP("ConcentrationLabels", "Fixed income"),
    "equity": QT_TRANSLATE_NOOP("ConcentrationLabels", "Equity"),
    "real_estate": QT_TRANSLATE_NOOP("ConcentrationLabels", "Real estate"),
    "other_financial": QT_TRANSLATE_NOOP("ConcentrationLabels", "Other financial assets"),
    "overseas": QT_TRANSLATE_NOOP("ConcentrationLabels", "Overseas"),
    "domestic": QT_TRANSLATE_NOOP("ConcentrationLabels", "Domestic"),
    "UNKNOWN": QT_TRANSLATE_NOOP("ConcentrationLabels", "Unknown counterparty (look-through not covered)"),
    "*": QT_TRANSLATE_NOOP("ConcentrationLabels", "All keys together"),
}
BASIS_LABELS = {
    "total_assets": QT_TRANSLATE_NOOP("ConcentrationLabels", "Total assets"),
    "net_assets": QT_TRANSLATE_NOOP("ConcentrationLabels", "Net assets"),
    "total_premium": QT_TRANSLATE_NOOP("ConcentrationLabels", "Total premium"),
    "total_ceded": QT_TRANSLATE_NOOP("ConcentrationLabels", "Total ceded"),
}
GROUP_LABEL = QT_TRANSLATE_NOOP("ConcentrationLabels", "Group (consolidated)")
GROUP_SHORT = QT_TRANSLATE_NOOP("ConcentrationLabels", "Group")


def label(table: dict[str, str], code: str | None) -> str:
    """The translated text of a code, or the code itself when it has none."""
    if code is None:
        return fmt.DASH
    src = table.get(code)
    return QCoreApplication.translate(CTX, src) if src else str(code)


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
