"""The reading's object takes (issue 15, session 7): `tabular.object_take` gives the very pointers numpy's
indexing gives (the counterparty and member columns share the counterparties' / members' strings), with the
same bounds check, for every integer width of codes."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from core.concentration.tabular import _arrow_objects, object_take


def _same_objects(a: np.ndarray, b: np.ndarray) -> bool:
    return a.dtype == b.dtype == object and a.shape == b.shape and all(x is y for x, y in zip(a, b))


@pytest.mark.parametrize("dtype", [np.int8, np.int16, np.int32, np.int64, np.intp])
def test_object_take_is_numpy_indexing(dtype):
    values = np.array([f"C{i:05d}" for i in range(100)] + [None], dtype=object)
    rng = np.random.default_rng(7)
    pos = rng.integers(0, len(values), 5000).astype(dtype)
    out = object_take(values, pos)
    assert _same_objects(out, values[pos])
    kept = values.copy()
    out[:] = "changed"                      # a new array: the values are not touched
    assert _same_objects(values, kept)


def test_object_take_empty_and_bounds():
    values = np.array(["a", "b"], dtype=object)
    assert _same_objects(object_take(values, np.array([], dtype=np.int64)), values[np.array([], dtype=np.int64)])
    with pytest.raises(IndexError):
        object_take(values, np.array([0, 2]))
    with pytest.raises(IndexError):
        object_take(np.array([], dtype=object), np.array([0]))


def test_arrow_objects_encoded_column_shares_strings():
    # a member-like column (few distinct values): encoded, each row pointing at its value's one string
    cells = ["LIFE", "PNC", "", "HEALTH"] * 2000
    col = pa.chunked_array([pa.array(cells[:3000], pa.large_string()), pa.array(cells[3000:], pa.large_string())])
    out = _arrow_objects(pa.compute, col)
    assert out.dtype == object and list(out) == cells
    assert out[0] is out[4] and out[2] is out[6]


def test_choice_codes_arrow_and_python_alike():
    # the asset classes' spellings: aliases and unknown words, from Arrow's cells and from Python strings
    from core.concentration.importer import ASSET_CLASS_ALIASES
    from core.concentration.tabular import choice_codes, norm_header

    words = ["bond", "债券", "Equity", "nonsense", "", "BOND", "股票"] * 300
    arrow = pa.chunked_array([pa.array(words[:1000], pa.large_string()), pa.array(words[1000:], pa.large_string())])
    a_codes, a_unknown = choice_codes(None, ASSET_CLASS_ALIASES, arrow)
    p_codes, p_unknown = choice_codes(pd.Series(words, dtype=object), ASSET_CLASS_ALIASES)
    assert a_codes.dtype == p_codes.dtype == object
    assert list(a_codes) == list(p_codes) and list(a_unknown) == list(p_unknown)
    assert list(a_unknown) == [c is None for c in a_codes]
    assert all(ASSET_CLASS_ALIASES.get(norm_header(w)) == c for w, c in zip(words, a_codes))
