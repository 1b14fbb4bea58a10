"""The duty calendar (governance.md "Duty calendar"): each duty's periods, due dates and status, derived
from the records on file, never ticked by hand.

    duty_calendar(records, today=date(2025, 7, 15), start=date(2024, 12, 31), assessments=[...])

A duty instance is DONE when the record that proves it exists for its period and is dated on or before
`today` (a record dated later did not exist yet on that day); otherwise OVERDUE when its due date has
passed, DUE when it falls within `settings.due_window_days` (60), NOT_YET beyond. Periods are counted from
the first one ending on or after `start` (the group's first data) up to the one containing `today`.

Due dates are settings (`DutySettings`) where the guideline gives no date; `SETTING_SOURCES` says which
are the guideline's ([article]), the rating rules' ([rating]) and suggestions ([setting]). Working days are
Monday to Friday (public holidays are not known to the tool: the setting's default of 5 leaves room).
Pure functions: no SQL, no sentences.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Iterable

from core.governance.records import GovernanceRecord
from core.periods import Period

DONE, DUE, OVERDUE, NOT_YET = "done", "due", "overdue", "not_yet"
STATUSES = (DONE, DUE, OVERDUE, NOT_YET)

# duty id -> (period kind, source tag, articles); in the order of governance.md's table
DUTIES: dict[str, tuple[str, str, str]] = {
    "semiannual_report": ("half_year", "article", "Art 18, 23"),
    "quarterly_submission": ("quarter", "article", "Art 24"),
    "annual_chapter": ("year", "article", "Art 25"),
    "disclosure": ("year", "article", "Art 26"),
    "internal_audit": ("year", "article", "Art 20"),
    "policy_review": ("policy", "setting", "Art 11"),
    "rating_self_assessment": ("year", "rating", "金规〔2024〕4号"),
    "major_event_notice": ("event", "article", "Art 17, 23"),
}


@dataclass(frozen=True)
class DutySettings:
    """The due dates. Defaults are governance.md's; the ones tagged [setting] are suggestions the group may
    change (shown as such)."""

    semiannual_months_after: int = 2          # [setting] 2 months after the half year ends
    quarterly_days_after: int = 30            # [setting] with the quarterly consolidated returns
    annual_chapter_due: str = "04-30"         # [setting] of the next year
    disclosure_due: str = "06-15"             # [article] Art 26: 15 June of the next year
    audit_due: str = "12-31"                  # [setting] of the audited year
    policy_review_months: int = 12            # [setting] after the last approval (unless the record says)
    rating_deadline: str = "04-30"            # [rating] the rulebook's `deadline`, of the next year
    event_working_days: int = 5               # [setting] "及时": working days after the event
    due_window_days: int = 60                 # "due" = due within this many days

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


MONTH_DAY_SETTINGS = ("annual_chapter_due", "disclosure_due", "audit_due", "rating_deadline")


def clean_overrides(values: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The settings a group changed, checked: (cleaned {name: value}, problems [(name, code)]). Counts are
    whole numbers 0-366 (code `bad_count`), dates "MM-DD" of a real day (`bad_month_day`); a blank value means
    the default and is dropped; an unknown name is `unknown_setting`."""
    names = DutySettings.__dataclass_fields__
    clean: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for name, value in values.items():
        text = "" if value is None else str(value).strip()
        if name not in names:
            problems.append((name, "unknown_setting"))
        elif not text:
            continue
        elif name in MONTH_DAY_SETTINGS:
            try:
                month, day = (int(x) for x in text.split("-"))
                date(2024, month, day)                     # a leap year: 02-29 is a real day
                clean[name] = f"{month:02d}-{day:02d}"
            except ValueError:
                problems.append((name, "bad_month_day"))
        else:
            if text.isdigit() and int(text) <= 366:
                clean[name] = int(text)
            else:
                problems.append((name, "bad_count"))
    return clean, problems


