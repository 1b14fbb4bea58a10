"""Reading tabular input (CSV folders, XLSX workbooks) into string frames, and vectorised value parsing.

Everything here works on whole columns: a 1,000,000-row file is read once as text (`dtype=str`, no NA
detection) and checked with vectorised pandas/numpy operations; Python loops run only over the rows that
have a problem. A plain UTF-8 CSV (no quotes, every line the header's width) is parsed by pyarrow's
multi-threaded reader (`_read_arrow`), every other file (GB18030, quoted cells, ragged lines) and any file
pyarrow refuses by pandas' C reader, so that a problem is worded exactly as before; both give the same cells.
When such a file has nothing to strip and no blank row, its columns stay pyarrow arrays (`Table.lazy`): the
checks of amounts, flags and choices run on them with Arrow's kernels (`parse_fen`, `parse_bool`,
`parse_choice` with `values=None`), and only the columns asked for become Python strings (`Table.get`);
a problem's cell is taken for its row alone (`Table.texts`). Problems are `core.problems.InputProblem`
records with the spreadsheet row number
(header = row 1, first data row = row 2, or as many rows lower as there are title rows above the header)
and the column header as written in the file (a missing column as the file's language would name it).

Header row (`find_header_row`): row 1 when it has every required column; else the first of the top
HEADER_SEARCH_ROWS rows that has them (the rows above are a title: a merged "XX集团 2025年6月 风险暴露");
else the problems go to where the header seems to be (`header_row_guess`). Only those first rows are looked
at, so a large file costs nothing more. The officer may then say where the header is (`header_row=N`, the
spreadsheet row, per file: the import page's 重新读取, `import --header-row FILE=N`): that row is the header,
whatever it holds, and its missing columns are said as usual (`chosen_header_row` matches the file's names).

Decisions (documented for users in the importer's module docstring):
- Headers: case-insensitive, surrounding whitespace and BOM stripped, full-width characters folded
  (NFKC), a trailing unit in brackets not part of the name (``金额（万元）`` is ``金额``; the importer applies
  the unit of an amount column, `header_unit`), spaces/hyphens = ``_``;
  English names of docs/interfaces.md plus Chinese aliases (`HEADER_ALIASES`). Unknown columns are ignored.
- Cell values are stripped of surrounding whitespace (including full-width spaces).
- Encodings: UTF-8 (with or without BOM) first, strictly; else GB18030 (a superset of GBK); else
  ``bad_encoding``.
- Numbers: plain decimals, optionally signed; thousands separators only as correctly grouped ASCII
  commas (``1,234,567.89``; ``1,23`` is not a number); scientific notation (``2E+10``, as Excel writes
  large numbers) accepted when the value is exact to the fen. Amounts may have at most two decimals
  (trailing zeros do not count: ``1.500`` is fine). Ratios (`parse_decimal`) also accept a percent sign
  (``8%`` = 0.08).
- Booleans: true/false, 1/0, 是/否, yes/no, y/n, t/f (case-insensitive); blank = the default.
- Text (`check_text`): no C0 control characters (a tab only inside a name), ids at most MAX_ID_LENGTH
  and names at most MAX_NAME_LENGTH characters.
"""
from __future__ import annotations

import csv
import io
import itertools
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable

import numpy as np
import pandas as pd

from core import memory
from core.concentration import read_ahead
from core.concentration.csv_bytes import RARE_BYTES as _RARE_BYTES  # noqa: F401 - the reader's name for them
from core.concentration.csv_bytes import SUSPECT_BYTES as _SUSPECT_BYTES
from core.concentration.csv_bytes import ByteProfile, column_names, parse_plain
from core.concentration.csv_bytes import arrow_csv as _arrow_csv
from core.concentration.model import TEXT_DTYPE
from core.problems import InputProblem, Severity

# --------------------------------------------------------------------------------------------------
# Headers

HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("名称", "名字", "公司名称", "机构名称", "集团名称", "成员名称", "交易对手名称", "限额名称", "姓名"),
    "as_of": ("as of", "asof", "date", "截至日期", "截止日期", "数据日期", "基准日", "报告日期", "日期"),
    "total_assets": ("总资产", "资产总额", "上季末总资产", "总资产(元)"),
    "net_assets": ("净资产", "净资产总额", "上季末净资产"),
    "solvency_ratio": ("偿付能力充足率", "综合偿付能力充足率", "偿付能力", "solvency"),
    "actual_capital": ("实际资本",),
    "minimum_capital": ("最低资本",),
    "member_id": ("member", "成员公司", "成员编号", "成员公司编号", "成员代码", "成员公司代码", "持有人", "所属成员"),
    "kind": ("type", "类型", "类别", "公司类型", "业务类型"),
    "counterparty_id": ("counterparty", "交易对手编号", "交易对手代码", "交易对手", "对手方编号", "交易对手id"),
    "parent_id": ("parent", "上级交易对手", "母公司", "母公司编号", "控股股东", "上级", "上级编号"),
    "connected_label": ("关联标签", "关联关系标签", "经济依存标签", "关联组"),
    "industry": ("行业", "行业代码", "行业分类"),
    "region": ("地区", "地域", "地区代码", "区域", "省份"),
    "related_party": ("关联方", "是否关联方"),
    "exempt": ("豁免", "是否豁免", "豁免交易对手"),
    "group_member": ("集团成员", "集团内成员", "对应成员", "对应成员公司", "成员公司身份"),
    "exposure_id": ("exposure", "风险暴露编号", "暴露编号", "敞口编号", "持仓编号", "投资编号", "资产明细编号"),
    "instrument_id": ("instrument", "资产编号", "单一资产", "资产代码", "证券代码", "产品代码", "单一资产编号"),
    "asset_class": ("资产类别", "大类资产", "资产大类", "资产类型"),
    "overseas": ("境外", "是否境外", "境外投资"),
    "on_balance": ("表内", "是否表内", "表内外"),
    "amount": ("金额", "余额", "账面价值", "敞口金额", "暴露金额", "投资金额", "保费"),
    "parent_exposure_id": ("parent_exposure", "底层资产所属", "穿透上级", "上级暴露编号", "所属持仓", "所属产品"),
    "exempt_single_asset": ("单一资产豁免", "豁免单一资产", "单一资产限额豁免"),
    "exempt_counterparty": ("交易对手豁免", "豁免交易对手限额", "单一法人豁免", "单一法人主体豁免"),
    "exempt_asset_class": ("大类资产豁免", "豁免大类资产", "不计入大类资产比例", "大类资产比例豁免"),
    "limit_id": ("limit id", "限额编号", "限额代码", "指标编号"),
    "dimension": ("维度", "集中度维度"),
    "scope": ("范围", "适用范围", "适用对象", "层级"),
    "key": ("键", "对象", "限额对象", "具体对象"),
    "basis": ("基数", "分母", "计算基数"),
    "warning": ("预警值", "预警", "预警比例", "监测比例"),
    "limit": ("限额", "限额值", "限额比例", "上限", "监管比例"),
    "parent_limit_id": ("parent_limit", "上级限额", "上级限额编号", "分配自"),
    "rule": ("规则", "推导规则"),
    "customer_id": ("customer", "客户", "客户编号"),
    "line": ("business_line", "业务条线", "业务线", "险种"),
    "reinsurer_id": ("reinsurer", "再保险人", "再保险人编号", "分入人"),
}


# Units an amount header may carry in brackets (``金额（万元）``, ``amount (亿元)``): yuan per unit. A header
# without a unit means 元. 千元 and 百万元 are accepted too: Chinese financial statements use them, and a
# known unit is better applied than refused.
AMOUNT_UNITS: dict[str, int] = {
    "元": 1, "人民币元": 1, "yuan": 1, "cny": 1, "rmb": 1,
    "千元": 1_000, "万元": 10_000, "百万元": 1_000_000, "亿元": 100_000_000,
    "万": 10_000, "亿": 100_000_000, "人民币万元": 10_000, "人民币亿元": 100_000_000,
}
_UNIT_RE = re.compile(r"\(([^()]*)\)\s*$")


def header_unit(text: Any) -> tuple[str | None, int | None]:
    """(the unit as written in a header's trailing brackets, yuan per unit or None when unknown);
    (None, 1) when the header carries no unit. Full- and half-width brackets alike (NFKC)."""
    s = unicodedata.normalize("NFKC", "" if text is None else str(text).replace("\ufeff", "")).strip()
    m = _UNIT_RE.search(s)
    if m is None:
        return None, 1
    unit = m.group(1).strip()
    return unit, AMOUNT_UNITS.get(re.sub(r"\s+", "", unit).lower())


def norm_header(text: Any) -> str:
    """The comparable form of a header or sheet/file name."""
    s = "" if text is None else str(text)
    s = unicodedata.normalize("NFKC", s.replace("\ufeff", "")).strip().lower()
    s = re.sub(r"\s*\([^()]*\)\s*$", "", s)          # a unit suffix: 金额(元), amount (yuan)
    s = re.sub(r"[\s\-]+", "_", s).strip("_")
    return s


_ALIAS_TO_CANON: dict[str, str] = {}
for _canon, _aliases in HEADER_ALIASES.items():
    for _a in (_canon,) + _aliases:
        _ALIAS_TO_CANON.setdefault(norm_header(_a), _canon)


def canonical_header(text: Any) -> str | None:
    return _ALIAS_TO_CANON.get(norm_header(text))


@dataclass(frozen=True)
class Spec:
    """What one file must/may contain."""

    name: str                       # "exposures": file exposures.csv, sheet "exposures"
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()   # other file/sheet names (Chinese)

    @property
    def filename(self) -> str:
        return self.name + ".csv"

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional


# Per column, facts a reader worked out in C for `check_text` (longest cell in bytes, any C0 control character,
# any but a tab), valid only while no cell was changed after (the reader's cells are `clean`): Table.text_facts.
# The Arrow columns `_read_arrow` parsed, for the columns of ARROW_KEPT, are kept in Table.arrow so that the
# importer's column checks run on them in C (flags, amounts, the look-through ids) instead of on the Python
# strings; row for row with the table only while no cell was stripped and no blank row dropped.
ARROW_KEPT = frozenset({"exposure_id", "parent_exposure_id", "counterparty_id", "amount", "overseas", "on_balance", "related_party",
                        "exempt", "exempt_single_asset", "exempt_counterparty", "exempt_asset_class"})


