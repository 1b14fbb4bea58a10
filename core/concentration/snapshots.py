"""A data folder as a dated snapshot: the dry run (validate, evaluate once), the aggregates kept with it,
and a stored snapshot opened again from its stored evaluation, which records (`LABELS`) what names the
keys it shows, so that opening reads neither the holdings nor the counterparties back.

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
    # (imported here: a report reads the recorded labels of this module without reading any file)
    from core.concentration.importer import load_group_data

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
    return {"sums": sums, "bases": kept_bases(result)}


def kept_bases(result: ConcentrationResult) -> pd.DataFrame:
    """The "bases" frame of kept_aggregates alone (the store encodes the sums from their codes)."""
    bases = result.aggregates.bases.reset_index()
    bases["solvency_ratio"] = bases["solvency_ratio"].map(lambda v: None if v is None or pd.isna(v) else str(v))
    return bases


def kept_codes(result: ConcentrationResult) -> dict[str, dict[str, Any]]:
    """What gives the kept sums' `key` column as (codes, vocabulary) (None when the aggregates came as a
    frame), for the store to encode it without hashing millions of key texts again: a function, called only
    when that column is encoded, so that its million codes are not held through the rest of the store step."""
    key_codes = getattr(result.aggregates, "key_codes", None)
    return {"sums": {"key": key_codes}} if key_codes is not None else {}


def store_snapshot(store: "Store", preview: ImportPreview, user: str | None,
                   source: str | None = None, release_rows: bool = False) -> ImportOutcome:
    """Re-export of core.services.imports.store_snapshot (one transaction: snapshot, evaluation, cases)."""
    from core.services import imports

    return imports.store_snapshot(store, preview, user, source, release_rows)


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
    the members, the evaluation as stored (its result JSON turned back into the frames
    `evaluate_limits` gives) and its indices. `limits`: the limits that evaluation was made under."""

    snapshot_id: int
    evaluation_id: int
    group: Any                      # core.concentration.model.GroupInfo
    members: pd.DataFrame
    # the counterparty links (id, parent, label, exempt) when they had to be read (an evaluation recorded
    # without its labels), else None: nothing the first view shows needs the 200,000 of a large snapshot
    counterparties: pd.DataFrame | None
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
    n_counterparties: int | None = None


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


# --------------------------------------------------------------------------------------------------
# What names the keys an evaluation shows, recorded with it

LABELS = "labels"       # the result JSON's entry: {"issuers", "heads", "names"} of the keys it shows
# the labels' entry saying by which rule their issuers were taken: ONE_COUNTERPARTY, the rule of
# `holding_issuers` (core.store.snapshots.sole_issuers). Labels recorded without it (before the rule was one)
# took the last holding in file order, which may name an instrument held against several counterparties:
# their issuers are not shown as recorded but taken again from the holdings (`ruled_labels`).
ISSUER_RULE = "issuer_rule"
ONE_COUNTERPARTY = "one_counterparty"
# dimensions whose keys are counterparty ids, named by the counterparty's name
NAMED_BY_ID = ("counterparty", "counterparty_group", "related_party", "customer", "reinsurer")


def shown_keys(doc: dict[str, Any]) -> dict[str, set]:
    """{dimension: keys} an evaluation's result JSON shows: every limit's reported key and its flagged keys
    (never "*"): the keys the limit dashboard names, a handful whatever the size of the snapshot."""
    shown: dict[str, set] = {}
    for lim in doc.get("limits", []):
        dim = str(lim.get("dimension"))
        for key in [lim.get("key"), *(f.get("key") for f in lim.get("flagged", []))]:
            if isinstance(key, str) and key != "*":
                shown.setdefault(dim, set()).add(key)
    return shown


def load_complete(store: Store, snapshot_id: int) -> GroupData:
    """A stored snapshot read whole, to be evaluated again (the complete view): `store.load_snapshot`, with the
    parent row of each exposure, as the store keeps it and reads it with the rows, remembered for the engine's
    look-through (which would otherwise look a million ids up to find them: ~0.5 s at 1M). The same data
    either way; the engine still checks every parent it is given."""
    from core.concentration.keys import remember_positions  # noqa: PLC0415 - (this path only)

    data, positions = store.load_snapshot_and_parent_rows(snapshot_id)
    exp = data.exposures
    if positions is not None and exp is not None and len(positions) == len(exp):
        remember_positions("parent_pos", positions, ((exp, ("exposure_id", "parent_exposure_id")),))
    return data


