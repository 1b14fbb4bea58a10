"""The import screen asks before storing what is probably wrong: holdings far from total assets (amounts in
万元 under a header without a unit) and data of an as-of date already stored. Cancel stores nothing; "Store
anyway" stores. Driven as the user does: the Import button, then the question's buttons."""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtWidgets import QMessageBox

from core.store import Store
from tests.badinput.helpers import demo_copy, read_rows, write_rows


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
    wait_ops()
    yield screen
    s.close()


def _snapshots(db_path) -> int:
    store = Store.open(db_path)
    try:
        return len(store.list_snapshots())
    finally:
        store.close()


def _preview(screen, path, wait_ops):
    screen.import_page.request_preview(str(path))
    wait_ops(30_000)
    assert screen.import_page.preview is not None and screen.import_page.preview.ok


def _answer(page, qtbot, yes: bool) -> str:
    qtbot.waitUntil(lambda: page.confirm_box is not None and page.confirm_box.isVisible(), timeout=5_000)
    box = page.confirm_box
    text = box.text()
    box.button(QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.Cancel).click()
    return text


def test_amounts_in_wan_yuan_without_a_unit_ask_first(screen, tmp_path, db_path, qtbot, wait_ops):
    folder = demo_copy(tmp_path / "wan")
    rows = read_rows(folder / "exposures.csv")
    i = rows[0].index("amount")
    for r in rows[1:]:
        r[i] = format((Decimal(r[i]) / 10_000).quantize(Decimal("0.01")), "f")
    write_rows(folder / "exposures.csv", rows)
    page = screen.import_page
    _preview(screen, folder, wait_ops)
    page.import_button.click()
    text = _answer(page, qtbot, yes=False)
    assert "0.01%" in text and "万元" in text
    wait_ops()
    assert _snapshots(db_path) == 0 and not page.busy
    page.import_button.click()
    with qtbot.waitSignal(screen.imported, timeout=30_000):
        _answer(page, qtbot, yes=True)
    wait_ops(30_000)
    assert _snapshots(db_path) == 1


def test_a_second_snapshot_of_the_same_date_asks_first(screen, tmp_path, db_path, qtbot, wait_ops):
    folder = demo_copy(tmp_path / "d")
    page = screen.import_page
    _preview(screen, folder, wait_ops)
    with qtbot.waitSignal(screen.imported, timeout=30_000):
        page.import_button.click()          # nothing stored yet: no question
    wait_ops(30_000)
    assert page.confirm_box is None and _snapshots(db_path) == 1
    _preview(screen, folder, wait_ops)
    page.import_button.click()
    text = _answer(page, qtbot, yes=False)
    assert "2025-06-30" in text and "1" in text
    wait_ops()
    assert _snapshots(db_path) == 1


def test_the_preview_says_which_limits_cannot_be_measured(screen, tmp_path, wait_ops):
    folder = demo_copy(tmp_path / "nobiz", with_business=False)
    _preview(screen, folder, wait_ops)
    text = screen.import_page.eval_counts.text()
    n = sum(1 for r in screen.import_page.limits_model.rows if r["status"] == "no_basis")
    assert n >= 5 and f"{n} 项限额无法计量" in text and "G14" in text and "business.csv" in text
