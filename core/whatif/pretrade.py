"""Pre-trade check: what a hypothetical exposure (or a sale) does to every limit, before and after.

Input rows are the columns of `exposures.csv` (amounts in yuan; a missing `exposure_id` is filled in) and
optionally of `counterparties.csv` for a new counterparty, exactly as `concentration --add-exposure
--add-counterparty` takes them: they are validated by the same importer functions and applied by the same
`additions.apply_additions` (a negative amount against an existing holding's id is a sale: the holding and
its underlyings shrink pro rata).

Two ways to the "after" side, with the same results:
- `rebuild`: the data with the additions, aggregates rebuilt, limits re-evaluated (always correct; seconds
  at a million exposures);
- `delta`: for new holdings without underlyings (to a known counterparty, to none, or to a new
  counterparty that changes no existing group key), and for sales of holdings without underlyings: the
  per-key deltas are computed from the kept aggregates' counterparty table and rows and applied to the
  limits' exposures directly, without touching the exposure rows (milliseconds). See `plan_delta`.
`pretrade_check(..., mode="auto")` takes the delta path when it applies.
"""
from __future__ import annotations

import tempfile
import weakref
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd

from core.concentration import limits as _limits
from core.concentration.aggregate import Aggregates, build_aggregates
from core.concentration.importer import merge_extras, read_extra_counterparties, read_extra_exposures
from core.concentration.model import ALL_KEYS, GROUP_SCOPE, UNKNOWN, GroupData

OK, WARNING, BREACH, NO_BASIS = _limits.OK, _limits.WARNING, _limits.BREACH, _limits.NO_BASIS
ABSENT = "absent"
EXPOSURE_FILE = "pretrade-exposures.csv"
COUNTERPARTY_FILE = "pretrade-counterparties.csv"
_FILE_COLUMNS = ("exposure_id", "member_id", "counterparty_id", "instrument_id", "asset_class", "overseas",
                 "on_balance", "amount", "parent_exposure_id", "exempt_single_asset", "exempt_counterparty",
                 "exempt_asset_class")
_CP_COLUMNS = ("counterparty_id", "name", "parent_id", "connected_label", "industry", "region", "related_party",
               "exempt", "group_member")


@dataclass(frozen=True)
class Side:
    """A limit on one side: the reported key (worst key of an each-key limit), exposure, ratio, status."""
    key: str | None
    exposure_fen: int
    ratio: float | None
    status: str
    n_warning: int
    n_breach: int


@dataclass(frozen=True)
class KeyImpact:
    """One key of an each-key limit that the trade changes."""
    key: str
    before_fen: int
    after_fen: int
    before_ratio: float | None
    after_ratio: float | None
    before_status: str
    after_status: str


@dataclass(frozen=True)
class LimitImpact:
    limit_id: str
    dimension: str
    scope: str
    key_spec: str | None
    basis_fen: int | None
    warning_threshold_fen: int | None
    breach_threshold_fen: int | None
    before: Side
    after: Side
    keys: tuple[KeyImpact, ...]        # each-key limits: the keys the trade moves, largest change first

    @property
    def affected_key(self) -> KeyImpact | None:
        return self.keys[0] if self.keys else None

    @property
    def status_changed(self) -> bool:
        return self.before.status != self.after.status


@dataclass(frozen=True)
class PreTradeResult:
    impacts: tuple[LimitImpact, ...]   # only the limits the trade changes, in the limit set's order
    mode: str                          # "delta" | "rebuild"
    sales: tuple[tuple[str, int], ...] = ()     # (holding id, sold fen)

    def by_id(self, limit_id: str) -> LimitImpact:
        for i in self.impacts:
            if i.limit_id == limit_id:
                return i
        raise KeyError(limit_id)

    @property
    def limit_ids(self) -> tuple[str, ...]:
        return tuple(i.limit_id for i in self.impacts)

    def to_json(self) -> dict:
        def side(s: Side) -> dict:
            return {"key": s.key, "exposure": s.exposure_fen / 100.0, "ratio": s.ratio, "status": s.status,
                    "warnings": s.n_warning, "breaches": s.n_breach}

        def y(v):
            return None if v is None else v / 100.0

        return {"mode": self.mode, "sales": [{"exposure_id": e, "amount": f / 100.0} for e, f in self.sales],
                "limits": [{"limit_id": i.limit_id, "dimension": i.dimension, "scope": i.scope, "key": i.key_spec,
                            "basis_amount": y(i.basis_fen), "warning_threshold": y(i.warning_threshold_fen),
                            "breach_threshold": y(i.breach_threshold_fen),
                            "before": side(i.before), "after": side(i.after),
                            "keys": [{"key": k.key, "before": k.before_fen / 100.0, "after": k.after_fen / 100.0,
                                      "before_ratio": k.before_ratio, "after_ratio": k.after_ratio,
                                      "before_status": k.before_status, "after_status": k.after_status}
                                     for k in i.keys]}
                           for i in self.impacts]}


