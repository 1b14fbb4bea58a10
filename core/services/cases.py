"""Breach cases: where a case may move next, and recording an officer's event.

The state machine (guideline Art. 15-17 as core.store.cases keeps it): open → reported / approved →
mitigating → closed, forward only; reported and approved are of one rank (either may follow the other);
a closed case takes no further event. The store enforces it on every write; screens ask `next_states`
which choices to offer, so the offered moves and the enforced ones cannot drift apart.
"""
from __future__ import annotations

from typing import Any

# Plain constants, not imported from core.store.cases: the breach register's screen module reads them on
# the GUI thread, where importing core.store (sqlite_utils, pandas) would delay the first paint.
# tests/core/test_services_cases.py checks that the store enforces exactly this order.
STATES = ("open", "reported", "approved", "mitigating", "closed")
STATE_RANK = {"open": 0, "reported": 1, "approved": 1, "mitigating": 2, "closed": 3}
CAUSES = ("market_movement", "new_business", "data_correction", "other")
ACTIVE = "active"          # core.store list_cases(state="active"): every state but closed
CLOSED = "closed"

__all__ = ["ACTIVE", "CAUSES", "CLOSED", "STATES", "STATE_RANK", "can_move", "next_states", "record_event"]


def next_states(current: str) -> list[str]:
    """The states a case in `current` may move to, in the register's order (none once closed)."""
    if current == CLOSED or current not in STATE_RANK:
        return []
    return [s for s in STATES if s != current and STATE_RANK[s] >= STATE_RANK[current]]


def can_move(current: str, new: str) -> bool:
    """Whether the store would accept moving a case from `current` to `new`."""
    return new in next_states(current)


def record_event(store: Any, case_id: int, user: str | None, **changes: Any) -> int:
    """Append an officer's event to a case (state, cause, analysis, mitigation plan, owner, due date,
    major-event mark, comment, closing evidence); returns the event id. The store refuses a move back
    (`invalid_transition`), an event on a closed case (`case_closed`) and a closing without a later
    evaluation in range (`case_not_back_in_range`)."""
    return store.record_case_event(case_id, user, **changes)
