"""The limit-set page: the approved set (or the banner saying none is approved), and the sandbox.

In sandbox mode ("沙盘模拟") the limits table is editable; every edit is validated by core
(`Sandbox.preview`; an `InputError` is shown inline and the edit refused), then pushed as one QUndoCommand
on the screen's stack, which applies it (`Sandbox.apply`: only the touched limits are re-evaluated on the
kept aggregates). After every edit, undo or redo the table, the diff against the approved set and the keys
that move between ok / warning / breach are refreshed on the spot (`last_refresh_ms` measures it).
"""
from __future__ import annotations

import time
from types import SimpleNamespace
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from ui import session as session_kinds
from ui.common.format import local_time
from ui.common.headers import ShrinkToFit
from ui.limits import commands
from ui.limits import models as m
from ui.limits.diff_model import DiffModel, MovesModel
from ui.limits.widgets import (
    DIFF_WIDTHS,
    banner_style,
    fit_columns,
    problems_text,
    refusal_text,
    section_title,
    table,
)

if TYPE_CHECKING:
    pass


class AddLimitDialog(QDialog):
    """A new limit: starts as a copy of the selected one with a new id; core validates it on OK."""

    def __init__(self, template: dict, scopes, member_names, parent=None):
        super().__init__(parent)
        from core.concentration.importer import BASES_FOR

        self.setWindowTitle(self.tr("Add a limit"))
        self.template = dict(template)
        self.bases_for = BASES_FOR
        self.id_edit = QLineEdit(str(template.get("limit_id") or ""))
        self.name_edit = QLineEdit(str(template.get("name") or ""))
        self.dimension = QComboBox()
        for d in m.DIMENSION_LABELS:
            self.dimension.addItem(m.dimension_label(d), d)
        self.dimension.setCurrentIndex(max(self.dimension.findData(template.get("dimension")), 0))
        self.scope = QComboBox()
        for s in scopes:
            self.scope.addItem(m.scope_label(s) if s == "group" else f"{s} {member_names.get(s, '')}".strip(), s)
        self.scope.setCurrentIndex(max(self.scope.findData(template.get("scope")), 0))
        self.key = QLineEdit("" if template.get("key") is None else str(template.get("key")))
        self.key.setPlaceholderText(self.tr("empty: each key; *: all keys together"))
        self.basis = QComboBox()
        self.warning = QLineEdit(m.pct_edit_text(template.get("warning")))
        self.limit = QLineEdit(m.pct_edit_text(template.get("limit")))
        self.parent_edit = QLineEdit("" if template.get("parent_limit_id") is None else str(template["parent_limit_id"]))
        self.dimension.currentIndexChanged.connect(self._bases)
        self._bases()
        self.basis.setCurrentIndex(max(self.basis.findData(template.get("basis")), 0))
        form = QFormLayout()
        form.addRow(m.column_label("limit_id"), self.id_edit)
        form.addRow(m.column_label("name"), self.name_edit)
        form.addRow(m.column_label("dimension"), self.dimension)
        form.addRow(m.column_label("scope"), self.scope)
        form.addRow(m.column_label("key"), self.key)
        form.addRow(m.column_label("basis"), self.basis)
        form.addRow(m.column_label("warning") + " (%)", self.warning)
        form.addRow(m.column_label("limit") + " (%)", self.limit)
        form.addRow(m.column_label("parent_limit_id"), self.parent_edit)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(banner_style("error"))
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def _bases(self) -> None:
        current = self.basis.currentData()
        self.basis.clear()
        for b in self.bases_for.get(self.dimension.currentData(), tuple(m.BASIS_LABELS)):
            self.basis.addItem(m.basis_label(b), b)
        i = self.basis.findData(current)
        if i >= 0:
            self.basis.setCurrentIndex(i)

    def row(self) -> dict:
        def text(w):
            s = w.text().strip()
            return s or None

        return {"limit_id": text(self.id_edit), "name": text(self.name_edit),
                "dimension": self.dimension.currentData(), "scope": self.scope.currentData(),
                "key": text(self.key), "basis": self.basis.currentData(),
                "warning": m.parse_percent(self.warning.text()), "limit": m.parse_percent(self.limit.text()),
                "parent_limit_id": text(self.parent_edit), "rule": None}

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


