"""Board approvals of a report text (guideline Art. 26) and migration 2, which added them: recorded bound to
one text version and its SHA-256, append-only, journaled; a v1 database opens migrated, backed up first."""
from __future__ import annotations

import sqlite3
from datetime import date, datetime, timezone

import pytest

from core.approvals import APPROVED, NO_TEXT, NOT_APPROVED, TEXT_CHANGED, approval_state, text_sha256
from core.store import SCHEMA_VERSION, Store, StoreError
from core.store import base as store_base
from core.store.schema import MIGRATIONS
from tests.core.test_store_support import FakeClock, small_group

TEXT = "本集团2025年度集中度风险信息披露内容经董事会审议。"


@pytest.fixture
def store():
    return Store.create_in_memory(clock=FakeClock())


def _approve(s, text_id, period="2025", day="2026-06-10", user="王芳"):
    return s.record_board_approval("disclosure", period, "董事会", "第三届董事会第八次会议", day, text_id, user)


def test_an_approval_binds_to_one_text_version_and_its_hash(store):
    t1 = store.save_text("disclosure_text", "2025", TEXT, "李明")
    aid = _approve(store, t1)
    a = store.latest_board_approval("disclosure", "2025")
    assert a.id == aid and a == store.get_board_approval(aid)
    assert (a.report_kind, a.period, a.approving_body, a.meeting_ref) == ("disclosure", "2025", "董事会",
                                                                        "第三届董事会第八次会议")
    assert a.approval_date == date(2026, 6, 10) and a.text_id == t1
    assert a.text_sha256 == text_sha256(TEXT) and len(a.text_sha256) == 64
    assert a.created_by == "王芳" and a.created_at == "2025-07-01T08:00:03.000000+00:00"   # the store clock
    j = store.list_journal(entity="board_approval", entity_id=aid)
    assert [e.action for e in j] == ["approval.recorded"] and j[0].created_at == a.created_at
    assert j[0].payload["text_id"] == t1 and j[0].payload["text_sha256"] == a.text_sha256
    assert approval_state(TEXT, a).status == APPROVED and approval_state(TEXT, a).final


def test_latest_approval_wins_and_earlier_ones_stay(store):
    t1 = store.save_text("disclosure_text", "2025", TEXT, "李明")
    first = _approve(store, t1, day="2026-06-10")
    t2 = store.save_text("disclosure_text", "2025", TEXT + "（修订）", "李明")
    second = _approve(store, t2, day=date(2026, 6, 20))
    t_other = store.save_text("disclosure_text", "2024", "2024年度文本", "李明")
    other = _approve(store, t_other, period="2024", day="2025-06-12")
    assert store.latest_board_approval("disclosure", "2025").id == second
    assert store.latest_board_approval("disclosure", "2025").approval_date == date(2026, 6, 20)
    assert store.latest_board_approval("disclosure", "2024").id == other
    assert store.latest_board_approval("disclosure", "2023") is None
    assert [a.id for a in store.board_approvals("disclosure", "2025")] == [first, second]
    assert [a.id for a in store.board_approvals()] == [first, second, other]


def test_state_of_a_text_and_its_approval(store):
    assert approval_state(None, None).status == NO_TEXT
    assert approval_state("  ", None).status == NO_TEXT
    assert approval_state(TEXT, None).status == NOT_APPROVED
    t1 = store.save_text("disclosure_text", "2025", TEXT, "李明")
    a = store.get_board_approval(_approve(store, t1))
    changed = approval_state(TEXT + "。", a)
    assert changed.status == TEXT_CHANGED and not changed.final and changed.approval == a
    assert approval_state(TEXT, a).text_sha256 == a.text_sha256
    # a later version with the very same wording is still the approved text
    store.save_text("disclosure_text", "2025", TEXT, "李明")
    assert approval_state(store.latest_text("disclosure_text", "2025").text, a).status == APPROVED


def test_bad_approvals_are_refused_and_leave_nothing(store):
    t1 = store.save_text("disclosure_text", "2025", TEXT, "李明")
    other_kind = store.save_text("semiannual_conclusions", "2025", "结论", "李明")
    cases = [
        (lambda: _approve(store, t1, user=None), "user_required"),
        (lambda: _approve(store, t1, user="  "), "user_required"),
        (lambda: _approve(store, t1, day="2026-13-01"), "invalid_value"),
        (lambda: _approve(store, t1, day="10/06/2026"), "invalid_value"),
        (lambda: _approve(store, 999), "not_found"),
        (lambda: _approve(store, t1, period="2024"), "invalid_value"),        # the text is of 2025
        (lambda: _approve(store, other_kind), "invalid_value"),               # not a disclosure text
        (lambda: store.record_board_approval("semiannual", "2025", "董事会", "会议", "2026-06-10", t1, "王芳"),
         "invalid_value"),
        (lambda: store.record_board_approval("disclosure", "2025", " ", "会议", "2026-06-10", t1, "王芳"),
         "invalid_value"),
        (lambda: store.record_board_approval("disclosure", "2025", "董事会", "", "2026-06-10", t1, "王芳"),
         "invalid_value"),
    ]
    for call, code in cases:
        with pytest.raises(StoreError) as e:
            call()
        assert e.value.code == code
    assert store.board_approvals() == [] and store.list_journal(entity="board_approval") == []


