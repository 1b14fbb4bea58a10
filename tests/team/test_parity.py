"""The team database (PostgreSQL) keeps the same history as the SQLite file: the same records give the same
chain head, a history copied either way verifies, the schema is the SQLite one (derived from the same
migrations) with every rule the SQLite triggers keep, and tampering is found on PostgreSQL as on SQLite."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

import psycopg
import pytest

from core.store import SCHEMA_VERSION, Store, StoreError, pgschema
from core.store.schema import MIGRATIONS
from core.store.verify import verify_file
from tests.core.test_store_support import FakeClock


def _demo_on(url: str) -> Store:
    """The demo loaded as `--demo` loads it (Store.open_demo's fixed opening moment and account)."""
    from core.demo import load_demo
    from core.store.base import DEMO_ACCOUNT, DEMO_OPENED, utc_now

    store = Store.open(url, clock=lambda: DEMO_OPENED, os_user=DEMO_ACCOUNT)
    store._clock = utc_now
    load_demo(store)
    return store


@pytest.mark.slow     # seconds of PostgreSQL and processes: CI runs it (tests/conftest.py)
def test_the_demo_on_postgresql_has_the_chain_head_of_the_demo_file(demo_db_master, pg_url):
    with Store.open(demo_db_master, read_only=True) as lite:
        expected = lite.chain_head()
    team = _demo_on(pg_url)
    try:
        assert team.chain_head() == expected
        assert team.list_snapshots() and team.verify().ok
    finally:
        team.close()


def test_the_same_calls_give_the_same_records_and_head(make_store):
    """One scenario through the store API on the backend under test; the head is the one SQLite gives."""
    def scenario(store: Store) -> str:
        store.save_text("disclosure_text", "2025", "全文", "李明")
        ls = store.create_limit_set("集团限额", "李明")
        assert ls
        store.record_governance("submission", {"report_kind": "semiannual", "period": "2025H1",
                                               "sent_on": "2025-08-30", "reference": "金报〔2025〕1号"}, "李明")
        with pytest.raises(StoreError):         # refused: nothing written on either backend
            store.record_governance("submission", {"report_kind": "semiannual"}, "李明")
        store.save_text("disclosure_text", "2025", "全文 v2", "王芳")
        return store.chain_head()

    lite = Store.create_in_memory(clock=FakeClock(), os_user="u1")
    other = make_store(clock=FakeClock(), os_user="u1")
    try:
        assert scenario(other) == scenario(lite)
        assert [t.text for t in other.text_history("disclosure_text", "2025")] == ["全文", "全文 v2"]
    finally:
        lite.close()
        other.close()


def test_a_history_copied_into_the_team_database_and_back_verifies(demo_db, pg_url, tmp_path):
    from core.store.pgcopy import copy_history

    src = sqlite3.connect(str(demo_db))
    try:
        rows = copy_history(src, pg_url)
    finally:
        src.close()
    assert rows > 1000
    team = verify_file(pg_url)
    lite = verify_file(demo_db)
    assert team.ok and team.head == lite.head and team.entries == lite.entries
    with Store.open(pg_url) as store:           # opens as is: nothing to migrate, nothing written
        assert store.chain_head() == lite.head
        store.backup_to(tmp_path / "back.sqlite3")
    back = verify_file(tmp_path / "back.sqlite3")
    assert back.ok and back.head == lite.head
    with pytest.raises(StoreError) as e:        # only into an empty database
        with sqlite3.connect(str(demo_db)) as again:
            copy_history(again, pg_url)
    assert e.value.code == "invalid_value"


def test_every_sqlite_rule_has_its_postgresql_trigger():
    """Migration by migration, every SQLite trigger has a PostgreSQL one of the same name (or is one of the
    per-table immutability triggers every PostgreSQL table gets, or an INSERT OR REPLACE guard, which
    PostgreSQL does not need: it has no INSERT OR REPLACE)."""
    for number in range(1, SCHEMA_VERSION + 1):
        before = pgschema.sqlite_schema(number - 1).triggers if number > 1 else set()
        added = pgschema.sqlite_schema(number).triggers - before
        ported = set(pgschema.pg_triggers(number))
        generic = {t for t in added if t.endswith(("_no_update", "_no_delete", "_no_replace"))}
        assert added - generic <= ported, f"migration {number}: {sorted(added - generic - ported)} not ported"
    assert len(MIGRATIONS) == SCHEMA_VERSION


def test_values_read_back_are_the_types_sqlite_gives(pg_url):
    with Store.open(pg_url, clock=FakeClock()) as store:
        store.save_text("k", "2025", "x", "a")
        row = store.conn.execute("SELECT id, text, created_by FROM officer_text").fetchone()
        assert [type(v) for v in row] == [int, str, str]
        blob = store.conn.execute("SELECT data FROM evaluation_aggregate LIMIT 1").fetchone()
        assert blob is None          # (no aggregate yet) the BYTEA type is checked by the demo's head above


@pytest.mark.parametrize("attack", [
    "UPDATE officer_text SET text = 'forged'",
    "DELETE FROM officer_text",
    "TRUNCATE officer_text CASCADE",
    "INSERT INTO officer_text (id, kind, period, text, created_at) VALUES (1, 'k', '2025', 'y', 'now') "
    "ON CONFLICT (id) DO UPDATE SET text = 'forged'",
])
def test_records_cannot_be_changed_on_the_server(pg_url, attack):
    with Store.open(pg_url, clock=FakeClock()) as store:
        store.save_text("k", "2025", "x", "a")
        with pytest.raises(sqlite3.IntegrityError, match="immutable"):
            store.conn.execute(attack)
        assert store.latest_text("k", "2025").text == "x"


def test_an_edit_behind_a_disabled_trigger_is_found(pg_url):
    with Store.open(pg_url, clock=FakeClock()) as store:
        store.save_text("k", "2025", "x", "a")
        assert store.verify().ok
    with psycopg.connect(pg_url, autocommit=True) as raw:   # the database owner, by hand
        raw.execute("ALTER TABLE officer_text DISABLE TRIGGER officer_text_no_update")
        raw.execute("UPDATE officer_text SET text = 'forged'")
    result = verify_file(pg_url)
    codes = {(p.code, p.detail.get("name") or p.detail.get("entity")) for p in result.problems}
    assert ("object_changed", "officer_text_no_update") in codes
    assert ("record_changed", "officer_text") in codes


def test_a_database_of_another_application_is_refused(pg_url):
    with psycopg.connect(pg_url, autocommit=True) as raw:
        raw.execute("CREATE TABLE customers (id int)")
    with pytest.raises(StoreError) as e:
        Store.open(pg_url)
    assert e.value.code == "not_riskdesk"


def test_an_unreachable_server_is_a_store_error_without_the_password():
    with pytest.raises(StoreError) as e:
        Store.open("postgresql://someone:secret@/nowhere?host=/nonexistent-socket-dir", busy_timeout_ms=1000)
    assert e.value.code == "cannot_open" and "secret" not in str(e.value)


def test_the_opening_clock_is_recorded_like_sqlite(pg_url):
    at = datetime(2025, 3, 1, tzinfo=timezone.utc)
    with Store.open(pg_url, clock=lambda: at) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert {j.created_at for j in store.list_journal(entity="schema")} == {at.isoformat(timespec="microseconds")}


def test_a_second_writer_waits_then_is_told_busy_and_can_write_afterwards(pg_url):
    """Writers take turns as on SQLite: while one transaction is open, another writer waits its busy
    timeout, then gets `busy` (nothing written, its connection usable again)."""
    first, second = Store.open(pg_url, clock=FakeClock()), Store.open(pg_url, clock=FakeClock(), busy_timeout_ms=300)
    try:
        with first.transaction():
            first.save_text("k", "2025", "first", "a")
            with pytest.raises(StoreError) as e:
                second.save_text("k", "2025", "second", "b")
            assert e.value.code == "busy"
        second.save_text("k", "2025", "second", "b")
        assert [t.text for t in first.text_history("k", "2025")] == ["first", "second"]
        assert first.verify().ok
    finally:
        first.close()
        second.close()


def test_a_json_list_parameter_matches_integers_and_text_on_both(make_store):
    """`x IN (SELECT value FROM json_each(?))`, as the store asks for a set of codes or ids, on either backend:
    integers compare as integers, text as text, an expression as well as a column, an empty list matches
    nothing."""
    store = make_store(clock=FakeClock())
    try:
        store.save_text("k", "2025", "x", "a")
        sql = "SELECT seq FROM chain WHERE {x} IN (SELECT value FROM json_each(?)) ORDER BY seq"
        assert [r[0] for r in store.conn.execute(sql.format(x="seq"), ("[1, 3]",))] == [1, 3]
        assert [r[0] for r in store.conn.execute(sql.format(x="coalesce(seq, 0)"), ("[2]",))] == [2]
        assert [r[0] for r in store.conn.execute(sql.format(x="entity"), ('["officer_text"]',))] != []
        assert store.conn.execute(sql.format(x="seq"), ("[]",)).fetchall() == []
    finally:
        store.close()


@pytest.mark.slow     # seconds of PostgreSQL: CI runs it (tests/conftest.py)
def test_every_stored_snapshot_and_evaluation_reads_back_the_same(demo_db, pg_url):
    """The frames and aggregates a screen reads are equal, value for value and dtype for dtype, from the
    team database and from the file it was copied from."""
    import pandas as pd

    from core.store.pgcopy import copy_history

    src = sqlite3.connect(str(demo_db))
    try:
        copy_history(src, pg_url)
    finally:
        src.close()
    with Store.open(demo_db, read_only=True) as lite, Store.open(pg_url, read_only=True) as team:
        for info in lite.list_snapshots(include_withdrawn=True):
            a, b = lite.load_snapshot(info.id), team.load_snapshot(info.id)
            for name in ("members", "counterparties", "exposures", "limits", "business"):
                if getattr(a, name) is None:
                    assert getattr(b, name) is None
                else:
                    pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
            assert a.group == b.group and a.meta == b.meta
            for ev in lite.evaluations_for(info.id):
                x, y = lite.load_evaluation(ev.id), team.load_evaluation(ev.id)
                assert x.result == y.result and x.aggregates.keys() == y.aggregates.keys()
                for key in x.aggregates:
                    pd.testing.assert_frame_equal(x.aggregates[key], y.aggregates[key])


def test_sqlite_tuning_pragmas_do_nothing_on_the_server_and_others_are_errors(pg_url):
    with Store.open(pg_url) as store:
        before = store.conn.execute("PRAGMA cache_size").fetchone()[0]
        store.conn.execute(f"PRAGMA cache_size = -{64 * 1024}")
        store.conn.execute(f"PRAGMA cache_size = {int(before)}")
        with pytest.raises(sqlite3.DatabaseError):
            store.conn.execute("PRAGMA user_version = 1")       # the schema version is not a PRAGMA there
        assert store.schema_version == SCHEMA_VERSION
