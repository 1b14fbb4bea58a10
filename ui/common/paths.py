"""Where the bundled resources live (fonts, translations, icons), relative to the source checkout."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
FONTS = RESOURCES / "fonts"
I18N = RESOURCES / "i18n"
ICONS = RESOURCES / "icons"
