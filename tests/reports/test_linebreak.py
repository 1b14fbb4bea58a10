"""Chinese line breaking (禁则) in the PDF: no line starts with a closing mark or ends with an opening
bracket, numbers stay with their units, dates and codes stay whole (reports.pdf.linebreak)."""
from __future__ import annotations

import subprocess

from reportlab.lib.textsplit import wordSplit as reportlab_word_split

from reports.pdf.fonts import FONT, register_fonts
from reports.pdf.linebreak import word_split

SIZE = 10.5
CLOSING, OPENING = "，。；：、）》」%", "（《「“"


def _lines(split, text, width):
    return [t for _space, t in split(text, width, FONT, SIZE)]


def _violations(lines):
    return [x for x in lines if x and (x[0] in CLOSING or x[-1] in OPENING)]


def test_no_closing_mark_starts_a_line_and_no_opening_bracket_ends_one():
    register_fonts()
    text = "截至2025年6月30日，本集团集中度风险限额42项中超限3项、预警3项（上期末2024年12月31日：超限0项、预警3项）。" * 3
    bad_before = bad_after = 0
    for width in range(120, 420, 3):     # every width a line of this text may have
        bad_before += len(_violations(_lines(reportlab_word_split, text, width)))
        after = _lines(word_split, text, width)
        assert "".join(after) == text
        bad_after += len(_violations(after))
    assert bad_before > 0        # reportlab alone breaks the rules (so this test can fail)
    assert bad_after == 0


def test_numbers_units_dates_and_codes_stay_whole():
    register_fonts()
    text = "集团损失 60.34 亿元，占净资产的 53.31%，截至2025年9月30日，资产DIP-IAM01-2023-05占比最高。" * 2
    for width in range(200, 400, 2):    # a body line or a wide cell: each run fits on a line of its own
        lines = _lines(word_split, text, width)
        for a, b in zip(lines, lines[1:]):
            assert not (a[-1:].isdigit() and b[:1] in "亿万元%日月年"), (a, b)
            assert not (a[-1:].isdigit() and b[:1].isdigit()), (a, b)
            assert not (a.endswith("DIP-IAM01-") or a.endswith("DIP-") or a.endswith("DIP-IAM01-2023-")), (a, b)


def test_the_demo_board_report_obeys_the_rules(demo_semiannual_pdf):
    """The demo's board report, made once for the session (tests/conftest.py); its lines as pdftotext lays
    them out (with the line breaks, unlike the whitespace-free text the fixture keeps)."""
    text = subprocess.run(["pdftotext", demo_semiannual_pdf.path, "-"], capture_output=True, text=True,
                          check=True).stdout
    lines = [x.strip() for x in text.splitlines() if x.strip()]
    assert _violations(lines) == []
