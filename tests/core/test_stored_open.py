"""A stored snapshot opens from its stored evaluation: the limits as the import evaluated them, exactly, and
not one exposure row read (core.concentration.snapshots.open_stored)."""
from __future__ import annotations

import pandas as pd
import pytest

from core.concentration.limits import evaluate_limits
from core.concentration.snapshots import evaluation_from_json, open_stored, preview_import, store_snapshot
from core.services.evaluations import governing_evaluation
from core.store import Store
from core.whatif.kept import latest_kept
from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "small-group"


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "h.sqlite")
    store_snapshot(s, preview_import(EXAMPLE), "tester", source=str(EXAMPLE))
    yield s
    s.close()


def _no_exposure_rows(store, monkeypatch):
    """Any read of the exposure rows fails the test."""
    import core.store.snapshots as mod

    real = mod.read_frame_rows

    def guarded(conn, table, *args, **kw):
        assert table != "snapshot_exposure", "the exposure rows were read"
        return real(conn, table, *args, **kw)

    monkeypatch.setattr(mod, "read_frame_rows", guarded)
    monkeypatch.setattr(type(store), "load_snapshot", lambda *a, **k: pytest.fail("load_snapshot called"))


def test_the_stored_evaluation_is_what_evaluating_the_kept_sums_gives(store, monkeypatch):
    sid = store.list_snapshots()[0].id
    kept = latest_kept(store, sid)
    _no_exposure_rows(store, monkeypatch)
    opened = open_stored(store, sid, governing_evaluation(store, sid))
    fresh = evaluate_limits(kept.aggregates, opened.limits)
    got = opened.evaluation
    assert len(got.results) == len(fresh.results) > 0
    for col in fresh.results.columns:
        if col == "n_keys":                                   # not in the result JSON
            continue
        assert got.results[col].tolist() == fresh.results[col].tolist(), col
    for col in fresh.flagged.columns:
        assert got.flagged[col].astype(object).tolist() == fresh.flagged[col].astype(object).tolist(), col
    assert set(got.results["status"]) >= {"breach"}           # the example has a breach to show
    assert opened.n_exposures == 20 and opened.scopes[0] == "group" and len(opened.scopes) > 1
    # the names of the keys come with the evaluation: no counterparty row read to open it
    assert opened.counterparties is None and opened.names
    assert opened.n_counterparties == store.get_snapshot_info(sid).n_counterparties > 0
    ix = opened.indices.set_index("dimension")
    assert "counterparty" in ix.index and ix.loc["counterparty", "total"] > 0


def test_single_asset_keys_shown_are_named_by_their_issuer(store, monkeypatch):
    sid = store.list_snapshots()[0].id
    _no_exposure_rows(store, monkeypatch)
    opened = open_stored(store, sid, governing_evaluation(store, sid))
    shown = opened.evaluation.results.loc[opened.evaluation.results["dimension"] == "single_asset", "key"]
    shown = [k for k in shown if k not in (None, "*")]
    assert shown and all(k in opened.issuers for k in shown)
    everything = store.exposure_issuers(sid)
    assert {k: everything[k] for k in opened.issuers} == opened.issuers


def test_key_spec_without_the_limits_is_read_from_the_result():
    doc = {"limits": [
        {"limit_id": "A", "key": "C1", "exposure": 1.5, "basis_amount": 100.0, "status": "breach",
         "flagged": [{"key": "C1", "exposure": 1.5, "ratio": 0.015, "status": "breach"},
                     {"key": "C2", "exposure": 1.0, "ratio": 0.01, "status": "warning"}]},
        {"limit_id": "B", "key": "*", "exposure": 0.01, "basis_amount": 100.0, "status": "ok", "flagged": []},
        {"limit_id": "C", "key": "C9", "exposure": 0.0, "basis_amount": 100.0, "status": "ok", "flagged": []}]}
    ev = evaluation_from_json(doc)
    assert ev.results["key_spec"].tolist() == [None, "*", "C9"]
    assert ev.results["exposure_fen"].tolist() == [150, 1, 0]
    assert ev.flagged["exposure_fen"].tolist() == [150, 100]


def test_the_quick_column_paths_store_what_the_value_loops_stored():
    """to_columns and encode_frame take vectorised paths for clean text, float and integer columns: the
    values (and so the stored rows and blobs the chain hashes) are those the value-by-value loops give."""
    import json
    import zlib

    import numpy as np

    from core.store import frames

    def loop(values, kind):      # the loops as they were (kept as the reference)
        isna = frames._isna
        if kind == frames.FLOAT:
            return [None if isna(v) else float(v) for v in values]
        return [None if isna(v) else (v if isinstance(v, str) else str(v)) for v in values]

    cases = [
        (pd.Series(["a", "b", "中文"], dtype=object), frames.STR),
        (pd.Series(["a", None, "c"], dtype=object), frames.STR),
        (pd.Series(["a", np.nan, "c"], dtype=object), frames.STR),
        (pd.Series(["a", "b"], dtype="str"), frames.STR),
        (pd.Series(["a", None], dtype="str"), frames.STR),
        (pd.Series([1, "x"], dtype=object), frames.STR),
        (pd.Series([1.5, np.nan, float("inf")]), frames.FLOAT),
    ]
    for s, kind in cases:
        assert frames._values(s, kind) == loop(s.tolist(), kind), s.tolist()
    df = pd.DataFrame({"k": ["a", "b", None], "n": np.array([1, 2, 3], dtype=np.int64),
                       "t": pd.Series(["x", "y", "z"], dtype="str")})
    doc = json.loads(zlib.decompress(frames.encode_frame(df)))
    cols = {c["name"]: c for c in doc["columns"]}
    assert cols["k"]["kind"] == "str" and cols["k"]["values"] == ["a", "b", None]
    assert cols["n"]["kind"] == "int" and cols["n"]["values"] == [1, 2, 3]
    assert cols["t"]["kind"] == "str" and cols["t"]["values"] == ["x", "y", "z"]
    back = frames.decode_frame(frames.encode_frame(df))
    assert back["n"].tolist() == [1, 2, 3] and back["t"].tolist() == ["x", "y", "z"]
