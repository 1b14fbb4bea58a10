"""Reading a folder's large files ahead (core.concentration.read_ahead) gives the reader a head start, never a
different reading: the same frames and the same problems as without it, whatever the file holds, and a file
changed since it was read ahead is read again."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from core.concentration import read_ahead, tabular
from core.concentration.importer import SPECS, load_group_data
from core.concentration.tabular import norm_header
from tests.conftest import ROOT
from tests.core.test_import_speed import make_big


@pytest.fixture
def every_size(monkeypatch):
    """Small test files are read ahead too (a real folder's are only from 1 MiB on)."""
    monkeypatch.setattr(read_ahead, "MIN_BYTES", 0)
    yield
    read_ahead.forget()


def _read_through(folder):
    """What the reader read ahead of `folder`, once the thread has done all of it."""
    with read_ahead._lock:
        entries = list(read_ahead._ahead.values())
    for f in entries:
        f.parsed.result(timeout=60)
    return entries


def _same(got, expected) -> None:
    assert [(p.code, p.file, p.row, p.column, p.severity) for p in got.problems] == \
        [(p.code, p.file, p.row, p.column, p.severity) for p in expected.problems]
    assert (got.data is None) == (expected.data is None)
    if got.data is not None:
        for name in ("members", "counterparties", "exposures", "limits"):
            pd.testing.assert_frame_equal(getattr(got.data, name), getattr(expected.data, name))
        assert got.data.group == expected.data.group
        assert got.data.meta["content_sha256"] == expected.data.meta["content_sha256"]


def _with_and_without(folder):
    """(the reading after `read_ahead.start`, the reading without it)."""
    assert read_ahead.start(folder) == 2
    ahead = load_group_data(folder)
    assert not read_ahead._ahead            # let go once the folder is read
    return ahead, load_group_data(folder)


def test_the_reader_takes_the_parse_done_ahead_and_reads_the_same(tmp_path, every_size, monkeypatch):
    make_big(tmp_path, 3000, 500)
    parses = []
    real = tabular.parse_plain
    monkeypatch.setattr(tabular, "parse_plain", lambda data, *a: parses.append(len(data)) or real(data, *a))
    assert read_ahead.start(tmp_path) == 2
    _read_through(tmp_path)
    ahead = load_group_data(tmp_path)
    big = {len((tmp_path / n).read_bytes()) for n in ("exposures.csv", "counterparties.csv")}
    assert parses and not big & set(parses)     # the small files parsed by the reader, the large ones ahead
    assert ahead.ok
    _same(ahead, load_group_data(tmp_path))


def test_a_file_changed_after_it_was_read_ahead_is_read_again(tmp_path, every_size):
    make_big(tmp_path, 3000, 500)
    read_ahead.start(tmp_path)
    _read_through(tmp_path)
    path = tmp_path / "exposures.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")      # the last row removed
    ahead = load_group_data(tmp_path)
    assert len(ahead.data.exposures) == len(lines) - 2
    _same(ahead, load_group_data(tmp_path))


def test_title_rows_quotes_and_refused_files_read_as_without(tmp_path, every_size):
    make_big(tmp_path, 3000, 500)
    cp = tmp_path / "counterparties.csv"
    text = cp.read_text(encoding="utf-8").splitlines(keepends=True)
    text[5] = text[5].replace("某公司", '"某公司, 北京"')
    cp.write_text("".join(text), encoding="utf-8")
    ex = tmp_path / "exposures.csv"
    ex.write_text("风险暴露明细\n" + ex.read_text(encoding="utf-8"), encoding="utf-8")
    _same(*_with_and_without(tmp_path))

    lines = ex.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[40] = lines[40].rstrip("\n") + ",extra\n"              # a row with one cell too many
    ex.write_text("".join(lines), encoding="utf-8")
    ahead, plain = _with_and_without(tmp_path)
    assert not ahead.ok and any(p.code for p in ahead.problems)
    _same(ahead, plain)


def test_the_large_files_are_the_importers_names_for_them():
    names = {norm_header(a) for spec in (SPECS["exposures"], SPECS["counterparties"]) for a in (spec.name,) + spec.aliases}
    assert names == read_ahead.LARGE_FILES


def test_nothing_is_started_for_a_workbook_or_a_folder_without_large_files(tmp_path):
    (tmp_path / "exposures.csv").write_text("exposure_id\nE1\n", encoding="utf-8")
    assert read_ahead.start(tmp_path) == 0                      # under MIN_BYTES
    assert read_ahead.start(tmp_path / "book.xlsx") == 0
    assert read_ahead.start(tmp_path / "missing") == 0
    assert not read_ahead._ahead


def test_starting_imports_no_pandas(tmp_path):
    """The point of it: the command starts it before pandas and the importer are imported."""
    make_big(tmp_path, 30_000, 30_000)          # both files over 1 MiB
    code = ("import sys; from core.concentration import read_ahead; "
            f"n = read_ahead.start({str(tmp_path)!r}); "
            "[f.parsed.result(timeout=60) for f in read_ahead._ahead.values()]; "
            "print(n, all(f.parsed.result() is not None for f in read_ahead._ahead.values()), 'pandas' in sys.modules)")
    p = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert p.stdout.split() == ["2", "True", "False"]
