"""A board paper stays readable however many items are in breach (issue 15): long listings name the most
severe few, count the rest and say where they are; the XLSX lists every row; nothing is dropped silently.

The demo group with its single-counterparty limit (G02) tightened a hundredfold, imported into a fresh
history, puts several hundred counterparties in breach or warning: more than every bound of
reports.builders.bounds. The demo's own reports stay within the bounds (tests/cli, tests/reports check
their bytes).
"""
from __future__ import annotations

import csv
import re
import shutil
from datetime import date

import pytest
from openpyxl import load_workbook

from core.concentration.snapshots import import_snapshot
from core.demo import demo_snapshot_dirs
from core.periods import parse_period
from core.store import Store
from reports.builders import bounds as B
from reports.builders.common import (
    current_pins,
    flagged_entries,
    load_view,
    resolve_snapshot,
    utilisation_table,
)
from reports.builders.semiannual import HANDLING, UTILISATION, build_semiannual_report
from reports.model import Note, Paragraph, ReportDocument, Section, Table
from reports.pdf.document import PdfRenderer
from reports.xlsx import write_xlsx
from tests.reports.consistency import problems
from tests.reports.pdf_check import needs_poppler, pdf_text
from tests.reports.report_store import OFFICER

pytestmark = needs_poppler


@pytest.fixture(scope="module")
def crowded(tmp_path_factory):
    """(store, document, pdf path, xlsx path) of the 2025H1 report of the crowded group."""
    tmp = tmp_path_factory.mktemp("crowded")
    folder = tmp / "2025-06-30"
    shutil.copytree(demo_snapshot_dirs()[-1], folder)
    path = folder / "limits.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        if r["limit_id"] == "G02":                # single counterparty (group), each key
            r["warning"], r["limit"] = "0.0002", "0.00045"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    store = Store.open(tmp / "crowded.sqlite3")
    import_snapshot(store, folder, OFFICER)
    doc = build_semiannual_report(store, "2025H1")
    pdf = tmp / "crowded.pdf"
    PdfRenderer().render(doc, pdf)
    xlsx = tmp / "crowded.xlsx"
    write_xlsx(doc, xlsx)
    yield store, doc, pdf, xlsx
    store.close()


def _section(doc, title) -> Section:
    def walk(s):
        if s.title == title:
            return s
        for b in s.blocks:
            if isinstance(b, Section) and (found := walk(b)) is not None:
                return found
        return None
    return next(x for x in (walk(s) for s in doc.sections) if x is not None)


def _table(section, caption) -> Table:
    return next(b for b in section.blocks if isinstance(b, Table) and b.caption == caption)


def _number(doc, caption) -> int:
    """The table's number as the PDF prints it (captioned tables in reading order)."""
    return 1 + [t.caption for _s, t in doc.tables() if t.caption].index(caption)


def test_the_crowded_group_exceeds_every_bound(crowded):
    store, doc, _pdf, _xlsx = crowded
    view = load_view(store, resolve_snapshot(store, parse_period("2025H1")), current_pins(store, "2025H1"))
    entries = flagged_entries(view)
    breaches = [e for e in entries if e["status"] == "breach"]
    assert len(entries) > B.FLAGGED_ROWS > B.SUMMARY_ROWS and len(breaches) > B.ASKS


def test_the_summary_lists_the_most_severe_and_points_to_the_rest(crowded):
    _store, doc, pdf, _xlsx = crowded
    summary = doc.sections[0]
    table = _table(summary, "超限和预警事项一览")
    full = _table(_section(doc, HANDLING), HANDLING)
    assert len(table.rows) == B.SUMMARY_ROWS
    # objects by the names a reader knows (the counterparty group RE01 heads, a counterparty's name), as
    # the demo's own report names them, not by their ids
    assert "融达地产集团有限公司" in [r[0] for r in table.rows]
    assert not {"RE01", "BK01", "LG-TOLL-1"} & {r[0] for r in table.rows}
    # the same items as the first rows of section 四's table, the most severe first
    assert [r[0] for r in table.rows] == [r[1] for r in full.rows[:B.SUMMARY_ROWS]]
    rest = len(full.rows) - B.SUMMARY_ROWS
    breach = sum(1 for s in full.row_status[B.SUMMARY_ROWS:] if s == "breach")
    n = _number(doc, HANDLING)
    sentence = next(b.text for b in summary.blocks if isinstance(b, Paragraph) and "另有" in b.text)
    assert f"另有 {rest:,} 项（超限 {breach:,} 项、预警 {rest - breach:,} 项）见第四节表{n}“{HANDLING}”" in sentence
    text = pdf_text(pdf)
    assert f"表{n}{HANDLING}" in text                 # the number the sentence gives is the table's


