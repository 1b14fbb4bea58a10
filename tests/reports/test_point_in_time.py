"""A report says what was on record at its cut-off (`--as-of-record`), is made only for its kind of period,
and the demo history can be written to a file (`demo --db`)."""
from __future__ import annotations

from datetime import date

from core.store import Store
from reports.service import generate_report, regenerate
from tests.cli.runner import run_cli
from tests.reports.pdf_check import has, pdf_text, sha256


def test_the_2024h2_report_at_its_cut_off_knows_nothing_of_july_2025(demo_db, tmp_path):
    store = Store.open(demo_db)
    try:
        later = generate_report(store, "semiannual", "2024H2", tmp_path / "now.pdf")
        then = generate_report(store, "semiannual", "2024H2", tmp_path / "then.pdf", as_of_record=date(2025, 2, 20))
        now_text, then_text = pdf_text(tmp_path / "now.pdf"), pdf_text(tmp_path / "then.pdf")
        # made today, it shows the case as it stands now: the G01 case turned major and mitigating in July 2025
        assert has(now_text, "整改中") and has(now_text, "重大集中度风险事件）")
        # at the cut-off the register held the case as opened in January, nothing of July
        assert not has(then_text, "整改中") and not has(then_text, "重大集中度风险事件）")
        assert not has(then_text, "2025年7月")
        assert then.params["pins"]["records_until"] == "2025-02-20"
        # the pins keep regeneration byte-identical, whatever is recorded later
        again = regenerate(store, then.id, tmp_path / "again.pdf")
        assert again.sha256 == then.sha256 == sha256(tmp_path / "then.pdf")
        assert later.sha256 != then.sha256
    finally:
        store.close()


def test_a_report_is_made_only_for_its_kind_of_period(demo_db, tmp_path):
    for kind, period, words in (("semiannual", "2025", "half-year"), ("quarterly", "2025H1", "quarter"),
                                ("disclosure", "2025Q1", "a year"), ("rating", "2025H1", "a year")):
        r = run_cli("report", kind, "--db", demo_db, "--period", period, "--out", tmp_path / f"{kind}.pdf")
        assert r.returncode == 2 and r.stdout == "", (kind, r)
        assert f"--period '{period}'" in r.stderr and words in r.stderr
        assert not (tmp_path / f"{kind}.pdf").exists()
    r = run_cli("report", "semiannual", "--db", demo_db, "--period", "2025H1", "--as-of-record", "2025-13-01",
                "--out", tmp_path / "x.pdf")
    assert r.returncode == 2 and "--as-of-record '2025-13-01'" in r.stderr


def test_demo_db_writes_the_demo_history(demo_db_master, tmp_path):
    path = tmp_path / "demo.sqlite3"
    r = run_cli("demo", "--db", path)
    assert r.returncode == 0, r.stderr
    store = Store.open(path)
    master = Store.open(demo_db_master)
    try:
        assert [s.as_of for s in store.list_snapshots()] == [s.as_of for s in master.list_snapshots()]
        assert len(store.list_cases()) == len(master.list_cases())
        assert store.chain_head() == master.chain_head()
    finally:
        store.close()
        master.close()
    again = run_cli("demo", "--db", path)       # never written over
    assert again.returncode == 2 and "already exists" in again.stderr
