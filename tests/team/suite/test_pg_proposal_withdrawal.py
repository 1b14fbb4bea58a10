"""tests/core/test_proposal_withdrawal.py on PostgreSQL (see conftest.py here)."""
import pytest

from tests.core.test_proposal_withdrawal import *  # noqa: F401,F403

pytestmark = pytest.mark.slow     # the whole module again on PostgreSQL: CI runs it (tests/conftest.py)

# left out here, kept on SQLite in tests/core (see conftest.py)
SQLITE_ONLY = {
    "test_withdrawal_is_immutable_and_the_file_keeps_decided_or_withdrawn": "INSERT OR REPLACE is SQLite syntax (the sqlite3 shell's way past the delete triggers); on PostgreSQL the same attack is INSERT ... ON CONFLICT DO UPDATE, refused in tests/team/test_parity.py",
}
for _name in SQLITE_ONLY:
    del globals()[_name]
