"""DataFrames in and out of the database, exactly.

Two mechanisms:
- GroupData frames (members, counterparties, exposures, limits, business) go into typed per-entity tables,
  one row per frame row, with a `seq` keeping the order. `SPECS` fixes each column's storage kind;
  `to_columns` / `from_rows` convert, restoring the dtypes recorded at save time, so a round trip gives
  frames equal to the ones saved (`pd.testing.assert_frame_equal`), whatever string dtype the importer used.
- Any other frame (evaluation aggregates) is stored as one compressed blob: from schema v7 on columnar
  (`encode_columns` / `decode_columns`, codec COLUMNS_CODEC: numbers as arrays, text as codes), before it
  zlib-compressed JSON holding columns, dtypes and values by column (`encode_frame` / `decode_frame`, codec
  FRAME_CODEC, still read).
  No pickle: the history must stay readable by later versions of Python and pandas. Decimal, date and
  datetime values keep their type; non-finite floats are kept as tokens.
"""
from __future__ import annotations

import json
import math
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from core.concentration import model
from core.store.errors import StoreError

STR, INT, OPT_INT, BOOL, DEC, FLOAT = "str", "int", "opt_int", "bool", "dec", "float"

# Storage kind of every known column, in model.*_COLUMNS order.
MEMBER_SPEC = dict(zip(model.MEMBER_COLUMNS, (STR, STR, STR, INT, INT, DEC, OPT_INT, OPT_INT)))
COUNTERPARTY_SPEC = dict(zip(model.COUNTERPARTY_COLUMNS, (STR, STR, STR, STR, STR, STR, BOOL, BOOL, STR)))
# Exposure flags added to the model after snapshot_exposure was fixed are not columns of that table: the
# snapshot keeps them in its meta (see core.store.snapshots, ROW_FLAGS), so that the rows of earlier
# snapshots, and the chain content hashed from them, stay exactly as they were.
EXPOSURE_FLAG_COLUMNS = ("exempt_asset_class",)
EXPOSURE_SPEC = dict(zip([c for c in model.EXPOSURE_COLUMNS if c not in EXPOSURE_FLAG_COLUMNS],
                         (STR, STR, STR, STR, STR, BOOL, BOOL, INT, FLOAT, STR, BOOL, BOOL)))
LIMIT_SPEC = dict(zip(model.LIMIT_COLUMNS, (STR, STR, STR, STR, STR, STR, DEC, DEC, STR, STR)))
BUSINESS_SPEC = dict(zip(model.BUSINESS_COLUMNS, (STR, STR, STR, STR, STR, STR, INT, FLOAT)))
assert all(len(s) == len(c) for s, c in ((MEMBER_SPEC, model.MEMBER_COLUMNS),
                                         (COUNTERPARTY_SPEC, model.COUNTERPARTY_COLUMNS),
                                         (EXPOSURE_SPEC, model.EXPOSURE_COLUMNS[:len(model.EXPOSURE_COLUMNS)
                                                                                 - len(EXPOSURE_FLAG_COLUMNS)]),
                                         (LIMIT_SPEC, model.LIMIT_COLUMNS),
                                         (BUSINESS_SPEC, model.BUSINESS_COLUMNS)))

_DEFAULT_DTYPE = {STR: "object", INT: "int64", OPT_INT: "Int64", BOOL: "bool", DEC: "object", FLOAT: "float64"}


def _isna(v: Any) -> bool:
    return v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v)


def _plain_text(s: pd.Series) -> list | None:
    """The column's values when every one is a str (nothing missing), else None: a vectorised test first,
    so a million-row text column is not looked at value by value (the values are what the loops below give)."""
    if not (s.dtype == object or pd.api.types.is_string_dtype(s.dtype)) or bool(pd.isna(s).any()):
        return None
    vals = s.tolist()
    return vals if all(type(v) is str for v in vals) else None


def _values(s: pd.Series, kind: str) -> list:
    """One column as a list of Python values SQLite stores exactly (None for missing)."""
    if kind == STR:
        plain = _plain_text(s)
        if plain is not None:
            return plain
    if kind == FLOAT and s.dtype == np.float64:
        vals = s.tolist()
        for i in np.flatnonzero(np.isnan(s.to_numpy())):
            vals[i] = None
        return vals
    if kind == BOOL:
        if s.dtype == bool:
            return s.astype(np.int8).tolist()
        return [None if _isna(v) else int(bool(v)) for v in s.tolist()]
    if kind in (INT, OPT_INT):
        if isinstance(s.dtype, np.dtype) and np.issubdtype(s.dtype, np.integer):
            return s.tolist()
        return [None if _isna(v) else int(v) for v in s.tolist()]
    if kind == FLOAT:
        return [None if _isna(v) else float(v) for v in s.tolist()]
    if kind == DEC:
        return [None if _isna(v) else (str(v) if isinstance(v, Decimal) else str(Decimal(str(v))))
                for v in s.tolist()]
    return [None if _isna(v) else (v if isinstance(v, str) else str(v)) for v in s.tolist()]


def to_columns(df: pd.DataFrame, spec: dict[str, str], frame: str) -> tuple[list[list], list[list[str]]]:
    """(values of every spec column in spec order, [[column, dtype], ...] of the columns the frame had).

    A spec column the frame lacks is stored as NULL and left out again on load; a column the spec does not
    know raises `unknown_column` (nothing on record may be silently dropped).
    """
    for col in df.columns:
        if col not in spec:
            raise StoreError("unknown_column", frame=frame, column=str(col))
    n = len(df)
    values, present = [], []
    for col, kind in spec.items():
        if col in df.columns:
            values.append(_values(df[col], kind))
            present.append([col, str(df[col].dtype)])
        else:
            values.append([None] * n)
    return values, present


