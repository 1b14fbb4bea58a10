"""The files of `concentration --limits / --add-counterparty / --add-exposure`, validated against the data."""
from decimal import Decimal
from pathlib import Path

import pytest

from core.concentration.importer import (
    SALE_COLUMNS,
    read_extra_counterparties,
    read_extra_exposures,
    read_group_data,
    read_limits_file,
    read_with_extras,
)
from core.concentration.model import COUNTERPARTY_COLUMNS, EXPOSURE_COLUMNS, LIMIT_COLUMNS
from core.problems import InputError
from tests.conftest import EXAMPLES

SMALL = EXAMPLES / "small-group"
EXPOSURE_HEADER = ("exposure_id,member_id,counterparty_id,instrument_id,asset_class,overseas,on_balance,amount,"
                   "parent_exposure_id\n")
CP_HEADER = "counterparty_id,name,parent_id,connected_label,industry,region,related_party,exempt\n"


@pytest.fixture(scope="module")
def known():
    return read_group_data(SMALL)


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def problems_of(fn, *args):
    with pytest.raises(InputError) as exc:
        fn(*args)
    return {(p.code, p.file, p.row, p.column) for p in exc.value.problems}


# -- limits ---------------------------------------------------------------------------------------------

def test_limits_file_replaces(tmp_path, known):
    p = write(tmp_path, "L.csv", "limit_id,name,dimension,scope,key,basis,warning,limit,parent_limit_id\n"
                                 "X1,集团单一资产,single_asset,group,,total_assets,0.03,0.05,\n"
                                 "X2,人寿分配,single_asset,LIFE,,total_assets,3%,5%,X1\n")
    lim = read_limits_file(p, known)
    assert tuple(lim.columns) == LIMIT_COLUMNS and list(lim["limit_id"]) == ["X1", "X2"]
    assert lim.loc[1, "limit"] == Decimal("0.05")
    data = read_with_extras(SMALL, limits=p)
    assert list(data.limits["limit_id"]) == ["X1", "X2"]


def test_limits_file_validated_against_the_data(tmp_path, known):
    p = write(tmp_path, "L.csv", "limit_id,name,dimension,scope,key,basis,warning,limit,parent_limit_id\n"
                                 "X1,,single_asset,BANK,,total_assets,0.03,0.05,\n")
    assert ("unknown_scope", "L.csv", 2, "scope") in problems_of(read_limits_file, p, known)


def test_limits_file_missing(tmp_path, known):
    assert {c for c, *_ in problems_of(read_limits_file, tmp_path / "none.csv", known)} == {"file_not_found"}


# -- counterparties -------------------------------------------------------------------------------------

def test_extra_counterparties(tmp_path, known):
    p = write(tmp_path, "C.csv", CP_HEADER + "NEWCO,新公司,BANK1,,J66,CN-BJ,false,false\n"
                                             "ORPHAN,孤儿公司,NOBODY,,J66,CN-BJ,否,否\n")
    cps = read_extra_counterparties(p, known)
    assert tuple(cps.columns) == COUNTERPARTY_COLUMNS and list(cps["counterparty_id"]) == ["NEWCO", "ORPHAN"]
    assert cps.loc[1, "parent_id"] is None
    assert [w.code for w in cps.attrs["warnings"]] == ["unknown_parent"]


def test_extra_counterparties_problems(tmp_path, known):
    p = write(tmp_path, "C.csv", CP_HEADER + "BANK1,again,,,J66,CN-BJ,false,false\n"
                                             "UNKNOWN,,,,,,false,false\n"
                                             "A,a,B,,,,false,false\nB,b,A,,,,false,false\n")
    got = problems_of(read_extra_counterparties, p, known)
    assert ("already_known", "C.csv", 2, "counterparty_id") in got
    assert ("reserved_counterparty", "C.csv", 3, "counterparty_id") in got
    assert ("counterparty_cycle", "C.csv", 4, "parent_id") in got


# -- exposures and sales -------------------------------------------------------------------------------

