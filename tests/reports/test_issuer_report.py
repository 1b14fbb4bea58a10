"""The board report names a single asset by the one issuer rule of screen and paper (issue 15): an instrument held
against two counterparties (BD-BANK1-2028: BANK1, then BANK1SUB) is printed by its id alone, one held twice
against the same counterparty (BD-ENERGY-2029: ENERGY) under its issuer's name, in the PDF and in the XLSX
alike, whether the evaluation recorded its labels by that rule, by the earlier one (the last holding, which
named BANK1SUB) or none at all. With the labels of today the report names the keys the evaluation shows
from them: no holding and no counterparty row is read for those."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from core.concentration import snapshots as snaps
from core.concentration.snapshots import preview_import
from core.services.imports import store_snapshot
from core.store import Store
from reports.service import generate_report
from tests.conftest import EXAMPLES
from tests.core.test_issuer_rule import ONE, TWO, _last_holding_labels, two_holder_folder
from tests.reports.pdf_check import needs_poppler, pdf_text

ENERGY = "某能源股份有限公司"


def _store(tmp_path, monkeypatch, labels: str) -> Store:
    import core.services.imports as imports

    folder = two_holder_folder(tmp_path)
    preview = preview_import(folder)
    store = Store.open(tmp_path / f"{labels}.sqlite3")
    with monkeypatch.context() as m:
        if labels == "last-holding":
            m.setattr(imports, "with_labels",
                      lambda doc, found: {**doc, snaps.LABELS: _last_holding_labels(found, preview.data)})
        elif labels == "recorded-before":
            m.setattr(imports, "with_labels", lambda doc, found: doc)
        store_snapshot(store, preview, "王芳", source=str(folder))
    return store


def _xlsx_cells(path) -> list[str]:
    wb = load_workbook(path, read_only=True)
    return [str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None]


def _assert_the_rule(text: str) -> None:
    """The PDF's text: BD-ENERGY-2029 printed as "某能源股份有限公司（BD-ENERGY-2029）", BD-BANK1-2028 by its id
    alone."""
    assert f"{ENERGY}（{ONE}）" in text                      # one counterparty on two holdings: named by it
    assert f"（L07），{TWO}占" in text                         # two counterparties: the id alone
    _assert_no_name_for_two(text)


def _assert_cells(cells: list[str]) -> None:
    """The XLSX's cells: the two keys as the objects of their limits' rows."""
    assert f"{ENERGY}（{ONE}）" in cells and TWO in cells
    _assert_no_name_for_two("\n".join(cells))


def _assert_no_name_for_two(text: str) -> None:
    """No counterparty's name before BD-BANK1-2028 (a guess would print "某…理财子公司（BD-BANK1-2028）")."""
    names = (EXAMPLES / "small-group" / "counterparties.csv").read_text(encoding="utf-8").splitlines()[1:]
    for name in (line.split(",")[1] for line in names):
        assert f"{name}（{TWO}）" not in text, name


@needs_poppler
@pytest.mark.parametrize("labels", ["ruled", "last-holding", "recorded-before"])
def test_the_pdf_and_the_xlsx_name_single_assets_by_the_rule(tmp_path, monkeypatch, labels):
    store = _store(tmp_path, monkeypatch, labels)
    try:
        recorded = store.evaluations_for(store.list_snapshots()[0].id)[0].result.get(snaps.LABELS)
        if labels == "last-holding":
            assert recorded["issuers"][TWO] == "BANK1SUB"           # the record the screen must not show
        pdf, xlsx = tmp_path / "r.pdf", tmp_path / "r.xlsx"
        generate_report(store, "semiannual", "2025H1", pdf, user="王芳")
        generate_report(store, "semiannual", "2025H1", xlsx, fmt="xlsx", user="王芳")
    finally:
        store.close()
    _assert_the_rule(pdf_text(pdf))
    _assert_cells(_xlsx_cells(xlsx))


def test_with_the_labels_of_today_the_shown_keys_read_no_holding_and_no_counterparty_row(tmp_path, monkeypatch):
    store = _store(tmp_path, monkeypatch, "ruled")
    try:
        for name in ("holding_pairs", "exposure_issuers", "counterparty_table", "counterparty_links",
                     "load_snapshot"):
            monkeypatch.setattr(type(store), name, lambda *a, _n=name, **k: pytest.fail(f"{_n} called"))
        xlsx = tmp_path / "r.xlsx"
        generate_report(store, "semiannual", "2025H1", xlsx, fmt="xlsx", user="王芳")
    finally:
        store.close()
    _assert_cells(_xlsx_cells(xlsx))