# ==================================================================================================
# input: validated by the importer, as the CLI's --add-exposure / --add-counterparty


def _file_frame(rows: Iterable[Mapping[str, Any]] | pd.DataFrame, columns: tuple[str, ...], id_prefix: str | None
                ) -> pd.DataFrame:
    frame = rows.copy() if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))
    for c in columns:
        if c not in frame.columns:
            frame[c] = None
    if id_prefix is not None:
        ids = np.array(frame["exposure_id"].tolist(), dtype=object)
        for i, v in enumerate(ids):
            if v is None or (isinstance(v, float) and np.isnan(v)) or str(v).strip() == "":
                ids[i] = f"{id_prefix}{i + 1}"
        frame["exposure_id"] = ids

    def text(v):
        if v is None or (isinstance(v, float) and np.isnan(v)):
            return ""
        if isinstance(v, (bool, np.bool_)):
            return "true" if v else "false"
        if isinstance(v, (float, np.floating)):
            return format(Decimal(repr(float(v))), "f")        # 1e16 → "10000000000000000"
        if isinstance(v, Decimal):
            return format(v, "f")
        return str(v)

    # stripped as the importer strips every cell, so that the light look-ups below see its ids
    return pd.DataFrame({c: [text(v).strip() for v in frame[c]] for c in columns})


def _light(data: GroupData, rows: pd.DataFrame) -> GroupData | None:
    """The data restricted to what validating new holdings (no underlyings) needs: the known exposures
    and counterparties they name. None when the rows need the whole picture (underlyings of known
    holdings: their siblings and the holding's amount matter)."""
    if (rows["parent_exposure_id"] != "").any():
        return None
    ids = set(rows["exposure_id"])
    cps = set(rows["counterparty_id"]) - {""}
    exps = data.exposures[data.exposures["exposure_id"].isin(ids)]
    if exps["parent_exposure_id"].notna().any():
        return None
    return replace(data, exposures=exps.reset_index(drop=True),
                   counterparties=data.counterparties[data.counterparties["counterparty_id"].isin(cps)
                                                      ].reset_index(drop=True))


def _light_counterparties(data: GroupData, rows: pd.DataFrame) -> GroupData | None:
    """The data restricted to what validating new counterparties needs: the known counterparties with
    their ids or named as their parents (a repeated id, an unknown parent; a parent cycle can only run
    through new rows, since known rows name known parents). None when a known counterparty names one of
    the new ids as its parent (then a cycle could run through known rows: the whole table is used)."""
    ids = set(rows["counterparty_id"]) - {""}
    parents = set(rows["parent_id"]) - {""}
    old = data.counterparties
    if "parent_id" in old.columns and old["parent_id"].isin(list(ids)).any():
        return None
    keep = old["counterparty_id"].isin(list(ids | parents)).to_numpy()
    return replace(data, counterparties=old[keep].reset_index(drop=True))


def prepare(data: GroupData, exposures, counterparties=None) -> tuple[GroupData, pd.DataFrame | None, pd.DataFrame]:
    """(data with the added counterparties, the added counterparties, the added exposures as parsed); the
    exposures are applied by `merge_extras(known, exposures=exps)`.
    Raises InputError (file names EXPOSURE_FILE / COUNTERPARTY_FILE, rows as in a file) like the CLI."""
    with tempfile.TemporaryDirectory(prefix="riskdesk-pretrade-") as tmp:
        known = data
        cps = None
        if counterparties is not None:
            cp_path = Path(tmp) / COUNTERPARTY_FILE
            cp_rows = _file_frame(counterparties, _CP_COLUMNS, None)
            cp_rows.to_csv(cp_path, index=False, encoding="utf-8")
            light_cps = _light_counterparties(data, cp_rows)
            cps = read_extra_counterparties(cp_path, light_cps if light_cps is not None else data)
            plain = cps.copy()
            plain.attrs = {}
            known = replace(data, counterparties=pd.concat([data.counterparties, plain], ignore_index=True))
        x_path = Path(tmp) / EXPOSURE_FILE
        rows = _file_frame(exposures, _FILE_COLUMNS, "WHATIF-")
        rows.to_csv(x_path, index=False, encoding="utf-8")
        light = _light(known, rows)
        exps = read_extra_exposures(x_path, light if light is not None else known)
    return known, cps, exps


