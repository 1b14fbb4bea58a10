"""Look-through of holdings to their underlyings, to any depth, vectorised on row positions.

Every exposure row contributes its *residual* — its amount minus what its direct underlyings cover — to
its own counterparty (or to `UNKNOWN` when it has none). A row without underlyings is a leaf and
contributes its whole amount; a holding whose underlyings cover it fully contributes nothing itself.
Summing residuals over all rows therefore gives, for the look-through dimensions, exactly "the holding
replaced by its underlyings, to any depth; the uncovered part stays with the holding's counterparty, or
goes to UNKNOWN", and keeps the total. Each residual carries the flags of the row it belongs to
(docs/interfaces.md: "an underlying keeps its own flags; an uncovered remainder takes its holding's").

Depth is handled by pointer jumping (root = root[root]), O(log depth) vectorised passes, never by
per-row recursion.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.problems import InputError, InputProblem


@dataclass
class LookThrough:
    """Per exposure row (positions of the exposures frame)."""

    parent_pos: np.ndarray      # int64, -1 for a holding
    root_pos: np.ndarray        # int64, the holding at the top of the row's chain (itself for a holding)
    depth: np.ndarray           # int32, 0 for a holding
    amount_fen: np.ndarray      # int64, the row's amount (the exposures' column)
    residual_fen: np.ndarray    # int64, amount - child_sum (what the row itself contributes to leaves)
    has_children: np.ndarray    # bool

    @property
    def is_holding(self) -> np.ndarray:
        return self.parent_pos < 0

    @property
    def child_sum_fen(self) -> np.ndarray:
        """int64, sum of the direct underlyings' amounts (made on demand: the engine needs the residuals only)."""
        return self.amount_fen - self.residual_fen


def _ids(series: pd.Series) -> np.ndarray:
    return series.to_numpy(dtype=object, na_value=None)


def resolve(exposures: pd.DataFrame, source: str | None = None, parent_pos: np.ndarray | None = None) -> LookThrough:
    """Parent positions, roots, depths and residuals of every exposure row.

    Raises InputError for a parent id that is not an exposure, a cycle, or underlyings adding up to more
    than their holding (the importer reports these first, with rows; this is the engine's safety net).
    `parent_pos`: the parent positions when the caller already has them (the importer found them while
    validating these very rows); every check below still runs on them.
    """
    n = len(exposures)
    parent_ids = exposures["parent_exposure_id"]
    if parent_pos is not None and len(parent_pos) == n:
        parent_pos = np.array(parent_pos, dtype=np.int64)      # own copy: LookThrough hands it out
        has_parent = parent_pos >= 0
    else:
        parent_pos, has_parent = _parent_positions(exposures, parent_ids, n, source)
    return _resolve_from(exposures, parent_ids, parent_pos, has_parent, n, source)


def _parent_positions(exposures: pd.DataFrame, parent_ids: pd.Series, n: int, source: str | None):
    ids = pd.Index(exposures["exposure_id"])      # keeps the column's dtype: no conversion of 1M strings
    has_parent = parent_ids.notna().to_numpy()
    parent_pos = np.full(n, -1, dtype=np.int64)
    if has_parent.any():
        found = ids.get_indexer(parent_ids[has_parent])
        if (found < 0).any():
            bad = np.flatnonzero(has_parent)[found < 0]
            raise InputError([InputProblem("unknown_parent_exposure", file=source, row=int(i) + 2,
                                           column="parent_exposure_id", value=parent_ids.iloc[i])
                              for i in bad[:50]])
        parent_pos[has_parent] = found
    return parent_pos, has_parent


