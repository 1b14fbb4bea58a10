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
