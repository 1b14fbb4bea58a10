"""The annual public disclosure (Art. 26): aggregated, no names unless asked; final only when the board's
approval of exactly the text it prints is on record, otherwise a draft that says why."""
from __future__ import annotations

import hashlib

import pytest

from core.approvals import APPROVED, NO_TEXT, NOT_APPROVED, TEXT_CHANGED
from core.demo import DISCLOSURE_APPROVALS, DISCLOSURE_TEXTS
from reports.builders.disclosure import NOT_YEAR_END, build_disclosure_report, disclosure_status
from reports.service import PARAMS_VERSION, generate_report, regenerate, render
from tests.reports.pdf_check import assert_fonts_embedded, has, needs_poppler, pdf_text, sha256
from tests.reports.report_store import APPROVAL, demo_store

pytestmark = needs_poppler

HEADINGS = ("集中度风险管理组织架构", "集中度风险管理策略及执行情况", "集中度风险状况", "重大集中度风险事件")
TEXT_2024 = "报告期内，本集团未调整集中度风险限额体系。\n本集团将继续按季度监测各项限额。"


@pytest.fixture(scope="module")
def plain(tmp_path_factory, demo_db_master):
    d = tmp_path_factory.mktemp("disclosure")
    store = demo_store(d / "demo.sqlite3", demo_db_master)
    rec = generate_report(store, "disclosure", "2025", d / "disclosure.pdf")
    yield store, rec, d, pdf_text(rec.path)
    store.close()


def test_fonts_headings_and_aggregates(plain):
    assert_fonts_embedded(plain[1].path)
    t = plain[3]
    for h in HEADINGS:
        assert has(t, h), h
    assert has(t, "澄川保险集团股份有限公司") and has(t, "2025年度集中度风险信息披露报告")
    assert has(t, "共42项") and has(t, "超过限额3项") and has(t, "38.62%")   # top-10 groups' share


def test_no_counterparty_names_unless_asked(plain):
    store, _, d, t = plain
    for name in ("融达地产集团有限公司", "国民商业银行股份有限公司", "DIP-IAM01-2023-05"):
        assert not has(t, name), name
    named = generate_report(store, "disclosure", "2025", d / "named.pdf", options={"names": True})
    assert has(pdf_text(named.path), "融达地产集团有限公司")
    rec = next(r for r in store.list_reports(kind="disclosure") if r.id == named.id)
    assert rec.params["options"] == {"names": True}


def test_the_approved_2025_text_on_mid_year_data_is_a_draft_that_says_why(plain):
    """The demo's 2025 text is approved by the board, but the 2025 document rests on the 2025-06-30 snapshot:
    an annual disclosure needs the year's end, so it is a draft that says so (the approval is named)."""
    store, rec, _, t = plain
    assert rec.document.approval.status == NOT_YEAR_END and rec.document.watermark == "草稿"
    a = DISCLOSURE_APPROVALS["2025"]
    assert has(t, "草稿：与审议的文件不一致") and has(t, a["meeting_ref"]) and has(t, "2026年6月10日")
    assert has(t, "所依据的数据截至2025年6月30日，不是年末（2025年12月31日）数据")
    assert has(t, "其他需要说明的事项")
    for line in DISCLOSURE_TEXTS["2025"].splitlines():
        assert has(t, line)
    approval = store.latest_board_approval("disclosure", "2025")
    assert rec.params["pins"]["approval"] == approval.id and rec.params["params_version"] == PARAMS_VERSION


def test_a_year_end_snapshot_imported_after_the_approval_makes_it_a_draft(demo_db, tmp_path):
    """Done means (issue 9): on a copy of the demo history with a 2025-12-31 snapshot imported after the
    board's approval, `report disclosure --period 2025` says draft and why."""
    import shutil

    from core.demo import demo_snapshot_dirs
    from tests.cli.runner import run_cli
    data = tmp_path / "2025-12-31"
    shutil.copytree(demo_snapshot_dirs()[-1], data)
    group = data / "group.csv"
    group.write_text(group.read_text(encoding="utf-8").replace("2025-06-30", "2025-12-31"), encoding="utf-8")
    assert run_cli("import", data, "--db", demo_db, "--user", "李明").returncode == 0
    r = run_cli("report", "disclosure", "--db", demo_db, "--period", "2025", "--out", tmp_path / "d.pdf", "--lang", "en")
    assert r.returncode == 0, r.stderr
    assert "draft:" in r.stdout and "records changed after the approval" in r.stdout
    t = pdf_text(tmp_path / "d.pdf")
    assert has(t, "草稿") and has(t, "审议后导入了数据快照") and has(t, "数据截至2025年12月31日")
    assert has(t, "审议时依据的是数据截至2025年6月30日的快照")


