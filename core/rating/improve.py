""""What would it take": the nearest better level and what stands in the way of it.

For an assessment: the composite the next band needs (exact at two decimals: "> 80" needs 80.01), and
every rule that still holds with what would stop it (investment must reach 60.01 to stop U2, scale
premium must fall to 5 x net assets to stop U3's ratio test, a tick box only the regulator clears).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext

from core.rating.engine import EXACT, HOLDS, UNKNOWN, Assessment, RuleTrace
from core.rating.rulebook import Band, Rulebook

CENT = Decimal("0.01")


@dataclass(frozen=True)
class DimensionTarget:
    """Lift `dimension` from `current` to at least `needed` (the smallest two-decimal score out of high)."""

    dimension: str
    current: Decimal
    needed: Decimal


@dataclass(frozen=True)
class FactTarget:
    """`fact` must be `comparison` `needed` ("≤" or "≥"); `alternative` is another way to the same end."""

    fact: str
    current: Decimal | None
    comparison: str
    needed: Decimal
    alternative: "FactTarget | None" = None


@dataclass(frozen=True)
class Blocker:
    """A rule that holds and keeps the level from the target.

    kind: "dimensions" (lift `min_count` of `dimensions`), "facts" (every fact target met), or "flag"
    (a tick box: the regulator's finding, not a number, decides it).
    """

    rule: str
    kind: str
    dimensions: tuple[DimensionTarget, ...] = ()
    min_count: int | None = None
    facts: tuple[FactTarget, ...] = ()
    basis: str | None = None


@dataclass(frozen=True)
class Improvement:
    current_level: str
    target_level: str | None                 # None: already the best level
    composite: Decimal
    composite_needed: Decimal | None         # smallest 2dp composite in the target's band (None if met)
    composite_gap: Decimal | None            # composite_needed - composite (> 0), None if met
    blockers: tuple[Blocker, ...]
    composite_needed_if_rules_stay: Decimal | None = None   # the band one better than target (raise rules keep firing)
    unchecked_rules: tuple[str, ...] = ()    # rules with a test that could not be checked (facts missing)


def _smallest_in(bands: tuple[Band, ...], level: str) -> Decimal | None:
    band = next((b for b in bands if b.level == level), None)
    return band.smallest_2dp() if band else None


def not_high_from(rulebook: Rulebook) -> Decimal:
    """The smallest two-decimal dimension score that is not high risk (60.01 with '≤ 60 high')."""
    high = next(b for b in rulebook.risk_bands if b.level == "high")
    if high.upper is None:   # parse_rulebook's bands run upward from high: an open high band is no rulebook
        raise ValueError(f"{rulebook.id}: the high-risk band has no upper bound")
    return high.upper + CENT if high.upper_inclusive else high.upper


def what_would_it_take(a: Assessment, rulebook: Rulebook) -> Improvement:
    levels = rulebook.levels
    final = a.final_level
    unchecked = tuple(t.rule for t in a.trace if any(c.status == UNKNOWN for c in t.checks))
    if final == rulebook.override_level:
        s = a.rule(rulebook.override_level) or next(t for t in a.trace if t.kind == "override")
        return Improvement(final, s.level_before, a.composite_score, None, None,
                           (Blocker(s.rule, "flag", basis=_basis(s)),), unchecked_rules=unchecked)
    idx = levels.index(final)
    if idx == 0:
        return Improvement(final, None, a.composite_score, None, None, (), unchecked_rules=unchecked)
    target = levels[idx - 1]
    t_idx = idx - 1
    blockers = []
    raise_held = False
    for t in a.trace:
        if not t.holds or t.kind == "override":
            continue
        if t.kind in ("set", "cap") and levels.index(t.to_level) <= t_idx:
            continue  # its level is no worse than the target: not in the way
        if t.kind == "raise":
            raise_held = True
        blockers.append(_blocker(t, a, rulebook))
    needed = _smallest_in(a.composite_bands, target)
    gap = None
    with localcontext(EXACT):
        if needed is not None and needed > a.composite_score:
            gap = needed - a.composite_score
        else:
            needed = None
        if_stay = None
        if raise_held and t_idx > 0:
            if_stay = _smallest_in(a.composite_bands, levels[t_idx - 1])
            if if_stay is not None and if_stay <= a.composite_score:
                if_stay = None
    return Improvement(final, target, a.composite_score, needed, gap, tuple(blockers), if_stay, unchecked)


def _basis(t: RuleTrace) -> str | None:
    return next((c.basis for c in t.checks if c.test == "flag" and c.basis), None)


def _blocker(t: RuleTrace, a: Assessment, rulebook: Rulebook) -> Blocker:
    held = [c for c in t.checks if c.status == HOLDS]
    if any(c.test == "flag" for c in held):
        return Blocker(t.rule, "flag", basis=_basis(t))
    scores = a.dimension_scores
    floor = not_high_from(rulebook)
    if t.rule and held and held[0].test == "high_dimension_count":
        highs = t.inputs["high_dimensions"]
        min_high = int(t.thresholds["min_high"])
        return Blocker(t.rule, "dimensions", tuple(DimensionTarget(k, scores[k], floor) for k in highs),
                       min_count=len(highs) - min_high + 1)
    if held and held[0].test == "dimension_high":
        subjects = [c.subject for c in held if c.subject is not None]   # dimension_high: always one
        dims = tuple(DimensionTarget(s, scores[s], floor) for s in subjects)
        return Blocker(t.rule, "dimensions", dims, min_count=len(dims))
    facts = []
    f = a.input.facts if a.input else {}
    with localcontext(EXACT):
        for c in held:
            if c.test == "premium_to_net_assets":
                sp, na = f.get("scale_premium"), f.get("net_assets")
                facts.append(FactTarget("scale_premium", sp, "≤", c.threshold * na,
                                        FactTarget("net_assets", na, "≥", sp / c.threshold)))
            elif c.test == "related_party_to_net_assets":
                rp, na = f.get("max_single_related_party_investment"), f.get("net_assets")
                facts.append(FactTarget("max_single_related_party_investment", rp, "≤", c.threshold * na,
                                        FactTarget("net_assets", na, "≥", rp / c.threshold)))
            elif c.test == "premium_growth":
                facts.append(FactTarget("scale_premium_growth", c.value, "≤", c.threshold))
            elif c.test == "growth_vs_industry":
                ind = f.get("industry_premium_growth")
                facts.append(FactTarget("scale_premium_growth", f.get("scale_premium_growth"), "≤", ind + c.threshold))
            elif c.test == "net_assets_negative":
                facts.append(FactTarget("net_assets", c.value, "≥", c.threshold))
    return Blocker(t.rule, "facts", facts=tuple(facts))
