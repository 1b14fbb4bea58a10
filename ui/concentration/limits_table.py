"""The limit dashboard's table: one row per limit with its ratio, warning value, limit and status, and
the filter of the count cards.
"""
from __future__ import annotations

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

from ui.common import format as fmt
from ui.common.tables import ALIGN, DISPLAY, FG, FONT, RAW, RIGHT, STATUS, TIP  # the toolkit's roles
from ui.concentration.labels import (
    BASIS_LABELS,
    CTX,
    GROUP_SHORT,
    KEY_LABELS,
    STATUS_COLOURS,
    STATUS_RANK,
    _tr,
    dimension_label,
    label,
    status_label,
    yi_unit,
)
from ui.concentration.view import SnapshotView


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
                return status_label(status or "no_basis")    # no status: not measured, as in the reports
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
