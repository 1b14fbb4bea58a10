"""Undo commands of the limit sandbox: one QUndoCommand per user action, each wrapping one core edit.

`redo()` applies the edit to the sandbox (`core.whatif.sandbox.Sandbox.apply`, which re-evaluates the
limits it touched on the kept aggregates) and keeps the inverse edit core returns; `undo()` applies that
inverse, which restores the working set exactly (values, row order, dtypes). After either, `on_changed`
tells the screen to refresh its table and diff.

The edit is validated (`Sandbox.preview`) before the command is pushed, so `redo()` does not fail on a
first push; the screen never pushes an edit core refused.
"""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from ui.limits import models


class SandboxCommand(QUndoCommand):
    """One edit of the sandbox and its inverse."""

    def __init__(self, sandbox, edit, on_changed: Callable[[Any], None] | None = None, text: str = ""):
        super().__init__(text)
        self.sandbox = sandbox
        self.edit = edit
        self.inverse = None
        self.on_changed = on_changed

    def redo(self) -> None:
        self.inverse = self.sandbox.apply(self.edit)
        self._changed()

    def undo(self) -> None:
        if self.inverse is not None:
            self.sandbox.apply(self.inverse)
        self._changed()

    def _changed(self) -> None:
        if self.on_changed is not None:
            self.on_changed(self)


def _value_text(column: str, value: Any) -> str:
    if column in ("warning", "limit"):
        return models.pct(value) if value is not None else "—"
    if column == "dimension":
        return models.dimension_label(value)
    if column == "basis":
        return models.basis_label(value)
    if column == "key":
        return models.key_label(value)
    if column == "scope":
        return models.scope_label(value)
    return "—" if value is None else str(value)


class SetThresholdCommand(SandboxCommand):
    """The warning value or the limit of one limit.

    Typed live (`live_session` set: one per opened cell editor), every keystroke that gives a valid value is
    pushed and merged into the command of the same editor session: the sandbox is re-evaluated at each
    keystroke, and one Ctrl+Z undoes the whole typing (the first command's inverse restores the value the
    cell had before)."""

    LIVE_ID = 4101

    def __init__(self, sandbox, limit_id: str, column: str, value, on_changed=None, live_session: int | None = None):
        from core.whatif.sandbox import set_limit, set_warning

        edit = (set_warning if column == "warning" else set_limit)(limit_id, value)
        super().__init__(sandbox, edit, on_changed, self._text(limit_id, column, value))
        self.limit_id, self.column, self.live_session = limit_id, column, live_session

    @staticmethod
    def _text(limit_id: str, column: str, value) -> str:
        what = (QCoreApplication.translate("LimitsCommands", "warning") if column == "warning"
                else QCoreApplication.translate("LimitsCommands", "limit"))
        return QCoreApplication.translate("LimitsCommands", "{id}: {what} {value}").format(
            id=limit_id, what=what, value=_value_text(column, value))

    def id(self) -> int:
        return self.LIVE_ID if self.live_session is not None else -1

    def mergeWith(self, other) -> bool:
        if not (isinstance(other, SetThresholdCommand) and other.live_session is not None
                and other.live_session == self.live_session and other.limit_id == self.limit_id
                and other.column == self.column):
            return False
        self.edit = other.edit                  # our inverse still restores the value before the typing
        self.setText(other.text())
        return True


class SetFieldCommand(SandboxCommand):
    """Any other column of one limit: name, dimension, scope, key, basis."""

    def __init__(self, sandbox, limit_id: str, column: str, value, on_changed=None):
        from core.whatif.sandbox import SetFields

        super().__init__(sandbox, SetFields(limit_id, {column: value}), on_changed,
                         QCoreApplication.translate("LimitsCommands", "{id}: {what} {value}").format(id=limit_id, what=models.column_label(column),
                                                           value=_value_text(column, value)))


class ReallocateCommand(SandboxCommand):
    """Allocate a member limit from another group limit (or from none)."""

    def __init__(self, sandbox, limit_id: str, parent_limit_id: str | None, on_changed=None):
        from core.whatif.sandbox import reallocate

        text = (QCoreApplication.translate("LimitsCommands", "{id}: allocate from {parent}").format(id=limit_id, parent=parent_limit_id) if parent_limit_id
                else QCoreApplication.translate("LimitsCommands", "{id}: no longer allocated").format(id=limit_id))
        super().__init__(sandbox, reallocate(limit_id, parent_limit_id), on_changed, text)


class AddLimitCommand(SandboxCommand):
    def __init__(self, sandbox, row: dict, position: int | None = None, on_changed=None):
        from core.whatif.sandbox import AddLimit

        super().__init__(sandbox, AddLimit(row, position), on_changed,
                         QCoreApplication.translate("LimitsCommands", "Add limit {id}").format(id=row.get("limit_id")))


class RemoveLimitCommand(SandboxCommand):
    def __init__(self, sandbox, limit_id: str, on_changed=None):
        from core.whatif.sandbox import RemoveLimit

        super().__init__(sandbox, RemoveLimit(limit_id), on_changed, QCoreApplication.translate("LimitsCommands", "Remove limit {id}").format(id=limit_id))


class RenameLimitCommand(SandboxCommand):
    def __init__(self, sandbox, limit_id: str, new_id: str, on_changed=None):
        from core.whatif.sandbox import RenameLimit

        super().__init__(sandbox, RenameLimit(limit_id, new_id), on_changed,
                         QCoreApplication.translate("LimitsCommands", "Rename {old} to {new}").format(old=limit_id, new=new_id))


def command_for_cell(sandbox, limit_id: str, column: str, value, on_changed=None) -> SandboxCommand:
    """The command of one edited cell of the limits table."""
    if column in ("warning", "limit"):
        return SetThresholdCommand(sandbox, limit_id, column, value, on_changed)
    if column == "parent_limit_id":
        return ReallocateCommand(sandbox, limit_id, value, on_changed)
    if column == "limit_id":
        return RenameLimitCommand(sandbox, limit_id, value, on_changed)
    return SetFieldCommand(sandbox, limit_id, column, value, on_changed)
