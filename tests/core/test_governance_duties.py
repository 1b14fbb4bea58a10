"""The duty calendar (core.governance.duties) on hand-made records: due dates of governance.md, the status
rules (done / due within 60 days / overdue / not yet), records dated after 'today' not counting, and the
role rule for limit decisions."""
from __future__ import annotations

from datetime import date

from core.governance import duties as d
from core.governance.records import GovernanceRecord, validate_record
from core.governance.roles import NOT_SENIOR_MANAGEMENT, RoleGrant, approval_refusal, current_roles


def rec(kind, rid, **values):
    clean, problems = validate_record(kind, values)
    assert problems == []
    return GovernanceRecord(kind, rid, clean)


def status(items, duty, period):
    [item] = [i for i in items if i.duty == duty and i.period == period]
    return item


def test_due_dates_follow_the_statement():
    items = d.duty_calendar([], date(2025, 7, 15), start=date(2025, 1, 1))
    assert status(items, "semiannual_report", "2025H1").due == date(2025, 8, 31)      # 2 months after
    assert status(items, "quarterly_submission", "2025Q1").due == date(2025, 4, 30)   # 30 days after
    assert status(items, "annual_chapter", "2025").due == date(2026, 4, 30)
    assert status(items, "disclosure", "2025").due == date(2026, 6, 15)
    assert status(items, "internal_audit", "2025").due == date(2025, 12, 31)
    assert status(items, "rating_self_assessment", "2025").due == date(2026, 4, 30)
    # the unified rulebook's deadline (end of March) when the settings carry it
    unified = d.duty_calendar([], date(2025, 7, 15), start=date(2025, 1, 1),
                              settings=d.DutySettings(rating_deadline="03-31"))
    assert status(unified, "rating_self_assessment", "2025").due == date(2026, 3, 31)


def test_statuses_and_the_sixty_day_window():
    today = date(2025, 7, 15)
    items = d.duty_calendar([], today, start=date(2025, 1, 1))
    assert status(items, "quarterly_submission", "2025Q1").status == d.OVERDUE     # due 30 Apr, passed
    assert status(items, "quarterly_submission", "2025Q2").status == d.DUE         # 30 Jul: 15 days
    assert status(items, "semiannual_report", "2025H1").status == d.DUE            # 31 Aug: 47 days
    assert status(items, "quarterly_submission", "2025Q3").status == d.NOT_YET     # 30 Oct: 107 days
    # exactly 60 days ahead is due, 61 is not yet
    assert d.status_of(date(2025, 9, 13), today, False, 60) == d.DUE
    assert d.status_of(date(2025, 9, 14), today, False, 60) == d.NOT_YET
    assert d.status_of(today, today, False, 60) == d.DUE                            # due today: not overdue yet


def test_a_record_makes_its_duty_done_from_its_own_day_on():
    sent = rec("submission", 7, report_kind="quarterly", period="2025q2", sent_on="2025-07-25", reference="监管报送 12")
    before = d.duty_calendar([sent], date(2025, 7, 20), start=date(2025, 4, 1))
    assert status(before, "quarterly_submission", "2025Q2").status == d.DUE        # sent after 'today'
    after = d.duty_calendar([sent], date(2025, 7, 26), start=date(2025, 4, 1))
    item = status(after, "quarterly_submission", "2025Q2")
    assert (item.status, item.record, item.late) == (d.DONE, {"kind": "submission", "id": 7, "date": "2025-07-25"},
                                                     False)
    late = d.duty_calendar([rec("submission", 8, report_kind="quarterly", period="2025Q1", sent_on="2025-05-06",
                                reference="r")], date(2025, 7, 26), start=date(2025, 1, 1))
    assert status(late, "quarterly_submission", "2025Q1").late is True


