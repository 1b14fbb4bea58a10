"""Time to make the semiannual board report of the demo group (issue 5: goal < 3 s).

    .venv/bin/python benchmarks/bench_reports.py            # 5 runs, semiannual, PDF
    .venv/bin/python benchmarks/bench_reports.py -n 10 --all

The demo database is built once (core.demo.load_demo, not timed). Each run times, in the same process,
`build_semiannual_report` (reading the snapshot, its evaluation, the previous half-year, the register) and
`render_pdf` (layout, charts, two passes for the table of contents), wall clock and CPU (with the chart
child's, reports.pdf.chartjobs). The first run also
pays for loading fonts and matplotlib (shown separately as "first"); the figure is the median of the runs
after it. `--all` also times the other reports. Exit status 1 if the goal is missed.

    .venv/bin/python benchmarks/bench_reports.py --db H.sqlite3 --period 2025H1 [-n 3]

times the semiannual report of a saved database (e.g. the million exposures `benchmarks/bench_open.py` or
`main.py import` stored; issue 15: goal <= 2.0 s for the whole command): `python main.py report semiannual
--db COPY --period P --out F.pdf` in a fresh process, median of -n runs, each on a fresh copy of the
database (the command records the report it made), wall clock and CPU (user + sys of the command and of
the child that draws its charts), and the PDF's pages; then, in one process, how the time splits between
building the report from the store and rendering it (median of the same number of runs after a first,
wall and CPU). On a shared machine compare the CPU figures: the wall ones follow the load.
"""
from __future__ import annotations

import argparse
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_S = 3.0


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(fn):
    """(result, wall s, CPU s): the CPU of this process and of the children it reaped meanwhile (the
    renderer's chart child, reports.pdf.chartjobs)."""
    w, c, k = time.perf_counter(), time.process_time(), _children_cpu()
    out = fn()
    return out, time.perf_counter() - w, time.process_time() - c + _children_cpu() - k


def bench(store, kind: str, period: str, runs: int, out: Path, fmt: str = "pdf") -> dict:
    from reports.builders import builder
    from reports.service import render
    build = builder(kind)
    rows = []
    for _ in range(runs + 1):
        doc, bw, bc = timed(lambda: build(store, period))
        data, rw, rc = timed(lambda doc=doc: render(doc, fmt))
        out.write_bytes(data)
        rows.append((bw + rw, bc + rc, bw, rw))
    first, rest = rows[0], rows[1:]
    return {"kind": kind, "first": first[0], "wall": statistics.median(r[0] for r in rest),
            "cpu": statistics.median(r[1] for r in rest), "build": statistics.median(r[2] for r in rest),
            "render": statistics.median(r[3] for r in rest), "bytes": len(data)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=5, help="timed runs after the first (default 5)")
    ap.add_argument("--all", action="store_true", help="also the rating, quarterly and disclosure reports")
    ap.add_argument("--db", type=Path, help="a saved history database: its semiannual report, whole command")
    ap.add_argument("--period", default="2025H1", help="the half-year of --db's report (default 2025H1)")
    args = ap.parse_args(argv)
    if args.db is not None:
        return bench_db(args.db, args.period, args.n)
    from core.demo import load_demo
    from core.store import Store
    with tempfile.TemporaryDirectory(prefix="riskdesk-bench-") as tmp:
        store = Store.open(Path(tmp) / "demo.sqlite3")
        load_demo(store)
        jobs = [("semiannual", "2025H1", "pdf")]
        if args.all:
            jobs += [("rating", "2025", "pdf"), ("quarterly", "2025Q2", "pdf"), ("quarterly", "2025Q2", "xlsx"),
                     ("disclosure", "2025", "pdf")]
        results = [bench(store, k, p, args.n, Path(tmp) / f"{k}.{f}", f) for k, p, f in jobs]
        store.close()
    print(f"{'report':<12}{'format':<8}{'median s':>10}{'cpu s':>8}{'build s':>9}{'render s':>10}{'first s':>9}{'KB':>8}")
    for (k, _, f), r in zip(jobs, results):
        print(f"{k:<12}{f:<8}{r['wall']:>10.2f}{r['cpu']:>8.2f}{r['build']:>9.2f}{r['render']:>10.2f}"
              f"{r['first']:>9.2f}{r['bytes'] / 1024:>8.0f}")
    semi = results[0]
    ok = semi["wall"] < GOAL_S
    print(f"semiannual board report of the demo group: {semi['wall']:.2f} s (goal < {GOAL_S:.0f} s) "
          f"{'OK' if ok else 'MISSED'}")
    return 0 if ok else 1


def bench_db(db: Path, period: str, runs: int) -> int:
    """The semiannual report of a saved database: whole CLI command (fresh process, fresh copy of the
    database each run), then build and render apart in one process."""
    from core.store import Store
    from reports.builders import builder
    from reports.service import render
    whole, cpu = [], []
    with tempfile.TemporaryDirectory(prefix="riskdesk-bench-") as tmp:
        copy, out = Path(tmp) / "h.sqlite3", Path(tmp) / "r.pdf"
        for _ in range(runs):
            shutil.copyfile(db, copy)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            p = subprocess.run([sys.executable, "main.py", "report", "semiannual", "--db", str(copy), "--period", period,
                                "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
            whole.append(time.perf_counter() - t)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)   # the command and the chart child it reaped
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            if p.returncode != 0:
                raise SystemExit(f"report failed ({p.returncode}): {p.stderr[-2000:]}")
        pages = len(re.findall(rb"/Type /Page(?!s)", out.read_bytes())) or None
        shutil.copyfile(db, copy)
        store = Store.open(copy)
        build, rend = [], []
        for _ in range(runs + 1):
            doc, bw, bc = timed(lambda: builder("semiannual")(store, period))
            _, rw, rc = timed(lambda doc=doc: render(doc, "pdf"))
            build.append((bw, bc))
            rend.append((rw, rc))
        store.close()
    med = statistics.median(whole)

    def mid(rows, i):
        return statistics.median(r[i] for r in rows[1:])
    print(f"semiannual report of {db.name} ({period}): whole command {med:.2f} s, CPU {statistics.median(cpu):.2f} s "
          f"(median of {runs}: " + ", ".join(f"{w:.2f}/{c:.2f}" for w, c in zip(whole, cpu)) + " s wall/CPU); in "
          f"process build {mid(build, 0):.2f} s (CPU {mid(build, 1):.2f}), render {mid(rend, 0):.2f} s (CPU "
          f"{mid(rend, 1):.2f}) (first {build[0][0]:.2f} + {rend[0][0]:.2f})"
          + (f"; {pages} pages" if pages else "") + f" — goal <= 2.0 s {'met' if med <= 2.0 else 'NOT met'}")
    return 0 if med <= 2.0 else 1


if __name__ == "__main__":
    sys.exit(main())
