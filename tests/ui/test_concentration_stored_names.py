"""The limit dashboard opened from a stored evaluation names its keys as the complete view does: the stored
view reads names and group heads only for the keys it shows (core.concentration.snapshots.open_stored), so
every cell and tooltip of the dashboard is compared before and after the snapshot's rows have loaded."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt

from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "small-group"


def _headed_example(tmp_path):
    """small-group with the bank's group (the largest, the one the group limit reports) joined by a label to a
    company whose id sorts first: the group's key is that company (A0, no exposure of its own), but it is
    shown under the parent that heads it (BANK1, "… 等 3 家")."""
    folder = tmp_path / "headed"
    shutil.copytree(EXAMPLE, folder)
    cps = folder / "counterparties.csv"
    lines = cps.read_text(encoding="utf-8").splitlines()
    lines = [line.replace("BANK1,某国有大型商业银行,,,", "BANK1,某国有大型商业银行,,B-LINK,") for line in lines]
    lines.append("A0,某银行合作方有限公司,,B-LINK,J66,CN-BJ,false,false,")
    cps.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def session(tmp_path, qtbot):
    from core.concentration.snapshots import preview_import, store_snapshot
    from core.store import Store
    from ui.session import Session

    folder = _headed_example(tmp_path)
    path = tmp_path / "riskdesk.sqlite"
    store = Store.open(path)
    try:
        preview = preview_import(folder)
        assert not preview.problems or all(p.severity != "error" for p in preview.problems)
        store_snapshot(store, preview, "fixture", source=str(folder))
    finally:
        store.close()
    s = Session(db_path=path, user="测试员")
    s.open_store()
    qtbot.waitUntil(lambda: s.store is not None, timeout=15_000)
    yield s
    s.close()


def _cells(model) -> list[tuple]:
    """What the officer sees of every dashboard row: each column's text and tooltip."""
    out = []
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            ix = model.index(r, c)
            out.append((r, c, model.data(ix, Qt.ItemDataRole.DisplayRole),
                        model.data(ix, Qt.ItemDataRole.ToolTipRole)))
    return out


def test_the_stored_dashboard_names_its_keys_as_the_complete_view_does(session, qtbot, wait_ops, monkeypatch, rows_held):
    from ui.common import i18n
    from ui.concentration.screen import ConcentrationScreen

    release = rows_held

    screen = ConcentrationScreen(session)
    qtbot.addWidget(screen)
    model = screen.dashboard.model
    try:
        qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=15_000)
        assert screen.view is None and not model.view.complete     # shown from the stored evaluation alone
        stored = _cells(model)
        i18n.set_language("en")
        try:
            stored_en = _cells(model)
        finally:
            i18n.set_language("zh_CN")
    finally:
        release.set()
    wait_ops(20_000)
    assert screen.view is not None and screen.view.complete and model.view is screen.view
    complete = _cells(model)
    i18n.set_language("en")
    try:
        complete_en = _cells(model)
    finally:
        i18n.set_language("zh_CN")
    texts = " ".join(str(cell[2]) for cell in stored)
    assert "A0 某国有大型商业银行 等 3 家" in texts            # the group shown under its head, keyed A0
    assert stored == complete
    assert stored_en == complete_en
    assert "A0 某国有大型商业银行 and 2 others" in " ".join(str(cell[2]) for cell in stored_en)
