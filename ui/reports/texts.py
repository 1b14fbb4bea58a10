"""The officer's texts a report prints (conclusions, governance, the board's approval): one editor each, saved
as a new version in the store (append-only: `store.save_text`), with the versions on record, who saved
them and when.

Undo: the editors' own undo is off; every edit is a `TextEdit` command on the screen's QUndoStack (typing
in one place merges into one command), so Edit > Undo, Ctrl+Z in the editor and the window's "*" agree.
A text differing from its latest saved version is marked unsaved.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.common.format import local_time
from ui.reports.kinds import TextSpec, text_name
from ui.reports.kinds import tr as kind_tr

UNSAVED_STYLE = "color: #b26a00; font-weight: bold;"
SAVED_STYLE = "color: #607d8b;"


class TextEdit(QUndoCommand):
    """One edit of an officer text: the text before and after, and where the cursor was."""

    ID = 4201

    def __init__(self, panel: "TextPanel", before: str, after: str, cursor_before: int, cursor_after: int,
                 position: int):
        super().__init__(QCoreApplication.translate("ReportTexts", "Edit “{label}”").format(
            label=text_name(panel.spec.kind)))
        self.panel = panel
        self.before, self.after = before, after
        self.cursor_before, self.cursor_after = cursor_before, cursor_after
        self.position = position
        self._done = True  # the editor already shows `after` when the command is pushed

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, TextEdit) or other.panel is not self.panel or not self.panel.merge_open:
            return False
        if abs(other.position - self.cursor_after) > 1 or "\n" in other.after[other.position:other.cursor_after]:
            return False
        self.after, self.cursor_after = other.after, other.cursor_after
        return True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.panel.apply_text(self.after, self.cursor_after)

    def undo(self) -> None:
        self.panel.apply_text(self.before, self.cursor_before)


class _Editor(QPlainTextEdit):
    """A plain-text editor whose undo/redo keys go to the screen's stack."""

    def __init__(self, stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        self.stack = stack
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)

    def event(self, e) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride and (e.matches(QKeySequence.StandardKey.Undo)
                                                          or e.matches(QKeySequence.StandardKey.Redo)):
            e.accept()  # handled in keyPressEvent, not by the window's Edit actions (the same stack anyway)
            return True
        return super().event(e)

    def keyPressEvent(self, e) -> None:
        if e.matches(QKeySequence.StandardKey.Undo):
            self.stack.undo()
            return
        if e.matches(QKeySequence.StandardKey.Redo):
            self.stack.redo()
            return
        super().keyPressEvent(e)


