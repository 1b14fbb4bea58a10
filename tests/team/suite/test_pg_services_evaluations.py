"""tests/core/test_services_evaluations.py on PostgreSQL (see conftest.py here)."""
import pytest

from tests.core.test_services_evaluations import *  # noqa: F401,F403

pytestmark = pytest.mark.slow     # the whole module again on PostgreSQL: CI runs it (tests/conftest.py)
