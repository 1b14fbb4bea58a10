"""Shared pieces of the limits screen: texts of codes, number formats, the status chip and the limits table.

The words of dimensions, statuses, bases and keys are wording's (as the reports print them); the screen's
other texts are English sources translated in context "LimitsLabels" (marked with QT_TRANSLATE_NOOP for lupdate). Nothing here decides anything: the values come from core
(`core.whatif.sandbox.Sandbox`: the working limit frame and its evaluation).
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.common import format as fmt
from ui.common import i18n, tables

# the roles of ui.common.tables (DISPLAY … STATUS), and the limits table's editing roles
from ui.common.tables import (  # noqa: F401 (the limits screen's modules use them as m.<ROLE>)
    ALIGN,
    BG,
    CENTER,
    DISPLAY,
    EDIT,
    FG,
    FONT,
    LEFT,
    RAW,
    RIGHT,
    STATUS,
    TIP,
    bold_font,
    paint_chip,
)
from ui.common.tables import StatusChipDelegate as StatusDelegate  # noqa: F401 (a chip, as on the dashboard)
from wording import codes
from wording import limit_status as W

CHOICES = Qt.ItemDataRole.UserRole + 2     # [(code, text)] an editor offers; None: free text
LIVE = Qt.ItemDataRole.UserRole + 4        # True: the cell is re-evaluated on every keystroke

# The report colours and order of a status (wording.limit_status, as the concentration screen and reports use
# them), plus "absent": a limit the sandbox or the other version does not have.
STATUS_COLOURS = {**W.STATUS_COLOURS, "absent": "#9e9e9e"}
STATUS_TINTS = {**W.STATUS_TINTS, "absent": "#f5f5f5"}
STATUS_RANK = {**W.STATUS_RANK, "absent": 4}
CHANGED_TINT = "#E3EEF9"   # a limit whose definition the sandbox changed
MUTED = "#7a7a7a"

CTX = "LimitsLabels"
# The words of dimensions, fixed keys and bases are wording.codes' (the reports' words, the same on every
# screen): a table maps a code to the wording function that words it in the interface language (`label`).
# The dimensions in the order this screen offers them.
DIMENSION_LABELS = {d: codes.dimension_name for d in (
    "single_asset", "asset_class", "overseas", "counterparty", "counterparty_group", "related_party", "industry",
    "region", "customer", "business_line", "premium_region", "reinsurer")}
# ok / warning / breach / no_basis read as on every screen and report (ui.common.format.status_label); the
# limits screen's own word is for a limit the other side does not have
STATUS_LABELS = {
    "absent": QT_TRANSLATE_NOOP("LimitsLabels", "Absent"),
}
BASIS_LABELS = {b: codes.basis_name for b in codes.BASES}
KEY_LABELS = {k: codes.key_name for k in codes.KEYS}
EACH_KEY_LABEL = QT_TRANSLATE_NOOP("LimitsLabels", "Each key")
GROUP_LABEL = QT_TRANSLATE_NOOP("LimitsLabels", "Group")
RULE_LABELS = {"equity_solvency_tier": QT_TRANSLATE_NOOP("LimitsLabels", "Solvency tier (equity)")}
CHANGE_LABELS = {
    "added": QT_TRANSLATE_NOOP("LimitsLabels", "Added"),
    "removed": QT_TRANSLATE_NOOP("LimitsLabels", "Removed"),
    "changed": QT_TRANSLATE_NOOP("LimitsLabels", "Changed"),
    "unchanged": QT_TRANSLATE_NOOP("LimitsLabels", "Unchanged"),
}
COLUMN_LABELS = {
    "limit_id": QT_TRANSLATE_NOOP("LimitsLabels", "ID"),
    "name": QT_TRANSLATE_NOOP("LimitsLabels", "Name"),
    "dimension": QT_TRANSLATE_NOOP("LimitsLabels", "Dimension"),
    "scope": QT_TRANSLATE_NOOP("LimitsLabels", "Scope"),
    "key": QT_TRANSLATE_NOOP("LimitsLabels", "Key"),
    "basis": QT_TRANSLATE_NOOP("LimitsLabels", "Basis"),
    "warning": QT_TRANSLATE_NOOP("LimitsLabels", "Warning"),
    "limit": QT_TRANSLATE_NOOP("LimitsLabels", "Limit"),
    "parent_limit_id": QT_TRANSLATE_NOOP("LimitsLabels", "Allocated from"),
    "rule": QT_TRANSLATE_NOOP("LimitsLabels", "Rule"),
}


def translated(text: str) -> str:
    """The translation of a QT_TRANSLATE_NOOP-marked source of context LimitsLabels."""
    return QCoreApplication.translate(CTX, text)


def label(table: dict, code: Any) -> str:
    """The text of a code in the interface language (wording's words, or a source translated in context
    LimitsLabels), or the code itself when it has none."""
    if code is None:
        return fmt.DASH
    src = table.get(str(code))
    if callable(src):
        return src(str(code), i18n.wording_lang())
    return translated(src) if src else str(code)


def dimension_label(dim: Any) -> str:
    return label(DIMENSION_LABELS, dim)


def status_label(status: Any) -> str:
    return label(STATUS_LABELS, status) if status in STATUS_LABELS else fmt.status_label(status)


def basis_label(basis: Any) -> str:
    return label(BASIS_LABELS, basis)


def key_label(key: Any) -> str:
    """A limit's key as written: None = each key, "*" = all keys together, else the code (with its words)."""
    if key is None:
        return translated(EACH_KEY_LABEL)
    return label(KEY_LABELS, key)


