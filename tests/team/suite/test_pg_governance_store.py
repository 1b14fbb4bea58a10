"""tests/core/test_governance_store.py on PostgreSQL (see conftest.py here)."""
import pytest

from tests.core.test_governance_store import *  # noqa: F401,F403

pytestmark = pytest.mark.slow     # the whole module again on PostgreSQL: CI runs it (tests/conftest.py)

# left out here, kept on SQLite in tests/core (see conftest.py)
SQLITE_ONLY = {
    "test_an_edited_record_fails_verification": "edits the record after DROP TRIGGER in SQLite syntax; tests/team/test_parity.py does the same on PostgreSQL (trigger disabled, record edited: verify names both)",
}
for _name in SQLITE_ONLY:
    del globals()[_name]