# ==================================================================================================
# before / after


def _side_from_result(r: Mapping[str, Any]) -> Side:
    ratio = r["ratio"]
    return Side(r["key"], int(r["exposure_fen"]), None if ratio is None else float(ratio), r["status"],
                int(r["n_warning"] or 0), int(r["n_breach"] or 0))


def _thresholds(r: Mapping[str, Any]) -> tuple[int, int] | None:
    if r["warning"] is None or r["limit"] is None or r["basis_fen"] is None or r["status"] == NO_BASIS:
        return None
    return _limits.thresholds(r["warning"], r["limit"], int(r["basis_fen"]))


def _key_value(agg: Aggregates, scope: str, dim: str, key: str) -> int:
    blk = agg.block(scope, dim)
    if blk is None:
        return 0
    p = agg.key_position(blk, key)
    return 0 if p is None else int(agg._countable[p])


def _status(e: int, th: tuple[int, int] | None) -> str:
    return NO_BASIS if th is None else _limits.status_of(e, th[0], th[1])


def _ratio(e: int, basis: int | None) -> float | None:
    return e / basis if basis else None


def _block_diff(old: Aggregates, new: Aggregates, scope: str, dim: str) -> dict[str, tuple[int, int]]:
    """{key: (old countable, new countable)} of the keys whose countable amount differs."""
    def series(agg):
        blk = agg.block(scope, dim)
        if blk is None:
            return pd.Series([], dtype=np.int64)
        return pd.Series(agg._countable[blk.start:blk.stop], index=agg._keys[blk.start:blk.stop])

    a, b = series(old), series(new)
    both = pd.concat([a.rename("a"), b.rename("b")], axis=1).fillna(0).astype(np.int64)
    ch = both[both["a"] != both["b"]]
    return {str(k): (int(x), int(y)) for k, x, y in zip(ch.index, ch["a"], ch["b"])}


def _impacts(limits: pd.DataFrame, before: _limits.LimitEvaluation, after_rows: Mapping[str, Mapping],
             key_changes) -> tuple[LimitImpact, ...]:
    """`key_changes(scope, dim) -> {key: (old, new)}` for each-key limits."""
    out = []
    for r in before.results.to_dict("records"):
        lid = r["limit_id"]
        a = after_rows[lid]
        th = _thresholds(r)
        keys: tuple[KeyImpact, ...] = ()
        if r["key_spec"] is None:
            ch = key_changes(r["scope"], r["dimension"])
            b = r["basis_fen"]
            keys = tuple(sorted((KeyImpact(k, o, n, _ratio(o, b), _ratio(n, b), _status(o, th), _status(n, th))
                                 for k, (o, n) in ch.items()),
                                key=lambda k: (-abs(k.after_fen - k.before_fen), k.key)))
        bs, as_ = _side_from_result(r), _side_from_result(a)
        if not keys and bs == as_:
            continue
        out.append(LimitImpact(lid, r["dimension"], r["scope"], r["key_spec"],
                               None if r["basis_fen"] is None else int(r["basis_fen"]),
                               None if th is None else th[0], None if th is None else th[1], bs, as_, keys))
    return tuple(out)


def check_rebuild(data: GroupData, after: GroupData, limits: pd.DataFrame, agg: Aggregates | None = None,
                  before: _limits.LimitEvaluation | None = None) -> PreTradeResult:
    agg = agg if agg is not None else build_aggregates(data)
    before = before if before is not None else _limits.evaluate_limits(agg, limits)
    new_agg = build_aggregates(after)
    ev = _limits.evaluate_limits(new_agg, limits)
    after_rows = {r["limit_id"]: r for r in ev.results.to_dict("records")}
    cache: dict = {}

    def key_changes(scope, dim):
        if (scope, dim) not in cache:
            cache[(scope, dim)] = _block_diff(agg, new_agg, scope, dim)
        return cache[(scope, dim)]

    return PreTradeResult(_impacts(limits, before, after_rows, key_changes), "rebuild", _sales(after))


