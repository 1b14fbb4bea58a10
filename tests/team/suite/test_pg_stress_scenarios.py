"""tests/core/test_stress_scenarios.py on PostgreSQL (see conftest.py here)."""
import pytest

from tests.core.test_stress_scenarios import *  # noqa: F401,F403

pytestmark = pytest.mark.slow     # the whole module again on PostgreSQL: CI runs it (tests/conftest.py)
