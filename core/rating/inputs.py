"""Rating inputs: the `rate` JSON of docs/interfaces.md and the XLSX template, parsed into a `RatingInput`.

Every reader collects all problems it finds (file, dotted field path, value, code) and raises them
together. Numbers are read exactly: JSON floats arrive as `Decimal` (parse_float=Decimal), so 88.125 is
seen with its three decimals instead of as a rounded binary float.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Mapping

from core.problems import InputError, InputProblem, Severity
from core.rating.rulebook import (
    COMPANY_TYPES,
    DEFAULT_RULEBOOK,
    IRR_ORDER,
    ONE,
    ZERO,
    Rulebook,
    check_brackets,
    check_unified_weights,
    load_rulebook,
)

NUMERIC_FACTS = ("net_assets", "scale_premium", "scale_premium_growth", "industry_premium_growth",
                 "years_in_operation", "max_single_related_party_investment", "core_solvency_ratio",
                 "comprehensive_solvency_ratio")
NON_NEGATIVE_FACTS = ("scale_premium", "years_in_operation", "max_single_related_party_investment")
# Plausibility bounds, far outside any real insurer, so that a typo (1e300) is reported instead of
# flowing into ratios: amounts in yuan, ratios and growth as fractions, years.
AMOUNT_LIMIT = Decimal("1e18")
RATIO_LIMIT = Decimal("1e6")
FACT_LIMITS = {"net_assets": AMOUNT_LIMIT, "scale_premium": AMOUNT_LIMIT,
               "max_single_related_party_investment": AMOUNT_LIMIT, "years_in_operation": Decimal(1000),
               "scale_premium_growth": RATIO_LIMIT, "industry_premium_growth": RATIO_LIMIT,
               "core_solvency_ratio": RATIO_LIMIT, "comprehensive_solvency_ratio": RATIO_LIMIT}
TEXT_FACTS = ("irr_class",)
FACTS = NUMERIC_FACTS + TEXT_FACTS
TOP_LEVEL = ("rulebook", "rulebook_version", "company", "period", "company_type", "dimension_scores",
             "item_scores", "esg_bonus", "facts", "flags", "weights", "brackets", "element_names")
ELEMENT_NAME_MAX = 40     # characters: a name as an officer writes it, e.g. 再保险业务 or 集团管控
SCORE_MIN, SCORE_MAX = ZERO, Decimal(100)
TRUE_WORDS = {"true", "1", "是", "yes", "y", "t"}
FALSE_WORDS = {"false", "0", "否", "no", "n", "f", ""}


@dataclass(frozen=True)
class Flag:
    """A tick box (U3, U5, M1-M7, S) with the officer's free-text basis for it."""

    value: bool
    basis: str | None = None