def _sales(after: GroupData) -> tuple[tuple[str, int], ...]:
    s = after.meta.get("sales") if after.meta else None
    if s is None or not len(s):
        return ()
    return tuple((str(e), int(f)) for e, f in zip(s["exposure_id"], s["amount_fen"]))


# ---- the delta path ------------------------------------------------------------------------------
# What the delta path handles, each exactly as build_aggregates would count it (see `plan_delta`):
# - new holdings without underlyings (positive amounts), to a known counterparty, to none (UNKNOWN) or to
#   a new counterparty whose group is known without a rebuild (below);
# - sales of (part of) an existing holding that has no underlyings: the same keys as the holding, negative;
# - new counterparties that change no existing group key: no connected_label shared with any existing or
#   other new counterparty, no existing counterparty naming it as parent; it is a group of its own when
#   it has no parent, or when it or its parent is exempt (exempt counterparties link nothing), else it joins
#   its parent's group under the parent's group key (a counterparty with a parent is never the key of its
#   group, so the group's key does not change).
# Anything else (underlyings, sales of look-through products, shared labels, ...) is rebuilt.

_EXP_INDEX: dict[int, pd.Index] = {}


def _exposure_index(agg: Aggregates) -> pd.Index | None:
    """The aggregates' exposure ids as an Index (hash table built once per Aggregates, then kept)."""
    if agg.row_data is None or "exposure_id" not in agg.row_data:
        return None
    key = id(agg)
    idx = _EXP_INDEX.get(key)
    if idx is None:
        idx = pd.Index(np.asarray(agg.row_data["exposure_id"], dtype=object))
        _EXP_INDEX[key] = idx
        weakref.finalize(agg, _EXP_INDEX.pop, key, None)
    return idx


def _counterparties(agg: Aggregates) -> pd.DataFrame:
    """The aggregates' counterparty table (kept with their exposure rows, which the delta path requires)."""
    if agg.counterparties is None:
        raise ValueError("the aggregates have no counterparty table")
    return agg.counterparties


def _cp_position(agg: Aggregates, cid: str) -> int | None:
    """Row of a counterparty in the aggregates' table (ids in code-point order: binary search)."""
    ids = _counterparties(agg)["counterparty_id"].to_numpy(dtype=object)
    i = int(np.searchsorted(ids, cid))
    if i < len(ids) and ids[i] == cid:
        return i
    hits = np.flatnonzero(ids == cid)           # not sorted after all: a scan
    return int(hits[0]) if len(hits) else None


def _known_cp(agg: Aggregates, cid: str) -> dict | None:
    p = _cp_position(agg, cid)
    return None if p is None else _cp_record(agg, p)


def _cp_record(agg: Aggregates, p: int) -> dict:
    """What the delta needs of row `p` of the aggregates' counterparty table."""
    c = _counterparties(agg).iloc[p]
    gm = c["group_member"]
    return {"id": str(c["counterparty_id"]), "group_key": str(c["group_key"]), "industry": c["industry"],
            "region": c["region"], "related": bool(c["related_party"]), "exempt": bool(c["exempt"]),
            "intra": gm is not None and not pd.isna(gm)}


def _blank(v) -> bool:
    return v is None or (isinstance(v, float) and np.isnan(v)) or (not isinstance(v, str) and pd.isna(v))


