"""The history's snapshots panel: the stored snapshots (withdrawn ones marked), and two of them compared —
every limit's ratio and status then and now, and the dimension indices; "Withdraw snapshot…" asks for the
reason (HistoryScreen.withdraw_snapshot records it).
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui.common import format as fmt
from ui.common.dialogs import TextDialog
from ui.common.format import local_time
from ui.common.labels import bold
from ui.history.models import (
    CENTER,
    CHANGE_COLOURS,
    CHANGE_LABELS,
    DIMENSION_LABELS,
    GROUP_SCOPE,
    INDEX_FIELDS,
    RIGHT,
    ROW,
    Column,
    HistoryData,
    RowsModel,
    compare_indices,
    compare_limits,
    label,
    limits_text,
    status_colours,
    status_label,
    tr,
)
from ui.history.widgets import (
    HINT_STYLE,
    MUTED,
    WITHDRAWN_FG,
    fit_columns,
    flagged_tip,
    index_text,
    make_table,
    pct,
    pp,
    withdrawn_tip,
    worst_key,
)


class WithdrawSnapshotDialog(TextDialog):
    """Asks why a snapshot is withdrawn, and says what withdrawing does (and does not do)."""

    def __init__(self, title: str, note: str, prompt: str, parent=None):
        super().__init__(title, [note, prompt], parent, name="withdrawSnapshotDialog", min_width=500)


class SnapshotsPage(QWidget):
    compared = Signal()
    withdraw_requested = Signal(int)     # snapshot id: the screen asks for a reason and records it

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.data = HistoryData()
        self.then = None
        self.now = None
        C = Column
        self.snapshots_model = RowsModel([
            C(QT_TRANSLATE_NOOP("HistoryLabels", "As of"),
              lambda s: s.info.as_of.isoformat() + (" · " + tr(QT_TRANSLATE_NOOP("HistoryLabels", "Withdrawn"))
                                                    if s.info.withdrawal is not None else ""),
              lambda s: (s.info.as_of, s.info.id),
              fg=lambda s: WITHDRAWN_FG if s.info.withdrawal is not None else None,
              tip=lambda s: withdrawn_tip(s.info)),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Group"), lambda s: s.info.group_name),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Imported at"),
              lambda s: local_time(s.info.created_at), lambda s: s.info.created_at),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "By"), lambda s: s.info.created_by or fmt.DASH),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Members"),
              lambda s: str(s.info.n_members), lambda s: s.info.n_members, RIGHT),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Counterparties"), lambda s: f"{s.info.n_counterparties:,}",
              lambda s: s.info.n_counterparties, RIGHT),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Exposures"),
              lambda s: f"{s.info.n_exposures:,}", lambda s: s.info.n_exposures, RIGHT),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Limits"),
              lambda s: str(s.info.n_limits), lambda s: s.info.n_limits, RIGHT),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "OK"),
              lambda s: str(s.summary.get("ok", fmt.DASH)), lambda s: s.summary.get("ok"),
              RIGHT, fg=lambda s: status_colours("ok")[0]),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Warning"), lambda s: str(s.summary.get("warning", fmt.DASH)),
              lambda s: s.summary.get("warning"), RIGHT, fg=lambda s: status_colours("warning")[0],
              bold=lambda s: bool(s.summary.get("warning"))),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Breach"), lambda s: str(s.summary.get("breach", fmt.DASH)),
              lambda s: s.summary.get("breach"), RIGHT, fg=lambda s: status_colours("breach")[0],
              bold=lambda s: bool(s.summary.get("breach"))),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Limits used"), lambda s: limits_text(s.limit_set_ref),
              tip=lambda s: tr(QT_TRANSLATE_NOOP("HistoryLabels", "{n} limit evaluations on record; the latest is "
                                                                  "shown and compared")).format(n=s.n_evaluations)),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Stress tests"), lambda s: str(s.n_stress), lambda s: s.n_stress,
              RIGHT),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Source"),
              lambda s: s.info.source or fmt.DASH, tip=lambda s: s.info.source),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Withdrawn"),
              lambda s: fmt.DASH if s.info.withdrawal is None else tr(QT_TRANSLATE_NOOP(
                  "HistoryLabels", "{user}, {time}: {reason}")).format(
                  user=s.info.withdrawal.created_by, time=local_time(s.info.withdrawal.created_at),
                  reason=s.info.withdrawal.reason.replace("\n", " ")),
              lambda s: s.info.withdrawal.created_at if s.info.withdrawal is not None else "",
              fg=lambda s: WITHDRAWN_FG if s.info.withdrawal is not None else None,
              tip=lambda s: withdrawn_tip(s.info)),
        ], self)
        self.snapshots, self.snapshots_proxy = make_table(self.snapshots_model, "snapshotsTable",
                                                         wrap=False)   # a taller header would hide a row
        self.snapshots.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.snapshots.selectionModel().selectionChanged.connect(self._selection_changed)
        self.withdraw_button = QPushButton()
        self.withdraw_button.setObjectName("withdrawSnapshot")
        self.withdraw_button.clicked.connect(self._withdraw_clicked)
        self.message = QLabel()
        self.message.setObjectName("snapshotMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        def status_col(name, attr):
            return C(name, lambda r: status_label(getattr(r, attr)), lambda r: {"ok": 0, "warning": 1, "breach": 2}.get(
                getattr(r, attr) or "", -1), CENTER, fg=lambda r: status_colours(getattr(r, attr))[0],
                bg=lambda r: status_colours(getattr(r, attr))[1] if getattr(r, attr) != "ok" else None,
                bold=lambda r: getattr(r, attr) in ("warning", "breach"))

        self.limits_model = RowsModel([
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Limit"), lambda r: r.limit_id, lambda r: r.limit_id,
              bold=lambda r: r.status_changed),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Name"), lambda r: r.name, tip=lambda r: r.name),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Dimension"), lambda r: label(DIMENSION_LABELS, r.dimension)),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Scope"),
              lambda r: tr(GROUP_SCOPE) if r.scope == "group" else r.scope),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Worst key"), lambda r: worst_key(r), tip=flagged_tip),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Ratio {then}"),
              lambda r: pct(r.ratio_then), lambda r: r.ratio_then, RIGHT),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Ratio {now}"),
              lambda r: pct(r.ratio_now), lambda r: r.ratio_now, RIGHT),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Change"), lambda r: pp(r.delta), lambda r: r.delta, RIGHT,
              fg=lambda r: None if not r.delta else ("#c62828" if r.delta > 0 else "#2e7d32")),
            status_col(QT_TRANSLATE_NOOP("HistoryLabels", "Status {then}"), "status_then"),
            status_col(QT_TRANSLATE_NOOP("HistoryLabels", "Status {now}"), "status_now"),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Status change"),
              lambda r: (f"{status_label(r.status_then)} → {status_label(r.status_now)}" if r.status_changed
                         and r.change in ("worse", "better") else label(CHANGE_LABELS, r.change)),
              lambda r: {"worse": 0, "new": 1, "better": 2, "removed": 3, "same": 4}[r.change],
              fg=lambda r: CHANGE_COLOURS.get(r.change, MUTED), bold=lambda r: r.change in ("worse", "better", "new")),
        ], self)
        self.limits, self.limits_proxy = make_table(self.limits_model, "limitsCompare", sort=False)
        self.limits.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.limits.setSortingEnabled(True)        # the catalogue's order until a header is clicked

        cols = [C(QT_TRANSLATE_NOOP("HistoryLabels", "Dimension"), lambda r: label(DIMENSION_LABELS, r.dimension))]
        names = {"hhi": QT_TRANSLATE_NOOP("HistoryLabels", "HHI"), "top1": QT_TRANSLATE_NOOP("HistoryLabels", "Top 1"),
                 "top5": QT_TRANSLATE_NOOP("HistoryLabels", "Top 5"),
                 "top10": QT_TRANSLATE_NOOP("HistoryLabels", "Top 10")}
        for f in INDEX_FIELDS:
            for which in ("then", "now"):
                cols.append(C(QT_TRANSLATE_NOOP("HistoryLabels", "{index} {when}"),
                              (lambda r, f=f, w=which: index_text(f, r.value(f, w))),
                              (lambda r, f=f, w=which: r.value(f, w)), RIGHT,
                              fg=(lambda r, f=f, w=which: self._index_colour(r, f) if w == "now" else None),
                              header_args={"index": "", "when": ""}))
                cols[-1].tag = (f, which, names[f])
        self.indices_model = RowsModel(cols, self)
        self.indices, _ = make_table(self.indices_model, "indicesCompare", sort=False)
        self.indices.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)   # 9 columns share

        self.compare_title = bold(QLabel(), 1)
        self.compare_title.setObjectName("compareTitle")
        self.hint = QLabel()
        self.hint.setStyleSheet(HINT_STYLE)
        self.only_changed = QCheckBox()
        self.only_changed.setObjectName("onlyChanged")
        self.only_changed.toggled.connect(self._apply_only_changed)
        self.limits_title = bold(QLabel())
        self.indices_title = bold(QLabel())
        head = QHBoxLayout()
        head.addWidget(self.compare_title)
        head.addSpacing(12)
        head.addWidget(self.hint, 1)
        head.addWidget(self.only_changed)
        limits_box = QWidget()
        lb = QVBoxLayout(limits_box)
        lb.setContentsMargins(0, 0, 0, 0)
        lb.addWidget(self.limits_title)
        lb.addWidget(self.limits)
        indices_box = QWidget()
        ib = QVBoxLayout(indices_box)
        ib.setContentsMargins(0, 0, 0, 0)
        ib.addWidget(self.indices_title)
        ib.addWidget(self.indices)
        compare = QSplitter(Qt.Orientation.Vertical)
        compare.addWidget(limits_box)
        compare.addWidget(indices_box)
        compare.setStretchFactor(0, 3)
        compare.setStretchFactor(1, 2)
        compare.setSizes([330, 250])
        compare.setChildrenCollapsible(False)
        self.snapshots.setMinimumHeight(90)
        list_box = QWidget()
        lbox = QVBoxLayout(list_box)
        lbox.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(self.message, 1)
        bar.addStretch(0)
        bar.addWidget(self.withdraw_button)
        lbox.addLayout(bar)
        lbox.addWidget(self.snapshots, 1)
        top = QSplitter(Qt.Orientation.Vertical)
        top.addWidget(list_box)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 4, 0, 0)
        bl.addLayout(head)
        bl.addWidget(compare, 1)
        top.addWidget(bottom)
        top.setStretchFactor(0, 1)
        top.setStretchFactor(1, 5)
        top.setSizes([120, 600])
        top.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(top)
        self.retranslate()

    def _index_colour(self, r, f) -> str | None:
        a, b = r.value(f, "then"), r.value(f, "now")
        if a is None or b is None or abs(b - a) < 1e-12:
            return None
        return "#c62828" if b > a else "#2e7d32"        # more concentrated = red

    def retranslate(self) -> None:
        self.withdraw_button.setText(self.tr("Withdraw snapshot…"))
        self.withdraw_button.setToolTip(self.tr("Select one snapshot imported by mistake to withdraw it: it stays "
                                                "on record here, and screens and reports no longer use it"))
        self.only_changed.setText(self.tr("Only limits whose status changed"))
        self.limits_title.setText(self.tr("Every limit, then and now (worst key of each limit)"))
        self.indices_title.setText(self.tr("Concentration indices by dimension (group)"))
        self._set_headers()
        for m in (self.snapshots_model, self.limits_model, self.indices_model):
            m.retranslate()
        self._update_title()

    def _set_headers(self) -> None:
        then, now = self._when()
        for c in self.limits_model.columns:
            if "{then}" in c.header or "{now}" in c.header:
                c.header_args = {"then": then, "now": now}
        for c in self.indices_model.columns:
            f = c.tag
            if f:
                c.header_args = {"index": tr(f[2]), "when": then if f[1] == "then" else now}

    def _when(self) -> tuple[str, str]:
        """The dates for the headers, on a second header line so that the columns stay narrow."""
        if self.then is not None and self.now is not None:
            return "\n" + self.then.info.as_of.isoformat(), "\n" + self.now.info.as_of.isoformat()
        return "\n" + self.tr("then"), "\n" + self.tr("now")

    def _update_title(self) -> None:
        if self.then is None or self.now is None:
            self.compare_title.setText(self.tr("Comparison"))
            self.hint.setText(self.tr("Select two snapshots above (Ctrl+click) to compare them."))
            return
        self.compare_title.setText(self.tr("{then} compared with {now}").format(
            then=self.then.info.as_of.isoformat(), now=self.now.info.as_of.isoformat()))
        rows = self.limits_model.rows
        worse = sum(r.change == "worse" for r in rows)
        better = sum(r.change == "better" for r in rows)
        self.hint.setText(self.tr("{n} limits: {worse} worse, {better} better, {same} unchanged in status").format(
            n=len(rows), worse=worse, better=better, same=sum(r.change == "same" for r in rows)))

    def set_data(self, data: HistoryData) -> None:
        keep = (self.then.info.id, self.now.info.id) if self.then and self.now else None
        self.data = data
        self.snapshots_model.set_rows(data.snapshots)
        fit_columns(self.snapshots, {0: 90}, maximum=320)
        if keep and all(data.snapshot(i) for i in keep):
            self.compare(*keep)
        elif len([s for s in data.snapshots if s.info.withdrawal is None]) >= 2:
            ordered = sorted((s for s in data.snapshots if s.info.withdrawal is None),
                             key=lambda s: (s.info.as_of, s.info.id))
            self.compare(ordered[-2].info.id, ordered[-1].info.id)
        else:
            self.compare(None, None)
        self._update_withdraw()

    # -- withdrawal -------------------------------------------------------------------------------
    def selected_snapshots(self) -> list:
        return [self.snapshots_proxy.index(i.row(), 0).data(ROW)
                for i in self.snapshots.selectionModel().selectedRows()]

    def select_snapshot(self, snapshot_id: int) -> None:
        """Select that one snapshot in the list (a single row: no comparison)."""
        for row in range(self.snapshots_proxy.rowCount()):
            s = self.snapshots_proxy.index(row, 0).data(ROW)
            if s is not None and s.info.id == snapshot_id:
                # through the selection model: selectRow would follow the keyboard modifiers held right now
                index = self.snapshots_proxy.index(row, 0)
                self.snapshots.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                return

    def _update_withdraw(self) -> None:
        chosen = self.selected_snapshots()
        self.withdraw_button.setEnabled(len(chosen) == 1 and chosen[0] is not None
                                        and chosen[0].info.withdrawal is None)

    def _withdraw_clicked(self) -> None:
        chosen = self.selected_snapshots()
        if len(chosen) == 1 and chosen[0] is not None and chosen[0].info.withdrawal is None:
            self.withdraw_requested.emit(chosen[0].info.id)

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #c62828;" if error else HINT_STYLE)
        self.message.setVisible(bool(text))

    def compare(self, id_a: int | None, id_b: int | None) -> None:
        """Compare two snapshots (the earlier as "then"); selects them in the list."""
        a = self.data.snapshot(id_a) if id_a is not None else None
        b = self.data.snapshot(id_b) if id_b is not None else None
        if a is not None and b is not None and (a.info.as_of, a.info.id) > (b.info.as_of, b.info.id):
            a, b = b, a
        self.then, self.now = (a, b) if a is not None and b is not None else (None, None)
        sel = self.snapshots.selectionModel()
        sel.blockSignals(True)
        sel.clearSelection()
        for row in range(self.snapshots_proxy.rowCount()):
            s = self.snapshots_proxy.index(row, 0).data(ROW)
            if s in (a, b) and s is not None:
                sel.select(self.snapshots_proxy.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                           | QItemSelectionModel.SelectionFlag.Rows)
        sel.blockSignals(False)
        self.snapshots.viewport().update()
        self._update_withdraw()
        self._show_comparison()

    def _selection_changed(self, *_args) -> None:
        self._update_withdraw()
        rows = sorted({i.row() for i in self.snapshots.selectionModel().selectedRows()})
        if len(rows) == 2:
            a, b = (self.snapshots_proxy.index(r, 0).data(ROW) for r in rows)
            self.then, self.now = sorted((a, b), key=lambda s: (s.info.as_of, s.info.id))
        else:
            self.then = self.now = None
        self._show_comparison()

    def _show_comparison(self) -> None:
        if self.then is None or self.now is None:
            self.limits_model.set_rows([])
            self.indices_model.set_rows([])
        else:
            self.limits_model.set_rows(compare_limits(self.then.result, self.now.result))
            self.indices_model.set_rows(compare_indices(self.then.result, self.now.result))
        self._set_headers()
        self.limits_model.retranslate()
        self.indices_model.retranslate()
        self._apply_only_changed()
        fit_columns(self.limits, {1: 150}, maximum=230, caps={1: 180, 4: 150})
        self._update_title()
        self.compared.emit()

    def _apply_only_changed(self, *_args) -> None:
        self.limits_proxy.set_predicate((lambda r: r.change != "same") if self.only_changed.isChecked() else None)


# ========================================================================================== assessments
