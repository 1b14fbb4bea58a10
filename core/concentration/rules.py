"""Limits derived by a rule instead of written in limits.csv (limits.csv column `rule`).

`equity_solvency_tier` (金规〔2025〕12号): the equity cap depends on the scope's comprehensive solvency
ratio at the previous quarter end: < 100% → 10%, [100%, 150%) → 20%, [150%, 250%) → 30%,
[250%, 350%) → 40%, ≥ 350% → 50%. The warning is 80% of the derived limit unless the row gives one.
All arithmetic is Decimal, so boundaries (exactly 1.00, 1.50, 2.50, 3.50) fall into the upper tier.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

EQUITY_SOLVENCY_TIER = "equity_solvency_tier"
RULES = (EQUITY_SOLVENCY_TIER,)

# (lower bound of the solvency ratio, inclusive; equity limit) — ascending; below the first bound: 10%
EQUITY_TIERS: tuple[tuple[Decimal, Decimal], ...] = (
    (Decimal("1.00"), Decimal("0.20")),
    (Decimal("1.50"), Decimal("0.30")),
    (Decimal("2.50"), Decimal("0.40")),
    (Decimal("3.50"), Decimal("0.50")),
)
EQUITY_BELOW_FIRST_TIER = Decimal("0.10")
DEFAULT_WARNING_SHARE = Decimal("0.8")


def equity_limit_for_solvency(solvency_ratio: Decimal | float | str) -> Decimal:
    """The equity limit (fraction of total assets) for a comprehensive solvency ratio (2.10 = 210%)."""
    ratio = solvency_ratio if isinstance(solvency_ratio, Decimal) else Decimal(str(solvency_ratio))
    limit = EQUITY_BELOW_FIRST_TIER
    for bound, tier_limit in EQUITY_TIERS:
        if ratio >= bound:
            limit = tier_limit
    return limit


@dataclass(frozen=True)
class Derived:
    warning: Decimal | None
    limit: Decimal | None
    problem: str | None = None      # a code when the rule cannot derive (e.g. "no_solvency_ratio")


def derive(rule: str, solvency_ratio: Decimal | None, warning: Decimal | None = None) -> Derived:
    """Warning and limit of a rule-derived limit for a scope with that solvency ratio."""
    if rule != EQUITY_SOLVENCY_TIER:
        return Derived(warning, None, "unknown_rule")
    if solvency_ratio is None:
        return Derived(warning, None, "no_solvency_ratio")
    limit = equity_limit_for_solvency(solvency_ratio)
    if warning is None:
        warning = limit * DEFAULT_WARNING_SHARE
    return Derived(warning, limit)
