"""A plain CSV (no quote, no lone carriage return) goes to pyarrow's reader before its lines and commas are
counted (`tabular._read_csv_rest`): the counts are made only when pyarrow refuses the file. Whatever the line
ends, ragged or blank lines, the problems and the cells are those of pandas' reader alone (the path taken
without pyarrow), and a file pyarrow reads is never counted."""
from __future__ import annotations

import pandas as pd
import pytest

from core.concentration import tabular
from core.concentration.tabular import Problems, Spec, byte_profile, read_csv_table

SPEC = Spec("things", ("exposure_id", "member_id", "amount"))
ONE = Spec("ones", ("exposure_id",))

CASES = {
    "lf": (SPEC, b"exposure_id,member_id,amount\n1,2,3\n4,5,6\n"),
    "crlf": (SPEC, b"exposure_id,member_id,amount\r\n1,2,3\r\n4,5,6\r\n"),
    "no_final_newline": (SPEC, b"exposure_id,member_id,amount\n1,2,3\n4,5,6"),
    "bom": (SPEC, b"\xef\xbb\xbfexposure_id,member_id,amount\n1,2,3\n"),
    "lone_cr_lines": (SPEC, b"exposure_id,member_id,amount\r1,2,3\r4,5,6\r"),
    "lone_cr_in_cell": (SPEC, b"exposure_id,member_id,amount\r\n1,x\ry,3\r\n"),
    "too_many": (SPEC, b"exposure_id,member_id,amount\n1,2,3\n4,5,6,7\n8,9,10\n"),
    "too_few": (SPEC, b"exposure_id,member_id,amount\n1,2,3\n4,5\n8,9,10\n"),
    "blank_line": (SPEC, b"exposure_id,member_id,amount\n1,2,3\n\n8,9,10\n"),
    "blank_lines_at_end": (SPEC, b"exposure_id,member_id,amount\n1,2,3\n\n\n"),
    "one_column_blank_line": (ONE, b"exposure_id\nx\n\ny\n"),
    "quoted": (SPEC, b'exposure_id,member_id,amount\n1,"2,5",3\n4,5,6\n'),
    "quoted_line_break": (SPEC, b'exposure_id,member_id,amount\n1,"two\nlines",3\n4,5,6\n'),
    "spaces": (SPEC, b"exposure_id,member_id,amount\n 1,2 ,3\n4,5,6\n"),
    "tab": (SPEC, b"exposure_id,member_id,amount\n1\t,2,3\n"),
    "title_row": (SPEC, b"Title of the sheet,,\nexposure_id,member_id,amount\n1,2,3\n"),
    "chinese": (SPEC, "exposure_id,member_id,amount\n公司,二,三\n四,五,六\n".encode()),
    "control": (SPEC, b"exposure_id,member_id,amount\n1,2\x01,3\n"),
    # whitespace inside cells only (names with spaces): nothing to strip
    "inner_spaces": (SPEC, "exposure_id,member_id,amount\nBank of China,人寿\u3000保险,3\nA\tB,x y,6\n".encode()),
    # whitespace at each kind of cell edge: stripped (pandas' reader alone strips every cell)
    "edge_file_start": (SPEC, b" exposure_id,member_id,amount\n1,2,3\n"),
    "edge_bom_start": (SPEC, b"\xef\xbb\xbf exposure_id,member_id,amount\n1,2,3\n"),
    "edge_file_end": (SPEC, b"exposure_id,member_id,amount\n1,2,3 "),
    "edge_before_comma": (SPEC, b"exposure_id,member_id,amount\n1 x,2 ,3\n"),
    "edge_after_comma": (SPEC, b"exposure_id,member_id,amount\n1 x, 2,3\n"),
    "edge_line_start": (SPEC, b"exposure_id,member_id,amount\n 1,2,3\n"),
    "edge_before_crlf": (SPEC, b"exposure_id,member_id,amount\r\n1,2,3\t\r\n"),
    "edge_ideographic": (SPEC, "exposure_id,member_id,amount\n一 二,\u3000三,四\n".encode()),
    "edge_nbsp_end": (SPEC, "exposure_id,member_id,amount\n1,2,3\u00a0\n".encode()),
    "only_spaces": (SPEC, b"exposure_id,member_id,amount\n1,   ,3\n"),
}


