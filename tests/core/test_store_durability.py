"""Crash safety (a writer killed mid-snapshot) and reopening the file finds everything."""
from __future__ import annotations

import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from core.store import Store
from tests.core.test_store_support import FakeClock, assert_group_equal, small_group

ROOT = Path(__file__).resolve().parents[2]

WRITER = """
import re, sys, time
sys.path.insert(0, {root!r})
from datetime import date
from core.store import Store
from tests.core.test_store_support import big_group, small_group
s = Store.open({path!r})
if not s.list_snapshots():
    s.save_snapshot(small_group(), "alice")            # the old state
g = big_group({n})
pause_at, pause_nth = {pause_at!r}, {pause_nth!r}
if pause_at is not None:
    # a page cache of a few pages: the transaction's pages spill into the -wal before it commits
    s.conn.execute("PRAGMA cache_size = 4")
    seen = [0]
    def trace(sql):
        if re.match(pause_at, sql):
            seen[0] += 1
            if seen[0] == pause_nth:
                print("paused", flush=True)        # inside the transaction, before this statement runs
                time.sleep(120)
    s.conn.set_trace_callback(trace)
print("writing", flush=True)
s.save_snapshot(g, "alice")
print("done", flush=True)
s.close()
"""

# the statements the writer can stop before (sqlite3 traces each row of an executemany)
BLOCK_INSERT = r"INSERT INTO snapshot_block\b"
JOURNAL_INSERT = r"INSERT INTO [\[\"]?journal\b"


def _wal_size(wal: Path) -> int:
    try:  # the writer may checkpoint and remove the -wal file at any moment
        return wal.stat().st_size
    except FileNotFoundError:
        return 0


def _run_writer(path: Path, n: int, kill_after: float | None = None, kill_at_wal: int | None = None,
                pause_at: str | None = None, pause_nth: int = 1) -> tuple[bool, int]:
    """Run the writer and SIGKILL it: `kill_after` s after it starts writing, or as soon as its -wal file
    exceeds `kill_at_wal` bytes, or (deterministic) when it reports that it is about to run the `pause_nth`
    statement matching `pause_at` and waits there, inside the snapshot's transaction. None of these: let it
    finish. Returns whether it had exited by itself, and how much the -wal file had grown since "writing"
    just before the kill (uncommitted pages spill into it while a big transaction is under way)."""
    wal = Path(str(path) + "-wal")
    script = WRITER.format(root=str(ROOT), path=str(path), n=n, pause_at=pause_at, pause_nth=pause_nth)
    p = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert p.stdout.readline().strip() == "writing"
        wal_before = _wal_size(wal)  # what the committed old state left: only growth beyond it is the big write
        if pause_at is not None:
            assert p.stdout.readline().strip() == "paused"
            wal_bytes = max(0, _wal_size(wal) - wal_before)
            p.send_signal(signal.SIGKILL)
            p.wait(30)
            return False, wal_bytes
        if kill_after is None and kill_at_wal is None:
            assert p.stdout.readline().strip() == "done"
            assert p.wait(60) == 0
            return True, 0
        deadline = time.monotonic() + (kill_after if kill_after is not None else 60)
        while time.monotonic() < deadline and p.poll() is None:
            if kill_at_wal is not None and _wal_size(wal) - wal_before > kill_at_wal:
                break
            time.sleep(0.002)
        done = p.poll() is not None
        wal_bytes = max(0, _wal_size(wal) - wal_before)
        if not done:
            p.send_signal(signal.SIGKILL)  # unlike os.kill, a no-op if the writer has exited meanwhile
            p.wait(30)
        return done, wal_bytes
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
        p.stdout.close()


