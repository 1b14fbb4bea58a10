"""Import help (issue 16): a title row (or a few) above the header is found and skipped, in CSV and XLSX,
and row numbers stay those of the file; when no row has every required column, the problem says on which row
the header seems to be. A missing column is named as the user's file would name it (偿付能力充足率 in a
Chinese file, not `solvency_ratio`), and a workbook's problems name its sheets, not a CSV file."""
from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

import openpyxl
import pytest

from core.concentration.importer import load_group_data, read_group_data
from tests.conftest import EXAMPLES
from tests.core.test_import_formats import ZH_HEADERS, assert_same
from wording.problems import describe

SMALL = EXAMPLES / "small-group"
FILES = ("group", "members", "counterparties", "exposures", "limits")
TITLE = "示例保险集团 2025年6月 风险暴露"


@pytest.fixture(scope="module")
def reference():
    return read_group_data(SMALL)


@pytest.fixture(params=["calamine", "openpyxl"])
def backend(request, monkeypatch):
    """Both workbook readers find the header alike."""
    if request.param == "calamine":
        import python_calamine  # noqa: F401 — a dependency: missing, the test fails, not skips
    else:
        monkeypatch.setitem(sys.modules, "python_calamine", None)
    return request.param


def rows_of(name: str) -> list[list[str]]:
    with open(SMALL / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def copy_small(tmp_path: Path) -> Path:
    out = tmp_path / "data"
    shutil.copytree(SMALL, out)
    (out / "expected.json").unlink()
    return out


def write_csv(path: Path, rows, encoding="utf-8") -> None:
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)


def problems_of(path):
    r = load_group_data(path)
    return r, [(p.code, p.file, p.row, p.column) for p in r.problems]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_title_rows_above_the_header_are_skipped(tmp_path, reference, encoding):
    folder = copy_small(tmp_path)
    for name in FILES:
        rows = rows_of(name)
        # a title like Excel writes it (its cells padded to the table's width), then a blank line
        title = [[TITLE] + [""] * (len(rows[0]) - 1), [""] * len(rows[0])]
        write_csv(folder / f"{name}.csv", title + rows, encoding)
    r = load_group_data(folder)
    assert r.ok, [describe(p) for p in r.problems]
    assert_same(r.data, reference)


def test_csv_row_numbers_below_a_title_are_the_file_rows(tmp_path):
    folder = copy_small(tmp_path)
    rows = rows_of("exposures")
    rows[2][rows[0].index("amount")] = "lots"          # E02, row 3 of the original file
    write_csv(folder / "exposures.csv", [[TITLE]] + rows)
    r, found = problems_of(folder)
    assert ("not_a_number", "exposures.csv", 4, "amount") in found   # row 4 of the file as the user sees it
    assert not r.ok


def test_csv_title_with_a_quoted_line_break_in_the_data(tmp_path):
    """A file read by the careful path (quotes) numbers its rows the same way below a title."""
    folder = copy_small(tmp_path)
    rows = rows_of("counterparties")
    rows[1][rows[0].index("name")] = "财政部\n（第二行）"
    rows[3][rows[0].index("region")] = "CN\x01BJ"        # a control character in row 4 of the original
    write_csv(folder / "counterparties.csv", [[TITLE], []] + rows)
    _, found = problems_of(folder)
    assert ("control_character", "counterparties.csv", 7, "region") in found   # 2 title rows, 1 extra line


def test_xlsx_merged_title_above_the_header(tmp_path, reference, backend):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name in FILES:
        ws = wb.create_sheet(name)
        rows = rows_of(name)
        ws.append([TITLE])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
        for r in rows:
            ws.append(r)
    ws = wb["exposures"]
    ws.cell(row=4, column=rows_of("exposures")[0].index("amount") + 1, value="lots")   # E02 on row 4
    path = tmp_path / "book.xlsx"
    wb.save(path)
    r, found = problems_of(path)
    assert found == [("not_a_number", "book.xlsx[exposures]", 4, "amount")]
    ws.cell(row=4, column=rows_of("exposures")[0].index("amount") + 1, value="5000000000")
    wb.save(path)
    r = load_group_data(path)
    assert r.ok, [describe(p) for p in r.problems]
    assert_same(r.data, reference)


