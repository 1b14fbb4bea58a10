"""Report charts carry their own style: the process-wide rcParams neither change them nor are changed by them.

Report charts are drawn in worker threads while the GUI draws its charts with its own defaults
(ui.common.charts.configure_matplotlib), so the style is set per figure, not through rcParams or an
rc_context, and the drawing holds `DRAW_LOCK`.
"""
import threading
from dataclasses import replace

import matplotlib
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

import reports.charts as charts
from reports.charts import DRAW_LOCK, FAMILY, chart_png, draw_chart
from reports.model import ChartSpec, Series, Threshold

SPECS = [
    ChartSpec("bar", ["银行存款", "债券投资", "股票投资"], [Series("占比", [0.18, -0.04, 0.36])], title="资产占比",
              y_label="占比", thresholds=[Threshold(0.3, "上限", "breach")], value_format="percent"),
    ChartSpec("barh", ["甲", "乙"], [Series("敞口", [-3.2e8, 1.25e9])], value_format="amount:亿元"),
    ChartSpec("grouped_bar", ["一", "二"], [Series("本期", [1, 2]), Series("上期", [2, None])], title="对比",
              value_format="number:0"),
    ChartSpec("line", ["1月", "2月", "3月"], [Series("比例", [0.5, None, -0.25])], title="走势",
              value_format="percent"),
]

# Everything the report style sets, and what the GUI sets, changed as far as it goes.
OTHER_DEFAULTS = {
    "font.family": ["DejaVu Serif"], "font.size": 15, "font.weight": "bold", "font.style": "italic",
    "axes.titlesize": 20, "axes.titleweight": "normal", "axes.labelsize": 17, "xtick.labelsize": 5,
    "ytick.labelsize": 25, "legend.fontsize": 3, "axes.edgecolor": "red", "axes.spines.top": True,
    "axes.spines.right": True, "axes.unicode_minus": True,
}


@pytest.mark.parametrize("spec", SPECS, ids=[s.kind for s in SPECS])
def test_same_bytes_whatever_the_process_defaults(spec):
    charts.register_font()
    plain = chart_png(spec, 8, 4, dpi=80)
    with matplotlib.rc_context(OTHER_DEFAULTS):
        other = chart_png(spec, 8, 4, dpi=80)
    assert other == plain


def test_drawing_leaves_the_rcparams_alone(monkeypatch):
    """Not even for the time of the drawing: another thread reading them meanwhile sees them as they were.
    (`copy()`, not `dict()`: reading "backend" through the mapping would import pyplot.)"""
    before = matplotlib.rcParams.copy()
    seen = []
    real_draw = Figure.draw

    def draw(self, renderer):
        seen.append(matplotlib.rcParams.copy())
        return real_draw(self, renderer)

    monkeypatch.setattr(Figure, "draw", draw)
    for spec in SPECS:
        chart_png(spec, 8, 4, dpi=60)
    assert len(seen) == len(SPECS)
    assert all(s == before for s in seen)
    assert matplotlib.rcParams.copy() == before


def test_every_text_has_the_report_font():
    fig = Figure(figsize=(6, 3), layout="constrained")
    with DRAW_LOCK:
        with matplotlib.rc_context(OTHER_DEFAULTS):
            draw_chart(fig, replace(SPECS[0], series=[Series("a", [1, 2, 3]), Series("b", [3, 2, 1])]))
            FigureCanvasAgg(fig).draw()  # the value axis's tick labels are made when drawing
    texts = fig.findobj(Text)
    assert len(texts) > 20
    assert {tuple(t.get_fontfamily()) for t in texts} == {(FAMILY,)}
    ax = fig.axes[0]
    titles = [t for t in texts if t.get_fontweight() == "bold"]
    assert ax.title in titles and len(titles) == 3  # centre, left and right (empty)
    assert {(t.get_fontstyle(), t.get_fontvariant(), t.get_fontproperties().get_stretch()) for t in texts} == {
        ("normal", "normal", "normal")}
    assert ax.title.get_fontsize() == charts.TITLE_SIZE and ax.title.get_fontweight() == "bold"
    assert {t.get_fontsize() for t in ax.get_xticklabels() + ax.get_yticklabels()} == {charts.FONT_SIZE}
    assert ax.yaxis.label.get_fontsize() == charts.FONT_SIZE
    assert [side for side, s in ax.spines.items() if s.get_visible()] == ["left", "bottom"]
    assert matplotlib.colors.to_hex(ax.spines["left"].get_edgecolor()) == charts.EDGE_COLOUR.lower()


def test_negative_ticks_use_the_ascii_hyphen():
    fig = Figure(figsize=(6, 3), layout="constrained")
    with DRAW_LOCK, matplotlib.rc_context({"axes.unicode_minus": True}):
        draw_chart(fig, SPECS[1])
        FigureCanvasAgg(fig).draw()
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert any(lab.startswith("-") for lab in labels) and not any("\N{MINUS SIGN}" in lab for lab in labels)


def test_the_chart_is_drawn_holding_the_draw_lock(monkeypatch):
    taken_elsewhere = []
    real = charts.draw_chart

    def probe(fig, spec):
        def other():
            got = DRAW_LOCK.acquire(blocking=False)
            if got:
                DRAW_LOCK.release()
            taken_elsewhere.append(got)
        t = threading.Thread(target=other)
        t.start()
        t.join()
        real(fig, spec)

    monkeypatch.setattr(charts, "draw_chart", probe)
    chart_png(SPECS[0], 8, 4, dpi=60)
    assert taken_elsewhere == [False]


def test_fonts_are_registered_once():
    from matplotlib import font_manager

    charts.register_font()
    charts.register_font()
    files = [f.fname for f in font_manager.fontManager.ttflist if "NotoSansSC" in f.fname]
    assert sorted(files) == sorted(str(p) for p in charts.FONT_FILES)
