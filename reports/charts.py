"""Draw a `ChartSpec` with matplotlib: into any `Figure` (the GUI can pass its canvas's figure) or to PNG bytes.

Only the object API (`Figure`, `Axes`): pyplot keeps global state and would pick a GUI backend. The
bundled Noto Sans SC is added to matplotlib's font manager once and selected per drawing through an
`rc_context`, so the process-wide rcParams stay untouched. PNGs are written by the Agg canvas with the
"Software" tag removed, so the same spec always gives the same bytes.
"""
from __future__ import annotations

import io
import threading
from pathlib import Path

import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import Formatter
from PIL import Image

from reports.format import STATUS_COLOURS, format_value, parse_format, to_unit
from reports.model import ChartSpec

FONT_DIR = Path(__file__).resolve().parents[1] / "resources" / "fonts"
FAMILY = "Noto Sans SC"
PALETTE = ["#1F4E79", "#5B9BD5", "#A5A5A5", "#ED7D31", "#70AD47", "#FFC000", "#7F6084"]
CM = 1 / 2.54

_lock = threading.Lock()
_registered = False


def register_font() -> str:
    """Add the bundled font files to matplotlib's font manager (once) and return the family name."""
    global _registered
    with _lock:
        if not _registered:
            for name in ("NotoSansSC-Regular.ttf", "NotoSansSC-Bold.ttf"):
                font_manager.fontManager.addfont(str(FONT_DIR / name))
            _registered = True
    return FAMILY


def rc() -> dict:
    """rcParams for report charts; use with `matplotlib.rc_context(rc())` around drawing *and* saving."""
    return {
        "font.family": [register_font()],
        "font.size": 9,
        "axes.unicode_minus": False,  # an ASCII hyphen-minus: never a missing-glyph box
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.edgecolor": "#8A96A3",
        "axes.titleweight": "bold",
        "axes.titlesize": 10.5,
        "svg.hashsalt": "riskdesk",
        "path.simplify": True,
    }


class _ValueAxisFormatter(Formatter):
    """Value-axis ticks in the chart's format, with as few decimals as the tick values need (0, 1 or 2).

    Amounts are shown in their unit (亿元/万元) and percentages from fractions, like the table beside the chart.
    """

    def __init__(self, value_format: str):
        self.spec = parse_format(value_format)

    def _fmt(self, decimals: int) -> str:
        f = self.spec
        if f.kind == "percent":
            return f"percent:{decimals}"
        if f.kind == "amount":
            return f"amount:{f.unit}:{decimals}"
        return f"number:{decimals}"

    def _scaled(self, v: float) -> float:
        f = self.spec
        if f.kind == "percent":
            return v * 100
        if f.kind == "amount":
            return float(to_unit(v, f.unit))
        return v

    def format_ticks(self, values):
        for decimals in (0, 1, 2):
            if all(abs(self._scaled(v) * 10**decimals - round(self._scaled(v) * 10**decimals)) < 1e-6 for v in values):
                break
        return [format_value(v, self._fmt(decimals)) for v in values]

    def __call__(self, x, pos=None):
        return self.format_ticks([x])[0]


