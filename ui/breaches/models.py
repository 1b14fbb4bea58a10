"""What the breach register shows, adapted from core.store for Qt: labels, the case table model, its filter,
and the worker function that reads everything the screen needs.

Nothing is decided here: states, causes and the closing rule belong to core.store.cases; this module only
words and arranges what the store returns. Status words and colours are those of the reports
(reports.format: 正常/预警/超限); state and cause words are wording.codes', which the reports print too;
the register's other words are English sources translated in context "BreachLabels".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
)

from core.concentration.groups import group_heads
from core.services.cases import CAUSES, STATE_RANK, STATES, next_states  # noqa: F401 (the screen imports them from here)
from ui.common import format as fmt
from ui.common import i18n, tables
from ui.common.format import status_colours, status_label  # noqa: F401 (screens import them from here)
from ui.common.tables import ALIGN, BG, CENTER, DISPLAY, FG, FONT, RAW, RIGHT, TIP, Column  # noqa: F401 (the roles)
from wording import codes
from wording.codes import ASSET_KEYS, asset_key_name, key_name

CASE_ID = Qt.ItemDataRole.UserRole + 1   # the case id of the row (this model has no STATUS role)

CTX = "BreachLabels"
# STATES, STATE_RANK, CAUSES and next_states: the breach-case state machine of core.services.cases. The words
# of a state and of a cause are wording.codes' (CASE_STATES, CASE_CAUSES): those the reports print, so the
# register and the paper say the same (no table of words here or in the .ts file).
STATE_COLOURS = {"open": "#b3261e", "reported": "#9a6200", "approved": "#9a6200", "mitigating": "#1f5f99",
                 "closed": "#2e7d32"}
FIELD_LABELS = {
    "state": QT_TRANSLATE_NOOP("BreachLabels", "State"),
    "status": QT_TRANSLATE_NOOP("BreachLabels", "Status"),
    "ratio": QT_TRANSLATE_NOOP("BreachLabels", "Ratio"),
    "exposure": QT_TRANSLATE_NOOP("BreachLabels", "Exposure"),
    "cause": QT_TRANSLATE_NOOP("BreachLabels", "Cause"),
    "analysis": QT_TRANSLATE_NOOP("BreachLabels", "Analysis"),
    "mitigation_plan": QT_TRANSLATE_NOOP("BreachLabels", "Mitigation plan"),
    "owner": QT_TRANSLATE_NOOP("BreachLabels", "Owner"),
    "due_date": QT_TRANSLATE_NOOP("BreachLabels", "Due date"),
    "major_event": QT_TRANSLATE_NOOP("BreachLabels", "Major event"),
}
MAJOR_MARK = "★"
NAMED_DIMENSIONS = ("counterparty", "counterparty_group", "related_party", "customer", "reinsurer")


def tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def state_label(state: str | None) -> str:
    """A case's state in the interface language, as the reports print it (the code itself when unknown)."""
    return codes.words(codes.CASE_STATES, i18n.wording_lang()).get(state or "", state or fmt.DASH)


def cause_label(cause: str | None) -> str:
    """A case's cause in the interface language, as the reports print it (the code itself when unknown)."""
    return codes.words(codes.CASE_CAUSES, i18n.wording_lang()).get(cause or "", cause or fmt.DASH)


def field_label(name: str) -> str:
    return tr(FIELD_LABELS[name]) if name in FIELD_LABELS else name


def short_user(name: str | None) -> str:
    """A user name as a narrow column shows it: "李明（风险管理部）" → "李明", "风险管理部 王敏" → "王敏" (the tooltip
    and the timeline show it whole)."""
    if not name:
        return ""
    for bracket in ("（", "("):
        if bracket in name and not name.startswith(bracket):
            return name.split(bracket, 1)[0].strip()
    return name.split()[-1] if " " in name.strip() else name


# ---------------------------------------------------------------------------------------- loaded data
@dataclass
class LimitInfo:
    limit_id: str
    name: str
    dimension: str
    scope: str


