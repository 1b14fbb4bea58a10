"""The concentration screen shows a stored snapshot under the approved version that governs it, even when
stress results (also evaluations of that snapshot) were saved after it."""
from core.store import Store
from ui.concentration.screen import load_view


def test_stress_results_do_not_hide_the_governing_version(demo_db):
    store = Store.open(demo_db)          # the demo as --demo builds it (a copy of the session's)
    try:
        latest = store.list_snapshots()[0].id
        newest = store.evaluations_for(latest)[0]
        assert "stress" in newest.limit_set_ref      # the situation that matters: a stress result is newest
        view = load_view(store, latest)
        version = max(store.list_versions(), key=lambda v: v.version)
        assert view.limits_source == (version.limit_set_id, version.version)
        assert view.previous is not None and view.previous["limits"]
    finally:
        store.close()