def test_major_event_within_five_working_days_and_policy_review():
    event = rec("major_event", 3, occurred_on="2025-07-02", event_kind="downgrade", title="A downgrade")
    open_ = d.duty_calendar([event], date(2025, 7, 8), start=date(2025, 7, 1))
    item = status(open_, "major_event_notice", "event 3")
    assert (item.due, item.status) == (date(2025, 7, 9), d.DUE)                      # Wed + 5 working days
    assert [e.id for e in d.unnotified_events([event], date(2025, 7, 8))] == [3]
    notice = rec("board_notification", 1, event_ids="3", body="董事会风险管理委员会", notified_on="2025-07-03",
                 reference="专报 3")
    done = d.duty_calendar([event, notice], date(2025, 7, 8), start=date(2025, 7, 1))
    assert status(done, "major_event_notice", "event 3").status == d.DONE
    assert d.unnotified_events([event, notice], date(2025, 7, 8)) == []

    sha = "a" * 64
    v1 = rec("policy", 1, title="制度", doc_kind="policy", version="1", file_sha256=sha, approval_body="board",
             approval_date="2024-06-27")
    items = d.duty_calendar([v1], date(2025, 7, 15), start=date(2025, 1, 1))
    assert (status(items, "policy_review", "制度 1").due, status(items, "policy_review", "制度 1").status) == (
        date(2025, 6, 27), d.OVERDUE)
    v2 = rec("policy", 2, title="制度", doc_kind="policy", version="2", file_sha256=sha, approval_body="board",
             approval_date="2025-06-26")
    items = d.duty_calendar([v1, v2], date(2025, 7, 15), start=date(2025, 1, 1))
    assert status(items, "policy_review", "制度 1").status == d.DONE
    assert status(items, "policy_review", "制度 2").status == d.NOT_YET
    assert d.duty_calendar([], date(2025, 7, 15))[-1].detail == {"missing": "policy"}


def test_validation_names_the_field():
    _, problems = validate_record("policy", {"title": "x", "doc_kind": "manual", "version": "1",
                                             "file_sha256": "abc", "approval_body": "board",
                                             "approval_date": "2025-13-01"})
    assert {(f, c) for f, c, _ in problems} == {("doc_kind", "not_a_choice"), ("file_sha256", "bad_sha256"),
                                                ("approval_date", "bad_date")}


def test_roles_fold_and_decide_limit_approval():
    assert approval_refusal([], "anyone") is None                  # no role declared: as before
    grants = [RoleGrant("王芳", "senior_management"), RoleGrant("李明", "lead_department"),
              RoleGrant("赵六", "senior_management"), RoleGrant("赵六", "senior_management", granted=False)]
    assert approval_refusal(grants, " 王芳 ") is None
    assert approval_refusal(grants, "李明") == NOT_SENIOR_MANAGEMENT
    assert approval_refusal(grants, "赵六") == NOT_SENIOR_MANAGEMENT   # revoked
    assert approval_refusal(grants, "nobody") == NOT_SENIOR_MANAGEMENT
    assert current_roles(grants)["赵六"] == set()


def test_changed_settings_are_checked_and_move_the_due_dates():
    clean, problems = d.clean_overrides({"quarterly_days_after": " 45 ", "annual_chapter_due": "5-31",
                                         "audit_due": "02-30", "event_working_days": "five", "disclosure_due": "",
                                         "nonsense": "1"})
    assert clean == {"quarterly_days_after": 45, "annual_chapter_due": "05-31"}
    assert sorted(problems) == [("audit_due", "bad_month_day"), ("event_working_days", "bad_count"),
                                ("nonsense", "unknown_setting")]
    from dataclasses import replace
    items = d.duty_calendar([], date(2025, 7, 15), start=date(2025, 1, 1),
                            settings=replace(d.DutySettings(), **clean))
    assert status(items, "quarterly_submission", "2025Q2").due == date(2025, 8, 14)
    assert status(items, "annual_chapter", "2025").due == date(2026, 5, 31)
