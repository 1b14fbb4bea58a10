"""Value parsing of the importer (core.concentration.tabular): exact fen, booleans, dates, headers."""
from datetime import date
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from core.concentration.model import yuan_to_fen
from core.concentration.tabular import (
    canonical_header,
    cycles_among,
    parent_positions,
    parse_bool,
    parse_date,
    parse_fen,
    roots_and_cycles,
    text_to_decimal,
)


def test_fen_exact_on_both_paths():
    rng = np.random.default_rng(3)
    texts = []
    for magnitude in (10**2, 10**9, 10**12, 10**13, 10**15, 9 * 10**16):     # fast path below 1e13 yuan, Decimal above
        for _ in range(300):
            whole = int(rng.integers(0, magnitude))
            dec = int(rng.integers(0, 3))
            texts.append(str(whole) + ("" if dec == 0 else "." + str(int(rng.integers(0, 10**dec))).zfill(dec)))
    fen, ok, reasons = parse_fen(pd.Series(texts, dtype=object))
    assert ok.all(), [t for t, o in zip(texts, ok) if not o][:5]
    assert [int(f) for f in fen] == [yuan_to_fen(Decimal(t)) for t in texts]


@pytest.mark.parametrize("text, fen", [("0.29", 29), ("1,234.5", 123450), ("-7.10", -710), ("2E+10", 2 * 10**12),
                                       ("1.500", 150), (".5", 50), ("+3", 300)])
def test_fen_forms(text, fen):
    f, ok, _ = parse_fen(pd.Series([text], dtype=object))
    assert ok[0] and f[0] == fen


@pytest.mark.parametrize("text, reason", [("1.234", "too_many_decimals"), ("1,23", "not_a_number"),
                                          ("1_000", "not_a_number"), ("abc", "not_a_number"),
                                          ("nan", "not_a_number"), ("inf", "not_a_number"),
                                          ("1e-3", "too_many_decimals"), ("12,345,67", "not_a_number"),
                                          ("1" * 20, "out_of_range")])
def test_fen_refused(text, reason):
    _, ok, reasons = parse_fen(pd.Series(["1", text], dtype=object))
    assert ok[0] and not ok[1] and reasons[1] == reason


def test_booleans():
    vals, ok = parse_bool(pd.Series(["true", "FALSE", "1", "0", "是", "否", "", "Yes", "maybe"], dtype=object))
    assert list(vals[:8]) == [True, False, True, False, True, False, False, True]
    assert list(ok) == [True] * 8 + [False]
    vals, _ = parse_bool(pd.Series([""], dtype=object), default=True)
    assert vals[0]


def test_dates_and_ratios():
    assert parse_date("2025-06-30") == date(2025, 6, 30) == parse_date("2025/6/30") == parse_date("2025年6月30日")
    assert parse_date("2025-02-30") is None and parse_date("30/06/2025") is None
    assert text_to_decimal("8%", percent=True) == Decimal("0.08") and text_to_decimal("8%") is None


def test_headers():
    assert canonical_header("\ufeff 交易对手代码 ") == "counterparty_id"
    assert canonical_header("金额（元）") == "amount" == canonical_header("Amount (yuan)")
    assert canonical_header("Parent Exposure ID") == "parent_exposure_id"
    assert canonical_header("whatever") is None


def test_pointer_jumping_finds_roots_and_cycles():
    ids = np.array(["a", "b", "c", "d", "e", "f"], dtype=object)
    parents = np.array([None, "a", "b", "e", "d", "f"], dtype=object)      # c→b→a; d↔e; f→f
    ppos = parent_positions(ids, parents)
    root, stuck = roots_and_cycles(ppos)
    assert list(root[:3]) == [0, 0, 0] and list(stuck) == [False, False, False, True, True, True]
    assert sorted(sorted(c) for c in cycles_among(ppos, stuck)) == [[3, 4], [5]]
