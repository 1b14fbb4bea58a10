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
import pickle
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


_waiting: dict = {}     # a child forked ahead (`prestart`): pid, the pipe's write end, its folder, our pid


def prestart() -> None:
    """Fork the chart child now, where forking is safe, so that it imports matplotlib while the report is
    still being built; the next `ChartJobs` of this process sends it its charts. At most one waits; one
    never used reads the end of its pipe when this process exits, and leaves."""
    if _waiting and _waiting["parent"] == os.getpid():
        return
    if not can_fork():
        return
    started = _fork_child()
    if started is not None:
        _waiting.update(pid=started[0], pipe=started[1], dir=started[2], parent=os.getpid())


_children = 0          # chart children forked by this process so far


def _fork_child() -> tuple[int, int, Path] | None:
    """(pid, write end of its pipe, its folder) of a new chart child, or None when it cannot be forked. The
    child imports matplotlib, reads (charts, dpi) pickled from the pipe, writes chart i as i.png, exits.
    A process that renders again (a benchmark, a test run) imports matplotlib itself before its second
    child, which then inherits it: each child would otherwise import it anew."""
    global _children
    if _children and "reports.charts" not in sys.modules:
        import reports.charts  # noqa: F401 - once, for every later child
    _children += 1
    folder = Path(tempfile.mkdtemp(prefix="riskdesk-charts-"))
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        shutil.rmtree(folder, ignore_errors=True)
        return None
    if pid == 0:                                        # the child: draw, write, leave without cleanup
        status = 1
        try:
            os.close(write_end)
            # not the parent's standard streams: a caller reading them to their end (a script running the
            # command) must not wait for a child that outlives it (one forked ahead for an XLSX report)
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            import reports.charts  # noqa: F401 - the slow import, while the parent works
            with os.fdopen(read_end, "rb") as pipe:
                data = pipe.read()
            charts, dpi = pickle.loads(data) if data else ([], 0)
            for i, chart in enumerate(charts):
                part = folder / f"{i}.part"
                part.write_bytes(ChartJobs.draw(chart, dpi))
                os.replace(part, folder / f"{i}.png")
            status = 0
        finally:
            os._exit(status)                            # never return into the parent's code
    os.close(read_end)
    return pid, write_end, folder


class ChartJobs:
    """The PNG of each chart (spec, width and height in cm) of a document, by its index in `charts`."""

    def __init__(self, charts: list[tuple[ChartSpec, float, float]], dpi: int, parallel: bool | None = None):
        self.charts = charts
        self.dpi = dpi
        self._pngs: dict[int, bytes] = {}
        self._pid: int | None = None
        self._dir: Path | None = None
        if parallel is False or not charts:
            return                        # drawn here; a child forked ahead waits for another document
        waiting = _waiting.copy() if _waiting.get("parent") == os.getpid() else None
        _waiting.clear()
        if waiting is None and (parallel or (len(charts) > 1 and can_fork())):
            started = _fork_child()
            if started is not None:
                waiting = {"pid": started[0], "pipe": started[1], "dir": started[2]}
        if waiting:
            self._hand(waiting["pid"], waiting["pipe"], waiting["dir"], charts)

    def _hand(self, pid: int, pipe: int, folder: Path, charts: list) -> None:
        """Send the child its charts; it draws them while this process lays the pages out."""
        self._pid, self._dir = pid, folder
        try:
            with os.fdopen(pipe, "wb") as out:
                out.write(pickle.dumps((charts, self.dpi)))
        except OSError:
            pass                          # a child that is gone: its charts are drawn here

    @staticmethod
    def draw(chart: tuple[ChartSpec, float, float], dpi: int) -> bytes:
        from reports.charts import chart_png  # matplotlib: imported only where a chart is drawn
        spec, width_cm, height_cm = chart
        return chart_png(spec, width_cm, height_cm, dpi=dpi, compress_level=1)

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
            self._pngs[i] = self.draw(self.charts[i], self.dpi)
        return self._pngs[i]

    def close(self) -> None:
        """Reap the child if no chart was drawn (an error during the layout)."""
        if self._pid is not None:
            self._collect()
