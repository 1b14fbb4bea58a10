"""The reports' lean reads (core/store/report_reads.py) say what the whole reads say, and the charts drawn
by a forked child are the charts drawn in process (issue 15: the 1M semiannual report's speed).

A report of a snapshot whose governing evaluation was not re-measured under another limit version reads
the kept sums by block and the counterparties' naming columns; the same store with those reads hidden
takes the old path (the whole sums frame, every counterparty row). Both must give the same document.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from core.store import Store
from reports.builders import builder
from reports.builders.common import content_digest, current_pins, load_view, resolve_snapshot
from tests.reports.report_store import bare_store

ROOT = Path(__file__).resolve().parents[2]
LEAN_READS = ("kept_sums", "kept_frame", "counterparty_table")


class WholeReads:
    """A store without the report reads: reports take the old path."""

    def __init__(self, store):
        self._store = store

    def __getattr__(self, name):
        if name in LEAN_READS:
            raise AttributeError(name)
        return getattr(self._store, name)


@pytest.fixture(scope="module")
def bare(tmp_path_factory, bare_db_master):
    """The two demo snapshots, limits not approved: every report reads the evaluations as stored."""
    store = bare_store(tmp_path_factory.mktemp("lean") / "bare.sqlite3", bare_db_master)
    yield store
    store.close()


@pytest.mark.parametrize("kind,period", [("semiannual", "2025H1"), ("quarterly", "2025Q2"),
                                         ("disclosure", "2025"), ("annual_chapter", "2025")])
def test_a_report_says_the_same_from_the_lean_reads(bare, kind, period):
    lean = builder(kind)(bare, period)
    whole = builder(kind)(WholeReads(bare), period)
    assert content_digest(lean.sections + lean.appendix) == content_digest(whole.sections + whole.appendix)


def test_every_block_of_the_kept_sums_ranks_the_same(bare):
    from core.periods import parse_period
    pins = current_pins(bare, "2025H1")
    info = resolve_snapshot(bare, parse_period("2025H1"), pins)
    lean, whole = load_view(bare, info, pins), load_view(WholeReads(bare), info, pins)
    assert lean.sums is None and lean.kept is not None and whole.sums is not None   # the two paths
    blocks = set(lean._locate()) | set(whole._locate())
    assert len(blocks) > 20
    for dim, scope in sorted(blocks):
        a, b = lean.totals(dim, scope), whole.totals(dim, scope)
        assert a["key"].tolist() == b["key"].tolist(), (dim, scope)
        assert a["total_fen"].tolist() == b["total_fen"].tolist() and a["countable_fen"].tolist() == \
            b["countable_fen"].tolist(), (dim, scope)
        assert sorted(lean.amounts(dim, scope).tolist()) == sorted(b["total_fen"].tolist())
    # names: a counterparty by its name, a connected group by its head
    assert lean.cp_names == {k: v for k, v in whole.cp_names.items()}
    groups = whole.totals("counterparty_group")["key"].head(20).tolist()
    assert [lean.key_name("counterparty_group", k) for k in groups] == \
        [whole.key_name("counterparty_group", k) for k in groups]


# Run in a fresh process: the test process may hold Qt and threads, where the renderer never forks.
_FORK_CHECK = r"""
import hashlib, os, sys
sys.path.insert(0, os.getcwd())
from core.store import Store
from reports.builders import builder
from reports.pdf import chartjobs
from reports.service import render

forks, real_fork, parent = [], os.fork, os.getpid()
def fork():
    forks.append(1)
    return real_fork()
os.fork = fork
store = Store.open(sys.argv[1], read_only=True)
assert chartjobs.can_fork(), "a fresh process on Linux forks"
doc = builder("semiannual")(store, "2025H1")            # the chart child is forked while building
assert forks and chartjobs._waiting
forked = render(doc, "pdf")
assert not chartjobs._waiting                          # the render took it, and reaped it
real_draw = chartjobs.ChartJobs.draw
def draw(chart, dpi):                                  # a child that fails: its charts drawn here
    if os.getpid() != parent:
        raise RuntimeError("the child fails")
    return real_draw(chart, dpi)
chartjobs.ChartJobs.draw = staticmethod(draw)
n = len(forks)
failed = render(builder("semiannual")(store, "2025H1"), "pdf")
assert len(forks) == n + 1
chartjobs.can_fork = lambda: False
here = render(builder("semiannual")(store, "2025H1"), "pdf")
assert len(forks) == n + 1                             # nothing forked: drawn here
print(hashlib.sha256(forked).hexdigest(), hashlib.sha256(failed).hexdigest(), hashlib.sha256(here).hexdigest())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the renderer forks on Linux only")
def test_charts_drawn_by_a_child_are_the_charts_drawn_here(bare, tmp_path):
    """Drawn by a forked child, by this process after the child failed, and by this process alone: the
    same PDF bytes."""
    db = bare.backup_to(tmp_path / "copy.sqlite3")
    p = subprocess.run([sys.executable, "-c", _FORK_CHECK, str(db)], cwd=ROOT, capture_output=True, text=True,
                       timeout=300)
    assert p.returncode == 0, p.stderr[-3000:]
    forked, failed, here = p.stdout.split()
    assert forked == failed == here


def test_the_store_reads_kept_sums_of_an_evaluation_without_them(tmp_path):
    store = Store.open(tmp_path / "empty.sqlite3")
    try:
        assert store.kept_sums(12345) is None and store.kept_frame(12345, "bases") is None
    finally:
        store.close()


@pytest.fixture(scope="module")
def rows_history(tmp_path_factory):
    """A history whose snapshot was stored as rows (schema v7, before blocks), opened by this version (which
    migrates the file, keeping the rows): what the 1M history of issue 15's measurements is."""
    from core.concentration.snapshots import import_snapshot
    from core.demo import demo_snapshot_dirs
    from core.store import base as store_base
    from core.store.schema import MIGRATIONS

    path = tmp_path_factory.mktemp("rows") / "v7.sqlite3"
    with pytest.MonkeyPatch.context() as m:
        m.setattr(store_base, "MIGRATIONS", MIGRATIONS[:7])
        m.setattr(store_base, "SCHEMA_VERSION", 7)
        with Store.open(path) as s:
            import_snapshot(s, demo_snapshot_dirs()[-1], "alice")
    store = Store.open(path)
    yield store
    store.close()


def test_counterparty_rows_read_by_a_thread_are_the_rows_read_here(rows_history):
    sid = rows_history.list_snapshots()[0].id
    assert rows_history.conn.execute("SELECT count(*) FROM snapshot_counterparty WHERE snapshot_id = ?",
                                     (sid,)).fetchone()[0] > 100             # stored as rows
    later = rows_history.counterparty_table(sid, background=True)
    assert callable(later)                                                   # read by the thread
    here = rows_history.counterparty_table(sid)
    assert later().equals(here) and len(here) > 100
    assert list(here.columns) == ["counterparty_id", "name", "parent_id", "connected_label", "exempt"]


def test_a_report_of_a_history_stored_as_rows_says_the_same_from_the_lean_reads(rows_history):
    lean = builder("semiannual")(rows_history, "2025H1")
    whole = builder("semiannual")(WholeReads(rows_history), "2025H1")
    assert content_digest(lean.sections + lean.appendix) == content_digest(whole.sections + whole.appendix)