@dataclass
class Table:
    """One file or sheet, as text: canonical columns (all str, stripped), index = spreadsheet row.

    A plain CSV read by pyarrow (nothing to strip, no blank row) keeps its columns as Arrow string arrays
    (`lazy`) and turns one into Python strings only when it is asked for (`get`, `frame`): the importer's
    checks of flags, amounts and choices run on the Arrow cells, and a column the engine never receives as
    text (an amount, a flag) is never made a million Python strings. `texts` gives the cells of a few rows
    (those a problem names) either way."""

    spec: Spec
    label: str                                  # the file as named in problems
    cells: pd.DataFrame                         # the columns made Python strings (index = spreadsheet row)
    headers: dict[str, str] = field(default_factory=dict)   # canonical -> as written
    text_facts: dict[str, tuple[int, bool, bool]] = field(default_factory=dict)   # see check_text
    # the same cells as pyarrow string arrays (columns of ARROW_KEPT of a plain CSV read by pyarrow), row for
    # row with `frame`; empty when the cells were changed after reading (stripped) or rows dropped (blank)
    arrow: dict[str, Any] = field(default_factory=dict)
    # every column as pyarrow string arrays, row for row with `cells` (see the class docstring); a column is
    # added to `cells` when it is first asked for as Python strings, and stays here too
    lazy: dict[str, Any] = field(default_factory=dict)
    # results of checks started ahead on the Arrow cells in another thread (futures by key), taken once
    ahead: dict[tuple, Any] = field(default_factory=dict)

    def ahead_result(self, key: tuple) -> Any:
        """The result of a check started ahead under `key` (waiting for it if need be), or None when none
        was started; taken out, so it is used once."""
        future = self.ahead.pop(key, None)
        return None if future is None else future.result()

    def column(self, canon: str) -> str:
        return self.headers.get(canon, canon)

    def has(self, canon: str) -> bool:
        return canon in self.cells.columns or canon in self.lazy

    @property
    def n(self) -> int:
        return len(self.cells)

    @property
    def columns(self) -> list[str]:
        """The canonical columns the file has, in the spec's order."""
        return [c for c in self.spec.columns if self.has(c)]

    def get(self, canon: str) -> pd.Series:
        """The column as Python strings, or all-blank when the (optional) column is absent."""
        if canon in self.cells.columns:
            return self.cells[canon]
        if canon in self.lazy:
            values = _arrow_objects(_pc(), self.lazy[canon])
            self.cells[canon] = pd.Series(values, index=self.cells.index, dtype=object, copy=False)
            return self.cells[canon]
        return pd.Series("", index=self.cells.index, dtype=object)

    def objects(self, canon: str) -> np.ndarray:
        """The column as a new object array of Python strings that the caller may change: a lazy column's
        cells converted without being kept in the table (`get` keeps them), another's copied."""
        if canon in self.lazy and canon not in self.cells.columns:
            return _arrow_objects(_pc(), self.lazy[canon])
        return self.get(canon).to_numpy(dtype=object).copy()

    def arrow_cells(self, canon: str) -> Any:
        """The column as a pyarrow string array, row for row with the table, when the reader kept it (else
        None: then only its Python strings are there)."""
        found = self.lazy.get(canon)
        return found if found is not None else self.arrow.get(canon)

    def texts(self, canon: str, pos: np.ndarray | list[int]) -> np.ndarray:
        """The cells of the rows at positions `pos` (object array of str; "" when the column is absent),
        without turning a lazy column's other cells into Python strings."""
        pos = np.asarray(pos, dtype=np.int64)
        if canon in self.lazy:
            return np.asarray(self.lazy[canon].take(pos).to_pylist() if len(pos) else [], dtype=object)
        return self.get(canon).to_numpy(dtype=object)[pos]

    def blank(self, canon: str) -> np.ndarray:
        """Mask of the blank cells of a column (all True when it is absent), on the Arrow cells when lazy."""
        if canon in self.lazy:
            return arrow_blank(self.lazy[canon])
        return self.get(canon).to_numpy(dtype=object) == ""

    @property
    def frame(self) -> pd.DataFrame:
        """Every column as Python strings, in the spec's order (a lazy column is converted now)."""
        for canon in self.lazy:
            self.get(canon)
        return self.cells[[c for c in self.spec.columns if c in self.cells.columns]]

    @property
    def rows(self) -> np.ndarray:
        return self.cells.index.to_numpy()


def _pc() -> Any:
    import pyarrow.compute as pc  # noqa: PLC0415 - only reached with pyarrow arrays

    return pc


def arrow_blank(arrow: Any) -> np.ndarray:
    """Mask of the empty cells of a pyarrow string array (no nulls: the reader makes none)."""
    offsets = _chunk_offsets(arrow)
    if offsets is not None:     # a cell is empty where its end is its start: no lengths array made
        return _joined([o[1:] == o[:-1] for o in offsets], bool)
    lengths = _pc().binary_length(arrow)
    if hasattr(lengths, "combine_chunks"):
        lengths = lengths.combine_chunks()
    return np.asarray(lengths.to_numpy(zero_copy_only=False)) == 0


def _chunk_offsets(arrow: Any) -> list[np.ndarray] | None:
    """For each chunk of a pyarrow string array (or chunked array), the n + 1 offsets of its cells into its
    character data, read from Arrow's own buffer (int32 or int64, not copied); None when a chunk is not of
    strings or has a null cell (whose offsets say nothing). Per chunk, so that what is computed from them
    stays small (a reader's chunk is ~15,000 cells) instead of a million-cell temporary."""
    mods = _arrow_csv()
    if mods is None:
        return None
    types = mods[0].types
    out = []
    for a in (arrow.chunks if hasattr(arrow, "chunks") else [arrow]):
        if a.null_count or not (types.is_string(a.type) or types.is_large_string(a.type)):
            return None
        width = np.int64 if types.is_large_string(a.type) else np.int32
        out.append(np.frombuffer(a.buffers()[1], dtype=width, count=len(a) + 1,
                                 offset=a.offset * np.dtype(width).itemsize))
    return out


def _joined(parts: list[np.ndarray], dtype: Any) -> np.ndarray:
    return np.concatenate(parts) if len(parts) > 1 else parts[0] if parts else np.zeros(0, dtype=dtype)


def arrow_lengths(arrow: Any) -> np.ndarray:
    """The byte length of each cell of a pyarrow string array (int64), as Arrow's binary_length gives them."""
    offsets = _chunk_offsets(arrow)
    if offsets is not None:
        return _joined([np.diff(o).astype(np.int64, copy=False) for o in offsets], np.int64)
    return np.asarray(_pc().binary_length(arrow).to_numpy(zero_copy_only=False)).astype(np.int64)


def _longest(arrow: Any) -> int:
    """The byte length of the longest cell of a pyarrow string array (0 when it has none): Arrow's kernels
    (as quick as the offsets chunk by chunk, and one call)."""
    return int(_pc().max(_pc().binary_length(arrow)).as_py() or 0) if len(arrow) else 0


class Problems:
    """Collects problems; `at` for one, `where` for every row of a mask (loops over bad rows only)."""

    def __init__(self) -> None:
        self.items: list[InputProblem] = []

    def add(self, problem: InputProblem) -> None:
        self.items.append(problem)

    def at(self, code: str, table: Table | None, row: int | None, column: str | None, value: Any = None,
           severity: Severity = Severity.ERROR, file: str | None = None, **detail: Any) -> None:
        self.items.append(InputProblem(
            code=code, file=file if file is not None else (table.label if table else None),
            row=None if row is None else int(row),
            column=(table.column(column) if (table is not None and column) else column),
            value=value, detail=detail, severity=severity))

    def where(self, code: str, table: Table, mask, column: str | None, values=None,
              severity: Severity = Severity.ERROR, details=None, **detail: Any) -> int:
        """One problem per True in `mask` (aligned with table rows). `values` defaults to the column's
        cell; `details` is an optional per-row list/array of dicts merged into `detail`."""
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return 0
        pos = np.flatnonzero(mask)
        rows = table.rows[pos]
        if values is None:
            vals = table.texts(column, pos) if column else [None] * len(pos)
        else:
            vals = np.asarray(values, dtype=object)[pos]
        for i, (row, val) in enumerate(zip(rows, vals)):
            d = dict(detail)
            if details is not None:
                d.update(details[pos[i]] if len(details) == len(mask) else details[i])
            self.at(code, table, row, column, val, severity, **d)
        return len(pos)

    @property
    def errors(self) -> list[InputProblem]:
        return [p for p in self.items if p.is_error]

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.items)


# --------------------------------------------------------------------------------------------------
# Reading


def decode_choice(data: bytes) -> tuple[str, str] | None:
    """(encoding, text): utf-8-sig if `data` decodes strictly, else gb18030, else None."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return encoding, data.decode(encoding)
        except UnicodeDecodeError:
            pass
    return None


def _ragged_suspect(text: str | bytes, width: int) -> bool:
    """False when no row can have more cells than the header (a C-speed count, no quotes in the text).
    Works on the decoded text or on the raw bytes (UTF-8 or GB18030: ',', '"' and newline bytes never occur
    inside a multi-byte character in either)."""
    if isinstance(text, str):
        if '"' in text:
            return True
        lines = text.count("\n") + (0 if text.endswith("\n") else 1)
        return text.count(",") != lines * (width - 1)
    profile = byte_profile(text)
    return profile.quotes or profile.commas != profile.lines * (width - 1)


_WS_SEQUENCES = {0xC2: (b"\xc2\x85", b"\xc2\xa0"), 0xE1: (b"\xe1\x9a\x80",),
                 0xE2: tuple(b"\xe2\x80" + bytes([c]) for c in (*range(0x80, 0x8B), 0xA8, 0xA9, 0xAF)) + (b"\xe2\x81\x9f",),
                 0xE3: (b"\xe3\x80\x80",)}


def utf8_cells_need_strip(data: bytes) -> bool:
    """False when no cell of UTF-8 `data` (no quote in it) can have whitespace to strip: it holds no whitespace
    character but line ends, or none at a cell's edge (`_at_a_cell_edge`: "Bank of China" is a name, not a
    cell to strip, and a file of such names is not made Python strings cell by cell for it). Multi-byte
    sequences are looked for only when a lead byte that may start one is present."""
    found = set(byte_profile(data).present) & set(_SUSPECT_BYTES)
    if not found:
        return False
    if ord('"') in found:
        return True                     # a quoted cell may begin or end with anything
    spaces = [bytes([b]) for b in found if b not in _WS_SEQUENCES]
    spaces += [seq for lead in found if lead in _WS_SEQUENCES for seq in _WS_SEQUENCES[lead] if seq in data]
    return any(_at_a_cell_edge(data, seq) for seq in spaces)


_BOM = b"\xef\xbb\xbf"


def _at_a_cell_edge(data: bytes, space: bytes) -> bool:
    """Whether the whitespace character `space` (its UTF-8 bytes) begins or ends a cell of `data` (unquoted:
    a cell's edges are the file's start, after a BOM too, and end, a comma and a line end, LF or CR): a few
    memchr-speed searches, instead of stripping every cell because a name has a space inside."""
    return (data.startswith(space) or data.startswith(_BOM + space) or data.endswith(space)
            or any(edge in data for edge in (b"," + space, space + b",", b"\n" + space, space + b"\n",
                                             b"\r" + space, space + b"\r")))


_profile_memo = threading.local()


def byte_profile(data: bytes) -> ByteProfile:
    """The quick checks' facts about `data` (answered from the memo when `read_csv_table` already worked
    them out for these very bytes)."""
    memo = getattr(_profile_memo, "value", None)
    if memo is not None and memo[0] is data:
        return memo[1]
    return read_ahead.profile_of(data) or ByteProfile(data)


def preferred_header(canon: str, chinese: bool) -> str:
    """The name a user would write for a column: the first Chinese alias in a Chinese file (the template's
    header too), else the English name of docs/interfaces.md."""
    if chinese:
        for alias in HEADER_ALIASES.get(canon, ()):
            if not alias.isascii():
                return alias
    return canon


def accepted_headers(canon: str) -> tuple[str, ...]:
    """Every header the reader takes for a column: the English name first, then its aliases as listed."""
    return (canon,) + HEADER_ALIASES.get(canon, ())


def _is_chinese(raw_headers: list) -> bool:
    """Whether a header row is written in Chinese: most recognised headers are (a unit in brackets aside),
    or, when none is recognised, any cell is."""
    names = [norm_header(h) for h in raw_headers if h is not None and str(h).strip()]
    known = [n for n in names if n in _ALIAS_TO_CANON]
    if known:
        return 2 * sum(not n.isascii() for n in known) > len(known)
    return any(not n.isascii() for n in names)


# How many rows from the top may hold a title above the header (a merged "XX集团 2025年6月 风险暴露" on row 1,
# a blank row, a note): only these rows are looked at, so finding the header costs nothing on a large file.
HEADER_SEARCH_ROWS = 10


def _header_score(raw_headers: list, spec: Spec) -> tuple[int, int]:
    """(required columns found, columns of the spec found) in one candidate header row."""
    found = {canonical_header(h) for h in raw_headers if h is not None and str(h).strip()}
    return len(found & set(spec.required)), len(found & set(spec.columns))


def find_header_row(rows: list[list], spec: Spec) -> tuple[int, bool]:
    """(0-based position of the header among the first rows, decided). Row 1 when it has every required
    column (the usual file: nothing changes); else the first row that has every required column (the rows
    above it are a title); else, not decided, the row with the most columns of the spec when that is a later
    row with at least two of them (where the header seems to be), else row 1."""
    need = len(spec.required)
    scores: list[tuple[int, int]] = []
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        scores.append(_header_score(row, spec))
        if scores[-1][0] == need:
            return i, True
    if not scores:
        return 0, False
    best = max(range(len(scores)), key=lambda i: (scores[i][1], -i))
    if best > 0 and scores[best][1] >= 2 and scores[best][1] > scores[0][1]:
        return best, False
    return 0, False


def chosen_header_row(header_rows: dict[str, int] | None, *names: str) -> int | None:
    """The header row the officer chose for a file (1-based), looked up by any of its names: the label
    problems use (`exposures.csv`, `book.xlsx[风险暴露]`), the file name, its stem, the sheet name or the
    file's English name (`exposures`), compared as headers are (case, width and spaces do not matter)."""
    key = chosen_header_key(header_rows, *names)
    return None if key is None or header_rows is None else int(header_rows[key])


