"""The import's store step, third round (issue 15): the evaluation hands the store its counterparty ids as the
Python strings it holds (object columns), so the block encoder can match the exposures' ids to them by identity;
the blobs are the very bytes they were when those columns were pandas `str`; and the kept sums' words are
encoded without hashing the instruments' ids again when they are proven distinct, the very same bytes."""
import copy
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from core.concentration.aggregate import build_aggregates
from core.concentration.model import UNKNOWN
from core.store import blocks, frames
from tests.core.test_store_compact import demo_preview  # noqa: F401 - the demo's dry run, a fixture


def test_the_evaluations_counterparty_ids_are_object_columns_of_strings(demo_preview):  # noqa: F811
    cpt = demo_preview.result.aggregates.counterparties
    for column in ("counterparty_id", "group_key"):
        assert cpt[column].dtype == object, column
        assert all(type(v) is str for v in cpt[column]), column
    # the other columns are framed as before (pandas infers their dtype)
    assert cpt["industry"].dtype == pd.Series(list(cpt["industry"])).dtype


def test_the_exposure_blocks_are_the_same_as_from_str_counterparty_ids(demo_preview):  # noqa: F811
    data, agg = demo_preview.data, demo_preview.result.aggregates
    got = blocks.encode_exposures(data.exposures, agg)
    assert got is not None and any(part == blocks.DIRECTORY for part, *_ in got.blocks), "attributed rows"
    as_str = copy.copy(agg)
    frame = agg.counterparties.copy()
    for column in ("counterparty_id", "group_key"):
        frame[column] = frame[column].astype("str")
    as_str.counterparties = frame
    assert as_str.counterparties["counterparty_id"].dtype != object
    want = blocks.encode_exposures(data.exposures, as_str)
    assert want is not None
    assert got.blocks == want.blocks


# ---- the kept sums' words: the instruments' ids, proven distinct, are not hashed again ----------------------
def _parts(codes, vocab, apart=None):
    got = frames._coded_text_parts(np.asarray(codes, dtype=np.int64), np.asarray(vocab, dtype=object), apart)
    assert got is not None
    found, lengths, body = got
    return found.tolist(), lengths.tolist(), body


def test_a_distinct_slice_of_the_vocabulary_gives_the_parts_of_hashing_it_all():
    # the slice's words: one also in the rest ("b"), one only there; the rest: repeats, a missing value, an
    # unused word; rows use them in an order unlike the vocabulary's
    vocab = ["a", "b", None, "a", "x", "b", "中文", "unused", "z"]
    codes = [5, 4, -1, 6, 0, 3, 1, 2, 8, 5, 0]
    want = _parts(codes, vocab)
    assert _parts(codes, vocab, (4, 7)) == want
    assert _parts(codes, vocab, (8, 9)) == want
    assert _parts(codes, vocab, (3, 3)) == want             # (an empty slice)
    assert _parts(codes, vocab, (4, 6)) == want
    # a slice with a missing value is not distinct words after all: hashed with the rest, the same parts
    assert _parts(codes, vocab, (1, 3)) == want


def test_a_vocabulary_that_is_not_text_is_still_refused_with_a_distinct_slice():
    assert frames._coded_text_parts(np.array([0, 1]), np.array(["a", 5], dtype=object), (0, 1)) is None


def _with_instruments(data, first: str | None, second: str):
    exp = data.exposures.copy()
    holding = exp.index[exp["parent_exposure_id"].isna()] if "parent_exposure_id" in exp.columns else exp.index
    exp.loc[holding[0], "instrument_id"] = first
    exp.loc[holding[1], "instrument_id"] = second
    return replace(data, exposures=exp)


@pytest.mark.parametrize("named_unknown", [False, True])
def test_the_instruments_are_distinct_unless_an_instrument_is_named_unknown(demo_preview, named_unknown):  # noqa: F811
    # a holding without an instrument is keyed UNKNOWN; when another holding's instrument is called "UNKNOWN"
    # too, the instruments' words are not distinct and the store must hash them with the rest
    data = _with_instruments(demo_preview.data, None, UNKNOWN if named_unknown else "another instrument")
    agg = build_aggregates(data)
    codes, vocab, apart = agg.key_codes()
    keys = agg.sums["key"].to_numpy(dtype=object)
    assert vocab[codes].tolist() == keys.tolist()
    single = keys[(agg.sums["dimension"] == "single_asset").to_numpy()]
    if named_unknown:
        assert apart is None
    else:
        a, b = apart
        assert len(set(vocab[a:b])) == b - a and set(vocab[a:b]) >= set(single) and UNKNOWN in set(single)
    # the kept sums' blob from these codes is the blob of the frame, every key text hashed
    frame = agg.sums
    assert frames.encode_columns(frame, coded={"key": agg.key_codes}) == frames.encode_columns(frame)
