"""History (历史): everything on record, and comparisons across periods.

Built by the main window as HistoryScreen(session, parent). Tabs: snapshots (select two → every limit's
ratio and status then and now, and the dimension indices), rating assessments (select two → dimension
scores and risk levels side by side), limit-set versions and proposals, generated reports, and the journal
(the store's append-only audit log) as a filterable table.

The one write: "Withdraw snapshot…" on the snapshot list takes back a snapshot imported by mistake, with a
reason (core.store `withdraw_snapshot`, in a worker): it stays listed here, marked withdrawn, and every other
screen and report skips it. Otherwise the store never changes a record (core/store/README.md), so the screen
reads everything in one worker call (`session.run_with_store` with `models.load_history`) whenever it is
shown, and the comparisons set stored results side by side — what was reported at the time, never a
re-computation.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui import session as session_kinds
from ui.common import format as fmt
from ui.common.format import local_time
from ui.common.headers import WrappingHeader, two_lines
from ui.common.labels import bold, screen_title
from ui.common.reloader import Reloader
from ui.common.tables import read_only_table
from ui.history.models import (
    CENTER,
    CHANGE_COLOURS,
    CHANGE_LABELS,
    DIMENSION_LABELS,
    ENTITY_LABELS,
    GROUP_SCOPE,
    INDEX_FIELDS,
    KEY_LABELS,
    KIND_LABELS,
    PROPOSAL_LABELS,
    REPORT_KINDS,
    RIGHT,
    ROW,
    TEXT_KINDS,
    Column,
    HistoryData,
    RowsModel,
    SortProxy,
    action_label,
    assessment_title,
    compare_assessments,
    compare_indices,
    compare_limits,
    label,
    limits_text,
    load_history,
    payload_json,
    payload_text,
    risk_level_label,
    status_colours,
    status_label,
    tr,
)

MUTED = "#7a7a7a"
HINT_STYLE = "color: #607d8b;"


def make_table(model: RowsModel, name: str, *, sort: bool = True, wrap: bool = True) -> tuple[QTableView, SortProxy]:
    """A read-only table of the screen on a SortProxy over `model` (ui.common.tables.read_only_table: rows
    selected with Shift/Ctrl-click like every table). `wrap`: a long English header label may take two lines
    (see WrappingHeader)."""
    proxy = SortProxy(model)
    proxy.setSourceModel(model)
    view = read_only_table(proxy, name, sort=sort, wrap=wrap, row_height=0, stretch_last=True, one_line=True)
    return view, proxy


def fit_columns(view: QTableView, minimum: dict[int, int] | None = None, maximum: int = 360,
                caps: dict[int, int] | None = None) -> None:
    """Columns as wide as their contents (rows measured by Qt) and their header's longest line, within bounds."""
    fm = view.fontMetrics()
    model = view.model()
    wraps = isinstance(view.horizontalHeader(), WrappingHeader)
    for col in range(model.columnCount()):
        text = str(model.headerData(col, Qt.Orientation.Horizontal) or "")
        lines = text.split("\n") if "\n" in text or not wraps else (two_lines(text, fm.horizontalAdvance) or [text])
        head = max(fm.horizontalAdvance(line) for line in lines) + 26
        width = max(view.sizeHintForColumn(col) + 8, head, (minimum or {}).get(col, 0))
        view.setColumnWidth(col, min(width, (caps or {}).get(col, maximum)))


def pct(x) -> str:
    return fmt.percent(x) if x is not None else fmt.DASH


def pp(delta) -> str:
    if delta is None:
        return fmt.DASH
    value = fmt.number(delta * 100, 2)
    sign = "+" if delta > 0 and value != "0.00" else ""
    return tr(QT_TRANSLATE_NOOP("HistoryLabels", "{value} pp")).format(value=sign + value)


def key_words(key: str | None, dimension: str = "") -> str:
    """A key as read: fixed codes in words, industry and region codes with their names (wording.codes)."""
    if key is None:
        return fmt.DASH
    if key in KEY_LABELS:
        return label(KEY_LABELS, key)
    if dimension in ("industry", "region", "premium_region"):
        from ui.common import i18n
        from wording.codes import industry_name, region_name

        name = (industry_name if dimension == "industry" else region_name)(key, i18n.wording_lang())
        return f"{key} {name}" if name else key
    return key


