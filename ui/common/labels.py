"""Label helpers shared by the screens: the words of a code, bold texts, the screen title and a tick box that
elides its text."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QSizePolicy, QStyle, QStyleOptionButton, QStylePainter, QWidget

from ui.common import i18n
from ui.common.format import DASH


def code_label(table: dict, code: str | None, context: str) -> str:
    """The text of a code in the interface language: `table` maps a code to wording's function of (code,
    language), or to a source translated in Qt context `context`; the code itself when it has none, a dash for
    None. The screens' `label(table, code)` helpers are this with their context."""
    if code is None:
        return DASH
    src = table.get(code)
    if callable(src):
        return src(code, i18n.wording_lang())
    return QCoreApplication.translate(context, src) if src else str(code)


def bold(label: QLabel, extra: int = 0) -> QLabel:
    """`label` in bold, `extra` points larger than its font."""
    font = label.font()
    font.setBold(True)
    if extra:
        font.setPointSize(font.pointSize() + extra)
    label.setFont(font)
    return label


def screen_title() -> QLabel:
    """The title at the top left of a screen (object name "screenTitle"), bold and 4 points larger."""
    title = bold(QLabel(), 4)
    title.setObjectName("screenTitle")
    return title


class ElidedCheckBox(QCheckBox):
    """A tick box whose text is elided (with the whole of it as the tooltip) when the panel is narrower
    than the text, instead of widening its panel past the edge: English rule names are long."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        policy = self.sizePolicy()          # QCheckBox's is Minimum: never narrower than its whole text
        policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)
        self.setSizePolicy(policy)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().horizontalAdvance("M") * 8), hint.height())

    def _shown_text(self) -> str:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        room = self.style().subElementRect(QStyle.SubElement.SE_CheckBoxContents, option, self).width()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, room)

    def _update_tip(self) -> None:
        self.setToolTip(self.text() if self._shown_text() != self.text() else "")

    def setText(self, text: str) -> None:
        super().setText(text)
        self._update_tip()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._update_tip()

    def paintEvent(self, event) -> None:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = self._shown_text()
        QStylePainter(self).drawControl(QStyle.ControlElement.CE_CheckBox, option)
