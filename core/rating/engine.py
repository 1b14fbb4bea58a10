"""The rating engine: scores -> dimension risk levels -> composite -> base level -> adjustments -> final level.

Exact decimal arithmetic throughout. The bands apply to the exact values (the text says "大于80分" and
says nothing of rounding): a weighted sum of two-decimal scores is exact, so 80.0044 is level 1. The
rulebook's `score_rounding` may say "half_up_2" instead (round dimension scores, the weighted sum and the
composite half-up to two decimals first, for a group that learns the regulator does). Because the
regulator's convention is not published, every result is also computed under the other convention, and a
`BoundaryNote` records where that would change a level. An ESG bonus that the rulebook's cap cuts is
recorded (`Assessment.esg_capped`), never silent.

Every adjustment rule of the rulebook is evaluated and recorded as a `RuleTrace` whether or not it
changes the level; the trace holds codes and values only (`wording.rating` turns it into sentences).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from typing import Any, Mapping

from core.problems import InputError, InputProblem
from core.rating.inputs import Flag, RatingInput, parse_rating_input
from core.rating.rulebook import IRR_ORDER, ZERO, Band, Rule, Rulebook, bands_from_brackets

CENT = Decimal("0.01")
# Amounts reach 1e12 yuan and ratios need many digits to compare exactly: far more than enough.
EXACT = Context(prec=60)

# check statuses
HOLDS, NOT_HELD, UNKNOWN, NOT_APPLICABLE = "holds", "not_held", "unknown", "not_applicable"

# effect codes
EFFECT_NONE = "none"
SET_TO_5 = "set_to_5"
SET_TO_LEVEL = "set_to_level"
RAISED_BY_ONE = "raised_by_one"
RAISED = "raised"
NO_EFFECT_ALREADY_5 = "no_effect_already_5"
CAPPED = "capped"
NO_EFFECT_ALREADY_WORSE = "no_effect_already_worse"
SET_TO_S = "set_to_S"
OVERRIDDEN_BY_S = "overridden_by_S"


def round2(x: Decimal) -> Decimal:
    """Half-up to two decimals (84.625 -> 84.63), the rounding the officer's spreadsheet shows."""
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def tidy(x: Decimal) -> Decimal:
    """The same exact value written with at least two decimals and no trailing zeros beyond them
    (60.004300 -> 60.0043, 84.6 -> 84.60), so that stored and shown scores read as the officer's do."""
    n = x.normalize()
    exponent = n.as_tuple().exponent   # a letter for NaN and infinity, which have no decimals to tidy
    return n.quantize(CENT) if isinstance(exponent, int) and exponent > -2 else n


@dataclass(frozen=True)
class Check:
    """One test inside a rule (U3 has four: ratio, growth, growth vs industry, tick box).

    status: holds | not_held | unknown (a fact is missing or a ratio cannot be computed) |
    not_applicable (the rulebook sets no margin, the company is too young, ...). `reason` is a code for
    unknown / not applicable; `value` is what was measured, `threshold` what it was compared with.
    """

    test: str
    status: str
    value: Any = None
    threshold: Any = None
    subject: str | None = None        # the dimension a check is about (U2)
    reason: str | None = None
    missing: tuple[str, ...] = ()     # facts that were not given
    basis: str | None = None          # the officer's text for a tick box


@dataclass(frozen=True)
class SolvencyIndicator:
    """C-ROSS standard next to M3, informational only: it never fires M3."""

    core_ratio: Decimal | None
    comprehensive_ratio: Decimal | None
    irr_class: str | None
    core_ok: bool | None
    comprehensive_ok: bool | None
    irr_ok: bool | None
    meets_standard: bool | None       # None = cannot tell (a fact is missing and none fails)
    core_min: Decimal
    comprehensive_min: Decimal
    irr_worst: str
    source: str


@dataclass(frozen=True)
class RuleTrace:
    """What one rule saw and did. `effect` is what it did to the level; `would_effect` what it would
    have done had S not overridden it (equal to `effect` otherwise)."""

    rule: str
    kind: str
    holds: bool
    effect: str
    source: str
    checks: tuple[Check, ...]
    inputs: Mapping[str, Any]
    thresholds: Mapping[str, Any]
    to_level: str | None = None
    level_before: str | None = None
    level_after: str | None = None
    would_effect: str | None = None
    indicator: SolvencyIndicator | None = None

    @property
    def unknown(self) -> tuple[Check, ...]:
        """The parts that could not be checked (missing facts, ratios over non-positive net assets)."""
        return tuple(c for c in self.checks if c.status == UNKNOWN)

    @property
    def basis(self) -> tuple[str, ...]:
        return tuple(c.basis for c in self.checks if c.basis)


