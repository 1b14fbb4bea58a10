"""Tables over numpy arrays handed to the view in batches (the sums of one dimension can have a million
keys; no row ever becomes an item object): the sums of a dimension and any frame.
"""
from __future__ import annotations

from typing import Callable

import numpy as np
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from ui.common import format as fmt
from ui.common.tables import ALIGN, BG, DISPLAY, LEFT, RAW, RIGHT, STATUS, TIP, Column  # the toolkit's roles
from ui.concentration.labels import STATUS_TINTS, _tr, yi_unit
from ui.concentration.view import SnapshotView

# --------------------------------------------------------------------------- lazily fetched array tables
# A column is the table toolkit's Column (ui.common.tables): header (a source in context ConcentrationModels),
# text and raw of a row (here the row's position in data order, an int), align (LEFT when not said), tip, and
# unit (yi_unit: the header says "(亿元)"); colours come from the highlight, not from the column.


class ArrayTableModel(QAbstractTableModel):
    """A read-only table over arrays, handed to the view in batches of BATCH rows (canFetchMore/fetchMore).

    Subclasses set `self.n` (rows in total) and `self.columns`; `self.order` (a permutation, None = data
    order) is what sort() changes. Nothing is built per row: data() reads the arrays when a cell is painted.
    Not the toolkit's RowsModel, which holds a Python object per row and resets to sort: a dimension's sums can
    have a million keys, so the rows here are positions in numpy arrays, fetched in batches, sorted by a numpy
    permutation and tinted by key. The columns are the toolkit's.
    """

    BATCH = 256

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.columns: list[Column] = []
        self.n = 0
        self.loaded = 0
        self.order: np.ndarray | None = None
        self.highlight: dict[str, str] = {}      # key -> status: rows tinted
        self._key_of: Callable[[int], str] | None = None

    def _reset(self, n: int) -> None:
        self.n = n
        self.order = None
        self.loaded = min(n, self.BATCH)

    def source_row(self, row: int) -> int:
        return int(self.order[row]) if self.order is not None else row

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.loaded

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self.loaded < self.n

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid() or self.loaded >= self.n:
            return
        more = min(self.BATCH, self.n - self.loaded)
        self.beginInsertRows(QModelIndex(), self.loaded, self.loaded + more - 1)
        self.loaded += more
        self.endInsertRows()

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == DISPLAY else None
        if section >= len(self.columns):
            return None
        col = self.columns[section]
        if role == DISPLAY:
            text = _tr(col.header)
            return f"{text} ({col.unit()})" if col.unit is not None else text
        if role == ALIGN:
            return LEFT if col.align is None else col.align
        return None

    def data(self, index: QModelIndex, role=DISPLAY):
        if not index.isValid() or index.row() >= self.loaded:
            return None
        i = self.source_row(index.row())
        col = self.columns[index.column()]
        if role == DISPLAY:
            return col.text(i)
        if role == RAW:
            return col.raw(i) if col.raw else col.text(i)
        if role == ALIGN:
            return LEFT if col.align is None else col.align
        if role in (BG, STATUS) and self.highlight and self._key_of is not None:
            status = self.highlight.get(self._key_of(i))
            if role == STATUS:
                return status
            return QBrush(QColor(STATUS_TINTS[status])) if status else None
        if role == TIP:
            return col.tip(i) if col.tip is not None else self.tooltip(i)
        return None

    def tooltip(self, i: int) -> str | None:
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.columns)) or self.n == 0:
            return
        values = self.sort_values(column)
        if values is None:
            return
        self.layoutAboutToBeChanged.emit()
        if order == Qt.SortOrder.DescendingOrder:   # stable: equal values keep their order either way
            perm = np.argsort(-values if values.dtype.kind in "if" else values, kind="stable")
            if values.dtype.kind not in "if":
                perm = perm[::-1]
        else:
            perm = np.argsort(values, kind="stable")
        self.order = perm
        self.layoutChanged.emit()

    def sort_values(self, column: int) -> np.ndarray | None:
        """An array of sortable values in data order for `column` (subclasses); None = not sortable."""
        return None

    def set_highlight(self, highlight: dict[str, str]) -> None:
        self.highlight = dict(highlight)
        if self.loaded:
            self.dataChanged.emit(self.index(0, 0), self.index(self.loaded - 1, len(self.columns) - 1))

    def row_of_key(self, key: str) -> int | None:
        """The view row showing `key` (fetching up to it), or None."""
        if self._key_of is None:
            return None
        for row in range(self.n):
            if self._key_of(self.source_row(row)) == key:
                while self.loaded <= row and self.canFetchMore():
                    self.fetchMore()
                return row
        return None

    def retranslate(self) -> None:
        if self.loaded:
            self.dataChanged.emit(self.index(0, 0), self.index(self.loaded - 1, len(self.columns) - 1))
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)


