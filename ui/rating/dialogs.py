"""Dialogs of the rating screen: record the regulator's rating."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.rating.draft import check_score


class RegulatorDialog(QDialog):
    """The regulator's result for a period: level, date received, note, and any dimension scores it gave."""

    def __init__(self, rulebook, company: str, period: str, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("regulatorDialog")
        self.rulebook = rulebook
        self.setWindowTitle(self.tr("Record the regulator's rating"))
        self.setMinimumWidth(460)
        intro = QLabel(self.tr("Rating of {company} for {period} as the regulator communicated it.")
                       .format(company=company, period=period))
        intro.setWordWrap(True)
        self.level = QComboBox()
        self.level.setObjectName("regulatorLevel")
        for level in rulebook.all_levels:
            self.level.addItem(level, level)
        self.received = QDateEdit(QDate.currentDate())
        self.received.setCalendarPopup(True)
        self.received.setDisplayFormat("yyyy-MM-dd")
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("e.g. the letter's reference and the regulator's main findings"))
        self.note.setFixedHeight(70)
        form = QFormLayout()
        form.addRow(self.tr("Level"), self.level)
        form.addRow(self.tr("Received on"), self.received)
        form.addRow(self.tr("Note"), self.note)
        dims = QGroupBox(self.tr("Dimension scores the regulator gave (optional)"))
        dform = QFormLayout(dims)
        self.scores: dict[str, QLineEdit] = {}
        for d in rulebook.dimensions:
            e = QLineEdit()
            e.setObjectName(f"regulator_{d.key}")
            e.setPlaceholderText(self.tr("not given"))
            e.setAlignment(Qt.AlignmentFlag.AlignRight)
            dform.addRow(d.name_zh if lang == "zh" else d.name_en, e)
            self.scores[d.key] = e
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(dims)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def dimension_scores(self) -> tuple[dict[str, Decimal], list[str]]:
        out, problems = {}, []
        for key, e in self.scores.items():
            value, problem = check_score(e.text())
            if problem:
                problems.append(f"{key}: {problem}")
                e.setStyleSheet("background: #fde4e1;")
            else:
                e.setStyleSheet("")
                if value is not None:
                    out[key] = value
        return out, problems

    def _accept(self) -> None:
        _, problems = self.dimension_scores()
        if problems:
            self.problem.setText("\n".join(problems))
            return
        self.accept()

    def values(self) -> dict:
        scores, _ = self.dimension_scores()
        return {"final_level": self.level.currentData(), "received": self.received.date().toString("yyyy-MM-dd"),
                "note": self.note.toPlainText().strip() or None,
                "dimension_scores": {k: float(v) for k, v in scores.items()}}
