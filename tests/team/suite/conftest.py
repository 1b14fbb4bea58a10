"""The store's own tests (tests/core), run again on the team database (PostgreSQL).

Each test_pg_<module>.py here imports one test module of tests/core (one per file: their fixtures share
names such as `store`), and every test in it runs with `Store.create_in_memory` answering with a new
PostgreSQL database: the same assertions on the other backend. Tests about the SQLite file itself (its
PRAGMAs, triggers edited in SQLite syntax, the sqlite3 shell's INSERT OR REPLACE) are removed from the
module's namespace there, each with its reason (SQLITE_ONLY); they keep running on SQLite in tests/core,
and tests/team/test_parity.py checks the same things on PostgreSQL in its terms.
"""
import pytest

from tests.pg_cluster import drop_database, new_database


@pytest.fixture(autouse=True)
def _on_postgresql(monkeypatch, pg_server, pg_template):
    from core.store import Store
    from core.store.base import iso_utc

    made = []

    def create_in_memory(cls, *, clock=None, os_user=None):
        url = new_database(pg_server, pg_template)     # already migrated: 70 ms instead of 400
        made.append(url)
        if clock is not None:       # the one reading of the clock a new store's migrations make (base._migrate)
            iso_utc(clock())
        return cls.open(url, clock=clock, os_user=os_user)

    monkeypatch.setattr(Store, "create_in_memory", classmethod(create_in_memory))
    yield
    for url in made:
        drop_database(pg_server, url)


@pytest.fixture(scope="session")
def pg_copies(pg_server):
    """copy(sqlite_file) -> the URL of a new PostgreSQL database holding the same history, record for record
    (core.store.pgcopy, as `db copy` does). Each SQLite file is copied once per session into a template
    database; every call then gets a fresh database from that template (70 ms), dropped at the end."""
    import sqlite3

    from core.store.pgcopy import copy_history

    templates: dict = {}
    made: list[str] = []

    def copy(path) -> str:
        key = str(path)
        if key not in templates:
            url = new_database(pg_server)
            made.append(url)
            src = sqlite3.connect(path, isolation_level=None)
            try:
                copy_history(src, url)
            finally:
                src.close()
            templates[key] = url.split("?")[0].rsplit("/", 1)[-1]
        url = new_database(pg_server, templates[key])
        made.append(url)
        return url

    yield copy
    for url in made:
        drop_database(pg_server, url)


@pytest.fixture(scope="module")
def reports_on_postgresql(pg_copies):
    """The report tests' databases (tests/reports/report_store.py `demo_store`/`bare_store`, which copy the
    session's master file) are PostgreSQL copies of that master: `copy_database` there answers a URL.
    Module-scoped: the report modules build their store in module fixtures. A module uses it as
    an autouse module fixture, so that it comes before the module's own."""
    import tests.reports.report_store as report_store

    copies: list[str] = []

    def copy_database(master, dest):
        copies.append(pg_copies(master))
        return copies[-1]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(report_store, "copy_database", copy_database)
        yield copies
    # a module whose databases all came from elsewhere would only have run on SQLite again
    assert copies, "no report database of this module was a PostgreSQL copy"


@pytest.fixture
def demo_db(demo_db_master, pg_copies) -> str:
    """tests/conftest.py `demo_db` here: a private PostgreSQL copy of the session's demo database, its URL
    where the test expects the file's path (Store.open and `--db` take either)."""
    return pg_copies(demo_db_master)
