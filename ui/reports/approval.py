"""The board's approval of the disclosure text (guideline Art. 26: recorded before the disclosure is final).

A tab beside the disclosure's text editor (where the free-text approval used to be): approving body, meeting / resolution reference, date, and
"Record board approval", which records (core.store `record_board_approval`, append-only) that the board
approved the latest *saved* version of the text — the store binds the approval to that version's SHA-256.
Above the form, the state: which saved version the latest approval covers, that the text changed since,
or that there is none. The screen (ui/reports/screen.py) does the write off the GUI thread; this widget
only shows and collects.
"""
from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, Signal
from PySide6.QtWidgets import QDateEdit, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from core.approvals import APPROVED, NO_TEXT, TEXT_CHANGED, approval_state
from ui.common.format import local_time

OK_STYLE = "color: #2e6b34;"
NOTE_STYLE = "color: #b26a00;"
MUTED_STYLE = "color: #607d8b;"
DEFAULT_BODY = "董事会"   # document data (Chinese whatever the interface language), like the report's words


def version_number(history: list, text_id: int | None) -> int | None:
    """The 1-based version number of a text record among its versions (oldest first)."""
    for n, v in enumerate(history, start=1):
        if v.id == text_id:
            return n
    return None


class ApprovalPanel(QWidget):
    """State of the board's approval of the saved text, and the form that records a new one."""

    record_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("approvalPanel")
        self.history: list = []          # the text's saved versions, oldest first
        self.approval = None             # the latest BoardApproval on record, or None
        self.state = approval_state(None, None)
        self.dirty = False               # the editor holds unsaved changes
        self.user = ""
        self.busy = False
        self.available = False           # a period whose texts are shown
        self.data_as_of = self.period_end = None   # the disclosure's snapshot date and the year's end

        self.state_label = QLabel()
        self.state_label.setObjectName("approvalState")
        self.state_label.setWordWrap(True)
        self.body_edit = QLineEdit(DEFAULT_BODY)
        self.body_edit.setObjectName("approvalBody")
        self.meeting_edit = QLineEdit()
        self.meeting_edit.setObjectName("approvalMeeting")
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setObjectName("approvalDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.record_button = QPushButton()
        self.record_button.setObjectName("recordApproval")
        self.record_button.clicked.connect(self.record_requested)
        self.hint = QLabel()
        self.hint.setObjectName("approvalHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(MUTED_STYLE)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.body_caption, self.meeting_caption, self.date_caption = QLabel(), QLabel(), QLabel()
        form.addRow(self.body_caption, self.body_edit)
        form.addRow(self.meeting_caption, self.meeting_edit)
        row = QHBoxLayout()
        row.addWidget(self.date_edit)
        row.addStretch(1)
        row.addWidget(self.record_button)
        form.addRow(self.date_caption, row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        self.form_caption = QLabel()
        self.form_caption.setObjectName("approvalFormCaption")
        self.form_caption.setWordWrap(True)
        layout.addWidget(self.state_label)
        layout.addSpacing(6)
        layout.addWidget(self.form_caption)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addStretch(1)

        self.body_edit.textChanged.connect(self._update)
        self.meeting_edit.textChanged.connect(self._update)
        self.retranslate()

    # -- state ----------------------------------------------------------------------------------------
    def set_records(self, history: list, approval, *, dirty: bool, user: str, available: bool,
                    data_as_of=None, period_end=None) -> None:
        """The saved versions of the text (oldest first), the latest approval on record, whether the
        editor holds unsaved changes, who would record, and whether a period's texts are shown;
        `data_as_of` / `period_end`: the date of the snapshot the disclosure would print and the year's end
        (an approved text on data before the year's end is still a draft: the approval binds the whole
        document, reports.builders.disclosure)."""
        self.data_as_of, self.period_end = data_as_of, period_end
        self.history = list(history)
        self.approval = approval
        latest = self.history[-1].text if self.history else None
        self.state = approval_state(latest, approval)
        self.dirty = dirty
        self.user = user or ""
        self.available = available
        self._update()

    def _early_data(self) -> bool:
        return self.data_as_of is not None and self.period_end is not None and self.data_as_of < self.period_end

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._update()

    def values(self) -> tuple[str, str, str]:
        """(approving body, meeting reference, approval date YYYY-MM-DD) as entered."""
        return (self.body_edit.text().strip(), self.meeting_edit.text().strip(),
                self.date_edit.date().toString("yyyy-MM-dd"))

    def latest_text_id(self) -> int | None:
        return self.history[-1].id if self.history else None

    def blocked_reason(self) -> str:
        """Why an approval cannot be recorded now ("" when it can)."""
        if not self.available:
            return self.tr("Choose a period first.")
        if self.state.status == NO_TEXT:
            return self.tr("Save the disclosure text first: the board approves a saved version.")
        if self.dirty:
            return self.tr("The text has unsaved changes: save them first, or discard them. The approval is "
                           "recorded for the saved version.")
        if not self.user.strip():
            return self.tr("Set your user name first (Settings › User Name…): an approval on record names who "
                           "recorded it.")
        body, meeting, _ = self.values()
        if not body or not meeting:
            return self.tr("Enter the approving body and the meeting or resolution.")
        return ""

    def _update(self) -> None:
        reason = "" if self.busy else self.blocked_reason()
        self.record_button.setEnabled(not self.busy and not reason)
        self.record_button.setToolTip(reason)
        self.hint.setText(reason)
        self.hint.setVisible(bool(reason) and self.available)
        self._show_state()

    def _show_state(self) -> None:
        s, a = self.state, self.approval
        if not self.available:
            self.state_label.setText("")
            return
        if s.status == APPROVED:
            n = version_number(self.history, a.text_id)
            text = self.tr("Approved: version {n} of the text, by {body} ({meeting}, {date}); recorded {at} by "
                           "{user}.").format(
                n=n or "?", body=a.approving_body, meeting=a.meeting_ref, date=a.approval_date.isoformat(),
                at=local_time(a.created_at), user=a.created_by or "—")
            if self._early_data():
                text += " " + self.tr("The disclosure is still a draft: it rests on data as of {as_of}, not the "
                                      "year's end ({end}).").format(as_of=self.data_as_of.isoformat(),
                                                                    end=self.period_end.isoformat())
                style = NOTE_STYLE
            else:
                text += " " + self.tr("The disclosure is final if its figures and records are still those the "
                                      "board saw; the generated report says final or draft, and why.")
                style = OK_STYLE
        elif s.status == TEXT_CHANGED:
            n = version_number(self.history, a.text_id)
            text = self.tr("The text changed after {body} approved version {n} ({meeting}, {date}): the disclosure "
                           "is a draft until the current version is approved.").format(
                n=n or "?", body=a.approving_body, meeting=a.meeting_ref, date=a.approval_date.isoformat())
            style = NOTE_STYLE
        elif s.status == NO_TEXT:
            text = self.tr("Not approved: no text is saved yet. The disclosure is a draft.")
            style = MUTED_STYLE
        else:
            text = self.tr("Not approved: the disclosure is a draft until the board's approval of version {n} "
                           "is recorded.").format(n=len(self.history))
            style = NOTE_STYLE
        self.state_label.setText(text)
        self.state_label.setStyleSheet(style)

    # -- language -------------------------------------------------------------------------------------
    def title(self) -> str:
        """The tab's title, with a mark of the state (✓ the disclosure is final)."""
        approved = self.available and self.state.status == APPROVED and not self._early_data()
        mark = " ✓" if approved else (" !" if self.available else "")
        return self.tr("Board approval") + mark

    def retranslate(self) -> None:
        self.form_caption.setText(self.tr("Record the approval of the latest saved version of the text (Art. 26: "
                                          "the board's approval is recorded before the disclosure is final):"))
        self.body_caption.setText(self.tr("Approving body"))
        self.meeting_caption.setText(self.tr("Meeting / resolution"))
        self.date_caption.setText(self.tr("Approved on"))
        self.meeting_edit.setPlaceholderText(self.tr("e.g. 第三届董事会第八次会议"))
        self.record_button.setText(self.tr("Record board approval"))
        self._update()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