class TextPanel(QWidget):
    """The editor and version history of one officer text."""

    dirty_changed = Signal()
    save_requested = Signal()
    version_loaded = Signal()

    def __init__(self, spec: TextSpec, stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        self.stack = stack
        self.saved_text = ""
        self.history: list = []
        self.merge_open = False
        self._applying = False
        self._last_text = ""
        self._last_cursor = 0
        self._change_at = 0
        self._was_dirty = False

        self.hint = QLabel()
        self.hint.setObjectName("textHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #607d8b;")
        self.editor = _Editor(stack)
        self.editor.setObjectName("textEditor")
        self.editor.setMinimumHeight(96)      # the panel fits a 1366×768 screen with its buttons
        self.status = QLabel()
        self.status.setObjectName("textStatus")
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveText")
        self.save_button.clicked.connect(self.save_requested)
        self.discard_button = QPushButton()
        self.discard_button.setObjectName("discardText")
        self.discard_button.clicked.connect(self.discard)
        self.history_view = QTreeWidget()
        self.history_view.setObjectName("textHistory")
        self.history_view.setRootIsDecorated(False)
        self.history_view.setAlternatingRowColors(True)
        self.history_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history_view.setColumnCount(4)
        self.history_view.setMinimumHeight(72)
        self.history_view.itemDoubleClicked.connect(lambda *_: self.load_selected())
        self.history_view.itemSelectionChanged.connect(self._update_buttons)
        h = self.history_view.header()
        h.setStretchLastSection(True)
        h.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history_label = QLabel()
        self.history_label.setObjectName("historyLabel")
        self.load_button = QPushButton()
        self.load_button.setObjectName("loadVersion")
        self.load_button.clicked.connect(self.load_selected)

        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.save_button)
        hist_head = QHBoxLayout()
        hist_head.addWidget(self.history_label, 1)
        hist_head.addWidget(self.load_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.hint)
        layout.addWidget(self.editor, 3)
        layout.addLayout(buttons)
        layout.addLayout(hist_head)
        layout.addWidget(self.history_view, 2)

        self.editor.document().contentsChange.connect(self._contents_change)
        self.editor.textChanged.connect(self._text_changed)
        self.retranslate()

    # -- state --------------------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self.editor.toPlainText() != self.saved_text

    def text(self) -> str:
        return self.editor.toPlainText()

    def set_history(self, history: list, keep_edits: bool = False) -> None:
        """The versions on record (oldest first); the editor shows the latest unless `keep_edits`."""
        self.history = list(history)
        self.saved_text = history[-1].text if history else ""
        if not keep_edits:
            self.apply_text(self.saved_text, len(self.saved_text))
        self._fill_history()
        self._update_status()

    def apply_text(self, text: str, cursor: int) -> None:
        """Set the editor's text without recording an edit (undo/redo, loading)."""
        self._applying = True
        try:
            self.editor.setPlainText(text)
            c = self.editor.textCursor()
            c.setPosition(min(cursor, len(text)))
            self.editor.setTextCursor(c)
        finally:
            self._applying = False
        self._last_text = text
        self._last_cursor = self.editor.textCursor().position()
        self.merge_open = False
        self._update_status()

    def set_text(self, text: str) -> None:
        """Replace the text as one undoable edit (loading an earlier version)."""
        before, cursor = self.editor.toPlainText(), self.editor.textCursor().position()
        if text == before:
            return
        self.apply_text(text, len(text))
        self.stack.push(TextEdit(self, before, text, cursor, len(text), 0))

    def discard(self) -> None:
        self.set_text(self.saved_text)

    def load_selected(self) -> None:
        item = self.history_view.currentItem()
        if item is None:
            return
        version = item.data(0, Qt.ItemDataRole.UserRole)
        if version is not None:
            self.set_text(version.text)
            self.version_loaded.emit()

    def close_merge(self) -> None:
        self.merge_open = False

    # -- editing ------------------------------------------------------------------------------------
    def _contents_change(self, position: int, removed: int, added: int) -> None:
        self._change_at = position

    def _text_changed(self) -> None:
        if self._applying:
            return
        now = self.editor.toPlainText()
        if now == self._last_text:
            return
        cursor = self.editor.textCursor().position()
        cmd = TextEdit(self, self._last_text, now, self._last_cursor, cursor, self._change_at)
        self._last_text, self._last_cursor = now, cursor
        self.stack.push(cmd)
        self.merge_open = True
        self._update_status()

    # -- display ------------------------------------------------------------------------------------
    def _fill_history(self) -> None:
        self.history_view.clear()
        for n, v in reversed(list(enumerate(self.history, start=1))):
            item = QTreeWidgetItem([self.tr("v{n}").format(n=n), local_time(v.created_at), v.created_by or "—",
                                    self.tr("{n} characters").format(n=len(v.text))])
            item.setData(0, Qt.ItemDataRole.UserRole, v)
            item.setToolTip(3, v.text[:400])
            self.history_view.addTopLevelItem(item)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.load_button.setEnabled(self.history_view.currentItem() is not None)

    def _update_status(self) -> None:
        dirty = self.dirty
        self.save_button.setEnabled(dirty)
        self.discard_button.setEnabled(dirty)
        self.status.setToolTip("")
        if dirty:
            self.status.setText(self.tr("● Unsaved changes"))
            self.status.setStyleSheet(UNSAVED_STYLE)
        elif self.history:
            v = self.history[-1]
            self.status.setText(self.tr("Saved (version {n})").format(n=len(self.history)))
            self.status.setToolTip(self.tr("Saved {at} by {user}").format(at=local_time(v.created_at),
                                                                          user=v.created_by or "—"))
            self.status.setStyleSheet(SAVED_STYLE)
        else:
            self.status.setText(self.tr("Not written yet"))
            self.status.setStyleSheet(SAVED_STYLE)
        if dirty != self._was_dirty:
            self._was_dirty = dirty
            self.dirty_changed.emit()

    def retranslate(self) -> None:
        self.hint.setText(kind_tr(self.spec.hint))
        self.editor.setPlaceholderText(self.tr("Not written yet."))
        self.save_button.setText(self.tr("Save as new version"))
        self.save_button.setToolTip(self.tr("Saved versions are kept; the report prints the latest."))
        self.discard_button.setText(self.tr("Discard changes"))
        self.history_label.setText(self.tr("Versions on record"))
        self.load_button.setText(self.tr("Load into editor"))
        self.history_view.setHeaderLabels([self.tr("Version"), self.tr("Saved at"), self.tr("Saved by"),
                                           self.tr("Length")])
        self._fill_history()
        self._update_status()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
