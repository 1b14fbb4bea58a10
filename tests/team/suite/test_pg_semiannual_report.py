"""tests/reports/test_semiannual_report.py on PostgreSQL: the demo's 2025H1 report is generated from a
PostgreSQL copy of the session's demo database (the module's own `demo_semiannual_pdf` below), the bare
database is a PostgreSQL copy too (conftest.py here, `reports_on_postgresql`), and a test that writes works
on a PostgreSQL copy of the store it reads (`_copy`: the team history backed up to a file, as `db backup`
does, and that file copied into a new database)."""
from pathlib import Path

import pytest

import tests.reports.test_semiannual_report as semiannual
from tests.reports.test_semiannual_report import *  # noqa: F401,F403

pytestmark = pytest.mark.slow     # the whole module again on PostgreSQL: CI runs it (tests/conftest.py)


@pytest.fixture(scope="module", autouse=True)
def _reports_on_postgresql(reports_on_postgresql, pg_copies):
    """Before the module's own store fixtures (autouse first): report_store hands PostgreSQL copies, and
    the module's `_copy` gives one of the store it is given."""
    from core.store import Store

    def copy(plain, dest):
        return Store.open(pg_copies(plain[0].backup_to(dest)))

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(semiannual, "_copy", copy)
        yield


@pytest.fixture(scope="module")
def demo_semiannual_pdf(demo_db_master, pg_copies, tmp_path_factory):
    """tests/conftest.py `demo_semiannual_pdf`, generated and recorded in a PostgreSQL copy of the demo."""
    from core.store import Store
    from reports.service import generate_report
    from tests.conftest import RenderedReport

    d = tmp_path_factory.mktemp("pg-semiannual")
    db = pg_copies(demo_db_master)
    calls: list[tuple[int, int]] = []
    store = Store.open(db)
    try:
        rec = generate_report(store, "semiannual", "2025H1", d / "board.pdf", user="测试",
                              progress=lambda done, total: calls.append((done, total)))
    finally:
        store.close()
    return RenderedReport(db, rec, Path(rec.path), tuple(calls))
