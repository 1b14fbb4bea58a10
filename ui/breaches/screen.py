"""Breach register (超限台账): every case the store opened for a (limit, key) in warning or breach, its
complete history, and the editor for the next event.

Built by the main window as BreachesScreen(session, parent). The cases and their context (limit names,
counterparty names, which evaluations exist) are read in a worker (`session.run_with_store` with
`models.load_register`: it loads the latest snapshot for the names, ~0.1 s on the demo, once per session —
later reloads skip snapshots already read); the history of the selected case is read on the GUI thread (one
indexed query, well under a millisecond).

Recording an event writes on the GUI thread's store: `record_case_event` is one small transaction (two
inserts, synchronous=FULL), measured on this machine at 0.4 ms median and 3.7 ms at worst over 30 events on
the demo database (the first write of a session ~15 ms) — far below what a user notices, and a worker round
trip would only delay the answer, which must appear at once beside the editor when the store refuses
(case_not_back_in_range). Nothing here decides whether a case may close: the store does, and the screen
words its answer.

No undo: the register is append-only — a recorded event is on record for the audit (guideline Art. 14, 20)
and cannot be taken back, so a QUndoCommand would promise what cannot be kept. Instead every event is
confirmed before it is recorded (`confirm_record`), with the changes listed; the screen has no undo stack
and nothing "unsaved" besides the editor's draft, which `can_close` asks about.
"""
from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QDate, QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui import session as session_kinds
from ui.breaches.models import (
    CASE_ID,
    CAUSES,
    MAJOR_MARK,
    STATES,
    CasesFilter,
    CasesModel,
    RegisterData,
    cause_label,
    field_label,
    load_register,
    next_states,
    state_label,
    status_colours,
    status_label,
)
from ui.common import format as fmt
from ui.common import i18n
from ui.common.format import local_time
from ui.common.labels import ElidedCheckBox, bold, screen_title
from ui.common.reloader import Reloader

BANNER_STYLE = ("QLabel#majorBanner { background: #c62828; color: white; font-weight: bold;"
                " padding: 6px 10px; border-radius: 3px; }")
REFUSAL_STYLE = ("QLabel#refusal { background: #fde7e7; color: #8e1b1b; border: 1px solid #e57373;"
                 " padding: 6px 8px; border-radius: 3px; }")
DONE_STYLE = ("QLabel#refusal { background: #e8f5e9; color: #1b5e20; border: 1px solid #81c784;"
              " padding: 6px 8px; border-radius: 3px; }")
ACTION_COLOURS = {"opened": "#c62828", "observed": "#e69500", "updated": "#1f5f99", "closed": "#2e7d32"}


