"""A message line above or below a screen's work area that stays in the interface language.

A screen says something ("Saved: … (record 12).", "Nothing changed since record 3 was saved.") in the
language of the moment; when the officer then switches language (设置 › 语言), a message set as a plain
text would stay in the old one. `say` takes the text or, better, a function that makes it (a lambda
around `self.tr(…).format(…)`): the banner calls it again on every language change. A plain text (a
refusal already worded by core's wording in the language of the moment) is shown as it is.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget

INFO_STYLE = "QLabel#{name} {{ background: #e3f4e7; color: #1e5b2c; padding: 6px 10px; border-radius: 4px; }}"
ERROR_STYLE = "QLabel#{name} {{ background: #fde4e1; color: #8c1d18; padding: 6px 10px; border-radius: 4px; }}"

Text = str | Callable[[], str]


class Banner(QLabel):
    """See the module doc. `coloured`: a green (information) or red (error) band; else plain text."""

    def __init__(self, name: str, coloured: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.coloured = coloured
        self.error = False
        self._source: Callable[[], str] | None = None
        self.hide()

    def say(self, text: Text, error: bool = False) -> None:
        """Show `text` ("" hides the banner); a function is asked again after a language change."""
        self._source = text if callable(text) else None
        self.error = error
        if self.coloured:
            self.setStyleSheet((ERROR_STYLE if error else INFO_STYLE).format(name=self.objectName()))
        shown = text() if callable(text) else text
        self.setText(shown)
        self.setVisible(bool(shown))

    def clear_message(self) -> None:
        self.say("")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._source is not None:
            self.setText(self._source())
        super().changeEvent(event)
