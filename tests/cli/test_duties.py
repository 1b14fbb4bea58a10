"""`main.py duties`: the duty calendar of the demo history as a risk officer reads it on two days, a duty
turning done when its record is added, and bad input.

The demo's story (core.demo GOVERNANCE_RECORDS): data for 2024-12-31 and 2025-06-30; the 2024 audit in
December 2024; appetite approved January 2025; quarterly statistics sent for 2024Q4-2025Q2; the board
heard the 2024H2 and 2025H1 reports; the policy re-approved 26 June 2025; the G01 breach (2 July 2025)
reported to the board's risk committee the next day; a downgrade of 恒诚信托 on 17 June 2026 not yet
reported. Nothing was sent after 2025Q2 (the demo's data stop there).
"""
from __future__ import annotations

import json

from core.store import Store
from tests.cli.runner import run_cli, run_subprocess


def duties(*args) -> dict:
    r = run_cli("duties", *args, "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def statuses(doc) -> dict[tuple[str, str], str]:
    return {(d["duty"], d["period"]): d["status"] for d in doc["duties"]}


def test_mid_july_2025_the_half_year_report_and_q2_statistics_are_due(demo_db):
    doc = duties("--db", demo_db, "--today", "2025-07-15")
    assert statuses(doc) == {
        # everything of the first half year was done on time
        ("internal_audit", "2024"): "done",                        # audit of 20 Dec 2024
        ("quarterly_submission", "2024Q4"): "done",
        ("semiannual_report", "2024H2"): "done",                   # board risk committee, 26 Feb 2025
        ("quarterly_submission", "2025Q1"): "done",
        ("annual_chapter", "2024"): "done",
        ("rating_self_assessment", "2024"): "done",                # assessed 15 Mar 2025, due 30 Apr
        ("disclosure", "2024"): "done",                            # published 12 Jun 2025
        ("policy_review", "集中度风险管理制度 2024版"): "done",      # re-approved 26 Jun 2025, due 27 Jun
        ("major_event_notice", "event 1"): "done",                 # G01 breach told to the board the next day
        # what is coming: Q2 statistics by 30 July, the 2025H1 board report by 31 August
        ("quarterly_submission", "2025Q2"): "due",
        ("semiannual_report", "2025H1"): "due",
        # beyond 60 days
        ("quarterly_submission", "2025Q3"): "not_yet",
        ("internal_audit", "2025"): "not_yet",
        ("semiannual_report", "2025H2"): "not_yet",
        ("annual_chapter", "2025"): "not_yet",
        ("rating_self_assessment", "2025"): "not_yet",
        ("disclosure", "2025"): "not_yet",
        ("policy_review", "集中度风险管理制度 2025版"): "not_yet",
        ("policy_review", "集中度风险超限额处置流程 1.0"): "not_yet",
    }
    by = {(d["duty"], d["period"]): d for d in doc["duties"]}
    assert by[("quarterly_submission", "2025Q2")]["due"] == "2025-07-30"
    assert by[("semiannual_report", "2025H1")]["due"] == "2025-08-31"
    assert by[("rating_self_assessment", "2024")]["due"] == "2025-04-30"      # the rulebook's deadline
    assert by[("major_event_notice", "event 1")]["record"] == {"kind": "board_notification", "id": 1,
                                                               "date": "2025-07-03"}
    assert doc["summary"] == {"done": 9, "due": 2, "overdue": 0, "not_yet": 8}
    assert doc["unnotified_major_events"] == []


def test_june_2026_nothing_sent_since_2025q2_is_overdue_and_the_downgrade_is_due(demo_db):
    doc = duties("--db", demo_db, "--today", "2026-06-20")
    got = statuses(doc)
    overdue = sorted(k for k, v in got.items() if v == "overdue")
    assert overdue == [("annual_chapter", "2025"), ("quarterly_submission", "2025Q3"),
                       ("quarterly_submission", "2025Q4"), ("quarterly_submission", "2026Q1"),
                       ("semiannual_report", "2025H2")]
    due = sorted(k for k, v in got.items() if v == "due")
    assert due == [("major_event_notice", "event 2"),                   # downgrade of 17 Jun, by 24 Jun
                   ("policy_review", "集中度风险管理制度 2025版"),        # by 26 Jun 2026
                   ("quarterly_submission", "2026Q2")]                  # by 30 Jul 2026
    for key in [("quarterly_submission", "2025Q2"), ("semiannual_report", "2025H1"), ("internal_audit", "2025"),
                ("rating_self_assessment", "2025"), ("disclosure", "2025"), ("major_event_notice", "event 1")]:
        assert got[key] == "done", key
    assert {k for k, v in got.items() if v == "not_yet"} == {
        ("semiannual_report", "2026H1"), ("internal_audit", "2026"), ("annual_chapter", "2026"),
        ("rating_self_assessment", "2026"), ("disclosure", "2026"), ("policy_review", "集中度风险超限额处置流程 1.0")}
    assert [e["title"] for e in doc["unnotified_major_events"]] == ["恒诚信托主体评级下调至AA"]


def test_a_duty_turns_done_when_its_record_is_added(demo_db):
    before = duties("--db", demo_db, "--today", "2026-06-20")
    assert statuses(before)[("quarterly_submission", "2025Q3")] == "overdue"
    assert statuses(before)[("major_event_notice", "event 2")] == "due"
    with Store.open(demo_db) as s:
        sid = s.record_governance("submission", {"report_kind": "quarterly", "period": "2025Q3",
                                                 "sent_on": "2025-10-28", "reference": "并表报表 2025Q3"},
                                  "李明（风险管理部）")
        nid = s.record_governance("board_notification", {"event_ids": [2], "body": "董事会风险管理委员会",
                                                         "notified_on": "2026-06-19", "reference": "风委会专报〔2026〕2号"},
                                  "李明（风险管理部）")
    after = duties("--db", demo_db, "--today", "2026-06-20")
    by = {(d["duty"], d["period"]): d for d in after["duties"]}
    assert by[("quarterly_submission", "2025Q3")]["status"] == "done"
    assert by[("quarterly_submission", "2025Q3")]["record"] == {"kind": "submission", "id": sid, "date": "2025-10-28"}
    assert by[("major_event_notice", "event 2")]["status"] == "done"
    assert by[("major_event_notice", "event 2")]["record"]["id"] == nid
    assert after["unnotified_major_events"] == []
    # the record does not count on a day before it was sent
    assert statuses(duties("--db", demo_db, "--today", "2025-10-27"))[("quarterly_submission", "2025Q3")] == "due"


def test_as_a_user_types_it_with_demo():
    p = run_subprocess("duties", "--demo", "--today", "2025-07-15", "--json")
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert doc["today"] == "2025-07-15" and doc["summary"]["due"] == 2
    assert set(doc["duties"][0]) >= {"duty", "period", "due", "status", "record"}


def test_bad_input_is_one_line_and_status_2(tmp_path):
    r = run_cli("duties", "--db", tmp_path / "missing.sqlite3", "--json", "--lang", "en")
    assert (r.returncode, r.stderr.strip()) == (2, f"--db {tmp_path / 'missing.sqlite3'}: no such database file")
    r = run_cli("duties", "--demo", "--today", "15/07/2025", "--lang", "en")
    assert r.returncode == 2 and r.stderr.strip() == "--today '15/07/2025': not a date in YYYY-MM-DD form"
