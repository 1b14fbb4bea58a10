"""The evaluation's quicker paths (issue 15, session 7) give what the plain ones gave: the counterparties' order
checked in place when the file lists them in order, the look-through residuals subtracted in place, a block's
cells as runs of scopes with int32 keys, the ranking's cover found from a sample, the counterparty columns'
codes from the file's cells. Each is compared with the plain computation it replaced, on random inputs."""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from core.concentration import groups as _groups
from core.concentration import lookthrough as _lt
from core.concentration.aggregate import (
    _block_cells,
    _block_sums,
    _code_point_order,
    _kth_largest,
    build_aggregates,
)
from core.concentration.engine import evaluate, result_to_json
from core.concentration.importer import read_group_data
from core.concentration.model import UNKNOWN
from core.problems import InputError

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
import synthetic_group  # noqa: E402


def test_code_point_order_is_the_stable_argsort_of_the_ids_as_text():
    rng = np.random.default_rng(7)
    words = ["A", "B", "U", UNKNOWN, UNKNOWN + "\x00", UNKNOWN + "\x00\x00", UNKNOWN + "A", "UNKNOW", "\x00", "",
             "é", "中", "\U0001F600", "a", "Z"]
    for trial in range(4000):
        n = int(rng.integers(0, 12))
        ids: list = ["".join(rng.choice(words, int(rng.integers(0, 3)))) for _ in range(n)]
        if trial % 3:
            ids.sort()                    # the usual file: ids in order (the quick path)
        if trial % 7 == 0:
            ids = [int(x) for x in rng.integers(0, 20, n)]
        appended = bool(trial % 2)
        arr = np.array(ids + ([UNKNOWN] if appended else []), dtype=object)
        if not len(arr):
            continue
        want = np.argsort(arr.astype(str), kind="stable")
        assert _code_point_order(arr, appended).tolist() == want.tolist(), (ids, appended)


def test_kth_largest_is_the_partitions_answer():
    rng = np.random.default_rng(8)
    for trial in range(3000):
        n = int(rng.integers(1, 5000))
        k = int(rng.integers(1, min(n, 60) + 1))
        v = [rng.integers(-5, 5, n), rng.integers(0, 10**12, n), np.sort(rng.integers(0, 10**6, n)),
             np.sort(rng.integers(0, 10**6, n))[::-1].copy()][trial % 4]
        assert _kth_largest(v, k) == np.partition(v, n - k)[n - k]


def test_block_cells_are_block_sums_with_scopes_as_runs():
    rng = np.random.default_rng(9)
    for _ in range(300):
        n, k, nmembers = int(rng.integers(0, 80)), int(rng.integers(0, 15)), int(rng.integers(1, 6))
        args = (rng.integers(0, max(k, 1), n).astype(np.int64), np.array([f"K{i}" for i in range(k)], dtype=object),
                rng.integers(-10**6, 10**6, n).astype(np.int64), rng.integers(0, nmembers, n).astype(np.int64),
                nmembers, rng.random(n) < 0.8, rng.random(n) < 0.2)
        starts, keys, total, cnt = _block_cells(*args)
        scope, keys64, total64, cnt64 = _block_sums(*args)
        assert keys.dtype == np.int32 and len(starts) == nmembers + 2 and starts[-1] == len(keys)
        assert np.repeat(np.arange(nmembers + 1), np.diff(starts)).tolist() == scope.tolist()
        assert keys.tolist() == keys64.tolist() and total.tolist() == total64.tolist()
        assert cnt.tolist() == cnt64.tolist()


def _residuals_by_bincount(parent_pos: np.ndarray, amount: np.ndarray) -> np.ndarray:
    child = parent_pos >= 0
    return amount - _lt.exact_sum_by(parent_pos[child], amount[child], len(amount))


@pytest.mark.parametrize("seed", range(6))
def test_residuals_subtracted_in_place_are_the_bincounts(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 400))
    parent = np.full(n, -1, dtype=np.int64)
    for i in range(1, n):
        if rng.random() < 0.5:
            parent[i] = rng.integers(0, i)             # a parent earlier in the file: no cycles
    perm = rng.permutation(n)                           # rows in any order
    inv = np.empty(n, dtype=np.int64)
    inv[perm] = np.arange(n)
    parent_pos = np.where(parent[perm] >= 0, inv[np.maximum(parent[perm], 0)], -1)
    amount = rng.integers(0, 10**12, n).astype(np.int64)
    # every holding covers its underlyings
    for _ in range(n):
        over = _residuals_by_bincount(parent_pos, amount) < 0
        if not over.any():
            break
        amount[over] += -_residuals_by_bincount(parent_pos, amount)[over]
    ids = np.array([f"E{i}" for i in range(n)], dtype=object)
    frame = pd.DataFrame({"exposure_id": ids, "amount_fen": amount,
                          "parent_exposure_id": pd.Series(np.where(parent_pos >= 0, ids[np.maximum(parent_pos, 0)],
                                                                   None), dtype=object)})
    lt = _lt.resolve(frame)
    assert lt.residual_fen.dtype == np.int64 and lt.depth.dtype == np.int32
    assert lt.residual_fen.tolist() == _residuals_by_bincount(parent_pos, amount).tolist()
    assert lt.child_sum_fen.tolist() == (amount - lt.residual_fen).tolist()
    assert lt.has_children.tolist() == np.isin(np.arange(n), parent_pos[parent_pos >= 0]).tolist()


