"""A data folder as a dated snapshot: the dry run (validate, evaluate once), the aggregates kept with it,
and a stored snapshot opened again from its stored evaluation.

Storing is a use case over the store and what-if governance: core.services.imports (`store_snapshot`,
`import_snapshot`, `same_date_snapshots`), the one path by which group data enters the history. The
functions of that name here are thin re-exports for the callers that still import them from this module;
the import-linter layers contract allows exactly that one upward import (pyproject.toml).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa

from core.concentration.engine import ConcentrationResult, evaluate
from core.concentration.importer import load_group_data
from core.concentration.model import GroupData
from core.problems import InputProblem

if TYPE_CHECKING:  # the store is only called, never imported for its side effects
    from core.store import Store



@dataclass
class ImportPreview:
    """What a dry run shows before anything is stored."""

    data: GroupData | None
    problems: list[InputProblem]
    result: ConcentrationResult | None = None

    @property
    def ok(self) -> bool:
        return self.data is not None and not any(p.is_error for p in self.problems)

    @property
    def warnings(self) -> list[InputProblem]:
        return [p for p in self.problems if not p.is_error]


@dataclass
class ImportOutcome:
    snapshot_id: int
    evaluation_id: int
    result_json: dict
    opened_cases: tuple[int, ...]
    observed_cases: tuple[int, ...]
    warnings: list[InputProblem] = field(default_factory=list)
    proposal_id: int | None = None   # the data's limits, proposed because they differ from the approved set


def preview_import(path: str | Path, header_rows: dict[str, int] | None = None) -> ImportPreview:
    """Read, validate and evaluate without storing anything (the import screen's dry run). `header_rows`:
    {file or sheet: row} where the officer says a header is (core.concentration.importer.load_group_data)."""
    loaded = load_group_data(path, header_rows)
    if not loaded.ok or loaded.data is None:   # (ok means there are data: said again for the type checker)
        return ImportPreview(None, list(loaded.problems))
    return ImportPreview(loaded.data, list(loaded.problems), evaluate(loaded.data))


def _as_text(s: pd.Series) -> pd.Series:
    """`s.astype(str)`; a categorical one made by Arrow from its codes and categories (the same str column, a
    twentieth of the time for the millions of kept sums)."""
    if not isinstance(s.dtype, pd.CategoricalDtype):
        return s.astype(str)
    codes = s.cat.codes.to_numpy()
    words = pa.array(s.cat.categories.astype(str).to_numpy(dtype=object), type=pa.large_string())
    text = pa.DictionaryArray.from_arrays(pa.array(codes, mask=codes < 0), words).cast(pa.large_string())
    return pd.Series(pd.arrays.ArrowStringArray(text, dtype=pd.StringDtype("pyarrow", na_value=np.nan)),
                     index=s.index, name=s.name)


def kept_aggregates(result: ConcentrationResult) -> dict[str, pd.DataFrame]:
    """The frames a later re-evaluation needs: per (dimension, scope, key) sums and the scopes' bases."""
    agg = result.aggregates
    # a new frame over the same columns (copy-on-write), not a deep copy of millions of rows
    sums = agg.sums.assign(**{col: _as_text(agg.sums[col]) for col in ("dimension", "scope")})
    bases = agg.bases.reset_index()
    bases["solvency_ratio"] = bases["solvency_ratio"].map(lambda v: None if v is None or pd.isna(v) else str(v))
    return {"sums": sums, "bases": bases}


def store_snapshot(store: "Store", preview: ImportPreview, user: str | None,
                   source: str | None = None) -> ImportOutcome:
    """Re-export of core.services.imports.store_snapshot (one transaction: snapshot, evaluation, cases)."""
    from core.services import imports

    return imports.store_snapshot(store, preview, user, source)


def import_snapshot(store: "Store", path: str | Path, user: str | None) -> ImportOutcome | ImportPreview:
    """Re-export of core.services.imports.import_snapshot (preview and, when error-free, store)."""
    from core.services import imports

    return imports.import_snapshot(store, path, user)


@dataclass(frozen=True)
class SameSnapshot:
    """A stored (not withdrawn) snapshot with the as-of date of data about to be imported; `same_data`
    when it was imported from the very same content (same SHA-256 of the files read)."""

    info: Any                   # core.store.records.SnapshotInfo
    same_data: bool


def same_date_snapshots(store: "Store", data: GroupData) -> list[SameSnapshot]:
    """Re-export of core.services.imports.same_date_snapshots (stored snapshots of the data's as_of)."""
    from core.services import imports

    return imports.same_date_snapshots(store, data)


def summary_counts(result_json: dict[str, Any]) -> dict[str, int]:
    counts = {"ok": 0, "warning": 0, "breach": 0}
    for lim in result_json.get("limits", []):
        counts[lim["status"]] = counts.get(lim["status"], 0) + 1
    return counts


# --------------------------------------------------------------------------------------------------
# Opening a stored snapshot from its stored evaluation (no exposure row read)

@dataclass
class StoredOpening:
    """What a screen shows of a stored snapshot before, or without, its exposure rows: the group's figures,
    the members and counterparties, the evaluation as stored (its result JSON turned back into the frames
    `evaluate_limits` gives) and its indices. `limits`: the limits that evaluation was made under."""

    snapshot_id: int
    evaluation_id: int
    group: Any                      # core.concentration.model.GroupInfo
    members: pd.DataFrame
    counterparties: pd.DataFrame
    limits: pd.DataFrame | None
    evaluation: Any                 # core.concentration.limits.LimitEvaluation
    indices: pd.DataFrame
    scopes: tuple[str, ...]
    has_business: bool
    n_exposures: int
    issuers: dict[str, str]         # instrument_id -> counterparty_id, of the single-asset keys it shows
    # counterparty_id -> name of the keys it shows, of those single assets' issuers and of the groups' heads
    names: dict[str, str] = field(default_factory=dict)
    # {group key: (head id, size)} (core.concentration.groups.group_heads) of the counterparty groups it shows
    heads: dict[str, tuple[str, int]] = field(default_factory=dict)


def _fen(yuan) -> int | None:
    """Fen back from a result JSON's yuan (fen / 100.0, exact to the fen below 2**52 fen)."""
    return None if yuan is None else int(round(float(yuan) * 100))


def _decimal_of(value) -> Decimal | None:
    return None if value is None else Decimal(repr(float(value)))


def evaluation_from_json(doc: dict[str, Any], limits: pd.DataFrame | None = None):
    """The LimitEvaluation a stored result JSON (`result_to_json`) records: one row per limit, its flagged
    keys, the allocation issues. Amounts come back exactly in fen; warning and limit are taken from `limits`
    (the limits evaluated, exact Decimals) when a limit has them there, else from the JSON. `key_spec` (each
    key / "*" / one key) comes from `limits`; without them a limit whose reported key is "*" is taken as
    "*", and a limit with flagged keys other than its reported key as each-key."""
    from core.concentration.engine import LimitEvaluation
    from core.concentration.limits import FLAGGED_COLUMNS, RESULT_COLUMNS

    spec: dict[str, Any] = {}
    exact: dict[str, tuple[Any, Any]] = {}
    if limits is not None and len(limits):
        for r in limits.to_dict("records"):
            key = r.get("key")
            spec[str(r["limit_id"])] = None if key is None or (isinstance(key, float) and key != key) else key
            exact[str(r["limit_id"])] = (r.get("warning"), r.get("limit"))
    rows, flagged = [], []
    for lim in doc.get("limits", []):
        lid = lim["limit_id"]
        warning, limit = exact.get(lid, (None, None))
        warning = warning if isinstance(warning, Decimal) and not lim.get("rule") else _decimal_of(lim.get("warning"))
        limit = limit if isinstance(limit, Decimal) and not lim.get("rule") else _decimal_of(lim.get("limit"))
        if lid in spec:
            key_spec = spec[lid]
        elif lim.get("key") == "*":
            key_spec = "*"
        else:
            key_spec = None if any(f["key"] != lim.get("key") for f in lim.get("flagged", [])) else lim.get("key")
        rows.append({"limit_id": lid, "name": lim.get("name"), "dimension": lim.get("dimension"),
                     "scope": lim.get("scope"), "key_spec": key_spec, "key": lim.get("key"),
                     "exposure_fen": _fen(lim.get("exposure")) or 0, "basis": lim.get("basis"),
                     "basis_fen": _fen(lim.get("basis_amount")), "ratio": lim.get("ratio"), "warning": warning,
                     "limit": limit, "status": lim.get("status"), "rule": lim.get("rule"),
                     "utilisation": lim.get("utilisation"), "n_keys": None,
                     "n_warning": lim.get("warnings", 0), "n_breach": lim.get("breaches", 0),
                     "problem": lim.get("problem")})
        for f in lim.get("flagged", []):
            flagged.append((lid, f["key"], _fen(f["exposure"]) or 0,
                            float("nan") if f.get("ratio") is None else float(f["ratio"]), f["status"]))
    results = pd.DataFrame({c: pd.Series([r[c] for r in rows], dtype=object) for c in RESULT_COLUMNS})
    results["exposure_fen"] = results["exposure_fen"].astype(np.int64)
    cols = list(zip(*flagged)) if flagged else [()] * len(FLAGGED_COLUMNS)
    flagged_frame = pd.DataFrame({c: pd.Series(list(v), dtype=t) for c, v, t in
                                  zip(FLAGGED_COLUMNS, cols, (object, object, np.int64, float, object))})
    issues = pd.DataFrame(
        [{"limit_id": a["limit_id"], "allocated_fen": Decimal(repr(float(a["allocated"]))) * 100,
          "available_fen": Decimal(repr(float(a["available"]))) * 100, "children": tuple(a["children"])}
         for a in doc.get("allocation_issues", [])],
        columns=["limit_id", "allocated_fen", "available_fen", "children"])
    return LimitEvaluation(results=results, flagged=flagged_frame, allocation_issues=issues)


def indices_from_json(doc: dict[str, Any]) -> pd.DataFrame:
    """The indices frame (`compute_indices`) a stored result JSON records (None there is NaN here)."""
    rows = [{"dimension": dim, **{k: (np.nan if v is None else v) for k, v in vals.items()}}
            for dim, vals in (doc.get("indices") or {}).items()]
    return pd.DataFrame(rows)


def open_stored(store: "Store", snapshot_id: int, evaluation: Any, limits: pd.DataFrame | None = None
                ) -> StoredOpening:
    """A stored snapshot as its governing `evaluation` (a core.store EvaluationRecord, chosen by the caller:
    core.services.evaluations.governing_evaluation) recorded it. Reads the snapshot's header, members,
    counterparties (id, parent, label, exempt: what names a group) and limits and, for the keys the evaluation
    shows, their names, the single assets' issuers and the groups' heads: never the exposure frame. `limits`:
    the limits that evaluation used when not the snapshot's own (an approved version's rows)."""
    from core.concentration.groups import group_heads

    info = store.get_snapshot_info(snapshot_id)
    group, parts = store.load_snapshot_parts(snapshot_id, ("members", "limits"))
    # of the counterparties, what group_heads needs to name a group; the names only of those shown (reading
    # and indexing 200,000 names was most of a million-exposure snapshot's opening)
    cps = store.counterparty_links(snapshot_id)
    doc = evaluation.result or {}
    used = limits if limits is not None else parts["limits"]
    ev = evaluation_from_json(doc, used)
    dimension_of = dict(zip(ev.results["limit_id"].tolist(), ev.results["dimension"].tolist()))
    shown: dict[str, set] = {}                   # dimension -> the keys shown: the limits' and the flagged ones
    for lid, key in [*zip(ev.results["limit_id"].tolist(), ev.results["key"].tolist()),
                     *zip(ev.flagged["limit_id"].tolist(), ev.flagged["key"].tolist())]:
        if isinstance(key, str) and key != "*":
            shown.setdefault(str(dimension_of.get(lid)), set()).add(key)
    single = shown.get("single_asset", set())
    issuers = store.exposure_issuers(snapshot_id, sorted(single)) if single else {}
    groups = shown.get("counterparty_group", set())
    heads = {k: v for k, v in group_heads(cps).items() if k in groups} if groups else {}
    named = set(issuers.values()) | {head for head, _ in heads.values()}
    for dim in ("counterparty", "counterparty_group", "related_party", "customer", "reinsurer"):
        named |= shown.get(dim, set())
    names = store.counterparty_names(snapshot_id, named) if named else {}
    members = tuple(str(m) for m in doc.get("members", []))
    if not members and parts["members"] is not None:
        members = tuple(parts["members"]["member_id"].astype(str))
    return StoredOpening(snapshot_id=snapshot_id, evaluation_id=evaluation.id, group=group,
                         members=parts["members"], counterparties=cps, limits=used,
                         evaluation=ev, indices=indices_from_json(doc), scopes=("group",) + members,
                         has_business=bool(info.has_business), n_exposures=int(info.n_exposures),
                         issuers=issuers, names=names, heads=heads)
