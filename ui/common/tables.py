"""Excel-like tables: the one toolkit every screen's table views use.

Risk officers live in Excel: they select a block of rows, press Ctrl+C and paste into a workbook, or want
the whole table in one. `excel_like(view, title)` gives any QTableView that:

- extended selection (Shift/Ctrl-click, Ctrl+A), rows or cells;
- Ctrl+C copies the selection WITH its column headers, tab-separated (what a spreadsheet expects on paste),
  in the order shown, without hidden columns or rows filtered out; nothing selected copies the whole table;
- a context menu: Copy, Copy the whole table, Export this table to XLSX… (through ui.common.export, which
  keeps text as text: a value starting with "=" never becomes a formula; figures stay numbers), Filter…;
- a filter box (Ctrl+F, or placed by the screen above a long table): rows without the typed text in any
  shown cell are hidden — the model and its row numbers stay as they are, so a screen's selection logic
  is untouched;
- columns that stay inside the table: when the columns a screen fitted are wider together than the table
  (a 1366×768 laptop, English words), the widest give up width first ("water-filling", down to a floor),
  so no column is pushed off to the right behind a scroll bar; a shortened cell shows its whole text as
  a tooltip. Columns in `keep` (a before → after pair of badges) keep their width. They get their width
  back when the table widens.

The table models of the screens are described, not coded: a `Column` says a column's key, its header (an
English source translated in the model's context), its alignment, how a row becomes its text (a formatter
of ui.common.format / wording), its raw value (sorting, export, tests), colours, tooltip and status (the
STATUS role a `StatusChipDelegate` paints as a chip). `RowsModel(columns)` shows a list of row objects
through them, read-only; `CellsModel` shows rows a screen prepares cell by cell (a text or a dict of roles)
through the same; `SortProxy` sorts on the raw values and filters with a predicate on the row.
The item-data roles every screen's models use are defined here once (DISPLAY … ROW).

`read_only_table(model, name)` builds a new view already set up that way.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QRectF,
    QSettings,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QGuiApplication, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)
from shiboken6 import isValid

from ui.common.export import table_value, write_xlsx_safe

# ------------------------------------------------------------------------------------------ roles
DISPLAY = Qt.ItemDataRole.DisplayRole
EDIT = Qt.ItemDataRole.EditRole
TIP = Qt.ItemDataRole.ToolTipRole
FG = Qt.ItemDataRole.ForegroundRole
BG = Qt.ItemDataRole.BackgroundRole
FONT = Qt.ItemDataRole.FontRole
ALIGN = Qt.ItemDataRole.TextAlignmentRole
RAW = Qt.ItemDataRole.UserRole             # the unformatted value (sorting, export, tests)
STATUS = Qt.ItemDataRole.UserRole + 1      # the status code of the cell ("ok"/"warning"/...): painted as a chip
ROW = Qt.ItemDataRole.UserRole + 5         # the row object itself (RowsModel)
# UserRole + 2 … + 4 are the limits table's editing roles (ui.limits.models: CHOICES, LIVE)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
CENTER = int(Qt.AlignmentFlag.AlignCenter)


def bold_font() -> QFont:
    f = QFont()
    f.setBold(True)
    return f


# ------------------------------------------------------------------------------------------ column specs
@dataclass
class Column:
    """One column of a read-only table: what a row shows in it and how (see the module doc)."""

    header: str                                        # English source, translated in the model's context
    text: Callable[[Any], str] = str                   # the row as the cell's text (a ui.common.format formatter)
    raw: Callable[[Any], Any] | None = None            # the value sorted and exported (default: the text)
    align: int | None = None                           # LEFT / RIGHT / CENTER
    fg: Callable[[Any], str | None] | None = None      # text colour
    bg: Callable[[Any], str | None] | None = None      # cell tint
    bold: Callable[[Any], bool] | None = None
    tip: Callable[[Any], str | None] | None = None
    status: Callable[[Any], Any] | None = None         # the STATUS role: a status code (a chip delegate paints it)
    header_args: dict | None = None                    # str.format fields of the translated header
    key: str = ""                                      # the column's name, for a screen to find it
    unit: Callable[[], str] | None = None              # the header says the unit: "Exposure (亿元)"
    tag: Any = field(default=None, compare=False)      # the screen's own note on the column


class RowsModel(QAbstractTableModel):
    """A read-only table of Python objects, one per row, described by `Column`s.

    Headers are translated in CONTEXT (a subclass sets its screen's). A subclass may override `data` for a
    role the columns do not describe and fall back on this one."""

    CONTEXT = "Tables"

    def __init__(self, columns: list[Column], parent: QObject | None = None):
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list = []

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def column(self, key: str) -> int:
        """The index of the column whose key is `key`."""
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def retranslate(self) -> None:
        """The interface language changed: headers and texts again."""
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1))

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def header_text(self, c: Column) -> str:
        text = QCoreApplication.translate(self.CONTEXT, c.header)
        if c.header_args:
            text = text.format(**c.header_args)
        return f"{text} ({c.unit()})" if c.unit is not None else text

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY and 0 <= section < len(self.columns):
            return self.header_text(self.columns[section])
        return None

    def data(self, index: QModelIndex, role=DISPLAY):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        c = self.columns[index.column()]
        if role == DISPLAY:
            return c.text(row)
        if role == RAW:
            return c.raw(row) if c.raw else c.text(row)
        if role == ROW:
            return row
        if role == ALIGN:
            return c.align
        if role == STATUS:
            return c.status(row) if c.status else None
        if role == FG and c.fg:
            colour = c.fg(row)
            return QBrush(QColor(colour)) if colour else None
        if role == BG and c.bg:
            colour = c.bg(row)
            return QBrush(QColor(colour)) if colour else None
        if role == FONT and c.bold and c.bold(row):
            return bold_font()
        if role == TIP:
            return c.tip(row) if c.tip else None
        return None


def cell_role(cell: Any, role: int) -> Any:
    """What a prepared cell (CellsModel) says for `role`: a dict of roles, or a plain text (its DISPLAY only)."""
    if isinstance(cell, dict):
        return cell.get(role)
    return cell if role == DISPLAY else None


def _cell_column(i: int) -> Column:
    return Column("", text=lambda row: cell_role(row[i], DISPLAY), raw=lambda row: cell_role(row[i], DISPLAY),
                  fg=lambda row: cell_role(row[i], FG), bg=lambda row: cell_role(row[i], BG),
                  bold=lambda row: cell_role(row[i], FONT) == "bold", tip=lambda row: cell_role(row[i], TIP), tag=i)


class CellsModel(RowsModel):
    """A read-only table of rows a screen prepares cell by cell, for tables whose rows are not objects of one
    kind (a result's lines, a record's fields): each cell a text, or a dict of roles ({DISPLAY: .., BG:
    "#fff3d6", FONT: "bold", ALIGN: RIGHT, TIP: ..}). It is RowsModel with one Column per header reading those
    cells; what it adds: headers already in the interface language (a list, or a function the model calls
    again on `retranslate`, e.g. of the screen's tr()), set again with `set_headers` when a table shows another
    kind of record; a cell aligns itself; `row_data` keeps an object per row (what a row shows); `set_rows`
    updates in place when the shape stays the same (IN_PLACE), so a view keeps its row heights and selection
    while the officer types."""

    IN_PLACE = True     # False: every set_rows resets the model (a filter box then applies to the new rows)

    def __init__(self, headers: list[str] | Callable[[], list[str]] = (), parent: QObject | None = None):
        self._headers = headers
        self._header_cache = headers() if callable(headers) else list(headers)
        super().__init__([_cell_column(i) for i in range(len(self._header_cache))], parent)
        self.row_data: list[Any] = []

    def set_headers(self, headers: list[str]) -> None:
        """Other columns (and no rows until `set_rows`)."""
        self.beginResetModel()
        self._headers = headers
        self._header_cache = list(headers)
        self.columns = [_cell_column(i) for i in range(len(headers))]
        self.rows, self.row_data = [], []
        self.endResetModel()

    def set_rows(self, rows: list[list[Any]], row_data: list[Any] | None = None) -> bool:  # type: ignore[override]
        """Show `rows`; False if nothing changed (see the class doc)."""
        row_data = row_data if row_data is not None else [None] * len(rows)
        if rows == self.rows:
            self.row_data = row_data
            return False
        if self.IN_PLACE and len(rows) == len(self.rows) and rows and all(
                len(a) == len(b) for a, b in zip(rows, self.rows)):
            self.rows, self.row_data = rows, row_data
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, self.columnCount() - 1))
            return True
        self.row_data = row_data
        super().set_rows(rows)
        return True

    def display_texts(self) -> list[list[Any]]:
        return [[cell_role(c, DISPLAY) for c in row] for row in self.rows]

    def retranslate(self) -> None:
        if callable(self._headers):
            self._header_cache = self._headers()
        super().retranslate()

    def headers(self) -> list[str]:
        return self._header_cache

    def header_text(self, c: Column) -> str:
        return self._header_cache[c.tag]      # already in the interface language

    def data(self, index: QModelIndex, role=DISPLAY):
        if role == ALIGN and index.isValid():
            return cell_role(self.rows[index.row()][index.column()], ALIGN)
        return super().data(index, role)


class SortProxy(QSortFilterProxyModel):
    """Sorts on the raw values (None last) and filters with a predicate on the row object."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.setSortRole(RAW)
        self.predicate: Callable[[Any], bool] | None = None

    def set_predicate(self, predicate: Callable[[Any], bool] | None) -> None:
        self.beginFilterChange()
        self.predicate = predicate
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        if self.predicate is None:
            return True
        return bool(self.predicate(self.sourceModel().rows[source_row]))

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:
        a, b = left.data(RAW), right.data(RAW)
        if a is None or b is None:
            return a is None and b is not None if self.sortOrder() == Qt.SortOrder.DescendingOrder else \
                a is not None and b is None
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)


# ------------------------------------------------------------------------------------------ status chips
# "absent" (a limit the other set does not have) is the limits screen's; the others are the report colours
_CHIP_EXTRA = {"absent": ("#9e9e9e", "#f5f5f5")}
_CHIP_OTHER = ("#78909c", "#eceff1")


def chip_colours(status: str | None) -> tuple[str, str]:
    """(line and text colour, fill) of a status chip: the board report's colours (ui.common.format)."""
    from ui.common.format import status_colours

    colour, tint = status_colours(status)
    if colour is None:
        return _CHIP_EXTRA.get(status or "", _CHIP_OTHER)
    return colour, tint or _CHIP_OTHER[1]


def paint_chip(painter: QPainter, rect: QRectF, text: str, status: str | None) -> None:
    """A rounded chip: the status word in its colour on its tint (font and pen already set by the caller)."""
    colour, tint = chip_colours(status)
    painter.setPen(QPen(QColor(colour), 1))
    painter.setBrush(QColor(tint))
    painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
    painter.setPen(QColor(colour))
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)


