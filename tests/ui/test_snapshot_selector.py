"""The snapshot selector shared by the concentration and limits screens (ui.common.snapshot_selector)."""
from datetime import date
from types import SimpleNamespace

from PySide6.QtWidgets import QApplication

from ui.common import i18n
from ui.common.snapshot_selector import SnapshotSelector


def _info(sid, as_of, group="示例集团"):
    return SimpleNamespace(id=sid, as_of=as_of, group_name=group)


def test_lists_snapshots_in_the_given_order_without_signals(qtbot):
    selector = SnapshotSelector()
    qtbot.addWidget(selector)
    seen = []
    selector.combo.currentIndexChanged.connect(seen.append)
    selector.set_snapshots([_info(7, date(2025, 6, 30)), _info(3, date(2024, 12, 31))])
    assert seen == []
    assert [selector.snapshot_id(i) for i in range(selector.combo.count())] == [7, 3]
    assert selector.combo.itemText(0) == "2025-06-30 · 示例集团（#7）"
    assert selector.label.text() == "数据快照：" and selector.refresh_button.text() == "刷新"
    assert selector.snapshot_id(5) is None

    selector.select(3)
    assert selector.combo.currentData() == 3
    selector.select(99)                         # not listed: the first one
    assert selector.combo.currentData() == 7
    selector.set_snapshots([])
    assert selector.combo.count() == 0


def test_texts_follow_the_language(qtbot):
    selector = SnapshotSelector()
    qtbot.addWidget(selector)
    selector.set_snapshots([_info(7, date(2025, 6, 30), "Demo Group")])
    i18n.set_language("en")
    QApplication.processEvents()      # LanguageChange is posted
    assert selector.label.text() == "Snapshot:" and selector.refresh_button.text() == "Refresh"
    assert selector.combo.itemText(0) == "2025-06-30 · Demo Group (#7)"
    i18n.set_language("zh_CN")
    QApplication.processEvents()
    assert selector.combo.itemText(0) == "2025-06-30 · Demo Group（#7）"
