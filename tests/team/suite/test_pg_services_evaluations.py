"""tests/core/test_services_evaluations.py on PostgreSQL (see conftest.py here)."""
from tests.core.test_services_evaluations import *  # noqa: F401,F403
