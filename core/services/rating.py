"""Rating use cases: read a stored input back, rate an input, rate it under another rulebook.

A self-assessment is stored with its input as JSON in which exact numbers are decimal text (core.store
writes a Decimal as str(Decimal): `"net_assets": 1.2e11` read from a file is stored as "1.2E+11"). Reading
it back is `decode_stored_input`, the one decoder the rating screen and the rating report both use, so a
record either opens everywhere or is refused everywhere with the same problems.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping

from core.rating.engine import Assessment, assess
from core.rating.improve import Improvement, what_would_it_take
from core.rating.inputs import RatingInput, parse_rating_input
from core.rating.rulebook import Rulebook, load_rulebook

# the sections of the input JSON whose leaves are numbers (facts: all but the text fact irr_class)
NUMERIC_SECTIONS = ("dimension_scores", "item_scores", "esg_bonus", "facts", "weights", "brackets")
TEXT_FACTS = ("irr_class",)
# what str(Decimal) writes for a finite number: plain or scientific ("1.2E+11", "5E-7"); nothing else
_DECIMAL_TEXT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def decode_stored_input(data: Mapping[str, Any] | None) -> dict:
    """A stored input made parseable again: decimal text in the numeric sections becomes Decimal (a float,
    from a store written by an older version, becomes the Decimal of its shortest repr); anything else
    (a text fact, a non-number) is left for `parse_rating_input` to judge and report."""
    def conv(x: Any, key: str | None = None) -> Any:
        if isinstance(x, dict):
            return {k: conv(v, k) for k, v in x.items()}
        if key in TEXT_FACTS:
            return x
        if isinstance(x, bool):
            return x
        if isinstance(x, float):
            return Decimal(repr(x))
        if isinstance(x, str) and _DECIMAL_TEXT.match(x.strip()):
            try:
                return Decimal(x.strip())
            except InvalidOperation:      # the pattern admits only what Decimal reads; kept as a guard
                return x
        return x
    out = dict(data or {})
    for section in NUMERIC_SECTIONS:
        if section in out:
            out[section] = conv(out[section], section)
    return out


def stored_rating_input(record: Any, rulebook: Rulebook | None = None) -> tuple[Rulebook, RatingInput]:
    """The rulebook and the validated input of a stored self-assessment (core.store AssessmentRecord).
    `rulebook`: rate under this one instead of the version the record was made with. Raises InputError
    (source "assessment #id") when the record's input no longer validates."""
    rb = rulebook or load_rulebook(record.rulebook_id, record.rulebook_version)
    return rb, parse_rating_input(decode_stored_input(record.input), f"assessment #{record.id}", rb)


@dataclass(frozen=True)
class Rated:
    """An input, its assessment and (when asked for) what it would take to reach the next better level."""

    rulebook: Rulebook
    input: RatingInput
    assessment: Assessment
    improvement: Improvement | None = None


def rate(data: Mapping[str, Any], rulebook: Rulebook, source: str = "", *, improve: bool = True) -> Rated:
    """Validate the input JSON (numbers as Decimal) against `rulebook` and rate it. Raises InputError."""
    inp = parse_rating_input(dict(data), source, rulebook)
    a = assess(inp, rulebook)
    return Rated(rulebook, inp, a, what_would_it_take(a, rulebook) if improve else None)


def rate_input(inp: RatingInput, rulebook: Rulebook, *, improve: bool = True) -> Rated:
    """Rate an input already read and validated (core.rating.inputs.read_rating_file). Raises InputError
    (`cannot_grade`) when the rulebook cannot grade it."""
    a = assess(inp, rulebook)
    return Rated(rulebook, inp, a, what_would_it_take(a, rulebook) if improve else None)


def rate_record(record: Any, rulebook: Rulebook | None = None, *, improve: bool = True) -> Rated:
    """Rate a stored self-assessment again (under its own rulebook version unless `rulebook` is given)."""
    rb, inp = stored_rating_input(record, rulebook)
    a = assess(inp, rb)
    return Rated(rb, inp, a, what_would_it_take(a, rb) if improve else None)


def input_for_rulebook(data: Mapping[str, Any], rulebook: Rulebook, *,
                       weights: Mapping[str, Any] | None = None,
                       brackets: Mapping[str, Any] | None = None) -> dict:
    """An input JSON made to fit another rulebook for a comparison: the rulebook it named is dropped,
    weights and brackets are kept only for a unified rulebook (`weights`/`brackets`: the officer's, used
    when the data has none), the ESG bonus only where the rulebook has a cap, and only the flags the
    rulebook has rules for."""
    out = {k: v for k, v in data.items() if k not in ("rulebook", "rulebook_version")}
    if rulebook.scheme != "unified":
        out.pop("weights", None)
        out.pop("brackets", None)
    else:
        if weights and "weights" not in out:
            out["weights"] = dict(weights)
        if brackets and "brackets" not in out:
            out["brackets"] = dict(brackets)
    if rulebook.esg_bonus_cap is None:
        out.pop("esg_bonus", None)
    out["flags"] = {k: v for k, v in (out.get("flags") or {}).items() if k in rulebook.flag_rules}
    return out


def compare_under(data: Mapping[str, Any], rulebook: Rulebook, *,
                  weights: Mapping[str, Any] | None = None,
                  brackets: Mapping[str, Any] | None = None) -> Rated:
    """Rate an input (a stored one decoded, or the editor's) under another rulebook, side by side with
    its own result. Raises InputError when the input does not fit that rulebook."""
    return rate(input_for_rulebook(data, rulebook, weights=weights, brackets=brackets), rulebook, improve=False)
