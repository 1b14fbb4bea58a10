"""The rating screen's top row: rulebook, company and period, the unsaved mark, and the action buttons
(New, Import…, Export ▾, Save, Regulator's rating…). It shows the draft's header values and the saved
state; what the buttons do is in ui.rating.actions, editing in the screen (one undo command per edit)."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMenu, QPushButton, QSizePolicy, QWidget

from core.rating.rulebook import available_rulebooks
from ui.rating.widgets import CheckedEdit


def _period_problem(text: str) -> str | None:
    from core.store.assessments import period_bounds

    return None if not text.strip() or period_bounds(text) else "bad"


class RatingToolbar(QWidget):
    """See the module doc. `screen` is the RatingScreen whose draft it edits and whose actions it runs."""

    def __init__(self, screen, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ratingToolbar")
        self.rulebook_label = QLabel()
        self.rulebook_combo = QComboBox()
        self.rulebook_combo.setObjectName("rulebookCombo")
        for info in {i.id: i for i in available_rulebooks()}.values():
            self.rulebook_combo.addItem(info.id, info.id)
        # Elided when the window is narrow (the popup shows the full titles); grows when there is room.
        self.rulebook_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.rulebook_combo.setMinimumContentsLength(10)
        self.rulebook_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.rulebook_combo.setMaximumWidth(350)
        self.rulebook_combo.activated.connect(screen.rulebook_chosen)
        self.company_label, self.period_label = QLabel(), QLabel()
        self.company_edit = CheckedEdit(lambda t: (t.strip() or None, None))
        self.company_edit.setObjectName("companyEdit")
        self.company_edit.setMinimumWidth(100)
        self.company_edit.editingFinished.connect(
            lambda: screen.commit_meta("company", self.company_edit, self.company_label.text()))
        self.period_edit = CheckedEdit(lambda t: (t.strip() or None,
                                                  self.tr("Write the period as a year, e.g. 2025.")
                                                  if _period_problem(t) else None))
        self.period_edit.setObjectName("periodEdit")
        self.period_edit.setFixedWidth(80)
        self.period_edit.editingFinished.connect(
            lambda: screen.commit_meta("period", self.period_edit, self.period_label.text()))

        actions = screen.actions
        self.new_button = QPushButton()
        self.new_button.clicked.connect(actions.new_assessment)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(actions.ask_import)
        # a push button with a menu: its width makes room for the menu arrow after the text (a tool button's
        # instant-popup arrow was drawn over the text's last character)
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportButton")
        self.export_menu = QMenu(self)
        self.export_json_action = self.export_menu.addAction("")
        self.export_json_action.triggered.connect(lambda: actions.ask_export("json"))
        self.export_xlsx_action = self.export_menu.addAction("")
        self.export_xlsx_action.triggered.connect(lambda: actions.ask_export("xlsx"))
        self.export_button.setMenu(self.export_menu)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveButton")
        self.save_button.clicked.connect(lambda _checked=False: actions.save())
        self.regulator_button = QPushButton()
        self.regulator_button.clicked.connect(actions.ask_regulator)
        self.unsaved_label = QLabel()
        self.unsaved_label.setObjectName("unsavedLabel")
        self.unsaved_label.setStyleSheet("color: #9a6200;")

        header = QHBoxLayout(self)
        header.setContentsMargins(0, 0, 0, 0)
        header.setSpacing(6)
        header.addWidget(self.rulebook_label)
        header.addWidget(self.rulebook_combo, 3)
        header.addSpacing(10)
        header.addWidget(self.company_label)
        header.addWidget(self.company_edit, 3)
        header.addSpacing(6)
        header.addWidget(self.period_label)
        header.addWidget(self.period_edit)
        header.addSpacing(10)
        header.addWidget(self.unsaved_label)
        header.addStretch(0)
        for w in (self.new_button, self.import_button, self.export_button, self.save_button, self.regulator_button):
            header.addWidget(w)

    def retranslate(self) -> None:
        self.rulebook_label.setText(self.tr("Rulebook"))
        self.company_label.setText(self.tr("Company"))
        self.period_label.setText(self.tr("Period"))
        self.company_edit.setPlaceholderText(self.tr("company name"))
        self.period_edit.setPlaceholderText(self.tr("e.g. 2025"))
        self.new_button.setText(self.tr("New"))
        self.import_button.setText(self.tr("Import…"))
        self.export_button.setText(self.tr("Export"))
        self.export_json_action.setText(self.tr("As JSON…"))
        self.export_xlsx_action.setText(self.tr("As XLSX template…"))
        self.save_button.setText(self.tr("Save"))
        self.regulator_button.setText(self.tr("Regulator's rating…"))

    def show_rulebook(self, rb) -> None:
        self.rulebook_combo.setCurrentIndex(max(0, self.rulebook_combo.findData(rb.id)))
        self.rulebook_combo.setToolTip(f"{rb.title}（{rb.issuing_doc}），{rb.version}，SHA-256 {rb.sha256[:12]}…")

    def show_meta(self, draft) -> None:
        """The company and period as the draft has them (validated: a bad period is marked)."""
        for key, editor in (("company", self.company_edit), ("period", self.period_edit)):
            text = draft.get(("meta", key)) or ""
            if editor.text() != text:
                editor.setText(text)
            editor.validate()

    def show_saved_state(self, clean: bool, saved_id: int | None) -> None:
        """The unsaved mark, and 保存 disabled while the draft is exactly record `saved_id` (clean and saved:
        saving would store a duplicate)."""
        # short: with it the row must still fit a 1280×800 window in English (its tooltip says it in full)
        self.unsaved_label.setText("" if clean else self.tr("● unsaved"))
        self.unsaved_label.setToolTip("" if clean else self.tr("The assessment has changes not saved yet."))
        same = clean and saved_id is not None
        self.save_button.setEnabled(not same)
        self.save_button.setToolTip(self.tr("Nothing changed since record {id} was saved.").format(id=saved_id)
                                    if same else self.tr("Save the assessment as a new record (Ctrl+S)"))
