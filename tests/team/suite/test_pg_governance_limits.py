"""tests/core/test_governance_limits.py on PostgreSQL (see conftest.py here)."""
from tests.core.test_governance_limits import *  # noqa: F401,F403
