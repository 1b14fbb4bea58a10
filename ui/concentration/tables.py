"""Small helpers for the screens' table views: click-to-sort on lazy models, copy rows as text."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
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
    """The selected rows (all rows when none is selected) as tab-separated text with the header, in the
    order shown and without hidden columns — what a spreadsheet expects on paste."""
    model = table.model()
    header = table.horizontalHeader()
    cols = [header.logicalIndex(v) for v in range(header.count())]
    cols = [c for c in cols if not table.isColumnHidden(c)]
    rows = sorted({i.row() for i in table.selectionModel().selectedRows()}) if table.selectionModel() else []
    if not rows:
        rows = list(range(model.rowCount()))
    lines = ["\t".join(str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in cols)]
    for r in rows:
        lines.append("\t".join(str(model.index(r, c).data() or "") for c in cols))
    return "\n".join(lines)


class _CopyFilter(QObject):
    """Ctrl+C on a table view: the selected rows as text (the view itself would copy one cell)."""

    def eventFilter(self, obj, event) -> bool:
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and \
                event.matches(QKeySequence.StandardKey.Copy):
            if event.type() == QEvent.Type.KeyPress:
                QGuiApplication.clipboard().setText(selected_text(obj))
            event.accept()
            return True
        return False


def install_copy(table: QTableView) -> QObject:
    """Ctrl+C on the table copies the selected rows (selected_text)."""
    f = _CopyFilter(table)
    table.installEventFilter(f)
    return f
