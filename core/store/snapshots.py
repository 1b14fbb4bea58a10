"""Group data snapshots (immutable, dated by `as_of`) and the evaluations stored against them.

A snapshot imported by mistake is withdrawn (`withdraw_snapshot`): a record beside it (who, when, why), the
snapshot itself unchanged and still readable by id. Wherever the store picks "the" snapshot — the list a
screen offers (`list_snapshots`, `snapshots_frame`) and the latest of a period (`latest_snapshot_in`) —
withdrawn snapshots are skipped unless `include_withdrawn=True` (the history). A withdrawn snapshot takes no
new evaluation. Breach cases its evaluation opened are left as they are: the officer handles them.
"""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from itertools import chain, islice
from typing import Any, Callable, Iterator

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from core import memory
from core.concentration import model
from core.concentration.model import GroupData, GroupInfo
from core.store import blocks, frames
from core.store.base import StoreBase, from_json, to_json
from core.store.errors import StoreError
from core.store.records import EvaluationRecord, SnapshotInfo, SnapshotWithdrawal


def sole_issuers(pairs) -> dict:
    """{instrument: counterparty} of the (instrument, counterparty) pairs of holdings (rows without a
    look-through parent, naming both) whose instrument is held against one and the same counterparty: the
    issuer (or product manager) a single asset is named by. An instrument held against two or more different
    counterparty ids names none and is shown by its id alone: no guess, on screen and on paper alike (the
    dashboard's recorded labels, the complete view, the breach register and the reports all take this rule).
    Repeated pairs count once; the order of the pairs does not matter."""
    found: dict = {}
    for instrument, counterparty in pairs:
        # a second, different counterparty leaves None, which no later pair can undo (None != any id)
        found[instrument] = counterparty if found.get(instrument, counterparty) == counterparty else None
    return {i: c for i, c in found.items() if c is not None}


def sole_issuers_of(instruments: Any, counterparties: Any) -> dict:
    """`sole_issuers` of the pairs (instruments[i], counterparties[i]) given as two columns of text of equal
    length (Series or arrays, none missing): the same rule on integer codes, with a Python string made only
    for the instruments kept and their issuers (a million holdings: ~0.1 s, against ~0.6 s pair by pair).
    The same dict, in the same order (each instrument where it first appears); the ids compared as text."""
    inst_codes, inst_text = _text_codes(instruments)
    cp_codes, cp_text = _text_codes(counterparties)
    if not len(inst_text):
        return {}
    lowest = np.full(len(inst_text), np.iinfo(np.int64).max, dtype=np.int64)
    highest = np.full(len(inst_text), -1, dtype=np.int64)
    np.minimum.at(lowest, inst_codes, cp_codes)
    np.maximum.at(highest, inst_codes, cp_codes)
    one = np.flatnonzero(lowest == highest)             # held against one counterparty only
    return dict(zip(inst_text[one].tolist(), cp_text[lowest[one]].tolist()))


def _text_codes(values: Any) -> tuple[np.ndarray, np.ndarray]:
    """(a code per value, the values' text by code in order of first appearance): equal codes exactly for
    equal text (`str`), as `sole_issuers` compares the ids."""
    codes, uniques = pd.factorize(values if isinstance(values, pd.Series) else np.asarray(values, dtype=object))
    codes = np.asarray(codes, dtype=np.int64)
    if pd.api.types.infer_dtype(uniques, skipna=False) == "string":      # (ids are text: one C pass says so)
        return codes, np.asarray(uniques, dtype=object)
    text = np.asarray([str(u) for u in uniques.tolist()] if len(uniques) else [], dtype=object)
    # two different values with the same text (1 and "1") are one id here, as they are pair by pair
    same, text_uniques = pd.factorize(text)
    if len(text_uniques) == len(text):
        return codes, text
    return np.asarray(same, dtype=np.int64)[codes], np.asarray(text_uniques, dtype=object)


# frame name → (table, spec)
SNAPSHOT_FRAMES = {
    "members": ("snapshot_member", frames.MEMBER_SPEC),
    "counterparties": ("snapshot_counterparty", frames.COUNTERPARTY_SPEC),
    "exposures": ("snapshot_exposure", frames.EXPOSURE_SPEC),
    "limits": ("snapshot_limit", frames.LIMIT_SPEC),
    "business": ("snapshot_business", frames.BUSINESS_SPEC),
}
# frame name → boolean columns kept in the snapshot's meta_json (key ROW_FLAGS) as the seq numbers of the rows
# where they are true, not as columns of the row table: they were added to the model after the table was
# fixed, and a new column would change the hashed row content of every earlier snapshot (frames.py).
FLAG_COLUMNS = {"exposures": frames.EXPOSURE_FLAG_COLUMNS}
ROW_FLAGS = "row_flags"


