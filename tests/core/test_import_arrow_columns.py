"""The reader keeps a plain CSV's Arrow columns for flags, amounts and the look-through ids (issue 15), and the
importer's checks then run on them in C. Each such check must answer exactly as on the Python strings: same
values, same ok masks, same reasons, same parent positions — including the spellings Arrow refuses and
Python accepts (those fall back to the strings)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from core.concentration.importer import SPECS
from core.concentration.tabular import (
    Problems,
    arrow_parent_positions,
    parent_positions,
    parse_bool,
    parse_fen,
    read_csv_table,
    release_arrow,
)


def both(fn, cells, *args):
    """fn on the Python strings alone, and with the same cells as an Arrow array (chunked, as read)."""
    series = pd.Series(cells, dtype=object)
    arrow = pa.chunked_array([pa.array(cells[:3], pa.string()), pa.array(cells[3:], pa.string())])
    return fn(series, *args), fn(series, *args, arrow)


def test_flags_from_arrow_codes_are_the_flags_from_strings():
    cells = ["true", "FALSE", "", "是", "否", "Yes", "n", "maybe", "1", "0.0", "T", "√", "x", "", "true"]
    for default in (False, True):
        (v1, ok1), (v2, ok2) = both(parse_bool, cells, default)
        assert v1.tolist() == v2.tolist() and ok1.tolist() == ok2.tolist()
        assert ok1.tolist().count(False) == 2          # maybe, x


def test_amounts_cast_by_arrow_are_the_amounts_from_strings():
    plain = ["1", "2.5", "-3.75", "+4", ".5", "5.", "1234567.89", "0.10", "12.300", "99999999999.99", "0"]
    odd = plain + ["1,234.50", "1_000", "1e5", "12.345", "9" * 25, "nan", "inf", "abc", " 7", "١٢"]
    beyond = plain + ["1.500", "12.345", "1e2", "2E+10", "0.001", "5.10", "-0.0050", "1.23456789", "inf"]
    for cells in (plain, beyond, odd):
        for scale in (1, 10_000):
            (f1, ok1, r1), (f2, ok2, r2) = both(parse_fen, cells, scale)
            assert f1.tolist() == f2.tolist() and ok1.tolist() == ok2.tolist() and r1.tolist() == r2.tolist()
    (fen, ok, reasons), _ = both(parse_fen, odd, 1)
    assert fen[plain.index("2.5")] == 250 and not ok[odd.index("12.345")] and reasons[odd.index("abc")] == "not_a_number"


def test_parent_positions_by_arrow_are_those_of_the_index():
    rng = np.random.default_rng(7)
    ids = np.array([f"E{i:05d}" for i in rng.permutation(5000)], dtype=object)
    parents = np.full(len(ids), "", dtype=object)
    under = rng.random(len(ids)) < 0.4
    parents[under] = ids[rng.integers(0, 200, under.sum())]          # few distinct parents
    parents[np.flatnonzero(under)[:5]] = "NOPE"                       # unknown parent
    parents[10] = ids[10]                                             # its own parent (a cycle)
    has = parents != ""
    got = arrow_parent_positions(pa.chunked_array([pa.array(ids[:1000]), pa.array(ids[1000:])]),
                                 pa.chunked_array([pa.array(parents)]), has)
    assert got.tolist() == parent_positions(ids, parents).tolist()
    assert got[10] == 10 and (got[np.flatnonzero(under)[:5]] == -1).all()


def test_the_reader_keeps_arrow_columns_only_for_cells_as_read(tmp_path):
    spec = SPECS["exposures"]
    header = ("exposure_id,member_id,counterparty_id,instrument_id,asset_class,amount,overseas,on_balance,"
              "parent_exposure_id\n")
    rows = "".join(f"E{i},LIFE,C{i},P{i},fixed_income,{i}.5,false,true,\n" for i in range(2000))
    path = tmp_path / "exposures.csv"
    path.write_text(header + rows, encoding="utf-8")
    table = read_csv_table(path, spec, "exposures.csv", Problems())
    assert {"amount", "overseas", "exposure_id", "parent_exposure_id"} <= set(table.arrow)
    assert table.arrow["amount"].to_pylist() == table.frame["amount"].tolist()

    # a cell with spaces around it is stripped after reading: the Arrow cells are not the frame's any more
    path.write_text(header + rows.replace("E5,LIFE", "E5, LIFE "), encoding="utf-8")
    table = read_csv_table(path, spec, "exposures.csv", Problems())
    assert table.arrow == {} and table.frame["member_id"].iat[5] == "LIFE"

    # a blank line is dropped: rows no longer line up
    path.write_text(header + rows.replace("\nE7,", "\n,,,,,,,,\nE7,"), encoding="utf-8")
    table = read_csv_table(path, spec, "exposures.csv", Problems())
    assert table.arrow == {} and len(table.frame) == 2000


def test_kept_arrow_columns_are_let_go_once_checked(tmp_path):
    """load_group_data lets go of them before it returns (an evaluation follows; see release_arrow)."""
    spec = SPECS["exposures"]
    path = tmp_path / "exposures.csv"
    path.write_text("exposure_id,member_id,counterparty_id,instrument_id,asset_class,amount,overseas,on_balance,"
                    "parent_exposure_id\n" + "".join(f"E{i},LIFE,C{i},P{i},fixed_income,1,false,true,\n"
                                                     for i in range(2000)), encoding="utf-8")
    table = read_csv_table(path, spec, "exposures.csv", Problems())
    assert table.arrow
    release_arrow([table, None])
    assert table.arrow == {}


def test_counterparty_positions_from_the_readers_arrow_cells_are_those_of_the_strings():
    from core.concentration.keys import positions_in

    ids = np.array([f"C{i}" for i in range(300)], dtype=object)
    values = np.array([f"C{i}" for i in range(0, 600, 2)] + ["", "C7", "c7"], dtype=object)
    plain = positions_in(values, ids)
    assert positions_in(values, ids, pa.chunked_array([pa.array(values.tolist(), pa.string())])).tolist() \
        == plain.tolist()
    assert plain[-3:].tolist() == [-1, 7, -1] and (plain[150:300] == -1).all()
