"""The bad-input corpus (issue 8): every input a user can get wrong ends with exit status 2, a message on
stderr naming the file and the row and column (or the JSON field / sheet), nothing on stdout, and nothing
stored or created (`import` creates no database file).

Cases cover group data folders (CSV in UTF-8, UTF-8 with BOM and GBK, cycled), workbooks, the
`concentration` flags' extra files, and rating inputs (JSON and the XLSX template). Each case is one spoiled
copy of the demo data (or rating input), run in-process through `main.main` exactly as the command line
runs it: a traceback would fail the test.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import openpyxl
import pytest

import main as entry
from core.demo import demo_rating_inputs
from tests.badinput.helpers import (
    demo_copy,
    demo_workbook,
    demo_workbook_object,
    demo_workbook_with_cell,
    read_rows,
    write_rows,
)

ENCODINGS = ("utf-8", "utf-8-sig", "gbk")


@dataclass
class Case:
    id: str
    make: Callable[[Path], list[str]]      # builds the input under the folder given, returns argv
    expect: tuple[str, ...]                # all must be in stderr (file, row, column or field, what)
    creates: tuple[str, ...] = field(default=())   # paths (relative to the case folder) that must not exist


def _write(path: Path, rows, n: int) -> None:
    """Rows in the case's encoding (cycled by case number); GBK falls back to GB18030 for rare characters."""
    enc = ENCODINGS[n % len(ENCODINGS)]
    try:
        write_rows(path, rows, enc)
    except UnicodeEncodeError:
        write_rows(path, rows, "gb18030")


_counter = iter(range(10_000))


def cell(file: str, row: int, column: str, value: str, *what: str, business: bool = False) -> Case:
    """An `import` of the demo with one cell of one file spoiled (spreadsheet row: header = 1)."""
    n = next(_counter)

    def make(base: Path) -> list[str]:
        folder = demo_copy(base / "data", with_business=business)
        rows = read_rows(folder / file)
        rows[row - 1][rows[0].index(column)] = value
        _write(folder / file, rows, n)
        return ["import", str(folder), "--db", str(base / "h.sqlite3")]

    return Case(f"{file}:{row}:{column}:{n}", make, (file, f"row {row}", f"column {column}") + what, ("h.sqlite3",))


def edit(name: str, file: str, change: Callable[[list], None], *expect: str, business: bool = False) -> Case:
    """An `import` of the demo with `change(rows)` applied to one file."""
    n = next(_counter)

    def make(base: Path) -> list[str]:
        folder = demo_copy(base / "data", with_business=business)
        rows = read_rows(folder / file)
        change(rows)
        _write(folder / file, rows, n)
        return ["import", str(folder), "--db", str(base / "h.sqlite3")]

    return Case(name, make, (file,) + expect, ("h.sqlite3",))


def raw(name: str, file: str, data: bytes, *expect: str) -> Case:
    def make(base: Path) -> list[str]:
        folder = demo_copy(base / "data")
        (folder / file).write_bytes(data)
        return ["import", str(folder), "--db", str(base / "h.sqlite3")]

    return Case(name, make, (file,) + expect, ("h.sqlite3",))


def _col(rows, name):
    return rows[0].index(name)


def _dup_row(rows):
    rows.append(list(rows[1]))


def _two_group_rows(rows):
    rows.append(list(rows[1]))


def _drop_column(name):
    def change(rows):
        i = _col(rows, name)
        for r in rows:
            del r[i]
    return change


def _dup_column(name):
    def change(rows):
        i = _col(rows, name)
        for r in rows:
            r.append(r[i])
    return change


def _extra_cell(rows):
    rows[5].append("surplus")


def _cp_cycle(rows):
    i, p = _col(rows, "counterparty_id"), _col(rows, "parent_id")
    by = {r[i]: r for r in rows[1:]}
    by["BK05"][p] = "BK05-WM"          # BK05-WM's parent is BK05: now a circle


def _lt_cycle(rows):
    i, p = _col(rows, "exposure_id"), _col(rows, "parent_exposure_id")
    by = {r[i]: r for r in rows[1:]}
    by["E03290"][p] = "E03290-01"      # the holding under its own underlying


def _underlyings_exceed(rows):
    i, a = _col(rows, "exposure_id"), _col(rows, "amount")
    by = {r[i]: r for r in rows[1:]}
    by["E03290-01"][a] = "999999999999"


def _overflow(rows):
    a = _col(rows, "amount")
    rows[1][a] = "90000000000000000"    # each fits int64 fen; together they do not
    rows[2][a] = "90000000000000000"


def _unit(header):
    def change(rows):
        rows[0][_col(rows, "amount")] = header
    return change


