"""The semiannual board report on the demo group: content, fonts, reproducibility, recording, pins."""
from __future__ import annotations

import pytest

from core.store import Store
from reports.builders import ReportError
from reports.builders.semiannual import build_semiannual_report
from reports.model import ReportDocument, Table
from reports.service import generate_report, regenerate
from tests.reports.pdf_check import assert_fonts_embedded, has, needs_poppler, pdf_text, sha256
from tests.reports.report_store import APPROVAL, bare_store, demo_store

pytestmark = needs_poppler

HEADINGS = ("执行摘要", "治理架构与职责", "策略、指标与限额", "限额执行情况", "各维度风险状况", "压力测试结果",
            "重大集中度风险事件", "结论与建议", "签发", "全部限额定义")
DIMENSIONS = ("交易对手集团集中度", "行业集中度", "地区集中度", "大类资产集中度", "关联方集中度", "客户集中度",
              "保费地域集中度", "再保险人集中度")


@pytest.fixture(scope="module")
def plain(demo_semiannual_pdf):
    """The demo database (approved limits, handled cases, stress results, conclusions) and its 2025H1 report,
    made once for the session (tests/conftest.py `demo_semiannual_pdf`); opened read-only, as other modules
    read the same file: a test that writes works on a copy (`_copy`)."""
    store = Store.open(demo_semiannual_pdf.db, read_only=True)
    yield store, demo_semiannual_pdf.record, demo_semiannual_pdf.path.parent
    store.close()


def _copy(plain, dest) -> Store:
    """A writable copy of the session's database, for a test that records or changes something."""
    return Store.open(plain[0].backup_to(dest))


@pytest.fixture(scope="module")
def bare(tmp_path_factory, bare_db_master):
    """Only the two snapshots imported."""
    d = tmp_path_factory.mktemp("semiannual-bare")
    store = bare_store(d / "bare.sqlite3", bare_db_master)
    rec = generate_report(store, "semiannual", "2025H1", d / "board.pdf", user="测试")
    yield store, rec, d
    store.close()


@pytest.fixture(scope="module")
def plain_text(demo_semiannual_pdf):
    return demo_semiannual_pdf.text


@pytest.fixture(scope="module")
def bare_text(bare):
    return pdf_text(bare[1].path)


def test_only_embedded_fonts(plain):
    assert_fonts_embedded(plain[1].path)


def test_cover_headings_and_key_figures(plain_text):
    t = plain_text
    for needle in ("澄川保险集团股份有限公司", "集中度风险半年度评估报告", "2025年上半年", "2025年6月30日", "内部资料"):
        assert has(t, needle), needle
    for h in HEADINGS + DIMENSIONS:
        assert has(t, h), h
    # the breaching limits, their objects and ratios
    assert has(t, "单一交易对手集团（集团）") and has(t, "融达地产集团有限公司") and has(t, "5.25%")
    assert has(t, "单一资产（人寿）") and has(t, "DIP-IAM01-2023-05") and has(t, "5.10%")
    # last half-year's ratio of G01 next to this one, and the counts
    assert has(t, "4.55%")
    assert has(t, "正常36项、预警3项、超限3项")
    # counterparty names in Chinese from the snapshot, indices
    assert has(t, "国民商业银行股份有限公司") and has(t, "赫芬达尔指数")
    assert not has(t, "不应出现的文字")


def test_what_a_bare_database_lacks_is_said_plainly(bare, bare_text):
    assert_fonts_embedded(bare[1].path)
    t = bare_text
    assert has(t, "限额尚未经审批")
    assert has(t, "本期未开展压力测试")
    assert has(t, "本期无重大集中度风险事件记录")
    assert has(t, "尚未填写本期结论与建议")
    assert has(t, "登记簿记录不全") and has(t, "尚无原因分析、处置计划")
    assert t.count("请责任部门在登记簿中补充") == 1   # asked once, not under every item
    assert has(t, "单一交易对手集团（集团）") and has(t, "5.25%")      # the figures are there all the same


def test_recorded_in_the_store(plain):
    store, rec, _ = plain
    stored = next(r for r in store.list_reports(kind="semiannual") if r.id == rec.id)
    assert stored.sha256 == sha256(rec.path)
    assert stored.period == "2025H1" and stored.path == str(rec.path) and stored.created_by == "测试"
    snap = store.latest_snapshot_in("2025-01-01", "2025-06-30")
    assert stored.snapshot_id == snap.id
    assert stored.params["format"] == "pdf" and stored.params["pins"]["evaluation"] >= 1


def test_explicit_date_changes_the_date_not_the_data(plain, tmp_path):
    from datetime import date
    rec = plain[1]
    store = _copy(plain, tmp_path / "dated.sqlite3")      # generating records the report
    try:
        other = generate_report(store, "semiannual", "2025H1", tmp_path / "dated.pdf", date=date(2025, 7, 15))
    finally:
        store.close()
    assert other.sha256 != rec.sha256
    assert has(pdf_text(tmp_path / "dated.pdf"), "2025年7月15日")


def test_document_is_data_first(plain):
    store = plain[0]
    doc = build_semiannual_report(store, "2025H1")
    assert isinstance(doc, ReportDocument)
    assert [s.title for s in doc.sections] == list(HEADINGS[:-1])
    tables = {t.caption: t for _, t in doc.tables() if isinstance(t, Table)}
    util = tables["集中度风险限额执行情况"]
    assert len(util.rows) == 42
    assert util.row_status.count("breach") == 3 and util.row_status.count("warning") == 3
    g01 = next(r for r in util.rows if r[0] == "G01")
    assert g01[2] == "融达地产集团有限公司" and g01[4] == "集团合并总资产" and g01[5] == pytest.approx(0.0525)