def reported_key_text(key: Any) -> str:
    """The key an evaluation reports (the worst, the one a trade moves): its words when it has them, else
    the code; nothing for none."""
    if key is None:
        return ""
    return key_label(key) if str(key) in KEY_LABELS else str(key)


def scope_label(scope: Any, member_names: dict[str, str] | None = None) -> str:
    if scope is None:
        return fmt.DASH
    if scope == "group":
        return translated(GROUP_LABEL)
    return str(scope)


def column_label(column: str) -> str:
    return label(COLUMN_LABELS, column)


def pct(ratio: Any, decimals: int = 2) -> str:
    """A Decimal/float ratio as a percentage ('8.00%'); None as a dash."""
    if ratio is None:
        return fmt.DASH
    try:
        return fmt.percent(float(ratio), decimals)
    except (TypeError, ValueError):
        return str(ratio)


def pct_edit_text(ratio: Any) -> str:
    """What the editor of a ratio starts with: the percentage without the sign ('8' for 0.08)."""
    if ratio is None:
        return ""
    try:
        d = Decimal(str(ratio)) * 100
    except InvalidOperation:
        return str(ratio)
    text = format(d.normalize(), "f")
    return text


def parse_percent(text: Any) -> Any:
    """The ratio a typed percentage means ('11' or '11%' → Decimal('0.11')); blank → None. Text that is not
    a number is passed on unchanged, so that core reports it (not_a_number) like any other input problem."""
    if text is None:
        return None
    s = str(text).strip().replace("％", "%").rstrip("%").strip().replace(",", "")
    if s == "":
        return None
    try:
        d = Decimal(s)
    except InvalidOperation:
        return str(text)
    if not d.is_finite():
        return str(text)
    return d / Decimal(100)


def amount(fen: Any) -> str:
    """Integer fen as 亿元 (CNY bn in English)."""
    if fen is None:
        return fmt.DASH
    return fmt.yi(int(fen) / 100.0)


def yi_unit() -> str:
    return "CNY bn" if i18n.current() == "en" else "亿元"


def status_brush(status: str | None) -> QBrush | None:
    return QBrush(QColor(STATUS_COLOURS[status])) if status in STATUS_COLOURS else None


def tint_brush(status: str | None) -> QBrush | None:
    return QBrush(QColor(STATUS_TINTS[status])) if status in STATUS_TINTS else None


