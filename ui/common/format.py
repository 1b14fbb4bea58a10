"""Numbers as a Chinese risk officer reads them: amounts in 亿元 / 万元 with thousands separators, ratios as
percentages with 2 decimals.

Core gives amounts in yuan and ratios as fractions (0.15 = 15%). In English the same magnitudes are shown
in the units English readers use (1 亿元 = CNY 0.1 bn, 1 万元 = CNY 0.01 m). Missing values (None, NaN)
are shown as an em dash. The figures come from `wording.numbers`, shared with the reports. Pure Python: usable in Qt models' data() without importing anything heavy.
"""
from __future__ import annotations

from ui.common import i18n
from wording import numbers as N
from wording.limit_status import STATUS_COLOURS, STATUS_LABELS, STATUS_TINTS, STATUS_WORDS

DASH = "—"
YI = 100_000_000
WAN = 10_000


def _missing(x) -> bool:
    return N.is_missing(x)


# Every figure goes through wording.numbers, the formatter the reports use: half-up on the decimal value, so
# 12,345,500,000 yuan is 123.46 亿元 here as in the PDF (float formatting showed 123.45), 0.00125 is 0.13%.
def number(x, decimals: int = 2) -> str:
    """1234567.891 -> '1,234,567.89'."""
    return N.number(x, decimals)


def yi(yuan, decimals: int = 2, lang: str | None = None, unit: bool = True) -> str:
    """123_456_789_000 yuan -> '1,234.57 亿元' (en: 'CNY 123.46 bn')."""
    return N.amount(yuan, "亿元", decimals, unit, lang=lang or i18n.current())


def wan(yuan, decimals: int = 2, lang: str | None = None, unit: bool = True) -> str:
    """12_345_678 yuan -> '1,234.57 万元' (en: 'CNY 12.35 m')."""
    return N.amount(yuan, "万元", decimals, unit, lang=lang or i18n.current())


def amount(yuan, decimals: int = 2, lang: str | None = None) -> str:
    """亿元 from 1 亿 up (in absolute value), else 万元: the unit a reader expects for the size."""
    return N.amount_auto(yuan, decimals, lang=lang or i18n.current())


def percent(ratio, decimals: int = 2) -> str:
    """0.15234 -> '15.23%'."""
    return N.percent(ratio, decimals)


STATUS_EN = STATUS_LABELS["en"]     # wording's, as the Chinese: 无法计量 is "cannot be measured" (was "No basis")


def status_label(status: str | None) -> str:
    """正常 / 预警 / 超限 as the reports print them (wording.limit_status); English words in English."""
    if not status:
        return DASH
    if i18n.current() == "en":
        return STATUS_EN.get(status, status)
    return STATUS_WORDS["zh"].get(status, status)


def status_colours(status: str | None) -> tuple[str | None, str | None]:
    """(text colour, row tint) of a status: the report colours, so screen and board report agree."""
    return STATUS_COLOURS.get(status or ""), STATUS_TINTS.get(status or "")


def local_time(stamp: str | None, empty: str = DASH) -> str:
    """A store timestamp (UTC ISO 8601) in the user's local time, to the minute: the store keeps UTC so
    that records sort and compare everywhere; people read the clock on their wall (Beijing time)."""
    if not stamp:
        return empty
    from datetime import datetime

    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp
