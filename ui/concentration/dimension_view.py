"""Concentration by dimension: the sums of one dimension and scope, its indices, a top-10 chart, drill-down.

The table is a SumsModel over core's aggregate sums (numpy arrays, fetched lazily); the indices are core's
(`compute_indices` for the group, `index_values` of the scope's totals for a member); the chart shows the
ten largest totals; selecting a row starts the drill-down below (drilldown.DrillDownPanel).

The chart (matplotlib, about a third of a second of imports) is built when it is first seen or asked for
(`chart`), not with the page: the screen opens on the limit dashboard, and a million-exposure snapshot's
dashboard should not wait for a chart on another tab. Its modules are imported in a worker once the page has a
snapshot to show, so that opening the tab does not wait for them either.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui.common import format as fmt
from ui.common import i18n
from ui.common.headers import two_lines
from ui.common.tables import read_only_table
from ui.concentration.drilldown import DrillDownPanel
from ui.concentration.models import STATUS_COLOURS, SnapshotView, SumsModel, dimension_label, yi_unit
from ui.concentration.selectors import ScopeDimensionSelectors
from ui.concentration.tables import HeaderSorter

BAR = "#4f6d8f"      # a bar not in any limit's warning or breach
CHART_MIN_WIDTH = 340


def import_chart_modules() -> None:
    """What building the chart imports (worker thread, ahead of the first look at the page)."""
    import matplotlib.backends.backend_qtagg  # noqa: F401
    import matplotlib.figure  # noqa: F401

    import reports.charts  # noqa: F401


class IndexCard(QFrame):
    """One index: its value large, its name small."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("indexCard")
        self.setStyleSheet("QFrame#indexCard { background: #f4f6f8; border: 1px solid #d5dbe1; border-radius: 5px; }"
                           "QLabel { background: transparent; }")
        self.value = QLabel("—")
        f = self.value.font()
        f.setPointSize(f.pointSize() + 4)
        f.setBold(True)
        self.value.setFont(f)
        self.value.setStyleSheet("color: #263238;")
        self.caption = QLabel()
        self.caption.setStyleSheet("color: #607d8b;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)


class _FillSplitter(QSplitter):
    """The table/chart above the drill-down. Its preferred height is its minimum: it takes the height the page
    gives it. A preferred height of both panels' full contents made the window's scrolling page think the screen
    needed more than a 768-pixel window, which put the drill-down table below the visible area."""

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumSizeHint().height())


