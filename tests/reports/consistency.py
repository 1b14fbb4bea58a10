"""The consistency check of issue 9: every percentage and amount a report's prose prints is a value of the
report's own model, formatted by the one formatter (wording.numbers), and the claims that compare figures
(the largest share, the top-N total and its previous figure) say what their table says.

`problems(doc)` returns sentences naming each disagreement; an empty list is a consistent report. Prose is
every Paragraph and Note; the parts a block marks as quoted from a record (`quotes`: an officer's analysis,
a plan, audit findings) are the record's words and are left out. The model's values are the cells (and
total rows) of its tables and its key figures, formatted as the renderer shows them.
"""
from __future__ import annotations

import re

from reports.format import parse_format
from reports.model import Chart, KeyFigures, Note, Paragraph, Section, Table
from wording import numbers as W

PERCENT = re.compile(r"(?<![\d.,])(-?\d{1,3}(?:,\d{3})*(?:\.\d+)?)%")
AMOUNT = re.compile(r"(?<![\d.,])(-?\d{1,3}(?:,\d{3})*(?:\.\d+)?) ?(亿元|万元)")
LARGEST = re.compile(r"([^；。，：]+?)占比最高，占([^；。]+?)的 (-?[\d,.]+%)")
TOP_N = re.compile(r"前(\d+)名合计占比 (-?[\d,.]+%)(?:，上述\d+名上期合计占比 (-?[\d,.]+%))?")


def _values(value, spec) -> set[str]:
    """The strings a cell's value may appear as in prose: as shown in the table, and with a unit."""
    f = parse_format(spec)
    out: set[str] = set()
    if value is None or isinstance(value, str) or isinstance(value, bool):
        return out
    try:
        W.to_decimal(value)
    except TypeError:
        return out
    if f.kind == "percent":
        out.add(W.percent(value, f.decimals))
        out.add(W.percent(value, 2))
    elif f.kind == "amount":
        out.add(W.amount(value, f.unit, f.decimals))
        out.add(W.amount(value, "亿元", 2))
        out.add(W.amount(value, "万元", 2))
    elif f.kind == "number":
        out.add(W.number(value, f.decimals) + "%")    # a ratio shown as a number of points
    out.discard("")
    return out


def model_values(doc) -> set[str]:
    found: set[str] = set()

    def walk(block):
        if isinstance(block, Section):
            for b in block.blocks:
                walk(b)
        elif isinstance(block, Table):
            for row in list(block.rows) + ([block.total_row] if block.total_row is not None else []):
                for col, v in zip(block.columns, row):
                    found.update(_values(v, col.format))
        elif isinstance(block, KeyFigures):
            for f in block.items:
                found.update(_values(f.value, f.format))
        elif isinstance(block, Chart):
            pass   # a chart shows a table's values; it adds none

    for s in list(doc.sections) + list(doc.appendix):
        walk(s)
    return found


def prose(doc) -> list[tuple[str, str, set]]:
    """(section title, text without its quoted parts, the values the block declares it cites) of every
    Paragraph and Note, in reading order."""
    out = []

    def walk(block, title):
        if isinstance(block, Section):
            for b in block.blocks:
                walk(b, block.title)
        elif isinstance(block, (Paragraph, Note)):
            text = block.text
            for q in block.quotes:
                text = text.replace(q, "«引文»")
            cited = set()
            for value, spec in getattr(block, "figures", ()):
                cited |= _values(value, spec)
            out.append((title, text, cited))

    for s in list(doc.sections) + list(doc.appendix):
        walk(s, s.title)
    return out


def _tables_by_section(doc) -> dict[str, list[Table]]:
    out: dict[str, list[Table]] = {}
    for title, t in doc.tables():
        out.setdefault(title, []).append(t)
    return out


def _column(table: Table, title: str) -> int | None:
    return next((i for i, c in enumerate(table.columns) if c.title == title), None)


def problems(doc) -> list[str]:
    values = model_values(doc)
    out = []
    tables = _tables_by_section(doc)
    for title, text, cited in prose(doc):
        for m in PERCENT.finditer(text):
            if m.group(0) not in values | cited:
                out.append(f"{title}: {m.group(0)} in “{text[:60]}…” is no value of the report")
        for m in AMOUNT.finditer(text):
            shown = f"{m.group(1)} {m.group(2)}"
            if shown not in values | cited:
                out.append(f"{title}: {shown} in “{text[:60]}…” is no value of the report")
        # claims that compare figures must say what the section's table says
        for t in tables.get(title, []):
            share = _column(t, "占比")
            if share is None:
                continue
            name_col = 1
            rows = [r for r in t.rows if r[share] is not None]
            for m in LARGEST.finditer(text):
                top = max(rows, key=lambda r: r[share])
                if m.group(3) != W.percent(top[share]) or not m.group(1).endswith(str(top[name_col])):
                    out.append(f"{title}: says {m.group(1)} is the largest at {m.group(3)}, the table has "
                               f"{top[name_col]} at {W.percent(top[share])}")
            for m in TOP_N.finditer(text):
                total = t.total_row
                if total is None:
                    continue
                if m.group(2) != W.percent(total[share]):
                    out.append(f"{title}: top-{m.group(1)} share {m.group(2)}, the table's total {W.percent(total[share])}")
                prev = _column(t, "上期占比")
                if m.group(3) and prev is not None and m.group(3) != W.percent(total[prev]):
                    out.append(f"{title}: previous top-{m.group(1)} share {m.group(3)}, the table's "
                               f"{W.percent(total[prev])}")
    return out