def _new_cp_records(agg: Aggregates, data: GroupData | None, cps: pd.DataFrame | None) -> dict[str, dict] | None:
    """{id: record} of the new counterparties, or None when one of them may change an existing group."""
    if cps is None or not len(cps):
        return {}
    if data is None:
        return None
    rows = {str(r["counterparty_id"]): r for r in cps.to_dict("records")}
    if len(rows) != len(cps) or UNKNOWN in rows:
        return None
    old = data.counterparties
    if "parent_id" in old.columns and old["parent_id"].isin(list(rows)).any():
        return None                              # a dangling parent of a known counterparty: it would link
    labels = [r.get("connected_label") for r in rows.values() if not _blank(r.get("connected_label"))]
    if len(set(labels)) != len(labels):
        return None
    if labels and "connected_label" in old.columns and old["connected_label"].isin(labels).any():
        return None
    out: dict[str, dict] = {}

    def record(cid: str, seen: tuple = ()) -> dict | None:
        if cid in out:
            return out[cid]
        if cid in seen:
            return None
        r = rows[cid]
        exempt = bool(r.get("exempt"))
        parent = r.get("parent_id")
        key = cid
        if not exempt and not _blank(parent):
            parent = str(parent)
            if parent in rows:
                p = record(parent, seen + (cid,))
            else:
                p = _known_cp(agg, parent) if parent != UNKNOWN else None
            if p is None:
                return None
            if not p["exempt"]:
                key = p["group_key"]
        gm = r.get("group_member")
        ind, reg = r.get("industry"), r.get("region")
        out[cid] = {"id": cid, "group_key": key, "industry": UNKNOWN if _blank(ind) else ind,
                    "region": UNKNOWN if _blank(reg) else reg, "related": bool(r.get("related_party")),
                    "exempt": exempt, "intra": not _blank(gm)}
        return out[cid]

    for cid in rows:
        if record(cid) is None:
            return None
    return out


@dataclass(frozen=True)
class _Leaf:
    """A holding without underlyings as the aggregates count it (also a leaf of the look-through)."""
    scope: str
    cp: dict
    instrument: str
    asset_class: str
    overseas: bool
    exempt_single_asset: bool
    exempt_counterparty: bool
    amount_fen: int
    exempt_asset_class: bool = False


def _sale_leaves(agg: Aggregates, sales: pd.DataFrame | None) -> list[_Leaf] | None:
    """The sold holdings as negative leaves, or None when one of them has underlyings (or cannot be found)."""
    if sales is None or not len(sales):
        return []
    idx = _exposure_index(agg)
    rd, instruments, asset_classes = agg.row_data, agg.instruments, agg.asset_classes
    if idx is None or agg.counterparties is None or rd is None or instruments is None or asset_classes is None \
            or not idx.is_unique:
        return None
    pos = idx.get_indexer(sales["exposure_id"].astype(str).to_numpy(dtype=object))
    if (pos < 0).any():
        return None
    out = []
    for p, sold in zip(pos.tolist(), sales["amount_fen"].tolist()):
        if int(rd["parent_pos"][p]) >= 0 or bool(rd["has_children"][p]):
            return None
        held = int(rd["amount_fen"][p])
        if int(sold) <= 0 or int(sold) > held:
            return None
        cp = _cp_record(agg, int(rd["cp_code"][p]))
        m = int(rd["member"][p])
        if m < 0 or m + 1 >= len(agg.scopes):
            return None
        out.append(_Leaf(agg.scopes[m + 1], cp, str(instruments[int(rd["instrument"][p])]),
                         str(asset_classes[int(rd["asset_class"][p])]), bool(rd["overseas"][p]),
                         bool(rd["exempt_single_asset"][p]), bool(rd["exempt_counterparty"][p]), -int(sold),
                         bool(rd["exempt_asset_class"][p]) if "exempt_asset_class" in rd else False))
    return out


def plan_delta(agg: Aggregates, exps: pd.DataFrame, cps: pd.DataFrame | None, data: GroupData | None
               ) -> list[_Leaf] | None:
    """The leaves the trade adds (negative for sales) when the delta path can count them exactly, else None."""
    if agg.counterparties is None or not len(exps):
        return None
    new_cps = _new_cp_records(agg, data, cps)
    if new_cps is None:
        return None
    sales = exps.attrs.get("sales")
    sold = _sale_leaves(agg, sales)
    if sold is None:
        return None
    sale_ids = set() if sales is None else set(sales["exposure_id"].astype(str))
    scopes = set(agg.scopes[1:])
    leaves = []
    for r in exps.to_dict("records"):
        amt = int(r["amount_fen"])
        if amt < 0 and str(r["exposure_id"]) in sale_ids:
            continue                              # counted by the sales above
        if amt <= 0 or not _blank(r["parent_exposure_id"]) or str(r["member_id"]) not in scopes:
            return None
        cid = UNKNOWN if _blank(r["counterparty_id"]) else str(r["counterparty_id"])
        cp = new_cps.get(cid) or _known_cp(agg, cid)
        if cp is None:
            return None
        leaves.append(_Leaf(str(r["member_id"]), cp, UNKNOWN if _blank(r["instrument_id"]) else str(r["instrument_id"]),
                            str(r["asset_class"]), bool(r["overseas"]), bool(r["exempt_single_asset"]),
                            bool(r["exempt_counterparty"]), amt, bool(r.get("exempt_asset_class") or False)))
    n_sale_rows = int(sum(1 for a, e in zip(exps["amount_fen"].tolist(), exps["exposure_id"].astype(str).tolist())
                          if a < 0 and e in sale_ids))
    if len(leaves) + n_sale_rows != len(exps):
        return None
    return leaves + sold


