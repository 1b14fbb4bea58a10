"""Qt models of the concentration screens, and the loaded snapshot they adapt.

Everything here adapts what core computed (`core.concentration`: the evaluation results frame, the
aggregate sums, `contributions`) for Qt views; nothing is decided here. Large tables (the sums of one
dimension can have a million keys) are held as numpy arrays and handed to the view in batches
(`canFetchMore` / `fetchMore`): no row ever becomes an item object.

Texts of codes (dimensions, statuses, asset classes, bases) are English sources translated in context
"ConcentrationLabels" (marked with QT_TRANSLATE_NOOP for lupdate).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import numpy as np
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from core.concentration.groups import group_heads
from ui.common import format as fmt
from ui.common import i18n

# the roles and alignments of the one table toolkit (STATUS: "ok" / "warning" / "breach" of the row, if any)
from ui.common.tables import ALIGN, BG, CENTER, DISPLAY, FG, FONT, LEFT, RAW, RIGHT, STATUS, TIP  # noqa: F401
from wording import codes

# The report colours (reports.format): strong for text and bars, tints for row backgrounds.
STATUS_COLOURS = {"ok": "#2E7D32", "warning": "#E69500", "breach": "#C62828", "no_basis": "#78909c"}
STATUS_TINTS = {"ok": "#E8F5E9", "warning": "#FFF3D6", "breach": "#FDE7E7", "no_basis": "#eceff1"}
MUTED = "#7a7a7a"

CTX = "ConcentrationLabels"
DIMENSION_LABELS = {
    "counterparty_group": QT_TRANSLATE_NOOP("ConcentrationLabels", "Counterparty group"),
    "counterparty": QT_TRANSLATE_NOOP("ConcentrationLabels", "Counterparty"),
    "single_asset": QT_TRANSLATE_NOOP("ConcentrationLabels", "Single asset"),
    "industry": QT_TRANSLATE_NOOP("ConcentrationLabels", "Industry"),
    "region": QT_TRANSLATE_NOOP("ConcentrationLabels", "Region"),
    "asset_class": QT_TRANSLATE_NOOP("ConcentrationLabels", "Asset class"),
    "related_party": QT_TRANSLATE_NOOP("ConcentrationLabels", "Related party"),
    "overseas": QT_TRANSLATE_NOOP("ConcentrationLabels", "Overseas"),
    "customer": QT_TRANSLATE_NOOP("ConcentrationLabels", "Customer"),
    "business_line": QT_TRANSLATE_NOOP("ConcentrationLabels", "Business line"),
    "premium_region": QT_TRANSLATE_NOOP("ConcentrationLabels", "Premium by region"),
    "reinsurer": QT_TRANSLATE_NOOP("ConcentrationLabels", "Reinsurer"),
}
DIMENSION_ORDER = tuple(DIMENSION_LABELS)
BUSINESS = ("customer", "business_line", "premium_region", "reinsurer")
STATUS_LABELS = {
    "ok": QT_TRANSLATE_NOOP("ConcentrationLabels", "OK"),
    "warning": QT_TRANSLATE_NOOP("ConcentrationLabels", "Warning"),
    "breach": QT_TRANSLATE_NOOP("ConcentrationLabels", "Breach"),
}
STATUS_RANK = {"breach": 0, "warning": 1, "ok": 2}
KEY_LABELS = {  # codes used as keys whose meaning is fixed by docs/interfaces.md
    "liquidity": QT_TRANSLATE_NOOP("ConcentrationLabels", "Liquidity"),
    "fixed_income": QT_TRANSLATE_NOOP("ConcentrationLabels", "Fixed income"),
    "equity": QT_TRANSLATE_NOOP("ConcentrationLabels", "Equity"),
    "real_estate": QT_TRANSLATE_NOOP("ConcentrationLabels", "Real estate"),
    "other_financial": QT_TRANSLATE_NOOP("ConcentrationLabels", "Other financial assets"),
    "overseas": QT_TRANSLATE_NOOP("ConcentrationLabels", "Overseas"),
    "domestic": QT_TRANSLATE_NOOP("ConcentrationLabels", "Domestic"),
    "UNKNOWN": QT_TRANSLATE_NOOP("ConcentrationLabels", "Unknown counterparty (look-through not covered)"),
    "*": QT_TRANSLATE_NOOP("ConcentrationLabels", "All keys together"),
}
BASIS_LABELS = {
    "total_assets": QT_TRANSLATE_NOOP("ConcentrationLabels", "Total assets"),
    "net_assets": QT_TRANSLATE_NOOP("ConcentrationLabels", "Net assets"),
    "total_premium": QT_TRANSLATE_NOOP("ConcentrationLabels", "Total premium"),
    "total_ceded": QT_TRANSLATE_NOOP("ConcentrationLabels", "Total ceded"),
}
GROUP_LABEL = QT_TRANSLATE_NOOP("ConcentrationLabels", "Group (consolidated)")
GROUP_SHORT = QT_TRANSLATE_NOOP("ConcentrationLabels", "Group")


def label(table: dict[str, str], code: str | None) -> str:
    """The translated text of a code, or the code itself when it has none."""
    if code is None:
        return fmt.DASH
    src = table.get(code)
    return QCoreApplication.translate(CTX, src) if src else str(code)


def dimension_label(dim: str) -> str:
    return label(DIMENSION_LABELS, dim)


def status_label(status: str | None) -> str:
    return label(STATUS_LABELS, status) if status else fmt.DASH


def yi_unit() -> str:
    return "CNY bn" if i18n.current() == "en" else "亿元"


def wrap_without_height_for_width(label) -> None:
    """A long QLabel that never widens the screen, without word wrap.

    The main window shows screens in a scroll area, which sizes a page with a height-for-width layout (any
    word-wrapped QLabel) to its preferred height — taller than the window. So: no wrap; the label may
    shrink below its text (Ignored horizontally), and the whole text is its tooltip (see `set_long_text`).
    """
    from PySide6.QtWidgets import QSizePolicy

    label.setWordWrap(False)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setMinimumWidth(0)


def set_long_text(label, text: str) -> None:
    label.setText(text)
    label.setToolTip(text)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConcentrationModels", text)


# --------------------------------------------------------------------------------- the loaded snapshot
@dataclass
class SnapshotView:
    """One snapshot as the screens show it: the data, core's result, and look-ups for names.

    Built in a worker (`build_view`); read-only afterwards.
    """

    data: Any                      # core.concentration.model.GroupData
    result: Any                    # core.concentration.engine.ConcentrationResult
    snapshot_id: int | None = None
    names: dict[str, str] = field(default_factory=dict)          # counterparty_id -> name
    member_names: dict[str, str] = field(default_factory=dict)   # member_id -> name
    issuers: dict[str, str] = field(default_factory=dict)        # instrument_id -> counterparty_id
    exposure_info: Any = None      # DataFrame indexed by exposure_id: instrument_id, asset_class, ...
    parents: dict[str, str] = field(default_factory=dict)        # counterparty_id -> parent_id
    limits_source: tuple[int, int] | None = None  # (limit set id, version) evaluated; None = the data's own
    previous: dict | None = None   # {"as_of", "limits": {limit_id: result JSON}} of the snapshot before
    complete: bool = True          # False: opened from the stored evaluation only (`build_stored_view`)
    n_exposures: int | None = None
    _positions: dict = field(default_factory=dict, repr=False)     # (scope, dimension) -> {key: row}
    _blocks: dict = field(default_factory=dict, repr=False)        # (scope, dimension) -> arrays
    _group_names: dict = field(default_factory=dict, repr=False)   # lang -> {group key: shown name}

    @property
    def as_of(self):
        return self.data.group.as_of

    @property
    def scopes(self) -> tuple[str, ...]:
        return tuple(self.result.aggregates.scopes)

    def scope_label(self, scope: str) -> str:
        if scope == "group":
            return QCoreApplication.translate(CTX, GROUP_LABEL)
        name = self.member_names.get(scope)
        return f"{scope} {name}" if name else scope

    def key_name(self, dimension: str, key: str | None) -> str:
        """What a key is called: a counterparty's name, an asset class in words, an instrument's issuer."""
        if key is None:
            return ""
        if key in KEY_LABELS and (key in ("UNKNOWN", "*") or dimension in ("asset_class", "overseas")):
            return label(KEY_LABELS, key)
        if dimension == "counterparty_group" and key in self.group_names:
            return self.group_names[key]
        if dimension in ("counterparty", "counterparty_group", "related_party", "customer", "reinsurer"):
            return self.names.get(key, "")
        if dimension == "single_asset":
            issuer = self.issuers.get(key)
            return self.names.get(issuer, issuer or "") if issuer else ""
        if dimension == "industry":
            return codes.industry_name(key, i18n.wording_lang())
        if dimension in ("region", "premium_region"):
            return codes.region_name(key, i18n.wording_lang())
        return ""

    @property
    def group_names(self) -> dict[str, str]:
        """Counterparty groups headed by a company other than their key, under that company's name
        ("DEVHOLD 等 3 家"); worked out once per language."""
        lang = i18n.wording_lang()
        cached = self._group_names.get(lang)
        if cached is None:
            cps = getattr(self.data, "counterparties", None)
            heads = group_heads(cps) if cps is not None else {}
            cached = {k: codes.group_name(self.names.get(head) or head, size, lang)
                      for k, (head, size) in heads.items()}
            self._group_names[lang] = cached
        return cached

    def dimensions(self) -> list[str]:
        has_business = bool(getattr(self.result.aggregates, "has_business", False))
        return [d for d in DIMENSION_ORDER if has_business or d not in BUSINESS]

    def block(self, scope: str, dimension: str):
        """(keys, total_fen, countable_fen) arrays of one dimension and scope, in the order of the limits:
        core's ranking (countable descending, then key) first, then the keys with nothing countable
        (exempt) by total descending. Built once per (scope, dimension)."""
        cached = self._blocks.get((scope, dimension))
        if cached is not None:
            return cached
        agg = self.result.aggregates
        b = agg.block(scope, dimension)
        if b is None:
            out = (np.array([], dtype=object), np.array([], dtype=np.int64), np.array([], dtype=np.int64))
        else:
            part = agg.sums.iloc[b.start:b.stop]
            keys = part["key"].to_numpy(dtype=object)
            tot = part["total_fen"].to_numpy(dtype=np.int64)
            cnt = part["countable_fen"].to_numpy(dtype=np.int64)
            if hasattr(agg, "ranked"):
                ranked = np.asarray(agg.ranked(b)[0], dtype=np.int64) - b.start
            else:  # an older core kept the block itself in that order
                ranked = np.flatnonzero(cnt > 0)
            rest = np.flatnonzero(cnt <= 0)
            rest = rest[np.argsort(-tot[rest], kind="stable")]
            order = np.concatenate([ranked, rest])
            out = (keys[order], tot[order], cnt[order])
        self._blocks[(scope, dimension)] = out
        return out

    def indices(self, scope: str, dimension: str) -> dict:
        """HHI, top-N and the other indices of core for this scope (core's indices frame for the group)."""
        from core.concentration.indices import index_values

        ix = self.result.indices
        if scope == "group" and len(ix) and dimension in set(ix["dimension"]):
            return ix[ix["dimension"] == dimension].iloc[0].to_dict()
        return index_values(self.block(scope, dimension)[1])

    def group_members(self, scope: str, group_key: str) -> tuple[list[str], np.ndarray]:
        """The counterparties of a counterparty group and their totals in `scope` (counterparty dimension)."""
        cpt = self.result.aggregates.counterparties
        ids = cpt.loc[cpt["group_key"] == group_key, "counterparty_id"].tolist()
        keys, totals, _ = self.block(scope, "counterparty")
        pos = self._positions.get((scope, "counterparty"))
        if pos is None:
            pos = self._positions[(scope, "counterparty")] = {k: i for i, k in enumerate(keys.tolist())}
        amounts = np.asarray([totals[pos[i]] if i in pos else 0 for i in ids], dtype=np.int64)
        order = np.lexsort((np.asarray(ids, dtype=object).astype(str), -amounts)) if ids else np.array([], int)
        return [ids[i] for i in order], amounts[order]

    def contributions(self, scope: str, dimension: str, key: str):
        """core's drill-down rows, with each exposure's instrument and asset class beside it."""
        from core.concentration.aggregate import contributions

        frame = contributions(self.result.aggregates, scope, dimension, key)
        info = self.exposure_info
        if info is not None and len(frame):
            # one look-up of the ids for both columns, taken by position (two reindexes cost twice that)
            pos = info.index.get_indexer(frame["exposure_id"].to_numpy(dtype=object))
            found = pos >= 0

            def column(name):
                values = np.full(len(pos), None, dtype=object)
                values[found] = info[name].to_numpy(dtype=object)[pos[found]]
                return values

            frame = frame.assign(instrument_id=column("instrument_id"), asset_class=column("asset_class"))
        return frame


def build_view(data, result, snapshot_id: int | None = None) -> SnapshotView:
    """Look-ups for a snapshot (worker thread: one pass over the frames)."""
    cps = data.counterparties
    names = dict(zip(cps["counterparty_id"].astype(str), cps["name"].fillna("").astype(str)))
    members = data.members
    member_names = dict(zip(members["member_id"].astype(str), members["name"].fillna("").astype(str)))
    exp = data.exposures
    info = exp.set_index("exposure_id")[["instrument_id", "asset_class", "counterparty_id"]]
    info = info[~info.index.duplicated()]
    holdings = exp[exp["parent_exposure_id"].isna() & exp["counterparty_id"].notna()]
    issuers = dict(zip(holdings["instrument_id"].astype(str), holdings["counterparty_id"].astype(str)))
    with_parent = cps[cps["parent_id"].notna()]
    parents = dict(zip(with_parent["counterparty_id"].astype(str), with_parent["parent_id"].astype(str)))
    return SnapshotView(data=data, result=result, snapshot_id=snapshot_id, names=names,
                        member_names=member_names, issuers=issuers, exposure_info=info, parents=parents)


@dataclass
class _StoredAggregates:
    """Stands for core's Aggregates in a view opened from the stored evaluation: the scopes and whether
    there is business, no sums (the dimension page waits for the complete view)."""

    scopes: tuple[str, ...]
    has_business: bool
    counterparties: Any = None

    def block(self, scope: str, dimension: str):
        return None


def build_stored_view(opened) -> SnapshotView:
    """The view of a stored snapshot as its stored evaluation recorded it (core.concentration.snapshots.
    open_stored): enough for the limit dashboard, without the exposure rows (worker thread)."""
    from core.concentration.engine import ConcentrationResult
    from core.concentration.model import GroupData

    def text(frame, column):     # object arrays: iterating a pyarrow-backed str column is several times slower
        return np.asarray(frame[column].to_numpy(dtype=object), dtype=object)

    cps = opened.counterparties
    data = GroupData(group=opened.group, members=opened.members, counterparties=cps, exposures=None,
                     limits=opened.limits, business=None)
    result = ConcentrationResult(as_of=opened.group.as_of,
                                 aggregates=_StoredAggregates(opened.scopes, opened.has_business),
                                 evaluation=opened.evaluation, indices=opened.indices, members=opened.scopes[1:])
    ids, cp_names, parent = text(cps, "counterparty_id"), text(cps, "name"), text(cps, "parent_id")
    names = dict(zip(ids.tolist(), [n if isinstance(n, str) else "" for n in cp_names.tolist()]))
    members = opened.members
    member_names = dict(zip(members["member_id"].astype(str), members["name"].fillna("").astype(str)))
    has = np.array([isinstance(p, str) for p in parent.tolist()], dtype=bool)
    parents = dict(zip(ids[has].tolist(), parent[has].tolist()))
    return SnapshotView(data=data, result=result, snapshot_id=opened.snapshot_id, names=names,
                        member_names=member_names, issuers=dict(opened.issuers), parents=parents,
                        complete=False, n_exposures=opened.n_exposures)


# ------------------------------------------------------------------------------- problems of an import
class ProblemsModel(QAbstractTableModel):
    """The problems of a dry run (core.problems.InputProblem), errors first, worded in the UI language."""

    SEVERITY, FILE, ROW, COLUMN, VALUE, MESSAGE = range(6)
    HEADERS = (QT_TRANSLATE_NOOP("ConcentrationModels", "Severity"),
               QT_TRANSLATE_NOOP("ConcentrationModels", "File"),
               QT_TRANSLATE_NOOP("ConcentrationModels", "Row"),
               QT_TRANSLATE_NOOP("ConcentrationModels", "Column"),
               QT_TRANSLATE_NOOP("ConcentrationModels", "Value"),
               QT_TRANSLATE_NOOP("ConcentrationModels", "Problem"))

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.problems: list = []

    def set_problems(self, problems: Sequence) -> None:
        self.beginResetModel()
        self.problems = sorted(problems, key=lambda p: not p.is_error)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.problems)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return _tr(self.HEADERS[section])
        return None

    def data(self, index: QModelIndex, role=DISPLAY):
        if not index.isValid():
            return None
        p = self.problems[index.row()]
        c = index.column()
        if role == DISPLAY:
            if c == self.SEVERITY:
                return QCoreApplication.translate("ConcentrationModels", "Error") if p.is_error else QCoreApplication.translate("ConcentrationModels", "Warning")
            if c == self.FILE:
                return p.file or ""
            if c == self.ROW:
                return "" if p.row is None else str(p.row)
            if c == self.COLUMN:
                return p.column or ""
            if c == self.VALUE:
                return "" if p.value is None else str(p.value)
            from wording.problems import message

            return message(p, i18n.wording_lang())
        if role == TIP:
            from wording.problems import describe

            return describe(p, i18n.wording_lang())
        if role == FG and c == self.SEVERITY:
            return QBrush(QColor(STATUS_COLOURS["breach" if p.is_error else "warning"]))
        if role == FONT and c == self.SEVERITY:
            f = QFont()
            f.setBold(True)
            return f
        if role == ALIGN and c == self.ROW:
            return RIGHT
        if role == RAW:
            return p
        return None

    def retranslate(self) -> None:
        if self.problems:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.problems) - 1, len(self.HEADERS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.HEADERS) - 1)


