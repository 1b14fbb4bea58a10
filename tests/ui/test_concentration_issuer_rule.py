"""The limit dashboard names a single asset as the board report prints it (issue 15, one issuer rule): an
instrument held against two counterparties (BD-BANK1-2028: BANK1, then BANK1SUB) shows no issuer, one held twice
against the same counterparty (BD-ENERGY-2029: ENERGY) shows it; opened from the stored evaluation (its labels
of today, or labels recorded by the last holding, which named BANK1SUB) and once the snapshot's rows have
loaded alike, and the same as the XLSX report made from the same database."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from tests.core.test_issuer_rule import ONE, TWO, _last_holding_labels, two_holder_folder
from tests.reports.test_issuer_report import _assert_cells

ENERGY = "某能源股份有限公司"


@pytest.fixture(params=["ruled", "last-holding"])
def session(request, tmp_path, qtbot, monkeypatch):
    import core.services.imports as imports
    from core.concentration import snapshots as snaps
    from core.concentration.snapshots import preview_import, store_snapshot
    from core.store import Store
    from ui.session import Session

    folder = two_holder_folder(tmp_path)
    path = tmp_path / "riskdesk.sqlite"
    preview = preview_import(folder)
    store = Store.open(path)
    try:
        with monkeypatch.context() as m:
            if request.param == "last-holding":       # a history recorded before the rule was one
                m.setattr(imports, "with_labels",
                          lambda doc, labels: {**doc, snaps.LABELS: _last_holding_labels(labels, preview.data)})
            store_snapshot(store, preview, "fixture", source=str(folder))
    finally:
        store.close()
    s = Session(db_path=path, user="测试员")
    s.open_store()
    qtbot.waitUntil(lambda: s.store is not None, timeout=15_000)
    s.path = path
    yield s
    s.close()


def _shown(model) -> dict[str, str]:
    """{single-asset key: the words the officer reads for it} of the dashboard's rows: the key column, and the
    row's tooltip (hovering it), whose second line is the key and what it is called."""
    shown = {}
    for r in range(model.rowCount()):
        row = model.row(r)
        if row["dimension"] != "single_asset" or row["key"] not in (ONE, TWO):
            continue
        cells = [model.data(model.index(r, c), Qt.ItemDataRole.DisplayRole) for c in range(model.columnCount())]
        assert row["key"] in cells                             # the key column shows the bare code
        tip = model.data(model.index(r, 0), Qt.ItemDataRole.ToolTipRole)
        shown[row["key"]] = tip.splitlines()[1]
    return shown


def _paper(path, tmp_path) -> list[str]:
    """The cells of the semiannual report's XLSX made from the database at `path`."""
    from core.store import Store
    from reports.service import generate_report

    out = tmp_path / "semiannual.xlsx"
    with Store.open(path) as store:
        generate_report(store, "semiannual", "2025H1", out, fmt="xlsx", user="测试员")
    wb = load_workbook(out, read_only=True)
    return [str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None]


def test_the_dashboard_names_single_assets_as_the_report(session, qtbot, wait_ops, monkeypatch, tmp_path, rows_held):
    from ui.concentration.screen import ConcentrationScreen

    release = rows_held

    screen = ConcentrationScreen(session)
    qtbot.addWidget(screen)
    model = screen.dashboard.model
    try:
        qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=15_000)
        assert screen.view is None and not model.view.complete     # shown from the stored evaluation alone
        stored = _shown(model)
    finally:
        release.set()
    wait_ops(20_000)
    assert screen.view is not None and screen.view.complete and model.view is screen.view
    complete = _shown(model)
    assert stored == complete == {TWO: TWO, ONE: f"{ONE} {ENERGY}"}
    # the paper: the same issuer, or none, beside the same code
    cells = _paper(session.path, tmp_path)
    _assert_cells(cells)               # "某能源股份有限公司（BD-ENERGY-2029）" and BD-BANK1-2028 under no name
