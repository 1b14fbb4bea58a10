"""Chinese line breaking (禁则) for reportlab's CJK paragraphs.

reportlab's `wordWrap="CJK"` breaks between any two characters and keeps only a short list of closing
marks off a line's start: full-width ，；：？！ were missing, so board papers had lines starting with "，",
lines ending with "（", and units and dates split from their numbers ("（亿/元）", "2025年9月30/日").

`cjk_frag_split` replaces reportlab's `cjkFragSplit` (installed by `install()`, called from
reports.pdf.styles): the same greedy fill, then the break is moved so that

* a closing mark never starts a line (it hangs in the margin; two at most, e.g. "）。");
* an opening bracket or quote never ends a line (it goes to the next line);
* a number is never split from itself or from the unit or date word after it (5.25%, 123.46 亿元 keeps
  "123.46 亿元" together unless the run is longer than a line, 2025年9月30日), nor an ASCII word.

If no such point exists within 24 characters back, the plain break is kept (progress first).
"""
from __future__ import annotations

from reportlab.platypus import paragraph as _rl

CANNOT_START = set("，。、；：？！）》」』】〕〉”’…%‰·．,.;:?!)]}》") | set(_rl.ALL_CANNOT_START)
CANNOT_END = set("（《「『【〔〈“‘([{")
UNITS = set("年月日时分秒亿万千百元个项家笔号%‰倍次天")
NUMBER = set("0123456789.,")
MAX_BACK = 24   # an ASCII code such as DIP-IAM01-2023-05 is kept whole


def _word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "._-/%")


def _together(a: str, b: str) -> bool:
    """Whether a line may not break between `a` and `b`."""
    if _word(a) and _word(b):
        return True                    # inside a number or an ASCII word or code
    if a in NUMBER and b in UNITS:
        return True                    # 30日, 5%, 2,376个
    if a in NUMBER and b == " ":
        return True                    # "123.46 亿元": the space before a unit
    if a == " " and b in UNITS:
        return True
    if a in "年月" and b in NUMBER:
        return True                    # 2025年6月30日 stays whole
    if a in UNITS and b in UNITS and a in "亿万千百" and b == "元":
        return True
    return False


def _break_at(U, start: int, b: int) -> int:
    """The index the next line starts at, moved from the plain break `b` by the rules above."""
    ch = lambda k: str(U[k]) if 0 <= k < len(U) else ""   # noqa: E731
    # a closing mark may not start the next line: hang it (at most two)
    hung = 0
    while b < len(U) and ch(b) in CANNOT_START and hung < 2 and b > start:
        b += 1
        hung += 1
    if hung:
        return b
    best = b
    k = b
    while k > start + 1 and b - k < MAX_BACK:
        if ch(k - 1) in CANNOT_END or _together(ch(k - 1), ch(k)):
            k -= 1
            continue
        return k
    return best


def cjk_frag_split(frags, maxWidths, calcBounds, encoding="utf8"):
    """reportlab.platypus.paragraph.cjkFragSplit with the rules of this module."""
    U = []
    for f in frags:
        text = f.text
        if isinstance(text, bytes):
            text = text.decode(encoding)
        if text:
            U.extend([_rl.cjkU(t, f, encoding) for t in text])
        else:
            U.append(_rl.cjkU(text, f, encoding))

    def width(u, max_width):
        w = u.width
        if hasattr(w, "normalizedValue"):
            w._normalizer = max_width
            w = w.normalizedValue(max_width)
        return w

    lines = []
    i = line_start = 0
    used = 0
    max_width = maxWidths[0]
    n = len(U)
    while i < n:
        u = U[i]
        i += 1
        used += width(u, max_width)
        line_break = hasattr(u.frag, "lineBreak")
        if not ((used > max_width + _rl._FUZZ and used > 0) or line_break):
            continue
        if line_break:
            end = i
        else:
            end = _break_at(U, line_start, i - 1)
            if end <= line_start:
                end = i          # a single character wider than the line: progress first
        w = sum(width(U[k], max_width) for k in range(line_start, end))
        lines.append(_rl.makeCJKParaLine(U[line_start:end], max_width, w, max_width - w, line_break, calcBounds))
        max_width = _line_width(maxWidths, len(lines))
        line_start = i = end
        used = 0
    if line_start < n:
        w = sum(width(U[k], max_width) for k in range(line_start, n))
        lines.append(_rl.makeCJKParaLine(U[line_start:], max_width, w, max_width - w, False, calcBounds))
    return _rl.ParaLines(kind=1, lines=lines)


def _line_width(max_widths, line: int) -> float:
    """The width line number `line` may take: reportlab gives one per line, the last for every line after."""
    return max_widths[line] if line < len(max_widths) else max_widths[-1]


def word_split(word, maxWidths, fontName, fontSize, encoding="utf8"):
    """reportlab.lib.textsplit.wordSplit (a one-style paragraph) with the rules of this module:
    [[extra space, line text], ...]."""
    from reportlab.lib.textsplit import getCharWidths

    text = word.decode(encoding) if isinstance(word, bytes) else word
    widths = getCharWidths(text, fontName, fontSize)
    if not isinstance(maxWidths, (list, tuple)):
        maxWidths = [maxWidths]
    lines = []
    i = line_start = 0
    used = 0.0
    max_width = maxWidths[0]
    n = len(text)
    while i < n:
        used += widths[i]
        i += 1
        if not (used > max_width + _rl._FUZZ and used > 0):
            continue
        end = _break_at(text, line_start, i - 1)
        if end <= line_start:
            end = i
        w = sum(widths[line_start:end])
        lines.append([max_width - w, text[line_start:end]])
        max_width = _line_width(maxWidths, len(lines))
        line_start = i = end
        used = 0.0
    if line_start < n:
        lines.append([max_width - sum(widths[line_start:]), text[line_start:]])
    return lines


def install() -> None:
    """Make reportlab's CJK paragraphs break lines by these rules (idempotent)."""
    _rl.cjkFragSplit = cjk_frag_split
    _rl.wordSplit = word_split
