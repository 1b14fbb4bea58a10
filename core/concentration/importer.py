"""Importer of a group data folder (docs/interfaces.md, "Group data folder") into a validated `GroupData`.

API
- `load_group_data(path) -> ImportResult`: `path` is a folder of CSV files or one `.xlsx` workbook (one
  sheet per file, sheet name = file name without `.csv`). Every problem found is in `.problems`
  (errors and warnings); `.data` is None as soon as there is one error.
- `read_group_data(path) -> GroupData`: the same, raising `InputError` (all problems) on any error;
  warnings are kept in `data.meta["warnings"]`.
- `read_limits_file(path, known)`, `read_extra_counterparties(path, known)`, `read_extra_exposures(path,
  known)`: the files of the CLI flags `--limits`, `--add-counterparty`, `--add-exposure` (a CSV file, or an
  XLSX workbook whose sheet is named like the file, else its first sheet), validated against `known`.
  They raise `InputError`; warnings are in the returned frame's `.attrs["warnings"]`.
- `merge_extras(data, counterparties=None, exposures=None, limits=None) -> GroupData`: a new GroupData
  with the extras added (limits replace).
- `read_with_extras(path, limits=None, add_counterparty=None, add_exposure=None) -> GroupData`: the
  whole `concentration` command input, every problem of every file in one `InputError`.

Sales (`--add-exposure` rows whose `exposure_id` is an existing holding and whose amount is negative)
stay in the frame `read_extra_exposures` returns, as rows with that exposure_id and a negative
`amount_fen`/`amount` (the other columns as written, possibly None) — the representation the engine's
`core.concentration.additions.apply_additions` takes, which shrinks the holding and its underlyings pro
rata. The frame's `.attrs["sales"]` also lists them (`SALE_COLUMNS`: exposure_id, amount_fen > 0 sold,
amount; several rows of one holding added up). The importer guarantees that a sold id is a known holding
(not an underlying) and that the total sold does not exceed it; `merge_extras` calls `apply_additions`
and records what was sold (already applied) in `meta["sales"]`.

Guarantees beyond model.py (what the engine can rely on)
- every non-None `member_id`, `counterparty_id`, `group_member`, `parent_id`, `parent_exposure_id`,
  limit `scope` (other than "group") and `parent_limit_id` names a row that exists; no cycles;
  ids are unique; the underlyings of every exposure add up to at most its amount.
- a counterparty whose `parent_id` is not listed gets a warning and its `parent_id` set to None.
- an exposure's `counterparty_id` written as `UNKNOWN` is None (the uncovered bucket).
- `on_balance` left blank means true (on the balance sheet, the usual case; the flag changes no figure);
  every other blank flag is false.
- holdings always have member_id, instrument_id and asset_class; an underlying may leave instrument_id
  and asset_class blank (missing: NaN in the Arrow text of instrument_id, model.ARROW_TEXT_COLUMNS; None in
  asset_class): holding dimensions never count underlyings.
- counterparty `name`, `industry`, `region` and limit `name` may be None (blank in the file).
- frames have a RangeIndex in file order.

Tolerances and decisions
- an amount column's header may carry its unit (``金额（万元）``, ``amount (亿元)``; 元 when none): applied
  exactly; an unknown unit is an error naming the column (`unknown_unit`).
- text: control characters and overlong ids/names are errors (`tabular.check_text`); all the amounts of a
  file together must fit int64 fen (`amounts_total_too_large`), so no sum the engine makes can overflow.
- a scope's on-balance holdings below 5% or above 150% of its total assets: warning
  (`holdings_far_below_total_assets` / `..._above_...`: almost surely a unit mistake; the GUI asks).
- `data.meta["content_sha256"]`: SHA-256 of the files read (the same data imported twice is recognised); None
  when the caller asked for no hash (`content_hash=False`: the `concentration` command stores nothing).
- group.csv total_assets more than 20% away from the sum of the members' total assets: warning
  (consolidation eliminates intra-group holdings, and not every subsidiary need be a member).
- a member's on-balance holdings (rows without a parent) adding up to more than its total assets (up to
  150%; beyond, the plausibility warning above): warning.
- a negative net_assets (of the group or a member): warning, not an error (it exists; ratios on it are
  the engine's business). Every other negative amount is an error (except sales, above).
- numbers, booleans, headers, encodings: see `core.concentration.tabular`.
"""
from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from core import memory
from core.concentration import read_ahead
from core.concentration.keys import remember_codes_later, remember_positions
from core.concentration.model import (
    ALL_KEYS,
    ASSET_CLASSES,
    BASES,
    BUSINESS_COLUMNS,
    BUSINESS_DIMENSIONS,
    COUNTERPARTY_COLUMNS,
    DIMENSIONS,
    GROUP_SCOPE,
    LIMIT_COLUMNS,
    MEMBER_COLUMNS,
    MEMBER_KINDS,
    UNKNOWN,
    GroupData,
    GroupInfo,
)
from core.concentration.tabular import (
    FEN_MAX,
    ArrowTexts,
    Problems,
    Spec,
    Table,
    Workbook,
    aliases_for,
    arrow_ascending,
    arrow_blank,
    arrow_parent_positions,
    arrow_text_codes,
    arrow_text_series,
    check_text,
    choice_codes,
    chosen_header_key,
    cycles_among,
    exact_sums_by,
    exact_total,
    first_rows_of_duplicates,
    header_unit,
    id_index,
    isin,
    norm_header,
    object_take,
    parent_positions,
    parse_bool,
    parse_date,
    parse_fen,
    read_csv_table,
    release_arrow,
    roots_and_cycles,
    text_codes,
    text_positions,
    text_series,
    text_to_decimal,
)
from core.problems import InputError, InputProblem, Severity

WARNING = Severity.WARNING

SPECS = {
    "group": Spec("group", ("name", "as_of", "total_assets", "net_assets"),
                  ("solvency_ratio", "actual_capital", "minimum_capital"), ("集团", "集团信息", "集团基本信息")),
    "members": Spec("members", ("member_id", "name", "kind", "total_assets", "net_assets", "solvency_ratio"),
                    ("actual_capital", "minimum_capital"), ("成员", "成员公司", "成员公司信息", "member")),
    "counterparties": Spec("counterparties", ("counterparty_id", "name", "parent_id", "connected_label", "industry",
                                              "region", "related_party", "exempt"), ("group_member",),
                           ("交易对手", "交易对手信息", "counterparty")),
    "exposures": Spec("exposures", ("exposure_id", "member_id", "counterparty_id", "instrument_id", "asset_class",
                                    "overseas", "on_balance", "amount", "parent_exposure_id"),
                      ("exempt_single_asset", "exempt_counterparty", "exempt_asset_class"),
                      ("风险暴露", "暴露", "敞口", "风险敞口", "持仓", "投资资产", "exposure")),
    "limits": Spec("limits", ("limit_id", "name", "dimension", "scope", "key", "basis", "warning", "limit",
                              "parent_limit_id"), ("rule",), ("限额", "限额表", "limit")),
    "business": Spec("business", ("member_id", "kind", "amount"),
                     ("customer_id", "line", "region", "reinsurer_id"), ("业务", "保费", "业务数据")),
}
REQUIRED_FILES = ("group", "members", "counterparties", "exposures", "limits")
SALE_COLUMNS = ("exposure_id", "amount_fen", "amount")
RULES = ("equity_solvency_tier",)
RESERVED_MEMBER_IDS = (GROUP_SCOPE, ALL_KEYS, UNKNOWN)

KIND_ALIASES = aliases_for(MEMBER_KINDS, {
    "life": ("寿险", "人寿", "人身险", "人寿保险", "人身保险", "寿险公司"),
    "pc": ("财险", "产险", "财产险", "财产保险", "p&c", "财险公司", "non_life"),
    "reinsurance": ("再保险", "再保", "re", "再保险公司"),
    "asset_mgmt": ("资产管理", "资管", "资产管理公司", "asset_management", "am"),
    "other": ("其他", "其它"),
})
ASSET_CLASS_ALIASES = aliases_for(ASSET_CLASSES, {
    "liquidity": ("流动性资产", "流动性", "流动资产", "现金及流动性管理工具"),
    "fixed_income": ("固定收益类", "固定收益类资产", "固定收益", "固收", "固收类"),
    "equity": ("权益类", "权益类资产", "权益", "股权"),
    "real_estate": ("不动产类", "不动产类资产", "不动产", "投资性不动产"),
    "other_financial": ("其他金融资产", "其他金融", "其他金融资产类", "other"),
})
DIMENSION_ALIASES = aliases_for(DIMENSIONS, {
    "single_asset": ("单一资产",),
    "counterparty": ("交易对手", "单一交易对手", "单一法人主体", "单一法人"),
    "counterparty_group": ("交易对手集团", "关联客户", "集团客户", "单一交易对手集团", "关联交易对手"),
    "related_party": ("关联方", "关联交易"),
    "asset_class": ("大类资产", "资产类别", "资产大类"),
    "overseas": ("境外", "境外投资"),
    "industry": ("行业",),
    "region": ("地区", "地域", "区域"),
    "customer": ("客户", "单一客户"),
    "business_line": ("业务条线", "业务线", "险种", "line"),
    "premium_region": ("保费地域", "保费地区", "保费区域", "保费地域集中度", "业务地域", "业务地区"),
    "reinsurer": ("再保险人", "再保险", "分出"),
})
BASIS_ALIASES = aliases_for(BASES, {
    "total_assets": ("总资产", "上季末总资产"),
    "net_assets": ("净资产", "上季末净资产"),
    "total_premium": ("总保费", "保费收入", "保费"),
    "total_ceded": ("分出保费", "总分出保费", "分出"),
})
SCOPE_GROUP_ALIASES = {norm_header(w) for w in (GROUP_SCOPE, "集团", "集团层面", "集团整体")}
KEY_ALL_ALIASES = {norm_header(w) for w in (ALL_KEYS, "全部", "合计", "所有")}
OVERSEAS_KEY_ALIASES = aliases_for(("overseas", "domestic"), {"overseas": ("境外",), "domestic": ("境内",)})
RULE_ALIASES = aliases_for(RULES, {"equity_solvency_tier": ("权益偿付能力分档", "偿付能力分档")})
BUSINESS_KIND_ALIASES = aliases_for(("premium", "ceded"), {"premium": ("保费", "保费收入"),
                                                          "ceded": ("分出", "分出保费", "分保")})
BASES_FOR = {d: (("total_premium", "total_ceded") if d in BUSINESS_DIMENSIONS else ("total_assets", "net_assets"))
             for d in DIMENSIONS}


