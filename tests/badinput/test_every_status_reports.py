"""No report ever fails on a status the engine can produce (docs/interfaces.md: `no_basis` is "listed as such
everywhere ... never a crash, never silently dropped from a count").

A data folder is made with one limit per dimension in each status (ok, warning, breach) and limits that
cannot be measured (no business.csv: no premium basis; a member with zero net assets); it is imported into a
fresh database and every report kind is built and rendered as PDF and XLSX. The import summary and the
reports say which limits cannot be measured and why.
"""
from __future__ import annotations

import io
import subprocess

import openpyxl
import pytest

from core.concentration.model import BUSINESS_DIMENSIONS, DIMENSIONS
from core.concentration.snapshots import import_snapshot
from core.store import Store
from reports.builders import KINDS
from reports.service import build, render
from tests.badinput.helpers import demo_copy, edit_cell, read_rows, write_rows
from tests.cli.runner import run_cli

STATUS_LIMITS = {"ok": ("2", "3"), "warning": ("0", "3"), "breach": ("0", "0")}


def _every_status_folder(folder, with_business: bool):
    demo_copy(folder, with_business=with_business)
    rows = read_rows(folder / "limits.csv")
    header = rows[0]
    for dim in DIMENSIONS:
        basis = "total_premium" if dim in BUSINESS_DIMENSIONS else "total_assets"
        if dim == "reinsurer":
            basis = "total_ceded"
        for status, (warning, limit) in STATUS_LIMITS.items():
            cells = {"limit_id": f"T-{dim}-{status}", "name": f"测试{dim}{status}", "dimension": dim,
                     "scope": "group", "key": "*", "basis": basis, "warning": warning, "limit": limit}
            rows.append([cells.get(h, "") for h in header])
    # a member whose net assets are zero: its net-asset limits cannot be measured
    rows.append([{"limit_id": "Z-zero", "name": "零净资产测试", "dimension": "asset_class", "scope": "AM",
                  "key": "equity", "basis": "net_assets", "warning": "0.1", "limit": "0.2"}.get(h, "") for h in header])
    write_rows(folder / "limits.csv", rows)
    members = read_rows(folder / "members.csv")
    am = next(i for i, r in enumerate(members) if r[0] == "AM")
    edit_cell(folder / "members.csv", am + 1, "net_assets", "0")
    return folder


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    out = {}
    for with_business in (True, False):
        base = tmp_path_factory.mktemp("biz" if with_business else "nobiz")
        folder = _every_status_folder(base / "data", with_business)
        store = Store.open(base / "h.sqlite3")
        outcome = import_snapshot(store, folder, "王芳")
        assert not hasattr(outcome, "problems"), outcome
        out[with_business] = (store, outcome)
    yield out
    for store, _ in out.values():
        store.close()


def test_the_data_has_every_status_in_every_dimension(stores):
    for with_business, (_, outcome) in stores.items():
        seen = {(lim["dimension"], lim["status"]) for lim in outcome.result_json["limits"]
                if lim["limit_id"].startswith("T-")}
        for dim in DIMENSIONS:
            expected = {"no_basis"} if (dim in BUSINESS_DIMENSIONS and not with_business) else set(STATUS_LIMITS)
            assert {s for d, s in seen if d == dim} == expected, dim
        zero = next(lim for lim in outcome.result_json["limits"] if lim["limit_id"] == "Z-zero")
        assert (zero["status"], zero["problem"], zero["ratio"]) == ("no_basis", "zero_basis", None)


@pytest.mark.parametrize("with_business", [True, False])
@pytest.mark.parametrize("kind", [k for k in KINDS if k != "rating"])
@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_every_report_builds_and_renders(stores, kind, fmt, with_business):
    store, outcome = stores[with_business]
    period = {"semiannual": "2025H1", "quarterly": "2025Q2", "disclosure": "2025", "annual_chapter": "2025"}[kind]
    doc = build(store, kind, period)
    data = render(doc, fmt)
    assert data[:4] == (b"%PDF" if fmt == "pdf" else b"PK\x03\x04")
    if fmt == "xlsx":
        text = " ".join(str(v) for ws in openpyxl.load_workbook(io.BytesIO(data)) for row in ws.iter_rows(values_only=True)
                        for v in row if v is not None)
    else:
        text = _pdf_text(data)
    if kind != "disclosure":   # the disclosure has no limit table: it says how many cannot be measured
        assert "无法计量" in text
        assert "零" in text or "为零" in text.replace("\n", "")
    n = sum(1 for lim in outcome.result_json["limits"] if lim["status"] == "no_basis")
    if fmt == "pdf" and kind != "quarterly":
        assert f"无法计量 {n} 项" in text.replace("\n", "")


def _pdf_text(data: bytes) -> str:
    proc = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return proc.stdout.decode("utf-8")


def test_import_cli_names_the_limits_that_cannot_be_measured(tmp_path):
    """The issue's case: the demo without business.csv stores, says which limits cannot be measured and
    why, and every report of that period generates (PDF and XLSX)."""
    folder = demo_copy(tmp_path / "data", with_business=False)
    db = tmp_path / "x.sqlite3"
    proc = run_cli("import", folder, "--db", db, "--lang", "en")     # main.main in process (tests/cli/runner.py)
    assert proc.returncode == 0, proc.stderr
    # the demo's premium limits (customer, business line, region, reinsurer; group and PC) cannot be measured
    import re
    m = re.search(r"(\d+) cannot be measured", proc.stdout)
    assert m and int(m.group(1)) >= 5
    assert f"{m.group(1)} limits cannot be measured: G14, G15" in proc.stdout
    assert "(total premium of the group is not given, as there is no business.csv)" in proc.stdout
    for kind, period, xlsx in (("semiannual", "2025H1", False), ("quarterly", "2025Q2", False),
                               ("quarterly", "2025Q2", True), ("disclosure", "2025", False)):
        out = tmp_path / f"{kind}.{'xlsx' if xlsx else 'pdf'}"
        proc = run_cli("report", kind, "--db", db, "--period", period, "--out", out, *(["--xlsx"] if xlsx else []))
        assert proc.returncode == 0, proc.stderr
        assert out.stat().st_size > 1000
