"""Each-key limits against a brute-force reference on random data (exact Fractions), with the partial
ranking forced small so that widening is exercised."""
from fractions import Fraction

import numpy as np
import pytest

from core.concentration import aggregate
from core.concentration.aggregate import build_aggregates
from core.concentration.limits import evaluate_limits
from tests.core.engine_helpers import cp, data, ex, lim, limits_frame


def _reference(amounts: dict, basis_fen: int, warning: str, limit: str):
    w, li = Fraction(warning), Fraction(limit)
    status = {k: ("breach" if v > li * basis_fen else "warning" if v >= w * basis_fen else "ok")
              for k, v in amounts.items() if v > 0}
    ranked = sorted(status, key=lambda k: (-amounts[k], k))
    flagged = [(k, status[k]) for k in ranked if status[k] != "ok"]
    return (ranked[0] if ranked else None), flagged


@pytest.mark.parametrize("seed", range(6))
def test_each_key_matches_brute_force(monkeypatch, seed):
    monkeypatch.setattr(aggregate, "RANK_TOP", 3)
    rng = np.random.default_rng(seed)
    ids = [f"C{i:02d}" for i in range(25)]
    exps = []
    for i in range(120):
        c = ids[int(rng.integers(0, len(ids)))]
        exps.append(ex(f"E{i:03d}", int(rng.choice([5, 10, 20, 25, 40])), c))   # many ties on purpose
    d = data([cp(c) for c in ids], exps, total=1000)
    agg = build_aggregates(d)
    amounts = {}
    for e in exps:
        amounts[e["counterparty_id"]] = amounts.get(e["counterparty_id"], 0) + e["amount_fen"]
    cases = [("0.05", "0.08"), ("0.001", "0.5"), ("0.08", "0.08"), ("0", "0.1"), ("0.02", "0.03"), ("0.5", "0.9")]
    limits = [lim(f"L{i}", "counterparty", warning=w, limit=li) for i, (w, li) in enumerate(cases)]
    ev = evaluate_limits(agg, limits_frame(limits))
    for i, (w, li) in enumerate(cases):
        worst, flagged = _reference(amounts, 1000 * 100, w, li)
        r = ev.results.iloc[i]
        assert r["key"] == worst
        got = [(k, s) for k, s in ev.flagged_for(f"L{i}")[["key", "status"]].itertuples(index=False)]
        assert got == flagged, (w, li)