def test_the_asks_name_a_few_cases_and_count_the_others(crowded):
    _store, doc, _pdf, _xlsx = crowded
    asks = next(b.text for b in doc.sections[0].blocks if isinstance(b, Paragraph) and b.text.startswith("提请董事会"))
    assert asks.count("审议登记簿第") == B.ASKS
    full = _table(_section(doc, HANDLING), HANDLING)
    open_breaches = sum(1 for r, s in zip(full.rows, full.row_status) if s == "breach")
    n = _number(doc, HANDLING)
    assert f"审议其余 {open_breaches - B.ASKS:,} 项超限事项的处置（见表{n}）" in asks


def test_section_four_lists_a_bounded_table_and_the_xlsx_every_row(crowded):
    _store, doc, pdf, xlsx = crowded
    handling = _section(doc, HANDLING)
    table = _table(handling, HANDLING)
    assert table.shown == B.FLAGGED_ROWS and len(table.rows) > B.FLAGGED_ROWS
    rest = len(table.rows) - B.FLAGGED_ROWS
    assert table.rest.startswith(f"另有 {rest:,} 项未在本表列示（") and f"工作表“{HANDLING}”" in table.rest
    text = pdf_text(pdf)
    assert re.sub(r"\s", "", table.rest) in text
    last_shown, first_hidden = table.rows[B.FLAGGED_ROWS - 1][0], table.rows[-1][0]
    assert last_shown.split("（")[0] in text
    sheet = load_workbook(xlsx, read_only=True)[HANDLING]
    assert sheet.max_row - 1 == len(table.rows)           # the header, then every row
    assert first_hidden is not None
    # the register's record of the most severe only, and the rest counted
    notes = [b for b in handling.blocks if isinstance(b, Note)]
    assert len(notes) == B.CASE_NOTES
    assert any(isinstance(b, Paragraph) and b.text.startswith(f"以上为最突出的 {B.CASE_NOTES} 个事项")
               for b in handling.blocks)


def test_a_bounded_limits_table_shows_the_pressing_limits_and_counts_the_others(crowded):
    """The demo has 42 limits, under the bound of 50 (its table is unchanged); a bound of 5 shows how a
    longer list is cut: breaches and warnings first (then the highest utilisation), in the limits' order,
    the others counted by status, every row kept for the XLSX."""
    store = crowded[0]
    pins = current_pins(store, "2025H1")
    view = load_view(store, resolve_snapshot(store, parse_period("2025H1"), pins), pins)
    whole = utilisation_table(view, None, UTILISATION, with_previous=False)
    cut = utilisation_table(view, None, UTILISATION, with_previous=False, bound=5)
    assert whole.shown is None and whole.rest is None and len(whole.rows) == 42
    assert cut.shown == 5 and sorted(map(tuple, cut.rows), key=str) == sorted(map(tuple, whole.rows), key=str)
    order = [r[0] for r in whole.rows]
    shown, hidden = cut.rows[:5], cut.rows[5:]
    assert [r[0] for r in shown] == sorted((r[0] for r in shown), key=order.index)   # the limits' own order
    rank = {"breach": 0, "warning": 1, "no_basis": 2, "ok": 3}
    worst_hidden = min(rank[s] for s in cut.row_status[5:])
    assert all(rank[s] <= worst_hidden for s in cut.row_status[:5])                 # none more pressing hidden
    assert cut.row_status[:5].count("breach") == min(5, whole.row_status.count("breach"))
    assert len(hidden) == len(whole.rows) - 5
    rest = B.status_counts_of(cut.row_status[5:])
    assert cut.rest.startswith(f"另有 {len(whole.rows) - 5} 项未在本表列示（") and f"正常 {rest['ok']} 项" in cut.rest
    assert f"工作表“{UTILISATION}”" in cut.rest


def test_every_number_in_a_sentence_is_a_value_of_the_model(crowded):
    _store, doc, _pdf, _xlsx = crowded
    assert problems(doc) == []


def test_the_paper_stays_short(crowded):
    _store, _doc, pdf, _xlsx = crowded
    pages = len(re.findall(rb"/Type /Page(?!s)", pdf.read_bytes()))
    assert pages <= 30, pages


def test_a_reference_to_a_missing_table_is_an_error():
    doc = ReportDocument(title="t", organisation="o", period="2025H1", as_of=date(2025, 6, 30),
                         sections=[Section("s", [Paragraph("见表" + B.table_ref("无此表"))])])
    with pytest.raises(ValueError, match="无此表"):
        B.resolve_table_refs(doc)
