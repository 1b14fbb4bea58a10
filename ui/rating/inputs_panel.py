"""The rating screen's inputs, on the left: three tabs.

- Scores and facts: the company type, the scores tree (a dimension's score, or its sub-categories' when it
  is scored by them) as tall as its rows, and the facts form below it, which scrolls in its box.
- Tick boxes: the flags the adjustment rules read.
- Weights & brackets (unified rulebooks only): the element weights with their floors, the type-specific
  element, and the score brackets; the page scrolls as a whole.

Every edit goes through the screen (`screen.edit`: one undo command); typing previews through
`screen.preview_path` / `screen.preview` before the edit is committed.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from core.rating.rulebook import COMPANY_TYPES, Dimension
from ui.rating.draft import check_score, plain
from ui.rating.layout import fit_table, follow_row_heights, scrolled
from ui.rating.models import FieldListModel, ScoreTreeModel
from ui.rating.widgets import FactsForm, FlagsForm, ScoreDelegate, TypeSpecificForm

MAX_TREE_ROWS = 16      # a longer scores tree (many sub-categories open) scrolls inside itself


class InputsPanel(QTabWidget):
    """See the module doc. `screen` is the RatingScreen: its draft, edits, previews and refusals."""

    def __init__(self, screen, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("inputTabs")
        self.screen = screen
        draft, edit = screen.draft, screen.edit
        self._elements_shown = None
        self.score_model = ScoreTreeModel(draft, edit, screen.lang, self)
        self.score_model.refused.connect(screen.refused)
        self.score_view = QTreeView()
        self.score_view.setObjectName("scoreView")
        self.score_view.setModel(self.score_model)
        self.score_view.setAlternatingRowColors(True)
        self.score_view.setUniformRowHeights(True)
        self.score_view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.score_delegate = self._delegate(self.score_view)
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
        self.company_type_combo.activated.connect(lambda i: edit(
            {("meta", "company_type"): self.company_type_combo.itemData(i)},
            self.tr("Set {name}").format(name=self.company_type_label.text())))
        ct = QHBoxLayout()
        ct.addWidget(self.company_type_label)
        ct.addWidget(self.company_type_combo, 1)
        self.facts_form = FactsForm(draft, edit, screen.preview, screen.invalid_typed)
        self.facts_box = QGroupBox()
        fl = QVBoxLayout(self.facts_box)
        fl.setContentsMargins(4, 4, 4, 4)
        fl.addWidget(scrolled(self.facts_form))
        scores_top = QWidget()
        sl = QVBoxLayout(scores_top)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addLayout(ct)
        sl.addWidget(self.score_view)
        sl.addWidget(self.score_hint)
        # Every dimension row in view (the tree is as tall as its rows, fit_scores); the facts below take
        # what is left and scroll inside their box. A splitter here gave the tree a share of the height, and
        # at 1366×768 that share hid a dimension.
        scores_page = QWidget()
        spl = QVBoxLayout(scores_page)
        spl.setContentsMargins(0, 0, 0, 0)
        spl.addWidget(scores_top)
        spl.addWidget(self.facts_box, 1)
        self.score_view.expanded.connect(lambda _i: self.fit_scores())
        self.score_view.collapsed.connect(lambda _i: self.fit_scores())

        self.flags_form = FlagsForm(draft, edit, screen.lang)
        self.weights_model = FieldListModel(
            draft, edit, lambda: [self.tr("Element"), self.tr("Floor"), self.tr("Weight %")],
            lambda v: plain(v * 100) if v is not None else "",
            lambda t: (lambda r: ((r[0] / 100 if r[0] is not None else None), r[1]))(check_score(t)),
            lambda name, text: self.tr("Set the weight of {name} to {value}%").format(name=name, value=text), self)
        self.brackets_model = FieldListModel(
            draft, edit, lambda: [self.tr("Grade"), self.tr("Lower bound")],
            plain, check_score,
            lambda name, text: self.tr("Set the lower bound of {name} to {value}").format(name=name, value=text), self)
        for m in (self.weights_model, self.brackets_model):
            m.refused.connect(screen.refused)
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
            view.setItemDelegateForColumn(model.columnCount() - 1, self._delegate(view))
            follow_row_heights(view, self)
        self.weights_note = QLabel()
        self.weights_note.setWordWrap(True)
        self.weights_note.setObjectName("weightsNote")
        self.type_form = TypeSpecificForm(draft, edit, screen.preview, screen.invalid_typed)
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

        self.addTab(scores_page, "")
        self.addTab(scrolled(self.flags_form), "")
        self.addTab(scrolled(wb_page), "")

    def _delegate(self, view) -> ScoreDelegate:
        """The validating editor of a score, weight or bound: previews as the officer types, says why a text
        is refused, and rates again (without the preview) when the editor closes."""
        delegate = ScoreDelegate(parent=view)
        delegate.previewed.connect(self.preview_cell)
        delegate.invalid.connect(self.screen.invalid_typed)
        delegate.closeEditor.connect(lambda *_: self.screen.recompute())
        return delegate

    # ------------------------------------------------------------------------------ translation
    def retranslate(self) -> None:
        for i, text in enumerate((self.tr("Scores and facts"), self.tr("Tick boxes"),
                                  self.tr("Weights && brackets"))):
            self.setTabText(i, text)
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

    def retranslate_forms(self) -> None:
        self.facts_form.retranslate()
        self.flags_form.retranslate()
        self.type_form.retranslate()
        self.score_model.retranslate()

    # ------------------------------------------------------------------------------ rulebook and rows
    def set_rulebook(self, rb) -> None:
        self.facts_form.set_rulebook(rb)
        self.flags_form.set_rulebook(rb)
        self.type_form.set_rulebook(rb)
        unified = rb.scheme == "unified"
        self.setTabVisible(2, unified)
        self.type_box.setVisible(unified and rb.max_type_specific > 0)
        self.brackets_model.set_items([(lvl, ("bracket", lvl)) for lvl in rb.levels] if unified else [])
        fit_table(self.brackets_view)
        self._elements_shown = None

    def update_elements(self, rb, extras: tuple, lang: str) -> None:
        """The rows of the scores tree and of the weights table: the rulebook's elements, then the added
        type-specific one (`extras`: (key, name) pairs), named as the officer named it. Rebuilt only when
        that list changes."""
        shown = (rb, extras, lang)
        if shown == self._elements_shown:
            return
        self._elements_shown = shown
        self.score_model.set_rulebook(rb, tuple(Dimension(k, name, name, None, "officer") for k, name in extras))
        self.expand_by_mode(rb)
        if rb.scheme == "unified":
            zh = lang == "zh"
            cap = "≤ " + plain(rb.type_specific_max * 100) + "%" if rb.type_specific_max is not None else "—"
            self.weights_model.set_items(
                [((d.name_zh if zh else d.name_en), plain(d.floor * 100) + "%" if d.floor is not None else "—",
                  ("weight", d.key)) for d in rb.dimensions] + [(name, cap, ("weight", k)) for k, name in extras])
        else:
            self.weights_model.set_items([])
        fit_table(self.weights_view)

    def expand_by_mode(self, rb, keys=None) -> None:
        """Open the dimensions scored by their sub-categories (all, or those in `keys`)."""
        draft = self.screen.draft
        for r, d in enumerate(rb.dimensions):
            if keys is None or d.key in keys:
                self.score_view.setExpanded(self.score_model.index(r, 0), draft.mode(d.key) == "items")
        self.fit_scores()

    def fit_scores(self) -> None:
        """The scores tree as tall as its rows (dimensions, and the sub-categories of those scored by them),
        up to MAX_TREE_ROWS rows; a longer list scrolls inside the tree."""
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
        view.setFixedHeight(head_h + min(rows, MAX_TREE_ROWS) * row_h + 2 * view.frameWidth() + 2)

    def refresh(self) -> None:
        """Every input shows the draft's values."""
        self.score_model.refresh()
        self.facts_form.refresh()
        self.flags_form.refresh()
        self.weights_model.refresh()
        self.brackets_model.refresh()
        self.type_form.refresh()
        ctype = self.screen.draft.get(("meta", "company_type"))
        self.company_type_combo.setCurrentIndex(max(0, self.company_type_combo.findData(ctype)) if ctype else 0)

    def show_weights_note(self, rb, total) -> None:
        """What the weights page is for, with the weights' total now (`total` a fraction; None: not unified)."""
        if rb is None or rb.scheme != "unified":
            self.weights_note.setText("")
            return
        self.weights_note.setText(self.tr(
            "The weights and score brackets of {doc} are not public: set them here. The weights must respect "
            "each element's floor and add up to 100% (now {total}%); each grade applies from its lower bound. "
            "Without them the screen does not grade.").format(doc=rb.issuing_doc, total=plain(total * 100)))

    def show_weights_problems(self, texts: list[str]) -> None:
        self.weights_problems.setText("\n".join(f"• {t}" for t in texts))
        self.weights_problems.setVisible(bool(texts))

    # ------------------------------------------------------------------------------ typing
    def preview_cell(self, index: QModelIndex, value) -> None:
        """A score, weight or bound being typed: rate as if it were committed."""
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
        self.screen.preview_path(path, value)
