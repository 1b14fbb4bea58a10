"""Lint and types as part of the test command: ruff on the whole repository (pyflakes, bugbear, import order,
complexity) and mypy on core/ and wording/, both configured in pyproject.toml. A finding fails the suite with
the tools' own output, so it names file, line and rule."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    # the interpreter running the tests: the venv's ruff and mypy, as the test extra installs them
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, input=stdin, capture_output=True, text=True,
                          timeout=300)


def test_ruff_finds_nothing():
    run = _run("ruff", "check", "--no-fix", "--output-format", "concise", ".")
    assert run.returncode == 0, f"ruff check . found:\n{run.stdout}{run.stderr}"


def test_mypy_finds_nothing_in_core_and_wording():
    run = _run("mypy")   # the files and settings: [tool.mypy] in pyproject.toml
    assert run.returncode == 0, f"mypy found:\n{run.stdout}{run.stderr}"


def test_the_checks_bite(tmp_path):
    """The configuration is read and the rules are on: an unused import, a closure over a loop variable and
    a str given where an int is declared are each found (else the two tests above could pass on nothing)."""
    code = "import os\n\n\ndef f(xs):\n    return [lambda: x for x in xs]\n"
    ruff = _run("ruff", "check", "--no-fix", "--output-format", "concise", "--stdin-filename", "core/probe.py",
                "-", stdin=code)
    assert ruff.returncode == 1 and "F401" in ruff.stdout and "B023" in ruff.stdout, ruff.stdout + ruff.stderr
    probe = tmp_path / "probe.py"
    probe.write_text("def f(n: int) -> int:\n    return n\n\n\nf('1')\n", encoding="utf-8")
    mypy = _run("mypy", str(probe))
    assert mypy.returncode == 1 and "arg-type" in mypy.stdout, mypy.stdout + mypy.stderr
