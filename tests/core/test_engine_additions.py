"""--add-exposure sales and additions, on hand-built data (apply_additions)."""
import numpy as np
import pandas as pd
import pytest

from core.concentration.additions import apply_additions
from core.concentration.aggregate import build_aggregates
from core.concentration.model import EXPOSURE_COLUMNS
from core.problems import InputError
from tests.core.engine_helpers import YUAN, cp, data, ex, totals


def _base():
    cps = [cp("T"), cp("A"), cp("B"), cp("C")]
    exps = [ex("H", 1000, "T"), ex("HA", 600, "A", member=None, parent="H"),
            ex("HAA", 333, "B", member=None, parent="HA"), ex("X", 10, "C")]
    return data(cps, exps)


def _extra(rows):
    df = pd.DataFrame(rows, columns=list(EXPOSURE_COLUMNS))
    df["amount_fen"] = df["amount_fen"].astype(np.int64)
    return df


def _sale(eid, fen):
    return {"exposure_id": eid, "amount_fen": fen, "amount": fen / 100}


def test_sale_shrinks_holding_and_underlyings_pro_rata_exactly():
    d = apply_additions(_base(), exposures=_extra([_sale("H", -300 * YUAN)]))
    amounts = dict(zip(d.exposures["exposure_id"], d.exposures["amount_fen"]))
    assert amounts["H"] == 700 * YUAN
    assert amounts["HA"] == 420 * YUAN                       # 600 × 0.7
    assert amounts["HAA"] == 333 * YUAN * 7 // 10             # 23310 fen: floor(33300 × 0.7) = 23310
    assert amounts["X"] == 10 * YUAN
    agg = build_aggregates(d)
    assert sum(totals(agg, "group", "counterparty").values()) == 710 * YUAN


def test_rounding_is_down_so_underlyings_stay_within():
    cps = [cp("T"), cp("A")]
    exps = [ex("H", 3, "T"), ex("H1", 1, "A", member=None, parent="H"), ex("H2", 2, "A", member=None, parent="H")]
    # sell 1 fen of 300: factor 299/300; 100 → 99 (99.67 down), 200 → 199 (199.33 down)
    d = apply_additions(data(cps, exps), exposures=_extra([_sale("H", -1)]))
    amounts = dict(zip(d.exposures["exposure_id"], d.exposures["amount_fen"]))
    assert (amounts["H"], amounts["H1"], amounts["H2"]) == (299, 99, 199)
    assert totals(build_aggregates(d), "group", "counterparty") == {"T": 1, "A": 298}


def test_two_sale_rows_add_up_and_selling_all_is_allowed():
    d = apply_additions(_base(), exposures=_extra([_sale("H", -400 * YUAN), _sale("H", -600 * YUAN)]))
    amounts = dict(zip(d.exposures["exposure_id"], d.exposures["amount_fen"]))
    assert amounts["H"] == amounts["HA"] == amounts["HAA"] == 0


def test_selling_more_than_held_is_an_input_error():
    with pytest.raises(InputError) as e:
        apply_additions(_base(), exposures=_extra([_sale("X", -11 * YUAN)]), exposures_source="x.csv")
    (p,) = e.value.problems
    assert (p.code, p.file, p.row, p.column) == ("sale_exceeds_holding", "x.csv", 2, "amount")


def test_new_exposures_and_counterparties_are_added():
    from core.concentration.model import COUNTERPARTY_COLUMNS
    new_cp = pd.DataFrame([cp("N")], columns=list(COUNTERPARTY_COLUMNS))
    d = apply_additions(_base(), counterparties=new_cp, exposures=_extra([ex("E9", 5, "N")]))
    assert totals(build_aggregates(d), "group", "counterparty")["N"] == 5 * YUAN
    with pytest.raises(InputError):
        apply_additions(_base(), exposures=_extra([ex("X", 5, "C")]))    # existing id, not a sale