# ------------------------------------------------------------------------------------- limit dashboard
class LimitsModel(QAbstractTableModel):
    """Every limit of an evaluation (core.concentration.limits.LimitEvaluation.results), one row each."""

    ID, NAME, DIMENSION, SCOPE, KEY, EXPOSURE, RATIO, CHANGE, WARNING, LIMIT, UTILISATION, STATUS_COL, FLAGGED = range(13)
    HEADERS = (QT_TRANSLATE_NOOP("ConcentrationModels", "Limit"),
               QT_TRANSLATE_NOOP("ConcentrationModels", "Name"),
               QT_TRANSLATE_NOOP("ConcentrationModels", "Dimension"),
               QT_TRANSLATE_NOOP("ConcentrationModels", "Scope"),
               QT_TRANSLATE_NOOP("ConcentrationModels", "Key (worst)"),
               QT_TRANSLATE_NOOP("ConcentrationModels", "Exposure"),
               QT_TRANSLATE_NOOP("ConcentrationModels", "Ratio"),
               QT_TRANSLATE_NOOP("ConcentrationModels", "vs previous"),
               QT_TRANSLATE_NOOP("ConcentrationModels", "Warning"),
               QT_TRANSLATE_NOOP("ConcentrationModels", "Limit value"),
               QT_TRANSLATE_NOOP("ConcentrationModels", "Utilisation of limit"),
               QT_TRANSLATE_NOOP("ConcentrationModels", "Status"),
               QT_TRANSLATE_NOOP("ConcentrationModels", "Keys flagged"))

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.rows: list[dict] = []
        self.view: SnapshotView | None = None
        self.flagged: dict[str, list[dict]] = {}

    def set_view(self, view: SnapshotView | None) -> None:
        self.beginResetModel()
        self.view = view
        if view is None:
            self.rows, self.flagged = [], {}
        else:
            ev = view.result.evaluation
            self.rows = ev.results.to_dict("records")
            self.flagged = {}
            for r in ev.flagged.to_dict("records"):
                self.flagged.setdefault(r["limit_id"], []).append(r)
        self.endResetModel()

    def counts(self) -> dict[str, int]:
        out = {"ok": 0, "warning": 0, "breach": 0, "no_basis": 0}
        for r in self.rows:
            out[r["status"]] = out.get(r["status"], 0) + 1
        return out

    def row(self, row: int) -> dict:
        return self.rows[row]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == DISPLAY:
            text = _tr(self.HEADERS[section])
            return f"{text} ({yi_unit()})" if section == self.EXPOSURE else text
        if role == ALIGN and section in (self.EXPOSURE, self.RATIO, self.CHANGE, self.WARNING, self.LIMIT,
                                         self.FLAGGED):
            return RIGHT
        if role == TIP and section == self.CHANGE:
            prev = self.view.previous if self.view is not None else None
            if prev is None:
                return QCoreApplication.translate("ConcentrationModels", "No earlier snapshot is stored.")
            return QCoreApplication.translate(
                "ConcentrationModels", "Change of the ratio since the snapshot of {as_of}, in percentage points."
            ).format(as_of=prev["as_of"].isoformat())
        return None

    def previous(self, r: dict) -> dict | None:
        prev = self.view.previous if self.view is not None else None
        return None if prev is None else prev["limits"].get(r["limit_id"])

    def change(self, r: dict) -> float | None:
        """The ratio now less the ratio of the previous snapshot (None when either is missing)."""
        p = self.previous(r)
        now = _f(r["ratio"])
        before = _f(p.get("ratio")) if p else None
        return None if now is None or before is None else now - before

    def _key_text(self, r: dict) -> str:
        """The key with what it is: 'RE01 某地产集团', '其他金融资产', '全部合计'."""
        key = r["key"]
        if key is None:
            return fmt.DASH
        if key == "*" or r["dimension"] in ("asset_class", "overseas"):
            return label(KEY_LABELS, key)
        name = self.view.key_name(r["dimension"], key) if self.view is not None else ""
        return f"{key} {name}" if name and r["dimension"] != "single_asset" else str(key)

    def data(self, index: QModelIndex, role=DISPLAY):  # noqa: C901 - Qt's data(): one branch per role and column
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        c = index.column()
        status = r["status"] if r["status"] in STATUS_COLOURS else None
        if role == DISPLAY:
            if c == self.ID:
                return r["limit_id"]
            if c == self.NAME:
                return r["name"] or ""
            if c == self.DIMENSION:
                return dimension_label(r["dimension"])
            if c == self.SCOPE:
                return r["scope"] if r["scope"] != "group" else QCoreApplication.translate(CTX, GROUP_SHORT)
            if c == self.KEY:
                return self._key_text(r)
            if c == self.EXPOSURE:
                return fmt.yi(r["exposure_fen"] / 100.0, unit=False)
            if c == self.RATIO:
                return fmt.percent(_f(r["ratio"]))
            if c == self.CHANGE:
                d = self.change(r)
                if d is None:
                    return fmt.DASH if self.view is not None and self.view.previous is not None else ""
                pp = d * 100
                if abs(pp) < 0.005:
                    return "0.00"
                return ("▲ " if pp > 0 else "▼ ") + fmt.number(abs(pp), 2)
            if c == self.WARNING:
                return fmt.percent(_f(r["warning"]))
            if c == self.LIMIT:
                return fmt.percent(_f(r["limit"]))
            if c == self.UTILISATION:
                return fmt.percent(_f(r["utilisation"]), 1)
            if c == self.STATUS_COL:
                return status_label(status) if status else QCoreApplication.translate("ConcentrationModels", "No basis")
            if c == self.FLAGGED:
                n_w, n_b = int(r.get("n_warning") or 0), int(r.get("n_breach") or 0)
                return str(n_w + n_b) if (n_w or n_b) else ""
        if role == RAW:
            return self._raw(r, c, status, index)
        if role == STATUS:
            return status
        if role == ALIGN and c in (self.EXPOSURE, self.RATIO, self.CHANGE, self.WARNING, self.LIMIT, self.FLAGGED):
            return RIGHT
        if role == FG and c == self.CHANGE:
            d = self.change(r)
            if d is not None and abs(d) >= 0.00005:   # up = more concentrated: red; down: green
                return QBrush(QColor(STATUS_COLOURS["breach"] if d > 0 else STATUS_COLOURS["ok"]))
            return None
        if role == TIP and c == self.CHANGE:
            p = self.previous(r)
            if p is None:
                return None
            return QCoreApplication.translate("ConcentrationModels", "{as_of}: {ratio}, {status}").format(
                as_of=self.view.previous["as_of"].isoformat(), ratio=fmt.percent(_f(p.get("ratio"))),
                status=status_label(p.get("status")))
        if role == TIP:
            return self._tooltip(r)
        if role == FONT and c == self.ID:
            f = QFont()
            f.setBold(True)
            return f
        return None

    def _raw(self, r: dict, c: int, status: str | None, index: QModelIndex):
        """The value a column sorts by (numbers as numbers, statuses worst first)."""
        if c == self.KEY:
            return r["key"] or ""
        if c == self.EXPOSURE:
            return r["exposure_fen"]
        if c in (self.RATIO, self.WARNING, self.LIMIT, self.UTILISATION):
            return _f(r[{self.RATIO: "ratio", self.WARNING: "warning", self.LIMIT: "limit",
                         self.UTILISATION: "utilisation"}[c]])
        if c == self.STATUS_COL:
            return STATUS_RANK.get(status, 3)
        if c == self.SCOPE:
            return r["scope"]
        if c == self.DIMENSION:
            return r["dimension"]
        if c == self.FLAGGED:
            return int(r.get("n_warning") or 0) + int(r.get("n_breach") or 0)
        if c == self.CHANGE:
            d = self.change(r)
            return -1e9 if d is None else d
        return self.data(index, DISPLAY)

    def _tooltip(self, r: dict) -> str:
        lines = [f"{r['limit_id']} {r['name'] or ''}"]
        if self.view is not None and r["key"] is not None:
            name = self.view.key_name(r["dimension"], r["key"])
            lines.append(f"{r['key']} {name}".strip())
        basis = label(BASIS_LABELS, r["basis"])
        lines.append(QCoreApplication.translate("ConcentrationModels", "Basis: {basis} {amount}").format(
            basis=basis, amount=fmt.yi(None if r["basis_fen"] is None else float(r["basis_fen"]) / 100.0)))
        if r.get("problem"):
            lines.append(str(r["problem"]))
        flagged = self.flagged.get(r["limit_id"], [])
        if len(flagged) > 1 or (flagged and r["key_spec"] is None):
            lines.append(QCoreApplication.translate("ConcentrationModels", "Keys in warning or breach:"))
            for f in flagged[:12]:
                lines.append(f"  {f['key']}  {fmt.percent(_f(f['ratio']))}  {status_label(f['status'])}")
            if len(flagged) > 12:
                lines.append(QCoreApplication.translate("ConcentrationModels", "  … and {n} more").format(n=len(flagged) - 12))
        return "\n".join(lines)

    def retranslate(self) -> None:
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.HEADERS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.HEADERS) - 1)


