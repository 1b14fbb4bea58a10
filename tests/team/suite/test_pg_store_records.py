"""tests/core/test_store_records.py on PostgreSQL (see conftest.py here)."""
from tests.core.test_store_records import *  # noqa: F401,F403
