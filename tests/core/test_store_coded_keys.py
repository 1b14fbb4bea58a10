"""The kept sums' keys encoded from their codes (frames.encode_columns `coded`, issue 15) give the very blob
the key texts give: the stored bytes, and so the chain, do not depend on which way the store went."""
import numpy as np
import pandas as pd
import pytest

from core.concentration.snapshots import kept_aggregates, kept_codes
from core.store import frames
from tests.core.test_store_compact import demo_preview  # noqa: F401 - the demo's dry run, a fixture


@pytest.mark.parametrize("zstd", [False, True])
def test_coded_keys_give_the_same_blob(zstd):
    # shared words across vocabularies, unused words, a repeated vocabulary, missing values and an empty text
    v1 = np.array(["b", "a", "zz", "unused", "中文"], dtype=object)
    v2 = np.array(["a", None, "c", "", "b"], dtype=object)
    codes = np.array([4, 1, 1, 0, 5 + 1, 5 + 0, 5 + 3, 5 + 2, 0, 10 + 2, 4, 5 + 4, 5 + 1], dtype=np.int64)
    vocab = np.concatenate([v1, v2, np.array([np.nan, "d", "zz"], dtype=object)])
    df = pd.DataFrame({"key": pd.Series(vocab[codes], dtype=object), "n": np.arange(len(codes))})
    plain = frames.encode_columns(df, zstd)
    assert frames.encode_columns(df, zstd, {"key": (codes, vocab)}) == plain
    back = frames.decode_blob(frames.COLUMNS_ZSTD_CODEC if zstd else frames.COLUMNS_CODEC, plain)
    assert back["key"].tolist()[:4] == ["中文", "a", "a", "b"]


def test_a_vocabulary_that_is_not_text_goes_the_plain_way():
    vocab = np.array(["a", 1, "b"], dtype=object)
    codes = np.array([0, 1, 2, 1], dtype=np.int64)
    df = pd.DataFrame({"key": pd.Series(vocab[codes], dtype=object)})
    assert frames.encode_columns(df, True, {"key": (codes, vocab)}) == frames.encode_columns(df, True)


def test_the_demo_kept_sums_blob_is_the_same_from_codes(demo_preview):  # noqa: F811
    coded = kept_codes(demo_preview.result)
    assert coded["sums"]["key"]() is not None, "aggregates built from the data have their keys as codes"
    sums = kept_aggregates(demo_preview.result)["sums"]
    assert frames.encode_columns(sums, True, coded["sums"]) == frames.encode_columns(sums, True)


def _blocks_both_ways(monkeypatch, exposures, aggregates):
    from core.store import blocks

    fast = blocks.encode_exposures(exposures, aggregates)
    with monkeypatch.context() as m:
        m.setattr(blocks, "_counterparty_codes", lambda *args: None)
        slow = blocks.encode_exposures(exposures, aggregates)
    return fast, slow


def test_the_counterparty_codes_from_the_evaluation_give_the_same_blocks(demo_preview, monkeypatch):  # noqa: F811
    from core.store import blocks

    data, agg = demo_preview.data, demo_preview.result.aggregates
    att = blocks._attribution(agg, data.exposures, blocks._text(data.exposures, "exposure_id"))
    assert blocks._counterparty_codes(blocks._coded_column(data.exposures, "counterparty_id", raw=True), att["cp_code"],
                                      att["cp_ids"]) is not None
    fast, slow = _blocks_both_ways(monkeypatch, data.exposures, agg)
    assert fast.blocks == slow.blocks and fast.present == slow.present


@pytest.mark.parametrize("change", ["missing", "other"])
def test_a_row_whose_id_is_not_its_counterpartys_codes_the_same(demo_preview, monkeypatch, change):  # noqa: F811
    # a missing id (code -1, as the file's own) and an id the evaluation did not give that row (the plain way)
    from core.store import blocks

    exposures = demo_preview.data.exposures.copy()
    ids = exposures["counterparty_id"].to_numpy(dtype=object).copy()
    ids[[0, 3]] = None if change == "missing" else "SOMEONE-ELSE"
    exposures["counterparty_id"] = pd.Series(ids, dtype=object, index=exposures.index)   # as the reader holds them
    att = blocks._attribution(demo_preview.result.aggregates, exposures, blocks._text(exposures, "exposure_id"))
    found = blocks._counterparty_codes(blocks._coded_column(exposures, "counterparty_id", raw=True), att["cp_code"],
                                       att["cp_ids"])
    assert (found is None) == (change == "other")
    fast, slow = _blocks_both_ways(monkeypatch, exposures, demo_preview.result.aggregates)
    assert fast.blocks == slow.blocks
