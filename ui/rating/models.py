"""Qt models of the rating screen: they adapt the draft (editable) and the Assessment (read-only); its
read-only tables are the table toolkit's CellsModel (ui.common.tables), rows prepared cell by cell."""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from ui.common.tables import ALIGN, BG, CENTER, DISPLAY, EDIT, FG, FONT, RIGHT, TIP, CellsModel  # noqa: F401 (the roles, the panels' model)
from ui.rating.draft import RatingDraft, check_score, plain
from wording.codes import source_name
from wording.rating import fmt_score

CHECK = Qt.ItemDataRole.CheckStateRole

# Risk-level and level colours (text on a light tint), the same everywhere on the screen.
RISK_COLOURS = {"low": ("#1e7b34", "#e3f4e7"), "medium": ("#9a6200", "#fff3d6"), "high": ("#b3261e", "#fde4e1")}
FIRED_BG = "#fff3d6"
MUTED = "#7a7a7a"


def level_colour(level: str | None) -> str:
    """Badge colour: 1-2 green, 3 amber, 4-5 red, S dark; unified sub-grades by their number."""
    if not level:
        return "#8a8f98"
    if level == "S":
        return "#2b2f36"
    return {"1": "#1e7b34", "2": "#2e8b45", "3": "#c27c00", "4": "#c0392b", "5": "#9b1c1c"}.get(level[0], "#8a8f98")


def pct(d: Decimal | None, places: int = 0) -> str:
    if d is None:
        return "—"
    return f"{d * 100:.{places}f}%"


class ScoreTreeModel(QAbstractItemModel):
    """Dimensions (top level) and their sub-categories (children) with the scores of the draft.

    Columns: name, score, weight, risk level, "by sub-categories" (a tick box on dimensions that have
    sub-categories). Edits go through `edit(changes, text)`, which pushes one undo command; an
    unacceptable score is refused (setData returns False) and reported through `refused`.
    """

    refused = Signal(str)
    COLUMNS = 5
    NAME, SCORE, WEIGHT, RISK, MODE = range(5)

    def __init__(self, draft: RatingDraft, edit: Callable[[dict, str], bool], lang: Callable[[], str],
                 parent: QObject | None = None):
        super().__init__(parent)
        self.draft = draft
        self._edit = edit
        self._lang = lang
        self.rulebook = None
        self.dims: list = []
        self.results: dict = {}        # dim key -> DimensionResult of the latest assessment
        self.weights: dict = {}

    # -- structure ------------------------------------------------------------------------------
    def set_rulebook(self, rulebook, extra: tuple = ()) -> None:
        """The rulebook's dimensions, then `extra`: the officer's type-specific element(s) (unified)."""
        self.beginResetModel()
        self.rulebook = rulebook
        self.dims = list(rulebook.dimensions) + list(extra)
        self.results = {}
        self.endResetModel()

    def set_assessment(self, assessment) -> None:
        self.results = {d.key: d for d in assessment.dimensions} if assessment else {}
        self.refresh()

    def refresh(self) -> None:
        if self.dims:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.dims) - 1, self.COLUMNS - 1))
            for r, d in enumerate(self.dims):
                if d.items:
                    parent = self.index(r, 0)
                    self.dataChanged.emit(self.index(0, 0, parent),
                                          self.index(len(d.items) - 1, self.COLUMNS - 1, parent))

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        self.refresh()

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self.dims)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self.dims[parent.row()].items)
        return 0

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return self.COLUMNS

    def locate(self, index: QModelIndex):
        """(dimension, item or None) of an index."""
        if index.internalId() == 0:
            return self.dims[index.row()], None
        dim = self.dims[index.internalId() - 1]
        return dim, dim.items[index.row()]

    def index_of(self, dim_key: str, item_id: str | None = None, column: int = 1) -> QModelIndex:
        for r, d in enumerate(self.dims):
            if d.key == dim_key:
                if item_id is None:
                    return self.index(r, column)
                for ir, it in enumerate(d.items):
                    if it.id == item_id:
                        return self.index(ir, column, self.index(r, 0))
        return QModelIndex()

    # -- data -------------------------------------------------------------------------------------
    def headerData(self, section: int, orientation, role=DISPLAY):
        if orientation == Qt.Orientation.Horizontal and role in (DISPLAY, Qt.ItemDataRole.ToolTipRole):
            # The tooltip repeats the header: a narrow panel elides it (the names column comes first).
            return [self.tr("Dimension / sub-category"), self.tr("Score"), self.tr("Weight"),
                    self.tr("Risk"), self.tr("By sub-categories")][section]
        return None

    def _name(self, obj) -> str:
        zh = self._lang() == "zh"
        return (obj.name_zh if zh else (obj.name_en or obj.name_zh))

    def flags(self, index: QModelIndex):
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        dim, item = self.locate(index)
        mode = self.draft.mode(dim.key)
        if index.column() == self.SCORE:
            if (item is None and mode == "direct") or (item is not None and mode == "items"):
                f |= Qt.ItemFlag.ItemIsEditable
        if index.column() == self.MODE and item is None and dim.items:
            f |= Qt.ItemFlag.ItemIsUserCheckable
        return f

    def data(self, index: QModelIndex, role=DISPLAY) -> Any:  # noqa: C901 - Qt's data(): one branch per role and column
        if not index.isValid():
            return None
        dim, item = self.locate(index)
        col = index.column()
        mode = self.draft.mode(dim.key)
        result = self.results.get(dim.key)
        if col == self.NAME:
            if role == DISPLAY:
                return self._name(item or dim)
            if role == FONT and item is None:
                f = QFont()
                f.setBold(True)
                return f
            if role == TIP:
                if item is None and self.rulebook is not None and self.rulebook.dimension(dim.key) is None:
                    tip = self.tr("Type-specific element added by the officer (see “Weights & brackets”).")
                else:
                    tip = self.tr("Source: {tag}").format(tag=source_name((item or dim).source, self._lang()))
                return f"{self._name(item or dim)}\n{tip}"    # the name first: a narrow panel elides it
        elif col == self.SCORE:
            if item is None:
                typed = self.draft.get(("score", dim.key))
                if role == EDIT:
                    return plain(typed)
                if role == DISPLAY:
                    if mode == "items":
                        # exact (60.0043): two decimals would show 60.00, the other side of "high"
                        return fmt_score(result.score) if result is not None else "—"
                    return plain(typed) if typed is not None else ""
                if role == FG and mode == "items":
                    return QBrush(QColor(MUTED))
                if role == TIP:
                    return (self.tr("Computed from the sub-category scores (weighted average).") if mode == "items"
                            else self.tr("Type the dimension score, 0–100, at most two decimals."))
                if role == BG and mode == "direct" and typed is None:
                    return QBrush(QColor("#fff8e1"))
            else:
                typed = self.draft.get(("item", dim.key, item.id))
                if role in (DISPLAY, EDIT):
                    return plain(typed)
                if role == FG and mode != "items":
                    return QBrush(QColor(MUTED))
                if role == TIP and mode != "items":
                    return self.tr("Tick “By sub-categories” on the dimension to score it from its sub-categories.")
                if role == BG and mode == "items" and typed is None:
                    return QBrush(QColor("#fff8e1"))
            if role == ALIGN:
                return RIGHT
        elif col == self.WEIGHT:
            w = item.weight if item is not None else (dim.weight if dim.weight is not None
                                                      else self.draft.get(("weight", dim.key)))
            if role == DISPLAY:
                return pct(w, 1 if w is not None and (w * 100) % 1 else 0)
            if role == ALIGN:
                return RIGHT
            if role == FG and item is not None:
                return QBrush(QColor(MUTED))
        elif col == self.RISK and item is None and result is not None:
            fg, bg = RISK_COLOURS[result.risk_level]
            if role == DISPLAY:
                from wording.rating import risk_level_name
                return risk_level_name(result.risk_level, self._lang())
            if role == FG:
                return QBrush(QColor(fg))
            if role == BG:
                return QBrush(QColor(bg))
            if role == ALIGN:
                return CENTER
        elif col == self.MODE and item is None and dim.items:
            if role == CHECK:
                return Qt.CheckState.Checked if mode == "items" else Qt.CheckState.Unchecked
            if role == TIP:
                return self.tr("Score this dimension as the weighted average of its sub-categories.")
        return None

    def setData(self, index: QModelIndex, value: Any, role=EDIT) -> bool:
        if not index.isValid():
            return False
        dim, item = self.locate(index)
        name = self._name(item or dim)
        if index.column() == self.MODE and role == CHECK:
            items = Qt.CheckState(value) == Qt.CheckState.Checked
            return self._edit({("mode", dim.key): "items" if items else "direct"},
                              self.tr("Score {dim} by sub-categories").format(dim=name) if items
                              else self.tr("Score {dim} directly").format(dim=name))
        if index.column() != self.SCORE or role != EDIT:
            return False
        text = "" if value is None else str(value)
        score, problem = check_score(text)
        if problem:
            self.refused.emit(self.tr("{name}: {problem} The score was not changed.").format(name=name, problem=problem))
            return False
        path = ("score", dim.key) if item is None else ("item", dim.key, item.id)
        return self._edit({path: score}, self.tr("Set {name} to {score}").format(name=name, score=text.strip() or "—"))


