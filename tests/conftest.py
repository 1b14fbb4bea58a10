"""Test-wide setup: headless Qt (must be set before any QApplication exists), the repository's paths and the
example fixtures, the demo database, built once per test session and copied for each test that uses it, and
which tests run: those marked `slow` (the bundle build, the big property seeds, process start-up timings)
only in CI (`CI=true`, which CI services set and `.ci/run` sets) or with `--runslow`, so that a developer's
run of the README's test command stays under two minutes on the 2-core machine while CI still runs everything.

The acceptance examples of the specification live in `tests/fixtures/examples` (copied, with a SHA-256
manifest checked by tests/test_fixtures.py; `scripts/sync_fixtures.py` updates both). No test reads anything
outside the repository (tests/test_standalone.py).

The README's test command runs the suite on every core with pytest-xdist (`-n auto`): the session's databases
and its one board report are built once for the whole run by whichever worker needs them first
(`_once_for_the_run`), a module's tests run on one worker (so its module fixtures are built once), and every
test that needs PostgreSQL runs on one worker (`xdist_scope`). Without `-n` (one file, `-x`) everything runs
in this one process as before.
"""
import os
import pickle
import shutil
import sys
from collections.abc import Callable
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
    skip would read as 'could not run'. Then check that every test that needs PostgreSQL is where
    `xdist_scope` keeps them together."""
    if not slow_tests_run(config):
        slow = [item for item in items if item.get_closest_marker("slow")]
        if slow:
            config.hook.pytest_deselected(items=slow)
            items[:] = [item for item in items if not item.get_closest_marker("slow")]
        config.stash[_SLOW_LEFT_OUT] = len(slow)
        if hasattr(config, "workeroutput"):         # an xdist worker: the controller prints the summary
            config.workeroutput["slow_left_out"] = len(slow)
    astray = [item.nodeid for item in items if _needs_postgresql(item) and xdist_scope(item.nodeid) != POSTGRESQL]
    if astray:
        raise pytest.UsageError(f"tests that use PostgreSQL belong under {' or '.join(POSTGRESQL_PATHS)} (one "
                                f"worker runs them all, see xdist_scope in tests/conftest.py): {', '.join(astray)}")


def _needs_postgresql(item) -> bool:
    """Whether a test uses the PostgreSQL server (tests/pg_cluster.py): through a fixture, or `make_store`'s
    `backend` parameter (which asks for the server only when it runs)."""
    callspec = getattr(item, "callspec", None)
    return "pg_server" in item.fixturenames or (callspec is not None
                                                and callspec.params.get("backend") == "postgresql")


POSTGRESQL = "postgresql"
POSTGRESQL_PATHS = ("tests/team/", "tests/test_bundle.py")     # every test module that uses the server


def xdist_scope(nodeid: str) -> str:
    """Which tests pytest-xdist keeps on one worker (`pytest_xdist_make_scheduler`): those of one module, so
    that a module fixture (a store, a rendered report, the bundle) is built once, not once per worker, and
    ruff's and mypy's runs in tests/test_lint.py (their caches are in the repository) never overlap; and all
    the tests that use PostgreSQL, as the suite ran them before it ran in parallel: on the server CI gives
    (RISKDESK_TEST_PG_URL) two `init-team`s at once would race to create the cluster-wide roles, and outside
    CI one throwaway cluster is started, not one per worker."""
    module = nodeid.split("::", 1)[0]
    return POSTGRESQL if module.startswith(POSTGRESQL_PATHS) else module


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """pytest-xdist's controller: hand out whole `xdist_scope`s, the biggest first (xdist's loadscope with
    its own grouping; its loadgroup marks do not reach the controller under pytest 9.2)."""
    from xdist.scheduler import LoadScopeScheduling

    class ScopeScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return xdist_scope(nodeid)

    return ScopeScheduling(config, log)


_SLOW_LEFT_OUT = pytest.StashKey[int]()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """pytest-xdist's controller: a worker is done; keep what it counted (every worker collects every test,
    so each counts the same)."""
    n = getattr(node, "workeroutput", {}).get("slow_left_out")
    if n is not None:
        node.config.stash[_SLOW_LEFT_OUT] = n


def pytest_terminal_summary(terminalreporter, config):
    """Say why tests were deselected and how to run them, also under -q (and under pytest-xdist, whose
    summary line does not count the workers' deselected tests)."""
    n = config.stash.get(_SLOW_LEFT_OUT, 0)
    if n:
        terminalreporter.write_line(f"{n} tests marked slow were deselected; CI=true or --runslow runs them too")


def copy_database(src: Path, dest: Path) -> Path:
    """A copy of a closed database file (with its -wal/-shm, should a crash have left them)."""
    for side in ("", "-wal", "-shm"):
        if src.with_name(src.name + side).exists():
            shutil.copyfile(src.with_name(src.name + side), dest.with_name(dest.name + side))
    return dest


def _once_for_the_run(tmp_path_factory, name: str, build: Callable[[Path], None]) -> Path:
    """The folder `name`, filled by `build(folder)` once for the whole test run. In one process, as any
    session fixture; under pytest-xdist, by the first worker that needs it while the others wait for it on a
    file lock, in the folder the workers' temporary folders share (the demo database is seconds of CPU that
    each worker would otherwise repeat). What is built there is read, never written: tests take copies."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        folder = tmp_path_factory.mktemp(name)
        build(folder)
        return folder
    from filelock import FileLock

    shared = tmp_path_factory.getbasetemp().parent     # this run's folder, one per worker below it
    folder, done = shared / name, shared / f"{name}.done"
    with FileLock(str(shared / f"{name}.lock")):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # left half-built by a worker that failed
            folder.mkdir()
            build(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def demo_db_master(tmp_path_factory) -> Path:
    """The demo database exactly as `--demo` builds it (Store.open_demo, core.demo.load_demo: the same
    records, times and chain head), built once per test run. Never written to: tests take copies
    (`demo_db` here, `db` in tests/ui, tests.reports.report_store)."""
    def build(folder: Path) -> None:
        from core.demo import load_demo
        from core.store import Store

        store = Store.open_demo(folder / "demo.sqlite3")
        try:
            load_demo(store)
        finally:
            store.close()

    return _once_for_the_run(tmp_path_factory, "demo-master", build) / "demo.sqlite3"


@pytest.fixture(scope="session")
def bare_db_master(tmp_path_factory) -> Path:
    """Only the two demo snapshots imported, nothing else (tests/reports/report_store.py `bare_store`), built
    once per test run. Never written to: tests take copies (`bare_store(path, bare_db_master)`)."""
    def build(folder: Path) -> None:
        from tests.reports.report_store import bare_store

        bare_store(folder / "bare.sqlite3").close()

    return _once_for_the_run(tmp_path_factory, "bare-master", build) / "bare.sqlite3"


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
    recorded once per test run from a copy of the session's demo database, user 测试, with progress
    recorded. The tests that only read the PDF or its record share it (fonts, text rules, line breaks,
    charts, head, byte-reproducibility); those that change the records or the options render their own."""
    def build(folder: Path) -> None:
        from core.store import Store
        from reports.service import generate_report

        db = copy_database(demo_db_master, folder / demo_db_master.name)
        calls: list[tuple[int, int]] = []
        store = Store.open(db)
        try:
            rec = generate_report(store, "semiannual", "2025H1", folder / "board.pdf", user="测试",
                                  progress=lambda done, total: calls.append((done, total)))
        finally:
            store.close()
        # the record and the progress calls as made, for the workers that did not make them
        (folder / "made.pickle").write_bytes(pickle.dumps((rec, tuple(calls))))

    folder = _once_for_the_run(tmp_path_factory, "demo-semiannual", build)
    rec, calls = pickle.loads((folder / "made.pickle").read_bytes())
    return RenderedReport(folder / demo_db_master.name, rec, Path(rec.path), calls)
