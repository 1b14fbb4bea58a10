"""A dialog that asks for a text (a reason, a comment) under one or more paragraphs saying what it is for.

Every record made with words of the officer's own (withdrawing a snapshot or a proposal, deciding a
proposal) asks through it, so that they all look and behave alike: the paragraphs wrap, the text box takes
several lines, OK and Cancel below.
"""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget


class TextDialog(QDialog):
    def __init__(self, title: str, paragraphs: list[str], parent: QWidget | None = None, *, name: str = "",
                 min_width: int = 440):
        super().__init__(parent)
        if name:
            self.setObjectName(name)
        self.setWindowTitle(title)
        self.text = QPlainTextEdit()
        self.text.setMinimumHeight(80)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for paragraph in paragraphs:
            label = QLabel(paragraph)
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.setMinimumWidth(min_width)

    def value(self) -> str:
        """The text typed, as typed (the caller strips and checks it)."""
        return self.text.toPlainText()
