"""The import's store step, third round (issue 15): the evaluation hands the store its counterparty ids as the
Python strings it holds (object columns), so the block encoder can match the exposures' ids to them by identity;
the blobs are the very bytes they were when those columns were pandas `str`."""
import copy

import pandas as pd

from core.store import blocks
from tests.core.test_store_compact import demo_preview  # noqa: F401 - the demo's dry run, a fixture


def test_the_evaluations_counterparty_ids_are_object_columns_of_strings(demo_preview):  # noqa: F811
    cpt = demo_preview.result.aggregates.counterparties
    for column in ("counterparty_id", "group_key"):
        assert cpt[column].dtype == object, column
        assert all(type(v) is str for v in cpt[column]), column
    # the other columns are framed as before (pandas infers their dtype)
    assert cpt["industry"].dtype == pd.Series(list(cpt["industry"])).dtype


def test_the_exposure_blocks_are_the_same_as_from_str_counterparty_ids(demo_preview):  # noqa: F811
    data, agg = demo_preview.data, demo_preview.result.aggregates
    got = blocks.encode_exposures(data.exposures, agg)
    assert got is not None and any(part == blocks.DIRECTORY for part, *_ in got.blocks), "attributed rows"
    as_str = copy.copy(agg)
    frame = agg.counterparties.copy()
    for column in ("counterparty_id", "group_key"):
        frame[column] = frame[column].astype("str")
    as_str.counterparties = frame
    assert as_str.counterparties["counterparty_id"].dtype != object
    want = blocks.encode_exposures(data.exposures, as_str)
    assert want is not None
    assert got.blocks == want.blocks
