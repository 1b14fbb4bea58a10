"""Pre-trade checks on the small example group, hand-computed; the delta path agrees with a rebuild.

Bases (members.csv, group.csv): group total assets 100e9, net 10e9; LIFE total 60e9; PC 30e9.
"""
from __future__ import annotations

import json

import pytest

from core.concentration.aggregate import build_aggregates
from core.concentration.importer import read_group_data
from core.problems import InputError
from core.whatif.pretrade import pretrade_check
from tests.conftest import EXAMPLES

SMALL = EXAMPLES / "small-group"
E9 = 1_000_000_000 * 100          # 1e9 yuan in fen


@pytest.fixture(scope="module")
def data():
    return read_group_data(SMALL)


@pytest.fixture(scope="module")
def agg(data):
    return build_aggregates(data)


BUY_BANK1 = {"member_id": "LIFE", "counterparty_id": "BANK1", "instrument_id": "BD-BANK1-2035",
             "asset_class": "fixed_income", "overseas": False, "on_balance": True, "amount": 2_000_000_000}


@pytest.mark.parametrize("mode", ["delta", "rebuild"])
def test_life_buys_2bn_of_a_new_bank1_bond(data, agg, mode):
    """L01 group, each counterparty group: BANK1 = E02 5 + E12 3 + E03 (PC, BANK1SUB) 2 = 10e9 → 12e9;
    0.10 → 0.12 > 0.08: breach stays breach (worst key BANK1 both sides).
    L06 LIFE, each counterparty: BANK1 = E02 5 + E12 3 = 8e9 → 10e9 over 60e9 = 0.1333 → 0.1667:
    ok → warning (0.15 ≤ 0.1667 ≤ 0.20); the worst key stays BANK1.
    L07 LIFE, each single asset: the new bond 2e9/60e9 = 0.0333 < 0.04: a new key, ok; worst key unchanged
    (BD-BANK1-2028 5e9).
    Nothing else moves: J66 is not K70 (L03, L08), fixed income (L04), domestic (L05), not related (L02)."""
    r = pretrade_check(data, [BUY_BANK1], agg=agg, mode=mode)
    assert r.mode == mode
    assert r.limit_ids == ("L01", "L06", "L07")
    l01 = r.by_id("L01")
    assert (l01.before.key, l01.before.exposure_fen, l01.before.status) == ("BANK1", 10 * E9, "breach")
    assert (l01.after.key, l01.after.exposure_fen, l01.after.status) == ("BANK1", 12 * E9, "breach")
    assert l01.after.ratio == pytest.approx(0.12)
    k = l01.affected_key
    assert (k.key, k.before_fen, k.after_fen, k.before_status, k.after_status) == ("BANK1", 10 * E9, 12 * E9,
                                                                                  "breach", "breach")
    assert l01.breach_threshold_fen == 8 * E9 and l01.warning_threshold_fen == 5 * E9
    l06 = r.by_id("L06")
    assert (l06.before.exposure_fen, l06.before.status) == (8 * E9, "ok")
    assert (l06.after.exposure_fen, l06.after.status, l06.after.key) == (10 * E9, "warning", "BANK1")
    assert l06.before.ratio == pytest.approx(8 / 60) and l06.after.ratio == pytest.approx(10 / 60)
    assert l06.status_changed and l06.after.n_warning == 1 and l06.before.n_warning == 0
    l07 = r.by_id("L07")
    assert (l07.before.key, l07.after.key) == ("BD-BANK1-2028", "BD-BANK1-2028")
    assert l07.before.status == l07.after.status == "breach"
    assert [(x.key, x.before_fen, x.after_fen, x.after_status) for x in l07.keys] == [
        ("BD-BANK1-2035", 0, 2 * E9, "ok")]
    assert r.to_json()["limits"][1]["after"]["status"] == "warning"
    json.dumps(r.to_json(), allow_nan=False)


