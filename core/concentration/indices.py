"""Concentration indices per dimension, over the whole group after intra-group elimination, exempt
exposures included (docs/interfaces.md, "Indices"), read from the aggregates' group-scope totals.

With shares sᵢ = xᵢ / Σx over the keys with a positive total:

- hhi = Σ sᵢ² (un-normalised, 0-1);
- topN = sum of the N largest shares (N = 1, 5, 10; all of them when there are fewer keys);
- gini, as concentrationMetrics (Open Risk) defines it: with shares sorted in *descending* order and
  i = 1..n, gini = 1 + (1 − 2 Σ i·sᵢ) / n (0 for equal shares; n counts only keys with a positive
  amount, so a single key gives 0);
- shannon = −Σ sᵢ ln sᵢ (natural logarithm, zero shares left out; concentrationMetrics' `shannon`
  with normalized=False): 0 for one key, ln n for n equal keys;
- n_keys, total (yuan).

A dimension with nothing in it has every index None.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from core.concentration.aggregate import Aggregates
from core.concentration.model import BUSINESS_DIMENSIONS, INDEX_DIMENSIONS

INDEX_COLUMNS = ("dimension", "hhi", "top1", "top5", "top10", "gini", "shannon", "n_keys", "total")


def index_values(amounts: np.ndarray) -> dict:
    x = np.asarray(amounts, dtype=np.float64)
    x = x[x > 0]
    if len(x) == 0:
        return {"hhi": None, "top1": None, "top5": None, "top10": None, "gini": None, "shannon": None,
                "n_keys": 0, "total": 0.0}
    x = np.sort(x)[::-1]
    total = x.sum()
    s = x / total
    cum = np.cumsum(s)
    n = len(s)
    i = np.arange(1, n + 1)
    return {
        "hhi": float(np.square(s).sum()),
        "top1": float(cum[min(1, n) - 1]),
        "top5": float(cum[min(5, n) - 1]),
        "top10": float(cum[min(10, n) - 1]),
        "gini": float(1.0 + (1.0 - 2.0 * np.multiply(i, s).sum()) / n),
        "shannon": float(-np.multiply(s, np.log(s)).sum()),
        "n_keys": int(n),
        "total": float(total) / 100.0,
    }


def compute_indices(agg: Aggregates) -> pd.DataFrame:
    dims = list(INDEX_DIMENSIONS) + (list(BUSINESS_DIMENSIONS) if agg.has_business else [])
    rows = []
    for dim in dims:
        rows.append({"dimension": dim, **index_values(agg.group_total_amounts(dim))})
    return pd.DataFrame(rows, columns=list(INDEX_COLUMNS))
