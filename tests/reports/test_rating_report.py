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
def made(tmp_path_factory, demo_db_master):
    d = tmp_path_factory.mktemp("rating")
    store = demo_store(d / "demo.sqlite3", demo_db_master)
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


def test_recorded_and_regenerated(made):
    store, rec, d, _ = made
    assert rec.sha256 == sha256(rec.path)
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


# ------------------------------------------------------ exact score, boundary note, ESG cap note, sources

def _store_with(tmp_path, data):
    from core.rating.engine import assess, assessment_record
    from core.rating.inputs import parse_rating_input
    from core.rating.rulebook import load_rulebook
    from core.store import Store

    rb = load_rulebook(data["rulebook"])
    inp = parse_rating_input(data, "b.json", rb)
    a = assess(inp, rb)
    store = Store.open(tmp_path / "b.sqlite")
    store.save_assessment("self", a.company, a.period, a.rulebook_id, a.rulebook_version, a.rulebook_sha256,
                          inp.to_json_dict(exact=True), assessment_record(a), "王芳")
    return store


@pytest.fixture(scope="module")
def boundary_pdf(tmp_path_factory):
    """78.0044 weighted + ESG 5 capped at 2 = 80.0044: level 1 exactly, level 2 if rounded to 80.00."""
    from decimal import Decimal

    from tests.core.rating_helpers import life

    d = tmp_path_factory.mktemp("boundary")
    store = _store_with(d, life({"governance": Decimal("78.02")}, all_scores=78, esg=5))
    try:
        doc = build_rating_report(store, "2025")
        rec = generate_report(store, "rating", "2025", d / "b.pdf", user="王芳")
    finally:
        store.close()
    return doc, pdf_text(rec.path)


def _texts(blocks):
    from reports.model import KeyFigures, Note, Paragraph
    for b in blocks:
        if isinstance(b, (Note, Paragraph)):
            yield b.text
        elif isinstance(b, KeyFigures):
            for f in b.items:
                yield f"{f.label} {f.value} {f.note}"
        elif hasattr(b, "blocks"):
            yield from _texts(b.blocks)


def test_report_model_has_exact_score_boundary_note_cap_note_and_sources(boundary_pdf):
    from reports.model import Note
    doc = boundary_pdf[0]
    result = doc.sections[0]
    notes = {b.title: b for b in result.blocks if isinstance(b, Note)}
    assert notes["临界提示"].kind == "warning"
    assert notes["临界提示"].text.startswith("综合得分 80.0044（1 级）；若按两位小数 80.00 计则为 2 级")
    assert notes["ESG 加分上限"].text.startswith("ESG 加分 5 按规则参数上限计 2 分（公开文本未规定上限）")
    assert "若不设上限，综合得分为 83.0044，1 级" in notes["ESG 加分上限"].text     # the uncapped figure
    texts = "\n".join(_texts(doc.sections + doc.appendix))
    assert "综合得分 80.0044" in texts and "计分口径：按精确得分确定等级" in texts
    sources = next(b for b in doc.sections[1].blocks if isinstance(b, Note))
    assert "维度权重：新闻报道" in sources.text
    assert "维度风险水平分档（≥ 85 低、> 60 中、≤ 60 高）：新闻报道" in sources.text
    assert "综合得分分档：行业文章" in sources.text
    assert "ESG 专项加分：行业文章；上限 2 分：本工具判断（公开文本未规定上限，为规则参数）" in sources.text
    assert "新闻报道 = 新京报" in texts and "行业文章 = 行业文章《人身险公司监管评级新规出炉》" in texts
    assert "对应的监管关注和措施为（来源：新闻报道）" in texts        # level 1's measures: press reports


def test_pdf_prints_the_notes_and_the_source_tags(boundary_pdf):
    t = boundary_pdf[1]
    assert has(t, "80.0044") and has(t, "1级")
    assert has(t, "临界提示") and has(t, "若按两位小数80.00计则为2级")
    assert has(t, "ESG加分5按规则参数上限计2分（公开文本未规定上限）")
    assert has(t, "维度权重：新闻报道") and has(t, "综合得分分档：行业文章") and has(t, "上限2分：本工具判断")
    assert has(t, "17.1644")                                       # 22% x 78.02, not rounded to 17.16


def test_no_boundary_or_cap_note_when_none_is_due(made):
    from reports.model import Note
    doc = build_rating_report(made[0], "2025")
    titles = [b.title for b in doc.sections[0].blocks if isinstance(b, Note)]
    assert "临界提示" not in titles and "ESG 加分上限" not in titles
