"""The past reports table: every report on record (store.list_reports), newest first."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ui.common.format import local_time
from ui.common.tables import Column, RowsModel
from ui.reports.kinds import kind_name

CTX = "PastReports"
COLUMNS = (QT_TRANSLATE_NOOP("PastReports", "Report"), QT_TRANSLATE_NOOP("PastReports", "Period"),
           QT_TRANSLATE_NOOP("PastReports", "Data as of"), QT_TRANSLATE_NOOP("PastReports", "Format"),
           QT_TRANSLATE_NOOP("PastReports", "Generated at"), QT_TRANSLATE_NOOP("PastReports", "By"),
           QT_TRANSLATE_NOOP("PastReports", "SHA-256"), QT_TRANSLATE_NOOP("PastReports", "File"))
KIND, PERIOD, AS_OF, FORMAT, AT, BY, SHA, FILE = range(len(COLUMNS))
MISSING = "#b3261e"             # the colour of a file no longer on disk


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


def _kind_name(r) -> str:
    return kind_name(r.kind)


def _file_tip(row: PastReport) -> str:
    state = (QCoreApplication.translate("PastReports", "The file is on disk.") if row.exists else
             QCoreApplication.translate("PastReports", "The file is no longer there: regenerate it."))
    return f"{row.record.path}\n{state}"


class PastReportsModel(RowsModel):
    """The reports on record as a read-only table (ui.common.tables), one PastReport a row."""

    CONTEXT = CTX

    def __init__(self, parent=None):
        super().__init__([
            Column(COLUMNS[KIND], lambda row: _kind_name(row.record), key="kind"),
            Column(COLUMNS[PERIOD], lambda row: row.record.period or "—", key="period"),
            Column(COLUMNS[AS_OF], lambda row: row.as_of, key="as_of"),
            Column(COLUMNS[FORMAT], lambda row: row.format.upper(), key="format"),
            Column(COLUMNS[AT], lambda row: local_time(row.record.created_at), key="at"),
            Column(COLUMNS[BY], lambda row: row.record.created_by or "—", key="by"),
            Column(COLUMNS[SHA], lambda row: (row.record.sha256 or "—")[:12], tip=lambda row: row.record.sha256,
                   key="sha"),
            Column(COLUMNS[FILE], lambda row: f"{'✓' if row.exists else '✗'} {row.record.path or '—'}",
                   fg=lambda row: None if row.exists else MISSING, tip=_file_tip, key="file"),
        ], parent)
