"""The report data model: a plain dataclass tree, computed first, rendered later (PDF or XLSX).

A domain module (rating, concentration) builds a `ReportDocument` from its results; it never touches
reportlab or openpyxl. Values stay raw (amounts in 元, ratios as fractions, dates as `date`) with a
format spec (see `reports.format`) saying how to show them, so the PDF shows ``1,234.56`` while the XLSX
keeps a number a risk officer can sum.

Blocks a `Section` may hold: `Paragraph`, `Table`, `Chart`, `KeyFigures`, `Note`, `PageBreak`, and nested
`Section`s (rendered as the next heading level: 一、 then （一） then 1.).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterator, Sequence, Union

from core.periods import PeriodError
from reports.format import parse_format, period_label

STATUSES = ("ok", "warning", "breach", "no_basis")   # no_basis: the limit cannot be measured


@dataclass
class Paragraph:
    """Body text. `markup=True` lets reportlab mini-markup (<b>, <i>, <font>) through; otherwise text is escaped."""

    text: str
    markup: bool = False
    # parts of `text` quoted from a record's free text (an officer's analysis, a plan, audit findings): their
    # figures are the record's words, not the report's; every other figure is a value of the report model
    quotes: tuple = ()
    # figures the sentence cites that no table shows (a dimension's total when the table lists the top ten),
    # as (value, format spec): still values of the model, computed with it, never typed into the text
    figures: tuple = ()


@dataclass
class Note:
    """A boxed remark (data sources, caveats, 注). `kind` ``note`` is grey; ``warning``/``breach`` are tinted."""

    text: str
    title: str = "注"
    kind: str = "note"
    quotes: tuple = ()   # as Paragraph.quotes
    figures: tuple = ()  # as Paragraph.figures


@dataclass
class PageBreak:
    pass


@dataclass
class Column:
    """A table column. `format` is a format spec (``text``, ``amount:亿元``, ``percent``, ``status`` ...).

    `align` defaults to right for numbers, centre for statuses and dates, left for text. `width` is a
    relative weight among the table's columns (None: estimated from the content).
    """

    title: str
    format: str = "text"
    align: str | None = None
    width: float | None = None

    @property
    def spec(self):
        return parse_format(self.format)

    @property
    def header(self) -> str:
        """The header as shown: an amount column names its unit unless the title already does."""
        f = self.spec
        if f.kind == "amount" and f.unit not in self.title:
            return f"{self.title}（{f.unit}）"
        return self.title

    @property
    def alignment(self) -> str:
        if self.align:
            return self.align
        f = self.spec
        if f.numeric:
            return "right"
        if f.kind in ("status", "date"):
            return "center"
        return "left"


@dataclass
class Table:
    """A table of raw values. `columns` may be plain strings (text columns) or `Column`s.

    `row_status` optionally gives a status per row (``ok``/``warning``/``breach``/None) that tints the row;
    `total_row` is shown last in bold; `caption` is numbered (表1, 表2 ...) by the renderer; `sheet_name` names
    the XLSX sheet (default: the caption, else the section title).
    """

    columns: Sequence[Union[Column, str]]
    rows: Sequence[Sequence[Any]]
    caption: str | None = None
    col_widths: Sequence[float] | None = None
    row_status: Sequence[str | None] | None = None
    total_row: Sequence[Any] | None = None
    sheet_name: str | None = None
    source: str | None = None  # "数据来源：..." shown under the table
    # A long listing in a board paper: the PDF lists the first `shown` rows (None: all) and prints `rest`, a
    # sentence that counts the others and says where they are, in their place; the XLSX keeps every row (it
    # is where the rest are listed). The builder orders the rows so that those worth showing come first.
    shown: int | None = None
    rest: str | None = None

    @property
    def shown_rows(self) -> Sequence[Sequence[Any]]:
        """The rows the PDF lists."""
        return self.rows if self.shown is None else self.rows[:self.shown]

    def __post_init__(self):
        self.columns = [c if isinstance(c, Column) else Column(str(c)) for c in self.columns]
        n = len(self.columns)
        for i, row in enumerate(self.rows):
            if len(row) != n:
                raise ValueError(f"table {self.caption!r}: row {i} has {len(row)} values for {n} columns")
        if self.total_row is not None and len(self.total_row) != n:
            raise ValueError(f"table {self.caption!r}: total row has {len(self.total_row)} values for {n} columns")
        if self.col_widths is not None and len(self.col_widths) != n:
            raise ValueError(f"table {self.caption!r}: {len(self.col_widths)} widths for {n} columns")
        if self.row_status is not None:
            if len(self.row_status) != len(self.rows):
                raise ValueError(f"table {self.caption!r}: {len(self.row_status)} row statuses for {len(self.rows)} rows")
            bad = {s for s in self.row_status if s is not None and s not in STATUSES}
            if bad:
                raise ValueError(f"table {self.caption!r}: unknown row status {sorted(bad)}")
        if self.shown is not None and self.shown < 0:
            raise ValueError(f"table {self.caption!r}: shown must be a number of rows, not {self.shown}")


@dataclass
class Threshold:
    """A horizontal (or, for barh, vertical) reference line, e.g. a limit; `status` picks its colour."""

    value: float
    label: str = ""
    status: str = "breach"


@dataclass
class Series:
    name: str
    values: Sequence[float | None]


@dataclass
class ChartSpec:
    """A plain chart description, drawn by matplotlib in `reports.charts` (and reusable by the GUI).

    `kind`: ``bar`` (one series), ``barh`` (horizontal, for long category names), ``line``, ``grouped_bar``.
    `value_format` is a format spec used for the value axis and the bar labels (``percent`` expects fractions).
    """

    kind: str
    categories: Sequence[str]
    series: Sequence[Series]
    title: str = ""
    x_label: str = ""
    y_label: str = ""
    thresholds: Sequence[Threshold] = ()
    value_format: str = "number:2"
    show_values: bool = True
    bar_status: Sequence[str | None] | None = None  # colour single-series bars by status

    KINDS = ("bar", "barh", "line", "grouped_bar")

    def __post_init__(self):
        if self.kind not in self.KINDS:
            raise ValueError(f"unknown chart kind {self.kind!r}; expected one of {self.KINDS}")
        if not self.series:
            raise ValueError("a chart needs at least one series")
        for s in self.series:
            if len(s.values) != len(self.categories):
                raise ValueError(f"series {s.name!r} has {len(s.values)} values for {len(self.categories)} categories")
        if self.bar_status is not None and len(self.bar_status) != len(self.categories):
            raise ValueError("bar_status needs one entry per category")


@dataclass
class Chart:
    """A chart block: the spec, its size on the page in centimetres, and a caption numbered 图1, 图2 ..."""

    spec: ChartSpec
    caption: str | None = None
    width_cm: float = 16.0
    height_cm: float = 8.0


@dataclass
class KeyFigure:
    label: str
    value: Any
    format: str = "text"
    status: str | None = None
    note: str = ""  # a small line under the value, e.g. "较上期 +1.20 个百分点"


@dataclass
class KeyFigures:
    """A grid of headline figures (label above, large value below), `columns` per row."""

    items: Sequence[KeyFigure]
    columns: int = 3


@dataclass
class Section:
    title: str
    blocks: list = field(default_factory=list)


Block = Union[Paragraph, Table, Chart, KeyFigures, Note, PageBreak, Section]


def walk_blocks(section: Section) -> Iterator[tuple[Section, Any]]:
    """(the section holding it, block) for every block of `section` and of its subsections, in reading
    order (a subsection's blocks where the subsection stands); sections themselves are not yielded."""
    for block in section.blocks:
        if isinstance(block, Section):
            yield from walk_blocks(block)
        else:
            yield section, block


@dataclass
class ReportDocument:
    """A whole report. `period` is a code (``2025H1``) or an already worded label (``2025年上半年``).

    `report_date` defaults to `as_of`; both are used as fixed document dates (PDF CreationDate, XLSX
    created/modified) so that the same data always gives the same bytes. `orientation` ``landscape`` lays
    the PDF out on landscape A4 (wide statistics tables); `watermark` (e.g. 草稿) is printed across every page.
    """

    title: str
    organisation: str
    period: str
    as_of: date
    subtitle: str = ""
    confidentiality: str = "内部资料 注意保密"
    report_date: date | None = None
    author: str = ""
    sections: list[Section] = field(default_factory=list)
    appendix: list[Section] = field(default_factory=list)
    orientation: str = "portrait"
    watermark: str = ""
    approval: Any = None   # a report that needs an approval: its core.approvals.ApprovalState (not rendered)

    @property
    def period_label(self) -> str:
        try:
            return period_label(self.period)
        except PeriodError:
            return self.period  # already a label such as "2025年上半年"

    @property
    def dated(self) -> date:
        return self.report_date or self.as_of

    def tables(self):
        """Every table in reading order with the title of the section holding it: [(section_title, table)]."""
        return [(holder.title, block) for top in self.sections + self.appendix
                for holder, block in walk_blocks(top) if isinstance(block, Table)]
