"""A snapshot's exposure and counterparty rows as columnar blocks (schema v8, table snapshot_block): how they are
encoded and read.

A million exposure rows stored a row each (v1, v7) took seconds to insert (a statement, an immutability
trigger and an index entry per row) and seconds more to hash for the chain. From v8 a snapshot's rows are a
few compressed blobs (a statement each; the chain hashes each blob by its SHA-256), each encoded with
core.store.frames' columnar layout compressed with Zstandard (COLUMNS_ZSTD_CODEC, `frames.encode_arrays`):

- part ROWS: the exposure rows, BLOCK_ROWS per block, ordered as the drill-down reads them — by the counterparty
  group their residual counts against (lt_group), then eliminated or not, then residual largest first, then seq
  (the row's position in the imported file) — so that a group's rows are one contiguous range;
- part TEXT: the snapshot's text values, once each (`value`), and of a counterparty its group's code (`grp`);
  the rows hold codes into it (-1: no value);
- part DIRECTORY: per group code its first position among the sorted rows and its count (written only when the
  import's evaluation attributed the rows: what `Store.exposure_page` needs);
- part PARENTS: the rows that are a look-through parent (seq, exposure_id, parent_seq), for the paths of a page;
- part COUNTERPARTIES: the counterparty rows in file order, BLOCK_ROWS per block, a column per
  core.store.frames.COUNTERPARTY_SPEC column (a yes/no one as -1 missing, 0, 1; one the frame lacks as
  missing values, as the v1 table stores it) — at least one block, empty for a frame without rows.

Columns of a ROWS block (ROW_COLUMNS): seq; exposure_id; member, counterparty, asset_class (codes);
instrument_id (text, None when missing); flags (the yes/no columns, bits as in v7's snapshot_exposure_coded);
amount_fen; amount (the frame's yuan, NaN where it is amount_fen / 100, as it nearly always is); parent_seq
(-1: none); lt_counterparty, lt_group (codes: the counterparty and group the row's residual counts against);
residual_fen; lt_eliminated (0/1). Without the import's evaluation the rows stay in file order and the
lt_* columns are -1 / 0 (no directory). Text is handled as Arrow arrays (taken, compared, dictionary-encoded in
Arrow's C loops) and becomes Python strings only for the rows a reader keeps. Pure functions over numpy, pandas
and pyarrow; the SQL is in core.store.snapshots.
"""
from __future__ import annotations

import ctypes
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from core import memory
from core.store import frames
from core.store.errors import StoreError

TABLE = "snapshot_block"
BLOCKS_SINCE = 8            # the schema version that made the table
BLOCK_ROWS = 65_536
ROWS, TEXT, DIRECTORY, PARENTS, COUNTERPARTIES = 1, 2, 3, 4, 5

CODED_TEXT = {"member_id": "member", "counterparty_id": "counterparty", "asset_class": "asset_class"}
FLAGS = ("overseas", "on_balance", "exempt_single_asset", "exempt_counterparty", "exempt_asset_class")
HELD_ELIMINATED = 1 << 5    # bit of `flags`: eliminated at the group scope under the holding dimensions
MISSING = 8                 # bit 8 + i: the i-th flag is missing
SPEC = {**frames.EXPOSURE_SPEC, **{c: frames.BOOL for c in frames.EXPOSURE_FLAG_COLUMNS}}
_PLAIN = ("exposure_id", "instrument_id")     # nearly all distinct: written as they are, not as codes
ROW_COLUMNS = ("seq", "exposure_id", "member", "counterparty", "instrument_id", "asset_class", "flags", "amount_fen",
               "amount", "parent_seq", "lt_counterparty", "lt_group", "residual_fen", "lt_eliminated")


@dataclass
class Encoded:
    """The blobs of one snapshot's exposures: [(part, block, n_rows, blob)], the frame's [[column, dtype]] and its
    number of rows."""

    blocks: list[tuple[int, int, int, bytes]]
    present: list[list[str]]
    n_rows: int


def _flag_bits(df: pd.DataFrame, held_eliminated: np.ndarray | None) -> np.ndarray:
    bits = np.zeros(len(df), dtype=np.int64)
    for i, flag in enumerate(FLAGS):
        if flag not in df.columns:
            bits |= 1 << (MISSING + i)
            continue
        s = df[flag]
        if s.dtype == bool:
            bits |= s.to_numpy().astype(np.int64) << i
            continue
        missing = pd.isna(s).to_numpy()
        true = s.fillna(False).to_numpy(dtype=object).astype(bool) if missing.any() else s.to_numpy().astype(bool)
        bits |= (true.astype(np.int64) << i) | (missing.astype(np.int64) << (MISSING + i))
    if held_eliminated is not None:
        bits |= held_eliminated.astype(np.int64) * HELD_ELIMINATED
    return bits


