"""Positions of text keys in a table of unique ids, by pyarrow's hash kernel when pyarrow is installed.

A million exposures name their counterparty among 200,000 ids: pandas' object hash table takes about a
second for that lookup (each freshly read string is hashed through Python), pyarrow's `index_in` about a
tenth of it on the same strings. The answer is the same: the position of each value among `ids`, -1 for a
value that is not there or missing (None/NaN). `ids` must be unique (the callers check it first).
"""
from __future__ import annotations

import numpy as np
import pandas as pd


def positions_in(values, ids, arrow_values=None) -> np.ndarray:
    """int64 position in `ids` (unique) of every value, -1 when absent or missing. `arrow_values`: the same
    values as a pyarrow string array when the caller has them (the CSV reader's): not converted again."""
    vals = np.asarray(values, dtype=object)
    keys = np.asarray(ids, dtype=object)
    found = _arrow_positions(vals, keys, arrow_values)
    if found is not None:
        return found
    return np.asarray(pd.Index(keys, dtype=object).get_indexer(vals), dtype=np.int64)


def _arrow_positions(vals: np.ndarray, keys: np.ndarray, arrow_values=None) -> np.ndarray | None:
    try:
        import pyarrow as pa  # noqa: PLC0415 - optional: pandas does it otherwise
        import pyarrow.compute as pc  # noqa: PLC0415
    except ImportError:
        return None
    try:
        # only text (and missing values) goes this way: pandas compares other objects by equality, which
        # Arrow's string type would not reproduce
        if arrow_values is not None and len(arrow_values) == len(vals) and arrow_values.type in (pa.string(),
                                                                                              pa.large_string()):
            a = arrow_values
        else:
            a = pa.array(vals, type=pa.string(), from_pandas=True)
        b = pa.array(keys, type=pa.string(), from_pandas=True)
    except (pa.ArrowException, TypeError, ValueError):
        return None
    if b.null_count:
        return None          # a missing id would match a missing value in Arrow, not in pandas
    out = pc.index_in(a, value_set=b).fill_null(-1)
    return np.asarray(out.to_numpy(zero_copy_only=False), dtype=np.int64)
