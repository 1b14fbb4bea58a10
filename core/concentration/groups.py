"""Connected counterparty groups (interfaces.md, "counterparties.csv" and "The key of a counterparty group").

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
    has_parent = (parent_code >= 0) & ~exempt
    has_parent[has_parent] &= ~exempt[parent_code[has_parent]]
    nodes = np.arange(n, dtype=np.int64)
    u = [nodes[has_parent]]
    v = [parent_code[has_parent]]
    labelled = (label_code >= 0) & ~exempt
    if labelled.any():
        lc = label_code[labelled]
        members = nodes[labelled]
        first = np.full(int(lc.max()) + 1, n, dtype=np.int64)
        np.minimum.at(first, lc, members)
        u.append(members)
        v.append(first[lc])
    comp = components(n, np.concatenate(u), np.concatenate(v))
    key = np.full(n, n, dtype=np.int64)
    roots = nodes[~has_parent]
    np.minimum.at(key, comp[roots], roots)
    key_of_comp = np.where(key < n, key, np.arange(n))  # no root: the component's smallest id
    return key_of_comp[comp]
