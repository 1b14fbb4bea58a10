"""The reports screen's "past reports" panel: every report on record, newest first, with Regenerate…, Open
and Open folder for the selected one.

The panel shows and selects; what a selection or a button means (previewing the file, making the report
again in a worker) is the screen's, told by the signals `selected` and `regenerate_requested`.
"""
from __future__ import annotations

import os

from PySide6.QtCore import QItemSelectionModel, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.common.tables import read_only_table
from ui.reports.models import FILE, PastReport, PastReportsModel


def open_file(path: str | None) -> bool:
    """Open a report with the system's viewer (False when there is no such file)."""
    if not path or not os.path.exists(path):
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(path))


def open_folder(path: str | None) -> bool:
    """Open the folder of a report in the system's file manager (False when it is not there)."""
    if not path:
        return False
    folder = os.path.dirname(path)
    if not os.path.isdir(folder):
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(folder))


class PastReportsPanel(QGroupBox):
    selected = Signal()                 # another report (or none) is selected
    regenerate_requested = Signal()     # Regenerate… was clicked

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = PastReportsModel(self)
        # Ctrl+C with headers, context menu, export, filter (ui.common.tables); a long path elided in the middle
        self.view = read_only_table(self.model, "pastReports", title="reports", row_height=0, stretch_last=True,
                                    one_line=True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.selected.emit())
        self.view.doubleClicked.connect(lambda *_: open_file(self.selected_path()))
        self.regen_button = QPushButton()
        self.regen_button.setObjectName("regenerate")
        self.regen_button.clicked.connect(self.regenerate_requested)
        self.open_button = QPushButton()
        self.open_button.setObjectName("openPast")
        self.open_button.clicked.connect(lambda: open_file(self.selected_path()))
        self.folder_button = QPushButton()
        self.folder_button.setObjectName("openPastFolder")
        self.folder_button.clicked.connect(lambda: open_folder(self.selected_path()))
        self.regen_label = QLabel()
        self.regen_label.setObjectName("regenStatus")
        self.regen_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.regen_label, 1)
        buttons.addWidget(self.regen_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.folder_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Past reports"))
        self.regen_button.setText(self.tr("Regenerate…"))
        self.regen_button.setToolTip(self.tr("Make the selected report again from the records it read, and "
                                             "compare the bytes with the recorded SHA-256."))
        self.open_button.setText(self.tr("Open"))
        self.open_button.setToolTip(self.tr("Open the selected report"))
        self.folder_button.setText(self.tr("Open folder"))
        self.model.retranslate()

    # -- rows and selection ---------------------------------------------------------------------------
    def set_reports(self, rows: list[PastReport], select_id: int | None = None) -> None:
        """Show `rows`, keeping the selected report (or selecting `select_id`) without a `selected` signal."""
        current = self.selected_row()
        keep = select_id if select_id is not None else (current.record.id if current else None)
        self.model.set_rows(rows)
        self.fit_columns()
        if keep is None:
            return
        for i, row in enumerate(self.model.rows):
            if row.record.id == keep:
                self.view.blockSignals(True)
                self.view.selectionModel().blockSignals(True)
                self.view.selectionModel().select(
                    self.model.index(i, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                self.view.setCurrentIndex(self.model.index(i, 0))
                self.view.selectionModel().blockSignals(False)
                self.view.blockSignals(False)
                break

    def fit_columns(self) -> None:
        """Every column but the file's as wide as its contents and header (at most 240 px)."""
        view = self.view
        fm = view.fontMetrics()
        for col in range(self.model.columnCount()):
            if col == FILE:
                continue
            head = fm.horizontalAdvance(str(self.model.headerData(col, Qt.Orientation.Horizontal))) + 24
            view.setColumnWidth(col, min(max(view.sizeHintForColumn(col) + 10, head), 240))

    def selected_row(self) -> PastReport | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def selected_path(self) -> str | None:
        row = self.selected_row()
        return row.record.path if row is not None else None

    def select(self, report_id: int) -> None:
        for i, row in enumerate(self.model.rows):
            if row.record.id == report_id:
                self.view.selectRow(i)
                return

    def update_buttons(self, busy: bool) -> None:
        row = self.selected_row()
        self.regen_button.setEnabled(row is not None and not busy)
        self.open_button.setEnabled(row is not None and row.exists)
        self.folder_button.setEnabled(row is not None and bool(row.record.path)
                                      and os.path.isdir(os.path.dirname(row.record.path)))
