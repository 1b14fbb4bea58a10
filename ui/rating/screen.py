"""The rating self-assessment screen: inputs on the left, the live result in the middle, rules and history right.

A composition of panels, each in its own module:

- ui.rating.toolbar.RatingToolbar — rulebook, company, period and the action buttons, on top;
- ui.rating.inputs_panel.InputsPanel — scores and facts, tick boxes, weights and brackets (left);
- ui.rating.result_panel.ResultPanel — level, composite score, contributions, measures (middle), and
  TracePanel — the adjustment rules (right, top);
- ui.rating.history_panel.HistoryPanel — the chart against last period, the regulator's rating, the
  saved assessments, another rulebook (right, bottom);
- ui.rating.actions.RatingActions — what the buttons do (save, open, import, export, regulator).

This class holds the state they share: the draft and its undo stack, the rulebook, the rated result.
Every edit is one QUndoCommand on the screen's stack (ui.rating.draft); after every change — and on every
keystroke in an editor, as a preview that is not yet a command — the input is validated by core
(parse_rating_input) and rated (assess, what_would_it_take) on the GUI thread: about 1 ms, see
`last_recompute_ms`. The result is never guessed: an incomplete input, or a unified-2025 rulebook without
brackets, shows what is missing instead of a level.
"""
from __future__ import annotations

import time
from dataclasses import replace
from decimal import Decimal
from typing import Any, Callable

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from core.problems import InputError
from core.rating.rulebook import check_unified_weights, load_rulebook
from core.services import rating as rating_service
from ui.common import i18n
from ui.common.banner import Banner
from ui.rating.actions import RatingActions
from ui.rating.draft import RatingDraft, SetValues, paths_touch, plain, type_specific_keys
from ui.rating.history_panel import HistoryPanel
from ui.rating.inputs_panel import InputsPanel
from ui.rating.layout import scrolled
from ui.rating.result_panel import ResultPanel, TracePanel
from ui.rating.toolbar import RatingToolbar
from ui.rating.widgets import CheckedEdit
from wording import rating as words

# Imported by the main window's worker together with this module (ui.common.screen): the chart and the
# dialogs would otherwise be imported on the GUI thread when the screen is built.
PRELOAD = ("matplotlib.backends.backend_qtagg", "matplotlib.figure", "matplotlib.font_manager", "numpy",
           "cli.rate", "wording.problems", "core.store.assessments", "ui.common.problems_dialog",
           "ui.rating.dialogs")

