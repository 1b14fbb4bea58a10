"""tests/cli/test_duties.py on PostgreSQL: `demo_db` is a PostgreSQL copy of the session's demo database
(conftest.py here), its URL given as `--db`."""
import pytest

from tests.cli.test_duties import *  # noqa: F401,F403

pytestmark = pytest.mark.slow     # the whole module again on PostgreSQL: CI runs it (tests/conftest.py)
