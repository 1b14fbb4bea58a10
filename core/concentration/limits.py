"""Limit evaluation on kept aggregates: never touches exposure rows.

Exactness: amounts are integer fen and warning/limit are Decimal, so each limit is turned into two exact
integer thresholds once, with Decimal arithmetic:

    breach  ⇔ exposure_fen >  floor(limit   × basis_fen)
    warning ⇔ exposure_fen >= ceil(warning × basis_fen)      (and not breach)

which is the same as comparing exposure > limit × basis and exposure ≥ warning × basis exactly (the
exposure is an integer). The comparisons then run on int64 arrays (searchsorted on the per-block sorted
countable amounts), so the status is exact without any float tolerance; floats only appear in the
reported `ratio`.
"""
from __future__ import annotations

import decimal
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pandas as pd

from core.concentration import rules as _rules
from core.concentration.aggregate import Aggregates

OK, WARNING, BREACH = "ok", "warning", "breach"
NO_BASIS = "no_basis"     # the scope has no such figure (or a rule could not derive the limit)
_CTX = decimal.Context(prec=80)
_I64_MAX = np.iinfo(np.int64).max
_I64_MIN = np.iinfo(np.int64).min

RESULT_COLUMNS = ("limit_id", "name", "dimension", "scope", "key_spec", "key", "exposure_fen", "basis",
                  "basis_fen", "ratio", "warning", "limit", "status", "rule", "utilisation", "n_keys",
                  "n_warning", "n_breach", "problem")
FLAGGED_COLUMNS = ("limit_id", "key", "exposure_fen", "ratio", "status")


@dataclass
class LimitEvaluation:
    """results: one row per limit (RESULT_COLUMNS; `key_spec` as written: None each, "*" all, or a key;
    `key` the reported key; `exposure_fen`/`basis_fen` int; `warning`/`limit` Decimal as used).
    flagged: every key in warning or breach, per limit in the reported order (FLAGGED_COLUMNS).
    allocation_issues: limit_id (the parent), allocated_fen, available_fen (Decimal), children."""

    results: pd.DataFrame
    flagged: pd.DataFrame
    allocation_issues: pd.DataFrame

    def flagged_for(self, limit_id: str) -> pd.DataFrame:
        return self.flagged[self.flagged["limit_id"] == limit_id]


def _dec(v) -> Decimal | None:
    if v is None:
        return None
    if isinstance(v, Decimal):
        return None if v.is_nan() else v
    if isinstance(v, float) and np.isnan(v):
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return Decimal(str(v))


def _key_spec(v):
    if v is None:
        return None
    if isinstance(v, float) and np.isnan(v):
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    s = str(v)
    return None if s == "" else s


def thresholds(warning: Decimal, limit: Decimal, basis_fen: int) -> tuple[int, int]:
    """(warning threshold: exposure ≥ it is at least a warning; breach threshold: exposure > it is a breach)."""
    w = _CTX.multiply(warning, Decimal(basis_fen)).to_integral_value(rounding=decimal.ROUND_CEILING)
    b = _CTX.multiply(limit, Decimal(basis_fen)).to_integral_value(rounding=decimal.ROUND_FLOOR)
    return int(w), int(b)


def status_of(exposure_fen: int, warn_t: int, breach_t: int) -> str:
    if exposure_fen > breach_t:
        return BREACH
    if exposure_fen >= warn_t:
        return WARNING
    return OK


def _clip(x: int) -> int:
    return max(min(x, _I64_MAX), _I64_MIN + 1)


def resolve_limit_values(agg: Aggregates, row: dict) -> tuple[Decimal | None, Decimal | None, str | None]:
    """(warning, limit, problem) of a limit row, applying its rule if any."""
    warning, limit = _dec(row.get("warning")), _dec(row.get("limit"))
    rule = _key_spec(row.get("rule"))
    if rule:
        d = _rules.derive(rule, agg.solvency_ratio(str(row["scope"])), warning)
        return d.warning, d.limit, d.problem
    return warning, limit, None