# ------------------------------------------------------------------------------------------ delegates
class TransitionDelegate(QStyledItemDelegate):
    """Two chips with an arrow: the status in the approved set → in the sandbox (STATUS holds (old, new))."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        pair = index.data(STATUS)
        if not isinstance(pair, tuple):
            super().paint(painter, option, index)
            return
        old, new = pair
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        fm = painter.fontMetrics()
        texts = [status_label(old), status_label(new)]
        widths = [fm.horizontalAdvance(t) + 16 for t in texts]
        arrow = 22
        total = sum(widths) + arrow
        x = option.rect.left() + max(4, (option.rect.width() - total) / 2)
        h = min(fm.height() + 6, option.rect.height() - 4)
        y = option.rect.center().y() - h / 2
        for i, (status, text, w) in enumerate(zip((old, new), texts, widths)):
            paint_chip(painter, QRectF(x, y, w, h), text, status)
            x += w
            if i == 0:
                painter.setPen(QPen(QColor("#455a64"), 1))
                painter.drawText(QRectF(x, y, arrow, h), int(Qt.AlignmentFlag.AlignCenter), "→")
                x += arrow
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        return QSize(170, 28)


class ChoiceDelegate(QStyledItemDelegate):
    """An editor for a cell: a combo box when the model offers CHOICES (editable when free text is allowed
    too), else the default line edit. The chosen code (not its text) goes back through setData."""

    def __init__(self, parent=None, live=None):
        super().__init__(parent)
        self.live = live            # live(limit_id, column, text, session): called on every keystroke
        self._sessions = 0

    def createEditor(self, parent, option, index):
        choices = index.data(CHOICES)
        if not choices and self.live is not None and index.data(LIVE):
            editor = QLineEdit(parent)
            self._sessions += 1
            model = index.model()
            lid, column, session = model.limit_id(index.row()), model.columns[index.column()], self._sessions
            editor.textEdited.connect(lambda text: self.live(lid, column, text, session))
            return editor
        if not choices:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        free = bool(index.data(CHOICES + 1))
        combo.setEditable(free)
        for code, text in choices:
            combo.addItem(text, code)
        return combo

    def setEditorData(self, editor, index):
        if isinstance(editor, QComboBox):
            value = index.data(EDIT)
            i = editor.findData(value)
            if i >= 0:
                editor.setCurrentIndex(i)
            elif editor.isEditable():
                editor.setEditText("" if value is None else str(value))
            return
        if isinstance(editor, QLineEdit) and editor.property("limitsStarted"):
            return      # live editing: the model changes under the editor; the typed text stays as typed
        super().setEditorData(editor, index)
        if isinstance(editor, QLineEdit):
            editor.setProperty("limitsStarted", True)

    def setModelData(self, editor, model, index):
        if isinstance(editor, QComboBox):
            text = editor.currentText()
            i = editor.currentIndex()
            if editor.isEditable() and (i < 0 or editor.itemText(i) != text):
                model.setData(index, text, EDIT)       # typed: the text itself
            else:
                model.setData(index, editor.itemData(i), EDIT)
            return
        super().setModelData(editor, model, index)


# ------------------------------------------------------------------------------------------ read-only tables
class RowsModel(tables.RowsModel):
    """A read-only table (ui.common.tables.RowsModel) whose columns are the names in COLUMNS, headed by the
    LimitsLabels sources in HEADERS; the header of a column in YI_COLUMNS names the amount unit (亿元).
    A subclass gives its columns either as `Column`s (`specs()`) or by overriding `data`, and sets its rows
    with `set_rows`."""

    CONTEXT = CTX
    COLUMNS: tuple[str, ...] = ()
    HEADERS: dict[str, str] = {}
    YI_COLUMNS: frozenset[str] = frozenset()

    def __init__(self, parent=None):
        specs = {c.key: c for c in self.specs()}
        super().__init__([specs.get(name) or tables.Column(self.HEADERS[name], key=name) for name in self.COLUMNS],
                         parent)

    def specs(self) -> list[tables.Column]:
        """The columns described (key = the name in COLUMNS); a column not described shows what `data` gives."""
        return []

    def header_source(self, name: str) -> str:
        """The untranslated header of column `name`."""
        return self.HEADERS[name]

    def header_text(self, c: tables.Column) -> str:
        text = translated(self.header_source(c.key))
        return f"{text} ({yi_unit()})" if c.key in self.YI_COLUMNS else text


# ------------------------------------------------------------------------------------------ limits table
class LimitsTableModel(QAbstractTableModel):
    """The limits of the sandbox (or of the approved set): definition columns, then the evaluation.

    Editing does not change the model: `edit_requested(limit_id, column, value)` asks the screen, which
    validates with core and pushes one QUndoCommand; the model is refreshed from the sandbox afterwards.
    """

    edit_requested = Signal(str, str, object)

    DEFINITION = ("limit_id", "name", "dimension", "scope", "key", "basis", "warning", "limit",
                  "parent_limit_id")
    EVAL = ("reported_key", "exposure", "ratio", "status")
    EDITABLE = {"limit_id", "name", "dimension", "scope", "key", "basis", "warning", "limit", "parent_limit_id"}
    EVAL_HEADERS = {
        "reported_key": QT_TRANSLATE_NOOP("LimitsLabels", "Worst key"),
        "exposure": QT_TRANSLATE_NOOP("LimitsLabels", "Exposure"),
        "ratio": QT_TRANSLATE_NOOP("LimitsLabels", "Ratio"),
        "status": QT_TRANSLATE_NOOP("LimitsLabels", "Status"),
    }

    def __init__(self, parent=None):
        super().__init__(parent)
        self.columns = self.DEFINITION + self.EVAL
        self.rows: list[dict] = []          # limit rows (LIMIT_COLUMNS), in the frame's order
        self.results: dict[str, dict] = {}  # limit_id -> evaluation result row
        self.changed_ids: set[str] = set()  # limits whose definition differs from the approved set
        self.editable = False
        self.scopes: tuple[str, ...] = ()
        self.member_names: dict[str, str] = {}
        self.bases_for: dict[str, tuple[str, ...]] = {}
        self.key_names: dict[str, str] = {}      # counterparty id -> name (tooltips of keys)

    # -- content ------------------------------------------------------------------------------------
    def set_content(self, limits, evaluation, changed_ids: set[str] | None = None) -> None:
        rows = [] if limits is None else limits.to_dict("records")
        results = {} if evaluation is None else {str(r["limit_id"]): r for r in evaluation.results.to_dict("records")}
        same_shape = [str(r["limit_id"]) for r in rows] == [str(r["limit_id"]) for r in self.rows]
        if same_shape:
            self.rows, self.results, self.changed_ids = rows, results, set(changed_ids or ())
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(self.columns) - 1))
        else:
            self.beginResetModel()
            self.rows, self.results, self.changed_ids = rows, results, set(changed_ids or ())
            self.endResetModel()

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1))

    def limit_id(self, row: int) -> str | None:
        return str(self.rows[row]["limit_id"]) if 0 <= row < len(self.rows) else None

    def row_of(self, limit_id: str) -> int:
        for i, r in enumerate(self.rows):
            if str(r["limit_id"]) == limit_id:
                return i
        return -1

    def column(self, name: str) -> int:
        return self.columns.index(name)

    # -- Qt -------------------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation != Qt.Orientation.Horizontal:
            return None
        name = self.columns[section]
        if role == DISPLAY:
            if name in self.EVAL_HEADERS:
                text = translated(self.EVAL_HEADERS[name])
                return f"{text} ({yi_unit()})" if name == "exposure" else text
            text = column_label(name)
            return f"{text} (%)" if name in ("warning", "limit") else text
        if role == TIP and name in ("warning", "limit"):
            return QCoreApplication.translate("LimitsLabels", "Type a percentage: 11 means 11% of the basis")
        return None

    def flags(self, index: QModelIndex):
        f = super().flags(index)
        if self.editable and self.columns[index.column()] in self.EDITABLE:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def data(self, index: QModelIndex, role=DISPLAY):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        name = self.columns[index.column()]
        lid = str(row["limit_id"])
        res = self.results.get(lid)
        if role == DISPLAY:
            return self._display(row, res, name)
        if role == EDIT:
            if name in ("warning", "limit"):
                return pct_edit_text(row.get(name))
            v = row.get(name) if name in row else None
            return "" if v is None else v
        if role == RAW:
            if name in row:
                return row.get(name)
            if res is None:
                return None
            return {"reported_key": res.get("key"), "exposure": res.get("exposure_fen"), "ratio": res.get("ratio"),
                    "status": res.get("status")}[name]
        if role == STATUS and name == "status" and res is not None:
            return res.get("status")
        if role == CHOICES and self.editable:
            return self._choices(row, name)
        if role == CHOICES + 1:
            return name in ("key",)
        if role == LIVE:
            return self.editable and name in ("warning", "limit")
        if role == ALIGN:
            return RIGHT if name in ("warning", "limit", "exposure", "ratio") else (CENTER if name == "status" else LEFT)
        if role == BG and lid in self.changed_ids and name in self.DEFINITION:
            return QBrush(QColor(CHANGED_TINT))
        if role == FONT and lid in self.changed_ids and name == "limit_id":
            return bold_font()
        if role == FG and name == "ratio" and res is not None:
            return status_brush(res.get("status")) if res.get("status") in ("warning", "breach") else None
        if role == TIP:
            if name == "status" and res is not None:
                return QCoreApplication.translate("LimitsLabels", "Keys in warning: {w}; in breach: {b}").format(w=int(res.get("n_warning") or 0),
                                                                        b=int(res.get("n_breach") or 0))
            if name == "scope":
                return self.member_names.get(str(row.get("scope")), "")
            if name == "reported_key" and res is not None and res.get("key") is not None:
                return self.key_names.get(str(res.get("key"))) or None
            if name == "rule" or (name in ("warning", "limit") and row.get("rule")):
                return label(RULE_LABELS, row.get("rule"))
        return None

    def _display(self, row: dict, res: dict | None, name: str) -> str:
        if name in ("warning", "limit"):
            v = row.get(name)
            if v is None and row.get("rule"):
                used = None if res is None else res.get(name)
                return (pct(used) + " *") if used is not None else label(RULE_LABELS, row.get("rule"))
            return pct(v)
        if name == "dimension":
            return dimension_label(row.get(name))
        if name == "scope":
            return scope_label(row.get(name))
        if name == "key":
            return key_label(row.get(name))
        if name == "basis":
            return basis_label(row.get(name))
        if name in ("limit_id", "name", "parent_limit_id"):
            v = row.get(name)
            return "" if v is None else str(v)
        if res is None:
            return fmt.DASH
        if name == "reported_key":
            k = res.get("key")
            return "" if k is None else (key_label(k) if str(k) in KEY_LABELS else str(k))
        if name == "exposure":
            return fmt.yi(int(res["exposure_fen"]) / 100.0, unit=False)
        if name == "ratio":
            return pct(res.get("ratio"))
        if name == "status":
            return status_label(res.get("status"))
        return ""

    def _choices(self, row: dict, name: str):
        if name == "dimension":
            return [(d, dimension_label(d)) for d in DIMENSION_LABELS]
        if name == "scope":
            return [(s, scope_label(s) if s == "group" else f"{s} {self.member_names.get(s, '')}".strip())
                    for s in self.scopes]
        if name == "basis":
            bases = self.bases_for.get(str(row.get("dimension")), tuple(BASIS_LABELS))
            return [(b, basis_label(b)) for b in bases]
        if name == "key":
            out = [("", translated(EACH_KEY_LABEL)), ("*", key_label("*"))]
            dim = row.get("dimension")
            if dim == "asset_class":
                out += [(k, key_label(k)) for k in ("liquidity", "fixed_income", "equity", "real_estate",
                                                   "other_financial")]
            elif dim == "overseas":
                out += [(k, key_label(k)) for k in ("overseas", "domestic")]
            elif dim in ("counterparty", "counterparty_group"):
                out += [("UNKNOWN", key_label("UNKNOWN"))]
            return out
        if name == "parent_limit_id":
            me = str(row["limit_id"])
            return [("", QCoreApplication.translate("LimitsLabels", "(not allocated)"))] + [
                (str(r["limit_id"]), f"{r['limit_id']} {r.get('name') or ''}".strip())
                for r in self.rows if r.get("scope") == "group" and str(r["limit_id"]) != me]
        return None

    def setData(self, index: QModelIndex, value, role=EDIT) -> bool:
        if role != EDIT or not index.isValid() or not self.editable:
            return False
        name = self.columns[index.column()]
        if name not in self.EDITABLE:
            return False
        row = self.rows[index.row()]
        if name in ("warning", "limit"):
            value = parse_percent(value)
        elif isinstance(value, str) and name in ("key", "parent_limit_id", "name") and value.strip() == "":
            value = None
        self.edit_requested.emit(str(row["limit_id"]), name, value)
        return True
