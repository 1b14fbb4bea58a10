"""Layout helpers the rating screen's panels share: a scroll area, a titled box, a read-only table, and a
table as tall as all its rows (which stays so when its rows wrap anew)."""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHeaderView,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.common.tables import read_only_table


def scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area


def box(widget: QWidget) -> QGroupBox:
    group = QGroupBox()
    lay = QVBoxLayout(group)
    lay.setContentsMargins(6, 6, 6, 6)
    lay.addWidget(widget)
    return group


def table(model, name: str, stretch: int) -> QTableView:
    """A read-only table of `model` from the one table toolkit (ui.common.tables: whole rows selected,
    Ctrl+C with headers, export, filter), columns as wide as their contents but `stretch`, rows as tall as
    their (wrapped) texts, and no alternating colours: rows are coloured by risk or by a rule that fired."""
    view = read_only_table(model, name)
    view.setAlternatingRowColors(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    view.horizontalHeader().setHighlightSections(False)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


def fit_table(view: QTableView) -> None:
    """The table as tall as its header and all its rows (the panel around it scrolls, not the table)."""
    view.resizeRowsToContents()
    header = view.horizontalHeader()   # not laid out yet while its tab has never been shown
    h = max(header.height(), header.sizeHint().height()) + 2 * view.frameWidth()
    h += sum(view.rowHeight(r) for r in range(view.model().rowCount()))
    view.setFixedHeight(h + 2)


def follow_row_heights(view: QTableView, context: QObject) -> None:
    """Keep a table that shows all its rows (fit_table) as tall as they are: a row grows when its text wraps
    anew — another language, a narrower panel — and the table's height must grow with it, or its last rows
    (综合得分) are cut off. Refitted once per burst of row resizes, while `context` exists."""
    pending: list[bool] = []

    def refit(*_args) -> None:
        if not pending:
            pending.append(True)
            QTimer.singleShot(0, context, lambda: (pending.clear(), fit_table(view)))

    view.verticalHeader().sectionResized.connect(refit)