@dataclass
class EvaluationInfo:
    evaluation_id: int
    snapshot_id: int
    as_of: date
    created_at: str
    withdrawn: bool = False      # of a withdrawn snapshot: shown for the cases it opened, never evidence


@dataclass
class RegisterData:
    """Everything the register shows, read in one worker call (`load_register`)."""

    cases: list = field(default_factory=list)                         # [core.store.records.BreachCase]
    limits: dict[str, LimitInfo] = field(default_factory=dict)        # limit_id -> latest description
    names: dict[str, str] = field(default_factory=dict)               # counterparty_id -> name
    issuers: dict[str, str] = field(default_factory=dict)             # instrument_id -> counterparty_id
    evaluations: dict[int, EvaluationInfo] = field(default_factory=dict)
    name_snapshots: set[int] = field(default_factory=set)         # the snapshots the names were read from
    heads: dict[str, tuple[str, int]] = field(default_factory=dict)   # group key -> (head id, size), groups.group_heads

    def keep_names_of(self, earlier: "RegisterData") -> None:
        """Names read by an earlier load (snapshots never change), under those read now."""
        self.names = {**earlier.names, **self.names}
        self.issuers = {**earlier.issuers, **self.issuers}
        self.heads = {**earlier.heads, **self.heads}
        self.name_snapshots |= earlier.name_snapshots

    def limit_text(self, limit_id: str) -> str:
        info = self.limits.get(limit_id)
        return f"{limit_id} {info.name}" if info and info.name else limit_id

    def key_name(self, limit_id: str, key: str | None) -> str:
        """The name behind a key: a counterparty's or group's name, an instrument's issuer."""
        if key is None:
            return ""
        if key in ("*", "UNKNOWN"):       # all keys together, the look-through remainder: wording's words
            return key_name(key, i18n.wording_lang())
        info = self.limits.get(limit_id)
        dimension = info.dimension if info else ""
        if dimension == "counterparty_group" and key in self.heads:   # "DEVHOLD 等 3 家": the company heading it
            from wording.codes import group_name

            head, size = self.heads[key]
            return group_name(self.names.get(head) or head, size, i18n.wording_lang())
        if dimension in NAMED_DIMENSIONS:
            return self.names.get(key, "")
        if dimension == "single_asset":
            issuer = self.issuers.get(key)
            return self.names.get(issuer, "") if issuer else ""
        if dimension in ("asset_class", "overseas") and key in ASSET_KEYS:
            return asset_key_name(key, i18n.wording_lang())
        if dimension in ("industry", "region", "premium_region"):
            from wording.codes import industry_name, region_name

            return (industry_name if dimension == "industry" else region_name)(key, i18n.wording_lang())
        return ""

    def key_text(self, limit_id: str, key: str | None) -> str:
        if key is None:
            return fmt.DASH
        name = self.key_name(limit_id, key)
        if key in ("*", "UNKNOWN") or key in ASSET_KEYS:
            return name or key                             # a fixed code: its words alone
        return f"{key} {name}" if name else key

    def later_evaluations(self, after_evaluation_id: int | None) -> list[EvaluationInfo]:
        """Evaluations of snapshots after that of `after_evaluation_id` (by as_of, then snapshot id), newest
        first: the candidates to cite when closing (the store checks them again)."""
        last = self.evaluations.get(after_evaluation_id) if after_evaluation_id is not None else None
        found = [e for e in self.evaluations.values() if not e.withdrawn
                 and (last is None or (e.as_of, e.snapshot_id) > (last.as_of, last.snapshot_id))]
        return sorted(found, key=lambda e: (e.as_of, e.snapshot_id, e.evaluation_id), reverse=True)


def is_stress(evaluation) -> bool:
    """A stored stress-test result (core.whatif.stress keeps them as evaluations of their snapshot): not a
    limit evaluation, never evidence for a case and never a source of limit names. The rule is
    core.services.evaluations'."""
    from core.services.evaluations import is_stress_evaluation

    return is_stress_evaluation(evaluation)