def delta_applies(agg: Aggregates, exps: pd.DataFrame, cps: pd.DataFrame | None, data: GroupData | None) -> bool:
    """Whether the delta path counts these rows exactly (see `plan_delta`)."""
    return plan_delta(agg, exps, cps, data) is not None


def leaf_deltas(leaves: Iterable[_Leaf]) -> dict[tuple[str, str], dict[str, int]]:
    """{(scope, dimension): {key: countable delta}} (the rules of build_aggregates: holding and look-through
    dimensions, exemptions, intra-group elimination at group)."""
    out: dict[tuple[str, str], dict[str, int]] = {}

    def add(scope, dim, key, amount):
        d = out.setdefault((scope, dim), {})
        d[key] = d.get(key, 0) + amount

    for x in leaves:
        c = x.cp
        amt = x.amount_fen
        scopes = [x.scope] + ([] if c["intra"] else [GROUP_SCOPE])
        for s in scopes:
            if not (c["exempt"] or x.exempt_single_asset):
                add(s, "single_asset", x.instrument, amt)
            if not x.exempt_asset_class:
                add(s, "asset_class", x.asset_class, amt)
            add(s, "overseas", "overseas" if x.overseas else "domestic", amt)
            if not (c["exempt"] or x.exempt_counterparty):
                add(s, "counterparty", c["id"], amt)
                add(s, "counterparty_group", c["group_key"], amt)
            if c["related"]:
                add(s, "related_party", c["id"], amt)
            add(s, "industry", c["industry"], amt)
            add(s, "region", c["region"], amt)
    return out


def exposure_deltas(agg: Aggregates, exps: pd.DataFrame, cps: pd.DataFrame | None = None,
                    data: GroupData | None = None) -> dict[tuple[str, str], dict[str, int]]:
    """`leaf_deltas` of the rows (which must be eligible: `delta_applies`; `data` is needed with `cps`)."""
    leaves = plan_delta(agg, exps, cps, data)
    if leaves is None:
        raise ValueError("the delta path does not apply to these rows")
    return leaf_deltas(leaves)


def _best_other(agg: Aggregates, scope: str, dim: str, changed: set) -> tuple[int, str] | None:
    """(countable, key) of the worst key of the block among the keys not in `changed` (countable > 0), from
    the block's kept ranking (a scan of the block when every ranked key changed)."""
    blk = agg.block(scope, dim)
    if blk is None:
        return None
    order, _, npos = agg.ranked(blk, blk.cover if blk.order is not None else np.iinfo(np.int64).max)
    for p in order[:len(changed) + 1].tolist():
        k = agg._keys[p]
        if k not in changed:
            return int(agg._countable[p]), str(k)
    if len(order) >= npos:
        return None
    cnt = agg._countable[blk.start:blk.stop]
    keys = agg._keys[blk.start:blk.stop]
    mask = (cnt > 0) & ~pd.Series(keys, dtype=object).isin(list(changed)).to_numpy()
    if not mask.any():
        return None
    m = int(cnt[mask].max())
    return m, min(str(k) for k in keys[mask & (cnt == m)])