class CaseEditor(QGroupBox):
    """The next event of one case: only the fields the officer changes are recorded."""

    record_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("caseEditor")
        self.case = None
        self.state = QComboBox()
        self.state.setObjectName("stateCombo")
        self.evidence = QComboBox()
        self.evidence.setObjectName("evidenceCombo")
        self.cause = QComboBox()
        self.cause.setObjectName("causeCombo")
        self.owner = QLineEdit()
        self.owner.setObjectName("ownerEdit")
        self.due_set = QCheckBox()
        self.due_set.setObjectName("dueSet")
        self.due = QDateEdit()
        self.due.setObjectName("dueDate")
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.due.setDate(QDate.currentDate().addMonths(3))
        self.due_set.toggled.connect(self.due.setEnabled)
        self.major = ElidedCheckBox()       # its English text is wider than the panel: elided, whole as tooltip
        self.major.setObjectName("majorCheck")
        self.analysis = QPlainTextEdit()
        self.analysis.setObjectName("analysisEdit")
        self.plan = QPlainTextEdit()
        self.plan.setObjectName("planEdit")
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("commentEdit")
        for edit, lines in ((self.analysis, 3), (self.plan, 3), (self.comment, 2)):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
        self.record_button = QPushButton()
        self.record_button.setObjectName("recordButton")
        self.record_button.setDefault(True)
        self.record_button.clicked.connect(self.record_requested)
        self.message = QLabel()
        self.message.setObjectName("refusal")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.closed_note = QLabel()
        self.closed_note.setObjectName("closedNote")
        self.closed_note.setWordWrap(True)
        self.closed_note.setStyleSheet("color: #2e7d32;")
        self.closed_note.hide()

        due_row = QHBoxLayout()
        due_row.setContentsMargins(0, 0, 0, 0)
        due_row.addWidget(self.due_set)
        due_row.addWidget(self.due, 1)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels = {name: QLabel() for name in ("state", "evidence", "cause", "owner", "due", "major",
                                                    "analysis", "plan", "comment")}
        self.form.addRow(self.labels["state"], self.state)
        self.form.addRow(self.labels["evidence"], self.evidence)
        self.form.addRow(self.labels["cause"], self.cause)
        self.form.addRow(self.labels["owner"], self.owner)
        self.form.addRow(self.labels["due"], due_row)
        self.form.addRow(self.labels["major"], self.major)
        self.form.addRow(self.labels["analysis"], self.analysis)
        self.form.addRow(self.labels["plan"], self.plan)
        self.form.addRow(self.labels["comment"], self.comment)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.record_button)
        # why 已关闭 cannot be chosen yet, under the state it concerns
        self.close_hint = QLabel()
        self.close_hint.setObjectName("closeHint")
        self.close_hint.setWordWrap(True)
        self.close_hint.setStyleSheet("color: #8a5a00;")
        self.close_hint.hide()
        self.form.insertRow(1, "", self.close_hint)
        layout = QVBoxLayout(self)
        # a refusal or a confirmation at the top of the form, where the officer looks after clicking (it
        # was below the button, out of view on a laptop); the form scrolls to it
        layout.addWidget(self.message)
        layout.addWidget(self.closed_note)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.state.currentIndexChanged.connect(self._state_changed)
        # an error is about what was in the form: once the officer changes it, the error goes
        for signal in (self.state.currentIndexChanged, self.evidence.currentIndexChanged,
                       self.cause.currentIndexChanged, self.owner.textEdited, self.due_set.toggled,
                       self.due.dateChanged, self.major.toggled, self.analysis.textChanged, self.plan.textChanged,
                       self.comment.textChanged):
            signal.connect(self._edited)
        self._evidence_items: list = []
        self.retranslate()
        self.set_case(None, [])

    # -- texts ------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setTitle(self.tr("Record the next event"))
        texts = {"state": self.tr("New state"), "evidence": self.tr("Evidence"), "cause": self.tr("Cause"),
                 "owner": self.tr("Owner"), "due": self.tr("Due date"), "major": self.tr("Major event"),
                 "analysis": self.tr("Analysis"), "plan": self.tr("Mitigation plan"), "comment": self.tr("Comment")}
        for name, text in texts.items():
            self.labels[name].setText(text)
        self.major.setText(self.tr("Major concentration risk event (report to the board at once)"))
        self.due_set.setToolTip(self.tr("Set a due date (once set, it can be moved but not removed)"))
        self.evidence.setToolTip(self.tr("The evaluation of a later snapshot that shows the key back in range"))
        self.owner.setPlaceholderText(self.tr("Who is responsible"))
        self.analysis.setPlaceholderText(self.tr("Why the limit is exceeded, and what it means"))
        self.plan.setPlaceholderText(self.tr("What will bring the exposure back within the limit, and by when"))
        self.comment.setPlaceholderText(self.tr("A note for the record (optional)"))
        self.record_button.setText(self.tr("Record event…"))
        self.closed_note.setText(self.tr("This case is closed. A closed case takes no more events; its history "
                                         "stays on record."))
        if self.case is not None:
            self._fill_combos(keep=True)

    # -- the case ---------------------------------------------------------------------------------
    def set_case(self, case, evidence: list) -> None:
        """Show `case` (a BreachCase, or None) with `evidence` (EvaluationInfo candidates for closing)."""
        self.case = case
        self._evidence_items = list(evidence)
        self.message.hide()
        editable = case is not None and case.state != "closed"
        for w in (self.state, self.evidence, self.cause, self.owner, self.due_set, self.due, self.major,
                  self.analysis, self.plan, self.comment, self.record_button):
            w.setEnabled(editable)
        self.closed_note.setVisible(case is not None and case.state == "closed")
        self._fill_combos(keep=False)
        self.owner.setText(case.owner or "" if case else "")
        self.analysis.setPlainText(case.analysis or "" if case else "")
        self.plan.setPlainText(case.mitigation_plan or "" if case else "")
        self.comment.clear()
        self.major.setChecked(bool(case and case.major_event))
        has_due = bool(case and case.due_date)
        self.due_set.setChecked(has_due)
        self.due_set.setEnabled(editable and not has_due)
        self.due.setEnabled(editable and has_due)
        if has_due:
            d = case.due_date
            self.due.setDate(QDate(d.year, d.month, d.day))
        else:
            self.due.setDate(QDate.currentDate().addMonths(3))

    def _fill_combos(self, keep: bool) -> None:
        """The choices for the case shown; `keep` the officer's choices (a language switch), else the case's."""
        case = self.case
        keep_state = self.state.currentData() if keep else None
        self.state.blockSignals(True)
        self.state.clear()
        self.close_hint.hide()
        if case is not None:
            self.state.addItem(self.tr("Unchanged ({state})").format(state=state_label(case.state)), None)
            for s in next_states(case.state):
                self.state.addItem(state_label(s), s)
            at = self.state.findData("closed")
            can_close = bool(self._evidence_items)
            if at >= 0 and not can_close:
                # offered only when allowed: closing needs a later snapshot that shows the key back in range
                why = self.tr("Not yet: a case is closed on the evaluation of a later snapshot that shows the "
                              "key back in range. Import the next period's data first.")
                item = self.state.model().item(at)
                item.setEnabled(False)
                item.setToolTip(why)
                self.close_hint.setText(why)
            self.close_hint.setVisible(at >= 0 and not can_close)
            i = self.state.findData(keep_state) if keep_state else 0
            self.state.setCurrentIndex(max(i, 0))
        self.state.blockSignals(False)
        keep_cause = self.cause.currentData() if keep else None
        keep_evidence = self.evidence.currentData() if keep else None
        self.cause.clear()
        self.cause.addItem(self.tr("(not given)"), None)
        for c in CAUSES:
            self.cause.addItem(cause_label(c), c)
        want = keep_cause if keep_cause is not None else (case.cause if case is not None else None)
        self.cause.setCurrentIndex(max(self.cause.findData(want), 0) if want else 0)
        self.evidence.clear()
        for ev in self._evidence_items:
            self.evidence.addItem(self.tr("Snapshot {as_of}, evaluation #{id} of {at}").format(
                as_of=ev.as_of.isoformat(), id=ev.evaluation_id, at=local_time(ev.created_at)), ev.evaluation_id)
        if not self._evidence_items:
            self.evidence.addItem(self.tr("No later snapshot has been evaluated yet"), None)
        elif keep_evidence is not None:
            self.evidence.setCurrentIndex(max(self.evidence.findData(keep_evidence), 0))
        self._state_changed()

    def _state_changed(self, *_args) -> None:
        closing = self.state.currentData() == "closed"
        self.evidence.setVisible(closing)
        self.labels["evidence"].setVisible(closing)

    # -- what would be recorded -------------------------------------------------------------------
    def changes(self) -> dict:
        """The keyword arguments of record_case_event for what the officer changed (empty: nothing)."""
        case = self.case
        if case is None:
            return {}
        out: dict = {}
        state = self.state.currentData()
        if state:
            out["state"] = state
            if state == "closed" and self.evidence.currentData() is not None:
                out["evidence_evaluation_id"] = self.evidence.currentData()
        cause = self.cause.currentData()
        if cause and cause != case.cause:
            out["cause"] = cause
        owner = self.owner.text().strip()
        if owner and owner != (case.owner or ""):
            out["owner"] = owner
        for key, edit, current in (("analysis", self.analysis, case.analysis),
                                   ("mitigation_plan", self.plan, case.mitigation_plan)):
            text = edit.toPlainText().strip()
            if text and text != (current or "").strip():
                out[key] = text
        if self.due_set.isChecked():
            d = self.due.date()
            due = date(d.year(), d.month(), d.day())
            if due != case.due_date:
                out["due_date"] = due
        if self.major.isChecked() != bool(case.major_event):
            out["major_event"] = self.major.isChecked()
        comment = self.comment.toPlainText().strip()
        if comment:
            out["comment"] = comment
        return out

    def show_message(self, text: str, ok: bool = False) -> None:
        self.message.setStyleSheet(DONE_STYLE if ok else REFUSAL_STYLE)
        self.message.setText(text)
        self.message.setProperty("ok", ok)
        self.message.show()
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            parent.ensureWidgetVisible(self.message)

    def _edited(self, *_args) -> None:
        if self.message.isVisible() and not self.message.property("ok"):
            self.message.hide()


