"""The limit dashboard: every limit with its utilisation and status, counts on top, filters, allocation issues.

A double-click on a limit asks the screen (signal `limit_activated`) to show the dimension view of that
limit's scope and dimension with the keys in warning or breach highlighted.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.common import format as fmt
from ui.common.headers import WrappingHeader
from ui.common.tables import StatusChipDelegate, excel_like
from ui.concentration.models import (
    RAW,
    STATUS,
    STATUS_COLOURS,
    STATUS_TINTS,
    LimitsFilter,
    LimitsModel,
    SnapshotView,
    set_long_text,
    status_label,
    wrap_without_height_for_width,
)
from ui.concentration.selectors import ScopeDimensionSelectors


class UtilisationDelegate(QStyledItemDelegate):
    """A bar filled to the utilisation of the limit (full width = 100% of the limit), a tick at the warning
    value, coloured by status; the percentage written over it."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        model = index.model()
        src = index.siblingAtColumn(LimitsModel.UTILISATION)
        util = src.data(RAW)
        status = index.data(STATUS)
        warning = index.siblingAtColumn(LimitsModel.WARNING).data(RAW)
        limit = index.siblingAtColumn(LimitsModel.LIMIT).data(RAW)
        del model
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        r = QRectF(option.rect).adjusted(6, 7, -6, -7)
        text_w = 62.0
        bar = QRectF(r.left(), r.top(), max(r.width() - text_w, 20.0), r.height())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#eceff1"))
        painter.drawRoundedRect(bar, 3, 3)
        if util is not None:
            fill = QRectF(bar)
            fill.setWidth(bar.width() * max(0.0, min(util, 1.0)))
            painter.setBrush(QColor(STATUS_COLOURS.get(status, "#90a4ae")))
            painter.drawRoundedRect(fill, 3, 3)
            if util > 1.0:  # over the limit: a hatched end says "more than the bar can show"
                painter.setBrush(QBrush(QColor("#7f1d1d"), Qt.BrushStyle.BDiagPattern))
                painter.drawRoundedRect(QRectF(bar.right() - 10, bar.top(), 10, bar.height()), 3, 3)
        if warning is not None and limit:
            x = bar.left() + bar.width() * min(warning / limit, 1.0)
            painter.setPen(QPen(QColor("#37474f"), 2))
            painter.drawLine(int(x), int(bar.top() - 3), int(x), int(bar.bottom() + 3))
        painter.setPen(option.palette.color(option.palette.ColorRole.HighlightedText
                                            if option.state & QStyle.StateFlag.State_Selected
                                            else option.palette.ColorRole.Text))
        text_rect = QRectF(bar.right() + 4, option.rect.top(), text_w - 4, option.rect.height())
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                         fmt.percent(util, 1) if util is not None else fmt.DASH)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        return QSize(220, 30)


class StatusDelegate(StatusChipDelegate):
    """A chip: the status word in its colour on its tint (the one chip painter of ui.common.tables), a
    little taller than the limits screen's."""

    def __init__(self, parent=None):
        super().__init__(parent, pad=8, height=30)


class CountCard(QFrame):
    """A number with its caption, in a status colour (the counts above the table); a status card is a
    toggle that shows only the limits in that status."""

    clicked = Signal(str)

    def __init__(self, status: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.status = status
        self.checked = False
        self.setObjectName("countCard")
        self._colours = (STATUS_COLOURS.get(status, "#37474f"), STATUS_TINTS.get(status, "#eceff1"))
        self._style()
        if status is not None:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.number = QLabel("0")
        f = self.number.font()
        f.setPointSize(f.pointSize() + 9)
        f.setBold(True)
        self.number.setFont(f)
        self.caption = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 6, 18, 6)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)
        layout.addStretch(1)

    def set_count(self, n: int) -> None:
        self.number.setText(str(n))

    def set_checked(self, checked: bool) -> None:
        self.checked = checked
        self._style()

    def _style(self) -> None:
        colour, tint = self._colours
        width = 3 if self.checked else 1
        self.setStyleSheet(f"QFrame#countCard {{ background: {tint}; border: {width}px solid {colour}; "
                           f"border-radius: 6px; }} QLabel {{ color: {colour}; background: transparent; }}")

    def mousePressEvent(self, event) -> None:
        if self.status is not None and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.status)
        super().mousePressEvent(event)