@dataclass(frozen=True)
class RatingInput:
    """One self-assessment's input, validated against its rulebook. Scores are exact Decimals."""

    rulebook_id: str
    source: str = field(compare=False)   # where it was read from; the same input from two files is equal
    rulebook_version: str | None = None
    company: str | None = None
    period: str | None = None
    company_type: str | None = None
    dimension_scores: Mapping[str, Decimal] = field(default_factory=dict)
    item_scores: Mapping[str, Mapping[str, Decimal]] = field(default_factory=dict)
    esg_bonus: Decimal | None = None
    facts: Mapping[str, Any] = field(default_factory=dict)      # Decimal, or str for irr_class
    flags: Mapping[str, Flag] = field(default_factory=dict)
    weights: Mapping[str, Decimal] | None = None
    brackets: Mapping[str, Decimal] | None = None
    # unified: the officer's names of the type-specific elements ({key: "再保险业务"}); keys of `weights`
    element_names: Mapping[str, str] = field(default_factory=dict)
    # problems that did not stop the input (unknown extra fields): shown, not compared
    warnings: tuple[InputProblem, ...] = field(default=(), compare=False)

    def to_json_dict(self, exact: bool = False) -> dict:
        """The input as docs/interfaces.md JSON, e.g. to save what the GUI edited or to store with a result.

        Numbers are int/float for json.dumps, or the Decimals themselves with `exact=True` (to re-parse
        under another rulebook without any binary rounding).
        """
        def num(x: Decimal):
            if exact:
                return x
            return int(x) if x == x.to_integral_value() and abs(x) < 10 ** 15 else float(x)
        out: dict[str, Any] = {"rulebook": self.rulebook_id}
        for k in ("rulebook_version", "company", "period", "company_type"):
            if getattr(self, k) is not None:
                out[k] = getattr(self, k)
        if self.dimension_scores:
            out["dimension_scores"] = {k: num(v) for k, v in self.dimension_scores.items()}
        if self.item_scores:
            out["item_scores"] = {d: {i: num(v) for i, v in items.items()} for d, items in self.item_scores.items()}
        if self.esg_bonus is not None:
            out["esg_bonus"] = num(self.esg_bonus)
        out["facts"] = {k: (num(v) if isinstance(v, Decimal) else v) for k, v in self.facts.items()}
        out["flags"] = {k: ({"value": f.value, "basis": f.basis} if f.basis else f.value) for k, f in self.flags.items()}
        if self.weights is not None:
            out["weights"] = {k: num(v) for k, v in self.weights.items()}
        if self.brackets is not None:
            out["brackets"] = {k: num(v) for k, v in self.brackets.items()}
        if self.element_names:
            out["element_names"] = dict(self.element_names)
        return out

    def type_specific(self, rulebook: Rulebook) -> tuple[str, ...]:
        """Keys of the weights that are not elements of the rulebook: the added type-specific element(s)."""
        return tuple(k for k in (self.weights or {}) if rulebook.dimension(k) is None)

    def element_name(self, key: str, rulebook: Rulebook, lang: str = "zh") -> str:
        """The name of an element: the rulebook's, else the officer's (type-specific), else its key."""
        d = rulebook.dimension(key)
        if d is not None:
            return d.name_zh if lang == "zh" else (d.name_en or d.name_zh)
        return self.element_names.get(key) or key


# ------------------------------------------------------------------------------------------ files

def decode_text(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 (what Excel on Chinese Windows writes)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def read_rating_file(path: Path | str, rulebook: Rulebook | None = None) -> RatingInput:
    """Read a rating input from .json or .xlsx; `rulebook` overrides the one the file names."""
    path = Path(path)
    file = str(path)
    if not path.is_file():
        raise InputError([InputProblem("file_not_found", file=file)])
    suffix = path.suffix.lower()
    if suffix == ".json":
        return parse_rating_input(load_json(path), file, rulebook)
    if suffix in (".xlsx", ".xlsm"):
        return read_rating_template(path, rulebook)
    raise InputError([InputProblem("unsupported_file_type", file=file, value=path.suffix,
                                   detail={"expected": ".json or .xlsx"})])


def load_json(path: Path) -> Any:
    file = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError([InputProblem("unreadable_file", file=file, detail={"reason": str(exc)})]) from None
    try:
        text = decode_text(raw)
    except UnicodeDecodeError:
        raise InputError([InputProblem("bad_encoding", file=file)]) from None
    try:
        # NaN/Infinity are not JSON numbers; keep them as text so that they are reported, not used. An
        # integer too long for int() (Python refuses 4,300+ digits) becomes a Decimal: out of range, by field.
        return json.loads(text, parse_float=Decimal, parse_constant=lambda s: s,
                          parse_int=lambda s: int(s) if len(s) <= 1000 else Decimal(s))
    except RecursionError:   # 100,000 nested brackets: refused with a sentence, not a traceback
        raise InputError([InputProblem("broken_json", file=file, detail={
            "reason": "nested too deeply (a rating input is at most a few levels deep)"})]) from None
    except json.JSONDecodeError as exc:
        reason = f"{exc.msg} at line {exc.lineno} column {exc.colno}"
        raise InputError([InputProblem("broken_json", file=file, detail={"reason": reason,
                                       "line": exc.lineno, "column": exc.colno})]) from None


# ------------------------------------------------------------------------------------------ parsing

class _Collector:
    def __init__(self, file: str):
        self.file = file
        self.problems: list[InputProblem] = []

    def add(self, code: str, column: str | None, value: Any = None, severity=Severity.ERROR, **detail) -> None:
        self.problems.append(InputProblem(code, file=self.file, column=column, value=value, detail=detail,
                                          severity=severity))

    def number(self, v: Any, column: str, lo: Decimal | None = None, hi: Decimal | None = None,
               places: int | None = None) -> Decimal | None:
        if isinstance(v, bool):
            self.add("wrong_type", column, v, expected="a number")
            return None
        if isinstance(v, (int, Decimal)):
            d = Decimal(v)
        elif isinstance(v, float):
            d = Decimal(str(v))  # a float from XLSX: its shortest repr is what the user typed
        else:
            self.add("not_a_number", column, v)
            return None
        if not d.is_finite():
            self.add("not_a_number", column, v)
            return None
        if (lo is not None and d < lo) or (hi is not None and d > hi):
            self.add("out_of_range", column, d, min="" if lo is None else lo, max="" if hi is None else hi)
            return None
        if places is not None and d != d.quantize(Decimal(1).scaleb(-places), rounding="ROUND_DOWN"):
            self.add("too_many_decimals", column, d, places=places)
            return None
        return d

    def table(self, v: Any, column: str) -> Mapping | None:
        if v is None:
            return None
        if not isinstance(v, Mapping):
            self.add("wrong_type", column, v, expected="an object {key: value}")
            return None
        return v


def parse_boolean(v: Any) -> bool | None:
    """true/false, 1/0, 是/否 (docs/interfaces.md); None if it is none of those."""
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, Decimal)) and not isinstance(v, bool) and v in (0, 1):
        return bool(v)
    if isinstance(v, float) and v in (0.0, 1.0):
        return bool(v)
    if isinstance(v, str):
        s = v.strip().lower()
        if s in TRUE_WORDS:
            return True
        if s in FALSE_WORDS:
            return False
    return None


