"""tests/reports/test_consistency.py on PostgreSQL: the demo and the bare database are PostgreSQL copies of
the session's masters (conftest.py here, `pg_copies`, `reports_on_postgresql`)."""
import pytest

from tests.reports.test_consistency import *  # noqa: F401,F403

pytestmark = pytest.mark.slow     # the whole module again on PostgreSQL: CI runs it (tests/conftest.py)

# left out here, kept on SQLite in tests/reports
SQLITE_ONLY = {
    "test_the_small_example_group": "builds its own SQLite file (Store.open(tmp_path / ...)): it would run on SQLite again here",
}
for _name in SQLITE_ONLY:
    del globals()[_name]


@pytest.fixture(scope="module", autouse=True)
def _reports_on_postgresql(reports_on_postgresql):
    """Before the module's own store fixtures (autouse first): report_store hands PostgreSQL copies."""


@pytest.fixture(scope="module")
def demo(demo_db_master, pg_copies):
    """The module's `demo` (the session's master, read only) as a PostgreSQL copy of it."""
    from core.store import Store

    store = Store.open(pg_copies(demo_db_master))
    yield store
    store.close()
