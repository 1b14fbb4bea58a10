"""Which stored evaluation governs a snapshot: the one rule screens, reports and what-if read it by.

A snapshot collects evaluations over time: the one written when it was imported (which keeps the
aggregates), re-evaluations after a limit-set version was approved (no aggregates of their own), and
stress results (core.whatif.stress). The governing evaluation is the newest evaluation of the limits
that is not a stress result, and one under an approved limit-set version wins over one under the
snapshot's own limits (guideline Art. 8-9: an imported limits.csv never governs once a set is approved).
"""
from __future__ import annotations

from typing import Any, Callable


def is_stress_evaluation(record: Any) -> bool:
    """A stored stress result (core.whatif.stress.save_stress_result): never the one that governs."""
    return "stress" in (record.limit_set_ref or {}) or (getattr(record, "result", None) or {}).get("kind") == "stress"


def is_approved_evaluation(record: Any) -> bool:
    """Evaluated under an approved limit-set version (its limit_set_ref names the set)."""
    return "limit_set_id" in (record.limit_set_ref or {})


def governing_evaluation(store: Any, snapshot_id: int, *, with_aggregates: bool = False,
                         allows: Callable[[int], bool] | None = None) -> Any:
    """The evaluation (core.store EvaluationRecord, without its aggregates loaded) that governs the
    snapshot, or None when it has none.

    with_aggregates: only evaluations that keep the aggregates (sums and bases) count: a reader that
    needs the kept sums (the reports) measures them again under the version that governs the as_of.
    allows(evaluation_id): a filter on record ids (a report pinned to the records of its first issue).
    """
    candidates = [e for e in store.evaluations_for(snapshot_id)      # newest first
                  if not is_stress_evaluation(e)
                  and (allows is None or allows(e.id))
                  and (not with_aggregates or "sums" in e.aggregate_names)]
    approved = [e for e in candidates if is_approved_evaluation(e)]
    return (approved or candidates or [None])[0]
