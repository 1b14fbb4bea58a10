"""The import's store step, continued (issue 15): the quicker ways it encodes a snapshot give the very order and
bytes of the slower ones they replaced."""
import numpy as np

from core.store import blocks, frames


def test_the_rows_sorted_by_group_keep_the_order_they_were_given_within_a_group():
    rng = np.random.default_rng(7)
    for n, groups in ((1, 1), (50, 3), (10_000, 40), (10_000, 5000)):
        keys = rng.integers(0, groups, n).astype(np.int64)
        taken = rng.permutation(n)
        before = keys.copy()
        got = blocks._stable_argsort(keys, taken)
        assert np.array_equal(got, np.argsort(keys[taken], kind="stable"))
        assert np.array_equal(keys, before)       # (the keys given are not changed)
    empty = np.array([], dtype=np.int64)
    assert blocks._stable_argsort(empty, empty).tolist() == []


def test_keys_too_large_to_be_made_distinct_are_sorted_stably_as_they_are():
    # key * n would overflow int64: the stable sort itself, the same order
    keys = np.array([2 ** 61, 1, 2 ** 61, 0, 1], dtype=np.int64)
    taken = np.array([4, 3, 2, 1, 0])
    assert blocks._stable_argsort(keys, taken).tolist() == np.argsort(keys[taken], kind="stable").tolist() \
        == [1, 0, 3, 2, 4]


def test_residuals_sorted_largest_first_keep_the_file_order_among_equal_ones():
    # negative, zero and equal keys, the whole array (no positions taken); the keys given are not changed
    rng = np.random.default_rng(11)
    residual = rng.integers(-5, 6, 2000).astype(np.int64) * 1_000_000_007
    before = residual.copy()
    got = blocks._stable_argsort(-residual)
    assert np.array_equal(got, np.argsort(-residual, kind="stable"))
    assert np.array_equal(residual, before)
    # amounts whose range times the row count passes 63 bits: the stable sort itself
    wide = np.array([2 ** 62, -(2 ** 62), 0, 2 ** 62, 5], dtype=np.int64)
    assert blocks._stable_argsort(wide).tolist() == np.argsort(wide, kind="stable").tolist() == [1, 2, 4, 0, 3]


def test_an_integer_column_is_written_as_a_difference_only_when_more_than_half_its_values_equal_the_other():
    total = np.array([10, 20, 30, 40, 50, 60], dtype=np.int64)
    for equal, minus in ((3, False), (4, True), (6, True), (0, False)):       # exactly half: not a difference
        countable = total.copy()
        countable[equal:] -= 7
        blob = frames.encode_arrays({"total": total, "countable": countable})
        doc, _ = frames.open_columns(blob)
        assert ("minus" in doc["columns"][1]) is minus, (equal, doc["columns"][1])
        assert blocks.decode([blob])["countable"].tolist() == countable.tolist()
    # an empty column is never a difference
    doc, _ = frames.open_columns(frames.encode_arrays({"a": total[:0], "b": total[:0]}))
    assert "minus" not in doc["columns"][1]
