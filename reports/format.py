"""How numbers, dates, periods and statuses read in a Chinese board report.

One place for the conventions, shared by the PDF and XLSX writers (and usable by the GUI):

* amounts are held in 元 (yuan) and shown in 亿元 or 万元 with thousands separators: ``1,234.56 亿元``;
* ratios are held as fractions and shown as percentages with two decimals: ``0.1234`` -> ``12.34%``;
* dates read ``2025年6月30日``; periods ``2025H1`` -> ``2025年上半年`` (parsing lives in `core.periods`);
* statuses ``ok``/``warning``/``breach`` read 正常/预警/超限 in green/amber/red.

Numbers are formatted by `wording.numbers`, the formatter the screens use too: half-up on the decimal value
(1.005 -> 1.01), as accountants expect, not Python's half-even on binary floats. Missing values (None, NaN)
show as an em dash.

A *format spec* is a short string naming how a column or figure is shown, so report data can say what a
value is without pre-formatting it (the XLSX writer then stores the number and an Excel number format):
``text``, ``int``, ``number`` / ``number:N``, ``amount:亿元`` / ``amount:万元`` / ``amount:元`` (optionally
``:N`` decimals, e.g. ``amount:万元:0``), ``percent`` / ``percent:N``, ``date``, ``status``.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from core.periods import Period
from wording import numbers as W
from wording.codes import period_name
from wording.limit_status import STATUS_COLOURS, STATUS_TINTS  # noqa: F401 (the PDF, XLSX and chart writers read them here)
from wording.limit_status import STATUS_WORDS as _STATUS_WORDS

MISSING = W.MISSING
UNITS = W.UNITS

_CN_DIGITS = "〇一二三四五六七八九"

STATUS_WORDS = _STATUS_WORDS["zh"]   # the words and colours of a status are wording.limit_status's, as on screen


# The numbers themselves come from the one formatter the screens use too (wording.numbers), so a figure
# reads the same on the dashboard and in the board paper.
_is_missing = W.is_missing
_decimal = W.to_decimal
round_half_up = W.round_half_up
to_unit = W.to_unit


def format_number(value, decimals: int = 2, thousands: bool = True) -> str:
    """``1234.5`` -> ``1,234.50``; None/NaN -> ``—``; never prints ``-0.00``."""
    return W.number(value, decimals, thousands)


def format_amount(value_yuan, unit: str = "亿元", decimals: int = 2, with_unit: bool = True) -> str:
    """``123_456_000_000`` (元) -> ``1,234.56 亿元``; `with_unit=False` for table cells whose header names the unit."""
    return W.amount(value_yuan, unit, decimals, with_unit)


def format_percent(fraction, decimals: int = 2) -> str:
    """``0.1234`` -> ``12.34%``; the value is a fraction (1.0 is 100%)."""
    return W.percent(fraction, decimals)


def format_date(value: date | datetime | None) -> str:
    """``date(2025, 6, 30)`` -> ``2025年6月30日``."""
    if value is None:
        return MISSING
    return f"{value.year}年{value.month}月{value.day}日"


def period_label(period: str | Period) -> str:
    """``2025H1`` -> ``2025年上半年``, ``2025H2`` -> ``2025年下半年``, ``2025Q3`` -> ``2025年第三季度``,
    ``2025M06`` -> ``2025年6月``, ``2025`` -> ``2025年度``. A bad code raises `core.periods.PeriodError`.
    The words are wording.codes' (the reports screen names its files with the same)."""
    return period_name(period)


def chinese_numeral(n: int) -> str:
    """1..99 as Chinese numerals for headings: 1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 21 -> 二十一."""
    if not 1 <= n <= 99:
        raise ValueError(f"heading number out of range: {n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _CN_DIGITS[ones]
    head = "" if tens == 1 else _CN_DIGITS[tens]
    return head + "十" + (_CN_DIGITS[ones] if ones else "")


def status_word(status: str | None) -> str:
    if status is None:
        return MISSING
    try:
        return STATUS_WORDS[status]
    except KeyError:
        raise ValueError(f"unknown status {status!r}; expected one of {', '.join(STATUS_WORDS)}") from None


def status_colour(status: str | None) -> str | None:
    return STATUS_COLOURS.get(status) if status else None


# --- format specs -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class FormatSpec:
    """A parsed format spec (see the module docstring)."""

    kind: str  # text | int | number | amount | percent | date | status
    decimals: int = 2
    unit: str | None = None

    @property
    def numeric(self) -> bool:
        return self.kind in ("int", "number", "amount", "percent")

    def excel_format(self) -> str | None:
        """The Excel number format for the stored value (amounts are stored already divided into the unit)."""
        places = "." + "0" * self.decimals if self.decimals > 0 else ""
        if self.kind == "int":
            return "#,##0"
        if self.kind in ("number", "amount"):
            return f"#,##0{places}"
        if self.kind == "percent":
            return f"0{places}%"
        if self.kind == "date":
            return "yyyy-mm-dd"
        return None


_KINDS = ("text", "int", "number", "amount", "percent", "date", "status")


def parse_format(spec: str | FormatSpec | None) -> FormatSpec:
    if isinstance(spec, FormatSpec):
        return spec
    if not spec:
        return FormatSpec("text")
    parts = spec.split(":")
    kind = parts[0]
    if kind not in _KINDS:
        raise ValueError(f"unknown format spec {spec!r}")
    if kind == "amount":
        unit = parts[1] if len(parts) > 1 and parts[1] else "亿元"
        if unit not in UNITS:
            raise ValueError(f"unknown amount unit in format spec {spec!r}")
        decimals = int(parts[2]) if len(parts) > 2 else 2
        return FormatSpec("amount", decimals, unit)
    if kind in ("number", "percent"):
        return FormatSpec(kind, int(parts[1]) if len(parts) > 1 else 2)
    if kind == "int":
        return FormatSpec("int", 0)
    return FormatSpec(kind, 0)


def format_value(value, spec: str | FormatSpec | None = "text") -> str:
    """Format one value by spec; strings pass through unchanged so a column may mix numbers and notes."""
    f = parse_format(spec)
    if _is_missing(value):
        return MISSING
    if f.kind == "status":
        return status_word(value)
    if isinstance(value, str):
        return value
    if f.kind == "int":
        return format_number(value, 0)
    if f.kind == "number":
        return format_number(value, f.decimals)
    if f.kind == "amount":
        return format_amount(value, f.unit, f.decimals, with_unit=False)
    if f.kind == "percent":
        return format_percent(value, f.decimals)
    if f.kind == "date":
        return format_date(value)
    return str(value)


def excel_value(value, spec: str | FormatSpec | None = "text"):
    """The value to store in a spreadsheet cell: numbers stay numbers (amounts converted into the unit)."""
    f = parse_format(spec)
    if _is_missing(value):
        return None
    if f.kind == "status":
        return status_word(value)
    if isinstance(value, str):
        return value
    if f.kind == "amount":
        return float(to_unit(value, f.unit))
    if f.kind in ("int", "number", "percent"):
        return value if isinstance(value, (int, float)) and not isinstance(value, bool) else float(_decimal(value))
    return value
