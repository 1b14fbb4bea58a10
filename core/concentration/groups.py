"""Connected counterparty groups (docs/interfaces.md, "counterparties.csv" and "The key of a counterparty group").

Nodes are counterparty codes 0..n-1 **in code-point order of their ids** (the caller sorts), so that "the
smallest id" is "the smallest code". Edges: child → parent (parent links) and every holder of a
connected_label → the first holder of that label. An exempt counterparty links nothing: its own parent
link, its children's links to it and its label are ignored.

Connected components are found with vectorised hooking and pointer jumping on integer arrays (a
Shiloach-Vishkin style union-find): every component ends up labelled by its smallest node. The group key
is, among the component's counterparties with no (non-ignored) parent, the smallest id; a component
without such a counterparty (a parent cycle, which the importer should have refused) falls back to its
smallest id.
"""
from __future__ import annotations

import numpy as np

from core.concentration.keys import positions_in


def components(n: int, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Label of each node = the smallest node of its connected component (edges u[i]–v[i])."""
    label = np.arange(n, dtype=np.int64)
    u = np.asarray(u, dtype=np.int64)
    v = np.asarray(v, dtype=np.int64)
    if len(u) == 0:
        return label
    while True:
        lu, lv = label[u], label[v]
        differ = lu != lv
        if not differ.any():
            return label
        lo = np.minimum(lu[differ], lv[differ])
        hi = np.maximum(lu[differ], lv[differ])
        # hook: each root hi points to the smallest lo it touches (pointers only go down: no cycles)
        np.minimum.at(label, hi, lo)
        while True:                      # compress to roots
            nxt = label[label]
            if np.array_equal(nxt, label):
                break
            label = nxt
        # edges whose ends now share a root drop out; keep the rest for the next round
        keep = label[u] != label[v]
        u, v = u[keep], v[keep]
        if len(u) == 0:
            return label


def group_keys(parent_code: np.ndarray, label_code: np.ndarray, exempt: np.ndarray) -> np.ndarray:
    """Group key code of every counterparty.

    parent_code: int64 code of the parent, -1 for none (or an unknown parent);
    label_code: int64 code of the connected_label, -1 for none; exempt: bool.
    """
    n = len(parent_code)
    parent_code = np.asarray(parent_code, dtype=np.int64)
    label_code = np.asarray(label_code, dtype=np.int64)
    exempt = np.asarray(exempt, dtype=bool)
    # the nodes as positions (flatnonzero) rather than boolean masks indexed again and again: at 200,000
    # counterparties each boolean index is a pass over all of them
    linked = np.flatnonzero((parent_code >= 0) & ~exempt)
    linked = linked[~exempt[parent_code[linked]]]           # children with a (non-ignored) parent link
    u = [linked]
    v = [parent_code[linked]]
    members = np.flatnonzero((label_code >= 0) & ~exempt)
    if len(members):
        lc = label_code[members]
        first = np.full(int(lc.max()) + 1, n, dtype=np.int64)
        np.minimum.at(first, lc, members)
        u.append(members)
        v.append(first[lc])
    comp = components(n, np.concatenate(u), np.concatenate(v))
    key = np.full(n, n, dtype=np.int64)
    has_parent = np.zeros(n, dtype=bool)
    has_parent[linked] = True
    roots = np.flatnonzero(~has_parent)
    np.minimum.at(key, comp[roots], roots)
    key_of_comp = np.where(key < n, key, np.arange(n))  # no root: the component's smallest id
    return key_of_comp[comp]


def group_heads(counterparties) -> dict[str, tuple[str, int]]:
    """{group key: (head id, number of counterparties)} of the connected groups headed by a counterparty
    other than their key.

    The key stays what the contract says (the smallest id among the group's counterparties without a
    parent), but a group whose parent company is not that smallest id reads better under the parent's name:
    "DEVHOLD 等 3 家" rather than "DEV3". The head is, among the group's counterparties without a
    (non-ignored) parent, the one that heads the most counterparties through parent links (at least one
    other), ties to the smallest id; a group joined by labels only has no head. Groups whose head is their
    key are left out (their key's name already says it). `counterparties`: the counterparties.csv frame.
    """
    import pandas as pd  # noqa: PLC0415 - the engine path above stays numpy only

    ids = counterparties["counterparty_id"].astype(str).to_numpy(dtype=object)
    if not len(ids):
        return {}
    order = np.argsort(ids.astype(str), kind="stable")
    ids_sorted = ids[order]
    index = pd.Index(ids_sorted)
    if not index.is_unique:
        return {}
    n = len(ids_sorted)

    def col(name, fill):
        if name not in counterparties.columns:
            return np.full(n, fill, dtype=object)
        return counterparties[name].to_numpy(dtype=object)[order]

    parent = col("parent_id", None)
    has = pd.notna(parent)
    parent_code = np.full(n, -1, dtype=np.int64)
    if has.any():
        parent_code[has] = positions_in(parent[has].astype(str), ids_sorted)   # index is unique (above)
    labels = col("connected_label", None)
    label_code, _ = pd.factorize(pd.Series(labels, dtype=object), use_na_sentinel=True)
    exempt = pd.Series(col("exempt", False)).fillna(False).to_numpy(dtype=bool)
    key = group_keys(parent_code, np.asarray(label_code, dtype=np.int64), exempt)
    # the ultimate parent of every counterparty along non-ignored parent links (as group_keys ignores them)
    linked = (parent_code >= 0) & ~exempt
    linked[linked] &= ~exempt[parent_code[linked]]
    up = np.where(linked, parent_code, np.arange(n))
    for _ in range(64):                    # pointer jumping; a cycle (refused on import) just stops here
        nxt = up[up]
        if np.array_equal(nxt, up):
            break
        up = nxt
    heads_of = np.bincount(up, minlength=n)        # counterparties headed by each node (itself included)
    size = np.bincount(key, minlength=n)
    out: dict[str, tuple[str, int]] = {}
    candidates = np.flatnonzero((up == np.arange(n)) & (heads_of > 1))
    best: dict[int, int] = {}
    for c in candidates.tolist():           # code order = id order: the first of a tie is the smallest id
        k = int(key[c])
        if k not in best or heads_of[c] > heads_of[best[k]]:
            best[k] = c
    for k, c in best.items():
        if c != k:
            out[str(ids_sorted[k])] = (str(ids_sorted[c]), int(size[k]))
    return out
