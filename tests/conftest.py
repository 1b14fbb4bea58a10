"""Test-wide setup: headless Qt (must be set before any QApplication exists) and shared paths."""
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = SHARED / "examples"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
