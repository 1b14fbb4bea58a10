"""Reading and validating on Arrow cells (issue 15): a plain CSV's columns stay pyarrow arrays until a check or
the caller asks for Python strings, the exposures' checks on Arrow cells alone run ahead in a second thread,
ids written in order are found unique without hashing. None of it may change a figure or a message: every
problem (code, file, row, column, value, details) and every frame is compared here with what pandas' reader
alone gives (the path taken for GB18030, quoted or ragged files) and with the checks run in one thread.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from core.concentration import importer, tabular
from core.concentration.importer import SPECS, load_group_data
from core.concentration.tabular import Problems, arrow_ascending, exact_sums_by, read_csv_table
from tests.conftest import EXAMPLES

SMALL = EXAMPLES / "small-group"
N = 3_000           # above the reader's sample of 1,024 rows, so every conversion path is taken


def _write(folder, spoil=None, n: int = N, n_cp: int = 400) -> None:
    """A plain UTF-8 group folder (pyarrow's reader takes it): holdings, look-through underlyings, a product of
    a member, flags, amounts; `spoil(exposures, counterparties)` edits the two frames (all text) first."""
    for name in ("group.csv", "members.csv", "limits.csv"):
        (folder / name).write_bytes((SMALL / name).read_bytes())
    rng = np.random.default_rng(15)
    cp_ids = np.array([f"C{i:05d}" for i in range(n_cp)], dtype=object)
    cps = pd.DataFrame({
        "counterparty_id": cp_ids, "name": [f"公司{i}" for i in range(n_cp)],
        "parent_id": np.where(np.arange(n_cp) % 7 == 3, cp_ids[np.arange(n_cp) // 7], ""),
        "connected_label": np.where(np.arange(n_cp) % 50 == 0, "L1", ""),
        "industry": rng.choice(["K70", "J66", "C35"], n_cp), "region": rng.choice(["CN-BJ", "CN-SH"], n_cp),
        "related_party": rng.choice(["false", "true"], n_cp), "exempt": "false", "group_member": ""})
    cps.loc[1, "group_member"] = "AM"           # a member as counterparty: its products are looked at
    n_hold = n * 9 // 10
    ids = np.array([f"E{i:06d}" for i in range(n)], dtype=object)
    parent = np.full(n, "", dtype=object)
    parent[n_hold:] = ids[rng.integers(0, 50, n - n_hold)]      # underlyings of the first 50 holdings
    amount = rng.integers(10**6, 10**8, n).astype(str).astype(object)
    amount[n_hold:] = "1.25"
    exps = pd.DataFrame({
        "exposure_id": ids, "member_id": np.where(parent == "", rng.choice(["LIFE", "PC", "AM"], n), ""),
        "counterparty_id": cp_ids[rng.integers(0, n_cp, n)], "instrument_id": [f"I{i % 2_500}" for i in range(n)],
        "asset_class": rng.choice(["liquidity", "fixed_income", "equity", "other_financial"], n),
        "overseas": rng.choice(["false", "true"], n), "on_balance": rng.choice(["true", "", "false"], n),
        "amount": amount,
        "parent_exposure_id": parent, "exempt_single_asset": np.where(np.arange(n) % 100 == 0, "true", "")})
    exps.loc[n_hold - 1, "counterparty_id"] = "C00001"         # a holding of the member's product
    if spoil is not None:
        spoil(exps, cps)
    exps.to_csv(folder / "exposures.csv", index=False)
    cps.to_csv(folder / "counterparties.csv", index=False)


def _spoiled(exps: pd.DataFrame, cps: pd.DataFrame) -> None:
    """Problems in columns the checks read from Arrow cells (amounts, flags, choices, ids, parents)."""
    exps.loc[10, "amount"] = "12.345"                   # too many decimals
    exps.loc[11, "amount"] = "n/a"                      # not a number
    exps.loc[12, "amount"] = "-5"                       # negative
    exps.loc[13, "amount"] = "2E+3"                     # exponent, exact: accepted
    exps.loc[14, "overseas"] = "maybe"                  # not a boolean
    exps.loc[15, "asset_class"] = "crypto"              # unknown choice
    exps.loc[16, "member_id"] = "NOPE"                  # unknown member
    exps.loc[17, "counterparty_id"] = "C99999"          # unknown counterparty
    exps.loc[18, "exposure_id"] = exps.loc[19, "exposure_id"]   # a repeated id (not in order any more)
    exps.loc[len(exps) - 1, "parent_exposure_id"] = "E999999"   # unknown parent exposure
    exps.loc[20, "instrument_id"] = ""                  # a holding without instrument
    cps.loc[5, "parent_id"] = "C77777"                  # unknown parent: a warning, and made blank
    cps.loc[8, "parent_id"] = "C00009"                  # C00008 -> C00009 -> C00008: a cycle
    cps.loc[9, "parent_id"] = "C00008"
    cps.loc[30, "related_party"] = "perhaps"


def _load(folder, monkeypatch, arrow: bool = True, ahead: bool = True):
    """load_group_data with pyarrow's reader or pandas' alone, with or without the checks run ahead; the
    tables as read are kept (`.tables`) to look at what was made Python strings."""
    tables = {}
    real = tabular.read_csv_table

    def spy(path, spec, label, problems, *rest):
        table = real(path, spec, label, problems, *rest)
        tables[spec.name] = table
        return table

    with monkeypatch.context() as m:
        if not arrow:
            m.setattr(tabular, "_arrow_csv", lambda: None)
        if not ahead:
            m.setattr(importer, "_start_ahead", lambda *args: None)
        m.setattr(importer, "read_csv_table", spy)
        result = load_group_data(folder)
    result.tables = tables
    return result


def _problems(result) -> list[tuple]:
    return [(p.code, p.file, p.row, p.column, p.value, p.severity, tuple(sorted(p.detail.items())))
            for p in result.problems]


def test_a_plain_files_amounts_and_flags_never_become_python_strings(tmp_path, monkeypatch):
    """The amounts, flags and (since issue 15's id columns) the exposures' ids are checked on the Arrow cells:
    the table never holds them as Python strings (a million of them each at 1M exposures)."""
    _write(tmp_path)
    result = _load(tmp_path, monkeypatch)
    assert result.ok, result.errors[:3]
    exposures = result.tables["exposures"]
    assert {"amount", "overseas", "on_balance", "exempt_single_asset", "asset_class"}.isdisjoint(exposures.cells.columns)
    assert {"exposure_id", "member_id", "counterparty_id", "instrument_id",
            "parent_exposure_id"}.isdisjoint(exposures.cells.columns)
    assert {"related_party", "exempt"}.isdisjoint(result.tables["counterparties"].cells.columns)
    # what the engine receives (model.py): exposure and instrument ids as pandas' Arrow-backed `str`, the other
    # ids as object columns, None for blanks, fen as int64
    data = result.data.exposures
    assert data["amount_fen"].dtype == np.int64 and data["exposure_id"].dtype == "str"
    assert data["parent_exposure_id"].iloc[0] is None and isinstance(data["parent_exposure_id"].iloc[-1], str)
    assert data["member_id"].notna().all()          # underlyings got their holding's member


def test_same_problems_and_frames_as_pandas_reader_and_one_thread(tmp_path, monkeypatch):
    """A spoiled plain folder: pyarrow's reader with the checks ahead, the same without them, and pandas'
    reader alone report exactly the same problems, in the same order, with the same cells and details."""
    _write(tmp_path, _spoiled)
    fast = _load(tmp_path, monkeypatch)
    one_thread = _load(tmp_path, monkeypatch, ahead=False)
    slow = _load(tmp_path, monkeypatch, arrow=False)
    got = _problems(fast)
    assert got == _problems(one_thread) == _problems(slow)
    codes = {p[0] for p in got}
    assert {"too_many_decimals", "not_a_number", "negative_amount", "not_a_boolean", "unknown_choice",
            "unknown_member", "unknown_counterparty", "duplicate_id", "unknown_parent_exposure", "missing_value",
            "unknown_parent", "counterparty_cycle"} <= codes
    bad = {(p[0], p[2]): p[4] for p in got}
    assert bad[("too_many_decimals", 12)] == "12.345" and bad[("not_a_boolean", 16)] == "maybe"
    assert ("not_a_number", 15) not in bad          # 2E+3 is exact to the fen
    for name in ("exposures", "counterparties"):
        pd.testing.assert_frame_equal(fast.tables[name].frame, slow.tables[name].frame)


def test_same_data_with_and_without_the_checks_ahead(tmp_path, monkeypatch):
    """A clean folder: the frames the engine receives and the warnings are the same however it was read."""
    _write(tmp_path)
    fast = _load(tmp_path, monkeypatch)
    one_thread = _load(tmp_path, monkeypatch, ahead=False)
    slow = _load(tmp_path, monkeypatch, arrow=False)
    assert fast.ok and one_thread.ok and slow.ok
    assert "member_product_without_underlyings" in {p.code for p in fast.warnings}
    assert _problems(fast) == _problems(one_thread) == _problems(slow)
    for attr in ("exposures", "counterparties", "members", "limits"):
        pd.testing.assert_frame_equal(getattr(fast.data, attr), getattr(slow.data, attr))
        pd.testing.assert_frame_equal(getattr(fast.data, attr), getattr(one_thread.data, attr))


def test_a_placeholder_counterparty_is_looked_up_as_before(tmp_path, monkeypatch):
    """UNKNOWN as counterparty (the uncovered bucket) is blanked before the lookup: the lookup started ahead
    stands aside and the result is the one-thread result."""
    def unknown(exps, cps):
        exps.loc[3, "counterparty_id"] = "UNKNOWN"
    _write(tmp_path, unknown)
    fast = _load(tmp_path, monkeypatch)
    slow = _load(tmp_path, monkeypatch, ahead=False)
    assert fast.ok and fast.data.exposures["counterparty_id"].iloc[3] is None
    pd.testing.assert_frame_equal(fast.data.exposures, slow.data.exposures)


def test_a_lazy_table_gives_its_frame_when_asked(tmp_path):
    """`Table.frame` turns every remaining Arrow column into Python strings, in the spec's order; a problem's
    cells are read from Arrow for its rows only (`texts`)."""
    _write(tmp_path)
    table = read_csv_table(tmp_path / "exposures.csv", SPECS["exposures"], "exposures.csv", Problems())
    assert table.lazy and len(table.cells.columns) == 0
    assert table.texts("amount", np.array([0, 2700])).tolist() == [table.lazy["amount"][0].as_py(), "1.25"]
    assert "amount" not in table.cells.columns
    frame = table.frame
    assert list(frame.columns) == [c for c in SPECS["exposures"].columns if c in frame.columns]
    assert frame["amount"].iat[2700] == "1.25" and frame.index[0] == 2 and len(frame) == N


def test_ids_in_order_are_unique_by_one_comparison():
    assert arrow_ascending(pa.chunked_array([pa.array(["A1", "A2"]), pa.array(["A3", "B"])]))
    assert not arrow_ascending(pa.array(["A1", "A1", "A2"]))       # a repeat
    assert not arrow_ascending(pa.array(["B", "A"]))              # not in order: hashed as before
    assert arrow_ascending(pa.array(["only"])) and not arrow_ascending(None)


def test_exact_sums_by_key_are_exact_near_the_int64_limit():
    big = 2**62
    keys = np.array(["A", "B", "A", None, "B", "A"], dtype=object)
    fen = np.array([big, -5, big, 7, 3, 1], dtype=np.int64)
    assert exact_sums_by(keys, fen) == {"A": 2 * big + 1, "B": -2}   # 2**63 + 1 does not fit int64
    assert list(exact_sums_by(keys, fen)) == ["A", "B"]               # in order of first appearance
    assert exact_sums_by(np.array([], dtype=object), np.array([], dtype=np.int64)) == {}


def _roots_reference(ppos: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every row stepped up its parent chain one by one: the root it reaches, or stuck on a cycle."""
    n = len(ppos)
    root, stuck = np.arange(n), np.zeros(n, dtype=bool)
    for i in range(n):
        seen, node = set(), i
        while ppos[node] >= 0 and node not in seen:
            seen.add(node)
            node = ppos[node]
        root[i], stuck[i] = node, ppos[node] >= 0
    return root, stuck


def test_roots_and_cycles_step_only_the_rows_that_move():
    """Pointer jumping over the rows with a parent only finds the same roots and the same rows on (or
    below) a cycle as following every chain; a root's own row is its root."""
    from core.concentration.tabular import roots_and_cycles

    rng = np.random.default_rng(3)
    for n in (1, 2, 50, 2_000):
        ppos = np.where(rng.random(n) < 0.6, rng.integers(0, n, n), -1)
        ppos[: n // 3] = -1                                  # roots, so that chains usually end
        root, stuck = roots_and_cycles(ppos)
        ref_root, ref_stuck = _roots_reference(ppos)
        assert stuck.tolist() == ref_stuck.tolist()
        assert root[~stuck].tolist() == ref_root[~stuck].tolist()
    ppos = np.array([1, 0, 0, -1, 3, 4, 6])                  # 0 <-> 1 (and 2 below), 6 its own parent
    root, stuck = roots_and_cycles(ppos)
    assert stuck.tolist() == [True, True, True, False, False, False, True]
    assert root[[3, 4, 5]].tolist() == [3, 3, 3]