def from_rows(rows: list[tuple], spec: dict[str, str], present: list[list[str]] | None) -> pd.DataFrame:
    """Rebuild a frame from fetched rows (spec column order); `present` = what `to_columns` recorded, or
    None for every spec column with the model's default dtypes (str → object with None, Decimal → object)."""
    n = len(rows)
    columns = {}
    for col, values in zip(spec, zip(*rows) if n else [()] * len(spec)):
        arr = np.empty(n, dtype=object)             # no inference: None stays None
        arr[:] = values
        columns[col] = arr
    return from_columns(columns, spec, present, n)


def from_columns(columns: dict[str, np.ndarray], spec: dict[str, str], present: list[list[str]] | None,
                 n: int) -> pd.DataFrame:
    """`from_rows` for values already by column ({column: object ndarray of Python values, None = NULL}, or
    an int64 / bool ndarray when nothing is missing): the compact exposure rows are decoded by column."""
    wanted = present if present is not None else [[c, _DEFAULT_DTYPE[k]] for c, k in spec.items()]
    data = {}
    for col, dtype in wanted:
        values = columns[col]
        if isinstance(values, pd.Series):          # (`arrow_text`: already as saved)
            s = values
        elif values.dtype != object and spec[col] in (INT, OPT_INT, BOOL, FLOAT):
            s = pd.Series(values)
        else:
            s = _series(values, spec[col])
        if str(s.dtype) != dtype:
            try:
                s = s.astype(dtype)
            except (TypeError, ValueError):
                pass
        data[col] = s
    return pd.DataFrame(data, index=pd.RangeIndex(n))


# how the snapshot's columns_json names the dtype of a column of Arrow text (model.TEXT_DTYPE: the importer's ids)
ARROW_TEXT_DTYPE = str(model.TEXT_DTYPE)


def arrow_text(values: Any) -> pd.Series:
    """A pyarrow string array as the pandas `str` column it was saved from (no Python string made)."""
    return pd.Series(pd.arrays.ArrowStringArray(values, dtype=model.TEXT_DTYPE), copy=False)


def _series(obj: np.ndarray, kind: str) -> pd.Series:
    """One stored column (object ndarray of Python values, None = NULL) as a Series of its kind."""
    # (looked for only where it decides the dtype: a million-cell text column is not scanned for nothing)
    missing = kind in (INT, BOOL) and len(obj) and pd.isna(obj).any()
    if kind == INT and not missing:
        return pd.Series(obj.astype(np.int64))
    if kind in (INT, OPT_INT):
        return pd.Series(pd.array(obj, dtype="Int64"))
    if kind == BOOL:
        if missing:
            return pd.Series(pd.array([None if v is None else bool(v) for v in obj], dtype="boolean"))
        return pd.Series(obj.astype(bool))
    if kind == FLOAT:
        return pd.Series(np.array(obj, dtype=np.float64))
    if kind == DEC:
        out = np.empty(len(obj), dtype=object)
        out[:] = [None if v is None else Decimal(v) for v in obj]
        return pd.Series(out, dtype=object)
    return pd.Series(obj.copy(), dtype=object)


def rows_for_insert(parent_id: int, values: list[list]) -> Iterable[tuple]:
    """(parent_id, seq, col1, col2, ...) per row, lazily, for executemany."""
    n = len(values[0]) if values else 0
    return zip([parent_id] * n, range(n), *values)


# ---------------------------------------------------------------------------------------------------------
# generic frame blob (evaluation aggregates)

FRAME_CODEC = "riskdesk-frame-json-v1+zlib"
_NONFINITE = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}


def _encode_values(s: pd.Series, name: str) -> tuple[str, list]:
    dtype = s.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return _encode_values(s.astype(object), name)        # categories kept in the column's "categories"
    if dtype == bool or str(dtype) == "boolean":
        return "bool", [None if _isna(v) else bool(v) for v in s.tolist()]
    if isinstance(dtype, np.dtype) and np.issubdtype(dtype, np.integer):
        return "int", s.tolist()                              # numpy integers: nothing can be missing
    if pd.api.types.is_integer_dtype(dtype):
        return "int", [None if _isna(v) else int(v) for v in s.tolist()]
    if pd.api.types.is_float_dtype(dtype):
        return "float", [None if _isna(v) else (v if math.isfinite(v) else repr(float(v))) for v in s.tolist()]
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "datetime", [None if _isna(v) else v.isoformat() for v in s.tolist()]
    plain = _plain_text(s)
    if plain is not None:
        return "str", plain
    vals = s.tolist()
    types = {type(v) for v in vals if not _isna(v)}
    if not types or types <= {str}:
        return "str", [None if _isna(v) else v for v in vals]
    if types <= {Decimal}:
        return "decimal", [None if _isna(v) else str(v) for v in vals]
    if types <= {date}:
        return "date", [None if _isna(v) else v.isoformat() for v in vals]
    if types <= {datetime, pd.Timestamp}:
        return "datetime", [None if _isna(v) else v.isoformat() for v in vals]
    if types <= {bool, np.bool_}:
        return "bool", [None if _isna(v) else bool(v) for v in vals]
    if types <= {int, np.int64, np.int32}:
        return "int", [None if _isna(v) else int(v) for v in vals]
    if types <= {float, int, np.float64}:
        return "float", [None if _isna(v) else (float(v) if math.isfinite(v) else repr(float(v))) for v in vals]
    if types <= {dict, list, str, int, float, bool}:
        try:
            json.dumps(vals, allow_nan=False)
        except (TypeError, ValueError):
            raise StoreError("unsupported_value", column=name, type=sorted(t.__name__ for t in types)) from None
        return "json", [None if _isna(v) else v for v in vals]
    raise StoreError("unsupported_value", column=name, type=sorted(t.__name__ for t in types))