def chosen_header_key(header_rows: dict[str, int] | None, *names: str) -> str | None:
    """The key of `header_rows` that names this file (see chosen_header_row), or None."""
    wanted = {norm_header(n) for n in names if n}
    return next((key for key in (header_rows or {}) if norm_header(key) in wanted), None)


def _header_position(rows: list[list], spec: Spec, label: str, problems: Problems,
                     header_row: int | None) -> tuple[int, bool] | None:
    """(0-based header position, decided): found by `find_header_row`, or the officer's `header_row`; None
    (a problem said) when the file has no such row."""
    if header_row is None:
        return find_header_row(rows, spec)
    if header_row > len(rows):
        problems.at("header_row_past_end", None, None, None, header_row, file=label, rows=len(rows))
        return None
    return header_row - 1, True


def _map_headers(raw_headers: list, spec: Spec, label: str, problems: Problems, header_row: int = 1,
                 decided: bool = True) -> tuple[dict[str, int], dict[str, str]] | None:
    """canonical -> position and canonical -> header as written; missing/duplicate columns reported, a
    missing one under the name the user would write (Chinese in a Chinese file), with the other names the
    reader accepts. `header_row`: the spreadsheet row of the header; not `decided`: it is only where the
    header seems to be (no row had every required column), which is said first."""
    positions: dict[str, int] = {}
    written: dict[str, str] = {}
    ok = True
    wanted = set(spec.columns)
    for pos, h in enumerate(raw_headers):
        canon = canonical_header(h)
        if canon is None or canon not in wanted:
            continue
        shown = "" if h is None else str(h).replace("\ufeff", "").strip()
        if canon in positions:
            problems.at("duplicate_column", None, header_row, shown, shown, file=label, first=written[canon])
            ok = False
            continue
        positions[canon] = pos
        written[canon] = shown
    missing = [canon for canon in spec.required if canon not in positions]
    if missing and not decided and header_row > 1:
        problems.at("header_row_guess", None, header_row, None, header_row, file=label, above=header_row - 1,
                    rows=HEADER_SEARCH_ROWS)
    chinese = _is_chinese(raw_headers)
    for canon in missing:
        name = preferred_header(canon, chinese)
        # the other names in the file's own script: a Chinese file is not told about `solvency_ratio`
        also = [a for a in accepted_headers(canon) if a != name and a.isascii() != chinese][:3]
        problems.at("missing_column", None, header_row, name, canon, file=label, also=", ".join(also))
        ok = False
    return (positions, written) if ok else None


_WS_LEAD = re.compile(r"\x00\s")


def strip_cells(values: np.ndarray) -> np.ndarray:
    """Strip surrounding whitespace; a C-speed scan first, so clean columns cost almost nothing."""
    if len(values) == 0:
        return values
    joined = "\x00" + "\x00".join(values) + "\x00"
    if _WS_LEAD.search(joined) is None and _WS_LEAD.search(joined[::-1]) is None:
        return values
    return np.array([v.strip() for v in values], dtype=object)


def _finish_frame(frame: pd.DataFrame, positions: dict[str, int], spec: Spec,
                  rows: np.ndarray | None = None, clean: bool = False, header_row: int = 1) -> pd.DataFrame:
    """Name columns canonically, strip cells, drop blank rows; index = spreadsheet row number (the
    line a record starts on when `rows` gives them, e.g. after quoted line breaks). `clean`: the caller
    knows no cell has surrounding whitespace (nothing to strip); `header_row`: the spreadsheet row of the
    header (title rows above it shift every row number). The columns are not copied into one block (each
    stays its own array)."""
    n = len(frame)
    cols: dict[str, np.ndarray] = {}
    for canon in spec.columns:
        if canon in positions:
            col = frame[canon].to_numpy(dtype=object)
            if n and not isinstance(col[0], str):   # defensive: readers give str cells
                col = np.array(["" if (v is None or (isinstance(v, float) and v != v)) else str(v) for v in col],
                               dtype=object)
            cols[canon] = col if clean else strip_cells(col)
    if rows is not None and len(rows) == n:
        index = pd.Index(np.asarray(rows, dtype=np.int64) + (header_row - 1))
    else:
        index = pd.RangeIndex(header_row + 1, n + header_row + 1)
    names = list(cols)
    if n and names:
        # a row is blank when every cell is: test the first column, then the others on those rows only
        cand = np.flatnonzero(cols[names[0]] == "")
        for c in names[1:]:
            if not len(cand):
                break
            cand = cand[cols[c][cand] == ""]
        if len(cand):
            keep = np.ones(n, dtype=bool)
            keep[cand] = False
            cols = {c: v[keep] for c, v in cols.items()}
            index = index[keep]
    return pd.DataFrame({c: pd.Series(v, index=index, dtype=object, copy=False) for c, v in cols.items()},
                        index=index, copy=False)


def read_csv_table(path: Path, spec: Spec, label: str, problems: Problems,
                   header_row: int | None = None, data: bytes | None = None) -> Table | None:
    """One CSV file as a Table (None when it cannot be read; the problems said). `header_row`: the
    spreadsheet row the officer says the header is on, instead of finding it; `data`: the file's bytes when
    the caller has read them already."""
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            problems.at("unreadable_file", None, None, None, file=label, reason=exc.strerror or str(exc))
            return None
    nlines = max(HEADER_SEARCH_ROWS, header_row or 0)
    text: str | None
    if data.isascii():
        # ASCII is UTF-8 (and has no BOM): no need to decode the whole file to choose; only the first lines
        # are text here, the rest is decoded only if a record scan needs it
        encoding, text = "utf-8-sig", None
        head = _first_lines(data[:_line_end(data, nlines)].decode("ascii"), nlines)
    else:
        decoded = decode_choice(data)
        if decoded is None:
            problems.at("bad_encoding", None, None, None, file=label)
            return None
        encoding, text = decoded
        head = _first_lines(text, nlines)
    _profile_memo.value = None
    try:
        return _read_csv_rest(data, text, encoding, head, spec, label, problems, header_row)
    finally:
        _profile_memo.value = None


def _line_end(data: bytes, n: int) -> int:
    """Where the line after the first `n` lines of `data` starts (its length when it has no more)."""
    pos = 0
    for _ in range(n):
        end = data.find(b"\n", pos)
        if end < 0:
            return len(data)
        pos = end + 1
    return pos


def _read_csv_rest(data: bytes, text: str | None, encoding: str, head: list[tuple[str, int]], spec: Spec,
                   label: str, problems: Problems, header_row: int | None) -> Table | None:
    """`read_csv_table` once the encoding is chosen and the first lines are read: `text` is the decoded file,
    or None when it is ASCII (decoded here only if a record scan needs it)."""
    found = _header_position([_split_line(line) or [] for line, _ in head], spec, label, problems, header_row)
    if found is None:
        return None
    k, decided = found
    if k:
        # title rows above the header: the file is read from the header on, its rows numbered as written
        cut = head[k - 1][1]
        if text is None:        # ASCII: a character is a byte
            data = data[cut:]
        else:
            skipped = text[:cut].encode("utf-8" if encoding == "utf-8-sig" else encoding)
            bom = 3 if encoding == "utf-8-sig" and data.startswith(b"\xef\xbb\xbf") else 0
            data = data[len(skipped) + bom:]
            text = text[cut:]
    first_line = head[k][0] if head else ""
    if not first_line.strip():
        problems.at("empty_file", None, None, None, file=label)
        return None
    try:
        raw_headers = next(csv.reader([first_line]))
    except csv.Error as exc:
        problems.at("unreadable_file", None, k + 1, None, file=label, reason=str(exc))
        return None
    mapped = _map_headers(raw_headers, spec, label, problems, k + 1, decided)
    if mapped is None:
        return None
    positions, written = mapped
    order = sorted(positions, key=positions.__getitem__)
    wanted = [positions[c] for c in order]
    starts = None
    # the quick checks below all ask about these bytes: kept for them until the file is read
    profile = byte_profile(data)
    _profile_memo.value = (data, profile)
    tried = encoding == "utf-8-sig" and not profile.quotes and _plain_line_ends(data, profile)
    if tried:
        # no quote and no lone carriage return: pyarrow reads the file only if every line has the header's
        # number of cells, which is all the record scan below could find out here (it refuses a line with
        # more; a record spans lines only with a quote). So pyarrow first, and the lines and commas are
        # counted only when it refuses the file: then exactly as before
        read = _read_arrow(data, len(raw_headers), wanted, order)
        if read is not None:
            return _arrow_table(read, spec, label, written, positions, not utf8_cells_need_strip(data), k + 1)
    if _ragged_suspect(data, len(raw_headers)):
        if text is None:
            text = data.decode("ascii")
        refused, starts = _scan_records(text, len(raw_headers), label, problems, k + 1)
        if refused:
            return None
    clean = encoding == "utf-8-sig" and not utf8_cells_need_strip(data)
    if starts is None and encoding == "utf-8-sig" and not tried:
        read = _read_arrow(data, len(raw_headers), wanted, order)
        if read is not None:
            return _arrow_table(read, spec, label, written, positions, clean, k + 1)
    try:
        frame = pd.read_csv(io.BytesIO(data), encoding=encoding, header=0, usecols=wanted,
                            dtype=object, na_filter=False, skip_blank_lines=False)
    except pd.errors.ParserError as exc:
        problems.at("unreadable_file", None, None, None, file=label, reason=str(exc))
        return None
    except (ValueError, UnicodeDecodeError) as exc:
        problems.at("unreadable_file", None, None, None, file=label, reason=str(exc))
        return None
    frame.columns = order
    return Table(spec, label, _finish_frame(frame, positions, spec, starts, clean, k + 1), written)