BIG = "9" * 5000
CSV_CASES = [
    cell("exposures.csv", 2, "amount", "abc", "not a number"),
    cell("exposures.csv", 3, "amount", "1.234", "more than 2 decimals"),
    cell("exposures.csv", 4, "amount", "-5", "negative"),
    cell("exposures.csv", 5, "amount", BIG, "outside", "characters)"),
    cell("exposures.csv", 6, "amount", "1e400", "outside"),
    cell("exposures.csv", 7, "amount", "NaN", "not a number"),
    cell("exposures.csv", 8, "amount", "inf", "not a number"),
    cell("exposures.csv", 9, "amount", "1,23", "not a number"),
    cell("exposures.csv", 10, "amount", "", "a value is required"),
    cell("exposures.csv", 11, "member_id", "NOPE", "no member company"),
    cell("exposures.csv", 12, "counterparty_id", "NOPE", "no counterparty"),
    cell("exposures.csv", 13, "asset_class", "gold", "is not one of"),
    cell("exposures.csv", 14, "overseas", "maybe", "not true/false"),
    cell("exposures.csv", 15, "on_balance", "x", "not true/false"),
    cell("exposures.csv", 16, "exposure_id", "E00001", "duplicate id"),
    cell("exposures.csv", 17, "exposure_id", "", "a value is required"),
    cell("exposures.csv", 18, "parent_exposure_id", "E99999", "no exposure"),
    cell("exposures.csv", 19, "exposure_id", "E0\x0019", "control character", "U+0000"),
    cell("exposures.csv", 20, "exposure_id", "E" * 65, "65 characters", "at most 64"),
    cell("exposures.csv", 21, "instrument_id", "DEP\x01X", "control character", "U+0001"),
    cell("exposures.csv", 22, "instrument_id", "DEP\tX", "control character", "U+0009"),
    cell("counterparties.csv", 2, "name", "名" * 201, "201 characters", "at most 200"),
    cell("counterparties.csv", 3, "name", "交汇\x00银行", "control character", "U+0000"),
    cell("counterparties.csv", 4, "name", "交汇\n银行", "control character", "U+000A"),
    cell("counterparties.csv", 5, "related_party", "perhaps", "not true/false"),
    cell("counterparties.csv", 6, "counterparty_id", "GRP-LIFE", "duplicate id"),
    cell("counterparties.csv", 7, "counterparty_id", "UNKNOWN", "reserved"),
    cell("counterparties.csv", 8, "group_member", "NOPE", "no member company"),
    cell("counterparties.csv", 9, "exempt", "2", "not true/false"),
    cell("members.csv", 2, "total_assets", "", "a value is required"),
    cell("members.csv", 3, "total_assets", "abc", "not a number"),
    cell("members.csv", 4, "kind", "bank", "is not one of"),
    cell("members.csv", 5, "solvency_ratio", "-1", "must not be negative"),
    cell("members.csv", 2, "member_id", "group", "reserved"),
    cell("members.csv", 3, "member_id", "LIFE", "duplicate id"),
    cell("members.csv", 4, "name", "", "a value is required"),
    cell("members.csv", 5, "net_assets", "1.001", "more than 2 decimals"),
    cell("group.csv", 2, "as_of", "2025-13-45", "not a date"),
    cell("group.csv", 2, "as_of", "", "a value is required"),
    cell("group.csv", 2, "total_assets", "-1", "negative"),
    cell("group.csv", 2, "total_assets", "", "a value is required"),
    cell("group.csv", 2, "name", "\x07澄川", "control character"),
    cell("limits.csv", 2, "warning", "abc", "not a number"),
    cell("limits.csv", 3, "warning", "0.9", "above the limit"),
    cell("limits.csv", 4, "dimension", "planet", "is not one of"),
    cell("limits.csv", 5, "basis", "profit", "is not one of"),
    cell("limits.csv", 6, "scope", "NOPE", "neither 'group' nor a member"),
    cell("limits.csv", 7, "parent_limit_id", "G99", "no limit"),
    cell("limits.csv", 8, "basis", "total_premium", "does not fit dimension"),
    cell("limits.csv", 9, "limit", "-0.1", "must not be negative"),
    cell("limits.csv", 10, "limit_id", "G01", "duplicate id"),
    cell("limits.csv", 11, "limit_id", "L" * 80, "80 characters"),
    cell("business.csv", 2, "kind", "gift", "is not one of", business=True),
    cell("business.csv", 3, "amount", "-100", "negative", business=True),
    cell("business.csv", 4, "member_id", "NOPE", "no member company", business=True),
    edit("unknown unit", "exposures.csv", _unit("金额（美元）"), "row 1", "金额（美元）", "unknown unit"),
    edit("unit finer than a fen", "exposures.csv",
         lambda rows: (_unit("金额（万元）")(rows), rows[1].__setitem__(_col(rows, "金额（万元）"), "1.0000001")),
         "row 2", "金额（万元）", "more than 6 decimals"),
    edit("missing column", "exposures.csv", _drop_column("amount"), "row 1", "amount", "required column"),
    edit("duplicate column", "members.csv", _dup_column("name"), "row 1", "name", "appears twice"),
    edit("too many cells", "exposures.csv", _extra_cell, "row 6", "cells"),
    edit("two group rows", "group.csv", _two_group_rows, "exactly one data row"),
    edit("counterparty cycle", "counterparties.csv", _cp_cycle, "parent_id", "circle"),
    edit("look-through cycle", "exposures.csv", _lt_cycle, "parent_exposure_id", "circle"),
    edit("underlyings exceed holding", "exposures.csv", _underlyings_exceed, "amount", "more than its amount"),
    edit("sum overflows int64", "exposures.csv", _overflow, "column amount", "largest total"),
    edit("duplicate exposure row", "exposures.csv", _dup_row, "duplicate id"),
    raw("empty file", "exposures.csv", b"", "empty"),
    raw("neither UTF-8 nor GBK", "members.csv", b"member_id,name\n\x80\x80\xff\n", "neither UTF-8 nor GB18030"),
]


