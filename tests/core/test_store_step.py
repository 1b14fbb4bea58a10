"""The import's store step (issue 15) stores the very bytes whichever way it is given the data: the kept sums as
frames.Columns made from the aggregates' codes (no 2.5-million-row frame) give the blob of the kept sums frame,
under every codec; and the snapshot stored by the import reads back as the kept frames."""
import numpy as np
import pandas as pd
import pytest

from core.concentration.snapshots import kept_aggregates, kept_codes
from core.services.imports import _kept, store_snapshot
from core.store import Store, frames
from core.store.errors import StoreError
from tests.core.test_store_compact import demo_preview  # noqa: F401 - the demo's dry run, a fixture


@pytest.mark.parametrize("zstd", [False, True])
def test_the_kept_sums_from_codes_are_the_blob_of_the_frame(demo_preview, zstd):  # noqa: F811
    kept = _kept(demo_preview.result)
    assert isinstance(kept["sums"], frames.Columns), "aggregates built from the data give their sums as codes"
    frame = kept_aggregates(demo_preview.result)
    assert frames.encode_columns(kept["sums"], zstd) == frames.encode_columns(frame["sums"], zstd,
                                                                                kept_codes(demo_preview.result)["sums"])
    assert frames.encode_frame(kept["sums"]) == frames.encode_frame(frame["sums"])     # the codec before v7
    assert len(kept["sums"]) == len(frame["sums"])
    pd.testing.assert_frame_equal(kept["bases"], frame["bases"])


def test_columns_of_codes_with_a_missing_value_and_unused_words():
    # a categorical's codes (-1 missing), words unused or repeated, an int, a float and a bool column
    words = np.array(["b", "a", "unused", "a", "中文"], dtype=object)
    codes = np.array([4, -1, 1, 0, 3, 1, -1, 0], dtype=np.int8)
    ints = np.array([5, 2, 2**40, -3, 0, 7, 1, 1], dtype=np.int64)
    frame = pd.DataFrame({"k": pd.Series(words[codes], dtype=object).where(codes >= 0, None), "i": ints,
                          "j": ints - 1, "f": ints / 3.0, "b": ints > 1})
    given = frames.Columns(len(codes), [("k", "object", lambda: (codes, words)), ("i", "int64", lambda: ints),
                                        ("j", "int64", lambda: ints - 1), ("f", "float64", lambda: ints / 3.0),
                                        ("b", "bool", lambda: ints > 1)], made=lambda: frame)
    for zstd in (False, True):
        assert frames.encode_columns(given, zstd) == frames.encode_columns(frame, zstd)


def test_a_vocabulary_that_is_not_text_stores_the_frame():
    words = np.array(["a", 1], dtype=object)
    codes = np.array([0, 1, 1], dtype=np.int64)
    frame = pd.DataFrame({"k": pd.Series(words[codes], dtype=object)})
    given = frames.Columns(3, [("k", "object", lambda: (codes, words))], made=lambda: frame)
    assert frames.encode_columns(given, True) == frames.encode_columns(frame, True)


def test_a_column_that_is_not_what_it_says_is_refused():
    given = frames.Columns(2, [("i", "int64", lambda: np.array([1.5, 2.0]))], made=lambda: None)
    with pytest.raises(ValueError, match="column i"):
        frames.encode_columns(given, True)


def test_the_imported_evaluation_keeps_the_sums_frame(demo_preview, tmp_path):  # noqa: F811
    store = Store.open(tmp_path / "h.db")
    try:
        outcome = store_snapshot(store, demo_preview, "tester", source="demo")
        stored = store.load_evaluation(outcome.evaluation_id).aggregates
    finally:
        store.close()
    frame = kept_aggregates(demo_preview.result)
    pd.testing.assert_frame_equal(stored["sums"], frame["sums"])
    pd.testing.assert_frame_equal(stored["bases"], frame["bases"])


def test_distinct_text_is_coded_as_hashing_would_code_it():
    words = np.array(["b", "a", "中文", "", "zz"], dtype=object)
    n = np.arange(len(words), dtype=np.int64)
    assert frames.encode_arrays({"value": words, "n": n}, distinct=("value",)) == \
        frames.encode_arrays({"value": words, "n": n})
    # not all text: refused as it would be without the hint
    mixed = np.array(["a", 1], dtype=object)
    for hint in ((), ("value",)):
        with pytest.raises(StoreError, match="unsupported_value"):
            frames.encode_arrays({"value": mixed}, distinct=hint)
