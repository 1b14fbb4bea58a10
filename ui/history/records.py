"""The history's record panels: limit-set versions and proposals, generated reports and officer texts, and
the journal (the store's append-only audit log) as a filterable table.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.common import format as fmt
from ui.common.format import local_time
from ui.common.labels import bold
from ui.history.models import (
    CENTER,
    ENTITY_LABELS,
    PROPOSAL_LABELS,
    REPORT_KINDS,
    RIGHT,
    ROW,
    TEXT_KINDS,
    Column,
    HistoryData,
    RowsModel,
    action_label,
    label,
    payload_json,
    payload_text,
    tr,
)
from ui.history.widgets import HINT_STYLE, fit_columns, make_table, withdrawn_tip


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
        from ui.session import before_print

        if not before_print(self):         # the opening check failed meanwhile: its explanation shows
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
