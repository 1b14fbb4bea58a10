"""The quarterly indicator statistics (Art. 24): XLSX one sheet per dimension with numbers, and PDF."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from reports.service import generate_report
from tests.reports.pdf_check import assert_fonts_embedded, has, needs_poppler, pdf_text, sha256
from tests.reports.report_store import demo_store

pytestmark = needs_poppler

SHEETS = ("集中度指数", "限额执行", "大类资产", "交易对手集团", "单一交易对手", "单一资产", "关联方", "行业", "地区",
          "客户", "业务线", "保费地域", "再保险人")


@pytest.fixture(scope="module")
def made(tmp_path_factory, demo_db_master):
    d = tmp_path_factory.mktemp("quarterly")
    store = demo_store(d / "demo.sqlite3", demo_db_master)
    xlsx = generate_report(store, "quarterly", "2025Q2", d / "stats.xlsx", fmt="xlsx", user="测试")
    pdf = generate_report(store, "quarterly", "2025Q2", d / "stats.pdf", user="测试")
    yield store, xlsx, pdf, d
    store.close()


def test_one_sheet_per_dimension_with_numeric_cells(made):
    wb = load_workbook(made[1].path)
    for name in SHEETS:
        assert name in wb.sheetnames, name
    ws = wb["交易对手集团"]
    header = [c.value for c in ws[1]]
    assert header[:5] == ["排名", "交易对手集团", "集团合并金额（亿元）", "计入限额金额（亿元）", "占集团总资产比例"]
    assert "澄川人寿保险（亿元）" in header
    row = {ws.cell(1, j).value: ws.cell(2, j) for j in range(1, ws.max_column + 1)}
    amount = row["集团合并金额（亿元）"]
    assert isinstance(amount.value, float) and amount.number_format == "#,##0.00"
    assert isinstance(row["占集团总资产比例"].value, float) and row["占集团总资产比例"].number_format == "0.00%"
    names = [ws.cell(r, 2).value for r in range(2, ws.max_row + 1)]
    assert "融达地产集团有限公司" in names
    re01 = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 2).value == "融达地产集团有限公司")
    assert ws.cell(re01, 4).value == pytest.approx(53.47125)    # 计入限额金额 of G01's breach, in 亿元
    limits = wb["限额执行"]
    assert limits.cell(1, 5).value == "计量基数" and limits.cell(2, 5).value == "集团合并总资产"
    ratios = {limits.cell(r, 1).value: limits.cell(r, 6).value for r in range(2, limits.max_row + 1)
              if limits.cell(r, 6).value is not None}   # the source note under the table has no ratio
    assert ratios["G01"] == pytest.approx(0.0525) and len(ratios) == 42


def test_asset_classes_for_group_and_members(made):
    ws = load_workbook(made[1].path)["大类资产"]
    rows = [r for r in range(2, ws.max_row + 1) if ws.cell(r, 2).value is not None]   # not the source note
    scopes = [ws.cell(r, 1).value for r in rows]
    assert scopes[0] == "集团合并" and "澄川人寿保险" in scopes
    assert all(isinstance(ws.cell(r, 3).value, float) for r in rows)
    assert ws.cell(rows[0], 4).value == pytest.approx(0.4681, abs=5e-5)   # group fixed income / total assets


def test_pdf_tables_and_fonts(made):
    path = made[2].path
    assert_fonts_embedded(path)
    t = pdf_text(path)
    assert has(t, "集中度风险指标统计表") and has(t, "2025年第二季度") and has(t, "澄川保险集团股份有限公司")
    for title in ("交易对手集团集中度", "行业集中度", "地区集中度", "关联方集中度", "客户集中度", "再保险人集中度",
                  "大类资产与境外投资"):
        assert has(t, title), title
    assert has(t, "5.25%") and has(t, "融达地产集团有限公司")


def test_recorded_with_their_format(made):
    store, xlsx, pdf, d = made
    assert xlsx.sha256 == sha256(xlsx.path)
    recs = {r.id: r for r in store.list_reports(kind="quarterly")}
    assert recs[xlsx.id].params["format"] == "xlsx" and recs[xlsx.id].sha256 == sha256(xlsx.path)
    assert recs[pdf.id].params["format"] == "pdf" and recs[pdf.id].sha256 == sha256(pdf.path)
