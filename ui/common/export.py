"""Write a table to an XLSX workbook so that what was text stays text and what was a number stays a number.

A cell value that begins with =, +, -, @, a tab or a carriage return is what a spreadsheet takes for a
formula when a user types it; a counterparty named "=HYPERLINK(...)" in an import must never become one in
a workbook an officer opens. `write_xlsx_safe` writes every cell through core.safe_export.safe_cell (the
reports' writer too): a str is a string cell (never a formula cell), a risky one carries Excel's quote
prefix so that editing it later keeps it text; int, float and Decimal are numbers.

`table_value` turns a table's displayed text into what to write: a right-aligned figure ("1,234.56",
"30.42%", "-5") becomes a number with a matching number format; identifiers such as "600519" or "0012"
(left-aligned) stay text.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable, Sequence

from core.safe_export import safe_cell  # the one cell writer of every export (the reports use it too)

_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|0|[1-9]\d*)(?:\.\d+)?%?$")


class Percent(Decimal):
    """A ratio read from "30.42%" (0.3042), written with a percent format of the same decimals."""

    decimals: int = 2


def table_value(text: Any, numeric: bool) -> Any:
    """What to write for a cell displayed as `text`; `numeric`: the table shows it as a figure
    (right-aligned). A figure becomes Decimal (Percent for "…%"); everything else the text itself."""
    if text is None:
        return None
    if not isinstance(text, str):
        return text
    s = text.strip()
    if not numeric or not _NUMBER.match(s):
        return text
    try:
        if s.endswith("%"):
            body = s[:-1].replace(",", "")
            p = Percent(Decimal(body) / 100)
            p.decimals = len(body.split(".")[1]) if "." in body else 0
            return p
        return Decimal(s.replace(",", ""))
    except InvalidOperation:
        return text


def _number_format(value: Decimal, shown: str | None = None) -> str:
    if isinstance(value, Percent):
        return "0." + "0" * value.decimals + "%" if value.decimals else "0%"
    exp = value.as_tuple().exponent
    decimals = -exp if isinstance(exp, int) and exp < 0 else 0
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def write_xlsx_safe(path: str | Path, headers: Sequence[str], rows: Iterable[Sequence[Any]],
                    sheet: str = "Sheet1") -> Path:
    """Write one sheet: a bold header row, then the rows (str → text cell, number → number cell, None → empty).
    The header row is frozen and the columns sized to their longest text. Returns the path written."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = _sheet_title(sheet)
    widths = [0] * len(headers)
    bold = Font(bold=True)
    for c, h in enumerate(headers, start=1):
        _put(ws, 1, c, "" if h is None else str(h)).font = bold
        widths[c - 1] = _text_width(str(h or ""))
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            _put(ws, r, c, value)
            if c <= len(widths):
                widths[c - 1] = max(widths[c - 1], _text_width(str(value if value is not None else "")))
    from openpyxl.utils import get_column_letter

    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(60, max(8, w + 2))
    ws.freeze_panes = "A2"
    path = Path(path)
    wb.save(path)
    return path


def _put(ws, row: int, column: int, value: Any):
    """One cell through the product's one cell writer (core.safe_export), with a number format for figures."""
    cell = safe_cell(ws, row, column, value)
    if isinstance(value, Decimal) and value.is_finite():
        cell.number_format = _number_format(value)
    return cell


def _text_width(text: str) -> int:
    # a CJK character is about two Latin characters wide in a spreadsheet column
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _sheet_title(name: str) -> str:
    bad = set('[]:*?/\\')
    title = "".join("_" if ch in bad else ch for ch in (name or "Sheet1")).strip("'") or "Sheet1"
    return title[:31]
