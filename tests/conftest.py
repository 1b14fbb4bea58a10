"""Test-wide setup: headless Qt (must be set before any QApplication exists), the repository's paths and the
example fixtures, the demo database, built once per test session and copied for each test that uses it, and
which tests run: those marked `slow` (the bundle build, the big property seeds, process start-up timings)
only in CI (`CI=true`, which CI services set and `.ci/run` sets) or with `--runslow`, so that a developer's
plain `pytest -q` stays under two minutes on the 2-core machine while CI still runs everything.

The acceptance examples of the specification live in `tests/fixtures/examples` (copied, with a SHA-256
manifest checked by tests/test_fixtures.py; `scripts/sync_fixtures.py` updates both). No test reads anything
outside the repository (tests/test_standalone.py).
"""
import os
import shutil
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = FIXTURES / "examples"          # the one place tests take the example inputs and expected outputs from
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def slow_tests_run(config) -> bool:
    """Whether this run includes the tests marked `slow`: in CI, on `--runslow`, or when a `-m` expression
    chooses by marks itself (`-m slow` runs exactly those, `-m "not slow"` leaves them out as before)."""
    ci = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
    return ci or config.getoption("runslow") or bool(config.getoption("markexpr"))


def pytest_addoption(parser):
    parser.addoption("--runslow", action="store_true", default=False,
                     help="also run the tests marked slow (always run when CI is set, as CI services do)")


def pytest_collection_modifyitems(config, items):
    """Deselect (not skip) the slow tests outside CI: they are listed as deselected in the summary, and a
    skip would read as 'could not run'."""
    if slow_tests_run(config):
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]
    config.stash[_SLOW_LEFT_OUT] = len(slow)


_SLOW_LEFT_OUT = pytest.StashKey[int]()


def pytest_terminal_summary(terminalreporter, config):
    """Say why tests were deselected and how to run them, also under -q."""
    n = config.stash.get(_SLOW_LEFT_OUT, 0)
    if n:
        terminalreporter.write_line(f"{n} tests marked slow were deselected; CI=true or --runslow runs them too")


def copy_database(src: Path, dest: Path) -> Path:
    """A copy of a closed database file (with its -wal/-shm, should a crash have left them)."""
    for side in ("", "-wal", "-shm"):
        if src.with_name(src.name + side).exists():
            shutil.copyfile(src.with_name(src.name + side), dest.with_name(dest.name + side))
    return dest


@pytest.fixture(scope="session")
def demo_db_master(tmp_path_factory) -> Path:
    """The demo database exactly as `--demo` builds it (Store.open_demo, core.demo.load_demo: the same
    records, times and chain head), built once per test session. Never written to: tests take copies
    (`demo_db` here, `db` in tests/ui, tests.reports.report_store)."""
    from core.demo import load_demo
    from core.store import Store

    path = tmp_path_factory.mktemp("demo-master") / "demo.sqlite3"
    store = Store.open_demo(path)
    try:
        load_demo(store)
    finally:
        store.close()
    return path


@pytest.fixture(scope="session")
def bare_db_master(tmp_path_factory) -> Path:
    """Only the two demo snapshots imported, nothing else (tests/reports/report_store.py `bare_store`), built
    once per session. Never written to: tests take copies (`bare_store(path, bare_db_master)`)."""
    from tests.reports.report_store import bare_store

    path = tmp_path_factory.mktemp("bare-master") / "bare.sqlite3"
    bare_store(path).close()
    return path


@pytest.fixture
def demo_db(demo_db_master, tmp_path) -> Path:
    """A private copy of the session's demo database, for one test (its writes reach no other test)."""
    return copy_database(demo_db_master, tmp_path / demo_db_master.name)


@dataclass
class RenderedReport:
    """A report made once for the session (see `demo_semiannual_pdf`); read it, never write to `db`."""
    db: Path                   # the database it was made from and recorded in
    record: object             # reports.service.GeneratedReport (id, sha256, path, params, document)
    path: Path                 # the PDF
    progress: tuple            # the progress(done, total) calls generate_report made while making it

    @cached_property
    def text(self) -> str:
        """Its text without whitespace (tests.reports.pdf_check.pdf_text), extracted once; on first use, as
        only the tests that need poppler's pdftotext (and are marked so) read it."""
        from tests.reports.pdf_check import pdf_text
        return pdf_text(self.path)


@pytest.fixture(scope="session")
def demo_semiannual_pdf(demo_db_master, tmp_path_factory) -> RenderedReport:
    """The demo's 2025H1 semiannual board report (23 pages, ~1.4 s of CPU to render), generated and
    recorded once per session from a copy of the session's demo database, user 测试, with progress
    recorded. The tests that only read the PDF or its record share it (fonts, text rules, line breaks,
    charts, head, byte-reproducibility); those that change the records or the options render their own."""
    from core.store import Store
    from reports.service import generate_report

    d = tmp_path_factory.mktemp("demo-semiannual")
    db = copy_database(demo_db_master, d / demo_db_master.name)
    calls: list[tuple[int, int]] = []
    store = Store.open(db)
    try:
        rec = generate_report(store, "semiannual", "2025H1", d / "board.pdf", user="测试",
                              progress=lambda done, total: calls.append((done, total)))
    finally:
        store.close()
    path = Path(rec.path)
    return RenderedReport(db, rec, path, tuple(calls))