def test_undecidable_header_says_where_it_seems_to_be(tmp_path):
    """A title row, then a header lacking a required column: the problem is on row 2, where the header seems
    to be, not nine 'missing column' problems on the title row."""
    folder = copy_small(tmp_path)
    rows = rows_of("members")
    k = rows[0].index("solvency_ratio")
    rows = [r[:k] + r[k + 1:] for r in rows]
    rows[0] = [ZH_HEADERS["members"][h] for h in rows[0]]
    write_csv(folder / "members.csv", [[TITLE]] + rows)
    r, found = problems_of(folder)
    assert [x for x in found if x[1] == "members.csv"] == [
        ("header_row_guess", "members.csv", 2, None), ("missing_column", "members.csv", 2, "偿付能力充足率")]
    zh = [describe(p, "zh") for p in r.problems if p.file == "members.csv"]
    assert "表头似乎是此行" in zh[0] and "第 2 行" in zh[0]
    assert zh[1].startswith("members.csv，第 2 行，列 偿付能力充足率：缺少必需的列")
    assert "solvency_ratio" not in zh[1] and "综合偿付能力充足率" in zh[1]    # other Chinese names it may have
    en = describe(r.problems[[p.file for p in r.problems].index("members.csv")], "en")
    assert "the header seems to be this row" in en and "row 2" in en


def test_a_chinese_file_names_a_missing_column_in_chinese_an_english_file_in_english(tmp_path):
    folder = copy_small(tmp_path)
    rows = rows_of("members")
    k = rows[0].index("solvency_ratio")
    english = [r[:k] + r[k + 1:] for r in rows]
    write_csv(folder / "members.csv", english)
    _, found = problems_of(folder)
    assert ("missing_column", "members.csv", 1, "solvency_ratio") in found
    chinese = [list(r) for r in english]
    chinese[0] = [ZH_HEADERS["members"][h] for h in chinese[0]]
    write_csv(folder / "members.csv", chinese)
    _, found = problems_of(folder)
    assert ("missing_column", "members.csv", 1, "偿付能力充足率") in found


def test_a_row_with_few_known_headers_is_no_header(tmp_path):
    """Without any row that looks like a header, the problems stay on row 1 as before (no guess)."""
    folder = copy_small(tmp_path)
    write_csv(folder / "limits.csv", [["a", "b"], ["1", "2"]])
    _, found = problems_of(folder)
    limits = [x for x in found if x[1] == "limits.csv"]
    assert limits and all(x[0] == "missing_column" and x[2] == 1 for x in limits)


def test_workbook_problems_name_the_sheet_not_a_csv_file(tmp_path, backend):
    """An exposure of an unknown member in a Chinese workbook: the member list it was looked up in is the
    workbook's sheet 成员公司, not members.csv."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    sheet_names = {"group": "集团", "members": "成员公司", "counterparties": "交易对手", "exposures": "风险暴露",
                   "limits": "限额"}
    for name in FILES:
        ws = wb.create_sheet(sheet_names[name])
        rows = rows_of(name)
        ws.append([ZH_HEADERS[name].get(h, h) for h in rows[0]])
        for r in rows[1:]:
            ws.append(r)
    wb["风险暴露"]["B3"] = "NOBODY"          # member of E02
    wb["风险暴露"]["C4"] = "NOONE"           # counterparty of E03
    path = tmp_path / "集团数据.xlsx"
    wb.save(path)
    r, found = problems_of(path)
    texts = {p.code: (describe(p, "zh"), describe(p, "en")) for p in r.problems}
    zh, en = texts["unknown_member"]
    assert zh == "集团数据.xlsx[风险暴露]，第 3 行，列 成员公司：集团数据.xlsx[成员公司] 中没有成员公司 'NOBODY'"
    assert "members.csv" not in en and "集团数据.xlsx[成员公司]" in en
    zh, _ = texts["unknown_counterparty"]
    assert "集团数据.xlsx[交易对手] 中没有交易对手 'NOONE'" in zh and "counterparties.csv" not in zh


def test_a_csv_folder_still_names_its_files(tmp_path):
    folder = copy_small(tmp_path)
    rows = rows_of("exposures")
    rows[2][rows[0].index("member_id")] = "NOBODY"
    write_csv(folder / "exposures.csv", rows)
    r, _ = problems_of(folder)
    p = next(p for p in r.problems if p.code == "unknown_member")
    assert describe(p) == "exposures.csv, row 3, column member_id: no member company 'NOBODY' in members.csv"


def test_a_missing_sheet_lists_the_names_it_may_have(tmp_path):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name in FILES[:-1]:                              # no limits sheet
        ws = wb.create_sheet(name)
        for r in rows_of(name):
            ws.append(r)
    path = tmp_path / "book.xlsx"
    wb.save(path)
    r = load_group_data(path)
    p = next(p for p in r.problems if p.code == "missing_sheet")
    assert describe(p, "zh") == "book.xlsx[limits]：缺少必需的工作表（工作表名可为：limits, 限额, 限额表, limit）"
    assert describe(p, "en").endswith("required sheet is missing (a sheet named limits, 限额, 限额表, limit)")
