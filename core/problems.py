"""Structured input problems: what is wrong with a file, where, and how bad.

Every reader in `core` reports bad input as `InputProblem` records (file, row, column, value, code)
instead of raising on the first error or composing sentences. Front-ends (`cli`, `ui`, `reports`) turn
the code and details into words through `wording.problems`.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, Iterable


class Severity(str, enum.Enum):
    ERROR = "error"      # the input is refused; nothing is stored
    WARNING = "warning"  # the input is accepted, but the user should look (e.g. totals do not reconcile)


@dataclass(frozen=True)
class InputProblem:
    """One problem in one place of an input.

    `row` is the 1-based line number a user sees in a spreadsheet or text editor for a tabular file
    (the header is row 1, the first data row is row 2); None for JSON or whole-file problems.
    `column` is the column header as written in the file, or a dotted JSON path
    (`dimension_scores.governance`). `code` is a stable machine code listed in `wording.problems`;
    `detail` carries the values the message needs (limits, the other id, ...).
    """

    code: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    value: Any = None
    detail: dict[str, Any] = field(default_factory=dict)
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class InputError(Exception):
    """Raised when an input has at least one error; carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[InputProblem]):
        self.problems: list[InputProblem] = list(problems)
        first = self.problems[0] if self.problems else None
        super().__init__(f"{len(self.problems)} input problem(s); first: {first}")

    @property
    def errors(self) -> list[InputProblem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[InputProblem]:
        return [p for p in self.problems if not p.is_error]


def raise_if_errors(problems: Iterable[InputProblem]) -> None:
    problems = list(problems)
    if any(p.is_error for p in problems):
        raise InputError(problems)
