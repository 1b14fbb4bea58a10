"""The import template (issue 16, "下载模板"): every sheet the importer reads, headed by the columns it accepts
(from the reader's own tables), an instructions sheet; filled in as an officer would (rows typed under its
headers, nothing else changed), it imports to the same data as the CSV folder."""
from __future__ import annotations

import csv

import openpyxl
import pytest

from core.concentration.importer import SPECS, load_group_data, read_group_data
from core.concentration.tabular import HEADER_ALIASES, canonical_header, norm_header
from core.concentration.template import template_sheets, write_template
from tests.conftest import EXAMPLES
from tests.core.test_import_formats import assert_same
from wording.import_template import template_words
from wording.problems import describe

SMALL = EXAMPLES / "small-group"


def rows_of(name: str) -> list[list[str]]:
    with open(SMALL / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_template_has_every_sheet_and_column_and_instructions(tmp_path, lang):
    path = write_template(tmp_path / "template.xlsx", lang, template_words(lang))
    wb = openpyxl.load_workbook(path)
    words = template_words(lang)
    assert wb.sheetnames[0] == words["instructions_sheet"]
    for sheet in template_sheets(lang):
        ws = wb[sheet.sheet]
        headers = [c.value for c in ws[1]]
        assert [canonical_header(h) for h in headers] == list(SPECS[sheet.name].columns)
        assert ws.max_row == 1                                      # headers only: nothing to delete first
        for cell, col in zip(ws[1], sheet.columns):
            assert cell.font.b == col.required                      # required columns bold
            for other in HEADER_ALIASES[col.canon]:                  # the note lists the other accepted names
                if norm_header(other) != norm_header(cell.value):
                    assert other in cell.comment.text
    text = "\n".join(str(v) for row in wb[words["instructions_sheet"]].iter_rows(values_only=True) for v in row if v)
    for needle in (("万元", "YYYY-MM-DD", "是", "偿付能力充足率", "solvency_ratio", "fixed_income", "固定收益类")
                   if lang == "zh" else ("万元", "YYYY-MM-DD", "solvency_ratio", "偿付能力充足率", "fixed_income")):
        assert needle in text
    assert "{" not in text                                           # every fact filled in


def test_an_empty_template_lacks_only_data(tmp_path):
    """Every sheet and column is found: the only problem is that nothing was filled in."""
    path = write_template(tmp_path / "t.xlsx", "zh", template_words("zh"))
    r = load_group_data(path)
    assert [p.code for p in r.problems] == ["group_rows"], [describe(p, "zh") for p in r.problems]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_filled_template_imports_like_the_csv_folder(tmp_path, lang):
    path = write_template(tmp_path / "t.xlsx", lang, template_words(lang))
    wb = openpyxl.load_workbook(path)
    for sheet in template_sheets(lang):
        if sheet.name == "business":
            continue
        ws = wb[sheet.sheet]
        rows = rows_of(sheet.name)
        at = {canon: j for j, canon in enumerate(canonical_header(c.value) for c in ws[1])}
        for r in rows[1:]:
            line = [None] * ws.max_column
            for h, v in zip(rows[0], r):
                line[at[h]] = v if v != "" else None
            ws.append(line)
    del wb[template_sheets(lang)[-1].sheet]            # the optional business sheet left out
    wb.save(path)
    r = load_group_data(path)
    assert r.ok, [describe(p) for p in r.problems]
    assert_same(r.data, read_group_data(SMALL))