class StatusChipDelegate(QStyledItemDelegate):
    """Paints a cell whose STATUS role holds a status code as a chip with its DISPLAY text; a cell without
    one as usual. `pad`: the chip's height over the text's; `height`: the row height it asks for."""

    def __init__(self, parent: QObject | None = None, *, pad: int = 6, height: int = 28):
        super().__init__(parent)
        self.pad, self.height = pad, height

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        status = index.data(STATUS)
        text = index.data(DISPLAY) or ""
        if not status or not isinstance(status, str):
            super().paint(painter, option, index)
            return
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        fm = option.fontMetrics
        w = min(fm.horizontalAdvance(text) + 22, option.rect.width() - 4)
        h = min(fm.height() + self.pad, option.rect.height() - 4)
        chip = QRectF(option.rect.center().x() - w / 2, option.rect.center().y() - h / 2, w, h)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setFont(_bold(option.font))
        paint_chip(painter, chip, text, status)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        return QSize(option.fontMetrics.horizontalAdvance(index.data() or "") + 28 + self.pad, self.height)


def _bold(font: QFont) -> QFont:
    f = QFont(font)
    f.setBold(True)
    return f

_TOOLS_ATTR = "_excel_tools"


def _clean(text) -> str:
    # a tab or line break inside a cell would split it into two cells or rows on paste
    return ("" if text is None else str(text)).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def visible_columns(view: QTableView) -> list[int]:
    header = view.horizontalHeader()
    cols = [header.logicalIndex(v) for v in range(header.count())]
    return [c for c in cols if not view.isColumnHidden(c)]


