"""Register the bundled Noto Sans SC with reportlab, once per process.

The machine has no CJK font and reportlab's built-in CID fonts (STSong-Light) are not embedded, so
every style uses this TrueType font; reportlab embeds a subset of it in each PDF (`pdffonts` shows
"emb yes, sub yes"). Registration parses a ~10 MB file, hence done lazily and only once.
"""
from __future__ import annotations

import threading
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
REGULAR_FILE = FONT_DIR / "NotoSansSC-Regular.ttf"
BOLD_FILE = FONT_DIR / "NotoSansSC-Bold.ttf"

FONT = "NotoSansSC"
FONT_BOLD = "NotoSansSC-Bold"

_lock = threading.Lock()


def register_fonts() -> tuple[str, str]:
    """Register regular and bold (and the family, so <b> in paragraphs picks the bold file); idempotent."""
    with _lock:
        registered = pdfmetrics.getRegisteredFontNames()
        if FONT not in registered:
            pdfmetrics.registerFont(TTFont(FONT, str(REGULAR_FILE)))
        if FONT_BOLD not in registered:
            pdfmetrics.registerFont(TTFont(FONT_BOLD, str(BOLD_FILE)))
        # No italic face exists for CJK; <i> falls back to the upright faces rather than to Helvetica.
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
        addMapping(FONT, 0, 0, FONT)
        addMapping(FONT, 1, 0, FONT_BOLD)
        addMapping(FONT, 0, 1, FONT)
        addMapping(FONT, 1, 1, FONT_BOLD)
    return FONT, FONT_BOLD
