"""Run `main.py` subcommands in the test process: `main.main(argv)` with stdout and stderr captured.

A subprocess costs an interpreter start and the imports of pandas, reportlab and friends each time (seconds
on the 2-core machine); the subcommands are plain functions of their arguments, so the tests call them.
Each CLI test file keeps at least one real subprocess run, which is what a user types.
"""
from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from dataclasses import dataclass

from tests.conftest import ROOT


@dataclass
class Result:
    """What a finished command left: the shape of subprocess.CompletedProcess that the tests read."""
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args) -> Result:
    """`python main.py ARGS…` in process. argparse's own exits (bad or missing arguments) count as the
    exit status they carry; any other exception propagates, so a traceback fails the test loudly."""
    from main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            if not isinstance(exc.code, (int, type(None))):
                print(exc.code, file=sys.stderr)
    return Result(code, out.getvalue(), err.getvalue())


def run_subprocess(*args, timeout: float = 300) -> subprocess.CompletedProcess:
    """`python main.py ARGS…` as a user runs it, from the repository root."""
    return subprocess.run([sys.executable, "main.py", *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)
