"""generate_report / regenerate report their progress(done, total): a total known once the data is built,
one step per section and layout pass, done == total at the end; the bytes do not depend on it."""
from __future__ import annotations

import pytest

from reports.pdf.document import PdfRenderer
from reports.service import generate_report, regenerate, render_steps
from tests.reports.pdf_check import needs_poppler
from tests.reports.report_store import demo_store

pytestmark = needs_poppler


@pytest.fixture(scope="module")
def store(tmp_path_factory, demo_db_master):
    s = demo_store(tmp_path_factory.mktemp("progress") / "demo.sqlite3", demo_db_master)
    yield s
    s.close()


def _check(calls, total):
    assert calls[0] == (1, total) and calls[-1] == (total, total)
    assert all(t == total for _, t in calls)
    done = [d for d, _ in calls]
    assert done == sorted(done) and len(set(done)) == len(done) and done[-1] == total


# The semiannual report (23 pages, three renders here: 5 s of CPU) takes the same two-pass path as the disclosure
# and is marked slow (CI runs it, tests/conftest.py); test_renderer_counts_top_level_sections_in_each_pass below
# checks the progress of the session's one render of it (tests/conftest.py `demo_semiannual_pdf`) in every run.
@pytest.mark.parametrize("kind,period,fmt", [pytest.param("semiannual", "2025H1", "pdf", marks=pytest.mark.slow),
                                             ("disclosure", "2025", "pdf"), ("quarterly", "2025Q2", "xlsx")])
def test_progress_per_stage(store, tmp_path, kind, period, fmt):
    calls = []
    rec = generate_report(store, kind, period, tmp_path / f"r.{fmt}", fmt=fmt,
                          progress=lambda d, t: calls.append((d, t)))
    sections = len(rec.document.sections) + len(rec.document.appendix)
    total = 1 + render_steps(rec.document, fmt) + 1
    assert total == (1 + 2 * sections + 1 + 1 if fmt == "pdf" else 3)
    _check(calls, total)
    if fmt == "pdf":
        assert len(calls) == total                    # every section in both passes, nothing skipped
    quiet = generate_report(store, kind, period, tmp_path / f"q.{fmt}", fmt=fmt)
    assert quiet.sha256 == rec.sha256                 # progress changes nothing in the file
    again_calls = []
    again = regenerate(store, rec.id, tmp_path / f"a.{fmt}", progress=lambda d, t: again_calls.append((d, t)))
    assert again.sha256 == rec.sha256 and again_calls == calls


def test_renderer_counts_top_level_sections_in_each_pass(demo_semiannual_pdf):
    """On the demo's board report, made once for the session with its progress recorded (tests/conftest.py):
    generate_report passes the renderer's progress(done, n) on as (1 + done, n + 2), between the data
    built (1) and the report recorded (n + 2). The renderer's own calls, total included, on a small document
    (rendering the board report again only to watch its calls would cost 1.4 s of CPU)."""
    from datetime import date

    from reports.model import Paragraph, ReportDocument, Section

    doc = demo_semiannual_pdf.record.document
    n = PdfRenderer.progress_steps(doc)
    assert n == 2 * (len(doc.sections) + len(doc.appendix)) + 1
    calls = list(demo_semiannual_pdf.progress)
    assert calls == [(i, n + 2) for i in range(1, n + 3)]      # each of the renderer's n steps once, in order

    small = ReportDocument(title="测试", organisation="示例", period="2025H1", as_of=date(2025, 6, 30),
                           report_date=date(2025, 7, 15),
                           sections=[Section("一", [Paragraph("甲")]),
                                     Section("二", [Section("二之一", [Paragraph("乙")])])],
                           appendix=[Section("附", [Paragraph("丙")])])
    calls = []
    PdfRenderer().render(small, progress=lambda d, t: calls.append((d, t)))
    n = PdfRenderer.progress_steps(small)
    assert n == 2 * (len(small.sections) + len(small.appendix)) + 1
    assert calls == [(i, n) for i in range(1, n + 1)]
