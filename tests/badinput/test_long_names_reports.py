"""No name breaks a report: names of the longest length the importer accepts (200 characters), with "$"
signs that matplotlib would parse as mathtext, in every report kind (PDF and XLSX); and a chart with a
1,000-character, "$"-laden label draws it literally (elided) instead of failing."""
from __future__ import annotations

import pytest
from matplotlib.figure import Figure

from core.concentration.snapshots import import_snapshot
from core.concentration.tabular import MAX_NAME_LENGTH
from core.store import Store
from reports.builders import KINDS
from reports.charts import DRAW_LOCK, chart_png, draw_chart, plain_text
from reports.model import ChartSpec, Series
from reports.service import build, render
from tests.badinput.helpers import demo_copy, read_rows, write_rows


def _long(prefix: str, k: int) -> str:
    return (f"{prefix}{k} $A$ 融达$地产 " + "很长的名称" * 60)[:MAX_NAME_LENGTH]


@pytest.fixture(scope="module")
def long_store(tmp_path_factory):
    base = tmp_path_factory.mktemp("long")
    folder = demo_copy(base / "data")
    for file, prefix in (("counterparties.csv", "对手"), ("members.csv", "成员"), ("limits.csv", "限额"),
                         ("group.csv", "集团")):
        rows = read_rows(folder / file)
        i = rows[0].index("name")
        for k, r in enumerate(rows[1:]):
            r[i] = _long(prefix, k)
        write_rows(folder / file, rows)
    store = Store.open(base / "h.sqlite3")
    assert not hasattr(import_snapshot(store, folder, "王芳"), "problems")
    yield store
    store.close()


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "rating"])
@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_reports_with_the_longest_names(long_store, kind, fmt):
    period = {"semiannual": "2025H1", "quarterly": "2025Q2", "disclosure": "2025", "annual_chapter": "2025"}[kind]
    data = render(build(long_store, kind, period, options={"names": True} if kind == "disclosure" else None), fmt)
    assert len(data) > 1000


def test_chart_labels_are_literal_and_elided():
    label = "$x^2$ 基金 $" + "长" * 1000
    spec = ChartSpec(kind="barh", categories=[label, "$A$", "plain"], series=[Series("$s$", [1.0, 2.0, 3.0])],
                     title="$t$ 标题", value_format="number:2")
    assert chart_png(spec)[:4] == b"\x89PNG"
    fig = Figure()
    with DRAW_LOCK:
        draw_chart(fig, spec)
        fig.canvas.draw()
        ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert ticks[1] == r"\$A\$" and ticks[0].endswith("…") and len(ticks[0]) <= 50
    assert plain_text("a$b") == r"a\$b"
