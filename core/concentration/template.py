"""The import template ("下载模板"): a workbook with one sheet per data file, headed by the columns the
importer reads, and an instructions sheet (units, dates, flags, codes, what is required).

Everything in it comes from the reader's own tables — the files and sheet names (`importer.SPECS`), the
accepted headers (`tabular.HEADER_ALIASES`), the codes of the choice columns and their Chinese spellings
(the importer's alias tables) — so the template cannot drift from what the importer accepts; a template
filled in imports as it is. The words (what a column means, the rules) are the caller's (`wording.
import_template`), as everywhere in core; every cell goes through `core.safe_export`, the one writer.

`template_sheets(lang)` is the model (sheets, columns, kinds, names, codes); `write_template(path, lang,
words)` writes the workbook.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from core.concentration.importer import (
    ASSET_CLASS_ALIASES,
    BASIS_ALIASES,
    BUSINESS_KIND_ALIASES,
    DIMENSION_ALIASES,
    KEY_ALL_ALIASES,
    KIND_ALIASES,
    REQUIRED_FILES,
    RULE_ALIASES,
    SCOPE_GROUP_ALIASES,
    SPECS,
)
from core.concentration.model import ALL_KEYS, ASSET_CLASSES, BASES, DIMENSIONS, GROUP_SCOPE, MEMBER_KINDS
from core.concentration.tabular import (
    AMOUNT_UNITS,
    FALSE_WORDS,
    MAX_ID_LENGTH,
    MAX_NAME_LENGTH,
    TRUE_WORDS,
    accepted_headers,
    norm_header,
    preferred_header,
)
from core.safe_export import safe_append, safe_cell

# The kind of value of each column (the instructions say what each kind accepts). A column not listed is an
# id or code (text). `kind` is a choice of member kinds in members, of premium/ceded in business.
AMOUNT_COLUMNS = frozenset({"total_assets", "net_assets", "actual_capital", "minimum_capital", "amount"})
RATIO_COLUMNS = frozenset({"solvency_ratio", "warning", "limit"})
FLAG_COLUMNS = frozenset({"related_party", "exempt", "overseas", "on_balance", "exempt_single_asset",
                          "exempt_counterparty", "exempt_asset_class"})
CHOICE_COLUMNS: dict[tuple[str, str], tuple[tuple[str, ...], dict[str, str]]] = {
    ("members", "kind"): (MEMBER_KINDS, KIND_ALIASES),
    ("business", "kind"): (("premium", "ceded"), BUSINESS_KIND_ALIASES),
    ("exposures", "asset_class"): (ASSET_CLASSES, ASSET_CLASS_ALIASES),
    ("limits", "dimension"): (DIMENSIONS, DIMENSION_ALIASES),
    ("limits", "basis"): (BASES, BASIS_ALIASES),
    ("limits", "rule"): (("equity_solvency_tier",), RULE_ALIASES),
}
SHEET_ORDER = ("group", "members", "counterparties", "exposures", "limits", "business")


def column_kind(sheet: str, canon: str) -> str:
    """'amount' (元 unless the header says a unit), 'ratio', 'flag', 'date', 'choice', 'name' or 'id'."""
    if canon in AMOUNT_COLUMNS:
        return "amount"
    if canon in RATIO_COLUMNS:
        return "ratio"
    if canon in FLAG_COLUMNS:
        return "flag"
    if canon == "as_of":
        return "date"
    if (sheet, canon) in CHOICE_COLUMNS:
        return "choice"
    return "name" if canon == "name" else "id"


@dataclass(frozen=True)
class TemplateColumn:
    canon: str                  # the English name of docs/interfaces.md
    header: str                 # as written in the template's sheet (in its language, an amount with 元)
    header_zh: str
    required: bool
    kind: str                   # column_kind
    accepted: tuple[str, ...]   # every header the reader takes for it
    codes: tuple[tuple[str, tuple[str, ...]], ...]   # a choice column: (code, its other spellings)


@dataclass(frozen=True)
class TemplateSheet:
    name: str                   # the file name without .csv, the English sheet name
    sheet: str                  # the sheet's name in the template (its language)
    accepted: tuple[str, ...]   # every sheet name (or CSV file name without .csv) the reader takes
    required: bool
    columns: tuple[TemplateColumn, ...]


def _spellings(code: str, aliases: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(a for a, c in aliases.items() if c == code and a != norm_header(code))


def template_sheets(lang: str = "zh") -> list[TemplateSheet]:
    """The template's data sheets, in the order a group's data is usually filled in."""
    chinese = lang != "en"
    out = []
    for name in SHEET_ORDER:
        spec = SPECS[name]
        cols = []
        for canon in spec.columns:
            kind = column_kind(name, canon)
            header = preferred_header(canon, chinese)
            if kind == "amount":     # the unit said, so nobody has to guess it (no unit would mean 元 too)
                header += "（元）" if chinese else " (元)"
            codes: tuple[tuple[str, tuple[str, ...]], ...] = ()
            if kind == "choice":
                choices, aliases = CHOICE_COLUMNS[(name, canon)]
                codes = tuple((c, _spellings(c, aliases)) for c in choices)
            cols.append(TemplateColumn(canon, header, preferred_header(canon, True), canon in spec.required, kind,
                                       accepted_headers(canon), codes))
        chinese_names = [a for a in spec.aliases if not a.isascii()]
        sheet = chinese_names[0] if chinese and chinese_names else name
        out.append(TemplateSheet(name, sheet, (name,) + spec.aliases, name in REQUIRED_FILES, tuple(cols)))
    return out


# limits: the scope and key columns take these words besides member ids and dimension keys
SCOPE_WORDS = (GROUP_SCOPE,) + tuple(sorted(SCOPE_GROUP_ALIASES - {GROUP_SCOPE}))
KEY_ALL_WORDS = (ALL_KEYS,) + tuple(sorted(KEY_ALL_ALIASES - {ALL_KEYS}))


def rule_facts() -> dict[str, str]:
    """The reader's facts the instructions quote (fields of the rule lines): units, flag spellings, the words
    for the group scope and for all keys, the longest id and name."""
    return {"units": "、".join(u for u in AMOUNT_UNITS if not u.isascii()),
            "true_words": "、".join(w for w in TRUE_WORDS if w != "1.0"),
            "false_words": "、".join(w for w in FALSE_WORDS if w != "0.0"),
            "scope_words": "、".join(SCOPE_WORDS), "key_words": "、".join(KEY_ALL_WORDS),
            "max_id": str(MAX_ID_LENGTH), "max_name": str(MAX_NAME_LENGTH)}


def write_template(path: str | Path, lang: str, words: Mapping[str, Any]) -> Path:
    """Write the template workbook to `path` (.xlsx): the instructions sheet first, then one sheet per data
    file with its header row (required columns bold, a note on each header with its other accepted names).

    `words` (wording.import_template.template_words(lang)): "instructions_sheet", "title", "rules" (lines),
    "table_headings" (sheet, column, English name, other names, required, content, meaning), "codes_title",
    "codes_headings" (column, code, other spellings), "yes", "no", "optional_sheet", "kinds" {kind: text},
    "meanings" {canon: text}, "note" (the header note, with {names} and {kind}).
    """
    from openpyxl import Workbook  # noqa: PLC0415 - only when a template is written
    from openpyxl.comments import Comment  # noqa: PLC0415
    from openpyxl.styles import Alignment, Font, PatternFill  # noqa: PLC0415

    sheets = template_sheets(lang)
    wb = Workbook()
    info = wb.active
    info.title = words["instructions_sheet"]
    bold = Font(bold=True)
    heading_fill = PatternFill("solid", fgColor="DCE6F1")
    safe_cell(info, 1, 1, words["title"]).font = Font(bold=True, size=14)
    row = 2
    facts = rule_facts()
    for line in words["rules"]:
        row += 1
        safe_cell(info, row, 1, line.format(**facts)).alignment = Alignment(wrap_text=False)
    row += 2
    for j, h in enumerate(words["table_headings"], start=1):
        c = safe_cell(info, row, j, h)
        c.font, c.fill = bold, heading_fill
    for s in sheets:
        for col in s.columns:
            row += 1
            sheet_text = s.sheet if s.required else f"{s.sheet}（{words['optional_sheet']}）"
            values = [sheet_text, col.header_zh, col.canon,
                      "、".join(a for a in col.accepted if a not in (col.canon, col.header_zh)),
                      words["yes"] if col.required else words["no"], words["kinds"][col.kind],
                      words["meanings"].get(col.canon, "")]
            for j, v in enumerate(values, start=1):
                safe_cell(info, row, j, v)
    row += 2
    safe_cell(info, row, 1, words["codes_title"]).font = bold
    row += 1
    for j, h in enumerate(words["codes_headings"], start=1):
        c = safe_cell(info, row, j, h)
        c.font, c.fill = bold, heading_fill
    for s in sheets:
        for col in s.columns:
            for code, spellings in col.codes:
                row += 1
                for j, v in enumerate((f"{s.sheet} › {col.header}", code, "、".join(spellings)), start=1):
                    safe_cell(info, row, j, v)
    for letter, width in zip("ABCDEFG", (22, 18, 22, 40, 8, 30, 60)):
        info.column_dimensions[letter].width = width

    for s in sheets:
        ws = wb.create_sheet(s.sheet)
        safe_append(ws, [c.header for c in s.columns])
        for j, col in enumerate(s.columns, start=1):
            cell = ws.cell(row=1, column=j)
            cell.font = Font(bold=col.required, italic=not col.required)
            cell.fill = heading_fill
            others = [a for a in col.accepted if norm_header(a) != norm_header(col.header)]
            cell.comment = Comment(words["note"].format(names="、".join(others), kind=words["kinds"][col.kind]),
                                   "RiskDesk", width=300, height=120)
            ws.column_dimensions[cell.column_letter].width = max(14, 2 * len(col.header) + 4)
        ws.freeze_panes = "A2"
    out = Path(path)
    wb.save(out)
    return out
