"""tests/core/test_store_cases.py on PostgreSQL (see conftest.py here)."""
from tests.core.test_store_cases import *  # noqa: F401,F403
