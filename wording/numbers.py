"""The one number formatter: how an amount, a ratio or a count reads, on the screens and in the reports alike.

The dashboard and the board paper must print the same figure for the same value (12,345,500,000 yuan was
123.45 亿元 on screen, where float formatting rounds the binary value down, and 123.46 亿元 in the PDF), so
both call this module:

* rounding is half-up on the decimal value (1.005 -> 1.01; 0.00125 -> 0.13%), never Python's half-even on
  binary floats: a float is read through its shortest round-tripping repr, so 0.00125 stays 0.00125;
* thousands separators everywhere, in tables and in sentences (2,376 个);
* amounts are held in 元 and shown in 亿元 / 万元 (``1,234.56 亿元``); ratios are fractions shown as
  percentages (``0.1234`` -> ``12.34%``), and a sentence names what a ratio is of (`share_of`);
* a missing value (None, NaN) is an em dash; a value that rounds to zero never prints ``-0.00``.

Plain Python and Decimal: no Qt, nothing heavy, usable in a Qt model's data().
"""
from __future__ import annotations

import math
import numbers
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

MISSING = "—"
UNITS = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
# English readers count in billions and millions (1 亿元 = CNY 0.1 bn, 1 万元 = CNY 0.01 m)
_EN_UNITS = {"亿元": ("bn", Decimal(1_000_000_000)), "万元": ("m", Decimal(1_000_000)), "元": ("", Decimal(1))}


def is_missing(value) -> bool:
    return value is None or (isinstance(value, numbers.Real) and not isinstance(value, numbers.Integral)
                             and math.isnan(value))


def to_decimal(value) -> Decimal:
    """A number as the Decimal a reader means: floats through their shortest repr (0.1 is 0.1, not
    0.1000000000000000055…), integers (numpy's too) exactly; TypeError for anything else."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError(f"not a number: {value!r}")
    if isinstance(value, numbers.Integral):  # also numpy integers
        return Decimal(int(value))
    if isinstance(value, numbers.Real):  # float, numpy floats (whose repr is "np.float64(...)")
        return Decimal(repr(float(value)))
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:
        raise TypeError(f"not a number: {value!r}") from exc


def round_half_up(value, decimals: int = 2) -> Decimal:
    return to_decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def number(value, decimals: int = 2, thousands: bool = True) -> str:
    """``1234.5`` -> ``1,234.50``; None/NaN -> ``—``; never ``-0.00``."""
    if is_missing(value):
        return MISSING
    d = round_half_up(value, decimals)
    if d == 0:
        d = abs(d)
    return f"{d:,.{decimals}f}" if thousands else f"{d:.{decimals}f}"


def count(n) -> str:
    """A whole number with thousands separators: ``2376`` -> ``2,376``."""
    return number(n, 0)


def to_unit(value_yuan, unit: str = "亿元") -> Decimal:
    """An amount in 元 expressed in `unit` (元, 万元, 亿元), exactly (Decimal), before rounding."""
    if unit not in UNITS:
        raise ValueError(f"unknown amount unit {unit!r}; expected one of {', '.join(UNITS)}")
    return to_decimal(value_yuan) / UNITS[unit]


def amount(value_yuan, unit: str = "亿元", decimals: int = 2, with_unit: bool = True, lang: str = "zh") -> str:
    """``12_345_500_000`` (元) -> ``123.46 亿元`` (en: ``CNY 12.35 bn``); `with_unit=False` for a table
    cell whose header names the unit."""
    if is_missing(value_yuan):
        return MISSING
    if lang == "en":
        word, size = _EN_UNITS[unit]
        text = number(to_decimal(value_yuan) / size, decimals)
        return (f"CNY {text} {word}".rstrip() if with_unit else text)
    text = number(to_unit(value_yuan, unit), decimals)
    return f"{text} {unit}" if with_unit else text


def amount_auto(value_yuan, decimals: int = 2, lang: str = "zh") -> str:
    """亿元 from 1 亿 up (in absolute value), else 万元: the unit a reader expects for the size."""
    if is_missing(value_yuan):
        return MISSING
    unit = "亿元" if abs(to_decimal(value_yuan)) >= UNITS["亿元"] else "万元"
    return amount(value_yuan, unit, decimals, lang=lang)


def percent(fraction, decimals: int = 2) -> str:
    """``0.1234`` -> ``12.34%``; the value is a fraction (1.0 is 100%)."""
    if is_missing(fraction):
        return MISSING
    return number(to_decimal(fraction) * 100, decimals) + "%"


def points(delta_fraction, decimals: int = 2, signed: bool = True) -> str:
    """A change of a ratio in percentage points: ``0.007`` -> ``+0.70 个百分点``."""
    if is_missing(delta_fraction):
        return MISSING
    d = round_half_up(to_decimal(delta_fraction) * 100, decimals)
    sign = "+" if signed and d > 0 else ""
    return f"{sign}{number(d, decimals)} 个百分点"


def share_of(fraction, denominator: str, decimals: int = 2) -> str:
    """A ratio with what it is a ratio of, so that two figures of one exposure measured against different
    bases never read as a contradiction: ``(0.0525, "集团净资产")`` -> ``占集团净资产的 5.25%``."""
    return f"占{denominator}的 {percent(fraction, decimals)}"