def test_filled_sections_from_limit_versions_cases_stress_and_texts(plain, plain_text):
    from core.whatif.stress import load_scenarios
    store, t = plain[0], plain_text
    version = store.current_limit_set_version("2025-06-30")
    assert version is not None
    assert not has(t, "限额尚未经审批")
    assert has(t, f"第{version.version}版") and has(t, f"经{version.approved_by}审批")
    assert has(t, "L07") and has(t, "11.50%") and has(t, "12.00%")       # the change in the period
    assert not has(t, "本期未开展压力测试") and has(t, "集中度风险压力测试结果")
    assert has(t, load_scenarios()[0].name[:12])
    major = [c for c in store.list_cases() if c.major_event]
    assert major and has(t, f"重大事件（登记簿第{major[0].id}号）")
    assert has(t, (major[0].mitigation_plan or major[0].analysis)[:15])
    conclusions = store.latest_text("semiannual_conclusions", "2025H1").text
    assert has(t, conclusions.split("\n")[0][:20]) and not has(t, "尚未填写本期结论与建议")
    assert not has(t, APPROVAL)          # the disclosure's approval is not this report's business


def test_regenerate_gives_the_recorded_bytes_and_reads_what_the_first_run_read(plain, tmp_path):
    """Regenerating gives the recorded bytes, even after the records it read have changed (one render: the
    regeneration after the changes; same data, same bytes in general: tests/cli/test_report_cli.py). The
    changes go to a copy of the module's database, which the other tests here read unchanged."""
    _, rec, _ = plain
    assert rec.sha256 == sha256(rec.path)
    store = _copy(plain, tmp_path / "changed.sqlite3")
    try:
        store.save_text("semiannual_conclusions", "2025H1", "修订后的结论。", "王芳")
        case = next(c for c in store.list_cases() if c.limit_id == "G05")
        store.record_case_event(case.id, "王芳", cause="market_movement", analysis="房地产业整体估值变化。",
                                comment="测试：登记簿在报告之后又有变化")
        copy = regenerate(store, rec.id, tmp_path / "copy.pdf")
        assert copy.sha256 == rec.sha256 == sha256(tmp_path / "copy.pdf")
        fresh = generate_report(store, "semiannual", "2025H1", tmp_path / "fresh.pdf")
        assert fresh.sha256 != rec.sha256
        assert has(pdf_text(tmp_path / "fresh.pdf"), "修订后的结论")
    finally:
        store.close()


def test_period_without_snapshot_and_bad_period(plain):
    store = plain[0]
    with pytest.raises(ReportError) as e:
        build_semiannual_report(store, "2023H1")
    assert e.value.code == "no_snapshot"
    with pytest.raises(ReportError) as e:
        build_semiannual_report(store, "2025H3")
    assert e.value.code == "bad_period"


def test_first_half_year_has_nothing_to_compare_with(bare, tmp_path):
    store = bare[0]
    doc = build_semiannual_report(store, "2024H2")
    assert doc.as_of.isoformat() == "2024-12-31"
    util = next(t for _, t in doc.tables() if t.caption == "集中度风险限额执行情况")
    assert "上期比例" not in [c.title for c in util.columns]   # no earlier snapshot to compare with


def test_pending_proposal_listed_and_regenerate_unchanged_after_its_decision(tmp_path, demo_db_master):
    from decimal import Decimal

    store = demo_store(tmp_path / "p.sqlite3", demo_db_master)
    version = store.current_limit_set_version("2025-06-30")
    rows = version.rows.copy()
    rows.loc[rows["limit_id"] == "G01", "limit"] = Decimal("0.055")
    pid = store.create_proposal(version.limit_set_id, rows, "赵强", "融达集团限额临时上调至5.5%", "2025-06-30",
                                base_version_id=version.id)
    first = generate_report(store, "semiannual", "2025H1", tmp_path / "a.pdf")
    t = pdf_text(first.path)
    assert has(t, "待审批的限额调整提案") and has(t, "融达集团限额临时上调至5.5%")
    store.decide(pid, "钱敏", "approve", "同意")              # a new version in force on 2025-06-30
    assert regenerate(store, first.id, tmp_path / "b.pdf").sha256 == first.sha256
    now = generate_report(store, "semiannual", "2025H1", tmp_path / "c.pdf")
    t = pdf_text(now.path)
    assert now.sha256 != first.sha256 and not has(t, "待审批的限额调整提案") and has(t, "5.50%")
    store.close()


def _image_count(path) -> int:
    import subprocess
    out = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    return len(out.splitlines()) - 2


def test_every_chart_and_table_is_drawn_with_or_without_a_table_of_contents(plain, tmp_path):
    """Charts and tables are skipped in the first layout pass only when another pass is certain."""
    from reports.pdf.document import PdfRenderer

    class NoContents(PdfRenderer):
        def table_of_contents(self, doc):
            return []

    store, rec, _ = plain
    doc = build_semiannual_report(store, "2025H1")
    charts = sum(1 for _ in _charts(doc))
    assert charts >= 8 and _image_count(rec.path) == charts
    bare = tmp_path / "no-toc.pdf"
    bare.write_bytes(NoContents().render(doc))
    assert _image_count(bare) == charts
    t = pdf_text(bare)
    assert has(t, "融达地产集团有限公司") and has(t, "5.25%") and not has(t, "目录")


def _charts(doc):
    from reports.model import Chart

    def walk(blocks):
        for b in blocks:
            if isinstance(b, Chart):
                yield b
            elif hasattr(b, "blocks"):
                yield from walk(b.blocks)
    for s in doc.sections:
        yield from walk(s.blocks)
