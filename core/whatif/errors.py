"""The what-if services' exception for refusals that are not input problems (codes, no sentences)."""
from __future__ import annotations

from typing import Any

CODES = (
    "no_change",                # a proposal identical to the set it would replace
    "no_limits",                # nothing to govern with: no approved version and no snapshot limits
    "no_snapshot",              # the store holds no snapshot (with kept aggregates) to evaluate on
    "effective_date_differs",   # approval asked for another effective date than the proposal's; detail: proposed, asked
    "stale_proposal",           # made on a version that is no longer the latest; detail: proposal_id,
                                #   base_version_id, latest_version_id
    "not_pending",              # the proposal already has a decision; detail: proposal_id, status
    "period_reported",          # a limit version would take effect in a period already reported on (a
                                #   report of limits is on record for it); detail: effective, period, period_end
    "not_senior_management",    # a limit decision by a user without the senior-management role (roles are
                                #   declared on the database, Art 8(三)); detail: user, needs
    "no_rows_data",             # stress/pre-trade needs exposure rows; the aggregates alone are not enough
)


class WhatIfError(Exception):
    def __init__(self, code: str, **detail: Any):
        self.code = code
        self.detail = detail
        super().__init__(f"{code}: {detail}" if detail else code)
