"""Test-wide setup: headless Qt (must be set before any QApplication exists), the repository's paths and the
example fixtures, and one demo database per test session for the tests that only read it.

The acceptance examples of the specification live in `tests/fixtures/examples` (copied, with a SHA-256
manifest checked by tests/test_fixtures.py; `scripts/sync_fixtures.py` updates both). No test reads anything
outside the repository (tests/test_standalone.py).
"""
import os
import shutil
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = FIXTURES / "examples"          # the one place tests take the example inputs and expected outputs from
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def demo_db_master(tmp_path_factory) -> Path:
    """The demo database (tests.reports.report_store.demo_store), built once per test session. Read-only:
    a test that writes (a report records itself) takes a copy through `demo_db`."""
    from tests.reports.report_store import demo_store

    path = tmp_path_factory.mktemp("demo-master") / "history.sqlite3"
    demo_store(path).close()
    return path


@pytest.fixture
def demo_db(demo_db_master, tmp_path) -> Path:
    """A private copy of the session's demo database, for a test that writes to it."""
    path = tmp_path / demo_db_master.name
    for side in ("", "-wal", "-shm"):   # closed cleanly there is no -wal left; copied in case there is
        src = demo_db_master.with_name(demo_db_master.name + side)
        if src.exists():
            shutil.copyfile(src, path.with_name(path.name + side))
    return path
