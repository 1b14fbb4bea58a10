"""Lay out a `ReportDocument` as an A4 PDF with reportlab platypus: `PdfRenderer` and `render_pdf`.

House style (after pretix's invoice renderer): the report is data first (`reports.model`, re-exported
here), and `PdfRenderer` turns it into flowables through small hooks a domain report may override:
`cover`, `table_of_contents`, `heading` / `heading_number`, `paragraph`, `table`, `chart`,
`key_figures`, `note`, `page_break`, `appendix_heading`, `draw_header`, `draw_footer`.

Layout: a cover page (no header, not numbered), a table of contents (multi-pass build so page numbers
are right), sections numbered 一、/（一）/1., tables that split across pages repeating their header
row, PNG charts from matplotlib, a header with the report title and confidentiality mark, and a footer
"第 x 页 共 y 页" counted without the cover (the canvas holds pages back until it knows the total).

Reproducibility: invariant mode, fixed metadata and a CreationDate taken from the report's own date,
never the clock, so the same data gives byte-identical files (the SHA-256 returned by `render_pdf` can
be stored next to a board report to show it was not altered).
"""
from __future__ import annotations

import hashlib
import io
from datetime import date
from pathlib import Path
from typing import Callable
from xml.sax.saxutils import escape

import reportlab.rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    NextPageTemplate,
    PageTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable
from reportlab.platypus.tableofcontents import TableOfContents

from reports.format import STATUS_COLOURS, STATUS_TINTS, chinese_numeral, format_date, format_value, status_word
from reports.model import (
    Chart,
    Column,
    KeyFigures,
    Note,
    PageBreak,
    Paragraph,
    ReportDocument,
    Section,
    Table,
    walk_blocks,
)
from reports.pdf.chartjobs import ChartJobs
from reports.pdf.fonts import FONT, FONT_BOLD, register_fonts

MAX_CELL_TEXT = 80     # characters of a table cell; the XLSX keeps the whole text
MAX_HEADER_TEXT = 24   # a column header (a member's name heads a narrow column of amounts)


def elide_cell(text: str, limit: int = MAX_CELL_TEXT) -> str:
    """A cell's text cut to `limit` characters with "…": an imported name of any length must not make a
    row taller than a page (LayoutError) nor take minutes to lay out."""
    return text if len(text) <= limit else text[:limit - 1] + "…"
from reports.pdf.styles import ACCENT, CONFIDENTIAL, HEADER_BG, MUTED, RULE, ZEBRA, Styles, build_styles

# Process-wide on purpose: some reportlab code paths read the global rather than the document's flag.
reportlab.rl_config.invariant = 1
# Binary (not ASCII85) streams: without the C accelerator, ASCII85-encoding chart images in pure Python
# took half the render time of a board report; PDF readers take binary streams as they are.
reportlab.rl_config.useA85 = 0

PAGE = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 25 * mm
MARGIN_BOTTOM = 20 * mm