def _split_flags(name: str, df: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """(the frame without its flag columns, {column: [seq of the true rows]})."""
    cols = [c for c in FLAG_COLUMNS.get(name, ()) if c in df.columns]
    if not cols:
        return df, {}
    flags = {c: [int(i) for i in np.flatnonzero(df[c].fillna(False).to_numpy(dtype=bool))] for c in cols}
    return df.drop(columns=cols), flags


def _join_flags(df: pd.DataFrame, flags: dict) -> pd.DataFrame:
    for col, true_rows in flags.items():
        values = np.zeros(len(df), dtype=bool)
        values[np.asarray(true_rows, dtype=np.int64)] = True
        df[col] = values
    return df


# -- compact exposure rows (schema v7, table snapshot_exposure_coded) ----------------------------------------
# Text columns stored as codes into the snapshot's vocabulary (snapshot_text), the parent by its seq, the
# amount in yuan only where it is not amount_fen / 100, the flag exempt_asset_class as a column. A frame that
# cannot be written so exactly (duplicate or unknown parent ids, a missing amount) keeps the v1 table.
CODED_TABLE, TEXT_TABLE = "snapshot_exposure_coded", "snapshot_text"
CODED_SINCE = 7                      # the schema version that made them
_CODED_TEXT = {"member_id": "member", "counterparty_id": "counterparty", "asset_class": "asset_class"}
# the `flags` number is the same in v7 rows and v8 blocks: its bits, their making and reading are blocks'
# (HELD_ELIMINATED: eliminated at the group scope under the holding dimensions, derived by the import)
_CODED_FLAGS, HELD_ELIMINATED, _flag_bits = blocks.FLAGS, blocks.HELD_ELIMINATED, blocks._flag_bits
CODED_SPEC = {**frames.EXPOSURE_SPEC, **{c: frames.BOOL for c in frames.EXPOSURE_FLAG_COLUMNS}}
# derived by the import's evaluation, for the drill-down by key (NULL when the snapshot was saved without it)
_DERIVED = ("lt_counterparty", "lt_group", "residual_fen", "lt_eliminated")
_INSERT_COLUMNS = ("exposure_id", "member", "counterparty", "instrument_id", "asset_class", "flags",
                   "amount_fen", "amount", "parent_seq") + _DERIVED


class _Codes:
    """An integer column whose negative values are NULLs, turned into Python values a slice at a time (a
    million Python ints and Nones at once were a quarter of the import's peak memory)."""

    def __init__(self, values: np.ndarray):
        self.values = np.asarray(values, dtype=np.int64)

    def __len__(self) -> int:
        return len(self.values)

    def __getitem__(self, part: slice) -> list:
        chunk = self.values[part]
        out = chunk.tolist()
        for i in np.flatnonzero(chunk < 0).tolist():
            out[i] = None
        return out


def _none_last(values: Any) -> np.ndarray:
    """`values` as an object array with None appended: indexed by codes, -1 (none) gives None."""
    out = np.empty(len(values) + 1, dtype=object)
    out[:-1] = list(values)
    out[-1] = None
    return out


def _derived_text(aggregates: Any, exposures: pd.DataFrame) -> dict[str, np.ndarray] | None:
    """From the import's evaluation (core.concentration Aggregates: `rows` in input order and `counterparties`):
    per exposure row the counterparty and group its residual counts against (text), the residual, and
    whether the group scope eliminates it under look-through and holding dimensions. None when the
    aggregates do not describe these rows."""
    rows = getattr(aggregates, "rows", None)
    cpt = getattr(aggregates, "counterparties", None)
    if rows is None or cpt is None or len(rows) != len(exposures) or not {
            "lt_cp_code", "residual_fen", "cp_code", "has_children"} <= set(rows.columns):
        return None
    if not np.array_equal(rows["exposure_id"].to_numpy(dtype=object), exposures["exposure_id"].to_numpy(dtype=object)):
        return None
    ids = _none_last(cpt["counterparty_id"].to_numpy(dtype=object))      # code -1 → None
    groups = _none_last(cpt["group_key"].to_numpy(dtype=object))
    intra = np.append(pd.notna(cpt["group_member"]).to_numpy(), False)
    lt = rows["lt_cp_code"].to_numpy(dtype=np.int64)
    own = rows["cp_code"].to_numpy(dtype=np.int64)
    return {"lt_counterparty": ids[lt], "lt_group": groups[lt], "cp_group": dict(zip(ids[:-1], groups[:-1])),
            "residual_fen": rows["residual_fen"].to_numpy(dtype=np.int64),
            "lt_eliminated": intra[lt].astype(np.int8),
            "held_eliminated": intra[own] & ~rows["has_children"].to_numpy(dtype=bool)}


def _coded_exposures(df: pd.DataFrame, derived: dict[str, Any] | None
                     ) -> tuple[list[list], list[list], list[list[str]]] | None:
    """(the columns of snapshot_exposure_coded in _INSERT_COLUMNS order, the columns of the vocabulary (value,
    grp), [[column, dtype]...]) of an exposure frame, or None when it cannot be stored compactly and exactly
    (then the v1 table)."""
    for col in df.columns:
        if col not in CODED_SPEC:
            raise StoreError("unknown_column", frame="exposures", column=str(col))
    n = len(df)
    if n == 0 or "exposure_id" not in df.columns or "amount_fen" not in df.columns:
        return None
    ids = frames._values(df["exposure_id"], frames.STR)
    if any(v is None for v in ids):
        return None
    fen = np.asarray(frames._values(df["amount_fen"], frames.INT), dtype=object)
    if any(v is None for v in fen):
        return None
    fen_i = fen.astype(np.int64)
    amount: list = [None] * n
    if "amount" in df.columns:
        a = df["amount"].to_numpy(dtype=np.float64, na_value=np.nan)
        if np.isnan(a).any():
            return None                     # a missing amount would come back as amount_fen / 100
        differs = np.flatnonzero(a != fen_i / 100.0)
        for i in differs.tolist():
            amount[i] = float(a[i])
    parent: Any = [None] * n
    if "parent_exposure_id" in df.columns:
        index = pd.Index(ids)
        if not index.is_unique:
            return None
        parents = np.asarray(frames._values(df["parent_exposure_id"], frames.STR), dtype=object)
        has = np.flatnonzero(pd.notna(parents))
        if len(has):
            pos = index.get_indexer(parents[has])
            if (pos < 0).any():
                return None
            parent_arr = np.full(n, -1, dtype=np.int64)
            parent_arr[has] = pos
            parent = _Codes(parent_arr)
    # one vocabulary for every text column (and the derived counterparties and groups)
    text_cols = {c: np.asarray(frames._values(df[c], frames.STR), dtype=object) if c in df.columns else None
                 for c in _CODED_TEXT}
    parts = [v for v in text_cols.values() if v is not None]
    if derived is not None:
        parts += [derived["lt_counterparty"], derived["lt_group"]]
    codes, uniques = pd.factorize(np.concatenate(parts) if parts else np.array([], dtype=object), use_na_sentinel=True)
    vocab = [str(v) for v in uniques.tolist()]
    grp: list = [None] * len(vocab)
    if derived is not None:           # each counterparty's group, for a drill-down into one counterparty
        where = {v: i for i, v in enumerate(vocab)}
        cp_group = derived["cp_group"]
        grp = [where.get(cp_group.get(v)) for v in vocab]
    coded: dict[str, Any] = {}
    own_cp = np.full(n, -2)              # the rows' own counterparty codes (-2: no such column)
    at = 0
    for col, target in _CODED_TEXT.items():
        if text_cols[col] is None:
            coded[target] = [None] * n
            continue
        if col == "counterparty_id":
            own_cp = codes[at:at + n]
        coded[target] = _Codes(codes[at:at + n])
        at += n
    instruments = frames._values(df["instrument_id"], frames.STR) if "instrument_id" in df.columns else [None] * n
    out: list[Any] = [ids, coded["member"], coded["counterparty"], instruments, coded["asset_class"]]
    out.append(_flag_bits(df, None if derived is None else derived["held_eliminated"]))
    out += [fen_i, amount, parent]
    if derived is not None:
        lt_cp = codes[at:at + n]
        lt = np.where(lt_cp == own_cp, -1, lt_cp)          # NULL: the row's own counterparty
        out += [_Codes(lt), _Codes(codes[at + n:at + 2 * n]), derived["residual_fen"].astype(np.int64),
                derived["lt_eliminated"].astype(np.int64)]
    else:
        out += [[None] * n for _ in range(len(_DERIVED))]
    present = [[c, str(df[c].dtype)] for c in CODED_SPEC if c in df.columns]
    return out, [vocab, grp], present


def _has_coded(conn, snapshot_id: int) -> bool:
    """The snapshot's exposure rows are in the compact table (stored at schema v7 or later)."""
    try:
        return conn.execute(f"SELECT 1 FROM {CODED_TABLE} WHERE snapshot_id = ? LIMIT 1",
                            (snapshot_id,)).fetchone() is not None
    except sqlite3.OperationalError:       # a file of an earlier schema opened read-only: no such table
        return False


def vocabulary(conn, snapshot_id: int) -> np.ndarray:
    """The snapshot's text values by code, with None appended (so that code -1, a NULL, decodes to None)."""
    rows = conn.execute(f"SELECT value FROM {TEXT_TABLE} WHERE snapshot_id = ? ORDER BY seq", (snapshot_id,)).fetchall()
    out = np.empty(len(rows) + 1, dtype=object)
    out[:-1] = [r[0] for r in rows]
    out[-1] = None
    return out


def read_coded_exposures(conn, snapshot_id: int, present: list[list[str]] | None,
                         columns: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The exposure frame of a compactly stored snapshot, as it was saved (dtypes from `present`);
    `columns`: only these."""
    wanted = [pc for pc in (present or [[c, frames._DEFAULT_DTYPE[k]] for c, k in CODED_SPEC.items()])
              if columns is None or pc[0] in columns]
    select = []
    for col, _dtype in wanted:
        if col in _CODED_TEXT:
            select.append(f"coalesce({_CODED_TEXT[col]}, -1)")
        elif col in _CODED_FLAGS:
            select.append("flags")
        elif col == "parent_exposure_id":
            select.append("coalesce(parent_seq, -1)")
        elif col == "amount":             # IEEE division in SQLite as in numpy: the value saved
            select.append("coalesce(amount, amount_fen / 100.0)")
        else:
            select.append(col)
    need_ids = any(c == "parent_exposure_id" for c, _ in wanted) and not any(c == "exposure_id" for c, _ in wanted)
    if need_ids:
        select.append("exposure_id")
    rows = conn.execute(f"SELECT {', '.join(select)} FROM {CODED_TABLE} WHERE snapshot_id = ? ORDER BY seq",
                        (snapshot_id,)).fetchall()
    n = len(rows)
    raw = list(zip(*rows)) if n else [()] * len(select)
    by_name = {}
    for (col, _dtype), values in zip(wanted, raw):
        by_name[col] = values
    extra = raw[len(wanted):]
    vocab = vocabulary(conn, snapshot_id) if any(c in _CODED_TEXT for c, _ in wanted) else None
    ids = np.asarray(by_name["exposure_id"] if "exposure_id" in by_name else extra[-1], dtype=object) \
        if any(c == "parent_exposure_id" for c, _ in wanted) else None
    cols: dict[str, np.ndarray] = {}
    for col, _dtype in wanted:
        values = by_name[col]
        if col in _CODED_TEXT:
            assert vocab is not None
            cols[col] = vocab[np.fromiter(values, dtype=np.int64, count=n)]
        elif col in _CODED_FLAGS:
            cols[col] = blocks.flag_column(np.fromiter(values, dtype=np.int64, count=n), col)
        elif col == "parent_exposure_id":
            p = np.fromiter(values, dtype=np.int64, count=n)
            cols[col] = _none_last(ids)[p]
        elif col == "amount":
            cols[col] = np.fromiter(values, dtype=np.float64, count=n)
        elif col == "amount_fen":
            cols[col] = np.fromiter(values, dtype=np.int64, count=n)
        else:
            cols[col] = np.asarray(values, dtype=object)
    return frames.from_columns(cols, CODED_SPEC, wanted, n)


# the counterparty the row's residual counts against (stored NULL where it is the row's own)
_LT_CP = "coalesce(lt_counterparty, counterparty)"
PAGE_COLUMNS = ["exposure_id", "holding_id", "path", "member_id", "counterparty_id", "key", "amount_fen", "amount",
                "counted", "instrument_id", "asset_class"]


def _page_where(dimension: str, key: Any, code: Callable[[Any], int | None], group_of: Callable[[int], int | None],
                cp_codes: Callable[[str, Any], list[int]]) -> tuple[str, list, str, str] | None:
    """(the SQL condition of one key's rows, its parameters, the weight expression, the counterparty column) of a
    dimension, as core.concentration.aggregate.contributions selects them; None when no row can match."""
    every = key in (None, "*")
    if dimension in model.HOLDING_DIMENSIONS:
        where = "parent_seq IS NULL"
        params: list[Any] = []
        if not every:
            if dimension == "overseas":
                if key not in ("overseas", "domestic"):
                    return None
                where += " AND (flags & 1) = ?"             # bit 0: overseas (missing: domestic)
                params.append(int(key == "overseas"))
            elif dimension == "single_asset":
                where += " AND instrument_id = ?"
                params.append(str(key))
            else:
                c = code(key)
                if c is None:
                    return None
                where += " AND asset_class = ?"
                params.append(c)
        return where, params, "amount_fen", "counterparty"
    if dimension not in model.LOOK_THROUGH_DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}")
    where = "residual_fen <> 0"
    params = []
    if dimension in ("counterparty", "counterparty_group", "related_party") and not every:
        c = code(key)
        if c is None:
            return None
        if dimension == "counterparty_group":
            where += " AND lt_group = ?"
            params.append(c)
        else:
            g = group_of(c)
            # within its group's rows (the index), when the import kept the counterparty's group
            where += f" AND {_LT_CP} = ?" if g is None else f" AND lt_group = ? AND {_LT_CP} = ?"
            params += [c] if g is None else [g, c]
    if dimension == "related_party" or (dimension in ("industry", "region") and not every):
        codes = cp_codes(dimension, None if every else key)
        if not codes:
            return None
        where += f" AND {_LT_CP} IN (SELECT value FROM json_each(?))"
        params.append(to_json(codes))
    if "lt_group" not in where:
        # no key in the index: one pass over the snapshot's rows in order (walking the index over all of them
        # and looking each row up is several times slower); "+" keeps the planner off the partial index
        where = "+" + where
    return where, params, "residual_fen", _LT_CP


# -- columnar blocks (schema v8, core.store.blocks) ----------------------------------------------------------

_CONTEXTS_KEPT = 2         # snapshots whose decoded vocabulary a store keeps (a drill-down pages through one)


class _BlockContext:
    """What the drill-down of a snapshot stored as blocks looks up again and again, decoded once: the
    directory (group code → first sorted row, count), the counterparties' group codes, and lazily the
    vocabulary (text → code, code → text) and the look-through parents. A snapshot never changes, so a store
    keeps the last few (keyed by the snapshot and its first text block's size and length, which a snapshot
    rolled back and stored again under the same id would not share by accident with the one decoded)."""

    def __init__(self, directory: dict[int, tuple[int, int]] | None):
        self.directory = directory
        self._vocab: np.ndarray | None = None
        self._grp: np.ndarray | None = None
        self._where: dict[str, int] | None = None
        self._parents: dict[int, tuple[str, int | None]] | None = None
        # the vocabulary's blocks as Arrow (values, group codes), decoded one at a time: a drill-down looks up a
        # few texts, and making 400,000 Python strings for them was most of its first page
        self._text_blobs: list[bytes] | None = None
        self._text_blocks: dict[int, tuple[pa.Array, np.ndarray]] = {}
        self._codes: dict[str, int | None] = {}

    def _text_block(self, store: "SnapshotsMixin", sid: int, b: int) -> tuple[pa.Array, np.ndarray]:
        if self._text_blobs is None:
            self._text_blobs = store._block_blobs(sid, blocks.TEXT)
        if b not in self._text_blocks:
            cols = frames.decode_arrays(self._text_blobs[b], ("value", "grp"))
            self._text_blocks[b] = (cols["value"], cols["grp"])
        return self._text_blocks[b]

    def _load_vocab(self, store: "SnapshotsMixin", sid: int) -> None:
        cols = blocks.decode(store._block_blobs(sid, blocks.TEXT))
        values = cols.get("value", np.array([], dtype=object))
        vocab = np.empty(len(values) + 1, dtype=object)
        vocab[:-1] = values
        vocab[-1] = None                      # code -1: no value
        self._vocab = vocab
        self._grp = cols.get("grp", np.array([], dtype=np.int64)).astype(np.int64)

    def vocab(self, store: "SnapshotsMixin", sid: int) -> np.ndarray:
        """The values by code, None appended (code -1)."""
        if self._vocab is None:
            self._load_vocab(store, sid)
        assert self._vocab is not None
        return self._vocab

    def code(self, store: "SnapshotsMixin", sid: int, text: Any) -> int | None:
        """The code of a text (None: not in the snapshot), searched block by block in Arrow."""
        text = str(text)
        if self._where is not None:
            return self._where.get(text)
        if text not in self._codes:
            if self._text_blobs is None:
                self._text_blobs = store._block_blobs(sid, blocks.TEXT)
            found = None
            for b in range(len(self._text_blobs)):
                at = pc.index(self._text_block(store, sid, b)[0], pa.scalar(text, pa.large_string())).as_py()
                if at >= 0:
                    found = b * blocks.BLOCK_ROWS + at
                    break
            self._codes[text] = found
        return self._codes[text]

    def codes_of(self, store: "SnapshotsMixin", sid: int, texts: list) -> list[int]:
        """The codes of many texts at once (those in the snapshot), found block by block by Arrow's hash join."""
        wanted = pa.array([str(t) for t in texts], type=pa.large_string())
        if self._text_blobs is None:
            self._text_blobs = store._block_blobs(sid, blocks.TEXT)
        found = np.full(len(wanted), -1, dtype=np.int64)
        for b in range(len(self._text_blobs)):
            at = pc.index_in(wanted, value_set=self._text_block(store, sid, b)[0])
            hit = at.is_valid().to_numpy(zero_copy_only=False)
            found[hit] = b * blocks.BLOCK_ROWS + at.filter(at.is_valid()).to_numpy()
        return [int(c) for c in found if c >= 0]

    def group_of(self, store: "SnapshotsMixin", sid: int, code: int) -> int | None:
        g = int(self._text_block(store, sid, code // blocks.BLOCK_ROWS)[1][code % blocks.BLOCK_ROWS])
        return None if g < 0 else g

    def texts(self, store: "SnapshotsMixin", sid: int, codes: list[int]) -> dict[int, str]:
        """{code: text} of the codes given (-1 and None left out), decoding only the blocks they are in."""
        if self._vocab is not None:
            return {int(c): self._vocab[c] for c in codes if c is not None and c >= 0}
        by_block: dict[int, list[int]] = {}
        for c in {int(c) for c in codes if c is not None and c >= 0}:
            by_block.setdefault(c // blocks.BLOCK_ROWS, []).append(c)
        out: dict[int, str] = {}
        for b, cs in by_block.items():
            values = self._text_block(store, sid, b)[0]
            out.update(zip(cs, values.take(pa.array([c % blocks.BLOCK_ROWS for c in cs])).to_pylist()))
        return out

    def parents(self, store: "SnapshotsMixin", sid: int, need: list[int]) -> dict[int, tuple[str, int | None]]:
        if self._parents is None:
            cols = blocks.decode(store._block_blobs(sid, blocks.PARENTS))
            self._parents = {} if not cols else {
                s: (e, None if p < 0 else p) for s, e, p in
                zip(cols["seq"].tolist(), cols["exposure_id"].tolist(), cols["parent_seq"].tolist())}
        return {p: self._parents[p] for p in need}


_COUNT_COLUMN = {"members": "n_members", "counterparties": "n_counterparties", "exposures": "n_exposures",
                 "limits": "n_limits", "business": "n_business"}


def _date_text(value: date | str, field: str) -> str:
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise StoreError("invalid_value", field=field, value=value, allowed="YYYY-MM-DD") from None
    if not isinstance(value, date):
        raise StoreError("invalid_value", field=field, value=str(value), allowed="YYYY-MM-DD")
    if isinstance(value, datetime):        # datetime / Timestamp (a datetime) → its date
        value = value.date()
    return value.isoformat()


def _dec_text(value: Any) -> str | None:
    if value is None:
        return None
    return str(value) if isinstance(value, Decimal) else str(Decimal(str(value)))


# every snapshot column, and its withdrawal's (w_*, NULL when not withdrawn)
_SNAPSHOT_SELECT = ("SELECT s.*, w.id AS w_id, w.reason AS w_reason, w.created_at AS w_created_at, "
                    "w.created_by AS w_created_by FROM snapshot s LEFT JOIN snapshot_withdrawal w ON w.snapshot_id = s.id")


def _withdrawal(r: dict[str, Any]) -> SnapshotWithdrawal:
    return SnapshotWithdrawal(id=r["id"], snapshot_id=r["snapshot_id"], reason=r["reason"],
                              created_at=r["created_at"], created_by=r["created_by"])


def _snapshot_info(r: dict[str, Any]) -> SnapshotInfo:
    withdrawal = None
    if r.get("w_id") is not None:
        withdrawal = SnapshotWithdrawal(id=r["w_id"], snapshot_id=r["id"], reason=r["w_reason"],
                                        created_at=r["w_created_at"], created_by=r["w_created_by"])
    return SnapshotInfo(id=r["id"], group_name=r["group_name"], as_of=date.fromisoformat(r["as_of"]),
                        source=r["source"], limits_origin=from_json(r["limits_origin"]),
                        n_members=r["n_members"], n_counterparties=r["n_counterparties"],
                        n_exposures=r["n_exposures"], n_limits=r["n_limits"], n_business=r["n_business"],
                        has_business=bool(r["has_business"]), created_at=r["created_at"],
                        created_by=r["created_by"], withdrawal=withdrawal)


_ROWS_PER_STATEMENT = 64     # multi-row VALUES: about a quarter faster than one row per statement


_SLICE = 65_536     # rows turned into Python values at a time by insert_columns


@contextmanager
def _page_cache(conn, n_rows: int):
    """A page cache large enough for the drill-down index while a snapshot's rows go in: its entries arrive in
    group order, not row order, and with SQLite's default 2 MB cache each insert re-read and re-wrote index
    pages (the rows of a million exposures took several times longer). About 40 bytes per row, at most 256 MB;
    set back afterwards."""
    if n_rows < 50_000:
        yield
        return
    before = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = -{min(256 * 1024, n_rows * 40 // 1024)}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(before)}")


def insert_columns(conn, table: str, parent_column: str, parent_id: int, columns: list[Any],
                   spec: dict[str, str]) -> None:
    """insert_frame_rows for columns given as lists, numpy arrays or _Codes, a slice of rows at a time."""
    n = len(columns[0]) if columns else 0
    for start in range(0, n, _SLICE):
        part = slice(start, start + _SLICE)
        values = [c[part].tolist() if isinstance(c, np.ndarray) else c[part] for c in columns]
        insert_frame_rows(conn, table, parent_column, parent_id, values, spec, first_seq=start)


def insert_frame_rows(conn, table: str, parent_column: str, parent_id: int, values: list[list],
                      spec: dict[str, str], first_seq: int = 0) -> None:
    """Insert a frame's rows (columns from frames.to_columns) under `parent_id`, seq = first_seq + row position.
    Runs inside the caller's transaction."""
    cols = ", ".join([parent_column, "seq"] + [f'"{c}"' for c in spec])
    one = "(" + ", ".join("?" for _ in range(len(spec) + 2)) + ")"
    n = len(values[0]) if values else 0
    rows = zip([parent_id] * n, range(first_seq, first_seq + n), *values)
    k = _ROWS_PER_STATEMENT
    if n >= k:
        chunk = iter(rows)
        batches = (tuple(chain.from_iterable(islice(chunk, k))) for _ in range(n // k))
        conn.executemany(f'INSERT INTO "{table}" ({cols}) VALUES {", ".join([one] * k)}', batches)
        rows = chunk                                    # the remainder, fewer than k rows
    conn.executemany(f'INSERT INTO "{table}" ({cols}) VALUES {one}', rows)


def read_frame_rows(conn, table: str, parent_column: str, parent_id: int, spec: dict[str, str],
                    present: list[list[str]] | None) -> pd.DataFrame:
    cols = ", ".join(f'"{c}"' for c in spec)
    rows = conn.execute(f'SELECT {cols} FROM "{table}" WHERE {parent_column} = ? ORDER BY seq',
                        (parent_id,)).fetchall()
    return frames.from_rows(rows, spec, present)


@dataclass(frozen=True)
class EncodedAggregates:
    """An evaluation's aggregates as `save_evaluation` stores them: [(name, blob, n_rows)] in the codec named."""

    codec: str
    blobs: list[tuple[str, bytes, int]]


@dataclass(frozen=True)
class AggregatesEncoder:
    """Encodes aggregates in the codec of a database of schema `version` (`SnapshotsMixin.aggregates_encoder`).
    Uses no connection: callable on any thread."""

    version: int

    @property
    def codec(self) -> str:
        return frames.COLUMNS_ZSTD_CODEC if self.version >= blocks.BLOCKS_SINCE else \
            frames.COLUMNS_CODEC if self.version >= CODED_SINCE else frames.FRAME_CODEC

    def __call__(self, aggregates: dict[str, Any] | None,
                 coded: dict[str, dict[str, Any]] | None = None) -> EncodedAggregates:
        columnar, zstd = self.version >= CODED_SINCE, self.version >= blocks.BLOCKS_SINCE

        def encode(name: str, df: Any) -> bytes:
            return frames.encode_columns(df, zstd, (coded or {}).get(name)) if columnar else frames.encode_frame(df)
        encoded = [(name, encode(name, df), len(df)) for name, df in (aggregates or {}).items()]
        # what the encoding freed (the sums' codes of a million exposures) is given back before more is asked for
        memory.give_back()
        return EncodedAggregates(self.codec, encoded)


class SnapshotsMixin(StoreBase):

    # -- snapshots ----------------------------------------------------------------------------------------

    def encode_exposure_blocks(self, data: GroupData, aggregates: Any = None) -> blocks.Encoded | None:
        """The blocks `save_snapshot` stores the data's exposure rows as in this database (`aggregates`: as there),
        made ahead so that the caller can let the rows go before the rest is stored (the import: the kept sums
        are then encoded beside the snapshot's storing, not on top of the million rows); None when they are
        stored otherwise (a file before schema v8, rows that cannot be blocks): then `save_snapshot` needs them."""
        if data.exposures is None or self.schema_version < blocks.BLOCKS_SINCE:
            return None
        encoded = blocks.encode_exposures(data.exposures, aggregates)
        memory.give_back()
        return encoded

    def save_snapshot(self, data: GroupData, user: str | None, source: str | None = None,
                      limits_origin: Any = "data", aggregates: Any = None,
                      exposure_blocks: blocks.Encoded | None = None) -> int:
        """Store the whole GroupData as one immutable snapshot, in one transaction (all rows or none).

        `limits_origin`: where the limits came from: "data" (the data's limits.csv), or a reference such
        as {"limit_set_id": 1, "version": 3}. `source` defaults to `data.source`. `aggregates`: the import's
        evaluation of this data (core.concentration Aggregates), whose look-through attribution is kept with
        the exposure rows so that a drill-down reads one key's rows from an index (`exposure_page`).
        The exposure rows go to the compact table (codes, schema v7) whenever they can be stored exactly so.
        `exposure_blocks`: the rows' blocks as `encode_exposure_blocks` made them from this data; the exposure
        frame is then not read again (the caller may have let its rows go).
        """
        g: GroupInfo = data.group
        converted: dict[str, tuple[list[list], list[list[str]], int]] = {}
        row_flags: dict[str, dict] = {}
        coded = None
        encoded = exposure_blocks
        cp_blocks: list[tuple[int, int, int, bytes]] = []
        version = self.schema_version
        if encoded is not None:
            if version < blocks.BLOCKS_SINCE:
                raise ValueError(f"exposure blocks for a database of schema {version}")
        elif data.exposures is not None and version >= blocks.BLOCKS_SINCE:
            encoded = self.encode_exposure_blocks(data, aggregates)
        elif data.exposures is not None and version >= CODED_SINCE:
            derived = _derived_text(aggregates, data.exposures) if aggregates is not None else None
            coded = _coded_exposures(data.exposures, derived)
        for name, (_table, spec) in SNAPSHOT_FRAMES.items():
            df = getattr(data, name)
            if df is None:
                continue
            if name == "exposures" and encoded is not None:
                converted[name] = ([], encoded.present, encoded.n_rows)
                continue
            if name == "exposures" and coded is not None:
                converted[name] = (coded[0], coded[2], len(df))
                continue
            if name == "counterparties" and version >= blocks.BLOCKS_SINCE:
                for col in df.columns:
                    if col not in spec:
                        raise StoreError("unknown_column", frame=name, column=str(col))
                cp_blocks = blocks.encode_counterparties(df)
                converted[name] = ([], [[c, str(df[c].dtype)] for c in spec if c in df.columns], len(df))
                continue
            df, flags = _split_flags(name, df)
            if flags:
                row_flags[name] = flags
            values, present = frames.to_columns(df, spec, name)
            converted[name] = (values, present, len(df))
        columns_doc = {name: present for name, (_, present, _) in converted.items()}
        with self.transaction():
            at = self.now()
            header = {
                "group_name": g.name, "as_of": _date_text(g.as_of, "as_of"),
                "total_assets_fen": int(g.total_assets_fen), "net_assets_fen": int(g.net_assets_fen),
                "solvency_ratio": _dec_text(g.solvency_ratio),
                "actual_capital_fen": None if g.actual_capital_fen is None else int(g.actual_capital_fen),
                "minimum_capital_fen": None if g.minimum_capital_fen is None else int(g.minimum_capital_fen),
                "source": source if source is not None else data.source,
                "limits_origin": to_json(limits_origin), "has_business": int(data.business is not None),
                "columns_json": to_json(columns_doc),
                "meta_json": to_json({**(data.meta or {}), **({ROW_FLAGS: row_flags} if row_flags else {})}),
                "created_at": at, "created_by": user,
            }
            for name, column in _COUNT_COLUMN.items():
                header[column] = converted[name][2] if name in converted else 0
            sid = self._insert("snapshot", header)
            for name, (values, _, _) in converted.items():
                table, spec = SNAPSHOT_FRAMES[name]
                if (name == "exposures" and encoded is not None) or (name == "counterparties" and cp_blocks):
                    # a statement per block: a million rows are about twenty blobs
                    self.conn.executemany(
                        f"INSERT INTO {blocks.TABLE} (snapshot_id, part, block, n_rows, codec, data) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        ((sid, part, b, k, frames.COLUMNS_ZSTD_CODEC, blob)
                         for part, b, k, blob in (encoded.blocks if name == "exposures" and encoded else cp_blocks)))
                    continue
                if name == "exposures" and coded is not None:
                    insert_frame_rows(self.conn, TEXT_TABLE, "snapshot_id", sid, coded[1],
                                      {"value": frames.STR, "grp": frames.OPT_INT})
                    with _page_cache(self.conn, len(values[0])):
                        insert_columns(self.conn, CODED_TABLE, "snapshot_id", sid, values,
                                       dict.fromkeys(_INSERT_COLUMNS, frames.STR))
                    continue
                insert_frame_rows(self.conn, table, "snapshot_id", sid, values, spec)
            self._journal("snapshot.saved", "snapshot", sid,
                          {"group_name": g.name, "as_of": header["as_of"], "source": header["source"],
                           "limits_origin": limits_origin,
                           "counts": {n: header[c] for n, c in _COUNT_COLUMN.items()}}, user, at)
        return sid

    def load_snapshot(self, snapshot_id: int) -> GroupData:
        return self._load_snapshot(snapshot_id, parent_rows=False)[0]

    def load_snapshot_and_parent_rows(self, snapshot_id: int) -> tuple[GroupData, np.ndarray | None]:
        """`load_snapshot`, with each exposure's parent row (file order, as the rows are given; -1: none) as
        a snapshot stored as blocks keeps them, read with the rows (None for a snapshot stored otherwise): an
        engine evaluating the rows again need not look a million ids up to find them."""
        return self._load_snapshot(snapshot_id, parent_rows=True)

    def _load_snapshot(self, snapshot_id: int, parent_rows: bool) -> tuple[GroupData, np.ndarray | None]:
        r = self._require("snapshot", snapshot_id)
        present = from_json(r["columns_json"])
        group = GroupInfo(name=r["group_name"], as_of=date.fromisoformat(r["as_of"]),
                          total_assets_fen=r["total_assets_fen"], net_assets_fen=r["net_assets_fen"],
                          solvency_ratio=None if r["solvency_ratio"] is None else Decimal(r["solvency_ratio"]),
                          actual_capital_fen=r["actual_capital_fen"], minimum_capital_fen=r["minimum_capital_fen"])
        loaded: dict[str, pd.DataFrame | None] = {}
        parents = None
        for name, (table, spec) in SNAPSHOT_FRAMES.items():
            if name not in present:
                loaded[name] = None
                continue
            if name == "exposures" and r["n_exposures"] and self._has_blocks(snapshot_id):
                loaded[name], parents = self._block_exposures(snapshot_id, present[name], parent_rows=parent_rows)
                continue
            if name == "counterparties" and self._has_blocks(snapshot_id, blocks.COUNTERPARTIES):
                loaded[name] = self._block_counterparties(snapshot_id, present[name])
                continue
            if name == "exposures" and r["n_exposures"] and _has_coded(self.conn, snapshot_id):
                loaded[name] = read_coded_exposures(self.conn, snapshot_id, present[name])
                continue
            loaded[name] = read_frame_rows(self.conn, table, "snapshot_id", snapshot_id, spec, present[name])
        meta = dict(from_json(r["meta_json"]) or {})
        for name, flags in (meta.pop(ROW_FLAGS, None) or {}).items():
            if loaded.get(name) is not None:
                loaded[name] = _join_flags(loaded[name], flags)
        return GroupData(group=group, members=loaded["members"], counterparties=loaded["counterparties"],
                         exposures=loaded["exposures"], limits=loaded["limits"], business=loaded["business"],
                         source=r["source"], meta=meta), parents

    def load_snapshot_parts(self, snapshot_id: int, names: tuple[str, ...] = ("members", "counterparties", "limits"),
                            columns: dict[str, tuple[str, ...]] | None = None
                            ) -> tuple[GroupInfo, dict[str, pd.DataFrame | None]]:
        """(the group's figures, {frame name: frame}) of a snapshot, reading only the frames named: a
        screen that shows the stored evaluation needs the members and the counterparties' names, never
        the exposure rows. Frames as `load_snapshot` gives them (row flags joined); None when absent.
        `columns`: {frame name: the columns to read} when not all of them are needed."""
        r = self._require("snapshot", snapshot_id)
        present = from_json(r["columns_json"])
        group = GroupInfo(name=r["group_name"], as_of=date.fromisoformat(r["as_of"]),
                          total_assets_fen=r["total_assets_fen"], net_assets_fen=r["net_assets_fen"],
                          solvency_ratio=None if r["solvency_ratio"] is None else Decimal(r["solvency_ratio"]),
                          actual_capital_fen=r["actual_capital_fen"], minimum_capital_fen=r["minimum_capital_fen"])
        flags = (from_json(r["meta_json"]) or {}).get(ROW_FLAGS) or {}
        out: dict[str, pd.DataFrame | None] = {}
        for name in names:
            table, spec = SNAPSHOT_FRAMES[name]
            if name not in present:
                out[name] = None
                continue
            cols = present[name]
            if name == "exposures" and r["n_exposures"] and self._has_blocks(snapshot_id):
                out[name] = self._block_exposures(snapshot_id, cols, None if columns is None else columns.get(name))[0]
                continue
            if name == "counterparties" and self._has_blocks(snapshot_id, blocks.COUNTERPARTIES):
                out[name] = self._block_counterparties(snapshot_id, cols, None if columns is None else columns.get(name))
                continue
            if name == "exposures" and r["n_exposures"] and _has_coded(self.conn, snapshot_id):
                out[name] = read_coded_exposures(self.conn, snapshot_id, cols,
                                                 None if columns is None else columns.get(name))
                continue
            if columns is not None and name in columns:
                spec = {c: k for c, k in spec.items() if c in columns[name]}
                cols = None if cols is None else [pc for pc in cols if pc[0] in spec]
            df = read_frame_rows(self.conn, table, "snapshot_id", snapshot_id, spec, cols)
            out[name] = _join_flags(df, flags[name]) if name in flags and columns is None else df
        return group, out

    def snapshot_meta(self, snapshot_id: int) -> dict:
        """The snapshot's meta (what load_snapshot gives as GroupData.meta: the import's content hash, ...)
        from its header alone, without reading any of its rows."""
        r = self._require("snapshot", snapshot_id)
        meta = dict(from_json(r["meta_json"]) or {})
        meta.pop(ROW_FLAGS, None)
        return meta

    def load_snapshot_limits(self, snapshot_id: int) -> pd.DataFrame | None:
        """A snapshot's own limits (its limits.csv), without its other rows."""
        return self.load_snapshot_parts(snapshot_id, ("limits",))[1]["limits"]

    def counterparty_links(self, snapshot_id: int) -> pd.DataFrame:
        """The snapshot's counterparties as their connected groups need them (counterparty_id, parent_id,
        connected_label, exempt: as stored, None where missing; exempt 0/1), in file order, without their
        names or other columns: what core.concentration.groups.group_heads reads to name a group shown. The rows go into one object
        array: a frame built value by value (`read_frame_rows`) took twice the query's time at 200,000 rows."""
        cols = ("counterparty_id", "parent_id", "connected_label", "exempt")
        stored = self._cp_columns(snapshot_id, cols)
        if stored is not None:
            return pd.DataFrame({c: pd.Series(stored[c], dtype=object) for c in cols})
        rows = self.conn.execute(f"SELECT {', '.join(cols)} FROM snapshot_counterparty WHERE snapshot_id = ? "
                                 "ORDER BY seq", (snapshot_id,)).fetchall()
        table = np.empty((len(rows), len(cols)), dtype=object)
        if rows:
            table[:] = rows                    # one C loop (zip(*rows) was three times slower)
        # object columns: inferring str columns from 200,000 values costs more than they save here
        return pd.DataFrame({c: pd.Series(table[:, i], dtype=object) for i, c in enumerate(cols)})

    def counterparty_names(self, snapshot_id: int, ids) -> dict[str, str]:
        """{counterparty_id: name} of the snapshot's counterparties among `ids` ("" where the name is missing):
        the few a screen shows, in one pass, without reading every counterparty's row."""
        wanted = sorted({str(i) for i in ids if i is not None})
        if not wanted:
            return {}
        rows = self._cp_rows(snapshot_id, ("counterparty_id", "name"), wanted)
        return {str(i): ("" if n is None else str(n)) for i, n in rows}

    def holding_pairs(self, snapshot_id: int, instruments) -> list[tuple[str, str]]:
        """The distinct (instrument_id, counterparty_id) pairs of the snapshot's holdings (rows without a
        look-through parent, naming both) whose instrument is among `instruments`: what names a single asset
        by its one issuer in a report, answered by the database in one pass instead of reading three
        columns of every row. Sorted."""
        wanted = sorted({str(i) for i in instruments if i is not None})
        if not wanted:
            return []
        if self._has_blocks(snapshot_id):
            instr, cps, _ = self._block_holdings(snapshot_id, wanted)
            pairs = set(zip(instr.tolist(), cps.tolist()))
            names = self._block_context(snapshot_id).texts(self, snapshot_id, sorted({c for _, c in pairs}))
            return sorted({(str(i), str(names[c])) for i, c in pairs})
        if _has_coded(self.conn, snapshot_id):
            rows = self.conn.execute(
                f"SELECT DISTINCT instrument_id, counterparty FROM {CODED_TABLE} WHERE snapshot_id = ? "
                "AND parent_seq IS NULL AND counterparty IS NOT NULL "
                "AND instrument_id IN (SELECT value FROM json_each(?))", (snapshot_id, to_json(wanted))).fetchall()
            if not rows:
                return []
            names = dict(self.conn.execute(f"SELECT seq, value FROM {TEXT_TABLE} WHERE snapshot_id = ? "
                                           "AND seq IN (SELECT value FROM json_each(?))",
                                           (snapshot_id, to_json(sorted({c for _, c in rows})))).fetchall())
            return sorted({(str(i), str(names[c])) for i, c in rows})
        rows = self.conn.execute(
            "SELECT DISTINCT instrument_id, counterparty_id FROM snapshot_exposure WHERE snapshot_id = ? "
            "AND (parent_exposure_id IS NULL OR parent_exposure_id = '') AND counterparty_id IS NOT NULL "
            "AND instrument_id IN (SELECT value FROM json_each(?))", (snapshot_id, to_json(wanted))).fetchall()
        return sorted((str(i), str(c)) for i, c in rows)

    def exposure_issuers(self, snapshot_id: int, instruments=None) -> dict[str, str]:
        """{instrument_id: counterparty_id} of the snapshot's single assets named by an issuer (`sole_issuers`:
        the one counterparty all of an instrument's holdings name; an instrument held against two or more has
        none), for the `instruments` given or all. Read by instrument from the holdings (the rows without a
        look-through parent naming both), no frame built: the pairs `holding_pairs` reads, by storage."""
        wanted = None if instruments is None else sorted({str(i) for i in instruments if i is not None})
        if wanted == []:
            return {}
        if self._has_blocks(snapshot_id):
            instr, cps, _ = self._block_holdings(snapshot_id, wanted)
            found = sole_issuers(zip(instr.tolist(), cps.tolist()))
            names = self._block_context(snapshot_id).texts(self, snapshot_id, sorted(set(found.values())))
            return {i: names[c] for i, c in found.items()}
        if _has_coded(self.conn, snapshot_id):
            return self._coded_issuers(snapshot_id, wanted)
        sql = ("SELECT DISTINCT instrument_id, counterparty_id FROM snapshot_exposure WHERE snapshot_id = ? "
               "AND (parent_exposure_id IS NULL OR parent_exposure_id = '') AND counterparty_id IS NOT NULL "
               "AND instrument_id IS NOT NULL")
        if wanted is None:
            return sole_issuers(self.conn.execute(sql, (snapshot_id,)).fetchall())
        # one parameter (a JSON list), so that any number of keys costs one pass and no temporary table
        # (a read-only history takes none)
        return sole_issuers(self.conn.execute(sql + " AND instrument_id IN (SELECT value FROM json_each(?))",
                                              (snapshot_id, to_json(wanted))).fetchall())

    def _coded_issuers(self, snapshot_id: int, wanted: list[str] | None) -> dict[str, str]:
        """exposure_issuers of a compactly stored snapshot: one pass over its rows for the distinct holdings,
        the rule applied to their counterparties' codes, then only the codes kept decoded."""
        sql = (f"SELECT DISTINCT instrument_id, counterparty FROM {CODED_TABLE} WHERE snapshot_id = ? "
               "AND parent_seq IS NULL AND instrument_id IS NOT NULL AND counterparty IS NOT NULL")
        if wanted is None:
            found = sole_issuers(self.conn.execute(sql, (snapshot_id,)).fetchall())
            vocab = vocabulary(self.conn, snapshot_id)
            return {i: vocab[c] for i, c in found.items()}
        found = sole_issuers(self.conn.execute(sql + " AND instrument_id IN (SELECT value FROM json_each(?))",
                                               (snapshot_id, to_json(wanted))).fetchall())
        if not found:
            return {}
        names = dict(self.conn.execute(f"SELECT seq, value FROM {TEXT_TABLE} WHERE snapshot_id = ? "
                                       "AND seq IN (SELECT value FROM json_each(?))",
                                       (snapshot_id, to_json(sorted(set(found.values()))))))
        return {i: names[c] for i, c in found.items()}

    def can_page_exposures(self, snapshot_id: int) -> bool:
        """The snapshot's rows carry the import's look-through attribution (stored compactly from schema v7 on
        by an import): `exposure_page` reads them. Else a drill-down needs the whole snapshot evaluated."""
        if self._has_blocks(snapshot_id):
            return self._block_context(snapshot_id).directory is not None
        try:
            r = self.conn.execute(f"SELECT residual_fen FROM {CODED_TABLE} WHERE snapshot_id = ? ORDER BY seq LIMIT 1",
                                  (snapshot_id,)).fetchone()
        except sqlite3.OperationalError:     # a file of an earlier schema, opened read-only
            return False
        return r is not None and r[0] is not None

    def exposure_page(self, snapshot_id: int, scope: str, dimension: str, key: Any, offset: int = 0,
                      limit: int = 500) -> tuple[pd.DataFrame, int, int]:
        """One page of the exposure rows behind (scope, dimension, key) of a snapshot, largest first (then by
        exposure id), read by key from the database: (page, rows in all, their fen in all). The page has the
        columns and values of core.concentration.aggregate.contributions (and the row's instrument_id and
        asset_class); the look-through and the group scope's elimination are those the import evaluated.
        Needs `can_page_exposures`. Business dimensions have no rows."""
        if dimension in model.BUSINESS_DIMENSIONS:
            return pd.DataFrame(columns=PAGE_COLUMNS), 0, 0
        if self._has_blocks(snapshot_id):
            return self._block_page(snapshot_id, scope, dimension, key, offset, limit)
        conn = self.conn
        cache: dict[Any, int | None] = {}

        def code(text: Any) -> int | None:
            if text not in cache:
                r = conn.execute(f"SELECT seq FROM {TEXT_TABLE} WHERE snapshot_id = ? AND value = ?",
                                 (snapshot_id, str(text))).fetchone()
                cache[text] = None if r is None else r[0]
            return cache[text]

        def cp_codes(column: str, value: Any) -> list[int]:
            """Codes of the counterparties whose industry / region is `value` (or that are related parties), as
            the engine keys them: a blank one, and the unlisted counterparty UNKNOWN, under UNKNOWN."""
            if column == "related_party":
                ids = [c for (c,) in conn.execute("SELECT counterparty_id FROM snapshot_counterparty "
                                                  "WHERE snapshot_id = ? AND related_party = 1", (snapshot_id,))]
            else:
                ids = [c for c, v in conn.execute(f'SELECT counterparty_id, "{column}" FROM snapshot_counterparty '
                                                  "WHERE snapshot_id = ?", (snapshot_id,))
                       if (v if v not in (None, "") else model.UNKNOWN) == value]
                if value == model.UNKNOWN:
                    ids.append(model.UNKNOWN)
            where = dict(conn.execute(f"SELECT value, seq FROM {TEXT_TABLE} WHERE snapshot_id = ?", (snapshot_id,)))
            return [where[i] for i in ids if i in where]

        empty = (pd.DataFrame(columns=PAGE_COLUMNS), 0, 0)
        def group_of(c: int) -> int | None:
            r = conn.execute(f"SELECT grp FROM {TEXT_TABLE} WHERE snapshot_id = ? AND seq = ?", (snapshot_id, c)).fetchone()
            return None if r is None else r[0]

        picked = _page_where(dimension, key, code, group_of, cp_codes)
        if picked is None:
            return empty
        where, params, weight, cp_col = picked
        if scope == model.GROUP_SCOPE:
            where += " AND lt_eliminated = 0" if weight == "residual_fen" else f" AND (flags & {HELD_ELIMINATED}) = 0"
        else:
            member = code(scope)
            if member is None:
                return empty
            where += " AND member = ?"
            params.append(member)
        base = f"FROM {CODED_TABLE} WHERE snapshot_id = ? AND {where}"
        n, total = conn.execute(f"SELECT count(*), coalesce(sum({weight}), 0) {base}",
                                [snapshot_id] + params).fetchone()
        rows = conn.execute(
            f"SELECT seq, exposure_id, parent_seq, member, {cp_col}, instrument_id, asset_class, {weight}, "
            f"flags {base} "
            f"ORDER BY {weight} DESC, exposure_id LIMIT ? OFFSET ?",
            [snapshot_id] + params + [int(limit), int(offset)]).fetchall()
        if not rows:
            return pd.DataFrame(columns=PAGE_COLUMNS), int(n), int(total)
        return self._page_frame(snapshot_id, dimension, key, rows), int(n), int(total)

    def _page_frame(self, snapshot_id: int, dimension: str, key: Any, rows: list[tuple],
                    lookup: "_BlockContext | None" = None) -> pd.DataFrame:
        """The page's rows as contributions() frames them: the path through the look-through parents (read
        by position), the texts decoded, `counted` from the counterparties' and the rows' exemptions.
        `lookup`: the parents and texts of a snapshot stored as blocks (rows with their lt_group code last),
        else they are read from the v7 tables."""
        conn = self.conn
        seqs, ids, parents, members, cps, instruments, classes, amounts, flags = map(list, zip(*(r[:9] for r in rows)))
        # bits 2, 3, 4: exempt_single_asset, exempt_counterparty, exempt_asset_class (missing: not exempt)
        ex_single, ex_cp, ex_class = ([bool((f >> i) & 1) for f in flags] for i in (2, 3, 4))
        # walk up the look-through: the path "holding → ... → row" and the holding
        paths, holding = list(ids), list(ids)
        up = list(parents)
        known: dict[int, tuple[str, int | None]] = {}
        while any(p is not None for p in up):
            need = sorted({p for p in up if p is not None and p not in known})
            if need and lookup is not None:
                known.update(lookup.parents(self, snapshot_id, need))
            elif need:
                for sq, eid, parent in conn.execute(
                        f"SELECT seq, exposure_id, parent_seq FROM {CODED_TABLE} WHERE snapshot_id = ? "
                        "AND seq IN (SELECT value FROM json_each(?))", (snapshot_id, to_json(need))):
                    known[sq] = (eid, parent)
            for i, p in enumerate(up):
                if p is not None:
                    eid, parent = known[p]
                    paths[i] = f"{eid} → {paths[i]}"
                    holding[i] = eid
                    up[i] = parent
        texts = sorted({c for c in members + cps + classes if c is not None})
        if lookup is not None:
            decode = lookup.texts(self, snapshot_id, texts)
        else:
            decode = dict(conn.execute(f"SELECT seq, value FROM {TEXT_TABLE} WHERE snapshot_id = ? "
                                       "AND seq IN (SELECT value FROM json_each(?))", (snapshot_id, to_json(texts))))
        cp_ids = [decode.get(c) for c in cps]
        listed = dict(self._cp_rows(          # {counterparty_id: exempt} of the page's listed counterparties
            snapshot_id, ("counterparty_id", "exempt"), sorted({c for c in cp_ids if c is not None})))
        if dimension in model.HOLDING_DIMENSIONS:
            # the engine counts a holding whose counterparty is not listed against UNKNOWN (the look-through
            # counterparty stored at import is the engine's already)
            cp_ids = [c if c in listed else model.UNKNOWN for c in cp_ids]
        if dimension in ("counterparty", "counterparty_group", "single_asset"):
            own = ex_cp if dimension != "single_asset" else ex_single
            counted = [not (bool(listed.get(c)) or bool(f)) for c, f in zip(cp_ids, own)]
        elif dimension == "asset_class":
            counted = [not bool(f) for f in ex_class]
        else:
            counted = [True] * len(rows)
        if key in (None, "*") and lookup is not None and dimension == "counterparty_group":
            names = lookup.texts(self, snapshot_id, sorted({r[9] for r in rows if r[9] >= 0}))
            keys = [names.get(r[9]) for r in rows]
        elif key in (None, "*"):
            keys = self._page_keys(snapshot_id, dimension, rows, cp_ids, decode)
        else:
            keys = [key] * len(rows)
        fen = np.asarray(amounts, dtype=np.int64)
        return pd.DataFrame({
            "exposure_id": np.asarray(ids, dtype=object), "holding_id": np.asarray(holding, dtype=object),
            "path": np.asarray(paths, dtype=object), "member_id": np.asarray([decode.get(m) for m in members], dtype=object),
            "counterparty_id": np.asarray(cp_ids, dtype=object), "key": np.asarray(keys, dtype=object),
            "amount_fen": fen, "amount": fen / 100.0, "counted": np.asarray(counted, dtype=bool),
            "instrument_id": np.asarray(instruments, dtype=object),
            "asset_class": np.asarray([decode.get(c) for c in classes], dtype=object)})

    def _page_keys(self, snapshot_id: int, dimension: str, rows: list[tuple], cp_ids: list, decode: dict) -> list:
        """The key of each row when a page holds every key of the dimension ("*")."""
        if dimension == "single_asset":
            return [r[5] for r in rows]
        if dimension == "asset_class":
            return [decode.get(r[6]) for r in rows]
        if dimension == "overseas":
            return ["overseas" if r[8] & 1 else "domestic" for r in rows]
        if dimension in ("counterparty", "related_party"):
            return cp_ids
        if dimension == "counterparty_group":
            groups = dict(self.conn.execute(
                f"SELECT e.seq, t.value FROM {CODED_TABLE} e JOIN {TEXT_TABLE} t ON t.snapshot_id = e.snapshot_id "
                "AND t.seq = e.lt_group WHERE e.snapshot_id = ? AND e.seq IN (SELECT value FROM json_each(?))",
                (snapshot_id, to_json([r[0] for r in rows]))))
            return [groups.get(r[0]) for r in rows]
        attrs = dict(self._cp_rows(snapshot_id, ("counterparty_id", dimension),
                                   sorted({c for c in cp_ids if c is not None})))
        return [attrs.get(c) for c in cp_ids]

    # -- snapshots stored as columnar blocks (schema v8) -----------------------------------------------------

    def _has_blocks(self, snapshot_id: int, part: int = blocks.ROWS) -> bool:
        """The snapshot's exposure rows (or the rows of another `part`) are columnar blocks (stored at schema v8
        or later)."""
        try:
            return self.conn.execute(f"SELECT 1 FROM {blocks.TABLE} WHERE snapshot_id = ? AND part = ? LIMIT 1",
                                     (snapshot_id, part)).fetchone() is not None
        except sqlite3.OperationalError:       # a file of an earlier schema opened read-only: no such table
            return False

    def _block_blobs(self, snapshot_id: int, part: int, first: int | None = None, last: int | None = None) -> list[bytes]:
        """The blobs of one part of a snapshot, in block order (blocks first..last when given)."""
        sql = f"SELECT data FROM {blocks.TABLE} WHERE snapshot_id = ? AND part = ?"
        params: list[Any] = [snapshot_id, part]
        if first is not None:
            sql += " AND block BETWEEN ? AND ?"
            params += [first, last]
        return [bytes(r[0]) for r in self.conn.execute(sql + " ORDER BY block", params).fetchall()]

    def _cp_columns(self, snapshot_id: int, columns: tuple[str, ...], ids: list[str] | None = None
                    ) -> dict[str, np.ndarray] | None:
        """Columns of a snapshot's counterparties stored as blocks, as the v1 table gives their values (object
        arrays, file order; only the rows whose counterparty_id is among `ids` when given); None when they are
        stored as rows."""
        if not self._has_blocks(snapshot_id, blocks.COUNTERPARTIES):
            return None
        need = tuple(dict.fromkeys(("counterparty_id",) + columns))
        blobs = self._block_blobs(snapshot_id, blocks.COUNTERPARTIES)
        if ids is None:
            cols = blocks.decode(blobs, need)
            return {c: blocks.counterparty_values(c, cols[c]) for c in need}
        # a few counterparties by id: chosen on Arrow's text, only their values made Python objects
        arrow = blocks.decode_arrow(blobs, need)
        keep = pc.is_in(arrow["counterparty_id"], value_set=pa.array(list(ids), type=pa.large_string()))
        at = pa.array(np.flatnonzero(keep.to_numpy(zero_copy_only=False)))
        out = {}
        for c in need:
            v = arrow[c]
            picked = np.empty(len(at), dtype=object)
            picked[:] = v.take(at).to_pylist() if isinstance(v, pa.Array) else v[at.to_numpy()].tolist()
            out[c] = blocks.counterparty_values(c, picked) if not isinstance(v, pa.Array) else picked
        return out

    def _cp_rows(self, snapshot_id: int, columns: tuple[str, ...], ids: list[str] | None = None) -> list[tuple]:
        """Rows (tuples of `columns`) of a snapshot's counterparties, in file order, from the blocks or the v1
        table alike; only those whose counterparty_id is among `ids` when given."""
        stored = self._cp_columns(snapshot_id, columns, ids)
        if stored is not None:
            return list(zip(*(stored[c].tolist() for c in columns)))
        select = ", ".join(f'"{c}"' for c in columns)
        if ids is None:
            return self.conn.execute(f"SELECT {select} FROM snapshot_counterparty WHERE snapshot_id = ? ORDER BY seq",
                                     (snapshot_id,)).fetchall()
        return self.conn.execute(f"SELECT {select} FROM snapshot_counterparty WHERE snapshot_id = ? "
                                 "AND counterparty_id IN (SELECT value FROM json_each(?)) ORDER BY seq",
                                 (snapshot_id, to_json(sorted(ids)))).fetchall()

    def _block_counterparties(self, snapshot_id: int, present: list[list[str]] | None,
                              columns: tuple[str, ...] | None = None) -> pd.DataFrame:
        wanted = [pc for pc in (present or [[c, frames._DEFAULT_DTYPE[k]] for c, k in frames.COUNTERPARTY_SPEC.items()])
                  if columns is None or pc[0] in columns]
        stored = self._cp_columns(snapshot_id, tuple(c for c, _ in wanted))
        assert stored is not None
        return frames.from_columns(stored, frames.COUNTERPARTY_SPEC, wanted, len(stored["counterparty_id"]))

    def _block_context(self, snapshot_id: int) -> _BlockContext:
        cache: dict = self.__dict__.setdefault("_block_contexts", {})
        token = self.conn.execute(f"SELECT n_rows, length(data) FROM {blocks.TABLE} WHERE snapshot_id = ? AND part = ? "
                                  "ORDER BY block LIMIT 1", (snapshot_id, blocks.TEXT)).fetchone()
        key = (snapshot_id, None if token is None else tuple(token))
        ctx = cache.pop(key, None)
        if ctx is None:
            cols = blocks.decode(self._block_blobs(snapshot_id, blocks.DIRECTORY))
            directory = None if not cols else {
                g: (f, c) for g, f, c in zip(cols["group"].tolist(), cols["first"].tolist(), cols["count"].tolist())}
            ctx = _BlockContext(directory)
        cache[key] = ctx                       # most recently used last
        while len(cache) > _CONTEXTS_KEPT:
            cache.pop(next(iter(cache)))
        return ctx

    def _block_columns(self, snapshot_id: int, columns: tuple[str, ...]) -> dict[str, np.ndarray]:
        """Some columns of every exposure row of a snapshot stored as blocks (in block order)."""
        return blocks.decode(self._block_blobs(snapshot_id, blocks.ROWS), columns)

    def _block_exposures(self, snapshot_id: int, present: list[list[str]] | None,
                         columns: tuple[str, ...] | None = None,
                         parent_rows: bool = False) -> tuple[pd.DataFrame, np.ndarray | None]:
        """(the exposure frame from the snapshot's blocks, each row's parent row when `parent_rows`, else None)."""
        # text as Arrow: the ids saved as pandas `str` go back as they were, with no Python string made
        cols = blocks.decode_arrow(self._block_blobs(snapshot_id, blocks.ROWS), blocks.FRAME_COLUMNS)
        vocab = self._block_context(snapshot_id).vocab(self, snapshot_id)
        frame = blocks.exposure_frame(cols, vocab, present, columns)
        if not parent_rows:
            return frame, None
        rows = np.empty(len(cols["seq"]), dtype=np.int64)
        rows[cols["seq"]] = cols["parent_seq"]              # (the blocks keep each row's parent by its seq)
        return frame, rows

    def _block_holdings(self, snapshot_id: int, instruments) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(instrument_id, counterparty code, seq) of the holdings naming both, whose instrument is among
        `instruments` (None: any), in file order."""
        cols = blocks.decode_arrow(self._block_blobs(snapshot_id, blocks.ROWS),
                                   ("seq", "counterparty", "instrument_id", "parent_seq"))
        instr = cols["instrument_id"]           # Arrow: only the rows selected become Python strings
        mask = (cols["parent_seq"] < 0) & (cols["counterparty"] >= 0) & instr.is_valid().to_numpy(zero_copy_only=False)
        if instruments is not None:
            wanted = pa.array(list(instruments), type=pa.large_string())
            mask &= pc.is_in(instr, value_set=wanted).to_numpy(zero_copy_only=False)
        at = np.flatnonzero(mask)
        at = at[np.argsort(cols["seq"][at], kind="stable")]
        return (np.asarray(instr.take(pa.array(at)).to_pylist(), dtype=object), cols["counterparty"][at],
                cols["seq"][at])

    def _block_page(self, snapshot_id: int, scope: str, dimension: str, key: Any, offset: int,
                    limit: int) -> tuple[pd.DataFrame, int, int]:
        """exposure_page of a snapshot stored as blocks: a counterparty group's rows (or a counterparty's,
        within its group) are one range of the sorted rows, found in the directory (a block or two decoded);
        other keys decode the blocks' columns; then the rows selected, the largest first."""
        empty = (pd.DataFrame(columns=PAGE_COLUMNS), 0, 0)
        ctx = self._block_context(snapshot_id)
        every = key in (None, "*")
        holding = dimension in model.HOLDING_DIMENSIONS
        if not holding and dimension not in model.LOOK_THROUGH_DIMENSIONS:
            raise ValueError(f"unknown dimension {dimension!r}")
        weight_col, cp_col = ("amount_fen", "counterparty") if holding else ("residual_fen", "lt_counterparty")
        wanted = ("seq", "exposure_id", "parent_seq", "member", "counterparty", "instrument_id", "asset_class",
                  "flags", "amount_fen", "lt_counterparty", "lt_group", "residual_fen", "lt_eliminated")
        span: tuple[int, int] | None = None              # (first, count) of the sorted rows
        c = None
        if not holding and not every and dimension in ("counterparty", "counterparty_group", "related_party"):
            c = ctx.code(self, snapshot_id, key)
            if c is None:
                return empty
            g = c if dimension == "counterparty_group" else ctx.group_of(self, snapshot_id, c)
            if g is not None and ctx.directory is not None:
                span = ctx.directory.get(g)
                if span is None:
                    return empty
        if span is not None:
            first, count = span
            b0, b1 = first // blocks.BLOCK_ROWS, (first + count - 1) // blocks.BLOCK_ROWS
            cols = blocks.decode_arrow(self._block_blobs(snapshot_id, blocks.ROWS, b0, b1), wanted)
            cut = slice(first - b0 * blocks.BLOCK_ROWS, first - b0 * blocks.BLOCK_ROWS + count)
            cols = {k: v[cut] for k, v in cols.items()}
        else:       # text stays Arrow: only the rows of the page become Python strings
            cols = blocks.decode_arrow(self._block_blobs(snapshot_id, blocks.ROWS), wanted)
        flags = cols["flags"]
        if holding:
            mask = cols["parent_seq"] < 0
            if not every:
                if dimension == "overseas":
                    if key not in ("overseas", "domestic"):
                        return empty
                    mask &= (flags & 1) == int(key == "overseas")     # bit 0: overseas (missing: domestic)
                elif dimension == "single_asset":
                    mask &= pc.equal(cols["instrument_id"], pa.scalar(str(key), pa.large_string())
                                     ).fill_null(False).to_numpy(zero_copy_only=False)
                else:
                    a = ctx.code(self, snapshot_id, key)
                    if a is None:
                        return empty
                    mask &= cols["asset_class"] == a
            if scope == model.GROUP_SCOPE:
                mask &= (flags & HELD_ELIMINATED) == 0
        else:
            mask = cols["residual_fen"] != 0
            if c is not None:
                mask &= cols["lt_group" if dimension == "counterparty_group" else "lt_counterparty"] == c
            if dimension == "related_party" or (dimension in ("industry", "region") and not every):
                codes = self._block_cp_codes(snapshot_id, ctx, dimension, None if every else key)
                if not codes:
                    return empty
                mask &= np.isin(cols["lt_counterparty"], np.asarray(codes, dtype=np.int64))
            if scope == model.GROUP_SCOPE:
                mask &= cols["lt_eliminated"] == 0
        if scope != model.GROUP_SCOPE:
            m = ctx.code(self, snapshot_id, scope)
            if m is None:
                return empty
            mask &= cols["member"] == m
        at = np.flatnonzero(mask)
        weight = cols[weight_col]
        n, total = len(at), int(weight[at].sum())
        k = offset + limit
        if len(at) > k > 0:         # the k largest (with every row tied with the k-th), then ordered
            w = weight[at]
            kth = np.partition(-w, k - 1)[k - 1]
            at = at[-w <= kth]
        w, eids = weight[at].tolist(), cols["exposure_id"].take(pa.array(at)).to_pylist()
        order = sorted(range(len(at)), key=lambda i: (-w[i], eids[i]))[offset:offset + limit]
        if not order:
            return pd.DataFrame(columns=PAGE_COLUMNS), n, total
        page = at[order]

        def opt(values: np.ndarray) -> list:
            return [None if v < 0 else v for v in values[page].tolist()]

        taken = pa.array(page)
        rows = list(zip(cols["seq"][page].tolist(), cols["exposure_id"].take(taken).to_pylist(), opt(cols["parent_seq"]),
                        opt(cols["member"]), opt(cols[cp_col]), cols["instrument_id"].take(taken).to_pylist(),
                        opt(cols["asset_class"]), weight[page].tolist(), flags[page].tolist(),
                        cols["lt_group"][page].tolist()))
        return self._page_frame(snapshot_id, dimension, key, rows, ctx), n, total

    def _block_cp_codes(self, snapshot_id: int, ctx: _BlockContext, column: str, value: Any) -> list[int]:
        """Codes of the counterparties whose industry / region is `value` (or that are related parties), as the
        engine keys them: a blank one, and the unlisted counterparty UNKNOWN, under UNKNOWN."""
        if column == "related_party":
            ids = [c for c, v in self._cp_rows(snapshot_id, ("counterparty_id", "related_party")) if v == 1]
        else:
            ids = [c for c, v in self._cp_rows(snapshot_id, ("counterparty_id", column))
                   if (v if v not in (None, "") else model.UNKNOWN) == value]
            if value == model.UNKNOWN:
                ids.append(model.UNKNOWN)
        return ctx.codes_of(self, snapshot_id, ids)

    def get_snapshot_info(self, snapshot_id: int) -> SnapshotInfo:
        """Any snapshot on record, withdrawn or not (`withdrawal` says)."""
        r = self._one(_SNAPSHOT_SELECT + " WHERE s.id = ?", (snapshot_id,))
        if r is None:
            raise StoreError("not_found", entity="snapshot", id=snapshot_id)
        return _snapshot_info(r)

    def list_snapshots(self, include_withdrawn: bool = False) -> list[SnapshotInfo]:
        """Newest data first: by as_of, then by when saved. Withdrawn snapshots only with
        `include_withdrawn` (the history lists them, marked by their `withdrawal`)."""
        where = "" if include_withdrawn else " WHERE w.id IS NULL"
        return [_snapshot_info(r) for r in self.db.query(_SNAPSHOT_SELECT + where + " ORDER BY s.as_of DESC, s.id DESC")]

    def snapshots_frame(self) -> pd.DataFrame:
        """list_snapshots() as a table (for a GUI list): withdrawn snapshots left out."""
        infos = self.list_snapshots()
        cols = ["id", "group_name", "as_of", "created_at", "created_by", "source", "n_members",
                "n_counterparties", "n_exposures", "n_limits", "n_business"]
        return pd.DataFrame([{c: getattr(i, c) for c in cols} for i in infos], columns=cols)

    def latest_snapshot_in(self, start_date: date | str, end_date: date | str,
                           include_withdrawn: bool = False) -> SnapshotInfo | None:
        """The snapshot with the latest as_of within [start_date, end_date] (the newest saved on a tie),
        withdrawn snapshots skipped unless `include_withdrawn`."""
        where = "" if include_withdrawn else " AND w.id IS NULL"
        r = self._one(_SNAPSHOT_SELECT + " WHERE s.as_of >= ? AND s.as_of <= ?" + where +
                      " ORDER BY s.as_of DESC, s.id DESC LIMIT 1",
                      (_date_text(start_date, "start_date"), _date_text(end_date, "end_date")))
        return None if r is None else _snapshot_info(r)

    def withdraw_snapshot(self, snapshot_id: int, user: str | None, reason: str | None) -> SnapshotWithdrawal:
        """Withdraw a snapshot imported by mistake, saying why (any named user). Refused: `user_required`,
        `invalid_value` (field reason) for an empty reason, `not_found`, `withdrawn` (already). The snapshot
        and its evaluations stay on record; from now on it is skipped wherever "the" snapshot is chosen and
        takes no new evaluation. Breach cases opened by its evaluation are not touched."""
        who = "" if user is None else str(user).strip()
        if not who:
            raise StoreError("user_required", role="withdrawer")
        why = (reason or "").strip()
        if not why:
            raise StoreError("invalid_value", field="reason", value=reason, allowed="a reason")
        with self.transaction():
            self._require("snapshot", snapshot_id)
            done = self._one("SELECT id FROM snapshot_withdrawal WHERE snapshot_id = ?", (snapshot_id,))
            if done is not None:
                raise StoreError("withdrawn", snapshot_id=snapshot_id, withdrawal_id=done["id"])
            at = self.now()
            wid = self._insert("snapshot_withdrawal", {"snapshot_id": snapshot_id, "reason": why,
                                                       "created_at": at, "created_by": who})
            self._journal("snapshot.withdrawn", "snapshot", snapshot_id, {"withdrawal_id": wid, "reason": why},
                          who, at)
        return _withdrawal(self._require("snapshot_withdrawal", wid))

    def snapshot_withdrawals(self) -> list[SnapshotWithdrawal]:
        """Every snapshot withdrawal on record, oldest first."""
        return [_withdrawal(r) for r in self._all("SELECT * FROM snapshot_withdrawal ORDER BY id")]

    # -- evaluations --------------------------------------------------------------------------------------

    def aggregates_encoder(self) -> AggregatesEncoder:
        """What encodes aggregates as `save_evaluation` stores them in this database (its schema version read
        here): a function of no connection, so that the import encodes the kept sums on a thread of its own
        while the snapshot is stored (core.services.imports) and hands `save_evaluation` the blobs."""
        return AggregatesEncoder(self.schema_version)

    def save_evaluation(self, snapshot_id: int, limit_set_ref: dict, result_json: dict,
                        aggregates: dict[str, pd.DataFrame] | EncodedAggregates | None, user: str | None,
                        coded: dict[str, dict[str, Any]] | None = None) -> int:
        """Record the result of evaluating a snapshot against a set of limits.

        `limit_set_ref`: {"source": "snapshot"} (the snapshot's own limits) or {"limit_set_id": .., "version": ..}
        (checked to exist). `aggregates`: frames (per dimension, per key, ...) from which a re-evaluation
        under other limits needs no exposure rows; each is stored as one compressed blob
        (frames.COLUMNS_ZSTD_CODEC; frames.COLUMNS_CODEC on a file of schema v7, frames.FRAME_CODEC before),
        or those blobs already made by this store's `aggregates_encoder`.
        `coded`: {aggregate: {column: (codes, vocabulary) or a function giving them}} for text columns the
        caller has as codes (frames.encode_columns: the same blob, made faster).
        """
        if isinstance(aggregates, EncodedAggregates):
            if aggregates.codec != AggregatesEncoder(self.schema_version).codec:
                raise ValueError(f"aggregates encoded as {aggregates.codec} for this database")
            encoded = aggregates
        else:
            encoded = self.aggregates_encoder()(aggregates, coded)
        with self.saving_evaluation(snapshot_id, limit_set_ref, result_json, [n for n, _, _ in encoded.blobs],
                                    lambda: encoded, user) as eid:
            pass
        return eid

    @contextmanager
    def saving_evaluation(self, snapshot_id: int, limit_set_ref: dict, result_json: dict, names: list[str],
                          aggregates: Callable[[], EncodedAggregates], user: str | None) -> Iterator[int]:
        """`save_evaluation` with its aggregates stored last, in one transaction: the evaluation's row and its
        journal entry (naming the aggregates `names`) are written and its id yielded; the body of the `with` runs;
        then `aggregates()` gives the blobs (this store's `aggregates_encoder`'s, of `names` in that order) and
        they are stored. The import opens the evaluation's breach cases in the body while its worker finishes the
        kept sums (issue 15): the same records as save_evaluation and then open_cases_from_evaluation, the chain
        in the same order (aggregate rows are part of the evaluation's entry, hashed when the transaction
        commits). An error anywhere stores none of it."""
        with self.transaction():
            self._require("snapshot", snapshot_id)
            withdrawn = self._one("SELECT id FROM snapshot_withdrawal WHERE snapshot_id = ?", (snapshot_id,))
            if withdrawn is not None:
                raise StoreError("withdrawn", snapshot_id=snapshot_id, withdrawal_id=withdrawn["id"])
            version_id = None
            if "limit_set_id" in limit_set_ref:
                row = self._one("SELECT id FROM limit_set_version WHERE limit_set_id = ? AND version = ?",
                                (limit_set_ref["limit_set_id"], limit_set_ref.get("version")))
                if row is None:
                    raise StoreError("not_found", entity="limit_set_version",
                                     id=[limit_set_ref["limit_set_id"], limit_set_ref.get("version")])
                version_id = row["id"]
            at = self.now()
            eid = self._insert("evaluation", {"snapshot_id": snapshot_id, "limit_set_ref": to_json(limit_set_ref),
                                              "limit_set_version_id": version_id, "result_json": to_json(result_json),
                                              "created_at": at, "created_by": user})
            self._journal("evaluation.saved", "evaluation", eid,
                          {"snapshot_id": snapshot_id, "limit_set_ref": limit_set_ref, "aggregates": list(names)},
                          user, at)
            yield eid
            encoded = aggregates()
            if encoded.codec != AggregatesEncoder(self.schema_version).codec:
                raise ValueError(f"aggregates encoded as {encoded.codec} for this database")
            if [n for n, _, _ in encoded.blobs] != list(names):
                raise ValueError(f"aggregates {[n for n, _, _ in encoded.blobs]} journaled as {list(names)}")
            for name, blob, n in encoded.blobs:
                self._insert("evaluation_aggregate", {"evaluation_id": eid, "name": str(name),
                                                      "codec": encoded.codec, "n_rows": n, "data": blob})

    def _evaluation(self, r: dict[str, Any], with_aggregates: bool) -> EvaluationRecord:
        rows = self._all("SELECT name, codec, data FROM evaluation_aggregate WHERE evaluation_id = ? ORDER BY id"
                         if with_aggregates else
                         "SELECT name FROM evaluation_aggregate WHERE evaluation_id = ? ORDER BY id", (r["id"],))
        aggregates = None
        if with_aggregates:
            aggregates = {}
            for a in rows:
                if a["codec"] not in (frames.FRAME_CODEC, frames.COLUMNS_CODEC, frames.COLUMNS_ZSTD_CODEC):
                    raise StoreError("unsupported_value", column=a["name"], type=[a["codec"]])
                aggregates[a["name"]] = frames.decode_blob(a["codec"], a["data"])
        return EvaluationRecord(id=r["id"], snapshot_id=r["snapshot_id"], limit_set_ref=from_json(r["limit_set_ref"]),
                                limit_set_version_id=r["limit_set_version_id"], result=from_json(r["result_json"]),
                                aggregate_names=tuple(a["name"] for a in rows), created_at=r["created_at"],
                                created_by=r["created_by"], aggregates=aggregates)

    def load_evaluation(self, evaluation_id: int) -> EvaluationRecord:
        return self._evaluation(self._require("evaluation", evaluation_id), with_aggregates=True)

    def evaluations_for(self, snapshot_id: int) -> list[EvaluationRecord]:
        """Newest first; aggregates not loaded (aggregate_names says which exist)."""
        return [self._evaluation(r, with_aggregates=False) for r in
                self._all("SELECT * FROM evaluation WHERE snapshot_id = ? ORDER BY id DESC", (snapshot_id,))]
