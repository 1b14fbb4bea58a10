"""tests/core/test_stored_open.py on PostgreSQL (see conftest.py here).

Its `store` fixture opens a file (Store.open(tmp_path / ...)); here the same fixture on a new PostgreSQL
database (Store.create_in_memory, which conftest.py answers with one), the example imported the same way."""
import pytest

from tests.core.test_stored_open import *  # noqa: F401,F403
from tests.core.test_stored_open import EXAMPLE

pytestmark = pytest.mark.slow     # the whole module again on PostgreSQL: CI runs it (tests/conftest.py)


@pytest.fixture
def store():
    from core.concentration.snapshots import preview_import, store_snapshot
    from core.store import Store

    s = Store.create_in_memory()
    store_snapshot(s, preview_import(EXAMPLE), "tester", source=str(EXAMPLE))
    yield s
    s.close()
