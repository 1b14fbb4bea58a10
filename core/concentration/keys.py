"""Positions of text keys in a table of unique ids, by pyarrow's hash kernel when pyarrow is installed; and
the positions the importer found, kept for the engine (`remember_positions` / `recall_positions`).

A million exposures name their counterparty among 200,000 ids: pandas' object hash table takes about a
second for that lookup (each freshly read string is hashed through Python), pyarrow's `index_in` about a
tenth of it on the same strings. The answer is the same: the position of each value among `ids`, -1 for a
value that is not there or missing (None/NaN). `ids` must be unique (the callers check it first).
"""
from __future__ import annotations

import weakref
from typing import Any

import numpy as np
import pandas as pd


def positions_in(values, ids, arrow_values=None) -> np.ndarray:
    """int64 position in `ids` (unique) of every value, -1 when absent or missing. `arrow_values`: the same
    values as a pyarrow string array when the caller has them (the CSV reader's): not converted again."""
    vals = np.asarray(values, dtype=object)
    keys = np.asarray(ids, dtype=object)
    found = _arrow_positions(vals, keys, arrow_values)
    if found is not None:
        return found
    return np.asarray(pd.Index(keys, dtype=object).get_indexer(vals), dtype=np.int64)


def _arrow_positions(vals: np.ndarray, keys: np.ndarray, arrow_values=None) -> np.ndarray | None:
    try:
        import pyarrow as pa  # noqa: PLC0415 - optional: pandas does it otherwise
        import pyarrow.compute as pc  # noqa: PLC0415
    except ImportError:
        return None
    try:
        # only text (and missing values) goes this way: pandas compares other objects by equality, which
        # Arrow's string type would not reproduce
        if arrow_values is not None and len(arrow_values) == len(vals) and arrow_values.type in (pa.string(),
                                                                                              pa.large_string()):
            a = arrow_values
        else:
            a = pa.array(vals, type=pa.string(), from_pandas=True)
        b = pa.array(keys, type=pa.string(), from_pandas=True)
    except (pa.ArrowException, TypeError, ValueError):
        return None
    if b.null_count:
        return None          # a missing id would match a missing value in Arrow, not in pandas
    out = pc.index_in(a, value_set=b).fill_null(-1)
    return np.asarray(out.to_numpy(zero_copy_only=False), dtype=np.int64)


# ---- positions the importer already computed ----------------------------------------------------
# The importer finds, while validating, the row of every exposure's parent and of every exposure's
# counterparty; build_aggregates would otherwise hash the same million ids again. They are kept here, in
# memory only (GroupData.meta is persisted as JSON by the store), keyed by the frame object and valid
# only while the columns they were computed from are the very same arrays: another frame, a replaced
# column or an in-place edit (copy-on-write gives the edited frame new arrays, since the memo holds a
# reference) makes the memo miss, and the engine computes the positions itself.
_MEMO: dict[int, dict] = {}


def _column_identity(col: pd.Series) -> tuple:
    """What identifies a column's data: a numpy column's buffer, an Arrow-backed one's array objects (an edit
    of it, copy-on-write, replaces them), never its values (a million Arrow strings are not converted)."""
    arr = col.array
    if isinstance(arr, pd.api.extensions.ExtensionArray) and hasattr(arr, "_pa_array"):
        return ("arrow", id(arr), id(arr._pa_array), str(col.dtype), len(arr))
    v = col.to_numpy()
    return (v.__array_interface__["data"][0], v.strides, v.dtype.str, len(v))


def _column_refs(frame: pd.DataFrame, columns: tuple[str, ...]):
    refs = []
    for c in columns:
        if c not in frame.columns:
            return None
        col = frame[c]
        refs.append((col, (col.array, getattr(col.array, "_pa_array", None)), _column_identity(col)))
    return refs


def _same_columns(frame: pd.DataFrame, refs) -> bool:
    for col, _held, identity in refs:      # (the arrays held, so that their ids are not reused)
        if col.name not in frame.columns:
            return False
        if _column_identity(frame[col.name]) != identity:
            return False
    return True


def remember_positions(name: str, positions: np.ndarray, frames: tuple, vocabulary: Any = None) -> None:
    """Keep `positions` (derived from the given (frame, columns) pairs; the first frame keys the memo)
    for `recall_positions`; `vocabulary`: what the positions are codes into, when they are codes
    (`recall_codes`)."""
    refs = []
    for frame, columns in frames:
        r = _column_refs(frame, columns)
        if r is None:
            return
        refs.append((frame, r))
    key = id(frames[0][0])
    entry = _MEMO.get(key)
    if entry is None:
        entry = _MEMO[key] = {}
        weakref.finalize(frames[0][0], _MEMO.pop, key, None)
    positions = np.asarray(positions)
    positions.flags.writeable = False
    entry[name] = (tuple((weakref.ref(f), r) for f, r in refs), positions, vocabulary)


def remember_codes_later(name: str, future: Any, frames: tuple) -> None:
    """`remember_positions` of (codes, vocabulary) that another thread is still working out: `future` (a
    concurrent.futures.Future of that pair) is waited for only when `recall_codes` asks for them, so the
    importer need not wait for codes only the engine uses. A failed or cancelled future, or codes not row
    for row with the first frame, make the memo miss (the engine then encodes the column itself)."""
    remember_positions(name, np.zeros(0), frames, future)
    entry = _MEMO.get(id(frames[0][0]))
    if entry is not None and name in entry:
        refs, _, _ = entry[name]
        entry[name] = (refs, _LATER, future)


_LATER = np.zeros(0)        # the positions of an entry whose (codes, vocabulary) are a future's result


def recall_positions(name: str, frames: tuple[pd.DataFrame, ...]) -> np.ndarray | None:
    """The positions remembered under `name` for these frames, when their columns are unchanged."""
    found = recall_codes(name, frames)
    return None if found is None else found[0]


def recall_codes(name: str, frames: tuple[pd.DataFrame, ...]) -> tuple[np.ndarray, Any] | None:
    """(codes, vocabulary) remembered under `name` for these frames, when their columns are unchanged."""
    entry = _MEMO.get(id(frames[0]))
    if not entry or name not in entry:
        return None
    refs, positions, vocabulary = entry[name]
    if len(refs) != len(frames):
        return None
    for (ref, cols), frame in zip(refs, frames):
        if ref() is not frame or not _same_columns(frame, cols):
            return None
    if positions is _LATER:
        try:
            positions, vocabulary = vocabulary.result()
        except Exception:  # noqa: BLE001 - a failed or cancelled job: the engine encodes the column itself
            entry.pop(name, None)
            return None
        positions = np.asarray(positions)
        if len(positions) != len(frames[0]):
            entry.pop(name, None)
            return None
        positions.flags.writeable = False
        entry[name] = (refs, positions, vocabulary)
    return positions, vocabulary
