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
EMPTY_STYLE = "QLabel#{name} {{ background: transparent; padding: 6px 10px; }}"

Text = str | Callable[[], str]


class Banner(QLabel):
    """See the module doc. `coloured`: a green (information) or red (error) band; else plain text."""

    def __init__(self, name: str, coloured: bool = True, reserve: bool = False, parent: QWidget | None = None):
        """`reserve`: an empty banner keeps the height of one line, so that the screen below does not jump
        when a message comes and goes (where a message is shown most of the time anyway)."""
        super().__init__(parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.coloured = coloured
        self.reserve = reserve
        self.error = False
        self._source: Callable[[], str] | None = None
        self.say("")

    def say(self, text: Text, error: bool = False) -> None:
        """Show `text` ("" hides the banner); a function is asked again after a language change."""
        self._source = text if callable(text) else None
        shown = text() if callable(text) else text
        self.error = error and bool(shown)
        if self.coloured:
            style = ERROR_STYLE if error else INFO_STYLE
            self.setStyleSheet((style if shown else EMPTY_STYLE).format(name=self.objectName()))
        self.setText(shown)
        self.setVisible(bool(shown) or self.reserve)

    def shown(self) -> bool:
        """A message is in view (a reserved empty line is not one)."""
        return self.isVisible() and bool(self.text())

    def clear_message(self) -> None:
        self.say("")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._source is not None:
            self.setText(self._source())
        super().changeEvent(event)
