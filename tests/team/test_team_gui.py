"""The GUI on the team database: `main.py --db postgresql://…` opens the limit dashboard on the stored
snapshot, as on a file (a real process, offscreen, in the smoke mode that exits after the first paint)."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from core.store.pgcopy import copy_history
from tests.conftest import ROOT


@pytest.mark.slow     # seconds of PostgreSQL and processes: CI runs it (tests/conftest.py)
def test_the_dashboard_opens_on_the_team_database(demo_db_master, pg_url, tmp_path):
    src = sqlite3.connect(str(demo_db_master))
    try:
        copy_history(src, pg_url)
    finally:
        src.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", RISKDESK_EXIT_AFTER_FIRST_PAINT="1",
               XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "main.py", "--db", pg_url, "--screen", "concentration"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert "ready-screen: concentration with data" in done.stdout + done.stderr