def _resolve_from(exposures: pd.DataFrame, parent_ids: pd.Series, parent_pos: np.ndarray, has_parent: np.ndarray,
                  n: int, source: str | None) -> LookThrough:
    # roots and depths by pointer jumping: after k passes, ptr is the 2^k-th ancestor (or the root). Only the
    # rows whose pointer still moves are visited (a tenth of a million exposures are underlyings, and most
    # of those point at their holding after one pass): whole-column passes cost 40 MB of temporaries each.
    children = np.flatnonzero(has_parent)
    ptr = np.arange(n, dtype=np.int64)
    ptr[children] = parent_pos[children]
    depth = has_parent.astype(np.int32)      # (int32 as kept: depth < n)
    active = children
    max_passes = max(1, int(np.ceil(np.log2(max(n, 2)))) + 2)
    for _ in range(max_passes):
        a_ptr = ptr[active]
        nxt = ptr[a_ptr]
        moved = nxt != a_ptr
        if not moved.any():
            break
        active, a_ptr, nxt = active[moved], a_ptr[moved], nxt[moved]
        depth[active] += depth[a_ptr]     # the ancestor's distance to its own pointer (read before written)
        ptr[active] = nxt
    in_cycle = np.zeros(n, dtype=bool)
    in_cycle[children] = parent_pos[ptr[children]] >= 0
    if in_cycle.any():
        bad = np.flatnonzero(in_cycle)
        raise InputError([InputProblem("exposure_cycle", file=source, row=int(i) + 2,
                                       column="parent_exposure_id", value=parent_ids.iloc[i])
                          for i in bad[:50]])

    amount = exposures["amount_fen"].to_numpy(dtype=np.int64)
    # residual = amount - what the direct underlyings add up to, the underlyings (a tenth of the rows)
    # subtracted in place from a copy of the amounts: no million-row array of child sums, float and int64, as
    # a bincount would make (the evaluation's cost at a million exposures is mostly fresh memory). Exact:
    # int64 throughout, with exact_sum_by's refusal of sums beyond the int64 range.
    residual = amount.copy()
    has_children = np.zeros(n, dtype=bool)
    if len(children):
        child_amount = amount[children]
        if np.abs(child_amount).sum(dtype=np.float64) >= 2.0 ** 63:
            raise OverflowError("amounts add up beyond the int64 range of exact fen sums")
        np.subtract.at(residual, parent_pos[children], child_amount)
        has_children[parent_pos[children]] = True
    over = residual < 0
    if over.any():
        bad = np.flatnonzero(over)
        raise InputError([InputProblem("underlyings_exceed_holding", file=source, row=int(i) + 2,
                                       column="amount", value=exposures["exposure_id"].iloc[i],
                                       detail={"holding": exposures["exposure_id"].iloc[i],
                                               "covered": int(amount[i] - residual[i]) / 100,
                                               "amount": int(amount[i]) / 100})
                          for i in bad[:50]])
    return LookThrough(parent_pos=parent_pos, root_pos=ptr, depth=depth, amount_fen=amount, residual_fen=residual,
                       has_children=has_children)


_EXACT_LIMIT = 2 ** 52  # float64 sums of integers stay exact below this


def _exact_sum_by(codes: np.ndarray, weights: np.ndarray, size: int) -> np.ndarray:
    """Exact int64 sums of `weights` grouped by `codes` (0..size-1), via bincount.

    float64 bincount is exact while every partial sum stays below 2**52; larger totals are split into
    26-bit halves summed separately. A total of absolute values beyond int64 raises OverflowError rather
    than wrap round (a group would silently vanish); the importer refuses such data before it gets here.
    """
    if len(weights) == 0:
        return np.zeros(size, dtype=np.int64)
    total = np.abs(weights).sum(dtype=np.float64)
    if total >= 2.0 ** 63:
        raise OverflowError("amounts add up beyond the int64 range of exact fen sums")
    if int(total) < _EXACT_LIMIT:
        # every partial sum is an integer below 2**52, which float64 holds exactly: no rounding needed
        return np.bincount(codes, weights=weights.astype(np.float64), minlength=size).astype(np.int64)
    hi = weights >> 26
    lo = weights - (hi << 26)
    shi = np.rint(np.bincount(codes, weights=hi.astype(np.float64), minlength=size)).astype(np.int64)
    slo = np.rint(np.bincount(codes, weights=lo.astype(np.float64), minlength=size)).astype(np.int64)
    return (shi << 26) + slo


exact_sum_by = _exact_sum_by
EXACT_LIMIT = float(_EXACT_LIMIT)     # below it a float64 sum of integers is exact


def paths(exposure_ids: np.ndarray, parent_pos: np.ndarray, rows: np.ndarray, sep: str = " → ") -> np.ndarray:
    """The look-through path of the given rows, holding first: "E06 → E06A" (vectorised per depth level)."""
    rows = np.asarray(rows, dtype=np.int64)
    out = exposure_ids[rows].astype(object)
    cur = parent_pos[rows]
    while True:
        live = cur >= 0
        if not live.any():
            break
        out[live] = exposure_ids[cur[live]].astype(object) + sep + out[live]
        cur = np.where(live, parent_pos[np.maximum(cur, 0)], -1)
    return out
