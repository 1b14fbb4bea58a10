"""tests/reports/test_report_progress.py on PostgreSQL: its databases are PostgreSQL copies of the session's masters
(conftest.py here, `reports_on_postgresql`)."""
import pytest

from tests.reports.test_report_progress import *  # noqa: F401,F403

pytestmark = pytest.mark.slow     # the whole module again on PostgreSQL: CI runs it (tests/conftest.py)


@pytest.fixture(scope="module", autouse=True)
def _reports_on_postgresql(reports_on_postgresql):
    """Before the module's own store fixtures (autouse first): report_store hands PostgreSQL copies."""
