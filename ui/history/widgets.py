"""Pieces the history screen's panels share: the sortable read-only table, column fitting, and the
texts of ratios, keys and withdrawals.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QTableView

from ui.common import format as fmt
from ui.common import i18n
from ui.common.format import local_time
from ui.common.headers import WrappingHeader, two_lines
from ui.common.tables import read_only_table
from ui.history.models import KEY_LABELS, RowsModel, SortProxy, label, tr

MUTED = "#7a7a7a"
HINT_STYLE = "color: #607d8b;"


def make_table(model: RowsModel, name: str, *, sort: bool = True, wrap: bool = True) -> tuple[QTableView, SortProxy]:
    """A read-only table of the screen on a SortProxy over `model` (ui.common.tables.read_only_table: rows
    selected with Shift/Ctrl-click like every table). `wrap`: a long English header label may take two lines
    (see WrappingHeader)."""
    proxy = SortProxy(model)
    proxy.setSourceModel(model)
    view = read_only_table(proxy, name, sort=sort, wrap=wrap, row_height=0, stretch_last=True, one_line=True)
    return view, proxy


def fit_columns(view: QTableView, minimum: dict[int, int] | None = None, maximum: int = 360,
                caps: dict[int, int] | None = None) -> None:
    """Columns as wide as their contents (rows measured by Qt) and their header's longest line, within bounds."""
    fm = view.fontMetrics()
    model = view.model()
    wraps = isinstance(view.horizontalHeader(), WrappingHeader)
    for col in range(model.columnCount()):
        text = str(model.headerData(col, Qt.Orientation.Horizontal) or "")
        lines = text.split("\n") if "\n" in text or not wraps else (two_lines(text, fm.horizontalAdvance) or [text])
        head = max(fm.horizontalAdvance(line) for line in lines) + 26
        width = max(view.sizeHintForColumn(col) + 8, head, (minimum or {}).get(col, 0))
        view.setColumnWidth(col, min(width, (caps or {}).get(col, maximum)))


def pct(x) -> str:
    return fmt.percent(x) if x is not None else fmt.DASH


def pp(delta) -> str:
    if delta is None:
        return fmt.DASH
    value = fmt.number(delta * 100, 2)
    sign = "+" if delta > 0 and value != "0.00" else ""
    return tr(QT_TRANSLATE_NOOP("HistoryLabels", "{value} pp")).format(value=sign + value)


def key_words(key: str | None, dimension: str = "") -> str:
    """A key as read: fixed codes in words, industry and region codes with their names (wording.codes)."""
    if key is None:
        return fmt.DASH
    if key in KEY_LABELS:                     # an asset class, the overseas flag, UNKNOWN, "*": wording's words
        return label(KEY_LABELS, key)
    if dimension in ("industry", "region", "premium_region"):
        from wording.codes import industry_name, region_name

        name = (industry_name if dimension == "industry" else region_name)(key, i18n.wording_lang())
        return f"{key} {name}" if name else key
    return key


def worst_key(r) -> str:
    """The key with the highest ratio, or "then → now" when another key is now the worst."""
    if r.key_then == r.key_now or r.key_then is None or r.key_now is None:
        return key_words(r.key_now if r.key_now is not None else r.key_then, r.dimension)
    return f"{key_words(r.key_then, r.dimension)} → {key_words(r.key_now, r.dimension)}"


def flagged_tip(r) -> str:
    """The keys in warning or breach then and now (the tooltip of the worst key)."""
    then = "、".join(key_words(k, r.dimension) for k in r.flagged_then) or fmt.DASH
    now = "、".join(key_words(k, r.dimension) for k in r.flagged_now) or fmt.DASH
    return tr(QT_TRANSLATE_NOOP("HistoryLabels", "Keys in warning or breach: {then} → {now}")).format(
        then=then, now=now)


def index_text(name: str, value) -> str:
    if value is None:
        return fmt.DASH
    return fmt.number(value, 4) if name == "hhi" else fmt.percent(value)


# ============================================================================================ snapshots
WITHDRAWN_FG = "#9e9e9e"


def withdrawn_tip(info) -> str | None:
    """Who withdrew a snapshot or a proposal, when and why (None when it was not withdrawn)."""
    w = info.withdrawal
    if w is None:
        return None
    return tr(QT_TRANSLATE_NOOP("HistoryLabels", "Withdrawn by {user} on {time}: {reason}")).format(
        user=w.created_by, time=local_time(w.created_at), reason=w.reason)
