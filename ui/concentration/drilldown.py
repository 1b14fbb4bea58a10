"""Drill-down below the dimension table: a counterparty group → its counterparties → the exposures.

Levels are kept on a stack shown as a breadcrumb; Back (or a click on an earlier crumb) goes up. The
exposure rows are core's `contributions()` (the leaves of the look-through, with the path of each: which
trust plan or asset-management product the amount came through), fetched off the GUI thread a page at a
time, largest first (`fetch_page`): of a stored snapshot from the database by key (`Store.exposure_page`,
from an index), so that a group of a hundred thousand rows shows its first rows at once; "Show more" adds
the next page.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.common import format as fmt
from ui.common.tables import read_only_table
from ui.concentration.models import (
    BUSINESS,
    KEY_LABELS,
    LEFT,
    RIGHT,
    Column,
    FrameModel,
    SnapshotView,
    dimension_label,
    label,
    yi_unit,
)
from ui.concentration.tables import HeaderSorter

_C = "ConcentrationModels"
PAGE_ROWS = 500            # rows fetched per page of a drill-down


def fetch_page(store, view: SnapshotView, scope: str, dimension: str, key: str, offset: int = 0,
               limit: int | None = None) -> tuple[pd.DataFrame, int, int]:
    """(the rows offset..offset+limit of a drill-down level, largest first; the level's rows in all; their fen in
    all) — worker thread. A stored snapshot whose rows keep the import's look-through attribution is read by
    key from the database; any other (an import's dry run, a snapshot stored before) from the loaded view."""
    limit = PAGE_ROWS if limit is None else limit
    sid = view.snapshot_id
    if store is not None and sid is not None and store.can_page_exposures(sid):
        return store.exposure_page(sid, scope, dimension, key, offset, limit)
    frame = view.contributions(scope, dimension, key)
    total = int(frame["amount_fen"].sum()) if len(frame) else 0
    return frame.iloc[offset:offset + limit].reset_index(drop=True), len(frame), total


@dataclass
class Level:
    kind: str          # "members" (of a counterparty group) or "exposures"
    scope: str
    dimension: str
    key: str


def path_text(path: str, instrument_of=lambda node: None) -> str:
    """'E06 → E06A' with the product each step came through: 'E06 TRUST-PLAN-7 → E06A'."""
    nodes = str(path).split(" → ")
    if len(nodes) < 2:
        return QCoreApplication.translate("ConcentrationDrill", "Direct holding")
    steps = [f"{n} {instrument_of(n) or ''}".strip() for n in nodes[:-1]]
    return " → ".join(steps + [nodes[-1]])


def path_tip(path: str, view: SnapshotView) -> str | None:
    """Each step of a look-through path with its instrument and the issuer's name."""
    nodes = str(path).split(" → ")
    if len(nodes) < 2 or view.exposure_info is None:
        return None
    info = view.exposure_info
    lines = []
    for depth, n in enumerate(nodes):
        instr = cp = None
        if n in info.index:
            instr, cp = info.at[n, "instrument_id"], info.at[n, "counterparty_id"]
        who = view.names.get(cp, cp or "") if cp else ""
        lines.append("  " * depth + ("↳ " if depth else "") + " ".join(x for x in (n, instr or "", who) if x))
    return "\n".join(lines)


class DrillDownPanel(QWidget):
    exposures_requested = Signal(object)   # Level: the screen fetches contributions off the GUI thread

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("drillDown")
        self.view: SnapshotView | None = None
        self.levels: list[Level] = []
        self.model = FrameModel(self)
        self._request = 0

        self.title = QLabel()
        tf = self.title.font()
        tf.setBold(True)
        self.title.setFont(tf)
        self.back_button = QToolButton()
        self.back_button.setObjectName("drillBack")
        self.back_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.back_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.back_button.clicked.connect(self.back)
        self.back_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Back))
        self.crumbs = QLabel()
        self.crumbs.setObjectName("breadcrumb")
        self.crumbs.setTextFormat(Qt.TextFormat.RichText)
        self.crumbs.linkActivated.connect(lambda href: self.go_to(int(href)))
        self.all_button = QPushButton()
        self.all_button.setObjectName("allExposures")
        self.all_button.clicked.connect(self._all_exposures)
        self.more_button = QPushButton()
        self.more_button.setObjectName("moreExposures")
        self.more_button.clicked.connect(self.more)
        self.more_button.hide()
        self._total: tuple[int, int] | None = None   # (rows, fen) of the exposures level shown
        self.summary = QLabel()
        self.summary.setStyleSheet("color: #546e7a;")
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addSpacing(8)
        bar.addWidget(self.back_button)
        bar.addWidget(self.crumbs, 1)
        bar.addWidget(self.summary)
        bar.addWidget(self.more_button)
        bar.addWidget(self.all_button)

        self.table = read_only_table(self.model, "drillTable", "drill-down", one_line=True, row_height=26,
                                     stretch_last=True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.sorter = HeaderSorter(self.table, self.model)
        self.table.clicked.connect(self._clicked)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.retranslate()

    # -- navigation -------------------------------------------------------------------------------
    def set_view(self, view: SnapshotView | None) -> None:
        self.view = view
        self.clear()

    def clear(self) -> None:
        self.levels = []
        self._request += 1
        self.model.set_frame(pd.DataFrame(), [])
        self._update_bar()

    def show_key(self, scope: str, dimension: str, key: str) -> None:
        """Start a drill-down at one key of the dimension table."""
        self.levels = []
        kind = "members" if dimension == "counterparty_group" else "exposures"
        self._push(Level(kind, scope, dimension, key))

    def open_counterparty(self, counterparty_id: str) -> None:
        """From a group's members to one counterparty's exposures."""
        if not self.levels:
            return
        self._push(Level("exposures", self.levels[-1].scope, "counterparty", counterparty_id))

    def back(self) -> None:
        if len(self.levels) > 1:
            self.go_to(len(self.levels) - 2)

    def go_to(self, depth: int) -> None:
        if 0 <= depth < len(self.levels):
            self.levels = self.levels[:depth + 1]
            self._show(self.levels[-1])

    def _push(self, level: Level) -> None:
        self.levels.append(level)
        self._show(level)

    def _show(self, level: Level) -> None:
        self._request += 1
        self.sorter.reset()
        self._total = None
        self.more_button.hide()
        if self.view is None:
            return
        if level.kind == "members":
            self._show_members(level)
        else:
            self.model.set_frame(pd.DataFrame(), [])
            self.summary.setText(self.tr("Loading…"))
            self.exposures_requested.emit((self._request, level))
        self._update_bar()

    def _all_exposures(self) -> None:
        if self.levels and self.levels[-1].kind == "members":
            lv = self.levels[-1]
            self._push(Level("exposures", lv.scope, lv.dimension, lv.key))

    # -- members of a counterparty group ----------------------------------------------------------
    def _show_members(self, level: Level) -> None:
        v = self.view
        ids, amounts = v.group_members(level.scope, level.key)
        cpt = v.result.aggregates.counterparties.set_index("counterparty_id")
        total = float(amounts.sum()) if len(amounts) else 0.0
        frame = pd.DataFrame({
            "counterparty_id": ids,
            "name": [v.names.get(i, label(KEY_LABELS, i) if i == "UNKNOWN" else "") for i in ids],
            "industry": [cpt.at[i, "industry"] if i in cpt.index else "" for i in ids],
            "region": [cpt.at[i, "region"] if i in cpt.index else "" for i in ids],
            "parent": [_parent(v, i) for i in ids],
            "total_fen": amounts,
            "share": amounts / total if total > 0 else np.zeros(len(ids)),
        })
        a = lambda c: frame[c].to_numpy(dtype=object)  # noqa: E731
        ids_a, names, ind, reg, par, tot, share = (a("counterparty_id"), a("name"), a("industry"), a("region"),
                                                   a("parent"), a("total_fen"), a("share"))
        columns = [
            Column(QT_TRANSLATE_NOOP("ConcentrationModels", "Counterparty"), lambda i: str(ids_a[i])),
            Column(QT_TRANSLATE_NOOP("ConcentrationModels", "Name"), lambda i: str(names[i])),
            Column(QT_TRANSLATE_NOOP("ConcentrationModels", "Controlled by"), lambda i: str(par[i] or "")),
            Column(QT_TRANSLATE_NOOP("ConcentrationModels", "Industry"),
                   lambda i: f"{ind[i] or ''} {v.key_name('industry', ind[i])}".strip()),
            Column(QT_TRANSLATE_NOOP("ConcentrationModels", "Region"),
                   lambda i: f"{reg[i] or ''} {v.key_name('region', reg[i])}".strip()),
            Column(QT_TRANSLATE_NOOP("ConcentrationModels", "Total"),
                   lambda i: fmt.yi(tot[i] / 100.0, unit=False), lambda i: int(tot[i]), RIGHT, unit=yi_unit),
            Column(QT_TRANSLATE_NOOP("ConcentrationModels", "Share of group"),
                   lambda i: fmt.percent(share[i]), lambda i: float(share[i]), RIGHT),
        ]
        self.model.set_frame(frame, columns, key_column="counterparty_id")
        self.summary.setText(self.tr("{n} counterparties · {total}").format(n=len(ids), total=fmt.yi(total / 100.0)))
        self._widths([110, 260, 100, 170, 100, 100, 90])

    # -- exposures (contributions) ----------------------------------------------------------------
    def more(self) -> None:
        """The next page of the exposures shown (the screen fetches it off the GUI thread)."""
        if not self.levels or self.levels[-1].kind != "exposures" or self._total is None:
            return
        shown = self.model.n
        if shown >= self._total[0]:
            return
        self.more_button.setEnabled(False)
        self.exposures_requested.emit((self._request, self.levels[-1], shown))

    def set_exposures(self, request: int, frame: pd.DataFrame, total_rows: int | None = None,
                      total_fen: int | None = None, offset: int = 0) -> None:
        """The contributions of the current level (ignored when the user has moved on): a page of them from
        `offset` (a later page goes below the rows shown) when `total_rows` / `total_fen` say how many there are
        in all, else all of them."""
        if request != self._request or not self.levels or self.view is None:
            return
        if offset and self.model.frame is not None and offset == self.model.n:
            shown = self.model.frame.drop(columns=["path_text"], errors="ignore")
            frame = pd.concat([shown, frame], ignore_index=True)
            self.sorter.reset()                  # the rows come back in the database's order, largest first
        if total_rows is None:
            total_rows = len(frame)
            total_fen = int(frame["amount_fen"].sum()) if len(frame) else 0
        self._total = (int(total_rows), int(total_fen or 0))
        v = self.view
        n = len(frame)
        get = (lambda c: frame[c].to_numpy(dtype=object)) if n else (lambda c: np.array([], dtype=object))
        eid, mem, cp, path = get("exposure_id"), get("member_id"), get("counterparty_id"), get("path")
        amt = frame["amount_fen"].to_numpy(dtype=np.int64) if n else np.array([], dtype=np.int64)
        counted = get("counted")
        instr = get("instrument_id") if "instrument_id" in frame else np.full(n, None, dtype=object)
        aclass = get("asset_class") if "asset_class" in frame else np.full(n, None, dtype=object)
        info = v.exposure_info

        def instrument_of(node):
            return info.at[node, "instrument_id"] if info is not None and node in info.index else None

        paths = np.asarray([path_text(p, instrument_of) for p in path.tolist()], dtype=object)
        all_rows, total = self._total
        yes, no = self.tr("Yes"), self.tr("No (exempt)")
        columns = [
            Column(QT_TRANSLATE_NOOP("ConcentrationModels", "Exposure"), lambda i: str(eid[i])),
            Column(QT_TRANSLATE_NOOP("ConcentrationModels", "Member"), lambda i: str(mem[i] or "")),
            Column(QT_TRANSLATE_NOOP("ConcentrationModels", "Counterparty"),
                   lambda i: f"{cp[i]} {v.names.get(cp[i], '')}".strip() if cp[i] else ""),
            Column(QT_TRANSLATE_NOOP("ConcentrationModels", "Instrument"), lambda i: str(instr[i] or "")),
            Column(QT_TRANSLATE_NOOP("ConcentrationModels", "Asset class"),
                   lambda i: label(KEY_LABELS, aclass[i]) if aclass[i] else ""),
            Column(QT_TRANSLATE_NOOP("ConcentrationModels", "Amount"),
                   lambda i: fmt.yi(amt[i] / 100.0, unit=False), lambda i: int(amt[i]), RIGHT, unit=yi_unit),
            Column(QT_TRANSLATE_NOOP("ConcentrationModels", "Counted"),
                   lambda i: yes if counted[i] else no, lambda i: int(bool(counted[i])), LEFT),
            Column(QT_TRANSLATE_NOOP("ConcentrationModels", "Look-through path"), lambda i: str(paths[i]),
                   tip=lambda i: path_tip(path[i], v)),
        ]
        self.model.set_frame(frame.assign(path_text=paths) if n else frame, columns, key_column=None)
        self.more_button.setVisible(n < all_rows)
        self.more_button.setEnabled(True)
        if self.levels[-1].dimension in BUSINESS:
            self.summary.setText(self.tr("Premium and ceded amounts have no exposure rows to show."))
        elif n < all_rows:
            self.summary.setText(self.tr("largest {shown} of {n} exposures · {total}").format(
                shown=f"{n:,}", n=f"{all_rows:,}", total=fmt.yi(total / 100.0)))
        else:
            self.summary.setText(self.tr("{n} exposures · {total}").format(n=n, total=fmt.yi(total / 100.0)))
        self._widths([90, 70, 260, 160, 120, 100, 80, 220])

    def exposure_paths(self) -> list[str]:
        """The look-through path texts of the shown exposures (tests, screenshots)."""
        if self.model.frame is None or "path_text" not in getattr(self.model.frame, "columns", []):
            return []
        return [self.model.value(r, "path_text") for r in range(self.model.n)]

    def current_kind(self) -> str | None:
        return self.levels[-1].kind if self.levels else None

    def _clicked(self, index: QModelIndex) -> None:
        if self.levels and self.levels[-1].kind == "members" and index.isValid():
            self.open_counterparty(str(self.model.value(index.row(), "counterparty_id")))

    def _widths(self, widths: list[int]) -> None:
        fm = self.table.fontMetrics()
        for col, w in enumerate(widths):
            head = self.model.headerData(col, Qt.Orientation.Horizontal) or ""
            self.table.setColumnWidth(col, max(w, fm.horizontalAdvance(str(head)) + 26))

    def _update_bar(self) -> None:
        self.back_button.setEnabled(len(self.levels) > 1)
        self.all_button.setVisible(bool(self.levels) and self.levels[-1].kind == "members")
        if not self.levels:
            self.crumbs.setText(self.tr("Select a row above to see what it is made of."))
            self.summary.setText("")
            return
        parts = []
        for depth, lv in enumerate(self.levels):
            name = self.view.key_name(lv.dimension, lv.key) if self.view else ""
            what = (self.tr("members") if lv.kind == "members"
                    else self.tr("exposures"))
            text = f"{dimension_label(lv.dimension)} {lv.key}" + (f" {name}" if name else "") + f" · {what}"
            text = text.replace("&", "&amp;").replace("<", "&lt;")
            if depth < len(self.levels) - 1:
                parts.append(f'<a href="{depth}">{text}</a>')
            else:
                parts.append(f"<b>{text}</b>")
        self.crumbs.setText(" &nbsp;›&nbsp; ".join(parts))

    # -- language ---------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("Drill-down"))
        self.back_button.setText(self.tr("Back"))
        self.all_button.setText(self.tr("All exposures of the group"))
        self.more_button.setText(self.tr("Show {n} more").format(n=PAGE_ROWS))
        self.model.retranslate()
        self._update_bar()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _parent(view: SnapshotView, cp_id: str) -> str:
    return view.parents.get(cp_id, "")