def _missing_file(base: Path) -> list[str]:
    folder = demo_copy(base / "data")
    (folder / "limits.csv").unlink()
    return ["import", str(folder), "--db", str(base / "h.sqlite3")]


def _workbook(base: Path, spoil) -> Path:
    wb = demo_workbook_object()
    spoil(wb)
    out = base / "data.xlsx"
    wb.save(out)
    return out


def _xlsx(spoil, *, db=True):
    def make(base: Path) -> list[str]:
        return ["import", str(_workbook(base, spoil)), "--db", str(base / "h.sqlite3")]
    return make


def _xlsx_cell(sheet, coord, value):
    """The demo workbook with one cell spoiled (rewritten in its sheet's XML: tests/badinput/helpers.py)."""
    def make(base: Path) -> list[str]:
        out = demo_workbook_with_cell(base / "data.xlsx", sheet, coord, value)
        return ["import", str(out), "--db", str(base / "h.sqlite3")]
    return make


def _drop_sheet(wb):
    del wb["limits"]


def _garbage_xlsx(base: Path) -> list[str]:
    p = base / "data.xlsx"
    p.write_bytes(b"this is not a zip file at all")
    return ["import", str(p), "--db", str(base / "h.sqlite3")]


def _bomb_xlsx(base: Path) -> list[str]:
    import zipfile
    src = demo_workbook(base / "data.xlsx")          # the demo as it is, saved once per test process
    out = base / "bomb.xlsx"
    xml = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
           b'spreadsheetml/2006/main"><dimension ref="A1:K10000000"/><sheetData/></worksheet>')
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, xml if info.filename == "xl/worksheets/sheet4.xml" else zin.read(info.filename))
    return ["import", str(out), "--db", str(base / "h.sqlite3")]


def _concentration_extra(kind: str, content: str):
    def make(base: Path) -> list[str]:
        folder = demo_copy(base / "data")
        extra = base / f"extra-{kind}.csv"
        extra.write_text(content, encoding="utf-8")
        flag = {"limits": "--limits", "exposure": "--add-exposure", "counterparty": "--add-counterparty"}[kind]
        return ["concentration", str(folder), "--json", flag, str(extra)]
    return make


OTHER_CASES = [
    Case("missing limits.csv", _missing_file, ("limits.csv", "not found"), ("h.sqlite3",)),
    Case("xlsx bad amount", _xlsx_cell("exposures", "H5", "abc"),
         ("data.xlsx[exposures]", "row 5", "column amount", "not a number"), ("h.sqlite3",)),
    Case("xlsx tab in an id", _xlsx_cell("counterparties", "A3", "GRP\tPC"),
         ("data.xlsx[counterparties]", "row 3", "column counterparty_id", "control character"), ("h.sqlite3",)),
    Case("xlsx missing sheet", _xlsx(_drop_sheet), ("data.xlsx[limits]", "sheet is missing"), ("h.sqlite3",)),
    Case("xlsx unknown unit", _xlsx_cell("exposures", "H1", "金额（美元）"),
         ("data.xlsx[exposures]", "row 1", "金额（美元）", "unknown unit"), ("h.sqlite3",)),
    Case("xlsx not a workbook", _garbage_xlsx, ("data.xlsx", "cannot read"), ("h.sqlite3",)),
    Case("xlsx too large", _bomb_xlsx, ("bomb.xlsx", "exposures", "10,000,000 rows", "1,048,576"), ("h.sqlite3",)),
    Case("--limits bad warning", _concentration_extra(
        "limits", "limit_id,name,dimension,scope,key,basis,warning,limit,parent_limit_id\n"
                  "X1,x,counterparty,group,,total_assets,abc,0.1,\n"),
         ("extra-limits.csv", "row 2", "column warning", "not a number")),
    Case("--add-exposure sale too large", _concentration_extra(
        "exposure", "exposure_id,member_id,counterparty_id,instrument_id,asset_class,overseas,on_balance,amount,"
                    "parent_exposure_id\nE00002,LIFE,BK05,DEP-BK05-LIFE-002,liquidity,false,true,-999999999999,\n"),
         ("extra-exposure.csv", "row 2", "column amount", "more than the")),
    Case("--add-counterparty known id", _concentration_extra(
        "counterparty", "counterparty_id,name,parent_id,connected_label,industry,region,related_party,exempt\n"
                        "BK05,x,,,J66,CN-SH,false,false\n"),
         ("extra-counterparty.csv", "row 2", "column counterparty_id", "already exists")),
]


