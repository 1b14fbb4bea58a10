"""A checker approves a limit proposal, and the latest snapshot is re-evaluated under what now governs.

Both happen in one transaction: after a crash (or a refusal half-way) either the approval and its
re-evaluation are on record, or neither is, so no screen can show a newly approved set while the
dashboard still reads the evaluation under the old one. The GUI's proposals page and the demo loader
both call `approve_and_reevaluate`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class ApprovalOutcome:
    """The store's Decision, and the re-evaluation written with it (None: none was needed)."""

    decision: Any
    snapshot_id: int | None = None
    evaluation_id: int | None = None


def approve_and_reevaluate(store: Any, proposal_id: int, user: str, comment: str | None = None, *,
                           snapshot_id: int | None = None, open_cases: bool = False,
                           **approve_kwargs: Any) -> ApprovalOutcome:
    """Approve the proposal (core.whatif.governance.approve: role, maker-checker and staleness checks),
    then, when the approved version is in force on the snapshot's as_of, re-evaluate that snapshot (default:
    the latest not withdrawn) on its kept aggregates under the limits that now govern it. `open_cases`:
    also sweep the breach register with the new evaluation. One transaction."""
    from core.whatif.governance import approve, evaluate_snapshot_governed

    with store.transaction():
        decision = approve(store, proposal_id, user, comment or None, **approve_kwargs)
        target = _target_snapshot(store, snapshot_id)
        if decision.version_id is None or target is None:
            return ApprovalOutcome(decision)
        version = store.get_version(decision.version_id, with_rows=False)
        if _as_date(version.effective_date) > _as_date(target.as_of):
            return ApprovalOutcome(decision)      # not in force yet on that date: what governs is unchanged
        eid, _doc = evaluate_snapshot_governed(store, target.id, user, save=True, open_cases=open_cases)
    return ApprovalOutcome(decision, target.id, eid)


def _target_snapshot(store: Any, snapshot_id: int | None) -> Any:
    if snapshot_id is not None:
        return store.get_snapshot_info(snapshot_id)
    snaps = store.list_snapshots()       # newest as_of first, withdrawn ones left out
    return snaps[0] if snaps else None


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