# setting -> (tag, source): what the GUI shows beside each date
SETTING_SOURCES: dict[str, tuple[str, str]] = {
    "semiannual_months_after": ("setting", "Art 18, 23: 至少每半年"),
    "quarterly_days_after": ("setting", "Art 24: 按时报送"),
    "annual_chapter_due": ("setting", "Art 25"),
    "disclosure_due": ("article", "Art 26: 每年6月15日前"),
    "audit_due": ("setting", "Art 20: 至少每年"),
    "policy_review_months": ("setting", "Art 11"),
    "rating_deadline": ("rating", "rulebook `deadline`"),
    "event_working_days": ("setting", "Art 17, 23: 及时"),
    "due_window_days": ("setting", ""),
}


@dataclass(frozen=True)
class DutyItem:
    """One duty for one period. `record`: {"kind", "id", "date"} of the record that satisfied it (None when
    not done); `late`: done after the due date; `detail`: what the duty is about (event title, policy...)."""

    duty: str
    period: str
    due: date | None
    status: str
    record: dict[str, Any] | None = None
    late: bool = False
    detail: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"duty": self.duty, "period": self.period, "due": None if self.due is None else self.due.isoformat(),
                "status": self.status, "record": self.record, "late": self.late, "detail": self.detail,
                "source": DUTIES[self.duty][2]}


@dataclass(frozen=True)
class Assessment:
    """A rating self-assessment on file: its rated period (the year), the day it was made, its id."""

    period: str
    day: date
    id: int


# -- dates ------------------------------------------------------------------------------------------------

def month_day(year: int, text: str) -> date:
    """`MM-DD` of `year` (29 February becomes 28 February in a common year)."""
    month, day = (int(x) for x in str(text).split("-"))
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clipped to the month's end (31 Aug + 6 = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def month_end_after(end: date, months: int) -> date:
    """The last day of the month `months` after the month of `end` (30 Jun + 2 = 31 Aug)."""
    first = add_months(end.replace(day=1), months)
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def add_working_days(day: date, n: int) -> date:
    """`n` working days (Monday-Friday) after `day`."""
    out = day
    while n > 0:
        out += timedelta(days=1)
        if out.weekday() < 5:
            n -= 1
    return out


def status_of(due: date | None, today: date, done: bool, window: int) -> str:
    if done:
        return DONE
    if due is None or due < today:
        return OVERDUE
    return DUE if (due - today).days <= window else NOT_YET


def periods_between(kind: str, start: date, today: date) -> list[Period]:
    """The periods of `kind` ("Y", "H", "Q") from the one ending on or after `start` to the one holding `today`."""
    parts = {"Y": 1, "H": 2, "Q": 4}[kind]
    out: list[Period] = []
    for year in range(start.year, today.year + 1):
        for index in range(1, parts + 1):
            p = Period(year, kind, index)
            if p.end >= start and p.start <= today:
                out.append(p)
    return out


# -- the calendar -----------------------------------------------------------------------------------------

def _ref(r: GovernanceRecord | Assessment, kind: str) -> dict[str, Any]:
    return {"kind": kind, "id": r.id, "date": r.day.isoformat()}


def _first(found: list, key=lambda r: (r.day, r.id)):
    return min(found, key=key) if found else None


def _item(duty: str, period: str, due: date | None, today: date, window: int, proof, kind: str,
          **detail) -> DutyItem:
    done = proof is not None
    return DutyItem(duty, period, due, status_of(due, today, done, window),
                    _ref(proof, kind) if done else None, bool(done and due is not None and proof.day > due),
                    {k: v for k, v in detail.items() if v is not None})


