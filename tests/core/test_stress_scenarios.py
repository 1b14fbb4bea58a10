"""Stress scenarios on the small example group, hand-computed.

Bases: group total 100e9, net 10e9; LIFE 60e9 / 6e9; PC 30e9 / 3e9; AM 2e9 / 1e9.
Counterparty groups at group level (countable): BANK1 10e9 (E02 LIFE 5, E12 LIFE deposit 3, E03 PC to
BANK1SUB 2), RE1 7.2e9, ENERGY 3.1e9, FOREIGN 3e9, RP1 2.5e9, SOE1 2e9, TRUST1 1e9, UNKNOWN 0.4e9;
GOV (exempt) and CDB (exempt_counterparty bond) count 0.
"""
from __future__ import annotations

import json
import shutil
from decimal import Decimal

import pytest

from core.concentration.importer import read_group_data
from core.concentration.snapshots import import_snapshot
from core.problems import InputError
from core.store import Store
from core.whatif import stress as st
from core.whatif.stress import Scenario, Shock, load_scenarios, run_scenario, save_stress_result
from tests.conftest import EXAMPLES
from tests.core.test_store_support import FakeClock

SMALL = EXAMPLES / "small-group"
E9 = 1_000_000_000 * 100          # 1e9 yuan in fen


@pytest.fixture(scope="module")
def data():
    return read_group_data(SMALL)


@pytest.fixture(scope="module")
def capital_data(tmp_path_factory):
    """A copy with capital figures: LIFE 12e9 actual / 6e9 minimum, PC 5e9 / 2.5e9, AM none;
    group 20e9 / 10e9."""
    folder = tmp_path_factory.mktemp("capital") / "data"
    shutil.copytree(SMALL, folder)
    (folder / "members.csv").write_text(
        "member_id,name,kind,total_assets,net_assets,solvency_ratio,actual_capital,minimum_capital\n"
        "LIFE,示例人寿保险股份有限公司,life,60000000000,6000000000,2.10,12000000000,6000000000\n"
        "PC,示例财产保险股份有限公司,pc,30000000000,3000000000,1.80,5000000000,2500000000\n"
        "AM,示例资产管理有限公司,asset_mgmt,2000000000,1000000000,,,\n", encoding="utf-8")
    (folder / "group.csv").write_text(
        "name,as_of,total_assets,net_assets,actual_capital,minimum_capital\n"
        "示例保险集团,2025-06-30,100000000000,10000000000,20000000000,10000000000\n", encoding="utf-8")
    limits = (folder / "limits.csv").read_text(encoding="utf-8").splitlines()
    limits = [limits[0] + ",rule"] + [x + "," for x in limits[1:]] + [
        "L10,权益类资产（人寿，按偿付能力分档）,asset_class,LIFE,equity,total_assets,,,,equity_solvency_tier"]
    (folder / "limits.csv").write_text("\n".join(limits) + "\n", encoding="utf-8")
    return read_group_data(folder)


def _scenario(*shocks, sid="t"):
    return Scenario(sid, sid, tuple(shocks))


def _losses(r):
    return {s.scope: s.loss_fen for s in r.scopes}


