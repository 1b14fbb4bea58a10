"""How every subcommand ends on bad input: the problems on stderr, exit status 2, nothing written."""
from __future__ import annotations

import sys
from typing import Iterable, TextIO

from core.problems import InputError, InputProblem
from wording.problems import describe

EXIT_BAD_INPUT = 2
MAX_SHOWN = 50  # a broken 1,000,000-row file must not flood the terminal


def print_problems(problems: Iterable[InputProblem], stream: TextIO | None = None) -> None:
    stream = stream or sys.stderr
    problems = list(problems)
    for p in problems[:MAX_SHOWN]:
        print(describe(p, "en"), file=stream)
    if len(problems) > MAX_SHOWN:
        print(f"... and {len(problems) - MAX_SHOWN} more problems", file=stream)


def report_input_error(err: InputError, stream: TextIO | None = None) -> int:
    """Print every problem of `err` (errors first) and return the exit status for bad input."""
    ordered = err.errors + err.warnings
    print_problems(ordered, stream)
    return EXIT_BAD_INPUT


def fail(message: str, stream: TextIO | None = None) -> int:
    """A bad-input ending that is not tied to one file cell (e.g. an unknown rulebook name)."""
    print(message, file=stream or sys.stderr)
    return EXIT_BAD_INPUT