def duty_calendar(records: Iterable[GovernanceRecord], today: date, start: date | None = None,
                  assessments: Iterable[Assessment] = (), settings: DutySettings | None = None) -> list[DutyItem]:
    """Every duty instance from `start` to `today`, ordered by due date (undated last), then duty.
    `start` None: the earliest day among the records and assessments (today when there is none)."""
    s = settings or DutySettings()
    window = s.due_window_days
    known = [r for r in records if r.day <= today]
    done_assessments = [a for a in assessments if a.day <= today]
    if start is None:
        days = [r.day for r in known] + [a.day for a in done_assessments]
        start = min(days) if days else today
    by_kind: dict[str, list[GovernanceRecord]] = {}
    for r in known:
        by_kind.setdefault(r.kind, []).append(r)

    def submitted(report_kind: str, period: str) -> GovernanceRecord | None:
        return _first([r for r in by_kind.get("submission", ())
                       if r.get("report_kind") == report_kind and str(r.get("period")).upper() == period])

    items: list[DutyItem] = []
    for p in periods_between("H", start, today):
        proof = _first([r for r in by_kind.get("board_opinion", ())
                        if r.get("report_kind") == "semiannual" and str(r.get("period")).upper() == p.code])
        items.append(_item("semiannual_report", p.code, month_end_after(p.end, s.semiannual_months_after), today,
                           window, proof, "board_opinion"))
    for p in periods_between("Q", start, today):
        items.append(_item("quarterly_submission", p.code, p.end + timedelta(days=s.quarterly_days_after), today,
                           window, submitted("quarterly", p.code), "submission"))
    for p in periods_between("Y", start, today):
        year = p.year
        items.append(_item("annual_chapter", p.code, month_day(year + 1, s.annual_chapter_due), today, window,
                           submitted("annual_chapter", p.code), "submission"))
        items.append(_item("disclosure", p.code, month_day(year + 1, s.disclosure_due), today, window,
                           submitted("disclosure", p.code), "submission"))
        audit = _first([r for r in by_kind.get("audit", ()) if r.day.year == year])
        items.append(_item("internal_audit", p.code, month_day(year, s.audit_due), today, window, audit, "audit"))
        rated = _first([a for a in done_assessments if str(a.period).strip() == p.code])
        items.append(_item("rating_self_assessment", p.code, month_day(year + 1, s.rating_deadline), today, window,
                           rated, "assessment"))
    items += _policy_reviews(by_kind.get("policy", []), today, s)
    items += _event_notices(by_kind.get("major_event", []), by_kind.get("board_notification", []), today, s)
    return sorted(items, key=lambda i: (i.due is None, i.due or date.max, list(DUTIES).index(i.duty), i.period))


def review_due(policy: GovernanceRecord, settings: DutySettings) -> date:
    """The policy version's next review: the date on the record, else `policy_review_months` after approval."""
    return policy.get("next_review_date") or add_months(policy.get("approval_date"), settings.policy_review_months)


def _policy_reviews(policies: list[GovernanceRecord], today: date, s: DutySettings) -> list[DutyItem]:
    """Per policy title: each version's review is done by the next version approved after it; the newest
    version's review is open. No policy on record at all: the policy itself is overdue (Art 11)."""
    if not policies:
        return [DutyItem("policy_review", "policy", None, OVERDUE, None, False, {"missing": "policy"})]
    items = []
    by_title: dict[str, list[GovernanceRecord]] = {}
    for r in policies:
        by_title.setdefault(r.get("title"), []).append(r)
    for title, versions in by_title.items():
        versions.sort(key=lambda r: (r.day, r.id))
        for i, v in enumerate(versions):
            following = versions[i + 1] if i + 1 < len(versions) else None
            items.append(_item("policy_review", f"{title} {v.get('version')}", review_due(v, s), today,
                               s.due_window_days, following, "policy", title=title, version=v.get("version"),
                               policy_id=v.id))
    return items


def _event_notices(events: list[GovernanceRecord], notices: list[GovernanceRecord], today: date,
                   s: DutySettings) -> list[DutyItem]:
    """Each major event is reported to the board within `event_working_days` working days: done by the
    first board notification that names it."""
    items = []
    for e in sorted(events, key=lambda r: (r.day, r.id)):
        proof = _first([n for n in notices if str(e.id) in {str(x) for x in (n.get("event_ids") or ())}])
        items.append(_item("major_event_notice", f"event {e.id}", add_working_days(e.day, s.event_working_days),
                           today, s.due_window_days, proof, "board_notification", event_id=e.id,
                           title=e.get("title"), event_kind=e.get("event_kind")))
    return items


def unnotified_events(records: Iterable[GovernanceRecord], today: date) -> list[GovernanceRecord]:
    """Major events dated on or before `today` that no board notification (dated by then) names."""
    known = [r for r in records if r.day <= today]
    named = {str(x) for r in known if r.kind == "board_notification" for x in (r.get("event_ids") or ())}
    return [r for r in known if r.kind == "major_event" and str(r.id) not in named]


def summary(items: Iterable[DutyItem]) -> dict[str, int]:
    out = {s: 0 for s in STATUSES}
    for i in items:
        out[i.status] += 1
    return out
