"""Maker-checker on the limits screen: a proposal from the sandbox, refused to its proposer, approved by
another person into a new version, versions compared."""
from __future__ import annotations

from decimal import Decimal

from tests.ui.test_limits_sandbox import db_path, screen, session  # noqa: F401 — fixtures


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


def test_the_proposer_withdraws_a_pending_proposal_from_the_page(screen, session, qtbot, wait_ops, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialog

    from ui.limits import proposals as proposals_module

    pid = _propose(screen, qtbot, wait_ops, Decimal("0.11"), "上调")
    props = screen.proposals_page
    props.refresh()
    props.select_proposal(pid)
    wait_ops()
    assert props.withdraw_button.isEnabled() and props.withdraw_button.text() == "撤回…"
    session.set_user("乙")                            # not 乙's proposal: 乙 may decide it, not withdraw it
    assert not props.withdraw_button.isEnabled() and props.approve_button.isEnabled()
    # even when asked directly, the store refuses someone else's withdrawal, in plain words
    props.withdraw_selected(reason="不是我的")
    wait_ops()
    assert "只有提交人才能撤回提案" in props.refusal.text()
    assert session.store.get_proposal(pid).status == "pending"
    session.set_user("甲")
    assert props.withdraw_button.isEnabled()

    # the button asks for a reason; an empty one is refused before anything is recorded
    answers = iter(["  ", "数据有误，重新测算后再提交"])

    def fake_exec(dialog):
        dialog.text.setPlainText(next(answers))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(proposals_module.CommentDialog, "exec", fake_exec)
    qtbot.mouseClick(props.withdraw_button, Qt.MouseButton.LeftButton)
    wait_ops()
    assert "撤回须填写理由" in props.refusal.text()
    assert session.store.get_proposal(pid).status == "pending"
    qtbot.mouseClick(props.withdraw_button, Qt.MouseButton.LeftButton)
    wait_ops()
    assert not props.refusal.isVisibleTo(props)
    p = session.store.get_proposal(pid)
    assert p.status == "withdrawn" and p.withdrawal.created_by == "甲"
    assert p.withdrawal.reason == "数据有误，重新测算后再提交"
    # on the list: 已撤回, with who, why and when; nothing can be done with it any more
    row = [r for r, x in enumerate(props.model.rows) if x.id == pid][0]
    assert props.model.index(row, 1).data() == "已撤回"
    assert props.model.index(row, 6).data() == "甲"
    assert props.model.index(row, 7).data() == "数据有误，重新测算后再提交"
    assert props.model.index(row, 8).data()
    assert "甲" in props.model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert props.model.headerData(6, Qt.Orientation.Horizontal) == "审批人/撤回人"
    props.select_proposal(pid)
    assert not (props.withdraw_button.isEnabled() or props.approve_button.isEnabled()
                or props.reject_button.isEnabled())
    assert "已撤回" in props.info.text()
    # 乙 can no longer approve it, even when asked directly
    session.set_user("乙")
    props.decide_selected("approve", comment="同意")
    wait_ops()
    assert "已由提交人撤回" in props.refusal.text()
    assert session.store.get_proposal(pid).status == "withdrawn" and session.store.list_versions() == []
