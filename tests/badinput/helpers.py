"""Shared helpers of the bad-input tests: a copy of the demo data folder to spoil, the demo as one workbook,
and CSV rewriting."""
from __future__ import annotations

import csv
import io
import shutil
from functools import lru_cache
from pathlib import Path

from core.demo import DATA_FILES, demo_current_dir


def demo_copy(target: Path, with_business: bool = True) -> Path:
    """The current demo snapshot's data folder copied to `target` (created)."""
    target.mkdir(parents=True, exist_ok=True)
    src = demo_current_dir()
    for name in DATA_FILES:
        if (src / name).is_file() and (with_business or name != "business.csv"):
            shutil.copyfile(src / name, target / name)
    return target


WORKBOOK_SHEETS = ("group", "members", "counterparties", "exposures", "limits")


def demo_workbook_object():
    """The current demo snapshot as an openpyxl workbook, a sheet per data file (business.csv aside), every
    cell as the CSV has it (text)."""
    import openpyxl

    src = demo_current_dir()
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name in WORKBOOK_SHEETS:
        ws = wb.create_sheet(name)
        for row in read_rows(src / f"{name}.csv"):
            ws.append(row)
    return wb


@lru_cache(maxsize=1)
def _demo_workbook_bytes() -> bytes:
    buf = io.BytesIO()
    demo_workbook_object().save(buf)
    return buf.getvalue()


def demo_workbook(out: Path) -> Path:
    """`demo_workbook_object` saved at `out`. Saved once per test process and copied: saving the demo's
    3,412 exposures with openpyxl takes 0.4 s of CPU, and the tests that take the workbook as it is (to
    rewrite one sheet's XML, or to pass it whole) are several."""
    out.write_bytes(_demo_workbook_bytes())
    return out


def demo_workbook_with_cell(out: Path, sheet: str, coord: str, value: str) -> Path:
    """`demo_workbook` with one cell set, at `out`: the cell as openpyxl writes it (saved from a workbook
    holding only it) put in place of the demo's in that sheet's XML, so that the demo is not saved again
    (0.03 s instead of 0.4 s of CPU). Every part is byte for byte what `demo_workbook_object` with the cell
    set gives when saved (compared when this was written, for the corpus' cells and for text that needs
    escaping), but docProps/core.xml's times; the corpus cases that use it fail unless the cell is set."""
    import re
    import zipfile

    import openpyxl

    one = openpyxl.Workbook()
    one.active[coord] = value
    buf = io.BytesIO()
    one.save(buf)
    with zipfile.ZipFile(buf) as z:
        cell = re.search(rb'<c r="%s"[ >].*?</c>' % coord.encode(), z.read("xl/worksheets/sheet1.xml")).group(0)
    part = f"xl/worksheets/sheet{WORKBOOK_SHEETS.index(sheet) + 1}.xml"
    with zipfile.ZipFile(io.BytesIO(_demo_workbook_bytes())) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == part:
                data, n = re.subn(rb'<c r="%s"[ >].*?</c>' % coord.encode(), lambda _: cell, data, count=1)
                assert n == 1, (sheet, coord)
            zout.writestr(info, data)
    return out


def read_rows(path: Path, encoding: str = "utf-8-sig") -> list[list[str]]:
    with open(path, encoding=encoding, newline="") as fh:
        return list(csv.reader(fh))


def write_rows(path: Path, rows, encoding: str = "utf-8") -> None:
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)


def edit_cell(path: Path, row: int, column: str, value: str, encoding: str = "utf-8") -> None:
    """Set one cell (spreadsheet row number: header = 1) of a CSV file."""
    rows = read_rows(path)
    rows[row - 1][rows[0].index(column)] = value
    write_rows(path, rows, encoding)


def rename_header(path: Path, column: str, new: str) -> None:
    rows = read_rows(path)
    rows[0][rows[0].index(column)] = new
    write_rows(path, rows)