def check_delta(agg: Aggregates, exps: pd.DataFrame, limits: pd.DataFrame,
                before: _limits.LimitEvaluation | None = None, cps: pd.DataFrame | None = None,
                data: GroupData | None = None, leaves: list[_Leaf] | None = None) -> PreTradeResult:
    """The after side from per-key deltas on the kept aggregates (see `plan_delta`)."""
    before = before if before is not None else _limits.evaluate_limits(agg, limits)
    if leaves is None:
        leaves = plan_delta(agg, exps, cps, data)
        if leaves is None:
            raise ValueError("the delta path does not apply to these rows")
    deltas = leaf_deltas(leaves)
    after_rows: dict[str, dict] = {}
    changes: dict[tuple[str, str], dict[str, tuple[int, int]]] = {}

    def key_changes(scope, dim):
        if (scope, dim) not in changes:
            d = deltas.get((scope, dim), {})
            changes[(scope, dim)] = {k: (_key_value(agg, scope, dim, k), _key_value(agg, scope, dim, k) + v)
                                     for k, v in d.items() if v}
        return changes[(scope, dim)]

    for r in before.results.to_dict("records"):
        a = dict(r)
        after_rows[r["limit_id"]] = a
        d = deltas.get((r["scope"], r["dimension"]))
        if not d:
            continue
        th = _thresholds(r)
        basis = r["basis_fen"]
        spec = r["key_spec"]
        if spec == ALL_KEYS:
            a["exposure_fen"] = int(r["exposure_fen"]) + sum(d.values())
        elif spec is not None:
            a["exposure_fen"] = int(r["exposure_fen"]) + d.get(spec, 0)
        else:
            ch = key_changes(r["scope"], r["dimension"])
            if not ch:
                continue
            cands = [(n, k) for k, (o, n) in ch.items() if n > 0]
            other = _best_other(agg, r["scope"], r["dimension"], set(ch))
            if other is not None:
                cands.append(other)
            if cands:
                e, k = min(cands, key=lambda t: (-t[0], str(t[1])))
                a["key"], a["exposure_fen"] = k, e
            else:
                a["key"], a["exposure_fen"] = None, 0
            nw, nb = int(r["n_warning"] or 0), int(r["n_breach"] or 0)
            nk = int(r["n_keys"] or 0)
            for o, n in ch.values():
                so, sn = _status(o, th), _status(n, th)
                nb += (sn == BREACH) - (so == BREACH)
                nw += (sn == WARNING) - (so == WARNING)
                nk += (n > 0) - (o > 0)
            a["n_warning"], a["n_breach"], a["n_keys"] = nw, nb, nk
        if th is not None:
            a["ratio"] = a["exposure_fen"] / basis if basis else None
            a["status"] = _status(a["exposure_fen"], th)
            if spec is None and a["key"] is None:
                a["status"] = OK
            if spec is not None:
                a["n_breach"] = int(a["status"] == BREACH)
                a["n_warning"] = int(a["status"] == WARNING)
    sales = exps.attrs.get("sales")
    sold = () if sales is None or not len(sales) else tuple(
        (str(e), int(f)) for e, f in zip(sales["exposure_id"], sales["amount_fen"]))
    return PreTradeResult(_impacts(limits, before, after_rows, key_changes), "delta", sold)


def warm_up(agg: Aggregates, limits: pd.DataFrame) -> None:
    """Build the per-block key look-ups the limits will use (a few hundred ms for a million keys, once):
    call it off the GUI thread after loading, so that the first pre-trade check is as fast as the next."""
    for scope, dim in set(zip(limits["scope"].astype(str), limits["dimension"].astype(str))):
        blk = agg.block(scope, dim)
        if blk is not None:
            agg.key_position(blk, "")
    if agg.counterparties is not None and len(agg.counterparties):
        _cp_position(agg, str(agg.counterparties["counterparty_id"].iloc[0]))
    idx = _exposure_index(agg)                # where a sold holding is: the hash table, built once
    if idx is not None and idx.is_unique:
        idx.get_indexer([""])


def pretrade_check(data: GroupData, exposures, counterparties=None, limits: pd.DataFrame | None = None,
                   agg: Aggregates | None = None, before: _limits.LimitEvaluation | None = None,
                   mode: str = "auto") -> PreTradeResult:
    """Before/after of every limit the hypothetical rows change. `limits` default: the data's own (pass the
    governing set); `agg`/`before`: the snapshot's aggregates and evaluation when already at hand.
    `mode`: "auto" (delta when it applies), "delta" (refused with ValueError when it does not apply),
    "rebuild"."""
    limits = data.limits if limits is None else limits
    known, cps, exps = prepare(data, exposures, counterparties)
    agg = agg if agg is not None else build_aggregates(data)
    before = before if before is not None else _limits.evaluate_limits(agg, limits)
    leaves = plan_delta(agg, exps, cps, data) if mode in ("auto", "delta") else None
    if mode == "delta" and leaves is None:
        raise ValueError("the delta path does not apply to these rows")
    if leaves is not None:
        return check_delta(agg, exps, limits, before, cps, data, leaves)
    return check_rebuild(data, merge_extras(known, exposures=exps), limits, agg, before)