@pytest.mark.parametrize("mode", ["delta", "rebuild"])
def test_a_purchase_that_becomes_the_worst_key(data, agg, mode):
    """PC buys 9e9 of RE1 bonds: L01 RE1 group 7.2 + 9 = 16.2e9 > BANK1 10e9: worst key RE1, 0.162 breach;
    L03 group K70 7.2 → 16.2e9 = 0.162 breach (was warning); L09 PC K70 1.5 → 10.5e9 / 30e9 = 0.35 breach."""
    buy = {**BUY_BANK1, "member_id": "PC", "counterparty_id": "RE1", "instrument_id": "BD-RE1-NEW",
           "amount": 9_000_000_000}
    r = pretrade_check(data, [buy], agg=agg, mode=mode)
    l01 = r.by_id("L01")
    assert (l01.before.key, l01.after.key, l01.after.exposure_fen) == ("BANK1", "RE1", 162 * E9 // 10)
    assert (l01.before.n_breach, l01.after.n_breach, l01.after.n_warning) == (1, 2, 0)
    assert (r.by_id("L03").before.status, r.by_id("L03").after.status) == ("warning", "breach")
    l09 = r.by_id("L09")
    assert (l09.after.exposure_fen, l09.after.status) == (105 * E9 // 10, "breach")
    assert l09.after.ratio == pytest.approx(0.35)


@pytest.mark.parametrize("mode", ["delta", "rebuild"])
def test_intra_group_and_exempt_purchases(data, agg, mode):
    """LIFE lends 1e9 to PCCO (a group member, PC): counted at LIFE scope, eliminated at group.
    L06 LIFE each counterparty: PCCO 0.8 → 1.8e9 (not the worst); L02 related party group *: unchanged
    (eliminated). LIFE also buys 5e9 of a GOV bond (exempt): no counterparty/single-asset limit moves."""
    rows = [{**BUY_BANK1, "counterparty_id": "PCCO", "instrument_id": "SUB-PC-2036", "amount": 1_000_000_000},
            {**BUY_BANK1, "counterparty_id": "GOV", "instrument_id": "CGB2035", "amount": 5_000_000_000}]
    r = pretrade_check(data, rows, agg=agg, mode=mode)
    assert r.limit_ids == ("L06", "L07")
    assert [(k.key, k.before_fen, k.after_fen) for k in r.by_id("L06").keys] == [("PCCO", 8 * E9 // 10, 18 * E9 // 10)]
    assert [(k.key, k.after_fen) for k in r.by_id("L07").keys] == [("SUB-PC-2036", 1 * E9)]


def test_delta_equals_rebuild_on_many_trades(data, agg):
    import itertools
    cps = ["BANK1", "BANK1SUB", "RE1A", "ENERGY", "SUPPLIER", "RP1", "FOREIGN", "SOE1", "PCCO", "CDB", "AMCO",
           "GOV", None]
    classes = ["equity", "fixed_income", "real_estate"]
    combos = list(itertools.product(cps, classes, ["LIFE", "PC", "AM"]))[::4]
    for i, (cp, ac, member) in enumerate(combos):
        row = {**BUY_BANK1, "member_id": member, "counterparty_id": cp, "asset_class": ac,
               "instrument_id": "EQ-RP1" if i % 4 == 0 else f"NEW{i}", "overseas": i % 5 == 0,
               "exempt_counterparty": i % 7 == 0, "exempt_single_asset": i % 6 == 0,
               "amount": 400_000_000 + 1_000_000_007 * (i % 9)}
        a = pretrade_check(data, [row], agg=agg, mode="delta")
        b = pretrade_check(data, [row], agg=agg, mode="rebuild")
        assert a.impacts == b.impacts, row


@pytest.mark.parametrize("mode", ["auto", "rebuild"])
def test_a_sale_shrinks_the_holding_and_its_underlyings_pro_rata(data, agg, mode):
    """LIFE sells 2e9 of E06 (trust plan 4e9: E06A RE1 2e9, E06B ENERGY 1e9, uncovered 1e9 → TRUST1):
    factor 2/4 → E06 2e9, E06A 1e9, E06B 0.5e9, TRUST1 remainder 0.5e9.
    L07 LIFE single asset: TRUST-PLAN-7 4e9 → 2e9 = 0.0333: breach → ok (worst key BD-BANK1-2028 stays).
    L03 group K70: 7.2 → 6.2e9 (0.062, warning stays). L08 LIFE K70: E04 3 + E06A 2 + E16A 0.7 = 5.7e9
    → 4.7e9: 0.095 warning → 0.0783 ok. L09 PC unchanged.
    L01 each group: RE1 7.2 → 6.2e9; ENERGY group (E-CHAIN: ENERGY, SUPPLIER) 1 + 1.5 + 0.6 = 3.1 → 2.6e9;
    TRUST1 1 → 0.5e9. L06 LIFE each counterparty: RE1 2.7 → 1.7e9, ENERGY 2.5 → 2.0e9, TRUST1 1 → 0.5e9."""
    sale = {"exposure_id": "E06", "amount": -2_000_000_000}
    r = pretrade_check(data, [sale], agg=agg, mode=mode)
    assert r.mode == "rebuild" and r.sales == (("E06", 2 * E9),)
    assert r.limit_ids == ("L01", "L03", "L06", "L07", "L08")
    l07 = r.by_id("L07")
    assert [(k.key, k.before_fen, k.after_fen, k.before_status, k.after_status) for k in l07.keys] == [
        ("TRUST-PLAN-7", 4 * E9, 2 * E9, "breach", "ok")]
    assert (l07.before.n_breach, l07.after.n_breach) == (2, 1)
    assert (r.by_id("L03").before.exposure_fen, r.by_id("L03").after.exposure_fen) == (72 * E9 // 10, 62 * E9 // 10)
    l08 = r.by_id("L08")
    assert (l08.before.exposure_fen, l08.after.exposure_fen) == (57 * E9 // 10, 47 * E9 // 10)
    assert (l08.before.status, l08.after.status) == ("warning", "ok")
    assert {k.key: (k.before_fen, k.after_fen) for k in r.by_id("L01").keys} == {
        "RE1": (72 * E9 // 10, 62 * E9 // 10), "ENERGY": (31 * E9 // 10, 26 * E9 // 10),
        "TRUST1": (1 * E9, 5 * E9 // 10)}
    assert r.by_id("L01").after.key == "BANK1"
    assert {k.key: (k.before_fen, k.after_fen) for k in r.by_id("L06").keys} == {
        "RE1": (27 * E9 // 10, 17 * E9 // 10), "ENERGY": (25 * E9 // 10, 2 * E9), "TRUST1": (1 * E9, 5 * E9 // 10)}


@pytest.mark.parametrize("mode", ["auto", "rebuild"])
def test_a_new_counterparty_linked_to_a_group(data, agg, mode):
    """A new counterparty NEWCO whose parent is RE1: LIFE lends it 1e9 → RE1 group 7.2 → 8.2e9 = 0.082
    > 0.08: L01 RE1 warning → breach; industry K70 (given) → L03 7.2 → 8.2e9: breach; L08 5.7 → 6.7e9.
    NEWCO has a parent, so it never becomes its group's key: the delta path counts it under RE1."""
    cp = {"counterparty_id": "NEWCO", "name": "新项目公司", "parent_id": "RE1", "industry": "K70",
          "region": "CN-GD", "related_party": False, "exempt": False}
    r = pretrade_check(data, [{**BUY_BANK1, "counterparty_id": "NEWCO", "instrument_id": "LN-NEWCO",
                               "amount": 1_000_000_000}], counterparties=[cp], agg=agg, mode=mode)
    assert r.mode == ("delta" if mode == "auto" else "rebuild")
    re1 = {k.key: k for k in r.by_id("L01").keys}["RE1"]
    assert (re1.before_fen, re1.after_fen, re1.before_status, re1.after_status) == (
        72 * E9 // 10, 82 * E9 // 10, "warning", "breach")
    assert (r.by_id("L03").after.exposure_fen, r.by_id("L03").after.status) == (82 * E9 // 10, "breach")


def test_amount_forms(data, agg):
    """Floats in exponent form and Decimals reach the importer as plain numbers."""
    from decimal import Decimal
    a = pretrade_check(data, [{**BUY_BANK1, "amount": 2e9}], agg=agg)
    b = pretrade_check(data, [{**BUY_BANK1, "amount": Decimal("2E+9")}], agg=agg)
    c = pretrade_check(data, [{**BUY_BANK1, "amount": "2000000000.00"}], agg=agg)
    assert a.impacts == b.impacts == c.impacts and a.by_id("L06").after.exposure_fen == 10 * E9


def test_bad_rows_are_refused_like_the_cli(data, agg):
    with pytest.raises(InputError) as e:
        pretrade_check(data, [{"exposure_id": "E06", "amount": -5_000_000_000}], agg=agg)
    assert [p.code for p in e.value.problems] == ["sale_exceeds_holding"]
    with pytest.raises(InputError) as e:
        pretrade_check(data, [{**BUY_BANK1, "counterparty_id": "NOBODY"}], agg=agg)
    assert [p.code for p in e.value.problems] == ["unknown_counterparty"]
    assert e.value.problems[0].file == "pretrade-exposures.csv" and e.value.problems[0].row == 2
    with pytest.raises(InputError) as e:
        pretrade_check(data, [{**BUY_BANK1, "exposure_id": "E02"}], agg=agg)     # an existing id, bought again
    assert [p.code for p in e.value.problems] == ["already_known"]
    with pytest.raises(InputError) as e:
        pretrade_check(data, [{**BUY_BANK1, "exposure_id": "E06A", "amount": -1}], agg=agg)  # an underlying
    assert [p.code for p in e.value.problems] == ["sale_of_underlying"]
    with pytest.raises(ValueError):
        pretrade_check(data, [{"exposure_id": "E06", "amount": -1}], agg=agg, mode="delta")


def test_warm_up_changes_nothing(data):
    from core.whatif.pretrade import warm_up
    agg = build_aggregates(data)
    warm_up(agg, data.limits)
    assert pretrade_check(data, [BUY_BANK1], agg=agg).impacts == pretrade_check(data, [BUY_BANK1]).impacts
