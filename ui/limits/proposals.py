"""Proposals and approval (maker-checker) and limit-set versions compared.

Proposals (pending / approved / rejected) with proposer, reason and time; the selected one compared with
the set in force now (evaluated on the snapshot's kept aggregates). Approve or reject with a comment, by
the session's user: the store refuses the proposer (`same_person`), which is shown in plain words. The
proposer (and only they) may withdraw their own pending proposal with a reason: it stays on record as
withdrawn (who, when, why) and can no longer be decided. An approval creates the next version; the latest snapshot is then re-evaluated under the limits that govern
it (`evaluate_snapshot_governed`), so every screen shows the approved set. Any two versions compared.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui import session as session_kinds
from ui.common.dialogs import TextDialog
from ui.common.format import local_time
from ui.common.tables import Column
from ui.limits import models as m
from ui.limits.diff_model import DiffModel
from ui.limits.widgets import (
    DIFF_WIDTHS,
    Refusal,
    banner_style,
    column,
    fit_columns,
    refusal_text,
    section_title,
    table,
)

STATUS_TEXT = {"pending": QT_TRANSLATE_NOOP("LimitsLabels", "Pending"),
               "approved": QT_TRANSLATE_NOOP("LimitsLabels", "Approved"),
               "rejected": QT_TRANSLATE_NOOP("LimitsLabels", "Rejected"),
               "withdrawn": QT_TRANSLATE_NOOP("LimitsLabels", "Withdrawn")}
STATUS_FG = {"pending": "#9a6200", "approved": "#2e7d32", "rejected": "#c62828", "withdrawn": "#607d8b"}


class ProposalsModel(m.RowsModel):
    COLUMNS = ("id", "status", "proposer", "reason", "created", "effective", "decider", "comment", "decided")
    HEADERS = {
        "id": QT_TRANSLATE_NOOP("LimitsLabels", "No."),
        "status": QT_TRANSLATE_NOOP("LimitsLabels", "Status"),
        "proposer": QT_TRANSLATE_NOOP("LimitsLabels", "Proposer"),
        "reason": QT_TRANSLATE_NOOP("LimitsLabels", "Reason"),
        "created": QT_TRANSLATE_NOOP("LimitsLabels", "Submitted"),
        "effective": QT_TRANSLATE_NOOP("LimitsLabels", "Effective"),
        "decider": QT_TRANSLATE_NOOP("LimitsLabels", "Decided or withdrawn by"),
        "comment": QT_TRANSLATE_NOOP("LimitsLabels", "Comment or reason for withdrawal"),
        "decided": QT_TRANSLATE_NOOP("LimitsLabels", "Decided or withdrawn"),
    }

    def specs(self) -> list[Column]:
        h = self.HEADERS
        return [
            Column(h["id"], lambda p: f"#{p.id}", raw=lambda p: p.id, key="id"),
            Column(h["status"], lambda p: m.label(STATUS_TEXT, p.status), raw=lambda p: p.status,
                   fg=lambda p: STATUS_FG.get(p.status, "#37474f"), bold=lambda p: True, tip=withdrawn_tip,
                   key="status"),
            Column(h["proposer"], lambda p: p.proposer, key="proposer"),
            Column(h["reason"], lambda p: (p.reason or "").replace("\n", " "), tip=lambda p: p.reason, key="reason"),
            Column(h["created"], lambda p: local_time(p.created_at, empty=""), key="created"),
            Column(h["effective"], lambda p: p.effective_date.isoformat(), key="effective"),
            Column(h["decider"], lambda p: ended(p)[0], key="decider"),
            Column(h["comment"], lambda p: (ended(p)[1] or "").replace("\n", " "), tip=lambda p: ended(p)[1],
                   key="comment"),
            Column(h["decided"], lambda p: local_time(ended(p)[2], empty=""), key="decided"),
        ]


def ended(p) -> tuple[str, str | None, str | None]:
    """Who ended a proposal, their words and when: the checker's decision, or the maker's withdrawal."""
    d, w = p.decision, p.withdrawal
    return ((d.decider, d.comment, d.created_at) if d is not None else
            (w.created_by, w.reason, w.created_at) if w is not None else ("", None, None))


def withdrawn_tip(p) -> str | None:
    """Who withdrew a pending proposal, when and why (a decided or pending one: no tip)."""
    w = p.withdrawal
    if p.decision is not None or w is None:
        return None
    return QCoreApplication.translate("LimitsLabels", "Withdrawn by {user} on {time}: {reason}").format(
        user=w.created_by, time=local_time(w.created_at, empty=""), reason=w.reason)


class VersionsModel(m.RowsModel):
    COLUMNS = ("version", "effective", "approved_by", "approved_at", "proposal", "n_rows")
    HEADERS = {
        "version": QT_TRANSLATE_NOOP("LimitsLabels", "Version"),
        "effective": QT_TRANSLATE_NOOP("LimitsLabels", "Effective"),
        "approved_by": QT_TRANSLATE_NOOP("LimitsLabels", "Approved by"),
        "approved_at": QT_TRANSLATE_NOOP("LimitsLabels", "Approved at"),
        "proposal": QT_TRANSLATE_NOOP("LimitsLabels", "Proposal"),
        "n_rows": QT_TRANSLATE_NOOP("LimitsLabels", "Limits"),
    }

    def specs(self) -> list[Column]:
        h = self.HEADERS
        return [
            Column(h["version"], lambda v: f"v{v.version}", key="version"),
            Column(h["effective"], lambda v: v.effective_date.isoformat(), key="effective"),
            Column(h["approved_by"], lambda v: v.approved_by, key="approved_by"),
            Column(h["approved_at"], lambda v: local_time(v.approved_at, empty=""), key="approved_at"),
            Column(h["proposal"], lambda v: f"#{v.proposal_id}", key="proposal"),
            Column(h["n_rows"], lambda v: str(v.n_rows), key="n_rows"),
        ]


class CommentDialog(TextDialog):
    """Asks for the comment on a decision, or the reason for a withdrawal."""

    def __init__(self, title: str, prompt: str, parent=None):
        super().__init__(title, [prompt], parent)


def _decide(store, proposal_id: int, user: str, decision: str, comment: str | None):
    """Worker: record the decision; an approval and the re-evaluation of the latest snapshot under the
    limits that now govern it are one transaction (core.services.limits). Returns the Decision."""
    from core.services.limits import approve_and_reevaluate
    from core.whatif import governance as gov

    if decision == "approve":
        return approve_and_reevaluate(store, proposal_id, user, comment or None).decision
    return gov.reject(store, proposal_id, user, comment or None)


def _withdraw(store, proposal_id: int, user: str, reason: str):
    """Worker: record the maker's withdrawal. Returns the ProposalWithdrawal."""
    from core.whatif import governance as gov

    return gov.withdraw(store, proposal_id, user, reason)


