"""Draw a `ChartSpec` with matplotlib: into any `Figure` (the GUI can pass its canvas's figure) or to PNG bytes.

Only the object API (`Figure`, `Axes`): pyplot keeps global state and would pick a GUI backend.

matplotlib is not thread-safe, and report charts are drawn in worker threads while the GUI thread draws its
own (ui.common.charts). So:

* The style is set on each figure's own artists (font, sizes, spines), never through rcParams: an
  `rc_context` changes the process-wide defaults for its whole duration, and a screen chart built meanwhile
  on the GUI thread took the report's style. The process-wide rcParams (which the GUI configures) do not
  change a report chart either: the same spec gives the same bytes in the GUI and on the command line.
* `DRAW_LOCK` is held around every matplotlib drawing in the process - building and drawing a report
  chart here, `draw()` and saving of the GUI's canvases - and around registering the bundled fonts, since
  the font manager and the text layout caches are shared.

The bundled Noto Sans SC is added to matplotlib's font manager once (`register_font`, used by the GUI too).
PNGs are written by the Agg canvas with the "Software" tag removed, so the same spec always gives the same
bytes.
"""
from __future__ import annotations

import io
import threading
from pathlib import Path

from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ticker import Formatter
from PIL import Image

from reports.format import STATUS_COLOURS, format_value, parse_format, to_unit
from reports.model import ChartSpec

FONT_DIR = Path(__file__).resolve().parents[1] / "resources" / "fonts"
FAMILY = "Noto Sans SC"
PALETTE = ["#1F4E79", "#5B9BD5", "#A5A5A5", "#ED7D31", "#70AD47", "#FFC000", "#7F6084"]
CM = 1 / 2.54

FONT_FILES = (FONT_DIR / "NotoSansSC-Regular.ttf", FONT_DIR / "NotoSansSC-Bold.ttf")

# The report style, applied artist by artist in `draw_chart` (sizes in points).
FONT_SIZE = 9        # tick labels, axis labels
TITLE_SIZE = 10.5    # the title, bold
EDGE_COLOUR = "#8A96A3"  # the left and bottom spines; top and right are hidden

DRAW_LOCK = threading.RLock()
"""Held around all matplotlib drawing in the process (report charts here, the GUI's canvases in
ui.common.charts): matplotlib's font manager and text caches are shared and not thread-safe. Re-entrant, so a
drawing may register the fonts or draw a nested figure. Hold it only around matplotlib calls, never while
waiting for another thread."""

_registered = False


def register_font() -> str:
    """Add the bundled font files to matplotlib's font manager (once per process) and return the family name.

    The GUI's charts call this too, so the files are added once whichever side draws first."""
    global _registered
    with DRAW_LOCK:  # addfont changes the shared font list and clears the font lookup cache
        if not _registered:
            for path in FONT_FILES:
                font_manager.fontManager.addfont(str(path))
            _registered = True
    return FAMILY


def font(size: float = FONT_SIZE, weight: str = "normal") -> FontProperties:
    """The report font at `size`, every property explicit (none left to the rcParams defaults)."""
    return FontProperties(family=[register_font()], style="normal", variant="normal", weight=weight,
                          stretch="normal", size=size)


