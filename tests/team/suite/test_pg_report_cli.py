"""tests/cli/test_report_cli.py on PostgreSQL: `demo_db` is a PostgreSQL copy of the session's demo database
(conftest.py here), its URL given as `--db`."""
import pytest

from tests.cli.test_report_cli import *  # noqa: F401,F403

pytestmark = pytest.mark.slow     # the whole module again on PostgreSQL: CI runs it (tests/conftest.py)

# left out here, kept on SQLite in tests/cli: they take no --db of a stored history
SQLITE_ONLY = {
    "test_a_user_run_with_demo_gives_the_bytes_of_a_run_in_this_process": "`--demo` builds its SQLite demo file",
    "test_bad_period_with_demo_fails_before_building_the_demo": "`--demo`, no --db",
    "test_missing_arguments_are_argparse_errors": "neither --db nor --demo",
}
for _name in SQLITE_ONLY:
    del globals()[_name]
