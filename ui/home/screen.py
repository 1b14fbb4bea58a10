"""Home (首页): the first screen — what the guideline asks of the group and where it stands.

Built by the main window as HomeScreen(session, parent). At the top, four figures: duties overdue, duties
due in the next 60 days, open breach cases, major events not yet reported to the board. Tabs:

- Needs attention: those items, one per row (overdue first).
- Duty calendar: every duty by period with its due date, status (derived from the records, never ticked)
  and the record that satisfied it; beside it the due-date settings with their sources (the guideline's
  text, the rating rules, or a suggested setting).
- Records: the governance records of one kind (appetite, policies, events, board notifications and
  opinions, submissions, audits, member filings), newest first, with who/when/why — the list is the
  history, nothing is overwritten (an appetite change is its next version); "New…" opens its form;
  "Export to Excel…" writes the list through the project's one safe XLSX writer.
- Roles: the roles declared on this database, and "Declare a role…".

"As of" looks at the calendar on another day (records dated later do not count). Everything is read in
one worker call (models.load_home); a record is written in a worker too, and a refusal (a field, a role)
is shown in its form, which stays open. Records are append-only, so a write is not an undoable edit:
nothing is pushed on an undo stack.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.governance.records import KINDS
from ui import session as session_kinds
from ui.breaches.models import state_label
from ui.common import i18n
from ui.common.banner import Banner
from ui.common.labels import bold, screen_title
from ui.common.reloader import Reloader
from ui.common.tables import read_only_table, tools_of
from ui.home import models as m
from ui.home.forms import DueDatesDialog, RecordDialog, RoleDialog
from wording import codes
from wording import governance as words

CARD_STYLE = "QFrame#card {{ background: {bg}; border: 1px solid {border}; border-radius: 6px; }}"
CARDS = (("overdue", "#b3261e", "#fde7e7", "#ef9a9a"), ("due", "#8a4b00", "#fff3d6", "#f2c46d"),
         ("cases", "#0d3c61", "#e3eef9", "#90b8de"), ("events", "#6a1b9a", "#f3e5f5", "#ce93d8"))


def _record_governance(store, kind, values, user, reason):
    return store.record_governance(kind, values, user, reason=reason)


def _set_role(store, user_name, role, user, granted, member_id, reason):
    return store.set_role(user_name, role, user, granted=granted, member_id=member_id, reason=reason)


def case_state_text(state: str) -> str:
    """A breach case's state in the interface language, in the breach register's words (the reports'), not
    its code."""
    return state_label(state)


class _Card(QFrame):
    def __init__(self, fg: str, bg: str, border: str, parent=None):
        super().__init__(parent)
        self.setObjectName("card")
        self.setStyleSheet(CARD_STYLE.format(bg=bg, border=border))
        self.figure = bold(QLabel("0"), 10)
        self.figure.setStyleSheet(f"color: {fg};")
        self.caption = QLabel()
        self.caption.setStyleSheet(f"color: {fg};")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.addWidget(self.figure)
        layout.addWidget(self.caption)


def _fit(view: QTableView, stretch: int) -> None:
    """Columns as wide as their contents, `stretch` taking what is left; when together they are wider than
    the table (the duty calendar's sources at 1366×768), the table toolkit (ui.common.tables) shortens the
    widest so that every column starts and ends in view, the shortened cells showing their text as tooltip.
    Columns sized to their contents by Qt itself could not be shortened."""
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.resizeColumnsToContents()
    if 0 <= stretch < view.model().columnCount():
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


class HomeScreen(QWidget):
    loaded = Signal()
    recorded = Signal(str, int)          # kind, id of a record just written

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.data = m.HomeData()
        self.reader = Reloader(self, session, m.load_home, self._loaded, lambda: self.tr("Reading the duties…"),
                               args=lambda: (self.today(), self._user(), m.saved_overrides()))
        self.reader.follow(session_kinds.KINDS)      # every duty is derived from the records on file
        self.title = screen_title()
        self.subtitle = QLabel()
        self.subtitle.setObjectName("homeSubtitle")
        self.subtitle.setWordWrap(True)
        self.as_of_label = QLabel()
        self.as_of = QDateEdit(calendarPopup=True)
        self.as_of.setObjectName("asOf")
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.as_of.setDate(QDate.currentDate())
        self.as_of.dateChanged.connect(lambda _d: self.reload())
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.subtitle, 1)
        top.addWidget(self.as_of_label)
        top.addWidget(self.as_of)
        top.addWidget(self.refresh_button)

        self.cards = {key: _Card(fg, bg, border) for key, fg, bg, border in CARDS}
        cards = QHBoxLayout()
        for card in self.cards.values():
            cards.addWidget(card, 1)

        # needs attention
        self.attention_model = m.TextsModel(self)
        self.attention = read_only_table(self.attention_model, "attentionTable")
        # duty calendar + settings
        self.duties_model = m.TextsModel(self)
        self.duties = read_only_table(self.duties_model, "dutiesTable")
        self.filter = QComboBox()
        self.filter.setObjectName("dutyFilter")
        self.filter.currentIndexChanged.connect(lambda _i: self._fill_duties())
        self.settings_model = m.TextsModel(self)
        self.settings_view = read_only_table(self.settings_model, "dueDateSettings")
        self.settings_title = bold(QLabel())
        self.settings_note = QLabel()
        self.settings_note.setWordWrap(True)
        self.settings_note.setStyleSheet("color: #607d8b;")
        calendar_page = QWidget()
        left = QVBoxLayout()
        row = QHBoxLayout()
        self.filter_label = QLabel()
        row.addWidget(self.filter_label)
        row.addWidget(self.filter)
        row.addStretch(1)
        left.addLayout(row)
        left.addWidget(self.duties, 1)
        right = QVBoxLayout()
        right.addWidget(self.settings_title)
        right.addWidget(self.settings_view, 1)
        right.addWidget(self.settings_note)
        self.settings_button = QPushButton()
        self.settings_button.setObjectName("changeDueDates")
        self.settings_button.clicked.connect(lambda: self.change_due_dates())
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.settings_button)
        right.addLayout(row)
        lw, rw = QWidget(), QWidget()
        lw.setLayout(left)
        rw.setLayout(right)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(lw)
        split.addWidget(rw)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 2)
        split.setSizes([1000, 520])
        QVBoxLayout(calendar_page).addWidget(split)
        # records
        self.kind = QComboBox()
        self.kind.setObjectName("recordKind")
        for kind in KINDS:
            self.kind.addItem(kind, kind)
        self.kind.currentIndexChanged.connect(lambda _i: self._fill_records())
        self.new_button = QPushButton()
        self.new_button.setObjectName("newRecord")
        self.new_button.clicked.connect(lambda: self.open_form(self.kind.currentData()))
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export_records)
        self.records_model = m.TextsModel(self)
        self.records = read_only_table(self.records_model, "recordsTable")
        self.records_message = Banner("recordsMessage", coloured=False)   # follows a language switch
        records_page = QWidget()
        rl = QVBoxLayout(records_page)
        row = QHBoxLayout()
        row.addWidget(self.kind)
        row.addWidget(self.new_button)
        row.addStretch(1)
        row.addWidget(self.export_button)
        rl.addLayout(row)
        rl.addWidget(self.records, 1)
        rl.addWidget(self.records_message)
        # roles
        self.role_button = QPushButton()
        self.role_button.clicked.connect(self.open_role_form)
        self.roles_model = m.TextsModel(self)
        self.roles = read_only_table(self.roles_model, "rolesTable")
        self.roles_note = QLabel()
        self.roles_note.setWordWrap(True)
        roles_page = QWidget()
        ro = QVBoxLayout(roles_page)
        row = QHBoxLayout()
        row.addWidget(self.role_button)
        row.addStretch(1)
        ro.addLayout(row)
        ro.addWidget(self.roles_note)
        ro.addWidget(self.roles, 1)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("homeTabs")
        self.tabs.setDocumentMode(True)
        for page in (self.attention, calendar_page, records_page, roles_page):
            self.tabs.addTab(page, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.addLayout(top)
        layout.addLayout(cards)
        layout.addWidget(self.tabs, 1)
        self._retranslate()
        session.store_changed.connect(self._store_changed)
        session.user_changed.connect(lambda _u: self.reload())
        session.when_store_ready(lambda _store: self.reload())

    # -- reading ------------------------------------------------------------------------------------------
    def today(self) -> date:
        q = self.as_of.date()
        return date(q.year(), q.month(), q.day())

    def _user(self) -> str:
        return (self.session.user or "").strip()

    def activated(self) -> None:
        self.reader.activated()

    def reload(self) -> None:
        self.reader.reload()

    def _store_changed(self) -> None:
        self._set_data(m.HomeData())
        self.reload()

    def _loaded(self, data: m.HomeData) -> None:
        self._set_data(data)
        self.loaded.emit()

    def _set_data(self, data: m.HomeData) -> None:
        self.data = data
        self._update_texts()

    # -- filling ------------------------------------------------------------------------------------------
    def _update_texts(self) -> None:
        d = self.data
        lang = i18n.wording_lang()
        unnotified = list(d.calendar.unnotified) if d.calendar is not None else []
        figures = {"overdue": d.count("overdue"), "due": d.count("due"), "cases": len(d.open_cases),
                   "events": len(unnotified)}
        # (one, many): "1 duties overdue" read wrong in English; Chinese says both alike
        captions = {"overdue": (self.tr("duty overdue"), self.tr("duties overdue")),
                    "due": (self.tr("duty due in the next 60 days"), self.tr("duties due in the next 60 days")),
                    "cases": (self.tr("open breach case"), self.tr("open breach cases")),
                    "events": (self.tr("major event not reported to the board"),
                               self.tr("major events not reported to the board"))}
        for key, card in self.cards.items():
            card.figure.setText(str(figures[key]))
            card.caption.setText(captions[key][0 if figures[key] == 1 else 1])
        user = self._user()
        if not d.grants:
            who = self.tr("No roles are declared on this database: limit approvals are only checked to be by "
                          "another person (declare roles on the Roles tab).")
        elif d.user_roles:
            who = self.tr("You: {user} ({roles})").format(
                user=user, roles=", ".join(words.role_name(r, lang) for r in sorted(d.user_roles)))
        else:
            who = self.tr("You: {user} — no role declared for you on this database").format(user=user or "—")
        self.subtitle.setText(who)
        self._fill_attention(unnotified)
        self._fill_duties()
        self._fill_settings()
        self._fill_records()
        headers, rows = m.role_rows(d.grants)
        self.roles_model.set_rows(headers, rows)
        _fit(self.roles, 6)
        texts = (self.tr("Needs attention ({n})").format(n=self.attention_model.rowCount()),
                 self.tr("Duty calendar ({n})").format(n=len(d.items)),
                 self.tr("Records ({n})").format(n=sum(len(v) for v in d.records.values())),
                 self.tr("Roles ({n})").format(n=len(d.grants)))
        for i, text in enumerate(texts):
            self.tabs.setTabText(i, text)

    def _fill_attention(self, unnotified) -> None:
        lang = i18n.wording_lang()
        rows, colours = [], []
        for wanted in ("overdue", "due"):
            for i in self.data.items:
                if i.status != wanted:
                    continue
                what = words.duty_name(i.duty, lang)
                period = i.period
                if i.duty == "major_event_notice":
                    period = f"#{i.detail.get('event_id')} {i.detail.get('title', '')}"
                rows.append([words.status_name(i.status, lang), what, period, i.due.isoformat() if i.due else "—"])
                colours.append(m.STATUS_COLOURS[i.status])
        for e in unnotified:
            rows.append([self.tr("Major event not reported"), e.get("title") or "", f"#{e.id}", e.day.isoformat()])
            colours.append(("#6a1b9a", "#f3e5f5"))
        for c in self.data.open_cases:
            key = codes.key_name(c.key, lang) or c.key      # "*" (the limit's total) and UNKNOWN in words
            rows.append([self.tr("Open breach case"), f"{c.limit_id} · {key}", f"#{c.id} {case_state_text(c.state)}",
                         c.due_date.isoformat() if c.due_date else "—"])
            colours.append(("#0d3c61", None))
        self.attention_model.set_rows([self.tr("What"), self.tr("Item"), self.tr("Period / reference"),
                                       self.tr("Due / date")], rows, colours)
        _fit(self.attention, 1)

    def _fill_duties(self) -> None:
        items = self.data.items
        choice = self.filter.currentData()
        if choice == "attention":
            items = [i for i in items if i.status in ("overdue", "due")]
        elif choice:
            items = [i for i in items if i.duty == choice]
        headers, rows, colours = m.duty_rows(items)
        self.duties_model.set_rows(headers, rows, colours, payload=items)
        _fit(self.duties, 4)                        # the record that satisfied it takes what is left

    def _fill_settings(self) -> None:
        if self.data.calendar is None:
            self.settings_model.set_rows([], [])
            return
        headers, rows = m.settings_rows(self.data.calendar.settings, m.saved_overrides())
        self.settings_model.set_rows(headers, rows)
        _fit(self.settings_view, 2)

    def _fill_records(self) -> None:
        kind = self.kind.currentData()
        if kind is None:
            return
        headers, rows = m.record_rows(kind, self.data.records.get(kind, []))
        self.records_model.set_rows(headers, rows)
        tools = tools_of(self.records)
        if tools is not None:
            tools.title = words.record_name(kind, i18n.wording_lang())
        self.records.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.records.resizeColumnsToContents()
        for c in range(self.records_model.columnCount()):
            self.records.setColumnWidth(c, min(self.records.columnWidth(c), 320))

    # -- writing ------------------------------------------------------------------------------------------
    def open_form(self, kind: str, values: dict | None = None, reason: str | None = None, accept: bool = False):
        """The form of a new `kind` record, filled with `values` when given; `accept`: save without showing
        it (tests act as the user through the dialog's own widgets otherwise). Returns the dialog."""
        events = [(e.id, e.get("title"), e.id not in {u.id for u in (self.data.calendar.unnotified
                                                                      if self.data.calendar else ())})
                  for e in self.data.records.get("major_event", [])]
        dialog = RecordDialog(kind, self._user(), events, self)
        for name, value in (values or {}).items():
            dialog.set_value(name, value)
        if reason:
            dialog.reason.setPlainText(reason)
        return self._present(dialog, lambda: self._save(dialog), accept)

    def _present(self, dialog, on_accept, accept: bool):
        """Show a form dialog (kept as last_dialog), `on_accept` saving what it holds; `accept` accepts it at
        once, as a caller that filled it in would. Returns the dialog."""
        dialog.accepted.connect(on_accept)
        self.last_dialog = dialog
        if accept:
            dialog.accept()
        else:
            dialog.open()
        return dialog

    def _save(self, dialog: RecordDialog) -> None:
        user = self._user()
        if not user:
            dialog.show_error(self.tr("Set your user name first (Settings › User Name…): every record says who "
                                      "entered it."))
            dialog.open()
            return

        kind = dialog.kind

        def done(rid) -> None:
            self.records_message.say(lambda: self.tr("{kind} #{id} recorded.").format(
                kind=words.record_name(kind, i18n.wording_lang()), id=rid))
            self.kind.setCurrentIndex(self.kind.findData(dialog.kind))
            self.recorded.emit(dialog.kind, rid)
            self.reload()

        def failed(exc) -> None:
            dialog.show_error(self.refusal_text(exc))
            dialog.open()                              # stays open with what was typed

        self.session.write(self, _record_governance, dialog.kind, dialog.values(), user,
                           dialog.reason_text(), on_done=done, on_error=failed,
                           progress_label=self.tr("Recording…"), changed=session_kinds.GOVERNANCE)

    def refusal_text(self, exc) -> str:
        code = getattr(exc, "code", None)
        detail = getattr(exc, "detail", {}) or {}
        lang = i18n.wording_lang()
        if code == "invalid_value":
            return words.problem_sentence(detail, lang)
        if code in ("role_required", "not_senior_management"):
            return words.refusal_sentence(code, detail, lang)
        if code == "user_required":
            return self.tr("Set your user name first (Settings › User Name…): every record says who entered it.")
        if code == "not_found":
            return self.tr("{what} #{id} is not on record.").format(what=detail.get("entity", ""), id=detail.get("id"))
        return self.tr("Not recorded: {reason}").format(reason=detail or exc)

    def open_role_form(self, values: dict | None = None, accept: bool = False):
        dialog = RoleDialog(self._user(), self)
        if values:
            dialog.user_name.setText(values.get("user_name", ""))
            dialog.role.setCurrentIndex(dialog.role.findData(values.get("role")))
            dialog.member.setText(values.get("member_id") or "")
            dialog.revoke.setCurrentIndex(0 if values.get("granted", True) else 1)
            dialog.reason.setText(values.get("reason") or "")
        return self._present(dialog, lambda: self._save_role(dialog), accept)

    def _save_role(self, dialog: RoleDialog) -> None:
        v = dialog.values()

        def failed(exc) -> None:
            dialog.show_error(self.refusal_text(exc))
            dialog.open()

        self.session.write(self, _set_role, v["user_name"], v["role"], self._user(), v["granted"],
                           v["member_id"], v["reason"], on_done=lambda _gid: self.reload(),
                           on_error=failed, progress_label=self.tr("Recording…"), changed=session_kinds.GOVERNANCE)

    def change_due_dates(self, values: dict | None = None):
        """The due-date settings dialog; `values` ({name: text}) fills and saves it as the user would."""
        if self.data.calendar is None:
            return None
        dialog = DueDatesDialog(self.data.calendar.settings.as_dict(), m.saved_overrides(), self)

        def saved() -> None:
            m.save_overrides(dialog.clean)
            self.reload()

        dialog.accepted.connect(saved)
        self.last_dialog = dialog
        dialog.open()
        if values:
            for name, text in values.items():
                dialog.edits[name].setText(str(text))
            dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
        return dialog

    def export_records(self, path: str | None = None):
        """The shown list to an XLSX workbook (ui.common.tables → the safe writer); asks where unless told."""
        tools = tools_of(self.records)
        return tools.export_to(path) if path else tools.export()

    # -- language -----------------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        lang = i18n.wording_lang()
        self.title.setText(self.tr("Home"))
        self.as_of_label.setText(self.tr("As of"))
        self.as_of.setToolTip(self.tr("Look at the calendar as on another day: records dated later do not count"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.filter_label.setText(self.tr("Show"))
        current = self.filter.currentData()
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem(self.tr("All duties"), None)
        self.filter.addItem(self.tr("Overdue and due"), "attention")
        from core.governance.duties import DUTIES
        for duty in DUTIES:
            self.filter.addItem(words.duty_name(duty, lang), duty)
        self.filter.setCurrentIndex(max(0, self.filter.findData(current)))
        self.filter.blockSignals(False)
        self.settings_title.setText(self.tr("Due dates"))
        self.settings_button.setText(self.tr("Change due dates…"))
        self.settings_note.setText(self.tr("Where the guideline gives no date the value is a suggestion (a "
                                           "setting); the rating deadline is the rulebook's. 'Due' means due "
                                           "within the window. Changed dates are saved on this computer."))
        for i in range(self.kind.count()):
            self.kind.setItemText(i, words.record_name(self.kind.itemData(i), lang))
        self.new_button.setText(self.tr("New…"))
        self.export_button.setText(self.tr("Export to Excel…"))
        self.role_button.setText(self.tr("Declare a role…"))
        self.roles_note.setText(self.tr("Roles are declared on this database, not authenticated: they make each "
                                        "act accountable. Once any role is declared, limits are approved only by "
                                        "senior management (Art 8), audits are recorded by internal audit and "
                                        "board records by the lead department or senior management."))
        self._update_texts()