class _ValueAxisFormatter(Formatter):
    """Value-axis ticks in the chart's format, with as few decimals as the tick values need (0, 1 or 2).

    Amounts are shown in their unit (亿元/万元) and percentages from fractions, like the table beside the chart.
    The labels come from `format_value`, so a negative tick has an ASCII hyphen-minus (never U+2212, which
    `axes.unicode_minus` would put in matplotlib's own formatters; this one does not consult it).
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


def _style_axes(ax) -> None:
    """The report style on `ax`, explicitly: the fonts of the texts the axes own (empty ones too: they can
    take room in the layout) and the spines. Tick labels: `_style_ticks`, once they exist."""
    ax.tick_params(labelsize=FONT_SIZE, labelfontfamily=register_font())
    for loc in ("left", "center", "right"):
        ax.set_title("", loc=loc, fontproperties=font(TITLE_SIZE, "bold"))
    for axis in (ax.xaxis, ax.yaxis):
        axis.label.set_fontproperties(font())
        axis.get_offset_text().set_fontproperties(font())
    for side, spine in ax.spines.items():
        spine.set_visible(side in ("left", "bottom"))
        spine.set_edgecolor(EDGE_COLOUR)


def _style_ticks(ax) -> None:
    """The report font on every tick label. Ticks the drawing adds (the value axis's locator decides how
    many once the layout is known) copy their label's properties from the axis's first tick."""
    for axis in (ax.xaxis, ax.yaxis):
        for tick in [*axis.majorTicks, *axis.minorTicks]:
            for label in (tick.label1, tick.label2):
                label.set_fontproperties(font())


MAX_LABEL = 40   # characters of a category label; a longer name is elided (the table beside the chart has it whole)


def plain_text(text, limit: int | None = None) -> str:
    """`text` for a matplotlib label, shown literally: every "$" escaped so that a name like "$A$ Fund" is
    never parsed as mathtext (which drew it as a formula, or failed the report on an unbalanced one), and
    elided to `limit` characters with "…" when given."""
    s = "" if text is None else str(text)
    if limit is not None and len(s) > limit:
        s = s[:limit - 1] + "…"
    return s.replace("$", r"\$")


def draw_chart(fig: Figure, spec: ChartSpec) -> None:
    """Draw `spec` into `fig` (cleared first), with the report style whatever the rcParams; the figure
    should use ``layout="constrained"`` (the legend is placed outside the axes, below the plot).
    Hold `DRAW_LOCK` around this and the drawing of the figure when other threads may draw."""
    fig.clear()
    ax = fig.add_subplot(1, 1, 1)
    _style_axes(ax)
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
                bars = ax.barh(where, values, height=width * 0.92, color=colour, label=plain_text(series.name),
                               zorder=2)
            else:
                bars = ax.bar(where, values, width=width * 0.92, color=colour, label=plain_text(series.name),
                              zorder=2)
            if spec.show_values:
                labels = ["" if v is None else label_fmt(v) for v in series.values]
                # above the threshold lines (zorder 4) on a white ground: a limit line at 85 struck through
                # the value labels of the bars reaching it
                for text in ax.bar_label(bars, labels=labels, padding=2, fontproperties=font(7 if k > 1 else 7.5),
                                         color="#333333", zorder=5):
                    text.set_bbox(dict(facecolor="white", edgecolor="none", pad=0.6, alpha=0.9))
    else:  # line
        for i, series in enumerate(spec.series):
            xs = [p for p, v in zip(positions, series.values) if v is not None]
            ys = [float(v) for v in series.values if v is not None]
            ax.plot(xs, ys, marker="o", markersize=3.5, linewidth=1.6, color=PALETTE[i % len(PALETTE)],
                    label=plain_text(series.name), zorder=3)
            if spec.show_values and len(spec.series) == 1:
                for x, y in zip(xs, ys):
                    ax.annotate(label_fmt(y), (x, y), textcoords="offset points", xytext=(0, 5),
                                ha="center", fontproperties=font(7.5), color="#333333")

    for t in spec.thresholds:
        colour = STATUS_COLOURS.get(t.status, "#C62828")
        line = ax.axvline if horizontal else ax.axhline
        line(t.value, color=colour, linestyle="--", linewidth=1.1, zorder=4,
             label=plain_text(t.label) or None)

    cat_axis, val_axis = (ax.yaxis, ax.xaxis) if horizontal else (ax.xaxis, ax.yaxis)
    categories = [plain_text(c, MAX_LABEL) for c in spec.categories]
    if horizontal:
        ax.set_yticks(positions, categories)
        ax.invert_yaxis()  # first category on top, as in the table beside it
        ax.grid(axis="x", color="#E3E7EC", linewidth=0.8, zorder=0)
    else:
        ax.set_xticks(positions, categories)
        ax.grid(axis="y", color="#E3E7EC", linewidth=0.8, zorder=0)
        longest = max((len(c) for c in categories), default=0)
        if n * max(longest, 2) > 48:  # crowded category labels: tilt rather than overlap
            for label in ax.get_xticklabels():
                label.set_rotation(30)
                label.set_horizontalalignment("right")
    val_axis.set_major_formatter(axis_fmt)
    _style_ticks(ax)
    ax.margins(**({"x": 0.12} if horizontal else {"y": 0.12}))
    if spec.title:
        ax.set_title(plain_text(spec.title), fontproperties=font(TITLE_SIZE, "bold"))
    x_label, y_label = spec.x_label, spec.y_label
    unit = parse_format(spec.value_format).unit
    if unit and not (x_label if horizontal else y_label):  # say what the numbers count
        if horizontal:
            x_label = f"单位：{unit}"
        else:
            y_label = f"单位：{unit}"
    if x_label:
        ax.set_xlabel(plain_text(x_label), fontproperties=font())
    if y_label:
        ax.set_ylabel(plain_text(y_label), fontproperties=font())
    handles, labels = ax.get_legend_handles_labels()
    if len(spec.series) == 1 and not spec.thresholds:
        handles = []
    elif len(spec.series) == 1:  # one series needs no legend entry, only the threshold lines do
        keep = [i for i, lab in enumerate(labels) if lab != plain_text(spec.series[0].name)]
        handles, labels = [handles[i] for i in keep], [labels[i] for i in keep]
    if handles:
        # Below the plot, outside the axes: "best" still lands on bars or labels when the data fill the plot.
        legend = fig.legend(handles, labels, loc="outside lower center", ncol=min(len(handles), 4),
                            frameon=False, prop=font(8))
        legend.get_title().set_fontproperties(font(8))  # none shown, but set like every other text


def chart_image(spec: ChartSpec, width_cm: float = 16.0, height_cm: float = 8.0, dpi: int = 200) -> Image.Image:
    """The chart as an opaque RGB PIL image at `dpi` (drawn once by the Agg canvas, no PNG round trip)."""
    with DRAW_LOCK:
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
