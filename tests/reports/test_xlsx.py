"""XLSX export of report tables: numbers stay numbers, valid sheet names, deterministic bytes."""
import hashlib
import time
import zipfile
from dataclasses import replace
from datetime import date, datetime

import openpyxl
import pytest

from reports.model import Column, ReportDocument, Section, Table
from reports.xlsx import INFO_SHEET, XlsxWriter, sheet_name, write_xlsx
from tests.reports.demo_report import ROWS, build_demo_document


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "demo.xlsx"
    digest = write_xlsx(build_demo_document(), path)
    return path, digest, openpyxl.load_workbook(path)


def test_one_sheet_per_table_with_chinese_names(workbook):
    _, _, wb = workbook
    assert wb.sheetnames == [INFO_SHEET, "交易对手明细", "整改计划"]
    info = {r[0]: r[1] for r in wb[INFO_SHEET].iter_rows(values_only=True)}
    assert info["报告期间"] == "2025年上半年"
    assert info["数据截至"] == "2025年6月30日"


def test_numbers_are_stored_as_numbers_with_formats(workbook):
    _, _, wb = workbook
    ws = wb["交易对手明细"]
    assert [c.value for c in ws[1]] == ["序号", "交易对手", "资产类别", "风险敞口（万元）", "占总资产比例", "状态"]
    seq, name, _, amount, ratio, status = ws[2]
    assert seq.value == 1 and seq.data_type == "n" and seq.number_format == "#,##0"
    assert amount.data_type == "n" and amount.value == pytest.approx(791_912.3456)
    assert amount.number_format == "#,##0.00"
    assert ratio.data_type == "n" and ratio.value == pytest.approx(0.037) and ratio.number_format == "0.00%"
    assert status.value == "正常" and name.value == "测试单位1"
    assert ws.max_row == 1 + ROWS + 1 + 2  # header, rows, total, blank, source note
    total = [c.value for c in ws[ROWS + 2]]
    assert total[1] == "合计" and total[3] == pytest.approx(sum(r[3] for r in build_demo_document().tables()[0][1].rows) / 10_000)


def test_header_bold_frozen_and_widths(workbook):
    _, _, wb = workbook
    ws = wb["交易对手明细"]
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "C2"       # the header and the 序号 and name columns stay in view
    # printed: landscape A4, one page wide, the header on every page
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows in ("1:1", "$1:$1")
    assert ws.column_dimensions["B"].width > ws.column_dimensions["A"].width


def test_properties_come_from_the_report_date(workbook):
    _, _, wb = workbook
    assert wb.properties.created == datetime(2025, 7, 15)
    assert wb.properties.modified == datetime(2025, 7, 15)
    assert wb.properties.title == "集中度风险管理报告"


def test_deterministic_bytes_across_seconds(workbook, tmp_path):
    path, digest, _ = workbook
    # zip entry times have a 2-second resolution: wait until the next even second, so that this write falls in
    # another 2-second window (and another second) than the fixture's, which was written before now
    time.sleep((int(time.time()) // 2 + 1) * 2 - time.time() + 0.01)
    again = write_xlsx(build_demo_document(), tmp_path / "again.xlsx")
    assert again == digest == hashlib.sha256(path.read_bytes()).hexdigest()
    with zipfile.ZipFile(path) as z:
        assert {i.date_time for i in z.infolist()} == {(2025, 7, 15, 0, 0, 0)}


def test_different_report_date_changes_bytes(workbook, tmp_path):
    _, digest, _ = workbook
    other = replace(build_demo_document(), report_date=date(2025, 7, 16))
    assert write_xlsx(other, tmp_path / "other.xlsx") != digest


def test_sheet_names_are_valid_and_unique():
    taken = {INFO_SHEET}
    long = "保险集团集中度风险管理报告交易对手大额风险暴露明细表（含关联方）"
    a = sheet_name(long, taken)
    b = sheet_name(long, taken)
    assert len(a) <= 31 and len(b) <= 31 and a != b
    assert sheet_name("a/b:c*d?[e]", taken) == "a_b_c_d__e_"
    assert sheet_name("报告信息", taken) == "报告信息(2)"
    assert sheet_name("", taken)


def test_untitled_tables_and_duplicates_get_distinct_sheets(tmp_path):
    doc = ReportDocument("t", "o", "2025", date(2025, 12, 31), sections=[
        Section("限额", [Table([Column("x", "number")], [[1.5]]), Table([Column("y", "percent")], [[0.2]])]),
    ])
    wb = XlsxWriter(doc).build()
    assert wb.sheetnames == [INFO_SHEET, "限额", "限额(2)"]
    assert wb["限额"]["A2"].value == 1.5
