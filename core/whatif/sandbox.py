"""The limit sandbox: a working copy of a limit set, changed by pure, invertible edits, re-evaluated on the
snapshot's kept aggregates after each edit, and compared with the set it started from.

Edits (frozen dataclasses, one per user action; the GUI wraps each in one QUndoCommand):

    SetFields(limit_id, {"warning": Decimal("0.06"), "limit": Decimal("0.11")})   # any columns but limit_id
    AddLimit(row, position=None)                                                     # a full LIMIT_COLUMNS row
    RemoveLimit(limit_id)                                                            # refused while allocated to
    RenameLimit(old_id, new_id)                                                      # children follow

`apply_edit(limits, edit, scopes=None) -> EditOutcome(limits, inverse, changed)`: the new frame (the input is
never changed) and the edit that undoes it exactly: applying `inverse` to the new frame gives back a frame
equal to the old one, values (the very Decimal objects), row order, index and dtypes included. Invalid edits
raise `InputError` with `InputProblem` codes (the importer's codes where the same rule applies).

`Sandbox(agg, limits)` keeps the working copy and its evaluation; `Sandbox.apply(edit)` validates, applies,
re-evaluates only the limits the edit touched (plus the allocation check) and returns the inverse edit;
`Sandbox.diff()` compares with the starting set (`LimitSetDiff`).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping

import numpy as np
import pandas as pd

from core.concentration import limits as _limits
from core.concentration.aggregate import Aggregates
from core.concentration.importer import BASES_FOR
from core.concentration.model import ALL_KEYS, ASSET_CLASSES, DIMENSIONS, GROUP_SCOPE, LIMIT_COLUMNS
from core.concentration.rules import RULES
from core.problems import InputError, InputProblem

OK, WARNING, BREACH, NO_BASIS = _limits.OK, _limits.WARNING, _limits.BREACH, _limits.NO_BASIS
ABSENT = "absent"            # a key/limit that does not exist on one side of a diff
EDITABLE = tuple(c for c in LIMIT_COLUMNS if c != "limit_id")
DEFINITION = LIMIT_COLUMNS   # what a limit is made of, compared by the diff
_MISSING = object()


# ==================================================================================================
# values


def is_blank(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and np.isnan(v):
        return True
    if isinstance(v, Decimal):
        return v.is_nan()
    if isinstance(v, str):
        return v.strip() == ""
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def to_decimal(v: Any) -> Decimal | None:
    """Decimal of a ratio as typed (str/int/float/Decimal); None for blank. Raises ValueError if not a number."""
    if is_blank(v):
        return None
    if isinstance(v, Decimal):
        return v
    try:
        d = Decimal(str(v).strip())
    except InvalidOperation:
        raise ValueError(v) from None
    if not d.is_finite():
        raise ValueError(v)
    return d


def norm_value(column: str, v: Any) -> Any:
    """A value as stored in a limit frame: None for blank, Decimal ratios, str otherwise."""
    if is_blank(v):
        return None
    if column in ("warning", "limit"):
        return to_decimal(v)
    return str(v).strip() if isinstance(v, str) else str(v)


def same_value(column: str, a: Any, b: Any) -> bool:
    """Equal as a limit definition (0.08 equals 0.080; blank equals None)."""
    a, b = norm_value(column, a), norm_value(column, b)
    return a == b


# ==================================================================================================
# edits


@dataclass(frozen=True)
class SetFields:
    limit_id: str
    values: Mapping[str, Any]

    def describe(self) -> dict:
        return {"op": "set", "limit_id": self.limit_id, "columns": sorted(self.values)}


@dataclass(frozen=True)
class AddLimit:
    row: Mapping[str, Any]
    position: int | None = None      # row position in the frame; None = at the end

    @property
    def limit_id(self) -> str:
        return str(self.row.get("limit_id"))

    def describe(self) -> dict:
        return {"op": "add", "limit_id": self.limit_id}


@dataclass(frozen=True)
class RemoveLimit:
    limit_id: str

    def describe(self) -> dict:
        return {"op": "remove", "limit_id": self.limit_id}


@dataclass(frozen=True)
class RenameLimit:
    limit_id: str
    new_id: str

    def describe(self) -> dict:
        return {"op": "rename", "limit_id": self.limit_id, "new_id": self.new_id}


Edit = SetFields | AddLimit | RemoveLimit | RenameLimit


def set_warning(limit_id: str, warning: Any) -> SetFields:
    return SetFields(limit_id, {"warning": warning})


def set_limit(limit_id: str, limit: Any) -> SetFields:
    return SetFields(limit_id, {"limit": limit})


def set_thresholds(limit_id: str, warning: Any, limit: Any) -> SetFields:
    return SetFields(limit_id, {"warning": warning, "limit": limit})


def reallocate(limit_id: str, parent_limit_id: str | None) -> SetFields:
    """Allocate a member limit from another group limit (None: no longer allocated)."""
    return SetFields(limit_id, {"parent_limit_id": parent_limit_id})


def change_key(limit_id: str, key: str | None) -> SetFields:
    return SetFields(limit_id, {"key": key})


def change_scope(limit_id: str, scope: str) -> SetFields:
    return SetFields(limit_id, {"scope": scope})


def change_basis(limit_id: str, basis: str) -> SetFields:
    return SetFields(limit_id, {"basis": basis})


@dataclass(frozen=True)
class EditOutcome:
    limits: pd.DataFrame
    inverse: Edit
    changed: tuple[str, ...]      # limit ids whose evaluation may differ (for incremental re-evaluation)
    removed: tuple[str, ...] = ()


def _problem(code: str, limit_id: str | None, column: str | None = None, value: Any = None, **detail) -> InputProblem:
    return InputProblem(code, file=None, row=None, column=column, value=value,
                        detail={"limit_id": limit_id, **detail})


def _position(limits: pd.DataFrame, limit_id: str) -> int | None:
    hits = np.flatnonzero(limits["limit_id"].to_numpy(dtype=object) == limit_id)
    return int(hits[0]) if len(hits) else None


def validate_row(row: Mapping[str, Any], limits: pd.DataFrame, scopes: tuple[str, ...] | None = None,
                 exclude_pos: int | None = None) -> list[InputProblem]:
    """Problems of one limit row as it would stand in `limits` (the row at `exclude_pos` is the row itself)."""
    P: list[InputProblem] = []
    lid = row.get("limit_id")
    if is_blank(lid):
        P.append(_problem("missing_value", None, "limit_id"))
        lid = None
    dim = row.get("dimension")
    if dim not in DIMENSIONS:
        P.append(_problem("unknown_choice", lid, "dimension", dim, choices=", ".join(DIMENSIONS)))
        dim = None
    scope = row.get("scope")
    if is_blank(scope):
        P.append(_problem("missing_value", lid, "scope"))
    elif scopes is not None and scope not in scopes:
        P.append(_problem("unknown_scope", lid, "scope", scope))
    basis = row.get("basis")
    if dim is not None and basis not in BASES_FOR[dim]:
        P.append(_problem("basis_not_for_dimension", lid, "basis", basis, dimension=dim,
                          choices=", ".join(BASES_FOR[dim])))
    key = row.get("key")
    if key is not None and key != ALL_KEYS:
        if dim == "asset_class" and key not in ASSET_CLASSES:
            P.append(_problem("unknown_choice", lid, "key", key, choices=", ".join(ASSET_CLASSES)))
        elif dim == "overseas" and key not in ("overseas", "domestic"):
            P.append(_problem("unknown_choice", lid, "key", key, choices="overseas, domestic"))
    rule = row.get("rule")
    if rule is not None and rule not in RULES:
        P.append(_problem("unknown_choice", lid, "rule", rule, choices=", ".join(RULES)))
    w, li = row.get("warning"), row.get("limit")
    for col, v in (("warning", w), ("limit", li)):
        if v is None and rule is None:
            P.append(_problem("missing_value", lid, col))
        elif v is not None and v < 0:
            P.append(_problem("out_of_range", lid, col, str(v), min=0, max="∞"))
    if w is not None and li is not None and w > li:
        P.append(_problem("warning_above_limit", lid, "warning", str(w), limit=str(li)))
    # ids unique, parent allocation consistent
    ids = limits["limit_id"].to_numpy(dtype=object)
    others = np.ones(len(ids), dtype=bool)
    if exclude_pos is not None:
        others[exclude_pos] = False
    if lid is not None and (ids[others] == lid).any():
        P.append(_problem("duplicate_id", lid, "limit_id", lid, first_row="-"))
    parent = row.get("parent_limit_id")
    if parent is not None:
        hits = np.flatnonzero((ids == parent) & others)
        if parent == lid or not len(hits):
            P.append(_problem("unknown_parent_limit", lid, "parent_limit_id", parent))
        else:
            prow = limits.iloc[int(hits[0])]
            if scope == GROUP_SCOPE:
                P.append(_problem("parent_limit_on_group_scope", lid, "parent_limit_id", parent))
            if prow["scope"] != GROUP_SCOPE:
                P.append(_problem("parent_limit_not_group", lid, "parent_limit_id", parent,
                                  parent_scope=prow["scope"]))
            if prow["dimension"] != dim:
                P.append(_problem("parent_limit_mismatch", lid, "parent_limit_id", parent, what="dimension",
                                  mine=dim, theirs=prow["dimension"]))
            elif norm_value("key", prow["key"]) != key:
                P.append(_problem("parent_limit_mismatch", lid, "parent_limit_id", parent, what="key",
                                  mine=key or "", theirs=prow["key"] or ""))
    return P


def _children(limits: pd.DataFrame, limit_id: str) -> list[str]:
    par = limits["parent_limit_id"].to_numpy(dtype=object)
    ids = limits["limit_id"].to_numpy(dtype=object)
    return [str(i) for i, p in zip(ids, par) if p == limit_id]


def _check_children(limits: pd.DataFrame, limit_id: str, row: Mapping[str, Any]) -> list[InputProblem]:
    """A group limit's children must still fit after the group limit's dimension/key/scope change."""
    P = []
    for c in _children(limits, limit_id):
        crow = limits.iloc[_position(limits, c)]
        if row.get("scope") != GROUP_SCOPE:
            P.append(_problem("parent_limit_not_group", c, "parent_limit_id", limit_id, parent_scope=row.get("scope")))
        if crow["dimension"] != row.get("dimension"):
            P.append(_problem("parent_limit_mismatch", c, "parent_limit_id", limit_id, what="dimension",
                              mine=crow["dimension"], theirs=row.get("dimension")))
        elif norm_value("key", crow["key"]) != row.get("key"):
            P.append(_problem("parent_limit_mismatch", c, "parent_limit_id", limit_id, what="key",
                              mine=crow["key"] or "", theirs=row.get("key") or ""))
    return P


def _normalised_row(row: Mapping[str, Any], lid: str | None) -> dict:
    out = {}
    bad = []
    for c in LIMIT_COLUMNS:
        try:
            out[c] = norm_value(c, row.get(c))
        except ValueError:
            bad.append(_problem("not_a_number", lid, c, row.get(c)))
            out[c] = None
    if bad:
        raise InputError(bad)
    return out


def _keep(column: str, given: Any, normalised: Any) -> bool:
    """Write the given object itself (an undo restores the very objects it saved, blanks included) when it
    already is the normalised value; else the normalised one (a typed "0.10" becomes Decimal("0.10"))."""
    if is_blank(given):
        return normalised is None and not isinstance(given, str)      # None / NaN kept, "" becomes None
    return type(given) is type(normalised) and given == normalised


def apply_edit(limits: pd.DataFrame, edit: Edit, scopes: tuple[str, ...] | None = None) -> EditOutcome:
    """Apply one edit to a limit frame (LIMIT_COLUMNS, object dtypes). Pure: `limits` is not changed."""
    if isinstance(edit, SetFields):
        return _set_fields(limits, edit, scopes)
    if isinstance(edit, AddLimit):
        return _add(limits, edit, scopes)
    if isinstance(edit, RemoveLimit):
        return _remove(limits, edit)
    if isinstance(edit, RenameLimit):
        return _rename(limits, edit)
    raise TypeError(f"not an edit: {edit!r}")


def _require(limits: pd.DataFrame, limit_id: str) -> int:
    pos = _position(limits, limit_id)
    if pos is None:
        raise InputError([_problem("unknown_limit", limit_id, "limit_id", limit_id)])
    return pos


def _set_fields(limits: pd.DataFrame, edit: SetFields, scopes) -> EditOutcome:
    pos = _require(limits, edit.limit_id)
    bad = [c for c in edit.values if c not in EDITABLE]
    if bad:
        raise InputError([_problem("unknown_choice", edit.limit_id, "column", c, choices=", ".join(EDITABLE))
                          for c in bad])
    current = limits.iloc[pos]
    raw = {c: current[c] for c in LIMIT_COLUMNS}
    given = _normalised_row({**{c: raw[c] for c in LIMIT_COLUMNS}, **dict(edit.values)}, edit.limit_id)
    # write the edit's own object when it already is the normalised value (an undo restores the very
    # objects it saved, blanks included), else the normalised value
    new_values = {c: (v if _keep(c, v, given[c]) else given[c]) for c, v in edit.values.items()}
    candidate = {c: norm_value(c, raw[c]) for c in LIMIT_COLUMNS}
    candidate.update({c: given[c] for c in edit.values})
    problems = validate_row(candidate, limits, scopes, exclude_pos=pos)
    problems += _check_children(limits, edit.limit_id, candidate)
    if problems:
        raise InputError(problems)
    out = limits.copy()
    col_pos = {c: out.columns.get_loc(c) for c in new_values}
    for c, v in new_values.items():
        out.iat[pos, col_pos[c]] = v
    inverse = SetFields(edit.limit_id, {c: raw[c] for c in new_values})
    changed = [edit.limit_id] + _children(limits, edit.limit_id)
    par = norm_value("parent_limit_id", raw["parent_limit_id"])
    if par is not None:
        changed.append(par)
    if new_values.get("parent_limit_id") is not None:
        changed.append(new_values["parent_limit_id"])
    return EditOutcome(out, inverse, tuple(dict.fromkeys(changed)))


def _add(limits: pd.DataFrame, edit: AddLimit, scopes) -> EditOutcome:
    lid = None if is_blank(edit.row.get("limit_id")) else str(edit.row.get("limit_id"))
    row = _normalised_row(edit.row, lid)
    problems = validate_row(row, limits, scopes)
    if problems:
        raise InputError(problems)
    n = len(limits)
    pos = n if edit.position is None else edit.position
    if not 0 <= pos <= n:
        raise InputError([_problem("out_of_range", lid, "position", pos, min=0, max=n)])
    # keep the very objects of a row given back by an undo (exact restore), normalised values otherwise
    values = {c: (edit.row[c] if c in edit.row and _keep(c, edit.row[c], row[c]) else row[c])
              for c in LIMIT_COLUMNS}
    new = pd.DataFrame({c: pd.Series([values[c]], dtype=limits[c].dtype if c in limits.columns else object)
                        for c in limits.columns})
    out = pd.concat([limits.iloc[:pos], new, limits.iloc[pos:]], ignore_index=True)
    for c in limits.columns:
        if out[c].dtype != limits[c].dtype:
            out[c] = out[c].astype(limits[c].dtype)
    out.index = pd.RangeIndex(len(out))
    changed = [row["limit_id"]] + ([row["parent_limit_id"]] if row["parent_limit_id"] else [])
    return EditOutcome(out, RemoveLimit(row["limit_id"]), tuple(changed))


def _remove(limits: pd.DataFrame, edit: RemoveLimit) -> EditOutcome:
    pos = _require(limits, edit.limit_id)
    kids = _children(limits, edit.limit_id)
    if kids:
        raise InputError([_problem("limit_has_children", edit.limit_id, "limit_id", edit.limit_id,
                                   children=", ".join(kids))])
    row = limits.iloc[pos]
    saved = {c: row[c] for c in limits.columns}
    out = limits.drop(index=limits.index[pos]).reset_index(drop=True)
    parent = norm_value("parent_limit_id", saved.get("parent_limit_id"))
    return EditOutcome(out, AddLimit(saved, pos), tuple([parent] if parent else []), removed=(edit.limit_id,))


def _rename(limits: pd.DataFrame, edit: RenameLimit) -> EditOutcome:
    pos = _require(limits, edit.limit_id)
    new_id = None if is_blank(edit.new_id) else str(edit.new_id).strip()
    if new_id is None:
        raise InputError([_problem("missing_value", edit.limit_id, "limit_id")])
    if _position(limits, new_id) is not None:
        raise InputError([_problem("duplicate_id", edit.limit_id, "limit_id", new_id, first_row="-")])
    out = limits.copy()
    out.iat[pos, out.columns.get_loc("limit_id")] = new_id
    par = out["parent_limit_id"].to_numpy(dtype=object)
    kids = np.flatnonzero(par == edit.limit_id)
    if len(kids):
        c = out.columns.get_loc("parent_limit_id")
        for k in kids:
            out.iat[int(k), c] = new_id
    return EditOutcome(out, RenameLimit(new_id, edit.limit_id), tuple([new_id] + _children(out, new_id)),
                       removed=(edit.limit_id,))


# ==================================================================================================
# diff


@dataclass(frozen=True)
class KeyMove:
    """A key whose status differs between the two sides (ABSENT when its limit is not on that side)."""
    key: str | None
    old_status: str
    new_status: str
    old_exposure_fen: int | None
    new_exposure_fen: int | None
    old_ratio: float | None
    new_ratio: float | None


@dataclass(frozen=True)
class LimitSide:
    """One limit on one side of a diff: its definition, thresholds and evaluation."""
    definition: dict
    warning: Decimal | None
    limit: Decimal | None
    basis_fen: int | None
    warning_threshold_fen: int | None      # exposure ≥ it: at least a warning
    breach_threshold_fen: int | None       # exposure > it: breach
    key: str | None                        # reported key (worst key of an each-key limit)
    exposure_fen: int
    ratio: float | None
    status: str
    n_warning: int
    n_breach: int


@dataclass(frozen=True)
class LimitChange:
    limit_id: str
    change: str                            # "added" | "removed" | "changed" | "unchanged"
    fields: tuple[str, ...]                # definition columns that differ ("changed" only)
    old: LimitSide | None
    new: LimitSide | None
    moves: tuple[KeyMove, ...]             # keys moving between ok / warning / breach

    @property
    def old_status(self) -> str:
        return ABSENT if self.old is None else self.old.status

    @property
    def new_status(self) -> str:
        return ABSENT if self.new is None else self.new.status

    @property
    def status_changed(self) -> bool:
        return self.old_status != self.new_status


@dataclass(frozen=True)
class LimitSetDiff:
    changes: tuple[LimitChange, ...]
    old_allocation_issues: tuple[str, ...] = ()
    new_allocation_issues: tuple[str, ...] = ()

    def by_id(self, limit_id: str) -> LimitChange:
        for c in self.changes:
            if c.limit_id == limit_id:
                return c
        raise KeyError(limit_id)

    def of_kind(self, change: str) -> tuple[LimitChange, ...]:
        return tuple(c for c in self.changes if c.change == change)

    @property
    def added(self) -> tuple[LimitChange, ...]:
        return self.of_kind("added")

    @property
    def removed(self) -> tuple[LimitChange, ...]:
        return self.of_kind("removed")

    @property
    def changed(self) -> tuple[LimitChange, ...]:
        return self.of_kind("changed")

    @property
    def is_empty(self) -> bool:
        return all(c.change == "unchanged" and not c.moves for c in self.changes)

    def moves(self) -> list[tuple[str, KeyMove]]:
        return [(c.limit_id, m) for c in self.changes for m in c.moves]

    def to_json(self) -> dict:
        def side(s: LimitSide | None):
            if s is None:
                return None
            return {"definition": {k: (str(v) if isinstance(v, Decimal) else v) for k, v in s.definition.items()},
                    "warning": None if s.warning is None else str(s.warning),
                    "limit": None if s.limit is None else str(s.limit),
                    "basis_amount": None if s.basis_fen is None else s.basis_fen / 100.0,
                    "warning_threshold": None if s.warning_threshold_fen is None else s.warning_threshold_fen / 100.0,
                    "breach_threshold": None if s.breach_threshold_fen is None else s.breach_threshold_fen / 100.0,
                    "key": s.key, "exposure": s.exposure_fen / 100.0, "ratio": s.ratio, "status": s.status,
                    "warnings": s.n_warning, "breaches": s.n_breach}

        return {"limits": [{"limit_id": c.limit_id, "change": c.change, "fields": list(c.fields),
                            "old": side(c.old), "new": side(c.new),
                            "moves": [{"key": m.key, "old_status": m.old_status, "new_status": m.new_status,
                                       "old_exposure": None if m.old_exposure_fen is None else m.old_exposure_fen / 100.0,
                                       "new_exposure": None if m.new_exposure_fen is None else m.new_exposure_fen / 100.0,
                                       "old_ratio": m.old_ratio, "new_ratio": m.new_ratio} for m in c.moves]}
                           for c in self.changes],
                "allocation_issues": {"old": list(self.old_allocation_issues),
                                      "new": list(self.new_allocation_issues)}}


def _definition(row: Mapping[str, Any]) -> dict:
    return {c: norm_value(c, row.get(c)) for c in DEFINITION}


def _side(row: Mapping[str, Any], res: Mapping[str, Any] | None) -> LimitSide:
    d = _definition(row)
    if res is None:
        return LimitSide(d, d["warning"], d["limit"], None, None, None, None, 0, None, NO_BASIS, 0, 0)
    w, li, b = res["warning"], res["limit"], res["basis_fen"]
    wt = bt = None
    if w is not None and li is not None and b is not None:
        wt, bt = _limits.thresholds(w, li, int(b))
    ratio = res["ratio"]
    return LimitSide(d, w, li, None if b is None else int(b), wt, bt, res["key"], int(res["exposure_fen"]),
                     None if ratio is None else float(ratio), res["status"], int(res["n_warning"] or 0),
                     int(res["n_breach"] or 0))


def _flag_map(flagged: pd.DataFrame) -> dict[str, dict]:
    out: dict[str, dict] = {}
    if len(flagged):
        for lid, key, e, r, s in zip(flagged["limit_id"].tolist(), flagged["key"].tolist(),
                                     flagged["exposure_fen"].tolist(), flagged["ratio"].tolist(),
                                     flagged["status"].tolist()):
            out.setdefault(lid, {})[key] = (int(e), float(r), s)
    return out


def _key_exposure(agg: Aggregates | None, side: LimitSide, key) -> tuple[int | None, float | None]:
    """Countable exposure and ratio of one key under a limit definition (for keys not flagged: ok)."""
    if agg is None or key is None:
        return None, None
    d = side.definition
    blk = agg.block(str(d["scope"]), str(d["dimension"]))
    if blk is None:
        e = 0
    elif key == ALL_KEYS:
        e = int(agg._countable[blk.start:blk.stop].sum())
    else:
        p = agg.key_position(blk, key)
        e = 0 if p is None else int(agg._countable[p])
    return e, (e / side.basis_fen if side.basis_fen else None)


def _moves(old: LimitSide | None, new: LimitSide | None, old_flags: dict, new_flags: dict,
           old_agg: Aggregates | None, new_agg: Aggregates | None) -> tuple[KeyMove, ...]:
    keys = list(dict.fromkeys(list(old_flags) + list(new_flags)))
    out = []
    for k in keys:
        if old is None:
            os_, oe, orat = ABSENT, None, None
        elif k in old_flags:
            oe, orat, os_ = old_flags[k]
        else:
            os_ = OK if old.status != NO_BASIS else NO_BASIS
            oe, orat = _key_exposure(old_agg, old, k)
        if new is None:
            ns, ne, nrat = ABSENT, None, None
        elif k in new_flags:
            ne, nrat, ns = new_flags[k]
        else:
            ns = OK if new.status != NO_BASIS else NO_BASIS
            ne, nrat = _key_exposure(new_agg, new, k)
        if os_ != ns:
            out.append(KeyMove(k, os_, ns, oe, ne, orat, nrat))
    rank = {BREACH: 0, WARNING: 1, OK: 2, NO_BASIS: 3, ABSENT: 4}
    out.sort(key=lambda m: (min(rank[m.old_status], rank[m.new_status]),
                            -(max(m.old_ratio or 0, m.new_ratio or 0)), str(m.key)))
    return tuple(out)


def evaluation_sides(limits: pd.DataFrame, ev: _limits.LimitEvaluation,
                     only: set[str] | None = None) -> tuple[dict[str, LimitSide], dict[str, dict]]:
    """({limit_id: LimitSide}, {limit_id: {key: (exposure_fen, ratio, status)}} of flagged keys), for all
    limits or `only` those ids."""
    rows = limits if only is None else limits[limits["limit_id"].isin(only)]
    res_frame = ev.results if only is None else ev.results[ev.results["limit_id"].isin(only)]
    res = {str(r["limit_id"]): r for r in res_frame.to_dict("records")}
    sides = {str(r["limit_id"]): _side(r, res.get(str(r["limit_id"]))) for r in rows.to_dict("records")}
    fl = ev.flagged if only is None else ev.flagged[ev.flagged["limit_id"].isin(only)]
    return sides, _flag_map(fl)


def combine_sides(old_order: list[str], old_sides: dict, old_flags: dict, new_order: list[str], new_sides: dict,
                  new_flags: dict, agg: Aggregates | None, new_agg: Aggregates | None,
                  old_alloc: tuple[str, ...] = (), new_alloc: tuple[str, ...] = ()) -> LimitSetDiff:
    """The diff from precomputed sides (a side object shared by both, with the same flags object, is
    unchanged without looking further: what keeps a sandbox diff fast)."""
    changes = []
    old_set, new_set = set(old_order), set(new_order)
    empty: dict = {}
    for lid in list(new_order) + [i for i in old_order if i not in new_set]:
        o = old_sides.get(lid) if lid in old_set else None
        n = new_sides.get(lid) if lid in new_set else None
        of, nf = old_flags.get(lid, empty), new_flags.get(lid, empty)
        if o is not None and o is n and of is nf:
            changes.append(LimitChange(lid, "unchanged", (), o, n, ()))
            continue
        fields: tuple[str, ...] = ()
        if o is None:
            kind = "added"
        elif n is None:
            kind = "removed"
        else:
            fields = tuple(c for c in DEFINITION if not same_value(c, o.definition[c], n.definition[c]))
            kind = "changed" if fields else "unchanged"
        changes.append(LimitChange(lid, kind, fields, o, n, _moves(o, n, of, nf, agg, new_agg)))
    return LimitSetDiff(tuple(changes), tuple(old_alloc), tuple(new_alloc))


def _alloc_ids(ev: _limits.LimitEvaluation) -> tuple[str, ...]:
    return tuple(ev.allocation_issues["limit_id"].astype(str).tolist())


def diff_evaluations(old_limits: pd.DataFrame, old_eval: _limits.LimitEvaluation, new_limits: pd.DataFrame,
                     new_eval: _limits.LimitEvaluation, agg: Aggregates | None = None,
                     new_agg: Aggregates | None = None) -> LimitSetDiff:
    """Per limit (new set's order, then removed ones): definitions, thresholds, statuses and the keys that
    move between ok / warning / breach. `agg` (and `new_agg` if the sides used other aggregates) fills in
    the exposure of keys that are ok on one side."""
    new_agg = new_agg if new_agg is not None else agg
    os_, of = evaluation_sides(old_limits, old_eval)
    ns, nf = evaluation_sides(new_limits, new_eval)
    return combine_sides([str(i) for i in old_limits["limit_id"]], os_, of,
                         [str(i) for i in new_limits["limit_id"]], ns, nf, agg, new_agg,
                         _alloc_ids(old_eval), _alloc_ids(new_eval))


def definitions_diff(old_limits: pd.DataFrame, new_limits: pd.DataFrame) -> LimitSetDiff:
    """A diff of definitions only (no aggregates to evaluate on): statuses are NO_BASIS, no moves."""
    empty = _limits.LimitEvaluation(
        results=pd.DataFrame(columns=list(_limits.RESULT_COLUMNS)),
        flagged=pd.DataFrame(columns=list(_limits.FLAGGED_COLUMNS)),
        allocation_issues=pd.DataFrame(columns=["limit_id", "allocated_fen", "available_fen", "children"]))
    return diff_evaluations(old_limits, empty, new_limits, empty)


# ==================================================================================================
# the sandbox


def _splice(old: _limits.LimitEvaluation, limits: pd.DataFrame, partial: _limits.LimitEvaluation,
            changed: set[str], removed: set[str], agg: Aggregates) -> _limits.LimitEvaluation:
    """The full evaluation of `limits` from the previous one and a partial evaluation of the changed ids."""
    keep = ~old.results["limit_id"].isin(changed | removed)
    res = pd.concat([old.results[keep], partial.results], ignore_index=True)
    order = pd.Index(res["limit_id"]).get_indexer(limits["limit_id"])
    res = res.iloc[order].reset_index(drop=True)
    res["exposure_fen"] = res["exposure_fen"].astype(np.int64)
    fkeep = ~old.flagged["limit_id"].isin(changed | removed)
    fl = pd.concat([old.flagged[fkeep], partial.flagged], ignore_index=True) if len(partial.flagged) else \
        old.flagged[fkeep].reset_index(drop=True)
    if len(fl):
        rank = pd.Series(np.arange(len(limits)), index=limits["limit_id"].to_numpy())
        fl = fl.assign(_r=rank.reindex(fl["limit_id"].to_numpy()).to_numpy()).sort_values(
            "_r", kind="stable").drop(columns="_r").reset_index(drop=True)
    fl["exposure_fen"] = fl["exposure_fen"].astype(np.int64)
    used = {str(r["limit_id"]): (r["limit"], None if r["basis_fen"] is None or pd.isna(r["basis_fen"])
                                 else int(r["basis_fen"]))
            for r in res[["limit_id", "limit", "basis_fen"]].to_dict("records")}
    return _limits.LimitEvaluation(results=res, flagged=fl, allocation_issues=_limits.allocation_issues(limits, used))


class Sandbox:
    """A working copy of a limit set on one snapshot's aggregates.

    `base_limits`/`base_evaluation`: the set it started from (e.g. the approved version) and its evaluation;
    `limits`/`evaluation`: the working copy now. `apply(edit)` returns the inverse edit (for undo: apply it)."""

    def __init__(self, agg: Aggregates, limits: pd.DataFrame, base_ref: dict | None = None,
                 scopes: tuple[str, ...] | None = None, incremental: bool = True):
        self.agg = agg
        self.base_ref = dict(base_ref or {})
        self.scopes = tuple(scopes) if scopes is not None else tuple(agg.scopes)
        self.base_limits = limits.copy().reset_index(drop=True)
        self.base_evaluation = _limits.evaluate_limits(agg, self.base_limits)
        self.limits = self.base_limits.copy()
        self.evaluation = self.base_evaluation
        self.incremental = incremental
        self.history: list[dict] = []
        self._base_sides = evaluation_sides(self.base_limits, self.base_evaluation)
        self._sides = self._base_sides

    def preview(self, edit: Edit) -> EditOutcome:
        """Validate and apply to a copy, without changing the sandbox (raises InputError if invalid)."""
        return apply_edit(self.limits, edit, self.scopes)

    def apply(self, edit: Edit) -> Edit:
        out = apply_edit(self.limits, edit, self.scopes)
        if self.incremental:
            ids = set(out.changed) & set(out.limits["limit_id"].astype(str))
            sub = out.limits[out.limits["limit_id"].isin(ids)]
            partial = _limits.evaluate_limits(self.agg, sub)
            self.evaluation = _splice(self.evaluation, out.limits, partial, set(out.changed),
                                      set(out.removed), self.agg)
            sides, flags = dict(self._sides[0]), dict(self._sides[1])
            for lid in set(out.changed) | set(out.removed):
                sides.pop(lid, None)
                flags.pop(lid, None)
            new_sides, new_flags = evaluation_sides(sub, partial)
            sides.update(new_sides)
            flags.update(new_flags)
            self._sides = (sides, flags)
        else:
            self.evaluation = _limits.evaluate_limits(self.agg, out.limits)
            self._sides = evaluation_sides(out.limits, self.evaluation)
        self.limits = out.limits
        self.history.append(edit.describe())
        return out.inverse

    def reset(self) -> None:
        self.limits = self.base_limits.copy()
        self.evaluation = self.base_evaluation
        self._sides = self._base_sides

    @property
    def modified(self) -> bool:
        return not limits_equal(self.base_limits, self.limits)

    def diff(self) -> LimitSetDiff:
        (bs, bf), (ns, nf) = self._base_sides, self._sides
        return combine_sides([str(i) for i in self.base_limits["limit_id"]], bs, bf,
                             [str(i) for i in self.limits["limit_id"]], ns, nf, self.agg, self.agg,
                             _alloc_ids(self.base_evaluation), _alloc_ids(self.evaluation))


def canonical_rows(limits: pd.DataFrame) -> list[tuple]:
    """Rows as comparable tuples (normalised values), in limit_id order."""
    rows = [tuple(norm_value(c, r.get(c)) for c in LIMIT_COLUMNS) for r in limits.to_dict("records")]
    return sorted(rows, key=lambda t: str(t[0]))


def limits_equal(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """Same limits as definitions (row order and 0.08 vs 0.080 do not matter)."""
    return canonical_rows(a) == canonical_rows(b)
