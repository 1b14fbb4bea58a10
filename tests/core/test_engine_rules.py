"""equity_solvency_tier: tiers with exact boundaries, warning 80% unless given, derived at the scope."""
from decimal import Decimal

import pytest

from core.concentration.aggregate import build_aggregates
from core.concentration.limits import evaluate_limits
from core.concentration.rules import derive, equity_limit_for_solvency
from tests.core.engine_helpers import YUAN, cp, data, ex, lim, limits_frame, member


@pytest.mark.parametrize("ratio,limit", [("0.99", "0.10"), ("1.00", "0.20"), ("1.4999", "0.20"), ("1.50", "0.30"),
                                         ("2.49", "0.30"), ("2.50", "0.40"), ("3.4999", "0.40"), ("3.50", "0.50"),
                                         ("9", "0.50")])
def test_tier_boundaries(ratio, limit):
    assert equity_limit_for_solvency(Decimal(ratio)) == Decimal(limit)


def test_default_and_given_warning():
    assert derive("equity_solvency_tier", Decimal("2.10")).warning == Decimal("0.24")
    assert derive("equity_solvency_tier", Decimal("2.10"), Decimal("0.2")).warning == Decimal("0.2")
    assert derive("equity_solvency_tier", None).problem == "no_solvency_ratio"


def test_rule_limit_evaluated_at_member_solvency():
    members = [member("M1", 1000, 100, solvency="1.50")]
    d = data([cp("A")], [ex("E1", 300, "A", asset_class="equity")], members=members)
    agg = build_aggregates(d)
    limits = limits_frame([lim("EQ", "asset_class", "M1", key="equity", warning=None, limit=None,
                               rule="equity_solvency_tier")])
    r = evaluate_limits(agg, limits).results.iloc[0]
    assert r["limit"] == Decimal("0.30") and r["warning"] == Decimal("0.240")
    assert r["exposure_fen"] == 300 * YUAN and r["status"] == "warning"     # exactly at 30%: not a breach
