"""A demonstration report exercising every block of the report infrastructure (not domain figures).

Used by the PDF and XLSX tests and handy to look at: ``python -m tests.reports.demo_report out.pdf``.
The 120-row table is long enough to split across at least two pages; its row 100 holds a marker value
(``测试单位100``) the tests look for on a later page.
"""
from __future__ import annotations

import sys
from datetime import date

from reports.model import (
    Chart,
    ChartSpec,
    Column,
    KeyFigure,
    KeyFigures,
    Note,
    Paragraph,
    ReportDocument,
    Section,
    Series,
    Table,
    Threshold,
)

ROWS = 120
STATUS_CYCLE = ["ok"] * 7 + ["warning", "ok", "breach"]


def exposure_rows(n: int = ROWS):
    rows, statuses = [], []
    for i in range(1, n + 1):
        status = STATUS_CYCLE[i % len(STATUS_CYCLE)]
        amount = 1_000_000 * (i * 7919 % 100_000) + 123_456  # in 元, spread over 1 万 .. 1,000 亿
        ratio = (i * 37 % 100) / 1000  # 0 .. 9.9%
        name = f"测试单位{i}" if i % 9 else f"测试单位{i}（含名称较长的关联方控股有限责任公司）"
        rows.append([i, name, "银行存款" if i % 3 else "债券投资", amount, ratio, status])
        statuses.append(status)
    return rows, statuses


def build_demo_document() -> ReportDocument:
    rows, statuses = exposure_rows()
    columns = [
        Column("序号", "int", width=5),
        Column("交易对手", "text", width=30),
        Column("资产类别", "text", width=12),
        Column("风险敞口", "amount:万元", width=16),
        Column("占总资产比例", "percent", width=13),
        Column("状态", "status", width=8),
    ]
    total_amount = sum(r[3] for r in rows)
    chart = ChartSpec(
        kind="bar",
        categories=["银行存款", "债券投资", "股票投资", "不动产", "其他"],
        series=[Series("占比", [0.182, 0.356, 0.084, 0.121, 0.047])],
        title="各类资产占总资产比例",
        y_label="占比",
        thresholds=[Threshold(0.30, "监管比例上限 30%", "breach"), Threshold(0.25, "预警线 25%", "warning")],
        value_format="percent",
        bar_status=["ok", "breach", "ok", "ok", "ok"],
    )
    trend = ChartSpec(
        kind="grouped_bar",
        categories=["2024年上半年", "2024年下半年", "2025年上半年"],
        series=[Series("综合偿付能力充足率", [2.31, 2.18, 2.24]), Series("核心偿付能力充足率", [1.62, 1.55, 1.49])],
        title="偿付能力充足率",
        value_format="percent:1",
        thresholds=[Threshold(1.0, "监管要求 100%", "breach")],
    )
    return ReportDocument(
        title="集中度风险管理报告",
        subtitle="（演示文档，非真实数据）",
        organisation="示例保险集团股份有限公司",
        period="2025H1",
        as_of=date(2025, 6, 30),
        report_date=date(2025, 7, 15),
        sections=[
            Section("总体情况", [
                Paragraph("本报告依据《保险集团集中度风险监管指引》编制，反映本集团截至2025年6月30日的集中度风险状况。"
                          "报告所列金额除特别说明外以人民币万元为单位，比例保留两位小数。"),
                KeyFigures([
                    KeyFigure("集团总资产", 1_234_567_890_000, "amount:亿元"),
                    KeyFigure("最大单一交易对手敞口", 0.0856, "percent", status="warning", note="预警线 8.00%"),
                    KeyFigure("超限项目数", 2, "int", status="breach"),
                    KeyFigure("综合偿付能力充足率", 2.2437, "percent", status="ok"),
                    KeyFigure("评估日", date(2025, 6, 30), "date"),
                    KeyFigure("数据来源", "资产负债管理系统", note="2025年7月10日导出"),
                ]),
                Note("超限项目已于2025年7月提交风险管理委员会审议，整改计划见附录一。", kind="breach", title="提示"),
            ]),
            Section("交易对手集中度", [
                Section("大额风险暴露明细", [
                    Paragraph("下表列示全部交易对手的风险敞口及其占总资产的比例；预警与超限项目以底色标示。"),
                    Table(columns, rows, caption="交易对手风险敞口明细", row_status=statuses,
                          total_row=["", "合计", "", total_amount, None, None], sheet_name="交易对手明细",
                          source="数据来源：资产负债管理系统；金额单位：万元。"),
                ]),
                Section("资产类别分布", [
                    Chart(chart, caption="各类资产占总资产比例"),
                    Paragraph("债券投资占比超过监管比例上限，主要由于上半年新增地方政府债配置。"),
                ]),
            ]),
            Section("偿付能力", [
                Chart(trend, caption="近三期偿付能力充足率", height_cm=7),
                Note("偿付能力数据取自季度偿付能力报告，未经审计。"),
            ]),
        ],
        appendix=[
            Section("整改计划", [
                Table(["事项", "责任部门", "完成时限"],
                      [["压降债券投资集中度", "投资管理部", "2025年9月30日"],
                       ["完善交易对手限额管理", "风险管理部", "2025年12月31日"]], caption="整改计划"),
            ]),
        ],
    )


if __name__ == "__main__":  # pragma: no cover - a convenience for looking at the output
    from reports.pdf.document import render_pdf

    print(render_pdf(build_demo_document(), sys.argv[1] if len(sys.argv) > 1 else "demo_report.pdf"))
