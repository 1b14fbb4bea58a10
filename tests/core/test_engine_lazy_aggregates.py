"""build_aggregates keeps the sums, their key texts and the counterparty table as codes until something asks
for them (issue 15: `concentration --json` at a million exposures no longer frames 2.5 million sums rows). An
evaluation read through the codes must answer exactly as one read through the frames, and the frames must be
the ones an Aggregates built from them holds. The reader may hand the engine text columns as `str`,
Arrow-backed or categorical dtypes instead of object arrays: the aggregates are the same."""
from __future__ import annotations

import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from core.concentration.aggregate import Aggregates, build_aggregates
from core.concentration.engine import evaluate, result_to_json
from core.concentration.importer import read_group_data
from core.concentration.indices import compute_indices
from core.concentration.limits import evaluate_limits
from core.concentration.model import LIMIT_COLUMNS
from core.demo import demo_current_dir
from tests.conftest import EXAMPLES

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
import synthetic_group  # noqa: E402


@pytest.fixture(scope="module", params=["small", "demo", "synthetic"])
def data(request, tmp_path_factory):
    if request.param == "small":
        return read_group_data(EXAMPLES / "small-group")
    if request.param == "demo":
        return read_group_data(demo_current_dir())
    folder = tmp_path_factory.mktemp("synthetic") / "group"
    synthetic_group.generate(folder, 3000, 1100, seed=5)
    return read_group_data(folder)


def _frame_twin(agg: Aggregates) -> Aggregates:
    """The same aggregates built from their frames (as the store and kept evaluations give them)."""
    return Aggregates(agg.as_of, agg.sums.copy(), agg.bases, agg.scopes, agg.counterparties.copy(),
                      agg.row_data, agg.instruments, agg.asset_classes, agg.has_business)


def _key_limits(agg: Aggregates, rng) -> pd.DataFrame:
    """Single-key limits on every block: keys it has, keys of other blocks and dimensions, unknown keys."""
    every = sorted({k for blk in agg._blocks.values() for k in agg.block_keys(blk).tolist()})
    rows = []
    for (scope, dim), blk in agg._blocks.items():
        own = agg.block_keys(blk).tolist()
        asked = list(rng.choice(own, size=min(len(own), 6), replace=False)) + [own[0], own[-1]]
        asked += list(rng.choice(every, size=4)) + ["", " ", "ZZZ-none", "A", "~"]
        for key in asked:
            rows.append({"limit_id": f"K{len(rows)}", "name": "k", "dimension": dim, "scope": scope, "key": str(key),
                         "basis": "total_assets", "warning": Decimal("0.0001"), "limit": Decimal("0.0002"),
                         "parent_limit_id": None, "rule": None})
    return pd.DataFrame(rows, columns=list(LIMIT_COLUMNS))


def _same_evaluation(a, b):
    for x, y in ((a.results, b.results), (a.flagged, b.flagged), (a.allocation_issues, b.allocation_issues)):
        pd.testing.assert_frame_equal(x, y, check_exact=True)


def test_read_through_codes_as_through_frames(data):
    rng = np.random.default_rng(15)
    agg = build_aggregates(data)
    limits = pd.concat([data.limits, _key_limits(agg, rng)], ignore_index=True)
    # first through the codes: nothing asked for the frames yet
    ev = evaluate_limits(agg, limits)
    indices = compute_indices(agg)
    positions = {(s, d, k): agg.key_position(blk, k) for (s, d), blk in agg._blocks.items()
                 for k in agg.block_keys(blk).tolist() + ["ZZZ-none", ""]}
    assert agg._sums is None and agg._keys_arr is None and agg._counterparties is None and agg._row_data is None
    twin = _frame_twin(agg)
    _same_evaluation(ev, evaluate_limits(twin, limits))
    pd.testing.assert_frame_equal(indices, compute_indices(twin), check_exact=True)
    keys = twin.sums["key"].to_numpy(dtype=object)
    for (s, d, k), p in positions.items():
        blk = twin.block(s, d)
        where = [i for i in range(blk.start, blk.stop) if keys[i] == k]
        assert p == (where[-1] if where else None), (s, d, k)
    # and again on the same object, now that its frames exist
    _same_evaluation(ev, evaluate_limits(agg, limits))


