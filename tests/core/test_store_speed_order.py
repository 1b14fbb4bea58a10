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
