"""The group data model: the parsed, validated form of a data folder (docs/interfaces.md, "Group data folder").

The importer (`core.concentration.importer`) produces a `GroupData`; the engine
(`core.concentration.engine`) consumes it; the store persists it as an immutable snapshot. This module
fixes the column names and dtypes every side relies on, so that each can be built and tested alone.

Conventions (after import, whatever the file looked like):
- ids and codes are `str`; a missing optional id (parent_id, parent_exposure_id, connected_label,
  group_member, counterparty_id of a holding without one, member_id of an underlying) is `None`.
- except the exposures' two million-row id columns of ARROW_TEXT_COLUMNS (exposure_id, instrument_id):
  pandas' own default text dtype, Arrow-backed (`TEXT_DTYPE`, i.e. `str`), whose missing cell (the
  instrument of an underlying) is NaN: test it with `pd.isna`/`.isna()`, never `is None`. A plain CSV's
  cells go in as pyarrow read them, without a Python string per cell (issue 15; `.to_numpy(dtype=object)`
  gives Python strings where they are needed). The other exposure id columns hold few distinct strings,
  shared by the rows (member_id, asset_class, counterparty_id: the counterparties' own strings,
  parent_exposure_id: one per holding), and stay object columns.
- amounts are yuan as Python-exact integers of fen in column `amount_fen` (int64), plus the float
  `amount` in yuan for convenience; totals in `GroupInfo`/members likewise have `*_fen` ints.
  Exactness matters where a ratio meets a threshold (docs/interfaces.md: "decide it exactly").
- booleans are `bool` (never NaN): a blank optional flag is False.
- ratios in limits (`warning`, `limit`) are `decimal.Decimal` in object columns, as written in the file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import numpy as np
import pandas as pd

# pandas' `str` dtype (Arrow-backed, NaN for missing): the dtype of the exposures' ARROW_TEXT_COLUMNS
TEXT_DTYPE = pd.StringDtype("pyarrow", na_value=np.nan)
ARROW_TEXT_COLUMNS = ("exposure_id", "instrument_id")

MEMBER_KINDS = ("life", "pc", "reinsurance", "asset_mgmt", "other")
ASSET_CLASSES = ("liquidity", "fixed_income", "equity", "real_estate", "other_financial")
HOLDING_DIMENSIONS = ("single_asset", "asset_class", "overseas")
LOOK_THROUGH_DIMENSIONS = ("counterparty", "counterparty_group", "related_party", "industry", "region")
BUSINESS_DIMENSIONS = ("customer", "business_line", "premium_region", "reinsurer")
DIMENSIONS = HOLDING_DIMENSIONS + LOOK_THROUGH_DIMENSIONS + BUSINESS_DIMENSIONS
INDEX_DIMENSIONS = ("single_asset", "counterparty", "counterparty_group", "asset_class", "industry", "region")
BASES = ("total_assets", "net_assets", "total_premium", "total_ceded")
UNKNOWN = "UNKNOWN"          # the counterparty of uncovered look-through amounts (reserved id)
GROUP_SCOPE = "group"
EACH_KEY = None              # limits.key empty: every key separately
ALL_KEYS = "*"               # limits.key "*": all keys together

# Column order of each frame as the engine and store expect it (required first, then optional).
MEMBER_COLUMNS = ("member_id", "name", "kind", "total_assets_fen", "net_assets_fen", "solvency_ratio",
                  "actual_capital_fen", "minimum_capital_fen")
COUNTERPARTY_COLUMNS = ("counterparty_id", "name", "parent_id", "connected_label", "industry", "region",
                        "related_party", "exempt", "group_member")
EXPOSURE_COLUMNS = ("exposure_id", "member_id", "counterparty_id", "instrument_id", "asset_class",
                    "overseas", "on_balance", "amount_fen", "amount", "parent_exposure_id",
                    "exempt_single_asset", "exempt_counterparty", "exempt_asset_class")
LIMIT_COLUMNS = ("limit_id", "name", "dimension", "scope", "key", "basis", "warning", "limit",
                 "parent_limit_id", "rule")
BUSINESS_COLUMNS = ("member_id", "kind", "customer_id", "line", "region", "reinsurer_id", "amount_fen",
                    "amount")


@dataclass(frozen=True)
class GroupInfo:
    """group.csv: the consolidated figures group-scope limits divide by."""

    name: str
    as_of: date
    total_assets_fen: int
    net_assets_fen: int
    solvency_ratio: Decimal | None = None
    actual_capital_fen: int | None = None
    minimum_capital_fen: int | None = None


@dataclass
class GroupData:
    """One data folder, parsed and validated. Frames use the *_COLUMNS above, in that order.

    members: `solvency_ratio` is Decimal or None; `*_fen` optional columns are Int64 (nullable).
    counterparties: `group_member` is the member_id a counterparty is, or None.
    exposures: holdings have `parent_exposure_id` None; underlyings carry their holding's `member_id`
      (the importer fills it in when the file leaves it empty).
    limits: `key` None = each key, "*" = all keys; `warning`/`limit` Decimal (None only when `rule`
      derives them); `parent_limit_id` None or a limit_id; `rule` None or e.g. "equity_solvency_tier".
    business: None when business.csv is absent.
    """

    group: GroupInfo
    members: pd.DataFrame
    counterparties: pd.DataFrame
    exposures: pd.DataFrame
    limits: pd.DataFrame
    business: pd.DataFrame | None = None
    source: str | None = None            # the folder or workbook it came from, for messages
    meta: dict = field(default_factory=dict)


def yuan_to_fen(value: Decimal) -> int:
    """Exact conversion of a yuan amount (as parsed from text) to integer fen, half-up."""
    return int((value * 100).quantize(Decimal(1), rounding="ROUND_HALF_UP"))
