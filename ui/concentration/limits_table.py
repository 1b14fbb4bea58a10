"""The limit dashboard's table: one row per limit with its ratio, warning value, limit and status, and
the filter of the count cards.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QObject, QSortFilterProxyModel, Qt

from ui.common import format as fmt
from ui.common.tables import ALIGN, DISPLAY, RAW, RIGHT, TIP, Column, RowsModel  # the table toolkit
from ui.concentration.labels import (
    BASIS_LABELS,
    CTX,
    GROUP_SHORT,
    KEY_LABELS,
    STATUS_COLOURS,
    STATUS_RANK,
    dimension_label,
    label,
    status_label,
    yi_unit,
)
from ui.concentration.view import SnapshotView

# ------------------------------------------------------------------------------------- limit dashboard
_NUMERIC = ("exposure", "ratio", "change", "warning", "limit", "flagged")   # right-aligned, header and cells


class LimitsModel(RowsModel):
    """Every limit of an evaluation (core.concentration.limits.LimitEvaluation.results), one row each (a dict),
    described by Columns; every cell's STATUS is the row's status and its tooltip the limit's story, but the
    change column's, which says the previous snapshot's ratio."""

    CONTEXT = "ConcentrationModels"
    ID, NAME, DIMENSION, SCOPE, KEY, EXPOSURE, RATIO, CHANGE, WARNING, LIMIT, UTILISATION, STATUS_COL, FLAGGED = range(13)

    def __init__(self, parent: QObject | None = None):
        def col(key: str, header: str, text, raw=None, **kw) -> Column:
            return Column(header, text=text, raw=raw, key=key, status=self._status,
                          align=RIGHT if key in _NUMERIC else None, tip=kw.pop("tip", self._tooltip), **kw)

        super().__init__([
            col("id", QT_TRANSLATE_NOOP("ConcentrationModels", "Limit"), lambda r: r["limit_id"],
                bold=lambda r: True),
            col("name", QT_TRANSLATE_NOOP("ConcentrationModels", "Name"), lambda r: r["name"] or ""),
            col("dimension", QT_TRANSLATE_NOOP("ConcentrationModels", "Dimension"),
                lambda r: dimension_label(r["dimension"]), lambda r: r["dimension"]),
            col("scope", QT_TRANSLATE_NOOP("ConcentrationModels", "Scope"),
                lambda r: r["scope"] if r["scope"] != "group" else QCoreApplication.translate(CTX, GROUP_SHORT),
                lambda r: r["scope"]),
            col("key", QT_TRANSLATE_NOOP("ConcentrationModels", "Key (worst)"), self._key_text,
                lambda r: r["key"] or ""),
            col("exposure", QT_TRANSLATE_NOOP("ConcentrationModels", "Exposure"),
                lambda r: fmt.yi(r["exposure_fen"] / 100.0, unit=False), lambda r: r["exposure_fen"],
                unit=yi_unit),
            col("ratio", QT_TRANSLATE_NOOP("ConcentrationModels", "Ratio"),
                lambda r: fmt.percent(_f(r["ratio"])), lambda r: _f(r["ratio"])),
            col("change", QT_TRANSLATE_NOOP("ConcentrationModels", "vs previous"), self._change_text,
                lambda r: -1e9 if self.change(r) is None else self.change(r), fg=self._change_colour,
                tip=self._change_tip),
            col("warning", QT_TRANSLATE_NOOP("ConcentrationModels", "Warning"),
                lambda r: fmt.percent(_f(r["warning"])), lambda r: _f(r["warning"])),
            col("limit", QT_TRANSLATE_NOOP("ConcentrationModels", "Limit value"),
                lambda r: fmt.percent(_f(r["limit"])), lambda r: _f(r["limit"])),
            col("utilisation", QT_TRANSLATE_NOOP("ConcentrationModels", "Utilisation of limit"),
                lambda r: fmt.percent(_f(r["utilisation"]), 1), lambda r: _f(r["utilisation"])),
            # no status: not measured, as in the reports; sorted worst first
            col("status", QT_TRANSLATE_NOOP("ConcentrationModels", "Status"),
                lambda r: status_label(self._status(r) or "no_basis"),
                lambda r: STATUS_RANK.get(self._status(r), 3)),
            col("flagged", QT_TRANSLATE_NOOP("ConcentrationModels", "Keys flagged"),
                lambda r: str(_n_flagged(r)) if _n_flagged(r) else "", _n_flagged),
        ], parent)
        self.view: SnapshotView | None = None
        self.flagged: dict[str, list[dict]] = {}

    def set_view(self, view: SnapshotView | None) -> None:
        self.view = view
        self.flagged = {}
        if view is not None:
            for r in view.result.evaluation.flagged.to_dict("records"):
                self.flagged.setdefault(r["limit_id"], []).append(r)
        self.set_rows([] if view is None else view.result.evaluation.results.to_dict("records"))

    def counts(self) -> dict[str, int]:
        out = {"ok": 0, "warning": 0, "breach": 0, "no_basis": 0}
        for r in self.rows:
            out[r["status"]] = out.get(r["status"], 0) + 1
        return out

    def row(self, row: int) -> dict:
        return self.rows[row]

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            key = self.columns[section].key
            if role == ALIGN and key in _NUMERIC:
                return RIGHT
            if role == TIP and key == "change":
                prev = self.view.previous if self.view is not None else None
                if prev is None:
                    return QCoreApplication.translate("ConcentrationModels", "No earlier snapshot is stored.")
                return QCoreApplication.translate(
                    "ConcentrationModels", "Change of the ratio since the snapshot of {as_of}, in percentage points."
                ).format(as_of=prev["as_of"].isoformat())
        return super().headerData(section, orientation, role)

    @staticmethod
    def _status(r: dict) -> str | None:
        return r["status"] if r["status"] in STATUS_COLOURS else None

    def previous(self, r: dict) -> dict | None:
        prev = self.view.previous if self.view is not None else None
        return None if prev is None else prev["limits"].get(r["limit_id"])

    def change(self, r: dict) -> float | None:
        """The ratio now less the ratio of the previous snapshot (None when either is missing)."""
        p = self.previous(r)
        now = _f(r["ratio"])
        before = _f(p.get("ratio")) if p else None
        return None if now is None or before is None else now - before

    def _change_text(self, r: dict) -> str:
        d = self.change(r)
        if d is None:
            return fmt.DASH if self.view is not None and self.view.previous is not None else ""
        pp = d * 100
        if abs(pp) < 0.005:
            return "0.00"
        return ("▲ " if pp > 0 else "▼ ") + fmt.number(abs(pp), 2)

    def _change_colour(self, r: dict) -> str | None:
        d = self.change(r)
        if d is not None and abs(d) >= 0.00005:   # up = more concentrated: red; down: green
            return STATUS_COLOURS["breach" if d > 0 else "ok"]
        return None

    def _change_tip(self, r: dict) -> str | None:
        p = self.previous(r)
        if p is None:
            return None
        return QCoreApplication.translate("ConcentrationModels", "{as_of}: {ratio}, {status}").format(
            as_of=self.view.previous["as_of"].isoformat(), ratio=fmt.percent(_f(p.get("ratio"))),
            status=status_label(p.get("status")))

    def _key_text(self, r: dict) -> str:
        """The key with what it is: 'RE01 某地产集团', '其他金融资产', '全部合计'."""
        key = r["key"]
        if key is None:
            return fmt.DASH
        if key == "*" or r["dimension"] in ("asset_class", "overseas"):
            return label(KEY_LABELS, key)
        name = self.view.key_name(r["dimension"], key) if self.view is not None else ""
        return f"{key} {name}" if name and r["dimension"] != "single_asset" else str(key)

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


def _n_flagged(r: dict) -> int:
    return int(r.get("n_warning") or 0) + int(r.get("n_breach") or 0)


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