@dataclass(frozen=True)
class DimensionResult:
    key: str
    score: Decimal                    # what the bands use: exact, or 2dp half-up under "half_up_2"
    risk_level: str                   # low | medium | high
    weight: Decimal
    from_items: bool
    unrounded: Decimal
    item_scores: Mapping[str, Decimal] = field(default_factory=dict)
    name: str | None = None           # the officer's name of a type-specific element (unified)


@dataclass(frozen=True)
class BoundaryShift:
    """One level that the other rounding convention would change: the composite's base level
    (`subject` "composite") or a dimension's risk level (`subject` its key)."""

    subject: str
    value: Decimal                    # under the convention used
    level: str
    other_value: Decimal              # under the other convention
    other_level: str


@dataclass(frozen=True)
class BoundaryNote:
    """Two-decimal rounding (or, under "half_up_2", the exact value) would give another level.

    `shifts` lists the composite first, then the dimensions, in rulebook order; `other_final_level` is
    the final level the other convention would give after the adjustments (U1/U2 follow risk levels).
    """

    convention: str                   # the one used: "none" | "half_up_2"
    other_convention: str
    shifts: tuple[BoundaryShift, ...]
    final_level: str
    other_final_level: str


@dataclass(frozen=True)
class Assessment:
    """A complete result: the numbers, the levels, the trace, the measures, and which rulebook made it."""

    rulebook_id: str
    rulebook_version: str
    rulebook_sha256: str
    scheme: str
    company: str | None
    period: str | None
    dimensions: tuple[DimensionResult, ...]
    weighted_score: Decimal
    esg_bonus_given: Decimal | None
    esg_bonus_applied: Decimal
    esg_bonus_cap: Decimal | None
    composite_score: Decimal
    base_level: str
    final_level: str
    fired: tuple[str, ...]
    trace: tuple[RuleTrace, ...]
    measures: tuple[str, ...]         # measure codes for the final level
    composite_bands: tuple[Band, ...]
    input: RatingInput | None = None
    score_rounding: str = "none"
    score_rounding_source: str | None = None
    esg_bonus_source: str | None = None       # of the cap
    boundary_note: BoundaryNote | None = None
    # when the cap cut the bonus: the composite and base level the entered bonus would have given
    esg_uncapped_composite: Decimal | None = None
    esg_uncapped_level: str | None = None

    @property
    def esg_capped(self) -> bool:
        """The rulebook's cap cut the bonus the officer entered (5 counted as 2)."""
        return (self.esg_bonus_cap is not None and self.esg_bonus_given is not None
                and self.esg_bonus_given > self.esg_bonus_cap)

    @property
    def dimension_scores(self) -> dict[str, Decimal]:
        return {d.key: d.score for d in self.dimensions}

    @property
    def dimension_risk_levels(self) -> dict[str, str]:
        return {d.key: d.risk_level for d in self.dimensions}

    def rule(self, rule_id: str) -> RuleTrace | None:
        return next((t for t in self.trace if t.rule == rule_id), None)


def band_for(bands: tuple[Band, ...], x: Decimal) -> str:
    for b in bands:
        if b.contains(x):
            return b.level
    raise ValueError(f"no band covers {x}")  # rulebook validation guarantees coverage


def effective_weights(inp: RatingInput, rulebook: Rulebook) -> dict[str, Decimal] | None:
    if rulebook.scheme == "unified":
        return dict(inp.weights) if inp.weights is not None else (
            dict(rulebook.weights) if rulebook.weights is not None else None)
    return rulebook.fixed_weights()


def effective_bands(inp: RatingInput, rulebook: Rulebook) -> tuple[Band, ...] | None:
    if rulebook.scheme == "unified" and inp.brackets is not None:
        return bands_from_brackets(inp.brackets, rulebook.levels)
    return rulebook.composite_bands


