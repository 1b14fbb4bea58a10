"""Storing a data folder as a dated snapshot: validate, evaluate once, keep the aggregates, open cases.

This is the one path by which group data enters the history (the `import` command and the GUI's import
screen both use it), so that every stored snapshot has its evaluation, its kept aggregates (re-evaluating
limits later never touches the exposure rows again) and its breach cases, written in one transaction:
after a crash the snapshot is either complete or absent.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from core.concentration.engine import ConcentrationResult, evaluate, result_to_json
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


def preview_import(path: str | Path) -> ImportPreview:
    """Read, validate and evaluate without storing anything (the import screen's dry run)."""
    loaded = load_group_data(path)
    if not loaded.ok:
        return ImportPreview(None, list(loaded.problems))
    return ImportPreview(loaded.data, list(loaded.problems), evaluate(loaded.data))


def kept_aggregates(result: ConcentrationResult) -> dict[str, pd.DataFrame]:
    """The frames a later re-evaluation needs: per (dimension, scope, key) sums and the scopes' bases."""
    agg = result.aggregates
    sums = agg.sums.copy()
    for col in ("dimension", "scope"):
        sums[col] = sums[col].astype(str)
    bases = agg.bases.reset_index()
    bases["solvency_ratio"] = bases["solvency_ratio"].map(lambda v: None if v is None or pd.isna(v) else str(v))
    return {"sums": sums, "bases": bases}


def store_snapshot(store: "Store", preview: ImportPreview, user: str | None,
                   source: str | None = None) -> ImportOutcome:
    """Store a previewed, error-free import: snapshot, its evaluation under the governing limits (the
    approved limit-set version in force on its as_of, else the data's own limits, marked not approved),
    the kept aggregates, the breach cases, and, when the data's limits.csv differs from the approved set,
    a proposal (guideline Art. 8-9: an imported file never approves limits by itself). One transaction."""
    from core.whatif.governance import evaluate_for_store, proposal_from_import

    if not preview.ok or preview.result is None:
        raise ValueError("store_snapshot needs an error-free preview")
    with store.transaction():
        result, result_json, ref = evaluate_for_store(store, preview.result, preview.data)
        snapshot_id = store.save_snapshot(preview.data, user, source=source, limits_origin="data")
        evaluation_id = store.save_evaluation(snapshot_id, ref, result_json, kept_aggregates(result), user)
        sweep = store.open_cases_from_evaluation(evaluation_id, None, user)
        proposal_id = proposal_from_import(store, preview.data, user) if user else None
    return ImportOutcome(snapshot_id, evaluation_id, result_json, sweep.opened, sweep.observed,
                         preview.warnings, proposal_id)


def import_snapshot(store: "Store", path: str | Path, user: str | None) -> ImportOutcome | ImportPreview:
    """Preview and, when error-free, store. Returns the preview (with its problems) when refused."""
    preview = preview_import(path)
    if not preview.ok:
        return preview
    return store_snapshot(store, preview, user, source=str(path))


@dataclass(frozen=True)
class SameSnapshot:
    """A stored (not withdrawn) snapshot with the as-of date of data about to be imported; `same_data`
    when it was imported from the very same content (same SHA-256 of the files read)."""

    info: Any                   # core.store.records.SnapshotInfo
    same_data: bool


def same_date_snapshots(store: "Store", data: GroupData) -> list[SameSnapshot]:
    """The snapshots in force whose as_of is the data's: importing again would store a second copy that
    the reports of the period then use silently. Only those few are loaded, to compare content hashes."""
    as_of = data.group.as_of
    digest = (data.meta or {}).get("content_sha256")
    out = []
    for info in store.list_snapshots():
        if info.as_of != as_of:
            continue
        same = False
        if digest:
            try:
                same = (store.load_snapshot(info.id).meta or {}).get("content_sha256") == digest
            except Exception:     # an older snapshot that cannot be read back says nothing about this one
                same = False
        out.append(SameSnapshot(info, same))
    return out


def summary_counts(result_json: dict[str, Any]) -> dict[str, int]:
    counts = {"ok": 0, "warning": 0, "breach": 0}
    for lim in result_json.get("limits", []):
        counts[lim["status"]] = counts.get(lim["status"], 0) + 1
    return counts