def test_approvals_are_immutable(store):
    t1 = store.save_text("disclosure_text", "2025", TEXT, "李明")
    aid = _approve(store, t1)
    for sql in ("UPDATE board_approval SET text_sha256 = ?", "UPDATE board_approval SET approval_date = ?"):
        with pytest.raises(sqlite3.IntegrityError, match="immutable"):
            store.conn.execute(sql, ("0" * 64,))
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        store.conn.execute("DELETE FROM board_approval")
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        store.conn.execute("INSERT OR REPLACE INTO board_approval (id, report_kind, period, approving_body, meeting_ref, "
                           "approval_date, text_id, text_sha256, created_at) VALUES (?, 'disclosure', '2025', 'x', "
                           "'y', '2026-01-01', ?, ?, 'now')", (aid, t1, "0" * 64))
    assert store.get_board_approval(aid).text_sha256 == text_sha256(TEXT)
    # and the approved text itself cannot be changed under the approval
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        store.conn.execute("UPDATE officer_text SET text = 'changed' WHERE id = ?", (t1,))


# ------------------------------------------------------------------------------------------ migration 2

def _fixed_clock():
    return datetime(2026, 3, 1, 9, 30, 0, tzinfo=timezone.utc)


def _v1_database(path, monkeypatch, with_records=True):
    """A database as the previous release left it: only migration 1 applied (and some records)."""
    monkeypatch.setattr(store_base, "MIGRATIONS", MIGRATIONS[:1])
    monkeypatch.setattr(store_base, "SCHEMA_VERSION", 1)
    with Store.open(path, clock=FakeClock()) as s:
        assert s.schema_version == 1 and "board_approval" not in s.db.table_names()
        if with_records:
            sid = s.save_snapshot(small_group(), "alice")
            s.save_text("disclosure_approval", "2025", "2026年6月10日第三届董事会第八次会议审议通过", "alice")
    monkeypatch.undo()
    return sid if with_records else None


def test_a_v1_database_is_backed_up_then_migrated(tmp_path, monkeypatch):
    path = tmp_path / "history.sqlite3"
    sid = _v1_database(path, monkeypatch)
    with Store.open(path, clock=_fixed_clock) as s:
        assert s.schema_version == SCHEMA_VERSION >= 2
        assert "board_approval" in s.db.table_names() and s.integrity_check() == []
        assert [i.id for i in s.list_snapshots()] == [sid]             # the records are still there
        migrated = [e for e in s.list_journal(entity="schema") if e.payload["to"] == 2]
        backup = tmp_path / "history.v1-backup-20260301T093000Z.sqlite3"
        assert len(migrated) == 1 and migrated[0].payload["backup"] == str(backup)
        t = s.save_text("disclosure_text", "2025", TEXT, "alice")
        _approve(s, t)                                                 # the new table works
    assert backup.is_file()
    raw = sqlite3.connect(backup)
    try:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "board_approval" not in tables
        assert raw.execute("SELECT id FROM snapshot").fetchall() == [(sid,)]
        assert raw.execute("SELECT count(*) FROM snapshot_exposure").fetchone()[0] == 5
        assert raw.execute("SELECT text FROM officer_text").fetchall() == [
            ("2026年6月10日第三届董事会第八次会议审议通过",)]
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        raw.close()
    # opened again: nothing more to migrate, no second backup
    with Store.open(path, clock=_fixed_clock) as s:
        assert s.schema_version == SCHEMA_VERSION
    assert sorted(p.name for p in tmp_path.iterdir() if "backup" in p.name) == [backup.name]


def test_a_backup_never_overwrites_a_file(tmp_path, monkeypatch):
    path = tmp_path / "history.sqlite3"
    _v1_database(path, monkeypatch)
    taken = tmp_path / "history.v1-backup-20260301T093000Z.sqlite3"
    taken.write_bytes(b"someone else's file")
    with Store.open(path, clock=_fixed_clock) as s:
        assert s.schema_version == SCHEMA_VERSION
    assert taken.read_bytes() == b"someone else's file"
    second = tmp_path / "history.v1-backup-20260301T093000Z-2.sqlite3"
    assert second.is_file()
    raw = sqlite3.connect(second)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
    raw.close()


def test_a_v1_database_without_records_needs_no_backup(tmp_path, monkeypatch):
    path = tmp_path / "history.sqlite3"
    _v1_database(path, monkeypatch, with_records=False)
    with Store.open(path, clock=_fixed_clock) as s:
        assert s.schema_version == SCHEMA_VERSION
    assert not [p for p in tmp_path.iterdir() if "backup" in p.name]


def test_no_migration_without_a_backup(tmp_path, monkeypatch):
    path = tmp_path / "history.sqlite3"
    _v1_database(path, monkeypatch)

    def broken(self, dest):
        raise OSError("disk full")

    monkeypatch.setattr(store_base.StoreBase, "backup_to", broken)
    with pytest.raises(StoreError) as e:
        Store.open(path, clock=_fixed_clock)
    assert e.value.code == "cannot_open" and "backup" in e.value.detail["reason"]
    monkeypatch.undo()
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 1       # untouched
    raw.close()
