"""Helpers of the screens' documentation renderers (`python -m ui.<screen>.screenshot out.png`): wait, with
the event loop running, until the background work is done, so that the picture shows the finished screen."""
from __future__ import annotations

import time
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
