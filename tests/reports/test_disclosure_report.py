"""The annual public disclosure (Art. 26): aggregated, no names unless asked, draft until approved."""
from __future__ import annotations

import pytest

from reports.service import generate_report
from tests.reports.pdf_check import assert_fonts_embedded, has, needs_poppler, pdf_text, sha256
from tests.reports.report_store import APPROVAL, demo_store

pytestmark = needs_poppler

HEADINGS = ("集中度风险管理组织架构", "集中度风险管理策略及执行情况", "集中度风险状况", "重大集中度风险事件")


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    d = tmp_path_factory.mktemp("disclosure")
    store = demo_store(d / "demo.sqlite3")
    rec = generate_report(store, "disclosure", "2025", d / "disclosure.pdf")
    yield store, rec, d, pdf_text(rec.path)
    store.close()


def test_fonts_headings_and_aggregates(plain):
    assert_fonts_embedded(plain[1].path)
    t = plain[3]
    for h in HEADINGS:
        assert has(t, h), h
    assert has(t, "澄川保险集团股份有限公司") and has(t, "2025年度集中度风险信息披露报告")
    assert has(t, "共40项") and has(t, "超过限额2项") and has(t, "38.75%")   # top-10 groups' share


def test_no_counterparty_names_unless_asked(plain):
    store, _, d, t = plain
    for name in ("融达地产集团有限公司", "国民商业银行股份有限公司", "DIP-IAM01-2023-05"):
        assert not has(t, name), name
    named = generate_report(store, "disclosure", "2025", d / "named.pdf", options={"names": True})
    assert has(pdf_text(named.path), "融达地产集团有限公司")
    rec = next(r for r in store.list_reports(kind="disclosure") if r.id == named.id)
    assert rec.params["options"] == {"names": True}


def test_draft_until_the_board_approves(plain):
    store, rec, d, t = plain
    assert has(t, "草稿") and has(t, "尚未经董事会审议")
    store.save_text("disclosure_approval", "2025", APPROVAL, "王芳")
    final = generate_report(store, "disclosure", "2025", d / "final.pdf")
    ft = pdf_text(final.path)
    assert not has(ft, "草稿") and has(ft, APPROVAL)
    assert final.sha256 != rec.sha256


def test_identical_bytes(plain, tmp_path):
    store = plain[0]
    a = generate_report(store, "disclosure", "2024", tmp_path / "a.pdf")
    b = generate_report(store, "disclosure", "2024", tmp_path / "b.pdf")
    assert a.sha256 == b.sha256 == sha256(tmp_path / "a.pdf")
    assert a.document.as_of.isoformat() == "2024-12-31"


def test_major_events_without_names(plain):
    store, rec, _, t = plain
    major = [c for c in store.list_cases() if c.major_event]
    assert has(t, f"重大集中度风险事件{len(major)}项") and has(t, "交易对手集团维度集中度超过内部限额")
    assert not has(t, "融达")
