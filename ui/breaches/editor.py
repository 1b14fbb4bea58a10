"""The breach register's editor: the next event of the selected case (new state, responsible, measures,
deadline, a note), checked and worded here, recorded by the screen after the officer confirms it; a
refusal of the store is shown beside it.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.breaches.models import CAUSES, cause_label, next_states, state_label
from ui.common.format import local_time
from ui.common.labels import ElidedCheckBox

REFUSAL_STYLE = ("QLabel#refusal { background: #fde7e7; color: #8e1b1b; border: 1px solid #e57373;"
                 " padding: 6px 8px; border-radius: 3px; }")
DONE_STYLE = ("QLabel#refusal { background: #e8f5e9; color: #1b5e20; border: 1px solid #81c784;"
              " padding: 6px 8px; border-radius: 3px; }")

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
