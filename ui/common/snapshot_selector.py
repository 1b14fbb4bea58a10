"""The snapshot selector of the screens that work on one stored snapshot (concentration, limits).

"Snapshot:", a combo box of the stored snapshots ("2025-06-30 · 示例集团 (#3)", the snapshot id as item data,
in the order given: `Store.list_snapshots` is newest first) and a Refresh button. The selector only shows
the list: the screen connects `combo.activated` (a snapshot chosen by the user) and `refresh_button.clicked`,
reads the list and decides which snapshot to load.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolButton, QWidget


class SnapshotSelector(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("snapshotSelector")
        self.snapshots: list = []       # core.store SnapshotInfo (id, as_of, group_name), as listed
        self.label = QLabel()
        self.combo = QComboBox()
        self.combo.setObjectName("snapshotCombo")
        self.combo.setMinimumWidth(330)
        self.refresh_button = QToolButton()
        self.refresh_button.setObjectName("refreshSnapshots")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.combo)
        layout.addWidget(self.refresh_button)
        self.retranslate()

    def set_snapshots(self, snapshots) -> None:
        """List `snapshots` (nothing is emitted; no snapshot is current until `select`)."""
        self.snapshots = list(snapshots)
        self.combo.blockSignals(True)
        self.combo.clear()
        for info in self.snapshots:
            self.combo.addItem(self.snapshot_text(info), info.id)
        self.combo.blockSignals(False)

    def select(self, snapshot_id) -> None:
        """Show `snapshot_id` as the current one (the first listed when it is not listed)."""
        self.combo.setCurrentIndex(max(self.combo.findData(snapshot_id), 0))

    def snapshot_id(self, index: int):
        """The snapshot id of the combo's item `index` (None when there is none)."""
        return self.combo.itemData(index)

    def snapshot_text(self, info) -> str:
        return self.tr("{as_of} · {group} (#{id})").format(as_of=info.as_of.isoformat(), group=info.group_name,
                                                         id=info.id)

    def retranslate(self) -> None:
        self.label.setText(self.tr("Snapshot:"))
        self.refresh_button.setText(self.tr("Refresh"))
        for i, info in enumerate(self.snapshots):
            self.combo.setItemText(i, self.snapshot_text(info))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
