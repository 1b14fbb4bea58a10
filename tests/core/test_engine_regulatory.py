"""Issue 10, concentration half: what the regulation's own text asks of the engine.

- a product managed by a group member is a vehicle, not a claim: its uncovered remainder goes to UNKNOWN at
  every scope; an `other_financial` holding on a member with no underlyings at all is eliminated as a claim
  and the import says so (file, row), so that a product whose underlyings were left out does not vanish;
- `exempt_asset_class` (13号文: equity without own-fund equity in insurers, real estate without self-use
  property): out of the asset-class limits only, at group and member scope, counted in the index and
  everywhere else; carried by the importer, the store, the kept aggregates and the pre-trade delta;
- `premium_region`: premium by the business row's region, basis total_premium, limits at group and member
  scope and an index;
- a connected group headed by a parent company other than its key is shown under that parent's name.
"""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from core.concentration.aggregate import build_aggregates, contributions
from core.concentration.engine import evaluate, result_to_json
from core.concentration.groups import group_heads
from core.concentration.importer import load_group_data, read_extra_exposures, read_group_data
from core.concentration.indices import compute_indices
from core.concentration.limits import evaluate_limits
from core.concentration.model import BUSINESS_COLUMNS
from core.concentration.snapshots import kept_aggregates
from core.store import Store
from core.whatif.kept import aggregates_from_kept
from core.whatif.pretrade import pretrade_check
from reports.builders import names as report_names
from tests.conftest import ROOT
from tests.core.engine_helpers import YUAN, cp, data, ex, lim, limits_frame, member, sums, totals
from wording import codes
from wording.problems import describe


def _status(agg, *limits):
    ev = evaluate_limits(agg, limits_frame(list(limits)))
    return {r["limit_id"]: (r["key"], int(r["exposure_fen"]), r["status"]) for r in ev.results.to_dict("records")}


# ==================================================================================================
# products managed by a group member


def _member_products():
    cps = [cp("GRP-AM", member="AM"), cp("GRP-PC", member="PC"), cp("BANK"), cp("CORP")]
    exps = [
        # the asset manager's product, partly looked through: 60 identified, 40 not
        ex("P1", 100, "GRP-AM", member="LIFE", asset_class="other_financial", exempt_single_asset=True),
        ex("P1A", 35, "BANK", member=None, parent="P1"),
        ex("P1B", 25, "CORP", member=None, parent="P1"),
        # an other_financial holding on a member with no underlyings: a claim, eliminated at group
        ex("D1", 50, "GRP-PC", member="LIFE", asset_class="other_financial"),
        ex("B1", 10, "BANK", member="LIFE"),
    ]
    members = [member("LIFE", 1000, 100), member("PC", 500, 50, kind="pc"), member("AM", 100, 50, kind="asset_mgmt")]
    return data(cps, exps, members=members, total=1500)


def test_partial_look_through_remainder_goes_to_unknown_at_every_scope():
    agg = build_aggregates(_member_products())
    for scope in ("group", "LIFE"):
        got = totals(agg, scope, "counterparty")
        assert got["UNKNOWN"] == 40 * YUAN and "GRP-AM" not in got, scope
        assert got["BANK"] == 45 * YUAN and got["CORP"] == 25 * YUAN
    # the claim on PC: gone at group scope, counted at LIFE's
    assert "GRP-PC" not in totals(agg, "group", "counterparty")
    assert totals(agg, "LIFE", "counterparty")["GRP-PC"] == 50 * YUAN
    assert totals(agg, "group", "asset_class") == {"other_financial": 100 * YUAN, "fixed_income": 10 * YUAN}
    assert totals(agg, "LIFE", "asset_class") == {"other_financial": 150 * YUAN, "fixed_income": 10 * YUAN}
    rows = contributions(agg, "group", "counterparty", "UNKNOWN")
    assert list(rows["path"]) == ["P1"] and list(rows["amount_fen"]) == [40 * YUAN]
    st = _status(agg, lim("U", "counterparty", key="UNKNOWN", warning="0.02", limit="0.025"))
    assert st["U"] == ("UNKNOWN", 40 * YUAN, "breach")              # 40 > floor(0.025 × 1500) = 37.5


# -- the import warning ------------------------------------------------------------------------------

def _write(folder: Path, name: str, rows) -> None:
    with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