def evaluate_limits(agg: Aggregates, limits: pd.DataFrame) -> LimitEvaluation:
    """Evaluate every limit row (limits.csv columns) against the aggregates."""
    out = []
    f_ids, f_keys, f_exp, f_ratio, f_status = [], [], [], [], []
    used: dict[str, tuple[Decimal | None, int | None]] = {}   # limit_id -> (limit, basis_fen) for allocation
    cnt_all = agg._countable
    names = [c for c in limits.columns]
    columns = [limits[c].tolist() for c in names]
    for values in zip(*columns):
        row = dict(zip(names, values))
        lid = str(row["limit_id"])
        dim = str(row["dimension"])
        scope = str(row["scope"])
        basis_name = str(row["basis"])
        spec = _key_spec(row.get("key"))
        warning, limit, problem = resolve_limit_values(agg, row)
        basis_fen = agg.basis(scope, basis_name)
        used[lid] = (limit, basis_fen)
        blk = agg.block(scope, dim)
        res = {"limit_id": lid, "name": row.get("name"), "dimension": dim, "scope": scope, "key_spec": spec,
               "basis": basis_name, "basis_fen": basis_fen, "warning": warning, "limit": limit,
               "rule": _key_spec(row.get("rule")), "problem": problem}
        # exposure(s)
        if spec is None:
            # thresholds first (when computable) so that the ranking covers every flagged key
            need = 1
            if basis_fen is not None and warning is not None and limit is not None:
                warn_t, breach_t = thresholds(warning, limit, basis_fen)
                need = min(warn_t, breach_t + 1)
            if blk is None:
                order = seg = np.zeros(0, dtype=np.int64)
                n_pos = 0
            else:
                order, seg, n_pos = agg.ranked(blk, need)
            res["n_keys"] = n_pos
            if n_pos == 0 or blk is None:
                res["key"], exposure = None, 0
            else:
                res["key"], exposure = agg.keys_at(blk, order[:1])[0], int(cnt_all[order[0]])
        else:
            if blk is None:
                exposure = 0
            elif spec == "*":
                exposure = int(cnt_all[blk.start:blk.stop].sum())
            else:
                p = agg.key_position(blk, spec)
                exposure = 0 if p is None else int(cnt_all[p])
            res["key"] = spec
            res["n_keys"] = 1 if exposure else 0
        res["exposure_fen"] = exposure
        if not basis_fen or warning is None or limit is None:
            # a zero basis measures nothing either (docs/interfaces.md: "zero, missing or not given")
            res.update(ratio=None, status=NO_BASIS, utilisation=None, n_warning=0, n_breach=0,
                       problem=problem or ("no_basis" if basis_fen is None else
                                           "zero_basis" if basis_fen == 0 else "no_limit"))
            out.append(res)
            continue
        ratio = exposure / basis_fen if basis_fen else None
        res["ratio"] = ratio
        res["utilisation"] = (ratio / float(limit)) if (ratio is not None and limit) else None
        if spec is not None:
            warn_t, breach_t = thresholds(warning, limit, basis_fen)
        res["status"] = status_of(exposure, warn_t, breach_t)
        if spec is None and n_pos == 0:
            res["status"] = OK                  # nothing counted
        if spec is None:
            if n_pos:
                n_flag = int(np.searchsorted(seg, -_clip(warn_t), side="right")) if warn_t > 0 else len(seg)
                n_br = int(np.searchsorted(seg, -_clip(breach_t), side="left")) if breach_t >= 0 else len(seg)
                n_flag = max(n_flag, n_br)
            else:
                n_flag = n_br = 0
            res["n_breach"], res["n_warning"] = n_br, n_flag - n_br
            if n_flag and blk is not None:      # (keys flagged only in a block that has keys)
                top = order[:n_flag]
                e = cnt_all[top]
                f_ids.append(np.full(n_flag, lid, dtype=object))
                f_keys.append(agg.keys_at(blk, top))
                f_exp.append(e)
                f_ratio.append(e / basis_fen if basis_fen else np.full(n_flag, np.nan))
                st = np.full(n_flag, WARNING, dtype=object)
                st[:n_br] = BREACH
                f_status.append(st)
        else:
            st = res["status"]
            res["n_breach"] = int(st == BREACH)
            res["n_warning"] = int(st == WARNING)
            if st != OK:
                f_ids.append(np.array([lid], dtype=object))
                f_keys.append(np.array([spec], dtype=object))
                f_exp.append(np.array([exposure], dtype=np.int64))
                f_ratio.append(np.array([ratio], dtype=float))
                f_status.append(np.array([st], dtype=object))
        out.append(res)

    results = pd.DataFrame({c: pd.Series([r.get(c) for r in out], dtype=object) for c in RESULT_COLUMNS})
    results["exposure_fen"] = results["exposure_fen"].astype(np.int64)
    if f_ids:
        flagged = pd.DataFrame({"limit_id": np.concatenate(f_ids), "key": np.concatenate(f_keys),
                                "exposure_fen": np.concatenate(f_exp).astype(np.int64),
                                "ratio": np.concatenate(f_ratio).astype(float),
                                "status": np.concatenate(f_status)})
    else:
        flagged = pd.DataFrame({c: pd.Series([], dtype=t) for c, t in
                                zip(FLAGGED_COLUMNS, (object, object, np.int64, float, object))})
    return LimitEvaluation(results=results, flagged=flagged,
                           allocation_issues=allocation_issues(limits, used))


def allocation_issues(limits: pd.DataFrame, used: dict) -> pd.DataFrame:
    """Σ (member limit × member basis) > group limit × group basis, exactly (Decimal fen)."""
    issues = []
    if "parent_limit_id" in limits.columns:
        children: dict[str, list[str]] = {}
        for lid, parent in zip(limits["limit_id"].astype(str), limits["parent_limit_id"]):
            p = _key_spec(parent)
            if p is not None:
                children.setdefault(p, []).append(lid)
        for parent, kids in children.items():
            if parent not in used:
                continue
            plimit, pbasis = used[parent]
            if plimit is None or not pbasis:     # nothing to allocate from an unmeasurable parent
                continue
            available = _CTX.multiply(plimit, Decimal(pbasis))
            allocated = Decimal(0)
            for k in kids:
                klimit, kbasis = used[k]
                if klimit is not None and kbasis is not None:
                    allocated = _CTX.add(allocated, _CTX.multiply(klimit, Decimal(kbasis)))
            if allocated > available:
                issues.append({"limit_id": parent, "allocated_fen": allocated, "available_fen": available,
                               "children": tuple(kids)})
    return pd.DataFrame(issues, columns=["limit_id", "allocated_fen", "available_fen", "children"])