def assess(inp: RatingInput, rulebook: Rulebook) -> Assessment:
    """Rate one input under one rulebook. InputError("cannot_grade") if unified weights/brackets are unset."""
    weights = effective_weights(inp, rulebook)
    bands = effective_bands(inp, rulebook)
    if weights is None or bands is None:
        fields = [n for n, v in (("weights", weights), ("brackets", bands)) if v is None]
        # `missing` is a code (weights, brackets, weights_and_brackets), worded by wording.rating_problems
        raise InputError([InputProblem("cannot_grade", file=inp.source, column=", ".join(fields),
                                       detail={"rulebook": rulebook.id, "missing": "_and_".join(fields)})])
    convention = rulebook.score_rounding
    with localcontext(EXACT):
        dims, weighted, esg_applied, composite, base = _scores(inp, rulebook, weights, bands, convention)
        trace, final = _adjust(inp, rulebook, dims, base)
        note = _boundary_note(inp, rulebook, weights, bands, convention, dims, composite, base, final)
        uncapped = uncapped_level = None
        if esg_applied != (inp.esg_bonus or ZERO):
            uncapped = (round2 if convention == "half_up_2" else tidy)(weighted + inp.esg_bonus)
            uncapped_level = band_for(bands, uncapped)
    fired = tuple(t.rule for t in trace if t.holds)
    return Assessment(
        rulebook_id=rulebook.id, rulebook_version=rulebook.version, rulebook_sha256=rulebook.sha256,
        scheme=rulebook.scheme, company=inp.company, period=inp.period, dimensions=dims,
        weighted_score=weighted, esg_bonus_given=inp.esg_bonus, esg_bonus_applied=esg_applied,
        esg_bonus_cap=rulebook.esg_bonus_cap, composite_score=composite, base_level=base,
        final_level=final, fired=fired, trace=trace, measures=tuple(rulebook.measures.get(final, ())),
        composite_bands=bands, input=inp, score_rounding=convention,
        score_rounding_source=rulebook.score_rounding_source, esg_bonus_source=rulebook.esg_bonus_source,
        boundary_note=note, esg_uncapped_composite=uncapped, esg_uncapped_level=uncapped_level)


def _scores(inp: RatingInput, rulebook: Rulebook, weights: Mapping[str, Decimal], bands: tuple[Band, ...],
            convention: str):
    """(dimensions, weighted, ESG applied, composite, base level) under one rounding convention."""
    rnd = round2 if convention == "half_up_2" else tidy
    dims = tuple(_dimension(inp, rulebook, key, w, rnd) for key, w in weights.items())
    weighted = rnd(sum((d.weight * d.score for d in dims), ZERO))
    esg_applied = ZERO
    if rulebook.esg_bonus_cap is not None and inp.esg_bonus is not None:
        esg_applied = min(inp.esg_bonus, rulebook.esg_bonus_cap)
    composite = rnd(weighted + esg_applied)
    return dims, weighted, esg_applied, composite, band_for(bands, composite)


def _boundary_note(inp, rulebook, weights, bands, convention, dims, composite, base, final) -> BoundaryNote | None:
    """Where the other convention would band differently (rating.md: the regulator's is not published)."""
    other = "none" if convention == "half_up_2" else "half_up_2"
    o_dims, _, _, o_composite, o_base = _scores(inp, rulebook, weights, bands, other)
    shifts = []
    if o_base != base:
        shifts.append(BoundaryShift("composite", composite, base, o_composite, o_base))
    for d, o in zip(dims, o_dims):
        if d.risk_level != o.risk_level:
            shifts.append(BoundaryShift(d.key, d.score, d.risk_level, o.score, o.risk_level))
    if not shifts:
        return None
    _, o_final = _adjust(inp, rulebook, o_dims, o_base)
    return BoundaryNote(convention, other, tuple(shifts), final, o_final)


def assess_under(inp: RatingInput, rulebook: Rulebook) -> Assessment:
    """Rate a stored input under another rulebook (or version): it is re-validated against that one,
    so an input that does not fit (unified without brackets, other dimension keys) raises InputError."""
    data = inp.to_json_dict(exact=True)
    data.pop("rulebook_version", None)
    return assess(parse_rating_input(data, inp.source, rulebook), rulebook)