def parse_rating_input(data: Any, source: str, rulebook: Rulebook | None = None) -> RatingInput:  # noqa: C901 - a flat validator: one check per field, each reported
    """Validate a rating input dict (JSON with Decimal floats) against its rulebook; all problems at once.

    `rulebook` overrides the input's `rulebook` field (the CLI's --rulebook).
    """
    c = _Collector(source)
    if not isinstance(data, Mapping):
        raise InputError([InputProblem("wrong_type", file=source, value=type(data).__name__,
                                       detail={"expected": "a JSON object"})])
    for key in data:
        if key not in TOP_LEVEL:
            # more keys are allowed by the contract's spirit (notes, ids): say so, do not refuse
            c.add("unknown_field", str(key), severity=Severity.WARNING)

    rb_id = data.get("rulebook", DEFAULT_RULEBOOK)
    version = data.get("rulebook_version")
    if rulebook is None:
        if not isinstance(rb_id, str):
            c.add("wrong_type", "rulebook", rb_id, expected="a rulebook id")
            raise InputError(c.problems)
        if version is not None and not isinstance(version, str):
            c.add("wrong_type", "rulebook_version", version, expected="text")
            version = None
        try:
            rulebook = load_rulebook(rb_id, version)
        except InputError as err:
            raise InputError(c.problems + [InputProblem(
                p.code, file=source, value=p.value, detail=p.detail,
                column="rulebook_version" if p.code == "unknown_rulebook_version" else p.column)
                for p in err.problems]) from None
    company = _text(c, data, "company")
    period = data.get("period")
    period = str(period) if isinstance(period, (int, Decimal)) and not isinstance(period, bool) else _text(c, data, "period")
    company_type = _text(c, data, "company_type")
    if company_type is not None and company_type not in COMPANY_TYPES:
        c.add("unknown_choice", "company_type", company_type, choices=", ".join(COMPANY_TYPES))
    elif not rulebook.in_scope(company_type):
        # life-2024 rates 人身保险公司 only: a P&C insurer, reinsurer or group rated under it would get a
        # level the rule never meant for it (rating.md "Scope")
        c.add("company_type_out_of_scope", "company_type", company_type, rulebook=rulebook.id,
              doc=rulebook.issuing_doc, applies_to="/".join(rulebook.applies_to or ()),
              instead=rulebook.out_of_scope_rulebook or "")

    weights = brackets = None
    if rulebook.scheme == "unified":
        weights = _decimal_map(c, data.get("weights"), "weights", ZERO, ONE)
        brackets = _decimal_map(c, data.get("brackets"), "brackets", SCORE_MIN, SCORE_MAX, places=2)
        if weights is not None:
            c.problems += check_unified_weights(weights, rulebook, company_type, source)
        if brackets is not None:
            c.problems += check_brackets(brackets, rulebook, source)
        missing = [n for n, given, stored in (("weights", weights, rulebook.weights),
                                              ("brackets", brackets, rulebook.brackets))
                   if given is None and stored is None and data.get(n) is None]
        if missing:
            # `missing` is a code (weights, brackets, weights_and_brackets): wording.rating_problems says it
            c.add("cannot_grade", ", ".join(missing), rulebook=rulebook.id, missing="_and_".join(missing))
    else:
        for n in ("weights", "brackets"):
            if n in data:
                c.add("not_in_rulebook_scheme", n, rulebook=rulebook.id)

    element_names = _element_names(c, data.get("element_names"), rulebook, data.get("weights"))

    dims_rated = list((weights or rulebook.weights or {}).keys()) if rulebook.scheme == "unified" else []
    if rulebook.scheme == "unified" and not dims_rated:
        dims_rated = [d.key for d in rulebook.dimensions if not d.optional]
    if rulebook.scheme != "unified":
        dims_rated = [d.key for d in rulebook.dimensions]
    known_dims = set(dims_rated) | {d.key for d in rulebook.dimensions}

    scores = _decimal_map(c, data.get("dimension_scores"), "dimension_scores", SCORE_MIN, SCORE_MAX,
                          places=2, known=known_dims, unknown_code="unknown_dimension") or {}
    given = data.get("dimension_scores")
    given_scores: Mapping[str, Any] = given if isinstance(given, Mapping) else {}
    items: dict[str, dict[str, Decimal]] = {}
    raw_items = c.table(data.get("item_scores"), "item_scores") or {}
    for dim_key, table in raw_items.items():
        dim = rulebook.dimension(dim_key)
        col = f"item_scores.{dim_key}"
        if dim is None:
            c.add("unknown_dimension", col, dim_key)
            continue
        if not dim.items:
            c.add("dimension_has_no_items", col, dim_key)
            continue
        got = _decimal_map(c, table, col, SCORE_MIN, SCORE_MAX, places=2,
                           known={i.id for i in dim.items}, unknown_code="unknown_item")
        if got is None:
            continue
        if dim_key in scores or dim_key in given_scores:
            c.add("score_given_twice", col, dim_key)
            continue
        for it in dim.items:
            if it.id not in got and it.id not in table:
                c.add("missing_item_score", f"{col}.{it.id}")
        items[dim_key] = got
    for key in dims_rated:
        if given_scores.get(key) is None and key not in raw_items:
            c.add("missing_dimension_score", f"dimension_scores.{key}")

    esg = None
    if data.get("esg_bonus") is not None:
        esg = c.number(data["esg_bonus"], "esg_bonus", lo=ZERO, hi=SCORE_MAX, places=2)
        if rulebook.esg_bonus_cap is None and esg is not None and esg != ZERO:
            c.add("esg_not_in_rulebook", "esg_bonus", esg, rulebook=rulebook.id)

    facts: dict[str, Any] = {}
    for key, v in (c.table(data.get("facts"), "facts") or {}).items():
        col = f"facts.{key}"
        if key not in FACTS:
            c.add("unknown_fact", col, key, known=", ".join(FACTS))
        elif v is None or v == "":
            continue  # not given = unknown, which the engine traces
        elif key == "irr_class":
            if not isinstance(v, str) or v.strip().upper() not in IRR_ORDER:
                c.add("unknown_choice", col, v, choices=", ".join(IRR_ORDER))
            else:
                facts[key] = v.strip().upper()
        else:
            limit = FACT_LIMITS[key]
            d = c.number(v, col, lo=ZERO if key in NON_NEGATIVE_FACTS else -limit, hi=limit)
            if d is not None:
                facts[key] = d

    flags: dict[str, Flag] = {}
    for key, v in (c.table(data.get("flags"), "flags") or {}).items():
        col = f"flags.{key}"
        if key not in rulebook.flag_rules:
            c.add("unknown_flag", col, key, known=", ".join(rulebook.flag_rules))
            continue
        basis = None
        if isinstance(v, Mapping):
            for k in v:
                if k not in ("value", "basis"):
                    c.add("unknown_field", f"{col}.{k}")
            basis = v.get("basis")
            if basis is not None and not isinstance(basis, str):
                c.add("wrong_type", f"{col}.basis", basis, expected="text")
                basis = None
            if "value" not in v:
                c.add("missing_field", f"{col}.value")
                continue
            v = v["value"]
            col = f"{col}.value"
        if v is None:
            continue
        b = parse_boolean(v)
        if b is None:
            c.add("not_a_boolean", col, v)
            continue
        flags[key] = Flag(b, basis.strip() or None if basis else None)

    if any(p.is_error for p in c.problems):
        raise InputError(c.problems)
    return RatingInput(rulebook_id=rulebook.id, source=source, rulebook_version=rulebook.version,
                       company=company, period=period, company_type=company_type,
                       dimension_scores=scores, item_scores=items, esg_bonus=esg, facts=facts, flags=flags,
                       weights=weights, brackets=brackets, element_names=element_names,
                       warnings=tuple(c.problems))


