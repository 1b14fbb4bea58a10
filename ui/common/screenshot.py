"""Helpers of the screens' documentation renderers (`python -m ui.<screen>.screenshot out.png`): wait, with
the event loop running, until the background work is done, so that the picture shows the finished screen;
save the picture; the command line of a renderer."""
from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Callable


def settle(session, until: Callable[[], bool] | None = None, timeout: float = 20.0) -> None:
    """Process events until `until()` holds (default: no operation running and the store not opening) or
    `timeout` seconds have passed, then a few more rounds so that what the results set up gets painted."""
    from PySide6.QtCore import QCoreApplication

    from ui.common import ops

    def idle() -> bool:
        return ops.running_count() == 0 and session.store_state != "opening"

    end = time.monotonic() + timeout
    while not (until or idle)() and time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    for _ in range(20):
        QCoreApplication.processEvents()


def save_picture(screen, session, out: Path) -> Path:
    """Let the last paints happen, save `screen` as the PNG `out` (its folder made), close the session."""
    settle(session, lambda: False, timeout=0.5)
    out.parent.mkdir(parents=True, exist_ok=True)
    screen.grab().save(str(out))
    session.close()
    return out


def main(render: Callable[..., Path], default: str) -> None:
    """`python -m ui.<screen>.screenshot [OUT.png [LANG]]`: render and print where the picture went."""
    target = Path(sys.argv[1] if len(sys.argv) > 1 else default)
    print(render(target, *(sys.argv[2:3] or ["zh_CN"])))
