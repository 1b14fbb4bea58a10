"""Breach register (超限台账): every case the store opened for a (limit, key) in warning or breach, its
complete history, and the editor for the next event.

Built by the main window as BreachesScreen(session, parent). The cases and their context (limit names,
counterparty names, which evaluations exist) are read in a worker (`session.run_with_store` with
`models.load_register`: it loads the latest snapshot for the names, ~0.1 s on the demo, once per session —
later reloads skip snapshots already read); the history of the selected case is read on the GUI thread (one
indexed query, well under a millisecond).

Recording an event is a quick write waited for (`session.write_now` on the session's store worker):
`record_case_event` is one small transaction (two inserts, synchronous=FULL), measured on this machine at
0.4 ms median and 3.7 ms at worst over 30 events on the demo database — far below what a user notices, and
the answer must appear at once beside the editor when the store refuses (case_not_back_in_range). Nothing here decides whether a case may close: the store does, and the screen
words its answer.

No undo: the register is append-only — a recorded event is on record for the audit (guideline Art. 14, 20)
and cannot be taken back, so a QUndoCommand would promise what cannot be kept. Instead every event is
confirmed before it is recorded (`confirm_record`), with the changes listed; the screen has no undo stack
and nothing "unsaved" besides the editor's draft, which `can_close` asks about.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui import session as session_kinds
from ui.breaches.detail import CaseDetail
from ui.breaches.editor import CaseEditor
from ui.breaches.models import (
    CASE_ID,
    MAJOR_MARK,
    STATES,
    CasesFilter,
    CasesModel,
    RegisterData,
    cause_label,
    field_label,
    load_register,
    state_label,
)
from ui.common import i18n
from ui.common.labels import screen_title
from ui.common.reloader import Reloader
from ui.common.tables import read_only_table, tools_of


class BreachesScreen(QWidget):
    loaded = Signal()              # the register was (re)read
    recorded = Signal(int)         # event id, after recording

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("breachesScreen")
        self.session = session
        self.data = RegisterData()
        self.history: list = []
        self._selected_id: int | None = None
        self.reader = Reloader(self, session, load_register, self._loaded,
                               label=lambda: self.tr("Reading the breach register…"),
                               args=lambda: (True, frozenset(self.data.name_snapshots)))
        # cases are opened by imports (and re-observed by evaluations), moved by events: read again after any
        self.reader.follow((session_kinds.CASE, session_kinds.SNAPSHOT, session_kinds.EVALUATION,
                            session_kinds.LIMITS))

        self.title = screen_title()
        self.counts = QLabel()
        self.counts.setObjectName("caseCounts")
        self.counts.setStyleSheet("color: #607d8b;")
        self.state_label = QLabel()
        self.state_filter = QComboBox()
        self.state_filter.setObjectName("stateFilter")
        self.limit_label = QLabel()
        self.limit_filter = QComboBox()
        self.limit_filter.setObjectName("limitFilter")
        self.limit_filter.setMinimumWidth(240)
        self.major_only = QCheckBox()
        self.major_only.setObjectName("majorOnly")
        self.refresh_button = QToolButton()
        self.refresh_button.setObjectName("refreshCases")
        self.refresh_button.clicked.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(16)
        top.addWidget(self.counts, 1)
        top.addWidget(self.state_label)
        top.addWidget(self.state_filter)
        top.addSpacing(8)
        top.addWidget(self.limit_label)
        top.addWidget(self.limit_filter)
        top.addSpacing(8)
        top.addWidget(self.major_only)
        # the register grows case after case: a filter box in view (ui.common.tables)
        self.filter_box = QLineEdit()
        self.filter_box.setObjectName("casesFilter")
        self.filter_box.setMinimumWidth(90)
        self.filter_box.setMaximumWidth(160)
        # the counts give way (elided by width) before a filter is pushed off the screen at 1280 px
        self.counts.setMinimumWidth(40)
        self.counts.setSizePolicy(QSizePolicy.Policy.Ignored, self.counts.sizePolicy().verticalPolicy())
        top.addWidget(self.filter_box)
        top.addWidget(self.refresh_button)

        self.model = CasesModel(self)
        self.proxy = CasesFilter(self)
        self.proxy.setSourceModel(self.model)
        self._fitted_language: str | None = None   # the language the columns were last fitted to
        # Ctrl+C with headers, context menu, export, and the filter box above (ui.common.tables)
        self.table = read_only_table(self.proxy, "casesTable", title="breach-register", sort=True, one_line=True,
                                     filter_edit=self.filter_box)
        self.table.sortByColumn(CasesModel.ID, Qt.SortOrder.DescendingOrder)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table_tools = tools_of(self.table)

        self.detail = CaseDetail()
        self.editor = CaseEditor()
        self.editor.record_requested.connect(self.record_event)
        editor_scroll = QScrollArea()
        editor_scroll.setWidgetResizable(True)
        editor_scroll.setFrameShape(QFrame.Shape.NoFrame)
        editor_scroll.setWidget(self.editor)
        editor_scroll.setMinimumWidth(420)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(self.detail)
        bottom.addWidget(editor_scroll)
        bottom.setStretchFactor(0, 3)
        bottom.setStretchFactor(1, 2)
        bottom.setSizes([700, 480])
        table_box = QWidget()
        tl = QVBoxLayout(table_box)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.table)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(table_box)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([300, 480])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        self.state_filter.currentIndexChanged.connect(self._filters_changed)
        self.limit_filter.currentIndexChanged.connect(self._filters_changed)
        self.major_only.toggled.connect(self._filters_changed)
        self.proxy.modelReset.connect(self._after_reset)
        self.proxy.layoutChanged.connect(self._after_reset)

        self._retranslate()
        self._fill_state_filter()
        self._fill_limit_filter()
        self._show_selected()
        session.store_changed.connect(self._store_changed)
        session.when_store_ready(lambda _store: self.reload())

    # -- loading ----------------------------------------------------------------------------------
    def activated(self) -> None:
        self.reader.activated()

    def _store_changed(self) -> None:
        self._selected_id = None
        self.data = RegisterData()                   # another database: its snapshots are other snapshots
        self.model.set_data(self.data)
        self._show_selected()
        self.reload()

    def reload(self) -> None:
        """Read the register again (a worker skips the snapshots whose names were read already)."""
        self.reader.reload()

    def _loaded(self, data: RegisterData) -> None:
        data.keep_names_of(self.data)
        self._set_data(data)
        self.loaded.emit()

    def _set_data(self, data: RegisterData) -> None:
        keep = self._selected_id
        self.data = data
        self.model.set_data(data)
        self._fill_limit_filter()
        self._update_counts()
        self.resize_columns()
        if keep is None or not self.select_case(keep):
            if self.proxy.rowCount():
                self.table.selectRow(0)
            else:
                self._selected_id = None
                self._show_selected()

    def _refresh_cases(self) -> None:
        """After a write: the cases again (one quick query), the names and evaluations kept."""
        store = self.session.store
        data = RegisterData(cases=store.list_cases(), limits=self.data.limits, names=self.data.names,
                            issuers=self.data.issuers, evaluations=self.data.evaluations,
                            name_snapshots=self.data.name_snapshots, heads=self.data.heads)
        self._set_data(data)

    # -- selection --------------------------------------------------------------------------------
    def select_case(self, case_id: int) -> bool:
        row = self.model.row_of(case_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        if self._selected_id == case_id:
            self._show_selected()
        return True

    def selected_case(self):
        if self._selected_id is None:
            return None
        row = self.model.row_of(self._selected_id)
        return self.model.cases[row] if row >= 0 else None

    def _row_changed(self, current, _previous) -> None:
        # A draft belongs to the case it was written for: choosing another case shows that case's values.
        self._selected_id = current.data(CASE_ID) if current.isValid() else None
        self._show_selected()

    def _after_reset(self) -> None:
        if self._selected_id is not None and self.model.row_of(self._selected_id) >= 0:
            index = self.proxy.mapFromSource(self.model.index(self.model.row_of(self._selected_id), 0))
            if index.isValid():
                return
        if self.proxy.rowCount():
            self.table.selectRow(0)
        else:
            self._selected_id = None
            self._show_selected()

    def _show_selected(self) -> None:
        case = self.selected_case()
        store = self.session.store
        self.history = store.case_history(case.id) if case is not None and store is not None else []
        evidence = []
        if case is not None:
            flagging = [e.evaluation_id for e in self.history if e.action in ("opened", "observed")]
            evidence = self.data.later_evaluations(flagging[-1] if flagging else case.opened_evaluation_id)
        self.detail.show_case(case, self.history, self.data)
        self.editor.set_case(case, evidence)

    # -- filters ----------------------------------------------------------------------------------
    def _fill_state_filter(self) -> None:
        keep = self.state_filter.currentData() if self.state_filter.count() else "active"
        self.state_filter.blockSignals(True)
        self.state_filter.clear()
        self.state_filter.addItem(self.tr("Active (not closed)"), "active")
        self.state_filter.addItem(self.tr("All states"), "all")
        for s in STATES:
            self.state_filter.addItem(state_label(s), s)
        self.state_filter.setCurrentIndex(max(self.state_filter.findData(keep), 0))
        self.state_filter.blockSignals(False)

    def _fill_limit_filter(self) -> None:
        keep = self.limit_filter.currentData()
        self.limit_filter.blockSignals(True)
        self.limit_filter.clear()
        self.limit_filter.addItem(self.tr("All limits"), None)
        for lid in sorted({c.limit_id for c in self.model.cases}):
            self.limit_filter.addItem(self.data.limit_text(lid), lid)
        self.limit_filter.setCurrentIndex(max(self.limit_filter.findData(keep), 0) if keep else 0)
        self.limit_filter.blockSignals(False)

    def set_filters(self, state: str | None = "active", major_only: bool = False, limit_id: str | None = None):
        """Programmatic filter change (tests, links from other screens)."""
        self.state_filter.setCurrentIndex(max(self.state_filter.findData(state or "all"), 0))
        self.major_only.setChecked(major_only)
        self.limit_filter.setCurrentIndex(max(self.limit_filter.findData(limit_id), 0) if limit_id else 0)
        self._filters_changed()

    def _filters_changed(self, *_args) -> None:
        state = self.state_filter.currentData()
        self.proxy.set_filter(state=None if state == "all" else state, major_only=self.major_only.isChecked(),
                              limit_id=self.limit_filter.currentData())
        self._after_reset()
        self._update_counts()

    def visible_case_ids(self) -> list[int]:
        return [self.proxy.index(r, 0).data(CASE_ID) for r in range(self.proxy.rowCount())]

    def _update_counts(self) -> None:
        cases = self.model.cases
        active = [c for c in cases if c.state != "closed"]
        text = self.tr("{n} cases, {active} active, {breach} in breach, {major} major, {overdue} overdue").format(
            n=len(cases), active=len(active), breach=sum(c.status == "breach" for c in active),
            major=sum(c.major_event for c in active), overdue=sum(self.model.overdue(c) for c in active))
        shown = self.proxy.rowCount()
        if shown != len(cases):
            text += self.tr(" · {shown} shown").format(shown=shown)
        self.counts.setText(text)

    def resize_columns(self) -> None:
        """Fixed widths that fit 1400 px (the key column takes what is left); headers never cut, and the
        short words of status, state and cause never cut either ("Mitigating" is wider than "整改中")."""
        self._fitted_language = i18n.current()
        fm = self.table.fontMetrics()
        widths = {CasesModel.ID: 40, CasesModel.LIMIT: 196, CasesModel.STATUS: 56, CasesModel.RATIO: 58,
                  CasesModel.STATE: 60, CasesModel.CAUSE: 70, CasesModel.OWNER: 116, CasesModel.DUE: 84,
                  CasesModel.MAJOR: 26, CasesModel.OPENED: 120, CasesModel.CHANGED: 120}
        header = self.table.horizontalHeader()
        for col, w in widths.items():
            head = fm.horizontalAdvance(self.model.headerData(col, Qt.Orientation.Horizontal) or "") + 24
            words = self._widest_word(col) if col in (CasesModel.STATUS, CasesModel.STATE, CasesModel.CAUSE) else 0
            self.table.setColumnWidth(col, max(w, head, words))
        header.setSectionResizeMode(CasesModel.KEY, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(24)

    def _widest_word(self, col: int) -> int:
        """The width of the column's widest text in its own font, with the cell's margins (12 pixels)."""
        widest = 0
        for row in range(self.model.rowCount()):
            index = self.model.index(row, col)
            font = index.data(Qt.ItemDataRole.FontRole)
            fm = QFontMetrics(font) if font is not None else self.table.fontMetrics()
            widest = max(widest, fm.horizontalAdvance(str(index.data() or "")))
        return widest + 12 if widest else 0

    # -- recording --------------------------------------------------------------------------------
    def describe_changes(self, case, changes: dict) -> list[str]:
        lines = []
        for name in ("state", "cause", "owner", "due_date", "major_event", "analysis", "mitigation_plan"):
            if name not in changes:
                continue
            new = changes[name]
            if name == "state":
                text = f"{state_label(case.state)} → {state_label(new)}"
            elif name == "cause":
                text = cause_label(new)
            elif name == "major_event":
                text = self.tr("yes") if new else self.tr("no")
            elif name == "due_date":
                text = new.isoformat()
            else:
                text = new if len(new) <= 80 else new[:77] + "…"
            lines.append(f"{field_label(name)}: {text}")
        if "evidence_evaluation_id" in changes:
            ev = self.data.evaluations.get(changes["evidence_evaluation_id"])
            lines.append(self.tr("Evidence: evaluation #{id} of snapshot {as_of}").format(
                id=changes["evidence_evaluation_id"], as_of=ev.as_of.isoformat() if ev else "?"))
        if "comment" in changes:
            lines.append(self.tr("Comment: {text}").format(text=changes["comment"]))
        return lines

    def confirm_record(self, case, lines: list[str]) -> bool:
        """Ask before appending: the event cannot be undone or edited afterwards (tests replace this)."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Record event"),
                          self.tr("Record this event for case #{id}?").format(id=case.id),
                          QMessageBox.StandardButton.Cancel, self)
        box.setInformativeText("\n".join("• " + line for line in lines) + "\n\n" + self.tr(
            "The event is added to the case's permanent history under your name. It cannot be undone or "
            "changed afterwards; a correction is a further event."))
        ok = box.addButton(self.tr("Record"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(ok)
        box.exec()
        return box.clickedButton() is ok

    def record_event(self) -> int | None:
        case = self.selected_case()
        store = self.session.store
        if case is None or store is None:
            return None
        if not (self.session.user or "").strip():
            # The register is an audit record: every event names who recorded it.
            self.editor.show_message(self.tr("Set your name first (Settings › User Name…): every event is "
                                             "recorded under the name of the person who recorded it."))
            return None
        changes = self.editor.changes()
        if not changes:
            self.editor.show_message(self.tr("Nothing to record: change a field or write a comment."))
            return None
        # Confirm instead of an undo command: the event is appended to an audit record that nothing can
        # change or delete afterwards (core.store's immutability triggers), so it cannot be undone.
        if not self.confirm_record(case, self.describe_changes(case, changes)):
            return None
        from core.services.cases import record_event
        from core.store import StoreError

        try:
            # on the session's store worker (the one writer), waited for: a small transaction
            event_id = self.session.write_now(record_event, case.id, self.session.user or None,
                                              changed=session_kinds.CASE, ids=[case.id], **changes)
        except StoreError as exc:
            self.editor.show_message(self.refusal_text(exc, case))
            return None
        self._selected_id = case.id
        self.editor.comment.clear()
        self._refresh_cases()
        self.editor.show_message(self.tr("Recorded in the case's history."), ok=True)
        self.recorded.emit(event_id)
        return event_id

    def refusal_text(self, exc, case) -> str:
        """The store's refusal in plain words (codes: core.store.errors)."""
        d = exc.detail
        if exc.code == "role_required":          # roles (core.governance.roles): worded once, in wording/
            from ui.common import i18n
            from wording.governance import refusal_sentence

            return refusal_sentence(exc.code, d, i18n.wording_lang())
        limit = self.data.limit_text(case.limit_id)
        key = self.data.key_text(case.limit_id, case.key)
        if exc.code == "case_not_back_in_range":
            ev = self.data.evaluations.get(d.get("evaluation_id"))
            snapshot = ev.as_of.isoformat() if ev else str(d.get("evaluation_id", "?"))
            reason = d.get("reason")
            if reason == "no_later_evaluation":
                return self.tr("The case cannot be closed yet: no snapshot later than the one that last flagged "
                               "{limit} / {key} has been evaluated. Import the next period's data first; the "
                               "case can be closed once it shows the key back in range.").format(limit=limit,
                                                                                                 key=key)
            if reason == "flagged_again":
                return self.tr("The case cannot be closed: the later snapshot of {snapshot} still shows "
                               "{limit} / {key} in warning or breach.").format(snapshot=snapshot, limit=limit,
                                                                              key=key)
            if reason == "evidence_not_later":
                return self.tr("The case cannot be closed with this evidence: the chosen evaluation is not of a "
                               "snapshot later than the one that last flagged the case.")
            if reason == "limit_not_evaluated":
                return self.tr("The case cannot be closed: the evaluation of snapshot {snapshot} does not "
                               "contain limit {limit} at all, so it cannot show the key back in range.").format(
                    snapshot=snapshot, limit=case.limit_id)
            return self.tr("The case cannot be closed: the later snapshots do not show it back in range.")
        if exc.code == "case_closed":
            return self.tr("This case is already closed and takes no more events.")
        if exc.code == "invalid_transition":
            return self.tr("A case cannot go back from {old} to {new}.").format(
                old=state_label(d.get("from_state")), new=state_label(d.get("to_state")))
        if exc.code == "no_change":
            return self.tr("Nothing to record: change a field or write a comment.")
        if exc.code == "busy":
            return self.tr("The database is busy (another RiskDesk window is writing). Try again in a moment.")
        return self.tr("The event was not recorded ({code}).").format(code=exc.code)

    # -- closing, language ------------------------------------------------------------------------
    def has_draft(self) -> bool:
        return bool(self.editor.case is not None and self.editor.changes())

    def can_close(self) -> bool:
        if not self.has_draft():
            return True
        answer = QMessageBox.question(
            self, self.tr("Unrecorded event"),
            self.tr("The event you were writing for case #{id} has not been recorded. Close anyway?").format(
                id=self.editor.case.id),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.title.setText(self.tr("Breach register"))
        self.state_label.setText(self.tr("State"))
        self.limit_label.setText(self.tr("Limit"))
        self.major_only.setText(self.tr("Major events only {mark}").format(mark=MAJOR_MARK))
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Read the register again"))
        self.editor.retranslate()
        self._fill_state_filter()
        self._fill_limit_filter()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        if self.model.rowCount():
            self.model.dataChanged.emit(self.model.index(0, 0), self.model.index(
                self.model.rowCount() - 1, self.model.columnCount() - 1))
        self._update_counts()
        self._show_selected()
        if self._fitted_language not in (None, i18n.current()):
            self.resize_columns()        # the new language's words and headers
