"""Issue 15, the kept sums' keys: `Aggregates.key_codes(ids_as_given=True)` hands the instruments' ids, proven
distinct, as the Arrow text they are (numbered after the other words) instead of Python strings that the store
turned straight back into Arrow; the store matches them in Arrow. The very same parts and blobs as hashing every
key, whatever the ids are given as (Arrow, two Arrow chunks, an object array), an id also another key, a missing
id, a word that is not text. And the import writes the evaluation's row and its cases while the worker finishes
the kept sums (store.saving_evaluation), the aggregate rows last: the same records and chain as before."""
from contextlib import contextmanager
from dataclasses import replace

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from core.concentration.aggregate import build_aggregates
from core.concentration.model import UNKNOWN
from core.concentration.snapshots import kept_aggregates, preview_import
from core.services import imports
from core.store import Store, frames
from tests.conftest import EXAMPLES
from tests.core.test_store_compact import demo_preview  # noqa: F401 - the demo's dry run, a fixture
from tests.core.test_store_support import FakeClock


def _parts(codes, vocab, apart=None):
    got = frames._coded_text_parts(np.asarray(codes, dtype=np.int64), vocab, apart)
    assert got is not None
    found, lengths, body = got
    return found.tolist(), lengths.tolist(), body


# the rest: repeats, a missing value, an unused word; the ids given apart (codes 6 on): one also in the rest ("b")
REST = np.array(["a", "b", None, "a", "中文", "unused"], dtype=object)
IDS = ["x", "b", "z", "長い名前"]
CODES = [6, 7, -1, 4, 0, 3, 1, 2, 8, 6, 0, 9, 7]


@pytest.mark.parametrize("given", [
    lambda: pa.array(IDS, type=pa.large_string()),
    lambda: pa.array(IDS, type=pa.string()),
    lambda: pd.array(IDS, dtype="str"),                                        # pandas `str` (Arrow), as the importer's
    lambda: pa.chunked_array([pa.array(IDS[:3]), pa.array(IDS[3:])]),         # (an id appended: two chunks)
    lambda: pd.array(IDS[:3], dtype="str")._concat_same_type(
        [pd.array(IDS[:3], dtype="str"), pd.array(IDS[3:], dtype="str")]),
    lambda: np.array(IDS, dtype=object),
], ids=["large_string", "string", "pandas_str", "chunked", "pandas_two_chunks", "objects"])
def test_ids_given_apart_give_the_parts_of_hashing_every_word(given):
    whole = np.concatenate([REST, np.array(IDS, dtype=object)])
    want = _parts(CODES, whole)
    assert _parts(CODES, REST, given()) == want
    assert _parts(CODES, whole, (len(REST), len(whole))) == want


def test_ids_given_apart_with_a_missing_one_are_hashed_with_the_rest():
    ids = pa.array(["x", None, "b"], type=pa.large_string())
    whole = np.concatenate([REST, np.array(["x", None, "b"], dtype=object)])
    codes = [6, 7, 8, 0, 1, 2, 7]
    assert _parts(codes, REST, ids) == _parts(codes, whole)


def test_ids_given_apart_with_no_other_word():
    ids = pd.array(["q", "p", "q2"], dtype="str")
    codes = [2, 0, 1, 0, -1]
    assert _parts(codes, np.array([], dtype=object), ids) == _parts(codes, np.array(["q", "p", "q2"], dtype=object))


def test_a_vocabulary_that_is_not_text_is_still_refused_with_ids_given_apart():
    assert frames._coded_text_parts(np.array([0, 1]), np.array([5], dtype=object), pa.array(["a"])) is None
    assert frames._coded_text_parts(np.array([0, 1]), np.array(["a"], dtype=object),
                                    np.array([5], dtype=object)) is None


def _with_instruments(data, first, second):
    exp = data.exposures.copy()
    holding = exp.index[exp["parent_exposure_id"].isna()] if "parent_exposure_id" in exp.columns else exp.index
    exp.loc[holding[0], "instrument_id"] = first
    exp.loc[holding[1], "instrument_id"] = second
    return replace(data, exposures=exp)


@pytest.mark.parametrize("case", ["as_imported", "unknown_added", "named_unknown", "object_ids"])
def test_key_codes_with_the_ids_as_given_are_the_sums_keys(demo_preview, case):  # noqa: F811
    data = demo_preview.data
    if case == "unknown_added":             # a holding without an instrument: UNKNOWN appended to the ids
        data = _with_instruments(data, None, "another instrument")
    elif case == "named_unknown":           # ... and an instrument called so too: not distinct, hashed with the rest
        data = _with_instruments(data, None, UNKNOWN)
    elif case == "object_ids":
        exp = data.exposures.copy()
        exp["instrument_id"] = exp["instrument_id"].astype(object)
        data = replace(data, exposures=exp)
    agg = build_aggregates(data)
    codes, vocab, ids = agg.key_codes(ids_as_given=True)
    keys = agg.sums["key"].to_numpy(dtype=object)
    if case == "named_unknown":
        assert ids is None
        assert vocab[codes].tolist() == keys.tolist()
    else:
        assert ids is not None and codes.dtype == np.int32
        if case != "object_ids":
            assert not isinstance(ids, np.ndarray), "the importer's ids stay Arrow text"
        assert vocab.dtype == object and len(vocab) + len(ids) > len(vocab)
        words = np.concatenate([vocab, np.asarray(ids, dtype=object)])
        assert words[codes].tolist() == keys.tolist()
        single = set(keys[(agg.sums["dimension"] == "single_asset").to_numpy()])
        assert set(np.asarray(ids, dtype=object)) >= single
    # the kept sums' blob from these codes is the blob of the frame, every key text hashed, and of key_codes()
    frame = agg.sums
    want = frames.encode_columns(frame)
    assert frames.encode_columns(frame, coded={"key": lambda: agg.key_codes(ids_as_given=True)}) == want
    assert frames.encode_columns(frame, coded={"key": agg.key_codes}) == want


