"""The shared small-group example imports cleanly, with the contract's shapes, dtypes and conventions."""
from datetime import date
from decimal import Decimal

import numpy as np
import pytest

from core.concentration.importer import ImportResult, load_group_data, read_group_data
from core.concentration.model import COUNTERPARTY_COLUMNS, EXPOSURE_COLUMNS, LIMIT_COLUMNS, MEMBER_COLUMNS, GroupData
from tests.conftest import EXAMPLES

SMALL = EXAMPLES / "small-group"


@pytest.fixture(scope="module")
def data() -> GroupData:
    return read_group_data(SMALL)


def test_loads_without_problems():
    result = load_group_data(SMALL)
    assert isinstance(result, ImportResult)
    assert result.ok and result.problems == []
    assert result.data is not None


def test_shapes_and_columns(data):
    assert data.members.shape == (3, len(MEMBER_COLUMNS)) and tuple(data.members.columns) == MEMBER_COLUMNS
    assert tuple(data.counterparties.columns) == COUNTERPARTY_COLUMNS and len(data.counterparties) == 15
    assert tuple(data.exposures.columns) == EXPOSURE_COLUMNS and len(data.exposures) == 20
    assert tuple(data.limits.columns) == LIMIT_COLUMNS and len(data.limits) == 9
    assert data.business is None
    assert data.meta["warnings"] == []


def test_group_info(data):
    g = data.group
    assert g.name == "示例保险集团" and g.as_of == date(2025, 6, 30)
    assert g.total_assets_fen == 100_000_000_000 * 100 and g.net_assets_fen == 10_000_000_000 * 100
    assert g.solvency_ratio is None


def test_conventions(data):
    e = data.exposures.set_index("exposure_id")
    assert e["amount_fen"].dtype == np.int64 and e.loc["E07A", "amount_fen"] == 600_000_000 * 100
    assert e.loc["E07A", "amount"] == 6.0e8
    assert e.loc["E06A", "member_id"] == "LIFE" and e.loc["E07A", "member_id"] == "AM"   # filled in
    assert e.loc["E07", "counterparty_id"] is None and e.loc["E01", "parent_exposure_id"] is None
    assert e.loc["E06A", "parent_exposure_id"] == "E06"
    for c in ("overseas", "on_balance", "exempt_single_asset", "exempt_counterparty"):
        assert e[c].dtype == bool
    assert bool(e.loc["E12", "exempt_single_asset"]) and bool(e.loc["E15", "exempt_counterparty"])
    assert not bool(e.loc["E10", "on_balance"]) and bool(e.loc["E09", "overseas"])
    c = data.counterparties.set_index("counterparty_id")
    assert c.loc["BANK1SUB", "parent_id"] == "BANK1" and c.loc["BANK1", "parent_id"] is None
    assert c.loc["PCCO", "group_member"] == "PC" and c.loc["GOV", "group_member"] is None
    assert bool(c.loc["GOV", "exempt"]) and bool(c.loc["RP1", "related_party"])
    m = data.members.set_index("member_id")
    assert m.loc["LIFE", "solvency_ratio"] == Decimal("2.10") and m.loc["AM", "solvency_ratio"] is None
    assert m.loc["AM", "kind"] == "asset_mgmt"
    lim = data.limits.set_index("limit_id")
    assert lim.loc["L01", "key"] is None and lim.loc["L02", "key"] == "*" and lim.loc["L03", "key"] == "K70"
    assert lim.loc["L01", "warning"] == Decimal("0.05") and isinstance(lim.loc["L01", "limit"], Decimal)
    assert lim.loc["L08", "parent_limit_id"] == "L03" and lim.loc["L01", "parent_limit_id"] is None
    assert lim.loc["L04", "scope"] == "LIFE" and lim.loc["L01", "scope"] == "group"
    assert lim.loc["L01", "rule"] is None
