"""The assessment being edited: a flat map of field paths to values, changed only through undo commands.

A path is a tuple naming one field the officer can edit:

    ("meta", "company" | "period" | "esg_bonus")   text / Decimal
    ("rulebook",)                                   rulebook id
    ("score", dim)                                  Decimal, the dimension score typed directly
    ("mode", dim)                                   "direct" | "items"
    ("item", dim, item)                             Decimal, a sub-category score
    ("fact", key)                                   Decimal (yuan, fraction) or str (irr_class)
    ("flag", rule)                                  bool
    ("basis", rule)                                 str, the officer's basis for a tick box
    ("weight", element)                             Decimal fraction (unified)
    ("bracket", grade)                              Decimal lower bound (unified)
    ("extra", key)                                  True: the type-specific element `key` is added (unified)
    ("element_name", key)                           str, the officer's name of that element

The type-specific element (rating.md: one extra element of at most 15%) is scored and weighted through
the same ("score", key) and ("weight", key) paths as the rulebook's elements.

`RatingDraft.to_data()` turns the map into the rating input JSON of docs/interfaces.md (Decimals), which
core.rating.inputs.parse_rating_input validates exactly as it validates a file. Nothing here is Qt-free
only by accident: the draft is a QObject so that the widgets can follow its `changed` signal.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any, Iterable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand

from core.rating.inputs import FACTS, RatingInput

Path = tuple
HUNDRED = Decimal(100)
YI = Decimal(100_000_000)
AMOUNT_FACTS = ("net_assets", "scale_premium", "max_single_related_party_investment")
PERCENT_FACTS = ("scale_premium_growth", "industry_premium_growth", "core_solvency_ratio",
                 "comprehensive_solvency_ratio")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


# ------------------------------------------------------------------------------------- validation

def parse_number(text: str) -> Decimal | None:
    """'1,234.5' -> Decimal('1234.5'); None for anything that is not a plain decimal number."""
    t = (text or "").strip().replace(",", "").replace("，", "")
    if not _NUMBER.match(t):
        return None
    try:
        return Decimal(t)
    except InvalidOperation:
        return None


def check_score(text: str, lo: Decimal = Decimal(0), hi: Decimal = HUNDRED,
                places: int = 2) -> tuple[Decimal | None, str | None]:
    """A score as the officer typed it: (value, None) if acceptable, (None, why not) otherwise.

    Empty text is (None, None): the score is cleared.
    """
    if not (text or "").strip():
        return None, None
    d = parse_number(text)
    if d is None:
        return None, QCoreApplication.translate("RatingDraft", "“{text}” is not a number.").format(text=text.strip())
    if d < lo or d > hi:
        return None, QCoreApplication.translate("RatingDraft", "{value} is outside {lo}–{hi}: enter a value between {lo} and {hi}.").format(
            value=text.strip(), lo=lo, hi=hi)
    if d != d.quantize(Decimal(1).scaleb(-places), rounding="ROUND_DOWN"):
        return None, QCoreApplication.translate("RatingDraft", "{value} has more than {places} decimals.").format(value=text.strip(), places=places)
    return d, None


def check_fact(key: str, text: str) -> tuple[Any, str | None]:
    """A fact typed in its display unit (亿元 for amounts, % for ratios) -> the input's unit (yuan, fraction)."""
    if not (text or "").strip():
        return None, None
    d = parse_number(text)
    if d is None:
        return None, QCoreApplication.translate("RatingDraft", "“{text}” is not a number.").format(text=text.strip())
    if key in ("scale_premium", "years_in_operation", "max_single_related_party_investment") and d < 0:
        return None, QCoreApplication.translate("RatingDraft", "{value} is negative: this figure cannot be below 0.").format(value=text.strip())
    if key in AMOUNT_FACTS:
        return d * YI, None
    if key in PERCENT_FACTS:
        return d / HUNDRED, None
    return d, None


def fact_display(key: str, value: Any) -> str:
    """The value in the unit the form shows (亿元, %), without needless zeros."""
    if value is None:
        return ""
    if not isinstance(value, Decimal):
        return str(value)
    if key in AMOUNT_FACTS:
        value = value / YI
    elif key in PERCENT_FACTS:
        value = value * HUNDRED
    return plain(value)


