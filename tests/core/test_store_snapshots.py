"""Snapshots: exact round trip, listing, period lookup; evaluations and their aggregates."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from core.concentration.importer import read_group_data
from core.store import Store, StoreError
from core.store.frames import decode_frame, encode_frame
from tests.conftest import EXAMPLES
from tests.core.test_store_support import FakeClock, assert_group_equal, big_group, small_group

SMALL_GROUP_DIR = EXAMPLES / "small-group"


def test_round_trip_hand_built():
    s = Store.create_in_memory(clock=FakeClock())
    g = small_group()
    sid = s.save_snapshot(g, "alice", source="upload.xlsx")
    back = s.load_snapshot(sid)
    assert_group_equal(g, back)
    # exactness the frame comparison alone would not show
    assert [str(v) for v in back.limits["warning"]] == ["0.050", "0.20", "0.05", "None"]
    assert back.exposures["amount_fen"].dtype == np.int64
    assert back.exposures.loc[3, "amount_fen"] == 300_000_000_001
    assert back.members["actual_capital_fen"].dtype == "Int64"
    assert back.exposures["counterparty_id"][3] is None
    assert back.limits["key"][0] is None and back.limits["key"][1] == "*"
    assert back.group.as_of == date(2025, 6, 30) and isinstance(back.group.solvency_ratio, Decimal)
    assert back.source == "upload.xlsx" and back.meta == {"warnings": []}


def test_round_trip_fails_on_a_changed_value():
    """The comparison used above can fail: a one-fen difference is caught."""
    s = Store.create_in_memory()
    g = small_group()
    sid = s.save_snapshot(g, "alice")
    g.exposures.loc[2, "amount_fen"] += 1
    with pytest.raises(AssertionError):
        assert_group_equal(g, s.load_snapshot(sid))


def test_round_trip_without_business_and_with_pandas_string_dtype():
    s = Store.create_in_memory()
    g = small_group(business=False)
    g.counterparties["industry"] = g.counterparties["industry"].astype("str")
    g.exposures["member_id"] = g.exposures["member_id"].astype("string")
    sid = s.save_snapshot(g, None)
    back = s.load_snapshot(sid)
    assert back.business is None
    assert_group_equal(g, back)


def test_round_trip_of_the_example_folder():
    g = read_group_data(SMALL_GROUP_DIR)
    s = Store.create_in_memory()
    sid = s.save_snapshot(g, "alice")
    assert_group_equal(g, s.load_snapshot(sid))


def test_unknown_column_is_refused_not_dropped():
    s = Store.create_in_memory()
    g = small_group()
    g.exposures["note"] = "x"
    with pytest.raises(StoreError) as e:
        s.save_snapshot(g, "alice")
    assert e.value.code == "unknown_column" and e.value.detail == {"frame": "exposures", "column": "note"}
    assert s.list_snapshots() == []


def test_list_and_latest_in_period():
    s = Store.create_in_memory(clock=FakeClock())
    a = s.save_snapshot(small_group(as_of=date(2025, 3, 31)), "alice")
    b = s.save_snapshot(small_group(as_of=date(2025, 6, 30)), "bob")
    c = s.save_snapshot(small_group(as_of=date(2025, 6, 30)), "carol")   # corrected data, same date
    d = s.save_snapshot(small_group(as_of=date(2025, 9, 30)), "dan")
    infos = s.list_snapshots()
    assert [i.id for i in infos] == [d, c, b, a]
    assert infos[-1].n_exposures == 5 and infos[-1].n_business == 2 and infos[-1].created_by == "alice"
    assert s.latest_snapshot_in(date(2025, 1, 1), date(2025, 6, 30)).id == c
    assert s.latest_snapshot_in("2025-01-01", "2025-03-31").id == a
    assert s.latest_snapshot_in(date(2024, 1, 1), date(2024, 12, 31)) is None
    frame = s.snapshots_frame()
    assert list(frame["id"]) == [d, c, b, a] and "n_exposures" in frame.columns


def test_evaluation_with_aggregates():
    s = Store.create_in_memory(clock=FakeClock())
    sid = s.save_snapshot(small_group(), "alice")
    agg = {
        "by_counterparty_group": pd.DataFrame({
            "scope": ["group", "group", "LIFE"], "key": ["BANK1", "RE1", None],
            "exposure_fen": np.array([10, 2**62, 0], dtype=np.int64),
            "share": [0.5, float("nan"), float("inf")],
            "limit": [Decimal("0.08"), None, Decimal("1E-7")],
            "exempt": [True, False, True]}),
        "indexed": pd.DataFrame({"v": [1.5, 2.5]}, index=pd.Index(["a", "b"], name="dim")),
        "empty": pd.DataFrame({"x": pd.Series([], dtype="int64")}),
    }
    result = {"as_of": "2025-06-30", "limits": [], "indices": {"counterparty_group": {"hhi": 0.2433}}}
    eid = s.save_evaluation(sid, {"source": "snapshot"}, result, agg, "alice")
    ev = s.load_evaluation(eid)
    assert ev.result == result and ev.snapshot_id == sid and ev.limit_set_ref == {"source": "snapshot"}
    assert ev.aggregate_names == ("by_counterparty_group", "indexed", "empty")
    for name, df in agg.items():
        pd.testing.assert_frame_equal(ev.aggregates[name], df, check_exact=True)
    listed = s.evaluations_for(sid)
    assert [e.id for e in listed] == [eid] and listed[0].aggregates is None


def test_evaluation_against_a_limit_set_version_must_exist():
    s = Store.create_in_memory()
    sid = s.save_snapshot(small_group(), "alice")
    with pytest.raises(StoreError) as e:
        s.save_evaluation(sid, {"limit_set_id": 1, "version": 1}, {}, None, "alice")
    assert e.value.code == "not_found"
    ls = s.create_limit_set("main", "alice")
    p = s.create_proposal(ls, small_group().limits, "alice", "r", "2025-01-01")
    s.decide(p, "bob", "approve")
    eid = s.save_evaluation(sid, {"limit_set_id": ls, "version": 1}, {}, None, "alice")
    assert s.load_evaluation(eid).limit_set_version_id == s.get_version_by_number(ls, 1).id


def test_frame_codec_refuses_what_it_cannot_keep():
    with pytest.raises(StoreError) as e:
        encode_frame(pd.DataFrame({"x": [object()]}))
    assert e.value.code == "unsupported_value"
    df = pd.DataFrame({"d": [date(2025, 1, 1), None], "j": [{"a": 1}, [1, 2]]})
    pd.testing.assert_frame_equal(decode_frame(encode_frame(df)), df)


@pytest.mark.slow
def test_big_snapshot_round_trip():
    """Save/load speed is measured in benchmarks/ (no timed assertions in tests)."""
    n = 200_000
    g = big_group(n)
    s = Store.create_in_memory()
    sid = s.save_snapshot(g, "alice")
    assert_group_equal(g, s.load_snapshot(sid))


@pytest.mark.parametrize("n", [0, 1, 63, 64, 65, 129])
def test_round_trip_at_batch_boundaries(n):
    g = big_group(n)
    s = Store.create_in_memory()
    sid = s.save_snapshot(g, "alice")
    back = s.load_snapshot(sid)
    assert_group_equal(g, back)
    assert list(back.exposures["exposure_id"]) == [f"X{i:08d}" for i in range(n)]


def test_frame_codec_keeps_categories_and_nullable_types():
    df = pd.DataFrame({
        "dimension": pd.Categorical(["region", "industry", "region"], categories=["single_asset", "region", "industry"],
                                    ordered=True),
        "n": pd.array([1, None, 3], dtype="Int64"),
        "flag": pd.array([True, None, False], dtype="boolean"),
        "s": pd.Series(["a", None, "c"], dtype="str"),
        "when": pd.to_datetime(["2025-01-01", None, "2025-06-30"]),
    })
    pd.testing.assert_frame_equal(decode_frame(encode_frame(df)), df)
    multi = df.set_index(["dimension", "s"])
    pd.testing.assert_frame_equal(decode_frame(encode_frame(multi)), multi)


def test_counterparty_links_and_names_read_back_what_was_stored():
    """What the limit dashboard reads of the counterparties (core.concentration.snapshots.open_stored): their
    group links, whose group heads are those of the whole frame, and the names of the few ids asked."""
    from core.concentration.groups import group_heads

    g = read_group_data(SMALL_GROUP_DIR)
    cps = g.counterparties.copy()
    # a group headed by a company other than its key (the key A0 sorts first), so that a head is there to find
    extra = cps.iloc[[0]].assign(counterparty_id="A0", name=None, parent_id=None, connected_label="B-LINK",
                                 exempt=False)
    cps.loc[cps["counterparty_id"] == "BANK1", "connected_label"] = "B-LINK"
    g.counterparties = pd.concat([cps, extra], ignore_index=True)
    s = Store.create_in_memory()
    sid = s.save_snapshot(g, "alice")
    links = s.counterparty_links(sid)
    assert list(links.columns) == ["counterparty_id", "parent_id", "connected_label", "exempt"]
    assert links["counterparty_id"].tolist() == g.counterparties["counterparty_id"].tolist()
    assert [p if isinstance(p, str) else None for p in g.counterparties["parent_id"]] == links["parent_id"].tolist()
    assert [bool(e) for e in links["exempt"]] == [bool(e) for e in g.counterparties["exempt"]]
    heads = group_heads(links)
    assert heads == group_heads(g.counterparties) and heads["A0"] == ("BANK1", 3)
    names = s.counterparty_names(sid, ["BANK1", "A0", "NOPE", None])
    assert names == {"BANK1": "某国有大型商业银行", "A0": ""}
    assert s.counterparty_names(sid, []) == {}


def test_holding_pairs_are_the_distinct_pairs_of_the_holdings_asked():
    """What a report names a single asset by (reports.builders.common._StoredIssuers): the distinct
    (instrument, counterparty) pairs of the rows without a look-through parent, for the instruments asked."""
    g = read_group_data(SMALL_GROUP_DIR)
    s = Store.create_in_memory()
    sid = s.save_snapshot(g, "alice")
    exp = s.load_snapshot(sid).exposures
    held = exp[exp["parent_exposure_id"].isna() & exp["counterparty_id"].notna() & exp["instrument_id"].notna()]
    every = sorted({(str(i), str(c)) for i, c in zip(held["instrument_id"], held["counterparty_id"])})
    asked = sorted({i for i, _ in every})
    assert len(every) > 3 and s.holding_pairs(sid, asked + ["NOPE", None]) == every
    assert s.holding_pairs(sid, asked[:2]) == [p for p in every if p[0] in asked[:2]]
    assert s.holding_pairs(sid, []) == []
    under = exp[exp["parent_exposure_id"].notna() & exp["counterparty_id"].notna() & exp["instrument_id"].notna()]
    looked_through = {(str(i), str(c)) for i, c in zip(under["instrument_id"], under["counterparty_id"])}
    assert looked_through - set(every)                   # the example has look-through rows of their own
    assert not set(s.holding_pairs(sid, [i for i, _ in looked_through])) - set(every)
