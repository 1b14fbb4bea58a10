"""tests/reports/test_rating_report.py on PostgreSQL: its databases are PostgreSQL copies of the session's masters
(conftest.py here, `reports_on_postgresql`)."""
import pytest

from tests.reports.test_rating_report import *  # noqa: F401,F403

pytestmark = pytest.mark.slow     # the whole module again on PostgreSQL: CI runs it (tests/conftest.py)


@pytest.fixture(scope="module", autouse=True)
def _reports_on_postgresql(reports_on_postgresql):
    """Before the module's own store fixtures (autouse first): report_store hands PostgreSQL copies."""

# left out here, kept on SQLite in tests/reports
_FILE = "builds its own SQLite file (Store.open(tmp_path / ...)): it would run on SQLite again here"
SQLITE_ONLY = {
    "test_a_type_specific_element_is_printed_under_the_officers_name": _FILE,
    "test_report_model_has_exact_score_boundary_note_cap_note_and_sources": _FILE + " (module fixture boundary_pdf)",
    "test_pdf_prints_the_notes_and_the_source_tags": _FILE + " (module fixture boundary_pdf)",
}
for _name in SQLITE_ONLY:
    del globals()[_name]
