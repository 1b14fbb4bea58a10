"""What the home screen shows, read in one worker call (`load_home`), and the Qt models of its tables.

`load_home(store, today)` returns a `HomeData`: the duty calendar of the database on `today`
(core.governance.service), the governance records by kind, the role grants, the open breach cases. The
models only adapt these to rows of display texts; the words come from wording.governance.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from core.governance import duties as d
from core.governance.records import KINDS, GovernanceRecord
from ui.common import i18n, tables
from ui.common.format import DASH, local_time
from wording import governance as words

STATUS_COLOURS = {d.OVERDUE: ("#b3261e", "#fde7e7"), d.DUE: ("#8a4b00", "#fff3d6"),
                  d.DONE: ("#1b5e20", "#e8f5e9"), d.NOT_YET: ("#455a64", None)}


@dataclass
class HomeData:
    today: date | None = None
    calendar: Any = None                       # core.governance.service.Calendar
    records: dict[str, list[GovernanceRecord]] = field(default_factory=dict)
    grants: list = field(default_factory=list)
    open_cases: list = field(default_factory=list)
    user_roles: set[str] = field(default_factory=set)

    @property
    def items(self) -> list:
        return list(self.calendar.items) if self.calendar is not None else []

    def count(self, status: str) -> int:
        return sum(1 for i in self.items if i.status == status)


SETTINGS_GROUP = "screens/home/due_dates"     # the due-date settings the group changed (QSettings)


def saved_overrides() -> dict:
    """The due-date settings saved on this computer (GUI thread), checked; a bad saved value is ignored."""
    from core.governance.duties import clean_overrides
    from ui import settings

    s = settings.app_settings()
    s.beginGroup(SETTINGS_GROUP)
    values = {k: s.value(k) for k in s.childKeys()}
    s.endGroup()
    clean, _problems = clean_overrides(values)
    return clean


def save_overrides(values: dict) -> None:
    """Replace the saved due-date settings by `values` (already checked); {} restores every default."""
    from ui import settings

    s = settings.app_settings()
    s.remove(SETTINGS_GROUP)
    for k, v in values.items():
        s.setValue(f"{SETTINGS_GROUP}/{k}", str(v))
    s.sync()


def load_home(store, today: date, user: str = "", overrides: dict | None = None) -> HomeData:
    """Worker: everything the home screen shows, on `today`, with the changed due-date settings."""
    from core.governance.roles import roles_of
    from core.governance.service import calendar_for

    cal = calendar_for(store, today, overrides=overrides)
    records: dict[str, list[GovernanceRecord]] = {k: [] for k in KINDS}
    for r in cal.records:
        records[r.kind].append(r)
    grants = store.role_grants()
    return HomeData(today, cal, records, grants, store.list_cases("active"), roles_of(grants, user))


# the texts of the tables (lupdate reads them here; `tr` translates them when a table is filled)
_TEXTS = (
    QT_TRANSLATE_NOOP("HomeModels", "Duty"), QT_TRANSLATE_NOOP("HomeModels", "Period"),
    QT_TRANSLATE_NOOP("HomeModels", "Due"), QT_TRANSLATE_NOOP("HomeModels", "Status"),
    QT_TRANSLATE_NOOP("HomeModels", "Done by"), QT_TRANSLATE_NOOP("HomeModels", "Source"),
    QT_TRANSLATE_NOOP("HomeModels", "Version"), QT_TRANSLATE_NOOP("HomeModels", "Recorded by"),
    QT_TRANSLATE_NOOP("HomeModels", "Recorded at"), QT_TRANSLATE_NOOP("HomeModels", "Why"),
    QT_TRANSLATE_NOOP("HomeModels", "User"), QT_TRANSLATE_NOOP("HomeModels", "Role"),
    QT_TRANSLATE_NOOP("HomeModels", "Member"), QT_TRANSLATE_NOOP("HomeModels", "Declared or revoked"),
    QT_TRANSLATE_NOOP("HomeModels", "declared"), QT_TRANSLATE_NOOP("HomeModels", "revoked"),
    QT_TRANSLATE_NOOP("HomeModels", "Due date"), QT_TRANSLATE_NOOP("HomeModels", "Value"),
    QT_TRANSLATE_NOOP("HomeModels", " (late)"), QT_TRANSLATE_NOOP("HomeModels", " (changed)"),
)


def tr(text: str) -> str:
    return QCoreApplication.translate("HomeModels", text)


def lang() -> str:
    return i18n.wording_lang()


def value_text(kind: str, name: str, value: Any) -> str:
    """A record's value as shown in a table cell."""
    if value is None or value == ():
        return DASH
    spec_field = next((f for f in KINDS[kind].fields if f.name == name), None)
    if spec_field is not None and spec_field.type == "choice":
        return words.choice_name(str(value), lang(), name)
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class TextsModel(tables.CellsModel):
    """Rows of texts coloured per row (foreground, background), each cell its own tooltip (a narrow column cuts
    it): the table toolkit's CellsModel, headers given with the rows (a table shows one record kind at a time),
    reset on every change as before (the records table has a filter box)."""

    IN_PLACE = False

    def __init__(self, parent=None):
        super().__init__([], parent)

    def set_rows(self, headers: list[str], rows: list[list[str]], colours=None,  # type: ignore[override]
                 payload=None) -> None:
        colours = colours or [(None, None)] * len(rows)
        if headers != self.headers():
            self.set_headers(headers)
        super().set_rows([[{tables.DISPLAY: text, tables.TIP: text, tables.FG: fg, tables.BG: bg} for text in row]
                          for row, (fg, bg) in zip(rows, colours)], payload)

    @property
    def payload(self) -> list[Any]:
        return self.row_data


