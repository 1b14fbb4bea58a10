"""The history's rating panel: the stored self-assessments and regulator results, and two of them compared
(dimension scores and risk levels side by side).
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from ui.common import format as fmt
from ui.common.format import local_time
from ui.common.labels import bold
from ui.history.models import (
    CENTER,
    KIND_LABELS,
    RIGHT,
    ROW,
    Column,
    HistoryData,
    RowsModel,
    assessment_title,
    compare_assessments,
    label,
    risk_level_label,
)
from ui.history.widgets import HINT_STYLE, fit_columns, make_table


class AssessmentsPage(QWidget):
    compared = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.data = HistoryData()
        self.a = None
        self.b = None
        C = Column
        res = lambda x, k: (x.result or {}).get(k)  # noqa: E731
        self.list_model = RowsModel([
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Period"), lambda x: x.period, lambda x: (x.period, x.id)),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Kind"), lambda x: label(KIND_LABELS, x.kind),
              fg=lambda x: "#1f5f99" if x.kind == "regulator" else None),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Company"), lambda x: x.company),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Rulebook"),
              lambda x: " ".join(p for p in (x.rulebook_id, x.rulebook_version) if p)
              or fmt.DASH),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Composite score"), lambda x: res(x, "composite_score") or fmt.DASH,
              lambda x: float(res(x, "composite_score") or -1), RIGHT),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Base level"),
              lambda x: res(x, "base_level") or fmt.DASH, align=CENTER),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Final level"),
              lambda x: res(x, "final_level") or fmt.DASH, align=CENTER,
              bold=lambda x: True),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Recorded at"),
              lambda x: local_time(x.created_at), lambda x: x.created_at),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "By"), lambda x: x.created_by or fmt.DASH),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Note"),
              lambda x: (x.note or "").replace("\n", " "), tip=lambda x: x.note),
        ], self)
        self.table, self.proxy = make_table(self.list_model, "assessmentsTable")
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        def level_fg(level):
            return {"low": "#1e7b34", "medium": "#9a6200", "high": "#b3261e"}.get(level or "")

        self.dims_model = RowsModel([
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Dimension"), lambda r: r.name),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Score {a}"),
              lambda r: str(r.score_a) if r.score_a is not None else fmt.DASH,
              align=RIGHT),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Score {b}"),
              lambda r: str(r.score_b) if r.score_b is not None else fmt.DASH,
              align=RIGHT),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Difference"),
              lambda r: fmt.DASH if r.delta is None else (f"+{r.delta}" if r.delta > 0 else str(r.delta)),
              align=RIGHT, fg=lambda r: None if not r.delta else ("#2e7d32" if r.delta > 0 else "#c62828"),
              bold=lambda r: bool(r.delta)),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Risk level {a}"), lambda r: risk_level_label(r.level_a), align=CENTER,
              fg=lambda r: level_fg(r.level_a)),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Risk level {b}"), lambda r: risk_level_label(r.level_b), align=CENTER,
              fg=lambda r: level_fg(r.level_b), bold=lambda r: r.level_a != r.level_b),
        ], self)
        self.dims, _ = make_table(self.dims_model, "dimensionsCompare", sort=False)
        self.compare_title = bold(QLabel(), 1)
        self.compare_title.setObjectName("assessmentCompareTitle")
        self.summary = QLabel()
        self.summary.setObjectName("assessmentSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setStyleSheet(HINT_STYLE)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 4, 0, 0)
        bl.addWidget(self.compare_title)
        bl.addWidget(self.summary)
        bl.addWidget(self.dims, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(bottom)
        split.setSizes([200, 500])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(split)
        self.retranslate()

    def retranslate(self) -> None:
        self.hint.setText(self.tr("Self-assessments and the regulator's ratings, by period. Select two (Ctrl+click) "
                                  "to compare them."))
        self._show()

    def set_data(self, data: HistoryData) -> None:
        keep = (self.a.id, self.b.id) if self.a and self.b else None
        self.data = data
        self.list_model.set_rows(data.assessments)
        fit_columns(self.table, {9: 200}, maximum=300)
        ids = {x.id for x in data.assessments}
        if keep and all(i in ids for i in keep):
            self.compare(*keep)
        else:
            selfs = sorted((x for x in data.assessments if x.kind == "self"), key=lambda x: (x.period, x.id))
            if len(selfs) >= 2:
                self.compare(selfs[-2].id, selfs[-1].id)
            else:
                self.compare(None, None)

    def compare(self, id_a: int | None, id_b: int | None) -> None:
        by_id = {x.id: x for x in self.data.assessments}
        a, b = by_id.get(id_a), by_id.get(id_b)
        if a is not None and b is not None and (a.period, a.id) > (b.period, b.id):
            a, b = b, a
        self.a, self.b = (a, b) if a is not None and b is not None else (None, None)
        sel = self.table.selectionModel()
        sel.blockSignals(True)
        sel.clearSelection()
        for row in range(self.proxy.rowCount()):
            x = self.proxy.index(row, 0).data(ROW)
            if x is not None and x in (a, b):
                sel.select(self.proxy.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                           | QItemSelectionModel.SelectionFlag.Rows)
        sel.blockSignals(False)
        self.table.viewport().update()
        self._show()

    def _selection_changed(self, *_args) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if len(rows) == 2:
            x, y = (self.proxy.index(r, 0).data(ROW) for r in rows)
            self.a, self.b = sorted((x, y), key=lambda v: (v.period, v.id))
        else:
            self.a = self.b = None
        self._show()

    def _show(self) -> None:
        a, b = self.a, self.b
        if a is None or b is None:
            self.compare_title.setText(self.tr("Comparison"))
            self.summary.setText(self.tr("Select two assessments to compare them."))
            self.dims_model.set_rows([])
            return
        ta, tb = assessment_title(a), assessment_title(b)
        for c in self.dims_model.columns:
            c.header_args = {"a": ta, "b": tb} if ("{a}" in c.header or "{b}" in c.header) else None
        self.dims_model.set_rows(compare_assessments(a, b, self.data))
        self.dims_model.retranslate()
        self.compare_title.setText(self.tr("{a} compared with {b}").format(a=ta, b=tb))
        ra, rb = a.result or {}, b.result or {}
        parts = []
        ca, cb = ra.get("composite_score"), rb.get("composite_score")
        if ca or cb:
            parts.append(self.tr("Composite score: {a} → {b}").format(a=ca or fmt.DASH, b=cb or fmt.DASH))
        la, lb = ra.get("final_level"), rb.get("final_level")
        level = self.tr("Final level: {a} → {b}").format(a=la or fmt.DASH, b=lb or fmt.DASH)
        parts.append(f'<b style="color:#c62828">{level}</b>' if la != lb else f"<b>{level}</b>")
        if "fired" in ra or "fired" in rb:
            fa = "、".join(ra.get("fired") or []) or self.tr("none")
            fb = "、".join(rb.get("fired") or []) or self.tr("none")
            parts.append(self.tr("Adjustment rules fired: {a} → {b}").format(a=fa, b=fb))
        if a.kind != b.kind:
            parts.append(self.tr("The regulator's record holds its final level only; the dimension scores "
                                 "are those of the self-assessment."))
        self.summary.setText(" &nbsp;·&nbsp; ".join(parts))
        fit_columns(self.dims, {0: 160, 1: 110, 2: 110}, maximum=260)
        self.compared.emit()


# ============================================================================ limit sets, reports, journal
