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


@pytest.mark.parametrize("name", ["lf", "crlf", "no_final_newline", "bom", "spaces", "chinese"])
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
