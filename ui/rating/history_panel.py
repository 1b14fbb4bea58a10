"""The rating screen's history, bottom right: four tabs beside the result.

- Compared with last period: the chart of this assessment's dimension scores against the saved one of the
  previous period (drawn after committed edits only, ~0.2 s: never on a keystroke), with a note of both
  levels and what the regulator gave last period.
- Regulator's rating: the regulator's level and scores for this company and period against ours.
- Saved assessments: every stored record; Open loads one into the editor, "Recompute under another
  rulebook" rates it under the other rulebook.
- Other rulebook: the assessment being edited (or a saved one) under another rulebook, side by side.

It reads the screen's state (the draft, its rulebook and assessment, the records the store gave) and keeps
only what it shows.
"""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.problems import InputError
from core.rating.rulebook import available_rulebooks
from core.services.rating import compare_under
from ui.common.format import local_time
from ui.rating.draft import result_number, result_scores, stored_input_data
from ui.rating.layout import table
from ui.rating.models import ALIGN, CENTER, DISPLAY, FG, FONT, RIGHT, CellsModel, level_colour
from ui.rating.widgets import ComparisonChart
from wording import rating as words

CHART, REGULATOR, SAVED, OTHER_RULEBOOK = range(4)


def chart_label(name: str, count: int) -> str:
    """A dimension's name under its bars. With the nine or ten unified elements each group is narrow, so a
    parenthetical goes. English names wrap at spaces (never inside a word); a Chinese name longer than five
    characters wraps every four (资产负债\n管理): six of them side by side ran into each other at 1366×768."""
    import re
    import textwrap

    short = name if count <= 6 else (re.sub(r"\s*[(（][^)）]*[)）]", "", name).strip() or name)
    if short.isascii():
        return textwrap.fill(short, 10, break_long_words=False)
    return short if len(short) <= 5 else textwrap.fill(short, 4)