def _plain_line_ends(data: bytes, profile: ByteProfile) -> bool:
    """Whether every carriage return in `data` ends a line (CR LF): pyarrow ends a line at a lone one, the
    record scan (Python's csv) refuses it, so a file with one is read as before."""
    return 0x0D not in profile.present or data.count(b"\r") == data.count(b"\r\n")


def _first_lines(text: str, n: int) -> list[tuple[str, int]]:
    """The first `n` lines of `text` (without their line end) and where the next line starts; only those
    lines are looked at, however large the file."""
    out: list[tuple[str, int]] = []
    pos = 0
    while len(out) < n and pos < len(text):
        end = text.find("\n", pos)
        if end < 0:
            out.append((text[pos:].rstrip("\r"), len(text)))
            break
        out.append((text[pos:end].rstrip("\r"), end + 1))
        pos = end + 1
    return out


def _split_line(line: str) -> list[str] | None:
    """The cells of one CSV line, None when it cannot be parsed alone (a quoted line break)."""
    try:
        return next(csv.reader([line]), [])
    except csv.Error:
        return None


def _read_arrow(data: bytes, width: int, wanted: list[int], names: list[str]) -> "_ArrowRead | None":
    """The wanted columns of a UTF-8 CSV as text (pyarrow string arrays), parsed by pyarrow's multi-threaded
    reader; None when pyarrow is absent or refuses the file, so that the caller reads it with pandas and
    words the problem exactly as before.

    Only called for files the quick count found plain (no quotes, every line with the header's number of
    cells, no blank line) whose bytes are valid UTF-8 (`data` as `read_csv_table` decoded it or found it
    ASCII): there pyarrow and pandas' C reader read the same cells. Every cell is a string,
    none null (`null_values=[]`); pyarrow skips a UTF-8 BOM itself. Strings are made Python objects later,
    column by column, and only the columns that are asked for (`_arrow_table`, `Table.get`)."""
    mods = _arrow_csv()
    if mods is None:
        return None
    pa = mods[0]
    cols = column_names(width)
    # parsed already when the command read the file ahead (every column, the same options: read_ahead)
    table = read_ahead.parsed(data, width)
    if table is None:
        try:
            table = parse_plain(data, width, wanted)
        except (pa.ArrowException, ValueError):
            return None
    # check_text's questions, answered without a pass over the cells: control characters from the bytes of
    # the whole file (none but the line ends: no cell has one), lengths bounded by the cells' byte lengths
    # (a character is at least one byte; a column with a longer cell is then checked exactly)
    present = byte_profile(data).present
    controls = {b for b in present if b < 0x20} - {0x0A, 0x0D}
    no_c0 = not controls and (0x0D not in present or data.count(b"\r") == data.count(b"\r\n"))
    columns: dict[str, Any] = {}
    facts: dict[str, tuple[int, bool, bool]] = {}
    for name, p in zip(names, wanted):
        col = table.column(cols[p])
        columns[name] = col
        if no_c0 and (name in NAME_COLUMNS or name in ID_COLUMNS):
            facts[name] = (_longest(col), False, False)
    return _ArrowRead(table.num_rows, columns, facts)


@dataclass
class _ArrowRead:
    """What `_read_arrow` parsed: the wanted columns as pyarrow string arrays (by canonical name, in file
    order) and `check_text`'s facts about them (Table.text_facts)."""

    n: int
    columns: dict[str, Any]
    facts: dict[str, tuple[int, bool, bool]]


def _arrow_table(read: _ArrowRead, spec: Spec, label: str, written: dict[str, str], positions: dict[str, int],
                 clean: bool, header_row: int) -> Table:
    """The Table of a file pyarrow read. When no cell has whitespace to strip (`clean`) and no row is blank,
    the cells stay Arrow arrays (`Table.lazy`) until a check or the caller asks for Python strings; else they
    are made Python strings now, stripped and the blank rows dropped, as pandas' reader's would be."""
    index = pd.RangeIndex(header_row + 1, read.n + header_row + 1)
    if clean:
        names = list(read.columns)
        cand = np.flatnonzero(arrow_blank(read.columns[names[0]])) if names and read.n else np.zeros(0, np.int64)
        for c in names[1:]:
            if not len(cand):
                break
            cand = cand[arrow_blank(read.columns[c].take(cand))]
        if not len(cand):
            kept = {c: a for c, a in read.columns.items() if c in ARROW_KEPT}
            return Table(spec, label, pd.DataFrame(index=index), written, read.facts, kept, dict(read.columns))
    pc = _pc()
    frame = pd.DataFrame({c: pd.Series(_arrow_objects(pc, a), dtype=object, copy=False)
                          for c, a in read.columns.items()}, copy=False)
    # the facts hold for the finished frame only when stripping changes no cell (dropping blank rows removes
    # no character nor adds one); the Arrow cells no longer line up with it (rows dropped or cells stripped)
    finished = _finish_frame(frame, positions, spec, None, clean, header_row)
    return Table(spec, label, finished, written, read.facts if clean else {}, {})


def release_arrow(tables: Iterable[Table | None]) -> None:
    """Let go of the Arrow columns the tables kept (once they are checked) and have pyarrow's allocator
    return the freed memory: it keeps freed pages for reuse otherwise, and the evaluation that follows an
    import (numpy's allocator) would then peak about 70 MB higher at 1M exposures. A column never made
    Python strings (`Table.lazy`) stays with its table (its `frame` can still be asked for): it goes when the
    table goes, and `core.memory.give_back_arrow` after that returns its memory too."""
    kept = False
    for table in tables:
        if table is not None and (table.arrow or table.lazy):
            table.arrow.clear()
            kept = True
    if kept:
        memory.give_back_arrow()


# The dtype of the million-row id columns of the exposures frame (model.ARROW_TEXT_COLUMNS): pandas' own
# default text dtype, Arrow-backed, NaN for a missing cell. A plain CSV's cells go in as pyarrow read them,
# without a Python string each (a million of them were a fifth of the reading).
ID_TEXT = TEXT_DTYPE


def arrow_text_series(arrow: Any, missing: np.ndarray | None = None) -> pd.Series:
    """A pandas `str` Series (ID_TEXT) over the cells of a pyarrow string array, as they are (no Python
    string made), missing (NaN) where `missing` is True."""
    if missing is not None and missing.any():
        mods = _arrow_csv()
        assert mods is not None          # (an Arrow array came from pyarrow)
        pa = mods[0]
        arrow = _pc().if_else(pa.array(missing), pa.scalar(None, arrow.type), arrow)
    return pd.Series(pd.arrays.ArrowStringArray(arrow, dtype=ID_TEXT), copy=False)


def text_series(values: np.ndarray) -> pd.Series:
    """`arrow_text_series` for Python strings (None: missing), as another reader or the engine's callers
    give them: the same dtype, however the file was read."""
    return pd.Series(np.asarray(values, dtype=object), dtype=ID_TEXT)


# the low k bytes of a uint64, k = 0..8 (a cell of k bytes in `short_text_keys`)
_LOW_BYTES = np.array([(1 << (8 * k)) - 1 for k in range(9)], dtype=np.uint64)


def short_text_keys(arrow: Any) -> np.ndarray | None:
    """One uint64 per cell of a pyarrow string array (or chunked array) whose cells are all at most 8 bytes
    long and hold no NUL byte: the cell's bytes, zero-padded (equal keys exactly for equal cells). Hashing
    these integers (pandas' uint64 table) is about twice as quick as Arrow's hashing of the strings when there
    are many distinct cells (a million instrument or counterparty ids); None when a cell is longer, null or
    holds a NUL byte (then "A" and "A\\0" would have one key), or the array is not of strings."""
    chunks = arrow.chunks if hasattr(arrow, "chunks") else [arrow]
    parts = []
    for chunk in chunks:
        keys = _chunk_keys(chunk)
        if keys is None:
            return None
        parts.append(keys)
    return parts[0] if len(parts) == 1 else np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint64)


def _chunk_keys(a: Any) -> np.ndarray | None:
    """`short_text_keys` of one pyarrow array."""
    n = len(a)
    if n == 0:
        return np.zeros(0, dtype=np.uint64)
    found = _chunk_offsets(a)       # (None for a null cell or cells that are not text)
    if found is None:
        return None
    buffers = a.buffers()
    offsets = found[0].astype(np.int64)
    lengths = np.diff(offsets)
    if int(lengths.max()) > 8:
        return None
    start, size = int(offsets[0]), int(offsets[-1] - offsets[0])
    # the cells' bytes with 8 zero bytes after them, so that 8 bytes can be read from any cell's start
    padded = np.zeros(size + 8, dtype=np.uint8)
    if size:
        padded[:size] = np.frombuffer(buffers[2], dtype=np.uint8, count=size, offset=start)
        if not padded[:size].all():
            return None
    # every byte position read as the little-endian uint64 starting there (an overlapping view, no copy):
    # a cell's first byte is its key's lowest; the bytes past its end are masked off
    words = np.ndarray(shape=(size + 1,), dtype="<u8", buffer=padded, strides=(1,))
    keys = words[offsets[:-1] - start]
    keys &= _LOW_BYTES[lengths]
    return keys


# Longer ids (an ISIN: 12 bytes, a unified social credit code: 18) are hashed the same way through one uint64
# per cell mixed from its 8-byte words and length (`_text_hashes`); equal cells have equal hashes, and the
# rare unequal cells with equal ones are told apart by comparing their words (`text_positions`,
# `arrow_text_codes`): exact either way, and at 1M about as quick as the short keys.
_MIX = np.uint64(0x9E3779B97F4A7C15)    # odd: multiplying by it (mod 2**64) loses nothing