def test_default_of_the_largest_group_bank1_lgd_45(capital_data):
    """BANK1 defaults, LGD 45%: E02 LIFE 5e9 → 2.25e9, E12 LIFE deposit 3e9 → 1.35e9 (a deposit is exempt
    from single-asset limits only: still a claim on the bank), E03 PC to BANK1SUB (BANK1's subsidiary,
    same group) 2e9 → 0.9e9. LIFE 3.6e9, PC 0.9e9, AM 0; group 4.5e9 (no intra-group exposure involved).
    Net assets after: LIFE 2.4e9, PC 2.1e9, AM 1e9, group 5.5e9; total assets 56.4 / 29.1 / 2 / 95.5e9.
    Solvency after: LIFE (12 − 3.6)/6 = 1.40 (from 2.00); PC (5 − 0.9)/2.5 = 1.64; group (20 − 4.5)/10 = 1.55;
    AM not computable."""
    r = run_scenario(capital_data, load_scenarios()[0], keep_stressed=True)
    assert r.scenario.id == "default-top1" and r.shocks[0].hit == ("BANK1",)
    assert _losses(r) == {"group": 45 * E9 // 10, "LIFE": 36 * E9 // 10, "PC": 9 * E9 // 10, "AM": 0}
    hit = {(x.exposure_id, x.member_id): x.loss_fen for x in r.row_losses.itertuples()}
    assert hit == {("E02", "LIFE"): 225 * E9 // 100, ("E12", "LIFE"): 135 * E9 // 100, ("E03", "PC"): 9 * E9 // 10}
    life, pc, am, g = r.scope("LIFE"), r.scope("PC"), r.scope("AM"), r.scope("group")
    assert (life.net_assets_after_fen, pc.net_assets_after_fen, am.net_assets_after_fen, g.net_assets_after_fen) == (
        24 * E9 // 10, 21 * E9 // 10, 1 * E9, 55 * E9 // 10)
    assert (life.total_assets_after_fen, g.total_assets_after_fen) == (564 * E9 // 10, 955 * E9 // 10)
    assert (life.solvency_before, life.solvency_after) == (Decimal(2), Decimal("1.4"))
    assert pc.solvency_after == Decimal("1.64") and g.solvency_after == Decimal("1.55")
    assert am.solvency_after is None and am.solvency_problem == st.NOT_COMPUTABLE
    # the equity cap follows the stressed solvency ratio: LIFE 2.10 → 30%; after 1.40 → 20% (warning 16%)
    l10b = r.limits_before.results.set_index("limit_id").loc["L10"]
    l10a = r.limits_after.results.set_index("limit_id").loc["L10"]
    assert (l10b["limit"], l10a["limit"], l10a["warning"]) == (Decimal("0.30"), Decimal("0.20"), Decimal("0.160"))
    # the stressed exposures
    e = r.stressed.exposures.set_index("exposure_id")["amount_fen"]
    assert (e["E02"], e["E12"], e["E03"], e["E04"]) == (275 * E9 // 100, 165 * E9 // 100, 11 * E9 // 10, 3 * E9)


def test_default_limits_after_use_stressed_exposures_and_bases(data):
    """After BANK1's default (no capital figures: solvency not computable anywhere):
    L01 each group: BANK1 5.5e9, RE1 7.2e9 → worst key RE1, 7.2/95.5 = 0.0754: warning (was breach).
    L02 related parties / group net assets: RP1 2.5e9 (PCCO and AMCO are members: eliminated) over 5.5e9 =
    0.4545 > 0.30: breach (was warning 0.25) — the loss shrinks the denominator.
    L08 LIFE K70 5.7e9 / 56.4e9 = 0.1011 > 0.10: breach (was warning 0.095).
    L06 LIFE BANK1 8e9 → 4.4e9 / 56.4e9 = 0.078: ok."""
    r = run_scenario(data, _scenario(Shock(st.DEFAULT, Decimal("0.45"), top_n=1)))
    assert all(s.solvency_problem == st.NOT_COMPUTABLE for s in r.scopes)
    res = r.limits_after.results.set_index("limit_id")
    assert (res.at["L01", "key"], res.at["L01", "exposure_fen"], res.at["L01", "status"]) == ("RE1", 72 * E9 // 10,
                                                                                           "warning")
    assert res.at["L01", "basis_fen"] == 955 * E9 // 10
    assert (res.at["L02", "exposure_fen"], res.at["L02", "basis_fen"], res.at["L02", "status"]) == (
        25 * E9 // 10, 55 * E9 // 10, "breach")
    assert res.at["L02", "ratio"] == pytest.approx(2.5 / 5.5)
    assert res.at["L08", "status"] == "breach" and res.at["L08", "ratio"] == pytest.approx(5.7 / 56.4)
    assert (res.at["L06", "key"], res.at["L06", "exposure_fen"], res.at["L06", "status"]) == (
        "BANK1", 44 * E9 // 10, "ok")
    assert r.limit_statuses()["L01"] == ("breach", "warning")


def test_three_largest_groups_with_look_through(data):
    """Top 3: BANK1 10, RE1 7.2, ENERGY 3.1 (FOREIGN 3.0 is fourth), LGD 45%.
    RE1 group leaves: E04 LIFE RE1A 3, E05 PC RE1B 1, E06A LIFE (in the trust plan) 2, E10 PC guarantee 0.5,
    E16A LIFE (in AM's product) 0.7. ENERGY group (label E-CHAIN): E06B LIFE (trust) 1, E11 LIFE 1.5,
    E07A AM (in AM's own product) 0.6.
    LIFE: 0.45 × (5 + 3 + 3 + 2 + 0.7 + 1 + 1.5) = 0.45 × 16.2 = 7.29e9; PC: 0.45 × (2 + 1 + 0.5) = 1.575e9;
    AM: 0.45 × 0.6 = 0.27e9; group 9.135e9. The trust plan E06 (4e9) loses 0.9 + 0.45 → 2.65e9."""
    r = run_scenario(data, _scenario(Shock(st.DEFAULT, Decimal("0.45"), top_n=3)), keep_stressed=True)
    assert r.shocks[0].hit == ("BANK1", "RE1", "ENERGY")
    assert _losses(r) == {"group": 9135 * E9 // 1000, "LIFE": 729 * E9 // 100, "PC": 1575 * E9 // 1000,
                          "AM": 27 * E9 // 100}
    e = r.stressed.exposures.set_index("exposure_id")["amount_fen"]
    assert (e["E06"], e["E06A"], e["E06B"]) == (265 * E9 // 100, 11 * E9 // 10, 55 * E9 // 100)
    assert (e["E07"], e["E07A"]) == (73 * E9 // 100, 33 * E9 // 100)


def test_industry_shock_on_a_member_is_eliminated_at_group(data):
    """J68 is PCCO's industry — PCCO is the member PC. LIFE's 0.8e9 subordinated bond of PC (E14) loses 50%:
    LIFE bears 0.4e9; at group level it is intra-group: group loss 0, group net assets unchanged."""
    r = run_scenario(data, _scenario(Shock(st.INDUSTRY, Decimal("0.5"), keys=("J68",))))
    assert _losses(r) == {"group": 0, "LIFE": 4 * E9 // 10, "PC": 0, "AM": 0}
    assert r.scope("group").net_assets_after_fen == 10 * E9
    assert r.scope("LIFE").net_assets_after_fen == 56 * E9 // 10
    assert list(r.row_losses["group_loss_fen"]) == [0]


def test_real_estate_and_region(data):
    """K70 at 30%: E04 0.9, E06A 0.6, E16A 0.21 (LIFE 1.71e9); E05 0.3, E10 0.15 (PC 0.45e9); group 2.16e9.
    Region CN-JS at 10%: only RE1B (E05 PC 1e9): 0.1e9."""
    r = run_scenario(data, load_scenarios()[2])
    assert _losses(r) == {"group": 216 * E9 // 100, "LIFE": 171 * E9 // 100, "PC": 45 * E9 // 100, "AM": 0}
    r2 = run_scenario(data, _scenario(Shock(st.REGION, Decimal("0.1"), keys=("CN-JS",))))
    assert _losses(r2) == {"group": E9 // 10, "LIFE": 0, "PC": E9 // 10, "AM": 0}


def test_equity_fall(data):
    """Equity holdings: E08 LIFE RP1 2.5e9, E09 LIFE FOREIGN 3e9; 30% → LIFE 1.65e9 = group.
    L04 LIFE equity: 3.85e9 / 58.35e9 = 0.066 < 0.08: warning → ok."""
    r = run_scenario(data, load_scenarios()[3])
    assert _losses(r) == {"group": 165 * E9 // 100, "LIFE": 165 * E9 // 100, "PC": 0, "AM": 0}
    res = r.limits_after.results.set_index("limit_id")
    assert res.at["L04", "exposure_fen"] == 385 * E9 // 100 and res.at["L04", "status"] == "ok"
    assert res.at["L04", "ratio"] == pytest.approx(3.85 / 58.35)


def test_holding_shock_shrinks_underlyings_pro_rata_and_keeps_member_product_remainders(data):
    """other_financial holdings −50%: E06 LIFE trust 4 → 2e9 (E06A 2 → 1, E06B 1 → 0.5); E07 AM product
    1 → 0.5 (E07A 0.6 → 0.3); E10 PC guarantee 0.5 → 0.25; E16 LIFE's AM product 1 → 0.5 (E16A 0.7 → 0.35).
    LIFE 2.5e9, AM 0.5e9, PC 0.25e9. Group: E16 is a product the member AM manages, not a claim on AM: its
    uncovered remainder (0.3 → 0.15) is UNKNOWN's and counts too; group = 2 + 0.5 + 0.25 + 0.5 = 3.25e9."""
    r = run_scenario(data, _scenario(Shock(st.ASSET_CLASS, Decimal("0.5"), classes=("other_financial",))),
                     keep_stressed=True)
    assert _losses(r) == {"group": 325 * E9 // 100, "LIFE": 25 * E9 // 10, "PC": 25 * E9 // 100, "AM": 5 * E9 // 10}
    e = r.stressed.exposures.set_index("exposure_id")["amount_fen"]
    assert [e[i] for i in ("E06", "E06A", "E06B", "E07", "E07A", "E16", "E16A")] == [
        2 * E9, E9, E9 // 2, E9 // 2, 3 * E9 // 10, E9 // 2, 35 * E9 // 100]
    g = dict(zip(r.row_losses["exposure_id"], r.row_losses["group_loss_fen"]))
    assert g == {"E06": 2 * E9, "E07": E9 // 2, "E10": E9 // 4, "E16": E9 // 2}


def test_combined_shocks_apply_one_after_the_other(data):
    """BANK1 default 45% (LIFE 3.6, PC 0.9), then K70 20% (LIFE 0.2 × 5.7 = 1.14, PC 0.2 × 1.5 = 0.3),
    then equities 20% (LIFE 0.2 × 5.5 = 1.1): LIFE 5.84e9, PC 1.2e9, group 7.04e9. A holding hit twice loses
    20% of what the first shock left (checked: an equity of a K70 counterparty: E04 is real estate, so none
    here; a second 20% K70 shock on top gives 0.8 × 0.2 more)."""
    r = run_scenario(data, load_scenarios()[4])
    assert _losses(r) == {"group": 704 * E9 // 100, "LIFE": 584 * E9 // 100, "PC": 12 * E9 // 10, "AM": 0}
    twice = run_scenario(data, _scenario(Shock(st.INDUSTRY, Decimal("0.2"), keys=("K70",)),
                                         Shock(st.INDUSTRY, Decimal("0.2"), keys=("K70",))))
    # K70 look-through total at group 7.2e9: 1.44 + 0.2 × 5.76 = 1.44 + 1.152 = 2.592e9 (= 36% of 7.2)
    assert twice.group_loss_fen == 2592 * E9 // 1000


def test_result_is_json_and_saved_with_the_snapshot(data):
    s = Store.create_in_memory(clock=FakeClock())
    out = import_snapshot(s, SMALL, "loader")
    r = run_scenario(data, load_scenarios()[0])
    doc = r.to_json()
    json.dumps(doc, allow_nan=False)
    assert doc["group_loss"] == 4.5e9 and doc["scenario"]["shocks"][0] == {"kind": st.DEFAULT, "rate": "0.45",
                                                                           "top_n": 1}
    eid = save_stress_result(s, out.snapshot_id, r, "alice", {"source": "snapshot"})
    rec = s.load_evaluation(eid)
    assert rec.limit_set_ref == {"stress": "default-top1", "limits": {"source": "snapshot"}}
    assert rec.result["scopes"][1] == {**rec.result["scopes"][1], "scope": "LIFE", "loss": 3.6e9}
    assert {x["limit_id"]: x["after"]["status"] for x in rec.result["limits"]}["L02"] == "breach"


def test_default_file_loads_and_bad_files_are_reported(tmp_path):
    ids = [s.id for s in load_scenarios()]
    assert ids == ["default-top1", "default-top3", "real-estate-30", "equity-fall-30", "combined-severe"]
    bad = tmp_path / "bad.toml"
    bad.write_text("""
version = 1
colour = "red"
[[scenario]]
id = "a"
name = "A"
  [[scenario.shock]]
  kind = "counterparty_group_default"
  lgd = 1.5
[[scenario]]
id = "a"
name = "B"
  [[scenario.shock]]
  kind = "meteor"
  loss_rate = 0.1
[[scenario]]
id = "c"
name = "C"
  [[scenario.shock]]
  kind = "asset_class"
  classes = ["equity", "gold"]
  loss_rate = "ten"
[[scenario]]
id = "d"
name = "D"
""", encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_scenarios(bad)
    got = [(p.code, p.column) for p in e.value.problems]
    assert got == [("unknown_field", "colour"),
                   ("out_of_range", "scenario[1].shock[1].lgd"),
                   ("shock_needs_one_of", "scenario[1].shock[1]"),
                   ("duplicate_id", "scenario[2].id"),
                   ("unknown_choice", "scenario[2].shock[1].kind"),
                   ("wrong_type", "scenario[3].shock[1].loss_rate"),
                   ("unknown_choice", "scenario[3].shock[1].classes"),
                   ("empty_scenario", "scenario[4].shock")]
    assert all(p.file == "bad.toml" for p in e.value.problems)
    broken = tmp_path / "broken.toml"
    broken.write_text("[[scenario]\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_scenarios(broken)
    assert e.value.problems[0].code == "broken_scenario_file"


def test_nested_look_through_losses_propagate_to_every_holding_above():
    """M1 holds fund P (1000 yuan, counterparty A): underlying U1 600 (counterparty B), itself holding U11 300
    (counterparty C). C defaults (LGD 50%): U11's leaf amount 300 loses 150; U1 600 → 450, P 1000 → 850;
    the uncovered remainders stay (P: 1000 − 600 = 400 → 850 − 450 = 400 with A; U1: 300 → 300 with B).
    M1 loses 150 = the group (total 5000, net 500 → 350).
    Then an equity fall of 10% on P (class equity): 850 → 765, U1 450 → 405, U11 150 → 135."""
    from tests.core.engine_helpers import cp, ex
    from tests.core.engine_helpers import data as make
    d = make([cp("A"), cp("B"), cp("C")],
             [ex("P", 1000, cp="A", asset_class="equity"), ex("U1", 600, cp="B", parent="P", member=None),
              ex("U11", 300, cp="C", parent="U1", member=None)], total=5000, net=500)
    r = run_scenario(d, _scenario(Shock(st.DEFAULT, Decimal("0.5"), groups=("C",)),
                                  Shock(st.EQUITY_FALL, Decimal("0.1"), classes=("equity",))), keep_stressed=True)
    assert [o.loss_by_scope for o in r.shocks] == [{"group": 150_00, "M1": 150_00}, {"group": 85_00, "M1": 85_00}]
    e = r.stressed.exposures.set_index("exposure_id")["amount_fen"]
    assert (e["P"], e["U1"], e["U11"]) == (765_00, 405_00, 135_00)
    assert r.scope("group").net_assets_after_fen == 500_00 - 235_00
    assert r.scope("M1").loss_fen == 235_00
