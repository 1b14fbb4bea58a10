"""A report says what was on record at its cut-off (`--as-of-record`), is made only for its kind of period,
and the demo history can be written to a file (`demo --db`)."""
from __future__ import annotations

from datetime import date

import pytest

from core.store import Store
from reports.service import generate_report, regenerate
from tests.cli.runner import run_cli
from tests.reports.pdf_check import has, pdf_text, sha256


def test_the_2024h2_report_at_its_cut_off_knows_nothing_of_july_2025(demo_db, tmp_path):
    store = Store.open(demo_db)
    try:
        later = generate_report(store, "semiannual", "2024H2", tmp_path / "now.pdf")
        then = generate_report(store, "semiannual", "2024H2", tmp_path / "then.pdf", as_of_record=date(2025, 2, 20))
        now_text, then_text = pdf_text(tmp_path / "now.pdf"), pdf_text(tmp_path / "then.pdf")
        # made today, it shows the case as it stands now: the G01 case turned major and mitigating in July 2025
        assert has(now_text, "整改中") and has(now_text, "重大集中度风险事件）")
        # at the cut-off the register held the case as opened in January, nothing of July
        assert not has(then_text, "整改中") and not has(then_text, "重大集中度风险事件）")
        assert not has(then_text, "2025年7月")
        assert then.params["pins"]["records_until"] == "2025-02-20"
        # the pins keep regeneration byte-identical, whatever is recorded later
        again = regenerate(store, then.id, tmp_path / "again.pdf")
        assert again.sha256 == then.sha256 == sha256(tmp_path / "then.pdf")
        assert later.sha256 != then.sha256
    finally:
        store.close()


def test_a_report_is_made_only_for_its_kind_of_period(demo_db, tmp_path):
    for kind, period, words in (("semiannual", "2025", "half-year"), ("quarterly", "2025H1", "quarter"),
                                ("disclosure", "2025Q1", "a year"), ("rating", "2025H1", "a year"),
                                ("annual_chapter", "2025H2", "a year")):
        r = run_cli("report", kind, "--db", demo_db, "--period", period, "--out", tmp_path / f"{kind}.pdf",
                    "--lang", "en")
        assert r.returncode == 2 and r.stdout == "", (kind, r)
        assert f"--period '{period}'" in r.stderr and words in r.stderr
        assert not (tmp_path / f"{kind}.pdf").exists()
    r = run_cli("report", "semiannual", "--db", demo_db, "--period", "2025H1", "--as-of-record", "2025-13-01",
                "--out", tmp_path / "x.pdf")
    assert r.returncode == 2 and "--as-of-record '2025-13-01'" in r.stderr


def test_demo_db_writes_the_demo_history(demo_db_master, tmp_path):
    path = tmp_path / "demo.sqlite3"
    r = run_cli("demo", "--db", path)
    assert r.returncode == 0, r.stderr
    store = Store.open(path)
    master = Store.open(demo_db_master)
    try:
        assert [s.as_of for s in store.list_snapshots()] == [s.as_of for s in master.list_snapshots()]
        assert len(store.list_cases()) == len(master.list_cases())
        assert store.chain_head() == master.chain_head()
    finally:
        store.close()
        master.close()
    again = run_cli("demo", "--db", path, "--lang", "en")       # never written over
    assert again.returncode == 2 and "already exists" in again.stderr


def test_summary_first_sign_off_from_the_records_and_placeholders_make_a_draft(demo_db):
    from reports.builders.semiannual import build_semiannual_report
    from reports.model import Note, Paragraph, Table
    store = Store.open(demo_db)
    try:
        doc = build_semiannual_report(store, "2024H2")
        summary = doc.sections[0]
        assert summary.title == "执行摘要"
        flagged = next(b for b in summary.blocks if isinstance(b, Table))
        assert [c.title for c in flagged.columns][-2:] == ["需压降", "处置"]
        g01 = next(r for r in flagged.rows if r[0] == "融达地产集团有限公司")
        info = next(i for i in store.list_snapshots() if i.as_of == date(2024, 12, 31))
        assets = store.load_snapshot(info.id).group.total_assets_fen / 100
        # the cut to the warning value in 亿元: exposure - warning x total assets
        assert g01[3] == 0.0455 and g01[5] == 0.04 and g01[7] == pytest.approx((0.0455 - 0.04) * assets, rel=1e-6)
        asks = next(b.text for b in summary.blocks if isinstance(b, Paragraph) and b.text.startswith("提请董事会"))
        assert "1. 审议本报告" in asks
        sign = next(s for s in doc.sections if s.title == "签发")
        rows = sign.blocks[0].rows
        assert rows[0][2] == "李明（风险管理部）" and rows[1][2] == "王芳（首席风险官）"
        assert rows[2][2] == "董事会风险管理委员会2025年第1次会议" and rows[2][3] == date(2025, 2, 26)
        # the register lacks analysis and plan for case 3: a placeholder, so a draft that says why
        assert doc.watermark == "草稿"
        assert isinstance(summary.blocks[0], Note) and "登记簿记录不全的事项" in summary.blocks[0].text
        # before the register was filled in and the board met: at the 2025-02-20 cut-off the board has not met
        from reports.builders.common import current_pins
        early = build_semiannual_report(store, "2024H2", pins=current_pins(store, "2024H2", date(2025, 2, 20)))
        sign = next(s for s in early.sections if s.title == "签发")
        assert sign.blocks[0].rows[2][2] == "尚无审议记录（待审议）"
    finally:
        store.close()


@pytest.mark.parametrize("kind,period", [("semiannual", "2025H1"), ("disclosure", "2025"), ("rating", "2025"),
                                         ("quarterly", "2025Q2"), ("annual_chapter", "2024")])
def test_every_kind_as_a_workbook_with_page_setup(demo_db, tmp_path, kind, period):
    from openpyxl import load_workbook
    out = tmp_path / f"{kind}.xlsx"
    r = run_cli("report", kind, "--db", demo_db, "--period", period, "--out", out, "--xlsx")
    assert r.returncode == 0, r.stderr
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "报告信息" and len(wb.sheetnames) > 1
    for ws in wb.worksheets[1:]:
        assert ws.page_setup.orientation == "landscape" and ws.print_title_rows in ("1:1", "$1:$1")
        assert ws.freeze_panes in ("B2", "C2")
    # a workbook named .pdf (or a PDF named .xlsx) is refused, nothing written
    bad = run_cli("report", kind, "--db", demo_db, "--period", period, "--out", tmp_path / "x.pdf", "--xlsx")
    assert bad.returncode == 2 and "--out" in bad.stderr and not (tmp_path / "x.pdf").exists()


def test_the_art25_chapter_from_the_records(demo_db, tmp_path):
    """The annual chapter (Art 25): basic situation, limits and policy execution, risk status; a year's
    end or a draft that says so."""
    store = Store.open(demo_db)
    try:
        year_end = generate_report(store, "annual_chapter", "2024", tmp_path / "a24.pdf")
        mid = generate_report(store, "annual_chapter", "2025", tmp_path / "a25.pdf")
    finally:
        store.close()
    t = pdf_text(tmp_path / "a24.pdf")
    for h in ("基本情况", "限额及政策执行情况", "风险状况", "第二十五条"):
        assert has(t, h), h
    assert not year_end.document.watermark and has(t, "968.00亿元")
    assert has(t, "11项未注明上级集团限额") and has(t, "内部审计：最近一次由内部审计部陈静于2024年12月20日完成")
    assert mid.document.watermark == "草稿" and has(pdf_text(tmp_path / "a25.pdf"), "不是年末（2025年12月31日）数据")
