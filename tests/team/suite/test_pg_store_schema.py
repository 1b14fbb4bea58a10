"""tests/core/test_store_schema.py on PostgreSQL (see conftest.py here)."""
import pytest

from tests.core.test_store_schema import *  # noqa: F401,F403

pytestmark = pytest.mark.slow     # the whole module again on PostgreSQL: CI runs it (tests/conftest.py)

# left out here, kept on SQLite in tests/core (see conftest.py). The file tests open a SQLite file of their
# own (Store.open(path)): here they would only run on SQLite again.
_FILE = "opens a SQLite file of its own (Store.open(path)): it would run on SQLite again here"
SQLITE_ONLY = {
    "test_migrations_from_empty_file": _FILE + "; pg_template migrates an empty PostgreSQL database each session",
    "test_pragmas_for_crash_safety": "the SQLite file's PRAGMAs (journal_mode, synchronous)",
    "test_newer_schema_is_refused_untouched": _FILE,
    "test_not_a_database_and_foreign_database": "junk bytes and a foreign SQLite file where the store is expected",
    "test_a_failed_migration_leaves_the_previous_version": _FILE,
    "test_default_db_path": "the default SQLite file's location (platformdirs)",
    "test_second_writer_waits_then_gets_busy_and_readers_are_not_blocked": "SQLite's file lock and busy timeout",
    "test_backup_is_a_complete_store": "the SQLite backup API copying the file",
    "test_explicit_path_in_a_missing_folder_is_an_error": "a SQLite file's folder",
    "test_every_table_is_append_only": "lists the triggers from sqlite_master; test_update_and_delete_are_refused here checks every table on PostgreSQL",
    "test_insert_or_replace_cannot_overwrite": "SQLite's INSERT OR REPLACE syntax (PostgreSQL has no REPLACE; its UPDATE is refused in test_update_and_delete_are_refused)",
}
for _name in SQLITE_ONLY:
    del globals()[_name]
