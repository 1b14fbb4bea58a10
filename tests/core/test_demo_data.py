"""The built-in demo group (resources/demo/): complete, consistent, and showing the picture its README describes."""
import csv
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from core.demo import (
    DATA_FILES,
    demo_current_dir,
    demo_dir,
    demo_rating_inputs,
    demo_regulator_results,
    demo_snapshot_dirs,
)
from tests.cli.runner import run_cli
from tests.conftest import ROOT

# docs/interfaces.md, "Group data folder": required columns, then the optional ones a file may add
REQUIRED = {
    "group": ["name", "as_of", "total_assets", "net_assets"],
    "members": ["member_id", "name", "kind", "total_assets", "net_assets", "solvency_ratio"],
    "counterparties": ["counterparty_id", "name", "parent_id", "connected_label", "industry", "region",
                       "related_party", "exempt"],
    "exposures": ["exposure_id", "member_id", "counterparty_id", "instrument_id", "asset_class", "overseas",
                  "on_balance", "amount", "parent_exposure_id"],
    "limits": ["limit_id", "name", "dimension", "scope", "key", "basis", "warning", "limit", "parent_limit_id"],
    "business": ["member_id", "kind", "customer_id", "line", "region", "reinsurer_id", "amount"],
}
OPTIONAL = {
    "group": ["solvency_ratio", "actual_capital", "minimum_capital"],
    "members": ["actual_capital", "minimum_capital"],
    "counterparties": ["group_member"],
    "exposures": ["exempt_single_asset", "exempt_counterparty", "exempt_asset_class"],
    "limits": ["rule"],
    "business": [],
}
DIMENSIONS = {"governance", "business", "investment", "alm", "solvency", "other"}
BOOL = {"true", "false"}


