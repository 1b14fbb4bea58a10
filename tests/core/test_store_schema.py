"""Schema, migrations, pragmas, immutability triggers, transactions, the journal."""
from __future__ import annotations

import sqlite3

import pytest

from core.store import SCHEMA_VERSION, Store, StoreError, default_db_path
from core.store import base as store_base
from core.store.schema import APPLICATION_ID, MIGRATIONS
from tests.core.test_store_support import FakeClock, small_group


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "history.sqlite3"


def test_migrations_from_empty_file(db_path):
    with Store.open(db_path) as s:
        assert s.schema_version == SCHEMA_VERSION == len(MIGRATIONS) >= 1
        assert s.pragma("application_id") == APPLICATION_ID
        tables = set(s.db.table_names())
        assert {"journal", "assessment", "snapshot", "snapshot_exposure", "evaluation", "limit_set",
                "limit_set_version", "limit_proposal", "limit_decision", "breach_case", "case_event", "report",
                "officer_text", "board_approval"} <= tables
        assert s.integrity_check() == []
        assert [e.action for e in s.list_journal()] == ["schema.migrated"] * SCHEMA_VERSION
    # reopening does not migrate again
    with Store.open(db_path) as s:
        assert [e.action for e in s.list_journal()] == ["schema.migrated"] * SCHEMA_VERSION


def test_pragmas_for_crash_safety(db_path):
    with Store.open(db_path) as s:
        assert s.pragma("journal_mode") == "wal"
        assert s.pragma("foreign_keys") == 1
        assert s.pragma("synchronous") == 2          # FULL
        assert s.pragma("busy_timeout") >= 1000
        assert s.pragma("recursive_triggers") == 1


def test_foreign_keys_are_enforced():
    s = Store.create_in_memory()
    with pytest.raises(sqlite3.IntegrityError):
        s.conn.execute("INSERT INTO snapshot_member (snapshot_id, seq, member_id) VALUES (999, 0, 'X')")
    with pytest.raises(StoreError) as e:
        s.save_evaluation(999, {"source": "snapshot"}, {}, None, "u")
    assert e.value.code == "not_found"


def test_newer_schema_is_refused_untouched(db_path):
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError) as e:
        Store.open(db_path)
    assert e.value.code == "newer_schema"
    assert e.value.detail["found"] == SCHEMA_VERSION + 1 and e.value.detail["supported"] == SCHEMA_VERSION
    assert db_path.read_bytes() == before


def test_not_a_database_and_foreign_database(tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError) as e:
        Store.open(junk)
    assert e.value.code == "not_a_database"
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError) as e:
        Store.open(other)
    assert e.value.code == "not_riskdesk"


def test_a_failed_migration_leaves_the_previous_version(db_path, monkeypatch):
    Store.open(db_path).close()

    def broken(conn):
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    monkeypatch.setattr(store_base, "MIGRATIONS", MIGRATIONS + [broken])
    monkeypatch.setattr(store_base, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(RuntimeError):
        Store.open(db_path)
    monkeypatch.undo()
    with Store.open(db_path) as s:
        assert s.schema_version == SCHEMA_VERSION
        assert "half_done" not in s.db.table_names()


def test_every_table_is_append_only():
    s = Store.create_in_memory()
    tables = [t for t in s.db.table_names()]
    triggers = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    missing = [f"{t}_no_{op}" for t in tables for op in ("update", "delete") if f"{t}_no_{op}" not in triggers]
    assert not missing


def _filled_store() -> Store:
    s = Store.create_in_memory(clock=FakeClock())
    sid = s.save_snapshot(small_group(), "alice")
    eid = s.save_evaluation(sid, {"source": "snapshot"}, {"limits": [{"limit_id": "L01", "flagged": [
        {"key": "BANK1", "status": "breach", "ratio": 0.1, "exposure": 1.0}]}]}, None, "alice")
    s.open_cases_from_evaluation(eid, user="alice")
    s.save_assessment("self", "A公司", "2025", "life-2024", "1", "ab", {"x": 1}, {"final_level": "2"}, "alice")
    ls = s.create_limit_set("main", "alice")
    p = s.create_proposal(ls, small_group().limits, "alice", "initial", "2025-01-01")
    s.decide(p, "bob", "approve", "ok")
    s.record_report("semiannual", "2025H1", sid, {"lang": "zh"}, "00", "/tmp/r.pdf", "alice")
    s.save_text("semiannual_conclusion", "2025H1", "总体可控", "alice")
    t = s.save_text("disclosure_text", "2025", "披露文本", "alice")
    s.record_board_approval("disclosure", "2025", "董事会", "第三届董事会第八次会议", "2026-06-10", t, "bob")
    return s


@pytest.mark.parametrize("table", ["journal", "assessment", "snapshot", "snapshot_member", "snapshot_block", "snapshot_limit", "snapshot_business", "evaluation",
                                   "limit_set", "limit_proposal", "limit_proposal_row", "limit_decision",
                                   "limit_set_version", "limit_set_version_row", "breach_case", "case_event",
                                   "report", "officer_text", "board_approval"])
def test_update_and_delete_are_refused(table):
    s = _filled_store()
    n = s.conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    assert n > 0, f"fixture left {table} empty"
    col = next(c for c in s.db[table].columns_dict if c not in ("id",))
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        s.conn.execute(f'UPDATE "{table}" SET "{col}" = "{col}"')
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        s.conn.execute(f'DELETE FROM "{table}"')
    assert s.conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] == n


