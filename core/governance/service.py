"""The duty calendar of a history database: gathers what `duties.duty_calendar` needs through the store's
methods (no SQL here) — the governance records, the rating self-assessments, the first snapshot's date —
and the rating deadline from the rulebook the latest self-assessment used (the rulebook's `deadline`).
Shared by `main.py duties` and the home screen."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone

from core.governance.duties import Assessment, DutyItem, DutySettings, duty_calendar, unnotified_events
from core.governance.records import GovernanceRecord

# the day a record was made, for records dated only by their created_at (assessments): in China time, the
# users' zone (a self-assessment saved at 07:30 Beijing time on 1 May is of 1 May, not 30 April UTC)
CHINA_TIME = timezone(timedelta(hours=8))
DEFAULT_RULEBOOK = "life-2024"


def local_day(created_at: str) -> date:
    return datetime.fromisoformat(created_at).astimezone(CHINA_TIME).date()


def rating_deadline(rulebook_id: str | None) -> str | None:
    """The rulebook's `deadline` ("MM-DD" of the year after the rated period); None when it cannot be read."""
    from core.rating.rulebook import load_rulebook  # noqa: PLC0415 — only when a calendar is made

    try:
        return load_rulebook(rulebook_id or DEFAULT_RULEBOOK).deadline
    except Exception:      # an unknown or broken rulebook id on an old record: keep the setting
        return None


@dataclass(frozen=True)
class Calendar:
    """The calendar of a database on `today`, with what it was made from."""

    today: date
    start: date
    settings: DutySettings
    items: tuple[DutyItem, ...]
    records: tuple[GovernanceRecord, ...]
    unnotified: tuple[GovernanceRecord, ...]


def calendar_for(store, today: date, settings: DutySettings | None = None,
                 overrides: dict | None = None) -> Calendar:
    """The duty calendar of `store` on `today`. The rating deadline is the latest self-assessment's
    rulebook's unless `settings` were given; `overrides` (checked by duties.clean_overrides) are the
    settings the group changed, applied over those. The calendar starts at the first snapshot's as-of date
    (else the first record's day)."""
    records = tuple(store.governance_records())
    selfs = [a for a in store.list_assessments(kind="self")]
    if settings is None:
        settings = DutySettings()
        latest = max(selfs, key=lambda a: a.id, default=None)
        deadline = rating_deadline(latest.rulebook_id if latest else None)
        if deadline:
            settings = replace(settings, rating_deadline=deadline)
    if overrides:
        settings = replace(settings, **overrides)
    assessments = [Assessment(str(a.period), local_day(a.created_at), a.id) for a in selfs]
    snapshots = store.list_snapshots()
    if snapshots:
        start = min(s.as_of for s in snapshots)
    else:
        days = [r.day for r in records] + [a.day for a in assessments]
        start = min(days) if days else today
    items = duty_calendar(records, today, start=start, assessments=assessments, settings=settings)
    return Calendar(today, start, settings, tuple(items), records, tuple(unnotified_events(records, today)))