def worst_key(r) -> str:
    """The key with the highest ratio, or "then → now" when another key is now the worst."""
    if r.key_then == r.key_now or r.key_then is None or r.key_now is None:
        return key_words(r.key_now if r.key_now is not None else r.key_then, r.dimension)
    return f"{key_words(r.key_then, r.dimension)} → {key_words(r.key_now, r.dimension)}"


def flagged_tip(r) -> str:
    """The keys in warning or breach then and now (the tooltip of the worst key)."""
    then = "、".join(key_words(k, r.dimension) for k in r.flagged_then) or fmt.DASH
    now = "、".join(key_words(k, r.dimension) for k in r.flagged_now) or fmt.DASH
    return tr(QT_TRANSLATE_NOOP("HistoryLabels", "Keys in warning or breach: {then} → {now}")).format(
        then=then, now=now)


def index_text(name: str, value) -> str:
    if value is None:
        return fmt.DASH
    return fmt.number(value, 4) if name == "hhi" else fmt.percent(value)


# ============================================================================================ snapshots
WITHDRAWN_FG = "#9e9e9e"


def withdrawn_tip(info) -> str | None:
    """Who withdrew a snapshot or a proposal, when and why (None when it was not withdrawn)."""
    w = info.withdrawal
    if w is None:
        return None
    return tr(QT_TRANSLATE_NOOP("HistoryLabels", "Withdrawn by {user} on {time}: {reason}")).format(
        user=w.created_by, time=local_time(w.created_at), reason=w.reason)


