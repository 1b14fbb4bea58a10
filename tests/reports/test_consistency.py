"""Issue 9's consistency test: every percentage and amount in a report's prose is a value of its model, and
the sentences that compare figures say what their tables say: for every report of the demo and of two
other groups (the demo's snapshots with nothing else on record, and the small example group)."""
from __future__ import annotations

import copy

import pytest

from core.store import Store
from reports.model import Paragraph, Section
from reports.service import build
from tests.reports.consistency import problems, prose
from tests.reports.report_store import bare_store

DEMO_REPORTS = (("semiannual", "2025H1"), ("semiannual", "2024H2"), ("quarterly", "2025Q2"),
                ("quarterly", "2024Q4"), ("disclosure", "2025"), ("disclosure", "2024"), ("rating", "2025"),
                ("rating", "2024"), ("annual_chapter", "2024"), ("annual_chapter", "2025"))


@pytest.fixture(scope="module")
def demo(demo_db_master):
    store = Store.open(demo_db_master, read_only=True)     # the session's master: building reads only
    yield store
    store.close()


@pytest.mark.parametrize("kind,period", DEMO_REPORTS)
def test_every_figure_in_the_demos_prose_is_a_value_of_its_report(demo, kind, period):
    doc = build(demo, kind, period)
    assert problems(doc) == []
    assert prose(doc)   # there is prose to check


def test_the_demo_snapshots_alone(tmp_path, bare_db_master):
    store = bare_store(tmp_path / "bare.sqlite3", bare_db_master)
    try:
        for kind, period in (("semiannual", "2025H1"), ("semiannual", "2024H2"), ("quarterly", "2025Q2"),
                             ("disclosure", "2024"), ("annual_chapter", "2024")):
            assert problems(build(store, kind, period)) == [], (kind, period)
    finally:
        store.close()


def test_the_small_example_group(tmp_path):
    from pathlib import Path

    from core.concentration.snapshots import import_snapshot
    store = Store.open(tmp_path / "small.sqlite3")
    try:
        import_snapshot(store, Path(__file__).parents[1] / "fixtures" / "examples" / "small-group", "王芳")
        for kind, period in (("semiannual", "2025H1"), ("quarterly", "2025Q2"), ("disclosure", "2025"),
                             ("annual_chapter", "2025")):
            doc = build(store, kind, period)
            assert problems(doc) == [], (kind, period)
    finally:
        store.close()


def _section(doc, title):
    def walk(sections):
        for s in sections:
            if s.title == title:
                return s
            found = walk([b for b in s.blocks if isinstance(b, Section)])
            if found is not None:
                return found
    return walk(doc.sections)


def test_the_check_fails_on_a_deliberately_wrong_sentence(demo):
    doc = build(demo, "semiannual", "2025H1")
    assert problems(doc) == []
    # a figure that is no value of the report
    wrong = copy.deepcopy(doc)
    _section(wrong, "限额执行情况").blocks.append(Paragraph("融达地产集团敞口 53.48 亿元，占集团总资产的 5.26%。"))
    found = problems(wrong)
    assert any("53.48 亿元" in p for p in found) and any("5.26%" in p for p in found)
    # the old contradiction: the first asset class in the table's order called the largest
    wrong = copy.deepcopy(doc)
    section = _section(wrong, "大类资产集中度")
    para = next(b for b in section.blocks if isinstance(b, Paragraph))
    para.text = para.text.split("；")[0] + "；流动性资产占比最高，占投资资产的 8.61%。"
    assert any("largest" in p for p in problems(wrong))
    # "上期" meaning another figure than the table's
    wrong = copy.deepcopy(doc)
    section = _section(wrong, "交易对手集团集中度")
    para = next(b for b in section.blocks if isinstance(b, Paragraph))
    table = next(b for b in section.blocks if hasattr(b, "total_row"))
    prev = table.total_row[5]
    import re
    para.text = re.sub(r"上期合计占比 [\d.,]+%", f"上期合计占比 {prev * 100 + 0.42:.2f}%", para.text)
    assert any("previous top-" in p for p in problems(wrong))


def test_a_plan_in_the_register_is_checked_against_the_model(demo):
    """The G01 plan says cut 约6亿元 to get below a "4.5%预警值": the warning value is 4.00% and a 6 亿 cut
    leaves 4.66%; the report quotes the plan and says both, from the model."""
    from reports.model import Note
    doc = build(demo, "semiannual", "2025H1")
    note = next(b for b in _section(doc, "预警和超限事项及处置").blocks
                if isinstance(b, Note) and b.text.startswith("单一交易对手集团（集团） — 融达地产集团有限公司"))
    assert "计划所称预警值 4.5% 与现行预警值 4.00% 不一致" in note.text
    assert "按计划压降 6 亿元后比例约为 4.66%（计量基数不变），仍高于预警值 4.00%" in note.text
    assert "降至预警值 4.00% 需压降 12.73 亿元" in note.text
