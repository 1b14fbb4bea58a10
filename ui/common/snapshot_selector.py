"""The snapshot selector of the screens that work on one stored snapshot (concentration, limits).

"Snapshot:", a combo box of the stored snapshots ("2025-06-30 · 示例集团 (#3)", the snapshot id as item data,
in the order given: `Store.list_snapshots` is newest first) and a Refresh button. The selector only shows
the list: the screen reads it, connects `combo.activated` (a snapshot chosen by the user) and
`refresh_button.clicked`, and loads the snapshot `set_snapshots` says is current. `header_row` lays out the
top of such a screen: its title, the selector and a line of information.
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

    def set_snapshots(self, snapshots, wanted=None):
        """List `snapshots` and show `wanted` as the current one: the newest (listed first) when it is None
        (`combo.activated` is not emitted: that is the user's choice). Returns the id of the snapshot to show:
        `wanted`, else the newest's, else None (no snapshot stored)."""
        self.snapshots = list(snapshots)
        self.combo.blockSignals(True)
        self.combo.clear()
        for info in self.snapshots:
            self.combo.addItem(self.snapshot_text(info), info.id)
        self.combo.blockSignals(False)
        if wanted is None and self.snapshots:
            wanted = self.snapshots[0].id
        if wanted is not None:
            self.select(wanted)
        return wanted

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


def header_row(title: QLabel, selector: SnapshotSelector, info: QLabel) -> QHBoxLayout:
    """The top row of a screen working on one snapshot: its title, the selector, then `info` in the rest."""
    row = QHBoxLayout()
    row.addWidget(title)
    row.addSpacing(24)
    row.addWidget(selector)
    row.addSpacing(12)
    row.addWidget(info, 1)
    return row