def draw_chart(fig: Figure, spec: ChartSpec) -> None:
    """Draw `spec` into `fig` (cleared first). Call inside `matplotlib.rc_context(rc())`; the figure should
    use ``layout="constrained"`` (the legend is placed outside the axes, below the plot)."""
    fig.clear()
    ax = fig.add_subplot(1, 1, 1)
    n = len(spec.categories)
    positions = list(range(n))
    label_fmt = lambda v: format_value(v, spec.value_format)  # noqa: E731 - bar labels keep full precision
    axis_fmt = _ValueAxisFormatter(spec.value_format)
    horizontal = spec.kind == "barh"

    def clean(values):
        return [0.0 if v is None else float(v) for v in values]

    if spec.kind in ("bar", "barh", "grouped_bar"):
        k = len(spec.series)
        group = 0.8
        width = group / k
        for i, series in enumerate(spec.series):
            offset = -group / 2 + width * (i + 0.5) if k > 1 else 0.0
            where = [p + offset for p in positions]
            if k == 1 and spec.bar_status:
                # Only exceptions get a status colour; "ok" bars keep the house colour so red/amber stand out.
                colour = [STATUS_COLOURS[s] if s in ("warning", "breach") else PALETTE[0] for s in spec.bar_status]
            else:
                colour = PALETTE[i % len(PALETTE)]
            values = clean(series.values)
            if horizontal:
                bars = ax.barh(where, values, height=width * 0.92, color=colour, label=series.name, zorder=2)
            else:
                bars = ax.bar(where, values, width=width * 0.92, color=colour, label=series.name, zorder=2)
            if spec.show_values:
                labels = ["" if v is None else label_fmt(v) for v in series.values]
                ax.bar_label(bars, labels=labels, padding=2, fontsize=7 if k > 1 else 7.5, color="#333333")
    else:  # line
        for i, series in enumerate(spec.series):
            xs = [p for p, v in zip(positions, series.values) if v is not None]
            ys = [float(v) for v in series.values if v is not None]
            ax.plot(xs, ys, marker="o", markersize=3.5, linewidth=1.6, color=PALETTE[i % len(PALETTE)],
                    label=series.name, zorder=3)
            if spec.show_values and len(spec.series) == 1:
                for x, y in zip(xs, ys):
                    ax.annotate(label_fmt(y), (x, y), textcoords="offset points", xytext=(0, 5),
                                ha="center", fontsize=7.5, color="#333333")

    for t in spec.thresholds:
        colour = STATUS_COLOURS.get(t.status, "#C62828")
        line = ax.axvline if horizontal else ax.axhline
        line(t.value, color=colour, linestyle="--", linewidth=1.1, zorder=4,
             label=t.label or None)

    cat_axis, val_axis = (ax.yaxis, ax.xaxis) if horizontal else (ax.xaxis, ax.yaxis)
    if horizontal:
        ax.set_yticks(positions, list(spec.categories))
        ax.invert_yaxis()  # first category on top, as in the table beside it
        ax.grid(axis="x", color="#E3E7EC", linewidth=0.8, zorder=0)
    else:
        ax.set_xticks(positions, list(spec.categories))
        ax.grid(axis="y", color="#E3E7EC", linewidth=0.8, zorder=0)
        longest = max((len(c) for c in spec.categories), default=0)
        if n * max(longest, 2) > 48:  # crowded category labels: tilt rather than overlap
            for label in ax.get_xticklabels():
                label.set_rotation(30)
                label.set_horizontalalignment("right")
    val_axis.set_major_formatter(axis_fmt)
    ax.margins(**({"x": 0.12} if horizontal else {"y": 0.12}))
    if spec.title:
        ax.set_title(spec.title)
    x_label, y_label = spec.x_label, spec.y_label
    unit = parse_format(spec.value_format).unit
    if unit and not (x_label if horizontal else y_label):  # say what the numbers count
        if horizontal:
            x_label = f"单位：{unit}"
        else:
            y_label = f"单位：{unit}"
    if x_label:
        ax.set_xlabel(x_label)
    if y_label:
        ax.set_ylabel(y_label)
    handles, labels = ax.get_legend_handles_labels()
    if len(spec.series) == 1 and not spec.thresholds:
        handles = []
    elif len(spec.series) == 1:  # one series needs no legend entry, only the threshold lines do
        keep = [i for i, lab in enumerate(labels) if lab != spec.series[0].name]
        handles, labels = [handles[i] for i in keep], [labels[i] for i in keep]
    if handles:
        # Below the plot, outside the axes: "best" still lands on bars or labels when the data fill the plot.
        fig.legend(handles, labels, loc="outside lower center", ncol=min(len(handles), 4), frameon=False, fontsize=8)


def chart_image(spec: ChartSpec, width_cm: float = 16.0, height_cm: float = 8.0, dpi: int = 200) -> Image.Image:
    """The chart as an opaque RGB PIL image at `dpi` (drawn once by the Agg canvas, no PNG round trip)."""
    with matplotlib.rc_context(rc()):
        # Constrained layout keeps tick labels, titles and the outside legend inside the figure.
        fig = Figure(figsize=(width_cm * CM, height_cm * CM), dpi=dpi, layout="constrained", facecolor="white")
        canvas = FigureCanvasAgg(fig)
        draw_chart(fig, spec)
        canvas.draw()
        rgba = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    # Matplotlib draws RGBA; an opaque RGB image embeds without a soft mask (smaller, no grey haze).
    return rgba.convert("RGB")


def chart_png(spec: ChartSpec, width_cm: float = 16.0, height_cm: float = 8.0, dpi: int = 200,
              compress_level: int = 6) -> bytes:
    """The chart as PNG bytes at `dpi`; deterministic for a given spec and size (no "Software" tag).
    A low `compress_level` is much faster when the bytes are decoded again at once (the PDF writer)."""
    out = io.BytesIO()
    chart_image(spec, width_cm, height_cm, dpi).save(out, format="png", compress_level=compress_level)
    return out.getvalue()