def _rating_json(change=None, text: str | None = None):
    def make(base: Path) -> list[str]:
        p = base / "rating.json"
        if text is not None:
            p.write_text(text, encoding="utf-8")
        else:
            data = json.loads(Path(demo_rating_inputs()[-1]).read_text(encoding="utf-8"))
            change(data)
            p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return ["rate", str(p), "--json"]
    return make


def _rating_xlsx(sheet: str, key: str, value):
    def make(base: Path) -> list[str]:
        from core.rating.inputs import read_rating_file, write_rating_template
        from core.rating.rulebook import load_rulebook

        inp = read_rating_file(demo_rating_inputs()[-1])
        p = base / "rating.xlsx"
        write_rating_template(p, load_rulebook(inp.rulebook_id), inp)
        wb = openpyxl.load_workbook(p)
        ws = wb[sheet]
        for row in ws.iter_rows(min_row=3):
            if row[0].value == key:
                row[1 if sheet != "scores" else 2].value = value
        wb.save(p)
        return ["rate", str(p), "--json"]
    return make


def _score(dim, value):
    return lambda d: d["dimension_scores"].__setitem__(dim, value)


RATING_CASES = [
    Case("json 100,000-deep nesting", _rating_json(text="[" * 100_000 + "]" * 100_000),
         ("rating.json", "nested too deeply")),
    Case("json 5,000-digit integer", _rating_json(text='{"company": "x", "dimension_scores": {"governance": '
                                                        + BIG + "}}"),
         ("rating.json", "dimension_scores.governance", "outside 0..100", "characters)")),
    Case("json broken", _rating_json(text='{"company": "x",'), ("rating.json", "not valid JSON", "line 1")),
    Case("json score above 100", _rating_json(_score("governance", 101)),
         ("rating.json", "field dimension_scores.governance", "outside")),
    Case("json score text", _rating_json(_score("business", "high")),
         ("rating.json", "field dimension_scores.business")),
    Case("json score NaN", _rating_json(text=Path(demo_rating_inputs()[-1]).read_text(encoding="utf-8")
                                        .replace('"alm": 80.0', '"alm": NaN')),
         ("rating.json", "dimension_scores.alm")),
    Case("json esg bonus negative", _rating_json(lambda d: d.__setitem__("esg_bonus", -1)),
         ("rating.json", "field esg_bonus")),
    Case("json not an object", _rating_json(text="[1, 2, 3]"), ("rating.json",)),
    Case("json irr class", _rating_json(lambda d: d["facts"].__setitem__("irr_class", "Z")),
         ("rating.json", "facts.irr_class")),
    Case("json flag not boolean", _rating_json(lambda d: d["flags"].__setitem__("U3", "perhaps")),
         ("rating.json", "flags.U3")),
    Case("xlsx score text", _rating_xlsx("scores", "governance", "高"), ("rating.xlsx", "scores", "governance")),
    Case("xlsx fact not a number", _rating_xlsx("facts", "net_assets", "很多"),
         ("rating.xlsx", "row 3", "facts", "not a number")),
]

CASES = CSV_CASES + OTHER_CASES + RATING_CASES


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 60
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_exits_2_names_the_place_and_writes_nothing(case, tmp_path, capsys):
    base = tmp_path / "case"
    base.mkdir()
    argv = case.make(base) + ["--lang", "en"]     # the English wording below (the default is Chinese)
    before = sorted(p.relative_to(base) for p in base.rglob("*"))
    status = entry.main(argv)
    out, err = capsys.readouterr()
    assert status == 2, err
    assert out == ""
    for text in case.expect:
        assert text in err, f"{text!r} not in: {err[:2000]}"
    assert "Traceback" not in err
    for name in case.creates:
        assert not (base / name).exists() and not (base / (name + "-wal")).exists()
    after = sorted(p.relative_to(base) for p in base.rglob("*"))
    assert after == before          # nothing created next to the inputs either
