"""tests/core/test_report_holding_pairs.py on PostgreSQL (see conftest.py here)."""
import pytest

from tests.core.test_report_holding_pairs import *  # noqa: F401,F403

pytestmark = pytest.mark.slow     # the whole module again on PostgreSQL: CI runs it (tests/conftest.py)
