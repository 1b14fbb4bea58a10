"""Render the rating screen for the documentation: `python -m ui.rating.screenshot docs/rating-screen.png`.

Offscreen, in Chinese, 1400×900, with a temporary database and temporary settings: last year's demo
self-assessment (resources/demo/rating-2024.json) and the regulator's result for it are saved, then this
year's input (rating-2025.json) is imported, so the comparison chart has both periods.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path


def render(out: Path, lang: str = "zh_CN", size: tuple[int, int] = (1400, 900)) -> Path:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = Path(tempfile.mkdtemp(prefix="riskdesk-shot-"))
    os.environ["RISKDESK_SETTINGS_DIR"] = str(tmp / "settings")

    from PySide6.QtCore import QCoreApplication

    from core.demo import demo_dir, demo_regulator_results
    from ui.app import create_application
    from ui.common import i18n, ops

    create_application()
    i18n.set_language(lang)
    from ui.rating.screen import RatingScreen
    from ui.session import Session

    session = Session(tmp / "history.sqlite", user="王芳")
    session.open_store()

    def settle(until=lambda: ops.running_count() == 0 and session.store_state != "opening", timeout=20.0):
        end = time.monotonic() + timeout
        while not until() and time.monotonic() < end:
            QCoreApplication.processEvents()
            time.sleep(0.01)
        for _ in range(20):
            QCoreApplication.processEvents()

    settle()
    screen = RatingScreen(session)
    screen.resize(*size)
    screen.import_file(demo_dir() / "rating-2024.json")
    settle()
    screen.save()
    for r in demo_regulator_results():
        if r.get("period") == "2024":
            screen.record_regulator(r["final_level"], r["received"], r.get("note"))
    screen.import_file(demo_dir() / "rating-2025.json")
    settle()
    screen.message("")
    screen.history.setCurrentIndex(0)
    screen.inputs.setCurrentIndex(0)
    screen.show()
    settle(lambda: False, timeout=0.5)
    out.parent.mkdir(parents=True, exist_ok=True)
    screen.grab().save(str(out))
    session.close()
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/rating-screen.png")
    print(render(target, *(sys.argv[2:3] or ["zh_CN"])))
