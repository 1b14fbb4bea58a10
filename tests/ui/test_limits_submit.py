"""提交审批 as a user does it: click the button, answer the dialog. The reason typed is the reason stored
(the button's `checked` argument once became the reason "0" without any dialog), the effective date starts
at today, a reported period cannot receive new limits, and the maker hears they cannot approve before
typing a comment."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from tests.ui.test_limits_sandbox import db_path, screen, session  # noqa: F401 — fixtures


def _answer_dialog(qtbot, seen: list, reason: str | None, effective: QDate | None = None):
    """Once the modal dialog is up: note what it shows, type the reason (or cancel)."""
    def answer():
        dialog = QApplication.activeModalWidget()
        if dialog is None:                     # not up yet: try again shortly
            QTimer.singleShot(20, answer)
            return
        seen.append({"class": type(dialog).__name__, "date": dialog.date.date(),
                     "minimum": dialog.date.minimumDate(), "note": dialog.note.text(),
                     "ok_enabled_before": dialog.ok.isEnabled()})
        if reason is None:
            dialog.reject()
            return
        dialog.reason.setFocus()
        # QTest types ASCII only (a Chinese reason would come from the input method, a commit string)
        QTest.keyClicks(dialog.reason, reason)
        if effective is not None:
            dialog.date.setFocus()
            dialog.date.lineEdit().selectAll()
            QTest.keyClicks(dialog.date, effective.toString("yyyy-MM-dd"))
            seen[-1]["date_after_typing"] = dialog.date.date()
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)


def _edit(screen, qtbot):
    page = screen.sandbox_page
    qtbot.mouseClick(page.toggle, Qt.MouseButton.LeftButton)
    assert page.toggle.isChecked()
    assert page.set_threshold("L01", "limit", Decimal("0.11"))
    assert page.propose_button.isEnabled()
    return page


def test_clicking_submit_opens_the_dialog_and_stores_the_typed_reason_effective_today(screen, session, qtbot,
                                                                                    wait_ops):
    page = _edit(screen, qtbot)
    before = {p.id for p in session.store.list_proposals()}
    seen: list = []
    _answer_dialog(qtbot, seen, "raise L01 to 11% (board memo 7)")
    qtbot.mouseClick(page.propose_button, Qt.MouseButton.LeftButton)
    wait_ops()
    assert seen and seen[0]["class"] == "ProposeDialog"
    assert seen[0]["ok_enabled_before"] is False          # no reason, no proposal
    assert seen[0]["date"] == QDate.currentDate()        # not the snapshot's 2025-06-30
    new = [p for p in session.store.list_proposals() if p.id not in before]
    assert len(new) == 1
    p = session.store.get_proposal(new[0].id, with_rows=False)
    assert p.reason == "raise L01 to 11% (board memo 7)" and p.proposer == "甲"
    assert p.effective_date == date.today()
    assert screen.undo_stack().isClean()


def test_cancelling_the_dialog_stores_nothing(screen, session, qtbot, wait_ops):
    page = _edit(screen, qtbot)
    before = len(session.store.list_proposals())
    seen: list = []
    _answer_dialog(qtbot, seen, None)
    qtbot.mouseClick(page.propose_button, Qt.MouseButton.LeftButton)
    wait_ops()
    assert seen and len(session.store.list_proposals()) == before
    assert not screen.undo_stack().isClean()


def test_a_reported_period_cannot_receive_new_limits(screen, session, qtbot, wait_ops):
    # a semiannual report for 2025H1 is on record before the screen loads this snapshot again
    session.store.record_report("semiannual", "2025H1", None, {}, None, None, "甲")
    screen.load_snapshot(screen.state.snapshot_id)
    qtbot.waitUntil(lambda: screen.state is not None and screen.state.reported is not None, timeout=20_000)
    wait_ops()
    page = _edit(screen, qtbot)
    seen: list = []
    _answer_dialog(qtbot, seen, "backdated", effective=QDate(2025, 6, 30))
    qtbot.mouseClick(page.propose_button, Qt.MouseButton.LeftButton)
    wait_ops()
    assert seen[0]["minimum"] == QDate(2025, 7, 1)
    assert "2025H1" in seen[0]["note"] and "2025-07-01" in seen[0]["note"]
    assert seen[0]["date_after_typing"] >= QDate(2025, 7, 1)   # the date box refuses a reported day
    assert all(p.effective_date > date(2025, 6, 30) for p in session.store.list_proposals()
               if p.reason == "backdated")


def test_approval_is_refused_when_the_period_was_reported_after_the_proposal(screen, session, qtbot, wait_ops):
    page = screen.sandbox_page
    page.set_sandbox_mode(True)
    assert page.set_threshold("L01", "limit", Decimal("0.11"))
    done: list = []
    page.propose(reason="上调", effective="2025-06-30", on_done=done.append)
    wait_ops()
    assert done
    session.store.record_report("semiannual", "2025H1", None, {}, None, None, "甲")
    session.set_user("乙")
    props = screen.proposals_page
    props.select_proposal(done[0])
    wait_ops()
    seen: list = []

    def comment():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, comment)
            return
        seen.append(type(dialog).__name__)
        QTest.keyClicks(dialog.text, "agreed")
        dialog.accept()

    QTimer.singleShot(0, comment)
    qtbot.mouseClick(props.approve_button, Qt.MouseButton.LeftButton)
    wait_ops()
    assert seen == ["CommentDialog"]
    assert props.refusal.isVisibleTo(props)
    assert "2025H1" in props.refusal.text() and "2025-06-30" in props.refusal.text()
    assert session.store.get_proposal(done[0], with_rows=False).status == "pending"
    assert session.store.list_versions() == []


def test_the_maker_is_told_before_typing_a_comment(screen, session, qtbot, wait_ops):
    page = screen.sandbox_page
    page.set_sandbox_mode(True)
    assert page.set_threshold("L01", "limit", Decimal("0.11"))
    done: list = []
    page.propose(reason="上调", effective="2025-07-01", on_done=done.append)
    wait_ops()
    props = screen.proposals_page
    props.select_proposal(done[0])
    wait_ops()
    opened: list = []

    def close_any():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            opened.append(type(dialog).__name__)
            dialog.reject()

    QTimer.singleShot(50, close_any)
    qtbot.mouseClick(props.approve_button, Qt.MouseButton.LeftButton)
    qtbot.wait(100)
    assert opened == []                                     # no comment box for a refusal
    assert props.refusal.isVisibleTo(props) and "提交人不能审批自己的提案" in props.refusal.text()
