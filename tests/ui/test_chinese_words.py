"""The Chinese interface speaks Chinese: Qt's own file dialog ("Look in:", "Files of type:" were English),
History's journal and report/text tables in words (not `approval.recorded`, raw JSON, `disclosure_text`,
`semiannual`), and no doubled ellipsis on the import buttons."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QTableView

CODE = re.compile(r"\b[a-z]+[._][a-z_.]+\b")          # approval.recorded, disclosure_text
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


def test_qt_file_dialog_is_in_chinese(qtbot):
    dialog = QFileDialog(None, "导出")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)   # what Linux desktops without a portal get
    qtbot.addWidget(dialog)
    labels = [w.text() for w in dialog.findChildren(QLabel) if w.text()]
    buttons = [w.text() for w in dialog.findChildren(QAbstractButton) if w.text()]
    assert any("查找范围" in t for t in labels) and any("文件类型" in t for t in labels)
    assert [t for t in labels + buttons if ENGLISH_WORD.search(t)] == []


@pytest.fixture
def history(db, screen_on_session):
    from ui.history.screen import HistoryScreen

    return screen_on_session(HistoryScreen, db, user="审计部 赵琳", size=(1366, 768))


def _column(view: QTableView, title: str) -> list[str]:
    model = view.model()
    col = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == title)
    return [str(model.index(r, col).data() or "") for r in range(model.rowCount())]


def test_history_shows_words_not_codes(history, db, qtbot):
    from core.store import Store

    with Store.open(db) as store:
        actions = {j.action for j in store.list_journal()}
        kinds = {r.kind for r in store.list_reports()} | {"x"}
    assert "approval.recorded" in actions                    # the demo records the board's approvals
    journal = history.findChild(QTableView, "journalTable")
    what = _column(journal, "操作")
    details = _column(journal, "详情")
    assert len(what) == journal.model().rowCount() > 10
    assert [w for w in what if CODE.search(w) or not re.search(r"[\u4e00-\u9fff]", w)] == []
    assert [d for d in details if d.startswith("{") or '":' in d] == []
    assert any("董事会" in d or "审议" in d for d in details)
    texts = history.findChild(QTableView, "textsTable")
    assert texts.model().rowCount() > 0
    assert [t for t in _column(texts, "文字") if CODE.search(t) or ENGLISH_WORD.search(t)] == []
    reports = history.findChild(QTableView, "reportsTable")
    assert kinds and [k for k in _column(reports, "类型") if ENGLISH_WORD.search(k)] == []


def test_import_buttons_have_one_ellipsis(db, qtbot, wait_ops):
    from ui.concentration.screen import ConcentrationScreen
    from ui.session import Session

    session = Session(db_path=db, user="测试员")
    session.open_store()
    qtbot.waitUntil(lambda: session.store is not None, timeout=15_000)
    screen = ConcentrationScreen(session)
    qtbot.addWidget(screen)
    texts = [b.text() for b in screen.findChildren(QAbstractButton)]
    session.close()
    assert any(t.startswith("选择文件夹") for t in texts)
    assert [t for t in texts if "……" in t] == []
