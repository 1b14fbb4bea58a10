"""Issue 15 (IDS2): the reading shortcuts give what the plain paths give.

The amounts' exponent check is skipped when the column's character data hold no 'e' or 'E' (one search
of the buffer): the fen, the ok mask and the reasons must be those of the Python-string path, also for a
sliced array whose buffer holds an exponent outside the slice. The asset classes' codes are encoded once
for the check and the engine: the same as encoding them for each."""
from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from core.concentration import tabular
from core.concentration.importer import ASSET_CLASS_ALIASES, _asset_class_codes, load_group_data, read_with_extras
from tests.conftest import EXAMPLES

CASES = [
    ["1.5", "2.25", "3", "-4.10"],
    ["1.5", "2e3", "3", "1E2"],
    ["1.123", "5", "7.100", "1.2e-3"],
    ["12.345e1", "0.001", "1e400", "9"],
]


def _plain(cells: list[str]) -> tuple:
    return tabular.parse_fen(pd.Series(cells, dtype=object), 1)


@pytest.mark.parametrize("cells", CASES)
@pytest.mark.parametrize("scale", [1, 10000])
def test_fen_on_arrow_cells_is_the_python_paths(cells: list[str], scale: int) -> None:
    plain = tabular.parse_fen(pd.Series(cells, dtype=object), scale)
    for arrow in (pa.array(cells, type=pa.large_string()),
                  pa.chunked_array([pa.array(cells[:2], type=pa.large_string()),
                                    pa.array(cells[2:], type=pa.large_string())])):
        got = tabular.parse_fen(None, scale, arrow)
        for a, b in zip(got, plain):
            assert np.array_equal(a, b), (cells, scale, got, plain)


def test_an_exponent_outside_a_slice_only_means_looking_cell_by_cell() -> None:
    whole = pa.array(["1e5", "1.5", "2", "3E1"], type=pa.large_string())
    inner = whole.slice(1, 2)
    assert not tabular._bytes_absent(inner, (b"e", b"E"))      # the buffer's bytes beyond the slice
    assert tabular._bytes_absent(pa.array(["1.5", "2"], type=pa.large_string()), (b"e", b"E"))
    got = tabular.parse_fen(None, 1, inner)
    assert got[0].tolist() == [150, 200] and got[1].all()
    # the last cell of a slice with an exponent is still found
    tail = whole.slice(2)
    assert tabular.parse_fen(None, 1, tail)[0].tolist() == [200, 3000]


def test_an_empty_column_has_no_exponent() -> None:
    assert tabular._bytes_absent(pa.array(["", ""], type=pa.large_string()), (b"e",))


def test_asset_classes_encoded_once_give_the_same_codes() -> None:
    cells = pa.array(["bond", "Bond", "", "equity", "nonsense", "bond"], type=pa.large_string())
    found = tabular.text_codes(None, cells)
    for a, b in zip(tabular.choice_codes(None, ASSET_CLASS_ALIASES, cells, found),
                    tabular.choice_codes(None, ASSET_CLASS_ALIASES, cells)):
        assert np.array_equal(a, b)
    for a, b in zip(_asset_class_codes(cells, found), _asset_class_codes(cells)):
        assert np.array_equal(a, b)


def test_the_content_hash_in_its_own_thread_is_the_files_hash() -> None:
    folder = EXAMPLES / "small-group"
    result = load_group_data(folder)
    assert result.ok, result.problems
    h = hashlib.sha256()
    for p in sorted(folder.glob("*.csv"), key=lambda q: q.name):
        h.update(p.name.encode("utf-8") + b"\0" + p.read_bytes() + b"\0")
    assert result.data.meta["content_sha256"] == h.hexdigest()


def test_a_reading_that_stores_nothing_does_not_hash_the_files(monkeypatch) -> None:
    # the `concentration` command's reading: the same data and problems, no hash worked out (None), and the
    # files' bytes not kept for one; an import's reading (the default) still hashes them
    folder = EXAMPLES / "small-group"
    from core.concentration import importer

    hashed: list[int] = []
    real = importer._Source.content_sha256
    monkeypatch.setattr(importer._Source, "content_sha256", lambda self: hashed.append(1) or real(self))
    unhashed = read_with_extras(folder)
    assert unhashed.meta["content_sha256"] is None and not hashed
    loaded = load_group_data(folder)
    assert hashed and loaded.data.meta["content_sha256"] is not None
    assert [x.code for x in loaded.problems] == [x.code for x in unhashed.meta["warnings"]]
    pd.testing.assert_frame_equal(unhashed.exposures, loaded.data.exposures)
    pd.testing.assert_frame_equal(unhashed.counterparties, loaded.data.counterparties)