def _element_names(c: _Collector, raw: Any, rulebook: Rulebook, weights: Any) -> dict[str, str]:
    """{key: name} of the type-specific elements (unified): each key must be an added element of the
    weights (as given: a weight with a problem of its own still names its element)."""
    table = c.table(raw, "element_names")
    if not table:
        return {}
    weights = weights if isinstance(weights, Mapping) else (rulebook.weights or {})
    added = [k for k in weights if rulebook.dimension(k) is None]
    out = {}
    for key, name in table.items():
        col = f"element_names.{key}"
        if rulebook.scheme != "unified" or key not in added:
            c.add("element_name_not_type_specific", col, key, rulebook=rulebook.id)
            continue
        if name is None:
            continue
        if not isinstance(name, str):
            c.add("wrong_type", col, name, expected="text")
            continue
        name = " ".join(name.split())
        if len(name) > ELEMENT_NAME_MAX:
            c.add("element_name_too_long", col, name, max=ELEMENT_NAME_MAX)
        elif name:
            out[key] = name
    return out


def _text(c: _Collector, data: Mapping, key: str) -> str | None:
    v = data.get(key)
    if v is None:
        return None
    if not isinstance(v, str):
        c.add("wrong_type", key, v, expected="text")
        return None
    return v.strip() or None


