"""tests/core/test_services_rating.py on PostgreSQL (see conftest.py here)."""
from tests.core.test_services_rating import *  # noqa: F401,F403
