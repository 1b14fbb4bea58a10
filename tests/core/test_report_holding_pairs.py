"""A report names a single asset by its one issuer from the store's distinct holding pairs
(`Store.holding_pairs`, reports.builders.common._StoredIssuers) exactly as it did from the exposure columns
(issue 15: reading three columns of a million rows took 2 s): random holdings and look-through
underlyings, instruments held against several counterparties or against none with a name, stored compactly
and the v1 way (a blank parent id keeps a snapshot out of the compact table)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from core.concentration.importer import read_group_data
from core.store import Store
from reports.builders.common import _StoredIssuers
from tests.conftest import EXAMPLES
from tests.core.test_engine_report_issuers import _old_rule


def _group(rng, n: int, blank_parent: bool):
    g = read_group_data(EXAMPLES / "small-group")
    cps = g.counterparties["counterparty_id"].tolist()
    ids = [f"X{i:03d}" for i in range(n)]
    inst = rng.choice(np.array(["I1", "I2", "I3", "I4", "债5", None], dtype=object), n)
    cp = rng.choice(np.array(cps[:4] + ["NONAME", None], dtype=object), n)
    parent = np.array([ids[int(rng.integers(0, i))] if i and rng.random() < 0.3 else None for i in range(n)],
                      dtype=object)
    if blank_parent and n:
        parent[int(rng.integers(0, n))] = ""
    base = g.exposures.iloc[[0] * n].reset_index(drop=True)
    g.exposures = base.assign(exposure_id=pd.Series(ids, dtype=object), instrument_id=pd.Series(inst, dtype=object),
                              counterparty_id=pd.Series(cp, dtype=object),
                              parent_exposure_id=pd.Series(parent, dtype=object))
    return g


def test_issuers_from_the_store_match_the_rule_on_the_columns():
    rng = np.random.default_rng(15)
    compact = 0
    for trial in range(40):
        g = _group(rng, int(rng.integers(1, 30)), blank_parent=trial % 4 == 3)
        names = dict(zip(g.counterparties["counterparty_id"], g.counterparties["name"]))
        s = Store.create_in_memory()
        try:
            sid = s.save_snapshot(g, "tester")
            compact += bool(s.can_page_exposures(sid)) or s.conn.execute(
                "SELECT count(*) FROM snapshot_block WHERE snapshot_id = ? AND part = 1", (sid,)).fetchone()[0] > 0
            back = s.load_snapshot(sid).exposures
            want = _old_rule(back, names)
            assert want == _old_rule(g.exposures, names)
            lookup = _StoredIssuers(lambda wanted, sid=sid, s=s: s.holding_pairs(sid, wanted), names)
            keys = ["I1", "I2", "I3", "I4", "债5", "I9", ""]
            lookup.prefetch([k for k in keys if rng.random() < 0.5] + [None])  # a batch, the others one by one
            for k in keys + [None]:
                assert lookup.get(k) == want.get(k), (trial, k)
        finally:
            s.close()
    assert 0 < compact < 40                       # both tables were asked
