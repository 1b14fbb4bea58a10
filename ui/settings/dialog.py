"""The Options dialog (language, user name) and the user-name question asked at the first start.

The dialog only collects values; MainWindow.apply_settings applies them (the language live, through
QEvent.LanguageChange) and saves them (ui.settings keys). A name is required (OK stays disabled while it is
empty): every record carries it, with the computer login, and a change of name is itself journaled
(ui.session.Session.set_user) — accountability on a local file, not access control.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.common import i18n


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, language: str = i18n.DEFAULT, user: str = ""):
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.language_box = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language_box.addItem(name, code)
        self.language_box.setCurrentIndex(max(self.language_box.findData(language), 0))
        self.user_edit = QLineEdit(user)
        self.user_edit.setClearButtonEnabled(True)
        self.user_note = QLabel()
        self.user_note.setWordWrap(True)
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language_box)
        self.user_label = QLabel()
        self.user_label.setBuddy(self.user_edit)
        self.form = QFormLayout()
        self.form.addRow(self.language_label, self.language_box)
        self.form.addRow(self.user_label, self.user_edit)
        self.form.addRow("", self.user_note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.user_edit.textChanged.connect(self._name_changed)
        self._name_changed(self.user_edit.text())
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self._retranslate()

    def language(self) -> str:
        return self.language_box.currentData()

    def user_name(self) -> str:
        return self.user_edit.text().strip()

    def _name_changed(self, text: str) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(text.strip()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Options"))
        self.language_label.setText(self.tr("&Language:"))
        self.user_label.setText(self.tr("&User name:"))
        from ui.session import os_user_name

        self.user_note.setText(self.tr("Your name is recorded on everything you record, with your computer "
                                       "login ({login}); a change of name is recorded too.")
                               .format(login=os_user_name() or "—"))


def ask_user_name(parent: QWidget | None, current: str = "") -> str | None:
    """Ask for the user's name; None if cancelled or left empty."""
    from ui.session import os_user_name

    translate = QCoreApplication.translate  # lupdate knows "translate(ctx, text)", not other aliases
    name, ok = QInputDialog.getText(
        parent, translate("SettingsDialog", "User name"),
        translate("SettingsDialog", "Your name, recorded on the proposals and decisions you make:"),
        QLineEdit.EchoMode.Normal, current or os_user_name())
    name = name.strip()
    return name if ok and name else None
