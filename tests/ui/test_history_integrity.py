"""The app and a history that was altered outside it (issue 11): the check at opening finds each forgery,
the database opens read-only with an explanation the officer must acknowledge; --read-only; the full check
and the backup from the File menu; a change of display name is journaled; OK needs a name."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from core.store import StoreError
from core.store.verify import verify_file
from tests.core.test_store_tamper import _forger, _history, _without_triggers
from ui.main_window import MainWindow
from ui.session import Session


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("integrity") / "template.sqlite3"
    return path, _history(path)


@pytest.fixture
def history(template, tmp_path):
    path, ids = template
    copy = tmp_path / "history.sqlite3"
    shutil.copy(path, copy)
    return copy, ids


def _rewrite_journal(conn, ids):
    _without_triggers(conn, "journal", "INSERT OR REPLACE INTO journal SELECT id, action, entity, entity_id, payload, "
                                       "created_at, 'mallory' FROM journal WHERE id = 7")


def _rewrite_case_event(conn, ids):
    eid = conn.execute("SELECT id FROM case_event WHERE case_id = ?", (ids["case"],)).fetchone()[0]
    _without_triggers(conn, "case_event", "INSERT OR REPLACE INTO case_event SELECT id, case_id, action, evaluation_id, "
                      "'closed', status, ratio, exposure, cause, analysis, mitigation_plan, owner, due_date, "
                      "major_event, comment, changes_json, created_at, created_by FROM case_event WHERE id = ?", (eid,))


def _rewrite_exposure(conn, ids):
    _without_triggers(conn, "snapshot_block", "INSERT OR REPLACE INTO snapshot_block SELECT "
                      "snapshot_id, part, block, n_rows, codec, CAST(data || x'00' AS BLOB) "
                      "FROM snapshot_block WHERE snapshot_id = ? AND part = 1 AND block = 0", (ids["snapshot"],))


def _drop_trigger(conn, ids):
    conn.execute("DROP TRIGGER limit_decision_not_proposer")


def _edit_trigger(conn, ids):
    conn.execute("DROP TRIGGER limit_decision_not_proposer")
    conn.execute("CREATE TRIGGER limit_decision_not_proposer BEFORE INSERT ON limit_decision WHEN 0 "
                 "BEGIN SELECT RAISE(ABORT, 'same_person'); END")


def _delete_last_journal_row(conn, ids):
    _without_triggers(conn, "journal", "DELETE FROM journal WHERE id = (SELECT max(id) FROM journal)")


def _self_approval_without_the_trigger(conn, ids):
    # the schema refuses it (tests/core/test_store_tamper.py); a forger who drops the trigger first still
    # leaves a decision that no chain entry covers
    conn.execute("DROP TRIGGER limit_decision_not_proposer")
    conn.execute("INSERT INTO limit_decision (proposal_id, decider, decision, created_at, created_by) "
                 "VALUES (?, 'maker', 'approve', '2025-07-01', 'maker')", (ids["pending"],))
    conn.execute(shutil_trigger_sql())


def shutil_trigger_sql() -> str:
    from core.store import SCHEMA_VERSION
    from core.store.verify import expected_objects

    return expected_objects(SCHEMA_VERSION)[("trigger", "limit_decision_not_proposer")][1]


FORGERIES = [_rewrite_journal, _rewrite_case_event, _rewrite_exposure, _drop_trigger, _edit_trigger,
             _delete_last_journal_row, _self_approval_without_the_trigger]


def _open_window(qtbot, wait_ops, path, **session_kwargs) -> MainWindow:
    session = Session(db_path=path, user="王芳", **session_kwargs)
    # the shell with one stand-in screen: the real screens have tests of their own
    window = MainWindow(session, screens=[("fake", "Fake", "tests.ui.fake_screen:FakeScreen")])
    qtbot.addWidget(window)
    window.show()
    window.start()
    wait_ops(30_000)
    qtbot.waitUntil(lambda: session.store_state == "open", timeout=30_000)
    return window


@pytest.mark.parametrize("forge", FORGERIES, ids=lambda f: f.__name__.strip("_"))
def test_each_forgery_opens_read_only_with_a_warning_to_acknowledge(history, qtbot, wait_ops, forge):
    path, ids = history
    conn = _forger(path)
    forge(conn, ids)
    conn.close()
    assert not verify_file(path).ok
    window = _open_window(qtbot, wait_ops, path)
    session = window.session
    assert session.read_only and session.integrity is not None and not session.integrity.ok
    box = window.findChild(QMessageBox, "integrityWarning")
    assert box is not None and box.isVisible() and box.windowModality() == Qt.WindowModality.ApplicationModal
    assert "没有通过" in box.windowTitle() or "did not pass" in box.windowTitle()
    assert box.informativeText()                      # what was found, in words
    assert window.read_only_banner.isVisible() and "只读" in window.read_only_banner.text()
    qtbot.mouseClick(box.findChild(type(box.buttons()[0]), "acknowledgeButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: session.integrity_acknowledged)
    with pytest.raises(StoreError) as e:               # viewing yes, recording no
        session.store.save_text("semiannual_conclusions", "2025H1", "x", "王芳")
    assert e.value.code == "read_only"
    assert session.store.list_snapshots()


def test_a_clean_history_opens_writable_without_a_warning(history, qtbot, wait_ops):
    path, _ = history
    window = _open_window(qtbot, wait_ops, path)
    assert not window.session.read_only and window.session.integrity is None
    assert window.findChild(QMessageBox, "integrityWarning") is None and not window.read_only_banner.isVisible()


def test_read_only_flag_views_any_history(history, qtbot, wait_ops):
    path, _ = history
    before = path.read_bytes()
    window = _open_window(qtbot, wait_ops, path, read_only=True)
    assert window.session.read_only and window.read_only_banner.isVisible()
    assert window.findChild(QMessageBox, "integrityWarning") is None
    assert window.session.store.list_cases()
    window.session.close_store()
    assert path.read_bytes() == before


def test_full_check_and_backup_from_the_file_menu(history, qtbot, wait_ops, tmp_path):
    path, _ = history
    window = _open_window(qtbot, wait_ops, path)
    assert window.verify_action.isEnabled() and window.backup_action.isEnabled()
    assert window.verify_action in window.file_menu.actions() and window.backup_action in window.file_menu.actions()
    window.verify_action.trigger()
    wait_ops(30_000)
    box = window.findChild(QMessageBox, "verifyResult")
    assert box is not None and "校验通过" in box.text()
    box.close()
    out = tmp_path / "copy.sqlite3"
    window.backup_to(out)
    wait_ops(30_000)
    assert out.is_file() and verify_file(out).ok
    qtbot.waitUntil(lambda: any(b.objectName() == "verifyResult" and b.isVisible()
                                for b in window.findChildren(QMessageBox)))


def test_a_change_of_name_is_journaled_and_a_name_is_required(history, qtbot, wait_ops):
    from ui.settings.dialog import SettingsDialog

    path, _ = history
    window = _open_window(qtbot, wait_ops, path)
    window.apply_settings(window.session and "zh_CN", "李雷")
    renamed = window.session.store.list_journal(entity="user")
    assert [(j.payload["from"], j.payload["to"], j.created_by) for j in renamed] == [("王芳", "李雷", "李雷")]
    dialog = SettingsDialog(window, user="李雷")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    dialog.user_edit.clear()
    qtbot.keyClicks(dialog.user_edit, "   ")
    assert not ok.isEnabled()                          # saving requires a name
    qtbot.keyClicks(dialog.user_edit, "Han Mei")
    assert ok.isEnabled()