def _decimal_map(c: _Collector, raw: Any, column: str, lo, hi, places: int | None = None,
                 known: set[str] | None = None, unknown_code: str = "unknown_field") -> dict[str, Decimal] | None:
    table = c.table(raw, column)
    if table is None:
        return None
    out = {}
    for k, v in table.items():
        col = f"{column}.{k}"
        if known is not None and k not in known:
            c.add(unknown_code, col, k, known=", ".join(sorted(known)))
            continue
        if v is None:
            continue
        d = c.number(v, col, lo, hi, places)
        if d is not None:
            out[k] = d
    return out


_NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def text_to_number(v: Any) -> Any:
    """A spreadsheet cell typed as text but holding a number ('88', '1.2e11') -> Decimal; else unchanged."""
    if isinstance(v, str) and _NUMBER_RE.match(v.strip().replace(",", "")):
        try:
            return Decimal(v.strip().replace(",", ""))
        except InvalidOperation:
            return v
    return v


# ------------------------------------------------------------------------------------ XLSX template
#
# One sheet per part of the JSON input. Row 1 holds the machine column names (what the reader looks
# for), row 2 their Chinese captions (skipped when read), data from row 3. A problem in a cell is
# reported with the sheet, the row a user sees in Excel, and the column header.

SHEET_COLUMNS = {
    "info": (("field", "字段"), ("value", "值"), ("description", "说明")),
    "scores": (("dimension", "维度"), ("item", "要点"), ("score", "得分"), ("dimension_name", "维度名称"),
               ("item_name", "要点名称"), ("weight", "权重")),
    "facts": (("fact", "事实项"), ("value", "数值"), ("description", "说明")),
    "flags": (("flag", "勾选项"), ("value", "是否成立"), ("basis", "依据"), ("description", "说明")),
    "weights": (("element", "要素"), ("weight", "权重"), ("floor", "下限"), ("element_name", "要素名称")),
    "brackets": (("grade", "等级"), ("lower_bound", "分数下限")),
}
REQUIRED_COLUMNS = {"info": ("field", "value"), "scores": ("dimension", "item", "score"),
                    "facts": ("fact", "value"), "flags": ("flag", "value", "basis"),
                    "weights": ("element", "weight"), "brackets": ("grade", "lower_bound")}
