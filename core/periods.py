"""Reporting periods: parse codes such as ``2025H1``, ``2025Q3`` or ``2025`` and give their first/last day.

Pure domain (no Qt, no words): a bad code raises `PeriodError`, a `ValueError` that carries a stable
`code` (``bad_period`` or ``period_out_of_range``) so front-ends can word it through `wording`, and which
turns into an `InputProblem` when the period came from a file.

Accepted forms, case- and space-insensitive: ``YYYY`` (the year), ``YYYYH1``/``YYYYH2`` (half years),
``YYYYQ1``..``YYYYQ4`` (quarters), ``YYYYM01``..``YYYYM12`` (months); a ``-`` between the year and the
part is tolerated (``2025-H1``) because spreadsheets often show it that way.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from core.problems import InputProblem

# Years outside this range are almost always typos (2205, 202) rather than real reporting periods.
MIN_YEAR = 1990
MAX_YEAR = 2100

_PATTERN = re.compile(r"^(\d{4})(?:-?([HQM])(\d{1,2}))?$")
_PARTS = {"H": 2, "Q": 4, "M": 12}  # how many periods of each kind fit in a year
_MONTHS_PER = {"H": 6, "Q": 3, "M": 1}


class PeriodError(ValueError):
    """A period code that cannot be used; `code` is a stable machine code, `value` the text given."""

    def __init__(self, code: str, value: object, **detail):
        self.code = code
        self.value = value
        self.detail = detail
        super().__init__(f"{code}: {value!r}")

    def to_problem(self, file: str | None = None, row: int | None = None, column: str | None = None) -> InputProblem:
        return InputProblem(code=self.code, file=file, row=row, column=column, value=self.value, detail=dict(self.detail))


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period. `kind` is ``Y`` (whole year), ``H``, ``Q`` or ``M``; `index` is 1-based (1 for ``Y``)."""

    year: int
    kind: str = "Y"
    index: int = 1

    @property
    def code(self) -> str:
        """The canonical code, e.g. ``2025H1``, ``2025Q3``, ``2025M06``, ``2025``."""
        if self.kind == "Y":
            return f"{self.year}"
        if self.kind == "M":
            return f"{self.year}M{self.index:02d}"
        return f"{self.year}{self.kind}{self.index}"

    @property
    def start(self) -> date:
        if self.kind == "Y":
            return date(self.year, 1, 1)
        return date(self.year, (self.index - 1) * _MONTHS_PER[self.kind] + 1, 1)

    @property
    def end(self) -> date:
        if self.kind == "Y":
            return date(self.year, 12, 31)
        month = self.index * _MONTHS_PER[self.kind]
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        return self.code


def parse_period(text: object) -> Period:
    """Parse a period code; raises `PeriodError` (a ValueError) with code ``bad_period`` or ``period_out_of_range``."""
    if isinstance(text, Period):
        return text
    if isinstance(text, int) and not isinstance(text, bool):
        text = str(text)
    if not isinstance(text, str):
        raise PeriodError("bad_period", text)
    m = _PATTERN.match(text.strip().upper().replace(" ", ""))
    if not m:
        raise PeriodError("bad_period", text)
    year = int(m.group(1))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError("period_out_of_range", text, min=MIN_YEAR, max=MAX_YEAR)
    kind = m.group(2)
    if kind is None:
        return Period(year)
    index = int(m.group(3))
    if not 1 <= index <= _PARTS[kind]:
        raise PeriodError("period_out_of_range", text, min=1, max=_PARTS[kind])
    return Period(year, kind, index)


def period_bounds(text: object) -> tuple[date, date]:
    """First and last day of the period, both inclusive: ``period_bounds("2025H1") == (date(2025, 1, 1), date(2025, 6, 30))``."""
    p = parse_period(text)
    return p.start, p.end
