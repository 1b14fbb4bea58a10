"""tests/core/test_governance_approval.py on PostgreSQL (see conftest.py here)."""
from tests.core.test_governance_approval import *  # noqa: F401,F403
