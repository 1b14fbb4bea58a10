"""The limits screen (限额管理): the approved limit set, the sandbox with undo and diff, proposals and
approval, the pre-trade check and stress scenarios.

Built by the main window as LimitsScreen(session, parent). A snapshot selector on top (latest first); for
the chosen snapshot two loads run off the GUI thread, each on a store connection of its own
(`session.run_with_store`):

1. the kept aggregates of its evaluation and the limits that govern its date (`core.whatif.governance`):
   enough for the sandbox, whose edits re-evaluate on those aggregates in milliseconds;
2. the snapshot's rows (`load_snapshot`) with full aggregates, for the pre-trade check and stress runs.

The screen owns one QUndoStack (`undo_stack()`): Edit › Undo/Redo and the window's "*" follow the
sandbox's edits; submitting the sandbox as a proposal marks the stack clean.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QTabWidget, QWidget

from ui import session as session_kinds
from ui.common.screen import SnapshotScreen
from ui.limits.proposals import ProposalsPage
from ui.limits.sandbox_view import SandboxPage

PRELOAD = ("pandas", "core.whatif.sandbox", "core.whatif.governance", "core.concentration.limits",
           "matplotlib.backends.backend_qtagg", "matplotlib.figure")


@dataclass
class LimitsState:
    """One snapshot as the limit screen works on it (built in a worker, then used on the GUI thread)."""

    snapshot_id: int
    as_of: Any
    group_name: str
    sandbox: Any                     # core.whatif.sandbox.Sandbox on the kept aggregates, base = governing set
    ref: dict
    approved: bool
    version: Any = None              # the approved LimitSetVersion governing as_of (None: snapshot's own)
    limit_set_name: str = ""
    scopes: tuple = ()
    member_names: dict = field(default_factory=dict)
    reported: Any = None             # (period, last day) of the latest period a limits report is on record for


@dataclass
class DataContext:
    """The snapshot's rows and full aggregates (pre-trade and stress need them)."""

    snapshot_id: int
    data: Any                        # GroupData
    agg: Any                         # Aggregates with rows (build_aggregates)
    limits: Any                      # the governing limits
    before: Any                      # their evaluation on agg
    ref: dict


def load_state(store, snapshot_id: int | None) -> LimitsState | None:
    """Worker: kept aggregates + governing limits → a sandbox (no exposure rows are read)."""
    from core.whatif.governance import governing_limits, reported_period
    from core.whatif.kept import latest_kept
    from core.whatif.sandbox import Sandbox

    kept = latest_kept(store, snapshot_id)
    if kept is None:
        return None
    limits, ref, approved = governing_limits(store, kept.as_of, snapshot_id=kept.snapshot_id)
    version, name = None, ""
    if approved:
        version = store.get_version_by_number(ref["limit_set_id"], ref["version"], with_rows=False)
        name = next((s.name for s in store.list_limit_sets() if s.id == ref["limit_set_id"]), "")
    sandbox = Sandbox(kept.aggregates, limits, base_ref={**ref, "approved": approved})
    info = store.get_snapshot_info(kept.snapshot_id)
    return LimitsState(snapshot_id=kept.snapshot_id, as_of=kept.as_of, group_name=info.group_name, sandbox=sandbox,
                       ref=ref, approved=approved, version=version, limit_set_name=name,
                       scopes=tuple(sandbox.scopes), reported=reported_period(store))


def load_data(store, snapshot_id: int, limits, ref) -> DataContext:
    """Worker: the snapshot's rows, its aggregates and the governing limits evaluated on them."""
    from core.concentration.aggregate import build_aggregates
    from core.concentration.limits import evaluate_limits
    from core.whatif.pretrade import warm_up

    data = store.load_snapshot(snapshot_id)
    agg = build_aggregates(data)
    before = evaluate_limits(agg, limits)
    warm_up(agg, limits)
    return DataContext(snapshot_id, data, agg, limits, before, dict(ref))


