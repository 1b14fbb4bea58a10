"""What a report names the keys it lists by, read by id from a snapshot's counterparty blocks
(core.store.report_reads.CounterpartyLookup) instead of from every counterparty's row (issue 15): the names of
the ids asked, and the heads of the counterparty groups asked worked out from the counterparties of those groups
alone, are those the whole counterparty table gives — on random parent links (some to unknown or exempt
parents, some cycles of labels), connected labels and exemptions."""
from __future__ import annotations

import numpy as np
import pandas as pd

from core.concentration.groups import group_heads
from core.concentration.importer import read_group_data
from core.store import Store
from tests.conftest import EXAMPLES


def _counterparties(rng, n: int) -> pd.DataFrame:
    ids = [f"C{int(i):03d}" for i in rng.permutation(n)]
    parent = [ids[int(rng.integers(0, n))] if rng.random() < 0.5 else
              ("UNKNOWN-PARENT" if rng.random() < 0.1 else None) for _ in range(n)]
    label = [f"L{int(rng.integers(0, 4))}" if rng.random() < 0.2 else None for _ in range(n)]
    return pd.DataFrame({
        "counterparty_id": pd.Series(ids, dtype=object),
        "name": pd.Series([None if rng.random() < 0.1 else f"公司{i}" for i in ids], dtype=object),
        "parent_id": pd.Series([None if p == i else p for p, i in zip(parent, ids)], dtype=object),
        "connected_label": pd.Series(label, dtype=object),
        "exempt": pd.Series(rng.random(n) < 0.1, dtype=bool),
    })


def test_names_and_group_heads_by_id_are_those_of_the_whole_table():
    rng = np.random.default_rng(2015)
    template = read_group_data(EXAMPLES / "small-group")
    headed = 0
    for trial in range(25):
        n = int(rng.integers(2, 80))
        cps = _counterparties(rng, n)
        g = read_group_data(EXAMPLES / "small-group")
        base = template.counterparties.iloc[[0] * n].reset_index(drop=True)
        g.counterparties = base.assign(**{c: cps[c] for c in cps.columns})
        s = Store.create_in_memory()
        try:
            sid = s.save_snapshot(g, "tester")
            lookup = s.counterparty_lookup(sid)
            assert lookup is not None and len(lookup) == n            # stored as blocks: read by id
            table = s.counterparty_table(sid)
            every = group_heads(table)
            headed += bool(every)
            named = {i: v for i, v in zip(table["counterparty_id"], table["name"]) if v is not None}
            ids = table["counterparty_id"].tolist()
            for _ in range(4):
                asked = list(rng.choice(ids, int(rng.integers(1, min(n, 8) + 1)), replace=False)) + ["NOPE"]
                heads = group_heads(lookup.group_links(asked))
                assert {k: heads.get(k) for k in asked} == {k: every.get(k) for k in asked}, trial
                assert lookup.names(asked) == {k: named[k] for k in asked if k in named}
            assert group_heads(lookup.group_links(sorted(every))) == every
            assert lookup.names() == named
        finally:
            s.close()
    assert headed > 5                      # groups headed by a company other than their key were there to find
