"""Issue 15, the store step: the import encodes the exposure rows' blocks first, lets the rows go, and encodes the
kept sums on a worker while the snapshot is stored. The same records, the same chain; a failure on the worker
stores nothing; blobs made for one codec are not stored under another."""
from __future__ import annotations

import pytest

from core.concentration.snapshots import kept_aggregates, preview_import
from core.services import imports
from core.store import Store, frames
from core.store.snapshots import AggregatesEncoder, EncodedAggregates
from tests.conftest import EXAMPLES
from tests.core.test_store_support import FakeClock

SMALL = EXAMPLES / "small-group"


def test_blocks_made_ahead_store_the_snapshot_the_frame_would():
    ahead, alone = Store.create_in_memory(clock=FakeClock()), Store.create_in_memory(clock=FakeClock())
    preview = preview_import(SMALL)
    data, agg = preview.data, preview.result.aggregates
    a = alone.save_snapshot(data, "alice", aggregates=agg)
    rows = ahead.encode_exposure_blocks(data, agg)
    assert rows is not None and rows.n_rows == len(data.exposures) > 0
    data.exposures = data.exposures.iloc[:0].copy()          # the rows let go: the blocks say how many there were
    b = ahead.save_snapshot(data, "alice", aggregates=agg, exposure_blocks=rows)
    assert ahead.get_snapshot_info(b).n_exposures == alone.get_snapshot_info(a).n_exposures
    assert ahead.load_snapshot(b).exposures.equals(alone.load_snapshot(a).exposures)
    assert ahead.chain_head() == alone.chain_head()


def test_the_kept_sums_encoded_ahead_are_the_blobs_save_evaluation_makes():
    store = Store.create_in_memory(clock=FakeClock())
    result = preview_import(SMALL).result
    given = store.aggregates_encoder()(kept_aggregates(result))
    assert given.codec == frames.COLUMNS_ZSTD_CODEC
    assert [(n, k) for n, _, k in given.blobs] == [("sums", len(result.aggregates.sums)),
                                                   ("bases", len(kept_aggregates(result)["bases"]))]
    sid = store.save_snapshot(preview_import(SMALL).data, "alice")
    eid = store.save_evaluation(sid, {"source": "snapshot"}, {}, kept_aggregates(result), "alice")
    stored = store.conn.execute("SELECT name, codec, data FROM evaluation_aggregate WHERE evaluation_id = ? "
                                "ORDER BY id", (eid,)).fetchall()
    assert [(n, c, bytes(d)) for n, c, d in stored] == [(n, given.codec, b) for n, b, _ in given.blobs]


def test_blobs_of_another_codec_are_refused():
    store = Store.create_in_memory(clock=FakeClock())
    preview = preview_import(SMALL)
    sid = store.save_snapshot(preview.data, "alice")
    older = AggregatesEncoder(6)(kept_aggregates(preview.result))
    assert older.codec == frames.FRAME_CODEC
    with pytest.raises(ValueError):
        store.save_evaluation(sid, {"source": "snapshot"}, {}, older, "alice")
    assert isinstance(older, EncodedAggregates)


def test_a_failure_encoding_the_kept_sums_on_the_worker_stores_nothing(monkeypatch):
    store = Store.create_in_memory(clock=FakeClock())
    head = store.chain_head()

    def broken(*_a, **_k):
        raise RuntimeError("kept sums")

    monkeypatch.setattr(frames, "encode_columns", broken)
    with pytest.raises(RuntimeError, match="kept sums"):
        imports.store_snapshot(store, preview_import(SMALL), "alice", source="test", release_rows=True)
    assert store.list_snapshots() == [] and store.chain_head() == head
