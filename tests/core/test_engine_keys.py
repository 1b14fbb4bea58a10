"""core.concentration.keys.positions_in answers exactly as pandas' Index.get_indexer, which it replaces in the
importer's counterparty lookup (issue 15: about a second at a million exposures)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from core.concentration.keys import _arrow_positions, positions_in


def _pandas(values, ids):
    return pd.Index(np.asarray(ids, dtype=object), dtype=object).get_indexer(np.asarray(values, dtype=object))


def test_random_text_keys_match_pandas():
    rng = np.random.default_rng(15)
    alphabet = np.array(list("ABC澄川01 -"), dtype=object)
    for _ in range(200):
        n_ids = int(rng.integers(0, 30))
        pool = {"".join(rng.choice(alphabet, int(rng.integers(1, 5)))) for _ in range(n_ids)}
        ids = np.array(sorted(pool), dtype=object)
        rng.shuffle(ids)
        extra = ["", "UNKNOWN", None, float("nan"), "zz"]
        choices = list(ids) + extra
        values = np.empty(int(rng.integers(0, 60)), dtype=object)
        for i in range(len(values)):
            values[i] = choices[int(rng.integers(0, len(choices)))]
        got = positions_in(values, ids)
        assert got.dtype == np.int64
        assert got.tolist() == _pandas(values, ids).tolist()
        arrow = _arrow_positions(values, ids)                   # pyarrow is a dependency: its path answered
        assert arrow is not None and arrow.tolist() == got.tolist()


def test_an_empty_id_and_non_text_values_match_pandas():
    ids = np.array(["A", "", "B"], dtype=object)               # a blank id (the importer reports it) still matches ""
    values = np.array(["", "B", None, "a"], dtype=object)
    assert positions_in(values, ids).tolist() == _pandas(values, ids).tolist() == [1, 2, -1, -1]
    ids = np.array(["1", 2, "3"], dtype=object)                  # not all text: pandas' rules, by pandas
    values = np.array([2, "2", "3"], dtype=object)
    assert positions_in(values, ids).tolist() == _pandas(values, ids).tolist() == [1, -1, 2]
