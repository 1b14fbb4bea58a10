"""Importing group data into the history: the one path by which a dated snapshot is stored.

Every stored snapshot has its evaluation under the limits that govern its as_of, its kept aggregates
(re-evaluating limits later never reads the exposure rows again) and its breach cases, written in one
transaction: after a crash the snapshot is either complete or absent. The `import` command, the GUI's
import page and the demo loader call `store_snapshot` (after `core.concentration.snapshots.preview_import`,
the dry run) or `import_snapshot`. This is a use case over the store and what-if governance, which is why
it lives here and not beside the engine (core.concentration.snapshots keeps thin re-exports for callers).
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from core import memory
from core.concentration.model import GroupData
from core.concentration.snapshots import (
    ImportOutcome,
    ImportPreview,
    SameSnapshot,
    kept_aggregates,
    kept_bases,
    kept_codes,
    labels_from_data,
    preview_import,
    with_labels,
)
from core.store import frames
from core.whatif.governance import evaluate_for_store, proposal_from_import


def store_snapshot(store: Any, preview: ImportPreview, user: str | None,
                   source: str | None = None, release_rows: bool = False) -> ImportOutcome:
    """Store a previewed, error-free import: snapshot, its evaluation under the governing limits (the
    approved limit-set version in force on its as_of, else the data's own limits, marked not approved),
    the kept aggregates, the breach cases, and, when the data's limits.csv differs from the approved set,
    a proposal (guideline Art. 8-9: an imported file never approves limits by itself). One transaction.

    `release_rows`: the caller is done with the preview's exposure rows once they are stored (the `import`
    command): the preview's data then have no exposure or counterparty rows and its result no drill-down rows,
    and the million rows' memory is given back before the kept sums are encoded (issue 15: a peak under 1 GB)."""
    data = preview.data
    if not preview.ok or preview.result is None or data is None:
        raise ValueError("store_snapshot needs an error-free preview")
    # the reading and the evaluation freed more than they keep (at a million exposures glibc's heap held
    # about 200 MB of freed columns): given back before the store step adds its own, which then peaks lower
    memory.give_back()
    with store.transaction(), ThreadPoolExecutor(max_workers=1) as pool:
        result, result_json, ref = evaluate_for_store(store, preview.result, data)
        # what names the keys it shows, recorded while the data are at hand: the dashboard then opens on
        # the evaluation without reading the snapshot's holdings and counterparties back (open_stored)
        result_json = with_labels(result_json, labels_from_data(result_json, data, result.aggregates))
        agg = result.aggregates
        rows = store.encode_exposure_blocks(data, agg)
        if rows is None:                # (no blocks: the snapshot is stored from the frame, then let go)
            snapshot_id = store.save_snapshot(data, user, source=source, limits_origin="data", aggregates=agg)
        _let_go_of_rows(data, agg, release_rows)
        # the kept sums are encoded on the worker while this thread stores the snapshot (the counterparties'
        # blocks, the inserts): the two use nothing of each other's, and the sums' transient arrays (~200 MB
        # at a million exposures) come once the exposure rows were let go, not on top of them (the peak)
        kept_sums = _kept(result)
        names = list(kept_sums)
        kept = pool.submit(store.aggregates_encoder(), kept_sums, kept_codes(result))
        del kept_sums
        if rows is not None:
            snapshot_id = store.save_snapshot(data, user, source=source, limits_origin="data", aggregates=agg,
                                              exposure_blocks=rows)
        if release_rows:
            # nothing after this reads the counterparty rows either (the proposal compares limits)
            data.counterparties = data.counterparties.iloc[:0].copy()
        # the evaluation's row and its cases are written while the worker finishes the kept sums (at a million
        # exposures it is still at them when the snapshot is stored), its aggregate rows last: the same records
        # and chain as save_evaluation and then open_cases_from_evaluation
        with store.saving_evaluation(snapshot_id, ref, result_json, names, kept.result, user) as evaluation_id:
            sweep = store.open_cases_from_evaluation(evaluation_id, None, user)
            # the snapshot's chain content (its blocks read back and hashed) while the worker is still at the
            # sums, not at the commit after them
            store.hash_ahead("snapshot", snapshot_id)
        proposal_id = proposal_from_import(store, data, user, source=source) if user else None
    return ImportOutcome(snapshot_id, evaluation_id, result_json, sweep.opened, sweep.observed,
                         preview.warnings, proposal_id)


def _let_go_of_rows(data: GroupData, agg: Any, release_rows: bool) -> None:
    """Once the exposure rows are encoded for the store, what only they needed is given back: with
    `release_rows` the preview's exposure frame is left empty (a copy of no rows, not a view that would keep
    the million values; the labels are recorded) and the evaluation's drill-down rows dropped; else those
    drill-down columns go back to being made on demand (a dozen million-row arrays, about 70 MB at a million
    exposures, that would otherwise sit under the kept sums' encoding)."""
    if release_rows:
        data.exposures = data.exposures.iloc[:0].copy()
        agg.row_data = None
        memory.give_back()
    elif agg.forget_row_data():
        memory.give_back()


def _kept(result: Any) -> dict[str, Any]:
    """kept_aggregates as the store is given them: the sums, when the aggregates have them as codes, as a
    frames.Columns made from those a column at a time (the same blob; the 2.5-million-row frame of a million
    exposures, with its two columns of text, is never made)."""
    codes = result.aggregates.sum_codes()
    if codes is None:
        return kept_aggregates(result)
    text = str(pd.StringDtype("pyarrow", na_value=np.nan))      # kept_aggregates' dimension and scope: `str`
    sums = frames.Columns(len(codes["total_fen"]), [
        ("dimension", text, lambda: codes["dimension"]), ("scope", text, lambda: codes["scope"]),
        ("key", "object", lambda: codes["key"]),
        ("total_fen", "int64", lambda: codes["total_fen"]), ("countable_fen", "int64", lambda: codes["countable_fen"])],
        made=lambda: kept_aggregates(result)["sums"])
    return {"sums": sums, "bases": kept_bases(result)}


def import_snapshot(store: Any, path: str | Path, user: str | None) -> ImportOutcome | ImportPreview:
    """Preview and, when error-free, store. Returns the preview (with its problems) when refused."""
    preview = preview_import(path)
    if not preview.ok:
        return preview
    return store_snapshot(store, preview, user, source=str(path))


def same_date_snapshots(store: Any, data: GroupData) -> list[SameSnapshot]:
    """The snapshots in force whose as_of is the data's: importing again would store a second copy that
    the reports of the period then use silently. Only their headers are read, to compare content hashes (a
    million-exposure snapshot was once read whole for it)."""
    as_of = data.group.as_of
    digest = (data.meta or {}).get("content_sha256")
    out = []
    for info in store.list_snapshots():
        if info.as_of != as_of:
            continue
        same = False
        if digest:
            try:
                same = store.snapshot_meta(info.id).get("content_sha256") == digest
            except Exception:     # an older snapshot that cannot be read back says nothing about this one
                same = False
        out.append(SameSnapshot(info, same))
    return out
