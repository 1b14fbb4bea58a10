"""Stand-in pages of the main window's stack: loading, not built yet, failed to load."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class MessagePage(QWidget):
    """A centred title and explanation.

    Texts are (context, source) pairs, translated on every LanguageChange; mark the sources with
    QT_TRANSLATE_NOOP so that lupdate finds them.
    """

    def __init__(self, title: tuple[str, str], text: tuple[str, str], parent: QWidget | None = None,
                 *, details: str = ""):
        super().__init__(parent)
        self._title_src, self._text_src = title, text
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        font = self.title.font()
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        self.title.setFont(font)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.details = QLabel(details)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setVisible(bool(details))
        self.details.setStyleSheet("color: palette(mid);")
        for label in (self.title, self.text, self.details):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.title)
        layout.addSpacing(12)
        layout.addWidget(self.text)
        layout.addWidget(self.details)
        layout.addStretch(3)
        self.retranslate()

    def retranslate(self) -> None:
        tr = QCoreApplication.translate
        self.title.setText(tr(*self._title_src))
        self.text.setText(tr(*self._text_src))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


# Sources for lupdate; translated when shown (MessagePage.retranslate).
NOT_YET = ("Pages", QT_TRANSLATE_NOOP("Pages", "This feature will be available in a later version."))
LOADING = ("Pages", QT_TRANSLATE_NOOP("Pages", "Loading…"))
BROKEN = ("Pages", QT_TRANSLATE_NOOP("Pages", "This screen could not be opened. Please tell your RiskDesk "
                                              "administrator."))


def placeholder_page(title: tuple[str, str], parent: QWidget | None = None) -> MessagePage:
    """The page of a screen whose package does not exist yet."""
    page = MessagePage(title, NOT_YET, parent)
    page.setObjectName("placeholderPage")
    return page


def loading_page(title: tuple[str, str], parent: QWidget | None = None) -> MessagePage:
    page = MessagePage(title, LOADING, parent)
    page.setObjectName("loadingPage")
    return page


def broken_page(title: tuple[str, str], reason: str, parent: QWidget | None = None) -> MessagePage:
    """The page of a screen that failed to load: a sentence for the user, the reason in small print."""
    page = MessagePage(title, BROKEN, parent, details=reason)
    page.setObjectName("brokenPage")
    return page