def _decode_values(kind: str, vals: list) -> pd.Series:
    if kind == "decimal":
        vals = [None if v is None else Decimal(v) for v in vals]
    elif kind == "date":
        vals = [None if v is None else date.fromisoformat(v) for v in vals]
    elif kind == "datetime":
        return pd.Series(pd.to_datetime(pd.Series(vals, dtype=object)))
    elif kind == "float":
        return pd.Series(np.array([np.nan if v is None else _NONFINITE.get(v, v) if isinstance(v, str) else v
                                   for v in vals], dtype=np.float64))
    elif kind == "int" and all(v is not None for v in vals):
        return pd.Series(np.array(vals, dtype=np.int64))
    elif kind == "bool" and all(v is not None for v in vals):
        return pd.Series(np.array(vals, dtype=bool))
    arr = np.empty(len(vals), dtype=object)
    arr[:] = vals
    return pd.Series(arr, dtype=object)


def _flat_frame(df: pd.DataFrame) -> tuple[pd.DataFrame, list[str] | None]:
    """The frame with a non-default index turned into leading columns (named `__index_i__` when unnamed), and
    those names (None for a plain 0..n-1 index); both codecs store a frame so."""
    if isinstance(df.columns, pd.MultiIndex):
        raise StoreError("unsupported_value", column="<columns>", type=["MultiIndex"])
    idx = df.index
    if isinstance(idx, pd.RangeIndex) and idx.start == 0 and idx.step == 1:
        return df, None
    index_names = [n if n is not None else f"__index_{i}__" for i, n in enumerate(idx.names)]
    df = df.copy()
    df.index = idx.set_names(index_names)
    return df.reset_index(), index_names


def encode_frame(df: pd.DataFrame | Columns) -> bytes:
    if isinstance(df, Columns):
        df = df.made()
    df, index_names = _flat_frame(df)
    columns = []
    for i, name in enumerate(df.columns):
        if not isinstance(name, str):
            raise StoreError("unsupported_value", column=repr(name), type=["non-text column name"])
        s = df.iloc[:, i]
        kind, vals = _encode_values(s, name)
        column: dict[str, Any] = {"name": name, "dtype": str(s.dtype), "kind": kind, "values": vals}
        if isinstance(s.dtype, pd.CategoricalDtype):
            ckind, cvals = _encode_values(pd.Series(s.dtype.categories, dtype=object), name)
            column["categories"] = {"kind": ckind, "values": cvals, "ordered": bool(s.dtype.ordered)}
        columns.append(column)
    doc = {"codec": FRAME_CODEC, "n": len(df), "index": index_names, "columns": columns}
    return zlib.compress(json.dumps(doc, ensure_ascii=False, allow_nan=False).encode("utf-8"), 6)


# ---------------------------------------------------------------------------------------------------------
# columnar frame blob (evaluation aggregates from schema v7 on): the kept sums of a million exposures are
# millions of rows, which JSON made slow to write (seconds) and to read, and memory-hungry (a list of Python
# values per column). Numbers as little-endian arrays, text as codes into its distinct values (a key recurs
# under every scope), other columns as in the JSON codec; a JSON header says which. No pickle either.

COLUMNS_CODEC = "riskdesk-frame-columns-v1+zlib"
# the same layout compressed with Zstandard (Arrow's, level 1: about five times zlib's speed at the same size),
# from schema v8 on: the blob starts with _ZSTD_MAGIC and the raw size (8 bytes, little-endian)
COLUMNS_ZSTD_CODEC = "riskdesk-frame-columns-v1+zstd"
_ZSTD_MAGIC = b"RDZ1"
_LEVEL = 1          # zlib: the shuffled arrays compress well at the fastest level


def _shuffled(arr: np.ndarray) -> bytes:
    """A fixed-width array as its byte planes (all first bytes, then all second bytes...): the high bytes of
    amounts are mostly equal, which zlib then finds (about half the size of the plain array compressed)."""
    return np.ascontiguousarray(arr).view(np.uint8).reshape(-1, arr.dtype.itemsize).T.tobytes()


def _unshuffled(data: memoryview, dtype: str) -> np.ndarray:
    width = np.dtype(dtype).itemsize
    planes = np.frombuffer(data, dtype=np.uint8).reshape(width, -1)
    return np.ascontiguousarray(planes.T).view(dtype).reshape(-1)


