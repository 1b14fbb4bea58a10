"""Workbook size guard (core.workbook_guard): a workbook whose sheets unpack beyond the stated limits is
refused from the zip's directory and the sheets' declared or streamed row counts, before a reader loads it,
with a message naming the limit; nothing is stored or created."""
from __future__ import annotations

import zipfile

from core.workbook_guard import MAX_SHEET_ROWS, check_workbook
from tests.badinput.helpers import demo_workbook
from tests.cli.runner import run_cli


def _demo_workbook(tmp_path):
    return demo_workbook(tmp_path / "demo.xlsx")


def _rewrite_sheet(src, dst, sheet_xml: bytes, part="xl/worksheets/sheet4.xml"):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, sheet_xml if info.filename == part else zin.read(info.filename))


def _run(*args):
    """In English, the wording these tests check (the command line's default is Chinese); `main.main` in this
    process (tests/cli/runner.py: exit status, stdout and stderr as a process gives them, without an
    interpreter start and the imports per command)."""
    return run_cli(*args, "--lang", "en")


def test_a_declared_ten_million_rows_is_refused_before_reading(tmp_path):
    src = _demo_workbook(tmp_path)
    bomb = tmp_path / "bomb.xlsx"
    xml = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
           b'spreadsheetml/2006/main"><dimension ref="A1:K10000000"/><sheetData/></worksheet>')
    _rewrite_sheet(src, bomb, xml)
    [p] = check_workbook(bomb)
    assert (p.code, p.file, p.column, p.value) == ("workbook_too_large", "bomb.xlsx[exposures]", None, "10,000,000")
    db = tmp_path / "h.sqlite3"
    proc = _run("import", bomb, "--db", db)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "exposures" in proc.stderr and "10,000,000 rows" in proc.stderr and f"{MAX_SHEET_ROWS:,}" in proc.stderr
    assert not db.exists()
    proc = _run("concentration", bomb, "--json")
    assert proc.returncode == 2 and proc.stdout == "" and "1,048,576" in proc.stderr


def test_rows_without_a_dimension_are_counted_streaming(tmp_path):
    src = _demo_workbook(tmp_path)
    bomb = tmp_path / "nodim.xlsx"
    rows = b"".join(b'<row r="%d"/>' % i for i in range(1, 1_100_001))
    xml = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
           b'spreadsheetml/2006/main"><sheetData>' + rows + b"</sheetData></worksheet>")
    _rewrite_sheet(src, bomb, xml)
    assert bomb.stat().st_size < 5_000_000
    [p] = check_workbook(bomb)
    assert p.file == "nodim.xlsx[exposures]" and int(p.value.replace(",", "")) > MAX_SHEET_ROWS


def test_an_ordinary_workbook_passes(tmp_path):
    assert check_workbook(_demo_workbook(tmp_path)) == []


def test_a_rating_template_too_large_is_refused(tmp_path):
    from core.demo import demo_rating_inputs
    from core.rating.inputs import read_rating_file, write_rating_template
    from core.rating.rulebook import load_rulebook

    inp = read_rating_file(demo_rating_inputs()[-1])
    good = tmp_path / "t.xlsx"
    write_rating_template(good, load_rulebook(inp.rulebook_id), inp)
    bomb = tmp_path / "rating-bomb.xlsx"
    xml = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
           b'spreadsheetml/2006/main"><dimension ref="A1:C5000000"/><sheetData/></worksheet>')
    _rewrite_sheet(good, bomb, xml, part="xl/worksheets/sheet1.xml")
    proc = _run("rate", bomb, "--json")
    assert proc.returncode == 2 and proc.stdout == "" and "5,000,000 rows" in proc.stderr and "info" in proc.stderr