@dataclass
class ImportResult:
    """What `load_group_data` found: the data (None if there is any error) and every problem."""

    data: GroupData | None
    problems: list[InputProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.data is not None and not any(p.is_error for p in self.problems)

    @property
    def errors(self) -> list[InputProblem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[InputProblem]:
        return [p for p in self.problems if not p.is_error]


# ==================================================================================================
# Sources


class _Source:
    """A data folder of CSV files or one workbook; `table(name)` reads one file/sheet or reports it missing."""

    def __init__(self, path: Path, problems: Problems, header_rows: dict[str, int] | None = None,
                 keep_contents: bool = True):
        self.path = path
        self.problems = problems
        self.header_rows = header_rows      # the officer's header rows, per file (tabular.chosen_header_row)
        self.header_keys_used: set[str] = set()
        self.workbook: Workbook | None = None
        self.files: dict[str, Path] = {}
        self.read: list[Path] = []          # the files a table was read from (the content hash covers them)
        # their bytes as read, until the content hash has taken them (not read from the disk a second time);
        # not kept when nothing will be hashed (`keep_contents`)
        self.keep_contents = keep_contents
        self.contents: dict[Path, bytes] = {}
        self.valid = False
        if not path.exists():
            problems.at("file_not_found", None, None, None, str(path), file=str(path))
        elif path.is_dir():
            for p in sorted(path.iterdir()):
                if p.is_file() and p.suffix.lower() == ".csv":
                    self.files.setdefault(norm_header(p.stem), p)
            self.valid = True
        elif path.suffix.lower() in (".xlsx", ".xlsm"):
            self.workbook = Workbook(path, problems)
            self.valid = self.workbook.book is not None
        else:
            problems.at("unsupported_file_type", None, None, None, path.name, file=path.name,
                        expected="a folder of CSV files or an .xlsx workbook")

    def table(self, name: str, required: bool = True) -> Table | None:
        spec = SPECS[name]
        if self.workbook is not None:
            sheet = self.workbook.find(spec)
            if sheet is None:
                if required:
                    self.problems.at("missing_sheet", None, None, None, spec.name,
                                     file=self.workbook.label(spec.name), names=", ".join((spec.name,) + spec.aliases))
                return None
            row = self._header_row(self.workbook.label(sheet), sheet, spec.name)
            return _checked(self.workbook.read(sheet, spec, self.problems, row), self.problems)
        for alias in (spec.name,) + spec.aliases:
            p = self.files.get(norm_header(alias))
            if p is not None:
                self.read.append(p)
                row = self._header_row(p.name, p.stem, spec.name)
                # the bytes a command read ahead while it was importing (read_ahead), else read now
                data: bytes | None = read_ahead.bytes_of(p)
                try:
                    if data is None:
                        data = p.read_bytes()
                    if self.keep_contents:
                        self.contents[p] = data
                except OSError:
                    pass                    # (the reader says why, reading it itself)
                return _checked(read_csv_table(p, spec, p.name, self.problems, row, data), self.problems)
        if required:
            self.problems.at("file_not_found", None, None, None, spec.filename, file=spec.filename)
        return None

    def _header_row(self, *names: str) -> int | None:
        """The header row the officer chose for the file of these names, if any (and the choice is used)."""
        key = chosen_header_key(self.header_rows, *names)
        if key is None or self.header_rows is None:
            return None
        self.header_keys_used.add(key)
        return int(self.header_rows[key])

    def unused_header_rows(self) -> None:
        """A header row chosen for a file that is not read (a typo in its name) is an error, not ignored."""
        read = [self.workbook.label(s) for s in self.workbook.sheetnames] if self.workbook else \
            sorted(p.name for p in self.read)
        for key in self.header_rows or {}:
            if key not in self.header_keys_used:
                self.problems.at("header_row_unknown_file", None, None, None, key, file=key, files=", ".join(read))

    def close(self) -> None:
        if self.workbook is not None:
            self.workbook.close()
        read_ahead.forget()

    def content_sha256(self) -> str | None:
        """SHA-256 of what was read (the workbook's bytes, or each CSV's name and bytes in name order):
        the same data imported twice has the same hash (`import` refuses a second copy)."""
        h = hashlib.sha256()
        try:
            if self.workbook is not None:
                h.update(self.path.read_bytes())
            else:
                for p in sorted(self.read, key=lambda q: q.name):
                    # the same bytes hashed piecewise: no copy of a 70 MB file into one joined string; those
                    # the reader read are hashed as it read them (and let go), the others read again
                    h.update(p.name.encode("utf-8") + b"\0")
                    data = self.contents.pop(p, None)
                    if data is not None:
                        h.update(data)
                    else:
                        with open(p, "rb") as f:
                            while chunk := f.read(1 << 20):
                                h.update(chunk)
                    h.update(b"\0")
        except OSError:
            return None
        return h.hexdigest()


def _checked(t: Table | None, problems: Problems) -> Table | None:
    """The table after the text rules (control characters, id and name lengths) were checked."""
    if t is not None:
        check_text(t, problems)
    return t


def _read_single(path: Any, name: str, problems: Problems) -> Table | None:
    """One extra file (CSV, or a workbook's sheet named like it, else its first sheet)."""
    p = Path(path)
    spec = SPECS[name]
    if not p.is_file():
        problems.at("file_not_found", None, None, None, str(p), file=str(p))
        return None
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        wb = Workbook(p, problems)
        if wb.book is None:
            return None
        try:
            sheet = wb.find(spec) or wb.sheetnames[0]
            return _checked(wb.read(sheet, spec, problems), problems)
        finally:
            wb.close()
    if p.suffix.lower() in (".csv", ".txt"):
        return _checked(read_csv_table(p, spec, p.name, problems), problems)
    problems.at("unsupported_file_type", None, None, None, p.name, file=p.name, expected=".csv or .xlsx")
    return None


# ==================================================================================================
# Column helpers


def _required_text(t: Table, col: str, P: Problems, where: np.ndarray | None = None) -> np.ndarray:
    """The column as an object array; blanks (where `where`, default all rows) reported missing_value."""
    v = t.get(col).to_numpy(dtype=object)
    blank = t.blank(col)
    if where is not None:
        blank &= where
    P.where("missing_value", t, blank, col)
    return v


def _none_if_blank(v: np.ndarray) -> np.ndarray:
    out = v.astype(object, copy=True)
    out[out == ""] = None
    return out


def _none_blank(t: Table, col: str) -> np.ndarray:
    """The column's cells with None for blanks (`_none_if_blank`), the blanks found on the Arrow cells."""
    if col in t.lazy and col not in t.cells.columns:
        # made Python strings for the frame alone: not kept in the table, so filled in place, not copied
        out = t.objects(col)
        out[t.blank(col)] = None
        return out
    return _none_where(t.get(col).to_numpy(dtype=object), t.blank(col))


def _none_where(v: np.ndarray, blank: np.ndarray) -> np.ndarray:
    """`_none_if_blank` when the blank cells are known (`blank`, from the reader's Arrow cells): a copy
    with None there, without comparing every cell again."""
    out = np.array(v, dtype=object)     # a copy: the table's own cells stay as read
    out[blank] = None
    return out


def _arrow_any_equal(values: Any, word: str) -> bool:
    """Whether any cell of a pyarrow string array is `word`."""
    import pyarrow.compute as pc  # noqa: PLC0415 - only reached with the reader's pyarrow arrays

    return bool(pc.any(pc.equal(values, word)).as_py())


def _arrow_index_in(values: Any, ids: Any) -> np.ndarray:
    """int64 position of each of the pyarrow string `values` among the (unique) pyarrow string `ids`, -1
    when absent: `keys.positions_in` on the reader's cells, with no Python string converted back (by their
    `short_text_keys` or, longer, their hashes, `text_positions`: at 1M exposures and 200,000 counterparties
    half the time of Arrow's lookup)."""
    found = text_positions(values, ids)
    if found is not None:
        return found
    import pyarrow.compute as pc  # noqa: PLC0415 - only reached with the reader's pyarrow arrays

    out = pc.index_in(values, value_set=ids.combine_chunks() if hasattr(ids, "combine_chunks") else ids)
    return np.asarray(out.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)


def _obj_series(v: np.ndarray) -> pd.Series:
    """An object Series over `v` (not copied: the arrays built here are not used elsewhere)."""
    return pd.Series(v, dtype=object, copy=False)


def _equals_any(values: np.ndarray, words: tuple[str, ...], arrow: Any = None) -> np.ndarray:
    """Mask of the cells that are one of a few `words` (compared in C, no hashing of every cell). `arrow`: the
    same cells as the reader's pyarrow array, looked at first: when none is one of the words (as usual), no
    Python string is compared."""
    mask = np.zeros(len(values), dtype=bool)
    if arrow is not None and len(arrow) == len(values) and not any(_arrow_any_equal(arrow, w) for w in words):
        return mask
    for w in words:
        mask |= values == w
    return mask


def _given_not_in(values: np.ndarray, known) -> np.ndarray:
    """Mask of the non-blank cells not in the set `known` (only those cells are looked up)."""
    mask = values != ""
    at = np.flatnonzero(mask)
    if len(at):
        mask[at] = ~isin(values[at], known)
    return mask


def _not_in(values: np.ndarray, known, arrow: Any = None, codes_uniques: tuple | None = None) -> np.ndarray:
    """Mask of the values not in the set `known` (each distinct value looked up once). `arrow`: the same
    cells as a pyarrow string array (the reader's): its dictionary encoding gives the distinct values;
    `codes_uniques`: that encoding when it is already done."""
    codes, uniques = codes_uniques if codes_uniques is not None else text_codes(values, arrow)
    missing = np.fromiter((u not in known for u in uniques), dtype=bool, count=len(uniques))
    return missing[codes]


def _ids(t: Table, col: str, P: Problems) -> np.ndarray:
    """A required unique id column: blanks and repeats reported."""
    v = _required_text(t, col, P)
    if arrow_ascending(t.arrow_cells(col)):
        return v            # written in order, so no repeat (and no need to hash them)
    s = pd.Series(v, index=t.cells.index, dtype=object)   # object: pandas 3 would copy them to Arrow first
    nonblank = v != ""
    dup, firsts = first_rows_of_duplicates(s[nonblank])
    if dup.any():
        mask = np.zeros(len(v), dtype=bool)
        mask[np.flatnonzero(nonblank)[dup]] = True
        P.where("duplicate_id", t, mask, col, details=[{"first_row": int(r)} for r in firsts])
    return v


def _amounts(t: Table, col: str, P: Problems, required: bool = True, negative: Severity | None = Severity.ERROR,
             negative_code: str = "negative_amount", where: np.ndarray | None = None
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Amount column -> (fen int64, ok mask, given mask). negative=None allows negatives."""
    n = t.n
    fen = np.zeros(n, dtype=np.int64)
    ok = np.zeros(n, dtype=bool)
    given = ~t.blank(col)
    if required:
        need = ~given if where is None else (~given & where)
        P.where("missing_value", t, need, col)
    unit, scale = header_unit(t.headers.get(col)) if t.has(col) else (None, 1)
    if scale is None:
        # an amount read in the wrong unit is wrong by orders of magnitude: refuse rather than guess
        P.at("unknown_unit", t, 1, col, unit, units="元, 千元, 万元, 百万元, 亿元")
        return fen, ok, given
    pos = np.flatnonzero(given)
    if len(pos):
        arrow = t.arrow_cells(col)
        found = t.ahead_result(("fen", col, scale)) if len(pos) == n else None
        if found is not None:
            f, good, reasons = found
        else:
            # the Python strings only when there are no Arrow cells (parse_fen then needs no other)
            sub = None if arrow is not None else t.get(col).iloc[pos] if len(pos) < n else t.get(col)
            if arrow is not None and len(pos) < n:
                arrow = arrow.take(pos)
            f, good, reasons = parse_fen(sub, scale, arrow)
        fen[pos] = f
        ok[pos] = good
        bad = ~good
        if bad.any():
            mask = np.zeros(n, dtype=bool)
            for code in ("not_a_number", "too_many_decimals", "out_of_range"):
                m = reasons == code
                if m.any():
                    mask[:] = False
                    mask[pos[m]] = True
                    extra = {"places": 2 + len(str(scale)) - 1} if code == "too_many_decimals" else (
                        {"min": "-" + _yuan(2**63 - 1), "max": _yuan(2**63 - 1)} if code == "out_of_range" else {})
                    P.where(code, t, mask, col, **extra)
    if negative is not None:
        neg = ok & (fen < 0)
        P.where(negative_code, t, neg, col, severity=negative)
    return fen, ok, given


def _bools(t: Table, col: str, P: Problems, default: bool = False) -> np.ndarray:
    if not t.has(col):
        return np.full(t.n, default, dtype=bool)
    arrow = t.arrow_cells(col)
    found = t.ahead_result(("bool", col, default))
    vals, ok = found if found is not None else parse_bool(None if arrow is not None else t.get(col), default, arrow)
    P.where("not_a_boolean", t, ~ok, col)
    return vals


def _choices(t: Table, col: str, P: Problems, aliases: dict[str, str], choices: tuple[str, ...],
             required_where: np.ndarray | None = None, required: bool = True) -> np.ndarray:
    """Canonical codes (None for blank); unknown text reported unknown_choice, blanks missing_value."""
    arrow = t.arrow_cells(col)
    blank = t.blank(col)
    found = t.ahead_result(("choice", col))
    codes, unknown = found if found is not None else \
        choice_codes(None if arrow is not None else t.get(col), aliases, arrow)
    codes[unknown | blank] = None
    P.where("unknown_choice", t, (~blank) & unknown, col, choices=", ".join(choices))
    if required:
        P.where("missing_value", t, blank if required_where is None else (blank & required_where), col)
    return codes


def _ratio(t: Table, col: str, P: Problems, row_pos: int, required: bool = False) -> Decimal | None:
    """A ratio cell as an exact Decimal (percent sign allowed); small tables only."""
    text = t.get(col).iat[row_pos]
    row = int(t.rows[row_pos])
    if text == "":
        if required:
            P.at("missing_value", t, row, col)
        return None
    d = text_to_decimal(text, percent=True)
    if d is None:
        P.at("not_a_number", t, row, col, text)
        return None
    if d < 0:
        P.at("negative_ratio", t, row, col, text)
        return None
    return d


def _yuan(fen: int) -> str:
    return f"{Decimal(int(fen)) / 100:,.2f}"


def _int64_or_na(fen: np.ndarray, given: np.ndarray) -> pd.array:
    return pd.array([int(f) if g else pd.NA for f, g in zip(fen, given)], dtype="Int64")


# ==================================================================================================
# group.csv, members.csv


def _parse_group(t: Table | None, P: Problems) -> GroupInfo | None:
    if t is None:
        return None
    n = t.n
    if n != 1:
        P.at("group_rows", t, None, None, n, count=n)
        return None
    before = len(P.errors)
    name = _required_text(t, "name", P)[0]
    as_of_text = t.get("as_of").iat[0]
    as_of = None
    if as_of_text == "":
        P.at("missing_value", t, int(t.rows[0]), "as_of")
    else:
        as_of = parse_date(as_of_text)
        if as_of is None:
            P.at("not_a_date", t, int(t.rows[0]), "as_of", as_of_text)
    ta, _, _ = _amounts(t, "total_assets", P)
    na, _, _ = _amounts(t, "net_assets", P, negative=WARNING, negative_code="negative_net_assets")
    solv = _ratio(t, "solvency_ratio", P, 0)
    ac, _, acg = _amounts(t, "actual_capital", P, required=False)
    mc, _, mcg = _amounts(t, "minimum_capital", P, required=False)
    if len(P.errors) > before or as_of is None:   # (no date without an error on record)
        return None
    return GroupInfo(name=str(name), as_of=as_of, total_assets_fen=int(ta[0]), net_assets_fen=int(na[0]),
                     solvency_ratio=solv, actual_capital_fen=int(ac[0]) if acg[0] else None,
                     minimum_capital_fen=int(mc[0]) if mcg[0] else None)


def _parse_members(t: Table | None, P: Problems) -> pd.DataFrame | None:
    if t is None:
        return None
    ids = _ids(t, "member_id", P)
    reserved = isin(ids, RESERVED_MEMBER_IDS) | (pd.Series(ids, dtype=object).str.lower() == GROUP_SCOPE).to_numpy()
    P.where("reserved_id", t, reserved, "member_id")
    name = _required_text(t, "name", P)
    kind = _choices(t, "kind", P, KIND_ALIASES, MEMBER_KINDS)
    ta, _, _ = _amounts(t, "total_assets", P)
    na, _, _ = _amounts(t, "net_assets", P, negative=WARNING, negative_code="negative_net_assets")
    solv = [_ratio(t, "solvency_ratio", P, i) for i in range(t.n)]
    ac, _, acg = _amounts(t, "actual_capital", P, required=False)
    mc, _, mcg = _amounts(t, "minimum_capital", P, required=False)
    frame = pd.DataFrame({
        "member_id": pd.Series(ids, dtype=object), "name": pd.Series(name, dtype=object),
        "kind": pd.Series(kind, dtype=object), "total_assets_fen": ta, "net_assets_fen": na,
        "solvency_ratio": pd.Series(solv, dtype=object),
        "actual_capital_fen": _int64_or_na(ac, acg), "minimum_capital_fen": _int64_or_na(mc, mcg),
    })
    frame.attrs["rows"] = t.rows
    return frame[list(MEMBER_COLUMNS)]


# ==================================================================================================
# counterparties.csv


def _parse_counterparties(t: Table | None, P: Problems, member_ids: set | None,
                          base: pd.DataFrame | None = None) -> pd.DataFrame | None:
    if t is None:
        return None
    n = t.n
    ids = _ids(t, "counterparty_id", P)
    P.where("reserved_counterparty", t, _equals_any(ids, (UNKNOWN, UNKNOWN.lower(), UNKNOWN.title()),
                                                    t.arrow_cells("counterparty_id")), "counterparty_id")
    base_ids = base["counterparty_id"].to_numpy(dtype=object) if base is not None else np.zeros(0, dtype=object)
    if len(base_ids):
        P.where("already_known", t, isin(ids, base_ids) & (ids != ""), "counterparty_id")
    related = _bools(t, "related_party", P)
    exempt = _bools(t, "exempt", P)
    gm = t.get("group_member").to_numpy(dtype=object)
    if member_ids is not None:
        P.where("unknown_member", t, _given_not_in(gm, member_ids), "group_member")

    named = ~t.blank("parent_id")
    id_cells, parent_cells = t.arrow_cells("counterparty_id"), t.arrow_cells("parent_id")
    if base is None and parent_cells is not None and arrow_ascending(id_cells):
        # the file's own ids, all different: Arrow looks the parents up among them once, and the same
        # positions say which parent is unknown and where the chains go
        ppos = arrow_parent_positions(id_cells, parent_cells, named, ascending=True)
    else:
        ppos = None
    if ppos is not None:
        unknown_parent = named & (ppos < 0)
        # each known parent is the id of the row it names: that row's string (no cell made a string again)
        # (None where there is no parent or an unknown one: the frame's column as it is)
        parent = np.full(n, None, dtype=object)
        at = np.flatnonzero(ppos >= 0)
        parent[at] = ids[ppos[at]]
    else:
        parent = t.get("parent_id").to_numpy(dtype=object).copy()
        all_ids = np.concatenate([base_ids, ids])
        unknown_parent = np.zeros(n, dtype=bool)
        at = np.flatnonzero(named)
        unknown_parent[at] = ~isin(parent[at], all_ids)
    P.where("unknown_parent", t, unknown_parent, "parent_id", severity=WARNING)
    parents_blank = ppos is None        # (else None already where there is none: see above)
    if parents_blank:
        parent[unknown_parent] = ""
    # cycles in parent chains (only new rows can close one: known rows' parents are known rows)
    if ppos is not None:
        if (ppos >= 0).any():
            _report_cycles(t, P, ppos, ids, 0, "parent_id", "counterparty_cycle")
    else:
        base_par = base["parent_id"].to_numpy(dtype=object) if base is not None else np.zeros(0, dtype=object)
        all_par = np.concatenate([base_par, parent])
        has_parent = pd.notna(all_par) & (all_par != "")
        if has_parent.any():
            from core.concentration.aggregate import NONE_CELL  # noqa: PLC0415 - engine side, this path only

            ppos = parent_positions(all_ids, np.where(has_parent, all_par, NONE_CELL))
            _report_cycles(t, P, ppos, all_ids, len(base_ids), "parent_id", "counterparty_cycle")

    frame = pd.DataFrame({
        "counterparty_id": pd.Series(ids, dtype=object),
        "name": pd.Series(_none_blank(t, "name"), dtype=object),
        "parent_id": pd.Series(_none_if_blank(parent) if parents_blank else parent, dtype=object),
        "connected_label": pd.Series(_none_blank(t, "connected_label"), dtype=object),
        "industry": pd.Series(_none_blank(t, "industry"), dtype=object),
        "region": pd.Series(_none_blank(t, "region"), dtype=object),
        "related_party": related, "exempt": exempt,
        "group_member": pd.Series(_none_blank(t, "group_member"), dtype=object),
    }, index=pd.RangeIndex(n), copy=False)        # (each column its own array: not copied into one block)
    frame = frame[list(COUNTERPARTY_COLUMNS)]
    if base is None and ppos is not None:
        # the parents' rows, which build_aggregates would look up again (see keys.remember_positions)
        remember_positions("cp_parent_pos", ppos, ((frame, ("counterparty_id", "parent_id")),))
    return frame


def _report_cycles(t: Table, P: Problems, ppos: np.ndarray, all_ids: np.ndarray, offset: int, col: str,
                   code: str) -> tuple[np.ndarray, np.ndarray]:
    """Report every row (of this table: positions >= offset) on a cycle; returns (roots, stuck mask)."""
    root, stuck = roots_and_cycles(ppos)
    if stuck.any():
        for cyc in cycles_among(ppos, stuck):
            path = " → ".join(str(all_ids[p]) for p in cyc + [cyc[0]])
            for p in cyc:
                if p >= offset:
                    i = p - offset
                    P.at(code, t, int(t.rows[i]), col, t.get(col).iat[i], cycle=path)
    return root, stuck


# ==================================================================================================
# exposures.csv


def _exposure_parent_positions(t: Table, all_ids: np.ndarray, all_parent: np.ndarray,
                               index: pd.Index | None, own_unique: bool = False,
                               named: np.ndarray | None = None) -> np.ndarray:
    """`parent_positions` of the look-through rows. `index`: over `all_ids` when they are the file's own ids
    (no known rows, none sold); `own_unique`: those are known to be all different (then no index is needed);
    when unique, Arrow looks the parents up if the reader kept its columns. `named`: the rows that name a
    parent, when the caller knows them."""
    if own_unique or (index is not None and index.is_unique):
        ppos = t.ahead_result(("parent_positions", "parent_exposure_id")) if own_unique and named is not None else None
        if ppos is not None:
            return ppos
        ppos = arrow_parent_positions(t.arrow_cells("exposure_id"), t.arrow_cells("parent_exposure_id"),
                                      named if named is not None else pd.notna(all_parent) & (all_parent != ""),
                                      ascending=own_unique)
        if ppos is not None:
            return ppos
        if index is None:
            index = id_index(np.asarray(all_ids, dtype=object))
    # (the reader's cells as Python strings, when they came as Arrow texts: this path hashes every id)
    return parent_positions(np.asarray(all_ids, dtype=object), np.asarray(all_parent, dtype=object), index)


def _parse_exposures(t: Table | None, P: Problems, member_ids: set | None, cp_ids: set | None,
                     base: pd.DataFrame | None = None, allow_sales: bool = False,
                     counterparties: pd.DataFrame | None = None, cp_cells: Any = None,
                     facts: dict | None = None) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """`counterparties` (instead of `cp_ids`): the parsed counterparties frame; each exposure's counterparty
    row is then found by one hash lookup, and kept for the engine. `cp_cells`: its counterparty_id column as
    the reader's pyarrow array (row for row with the frame), when there is one: the lookup is then Arrow's.
    `facts`: filled, when the frame is the file's rows as they are, with what the cross-file warnings would
    work out again (`has_children`: rows with an underlying; `member_codes`: (codes, distinct member ids); the
    others: `_keep_facts`)."""
    if t is None:
        return None, None
    ahead = _start_ahead(t, cp_cells, len(counterparties) if counterparties is not None else -1) \
        if base is None and not allow_sales and not t.ahead else None
    try:
        return _parse_exposures_now(t, P, member_ids, cp_ids, base, allow_sales, counterparties, cp_cells,
                                    facts if facts is not None else {})
    finally:
        if ahead is not None:
            _let_go(ahead, P)
        t.ahead.clear()


def _let_go(pool: ThreadPoolExecutor, P: Problems) -> None:
    """Shut the checks' second thread down once the import is done. With an error nothing more is needed
    of it: what is queued is cancelled. Otherwise its last job, the instruments' codes handed to the engine
    (`_keep_codes`), is finished here, after this thread's last checks ran beside it, but not beside the
    evaluation: there, at 1M, both threads' page faults contend on the process's memory map (measured:
    +0.17 s CPU, +0.08 s of it system time, for no wall time saved, over 20 alternated runs)."""
    pool.shutdown(wait=True, cancel_futures=P.has_errors)


_AHEAD_FLAGS = (("overseas", False), ("on_balance", True), ("exempt_single_asset", False),
                ("exempt_counterparty", False), ("exempt_asset_class", False))


def _start_ahead(t: Table, cp_cells: Any, n_counterparties: int) -> ThreadPoolExecutor | None:
    """Start the exposures' checks that run on the reader's Arrow cells alone (amounts, flags, asset class,
    member codes, the counterparty and parent lookups) in a second thread, in the order the checks take
    them (`Table.ahead`): Arrow's kernels let go of the GIL, so on a second core they run while this
    thread makes the id columns Python strings, which holds it. The same functions as the checks would
    call, on the same cells: the same results, found sooner. None when the file kept no Arrow cells."""
    need = ("exposure_id", "member_id", "counterparty_id", "amount", "parent_exposure_id", "asset_class")
    if any(c not in t.lazy for c in need):
        return None
    pool = ThreadPoolExecutor(max_workers=1)
    cells = t.lazy
    _, scale = header_unit(t.headers.get("amount"))

    def fen() -> Any:
        amounts = cells["amount"]
        # an unknown unit or a blank cell: the check's own path words it
        return None if scale is None or arrow_blank(amounts).any() else parse_fen(None, scale, amounts)

    def counterparty_positions() -> Any:
        own = cells["counterparty_id"]
        if cp_cells is None or len(cp_cells) != n_counterparties or not arrow_ascending(cp_cells):
            return None
        if _arrow_any_equal(own, UNKNOWN):
            return None         # a placeholder is blanked first: the checks look the rest up themselves
        return _arrow_index_in(own, cp_cells)

    def parents() -> Any:
        ids, named = cells["exposure_id"], ~arrow_blank(cells["parent_exposure_id"])
        if not named.any() or not ascending.result():
            return None
        return arrow_parent_positions(ids, cells["parent_exposure_id"], named, ascending=True)

    # the jobs in the order the checks ask for them: while this thread waits for one the second thread is
    # running, it runs the next ones not yet begun itself (`_AheadJob.result`)
    queue: list[_AheadJob] = []

    def ahead(key: tuple, fn: Callable[[], Any]) -> _AheadJob:
        job = t.ahead[key] = _AheadJob(fn, queue)
        pool.submit(job.run_queued)
        return job

    if scale is not None:
        ahead(("fen", "amount", scale), fen)
    # whether the ids are written in order (so all different): asked by the checks and by `parents`
    ascending = ahead(("ascending", "exposure_id"), lambda: arrow_ascending(cells["exposure_id"]))
    ahead(("codes", "member_id"), lambda: text_codes(None, cells["member_id"]))
    ahead(("index_in", "counterparty_id"), counterparty_positions)
    # the asset classes' cells are encoded once for both their check and the engine's codes
    # (by whichever thread asks first: each of the two jobs may be run by either thread)
    asset_text = _AheadJob(lambda: text_codes(None, cells["asset_class"]), queue)
    ahead(("choice", "asset_class"),
          lambda: choice_codes(None, ASSET_CLASS_ALIASES, cells["asset_class"], asset_text.result()))
    for col, default in _AHEAD_FLAGS:
        if col in cells:
            ahead(("bool", col, default), partial(parse_bool, None, default, cells[col]))
    ahead(("parent_positions", "parent_exposure_id"), parents)
    ahead(("codes", "asset_class"), lambda: _asset_class_codes(cells["asset_class"], asset_text.result()))
    # last, for the engine alone (the frame's instrument ids are these cells): their codes, while this thread
    # builds the frame and finishes the checks; not waited for by the import (`_keep_codes`: the engine
    # waits when it needs them), nor run by this thread while it waits for another (the longest job, ~0.1 s
    # at 1M, that no check asks for). The array is taken now: the table may let go of its cells before the
    # job runs
    instruments = t.ahead[("codes", "instrument_id")] = _AheadJob(partial(arrow_text_codes, cells["instrument_id"]))
    pool.submit(instruments.run_queued)
    return pool


class _AheadJob:
    """One check started ahead: run by the second thread in its turn, or by the thread that asks for its
    result (`result`) when the second thread has not begun it yet. The checks ask for the results about
    as fast as one thread works them out (a flag's codes take ~10 ms at 1M), so waiting for a job queued
    behind others left this thread idle; now it takes that job itself and both cores work. The same
    function on the same cells either way: the same result."""

    def __init__(self, fn: Callable[[], Any], queue: list[_AheadJob] | None = None):
        self._fn: Callable[[], Any] | None = fn
        self._lock = threading.Lock()
        self._claimed = False
        self._done = threading.Event()
        self._result: Any = None
        self._error: BaseException | None = None
        # the jobs started ahead with this one, in the order the checks ask for them (this one appended)
        self._queue = queue
        if queue is not None:
            queue.append(self)

    def _claim(self) -> bool:
        with self._lock:
            if self._claimed:
                return False
            self._claimed = True
            return True

    def _run(self) -> None:
        try:
            assert self._fn is not None
            self._result = self._fn()
        except BaseException as exc:  # noqa: BLE001 - raised again to whoever asks for the result
            self._error = exc
        finally:
            self._fn = None
            self._done.set()

    def run_queued(self) -> None:
        """The second thread's turn: run it unless the asking thread took it already."""
        if self._claim():
            self._run()

    def result(self) -> Any:
        """The job's result (its exception raised again): run here if nobody began it, else waited for.
        A job the second thread never reached (its queue cancelled) is run here too. While the second thread
        is at it, this thread runs the queue's next jobs not yet begun, the ones the checks ask for next, instead
        of waiting idle and then waiting again for each of those in turn (at 1M, as the command reads, 10
        rounds in random order: the reading 1.19 -> 1.09 s, the whole `concentration` 1.66 -> 1.58 s)."""
        if self._claim():
            self._run()
        else:
            while self._queue is not None and not self._done.is_set():
                other = next((j for j in self._queue if not j._claimed), None)
                if other is None:
                    break
                if other._claim():     # (else the second thread took it meanwhile: look again)
                    other._run()
            self._done.wait()
        if self._error is not None:
            raise self._error
        return self._result


def _counterparty_positions(t: Table, cp: np.ndarray, placeholders: bool, counterparties: pd.DataFrame,
                            cp_cells: Any) -> np.ndarray | None:
    """Each exposure's row in `counterparties` (-1: not there), or None when its ids are not unique. `cp`: the
    exposures' counterparty ids with the placeholders blanked (`placeholders`: there were some)."""
    own_cells = None if placeholders else t.arrow_cells("counterparty_id")
    if own_cells is not None and cp_cells is not None and len(cp_cells) == len(counterparties) \
            and arrow_ascending(cp_cells):
        # both sides as the reader's Arrow cells, the ids all different: Arrow's hash lookup on them
        found = t.ahead_result(("index_in", "counterparty_id"))
        return found if found is not None else _arrow_index_in(own_cells, cp_cells)
    cp_index = id_index(counterparties["counterparty_id"])
    if not cp_index.is_unique:
        return None
    # the reader's Arrow cells are these very ids when no placeholder was blanked
    from core.concentration.keys import positions_in  # noqa: PLC0415 - engine side, this path only

    return positions_in(cp, cp_index, own_cells)


def _counterparty_column(t: Table, blank: np.ndarray, cp_pos: np.ndarray | None,
                         counterparties: pd.DataFrame | None) -> np.ndarray:
    """The frame's counterparty_id column of a file whose cells stayed Arrow (`_parse_exposures_now`,
    `lazy`): the counterparties table's own string of each id found there (at `cp_pos`), the cell as read
    for one that is not (a problem said so), None where blank: a pointer per row, not a new string."""
    n = len(blank)
    if cp_pos is None or counterparties is None or not len(counterparties):
        out = np.asarray(t.get("counterparty_id").to_numpy(dtype=object), dtype=object).copy()
    else:
        out = object_take(counterparties["counterparty_id"].to_numpy(dtype=object), np.maximum(cp_pos, 0))
        unknown = np.flatnonzero((cp_pos < 0) & ~blank)
        if len(unknown):
            out[unknown] = t.texts("counterparty_id", unknown)
    if n:
        out[blank] = None
    return out


def _kept_rows(kpos: np.ndarray | None) -> Callable[[Any], Any]:
    """A function giving an array's rows at `kpos` (the rows kept in the frame), or the array itself (None)."""
    if kpos is None:
        return lambda a: a
    return lambda a: a[kpos]


def _ids_stay_arrow(t: Table, base: pd.DataFrame | None, allow_sales: bool) -> bool:
    """Whether the id columns are checked on the reader's Arrow cells and go into the frame from them: a plain
    CSV's cells kept (Table.lazy), and the file's rows alone (no known rows, no sales)."""
    return base is None and not allow_sales and all(c in t.lazy for c in _LAZY_ID_COLUMNS)


def _ids_ascending(t: Table) -> bool:
    """Whether the reader's exposure_id cells are strictly ascending (so all different), as found ahead."""
    found = t.ahead_result(("ascending", "exposure_id"))
    return bool(found) if found is not None else arrow_ascending(t.arrow_cells("exposure_id"))


def _id_cells(t: Table, lazy: bool) -> tuple[Any, Any]:
    """The exposure_id and parent_exposure_id cells: object arrays, or the reader's Arrow cells as they are
    (`ArrowTexts`, a cell made a Python string only when a problem names it) when they stayed Arrow (`lazy`)."""
    if lazy:
        return ArrowTexts(t.lazy["exposure_id"]), ArrowTexts(t.lazy["parent_exposure_id"])
    return t.get("exposure_id").to_numpy(dtype=object), t.get("parent_exposure_id").to_numpy(dtype=object)


def _counterparty_cells(t: Table, lazy: bool) -> tuple[Any, np.ndarray]:
    """(the counterparty_id cells with the placeholder UNKNOWN blanked, where it was): an object array, or the
    reader's Arrow cells as they are (`ArrowTexts`) when they stayed Arrow (`lazy`) and hold no placeholder,
    which is looked for in Arrow's cells first (usually there is none, and no string is compared)."""
    cp_arrow = t.arrow_cells("counterparty_id")
    if cp_arrow is not None and not _arrow_any_equal(cp_arrow, UNKNOWN):
        none = np.zeros(t.n, dtype=bool)
        return (ArrowTexts(cp_arrow) if lazy else t.get("counterparty_id").to_numpy(dtype=object).copy()), none
    cp = t.get("counterparty_id").to_numpy(dtype=object).copy()
    placeholder = cp == UNKNOWN
    cp[placeholder] = ""
    return cp, placeholder


def _instrument_cells(t: Table, P: Problems, holding: np.ndarray, blank: np.ndarray, lazy: bool) -> np.ndarray | None:
    """The instrument_id cells as an object array (a blank holding's reported missing_value); None when they
    stayed Arrow (`lazy`: the frame takes them as read, `_lazy_id_columns`)."""
    if lazy:
        P.where("missing_value", t, blank & holding, "instrument_id")
        return None
    return _required_text(t, "instrument_id", P, where=holding)


def _keep_codes(t: Table, frame: pd.DataFrame, member_codes: tuple | None) -> tuple | None:
    """Hand the engine the codes found from the reader's cells while checking them, for the frame's columns as
    they are (build_aggregates hashes them otherwise): the instruments' and asset classes' found ahead (the
    file's rows alone), and `member_codes`, the member cells' (when the member column was built from them).
    Returns the asset classes' codes handed over (`_asset_class_codes`), or None."""
    try:
        found = t.ahead_result(("codes", "asset_class"))
    except Exception:  # noqa: BLE001 - a failure here only means the engine encodes them itself
        found = None
    if found is not None and len(found[0]) == len(frame):
        remember_positions("asset_class_codes", found[0], ((frame, ("asset_class",)),), found[1])
    else:
        found = None
    # the instruments' codes are still being worked out in the other thread: not waited for here, so that
    # the last checks (limits, the cross-file warnings) run beside that job (keys.remember_codes_later;
    # the import waits for it when it shuts the thread down, `_let_go`)
    later = t.ahead.pop(("codes", "instrument_id"), None)
    if later is not None and t.n == len(frame):
        remember_codes_later("instrument_codes", later, ((frame, ("instrument_id",)),))
    if member_codes is not None and len(member_codes[0]) == len(frame):
        # (the holdings' cells are their members as long as the parents are as read: both columns checked)
        remember_positions("member_codes", member_codes[0], ((frame, ("member_id", "parent_exposure_id")),),
                           member_codes[1])
    return found


def _asset_class_codes(cells: Any, found: tuple[np.ndarray, np.ndarray] | None = None
                       ) -> tuple[np.ndarray, np.ndarray]:
    """`pd.factorize(frame["asset_class"], sort=True)` from the reader's cells: the frame holds each cell's
    canonical class (None for a blank or unknown one, `_choices`); codes (-1 for None) into the classes
    present, in code-point order. `found`: the cells' `text_codes`, when already worked out."""
    codes, uniques = found if found is not None else text_codes(None, cells)
    canonical = [ASSET_CLASS_ALIASES.get(norm_header(u)) for u in uniques]
    classes = sorted({c for c in canonical if c is not None})
    at = {c: i for i, c in enumerate(classes)}
    renumber = np.array([-1 if c is None else at[c] for c in canonical], dtype=np.int64)
    return (renumber[codes] if len(renumber) else np.full(len(codes), -1, dtype=np.int64),
            np.array(classes, dtype=object))


def _member_cells(t: Table, P: Problems, holding: np.ndarray, lazy: bool) -> tuple[np.ndarray, tuple | None]:
    """The member_id cells (object array; a blank holding's reported missing_value) and their codes when the
    reader's Arrow cells were encoded ((codes, distinct ids), else None). `lazy`: the cells stayed Arrow;
    then each row points at its member's one string (a few distinct ones), no string made per row."""
    member_codes = t.ahead_result(("codes", "member_id"))
    if not lazy:
        return _required_text(t, "member_id", P, where=holding), member_codes
    P.where("missing_value", t, t.blank("member_id") & holding, "member_id")
    if member_codes is None:
        member_codes = text_codes(None, t.lazy["member_id"])
    return object_take(member_codes[1], member_codes[0]), member_codes


def _lazy_id_columns(t: Table, instrument_blank: np.ndarray, named_parent: np.ndarray,
                     ppos: np.ndarray | None) -> dict[str, pd.Series]:
    """The frame's exposure_id, instrument_id and parent_exposure_id of a file whose cells stayed Arrow: the
    first two as the Arrow text read (model.ARROW_TEXT_COLUMNS, NaN for a blank instrument), the parents as
    `_parent_column` gives them."""
    return {"exposure_id": arrow_text_series(t.lazy["exposure_id"]),
            "instrument_id": arrow_text_series(t.lazy["instrument_id"], instrument_blank),
            "parent_exposure_id": _obj_series(_parent_column(t, named_parent, ppos))}


def _parent_column(t: Table, named: np.ndarray, ppos: np.ndarray | None) -> np.ndarray:
    """The frame's parent_exposure_id column of a file whose cells stayed Arrow (`_parse_exposures_now`,
    `lazy`): None for a holding; for an underlying the id of the row it names (at `ppos`), one Python string
    per distinct holding shared by its underlyings; the cell as read where no row has that id."""
    out = np.full(len(named), None, dtype=object)
    if ppos is None or not named.any():
        return out
    at = np.flatnonzero(named & (ppos >= 0))
    if len(at):
        heads, which = np.unique(ppos[at], return_inverse=True)
        out[at] = ArrowTexts(t.lazy["exposure_id"])[heads][which.reshape(-1)]
    unknown = np.flatnonzero(named & (ppos < 0))
    if len(unknown):
        out[unknown] = t.texts("parent_exposure_id", unknown)
    return out


def _shared_ids(cp: np.ndarray, cp_pos: np.ndarray | None, counterparties: pd.DataFrame | None) -> np.ndarray:
    """`cp` (the exposures' counterparty ids, None where blank) with each id found in `counterparties` (at
    `cp_pos`, -1: not there) replaced by that table's own string object: equal texts (found by exact match),
    but 200,000 strings instead of a million read ones of about 57 bytes each (some 45 MB less at a million
    exposures, all through the import)."""
    if cp_pos is None or counterparties is None:
        return cp
    hit = (cp_pos >= 0) & pd.notna(cp)
    cp[hit] = counterparties["counterparty_id"].to_numpy(dtype=object)[cp_pos[hit]]
    return cp


# the exposure columns whose Arrow cells `_parse_exposures_now` checks without making them Python strings (the
# first two go into the frame as Arrow text, model.ARROW_TEXT_COLUMNS; the others as shared Python strings)
_LAZY_ID_COLUMNS = ("exposure_id", "member_id", "counterparty_id", "instrument_id", "parent_exposure_id")


def _parse_exposures_now(t: Table, P: Problems, member_ids: set | None, cp_ids: set | None,
                         base: pd.DataFrame | None, allow_sales: bool, counterparties: pd.DataFrame | None,
                         cp_cells: Any, facts: dict) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """`_parse_exposures` once the checks on Arrow cells are started ahead (their results in `t.ahead`)."""
    n = t.n
    # a plain CSV's cells kept as Arrow (Table.lazy), the file's rows alone (no known rows, no sales): the id
    # columns are checked on the Arrow cells and go into the frame as they are (model.ARROW_TEXT_COLUMNS);
    # no Python string is made of a million ids, only of the cells a problem names
    lazy = _ids_stay_arrow(t, base, allow_sales)
    ids, parent = _id_cells(t, lazy)
    blank_id = t.blank("exposure_id")
    P.where("missing_value", t, blank_id, "exposure_id")
    fen, amount_ok, _ = _amounts(t, "amount", P, negative=None)
    base_ids = base["exposure_id"].to_numpy(dtype=object) if base is not None else np.zeros(0, dtype=object)
    nb = len(base_ids)
    in_base = isin(ids, base_ids) & ~blank_id if nb else np.zeros(n, dtype=bool)
    negative = amount_ok & (fen < 0)

    sales = None
    is_sale = np.zeros(n, dtype=bool)
    if allow_sales:
        is_sale = negative & in_base
        P.where("sale_of_unknown_holding", t, negative & ~in_base, "exposure_id")
        sales = _sales(t, P, ids, fen, is_sale, base)
    else:
        P.where("negative_amount", t, negative, "amount")
    P.where("already_known", t, in_base & ~is_sale, "exposure_id")
    keep = ~is_sale
    all_kept = not is_sale.any()

    # unique ids among the new rows (an Index over them, when it is the whole column, also serves the
    # parent lookups below: its hash table is built once)
    cand = keep & ~blank_id
    index = None
    own_unique = False
    if nb == 0 and all_kept and not blank_id.any():
        own_unique = _ids_ascending(t)      # written in order: no hashing at all
        if own_unique:
            unique = True
        else:
            ids = np.asarray(ids, dtype=object)     # hashed: as Python strings (Arrow's cells converted)
            index = id_index(ids)
            unique = bool(index.is_unique)
    else:
        unique = False
    if not unique:
        s = pd.Series(ids, index=t.cells.index, dtype=object)
        dup, firsts = first_rows_of_duplicates(s[cand])
        if dup.any():
            m = np.zeros(n, dtype=bool)
            m[np.flatnonzero(cand)[dup]] = True
            P.where("duplicate_id", t, m, "exposure_id", details=[{"first_row": int(r)} for r in firsts])

    has_parent_text = ~t.blank("parent_exposure_id")
    under = has_parent_text & keep
    holding = ~has_parent_text & keep

    blank_member = t.blank("member_id")
    member, member_codes = _member_cells(t, P, holding, lazy)
    if member_ids is not None:
        P.where("unknown_member", t, keep & ~blank_member & _not_in(member, member_ids, t.arrow_cells("member_id"),
                                                                    member_codes),
                "member_id")
    cp, placeholder = _counterparty_cells(t, lazy)
    cp_blank = t.blank("counterparty_id") | placeholder
    cp_pos = None
    if counterparties is not None:
        cp_pos = _counterparty_positions(t, cp, bool(placeholder.any()), counterparties, cp_cells)
        if cp_pos is not None:
            unknown_cp = cp_pos < 0
        else:
            cp_ids = set(counterparties["counterparty_id"]) - {""}
    if cp_ids is not None and cp_pos is None:
        unknown_cp = _not_in(np.asarray(cp, dtype=object), cp_ids)
    if cp_ids is not None or cp_pos is not None:
        P.where("unknown_counterparty", t, keep & ~cp_blank & unknown_cp, "counterparty_id")
    instrument_blank = t.blank("instrument_id")
    instrument = _instrument_cells(t, P, holding, instrument_blank, lazy)
    asset_class = _choices(t, "asset_class", P, ASSET_CLASS_ALIASES, ASSET_CLASSES, required_where=holding)
    overseas = _bools(t, "overseas", P)
    on_balance = _bools(t, "on_balance", P, default=True)
    ex_single = _bools(t, "exempt_single_asset", P)
    ex_cp = _bools(t, "exempt_counterparty", P)
    ex_ac = _bools(t, "exempt_asset_class", P)

    # look-through structure over known + new rows
    if nb == 0 and all_kept:
        all_ids = ids
        all_parent = parent
        all_fen = np.where(amount_ok, fen, 0)
        all_member = member
    else:
        index = None
        all_ids = np.concatenate([base_ids, np.where(keep, ids, None)])
        all_parent = np.concatenate([
            base["parent_exposure_id"].to_numpy(dtype=object) if base is not None else np.zeros(0, dtype=object),
            np.where(under, parent, None)])
        all_fen = np.concatenate([base["amount_fen"].to_numpy(dtype=np.int64) if base is not None
                                  else np.zeros(0, np.int64),
                                  np.where(keep & amount_ok, fen, 0)])
        all_member = np.concatenate([base["member_id"].to_numpy(dtype=object) if base is not None
                                     else np.zeros(0, dtype=object),
                                     member])
    if len(all_fen) and exact_total(np.abs(all_fen)) > FEN_MAX:
        # every sum the engine makes (by key, scope, dimension) is a part of this one: refused here, it
        # can never overflow int64 there (two holdings near the maximum used to make a group vanish)
        P.at("amounts_total_too_large", t, None, "amount", _yuan(exact_total(all_fen)), max=_yuan(FEN_MAX))
    filled_member = member
    ppos = None
    has_child = None
    if under.any():
        ppos = _exposure_parent_positions(t, all_ids, all_parent, index, own_unique and nb == 0 and all_kept,
                                          under if nb == 0 and all_kept else None)
        new_ppos = ppos[nb:]
        unknown_parent = under & (new_ppos < 0)
        P.where("unknown_parent_exposure", t, unknown_parent, "parent_exposure_id")
        root, stuck = _report_cycles(t, P, ppos, all_ids, nb, "parent_exposure_id", "look_through_cycle")
        # the member of an underlying is its holding's
        root_new = root[nb:]
        good = under & ~stuck[nb:] & (new_ppos >= 0)
        gpos = np.flatnonzero(good)
        root_member = all_member[root_new[gpos]]
        mismatch_g = (member[gpos] != "") & (member[gpos] != root_member)
        if mismatch_g.any():
            mismatch = np.zeros(n, dtype=bool)
            mismatch[gpos[mismatch_g]] = True
            P.where("underlying_member_mismatch", t, mismatch, "member_id",
                    details=[{"holding": all_ids[root_new[i]], "holding_member": all_member[root_new[i]]}
                             for i in np.flatnonzero(mismatch)])
        filled_member = member if lazy else member.copy()      # (lazy: made from the codes, not the table's)
        filled_member[gpos] = root_member
        blank_member = blank_member.copy()
        blank_member[gpos] = root_member == ""
        # underlyings must not add up to more than their parent (at every level)
        child = np.flatnonzero(ppos >= 0)
        if len(child):
            cpar = ppos[child]
            sums = np.zeros(len(ppos), dtype=np.int64)
            np.add.at(sums, cpar, all_fen[child])
            has_child = np.zeros(len(ppos), dtype=bool)
            has_child[cpar] = True
            par = np.flatnonzero(has_child & (sums > all_fen))
            for p in par.tolist():
                total = sums[p]
                detail = {"total": _yuan(total), "holding_amount": _yuan(all_fen[p]), "holding": all_ids[p]}
                if p >= nb:
                    i = p - nb
                    P.at("underlyings_exceed_holding", t, int(t.rows[i]), "amount", t.texts("amount", [i])[0], **detail)
                else:
                    i = int(np.flatnonzero(new_ppos == p)[0])
                    P.at("underlyings_exceed_holding", t, int(t.rows[i]), "parent_exposure_id", all_ids[p], **detail)

    k = _kept_rows(None if allow_sales or all_kept else np.flatnonzero(keep))
    kfen = k(fen)
    if lazy:
        cp_kept = _counterparty_column(t, cp_blank, cp_pos, counterparties)
        member_kept = filled_member          # (made here, from the member codes: not the table's cells)
        member_kept[blank_member] = None
        id_columns = _lazy_id_columns(t, instrument_blank, has_parent_text, ppos)
    else:
        cp_kept = _shared_ids(_none_where(k(cp), k(cp_blank)), None if cp_pos is None else k(cp_pos), counterparties)
        member_kept = _none_where(k(filled_member), k(blank_member))
        id_columns = {"exposure_id": text_series(k(ids)),
                      "instrument_id": text_series(_none_where(k(instrument), k(instrument_blank))),
                      "parent_exposure_id": _obj_series(_none_where(k(parent), ~k(has_parent_text)))}
    frame = pd.DataFrame({
        "exposure_id": id_columns["exposure_id"],
        "member_id": _obj_series(member_kept),
        "counterparty_id": _obj_series(cp_kept),
        "instrument_id": id_columns["instrument_id"],
        "asset_class": _obj_series(k(asset_class)),
        "overseas": k(overseas), "on_balance": k(on_balance),
        "amount_fen": kfen if kfen.dtype == np.int64 else kfen.astype(np.int64), "amount": kfen / 100.0,
        "parent_exposure_id": id_columns["parent_exposure_id"],
        "exempt_single_asset": k(ex_single), "exempt_counterparty": k(ex_cp),
        "exempt_asset_class": k(ex_ac),
    }, copy=False)
    asset_codes = _keep_codes(t, frame, member_codes if lazy else None)
    if nb == 0 and all_kept:
        _keep_facts(facts, n, has_child, member_codes, ~has_parent_text, asset_codes, cp_pos)
    if nb == 0 and all_kept and (ppos is not None or cp_pos is not None):
        # what build_aggregates would look up again: kept for it (see keys.remember_positions)
        if ppos is not None:
            remember_positions("parent_pos", ppos, ((frame, ("exposure_id", "parent_exposure_id")),))
        if cp_pos is not None:
            remember_positions("cp_pos", cp_pos, ((frame, ("counterparty_id",)),
                                                  (counterparties, ("counterparty_id",))))
    return frame, sales


def _sales(t: Table, P: Problems, ids: np.ndarray, fen: np.ndarray, is_sale: np.ndarray,
           base: pd.DataFrame) -> pd.DataFrame:
    pos = np.flatnonzero(is_sale)
    empty = pd.DataFrame({"exposure_id": pd.Series([], dtype=object), "amount_fen": np.zeros(0, np.int64),
                          "amount": np.zeros(0, float)})
    if not len(pos):
        return empty
    b = base.set_index("exposure_id")
    sid = ids[pos]
    sold = -fen[pos]
    held = b["amount_fen"].reindex(sid).to_numpy(dtype=np.int64)
    is_under = b["parent_exposure_id"].reindex(sid).notna().to_numpy()
    m = np.zeros(len(ids), dtype=bool)
    m[pos[is_under]] = True
    P.where("sale_of_underlying", t, m, "exposure_id")
    cum = pd.Series(sold).groupby(sid).cumsum().to_numpy()
    over = (cum > held) & ~is_under
    first_over = over & ~pd.Series(over).groupby(sid).cumsum().gt(1).to_numpy() & over
    for i in np.flatnonzero(first_over):
        total = pd.Series(sold)[sid == sid[i]].sum()
        P.at("sale_exceeds_holding", t, int(t.rows[pos[i]]), "amount", t.texts("amount", [pos[i]])[0],
             sold=_yuan(total), held=_yuan(held[i]), holding=sid[i])
    agg = pd.Series(sold).groupby(sid, sort=False).sum()
    out = pd.DataFrame({"exposure_id": pd.Series(agg.index.to_numpy(), dtype=object),
                        "amount_fen": agg.to_numpy(dtype=np.int64)})
    out["amount"] = out["amount_fen"] / 100.0
    return out[list(SALE_COLUMNS)]


# ==================================================================================================
# limits.csv


def _parse_limits(t: Table | None, P: Problems, members: pd.DataFrame | None, group: GroupInfo | None,  # noqa: C901 - one check per column, in file order
                  group_solvency_known: bool = True) -> pd.DataFrame | None:
    if t is None:
        return None
    n = t.n
    ids = _ids(t, "limit_id", P)
    dims = _choices(t, "dimension", P, DIMENSION_ALIASES, DIMENSIONS)
    basis = _choices(t, "basis", P, BASIS_ALIASES, BASES)
    rules = _choices(t, "rule", P, RULE_ALIASES, RULES, required=False)
    member_ids = set(members["member_id"]) if members is not None else None
    solvent = ({m for m, s in zip(members["member_id"], members["solvency_ratio"]) if s is not None}
               if members is not None else None)
    scope_raw = t.get("scope").to_numpy(dtype=object)
    key_raw = t.get("key").to_numpy(dtype=object)
    parent_raw = t.get("parent_limit_id").to_numpy(dtype=object)
    scopes: list[Any] = []
    keys: list[Any] = []
    warnings: list[Any] = []
    limits: list[Any] = []
    for i in range(n):
        row = int(t.rows[i])
        # scope
        sc = scope_raw[i]
        if sc == "":
            P.at("missing_value", t, row, "scope")
            scope = None
        elif norm_header(sc) in SCOPE_GROUP_ALIASES:
            scope = GROUP_SCOPE
        else:
            scope = sc
            if member_ids is not None and sc not in member_ids:
                P.at("unknown_scope", t, row, "scope", sc)
        scopes.append(scope)
        # key
        k = key_raw[i]
        if k == "":
            key = None
        elif norm_header(k) in KEY_ALL_ALIASES:
            key = ALL_KEYS
        elif dims[i] == "asset_class":
            key = ASSET_CLASS_ALIASES.get(norm_header(k))
            if key is None:
                P.at("unknown_choice", t, row, "key", k, choices=", ".join(ASSET_CLASSES))
        elif dims[i] == "overseas":
            key = OVERSEAS_KEY_ALIASES.get(norm_header(k))
            if key is None:
                P.at("unknown_choice", t, row, "key", k, choices="overseas, domestic")
        else:
            key = k
        keys.append(key)
        # basis fits the dimension
        if dims[i] is not None and basis[i] is not None and basis[i] not in BASES_FOR[dims[i]]:
            P.at("basis_not_for_dimension", t, row, "basis", t.get("basis").iat[i], dimension=dims[i],
                 choices=", ".join(BASES_FOR[dims[i]]))
        # ratios
        w = _ratio(t, "warning", P, i, required=rules[i] is None)
        lim = _ratio(t, "limit", P, i, required=rules[i] is None)
        if w is not None and lim is not None and w > lim:
            P.at("warning_above_limit", t, row, "warning", t.get("warning").iat[i], limit=t.get("limit").iat[i])
        if rules[i] is not None and lim is None and scope is not None:
            has = (group is not None and group.solvency_ratio is not None) if scope == GROUP_SCOPE else (
                solvent is None or scope in solvent or (member_ids is not None and scope not in member_ids))
            if scope == GROUP_SCOPE and group is None and group_solvency_known:
                has = True          # group.csv unreadable: already reported there
            if not has:
                P.at("rule_needs_solvency_ratio", t, row, "rule", t.get("rule").iat[i], scope=scope)
        warnings.append(w)
        limits.append(lim)
    # parent limits
    index = {}
    for i in range(n):
        if ids[i] != "" and ids[i] not in index:
            index[ids[i]] = i
    for i in range(n):
        p = parent_raw[i]
        if p == "":
            continue
        row = int(t.rows[i])
        j = index.get(p)
        if j is None:
            P.at("unknown_parent_limit", t, row, "parent_limit_id", p)
            continue
        if scopes[i] == GROUP_SCOPE:
            P.at("parent_limit_on_group_scope", t, row, "parent_limit_id", p)
        if scopes[j] is not None and scopes[j] != GROUP_SCOPE:
            P.at("parent_limit_not_group", t, row, "parent_limit_id", p, parent_scope=scopes[j])
        if dims[i] is not None and dims[j] is not None and dims[i] != dims[j]:
            P.at("parent_limit_other_dimension", t, row, "parent_limit_id", p, mine=dims[i], theirs=dims[j])
        elif keys[i] != keys[j]:
            P.at("parent_limit_other_key", t, row, "parent_limit_id", p,
                 mine=keys[i] if keys[i] is not None else "", theirs=keys[j] if keys[j] is not None else "")
    frame = pd.DataFrame({
        "limit_id": pd.Series(ids, dtype=object),
        "name": pd.Series(_none_if_blank(t.get("name").to_numpy(dtype=object)), dtype=object),
        "dimension": pd.Series(dims, dtype=object), "scope": pd.Series(scopes, dtype=object),
        "key": pd.Series(keys, dtype=object), "basis": pd.Series(basis, dtype=object),
        "warning": pd.Series(warnings, dtype=object), "limit": pd.Series(limits, dtype=object),
        "parent_limit_id": pd.Series(_none_if_blank(parent_raw), dtype=object),
        "rule": pd.Series(rules, dtype=object),
    }, index=pd.RangeIndex(n))
    return frame[list(LIMIT_COLUMNS)]


# ==================================================================================================
# business.csv


def _parse_business(t: Table | None, P: Problems, member_ids: set | None) -> pd.DataFrame | None:
    if t is None:
        return None
    member = _required_text(t, "member_id", P)
    if member_ids is not None:
        P.where("unknown_member", t, (member != "") & ~isin(member, member_ids), "member_id")
    kind = _choices(t, "kind", P, BUSINESS_KIND_ALIASES, ("premium", "ceded"))
    fen, _, _ = _amounts(t, "amount", P)
    if exact_total(np.abs(fen)) > FEN_MAX:
        P.at("amounts_total_too_large", t, None, "amount", _yuan(exact_total(fen)), max=_yuan(FEN_MAX))
    frame = pd.DataFrame({
        "member_id": pd.Series(member, dtype=object), "kind": pd.Series(kind, dtype=object),
        "customer_id": pd.Series(_none_if_blank(t.get("customer_id").to_numpy(dtype=object)), dtype=object),
        "line": pd.Series(_none_if_blank(t.get("line").to_numpy(dtype=object)), dtype=object),
        "region": pd.Series(_none_if_blank(t.get("region").to_numpy(dtype=object)), dtype=object),
        "reinsurer_id": pd.Series(_none_if_blank(t.get("reinsurer_id").to_numpy(dtype=object)), dtype=object),
        "amount_fen": fen, "amount": fen / 100.0,
    })
    return frame[list(BUSINESS_COLUMNS)]


# ==================================================================================================
# Cross-file warnings


def _reconcile(tables: dict[str, Table | None], P: Problems, group: GroupInfo | None,
               members: pd.DataFrame | None, exposures: pd.DataFrame | None, facts: dict | None = None) -> None:
    """Cross-file warnings: group vs members' total assets, holdings vs total assets. `facts`: see
    `_parse_exposures` (the member codes spare a hash pass over the member ids)."""
    mt = tables["members"]
    if members is None or mt is None:   # (members are parsed from their table)
        return
    if group is not None and len(members):
        total = int(members["total_assets_fen"].sum())
        g = group.total_assets_fen
        gt = tables["group"]
        if 5 * abs(g - total) > abs(g) and gt is not None:
            P.at("group_total_mismatch", gt, int(gt.rows[0]), "total_assets", gt.get("total_assets").iat[0],
                 WARNING, members_total=_yuan(total), tolerance="20%")
    if exposures is not None and len(exposures):
        on_balance = exposures["on_balance"].to_numpy(dtype=bool)
        parentless = _fact(facts, "parentless", len(on_balance))
        if parentless is not None:
            held = on_balance & parentless          # (no pass over the parents' cells again)
        else:
            held = on_balance.copy()
            pos = np.flatnonzero(held)
            held[pos] = exposures["parent_exposure_id"].isna().to_numpy()[pos]
        amounts = exposures["amount_fen"].to_numpy()[held]
        # each member's on-balance holdings, exact (Python ints), from one hash pass over the member ids
        coded = (facts or {}).get("member_codes")
        if coded is not None and len(coded[0]) == len(held):
            # the holdings' own member ids (an underlying's is filled in, but it is never held) by their codes
            per_member = _sums_by_codes(coded[0][held], coded[1], amounts)
        else:
            per_member = exact_sums_by(exposures["member_id"].to_numpy(dtype=object)[held], amounts)
        _plausibility(tables, P, group, members, amounts, per_member)
        ta: dict[Any, int] = {}
        for m, v in zip(members["member_id"].to_numpy(), members["total_assets_fen"].tolist()):
            ta.setdefault(m, int(v))
        # above 150% the plausibility warning (a unit?) says it, with the likely cause
        over = [m for m in sorted(per_member) if m in ta and ta[m] < per_member[m] and 2 * per_member[m] <= 3 * ta[m]]
        rows = members.attrs.get("rows")
        for m in over:
            i = int(np.flatnonzero(members["member_id"].to_numpy() == m)[0])
            P.at("holdings_exceed_total_assets", mt, int(rows[i]) if rows is not None else None, "total_assets",
                 mt.get("total_assets").iat[i], WARNING, member=m, holdings=_yuan(per_member[m]))


def _member_products(t: Table | None, P: Problems, exposures: pd.DataFrame | None,
                     counterparties: pd.DataFrame | None, facts: dict | None = None) -> None:
    """Warn about every `other_financial` holding on a group member that has no underlyings at all.

    The engine eliminates it at group scope as a claim on the member (docs/interfaces.md, `group_member`); if it
    is in fact a product the member manages (an asset-management product, a fund), the member is not its
    obligor and what it holds vanishes from the group's figures: its underlyings should be given. `exposures`
    is the parsed frame of `t`, row for row (sale rows included, as `_parse_exposures` keeps them);
    `facts`: what `_parse_exposures` found of its rows (`_keep_facts`), when it did: not worked out again."""
    if t is None or exposures is None or counterparties is None or not len(exposures):
        return
    if "group_member" not in counterparties.columns:
        return
    members = counterparties[counterparties["group_member"].notna()]
    if not len(members):
        return
    member_of = dict(zip(members["counterparty_id"].astype(str), members["group_member"].astype(str)))
    cp = exposures["counterparty_id"].to_numpy(dtype=object)
    n = len(exposures)
    asset_codes, parentless, cp_pos, has_children = (_fact(facts, name, n) for name in (
        "asset_codes", "parentless", "cp_pos", "has_children"))
    # the cheap tests on every row first, the others on the rows left (a few in a hundred) only
    if asset_codes is not None:
        codes, classes = asset_codes
        of = codes == (list(classes).index("other_financial") if "other_financial" in set(classes) else -2)
    else:
        of = exposures["asset_class"].to_numpy(dtype=object) == "other_financial"
    mask = (exposures["amount_fen"].to_numpy() > 0) & of
    pos = np.flatnonzero(mask)
    # (the id columns looked at on these rows only: an Arrow-backed column is not made a million strings)
    if parentless is not None:
        mask[pos] = parentless[pos]
    else:
        mask[pos] = exposures["parent_exposure_id"].iloc[pos].isna().to_numpy()
    pos = np.flatnonzero(mask)
    if cp_pos is not None:      # the counterparty rows found for them: the members' rows among those
        mask[pos] = np.isin(cp_pos[pos], np.flatnonzero(counterparties["group_member"].notna().to_numpy()))
    else:
        mask[pos] = pd.Series(cp[pos], dtype=object).isin(list(member_of)).to_numpy()
    if not mask.any():
        return
    pos = np.flatnonzero(mask)
    ids = np.full(len(mask), None, dtype=object)
    ids[pos] = exposures["exposure_id"].iloc[pos].to_numpy(dtype=object)
    # it has underlyings: a vehicle
    if has_children is not None:
        mask[pos[has_children[pos]]] = False
    else:       # the candidates looked up among the parents named, in one hash pass
        parent_col = exposures["parent_exposure_id"].to_numpy(dtype=object)
        mask[pos[isin(np.array([str(ids[p]) for p in pos], dtype=object),
                      np.asarray(parent_col[pd.notna(parent_col)], dtype=object))]] = False
    pos = np.flatnonzero(mask)
    P.where("member_product_without_underlyings", t, mask, "counterparty_id", severity=WARNING,
            details=[{"member": member_of[str(cp[p])], "exposure": str(ids[p])} for p in pos])


PLAUSIBLE_LOW, PLAUSIBLE_HIGH = Decimal("0.05"), Decimal("1.5")   # docs/interfaces.md: holdings vs total assets


def _fact(facts: dict | None, name: str, n: int) -> Any:
    """The fact kept under `name` (`_keep_facts`) when it is there and row for row with a frame of n rows."""
    found = (facts or {}).get(name)
    if found is None or len(found[0] if isinstance(found, tuple) else found) != n:
        return None
    return found


def _keep_facts(facts: dict, n: int, has_child: np.ndarray | None, member_codes: tuple | None,
                parentless: np.ndarray, asset_codes: tuple | None, cp_pos: np.ndarray | None) -> None:
    """What the cross-file warnings would work out again (see `_parse_exposures`), for the file's n rows, each
    row for row with the frame: `parentless`, the rows whose parent_exposure_id is None; `asset_codes`, the
    asset classes' codes (`_asset_class_codes`); `cp_pos`, each row's counterparty row (-1: none)."""
    facts["has_children"] = has_child if has_child is not None else np.zeros(n, dtype=bool)
    facts["parentless"] = parentless
    if member_codes is not None:
        facts["member_codes"] = member_codes
    if asset_codes is not None:
        facts["asset_codes"] = asset_codes
    if cp_pos is not None:
        facts["cp_pos"] = cp_pos


def _sums_by_codes(codes: np.ndarray, uniques: np.ndarray, fen: np.ndarray) -> dict:
    """`exact_sums_by` for keys given as codes into `uniques` (a blank key left out, as a missing one is)."""
    a = np.asarray(fen, dtype=np.int64)
    k = len(uniques)
    # the high and low 32-bit halves summed apart: each half-sum of fewer than 2**20 rows is an integer below
    # 2**53, which bincount's float64 holds exactly (np.add.at is several times slower); exact_total else
    if len(a) < 2 ** 20:
        hi = np.rint(np.bincount(codes, weights=(a >> 32).astype(np.float64), minlength=k)).astype(np.int64)
        lo = np.rint(np.bincount(codes, weights=(a & 0xFFFFFFFF).astype(np.float64), minlength=k)).astype(np.int64)
    else:
        hi = np.zeros(k, dtype=np.int64)
        lo = np.zeros(k, dtype=np.int64)
        np.add.at(hi, codes, a >> 32)
        np.add.at(lo, codes, a & 0xFFFFFFFF)
    present = np.bincount(codes, minlength=k) > 0
    return {uniques[j]: (int(hi[j]) << 32) + int(lo[j]) for j in np.flatnonzero(present).tolist()
            if uniques[j] is not None and uniques[j] != ""}


def _plausibility(tables: dict[str, Table | None], P: Problems, group: GroupInfo | None, members: pd.DataFrame,
                  amounts: np.ndarray, per_member: dict) -> None:
    """Warn when a scope's on-balance holdings are below 5% or above 150% of its total assets: the figures
    are then almost surely in different units (amounts in 万元 read as 元, or the reverse). Exact: Python
    integers (a sum of int64 fen may not fit int64)."""
    def check(table: Table, pos: int, scope: str, holdings: int, total: int) -> None:
        if total > 0 and PLAUSIBLE_LOW * total <= holdings <= PLAUSIBLE_HIGH * total:
            return
        share = "-" if total <= 0 else f"{Decimal(holdings) / Decimal(total) * 100:,.2f}%"
        small = total > 0 and holdings < PLAUSIBLE_LOW * total
        P.at("holdings_far_below_total_assets" if small else "holdings_far_above_total_assets", table,
             int(table.rows[pos]), "total_assets", _yuan(total), WARNING, scope=scope, holdings=_yuan(holdings),
             share=share, low="5%", high="150%")

    gt = tables.get("group")
    if group is not None and gt is not None:
        check(gt, 0, "group", exact_total(amounts), group.total_assets_fen)
    mt = tables["members"]
    if mt is None or mt.n != len(members):
        return
    for i, (m, total) in enumerate(zip(members["member_id"].to_numpy(), members["total_assets_fen"].tolist())):
        if m in per_member:
            check(mt, i, str(m), per_member[m], int(total))


# ==================================================================================================
# Public API


def load_group_data(path: Any, header_rows: dict[str, int] | None = None, content_hash: bool = True) -> ImportResult:
    """Read and validate a data folder or workbook; every problem is collected, none raised. `header_rows`:
    {file or sheet: spreadsheet row} where the officer says a header is (else it is found). `content_hash`:
    whether `data.meta["content_sha256"]` is worked out (what an import stores and compares); a caller that
    stores nothing (the `concentration` command) need not hash the files (then it is None)."""
    P = Problems()
    p = Path(path)
    src = _Source(p, P, header_rows, keep_contents=content_hash)
    if not src.valid:
        src.close()
        return ImportResult(None, P.items)
    try:
        tables = {name: src.table(name, required=name in REQUIRED_FILES) for name in SPECS}
        src.unused_header_rows()
    finally:
        src.close()
    try:
        return _checked_data(p, tables, P, src.content_sha256 if content_hash and not P.has_errors else None)
    finally:
        release_arrow(tables.values())
        tables.clear()          # the tables' own Arrow columns (Table.lazy) go with them: memory returned
        memory.give_back_arrow()


def _checked_data(p: Path, tables: dict[str, Table | None], P: Problems, content_hash: Any) -> ImportResult:
    """`load_group_data` once the files are read: every table checked; `content_hash`: the function that
    hashes what was read (None when nothing will be stored: an error was found already)."""
    et, ct = tables["exposures"], tables["counterparties"]
    cp_cells = ct.arrow_cells("counterparty_id") if ct is not None else None
    # the exposures' checks on Arrow cells start now, so that the second thread has the counterparties'
    # checks to run beside too (the counterparties frame is row for row with its table: `ct.n` rows)
    ahead = _start_ahead(et, cp_cells, ct.n if ct is not None else -1) if et is not None else None
    # the hash of the bytes read, in a thread of its own from now on (hashing lets go of the GIL): queued
    # behind the checks ahead it was the last thing the import waited for (~0.1 s at 1M), while this thread
    # mostly waits for those checks' results and leaves the core time it needs
    hasher = ThreadPoolExecutor(max_workers=1) if content_hash is not None else None
    digest = hasher.submit(content_hash) if hasher is not None else None
    try:
        return _checked_tables(p, tables, P, digest, cp_cells)
    finally:
        if ahead is not None:
            _let_go(ahead, P)
        if hasher is not None:
            hasher.shutdown(wait=True, cancel_futures=True)


def _checked_tables(p: Path, tables: dict[str, Table | None], P: Problems, digest: Future | None,
                    cp_cells: Any) -> ImportResult:
    """`_checked_data` once the checks ahead are started."""
    group = _parse_group(tables["group"], P)
    members = _parse_members(tables["members"], P)
    member_ids = set(members["member_id"]) - {""} if members is not None else None
    counterparties = _parse_counterparties(tables["counterparties"], P, member_ids)
    facts: dict = {}
    exposures, _ = _parse_exposures(tables["exposures"], P, member_ids, None, counterparties=counterparties,
                                    cp_cells=cp_cells, facts=facts)
    limits = _parse_limits(tables["limits"], P, members, group, group_solvency_known=tables["group"] is not None)
    business = _parse_business(tables["business"], P, member_ids)
    if not P.has_errors:
        _reconcile(tables, P, group, members, exposures, facts)
        _member_products(tables["exposures"], P, exposures, counterparties, facts)
    _name_sources(P, tables)
    problems = _ordered(P.items)
    if any(x.is_error for x in problems) or group is None or members is None:   # (no error: both were read)
        return ImportResult(None, problems)
    members.attrs.pop("rows", None)
    content_sha256 = digest.result() if digest is not None else None
    data = GroupData(group=group, members=members, counterparties=counterparties, exposures=exposures,
                     limits=limits, business=business, source=str(p),
                     meta={"warnings": [x for x in problems if not x.is_error], "content_sha256": content_sha256})
    return ImportResult(data, problems)


# a reference looked up in another file: the problem names that file or sheet as the user's data calls it
_LOOKED_UP_IN = {"unknown_member": "members", "unknown_counterparty": "counterparties"}


def _name_sources(P: Problems, tables: dict[str, Table | None]) -> None:
    """Say in which file or sheet an unknown reference was looked up (`source`): a workbook's sheet as the
    user named it (``book.xlsx[成员公司]``), not the CSV folder's file name."""
    for i, x in enumerate(P.items):
        t = tables.get(_LOOKED_UP_IN.get(x.code, ""))
        if t is not None and "source" not in x.detail:
            P.items[i] = replace(x, detail={**x.detail, "source": t.label})


def read_group_data(path: Any) -> GroupData:
    """Like `load_group_data`, but raises `InputError` with every problem when there is any error."""
    result = load_group_data(path)
    if not result.ok or result.data is None:
        raise InputError(result.problems)
    return result.data


def _known_sets(known: GroupData) -> tuple[set, set]:
    return set(known.members["member_id"]), set(known.counterparties["counterparty_id"])


def _finish(P: Problems, frame: pd.DataFrame | None) -> tuple[list[InputProblem], pd.DataFrame]:
    """The file's problems and its frame; InputError when there is an error (a frame is None only then)."""
    problems = _ordered(P.items)
    if any(x.is_error for x in problems) or frame is None:
        raise InputError(problems)
    return problems, frame


def read_limits_file(path: Any, known: GroupData) -> pd.DataFrame:
    """`--limits`: a limits.csv that replaces the data's limits, validated against its members/group."""
    P = Problems()
    t = _read_single(path, "limits", P)
    frame = _parse_limits(t, P, known.members, known.group)
    warnings, frame = _finish(P, frame)
    frame.attrs["warnings"] = [x for x in warnings if not x.is_error]
    return frame


def read_extra_counterparties(path: Any, known: GroupData) -> pd.DataFrame:
    """`--add-counterparty`: new counterparties (columns of counterparties.csv), ids not yet known."""
    P = Problems()
    t = _read_single(path, "counterparties", P)
    members, _ = _known_sets(known)
    frame = _parse_counterparties(t, P, members, base=known.counterparties)
    release_arrow([t])
    del t                   # its own Arrow columns with it (see load_group_data)
    memory.give_back_arrow()
    warnings, frame = _finish(P, frame)
    frame.attrs["warnings"] = [x for x in warnings if not x.is_error]
    return frame


def read_extra_exposures(path: Any, known: GroupData) -> pd.DataFrame:
    """`--add-exposure`: new exposures (underlyings may hang under known holdings) and sales (a known
    holding's id with a negative amount). Pass `known` with any extra counterparties already merged."""
    P = Problems()
    t = _read_single(path, "exposures", P)
    members, cps = _known_sets(known)
    frame, sales = _parse_exposures(t, P, members, cps, base=known.exposures, allow_sales=True)
    if not P.has_errors:
        _member_products(t, P, frame, known.counterparties)
    release_arrow([t])
    del t
    memory.give_back_arrow()
    warnings, frame = _finish(P, frame)
    frame.attrs["warnings"] = [x for x in warnings if not x.is_error]
    frame.attrs["sales"] = sales
    return frame


def merge_extras(data: GroupData, counterparties: pd.DataFrame | None = None,
                 exposures: pd.DataFrame | None = None, limits: pd.DataFrame | None = None) -> GroupData:
    """A new GroupData with extra counterparties and exposures added and sales applied (by the engine's
    `core.concentration.additions.apply_additions`: pro-rata shrinking), limits replaced. Inputs come
    from the read_* functions above (already validated); warnings go to meta["warnings"]."""
    from core.concentration.additions import apply_additions  # noqa: PLC0415 - engine side, loaded late

    meta = dict(data.meta)
    warnings = list(meta.get("warnings", []))
    for extra in (counterparties, exposures, limits):
        if extra is not None:
            warnings += extra.attrs.get("warnings", [])
    if exposures is not None:
        sales = exposures.attrs.get("sales")
        if sales is not None and len(sales):
            meta["sales"] = sales
    cps = _plain(counterparties)
    exps = _plain(exposures)
    out = data
    if cps is not None or exps is not None:
        out = apply_additions(data, counterparties=cps, exposures=exps)
    if limits is not None:
        out = replace(out, limits=_plain(limits))
    meta["warnings"] = warnings
    return replace(out, meta=meta)


def _plain(frame: pd.DataFrame | None) -> pd.DataFrame | None:
    if frame is None:
        return None
    out = frame.copy()
    out.attrs = {}
    return out


def read_with_extras(path: Any, limits: Any = None, add_counterparty: Any = None,
                     add_exposure: Any = None, header_rows: dict[str, int] | None = None) -> GroupData:
    """The input of `concentration DATA [--limits L] [--add-counterparty C] [--add-exposure X]`: the
    data (`header_rows` as load_group_data), then counterparties, then exposures (which may name those
    counterparties), then limits; raises one InputError with every problem of every file. Nothing read here
    is stored, so the files are not hashed (`meta["content_sha256"]` is None)."""
    result = load_group_data(path, header_rows, content_hash=False)
    if not result.ok or result.data is None:
        raise InputError(result.problems)
    data = result.data
    problems: list[InputProblem] = []
    lim = cps = exps = None
    if add_counterparty is not None:
        try:
            cps = read_extra_counterparties(add_counterparty, data)
            data = replace(data, counterparties=pd.concat([data.counterparties, _plain(cps)], ignore_index=True))
        except InputError as exc:
            problems += exc.problems
    if add_exposure is not None:
        try:
            exps = read_extra_exposures(add_exposure, data)
        except InputError as exc:
            problems += exc.problems
    if limits is not None:
        try:
            lim = read_limits_file(limits, data)
        except InputError as exc:
            problems += exc.problems
    if any(x.is_error for x in problems):
        raise InputError(problems)
    if cps is not None:   # already in data.counterparties: only its warnings are still to be kept
        data = replace(data, meta={**data.meta, "warnings": data.meta.get("warnings", []) + cps.attrs["warnings"]})
    return merge_extras(data, exposures=exps, limits=lim)


def _ordered(problems: list[InputProblem]) -> list[InputProblem]:
    """Errors first, then by file order of appearance, row, column (stable)."""
    files: dict[Any, int] = {}
    for x in problems:
        files.setdefault(x.file, len(files))
    return sorted(problems, key=lambda x: (not x.is_error, files[x.file], x.row if x.row is not None else 0))