def assessment_record(a: Assessment) -> dict:
    """The result as plain JSON-ready data with codes only (numbers as exact decimal strings), for the store.

    Sentences are not stored: they are rebuilt from these codes in the reader's language.
    """
    def s(x):
        return None if x is None else str(x)

    def check(c: Check) -> dict:
        return {"test": c.test, "status": c.status, "value": s(c.value) if c.value is not None else None,
                "threshold": s(c.threshold), "subject": c.subject, "reason": c.reason,
                "missing": list(c.missing), "basis": c.basis}

    return {
        "rulebook": a.rulebook_id, "rulebook_version": a.rulebook_version, "rulebook_sha256": a.rulebook_sha256,
        "scheme": a.scheme, "company": a.company, "period": a.period,
        "dimensions": [{"key": d.key, "score": s(d.score), "risk_level": d.risk_level, "weight": s(d.weight),
                        "from_items": d.from_items, "unrounded": s(d.unrounded),
                        "item_scores": {k: s(v) for k, v in d.item_scores.items()},
                        **({"name": d.name} if d.name else {})} for d in a.dimensions],
        "weighted_score": s(a.weighted_score), "esg_bonus_given": s(a.esg_bonus_given),
        "esg_bonus_applied": s(a.esg_bonus_applied), "composite_score": s(a.composite_score),
        "base_level": a.base_level, "final_level": a.final_level, "fired": list(a.fired),
        "trace": [{"rule": t.rule, "kind": t.kind, "holds": t.holds, "effect": t.effect,
                   "would_effect": t.would_effect, "source": t.source, "to_level": t.to_level,
                   "level_before": t.level_before, "level_after": t.level_after,
                   "checks": [check(c) for c in t.checks],
                   "meets_solvency_standard": t.indicator.meets_standard if t.indicator else None}
                  for t in a.trace],
        "measures": list(a.measures),
        "score_rounding": a.score_rounding,
        "esg_bonus_cap": s(a.esg_bonus_cap), "esg_capped": a.esg_capped,
        "esg_uncapped_composite": s(a.esg_uncapped_composite), "esg_uncapped_level": a.esg_uncapped_level,
        "boundary_note": None if a.boundary_note is None else {
            "convention": a.boundary_note.convention, "other_convention": a.boundary_note.other_convention,
            "final_level": a.boundary_note.final_level, "other_final_level": a.boundary_note.other_final_level,
            "shifts": [{"subject": x.subject, "value": s(x.value), "level": x.level,
                        "other_value": s(x.other_value), "other_level": x.other_level}
                       for x in a.boundary_note.shifts]},
    }


def _dimension(inp: RatingInput, rulebook: Rulebook, key: str, weight: Decimal, rnd=round2) -> DimensionResult:
    if key in inp.dimension_scores:
        raw = inp.dimension_scores[key]
        items: Mapping[str, Decimal] = {}
        from_items = False
    else:
        dim = rulebook.dimension(key)
        assert dim is not None, key   # the input was checked against this rulebook: a key it does not know is scored
        items = inp.item_scores[key]
        raw = sum((it.weight * items[it.id] for it in dim.items), ZERO)
        from_items = True
    score = rnd(raw)
    name = inp.element_names.get(key) if rulebook.dimension(key) is None else None
    return DimensionResult(key, score, band_for(rulebook.risk_bands, score), weight, from_items, raw, dict(items),
                           name)


# --------------------------------------------------------------------------------------- rule tests

def _fact(inp: RatingInput, name: str):
    return inp.facts.get(name)


def _flag_check(rule: Rule, inp: RatingInput) -> Check | None:
    if not rule.flag:
        return None
    f = inp.flags.get(rule.id, Flag(False))
    return Check("flag", HOLDS if f.value else NOT_HELD, value=f.value, basis=f.basis)


def _ratio_check(test: str, num_name: str, inp: RatingInput, limit: Decimal) -> Check:
    """num / net_assets > limit, decided as num > limit x net_assets so no division rounds it."""
    num, na = _fact(inp, num_name), _fact(inp, "net_assets")
    missing = tuple(n for n, v in ((num_name, num), ("net_assets", na)) if v is None)
    if missing:
        return Check(test, UNKNOWN, threshold=limit, reason="missing_fact", missing=missing)
    if na <= ZERO:
        return Check(test, UNKNOWN, value=None, threshold=limit, reason="denominator_not_positive")
    return Check(test, HOLDS if num > limit * na else NOT_HELD, value=num / na, threshold=limit)


