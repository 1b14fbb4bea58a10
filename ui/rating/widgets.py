"""Widgets of the rating screen: validated editors, the level badge, the facts and flags forms, the chart."""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from core.rating.rulebook import IRR_ORDER
from ui.common.labels import ElidedCheckBox
from ui.rating.draft import AMOUNT_FACTS, PERCENT_FACTS, check_fact, check_score, fact_display, plain
from ui.rating.models import level_colour

INVALID_STYLE = "QLineEdit { background: #fde4e1; border: 1px solid #b3261e; }"


class CheckedEdit(QLineEdit):
    """A line edit that checks its text as the officer types: red with the reason as tooltip when wrong.

    `check(text) -> (value, problem)`; `previewed(value)` on every acceptable keystroke.
    """

    previewed = Signal(object)
    invalid = Signal(str)

    def __init__(self, check: Callable[[str], tuple[Any, str | None]], parent: QWidget | None = None):
        super().__init__(parent)
        self._check = check
        self._hint = ""
        self.problem: str | None = None
        self.textEdited.connect(self._on_edited)

    def set_hint(self, hint: str) -> None:
        self._hint = hint
        if self.problem is None:
            self.setToolTip(hint)

    def validate(self) -> tuple[Any, str | None]:
        value, problem = self._check(self.text())
        self.problem = problem
        self.setStyleSheet(INVALID_STYLE if problem else "")
        self.setToolTip(problem or self._hint)
        return value, problem

    def _on_edited(self, _text: str) -> None:
        value, problem = self.validate()
        if problem:
            self.invalid.emit(problem)
        else:
            self.previewed.emit(value)


