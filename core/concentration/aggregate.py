"""Aggregates of one snapshot: built once, then any number of limits and indices are read from them.

`build_aggregates(data)` resolves look-through, counterparty groups, intra-group elimination and
exemptions once, and sums every (scope, dimension, key). `limits.evaluate_limits` and
`indices.compute_indices` never touch exposure rows again; `contributions` drills down from a
(scope, dimension, key) to the exposure rows behind it.

Structure of `Aggregates` (all compact frames, persistable by the store; build_aggregates keeps `sums`,
`counterparties` and `rows` as codes and arrays and frames each when first asked for, since an evaluation
reads the codes):

- `sums`: one row per (dimension, scope, key) with a non-zero amount, columns
  `dimension` (categorical, DIMENSIONS order), `scope` (categorical: "group" then the members),
  `key` (str), `total_fen` (int64: everything, exempt included — the index input),
  `countable_fen` (int64: what counts against that dimension's limits, i.e. total less the exemptions
  of the dimension: single_asset excludes exempt counterparties and exempt_single_asset holdings;
  counterparty and counterparty_group exclude exempt counterparties and exempt_counterparty leaves;
  asset_class excludes exempt_asset_class holdings (13号文: own-fund equity in insurers, self-use property);
  other dimensions exclude nothing). Contiguous by dimension then scope (`sort_sums` restores that
  for a frame read back); the ranking by countable_fen descending, key
  ascending (code-point order) is built per block on first use (`Aggregates.ranked`) and kept.
  Group scope is after intra-group elimination; member scopes are not eliminated.
- `bases`: one row per scope (index), `total_assets_fen`, `net_assets_fen`, `total_premium_fen`,
  `total_ceded_fen` (Int64), `solvency_ratio` (Decimal or None).
- `counterparties`: the counterparty table in code-point order of ids plus `UNKNOWN`, with the resolved
  `group_key`; `rows`: one row per exposure row (same order as the input) with look-through results and
  codes, for drill-down; `instruments`/`asset_classes`: vocabularies of the row codes.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import numpy as np
import pandas as pd

from core import memory
from core.concentration import groups as _groups
from core.concentration import keys as _keys
from core.concentration import lookthrough as _lt
from core.concentration.keys import positions_in
from core.concentration.model import (
    BUSINESS_DIMENSIONS,
    DIMENSIONS,
    GROUP_SCOPE,
    HOLDING_DIMENSIONS,
    LOOK_THROUGH_DIMENSIONS,
    TEXT_DTYPE,
    UNKNOWN,
    GroupData,
)

RANK_TOP = 4096   # keys ranked eagerly per block (more only when a limit flags more)
KEY_SCANS = 3     # single keys looked up in a block by a scan before a dict of its keys is built
# None as np.where's third argument (numpy's type stubs take a literal None there for the one-argument form)
NONE_CELL = np.array(None, dtype=object)
SUMS_COLUMNS = ("dimension", "scope", "key", "total_fen", "countable_fen")
BASIS_COLUMNS = ("total_assets_fen", "net_assets_fen", "total_premium_fen", "total_ceded_fen", "solvency_ratio")


# ---- positions the importer already computed: kept in core.concentration.keys (a light module the importer
# loads without the engine), named here too for the engine's callers and tests
remember_positions = _keys.remember_positions
recall_positions = _keys.recall_positions


def _obj(series: pd.Series) -> np.ndarray:
    return series.to_numpy(dtype=object, na_value=None)


def _bool(frame: pd.DataFrame, column: str) -> np.ndarray:
    if column not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    return frame[column].fillna(False).to_numpy(dtype=bool)


def _codes(values: pd.Series | np.ndarray | None, sort: bool, missing: str | None = UNKNOWN, factorized=None):
    """Integer codes and vocabulary; missing values become `missing` (a real key). `factorized`: (codes,
    uniques) as `pd.factorize(values, sort=sort)` gives them, when the caller has them (the importer's)."""
    if factorized is None:
        factorized = pd.factorize(pd.Series(values, dtype=object) if isinstance(values, np.ndarray) else values,
                                  sort=sort, use_na_sentinel=True)
    codes, uniques = factorized
    vocab = np.asarray(uniques, dtype=object)
    codes = np.array(codes, dtype=np.int64)      # own copy: changed below
    if (codes < 0).any():
        if missing in set(vocab.tolist()):
            codes[codes < 0] = int(np.flatnonzero(vocab == missing)[0])
        else:
            vocab = np.append(vocab, np.array([missing], dtype=object))
            codes[codes < 0] = len(vocab) - 1
            if sort:  # keep code order = code-point order
                order = np.argsort(vocab.astype(str), kind="stable")
                rank = np.empty(len(order), dtype=np.int64)
                rank[order] = np.arange(len(order))
                vocab = vocab[order]
                codes = rank[codes]
    return codes, vocab


def _holding_member_codes(exp: pd.DataFrame, holding: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """The holdings' member codes and the distinct member ids (`pd.factorize` of the member_id column, taken at
    the holdings). From the codes the importer kept for the file's cells when it did (a holding's cell is its
    own member; an underlying's id is filled in from its holding, so the holdings name every member there
    is), the ids in order of first appearance among the holdings; else by hashing the column."""
    coded = _keys.recall_codes("member_codes", (exp,))
    if coded is not None and len(coded[1]) <= 64:
        raw, uniques = coded
        h = np.asarray(raw)[holding]
        used = np.flatnonzero(np.bincount(h, minlength=len(uniques))) if len(h) else np.zeros(0, np.int64)
        order = sorted(used.tolist(), key=lambda c: int(np.argmax(h == c)))
        renumber = np.full(len(uniques), -1, dtype=np.int64)
        renumber[order] = np.arange(len(order))
        return renumber[h], [str(uniques[c]) for c in order]
    codes, found = pd.factorize(exp["member_id"])
    return np.asarray(codes)[holding], [str(u) for u in found]


def _factorize_text(col: pd.Series) -> tuple[np.ndarray, np.ndarray | pd.api.extensions.ExtensionArray]:
    """`pd.factorize(col, use_na_sentinel=True)`: codes (-1 for a missing cell) and the distinct values in order
    of first appearance. An Arrow-backed text column (the importer's ids, model.ARROW_TEXT_COLUMNS) is encoded
    by Arrow and its distinct values stay Arrow text (a pandas ArrowStringArray, indexed like an object array):
    not a Python string per instrument (900,000 at a million exposures), nor pandas' slower path for it."""
    pa_cells = getattr(col.array, "_pa_array", None)
    if pa_cells is None or not isinstance(col.dtype, pd.StringDtype):
        codes, uniques = pd.factorize(col, use_na_sentinel=True)
        return np.asarray(codes, dtype=np.int64), np.asarray(uniques, dtype=object)
    import pyarrow.compute as pc  # noqa: PLC0415 - only reached with an Arrow-backed column

    encoded = pc.dictionary_encode(pa_cells)            # one dictionary for every chunk, nulls left null
    if hasattr(encoded, "combine_chunks"):
        encoded = encoded.combine_chunks()
    codes = np.asarray(encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)
    uniques = pd.arrays.ArrowStringArray(encoded.dictionary, dtype=col.dtype)
    del encoded
    # the encoding's hash table (~60 MB at a million ids) back to the system now: Arrow's allocator keeps freed
    # pages otherwise, and the sums that follow would peak that much higher (unless the process keeps them)
    memory.give_back_arrow()
    return codes, uniques


def _append_text(vocab: np.ndarray | pd.api.extensions.ExtensionArray, word: str):
    """`vocab` with `word` added at the end, of the same kind (object array or Arrow text)."""
    if isinstance(vocab, np.ndarray):
        return np.append(vocab, np.array([word], dtype=object))
    return type(vocab)._concat_same_type([vocab, type(vocab)._from_sequence([word], dtype=vocab.dtype)])


def _text_column(col: pd.Series) -> pd.Series:
    """A text column as model.TEXT_DTYPE (as the importer gives the exposures' ids), with a RangeIndex: the
    same frame whatever text dtype came in (object, Arrow-backed, categorical)."""
    out = col.reset_index(drop=True)
    return out if out.dtype == TEXT_DTYPE else out.astype(TEXT_DTYPE)


def _as_objects(values) -> np.ndarray:
    """Keys as an object array of text: Arrow text (the instruments' vocabulary) converted, these only."""
    return values if isinstance(values, np.ndarray) else np.asarray(values, dtype=object)


def _is_text(vocab: np.ndarray) -> bool:
    """Every entry is text (then a vocabulary in code-point order can be bisected with a text key)."""
    return len(vocab) == 0 or pd.api.types.infer_dtype(vocab, skipna=False) == "string"


@dataclass
class _Block:
    """One (scope, dimension) slice of the sums frame, with its ranking built on first use."""

    start: int
    stop: int
    order: np.ndarray | None = None        # positions (absolute) of the keys with countable ≥ cover, worst first
    neg_sorted: np.ndarray | None = None   # -countable along `order` (ascending, for searchsorted)
    cover: int = 1
    n_positive: int | None = None          # keys with countable > 0
    key_pos: dict | None = None
    scans: int = 0                         # keys looked up by a scan before `key_pos` was built
    # keys of a block built by build_aggregates, as codes into a vocabulary (the text is taken on demand):
    # codes[i - start] is the code of the key at absolute position i; None when the keys came as a frame
    codes: np.ndarray | None = field(default=None, repr=False)
    vocab: np.ndarray | None = field(default=None, repr=False)
    vocab_sorted: bool = False             # vocab in code-point order: a key's code is found by bisection
    keys: np.ndarray | None = field(default=None, repr=False)    # the block's keys as text, once asked for


@dataclass
class _SumParts:
    """The sums frame of build_aggregates before it is a frame: dimension and scope codes per row, and the
    keys as codes into a vocabulary per dimension chunk (rows chunk_starts[i] up to the next start)."""

    dim_codes: np.ndarray          # int8, codes into DIMENSIONS
    scope_codes: np.ndarray        # int32, codes into the scopes
    chunk_starts: list
    chunk_codes: list              # key codes of each chunk's rows (int32 when they fit: _code_dtype)
    chunk_vocabs: list             # object vocabulary of each chunk
    chunk_sorted: list             # whether that vocabulary is in code-point order (unique text)
    total: np.ndarray              # int64
    countable: np.ndarray          # int64
    # whether each chunk's vocabulary is proven distinct words (the instruments' ids: encoded so, and "UNKNOWN" added
    # only when no instrument has that id); the store then need not hash them again (key_codes)
    chunk_distinct: list = field(default_factory=list)

    def keys(self) -> np.ndarray:
        if not self.chunk_codes:
            return np.array([], dtype=object)
        return np.concatenate([_as_objects(v[c]) for c, v in zip(self.chunk_codes, self.chunk_vocabs)])


class Aggregates:
    """The aggregates of one snapshot (see the module doc).

    Built from a sums frame (`Aggregates(as_of, sums, bases, scopes, ...)`, as the store and the tests give
    it), or by build_aggregates from its parts: then the sums frame, the key texts and the counterparty
    table are made only when something asks for them (`sums`, `_keys`, `counterparties`, `rows`), because
    an evaluation and the indices need none of them: at a million exposures, framing 2.5 million sums rows
    and 200,000 counterparties cost more than summing them. Either way they are the same frames.
    """

    def __init__(self, as_of: date | None, sums: pd.DataFrame | None, bases: pd.DataFrame, scopes: tuple[str, ...],
                 counterparties: pd.DataFrame | None = None, row_data: dict | None = None,
                 instruments: np.ndarray | None = None, asset_classes: np.ndarray | None = None,
                 has_business: bool = False, *, parts: _SumParts | None = None,
                 counterparty_data: dict | Callable[[], dict] | None = None,
                 row_data_factory: Callable[[], dict] | None = None):
        self.as_of = as_of
        self.bases = bases
        self.scopes = scopes
        self._row_data = row_data                # column arrays of `rows`, framed on demand
        self._row_data_factory = row_data_factory    # or what makes them, when first asked for
        self._row_data_maker = row_data_factory      # kept: what makes them again once forgotten
        self.instruments = instruments
        self.asset_classes = asset_classes
        self.has_business = has_business
        self._sums = sums
        self._parts = parts
        self._counterparties = counterparties
        self._counterparty_data = counterparty_data    # column arrays of `counterparties` (or what makes them),
        # framed on demand
        self._keys_arr: np.ndarray | None = None
        self._blocks: dict = {}
        self._rows: pd.DataFrame | None = None
        self._bases_dict: dict | None = None
        if sums is None and parts is None:
            raise ValueError("Aggregates needs a sums frame or its parts")
        self._index()

    def __repr__(self) -> str:
        return (f"Aggregates(as_of={self.as_of!r}, scopes={self.scopes!r}, sums_rows={len(self._countable)}, "
                f"has_business={self.has_business!r})")

    @property
    def sums(self) -> pd.DataFrame:
        """One row per (dimension, scope, key): see the module doc."""
        if self._sums is None:
            p = self._parts
            assert p is not None     # __init__ refuses neither
            self._sums = pd.DataFrame({
                "dimension": pd.Categorical.from_codes(p.dim_codes, categories=list(DIMENSIONS)),
                "scope": pd.Categorical.from_codes(p.scope_codes, categories=list(self.scopes)),
                "key": pd.Series(self._keys, dtype=object, copy=False),
                "total_fen": p.total,
                "countable_fen": p.countable,
            })
        return self._sums

    @sums.setter
    def sums(self, frame: pd.DataFrame) -> None:
        self._sums, self._parts, self._keys_arr = frame, None, None
        self._index()

    def key_codes(self, ids_as_given: bool = False) -> tuple[
            np.ndarray, np.ndarray, tuple[int, int] | np.ndarray | pd.api.extensions.ExtensionArray | None] | None:
        """The `key` column of `sums` as (codes, vocabulary, distinct): `vocabulary[codes]` is that column;
        `distinct`, the (start, stop) of the largest slice of the vocabulary proven to be distinct words (or
        None); None when the aggregates came as a sums frame (or one was set). The store encodes the kept sums
        from these rather than hashing the 2.5 million key texts of a million exposures again (the words are
        fewer), and the distinct slice (the instruments' ids) not at all.

        `ids_as_given`: those distinct words are not put in the vocabulary but given as the third item as they
        are (the instruments' Arrow text, or an object array), numbered after the vocabulary's words (code
        len(vocabulary) + i is the i-th of them): the store matches them in Arrow, and 900,000 Python strings
        (~0.06 s, ~70 MB at a million exposures) are not made to be turned back into Arrow (issue 15). Without
        a distinct slice the third item is None, as without `ids_as_given`."""
        p = self._parts
        if p is None or not p.chunk_codes:     # (a sums frame given or set has no parts)
            return None
        proven = [v for v, d in zip(p.chunk_vocabs, p.chunk_distinct) if d]
        big = max(proven, key=len) if proven else None
        at: dict[int, int] = {}     # a vocabulary shared by several dimensions is listed once
        vocabs: list[np.ndarray] = []
        size = 0
        for v in p.chunk_vocabs:
            if id(v) not in at and not (ids_as_given and v is big):
                at[id(v)] = size
                vocabs.append(v)
                size += len(v)
        words = size
        if ids_as_given and big is not None:
            at[id(big)] = size       # (numbered after the others: the vocabulary handed holds the others alone)
            words += len(big)
        # int32 when they fit: these are alive while the kept sums are encoded, the import's peak of memory
        kind = np.int32 if words < 2 ** 31 else np.int64
        codes = np.concatenate([np.asarray(c, dtype=kind) + np.asarray(at[id(v)], dtype=kind)
                                for c, v in zip(p.chunk_codes, p.chunk_vocabs)])
        vocab = (np.concatenate([_as_objects(v) for v in vocabs]) if vocabs else np.array([], dtype=object)
                 ).astype(object, copy=False)
        if ids_as_given:
            return codes, vocab, big
        return codes, vocab, None if big is None else (at[id(big)], at[id(big)] + len(big))

    def sum_codes(self) -> dict[str, object] | None:
        """The columns of `sums` without the frame: {"dimension"/"scope": (codes, words), "key": a function giving
        key_codes(ids_as_given=True), "total_fen"/"countable_fen": int64 arrays}; None when the aggregates came as
        a sums frame. The store encodes the kept sums from these (issue 15: the frame and its text columns were about two
        hundred megabytes at the import's peak of memory)."""
        p = self._parts
        if p is None or not p.chunk_codes:
            return None
        return {"dimension": (p.dim_codes, np.array(list(DIMENSIONS), dtype=object)),
                "scope": (p.scope_codes, np.array(list(self.scopes), dtype=object)),
                "key": lambda: self.key_codes(ids_as_given=True), "total_fen": p.total, "countable_fen": p.countable}

    @property
    def counterparties(self) -> pd.DataFrame | None:
        """The counterparty table (see the module doc), framed on first use."""
        if self._counterparties is None and self._counterparty_data is not None:
            data = self._counterparty_data() if callable(self._counterparty_data) else self._counterparty_data
            # the ids stay the Python strings they are (pandas 3 would infer `str` and copy each one), so the
            # store's block encoder matches the exposures' ids to them by identity, not a million comparisons
            self._counterparties = pd.DataFrame({
                c: pd.Series(v, dtype=object, copy=False) if c in ("counterparty_id", "group_key") else v
                for c, v in data.items()})
        return self._counterparties

    @counterparties.setter
    def counterparties(self, frame: pd.DataFrame | None) -> None:
        self._counterparties, self._counterparty_data = frame, None

    @property
    def _keys(self) -> np.ndarray:
        """The key of every sums row (object array of text), made on first use when built from parts."""
        if self._keys_arr is None:
            if self._sums is None:
                assert self._parts is not None     # __init__ refuses neither
                self._keys_arr = self._parts.keys()
            else:
                self._keys_arr = self._sums["key"].to_numpy(dtype=object)
        return self._keys_arr

    # -- fast access for the limit evaluation -------------------------------------------------
    def _index(self) -> None:
        p = self._parts
        self._blocks = {}
        if self._sums is None and p is not None:
            self._countable, self._total = p.countable, p.total
            # each chunk is one dimension, its rows by scope: a block starts where the scope changes
            for i, (off, codes) in enumerate(zip(p.chunk_starts, p.chunk_codes)):
                if not len(codes):
                    continue
                sc = p.scope_codes[off:off + len(codes)]
                starts = np.flatnonzero(np.r_[True, sc[1:] != sc[:-1]])
                stops = np.r_[starts[1:], len(sc)]
                dim = DIMENSIONS[int(p.dim_codes[off])]
                for a, b in zip(starts.tolist(), stops.tolist()):
                    self._blocks[(self.scopes[int(sc[a])], dim)] = _Block(
                        off + a, off + b, codes=codes[a:b], vocab=p.chunk_vocabs[i], vocab_sorted=p.chunk_sorted[i])
            return
        s = self._sums
        assert s is not None
        self._countable = s["countable_fen"].to_numpy(dtype=np.int64)
        self._total = s["total_fen"].to_numpy(dtype=np.int64)
        dim = s["dimension"].cat.codes.to_numpy(dtype=np.int64)
        scope = s["scope"].cat.codes.to_numpy(dtype=np.int64)
        comb = dim * (len(s["scope"].cat.categories) + 1) + scope
        if len(comb):
            starts = np.flatnonzero(np.r_[True, comb[1:] != comb[:-1]])
            stops = np.r_[starts[1:], len(comb)]
            dims = s["dimension"].cat.categories
            scopes = s["scope"].cat.categories
            for a, b in zip(starts.tolist(), stops.tolist()):
                self._blocks[(scopes[scope[a]], dims[dim[a]])] = _Block(a, b)

    def block_keys(self, block: _Block) -> np.ndarray:
        """The keys of a block's rows (object array of text, in row order)."""
        if self._keys_arr is not None or block.codes is None:
            return self._keys[block.start:block.stop]
        if block.keys is None:
            assert block.vocab is not None
            block.keys = _as_objects(block.vocab[block.codes])
        return block.keys

    def keys_at(self, block: _Block, positions: np.ndarray) -> np.ndarray:
        """The keys at (absolute) sums row positions inside one block, without making every key's text."""
        if self._keys_arr is not None or block.codes is None:
            return self._keys[positions]
        if block.keys is not None:
            return block.keys[np.asarray(positions) - block.start]
        assert block.vocab is not None
        return _as_objects(block.vocab[block.codes[np.asarray(positions) - block.start]])

    @property
    def row_data(self) -> dict | None:
        """The column arrays of `rows` (see there)."""
        if self._row_data is None and self._row_data_factory is not None:
            self._row_data, self._row_data_factory = self._row_data_factory(), None
        return self._row_data

    @row_data.setter
    def row_data(self, data: dict | None) -> None:
        self._row_data, self._row_data_factory, self._rows = data, None, None
        self._row_data_maker = None                  # given, not made: nothing could make them again

    def forget_row_data(self) -> bool:
        """Let go of `row_data` and `rows` once made, when they can be made again on demand (they came
        from a factory): a dozen million-row arrays at a million exposures. True when something was let go."""
        if self._row_data_maker is None or self._row_data_factory is not None:
            return False
        self._row_data, self._row_data_factory, self._rows = None, self._row_data_maker, None
        return True

    @property
    def rows(self) -> pd.DataFrame | None:
        """One row per exposure row (input order): exposure_id, parent_pos, root_pos, depth, member (scope
        code - 1), cp_code (into `counterparties`), amount_fen, residual_fen, has_children, instrument /
        asset_class (codes into the vocabularies, -1 for underlyings), overseas and the exemption flags (exempt_single_asset, exempt_counterparty, exempt_asset_class)."""
        if self._rows is None and self.row_data is not None:
            self._rows = pd.DataFrame(self.row_data, copy=False)
        return self._rows

    def block(self, scope: str, dimension: str) -> _Block | None:
        return self._blocks.get((scope, dimension))

    def ranked(self, block: _Block, need: int = 1) -> tuple[np.ndarray, np.ndarray, int]:
        """(positions, -countable, n_positive) of the block's keys by countable descending then key in
        code-point order, covering at least every key with countable ≥ max(need, 1).

        Only the top of a block is ranked (np.partition, then a sort of at most RANK_TOP keys, or of the
        keys ≥ need when more are asked for); the ranking is kept on the block and widened on demand,
        so what-if re-evaluations reuse it. The default need=1 ranks every key with countable > 0."""
        need = max(int(need), 1)
        if block.order is None or block.cover > need:
            cnt = self._countable[block.start:block.stop]
            if block.n_positive is None:
                block.n_positive = int(np.count_nonzero(cnt > 0))
            npos = block.n_positive
            cover = 1
            if npos > RANK_TOP:
                top = _kth_largest(cnt, RANK_TOP)
                cover = max(1, min(need, int(top)))
            pos = np.flatnonzero(cnt >= cover)
            order = pos[_rank_desc_then_key(cnt[pos], self.keys_at(block, pos + block.start))]
            block.order = order + block.start
            block.neg_sorted = -cnt[order]
            block.cover = cover
        assert block.order is not None and block.neg_sorted is not None and block.n_positive is not None  # ranked
        return block.order, block.neg_sorted, block.n_positive

    def key_position(self, block: _Block, key: str) -> int | None:
        if block.codes is not None and block.vocab is not None and block.vocab_sorted and isinstance(key, str):
            # keys as codes into a vocabulary in code-point order, ascending within the block (_block_sums):
            # two bisections instead of a scan of the block's keys
            vocab = block.vocab
            c = int(np.searchsorted(vocab, key))
            if c == len(vocab) or vocab[c] != key:
                return None
            j = int(np.searchsorted(block.codes, c))
            return block.start + j if j < len(block.codes) and block.codes[j] == c else None
        if block.key_pos is None and block.scans < KEY_SCANS:
            # a block of 200,000 counterparties asked for one key: a scan of its keys costs a few
            # milliseconds, a dict of them a tenth of a second; the dict comes once a block is asked often
            block.scans += 1
            hit = np.flatnonzero(self.block_keys(block) == key)
            return int(block.start + hit[-1]) if len(hit) else None    # the dict's answer: the last such row
        if block.key_pos is None:
            keys = self.block_keys(block)
            block.key_pos = dict(zip(keys.tolist(), range(block.start, block.stop)))
        return block.key_pos.get(key)

    def _basis_table(self) -> dict:
        if self._bases_dict is None:
            table: dict[tuple[str, str], Decimal | int | None] = {}
            for scope, rec in zip(self.bases.index.astype(str), self.bases.to_dict("records")):
                for col, v in rec.items():
                    if col == "solvency_ratio":
                        ok = v is not None and not (isinstance(v, float) and np.isnan(v))
                        table[(scope, col)] = Decimal(str(v)) if ok else None
                    elif col.endswith("_fen"):
                        table[(scope, col[:-4])] = None if pd.isna(v) else int(v)
            self._bases_dict = table
        return self._bases_dict

    def basis(self, scope: str, basis: str) -> int | None:
        """The scope's figure in fen (total_assets, net_assets, total_premium, total_ceded), or None."""
        return self._basis_table().get((scope, basis))

    def solvency_ratio(self, scope: str) -> Decimal | None:
        return self._basis_table().get((scope, "solvency_ratio"))

    def group_totals(self, dimension: str) -> pd.DataFrame:
        """key, total_fen of one dimension at group scope (after elimination, exempt included)."""
        b = self.block(GROUP_SCOPE, dimension)
        if b is None:
            return pd.DataFrame({"key": pd.Series([], dtype=object), "total_fen": pd.Series([], dtype=np.int64)})
        return pd.DataFrame({"key": self.block_keys(b), "total_fen": self._total[b.start:b.stop]})

    def group_total_amounts(self, dimension: str) -> np.ndarray:
        """total_fen of `group_totals(dimension)` alone (int64, a view): the indices need no keys, and
        framing 800,000 single-asset keys converts each to Arrow text."""
        b = self.block(GROUP_SCOPE, dimension)
        if b is None:
            return np.zeros(0, dtype=np.int64)
        return self._total[b.start:b.stop]


def sort_sums(sums: pd.DataFrame) -> pd.DataFrame:
    """Put a sums frame (e.g. read back from the store) in the order Aggregates relies on."""
    out = sums.copy()
    out["dimension"] = pd.Categorical(out["dimension"].astype(str), categories=list(DIMENSIONS))
    if not isinstance(out["scope"].dtype, pd.CategoricalDtype):
        scopes = [GROUP_SCOPE] + sorted(set(out["scope"].astype(str)) - {GROUP_SCOPE})
        out["scope"] = pd.Categorical(out["scope"].astype(str), categories=scopes)
    out = out.sort_values(["dimension", "scope"], kind="stable")
    return out.reset_index(drop=True)


def _kth_largest(values: np.ndarray, k: int):
    """The k-th largest of `values` (1 <= k <= len): `np.partition(values, len - k)[len - k]`.

    In a large block (800,000 single assets at a million exposures: 11 ms a partition) the values are first
    narrowed to those at or above a threshold from a sample of every 16th value (about 2k of them expected):
    when at least k are, the k largest are among them; when fewer are, all the values are partitioned."""
    step = 16
    if len(values) >= 32 * k:
        sample = values[::step]
        j = len(sample) - max(1, 2 * k // step)
        threshold = np.partition(sample, j)[j]
        above = values[values >= threshold]
        if len(above) >= k:
            values = above
    return np.partition(values, len(values) - k)[len(values) - k]


def _rank_desc_then_key(cnt: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Permutation of `cnt` descending, ties by key text ascending (code-point order).

    A stable sort on the amount alone, then only the runs of equal amounts (rare) re-sorted by key.
    """
    order = np.argsort(-cnt, kind="stable")
    if len(order) < 2:
        return order
    c = cnt[order]
    eq = c[1:] == c[:-1]
    if not eq.any():
        return order
    tied = np.zeros(len(order), dtype=bool)
    tied[1:] |= eq
    tied[:-1] |= eq
    pos = np.flatnonzero(tied)
    sub = order[pos]
    frame = pd.DataFrame({"c": -cnt[sub], "k": pd.Series(keys[sub], dtype=object).astype(str)})
    perm = frame.sort_values(["c", "k"], kind="stable").index.to_numpy()
    order[pos] = sub[perm]
    return order


rank_desc_then_key = _rank_desc_then_key     # the reports order kept sums the same way


def _block_sums(key: np.ndarray, vocab: np.ndarray, weight: np.ndarray, member: np.ndarray, nmembers: int,
                countable: np.ndarray, eliminated: np.ndarray):
    """Sums of one dimension for the group scope (code 0, eliminated rows left out) and each member
    (codes 1..m). Returns (scope codes, key codes, total, countable), int64 arrays, by scope then key code."""
    starts, keys, total, cnt = _block_cells(key, vocab, weight, member, nmembers, countable, eliminated)
    return _scope_codes(starts, np.int64), keys.astype(np.int64, copy=False), total, cnt


def _code_dtype(size: int):
    """The dtype of codes into a vocabulary of `size` words: int32 when they fit (half the memory), else int64."""
    return np.int32 if size < 2 ** 31 else np.int64


def _scope_codes(starts: list, dtype) -> np.ndarray:
    """The scope code of every cell of a block whose scope s has the cells starts[s]:starts[s + 1]."""
    return np.repeat(np.arange(len(starts) - 1, dtype=dtype), np.diff(starts))


def _float_sums(codes: np.ndarray, weights: np.ndarray, size: int) -> np.ndarray:
    return np.bincount(codes, weights=weights, minlength=size)


def _summing(*weights: np.ndarray) -> tuple[tuple[np.ndarray, ...], Callable]:
    """(the weights as summed, the function summing them by code into `size` cells) for integer fen weights:
    float64 and bincount while every partial sum of them is below 2**52, which float64 holds exactly (whatever
    the order of the additions and subtractions; only the non-zero cells are made int64 at the end), else the
    int64 weights and exact_sum_by."""
    if all(len(w) == 0 or np.abs(w).sum(dtype=np.float64) < _lt.EXACT_LIMIT for w in weights):
        return tuple(w.astype(np.float64) for w in weights), _float_sums
    return weights, _lt.exact_sum_by


def _block_cells(key: np.ndarray, vocab: np.ndarray, weight: np.ndarray, member: np.ndarray, nmembers: int,
                 countable: np.ndarray, eliminated: np.ndarray, summing: tuple | None = None):
    """_block_sums as build_aggregates keeps it: (starts, key codes, total, countable), where the cells of scope
    s are starts[s]:starts[s + 1] (the scopes are runs: no scope code per cell) and the key codes are
    _code_dtype's (the single assets at a million exposures: 1.7 million cells, 20 MB less than four int64
    columns, which the kernel would fault in at the evaluation's peak). `summing`: `_summing(weight)`
    when the caller has it (the holding dimensions share their weights)."""
    K = max(len(vocab), 1)
    # one pass over all rows (per member and key); the group and the countable parts are derived by
    # subtracting the (small) eliminated and exempt subsets, all exact. Dense over members × keys (3.6 million
    # cells for 900,000 single assets): at a million exposures the evaluation's cost is mostly the fresh memory
    # the kernel faults in and zeroes (0.1-0.3 s of system time), so every temporary is let go as soon as it is
    # used and the small subsets are subtracted in place (ufunc.at) rather than by another dense array.
    (w,), sums = summing if summing is not None else _summing(weight)
    idx = np.multiply(member, K, dtype=np.int64)      # member * K + key, without a temporary for member * K
    idx += key
    m_tot = sums(idx, w, nmembers * K)
    # the small subsets taken before the row arrays are let go: the exempt rows (by cell), the eliminated rows
    # and the exempt rows counted at group scope (by key)
    ex = np.flatnonzero(~countable)
    ex_cells, ex_w = idx[ex], w[ex]
    el = np.flatnonzero(eliminated)
    el_keys, el_w = key[el], w[el]
    ge = ex[~eliminated[ex]]
    ge_keys, ge_w = key[ge], w[ge]
    del idx, w, ex, el, ge
    g_tot = m_tot.reshape(nmembers, K).sum(axis=0)
    if len(el_keys):
        _subtract_sums(g_tot, el_keys, el_w, sums)
    m_nz, m_tot_nz, m_cnt_nz = _nonzero_cells(m_tot, ex_cells, ex_w, sums)
    del m_tot
    g_nz, g_tot_nz, g_cnt_nz = _nonzero_cells(g_tot, ge_keys, ge_w, sums)
    del g_tot
    # group scope first (code 0), then each member (codes 1..m), keys ascending within each
    n_g, n = len(g_nz), len(g_nz) + len(m_nz)
    starts = [0] + [n_g + a for a in _split_cells(m_nz, K, nmembers)]
    keys = np.empty(n, dtype=_code_dtype(K))
    keys[:n_g] = g_nz
    keys[n_g:] = m_nz
    del g_nz, m_nz
    total = np.empty(n, dtype=np.int64)
    total[:n_g] = g_tot_nz
    total[n_g:] = m_tot_nz
    del g_tot_nz, m_tot_nz
    cnt = np.empty(n, dtype=np.int64)
    cnt[:n_g] = g_cnt_nz
    cnt[n_g:] = m_cnt_nz
    del g_cnt_nz, m_cnt_nz
    return starts, keys, total, cnt


def _subtract_sums(target: np.ndarray, codes: np.ndarray, weights: np.ndarray, sums) -> None:
    """target[c] -= the weights with code c, in place: by ufunc.at when they are few against the target (no
    array of the target's size), else by `sums`. `weights` are of target's dtype (exact either way)."""
    if len(codes) * 8 < len(target):
        np.subtract.at(target, codes, weights)
    else:
        target -= sums(codes, weights, len(target))


def _nonzero_cells(tot: np.ndarray, codes: np.ndarray, weights: np.ndarray, sums):
    """(positions, tot at them, countable at them) where countable = tot less the `weights` summed by `codes`
    (the exempt rows'), at every position where either is non-zero."""
    if not len(codes):
        # (nonzero of a bool mask: several times quicker than of the sums themselves)
        nz = np.flatnonzero(tot != 0)
        t = tot[nz]
        return nz, t, t
    if len(codes) * 16 < len(tot):
        # few exempt rows (22,000 of 900,000 single assets): the countable sums differ from the totals in the
        # exempt rows' cells only, so those are summed alone instead of a second dense array
        cells, inv = np.unique(codes, return_inverse=True)
        cnt_cells = tot[cells] - sums(inv.reshape(-1), weights, len(cells))
        mask = tot != 0
        mask[cells[cnt_cells != 0]] = True
        nz = np.flatnonzero(mask)
        del mask
        t = tot[nz]
        c = t.copy()
        at = np.searchsorted(nz, cells)
        kept = at < len(nz)
        kept[kept] = nz[at[kept]] == cells[kept]       # cells with a total or a countable amount
        c[at[kept]] = cnt_cells[kept]
        return nz, t, c
    cnt = tot.copy()
    _subtract_sums(cnt, codes, weights, sums)
    nz = np.flatnonzero((tot != 0) | (cnt != 0))
    return nz, tot[nz], cnt[nz]


def _joined_scopes(blocks: list) -> np.ndarray:
    """The scope codes of the blocks' cells (int32), from each block's runs."""
    out = np.empty(sum(b[1][-1] for b in blocks), dtype=np.int32)
    at = 0
    for b in blocks:
        starts = b[1]
        for s in range(len(starts) - 1):
            out[at + starts[s]:at + starts[s + 1]] = s
        at += starts[-1]
    return out


def _joined(blocks: list, column: int, dtype) -> np.ndarray:
    """One column of the blocks' pieces as one array of `dtype` (their concatenation), each piece let go once
    copied: the pieces and the joined columns are not all alive at once (at a million exposures 2.5 million sums
    rows, and each joined column is fresh memory the kernel faults in)."""
    out = np.empty(sum(len(b[column]) for b in blocks), dtype=dtype)
    at = 0
    for b in blocks:
        piece, b[column] = b[column], None
        out[at:at + len(piece)] = piece
        at += len(piece)
    return out


def _cell_sums_adder(blocks: list, cell_starts: list, cell_cp: np.ndarray, cell_tot: np.ndarray,
                     cell_cnt: np.ndarray, nmembers: int):
    """A function adding to `blocks` a look-through dimension summed from the counterparty dimension's cells
    (scope runs, counterparty codes, total, countable: _block_cells'), keyed by `key_of_cp[counterparty]`, in
    the order _block_cells gives (scope, then key). countable=False: every amount counts (the countable part is
    the total)."""
    nscopes = nmembers + 1
    cell_scope = _scope_codes(cell_starts, np.int64)
    # (float64 sums while exact: only the non-zero cells made int64, not every dense scopes × keys array, a
    # million cells for 200,000 counterparty groups)
    (tot_w, cnt_w), sums = _summing(cell_tot, cell_cnt)

    def add_cells(dim: str, key_of_cp: np.ndarray, vocab: np.ndarray, countable: bool) -> None:
        K = max(len(vocab), 1)
        idx = np.multiply(cell_scope, K, dtype=np.int64)
        idx += np.asarray(key_of_cp, dtype=np.int64)[cell_cp]
        tot = sums(idx, tot_w, nscopes * K)
        if countable:
            cnt = sums(idx, cnt_w, nscopes * K)
            nz = np.flatnonzero((tot != 0) | (cnt != 0))
        else:
            cnt = tot
            nz = np.flatnonzero(tot != 0)
        del idx
        total, counted = np.empty(len(nz), dtype=np.int64), np.empty(len(nz), dtype=np.int64)
        total[:] = tot[nz]
        counted[:] = cnt[nz]
        del tot, cnt
        starts = _split_cells(nz, K, nscopes)
        blocks.append([dim, starts, nz.astype(_code_dtype(K)), vocab, total, counted])
    return add_cells


def _split_cells(cells: np.ndarray, K: int, nscopes: int) -> list:
    """Dense cells `s * K + key` (ascending, s < nscopes) made keys in place; returns the runs of each scope's
    cells (scope s: starts[s]:starts[s + 1]), found by bisection instead of dividing every cell by K."""
    starts = np.searchsorted(cells, np.arange(nscopes + 1) * K).tolist()
    for s in range(1, nscopes):
        cells[starts[s]:starts[s + 1]] -= s * K
    return starts


def residual_counterparty(cp_code: np.ndarray, has_children: np.ndarray, is_member_cp: np.ndarray,
                          unknown_code: int) -> np.ndarray:
    """The counterparty code each row's residual counts against in the look-through dimensions.

    A row's own counterparty, except for a vehicle (a row with underlyings) whose counterparty is a group
    member: the member manages the product but is not its obligor, so what the underlyings do not cover
    goes to UNKNOWN and stays visible at every scope, instead of being eliminated as intra-group
    (docs/interfaces.md, `group_member`). A member-scope claim without underlyings keeps its member counterparty.
    """
    return np.where(has_children & is_member_cp[cp_code], unknown_code, cp_code)


def _code_point_order(ids: np.ndarray, appended: bool) -> np.ndarray:
    """`np.argsort(ids.astype(str), kind="stable")`: the ids' order in code-point order, ties in their order.
    `appended`: the last id was added to the file's (UNKNOWN).

    Counterparty files usually list their ids in order already: then, when every id is text, that order is
    checked (Python compares text in code-point order) and only the appended id placed, instead of converting
    200,000 ids to a fixed-width array and sorting it (0.012 s against 0.003 s at 1M). The fixed-width array
    compares text padded with NULs, so an id with trailing NULs ties with the id without them (the importer
    refuses control characters; the placing allows for them all the same)."""
    listed = ids[:-1] if appended else ids
    if (len(listed) < 2 or pd.api.types.infer_dtype(ids, skipna=False) != "string"
            or not bool((listed[1:] >= listed[:-1]).all())):
        return np.argsort(ids.astype(str), kind="stable")
    if not appended:
        return np.arange(len(ids))
    last = ids[-1]
    at = int(np.searchsorted(listed, last, side="right"))
    while at < len(listed) and listed[at].rstrip("\x00") == last.rstrip("\x00"):
        at += 1                                          # (ties with the appended id once padded)
    return np.concatenate([np.arange(at), [len(listed)], np.arange(at, len(listed))])


def build_aggregates(data: GroupData) -> Aggregates:
    """Resolve and sum one snapshot (see the module doc for what the result holds)."""
    source = data.source
    exp = data.exposures
    cps = data.counterparties
    members = data.members

    # ---- scopes -------------------------------------------------------------------------------
    member_ids = [str(m) for m in _obj(members["member_id"])] if len(members) else []
    # ---- counterparties, in code-point order of ids, plus UNKNOWN -----------------------------
    cp_ids = _obj(cps["counterparty_id"])
    listed_unknown = bool((cp_ids == UNKNOWN).any()) if len(cp_ids) else False
    ids_all = cp_ids if listed_unknown else np.append(cp_ids, UNKNOWN)
    order = _code_point_order(ids_all, appended=not listed_unknown)
    n_cp = len(ids_all)
    src = order.copy()                    # position in cps of each sorted node (len(cps) = UNKNOWN)
    ids_sorted = ids_all[order]
    # sorted, so repeated ids are neighbours: no hash table of 200,000 ids to learn that they are unique
    ids_unique = not bool((ids_sorted[1:] == ids_sorted[:-1]).any()) if n_cp > 1 else True
    if listed_unknown:
        unknown_code = int(np.flatnonzero(ids_sorted == UNKNOWN)[0])
    else:
        unknown_code = int(np.flatnonzero(order == len(cp_ids))[0])     # the appended row

    real = src < len(cps)                 # (not the appended UNKNOWN)
    src_real = src[real]

    def cp_col(column, fill, kind=object):
        vals = np.empty(n_cp, dtype=kind)
        vals[:] = fill
        if column in cps.columns:
            col = cps[column]
            arr = col.fillna(fill).to_numpy(dtype=kind) if kind is bool else _obj(col)
            vals[real] = arr[src_real]
        return vals

    def cp_factorized(column, sort):
        """`pd.factorize` of cp_col(column, None) (codes -1 where missing): the file's cells factorized, then
        their codes put in code order, instead of 200,000 Python objects (a few ms a column at 1M)."""
        codes = np.full(n_cp, -1, dtype=np.int64)
        if column not in cps.columns:
            return codes, np.array([], dtype=object)
        file_codes, uniques = pd.factorize(cps[column], sort=sort, use_na_sentinel=True)
        codes[real] = np.asarray(file_codes)[src_real]
        return codes, uniques

    parent_code = np.full(n_cp, -1, dtype=np.int64)
    parent_rows = recall_positions("cp_parent_pos", (cps,))     # the parents' rows, as the importer found them
    if parent_rows is not None and len(parent_rows) == len(cps):
        rank = np.empty(n_cp, dtype=np.int64)                     # row of cps (or UNKNOWN) -> code
        rank[order] = np.arange(n_cp)
        has_p = parent_rows >= 0
        parent_code[rank[:len(cps)][has_p]] = rank[parent_rows[has_p]]
    else:
        parent = cp_col("parent_id", None)
        has_p = pd.notna(parent)
        if has_p.any():
            parent_code[has_p] = (positions_in(parent[has_p], ids_sorted) if ids_unique
                                  else pd.Index(ids_sorted).get_indexer(parent[has_p]))
    label_code, _ = cp_factorized("connected_label", sort=False)    # (group_keys reads which share a label only)
    exempt = cp_col("exempt", False, bool)
    related = cp_col("related_party", False, bool)
    group_member = cp_col("group_member", None)
    is_member_cp = pd.notna(group_member)
    gkey = _groups.group_keys(parent_code, label_code, exempt)
    industry_code, industry_vocab = _codes(None, sort=True, factorized=cp_factorized("industry", sort=True))
    region_code, region_vocab = _codes(None, sort=True, factorized=cp_factorized("region", sort=True))
    # UNKNOWN (the row added above, with no industry/region, so they map to "UNKNOWN"): not exempt,
    # not related, not a member, a group of its own. A listed counterparty with a blank industry or
    # region is keyed "UNKNOWN" in that dimension too.
    industry_code[unknown_code] = int(np.flatnonzero(industry_vocab == UNKNOWN)[0])
    region_code[unknown_code] = int(np.flatnonzero(region_vocab == UNKNOWN)[0])
    exempt[unknown_code] = False
    related[unknown_code] = False

    def cp_data() -> dict:
        """The columns of `counterparties`, made and framed only when asked for (drill-down, the store, pre-trade
        checks): an evaluation needs the codes (three 200,000-id object arrays at 1M, 4 ms)."""
        return {
            "counterparty_id": ids_sorted, "group_key": ids_sorted[gkey],
            "industry": industry_vocab[industry_code], "region": region_vocab[region_code],
            "related_party": related, "exempt": exempt, "group_member": group_member,
        }

    # ---- exposures: look-through --------------------------------------------------------------
    lt = _lt.resolve(exp, source, recall_positions("parent_pos", (exp,)))
    n = len(exp)
    amount = exp["amount_fen"].to_numpy(dtype=np.int64)
    holding = lt.parent_pos < 0
    # member of every row = its holding's member
    m_codes, m_uniques = _holding_member_codes(exp, holding)
    scope_ids = list(member_ids) + [m for m in m_uniques if m not in member_ids]
    remap = np.asarray([scope_ids.index(m) for m in m_uniques], dtype=np.int64)
    member_of_holding = np.full(n, -1, dtype=np.int64)
    member_of_holding[holding] = remap[np.asarray(m_codes, dtype=np.int64)] if len(remap) else -1
    member = member_of_holding[lt.root_pos]
    nmembers = max(len(scope_ids), 1)
    del member_of_holding, m_codes

    cp_pos = recall_positions("cp_pos", (exp, cps))     # rows of `cps`, as the importer found them
    if cp_pos is not None:
        rank = np.empty(n_cp, dtype=np.int64)             # row of cps (or UNKNOWN) -> code
        rank[order] = np.arange(n_cp)
        # a row of cps -> its code, and position -1 (no counterparty, or one not listed) -> UNKNOWN's, the last
        # entry: one gather of the million positions instead of three million-row temporaries
        code_of_row = np.append(rank[:len(cps)], unknown_code)
        cp_code = code_of_row[cp_pos]
    else:
        cp_raw = exp["counterparty_id"]
        cp_code = np.full(n, unknown_code, dtype=np.int64)
        has_cp = cp_raw.notna().to_numpy()
        if has_cp.any():
            found = (positions_in(_obj(cp_raw[has_cp]), ids_sorted) if ids_unique
                     else pd.Index(ids_sorted).get_indexer(cp_raw[has_cp]))
            cp_code[has_cp] = np.where(found >= 0, found, unknown_code)
    ex_sa = _bool(exp, "exempt_single_asset")
    ex_cp = _bool(exp, "exempt_counterparty")
    ex_ac = _bool(exp, "exempt_asset_class")
    cp_exempt = exempt[cp_code]
    intra = is_member_cp[cp_code]

    blocks: list[list] = []   # [dimension, scope runs, key codes, vocab, total, countable] (_block_cells')

    def add(dim, key, vocab, weight, mem, countable, eliminated, summing=None):
        starts, kc, tot, cnt = _block_cells(key, vocab, weight, mem, nmembers, countable, eliminated, summing)
        blocks.append([dim, starts, kc, vocab, tot, cnt])

    # look-through dimensions: every row's residual, to its counterparty (or UNKNOWN)
    lt_cp_code = residual_counterparty(cp_code, lt.has_children, is_member_cp, unknown_code)
    with_residual = np.flatnonzero(lt.residual_fen != 0)
    # every row has a residual (as usual): views, not copies of million-row arrays
    lpos: np.ndarray | slice = slice(None) if len(with_residual) == n else with_residual
    del with_residual
    l_w = lt.residual_fen[lpos]
    l_mem = member[lpos]
    l_cp = lt_cp_code[lpos]
    l_elim = is_member_cp[l_cp]
    l_countable_cp = ~(cp_exempt[lpos] | ex_cp[lpos])
    add("counterparty", l_cp, ids_sorted, l_w, l_mem, l_countable_cp, l_elim)
    del lpos, l_w, l_mem, l_cp, l_elim, l_countable_cp     # (fresh memory is the cost at a million rows)
    # the other look-through dimensions from the counterparty's (scope, counterparty) cells rather than the
    # million rows: their keys are functions of the counterparty, and so is intra-group elimination, so
    # summing the cells by the other key gives what summing the rows gives
    _, cell_starts, cell_cp, _, cell_tot, cell_cnt = blocks[-1]
    add_cells = _cell_sums_adder(blocks, cell_starts, cell_cp, cell_tot, cell_cnt, nmembers)
    add_cells("counterparty_group", gkey, ids_sorted, countable=True)
    rel = related[cell_cp] & (cell_tot != 0)        # every related row counts: the countable part is the total
    rel_starts = np.r_[0, np.cumsum(rel)][cell_starts].tolist()    # the runs of the cells kept
    blocks.append(["related_party", rel_starts, cell_cp[rel], ids_sorted, cell_tot[rel], cell_tot[rel]])
    add_cells("industry", industry_code, industry_vocab, countable=False)
    add_cells("region", region_code, region_vocab, countable=False)
    del add_cells, cell_cp, cell_tot, cell_cnt, rel

    # business dimensions
    premium_g = ceded_g = None
    premium_m = ceded_m = np.zeros(nmembers, dtype=np.int64)
    biz = data.business
    has_business = biz is not None and len(biz) > 0
    if biz is not None and has_business:
        b_codes, b_uni = pd.factorize(pd.Series(_obj(biz["member_id"]), dtype=object))
        b_member = np.asarray([scope_ids.index(u) if u in scope_ids else 0 for u in b_uni], dtype=np.int64)[b_codes]
        b_amount = biz["amount_fen"].to_numpy(dtype=np.int64)
        kind = _obj(biz["kind"])
        member_cp_ids = set(ids_sorted[is_member_cp].tolist())
        internal = set(scope_ids) | member_cp_ids

        def biz_dim(dim, mask, column, eliminated=None):
            vals = _obj(biz[column])[mask] if column in biz.columns else np.full(int(mask.sum()), None, object)
            codes, vocab = _codes(pd.Series(vals, dtype=object), sort=True)
            elim = (pd.Series(vals, dtype=object).isin(internal).to_numpy() if eliminated is None
                    else eliminated)
            add(dim, codes, vocab, b_amount[mask], b_member[mask], np.ones(int(mask.sum()), bool), elim)
            return elim

        prem = kind == "premium"
        ced = kind == "ceded"
        elim_c = biz_dim("customer", prem, "customer_id")
        # premium by line and by the row's region: what a customer that is a group member pays is intra-group
        # (as for `customer`, and as the group's total_premium basis leaves it out)
        biz_dim("business_line", prem, "line", eliminated=elim_c)
        biz_dim("premium_region", prem, "region", eliminated=elim_c)
        elim_r = biz_dim("reinsurer", ced, "reinsurer_id")
        premium_g = int(b_amount[prem][~elim_c].sum())
        ceded_g = int(b_amount[ced][~elim_r].sum())
        premium_m = _lt.exact_sum_by(b_member[prem], b_amount[prem], nmembers)
        ceded_m = _lt.exact_sum_by(b_member[ced], b_amount[ced], nmembers)

    # holding dimensions: holdings as held; eliminated = intra-group holdings without underlyings
    hpos = np.flatnonzero(holding)
    h_w = amount[hpos]
    h_mem = member[hpos]
    h_elim = intra[hpos] & ~lt.has_children[hpos]
    ac_codes_all, asset_classes = _codes(exp["asset_class"], sort=True,
                                         factorized=_keys.recall_codes("asset_class_codes", (exp,)))
    ac_codes_h = ac_codes_all[hpos]
    del ac_codes_all
    h_summing = _summing(h_w)             # (the three holding dimensions sum the same weights)
    add("asset_class", ac_codes_h, asset_classes, h_w, h_mem, ~ex_ac[hpos], h_elim, h_summing)
    overseas = _bool(exp, "overseas")
    ov_vocab = np.asarray(["domestic", "overseas"], dtype=object)
    add("overseas", overseas[hpos].astype(np.int64), ov_vocab, h_w, h_mem, np.ones(len(hpos), bool), h_elim,
        h_summing)
    # the codes the importer found beside its checks, while these are the very cells; else encoded here
    coded = _keys.recall_codes("instrument_codes", (exp,))
    instr_codes_all, instruments = coded if coded is not None else _factorize_text(exp["instrument_id"])
    instr_codes_h = np.asarray(instr_codes_all, dtype=np.int64)[hpos]
    # the instruments are distinct words (the importer's dictionary or factorize) unless UNKNOWN, added for the
    # holdings without one, is also an instrument's id
    instruments_distinct = True
    if (instr_codes_h < 0).any():
        instruments_distinct = not bool(np.asarray(instruments == UNKNOWN, dtype=bool).any())
        instruments = _append_text(instruments, UNKNOWN)
        instr_codes_h[instr_codes_h < 0] = len(instruments) - 1
    add("single_asset", instr_codes_h, instruments, h_w, h_mem, ~(cp_exempt[hpos] | ex_sa[hpos]), h_elim,
        h_summing)
    del h_w, h_mem, h_elim, h_summing

    # ---- the sums frame -----------------------------------------------------------------------
    scopes = (GROUP_SCOPE,) + tuple(scope_ids)
    dim_rank = {d: i for i, d in enumerate(DIMENSIONS)}
    blocks.sort(key=lambda b: dim_rank[b[0]])
    sizes = [len(b[2]) for b in blocks]
    vocabs = {id(b[3]): b[3] for b in blocks if b[0] != "single_asset"}
    text = {key: _is_text(v) for key, v in vocabs.items()}     # (a vocabulary shared by dimensions looked at once)
    dim_codes = np.repeat(np.array([dim_rank[b[0]] for b in blocks], dtype=np.int8), sizes)
    chunk_starts = np.r_[0, np.cumsum(sizes)[:-1]].tolist() if blocks else []
    parts = _SumParts(dim_codes=dim_codes, chunk_starts=chunk_starts,
                      chunk_codes=[b[2] for b in blocks], chunk_vocabs=[b[3] for b in blocks],
                      # every vocabulary but the instruments' (first appearance) is in code-point order, and
                      # unique (the counterparty ids when the file's are)
                      chunk_sorted=[b[0] != "single_asset" and (ids_unique or b[3] is not ids_sorted)
                                    and text[id(b[3])] for b in blocks],
                      chunk_distinct=[b[0] == "single_asset" and instruments_distinct for b in blocks],
                      scope_codes=_joined_scopes(blocks), total=_joined(blocks, 4, np.int64),
                      countable=_joined(blocks, 5, np.int64))

    # ---- bases -------------------------------------------------------------------------------
    g = data.group
    rows = [{"scope": GROUP_SCOPE, "total_assets_fen": g.total_assets_fen, "net_assets_fen": g.net_assets_fen,
             "total_premium_fen": premium_g, "total_ceded_fen": ceded_g, "solvency_ratio": g.solvency_ratio}]
    mframe = members.set_index(members["member_id"].astype(str)) if len(members) else None
    for i, m in enumerate(scope_ids):
        r: dict[str, object] = {"scope": m, "total_assets_fen": None, "net_assets_fen": None, "solvency_ratio": None,
             "total_premium_fen": int(premium_m[i]) if has_business else None,
             "total_ceded_fen": int(ceded_m[i]) if has_business else None}
        if mframe is not None and m in mframe.index:
            rec = mframe.loc[m]
            for c in ("total_assets_fen", "net_assets_fen"):
                r[c] = None if pd.isna(rec[c]) else int(rec[c])
            sr = rec.get("solvency_ratio")
            r["solvency_ratio"] = None if sr is None or (not isinstance(sr, Decimal) and pd.isna(sr)) else sr
        rows.append(r)
    bases = pd.DataFrame(rows).set_index("scope")
    for c in ("total_assets_fen", "net_assets_fen", "total_premium_fen", "total_ceded_fen"):
        bases[c] = pd.array(bases[c].tolist(), dtype="Int64")
    bases["solvency_ratio"] = pd.Series([r["solvency_ratio"] for r in rows], index=bases.index, dtype=object)

    # ---- drill-down rows ---------------------------------------------------------------------
    eid = exp["exposure_id"]

    def row_data() -> dict:
        """The columns of `rows`, made when first asked for (drill-down, pre-trade, stress), not for an
        evaluation: a dozen million-row arrays."""
        instr_row = np.full(n, -1, dtype=np.int32)
        instr_row[hpos] = instr_codes_h
        ac_row = np.full(n, -1, dtype=np.int32)
        ac_row[hpos] = ac_codes_h
        return {          # (one dtype, whatever the frame's: the importer's Arrow text is not made Python strings)
            "exposure_id": _text_column(eid),
            "parent_pos": lt.parent_pos, "root_pos": lt.root_pos, "depth": lt.depth,
            "member": member.astype(np.int32), "cp_code": cp_code.astype(np.int32),
            "lt_cp_code": lt_cp_code.astype(np.int32),
            "amount_fen": amount, "residual_fen": lt.residual_fen, "has_children": lt.has_children,
            "instrument": instr_row, "asset_class": ac_row,
            "overseas": overseas, "exempt_single_asset": ex_sa, "exempt_counterparty": ex_cp,
            "exempt_asset_class": ex_ac,
        }

    return Aggregates(as_of=g.as_of, sums=None, bases=bases, scopes=scopes, instruments=instruments,
                      asset_classes=asset_classes, has_business=has_business, parts=parts,
                      counterparty_data=cp_data, row_data_factory=row_data)


# ---- drill-down -----------------------------------------------------------------------------------
def contributions(agg: Aggregates, scope: str, dimension: str, key: str | None = None) -> pd.DataFrame:
    """The exposure rows behind a (scope, dimension, key): for look-through dimensions the leaves and
    uncovered remainders (path "E06 → E06A"), for holding dimensions the holdings.

    `key` None or "*" = every key of the dimension. Columns: exposure_id, holding_id, path, member_id,
    counterparty_id, key, amount_fen, amount, counted (counts against this dimension's limits).
    Business dimensions have no exposure rows (an empty frame).
    """
    r = agg.rows
    cpt = agg.counterparties
    empty_cols = ["exposure_id", "holding_id", "path", "member_id", "counterparty_id", "key", "amount_fen",
                  "amount", "counted"]
    instruments, asset_classes = agg.instruments, agg.asset_classes   # kept with the rows, or all None
    if r is None or cpt is None or instruments is None or asset_classes is None or dimension in BUSINESS_DIMENSIONS:
        return pd.DataFrame(columns=empty_cols)
    parent_pos = r["parent_pos"].to_numpy()
    cp_code = r["cp_code"].to_numpy()
    member = r["member"].to_numpy()
    ids = r["exposure_id"].to_numpy(dtype=object)
    cp_ids = cpt["counterparty_id"].to_numpy(dtype=object)
    intra = pd.notna(cpt["group_member"]).to_numpy()[cp_code]
    cp_exempt = cpt["exempt"].to_numpy(dtype=bool)[cp_code]
    keys: np.ndarray
    if dimension in HOLDING_DIMENSIONS:
        sel = parent_pos < 0
        weight = r["amount_fen"].to_numpy()
        elim = intra & ~r["has_children"].to_numpy()
        if dimension == "single_asset":
            code = r["instrument"].to_numpy()
            keys = np.where(code >= 0, _as_objects(instruments[np.maximum(code, 0)]), NONE_CELL)
            counted = ~(cp_exempt | r["exempt_single_asset"].to_numpy())
        elif dimension == "asset_class":
            code = r["asset_class"].to_numpy()
            keys = np.where(code >= 0, asset_classes[np.maximum(code, 0)], NONE_CELL)
            counted = (~r["exempt_asset_class"].to_numpy(dtype=bool) if "exempt_asset_class" in r.columns
                       else np.ones(len(r), bool))
        else:
            keys = np.where(r["overseas"].to_numpy(), "overseas", "domestic").astype(object)
            counted = np.ones(len(r), bool)
    elif dimension in LOOK_THROUGH_DIMENSIONS:
        weight = r["residual_fen"].to_numpy()
        sel = weight != 0
        cp_code = r["lt_cp_code"].to_numpy()
        elim = pd.notna(cpt["group_member"]).to_numpy()[cp_code]
        cp_exempt = cpt["exempt"].to_numpy(dtype=bool)[cp_code]
        counted = np.ones(len(r), bool)
        if dimension == "counterparty":
            keys = cp_ids[cp_code]
            counted = ~(cp_exempt | r["exempt_counterparty"].to_numpy())
        elif dimension == "counterparty_group":
            keys = cpt["group_key"].to_numpy(dtype=object)[cp_code]
            counted = ~(cp_exempt | r["exempt_counterparty"].to_numpy())
        elif dimension == "related_party":
            keys = cp_ids[cp_code]
            sel = sel & cpt["related_party"].to_numpy(dtype=bool)[cp_code]
        else:
            keys = cpt[dimension].to_numpy(dtype=object)[cp_code]
    else:
        raise ValueError(f"unknown dimension {dimension!r}")
    if scope == GROUP_SCOPE:
        sel = sel & ~elim
    else:
        if scope not in agg.scopes:
            return pd.DataFrame(columns=empty_cols)
        sel = sel & (member == agg.scopes.index(scope) - 1)
    if key not in (None, "*"):
        sel = sel & (keys == key)
    pos = np.flatnonzero(sel)
    scopes = np.asarray(agg.scopes[1:] + (None,), dtype=object)
    root = r["root_pos"].to_numpy()[pos]
    amt = weight[pos]
    out = pd.DataFrame({
        "exposure_id": ids[pos], "holding_id": ids[root], "path": _lt.paths(ids, parent_pos, pos),
        "member_id": scopes[member[pos]], "counterparty_id": cp_ids[cp_code[pos]], "key": keys[pos],
        "amount_fen": amt, "amount": amt / 100.0, "counted": counted[pos],
    })
    return out.sort_values(["amount_fen", "exposure_id"], ascending=[False, True], kind="stable").reset_index(drop=True)
