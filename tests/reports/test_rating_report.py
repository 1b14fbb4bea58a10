"""The rating self-assessment report on the demo ratings (2025 self, 2024 self, 2024 regulator)."""
from __future__ import annotations

import pytest

from reports.builders import ReportError
from reports.builders.rating import build_rating_report
from reports.service import generate_report, regenerate
from tests.reports.pdf_check import assert_fonts_embedded, has, needs_poppler, pdf_text, sha256
from tests.reports.report_store import demo_store

pytestmark = needs_poppler

HEADINGS = ("评级结果", "各维度得分与贡献", "动态调整规则判定过程", "对应的监管措施", "提升路径", "与监管评级的比较",
            "评估所用事实与勾选项")


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    d = tmp_path_factory.mktemp("rating")
    store = demo_store(d / "demo.sqlite3")
    rec = generate_report(store, "rating", "2025", d / "rating.pdf", user="测试")
    yield store, rec, d, pdf_text(rec.path)
    store.close()


def test_only_embedded_fonts(made):
    assert_fonts_embedded(made[1].path)


def test_result_contributions_trace_measures_and_what_it_takes(made):
    t = made[3]
    for h in HEADINGS:
        assert has(t, h), h
    assert has(t, "澄川人寿保险股份有限公司") and has(t, "监管评级自评估报告") and has(t, "2025年度")
    assert has(t, "78.99") and has(t, "2级")                  # composite and level
    assert has(t, "公司治理") and has(t, "81.50") and has(t, "17.93")   # 22% x 81.50 = 17.93
    assert has(t, "78.30")                                   # last year's composite
    assert has(t, "激进扩张") and has(t, "规模保费/净资产=3.45") and has(t, "不成立")
    assert has(t, "风险可控且较低")                           # the level-2 measure
    assert has(t, "80.01") and has(t, "1.02")                # what it takes: composite > 80
    assert has(t, "3级") and has(t, "2025-04-28")            # the regulator's 2024 level
    assert has(t, "监管评级低于自评")
    assert not has(t, "2026年")                               # never dated by the clock


def test_dimension_chart_against_last_year(made):
    doc = build_rating_report(made[0], "2025")
    from reports.model import Chart

    def charts(blocks):
        for b in blocks:
            if isinstance(b, Chart):
                yield b
            elif hasattr(b, "blocks"):
                yield from charts(b.blocks)
    chart = next(charts(doc.sections))
    assert chart.spec.kind == "grouped_bar"
    assert [s.name for s in chart.spec.series] == ["2025年度", "2024年度"]
    assert chart.spec.series[0].values[0] == pytest.approx(81.5)


def test_identical_bytes_recorded_and_regenerated(made):
    store, rec, d, _ = made
    again = generate_report(store, "rating", "2025", d / "again.pdf")
    assert again.sha256 == rec.sha256 == sha256(rec.path)
    stored = next(r for r in store.list_reports(kind="rating") if r.id == rec.id)
    assert stored.sha256 == rec.sha256 and stored.snapshot_id is None and stored.period == "2025"
    assert regenerate(store, rec.id, d / "copy.pdf").sha256 == rec.sha256


def test_a_year_is_required_and_must_have_an_assessment(made):
    store = made[0]
    with pytest.raises(ReportError) as e:
        build_rating_report(store, "2025H1")
    assert e.value.code == "wrong_period_kind"
    with pytest.raises(ReportError) as e:
        build_rating_report(store, "2023")
    assert e.value.code == "no_assessment"


def test_first_year_has_no_comparison(made, tmp_path):
    store = made[0]
    doc = build_rating_report(store, "2024")
    contrib = next(t for _, t in doc.tables() if "加权贡献" in (t.caption or ""))
    assert "上年得分" not in [c.title for c in contrib.columns]


def test_a_type_specific_element_is_printed_under_the_officers_name(tmp_path):
    from core.rating.engine import assess, assessment_record
    from core.rating.inputs import parse_rating_input
    from core.rating.rulebook import load_rulebook
    from core.store import Store
    from tests.core.rating_helpers import UNIFIED_WEIGHTS, unified

    weights = dict(UNIFIED_WEIGHTS, operations="0.05", reinsurance_business="0.05")
    weights.pop("other")
    rb = load_rulebook("unified-2025")
    inp = parse_rating_input(unified(weights=weights, scores={"reinsurance_business": 72.5},
                                     element_names={"reinsurance_business": "再保险业务"}), "u.json", rb)
    a = assess(inp, rb)
    store = Store.open(tmp_path / "u.sqlite")
    try:
        store.save_assessment("self", a.company, a.period, a.rulebook_id, a.rulebook_version, a.rulebook_sha256,
                              inp.to_json_dict(exact=True), assessment_record(a), "王芳")
        rec = generate_report(store, "rating", "2025", tmp_path / "u.pdf", user="王芳")
    finally:
        store.close()
    t = pdf_text(rec.path)
    assert has(t, "再保险业务") and has(t, "72.50") and not has(t, "reinsurance_business")