def plain(d: Decimal | None) -> str:
    if d is None:
        return ""
    if d == d.to_integral_value():
        return str(d.quantize(Decimal(1)))
    return format(d.normalize(), "f")


# ------------------------------------------------------------------------------------------ draft

class RatingDraft(QObject):
    """The values being edited. `changed(paths)` after every change (a list of the paths touched)."""

    changed = Signal(list)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.values: dict[Path, Any] = {("rulebook",): "life-2024"}

    def get(self, path: Path, default: Any = None) -> Any:
        return self.values.get(tuple(path), default)

    @property
    def rulebook_id(self) -> str:
        return self.values.get(("rulebook",), "life-2024")

    def mode(self, dim: str) -> str:
        return self.values.get(("mode", dim), "direct")

    def apply(self, changes: dict[Path, Any]) -> None:
        """Set values (None removes the field); used by the undo commands only."""
        for path, value in changes.items():
            if value is None or value == "":
                self.values.pop(path, None)
            else:
                self.values[path] = value
        self.changed.emit(list(changes))

    def replace_all(self, values: dict[Path, Any]) -> None:
        self.values = dict(values)
        self.values.setdefault(("rulebook",), "life-2024")
        self.changed.emit([("*",)])

    # -- conversion ---------------------------------------------------------------------------
    def to_data(self, rulebook, override: dict[Path, Any] | None = None) -> dict:
        """The rating input JSON (Decimals) for `rulebook`; `override` previews an uncommitted edit."""
        v = dict(self.values)
        for path, value in (override or {}).items():
            if value is None:
                v.pop(path, None)
            else:
                v[path] = value
        data: dict[str, Any] = {"rulebook": rulebook.id, "rulebook_version": rulebook.version}
        for k in ("company", "period"):
            if v.get(("meta", k)):
                data[k] = v[("meta", k)]
        if rulebook.esg_bonus_cap is not None and v.get(("meta", "esg_bonus")) is not None:
            data["esg_bonus"] = v[("meta", "esg_bonus")]
        if v.get(("meta", "company_type")):
            data["company_type"] = v[("meta", "company_type")]
        scores, items = {}, {}
        extras = type_specific_keys(v) if rulebook.scheme == "unified" else []
        weights = {p[1]: x for p, x in v.items() if p[0] == "weight"
                   and (rulebook.dimension(p[1]) is not None or p[1] in extras)}
        if weights:
            for k in extras:    # an added element without a weight: core says it needs one above 0
                weights.setdefault(k, Decimal(0))
        for d in rulebook.dimensions:
            if rulebook.scheme == "unified" and weights and d.key not in weights:
                continue
            mode = v.get(("mode", d.key), "direct")
            if mode == "items" and d.items:
                got = {it.id: v[("item", d.key, it.id)] for it in d.items if ("item", d.key, it.id) in v}
                items[d.key] = got
            elif ("score", d.key) in v:
                scores[d.key] = v[("score", d.key)]
        for k in extras:
            if k in weights and ("score", k) in v:
                scores[k] = v[("score", k)]
        if scores:
            data["dimension_scores"] = scores
        if items:
            data["item_scores"] = items
        data["facts"] = {k: v[("fact", k)] for k in FACTS if ("fact", k) in v}
        flags = {}
        for rule_id in rulebook.flag_rules:
            value = bool(v.get(("flag", rule_id), False))
            basis = v.get(("basis", rule_id))
            flags[rule_id] = {"value": value, "basis": basis} if basis else value
        data["flags"] = flags
        if rulebook.scheme == "unified":
            if weights:
                data["weights"] = weights
            brackets = {p[1]: x for p, x in v.items() if p[0] == "bracket"}
            if brackets:
                data["brackets"] = brackets
            names = {k: v[("element_name", k)] for k in extras if k in weights and v.get(("element_name", k))}
            if names:
                data["element_names"] = names
        return data

    def type_specific(self) -> list[str]:
        """Keys of the added type-specific elements, in the order they were added."""
        return type_specific_keys(self.values)

    @staticmethod
    def values_from_input(inp: RatingInput, rulebook=None) -> dict[Path, Any]:
        """The draft values of a parsed input (a file, a saved assessment) rated under `rulebook`
        (default: the one the input names)."""
        v: dict[Path, Any] = {("rulebook",): inp.rulebook_id}
        if inp.company:
            v[("meta", "company")] = inp.company
        if inp.period:
            v[("meta", "period")] = inp.period
        if inp.company_type:
            v[("meta", "company_type")] = inp.company_type
        if inp.esg_bonus is not None:
            v[("meta", "esg_bonus")] = inp.esg_bonus
        for k, x in inp.dimension_scores.items():
            v[("score", k)] = x
        for k, table in inp.item_scores.items():
            v[("mode", k)] = "items"
            for i, x in table.items():
                v[("item", k, i)] = x
        for k, x in inp.facts.items():
            v[("fact", k)] = x
        for k, f in inp.flags.items():
            if f.value:
                v[("flag", k)] = True
            if f.basis:
                v[("basis", k)] = f.basis
        for k, x in (inp.weights or {}).items():
            v[("weight", k)] = x
        for k, x in (inp.brackets or {}).items():
            v[("bracket", k)] = x
        if inp.weights:
            if rulebook is None:
                from core.rating.rulebook import load_rulebook
                rulebook = load_rulebook(inp.rulebook_id, inp.rulebook_version)
            for k in inp.type_specific(rulebook):
                v[("extra", k)] = True
                if inp.element_names.get(k):
                    v[("element_name", k)] = inp.element_names[k]
        return v


