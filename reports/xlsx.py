"""Write a `ReportDocument`'s tables to an XLSX workbook: a 报告信息 sheet, then one sheet per table.

Every cell goes through `core.safe_export.safe_cell`: text is always a string cell (a name that starts
with "=" never becomes a formula), numbers stay numbers (amounts divided into the column's unit, ratios as fractions with a % format) so a
risk officer can sum and chart them; headers are bold and frozen with the name column; column widths follow
the content; printed, each sheet is landscape A4, one page wide, its header repeated on every page.

Deterministic bytes: openpyxl stamps the save time into docProps/core.xml and every zip entry, so the
workbook is written to memory, the core properties are pinned to the report date, and the zip is
re-packed with a fixed entry date (the report date) in the same entry order.
"""
from __future__ import annotations

import hashlib
import io
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from core.safe_export import safe_cell
from reports.format import STATUS_COLOURS, STATUS_TINTS, excel_value, format_date, status_word
from reports.model import ReportDocument, Table

MAX_SHEET_NAME = 31
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
INFO_SHEET = "报告信息"
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(name="Noto Sans SC", bold=True, color="FFFFFF")
BODY_FONT = Font(name="Noto Sans SC")
BOLD_FONT = Font(name="Noto Sans SC", bold=True)


def sheet_name(wanted: str, taken: set[str]) -> str:
    """A valid, unique sheet name: no []:*?/\\ , at most 31 characters, not blank, not a duplicate (case-insensitive)."""
    name = _BAD_SHEET_CHARS.sub("_", wanted or "").strip().strip("'") or "表"
    name = name[:MAX_SHEET_NAME]
    lowered = {t.lower() for t in taken}
    candidate, n = name, 1
    while candidate.lower() in lowered:
        n += 1
        suffix = f"({n})"
        candidate = name[: MAX_SHEET_NAME - len(suffix)] + suffix
    taken.add(candidate)
    return candidate


def _width(value) -> float:
    text = value if isinstance(value, str) else f"{value:,.2f}" if isinstance(value, float) else str(value)
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def _fixed_datetime(d: date) -> datetime:
    return datetime(d.year, d.month, d.day)


class XlsxWriter:
    """Builds the workbook; override `info_rows` or `write_table` to change a part."""

    def __init__(self, doc: ReportDocument):
        self.doc = doc

    def info_rows(self) -> list[tuple[str, str]]:
        d = self.doc
        rows = [("报告名称", d.title)]
        if d.subtitle:
            rows.append(("副标题", d.subtitle))
        rows += [
            ("机构", d.organisation),
            ("报告期间", d.period_label),
            ("数据截至", format_date(d.as_of)),
            ("报告日期", format_date(d.dated)),
        ]
        if d.confidentiality:
            rows.append(("密级", d.confidentiality))
        return rows

    def build(self) -> Workbook:
        wb = Workbook()
        info = wb.active
        info.title = INFO_SHEET
        taken = {INFO_SHEET}
        for r, (k, v) in enumerate(self.info_rows(), start=1):
            safe_cell(info, r, 1, k).font = BOLD_FONT
            safe_cell(info, r, 2, v).font = BODY_FONT
        info.column_dimensions["A"].width = 12
        info.column_dimensions["B"].width = max(20, max(_width(v) for _, v in self.info_rows()) + 4)
        for i, (section_title, table) in enumerate(self.doc.tables(), start=1):
            name = sheet_name(table.sheet_name or table.caption or section_title or f"表{i}", taken)
            self.write_table(wb.create_sheet(name), table)
        stamp = _fixed_datetime(self.doc.dated)
        props = wb.properties
        props.title = self.doc.title
        props.creator = self.doc.author or self.doc.organisation
        props.lastModifiedBy = props.creator
        props.subject = self.doc.period_label
        props.created = stamp
        props.modified = stamp
        return wb

    def write_table(self, ws, table: Table) -> None:
        specs = [c.spec for c in table.columns]
        widths = [_width(c.header) + 2 for c in table.columns]
        for j, col in enumerate(table.columns, start=1):
            cell = safe_cell(ws, 1, j, col.header)
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        rows = list(table.rows) + ([table.total_row] if table.total_row is not None else [])
        statuses = list(table.row_status or [None] * len(table.rows)) + [None]
        for i, row in enumerate(rows, start=2):
            is_total = table.total_row is not None and i == len(rows) + 1
            tint = STATUS_TINTS.get(statuses[i - 2]) if statuses[i - 2] in ("warning", "breach") else None
            for j, (value, spec, col) in enumerate(zip(row, specs, table.columns), start=1):
                stored = excel_value(value, spec)
                cell = safe_cell(ws, i, j, stored)   # text stays text: an imported "=..." name is no formula
                fmt = spec.excel_format()
                if fmt and not isinstance(stored, str):
                    cell.number_format = fmt
                cell.font = BOLD_FONT if is_total else BODY_FONT
                if spec.kind == "status" and value in STATUS_COLOURS:
                    cell.font = Font(name="Noto Sans SC", bold=True, color=STATUS_COLOURS[value].lstrip("#"))
                if col.alignment != "left":
                    cell.alignment = Alignment(horizontal=col.alignment)
                if tint:
                    cell.fill = PatternFill("solid", fgColor=tint.lstrip("#"))
                if stored is not None:
                    shown = status_word(value) if spec.kind == "status" else stored
                    widths[j - 1] = max(widths[j - 1], _width(shown) + (4 if spec.kind == "amount" else 2))
        for j, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(j)].width = min(max(w, 6), 60)
        # the header row and the column naming each row stay in view; printed, a sheet is landscape, one
        # page wide, with the header repeated on every page (a 42-row limits table printed on 39 pages)
        ws.freeze_panes = "C2" if table.columns[0].title in ("编号", "排名", "序号") and len(table.columns) > 2 else "B2"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = "1:1"
        ws.print_options.horizontalCentered = True
        ws.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{1 + len(table.rows)}"
        if table.source:
            safe_cell(ws, len(rows) + 3, 1, table.source).font = Font(name="Noto Sans SC", italic=True, color="5F6B7A")

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        wb = self.build()
        wb.save(buf)  # openpyxl overwrites `modified` with the clock here; fixed again below
        return _pin_dates(buf.getvalue(), self.doc.dated)


def _pin_dates(data: bytes, day: date) -> bytes:
    """Re-pack the zip with a fixed entry date and core-properties dates taken from `day`."""
    iso = f"{day:%Y-%m-%d}T00:00:00Z"
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = content.decode("utf-8")
                text = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rf"\g<1>{iso}\g<2>", text)
                content = text.encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=(day.year, day.month, day.day, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            dst.writestr(entry, content)
    return out.getvalue()


def write_xlsx(doc: ReportDocument, path: str | Path) -> str:
    """Write the report's tables to `path` as XLSX and return the SHA-256 (hex) of the bytes written."""
    data = XlsxWriter(doc).to_bytes()
    Path(path).write_bytes(data)
    return hashlib.sha256(data).hexdigest()


__all__ = ["XlsxWriter", "write_xlsx", "sheet_name"]
