"""Reading a plain ASCII CSV (issue 15): such a file is taken as UTF-8 without decoding all of it, and its
quick checks (quotes, ragged lines, whitespace, control characters) come from one pass over its bytes. These
tests make sure nothing a user sees changes on that path: title rows above the header, a quoted line break
(the careful record scan, which then decodes the file), control characters, CRLF line ends."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

from core.concentration.importer import load_group_data, read_group_data
from tests.conftest import EXAMPLES
from tests.core.test_import_formats import assert_same

SMALL = EXAMPLES / "small-group"


def copy_small(tmp_path: Path) -> Path:
    out = tmp_path / "data"
    shutil.copytree(SMALL, out)
    (out / "expected.json").unlink()
    return out


def exposure_rows() -> list[list[str]]:
    with open(SMALL / "exposures.csv", encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def write(path: Path, rows, lineterminator="\n") -> bytes:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator=lineterminator).writerows(rows)
    data = path.read_bytes()
    assert data.isascii()       # the path under test
    return data


def found(folder: Path):
    r = load_group_data(folder)
    return r, [(p.code, p.file, p.row, p.column) for p in r.problems]


def test_an_ascii_file_reads_as_before_with_lf_and_crlf(tmp_path):
    reference = read_group_data(SMALL)
    for ending in ("\n", "\r\n"):
        folder = copy_small(tmp_path / ending.encode().hex())
        write(folder / "exposures.csv", exposure_rows(), ending)
        r = load_group_data(folder)
        assert r.ok, r.problems
        assert_same(r.data, reference)


def test_ascii_title_rows_keep_the_file_row_numbers(tmp_path):
    folder = copy_small(tmp_path)
    rows = exposure_rows()
    rows[2][rows[0].index("amount")] = "lots"           # row 3 of the original file
    write(folder / "exposures.csv", [["Example group, June 2025"], []] + rows)
    r, problems = found(folder)
    assert ("not_a_number", "exposures.csv", 5, "amount") in problems   # two title rows above
    assert not r.ok


def test_ascii_quoted_line_break_below_a_title_is_read_carefully(tmp_path):
    """A quote sends an ASCII file to the record scan (which decodes it): rows still counted as written."""
    folder = copy_small(tmp_path)
    rows = exposure_rows()
    col = rows[0].index("instrument_id")
    rows[1][col] = rows[1][col] + "\nsecond line"        # record of row 2 spans two lines
    rows[3][rows[0].index("amount")] = "lots"            # row 4 of the original file
    write(folder / "exposures.csv", [["Example group"]] + rows)
    _, problems = found(folder)
    # one title row, one extra line from the line break: row 4 of the original is line 6 of the file
    assert ("not_a_number", "exposures.csv", 6, "amount") in problems
    assert ("control_character", "exposures.csv", 3, "instrument_id") in problems


def test_ascii_control_characters_are_found(tmp_path):
    """Control characters in an id, a tab among them (allowed only inside a name), on the quick path."""
    folder = copy_small(tmp_path)
    for char in ("\x01", "\t", "\x1f"):
        rows = exposure_rows()
        rows[2][rows[0].index("counterparty_id")] = f"CP{char}X"     # row 3
        write(folder / "exposures.csv", rows)
        r, problems = found(folder)
        assert ("control_character", "exposures.csv", 3, "counterparty_id") in problems, char
        assert not r.ok