def record_ref_text(ref: dict | None) -> str:
    if not ref:
        return DASH
    return f"{words.record_name(ref['kind'], lang())} #{ref['id']} · {ref['date']}"


def duty_rows(items) -> tuple[list[str], list[list[str]], list]:
    headers = [tr("Duty"), tr("Period"), tr("Due"), tr("Status"),
               tr("Done by"), tr("Source")]
    rows, colours = [], []
    for i in items:
        status = words.status_name(i.status, lang())
        if i.late:
            status += tr(" (late)")
        period = i.period
        if i.duty == "major_event_notice":
            period = f"#{i.detail.get('event_id')} {i.detail.get('title', '')}"
        rows.append([words.duty_name(i.duty, lang()), period, i.due.isoformat() if i.due else DASH, status,
                     record_ref_text(i.record), d.DUTIES[i.duty][2]])
        colours.append(STATUS_COLOURS.get(i.status, (None, None)))
    return headers, rows, colours


def record_rows(kind: str, records: list[GovernanceRecord]) -> tuple[list[str], list[list[str]]]:
    """Every record of `kind`, newest first, with its fields and who / when / why."""
    spec = KINDS[kind]
    headers = ["#"] + ([tr("Version")] if kind == "appetite" else []) + [
        words.field_name(f.name, lang()) for f in spec.fields] + [
        tr("Recorded by"), tr("Recorded at"), tr("Why")]
    rows = []
    for r in sorted(records, key=lambda r: r.id, reverse=True):
        rows.append([str(r.id)] + ([str(r.version)] if kind == "appetite" else []) +
                    [value_text(kind, f.name, r.get(f.name)) for f in spec.fields] +
                    [r.created_by or DASH, local_time(r.created_at), r.reason or DASH])
    return headers, rows


def role_rows(grants) -> tuple[list[str], list[list[str]]]:
    headers = [tr("User"), tr("Role"), tr("Member"),
               tr("Declared or revoked"), tr("Recorded by"), tr("Recorded at"),
               tr("Why")]
    rows = [[g.user_name, words.role_name(g.role, lang()), g.member_id or DASH,
             tr("declared") if g.granted else tr("revoked"), g.created_by or DASH,
             local_time(g.created_at),
             g.reason or DASH] for g in reversed(grants)]
    return headers, rows


def settings_rows(settings, changed=()) -> tuple[list[str], list[list[str]]]:
    """One row per due-date setting: its value (marked when the group changed it) and its source."""
    headers = [tr("Due date"), tr("Value"), tr("Source")]
    rows = []
    for name, value in settings.as_dict().items():
        tag, source = d.SETTING_SOURCES.get(name, ("setting", ""))
        rows.append([words.setting_name(name, lang()), str(value) + (tr(" (changed)") if name in changed else ""),
                     f"{words.tag_name(tag, lang())}{' · ' + source if source else ''}"])
    return headers, rows
