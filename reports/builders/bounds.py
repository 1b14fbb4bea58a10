"""How much of a long listing a board paper lists one by one, and references to a table by its number.

A report read by a board must stay readable whatever the size of the group: at a million exposures the
semiannual report had 340 items in breach or warning, listed four times over (107 pages). Each listing now
names the most severe few and counts the rest, saying where they are (`wording.listings`); tables keep
every row in the model, so the XLSX version lists them all, and the PDF shows the first `Table.shown`.

The bounds are chosen above what the demo group has (7 items in breach or warning, 42 limits, 3 breaches
and 3 breach cases to ask about, 11 member limits without a parent), so that the demo's reports are unchanged.

A sentence that points to a table by number ("见表6") is written with `table_ref(caption)`, a token the
builder resolves once the document is whole (`resolve_table_refs`): the renderer numbers captioned tables
in reading order, so the number is known only then.
"""
from __future__ import annotations

import re

from reports.format import chinese_numeral
from reports.model import Note, Paragraph, Section, Table, walk_blocks

SUMMARY_ROWS = 10      # the executive summary's table of items in breach or warning: the most severe
LISTING_ROWS = 50      # a section's table of limits (PDF; XLSX all)
FLAGGED_ROWS = 25      # section 四's table of items in breach or warning, the most severe (PDF; XLSX all)
CASE_NOTES = 10        # the register's record of an item, one note each: the most severe
NAMED = 10             # items named one by one in a sentence (breaching limits, register gaps)
ASKS = 5               # breach cases the summary asks the board about one by one (the page must hold them)
IDS = 20               # limit ids listed in a sentence
APPENDIX_ROWS = 50     # the appendix's limit definitions, those of the limits section 四 lists (PDF; XLSX all)

_REF = re.compile(r"\x00(table|section):([^\x00]*)\x00")


def table_ref(caption: str) -> str:
    """A token standing for the number of the table captioned `caption` (resolved by `resolve_table_refs`)."""
    return f"\x00table:{caption}\x00"


def section_ref(caption: str) -> str:
    """A token for the numeral (四) of the top-level section holding the table captioned `caption`."""
    return f"\x00section:{caption}\x00"


def resolve_table_refs(doc) -> None:
    """Replace every `table_ref` / `section_ref` token in the document's paragraphs, notes and table `rest`
    sentences by the table's number as the renderer gives it (captioned tables numbered in reading order)
    and its section's numeral. A caption that no table has raises ValueError (a dangling reference)."""
    numbers: dict[str, int] = {}
    sections: dict[str, str] = {}
    n = 0
    for i, top in enumerate(list(doc.sections) + list(doc.appendix), start=1):
        for table in _tables(top):
            if table.caption:
                n += 1
                numbers.setdefault(table.caption, n)
                sections.setdefault(table.caption, chinese_numeral(i) if i <= len(doc.sections) else "")

    def sub(text: str | None) -> str | None:
        if not text or "\x00" not in text:
            return text

        def one(m: re.Match) -> str:
            kind, caption = m.group(1), m.group(2)
            if caption not in numbers:
                raise ValueError(f"a sentence refers to table {caption!r}, which the report does not have")
            return str(numbers[caption]) if kind == "table" else sections[caption]
        return _REF.sub(one, text)

    def walk(block) -> None:
        if isinstance(block, Section):
            for b in block.blocks:
                walk(b)
        elif isinstance(block, (Paragraph, Note)):
            block.text = sub(block.text) or ""
        elif isinstance(block, Table):
            block.rest = sub(block.rest)

    for s in list(doc.sections) + list(doc.appendix):
        walk(s)


def _tables(section: Section):
    return (block for _, block in walk_blocks(section) if isinstance(block, Table))


def status_counts_of(statuses) -> dict[str, int]:
    """{status: how many} of a sequence of row statuses."""
    out: dict[str, int] = {}
    for s in statuses:
        out[s] = out.get(s, 0) + 1
    return out
