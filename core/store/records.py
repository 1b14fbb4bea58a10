"""What the store returns: plain frozen dataclasses (and DataFrames), never sentences."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import pandas as pd


@dataclass(frozen=True)
class AssessmentRecord:
    id: int
    kind: str                    # "self" | "regulator"
    company: str
    period: str
    rulebook_id: str | None
    rulebook_version: str | None
    rulebook_sha256: str | None
    input: dict[str, Any]
    result: dict[str, Any]
    note: str | None
    created_at: str              # UTC ISO 8601
    created_by: str | None


@dataclass(frozen=True)
class SnapshotWithdrawal:
    """A snapshot imported by mistake, withdrawn: who, when, why. The snapshot itself stays on record."""

    id: int
    snapshot_id: int
    reason: str
    created_at: str
    created_by: str


@dataclass(frozen=True)
class SnapshotInfo:
    id: int
    group_name: str
    as_of: date
    source: str | None
    limits_origin: Any           # JSON: "data" or {"limit_set_id": .., "version": ..}
    n_members: int
    n_counterparties: int
    n_exposures: int
    n_limits: int
    n_business: int
    has_business: bool
    created_at: str
    created_by: str | None
    withdrawal: SnapshotWithdrawal | None = None     # set when the snapshot was withdrawn


@dataclass(frozen=True)
class EvaluationRecord:
    id: int
    snapshot_id: int
    limit_set_ref: dict[str, Any]
    limit_set_version_id: int | None
    result: dict[str, Any]
    aggregate_names: tuple[str, ...]
    created_at: str
    created_by: str | None
    # filled by load_evaluation only (evaluations_for leaves it None to stay fast)
    aggregates: dict[str, pd.DataFrame] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class LimitSet:
    id: int
    name: str
    created_at: str
    created_by: str | None


@dataclass(frozen=True)
class LimitSetVersion:
    id: int
    limit_set_id: int
    version: int                 # 1, 2, ... per limit set
    effective_date: date
    proposal_id: int
    decision_id: int
    approved_by: str
    approved_at: str
    n_rows: int
    created_at: str
    created_by: str | None
    rows: pd.DataFrame | None = field(default=None, compare=False)   # LIMIT_COLUMNS, Decimal ratios


@dataclass(frozen=True)
class Decision:
    id: int
    proposal_id: int
    decider: str
    decision: str                # "approve" | "reject"
    comment: str | None
    evaluation: dict[str, Any] | None
    version_id: int | None       # the version the approval created
    created_at: str
    created_by: str | None


@dataclass(frozen=True)
class ProposalWithdrawal:
    """The maker took back their own pending proposal: who (the proposer), when, why."""

    id: int
    proposal_id: int
    reason: str
    created_at: str
    created_by: str


@dataclass(frozen=True)
class Proposal:
    id: int
    limit_set_id: int
    base_version_id: int | None
    proposer: str
    reason: str | None
    effective_date: date
    evaluation: dict[str, Any] | None
    n_rows: int
    status: str                  # "pending" | "approved" | "rejected" | "withdrawn" (from decision / withdrawal)
    decision: Decision | None
    created_at: str
    created_by: str | None
    rows: pd.DataFrame | None = field(default=None, compare=False)
    withdrawal: ProposalWithdrawal | None = None


@dataclass(frozen=True)
class BreachCase:
    """A case's current state = its latest event (the events hold the full state after each change)."""

    id: int
    limit_id: str
    key: str | None
    opened_evaluation_id: int
    opened_at: str
    opened_by: str | None
    state: str                   # open | reported | approved | mitigating | closed
    status: str | None           # last observed: warning | breach
    ratio: Decimal | None        # last observed
    exposure: Decimal | None     # last observed, yuan
    cause: str | None
    analysis: str | None
    mitigation_plan: str | None
    owner: str | None
    due_date: date | None
    major_event: bool
    last_event_id: int
    updated_at: str
    updated_by: str | None


@dataclass(frozen=True)
class CaseEvent:
    id: int
    case_id: int
    action: str                  # opened | observed | updated | closed
    evaluation_id: int | None
    state: str
    status: str | None
    ratio: Decimal | None
    exposure: Decimal | None
    cause: str | None
    analysis: str | None
    mitigation_plan: str | None
    owner: str | None
    due_date: date | None
    major_event: bool
    comment: str | None
    changes: dict[str, Any]
    created_at: str
    created_by: str | None


@dataclass(frozen=True)
class CaseSweep:
    """What `open_cases_from_evaluation` did: case ids opened, observed again, and skipped (already seen)."""

    opened: tuple[int, ...]
    observed: tuple[int, ...]
    skipped: tuple[int, ...]


@dataclass(frozen=True)
class ReportRecord:
    id: int
    kind: str
    period: str | None
    snapshot_id: int | None
    params: dict[str, Any]
    sha256: str | None
    path: str | None
    created_at: str
    created_by: str | None
    chain_head: str | None = None      # the history's chain head the report was made from (printed on it)


@dataclass(frozen=True)
class TextVersion:
    id: int
    kind: str
    period: str
    text: str
    created_at: str
    created_by: str | None


@dataclass(frozen=True)
class BoardApproval:
    """A board's approval of one officer-text version (e.g. the annual disclosure's), bound to its SHA-256."""

    id: int
    report_kind: str             # "disclosure"
    period: str
    approving_body: str          # e.g. "董事会"
    meeting_ref: str             # the meeting / resolution, e.g. "第三届董事会第八次会议"
    approval_date: date          # the day the body approved
    text_id: int                 # the officer_text version approved
    text_sha256: str             # SHA-256 of that version's text (core.approvals.text_sha256)
    created_at: str              # when it was recorded (store clock)
    created_by: str | None       # who recorded it


@dataclass(frozen=True)
class JournalEntry:
    id: int
    action: str
    entity: str
    entity_id: int | None
    payload: dict[str, Any]
    created_at: str
    created_by: str | None
