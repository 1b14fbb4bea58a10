"""What-if additions before an evaluation (`concentration --add-counterparty C.csv --add-exposure X.csv`).

- Added counterparties and exposures are appended; an id that already exists is an input error.
- A row of the added exposures whose `exposure_id` is an existing **holding** and whose amount is
  negative is a **sale** of that much of it. The holding shrinks from H to H − S (S = the sold amount,
  several sale rows of one holding add up) and every underlying of it, to any depth, shrinks pro rata:
  new = floor(old × (H − S) / H) in integer fen. Rounding down keeps every set of underlyings within its
  (rounded) holding — Σ floor(aᵢ·f) ≤ floor(Σaᵢ·f) ≤ floor(a_parent·f) — so the uncovered remainder
  absorbs the fractions of a fen and look-through still keeps the total. Selling more than is held is
  an input error (`sale_exceeds_holding`); a negative amount on any other row is `negative_amount`.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from core.concentration import lookthrough as _lt
from core.concentration.model import EXPOSURE_COLUMNS, GroupData
from core.problems import InputError, InputProblem


def _align(frame: pd.DataFrame, columns, like: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for c in columns:
        if c not in out.columns:
            out[c] = False if (c in like.columns and like[c].dtype == bool) else None
    return out[[c for c in columns if c in out.columns]]


def _concat(base: pd.DataFrame, extra: pd.DataFrame) -> pd.DataFrame:
    extra = _align(extra, list(base.columns), base)
    out = pd.concat([base, extra], ignore_index=True)
    for c in base.columns:
        if base[c].dtype == bool:
            out[c] = out[c].fillna(False).astype(bool)
        elif base[c].dtype == np.int64:
            out[c] = out[c].astype(np.int64)
    return out


def apply_additions(data: GroupData, counterparties: pd.DataFrame | None = None,
                    exposures: pd.DataFrame | None = None, counterparties_source: str | None = None,
                    exposures_source: str | None = None) -> GroupData:
    """A new GroupData with the added counterparties and exposures applied (the input is not changed).

    Row numbers in problems are the position in the given frame + 2 (header = row 1).
    """
    problems: list[InputProblem] = []
    cps = data.counterparties
    if counterparties is not None and len(counterparties):
        known = set(cps["counterparty_id"].astype(str))
        new_ids = counterparties["counterparty_id"].astype(str).tolist()
        for i, cid in enumerate(new_ids):
            if cid in known:
                problems.append(InputProblem("duplicate_id", file=counterparties_source, row=i + 2,
                                             column="counterparty_id", value=cid, detail={"first_row": "-"}))
        cps = _concat(cps, counterparties)
    exp = data.exposures
    if exposures is not None and len(exposures):
        ids = exp["exposure_id"].astype(str)
        holding = exp["parent_exposure_id"].isna().to_numpy()
        pos_of = pd.Index(ids.to_numpy(dtype=object))
        add_ids = exposures["exposure_id"].astype(str).to_numpy(dtype=object)
        add_amt = exposures["amount_fen"].to_numpy(dtype=np.int64)
        found = pos_of.get_indexer(add_ids)
        is_sale = (found >= 0) & (add_amt < 0)
        is_sale[is_sale] &= holding[found[is_sale]]
        for i in np.flatnonzero((found >= 0) & ~is_sale).tolist():
            problems.append(InputProblem("duplicate_id", file=exposures_source, row=int(i) + 2,
                                         column="exposure_id", value=add_ids[i], detail={"first_row": "-"}))
        for i in np.flatnonzero((found < 0) & (add_amt < 0)).tolist():
            problems.append(InputProblem("negative_amount", file=exposures_source, row=int(i) + 2,
                                         column="amount", value=int(add_amt[i]) / 100))
        new_amount = exp["amount_fen"].to_numpy(dtype=np.int64).copy()
        if is_sale.any():
            sale_pos = found[is_sale]
            sold = pd.Series(-add_amt[is_sale]).groupby(sale_pos).sum()
            first_row = pd.Series(np.flatnonzero(is_sale)).groupby(sale_pos).first()
            held = new_amount[sold.index.to_numpy()]
            too_much = sold.to_numpy() > held
            for _p, s, h, r in zip(sold.index[too_much], sold.to_numpy()[too_much], held[too_much],
                                  first_row.to_numpy()[too_much]):
                problems.append(InputProblem("sale_exceeds_holding", file=exposures_source, row=int(r) + 2,
                                             column="amount", value=int(s) / 100,
                                             detail={"exposure_id": add_ids[r], "held": int(h) / 100,
                                                     "sold": int(s) / 100}))
            if not problems:
                lt = _lt.resolve(exp, data.source)
                h_pos = sold.index.to_numpy()
                remain = np.zeros(len(exp), dtype=object)
                hold = np.zeros(len(exp), dtype=object)
                affected = np.zeros(len(exp), dtype=bool)
                affected[h_pos] = True
                affected = affected[lt.root_pos]
                hold[h_pos] = held.astype(object)
                remain[h_pos] = (held - sold.to_numpy()).astype(object)
                rows = np.flatnonzero(affected)
                roots = lt.root_pos[rows]
                old = new_amount[rows].astype(object)
                # exact in Python ints: old × (H − S) // H (H > 0 since S ≤ H and S > 0)
                scaled = (old * remain[roots]) // hold[roots]
                new_amount[rows] = np.asarray(scaled, dtype=np.int64)
                new_amount[h_pos] = (held - sold.to_numpy()).astype(np.int64)
        if problems:
            raise InputError(problems)
        exp = exp.copy()
        exp["amount_fen"] = new_amount
        if "amount" in exp.columns:
            exp["amount"] = new_amount / 100.0
        extra = exposures[~is_sale]
        if len(extra):
            extra = extra.copy()
            if "amount" not in extra.columns:
                extra["amount"] = extra["amount_fen"].to_numpy(dtype=np.int64) / 100.0
            exp = _concat(exp, extra[[c for c in extra.columns if c in EXPOSURE_COLUMNS or c in exp.columns]])
    if problems:
        raise InputError(problems)
    return replace(data, counterparties=cps, exposures=exp)