EXPOSURE_HEADER = ["exposure_id", "member_id", "counterparty_id", "instrument_id", "asset_class", "overseas",
                   "on_balance", "amount", "parent_exposure_id"]


def _folder(tmp_path: Path, exposures, exposure_header=None, limits=None, business=None) -> Path:
    out = tmp_path / "data"
    out.mkdir()
    _write(out, "group", [["name", "as_of", "total_assets", "net_assets"], ["G", "2025-06-30", "1500", "200"]])
    _write(out, "members", [["member_id", "name", "kind", "total_assets", "net_assets", "solvency_ratio"],
                            ["LIFE", "人寿", "life", "1000", "100", "2.0"], ["PC", "财险", "pc", "500", "50", "1.8"],
                            ["AM", "资管", "asset_mgmt", "100", "50", ""]])
    _write(out, "counterparties", [["counterparty_id", "name", "parent_id", "connected_label", "industry", "region",
                                    "related_party", "exempt", "group_member"],
                                   ["GRP-AM", "资管", "", "", "J69", "CN-SH", "true", "false", "AM"],
                                   ["GRP-PC", "财险", "", "", "J68", "CN-SH", "true", "false", "PC"],
                                   ["BANK", "银行", "", "", "J66", "CN-BJ", "false", "false", ""],
                                   ["INS", "某保险", "", "", "J68", "CN-BJ", "false", "false", ""]])
    _write(out, "exposures", [exposure_header or EXPOSURE_HEADER] + exposures)
    _write(out, "limits", [["limit_id", "name", "dimension", "scope", "key", "basis", "warning", "limit",
                            "parent_limit_id"]] + (limits or [["L1", "x", "counterparty", "group", "", "total_assets",
                                                               "0.5", "0.6", ""]]))
    if business:
        _write(out, "business", [["member_id", "kind", "customer_id", "line", "region", "reinsurer_id", "amount"]]
               + business)
    return out


def _ours(warnings):
    """The member-product warnings (the tiny amounts here may draw other, unrelated warnings)."""
    return [w for w in warnings if w.code == "member_product_without_underlyings"]


WARNED = [
    ["P1", "LIFE", "GRP-AM", "AMP-1", "other_financial", "false", "true", "100", ""],   # row 2: has underlyings
    ["P1A", "", "BANK", "AMP-1", "fixed_income", "false", "true", "60", "P1"],
    ["D1", "LIFE", "GRP-PC", "DEP-1", "other_financial", "false", "true", "50", ""],    # row 4: warned
    ["S1", "LIFE", "GRP-PC", "SUB-PC", "fixed_income", "false", "true", "20", ""],      # a bond of PC: a claim, no word
    ["B1", "PC", "BANK", "BD-1", "fixed_income", "false", "true", "10", ""],
]


def test_a_member_holding_without_underlyings_is_eliminated_with_a_warning(tmp_path):
    result = load_group_data(_folder(tmp_path, WARNED))
    assert result.ok
    (w,) = _ours(result.warnings)
    assert (w.code, w.file, w.row, w.column, w.value) == ("member_product_without_underlyings", "exposures.csv", 4,
                                                          "counterparty_id", "GRP-PC")
    assert w.detail == {"member": "PC", "exposure": "D1"}
    assert _ours(result.data.meta["warnings"]) == [w]
    en, zh = describe(w, "en"), describe(w, "zh")
    assert en.startswith("warning: exposures.csv, row 4, column counterparty_id: D1 ")
    assert "group member PC" in en and "give its underlyings" in en
    assert zh.startswith("警告：exposures.csv，第 4 行，列 counterparty_id：D1 ") and "请提供其底层资产" in zh
    agg = build_aggregates(result.data)
    assert "GRP-PC" not in totals(agg, "group", "counterparty")               # eliminated as a claim
    assert totals(agg, "LIFE", "counterparty")["GRP-PC"] == 70 * YUAN         # D1 + S1 at LIFE's scope
    assert totals(agg, "group", "counterparty")["UNKNOWN"] == 40 * YUAN       # P1's remainder


