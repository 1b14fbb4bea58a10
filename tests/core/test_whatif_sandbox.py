"""The limit sandbox on the small example group: exact undo, re-evaluation, diffs (hand-computed)."""
from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from core.concentration.aggregate import build_aggregates
from core.concentration.importer import read_group_data
from core.concentration.limits import evaluate_limits
from core.problems import InputError
from core.whatif import sandbox as sb
from core.whatif.sandbox import (
    AddLimit,
    RemoveLimit,
    RenameLimit,
    Sandbox,
    SetFields,
    apply_edit,
    change_basis,
    change_key,
    change_scope,
    reallocate,
    set_limit,
    set_thresholds,
    set_warning,
)
from tests.conftest import EXAMPLES

SMALL = EXAMPLES / "small-group"


@pytest.fixture(scope="module")
def data():
    return read_group_data(SMALL)


@pytest.fixture(scope="module")
def agg(data):
    return build_aggregates(data)


def _exactly_equal(a: pd.DataFrame, b: pd.DataFrame):
    """Same values (same types and text: Decimal('0.08') is not Decimal('0.080')), order, index, dtypes."""
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    assert list(a.dtypes) == list(b.dtypes)
    assert a.index.equals(b.index) and type(a.index) is type(b.index)
    for col in a.columns:
        for x, y in zip(a[col].tolist(), b[col].tolist()):
            assert type(x) is type(y) and repr(x) == repr(y), (col, x, y)


NEW_ROW = {"limit_id": "L10", "name": "境外（财险）", "dimension": "overseas", "scope": "PC", "key": "overseas",
           "basis": "total_assets", "warning": "0.10", "limit": "0.15", "parent_limit_id": None, "rule": None}

EDITS = [
    set_warning("L01", "0.06"),
    set_limit("L01", Decimal("0.11")),
    set_thresholds("L04", "0.09", "0.12"),
    change_key("L03", "J66"),                 # has children L08/L09 (key K70): refused, see below
    change_key("L06", "TRUST1"),
    change_key("L07", "*"),
    change_scope("L06", "PC"),
    change_basis("L02", "total_assets"),
    reallocate("L08", None),
    SetFields("L05", {"name": "新名称", "warning": 0.05}),
    AddLimit(NEW_ROW),
    AddLimit(NEW_ROW, position=0),
    RemoveLimit("L05"),
    RemoveLimit("L01"),
    RenameLimit("L03", "L03X"),
    RenameLimit("L09", "L99"),
]


@pytest.mark.parametrize("edit", EDITS, ids=lambda e: repr(e)[:60])
def test_edit_and_undo_leave_the_limits_exactly_as_before(data, edit):
    before = data.limits.copy()
    try:
        out = apply_edit(data.limits, edit, ("group", "LIFE", "PC", "AM"))
    except InputError as exc:
        assert edit == change_key("L03", "J66")            # the only refused one
        assert {p.code for p in exc.problems} == {"parent_limit_mismatch"}
        return
    _exactly_equal(data.limits, before)                      # pure: the input is untouched
    assert not out.limits.equals(before)                     # the edit did something
    back = apply_edit(out.limits, out.inverse)
    _exactly_equal(back.limits, before)
    again = apply_edit(back.limits, back.inverse)             # redo gives the edited frame again
    _exactly_equal(again.limits, out.limits)


def test_the_undo_check_can_fail(data):
    """Decimal('0.050') equals Decimal('0.05') as a number but is not what was there: detected."""
    out = apply_edit(data.limits, set_warning("L01", "0.050"))
    with pytest.raises(AssertionError):
        _exactly_equal(out.limits, data.limits)
    assert sb.limits_equal(out.limits, data.limits)           # yet the same definition


def test_sandbox_edit_then_undo_restores_limits_and_evaluation(agg, data):
    s = Sandbox(agg, data.limits)
    limits0, res0, fl0 = s.limits.copy(), s.evaluation.results.copy(), s.evaluation.flagged.copy()
    undo = [s.apply(e) for e in (set_limit("L01", "0.11"), RemoveLimit("L05"), AddLimit(NEW_ROW, 2),
                                 RenameLimit("L03", "L03X"), change_scope("L06", "PC"))]
    assert s.modified
    for inv in reversed(undo):
        s.apply(inv)
    _exactly_equal(s.limits, limits0)
    pd.testing.assert_frame_equal(s.evaluation.results, res0)
    pd.testing.assert_frame_equal(s.evaluation.flagged, fl0)
    assert not s.modified and s.diff().is_empty


