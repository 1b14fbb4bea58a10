"""Report charts drawn in a worker thread while the GUI thread draws its own charts.

matplotlib is not thread-safe: report charts (reports.charts, in run_op workers) and screen charts
(ui.common.charts.ChartWidget, on the GUI thread) share one lock, `reports.charts.DRAW_LOCK`, and report
charts set their style per figure instead of changing the process-wide rcParams, so a screen chart never
picks up the report's style (it used to: `rc_context` in the worker changed the defaults under the GUI).
"""
import json
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_CONCURRENT = r"""
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, sys.argv[1])
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ui.common import ops
from ui.common.charts import ChartWidget
from reports.charts import chart_png
from reports.model import ChartSpec, Series, Threshold

SPEC = ChartSpec("grouped_bar", ["银行存款", "债券投资", "股票投资"],
                 [Series("本期", [0.2, -0.05, 0.1]), Series("上期", [0.1, 0.3, None])], title="资产占比",
                 thresholds=[Threshold(0.25, "上限", "breach")], value_format="percent")
reference = chart_png(SPEC, 8, 4, dpi=100)

chart = ChartWidget(figsize=(4, 3), dpi=80)
chart.show()


def redraw():
    # As the screens do: build on chart.figure with the defaults, then draw (deferred, and at once).
    chart.clear()
    ax = chart.figure.add_subplot()
    ax.barh(["银行", "信托", "基金"], [0.12, -0.05, 0.3])
    ax.set_title("集中度")
    ax.set_xlabel("占比")
    chart.draw()
    app.processEvents()
    chart.canvas.draw()
    ticks = ax.get_xticklabels()
    return json.dumps([ax.title.get_fontsize(), ax.title.get_fontweight(), ax.title.get_fontfamily(),
                       ax.xaxis.label.get_fontsize(), [t.get_fontsize() for t in ticks],
                       [t.get_text() for t in ticks], ax.spines["top"].get_visible(),
                       list(ax.spines["left"].get_edgecolor())], ensure_ascii=False)


expected = redraw()
state = {"gui": 0, "renders": 0, "same": 0}


def work():
    # Keeps drawing until the GUI thread has redrawn often enough: the two loops overlap by construction.
    while state["renders"] < int(sys.argv[2]) or state["gui"] < int(sys.argv[3]):
        png = chart_png(SPEC, 8, 4, dpi=100)
        state["renders"] += 1
        state["same"] += png == reference
    return state["renders"]


errors = []
ops.run_op(None, work, on_error=lambda e: errors.append(repr(e)), progress="none")
seen = {}
while ops.running_count():
    got = redraw()
    seen[got] = seen.get(got, 0) + 1
    state["gui"] += 1
print(json.dumps({"expected": expected, "seen": seen, "errors": errors, **state}, ensure_ascii=False))
"""


def test_report_charts_in_a_worker_leave_gui_charts_alone(tmp_path):
    # In a child process, so a crash inside matplotlib fails this test instead of killing the session.
    script = tmp_path / "concurrent_charts.py"
    script.write_text(_CONCURRENT, encoding="utf-8")
    # One run is enough: before the fix, 21 of 22 GUI redraws came out in the report's style.
    run = subprocess.run([sys.executable, str(script), str(ROOT), "5", "10"], capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, f"exit {run.returncode}\n{run.stderr[-3000:]}"
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert out["errors"] == []
    assert out["gui"] >= 10 and out["renders"] >= 5
    # Every GUI redraw looked like the first one, drawn before any report chart.
    assert out["seen"] == {out["expected"]: out["gui"]}, out
    # And the report chart did not change with the GUI drawing beside it.
    assert out["same"] == out["renders"]


def test_canvas_draw_and_save_hold_the_draw_lock(qtbot, tmp_path):
    from reports.charts import DRAW_LOCK
    from ui.common.charts import ChartWidget

    chart = ChartWidget()
    qtbot.addWidget(chart)
    chart.figure.add_subplot().plot([0, 1], [1, 0])
    free_during_draw = []

    def other_thread_may_take_the_lock(_event):
        def probe():
            got = DRAW_LOCK.acquire(blocking=False)
            if got:
                DRAW_LOCK.release()
            free_during_draw.append(got)
        t = threading.Thread(target=probe)
        t.start()
        t.join()

    chart.figure.canvas.mpl_connect("draw_event", other_thread_may_take_the_lock)
    chart.canvas.draw()
    assert free_during_draw == [False]
    free_during_draw.clear()
    chart.save_png(tmp_path / "c.png", dpi=20)  # savefig draws on a canvas of its own
    assert free_during_draw and not any(free_during_draw)
    assert DRAW_LOCK.acquire(blocking=False)  # released again afterwards
    DRAW_LOCK.release()