def _f(x) -> float | None:
    if x is None:
        return None
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return None if np.isnan(v) else v


class LimitsFilter(QSortFilterProxyModel):
    """The dashboard's filters: one scope (or all) and one dimension (or all); sorts by raw values."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.scope: str | None = None
        self.dimension: str | None = None
        self.status: str | None = None
        self.setSortRole(RAW)

    def set_filters(self, scope: str | None, dimension: str | None, status: str | None = None) -> None:
        self.beginFilterChange()
        self.scope, self.dimension, self.status = scope, dimension, status
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        model = self.sourceModel()
        r = model.row(source_row)
        return ((self.scope is None or r["scope"] == self.scope)
                and (self.dimension is None or r["dimension"] == self.dimension)
                and (self.status is None or r["status"] == self.status))

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:
        a, b = left.data(RAW), right.data(RAW)
        if a is None or b is None:
            return (a is None) and (b is not None)
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)


# --------------------------------------------------------------------------- lazily fetched array tables
@dataclass
class Column:
    """One column of an ArrayTableModel: header source text and how to show a row's value."""

    header: str                                  # source text in context ConcentrationModels
    display: Callable[[int], str]                # row (in data order) -> text
    raw: Callable[[int], Any] | None = None      # row -> value for sorting / tests
    align: int = LEFT
    unit: bool = False                           # append " (亿元)" to the header
    tip: Callable[[int], str | None] | None = None  # row -> tooltip


