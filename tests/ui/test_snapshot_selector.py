"""The snapshot selector shared by the concentration and limits screens (ui.common.snapshot_selector)."""
from datetime import date
from types import SimpleNamespace

from PySide6.QtWidgets import QApplication

from ui.common import i18n
from ui.common.snapshot_selector import SnapshotSelector


def _info(sid, as_of, group="示例集团"):
    return SimpleNamespace(id=sid, as_of=as_of, group_name=group)


def test_lists_snapshots_in_the_given_order_and_shows_the_wanted_one(qtbot):
    selector = SnapshotSelector()
    qtbot.addWidget(selector)
    seen = []
    selector.combo.activated.connect(seen.append)           # the user's choice only
    snapshots = [_info(7, date(2025, 6, 30)), _info(3, date(2024, 12, 31))]
    assert selector.set_snapshots(snapshots) == 7           # none wanted: the newest, listed first
    assert seen == [] and selector.combo.currentData() == 7
    assert selector.set_snapshots(snapshots, 3) == 3
    assert seen == [] and selector.combo.currentData() == 3
    assert [selector.snapshot_id(i) for i in range(selector.combo.count())] == [7, 3]
    assert selector.combo.itemText(0) == "2025-06-30 · 示例集团（#7）"
    assert selector.label.text() == "数据快照：" and selector.refresh_button.text() == "刷新"
    assert selector.snapshot_id(5) is None

    selector.select(3)
    assert selector.combo.currentData() == 3
    selector.select(99)                         # not listed: the first one
    assert selector.combo.currentData() == 7
    assert selector.set_snapshots([]) is None
    assert selector.combo.count() == 0


def test_header_row(qtbot):
    from PySide6.QtWidgets import QLabel, QWidget

    from ui.common.labels import screen_title
    from ui.common.snapshot_selector import header_row

    holder = QWidget()
    qtbot.addWidget(holder)
    title, selector, info = screen_title(), SnapshotSelector(), QLabel()
    row = header_row(title, selector, info)
    holder.setLayout(row)
    widgets = [row.itemAt(i).widget() for i in range(row.count())]
    assert widgets == [title, None, selector, None, info]     # spacings between the title, selector and info
    assert row.stretch(4) == 1 and title.objectName() == "screenTitle" and title.font().bold()


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