def holding_issuers(exposures: pd.DataFrame | None, instruments=None) -> dict[str, str]:
    """{instrument_id: counterparty_id} of an exposures frame's single assets named by an issuer: among the
    holdings (no look-through parent, naming a counterparty) of the `instruments` given (None: all), those
    held against one and the same counterparty (core.store.snapshots.sole_issuers, the one rule of screen
    and paper; an instrument held against several names none). Ids as text."""
    from core.store.snapshots import sole_issuers_of  # the rule's one home; the store is not loaded for it

    if exposures is None or not len(exposures):
        return {}
    exp = exposures[["instrument_id", "counterparty_id", "parent_exposure_id"]]    # (not every column copied)
    if instruments is not None:      # the few rows of those instruments first: one pass over the million
        exp = exp[exp["instrument_id"].isin(list(instruments))]
    parent = exp["parent_exposure_id"].to_numpy(dtype=object)
    held = (pd.isna(parent) | (parent == "")) & exp["counterparty_id"].notna().to_numpy() \
        & exp["instrument_id"].notna().to_numpy()
    return sole_issuers_of(exp["instrument_id"][held], exp["counterparty_id"][held])


def _labels(shown: dict[str, set], issuers_of, heads_of, names_of) -> dict[str, Any]:
    """{"issuers": {instrument: issuer id}, "heads": {group key: [head id, size]}, "names": {counterparty
    id: name}, ISSUER_RULE: ONE_COUNTERPARTY} of the keys `shown`: the single assets' issuers (those held
    against one counterparty: `holding_issuers`), the heads of the counterparty groups headed by another
    company (core.concentration.groups.group_heads) and the names of the counterparties those keys, issuers
    and heads are. The three look-ups are the caller's (the data at hand, or the store)."""
    single = shown.get("single_asset", set())
    issuers = issuers_of(sorted(single)) if single else {}
    groups = shown.get("counterparty_group", set())
    heads = {k: (str(h), int(n)) for k, (h, n) in heads_of(groups).items() if k in groups} if groups else {}
    named = set(issuers.values()) | {head for head, _ in heads.values()}
    for dim in NAMED_BY_ID:
        named |= shown.get(dim, set())
    names = names_of(named) if named else {}
    return {"issuers": dict(sorted(issuers.items())), "heads": {k: list(v) for k, v in sorted(heads.items())},
            "names": dict(sorted(names.items())), ISSUER_RULE: ONE_COUNTERPARTY}


def labels_from_data(doc: dict[str, Any], data: GroupData, aggregates: Any = None) -> dict[str, Any]:
    """`_labels` of the keys the result JSON shows, from the data being stored (an import): what
    `open_stored` would otherwise read back from the stored snapshot, the same values. `aggregates`: the
    evaluation's (core.concentration.aggregate.Aggregates), whose counterparty table gives each
    counterparty's group key: the groups' heads are then worked out on the counterparties of the groups
    shown only (a connected group holds every counterparty its links reach, so its head is the same), not
    on 200,000 (0.12 s of a million-exposure import)."""
    from core.concentration.groups import group_heads

    def issuers_of(instruments: list[str]) -> dict[str, str]:
        # as the store's exposure_issuers reads them back: the one rule
        return holding_issuers(data.exposures, instruments)

    def heads_of(groups) -> dict[str, tuple[str, int]]:
        cps = data.counterparties
        if cps is None or not len(cps):
            return {}
        table = getattr(aggregates, "counterparties", None)
        if table is not None and "group_key" in table.columns:
            members = table.loc[table["group_key"].isin(sorted(groups)), "counterparty_id"]
            cps = cps[cps["counterparty_id"].isin(members.tolist())]
        return group_heads(cps)

    def names_of(ids: set) -> dict[str, str]:
        cps = data.counterparties
        if cps is None or not len(cps):
            return {}
        part = cps.loc[cps["counterparty_id"].astype(str).isin(sorted(ids)), ["counterparty_id", "name"]]
        return {str(i): ("" if n is None or (isinstance(n, float) and n != n) else str(n))
                for i, n in zip(part["counterparty_id"].tolist(), part["name"].tolist())}

    return _labels(shown_keys(doc), issuers_of, heads_of, names_of)


def labels_from_store(store: "Store", snapshot_id: int, doc: dict[str, Any],
                      links: pd.DataFrame | None = None) -> dict[str, Any]:
    """`_labels` of the keys the result JSON shows, read from the stored snapshot (its holdings for the
    issuers, its counterparty links for the groups' heads, the names asked): for an evaluation recorded
    without them, and for a re-evaluation on the kept aggregates. `links`: the counterparty links when
    already read."""
    from core.concentration.groups import group_heads

    def heads_of(_groups) -> dict[str, tuple[str, int]]:
        return group_heads(links if links is not None else store.counterparty_links(snapshot_id))

    return _labels(shown_keys(doc), lambda keys: store.exposure_issuers(snapshot_id, keys), heads_of,
                   lambda ids: store.counterparty_names(snapshot_id, ids))