def test_the_imports_kept_sums_are_the_frames_blob(demo_preview):  # noqa: F811
    # (the path of the import: sum_codes' key is key_codes with the ids as given)
    result = demo_preview.result
    given = imports._kept(result)["sums"]
    assert isinstance(given, frames.Columns)
    assert frames.encode_columns(given, True) == frames.encode_columns(kept_aggregates(result)["sums"], True)


@pytest.mark.parametrize("words", [3, 40, 5000])
@pytest.mark.parametrize("runs", [True, False])
def test_first_appearance_from_the_runs_is_the_order_of_hashing_every_row(words, runs):
    # the first rows are looked for at run starts only, and few words are sorted by them: the same parts as
    # Arrow's dictionary encoding of the rows, runs or not, missing rows (-1) among them, more rows than a step
    rng = np.random.default_rng(words + runs)
    n = 600_000
    codes = np.sort(rng.integers(-1, words, n)) if runs else rng.integers(-1, words, n)
    if runs:
        codes = codes[::-1].copy()                          # (-1 last, and the words' runs from the largest)
    vocab = np.array([f"w{i % (words - 1)}" for i in range(words)], dtype=object)   # (two codes share a word)
    got = frames._coded_text_parts(codes, vocab)
    want = frames._text_parts(pa.array(np.where(codes >= 0, vocab[np.maximum(codes, 0)], None),
                                       type=pa.large_string()))
    assert got is not None and want is not None
    assert got[0].tolist() == want[0].tolist() and got[1].tolist() == want[1].tolist() and got[2] == want[2]


# ---- the evaluation's row and cases while the kept sums finish (store.saving_evaluation) -------------------
def _chain(store):
    rows = store.conn.execute("SELECT entity, row_id, content_sha256 FROM chain ORDER BY seq").fetchall()
    return [tuple(r) for r in rows], store.chain_head()


def test_the_import_stores_the_records_and_chain_of_save_evaluation_then_the_cases():
    overlapped, plain = Store.create_in_memory(clock=FakeClock()), Store.create_in_memory(clock=FakeClock())

    @contextmanager
    def evaluation_then_cases(snapshot_id, ref, result_json, names, aggregates, user):
        # the order before: the evaluation stored whole (its aggregates waited for), then the cases opened
        with type(plain).saving_evaluation(plain, snapshot_id, ref, result_json, names, lambda: done, user) as eid:
            pass
        yield eid

    def saving(snapshot_id, ref, result_json, names, aggregates, user):
        nonlocal done
        done = aggregates()               # (waited for before anything of the evaluation is written)
        return evaluation_then_cases(snapshot_id, ref, result_json, names, aggregates, user)
    done = None
    plain.saving_evaluation = saving
    got = imports.store_snapshot(overlapped, preview_import(EXAMPLES / "small-group"), "alice", source="x")
    want = imports.store_snapshot(plain, preview_import(EXAMPLES / "small-group"), "alice", source="x")
    assert got.evaluation_id == want.evaluation_id and len(got.opened_cases) == len(want.opened_cases) > 0
    assert _chain(overlapped) == _chain(plain)
    assert [tuple(r) for r in overlapped.conn.execute("SELECT * FROM evaluation_aggregate ORDER BY id")] == \
        [tuple(r) for r in plain.conn.execute("SELECT * FROM evaluation_aggregate ORDER BY id")]


def test_saving_evaluation_stores_nothing_when_the_aggregates_fail_or_are_not_the_names_journaled(demo_preview):  # noqa: F811
    store = Store.create_in_memory(clock=FakeClock())
    sid = store.save_snapshot(demo_preview.data, "alice")
    head = store.chain_head()
    encoded = store.aggregates_encoder()({"bases": pd.DataFrame({"a": [1]})})

    def failing():
        raise RuntimeError("worker failed")
    for aggregates, names, error in ((failing, ["bases"], RuntimeError), (lambda: encoded, ["sums"], ValueError)):
        with pytest.raises(error):
            with store.saving_evaluation(sid, {"source": "snapshot"}, {}, names, aggregates, "alice") as eid:
                assert store.conn.execute("SELECT count(*) FROM evaluation WHERE id = ?", (eid,)).fetchone()[0] == 1
        assert store.conn.execute("SELECT count(*) FROM evaluation").fetchone()[0] == 0
        assert store.chain_head() == head
    with store.saving_evaluation(sid, {"source": "snapshot"}, {}, ["bases"], lambda: encoded, "alice") as eid:
        pass
    assert store.load_evaluation(eid).aggregate_names == ("bases",)
