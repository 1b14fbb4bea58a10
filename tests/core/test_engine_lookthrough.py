"""Look-through to any depth, shortfalls, totals, and the per-row flags of leaves."""
import pytest

from core.concentration.aggregate import build_aggregates, contributions
from core.problems import InputError
from tests.core.engine_helpers import YUAN, cp, data, ex, sums, totals


def _nested():
    # E1 (100, cp P) → E1A (60, cp A) → E1AA (30, cp B) → E1AAA (10, cp C): depth 3
    cps = [cp("P"), cp("A"), cp("B"), cp("C")]
    exps = [ex("E1", 100, "P"), ex("E1A", 60, "A", member=None, parent="E1"),
            ex("E1AA", 30, "B", member=None, parent="E1A"), ex("E1AAA", 10, "C", member=None, parent="E1AA")]
    return data(cps, exps)


def test_depth_three_each_level_keeps_its_uncovered_part():
    agg = build_aggregates(_nested())
    t = totals(agg, "group", "counterparty")
    assert t == {"P": 40 * YUAN, "A": 30 * YUAN, "B": 20 * YUAN, "C": 10 * YUAN}
    assert sum(t.values()) == 100 * YUAN           # look-through keeps the total
    # holding dimensions count the holding as held
    assert totals(agg, "group", "single_asset") == {"E1": 100 * YUAN}
    assert totals(agg, "M1", "counterparty") == t  # underlyings belong to their holding's member
    assert agg.rows["depth"].tolist() == [0, 1, 2, 3]
    assert agg.rows["root_pos"].tolist() == [0, 0, 0, 0]


def test_drill_down_path():
    agg = build_aggregates(_nested())
    rows = contributions(agg, "group", "counterparty", "C")
    assert rows["path"].tolist() == ["E1 → E1A → E1AA → E1AAA"]
    assert rows["holding_id"].tolist() == ["E1"]
    assert rows["amount_fen"].tolist() == [10 * YUAN]
    assert contributions(agg, "group", "counterparty", "P")["path"].tolist() == ["E1"]


def test_shortfall_without_counterparty_goes_to_unknown():
    cps = [cp("A", industry="K70", region="CN-GD")]
    exps = [ex("E1", 100, None), ex("E1A", 70, "A", member=None, parent="E1")]
    agg = build_aggregates(data(cps, exps))
    assert totals(agg, "group", "counterparty") == {"A": 70 * YUAN, "UNKNOWN": 30 * YUAN}
    assert totals(agg, "group", "industry") == {"K70": 70 * YUAN, "UNKNOWN": 30 * YUAN}
    assert totals(agg, "group", "region") == {"CN-GD": 70 * YUAN, "UNKNOWN": 30 * YUAN}
    assert totals(agg, "group", "counterparty_group") == {"A": 70 * YUAN, "UNKNOWN": 30 * YUAN}


def test_underlying_keeps_own_flags_remainder_takes_holdings():
    cps = [cp("T"), cp("A")]
    exps = [ex("E1", 100, "T", exempt_counterparty=True), ex("E1A", 60, "A", member=None, parent="E1")]
    agg = build_aggregates(data(cps, exps))
    s = sums(agg, "group", "counterparty")
    assert s["T"] == (40 * YUAN, 0)             # the remainder is exempt like its holding
    assert s["A"] == (60 * YUAN, 60 * YUAN)     # the underlying is not


def test_cycle_and_overfull_underlyings_are_input_errors():
    cps = [cp("A")]
    with pytest.raises(InputError):
        build_aggregates(data(cps, [ex("H", 10, "A"), ex("X", 5, "A", parent="Y"), ex("Y", 5, "A", parent="X")]))
    with pytest.raises(InputError):
        build_aggregates(data(cps, [ex("H", 10, "A"), ex("U", 11, "A", parent="H")]))


def test_deep_chain_in_any_row_order():
    # H → U1 → U2 → ... → U40, rows written deepest first; each level keeps 1 yuan uncovered
    n = 40
    exps = [ex(f"U{i}", n - i + 1, "A", member=None, parent=("H" if i == 1 else f"U{i - 1}")) for i in range(n, 0, -1)]
    exps.append(ex("H", n + 1, "P"))
    agg = build_aggregates(data([cp("P"), cp("A")], exps))
    assert totals(agg, "group", "counterparty") == {"P": 1 * YUAN, "A": n * YUAN}
    assert sorted(agg.rows["depth"].tolist()) == list(range(n + 1))
    assert contributions(agg, "group", "counterparty", "A")["path"].str.count("→").max() == n
