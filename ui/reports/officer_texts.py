"""The reports screen's "officer's texts" panel: an editor for each text the chosen report prints (saved as
new versions, append-only, with undo on the screen's stack) and, for the annual disclosure, the board's
approval of its text (ui.reports.approval.ApprovalPanel) as one more tab.

The screen says which report and period (`load`, `refresh_approval`); the panel reads the texts' versions
with quick reads on the GUI thread's store and writes on the session's store worker.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QGroupBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from ui.reports import kinds as K
from ui.reports.approval import ApprovalPanel
from ui.reports.jobs import record_approval_job
from ui.reports.texts import TextPanel

APPROVED_KIND = "disclosure"          # the report whose text the board approves (core.approvals)
TEXT_APPROVED = "disclosure_text"
MUTED_STYLE = "color: #607d8b;"


class OfficerTexts(QGroupBox):
    approval_recorded = Signal()  # a board approval of the disclosure text is on record

    def __init__(self, session, undo: QUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.undo = undo
        self.panels: list[TextPanel] = []
        self.kind: str | None = None        # the report and period the texts were loaded for
        self.period: str | None = None
        self.approval_op = None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("texts")
        self.tabs.setDocumentMode(True)
        self.no_texts = QLabel()
        self.no_texts.setObjectName("noTexts")
        self.no_texts.setWordWrap(True)
        self.no_texts.setStyleSheet(MUTED_STYLE)
        self.no_texts.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.approval_panel = ApprovalPanel()
        self.approval_panel.record_requested.connect(lambda: self.record_approval())
        self.approval_panel.hide()   # a tab of the disclosure's texts (load)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.no_texts, 1)
        self._chosen = K.PeriodState()    # the period chosen on the screen (its data), for the approval

    @property
    def store(self):
        return self.session.store

    def retranslate(self) -> None:
        self.setTitle(self.tr("Officer's texts"))
        self.no_texts.setText(self.tr("This report prints no officer's texts: everything in it comes from the "
                                      "records on file."))
        self._update_titles()
        self.approval_panel.retranslate()
        if self.tabs.indexOf(self.approval_panel) >= 0:
            self.tabs.setTabText(self.tabs.indexOf(self.approval_panel), self.approval_panel.title())

    # -- the texts of one report and period -----------------------------------------------------------
    def load(self, spec: K.KindSpec, period: str | None) -> bool:
        """Editors for the texts the report of `spec` prints for `period`, filled with their latest versions.
        True when the report prints any."""
        self.undo.clear()
        self.tabs.clear()
        for panel in self.panels:
            panel.deleteLater()
        self.panels = []
        self.kind, self.period = spec.kind, period
        for text in spec.texts:
            panel = TextPanel(text, self.undo)
            panel.setObjectName(f"text_{text.key}")
            if self.store is not None and period is not None:
                panel.set_history(self.store.text_history(text.kind, period))
            panel.dirty_changed.connect(self._update_titles)
            panel.dirty_changed.connect(lambda *_: self.refresh_approval())
            panel.save_requested.connect(lambda p=panel: self.save_text(p))
            self.panels.append(panel)
            self.tabs.addTab(panel, self._tab_title(panel))
        self.tabs.setVisible(bool(spec.texts))
        self.tabs.setEnabled(bool(spec.texts) and period is not None)
        self.no_texts.setVisible(not spec.texts)
        if spec.kind == APPROVED_KIND:
            self.tabs.addTab(self.approval_panel, self.approval_panel.title())
        self.undo.clear()
        return bool(spec.texts)

    def set_editable(self, editable: bool) -> None:
        self.tabs.setEnabled(editable)

    def _tab_title(self, panel: TextPanel) -> str:
        return K.text_name(panel.spec.kind) + (" *" if panel.dirty else "")

    def _update_titles(self, *_args) -> None:
        for i, panel in enumerate(self.panels):
            self.tabs.setTabText(i, self._tab_title(panel))

    def panel(self, key: str) -> TextPanel | None:
        return next((p for p in self.panels if p.spec.key == key), None)

    def unsaved_panels(self) -> list[TextPanel]:
        return [p for p in self.panels if p.dirty]

    def save_text(self, panel: TextPanel) -> int | None:
        """Save the editor's text as a new version of the officer text (GUI thread: one insert)."""
        if self.store is None or self.period is None or not panel.dirty:
            return None
        # on the session's store worker (the one writer), waited for: one insert
        tid = self.session.write_now(lambda store, *a: store.save_text(*a), panel.spec.kind, self.period,
                                     panel.text(), self.session.user or None, changed="text")
        panel.close_merge()
        panel.set_history(self.store.text_history(panel.spec.kind, self.period), keep_edits=True)
        if not self.unsaved_panels():
            # Not from dirty_changed: that also fires inside an undo, before the stack's index has moved.
            self.undo.setClean()
        self._update_titles()
        self.refresh_approval()
        return tid

    def save_all(self) -> None:
        for panel in self.unsaved_panels():
            self.save_text(panel)

    # -- the board's approval of the disclosure text --------------------------------------------------
    def refresh_approval(self, state: K.PeriodState | None = None) -> None:
        """The approval state of the disclosure text shown (quick reads on the GUI thread's store); `state`:
        the period chosen on the screen now (its data), when it changed."""
        if state is not None:
            self._chosen = state
        state = self._chosen
        panel = self.panel("text") if self.kind == APPROVED_KIND else None
        period = state.period
        available = panel is not None and self.store is not None and period is not None and period == self.period
        history = self.store.text_history(TEXT_APPROVED, period) if available else []
        approval = self.store.latest_board_approval(APPROVED_KIND, period) if available else None
        source = state.source if available else None
        period_end = None
        if source is not None:
            from core.periods import parse_period

            period_end = parse_period(period).end
        self.approval_panel.set_records(history, approval, dirty=bool(panel is not None and panel.dirty),
                                        user=self.session.user or "", available=available,
                                        data_as_of=getattr(source, "as_of", None), period_end=period_end)
        i = self.tabs.indexOf(self.approval_panel)
        if i >= 0:
            self.tabs.setTabText(i, self.approval_panel.title())

    def record_approval(self):
        """Record the board's approval (the form's body, meeting, date) of the latest saved disclosure text,
        on the session's store worker; returns the Op (None when the form says why not)."""
        ap = self.approval_panel
        if ap.busy or ap.blocked_reason() or self.store is None:
            return None
        body, meeting, day = ap.values()
        text_id = ap.latest_text_id()
        ap.set_busy(True)
        self.approval_op = self.session.write(
            self, record_approval_job, self.period, body, meeting, day, text_id, self.session.user,
            on_done=self._approval_done, on_error=self._approval_failed, progress="none", changed="text")
        return self.approval_op

    def _approval_done(self, approval_id: int) -> None:
        self.approval_panel.set_busy(False)
        self.refresh_approval()
        self.approval_recorded.emit()

    def _approval_failed(self, exc: BaseException) -> None:
        self.approval_panel.set_busy(False)
        self.refresh_approval()
        from core.store.errors import StoreError

        if isinstance(exc, StoreError) and exc.code == "user_required":    # anything else is shown as it is
            self.approval_panel.hint.setText(self.tr("Set your user name first (Settings › User Name…): an "
                                                     "approval on record names who recorded it."))
            self.approval_panel.hint.show()
        else:
            from ui.common.ops import show_exception

            show_exception(self, exc)
