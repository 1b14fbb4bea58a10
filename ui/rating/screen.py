"""The rating self-assessment screen: inputs on the left, the live result in the middle, rules and history right.

Every edit is one QUndoCommand on the screen's stack (ui.rating.draft); after every change — and on every
keystroke in an editor, as a preview that is not yet a command — the input is validated by core
(parse_rating_input) and rated (assess, what_would_it_take) on the GUI thread: about 1 ms, see
`last_recompute_ms`. The result is never guessed: an incomplete input, or a unified-2025 rulebook without
brackets, shows what is missing instead of a level.
"""
from __future__ import annotations

import json
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QEvent, QModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from core.problems import InputError
from core.rating.inputs import parse_rating_input, read_rating_file, write_rating_template
from core.rating.rulebook import COMPANY_TYPES, Dimension, available_rulebooks, check_unified_weights, load_rulebook
from core.services import rating as rating_service
from core.services.rating import compare_under
from ui.common import i18n
from ui.common.format import local_time
from ui.rating.draft import (
    RatingDraft,
    ReplaceAll,
    SetValues,
    check_score,
    paths_touch,
    plain,
    result_number,
    result_scores,
    stored_input_data,
    type_specific_keys,
)
from ui.rating.models import (
    ALIGN,
    BG,
    CENTER,
    DISPLAY,
    FG,
    FIRED_BG,
    FONT,
    RIGHT,
    RISK_COLOURS,
    TIP,
    FieldListModel,
    RowsModel,
    ScoreTreeModel,
    level_colour,
)
from ui.rating.widgets import (
    CheckedEdit,
    ComparisonChart,
    FactsForm,
    FlagsForm,
    LevelBadge,
    ScoreDelegate,
    TypeSpecificForm,
)
from wording import rating as words


def _save_assessment(store, *args):
    """Store worker: one assessment record (core.store save_assessment); returns its id."""
    return store.save_assessment(*args)


# Imported by the main window's worker together with this module (ui.common.screen): the chart and the
# dialogs would otherwise be imported on the GUI thread when the screen is built.
PRELOAD = ("matplotlib.backends.backend_qtagg", "matplotlib.figure", "matplotlib.font_manager", "numpy",
           "cli.rate", "wording.problems", "core.store.assessments", "ui.common.problems_dialog",
           "ui.rating.dialogs")

# Problems of a type-specific element's own weight: refused when committed (they do not depend on the other
# weights, unlike a floor or the 100% total, which an officer breaks on the way while re-balancing).
OWN_WEIGHT_CODES = ("type_specific_too_heavy", "too_many_type_specific", "rulebook_bad_key")
WEIGHT_SECTIONS = ("weights", "brackets", "element_names", "company_type")
ERROR_STYLE = "QLabel#messageBar { background: #fde4e1; color: #8c1d18; padding: 6px 10px; border-radius: 4px; }"
NOTE_STYLE = "QLabel { background: #fff4d6; color: #6b4a00; padding: 4px 8px; border-radius: 4px; }"
INFO_STYLE = "QLabel#messageBar { background: #e3f4e7; color: #1e5b2c; padding: 6px 10px; border-radius: 4px; }"


def chart_label(name: str, count: int) -> str:
    """A dimension's name under its bars: whole for the six life dimensions; with the nine or ten unified
    elements each group is narrow, so a parenthetical goes and the name wraps every four characters."""
    import re
    import textwrap

    if count <= 6:
        return textwrap.fill(name, 13)
    short = re.sub(r"\s*[(（][^)）]*[)）]", "", name).strip() or name
    if short.isascii():  # English names wrap at spaces, never inside a word
        return textwrap.fill(short, 10, break_long_words=False)
    return textwrap.fill(short, 4)


def _period_problem(text: str) -> str | None:
    from core.store.assessments import period_bounds

    return None if not text.strip() or period_bounds(text) else "bad"


class _Splitter(QSplitter):
    """The screen's panels side by side. Its preferred height is its minimum: it takes whatever height it is
    given, and a preferred height of the panels' full contents made the window's page (which scrolls a
    screen taller than itself, and asks a screen with a wrapped banner for its height at the width) think
    the screen needed more than 768 pixels, cutting the bottom of every panel off."""

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumSizeHint().height())


