"""Refuse an XLSX workbook that would unpack beyond a stated size, before any reader loads it.

An XLSX is a zip: a 17 MB file can hold sheets that unpack to 10 million rows and take gigabytes of memory
in a reader (openpyxl or calamine build the whole sheet). So the zip's directory is read first (cheap): the
unpacked size of every worksheet, and the row count each sheet declares in its `<dimension ref="A1:K9">`
(Excel writes it first). A sheet without a dimension that is big is counted by streaming its XML in chunks
(`<row` tags), never holding it whole. Limits (stated in the README's "Input rules"):

- `MAX_SHEET_ROWS`: 1,048,576 rows per sheet (Excel's own limit; no genuine workbook has more);
- `MAX_UNPACKED_BYTES`: 1 GiB of worksheet XML in all (a 1,000,000-row exposures sheet is about 400 MB).

`check_workbook(path) -> list[InputProblem]` (code `workbook_too_large`; file = the workbook, or for a sheet
too long the sheet as the readers name it, `book.xlsx[风险暴露]` — a sheet is not a column, and a problem
must not say 列 风险暴露); an unreadable zip gives no problem here: the reader reports it in its own words.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from core.problems import InputProblem

MAX_SHEET_ROWS = 1_048_576
MAX_UNPACKED_BYTES = 1 << 30
_STREAM_FROM = 8 << 20         # a sheet without a dimension is counted when bigger than this
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension[^>]*\bref=\"[A-Z]*\d*:?[A-Z]*(\d+)\"")
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>]")


def _sheet_names(zf: zipfile.ZipFile) -> dict[str, str]:
    """worksheet part name (xl/worksheets/sheet1.xml) -> sheet name as the user sees it."""
    try:
        rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
        book = ET.fromstring(zf.read("xl/workbook.xml"))
    except (KeyError, ET.ParseError, zipfile.BadZipFile, OSError):
        return {}
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[rel.get("Id")] = target
    out = {}
    for el in book.iter():
        if el.tag.endswith("}sheet") or el.tag == "sheet":
            rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
            if rid in targets:
                out[targets[rid]] = el.get("name", targets[rid])
    return out


def _declared_rows(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> int | None:
    with zf.open(info) as fh:
        head = fh.read(64 << 10)
    m = _DIMENSION.search(head)
    return int(m.group(1)) if m else None


def _counted_rows(zf: zipfile.ZipFile, info: zipfile.ZipInfo, stop: int) -> int:
    """`<row` tags in the sheet, read in 4 MB chunks; stops counting past `stop`."""
    n = 0
    tail = b""
    with zf.open(info) as fh:
        while n <= stop:
            chunk = fh.read(4 << 20)
            if not chunk:
                break
            data = tail + chunk
            n += len(_ROW_TAG.findall(data[:-8] if len(chunk) == 4 << 20 else data))
            tail = data[-8:] if len(chunk) == 4 << 20 else b""
    return n


def check_workbook(path: str | Path, label: str | None = None) -> list[InputProblem]:
    """Problems (errors) when the workbook's sheets unpack beyond the limits; [] otherwise."""
    p = Path(path)
    file = label or p.name
    try:
        zf = zipfile.ZipFile(p)
    except (zipfile.BadZipFile, OSError, ValueError):
        return []
    with zf:
        sheets = [i for i in zf.infolist() if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml")]
        names = _sheet_names(zf)
        problems = []
        total = sum(i.file_size for i in sheets)
        if total > MAX_UNPACKED_BYTES:
            problems.append(InputProblem("workbook_too_large", file=file, value=f"{total:,}",
                                         detail={"what": "bytes", "limit": f"{MAX_UNPACKED_BYTES:,}"}))
            return problems
        for info in sheets:
            try:
                rows = _declared_rows(zf, info)
                if rows is None and info.file_size > _STREAM_FROM:
                    rows = _counted_rows(zf, info, MAX_SHEET_ROWS)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError):
                continue   # a damaged part: the reader says so
            if rows is not None and rows > MAX_SHEET_ROWS:
                sheet = names.get(info.filename, info.filename)
                problems.append(InputProblem("workbook_too_large", file=f"{file}[{sheet}]", value=f"{rows:,}",
                                             detail={"what": "rows", "limit": f"{MAX_SHEET_ROWS:,}"}))
        return problems
