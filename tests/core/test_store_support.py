"""Builders shared by the store tests (no tests here): a small GroupData by hand, a big one, a fake clock."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import numpy as np
import pandas as pd

from core.concentration import model
from core.concentration.model import GroupData, GroupInfo


class FakeClock:
    """Deterministic UTC clock: each call is one second after the previous."""

    def __init__(self, start: datetime = datetime(2025, 7, 1, 8, 0, tzinfo=timezone.utc)):
        self.t = start

    def __call__(self) -> datetime:
        self.t += timedelta(seconds=1)
        return self.t


def _obj(values):
    """An object column holding str / Decimal / None as the model says (pandas 3 would infer `str`)."""
    arr = np.empty(len(values), dtype=object)
    arr[:] = values
    return pd.Series(arr, dtype=object)


def small_group(as_of: date = date(2025, 6, 30), name: str = "示例保险集团", business: bool = True) -> GroupData:
    members = pd.DataFrame({
        "member_id": _obj(["LIFE", "PC", "AM"]),
        "name": _obj(["示例人寿", "示例财险", "示例资管"]),
        "kind": _obj(["life", "pc", "asset_mgmt"]),
        "total_assets_fen": np.array([6_000_000_000_000, 3_000_000_000_000, 200_000_000_000], dtype=np.int64),
        "net_assets_fen": np.array([600_000_000_000, 300_000_000_000, 100_000_000_000], dtype=np.int64),
        "solvency_ratio": _obj([Decimal("2.10"), Decimal("1.80"), None]),
        "actual_capital_fen": pd.array([123_456_789_01, None, None], dtype="Int64"),
        "minimum_capital_fen": pd.array([None, 5, None], dtype="Int64"),
    })
    counterparties = pd.DataFrame({
        "counterparty_id": _obj(["GOV", "BANK1", "BANK1SUB", "RE1", "PCM"]),
        "name": _obj(["财政部", "银行", "理财子", "地产", "示例财险（成员）"]),
        "parent_id": _obj([None, None, "BANK1", None, None]),
        "connected_label": _obj([None, None, None, "X1", None]),
        "industry": _obj(["S92", "J66", "J67", "K70", "J68"]),
        "region": _obj(["CN-BJ", "CN-BJ", "CN-BJ", "CN-GD", "CN-SH"]),
        "related_party": np.array([False, False, False, True, True]),
        "exempt": np.array([True, False, False, False, False]),
        "group_member": _obj([None, None, None, None, "PC"]),
    })
    fen = np.array([2_000_000_000_000, 500_000_000_000, 123_45, 300_000_000_001, 7], dtype=np.int64)
    exposures = pd.DataFrame({
        "exposure_id": _obj(["E01", "E02", "E03", "E04", "E04a"]),
        "member_id": _obj(["LIFE", "LIFE", "PC", "LIFE", "LIFE"]),
        "counterparty_id": _obj(["GOV", "BANK1", "BANK1SUB", None, "RE1"]),
        "instrument_id": _obj(["CGB2030", "BD-1", "WMP-1", "TRUST-1", "EQ-RE1"]),
        "asset_class": _obj(["fixed_income", "fixed_income", "fixed_income", "other_financial", "equity"]),
        "overseas": np.array([False, True, False, False, False]),
        "on_balance": np.array([True, True, False, True, True]),
        "amount_fen": fen,
        "amount": fen / 100,
        "parent_exposure_id": _obj([None, None, None, None, "E04"]),
        "exempt_single_asset": np.array([False, False, True, False, False]),
        "exempt_counterparty": np.array([False, True, False, False, False]),
        "exempt_asset_class": np.array([False, False, False, False, True]),
    })
    limits = pd.DataFrame({
        "limit_id": _obj(["L01", "L02", "L03", "L04"]),
        "name": _obj(["交易对手集团", "关联方合计", "房地产业", "权益类（人寿）"]),
        "dimension": _obj(["counterparty_group", "related_party", "industry", "asset_class"]),
        "scope": _obj(["group", "group", "group", "LIFE"]),
        "key": _obj([None, "*", "K70", "equity"]),
        "basis": _obj(["total_assets", "net_assets", "total_assets", "total_assets"]),
        "warning": _obj([Decimal("0.050"), Decimal("0.20"), Decimal("0.05"), None]),
        "limit": _obj([Decimal("0.08"), Decimal("0.3"), Decimal("0.08"), None]),
        "parent_limit_id": _obj([None, None, None, None]),
        "rule": _obj([None, None, None, "equity_solvency_tier"]),
    })
    biz = None
    if business:
        bfen = np.array([100_00, 250_50], dtype=np.int64)
        biz = pd.DataFrame({
            "member_id": _obj(["LIFE", "PC"]), "kind": _obj(["premium", "ceded"]),
            "customer_id": _obj(["C1", None]), "line": _obj(["life", None]), "region": _obj(["CN-BJ", None]),
            "reinsurer_id": _obj([None, "RE-X"]), "amount_fen": bfen, "amount": bfen / 100,
        })
    assert tuple(members.columns) == model.MEMBER_COLUMNS
    assert tuple(counterparties.columns) == model.COUNTERPARTY_COLUMNS
    assert tuple(exposures.columns) == model.EXPOSURE_COLUMNS
    assert tuple(limits.columns) == model.LIMIT_COLUMNS
    return GroupData(group=GroupInfo(name=name, as_of=as_of, total_assets_fen=10_000_000_000_000,
                                     net_assets_fen=1_000_000_000_000, solvency_ratio=Decimal("2.35"),
                                     actual_capital_fen=42, minimum_capital_fen=None),
                     members=members, counterparties=counterparties, exposures=exposures, limits=limits,
                     business=biz, source="hand-built", meta={"warnings": []})


def big_group(n: int, as_of: date = date(2025, 12, 31), seed: int = 1) -> GroupData:
    """`small_group` with n generated exposures (for timing and the crash test)."""
    g = small_group(as_of=as_of, business=False)
    rng = np.random.default_rng(seed)
    fen = rng.integers(1, 10**12, size=n, dtype=np.int64)
    ids = _obj([f"X{i:08d}" for i in range(n)])
    cps = _obj(np.array(["GOV", "BANK1", "BANK1SUB", "RE1"], dtype=object)[rng.integers(0, 4, size=n)])
    classes = _obj(np.array(model.ASSET_CLASSES, dtype=object)[rng.integers(0, 5, size=n)])
    g.exposures = pd.DataFrame({
        "exposure_id": ids,
        "member_id": _obj(np.array(["LIFE", "PC"], dtype=object)[rng.integers(0, 2, size=n)]),
        "counterparty_id": cps,
        "instrument_id": _obj([f"I{i % 50000:06d}" for i in range(n)]),
        "asset_class": classes,
        "overseas": rng.random(n) < 0.1,
        "on_balance": rng.random(n) < 0.9,
        "amount_fen": fen,
        "amount": fen / 100,
        "parent_exposure_id": _obj([None] * n),
        "exempt_single_asset": rng.random(n) < 0.05,
        "exempt_counterparty": rng.random(n) < 0.05,
    })
    return g


def assert_group_equal(a: GroupData, b: GroupData) -> None:
    assert a.group == b.group
    for name in ("members", "counterparties", "exposures", "limits"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_exact=True)
    if a.business is None:
        assert b.business is None
    else:
        pd.testing.assert_frame_equal(a.business, b.business, check_exact=True)
