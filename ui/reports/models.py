"""The past reports table: every report on record (store.list_reports), newest first."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ui.common.format import local_time
from ui.reports.kinds import BY_KIND
from ui.reports.kinds import tr as kind_tr

CTX = "PastReports"
COLUMNS = (QT_TRANSLATE_NOOP("PastReports", "Report"), QT_TRANSLATE_NOOP("PastReports", "Period"),
           QT_TRANSLATE_NOOP("PastReports", "Data as of"), QT_TRANSLATE_NOOP("PastReports", "Format"),
           QT_TRANSLATE_NOOP("PastReports", "Generated at"), QT_TRANSLATE_NOOP("PastReports", "By"),
           QT_TRANSLATE_NOOP("PastReports", "SHA-256"), QT_TRANSLATE_NOOP("PastReports", "File"))
KIND, PERIOD, AS_OF, FORMAT, AT, BY, SHA, FILE = range(len(COLUMNS))
MISSING = QColor("#b3261e")


@dataclass
class PastReport:
    record: Any                      # ReportRecord
    exists: bool

    @property
    def as_of(self) -> str:
        return str((self.record.params or {}).get("as_of") or "—")

    @property
    def format(self) -> str:
        return str((self.record.params or {}).get("format") or "pdf")


def past_reports(store) -> list[PastReport]:
    return [PastReport(r, bool(r.path) and os.path.isfile(r.path)) for r in store.list_reports()]


class PastReportsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[PastReport] = []

    def set_rows(self, rows: list[PastReport]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1))

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(CTX, COLUMNS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        r = row.record
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == KIND:
                spec = BY_KIND.get(r.kind)
                return kind_tr(spec.label) if spec else r.kind
            if col == PERIOD:
                return r.period or "—"
            if col == AS_OF:
                return row.as_of
            if col == FORMAT:
                return row.format.upper()
            if col == AT:
                return local_time(r.created_at)
            if col == BY:
                return r.created_by or "—"
            if col == SHA:
                return (r.sha256 or "—")[:12]
            if col == FILE:
                mark = "✓" if row.exists else "✗"
                return f"{mark} {r.path or '—'}"
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == SHA:
                return r.sha256
            if col == FILE:
                state = (QCoreApplication.translate("PastReports", "The file is on disk.") if row.exists else
                         QCoreApplication.translate("PastReports", "The file is no longer there: regenerate it."))
                return f"{r.path}\n{state}"
        if role == Qt.ItemDataRole.ForegroundRole and col == FILE and not row.exists:
            return QBrush(MISSING)
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None