def test_residuals_refuse_sums_beyond_int64_and_report_what_is_covered():
    frame = pd.DataFrame({"exposure_id": ["H", "U1", "U2"], "amount_fen": np.array([2**62, 2**62, 2**62]),
                          "parent_exposure_id": pd.Series([None, "H", "H"], dtype=object)})
    with pytest.raises(OverflowError):
        _lt.resolve(frame)
    frame = pd.DataFrame({"exposure_id": ["H", "U1", "U2"], "amount_fen": np.array([500, 300, 400]),
                          "parent_exposure_id": pd.Series([None, "H", "H"], dtype=object)})
    with pytest.raises(InputError) as err:
        _lt.resolve(frame, "exposures.csv")
    p = err.value.problems[0]
    assert p.code == "underlyings_exceed_holding" and p.detail == {"holding": "H", "covered": 7.0, "amount": 5.0}


def _group_keys_by_walking(parent_code, label_code, exempt):
    """The contract's group key, by a plain union-find over the non-ignored links."""
    n = len(parent_code)
    up = list(range(n))

    def find(a):
        while up[a] != a:
            up[a] = up[up[a]]
            a = up[a]
        return a

    linked = [p >= 0 and not exempt[i] and not exempt[p] for i, p in enumerate(parent_code)]
    for i, p in enumerate(parent_code):
        if linked[i]:
            up[max(find(i), find(p))] = min(find(i), find(p))
    holders: dict = {}
    for i, lab in enumerate(label_code):
        if lab >= 0 and not exempt[i]:
            holders.setdefault(lab, []).append(i)
    for nodes in holders.values():
        for i in nodes[1:]:
            a, b = find(i), find(nodes[0])
            up[max(a, b)] = min(a, b)
    comp = [find(i) for i in range(n)]
    roots: dict = {}
    for i in range(n):
        if not linked[i]:
            roots[comp[i]] = min(roots.get(comp[i], n), i)
    smallest: dict = {}
    for i in range(n):
        smallest[comp[i]] = min(smallest.get(comp[i], n), i)
    return [roots.get(comp[i], smallest[comp[i]]) for i in range(n)]


def test_group_keys_are_the_union_finds():
    rng = np.random.default_rng(10)
    for _ in range(1500):
        n = int(rng.integers(0, 30))
        parent = np.where(rng.random(n) < 0.5, rng.integers(-1, max(n, 1), n), -1).astype(np.int64)
        label = np.where(rng.random(n) < 0.4, rng.integers(0, 5, n), -1).astype(np.int64)
        exempt = rng.random(n) < 0.2
        got = _groups.group_keys(parent, label, exempt)
        assert got.tolist() == _group_keys_by_walking(parent.tolist(), label.tolist(), exempt.tolist())


@pytest.fixture(scope="module")
def group(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic") / "group"
    synthetic_group.generate(folder, 4000, 1300, seed=11)
    return read_group_data(folder)


def _same(a, b):
    for name in ("sums", "counterparties", "rows", "bases"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_exact=True)


def test_counterparties_in_any_file_order_give_the_same_aggregates(group):
    # the file's order is checked in place (the quick path) or sorted (any other order): the same tables
    shuffled = replace(group, counterparties=group.counterparties.sample(frac=1.0, random_state=4)
                       .reset_index(drop=True))
    want, got = evaluate(group), evaluate(shuffled)
    _same(want.aggregates, got.aggregates)
    assert result_to_json(want) == result_to_json(got)


def test_counterparty_columns_coded_from_the_files_cells(group):
    # blank industries and regions are keyed UNKNOWN, shared labels join groups, a listed UNKNOWN counterparty
    # is the one every uncovered amount goes to, missing columns mean blank cells
    cps = group.counterparties.copy()
    cps.loc[cps.index[::7], "industry"] = None
    cps.loc[cps.index[::5], "region"] = None
    cps.loc[cps.index[::3], "connected_label"] = "L-SHARED"
    blank = build_aggregates(replace(group, counterparties=cps)).counterparties
    by_id = cps.set_index("counterparty_id")
    for column in ("industry", "region"):
        want = by_id[column].reindex(blank["counterparty_id"]).fillna(UNKNOWN).tolist()
        assert blank[column].tolist() == want
    shared = set(blank["group_key"][blank["counterparty_id"].isin(by_id.index[by_id["connected_label"] == "L-SHARED"])
                                    & ~blank["exempt"]])
    assert len(shared) == 1

    listed = cps.iloc[[0]].assign(counterparty_id=UNKNOWN, industry=None, region=None, parent_id=None,
                                  group_member=None, connected_label=None)
    with_unknown = build_aggregates(replace(group, counterparties=pd.concat([cps, listed], ignore_index=True)))
    t = with_unknown.counterparties
    assert (t["counterparty_id"] == UNKNOWN).sum() == 1
    assert t.loc[t["counterparty_id"] == UNKNOWN, ["industry", "region"]].values.tolist() == [[UNKNOWN, UNKNOWN]]

    bare = build_aggregates(replace(group, counterparties=cps.drop(columns=["industry", "connected_label"])))
    assert set(bare.counterparties["industry"]) == {UNKNOWN}
