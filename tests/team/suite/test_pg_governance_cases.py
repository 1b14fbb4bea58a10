"""tests/core/test_governance_cases.py on PostgreSQL (see conftest.py here)."""
from tests.core.test_governance_cases import *  # noqa: F401,F403
