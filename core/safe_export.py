"""The one writer of cells for every XLSX and CSV the product writes: text stays text, numbers stay numbers.

docs/interfaces.md ("Units and text"): a value that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
must never become a formula in the user's spreadsheet. Names come from imported files (a counterparty named
``=HYPERLINK(...)`` or ``=cmd|' /C calc'!A0``), so every writer goes through here:

- XLSX (`safe_cell`, `safe_append`): a str is always stored as a string cell (openpyxl would otherwise
  make a formula cell of a str that starts with "="), and a risky one also gets Excel's quote prefix, so
  that editing the cell later keeps it text. int, float, Decimal, bool, dates are written as they are
  (numbers stay numbers). Characters XML cannot hold (NUL and other C0 controls but tab, CR, LF) are
  replaced by U+FFFD so that no name can make a workbook fail to save.
- CSV (`safe_csv_value`, `write_csv_safe`): a risky text gets a leading apostrophe, the convention Excel
  and LibreOffice show as text (the cell then reads as the original text); numbers are written plainly.

Pure Python: openpyxl worksheets are passed in, never imported here.
"""
from __future__ import annotations

import csv
import re
from decimal import Decimal
from typing import Any, Iterable, TextIO

RISKY_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")   # what openpyxl refuses (IllegalCharacterError)


def is_risky(text: str) -> bool:
    """True when a spreadsheet would take this text for a formula (or the start of one)."""
    return text.startswith(RISKY_START)


def xml_text(text: str) -> str:
    """`text` with the characters an XLSX cannot hold replaced by U+FFFD."""
    return _ILLEGAL_XML.sub("\ufffd", text) if _ILLEGAL_XML.search(text) else text


def _number(value: Any) -> Any:
    """Decimal as a float/int cell value (openpyxl writes Decimal too, but keep the type plain)."""
    if isinstance(value, Decimal):
        if not value.is_finite():
            return str(value)
        return int(value) if value == value.to_integral_value() and abs(value) < 10 ** 15 else float(value)
    return value


def safe_cell(ws, row: int, column: int, value: Any):
    """Write one XLSX cell (1-based row and column) and return it; see the module docstring."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        text = xml_text(value)
        cell.value = text
        cell.data_type = "s"           # never "f": a str that starts with "=" stays a string
        if is_risky(text):
            cell.quotePrefix = True
    else:
        cell.value = _number(value)
    return cell


def safe_append(ws, values: Iterable[Any]) -> int:
    """Append a row after the last used one (like `ws.append`) through `safe_cell`; returns its number."""
    # openpyxl's own append counter (_current_row: the last row any cell was made in), kept in step
    row = getattr(ws, "_current_row", ws.max_row) + 1
    for j, value in enumerate(values, start=1):
        safe_cell(ws, row, j, value)
    if hasattr(ws, "_current_row"):
        ws._current_row = row
    return row


def safe_csv_value(value: Any) -> str:
    """One CSV field: numbers as written, None as empty, risky text behind an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, Decimal)):
        return str(value)
    text = str(value)
    return "'" + text if is_risky(text) else text


def write_csv_safe(stream: TextIO, rows: Iterable[Iterable[Any]]) -> int:
    """Write rows to an open text stream (newline="") as CSV through `safe_csv_value`; returns the count."""
    writer = csv.writer(stream)
    n = 0
    for row in rows:
        writer.writerow([safe_csv_value(v) for v in row])
        n += 1
    return n


__all__ = ["RISKY_START", "is_risky", "xml_text", "safe_cell", "safe_append", "safe_csv_value", "write_csv_safe"]