def labels_for_reevaluation(store: "Store", snapshot_id: int, doc: dict[str, Any]) -> dict[str, Any]:
    """`_labels` of the keys a re-evaluation of a stored snapshot (on its kept aggregates, after an approval)
    shows: taken from the snapshot's newest evaluation recording them when it showed every one of those keys
    (its issuers, heads and names then cover them all: no read), else read from the snapshot
    (`labels_from_store`)."""
    shown = shown_keys(doc)
    earlier = next((e for e in store.evaluations_for(snapshot_id)                  # newest first
                    if _recorded_labels(e.result or {}, ruled=True) is not None), None)
    if earlier is None:
        return labels_from_store(store, snapshot_id, doc)
    covered = shown_keys(earlier.result)
    if not all(keys <= covered.get(dim, set()) for dim, keys in shown.items()):
        return labels_from_store(store, snapshot_id, doc)
    known = earlier.result[LABELS]
    issuers, names = known["issuers"], known["names"]
    heads = {k: tuple(v) for k, v in known["heads"].items()}
    return _labels(shown, lambda keys: {k: issuers[k] for k in keys if k in issuers},
                   lambda _groups: heads, lambda ids: {i: names[i] for i in ids if i in names})


def with_labels(doc: dict[str, Any], labels: dict[str, Any]) -> dict[str, Any]:
    """The result JSON to store: `doc` with the labels of the keys it shows (`LABELS`)."""
    return {**doc, LABELS: labels}


def _recorded_labels(doc: dict[str, Any], ruled: bool = False) -> dict[str, Any] | None:
    """The labels recorded with an evaluation (`with_labels`), None for one recorded before they were.
    `ruled`: only labels whose issuers were taken by the rule of today (ISSUER_RULE), else None."""
    labels = doc.get(LABELS)
    if not isinstance(labels, dict) or not all(k in labels for k in ("issuers", "heads", "names")):
        return None
    if ruled and labels.get(ISSUER_RULE) != ONE_COUNTERPARTY:
        return None
    return labels


def ruled_labels(store: "Store", snapshot_id: int, doc: dict[str, Any]) -> dict[str, Any] | None:
    """The labels recorded with an evaluation's result JSON `doc`, their issuers by the rule of today: as
    recorded when they say so (ISSUER_RULE), else (recorded by the last holding in file order, which may name
    an instrument held against several counterparties) the recorded issuers of the single assets shown
    taken again from the snapshot's holdings (`Store.exposure_issuers`, by instrument: a few keys, not
    the counterparties). The record itself stays as it is (the chain protects it). None when `doc` records
    no labels."""
    labels = _recorded_labels(doc)
    if labels is None or labels.get(ISSUER_RULE) == ONE_COUNTERPARTY:
        return labels
    single = sorted(shown_keys(doc).get("single_asset", set()))
    issuers = store.exposure_issuers(snapshot_id, single) if single else {}
    # the rule names a subset of what the last holding named (an instrument held against one counterparty
    # names it under both): the recorded names cover these issuers
    return {**labels, "issuers": dict(sorted(issuers.items())), ISSUER_RULE: ONE_COUNTERPARTY}


def open_stored(store: "Store", snapshot_id: int, evaluation: Any, limits: pd.DataFrame | None = None
                ) -> StoredOpening:
    """A stored snapshot as its governing `evaluation` (a core.store EvaluationRecord, chosen by the caller:
    core.services.evaluations.governing_evaluation) recorded it. Reads the snapshot's header, members and
    limits and takes the names of the keys it shows (the single assets' issuers, the groups' heads, the
    counterparties' names) from the evaluation's record (`LABELS`): never the exposure frame, nor the
    counterparties. An evaluation recorded before it carried them has them read from the snapshot (its
    counterparty links, which `counterparties` then holds, the holdings of the single assets shown and the
    names asked), as before; one whose labels took the last holding's issuer has its single assets' issuers
    taken again by the rule (`ruled_labels`). `limits`: the limits that evaluation used when not the
    snapshot's own (an approved version's rows)."""
    info = store.get_snapshot_info(snapshot_id)
    group, parts = store.load_snapshot_parts(snapshot_id, ("members", "limits"))
    doc = evaluation.result or {}
    used = limits if limits is not None else parts["limits"]
    ev = evaluation_from_json(doc, used)
    labels = ruled_labels(store, snapshot_id, doc)
    cps = None
    if labels is None:
        # recorded before the labels were: of the counterparties, what group_heads needs to name a group; the
        # names only of those shown (reading and indexing 200,000 names was most of a large snapshot's opening)
        cps = store.counterparty_links(snapshot_id)
        labels = labels_from_store(store, snapshot_id, doc, cps)
    members = tuple(str(m) for m in doc.get("members", []))
    if not members and parts["members"] is not None:
        members = tuple(parts["members"]["member_id"].astype(str))
    return StoredOpening(snapshot_id=snapshot_id, evaluation_id=evaluation.id, group=group,
                         members=parts["members"], counterparties=cps, limits=used,
                         evaluation=ev, indices=indices_from_json(doc), scopes=("group",) + members,
                         has_business=bool(info.has_business), n_exposures=int(info.n_exposures),
                         n_counterparties=int(info.n_counterparties),
                         issuers={str(k): str(v) for k, v in labels["issuers"].items()},
                         names={str(k): str(v) for k, v in labels["names"].items()},
                         heads={str(k): (str(v[0]), int(v[1])) for k, v in labels["heads"].items()})