def _check_all_or_nothing(path: Path, n: int) -> list[int]:
    with Store.open(path) as s:
        assert s.integrity_check() == []
        infos = s.list_snapshots()
        assert infos, "the committed old snapshot must survive"
        stored = s.conn.execute("SELECT coalesce(sum(n_rows), 0) FROM snapshot_block WHERE part = 1").fetchone()[0]
        assert stored == sum(i.n_exposures for i in infos)         # no partial snapshot
        old = [i for i in infos if i.n_exposures == 5]
        assert len(old) == 1
        assert_group_equal(small_group(), s.load_snapshot(old[0].id))
        return [i.n_exposures for i in infos if i.n_exposures != 5]


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
@pytest.mark.parametrize("pause_at, pause_nth", [(BLOCK_INSERT, 2), (JOURNAL_INSERT, 1)],
                         ids=["after-first-block", "all-blocks-written"])
def test_writer_killed_inside_the_transaction_leaves_the_old_state(tmp_path, pause_at, pause_nth):
    # the writer stops itself inside the snapshot's transaction (before its second block, or with every block
    # written and only the journal entry and the commit to come) and is killed there: every time, not by luck
    # of timing on a loaded machine
    n = 200_000
    path = tmp_path / "crash.sqlite3"
    finished, wal_bytes = _run_writer(path, n, pause_at=pause_at, pause_nth=pause_nth)
    assert not finished
    assert wal_bytes > 0, "the uncommitted pages must have reached the -wal for the kill to test recovery"
    assert _check_all_or_nothing(path, n) == []


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_writer_killed_at_any_moment_leaves_old_or_new_state(tmp_path):
    # kills by the -wal's growth and by time land wherever the machine's speed puts them (before, during or
    # after the write): each outcome must be all or nothing
    n = 200_000
    runs = [dict(kill_at_wal=250_000), dict(kill_at_wal=1_000_000), dict(kill_after=0.05), dict(kill_after=1.5)]
    for i, when in enumerate(runs):
        path = tmp_path / f"crash{i}.sqlite3"
        _run_writer(path, n, **when)
        assert _check_all_or_nothing(path, n) in ([], [n])


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_completed_writer_then_killed_keeps_new_state(tmp_path):
    path = tmp_path / "done.sqlite3"
    assert _run_writer(path, 20_000, kill_after=None)[0]
    assert _check_all_or_nothing(path, 20_000) == [20_000]


def test_reopen_finds_everything(tmp_path):
    path = tmp_path / "riskdesk.sqlite3"
    clock = FakeClock()
    with Store.open(path, clock=clock) as s:
        g = small_group(as_of=date(2025, 6, 30))
        sid = s.save_snapshot(g, "alice")
        eid = s.save_evaluation(sid, {"source": "snapshot"}, {"limits": [{"limit_id": "L01", "flagged": [
            {"key": "BANK1", "status": "breach", "ratio": 0.1, "exposure": 1e10}]}]}, None, "alice")
        (case,) = s.open_cases_from_evaluation(eid, user="alice").opened
        s.record_case_event(case, "bob", state="reported", owner="投资部")
        aid = s.save_assessment("self", "示例人寿", "2025", "life-2024", "1", "x", {"a": 1}, {"final_level": "2"},
                                "alice", note="初评")
        ls = s.create_limit_set("main", "alice")
        p = s.create_proposal(ls, g.limits, "alice", "init", "2025-01-01")
        s.decide(p, "bob", "approve")
        rid = s.record_report("semiannual", "2025H1", sid, {}, "ab", "r.pdf", "alice")
        s.save_text("semiannual_conclusion", "2025H1", "结论", "alice")
        journal = s.list_journal()
    with Store.open(path) as s:
        assert_group_equal(g, s.load_snapshot(sid))
        assert s.load_evaluation(eid).result["limits"][0]["limit_id"] == "L01"
        assert s.get_case(case).state == "reported" and s.get_case(case).owner == "投资部"
        assert s.get_assessment(aid).note == "初评"
        assert s.current_limit_set_version(as_of="2025-06-30").version == 1
        assert s.get_proposal(p).status == "approved"
        assert s.list_reports()[0].id == rid
        assert s.latest_text("semiannual_conclusion", "2025H1").text == "结论"
        assert s.list_journal() == journal
        assert s.integrity_check() == []
