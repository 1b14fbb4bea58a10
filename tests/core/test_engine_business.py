"""Business dimensions (business.csv): customer, business_line, reinsurer, and their premium bases."""
import numpy as np
import pandas as pd

from core.concentration.aggregate import build_aggregates
from core.concentration.indices import compute_indices
from core.concentration.limits import evaluate_limits
from core.concentration.model import BUSINESS_COLUMNS
from tests.core.engine_helpers import YUAN, cp, data, ex, lim, limits_frame, member, totals


def _data():
    d = data([cp("A")], [ex("E1", 10, "A", member="LIFE")],
             members=[member("LIFE", 1000, 100), member("RE", 500, 50, kind="reinsurance")])
    rows = [("LIFE", "premium", "CUST1", "health", "CN-BJ", None, 300),
            ("LIFE", "premium", "CUST2", "life", "CN-SH", None, 100),
            ("RE", "premium", "CUST1", "reinsurance", "CN-BJ", None, 100),
            ("LIFE", "ceded", None, None, None, "RE", 80),          # ceded inside the group
            ("LIFE", "ceded", None, None, None, "SWISSRE", 20)]
    b = pd.DataFrame([r[:6] + (r[6] * YUAN, float(r[6])) for r in rows], columns=list(BUSINESS_COLUMNS))
    b["amount_fen"] = b["amount_fen"].astype(np.int64)
    d.business = b
    return d


def test_business_sums_bases_and_elimination():
    agg = build_aggregates(_data())
    assert totals(agg, "group", "customer") == {"CUST1": 400 * YUAN, "CUST2": 100 * YUAN}
    assert totals(agg, "LIFE", "business_line") == {"health": 300 * YUAN, "life": 100 * YUAN}
    assert totals(agg, "group", "reinsurer") == {"SWISSRE": 20 * YUAN}          # RE is a member
    assert totals(agg, "LIFE", "reinsurer") == {"RE": 80 * YUAN, "SWISSRE": 20 * YUAN}
    assert agg.basis("group", "total_premium") == 500 * YUAN
    assert agg.basis("LIFE", "total_ceded") == 100 * YUAN
    ev = evaluate_limits(agg, limits_frame([lim("C", "customer", basis="total_premium", warning="0.5", limit="0.8")]))
    r = ev.results.iloc[0]
    assert (r["key"], r["exposure_fen"], r["status"]) == ("CUST1", 400 * YUAN, "warning")   # exactly 80%
    ix = compute_indices(agg).set_index("dimension")
    assert abs(ix.at["customer", "hhi"] - (0.8 ** 2 + 0.2 ** 2)) < 1e-12
    assert ix.at["reinsurer", "top1"] == 1.0


def test_gini_and_shannon_definitions():
    from core.concentration.indices import index_values
    v = index_values(np.array([50, 30, 20]))
    # concentrationMetrics: descending shares s, gini = 1 + (1 - 2 Σ i s_i) / n
    assert abs(v["gini"] - (1 + (1 - 2 * (0.5 + 0.6 + 0.6)) / 3)) < 1e-12
    assert abs(v["shannon"] - -(0.5 * np.log(0.5) + 0.3 * np.log(0.3) + 0.2 * np.log(0.2))) < 1e-12
    eq = index_values(np.array([7, 7, 7, 7]))
    assert abs(eq["gini"]) < 1e-12 and abs(eq["shannon"] - np.log(4)) < 1e-12 and abs(eq["hhi"] - 0.25) < 1e-12
    assert index_values(np.array([0, 0]))["hhi"] is None