REQUIRED_SHEETS = ("info", "scores", "facts", "flags")
INFO_FIELDS = {"rulebook": "评级规则", "rulebook_version": "规则版本", "company": "公司名称", "period": "评级期间（年度）",
               "company_type": "公司类型 life/health/pc/reinsurance/group", "esg_bonus": "ESG 专项加分"}
FACT_CAPTIONS = {
    "net_assets": "净资产（元）", "scale_premium": "规模保费收入（元）", "scale_premium_growth": "规模保费增速（0.12 = 12%）",
    "industry_premium_growth": "行业平均增速（0.05 = 5%）", "years_in_operation": "开业年限（年）",
    "max_single_related_party_investment": "单一关联方最大投资余额（元）",
    "core_solvency_ratio": "核心偿付能力充足率（1.45 = 145%）", "comprehensive_solvency_ratio": "综合偿付能力充足率",
    "irr_class": "风险综合评级 AAA/AA/A/BBB/BB/B/C/D",
}
FLAG_CAPTIONS = {
    "U3": "激进扩张（监管认定）", "U5": "监管认定的其他情形", "M1": "公司治理存在严重问题", "M2": "关联交易管理存在严重问题",
    "M3": "偿付能力严重不足", "M4": "流动性不足", "M5": "有效资产不足以抵御风险", "M6": "其他严重不能偿债情形",
    "M7": "监管认定的其他重大风险", "S": "重组、接管、市场退出或实质性风险处置",
}


def _cell_value(x: Any):
    if isinstance(x, Decimal):
        return int(x) if x == x.to_integral_value() and abs(x) < 10 ** 15 else float(x)
    return x


