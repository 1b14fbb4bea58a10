"""The self-contained bundle (issue 17): build it with scripts/build_bundle.py, then run it as an officer's
machine would — no project venv on PATH, PYTHONPATH unset, a fresh home folder — and check that the report,
the concentration command, the team database (PostgreSQL through the bundled psycopg and libpq) and the GUI do
exactly what `python main.py` does.

Slow (a PyInstaller build, about a minute on an idle 2-core machine): it builds once per session into a
temporary folder, so nothing lands in the repository's dist/ or build/.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests import pg_cluster
from tests.reports.pdf_check import assert_fonts_embedded, has, needs_poppler, pdf_text

ROOT = Path(__file__).resolve().parent.parent

# A throwaway PostgreSQL database for the team-database check (the fixtures of tests/pg_cluster.py; it fails, not
# skips, without PostgreSQL when CI=true).
pg_server = pg_cluster.pg_server
pg_url = pg_cluster.pg_url

# Linux only: the environment below (HOME decides where platformdirs puts the database) and the system PATH
# are Linux's; on Windows platformdirs asks the shell for the real user's folders, which a test must not touch.
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="CI builds and runs the Linux bundle")]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """The built bundle's executable. PyInstaller is in the test extra; without it the build script says so and
    this fails (not skips)."""
    out = tmp_path_factory.mktemp("bundle")
    done = subprocess.run([sys.executable, "scripts/build_bundle.py", "--dist", str(out / "dist"),
                           "--work", str(out / "work")], cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stdout + done.stderr
    exe = out / "dist" / "riskdesk" / "riskdesk"
    assert exe.is_file(), done.stdout
    return exe


@pytest.fixture
def home(tmp_path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def officer_env(home: Path, **extra: str) -> dict:
    """An environment like a fresh user account's: system PATH only (no venv, no Python of ours), no
    PYTHONPATH or PYTHONHOME, HOME pointing at an empty folder (so data and settings go to its user folders)."""
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TMPDIR": str(home)}
    env.update(extra)
    return env


def run_bundle(exe: Path, args: list[str], home: Path, timeout: int = 300, **extra: str):
    # cwd outside the repository: the bundle must not find main.py or resources/ of a checkout
    return subprocess.run([str(exe), *args], cwd=home, env=officer_env(home, **extra), capture_output=True,
                          text=True, encoding="utf-8", timeout=timeout)


def run_source(args: list[str], cwd: Path):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", timeout=300, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))


DIGEST = re.compile(r"[0-9a-f]{12,64}")
WORD = re.compile(r'<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="[0-9.]+" yMax="[0-9.]+">([^<]*)</word>')


def placed_words(pdf: Path) -> list[list[tuple]]:
    """Per page, every word with where it is drawn (poppler's pdftotext -bbox), sorted; a line that shows a
    digest of the run's own records (the chain head in the footer, which moves with its width) is left out:
    two runs of the demo, frozen or not, record different digests."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True).stdout
    pages = []
    for page in out.decode("utf-8").split("<page ")[1:]:
        words = [(float(x), float(y), text) for x, y, text in WORD.findall(page)]
        digest_lines = {y for _, y, text in words if DIGEST.search(text)}
        pages.append(sorted((round(x, 1), round(y, 1), t) for x, y, t in words if y not in digest_lines))
    return pages


def test_no_venv_or_python_path_reaches_the_bundle(bundle, home):
    env = officer_env(home)
    assert "PYTHONPATH" not in env and "VIRTUAL_ENV" not in env
    assert str(Path(sys.executable).parent) not in env["PATH"].split(os.pathsep)
    done = run_bundle(bundle, ["--help"], home)
    assert done.returncode == 0, done.stderr
    assert "subcommands" in done.stdout


@needs_poppler
def test_semiannual_report_from_the_bundle_is_the_one_main_py_makes(bundle, home, tmp_path):
    pdf = home / "semiannual.pdf"
    done = run_bundle(bundle, ["report", "semiannual", "--demo", "--period", "2025H1", "--out", str(pdf)], home)
    assert done.returncode == 0, done.stdout + done.stderr
    text = pdf_text(pdf)
    for words in ("澄川保险集团股份有限公司", "集中度风险半年度评估报告", "2025年上半年", "董事会"):
        assert has(text, words), words
    assert_fonts_embedded(pdf)
    # The same report as a source run: every word at the same place on the same page (the layout depends on
    # the fonts and code found at run time, so this shows that the bundle found the right ones).
    reference = tmp_path / "source.pdf"
    src = run_source(["report", "semiannual", "--demo", "--period", "2025H1", "--out", str(reference)], tmp_path)
    assert src.returncode == 0, src.stderr
    frozen, source = placed_words(pdf), placed_words(reference)
    assert len(frozen) == len(source)
    for number, (a, b) in enumerate(zip(frozen, source), start=1):
        assert a == b, f"page {number} differs"


def test_concentration_on_the_demo_folder_matches_main_py(bundle, home):
    data = home / "demo"
    done = run_bundle(bundle, ["demo", "--out", str(data)], home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (data / "exposures.csv").is_file()
    done = run_bundle(bundle, ["concentration", str(data), "--json"], home)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["as_of"] == "2025-06-30"
    assert result["summary"]["breach"] > 0            # the demo group has breaches to show
    src = run_source(["concentration", str(data), "--json"], home)
    assert src.returncode == 0, src.stderr
    assert result == json.loads(src.stdout)


def test_bad_input_gets_the_same_clear_message_and_status(bundle, home):
    missing = home / "no-such-folder"
    frozen = run_bundle(bundle, ["concentration", str(missing), "--json"], home)
    source = run_source(["concentration", str(missing), "--json"], home)
    assert frozen.returncode == source.returncode == 2
    assert frozen.stderr == source.stderr
    assert "Traceback" not in frozen.stderr


def test_gui_reaches_its_first_paint_with_the_database_in_the_user_data_folder(bundle, home):
    done = run_bundle(bundle, ["--user", "officer"], home, timeout=180, QT_QPA_PLATFORM="offscreen",
                      RISKDESK_EXIT_AFTER_FIRST_PAINT="1")
    # status 0 also means the after-paint work (store opened, first screen loaded) succeeded (ui.app)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = dict(line.partition(": ")[::2] for line in done.stderr.splitlines() if ": " in line)
    assert float(lines["first-paint-seconds"]) > 0
    assert "ready-seconds" in lines
    # platformdirs' user data folder: outside the bundle, so replacing the bundle leaves the history alone
    assert (home / ".local" / "share" / "RiskDesk" / "riskdesk.sqlite3").is_file()
    assert not list(bundle.parent.rglob("*.sqlite3"))


def test_the_bundle_reaches_the_team_database_with_the_libpq_it_carries(bundle, home, pg_url):
    # PSYCOPG_IMPL=binary: psycopg must load psycopg_binary, whose libpq (and OpenSSL, Kerberos...) the bundle
    # carries. Without it psycopg would fall back quietly to its pure-Python wrapper over the machine's libpq,
    # which this machine has (PostgreSQL is installed for the tests) and an officer's desktop does not.
    binary = {"PSYCOPG_IMPL": "binary"}
    demo = ROOT / "resources" / "demo" / "2025-06-30"
    done = run_bundle(bundle, ["import", str(demo), "--db", pg_url, "--json"], home, **binary)
    assert done.returncode == 0, done.stdout + done.stderr
    frozen = run_bundle(bundle, ["db", "verify", pg_url, "--json"], home, **binary)
    assert frozen.returncode == 0, frozen.stdout + frozen.stderr
    result = json.loads(frozen.stdout)
    assert result["ok"] and result["entries"] > 0 and not result["problems"]
    # the same history read by a source run: the same entries and chain head
    source = run_source(["db", "verify", pg_url, "--json"], home)
    assert source.returncode == 0, source.stdout + source.stderr
    assert json.loads(source.stdout) == result
    # the libpq loaded is the bundle's own copy (psycopg_binary's, under a hashed name), not a system one
    assert list((bundle.parent / "_internal").rglob("libpq-*.so*"))
    # a server that is not there: one sentence, no traceback, as from main.py
    gone = "postgresql://officer@/riskdesk?host=/nonexistent-socket-dir"
    frozen = run_bundle(bundle, ["db", "verify", gone], home, **binary)
    source = run_source(["db", "verify", gone], home)
    assert frozen.returncode == source.returncode != 0
    assert frozen.stdout + frozen.stderr == source.stdout + source.stderr
    assert "Traceback" not in frozen.stdout + frozen.stderr
