"""`python main.py --db PATH --screen concentration` opens on that screen, and the smoke mode's
`ready-seconds` line comes when the screen shows its data (the stored snapshot's limit dashboard)."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

ROOT = Path(__file__).resolve().parents[2]


def run_main(tmp_path, *args, timeout=120):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", RISKDESK_EXIT_AFTER_FIRST_PAINT="1",
               RISKDESK_SETTINGS_DIR=str(tmp_path / "settings"))
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


@pytest.mark.slow
def test_opens_on_the_concentration_screen_with_its_data(tmp_path):
    from core.concentration.snapshots import preview_import, store_snapshot
    from core.store import Store

    db = tmp_path / "history.sqlite3"
    store = Store.open(db)
    try:
        store_snapshot(store, preview_import(EXAMPLES / "small-group"), "tester", source="small-group")
    finally:
        store.close()
    p = run_main(tmp_path, "--db", str(db), "--user", "测试员", "--screen", "concentration")
    assert p.returncode == 0, p.stderr
    assert "Traceback" not in p.stderr, p.stderr
    lines = dict(line.split(": ", 1) for line in p.stderr.splitlines() if line.startswith("ready-"))
    assert lines["ready-screen"] == "concentration with data"
    assert float(lines["ready-seconds"]) > 0


def test_an_unknown_screen_is_refused_in_one_sentence(tmp_path):
    p = run_main(tmp_path, "--db", str(tmp_path / "h.sqlite3"), "--screen", "nowhere")
    assert p.returncode == 2
    assert "nowhere" in p.stderr and "concentration" in p.stderr and "Traceback" not in p.stderr