def load_register(store, with_names: bool = True, known: frozenset = frozenset()) -> RegisterData:
    """Read the cases and their context (worker thread; no Qt). Names come from the latest snapshot and from
    the snapshots in which cases were opened (at most a few): by the cases' keys from a snapshot stored as
    blocks, else from the whole snapshot, skipping those in `known` (already read whole: a snapshot never
    changes, so its names need reading once per session)."""
    from core.concentration.snapshots import holding_issuers  # (pandas-heavy: not at the GUI's start-up)

    data = RegisterData(cases=store.list_cases())
    # withdrawn snapshots too: the cases their evaluation opened stay in the register (never closed by the
    # withdrawal) and show where they came from; the latest snapshot not withdrawn gives the names
    every = store.list_snapshots(include_withdrawn=True)    # newest first
    snapshots = [s for s in every if s.withdrawal is None]
    for info in reversed(every):                           # oldest first: the newest description wins
        for ev in reversed(store.evaluations_for(info.id)):
            if is_stress(ev):
                continue
            data.evaluations[ev.id] = EvaluationInfo(ev.id, info.id, info.as_of, ev.created_at,
                                                     info.withdrawal is not None)
            for entry in (ev.result or {}).get("limits", []):
                lid = entry.get("limit_id")
                if lid:
                    data.limits[lid] = LimitInfo(lid, entry.get("name") or "", entry.get("dimension") or "",
                                                 entry.get("scope") or "")
    if with_names and snapshots:
        shown = _case_keys(data)
        wanted = [snapshots[0].id]
        for case in data.cases:
            ev = data.evaluations.get(case.opened_evaluation_id)
            if ev is not None and ev.snapshot_id not in wanted:
                wanted.append(ev.snapshot_id)
        for sid in reversed(wanted[:4]):                   # the latest last: its names win
            data.name_snapshots.add(sid)
            # a snapshot stored as blocks names the cases' keys by id, cheaply: read again at every load, for
            # the keys of that load (a case opened meanwhile has a key not named before)
            if _read_names_by_key(store, sid, shown, data):
                continue
            if sid in known:
                continue
            group = store.load_snapshot(sid)
            cps = group.counterparties
            if cps is not None and len(cps):
                data.names.update(zip(cps["counterparty_id"].astype(str), cps["name"].fillna("").astype(str)))
                data.heads.update(group_heads(cps))
            # a single asset's issuer by the one rule of screen and paper (none when held against several)
            data.issuers.update(holding_issuers(group.exposures))
    return data


def _case_keys(data: RegisterData) -> dict[str, set[str]]:
    """{dimension: the keys of the register's cases} that a name is read for."""
    keys: dict[str, set[str]] = {}
    for case in data.cases:
        info = data.limits.get(case.limit_id)
        if info is not None and case.key is not None and case.key not in ("*", "UNKNOWN"):
            keys.setdefault(info.dimension, set()).add(str(case.key))
    return keys


def _read_names_by_key(store, snapshot_id: int, keys: dict[str, set[str]], data: RegisterData) -> bool:
    """Name the cases' keys from a snapshot stored as blocks (schema v8) by id, as a report does
    (core.store.report_reads): its counterparties decoded once, the heads of the cases' groups from their own
    counterparties, the cases' single assets' issuers by the one rule (the store's exposure_issuers), instead
    of loading the whole snapshot (about 3 s at a million exposures). The same names as the whole snapshot
    gives them, for these keys. False when the snapshot is not stored so (the caller loads it whole)."""
    from core.concentration.groups import group_heads  # noqa: PLC0415 - pandas-heavy: not at start-up

    lookup = store.counterparty_lookup(snapshot_id) if hasattr(store, "counterparty_lookup") else None
    if lookup is None:
        return False
    ids: set[str] = set()
    for dimension in NAMED_DIMENSIONS:
        ids |= keys.get(dimension, set())
    groups = sorted(keys.get("counterparty_group", set()))
    if groups:
        heads = group_heads(lookup.group_links(groups))
        data.heads.update({k: heads[k] for k in groups if k in heads})
        ids |= {head for head, _ in (heads[k] for k in groups if k in heads)}
    instruments = keys.get("single_asset", set())
    if instruments:
        issuers = store.exposure_issuers(snapshot_id, sorted(instruments))
        data.issuers.update(issuers)
        ids |= set(issuers.values())
    if ids:
        names = lookup.names(ids)
        data.names.update({i: names.get(i, "") for i in lookup.known(ids)})
    return True