@pytest.mark.parametrize("edit", [e for e in EDITS if e != change_key("L03", "J66")], ids=lambda e: repr(e)[:60])
def test_incremental_evaluation_equals_a_full_one(agg, data, edit):
    s = Sandbox(agg, data.limits)
    s.apply(edit)
    full = evaluate_limits(agg, s.limits)
    pd.testing.assert_frame_equal(s.evaluation.results, full.results)
    pd.testing.assert_frame_equal(s.evaluation.flagged, full.flagged)
    pd.testing.assert_frame_equal(s.evaluation.allocation_issues, full.allocation_issues)


def test_raising_l01_limit_moves_bank1_from_breach_to_warning(agg, data):
    """L01 each counterparty group, group scope, total assets 100e9: BANK1 10.0e9 = 0.10 > 0.08 breach.
    Limit 0.11 (warning 0.05): 0.05 ≤ 0.10 ≤ 0.11 → warning. RE1 7.2e9 = 0.072 stays warning (no move)."""
    s = Sandbox(agg, data.limits)
    s.apply(set_limit("L01", "0.11"))
    d = s.diff()
    c = d.by_id("L01")
    assert c.change == "changed" and c.fields == ("limit",)
    assert (c.old.limit, c.new.limit) == (Decimal("0.08"), Decimal("0.11"))
    assert (c.old.status, c.new.status) == ("breach", "warning")
    # thresholds in fen: limit × basis = 0.08 × 100e9 yuan = 8e9 yuan → 11e9 yuan
    assert c.old.breach_threshold_fen == 8_000_000_000 * 100
    assert c.new.breach_threshold_fen == 11_000_000_000 * 100
    assert c.old.warning_threshold_fen == c.new.warning_threshold_fen == 5_000_000_000 * 100
    assert [(m.key, m.old_status, m.new_status, m.new_exposure_fen) for m in c.moves] == [
        ("BANK1", "breach", "warning", 10_000_000_000 * 100)]
    assert c.old.n_breach == 1 and c.new.n_breach == 0 and c.new.n_warning == 2
    # nothing else moved
    assert [x.limit_id for x in d.changes if x.change != "unchanged" or x.moves] == ["L01"]


def test_diff_added_removed_and_key_moves(agg, data):
    s = Sandbox(agg, data.limits)
    s.apply(RemoveLimit("L05"))
    s.apply(AddLimit({**NEW_ROW, "warning": "0", "limit": "0"}))   # PC has no overseas holding: 0 ≤ 0 ok?
    s.apply(set_warning("L09", "0.04"))                                 # PC K70 1.5e9/30e9 = 0.05 ≥ 0.04
    d = s.diff()
    assert [c.limit_id for c in d.removed] == ["L05"] and d.by_id("L05").new is None
    added = d.by_id("L10")
    assert added.change == "added" and added.old_status == "absent"
    # key "overseas" with exposure 0: 0 ≥ ceil(0 × basis) = 0 → warning (reaching the warning value)
    assert added.new.exposure_fen == 0 and added.new.status == "warning"
    l09 = d.by_id("L09")
    assert l09.fields == ("warning",) and [(m.key, m.old_status, m.new_status) for m in l09.moves] == [
        ("K70", "ok", "warning")]
    assert l09.moves[0].old_exposure_fen == 1_500_000_000 * 100
    doc = d.to_json()
    assert {x["limit_id"]: x["change"] for x in doc["limits"]}["L05"] == "removed"


def test_changing_key_of_an_each_limit_moves_keys(agg, data):
    """L07 single asset each key LIFE: 2 breaches + 4 warnings. Key "TRUST-PLAN-7" only: 4e9/60e9 breach,
    the other five keys leave (to absent? no: to ok — the limit no longer looks at them)."""
    s = Sandbox(agg, data.limits)
    s.apply(change_key("L07", "TRUST-PLAN-7"))
    c = s.diff().by_id("L07")
    assert c.fields == ("key",)
    moved = {m.key: (m.old_status, m.new_status) for m in c.moves}
    assert moved == {"BD-BANK1-2028": ("breach", "ok"), "EQ-FOREIGN": ("warning", "ok"),
                     "EQ-RE1A": ("warning", "ok"), "BD-CDB-2032": ("warning", "ok"), "EQ-RP1": ("warning", "ok")}
    assert c.new.status == "breach" and c.new.exposure_fen == 4_000_000_000 * 100