class SumsModel(ArrayTableModel):
    """The aggregate sums of one dimension and scope: key, name, total, counted, share, cumulative share.

    Rows come by total, largest first (`by_total`): the basis of the shares, the cumulative share, the
    indices (top-N, HHI: exempt exposures included, as the guideline's indices are) and the top-10 chart,
    so that the cumulative share at row 5 is the "top 5 share" shown above the table. With a limit in focus
    (`by_total` False) they come in core's order instead, what counts against the limits first and the exempt
    amounts last, and the chart follows. The Counted column is what counts against the limits (an exempt
    amount is not counted; its tooltip says so); any column sorts by a header click (a numpy permutation,
    still nothing per row).
    """

    KEY, NAME, TOTAL, COUNTED, SHARE, CUMULATIVE, RATIO = range(7)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.keys = np.array([], dtype=object)
        self.totals = np.array([], dtype=np.int64)
        self.countable = np.array([], dtype=np.int64)
        self.shares = np.array([], dtype=np.float64)
        self.cumulative = np.array([], dtype=np.float64)
        self.name_of: Callable[[str], str] = lambda key: ""
        self.dimension = ""
        self.scope = ""
        self.basis_fen: int | None = None      # of the limit in focus: the RATIO column's denominator
        self._key_of = lambda i: self.keys[i]
        self.columns = [
            Column(QT_TRANSLATE_NOOP("ConcentrationModels", "Key"), lambda i: str(self.keys[i])),
            Column(QT_TRANSLATE_NOOP("ConcentrationModels", "Name"), lambda i: self.name_of(self.keys[i])),
            Column(QT_TRANSLATE_NOOP("ConcentrationModels", "Total"),
                   lambda i: fmt.yi(self.totals[i] / 100.0, unit=False), lambda i: int(self.totals[i]), RIGHT,
                   unit=yi_unit),
            Column(QT_TRANSLATE_NOOP("ConcentrationModels", "Counted"),
                   lambda i: fmt.yi(self.countable[i] / 100.0, unit=False), lambda i: int(self.countable[i]),
                   RIGHT, unit=yi_unit),
            Column(QT_TRANSLATE_NOOP("ConcentrationModels", "Share of total"),
                   lambda i: fmt.percent(self.shares[i]), lambda i: float(self.shares[i]), RIGHT),
            Column(QT_TRANSLATE_NOOP("ConcentrationModels", "Cumulative share of total"),
                   lambda i: fmt.percent(self._cum(i)), lambda i: float(self._cum(i)), RIGHT),
            Column(QT_TRANSLATE_NOOP("ConcentrationModels", "Ratio to the limit's basis"),
                   lambda i: fmt.percent(self._ratio(i)), lambda i: self._ratio(i) or 0.0, RIGHT),
        ]

    def set_basis(self, basis_fen: int | None) -> None:
        """The denominator of the limit in focus (None: no limit, the RATIO column is empty)."""
        self.basis_fen = int(basis_fen) if basis_fen else None
        if self.loaded:
            self.dataChanged.emit(self.index(0, self.RATIO), self.index(self.loaded - 1, self.RATIO))

    def _ratio(self, i: int) -> float | None:
        return None if not self.basis_fen else float(self.countable[i]) / self.basis_fen

    def set_arrays(self, dimension: str, scope: str, keys: np.ndarray, totals: np.ndarray,
                   countable: np.ndarray, name_of: Callable[[str], str] | None = None,
                   by_total: bool = True) -> None:
        self.beginResetModel()
        self.dimension, self.scope = dimension, scope
        self.keys = np.asarray(keys, dtype=object)
        self.totals = np.asarray(totals, dtype=np.int64)
        self.countable = np.asarray(countable, dtype=np.int64)
        whole = float(self.totals[self.totals > 0].sum()) if len(self.totals) else 0.0
        self.shares = self.totals / whole if whole > 0 else np.zeros(len(self.totals))
        self.cumulative = np.array([], dtype=np.float64)   # computed for the shown order when asked
        self.name_of = name_of or (lambda key: "")
        self.highlight = {}
        self._reset(len(self.keys))
        if len(self.keys) and by_total:
            # largest total first, ties by key: the order of the indices and the chart (see the class doc)
            self.order = np.lexsort((self.keys.astype(str), -self.totals))
        self.endResetModel()

    def set_view(self, view: SnapshotView, scope: str, dimension: str, by_total: bool = True) -> None:
        keys, totals, countable = view.block(scope, dimension)
        self.set_arrays(dimension, scope, keys, totals, countable,
                        lambda key, v=view, d=dimension: v.key_name(d, key), by_total=by_total)
        self.by_total = by_total

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        super().sort(column, order)
        self.cumulative = np.array([], dtype=np.float64)

    def _cum(self, i: int) -> float:
        """Cumulative share down the rows as shown (order-aware, computed once per order)."""
        if len(self.cumulative) != self.n:
            shown = self.shares if self.order is None else self.shares[self.order]
            cum_shown = np.cumsum(shown)
            cum = np.empty(self.n)
            if self.order is None:
                cum = cum_shown
            else:
                cum[self.order] = cum_shown
            self.cumulative = cum
        return float(self.cumulative[i])

    def sort_values(self, column: int):
        if column == self.KEY:
            return self.keys.astype(str)
        if column == self.NAME:
            return np.asarray([self.name_of(k) for k in self.keys.tolist()], dtype=str)
        if column in (self.TOTAL, self.SHARE):
            return self.totals
        if column in (self.COUNTED, self.RATIO):
            return self.countable
        return None

    def key_at(self, row: int) -> str:
        return str(self.keys[self.source_row(row)])

    def first(self, n: int = 10) -> list[tuple[str, int]]:
        """The first n rows in the order the model came in (key, amount): what the bar chart shows, so that
        it is the table's top. The amount is the total, or with a limit in focus what counts against it."""
        if self.n == 0:
            return []
        if getattr(self, "by_total", True):
            return self.top(n)
        idx = np.arange(min(n, self.n))
        return [(str(self.keys[i]), int(self.countable[i])) for i in idx if self.countable[i] > 0]

    def top(self, n: int = 10) -> list[tuple[str, int]]:
        """The n largest totals (key, total_fen), largest first."""
        if self.n == 0:
            return []
        k = min(n, self.n)
        idx = np.argpartition(-self.totals, k - 1)[:k] if self.n > k else np.arange(self.n)
        idx = idx[np.lexsort((self.keys[idx].astype(str), -self.totals[idx]))]
        return [(str(self.keys[i]), int(self.totals[i])) for i in idx if self.totals[i] > 0]

    def tooltip(self, i: int) -> str | None:
        if self.countable[i] != self.totals[i]:
            return QCoreApplication.translate("ConcentrationModels", "Exempt amounts count in the total and the indices, not against the limits.")
        return None


class FrameModel(ArrayTableModel):
    """A read-only table over a DataFrame's columns (drill-down members and exposures), fetched lazily."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.frame = None

    def set_frame(self, frame, columns: list[Column], key_column: str | None = None) -> None:
        self.beginResetModel()
        self.frame = frame
        self.columns = columns
        self._arrays = {c: frame[c].to_numpy(dtype=object) for c in frame.columns}
        self._key_of = (lambda i: self._arrays[key_column][i]) if key_column else None
        self._reset(len(frame))
        self.endResetModel()

    def value(self, row: int, column: str):
        return self._arrays[column][self.source_row(row)]

    def sort_values(self, column: int):
        col = self.columns[column]
        if col.raw is None:
            return np.asarray([col.text(i) for i in range(self.n)], dtype=str)
        vals = [col.raw(i) for i in range(self.n)]
        try:
            return np.asarray(vals, dtype=np.float64)
        except (TypeError, ValueError):
            return np.asarray([str(v) for v in vals], dtype=str)
