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

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QTabWidget, QToolButton, QVBoxLayout, QWidget

from ui import session as session_kinds
from ui.common import format as fmt
from ui.common.format import local_time
from ui.common.labels import screen_title
from ui.common.reloader import Reloader
from ui.history.assessments import AssessmentsPage
from ui.history.models import HistoryData, load_history
from ui.history.records import JournalPage, LimitSetsPage, ReportsPage
from ui.history.snapshots import SnapshotsPage, WithdrawSnapshotDialog
from ui.history.widgets import HINT_STYLE


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
            from core.store.errors import StoreError
            from ui.common.error_dialog import store_error_text

            code = exc.code if isinstance(exc, StoreError) else None
            texts = {"withdrawn": self.tr("This snapshot has already been withdrawn."),
                     "user_required": self.tr("Set your user name first (Settings › User Name…): a withdrawal "
                                              "records who made it.")}
            page.show_message(texts.get(code) or self.tr("The snapshot could not be withdrawn: {reason}").format(
                reason=store_error_text(exc) or exc), error=True)
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
        # each count after its noun: "1 reports" read wrong in English (issue 16)
        self.subtitle.setText(self.tr("On record — snapshots: {s}, rating assessments: {a}, limit-set versions: "
                                      "{v}, reports: {r}, text versions: {t}, journal entries: {j}; nothing is "
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
