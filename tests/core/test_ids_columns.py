"""The exposures' million-row id columns without a million Python strings (issue 15).

A plain CSV's exposure and instrument ids go into the frame as the Arrow text pyarrow read (pandas' `str`
dtype, model.TEXT_DTYPE); the member, counterparty and parent ids are object columns whose rows point at a few
shared strings (the counterparties' own ids, one string per holding named as a parent), built from the codes
the checks found. Whatever the reader, the frames are the same, the engine's results are the same as from
object columns, and the positions the importer found are handed to the engine while the columns are unchanged.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from core.concentration import aggregate, tabular
from core.concentration.engine import evaluate, result_to_json
from core.concentration.importer import load_group_data
from core.concentration.model import ARROW_TEXT_COLUMNS, TEXT_DTYPE, UNKNOWN
from tests.conftest import EXAMPLES

SMALL = EXAMPLES / "small-group"
N = 3_000           # above the reader's sample of 1,024 rows, so every conversion path is taken


def _write(folder, n: int = N, n_cp: int = 300, placeholder: bool = False) -> None:
    """A plain UTF-8 group folder: holdings, underlyings (some with no instrument, at two levels), members
    filled in from the holding, a member's product, counterparties with parents."""
    for name in ("group.csv", "members.csv", "limits.csv"):
        (folder / name).write_bytes((SMALL / name).read_bytes())
    rng = np.random.default_rng(25)
    cp_ids = np.array([f"C{i:05d}" for i in range(n_cp)], dtype=object)
    cps = pd.DataFrame({
        "counterparty_id": cp_ids, "name": [f"公司{i}" for i in range(n_cp)],
        "parent_id": np.where(np.arange(n_cp) % 9 == 4, cp_ids[np.arange(n_cp) // 9], ""),
        "connected_label": "", "industry": rng.choice(["K70", "J66"], n_cp),
        "region": rng.choice(["CN-BJ", "CN-SH"], n_cp), "related_party": "false", "exempt": "false",
        "group_member": ""})
    cps.loc[2, "group_member"] = "AM"
    n_hold = n * 8 // 10
    ids = np.array([f"E{i:06d}" for i in range(n)], dtype=object)
    parent = np.full(n, "", dtype=object)
    parent[n_hold:] = ids[rng.integers(0, 40, n - n_hold)]               # underlyings of 40 holdings
    parent[n - 50:] = ids[n_hold:n_hold + 50]                            # and a second level
    member = np.where(parent == "", rng.choice(["LIFE", "PC", "AM"], n), "")
    instrument = np.array([f"I{i % 2_000}" for i in range(n)], dtype=object)
    instrument[n_hold::3] = ""                                           # underlyings without an instrument
    amount = rng.integers(10**8, 10**9, n).astype(str).astype(object)
    amount[n_hold:] = "1.25"
    exps = pd.DataFrame({
        "exposure_id": ids, "member_id": member, "counterparty_id": cp_ids[rng.integers(0, n_cp, n)],
        "instrument_id": instrument, "asset_class": rng.choice(["liquidity", "equity", "other_financial"], n),
        "overseas": rng.choice(["false", "true"], n), "on_balance": "true", "amount": amount,
        "parent_exposure_id": parent})
    exps.loc[5, "counterparty_id"] = ""                                  # a holding without a counterparty
    if placeholder:
        exps.loc[7, "counterparty_id"] = UNKNOWN
    exps.to_csv(folder / "exposures.csv", index=False)
    cps.to_csv(folder / "counterparties.csv", index=False)


def _load(folder, monkeypatch, arrow: bool = True):
    """load_group_data with pyarrow's reader (and the checks ahead) or pandas' reader alone; the lengths of
    the Arrow columns made Python strings are recorded (`.converted`)."""
    converted: list[int] = []
    real = tabular._arrow_objects

    def spy(pc, col):
        converted.append(len(col))
        return real(pc, col)

    with monkeypatch.context() as m:
        m.setattr(tabular, "_arrow_objects", spy)
        if not arrow:
            m.setattr(tabular, "_arrow_csv", lambda: None)
        result = load_group_data(folder)
    result.converted = converted
    return result


def test_a_plain_files_ids_are_not_made_a_python_string_per_row(tmp_path, monkeypatch):
    _write(tmp_path)
    result = _load(tmp_path, monkeypatch)
    assert result.ok, result.errors[:3]
    assert N not in result.converted          # no exposure column was turned into N Python strings
    exp, cps = result.data.exposures, result.data.counterparties
    for col in ARROW_TEXT_COLUMNS:
        assert exp[col].dtype == TEXT_DTYPE
    for col in ("member_id", "counterparty_id", "parent_exposure_id", "asset_class"):
        assert exp[col].dtype == object
    # the counterparty ids are the counterparties' own strings; the parents, one string per holding
    own = {id(s) for s in cps["counterparty_id"]}
    assert all(id(s) in own for s in exp["counterparty_id"].dropna())
    parents = exp["parent_exposure_id"].dropna().tolist()
    assert len({id(s) for s in parents}) == len(set(parents)) < len(parents)
    # missing cells: None in the object columns, NaN (pd.isna) in the Arrow text
    assert exp["counterparty_id"].iat[5] is None and exp["parent_exposure_id"].iat[0] is None
    under = exp["parent_exposure_id"].notna().to_numpy()
    assert exp["member_id"][under].notna().all()                    # filled in from the holding
    assert exp["instrument_id"][under].isna().any() and exp["instrument_id"][~under].notna().all()


def test_the_same_frames_whichever_reader(tmp_path, monkeypatch):
    for placeholder in (False, True):
        _write(tmp_path, placeholder=placeholder)
        fast, slow = _load(tmp_path, monkeypatch), _load(tmp_path, monkeypatch, arrow=False)
        assert fast.ok and slow.ok
        for attr in ("exposures", "counterparties"):
            pd.testing.assert_frame_equal(getattr(fast.data, attr), getattr(slow.data, attr), check_exact=True)
        assert (fast.data.exposures["counterparty_id"].iat[7] is None) == placeholder


def test_the_engine_gives_the_same_results_as_from_object_columns(tmp_path, monkeypatch):
    """The Arrow text columns (and the positions the importer kept) against the same data as object columns,
    which the engine must hash itself: the same JSON, sums, counterparties and drill-down rows."""
    _write(tmp_path)
    data = _load(tmp_path, monkeypatch).data
    plain = replace(data, exposures=data.exposures.assign(**{
        c: pd.Series(data.exposures[c].to_numpy(dtype=object, na_value=None), dtype=object)
        for c in ARROW_TEXT_COLUMNS}))
    assert plain.exposures["exposure_id"].dtype == object
    arrow_result, plain_result = evaluate(data), evaluate(plain)
    assert result_to_json(arrow_result) == result_to_json(plain_result)
    a, b = arrow_result.aggregates, plain_result.aggregates
    pd.testing.assert_frame_equal(a.sums, b.sums, check_exact=True)
    pd.testing.assert_frame_equal(a.counterparties, b.counterparties, check_exact=True)
    pd.testing.assert_frame_equal(a.rows, b.rows, check_exact=True)
    assert list(a.instruments) == list(b.instruments)
    for dim in ("single_asset", "counterparty", "asset_class"):
        pd.testing.assert_frame_equal(aggregate.contributions(a, "group", dim), aggregate.contributions(b, "group", dim))


def test_the_importers_positions_reach_the_engine_while_the_arrow_columns_are_unchanged(tmp_path, monkeypatch):
    _write(tmp_path)
    exp = _load(tmp_path, monkeypatch).data.exposures
    assert aggregate.recall_positions("parent_pos", (exp,)) is not None
    assert aggregate.recall_positions("parent_pos", (exp.copy(),)) is None       # another frame
    edited = exp.copy(deep=False)
    edited.loc[N - 1, "parent_exposure_id"] = "E000001"
    assert aggregate.recall_positions("parent_pos", (edited,)) is None
    exp.loc[N - 1, "exposure_id"] = "E999999"                                     # an Arrow column edited
    assert aggregate.recall_positions("parent_pos", (exp,)) is None


def test_the_instruments_vocabulary_stays_arrow_text(tmp_path, monkeypatch):
    """The engine encodes the Arrow instrument ids with Arrow: its vocabulary is Arrow text (no Python string
    per instrument), indexed like an object array where keys are asked for; object ids give an object one."""
    _write(tmp_path)
    data = _load(tmp_path, monkeypatch).data
    agg = aggregate.build_aggregates(data)
    assert isinstance(agg.instruments, pd.arrays.ArrowStringArray)
    block = agg.block("group", "single_asset")
    keys = agg.block_keys(block)
    assert keys.dtype == object and all(isinstance(k, str) for k in keys[:50])
    plain = replace(data, exposures=data.exposures.assign(
        instrument_id=pd.Series(data.exposures["instrument_id"].to_numpy(dtype=object, na_value=None), dtype=object)))
    other = aggregate.build_aggregates(plain)
    assert isinstance(other.instruments, np.ndarray) and other.instruments.tolist() == list(agg.instruments)


def test_problems_name_the_cells_as_written(tmp_path, monkeypatch):
    """Cells a problem names are read from Arrow for their rows alone: the same problems as pandas' reader."""
    _write(tmp_path)
    text = (tmp_path / "exposures.csv").read_text(encoding="utf-8").splitlines()
    text[3] = text[3].replace(",LIFE,", ",NOPE,").replace(",PC,", ",NOPE,").replace(",AM,", ",NOPE,")
    cells = text[N - 5].split(",")
    cells[8] = "E777777"                                              # a parent no row is
    text[N - 5] = ",".join(cells)
    cells = text[10].split(",")
    cells[3] = ""                                                     # a holding without an instrument
    text[10] = ",".join(cells)
    (tmp_path / "exposures.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    fast, slow = _load(tmp_path, monkeypatch), _load(tmp_path, monkeypatch, arrow=False)
    got = [(p.code, p.row, p.column, p.value) for p in fast.problems]
    assert got == [(p.code, p.row, p.column, p.value) for p in slow.problems]
    codes = {(c, v) for c, _, _, v in got}
    assert ("unknown_member", "NOPE") in codes and ("unknown_parent_exposure", "E777777") in codes
    assert ("missing_value", "") in codes


def test_parents_found_by_bisection_are_those_of_the_hash_lookup():
    """Ascending ids all as long as each other: the parents are found by bisection in their bytes; the same
    positions as Arrow's hash lookup and as the Python strings' index, also for parents of another length,
    unknown ones, a cycle, and ids of different lengths or ending in a NUL byte (then the hash lookup)."""
    import pyarrow as pa

    from core.concentration.tabular import _bisected_positions, arrow_parent_positions, parent_positions

    rng = np.random.default_rng(3)
    for ids in ([f"E{i:06d}" for i in range(4000)], [f"E{i}" for i in range(4000)],
                [f"E{i:05d}\x00" for i in range(4000)]):
        ids = sorted(ids)
        obj = np.array(ids, dtype=object)
        parents = np.full(len(ids), "", dtype=object)
        under = rng.random(len(ids)) < 0.3
        parents[under] = obj[rng.integers(0, 300, under.sum())]
        parents[np.flatnonzero(under)[:4]] = ["NOPE", "E", "E0000000", "E99999"]     # unknown, other lengths
        parents[12] = ids[12]                                                        # a cycle of one
        has = parents != ""
        chunked = pa.chunked_array([pa.array(ids[:1500], pa.large_string()), pa.array(ids[1500:], pa.large_string())])
        want = parent_positions(obj, parents)
        for ascending in (False, True):
            got = arrow_parent_positions(chunked, pa.chunked_array([pa.array(parents.tolist(), pa.large_string())]),
                                         has, ascending=ascending)
            assert got.tolist() == want.tolist()
        bisected = _bisected_positions(chunked, pa.array(["E000007", "E000008x", "A", ids[-1]], pa.large_string()))
        if len(set(map(len, ids))) > 1 or ids[0].endswith("\x00"):
            assert bisected is None                  # not for these: the hash lookup answered above
        else:
            assert bisected.tolist() == [7, -1, -1, len(ids) - 1]


def test_the_instrument_codes_found_while_reading_are_the_engines(tmp_path, monkeypatch):
    """The reader's second thread encodes the instrument cells for the engine: the codes (-1 for a blank
    underlying's) and vocabulary the engine would find itself, handed over while the column is unchanged."""
    _write(tmp_path)
    exp = _load(tmp_path, monkeypatch).data.exposures
    found = aggregate._keys.recall_codes("instrument_codes", (exp,))
    assert found is not None
    codes, vocabulary = aggregate._factorize_text(exp["instrument_id"])
    assert found[0].tolist() == codes.tolist() and (found[0] == -1).any()
    assert list(found[1]) == list(vocabulary) and "" not in list(found[1])
    edited = exp.copy(deep=False)
    edited.loc[0, "instrument_id"] = "I999999"
    assert aggregate._keys.recall_codes("instrument_codes", (edited,)) is None


def test_the_member_and_asset_class_codes_kept_give_the_engines_own(tmp_path, monkeypatch):
    """The member and asset-class codes the importer kept give what the engine finds by hashing the columns:
    the same holdings' scopes and the same asset-class codes and vocabulary (blanks and unknowns missing)."""
    _write(tmp_path)
    data = _load(tmp_path, monkeypatch).data
    exp = data.exposures
    assert aggregate._keys.recall_codes("member_codes", (exp,)) is not None
    assert aggregate._keys.recall_codes("asset_class_codes", (exp,)) is not None
    holding = exp["parent_exposure_id"].isna().to_numpy()
    codes, ids = aggregate._holding_member_codes(exp, holding)
    plain_codes, plain_ids = pd.factorize(exp["member_id"])
    assert [ids[c] for c in codes] == [str(plain_ids[c]) for c in plain_codes[holding]]
    assert sorted(ids) == sorted(map(str, plain_ids))
    kept = aggregate._codes(exp["asset_class"], sort=True,
                            factorized=aggregate._keys.recall_codes("asset_class_codes", (exp,)))
    hashed = aggregate._codes(exp["asset_class"], sort=True)
    assert kept[0].tolist() == hashed[0].tolist() and kept[1].tolist() == hashed[1].tolist()
    edited = exp.copy(deep=False)
    edited.loc[int(np.flatnonzero(~holding)[0]), "parent_exposure_id"] = None      # an underlying made a holding
    assert aggregate._keys.recall_codes("member_codes", (edited,)) is None
