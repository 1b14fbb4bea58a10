"""How every subcommand ends on bad input: the problems on stderr, exit status 2, nothing written."""
from __future__ import annotations

import sys
from typing import Iterable, TextIO

from core.problems import InputError, InputProblem
from wording.cli_texts import cli_lang, say
from wording.problems import describe

EXIT_BAD_INPUT = 2
MAX_SHOWN = 50  # a broken 1,000,000-row file must not flood the terminal


def add_lang_argument(p) -> None:
    """`--lang zh|en`: the language of what the command prints for people (Chinese by default, as the GUI);
    --json output stays language-neutral."""
    p.add_argument("--lang", choices=("zh", "en", "zh_CN"), default="zh",
                   help="language of messages and problems: zh (default, Chinese) or en")


def print_problems(problems: Iterable[InputProblem], stream: TextIO | None = None, lang: str = "en") -> None:
    stream = stream or sys.stderr
    problems = list(problems)
    lang = cli_lang(lang)
    for p in problems[:MAX_SHOWN]:
        print(describe(p, lang), file=stream)
    if len(problems) > MAX_SHOWN:
        print(say("more_problems", lang, n=len(problems) - MAX_SHOWN), file=stream)


def report_input_error(err: InputError, stream: TextIO | None = None, lang: str = "en") -> int:
    """Print every problem of `err` (errors first) and return the exit status for bad input."""
    ordered = err.errors + err.warnings
    print_problems(ordered, stream, lang)
    return EXIT_BAD_INPUT


def fail(message: str, stream: TextIO | None = None) -> int:
    """A bad-input ending that is not tied to one file cell (e.g. an unknown rulebook name)."""
    print(message, file=stream or sys.stderr)
    return EXIT_BAD_INPUT


def store_failure(err, path: object, stream: TextIO | None = None, lang: str = "en") -> int:
    """A database that is busy, full, read-only, unreadable or not RiskDesk's: its sentence (wording.store)
    on stderr and exit status 2; nothing was written (every store write is one transaction)."""
    from wording.store import store_error_sentence

    detail = {**getattr(err, "detail", {}), "path": str(path)}
    lang = cli_lang(lang)
    text = store_error_sentence(getattr(err, "code", ""), detail, lang)
    print(text or say("database_unusable", lang, path=path, code=getattr(err, "code", err)), file=stream or sys.stderr)
    return EXIT_BAD_INPUT
