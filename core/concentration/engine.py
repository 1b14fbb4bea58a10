"""The concentration engine's front door: one snapshot in, every limit and index out.

    agg = build_aggregates(data)            # once per snapshot (the expensive part)
    ev = evaluate_limits(agg, limits_df)    # any number of times (what-if), milliseconds
    ix = compute_indices(agg)
    rows = contributions(agg, "group", "counterparty_group", "RE1")   # drill-down

`evaluate(data)` does all of it for the data's own limits; `result_to_json` gives the shape of
`concentration --json` (docs/interfaces.md), amounts in yuan.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from core.concentration.aggregate import Aggregates, build_aggregates, contributions  # noqa: F401
from core.concentration.indices import compute_indices
from core.concentration.limits import LimitEvaluation, evaluate_limits
from core.concentration.model import GroupData


@dataclass
class ConcentrationResult:
    as_of: date | None
    aggregates: Aggregates
    evaluation: LimitEvaluation
    indices: pd.DataFrame
    members: tuple[str, ...]


def evaluate(data: GroupData, limits: pd.DataFrame | None = None) -> ConcentrationResult:
    agg = build_aggregates(data)
    ev = evaluate_limits(agg, data.limits if limits is None else limits)
    return ConcentrationResult(as_of=agg.as_of, aggregates=agg, evaluation=ev, indices=compute_indices(agg),
                               members=agg.scopes[1:])


def _yuan(fen) -> float | None:
    return None if fen is None else float(fen) / 100.0


def _num(d) -> float | None:
    return None if d is None else float(d)


def result_to_json(result: ConcentrationResult) -> dict:
    ev = result.evaluation
    flagged: dict[str, list] = {}
    f = ev.flagged
    if len(f):
        for lid, key, e, r, s in zip(f["limit_id"].tolist(), f["key"].tolist(), f["exposure_fen"].tolist(),
                                     f["ratio"].tolist(), f["status"].tolist()):
            flagged.setdefault(lid, []).append({"key": key, "exposure": e / 100.0, "ratio": r, "status": s})
    limits = []
    counts = {"ok": 0, "warning": 0, "breach": 0}
    for r in ev.results.to_dict("records"):
        status = r["status"]
        counts[status] = counts.get(status, 0) + 1
        item = {
            "limit_id": r["limit_id"], "name": r["name"], "dimension": r["dimension"], "scope": r["scope"],
            "key": r["key"], "exposure": _yuan(r["exposure_fen"]), "basis": r["basis"],
            "basis_amount": _yuan(r["basis_fen"]), "ratio": r["ratio"], "warning": _num(r["warning"]),
            "limit": _num(r["limit"]), "status": status, "utilisation": r["utilisation"],
            "flagged": flagged.get(r["limit_id"], []),
            "warnings": int(r["n_warning"] or 0), "breaches": int(r["n_breach"] or 0),
        }
        if r.get("rule"):
            item["rule"] = r["rule"]
        if r.get("problem"):
            item["problem"] = r["problem"]
        limits.append(item)
    indices = {}
    for r in result.indices.to_dict("records"):
        dim = r.pop("dimension")
        # an index with nothing to measure is None, which the frame holds as NaN: JSON has no NaN
        indices[dim] = {k: (None if isinstance(v, float) and v != v else v) for k, v in r.items()}
    issues = [{"limit_id": a["limit_id"], "allocated": float(a["allocated_fen"]) / 100.0,
               "available": float(a["available_fen"]) / 100.0, "children": list(a["children"])}
              for a in ev.allocation_issues.to_dict("records")]
    return {
        "as_of": result.as_of.isoformat() if result.as_of else None,
        "members": list(result.members),
        "summary": {"limits": len(limits), **counts, "allocation_issues": len(issues)},
        "limits": limits,
        "indices": indices,
        "allocation_issues": issues,
    }
