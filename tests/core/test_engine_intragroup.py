"""Intra-group exposures: eliminated at group scope, counted at member scope; a product a member manages is
not a claim on that member (its uncovered remainder goes to UNKNOWN at every scope)."""
from core.concentration.aggregate import build_aggregates
from core.concentration.engine import evaluate
from tests.core.engine_helpers import YUAN, cp, data, ex, lim, limits_frame, member, totals


def _data():
    cps = [cp("PCCO", member="PC", related=True), cp("AMCO", member="AM", related=True), cp("RE"), cp("X")]
    exps = [
        ex("E1", 80, "PCCO", member="LIFE", asset_class="equity"),          # to a member, no underlyings
        ex("E2", 100, "AMCO", member="LIFE", asset_class="other_financial"),  # member's product with underlyings
        ex("E2A", 70, "RE", member=None, parent="E2"),                      # ... remainder 30 goes to UNKNOWN
        ex("E3", 50, "X", member="PC"),
        ex("E4", 40, None, member="PC"),                                  # no counterparty
        ex("E4A", 15, "PCCO", member=None, parent="E4"),                    # an underlying that is a member
    ]
    members = [member("LIFE", 600, 60), member("PC", 300, 30), member("AM", 20, 10)]
    return data(cps, exps, members=members)


def test_group_scope_eliminates_leaves_and_plain_holdings():
    agg = build_aggregates(_data())
    # E4's uncovered 25 (no counterparty) and E2's uncovered 30 (a member's product) both go to UNKNOWN
    assert totals(agg, "group", "counterparty") == {"RE": 70 * YUAN, "X": 50 * YUAN, "UNKNOWN": 55 * YUAN}
    # holding dims: E1 (no underlyings) eliminated; E2 and E4 have underlyings: never eliminated
    assert totals(agg, "group", "single_asset") == {"E2": 100 * YUAN, "E3": 50 * YUAN, "E4": 40 * YUAN}
    assert totals(agg, "group", "asset_class") == {"other_financial": 100 * YUAN, "fixed_income": 90 * YUAN}
    assert totals(agg, "group", "related_party") == {}


def test_member_scope_counts_them():
    agg = build_aggregates(_data())
    assert totals(agg, "LIFE", "counterparty") == {"PCCO": 80 * YUAN, "RE": 70 * YUAN, "UNKNOWN": 30 * YUAN}
    assert totals(agg, "LIFE", "single_asset") == {"E2": 100 * YUAN, "E1": 80 * YUAN}
    assert totals(agg, "PC", "related_party") == {"PCCO": 15 * YUAN}
    assert totals(agg, "LIFE", "related_party") == {"PCCO": 80 * YUAN}    # UNKNOWN is never related


def test_member_scope_uses_member_basis():
    d = _data()
    d.limits = limits_frame(
        [lim("L1", "related_party", "LIFE", "*", basis="net_assets", warning="0.5", limit="2")])
    r = evaluate(d).evaluation.results.iloc[0]
    assert r["basis_fen"] == 60 * YUAN and r["exposure_fen"] == 80 * YUAN and r["status"] == "warning"
