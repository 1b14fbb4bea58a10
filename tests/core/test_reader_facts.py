"""The cross-file warnings (`_reconcile`, `_member_products`) use what `_parse_exposures` found of the rows
(`_keep_facts`: the parentless rows, the asset classes' codes, the counterparty rows) instead of working it
out again: the same warnings, word for word, as without those facts."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from core.concentration import importer
from core.concentration.importer import load_group_data

EXPOSURE_HEADER = ["exposure_id", "member_id", "counterparty_id", "instrument_id", "asset_class", "overseas",
                   "on_balance", "amount", "parent_exposure_id"]


def _write(folder: Path, name: str, rows) -> None:
    with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def _folder(tmp_path: Path, exposures) -> Path:
    out = tmp_path / "data"
    out.mkdir()
    _write(out, "group", [["name", "as_of", "total_assets", "net_assets"], ["G", "2025-06-30", "1500", "200"]])
    _write(out, "members", [["member_id", "name", "kind", "total_assets", "net_assets", "solvency_ratio"],
                            ["LIFE", "人寿", "life", "1000", "100", "2.0"], ["PC", "财险", "pc", "30", "50", "1.8"],
                            ["AM", "资管", "asset_mgmt", "100", "50", ""]])
    _write(out, "counterparties", [["counterparty_id", "name", "parent_id", "connected_label", "industry", "region",
                                    "related_party", "exempt", "group_member"],
                                   ["GRP-AM", "资管", "", "", "J69", "CN-SH", "true", "false", "AM"],
                                   ["GRP-PC", "财险", "", "", "J68", "CN-SH", "true", "false", "PC"],
                                   ["BANK", "银行", "", "", "J66", "CN-BJ", "false", "false", ""],
                                   ["INS", "某保险", "", "", "J68", "CN-BJ", "false", "false", ""]])
    _write(out, "exposures", [EXPOSURE_HEADER] + exposures)
    _write(out, "limits", [["limit_id", "name", "dimension", "scope", "key", "basis", "warning", "limit",
                            "parent_limit_id"], ["L1", "x", "counterparty", "group", "", "total_assets", "0.5", "0.6", ""]])
    return out


ROWS = [
    ["P1", "LIFE", "GRP-AM", "AMP-1", "other_financial", "false", "true", "100", ""],   # has underlyings
    ["P1A", "", "BANK", "AMP-1", "fixed_income", "false", "true", "60", "P1"],
    ["D1", "LIFE", "GRP-PC", "DEP-1", "other_financial", "false", "true", "50", ""],    # warned
    ["D2", "PC", "GRP-AM", "DEP-2", "其他金融资产", "false", "true", "30", ""],            # warned (an alias)
    ["D3", "PC", "GRP-AM", "DEP-3", "other_financial", "false", "false", "0", ""],      # nothing held
    ["D4", "PC", "UNKNOWN", "DEP-4", "other_financial", "false", "true", "5", ""],      # not a member
    ["D5", "LIFE", "", "DEP-5", "other_financial", "false", "true", "5", ""],
    ["S1", "LIFE", "GRP-PC", "SUB-PC", "fixed_income", "false", "true", "20", ""],
    ["B1", "PC", "BANK", "BD-1", "fixed_income", "false", "false", "80", ""],           # off balance
]


def _problems(result):
    return [(p.code, p.file, p.row, p.column, p.value, p.severity, sorted(p.detail.items())) for p in result.problems]


NO_PRODUCTS = [r[:4] + (["equity"] if r[4] in ("other_financial", "其他金融资产") else r[4:5]) + r[5:] for r in ROWS]


@pytest.mark.parametrize("rows", [ROWS, NO_PRODUCTS])
def test_the_same_warnings_with_and_without_the_facts(tmp_path, monkeypatch, rows):
    folder = _folder(tmp_path, rows)
    with_facts = load_group_data(folder)
    assert with_facts.ok
    monkeypatch.setattr(importer, "_fact", lambda facts, name, n: None)
    without = load_group_data(folder)
    assert _problems(with_facts) == _problems(without)
    codes = [p[0] for p in _problems(with_facts)]
    if rows is ROWS:
        warned = [p for p in with_facts.warnings if p.code == "member_product_without_underlyings"]
        assert [(p.row, p.detail["exposure"], p.detail["member"]) for p in warned] == [(4, "D1", "PC"), (5, "D2", "AM")]
        assert "holdings_exceed_total_assets" in codes      # PC: 30 + 5 + 0 held on balance, 30 of total assets
    else:
        assert "member_product_without_underlyings" not in codes


def test_facts_are_row_for_row_or_not_used():
    facts = {"parentless": [True, False], "asset_codes": ([0, 1, 0], ["a", "b"])}
    assert importer._fact(facts, "parentless", 2) == [True, False]
    assert importer._fact(facts, "parentless", 3) is None
    assert importer._fact(facts, "asset_codes", 3) == ([0, 1, 0], ["a", "b"])
    assert importer._fact(facts, "cp_pos", 3) is None
    assert importer._fact(None, "parentless", 2) is None
