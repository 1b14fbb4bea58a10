"""What a report reads of a stored evaluation and snapshot, without building what it does not use.

A board report of a million-exposure snapshot reads its governing evaluation's kept sums (2.5 million
rows: every key of every dimension and scope) to rank a few dimensions at group scope and to compute
concentration indices, and it names a few hundred counterparties of 200,000. Decoding the whole sums frame
(a Python string per key, then pandas' text dtype) took about a second, and reading every counterparty's
row as a typed frame most of another: `kept_sums` decodes the blob's numbers and codes and turns into text
only the keys of the blocks asked for; `counterparty_lookup` decodes a snapshot's counterparty blocks once
as Arrow text and answers by id (the names of the few a report names, the counterparties of the few
groups whose heads it names); `counterparty_table` reads the five columns that name a counterparty and its
group, for a snapshot stored as rows. Read only: nothing here writes, and the figures are those
`load_evaluation` gives.
"""
from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from core.store import blocks, frames
from core.store.base import StoreBase


class KeptSums:
    """An evaluation's kept sums (dimension, scope, key, total_fen, countable_fen) by block: for each
    (dimension, scope) the positions of its rows with a positive total, in stored order; the amounts of a
    block as int64 arrays; its keys as text only when asked for (`keys`)."""

    def __init__(self, dims: np.ndarray, dim_words: list[str], scopes: np.ndarray, scope_words: list[str],
                 totals: np.ndarray, countables: np.ndarray, key_codes: np.ndarray, key_text):
        self._totals = totals
        self._countables = countables
        self._key_codes = key_codes
        self._key_text = key_text            # (codes) -> object array of str, one per code
        positive = np.flatnonzero(totals > 0)
        n_scopes = max(len(scope_words), 1)
        comb = dims[positive].astype(np.int64) * n_scopes + scopes[positive].astype(np.int64)
        if len(dim_words) * n_scopes < 2 ** 15:   # a few hundred blocks: a stable sort of int16 is a radix sort
            comb = comb.astype(np.int16)
        order = np.argsort(comb, kind="stable")
        rows = positive[order]
        comb = comb[order]
        starts = np.flatnonzero(np.r_[True, comb[1:] != comb[:-1]]) if len(comb) else np.array([], dtype=np.int64)
        stops = np.r_[starts[1:], len(comb)]
        self.blocks: dict[tuple[str, str], np.ndarray] = {}
        for a, b in zip(starts.tolist(), stops.tolist()):
            c = int(comb[a])
            d, s = dim_words[c // n_scopes], scope_words[c % n_scopes]
            if d is None or s is None:
                continue
            self.blocks[(str(d), str(s))] = rows[a:b]

    def rows(self, dimension: str, scope: str) -> np.ndarray | None:
        return self.blocks.get((dimension, scope))

    def amounts(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(total_fen, countable_fen) of the rows, int64."""
        return self._totals[rows], self._countables[rows]

    def keys(self, rows: np.ndarray) -> np.ndarray:
        """The rows' keys, an object array of str (None where a key is missing)."""
        return self._key_text(self._key_codes[rows])

    @classmethod
    def from_frame(cls, sums: pd.DataFrame) -> "KeptSums":
        """From a decoded sums frame (an older codec): the same blocks."""
        if "dimension" not in sums.columns:
            sums = sums.reset_index()
        d_codes, d_words = pd.factorize(sums["dimension"].astype(object), use_na_sentinel=True)
        s_codes, s_words = pd.factorize(sums["scope"].astype(object), use_na_sentinel=True)
        keys = sums["key"].to_numpy(dtype=object, na_value=None)
        return cls(np.where(d_codes < 0, len(d_words), d_codes), list(d_words) + [None],
                   np.where(s_codes < 0, len(s_words), s_codes), list(s_words) + [None],
                   sums["total_fen"].to_numpy(dtype=np.int64), sums["countable_fen"].to_numpy(dtype=np.int64),
                   np.arange(len(keys)), lambda codes: keys[codes])

    @classmethod
    def from_blob(cls, codec: str, blob: bytes) -> "KeptSums":
        """From the stored blob: a columnar one (frames.COLUMNS_CODEC) is decoded here column by column, its
        key text left as codes; any other is decoded whole (`frames.decode_blob`)."""
        if codec not in (frames.COLUMNS_CODEC, frames.COLUMNS_ZSTD_CODEC):
            return cls.from_frame(frames.decode_blob(codec, blob))
        doc, body = frames.open_columns(blob)      # zlib or Zstandard (schema v8)
        cols = {c["name"]: c for c in doc["columns"]}
        wanted = ("dimension", "scope", "key", "total_fen", "countable_fen")
        if not all(n in cols for n in wanted) or any(cols[n]["kind"] != "text" for n in wanted[:3]) \
                or any(cols[n]["kind"] not in ("<i8", "<i4") for n in wanted[3:]):
            return cls.from_frame(frames.decode_blob(codec, blob))

        def part(where: list[int]) -> memoryview:
            return body[where[0]:where[0] + where[1]]

        ints: dict[str, np.ndarray] = {}
        for col in doc["columns"]:             # in stored order: a difference follows the column it is of
            if col["kind"] in ("<i8", "<i4"):           # (integers that fit are written in 32 bits)
                arr = frames._unshuffled(part(col["data"]), col["kind"]).astype(np.int64)
                if "minus" in col:
                    with np.errstate(over="ignore"):
                        arr = arr + ints[col["minus"]]
                ints[col["name"]] = arr

        def text(col: dict) -> tuple[np.ndarray, np.ndarray, bytes]:
            codes = frames._unshuffled(part(col["data"]), "<i4")
            lengths = np.frombuffer(part(col["lengths"]), dtype="<i4").astype(np.int64)
            return codes, lengths, bytes(part(col["words"]))

        def words_of(col: dict) -> tuple[np.ndarray, list]:
            codes, lengths, words = text(col)
            ends = np.cumsum(lengths).tolist()
            out = [words[a:b].decode("utf-8") for a, b in zip([0] + ends[:-1], ends)]
            return np.where(codes < 0, len(out), codes), out + [None]

        dims, dim_words = words_of(cols["dimension"])
        scopes, scope_words = words_of(cols["scope"])
        key_codes, lengths, words = text(cols["key"])
        ends = np.cumsum(lengths)
        starts = ends - lengths

        def key_text(codes: np.ndarray) -> np.ndarray:
            out = np.empty(len(codes), dtype=object)
            a, b = starts[np.maximum(codes, 0)].tolist(), ends[np.maximum(codes, 0)].tolist()
            out[:] = [None if c < 0 else words[x:y].decode("utf-8") for c, x, y in zip(codes.tolist(), a, b)]
            return out

        return cls(dims, dim_words, scopes, scope_words, ints["total_fen"], ints["countable_fen"], key_codes,
                   key_text)


class CounterpartyLookup:
    """A snapshot's counterparties stored as blocks, decoded once as Arrow text (a tenth of the time of
    object columns at 200,000), looked up by id: the names of the few a report names (`names`) and the
    counterparties of the connected groups of the few group keys it names (`group_links`), so that a report
    neither makes a Python object of every counterparty nor works out the heads of every group."""

    def __init__(self, cols: dict[str, Any]):
        import pyarrow.compute as pc  # noqa: PLC0415 - the Arrow kernels of the blocks' text

        self._pc = pc
        self.ids = cols["counterparty_id"]
        self.name = cols["name"]
        self.parent = cols["parent_id"]
        self.label = cols["connected_label"]
        self.exempt = np.asarray(cols["exempt"])        # 1, 0, or -1 where missing
        self._links: tuple | None = None
        self._unique: bool | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def _at(self, ids) -> np.ndarray:
        import pyarrow as pa  # noqa: PLC0415

        wanted = pa.array(sorted({str(i) for i in ids if i is not None}), type=self.ids.type)
        return np.flatnonzero(self._pc.is_in(self.ids, value_set=wanted).to_numpy(zero_copy_only=False))

    def names(self, ids=None) -> dict[str, str]:
        """{counterparty_id: name} of those among `ids` (None: all) that have a name."""
        import pyarrow as pa  # noqa: PLC0415

        ids_, names = (self.ids, self.name) if ids is None else (
            self.ids.take(pa.array(self._at(ids))), self.name.take(pa.array(self._at(ids))))
        return {i: n for i, n in zip(ids_.to_pylist(), names.to_pylist()) if n is not None}

    def known(self, ids) -> set[str]:
        """Those of `ids` that are counterparties of the snapshot (named or not)."""
        import pyarrow as pa  # noqa: PLC0415

        return set(self.ids.take(pa.array(self._at(ids))).to_pylist())

    def _link_arrays(self) -> tuple:
        """(parent position, linked, label code, labelled) of every counterparty, as
        core.concentration.groups links them: a parent link counts unless either end is exempt; a connected
        label links its holders that are not exempt. Worked out once."""
        if self._links is None:
            pc = self._pc
            exempt = self.exempt == 1
            parent = pc.index_in(self.parent, value_set=self.ids).fill_null(-1).to_numpy(zero_copy_only=False)
            parent = np.asarray(parent, dtype=np.int64)
            linked = (parent >= 0) & ~exempt
            linked[linked] &= ~exempt[parent[linked]]
            codes = pc.dictionary_encode(self.label).indices.fill_null(-1).to_numpy(zero_copy_only=False)
            codes = np.asarray(codes, dtype=np.int64)
            self._links = (parent, linked, codes, (codes >= 0) & ~exempt)
        return self._links

    def group_links(self, keys) -> pd.DataFrame:
        """The links (counterparty_id, parent_id, connected_label, exempt, as `counterparty_links` gives them)
        of the counterparties connected to any of `keys` (their whole connected groups, file order): what
        core.concentration.groups.group_heads needs to name those groups, as it would from every counterparty
        (a group's head and size are its own members'). Every counterparty when their ids are not unique
        (group_heads then names none, as from all)."""
        import pyarrow as pa  # noqa: PLC0415

        n = len(self.ids)
        if self._unique is None:
            self._unique = self._pc.count_distinct(self.ids).as_py() == n
        if not self._unique:
            member = np.ones(n, dtype=bool)
        else:
            parent, linked, codes, labelled = self._link_arrays()
            member = np.zeros(n, dtype=bool)
            member[self._at(keys)] = True
            up = np.where(linked, parent, 0)
            while True:                      # grow along the links until the groups are whole
                grown = member.copy()
                grown[parent[member & linked]] = True                      # parents
                grown |= linked & member[up]                               # children
                held = np.unique(codes[member & labelled])
                if len(held):
                    grown |= labelled & np.isin(codes, held)               # the same connected label
                if grown.sum() == member.sum():
                    break
                member = grown
        at = pa.array(np.flatnonzero(member))

        def objects(values) -> np.ndarray:
            out = np.empty(len(at), dtype=object)
            out[:] = values.take(at).to_pylist()
            return out
        exempt = np.empty(len(at), dtype=object)
        exempt[:] = [None if v < 0 else v for v in self.exempt[at.to_numpy()].tolist()]
        return pd.DataFrame({"counterparty_id": objects(self.ids), "parent_id": objects(self.parent),
                             "connected_label": objects(self.label), "exempt": pd.Series(exempt, dtype=object)})


class ReportReadsMixin(StoreBase):
    """The store's reads for reports (see the module's docstring)."""

    def kept_sums(self, evaluation_id: int, background: bool = False):
        """The evaluation's kept sums by block (`KeptSums`); None when it keeps none. `background`: the blob
        is read now and decoded in a thread (decompressing and sorting millions of numbers lets other work
        run meanwhile: it holds no database connection and little of the interpreter); then a function is
        returned that gives the `KeptSums` (waiting for the thread, raising what it raised)."""
        row = self._one("SELECT codec, data FROM evaluation_aggregate WHERE evaluation_id = ? AND name = ? "
                        "ORDER BY id", (evaluation_id, "sums"))
        if row is None:
            return None
        codec, blob = row["codec"], bytes(row["data"])
        if not background:
            return KeptSums.from_blob(codec, blob)
        done: dict = {}

        def decode() -> None:
            try:
                done["kept"] = KeptSums.from_blob(codec, blob)
            except BaseException as exc:   # noqa: BLE001 - handed to the caller, who raises it
                done["error"] = exc
        worker = threading.Thread(target=decode, name="kept-sums", daemon=True)
        worker.start()

        def result() -> KeptSums:
            worker.join()
            if "error" in done:
                raise done["error"]
            return done["kept"]
        return result

    def kept_frame(self, evaluation_id: int, name: str) -> pd.DataFrame | None:
        """One kept aggregate frame of the evaluation (e.g. "bases"), decoded; None when it has none."""
        row = self._one("SELECT codec, data FROM evaluation_aggregate WHERE evaluation_id = ? AND name = ? "
                        "ORDER BY id", (evaluation_id, name))
        return None if row is None else frames.decode_blob(row["codec"], bytes(row["data"]))

    def counterparty_table(self, snapshot_id: int, background: bool = False):
        """The snapshot's counterparties as a report names them: counterparty_id, name and what names their
        connected group (parent_id, connected_label, exempt 0/1), as stored (None where missing), in file
        order, as object columns: the five columns, not a typed frame of every column. From the snapshot's
        counterparty blocks when it has them (core.store.snapshots `_cp_columns`), else its rows; should
        neither answer for a snapshot that has counterparties, from `load_snapshot_parts`.

        `background`: a snapshot stored as rows in a database file is read by a thread on a read-only
        connection of its own (200,000 rows while the report reads its other records), and a function is
        returned that gives the frame (waiting for the thread; read here instead should the thread fail)."""
        if background:
            started = self._read_rows_apart(snapshot_id)
            if started is not None:
                return started
        cols = _CP_COLUMNS
        stored = self._cp_columns(snapshot_id, cols) if hasattr(self, "_cp_columns") else None
        if stored is not None:
            return pd.DataFrame({c: pd.Series(stored[c], dtype=object) for c in cols})
        rows = self.conn.execute(_CP_QUERY, (snapshot_id,)).fetchall()
        snapshots: Any = self           # core.store.snapshots.SnapshotsMixin, beside this mixin in Store
        if not rows and snapshots.get_snapshot_info(snapshot_id).n_counterparties:
            frame = snapshots.load_snapshot_parts(snapshot_id, ("counterparties",))[1]["counterparties"]
            return pd.DataFrame({c: pd.Series(frame[c].to_numpy(dtype=object, na_value=None), dtype=object)
                                 for c in cols})
        return _cp_frame(rows)

    def counterparty_lookup(self, snapshot_id: int) -> CounterpartyLookup | None:
        """The snapshot's counterparties by id (`CounterpartyLookup`) when they are stored as blocks (schema
        v8); None when they are stored as rows (`counterparty_table` reads those)."""
        snapshots: Any = self           # core.store.snapshots.SnapshotsMixin, beside this mixin in Store
        if not snapshots._has_blocks(snapshot_id, blocks.COUNTERPARTIES):
            return None
        cols = blocks.decode_arrow(snapshots._block_blobs(snapshot_id, blocks.COUNTERPARTIES),
                                   ("counterparty_id", "name", "parent_id", "connected_label", "exempt"))
        return CounterpartyLookup(cols) if cols else None

    def _read_rows_apart(self, snapshot_id: int):
        """Start reading a snapshot's counterparty rows on a thread with its own read-only connection, when the
        store is a database file and the snapshot has rows (not blocks); None otherwise."""
        path = getattr(self, "path", None)
        if not isinstance(path, Path) or not path.is_file():
            return None
        if self.conn.execute("SELECT 1 FROM snapshot_counterparty WHERE snapshot_id = ? LIMIT 1",
                             (snapshot_id,)).fetchone() is None:
            return None
        done: dict = {}

        def read() -> None:
            try:
                conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
                try:
                    done["frame"] = _cp_frame(conn.execute(_CP_QUERY, (snapshot_id,)).fetchall())
                finally:
                    conn.close()
            except Exception as exc:   # noqa: BLE001 - read on the store's own connection instead
                done["error"] = exc
        worker = threading.Thread(target=read, name="counterparties", daemon=True)
        worker.start()

        def result() -> pd.DataFrame:
            worker.join()
            return done["frame"] if "frame" in done else self.counterparty_table(snapshot_id)
        return result


_CP_COLUMNS = ("counterparty_id", "name", "parent_id", "connected_label", "exempt")
_CP_QUERY = f"SELECT {', '.join(_CP_COLUMNS)} FROM snapshot_counterparty WHERE snapshot_id = ? ORDER BY seq"


def _cp_frame(rows: list[tuple]) -> pd.DataFrame:
    table = np.empty((len(rows), len(_CP_COLUMNS)), dtype=object)
    if rows:
        table[:] = rows                    # one C loop, as core.store's counterparty_links
    return pd.DataFrame({c: pd.Series(table[:, i], dtype=object) for i, c in enumerate(_CP_COLUMNS)})
