"""The equity solvency-tier table and the cap for a ratio (boundaries fall into the upper tier)."""
from decimal import Decimal

import pytest

from core.concentration.aggregate import build_aggregates
from core.concentration.importer import read_group_data
from core.whatif.equity import equity_cap, equity_cap_for_scope, equity_tiers
from tests.conftest import EXAMPLES


def test_tier_table():
    t = equity_tiers()
    assert [(x.lower, x.upper, x.limit) for x in t] == [
        (None, Decimal("1.00"), Decimal("0.10")), (Decimal("1.00"), Decimal("1.50"), Decimal("0.20")),
        (Decimal("1.50"), Decimal("2.50"), Decimal("0.30")), (Decimal("2.50"), Decimal("3.50"), Decimal("0.40")),
        (Decimal("3.50"), None, Decimal("0.50"))]


@pytest.mark.parametrize("ratio, limit, tier", [("0.99", "0.10", 0), ("1.00", "0.20", 1), ("1.4999", "0.20", 1),
                                                 ("1.50", "0.30", 2), ("2.10", "0.30", 2), ("2.50", "0.40", 3),
                                                 ("3.50", "0.50", 4), ("9", "0.50", 4), ("-0.2", "0.10", 0)])
def test_cap_for_a_ratio(ratio, limit, tier):
    c = equity_cap(ratio)
    assert c.limit == Decimal(limit) and c.tier.index == tier
    assert c.warning == Decimal(limit) * Decimal("0.8")


def test_margins_and_given_warning():
    c = equity_cap(Decimal("2.10"), warning=Decimal("0.25"))
    assert c.warning == Decimal("0.25")
    assert c.fall_to_lower_tier == Decimal("0.60") and c.rise_to_higher_tier == Decimal("0.40")
    assert equity_cap("0.5").fall_to_lower_tier is None and equity_cap("4").rise_to_higher_tier is None


def test_for_a_scope_of_the_small_group():
    agg = build_aggregates(read_group_data(EXAMPLES / "small-group"))
    assert equity_cap_for_scope(agg, "LIFE").limit == Decimal("0.30")      # 2.10
    assert equity_cap_for_scope(agg, "PC").limit == Decimal("0.30")        # 1.80
    assert equity_cap_for_scope(agg, "AM") is None                         # not given