def write_rating_template(path: Path | str, rulebook: Rulebook, input: RatingInput | None = None) -> None:
    """Write the XLSX template for `rulebook`, filled with `input` when given (blank cells otherwise)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    from core.safe_export import safe_append  # text cells stay text: a company named "=..." is no formula

    wb = Workbook()
    wb.remove(wb.active)
    bold, caption_fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")

    def sheet(name: str):
        ws = wb.create_sheet(name)
        cols = SHEET_COLUMNS[name]
        safe_append(ws, [c for c, _ in cols])
        safe_append(ws, [zh for _, zh in cols])
        for cell in ws[1]:
            cell.font = bold
        for cell in ws[2]:
            cell.fill = caption_fill
        ws.freeze_panes = "A3"
        for n, _ in enumerate(cols):
            ws.column_dimensions[chr(ord("A") + n)].width = 18 if n else 24
        return ws

    inp = input
    ws = sheet("info")
    info = {"rulebook": rulebook.id, "rulebook_version": rulebook.version,
            "company": inp.company if inp else None, "period": inp.period if inp else None,
            "company_type": inp.company_type if inp else None,
            "esg_bonus": inp.esg_bonus if inp else None}
    for key, caption in INFO_FIELDS.items():
        if key == "esg_bonus" and rulebook.esg_bonus_cap is None:
            continue
        safe_append(ws, [key, _cell_value(info[key]), caption])

    ws = sheet("scores")
    if rulebook.scheme == "unified":
        weights = (inp.weights if inp and inp.weights is not None else rulebook.weights) or {}
        keys = list(weights) or [d.key for d in rulebook.dimensions]
    else:
        keys = [d.key for d in rulebook.dimensions]
    names = inp.element_names if inp else {}
    for key in keys:
        d = rulebook.dimension(key)
        direct = inp.dimension_scores.get(key) if inp else None
        w = d.weight if d is not None else None
        safe_append(ws, [key, None, _cell_value(direct), d.name_zh if d else names.get(key, key), None, _cell_value(w)])
        if d is None:
            continue
        for it in d.items:
            score = inp.item_scores.get(key, {}).get(it.id) if inp else None
            safe_append(ws, [key, it.id, _cell_value(score), d.name_zh, it.name_zh, _cell_value(it.weight)])

    ws = sheet("facts")
    for key in FACTS:
        safe_append(ws, [key, _cell_value(inp.facts.get(key)) if inp else None, FACT_CAPTIONS.get(key, "")])

    ws = sheet("flags")
    yes_no = DataValidation(type="list", formula1='"是,否,TRUE,FALSE"', allow_blank=True)
    ws.add_data_validation(yes_no)
    for rule_id in rulebook.flag_rules:
        f = inp.flags.get(rule_id) if inp else None
        safe_append(ws, [rule_id, None if f is None else f.value, f.basis if f else None, FLAG_CAPTIONS.get(rule_id, "")])
        yes_no.add(f"B{ws.max_row}")

    if rulebook.scheme == "unified":
        ws = sheet("weights")
        weights = (inp.weights if inp and inp.weights is not None else rulebook.weights) or {}
        for d in rulebook.dimensions:
            safe_append(ws, [d.key, _cell_value(weights.get(d.key)), _cell_value(d.floor), d.name_zh])
        for key, w in weights.items():
            if rulebook.dimension(key) is None:   # the type-specific element: its name is read back
                safe_append(ws, [key, _cell_value(w), None, names.get(key, key)])
        ws = sheet("brackets")
        brackets = (inp.brackets if inp and inp.brackets is not None else rulebook.brackets) or {}
        for level in rulebook.levels:
            safe_append(ws, [level, _cell_value(brackets.get(level))])
    wb.save(path)


def _xlsx_value(v: Any) -> Any:
    if isinstance(v, str):
        v = v.strip()
        return v if v else None
    if isinstance(v, float):
        return Decimal(str(v))
    if isinstance(v, int) and not isinstance(v, bool):
        return Decimal(v)
    return v


def read_rating_template(path: Path | str, rulebook: Rulebook | None = None) -> RatingInput:  # noqa: C901 - one branch per sheet and row kind of the template
    """Read the XLSX template back into a RatingInput; cell problems name sheet, row and column."""
    from openpyxl import load_workbook

    path = Path(path)
    file = str(path)
    from core.workbook_guard import check_workbook  # refused before openpyxl unpacks an oversized sheet

    too_large = check_workbook(path, file)
    if too_large:
        raise InputError(too_large)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise InputError([InputProblem("unreadable_file", file=file, detail={"reason": str(exc) or type(exc).__name__})]) from None
    problems: list[InputProblem] = []
    where: dict[str, tuple[str, int, str]] = {}   # JSON path -> (sheet, row, column header)
    data: dict[str, Any] = {}

    def rows(name: str, required: bool = True):
        if name not in wb.sheetnames:
            if required:
                problems.append(InputProblem("missing_sheet", file=file, column=name))
            return None
        ws = wb[name]
        all_rows = list(ws.iter_rows(values_only=True))
        if not all_rows:
            problems.append(InputProblem("missing_column", file=file, row=1, column=f"{name}!{REQUIRED_COLUMNS[name][0]}"))
            return None
        aliases = {zh: en for en, zh in SHEET_COLUMNS[name]}
        header = [aliases.get(str(h).strip(), str(h).strip()) if h is not None else None for h in all_rows[0]]
        missing = [c for c in REQUIRED_COLUMNS[name] if c not in header]
        for c in missing:
            problems.append(InputProblem("missing_column", file=file, row=1, column=f"{name}!{c}",
                                         detail={"found": ", ".join(str(h) for h in header if h)}))
        if missing:
            return None
        captions = {zh for _, zh in SHEET_COLUMNS[name]}
        out = []
        for n, r in enumerate(all_rows[1:], start=2):
            if n == 2 and all(v is None or str(v).strip() in captions for v in r):
                continue
            rec = {h: _xlsx_value(r[i]) if i < len(r) else None for i, h in enumerate(header) if h}
            if all(v is None for v in rec.values()):
                continue
            out.append((n, rec))
        return out

    info = rows("info")
    for n, rec in info or ():
        key = rec.get("field")
        if key is None:
            continue
        key = str(key)
        val = rec.get("value")
        if isinstance(val, Decimal) and key in ("period", "rulebook_version"):
            val = str(val)
        if key == "esg_bonus":
            val = text_to_number(val)
        if val is not None:
            data[key] = val
        where[key] = ("info", n, "value")

    scores: dict[str, Any] = {}
    items: dict[str, dict[str, Any]] = {}
    for n, rec in rows("scores") or ():
        dim, item, score = rec.get("dimension"), rec.get("item"), text_to_number(rec.get("score"))
        if dim is not None and item is None:
            where.setdefault(f"dimension_scores.{dim}", ("scores", n, "score"))
        if dim is None or score is None:
            continue
        if item is None:
            scores[str(dim)] = score
            where[f"dimension_scores.{dim}"] = ("scores", n, "score")
        else:
            items.setdefault(str(dim), {})[str(item)] = score
            where[f"item_scores.{dim}.{item}"] = ("scores", n, "score")
            where.setdefault(f"item_scores.{dim}", ("scores", n, "dimension"))
    if scores:
        data["dimension_scores"] = scores
    if items:
        data["item_scores"] = items

    facts = {}
    for n, rec in rows("facts") or ():
        key, val = rec.get("fact"), rec.get("value")
        if key is None or val is None:
            continue
        facts[str(key)] = val if key == "irr_class" else text_to_number(val)
        where[f"facts.{key}"] = ("facts", n, "value")
    data["facts"] = facts

    flags = {}
    for n, rec in rows("flags") or ():
        key, val, basis = rec.get("flag"), rec.get("value"), rec.get("basis")
        if key is None or (val is None and basis is None):
            continue
        if isinstance(val, Decimal):
            val = int(val) if val in (0, 1) else val
        flags[str(key)] = {"value": val, "basis": str(basis)} if basis is not None else val
        where[f"flags.{key}"] = where[f"flags.{key}.value"] = ("flags", n, "value")
        where[f"flags.{key}.basis"] = ("flags", n, "basis")
    data["flags"] = flags

    element_names = {}
    for name, key_col, val_col in (("weights", "element", "weight"), ("brackets", "grade", "lower_bound")):
        table = {}
        for n, rec in rows(name, required=False) or ():
            key, val = rec.get(key_col), text_to_number(rec.get(val_col))
            if key is None or val is None:
                continue
            key = str(key) if not isinstance(key, Decimal) else str(int(key))
            table[key] = val
            where[f"{name}.{key}"] = (name, n, val_col)
            if name == "weights" and rec.get("element_name") is not None:
                element_names[key] = rec["element_name"]
                where[f"element_names.{key}"] = (name, n, "element_name")
        if table:
            data[name] = table
    if element_names:
        # the name column of the standard elements only repeats the rulebook's names: keep the others
        standard = _standard_elements(data, rulebook)
        element_names = {k: v if isinstance(v, str) else str(v) for k, v in element_names.items()
                         if k not in standard and str(v) != k}
        if element_names:
            data["element_names"] = element_names
    wb.close()
    if problems:
        raise InputError(problems)
    try:
        return parse_rating_input(data, file, rulebook)
    except InputError as err:
        raise InputError([_to_cell(p, where) for p in err.problems]) from None


def _standard_elements(data: Mapping, rulebook: Rulebook | None) -> set[str]:
    """The element keys of the rulebook a template names (none if it cannot be loaded: parsing says why)."""
    if rulebook is None:
        rb_id, version = data.get("rulebook", DEFAULT_RULEBOOK), data.get("rulebook_version")
        try:
            rulebook = load_rulebook(str(rb_id), str(version) if version is not None else None)
        except InputError:
            return set()
    return {d.key for d in rulebook.dimensions}


def _to_cell(p: InputProblem, where: dict[str, tuple[str, int, str]]) -> InputProblem:
    """A JSON-path problem re-addressed to the template cell it came from (sheet!column, row)."""
    if p.column in where:
        sheet, row, col = where[p.column]
        return InputProblem(p.code, file=p.file, row=row, column=f"{sheet}!{col}", value=p.value,
                            detail={**p.detail, "field": p.column}, severity=p.severity)
    return p