class ScoreDelegate(QStyledItemDelegate):
    """Editors for score cells: a CheckedEdit (0-100, two decimals) that previews the result as you type."""

    previewed = Signal(QModelIndex, object)
    invalid = Signal(str)

    def __init__(self, check: Callable[[str], tuple[Any, str | None]] = check_score, parent=None):
        super().__init__(parent)
        self._check = check

    def createEditor(self, parent, option, index):
        editor = CheckedEdit(self._check, parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setObjectName("scoreEditor")
        persistent = index
        editor.previewed.connect(lambda value, i=persistent: self.previewed.emit(i, value))
        editor.invalid.connect(self.invalid)
        return editor

    def setEditorData(self, editor, index):
        # The view calls this again whenever the model changes — and a preview changes it on every
        # keystroke: never overwrite what the officer is typing.
        if editor.isModified():
            return
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        editor.selectAll()

    def setModelData(self, editor, model, index):
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class LevelBadge(QLabel):
    """The final level, large, on its colour."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("levelBadge")
        self.setFixedSize(112, 112)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont(self.font())
        font.setPointSize(40)
        font.setBold(True)
        self.setFont(font)
        self.level: str | None = "?"     # differs from every level, so the first set_level paints
        self.set_level(None)

    def set_level(self, level: str | None) -> None:
        if self.level == level:
            return
        self.level = level
        self.setText(level or "?")
        colour = level_colour(level)
        size = 40 if level is None or len(level) == 1 else 32
        font = self.font()
        font.setPointSize(size)
        self.setFont(font)
        self.setStyleSheet(f"QLabel#levelBadge {{ background: {colour}; color: white; border-radius: 14px; }}")


class FactsForm(QWidget):
    """The facts of docs/interfaces.md in the units an officer uses: amounts in 亿元, ratios in %."""

    def __init__(self, draft, edit: Callable[[dict, str], bool], preview: Callable[[dict], None],
                 refused: Callable[[str], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.draft, self._edit, self._preview, self._refused = draft, edit, preview, refused
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # A label longer than the panel allows (English) puts its field on the next line instead of
        # squeezing every field to a sliver; the Chinese labels fit beside their fields.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.form.setVerticalSpacing(3)
        self.form.setContentsMargins(4, 2, 4, 2)
        self.edits: dict[str, CheckedEdit] = {}
        self.labels: dict[str, QLabel] = {}
        self.units: dict[str, QLabel] = {}
        keys = ("esg_bonus", "net_assets", "scale_premium", "scale_premium_growth", "industry_premium_growth",
                "years_in_operation", "max_single_related_party_investment", "core_solvency_ratio",
                "comprehensive_solvency_ratio")
        for key in keys:
            check = (lambda t: check_score(t, Decimal(0), Decimal(100))) if key == "esg_bonus" else \
                (lambda t, k=key: check_fact(k, t))
            edit_ = CheckedEdit(check)
            edit_.setObjectName(f"fact_{key}")
            edit_.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            edit_.previewed.connect(lambda value, k=key: self._preview({self.path(k): value}))
            edit_.invalid.connect(self._refused)
            edit_.editingFinished.connect(lambda k=key: self._commit(k))
            unit = QLabel()
            unit.setMinimumWidth(36)
            row = QHBoxLayout()
            row.addWidget(edit_, 1)
            row.addWidget(unit)
            label = QLabel()
            self.form.addRow(label, row)
            self.edits[key], self.labels[key], self.units[key] = edit_, label, unit
        self.irr = QComboBox()
        self.irr.setObjectName("fact_irr_class")
        self.irr.addItem("—", None)
        for c in IRR_ORDER:
            self.irr.addItem(c, c)
        self.irr.activated.connect(self._irr_chosen)
        self.irr_label = QLabel()
        self.form.addRow(self.irr_label, self.irr)
        self.standard = QLabel()
        self.standard.setWordWrap(True)
        self.standard.setStyleSheet("color: #555;")
        self.form.addRow(self.standard)  # the whole width: a sentence, not a field
        self.retranslate()

    @staticmethod
    def path(key: str) -> tuple:
        return ("meta", "esg_bonus") if key == "esg_bonus" else ("fact", key)

    def retranslate(self) -> None:
        names = {
            "esg_bonus": self.tr("ESG bonus"), "net_assets": self.tr("Net assets"),
            "scale_premium": self.tr("Scale premium"), "scale_premium_growth": self.tr("Scale premium growth"),
            "industry_premium_growth": self.tr("Industry premium growth"),
            "years_in_operation": self.tr("Years in operation"),
            "max_single_related_party_investment": self.tr("Largest investment in one related party"),
            "core_solvency_ratio": self.tr("Core solvency ratio"),
            "comprehensive_solvency_ratio": self.tr("Comprehensive solvency ratio"),
        }
        for key, label in self.labels.items():
            label.setText(names[key])
            unit = (self.tr("100 m yuan") if key in AMOUNT_FACTS else "%" if key in PERCENT_FACTS
                    else self.tr("years") if key == "years_in_operation" else self.tr("points"))
            self.units[key].setText(unit)
            # at least 36 so the short units line up, but never less than the text: "100 m yuan" was cut
            self.units[key].setMinimumWidth(max(36, self.units[key].sizeHint().width()))
            hint = (self.tr("In 100 million yuan (亿元), e.g. 56 for 5.6 billion yuan.") if key in AMOUNT_FACTS
                    else self.tr("In percent, e.g. 11 for 11%.") if key in PERCENT_FACTS
                    else self.tr("Whole years; three or more applies U3's comparison with the industry.")
                    if key == "years_in_operation" else self.tr("Bonus points for green and inclusive insurance."))
            self.edits[key].set_hint(hint)
            self.edits[key].setPlaceholderText(self.tr("not given"))
        self.irr_label.setText(self.tr("IRR class (C-ROSS)"))

    def set_rulebook(self, rulebook) -> None:
        has_esg = rulebook.esg_bonus_cap is not None
        self.form.setRowVisible(0, has_esg)
        if has_esg:
            self.edits["esg_bonus"].set_hint(self.tr("Bonus points for green and inclusive insurance, at most {cap}.")
                                             .format(cap=plain(rulebook.esg_bonus_cap)))

    def set_standard_text(self, text: str) -> None:
        self.standard.setText(text)

    def refresh(self) -> None:
        for key, e in self.edits.items():
            if e.hasFocus() and e.problem:
                continue
            value = self.draft.get(self.path(key))
            text = plain(value) if key == "esg_bonus" else fact_display(key, value)
            if e.text() != text:
                e.setText(text)
            e.validate()
        irr = self.draft.get(("fact", "irr_class"))
        self.irr.setCurrentIndex(max(0, self.irr.findData(irr)) if irr else 0)

    def _commit(self, key: str) -> None:
        e = self.edits[key]
        value, problem = e.validate()
        if problem:
            self._refused(self.tr("{name}: {problem} The value was not changed.").format(
                name=self.labels[key].text(), problem=problem))
            return
        self._edit({self.path(key): value}, self.tr("Set {name}").format(name=self.labels[key].text()))

    def _irr_chosen(self, index: int) -> None:
        self._edit({("fact", "irr_class"): self.irr.itemData(index)},
                   self.tr("Set {name}").format(name=self.irr_label.text()))


class FlagsForm(QWidget):
    """The tick boxes (U3, U5, M1-M7, S), each with the officer's basis in free text."""

    def __init__(self, draft, edit: Callable[[dict, str], bool], lang: Callable[[], str],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.draft, self._edit, self._lang = draft, edit, lang
        self.grid = QGridLayout(self)
        self.grid.setColumnStretch(0, 1)
        self.grid.setVerticalSpacing(2)
        self.boxes: dict[str, QCheckBox] = {}
        self.bases: dict[str, QLineEdit] = {}
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet("color: #555;")
        self.retranslate()

    def retranslate(self) -> None:
        self.intro.setText(self.tr("A tick fires its rule whatever the scores and facts say; it never stops a rule "
                                   "that the scores or facts fire. Write the basis for every tick."))
        for rule_id, box in self.boxes.items():
            self._label(rule_id, box)
            self.bases[rule_id].setPlaceholderText(self.tr("Basis (document, finding, date)"))

    def _label(self, rule_id: str, box: QCheckBox) -> None:
        from wording.rating import rule_name
        box.setText(f"{rule_id}  {rule_name(rule_id, self._lang())}")

    def set_rulebook(self, rulebook) -> None:
        while self.grid.count():
            w = self.grid.takeAt(0).widget()
            if w is not None and w is not self.intro:
                w.deleteLater()
        self.boxes.clear()
        self.bases.clear()
        self.grid.addWidget(self.intro, 0, 0)
        for n, rule_id in enumerate(rulebook.flag_rules, start=1):
            box = ElidedCheckBox()
            box.setObjectName(f"flag_{rule_id}")
            box.clicked.connect(lambda checked, r=rule_id: self._edit(
                {("flag", r): bool(checked)},
                (self.tr("Tick {rule}") if checked else self.tr("Untick {rule}")).format(rule=r)))
            basis = QLineEdit()
            basis.setObjectName(f"basis_{rule_id}")
            basis.editingFinished.connect(lambda r=rule_id: self._commit_basis(r))
            holder = QWidget()                      # the basis sits under the tick box's text
            hl = QHBoxLayout(holder)
            hl.setContentsMargins(22, 0, 0, 8)
            hl.addWidget(basis)
            self.grid.addWidget(box, 2 * n - 1, 0)
            self.grid.addWidget(holder, 2 * n, 0)
            self.boxes[rule_id], self.bases[rule_id] = box, basis
            self._label(rule_id, box)
        self.grid.setRowStretch(2 * len(rulebook.flag_rules) + 1, 1)
        self.retranslate()

    def refresh(self) -> None:
        for rule_id, box in self.boxes.items():
            box.setChecked(bool(self.draft.get(("flag", rule_id), False)))
            text = self.draft.get(("basis", rule_id)) or ""
            if self.bases[rule_id].text() != text:
                self.bases[rule_id].setText(text)

    def _commit_basis(self, rule_id: str) -> None:
        text = self.bases[rule_id].text().strip()
        self._edit({("basis", rule_id): text or None}, self.tr("Basis of {rule}").format(rule=rule_id))


class ComparisonChart(QWidget):
    """Dimension scores of this assessment against the previous period's (grouped bars).

    Building a matplotlib axes costs a few hundred milliseconds; while the dimensions and the series stay
    the same (the officer is typing scores) only the bar heights and their labels change.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        from ui.common.charts import ChartWidget

        self.chart = ChartWidget(self, figsize=(5.4, 2.6), dpi=100)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chart)
        self.series: dict = {}
        self._key = None
        self._bars: list = []      # [(rectangles, annotations)] per series, previous first
        self.rebuilds = 0

    def plot(self, names: list[str], current: list[float | None], previous: list[float | None] | None,
             current_label: str, previous_label: str, empty_text: str,
             bands: tuple[str, str] | None = None) -> None:
        self.series = {"names": names, "current": current, "previous": previous}
        key = (tuple(names), previous is not None, current_label, previous_label, bands, empty_text if not names else "")
        values = ([previous] if previous else []) + [current]
        if key == self._key and names:
            for (rects, notes), series in zip(self._bars, values):
                for rect, note, v in zip(rects, notes, series):
                    h = v if v is not None else 0
                    rect.set_height(h)
                    note.xy = (rect.get_x() + rect.get_width() / 2, h)
                    note.set_text(f"{v:.1f}" if v else "")
            self.chart.draw()
            return
        self._key = key
        self.rebuilds += 1
        fig = self.chart.figure
        fig.clear()
        # laid out at every draw (matplotlib's constrained layout): the wrapped names under the axis and the
        # legend above keep their room whatever the widget's size — fixed fractions cut the names off at
        # 1366×768, where the chart is 200 pixels high
        fig.set_layout_engine("constrained")
        ax = fig.add_subplot()
        self._bars = []
        if not names:
            ax.axis("off")
            ax.text(0.5, 0.5, empty_text, ha="center", va="center", fontsize=10, color="#666")
            self.chart.draw()
            return
        n = len(values)
        width = 0.38 if n == 2 else 0.6
        styles = [(previous_label, "#b8c4d6", "#555"), (current_label, "#2f6db5", "#111")][-n:]
        for k, (series, (label, colour, text_colour)) in enumerate(zip(values, styles)):
            offset = (k - (n - 1) / 2) * width
            xs = [i + offset for i in range(len(names))]
            heights = [v if v is not None else 0 for v in series]
            rects = ax.bar(xs, heights, width, label=label, color=colour)
            notes = [ax.annotate(f"{v:.1f}" if v else "", xy=(x, h), xytext=(0, 1), textcoords="offset points",
                                 ha="center", va="bottom", fontsize=7, color=text_colour,
                                 # on a white ground: the 85 line no longer strikes through 82.0 / 83.0
                                 bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none"}, zorder=5)
                     for x, h, v in zip(xs, heights, series)]
            self._bars.append((list(rects), notes))
        ax.axhline(85, color="#1e7b34", lw=0.8, ls="--", label=bands[0] if bands else None)
        ax.axhline(60, color="#b3261e", lw=0.8, ls="--", label=bands[1] if bands else None)
        # English names are wider than Chinese ones of the same meaning: a smaller size keeps six of them
        # apart at 1280×800
        ax.set_xticks(range(len(names)), names, fontsize=7 if all(n.isascii() for n in names) else 8)
        ax.set_ylim(0, 118)
        ax.set_yticks([0, 20, 40, 60, 80, 100])
        ax.tick_params(axis="y", labelsize=8)
        ax.spines[["top", "right"]].set_visible(False)
        # two columns: four entries in one row were wider than the chart at 1280×800 (the "2025" was cut)
        ax.legend(fontsize=8, loc="lower center", ncols=2, frameon=False, bbox_to_anchor=(0.5, 1.0))
        self.chart.draw()


class TypeSpecificForm(QWidget):
    """The optional type-specific element of the unified method (rating.md: one element of at most
    `type_specific_max`): its name, weight and score, added and removed as one undoable action each.

    Before it is added, the three fields compose it and every keystroke previews the result with it (so
    the core validation speaks before the officer commits); once added they edit it, one command per
    field, like every other editor of the screen. Whether a weight is acceptable is decided by core
    (through the screen's `edit`), not here: this form only checks that a text is a number or a name.
    """

    def __init__(self, draft, edit: Callable[[dict, str], bool], preview: Callable[[dict], None],
                 refused: Callable[[str], None], parent: QWidget | None = None):
        super().__init__(parent)
        from core.rating.inputs import ELEMENT_NAME_MAX

        self.draft, self._edit, self._preview, self._refused = draft, edit, preview, refused
        self._name_max = ELEMENT_NAME_MAX
        self._shown: str | None = None
        self.rulebook = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet("color: #555;")
        self.name_label, self.weight_label, self.score_label = QLabel(), QLabel(), QLabel()
        self.name_edit = CheckedEdit(self.check_name)
        self.name_edit.setObjectName("typeSpecificName")
        self.weight_edit = CheckedEdit(self.check_weight)
        self.weight_edit.setObjectName("typeSpecificWeight")
        self.score_edit = CheckedEdit(check_score)
        self.score_edit.setObjectName("typeSpecificScore")
        for e in (self.weight_edit, self.score_edit):
            e.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            e.setFixedWidth(64)
        self.percent = QLabel("%")
        self.add_button = QPushButton()
        self.add_button.setObjectName("addTypeSpecific")
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton()
        self.remove_button.setObjectName("removeTypeSpecific")
        self.remove_button.clicked.connect(self.remove)
        for e, path_kind in ((self.name_edit, "element_name"), (self.weight_edit, "weight"),
                             (self.score_edit, "score")):
            e.previewed.connect(lambda _v, k=path_kind: self._typed(k))
            e.invalid.connect(self._refused)
            e.editingFinished.connect(lambda k=path_kind: self._commit(k))

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.intro, 0, 0, 1, 6)
        grid.addWidget(self.name_label, 1, 0)
        grid.addWidget(self.name_edit, 1, 1, 1, 5)
        grid.addWidget(self.weight_label, 2, 0)
        grid.addWidget(self.weight_edit, 2, 1)
        grid.addWidget(self.percent, 2, 2)
        grid.addWidget(self.score_label, 2, 3, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.score_edit, 2, 4)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        grid.addLayout(buttons, 3, 0, 1, 6)
        grid.setColumnStretch(5, 1)
        self.retranslate()

    # -- checks (format only; the rules are core's) ---------------------------------------------
    def check_name(self, text: str) -> tuple[str | None, str | None]:
        name = " ".join((text or "").split())
        if not name:
            return None, None        # not a mistake while typing; adding or renaming asks for a name
        if len(name) > self._name_max:
            return None, self.tr("The name is longer than {n} characters.").format(n=self._name_max)
        return name, None

    def no_name(self) -> str:
        return self.tr("Give the type-specific element a name, e.g. 再保险业务.")

    @staticmethod
    def check_weight(text: str) -> tuple[Decimal | None, str | None]:
        value, problem = check_score(text)
        return (value / 100 if value is not None else None), problem

    # -- state ------------------------------------------------------------------------------------
    def key(self) -> str | None:
        keys = self.draft.type_specific()
        return keys[0] if keys else None

    def set_rulebook(self, rulebook) -> None:
        self.rulebook = rulebook
        self.setVisible(rulebook.scheme == "unified" and rulebook.max_type_specific > 0)
        self.retranslate()

    def retranslate(self) -> None:
        cap = self.rulebook.type_specific_max if self.rulebook is not None else None
        cap_text = plain(cap * 100) + "%" if cap is not None else "—"
        self.intro.setText(self.tr("The method allows one more element for the company's type (for example "
                                   "reinsurance business for a reinsurer), weighing more than 0 and at most "
                                   "{cap}. Its weight counts in the 100%.").format(cap=cap_text))
        self.name_label.setText(self.tr("Name"))
        self.weight_label.setText(self.tr("Weight"))
        self.score_label.setText(self.tr("Score"))
        self.name_edit.setPlaceholderText(self.tr("e.g. 再保险业务"))
        self.weight_edit.set_hint(self.tr("Percent, more than 0 and at most {cap}.").format(cap=cap_text))
        self.score_edit.set_hint(self.tr("0–100, at most two decimals."))
        self.add_button.setText(self.tr("Add the element"))
        self.remove_button.setText(self.tr("Remove the element"))

    def refresh(self) -> None:
        key = self.key()
        self.add_button.setVisible(key is None)
        self.remove_button.setVisible(key is not None)
        if key is None:
            if self._shown is not None:      # removed (or its addition undone): start from empty fields
                for e in (self.name_edit, self.weight_edit, self.score_edit):
                    e.clear()
                    e.validate()
            self._shown = None
            return
        fresh, self._shown = self._shown != key, key
        for e, value in ((self.name_edit, self.draft.get(("element_name", key)) or key),
                         (self.weight_edit, plain(self.draft.get(("weight", key)) * 100)
                          if self.draft.get(("weight", key)) is not None else ""),
                         (self.score_edit, plain(self.draft.get(("score", key))))):
            if e.hasFocus() and e.problem and not fresh:
                continue
            if e.text() != value:
                e.setText(value)
            e.validate()

    def name(self) -> str:
        key = self.key()
        return (self.draft.get(("element_name", key)) or key) if key else (self.name_edit.text().strip() or "—")

    # -- editing ----------------------------------------------------------------------------------
    def _composed(self) -> tuple[dict, str | None]:
        """The changes that add the element as the fields now say, or (changes, why not)."""
        from ui.rating.draft import new_type_specific_key

        name, p1 = self.name_edit.validate()
        weight, p2 = self.weight_edit.validate()
        score, p3 = self.score_edit.validate()
        problem = p1 or p2 or p3
        if name is None and not problem:
            problem = self.no_name()
        if weight is None and not problem:
            problem = self.tr("Give the element a weight.")
        key = new_type_specific_key(self.draft.values)
        return ({("extra", key): True, ("element_name", key): name, ("weight", key): weight,
                 ("score", key): score}, problem)

    def _typed(self, kind: str) -> None:
        key = self.key()
        if key is not None:
            editor = {"element_name": self.name_edit, "weight": self.weight_edit, "score": self.score_edit}[kind]
            self._preview({(kind, key): editor.validate()[0]})
            return
        changes, problem = self._composed()
        if problem is None:
            self._preview(changes)       # the result as it would be with the element added

    def _commit(self, kind: str) -> None:
        key = self.key()
        if key is None:
            self._preview({})            # not added yet: the result shows the assessment as it is
            return
        editor = {"element_name": self.name_edit, "weight": self.weight_edit, "score": self.score_edit}[kind]
        value, problem = editor.validate()
        if kind == "element_name" and value is None and not problem:
            problem = self.no_name()
        if problem:
            self._refused(self.tr("{name}: {problem} The value was not changed.").format(
                name=self.name(), problem=problem))
            self.refresh_field(editor)
            return
        if kind == "element_name":
            text = self.tr("Rename the type-specific element to {name}").format(name=value)
        elif kind == "weight":
            text = self.tr("Set the weight of {name} to {value}%").format(name=self.name(),
                                                                        value=editor.text().strip() or "—")
        else:
            text = self.tr("Set {name} to {score}").format(name=self.name(), score=editor.text().strip() or "—")
        if not self._edit({(kind, key): value}, text):
            self.refresh_field(editor)

    def refresh_field(self, editor) -> None:
        """Show the draft's value again in `editor` (after a refused edit)."""
        key = self.key()
        kind = {self.name_edit: "element_name", self.weight_edit: "weight", self.score_edit: "score"}[editor]
        value = self.draft.get((kind, key))
        editor.setText("" if value is None else plain(value * 100) if kind == "weight"
                       else plain(value) if kind == "score" else value)
        editor.validate()

    def add(self) -> bool:
        if self.key() is not None:
            return False
        changes, problem = self._composed()
        if problem:
            self._refused(self.tr("The element was not added: {problem}").format(problem=problem))
            return False
        name = changes[next(p for p in changes if p[0] == "element_name")]
        return self._edit(changes, self.tr("Add the type-specific element {name}").format(name=name))

    def remove(self) -> bool:
        key = self.key()
        if key is None:
            return False
        return self._edit({("extra", key): None, ("element_name", key): None, ("weight", key): None,
                           ("score", key): None},
                          self.tr("Remove the type-specific element {name}").format(name=self.name()))
