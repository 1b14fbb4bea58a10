"""tests/core/test_services_imports.py on PostgreSQL (see conftest.py here)."""
from tests.core.test_services_imports import *  # noqa: F401,F403
