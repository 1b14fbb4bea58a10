"""Small hand-built GroupData for the engine tests (no importer involved)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import numpy as np
import pandas as pd

from core.concentration.model import (
    COUNTERPARTY_COLUMNS,
    EXPOSURE_COLUMNS,
    LIMIT_COLUMNS,
    MEMBER_COLUMNS,
    GroupData,
    GroupInfo,
)

YUAN = 100  # fen per yuan


def cp(cid, parent=None, label=None, industry="X", region="CN", related=False, exempt=False, member=None):
    return {"counterparty_id": cid, "name": cid, "parent_id": parent, "connected_label": label,
            "industry": industry, "region": region, "related_party": related, "exempt": exempt,
            "group_member": member}


def ex(eid, amount, cp=None, member="M1", instrument=None, asset_class="fixed_income", parent=None,
       overseas=False, exempt_single_asset=False, exempt_counterparty=False, exempt_asset_class=False):
    """amount in yuan (int) — stored exactly as fen."""
    return {"exposure_id": eid, "member_id": member, "counterparty_id": cp, "instrument_id": instrument or eid,
            "asset_class": asset_class, "overseas": overseas, "on_balance": True,
            "amount_fen": int(amount * YUAN) if not isinstance(amount, Decimal) else int(amount * YUAN),
            "amount": float(amount), "parent_exposure_id": parent,
            "exempt_single_asset": exempt_single_asset, "exempt_counterparty": exempt_counterparty,
            "exempt_asset_class": exempt_asset_class}


def lim(limit_id, dimension, scope="group", key=None, basis="total_assets", warning="0.05", limit="0.10",
        parent=None, rule=None):
    return {"limit_id": limit_id, "name": limit_id, "dimension": dimension, "scope": scope, "key": key,
            "basis": basis, "warning": None if warning is None else Decimal(warning),
            "limit": None if limit is None else Decimal(limit), "parent_limit_id": parent, "rule": rule}


def member(mid, total=1000, net=100, solvency=None, kind="life"):
    return {"member_id": mid, "name": mid, "kind": kind, "total_assets_fen": total * YUAN,
            "net_assets_fen": net * YUAN, "solvency_ratio": None if solvency is None else Decimal(solvency),
            "actual_capital_fen": None, "minimum_capital_fen": None}


def _frame(rows, columns, bools=(), ints=()):
    df = pd.DataFrame(rows, columns=list(columns))
    for c in columns:
        if c in bools:
            df[c] = df[c].astype(bool)
        elif c in ints:
            df[c] = df[c].astype(np.int64)
        elif c not in ("amount",):
            df[c] = df[c].astype(object)
    return df


def limits_frame(limits):
    return _frame(limits, LIMIT_COLUMNS)


def data(cps, exps, limits=(), members=None, total=1000, net=100, solvency=None) -> GroupData:
    members = members if members is not None else [member("M1", total, net)]
    m = _frame(members, MEMBER_COLUMNS, ints=("total_assets_fen", "net_assets_fen"))
    for c in ("actual_capital_fen", "minimum_capital_fen"):
        m[c] = pd.array([None] * len(m), dtype="Int64")
    return GroupData(
        group=GroupInfo(name="G", as_of=date(2025, 6, 30), total_assets_fen=total * YUAN,
                        net_assets_fen=net * YUAN, solvency_ratio=None if solvency is None else Decimal(solvency)),
        members=m,
        counterparties=_frame(cps, COUNTERPARTY_COLUMNS, bools=("related_party", "exempt")),
        exposures=_frame(exps, EXPOSURE_COLUMNS, bools=("overseas", "on_balance", "exempt_single_asset",
                                                        "exempt_counterparty", "exempt_asset_class"),
                         ints=("amount_fen",)),
        limits=limits_frame(list(limits)),
    )


def sums(agg, scope, dimension):
    """{key: (total_fen, countable_fen)} of one block."""
    s = agg.sums
    s = s[(s["scope"] == scope) & (s["dimension"] == dimension)]
    return {k: (int(t), int(c)) for k, t, c in zip(s["key"], s["total_fen"], s["countable_fen"])}


def totals(agg, scope, dimension):
    return {k: t for k, (t, _) in sums(agg, scope, dimension).items()}