# Problems of a type-specific element's own weight: refused when committed (they do not depend on the other
# weights, unlike a floor or the 100% total, which an officer breaks on the way while re-balancing).
OWN_WEIGHT_CODES = ("type_specific_too_heavy", "too_many_type_specific", "rulebook_bad_key")
WEIGHT_SECTIONS = ("weights", "brackets", "element_names", "company_type")


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
        self.last_recompute_ms = 0.0
        self._previewing = False
        self._sized = False

        self.actions = RatingActions(self)
        self.toolbar = RatingToolbar(self)
        # follows a language switch by itself; keeps its line when empty, so the panels do not jump down
        # when a message comes (the screen shows one most of the time: opened, saved, refused)
        self.message_bar = Banner("messageBar", reserve=True)
        self.inputs = InputsPanel(self)
        self.result = ResultPanel(self)
        self.trace = TracePanel(self.dim_name)
        self.history = HistoryPanel(self)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.trace)
        right.addWidget(self.history)
        right.setStretchFactor(0, 5)
        right.setStretchFactor(1, 4)
        right.setChildrenCollapsible(False)
        right.setSizes([470, 370])
        self.splitter = _Splitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.inputs)
        self.splitter.addWidget(scrolled(self.result))
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 6)
        self.splitter.setChildrenCollapsible(False)

        self.save_action = QAction(self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(lambda _checked=False: self.actions.save())
        self.addAction(self.save_action)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.splitter, 1)

        self.draft.changed.connect(self._draft_changed)
        self.stack.cleanChanged.connect(self.update_saved_state)
        self._apply_rulebook()
        self._retranslate()
        self._refresh_inputs()
        self.recompute()
        session.when_store_ready(lambda _store: self._store_ready())
        session.store_changed.connect(self._store_ready)

    # ------------------------------------------------------------------------------- contract
    def undo_stack(self) -> QUndoStack:
        return self.stack

    def activated(self) -> None:
        self.load_store_views()

    @staticmethod
    def lang() -> str:
        return i18n.wording_lang()

    # the actions the toolbar's buttons run, for callers of the screen (the main window, tests, screenshots)
    def save(self) -> int | None:
        return self.actions.save()

    def open_record(self, record) -> None:
        self.actions.open_record(record)

    def record_regulator(self, *args, **kwargs) -> int | None:
        return self.actions.record_regulator(*args, **kwargs)

    def import_file(self, path):
        return self.actions.import_file(path)

    def export_file(self, path, kind: str):
        return self.actions.export_file(path, kind)

    def new_assessment(self) -> None:
        self.actions.new_assessment()

    # ----------------------------------------------------------------------------------- layout
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
        view = self.inputs.score_view
        shortfall = view.sizeHintForColumn(0) - view.header().sectionSize(0)
        left, middle, right = self.splitter.sizes()
        give = min(shortfall, right - int((left + middle + right) * 0.39))
        if give > 0:
            self.splitter.setSizes([left + give, middle, right - give])

    # ------------------------------------------------------------------------------ translation
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self.inputs.retranslate_forms()
            self._update_elements()
            self.recompute()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.toolbar.retranslate()
        for i in range(self.toolbar.rulebook_combo.count()):
            combo = self.toolbar.rulebook_combo
            combo.setItemText(i, self.rulebook_title(combo.itemData(i)))
        self.history.set_rulebook_titles(self.rulebook_title)
        self.inputs.retranslate()
        self.result.retranslate()
        self.trace.retranslate()
        self.history.retranslate()
        self.update_saved_state()
        self._update_weights_note()

    # ------------------------------------------------------------------------------ rulebooks
    def get_rulebook(self, rulebook_id: str, version: str | None = None):
        key = (rulebook_id, version)
        if key not in self._rulebooks:
            self._rulebooks[key] = load_rulebook(rulebook_id, version)
        return self._rulebooks[key]

    def rulebook_title(self, rulebook_id: str) -> str:
        try:
            rb = self.get_rulebook(rulebook_id)
        except InputError:
            return rulebook_id
        title = rb.title if self.lang() == "zh" else (rb.title_en or rb.title)
        return f"{rb.id} · {title}"

    def _apply_rulebook(self) -> None:
        rb_id, version = self.draft.rulebook_id, self.draft.get(("rulebook_version",))
        try:
            rb = self.get_rulebook(rb_id, version)
        except InputError:
            rb = self.get_rulebook(rb_id)
        if self.rulebook is rb:
            return
        self.rulebook = rb
        self.toolbar.show_rulebook(rb)
        self.inputs.set_rulebook(rb)
        self._update_elements()
        self.history.compare_with_another_than(rb.id)

    def type_specific(self) -> list[str]:
        """Keys of the type-specific elements the officer added (unified rulebooks only)."""
        if self.rulebook is None or self.rulebook.scheme != "unified":
            return []
        return [k for k in self.draft.type_specific() if self.rulebook.dimension(k) is None]

    def _update_elements(self) -> None:
        extras = tuple((k, self.dim_name(k)) for k in self.type_specific())
        self.inputs.update_elements(self.rulebook, extras, self.lang())

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

    def rulebook_chosen(self, index: int) -> None:
        rb_id = self.toolbar.rulebook_combo.itemData(index)
        if rb_id != self.draft.rulebook_id:
            self.edit({("rulebook",): rb_id, ("rulebook_version",): None},
                      self.tr("Use rulebook {id}").format(id=rb_id))

    def use_other_rulebook(self) -> None:
        """Rate under the rulebook the scope refusal names (life-2024 does not rate a P&C insurer)."""
        p = self._scope_refusal()
        instead = p.detail.get("instead") if p is not None else None
        if instead:
            self.edit({("rulebook",): instead, ("rulebook_version",): None},
                      self.tr("Use rulebook {id}").format(id=instead))

    def _scope_refusal(self):
        return next((p for p in self.problems if p.code == "company_type_out_of_scope"), None)

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
            self.refused(refusal)
            return False
        self.stack.push(SetValues(self.draft, changes, text))
        return True

    def commit_meta(self, key: str, editor: CheckedEdit, label: str) -> None:
        value, problem = editor.validate()
        if problem:
            self.refused(problem)
            return
        self.edit({("meta", key): value}, self.tr("Set {name}").format(name=label))

    def refused(self, text: str) -> None:
        self.message(text, error=True)

    def invalid_typed(self, text: str) -> None:
        """A keystroke made the text unacceptable: say why, and show the result without it."""
        self.message(text, error=True)
        self.recompute()

    def message(self, text: str | Callable[[], str], error: bool = False) -> None:
        """Show `text` in the banner ("" hides it); a function giving the text is asked again when the
        officer switches language (ui.common.banner)."""
        self.message_bar.say(text, error)

    def _draft_changed(self, paths: list) -> None:
        if paths_touch(paths, ("rulebook", "rulebook_version", "*")):
            self._apply_rulebook()
        if paths_touch(paths, ("extra", "element_name", "rulebook", "rulebook_version", "*")):
            self._update_elements()
        if paths_touch(paths, ("mode", "*")):
            everything = paths_touch(paths, ("*",))
            self.inputs.expand_by_mode(self.rulebook, None if everything else
                                       {p[1] for p in paths if p[0] == "mode"})
        if self.message_bar.error:
            self.message("")
        self._refresh_inputs()
        if paths_touch(paths, ("meta", "*")):
            self.load_store_views()
        self.recompute()

    def _refresh_inputs(self) -> None:
        self.toolbar.show_meta(self.draft)
        self.inputs.refresh()
        self._update_weights_note()

    def _update_weights_note(self) -> None:
        rb = self.rulebook
        if rb is None or rb.scheme != "unified":
            self.inputs.show_weights_note(rb, None)
            return
        weights = [self.draft.get(("weight", k)) for k in [d.key for d in rb.dimensions] + self.type_specific()]
        self.inputs.show_weights_note(rb, sum((w for w in weights if w is not None), Decimal(0)))

    # ---------------------------------------------------------------------------- recompute
    def preview(self, override: dict) -> None:
        """Rate the input as it would be with an edit not yet committed (as the officer types)."""
        self.recompute(override)

    def preview_path(self, path: tuple, value) -> None:
        """A cell being typed (a score, weight or bound at `path`): the earlier refusal goes, the result
        shows the value as if committed."""
        if self.message_bar.error:
            self.message("")
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
    def dim_name(self, key: str, rulebook=None) -> str:
        """A dimension's name as the officer knows it (a type-specific element: the name they gave it)."""
        rb = rulebook or self.rulebook
        d = rb.dimension(key) if rb else None
        if d is None:
            return self.draft.get(("element_name", key)) or key
        return d.name_zh if self.lang() == "zh" else d.name_en

    def _field_label(self, column: str | None, rb) -> str:
        if not column:
            return ""
        parts = column.split(".")
        lang = self.lang()
        if parts[0] in ("dimension_scores", "weights", "element_names") and len(parts) > 1:
            return self.dim_name(parts[1], rb)
        if parts[0] == "item_scores" and len(parts) > 1:
            d = rb.dimension(parts[1])
            if len(parts) > 2 and d is not None and d.item(parts[2]) is not None:
                it = d.item(parts[2])
                return f"{self.dim_name(parts[1], rb)} / {it.name_zh if lang == 'zh' else it.name_en}"
            return self.dim_name(parts[1], rb)
        if parts[0] == "facts" and len(parts) > 1:
            return words.fact_name(parts[1], lang)
        if parts[0] == "flags" and len(parts) > 1:
            return parts[1]
        if parts[0] == "company_type":
            return self.inputs.company_type_label.text()
        if parts[0] == "brackets" and len(parts) > 1:
            return self.tr("grade {grade}").format(grade=parts[1])
        return {"weights": self.tr("weights"), "brackets": self.tr("brackets")}.get(column, column)

    def problem_texts(self, problems: list | None = None, rulebook=None) -> list[str]:
        """Sentences for `problems` (default: the draft's), fields named as the officer knows them under
        `rulebook` (default: the draft's)."""
        from wording.problems import message

        rb = rulebook or self.rulebook
        out = []
        problems = self.problems if problems is None else problems
        for p in problems:
            if p.code == "cannot_grade":
                missing = str(p.detail.get("missing") or "")   # a code: weights, brackets, weights_and_brackets
                what = "、".join(filter(None, [self.tr("the element weights") if "weights" in missing else "",
                                               self.tr("the score brackets") if "brackets" in missing else ""]))
                out.append(self.tr("Cannot grade: {what} of {rulebook} are not public and have not been filled in. "
                                   "Fill them in under “Weights & brackets”; the tool does not guess them.")
                           .format(what=what or p.column, rulebook=p.detail.get("rulebook", "")))
        missing = [self._field_label(p.column, rb) for p in problems
                   if p.code in ("missing_dimension_score", "missing_item_score")]
        if missing:
            out.append(self.tr("Scores still to enter: {names}.").format(names="、".join(missing) if self.lang() == "zh"
                                                                          else ", ".join(missing)))
        for p in problems:
            if p.code in ("missing_dimension_score", "missing_item_score", "cannot_grade"):
                continue
            # "weights: the weights sum to 95%" says it twice: the sentence names its field itself
            where = "" if p.code == "weights_sum_not_one" else self._field_label(p.column, rb)
            text = message(self._percent(p), self.lang())
            out.append(f"{where}：{text}" if where and self.lang() == "zh" else f"{where}: {text}" if where else text)
        return out

    def weights_problem_texts(self) -> list[str]:
        """The problems of the weights, the brackets and the type-specific element, shown beside their form."""
        if self.rulebook is None or self.rulebook.scheme != "unified":
            return []
        return self.problem_texts([p for p in self.problems if p.code == "cannot_grade"
                                   or (p.column or "").split(".")[0] in WEIGHT_SECTIONS])

    def _show_result(self) -> None:
        a, rb, lang = self.assessment, self.rulebook, self.lang()
        self.inputs.score_model.set_assessment(a)
        self.inputs.show_weights_problems(self.weights_problem_texts())
        scope = self._scope_refusal()
        instead = scope.detail.get("instead") if scope is not None else None
        self.result.show_scope_offer(self.rulebook_title(instead) if instead else None)
        self.trace.show_trace(a, lang)
        if a is None:
            self.result.show_missing(any(p.code == "cannot_grade" for p in self.problems), self.problem_texts())
            self.inputs.facts_form.set_standard_text("")
        else:
            names = {d.key: self.dim_name(d.key) for d in tuple(rb.dimensions) + tuple(a.dimensions)}
            solvency = self.result.show_result(a, self.improvement, names, lang)
            if solvency is not None:
                self.inputs.facts_form.set_standard_text(solvency)
        self.history.follow_result(self._previewing, a is not None)

    # ------------------------------------------------------------------------------ store
    def _store_ready(self) -> None:
        self.actions.forget_saved()
        self.load_store_views()
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
        self.actions.open_record(latest)
        self.stack.clear()  # opening on start is not an edit: nothing to undo, nothing unsaved

    def load_store_views(self) -> None:
        """The saved records, last period's assessment and the regulator's ratings, from the store."""
        store = self.session.store
        company = self.draft.get(("meta", "company"))
        period = self.draft.get(("meta", "period"))
        if store is None:
            self.records, self.previous, self.regulator, self.previous_regulator = [], None, None, None
        else:
            self.records = store.list_assessments()
            self.previous = store.previous_assessment(company, period) if company and period else None
            self.regulator = store.regulator_rating_for(company, period) if company and period else None
            self.previous_regulator = (store.regulator_rating_for(company, self.previous.period)
                                       if self.previous is not None else None)
        self.history.set_records(self.records)
        self.history.update_regulator()
        self.history.chart_timer.start()

    def update_saved_state(self, *_args) -> None:
        self.toolbar.show_saved_state(self.stack.isClean(), self.actions.saved_id)