def _arrow_text(values: Any, chunked: bool = False) -> pa.Array | pa.ChunkedArray | None:
    """A text column (Series, ndarray or Arrow array of str and missing values) as an Arrow string array, or
    None when it holds anything else. pandas' Arrow-backed str columns convert without a copy; an object
    column is converted by Arrow's C loop (no Python object made). `chunked`: a chunked array (as the CSV
    reader's columns are) is given as it is, not joined into one (a copy of every string)."""
    if isinstance(values, pd.Series):
        if isinstance(values.array, (pd.arrays.ArrowStringArray, pd.arrays.ArrowExtensionArray)):
            values = pa.array(values.array)                 # Arrow-backed `str` or ArrowDtype: the same array
        elif isinstance(values.dtype, pd.CategoricalDtype):
            return _categorical_text(values)
        elif values.dtype == object or pd.api.types.is_string_dtype(values.dtype):
            values = values.to_numpy(dtype=object)
        else:
            return None
    if isinstance(values, np.ndarray):
        if values.dtype != object:
            return None
        try:
            values = pa.array(values, type=pa.large_string(), from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            return None
    if isinstance(values, pa.ChunkedArray) and not chunked:
        values = values.combine_chunks()
    if not isinstance(values, (pa.Array, pa.ChunkedArray)) or not (
            pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        return None
    return values


def _categorical_text(values: pd.Series) -> pa.Array | None:
    """A categorical column of text as an Arrow string array, made by Arrow from its codes and categories (no
    Python string per row); None when a category is not text."""
    words = values.cat.categories.to_numpy(dtype=object)
    if len(words) and pd.api.types.infer_dtype(words, skipna=False) != "string":
        return None
    codes = values.cat.codes.to_numpy()
    return pa.DictionaryArray.from_arrays(pa.array(codes, mask=codes < 0),
                                          pa.array(words, type=pa.large_string())).cast(pa.large_string())


def _text_parts(values: Any) -> tuple[np.ndarray, np.ndarray, bytes] | None:
    """(codes, the byte length of each distinct value, the distinct values' UTF-8 bytes one after the other) of a
    text column, codes in order of first appearance, -1 = missing; None when the column is not text. By Arrow's
    dictionary encoding: the millions of keys of the kept sums or the ids of a block of rows are neither
    hashed nor encoded one Python object at a time. A column of Python strings is factorized as it is (their
    hashes are cached) and only its distinct values go to Arrow: no Arrow copy of millions of strings."""
    obj = values.to_numpy(dtype=object) if isinstance(values, pd.Series) and values.dtype == object else \
        values if isinstance(values, np.ndarray) and values.dtype == object else None
    if obj is not None:
        found, uniques = pd.factorize(obj, use_na_sentinel=True)
        try:
            words = pa.array(np.asarray(uniques, dtype=object), type=pa.large_string())
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            return None
        if words.null_count:
            return None
        codes = found.astype("<i4")
    else:
        arr = _arrow_text(values)
        if arr is None:
            return None
        encoded = pc.dictionary_encode(arr, null_encoding="mask")
        codes = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False).astype("<i4")
        words = encoded.dictionary
    width = np.int64 if pa.types.is_large_string(words.type) else np.int32
    offsets = np.frombuffer(words.buffers()[1], dtype=width)[words.offset:words.offset + len(words) + 1]
    data = words.buffers()[2]
    body = _between(data, offsets) if data is not None and len(words) else b""
    return codes, np.diff(offsets).astype("<i4"), body


def _between(data: pa.Buffer, offsets: np.ndarray) -> bytes:
    """The bytes of an Arrow string array's data buffer from its first offset to its last: the slice is taken of
    the buffer (no copy), then copied once (not the whole buffer copied and then its slice again)."""
    start = int(offsets[0])
    return data.slice(start, int(offsets[-1]) - start).to_pybytes()


def _distinct_words(vocab: np.ndarray, apart: Any) -> tuple[np.ndarray, pa.Array] | None:
    """pd.factorize of `vocab` as (codes, -1 missing; the distinct words as Arrow text), or None when a word is
    not text. `apart`: a slice (start, stop) of `vocab` known to be distinct words (the instruments' ids, most
    of the kept sums' words), or such words themselves (Arrow text or an object array, as
    Aggregates.key_codes(ids_as_given=True) gives them), numbered after `vocab`'s: only the rest is hashed in
    Python, those words are matched to it in Arrow (a word there may still be one of the rest's). The codes
    number the words otherwise than factorize, the same words equal."""
    if apart is None or isinstance(apart, tuple):
        a, b = apart if apart is not None else (0, 0)
        rest = vocab if a == b else np.concatenate([vocab[:a], vocab[b:]])
        given = None if a == b else vocab[a:b]
    else:                           # the words given apart: numbered after the vocabulary's
        a, rest, given = len(vocab), vocab, apart
    distinct, uniques = pd.factorize(rest, use_na_sentinel=True)
    try:
        words = pa.array(np.asarray(uniques, dtype=object), type=pa.large_string())
        # (Arrow large_string given is taken as it is, no copy: the instruments' ids of a million exposures)
        own = None if given is None else pa.array(
            given.combine_chunks() if isinstance(given, pa.ChunkedArray) else given, type=pa.large_string())
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    distinct = np.asarray(distinct, dtype=np.int32)
    if own is None:
        return distinct, words
    if isinstance(own, pa.ChunkedArray):        # (pandas' Arrow text of two chunks: an id appended to the ids)
        own = own.combine_chunks()
    if own.null_count:              # (not distinct words after all: hashed with the rest)
        whole = vocab if isinstance(apart, tuple) else np.concatenate([vocab, own.to_numpy(zero_copy_only=False)])
        return _distinct_words(whole, None)
    at = pc.fill_null(pc.index_in(own, value_set=words), -1).to_numpy(zero_copy_only=False).astype(np.int32)
    new = at < 0
    n_new = int(new.sum())
    at[new] = len(words) + np.arange(n_new, dtype=np.int32)
    # (nearly always all of them: an instrument's id is seldom another key too; then not filtered, a copy less)
    words = pa.concat_arrays([words, own if n_new == len(own) else own.filter(pa.array(new))])
    return np.concatenate([distinct[:a], at, distinct[a:]]), words


def _coded_text_parts(codes: np.ndarray, vocab: np.ndarray,
                      apart: tuple[int, int] | None = None) -> tuple[np.ndarray, np.ndarray, bytes] | None:
    """`_text_parts` of the column `vocab[codes]`, the same three parts, from the codes: only the vocabulary's
    words are hashed (pandas' factorize: their hashes are cached in the str objects, where Arrow would hash
    the bytes again at twice the time; `apart`, a slice of distinct words, is matched in Arrow instead), the
    rows' codes are renumbered in order of first appearance from each word's first row. None when the
    vocabulary is not text (the column then goes the way it would alone)."""
    found_words = _distinct_words(vocab, apart)
    return None if found_words is None else _first_appearance_parts(codes, *found_words)


def _first_appearance_parts(codes: np.ndarray, distinct: np.ndarray, words: pa.Array
                            ) -> tuple[np.ndarray, np.ndarray, bytes]:
    """The rest of `_coded_text_parts`, once the vocabulary's words are found (`_distinct_words`: each vocabulary
    code's word, the words): the rows' codes renumbered in order of first appearance, the words so ordered."""
    # int32 (`_text_parts` codes are 32-bit too), no hash table and no array of the rows but the codes given and
    # the result, a slice of rows at a time: this runs where the import's memory peaks. A code -1 (a categorical's
    # missing value) takes the -1 appended at the end: missing.
    distinct = np.append(distinct, np.int32(-1))          # vocabulary code -> word, -1 = missing
    n = len(codes)
    first = np.full(len(words), n, dtype=np.int64)        # each word's first row
    step = 1 << 18
    for a in range(0, n, step):
        row = distinct[codes[a:a + step]]
        # only a row whose word is not the row before's can be a word's first: the kept sums run by dimension
        # and scope, so those two columns are a few dozen runs of 2.5 million rows at a million exposures
        # (~15 ms each less than every row through minimum.at); missing values (-1) are no word's
        start = np.flatnonzero(np.r_[True, row[1:] != row[:-1]] & (row >= 0))
        np.minimum.at(first, row[start], start + a)
    seen = np.flatnonzero(first < n)
    if len(seen) * 64 < n:
        # few words: their first rows sorted (the dimensions and scopes), not a row-long array read through
        order = seen[np.argsort(first[seen])].astype("<i4")
    else:
        # the words in order of first appearance: the first rows are distinct positions below n, so each word is
        # put at its first row and the rows read in order (a tenth of the time of sorting a million first rows)
        at_row = np.full(n, -1, dtype="<i4")              # (word numbers: 32-bit, as the codes written)
        at_row[first[seen]] = seen
        order = at_row[at_row >= 0]
        del at_row
    del first, seen
    rank = np.full(len(words) + 1, -1, dtype="<i4")       # (the last: code -1, missing, stays -1)
    rank[order] = np.arange(len(order), dtype="<i4")
    found = rank[distinct][codes]                         # vocabulary code -> first-appearance code, per row
    del rank, distinct
    used = words.take(pa.array(order, type=pa.int64()))
    offsets = np.frombuffer(used.buffers()[1], dtype=np.int64)[used.offset:used.offset + len(used) + 1]
    data = used.buffers()[2]
    body = _between(data, offsets) if data is not None and len(used) else b""
    return found, np.diff(offsets).astype("<i4"), body


class _Parts:
    """The binary parts of a COLUMNS_CODEC blob, each made only when the blob is compressed and then dropped:
    the parts of the kept sums (millions of rows) were once held all at once and then joined, a copy more,
    which was most of an import's peak memory while they were stored."""

    def __init__(self) -> None:
        self.makers: list[tuple[int, Any]] = []
        self.at = 0

    def put(self, size: int, make: Any) -> list[int]:
        """[offset, size] of a part that `make()` returns (exactly `size` bytes)."""
        self.makers.append((size, make))
        self.at += size
        return [self.at - size, size]

    def put_bytes(self, data: bytes) -> list[int]:
        return self.put(len(data), lambda: data)

    def blob(self, doc: dict[str, Any], zstd: bool = False) -> bytes:
        """The compressed blob: zlib (COLUMNS_CODEC), or with `zstd` Zstandard (COLUMNS_ZSTD_CODEC)."""
        head = json.dumps(doc, ensure_ascii=False, allow_nan=False).encode("utf-8")
        first = len(head).to_bytes(4, "little") + head
        makers, self.makers = self.makers, []
        if zstd:
            sink = pa.BufferOutputStream()
            # the magic and the raw size first, then the compressed stream after them in the same buffer (the
            # blob is not copied again to put them in front: a copy of 15 MB of kept sums at a million exposures)
            sink.write(_ZSTD_MAGIC + (len(first) + self.at).to_bytes(8, "little"))
            stream = pa.CompressedOutputStream(sink, "zstd")
            write = stream.write
        else:
            z = zlib.compressobj(_LEVEL)
            out = [z.compress(first)]

            def write(data: bytes) -> None:
                out.append(z.compress(data))
        if zstd:
            write(first)
        for size, make in makers:
            data = make()
            if len(data) != size:
                raise AssertionError(f"part of {len(data)} bytes, {size} announced")
            write(data)
        if zstd:
            stream.close()
            return sink.getvalue().to_pybytes()
        out.append(z.flush())
        return b"".join(out)


def _int_column(parts: _Parts, column: dict[str, Any], name: str, arr: np.ndarray, ints: dict[str, np.ndarray]) -> None:
    """An integer column: as the difference from an earlier one it mostly equals (the countable part of a total),
    in 32 bits when its values fit (half the bytes to compress)."""
    # more than half equal (counted: a third of the time of the mean of the booleans, the same answer)
    base = next((b for b, v in ints.items() if len(arr) and 2 * np.count_nonzero(v == arr) > len(arr)), None)
    ints[name] = arr
    other = None if base is None else ints[base]

    def values() -> np.ndarray:
        v = arr.astype("<i8", copy=False)           # (read only: an int64 column is not copied)
        if other is not None:
            with np.errstate(over="ignore"):
                v = v - other.astype("<i8")          # wraps exactly like the addition that undoes it
        return v

    if base is not None:
        column["minus"] = base
    kind = "<i4" if _small_ints(values()) else "<i8"
    column["kind"] = kind
    column["data"] = parts.put(len(arr) * np.dtype(kind).itemsize, lambda: _shuffled(values().astype(kind)))


def _text_column(parts: _Parts, column: dict[str, Any], text: tuple[np.ndarray, np.ndarray, bytes]) -> None:
    codes, lengths, words = text
    column["kind"] = "text"
    column["data"] = parts.put(len(codes) * 4, lambda: _shuffled(codes))
    column["lengths"] = parts.put_bytes(lengths.tobytes())
    column["words"] = parts.put_bytes(words)


def _given_text_parts(given: Any, n: int) -> tuple[np.ndarray, np.ndarray, bytes] | None:
    """`_coded_text_parts` of a `coded` entry of encode_columns: (codes, vocabulary) or (codes, vocabulary,
    a slice of it that is distinct words, or distinct words numbered after it, or None: `_distinct_words`), or
    a function giving them or None. Made here and let go on return: a million codes not held while the blob is
    compressed."""
    pair = given() if callable(given) else given
    if pair is None or len(pair[0]) != n:
        return None
    codes, vocab, apart = pair if len(pair) > 2 else (*pair, None)
    del pair
    found_words = _distinct_words(vocab, apart)
    # the vocabulary is let go once its words are found, before the rows' codes are renumbered: made by the
    # function given, it is the only copy (a million keys of a million exposures, about 70 MB as Python strings)
    del vocab
    return None if found_words is None else _first_appearance_parts(codes, *found_words)


@dataclass
class Columns:
    """A frame given as its columns, each made only when it is encoded: `encode_columns` stores it as it stores
    the frame `made()`, the very same bytes. The kept sums of a million exposures (2.5 million rows) are so never
    a DataFrame (its text columns, key objects and consolidated copies were about two hundred megabytes at the
    import's peak of memory, and a tenth of a second to make). `columns`: (name, the frame's dtype as text, a
    function giving the values: an int64, float64 or bool array, or (codes, vocabulary) for a text column that
    is `vocabulary[codes]`, -1 missing, or a function giving those). `made`: the frame itself (the codecs before
    schema v8 and a vocabulary that is not text)."""

    n: int
    columns: list[tuple[str, str, Callable[[], Any]]]
    made: Callable[[], pd.DataFrame]

    def __len__(self) -> int:
        return self.n


def _encode_given(frame: Columns, zstd: bool) -> bytes:
    """encode_columns of a Columns: the loop of encode_columns over columns made one at a time."""
    columns: list[dict[str, Any]] = []
    parts = _Parts()
    ints: dict[str, np.ndarray] = {}
    for name, dtype, make in frame.columns:
        values = make()
        column: dict[str, Any] = {"name": name, "dtype": dtype}
        if isinstance(values, tuple) or callable(values):
            text = _given_text_parts(values, frame.n)
            if text is None:
                return encode_columns(frame.made(), zstd)
            _text_column(parts, column, text)
        elif len(values) != frame.n or dtype != str(values.dtype) or values.dtype not in (np.int64, np.float64, bool):
            raise ValueError(f"column {name}: {len(values)} values of {values.dtype}, not {frame.n} of {dtype}")
        elif values.dtype == np.int64:
            _int_column(parts, column, name, values, ints)
        elif values.dtype == np.float64:
            column["kind"], column["data"] = "<f8", parts.put(len(values) * 8, lambda arr=values: _shuffled(arr.astype("<f8")))
        else:
            column["kind"], column["data"] = "|u1", parts.put(len(values), lambda arr=values: arr.astype("|u1").tobytes())
        del values
        columns.append(column)
    return parts.blob({"codec": COLUMNS_CODEC, "n": frame.n, "index": None, "columns": columns}, zstd)


def encode_columns(df: pd.DataFrame | Columns, zstd: bool = False, coded: dict[str, Any] | None = None) -> bytes:
    """A frame as one compressed blob (codec COLUMNS_CODEC; with `zstd` COLUMNS_ZSTD_CODEC); `decode_columns`
    gives it back, equal. `coded`: {column: (codes, vocabulary), or a function giving them or None} for
    object text columns that are `vocabulary[codes]` (the kept sums' keys): encoded from those, the same
    bytes, without hashing every row. A `Columns` is encoded column by column as the frame it stands for."""
    if isinstance(df, Columns):
        return _encode_given(df, zstd)
    df, index_names = _flat_frame(df)
    columns: list[dict[str, Any]] = []
    parts = _Parts()
    ints: dict[str, np.ndarray] = {}       # the integer columns so far: a later one may be kept as a difference
    for i, name in enumerate(df.columns):
        if not isinstance(name, str):
            raise StoreError("unsupported_value", column=repr(name), type=["non-text column name"])
        s = df.iloc[:, i]
        column: dict[str, Any] = {"name": name, "dtype": str(s.dtype)}
        dtype = s.dtype
        if isinstance(dtype, np.dtype) and dtype.kind in "iu" and dtype.itemsize <= 8 and dtype != np.uint64:
            _int_column(parts, column, name, s.to_numpy(), ints)
        elif isinstance(dtype, np.dtype) and dtype == np.float64:
            arr = s.to_numpy()
            column["kind"], column["data"] = "<f8", parts.put(len(arr) * 8, lambda arr=arr: _shuffled(arr.astype("<f8")))
        elif isinstance(dtype, np.dtype) and dtype == bool:
            arr = s.to_numpy()
            column["kind"], column["data"] = "|u1", parts.put(len(arr), lambda arr=arr: arr.astype("|u1").tobytes())
        elif (text := None if isinstance(dtype, pd.CategoricalDtype) else
              (coded and name in coded and dtype == object and _given_text_parts(coded[name], len(s)))
              or _text_parts(s)) is not None:
            _text_column(parts, column, text)
        else:
            kind, vals = _encode_values(s, name)
            column["kind"], column["values"], column["json_kind"] = "json", vals, kind
            if isinstance(dtype, pd.CategoricalDtype):
                ckind, cvals = _encode_values(pd.Series(dtype.categories, dtype=object), name)
                column["categories"] = {"kind": ckind, "values": cvals, "ordered": bool(dtype.ordered)}
        columns.append(column)
    return parts.blob({"codec": COLUMNS_CODEC, "n": len(df), "index": index_names, "columns": columns}, zstd)


def _words(lengths: memoryview, words: memoryview) -> np.ndarray:
    """The distinct values of a text column (object array, None appended for code -1), made by Arrow from the
    lengths and bytes (a million ids in a tenth of the time of slicing and decoding them one by one)."""
    sizes = np.frombuffer(lengths, dtype="<i4")
    offsets = np.zeros(len(sizes) + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    arr = pa.LargeStringArray.from_buffers(len(sizes), pa.py_buffer(offsets), pa.py_buffer(bytes(words)))
    out = np.empty(len(sizes) + 1, dtype=object)
    out[:-1] = arr.to_numpy(zero_copy_only=False)
    out[-1] = None                                                # code -1: missing
    return out


def _plain_parts(values: Any) -> tuple[np.ndarray, bytes] | None:
    """(the byte length of each value, -1 where missing; the values' UTF-8 bytes one after the other) of a text
    column, or None when it is not text: for columns whose values are nearly all distinct (ids), where
    codes into the distinct values would only add the hashing."""
    arr = _arrow_text(values)
    if arr is None:
        return None
    arr = arr.cast(pa.large_string())
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64)[arr.offset:arr.offset + len(arr) + 1]
    lengths = np.diff(offsets).astype("<i4")
    if arr.null_count:
        lengths[~arr.is_valid().to_numpy(zero_copy_only=False)] = -1
    data = arr.buffers()[2]
    body = _between(data, offsets) if data is not None and len(arr) else b""
    return lengths, body


def _small_ints(arr: np.ndarray) -> bool:
    return not len(arr) or (int(arr.min()) >= -(2 ** 31) and int(arr.max()) < 2 ** 31)


def _distinct_text_parts(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, bytes] | None:
    """`_text_parts` of text values known to be distinct and none missing (a vocabulary): codes 0..n-1 and the
    values as they are, no hashing; None when they are not all text (then `_text_parts` decides)."""
    try:
        words = pa.array(values, type=pa.large_string())
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    if words.null_count:
        return None
    offsets = np.frombuffer(words.buffers()[1], dtype=np.int64)[words.offset:words.offset + len(words) + 1]
    data = words.buffers()[2]
    body = _between(data, offsets) if data is not None and len(words) else b""
    return np.arange(len(words), dtype="<i4"), np.diff(offsets).astype("<i4"), body


def encode_arrays(columns: dict[str, Any], plain: tuple[str, ...] = (),
                  distinct: tuple[str, ...] = ()) -> bytes:  # codec COLUMNS_ZSTD_CODEC
    """Equal-length columns as one COLUMNS_CODEC blob without a DataFrame in between (`decode_columns` reads it):
    int64, float64 and bool arrays, and text as an Arrow string array or an object array of str and None
    (decoded as object columns; those named in `plain` as their values one after the other, not as codes; those
    named in `distinct`, object arrays of values all different, coded without hashing them: the same bytes).
    Integers that fit in 32 bits are written so (half the bytes to compress). Compressed with Zstandard (codec
    COLUMNS_ZSTD_CODEC: the blocks of a snapshot, schema v8)."""
    n = len(next(iter(columns.values()))) if columns else 0
    meta: list[dict[str, Any]] = []
    parts = _Parts()
    ints: dict[str, np.ndarray] = {}
    for name, values in columns.items():
        if len(values) != n:
            raise ValueError(f"column {name} has {len(values)} values, not {n}")
        column: dict[str, Any] = {"name": name}
        if isinstance(values, np.ndarray) and values.dtype.kind in "iu":
            column["dtype"] = "int64"
            _int_column(parts, column, name, values, ints)
        elif isinstance(values, np.ndarray) and values.dtype == np.float64:
            column.update(dtype="float64", kind="<f8",
                          data=parts.put(n * 8, lambda values=values: _shuffled(values.astype("<f8"))))
        elif isinstance(values, np.ndarray) and values.dtype == bool:
            column.update(dtype="bool", kind="|u1", data=parts.put(n, lambda values=values: values.astype("|u1").tobytes()))
        elif name in plain and (plain_parts := _plain_parts(values)) is not None:
            lengths, words = plain_parts
            column.update(dtype="object", kind="plain", lengths=parts.put_bytes(lengths.tobytes()),
                          words=parts.put_bytes(words))
        else:
            text = (name in distinct and isinstance(values, np.ndarray) and _distinct_text_parts(values)) \
                or _text_parts(values)
            if text is None:
                raise StoreError("unsupported_value", column=name, type=[type(values).__name__])
            column["dtype"] = "object"
            _text_column(parts, column, text)
        meta.append(column)
    return parts.blob({"codec": COLUMNS_CODEC, "n": n, "index": None, "columns": meta}, zstd=True)


def open_columns(blob: bytes) -> tuple[dict[str, Any], memoryview]:
    """(the JSON header, the body its parts are offsets into) of a COLUMNS_CODEC or COLUMNS_ZSTD_CODEC blob."""
    if blob[:4] == _ZSTD_MAGIC:
        size = int.from_bytes(blob[4:12], "little")
        raw = pa.Codec("zstd").decompress(memoryview(blob)[12:], decompressed_size=size, asbytes=True)
    else:
        raw = zlib.decompress(blob)
    size = int.from_bytes(raw[:4], "little")
    doc = json.loads(raw[4:4 + size].decode("utf-8"))
    return doc, memoryview(raw)[4 + size:]


def _arrow_words(lengths: np.ndarray, words: memoryview) -> pa.Array:
    """A LargeStringArray of the values one after the other (a negative length: missing)."""
    sizes = np.maximum(lengths, 0).astype(np.int64)
    offsets = np.zeros(len(sizes) + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    arr = pa.LargeStringArray.from_buffers(len(sizes), pa.py_buffer(offsets), pa.py_buffer(bytes(words)))
    if (lengths < 0).any():
        arr = pc.if_else(pa.array(lengths >= 0), arr, pa.scalar(None, pa.large_string()))
    return arr


def decode_arrays(blob: bytes, columns: Iterable[str]) -> dict[str, Any]:
    """Some columns of an `encode_arrays` blob as arrays, text as Arrow string arrays (no Python string made: a
    reader that selects a few rows by their text turns only those into Python values); numbers as numpy."""
    doc, body = open_columns(blob)
    keep = set(columns)
    needed = set(keep)
    for col in reversed(doc["columns"]):
        if col["name"] in needed and "minus" in col:
            needed.add(col["minus"])

    def part(where: list[int]) -> memoryview:
        return body[where[0]:where[0] + where[1]]

    out: dict[str, Any] = {}
    ints: dict[str, np.ndarray] = {}
    for col in doc["columns"]:
        name, kind = col["name"], col["kind"]
        if name not in needed:
            continue
        if kind in ("<i8", "<i4"):
            arr = _unshuffled(part(col["data"]), kind).astype("i8")
            if "minus" in col:
                with np.errstate(over="ignore"):
                    arr = arr + ints[col["minus"]]
            ints[name] = out[name] = arr
        elif kind == "<f8":
            out[name] = _unshuffled(part(col["data"]), kind).astype("f8")
        elif kind == "|u1":
            out[name] = np.frombuffer(part(col["data"]), dtype=kind).astype(bool)
        elif kind == "plain":
            out[name] = _arrow_words(np.frombuffer(part(col["lengths"]), dtype="<i4"), part(col["words"]))
        elif kind == "text":
            codes = _unshuffled(part(col["data"]), "<i4")
            words = _arrow_words(np.frombuffer(part(col["lengths"]), dtype="<i4"), part(col["words"]))
            out[name] = pa.DictionaryArray.from_arrays(pa.array(codes, mask=codes < 0), words).cast(pa.large_string())
        else:
            raise StoreError("unsupported_value", column=name, type=[kind])
    return {k: v for k, v in out.items() if k in keep}


def decode_columns(blob: bytes, columns: Iterable[str] | None = None) -> pd.DataFrame:
    """The frame of an `encode_columns` blob; `columns`: only these (in the blob's order; a plain index), so
    that a reader of a few columns does not build the others' values (the text of a million ids)."""
    doc, body = open_columns(blob)
    if columns is not None:
        keep = set(columns)
        needed = set(keep)
        for col in reversed(doc["columns"]):      # a difference needs the column it is taken from
            if col["name"] in needed and "minus" in col:
                needed.add(col["minus"])
        doc["columns"] = [c for c in doc["columns"] if c["name"] in needed]
        doc["index"] = None

    def part(where: list[int]) -> memoryview:
        return body[where[0]:where[0] + where[1]]

    data = {}
    ints: dict[str, np.ndarray] = {}
    for col in doc["columns"]:
        kind = col["kind"]
        if kind == "|u1":
            s = pd.Series(np.frombuffer(part(col["data"]), dtype=kind).astype(bool))
        elif kind in ("<i8", "<i4", "<f8"):
            arr = _unshuffled(part(col["data"]), kind).astype("f8" if kind == "<f8" else "i8")
            if kind != "<f8":
                if "minus" in col:
                    with np.errstate(over="ignore"):
                        arr = arr + ints[col["minus"]]
                ints[col["name"]] = arr
            s = pd.Series(arr)
        elif kind == "text":
            codes = _unshuffled(part(col["data"]), "<i4")
            s = pd.Series(_words(part(col["lengths"]), part(col["words"]))[codes], dtype=object)
        elif kind == "plain":
            lengths = np.frombuffer(part(col["lengths"]), dtype="<i4")
            values = _words(np.maximum(lengths, 0).astype("<i4").data, part(col["words"]))[:-1]
            values[lengths < 0] = None
            s = pd.Series(values, dtype=object)
        else:
            s = _decode_values(col["json_kind"], col["values"])
            if "categories" in col:
                cats = col["categories"]
                s = pd.Series(pd.Categorical(s.astype(object), ordered=cats["ordered"],
                                             categories=_decode_values(cats["kind"], cats["values"]).tolist()))
        if "categories" not in col and str(s.dtype) != col["dtype"]:
            try:
                s = s.astype(col["dtype"])
            except (TypeError, ValueError):
                pass
        data[col["name"]] = s
    if columns is not None:
        data = {k: v for k, v in data.items() if k in keep}
    df = pd.DataFrame(data, index=pd.RangeIndex(doc["n"]))
    if doc["index"]:
        df = df.set_index(doc["index"])
        df.index = df.index.set_names([None if str(n).startswith("__index_") else n for n in df.index.names])
    return df


def decode_blob(codec: str, blob: bytes) -> pd.DataFrame:
    """An aggregate frame stored with either codec."""
    if codec in (COLUMNS_CODEC, COLUMNS_ZSTD_CODEC):
        return decode_columns(blob)
    if codec == FRAME_CODEC:
        return decode_frame(blob)
    raise StoreError("unsupported_value", column="codec", type=[codec])


def decode_frame(blob: bytes) -> pd.DataFrame:
    doc = json.loads(zlib.decompress(blob).decode("utf-8"))
    data = {}
    for col in doc["columns"]:
        s = _decode_values(col["kind"], col["values"])
        if "categories" in col:
            cats = col["categories"]
            s = pd.Series(pd.Categorical(s.astype(object), ordered=cats["ordered"],
                                         categories=_decode_values(cats["kind"], cats["values"]).tolist()))
        elif str(s.dtype) != col["dtype"]:
            try:
                s = s.astype(col["dtype"])
            except (TypeError, ValueError):
                pass
        data[col["name"]] = s
    df = pd.DataFrame(data, index=pd.RangeIndex(doc["n"]))
    if doc["index"]:
        df = df.set_index(doc["index"])
        df.index = df.index.set_names([None if str(n).startswith("__index_") else n for n in df.index.names])
    return df
