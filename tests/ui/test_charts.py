"""The chart widget: matplotlib imported lazily, never pyplot, Chinese labels with the bundled font."""
import subprocess
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_importing_charts_does_not_import_matplotlib():
    code = ("import sys; import ui.common.charts; "
            "print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_chart_draws_chinese_without_missing_glyphs(qtbot, tmp_path):
    from ui.common.charts import ChartWidget

    chart = ChartWidget()
    qtbot.addWidget(chart)
    ax = chart.figure.add_subplot()
    ax.barh(["银行", "信托"], [0.12, 0.05])
    ax.set_title("集中度")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font(s)" on tofu
        chart.canvas.draw()
        chart.save_png(tmp_path / "c.png", dpi=50)
    assert (tmp_path / "c.png").stat().st_size > 1000
    assert "matplotlib.pyplot" not in sys.modules


def test_missing_glyphs_would_be_caught(tmp_path):
    """The check above can fail: with a font lacking CJK, matplotlib warns."""
    from matplotlib.figure import Figure

    fig = Figure()
    ax = fig.add_subplot()
    ax.set_title("集中度", fontfamily="DejaVu Sans")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(tmp_path / "x.png")
    assert any("missing from font" in str(w.message) for w in caught)


def test_screen_and_report_charts_share_one_font_registration(qtbot):
    """The GUI registers the fonts through reports.charts.register_font: each file is in the font list once."""
    from matplotlib import font_manager

    from reports.charts import FONT_FILES, chart_png
    from reports.model import ChartSpec, Series
    from ui.common.charts import ChartWidget
    from ui.common.fonts import BOLD, REGULAR

    qtbot.addWidget(ChartWidget())
    chart_png(ChartSpec("bar", ["甲"], [Series("s", [1])]), 4, 3, dpi=40)
    assert [p.resolve() for p in FONT_FILES] == [REGULAR.resolve(), BOLD.resolve()]
    files = [f.fname for f in font_manager.fontManager.ttflist if "NotoSansSC" in f.fname]
    assert sorted(files) == sorted(str(p) for p in FONT_FILES)