class ArrayTableModel(QAbstractTableModel):
    """A read-only table over arrays, handed to the view in batches of BATCH rows (canFetchMore/fetchMore).

    Subclasses set `self.n` (rows in total) and `self.columns`; `self.order` (a permutation, None = data
    order) is what sort() changes. Nothing is built per row: data() reads the arrays when a cell is painted.
    """

    BATCH = 256

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.columns: list[Column] = []
        self.n = 0
        self.loaded = 0
        self.order: np.ndarray | None = None
        self.highlight: dict[str, str] = {}      # key -> status: rows tinted
        self._key_of: Callable[[int], str] | None = None

    def _reset(self, n: int) -> None:
        self.n = n
        self.order = None
        self.loaded = min(n, self.BATCH)

    def source_row(self, row: int) -> int:
        return int(self.order[row]) if self.order is not None else row

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.loaded

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self.loaded < self.n

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid() or self.loaded >= self.n:
            return
        more = min(self.BATCH, self.n - self.loaded)
        self.beginInsertRows(QModelIndex(), self.loaded, self.loaded + more - 1)
        self.loaded += more
        self.endInsertRows()

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == DISPLAY else None
        if section >= len(self.columns):
            return None
        col = self.columns[section]
        if role == DISPLAY:
            text = _tr(col.header)
            return f"{text} ({yi_unit()})" if col.unit else text
        if role == ALIGN:
            return col.align
        return None

    def data(self, index: QModelIndex, role=DISPLAY):
        if not index.isValid() or index.row() >= self.loaded:
            return None
        i = self.source_row(index.row())
        col = self.columns[index.column()]
        if role == DISPLAY:
            return col.display(i)
        if role == RAW:
            return col.raw(i) if col.raw else col.display(i)
        if role == ALIGN:
            return col.align
        if role in (BG, STATUS) and self.highlight and self._key_of is not None:
            status = self.highlight.get(self._key_of(i))
            if role == STATUS:
                return status
            return QBrush(QColor(STATUS_TINTS[status])) if status else None
        if role == TIP:
            return col.tip(i) if col.tip is not None else self.tooltip(i)
        return None

    def tooltip(self, i: int) -> str | None:
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.columns)) or self.n == 0:
            return
        values = self.sort_values(column)
        if values is None:
            return
        self.layoutAboutToBeChanged.emit()
        if order == Qt.SortOrder.DescendingOrder:   # stable: equal values keep their order either way
            perm = np.argsort(-values if values.dtype.kind in "if" else values, kind="stable")
            if values.dtype.kind not in "if":
                perm = perm[::-1]
        else:
            perm = np.argsort(values, kind="stable")
        self.order = perm
        self.layoutChanged.emit()

    def sort_values(self, column: int) -> np.ndarray | None:
        """An array of sortable values in data order for `column` (subclasses); None = not sortable."""
        return None

    def set_highlight(self, highlight: dict[str, str]) -> None:
        self.highlight = dict(highlight)
        if self.loaded:
            self.dataChanged.emit(self.index(0, 0), self.index(self.loaded - 1, len(self.columns) - 1))

    def row_of_key(self, key: str) -> int | None:
        """The view row showing `key` (fetching up to it), or None."""
        if self._key_of is None:
            return None
        for row in range(self.n):
            if self._key_of(self.source_row(row)) == key:
                while self.loaded <= row and self.canFetchMore():
                    self.fetchMore()
                return row
        return None

    def retranslate(self) -> None:
        if self.loaded:
            self.dataChanged.emit(self.index(0, 0), self.index(self.loaded - 1, len(self.columns) - 1))
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)