def visible_rows(view: QTableView) -> list[int]:
    model = view.model()
    return [r for r in range(model.rowCount()) if not view.isRowHidden(r)] if model is not None else []


def header_texts(view: QTableView, cols: list[int]) -> list[str]:
    model = view.model()
    return [_clean(model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)) for c in cols]


def selection_block(view: QTableView) -> tuple[list[int], list[int]]:
    """(rows, columns) of the selection, in the order shown; the whole table when nothing is selected.
    A row selection takes every shown column; a cell selection the columns its cells are in."""
    cols = visible_columns(view)
    sel = view.selectionModel()
    indexes = [i for i in (sel.selectedIndexes() if sel is not None else []) if not view.isRowHidden(i.row())]
    if not indexes:
        return visible_rows(view), cols
    rows = sorted({i.row() for i in indexes})
    if view.selectionBehavior() != QAbstractItemView.SelectionBehavior.SelectRows:
        chosen = {i.column() for i in indexes}
        cols = [c for c in cols if c in chosen]
    return rows, cols


def selected_text(view: QTableView, whole: bool = False) -> str:
    """The selection (or the whole table) as tab-separated lines, the column headers first."""
    rows, cols = (visible_rows(view), visible_columns(view)) if whole else selection_block(view)
    model = view.model()
    lines = ["\t".join(header_texts(view, cols))]
    for r in rows:
        lines.append("\t".join(_clean(model.index(r, c).data()) for c in cols))
    return "\n".join(lines)


