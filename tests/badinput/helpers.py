"""Shared helpers of the bad-input tests: a copy of the demo data folder to spoil, and CSV rewriting."""
from __future__ import annotations

import csv
import shutil
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
