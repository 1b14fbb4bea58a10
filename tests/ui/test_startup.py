"""Start-up: `python main.py` paints and exits cleanly in the smoke mode; nothing heavy before the first paint."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("pandas", "numpy", "matplotlib", "sqlite_utils", "reportlab", "openpyxl")


def run_main(tmp_path, *args, timeout=120):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", RISKDESK_EXIT_AFTER_FIRST_PAINT="1",
               RISKDESK_SETTINGS_DIR=str(tmp_path / "settings"))
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


# Not marked slow (2-3 s): the one run of the real GUI start-up to its first paint outside CI.
def test_main_py_starts_paints_and_exits_cleanly(tmp_path):
    db = tmp_path / "history.sqlite3"
    p = run_main(tmp_path, "--db", str(db), "--user", "测试员")
    assert p.returncode == 0, p.stderr
    assert "Traceback" not in p.stderr, p.stderr
    lines = dict(line.split(": ", 1) for line in p.stderr.splitlines() if line.endswith(tuple("0123456789"))
                 and line.split(": ", 1)[0] in ("first-paint-seconds", "ready-seconds"))
    assert 0 < float(lines["first-paint-seconds"]) <= float(lines["ready-seconds"])
    assert db.exists()  # the store opened (and created) the file given with --db


@pytest.mark.slow
def test_main_py_demo_and_english_start_too(tmp_path):
    p = run_main(tmp_path, "--demo", "--lang", "en")
    assert p.returncode == 0, p.stderr
    assert "Traceback" not in p.stderr, p.stderr


def test_smoke_mode_fails_when_start_up_fails(tmp_path):
    """The smoke test can fail: a database path that cannot be created is reported with status 1."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    p = run_main(tmp_path, "--db", str(blocker / "sub" / "h.sqlite3"), "--user", "x")
    assert p.returncode == 1, p.stderr


def test_nothing_heavy_is_imported_before_the_first_paint(tmp_path):
    code = f"""
import os, sys
sys.path.insert(0, {str(ROOT)!r})
os.environ["RISKDESK_SETTINGS_DIR"] = {str(tmp_path)!r}
from ui.app import create_application, initial_language
app = create_application()
from ui.common import i18n
from ui.main_window import MainWindow
from ui.session import Session
i18n.set_language(initial_language(None))
window = MainWindow(Session(None, user="x"))
window.show()
app.processEvents()
print(",".join(m for m in {HEAVY!r} if m in sys.modules))
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    p = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                       timeout=60)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "", f"imported before the first paint: {p.stdout.strip()}"


def test_the_timing_counts_from_python_not_from_a_shell_that_exec_d_it(tmp_path):
    """`( python3 -m venv … && pip install … && python main.py )`: the subshell's process becomes Python by
    exec, so its start time in /proc is when the chain began. The start-up figures must not count the chain
    (2.5 s of sleep here stands for the install)."""
    code = "import time, ui.app; time.sleep(0.2); print(ui.app.seconds_since_process_start())"
    p = subprocess.run(["bash", "-c", f'sleep 2.5; exec "{sys.executable}" -c "{code}"'], cwd=ROOT,
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert 0.2 <= float(p.stdout) < 2.0


def test_the_timing_counts_the_interpreters_own_start(tmp_path):
    """A process started as Python: the figure is the time since the fork, interpreter start-up included."""
    code = "import time; time.sleep(0.3); import ui.app; print(ui.app.seconds_since_process_start())"
    p = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert float(p.stdout) >= 0.3