def _evaluate(rule: Rule, inp: RatingInput, dims: tuple[DimensionResult, ...]) -> tuple[list[Check], dict, dict]:
    p = rule.params
    levels = {d.key: d.risk_level for d in dims}
    checks: list[Check] = []
    inputs: dict[str, Any] = {}
    thresholds: dict[str, Any] = {}
    if rule.test == "high_dimension_count":
        highs = tuple(k for k, v in levels.items() if v == "high")
        inputs["high_dimensions"] = highs
        thresholds["min_high"] = p["min_high"]
        checks.append(Check("high_dimension_count", HOLDS if len(highs) >= p["min_high"] else NOT_HELD,
                            value=len(highs), threshold=p["min_high"]))
    elif rule.test == "high_in_dimensions":
        thresholds["dimensions"] = tuple(p["dimensions"])
        for key in p["dimensions"]:
            if key not in levels:
                checks.append(Check("dimension_high", NOT_APPLICABLE, subject=key, reason="dimension_not_rated"))
                continue
            inputs[key] = levels[key]
            checks.append(Check("dimension_high", HOLDS if levels[key] == "high" else NOT_HELD,
                                value=levels[key], subject=key))
    elif rule.test == "aggressive_expansion":
        limit, growth_max = p["premium_to_net_assets_max"], p["growth_max"]
        margin, min_years = p["industry_growth_margin"], p["min_years_for_industry_test"]
        thresholds.update(premium_to_net_assets_max=limit, growth_max=growth_max,
                          industry_growth_margin=None if margin == "none" else margin,
                          min_years_for_industry_test=min_years)
        for n in ("scale_premium", "net_assets", "scale_premium_growth", "industry_premium_growth",
                  "years_in_operation"):
            inputs[n] = _fact(inp, n)
        checks.append(_ratio_check("premium_to_net_assets", "scale_premium", inp, limit))
        growth = _fact(inp, "scale_premium_growth")
        checks.append(Check("premium_growth", UNKNOWN, threshold=growth_max, reason="missing_fact",
                            missing=("scale_premium_growth",)) if growth is None else
                      Check("premium_growth", HOLDS if growth > growth_max else NOT_HELD, value=growth,
                            threshold=growth_max))
        checks.append(_industry_check(inp, margin, min_years))
    elif rule.test == "related_party_concentration":
        limit = p["related_party_to_net_assets_max"]
        thresholds["related_party_to_net_assets_max"] = limit
        inputs.update(max_single_related_party_investment=_fact(inp, "max_single_related_party_investment"),
                      net_assets=_fact(inp, "net_assets"))
        checks.append(_ratio_check("related_party_to_net_assets", "max_single_related_party_investment",
                                   inp, limit))
    elif rule.test == "negative_net_assets":
        floor = p["net_assets_min"]
        na = _fact(inp, "net_assets")
        inputs["net_assets"] = na
        thresholds["net_assets_min"] = floor
        checks.append(Check("net_assets_negative", UNKNOWN, threshold=floor, reason="missing_fact",
                            missing=("net_assets",)) if na is None else
                      Check("net_assets_negative", HOLDS if na < floor else NOT_HELD, value=na, threshold=floor))
    flag = _flag_check(rule, inp)
    if flag is not None:
        inputs["flag"] = flag.value
        checks.append(flag)
    return checks, inputs, thresholds


def _industry_check(inp: RatingInput, margin, min_years: Decimal) -> Check:
    if margin == "none":
        return Check("growth_vs_industry", NOT_APPLICABLE, reason="no_margin_in_rulebook")
    years = _fact(inp, "years_in_operation")
    growth, industry = _fact(inp, "scale_premium_growth"), _fact(inp, "industry_premium_growth")
    if years is None:
        return Check("growth_vs_industry", UNKNOWN, threshold=margin, reason="missing_fact",
                     missing=("years_in_operation",))
    if years < min_years:
        return Check("growth_vs_industry", NOT_APPLICABLE, value=years, threshold=min_years,
                     reason="in_operation_under_min_years")
    missing = tuple(n for n, v in (("scale_premium_growth", growth), ("industry_premium_growth", industry))
                    if v is None)
    if missing:
        return Check("growth_vs_industry", UNKNOWN, threshold=margin, reason="missing_fact", missing=missing)
    diff = growth - industry
    return Check("growth_vs_industry", HOLDS if diff > margin else NOT_HELD, value=diff, threshold=margin)


