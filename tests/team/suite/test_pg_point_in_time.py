"""tests/reports/test_point_in_time.py on PostgreSQL: `demo_db` is a PostgreSQL copy of the session's demo database
(conftest.py here), its URL handed to Store.open and `--db`."""
import pytest

from tests.reports.test_point_in_time import *  # noqa: F401,F403

pytestmark = pytest.mark.slow     # the whole module again on PostgreSQL: CI runs it (tests/conftest.py)

# left out here, kept on SQLite in tests/reports
SQLITE_ONLY = {
    "test_demo_db_writes_the_demo_history": "`demo --db FILE` writes a new SQLite file (tests/team/test_team_cli.py covers the team database's commands)",
}
for _name in SQLITE_ONLY:
    del globals()[_name]
