"""lookthrough.resolve finds roots and depths by pointer jumping over the rows whose pointer still moves
(issue 15: whole-column passes cost 40 MB of temporaries each at a million exposures). On random forests of
holdings and underlyings in any row order, with cycles and self-parents now and then, it must give each
row's root and depth, or name exactly the rows caught in or under a cycle, as walking each chain does."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from core.concentration.lookthrough import resolve
from core.problems import InputError


def _walk(parent: list[int]) -> tuple[list[int], list[int], set[int]]:
    """(root, depth, rows in or under a cycle) by following each chain."""
    n = len(parent)
    root, depth, cyclic = [0] * n, [0] * n, set()
    for i in range(n):
        seen, j, d = set(), i, 0
        while parent[j] >= 0 and j not in seen and d <= n:
            seen.add(j)
            j, d = parent[j], d + 1
        if parent[j] >= 0:
            cyclic.add(i)
        root[i], depth[i] = j, d
    return root, depth, cyclic


def _frame(parent: list[int]) -> pd.DataFrame:
    ids = [f"E{i}" for i in range(len(parent))]
    return pd.DataFrame({"exposure_id": pd.Series(ids, dtype=object),
                         "parent_exposure_id": pd.Series([ids[p] if p >= 0 else None for p in parent], dtype=object),
                         "amount_fen": np.zeros(len(parent), dtype=np.int64)})


@pytest.mark.parametrize("seed", range(40))
def test_roots_depths_and_cycles_as_walking_the_chains(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 300))
    holdings = max(1, int(n * rng.uniform(0.05, 0.9)))
    order = rng.permutation(n)                       # the rows in any order
    parent = [-1] * n
    for k in range(holdings, n):                     # each underlying under an earlier node: chains of any depth
        parent[order[k]] = int(order[int(rng.integers(max(0, k - int(rng.integers(1, 40))), k))])
    if seed % 3 == 0 and n > holdings:               # close a cycle, or make a row its own parent
        a = int(order[int(rng.integers(holdings, n))])
        parent[a] = a if seed % 2 else int(order[n - 1])
    root, depth, cyclic = _walk(parent)
    pp = np.asarray(parent, dtype=np.int64)
    if cyclic:
        with pytest.raises(InputError) as caught:
            resolve(_frame(parent), "exposures.csv", pp)
        assert [p.row for p in caught.value.problems] == [i + 2 for i in sorted(cyclic)][:50]
        return
    lt = resolve(_frame(parent), "exposures.csv", pp)
    assert lt.root_pos.tolist() == root and lt.depth.tolist() == depth
    assert resolve(_frame(parent), "exposures.csv").root_pos.tolist() == root    # parents looked up by id
