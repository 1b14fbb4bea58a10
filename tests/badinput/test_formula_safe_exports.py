"""Every XLSX and CSV the product writes keeps imported text as text (docs/interfaces.md, "Units and text"): names
that start with `=`, `+`, `-`, `@`, a tab or CR are imported, then every report workbook and the rating
template are opened and no cell is a formula; the texts come back exactly. (The journal CSV export of the
history screen is checked in tests/ui/test_journal_export_safe.py.)"""
from __future__ import annotations

import csv
import dataclasses
import io

import openpyxl
import pytest

from core.concentration.snapshots import import_snapshot
from core.demo import demo_rating_inputs
from core.rating.inputs import read_rating_file, write_rating_template
from core.rating.rulebook import load_rulebook
from core.safe_export import safe_append, safe_cell, write_csv_safe
from core.store import Store
from reports.builders import KINDS
from reports.service import build, render
from tests.badinput.helpers import demo_copy, read_rows, write_rows

EVIL = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example","点我")', "+1+1", "-2-3", "@SUM(A1:A9)",
        "\t=1+1", "\r=2+2"]


def _no_formula(data: bytes) -> list[str]:
    """Every string cell of a workbook (asserting none is a formula)."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    texts = []
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    return texts


@pytest.fixture(scope="module")
def evil_store(tmp_path_factory):
    base = tmp_path_factory.mktemp("evil")
    folder = demo_copy(base / "data")
    # the largest counterparties of the demo carry the names, so that they reach the top-N tables
    rows = read_rows(folder / "counterparties.csv")
    name = rows[0].index("name")
    for r, text in zip(rows[1:], EVIL * 100):
        r[name] = text
    write_rows(folder / "counterparties.csv", rows)
    rows = read_rows(folder / "limits.csv")
    rows[1][rows[0].index("name")] = EVIL[1]
    write_rows(folder / "limits.csv", rows)
    rows = read_rows(folder / "members.csv")
    rows[1][rows[0].index("name")] = EVIL[0]
    write_rows(folder / "members.csv", rows)
    store = Store.open(base / "h.sqlite3")
    outcome = import_snapshot(store, folder, EVIL[4])
    assert not hasattr(outcome, "problems")
    yield store
    store.close()


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "rating"])
def test_report_workbooks_have_no_formula_from_imported_names(evil_store, kind):
    period = {"semiannual": "2025H1", "quarterly": "2025Q2", "disclosure": "2025", "annual_chapter": "2025"}[kind]
    texts = _no_formula(render(build(evil_store, kind, period), "xlsx"))
    if kind == "quarterly":     # its tables list counterparties and limits by name
        assert any(t in texts for t in EVIL[:2])
    # what was written as text reads back as the same text (the importer strips surrounding whitespace)
    for t in texts:
        if t.startswith(("=", "@")):
            assert any(e.strip() in t for e in EVIL), t


def test_rating_template_keeps_a_company_named_like_a_formula(tmp_path):
    inp = read_rating_file(demo_rating_inputs()[-1])
    evil = dataclasses.replace(inp, company=EVIL[1])
    out = tmp_path / "template.xlsx"
    write_rating_template(out, load_rulebook(inp.rulebook_id), evil)
    texts = _no_formula(out.read_bytes())
    assert EVIL[1] in texts
    back = read_rating_file(out)
    assert back.company == EVIL[1]


def test_the_helper_keeps_text_text_and_numbers_numbers(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    safe_append(ws, ["name", "amount"])
    for i, t in enumerate(EVIL + ["plain", "-5", "x\x00y"]):
        safe_append(ws, [t, i * 1.5])
    safe_cell(ws, 20, 1, 12345678901234)
    out = tmp_path / "t.xlsx"
    wb.save(out)
    back = openpyxl.load_workbook(out).active
    got = [(r[0].value, r[0].data_type, r[1].value, r[1].data_type) for r in back.iter_rows(min_row=2, max_row=11)]
    for (text, dtype, _num, ntype), want in zip(got, EVIL + ["plain", "-5", "x\ufffdy"]):
        # (an XML reader turns a CR into a line feed: still text, never a formula)
        assert (text, dtype, ntype) == (want.replace("\r", "\n"), "s", "n")
    assert back.cell(20, 1).value == 12345678901234 and back.cell(20, 1).data_type == "n"
    assert all(back.cell(r, 1).quotePrefix for r in range(2, 2 + len(EVIL)))
    buf = io.StringIO(newline="")
    write_csv_safe(buf, [[t, 7, 2.5, None] for t in EVIL + ["plain"]])
    rows = list(csv.reader(io.StringIO(buf.getvalue())))
    assert [r[0] for r in rows] == ["'" + t for t in EVIL] + ["plain"]
    assert rows[0][1:] == ["7", "2.5", ""]
