"""The concentration screen inside the main window on the demo group (resources/demo/2025-06-30), 1400×900,
in Chinese — and, with RISKDESK_SCREENSHOTS=1, the two pictures in docs/ made from it:

    RISKDESK_SCREENSHOTS=1 QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest \
        tests/ui/test_concentration_screenshots.py -q

docs/concentration-dashboard.png   the limit dashboard (with the change since the 2024-12-31 snapshot)
docs/concentration-drilldown.png   the worst counterparty group → its members → its exposures, with the trust
                                   plans and asset-management products they came through
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "resources" / "demo" / "2025-06-30"
DOCS = ROOT / "docs"
SIZE = (1400, 900)

@pytest.fixture
def demo_window(qtbot, wait_ops):
    from core.concentration.snapshots import preview_import, store_snapshot
    from core.store import Store
    from ui import settings
    from ui.main_window import MainWindow
    from ui.session import Session

    folder = Path(tempfile.mkdtemp(prefix="riskdesk-demo-"))   # where --demo keeps its database too
    db = folder / "demo.sqlite"
    store = Store.open(db)
    try:  # both demo snapshots, as --demo loads them: the dashboard then shows the change since 2024-12-31
        for folder_ in sorted(p for p in DEMO.parent.iterdir() if p.is_dir() and p.name[:2] == "20"):
            outcome = store_snapshot(store, preview_import(folder_), "演示", source=str(folder_))
    finally:
        store.close()
    assert outcome.result_json["as_of"] == DEMO.name
    settings.write(settings.WINDOW_SCREEN, "concentration")   # open on this screen (no other screen is built)
    session = Session(db_path=db, user="风险管理部")
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(*SIZE)
    window.show()
    window.start()
    assert window.page_state("rating") is None
    assert window.screen_key() == "concentration"
    qtbot.waitUntil(lambda: window.page_state("concentration") in ("ready", "broken"), timeout=30_000)
    screen = window.screen_widget("concentration")
    assert screen is not None, window.page_state("concentration")
    qtbot.waitUntil(lambda: screen.view is not None, timeout=30_000)
    wait_ops(30_000)
    yield window, screen, outcome
    window.close()
    session.close()
    shutil.rmtree(folder, ignore_errors=True)


def _save(window, qtbot, name: str) -> Path | None:
    qtbot.wait(150)  # let the chart's deferred draw and the layouts settle
    if not os.environ.get("RISKDESK_SCREENSHOTS"):
        return None
    DOCS.mkdir(exist_ok=True)
    path = DOCS / name
    assert window.grab().save(str(path))
    return path


def test_dashboard_on_the_demo_group(demo_window, qtbot):
    window, screen, outcome = demo_window
    assert window.size().width() == SIZE[0]
    assert screen.view.snapshot_id == outcome.snapshot_id
    screen.tabs.setCurrentIndex(screen.DASHBOARD)
    d = screen.dashboard
    counts = d.counts()
    assert counts["breach"] == outcome.result_json["summary"]["breach"]
    assert counts["warning"] == outcome.result_json["summary"]["warning"]
    assert screen.tabs.tabText(screen.DASHBOARD) == "限额仪表盘"
    assert screen.view.previous is not None and screen.view.previous["as_of"].isoformat() == "2024-12-31"
    _save(window, qtbot, "concentration-dashboard.png")


def test_drilldown_on_the_demo_group(demo_window, qtbot, wait_ops):
    window, screen, _ = demo_window
    d = screen.dashboard
    screen.tabs.setCurrentIndex(screen.DASHBOARD)
    first = d.proxy.index(0, 1)                       # the worst limit (a breach)
    row = d.model.row(d.proxy.mapToSource(first).row())
    assert row["status"] == "breach" and row["dimension"] == "counterparty_group"
    d._activated(first)
    wait_ops()
    drill = screen.dimension.drill
    assert drill.current_kind() == "members"
    assert drill.model.n > 1
    drill.all_button.click()
    wait_ops()
    qtbot.waitUntil(lambda: drill.model.n > 0, timeout=10_000)
    paths = drill.exposure_paths()
    assert any("→" in p for p in paths), paths          # some amounts came through a product
    assert "直接持有" in paths
    _save(window, qtbot, "concentration-drilldown.png")
