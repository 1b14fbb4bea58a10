"""A large exposures file imports completely, and every bad row of a large file is reported.

Speed is measured by benchmarks/bench_concentration.py (figures in the README), not here.
"""

import numpy as np
import pandas as pd
import pytest

from core.concentration.importer import load_group_data
from tests.conftest import EXAMPLES

SMALL = EXAMPLES / "small-group"


def make_big(folder, n: int, n_cp: int = 20_000) -> None:
    for name in ("group.csv", "members.csv", "limits.csv"):
        (folder / name).write_bytes((SMALL / name).read_bytes())
    rng = np.random.default_rng(7)
    cp_ids = np.array([f"C{i:06d}" for i in range(n_cp)], dtype=object)
    parents = np.where(np.arange(n_cp) % 10 == 0, "", cp_ids[np.arange(n_cp) // 10])
    pd.DataFrame({"counterparty_id": cp_ids, "name": "某公司", "parent_id": parents, "connected_label": "",
                  "industry": rng.choice(["K70", "J66", "C35"], n_cp), "region": "CN-BJ",
                  "related_party": "false", "exempt": "false"}).to_csv(folder / "counterparties.csv", index=False)
    n_hold = n * 9 // 10
    ids = np.array([f"X{i:07d}" for i in range(n)], dtype=object)
    parent = np.full(n, "", dtype=object)
    parent[n_hold:] = ids[rng.integers(0, n_hold, n - n_hold)]
    amount = (rng.integers(100, 10**9, n)).astype(str).astype(object)
    amount[n_hold:] = "1.25"
    pd.DataFrame({
        "exposure_id": ids, "member_id": np.where(parent == "", rng.choice(["LIFE", "PC", "AM"], n), ""),
        "counterparty_id": cp_ids[rng.integers(0, n_cp, n)], "instrument_id": ids,
        "asset_class": rng.choice(["liquidity", "fixed_income", "equity"], n),
        "overseas": rng.choice(["false", "true"], n), "on_balance": "true", "amount": amount,
        "parent_exposure_id": parent}).to_csv(folder / "exposures.csv", index=False)


@pytest.mark.slow
def test_large_import_is_complete(tmp_path):
    """200,000 rows with look-through all arrive, underlyings with their holding's member.

    Speed is measured in benchmarks/ (house rule: no timed assertions in tests); a quadratic step, such
    as np.isin on text columns once was, still shows here as a run that takes minutes instead of seconds.
    """
    n = 200_000
    make_big(tmp_path, n)
    _check(load_group_data(tmp_path), n)


def _check(result, n):
    assert result.ok, result.errors[:5]
    assert len(result.data.exposures) == n
    assert result.data.exposures["member_id"].notna().all()      # underlyings got their holding's member




def test_many_bad_rows_are_all_reported(tmp_path):
    """Problems are collected row by row only where they are: 2,000 bad amounts, 2,000 problems."""
    make_big(tmp_path, 20_000, 500)
    e = pd.read_csv(tmp_path / "exposures.csv", dtype=str, keep_default_na=False)
    e.loc[e.index[:2000], "amount"] = "n/a"
    e.to_csv(tmp_path / "exposures.csv", index=False)
    r = load_group_data(tmp_path)
    bad = [p for p in r.problems if p.code == "not_a_number"]
    assert len(bad) == 2000 and bad[0].row == 2 and bad[-1].row == 2001 and r.data is None


def _tables(folder, monkeypatch, arrow: bool):
    """Every table of a folder as read, with pyarrow's reader or with pandas' alone."""
    from core.concentration import importer, tabular

    if not arrow:
        monkeypatch.setattr(tabular, "_arrow_csv", lambda: None)
    seen = {}
    arrow_read = []
    real = tabular.read_csv_table
    real_arrow = tabular._read_arrow

    def arrow_spy(data, width, wanted, names):
        frame = real_arrow(data, width, wanted, names)
        if frame is not None:
            arrow_read.append("exposures.csv" if "exposure_id" in names else
                              "counterparties.csv" if "counterparty_id" in names and "name" in names else "other")
        return frame

    monkeypatch.setattr(tabular, "_read_arrow", arrow_spy)

    def spy(path, spec, label, problems, *rest):
        table = real(path, spec, label, problems, *rest)
        seen[spec.name] = table
        return table

    monkeypatch.setattr(importer, "read_csv_table", spy, raising=False)
    monkeypatch.setattr(tabular, "read_csv_table", spy)
    result = load_group_data(folder)
    monkeypatch.undo()
    result.arrow_read = arrow_read
    return result, seen


def test_pyarrow_reads_the_same_cells_as_pandas(tmp_path, monkeypatch):
    """The quick reader (pyarrow, for plain UTF-8 files) gives the very frames the pandas reader gives:
    same cells, same spreadsheet rows, same problems — here with surrounding spaces, a BOM, Chinese text
    and a blank line (skipped, the rows after it keeping their line numbers)."""
    make_big(tmp_path, 5_000, 300)
    e = (tmp_path / "exposures.csv").read_text(encoding="utf-8").splitlines()
    e[3] = e[3].replace(",AM,", ", AM ,").replace(",PC,", ", PC ,").replace(",LIFE,", ", LIFE ,")
    (tmp_path / "exposures.csv").write_text("\ufeff" + "\n".join(e) + "\n", encoding="utf-8")
    c = (tmp_path / "counterparties.csv").read_text(encoding="utf-8").splitlines()
    c.insert(5, "")
    (tmp_path / "counterparties.csv").write_text("\n".join(c) + "\n", encoding="utf-8")

    fast, fast_tables = _tables(tmp_path, monkeypatch, arrow=True)
    slow, slow_tables = _tables(tmp_path, monkeypatch, arrow=False)
    assert fast.ok and slow.ok
    assert [p.code for p in fast.problems] == [p.code for p in slow.problems]
    assert set(fast_tables) == set(slow_tables) and "exposures" in fast_tables
    assert {"exposures.csv", "counterparties.csv"} <= set(fast.arrow_read)   # pyarrow read them
    assert not slow.arrow_read
    for name, table in fast_tables.items():
        pd.testing.assert_frame_equal(table.frame, slow_tables[name].frame)
    pd.testing.assert_frame_equal(fast.data.exposures, slow.data.exposures)


def test_pyarrow_read_still_refuses_bad_text(tmp_path):
    """A control character and an overlong id in a plain file (read by pyarrow) are found as before."""
    make_big(tmp_path, 2_000, 100)
    e = (tmp_path / "exposures.csv").read_text(encoding="utf-8").splitlines()
    cells = e[10].split(",")
    cells[0] = "X\x01BAD"
    e[10] = ",".join(cells)
    cells = e[20].split(",")
    cells[3] = "I" * 65
    e[20] = ",".join(cells)
    (tmp_path / "exposures.csv").write_text("\n".join(e) + "\n", encoding="utf-8")
    r = load_group_data(tmp_path)
    found = {(p.code, p.row, p.column) for p in r.problems}
    assert ("control_character", 11, "exposure_id") in found
    assert ("text_too_long", 21, "instrument_id") in found