def _text_words(arrow: Any, n_words: int) -> tuple[np.ndarray, np.ndarray] | None:
    """The cells of a pyarrow string array (or chunked array) as an (n, n_words) uint64 matrix (word k: the
    cell's bytes 8k .. 8k+7, zero past its end) and their int64 byte lengths: two cells are equal exactly when
    their lengths and words are (the length tells "A" from "A\\0"). None when a cell is null or not text."""
    chunks = arrow.chunks if hasattr(arrow, "chunks") else [arrow]
    n = sum(len(c) for c in chunks)
    # little-endian words whatever the machine, as the overlapping view below reads them (the bytes copied
    # into the matrix are then the same words)
    matrix = np.zeros((n, n_words), dtype="<u8")
    as_bytes = matrix.view(np.uint8).reshape(n, 8 * n_words)
    lengths = np.empty(n, dtype=np.int64)
    row = 0
    for chunk in chunks:
        m = len(chunk)
        if not m:
            continue
        found = _chunk_offsets(chunk)
        if found is None:
            return None
        offsets = found[0].astype(np.int64)
        lengths[row:row + m] = np.diff(offsets)
        start, size = int(offsets[0]), int(offsets[-1] - offsets[0])
        data = np.frombuffer(chunk.buffers()[2], dtype=np.uint8, count=size, offset=start) if size else None
        own = lengths[row:row + m]
        if data is not None and int(own.min()) == int(own.max()):
            # cells all as long (E00000001, ...: the usual id column): their bytes are an (m, width) matrix
            # as they lie in Arrow's buffer, copied into the zeroed words in one pass
            width = int(own[0])
            as_bytes[row:row + m, :width] = data.reshape(m, width)
        elif data is not None:
            # as in `_chunk_keys`: the chunk's bytes with 8 zero bytes after them, read as the little-endian
            # uint64 at any byte position (an overlapping view); a word that starts past its cell's end
            # reads the zeros at the end (its bytes are masked off anyway)
            padded = np.zeros(size + 8, dtype=np.uint8)
            padded[:size] = data
            at_byte = np.ndarray(shape=(size + 1,), dtype="<u8", buffer=padded, strides=(1,))
            first = offsets[:-1] - start
            for k in range(n_words):
                word = at_byte[np.minimum(first + 8 * k, size)]
                word &= _LOW_BYTES[np.clip(own - 8 * k, 0, 8)]
                matrix[row:row + m, k] = word
        row += m
    return matrix, lengths