def test_insert_or_replace_cannot_overwrite():
    s = _filled_store()
    a = s.list_assessments()[0]
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        s.conn.execute("INSERT OR REPLACE INTO assessment (id, kind, company, period, input_json, result_json, "
                       "created_at) VALUES (?, 'self', 'X', '2020', '{}', '{}', 'now')", (a.id,))
    assert s.get_assessment(a.id).company == "A公司"


def test_rollback_leaves_nothing():
    s = Store.create_in_memory()
    counts = {t: s.conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in s.db.table_names()}
    with pytest.raises(RuntimeError):
        with s.transaction():
            s.save_snapshot(small_group(), "alice")
            s.save_assessment("self", "A", "2025", "r", "1", "x", {}, {}, "alice")
            assert s.conn.execute("SELECT sum(n_rows) FROM snapshot_block WHERE part = 1").fetchone()[0] == 5
            raise RuntimeError("crash in the middle")
    after = {t: s.conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in s.db.table_names()}
    assert after == counts
    assert s.list_snapshots() == [] and s.list_assessments() == []


def test_a_failing_row_rolls_back_the_whole_snapshot():
    s = Store.create_in_memory()
    g = small_group()
    g.exposures.loc[3, "amount_fen"] = None          # NOT NULL violated on the 4th row
    g.exposures["amount_fen"] = g.exposures["amount_fen"].astype(object)
    with pytest.raises(sqlite3.IntegrityError):
        s.save_snapshot(g, "alice")
    assert s.conn.execute("SELECT count(*) FROM snapshot").fetchone()[0] == 0
    assert s.conn.execute("SELECT count(*) FROM snapshot_member").fetchone()[0] == 0
    assert s.conn.execute("SELECT count(*) FROM journal WHERE action = 'snapshot.saved'").fetchone()[0] == 0


def test_nested_transaction_failure_caught_inside_keeps_outer():
    s = Store.create_in_memory()
    with s.transaction():
        s.save_text("k", "2025", "one", "a")
        try:
            with s.transaction():
                s.save_text("k", "2025", "two", "a")
                raise ValueError
        except ValueError:
            pass
    assert [t.text for t in s.text_history("k", "2025")] == ["one"]


def test_journal_written_with_each_change():
    s = Store.create_in_memory(clock=FakeClock())
    sid = s.save_snapshot(small_group(), "alice")
    j = s.list_journal(entity="snapshot", entity_id=sid)
    assert len(j) == 1 and j[0].action == "snapshot.saved" and j[0].created_by == "alice"
    assert j[0].payload["counts"]["exposures"] == 5
    assert j[0].created_at == s.get_snapshot_info(sid).created_at
    assert j[0].created_at.endswith("+00:00")


def test_default_db_path(tmp_path, monkeypatch):
    monkeypatch.setattr(store_base.platformdirs, "user_data_path",
                        lambda app, appauthor=None: tmp_path / "data" / app)
    p = default_db_path()
    assert p == tmp_path / "data" / "RiskDesk" / "riskdesk.sqlite3"
    assert p.parent.is_dir()
    with Store.open() as s:
        assert s.path == p
    assert p.exists()


def test_second_writer_waits_then_gets_busy_and_readers_are_not_blocked(db_path):
    a = Store.open(db_path)
    a.save_text("k", "2025", "first", "alice")
    b = Store.open(db_path, busy_timeout_ms=200)
    with a.transaction():
        a.save_text("k", "2025", "second (uncommitted)", "alice")
        assert b.latest_text("k", "2025").text == "first"        # WAL: reading goes on
        with pytest.raises(StoreError) as e:
            b.save_text("k", "2025", "from b", "bob")
        assert e.value.code == "busy"
    assert b.latest_text("k", "2025").text == "second (uncommitted)"
    b.save_text("k", "2025", "from b", "bob")
    assert [t.text for t in a.text_history("k", "2025")] == ["first", "second (uncommitted)", "from b"]
    a.close()
    b.close()


def test_backup_is_a_complete_store(db_path, tmp_path):
    with Store.open(db_path) as s:
        sid = s.save_snapshot(small_group(), "alice")
        copy = s.backup_to(tmp_path / "copy.sqlite3")
        with pytest.raises(StoreError):
            s.backup_to(copy)
    with Store.open(copy) as c:
        assert [i.id for i in c.list_snapshots()] == [sid] and c.integrity_check() == []


def test_explicit_path_in_a_missing_folder_is_an_error(tmp_path):
    with pytest.raises(StoreError) as e:
        Store.open(tmp_path / "no" / "such" / "folder" / "x.sqlite3")
    assert e.value.code == "cannot_open"


def test_three_levels_of_nesting():
    s = Store.create_in_memory()
    with s.transaction():
        s.save_text("k", "p", "1", "a")
        with s.transaction():
            s.save_text("k", "p", "2", "a")
            try:
                with s.transaction():
                    s.save_text("k", "p", "3", "a")
                    raise KeyError
            except KeyError:
                pass
            s.save_text("k", "p", "4", "a")
    assert [t.text for t in s.text_history("k", "p")] == ["1", "2", "4"]
