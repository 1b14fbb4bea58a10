"""Label helpers shared by the screens: bold texts and the screen title."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel


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
