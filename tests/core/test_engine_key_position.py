"""Aggregates.key_position answers the same whether a block's keys are scanned (its first few lookups) or
looked up in the dict built after them (issue 15: a dict of 200,000 counterparties for one limit's key
cost a tenth of a second per block)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from core.concentration.aggregate import KEY_SCANS, Aggregates, sort_sums


def _aggregates(rng) -> Aggregates:
    rows = []
    for dim in ("counterparty", "industry", "single_asset"):
        for scope in ("group", "LIFE", "PC"):
            for k in rng.choice(40, size=int(rng.integers(0, 25)), replace=False).tolist():
                rows.append((dim, scope, f"K{k:02d}", int(rng.integers(1, 10**6)), int(rng.integers(0, 10**6))))
    sums = pd.DataFrame(rows, columns=["dimension", "scope", "key", "total_fen", "countable_fen"])
    sums["key"] = sums["key"].astype(object)
    return Aggregates(as_of=None, sums=sort_sums(sums), bases=pd.DataFrame(), scopes=("group", "LIFE", "PC"))


def test_scanned_and_dict_lookups_agree_with_the_rows():
    rng = np.random.default_rng(15)
    for _ in range(30):
        agg = _aggregates(rng)
        keys = agg.sums["key"].to_numpy(dtype=object)
        for (scope, dim), block in list(agg._blocks.items()):
            asked = [f"K{k:02d}" for k in rng.permutation(40).tolist()] + ["missing"]
            for n, key in enumerate(asked):
                got = agg.key_position(block, key)
                where = [i for i in range(block.start, block.stop) if keys[i] == key]
                assert got == (where[-1] if where else None), (scope, dim, key)
                assert (block.key_pos is None) == (n < KEY_SCANS)     # scans first, then the dict
