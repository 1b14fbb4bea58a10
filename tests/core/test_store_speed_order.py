"""Issue 15, the store step: the orders of first appearance found by placing each code at its first row (instead
of sorting the first rows) are the orders pandas' factorize gives, missing values and unused codes included."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from core.store import blocks, frames


def _rows(seed: int, n: int, k: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    codes = rng.integers(-1, k, size=n)          # -1: missing; some of the k codes unused when n is small
    return codes.astype(np.int64)


@pytest.mark.parametrize(("seed", "n", "k"), [(1, 0, 3), (2, 1, 1), (3, 50, 200), (4, 5000, 40), (5, 20000, 19000)])
def test_first_order_numbers_codes_as_factorize_numbers_their_values(seed, n, k):
    codes = _rows(seed, n, k)
    values = np.array([f"w{i}" for i in range(k)] + [None], dtype=object)[codes]
    want_codes, want_values = pd.factorize(values, use_na_sentinel=True)
    got_codes, order = blocks._first_order(codes, k)
    assert got_codes.tolist() == want_codes.tolist()
    assert [f"w{i}" for i in order] == list(want_values)


@pytest.mark.parametrize(("seed", "n", "k"), [(6, 0, 2), (7, 3, 5), (8, 4000, 300), (9, 30000, 25000)])
def test_coded_text_parts_equal_the_parts_of_the_column_itself(seed, n, k):
    codes = _rows(seed, n, k)
    # a vocabulary with a word given twice: equal words, one code
    vocab = np.array([f"v{i % (k - 1) if k > 1 else 0}" for i in range(k)], dtype=object)
    column = np.append(vocab, None)[codes]
    want = frames._text_parts(column)
    got = frames._coded_text_parts(codes, vocab)
    assert want is not None and got is not None
    assert got[0].tolist() == want[0].tolist()
    assert got[1].tolist() == want[1].tolist()
    assert got[2] == want[2]


@pytest.mark.parametrize("slice_words", [["P1", "P22", "P333"],                # none also a word of the rest
                                         ["C0000002", "P1", "C0000009"],       # one of them also one of the rest
                                         ["C0000008", "C0000009"]])
def test_a_distinct_slice_matched_to_the_rest_gives_the_same_parts(slice_words):
    rest = ["C0000001", "C0000002", None, "PC", "C0000001"]
    vocab = np.array(rest[:2] + slice_words + rest[2:], dtype=object)
    apart = (2, 2 + len(slice_words))
    codes = np.array([i % len(vocab) for i in range(3 * len(vocab))][::-1] + [-1], dtype=np.int64)
    want = frames._coded_text_parts(codes, vocab)
    got = frames._coded_text_parts(codes, vocab, apart)
    assert want is not None and got is not None
    assert got[0].tolist() == want[0].tolist() and got[1].tolist() == want[1].tolist() and got[2] == want[2]


@pytest.mark.parametrize(("low", "high", "n"), [(0, 1, 1000), (-5, 5, 3000), (0, 2 ** 16, 5000), (0, 2 ** 16 + 1, 5000),
                                                (-(2 ** 40), 2 ** 40, 5000), (-(2 ** 63), 2 ** 63 - 1, 5000)])
def test_the_radix_sort_by_16_bit_digits_is_numpys_stable_sort(low, high, n):
    rng = np.random.default_rng(n + high % 97)
    keys = rng.integers(low, high, n, dtype=np.int64, endpoint=True)
    keys[:: 7] = keys[0]                                    # ties, to be kept in their order
    keys[1], keys[2] = low, high                           # both ends of the range
    taken = rng.permutation(n)
    assert blocks._stable_argsort(keys).tolist() == np.argsort(keys, kind="stable").tolist()
    assert blocks._stable_argsort(keys, taken).tolist() == np.argsort(keys[taken], kind="stable").tolist()
    small = keys.astype(np.int32) if -(2 ** 31) <= low and high < 2 ** 31 else None
    if small is not None:                                   # (int32 keys: the same order)
        assert blocks._stable_argsort(small).tolist() == np.argsort(small, kind="stable").tolist()
