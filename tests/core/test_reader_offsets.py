"""The cells' lengths and blanks read from a pyarrow string array's offsets (`tabular.arrow_blank`,
`arrow_lengths`, `_longest`), chunk by chunk, are what Arrow's binary_length gives, for sliced and chunked
arrays of either offset width; a null cell or another type takes Arrow's kernels as before."""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from core.concentration.tabular import _longest, arrow_blank, arrow_lengths

CELLS = ["", "a", "公司", "", "abcdefghij", "x", ""]


def _arrays():
    for typ in (pa.string(), pa.large_string()):
        yield pa.array(CELLS, typ)
        yield pa.array(CELLS, typ).slice(2, 4)
        yield pa.chunked_array([pa.array(CELLS[:2], typ), pa.array([], typ), pa.array(CELLS[2:], typ).slice(1)])
        yield pa.chunked_array([], typ)
        yield pa.array([], typ)


@pytest.mark.parametrize("arrow", list(_arrays()), ids=lambda a: f"{type(a).__name__}-{a.type}-{len(a)}")
def test_as_binary_length(arrow):
    want = np.asarray(pc.binary_length(arrow).to_numpy(zero_copy_only=False), dtype=np.int64)
    got = arrow_lengths(arrow)
    assert got.dtype == np.int64 and got.tolist() == want.tolist()
    assert arrow_blank(arrow).tolist() == (want == 0).tolist()
    assert _longest(arrow) == (int(want.max()) if len(want) else 0)


def test_nulls_and_binary_take_arrows_kernels():
    with_null = pa.array(["a", None, ""], pa.large_string())
    assert arrow_blank(with_null).tolist() == [False, False, True]
    assert _longest(with_null) == 1
    binary = pa.array([b"ab", b""], pa.binary())
    assert arrow_blank(binary).tolist() == [False, True] and arrow_lengths(binary).tolist() == [2, 0]
