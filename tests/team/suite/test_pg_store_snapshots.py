"""tests/core/test_store_snapshots.py on PostgreSQL (see conftest.py here)."""
from tests.core.test_store_snapshots import *  # noqa: F401,F403