def type_specific_keys(values: dict[Path, Any]) -> list[str]:
    return [p[1] for p, x in values.items() if p[0] == "extra" and x]


def new_type_specific_key(values: dict[Path, Any]) -> str:
    """A key for a new type-specific element: `type_specific`, or `type_specific_2`… if that is taken."""
    taken = {p[1] for p in values if len(p) > 1}
    key, n = "type_specific", 1
    while key in taken:
        n += 1
        key = f"type_specific_{n}"
    return key


# ------------------------------------------------------------------------------- stored records

NUMERIC_SECTIONS = ("dimension_scores", "item_scores", "esg_bonus", "facts", "weights", "brackets")


def stored_input_data(data: dict) -> dict:
    """A stored input (JSON from the store: exact numbers saved as decimal text, "1.2E+11" included) made
    parseable again, by the one decoder the rating report uses too (core.services.rating)."""
    from core.services.rating import decode_stored_input

    return decode_stored_input(data)


def result_scores(result: dict) -> dict[str, float]:
    """Dimension scores of a stored result, whichever shape it has (engine record or CLI JSON)."""
    result = result or {}
    if isinstance(result.get("dimensions"), list):
        return {d["key"]: float(d["score"]) for d in result["dimensions"] if d.get("score") is not None}
    return {k: float(v) for k, v in (result.get("dimension_scores") or {}).items() if v is not None}


def result_number(result: dict, key: str) -> float | None:
    v = (result or {}).get(key)
    try:
        return None if v is None else float(v)
    except (TypeError, ValueError):
        return None


# --------------------------------------------------------------------------------------- commands

class SetValues(QUndoCommand):
    """One user action: one or more fields set at once (a score; a mode switch; a rulebook change)."""

    def __init__(self, draft: RatingDraft, changes: dict[Path, Any], text: str):
        super().__init__(text)
        self.draft = draft
        self.new = {tuple(p): x for p, x in changes.items()}
        self.old = {p: draft.get(p) for p in self.new}

    def redo(self) -> None:
        self.draft.apply(self.new)

    def undo(self) -> None:
        self.draft.apply(self.old)


class ReplaceAll(QUndoCommand):
    """Load another assessment into the editor (import, open saved, new): undo brings the old one back."""

    def __init__(self, draft: RatingDraft, values: dict[Path, Any], text: str):
        super().__init__(text)
        self.draft = draft
        self.new = dict(values)
        self.old = dict(draft.values)

    def redo(self) -> None:
        self.draft.replace_all(self.new)

    def undo(self) -> None:
        self.draft.replace_all(self.old)


def paths_touch(paths: Iterable[Path], kinds: Iterable[str]) -> bool:
    kinds = set(kinds)
    return any(p[0] == "*" or p[0] in kinds for p in paths)