class SumsModel(ArrayTableModel):
    """The aggregate sums of one dimension and scope: key, name, total, counted, share, cumulative share.

    Rows come by total, largest first (`by_total`): the basis of the shares, the cumulative share, the
    indices (top-N, HHI: exempt exposures included, as the guideline's indices are) and the top-10 chart,
    so that the cumulative share at row 5 is the "top 5 share" shown above the table. With a limit in focus
    (`by_total` False) they come in core's order instead, what counts against the limits first and the exempt
    amounts last, and the chart follows. The Counted column is what counts against the limits (an exempt
    amount is not counted; its tooltip says so); any column sorts by a header click (a numpy permutation,
    still nothing per row).
    """

    KEY, NAME, TOTAL, COUNTED, SHARE, CUMULATIVE, RATIO = range(7)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.keys = np.array([], dtype=object)
        self.totals = np.array([], dtype=np.int64)
        self.countable = np.array([], dtype=np.int64)
        self.shares = np.array([], dtype=np.float64)
        self.cumulative = np.array([], dtype=np.float64)
        self.name_of: Callable[[str], str] = lambda key: ""
        self.dimension = ""
        self.scope = ""
        self.basis_fen: int | None = None      # of the limit in focus: the RATIO column's denominator
        self._key_of = lambda i: self.keys[i]
        self.columns = [
            Column(QT_TRANSLATE_NOOP("ConcentrationModels", "Key"), lambda i: str(self.keys[i])),
            Column(QT_TRANSLATE_NOOP("ConcentrationModels", "Name"), lambda i: self.name_of(self.keys[i])),
            Column(QT_TRANSLATE_NOOP("ConcentrationModels", "Total"),
                   lambda i: fmt.yi(self.totals[i] / 100.0, unit=False), lambda i: int(self.totals[i]), RIGHT,
                   unit=True),
            Column(QT_TRANSLATE_NOOP("ConcentrationModels", "Counted"),
                   lambda i: fmt.yi(self.countable[i] / 100.0, unit=False), lambda i: int(self.countable[i]),
                   RIGHT, unit=True),
            Column(QT_TRANSLATE_NOOP("ConcentrationModels", "Share of total"),
                   lambda i: fmt.percent(self.shares[i]), lambda i: float(self.shares[i]), RIGHT),
            Column(QT_TRANSLATE_NOOP("ConcentrationModels", "Cumulative share of total"),
                   lambda i: fmt.percent(self._cum(i)), lambda i: float(self._cum(i)), RIGHT),
            Column(QT_TRANSLATE_NOOP("ConcentrationModels", "Ratio to the limit's basis"),
                   lambda i: fmt.percent(self._ratio(i)), lambda i: self._ratio(i) or 0.0, RIGHT),
        ]

    def set_basis(self, basis_fen: int | None) -> None:
        """The denominator of the limit in focus (None: no limit, the RATIO column is empty)."""
        self.basis_fen = int(basis_fen) if basis_fen else None
        if self.loaded:
            self.dataChanged.emit(self.index(0, self.RATIO), self.index(self.loaded - 1, self.RATIO))

    def _ratio(self, i: int) -> float | None:
        return None if not self.basis_fen else float(self.countable[i]) / self.basis_fen

    def set_arrays(self, dimension: str, scope: str, keys: np.ndarray, totals: np.ndarray,
                   countable: np.ndarray, name_of: Callable[[str], str] | None = None,
                   by_total: bool = True) -> None:
        self.beginResetModel()
        self.dimension, self.scope = dimension, scope
        self.keys = np.asarray(keys, dtype=object)
        self.totals = np.asarray(totals, dtype=np.int64)
        self.countable = np.asarray(countable, dtype=np.int64)
        whole = float(self.totals[self.totals > 0].sum()) if len(self.totals) else 0.0
        self.shares = self.totals / whole if whole > 0 else np.zeros(len(self.totals))
        self.cumulative = np.array([], dtype=np.float64)   # computed for the shown order when asked
        self.name_of = name_of or (lambda key: "")
        self.highlight = {}
        self._reset(len(self.keys))
        if len(self.keys) and by_total:
            # largest total first, ties by key: the order of the indices and the chart (see the class doc)
            self.order = np.lexsort((self.keys.astype(str), -self.totals))
        self.endResetModel()

    def set_view(self, view: SnapshotView, scope: str, dimension: str, by_total: bool = True) -> None:
        keys, totals, countable = view.block(scope, dimension)
        self.set_arrays(dimension, scope, keys, totals, countable,
                        lambda key, v=view, d=dimension: v.key_name(d, key), by_total=by_total)
        self.by_total = by_total

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        super().sort(column, order)
        self.cumulative = np.array([], dtype=np.float64)

    def _cum(self, i: int) -> float:
        """Cumulative share down the rows as shown (order-aware, computed once per order)."""
        if len(self.cumulative) != self.n:
            shown = self.shares if self.order is None else self.shares[self.order]
            cum_shown = np.cumsum(shown)
            cum = np.empty(self.n)
            if self.order is None:
                cum = cum_shown
            else:
                cum[self.order] = cum_shown
            self.cumulative = cum
        return float(self.cumulative[i])

    def sort_values(self, column: int):
        if column == self.KEY:
            return self.keys.astype(str)
        if column == self.NAME:
            return np.asarray([self.name_of(k) for k in self.keys.tolist()], dtype=str)
        if column in (self.TOTAL, self.SHARE):
            return self.totals
        if column in (self.COUNTED, self.RATIO):
            return self.countable
        return None

    def key_at(self, row: int) -> str:
        return str(self.keys[self.source_row(row)])

    def first(self, n: int = 10) -> list[tuple[str, int]]:
        """The first n rows in the order the model came in (key, amount): what the bar chart shows, so that
        it is the table's top. The amount is the total, or with a limit in focus what counts against it."""
        if self.n == 0:
            return []
        if getattr(self, "by_total", True):
            return self.top(n)
        idx = np.arange(min(n, self.n))
        return [(str(self.keys[i]), int(self.countable[i])) for i in idx if self.countable[i] > 0]

    def top(self, n: int = 10) -> list[tuple[str, int]]:
        """The n largest totals (key, total_fen), largest first."""
        if self.n == 0:
            return []
        k = min(n, self.n)
        idx = np.argpartition(-self.totals, k - 1)[:k] if self.n > k else np.arange(self.n)
        idx = idx[np.lexsort((self.keys[idx].astype(str), -self.totals[idx]))]
        return [(str(self.keys[i]), int(self.totals[i])) for i in idx if self.totals[i] > 0]

    def tooltip(self, i: int) -> str | None:
        if self.countable[i] != self.totals[i]:
            return QCoreApplication.translate("ConcentrationModels", "Exempt amounts count in the total and the indices, not against the limits.")
        return None


class FrameModel(ArrayTableModel):
    """A read-only table over a DataFrame's columns (drill-down members and exposures), fetched lazily."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.frame = None

    def set_frame(self, frame, columns: list[Column], key_column: str | None = None) -> None:
        self.beginResetModel()
        self.frame = frame
        self.columns = columns
        self._arrays = {c: frame[c].to_numpy(dtype=object) for c in frame.columns}
        self._key_of = (lambda i: self._arrays[key_column][i]) if key_column else None
        self._reset(len(frame))
        self.endResetModel()

    def value(self, row: int, column: str):
        return self._arrays[column][self.source_row(row)]

    def sort_values(self, column: int):
        col = self.columns[column]
        if col.raw is None:
            return np.asarray([col.display(i) for i in range(self.n)], dtype=str)
        vals = [col.raw(i) for i in range(self.n)]
        try:
            return np.asarray(vals, dtype=np.float64)
        except (TypeError, ValueError):
            return np.asarray([str(v) for v in vals], dtype=str)
