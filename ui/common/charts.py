"""A matplotlib chart widget for screens: `ChartWidget` (a Figure on a FigureCanvasQTAgg).

matplotlib costs about half a second to import, so it is imported when the first chart is built, not when
this module is; screens that show charts are themselves loaded only when first opened. Never pyplot: its
global figure manager and event loop integration do not belong in a Qt application.

    chart = ChartWidget(self)
    ax = chart.figure.add_subplot()
    ax.barh(names, ratios)
    chart.draw()

The bundled Noto Sans SC is registered with matplotlib so Chinese labels render (the machine may have no
CJK font): the same registration as the report charts' (`reports.charts.register_font`), so the files are
added once.

matplotlib is not thread-safe and report charts are drawn in worker threads (reports.charts, through
run_op). The canvas therefore draws, and `save_png` saves, holding `reports.charts.DRAW_LOCK`, the lock the
report charts hold. Building a figure (`chart.figure.add_subplot()`, `ax.barh(...)`) only touches the
figure's own objects and reads the rcParams, which nothing changes after `configure_matplotlib` (report
charts set their style per figure); the shared font manager and text layout caches are used when drawing.
"""
from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

_configured = False
_canvas_class = None


def configure_matplotlib() -> None:
    """Register the bundled fonts and make them the default (once per process, under the draw lock: the
    rcParams are shared with drawings in other threads)."""
    global _configured
    if _configured:
        return
    from matplotlib import rcParams

    from reports.charts import DRAW_LOCK, register_font

    with DRAW_LOCK:
        if _configured:
            return
        family = register_font()
        rcParams["font.family"] = family
        rcParams["font.sans-serif"] = [family, "DejaVu Sans"]
        rcParams["axes.unicode_minus"] = False  # the ASCII hyphen, in case a font lacks U+2212
        _configured = True


def canvas_class():
    """FigureCanvasQTAgg drawing under `reports.charts.DRAW_LOCK` (made on first use: matplotlib is imported
    lazily). Every draw goes through `draw()`: at once, or from `draw_idle()` and the paint event."""
    global _canvas_class
    if _canvas_class is None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        from reports.charts import DRAW_LOCK

        class LockedCanvas(FigureCanvasQTAgg):
            def draw(self):
                with DRAW_LOCK:
                    super().draw()

        _canvas_class = LockedCanvas
    return _canvas_class


class ChartWidget(QWidget):
    """A QWidget holding one matplotlib Figure; `figure` to draw on, `draw()` to repaint."""

    def __init__(self, parent: QWidget | None = None, *, figsize: tuple[float, float] = (6.0, 4.0),
                 dpi: int = 100):
        super().__init__(parent)
        configure_matplotlib()
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=figsize, dpi=dpi, layout="constrained")
        self.canvas = canvas_class()(self.figure)
        self.canvas.setParent(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)

    def clear(self) -> None:
        self.figure.clear()

    def draw(self) -> None:
        """Repaint after changing the figure (deferred to the next event loop pass)."""
        self.canvas.draw_idle()

    def save_png(self, path, dpi: int = 200) -> None:
        from reports.charts import DRAW_LOCK

        with DRAW_LOCK:  # savefig draws on a canvas of its own, not through the canvas's draw()
            self.figure.savefig(path, dpi=dpi, format="png")
