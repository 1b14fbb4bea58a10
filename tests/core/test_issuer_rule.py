"""One issuer rule on screen and on paper (issue 15): a single asset (an instrument) is named by its issuer only
when all of its holdings (rows with no look-through parent, naming a counterparty) name one and the same
counterparty; an instrument held against two or more different counterparty ids names none. The store's
`exposure_issuers` (v8 blocks, v7 coded rows, v6 rows), the frame's `holding_issuers` (the complete view, the
breach register), the labels recorded with an evaluation and the report's look-up all follow it; labels recorded
by the earlier rule (the last holding in file order) are not shown as recorded."""
from __future__ import annotations

import shutil

import numpy as np
import pytest

from core.concentration import snapshots as snaps
from core.concentration.snapshots import holding_issuers, open_stored, preview_import
from core.services.evaluations import governing_evaluation
from core.services.imports import store_snapshot
from core.store import Store
from core.store.snapshots import sole_issuers, sole_issuers_of
from reports.builders.common import _Issuers
from tests.conftest import EXAMPLES
from tests.core.test_report_holding_pairs import _group

TWO = "BD-BANK1-2028"        # held against BANK1, then against its subsidiary BANK1SUB: named by neither
ONE = "BD-ENERGY-2029"       # two holdings, both against ENERGY: named by ENERGY


def two_holder_folder(tmp_path):
    """small-group with a second holding of BD-BANK1-2028 against another counterparty (BANK1SUB, last in file
    order: what the earlier rule named it by) and a second holding of BD-ENERGY-2029 against the same one
    (ENERGY), and a limit on BD-ENERGY-2029 alone, so that the dashboard shows both as a limit's key (the
    single-asset limit L07 reports BD-BANK1-2028, the largest)."""
    folder = tmp_path / "two-holders"
    shutil.copytree(EXAMPLES / "small-group", folder)
    (folder / "expected.json").unlink()
    with open(folder / "exposures.csv", "a", encoding="utf-8") as f:
        f.write(f"E17,LIFE,BANK1SUB,{TWO},fixed_income,false,true,1000000000,,,\n"
                f"E18,LIFE,ENERGY,{ONE},fixed_income,false,true,2000000000,,,\n")
    with open(folder / "limits.csv", "a", encoding="utf-8") as f:
        f.write(f"L10,单一资产（人寿，能源债）,single_asset,LIFE,{ONE},total_assets,0.04,0.05,\n")
    return folder


@pytest.fixture
def folder(tmp_path):
    return two_holder_folder(tmp_path)


def test_the_rule_names_one_counterparty_or_none():
    pairs = [("A", "X"), ("B", "Y"), ("A", "X"), ("C", "Y"), ("B", "Z"), ("B", "Y")]
    assert sole_issuers(pairs) == {"A": "X", "C": "Y"}           # B: held against Y and Z, named by neither
    assert sole_issuers(reversed(pairs)) == sole_issuers(pairs)   # no "last holding": the order does not matter
    assert sole_issuers([]) == {}


