"""The history store: the only code that touches the SQLite database.

Everything a risk officer puts on record is kept here and never changed: rating assessments, group data
snapshots, evaluations, limit-set proposals/decisions/versions, the breach register, report records and the
officer's texts. Changes are new rows; every table refuses UPDATE and DELETE (triggers). Every change also
appends a row to `journal` (action, entity, entity_id, payload JSON, created_at UTC, created_by) in the
same transaction: the audit trail reads it.

Schema: `schema.py` (migrations 1..n, PRAGMA user_version). Crash safety: `base.py` module doc.
"""
from core.store.base import DB_FILE_NAME, default_db_path
from core.store.errors import CODES, StoreError
from core.store.records import (
    AssessmentRecord,
    BoardApproval,
    BreachCase,
    CaseEvent,
    CaseSweep,
    Decision,
    EvaluationRecord,
    JournalEntry,
    LimitSet,
    LimitSetVersion,
    Proposal,
    ProposalWithdrawal,
    ReportRecord,
    SnapshotInfo,
    SnapshotWithdrawal,
    TextVersion,
)
from core.store.schema import SCHEMA_VERSION
from core.store.store import Store

__all__ = [
    "Store", "StoreError", "CODES", "SCHEMA_VERSION", "DB_FILE_NAME", "default_db_path",
    "AssessmentRecord", "SnapshotInfo", "EvaluationRecord", "LimitSet", "LimitSetVersion", "Proposal",
    "Decision", "BreachCase", "CaseEvent", "CaseSweep", "ReportRecord", "TextVersion", "JournalEntry",
    "BoardApproval", "ProposalWithdrawal", "SnapshotWithdrawal",
]
