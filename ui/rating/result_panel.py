"""The rating screen's result, in the middle, and its adjustment rules, on the right.

ResultPanel: the level badge, the final level and how it was reached, the composite score (exact), notes
on what decided it (boundary, ESG cap), the contributions table (weight × score = points, down to 综合得分,
always every row: the panel scrolls, not the table), the supervisory measures and what it would take to
reach a better level. Without a result it lists what is missing instead of guessing a level.

TracePanel: every adjustment rule, whether it holds and why, its effect and the source of the rule.
"""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.common import i18n
from ui.rating.draft import plain
from ui.rating.layout import box, fit_table, follow_row_heights, table
from ui.rating.models import ALIGN, BG, CENTER, DISPLAY, FG, FIRED_BG, FONT, RIGHT, RISK_COLOURS, TIP, CellsModel
from ui.rating.widgets import LevelBadge
from wording import codes
from wording import rating as words

NOTE_STYLE = "QLabel { background: #fff4d6; color: #6b4a00; padding: 4px 8px; border-radius: 4px; }"


class ResultPanel(QWidget):
    """See the module doc. `screen` is the RatingScreen: names, rulebook titles and the switch of rulebook."""

    def __init__(self, screen, parent: QWidget | None = None):
        super().__init__(parent)
        self.screen = screen
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
        self.use_other_button.clicked.connect(lambda _checked=False: screen.use_other_rulebook())
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

        self.contrib_model = CellsModel(lambda: [self.tr("Dimension"), self.tr("Weight"), self.tr("Score"),
                                                self.tr("Points"), self.tr("Risk")], self)
        self.contrib_view = table(self.contrib_model, "contributionView", stretch=0)
        self.contrib_box = box(self.contrib_view)
        follow_row_heights(self.contrib_view, self)
        self.measures_label = QLabel()
        self.measures_label.setObjectName("measuresLabel")
        self.measures_label.setWordWrap(True)
        self.measures_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.measures_box = box(self.measures_label)
        self.improve_label = QLabel()
        self.improve_label.setObjectName("improveLabel")
        self.improve_label.setWordWrap(True)
        self.improve_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.improve_box = box(self.improve_label)
        ml = QVBoxLayout(self)
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

    def retranslate(self) -> None:
        self.contrib_box.setTitle(self.tr("Contributions: weight × score = points"))
        self.measures_box.setTitle(self.tr("Supervisory measures for this level"))
        self.improve_box.setTitle(self.tr("What would it take to reach a better level"))
        self.contrib_model.retranslate()

    def show_scope_offer(self, instead_title: str | None) -> None:
        """Under life-2024 a P&C insurer, reinsurer or group is not rated: offer the rulebook that rates it."""
        if instead_title:
            self.use_other_button.setText(self.tr("Rate under {rulebook} instead").format(rulebook=instead_title))
        self.use_other_button.setVisible(bool(instead_title))

    def show_missing(self, cannot_grade: bool, texts: list[str]) -> None:
        """No result: what is missing or wrong (the first eight problems), never a guessed level."""
        self.boundary_note.hide()
        self.esg_note.hide()
        self.rounding_note.setText("")
        self.badge.set_level(None)
        self.level_title.setText(self.tr("Cannot grade") if cannot_grade else self.tr("No result yet"))
        self.level_path.setText(self.tr("The input is incomplete or has problems:") if not cannot_grade else "")
        self.score_line.setText("")
        shown = texts[:8] + ([self.tr("… and {n} more").format(n=len(texts) - 8)] if len(texts) > 8 else [])
        self.result_problems.setText("\n".join(f"• {t}" for t in shown))
        self.result_problems.show()
        self.contrib_model.set_rows([])
        self.measures_label.setText("—")
        self.improve_label.setText("—")

    def show_result(self, a, imp, names: dict[str, str], lang: str) -> str | None:
        """Assessment `a` (its improvement `imp`), dimensions named by `names`; returns the solvency sentence
        beside rule M3 when there is one (the facts form shows it under the solvency figures)."""
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
        boundary = words.boundary_note_text(a.boundary_note, lang, names)
        self.boundary_note.setText(self.tr("Boundary note: {text}").format(text=boundary) if boundary else "")
        self.boundary_note.setVisible(bool(boundary))
        self.esg_note.setText(f"{words.esg_text(a, lang)}{'; ' if lang == 'en' else '；'}"
                              f"{words.esg_uncapped_text(a, lang)}" if a.esg_capped else "")
        self.esg_note.setVisible(a.esg_capped)

        rows = []
        for d in a.dimensions:
            fg, bg = RISK_COLOURS[d.risk_level]
            rows.append([names.get(d.key, d.key), {DISPLAY: f"{d.weight * 100:.0f}%", ALIGN: RIGHT},
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
            fit_table(self.contrib_view)

        measures = words.measure_texts(a.measures, lang)
        m3 = a.rule("M3")
        lines = [f"• {m}" for m in measures]
        sol = None
        if m3 is not None and m3.indicator is not None:
            sol = words.solvency_text(m3.indicator, lang)
            lines.append("")
            lines.append(self.tr("Solvency (next to M3): {text}").format(text=sol))
        self.measures_label.setText("\n".join(lines) or "—")
        self.improve_label.setText("\n".join(words.improvement_lines(imp, lang, names)))
        return sol


class TracePanel(QGroupBox):
    """See the module doc: the adjustment rules, fired ones highlighted, each with its reasons."""

    def __init__(self, name_of, parent: QWidget | None = None):
        """`name_of(key)`: a dimension's name as the officer knows it (the screen's)."""
        super().__init__(parent)
        self.name_of = name_of
        self.trace_model = CellsModel(lambda: [self.tr("Rule"), self.tr("Holds"), self.tr("Because"),
                                              self.tr("Effect"), self.tr("Source")], self)
        self.trace_view = table(self.trace_model, "traceView", stretch=2)
        self.trace_view.setWordWrap(True)
        th = self.trace_view.horizontalHeader()
        th.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        th.resizeSection(0, 132)
        th.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        th.setSectionResizeMode(3, QHeaderView.ResizeMode.Fixed)
        th.resizeSection(3, 92)
        th.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        self.trace_view.viewport().installEventFilter(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.trace_view)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.trace_view.viewport():
            self._share_width()
        return super().eventFilter(watched, event)

    def _share_width(self) -> None:
        """The rule's name and its effect take a share of the width, the reasons (Because) the rest: with
        fixed widths a narrow panel (1280×800, English) left the reasons a column of single words."""
        th = self.trace_view.horizontalHeader()
        rest = self.trace_view.viewport().width() - th.sectionSize(1) - th.sectionSize(4)
        rule = min(max(int(rest * 0.34), 84), 150)
        effect = min(max(int(rest * 0.2), 64), 110)
        if (th.sectionSize(0), th.sectionSize(3)) != (rule, effect):
            th.resizeSection(0, rule)
            th.resizeSection(3, effect)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Adjustment rules (fired rules highlighted)"))
        self.trace_model.retranslate()

    def source_tag(self, tag: str) -> str:
        """A rule's source in the rating report's words (wording.codes)."""
        return codes.source_name(tag, i18n.wording_lang())

    def because(self, trace, lang: str) -> str:
        """wording.rating.because, with dimensions named as the officer knows them (not by their keys)."""
        parts = [words.check_text(replace(c, subject=self.name_of(c.subject)) if c.subject else c, lang)
                 for c in trace.checks]
        if trace.indicator is not None:
            parts.append(words.solvency_text(trace.indicator, lang))
        return ("; " if lang == "en" else "；").join(parts)

    def show_trace(self, a, lang: str) -> None:
        """The rules of assessment `a` (None: no rules to show)."""
        if a is None:
            self.trace_model.set_rows([])
            return
        trows = []
        for t in a.trace:
            bg = FIRED_BG if t.holds else None
            because = self.because(t, lang)

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
