"""The reports name a single asset by its one issuer: the vectorised rule (Arrow codes, or object arrays)
answers exactly as the pandas rule it replaced (issue 15), on random holdings and underlyings, blanks,
missing values and instruments held against several counterparties; and the kept sums are ordered as
`sort_values(["total_fen", "key"], ascending=[False, True])` ordered them."""
from __future__ import annotations

import numpy as np
import pandas as pd

from core.concentration.aggregate import rank_desc_then_key
from reports.builders.common import _arrow_holdings, _Issuers


def _old_rule(exp: pd.DataFrame, cp_names: dict) -> dict:
    """The rule as reports/builders/common.py had it before (a loop over the distinct pairs)."""
    found = {}
    if "parent_exposure_id" in exp.columns:
        exp = exp[exp["parent_exposure_id"].isna() | (exp["parent_exposure_id"].astype(str) == "")]
    pairs = exp[["instrument_id", "counterparty_id"]].dropna().astype(str).drop_duplicates()
    counts = pairs["instrument_id"].value_counts()
    for inst, cp in pairs[pairs["instrument_id"].map(counts) == 1].itertuples(index=False):
        if cp in cp_names:
            found[inst] = cp
    return found


def _frame(rng, n: int, arrow: bool) -> pd.DataFrame:
    inst = rng.choice(np.array(["I1", "I2", "I3", "I4", "债5", None], dtype=object), n)
    cp = rng.choice(np.array(["C1", "C2", "C3", "NONAME", None], dtype=object), n)
    parent = rng.choice(np.array([None, None, "", "E1", "E2"], dtype=object), n)
    frame = pd.DataFrame({"instrument_id": pd.Series(inst, dtype=object), "counterparty_id": pd.Series(cp, dtype=object),
                          "parent_exposure_id": pd.Series(parent, dtype=object)})
    return frame.astype("string[pyarrow]") if arrow else frame


def test_issuers_match_the_old_rule_both_ways():
    rng = np.random.default_rng(15)
    names = {"C1": "甲公司", "C2": "乙公司", "C3": "丙公司"}
    for trial in range(300):
        arrow = bool(trial % 2)
        exp = _frame(rng, int(rng.integers(0, 40)), arrow)
        if trial % 7 == 0:
            exp = exp.drop(columns=["parent_exposure_id"])
        if not arrow and trial % 5 == 0 and len(exp):          # not all text: the object-array way
            exp.loc[exp.index[0], "instrument_id"] = 5
            assert _arrow_holdings(exp) is None
        want = _old_rule(exp, names)
        lookup = _Issuers(exp, names)
        keys = sorted({str(k) for k in exp["instrument_id"].dropna()} | {"I9", ""}) if len(exp) else ["I1"]
        lookup.prefetch([k for k in keys if rng.random() < 0.5] + [None])   # some in a batch, the others one by one
        for k in keys + [None]:
            assert lookup.get(k) == want.get(k), (k, exp)
        if arrow and len(exp) and exp["instrument_id"].notna().any() and exp["counterparty_id"].notna().any() \
                and ("parent_exposure_id" not in exp.columns or exp["parent_exposure_id"].notna().any()):
            assert _arrow_holdings(exp) is not None          # text columns go the Arrow way


def test_sums_order_matches_sort_values():
    rng = np.random.default_rng(16)
    for _ in range(200):
        n = int(rng.integers(0, 50))
        keys = np.array([f"K{k}" for k in rng.permutation(1000)[:n]], dtype=object)
        total = rng.integers(1, 6, n).astype(np.int64)          # many ties
        g = pd.DataFrame({"key": pd.Series(keys, dtype=object), "total_fen": total})
        want = g.sort_values(["total_fen", "key"], ascending=[False, True], kind="stable")["key"].tolist()
        assert keys[rank_desc_then_key(total, keys)].tolist() == want


def test_the_readers_mixed_columns_go_the_arrow_way_with_the_same_answers():
    # the reader keeps instrument ids as pandas' Arrow-backed str and counterparty ids as objects (issue 15):
    # the report's look-up takes them together (one Arrow text type), not the slower object arrays
    rng = np.random.default_rng(17)
    names = {"C1": "甲公司", "C2": "乙公司", "C3": "丙公司"}
    for _ in range(60):
        exp = _frame(rng, int(rng.integers(1, 40)), arrow=False)
        exp["instrument_id"] = exp["instrument_id"].astype("str")
        if not (exp["instrument_id"].notna().any() and exp["counterparty_id"].notna().any()
                and exp["parent_exposure_id"].notna().any()):
            continue
        assert _arrow_holdings(exp) is not None
        want = _old_rule(exp, names)
        lookup = _Issuers(exp, names)
        for k in sorted({str(k) for k in exp["instrument_id"].dropna()} | {"I9"}):
            assert lookup.get(k) == want.get(k), (k, exp)
