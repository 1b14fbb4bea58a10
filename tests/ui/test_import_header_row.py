"""The import page when a file's header is not where it is looked for (issue 16): exposures.csv with eleven
lines of notes above its header (row 12, below the ten rows searched). The page says which file, offers its
header row, the officer types 12 and presses 按所选表头行重新读取: the data reads clean and imports. Driven as
the user does: the folder button (its dialog answered), the spin box typed into, the buttons clicked."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from core.store import Store
from tests.badinput.helpers import demo_copy

NOTES = 11     # lines above the header: the header is on row 12


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "riskdesk.sqlite"


@pytest.fixture
def screen(db_path, qtbot, wait_ops):
    from ui.concentration.screen import ConcentrationScreen
    from ui.session import Session

    s = Session(db_path=db_path, user="测试员")
    s.open_store()
    qtbot.waitUntil(lambda: s.store is not None, timeout=15_000)
    screen = ConcentrationScreen(s)
    qtbot.addWidget(screen)
    screen.resize(1400, 900)
    screen.show()
    wait_ops()
    yield screen
    s.close()


def noted_folder(tmp_path):
    folder = demo_copy(tmp_path / "data")
    path = folder / "exposures.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text("".join(f"说明 {i}：本表由资产管理系统导出\n" for i in range(1, NOTES + 1)) + text, encoding="utf-8")
    return folder


def choose_folder(page, qtbot, monkeypatch, folder, wait_ops):
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    qtbot.mouseClick(page.folder_button, Qt.MouseButton.LeftButton)
    wait_ops(60_000)


def test_the_officer_gives_the_header_row_and_the_data_imports(screen, tmp_path, db_path, qtbot, wait_ops,
                                                                monkeypatch):
    page = screen.import_page
    choose_folder(page, qtbot, monkeypatch, noted_folder(tmp_path), wait_ops)
    assert page.preview is not None and not page.preview.ok
    assert page.header_box.isVisible() and list(page.header_spins) == ["exposures.csv"]
    spin = page.header_spins["exposures.csv"]
    assert spin.value() == 1                              # where it was read: nothing better was found
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), str(NOTES + 1))
    assert spin.value() == NOTES + 1
    qtbot.mouseClick(page.reread_button, Qt.MouseButton.LeftButton)
    wait_ops(60_000)
    assert page.preview is not None and page.preview.ok, page.problem_texts()
    assert page.header_rows == {"exposures.csv": NOTES + 1}
    # the choice stays on show (it can be changed again), and the rows keep the file's numbering
    assert page.header_box.isVisible() and page.header_spins["exposures.csv"].value() == NOTES + 1
    assert page.import_button.isEnabled()
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    if page.confirm_box is not None:                      # the demo's data: nothing to confirm, but be sure
        page.confirm_box.button(page.confirm_box.StandardButton.Yes).click()
    wait_ops(60_000)
    with Store.open(db_path) as store:
        assert len(store.list_snapshots()) == 1


def test_another_folder_is_read_without_the_chosen_rows(screen, tmp_path, qtbot, wait_ops, monkeypatch):
    page = screen.import_page
    choose_folder(page, qtbot, monkeypatch, noted_folder(tmp_path), wait_ops)
    page.header_spins["exposures.csv"].setValue(NOTES + 1)
    qtbot.mouseClick(page.reread_button, Qt.MouseButton.LeftButton)
    wait_ops(60_000)
    assert page.preview.ok
    choose_folder(page, qtbot, monkeypatch, demo_copy(tmp_path / "plain"), wait_ops)
    assert page.header_rows == {} and page.preview.ok and not page.header_box.isVisible()


def test_the_header_box_speaks_chinese(screen, tmp_path, qtbot, wait_ops, monkeypatch):
    page = screen.import_page
    choose_folder(page, qtbot, monkeypatch, noted_folder(tmp_path), wait_ops)
    assert page.header_box.title() == "表头行"
    assert page.reread_button.text() == "按所选表头行重新读取"