def _text_hashes(words: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """One uint64 per cell (row of `_text_words`) mixed from its length and words (multiply-xorshift,
    wrapping): equal cells, equal hashes; unequal cells almost always different ones (the callers check)."""
    h = lengths.astype(np.uint64) * _MIX
    for k in range(words.shape[1]):
        h ^= words[:, k]
        h *= _MIX
        h ^= h >> np.uint64(29)
    return h


def _n_words(*arrows: Any) -> int:
    """How many 8-byte words the longest cell of the arrays needs (at least 1)."""
    return max(1, -(-max(_longest(a) for a in arrows) // 8))


def _same_cells(words: np.ndarray, lengths: np.ndarray, rows: np.ndarray | None,
                other_words: np.ndarray, other_lengths: np.ndarray, other_rows: np.ndarray) -> np.ndarray:
    """Mask: whether cell rows[i] (every cell when None) of the first array equals cell other_rows[i] of the
    second, by their `_text_words`. By blocks of rows, so that the gathered words stay small (a million
    20-byte ids: 24 MB at once)."""
    same = np.empty(len(other_rows), dtype=bool)
    step = 1 << 16
    for lo in range(0, len(other_rows), step):
        at = slice(lo, lo + step)
        mine = (words[at], lengths[at]) if rows is None else (words.take(rows[at], axis=0), lengths[rows[at]])
        # the rows of words in one gather (`take`: numpy's fancy indexing of a 2-D array's rows is ~8 times
        # slower), then compared word by word (numpy's all(axis=1) over a few columns is slow too)
        theirs = other_words.take(other_rows[at], axis=0)
        block = mine[1] == other_lengths[other_rows[at]]
        for k in range(words.shape[1]):
            block &= mine[0][:, k] == theirs[:, k]
        same[at] = block
    return same


def text_positions(values: Any, ids: Any) -> np.ndarray | None:
    """`short_text_positions` for cells of any length: the int64 position of each cell of `values` among the
    (unique) cells of `ids`, -1 when absent, as Arrow's `index_in` gives them; None when a cell is null or
    not text, or two ids have one hash (then Arrow's lookup is as good). Longer ids are looked up by their
    `_text_hashes`: an id's hash is its own (checked), so a cell whose hash is found is that id or none,
    which its words tell (at 1M exposures and 200,000 counterparties of 20 bytes: ~0.07 s, Arrow's 0.17)."""
    short = short_text_positions(values, ids)
    if short is not None:
        return short
    n_words = _n_words(values, ids)
    if n_words < 2:
        return None                     # short cells with a NUL byte (or not text): Arrow's lookup
    id_words, wanted_words = _text_words(ids, n_words), _text_words(values, n_words)
    if id_words is None or wanted_words is None:
        return None
    table = pd.Index(_text_hashes(*id_words), dtype=np.uint64, copy=False)
    if not table.is_unique:
        return None
    pos = np.asarray(table.get_indexer(_text_hashes(*wanted_words)), dtype=np.int64)
    if (pos >= 0).all():                # (as usual: every cell is an id) no cell picked out to compare
        pos[~_same_cells(*wanted_words, None, *id_words, pos)] = -1
    else:
        hit = np.flatnonzero(pos >= 0)
        pos[hit[~_same_cells(*wanted_words, hit, *id_words, pos[hit])]] = -1
    # (a cell whose hash is an id's but whose words are not: another text, so no id)
    return pos


def _codes_and_firsts(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """pd.factorize's codes of `keys` (in order of first appearance) and the position of each distinct key's
    first row: where a code exceeds every code before it."""
    codes = np.asarray(pd.factorize(keys)[0], dtype=np.int64)
    if not len(codes):
        return codes, np.zeros(0, dtype=np.int64)
    new = np.empty(len(codes), dtype=bool)
    new[0] = True
    new[1:] = codes[1:] > np.maximum.accumulate(codes)[:-1]
    return codes, np.flatnonzero(new)


def short_text_positions(values: Any, ids: Any) -> np.ndarray | None:
    """The int64 position of each cell of `values` among the (unique) cells of `ids` (pyarrow string arrays),
    -1 when absent, as Arrow's `index_in` gives them, by `short_text_keys`; None when either has no such keys."""
    wanted = short_text_keys(values)
    keys = short_text_keys(ids) if wanted is not None else None
    if keys is None or wanted is None:
        return None
    return np.asarray(pd.Index(keys, dtype=np.uint64, copy=False).get_indexer(wanted), dtype=np.int64)


def arrow_text_codes(arrow: Any) -> tuple[np.ndarray, Any]:
    """What `pd.factorize` gives for `arrow_text_series(arrow, blank cells missing)`, from the reader's cells:
    codes (-1 for a blank cell) and the distinct texts in order of first appearance, as Arrow text (a pandas
    ArrowStringArray of ID_TEXT): Arrow's dictionary encoding (or, for short texts, pandas' hashing of their
    `short_text_keys`), no Python string made."""
    mods = _arrow_csv()
    assert mods is not None          # (an Arrow array came from pyarrow)
    pa, pc = mods[0], _pc()
    keys = short_text_keys(arrow)
    found = _codes_and_firsts(keys) if keys is not None else _long_text_codes(arrow)
    if found is not None:
        codes, firsts = found
        words = arrow.take(pa.array(firsts))
        if hasattr(words, "combine_chunks"):
            words = words.combine_chunks()
    else:
        encoded = pc.dictionary_encode(arrow)
        if hasattr(encoded, "combine_chunks"):
            encoded = encoded.combine_chunks()
        codes = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
        words = encoded.dictionary
    empty = np.flatnonzero(np.asarray(pc.equal(pc.binary_length(words), 0).to_numpy(zero_copy_only=False)))
    if len(empty):                   # the blank cell is missing in the frame: no code, not a distinct text
        b = int(empty[0])
        codes = np.where(codes == b, -1, codes - (codes > b))
        words = pa.concat_arrays([words.slice(0, b), words.slice(b + 1)])
    return codes, pd.arrays.ArrowStringArray(words, dtype=ID_TEXT)


def _long_text_codes(arrow: Any) -> tuple[np.ndarray, np.ndarray] | None:
    """`_codes_and_firsts` of the cells of a pyarrow string array longer than 8 bytes, by their `_text_hashes`:
    exact when every cell is the cell of its code's first row (checked, word by word), else None (two texts
    with one hash, or a null cell or a short one with a NUL byte: Arrow's encoding then). At 1M instrument
    ids of 12 bytes ~0.10 s, Arrow's dictionary encoding ~0.2."""
    n_words = _n_words(arrow)
    words = _text_words(arrow, n_words) if n_words >= 2 else None
    if words is None:
        return None
    codes, firsts = _codes_and_firsts(_text_hashes(*words))
    if not _same_cells(*words, None, *words, firsts[codes]).all():
        return None
    return codes, firsts


class ArrowTexts:
    """The cells of a pyarrow string array, indexed like an object array of str (a position gives its str,
    an array of positions an object array of them) without making every cell a Python string; `np.asarray`
    gives them all (only the rare paths that hash every id do that)."""

    def __init__(self, arrow: Any):
        self.arrow = arrow

    def __len__(self) -> int:
        return len(self.arrow)

    def __getitem__(self, pos: Any) -> Any:
        if isinstance(pos, (int, np.integer)):
            return self.arrow[int(pos)].as_py()
        pos = np.asarray(pos)
        if pos.dtype == bool:
            pos = np.flatnonzero(pos)
        return np.asarray(self.arrow.take(pos.astype(np.int64)).to_pylist() if len(pos) else [], dtype=object)

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        return self.arrow.to_numpy(zero_copy_only=False)


def _arrow_objects(pc, col) -> np.ndarray:
    """A pyarrow string column as an object array of str. A column of few distinct values (members, asset
    classes, flags) is encoded first and its strings shared by the rows (one Python string per distinct
    value, spread by a numpy take), which is several times quicker than one new string per cell. A column
    of mostly blank cells (optional flags, the look-through parent) is converted as it is: every blank is
    the one empty string already, and encoding it would cost more than the few others. "Few" is judged on
    the first 1024 cells: at most a quarter of them distinct (an industry or region code: a hundred or so
    among 200,000 counterparties, which took 20 ms as a string per cell, 3 ms encoded)."""
    n = len(col)
    if n >= 1024:
        sample = col.slice(0, 1024)
        if 4 * (pc.sum(pc.equal(sample, "")).as_py() or 0) >= 3 * len(sample):     # counted only then
            filled = n - int(np.count_nonzero(arrow_blank(col)))
            if filled * 4 < n:
                return col.to_numpy(zero_copy_only=False)
        if 4 * len(pc.unique(sample)) <= len(sample):
            encoded = pc.dictionary_encode(col).combine_chunks()
            if len(encoded.dictionary) * 4 <= n:
                values = np.asarray(encoded.dictionary.to_pylist(), dtype=object)
                return object_take(values, encoded.indices.to_numpy(zero_copy_only=False))
    return col.to_numpy(zero_copy_only=False)


def _scan_records(text: str, width: int, label: str, problems: Problems,
                  header_row: int = 1) -> tuple[bool, np.ndarray | None]:
    """A csv pass, only when the quick count is not clean (quotes, ragged or blank lines): reports every
    record with more cells than the header, and finds the line each record starts on. Returns (refused,
    start lines of the data records when some record spans several lines (a quoted line break), else None)."""
    found = False
    starts: list[int] = []
    multiline = False
    prev_end = 0
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        for cells in reader:
            start, end = prev_end + 1, reader.line_num
            prev_end = end
            multiline |= end != start
            if start == 1:
                continue
            starts.append(start)
            if len(cells) > width:
                problems.at("too_many_cells", None, start + header_row - 1, None, file=label, expected=width,
                            found=len(cells))
                found = True
    except csv.Error as exc:
        problems.at("unreadable_file", None, None, None, file=label, reason=str(exc))
        return True, None
    return found, (np.asarray(starts, dtype=np.int64) if multiline else None)


def cell_text(v: Any) -> str:
    """An XLSX cell as the text a CSV export would hold."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            return str(v)
        if v.is_integer() and abs(v) < 1e18:
            return str(int(v))
        return format(v, ".15g")     # what Excel shows: 15 significant digits (0.1+0.2 -> 0.3)
    if isinstance(v, datetime):
        return v.date().isoformat() if v.time() == time(0) else v.isoformat(sep=" ")
    if isinstance(v, date):
        return v.isoformat()
    return str(v)


class Workbook:
    """An XLSX workbook; sheets matched by normalised name. Read with python-calamine when installed
    (about 15 times faster), else openpyxl in read-only mode."""

    def __init__(self, path: Path, problems: Problems):
        self.path = path
        self.book: Any = None       # truthy when open
        self._calamine: Any = None
        self.sheetnames: list[str] = []
        self.sheets: dict[str, str] = {}
        from core.workbook_guard import check_workbook  # noqa: PLC0415 - workbooks only (zipfile, XML)

        too_large = check_workbook(path)
        if too_large:               # refused before any reader unpacks it into memory
            problems.items.extend(too_large)
            return
        names: list[str] = []
        try:
            try:
                from python_calamine import CalamineWorkbook  # noqa: PLC0415 - optional accelerator
                has_calamine = True
            except ImportError:
                has_calamine = False
            if has_calamine:
                self._calamine = CalamineWorkbook.from_path(str(path))
                self.book = self._calamine
                names = list(self._calamine.sheet_names)
            else:
                import openpyxl  # noqa: PLC0415 - only needed for workbooks

                self.book = openpyxl.load_workbook(path, read_only=True, data_only=True)
                names = list(self.book.sheetnames)
        except Exception as exc:    # a corrupt or non-xlsx file: reported, never raised
            self.book = None
            problems.at("unreadable_file", None, None, None, file=path.name, reason=str(exc) or type(exc).__name__)
        self.sheetnames = names
        self.sheets = {norm_header(n): n for n in names}

    def find(self, spec: Spec) -> str | None:
        for name in (spec.name,) + spec.aliases:
            got = self.sheets.get(norm_header(name))
            if got is not None:
                return got
        return None

    def label(self, sheet: str) -> str:
        return f"{self.path.name}[{sheet}]"

    def _rows(self, sheet: str):
        if self._calamine is not None:
            return iter(self._calamine.get_sheet_by_name(sheet).to_python(skip_empty_area=False))
        return self.book[sheet].iter_rows(values_only=True)

    def read(self, sheet: str, spec: Spec, problems: Problems, header_row: int | None = None) -> Table | None:
        """One sheet as a Table; `header_row`: the officer's header row instead of finding it."""
        label = self.label(sheet)
        try:
            rows = self._rows(sheet)
            head = list(itertools.islice(rows, max(HEADER_SEARCH_ROWS, header_row or 0)))
        except Exception as exc:
            problems.at("unreadable_file", None, None, None, file=label, reason=str(exc) or type(exc).__name__)
            return None
        found = _header_position([[cell_text(h) for h in r] for r in head], spec, label, problems, header_row)
        if found is None:
            return None
        k, decided = found
        header = head[k] if head else None
        if header is None or all(cell_text(h).strip() == "" for h in header):
            problems.at("empty_file", None, None, None, file=label)
            return None
        mapped = _map_headers(list(header), spec, label, problems, k + 1, decided)
        if mapped is None:
            return None
        # the rows read to find the header, then the rest of the sheet
        rows = itertools.chain(head[k + 1:], rows)
        positions, written = mapped
        order = list(positions)
        cols: dict[str, list[str]] = {c: [] for c in order}
        idx = [(cols[c].append, positions[c]) for c in order]
        for r in rows:
            n = len(r)
            for append, p in idx:
                v = r[p] if p < n else None
                append(v if type(v) is str else cell_text(v))
        frame = pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in cols.items()})
        return Table(spec, label, _finish_frame(frame, positions, spec, header_row=k + 1), written)

    def close(self) -> None:
        if self._calamine is not None:
            try:
                self._calamine.close()
            except Exception:   # older versions have no close()
                pass
        elif self.book is not None:
            self.book.close()


# --------------------------------------------------------------------------------------------------
# Values

TRUE_WORDS = ("true", "1", "是", "yes", "y", "t", "√", "✓", "1.0")
FALSE_WORDS = ("false", "0", "否", "no", "n", "f", "×", "0.0")

_NUMBER_RE = re.compile(r"[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)?(?:\.\d*)?(?:[eE][+-]?\d+)?")
FEN_MAX = 2**63 - 1
_MANY_DECIMALS = re.compile(r"\.\d{2}\d*[1-9]")   # a non-zero digit after the second decimal
_FAST_LIMIT = 1e13          # |yuan| below this: float parsing then rounding to fen is exact


def text_to_decimal(text: str, percent: bool = False) -> Decimal | None:
    """Exact Decimal of a number as written, or None. Percent sign allowed when `percent`."""
    t = text.strip()
    scale = 1
    if percent and t.endswith("%"):
        t, scale = t[:-1].strip(), 100
    if not t or not _NUMBER_RE.fullmatch(t) or not any(ch.isdigit() for ch in t):
        return None
    try:
        d = Decimal(t.replace(",", ""))
    except InvalidOperation:
        return None
    if not d.is_finite():
        return None
    return d / scale if scale != 1 else d


def _arrow_floats(arrow: Any, n: int) -> np.ndarray | None:
    """float64 of every cell of a pyarrow string array of length `n`, or None when there is none or Arrow
    refuses a cell (the caller then converts the Python strings)."""
    if arrow is None or len(arrow) != n:
        return None
    mods = _arrow_csv()
    if mods is None:
        return None
    pa = mods[0]
    import pyarrow.compute as pc  # noqa: PLC0415

    try:
        return np.asarray(pc.cast(arrow, pa.float64()).to_numpy(zero_copy_only=False), dtype=float)
    except (pa.ArrowException, ValueError, TypeError):
        return None


def _arrow_off_fast_path(arrow: Any, many: re.Pattern, places: int) -> np.ndarray:
    """The cells `parse_fen`'s text checks take off its fast path, for cells Arrow cast to float (so ASCII,
    and no '_': Arrow refuses it): an exponent, or a non-zero digit beyond the fen — looked for only in the
    cells with more written decimals than the fen has (the same pattern, in Arrow's regex engine)."""
    mods = _arrow_csv()
    assert mods is not None      # the cells were cast by Arrow
    pa = mods[0]
    import pyarrow.compute as pc  # noqa: PLC0415

    def numpy(a: Any) -> np.ndarray:
        return np.asarray(a.to_numpy(zero_copy_only=False))

    if _bytes_absent(arrow, (b"e", b"E")):
        off = np.zeros(len(arrow), dtype=bool)      # no exponent anywhere (as written, almost always)
    else:
        off = numpy(pc.match_substring(arrow, "e")).astype(bool) | numpy(pc.match_substring(arrow, "E")).astype(bool)
    dot = numpy(pc.find_substring(arrow, ".")).astype(np.int64)
    length = arrow_lengths(arrow)
    longer = np.flatnonzero((dot >= 0) & (length - dot - 1 > places))
    if len(longer):
        off[longer] |= numpy(pc.match_substring_regex(arrow.take(pa.array(longer)), many.pattern)).astype(bool)
    return off


def _bytes_absent(arrow: Any, needles: tuple[bytes, ...]) -> bool:
    """True when none of `needles` occurs in the character data of a pyarrow string array (or chunked
    array): one memchr-speed search of its buffers instead of a kernel pass per cell. A buffer may hold
    bytes beyond a sliced array's cells: a needle found there only answers False (the caller then looks
    cell by cell), never a wrong True."""
    chunks = arrow.chunks if hasattr(arrow, "chunks") else [arrow]
    for chunk in chunks:
        buffers = chunk.buffers()
        if len(buffers) < 3:
            return False                # not a string array as the reader gives them: look cell by cell
        data = buffers[2]
        if data is None:
            continue                    # no character at all
        text = data.to_pybytes()        # (a copy, at memcpy speed: a pyarrow Buffer has no find)
        if any(n in text for n in needles):
            return False
    return True


def _float_or_nan(v: str) -> float:
    try:
        return float(v)
    except ValueError:
        return float("nan")


_NO_REASON = np.array("", dtype=object)      # parse_fen's reason of a cell that is ok


def parse_fen(values: pd.Series | None, scale: int = 1, arrow: Any = None
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Amounts (text, already stripped, non-blank) in units of `scale` yuan (1 = 元, 10,000 = 万元, a power of
    ten) -> (fen int64, ok mask, reason codes).

    Vectorised fast path: to_numeric, rows with at most 2 + log10(scale) written decimals (exact to the fen)
    and |value × scale| < 1e13 yuan convert exactly via rint(value × scale × 100) (below 2**53 the float
    error stays far under half a fen). Other rows (commas, exponents, more decimals, huge values, garbage)
    go through Decimal one by one. reasons: '' ok, 'not_a_number', 'too_many_decimals', 'out_of_range' (when
    every cell is ok, as usual, a read-only array of '': no million-cell object array is filled for nothing).
    `arrow`: the same cells as a pyarrow string array, when the reader kept them: Arrow's cast to float then
    gives the floats in C (the same correctly rounded values as float(); it refuses more spellings than
    float() — spaces, 1_000, other scripts' digits —, and then the cells are converted as without it).
    `values` may be None when `arrow` is given: only the cells off the fast path are then made Python strings.
    """
    places = 2 + len(str(scale)) - 1
    many = _MANY_DECIMALS if scale == 1 else re.compile(r"\.\d{%d}\d*[1-9]" % places)
    n = len(values) if values is not None else len(arrow)
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool), np.zeros(0, dtype=object)
    f = _arrow_floats(arrow, n)
    cast_by_arrow = f is not None
    if f is None:
        if values is None:      # Arrow refused a cell: every cell as a Python string, as without it
            values = pd.Series(arrow.to_numpy(zero_copy_only=False), dtype=object, copy=False)
        s = values.astype(object)
        arr = s.to_numpy(dtype=object)
        try:
            f = arr.astype(float)            # C loop; to_numeric is several times slower on object strings
        except (ValueError, TypeError):
            f = np.array([_float_or_nan(v) for v in arr], dtype=float)
    with np.errstate(invalid="ignore"):
        fast = np.isfinite(f) & (np.abs(f) < _FAST_LIMIT / scale)
    if cast_by_arrow:
        fast &= ~_arrow_off_fast_path(arrow, many, places)
    else:
        joined = "\x00".join(arr) + "\x00"
        if many.search(joined) is not None:
            # some value has a non-zero digit beyond the fen: find which (per element, only in this case)
            fast &= ~s.str.contains(many.pattern, regex=True).to_numpy(dtype=bool)
        if "_" in joined:                    # float() accepts 1_000; the contract does not
            fast &= ~s.str.contains("_", regex=False).to_numpy(dtype=bool)
        if "e" in joined or "E" in joined:   # exponents: the written decimals say nothing, check exactly
            fast &= ~s.str.contains("[eE]", regex=True).to_numpy(dtype=bool)
    slow = np.flatnonzero(~fast)
    if not len(slow):
        # every cell on the fast path (as usual): the fen of all of them at once, not written through a mask
        return np.rint(f * float(100 * scale)).astype(np.int64), fast, np.broadcast_to(_NO_REASON, (n,))
    fen = np.zeros(n, dtype=np.int64)
    fen[fast] = np.rint(f[fast] * float(100 * scale)).astype(np.int64)
    ok = fast.copy()
    reasons = np.full(n, "", dtype=object)
    # only these cells are made Python strings (from Arrow's cells when there is no Series)
    texts = values.to_numpy(dtype=object)[slow] if values is not None else arrow.take(slow).to_pylist()
    for i, text in zip(slow.tolist(), texts):
        d = text_to_decimal(text)
        if d is None:
            reasons[i] = "not_a_number"
            continue
        if d.adjusted() > 30:     # far beyond int64 fen: no need to build a huge integer
            reasons[i] = "out_of_range"
            continue
        cents = d * 100 * scale
        if cents != cents.to_integral_value():
            reasons[i] = "too_many_decimals"
            continue
        v = int(cents)
        if abs(v) > FEN_MAX:
            reasons[i] = "out_of_range"
            continue
        fen[i] = v
        ok[i] = True
    return fen, ok, reasons


_TRUE_SET = frozenset(w for t in TRUE_WORDS for w in (t, t.upper(), t.title()))
_FALSE_SET = frozenset(w for t in FALSE_WORDS for w in (t, t.upper(), t.title()))


def _as_object_array(values) -> np.ndarray:
    if isinstance(values, (pd.Series, pd.Index)):
        return values.to_numpy(dtype=object)
    return np.asarray(values, dtype=object)


def factorize_text(values) -> tuple[np.ndarray, np.ndarray]:
    """(codes, uniques) of a text column: one hash pass; missing cells (NaN/None, never in a table's
    text) all get the last code, whose unique is None."""
    codes, uniques = pd.factorize(_as_object_array(values))
    uniques = np.asarray(uniques, dtype=object)
    if len(codes) and codes.min() < 0:
        codes = np.where(codes < 0, len(uniques), codes)
        uniques = np.append(uniques, np.array([None], dtype=object))
    return codes, uniques


def _arrow_codes(arrow: Any, n: int) -> tuple[np.ndarray, np.ndarray] | None:
    """(codes, uniques) of a pyarrow string array of length `n` without nulls, as `factorize_text` gives
    them (uniques in order of first appearance), or None when there is none."""
    if arrow is None or len(arrow) != n or arrow.null_count:
        return None
    import pyarrow.compute as pc  # noqa: PLC0415 - only reached with a pyarrow array

    encoded = pc.dictionary_encode(arrow)
    if hasattr(encoded, "combine_chunks"):
        encoded = encoded.combine_chunks()
    uniques = np.asarray(encoded.dictionary.to_pylist(), dtype=object)
    return np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64), uniques


def _bool_word(u: Any) -> tuple[bool, bool, bool]:
    """(true, false, blank) of one distinct cell text."""
    if not isinstance(u, str):
        return False, False, False
    t, f = u in _TRUE_SET, u in _FALSE_SET
    if not (t or f or u == ""):
        low = u.lower()
        t, f = low in TRUE_WORDS, low in FALSE_WORDS
    return t, f, u == ""


def text_codes(values: pd.Series | None, arrow: Any) -> tuple[np.ndarray, np.ndarray]:
    """(codes, uniques) of a text column: by Arrow's dictionary encoding when `arrow` holds its cells (then
    `values` may be None), else by hashing the Python strings."""
    found = _arrow_codes(arrow, len(values) if values is not None else len(arrow))
    if found is not None:
        return found
    return factorize_text(values if values is not None else arrow.to_numpy(zero_copy_only=False))


def parse_bool(values: pd.Series | None, default: bool = False, arrow: Any = None) -> tuple[np.ndarray, np.ndarray]:
    """-> (bool array, ok mask); blank = default. Each distinct spelling is classified once (exact
    spellings by hash lookup, odd cases lowered), then spread to the rows by their codes. `arrow`: the same
    cells as a pyarrow string array, when the reader kept them: Arrow's dictionary encoding gives the codes
    (and `values` may be None)."""
    codes, uniques = text_codes(values, arrow)
    if len(uniques) == 0:
        return np.zeros(0, dtype=bool), np.zeros(0, dtype=bool)
    words = np.array([_bool_word(u) for u in uniques], dtype=bool).reshape(len(uniques), 3)
    t, f, blank = words[:, 0], words[:, 1], words[:, 2]
    result = np.where(blank, default, t)
    return result[codes], (t | f | blank)[codes]


def isin(values, pool) -> np.ndarray:
    """Hash-based membership (np.isin is quadratic on object arrays)."""
    if isinstance(pool, (set, frozenset)):
        pool = list(pool)
    return pd.Series(values, dtype=object).isin(pool).to_numpy(dtype=bool)


def parse_choice(values: pd.Series | None, aliases: dict[str, str], arrow: Any = None) -> np.ndarray:
    """Canonical codes (object array), None where the text is not a known choice or alias.
    `aliases` maps normalised text (norm_header form) to the code. Each distinct text is looked up once.
    `arrow`: the same cells as a pyarrow string array (then `values` may be None), as for `parse_bool`."""
    return choice_codes(values, aliases, arrow)[0]


def choice_codes(values: pd.Series | None, aliases: dict[str, str], arrow: Any = None,
                 found: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """`parse_choice`, and the mask of its None cells, found from the distinct texts (not every cell).
    `found`: the cells' `text_codes` when the caller has them already (they are not encoded again)."""
    codes, uniques = found if found is not None else text_codes(values, arrow)
    mapped = np.empty(len(uniques), dtype=object)
    mapped[:] = [aliases.get(norm_header(u)) for u in uniques]
    unknown = np.fromiter((m is None for m in mapped), dtype=bool, count=len(mapped))
    return object_take(mapped, codes), unknown[codes]


_DATE_RE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]00:00(?::00)?)?")


def parse_date(text: str) -> date | None:
    m = _DATE_RE.fullmatch(text.strip())
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def optional_text(values: pd.Series) -> pd.Series:
    """Object series of str, None for blanks."""
    v = values.astype(object)
    return v.where(v != "", None)


def id_index(ids) -> pd.Index:
    """An object Index over `ids`, not copied: its hash table, built on first use, answers uniqueness and
    every lookup after it (an ascending column is found unique without hashing)."""
    return pd.Index(_as_object_array(ids), dtype=object, copy=False)


def unique_first(ids: np.ndarray) -> tuple[pd.Index, np.ndarray]:
    """Index of the first occurrences of ids and their positions in `ids`."""
    first = ~pd.Series(ids, dtype=object).duplicated().to_numpy()
    return id_index(ids[first]), np.flatnonzero(first)


def parent_positions(ids: np.ndarray, parents: np.ndarray, index: pd.Index | None = None) -> np.ndarray:
    """For each row, the position of its parent's (first) row; -1 when blank/None/unknown. Only the rows
    that have a parent are looked up. `index`: `id_index(ids)` when the caller already has it."""
    n = len(ids)
    out = np.full(n, -1, dtype=np.int64)
    has = pd.notna(parents) & (parents != "")
    if not has.any():
        return out
    if index is None:
        index = id_index(ids)
    if index.is_unique:
        wanted = parents[has]
        if index.is_monotonic_increasing and 4 * len(wanted) < n:
            # ascending ids were found unique without hashing them: hash the (fewer) distinct parents
            # instead and look every id up among them
            codes, uniques = factorize_text(wanted)
            at = id_index(uniques).get_indexer(ids)
            found = np.flatnonzero(at >= 0)
            pos_of = np.full(len(uniques), -1, dtype=np.int64)
            pos_of[at[found]] = found
            out[has] = pos_of[codes]
        else:
            out[has] = index.get_indexer(wanted)
    else:
        uidx, firstpos = unique_first(ids)
        loc = uidx.get_indexer(parents[has])
        out[has] = np.where(loc >= 0, firstpos[np.maximum(loc, 0)], -1)
    return out


def arrow_parent_positions(ids: Any, parents: Any, has: np.ndarray, ascending: bool = False) -> np.ndarray | None:
    """`parent_positions` for UNIQUE ids given as pyarrow string arrays (the reader's): Arrow's hash lookup
    instead of hashing a million Python strings. `has`: the rows that name a parent; `ascending`: the ids are
    known to be strictly ascending (`arrow_ascending`): then, when they are all as long (E00000001, ...), the
    distinct parents are found by bisection in their bytes instead of hashing every id. None when not
    possible."""
    if ids is None or parents is None:
        return None
    n = len(ids)
    if len(parents) != n or len(has) != n or ids.null_count:
        return None
    mods = _arrow_csv()
    if mods is None:
        return None
    pa = mods[0]
    import pyarrow.compute as pc  # noqa: PLC0415

    out = np.full(n, -1, dtype=np.int64)
    if not has.any():
        return out
    # the distinct parents are few (a product has many underlyings): hash those, look every id up among
    # them (ten times quicker than hashing every id), then spread each parent's position to its rows
    encoded = pc.dictionary_encode(parents.filter(pa.array(has)))
    if hasattr(encoded, "combine_chunks"):
        encoded = encoded.combine_chunks()
    pos_of = _bisected_positions(ids, encoded.dictionary) if ascending else None
    if pos_of is None:
        at = np.asarray(pc.index_in(ids, value_set=encoded.dictionary).fill_null(-1).to_numpy(zero_copy_only=False),
                        dtype=np.int64)
        found = np.flatnonzero(at >= 0)
        pos_of = np.full(len(encoded.dictionary), -1, dtype=np.int64)
        pos_of[at[found]] = found          # ids are unique: one position per parent
    out[has] = pos_of[np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)]
    return out


