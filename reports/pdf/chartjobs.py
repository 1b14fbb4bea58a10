"""A report's charts drawn while its pages are laid out: `ChartJobs`.

matplotlib (imported, then drawing each chart) was a third of a board report's rendering, on one core while
the machine has more. Where a process can fork safely (Linux, no Qt in the process, no other Python thread),
`ChartJobs` forks a child at the start of the rendering that imports matplotlib, draws every chart of the
document to a PNG file in a private temporary folder and exits; the parent lays the pages out meanwhile and
reads the PNGs when it first draws a chart (the second layout pass). Anywhere else, or when the child fails,
each chart is drawn here when first needed, as before. Either way the PNG bytes are those of
`reports.charts.chart_png`, so the PDF is byte-identical.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from reports.model import ChartSpec


def can_fork() -> bool:
    """Forking is safe here: Linux (macOS frameworks and Windows do not fork), no Qt in the process (the GUI
    renders in its worker threads), and no other Python thread that could hold a lock the child needs."""
    return (sys.platform.startswith("linux") and hasattr(os, "fork") and "PySide6" not in sys.modules
            and threading.active_count() == 1)


class ChartJobs:
    """The PNG of each chart (spec, width and height in cm) of a document, by its index in `charts`."""

    def __init__(self, charts: list[tuple[ChartSpec, float, float]], dpi: int, parallel: bool | None = None):
        self.charts = charts
        self.dpi = dpi
        self._pngs: dict[int, bytes] = {}
        self._pid: int | None = None
        self._dir: Path | None = None
        if parallel is None:
            parallel = len(charts) > 1 and can_fork()
        if parallel:
            self._start()

    def _draw(self, i: int) -> bytes:
        from reports.charts import chart_png  # matplotlib: imported only where a chart is drawn
        spec, width_cm, height_cm = self.charts[i]
        return chart_png(spec, width_cm, height_cm, dpi=self.dpi, compress_level=1)

    def _start(self) -> None:
        folder = Path(tempfile.mkdtemp(prefix="riskdesk-charts-"))
        try:
            pid = os.fork()
        except OSError:
            shutil.rmtree(folder, ignore_errors=True)
            return
        if pid == 0:                                    # the child: draw, write, leave without cleanup
            status = 1
            try:
                for i in range(len(self.charts)):
                    part = folder / f"{i}.part"
                    part.write_bytes(self._draw(i))
                    os.replace(part, folder / f"{i}.png")
                status = 0
            finally:
                os._exit(status)                        # never return into the parent's code
        self._pid, self._dir = pid, folder

    def _collect(self) -> None:
        """Wait for the child once and take its PNGs; what it did not write is drawn here."""
        pid, folder = self._pid, self._dir
        self._pid = None
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
        for i in range(len(self.charts)):
            path = folder / f"{i}.png"
            if path.exists():
                self._pngs[i] = path.read_bytes()
        shutil.rmtree(folder, ignore_errors=True)

    def png(self, i: int) -> bytes:
        if self._pid is not None:
            self._collect()
        if i not in self._pngs:
            self._pngs[i] = self._draw(i)
        return self._pngs[i]

    def close(self) -> None:
        """Reap the child if no chart was drawn (an error during the layout)."""
        if self._pid is not None:
            self._collect()
