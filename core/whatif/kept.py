"""Aggregates back from what the store keeps with an evaluation (`snapshots.kept_aggregates`: sums, bases),
so that a stored snapshot's limits can be re-evaluated without loading its exposure rows."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pandas as pd

from core.concentration.aggregate import Aggregates, sort_sums
from core.concentration.model import BUSINESS_DIMENSIONS, DIMENSIONS, GROUP_SCOPE

_BASIS_INT = ("total_assets_fen", "net_assets_fen", "total_premium_fen", "total_ceded_fen")


def aggregates_from_kept(kept: dict[str, pd.DataFrame], as_of: date | None = None) -> Aggregates:
    """`kept`: {"sums": ..., "bases": ...} as stored (dimension/scope as text, solvency_ratio as text)."""
    bases = kept["bases"].copy()
    if "scope" in bases.columns:
        bases = bases.set_index(bases["scope"].astype(str)).drop(columns="scope")
    bases.index.name = "scope"
    for c in _BASIS_INT:
        if c in bases.columns:
            bases[c] = pd.array([None if pd.isna(v) else int(v) for v in bases[c]], dtype="Int64")
    if "solvency_ratio" in bases.columns:
        bases["solvency_ratio"] = pd.Series([None if v is None or (not isinstance(v, Decimal) and pd.isna(v))
                                             else Decimal(str(v)) for v in bases["solvency_ratio"]],
                                            index=bases.index, dtype=object)
    scopes = [GROUP_SCOPE] + [s for s in bases.index.astype(str) if s != GROUP_SCOPE]
    sums = kept["sums"].copy()
    sums["scope"] = pd.Categorical(sums["scope"].astype(str),
                                   categories=scopes + sorted(set(sums["scope"].astype(str)) - set(scopes)))
    sums["dimension"] = pd.Categorical(sums["dimension"].astype(str), categories=list(DIMENSIONS))
    sums = sort_sums(sums)
    return Aggregates(as_of=as_of, sums=sums, bases=bases, scopes=tuple(sums["scope"].cat.categories),
                      has_business=bool(sums["dimension"].isin(list(BUSINESS_DIMENSIONS)).any()))


@dataclass(frozen=True)
class KeptSnapshot:
    snapshot_id: int
    as_of: date
    evaluation_id: int
    aggregates: Aggregates


def latest_kept(store, snapshot_id: int | None = None) -> KeptSnapshot | None:
    """The kept aggregates of a snapshot (default: the latest by as_of that is not withdrawn) from its newest
    evaluation that has them; None when the store has no such snapshot."""
    if snapshot_id is None:
        snaps = store.list_snapshots()
        if not snaps:
            return None
        info = snaps[0]
    else:
        info = store.get_snapshot_info(snapshot_id)
    for ev in store.evaluations_for(info.id):
        if "sums" in ev.aggregate_names and "bases" in ev.aggregate_names:
            rec = store.load_evaluation(ev.id)
            as_of = info.as_of if isinstance(info.as_of, date) else date.fromisoformat(str(info.as_of))
            return KeptSnapshot(info.id, as_of, ev.id, aggregates_from_kept(rec.aggregates, as_of))
    return None
