"""Issue 15, the import's critical path: the snapshot's chain content hashed ahead of the commit
(StoreBase.hash_ahead, while the worker finishes the kept sums) gives the chain hashing it at the commit gives;
what a rolled-back savepoint wrote is hashed again at the commit, and a record hashed ahead is still chained
once, in its place."""
from __future__ import annotations

import pytest

from core.concentration.snapshots import preview_import
from core.services import imports
from core.store import Store, chain
from tests.conftest import EXAMPLES
from tests.core.test_store_support import FakeClock


def _chain(store):
    rows = store.conn.execute("SELECT entity, row_id, content_sha256, hash FROM chain ORDER BY seq").fetchall()
    return [tuple(r) for r in rows]


def test_the_import_with_the_snapshot_hashed_ahead_stores_the_chain_hashed_at_the_commit(monkeypatch):
    ahead, plain = Store.create_in_memory(clock=FakeClock()), Store.create_in_memory(clock=FakeClock())
    called = []

    def spy(table, row_id):
        called.append((table, row_id))
        type(ahead).hash_ahead(ahead, table, row_id)
    ahead.hash_ahead = spy
    plain.hash_ahead = lambda table, row_id: None         # the commit hashes everything, as before
    got = imports.store_snapshot(ahead, preview_import(EXAMPLES / "small-group"), "alice", source="x")
    want = imports.store_snapshot(plain, preview_import(EXAMPLES / "small-group"), "alice", source="x")
    assert called == [("snapshot", got.snapshot_id)]
    assert got.snapshot_id == want.snapshot_id and len(_chain(ahead)) == len(_chain(plain)) > 3
    assert _chain(ahead) == _chain(plain)
    assert chain.verify_chain(ahead.conn) == []


def test_the_content_hashed_ahead_is_the_one_the_commit_uses(monkeypatch):
    store = Store.create_in_memory(clock=FakeClock())
    preview = preview_import(EXAMPLES / "small-group")
    seen = []
    real = chain.content_sha256

    def counted(conn, table, row_id):
        seen.append(table)
        return real(conn, table, row_id)
    monkeypatch.setattr(chain, "content_sha256", counted)
    with store.transaction():
        sid = store.save_snapshot(preview.data, "alice")
        store.hash_ahead("snapshot", sid)
        assert seen == ["snapshot"]
        want = real(store.conn, "snapshot", sid)
    assert seen.count("snapshot") == 1                    # not hashed again at the commit
    row = store.conn.execute("SELECT content_sha256 FROM chain WHERE entity = 'snapshot' AND row_id = ?",
                             (sid,)).fetchone()
    assert row[0] == want


def test_outside_a_transaction_or_for_a_record_not_written_in_it_nothing_is_hashed_ahead(monkeypatch):
    store = Store.create_in_memory(clock=FakeClock())
    sid = store.save_snapshot(preview_import(EXAMPLES / "small-group").data, "alice")
    seen = []
    monkeypatch.setattr(chain, "content_sha256", lambda conn, table, row_id: seen.append(table))
    store.hash_ahead("snapshot", sid)                     # committed: no open transaction
    with store.transaction():
        store.hash_ahead("snapshot", sid)                 # not written in this one
        assert store._contents == {}
    assert seen == []


def test_a_rolled_back_savepoint_drops_what_was_hashed_ahead():
    data = preview_import(EXAMPLES / "small-group").data

    def store_after_a_rollback(ahead: bool):
        store = Store.create_in_memory(clock=FakeClock())
        with store.transaction():
            with pytest.raises(RuntimeError):
                with store.transaction():
                    sid = store.save_snapshot(data, "alice")
                    if ahead:
                        store.hash_ahead("snapshot", sid)
                        assert store._contents
                    raise RuntimeError("rolled back")
            assert store._contents == {}
            again = store.save_snapshot(data, "bob")         # (the id written again, other content)
        return store, sid, again
    store, sid, again = store_after_a_rollback(True)
    plain, _, plain_id = store_after_a_rollback(False)
    assert again == plain_id == sid
    assert _chain(store) == _chain(plain) and chain.verify_chain(store.conn) == []
