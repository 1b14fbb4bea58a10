"""The equity limit by comprehensive solvency ratio (金规〔2025〕12号), for display next to a limit derived by
the `equity_solvency_tier` rule: the tier table, and the cap (with its tier and margins) for one ratio.

The tier values themselves are the engine's (`core.concentration.rules`); nothing here decides a status.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from core.concentration import rules as _rules


@dataclass(frozen=True)
class EquityTier:
    index: int                     # 0 = lowest tier
    lower: Decimal | None          # solvency ratio from (inclusive); None: no lower bound
    upper: Decimal | None          # up to (exclusive); None: no upper bound
    limit: Decimal                 # equity / total assets


@dataclass(frozen=True)
class EquityCap:
    solvency_ratio: Decimal
    tier: EquityTier
    limit: Decimal
    warning: Decimal               # given, or DEFAULT_WARNING_SHARE of the limit
    fall_to_lower_tier: Decimal | None    # how much the ratio may fall before the cap drops (None: lowest tier)
    rise_to_higher_tier: Decimal | None   # how much it must rise for the next tier (None: highest tier)


def equity_tiers() -> tuple[EquityTier, ...]:
    bounds = [b for b, _ in _rules.EQUITY_TIERS]
    limits = [_rules.EQUITY_BELOW_FIRST_TIER] + [li for _, li in _rules.EQUITY_TIERS]
    lowers = [None] + bounds
    uppers = bounds + [None]
    return tuple(EquityTier(i, lo, up, li) for i, (lo, up, li) in enumerate(zip(lowers, uppers, limits)))


def equity_cap(solvency_ratio: Decimal | float | str, warning: Decimal | None = None) -> EquityCap:
    """The cap for a comprehensive solvency ratio (2.10 = 210%), exactly as the rule derives it."""
    ratio = solvency_ratio if isinstance(solvency_ratio, Decimal) else Decimal(str(solvency_ratio))
    derived = _rules.derive(_rules.EQUITY_SOLVENCY_TIER, ratio, warning)
    tier = next(t for t in equity_tiers() if (t.lower is None or ratio >= t.lower) and (t.upper is None or ratio < t.upper))
    assert tier.limit == derived.limit and derived.warning is not None   # derived from a known ratio
    return EquityCap(ratio, tier, derived.limit, derived.warning,
                     None if tier.lower is None else ratio - tier.lower,
                     None if tier.upper is None else tier.upper - ratio)


def equity_cap_for_scope(agg, scope: str, warning: Decimal | None = None) -> EquityCap | None:
    """The cap of a scope of the aggregates (None when its solvency ratio is not given)."""
    ratio = agg.solvency_ratio(scope)
    return None if ratio is None else equity_cap(ratio, warning)
