"""The PDF report infrastructure on a demonstration document: fonts, layout, page numbers, reproducibility.

Checks read the PDF back with poppler (`pdffonts`, `pdftotext`), i.e. as a reader sees it, not through
reportlab's own objects. Those tests are skipped, with the reason, only when poppler-utils is missing.
"""
from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import warnings
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from reports.charts import FAMILY, chart_png
from reports.model import ChartSpec, Column, Paragraph, ReportDocument, Section, Series, Table, Threshold
from reports.pdf.document import PdfRenderer, render_pdf
from tests.reports.demo_report import ROWS, build_demo_document

needs_pdffonts = pytest.mark.skipif(shutil.which("pdffonts") is None,
                                    reason="pdffonts not found: install poppler-utils (apt-get install -y poppler-utils)")
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="pdftotext not found: install poppler-utils (apt-get install -y poppler-utils)")


@pytest.fixture(scope="module")
def demo_pdf(tmp_path_factory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("pdf") / "demo.pdf"
    digest = render_pdf(build_demo_document(), path)
    return path, digest


def pdf_fonts(path: Path) -> list[dict]:
    """Rows of `pdffonts` as dicts (name, emb, sub, uni, line); the flags are read from the right."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    rows = []
    for line in out[2:]:  # skip the header and its dashes
        fields = line.split()
        rows.append({"name": fields[0], "emb": fields[-5], "sub": fields[-4], "uni": fields[-3], "line": line})
    return rows


def unembedded(path: Path) -> list[str]:
    return [r["line"] for r in pdf_fonts(path) if r["emb"] != "yes" or "Helvetica" in r["name"]]


def page_texts(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True).stdout
    pages = out.decode("utf-8").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def squash(text: str) -> str:
    """pdftotext inserts or drops spaces between CJK glyphs depending on spacing; compare without them."""
    return re.sub(r"\s+", "", text)


# --- fonts ------------------------------------------------------------------------------------------------

@needs_pdffonts
def test_every_font_is_embedded_and_there_is_no_helvetica(demo_pdf):
    path, _ = demo_pdf
    rows = pdf_fonts(path)
    assert rows, "pdffonts listed no fonts"
    assert any("NotoSansSC" in r["name"] for r in rows)
    assert any("NotoSansSC-Bold" in r["name"] for r in rows)
    assert unembedded(path) == []


@needs_pdffonts
def test_font_check_detects_an_unembedded_helvetica(tmp_path):
    """The embedded-font check must be able to fail: a plain reportlab canvas uses Helvetica."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "helvetica.pdf"
    c = Canvas(str(path))
    c.drawString(100, 700, "Helvetica")
    c.save()
    assert any("Helvetica" in line for line in unembedded(path))


# --- text, headings, tables, page numbers -------------------------------------------------------------

@needs_pdftotext
def test_headings_cover_and_toc(demo_pdf):
    path, _ = demo_pdf
    pages = [squash(p) for p in page_texts(path)]
    cover, toc = pages[0], pages[1]
    for text in ("示例保险集团股份有限公司", "集中度风险管理报告", "2025年上半年", "2025年6月30日", "内部资料注意保密"):
        assert text in cover
    assert "第1页" not in cover, "the cover is not numbered"
    assert "目录" in toc
    body = "".join(pages[2:])
    for heading in ("一、总体情况", "二、交易对手集中度", "（一）大额风险暴露明细", "（二）资产类别分布", "三、偿付能力", "附录一整改计划"):
        assert heading in toc, f"{heading} missing from the table of contents"
        assert heading in body, f"{heading} missing from the body"


@needs_pdftotext
def test_toc_page_numbers_match_the_footer(demo_pdf):
    path, _ = demo_pdf
    pages = [squash(p) for p in page_texts(path)]
    toc = pages[1]
    m = re.search(r"三、偿付能力\.*(\d+)", toc)
    assert m, toc
    shown = int(m.group(1))
    target = pages[shown]  # displayed page n is physical page n + 1 (the cover is unnumbered)
    assert "三、偿付能力" in target and f"第{shown}页" in target


@needs_pdftotext
def test_footer_numbers_every_page_but_the_cover(demo_pdf):
    path, _ = demo_pdf
    pages = [squash(p) for p in page_texts(path)]
    total = len(pages) - 1
    assert total == len(PdfReader(str(path)).pages) - 1
    assert f"第1页共{total}页" in pages[1]
    for n, text in enumerate(pages[1:], start=1):
        assert f"第{n}页共{total}页" in text, f"page {n} footer missing"


@needs_pdftotext
def test_long_table_splits_and_repeats_its_header(demo_pdf):
    path, _ = demo_pdf
    pages = [squash(p) for p in page_texts(path)]
    first = next(i for i, p in enumerate(pages) if "表1交易对手风险敞口明细" in p)
    later = next(i for i, p in enumerate(pages) if "测试单位100" in p)
    assert later > first, "row 100 should be on a later page than the table's start"
    assert "表1" not in pages[later], "the caption is not repeated"
    assert "风险敞口（万元）" in pages[later] and "占总资产比例" in pages[later], "header row not repeated"
    last = next(i for i, p in enumerate(pages) if "589,195,481.47" in p)  # the total row ends the table
    assert last > first
    for i in range(first + 1, last + 1):
        # pdftotext may interleave a wrapped cell with the header, so look for each header cell.
        for header in ("序号", "交易对手", "资产类别", "风险敞口（万元）", "占总资产比例", "状态"):
            assert header in pages[i], f"header {header} not repeated on page {i}"
    assert f"测试单位{ROWS}" in "".join(pages[later:])
    assert "589,195,481.47" in "".join(pages[first:]), "total row"


@needs_pdftotext
def test_table_values_are_formatted(demo_pdf):
    path, _ = demo_pdf
    text = "".join(squash(p) for p in page_texts(path))
    assert "791,912.35" in text  # row 1: 7,919,123,456 元 in 万元
    assert "3.70%" in text
    assert "12,345.68亿元" in text  # key figure
    assert "超限" in text and "预警" in text


# --- reproducibility and metadata ---------------------------------------------------------------------------

# Same data, same bytes (whatever the process rendered before, however fresh the database) is checked once,
# on a real report made as a user makes it: tests/cli/test_report_cli.py.

def test_render_returns_the_sha256_of_the_file(demo_pdf):
    path, digest = demo_pdf
    assert digest == hashlib.sha256(path.read_bytes()).hexdigest()


def test_different_data_gives_different_bytes(demo_pdf, tmp_path):
    _, digest = demo_pdf
    other = replace(build_demo_document(), as_of=date(2025, 12, 31), report_date=date(2026, 1, 20))
    assert render_pdf(other, tmp_path / "other.pdf") != digest


def test_table_cells_are_laid_out_once_per_width_with_the_same_bytes(demo_pdf, tmp_path, monkeypatch):
    """A table cell's paragraph keeps its lines for the width it was laid out at (each layout pass and each page
    of a split table measure it again): the same PDF bytes as laying it out every time, with fewer layouts."""
    from reportlab.platypus import Paragraph as RLParagraph

    from reports.pdf import document

    _, digest = demo_pdf
    laid_out = []
    real = RLParagraph.wrap

    def counted(self, width, height):
        laid_out.append(self)
        return real(self, width, height)

    monkeypatch.setattr(RLParagraph, "wrap", counted)
    assert render_pdf(build_demo_document(), tmp_path / "kept.pdf") == digest
    kept = sum(isinstance(p, document._CellParagraph) for p in laid_out)
    laid_out.clear()
    monkeypatch.setattr(document._CellParagraph, "wrap", counted)      # every time, as reportlab does
    assert render_pdf(build_demo_document(), tmp_path / "every.pdf") == digest
    every = sum(isinstance(p, document._CellParagraph) for p in laid_out)
    assert 0 < kept < every / 2


def test_metadata_comes_from_the_report_not_the_clock(demo_pdf):
    path, _ = demo_pdf
    meta = PdfReader(str(path)).metadata
    assert meta["/Title"] == "集中度风险管理报告"
    assert meta["/Author"] == "示例保险集团股份有限公司"
    assert meta["/CreationDate"] == "D:20250715000000+08'00'"
    assert "2025年上半年" in meta["/Subject"]


def test_outline_has_the_sections(demo_pdf):
    path, _ = demo_pdf
    outline = PdfReader(str(path)).outline
    titles = [o.title for o in outline if not isinstance(o, list)]
    assert titles == ["一、总体情况", "二、交易对手集中度", "三、偿付能力", "附录一　整改计划"]


# --- charts -------------------------------------------------------------------------------------------------

SPEC = ChartSpec("barh", ["银行存款", "债券投资"], [Series("占比", [0.18, 0.36])], title="资产占比",
                 thresholds=[Threshold(0.3, "上限")], value_format="percent")


def test_chart_png_is_deterministic_and_untagged():
    a, b = chart_png(SPEC), chart_png(SPEC)
    assert a == b
    assert a[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"matplotlib" not in a.lower(), "the Software tag (with version) must not be written"


def test_chart_draws_chinese_without_missing_glyphs():
    """A missing CJK glyph makes matplotlib warn "Glyph ... missing from font(s)"; that must not happen."""
    from matplotlib import font_manager

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for kind in ChartSpec.KINDS:
            chart_png(replace(SPEC, kind=kind, series=[Series("综合", [1.2, -0.5]), Series("核心", [0.8, None])]
                              if kind in ("grouped_bar", "line") else SPEC.series, value_format="amount:亿元"))
    path = font_manager.findfont(font_manager.FontProperties(family=FAMILY), fallback_to_default=False)
    assert Path(path).name.startswith("NotoSansSC")


# --- renderer details ---------------------------------------------------------------------------------------

def test_heading_numbers():
    r = PdfRenderer()
    assert [r.heading_number(0, n) for n in (1, 2, 10, 11, 21)] == ["一、", "二、", "十、", "十一、", "二十一、"]
    assert r.heading_number(1, 3) == "（三）"
    assert r.heading_number(2, 4) == "4. "
    assert r.heading_number(0, 2, appendix=True) == "附录二　"


def test_user_text_is_escaped(tmp_path):
    """Company names with & or < must not break reportlab's paragraph markup."""
    doc = ReportDocument("A&B <测试>", "甲&乙保险", "2025", date(2025, 12, 31),
                         sections=[Section("说明", [Paragraph("比例 < 5% & 金额 > 0"),
                                                    Table([Column("名称"), Column("金额", "amount:万元")],
                                                          [["A&B<公司>", 12_345_678]])])])
    render_pdf(doc, tmp_path / "esc.pdf")
    if shutil.which("pdftotext"):
        text = squash("".join(page_texts(tmp_path / "esc.pdf")))
        assert "比例<5%&金额>0" in text and "A&B<公司>" in text and "1,234.57" in text


def test_table_rows_must_match_columns():
    with pytest.raises(ValueError, match="row 1 has 1 values for 2 columns"):
        Table(["a", "b"], [[1, 2], [3]])
    with pytest.raises(ValueError, match="unknown row status"):
        Table(["a"], [[1]], row_status=["red"])
    with pytest.raises(ValueError, match="unknown chart kind"):
        ChartSpec("pie", ["a"], [Series("s", [1])])


def test_hook_override_changes_the_output(tmp_path):
    """Renderer hooks are the customisation point: a subclass footer shows up in the PDF."""

    class Custom(PdfRenderer):
        def draw_footer(self, canv, page, total):
            canv.setFont("NotoSansSC", 8)
            canv.drawString(100, 20, f"定制页脚 {page}/{total}")

    doc = ReportDocument("标题", "机构", "2025Q3", date(2025, 9, 30), sections=[Section("一节", [Paragraph("正文")])])
    path = tmp_path / "custom.pdf"
    render_pdf(doc, path, renderer=Custom())
    if shutil.which("pdftotext"):
        assert "定制页脚1/2" in squash("".join(page_texts(path)))
    assert doc.period_label == "2025年第三季度"


def test_value_axis_ticks_use_the_report_formats():
    from reports.charts import _ValueAxisFormatter

    assert _ValueAxisFormatter("percent").format_ticks([0, 0.5, 1.0]) == ["0%", "50%", "100%"]
    assert _ValueAxisFormatter("percent").format_ticks([0, 0.025, 0.05]) == ["0.0%", "2.5%", "5.0%"]
    assert _ValueAxisFormatter("amount:亿元").format_ticks([0, 2e9, 4e9]) == ["0", "20", "40"]
    assert _ValueAxisFormatter("number:2").format_ticks([0, 1250, 2500]) == ["0", "1,250", "2,500"]
