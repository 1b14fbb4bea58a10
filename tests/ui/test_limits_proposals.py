"""Maker-checker on the limits screen: a proposal from the sandbox, refused to its proposer, approved by
another person into a new version, versions compared."""
from __future__ import annotations

from decimal import Decimal

import pytest

from tests.ui.test_limits_sandbox import EXAMPLE, db_path, screen, session  # noqa: F401 — fixtures

pytestmark = pytest.mark.skipif(not EXAMPLE.is_dir(), reason="small-group example not available")


def _propose(screen, qtbot, wait_ops, limit, reason):
    page = screen.sandbox_page
    page.set_sandbox_mode(True)
    assert page.set_threshold("L01", "limit", limit)
    done = []
    op = page.propose(reason=reason, effective="2025-06-30", on_done=done.append)
    assert op is not None
    wait_ops()
    assert done, page.last_error
    assert screen.undo_stack().isClean()            # submitted: nothing unsaved
    return done[0]


def test_proposal_cannot_be_approved_by_its_proposer_but_by_another(screen, session, qtbot, wait_ops):
    pid = _propose(screen, qtbot, wait_ops, Decimal("0.11"), "单一交易对手集团限额上调至11%")
    props = screen.proposals_page
    # the import's own limits.csv became a proposal too (by the importer); ours is the newest, on top
    assert [(p.id, p.status, p.proposer, p.reason) for p in props.model.rows][0] == (
        pid, "pending", "甲", "单一交易对手集团限额上调至11%")
    assert props.model.index(0, 2).data() == "甲" and props.model.index(0, 1).data() == "待审批"
    props.select_proposal(pid)
    wait_ops()
    assert props.detail_model.diff.by_id("L01").change == "changed"
    assert "1 条不同" in props.detail_title.text()

    props.decide_selected("approve", comment="自己批")
    wait_ops()
    assert props.refusal.isVisibleTo(props)
    assert "提交人不能审批自己的提案" in props.refusal.text()
    assert session.store.get_proposal(pid).status == "pending"
    assert session.store.list_versions() == []

    session.set_user("乙")
    props.decide_selected("approve", comment="同意")
    wait_ops()
    assert not props.refusal.isVisibleTo(props)
    p = session.store.get_proposal(pid)
    assert p.status == "approved" and p.decision.decider == "乙" and p.decision.comment == "同意"
    versions = session.store.list_versions()
    assert [(v.version, v.approved_by) for v in versions] == [(1, "乙")]
    assert "已批准" in props.model.index(0, 1).data()
    # the screen now works on the approved version
    qtbot.waitUntil(lambda: screen.state is not None and screen.state.approved, timeout=20_000)
    wait_ops()
    banner = screen.sandbox_page.banner.text()
    assert "已审批限额集" in banner and "第 1 版" in banner and "乙" in banner
    sb = screen.state.sandbox
    assert sb.base_limits.set_index("limit_id").loc["L01", "limit"] == Decimal("0.11")
    assert sb.base_evaluation.results.set_index("limit_id").loc["L01", "status"] == "warning"


def test_rejected_stays_on_record_and_two_versions_compare(screen, session, qtbot, wait_ops):
    pid = _propose(screen, qtbot, wait_ops, Decimal("0.11"), "上调")
    session.set_user("乙")
    screen.proposals_page.select_proposal(pid)
    screen.proposals_page.decide_selected("approve", comment="同意")
    wait_ops()
    qtbot.waitUntil(lambda: screen.state is not None and screen.state.approved, timeout=20_000)
    wait_ops()
    # 乙 proposes 12%, 甲 rejects; then 乙 proposes 10%, 甲 approves
    pid2 = _propose(screen, qtbot, wait_ops, Decimal("0.12"), "再上调")
    session.set_user("甲")
    props = screen.proposals_page
    props.select_proposal(pid2)
    props.decide_selected("reject", comment="不同意")
    wait_ops()
    assert session.store.get_proposal(pid2).status == "rejected"
    session.set_user("乙")
    pid3 = _propose(screen, qtbot, wait_ops, Decimal("0.10"), "回调")
    session.set_user("甲")
    props.select_proposal(pid3)
    props.decide_selected("approve", comment="同意")
    wait_ops()
    statuses = {p.id: p.status for p in props.model.rows}
    assert {k: v for k, v in statuses.items() if k in (pid, pid2, pid3)} == {
        pid: "approved", pid2: "rejected", pid3: "approved"}
    assert props.versions_model.rowCount() == 2
    props.first.setCurrentIndex(props.first.findData(session.store.list_versions()[1].id))
    props.second.setCurrentIndex(props.second.findData(session.store.list_versions()[0].id))
    props.compare()
    wait_ops()
    ch = props.compare_model.diff.by_id("L01")
    assert ch.change == "changed" and (ch.old.limit, ch.new.limit) == (Decimal("0.11"), Decimal("0.10"))
    # BANK1's group is at 10% of total assets: within both limits, above the 5% warning value
    assert (ch.old_status, ch.new_status) == ("warning", "warning") and ch.moves == ()
    assert props.compare_model.rowCount() == 1
    assert props.compare_model.index(0, 4).data() == "11.00% → 10.00%"
