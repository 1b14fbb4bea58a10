"""Shared builders for the rating tests: a valid life-2024 / unified-2025 input with overrides."""
from __future__ import annotations

import json
from decimal import Decimal

from core.rating.engine import assess
from core.rating.inputs import parse_rating_input
from core.rating.rulebook import load_rulebook

LIFE_DIMS = ("governance", "business", "investment", "alm", "solvency", "other")
UNIFIED_WEIGHTS = {"governance": "0.2", "solvency": "0.2", "liabilities": "0.1", "assets": "0.15", "it": "0.1",
                   "risk_management": "0.1", "operations": "0.05", "consumer_protection": "0.05", "other": "0.05"}
UNIFIED_BRACKETS = {"1": 90, "2A": 85, "2B": 80, "2C": 75, "3A": 70, "3B": 65, "4A": 60, "4B": 50, "5": 0}


def life(scores=None, *, all_scores=None, facts=None, flags=None, esg=None, **extra) -> dict:
    """A life-2024 input; every dimension 80 unless told otherwise; JSON numbers as Decimal like the reader."""
    base = {d: all_scores if all_scores is not None else 80 for d in LIFE_DIMS}
    base.update(scores or {})
    data = {"rulebook": "life-2024", "company": "测试人寿", "period": "2025",
            "dimension_scores": {k: _dec(v) for k, v in base.items()},
            "facts": {k: _dec(v) for k, v in (facts or {}).items()}, "flags": flags or {}}
    if esg is not None:
        data["esg_bonus"] = _dec(esg)
    data.update(extra)
    return data


def unified(scores=None, *, all_scores=80, weights=None, brackets=None, facts=None, flags=None, **extra) -> dict:
    w = {k: Decimal(v) for k, v in (weights or UNIFIED_WEIGHTS).items()}
    s = {k: Decimal(all_scores) for k in w}
    s.update({k: _dec(v) for k, v in (scores or {}).items()})
    data = {"rulebook": "unified-2025", "company": "测试财险", "period": "2025", "company_type": "pc",
            "dimension_scores": s, "weights": w,
            "brackets": {k: _dec(v) for k, v in (brackets or UNIFIED_BRACKETS).items()},
            "facts": {k: _dec(v) for k, v in (facts or {}).items()}, "flags": flags or {}}
    data.update(extra)
    return data


def _dec(v):
    if isinstance(v, float):
        return Decimal(str(v))
    if isinstance(v, str):
        try:
            return Decimal(v)
        except Exception:
            return v
    return v


def rate(data: dict, rulebook=None):
    inp = parse_rating_input(data, "test.json", rulebook)
    return assess(inp, rulebook or load_rulebook(inp.rulebook_id))


def write_json(path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, default=float), encoding="utf-8")