class ProposeDialog(QDialog):
    """The reason of a proposal and its effective date; the proposer is the session's user."""

    def __init__(self, user: str, n_changes: int, reported=None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Submit for approval"))
        intro = QLabel(self.tr("Proposed by {user}. Limits changed, added or removed: {n}. Another person "
                               "approves or rejects it; nothing changes until then.").format(user=user, n=n_changes))
        intro.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("proposeReason")
        self.reason.setPlaceholderText(self.tr("Why the limits should change (required)"))
        self.reason.setMinimumHeight(90)
        self.date = QDateEdit()
        self.date.setObjectName("proposeEffective")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        # limits govern from the day they are proposed on, not backwards: the snapshot's date would make the
        # new set govern data that was already evaluated (and perhaps reported) under the old one
        today = QDate.currentDate()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.hide()
        if reported is not None:
            period, end = reported
            first = QDate(end.year, end.month, end.day).addDays(1)
            # a period the board was told about keeps the limits it was reported with (append-only records)
            self.date.setMinimumDate(first)
            self.note.setText(self.tr("A report for {period} is on record: new limits can take effect from "
                                      "{date} on, not inside a period already reported.").format(
                period=period, date=first.toString("yyyy-MM-dd")))
            self.note.show()
            if today < first:
                today = first
        self.date.setDate(today)
        form = QFormLayout()
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Effective date"), self.date)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.reason.textChanged.connect(lambda: self.ok.setEnabled(bool(self.reason.toPlainText().strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def values(self) -> tuple[str, str]:
        return self.reason.toPlainText().strip(), self.date.date().toString("yyyy-MM-dd")


def _propose(store, frozen, user, reason, effective):
    from core.whatif.governance import propose_from_sandbox

    return propose_from_sandbox(store, frozen, user, reason, effective)


class SandboxPage(QWidget):
    proposed = Signal(int)         # proposal id, after it is stored
    sandbox_changed = Signal()     # after every edit, undo or redo (the screen updates its title etc.)

    def __init__(self, session, stack, parent=None):
        super().__init__(parent)
        self.session = session
        self.stack = stack
        self.state = None
        self.sandbox_mode = False
        self.last_refresh_ms: float | None = None
        self.last_diff = None
        self.last_error = ""
        self._fitted = False
        self._shrink: ShrinkToFit | None = None

        self.banner = QLabel()
        self.banner.setObjectName("limitsBanner")
        self.banner.setWordWrap(True)

        self.toggle = QPushButton()
        self.toggle.setObjectName("sandboxToggle")
        self.toggle.setCheckable(True)
        self.toggle.toggled.connect(self._toggled)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_limit)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove_selected)
        self.realloc_button = QPushButton()
        self.realloc_button.clicked.connect(self.reallocate_selected)
        self.reset_button = QPushButton()
        self.reset_button.clicked.connect(self.reset)
        self.propose_button = QPushButton()
        self.propose_button.setObjectName("proposeButton")
        # clicked(bool) would pass `checked` as the reason and skip the dialog: always ask
        self.propose_button.clicked.connect(lambda _checked=False: self.propose())
        self.timing = QLabel()
        self.timing.setStyleSheet(f"color: {m.MUTED};")
        bar = QHBoxLayout()
        bar.addWidget(self.toggle)
        bar.addSpacing(12)
        for b in (self.add_button, self.remove_button, self.realloc_button, self.reset_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.timing)
        bar.addSpacing(12)
        bar.addWidget(self.propose_button)

        self.error = QLabel()
        self.error.setObjectName("sandboxError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(banner_style("error"))
        self.error.hide()

        self.model = m.LimitsTableModel(self)
        self.model.edit_requested.connect(self.edit_cell)
        self.view = table(self.model, name="limitsTable")
        self.view.setItemDelegate(m.ChoiceDelegate(self.view, live=self.live_edit))
        self.view.setItemDelegateForColumn(self.model.column("status"), m.StatusDelegate(self.view))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.diff_title = section_title()
        self.only_changes = QCheckBox()
        self.only_changes.setChecked(False)
        self.only_changes.toggled.connect(lambda on: self.diff_model.set_diff(self.last_diff, on))
        self.diff_model = DiffModel(self)
        self.diff_view = table(self.diff_model, name="diffTable", transition="status")
        self.moves_title = section_title()
        self.moves_model = MovesModel(self)
        self.moves_view = table(self.moves_model, name="movesTable", transition="status")
        self.history_title = section_title()
        self.undo_view = QUndoView(stack)
        self.undo_view.setObjectName("undoView")

        def box(title, *widgets, extra=None):
            w = QWidget()
            lay = QVBoxLayout(w)
            lay.setContentsMargins(0, 4, 0, 0)
            head = QHBoxLayout()
            head.addWidget(title)
            head.addStretch(1)
            if extra is not None:
                head.addWidget(extra)
            lay.addLayout(head)
            for x in widgets:
                lay.addWidget(x, 1)
            return w

        self.bottom = QSplitter(Qt.Orientation.Horizontal)
        self.bottom.addWidget(box(self.diff_title, self.diff_view, extra=self.only_changes))
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(box(self.moves_title, self.moves_view))
        side.addWidget(box(self.history_title, self.undo_view))
        side.setSizes([230, 150])
        self.bottom.addWidget(side)
        self.bottom.setStretchFactor(0, 3)
        self.bottom.setStretchFactor(1, 2)
        self.bottom.setSizes([690, 520])
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(self.view)
        self.split.addWidget(self.bottom)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 1)
        self.bottom.hide()

        self.stack.indexChanged.connect(self._stack_moved)
        # a refusal takes a reserved two-line place: the tables below do not jump when it comes and goes
        # (the whole text is in its tooltip when it is longer)
        self.error.setFixedHeight(self.error.fontMetrics().lineSpacing() * 2 + 16)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.banner)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(self.split, 1)
        self.retranslate()
        self._update_buttons()

    # ------------------------------------------------------------------------------------ state
    @property
    def sandbox(self):
        return None if self.state is None else self.state.sandbox

    def set_state(self, state) -> None:
        """A loaded snapshot with its governing limits (screen.LimitsState), or None."""
        self.state = state
        self.stack.clear()
        self.stack.setClean()
        self.model.scopes = () if state is None else tuple(state.scopes)
        self.model.member_names = {} if state is None else dict(state.member_names)
        from core.concentration.importer import BASES_FOR

        self.model.bases_for = BASES_FOR
        if state is None:
            self.set_sandbox_mode(False, ask=False)
        self.refresh()
        self._update_banner()

    def set_sandbox_mode(self, on: bool, ask: bool = True) -> bool:
        """Enter or leave the sandbox; leaving with edits not submitted asks first (unless `ask` is False)
        and discards them. Returns whether the mode is now `on`."""
        if on and self.sandbox is None:
            on = False
        if not on and self.sandbox_mode and self.sandbox is not None and not self.stack.isClean() and ask:
            answer = QMessageBox.question(self, self.tr("Leave the sandbox"),
                                          self.tr("The sandbox has edits that were not submitted for approval. "
                                                  "Discard them?"),
                                          QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                                          QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                self.toggle.blockSignals(True)
                self.toggle.setChecked(True)
                self.toggle.blockSignals(False)
                return self.sandbox_mode
        if not on and self.sandbox is not None:
            self.stack.clear()
            self.stack.setClean()
            self.sandbox.reset()
        self.sandbox_mode = on
        self.toggle.blockSignals(True)
        self.toggle.setChecked(on)
        self.toggle.blockSignals(False)
        self.model.set_editable(on)
        self.bottom.setVisible(on)
        if on:
            self.split.setSizes([420, 380])
        self.error.hide()
        self.refresh()
        self._update_banner()
        return on

    def _toggled(self, on: bool) -> None:
        self.set_sandbox_mode(on)

    def set_names(self, names: dict[str, str]) -> None:
        """Counterparty (and group) names by id, for the keys shown (once the snapshot's rows are read)."""
        self.model.key_names = names
        self.moves_model.key_names = lambda _lid, key: names.get(str(key), "") if key is not None else ""
        self.moves_model.layoutChanged.emit()

    # ------------------------------------------------------------------------------------ refresh
    def refresh(self, *_args) -> None:
        """Table, diff and key moves from the sandbox as it is now (after an edit, undo or redo)."""
        t0 = time.perf_counter()
        sb = self.sandbox
        if sb is None:
            self.model.set_content(None, None)
            self.last_diff = None
            self.diff_model.set_diff(None)
            self.moves_model.set_diff(None)
        elif not self.sandbox_mode:
            self.model.set_content(sb.base_limits, sb.base_evaluation)
            self.last_diff = None
            self.diff_model.set_diff(None)
            self.moves_model.set_diff(None)
        else:
            diff = sb.diff()
            changed = {c.limit_id for c in diff.changes if c.change in ("changed", "added")}
            self.model.set_content(sb.limits, sb.evaluation, changed)
            self.last_diff = diff
            self.diff_model.set_diff(diff)
            self.moves_model.set_diff(diff)
            self._update_titles(diff)
        self._update_buttons()
        self.last_refresh_ms = (time.perf_counter() - t0) * 1000
        if not self._fitted and self.model.rowCount():
            self._fit()

    def _fit(self) -> None:
        """Column widths once there is content (not after every edit: the columns would jump)."""
        self._fitted = True
        c = self.model.column
        self.view.horizontalHeader().setStretchLastSection(False)   # else a refit reads the stretched width
        fit_columns(self.view, {c("name"): 190, c("reported_key"): 150}, cap=150)
        self.view.horizontalHeader().setStretchLastSection(True)
        if self._shrink is None:       # in English the ratio and status would be pushed off the screen
            self._shrink = ShrinkToFit(self.view, [c("name"), c("key"), c("reported_key")])
        self._shrink.refit()
        fit_columns(self.diff_view, DIFF_WIDTHS)
        self.diff_view.horizontalHeader().setStretchLastSection(True)
        fit_columns(self.moves_view, {0: 48, 1: 150, 2: 156, 3: 76, 4: 76})
        self.moves_view.horizontalHeader().setStretchLastSection(True)

    def _command_done(self, _command) -> None:
        self.refresh()
        self.sandbox_changed.emit()

    def _update_titles(self, diff=None) -> None:
        n = 0 if diff is None else sum(1 for c in diff.changes if c.change != "unchanged")
        self.diff_title.setText(self.tr("Compared with the approved set — limits changed: {n}").format(n=n)
                                if self.state is not None and self.state.approved else
                                self.tr("Compared with the snapshot's own limits — limits changed: {n}").format(n=n))
        k = 0 if diff is None else len(diff.moves())
        self.moves_title.setText(self.tr("Keys moving between ok / warning / breach: {n}").format(n=k))

    def _stack_moved(self, _index: int) -> None:
        from shiboken6 import isValid

        if isValid(self.stack) and isValid(self):     # the stack clears itself while it is destroyed
            self._update_buttons()

    def _update_buttons(self) -> None:
        on = self.sandbox_mode and self.sandbox is not None
        selected = self.selected_limit_id() is not None
        self.toggle.setEnabled(self.sandbox is not None)
        self.add_button.setEnabled(on)
        self.remove_button.setEnabled(on and selected)
        self.realloc_button.setEnabled(on and selected)
        # 全部撤销 undoes the edits made: there are some while the stack is past its start (count() said
        # otherwise during the first push, and after an undo of everything)
        self.reset_button.setEnabled(on and self.stack.index() > 0)
        self.propose_button.setEnabled(on and self.sandbox is not None
                                       and (self.sandbox.modified or not self.state.approved))
        for b in (self.add_button, self.remove_button, self.realloc_button, self.reset_button, self.propose_button):
            b.setVisible(self.sandbox_mode)
        # the refusal's place is kept while editing (no jump), given back when viewing
        policy = self.error.sizePolicy()
        if policy.retainSizeWhenHidden() != self.sandbox_mode:
            policy.setRetainSizeWhenHidden(self.sandbox_mode)
            self.error.setSizePolicy(policy)

    def _update_banner(self) -> None:
        st = self.state
        self.undo_view.setEmptyLabel(self.tr("<approved set>") if st is not None and st.approved
                                     else self.tr("<snapshot limits>"))
        if st is None:
            self.banner.setText(self.tr("No snapshot with an evaluation is stored yet: import data on the "
                                        "concentration screen first."))
            self.banner.setStyleSheet(banner_style("unapproved"))
            return
        if st.approved and st.version is not None:
            v = st.version
            text = self.tr("Approved limit set “{name}”, version {version} · effective {date} · approved by "
                           "{who} on {when} · {n} limits").format(
                name=st.limit_set_name, version=v.version, date=v.effective_date.isoformat(), who=v.approved_by,
                when=local_time(v.approved_at, empty=""), n=v.n_rows)
            self.banner.setStyleSheet(banner_style("approved"))
        else:
            text = self.tr("Limits not yet approved — the snapshot's own limits are in use")
            self.banner.setStyleSheet(banner_style("unapproved"))
        if self.sandbox_mode:
            text += "   " + self.tr("[Sandbox: edits are a what-if until submitted and approved]")
        self.banner.setText(text)

    # ------------------------------------------------------------------------------------ edits
    def selected_limit_id(self) -> str | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return self.model.limit_id(rows[0].row()) if rows else None

    def _current_row(self, limit_id: str) -> dict | None:
        r = self.model.row_of(limit_id)
        return self.model.rows[r] if r >= 0 else None

    def push(self, command) -> bool:
        """Validate the command's edit with core; push it (applying it) or show why it is refused."""
        from core.problems import InputError

        if self.sandbox is None:
            return False
        try:
            self.sandbox.preview(command.edit)
        except InputError as exc:
            self.show_error(exc)
            return False
        self.error.hide()
        self.last_error = ""
        command.on_changed = self._command_done
        t0 = time.perf_counter()
        self.stack.push(command)
        total = (time.perf_counter() - t0) * 1000
        self.timing.setText(self.tr("Re-evaluated in {ms} ms").format(ms=f"{total:.0f}"))
        self.last_edit_ms = total
        return True

    def show_error(self, exc) -> None:
        self.last_error = problems_text(exc)
        self.error.setText(self.tr("Edit refused: {problems}").format(problems=self.last_error))
        self.error.setToolTip(self.error.text())
        self.error.show()

    def edit_cell(self, limit_id: str, column: str, value) -> bool:
        from core.whatif.sandbox import same_value

        row = self._current_row(limit_id)
        if row is None or self.sandbox is None:
            return False
        if column == "limit_id":
            value = None if value is None else str(value).strip()
            if value == limit_id:
                return False
        else:
            try:
                if same_value(column, row.get(column), value):
                    return False
            except ValueError:
                pass
        ok = self.push(commands.command_for_cell(self.sandbox, limit_id, column, value))
        live = self._top_live(limit_id, column)
        if not ok and live is not None and live.live_session == self.view.itemDelegate()._sessions:
            # the typed value is refused: the live typing before it is taken back (redo brings it again)
            error = self.error.text()
            self.stack.undo()
            self.error.setText(error)
            self.error.show()
        return ok

    def live_edit(self, limit_id: str, column: str, text: str, session: int) -> bool:
        """A keystroke in the editor of a warning value or limit: re-evaluate at once when the text is a valid
        value (merged into one undo step per editor session); incomplete text waits for more typing."""
        from core.problems import InputError
        from core.whatif.sandbox import same_value

        value = m.parse_percent(text)
        row = self._current_row(limit_id)
        if self.sandbox is None or row is None or value is None or isinstance(value, str):
            return False
        if same_value(column, row.get(column), value):
            return False
        command = commands.SetThresholdCommand(self.sandbox, limit_id, column, value, live_session=session)
        try:
            self.sandbox.preview(command.edit)
        except InputError as exc:
            self.show_error(exc)
            return False
        return self.push(command)

    def _top_live(self, limit_id: str, column: str):
        i = self.stack.index() - 1
        cmd = self.stack.command(i) if i >= 0 else None
        if (isinstance(cmd, commands.SetThresholdCommand) and cmd.live_session is not None
                and cmd.limit_id == limit_id and cmd.column == column):
            return cmd
        return None

    def set_threshold(self, limit_id: str, column: str, ratio) -> bool:
        """For tests and scripts: the same path as typing in the table (`ratio` as a fraction)."""
        return self.edit_cell(limit_id, column, ratio)

    def add_limit(self) -> None:
        sb = self.sandbox
        if sb is None:
            return
        lid = self.selected_limit_id()
        template = dict(self._current_row(lid) or (sb.limits.iloc[0].to_dict() if len(sb.limits) else {}))
        ids = set(sb.limits["limit_id"].astype(str))
        base = str(template.get("limit_id") or "L")
        n = 1
        while f"{base}-{n}" in ids:
            n += 1
        template["limit_id"] = f"{base}-{n}"
        dialog = AddLimitDialog(template, self.model.scopes, self.model.member_names, self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            row = dialog.row()
            pos = self.model.row_of(lid) + 1 if lid else None
            if self.push_add(row, pos, dialog):
                return

    def push_add(self, row: dict, position: int | None = None, dialog=None) -> bool:
        from core.problems import InputError

        command = commands.AddLimitCommand(self.sandbox, row, position)
        try:
            self.sandbox.preview(command.edit)
        except InputError as exc:
            if dialog is not None:
                dialog.show_error(problems_text(exc))
            else:
                self.show_error(exc)
            return False
        return self.push(command)

    def remove_selected(self) -> None:
        lid = self.selected_limit_id()
        if lid is not None:
            self.push(commands.RemoveLimitCommand(self.sandbox, lid))

    def reallocate_selected(self) -> None:
        lid = self.selected_limit_id()
        row = self._current_row(lid) if lid else None
        if row is None:
            return
        choices = [c for c in self.model._choices(row, "parent_limit_id")]
        texts = [t for _, t in choices]
        current = row.get("parent_limit_id") or ""
        at = next((i for i, (code, _) in enumerate(choices) if code == current), 0)
        text, ok = QInputDialog.getItem(self, self.tr("Re-allocate"),
                                        self.tr("Allocate {id} from the group limit:").format(id=lid), texts, at, False)
        if ok:
            code = choices[texts.index(text)][0] or None
            if code != (row.get("parent_limit_id") or None):
                self.push(commands.ReallocateCommand(self.sandbox, lid, code))

    def reset(self) -> None:
        """Undo every edit (redo still brings them back)."""
        self.stack.setIndex(0)

    # ------------------------------------------------------------------------------------ proposal
    def frozen_sandbox(self):
        """What propose_from_sandbox reads, copied on the GUI thread for the worker."""
        sb = self.sandbox
        diff = sb.diff()
        return SimpleNamespace(limits=sb.limits.copy(), scopes=sb.scopes, base_ref=dict(sb.base_ref),
                               modified=sb.modified, agg=sb.agg, evaluation=sb.evaluation, diff=lambda: diff)

    def propose(self, reason: str | None = None, effective: str | None = None, on_done=None):
        """提交审批: ask for the reason (unless given), store the proposal in a worker."""
        sb = self.sandbox
        if sb is None:
            return None
        user = self.session.user.strip()
        if not user:
            self.error.setText(self.tr("Set your user name first (Settings › User Name…): every proposal "
                                       "records who made it."))
            self.error.show()
            return None
        if reason is None:
            n = sum(1 for c in sb.diff().changes if c.change != "unchanged")
            dialog = ProposeDialog(user, n, None if self.state is None else self.state.reported, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            reason, effective = dialog.values()
        frozen = self.frozen_sandbox()

        def done(pid: int) -> None:
            self.stack.setClean()
            self.error.hide()
            self.timing.setText(self.tr("Proposal #{id} submitted for approval").format(id=pid))
            self.proposed.emit(pid)
            if on_done is not None:
                on_done(pid)

        def failed(exc) -> None:
            self.show_refusal(exc)

        return self.session.write(self, _propose, frozen, user, reason, effective, on_done=done,
                                  on_error=failed, progress_label=self.tr("Storing the proposal…"),
                                  changed=session_kinds.LIMITS)

    def show_refusal(self, exc) -> None:
        from core.problems import InputError

        if isinstance(exc, InputError):
            self.show_error(exc)
            return
        self.last_error = refusal_text(exc)
        self.error.setText(self.last_error)
        self.error.show()

    # ------------------------------------------------------------------------------------ language
    def retranslate(self) -> None:
        self.toggle.setText(self.tr("Sandbox"))
        self.toggle.setToolTip(self.tr("Edit a working copy of the limits and see the effect at once"))
        self.add_button.setText(self.tr("Add limit…"))
        self.remove_button.setText(self.tr("Remove limit"))
        self.realloc_button.setText(self.tr("Re-allocate…"))
        self.reset_button.setText(self.tr("Undo all"))
        self.propose_button.setText(self.tr("Submit for approval…"))
        self.only_changes.setText(self.tr("Only changes"))
        self.history_title.setText(self.tr("Edit history"))
        self._update_titles(self.last_diff)
        self._update_banner()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        if self._fitted:
            self._fit()          # the other language's words are wider or narrower

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