def _read(tmp_path, name, monkeypatch, arrow: bool):
    spec, data = CASES[name]
    path = tmp_path / f"{name}.csv"
    path.write_bytes(data)
    problems = Problems()
    with monkeypatch.context() as m:
        if not arrow:
            m.setattr(tabular, "_arrow_csv", lambda: None)
        table = read_csv_table(path, spec, path.name, problems)
    found = [(p.code, p.file, p.row, p.column, p.value, tuple(sorted(p.detail.items()))) for p in problems.items]
    if table is None:
        return found, None, None
    return found, table.frame.reset_index(drop=True), table.rows.tolist()


@pytest.mark.parametrize("name", sorted(CASES))
def test_as_pandas_reader_alone(tmp_path, monkeypatch, name):
    fast = _read(tmp_path, name, monkeypatch, arrow=True)
    slow = _read(tmp_path, name, monkeypatch, arrow=False)
    assert fast[0] == slow[0]
    assert "missing_column" not in {p[0] for p in fast[0]}
    assert (fast[1] is None) == (slow[1] is None)
    if fast[1] is not None:
        pd.testing.assert_frame_equal(fast[1], slow[1])
        assert fast[2] == slow[2]


def test_inner_spaces_keep_the_cells_in_arrow(tmp_path):
    """Spaces inside names leave nothing to strip: the cells stay Arrow arrays (not made Python strings)."""
    spec, data = CASES["inner_spaces"]
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    table = read_csv_table(path, spec, "f.csv", Problems())
    assert table is not None and table.lazy and table.get("exposure_id").tolist() == ["Bank of China", "A\tB"]
    for name in (n for n in CASES if n.startswith("edge_") or n in ("spaces", "tab", "only_spaces")):
        spec, data = CASES[name]
        path.write_bytes(data)
        assert tabular.utf8_cells_need_strip(data), name


@pytest.mark.parametrize("name", ["lf", "crlf", "no_final_newline", "bom", "inner_spaces", "chinese"])
def test_a_file_pyarrow_reads_is_not_counted(tmp_path, monkeypatch, name):
    counted = []
    real = tabular.ByteProfile._counted

    def spy(self):
        counted.append(True)
        return real(self)

    monkeypatch.setattr(tabular.ByteProfile, "_counted", spy)
    spec, data = CASES[name]
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    table = read_csv_table(path, spec, "f.csv", Problems())
    assert table is not None and table.n >= 1
    assert not counted


@pytest.mark.parametrize("name", sorted(CASES))
def test_profile_counts(name):
    data = CASES[name][1]
    profile = byte_profile(data)
    assert profile.commas == data.count(b",")
    assert profile.lines == data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    assert profile.quotes == (b'"' in data)
    assert profile.present == frozenset(b for b in data if b in tabular._RARE_BYTES)


def test_names_with_spaces_read_as_by_pandas_alone(tmp_path, monkeypatch):
    """A group folder whose names have spaces inside (and one id a tab, one name a trailing space in another
    file): every problem and every frame as pandas' reader alone gives them."""
    from tests.core.test_read_arrow_checks import _load, _problems, _write

    def spaced(exps, cps):
        cps["name"] = [f"Bank of China {i}" for i in range(len(cps))]
        cps.loc[3, "counterparty_id"] = "C00\t003"          # a control character in an id: an error
        exps.loc[7, "instrument_id"] = "I 7"                # a space inside an id: fine

    _write(tmp_path, spaced)
    fast = _load(tmp_path, monkeypatch)
    slow = _load(tmp_path, monkeypatch, arrow=False)
    assert _problems(fast) == _problems(slow)
    assert "control_character" in {p[0] for p in _problems(fast)}
    assert fast.tables["counterparties"].lazy             # the names' spaces strip nothing: cells kept in Arrow
    for name in ("exposures", "counterparties"):
        pd.testing.assert_frame_equal(fast.tables[name].frame, slow.tables[name].frame)
