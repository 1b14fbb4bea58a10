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


def store_failure(err, path: object, stream: TextIO | None = None) -> int:
    """A database that is busy, full, read-only, unreadable or not RiskDesk's: its sentence (wording.store)
    on stderr and exit status 2; nothing was written (every store write is one transaction)."""
    from wording.store import store_error_sentence

    detail = {**getattr(err, "detail", {}), "path": str(path)}
    text = store_error_sentence(getattr(err, "code", ""), detail, "en")
    print(text or f"{path}: the database cannot be used ({getattr(err, 'code', err)})", file=stream or sys.stderr)
    return EXIT_BAD_INPUT