def flag_column(bits: np.ndarray, flag: str) -> np.ndarray:
    """One yes/no column back from the rows' `flags` numbers (the inverse of _flag_bits): bool, or an object
    array with None where the flag was missing."""
    i = FLAGS.index(flag)
    v = ((bits >> i) & 1).astype(bool)
    missing = ((bits >> (MISSING + i)) & 1).astype(bool)
    if not missing.any():
        return v
    obj = v.astype(object)
    obj[missing] = None
    return obj


def _text(df: pd.DataFrame, col: str) -> pa.Array | pa.ChunkedArray | None:
    """A text column as an Arrow string array, chunked as it is held (None: no such column): taken, compared and
    dictionary-encoded in Arrow's C loops, never a million Python strings."""
    if col not in df.columns:
        return None
    arr = frames._arrow_text(df[col], chunked=True)
    if arr is None:                        # values of another type, written as their text (as the v1 table does)
        arr = pa.array(frames._values(df[col], frames.STR), type=pa.large_string())
    return arr


def _joined(arr: pa.Array | pa.ChunkedArray) -> pa.Array:
    return arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr


def _first_order(codes: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Codes 0..k-1 (-1: missing) renumbered in order of first appearance, as a factorize of the values they
    stand for numbers them: (the new codes, int32; the old code of each new one). No hash table: each code's
    first row, then a sort of the k codes."""
    n = len(codes)
    first = np.full(k, n, dtype=np.int64)
    valid = codes >= 0
    every = bool(valid.all())
    np.minimum.at(first, codes if every else codes[valid],
                  np.arange(n, dtype=np.int64) if every else np.flatnonzero(valid))
    seen = np.flatnonzero(first < n)
    # the codes by their first rows, which are distinct positions below n: each code put at its first row and the
    # rows read in order (the first rows' sort, by placement instead of comparisons)
    at_row = np.full(n, -1, dtype=np.int64)
    at_row[first[seen]] = seen
    order = at_row[at_row >= 0]
    rank = np.full(k + 1, -1, dtype=np.int32 if k < 2 ** 31 else np.int64)     # (the last: code -1 stays -1)
    rank[order] = np.arange(len(order), dtype=rank.dtype)
    return rank[codes], order


def _stable_argsort(keys: np.ndarray, taken: np.ndarray | None = None) -> np.ndarray:
    """np.argsort(keys[taken], kind="stable") (of `keys` when `taken` is None) of integer keys, as a radix sort by
    16-bit digits, the least significant first: numpy's stable sort of 16-bit integers is itself a radix sort
    (linear time), and sorting stably by each digit in turn leaves the keys sorted, equal keys in their order.
    The same order in a quarter to a half of the time of a comparison sort of the int64 keys (at 1M: the
    residuals' 40 bits, three passes, 0.07 s against 0.12 s; the groups' 19 bits, two passes, 0.03 s against
    0.13 s)."""
    keyed = (keys[taken] if taken is not None else keys).astype(np.int64, copy=False)
    if not len(keyed):
        return np.argsort(keyed, kind="stable")
    # the keys counted from the smallest, as unsigned 64-bit numbers (the difference wraps exactly, whatever
    # the range), so that each 16-bit digit is a plain shift and truncation
    low = np.uint64(int(keyed.min()) & 0xFFFF_FFFF_FFFF_FFFF)
    offset = keyed.view(np.uint64) - low
    top = int(offset.max())
    order: np.ndarray | None = None
    shift = 0
    while True:
        digit = (offset >> np.uint64(shift)).astype(np.uint16)          # (truncated: the 16 bits at `shift`)
        step = np.argsort(digit if order is None else digit[order], kind="stable")
        order = step if order is None else order[step]
        shift += 16
        if shift >= 64 or top >> shift == 0:
            return order


def _categorical_codes(s: pd.Series) -> tuple[np.ndarray, np.ndarray] | None:
    """`_codes` of a categorical column of text, from its codes (no value hashed): None when its categories
    are not all text."""
    words = s.cat.categories
    values = words.to_numpy(dtype=object)
    if len(values) and pd.api.types.infer_dtype(values, skipna=False) != "string":
        return None
    codes, order = _first_order(s.cat.codes.to_numpy(), len(values))
    return codes, values[order]


def _addresses(values: np.ndarray) -> np.ndarray:
    """Which object each cell of an object array holds, as one integer per cell (the object's address, copied
    out of the array's buffer of object pointers): equal integers are the very same object, so equal values, and
    are found so by comparing integers, with no Python call per cell (a million compared or hashed in a tenth of
    the time). Unequal integers say nothing: equal strings may be two objects. Meaningful while `values` holds
    its objects (the caller's array does). numpy will not view an array of references as integers, hence ctypes."""
    values = np.ascontiguousarray(values, dtype=object)
    if not values.size:
        return np.empty(0, dtype=np.uintp)
    pointers = (ctypes.c_char * values.nbytes).from_address(values.ctypes.data)
    return np.frombuffer(memoryview(pointers).cast("B"), dtype=np.uintp).copy()


def _factorize_objects(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """pd.factorize(values, use_na_sentinel=True) of an object array, the same codes and uniques: the objects are
    factorized by identity first (integers: the CSV reader's columns of a few distinct texts hold each text as
    one object, a million cells of 4 or 5 objects), then those objects by value (equal texts held as two
    objects get one code, numbered where the first of them first appears: factorize's numbering). A column of
    mostly distinct objects is factorized by value directly."""
    n = len(values)
    same, objects = pd.factorize(_addresses(values))
    if len(objects) > n // 4:
        return pd.factorize(values, use_na_sentinel=True)
    first = np.full(len(objects), n, dtype=np.int64)        # each object's first cell
    np.minimum.at(first, same, np.arange(n, dtype=np.int64))
    codes, uniques = pd.factorize(values[first], use_na_sentinel=True)
    return codes[same], uniques


def _coded_column(df: pd.DataFrame, col: str, raw: bool = False
                  ) -> pa.Array | np.ndarray | tuple[np.ndarray, np.ndarray] | None:
    """A text column to be coded as it is held: an Arrow string array, a column of Python strings as
    `_codes` of it (factorized as it is, with the hash each string caches: quicker than making Arrow strings of
    them first; only its distinct values are checked to be text), or a categorical's (codes, values) (from its
    codes). `raw`: an object column as its array, unchecked (the caller compares it with known text)."""
    if col not in df.columns:
        return None
    s = df[col]
    if s.dtype == object:
        values = s.to_numpy(dtype=object)
        if raw:
            return values
        codes, uniques = _factorize_objects(values)
        if pd.api.types.infer_dtype(uniques, skipna=True) in ("string", "empty"):
            return codes.astype(np.int32), np.asarray(uniques, dtype=object)
    if isinstance(s.dtype, pd.CategoricalDtype) and (coded := _categorical_codes(s)) is not None:
        return coded
    text = _text(df, col)
    return None if text is None else _joined(text)       # (dictionary-encoded whole: one dictionary)


def _codes(arr: pa.Array | np.ndarray | tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(codes, -1 for a missing value; the distinct values as an object array, in order of first appearance)
    of a text column."""
    if isinstance(arr, tuple):
        return arr
    if isinstance(arr, np.ndarray):
        codes, uniques = _factorize_objects(arr)
        return codes.astype(np.int32), np.asarray(uniques, dtype=object)
    encoded = pc.dictionary_encode(arr, null_encoding="mask")
    return (pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False).astype(np.int32),
            encoded.dictionary.to_numpy(zero_copy_only=False))


def _attribution(aggregates: Any, exposures: pd.DataFrame, ids: pa.Array) -> dict[str, Any] | None:
    """What the import's evaluation (core.concentration Aggregates: `rows` in input order, taken as the arrays
    `row_data` holds when it has them, and `counterparties`) says of each row, by counterparty code (positions
    in `counterparties`): None when it does not describe these rows. The arrays are taken as they are held
    (int32 codes): no million-row copies where the import peaks."""
    cols = getattr(aggregates, "row_data", None)
    if not isinstance(cols, dict):
        rows = getattr(aggregates, "rows", None)
        cols = None if rows is None else {c: rows[c] for c in rows.columns}
    cpt = getattr(aggregates, "counterparties", None)
    if cols is None or cpt is None or not {
            "lt_cp_code", "residual_fen", "cp_code", "has_children", "exposure_id"} <= set(cols) \
            or len(cols["exposure_id"]) != len(exposures):
        return None
    mine, theirs = exposures["exposure_id"], cols["exposure_id"]
    if not isinstance(theirs, pd.Series):
        theirs = pd.Series(theirs, dtype=object if np.asarray(theirs).dtype == object else None, copy=False)
    if mine.dtype == object and theirs.dtype == object:
        # mostly the very same string objects: compared by identity first, in numpy's loop
        if not np.array_equal(mine.to_numpy(dtype=object), theirs.to_numpy(dtype=object)):
            return None
    else:
        arrow = frames._arrow_text(theirs, chunked=True)       # (chunked as held: not joined, a copy of every id)
        if arrow is None or arrow.null_count or not pc.all(pc.equal(arrow.cast(ids.type), ids)).as_py():
            return None

    def ints(name: str) -> np.ndarray:
        v = np.asarray(cols[name])
        return v if v.dtype.kind in "iu" else v.astype(np.int64)

    intra = pd.notna(cpt["group_member"]).to_numpy()
    own = ints("cp_code")
    lt = ints("lt_cp_code")
    return {"cp_ids": cpt["counterparty_id"].to_numpy(dtype=object), "groups": cpt["group_key"].to_numpy(dtype=object),
            "cp_code": own,
            "parent_pos": ints("parent_pos") if "parent_pos" in cols else None,
            "lt": lt, "residual_fen": np.asarray(cols["residual_fen"]).astype(np.int64, copy=False),
            "lt_eliminated": np.where(lt >= 0, intra[np.maximum(lt, 0)], False).astype(np.int8),
            "held_eliminated": np.where(own >= 0, intra[np.maximum(own, 0)], False)
            & ~np.asarray(cols["has_children"], dtype=bool)}


def _parent_positions(ids: pa.Array, parents: pa.Array, known: np.ndarray | None) -> np.ndarray | None:
    """The position of each row's look-through parent (-1: none), None when a parent id names no row. The
    evaluation's positions (`known`) are taken when each names a row with the parent's id (checked by
    position, no hashing of a million ids); else looked up. A parent id given twice in the rows is taken at
    its first row: the id read back is the same either way."""
    has = parents.is_valid()
    if known is not None and len(known) == len(ids):
        claimed = known >= 0
        if np.array_equal(claimed, has.to_numpy(zero_copy_only=False)):
            at = np.flatnonzero(claimed)
            if not len(at) or pc.all(pc.equal(ids.take(pa.array(known[at])).cast(pa.large_string()),
                                              parents.take(pa.array(at)).cast(pa.large_string()))).as_py():
                return known
    pos = pc.index_in(parents, value_set=_joined(ids).cast(parents.type))
    if (has.to_numpy(zero_copy_only=False) & ~pos.is_valid().to_numpy(zero_copy_only=False)).any():
        return None
    return pc.fill_null(pos, -1).to_numpy(zero_copy_only=False).astype(np.int64)


def _same_as_theirs(values: pa.Array | np.ndarray | tuple[np.ndarray, np.ndarray], own: np.ndarray,
                    cp_ids: np.ndarray) -> np.ndarray | None:
    """Where the exposures' counterparty ids are missing (a bool array) when every other row's id is the id of
    its counterparty code `own` in the evaluation's table `cp_ids`; None when one is not. Compared a slice at a
    time (no million-row copies at the import's peak of memory): objects in one comparison (the rows that differ
    must then be missing ids), Arrow strings in Arrow's loop, a categorical by its categories."""
    n = len(own)
    if isinstance(values, tuple):                       # a categorical's codes and values: compare the values only
        codes, words = values
        try:
            at = pd.Index(cp_ids).get_indexer(words)
        except pd.errors.InvalidIndexError:             # (ids given twice in the table: compared row by row)
            return None
        missing = codes < 0
        theirs = np.where(missing, -1, at[codes])
        return missing if np.array_equal(np.where(missing, -1, own), theirs) else None
    step = 1 << 17
    if isinstance(values, pa.Array):
        missing = values.is_null().to_numpy(zero_copy_only=False)
        ids = pa.array(cp_ids, type=pa.large_string())
        mine_all = values.cast(pa.large_string())
        for a in range(0, n, step):
            theirs = ids.take(pa.array(own[a:a + step]))
            if not pc.all(pc.or_kleene(pc.equal(theirs, mine_all[a:a + step]), pc.is_null(mine_all[a:a + step]))
                          ).as_py():
                return None
        return missing
    missing = np.zeros(n, dtype=bool)
    theirs_at = _addresses(cp_ids)
    for a in range(0, n, step):
        # objects: compared by identity (integers; nearly all are the very objects of the table), the rest by
        # value; only the few rows that differ must be missing ids
        mine = values[a:a + step]
        ids_of = own[a:a + step]
        other = np.flatnonzero(theirs_at[ids_of] != _addresses(mine))
        differ = other[cp_ids[ids_of[other]] != mine[other]] if len(other) else other
        if len(differ):
            if not pd.isna(mine[differ]).all():
                return None
            missing[a + differ] = True
    return missing


def _counterparty_codes(values: pa.Array | np.ndarray | tuple[np.ndarray, np.ndarray] | None, own: np.ndarray,
                        cp_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """`_codes` of the exposures' counterparty ids (as `_coded_column` holds them) from the evaluation's
    counterparty code of each row, when each row's id is that counterparty's: the same codes and values,
    without hashing a million ids again, and the values' positions in `cp_ids` (for `_vocabulary`)."""
    if values is None or len(own) != (len(values[0]) if isinstance(values, tuple) else len(values)) \
            or not len(cp_ids) or (own < 0).any():
        return None
    missing = _same_as_theirs(values, own, cp_ids)
    if missing is None:
        return None
    if missing.any():                                   # a missing id is code -1, not a value
        own = np.where(missing, -1, own)
    codes, order = _first_order(own, len(cp_ids))      # first appearance, as _codes numbers them
    return codes, np.asarray(cp_ids[order], dtype=object), order


def _vocabulary(columns: list[pa.Array | np.ndarray | tuple | None],
                extra: list[np.ndarray]) -> tuple[list[np.ndarray | None], list[np.ndarray], np.ndarray]:
    """One vocabulary for several text columns: (the codes of each column, -1 for None; the codes of each `extra`
    array of values; the values by code, in order of first appearance over the columns' distinct values and
    then the extras, as one factorize of them all numbers them). Each column is dictionary-encoded alone and
    only the distinct values are merged (hashing five million cells once took longer than this). A column given
    as (codes, values) is taken as coded so; as (codes, values, positions) its values are `extra[0][positions]`
    (the counterparty ids the evaluation coded) and are not hashed again."""
    parts: list[np.ndarray | None] = []
    uniques: list[np.ndarray] = []
    within: list[np.ndarray | None] = []      # per unique block: its positions in extra[0], when it is taken from it
    for col in columns:
        if col is None:
            parts.append(None)
            continue
        coded = col if isinstance(col, tuple) else _codes(col)
        parts.append(coded[0])
        uniques.append(np.asarray(coded[1], dtype=object))
        within.append(coded[2] if len(coded) > 2 and extra else None)
    uniques += [np.asarray(e, dtype=object) for e in extra]
    within += [None] * len(extra)
    hashed = [u for u, w in zip(uniques, within) if w is None]
    allu = np.concatenate(hashed) if hashed else np.array([], dtype=object)
    found, values = pd.factorize(allu, use_na_sentinel=True)
    # each unique block's codes into `values`, a taken block's from those of extra[0]; then renumbered in order of
    # first appearance over all blocks (what a factorize of every block would give, equal values equal codes)
    by_block: list[np.ndarray] = []
    at = 0
    for u, w in zip(uniques, within):
        by_block.append(found[at:at + len(u)] if w is None else np.empty(0, dtype=found.dtype))
        at += len(u) if w is None else 0
    for i, w in enumerate(within):
        if w is not None:               # extra[0]'s codes, hashed above (it is never a taken block itself)
            by_block[i] = by_block[len(uniques) - len(extra)][w]
    merged_all = np.concatenate(by_block) if by_block else np.array([], dtype=np.int64)
    if any(w is not None for w in within):
        merged, order = _first_order(merged_all, len(values))
        values = np.asarray(values, dtype=object)[order]
    else:
        merged, values = merged_all, np.asarray(values, dtype=object)
    out: list[np.ndarray | None] = []
    at = k = 0
    for part in parts:
        if part is None:
            out.append(None)
            continue
        m = merged[at:at + len(uniques[k])]
        # int32: three million-row columns held through the blocks' encoding (a vocabulary is under 2**31)
        out.append(np.where(part >= 0, m.astype(np.int32)[np.maximum(part, 0)] if len(m) else -1, np.int32(-1))
                   .astype(np.int32, copy=False))
        at += len(uniques[k])
        k += 1
    rest = []
    for e in extra:
        rest.append(merged[at:at + len(e)].astype(np.int64))
        at += len(e)
    return out, rest, values


def encode_exposures(df: pd.DataFrame, aggregates: Any) -> Encoded | None:
    """The blocks of an exposure frame (and the import's evaluation of it, or None), or None when the frame
    cannot be stored so exactly (no or missing ids or amounts, duplicate or unknown parents: the v1 table)."""
    for col in df.columns:
        if col not in SPEC:
            raise StoreError("unknown_column", frame="exposures", column=str(col))
    n = len(df)
    if n == 0 or "exposure_id" not in df.columns or "amount_fen" not in df.columns:
        return None
    ids = _text(df, "exposure_id")
    assert ids is not None
    if ids.null_count:
        return None
    fen_s = df["amount_fen"]
    if isinstance(fen_s.dtype, np.dtype) and np.issubdtype(fen_s.dtype, np.integer):
        fen = fen_s.to_numpy().astype(np.int64, copy=False)
    else:
        vals = np.asarray(frames._values(fen_s, frames.INT), dtype=object)
        if pd.isna(vals).any():
            return None
        fen = vals.astype(np.int64)
    # the columns of the blocks are held in the narrowest integers that keep their values (int32 codes and
    # positions, a constant column as a view of one value): the blobs are the same (encode_arrays writes every
    # integer column as int64 values, in 32 bits when they fit) at half the memory where the import peaks
    amount: np.ndarray = np.broadcast_to(np.float64(np.nan), (n,))
    if "amount" in df.columns:
        a = df["amount"].to_numpy(dtype=np.float64, na_value=np.nan)
        if np.isnan(a).any():
            return None                     # a missing amount would come back as amount_fen / 100
        differs = a != fen / 100.0
        if differs.any():
            amount = np.full(n, np.nan)
            amount[differs] = a[differs]
        del a, differs
    att = _attribution(aggregates, df, ids) if aggregates is not None else None
    parent = np.full(n, -1, dtype=np.int64)
    if "parent_exposure_id" in df.columns:
        parents = _text(df, "parent_exposure_id")
        assert parents is not None
        parents = _joined(parents)          # (nearly all missing: a small copy)
        if parents.null_count < n:
            found = _parent_positions(ids, parents, None if att is None else att["parent_pos"])
            if found is None:
                return None                 # a parent id naming no row
            parent = found.astype(np.int32, copy=False)
    # the counterparty ids the evaluation coded are taken from it when each row's id is its counterparty's (popped:
    # a million codes not kept through the blocks' encoding, the import's peak of memory); else hashed as the rest
    known = None if att is None else _counterparty_codes(_coded_column(df, "counterparty_id", raw=True),
                                                         att.pop("cp_code"), att["cp_ids"])
    text_cols: list[Any] = [known if c == "counterparty_id" and known is not None else _coded_column(df, c)
                            for c in CODED_TEXT]
    extra = [] if att is None else [att["cp_ids"], att["groups"]]
    (member, counterparty, asset_class), rest, vocab = _vocabulary(text_cols, extra)
    del text_cols, known        # (the counterparty codes given, a million of them, are in `counterparty` now)
    grp = np.full(len(vocab), -1, dtype=np.int64)
    none = np.broadcast_to(np.int32(-1), (n,))
    if att is not None:
        cp_code, group_code = rest                      # vocabulary codes of the counterparties and their groups
        with_group = pd.notna(att["groups"])
        grp[cp_code[with_group]] = group_code[with_group]
        lt = att["lt"]
        lt_cp = np.where(lt >= 0, cp_code.astype(np.int32)[np.maximum(lt, 0)], np.int32(-1))
        groups_of = np.where(with_group, group_code, -1).astype(np.int32)
        lt_group = np.where(lt >= 0, groups_of[np.maximum(lt, 0)], np.int32(-1))
        residual, lt_elim = att["residual_fen"], att["lt_eliminated"]
        # by group, eliminated or not, residual largest first, seq: the residuals' stable sort (the seq is the
        # order it keeps), then by group keeping that order
        by_residual = _stable_argsort(-residual)
        order = by_residual[_stable_argsort((lt_group.astype(np.int64) + 1) * 2 + lt_elim, by_residual)]
        del by_residual
    else:
        lt_cp = lt_group = none
        residual, lt_elim = np.broadcast_to(np.int64(0), (n,)), np.broadcast_to(np.int8(0), (n,))
        order = np.arange(n)
    instruments = _text(df, "instrument_id")
    columns: dict[str, Any] = {
        "seq": np.arange(n, dtype=np.int32 if n < 2 ** 31 else np.int64), "exposure_id": ids,
        "member": none if member is None else member, "counterparty": none if counterparty is None else counterparty,
        "instrument_id": pa.nulls(n, pa.large_string()) if instruments is None else instruments,
        "asset_class": none if asset_class is None else asset_class,
        "flags": _flag_bits(df, None if att is None else att["held_eliminated"]).astype(np.int32), "amount_fen": fen,
        "amount": amount, "parent_seq": parent, "lt_counterparty": lt_cp, "lt_group": lt_group,
        "residual_fen": residual, "lt_eliminated": lt_elim}

    def row_block(b: int) -> tuple[int, int, int, bytes]:
        take = order[b * BLOCK_ROWS:(b + 1) * BLOCK_ROWS]
        picked = pa.array(take)
        return (ROWS, b, len(take), frames.encode_arrays(
            {c: columns[c].take(picked) if isinstance(columns[c], (pa.Array, pa.ChunkedArray)) else columns[c][take]
             for c in ROW_COLUMNS},
            plain=_PLAIN))

    # the coding and sorting above freed more than they keep: given back before the blocks' encoding, the
    # import's peak of memory
    memory.give_back()
    n_blocks = -(-n // BLOCK_ROWS)
    # two at a time: Arrow's take and Zstandard, most of a block's time, run without the GIL (in order either way);
    # meanwhile this thread encodes the other parts, mostly Python's work (the text values made Arrow strings)
    with ThreadPoolExecutor(max_workers=2 if n_blocks > 1 else 1) as pool:
        row_blocks = pool.map(row_block, range(n_blocks))
        others = _other_blocks(vocab, grp, None if att is None else lt_group[order], ids, parent)
        blocks = list(row_blocks) + others
    present = [[c, str(df[c].dtype)] for c in SPEC if c in df.columns]
    return Encoded(blocks, present, n)


def _other_blocks(vocab: np.ndarray, grp: np.ndarray, sorted_groups: np.ndarray | None, ids: pa.Array | pa.ChunkedArray,
                  parent: np.ndarray) -> list[tuple[int, int, int, bytes]]:
    """The TEXT blocks of the vocabulary (`grp`: each value's group code), the DIRECTORY of the rows' groups in
    their sorted order (`sorted_groups`: None without the evaluation's attribution) and the PARENTS."""
    out = []
    for b, start in enumerate(range(0, len(vocab), BLOCK_ROWS)):
        part = slice(start, start + BLOCK_ROWS)
        # (the vocabulary's values are distinct: coded as they stand, not hashed again)
        out.append((TEXT, b, len(vocab[part]), frames.encode_arrays({"value": vocab[part], "grp": grp[part]},
                                                                   distinct=("value",))))
    if sorted_groups is not None:           # ascending: each group's rows are one range (np.unique's answer)
        first = np.flatnonzero(np.r_[True, sorted_groups[1:] != sorted_groups[:-1]])
        count = np.diff(np.r_[first, len(sorted_groups)])
        directory = {"group": sorted_groups[first].astype(np.int64), "first": first.astype(np.int64),
                     "count": count.astype(np.int64)}
        out.append((DIRECTORY, 0, len(first), frames.encode_arrays(directory)))
    held = np.unique(parent[parent >= 0])
    if len(held):
        out.append((PARENTS, 0, len(held), frames.encode_arrays(
            {"seq": held, "exposure_id": ids.take(pa.array(held)), "parent_seq": parent[held]}, plain=_PLAIN)))
    return out


def decode(blobs: list[bytes], columns: tuple[str, ...] | None = None) -> dict[str, np.ndarray]:
    """The columns of consecutive blocks of one part, concatenated ({column: array}); `columns`: only these."""
    frames_ = [frames.decode_columns(b, columns) for b in blobs]
    if not frames_:
        return {}
    names = list(frames_[0].columns)
    return {c: np.concatenate([f[c].to_numpy() for f in frames_]) if len(frames_) > 1 else frames_[0][c].to_numpy()
            for c in names}


def decode_arrow(blobs: list[bytes], columns: tuple[str, ...]) -> dict[str, Any]:
    """`decode` with text columns as Arrow string arrays (chunked over the blocks); a column the blocks do not
    hold is left out."""
    parts = [frames.decode_arrays(b, columns) for b in blobs]
    if not parts:
        return {}
    return {c: pa.chunked_array([p[c] for p in parts]).combine_chunks() if isinstance(parts[0][c], pa.Array)
            else np.concatenate([p[c] for p in parts]) for c in columns if c in parts[0]}


# the ROWS blocks' columns the exposure frame is made of
FRAME_COLUMNS = ("seq", "exposure_id", "member", "counterparty", "instrument_id", "asset_class", "flags",
                 "amount_fen", "amount", "parent_seq")


def exposure_frame(cols: dict[str, Any], vocab: np.ndarray | None, present: list[list[str]] | None,
                   columns: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The exposure frame as it was saved (file order, dtypes from `present`) from the decoded ROWS blocks
    (`cols`, every block, any order: rows go back to their seq); `vocab`: the values by code with None appended
    (code -1). `columns`: only these. The text columns may come as Arrow string arrays (`decode_arrow`): a
    column saved as pandas `str` is then taken over as it is, with no Python string made (a million ids each
    cost ~0.1 s and ~60 MB as Python strings, and turning those back into Arrow text as much again)."""
    wanted = [pc for pc in (present or [[c, frames._DEFAULT_DTYPE[k]] for c, k in SPEC.items()])
              if columns is None or pc[0] in columns]
    seq = cols["seq"]
    n = len(seq)
    back = np.empty(n, dtype=np.int64)
    back[seq] = np.arange(n)            # position in the blocks of each seq
    in_order = bool(n == 0 or (seq[0] == 0 and (np.diff(seq) == 1).all()))

    def column(name: str) -> Any:
        values = cols[name]
        if isinstance(values, (pa.Array, pa.ChunkedArray)):
            return values if in_order else values.take(pa.array(back))
        return values[back]

    out: dict[str, Any] = {}
    for col, dtype in wanted:
        if col in CODED_TEXT:
            assert vocab is not None
            out[col] = vocab[column(CODED_TEXT[col])]
        elif col in FLAGS:
            out[col] = flag_column(column("flags"), col)
        elif col == "parent_exposure_id":
            # each row's parent is the exposure_id of the row whose seq it names (-1: none)
            parent_seq = column("parent_seq")
            has = np.flatnonzero(parent_seq >= 0)
            parent = np.full(n, None, dtype=object)
            if len(has):
                parent[has] = _objects(column("exposure_id"), parent_seq[has])
            out[col] = parent
        elif col == "amount":
            a = column("amount")
            out[col] = np.where(np.isnan(a), column("amount_fen") / 100.0, a)
        elif col == "amount_fen":
            out[col] = column("amount_fen").astype(np.int64)
        else:
            values = column(col)
            if isinstance(values, (pa.Array, pa.ChunkedArray)):
                out[col] = frames.arrow_text(values) if dtype == frames.ARROW_TEXT_DTYPE else \
                    np.asarray(values.to_numpy(zero_copy_only=False), dtype=object)
            else:
                out[col] = values if values.dtype == object else values.astype(object)
    return frames.from_columns(out, SPEC, wanted, n)


def _objects(values: Any, at: np.ndarray) -> np.ndarray:
    """The cells `at` of a text column (Arrow or object array) as an object array of Python strings."""
    if isinstance(values, (pa.Array, pa.ChunkedArray)):
        return np.asarray(values.take(pa.array(at)).to_numpy(zero_copy_only=False), dtype=object)
    return values[at]


CP_PLAIN = ("counterparty_id", "name")        # nearly all distinct


def encode_counterparties(df: pd.DataFrame) -> list[tuple[int, int, int, bytes]]:
    """The COUNTERPARTIES blocks of a counterparty frame (every spec column; `present` is the caller's)."""
    for col in df.columns:
        if col not in frames.COUNTERPARTY_SPEC:
            raise StoreError("unknown_column", frame="counterparties", column=str(col))
    n = len(df)
    columns: dict[str, Any] = {}
    for col, kind in frames.COUNTERPARTY_SPEC.items():
        if kind == frames.BOOL:
            if col not in df.columns:
                columns[col] = np.full(n, -1, dtype=np.int64)
            elif df[col].dtype == bool:
                columns[col] = df[col].to_numpy().astype(np.int64)
            else:
                columns[col] = np.array([-1 if v is None else v for v in frames._values(df[col], kind)], dtype=np.int64)
        else:
            text = _text(df, col)
            columns[col] = pa.nulls(n, pa.large_string()) if text is None else text
    out = []
    for b, start in enumerate(range(0, max(n, 1), BLOCK_ROWS)):
        part = slice(start, start + BLOCK_ROWS)
        out.append((COUNTERPARTIES, b, len(range(n)[part]), frames.encode_arrays(
            {c: v[part] for c, v in columns.items()}, plain=CP_PLAIN)))
    return out


def counterparty_values(column: str, values: np.ndarray) -> np.ndarray:
    """A decoded COUNTERPARTIES column as the v1 table gives its values (an object array: text or None; a yes/no
    column as 1, 0 or None)."""
    if frames.COUNTERPARTY_SPEC[column] == frames.BOOL:
        out = np.empty(len(values), dtype=object)
        out[:] = [None if v < 0 else v for v in values.tolist()]
        return out
    return values if values.dtype == object else values.astype(object)
