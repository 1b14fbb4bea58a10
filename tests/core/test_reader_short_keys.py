"""`tabular.short_text_keys` and what is built on it: the instruments' codes (`arrow_text_codes`) and the
counterparty lookup (`importer._arrow_index_in`) give exactly what Arrow's own hashing gives."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from core.concentration.importer import _arrow_index_in
from core.concentration.tabular import arrow_text_codes, short_text_keys, short_text_positions
from tests.core.reader_helpers import arrow_codes as _arrow_codes

CASES = {
    "short": ["P0", "P1", "P0", "", "P10", "P1", "", "是", "P2"],
    "eight": ["C0000001", "C0000002", "", "C0000001", "C000000", "C0000003"],
    "blank_first": ["", "", "a", "b", "a"],
    "one": ["x"],
    "empty": [],
    "prefixes": ["a", "ab", "abc", "abcdefgh", "abcdefg", "a", "ab"],
}


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("large", [False, True])
@pytest.mark.parametrize("chunked", [False, True])
def test_codes_as_arrow_gives_them(name, large, chunked):
    cells = CASES[name]
    typ = pa.large_string() if large else pa.string()
    if chunked:
        arrow = pa.chunked_array([pa.array(cells[:3], typ), pa.array([], typ), pa.array(cells[3:], typ)], typ)
    else:
        arrow = pa.array(cells, typ)
    assert short_text_keys(arrow) is not None
    codes, words = arrow_text_codes(arrow)
    want_codes, want_words = _arrow_codes(arrow)
    assert codes.dtype == np.int64
    assert codes.tolist() == want_codes.tolist()
    assert list(words) == want_words
    assert isinstance(words, pd.arrays.ArrowStringArray)


def test_keys_of_a_slice_and_refusals():
    arrow = pa.array(["zz", "P1", "P22", "", "P1", "yy"], pa.large_string()).slice(1, 4)
    keys = short_text_keys(arrow)
    assert keys is not None and len(keys) == 4
    assert keys[0] == keys[3] and len(set(keys.tolist())) == 3
    assert short_text_keys(pa.array(["123456789"])) is None             # longer than 8 bytes
    assert short_text_keys(pa.array(["A", "A\0"])) is None              # a NUL byte: "A" and "A\0" alike
    assert short_text_keys(pa.array(["A", None])) is None               # a null cell
    assert short_text_keys(pa.array([1, 2])) is None                    # not text
    long_cells = pa.array(["E000000001", "E000000002", "E000000001", ""], pa.large_string())
    codes, words = arrow_text_codes(long_cells)                         # Arrow's encoding then
    assert codes.tolist() == [0, 1, 0, -1] and list(words) == ["E000000001", "E000000002"]


@pytest.mark.parametrize("large", [False, True])
def test_positions_as_index_in(large):
    typ = pa.large_string() if large else pa.string()
    ids = pa.chunked_array([pa.array(["C01", "C02", "C03"], typ), pa.array(["C04", "C0000005"], typ)])
    values = pa.chunked_array([pa.array(["C02", "", "C09", "C0000005"], typ), pa.array(["C01", "C0"], typ)])
    want = pc.index_in(values, value_set=ids.combine_chunks()).fill_null(-1).to_numpy(zero_copy_only=False)
    got = short_text_positions(values, ids)
    assert got is not None and got.dtype == np.int64
    assert got.tolist() == list(want) == [1, -1, -1, 4, 0, -1]
    assert _arrow_index_in(values, ids).tolist() == list(want)
    # a long id on either side: Arrow's lookup, the same answer
    longer = pa.array(["C02", "C0000000009"], typ)
    assert short_text_positions(longer, ids) is None
    assert _arrow_index_in(longer, ids).tolist() == [1, -1]


def test_random_short_cells_match_arrow():
    rng = np.random.default_rng(15)
    alphabet = np.array(list("ab0é"))
    cells = ["".join(rng.choice(alphabet, size=rng.integers(0, 5))) for _ in range(3000)]
    cells = [c for c in cells if len(c.encode()) <= 8]
    arrow = pa.chunked_array([pa.array(cells[:1000], pa.large_string()), pa.array(cells[1000:], pa.large_string())])
    codes, words = arrow_text_codes(arrow)
    want_codes, want_words = _arrow_codes(arrow)
    assert codes.tolist() == want_codes.tolist() and list(words) == want_words
    ids = pa.array(sorted(set(cells[::7])), pa.large_string())
    want = pc.index_in(arrow, value_set=ids).fill_null(-1).to_numpy(zero_copy_only=False)
    assert _arrow_index_in(arrow, ids).tolist() == list(want)


@pytest.mark.parametrize("width", [1, 3, 8, 9])
def test_bisected_parents_as_arrow_finds_them(width):
    """`_bisected_positions` (fixed-width ascending ids; as big-endian integers up to 8 bytes) finds what Arrow's
    index_in finds, whatever the width; wanted texts of other widths are absent."""
    from core.concentration.tabular import _bisected_positions

    rng = np.random.default_rng(width)
    alphabet = list("0129AZaz~")
    pool = sorted({"".join(rng.choice(alphabet, size=width)) for _ in range(400)})
    ids = pa.array(pool, pa.large_string())
    wanted = list(dict.fromkeys(rng.choice(pool, size=60).tolist() + ["", "0" * (width + 1), "\x01" * width]))
    wanted_arrow = pa.array(wanted, pa.large_string())
    got = _bisected_positions(ids, wanted_arrow)
    assert got is not None
    want = pc.index_in(wanted_arrow, value_set=ids).fill_null(-1).to_numpy(zero_copy_only=False)
    assert got.tolist() == list(want)


def test_fen_all_ok_gives_read_only_blank_reasons():
    from core.concentration.tabular import parse_fen

    cells = pa.array(["1.25", "100", "0.5", "-3.10"], pa.large_string())
    fen, ok, reasons = parse_fen(None, 1, cells)
    assert fen.tolist() == [125, 10000, 50, -310] and ok.all() and fen.dtype == np.int64
    assert reasons.tolist() == ["", "", "", ""] and not reasons.flags.writeable
    fen, ok, reasons = parse_fen(None, 1, pa.array(["1.25", "x", "1.005"], pa.large_string()))
    assert fen.tolist() == [125, 0, 0] and ok.tolist() == [True, False, False]
    assert reasons.tolist() == ["", "not_a_number", "too_many_decimals"]
