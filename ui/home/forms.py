"""The forms of the home screen: one dialog for any governance record (built from its spec in
core.governance.records), with a file picker that computes a policy document's SHA-256 and a tick list of
the major events a board notification reports; and the role declaration.

A dialog only collects values (`values()`); the screen records them in a worker and shows a refusal of the
store (a field, a role) in the dialog without closing it, so nothing typed is lost.
"""
from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.governance.records import KINDS, Field
from core.governance.roles import MEMBER_OFFICER, ROLES
from ui.common import i18n
from wording import governance as words

LONG_TEXT = {"statement", "opinions", "findings", "description"}


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class _DateField(QWidget):
    """A date, or none for an optional one (a tick box would hide the picker; an empty text is clearer)."""

    def __init__(self, required: bool, parent=None):
        super().__init__(parent)
        self.required = required
        self.edit = QDateEdit(calendarPopup=True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setDate(QDate.currentDate())
        self.none = QPushButton()
        self.none.setCheckable(True)
        self.none.toggled.connect(lambda on: self.edit.setEnabled(not on))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        if not required:
            self.none.setChecked(True)
            layout.addWidget(self.none)
        else:
            self.none.hide()

    def retranslate(self) -> None:
        self.none.setText(self.tr("None"))

    def value(self) -> str | None:
        if not self.required and self.none.isChecked():
            return None
        return self.edit.date().toString("yyyy-MM-dd")

    def set_value(self, day: date | str | None) -> None:
        if day is None:
            self.none.setChecked(True)
            return
        self.none.setChecked(False)
        self.edit.setDate(QDate.fromString(str(day), "yyyy-MM-dd"))


class _HashField(QWidget):
    """A file's SHA-256: pasted, or computed from the file chosen with the button beside it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setObjectName("sha256")
        self.pick = QPushButton()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.pick)


class RecordDialog(QDialog):
    """A new record of `kind`. `events`: (id, title, notified) of the major events on file, for a board
    notification; the ones not yet reported are ticked first."""

    def __init__(self, kind: str, user: str, events=(), parent=None):
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"recordDialog_{kind}")
        self.spec = KINDS[kind]
        self.widgets: dict[str, QWidget] = {}
        lang = i18n.wording_lang()
        self.setWindowTitle(self.tr("New record: {kind}").format(kind=words.record_name(kind, lang)))
        self.intro = QLabel(self.tr("{kind} ({article}). Records are kept as entered: a correction is a new "
                                    "record. Recorded by {user}.").format(
            kind=words.record_name(kind, lang), article=self.spec.article, user=user or "—"))
        self.intro.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for f in self.spec.fields:
            widget = self._widget(f, events)
            self.widgets[f.name] = widget
            label = words.field_name(f.name, lang) + ("" if f.required else self.tr(" (optional)"))
            form.addRow(label, widget)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setFixedHeight(54)
        self.reason.setPlaceholderText(self.tr("e.g. from the minutes of the meeting; the file's location"))
        form.addRow(self.tr("Why / source (optional)"), self.reason)
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(640, self.sizeHint().height())
        for w in self.widgets.values():
            if isinstance(w, _DateField):
                w.retranslate()

    def _widget(self, f: Field, events) -> QWidget:
        lang = i18n.wording_lang()
        if f.type == "choice":
            box = QComboBox()
            for c in f.choices:
                box.addItem(words.choice_name(c, lang, f.name), c)
            return box
        if f.type == "date":
            return _DateField(f.required)
        if self.kind == "board_notification" and f.name == "event_ids":
            lst = QListWidget()
            lst.setObjectName("events")
            for event_id, title, notified in sorted(events, key=lambda e: (e[2], -e[0])):
                item = QListWidgetItem(f"#{event_id} {title}" + (self.tr(" (reported)") if notified else ""))
                item.setData(Qt.ItemDataRole.UserRole, event_id)
                item.setCheckState(Qt.CheckState.Unchecked)
                lst.addItem(item)
            lst.setFixedHeight(90)
            return lst
        if f.type == "sha256":
            field = _HashField()
            field.edit.setPlaceholderText(self.tr("choose the approved file, or paste its SHA-256"))
            field.pick.setText(self.tr("Choose file…"))
            field.pick.clicked.connect(lambda: self._pick_file(field.edit))
            return field
        if f.name in LONG_TEXT:
            edit = QPlainTextEdit()
            edit.setFixedHeight(60)
            return edit
        edit = QLineEdit()
        if f.type == "ids":
            edit.setPlaceholderText(self.tr("comma-separated, or leave empty"))
        return edit

    def _pick_file(self, edit: QLineEdit) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("The approved document"))
        if path:
            self.set_file(edit, path)

    def set_file(self, edit: QLineEdit, path: str) -> None:
        edit.setText(file_sha256(path))
        edit.setToolTip(path)

    def set_value(self, name: str, value) -> None:
        """Fill a field as the user would (tests, and a new version of an appetite statement)."""
        w = self.widgets[name]
        if isinstance(w, QComboBox):
            w.setCurrentIndex(max(0, w.findData(value)))
        elif isinstance(w, _DateField):
            w.set_value(value)
        elif isinstance(w, QListWidget):
            wanted = {str(v) for v in (value or ())}
            for i in range(w.count()):
                item = w.item(i)
                item.setCheckState(Qt.CheckState.Checked if str(item.data(Qt.ItemDataRole.UserRole)) in wanted
                                   else Qt.CheckState.Unchecked)
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText("" if value is None else str(value))
        elif isinstance(w, _HashField):
            w.edit.setText("" if value is None else str(value))
        else:
            w.setText("" if value is None else str(value))

    def values(self) -> dict:
        out = {}
        for name, w in self.widgets.items():
            if isinstance(w, QComboBox):
                out[name] = w.currentData()
            elif isinstance(w, _DateField):
                out[name] = w.value()
            elif isinstance(w, QListWidget):
                out[name] = [w.item(i).data(Qt.ItemDataRole.UserRole) for i in range(w.count())
                             if w.item(i).checkState() == Qt.CheckState.Checked]
            elif isinstance(w, QPlainTextEdit):
                out[name] = w.toPlainText()
            elif isinstance(w, _HashField):
                out[name] = w.edit.text()
            else:
                out[name] = w.text()
        return out

    def reason_text(self) -> str | None:
        return self.reason.toPlainText().strip() or None

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


class RoleDialog(QDialog):
    """Declare or revoke a role for a user (recorded with who, when, why)."""

    def __init__(self, user: str, parent=None):
        super().__init__(parent)
        self.setObjectName("roleDialog")
        lang = i18n.wording_lang()
        self.setWindowTitle(self.tr("Declare a role"))
        intro = QLabel(self.tr("Roles are declared on this database, not authenticated: they make each act "
                               "accountable (who, in which role). Once any role is declared, limits are "
                               "approved only by senior management. Recorded by {user}.").format(user=user or "—"))
        intro.setWordWrap(True)
        self.user_name = QLineEdit()
        self.role = QComboBox()
        for r in ROLES:
            self.role.addItem(words.role_name(r, lang), r)
        self.member = QLineEdit()
        self.member.setPlaceholderText(self.tr("member id, for a member company officer"))
        self.revoke = QComboBox()
        self.revoke.addItem(self.tr("declare"), True)
        self.revoke.addItem(self.tr("revoke"), False)
        self.reason = QLineEdit()
        form = QFormLayout()
        form.addRow(self.tr("User"), self.user_name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Member"), self.member)
        form.addRow(self.tr("Declare or revoke"), self.revoke)
        form.addRow(self.tr("Why (optional)"), self.reason)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def values(self) -> dict:
        role = self.role.currentData()
        return {"user_name": self.user_name.text(), "role": role, "granted": self.revoke.currentData(),
                "member_id": self.member.text() if role == MEMBER_OFFICER else None,
                "reason": self.reason.text().strip() or None}

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


class DueDatesDialog(QDialog):
    """Change the due dates where the guideline gives none (saved on this computer). Each field shows its
    source; a blank field is the default. `values()` after a checked accept."""

    def __init__(self, current: dict, overrides: dict, parent=None):
        super().__init__(parent)
        from core.governance.duties import SETTING_SOURCES

        self.setObjectName("dueDatesDialog")
        lang = i18n.wording_lang()
        self.setWindowTitle(self.tr("Due dates"))
        intro = QLabel(self.tr("The guideline fixes only some dates; the others are the group's settings. Leave "
                               "a field blank for the default (shown grey). Saved on this computer."))
        intro.setWordWrap(True)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for name, value in current.items():
            tag, source = SETTING_SOURCES.get(name, ("setting", ""))
            edit = QLineEdit("" if name not in overrides else str(overrides[name]))
            edit.setObjectName(name)
            edit.setPlaceholderText(str(value if name not in overrides else ""))
            edit.setToolTip(f"{words.tag_name(tag, lang)} · {source}")
            self.edits[name] = edit
            form.addRow(words.setting_name(name, lang), edit)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
                                        | QDialogButtonBox.StandardButton.RestoreDefaults)
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            lambda: [e.clear() for e in self.edits.values()])
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.clean: dict = {}

    def _check(self) -> None:
        from core.governance.duties import clean_overrides

        clean, problems = clean_overrides({k: e.text() for k, e in self.edits.items()})
        if problems:
            lang = i18n.wording_lang()
            self.error.setText("\n".join(
                f"{words.setting_name(name, lang)}: " + (self.tr("a date MM-DD, e.g. 04-30") if code == "bad_month_day"
                                                         else self.tr("a whole number"))
                for name, code in problems))
            self.error.show()
            return
        self.clean = clean
        self.accept()