# ------------------------------------------------------------------------------------------ the table
class CasesModel(tables.RowsModel):
    """One row per case (core.store BreachCase), newest first as the store lists them: the one table
    toolkit's model (ui.common.tables), its columns described by `Column`s."""

    CONTEXT = CTX
    ID, LIMIT, KEY, STATUS, RATIO, STATE, CAUSE, OWNER, DUE, MAJOR, OPENED, CHANGED = range(12)
    HEADERS = (QT_TRANSLATE_NOOP("BreachLabels", "Case"),
               QT_TRANSLATE_NOOP("BreachLabels", "Limit"),
               QT_TRANSLATE_NOOP("BreachLabels", "Key"),
               QT_TRANSLATE_NOOP("BreachLabels", "Status"),
               QT_TRANSLATE_NOOP("BreachLabels", "Ratio"),
               QT_TRANSLATE_NOOP("BreachLabels", "State"),
               QT_TRANSLATE_NOOP("BreachLabels", "Cause"),
               QT_TRANSLATE_NOOP("BreachLabels", "Owner"),
               QT_TRANSLATE_NOOP("BreachLabels", "Due date"),
               MAJOR_MARK,
               QT_TRANSLATE_NOOP("BreachLabels", "Opened"),
               QT_TRANSLATE_NOOP("BreachLabels", "Last change"))
    HEADER_TIPS = {MAJOR: QT_TRANSLATE_NOOP("BreachLabels",
                                            "Major concentration risk event (重大集中度风险事件)"),
                   STATUS: QT_TRANSLATE_NOOP("BreachLabels", "Status when last flagged by a stored evaluation"),
                   RATIO: QT_TRANSLATE_NOOP("BreachLabels", "Ratio when last flagged")}

    def __init__(self, parent: QObject | None = None, today=None):
        self.data_: RegisterData = RegisterData()
        self._today = today or date.today
        super().__init__(self._columns(), parent)

    def _columns(self) -> list[Column]:
        h = self.HEADERS
        muted = "#7a7a7a"       # a closed case

        def fg(colour=None):
            """A column's text colour: `colour(case)` where it says one, grey for a closed case."""
            return lambda c: (colour(c) if colour else None) or (muted if c.state == "closed" else None)

        def when(stamp, by):
            return f"{fmt.local_time(stamp)[:10]} {short_user(by)}".strip()

        return [
            Column(h[self.ID], lambda c: f"#{c.id}", raw=lambda c: c.id, align=CENTER, fg=fg()),
            Column(h[self.LIMIT], lambda c: self.data_.limit_text(c.limit_id), raw=lambda c: c.limit_id, fg=fg(),
                   tip=lambda c: self.data_.limit_text(c.limit_id)),
            Column(h[self.KEY], lambda c: self.data_.key_text(c.limit_id, c.key), raw=lambda c: c.key or "",
                   fg=fg(), tip=lambda c: self.data_.key_text(c.limit_id, c.key)),
            Column(h[self.STATUS], lambda c: status_label(c.status),
                   raw=lambda c: {"breach": 0, "warning": 1}.get(c.status or "", 2), align=CENTER,
                   fg=lambda c: status_colours(c.status)[0],
                   bg=lambda c: status_colours(c.status)[1] if c.state != "closed" else None, bold=lambda c: True),
            Column(h[self.RATIO], lambda c: fmt.percent(float(c.ratio)) if c.ratio is not None else fmt.DASH,
                   raw=lambda c: float(c.ratio) if c.ratio is not None else -1.0, align=RIGHT, fg=fg()),
            Column(h[self.STATE], lambda c: state_label(c.state), raw=lambda c: STATE_RANK.get(c.state, 9),
                   align=CENTER, fg=lambda c: STATE_COLOURS.get(c.state, "#37474f")),
            Column(h[self.CAUSE], lambda c: cause_label(c.cause) if c.cause else "", raw=lambda c: c.cause or "",
                   fg=fg(), tip=lambda c: cause_label(c.cause) if c.cause else ""),
            Column(h[self.OWNER], lambda c: c.owner or "", fg=fg(), tip=lambda c: c.owner or ""),
            Column(h[self.DUE], lambda c: c.due_date.isoformat() if c.due_date else "",
                   raw=lambda c: c.due_date.isoformat() if c.due_date else "9999", align=CENTER,
                   fg=fg(lambda c: "#c62828" if self.overdue(c) else None), bold=self.overdue,
                   tip=lambda c: tr(QT_TRANSLATE_NOOP("BreachLabels", "Overdue")) if self.overdue(c) else None),
            Column(h[self.MAJOR], lambda c: MAJOR_MARK if c.major_event else "", raw=lambda c: int(c.major_event),
                   align=CENTER, fg=fg(lambda c: "#c62828" if c.major_event else None), bold=lambda c: True,
                   tip=lambda c: tr(self.HEADER_TIPS[self.MAJOR]) if c.major_event else None),
            Column(h[self.OPENED], lambda c: when(c.opened_at, c.opened_by), raw=lambda c: c.opened_at, fg=fg(),
                   tip=lambda c: f"{fmt.local_time(c.opened_at)} {c.opened_by or ''}"),
            Column(h[self.CHANGED], lambda c: when(c.updated_at, c.updated_by), raw=lambda c: c.updated_at, fg=fg(),
                   tip=lambda c: f"{fmt.local_time(c.updated_at)} {c.updated_by or ''}"),
        ]

    @property
    def cases(self) -> list:
        return self.rows

    def set_data(self, data: RegisterData) -> None:
        self.data_ = data
        self.set_rows(data.cases)

    def row_of(self, case_id: int) -> int:
        for i, c in enumerate(self.rows):
            if c.id == case_id:
                return i
        return -1

    def overdue(self, case) -> bool:
        return case.due_date is not None and case.state != "closed" and case.due_date < self._today()

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation == Qt.Orientation.Horizontal and role == TIP and section in self.HEADER_TIPS:
            return tr(self.HEADER_TIPS[section])
        return super().headerData(section, orientation, role)

    def data(self, index: QModelIndex, role=DISPLAY):
        if role == CASE_ID and index.isValid():
            return self.rows[index.row()].id
        return super().data(index, role)


class CasesFilter(QSortFilterProxyModel):
    """State ("active", one state, or None = all), major events only, one limit (None = all)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.state: str | None = "active"
        self.major_only = False
        self.limit_id: str | None = None
        self.setSortRole(RAW)

    def set_filter(self, *, state: str | None = ..., major_only: bool | None = None,
                   limit_id: str | None = ...) -> None:
        self.beginFilterChange()
        if state is not ...:
            self.state = state
        if major_only is not None:
            self.major_only = major_only
        if limit_id is not ...:
            self.limit_id = limit_id
        self.endFilterChange()

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        model: CasesModel = self.sourceModel()
        case = model.cases[row]
        if self.state == "active" and case.state == "closed":
            return False
        if self.state not in (None, "active") and case.state != self.state:
            return False
        if self.major_only and not case.major_event:
            return False
        if self.limit_id is not None and case.limit_id != self.limit_id:
            return False
        return True
