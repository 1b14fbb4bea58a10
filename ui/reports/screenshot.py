"""Render the reports screen for the documentation: `python -m ui.reports.screenshot docs/reports-screen.png`.

Offscreen, in Chinese, 1400×900, a temporary database with the demo group and temporary settings: the
officer's conclusions for 2025H1 are saved, the semiannual report of 2025H1 is generated into the temporary
folder and its first pages are shown.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

CONCLUSIONS = (
    "一、2025年上半年，集团集中度风险总体可控，40项限额中34项处于正常状态，4项触及预警值，2项超过限额。\n\n"
    "二、再保险分出集中度上升较快，对单一再保险人的分出占比已超过内部限额，建议于三季度末前通过增加分入方、"
    "调整分保结构压降至限额以内。\n\n"
    "三、建议董事会风险管理委员会审议本报告，并督促相关成员公司按期完成整改。")


def render(out: Path, lang: str = "zh_CN", size: tuple[int, int] = (1400, 900)) -> Path:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = Path(tempfile.mkdtemp(prefix="riskdesk-shot-"))
    os.environ["RISKDESK_SETTINGS_DIR"] = str(tmp / "settings")

    from core.demo import load_demo
    from core.store import Store
    from ui.app import create_application
    from ui.common import i18n, ops
    from ui.common.screenshot import save_picture
    from ui.common.screenshot import settle as _settle

    db = tmp / "history.sqlite"
    store = Store.open(db)
    try:
        load_demo(store)
    finally:
        store.close()

    create_application()
    i18n.set_language(lang)
    from ui import settings
    from ui.reports.jobs import FOLDER_KEY
    from ui.reports.screen import ReportsScreen
    from ui.session import Session

    reports = tmp / "报告"
    reports.mkdir()
    settings.write(FOLDER_KEY, str(reports))
    session = Session(db, user="王芳")
    session.open_store()

    def settle(until=None, timeout=60.0):
        _settle(session, until, timeout)

    settle()
    screen = ReportsScreen(session)
    screen.resize(*size)
    screen.show()
    settle()
    screen.set_kind("semiannual")
    screen.set_period("2025H1")
    panel = screen.panel("conclusions")
    if not panel.history:  # the demo's own conclusions when it has them
        panel.editor.setPlainText(CONCLUSIONS)
        screen.save_text(panel)
    screen.generate(str(reports / "2025年上半年集中度风险报告.pdf"))
    settle(lambda: not screen.busy and ops.running_count() == 0)
    panel.editor.moveCursor(panel.editor.textCursor().MoveOperation.Start)
    return save_picture(screen, session, out)


if __name__ == "__main__":
    from ui.common.screenshot import main

    main(render, "docs/reports-screen.png")
