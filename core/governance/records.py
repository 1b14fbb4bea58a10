"""What each governance record holds (governance.md "Records the tool keeps") and how its values are checked.

One `RecordSpec` per kind: its table, its fields (name, type, required) and the field that dates it (the day
the thing happened: the board met, the report was sent, the audit was made). A record counts for a duty from
that day on, not from the moment it was typed in: the calendar "as at 15 July 2025" ignores what happened
after. `validate_record` returns the cleaned values and problems as (field, code, detail) triples; the store
refuses a record with problems. No SQL, no sentences.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

# field types: text (stripped), date (ISO day), decimal (exact, kept as written), ids (a list of
# identifiers: JSON in the table), sha256 (64 hex digits), choice (one of `choices`)
TYPES = ("text", "date", "decimal", "ids", "sha256", "choice")

APPROVAL_BODIES = ("board", "senior_management")         # Art 7 (board), Art 8 (senior management)
POLICY_KINDS = ("policy", "over_limit_procedure", "other")  # Art 11 制度; Art 8(二) 超限额处置流程
REPORT_KINDS = ("semiannual", "quarterly", "annual_chapter", "disclosure", "rating", "other")
EVENT_KINDS = ("limit_breach", "counterparty_default", "downgrade", "catastrophe", "other")


@dataclass(frozen=True)
class Field:
    name: str
    type: str = "text"
    required: bool = True
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecordSpec:
    kind: str
    table: str
    fields: tuple[Field, ...]
    date_field: str                   # the day the record dates from
    article: str                      # the guideline article that asks for it

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


def _f(name: str, type_: str = "text", required: bool = True, choices: tuple[str, ...] = ()) -> Field:
    return Field(name, type_, required, choices)


KINDS: dict[str, RecordSpec] = {s.kind: s for s in (
    # a versioned statement per dimension (the store numbers the versions); board-approved
    RecordSpec("appetite", "appetite_statement", (
        _f("dimension"), _f("statement"), _f("figure", "decimal", False), _f("unit", required=False),
        _f("approval_body"), _f("meeting_ref"), _f("approval_date", "date")), "approval_date", "Art 7(二), 8(一)"),
    RecordSpec("policy", "policy_document", (
        _f("title"), _f("doc_kind", "choice", choices=POLICY_KINDS), _f("version"), _f("file_sha256", "sha256"),
        _f("approval_body", "choice", choices=APPROVAL_BODIES), _f("approval_date", "date"),
        _f("next_review_date", "date", False)), "approval_date", "Art 7(一), 8(二), 11"),
    RecordSpec("board_notification", "board_notification", (
        _f("event_ids", "ids"), _f("body"), _f("notified_on", "date"), _f("reference")), "notified_on", "Art 23"),
    RecordSpec("board_opinion", "board_opinion", (
        _f("report_kind", "choice", choices=REPORT_KINDS), _f("period"), _f("meeting"), _f("meeting_date", "date"),
        _f("opinions"), _f("follow_up_owner", required=False)), "meeting_date", "Art 7(四)"),
    RecordSpec("submission", "regulator_submission", (
        _f("report_kind", "choice", choices=REPORT_KINDS), _f("period"), _f("sent_on", "date"), _f("reference")),
        "sent_on", "Art 24-26"),
    RecordSpec("audit", "internal_audit", (
        _f("period_from", "date"), _f("period_to", "date"), _f("audit_date", "date"), _f("auditor"),
        _f("findings"), _f("remediation_owner", required=False), _f("remediation_date", "date", False)),
        "audit_date", "Art 20"),
    RecordSpec("member_filing", "member_filing", (
        _f("member_id"), _f("document"), _f("filed_on", "date")), "filed_on", "Art 10"),
    # independent of limits: may cite limits, counterparties, breach cases, or none
    RecordSpec("major_event", "major_event", (
        _f("occurred_on", "date"), _f("event_kind", "choice", choices=EVENT_KINDS), _f("title"),
        _f("description", required=False), _f("limit_ids", "ids", False), _f("counterparty_ids", "ids", False),
        _f("case_ids", "ids", False)), "occurred_on", "Art 17, 23"),
)}

_HEX64 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class GovernanceRecord:
    """One record on file. `values` holds the spec's fields (dates as `date`, ids as tuples, decimals as
    `Decimal`); `version` is the per-dimension number of an appetite statement (else None)."""

    kind: str
    id: int
    values: dict[str, Any]
    reason: str | None = None
    created_at: str | None = None
    created_by: str | None = None
    version: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def day(self) -> date:
        return self.values[KINDS[self.kind].date_field]

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, (list, tuple)) and not value)


def clean_value(f: Field, value: Any) -> tuple[Any, str | None]:
    """(cleaned value, problem code or None) for one field."""
    if _blank(value):
        if f.required:
            return None, "required"
        return (() if f.type == "ids" else None), None
    if f.type == "text":
        return str(value).strip(), None
    if f.type == "choice":
        text = str(value).strip()
        return (text, None) if text in f.choices else (text, "not_a_choice")
    if f.type == "date":
        if isinstance(value, date):
            return value, None
        try:
            return date.fromisoformat(str(value).strip()), None
        except ValueError:
            return value, "bad_date"
    if f.type == "decimal":
        try:
            number = value if isinstance(value, Decimal) else Decimal(str(value).strip().replace(",", ""))
        except InvalidOperation:
            return value, "bad_number"
        return (number, None) if number.is_finite() else (value, "bad_number")
    if f.type == "sha256":
        text = str(value).strip().lower()
        return (text, None) if _HEX64.match(text) else (value, "bad_sha256")
    if f.type == "ids":
        items = value if isinstance(value, (list, tuple)) else re.split(r"[,，;；\s]+", str(value))
        out = tuple(str(v).strip() for v in items if str(v).strip())
        if not out and f.required:
            return None, "required"
        return out, None
    raise ValueError(f"unknown field type {f.type}")


def validate_record(kind: str, values: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str, dict]]]:
    """(cleaned values, problems): problems are (field, code, detail) with codes required, not_a_choice,
    bad_date, bad_number, bad_sha256, unknown_field, order (a date before the one it follows)."""
    if kind not in KINDS:
        return {}, [("kind", "not_a_choice", {"value": kind, "allowed": sorted(KINDS)})]
    spec = KINDS[kind]
    names = {f.name for f in spec.fields}
    problems: list[tuple[str, str, dict]] = [(k, "unknown_field", {"value": k}) for k in values if k not in names]
    clean: dict[str, Any] = {}
    for f in spec.fields:
        value, code = clean_value(f, values.get(f.name))
        clean[f.name] = value
        if code is not None:
            detail: dict[str, Any] = {"value": values.get(f.name)}
            if f.choices:
                detail["allowed"] = list(f.choices)
            problems.append((f.name, code, detail))
    for before, after in (("period_from", "period_to"), ("approval_date", "next_review_date")):
        a, b = clean.get(before), clean.get(after)
        if isinstance(a, date) and isinstance(b, date) and b < a:
            problems.append((after, "order", {"value": b.isoformat(), "after": before}))
    return clean, problems