def test_new_exposures_naming_new_counterparties(tmp_path):
    c = write(tmp_path, "C.csv", CP_HEADER + "NEWCO,新公司,,,K70,CN-GD,false,false\n")
    x = write(tmp_path, "X.csv", EXPOSURE_HEADER + "N1,PC,NEWCO,BD-NEW,固定收益类,否,是,1000000,\n"
                                                   "N1A,,RE1,BD-NEW-U,fixed_income,false,true,400000,N1\n")
    data = read_with_extras(SMALL, add_counterparty=c, add_exposure=x)
    e = data.exposures.set_index("exposure_id")
    assert e.loc["N1", "counterparty_id"] == "NEWCO" and e.loc["N1A", "member_id"] == "PC"
    assert "NEWCO" in set(data.counterparties["counterparty_id"])
    assert len(data.exposures) == 22


def test_new_exposure_needs_known_counterparty(tmp_path, known):
    x = write(tmp_path, "X.csv", EXPOSURE_HEADER + "N1,PC,NEWCO,BD-NEW,fixed_income,false,true,1000000,\n")
    assert ("unknown_counterparty", "X.csv", 2, "counterparty_id") in problems_of(read_extra_exposures, x, known)


def test_sale_is_represented_and_applied(tmp_path, known):
    x = write(tmp_path, "X.csv", EXPOSURE_HEADER + "E06,,,,,,,-1000000000,\n"
                                                   "E02,,,,,,,-500000000,\nE02,,,,,,,-500000000,\n")
    frame = read_extra_exposures(x, known)
    assert tuple(frame.columns) == EXPOSURE_COLUMNS
    assert list(frame["amount_fen"]) == [-100_000_000_000, -50_000_000_000, -50_000_000_000]
    sales = frame.attrs["sales"]
    assert tuple(sales.columns) == SALE_COLUMNS
    assert dict(zip(sales["exposure_id"], sales["amount_fen"])) == {"E06": 100_000_000_000, "E02": 100_000_000_000}
    data = read_with_extras(SMALL, add_exposure=x)
    e = data.exposures.set_index("exposure_id")["amount_fen"]
    assert e["E02"] == 400_000_000_000 and e["E06"] == 300_000_000_000
    assert e["E06A"] == 150_000_000_000 and e["E06B"] == 75_000_000_000      # pro rata, by the engine
    assert len(data.exposures) == 20


def test_sale_problems(tmp_path, known):
    x = write(tmp_path, "X.csv", EXPOSURE_HEADER + "E02,,,,,,,-3000000000,\n"
                                                   "E02,,,,,,,-3000000000,\n"       # 6e9 > 5e9 held
                                                   "E06A,,,,,,,-1,\n"
                                                   "NOPE,,,,,,,-1,\n"
                                                   "E01,LIFE,GOV,CGB2030,fixed_income,false,true,5,\n")
    got = problems_of(read_extra_exposures, x, known)
    assert ("sale_exceeds_holding", "X.csv", 3, "amount") in got
    assert ("sale_exceeds_holding", "X.csv", 2, "amount") not in got
    assert ("sale_of_underlying", "X.csv", 4, "exposure_id") in got
    assert ("sale_of_unknown_holding", "X.csv", 5, "exposure_id") in got
    assert ("already_known", "X.csv", 6, "exposure_id") in got


def test_added_underlyings_checked_against_known_holdings(tmp_path, known):
    x = write(tmp_path, "X.csv", EXPOSURE_HEADER + "U1,,RE1,U-1,equity,false,true,1500000000,E06\n"
                                                   "U2,PC,RE1,U-2,equity,false,true,1,E16\n")
    got = problems_of(read_extra_exposures, x, known)
    assert ("underlyings_exceed_holding", "X.csv", 2, "parent_exposure_id") in got    # 3e9 + 1.5e9 > 4e9
    assert ("underlying_member_mismatch", "X.csv", 3, "member_id") in got             # E16 is LIFE's


def test_every_file_reported_at_once(tmp_path):
    c = write(tmp_path, "C.csv", CP_HEADER + "BANK1,again,,,J66,CN-BJ,false,false\n")
    x = write(tmp_path, "X.csv", EXPOSURE_HEADER + "E02,,,,,,,-6000000000,\n")
    lim = write(tmp_path, "L.csv", "limit_id,name,dimension,scope,key,basis,warning,limit,parent_limit_id\n"
                                   "X1,,single_asset,group,,total_assets,0.06,0.05,\n")
    got = problems_of(read_with_extras, SMALL, lim, c, x)
    assert {f for _, f, *_ in got} == {"C.csv", "X.csv", "L.csv"}
