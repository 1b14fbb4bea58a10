"""Issue 15, the store step: object columns compared and factorized by the identity of their objects first (the
reader's columns hold each distinct text as one object); equal texts held as different objects, missing values
and values that are not text give what comparing and factorizing by value gives."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from core.store import blocks


def _copy(text: str) -> str:
    return "".join(list(text))          # an equal string, another object


def _column(seed: int, n: int, words: int, copies: bool) -> np.ndarray:
    rng = np.random.default_rng(seed)
    pool = [f"w{i}" for i in range(words)] + [None, float("nan"), pd.NA]
    picked = rng.integers(0, len(pool), size=n)
    out = np.empty(n, dtype=object)
    for i, k in enumerate(picked.tolist()):
        v = pool[k]
        out[i] = _copy(v) if copies and isinstance(v, str) and rng.random() < 0.3 else v
    return out


@pytest.mark.parametrize(("seed", "n", "words", "copies"),
                         [(1, 0, 3, False), (2, 1, 1, False), (3, 200, 4, False), (4, 200, 4, True),
                          (5, 3000, 2000, False), (6, 3000, 40, True)])
def test_factorizing_by_identity_gives_factorize(seed, n, words, copies):
    values = _column(seed, n, words, copies)
    want_codes, want_uniques = pd.factorize(values, use_na_sentinel=True)
    got_codes, got_uniques = blocks._factorize_objects(values)
    assert got_codes.tolist() == want_codes.tolist()
    assert list(got_uniques) == list(want_uniques)


def test_values_that_are_not_text_factorize_as_before():
    values = np.array([1, "1", 1.0, True, None, "1", 2], dtype=object)
    got = blocks._factorize_objects(values)
    want = pd.factorize(values, use_na_sentinel=True)
    assert got[0].tolist() == want[0].tolist() and list(got[1]) == list(want[1])


def test_addresses_say_which_object_each_cell_holds():
    a, b = "same text", _copy("same text")
    values = np.array([a, b, a, None], dtype=object)
    at = blocks._addresses(values)
    assert at[0] == at[2] and at[0] != at[1] and at[3] == blocks._addresses(np.array([None], dtype=object))[0]
    assert blocks._addresses(values[::2]).tolist() == [at[0], at[2]]
    assert blocks._addresses(np.array([], dtype=object)).tolist() == []


def test_counterparty_ids_equal_as_other_objects_still_match():
    table = np.array(["C1", "C2", "C3"], dtype=object)
    own = np.array([0, 1, 2, 1, 0, 2])
    rows = np.array([table[0], _copy("C2"), table[2], None, _copy("C1"), table[2]], dtype=object)
    missing = blocks._same_as_theirs(rows, own, table)
    assert missing is not None and missing.tolist() == [False, False, False, True, False, False]
    rows[5] = "C9"                                          # another id than its counterparty's: not the same rows
    assert blocks._same_as_theirs(rows, own, table) is None
