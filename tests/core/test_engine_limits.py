"""Limit evaluation: each / * / single key, exact status at the thresholds, ties, exemptions, allocation."""
from decimal import Decimal

import pytest

from core.concentration.aggregate import build_aggregates
from core.concentration.limits import evaluate_limits, thresholds
from tests.core.engine_helpers import YUAN, cp, data, ex, lim, limits_frame, member


def _eval(cps, exps, limits, **kw):
    agg = build_aggregates(data(cps, exps, **kw))
    ev = evaluate_limits(agg, limits_frame(limits))
    res = {r["limit_id"]: r for r in ev.results.to_dict("records")}
    flagged = {}
    for r in ev.flagged.to_dict("records"):
        flagged.setdefault(r["limit_id"], []).append((r["key"], r["status"]))
    return res, flagged, ev


CPS = [cp("K70", industry="K70"), cp("K7010", industry="K7010"), cp("B", industry="J66"), cp("A", industry="J66")]


def test_each_star_and_single_key_without_prefix_matching():
    exps = [ex("E1", 30, "K7010"), ex("E2", 20, "B"), ex("E3", 20, "A")]
    res, flagged, _ = _eval(CPS, exps, [
        lim("EACH", "industry", warning="0.01", limit="0.025"),
        lim("STAR", "industry", key="*", warning="0.05", limit="0.06"),
        lim("K70", "industry", key="K70", warning="0.0", limit="0.01"),
        lim("K70CP", "counterparty", key="K70"),
    ])
    assert (res["EACH"]["key"], res["EACH"]["exposure_fen"], res["EACH"]["status"]) == ("J66", 40 * YUAN, "breach")
    assert flagged["EACH"] == [("J66", "breach"), ("K7010", "breach")]
    assert (res["STAR"]["key"], res["STAR"]["exposure_fen"], res["STAR"]["status"]) == ("*", 70 * YUAN, "breach")
    assert flagged["STAR"] == [("*", "breach")]
    # K70 is not K7010: nothing counted, the key is echoed, exposure 0
    assert (res["K70"]["key"], res["K70"]["exposure_fen"]) == ("K70", 0)
    assert (res["K70CP"]["key"], res["K70CP"]["exposure_fen"], res["K70CP"]["status"]) == ("K70", 0, "ok")
    assert "K70CP" not in flagged


def test_status_exactly_at_limit_is_warning_and_at_warning_is_warning():
    # basis 1000 yuan; warning 5% = 50, limit 8% = 80
    exps = [ex("E1", 80, "A"), ex("E2", 50, "B"), ex("E3", Decimal("49.99"), "K70"),
            ex("E4", Decimal("80.01"), "K7010")]
    res, flagged, _ = _eval(CPS, exps, [lim("L", "counterparty", warning="0.05", limit="0.08")] +
                            [lim(k, "counterparty", key=k, warning="0.05", limit="0.08") for k in ("A", "B", "K70", "K7010")])
    assert res["A"]["status"] == "warning"            # exposure == limit × basis: not a breach
    assert res["B"]["status"] == "warning"            # exposure == warning × basis
    assert res["K70"]["status"] == "ok"               # one fen below the warning
    assert res["K7010"]["status"] == "breach"         # one fen above the limit
    assert flagged["L"] == [("K7010", "breach"), ("A", "warning"), ("B", "warning")]


def test_exact_decision_where_floats_round_wrong():
    # 0.1 × 3 in floats is 0.30000000000000004; 0.3 × basis exactly must be a warning, not ok
    assert thresholds(Decimal("0.3"), Decimal("0.3"), 3) == (1, 0)
    b = 1_000_000_000_07                    # awkward basis in fen
    w, br = thresholds(Decimal("0.07"), Decimal("0.07"), b)
    assert w == -(-(7 * b) // 100) and br == (7 * b) // 100


def test_worst_key_ties_go_to_smallest_key_and_nothing_counted_is_null():
    exps = [ex("E1", 20, "B"), ex("E2", 20, "A"), ex("E3", 10, "K70"), ex("E4", 9, "K7010")]
    res, flagged, _ = _eval(CPS, exps, [lim("L", "counterparty", warning="0.01", limit="0.5"),
                                        lim("N", "related_party")])
    assert (res["L"]["key"], res["L"]["exposure_fen"]) == ("A", 20 * YUAN)
    assert flagged["L"] == [("A", "warning"), ("B", "warning"), ("K70", "warning")]
    assert (res["N"]["key"], res["N"]["exposure_fen"], res["N"]["status"]) == (None, 0, "ok")


def test_exemptions_per_dimension():
    cps = [cp("GOV", exempt=True), cp("BANK"), cp("CDB")]
    exps = [ex("E1", 500, "GOV", instrument="CGB"), ex("E2", 300, "BANK", instrument="DEP", exempt_single_asset=True),
            ex("E3", 200, "CDB", instrument="CDBB", exempt_counterparty=True)]
    res, _, _ = _eval(cps, exps, [lim("SA", "single_asset", limit="0.5"), lim("CP", "counterparty", limit="0.5"),
                                  lim("CG", "counterparty_group", limit="0.5"), lim("RG", "region", limit="0.5")])
    assert (res["SA"]["key"], res["SA"]["exposure_fen"]) == ("CDBB", 200 * YUAN)   # only exempt_counterparty
    assert (res["CP"]["key"], res["CP"]["exposure_fen"]) == ("BANK", 300 * YUAN)   # only exempt_single_asset
    assert (res["CG"]["key"], res["CG"]["exposure_fen"]) == ("BANK", 300 * YUAN)
    assert (res["RG"]["key"], res["RG"]["exposure_fen"]) == ("CN", 1000 * YUAN)    # exempt counted elsewhere


def test_allocation_issue_in_amounts():
    members = [member("M1", 600, 60), member("M2", 300, 30)]
    limits = [lim("G", "industry", key="X", limit="0.08"),
              lim("A1", "industry", "M1", key="X", limit="0.10", parent="G"),
              lim("A2", "industry", "M2", key="X", limit="0.06", parent="G")]
    _, _, ev = _eval([cp("A")], [ex("E1", 1, "A")], limits, members=members)
    assert ev.allocation_issues.empty                                # 60 + 18 = 78 ≤ 80
    limits[2] = lim("A2", "industry", "M2", key="X", limit="0.0734", parent="G")
    _, _, ev = _eval([cp("A")], [ex("E1", 1, "A")], limits, members=members)
    (issue,) = ev.allocation_issues.to_dict("records")
    assert issue["limit_id"] == "G"
    assert issue["allocated_fen"] == Decimal("82.02") * YUAN and issue["available_fen"] == 80 * YUAN


@pytest.mark.parametrize("spec", [None, "*", "A"])
def test_flagged_empty_when_ok(spec):
    res, flagged, _ = _eval(CPS, [ex("E1", 1, "A")], [lim("L", "counterparty", key=spec)])
    assert res["L"]["status"] == "ok" and "L" not in flagged
