"""tests/core/test_store_compact.py on PostgreSQL (see conftest.py here)."""
import pytest

from tests.core.test_store_compact import *  # noqa: F401,F403

pytestmark = pytest.mark.slow     # the whole module again on PostgreSQL: CI runs it (tests/conftest.py)

# left out here, kept on SQLite in tests/core (see conftest.py)
SQLITE_ONLY = {
    "test_a_v6_history_verifies_after_the_migration_and_new_snapshots_are_compact": "migrates a SQLite file written at schema v6; the PostgreSQL schema has no v6",
    "test_db_verify_of_the_migrated_history_says_intact": "the same v6 SQLite file, verified with db verify",
    "test_a_v7_history_reads_pages_and_verifies_after_the_migration_to_blocks": "writes a SQLite file at schema v7 and migrates it; the PostgreSQL schema has no v7 code path",
    "test_an_edited_v7_row_is_found": "edits the row with the sqlite3 module after dropping its SQLite trigger",
    "test_an_edited_block_is_found": "edits the block with the sqlite3 module after dropping its SQLite trigger",
    "test_counterparties_with_missing_values_and_columns_come_back_from_their_blocks": "compares with SQLite files written at schema v7 and v8 (Store.open(path))",
    "test_frames_that_cannot_be_coded_exactly_keep_the_v1_table": "opens a SQLite file of its own (Store.open(path)): it would run on SQLite again here",
}
for _name in SQLITE_ONLY:
    del globals()[_name]