def _fixed_width(arrow: Any) -> np.ndarray | None:
    """The cells of a pyarrow string array as numpy fixed-width bytes ('S<w>', over Arrow's own buffer) when
    every cell is w ≥ 1 bytes long, none null and none ending in a NUL byte (which numpy's bytes would drop);
    else None. Compared as numpy compares them, byte by byte, they order as Arrow orders them."""
    a = arrow.combine_chunks() if hasattr(arrow, "combine_chunks") else arrow
    n = len(a)
    if n == 0 or a.null_count:
        return None
    lengths = arrow_lengths(a)
    width = int(lengths.min())
    if not width or width != int(lengths.max()):
        return None
    mods = _arrow_csv()
    assert mods is not None          # (an Arrow array came from pyarrow)
    large = mods[0].types.is_large_string(a.type) or mods[0].types.is_large_binary(a.type)
    offsets = np.frombuffer(a.buffers()[1], dtype=np.int64 if large else np.int32)
    cells = np.frombuffer(a.buffers()[2], dtype=f"S{width}", count=n, offset=int(offsets[a.offset]))
    if (cells.view(np.uint8).reshape(n, width)[:, -1] == 0).any():
        return None
    return cells


def _as_big_endian(cells: np.ndarray) -> np.ndarray:
    """Fixed-width bytes 'S<w>' (w <= 8) as native uint64 of their bytes read big-endian, zero-padded on the
    right: equal and ordered exactly as the bytes."""
    width = cells.dtype.itemsize
    padded = np.zeros((len(cells), 8), dtype=np.uint8)
    padded[:, :width] = cells.view(np.uint8).reshape(len(cells), width)
    return padded.view(">u8").reshape(len(cells)).astype(np.uint64)