class WithdrawSnapshotDialog(QDialog):
    """Asks why a snapshot is withdrawn, and says what withdrawing does (and does not do)."""

    def __init__(self, title: str, note: str, prompt: str, parent=None):
        super().__init__(parent)
        self.setObjectName("withdrawSnapshotDialog")
        self.setWindowTitle(title)
        self.text = QPlainTextEdit()
        self.text.setMinimumHeight(80)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for text in (note, prompt):
            lab = QLabel(text)
            lab.setWordWrap(True)
            layout.addWidget(lab)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.setMinimumWidth(500)


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
class LimitSetsPage(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.data = HistoryData()
        C = Column
        name = lambda lsid: self.data.limit_sets.get(lsid, f"#{lsid}")  # noqa: E731
        self.versions_model = RowsModel([
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Limit set"), lambda v: name(v.limit_set_id)),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Version"), lambda v: str(v.version), lambda v: v.version, RIGHT),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Effective from"),
              lambda v: v.effective_date.isoformat(), lambda v: v.effective_date),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Limits"), lambda v: str(v.n_rows), lambda v: v.n_rows, RIGHT),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Approved by"), lambda v: v.approved_by),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Approved at"),
              lambda v: local_time(v.approved_at), lambda v: v.approved_at),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Proposal"), lambda v: f"#{v.proposal_id}", lambda v: v.proposal_id),
        ], self)
        self.versions, _ = make_table(self.versions_model, "versionsTable")
        self.proposals_model = RowsModel([
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Proposal"), lambda p: f"#{p.id}", lambda p: p.id),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Limit set"), lambda p: name(p.limit_set_id)),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Proposed by"), lambda p: p.proposer),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Proposed at"),
              lambda p: local_time(p.created_at), lambda p: p.created_at),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Effective from"),
              lambda p: p.effective_date.isoformat(), lambda p: p.effective_date),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Status"), lambda p: label(PROPOSAL_LABELS, p.status),
              fg=lambda p: {"approved": "#2e7d32", "rejected": "#c62828", "withdrawn": "#607d8b"}.get(p.status),
              tip=withdrawn_tip),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Decided or withdrawn by"),
              lambda p: p.decision.decider if p.decision else (
                  p.withdrawal.created_by if p.withdrawal else fmt.DASH)),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Reason"),
              lambda p: (p.reason or "").replace("\n", " "), tip=lambda p: p.reason),
        ], self)
        self.proposals, _ = make_table(self.proposals_model, "proposalsTable")
        self.versions_title = bold(QLabel())
        self.proposals_title = bold(QLabel())
        self.empty = QLabel()
        self.empty.setStyleSheet(HINT_STYLE)
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.versions_title)
        layout.addWidget(self.versions, 1)
        layout.addWidget(self.proposals_title)
        layout.addWidget(self.proposals, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.versions_title.setText(self.tr("Approved limit-set versions"))
        self.proposals_title.setText(self.tr("Proposals and decisions (maker-checker)"))
        self.empty.setText(self.tr("No limit set has been versioned yet: every snapshot was evaluated with the "
                                   "limits of its own data (limits.csv)."))
        self.versions_model.retranslate()
        self.proposals_model.retranslate()

    def set_data(self, data: HistoryData) -> None:
        self.data = data
        self.versions_model.set_rows(data.versions)
        self.proposals_model.set_rows(data.proposals)
        self.empty.setVisible(not data.versions and not data.proposals)
        fit_columns(self.versions)
        fit_columns(self.proposals)


class ReportsPage(QWidget):
    """Generated reports, and every version of the officers' texts that go into them."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.data = HistoryData()
        C = Column

        def snapshot_of(r):
            s = self.data.snapshot(r.snapshot_id) if r.snapshot_id is not None else None
            return s.info.as_of.isoformat() if s else fmt.DASH

        self.model = RowsModel([
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Generated at"),
              lambda r: local_time(r.created_at), lambda r: r.created_at),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Kind"), lambda r: label(REPORT_KINDS, r.kind), tip=lambda r: r.kind),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Period"), lambda r: r.period or fmt.DASH),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Snapshot"), snapshot_of),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "By"), lambda r: r.created_by or fmt.DASH),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "SHA-256"),
              lambda r: (r.sha256 or "")[:16] or fmt.DASH, tip=lambda r: r.sha256),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "File"), lambda r: r.path or fmt.DASH, tip=lambda r: r.path),
        ], self)
        self.table, _ = make_table(self.model, "reportsTable")
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)

        def version_of(t):
            same = sorted(x.id for x in self.data.texts if (x.kind, x.period) == (t.kind, t.period))
            return tr(QT_TRANSLATE_NOOP("HistoryLabels", "{n} of {m}")).format(n=same.index(t.id) + 1, m=len(same))

        self.texts_model = RowsModel([
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Saved at"), lambda t: local_time(t.created_at), lambda t: t.id),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Text"), lambda t: label(TEXT_KINDS, t.kind)),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Period"), lambda t: t.period),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Version"), version_of, align=CENTER),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "By"), lambda t: t.created_by or fmt.DASH),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Beginning"), lambda t: t.text.replace("\n", " ")[:120],
              tip=lambda t: t.text),
        ], self)
        self.texts, self.texts_proxy = make_table(self.texts_model, "textsTable")
        self.texts.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.texts.selectionModel().currentRowChanged.connect(self._text_chosen)
        self.text_view = QTextBrowser()
        self.text_view.setObjectName("textView")
        self.reports_title = bold(QLabel())
        self.texts_title = bold(QLabel())
        self.empty = QLabel()
        self.empty.setStyleSheet(HINT_STYLE)
        texts_row = QSplitter(Qt.Orientation.Horizontal)
        texts_row.addWidget(self.texts)
        texts_row.addWidget(self.text_view)
        texts_row.setSizes([700, 500])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.reports_title)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.texts_title)
        layout.addWidget(texts_row, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.reports_title.setText(self.tr("Generated reports"))
        self.texts_title.setText(self.tr("Officers' texts, every version (a change is a new version)"))
        self.empty.setText(self.tr("No report has been generated yet."))
        self.model.retranslate()
        self.texts_model.retranslate()

    def set_data(self, data: HistoryData) -> None:
        self.data = data
        self.model.set_rows(data.reports)
        self.texts_model.set_rows(data.texts)
        self.empty.setVisible(not data.reports)
        fit_columns(self.table)
        fit_columns(self.texts, maximum=220)
        if self.texts_proxy.rowCount():
            self.texts.selectRow(0)
        else:
            self.text_view.clear()

    def _text_chosen(self, current, _previous) -> None:
        t = current.data(ROW) if current.isValid() else None
        self.text_view.setPlainText(t.text if t is not None else "")


class JournalPage(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        C = Column
        self.model = RowsModel([
            C(QT_TRANSLATE_NOOP("HistoryLabels", "#"), lambda j: str(j.id), lambda j: j.id, RIGHT),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "When"),
              lambda j: local_time(j.created_at), lambda j: (j.created_at, j.id)),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Who"), lambda j: j.created_by or fmt.DASH),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "What"),
              action_label, tip=lambda j: j.action),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Record"), lambda j: f"{label(ENTITY_LABELS, j.entity)} #{j.entity_id}"
              if j.entity_id is not None else label(ENTITY_LABELS, j.entity)),
            C(QT_TRANSLATE_NOOP("HistoryLabels", "Details"),
              lambda j: payload_text(j.payload), tip=lambda j: payload_text(j.payload)),
        ], self)
        self.table, self.proxy = make_table(self.model, "journalTable")
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.entity = QComboBox()
        self.entity.setObjectName("journalEntity")
        self.user = QComboBox()
        self.user.setObjectName("journalUser")
        self.search = QLineEdit()
        self.search.setObjectName("journalSearch")
        self.search.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setStyleSheet(HINT_STYLE)
        self.since_set = QCheckBox()
        self.since_set.setObjectName("journalSinceSet")
        self.since = QDateEdit()
        self.since.setObjectName("journalSince")
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.since.setDate(QDate.currentDate().addMonths(-6))
        self.since.setEnabled(False)
        self.since_set.toggled.connect(self.since.setEnabled)
        self.export_button = QPushButton()
        self.export_button.setObjectName("journalExport")
        self.export_button.clicked.connect(self._export_clicked)
        self.entity_label, self.user_label = QLabel(), QLabel()
        row = QHBoxLayout()
        row.addWidget(self.entity_label)
        row.addWidget(self.entity)
        row.addSpacing(8)
        row.addWidget(self.user_label)
        row.addWidget(self.user)
        row.addSpacing(8)
        row.addWidget(self.since_set)
        row.addWidget(self.since)
        row.addSpacing(8)
        row.addWidget(self.search, 1)
        row.addWidget(self.count)
        row.addWidget(self.export_button)
        self.note = QLabel()
        self.note.setStyleSheet(HINT_STYLE)
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.note)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        self.entity.currentIndexChanged.connect(self._filter)
        self.user.currentIndexChanged.connect(self._filter)
        self.search.textChanged.connect(self._filter)
        self.since_set.toggled.connect(self._filter)
        self.since.dateChanged.connect(self._filter)
        self.retranslate()

    def retranslate(self) -> None:
        self.since_set.setText(self.tr("From"))
        self.since_set.setToolTip(self.tr("Only entries on or after this day (local time)"))
        self.export_button.setText(self.tr("Export CSV…"))
        self.export_button.setToolTip(self.tr("The entries shown, as a CSV file for the auditors (UTF-8, opens in "
                                              "Excel)"))
        self.note.setText(self.tr("The journal is the store's append-only audit log: every write, in the same "
                                  "transaction as the change, with who and when. Nothing in it can be changed."))
        self.entity_label.setText(self.tr("Record"))
        self.user_label.setText(self.tr("User"))
        self.search.setPlaceholderText(self.tr("Search in the details…"))
        self._fill_combos()
        self.model.retranslate()
        self._update_count()

    def _fill_combos(self) -> None:
        for combo, values, every, text in (
                (self.entity, sorted({j.entity for j in self.model.rows}), self.tr("All records"),
                 lambda v: label(ENTITY_LABELS, v)),
                (self.user, sorted({j.created_by for j in self.model.rows if j.created_by}), self.tr("All users"),
                 str)):
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(every, None)
            for v in values:
                combo.addItem(text(v), v)
            combo.setCurrentIndex(max(combo.findData(keep), 0) if keep else 0)
            combo.blockSignals(False)

    def set_data(self, data: HistoryData) -> None:
        self.model.set_rows(data.journal)
        self._fill_combos()
        self._filter()
        fit_columns(self.table, {1: 130, 3: 140, 4: 120}, maximum=260)

    def set_filter(self, entity: str | None = None, user: str | None = None, text: str = "",
                   since: str | None = None) -> None:
        """Programmatic filters (tests, links); `since` a day "YYYY-MM-DD" or None."""
        self.entity.setCurrentIndex(max(self.entity.findData(entity), 0) if entity else 0)
        self.user.setCurrentIndex(max(self.user.findData(user), 0) if user else 0)
        self.search.setText(text)
        if since:
            self.since.setDate(QDate.fromString(since, "yyyy-MM-dd"))
        self.since_set.setChecked(bool(since))
        self._filter()

    def _filter(self, *_args) -> None:
        entity, user, text = self.entity.currentData(), self.user.currentData(), self.search.text().strip().lower()
        since = self.since.date().toString("yyyy-MM-dd") if self.since_set.isChecked() else None

        def keep(j) -> bool:
            if entity is not None and j.entity != entity:
                return False
            if since is not None and local_time(j.created_at)[:10] < since:
                return False
            if user is not None and j.created_by != user:
                return False
            if text:
                hay = " ".join((j.action, action_label(j), payload_text(j.payload), payload_json(j.payload),
                                j.created_by or "")).lower()
                return text in hay
            return True

        self.proxy.set_predicate(keep if (entity or user or text or since) else None)
        self._update_count()

    def export_csv(self, path) -> int:
        """Write the entries shown (filtered and in the shown order) to `path` as CSV; returns the count."""
        from core.safe_export import write_csv_safe  # a name that starts with "=" is no formula in Excel

        rows = self.visible_entries()
        header = [self.model.headerData(c, Qt.Orientation.Horizontal) for c in range(self.model.columnCount())]
        with open(path, "w", encoding="utf-8-sig", newline="") as f:
            write_csv_safe(f, [header + ["action", "entity", "created_at (UTC)"]]
                           + [[c.text(j) for c in self.model.columns] + [j.action, j.entity, j.created_at]
                              for j in rows])
        return len(rows)

    def _export_clicked(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the journal"), "riskdesk-journal.csv",
                                              self.tr("CSV files (*.csv)"))
        if not path:
            return
        try:
            n = self.export_csv(path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Export the journal"),
                                self.tr("The file could not be written: {reason}").format(reason=exc.strerror or exc))
            return
        self.count.setText(self.tr("{n} entries exported").format(n=n))

    def visible_entries(self) -> list:
        return [self.proxy.index(r, 0).data(ROW) for r in range(self.proxy.rowCount())]

    def _update_count(self) -> None:
        self.count.setText(self.tr("{shown} of {n} entries").format(shown=self.proxy.rowCount(),
                                                                    n=self.model.rowCount()))


# ================================================================================================ screen
def _withdraw_snapshot(store, snapshot_id: int, user: str, reason: str):
    """Worker: record the withdrawal of a snapshot. Returns the SnapshotWithdrawal."""
    return store.withdraw_snapshot(snapshot_id, user, reason)


class HistoryScreen(QWidget):
    loaded = Signal()
    snapshot_withdrawn = Signal(int)     # snapshot id, once the withdrawal is on record

    SNAPSHOTS, ASSESSMENTS, LIMIT_SETS, REPORTS, JOURNAL = range(5)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("historyScreen")
        self.session = session
        self.data = HistoryData()
        self.reader = Reloader(self, session, load_history, self._loaded,
                               label=lambda: self.tr("Reading the history…"))
        self.reader.follow(session_kinds.KINDS)      # everything on record is listed here
        self.title = screen_title()
        self.subtitle = QLabel()
        self.subtitle.setStyleSheet(HINT_STYLE)
        self.refresh_button = QToolButton()
        self.refresh_button.setObjectName("refreshHistory")
        self.refresh_button.clicked.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(16)
        top.addWidget(self.subtitle, 1)
        top.addWidget(self.refresh_button)
        self.snapshots = SnapshotsPage()
        self.assessments = AssessmentsPage()
        self.limit_sets = LimitSetsPage()
        self.reports = ReportsPage()
        self.journal = JournalPage()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("historyTabs")
        self.tabs.setDocumentMode(True)
        for page in (self.snapshots, self.assessments, self.limit_sets, self.reports, self.journal):
            self.tabs.addTab(page, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self._retranslate()
        self.snapshots.withdraw_requested.connect(lambda sid: self.withdraw_snapshot(sid))
        session.store_changed.connect(self._store_changed)
        session.when_store_ready(lambda _store: self.reload())

    def activated(self) -> None:
        self.reader.activated()

    def _store_changed(self) -> None:
        self._set_data(HistoryData())
        self.reload()

    def reload(self) -> None:
        self.reader.reload()

    def withdraw_snapshot(self, snapshot_id: int, reason: str | None = None):
        """Withdraw a snapshot imported by mistake, by the session's user, with a reason (asked for when not
        given). It stays on record, listed as withdrawn; breach cases its evaluation opened are left open."""
        row = self.data.snapshot(snapshot_id)
        if row is None or row.info.withdrawal is not None:
            return None
        info = row.info
        user = self.session.user.strip()
        page = self.snapshots
        if not user:
            page.show_message(self.tr("Set your user name first (Settings › User Name…): a withdrawal records "
                                      "who made it."), error=True)
            return None
        if reason is None:
            dialog = WithdrawSnapshotDialog(
                self.tr("Withdraw snapshot {as_of}").format(as_of=info.as_of.isoformat()),
                self.tr("Snapshot {as_of} (no. {id}, imported {time} by {user}) will no longer be used: the "
                        "dashboards, the limits screen and the reports of its period use the latest other "
                        "snapshot instead. Nothing is deleted: it stays on record and is listed here as "
                        "withdrawn. Breach cases opened by its evaluation are not closed automatically: review "
                        "them in the breach register.").format(
                    as_of=info.as_of.isoformat(), id=info.id, time=local_time(info.created_at),
                    user=info.created_by or fmt.DASH),
                self.tr("Why is it withdrawn? (recorded with the withdrawal, with your name: {user})").format(
                    user=user), self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            reason = dialog.text.toPlainText()
        if not reason.strip():
            page.show_message(self.tr("A withdrawal needs a reason: nothing was recorded."), error=True)
            return None

        def done(_w) -> None:
            page.show_message(self.tr("Snapshot {as_of} (no. {id}) withdrawn: screens and reports no longer use "
                                      "it. Breach cases opened by its evaluation stay as they are: review them in "
                                      "the breach register.").format(as_of=info.as_of.isoformat(), id=info.id))
            self.snapshot_withdrawn.emit(info.id)
            self.reload()

        def failed(exc) -> None:
            code = getattr(exc, "code", None)
            texts = {"withdrawn": self.tr("This snapshot has already been withdrawn."),
                     "user_required": self.tr("Set your user name first (Settings › User Name…): a withdrawal "
                                              "records who made it.")}
            page.show_message(texts.get(code) or self.tr("The snapshot could not be withdrawn: {reason}").format(
                reason=getattr(exc, "detail", None) or exc), error=True)
            self.reload()

        return self.session.write(self, _withdraw_snapshot, info.id, user, reason.strip(), on_done=done,
                                  on_error=failed, progress_label=self.tr("Recording the withdrawal…"),
                                  changed=session_kinds.SNAPSHOT, ids=[info.id])

    def _loaded(self, data: HistoryData) -> None:
        self._set_data(data)
        self.loaded.emit()

    def _set_data(self, data: HistoryData) -> None:
        self.data = data
        self.snapshots.set_data(data)
        self.assessments.set_data(data)
        self.limit_sets.set_data(data)
        self.reports.set_data(data)
        self.journal.set_data(data)
        self._update_texts()

    def _update_texts(self) -> None:
        d = self.data
        self.subtitle.setText(self.tr("On record: {s} snapshots, {a} rating assessments, {v} limit-set versions, "
                                      "{r} reports, {t} text versions, {j} journal entries — nothing is "
                                      "overwritten").format(s=len(d.snapshots), a=len(d.assessments),
                                                            v=len(d.versions), r=len(d.reports), t=len(d.texts),
                                                            j=len(d.journal)))
        texts = (self.tr("Snapshots ({n})").format(n=len(d.snapshots)),
                 self.tr("Rating assessments ({n})").format(n=len(d.assessments)),
                 self.tr("Limit sets ({n})").format(n=len(d.versions) + len(d.proposals)),
                 self.tr("Reports and texts ({n})").format(n=len(d.reports) + len(d.texts)),
                 self.tr("Journal ({n})").format(n=len(d.journal)))
        for i, text in enumerate(texts):
            self.tabs.setTabText(i, text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.title.setText(self.tr("History"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Read everything on record again"))
        for page in (self.snapshots, self.assessments, self.limit_sets, self.reports, self.journal):
            page.retranslate()
        self._update_texts()