def solvency_indicator(inp: RatingInput, rulebook: Rulebook) -> SolvencyIndicator | None:
    std = rulebook.solvency_standard
    if std is None:
        return None
    core, comp, irr = (_fact(inp, "core_solvency_ratio"), _fact(inp, "comprehensive_solvency_ratio"),
                       _fact(inp, "irr_class"))
    core_ok = None if core is None else core >= std.core_min
    comp_ok = None if comp is None else comp >= std.comprehensive_min
    irr_ok = None if irr is None else IRR_ORDER.index(irr) <= IRR_ORDER.index(std.irr_worst)
    parts = (core_ok, comp_ok, irr_ok)
    meets = False if False in parts else (None if None in parts else True)
    return SolvencyIndicator(core, comp, irr, core_ok, comp_ok, irr_ok, meets, std.core_min,
                             std.comprehensive_min, std.irr_worst, std.source)


# ------------------------------------------------------------------------------------- adjustments

def _adjust(inp: RatingInput, rulebook: Rulebook, dims: tuple[DimensionResult, ...],
            base: str) -> tuple[tuple[RuleTrace, ...], str]:
    """Order: set (direct-to-5) -> else raise -> cap -> override (S). Every rule is traced."""
    evaluated = {}
    for rule in rulebook.rules:
        checks, inputs, thresholds = _evaluate(rule, inp, dims)
        holds = any(c.status == HOLDS for c in checks)
        indicator = solvency_indicator(inp, rulebook) if rule.params.get("solvency_indicator") else None
        evaluated[rule.id] = (rule, holds, checks, inputs, thresholds, indicator)

    levels = rulebook.levels
    effects: dict[str, tuple[str, str, str]] = {}   # rule -> (effect, before, after)
    level = base

    # direct-to-level rules (life: M1-M7 -> 5): the worst target among those that hold
    set_rules = [(r, h) for r, h, *_ in evaluated.values() if r.kind == "set"]
    held_sets = [r for r, h in set_rules if h]
    before = level
    if held_sets:
        level = max((r.target_level for r in held_sets), key=levels.index)
    for r, h in set_rules:
        effects[r.id] = ((SET_TO_5 if r.to_level == rulebook.worst_level else SET_TO_LEVEL) if h else EFFECT_NONE,
                         before, level)

    # raise rules: one step for any number holding ("之一的…上调一个等级"), never past the worst level,
    # and not at all once a set rule has decided the level
    raise_rules = [(r, h) for r, h, *_ in evaluated.values() if r.kind == "raise"]
    held_raises = [r for r, h in raise_rules if h]
    before = level
    if held_raises and not held_sets:
        steps = max(r.steps for r in held_raises)
        level = levels[min(levels.index(level) + steps, len(levels) - 1)]
    for r, h in raise_rules:
        if not h:
            eff = EFFECT_NONE
        elif held_sets or level == before:
            eff = NO_EFFECT_ALREADY_5 if before == rulebook.worst_level else NO_EFFECT_ALREADY_WORSE
        else:
            eff = RAISED_BY_ONE if levels.index(level) - levels.index(before) == 1 else RAISED
        effects[r.id] = (eff, before, level)

    # caps (unified: M1/M3/M4 -> 4A or worse)
    cap_rules = [(r, h) for r, h, *_ in evaluated.values() if r.kind == "cap"]
    before = level
    for r, h in cap_rules:
        if h and levels.index(level) < levels.index(r.target_level):
            level = r.target_level
    for r, h in cap_rules:
        eff = EFFECT_NONE if not h else (CAPPED if level != before and level == r.to_level
                                         else NO_EFFECT_ALREADY_WORSE)
        effects[r.id] = (eff, before, level)

    # S overrides everything
    override_rules = [(r, h) for r, h, *_ in evaluated.values() if r.kind == "override"]
    s_holds = any(h for _, h in override_rules)
    before = level
    if s_holds:
        level = rulebook.override_level
    for r, h in override_rules:
        effects[r.id] = (SET_TO_S if h else EFFECT_NONE, before, level)

    traces = []
    for rule_id, (rule, holds, checks, inputs, thresholds, indicator) in evaluated.items():
        eff, lb, la = effects[rule_id]
        would = eff
        if s_holds and holds and rule.kind != "override":
            eff = OVERRIDDEN_BY_S
        traces.append(RuleTrace(rule=rule_id, kind=rule.kind, holds=holds, effect=eff, source=rule.source,
                                checks=tuple(checks), inputs=inputs, thresholds=thresholds,
                                to_level=rule.to_level, level_before=lb, level_after=la, would_effect=would,
                                indicator=indicator))
    return tuple(traces), level
