"""A CSV file's bytes before any frame is made of them: what they hold (`ByteProfile`) and pyarrow's parse of a
plain file (`parse_plain`).

It imports neither pandas nor numpy (pyarrow only when a file is parsed, and numpy with it), so that a command can start on a data
folder's large files (`core.concentration.read_ahead`) while it is still importing the rest. The reader
(`core.concentration.tabular`) uses the same two, so that what was worked out ahead is what it would have
worked out itself.
"""
from __future__ import annotations

from typing import Any

# Bytes that may start a whitespace character in UTF-8 (str.strip() whitespace: ASCII space, \t, \v, \f,
# \x1c-\x1f; U+0085, U+00A0 (C2 ..); U+1680 (E1 ..); U+2000-U+200A, U+2028, U+2029, U+202F, U+205F (E2 ..);
# U+3000 (E3 ..)) or a quote (quoted cells may hold line breaks). \r and \n end records outside quotes.
SUSPECT_BYTES = b' \t\x0b\x0c\x1c\x1d\x1e\x1f"\xc2\xe1\xe2\xe3'

# The bytes a CSV's quick checks ask about besides commas and line feeds: C0 controls but the line feed (a
# carriage return, a tab, ...) and the bytes that may start a whitespace character or a quote
# (SUSPECT_BYTES). Deleting every other byte in one C pass leaves (on a plain file) an empty string, which
# answers `tabular.utf8_cells_need_strip` and `tabular._read_arrow`; the commas and line feeds are counted only
# for `tabular._ragged_suspect` (a file pyarrow reads never asks: see `tabular._read_csv_rest`).
RARE_BYTES = bytes(b for b in range(0x20) if b != 0x0A) + SUSPECT_BYTES
_DELETE_COMMON = bytes(b for b in range(256) if b not in RARE_BYTES)
_DELETE_BUT_COMMA_LF = bytes(b for b in range(256) if b not in b",\n")


class ByteProfile:
    """What the quick checks need to know of a file's bytes: `quotes` (a double quote anywhere) and `present`
    (which of RARE_BYTES occur) from one pass keeping only those bytes; `lines` (records if none spans lines:
    newlines, plus an unterminated last line) and `commas` from another pass, made only when they are asked
    for."""

    def __init__(self, data: bytes):
        rare = data.translate(None, _DELETE_COMMON)
        self.quotes: bool = b'"' in rare
        self.present: frozenset[int] = frozenset(rare)
        self._data = data
        self._counts: tuple[int, int] | None = None

    def _counted(self) -> tuple[int, int]:
        if self._counts is None:
            kept = self._data.translate(None, _DELETE_BUT_COMMA_LF)
            newlines = kept.count(b"\n")
            self._counts = (newlines + (0 if self._data.endswith(b"\n") else 1), len(kept) - newlines)
        return self._counts

    @property
    def lines(self) -> int:
        return self._counted()[0]

    @property
    def commas(self) -> int:
        return self._counted()[1]


def arrow_csv() -> tuple[Any, Any] | None:
    """(pyarrow, pyarrow.csv), or None when pyarrow is not installed (pandas' reader then does all the work)."""
    try:
        import pyarrow as pa  # noqa: PLC0415 - imported only when a CSV folder is read
        import pyarrow.csv as pa_csv  # noqa: PLC0415
    except ImportError:
        return None
    return pa, pa_csv


def column_names(width: int) -> list[str]:
    """The names `parse_plain` gives a file's columns, by position: c0, c1, ..."""
    return [f"c{i}" for i in range(width)]


def parse_plain(data: bytes, width: int, wanted: list[int] | None = None, threads: bool = True) -> Any:
    """pyarrow's multi-threaded parse of a plain CSV's bytes after its header line: the columns at the positions
    `wanted` (all when None), each as text (large_string, every cell a string, none null), named by
    `column_names`. Raises pyarrow's ArrowException (or ValueError) when pyarrow refuses the file, e.g. a line
    without `width` cells. `threads`: parse blocks on pyarrow's thread pool (the cells are the same either way).
    `tabular._read_arrow` says which files it is called for and why these options."""
    mods = arrow_csv()
    if mods is None:
        raise ValueError("pyarrow is not installed")     # (the callers check first; a refusal to them)
    pa, pa_csv = mods
    cols = column_names(width)
    include = cols if wanted is None else [cols[p] for p in wanted]
    return pa_csv.read_csv(
        pa.py_buffer(data),
        read_options=pa_csv.ReadOptions(column_names=cols, skip_rows=1, use_threads=threads),
        parse_options=pa_csv.ParseOptions(quote_char=False, newlines_in_values=False, ignore_empty_lines=False),
        convert_options=pa_csv.ConvertOptions(
            include_columns=include,
            # large_string: what pandas' `str` dtype holds, so the id columns go into the frame as read
            column_types={c: pa.large_string() for c in include}, null_values=[],
            strings_can_be_null=False, quoted_strings_can_be_null=False,
            # the bytes are known to be UTF-8 (ASCII, or decoded strictly to choose the encoding) and a comma or
            # line end never splits a character: not validated a second time (a quarter of the reader's CPU at
            # 1M exposures)
            check_utf8=False))