class RatingScreen(QWidget):
    """See the module doc. Built by the main window as RatingScreen(session, parent)."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ratingScreen")
        self.session = session
        self.stack = QUndoStack(self)
        self.draft = RatingDraft(self)
        self._rulebooks: dict[tuple[str, str | None], Any] = {}
        self.rulebook = None
        self.assessment = None
        self.improvement = None
        self.input = None
        self.problems: list = []
        self.previous = None          # AssessmentRecord of the previous period (store)
        self.regulator = None         # AssessmentRecord of the regulator for this period
        self.previous_regulator = None  # ... and for the previous period
        self.records: list = []
        # the record the draft is exactly as, while the undo stack is clean (opened or just saved): saving
        # then would store a duplicate, so 保存 is disabled and says which record it already is
        self.saved_id: int | None = None
        self._message_source: Callable[[], str] | None = None
        self.compare_source = None    # None = the assessment being edited; else an AssessmentRecord
        self.last_recompute_ms = 0.0
        self._chart_timer = QTimer(self)
        self._chart_timer.setSingleShot(True)
        self._chart_timer.setInterval(150)
        self._chart_timer.timeout.connect(self._update_chart)

        self._build()
        self.draft.changed.connect(self._draft_changed)
        self.stack.cleanChanged.connect(self._update_saved_state)
        self._apply_rulebook()
        self._retranslate()
        self._refresh_inputs()
        self.recompute()
        session.when_store_ready(lambda _store: self._store_ready())
        if hasattr(session, "store_changed"):
            session.store_changed.connect(self._store_ready)

    # ------------------------------------------------------------------------------- contract
    def undo_stack(self) -> QUndoStack:
        return self.stack

    def activated(self) -> None:
        self._load_store_views()

    @staticmethod
    def lang() -> str:
        return i18n.wording_lang()

    # ----------------------------------------------------------------------------------- build
    def _build(self) -> None:
        # header: rulebook, company, period, actions
        self.rulebook_label = QLabel()
        self.rulebook_combo = QComboBox()
        self.rulebook_combo.setObjectName("rulebookCombo")
        for info in {i.id: i for i in available_rulebooks()}.values():
            self.rulebook_combo.addItem(info.id, info.id)
        # Elided when the window is narrow (the popup shows the full titles); grows when there is room.
        self.rulebook_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.rulebook_combo.setMinimumContentsLength(14)
        self.rulebook_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.rulebook_combo.setMaximumWidth(350)
        self.rulebook_combo.activated.connect(self._rulebook_chosen)
        self.company_label, self.period_label = QLabel(), QLabel()
        self.company_edit = CheckedEdit(lambda t: (t.strip() or None, None))
        self.company_edit.setObjectName("companyEdit")
        self.company_edit.setMinimumWidth(140)
        self.company_edit.editingFinished.connect(lambda: self._commit_meta("company", self.company_edit))
        self.period_edit = CheckedEdit(lambda t: (t.strip() or None,
                                                  self.tr("Write the period as a year, e.g. 2025.")
                                                  if _period_problem(t) else None))
        self.period_edit.setObjectName("periodEdit")
        self.period_edit.setFixedWidth(80)
        self.period_edit.editingFinished.connect(lambda: self._commit_meta("period", self.period_edit))

        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_assessment)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self._ask_import)
        # a push button with a menu: its width makes room for the menu arrow after the text (a tool button's
        # instant-popup arrow was drawn over the text's last character)
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportButton")
        self.export_menu = QMenu(self)
        self.export_json_action = self.export_menu.addAction("")
        self.export_json_action.triggered.connect(lambda: self._ask_export("json"))
        self.export_xlsx_action = self.export_menu.addAction("")
        self.export_xlsx_action.triggered.connect(lambda: self._ask_export("xlsx"))
        self.export_button.setMenu(self.export_menu)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveButton")
        self.save_button.clicked.connect(self.save)
        self.regulator_button = QPushButton()
        self.regulator_button.clicked.connect(self._ask_regulator)
        self.unsaved_label = QLabel()
        self.unsaved_label.setObjectName("unsavedLabel")
        self.unsaved_label.setStyleSheet("color: #9a6200;")

        header = QHBoxLayout()
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

        self.message_bar = QLabel()
        self.message_bar.setObjectName("messageBar")
        self.message_bar.setWordWrap(True)
        self.message_bar.hide()

        # left: inputs
        self.inputs = QTabWidget()
        self.inputs.setObjectName("inputTabs")
        self.score_model = ScoreTreeModel(self.draft, self.edit, self.lang, self)
        self.score_model.refused.connect(self._refused)
        self.score_view = QTreeView()
        self.score_view.setObjectName("scoreView")
        self.score_view.setModel(self.score_model)
        self.score_view.setAlternatingRowColors(True)
        self.score_view.setUniformRowHeights(True)
        self.score_view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.score_delegate = ScoreDelegate(parent=self.score_view)
        self.score_delegate.previewed.connect(self._preview_score)
        self.score_delegate.invalid.connect(self._invalid_typed)
        self.score_delegate.closeEditor.connect(lambda *_: self.recompute())
        self.score_view.setItemDelegateForColumn(ScoreTreeModel.SCORE, self.score_delegate)
        h = self.score_view.header()
        h.setStretchLastSection(False)
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, ScoreTreeModel.COLUMNS - 1):
            h.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        # The tick-box column is as wide as its Chinese header; the longer English one is elided rather
        # than squeezing the dimension names to a letter (its tooltip says it in full).
        h.setSectionResizeMode(ScoreTreeModel.COLUMNS - 1, QHeaderView.ResizeMode.Fixed)
        h.resizeSection(ScoreTreeModel.COLUMNS - 1, h.fontMetrics().horizontalAdvance("按要点评分") + 16)
        self.score_hint = QLabel()
        self.score_hint.setWordWrap(True)
        self.score_hint.setStyleSheet("color: #555;")
        # The company type decides which rulebook may rate the company (life-2024: life and health insurers
        # only), so it sits above the scores for every rulebook, not on the unified-only weights page.
        self.company_type_label = QLabel()
        self.company_type_combo = QComboBox()
        self.company_type_combo.setObjectName("companyTypeCombo")
        self.company_type_combo.addItem("—", None)
        for t in COMPANY_TYPES:
            self.company_type_combo.addItem(t, t)
        self.company_type_combo.activated.connect(lambda i: self.edit(
            {("meta", "company_type"): self.company_type_combo.itemData(i)},
            self.tr("Set {name}").format(name=self.company_type_label.text())))
        ct = QHBoxLayout()
        ct.addWidget(self.company_type_label)
        ct.addWidget(self.company_type_combo, 1)
        self.facts_form = FactsForm(self.draft, self.edit, self.preview, self._refused_fact)
        self.facts_box = QGroupBox()
        fl = QVBoxLayout(self.facts_box)
        fl.setContentsMargins(4, 4, 4, 4)
        fl.addWidget(self._scrolled(self.facts_form))
        scores_top = QWidget()
        sl = QVBoxLayout(scores_top)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addLayout(ct)
        sl.addWidget(self.score_view)
        sl.addWidget(self.score_hint)
        # Every dimension row in view (the tree is as tall as its rows, _fit_scores); the facts below take
        # what is left and scroll inside their box. A splitter here gave the tree a share of the height, and
        # at 1366×768 that share hid a dimension.
        scores_page = QWidget()
        spl = QVBoxLayout(scores_page)
        spl.setContentsMargins(0, 0, 0, 0)
        spl.addWidget(scores_top)
        spl.addWidget(self.facts_box, 1)
        self.score_view.expanded.connect(lambda _i: self._fit_scores())
        self.score_view.collapsed.connect(lambda _i: self._fit_scores())

        self.flags_form = FlagsForm(self.draft, self.edit, self.lang)
        self.weights_model = FieldListModel(
            self.draft, self.edit, lambda: [self.tr("Element"), self.tr("Floor"), self.tr("Weight %")],
            lambda v: plain(v * 100) if v is not None else "",
            lambda t: (lambda r: ((r[0] / 100 if r[0] is not None else None), r[1]))(check_score(t)),
            lambda name, text: self.tr("Set the weight of {name} to {value}%").format(name=name, value=text), self)
        self.brackets_model = FieldListModel(
            self.draft, self.edit, lambda: [self.tr("Grade"), self.tr("Lower bound")],
            plain, check_score,
            lambda name, text: self.tr("Set the lower bound of {name} to {value}").format(name=name, value=text), self)
        for m in (self.weights_model, self.brackets_model):
            m.refused.connect(self._refused)
        self.weights_view, self.brackets_view = QTableView(), QTableView()
        self.weights_view.setObjectName("weightsView")
        self.brackets_view.setObjectName("bracketsView")
        for view, model in ((self.weights_view, self.weights_model), (self.brackets_view, self.brackets_model)):
            view.setModel(model)
            view.verticalHeader().hide()
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            for c in range(1, model.columnCount()):
                view.horizontalHeader().resizeSection(c, 90)
            view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
            delegate = ScoreDelegate(parent=view)
            delegate.previewed.connect(self._preview_score)
            delegate.invalid.connect(self._invalid_typed)
            delegate.closeEditor.connect(lambda *_: self.recompute())
            view.setItemDelegateForColumn(model.columnCount() - 1, delegate)
        self.weights_note = QLabel()
        self.weights_note.setWordWrap(True)
        self.weights_note.setObjectName("weightsNote")
        self.type_form = TypeSpecificForm(self.draft, self.edit, self.preview, self._invalid_typed)
        self.type_form.setObjectName("typeSpecificForm")
        self.type_box = QGroupBox()
        self.type_box.setObjectName("typeSpecificBox")
        tl = QVBoxLayout(self.type_box)
        tl.setContentsMargins(6, 4, 6, 6)
        tl.addWidget(self.type_form)
        self.weights_problems = QLabel()
        self.weights_problems.setObjectName("weightsProblems")
        self.weights_problems.setWordWrap(True)
        self.weights_problems.setStyleSheet("color: #8c1d18;")
        self.weights_problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        wb_page = QWidget()
        wl = QVBoxLayout(wb_page)
        wl.setContentsMargins(4, 6, 4, 4)
        wl.addWidget(self.weights_note)
        # every row of both tables in view, the page scrolls as a whole (no table scrolls inside the page)
        wl.addWidget(self.weights_view)
        wl.addWidget(self.type_box)
        wl.addWidget(self.weights_problems)
        wl.addWidget(self.brackets_view)
        wl.addStretch(1)

        self.inputs.addTab(scores_page, "")
        self.inputs.addTab(self._scrolled(self.flags_form), "")
        self.inputs.addTab(self._scrolled(wb_page), "")

        # middle: the result
        self.badge = LevelBadge()
        self.level_title = QLabel()
        self.level_title.setObjectName("finalLevelLabel")
        f = self.level_title.font()
        f.setPointSize(f.pointSize() + 5)
        f.setBold(True)
        self.level_title.setFont(f)
        self.level_path = QLabel()
        self.level_path.setObjectName("levelPath")
        self.score_line = QLabel()
        self.score_line.setObjectName("scoreLine")
        self.score_line.setWordWrap(True)
        self.rounding_note = QLabel()
        self.rounding_note.setObjectName("roundingNote")
        self.rounding_note.setWordWrap(True)
        self.rounding_note.setStyleSheet("color: #555;")
        # what decided the level, said where the officer looks: the boundary note (two-decimal rounding
        # would give another level) and the ESG cap cutting the entered bonus
        self.boundary_note = QLabel()
        self.boundary_note.setObjectName("boundaryNote")
        self.boundary_note.setWordWrap(True)
        self.boundary_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.boundary_note.setStyleSheet(NOTE_STYLE)
        self.esg_note = QLabel()
        self.esg_note.setObjectName("esgCapNote")
        self.esg_note.setWordWrap(True)
        self.esg_note.setStyleSheet(NOTE_STYLE)
        for w in (self.boundary_note, self.esg_note):
            w.hide()
        self.use_other_button = QPushButton()
        self.use_other_button.setObjectName("useOtherRulebookButton")
        self.use_other_button.clicked.connect(self._use_other_rulebook)
        self.use_other_button.hide()
        self.result_problems = QLabel()
        self.result_problems.setObjectName("resultProblems")
        self.result_problems.setWordWrap(True)
        self.result_problems.setStyleSheet("color: #8c1d18;")
        self.result_problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        head_text = QVBoxLayout()
        head_text.setSpacing(2)
        head_text.addWidget(self.level_title)
        head_text.addWidget(self.level_path)
        head_text.addWidget(self.score_line)
        head_text.addWidget(self.rounding_note)
        head_text.addStretch(1)
        head = QHBoxLayout()
        head.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        head.addSpacing(8)
        head.addLayout(head_text, 1)

        self.contrib_model = RowsModel(lambda: [self.tr("Dimension"), self.tr("Weight"), self.tr("Score"),
                                                self.tr("Points"), self.tr("Risk")], self)
        self.contrib_view = self._table(self.contrib_model, "contributionView", stretch=0)
        self.contrib_box = self._box(self.contrib_view)
        for view in (self.contrib_view, self.weights_view, self.brackets_view):
            self._follow_row_heights(view)
        self.measures_label = QLabel()
        self.measures_label.setObjectName("measuresLabel")
        self.measures_label.setWordWrap(True)
        self.measures_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.measures_box = self._box(self.measures_label)
        self.improve_label = QLabel()
        self.improve_label.setObjectName("improveLabel")
        self.improve_label.setWordWrap(True)
        self.improve_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.improve_box = self._box(self.improve_label)
        middle = QWidget()
        ml = QVBoxLayout(middle)
        ml.setContentsMargins(6, 0, 6, 0)
        ml.addLayout(head)
        ml.addWidget(self.boundary_note)
        ml.addWidget(self.esg_note)
        ml.addWidget(self.result_problems)
        offer = QHBoxLayout()
        offer.addWidget(self.use_other_button)
        offer.addStretch(1)
        ml.addLayout(offer)
        ml.addWidget(self.contrib_box, 0)
        ml.addWidget(self.measures_box, 0)
        ml.addWidget(self.improve_box, 0)
        ml.addStretch(1)

        # right: trace, then history tabs
        self.trace_model = RowsModel(lambda: [self.tr("Rule"), self.tr("Holds"), self.tr("Because"),
                                              self.tr("Effect"), self.tr("Source")], self)
        self.trace_view = self._table(self.trace_model, "traceView", stretch=2)
        self.trace_view.setWordWrap(True)
        th = self.trace_view.horizontalHeader()
        th.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        th.resizeSection(0, 132)
        th.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        th.setSectionResizeMode(3, QHeaderView.ResizeMode.Fixed)
        th.resizeSection(3, 92)
        th.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        self.trace_box = self._box(self.trace_view)

        self.history = QTabWidget()
        self.history.setObjectName("historyTabs")
        self.chart = ComparisonChart()
        self.chart.setObjectName("comparisonChart")
        self.chart_note = QLabel()
        self.chart_note.setObjectName("chartNote")
        self.chart_note.setWordWrap(True)
        chart_page = QWidget()
        cl = QVBoxLayout(chart_page)
        cl.setContentsMargins(4, 4, 4, 4)
        cl.addWidget(self.chart_note)
        cl.addWidget(self.chart, 1)

        self.regulator_note = QLabel()
        self.regulator_note.setObjectName("regulatorNote")
        self.regulator_note.setWordWrap(True)
        self.regulator_model = RowsModel(lambda: [self.tr("Item"), self.tr("Self-assessment"), self.tr("Regulator"),
                                                  self.tr("Difference")], self)
        self.regulator_view = self._table(self.regulator_model, "regulatorView", stretch=0)
        reg_page = QWidget()
        rl = QVBoxLayout(reg_page)
        rl.setContentsMargins(4, 4, 4, 4)
        rl.addWidget(self.regulator_note)
        rl.addWidget(self.regulator_view, 1)

        self.saved_model = RowsModel(lambda: [self.tr("Company"), self.tr("Period"), self.tr("Kind"),
                                              self.tr("Rulebook"), self.tr("Final level"), self.tr("Saved at"),
                                              self.tr("Saved by")], self)
        self.saved_view = self._table(self.saved_model, "savedView", stretch=0)
        # sized to their contents once filled (_load_store_views), then fitted into the table's width by the
        # table toolkit (ui.common.tables): seven columns do not fit a third of a 1280-pixel window
        self.saved_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.saved_view.horizontalHeader().setStretchLastSection(True)
        self.saved_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.saved_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.saved_view.doubleClicked.connect(lambda idx: self.open_record(self.saved_model.row_data[idx.row()]))
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self._open_selected)
        self.recompute_saved_button = QPushButton()
        self.recompute_saved_button.clicked.connect(self._compare_selected)
        saved_page = QWidget()
        svl = QVBoxLayout(saved_page)
        svl.setContentsMargins(4, 4, 4, 4)
        svl.addWidget(self.saved_view, 1)
        sb = QHBoxLayout()
        sb.addStretch(1)
        sb.addWidget(self.recompute_saved_button)
        sb.addWidget(self.open_button)
        svl.addLayout(sb)

        self.compare_combo = QComboBox()
        self.compare_combo.setObjectName("compareCombo")
        for info in {i.id: i for i in available_rulebooks()}.values():
            self.compare_combo.addItem(info.id, info.id)
        self.compare_combo.activated.connect(lambda _i: self.compare())
        self.compare_label = QLabel()
        self.compare_source_label = QLabel()
        self.compare_source_label.setWordWrap(True)
        self.compare_model = RowsModel(lambda: ["", self.tr("As assessed"), self.tr("Under the other rulebook")], self)
        self.compare_view = self._table(self.compare_model, "compareView", stretch=1)
        self.compare_view.setWordWrap(True)
        self.compare_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.compare_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        cmp_page = QWidget()
        cpl = QVBoxLayout(cmp_page)
        cpl.setContentsMargins(4, 4, 4, 4)
        row = QHBoxLayout()
        row.addWidget(self.compare_label)
        row.addWidget(self.compare_combo, 1)
        cpl.addLayout(row)
        self.compare_draft_button = QPushButton()
        self.compare_draft_button.clicked.connect(self._compare_draft)
        row.addWidget(self.compare_draft_button)
        cpl.addWidget(self.compare_source_label)
        cpl.addWidget(self.compare_view, 1)

        self.history.addTab(chart_page, "")
        self.history.addTab(reg_page, "")
        self.history.addTab(saved_page, "")
        self.history.addTab(cmp_page, "")
        self.history.currentChanged.connect(self._history_tab_changed)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.trace_box)
        right.addWidget(self.history)
        right.setStretchFactor(0, 5)
        right.setStretchFactor(1, 4)
        right.setChildrenCollapsible(False)
        right.setSizes([470, 370])

        self.splitter = _Splitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.inputs)
        self.splitter.addWidget(self._scrolled(middle))
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 6)
        self._sized = False
        self.splitter.setChildrenCollapsible(False)

        self.save_action = QAction(self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(self.save)
        self.addAction(self.save_action)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(header)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.splitter, 1)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._sized:   # first show: share the width as inputs 27%, result 31%, rules and history 42%
            self._sized = True
            width = max(self.splitter.width(), 900)
            self.splitter.setSizes([int(width * 0.27), int(width * 0.31), int(width * 0.42)])
            QTimer.singleShot(0, self, self._fit_score_names)   # not after the screen is gone

    def _fit_score_names(self) -> None:
        """English dimension names are longer than the Chinese ones the 27% was tuned for: widen the inputs
        towards what the names column needs, taking the width from the rules-and-history panel (the widest;
        the result in the middle has none to spare) down to 39% of the width, which its chart legend needs.
        A name still too long is elided and its tooltip gives it whole. Chinese names fit: nothing moves."""
        header = self.score_view.header()
        shortfall = self.score_view.sizeHintForColumn(ScoreTreeModel.NAME) - header.sectionSize(ScoreTreeModel.NAME)
        left, middle, right = self.splitter.sizes()
        give = min(shortfall, right - int((left + middle + right) * 0.39))
        if give > 0:
            self.splitter.setSizes([left + give, middle, right - give])

    def _fit_scores(self) -> None:
        """The scores tree as tall as its rows (dimensions, and the sub-categories of those scored by them),
        up to 16 rows; a longer list scrolls inside the tree."""
        view, model = self.score_view, self.score_model
        rows = 0
        for r in range(model.rowCount()):
            rows += 1
            top = model.index(r, 0)
            if view.isExpanded(top):
                rows += model.rowCount(top)
        shown = view.visualRect(model.index(0, 0)).height() if rows else 0   # 0 before the first layout
        row_h = (shown or max(view.sizeHintForRow(0), view.fontMetrics().height() + 6)) if rows else 0
        header = view.header()
        head_h = max(header.height(), header.sizeHint().height())
        view.setFixedHeight(head_h + min(rows, 16) * row_h + 2 * view.frameWidth() + 2)

    def _scrolled(self, widget: QWidget) -> QScrollArea:
        area = QScrollArea()
        area.setWidget(widget)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        return area

    def _box(self, widget: QWidget) -> QGroupBox:
        box = QGroupBox()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(widget)
        return box

    def _table(self, model, name: str, stretch: int) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setModel(model)
        view.verticalHeader().hide()
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        view.horizontalHeader().setHighlightSections(False)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return view

    # ------------------------------------------------------------------------------ translation
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self.facts_form.retranslate()
            self.flags_form.retranslate()
            self.type_form.retranslate()
            self._update_elements()
            self.score_model.retranslate()
            self.recompute()
            if self._message_source is not None and self.message_bar.isVisible():
                self.message_bar.setText(self._message_source())
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.rulebook_label.setText(self.tr("Rulebook"))
        for combo in (self.rulebook_combo, self.compare_combo):
            for i in range(combo.count()):
                combo.setItemText(i, self._rulebook_title(combo.itemData(i)))
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
        for i, text in enumerate((self.tr("Scores and facts"), self.tr("Tick boxes"),
                                  self.tr("Weights && brackets"))):
            self.inputs.setTabText(i, text)
        self.facts_box.setTitle(self.tr("Facts (amounts in 100 million yuan, ratios in %)"))
        self.company_type_label.setText(self.tr("Company type"))
        self.type_box.setTitle(self.tr("Type-specific element (optional)"))
        names = {"life": self.tr("life insurer"), "health": self.tr("health insurer"),
                 "pc": self.tr("property and casualty insurer"),
                 "reinsurance": self.tr("reinsurer (may leave out consumer protection)"),
                 "group": self.tr("insurance group"), "other": self.tr("other")}
        for i in range(1, self.company_type_combo.count()):
            self.company_type_combo.setItemText(i, names.get(self.company_type_combo.itemData(i),
                                                             self.company_type_combo.itemData(i)))
        self.score_hint.setText(self.tr("Type a score (0–100, at most two decimals) and press Enter; the result "
                                        "follows as you type. Tick “By sub-categories” to score a dimension "
                                        "from its sub-categories. Risk: ≥ 85 low, 60–85 medium, ≤ 60 high."))
        self.contrib_box.setTitle(self.tr("Contributions: weight × score = points"))
        self.measures_box.setTitle(self.tr("Supervisory measures for this level"))
        self.improve_box.setTitle(self.tr("What would it take to reach a better level"))
        self.trace_box.setTitle(self.tr("Adjustment rules (fired rules highlighted)"))
        for i, text in enumerate((self.tr("Compared with last period"), self.tr("Regulator's rating"),
                                  self.tr("Saved assessments"), self.tr("Other rulebook"))):
            self.history.setTabText(i, text)
        self.open_button.setText(self.tr("Open"))
        self.recompute_saved_button.setText(self.tr("Recompute under another rulebook"))
        self.compare_label.setText(self.tr("Recompute under"))
        self.compare_draft_button.setText(self.tr("Use the assessment being edited"))
        for model in (self.contrib_model, self.trace_model, self.regulator_model, self.saved_model,
                      self.compare_model):
            model.retranslate()
        self._update_saved_state()
        self._update_weights_note()

    # ------------------------------------------------------------------------------ rulebooks
    def get_rulebook(self, rulebook_id: str, version: str | None = None):
        key = (rulebook_id, version)
        if key not in self._rulebooks:
            self._rulebooks[key] = load_rulebook(rulebook_id, version)
        return self._rulebooks[key]

    def _rulebook_title(self, rulebook_id: str) -> str:
        try:
            rb = self.get_rulebook(rulebook_id)
        except InputError:
            return rulebook_id
        title = rb.title if self.lang() == "zh" else (rb.title_en or rb.title)
        return f"{rb.id} · {title}"

    def source_tag(self, tag: str) -> str:
        return {"article": self.tr("article"), "news": self.tr("press"), "judgement": self.tr("our judgement"),
                "rule": self.tr("regulation")}.get(tag, tag)

    def _apply_rulebook(self) -> None:
        rb_id, version = self.draft.rulebook_id, self.draft.get(("rulebook_version",))
        try:
            rb = self.get_rulebook(rb_id, version)
        except InputError:
            rb = self.get_rulebook(rb_id)
        if self.rulebook is rb:
            return
        self.rulebook = rb
        self.rulebook_combo.setCurrentIndex(max(0, self.rulebook_combo.findData(rb.id)))
        self.rulebook_combo.setToolTip(f"{rb.title}（{rb.issuing_doc}），{rb.version}，SHA-256 {rb.sha256[:12]}…")
        self.facts_form.set_rulebook(rb)
        self.flags_form.set_rulebook(rb)
        self.type_form.set_rulebook(rb)
        unified = rb.scheme == "unified"
        self.inputs.setTabVisible(2, unified)
        self.type_box.setVisible(unified and rb.max_type_specific > 0)
        self.brackets_model.set_items([(lvl, ("bracket", lvl)) for lvl in rb.levels] if unified else [])
        self._fit_table(self.brackets_view)
        self._elements_shown = None
        self._update_elements()
        other = next((i for i in range(self.compare_combo.count()) if self.compare_combo.itemData(i) != rb.id), 0)
        self.compare_combo.setCurrentIndex(other)

    def type_specific(self) -> list[str]:
        """Keys of the type-specific elements the officer added (unified rulebooks only)."""
        if self.rulebook is None or self.rulebook.scheme != "unified":
            return []
        return [k for k in self.draft.type_specific() if self.rulebook.dimension(k) is None]

    def _update_elements(self) -> None:
        """The rows of the scores tree and of the weights table: the rulebook's elements, then the added
        type-specific one, named as the officer named it. Rebuilt only when that list changes."""
        rb = self.rulebook
        extras = tuple((k, self._dim_name(k)) for k in self.type_specific())
        shown = (rb, extras, self.lang())
        if shown == getattr(self, "_elements_shown", None):
            return
        self._elements_shown = shown
        self.score_model.set_rulebook(rb, tuple(Dimension(k, name, name, None, "officer") for k, name in extras))
        for r, d in enumerate(rb.dimensions):
            self.score_view.setExpanded(self.score_model.index(r, 0), self.draft.mode(d.key) == "items")
        self._fit_scores()
        if rb.scheme == "unified":
            zh = self.lang() == "zh"
            cap = "≤ " + plain(rb.type_specific_max * 100) + "%" if rb.type_specific_max is not None else "—"
            self.weights_model.set_items(
                [((d.name_zh if zh else d.name_en), plain(d.floor * 100) + "%" if d.floor is not None else "—",
                  ("weight", d.key)) for d in rb.dimensions] + [(name, cap, ("weight", k)) for k, name in extras])
        else:
            self.weights_model.set_items([])
        self._fit_table(self.weights_view)

    def _type_specific_refusal(self, changes: dict) -> str | None:
        """Why core refuses the weight an edit gives a type-specific element (too heavy, a second one), or
        None. Judged by core.rating.rulebook.check_unified_weights on the weights as they would be."""
        rb = self.rulebook
        if rb is None or rb.scheme != "unified":
            return None
        touched = {p[1] for p in changes if p[0] in ("weight", "extra") and rb.dimension(p[1]) is None}
        if not touched:
            return None
        values = dict(self.draft.values)
        for p, v in changes.items():
            if v is None or v == "":
                values.pop(p, None)
            else:
                values[p] = v
        extras = type_specific_keys(values)
        touched &= set(extras)
        if not touched:
            return None          # removing the element
        weights = {d.key: values[("weight", d.key)] for d in rb.dimensions if ("weight", d.key) in values}
        weights.update({k: values.get(("weight", k), Decimal(0)) for k in extras})
        problems = check_unified_weights(weights, rb, values.get(("meta", "company_type")), None)
        own = [p for p in problems if p.code in OWN_WEIGHT_CODES and p.column in {f"weights.{k}" for k in touched}]
        if not own:
            return None
        from wording.problems import message

        p = own[0]
        key = p.column.split(".", 1)[1]
        name = values.get(("element_name", key)) or key
        return self.tr("{name}: {problem} The weight was not changed.").format(
            name=name, problem=message(self._percent(p), self.lang()))

    @staticmethod
    def _percent(problem):
        """A weight problem with its fractions written as percentages (0.16 -> 16%), as the form shows them."""
        if not (problem.column or "").startswith("weights"):
            return problem

        def pc(x):
            return plain(x * 100) + "%" if isinstance(x, Decimal) else x
        return replace(problem, value=pc(problem.value), detail={k: pc(v) for k, v in problem.detail.items()})

    def _rulebook_chosen(self, index: int) -> None:
        rb_id = self.rulebook_combo.itemData(index)
        if rb_id != self.draft.rulebook_id:
            self.edit({("rulebook",): rb_id, ("rulebook_version",): None},
                      self.tr("Use rulebook {id}").format(id=rb_id))

    # ------------------------------------------------------------------------------ editing
    def edit(self, changes: dict, text: str) -> bool:
        """One user action -> one undo command (nothing if no value changes)."""
        changes = {tuple(p): v for p, v in changes.items()}
        if all(self.draft.get(p) == (v if v != "" else None) for p, v in changes.items()):
            self.recompute()   # drop a preview of an edit that changed nothing
            return True
        refusal = self._type_specific_refusal(changes)
        if refusal:
            self.recompute()   # drop the preview of the refused value
            self._refused(refusal)
            return False
        self.stack.push(SetValues(self.draft, changes, text))
        return True

    def _commit_meta(self, key: str, editor: CheckedEdit) -> None:
        value, problem = editor.validate()
        if problem:
            self._refused(problem)
            return
        label = self.company_label.text() if key == "company" else self.period_label.text()
        self.edit({("meta", key): value}, self.tr("Set {name}").format(name=label))

    def _refused(self, text: str) -> None:
        self._message(text, error=True)

    def _refused_fact(self, text: str) -> None:
        self._invalid_typed(text)

    def _invalid_typed(self, text: str) -> None:
        """A keystroke made the text unacceptable: say why, and show the result without it."""
        self._message(text, error=True)
        self.recompute()

    def _message(self, text: str | Callable[[], str], error: bool = False) -> None:
        """Show `text` in the banner ("" hides it). A function giving the text in the current language keeps
        the banner in the language the officer switches to; a plain text (a refusal written by a model or
        by core's wording) is shown as it is."""
        self._message_source = text if callable(text) else None
        self.message_bar.setStyleSheet(ERROR_STYLE if error else INFO_STYLE)
        shown = text() if callable(text) else text
        self.message_bar.setText(shown)
        self.message_bar.setVisible(bool(shown))

    def _draft_changed(self, paths: list) -> None:
        if paths_touch(paths, ("rulebook", "rulebook_version", "*")):
            self._apply_rulebook()
        if paths_touch(paths, ("extra", "element_name", "rulebook", "rulebook_version", "*")):
            self._update_elements()
        if paths_touch(paths, ("mode", "*")):
            for r, d in enumerate(self.rulebook.dimensions):
                if ("mode", d.key) in paths or paths_touch(paths, ("*",)):
                    self.score_view.setExpanded(self.score_model.index(r, 0), self.draft.mode(d.key) == "items")
        if self.message_bar.isVisible() and self.message_bar.styleSheet() == ERROR_STYLE:
            self._message("")
        self._refresh_inputs()
        if paths_touch(paths, ("meta", "*")):
            self._load_store_views()
        self.recompute()

    def _refresh_inputs(self) -> None:
        for key, editor in (("company", self.company_edit), ("period", self.period_edit)):
            text = self.draft.get(("meta", key)) or ""
            if editor.text() != text:
                editor.setText(text)
            editor.validate()
        self.score_model.refresh()
        self.facts_form.refresh()
        self.flags_form.refresh()
        self.weights_model.refresh()
        self.brackets_model.refresh()
        self.type_form.refresh()
        ctype = self.draft.get(("meta", "company_type"))
        self.company_type_combo.setCurrentIndex(max(0, self.company_type_combo.findData(ctype)) if ctype else 0)
        self._update_weights_note()

    def _update_weights_note(self) -> None:
        if self.rulebook is None or self.rulebook.scheme != "unified":
            self.weights_note.setText("")
            return
        weights = [self.draft.get(("weight", k)) for k in [d.key for d in self.rulebook.dimensions]
                   + self.type_specific()]
        total = sum((w for w in weights if w is not None), Decimal(0))
        self.weights_note.setText(self.tr(
            "The weights and score brackets of {doc} are not public: set them here. The weights must respect "
            "each element's floor and add up to 100% (now {total}%); each grade applies from its lower bound. "
            "Without them the screen does not grade.").format(doc=self.rulebook.issuing_doc, total=plain(total * 100)))

    # ---------------------------------------------------------------------------- recompute
    def preview(self, override: dict) -> None:
        """Rate the input as it would be with an edit not yet committed (as the officer types)."""
        self.recompute(override)

    def _preview_score(self, index: QModelIndex, value) -> None:
        if not index.isValid():
            return
        model = index.model()
        if model is self.score_model:
            dim, item = self.score_model.locate(index)
            path = ("score", dim.key) if item is None else ("item", dim.key, item.id)
        elif model is self.weights_model:
            path = self.weights_model.items[index.row()][-1]
            value = value / 100 if value is not None else None
        elif model is self.brackets_model:
            path = self.brackets_model.items[index.row()][-1]
        else:
            return
        if self.message_bar.styleSheet() == ERROR_STYLE:
            self._message("")
        self.recompute({path: value})

    def rate(self, override: dict | None = None):
        """(input, assessment, improvement) of the draft, or raises InputError."""
        rated = rating_service.rate(self.draft.to_data(self.rulebook, override), self.rulebook)
        return rated.input, rated.assessment, rated.improvement

    def recompute(self, override: dict | None = None) -> None:
        start = time.perf_counter()
        self._previewing = bool(override)
        try:
            self.input, self.assessment, self.improvement = self.rate(override)
            self.problems = []
        except InputError as err:
            self.input = self.assessment = self.improvement = None
            self.problems = err.errors
        self.last_recompute_ms = (time.perf_counter() - start) * 1000
        self._show_result()
        self.last_update_ms = (time.perf_counter() - start) * 1000

    # ------------------------------------------------------------------------------ result
    def _dim_name(self, key: str) -> str:
        d = self.rulebook.dimension(key) if self.rulebook else None
        if d is None:   # a type-specific element: the officer's name for it
            return self.draft.get(("element_name", key)) or key
        return d.name_zh if self.lang() == "zh" else d.name_en

    def _field_label(self, column: str | None) -> str:
        if not column:
            return ""
        parts = column.split(".")
        lang = self.lang()
        if parts[0] in ("dimension_scores", "weights", "element_names") and len(parts) > 1:
            return self._dim_name(parts[1])
        if parts[0] == "item_scores" and len(parts) > 1:
            d = self.rulebook.dimension(parts[1])
            if len(parts) > 2 and d is not None and d.item(parts[2]) is not None:
                it = d.item(parts[2])
                return f"{self._dim_name(parts[1])} / {it.name_zh if lang == 'zh' else it.name_en}"
            return self._dim_name(parts[1])
        if parts[0] == "facts" and len(parts) > 1:
            return words.fact_name(parts[1], lang)
        if parts[0] == "flags" and len(parts) > 1:
            return parts[1]
        if parts[0] == "company_type":
            return self.company_type_label.text()
        if parts[0] == "brackets" and len(parts) > 1:
            return self.tr("grade {grade}").format(grade=parts[1])
        return {"weights": self.tr("weights"), "brackets": self.tr("brackets")}.get(column, column)

    def problem_texts(self, problems: list | None = None) -> list[str]:
        from wording.problems import message

        out = []
        problems = self.problems if problems is None else problems
        for p in problems:
            if p.code == "cannot_grade":
                missing = (p.detail.get("missing") or "").split(" and ")
                what = "、".join(filter(None, [self.tr("the element weights") if "weights" in missing else "",
                                               self.tr("the score brackets") if "brackets" in missing else ""]))
                out.append(self.tr("Cannot grade: {what} of {rulebook} are not public and have not been filled in. "
                                   "Fill them in under “Weights & brackets”; the tool does not guess them.")
                           .format(what=what or p.column, rulebook=p.detail.get("rulebook", "")))
        missing = [self._field_label(p.column) for p in problems
                   if p.code in ("missing_dimension_score", "missing_item_score")]
        if missing:
            out.append(self.tr("Scores still to enter: {names}.").format(names="、".join(missing) if self.lang() == "zh"
                                                                          else ", ".join(missing)))
        for p in problems:
            if p.code in ("missing_dimension_score", "missing_item_score", "cannot_grade"):
                continue
            # "weights: the weights sum to 95%" says it twice: the sentence names its field itself
            where = "" if p.code == "weights_sum_not_one" else self._field_label(p.column)
            text = message(self._percent(p), self.lang())
            out.append(f"{where}：{text}" if where and self.lang() == "zh" else f"{where}: {text}" if where else text)
        return out

    def weights_problem_texts(self) -> list[str]:
        """The problems of the weights, the brackets and the type-specific element, shown beside their form."""
        if self.rulebook is None or self.rulebook.scheme != "unified":
            return []
        return self.problem_texts([p for p in self.problems if p.code == "cannot_grade"
                                   or (p.column or "").split(".")[0] in WEIGHT_SECTIONS])

    def _show_weights_problems(self) -> None:
        texts = self.weights_problem_texts()
        self.weights_problems.setText("\n".join(f"• {t}" for t in texts))
        self.weights_problems.setVisible(bool(texts))

    def _show_result(self) -> None:
        a, imp, rb, lang = self.assessment, self.improvement, self.rulebook, self.lang()
        self.score_model.set_assessment(a)
        self._show_weights_problems()
        self._show_scope_offer()
        if a is None:
            self.boundary_note.hide()
            self.esg_note.hide()
            self.rounding_note.setText("")
            self.badge.set_level(None)
            cannot = any(p.code == "cannot_grade" for p in self.problems)
            self.level_title.setText(self.tr("Cannot grade") if cannot else self.tr("No result yet"))
            self.level_path.setText(self.tr("The input is incomplete or has problems:") if not cannot else "")
            self.score_line.setText("")
            texts = self.problem_texts()
            shown = texts[:8] + ([self.tr("… and {n} more").format(n=len(texts) - 8)] if len(texts) > 8 else [])
            self.result_problems.setText("\n".join(f"• {t}" for t in shown))
            self.result_problems.show()
            self.contrib_model.set_rows([])
            self.trace_model.set_rows([])
            self.measures_label.setText("—")
            self.improve_label.setText("—")
            self.facts_form.set_standard_text("")
            self._update_regulator()
            self._schedule_chart()
            return
        self.result_problems.hide()
        self.badge.set_level(a.final_level)
        self.level_title.setText(self.tr("Final level {level}").format(level=a.final_level))
        self.level_path.setText(self.tr("Base level {base} → final level {final}").format(
            base=a.base_level, final=a.final_level))
        # every score exact (80.0044, not 80.00): the exact value is what decided the band
        fs = words.fmt_score
        if a.esg_bonus_cap is not None:
            self.score_line.setText(self.tr("Composite score <b>{c}</b> (weighted {w} + ESG bonus {e})").format(
                w=fs(a.weighted_score), e=fs(a.esg_bonus_applied), c=fs(a.composite_score)))
        else:
            self.score_line.setText(self.tr("Composite score <b>{c}</b> (weighted score, no ESG bonus)").format(
                c=fs(a.composite_score)))
        self.rounding_note.setText(words.rounding_text(a.score_rounding, lang, short=True))
        self.rounding_note.setToolTip(words.rounding_text(a.score_rounding, lang))
        names = {d.key: self._dim_name(d.key) for d in tuple(rb.dimensions) + tuple(a.dimensions)}
        boundary = words.boundary_note_text(a.boundary_note, lang, names)
        self.boundary_note.setText(self.tr("Boundary note: {text}").format(text=boundary) if boundary else "")
        self.boundary_note.setVisible(bool(boundary))
        self.esg_note.setText(f"{words.esg_text(a, lang)}{'; ' if lang == 'en' else '；'}{words.esg_uncapped_text(a, lang)}"
                              if a.esg_capped else "")
        self.esg_note.setVisible(a.esg_capped)

        rows = []
        for d in a.dimensions:
            fg, bg = RISK_COLOURS[d.risk_level]
            rows.append([self._dim_name(d.key), {DISPLAY: f"{d.weight * 100:.0f}%", ALIGN: RIGHT},
                         {DISPLAY: fs(d.score), ALIGN: RIGHT},
                         {DISPLAY: fs(d.weight * d.score), ALIGN: RIGHT},
                         {DISPLAY: words.risk_level_name(d.risk_level, lang), FG: fg, BG: bg, ALIGN: CENTER}])
        bold = {FONT: "bold"}
        rows.append([{DISPLAY: self.tr("Weighted score"), **bold}, {DISPLAY: "100%", ALIGN: RIGHT}, "",
                     {DISPLAY: fs(a.weighted_score), ALIGN: RIGHT, **bold}, ""])
        if a.esg_bonus_cap is not None:
            esg_tip = words.esg_text(a, lang)
            rows.append([{DISPLAY: self.tr("ESG bonus (cap {cap})").format(cap=plain(a.esg_bonus_cap)), TIP: esg_tip},
                         "", {DISPLAY: fs(a.esg_bonus_given) if a.esg_capped else "", ALIGN: RIGHT, TIP: esg_tip},
                         {DISPLAY: f"+{fs(a.esg_bonus_applied)}", ALIGN: RIGHT, TIP: esg_tip}, ""])
        rows.append([{DISPLAY: self.tr("Composite score"), **bold}, "", "",
                     {DISPLAY: fs(a.composite_score), ALIGN: RIGHT, **bold},
                     {DISPLAY: self.tr("level {level}").format(level=a.base_level), ALIGN: CENTER, **bold}])
        shape = len(self.contrib_model.rows)
        self.contrib_model.set_rows(rows)
        if len(rows) != shape:
            self._fit_table(self.contrib_view)

        trows = []
        for t in a.trace:
            bg = FIRED_BG if t.holds else None
            because = self.because(t)
            def cell(text, extra=None, bg=bg, because=because):
                return {DISPLAY: text, BG: bg, TIP: because, **(extra or {})}
            trows.append([cell(f"{t.rule}  {words.rule_name(t.rule, lang)}", {FONT: "bold"} if t.holds else None),
                          {DISPLAY: self.tr("yes") if t.holds else self.tr("no"), BG: bg, ALIGN: CENTER,
                           FG: "#b3261e" if t.holds else "#555"},
                          cell(because), cell(words.effect_text(t, lang)), cell(self.source_tag(t.source))])
        before = self.trace_model.display_texts()
        self.trace_model.set_rows(trows, list(a.trace))
        if self.trace_model.display_texts() != before:   # row heights follow the wrapped texts
            self.trace_view.resizeRowsToContents()

        measures = words.measure_texts(a.measures, lang)
        m3 = a.rule("M3")
        lines = [f"• {m}" for m in measures]
        if m3 is not None and m3.indicator is not None:
            sol = words.solvency_text(m3.indicator, lang)
            lines.append("")
            lines.append(self.tr("Solvency (next to M3): {text}").format(text=sol))
            self.facts_form.set_standard_text(sol)
        self.measures_label.setText("\n".join(lines) or "—")
        self.improve_label.setText("\n".join(words.improvement_lines(imp, lang, names)))
        self._update_regulator()
        if self.history.currentIndex() == 3 and self.compare_source is None and not self._previewing:
            self.compare()
        self._schedule_chart()

    def _scope_refusal(self):
        return next((p for p in self.problems if p.code == "company_type_out_of_scope"), None)

    def _show_scope_offer(self) -> None:
        """Under life-2024 a P&C insurer, reinsurer or group is not rated: offer the rulebook that rates it."""
        p = self._scope_refusal()
        instead = p.detail.get("instead") if p is not None else None
        if instead:
            self.use_other_button.setText(self.tr("Rate under {rulebook} instead").format(
                rulebook=self._rulebook_title(instead)))
        self.use_other_button.setVisible(bool(instead))

    def _use_other_rulebook(self) -> None:
        p = self._scope_refusal()
        instead = p.detail.get("instead") if p is not None else None
        if instead:
            self.edit({("rulebook",): instead, ("rulebook_version",): None},
                      self.tr("Use rulebook {id}").format(id=instead))

    def because(self, trace) -> str:
        """wording.rating.because, with dimensions named as the officer knows them (not by their keys)."""
        lang = self.lang()
        parts = [words.check_text(replace(c, subject=self._dim_name(c.subject)) if c.subject else c, lang)
                 for c in trace.checks]
        if trace.indicator is not None:
            parts.append(words.solvency_text(trace.indicator, lang))
        return ("; " if lang == "en" else "；").join(parts)

    def _schedule_chart(self) -> None:
        """The chart follows committed values only: drawing it costs ~0.2 s, too much for every keystroke."""
        if not getattr(self, "_previewing", False):
            self._chart_timer.start()

    def _follow_row_heights(self, view: QTableView) -> None:
        """Keep a table that shows all its rows (_fit_table) as tall as they are: a row grows when its text
        wraps anew — another language, a narrower panel — and the table's height must grow with it, or its
        last rows (综合得分) are cut off."""
        pending = []

        def refit(*_args):
            if not pending:
                pending.append(True)
                QTimer.singleShot(0, self, lambda: (pending.clear(), self._fit_table(view)))
        view.verticalHeader().sectionResized.connect(refit)

    def _fit_table(self, view: QTableView) -> None:
        view.resizeRowsToContents()
        header = view.horizontalHeader()   # not laid out yet while its tab has never been shown
        h = max(header.height(), header.sizeHint().height()) + 2 * view.frameWidth()
        h += sum(view.rowHeight(r) for r in range(view.model().rowCount()))
        view.setFixedHeight(h + 2)

    # ------------------------------------------------------------------------------ store
    @property
    def store(self):
        return getattr(self.session, "store", None)

    def _store_ready(self) -> None:
        self.saved_id = None      # another database: the draft is none of its records
        self._update_saved_state()
        self._load_store_views()
        self._open_latest_if_untouched()

    def _open_latest_if_untouched(self) -> None:
        """On start, show the latest saved self-assessment rather than an empty form — unless the officer
        has already started typing (the store may open a moment after the screen is shown)."""
        if self.stack.count():
            return
        own = [r for r in self.records if r.kind == "self"]
        if not own:
            return
        latest = max(own, key=lambda r: (r.period or "", r.created_at or "", r.id))
        self.open_record(latest)
        self.stack.clear()  # opening on start is not an edit: nothing to undo, nothing unsaved

    def _load_store_views(self) -> None:
        store = self.store
        company = self.draft.get(("meta", "company"))
        period = self.draft.get(("meta", "period"))
        if store is None or not hasattr(store, "list_assessments"):
            self.records, self.previous, self.regulator = [], None, None
        else:
            self.records = store.list_assessments()
            self.previous = store.previous_assessment(company, period) if company and period else None
            self.regulator = store.regulator_rating_for(company, period) if company and period else None
            self.previous_regulator = (store.regulator_rating_for(company, self.previous.period)
                                       if self.previous is not None else None)
        if store is None or not hasattr(store, "list_assessments"):
            self.previous_regulator = None
        rows = []
        for r in self.records:
            kind = self.tr("self-assessment") if r.kind == "self" else self.tr("regulator")
            level = (r.result or {}).get("final_level") or "—"
            rows.append([r.company, r.period, kind, f"{r.rulebook_id or ''} {r.rulebook_version or ''}".strip(),
                         {DISPLAY: level, FG: level_colour(level), FONT: "bold", ALIGN: CENTER},
                         local_time(r.created_at), r.created_by or ""])
        self.saved_model.set_rows(rows, list(self.records))
        self.saved_view.resizeColumnsToContents()
        self._update_regulator()
        self._chart_timer.start()

    def _update_chart(self) -> None:
        a = self.assessment
        prev = result_scores(self.previous.result) if self.previous else {}
        period = self.draft.get(("meta", "period")) or self.tr("this period")
        if a is None:
            self.chart.plot([], [], None, "", "", self.tr("No result to chart yet."))
            self.chart_note.setText("")
            return
        keys = [d.key for d in a.dimensions]
        names = [chart_label(self._dim_name(k), len(keys)) for k in keys]
        current = [float(d.score) for d in a.dimensions]
        previous = [prev.get(k) for k in keys] if prev else None
        if previous and all(v is None for v in previous):
            previous = None
        prev_label = self.tr("{period} (saved)").format(period=self.previous.period) if self.previous else ""
        self.chart.plot(names, current, previous, str(period), prev_label, "",
                        bands=(self.tr("low risk ≥ 85"), self.tr("high risk ≤ 60")))
        if self.previous is None:
            self.chart_note.setText(self.tr("No saved self-assessment of an earlier period for this company."))
        else:
            pl = (self.previous.result or {}).get("final_level", "—")
            pc = result_number(self.previous.result, "composite_score")
            self.chart_note.setText(self.tr("{prev}: level {plevel}, composite {pc}  →  {cur}: level {clevel}, "
                                            "composite {cc}").format(
                prev=self.previous.period, plevel=pl, pc=words.fmt_score(Decimal(str(pc))) if pc is not None else "—", cur=period,
                clevel=a.final_level, cc=words.fmt_score(a.composite_score)))
            reg = getattr(self, "previous_regulator", None)
            if reg is not None:
                self.chart_note.setText(self.chart_note.text() + "\n" + self.tr(
                    "The regulator rated {prev} level {level} (self-assessment: level {own}).").format(
                    prev=self.previous.period, level=(reg.result or {}).get("final_level", "—"), own=pl))

    def _update_regulator(self) -> None:
        reg, a = self.regulator, self.assessment
        if reg is None:
            self.regulator_note.setText(self.tr("No regulator's rating recorded for this company and period. "
                                                "Record it with “Regulator's rating…” when it arrives."))
            self.regulator_model.set_rows([])
            return
        res = reg.result or {}
        rlevel = res.get("final_level")
        received = res.get("received") or (reg.input or {}).get("received") or ""
        rows = []
        own = a.final_level if a is not None else None
        levels = self.rulebook.all_levels
        diff = ""
        if own and rlevel in levels and own in levels:
            gap = levels.index(rlevel) - levels.index(own)
            diff = (self.tr("same") if gap == 0 else
                    self.tr("regulator {n} level(s) worse").format(n=gap) if gap > 0 else
                    self.tr("regulator {n} level(s) better").format(n=-gap))
        rows.append([{DISPLAY: self.tr("Final level"), FONT: "bold"}, {DISPLAY: own or "—", ALIGN: CENTER},
                     {DISPLAY: rlevel or "—", ALIGN: CENTER},
                     {DISPLAY: diff, FG: "#b3261e" if diff and own != rlevel else "#1e7b34"}])
        for key, score in result_scores(res).items():
            mine = next((d for d in a.dimensions if d.key == key), None) if a else None
            d = ""
            if mine is not None:
                delta = Decimal(str(score)) - mine.score
                d = "0" if delta == 0 else ("+" if delta > 0 else "-") + words.fmt_score(abs(delta))
            rows.append([self._dim_name(key), {DISPLAY: words.fmt_score(mine.score) if mine else "—", ALIGN: RIGHT},
                         {DISPLAY: words.fmt_score(Decimal(str(score))), ALIGN: RIGHT},
                         {DISPLAY: d, FG: "#b3261e" if d not in ("", "0") else "#1e7b34", ALIGN: RIGHT}])
        self.regulator_model.set_rows(rows)
        note = self.tr("Regulator's rating for {period}: level {level}, received {date}.").format(
            period=reg.period, level=rlevel or "—", date=received or "—")
        if reg.note:
            note += "\n" + reg.note
        self.regulator_note.setText(note)

    def regulator_difference(self) -> str:
        """The difference cell of the level row ('' if none recorded) — tests and the report read it."""
        if not self.regulator_model.rows:
            return ""
        return self.regulator_model.rows[0][3][DISPLAY]

    # ------------------------------------------------------------------------------ actions
    def new_assessment(self) -> None:
        self.stack.push(ReplaceAll(self.draft, {("rulebook",): self.draft.rulebook_id}, self.tr("New assessment")))

    def save(self) -> int | None:
        """Save the assessment being edited (a new record every time); returns its id, or None."""
        from core.rating.engine import assessment_record
        from ui.common.problems_dialog import show_problems

        if self.store is None or not hasattr(self.store, "save_assessment"):
            self._message(lambda: self.tr("The database is not open: the assessment cannot be saved now."),
                          error=True)
            return None
        if self.unchanged_since_saved():   # Ctrl+S with the button disabled
            saved = self.saved_id
            self._message(lambda: self.tr("Nothing changed since record {id} was saved: nothing to save.").format(
                id=saved))
            return None
        company, period = self.draft.get(("meta", "company")), self.draft.get(("meta", "period"))
        if not company or not period:
            self._message(lambda: self.tr("Name the company and the period before saving."), error=True)
            return None
        try:
            inp, a, imp = self.rate()
        except InputError as err:
            show_problems(self, err.problems)
            return None
        rb = self.rulebook
        # The store keeps exact numbers and codes only (core.rating.engine.assessment_record), as the demo
        # and the reports do; sentences are rebuilt from the codes in the reader's language.
        # on the session's store worker (the one writer), waited for: a small transaction
        new_id = self.session.write_now(_save_assessment, "self", company, period, rb.id, rb.version, rb.sha256,
                                        inp.to_json_dict(exact=True), assessment_record(a),
                                        self.session.user or None, changed="assessment")
        self.stack.setClean()
        self.saved_id = new_id
        self._update_saved_state()
        self._load_store_views()
        self._message(lambda: self.tr("Saved: {company} {period}, level {level} (record {id}).").format(
            company=company, period=period, level=a.final_level, id=new_id))
        return new_id

    def unchanged_since_saved(self) -> bool:
        """The draft is exactly a stored record: opened or saved, and not edited since (or edited and undone)."""
        return self.saved_id is not None and self.stack.isClean()

    def _update_saved_state(self, *_args) -> None:
        self.unsaved_label.setText("" if self.stack.isClean() else self.tr("● unsaved changes"))
        same = self.unchanged_since_saved()
        self.save_button.setEnabled(not same)
        self.save_button.setToolTip(self.tr("Nothing changed since record {id} was saved.").format(id=self.saved_id)
                                    if same else self.tr("Save the assessment as a new record (Ctrl+S)"))

    def open_record(self, record) -> None:
        """Load a saved self-assessment into the editor, under the rulebook version it was made with."""
        if record is None:
            return
        if record.kind != "self":
            self.history.setCurrentIndex(1)
            return
        try:
            rb = self.get_rulebook(record.rulebook_id, record.rulebook_version)
        except InputError:
            rb = self.get_rulebook(record.rulebook_id)
        try:
            inp = parse_rating_input(stored_input_data(record.input), f"#{record.id}", rb)
        except InputError as err:
            from ui.common.problems_dialog import show_problems
            show_problems(self, err.problems)
            return
        values = RatingDraft.values_from_input(inp, rb)
        values[("rulebook_version",)] = rb.version
        self.stack.push(ReplaceAll(self.draft, values, self.tr("Open {company} {period}").format(
            company=record.company, period=record.period)))
        self.stack.setClean()
        self.saved_id = record.id
        self._update_saved_state()
        moved = bool(record.rulebook_sha256 and rb.sha256 and record.rulebook_sha256 != rb.sha256)
        self._message(lambda: self.tr("Opened the assessment of {company} for {period} (record {id}).").format(
            company=record.company, period=record.period, id=record.id) + (self.tr(
                " The rulebook file has changed since it was saved (different SHA-256).") if moved else ""),
            error=moved)

    def _selected_record(self):
        rows = self.saved_view.selectionModel().selectedRows()
        return self.saved_model.row_data[rows[0].row()] if rows else None

    def _open_selected(self) -> None:
        self.open_record(self._selected_record())

    def _compare_draft(self) -> None:
        self.compare_source = None
        self.compare()

    def _history_tab_changed(self, index: int) -> None:
        if index == 3:
            self.compare()

    def _compare_selected(self) -> None:
        rec = self._selected_record()
        if rec is not None and rec.kind == "self":
            self.compare_source = rec
            self.history.setCurrentIndex(3)
            self.compare()

    def compare(self, other_id: str | None = None) -> None:
        """Rate the compare source (a saved record, else the editor) under another rulebook, side by side."""
        if other_id is not None:
            self.compare_combo.setCurrentIndex(max(0, self.compare_combo.findData(other_id)))
        other_id = self.compare_combo.currentData()
        src = self.compare_source
        if src is not None:
            data, base_result = stored_input_data(src.input), src.result or {}
            label = self.tr("Saved record {id}: {company} {period}, {rulebook} {version}").format(
                id=src.id, company=src.company, period=src.period, rulebook=src.rulebook_id, version=src.rulebook_version)
            base = {"rulebook": f"{src.rulebook_id} {src.rulebook_version}",
                    "composite": result_number(base_result, "composite_score"), "base": base_result.get("base_level"),
                    "final": base_result.get("final_level"), "fired": base_result.get("fired", []),
                    "measures": base_result.get("measure_codes") or base_result.get("measures") or []}
        else:
            rb = self.rulebook
            # everything the officer typed that the other rulebook uses (its own element scores, weights)
            data = self.draft.to_data(self.get_rulebook(other_id))
            label = self.tr("The assessment being edited")
            a = self.assessment
            base = {"rulebook": f"{rb.id} {rb.version}",
                    "composite": float(a.composite_score) if a else None, "base": a.base_level if a else None,
                    "final": a.final_level if a else None, "fired": list(a.fired) if a else [],
                    "measures": list(a.measures) if a else []}
        other_rb = self.get_rulebook(other_id)
        # the officer's weights and brackets, kept in the editor whichever rulebook is shown
        kept = {kind: {p[1]: v for p, v in self.draft.values.items() if p[0] == kind} for kind in ("weight", "bracket")}
        other, problems = None, []
        try:
            # core.services.rating fits the input to the other rulebook and rates it
            oa = compare_under(data, other_rb, weights=kept["weight"], brackets=kept["bracket"]).assessment
            other = {"rulebook": f"{other_rb.id} {other_rb.version}", "composite": float(oa.composite_score),
                     "base": oa.base_level, "final": oa.final_level, "fired": list(oa.fired),
                     "measures": list(oa.measures)}
        except InputError as err:
            saved_rb, saved_problems = self.rulebook, self.problems
            self.rulebook, self.problems = other_rb, err.errors
            problems = self.problem_texts()
            self.rulebook, self.problems = saved_rb, saved_problems
        self.compare_source_label.setText(label)
        lang = self.lang()

        def fmt(side, key):
            if side is None:
                return "\n".join(problems) if key == "final" else "—"
            v = side.get(key)
            if key == "composite":
                return words.fmt_score(Decimal(str(v))) if v is not None else "—"
            if key == "fired":
                return "、".join(v) if v else self.tr("none")
            if key == "measures":
                return "\n".join(words.measure_texts(v, lang)) or "—"
            return str(v) if v is not None else "—"

        rows = []
        for key, title in (("rulebook", self.tr("Rulebook")), ("composite", self.tr("Composite score")),
                           ("base", self.tr("Base level")), ("final", self.tr("Final level")),
                           ("fired", self.tr("Rules that fired")), ("measures", self.tr("Measures"))):
            differs = other is not None and key in ("final", "base") and base.get(key) != other.get(key)
            style = {FG: "#b3261e", FONT: "bold"} if differs else {}
            rows.append([{DISPLAY: title, FONT: "bold"}, {DISPLAY: fmt(base, key), **style},
                         {DISPLAY: fmt(other, key), **style}])
        self.compare_model.set_rows(rows)
        self.compare_view.resizeRowsToContents()
        self.compared = (base, other, problems)

    # -- regulator ----------------------------------------------------------------------------
    def _ask_regulator(self) -> None:
        from ui.rating.dialogs import RegulatorDialog

        company, period = self.draft.get(("meta", "company")), self.draft.get(("meta", "period"))
        if not company or not period:
            self._message(lambda: self.tr("Name the company and the period first."), error=True)
            return
        dialog = RegulatorDialog(self.rulebook, company, period, self.lang(), self)
        dialog.accepted.connect(lambda: self.record_regulator(**dialog.values()))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def record_regulator(self, final_level: str, received: str, note: str | None = None,
                         dimension_scores: dict | None = None) -> int | None:
        if self.store is None:
            self._message(lambda: self.tr("The database is not open: the assessment cannot be saved now."),
                          error=True)
            return None
        company, period = self.draft.get(("meta", "company")), self.draft.get(("meta", "period"))
        rb = self.rulebook
        result = {"final_level": final_level, "received": received, "rulebook": rb.id}
        if dimension_scores:
            result["dimension_scores"] = dimension_scores
        new_id = self.session.write_now(_save_assessment, "regulator", company, period, rb.id, rb.version,
                                        rb.sha256, {"received": received, **({"dimension_scores": dimension_scores}
                                                                              if dimension_scores else {})},
                                        result, self.session.user or None, note, changed="assessment")
        self._load_store_views()
        self.history.setCurrentIndex(1)
        return new_id

    # -- files ----------------------------------------------------------------------------------
    def _ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a rating input"), "",
                                              self.tr("Rating inputs (*.json *.xlsx)"))
        if path:
            self.import_file(path)

    def import_file(self, path):
        """Read a JSON or XLSX input in a worker; problems go to the problems dialog (never a traceback)."""
        from ui.common.ops import run_op

        return run_op(self, read_rating_file, Path(path), on_done=lambda inp: self._imported(inp, path),
                      progress_label=self.tr("Reading {file}…").format(file=Path(path).name))

    def _imported(self, inp, path) -> None:
        values = RatingDraft.values_from_input(inp)
        values[("rulebook_version",)] = inp.rulebook_version
        self.stack.push(ReplaceAll(self.draft, values, self.tr("Import {file}").format(file=Path(path).name)))
        self._message(lambda: self.tr("Imported {file}.").format(file=Path(path).name))

    def _ask_export(self, kind: str) -> None:
        name = "-".join(filter(None, [self.draft.get(("meta", "company")), self.draft.get(("meta", "period"))])) or "rating"
        if kind == "json":
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export as JSON"), f"{name}.json",
                                                  self.tr("JSON (*.json)"))
        else:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export as XLSX template"), f"{name}.xlsx",
                                                  self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.export_file(path, kind)

    def export_file(self, path, kind: str):
        from ui.common.ops import run_op
        from ui.common.problems_dialog import show_problems

        rb = self.rulebook
        try:
            inp = parse_rating_input(self.draft.to_data(rb), "", rb)
        except InputError as err:
            if kind == "xlsx":   # an incomplete assessment still makes a template to fill in
                inp = None
            else:
                show_problems(self, err.problems)
                return None
        path = Path(path)

        def write():
            if kind == "json":
                path.write_text(json.dumps(inp.to_json_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            else:
                write_rating_template(path, rb, inp)
            return path

        return run_op(self, write,
                      on_done=lambda p: self._message(lambda: self.tr("Exported {file}.").format(file=p.name)),
                      progress_label=self.tr("Writing {file}…").format(file=path.name))
