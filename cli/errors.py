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


def add_header_row_argument(p) -> None:
    """`--header-row FILE=N` (repeatable): the officer says on which row a file's header is, when it was not
    found in the first rows (a long title above it); FILE is the file (`exposures.csv`) or the workbook's
    sheet (`风险暴露`, or as problems name it, `book.xlsx[风险暴露]`)."""
    p.add_argument("--header-row", action="append", default=[], metavar="FILE=N", dest="header_row",
                   help="read FILE (a CSV file or a workbook sheet) with its header on row N (repeatable)")


def add_data_arguments(p) -> None:
    """What a command that reads a group's data as given takes: DATA (a data folder or workbook), the
    rows its files' headers are on (`--header-row`) and the language of its problems (`--lang`)."""
    p.add_argument("data", metavar="DATA", help="the data folder or .xlsx workbook")
    add_header_row_argument(p)
    add_lang_argument(p)


def header_rows(values: list[str], lang: str) -> dict[str, int] | str:
    """{file: row} of the --header-row options, or the sentence saying which one is malformed."""
    out: dict[str, int] = {}
    for v in values or []:
        name, sep, row = str(v).rpartition("=")
        if not sep or not name.strip() or not row.strip().isdigit() or int(row) < 1:
            return say("bad_header_row", lang, value=v)
        out[name.strip()] = int(row)
    return out


def header_row_hint(problems: Iterable[InputProblem], lang: str, stream: TextIO | None = None) -> None:
    """After the problems, one line per file whose header seems not found (the header row was only guessed,
    or several required columns are missing from the row read as the header): how to give its row."""
    rows: dict[str, int] = {}
    missing: dict[str, int] = {}
    guessed: set[str] = set()
    for p in problems:
        if p.file and p.row is not None and p.code in ("header_row_guess", "missing_column"):
            rows.setdefault(p.file, p.row)
            missing[p.file] = missing.get(p.file, 0) + (p.code == "missing_column")
            if p.code == "header_row_guess":
                guessed.add(p.file)
    for file, row in rows.items():
        if file in guessed or missing[file] >= 2:
            print(say("header_row_hint", cli_lang(lang), file=file, row=row), file=stream or sys.stderr)


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


def refuse_data(problems: Iterable[InputProblem], lang: str) -> int:
    """The data was refused: every problem (errors first), then how to give a header row where one seems not
    found; returns the exit status for bad input."""
    err = InputError(problems)
    status = report_input_error(err, lang=lang)
    header_row_hint(err.problems, lang)
    return status


def fail(message: str, stream: TextIO | None = None) -> int:
    """A bad-input ending that is not tied to one file cell (e.g. an unknown rulebook name)."""
    print(message, file=stream or sys.stderr)
    return EXIT_BAD_INPUT


def store_failure(err, path: object, stream: TextIO | None = None, lang: str = "en") -> int:
    """A database that is busy, full, read-only, unreadable or not RiskDesk's: its sentence (wording.store)
    on stderr and exit status 2; nothing was written (every store write is one transaction)."""
    from core.store.pg import is_url, redact
    from wording.store import store_error_sentence

    if is_url(path):                    # the team database: never print its password
        path = redact(str(path))
    detail = {**getattr(err, "detail", {}), "path": str(path)}
    lang = cli_lang(lang)
    text = store_error_sentence(getattr(err, "code", ""), detail, lang)
    print(text or say("database_unusable", lang, path=path, code=getattr(err, "code", err)), file=stream or sys.stderr)
    return EXIT_BAD_INPUT