def test_frames_are_the_same_whichever_comes_first(data):
    a, b = build_aggregates(data), build_aggregates(data)
    evaluate_limits(a, data.limits)                       # a: codes first, frames after
    sums_b, cps_b, rows_b = b.sums, b.counterparties, b.rows     # b: frames first
    pd.testing.assert_frame_equal(a.sums, sums_b, check_exact=True)
    pd.testing.assert_frame_equal(a.rows, rows_b, check_exact=True)
    pd.testing.assert_frame_equal(a.counterparties, cps_b, check_exact=True)
    assert a.sums["key"].dtype == object and a._keys.tolist() == sums_b["key"].tolist()
    for (_scope, d), blk in a._blocks.items():
        pd.testing.assert_frame_equal(a.group_totals(d), b.group_totals(d))
        assert a.block_keys(blk).tolist() == sums_b["key"].iloc[blk.start:blk.stop].tolist()


TEXT = {"exposures": ("exposure_id", "member_id", "counterparty_id", "instrument_id", "asset_class",
                      "parent_exposure_id"),
        "counterparties": ("counterparty_id", "name", "parent_id", "connected_label", "industry", "region",
                           "group_member"),
        "business": ("member_id", "kind", "customer_id", "line", "region", "reinsurer_id")}


@pytest.mark.parametrize("dtype", ["str", "string[pyarrow]", "category"])
def test_text_columns_of_other_dtypes_give_the_same_aggregates(data, dtype):
    def convert(frame, columns):
        if frame is None:
            return None
        out = frame.copy()
        for c in columns:
            if c in out.columns:
                out[c] = out[c].astype(dtype)
        return out

    other = replace(data, **{name: convert(getattr(data, name), cols) for name, cols in TEXT.items()})
    assert other.exposures["instrument_id"].dtype != object
    want, got = evaluate(data), evaluate(other)
    assert result_to_json(got) == result_to_json(want)
    a, b = want.aggregates, got.aggregates
    pd.testing.assert_frame_equal(b.sums, a.sums, check_exact=True)
    pd.testing.assert_frame_equal(b.counterparties, a.counterparties, check_exact=True)
    pd.testing.assert_frame_equal(b.rows, a.rows, check_exact=True)
    assert b.instruments.tolist() == a.instruments.tolist() and b.asset_classes.tolist() == a.asset_classes.tolist()


def test_look_through_sums_from_the_counterparty_cells_are_the_rows_sums(data):
    # counterparty group, related party, industry and region are summed from the counterparty dimension's
    # (scope, counterparty) cells; summed here from the rows instead, they must be the same
    agg = build_aggregates(data)
    r, cpt = agg.rows, agg.counterparties
    rows = r[r["residual_fen"] != 0]
    cp = rows["lt_cp_code"].to_numpy()
    frame = pd.DataFrame({
        "member": np.asarray(agg.scopes[1:], dtype=object)[rows["member"].to_numpy()],
        "weight": rows["residual_fen"].to_numpy(),
        "countable": ~(cpt["exempt"].to_numpy()[cp] | rows["exempt_counterparty"].to_numpy()),
        "eliminated": cpt["group_member"].notna().to_numpy()[cp],
        "related": cpt["related_party"].to_numpy()[cp],
        "counterparty_group": cpt["group_key"].to_numpy(dtype=object)[cp],
        "related_party": cpt["counterparty_id"].to_numpy(dtype=object)[cp],
        "industry": cpt["industry"].to_numpy(dtype=object)[cp], "region": cpt["region"].to_numpy(dtype=object)[cp],
    })
    frame["counted"] = np.where(frame["countable"], frame["weight"], 0)
    want = {}
    for dim in ("counterparty_group", "related_party", "industry", "region"):
        f = frame[frame["related"]] if dim == "related_party" else frame
        cnt_col = "counted" if dim == "counterparty_group" else "weight"
        for scope, part in [("group", f[~f["eliminated"]])] + [(m, f[f["member"] == m]) for m in agg.scopes[1:]]:
            for key, g in part.groupby(dim, sort=False):
                tot, cnt = int(g["weight"].sum()), int(g[cnt_col].sum())
                if tot or cnt:
                    want[(dim, scope, key)] = (tot, cnt)
    s = agg.sums
    s = s[s["dimension"].isin(["counterparty_group", "related_party", "industry", "region"])]
    got = {(str(d), str(sc), k): (int(t), int(c)) for d, sc, k, t, c in
           zip(s["dimension"], s["scope"], s["key"], s["total_fen"], s["countable_fen"])}
    assert got == want