def _proposal_diff(base_limits, base_evaluation, rows, agg):
    """Worker: a proposal's rows evaluated on the kept aggregates and compared with the limits in force."""
    from core.concentration.limits import evaluate_limits
    from core.whatif.sandbox import diff_evaluations

    return diff_evaluations(base_limits, base_evaluation, rows, evaluate_limits(agg, rows), agg)


def _compare(store, v1: int, v2: int, agg):
    from core.whatif.governance import compare_versions

    return compare_versions(store, v1, v2, agg=agg)


class ProposalsPage(QWidget):
    decided = Signal(str, int)      # "approve" / "reject" / "withdraw", proposal id

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.state = None
        self._detail_token = 0       # the latest detail read asked for; an older one arriving is dropped
        self.last_refusal = ""

        self.title = section_title()
        self.model = ProposalsModel(self)
        self.view = table(self.model, name="proposalsTable")
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.approve_button = QPushButton()
        self.approve_button.setObjectName("approveButton")
        self.approve_button.clicked.connect(lambda: self.decide_selected("approve"))
        self.reject_button = QPushButton()
        self.reject_button.clicked.connect(lambda: self.decide_selected("reject"))
        self.withdraw_button = QPushButton()
        self.withdraw_button.setObjectName("withdrawButton")
        self.withdraw_button.clicked.connect(lambda: self.withdraw_selected())
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        self.refusal = QLabel()
        self.refusal.setObjectName("proposalRefusal")
        self.refusal.setWordWrap(True)
        self.refusal.hide()
        self.info = QLabel()
        self.info.setStyleSheet(f"color: {m.MUTED};")
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addStretch(1)
        bar.addWidget(self.info)
        bar.addWidget(self.approve_button)
        bar.addWidget(self.reject_button)
        bar.addWidget(self.withdraw_button)
        bar.addWidget(self.refresh_button)

        self.detail_title = section_title()
        self.detail_model = DiffModel(self)
        self.detail_model.only_changes = True
        self.detail_view = table(self.detail_model, stretch_last=True, transition="status")

        self.versions_title = section_title()
        self.versions_model = VersionsModel(self)
        self.versions_view = table(self.versions_model)
        self.first = QComboBox()
        self.second = QComboBox()
        self.compare_button = QPushButton()
        self.compare_button.clicked.connect(self.compare)
        self.compare_label = QLabel()
        self.compare_model = DiffModel(self, versions=True)
        self.compare_model.only_changes = True
        self.compare_view = table(self.compare_model, name="compareTable", stretch_last=True, transition="status")

        hs = QSplitter(Qt.Orientation.Horizontal)
        hs.addWidget(self.view)
        hs.addWidget(column(self.detail_title, (self.detail_view, 1)))
        hs.setSizes([700, 510])
        top = column(bar, self.refusal, (hs, 1))

        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 6, 0, 0)
        cmp_bar = QHBoxLayout()
        cmp_bar.addWidget(self.versions_title)
        cmp_bar.addStretch(1)
        cmp_bar.addWidget(self.compare_label)
        cmp_bar.addWidget(self.first)
        cmp_bar.addWidget(QLabel("→"))
        cmp_bar.addWidget(self.second)
        cmp_bar.addWidget(self.compare_button)
        bl.addLayout(cmp_bar)
        hs2 = QSplitter(Qt.Orientation.Horizontal)
        hs2.addWidget(self.versions_view)
        hs2.addWidget(self.compare_view)
        hs2.setSizes([440, 770])
        bl.addWidget(hs2, 1)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(split, 1)
        self.retranslate()
        self._update_buttons()
        session.user_changed.connect(lambda *_: self._update_buttons())

    # --------------------------------------------------------------------------------------- data
    @property
    def store(self):
        return self.session.store

    def set_state(self, state) -> None:
        self.state = state
        self.refresh()

    def refresh(self) -> None:
        store = self.store
        if store is None:
            self.model.set_rows([])
            self.versions_model.set_rows([])
            return
        selected = self.selected_proposal()
        self.model.set_rows(store.list_proposals())
        sets = store.list_limit_sets()
        versions = store.list_versions(sets[0].id) if sets else []
        self.versions_model.set_rows(versions)
        for combo, default in ((self.first, 1), (self.second, 0)):
            keep = combo.currentData()
            combo.clear()
            for v in versions:
                combo.addItem(f"v{v.version} · {v.effective_date.isoformat()}", v.id)
            i = combo.findData(keep)
            combo.setCurrentIndex(i if i >= 0 else min(default, combo.count() - 1))
        self.info.setText(self.tr("Pending: {n}").format(n=sum(1 for p in self.model.rows if p.status == "pending")))
        if selected is not None:
            for row, p in enumerate(self.model.rows):
                if p.id == selected.id:
                    self.view.selectRow(row)
                    break
        elif self.model.rows:
            self.view.selectRow(0)
        fit_columns(self.view, {0: 48, 1: 64}, cap=150)
        fit_columns(self.versions_view, {0: 48}, cap=150)
        self._update_buttons()

    def selected_proposal(self):
        rows = self.view.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows and rows[0].row() < len(self.model.rows) else None

    def select_proposal(self, proposal_id: int) -> None:
        for row, p in enumerate(self.model.rows):
            if p.id == proposal_id:
                self.view.selectRow(row)
                return

    def _selected(self) -> None:
        self._update_buttons()
        p = self.selected_proposal()
        store = self.store
        if p is None or store is None or self.state is None:
            self.detail_model.set_diff(None)
            return
        from ui.common.ops import run_op

        sb = self.state.sandbox
        rows = store.get_proposal(p.id).rows          # a quick read: the proposal's limit rows
        self._detail_token = token = self._detail_token + 1

        def done(diff) -> None:
            if token != self._detail_token:
                return                                # another proposal was selected meanwhile
            self.detail_model.set_diff(diff)
            fit_columns(self.detail_view, DIFF_WIDTHS)
            n = sum(1 for c in diff.changes if c.change != "unchanged")
            self.detail_title.setText(self.tr("Proposal #{id} compared with the limits in force: {n} limits differ")
                                      .format(id=p.id, n=n))

        run_op(self, _proposal_diff, sb.base_limits, sb.base_evaluation, rows, sb.agg, on_done=done,
               progress="none")

    def _update_buttons(self) -> None:
        p = self.selected_proposal()
        pending = p is not None and p.status == "pending"
        self.approve_button.setEnabled(pending)
        self.reject_button.setEnabled(pending)
        self.withdraw_button.setEnabled(pending and self._is_own(p))
        self.compare_button.setEnabled(self.first.count() > 0)

    def _user(self) -> str:
        return self.session.user.strip()

    def _is_own(self, proposal) -> bool:
        """The session's user is the proposal's maker (the store compares the same way)."""
        user = self._user()
        return bool(user) and user.casefold() == (proposal.proposer or "").strip().casefold()

    # ------------------------------------------------------------------------------------ decisions
    def decide_selected(self, decision: str, comment: str | None = None):
        p = self.selected_proposal()
        if p is None:
            return None
        user = self.session.user.strip()
        self.refusal.hide()
        if not user:
            from core.store.errors import StoreError

            self.show_refusal(refusal_text(StoreError("user_required", role="decider")))
            return None
        if self._is_own(p):
            # said before the maker types a comment that would be thrown away (the store refuses it anyway)
            self.show_refusal(refusal_text(Refusal("same_person")))
            return None
        if comment is None:
            title = self.tr("Approve proposal #{id}") if decision == "approve" else self.tr("Reject proposal #{id}")
            dialog = CommentDialog(title.format(id=p.id), self.tr("Comment of {user} (recorded with the decision):")
                                   .format(user=user), self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            comment = dialog.text.toPlainText().strip()
        return self.run_decision(p.id, user, decision, comment)

    def run_decision(self, proposal_id: int, user: str, decision: str, comment: str | None):
        """Record the decision in a worker; a refusal of the store is shown in plain words."""
        def done(d) -> None:
            self.refusal.hide()
            self.refresh()
            self.select_proposal(proposal_id)
            text = (self.tr("Proposal #{id} approved: version {v} created.") if decision == "approve"
                    else self.tr("Proposal #{id} rejected.")).format(id=proposal_id, v=self._version_number(d))
            self.info.setText(text)
            self.decided.emit(decision, proposal_id)

        def failed(exc) -> None:
            self.show_refusal(refusal_text(exc))

        return self.session.write(self, _decide, proposal_id, user, decision, comment, on_done=done,
                                  on_error=failed, progress_label=self.tr("Recording the decision…"),
                                  changed=session_kinds.LIMITS, ids=[proposal_id])

    # ---------------------------------------------------------------------------------- withdrawal
    def withdraw_selected(self, reason: str | None = None):
        """The maker withdraws the selected pending proposal of their own, with a reason (asked for when
        not given). The store refuses anyone else; a refusal is shown in plain words."""
        p = self.selected_proposal()
        if p is None:
            return None
        user = self._user()
        self.refusal.hide()
        if not user:
            from core.store.errors import StoreError

            self.show_refusal(refusal_text(StoreError("user_required", role="proposer")))
            return None
        if reason is None:
            dialog = CommentDialog(self.tr("Withdraw proposal #{id}").format(id=p.id),
                                   self.tr("Why does {user} withdraw this proposal? (recorded with the withdrawal; "
                                           "the proposal stays on record and can no longer be decided)")
                                   .format(user=user), self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            reason = dialog.text.toPlainText()
        if not reason.strip():
            self.show_refusal(refusal_text(Refusal("reason_required")))
            return None
        return self.run_withdrawal(p.id, user, reason.strip())

    def run_withdrawal(self, proposal_id: int, user: str, reason: str):
        def done(_w) -> None:
            self.refusal.hide()
            self.refresh()
            self.select_proposal(proposal_id)
            self.info.setText(self.tr("Proposal #{id} withdrawn.").format(id=proposal_id))
            self.decided.emit("withdraw", proposal_id)

        def failed(exc) -> None:
            self.show_refusal(refusal_text(exc))

        return self.session.write(self, _withdraw, proposal_id, user, reason, on_done=done,
                                  on_error=failed, progress_label=self.tr("Recording the withdrawal…"),
                                  changed=session_kinds.LIMITS, ids=[proposal_id])

    def _version_number(self, decision) -> str:
        vid = decision.version_id
        for v in self.versions_model.rows:
            if v.id == vid:
                return str(v.version)
        return "—"

    def show_refusal(self, text: str) -> None:
        self.last_refusal = text
        self.refusal.setText(text)
        self.refusal.setStyleSheet(banner_style("error"))
        self.refusal.show()

    # ------------------------------------------------------------------------------------ versions
    def compare(self):
        v1, v2 = self.first.currentData(), self.second.currentData()
        if v1 is None or v2 is None:
            return None
        agg = None if self.state is None else self.state.sandbox.agg

        def done(diff) -> None:
            self.compare_model.set_diff(diff)
            fit_columns(self.compare_view, DIFF_WIDTHS)
            n = sum(1 for c in diff.changes if c.change != "unchanged")
            self.compare_label.setText(self.tr("{n} limits differ").format(n=n))

        return self.session.run_with_store(self, _compare, v1, v2, agg, on_done=done,
                                           progress_label=self.tr("Comparing the versions…"))

    # ------------------------------------------------------------------------------------ language
    def retranslate(self) -> None:
        self.title.setText(self.tr("Proposals"))
        self.approve_button.setText(self.tr("Approve…"))
        self.reject_button.setText(self.tr("Reject…"))
        self.withdraw_button.setText(self.tr("Withdraw…"))
        self.withdraw_button.setToolTip(self.tr("Withdraw your own pending proposal (with a reason)"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.versions_title.setText(self.tr("Approved versions"))
        self.compare_button.setText(self.tr("Compare"))
        self.detail_title.setText(self.tr("Select a proposal to see what it changes"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        super().changeEvent(event)