@pytest.mark.parametrize("as_arrow", [False, True])
def test_the_rule_on_columns_is_the_rule_pair_by_pair(as_arrow):
    """`sole_issuers_of` (codes, for a million holdings) gives what `sole_issuers` gives pair by pair: the same
    instruments and issuers, in the same order (first appearance), ids compared as text."""
    import pandas as pd

    from core.concentration.model import TEXT_DTYPE

    rng = np.random.default_rng(2026)
    for trial in range(40):
        n = int(rng.integers(0, 60))
        inst = np.asarray([f"I{v}" for v in rng.integers(0, 12, size=n)], dtype=object)
        cps = np.asarray([f"C{v}" for v in rng.integers(0, 1 + trial % 5, size=n)], dtype=object)
        want = sole_issuers(zip(inst.tolist(), cps.tolist()))
        if as_arrow:
            got = sole_issuers_of(pd.Series(inst, dtype=TEXT_DTYPE), pd.Series(cps, dtype=TEXT_DTYPE))
        else:
            got = sole_issuers_of(pd.Series(inst, dtype=object), cps)
        assert got == want and list(got) == list(want), trial
        assert all(type(k) is str and type(v) is str for k, v in got.items())
    # an id written as a number and as text is one id, as pair by pair (str of each)
    assert sole_issuers_of(np.asarray([1, "1", "2"], dtype=object), np.asarray(["X", "X", 3], dtype=object)) == \
        sole_issuers([("1", "X"), ("1", "X"), ("2", "3")]) == {"1": "X", "2": "3"}
    assert sole_issuers_of(np.asarray(["A", "A"], dtype=object), np.asarray([5, "5"], dtype=object)) == {"A": "5"}
    assert sole_issuers_of(np.asarray([], dtype=object), np.asarray([], dtype=object)) == {}


def test_the_example_with_two_holders(folder):
    preview = preview_import(folder)
    assert preview.ok and not preview.problems
    exp = preview.data.exposures
    assert set(exp.loc[exp["instrument_id"] == TWO, "counterparty_id"]) == {"BANK1", "BANK1SUB"}
    assert set(exp.loc[exp["instrument_id"] == ONE, "counterparty_id"]) == {"ENERGY"}
    found = holding_issuers(exp)
    assert TWO not in found and found[ONE] == "ENERGY" and found["CGB2030"] == "GOV"
    assert holding_issuers(exp, [TWO, ONE, "NOPE"]) == {ONE: "ENERGY"}
    # look-through underlyings do not name their product: TRUST-PLAN-7 is the trust's
    assert found["TRUST-PLAN-7"] == "TRUST1" and "TRUST-PLAN-7-RE1" not in found


@pytest.mark.parametrize("schema", [6, 7, 8])
def test_every_storage_names_by_the_rule(tmp_path, monkeypatch, folder, schema):
    """The store's exposure_issuers of a snapshot stored as v6 rows, v7 coded rows and v8 blocks: by the rule,
    for all instruments and for those asked."""
    from core.store import base as store_base
    from core.store.schema import MIGRATIONS

    if schema < 8:
        monkeypatch.setattr(store_base, "MIGRATIONS", MIGRATIONS[:schema])
        monkeypatch.setattr(store_base, "SCHEMA_VERSION", schema)
    preview = preview_import(folder)
    with Store.open(tmp_path / f"v{schema}.sqlite3") as s:
        sid = store_snapshot(s, preview, "alice").snapshot_id
        table = {6: "snapshot_exposure", 7: "snapshot_exposure_coded", 8: "snapshot_block"}[schema]
        assert s.conn.execute(f"SELECT count(*) FROM {table} WHERE snapshot_id = ?", (sid,)).fetchone()[0]
        every = s.exposure_issuers(sid)
        assert every == holding_issuers(preview.data.exposures)
        assert TWO not in every and every[ONE] == "ENERGY"
        assert s.exposure_issuers(sid, [TWO, ONE, "NOPE", None]) == {ONE: "ENERGY"}
        assert s.exposure_issuers(sid, []) == {}


def test_store_frame_and_report_agree_on_random_holdings():
    """Random holdings and look-through rows, instruments held against one, several or no counterparty: the
    store, the frame's rule and the report's look-up (with every counterparty named) give the same issuers."""
    rng = np.random.default_rng(1515)
    several = 0
    for trial in range(30):
        g = _group(rng, int(rng.integers(1, 30)), blank_parent=trial % 4 == 3)
        s = Store.create_in_memory()
        try:
            sid = s.save_snapshot(g, "tester")
            want = holding_issuers(s.load_snapshot(sid).exposures)
            assert s.exposure_issuers(sid) == want == holding_issuers(g.exposures), trial
            keys = ["I1", "I2", "I3", "I4", "债5", "I9"]
            assert s.exposure_issuers(sid, keys) == {k: v for k, v in want.items() if k in keys}
            named = {c: "名" for c in g.counterparties["counterparty_id"]} | {"NONAME": "名"}
            report = _Issuers(g.exposures, named)
            report.prefetch(keys)
            assert {k: report.get(k) for k in keys if report.get(k) is not None} == \
                {k: v for k, v in want.items() if k in keys}, trial
            held = s.holding_pairs(sid, keys)
            several += len({i for i, _ in held}) < len(held)
        finally:
            s.close()
    assert several                      # some instrument was held against several counterparties


