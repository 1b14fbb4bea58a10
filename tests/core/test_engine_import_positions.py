"""The importer hands build_aggregates the parent and counterparty rows it found while validating (an
in-memory memo, see core.concentration.aggregate.remember_positions). The engine must give the same
result with or without them, and must not use them once the frames have changed."""
from dataclasses import replace

import pandas as pd

from core.concentration.aggregate import build_aggregates, recall_positions
from core.concentration.importer import read_group_data
from tests.conftest import EXAMPLES

SMALL = EXAMPLES / "small-group"


def _fresh(data):
    """The same data in new frames (no memo)."""
    return replace(data, exposures=data.exposures.copy(), counterparties=data.counterparties.copy())


def _same(a, b):
    pd.testing.assert_frame_equal(a.sums, b.sums)
    pd.testing.assert_frame_equal(a.rows, b.rows)
    pd.testing.assert_frame_equal(a.counterparties, b.counterparties)


def test_positions_are_remembered_and_give_the_same_aggregates():
    data = read_group_data(SMALL)
    assert recall_positions("parent_pos", (data.exposures,)) is not None
    assert recall_positions("cp_pos", (data.exposures, data.counterparties)) is not None
    fresh = _fresh(data)
    assert recall_positions("parent_pos", (fresh.exposures,)) is None
    _same(build_aggregates(data), build_aggregates(fresh))


def test_an_edited_counterparty_column_is_looked_up_again():
    data = read_group_data(SMALL)
    exp = data.exposures
    i = int((exp["counterparty_id"] == "BANK1").to_numpy().argmax())
    exp.loc[i, "counterparty_id"] = "RE1"                    # in place
    assert recall_positions("cp_pos", (exp, data.counterparties)) is None
    _same(build_aggregates(data), build_aggregates(_fresh(data)))
    assert build_aggregates(data).rows["cp_code"].iloc[i] == build_aggregates(_fresh(data)).rows["cp_code"].iloc[i]


def test_edited_counterparties_or_parents_are_looked_up_again():
    data = read_group_data(SMALL)
    cps = data.counterparties
    cps.loc[int((cps["counterparty_id"] == "BANK1").to_numpy().argmax()), "counterparty_id"] = "BANK9"
    assert recall_positions("cp_pos", (data.exposures, cps)) is None
    _same(build_aggregates(data), build_aggregates(_fresh(data)))

    data = read_group_data(SMALL)
    exp = data.exposures
    exp.loc[int((exp["exposure_id"] == "E06B").to_numpy().argmax()), "parent_exposure_id"] = None
    assert recall_positions("parent_pos", (exp,)) is None
    agg = build_aggregates(data)
    _same(agg, build_aggregates(_fresh(data)))
    assert agg.rows["parent_pos"].iloc[int((exp["exposure_id"] == "E06B").to_numpy().argmax())] == -1


def test_counterparty_parents_are_remembered_and_a_changed_parent_looked_up_again():
    data = read_group_data(SMALL)
    cps = data.counterparties
    assert recall_positions("cp_parent_pos", (cps,)) is not None
    assert recall_positions("cp_parent_pos", (_fresh(data).counterparties,)) is None
    _same(build_aggregates(data), build_aggregates(_fresh(data)))
    # a counterparty given another parent (in place): the group keys follow the edit, not the memo
    child = int(cps["parent_id"].notna().to_numpy().argmax())
    old_group = build_aggregates(data).counterparties["group_key"].tolist()
    cps.loc[child, "parent_id"] = None
    assert recall_positions("cp_parent_pos", (cps,)) is None
    agg = build_aggregates(data)
    _same(agg, build_aggregates(_fresh(data)))
    assert agg.counterparties["group_key"].tolist() != old_group