def _bisected_positions(ids: Any, wanted: Any) -> np.ndarray | None:
    """The position of each of the (distinct) `wanted` texts among the strictly ascending `ids` (pyarrow string
    arrays), -1 when absent, by bisection in their bytes: None unless every id is as long as every other."""
    sorted_ids = _fixed_width(ids)
    if sorted_ids is None:
        return None
    width = sorted_ids.dtype.itemsize
    out = np.full(len(wanted), -1, dtype=np.int64)
    pc = _pc()
    same = np.flatnonzero(np.asarray(pc.equal(pc.binary_length(wanted), width).to_numpy(zero_copy_only=False)))
    if not len(same):
        return out                        # no wanted text is as long as the ids: none is one of them
    mods = _arrow_csv()
    assert mods is not None
    keys = _fixed_width(wanted.take(mods[0].array(same)))
    if keys is None:
        return None
    if width <= 8:
        # as big-endian integers (zero-padded alike) they order as their bytes do: bisected several times
        # quicker than as bytes (200,000 counterparty ids: 25 -> 5 ms)
        sorted_ids, keys = _as_big_endian(sorted_ids), _as_big_endian(keys)
    at = np.minimum(np.searchsorted(sorted_ids, keys), len(sorted_ids) - 1)
    hit = sorted_ids[at] == keys
    out[same[hit]] = at[hit]
    return out


def roots_and_cycles(ppos: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pointer jumping over parent positions: (root position of each row, mask of rows that never reach
    a root, i.e. on a cycle or below one). O(n log depth), vectorised."""
    n = len(ppos)
    up = np.where(ppos >= 0, ppos, np.arange(n))
    steps = int(np.ceil(np.log2(max(n, 2)))) + 2
    # only the rows whose pointer still moves are stepped (at first those with a parent, a tenth of a file
    # with look-through): a row whose target points to itself stays where it is, so stepping the moving
    # rows alone gives the very pointers of stepping every row
    moving = np.flatnonzero(ppos >= 0)
    for _ in range(steps):
        if not len(moving):
            break
        nxt = up[up[moving]]
        changed = nxt != up[moving]
        up[moving] = nxt
        moving = moving[changed]
    stuck = ppos[up] >= 0 if n else np.zeros(0, dtype=bool)
    return up, stuck


def cycles_among(ppos: np.ndarray, stuck: np.ndarray) -> list[list[int]]:
    """The cycles (lists of positions in parent order) among the stuck rows; a pass over those only."""
    state: dict[int, int] = {}
    cycles: list[list[int]] = []
    for stuck_pos in np.flatnonzero(stuck):
        start = int(stuck_pos)
        if start in state:
            continue
        path: list[int] = []
        on_path: dict[int, int] = {}
        node = start
        while node >= 0 and node not in state and node not in on_path:
            on_path[node] = len(path)
            path.append(node)
            node = int(ppos[node])
        if node >= 0 and node in on_path:
            cycles.append(path[on_path[node]:])
        for p in path:
            state[p] = 1
    return cycles


def object_take(values: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """`values[positions]` for an object array and positions all within it (never -1): the same pointers
    through pandas' typed take loop, which is about twice as quick as numpy's indexing of objects (its generic
    item-by-item copy). A million exposures pointing at 200,000 counterparty ids: 60-80 -> 31-35 ms CPU; at a
    few member ids: 6.6 -> 2.9 ms. `allow_fill=True` is what selects pandas' loop (False is numpy's take); it
    checks the positions' bounds first (an IndexError, as numpy's), and nothing is filled as none is -1."""
    return pd.api.extensions.take(values, positions, allow_fill=True)


def arrow_ascending(arrow: Any) -> bool:
    """True when the cells of a pyarrow string array are strictly ascending (byte order), so all different:
    one C pass instead of hashing every cell as a Python string (ids are usually written in order). False
    when there is no array or they are not."""
    if arrow is None:
        return False
    if len(arrow) < 2:
        return True
    pc = _pc()
    if hasattr(arrow, "combine_chunks"):
        arrow = arrow.combine_chunks()
    return bool(pc.all(pc.less(arrow.slice(0, len(arrow) - 1), arrow.slice(1))).as_py())


def first_rows_of_duplicates(ids: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Mask of repeated ids (not their first occurrence) and the row of the first occurrence of each."""
    dup = ids.duplicated(keep="first").to_numpy()
    if not dup.any():
        return dup, np.zeros(0, dtype=np.int64)
    vals = ids.to_numpy()
    first_map = pd.Series(ids.index.to_numpy()[~dup], index=vals[~dup])
    return dup, first_map.reindex(vals[dup]).to_numpy()


def iter_blank(values: pd.Series) -> np.ndarray:
    return values.to_numpy() == ""


def aliases_for(codes: Iterable[str], extra: dict[str, tuple[str, ...]] | None = None) -> dict[str, str]:
    """norm_header(alias) -> code, for a set of codes and their extra aliases."""
    out = {norm_header(c): c for c in codes}
    for code, words in (extra or {}).items():
        for w in words:
            out.setdefault(norm_header(w), code)
    return out


# --------------------------------------------------------------------------------------------------
# Text rules (docs/interfaces.md, "Units and text"; stated for users in the README's "Input rules")

MAX_ID_LENGTH = 64        # ids and codes: what a key, a file name in a report, a sheet cell can carry
MAX_NAME_LENGTH = 200     # names: a report's table cell and chart label still lay out
NAME_COLUMNS = frozenset({"name"})           # free text: a tab is allowed inside
ID_COLUMNS = frozenset({
    "member_id", "counterparty_id", "parent_id", "connected_label", "group_member", "exposure_id",
    "instrument_id", "parent_exposure_id", "limit_id", "parent_limit_id", "scope", "key", "customer_id",
    "reinsurer_id", "industry", "region", "line"})
_C0 = re.compile(r"[\x00-\x1f]")
_C0_BUT_TAB = re.compile(r"[\x00-\x08\x0a-\x1f]")


def check_text(table: Table, problems: Problems) -> None:
    """Refuse control characters in id and name cells (C0 codes; a tab only inside a name) and overlong ids
    (> MAX_ID_LENGTH) and names (> MAX_NAME_LENGTH), naming file, row and column. (Numbers, flags, choices
    and dates with a control character are refused by their own parsers.) One C-speed pass per column;
    rows are visited only when something is found."""
    rows = table.rows
    for canon in table.columns:
        if canon not in NAME_COLUMNS and canon not in ID_COLUMNS:
            continue
        if not table.n:
            continue
        pattern = _C0_BUT_TAB if canon in NAME_COLUMNS else _C0
        facts = table.text_facts.get(canon)
        limit = MAX_NAME_LENGTH if canon in NAME_COLUMNS else MAX_ID_LENGTH
        if facts is not None and not facts[1] and facts[0] <= limit:
            continue                # answered by the reader: no cell to look at (nor to make a Python string)
        values = table.get(canon).to_numpy(dtype=object)
        if facts is not None:       # answered by the reader: look at the rows only when something was found
            found = facts[2] if canon in NAME_COLUMNS else facts[1]
        else:
            found = pattern.search("".join(values)) is not None
        if found:
            for i, v in enumerate(values):
                m = pattern.search(v)
                if m is not None:
                    problems.at("control_character", table, int(rows[i]), canon, v,
                                char=f"U+{ord(m.group()):04X}", position=m.start() + 1)
        longest = facts[0] if facts is not None else 0
        if facts is None or longest > limit:    # facts: an upper bound (bytes)
            longest = max(map(len, values))
        if longest > limit:
            kind = "a name" if canon in NAME_COLUMNS else "an id"
            for i, v in enumerate(values):
                if len(v) > limit:
                    problems.at("text_too_long", table, int(rows[i]), canon, v, length=f"{len(v):,}",
                                limit=limit, kind=kind)


# --------------------------------------------------------------------------------------------------
# Exact sums of int64 fen (a sum of amounts that each fit int64 may not)

def exact_total(fen: np.ndarray) -> int:
    """The exact sum of an int64 array as a Python int: high and low 32-bit halves summed separately (each
    half-sum fits int64 for fewer than 2**31 rows), then joined."""
    a = np.asarray(fen, dtype=np.int64)
    if not len(a):
        return 0
    return (int((a >> 32).sum()) << 32) + int((a & 0xFFFFFFFF).sum())


def exact_sums_by(keys: np.ndarray, fen: np.ndarray) -> dict:
    """{key: exact sum (Python int)} of int64 amounts grouped by `keys` (vectorised, as `exact_total`)."""
    a = np.asarray(fen, dtype=np.int64)
    if not len(a):
        return {}
    # one hash pass for the keys (in order of first appearance; a missing key is left out, as groupby does),
    # then the high and low halves added up per key in C
    codes, uniques = pd.factorize(np.asarray(keys, dtype=object))
    valid = codes >= 0
    if not valid.all():
        codes, a = codes[valid], a[valid]
    hi = np.zeros(len(uniques), dtype=np.int64)
    lo = np.zeros(len(uniques), dtype=np.int64)
    np.add.at(hi, codes, a >> 32)
    np.add.at(lo, codes, a & 0xFFFFFFFF)
    return {k: (int(h) << 32) + int(low) for k, h, low in zip(uniques, hi.tolist(), lo.tolist())}
