"""The loaded snapshot the concentration screens show (SnapshotView): the data, core's result and the
names of keys, built from an import's dry run or from a stored evaluation.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QCoreApplication,
)

from core.concentration.groups import group_heads
from ui.common import i18n
from ui.concentration.labels import BUSINESS, CTX, DIMENSION_ORDER, GROUP_LABEL, KEY_LABELS, label
from wording import codes


# --------------------------------------------------------------------------------- the loaded snapshot
@dataclass
class SnapshotView:
    """One snapshot as the screens show it: the data, core's result, and look-ups for names.

    Built in a worker (`build_view`); read-only afterwards.
    """

    data: Any                      # core.concentration.model.GroupData
    result: Any                    # core.concentration.engine.ConcentrationResult
    snapshot_id: int | None = None
    names: dict[str, str] = field(default_factory=dict)          # counterparty_id -> name
    member_names: dict[str, str] = field(default_factory=dict)   # member_id -> name
    issuers: dict[str, str] = field(default_factory=dict)        # instrument_id -> counterparty_id
    exposure_info: Any = None      # DataFrame indexed by exposure_id: instrument_id, asset_class, ...
    parents: dict[str, str] = field(default_factory=dict)        # counterparty_id -> parent_id
    limits_source: tuple[int, int] | None = None  # (limit set id, version) evaluated; None = the data's own
    previous: dict | None = None   # {"as_of", "limits": {limit_id: result JSON}} of the snapshot before
    complete: bool = True          # False: opened from the stored evaluation only (`build_stored_view`)
    n_exposures: int | None = None
    n_counterparties: int | None = None   # a stored view's count (its data hold no counterparty rows)
    _positions: dict = field(default_factory=dict, repr=False)     # (scope, dimension) -> {key: row}
    _blocks: dict = field(default_factory=dict, repr=False)        # (scope, dimension) -> arrays
    _group_names: dict = field(default_factory=dict, repr=False)   # lang -> {group key: shown name}
    # {group key: (head id, size)} worked out in the worker (`build_view`, `build_stored_view`: of the keys
    # shown); None: from data.counterparties when first asked
    heads: dict | None = None

    @property
    def as_of(self):
        return self.data.group.as_of

    @property
    def scopes(self) -> tuple[str, ...]:
        return tuple(self.result.aggregates.scopes)

    def scope_label(self, scope: str) -> str:
        if scope == "group":
            return QCoreApplication.translate(CTX, GROUP_LABEL)
        name = self.member_names.get(scope)
        return f"{scope} {name}" if name else scope

    def key_name(self, dimension: str, key: str | None) -> str:
        """What a key is called: a counterparty's name, an asset class in words, an instrument's issuer."""
        if key is None:
            return ""
        # an industry or region that look-through could not identify reads as the report prints it there
        # (未识别（穿透后无法识别）), not as the unknown counterparty
        if key == "UNKNOWN" and dimension in ("industry", "region", "premium_region"):
            return (codes.industry_name if dimension == "industry" else codes.region_name)(key, i18n.wording_lang())
        if key in KEY_LABELS and (key in ("UNKNOWN", "*") or dimension in ("asset_class", "overseas")):
            return label(KEY_LABELS, key)
        if dimension == "counterparty_group" and key in self.group_names:
            return self.group_names[key]
        if dimension in ("counterparty", "counterparty_group", "related_party", "customer", "reinsurer"):
            return self.names.get(key, "")
        if dimension == "single_asset":
            issuer = self.issuers.get(key)
            return self.names.get(issuer, issuer or "") if issuer else ""
        if dimension == "industry":
            return codes.industry_name(key, i18n.wording_lang())
        if dimension in ("region", "premium_region"):
            return codes.region_name(key, i18n.wording_lang())
        return ""

    @property
    def group_names(self) -> dict[str, str]:
        """Counterparty groups headed by a company other than their key, under that company's name
        ("DEVHOLD 等 3 家"); worked out once per language."""
        lang = i18n.wording_lang()
        cached = self._group_names.get(lang)
        if cached is None:
            heads = self.heads
            if heads is None:
                cps = getattr(self.data, "counterparties", None)
                heads = group_heads(cps) if cps is not None else {}
            cached = {k: codes.group_name(self.names.get(head) or head, size, lang)
                      for k, (head, size) in heads.items()}
            self._group_names[lang] = cached
        return cached

    def dimensions(self) -> list[str]:
        has_business = bool(getattr(self.result.aggregates, "has_business", False))
        return [d for d in DIMENSION_ORDER if has_business or d not in BUSINESS]

    def block(self, scope: str, dimension: str):
        """(keys, total_fen, countable_fen) arrays of one dimension and scope, in the order of the limits:
        core's ranking (countable descending, then key) first, then the keys with nothing countable
        (exempt) by total descending. Built once per (scope, dimension)."""
        cached = self._blocks.get((scope, dimension))
        if cached is not None:
            return cached
        agg = self.result.aggregates
        b = agg.block(scope, dimension)
        if b is None:
            out = (np.array([], dtype=object), np.array([], dtype=np.int64), np.array([], dtype=np.int64))
        else:
            part = agg.sums.iloc[b.start:b.stop]
            keys = part["key"].to_numpy(dtype=object)
            tot = part["total_fen"].to_numpy(dtype=np.int64)
            cnt = part["countable_fen"].to_numpy(dtype=np.int64)
            if hasattr(agg, "ranked"):
                ranked = np.asarray(agg.ranked(b)[0], dtype=np.int64) - b.start
            else:  # an older core kept the block itself in that order
                ranked = np.flatnonzero(cnt > 0)
            rest = np.flatnonzero(cnt <= 0)
            rest = rest[np.argsort(-tot[rest], kind="stable")]
            order = np.concatenate([ranked, rest])
            out = (keys[order], tot[order], cnt[order])
        self._blocks[(scope, dimension)] = out
        return out

    def indices(self, scope: str, dimension: str) -> dict:
        """HHI, top-N and the other indices of core for this scope (core's indices frame for the group)."""
        from core.concentration.indices import index_values

        ix = self.result.indices
        if scope == "group" and len(ix) and dimension in set(ix["dimension"]):
            return ix[ix["dimension"] == dimension].iloc[0].to_dict()
        return index_values(self.block(scope, dimension)[1])

    def group_members(self, scope: str, group_key: str) -> tuple[list[str], np.ndarray]:
        """The counterparties of a counterparty group and their totals in `scope` (counterparty dimension)."""
        cpt = self.result.aggregates.counterparties
        ids = cpt.loc[cpt["group_key"] == group_key, "counterparty_id"].tolist()
        keys, totals, _ = self.block(scope, "counterparty")
        pos = self._positions.get((scope, "counterparty"))
        if pos is None:
            pos = self._positions[(scope, "counterparty")] = {k: i for i, k in enumerate(keys.tolist())}
        amounts = np.asarray([totals[pos[i]] if i in pos else 0 for i in ids], dtype=np.int64)
        order = np.lexsort((np.asarray(ids, dtype=object).astype(str), -amounts)) if ids else np.array([], int)
        return [ids[i] for i in order], amounts[order]

    def contributions(self, scope: str, dimension: str, key: str):
        """core's drill-down rows, with each exposure's instrument and asset class beside it."""
        from core.concentration.aggregate import contributions

        frame = contributions(self.result.aggregates, scope, dimension, key)
        info = self.exposure_info
        if info is not None and len(frame):
            # one look-up of the ids for both columns, taken by position (two reindexes cost twice that)
            pos = info.index.get_indexer(frame["exposure_id"].to_numpy(dtype=object))
            found = pos >= 0

            def column(name):
                values = np.full(len(pos), None, dtype=object)
                values[found] = info[name].to_numpy(dtype=object)[pos[found]]
                return values

            frame = frame.assign(instrument_id=column("instrument_id"), asset_class=column("asset_class"))
        return frame


def _text_list(values) -> list:
    """A column's cells as a list of str, as `.astype(str)` gives them (no cell missing): the Python strings
    it holds as they are when every cell is one already, instead of a pass through Arrow text and back (200,000
    counterparties: ~0.4 s a column)."""
    import pandas as pd  # noqa: PLC0415 - (not at the GUI's start-up)

    cells = values.to_numpy(dtype=object)
    if pd.api.types.infer_dtype(cells, skipna=False) == "string":
        return cells.tolist()
    return values.astype(str).tolist()


def build_view(data, result, snapshot_id: int | None = None) -> SnapshotView:
    """Look-ups for a snapshot (worker thread: one pass over the frames)."""
    import pandas as pd  # noqa: PLC0415 - (not at the GUI's start-up)

    from core.concentration.snapshots import holding_issuers  # (pandas-heavy: not at the GUI's start-up)

    cps = data.counterparties
    names = dict(zip(_text_list(cps["counterparty_id"]), _text_list(cps["name"].fillna(""))))
    members = data.members
    member_names = dict(zip(members["member_id"].astype(str), members["name"].fillna("").astype(str)))
    exp = data.exposures
    info = exp.set_index("exposure_id")[["instrument_id", "asset_class", "counterparty_id"]]
    info = info[~info.index.duplicated()]
    # an underlying's instrument None, as the drill-down shows it: the importer's Arrow text has NaN there
    info = info.assign(instrument_id=pd.Series(info["instrument_id"].to_numpy(dtype=object, na_value=None),
                                               index=info.index, dtype=object))
    # a single asset's issuer by the one rule of screen and paper: none for an instrument held against several
    issuers = holding_issuers(exp)
    with_parent = cps[cps["parent_id"].notna()]
    parents = dict(zip(_text_list(with_parent["counterparty_id"]), _text_list(with_parent["parent_id"])))
    # the groups' heads here, in the worker: on the GUI thread they held up the first paint of the dashboard
    heads = group_heads(cps) if len(cps) else {}
    return SnapshotView(data=data, result=result, snapshot_id=snapshot_id, names=names,
                        member_names=member_names, issuers=issuers, exposure_info=info, parents=parents,
                        heads=heads)


@dataclass
class _StoredAggregates:
    """Stands for core's Aggregates in a view opened from the stored evaluation: the scopes and whether
    there is business, no sums (the dimension page waits for the complete view)."""

    scopes: tuple[str, ...]
    has_business: bool
    counterparties: Any = None

    def block(self, scope: str, dimension: str):
        return None


def build_stored_view(opened) -> SnapshotView:
    """The view of a stored snapshot as its stored evaluation recorded it (core.concentration.snapshots.
    open_stored): enough for the limit dashboard, without the exposure rows (worker thread). Names and group
    heads only of the keys the dashboard shows (recorded with the evaluation, or read by open_stored for one
    recorded before); no counterparty rows (`data.counterparties` is None unless open_stored had to read their
    links; their count is `n_counterparties`) and no parents: the drill-down waits for the complete view."""
    from core.concentration.engine import ConcentrationResult
    from core.concentration.model import GroupData

    data = GroupData(group=opened.group, members=opened.members, counterparties=opened.counterparties,
                     exposures=None, limits=opened.limits, business=None)
    result = ConcentrationResult(as_of=opened.group.as_of,
                                 aggregates=_StoredAggregates(opened.scopes, opened.has_business),
                                 evaluation=opened.evaluation, indices=opened.indices, members=opened.scopes[1:])
    members = opened.members
    member_names = dict(zip(members["member_id"].astype(str), members["name"].fillna("").astype(str)))
    n_cps = getattr(opened, "n_counterparties", None)
    if n_cps is None and opened.counterparties is not None:
        n_cps = len(opened.counterparties)
    return SnapshotView(data=data, result=result, snapshot_id=opened.snapshot_id, names=dict(opened.names),
                        member_names=member_names, issuers=dict(opened.issuers), complete=False,
                        n_exposures=opened.n_exposures, n_counterparties=n_cps, heads=dict(opened.heads))