def _read(folder: Path, name: str) -> list[dict]:
    with open(folder / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _header(folder: Path, name: str) -> list[str]:
    with open(folder / f"{name}.csv", encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


def problems(folder: Path) -> list[str]:  # noqa: C901 - a list of independent structural checks
    """Structural checks independent of the importer: ids, references, amounts, look-through, limits."""
    out = []
    t = {n: _read(folder, n) for n in REQUIRED}
    for name, key in (("members", "member_id"), ("counterparties", "counterparty_id"),
                      ("exposures", "exposure_id"), ("limits", "limit_id")):
        dup = [k for k, c in Counter(r[key] for r in t[name]).items() if c > 1]
        if dup:
            out.append(f"{name}: duplicate {key} {dup[:3]}")
    members = {r["member_id"] for r in t["members"]}
    cps = {r["counterparty_id"]: r for r in t["counterparties"]}
    exps = {r["exposure_id"]: r for r in t["exposures"]}
    limits = {r["limit_id"]: r for r in t["limits"]}
    if "UNKNOWN" in cps:
        out.append("UNKNOWN is reserved")
    for r in t["counterparties"]:
        if r["parent_id"] and r["parent_id"] not in cps:
            out.append(f"counterparty {r['counterparty_id']}: parent {r['parent_id']} unknown")
        if r.get("group_member") and r["group_member"] not in members:
            out.append(f"counterparty {r['counterparty_id']}: group_member unknown")
        if r["related_party"] not in BOOL or r["exempt"] not in BOOL:
            out.append(f"counterparty {r['counterparty_id']}: flags not true/false")
    for r in t["exposures"]:
        if r["counterparty_id"] and r["counterparty_id"] not in cps:
            out.append(f"exposure {r['exposure_id']}: counterparty unknown")
        if r["parent_exposure_id"]:
            if r["parent_exposure_id"] not in exps:
                out.append(f"exposure {r['exposure_id']}: parent unknown")
        elif r["member_id"] not in members:
            out.append(f"exposure {r['exposure_id']}: holding without a known member")
        amount = r["amount"]
        if float(amount) < 0 or ("." in amount and len(amount.split(".")[1]) > 2):
            out.append(f"exposure {r['exposure_id']}: bad amount {amount}")
    covered = Counter()
    for r in t["exposures"]:
        if r["parent_exposure_id"] in exps:
            covered[r["parent_exposure_id"]] += round(float(r["amount"]) * 100)
            seen, x = set(), r["exposure_id"]
            while exps.get(x, {}).get("parent_exposure_id"):
                if x in seen:
                    out.append(f"exposure cycle at {r['exposure_id']}")
                    break
                seen.add(x)
                x = exps[x]["parent_exposure_id"]
    for pid, fen in covered.items():
        if fen > round(float(exps[pid]["amount"]) * 100):
            out.append(f"underlyings of {pid} exceed it")
    for cid in cps:
        seen, x = set(), cid
        while cps.get(x, {}).get("parent_id"):
            if x in seen:
                out.append(f"counterparty cycle at {cid}")
                break
            seen.add(x)
            x = cps[x]["parent_id"]
    for r in t["limits"]:
        if r["scope"] != "group" and r["scope"] not in members:
            out.append(f"limit {r['limit_id']}: scope unknown")
        if r["parent_limit_id"] and r["parent_limit_id"] not in limits:
            out.append(f"limit {r['limit_id']}: parent limit unknown")
        if r["warning"] and r["limit"] and float(r["warning"]) > float(r["limit"]):
            out.append(f"limit {r['limit_id']}: warning above limit")
        if not r.get("rule") and not (r["warning"] and r["limit"]):
            out.append(f"limit {r['limit_id']}: no values and no rule")
    return out


@pytest.fixture(scope="module")
def snaps():
    return demo_snapshot_dirs()


def test_demo_dirs_exist_sorted_by_date(snaps):
    assert demo_dir() == ROOT / "resources" / "demo"
    assert [p.name for p in snaps] == ["2024-12-31", "2025-06-30"]
    assert demo_current_dir() == snaps[-1]
    for folder in snaps:
        assert all((folder / f).is_file() for f in DATA_FILES), folder


@pytest.mark.parametrize("name", list(REQUIRED))
def test_columns_are_those_of_interfaces_md_and_equal_across_snapshots(snaps, name):
    headers = [_header(folder, name) for folder in snaps]
    assert headers[0] == headers[1]
    h = headers[0]
    assert h[:len(REQUIRED[name])] == REQUIRED[name]
    assert set(h) - set(REQUIRED[name]) <= set(OPTIONAL[name])


def test_as_of_dates(snaps):
    assert [_read(folder, "group")[0]["as_of"] for folder in snaps] == ["2024-12-31", "2025-06-30"]
    assert all(len(_read(folder, "group")) == 1 for folder in snaps)


@pytest.mark.parametrize("index", [0, 1])
def test_ids_unique_and_references_resolve(snaps, index):
    assert problems(snaps[index]) == []


def test_structural_check_can_fail(snaps, tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(snaps[-1], bad)
    rows = (bad / "exposures.csv").read_text(encoding="utf-8").splitlines()
    rows.append(rows[1])                                           # a duplicate exposure id
    rows.append("EX1,LIFE,NOBODY,X,equity,false,true,1.005,,false,false")   # unknown counterparty, 3 decimals
    (bad / "exposures.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    found = problems(bad)
    assert any("duplicate exposure_id" in p for p in found)
    assert any("EX1: counterparty unknown" in p for p in found)
    assert any("EX1: bad amount" in p for p in found)


def test_realistic_size_and_variety(snaps):
    for folder in snaps:
        ex = _read(folder, "exposures")
        cps = _read(folder, "counterparties")
        members = _read(folder, "members")
        assert 3000 <= len(ex) <= 5000 and 600 <= len(cps) <= 1500
        assert {m["kind"] for m in members} == {"life", "pc", "reinsurance", "asset_mgmt", "other"}
        assert {e["asset_class"] for e in ex} == {"liquidity", "fixed_income", "equity", "real_estate",
                                                 "other_financial"}
        assert any(e["on_balance"] == "false" for e in ex) and any(e["overseas"] == "true" for e in ex)
        assert any(not e["counterparty_id"] and not e["parent_exposure_id"] for e in ex)   # remainder to UNKNOWN
        nested = {e["parent_exposure_id"] for e in ex if e["parent_exposure_id"]}
        assert any(e["exposure_id"] in nested and e["parent_exposure_id"] for e in ex)   # two levels deep
        assert any(c["group_member"] for c in cps) and any(c["related_party"] == "true" for c in cps)
        assert any(c["connected_label"] for c in cps) and any(c["exempt"] == "true" for c in cps)
        total = sum(float(m["total_assets"]) for m in members)
        group = _read(folder, "group")[0]
        assert 0.9 * total < float(group["total_assets"]) < total          # consolidated: less intra-group
        assert 0.08 <= float(group["net_assets"]) / float(group["total_assets"]) <= 0.12
        for m in members:
            if m["solvency_ratio"]:
                ratio = float(m["actual_capital"]) / float(m["minimum_capital"])
                assert abs(ratio - float(m["solvency_ratio"])) < 0.01, m["member_id"]


def test_importer_reads_both_snapshots_without_problems(snaps):
    from core.concentration.importer import load_group_data
    for folder in snaps:
        result = load_group_data(folder)
        assert result.ok and result.errors == [], [str(p) for p in result.problems[:5]]
        assert result.data.business is not None


def _statuses(folder):
    from core.concentration.engine import evaluate, result_to_json
    from core.concentration.importer import read_group_data
    out = result_to_json(evaluate(read_group_data(folder)))
    not_ok = {x["limit_id"]: x["status"] for x in out["limits"] if x["status"] != "ok"}
    return out, not_ok


def test_current_snapshot_shows_the_readme_picture(snaps):
    out, not_ok = _statuses(snaps[-1])
    assert not_ok == {"G01": "breach", "L01": "breach", "G03": "warning", "G05": "warning", "G12": "breach",
                      "L05": "warning"}
    g01 = next(x for x in out["limits"] if x["limit_id"] == "G01")
    assert g01["key"] == "RE01"
    assert [(f["key"], f["status"]) for f in g01["flagged"]] == [("RE01", "breach"), ("BK01", "warning")]
    assert [i["limit_id"] for i in out["allocation_issues"]] == ["G05"]


def _limit(out, limit_id):
    return next(x for x in out["limits"] if x["limit_id"] == limit_id)


def test_unlooked_through_remainders_of_the_asset_managers_products_are_a_breach(snaps):
    # the four products of GRP-AM leave their uncovered part to UNKNOWN (the manager is not the obligor)
    cur, _ = _statuses(snaps[-1])
    prev, _ = _statuses(snaps[0])
    assert (round(_limit(cur, "G12")["ratio"] * 100, 2), _limit(cur, "G12")["status"]) == (1.01, "breach")
    assert _limit(prev, "G12")["status"] == "warning"


def test_lifes_equity_ratio_leaves_out_its_stake_in_health(snaps):
    # 13号文: the equity ratio without own-fund equity in insurers (EQ-HEALTH, 4.5亿, exempt_asset_class)
    from core.concentration.engine import contributions, evaluate, result_to_json
    from core.concentration.importer import read_group_data
    res = evaluate(read_group_data(snaps[-1]))
    out = {x["limit_id"]: x for x in result_to_json(res)["limits"]}
    assert out["L03"]["key"] == "equity" and f"{out['L03']['ratio'] * 100:.2f}" == "13.53"   # 14.28 before
    rows = contributions(res.aggregates, "LIFE", "asset_class", "equity")
    health = rows[rows["counterparty_id"] == "GRP-HEALTH"]
    assert len(health) == 1 and not bool(health["counted"].iloc[0]) and health["amount_fen"].iloc[0] == 450_000_000_00
    counted = int(rows.loc[rows["counted"], "amount_fen"].sum())
    assert counted == round(out["L03"]["exposure"] * 100)
    assert int(rows["amount_fen"].sum()) == counted + 450_000_000_00     # the total (indices) keeps it


def test_premium_by_region_is_measured_at_group_and_pc(snaps):
    out, _ = _statuses(snaps[-1])
    g17, p10 = _limit(out, "G17"), _limit(out, "P10")
    assert (g17["dimension"], g17["scope"], g17["key"], g17["status"]) == ("premium_region", "group", "CN-GD", "ok")
    assert (p10["dimension"], p10["scope"], p10["key"], p10["status"]) == ("premium_region", "PC", "CN-GD", "ok")
    assert f"{g17['ratio'] * 100:.2f}" == "10.14" and f"{p10['ratio'] * 100:.2f}" == "11.47"
    assert out["indices"]["premium_region"]["n_keys"] > 25


def test_the_only_import_warning_is_the_reinsurance_deposit_on_life(snaps):
    # an other_financial holding on a group member without underlyings: eliminated as a claim, and said so
    from core.concentration.importer import load_group_data
    for folder in snaps:
        warnings = load_group_data(folder).warnings
        assert [(w.code, w.value, w.detail["exposure"], w.detail["member"]) for w in warnings] == [
            ("member_product_without_underlyings", "GRP-LIFE", "E03481", "LIFE")]


def test_previous_snapshot_is_slightly_better(snaps):
    out, not_ok = _statuses(snaps[0])
    assert not_ok == {"G01": "warning", "G12": "warning", "L05": "warning"}
    assert out["allocation_issues"] == []


def test_rating_inputs_parse_with_six_dimensions():
    paths = demo_rating_inputs()
    assert [p.name for p in paths] == ["rating-2024.json", "rating-2025.json"]
    for p, period in zip(paths, ["2024", "2025"]):
        d = json.loads(p.read_text(encoding="utf-8"))
        assert d["period"] == period and d["rulebook"] == "life-2024"
        assert set(d["dimension_scores"]) == DIMENSIONS
        assert all(0 <= v <= 100 for v in d["dimension_scores"].values())
        assert {"net_assets", "scale_premium", "scale_premium_growth", "industry_premium_growth",
                "years_in_operation", "max_single_related_party_investment", "core_solvency_ratio",
                "comprehensive_solvency_ratio", "irr_class"} <= set(d["facts"])


def test_rating_inputs_rate_to_level_2():
    for p in demo_rating_inputs():
        r = run_cli("rate", p, "--json")
        assert r.returncode == 0, r.stderr
        got = json.loads(r.stdout)
        assert got["final_level"] == "2" and got["fired"] == [], p.name


def test_regulator_result():
    (reg,) = demo_regulator_results()
    assert reg["period"] == "2024" and reg["final_level"] == "3" and reg["received"] == "2025-04-28"
    assert reg["company"] == json.loads(demo_rating_inputs()[0].read_text(encoding="utf-8"))["company"]


def test_helpers_ignore_other_entries(tmp_path):
    for name in ("2025-06-30", "2024-12-31", "notes", "2023-12-31"):
        (tmp_path / name).mkdir()
    for name in ("2025-06-30", "2024-12-31"):
        (tmp_path / name / "group.csv").write_text("x\n", encoding="utf-8")
    for name in ("rating-2025.json", "rating-2023.json", "rating-x.json", "regulator-2023.json"):
        (tmp_path / name).write_text('{"period": "%s"}' % name[-9:-5], encoding="utf-8")
    assert [p.name for p in demo_snapshot_dirs(tmp_path)] == ["2024-12-31", "2025-06-30"]   # 2023 has no group.csv
    assert [p.name for p in demo_rating_inputs(tmp_path)] == ["rating-2023.json", "rating-2025.json"]
    assert demo_regulator_results(tmp_path) == [{"period": "2023"}]
    assert demo_snapshot_dirs(tmp_path / "missing") == []


def test_catalogue_13_is_valid_limits_for_the_demo(snaps):
    from core.concentration.importer import read_group_data, read_limits_file
    cat = ROOT / "resources" / "limits" / "catalogue-13.csv"
    limits = read_limits_file(cat, read_group_data(snaps[-1]))
    assert list(limits["limit_id"]) == [f"C13-0{i}" for i in range(1, 7)]
    assert limits.attrs["warnings"] == []
    rows = {r["limit_id"]: r for r in _read(cat.parent, "catalogue-13")}
    assert rows["C13-03"]["rule"] == "equity_solvency_tier"
    assert (rows["C13-01"]["limit"], rows["C13-02"]["limit"], rows["C13-06"]["limit"]) == ("0.05", "0.20", "0.15")
