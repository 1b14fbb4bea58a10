"""A snapshot's blocks do not depend on how the reader held the text (issue 15): exposure and counterparty
columns of Python strings (object), Arrow-backed `str`, pandas.ArrowDtype strings or categoricals give the very
same blobs, with and without the import's evaluation, missing values included."""
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from core.store import blocks
from tests.core.test_store_compact import demo_preview  # noqa: F401 - the demo's dry run, a fixture

TEXT = ("exposure_id", "member_id", "counterparty_id", "instrument_id", "asset_class", "parent_exposure_id")
CP_TEXT = ("counterparty_id", "name", "parent_id", "connected_label", "industry", "region", "group_member")


def _as(df: pd.DataFrame, columns: tuple[str, ...], kind: str) -> pd.DataFrame:
    out = df.copy()
    for c in columns:
        if c not in out.columns:
            continue
        if kind == "str":
            out[c] = out[c].astype(pd.StringDtype("pyarrow", na_value=np.nan))
        elif kind == "arrow":
            out[c] = out[c].astype(pd.ArrowDtype(pa.large_string()))
        elif kind == "arrow-small":
            out[c] = out[c].astype(pd.ArrowDtype(pa.string()))
        elif kind == "category":
            out[c] = out[c].astype("category")
        elif kind == "chunked":         # as the multi-threaded CSV reader gives them: several chunks
            s = out[c].astype(pd.StringDtype("pyarrow", na_value=np.nan))
            arr = pa.array(s.to_numpy(dtype=object), type=pa.large_string(), from_pandas=True)
            parts = [arr.slice(a, 7) for a in range(0, len(arr), 7)] or [arr]
            out[c] = pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array(parts, type=arr.type)), index=out.index)
    return out


KINDS = ["str", "arrow", "arrow-small", "category", "chunked"]


@pytest.mark.parametrize("kind", KINDS)
def test_exposure_blocks_are_the_same_whatever_holds_the_text(demo_preview, kind):  # noqa: F811
    data, agg = demo_preview.data, demo_preview.result.aggregates
    want = blocks.encode_exposures(data.exposures, agg)
    assert want is not None and any(part == blocks.DIRECTORY for part, *_ in want.blocks), "attributed rows"
    held = _as(data.exposures, TEXT, kind)
    att = blocks._attribution(agg, held, blocks._text(held, "exposure_id"))
    assert att is not None, "the evaluation describes these rows"
    assert blocks._counterparty_codes(blocks._coded_column(held, "counterparty_id", raw=True), att["cp_code"],
                                      att["cp_ids"]) is not None, "the counterparty codes come from the evaluation"
    got = blocks.encode_exposures(held, agg)
    assert got is not None
    assert got.blocks == want.blocks


@pytest.mark.parametrize("kind", KINDS)
def test_exposure_blocks_without_the_evaluation_and_with_missing_values(demo_preview, kind):  # noqa: F811
    df = demo_preview.data.exposures.copy()
    df.loc[df.index[::3], "member_id"] = None        # (the import refuses these; the store keeps them as given)
    df.loc[df.index[1::4], "counterparty_id"] = None
    df.loc[df.index[::2], "instrument_id"] = None
    want = blocks.encode_exposures(df, None)
    got = blocks.encode_exposures(_as(df, TEXT, kind), None)
    assert want is not None and got is not None
    assert got.blocks == want.blocks


@pytest.mark.parametrize("kind", KINDS)
def test_a_row_whose_counterparty_is_not_the_evaluations_is_stored_as_it_is(demo_preview, kind):  # noqa: F811
    data, agg = demo_preview.data, demo_preview.result.aggregates
    df = data.exposures.copy()
    other = df["counterparty_id"].iloc[-1]
    df.loc[df.index[0], "counterparty_id"] = other if other != df["counterparty_id"].iloc[0] else "someone else"
    want = blocks.encode_exposures(df, agg)
    got = blocks.encode_exposures(_as(df, TEXT, kind), agg)
    assert got.blocks == want.blocks


@pytest.mark.parametrize("kind", KINDS)
def test_counterparty_blocks_are_the_same_whatever_holds_the_text(demo_preview, kind):  # noqa: F811
    df = demo_preview.data.counterparties
    assert blocks.encode_counterparties(_as(df, CP_TEXT, kind)) == blocks.encode_counterparties(df)


def test_the_vocabulary_of_taken_counterparty_ids_is_one_factorize_of_all_values():
    # a member named like a counterparty, a group named like one, missing values, unused counterparties
    cp_ids = np.array(["C3", "C1", "M1", "C2", "C9"], dtype=object)
    groups = np.array(["G", "C1", None, "G", "C2"], dtype=object)
    member = np.array(["M1", "M2", None, "M1", "M2", "C2"], dtype=object)
    asset = np.array(["eq", "eq", "fi", None, "C3", "eq"], dtype=object)
    own = np.array([3, 0, 2, 0, 1, 3])
    taken = blocks._counterparty_codes(cp_ids[own], own, cp_ids)
    assert taken is not None and len(taken) == 3
    got = blocks._vocabulary([member, taken, asset], [cp_ids, groups])
    want = blocks._vocabulary([member, taken[:2], asset], [cp_ids, groups])     # every value hashed
    for a, b in zip(got[0] + got[1], want[0] + want[1]):
        assert a.tolist() == b.tolist()
    assert got[2].tolist() == want[2].tolist()
    codes, _rest, vocab = got
    with_none = np.append(vocab, None)
    assert with_none[codes[0]].tolist() == member.tolist()
    assert with_none[codes[1]].tolist() == cp_ids[own].tolist()
    assert with_none[codes[2]].tolist() == asset.tolist()


@pytest.mark.parametrize("kind", ["object"] + KINDS)
def test_counterparty_codes_from_the_evaluation_keep_missing_ids_missing(kind):
    cp_ids = np.array(["C1", "C2", "UNKNOWN"], dtype=object)
    frame = pd.DataFrame({"counterparty_id": np.array(["C2", None, "C1", "C2", None, "C1"], dtype=object)})
    own = np.array([1, 2, 0, 1, 2, 0])
    held = frame if kind == "object" else _as(frame, ("counterparty_id",), kind)
    got = blocks._counterparty_codes(blocks._coded_column(held, "counterparty_id", raw=True), own, cp_ids)
    assert got is not None
    want = blocks._codes(blocks._coded_column(frame, "counterparty_id"))
    assert got[0].tolist() == want[0].tolist() == [0, -1, 1, 0, -1, 1]
    assert got[1].tolist() == want[1].tolist() == ["C2", "C1"]
    # a row whose id is there but is not its counterparty's: the evaluation's codes are not taken
    wrong = frame.assign(counterparty_id=np.array(["C2", None, "C2", "C2", None, "C1"], dtype=object))
    held = wrong if kind == "object" else _as(wrong, ("counterparty_id",), kind)
    assert blocks._counterparty_codes(blocks._coded_column(held, "counterparty_id", raw=True), own, cp_ids) is None
