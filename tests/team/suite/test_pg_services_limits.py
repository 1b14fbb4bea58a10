"""tests/core/test_services_limits.py on PostgreSQL (see conftest.py here)."""
from tests.core.test_services_limits import *  # noqa: F401,F403