def table_content(view: QTableView) -> tuple[list[str], list[list]]:
    """(headers, rows) of the table as shown (filtered rows and hidden columns left out), each cell the
    value to export: figures (right-aligned cells) as numbers, the rest as text."""
    rows, cols = visible_rows(view), visible_columns(view)
    model = view.model()
    out = []
    for r in rows:
        line = []
        for c in cols:
            index = model.index(r, c)
            align = index.data(Qt.ItemDataRole.TextAlignmentRole)
            try:
                numeric = bool(Qt.AlignmentFlag(int(align)) & Qt.AlignmentFlag.AlignRight) if align is not None \
                    else False
            except (TypeError, ValueError):
                numeric = bool(align & Qt.AlignmentFlag.AlignRight) if align is not None else False
            line.append(table_value(_clean(index.data()) if index.data() is not None else None, numeric))
        out.append(line)
    return header_texts(view, cols), out


def row_matches(view: QTableView, row: int, needle: str, cols: list[int]) -> bool:
    model = view.model()
    return any(needle in _clean(model.index(row, c).data()).casefold() for c in cols)


class TableTools(QObject):
    """The Excel-like behaviour of one table view (see the module doc); kept on the view."""

    def __init__(self, view: QTableView, title: str = "", filter_edit: QLineEdit | None = None):
        super().__init__(view)
        self.view = view
        self.title = title
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.filter_edit = filter_edit if filter_edit is not None else QLineEdit()
        self._overlay = filter_edit is None           # not placed by the screen: shown over the table on demand
        if not self.filter_edit.objectName():
            self.filter_edit.setObjectName((view.objectName() or "table") + "Filter")
        self.filter_edit.setClearButtonEnabled(True)
        if self._overlay:
            self.filter_edit.setParent(view)
            self.filter_edit.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(lambda _t: self._timer.start())
        self.filter_edit.installEventFilter(self)

        self.copy_action = QAction(view)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.triggered.connect(self.copy)
        self.copy_all_action = QAction(view)
        self.copy_all_action.triggered.connect(lambda: self.copy(whole=True))
        self.export_action = QAction(view)
        self.export_action.setObjectName("exportTableAction")
        self.export_action.triggered.connect(self.export)
        self.filter_action = QAction(view)
        self.filter_action.setShortcut(QKeySequence.StandardKey.Find)
        self.filter_action.triggered.connect(self.show_filter)
        for a in (self.copy_action, self.copy_all_action, self.export_action, self.filter_action):
            a.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)   # keys are handled in eventFilter
            view.addAction(a)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        view.installEventFilter(self)
        # fitting the columns into the width (see the module doc)
        self.keep: set[int] = set()
        self.floor = 36          # narrow, but its header starts in view and the cell tooltip gives it whole
        self._natural: dict[int, int] = {}
        self._fitting = False
        self._manual = False
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)          # after the screen's own fitting of the same event
        self._fit_timer.timeout.connect(self.fit_width)
        view.horizontalHeader().sectionResized.connect(self._section_resized)
        view.viewport().installEventFilter(self)
        self._watch(view.model())
        self.retranslate()

    # ------------------------------------------------------------------------------------------ model
    def _watch(self, model) -> None:
        if model is None:
            return
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted):
            signal.connect(self._refilter_later)

    def _refilter_later(self, *args) -> None:
        if self.filter_edit.text():
            self._timer.start()
        self._fit_timer.start()

    # ------------------------------------------------------------------------------------------ width
    def _section_resized(self, logical: int, old: int, new: int) -> None:
        if not self._fitting and QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton:
            # the officer drags a column's edge: their widths win, the table no longer fits itself
            self._manual = True
            return
        if not self._fitting:
            # the screen (or the user) sized it: that is the column's natural width from now on
            self._natural[logical] = new
            self._fit_timer.start()

    def fit_width(self) -> None:
        """Shrink the widest columns until every column ends inside the table (see the module doc)."""
        if not isValid(self.view) or self._manual:
            return
        view, header = self.view, self.view.horizontalHeader()
        if view.model() is None or header.count() == 0 or not view.isVisible():
            return
        cols = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        if not cols:
            return
        last = max(cols, key=header.visualIndex)
        mode = QHeaderView.ResizeMode
        movable, fixed = [], 0
        for c in cols:
            if header.sectionResizeMode(c) == mode.Interactive and c not in self.keep:
                movable.append(c)
            elif header.sectionResizeMode(c) == mode.Stretch:
                fixed += max(header.minimumSectionSize(), 40)
            else:
                fixed += header.sectionSize(c)
        natural = {}
        for c in movable:
            n = self._natural.get(c, header.sectionSize(c))
            if c == last and header.stretchLastSection():
                n = min(n, max(view.sizeHintForColumn(c), header.sectionSizeHint(c)) + 8)
            natural[c] = max(n, 1)
        room = view.viewport().width() - fixed
        widths = dict(natural)
        if sum(natural.values()) > room and natural:
            # the cap that makes sum(min(w, cap)) == room, never below the floor
            order = sorted(natural.values())
            left, n, cap = room, len(order), None
            for i, w in enumerate(order):
                if w * (n - i) >= left:
                    cap = left // (n - i)
                    break
                left -= w
            cap = max(self.floor, cap if cap is not None else order[-1])
            widths = {c: min(w, cap) for c, w in natural.items()}
        self._fitting = True
        try:
            for c, w in widths.items():
                if header.sectionSize(c) != w and not (c == last and header.stretchLastSection()
                                                       and w >= natural[c]):
                    header.resizeSection(c, w)
            # a stretched last column keeps a minimum of Qt's own: take what still sticks out from the
            # widest of the others
            for _ in range(4):
                over = header.length() - view.viewport().width()
                others = [c for c in movable if c != last and header.sectionSize(c) - over >= self.floor // 2]
                if over <= 0 or not others:
                    break
                widest = max(others, key=header.sectionSize)
                header.resizeSection(widest, header.sectionSize(widest) - over)
        finally:
            self._fitting = False

    # ------------------------------------------------------------------------------------------ actions
    def copy(self, whole: bool = False) -> str:
        text = selected_text(self.view, whole=whole)
        QGuiApplication.clipboard().setText(text)
        return text

    def export(self) -> str | None:
        """Ask where, then write the table as shown (filtered rows left out) to an XLSX workbook."""
        folder = QSettings().value("export/folder", "", type=str) or str(Path.home())
        name = (self.title or "table").replace("/", "-").replace("\\", "-")
        path, _ = QFileDialog.getSaveFileName(self.view, self.tr("Export this table"),
                                              str(Path(folder) / f"{name}.xlsx"), self.tr("Excel workbook (*.xlsx)"))
        if not path:
            return None
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        QSettings().setValue("export/folder", str(Path(path).parent))
        return self.export_to(path)

    def export_to(self, path: str):
        """Write the table to `path` in a worker; the status bar says where it went. Not before the history's
        opening check has passed (ui.session.before_print: it waits for a verdict still to come)."""
        from ui.common.ops import run_op
        from ui.session import before_print

        if not before_print(self.view):
            return None
        headers, rows = table_content(self.view)
        sheet = self.title or "Sheet1"

        def done(written) -> None:
            window = self.view.window()
            if isinstance(window, QMainWindow) and window.statusBar() is not None:
                window.statusBar().showMessage(self.tr("Table exported to {path}").format(path=written), 8000)

        return run_op(self.view, _write, str(path), headers, rows, sheet, on_done=done,
                      progress_label=self.tr("Exporting the table…"))

    def show_filter(self) -> None:
        if self._overlay:
            self._place_overlay()
            self.filter_edit.show()
            self.filter_edit.raise_()
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def _place_overlay(self) -> None:
        width = min(260, max(160, self.view.width() // 3))
        top = self.view.horizontalHeader().height() + 2 if self.view.horizontalHeader().isVisible() else 2
        self.filter_edit.setFixedWidth(width)
        self.filter_edit.move(max(0, self.view.width() - width - 24), top)

    def apply_filter(self) -> None:
        """Hide the rows without the filter's text in any shown cell (case-insensitive)."""
        needle = self.filter_edit.text().strip().casefold()
        model = self.view.model()
        if model is None:
            return
        cols = visible_columns(self.view)
        for r in range(model.rowCount()):
            self.view.setRowHidden(r, bool(needle) and not row_matches(self.view, r, needle, cols))

    def clear_filter(self) -> None:
        self.filter_edit.clear()
        self.apply_filter()
        if self._overlay:
            self.filter_edit.hide()
            self.view.setFocus()

    # ------------------------------------------------------------------------------------------ events
    def eventFilter(self, obj, event) -> bool:
        if not isValid(self.view):          # the view is being destroyed: its viewport still sends events
            return False
        if obj is self.view:
            if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
                for seq, act in ((QKeySequence.StandardKey.Copy, self.copy),
                                 (QKeySequence.StandardKey.Find, self.show_filter)):
                    if event.matches(seq):
                        # accepted on ShortcutOverride so that the window's own Edit actions do not take it
                        if event.type() == QEvent.Type.KeyPress:
                            act()
                        event.accept()
                        return True
            elif event.type() == QEvent.Type.LanguageChange:
                self.retranslate()
            elif event.type() == QEvent.Type.Resize and self._overlay and self.filter_edit.isVisible():
                self._place_overlay()
            elif event.type() == QEvent.Type.Show:
                self._fit_timer.start()
        elif obj is self.view.viewport():
            if event.type() == QEvent.Type.Resize:
                self._fit_timer.start()
            elif event.type() == QEvent.Type.ToolTip:
                return self._cell_tooltip(event)
        elif obj is self.filter_edit and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Escape:
            self.clear_filter()
            return True
        return False

    def _cell_tooltip(self, event) -> bool:
        """A cell whose text was shortened shows it whole (unless the model has a tooltip of its own)."""
        index = self.view.indexAt(event.pos())
        if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return False
        text = _clean(index.data())
        room = self.view.visualRect(index).width() - 8
        if text and self.view.fontMetrics().horizontalAdvance(text) > room:
            QToolTip.showText(event.globalPos(), text, self.view.viewport())
            return True
        return False

    def retranslate(self) -> None:
        self.copy_action.setText(self.tr("Copy with headers"))
        self.copy_all_action.setText(self.tr("Copy the whole table"))
        self.export_action.setText(self.tr("Export this table to Excel…"))
        self.filter_action.setText(self.tr("Filter rows…"))
        self.filter_edit.setPlaceholderText(self.tr("Filter rows (Esc clears)"))


def _write(path, headers, rows, sheet):
    return str(write_xlsx_safe(path, headers, rows, sheet=sheet))


def excel_like(view: QTableView, title: str = "", filter_edit: QLineEdit | None = None,
               keep=()) -> TableTools:
    """Give `view` the Excel-like behaviour (once; a second call returns the same tools, title updated).
    `keep`: columns that keep their width when the columns are fitted into the table."""
    tools = getattr(view, _TOOLS_ATTR, None)
    if tools is None:
        tools = TableTools(view, title, filter_edit)
        setattr(view, _TOOLS_ATTR, tools)
    elif title:
        tools.title = title
    tools.keep |= set(keep)
    return tools


def tools_of(view: QTableView) -> TableTools | None:
    return getattr(view, _TOOLS_ATTR, None)


def read_only_table(model=None, name: str = "", title: str = "", rows: bool = True,
                    parent: QWidget | None = None, *, sort: bool = False, wrap: bool = False,
                    row_height: int | None = None, stretch_last: bool = False, one_line: bool = False,
                    keep=(), filter_edit: QLineEdit | None = None) -> QTableView:
    """A new read-only table view with the Excel-like behaviour: whole-row selection (`rows`) or cells,
    alternating rows, no row numbers, columns the officer can resize.

    `sort`: a header click sorts (the model a SortProxy); `wrap`: a long English header may take two lines
    (ui.common.headers.WrappingHeader); `row_height`: the rows' height (0: the font's height and a margin;
    None: Qt's); `stretch_last`: the last column takes the spare width; `one_line`: cells never wrap;
    `keep`: columns the fitting leaves alone; `filter_edit`: the filter box the screen places (else one shown
    over the table on Ctrl+F)."""
    view = QTableView(parent)
    if wrap:
        from ui.common.headers import WrappingHeader

        WrappingHeader.install(view)
    if name:
        view.setObjectName(name)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows if rows
                              else QAbstractItemView.SelectionBehavior.SelectItems)
    view.setAlternatingRowColors(True)
    if one_line:
        view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    if row_height is not None:
        view.verticalHeader().setDefaultSectionSize(row_height or view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(stretch_last)
    if model is not None:
        view.setModel(model)
    view.setSortingEnabled(sort)
    excel_like(view, title or name, filter_edit=filter_edit, keep=keep)
    return view


def all_table_views(root: QWidget) -> list[QTableView]:
    """Every table view under `root` (tests and the 1366×768 check use it)."""
    return root.findChildren(QTableView)


__all__ = ["TableTools", "excel_like", "read_only_table", "selected_text", "table_content", "tools_of",
           "all_table_views", "QApplication", "Column", "RowsModel", "CellsModel", "SortProxy", "StatusChipDelegate",
           "paint_chip", "chip_colours", "bold_font"]
