"""`main.py import`: a valid folder becomes one snapshot with its evaluation and cases; a bad one stores nothing.
In process (tests/cli/runner.py), except the first test, which runs as a user types it."""
import json
import shutil

from core.store import Store
from tests.cli.runner import run_cli, run_subprocess
from tests.conftest import EXAMPLES

SMALL = EXAMPLES / "small-group"


def run_import(*args):
    return run_cli("import", *args)


def test_import_stores_snapshot_evaluation_and_cases(tmp_path):
    db = tmp_path / "h.sqlite3"
    p = run_subprocess("import", SMALL, "--db", db, "--user", "李四", "--json", timeout=120)
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert out["as_of"] == "2025-06-30"
    assert out["statuses"] == {"ok": 3, "warning": 4, "breach": 2}
    store = Store.open(db)
    try:
        snaps = store.list_snapshots()
        assert [s.as_of.isoformat() if hasattr(s.as_of, "isoformat") else s.as_of for s in snaps] == ["2025-06-30"]
        assert snaps[0].created_by == "李四"
        # one case per (limit, key) in warning or breach: L01 has two flagged keys, L07 six
        cases = store.list_cases()
        assert len(cases) == len(out["opened_cases"]) == 12
        assert {(c.limit_id, c.key) for c in cases} >= {("L01", "BANK1"), ("L01", "RE1"), ("L02", "*")}
    finally:
        store.close()


def test_second_import_observes_open_cases_instead_of_duplicating(tmp_path):
    db = tmp_path / "h.sqlite3"
    assert run_import(SMALL, "--db", db, "--user", "a").returncode == 0
    p = run_import(SMALL, "--db", db, "--user", "a", "--json", "--allow-same-date")
    out = json.loads(p.stdout)
    assert out["opened_cases"] == [] and len(out["observed_cases"]) == 12


def test_bad_data_stores_nothing_and_exits_2(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    text = (data / "exposures.csv").read_text(encoding="utf-8").replace("5000000000", "五十亿", 1)
    (data / "exposures.csv").write_text(text, encoding="utf-8")
    db = tmp_path / "h.sqlite3"
    p = run_import(data, "--db", db)
    assert p.returncode == 2
    assert "exposures.csv" in p.stderr and "amount" in p.stderr and "Traceback" not in p.stderr
    assert p.stdout == ""
    assert not db.exists()       # a refused import creates no database file


def test_bad_data_leaves_an_existing_database_unchanged(tmp_path):
    db = tmp_path / "h.sqlite3"
    assert run_import(SMALL, "--db", db).returncode == 0
    before = db.read_bytes()
    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    (data / "limits.csv").write_text("limit_id\n", encoding="utf-8")
    p = run_import(data, "--db", db)
    assert p.returncode == 2 and "limits.csv" in p.stderr
    assert db.read_bytes() == before


def test_the_same_data_or_date_again_is_refused_unless_allowed(tmp_path):
    db = tmp_path / "h.sqlite3"
    assert run_import(SMALL, "--db", db).returncode == 0
    p = run_import(SMALL, "--db", db, "--lang", "en")
    assert p.returncode == 2 and p.stdout == ""
    assert "the same data is stored already as snapshot 1" in p.stderr and "--allow-same-date" in p.stderr
    other = tmp_path / "data"
    shutil.copytree(SMALL, other)
    (other / "exposures.csv").write_text((other / "exposures.csv").read_text(encoding="utf-8") + "\n",
                                         encoding="utf-8")
    p = run_import(other, "--db", db, "--lang", "en")
    assert p.returncode == 2 and "snapshot 1" in p.stderr and "same as-of date 2025-06-30" in p.stderr
    assert run_import(other, "--db", db, "--allow-same-date").returncode == 0
    store = Store.open(db)
    try:
        assert len(store.list_snapshots()) == 2
    finally:
        store.close()


def test_imported_limits_become_a_proposal_never_an_approved_set(tmp_path):
    """guideline Art. 8-9: no approved set yet, so the data's own limits govern (marked not approved) and
    its limits.csv is put up for approval; importing the same limits again does not propose them twice."""
    db = tmp_path / "h.sqlite3"
    first = json.loads(run_import(SMALL, "--db", db, "--user", "maker", "--json").stdout)
    assert first["limits_approved"] is False and first["proposal_id"] is not None
    again = json.loads(run_import(SMALL, "--db", db, "--user", "maker", "--json", "--allow-same-date").stdout)
    assert again["proposal_id"] == first["proposal_id"]
    store = Store.open(db)
    try:
        assert [p.status for p in store.list_proposals()] == ["pending"]
        assert store.list_versions() == []
    finally:
        store.close()