def _last_holding_labels(labels: dict, data) -> dict:
    """The labels as the earlier rule recorded them: each single asset shown named by its last holding in file
    order, and no ISSUER_RULE."""
    exp = data.exposures
    held = exp[exp["parent_exposure_id"].isna() & exp["counterparty_id"].notna()]
    last = dict(zip(held["instrument_id"].astype(str), held["counterparty_id"].astype(str)))
    shown = {k: last[k] for k in labels["issuers"]} | {TWO: last[TWO]}
    names = dict(labels["names"])
    names[last[TWO]] = data.counterparties.set_index("counterparty_id").loc[last[TWO], "name"]
    return {"issuers": dict(sorted(shown.items())), "heads": labels["heads"], "names": dict(sorted(names.items()))}


def test_the_import_records_labels_by_the_rule(tmp_path, folder):
    preview = preview_import(folder)
    with Store.open(tmp_path / "h.sqlite3") as s:
        out = store_snapshot(s, preview, "alice")
        labels = out.result_json[snaps.LABELS]
        assert labels[snaps.ISSUER_RULE] == snaps.ONE_COUNTERPARTY
        shown = snaps.shown_keys(out.result_json)["single_asset"]
        assert {TWO, ONE} <= shown
        assert TWO not in labels["issuers"] and labels["issuers"][ONE] == "ENERGY"
        doc = {k: v for k, v in out.result_json.items() if k != snaps.LABELS}
        assert labels == snaps.labels_from_store(s, out.snapshot_id, doc) == snaps.labels_from_data(doc, preview.data)
        opened = open_stored(s, out.snapshot_id, governing_evaluation(s, out.snapshot_id))
        assert TWO not in opened.issuers and opened.issuers[ONE] == "ENERGY"


def test_labels_of_the_earlier_rule_are_not_shown_as_recorded(tmp_path, folder, monkeypatch):
    """An evaluation whose labels name BD-BANK1-2028 by its last holding (BANK1SUB), recorded before the rule
    was one: the record stays as it is, but opening shows no issuer for it (taken again from the holdings),
    and a re-evaluation does not copy it."""
    import core.services.imports as imports

    preview = preview_import(folder)
    with Store.open(tmp_path / "h.sqlite3") as s:
        with monkeypatch.context() as m:
            m.setattr(imports, "with_labels",
                      lambda doc, labels: {**doc, snaps.LABELS: _last_holding_labels(labels, preview.data)})
            sid = store_snapshot(s, preview, "alice").snapshot_id
        record = governing_evaluation(s, sid)
        recorded = record.result[snaps.LABELS]
        assert recorded["issuers"][TWO] == "BANK1SUB" and snaps.ISSUER_RULE not in recorded
        opened = open_stored(s, sid, record)
        assert TWO not in opened.issuers and opened.issuers[ONE] == "ENERGY"
        assert opened.counterparties is None              # the holdings of the shown assets, not the counterparties
        assert governing_evaluation(s, sid).result[snaps.LABELS] == recorded    # the record itself unchanged
        again = snaps.labels_for_reevaluation(s, sid, {k: v for k, v in record.result.items() if k != snaps.LABELS})
        assert TWO not in again["issuers"] and again[snaps.ISSUER_RULE] == snaps.ONE_COUNTERPARTY