class DashboardPage(QWidget):
    limit_activated = Signal(str, str, str)   # scope, dimension, limit_id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("limitDashboard")
        self.view: SnapshotView | None = None
        self.model = LimitsModel(self)
        self.proxy = LimitsFilter(self)
        self.proxy.setSourceModel(self.model)

        # no_basis: a limit that cannot be measured is counted as such, never silently left out of the counts
        self.cards = {s: CountCard(s) for s in ("breach", "warning", "ok", "no_basis")}
        self.status_filter: str | None = None
        for card in self.cards.values():
            card.clicked.connect(self.toggle_status)
        self.alloc_card = CountCard(None)
        self.heading = QLabel()
        self.heading.setObjectName("dashboardHeading")
        hf = self.heading.font()
        hf.setPointSize(hf.pointSize() + 2)
        hf.setBold(True)
        self.heading.setFont(hf)
        cards = QHBoxLayout()
        cards.setSpacing(10)
        for card in (*self.cards.values(), self.alloc_card):
            cards.addWidget(card)
        cards.addStretch(1)

        self.selectors = ScopeDimensionSelectors(self._filter, scope_name="scopeFilter",
                                                 dimension_name="dimensionFilter", scope_width=220,
                                                 dimension_width=160)
        self.scope_label, self.dimension_label = self.selectors.scope_label, self.selectors.dimension_label
        self.scope_combo, self.dimension_combo = self.selectors.scope_combo, self.selectors.dimension_combo
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #607d8b;")
        filters = QHBoxLayout()
        self.selectors.add_to(filters)
        filters.addStretch(1)
        filters.addWidget(self.hint)
        # a long table gets its filter box in view (ui.common.tables hides the rows without the text)
        self.filter_box = QLineEdit()
        self.filter_box.setMaximumWidth(200)
        filters.addWidget(self.filter_box)

        self.table = QTableView()
        WrappingHeader.install(self.table)      # English labels on two lines: the status column stays in view
        self.table.setObjectName("limitsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(LimitsModel.STATUS_COL, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(32)
        self.table.setItemDelegateForColumn(LimitsModel.UTILISATION, UtilisationDelegate(self.table))
        self.table.setItemDelegateForColumn(LimitsModel.STATUS_COL, StatusDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(LimitsModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._activated)   # double-click or Enter
        self.table.viewport().installEventFilter(self)  # its width decides how the name and the key share
        excel_like(self.table, "dashboard", filter_edit=self.filter_box)

        self.alloc_title = QLabel()
        self.alloc_title.setStyleSheet("font-weight: bold;")
        self.alloc_text = QLabel()
        self.alloc_text.setObjectName("allocationIssues")
        wrap_without_height_for_width(self.alloc_text)
        self.alloc_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.heading)
        layout.addLayout(cards)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.alloc_title)
        layout.addWidget(self.alloc_text)
        self.retranslate()

    # -- data -------------------------------------------------------------------------------------
    def set_view(self, view: SnapshotView | None) -> None:
        self.view = view
        self.model.set_view(view)
        self._fill_combos()
        self._update_counts()
        self._resize_columns()

    def counts(self) -> dict[str, int]:
        return self.model.counts()

    def set_filters(self, scope: str | None, dimension: str | None) -> None:
        """Select a scope / dimension in the filter combos (None = all)."""
        self.selectors.select(scope, dimension)

    def visible_limits(self) -> list[str]:
        return [self.proxy.index(r, LimitsModel.ID).data() for r in range(self.proxy.rowCount())]

    def _fill_combos(self) -> None:
        # only the dimensions some limit measures: a filter that shows nothing is no choice
        present = {r["dimension"] for r in self.model.rows}
        dimensions = [d for d in self.view.dimensions() if d in present] if self.view is not None else []
        self.selectors.fill(self.view, dimensions, (self.tr("All scopes"), self.tr("All dimensions")))
        self._filter()

    def toggle_status(self, status: str | None) -> None:
        """Show only the limits in `status` (a card's click); the same status again shows all."""
        self.status_filter = None if status == self.status_filter else status
        for s, card in self.cards.items():
            card.set_checked(s == self.status_filter)
        self._filter()

    def _filter(self) -> None:
        self.proxy.set_filters(*self.selectors.current(), self.status_filter)
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.hint.setText(self.tr("{shown} of {total} limits · double-click a limit to see its keys")
                          .format(shown=shown, total=total))

    def _update_counts(self) -> None:
        counts = self.model.counts()
        for status, card in self.cards.items():
            card.set_count(counts.get(status, 0))
        unmeasured = self.cards["no_basis"]
        unmeasured.setVisible(counts.get("no_basis", 0) > 0)
        if unmeasured.isVisibleTo(self):
            from ui.common import i18n
            from wording.limit_status import no_basis_summary

            unmeasured.setToolTip(no_basis_summary(self.model.rows, i18n.wording_lang()) or "")
        issues = self._allocation_issues()
        self.alloc_card.set_count(len(issues))
        if issues:
            lines = []
            for a in issues:
                lines.append(self.tr("{limit}: member limits allocated {allocated} exceed the group limit of "
                                     "{available} (members' limits: {children})").format(
                    limit=a["limit_id"], allocated=fmt.yi(float(a["allocated_fen"]) / 100.0),
                    available=fmt.yi(float(a["available_fen"]) / 100.0), children="、".join(a["children"])))
            set_long_text(self.alloc_text, "\n".join(lines))
        else:
            self.alloc_text.setText(self.tr("None: every member sub-limit fits inside its group limit."))
        if self.view is not None:
            src = self.view.limits_source
            limits = (self.tr("limit set {id}, version {version}").format(id=src[0], version=src[1]) if src
                      else self.tr("limits of the data"))
            self.heading.setText(self.tr("{group} · data as of {as_of} · {n} limits ({limits})").format(
                group=self.view.data.group.name, as_of=self.view.as_of.isoformat(), n=len(self.model.rows),
                limits=limits))
        else:
            self.heading.setText(self.tr("No snapshot loaded. Import the quarter's data first."))

    def _allocation_issues(self) -> list[dict]:
        if self.view is None:
            return []
        return self.view.result.evaluation.allocation_issues.to_dict("records")

    def _resize_columns(self) -> None:
        """Short columns fit their contents; the key and the bar get a fixed width; the name takes the rest."""
        self.table.setColumnHidden(LimitsModel.CHANGE, self.view is None or self.view.previous is None)
        for col in (LimitsModel.ID, LimitsModel.DIMENSION, LimitsModel.SCOPE, LimitsModel.EXPOSURE,
                    LimitsModel.RATIO, LimitsModel.CHANGE, LimitsModel.WARNING, LimitsModel.LIMIT,
                    LimitsModel.FLAGGED):
            self.table.resizeColumnToContents(col)
            self.table.setColumnWidth(col, self.table.columnWidth(col) + 2)
        fm = self.table.fontMetrics()
        status_w = max([fm.horizontalAdvance(self.model.headerData(LimitsModel.STATUS_COL, Qt.Orientation.Horizontal)
                                             or "") + 30]
                       + [fm.horizontalAdvance(status_label(s)) + 34 for s in ("ok", "warning", "breach")])
        self.table.setColumnWidth(LimitsModel.STATUS_COL, status_w)
        self.table.setColumnWidth(LimitsModel.KEY, 150)
        self.table.setColumnWidth(LimitsModel.UTILISATION, 156)
        self.table.setColumnHidden(LimitsModel.CHANGE, self.view is None or self.view.previous is None)
        self._share_name_and_key()

    def _share_name_and_key(self) -> None:
        """The name takes what the other columns leave; when that is less than the key's 150 pixels (the
        English labels are wider), the key gives up width until the two are equal: both are long texts
        elided, rather than the name squeezed to two characters. Chinese leaves the name more: no change."""
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(header.count())
                     if c not in (LimitsModel.NAME, LimitsModel.KEY) and not header.isSectionHidden(c))
        room = self.table.viewport().width() - others
        key = max(min(150, room // 2), 60)
        if header.sectionSize(LimitsModel.KEY) != key and (key < 150 or header.sectionSize(LimitsModel.KEY) < 150):
            self.table.setColumnWidth(LimitsModel.KEY, key)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._share_name_and_key()
        return super().eventFilter(watched, event)

    def _activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        r = self.model.row(self.proxy.mapToSource(index).row())
        self.limit_activated.emit(r["scope"], r["dimension"], r["limit_id"])

    # -- language ---------------------------------------------------------------------------------
    def retranslate(self) -> None:
        captions = {"breach": self.tr("Breaches"), "warning": self.tr("Warnings"), "ok": self.tr("Within limits"),
                    "no_basis": self.tr("Cannot be measured")}
        for status, card in self.cards.items():
            card.caption.setText(captions[status])
            card.setToolTip(self.tr("Click to show only these limits; click again to show all."))
        self.alloc_card.caption.setText(self.tr("Allocation issues"))
        self.scope_label.setText(self.tr("Scope:"))
        self.dimension_label.setText(self.tr("Dimension:"))
        self.alloc_title.setText(self.tr("Allocation of group limits to members"))
        self.model.retranslate()
        self._fill_combos()
        self._update_counts()
        self._resize_columns()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