class CaseDetail(QWidget):
    """The selected case: what it is about, the major-event banner, and every event as a timeline."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.heading = bold(QLabel(), 2)
        self.heading.setObjectName("caseHeading")
        self.heading.setWordWrap(True)
        self.banner = QLabel()
        self.banner.setObjectName("majorBanner")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.summary = QLabel()
        self.summary.setObjectName("caseSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.timeline_title = bold(QLabel())
        self.timeline = QTextBrowser()
        self.timeline.setObjectName("timeline")
        self.timeline.setOpenLinks(False)
        self.entries: list[dict] = []      # what the timeline shows, one dict per event (tests, copy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.banner)
        layout.addWidget(self.summary)
        layout.addWidget(self.timeline_title)
        layout.addWidget(self.timeline, 1)

    def retranslate(self) -> None:
        self.banner.setText(self.tr("Major concentration risk event — report to the board at once"))
        self.timeline_title.setText(self.tr("History (every event, newest first; nothing is ever overwritten)"))

    def show_case(self, case, history: list, data: RegisterData) -> None:
        self.retranslate()
        self.entries = []
        if case is None:
            self.heading.setText(self.tr("No case selected"))
            self.banner.hide()
            self.summary.setText(self.tr("Choose a case in the table to see its history and record the next "
                                         "event."))
            self.timeline.clear()
            return
        self.heading.setText(self.tr("Case #{id}: {limit} · {key}").format(
            id=case.id, limit=data.limit_text(case.limit_id), key=data.key_text(case.limit_id, case.key)))
        self.banner.setVisible(bool(case.major_event))
        colour, _ = status_colours(case.status)
        status = f'<b style="color:{colour or "#37474f"}">{html.escape(status_label(case.status))}</b>'
        parts = [
            self.tr("Last flagged: {status} at {ratio} ({exposure})").format(
                status=status, ratio=fmt.percent(float(case.ratio)) if case.ratio is not None else fmt.DASH,
                exposure=html.escape(fmt.amount(float(case.exposure)) if case.exposure is not None else fmt.DASH)),
            self.tr("State: <b>{state}</b>").format(state=html.escape(state_label(case.state))),
            self.tr("Cause: {cause}").format(cause=html.escape(cause_label(case.cause))),
            self.tr("Owner: {owner}").format(owner=html.escape(case.owner or fmt.DASH)),
        ]
        due = case.due_date.isoformat() if case.due_date else fmt.DASH
        if case.due_date and case.state != "closed" and case.due_date < date.today():
            overdue = html.escape(self.tr("(overdue)"))
            due = f'<b style="color:#c62828">{due} {overdue}</b>'
        parts.append(self.tr("Due: {due}").format(due=due))
        self.summary.setText(" &nbsp;·&nbsp; ".join(parts))
        self.timeline_title.setText(self.tr("History: {n} events, newest first; nothing is ever overwritten")
                                    .format(n=len(history)))
        self.timeline.setHtml(self._timeline_html(history, data))

    def _event_title(self, e, data: RegisterData) -> str:
        ev = data.evaluations.get(e.evaluation_id) if e.evaluation_id is not None else None
        snap = ev.as_of.isoformat() if ev else (f"#{e.evaluation_id}" if e.evaluation_id else "")
        if ev is not None and ev.withdrawn:
            # the snapshot was withdrawn later (imported by mistake): the case stays for the officer to handle
            snap = self.tr("{as_of} (withdrawn since)").format(as_of=snap)
        if e.action == "opened":
            return self.tr("Opened by the evaluation of snapshot {snapshot}").format(snapshot=snap)
        if e.action == "observed":
            return self.tr("Flagged again by the evaluation of snapshot {snapshot}").format(snapshot=snap)
        if e.action == "closed":
            return self.tr("Closed: snapshot {snapshot} shows it back in range").format(snapshot=snap)
        return self.tr("Updated")

    def _value(self, name: str, value) -> str:
        if value is None or value == "":
            return fmt.DASH
        if name == "state":
            return state_label(value)
        if name == "cause":
            return cause_label(value)
        if name == "status":
            return status_label(value)
        if name == "ratio":
            return fmt.percent(float(value))
        if name == "exposure":
            return fmt.amount(float(value))
        if name == "major_event":
            return self.tr("yes") if value else self.tr("no")
        return str(value)

    def _timeline_html(self, history: list, data: RegisterData) -> str:
        rows = []
        previous: dict = {}
        described = []
        for e in history:                                  # oldest first: each change against the one before
            before = dict(previous)
            lines = []
            for name, new in e.changes.items():
                if name in ("status", "ratio", "exposure") and e.action in ("opened", "observed"):
                    continue                               # said in the observation line below
                old = before.get(name)
                new_text, old_text = self._value(name, new), self._value(name, old)
                if name in ("analysis", "mitigation_plan") or e.action == "opened":
                    lines.append((field_label(name), new_text, None))
                elif old_text != new_text:
                    lines.append((field_label(name), new_text, old_text))
                else:
                    lines.append((field_label(name), new_text, ""))
            observation = None
            if e.action in ("opened", "observed"):
                observation = self.tr("{status} at {ratio}, exposure {exposure}").format(
                    status=status_label(e.status), ratio=self._value("ratio", e.ratio),
                    exposure=self._value("exposure", e.exposure))
            previous = {"state": e.state, "cause": e.cause, "analysis": e.analysis,
                        "mitigation_plan": e.mitigation_plan, "owner": e.owner,
                        "due_date": e.due_date.isoformat() if e.due_date else None, "major_event": e.major_event}
            described.append((e, self._event_title(e, data), observation, lines))
        unknown_user = self.tr("(unknown user)")
        for n, (e, title, observation, lines) in enumerate(reversed(described)):
            colour = ACTION_COLOURS.get(e.action, "#607d8b")
            body = [f'<div style="color:#546e7a">{html.escape(local_time(e.created_at))} · '
                    f'{html.escape(e.created_by or unknown_user)}</div>',
                    f'<div><b style="color:{colour}">{html.escape(title)}</b></div>']
            if observation:
                body.append(f"<div>{html.escape(observation)}</div>")
            for label, new, old in lines:
                if old:
                    text = (f"{html.escape(label)}: <span style='color:#7a7a7a'>{html.escape(old)}</span> → "
                            f"<b>{html.escape(new)}</b>")
                else:
                    text = f"{html.escape(label)}: <b>{html.escape(new).replace(chr(10), '<br>')}</b>"
                body.append(f"<div>{text}</div>")
            if e.comment:
                body.append(f'<div style="color:#37474f"><i>“{html.escape(e.comment)}”</i></div>')
            self.entries.append({"event_id": e.id, "action": e.action, "title": title, "who": e.created_by,
                                 "changes": [(lb, nw, od) for lb, nw, od in lines], "comment": e.comment})
            spacer = "" if n == len(described) - 1 else \
                '<tr><td bgcolor="#cfd8dc" width="3"></td><td height="6"></td></tr>'
            rows.append(f'<tr><td bgcolor="{colour}" width="3"></td>'
                        f'<td style="padding-left:8px; padding-bottom:4px">{"".join(body)}</td></tr>{spacer}')
        return f'<table cellspacing="0" cellpadding="2" width="100%">{"".join(rows)}</table>'


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
        self.table = QTableView()
        self.table.setObjectName("casesTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(CasesModel.ID, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        from ui.common.tables import excel_like

        self.table_tools = excel_like(self.table, "breach-register", filter_edit=self.filter_box)

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
        if hasattr(self, "model"):
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