class HistoryPanel(QTabWidget):
    """See the module doc. `screen` is the RatingScreen."""

    def __init__(self, screen, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("historyTabs")
        self.screen = screen
        self.compare_source = None    # None = the assessment being edited; else an AssessmentRecord
        self.compared = None          # (as assessed, under the other rulebook, problems) last shown
        self.chart_timer = QTimer(self)
        self.chart_timer.setSingleShot(True)
        self.chart_timer.setInterval(150)
        self.chart_timer.timeout.connect(self.update_chart)

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
        self.regulator_model = CellsModel(lambda: [self.tr("Item"), self.tr("Self-assessment"), self.tr("Regulator"),
                                                  self.tr("Difference")], self)
        self.regulator_view = table(self.regulator_model, "regulatorView", stretch=0)
        reg_page = QWidget()
        rl = QVBoxLayout(reg_page)
        rl.setContentsMargins(4, 4, 4, 4)
        rl.addWidget(self.regulator_note)
        rl.addWidget(self.regulator_view, 1)

        self.saved_model = CellsModel(lambda: [self.tr("Company"), self.tr("Period"), self.tr("Kind"),
                                              self.tr("Rulebook"), self.tr("Final level"), self.tr("Saved at"),
                                              self.tr("Saved by")], self)
        self.saved_view = table(self.saved_model, "savedView", stretch=0)
        # sized to their contents once filled (set_records), then fitted into the table's width by the table
        # toolkit (ui.common.tables): seven columns do not fit a third of a 1280-pixel window
        self.saved_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.saved_view.horizontalHeader().setStretchLastSection(True)
        self.saved_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.saved_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.saved_view.doubleClicked.connect(
            lambda idx: screen.open_record(self.saved_model.row_data[idx.row()]))
        self.open_button = QPushButton()
        self.open_button.clicked.connect(lambda _checked=False: screen.open_record(self.selected_record()))
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
        self.compare_model = CellsModel(lambda: ["", self.tr("As assessed"), self.tr("Under the other rulebook")], self)
        self.compare_view = table(self.compare_model, "compareView", stretch=1)
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

        self.addTab(chart_page, "")
        self.addTab(reg_page, "")
        self.addTab(saved_page, "")
        self.addTab(cmp_page, "")
        self.currentChanged.connect(self._tab_changed)

    def retranslate(self) -> None:
        for i, text in enumerate((self.tr("Compared with last period"), self.tr("Regulator's rating"),
                                  self.tr("Saved assessments"), self.tr("Other rulebook"))):
            self.setTabText(i, text)
        self.open_button.setText(self.tr("Open"))
        self.recompute_saved_button.setText(self.tr("Recompute under another rulebook"))
        self.compare_label.setText(self.tr("Recompute under"))
        self.compare_draft_button.setText(self.tr("Use the assessment being edited"))
        for model in (self.regulator_model, self.saved_model, self.compare_model):
            model.retranslate()

    def set_rulebook_titles(self, title_of) -> None:
        for i in range(self.compare_combo.count()):
            self.compare_combo.setItemText(i, title_of(self.compare_combo.itemData(i)))

    def compare_with_another_than(self, rulebook_id: str) -> None:
        """Offer, for the comparison, the first rulebook other than the one rating the draft."""
        other = next((i for i in range(self.compare_combo.count())
                      if self.compare_combo.itemData(i) != rulebook_id), 0)
        self.compare_combo.setCurrentIndex(other)

    # ------------------------------------------------------------------------------ saved records
    def set_records(self, records: list) -> None:
        rows = []
        for r in records:
            kind = self.tr("self-assessment") if r.kind == "self" else self.tr("regulator")
            level = (r.result or {}).get("final_level") or "—"
            rows.append([r.company, r.period, kind, f"{r.rulebook_id or ''} {r.rulebook_version or ''}".strip(),
                         {DISPLAY: level, FG: level_colour(level), FONT: "bold", ALIGN: CENTER},
                         local_time(r.created_at), r.created_by or ""])
        self.saved_model.set_rows(rows, list(records))
        self.saved_view.resizeColumnsToContents()

    def selected_record(self):
        rows = self.saved_view.selectionModel().selectedRows()
        return self.saved_model.row_data[rows[0].row()] if rows else None

    def _compare_selected(self) -> None:
        rec = self.selected_record()
        if rec is not None and rec.kind == "self":
            self.compare_source = rec
            self.setCurrentIndex(OTHER_RULEBOOK)
            self.compare()

    def _compare_draft(self) -> None:
        self.compare_source = None
        self.compare()

    def _tab_changed(self, index: int) -> None:
        if index == OTHER_RULEBOOK:
            self.compare()

    def follow_result(self, previewing: bool, rated: bool) -> None:
        """The result changed: the regulator's comparison and, when shown for the draft (and it is `rated`),
        the other rulebook's follow; the chart follows committed values only (drawing costs ~0.2 s)."""
        self.update_regulator()
        if rated and self.currentIndex() == OTHER_RULEBOOK and self.compare_source is None and not previewing:
            self.compare()
        if not previewing:
            self.chart_timer.start()

    # ------------------------------------------------------------------------------ chart
    def update_chart(self) -> None:
        s = self.screen
        a = s.assessment
        prev = result_scores(s.previous.result) if s.previous else {}
        period = s.draft.get(("meta", "period")) or self.tr("this period")
        if a is None:
            self.chart.plot([], [], None, "", "", self.tr("No result to chart yet."))
            self.chart_note.setText("")
            return
        keys = [d.key for d in a.dimensions]
        names = [chart_label(s.dim_name(k), len(keys)) for k in keys]
        current = [float(d.score) for d in a.dimensions]
        previous = [prev.get(k) for k in keys] if prev else None
        if previous and all(v is None for v in previous):
            previous = None
        prev_label = self.tr("{period} (saved)").format(period=s.previous.period) if s.previous else ""
        self.chart.plot(names, current, previous, str(period), prev_label, "",
                        bands=(self.tr("low risk ≥ 85"), self.tr("high risk ≤ 60")))
        if s.previous is None:
            self.chart_note.setText(self.tr("No saved self-assessment of an earlier period for this company."))
            return
        pl = (s.previous.result or {}).get("final_level", "—")
        pc = result_number(s.previous.result, "composite_score")
        note = self.tr("{prev}: level {plevel}, composite {pc}  →  {cur}: level {clevel}, composite {cc}").format(
            prev=s.previous.period, plevel=pl, pc=words.fmt_score(Decimal(str(pc))) if pc is not None else "—",
            cur=period, clevel=a.final_level, cc=words.fmt_score(a.composite_score))
        reg = s.previous_regulator
        if reg is not None:
            note += "\n" + self.tr("The regulator rated {prev} level {level} (self-assessment: level {own}).").format(
                prev=s.previous.period, level=(reg.result or {}).get("final_level", "—"), own=pl)
        self.chart_note.setText(note)

    # ------------------------------------------------------------------------------ regulator
    def update_regulator(self) -> None:
        s = self.screen
        reg, a = s.regulator, s.assessment
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
        levels = s.rulebook.all_levels
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
            rows.append([s.dim_name(key), {DISPLAY: words.fmt_score(mine.score) if mine else "—", ALIGN: RIGHT},
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

    # ------------------------------------------------------------------------------ other rulebook
    def compare(self, other_id: str | None = None) -> None:
        """Rate the compare source (a saved record, else the editor) under another rulebook, side by side."""
        s = self.screen
        if other_id is not None:
            self.compare_combo.setCurrentIndex(max(0, self.compare_combo.findData(other_id)))
        other_id = self.compare_combo.currentData()
        src = self.compare_source
        if src is not None:
            data, base_result = stored_input_data(src.input), src.result or {}
            label = self.tr("Saved record {id}: {company} {period}, {rulebook} {version}").format(
                id=src.id, company=src.company, period=src.period, rulebook=src.rulebook_id,
                version=src.rulebook_version)
            base = {"rulebook": f"{src.rulebook_id} {src.rulebook_version}",
                    "composite": result_number(base_result, "composite_score"), "base": base_result.get("base_level"),
                    "final": base_result.get("final_level"), "fired": base_result.get("fired", []),
                    "measures": base_result.get("measure_codes") or base_result.get("measures") or []}
        else:
            rb = s.rulebook
            # everything the officer typed that the other rulebook uses (its own element scores, weights)
            data = s.draft.to_data(s.get_rulebook(other_id))
            label = self.tr("The assessment being edited")
            a = s.assessment
            base = {"rulebook": f"{rb.id} {rb.version}",
                    "composite": float(a.composite_score) if a else None, "base": a.base_level if a else None,
                    "final": a.final_level if a else None, "fired": list(a.fired) if a else [],
                    "measures": list(a.measures) if a else []}
        other_rb = s.get_rulebook(other_id)
        # the officer's weights and brackets, kept in the editor whichever rulebook is shown
        kept = {kind: {p[1]: v for p, v in s.draft.values.items() if p[0] == kind} for kind in ("weight", "bracket")}
        other, problems = None, []
        try:
            # core.services.rating fits the input to the other rulebook and rates it
            oa = compare_under(data, other_rb, weights=kept["weight"], brackets=kept["bracket"]).assessment
            other = {"rulebook": f"{other_rb.id} {other_rb.version}", "composite": float(oa.composite_score),
                     "base": oa.base_level, "final": oa.final_level, "fired": list(oa.fired),
                     "measures": list(oa.measures)}
        except InputError as err:
            problems = s.problem_texts(err.errors, other_rb)
        self.compare_source_label.setText(label)
        lang = s.lang()

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