def test_draft_until_the_board_approves_exactly_the_text(plain, tmp_path):
    store = plain[0]
    # nothing written for 2024: a draft, and it says the text must be written and approved
    none = generate_report(store, "disclosure", "2024", tmp_path / "none.pdf")
    t = pdf_text(none.path)
    assert none.document.approval.status == NO_TEXT
    assert has(t, "草稿") and has(t, "尚未经董事会审议") and has(t, "请先撰写“其他需要说明的事项”披露说明")
    assert not has(t, "五、其他需要说明的事项")      # no text: no such section

    # a text, not approved: a draft that prints the text
    tid = store.save_text("disclosure_text", "2024", TEXT_2024, "王芳")
    draft = generate_report(store, "disclosure", "2024", tmp_path / "draft.pdf")
    t = pdf_text(draft.path)
    assert draft.document.approval.status == NOT_APPROVED
    assert has(t, "草稿") and has(t, "尚未经董事会审议") and has(t, "本集团将继续按季度监测各项限额。")
    assert not has(t, "董事会审议情况")

    # the board approves that text: final
    store.record_board_approval("disclosure", "2024", "董事会", "第三届董事会第五次会议", "2025-06-12", tid, "王芳")
    final = generate_report(store, "disclosure", "2024", tmp_path / "final.pdf")
    ft = pdf_text(final.path)
    assert final.document.approval.status == APPROVED and disclosure_status(store, "2024").final
    assert not has(ft, "草稿") and has(ft, "第三届董事会第五次会议") and has(ft, "2025年6月12日")
    assert has(ft, "报告日期：2025年6月12日")        # a final disclosure is dated by its approval
    assert final.document.dated.isoformat() == "2025-06-12"
    assert final.sha256 != draft.sha256

    # the text is edited afterwards: a draft again, saying the text changed after the approval
    store.save_text("disclosure_text", "2024", TEXT_2024 + "\n另：新增一段说明。", "王芳")
    changed = generate_report(store, "disclosure", "2024", tmp_path / "changed.pdf")
    ct = pdf_text(changed.path)
    assert changed.document.approval.status == TEXT_CHANGED
    assert has(ct, "草稿") and has(ct, "文本在审议后已修改") and has(ct, "此后已被修改")
    assert has(ct, "第三届董事会第五次会议") and has(ct, "另：新增一段说明。")
    assert disclosure_status(store, "2024").status == TEXT_CHANGED

    # an unsaved preview of the approved wording is final, any other wording is not
    assert disclosure_status(store, "2024", texts={"text": TEXT_2024}).final
    assert disclosure_status(store, "2024", texts={"text": "别的文字"}).status == TEXT_CHANGED

    # regenerating each recorded report reads what it read then: the same bytes
    for rec in (none, draft, final, changed):
        again = regenerate(store, rec.id, tmp_path / f"again-{rec.id}.pdf")
        assert again.sha256 == rec.sha256, rec.document.approval.status


def test_an_approval_after_the_report_does_not_change_its_regeneration(demo_db, tmp_path):
    from core.store import Store
    store = Store.open(demo_db)
    tid = store.save_text("disclosure_text", "2024", TEXT_2024, "王芳")
    store.record_board_approval("disclosure", "2024", "董事会", "第三届董事会第五次会议", "2025-06-12", tid, "王芳")
    before = generate_report(store, "disclosure", "2024", tmp_path / "before.pdf")
    assert before.document.approval.final
    # a new approval of the same text changes nothing on record that the old report pinned
    store.record_board_approval("disclosure", "2024", "董事会", "第三届董事会第九次会议", "2025-06-20", tid, "王芳")
    again = regenerate(store, before.id, tmp_path / "again.pdf")
    assert again.sha256 == before.sha256 and has(pdf_text(again.path), "第三届董事会第五次会议")
    now = generate_report(store, "disclosure", "2024", tmp_path / "now.pdf")
    assert has(pdf_text(now.path), "第三届董事会第九次会议") and now.sha256 != before.sha256
    store.close()


def test_reports_recorded_before_approvals_were_records_regenerate_as_they_were(plain, tmp_path):
    """A disclosure recorded by the previous release (params v1) read the free-text approval."""
    store = plain[0]
    store.save_text("disclosure_approval", "2024", APPROVAL, "王芳")
    pins = {"evaluation": 10**6, "case_event": 10**6, "text": 10**6, "version": 10**6, "proposal": 10**6,
            "decision": 10**6, "assessment": 10**6}            # v1 pins: no "approval"
    from reports.builders.common import Pins

    old_doc = build_disclosure_report(store, "2024", pins=Pins.from_json(pins), approval_from="text")
    data = render(old_doc, "pdf")
    path = tmp_path / "v1.pdf"
    path.write_bytes(data)
    assert has(pdf_text(path), APPROVAL) and not has(pdf_text(path), "草稿")
    info = store.latest_snapshot_in(*_year("2024"))
    rid = store.record_report("disclosure", "2024", info.id,
                              {"params_version": 1, "format": "pdf", "period": "2024", "date": None, "pins": pins,
                               "options": {}, "as_of": "2024-12-31"}, hashlib.sha256(data).hexdigest(), str(path),
                              "王芳")
    again = regenerate(store, rid, tmp_path / "v1-again.pdf")
    assert again.sha256 == hashlib.sha256(data).hexdigest()


def _year(code):
    from core.periods import parse_period

    p = parse_period(code)
    return p.start, p.end


def test_a_year_is_reported_as_of_its_last_snapshot(plain, tmp_path):
    store = plain[0]
    a = generate_report(store, "disclosure", "2024", tmp_path / "a.pdf")
    assert a.sha256 == sha256(tmp_path / "a.pdf")
    assert a.document.as_of.isoformat() == "2024-12-31"


def test_major_events_without_names(plain):
    store, rec, _, t = plain
    major = [c for c in store.list_cases() if c.major_event]
    assert major
    # from the major-event record and its board notification (no name: the event's kind)
    assert has(t, "报告期内重大集中度风险事件记录1项") and has(t, "2025年7月2日，超过集中度限额")
    assert has(t, "已于2025年7月3日向董事会风险管理委员会报告") and has(t, "事件发生后第1天")
    assert not has(t, "融达")
    # what the register shows, never asserted wholesale: counts of what is recorded, and what is missing
    assert not has(t, "均已登记并分析原因") and has(t, "有处置计划的3个") and has(t, "第3号事项尚无原因分析、处置计划")
    assert not has(t, "成员公司限额由集团限额分级传导") and has(t, "11项未注明上级集团限额")