def test_the_cli_prints_the_warning_on_stderr_and_the_result_on_stdout(tmp_path):
    folder = _folder(tmp_path, WARNED)
    p = subprocess.run([sys.executable, "main.py", "concentration", str(folder), "--json"], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["summary"]["limits"] == 1
    (w,) = _ours(load_group_data(folder).warnings)
    assert describe(w, "zh") in p.stderr.splitlines()       # the command line speaks Chinese by default


def test_an_added_member_holding_without_underlyings_is_warned_too(tmp_path):
    known = read_group_data(_folder(tmp_path, WARNED[:2] + WARNED[4:]))
    extra = tmp_path / "extra.csv"
    with open(extra, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows([EXPOSURE_HEADER, WARNED[2]])
    frame = read_extra_exposures(extra, known)
    assert [(w.code, w.file, w.row, w.detail["exposure"]) for w in _ours(frame.attrs["warnings"])] == [
        ("member_product_without_underlyings", "extra.csv", 2, "D1")]


# ==================================================================================================
# exempt_asset_class


def _asset_classes():
    cps = [cp("INS", industry="J68"), cp("CORP"), cp("DEV", industry="K70"), cp("SELF", industry="K70")]
    exps = [
        ex("EQ1", 100, "CORP", member="LIFE", asset_class="equity"),
        ex("EQINS", 40, "INS", member="LIFE", asset_class="equity", exempt_single_asset=True,
           exempt_counterparty=True, exempt_asset_class=True),                 # own-fund equity in an insurer
        ex("RE1", 60, "DEV", member="LIFE", asset_class="real_estate"),
        ex("HQ", 30, "SELF", member="LIFE", asset_class="real_estate", exempt_single_asset=True,
           exempt_asset_class=True),                                           # self-use property
        ex("PCEQ", 20, "CORP", member="PC", asset_class="equity"),
        # a fund held as equity: the holding's flag governs the asset class, an underlying's flag does not
        ex("F1", 50, "CORP", member="PC", asset_class="equity"),
        ex("F1A", 50, "INS", member=None, asset_class="equity", parent="F1", exempt_asset_class=True),
    ]
    return data(cps, exps, members=[member("LIFE", 1000, 100), member("PC", 500, 50, kind="pc")], total=1500)


ASSET_LIMITS = (lim("GE", "asset_class", key="equity", warning="0.10", limit="0.14"),
                lim("GR", "asset_class", key="real_estate", warning="0.04", limit="0.05"),
                lim("LE", "asset_class", scope="LIFE", key="equity", warning="0.10", limit="0.12"),
                lim("LR", "asset_class", scope="LIFE", key="real_estate", warning="0.06", limit="0.08"),
                lim("PE", "asset_class", scope="PC", key="equity", warning="0.15", limit="0.20"))


def test_exempt_asset_class_leaves_the_asset_class_limits_only():
    agg = build_aggregates(_asset_classes())
    st = _status(agg, *ASSET_LIMITS)
    # group: equity 100 + 20 + 50 = 170 of 1500 (not 210): 11.3%, warning, not a breach (14% = 210)
    assert st["GE"] == ("equity", 170 * YUAN, "warning")
    assert st["GR"] == ("real_estate", 60 * YUAN, "warning")                   # 4.0%, not 6.0%: no breach
    assert st["LE"] == ("equity", 100 * YUAN, "warning")                       # 10%, not 14% (a breach)
    assert st["LR"] == ("real_estate", 60 * YUAN, "warning")                   # 6.0%, not 9.0%
    assert st["PE"] == ("equity", 70 * YUAN, "ok")                             # F1 counted whole
    for scope, equity, real_estate in (("group", 210, 90), ("LIFE", 140, 90)):
        s = sums(agg, scope, "asset_class")
        assert s["equity"][0] == equity * YUAN and s["real_estate"] == (real_estate * YUAN, 60 * YUAN)
    # counted everywhere else: the index, single asset (exempt there by its own flag only), industry
    ix = compute_indices(agg).set_index("dimension")
    assert ix.at["asset_class", "total"] == 300.0
    assert totals(agg, "LIFE", "industry")["J68"] == 40 * YUAN and sums(agg, "LIFE", "counterparty")["INS"] == (
        40 * YUAN, 0)
    assert sums(agg, "LIFE", "single_asset")["HQ"] == (30 * YUAN, 0)
    # the drill-down says which rows count
    rows = contributions(agg, "LIFE", "asset_class", "real_estate")
    assert dict(zip(rows["exposure_id"], rows["counted"])) == {"RE1": True, "HQ": False}
    rows = contributions(agg, "group", "asset_class", "equity")
    assert dict(zip(rows["exposure_id"], rows["counted"])) == {"EQ1": True, "F1": True, "EQINS": False,
                                                               "PCEQ": True}


def test_the_kept_aggregates_carry_the_exemption():
    agg = build_aggregates(_asset_classes())
    res = evaluate(_asset_classes(), limits_frame(list(ASSET_LIMITS)))
    kept = aggregates_from_kept({k: v.reset_index() if k == "bases" else v for k, v in kept_aggregates(res).items()})
    assert _status(kept, *ASSET_LIMITS) == _status(agg, *ASSET_LIMITS)


@pytest.mark.parametrize("mode", ["delta", "rebuild"])
def test_a_pre_trade_purchase_of_exempt_equity_moves_no_asset_class_limit(mode):
    d = _asset_classes()
    d.limits = limits_frame(list(ASSET_LIMITS) + [lim("LS", "single_asset", scope="LIFE", warning="0.2",
                                                      limit="0.3")])
    agg = build_aggregates(d)
    buy = {"member_id": "LIFE", "counterparty_id": "INS", "instrument_id": "EQ-INS-2", "asset_class": "equity",
           "overseas": False, "on_balance": True, "amount": 30, "exempt_asset_class": True}
    r = pretrade_check(d, [buy], agg=agg, mode=mode)
    assert r.mode == mode and r.limit_ids == ("LS",)                   # a new single asset, nothing else
    r = pretrade_check(d, [{**buy, "exempt_asset_class": False}], agg=agg, mode=mode)
    assert r.limit_ids == ("GE", "LE", "LS")
    assert (r.by_id("LE").before.exposure_fen, r.by_id("LE").after.exposure_fen) == (100 * YUAN, 130 * YUAN)
    assert r.by_id("LE").after.status == "breach"                      # 13% > 12%


ASSET_ROWS = [
    ["EQ1", "LIFE", "BANK", "STK-1", "equity", "false", "true", "100", "", "false"],
    ["EQINS", "LIFE", "INS", "STK-INS", "equity", "false", "true", "40", "", "true"],
    ["HQ", "LIFE", "BANK", "PROP-HQ", "real_estate", "false", "true", "30", "", "是"],
]


@pytest.mark.parametrize("header", ["exempt_asset_class", "豁免大类资产", "不计入大类资产比例"])
def test_the_column_is_read_under_its_names_and_kept_by_the_store(tmp_path, header):
    folder = _folder(tmp_path, ASSET_ROWS, EXPOSURE_HEADER + [header],
                     limits=[["LE", "权益", "asset_class", "LIFE", "equity", "total_assets", "0.1", "0.2", ""]])
    d = read_group_data(folder)
    assert list(d.exposures["exempt_asset_class"]) == [False, True, True]
    assert d.exposures["exempt_asset_class"].dtype == bool
    store = Store.create_in_memory()
    try:
        back = store.load_snapshot(store.save_snapshot(d, "tester"))
    finally:
        store.close()
    pd.testing.assert_frame_equal(back.exposures, d.exposures)
    assert "row_flags" not in back.meta
    assert result_to_json(evaluate(back))["limits"][0]["exposure"] == 100.0


def test_a_snapshot_without_the_column_loads_without_it(tmp_path):
    d = read_group_data(_folder(tmp_path, [r[:9] for r in ASSET_ROWS]))
    assert not d.exposures["exempt_asset_class"].any()                 # absent column: False
    d.exposures = d.exposures.drop(columns="exempt_asset_class")        # as an older snapshot has it
    store = Store.create_in_memory()
    try:
        back = store.load_snapshot(store.save_snapshot(d, "tester"))
    finally:
        store.close()
    assert "exempt_asset_class" not in back.exposures.columns
    assert totals(build_aggregates(back), "LIFE", "asset_class") == {"equity": 140 * YUAN, "real_estate": 30 * YUAN}


def test_a_bad_flag_is_refused_naming_the_cell(tmp_path):
    rows = [r[:] for r in ASSET_ROWS]
    rows[1][9] = "maybe"
    result = load_group_data(_folder(tmp_path, rows, EXPOSURE_HEADER + ["豁免大类资产"]))
    assert not result.ok
    assert [(p.file, p.row, p.column) for p in result.errors] == [("exposures.csv", 3, "豁免大类资产")]


# ==================================================================================================
# premium_region


def _business(d, rows):
    b = pd.DataFrame([r[:6] + (r[6] * YUAN, float(r[6])) for r in rows], columns=list(BUSINESS_COLUMNS))
    b["amount_fen"] = b["amount_fen"].astype(np.int64)
    d.business = b
    return d


PREMIUMS = [("LIFE", "premium", "C1", "life", "CN-GD", None, 300),
            ("LIFE", "premium", "C2", "health", "CN-JS", None, 100),
            ("PC", "premium", "C3", "motor", "CN-GD", None, 200),
            ("PC", "premium", "C4", "motor", "CN-ZJ", None, 150),
            ("PC", "premium", "GRP-LIFE", "property", "CN-SH", None, 250),    # LIFE insures with PC: intra-group
            ("LIFE", "ceded", None, None, None, "RE1", 40)]


def _premium_data():
    cps = [cp("A"), cp("GRP-LIFE", member="LIFE")]
    d = data(cps, [ex("E1", 10, "A", member="LIFE")],
             members=[member("LIFE", 1000, 100), member("PC", 500, 50, kind="pc")], total=1500)
    return _business(d, PREMIUMS)


def test_premium_by_region_sums_at_group_and_member_scope():
    agg = build_aggregates(_premium_data())
    assert totals(agg, "group", "premium_region") == {"CN-GD": 500 * YUAN, "CN-JS": 100 * YUAN, "CN-ZJ": 150 * YUAN}
    assert totals(agg, "PC", "premium_region") == {"CN-GD": 200 * YUAN, "CN-ZJ": 150 * YUAN, "CN-SH": 250 * YUAN}
    assert agg.basis("group", "total_premium") == 750 * YUAN and agg.basis("PC", "total_premium") == 600 * YUAN
    # the same elimination by line: the group's lines add up to its total_premium basis
    assert totals(agg, "group", "business_line") == {"life": 300 * YUAN, "health": 100 * YUAN, "motor": 350 * YUAN}
    assert totals(agg, "PC", "business_line")["property"] == 250 * YUAN
    st = _status(agg, lim("GR", "premium_region", basis="total_premium", warning="0.5", limit="0.6"),
                 lim("GD", "premium_region", key="CN-GD", basis="total_premium", warning="0.6", limit="0.66"),
                 lim("PR", "premium_region", scope="PC", basis="total_premium", warning="0.3", limit="0.4"),
                 lim("LA", "premium_region", scope="LIFE", key="*", basis="total_premium", warning="0.9", limit="1"))
    assert st["GR"] == ("CN-GD", 500 * YUAN, "breach")          # 66.7% > 60%
    assert st["GD"] == ("CN-GD", 500 * YUAN, "breach")          # 500 > floor(0.66 × 750) = 495
    assert st["PR"] == ("CN-SH", 250 * YUAN, "breach")          # PC's own figure counts LIFE's premium: 41.7%
    assert st["LA"] == ("*", 400 * YUAN, "warning")             # exactly 100% is not over the limit


def test_premium_by_region_has_its_index():
    res = evaluate(_premium_data(), limits_frame([]))
    ix = result_to_json(res)["indices"]["premium_region"]
    assert ix["n_keys"] == 3 and ix["total"] == 750.0
    assert ix["top1"] == pytest.approx(500 / 750)
    assert ix["hhi"] == pytest.approx((500 / 750) ** 2 + (100 / 750) ** 2 + (150 / 750) ** 2)
    kept = aggregates_from_kept({k: v.reset_index() if k == "bases" else v for k, v in kept_aggregates(res).items()})
    assert kept.has_business
    assert compute_indices(kept).set_index("dimension").at["premium_region", "hhi"] == pytest.approx(ix["hhi"])


def test_premium_region_limits_are_read_under_their_chinese_name(tmp_path):
    limits = [["R1", "单一地区保费", "保费地域", "group", "", "保费收入", "0.3", "0.4", ""],
              ["R2", "单一地区保费（财险）", "premium_region", "PC", "CN-GD", "total_premium", "0.3", "0.4", ""],
              ["R3", "错", "premium_region", "group", "", "total_assets", "0.3", "0.4", ""]]
    business = [["LIFE", "premium", "C1", "life", "CN-GD", "", "300"], ["PC", "premium", "C3", "motor", "CN-GD", "",
                                                                          "200"],
                ["PC", "premium", "C4", "motor", "CN-ZJ", "", "300"]]
    folder = _folder(tmp_path, WARNED[4:], limits=limits, business=business)
    result = load_group_data(folder)
    assert [(p.code, p.row, p.value) for p in result.errors] == [("basis_not_for_dimension", 4, "total_assets")]
    _write(folder, "limits", [["limit_id", "name", "dimension", "scope", "key", "basis", "warning", "limit",
                               "parent_limit_id"]] + limits[:2])
    out = result_to_json(evaluate(read_group_data(folder)))
    got = {x["limit_id"]: (x["dimension"], x["key"], x["ratio"], x["status"]) for x in out["limits"]}
    assert got == {"R1": ("premium_region", "CN-GD", 0.625, "breach"), "R2": ("premium_region", "CN-GD", 0.4, "warning")}


# ==================================================================================================
# a connected group under the name of the company that heads it


def _dev_group():
    return [cp("DEV3", label="DEVLINK"), cp("DEVHOLD"), cp("DEV5", parent="DEVHOLD", label="DEVLINK"),
            cp("DEV9", parent="DEV5"), cp("LAB1", label="L"), cp("LAB2", label="L"),
            cp("GOV", exempt=True), cp("SOE", parent="GOV"), cp("AAA"), cp("BBB", parent="AAA")]


def test_group_heads():
    cps = data(_dev_group(), []).counterparties
    # DEV3 is the key (the smallest id among DEV3 and DEVHOLD, which have no parent); DEVHOLD heads DEV5 and DEV9
    assert group_heads(cps) == {"DEV3": ("DEVHOLD", 4)}
    agg = build_aggregates(data(_dev_group(), [ex("E1", 10, "DEV9", member="M1")]))
    assert totals(agg, "group", "counterparty_group") == {"DEV3": 10 * YUAN}     # the key stays the contract's
    # label-only groups have no head; an exempt parent heads nothing; a group headed by its key keeps its name
    assert group_heads(cps[cps["counterparty_id"].isin(["LAB1", "LAB2", "GOV", "SOE", "AAA", "BBB"])]) == {}


def test_group_display_names():
    cps = data(_dev_group(), []).counterparties
    cps.loc[cps["counterparty_id"] == "DEVHOLD", "name"] = "德文控股集团"
    assert report_names.group_name(cps, "DEV3") == "德文控股集团 等 4 家"
    assert report_names.group_name(cps, "AAA") is None
    # as a report names a key (reports.builders.common.SnapshotView.key_name)
    from reports.builders.common import SnapshotView
    view = SnapshotView(info=None, data=data(_dev_group(), []), evaluation=None, result={}, sums=pd.DataFrame(),
                        bases=pd.DataFrame(), cp_names={"DEV3": "德文三号", "DEVHOLD": "德文控股集团"})
    view.data.counterparties.loc[view.data.counterparties["counterparty_id"] == "DEVHOLD", "name"] = "德文控股集团"
    assert view.key_name("counterparty_group", "DEV3") == "德文控股集团 等 4 家"
    assert view.key_name("counterparty", "DEV3") == "德文三号"
    assert view.key_name("premium_region", "CN-GD") == "广东"
    assert codes.group_name("DEVHOLD", 3, "zh") == "DEVHOLD 等 3 家"
    assert codes.group_name("DEVHOLD", 3, "en") == "DEVHOLD and 2 others"
    assert codes.group_name("DEVHOLD", 2, "en") == "DEVHOLD and 1 other"


def test_the_limits_decide_on_exact_amounts_with_the_new_flag():
    # 13号文 ratio exactly at the limit once the exempt part is left out: compliant (不高于)
    d = data([cp("C"), cp("I")], [ex("A", 120, "C", member="LIFE", asset_class="equity"),
                                  ex("B", Decimal("0.01"), "I", member="LIFE", asset_class="equity",
                                     exempt_asset_class=True)],
             members=[member("LIFE", 1000, 100)])
    st = _status(build_aggregates(d), lim("LE", "asset_class", scope="LIFE", key="equity", warning="0.1",
                                          limit="0.12"))
    assert st["LE"] == ("equity", 120 * YUAN, "warning")
