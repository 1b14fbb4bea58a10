"""Units in amount headers (docs/interfaces.md, "Units and text"): 金额（万元） and amount (亿元) are applied exactly,
so the same holdings written in 万元 or 亿元 give the same limits as the file in 元; an unknown unit is refused
naming the file and column."""
from __future__ import annotations

from decimal import Decimal

import pytest

from core.concentration.engine import evaluate, result_to_json
from core.concentration.importer import load_group_data
from core.concentration.tabular import header_unit
from tests.badinput.helpers import demo_copy, read_rows, rename_header, write_rows
from wording.problems import describe


def _in_unit(folder, file, column, header, per_unit):
    """Rewrite one amount column in another unit (exact decimal division) under `header`."""
    path = folder / file
    rows = read_rows(path)
    i = rows[0].index(column)
    for r in rows[1:]:
        if r[i]:
            r[i] = format(Decimal(r[i]) / per_unit, "f")
    rows[0][i] = header
    write_rows(path, rows)


def _limits(folder):
    result = load_group_data(folder)
    assert result.ok, [describe(p) for p in result.errors]
    out = result_to_json(evaluate(result.data))
    return [(x["limit_id"], x["key"], x["exposure"], x["status"]) for x in out["limits"]], out


@pytest.mark.parametrize("header, per_unit", [("金额（万元）", 10_000), ("金额（亿元）", 100_000_000),
                                              ("amount (万元)", 10_000), ("金额(亿元)", 100_000_000),
                                              ("金额(元)", 1), ("amount（yuan）", 1)])
def test_exposure_amounts_in_a_unit_give_the_same_limits_as_yuan(tmp_path, header, per_unit):
    plain = demo_copy(tmp_path / "yuan")
    scaled = demo_copy(tmp_path / "scaled")
    _in_unit(scaled, "exposures.csv", "amount", header, per_unit)
    expected, out = _limits(plain)
    got, _ = _limits(scaled)
    assert got == expected
    # the demo has breaches and warnings: a dropped unit would show every limit ok
    assert {s for *_, s in expected} >= {"breach", "warning"}


def test_total_assets_in_wan_yuan_and_amounts_in_yi_yuan(tmp_path):
    plain = demo_copy(tmp_path / "yuan")
    scaled = demo_copy(tmp_path / "scaled")
    _in_unit(scaled, "group.csv", "total_assets", "总资产（万元）", 10_000)
    _in_unit(scaled, "members.csv", "total_assets", "total_assets (万元)", 10_000)
    _in_unit(scaled, "members.csv", "net_assets", "净资产（亿元）", 100_000_000)
    _in_unit(scaled, "exposures.csv", "amount", "金额（亿元）", 100_000_000)
    assert _limits(scaled)[0] == _limits(plain)[0]


def test_amount_finer_than_a_fen_in_the_unit_is_refused(tmp_path):
    folder = demo_copy(tmp_path / "d")
    rows = read_rows(folder / "exposures.csv")
    rows[0][rows[0].index("amount")] = "金额（万元）"
    rows[1][rows[0].index("金额（万元）")] = "1.0000001"      # 1,000.001 yuan: a tenth of a fen
    write_rows(folder / "exposures.csv", rows)
    result = load_group_data(folder)
    assert not result.ok
    [p] = result.errors
    assert (p.code, p.file, p.row, p.column) == ("too_many_decimals", "exposures.csv", 2, "金额（万元）")
    assert "6 decimals" in describe(p)


@pytest.mark.parametrize("header", ["金额（美元）", "amount (USD)", "金额(千万元)", "金额（%）"])
def test_unknown_unit_is_refused_naming_file_and_column(tmp_path, header):
    folder = demo_copy(tmp_path / "d")
    rename_header(folder / "exposures.csv", "amount", header)
    result = load_group_data(folder)
    assert not result.ok
    [p] = result.errors
    assert (p.code, p.file, p.column) == ("unknown_unit", "exposures.csv", header)
    text = describe(p)
    assert "exposures.csv" in text and header in text and "unknown unit" in text


def test_header_unit_forms():
    assert header_unit("金额") == (None, 1)
    assert header_unit("金额（万元）") == ("万元", 10_000)
    assert header_unit("amount (亿元)") == ("亿元", 100_000_000)
    assert header_unit("金额(元)") == ("元", 1)
    assert header_unit("金额（ 万元 ）") == ("万元", 10_000)
    assert header_unit("金额（美元）") == ("美元", None)