class LimitsScreen(SnapshotScreen):
    state_loaded = Signal()      # the sandbox page has a (new) state
    data_loaded = Signal()       # the pre-trade and stress pages have the snapshot's rows

    SANDBOX, PROPOSALS, PRETRADE, STRESS = range(4)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.setObjectName("limitsScreen")
        self.state: LimitsState | None = None
        self.context: DataContext | None = None
        self._token = 0
        self._stack = QUndoStack(self)
        self.selector.refresh_button.clicked.connect(lambda: self.refresh_snapshots(keep=True, reload=True))

        from ui.limits.pretrade import PreTradePage
        from ui.limits.stress import StressPage

        self.sandbox_page = SandboxPage(session, self._stack)
        self.proposals_page = ProposalsPage(session)
        self.pretrade_page = PreTradePage(session)
        self.stress_page = StressPage(session)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("limitsTabs")
        self.tabs.setDocumentMode(True)
        for page in (self.sandbox_page, self.proposals_page, self.pretrade_page, self.stress_page):
            self.tabs.addTab(page, "")
        self.sandbox_page.proposed.connect(self._proposed)
        self.proposals_page.decided.connect(self._decided)
        self.stress_page.saved.connect(lambda _eid: None)

        self.finish_layout(self.tabs)

    # ------------------------------------------------------------------------------- contract
    def undo_stack(self) -> QUndoStack:
        return self._stack

    def activated(self) -> None:
        if self.store is not None:
            self.refresh_snapshots(keep=True)
            self.proposals_page.refresh()

    def can_close(self) -> bool:
        return True     # the main window already asked about a sandbox that is not clean

    def save_changes(self) -> bool:
        """保存 when the window closes: the sandbox's edits are kept by submitting them for approval (the
        dialog asks for the reason); waits for the proposal to be stored. True once nothing is unsaved."""
        from PySide6.QtCore import QEventLoop

        op = self.sandbox_page.propose()
        if op is None:
            return self._stack.isClean()
        loop = QEventLoop()
        op.finished.connect(loop.quit)   # its result is delivered through this loop: not finished before it
        loop.exec()
        return self._stack.isClean()

    def written(self, kind: str, _ids) -> None:
        """A write on another screen (Session.changed), shown or not: a snapshot imported there (listed already)
        comes with the proposal of its limits. Proposals and decisions are written here, and this screen shows
        them as it writes them; the sandbox is never reloaded under the officer's edits."""
        if kind == session_kinds.SNAPSHOT:
            self.proposals_page.refresh()

    # ----------------------------------------------------------------------------- snapshots
    def current_snapshot_id(self) -> int | None:
        return self.state.snapshot_id if self.state is not None else None

    def forget(self) -> None:
        self._token += 1
        self.state = None
        self.context = None

    def refresh_snapshots(self, keep: bool = False, select: int | None = None, reload: bool = False) -> None:
        current = self.current_snapshot_id()
        wanted = self.list_snapshots(keep, select)
        if wanted is None:
            self._set_state(None)
            return
        if reload or current != wanted or self.state is None:
            self.load_snapshot(wanted)

    def snapshot_chosen(self, snapshot_id: int) -> None:
        if self.state is not None and not self._stack.isClean() and not self._discard_sandbox():
            self.selector.select(self.state.snapshot_id)
            return
        self.load_snapshot(snapshot_id)

    def _discard_sandbox(self) -> bool:
        """Another snapshot starts a new sandbox: ask before the edits not submitted are lost."""
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(self, self.tr("Another snapshot"),
                                      self.tr("The sandbox has edits that were not submitted for approval. "
                                              "Discard them and open the other snapshot?"),
                                      QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                                      QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def load_snapshot(self, snapshot_id: int):
        self._token += 1
        token = self._token
        self.info.setText(self.tr("Loading the limits…"))

        def done(state) -> None:
            if token == self._token:
                self._set_state(state)
                if state is not None:
                    self._load_data(state, token)

        return self.session.run_with_store(self, load_state, snapshot_id, on_done=done,
                                           progress="statusbar", progress_label=self.tr("Loading the limits…"))

    def _load_data(self, state: LimitsState, token: int):
        def done(ctx: DataContext) -> None:
            if token != self._token:
                return
            self.context = ctx
            names = dict(zip(ctx.data.members["member_id"].astype(str), ctx.data.members["name"].fillna("").astype(str)))
            state.member_names = names
            self.sandbox_page.model.member_names = names
            cps = ctx.data.counterparties
            self.sandbox_page.set_names(dict(zip(cps["counterparty_id"].astype(str), cps["name"].fillna("").astype(str))))
            self.pretrade_page.set_context(ctx, state)
            self.stress_page.set_context(ctx, state)
            self._update_info()
            self.data_loaded.emit()

        return self.session.run_with_store(self, load_data, state.snapshot_id, state.sandbox.base_limits, state.ref,
                                           on_done=done, progress="statusbar",
                                           progress_label=self.tr("Reading the snapshot's exposures…"))

    def _set_state(self, state: LimitsState | None) -> None:
        self.state = state
        self.context = None
        self.sandbox_page.set_state(state)
        self.proposals_page.set_state(state)
        self.pretrade_page.set_context(None, state)
        self.stress_page.set_context(None, state)
        self._update_info()
        if state is not None:
            self.session.set_snapshot_label(state.as_of.isoformat())
        self.state_loaded.emit()

    def _update_info(self) -> None:
        st = self.state
        if st is None:
            self.info.setText(self.tr("No snapshot stored yet: import the quarter's data on the concentration "
                                      "screen.") if not self.snapshots else "")
            return
        n = len(st.sandbox.base_limits)
        text = self.tr("{n} limits · as of {as_of}").format(n=n, as_of=st.as_of.isoformat())
        if self.context is None:
            text += " · " + self.tr("reading exposures…")
        self.info.setText(text)

    # ------------------------------------------------------------------------------ workflow
    def _proposed(self, pid: int) -> None:
        self.proposals_page.refresh()
        self.proposals_page.select_proposal(pid)

    def _decided(self, decision: str, _pid: int) -> None:
        if decision == "approve" and self.state is not None:
            # the approved version may now govern this snapshot: the sandbox starts from it
            self.load_snapshot(self.state.snapshot_id)

    # ------------------------------------------------------------------------------- language
    def retranslate(self) -> None:
        self.title.setText(self.tr("Limits"))
        self.tabs.setTabText(self.SANDBOX, self.tr("Limit set && sandbox"))
        self.tabs.setTabText(self.PROPOSALS, self.tr("Proposals && versions"))
        self.tabs.setTabText(self.PRETRADE, self.tr("Pre-trade check"))
        self.tabs.setTabText(self.STRESS, self.tr("Stress test"))
        self._update_info()