class FieldListModel(QAbstractTableModel):
    """Editable list of draft fields (unified weights, brackets): label columns, then one value column.

    rows: [(labels..., path)]; `to_text`/`check` convert between the draft value and what is typed.
    """

    refused = Signal(str)

    def __init__(self, draft: RatingDraft, edit: Callable[[dict, str], bool], headers: Callable[[], list[str]],
                 to_text: Callable[[Any], str], check: Callable[[str], tuple[Any, str | None]],
                 undo_text: Callable[[str, str], str], parent: QObject | None = None):
        super().__init__(parent)
        self.draft, self._edit, self._headers = draft, edit, headers
        self._to_text, self._check, self._undo_text = to_text, check, undo_text
        self.items: list[tuple] = []

    def set_items(self, items: list[tuple]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def refresh(self) -> None:
        if self.items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.items) - 1, self.columnCount() - 1))

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers())

    def headerData(self, section: int, orientation, role=DISPLAY):
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return self._headers()[section]
        return None

    def flags(self, index: QModelIndex):
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.columnCount() - 1:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def data(self, index: QModelIndex, role=DISPLAY) -> Any:
        if not index.isValid():
            return None
        row = self.items[index.row()]
        last = self.columnCount() - 1
        if index.column() < last:
            return row[index.column()] if role == DISPLAY else None
        value = self.draft.get(row[-1])
        if role in (DISPLAY, EDIT):
            return self._to_text(value)
        if role == ALIGN:
            return RIGHT
        if role == BG and value is None:
            return QBrush(QColor("#fff8e1"))
        return None

    def setData(self, index: QModelIndex, value: Any, role=EDIT) -> bool:
        if role != EDIT or index.column() != self.columnCount() - 1:
            return False
        row = self.items[index.row()]
        text = "" if value is None else str(value)
        got, problem = self._check(text)
        if problem:
            self.refused.emit(self.tr("{name}: {problem} The value was not changed.").format(name=row[0], problem=problem))
            return False
        return self._edit({row[-1]: got}, self._undo_text(row[0], text.strip() or "—"))
