"""Bad input, one kind per test: the importer names the code, file, row and column, collects every
problem (not just the first) and returns no data on an error; warnings do not refuse the data."""
import csv
import re
from pathlib import Path

import pytest

from core.concentration.importer import load_group_data, read_group_data
from core.problems import InputError, Severity
from tests.conftest import EXAMPLES, ROOT

SMALL = EXAMPLES / "small-group"


@pytest.fixture
def folder(tmp_path) -> Path:
    out = tmp_path / "data"
    out.mkdir()
    for f in SMALL.glob("*.csv"):
        (out / f.name).write_bytes(f.read_bytes())      # writable copies (the examples are read-only)
    return out


def rows_of(folder: Path, name: str) -> list[list[str]]:
    with open(folder / name, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def write_rows(folder: Path, name: str, rows) -> None:
    with open(folder / name, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def set_cell(folder: Path, name: str, row: int, column: str, value: str) -> None:
    """Row numbers as in a spreadsheet: header 1, first data row 2."""
    rows = rows_of(folder, name)
    rows[row - 1][rows[0].index(column)] = value
    write_rows(folder, name, rows)


def the(result, code, file=None, row=None, column=None):
    """The one problem with that code (and location, where given)."""
    found = [p for p in result.problems if p.code == code and (file is None or p.file == file)
             and (row is None or p.row == row) and (column is None or p.column == column)]
    assert found, f"no {code} at {file}/{row}/{column}; got {[(p.code, p.file, p.row, p.column) for p in result.problems]}"
    return found[0]


def refused(folder):
    result = load_group_data(folder)
    assert not result.ok and result.data is None
    with pytest.raises(InputError):
        read_group_data(folder)
    rendered(result.problems)
    return result


def rendered(problems):
    """Every problem reads as a sentence in both languages, with no template field left unfilled."""
    from wording.problems import _messages, describe
    for p in problems:
        assert p.code in _messages(), p.code
        for lang in ("en", "zh"):
            text = describe(p, lang)
            assert "{" not in text.replace("{'", "").replace("{\"", ""), text


# -- files and columns -------------------------------------------------------------------------------

def test_missing_file(folder):
    (folder / "limits.csv").unlink()
    r = refused(folder)
    assert the(r, "file_not_found").file == "limits.csv"


def test_not_found_and_unsupported(tmp_path):
    assert the(load_group_data(tmp_path / "nope"), "file_not_found").file.endswith("nope")
    (tmp_path / "x.json").write_text("{}")
    assert load_group_data(tmp_path / "x.json").problems[0].code == "unsupported_file_type"


def test_missing_column(folder):
    rows = rows_of(folder, "members.csv")
    k = rows[0].index("kind")
    write_rows(folder, "members.csv", [r[:k] + r[k + 1:] for r in rows])
    r = refused(folder)
    the(r, "missing_column", "members.csv", 1, "kind")


def test_optional_columns_may_be_absent(folder):
    rows = rows_of(folder, "exposures.csv")
    write_rows(folder, "exposures.csv", [r[:-2] for r in rows])       # no exempt_* columns
    rows = rows_of(folder, "counterparties.csv")
    write_rows(folder, "counterparties.csv", [r[:-1] for r in rows])  # no group_member
    data = read_group_data(folder)
    assert not data.exposures["exempt_single_asset"].any()
    assert data.counterparties["group_member"].isna().all()


def test_bad_encoding(folder):
    (folder / "members.csv").write_bytes(b"member_id,name\n\x80\xff,\x81\n")
    the(refused(folder), "bad_encoding", "members.csv")


def test_too_many_cells(folder):
    with open(folder / "exposures.csv", "a", encoding="utf-8") as fh:
        fh.write("E99,LIFE,GOV,X,fixed_income,false,true,1,,,,EXTRA,MORE\n")
    the(refused(folder), "too_many_cells", "exposures.csv", 22)


def test_empty_file(folder):
    (folder / "limits.csv").write_text("")
    the(refused(folder), "empty_file", "limits.csv")


# -- ids and references -------------------------------------------------------------------------------

@pytest.mark.parametrize("name, row, column, value, first", [
    ("exposures.csv", 4, "exposure_id", "E02", 3),
    ("counterparties.csv", 3, "counterparty_id", "GOV", 2),
    ("members.csv", 3, "member_id", "LIFE", 2),
    ("limits.csv", 3, "limit_id", "L01", 2),
])
def test_duplicate_ids(folder, name, row, column, value, first):
    set_cell(folder, name, row, column, value)
    p = the(refused(folder), "duplicate_id", name, row, column)
    assert p.value == value and p.detail["first_row"] == first


def test_unknown_member_and_counterparty(folder):
    set_cell(folder, "exposures.csv", 3, "member_id", "NOPE")
    set_cell(folder, "exposures.csv", 4, "counterparty_id", "WHO")
    r = refused(folder)
    assert the(r, "unknown_member", "exposures.csv", 3, "member_id").value == "NOPE"
    assert the(r, "unknown_counterparty", "exposures.csv", 4, "counterparty_id").value == "WHO"


def test_group_member_names_unknown_member(folder):
    set_cell(folder, "counterparties.csv", 14, "group_member", "XX")
    the(refused(folder), "unknown_member", "counterparties.csv", 14, "group_member")


def test_unknown_counterparty_is_reserved(folder):
    with open(folder / "counterparties.csv", "a", encoding="utf-8") as fh:
        fh.write("UNKNOWN,未知,,,X,Y,false,false,\n")
    the(refused(folder), "reserved_counterparty", "counterparties.csv", 17, "counterparty_id")


def test_missing_required_value(folder):
    set_cell(folder, "exposures.csv", 2, "member_id", "")        # a holding needs its member
    set_cell(folder, "exposures.csv", 3, "amount", "")
    r = refused(folder)
    the(r, "missing_value", "exposures.csv", 2, "member_id")
    the(r, "missing_value", "exposures.csv", 3, "amount")


# -- amounts -------------------------------------------------------------------------------------------

def test_negative_and_non_numeric_amounts(folder):
    set_cell(folder, "exposures.csv", 2, "amount", "-5")
    set_cell(folder, "exposures.csv", 3, "amount", "abc")
    set_cell(folder, "exposures.csv", 4, "amount", "1.234")
    set_cell(folder, "exposures.csv", 5, "amount", "1,00")
    set_cell(folder, "members.csv", 2, "total_assets", "六百亿")
    r = refused(folder)
    the(r, "negative_amount", "exposures.csv", 2, "amount")
    assert the(r, "not_a_number", "exposures.csv", 3, "amount").value == "abc"
    the(r, "too_many_decimals", "exposures.csv", 4, "amount")
    the(r, "not_a_number", "exposures.csv", 5, "amount")
    the(r, "not_a_number", "members.csv", 2, "total_assets")


def test_accepted_number_forms(folder):
    set_cell(folder, "exposures.csv", 2, "amount", "5,000,000,000.00")
    set_cell(folder, "exposures.csv", 3, "amount", "2E+9")
    set_cell(folder, "exposures.csv", 4, "amount", "3000000000.500")      # trailing zero: two decimals
    set_cell(folder, "exposures.csv", 5, "amount", "1000000000.01")
    e = read_group_data(folder).exposures.set_index("exposure_id")["amount_fen"]
    assert e["E01"] == 500_000_000_000 and e["E02"] == 200_000_000_000
    assert e["E03"] == 300_000_000_050 and e["E04"] == 100_000_000_001


def test_huge_amount_exact(folder):
    set_cell(folder, "group.csv", 2, "total_assets", "12345678901234567.89")
    assert read_group_data(folder).group.total_assets_fen == 1234567890123456789


# -- choices, booleans, dates -----------------------------------------------------------------------------

@pytest.mark.parametrize("name, row, column, value", [
    ("exposures.csv", 2, "asset_class", "bonds"),
    ("members.csv", 2, "kind", "bank"),
    ("limits.csv", 2, "dimension", "country"),
    ("limits.csv", 2, "basis", "gross_assets"),
])
def test_unknown_choices(folder, name, row, column, value):
    set_cell(folder, name, row, column, value)
    p = the(refused(folder), "unknown_choice", name, row, column)
    assert p.value == value and p.detail["choices"]


def test_unknown_scope(folder):
    set_cell(folder, "limits.csv", 5, "scope", "BANK")
    the(refused(folder), "unknown_scope", "limits.csv", 5, "scope")


def test_bad_boolean(folder):
    set_cell(folder, "exposures.csv", 2, "overseas", "maybe")
    set_cell(folder, "counterparties.csv", 2, "exempt", "yes please")
    r = refused(folder)
    the(r, "not_a_boolean", "exposures.csv", 2, "overseas")
    the(r, "not_a_boolean", "counterparties.csv", 2, "exempt")


def test_as_of_not_a_date(folder):
    set_cell(folder, "group.csv", 2, "as_of", "2025-13-01")
    the(refused(folder), "not_a_date", "group.csv", 2, "as_of")


@pytest.mark.parametrize("extra", [0, 2])
def test_group_not_exactly_one_row(folder, extra):
    rows = rows_of(folder, "group.csv")
    write_rows(folder, "group.csv", [rows[0]] + [rows[1]] * extra)
    assert the(refused(folder), "group_rows", "group.csv").detail["count"] == extra


# -- look-through -----------------------------------------------------------------------------------------

def test_parent_exposure_does_not_exist(folder):
    set_cell(folder, "exposures.csv", 8, "parent_exposure_id", "E99")
    the(refused(folder), "unknown_parent_exposure", "exposures.csv", 8, "parent_exposure_id")


def test_underlying_naming_another_member(folder):
    set_cell(folder, "exposures.csv", 8, "member_id", "PC")          # E06A under LIFE's E06
    p = the(refused(folder), "underlying_member_mismatch", "exposures.csv", 8, "member_id")
    assert p.detail["holding_member"] == "LIFE"


def test_underlying_repeating_its_member_is_fine(folder):
    set_cell(folder, "exposures.csv", 8, "member_id", "LIFE")
    assert load_group_data(folder).ok


def test_underlyings_exceed_holding(folder):
    set_cell(folder, "exposures.csv", 9, "amount", "2000000001")     # E06A 2e9 + E06B → 4e9 + 1 > E06 4e9
    p = the(refused(folder), "underlyings_exceed_holding", "exposures.csv", 7, "amount")
    assert p.detail["holding"] == "E06"


def test_underlyings_exceed_at_a_deeper_level(folder):
    with open(folder / "exposures.csv", "a", encoding="utf-8") as fh:
        fh.write("E06A1,,RE1A,X1,equity,false,true,1500000000,E06A,,\n"
                 "E06A2,,RE1B,X2,equity,false,true,600000000,E06A,,\n")     # 2.1e9 under E06A's 2e9
    the(refused(folder), "underlyings_exceed_holding", "exposures.csv", 8, "amount")


def test_look_through_cycle(folder):
    set_cell(folder, "exposures.csv", 7, "parent_exposure_id", "E06A")   # E06 -> E06A -> E06
    r = refused(folder)
    the(r, "look_through_cycle", "exposures.csv", 7, "parent_exposure_id")
    assert "E06" in the(r, "look_through_cycle", "exposures.csv", 8, "parent_exposure_id").detail["cycle"]


def test_self_parent_is_a_cycle(folder):
    set_cell(folder, "exposures.csv", 2, "parent_exposure_id", "E01")
    the(refused(folder), "look_through_cycle", "exposures.csv", 2, "parent_exposure_id")


def test_counterparty_cycle(folder):
    set_cell(folder, "counterparties.csv", 3, "parent_id", "BANK1SUB")     # BANK1 <-> BANK1SUB
    r = refused(folder)
    the(r, "counterparty_cycle", "counterparties.csv", 3, "parent_id")
    the(r, "counterparty_cycle", "counterparties.csv", 4, "parent_id")


# -- limits -----------------------------------------------------------------------------------------------

def test_warning_above_limit(folder):
    set_cell(folder, "limits.csv", 2, "warning", "0.09")
    p = the(refused(folder), "warning_above_limit", "limits.csv", 2, "warning")
    assert p.detail["limit"] == "0.08"


def test_warning_or_limit_missing_without_rule(folder):
    set_cell(folder, "limits.csv", 2, "warning", "")
    set_cell(folder, "limits.csv", 3, "limit", "")
    r = refused(folder)
    the(r, "missing_value", "limits.csv", 2, "warning")
    the(r, "missing_value", "limits.csv", 3, "limit")


def test_rule_derives_missing_limit(folder):
    rows = rows_of(folder, "limits.csv")
    rows[0].append("rule")
    for r in rows[1:]:
        r.append("")
    rows[4][6:8] = ["", ""]
    rows[4][-1] = "equity_solvency_tier"          # L04, LIFE has a solvency ratio
    write_rows(folder, "limits.csv", rows)
    lim = read_group_data(folder).limits.set_index("limit_id")
    assert lim.loc["L04", "rule"] == "equity_solvency_tier" and lim.loc["L04", "limit"] is None
    set_cell(folder, "limits.csv", 5, "scope", "AM")    # AM has none
    the(refused(folder), "rule_needs_solvency_ratio", "limits.csv", 5, "rule")


def test_parent_limit_problems(folder):
    set_cell(folder, "limits.csv", 9, "parent_limit_id", "L99")
    set_cell(folder, "limits.csv", 10, "key", "C35")
    r = refused(folder)
    the(r, "unknown_parent_limit", "limits.csv", 9, "parent_limit_id")
    the(r, "parent_limit_other_key", "limits.csv", 10, "parent_limit_id")


def test_parent_limit_of_another_dimension_or_scope(folder):
    set_cell(folder, "limits.csv", 9, "parent_limit_id", "L01")     # industry from counterparty_group
    set_cell(folder, "limits.csv", 10, "parent_limit_id", "L04")    # from a member limit
    r = refused(folder)
    the(r, "parent_limit_other_dimension", "limits.csv", 9, "parent_limit_id")
    the(r, "parent_limit_not_group", "limits.csv", 10, "parent_limit_id")


def test_negative_ratio(folder):
    set_cell(folder, "limits.csv", 2, "warning", "-0.01")
    the(refused(folder), "negative_ratio", "limits.csv", 2, "warning")


def test_percent_ratio_accepted(folder):
    set_cell(folder, "limits.csv", 2, "warning", "5%")
    from decimal import Decimal
    assert read_group_data(folder).limits.loc[0, "warning"] == Decimal("0.05")


# -- all problems at once; warnings ---------------------------------------------------------------------

def test_collects_every_problem(folder):
    set_cell(folder, "exposures.csv", 2, "amount", "x")
    set_cell(folder, "exposures.csv", 21, "amount", "y")
    set_cell(folder, "members.csv", 3, "kind", "zz")
    set_cell(folder, "limits.csv", 4, "basis", "??")
    r = refused(folder)
    assert {(p.code, p.file, p.row) for p in r.errors} >= {
        ("not_a_number", "exposures.csv", 2), ("not_a_number", "exposures.csv", 21),
        ("unknown_choice", "members.csv", 3), ("unknown_choice", "limits.csv", 4)}
    with pytest.raises(InputError) as exc:
        read_group_data(folder)
    assert len(exc.value.errors) == len(r.errors) >= 4


def test_warnings_do_not_refuse(folder):
    set_cell(folder, "members.csv", 4, "total_assets", "1000")           # AM holds 1e9
    set_cell(folder, "group.csv", 2, "total_assets", "200000000000")     # members add up to 9e10+
    set_cell(folder, "counterparties.csv", 4, "parent_id", "NOT-LISTED")
    r = load_group_data(folder)
    rendered(r.problems)
    assert r.ok and r.data is not None and not r.errors
    # 1e9 of holdings against 1,000 of total assets: far above, so the units are suspect
    the(r, "holdings_far_above_total_assets", "members.csv", 4, "total_assets")
    the(r, "group_total_mismatch", "group.csv", 2, "total_assets")
    the(r, "unknown_parent", "counterparties.csv", 4, "parent_id")
    assert all(p.severity is Severity.WARNING for p in r.problems)
    data = read_group_data(folder)
    assert len(data.meta["warnings"]) == 3
    assert data.counterparties.set_index("counterparty_id").loc["BANK1SUB", "parent_id"] is None


def test_group_total_within_tolerance_is_quiet(folder):
    set_cell(folder, "group.csv", 2, "total_assets", "110000000000")     # members 9.2e10: 16% apart
    assert load_group_data(folder).problems == []


def test_warnings_with_an_error_still_refuse(folder):
    set_cell(folder, "members.csv", 4, "total_assets", "1000")
    set_cell(folder, "exposures.csv", 2, "amount", "x")
    r = refused(folder)
    assert r.errors


# -- every code has words ------------------------------------------------------------------------------

def test_every_code_has_a_message():
    from wording.problems import _messages
    src = "".join((ROOT / "core" / "concentration" / f).read_text(encoding="utf-8")
                  for f in ("importer.py", "tabular.py"))
    codes = set(re.findall(r'\.(?:at|where)\(\s*"([a-z_]+)"', src))
    codes |= set(re.findall(r'"([a-z_]+_cycle)"', src)) | {"negative_net_assets"}
    assert len(codes) > 30
    messages = _messages()
    missing = sorted(c for c in codes if c not in messages)
    assert not missing, missing
    for c in codes:
        assert messages[c]["en"] and messages[c]["zh"]


def test_describe_names_the_place(folder):
    from wording.problems import describe
    set_cell(folder, "exposures.csv", 3, "amount", "abc")
    p = the(refused(folder), "not_a_number")
    assert describe(p) == "exposures.csv, row 3, column amount: not a number: 'abc'"
    assert "第 3 行" in describe(p, "zh")


def test_reserved_member_id(folder):
    for f, col in (("members.csv", "member_id"), ("exposures.csv", "member_id")):
        rows = rows_of(folder, f)
        for r in rows[1:]:
            r[rows[0].index(col)] = "group" if r[rows[0].index(col)] == "AM" else r[rows[0].index(col)]
        write_rows(folder, f, rows)
    the(refused(folder), "reserved_id", "members.csv", 4, "member_id")


def test_two_columns_for_one_field(folder):
    rows = rows_of(folder, "members.csv")
    write_rows(folder, "members.csv", [rows[0] + ["名称"]] + [r + ["x"] for r in rows[1:]])
    p = the(refused(folder), "duplicate_column", "members.csv", 1, "名称")
    assert p.detail["first"] == "name"


def test_key_of_asset_class_limit_must_be_a_class(folder):
    set_cell(folder, "limits.csv", 5, "key", "stocks")
    the(refused(folder), "unknown_choice", "limits.csv", 5, "key")


def test_basis_must_fit_dimension(folder):
    set_cell(folder, "limits.csv", 2, "basis", "total_premium")
    the(refused(folder), "basis_not_for_dimension", "limits.csv", 2, "basis")


def test_negative_net_assets_is_a_warning(folder):
    set_cell(folder, "members.csv", 4, "net_assets", "-5")
    set_cell(folder, "group.csv", 2, "net_assets", "-1")
    r = load_group_data(folder)
    rendered(r.problems)
    assert r.ok
    the(r, "negative_net_assets", "members.csv", 4, "net_assets")
    the(r, "negative_net_assets", "group.csv", 2, "net_assets")
    assert r.data.members.loc[2, "net_assets_fen"] == -500 and r.data.group.net_assets_fen == -100


def test_negative_total_assets_is_an_error(folder):
    set_cell(folder, "members.csv", 4, "total_assets", "-5")
    the(refused(folder), "negative_amount", "members.csv", 4, "total_assets")
