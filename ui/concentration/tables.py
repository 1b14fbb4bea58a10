"""Small helpers for the screens' table views: click-to-sort on lazy models; copying, export and filtering
come from the one toolkit, ui.common.tables."""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QTableView


class HeaderSorter:
    """Click a header to sort an ArrayTableModel (descending first, again for ascending) — the model keeps
    core's order until then, which QTableView.setSortingEnabled would not."""

    def __init__(self, table: QTableView, model):
        self.table, self.model = table, model
        self.column: int | None = None
        self.order = Qt.SortOrder.DescendingOrder
        header = table.horizontalHeader()
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self.clicked)

    def clicked(self, column: int) -> None:
        if self.model.sort_values(column) is None:
            return
        self.order = (Qt.SortOrder.AscendingOrder
                      if self.column == column and self.order == Qt.SortOrder.DescendingOrder
                      else Qt.SortOrder.DescendingOrder)
        self.column = column
        self.model.sort(column, self.order)
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSortIndicator(column, self.order)

    def reset(self) -> None:
        self.column = None
        self.table.horizontalHeader().setSortIndicatorShown(False)


def selected_text(table: QTableView) -> str:
    """The selection (all rows when none is selected) as tab-separated text with the header (ui.common.tables)."""
    from ui.common.tables import selected_text as _selected_text

    return _selected_text(table)


def install_copy(table: QTableView) -> QObject:
    """The Excel-like table toolkit (ui.common.tables): Ctrl+C with headers, context menu, export, filter."""
    from ui.common.tables import excel_like

    return excel_like(table, table.objectName())