def _table_style(commands) -> TableStyle:
    """Every table names the CJK font for its cells: even when cells hold Paragraphs, reportlab sets the
    table's cell font (default Helvetica) around them, which would put an unembedded Helvetica in the PDF."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT)] + list(commands))


class Heading(RLParagraph):
    """A heading paragraph that the doc template turns into a TOC entry, a PDF bookmark and an outline entry."""

    def __init__(self, text: str, style, level: int, key: str, toc_text: str | None = None):
        super().__init__(escape(text), style)
        self.toc_level = level
        self.toc_key = key
        self.toc_text = toc_text if toc_text is not None else text


class _DocTemplate(BaseDocTemplate):
    def __init__(self, filename, renderer: "PdfRenderer", **kw):
        self.renderer = renderer
        self.unnumbered_pages = 0
        super().__init__(filename, **kw)

    def handle_documentBegin(self):
        self.unnumbered_pages = 0  # multiBuild starts every pass afresh
        self.rd_pass = getattr(self, "rd_pass", 0) + 1
        super().handle_documentBegin()

    def displayed_page(self) -> int:
        return self.page - self.unnumbered_pages

    def afterFlowable(self, flowable):
        if isinstance(flowable, Heading):
            if flowable.toc_level == 0:
                self.renderer._section_laid_out()
            level, key = flowable.toc_level, flowable.toc_key
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.toc_text, key, level=level, closed=level > 0)
            self.notify("TOCEntry", (level, escape(flowable.toc_text), self.displayed_page(), key))


class _ChartImage(Flowable):
    """A chart image that is not drawn in the first layout pass. That pass only collects the table of
    contents and is never the one saved (a document with a chart has headings, so a second pass always
    follows); encoding and compressing every chart's pixels there was a sixth of a board report's time.
    Its PNG is asked of the document's `ChartJobs` when first drawn (drawn meanwhile by a child process,
    where one can be forked); its size is known before."""

    _fixedWidth = 1
    _fixedHeight = 1

    def __init__(self, jobs: ChartJobs, index: int, width: float, height: float):
        super().__init__()
        self.hAlign = "CENTER"
        self._jobs, self._index = jobs, index
        self.drawWidth, self.drawHeight = width, height

    def wrap(self, availWidth, availHeight):
        return self.drawWidth, self.drawHeight

    def draw(self):
        if _in_first_pass(self.canv):
            return
        image = Image(io.BytesIO(self._jobs.png(self._index)), width=self.drawWidth, height=self.drawHeight)
        image.canv = self.canv       # drawn where this flowable is: the canvas is already translated
        image.draw()


def _in_first_pass(canv) -> bool:
    """True while laying out a first pass that is certain not to be saved: the story has a table of
    contents and headings, so the contents change after pass 1 and multiBuild makes another pass."""
    doc = getattr(canv, "_doctemplate", None)
    return doc is not None and getattr(doc, "rd_pass", 0) == 1 and getattr(doc, "rd_more_passes", False)


class _DataTable(RLTable):
    """A data table whose cells are not drawn in the first layout pass (see `_ChartImage`): that pass only
    needs the sizes, and drawing every cell's paragraph twice was a fifth of a board report's time. Split
    parts keep the class (reportlab splits with ``self.__class__``)."""

    def draw(self):
        if _in_first_pass(self.canv):
            return
        super().draw()


class _CellParagraph(RLParagraph):
    """A table cell's paragraph that lays its lines out once per width: reportlab wraps every cell again each
    time a table is measured (each layout pass, each part of a table split over pages), and a paragraph's lines
    depend on its text, style and width only. The same lines, so the same PDF bytes."""

    _wrapped: tuple[float, float, float] | None = None      # (width asked, width, height) of the last layout

    def wrap(self, availWidth, availHeight):
        done = self._wrapped
        if done is not None and done[0] == availWidth:
            self.width, self.height = done[1], done[2]
            return done[1], done[2]
        width, height = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, width, height)
        return width, height

    def split(self, availWidth, availHeight):
        self._wrapped = None          # (a split paragraph is laid out afresh, as reportlab does it)
        return super().split(availWidth, availHeight)


def _make_canvas_class(renderer: "PdfRenderer", creation_date: date):
    """A canvas that keeps every page until `save`, so footers can say "共 y 页"; the cover is not counted."""
    pdf_date = f"D:{creation_date:%Y%m%d}000000+08'00'"  # reports are dated in Beijing time

    class _NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pending_pages = []
            self.rd_numbered = True
            self.setDateFormatter(lambda *_: pdf_date)

        def showPage(self):
            self._pending_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = sum(1 for p in self._pending_pages if p.get("rd_numbered", True))
            number = 0
            for state in self._pending_pages:
                self.__dict__.update(state)
                if state.get("rd_numbered", True):
                    number += 1
                    renderer.draw_footer(self, number, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return _NumberedCanvas


class PdfRenderer:
    """Turns a `ReportDocument` into a PDF. Subclass and override a hook to change one part of the layout."""

    pagesize = PAGE
    chart_dpi = 150  # sharp enough printed; every pixel is compressed again by the PDF writer, twice (TOC pass)

    def __init__(self, styles: Styles | None = None, chain_head: str | None = None):
        # the history's chain head the report was made from (core.store.chain), printed short in the
        # footer: a paper copy then anchors the history (`main.py db verify --head`)
        self.chain_head = chain_head
        # the fonts are registered (~0.14 s of parsing) with the styles, when first used: `render` hands the
        # charts to the chart child first, so that it draws them meanwhile
        self._styles = styles
        self.doc: ReportDocument | None = None
        self._table_no = 0
        self._figure_no = 0
        self._keys = 0
        self._progress: Callable[[int, int], None] | None = None
        self._progress_done = 0
        self._progress_total = 1
        self._chart_jobs: ChartJobs | None = None
        self._chart_index: dict[int, int] = {}

    @property
    def styles(self) -> Styles:
        """The paragraph styles (build_styles registers the fonts), made when first asked for."""
        if self._styles is None:
            self._styles = build_styles()
        return self._styles

    @styles.setter
    def styles(self, value: Styles) -> None:
        self._styles = value

    # --- progress -------------------------------------------------------------------------------------

    @staticmethod
    def progress_steps(doc: ReportDocument) -> int:
        """How far `render`'s progress counts: each top-level section (appendix ones too) laid out in each
        of the two layout passes (the second fills in the table of contents), then the finished file."""
        return 2 * (len(doc.sections) + len(doc.appendix)) + 1

    def _section_laid_out(self) -> None:
        if self._progress is not None and self._progress_done < self._progress_total - 1:
            self._progress_done += 1     # a third pass (rare: page numbers moved) adds nothing beyond the end
            self._progress(self._progress_done, self._progress_total)

    # --- geometry -------------------------------------------------------------------------------------

    @property
    def frame_width(self) -> float:
        return self.pagesize[0] - 2 * MARGIN_X

    @property
    def frame_height(self) -> float:
        return self.pagesize[1] - MARGIN_TOP - MARGIN_BOTTOM

    # --- entry points ---------------------------------------------------------------------------------

    def render(self, doc: ReportDocument, path: str | Path | None = None,
               progress: Callable[[int, int], None] | None = None) -> bytes:
        """Build the PDF and return its bytes; also write them to `path` when given.

        `progress(done, total)`, if given, is called (in this thread) as each top-level section is laid out
        and once more at the end with done == total == `progress_steps(doc)`; it must not raise."""
        self.doc = doc
        self._progress, self._progress_done = progress, 0
        self._progress_total = self.progress_steps(doc)
        self.pagesize = landscape(type(self).pagesize) if doc.orientation == "landscape" else type(self).pagesize
        self._table_no = self._figure_no = self._keys = 0
        # every chart of the document, drawn (in a child process where one can be forked) while the fonts
        # are registered and the pages laid out
        charts = list(_charts(doc))
        self._chart_jobs = ChartJobs([(c.spec, *(v / cm for v in self._chart_size(c))) for c in charts],
                                     self.chart_dpi)
        self._chart_index = {id(c): i for i, c in enumerate(charts)}
        try:
            data = self._build(doc)
        finally:
            callback, self._progress = self._progress, None
            self._chart_jobs.close()
        if path is not None:
            Path(path).write_bytes(data)
        if callback is not None:
            callback(self._progress_total, self._progress_total)
        return data

    def _build(self, doc: ReportDocument) -> bytes:
        """The PDF's bytes: the pages laid out (two passes when there is a table of contents)."""
        register_fonts()
        buf = io.BytesIO()
        template = _DocTemplate(
            buf,
            self,
            pagesize=self.pagesize,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=doc.title,
            author=doc.author or doc.organisation,
            subject=" ".join(x for x in (doc.subtitle, doc.period_label) if x),
            creator="RiskDesk",
            keywords=[doc.confidentiality] if doc.confidentiality else [],
            invariant=1,
            initialFontName=FONT,
            initialFontSize=10,
            displayDocTitle=1,
            lang="zh-CN",
        )
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, self.frame_width, self.frame_height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        template.addPageTemplates([
            PageTemplate(id="cover", frames=[frame], onPage=self._on_cover_page, pagesize=self.pagesize),
            PageTemplate(id="body", frames=[frame], onPage=self._on_body_page, pagesize=self.pagesize),
        ])
        story = self.story(doc)
        template.rd_more_passes = (any(isinstance(f, TableOfContents) for f in story)
                                   and any(isinstance(f, Heading) for f in story))
        template.multiBuild(story, canvasmaker=_make_canvas_class(self, doc.dated))
        return buf.getvalue()

    def story(self, doc: ReportDocument) -> list[Flowable]:
        story: list[Flowable] = []
        story += self.cover(doc)
        story += [NextPageTemplate("body"), RLPageBreak()]
        story += self.table_of_contents(doc)
        story.append(RLPageBreak())
        for i, section in enumerate(doc.sections, start=1):
            story += self.section(section, level=0, number=i)
        if doc.appendix:
            story += self.appendix(doc)
        return story

    # --- page decoration ------------------------------------------------------------------------------

    def _on_cover_page(self, canv: Canvas, template: _DocTemplate):
        canv.rd_numbered = False
        template.unnumbered_pages += 1
        self.draw_cover_decoration(canv, template)
        self.draw_watermark(canv, template)

    def _on_body_page(self, canv: Canvas, template: _DocTemplate):
        canv.rd_numbered = True
        self.draw_header(canv, template)
        self.draw_watermark(canv, template)

    def draw_watermark(self, canv: Canvas, template) -> None:
        """The document's watermark (e.g. 草稿) in large light letters across the page, under the content."""
        text = self.doc.watermark if self.doc else ""
        if not text:
            return
        w, h = self.pagesize
        canv.saveState()
        canv.setFillColor(colors.HexColor("#E9A3A3"))
        canv.setFillAlpha(0.28)
        canv.setFont(FONT_BOLD, 110)
        canv.translate(w / 2, h / 2)
        canv.rotate(35)
        canv.drawCentredString(0, -40, text)
        canv.restoreState()

    def draw_cover_decoration(self, canv: Canvas, template) -> None:
        """A coloured band at the top of the cover; override for a logo."""
        w, h = self.pagesize
        canv.saveState()
        canv.setFillColor(ACCENT)
        canv.rect(0, h - 12 * mm, w, 12 * mm, stroke=0, fill=1)
        canv.restoreState()

    def draw_header(self, canv: Canvas, template) -> None:
        """Report title on the left, confidentiality mark on the right, a hairline below."""
        w, h = self.pagesize
        y = h - MARGIN_TOP + 8 * mm
        canv.saveState()
        canv.setFont(FONT, 8)
        canv.setFillColor(MUTED)
        canv.drawString(MARGIN_X, y, self._fit(self.doc.title, FONT, 8, self.frame_width * 0.65))
        if self.doc.confidentiality:
            canv.setFont(FONT_BOLD, 8)
            canv.setFillColor(CONFIDENTIAL)
            canv.drawRightString(w - MARGIN_X, y, self.doc.confidentiality)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN_X, y - 2.5 * mm, w - MARGIN_X, y - 2.5 * mm)
        canv.restoreState()

    def draw_footer(self, canv: Canvas, page: int, total: int) -> None:
        w, _ = self.pagesize
        canv.saveState()
        canv.setFont(FONT, 8.5)
        canv.setFillColor(MUTED)
        canv.drawCentredString(w / 2, MARGIN_BOTTOM - 10 * mm, f"第 {page} 页 共 {total} 页")
        if self.chain_head:
            canv.setFont(FONT, 7)
            canv.drawRightString(w - MARGIN_X, MARGIN_BOTTOM - 10 * mm, f"链头 {self.chain_head[:16]}")
        canv.restoreState()

    @staticmethod
    def _fit(text: str, font: str, size: float, width: float) -> str:
        if stringWidth(text, font, size) <= width:
            return text
        while text and stringWidth(text + "…", font, size) > width:
            text = text[:-1]
        return text + "…"

    # --- front matter ---------------------------------------------------------------------------------

    def cover(self, doc: ReportDocument) -> list[Flowable]:
        s = self.styles
        k = self.pagesize[1] / PAGE[1]  # the cover's white space shrinks on a landscape page
        out: list[Flowable] = [Spacer(1, 4 * mm)]
        if doc.confidentiality:
            out.append(RLParagraph(escape(doc.confidentiality), s.confidential))
        out.append(Spacer(1, 55 * mm * k))
        out.append(RLParagraph(escape(doc.organisation), s.cover_org))
        out.append(Spacer(1, 8 * mm))
        out.append(RLParagraph(escape(doc.title), s.cover_title))
        if doc.subtitle:
            out += [Spacer(1, 3 * mm), RLParagraph(escape(doc.subtitle), s.cover_subtitle)]
        out.append(Spacer(1, 45 * mm * k * k))
        lines = [("报告期间", doc.period_label), ("数据截至", format_date(doc.as_of)), ("报告日期", format_date(doc.dated))]
        # Labels right-aligned and values left-aligned, so the colons line up in the middle of the page.
        key_style = ParagraphStyle("CoverKey", parent=s.cover_line, alignment=TA_RIGHT)
        value_style = ParagraphStyle("CoverValue", parent=s.cover_line, alignment=TA_LEFT)
        rows = [[RLParagraph(escape(k) + "：", key_style), RLParagraph(escape(v), value_style)] for k, v in lines]
        t = RLTable(rows, colWidths=[40 * mm, 60 * mm], hAlign="CENTER")
        t.setStyle(_table_style([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        out.append(t)
        return out

    def table_of_contents(self, doc: ReportDocument) -> list[Flowable]:
        style = _table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])
        toc = TableOfContents(levelStyles=list(self.styles.toc_levels), dotsMinLevel=0, tableStyle=style)
        return [RLParagraph("目　录", self.styles.toc_title), toc]

    # --- sections and headings ------------------------------------------------------------------------

    def heading_number(self, level: int, number: int, appendix: bool = False) -> str:
        """一、 / （一） / 1. ; appendix sections read 附录一 ."""
        if appendix and level == 0:
            return f"附录{chinese_numeral(number)}　"
        if level == 0:
            return f"{chinese_numeral(number)}、"
        if level == 1:
            return f"（{chinese_numeral(number)}）"
        return f"{number}. "

    def heading(self, text: str, level: int, key: str, space_needed: float = 0) -> list[Flowable]:
        """The heading, preceded by a conditional page break so it never sits alone at the foot of a page.

        `space_needed` is how much of what follows must fit under it (see `space_after_heading`); keepWithNext
        alone cannot do this for charts and tables, which reportlab will not pull into a KeepTogether.
        """
        style = (self.styles.h1, self.styles.h2, self.styles.h3)[min(level, 2)]
        return [CondPageBreak(style.leading + style.spaceBefore + style.spaceAfter + 2 * mm + space_needed), Heading(text, style, level, key)]

    @staticmethod
    def _table_need(block: Table) -> float:
        """Room a table needs at the foot of a page: a short table (up to ten rows) is kept whole, moved to
        the next page rather than split; a long one needs its caption, header and first rows."""
        n = len(block.shown_rows) + (1 if block.total_row is not None else 0)
        return 30 * mm if n > 10 else 18 * mm + 6.5 * mm * n + (8 * mm if block.source else 0)

    def space_after_heading(self, first_block) -> float:
        """Room to keep below a heading for the first block of its section."""
        if isinstance(first_block, Table):
            return self._table_need(first_block)
        if isinstance(first_block, Chart):
            return self._chart_height(first_block) + 15 * mm
        if isinstance(first_block, Section):
            return 12 * mm + self.space_after_heading(first_block.blocks[0] if first_block.blocks else None)
        return 30 * mm  # a paragraph's first lines, or a table's caption, header and first rows

    def section(self, section: Section, level: int, number: int, appendix: bool = False) -> list[Flowable]:
        self._keys += 1
        key = f"h{self._keys}"
        space = self.space_after_heading(section.blocks[0] if section.blocks else None)
        out = self.heading(self.heading_number(level, number, appendix) + section.title, level, key, space)
        sub = 0
        for i, block in enumerate(section.blocks):
            if isinstance(block, Section):
                sub += 1
                out += self.section(block, level + 1, sub, appendix)
            else:
                following = section.blocks[i + 1] if i + 1 < len(section.blocks) else None
                if isinstance(block, Paragraph) and isinstance(following, (Table, Chart)):
                    # an intro stays with the table or chart it introduces (not alone at a page's foot)
                    _w, h = RLParagraph(escape(block.text), self.styles.body).wrap(self.frame_width, 10_000)
                    out.append(CondPageBreak(h + self.space_after_heading(following)))
                out += self.block(block)
        return out

    def appendix(self, doc: ReportDocument) -> list[Flowable]:
        out: list[Flowable] = [RLPageBreak()]
        out += self.appendix_heading(doc)
        for i, section in enumerate(doc.appendix, start=1):
            out += self.section(section, level=0, number=i, appendix=True)
        return out

    def appendix_heading(self, doc: ReportDocument) -> list[Flowable]:
        """Nothing by default: appendix sections carry their own 附录一/附录二 headings."""
        return []

    def block(self, block) -> list[Flowable]:
        handlers = {
            Paragraph: self.paragraph,
            Table: self.table,
            Chart: self.chart,
            KeyFigures: self.key_figures,
            Note: self.note,
            PageBreak: self.page_break,
        }
        for cls, handler in handlers.items():
            if isinstance(block, cls):
                return handler(block)
        raise TypeError(f"unknown report block {type(block).__name__}")

    # --- blocks ---------------------------------------------------------------------------------------

    def paragraph(self, block: Paragraph) -> list[Flowable]:
        text = block.text if block.markup else escape(block.text)
        return [RLParagraph(text.replace("\n", "<br/>"), self.styles.body)]

    def page_break(self, block: PageBreak) -> list[Flowable]:
        return [RLPageBreak()]

    def note(self, block: Note) -> list[Flowable]:
        tint = colors.HexColor(STATUS_TINTS.get(block.kind, "#F3F5F8"))
        edge = colors.HexColor(STATUS_COLOURS.get(block.kind, "#8A96A3"))
        title = f"<font name='{FONT_BOLD}'>{escape(block.title)}：</font>" if block.title else ""
        p = RLParagraph(title + escape(block.text).replace("\n", "<br/>"), self.styles.note)
        t = RLTable([[p]], colWidths=[self.frame_width])
        t.setStyle(_table_style([
            ("BACKGROUND", (0, 0), (-1, -1), tint),
            ("LINEBEFORE", (0, 0), (0, -1), 2.5, edge),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ]))
        return [Spacer(1, 2 * mm), t, Spacer(1, 3 * mm)]

    def caption(self, kind: str, number: int, text: str, keep_with_next: bool = True) -> RLParagraph:
        """表1　… above tables, 图1　… below charts (the usual Chinese convention)."""
        style = self.styles.caption
        if not keep_with_next:
            style = ParagraphStyle("CaptionFree", parent=style, keepWithNext=0)
        return RLParagraph(f"{kind}{number}　{escape(text)}", style)

    def column_widths(self, block: Table) -> list[float]:
        """Absolute widths filling the frame: the block's relative weights, else estimated from content."""
        if block.col_widths:
            weights = list(block.col_widths)
        elif all(c.width for c in block.columns):
            weights = [c.width for c in block.columns]
        else:
            weights = []
            for i, col in enumerate(block.columns):
                texts = [format_value(r[i], col.spec) for r in block.shown_rows[:200]]
                longest = max((_display_width(t) for t in texts), default=0)
                header = _display_width(col.header) * 0.6  # headers may wrap onto two lines
                weights.append(col.width or min(max(longest, header, 5), 36))
        total = sum(weights)
        return [self.frame_width * w / total for w in weights]

    def _cell(self, value, col: Column, bold: bool = False) -> RLParagraph:
        s = self.styles
        spec = col.spec
        # A total row leaves inapplicable cells empty rather than showing the missing-value dash.
        text = "" if (bold and value is None) else escape(elide_cell(format_value(value, spec)))
        if spec.kind == "status" and value in STATUS_COLOURS:
            text = f"<font color='{STATUS_COLOURS[value]}' name='{FONT_BOLD}'>{text}</font>"
        align = col.alignment
        if bold:
            style = s.cell_bold_right if align == "right" else s.cell_bold
        else:
            style = {"right": s.cell_right, "center": s.cell_center}.get(align, s.cell)
        if bold and align == "center":
            style = s.cell_center
            text = f"<font name='{FONT_BOLD}'>{text}</font>"
        return _CellParagraph(text, style)

    def table(self, block: Table) -> list[Flowable]:
        s = self.styles
        # Keep caption, header and a few rows together without keepWithNext: that would wrap the whole
        # table in a KeepTogether and push every long table to a fresh page.
        out: list[Flowable] = [CondPageBreak(self._table_need(block))]
        if block.caption:
            self._table_no += 1
            out.append(self.caption("表", self._table_no, block.caption, keep_with_next=False))
        header = [_CellParagraph(escape(elide_cell(c.header, MAX_HEADER_TEXT)), s.header_cell) for c in block.columns]
        rows = block.shown_rows     # a long listing: the first rows, and `rest` says what else and where
        data = [header] + [[self._cell(v, c) for v, c in zip(row, block.columns)] for row in rows]
        if block.total_row is not None:
            data.append([self._cell(v, c, bold=True) for v, c in zip(block.total_row, block.columns)])
        commands = [
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, HEADER_BG),
            ("LINEBELOW", (0, -1), (-1, -1), 0.8, HEADER_BG),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ]
        for i, status in enumerate((block.row_status or ())[:len(rows)], start=1):
            if status in ("warning", "breach"):  # "ok" rows keep the zebra: only exceptions draw the eye
                commands.append(("BACKGROUND", (0, i), (-1, i), colors.HexColor(STATUS_TINTS[status])))
        if block.total_row is not None:
            commands += [
                ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#E4EAF1")),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, HEADER_BG),
            ]
        t = _DataTable(data, colWidths=self.column_widths(block), repeatRows=1, hAlign="CENTER")
        t.setStyle(_table_style(commands))
        out.append(t)
        if block.rest:
            out.append(Spacer(1, 1.5 * mm))
            out.append(RLParagraph(escape(block.rest), s.body))
        if block.source:
            out.append(Spacer(1, 1.5 * mm))
            out.append(RLParagraph(escape(block.source), s.small))
        out.append(Spacer(1, 4 * mm))
        return out

    def _chart_size(self, block: Chart) -> tuple[float, float]:
        width = min(block.width_cm * cm, self.frame_width)
        return width, block.height_cm * cm * width / (block.width_cm * cm)

    def _chart_height(self, block: Chart) -> float:
        return self._chart_size(block)[1] + (12 * mm if block.caption else 0)

    def chart(self, block: Chart) -> list[Flowable]:
        width, height = self._chart_size(block)
        index = self._chart_index.get(id(block))
        if index is None:       # a chart the document walk did not see (a subclass's own): drawn alone
            jobs, index = ChartJobs([(block.spec, width / cm, height / cm)], self.chart_dpi, parallel=False), 0
        else:
            jobs = self._chart_jobs
        # A conditional break rather than KeepTogether, so a heading's keepWithNext can still hold on to it.
        out: list[Flowable] = [CondPageBreak(self._chart_height(block) + 4 * mm), Spacer(1, 2 * mm),
                               _ChartImage(jobs, index, width=width, height=height)]
        if block.caption:
            self._figure_no += 1
            out.append(self.caption("图", self._figure_no, block.caption, keep_with_next=False))
        out.append(Spacer(1, 3 * mm))
        return out

    def key_figures(self, block: KeyFigures) -> list[Flowable]:
        s = self.styles
        n = max(1, block.columns)
        cells = []
        for item in block.items:
            value = escape(format_value(item.value, item.format))
            if item.format.startswith("amount"):
                value += f"<font size='9' name='{FONT}'> {escape(item.format.split(':')[1] if ':' in item.format else '亿元')}</font>"
            colour = STATUS_COLOURS.get(item.status) if item.status else None
            if colour:
                value = f"<font color='{colour}'>{value}</font>"
            content = [RLParagraph(escape(item.label), s.figure_label), RLParagraph(value, s.figure_value)]
            if item.status:
                content.append(RLParagraph(
                    f"<font color='{colour}' name='{FONT_BOLD}'>{status_word(item.status)}</font>"
                    + (f"　{escape(item.note)}" if item.note else ""), s.figure_note))
            elif item.note:
                content.append(RLParagraph(escape(item.note), s.figure_note))
            cells.append(content)
        while len(cells) % n:
            cells.append("")
        rows = [cells[i:i + n] for i in range(0, len(cells), n)]
        gap = 3 * mm
        width = (self.frame_width - gap * (n - 1)) / n
        # One table per row of figures, with empty gap columns, so every figure sits in its own box and
        # rows are separated by white space (reportlab tables have no row gap).
        widths = []
        for j in range(n):
            widths += [width, gap] if j < n - 1 else [width]
        out: list[Flowable] = [Spacer(1, 2 * mm)]
        for row in rows:
            line = []
            for j, cell in enumerate(row):
                line += [cell, ""] if j < n - 1 else [cell]
            commands = [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 7),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
            for j, cell in enumerate(row):
                if cell != "":
                    commands += [("BACKGROUND", (2 * j, 0), (2 * j, 0), ZEBRA),
                                 ("LINEABOVE", (2 * j, 0), (2 * j, 0), 2, ACCENT)]
            t = RLTable([line], colWidths=widths, hAlign="CENTER")
            t.setStyle(_table_style(commands))
            out += [t, Spacer(1, gap)]
        out.append(Spacer(1, 2 * mm))
        return out


def _charts(doc: ReportDocument):
    """The document's charts in reading order (sections, then the appendix)."""
    for section in list(doc.sections) + list(doc.appendix):
        yield from (block for _, block in walk_blocks(section) if isinstance(block, Chart))


def _display_width(text: str) -> float:
    """Width in 'half-width characters': Han characters and full-width punctuation count double."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def render_pdf(doc: ReportDocument, path: str | Path, renderer: PdfRenderer | None = None) -> str:
    """Write `doc` as a PDF to `path` and return the SHA-256 (hex) of the bytes written."""
    data = (renderer or PdfRenderer()).render(doc, path)
    return hashlib.sha256(data).hexdigest()