def test_invalid_edits_are_refused_with_codes(data):
    def codes(edit):
        with pytest.raises(InputError) as exc:
            apply_edit(data.limits, edit, ("group", "LIFE", "PC", "AM"))
        return {p.code for p in exc.value.problems}

    assert codes(set_warning("L01", "0.09")) == {"warning_above_limit"}
    assert codes(set_warning("L01", "abc")) == {"not_a_number"}
    assert codes(set_limit("NOPE", "0.1")) == {"unknown_limit"}
    assert codes(change_scope("L06", "XX")) == {"unknown_scope"}
    assert codes(change_basis("L06", "total_premium")) == {"basis_not_for_dimension"}
    assert codes(change_key("L04", "stocks")) == {"unknown_choice"}
    assert codes(reallocate("L08", "L01")) == {"parent_limit_mismatch"}
    assert codes(reallocate("L08", "L04")) == {"parent_limit_not_group", "parent_limit_mismatch"}
    assert codes(RemoveLimit("L03")) == {"limit_has_children"}
    assert codes(AddLimit({**NEW_ROW, "limit_id": "L01"})) == {"duplicate_id"}
    assert codes(RenameLimit("L01", "L02")) == {"duplicate_id"}
    assert codes(SetFields("L01", {"limit_id": "X"})) == {"unknown_choice"}


def test_rename_carries_children(data):
    out = apply_edit(data.limits, RenameLimit("L03", "L03X"))
    assert out.limits.loc[out.limits["limit_id"].isin(["L08", "L09"]), "parent_limit_id"].tolist() == ["L03X"] * 2


def test_allocation_issue_follows_edits(agg, data):
    """L03 group K70 0.08 × 100e9 = 8.0e9 available; L08 0.10 × 60e9 = 6.0e9 + L09 0.08 × 30e9 = 2.4e9
    = 8.4e9 allocated → issue. L09 limit 0.06: 6.0 + 1.8 = 7.8e9 ≤ 8.0e9 → no issue."""
    s = Sandbox(agg, data.limits)
    assert s.evaluation.allocation_issues["limit_id"].tolist() == ["L03"]
    s.apply(set_thresholds("L09", "0.05", "0.06"))
    assert s.evaluation.allocation_issues.empty
    d = s.diff()
    assert d.old_allocation_issues == ("L03",) and d.new_allocation_issues == ()


def test_limits_equal_ignores_order_and_decimal_spelling(data):
    shuffled = data.limits.iloc[::-1].reset_index(drop=True)
    assert sb.limits_equal(shuffled, data.limits)
    changed = apply_edit(data.limits, set_limit("L02", "0.31")).limits
    assert not sb.limits_equal(changed, data.limits)
    assert np.array_equal(data.limits["limit_id"], read_group_data(SMALL).limits["limit_id"])


def test_the_sandbox_diff_from_kept_sides_equals_a_full_diff(agg, data):
    s = Sandbox(agg, data.limits)
    for e in (set_limit("L01", "0.11"), RemoveLimit("L05"), AddLimit(NEW_ROW, 2), change_key("L07", "*"),
              RenameLimit("L03", "L03X"), set_warning("L09", "0.04")):
        s.apply(e)
        full = sb.diff_evaluations(s.base_limits, s.base_evaluation, s.limits, evaluate_limits(agg, s.limits), agg)
        assert s.diff() == full
    assert s.diff().by_id("L03").change == "removed" and s.diff().by_id("L03X").change == "added"


def test_typed_values_are_stored_as_the_model_says(data):
    out = apply_edit(data.limits, AddLimit({**NEW_ROW, "warning": "0.10", "limit": 0.15, "key": " overseas "}))
    row = out.limits.iloc[-1]
    assert (type(row["warning"]), type(row["limit"])) == (Decimal, Decimal)
    assert (row["warning"], row["limit"], row["key"]) == (Decimal("0.10"), Decimal("0.15"), "overseas")
    out = apply_edit(data.limits, SetFields("L01", {"limit": 0.11, "key": ""}))
    r = out.limits.iloc[0]
    assert type(r["limit"]) is Decimal and r["limit"] == Decimal("0.11") and r["key"] is None
