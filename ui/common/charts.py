"""A matplotlib chart widget for screens: `ChartWidget` (a Figure on a FigureCanvasQTAgg).

matplotlib costs about half a second to import, so it is imported when the first chart is built, not when
this module is; screens that show charts are themselves loaded only when first opened. Never pyplot: its
global figure manager and event loop integration do not belong in a Qt application.

    chart = ChartWidget(self)
    ax = chart.figure.add_subplot()
    ax.barh(names, ratios)
    chart.draw()

The bundled Noto Sans SC is registered with matplotlib so Chinese labels render (the machine may have no
CJK font).
"""
from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

_configured = False


def configure_matplotlib() -> None:
    """Register the bundled fonts and make them the default (once per process)."""
    global _configured
    if _configured:
        return
    from matplotlib import font_manager, rcParams

    from ui.common.fonts import BOLD, FAMILY, REGULAR

    for path in (REGULAR, BOLD):
        font_manager.fontManager.addfont(str(path))
    rcParams["font.family"] = FAMILY
    rcParams["font.sans-serif"] = [FAMILY, "DejaVu Sans"]
    rcParams["axes.unicode_minus"] = False  # the ASCII hyphen, in case a font lacks U+2212
    _configured = True


class ChartWidget(QWidget):
    """A QWidget holding one matplotlib Figure; `figure` to draw on, `draw()` to repaint."""

    def __init__(self, parent: QWidget | None = None, *, figsize: tuple[float, float] = (6.0, 4.0),
                 dpi: int = 100):
        super().__init__(parent)
        configure_matplotlib()
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=figsize, dpi=dpi, layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
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
        self.figure.savefig(path, dpi=dpi, format="png")
