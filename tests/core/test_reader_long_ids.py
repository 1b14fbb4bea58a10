"""Ids longer than 8 bytes (an ISIN, a unified social credit code) hashed by their 8-byte words
(`tabular.text_positions`, `arrow_text_codes`): exactly the positions Arrow's `index_in` gives and the codes
its dictionary encoding gives, whatever the widths (1-40 bytes, mixed), chunks, slices, blanks, NUL bytes,
and when two texts have one hash (told apart by their words, or left to Arrow)."""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from core.concentration import tabular
from core.concentration.importer import _arrow_index_in
from core.concentration.tabular import arrow_text_codes, text_positions
from tests.core.reader_helpers import arrow_codes as _arrow_codes


def _index_in(values, ids):
    ids = ids.combine_chunks() if hasattr(ids, "combine_chunks") else ids
    return list(pc.index_in(values, value_set=ids).fill_null(-1).to_numpy(zero_copy_only=False))


def _random_cells(rng, n, widths, alphabet="0129AZaz~é"):
    letters = np.array(list(alphabet))
    return ["".join(rng.choice(letters, size=int(w))) for w in rng.choice(widths, size=n)]


def _split(cells, typ, rng, sliced):
    """`cells` as a chunked array of a few chunks (one empty), or as a slice of a longer array."""
    if sliced:
        return pa.array(["padding-cell-before-0123456789"] + cells + ["after"], typ).slice(1, len(cells))
    cuts = sorted(rng.choice(len(cells) + 1, size=3).tolist())
    parts = [cells[:cuts[0]], cells[cuts[0]:cuts[1]], [], cells[cuts[1]:cuts[2]], cells[cuts[2]:]]
    return pa.chunked_array([pa.array(p, typ) for p in parts], typ)


WIDTHS = {"fixed_12": [12], "fixed_20": [20], "fixed_40": [40], "mixed_1_40": list(range(1, 41)),
          "mixed_with_blanks": [0, 0, 5, 9, 16, 17, 18], "around_8": [7, 8, 9]}


@pytest.mark.parametrize("widths", sorted(WIDTHS))
@pytest.mark.parametrize("large", [False, True])
@pytest.mark.parametrize("sliced", [False, True])
def test_codes_and_positions_as_arrow_gives_them(widths, large, sliced):
    rng = np.random.default_rng(len(widths) * 7 + large + 2 * sliced)
    typ = pa.large_string() if large else pa.string()
    pool = _random_cells(rng, 600, WIDTHS[widths], alphabet="01")     # a small alphabet: repeated cells
    pool += _random_cells(rng, 600, WIDTHS[widths])
    cells = rng.choice(pool, size=3000).tolist()
    arrow = _split(cells, typ, rng, sliced)
    codes, words = arrow_text_codes(arrow)
    want_codes, want_words = _arrow_codes(arrow)
    assert codes.dtype == np.int64
    assert codes.tolist() == want_codes.tolist() and list(words) == want_words
    ids = sorted(set(pool[::3]))
    id_arrow = _split(ids, typ, rng, not sliced)
    got = text_positions(arrow, id_arrow)
    want = _index_in(arrow, id_arrow)
    assert (got is not None and got.dtype == np.int64) or max(map(len, cells + ids)) <= 8
    assert _arrow_index_in(arrow, id_arrow).tolist() == want
    assert -1 in want and any(w >= 0 for w in want)


def test_credit_codes_and_isins():
    ids = [f"91310000{i:06d}MA1234" for i in range(50)]
    values = pa.chunked_array([pa.array(ids[::-1] + ["91310000000000MA123", "91310000000000MA12345", ""]),
                               pa.array(["ZZ", ids[7]])])
    got = text_positions(values, pa.array(ids))
    assert got is not None and got.tolist() == list(range(49, -1, -1)) + [-1, -1, -1, -1, 7]
    isins = pa.array(["CNP000000001", "CNP000000002", "", "CNP000000001", "CNP00000000", "CNP000000002"])
    codes, words = arrow_text_codes(isins)
    assert codes.tolist() == [0, 1, -1, 0, 2, 1] and list(words) == ["CNP000000001", "CNP000000002", "CNP00000000"]


def test_nul_bytes_are_told_apart_by_length():
    cells = ["A" * 9, "A" * 9 + "\0", "A" * 9 + "\0\0", "\0" * 10, "\0" * 11, "", "A" * 9, "\0" * 10]
    arrow = pa.array(cells)
    codes, words = arrow_text_codes(arrow)
    want_codes, want_words = _arrow_codes(arrow)
    assert codes.tolist() == want_codes.tolist() == [0, 1, 2, 3, 4, -1, 0, 3] and list(words) == want_words
    ids = pa.array(cells[:5])
    assert text_positions(arrow, ids).tolist() == _index_in(arrow, ids) == [0, 1, 2, 3, 4, -1, 0, 3]


def test_refusals_leave_arrow_to_it():
    assert text_positions(pa.array(["A" * 9, None]), pa.array(["A" * 9])) is None        # a null cell
    assert text_positions(pa.array(["A", "A\0"]), pa.array(["A"])) is None             # short, a NUL byte
    assert _arrow_index_in(pa.array(["A", "A\0"]), pa.array(["A\0"])).tolist() == [-1, 0]
    assert text_positions(pa.array([], pa.string()), pa.array(["A" * 9])).tolist() == []


def test_equal_hashes_are_told_apart(monkeypatch):
    """A hash that collides often (a cell's first byte): a wanted text with an id's hash but other words is
    no id; ids with one hash, or cells of one code with other words, leave the work to Arrow."""
    monkeypatch.setattr(tabular, "_text_hashes", lambda words, lengths: words[:, 0] & np.uint64(0xFF))
    ids = pa.array(["A" * 12, "B" * 12, "C" * 20])
    values = pa.array(["A" * 12, "A" * 11 + "B", "C" * 20, "C" * 19, "B" * 12, "D" * 12])
    assert text_positions(values, ids).tolist() == [0, -1, 2, -1, 1, -1]
    assert text_positions(values, pa.array(["A" * 12, "A" * 13])) is None                 # one hash
    assert _arrow_index_in(values, pa.array(["A" * 12, "A" * 13])).tolist() == [0, -1, -1, -1, -1, -1]
    assert tabular._long_text_codes(values) is None
    codes, words = arrow_text_codes(values)                                                 # Arrow's
    assert codes.tolist() == [0, 1, 2, 3, 4, 5] and list(words) == values.to_pylist()
