"""Paragraph styles for reports: every one in Noto Sans SC with CJK line breaking.

`wordWrap="CJK"` lets reportlab break lines between any two Han characters (Chinese has no spaces);
reports.pdf.linebreak adds the Chinese rules (no closing mark at a line's start, no opening bracket at its
end, numbers kept with their units and dates whole). Sizes follow a printed A4 board report: 10.5 pt body
(五号), 16 pt section headings, 22 pt cover title.
"""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from reports.pdf import linebreak
from reports.pdf.fonts import FONT, FONT_BOLD, register_fonts

linebreak.install()   # 禁则: reportlab's CJK wrap lets "，；：" start a line and "（" end one

INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#5F6B7A")
ACCENT = colors.HexColor("#1F4E79")  # headings, table header, chart bars
RULE = colors.HexColor("#B8C2CC")
ZEBRA = colors.HexColor("#F3F5F8")
HEADER_BG = colors.HexColor("#1F4E79")
CONFIDENTIAL = colors.HexColor("#B71C1C")


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    caption: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_center: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_bold_right: ParagraphStyle
    header_cell: ParagraphStyle
    figure_label: ParagraphStyle
    figure_value: ParagraphStyle
    figure_note: ParagraphStyle
    cover_org: ParagraphStyle
    cover_title: ParagraphStyle
    cover_subtitle: ParagraphStyle
    cover_line: ParagraphStyle
    confidential: ParagraphStyle
    toc_title: ParagraphStyle
    toc_levels: tuple


def _s(name, size, leading=None, font=FONT, **kw) -> ParagraphStyle:
    kw.setdefault("textColor", INK)
    return ParagraphStyle(
        name, fontName=font, fontSize=size, leading=leading or round(size * 1.5, 1), wordWrap="CJK", **kw
    )


def build_styles() -> Styles:
    """Fresh styles (callers may tweak their copy); registers the fonts first."""
    register_fonts()
    cell = _s("Cell", 8.5, 11.5)
    header_cell = _s("HeaderCell", 8.5, 11.5, font=FONT_BOLD, textColor=colors.white, alignment=TA_CENTER)
    return Styles(
        title=_s("Title", 20, 30, font=FONT_BOLD, alignment=TA_CENTER, spaceAfter=6),
        subtitle=_s("Subtitle", 13, 20, alignment=TA_CENTER, textColor=MUTED),
        h1=_s("H1", 15, 22, font=FONT_BOLD, textColor=ACCENT, spaceBefore=14, spaceAfter=8, keepWithNext=1),
        h2=_s("H2", 12.5, 19, font=FONT_BOLD, textColor=INK, spaceBefore=10, spaceAfter=5, keepWithNext=1),
        h3=_s("H3", 11, 17, font=FONT_BOLD, textColor=INK, spaceBefore=6, spaceAfter=3, keepWithNext=1),
        body=_s("Body", 10.5, 18, firstLineIndent=21, spaceAfter=6),
        small=_s("Small", 8, 11, textColor=MUTED),
        caption=_s("Caption", 9.5, 14, font=FONT_BOLD, alignment=TA_CENTER, spaceBefore=6, spaceAfter=4, keepWithNext=1),
        note=_s("Note", 9, 14, textColor=INK),
        cell=cell,
        cell_right=ParagraphStyle("CellRight", parent=cell, alignment=TA_RIGHT),
        cell_center=ParagraphStyle("CellCenter", parent=cell, alignment=TA_CENTER),
        cell_bold=ParagraphStyle("CellBold", parent=cell, fontName=FONT_BOLD),
        cell_bold_right=ParagraphStyle("CellBoldRight", parent=cell, fontName=FONT_BOLD, alignment=TA_RIGHT),
        header_cell=header_cell,
        figure_label=_s("FigureLabel", 9, 13, textColor=MUTED, alignment=TA_LEFT),
        figure_value=_s("FigureValue", 16, 22, font=FONT_BOLD, textColor=ACCENT),
        figure_note=_s("FigureNote", 8, 11, textColor=MUTED),
        cover_org=_s("CoverOrg", 16, 24, font=FONT_BOLD, alignment=TA_CENTER, textColor=INK),
        cover_title=_s("CoverTitle", 24, 34, font=FONT_BOLD, alignment=TA_CENTER, textColor=ACCENT),
        cover_subtitle=_s("CoverSubtitle", 14, 22, alignment=TA_CENTER, textColor=MUTED),
        cover_line=_s("CoverLine", 12, 22, alignment=TA_CENTER, textColor=INK),
        confidential=_s("Confidential", 11, 16, font=FONT_BOLD, alignment=TA_RIGHT, textColor=CONFIDENTIAL),
        toc_title=_s("TocTitle", 16, 24, font=FONT_BOLD, alignment=TA_CENTER, spaceAfter=12),
        toc_levels=(
            _s("TOC1", 11, 20, font=FONT_BOLD, leftIndent=0, firstLineIndent=0),
            _s("TOC2", 10, 17, leftIndent=21, firstLineIndent=0),
            _s("TOC3", 9.5, 15, leftIndent=42, firstLineIndent=0, textColor=MUTED),
        ),
    )