class DimensionPage(QWidget):
    exposures_requested = Signal(object)   # forwarded from the drill-down panel

    INDEX_KEYS = ("hhi", "top1", "top5", "top10", "gini", "shannon", "n_keys", "total")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dimensionView")
        self.view: SnapshotView | None = None
        self.model = SumsModel(self)
        self.highlight: dict[str, str] = {}
        self.highlight_limit: str | None = None
        self.limit_basis: int | None = None     # the basis of the limit in focus (its ratios are shown)
        self._sized = False

        self.selectors = ScopeDimensionSelectors(self._selectors_changed, scope_name="scopeCombo",
                                                 dimension_name="dimensionCombo", scope_width=240,
                                                 dimension_width=150)
        self.scope_label, self.dimension_label = self.selectors.scope_label, self.selectors.dimension_label
        self.scope_combo, self.dimension_combo = self.selectors.scope_combo, self.selectors.dimension_combo
        self.note = QLabel()
        self.note.setObjectName("highlightNote")
        self.note.setStyleSheet("color: #8a5a00;")
        selectors = QHBoxLayout()
        self.selectors.add_to(selectors, dimension_first=True)
        selectors.addSpacing(16)
        selectors.addWidget(self.note, 1)

        self.cards = {k: IndexCard() for k in self.INDEX_KEYS}
        cards = QHBoxLayout()
        cards.setSpacing(8)
        for card in self.cards.values():
            cards.addWidget(card)
        # one basis for the cards, the chart, the shares and the order of the table; said where it is seen
        self.basis_note = QLabel()
        self.basis_note.setObjectName("basisNote")
        self.basis_note.setWordWrap(True)
        self.basis_note.setStyleSheet("color: #607d8b;")
        cards.addWidget(self.basis_note, 1)

        # wrap: "Counted (CNY bn)" on two lines, not a wider column
        self.table = read_only_table(self.model, "sumsTable", wrap=True, one_line=True, row_height=26,
                                     stretch_last=True)
        self.table.verticalHeader().setVisible(True)     # the row numbers are the keys' ranks
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.sorter = HeaderSorter(self.table, self.model)
        # the ratio to a limit's basis (shown while a limit is in focus) right after the counted amount
        self.table.horizontalHeader().moveSection(SumsModel.RATIO, SumsModel.SHARE)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        # the chart's place until it is built (`chart`)
        self._chart = None
        self._chart_stale = False           # drawn while not built: draw when built
        self._chart_modules = False         # their import asked for (import_chart_modules)
        self.chart_place = QWidget()
        self.chart_place.setMinimumWidth(CHART_MIN_WIDTH)

        self.drill = DrillDownPanel(self)
        self.drill.exposures_requested.connect(self.exposures_requested)

        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(self.table)
        upper.addWidget(self.chart_place)
        upper.setStretchFactor(0, 3)
        upper.setStretchFactor(1, 2)
        upper.setChildrenCollapsible(False)
        self.splitter = _FillSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(self.drill)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.upper = upper

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(selectors)
        layout.addLayout(cards)
        layout.addWidget(self.splitter, 1)
        self.retranslate()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._size_splitters()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._chart is None:
            self._draw_chart()      # builds it, now that it is seen
        self._size_splitters()

    def _size_splitters(self) -> None:
        """Table 64 : chart 36, upper half : drill-down half — once the page has its real size."""
        w, h = self.upper.width(), self.splitter.height()
        if self._sized or w < 600 or h < 300 or not self.isVisible():
            return
        self._sized = True
        self.upper.setSizes([int(w * 0.64), w - int(w * 0.64)])
        self.splitter.setSizes([int(h * 0.5), h - int(h * 0.5)])

    # -- data -------------------------------------------------------------------------------------
    def set_view(self, view: SnapshotView | None) -> None:
        self.view = view
        if view is not None and self._chart is None and not self._chart_modules:
            from ui.common.ops import run_op

            self._chart_modules = True
            run_op(self, import_chart_modules, progress="none")
        self.drill.set_view(view)
        self.highlight, self.highlight_limit, self.limit_basis = {}, None, None
        self._fill_combos()
        self._reload()

    def current(self) -> tuple[str | None, str | None]:
        return self.selectors.current()

    def show_dimension(self, scope: str, dimension: str, limit_id: str | None = None) -> None:
        """Show one scope and dimension; with a limit, highlight its keys in warning or breach and drill
        into the worst one."""
        highlight: dict[str, str] = {}
        worst = None
        basis = None
        if limit_id and self.view is not None:
            flagged = self.view.result.evaluation.flagged_for(limit_id)
            highlight = {str(k): s for k, s in zip(flagged["key"], flagged["status"]) if k != "*"}
            res = self.view.result.evaluation.results
            row = res[res["limit_id"] == limit_id]
            if len(row) and row.iloc[0]["key"] not in (None, "*"):
                worst = str(row.iloc[0]["key"])
            if len(row) and row.iloc[0]["basis_fen"] is not None:
                basis = int(row.iloc[0]["basis_fen"])
        self.selectors.select(scope, dimension, quiet=True)
        self.highlight, self.highlight_limit, self.limit_basis = highlight, limit_id, basis
        self._reload()
        if worst is not None:
            self.select_key(worst)

    def select_key(self, key: str) -> bool:
        row = self.model.row_of_key(key)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _fill_combos(self) -> None:
        self.selectors.fill(self.view)

    def _selectors_changed(self) -> None:
        self.highlight, self.highlight_limit, self.limit_basis = {}, None, None
        self._reload()

    def _reload(self) -> None:
        scope, dim = self.current()
        self.sorter.reset()
        if self.view is None or scope is None or dim is None:
            self.model.set_arrays("", "", [], [], [])
            self.model.set_basis(None)
            self.table.setColumnHidden(SumsModel.RATIO, True)
            self.drill.clear()
            self._update_indices({})
            self._draw_chart()
            self._update_note()
            return
        # a limit in focus ranks by what counts against it, else by total (the indices' basis): the header
        # shows which; the chart follows the table
        by_total = not self.highlight_limit
        self.model.set_view(self.view, scope, dim, by_total=by_total)
        if by_total:
            self.sorter.column, self.sorter.order = SumsModel.TOTAL, Qt.SortOrder.DescendingOrder
            self.table.horizontalHeader().setSortIndicatorShown(True)
            self.table.horizontalHeader().setSortIndicator(SumsModel.TOTAL, Qt.SortOrder.DescendingOrder)
        self.model.set_highlight(self.highlight)
        self.model.set_basis(self.limit_basis if self.highlight_limit else None)
        self.table.setColumnHidden(SumsModel.RATIO, self.model.basis_fen is None)
        self.drill.clear()
        self._update_indices(self.view.indices(scope, dim))
        self._draw_chart()
        self._update_note()
        self._resize_columns()

    def _resize_columns(self) -> None:
        fm = self.table.fontMetrics()
        for col, w in ((SumsModel.KEY, 110), (SumsModel.NAME, 180), (SumsModel.TOTAL, 96), (SumsModel.COUNTED, 96),
                       (SumsModel.SHARE, 72), (SumsModel.CUMULATIVE, 84), (SumsModel.RATIO, 84)):
            head = self.model.headerData(col, Qt.Orientation.Horizontal) or ""
            lines = two_lines(head, fm.horizontalAdvance) or (head,)      # as the header shows it
            self.table.setColumnWidth(col, max(w, max(fm.horizontalAdvance(line) for line in lines) + 24))

    def _update_indices(self, ix: dict) -> None:
        for key, card in self.cards.items():
            v = ix.get(key)
            if key in ("top1", "top5", "top10"):
                text = fmt.percent(v)
            elif key == "n_keys":
                text = "—" if v is None else f"{int(v):,}"
            elif key == "total":
                text = fmt.yi(v) if v is not None else "—"
            else:
                text = fmt.number(v, 4) if v is not None else "—"
            card.value.setText(text)

    def _update_note(self) -> None:
        self._update_basis_note()
        if self.highlight_limit:
            self.note.setText(self.tr("Limit {limit}: {n} key(s) in warning or breach are highlighted.")
                              .format(limit=self.highlight_limit, n=len(self.highlight)))
        else:
            self.note.setText("")

    def _update_basis_note(self) -> None:
        if self.highlight_limit:
            text = self.tr("Table and chart: ranked by what counts against the limit (“Counted”), exempt "
                           "amounts last. Shares and indices: total amounts, exempt exposures included.")
        else:
            text = self.tr("Shares, indices, the chart and the order of the table: total amounts, exempt "
                           "exposures included. “Counted”: what counts against the limits.")
        self.basis_note.setText(text)

    # -- chart ------------------------------------------------------------------------------------
    @property
    def chart(self):
        """The top-10 chart (ui.common.charts.ChartWidget), built at the first call, with what the page shows."""
        if self._chart is None:
            from ui.common.charts import ChartWidget

            chart = ChartWidget(self, figsize=(5.0, 3.4))
            chart.setObjectName("topChart")
            chart.setMinimumWidth(CHART_MIN_WIDTH)
            old = self.upper.replaceWidget(self.upper.indexOf(self.chart_place), chart)
            if old is not None:
                old.deleteLater()
            self._chart = chart
            self._chart_stale = True
        if self._chart_stale:
            self._chart_stale = False
            self._paint_chart(self._chart)
        return self._chart

    def _draw_chart(self) -> None:
        """The chart of what the table shows now: drawn at once once built or seen, else when it is."""
        if self._chart is None and not self.isVisible():
            self._chart_stale = True
            return
        self._chart_stale = True
        _ = self.chart          # builds it if needed and draws the stale chart

    def _paint_chart(self, chart) -> None:
        from reports.charts import plain_text
        fig = chart.figure
        fig.clear()
        ax = fig.add_subplot()
        top = self.model.first(10)
        by_total = getattr(self.model, "by_total", True)
        dim = self.current()[1]
        if not top:
            ax.set_axis_off()
            ax.text(0.5, 0.5, self.tr("Nothing to show"), ha="center", va="center", color="#78909c",
                    transform=ax.transAxes)
            chart.draw()
            return
        labels = []
        for key, _ in top:
            # a single asset is its instrument: two bonds of one issuer are two bars, each with its code
            name = "" if dim == "single_asset" else (self.view.key_name(dim, key) if self.view else "")
            text = name or key
            labels.append(plain_text(text, 14))     # a "$" in a name is literal, never mathtext
        values = [t / 100.0 / (1e9 if i18n.current() == "en" else 1e8) for _, t in top]
        colours = [STATUS_COLOURS.get(self.highlight.get(key), BAR) for key, _ in top]
        y = list(range(len(top)))[::-1]
        ax.barh(y, values, color=colours, height=0.65)
        ax.set_yticks(y, labels)
        ax.tick_params(axis="y", labelsize=8.5, length=0)
        ax.tick_params(axis="x", labelsize=8)
        for spine in ("top", "right"):
            ax.spines[spine].set_visible(False)
        ax.spines["left"].set_color("#b0bec5")
        ax.spines["bottom"].set_color("#b0bec5")
        ax.grid(axis="x", color="#eceff1", linewidth=0.8)
        ax.set_axisbelow(True)
        vmax = max(values) if values else 1
        ax.set_xlim(0, vmax * 1.22)
        for yy, v in zip(y, values):
            ax.text(v + vmax * 0.01, yy, f"{v:,.2f}", va="center", fontsize=8, color="#37474f")
        title = (self.tr("Top 10 by total · {dimension} ({unit})") if by_total else
                 self.tr("Top 10 counted against the limits · {dimension} ({unit})"))
        ax.set_title(title.format(dimension=dimension_label(dim), unit=yi_unit()), fontsize=10, loc="left")
        chart.draw()

    # -- selection and sorting --------------------------------------------------------------------
    def _selection_changed(self, selected: QItemSelection, _deselected) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or self.view is None:
            return
        scope, dim = self.current()
        self.drill.show_key(scope, dim, self.model.key_at(rows[0].row()))

    # -- language ---------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.dimension_label.setText(self.tr("Dimension:"))
        self.scope_label.setText(self.tr("Scope:"))
        captions = {"hhi": self.tr("HHI"), "top1": self.tr("Top 1 share"), "top5": self.tr("Top 5 share"),
                    "top10": self.tr("Top 10 share"), "gini": self.tr("Gini"), "shannon": self.tr("Shannon entropy"),
                    "n_keys": self.tr("Keys"), "total": self.tr("Total")}
        for key, card in self.cards.items():
            card.caption.setText(captions[key])
        self._update_basis_note()
        self.cards["hhi"].setToolTip(self.tr("Herfindahl-Hirschman index: the sum of squared shares (0-1). "
                                             "Exempt exposures are included in every index."))
        self.model.retranslate()
        self._fill_combos()
        self._update_note()
        if self.view is not None:
            self._draw_chart()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
