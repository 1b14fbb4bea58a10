"""Benchmark of the concentration engine and the `concentration` command (run on demand, not a test).

    python benchmarks/bench_concentration.py [DIR] [--exposures 1000000] [--counterparties 200000]
                                             [--repeat 3] [--evals 30]

Generates DIR with benchmarks/synthetic_group.py when it has no exposures.csv, then measures
 (a) pandas.read_csv of exposures.csv alone (median of --repeat runs, in a fresh subprocess each);
 (b) the whole `python main.py concentration DIR --json` (subprocess, wall time, median of --repeat);
 (b') of which reading and validating the files: the `read-seconds` line the command prints in those same runs of
     (b) when RISKDESK_TIMING=1 (cli/concentration.py: wall time from the process's start until the files are
     read and validated, the interpreter's start-up included as in (a)), against (a) of the same round;
     (`b2_bare_load_group_data`, for comparison with earlier figures: `core.concentration.importer.load_group_data(DIR)`
     alone in a fresh bare process, none of the command's settings (its memory, no content hash, the large files
     read ahead while it imports, core.concentration.read_ahead));
 (b'') of which the evaluation after reading: `engine.evaluate` of the data read, then the JSON text, timed inside
     a fresh process once the files are read (median of --repeat, wall and CPU), with the memory set as the
     command sets it;
 (c) the median time to re-evaluate 100 limits on kept aggregates (evaluate_limits, after a first
     evaluation has built the per-block rankings, as the what-if sandbox would use them);
 (d) peak RSS of the children (resource.getrusage(RUSAGE_CHILDREN).ru_maxrss, i.e. of the largest
     subprocess, which is a whole `concentration` run);
plus, in-process, the importer's and build_aggregates' share. `--before TREE` (another checkout, e.g. a
`git worktree add /tmp/before HEAD~3`) runs (b), (b') and (b'') there too, alternating with this tree's runs in
every round, and reports them as `before_*` with the same read_csv: a before/after under the same load.
Goals (issue 15): (b) ≤ 2 × (a); (b') ≤ 1.3 × (a);
(b'') ≤ 0.45 s at a million exposures; (c) < 50 ms; (d) < 1.5 GB. The import, the opening of the stored
snapshot, the drill-down and the report are measured by benchmarks/bench_open.py.
Figures depend on the machine's load: on a shared 2-core machine they are noisy. The runs of (a) and (b)
alternate, and each ratio is taken within one round (then the median), so that load changes hit both;
CPU time (user + sys of each child) is reported too: it varies much less with the load than wall time.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _run(cmd: list[str], cwd: Path = ROOT, env: dict | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds user + sys) of one child process."""
    return _run_read(cmd, cwd, env)[:2]


def _run_read(cmd: list[str], cwd: Path = ROOT, env: dict | None = None) -> tuple[float, float, float | None]:
    """(wall seconds, CPU seconds user + sys, the `read-seconds` it printed on stderr or None) of one child."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                       env=None if env is None else {**os.environ, **env})
    dt = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr[-2000:]}")
    found = re.findall(r"^read-seconds: ([0-9.]+)$", p.stderr, re.M)
    return (dt, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
            float(found[-1]) if found else None)


def _inner(cmd: list[str], cwd: Path = ROOT) -> tuple[float, float]:
    """(wall, CPU) seconds a child process measured itself and printed as its last line (a JSON pair)."""
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr[-2000:]}")
    wall, cpu = json.loads(p.stdout.strip().splitlines()[-1])
    return float(wall), float(cpu)


def _wall(cmd: list[str]) -> float:
    return _run(cmd)[0]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", nargs="?", type=Path, default=Path("/tmp/riskdesk-bench-1m"))
    ap.add_argument("--exposures", type=int, default=1_000_000)
    ap.add_argument("--counterparties", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--evals", type=int, default=30)
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--before", type=Path, default=None,
                    help="another checkout of the project: (b), (b') and (b'') run there too, alternating")
    a = ap.parse_args(argv)
    py = sys.executable
    if not (a.dir / "exposures.csv").exists():
        from benchmarks.synthetic_group import generate
        info = generate(a.dir, a.exposures, a.counterparties)
        print("generated", info, file=sys.stderr)

    read_cmd = [py, "-c", f"import pandas as pd; pd.read_csv({str(a.dir / 'exposures.csv')!r}, low_memory=False)"]
    startup = [_wall([py, "-c", "import pandas"]) for _ in range(a.repeat)]
    validate_cmd = [py, "-c", "import sys; sys.path.insert(0, '.'); from core.concentration.importer import "
                    f"load_group_data; r = load_group_data({str(a.dir)!r}); sys.exit(0 if r.ok else 1)"]
    # main.py's memory for a quick-exit command (cli.heap.for_a_quick_exit), in a tree that has it
    quick_exit = ("sys.path.insert(0, '.')\ntry:\n from cli.heap import for_a_quick_exit\n for_a_quick_exit()\n"
                  "except ImportError:\n pass\n")
    # (b'') is the command's evaluation: its process sets glibc's heap as `concentration` does (cli/concentration.py:
    # one arena for every thread, blocks up to 32 MiB from the heap, grown 256 MiB at a time), in either tree,
    # inline so that an older tree runs the same; a bare process faults in fresh pages for each large array (0.1-0.4 s
    # of system time at 1M), and the reader's second thread's own arena keeps pages the evaluation cannot reuse
    evaluate_cmd = [py, "-c", "import ctypes, json, sys, time; sys.path.insert(0, '.'); "
                    "libc = ctypes.CDLL('libc.so.6'); libc.mallopt(-8, 1); libc.mallopt(-3, 32 << 20); libc.mallopt(-2, 256 << 20)\n"
                    + quick_exit +
                    "from core.concentration.importer import read_with_extras; "
                    "from core.concentration.engine import evaluate, result_to_json; "
                    f"d = read_with_extras({str(a.dir)!r}); t, c = time.perf_counter(), time.process_time(); "
                    "s = json.dumps(result_to_json(evaluate(d)), ensure_ascii=True, allow_nan=False); "
                    "print(json.dumps([time.perf_counter() - t, time.process_time() - c]))"]
    load_start = os.getloadavg()[0]
    read_runs, whole_runs, validate_runs, evaluate_runs = [], [], [], []
    before: dict[str, list] = {"whole": [], "validate": [], "evaluate": []}
    whole_cmd = [py, "main.py", "concentration", str(a.dir), "--json"]
    timing = {"RISKDESK_TIMING": "1"}     # the command's read-seconds line: (b')
    for _ in range(a.repeat):          # alternate, so that a change of load hits all
        read_runs.append(_run(read_cmd))
        validate_runs.append(_run(validate_cmd))
        if a.before is not None:
            before["validate"].append(_run(validate_cmd, a.before))
        whole_runs.append(_run_read(whole_cmd, env=timing))
        if a.before is not None:
            before["whole"].append(_run_read(whole_cmd, a.before, env=timing))
        evaluate_runs.append(_inner(evaluate_cmd))
        if a.before is not None:
            before["evaluate"].append(_inner(evaluate_cmd, a.before))
    read_only = [w for w, _ in read_runs]
    whole = [w for w, _, _ in whole_runs]
    reads = [x for _, _, x in whole_runs]
    if None in reads:
        raise SystemExit("the concentration command printed no read-seconds line (RISKDESK_TIMING=1)")
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss

    # in-process: the importer, build_aggregates, first and repeated evaluations
    from core.concentration.aggregate import build_aggregates
    from core.concentration.importer import read_group_data
    from core.concentration.indices import compute_indices
    from core.concentration.limits import evaluate_limits

    t, c = time.perf_counter(), time.process_time()
    data = read_group_data(a.dir)
    t_import, c_import = time.perf_counter() - t, time.process_time() - c
    t, c = time.perf_counter(), time.process_time()
    agg = build_aggregates(data)
    t_agg, c_agg = time.perf_counter() - t, time.process_time() - c
    limits = data.limits.iloc[:100]
    t = time.perf_counter()
    evaluate_limits(agg, limits)
    t_first = time.perf_counter() - t
    evals = []
    for _ in range(a.evals):
        t = time.perf_counter()
        evaluate_limits(agg, limits)
        evals.append(time.perf_counter() - t)
    t = time.perf_counter()
    compute_indices(agg)
    t_idx = time.perf_counter() - t

    validate = [w for w, _ in validate_runs]
    fig = {
        "load_average_1min_at_start": load_start, "load_average_1min_at_end": os.getloadavg()[0],
        "cpus": os.cpu_count(),
        "exposures": len(data.exposures), "counterparties": len(data.counterparties), "limits_evaluated": len(limits),
        "sums_rows": len(agg.sums),
        "a_read_csv_exposures_s": statistics.median(read_only),
        "python_pandas_startup_s": statistics.median(startup),
        "b_whole_command_s": statistics.median(whole),
        "b_over_a": statistics.median(whole) / statistics.median(read_only),
        "b_over_a_per_round_median": statistics.median(w[0] / r[0] for w, r in zip(whole_runs, read_runs)),
        "b2_read_and_validate_s": statistics.median(reads),
        "b2_over_a": statistics.median(reads) / statistics.median(read_only),
        "b2_over_a_per_round_median": statistics.median(v / r[0] for v, r in zip(reads, read_runs)),
        "b2_bare_load_group_data_s": statistics.median(validate),
        "b2_bare_over_a_per_round_median": statistics.median(v[0] / r[0] for v, r in zip(validate_runs, read_runs)),
        "b2_bare_cpu_s": statistics.median(c for _, c in validate_runs),
        "b3_evaluate_after_reading_s": statistics.median(w for w, _ in evaluate_runs),
        "b3_evaluate_after_reading_cpu_s": statistics.median(c for _, c in evaluate_runs),
        "a_read_csv_cpu_s": statistics.median(c for _, c in read_runs),
        "b_whole_command_cpu_s": statistics.median(c for _, c, _ in whole_runs),
        "b_over_a_cpu": statistics.median(w[1] / r[1] for w, r in zip(whole_runs, read_runs)),
        "c_reevaluate_100_limits_ms": statistics.median(evals) * 1000,
        "c_first_evaluation_ms": t_first * 1000,
        "d_peak_rss_children_mb": peak_kb / 1024,
        "in_process_import_s": t_import, "in_process_build_aggregates_s": t_agg, "in_process_indices_s": t_idx,
        "in_process_import_cpu_s": c_import, "in_process_build_aggregates_cpu_s": c_agg,
        "runs": {"read_csv": read_only, "read_and_validate_in_command": reads, "bare_load_group_data": validate,
                 "whole": whole,
                 "evaluate_after_reading": [w for w, _ in evaluate_runs]},
    }
    if a.before is not None:
        for name, runs in (("b_whole_command", before["whole"]), ("b2_bare_load_group_data", before["validate"])):
            fig[f"before_{name}_s"] = statistics.median(x[0] for x in runs)
            fig[f"before_{name}_cpu_s"] = statistics.median(x[1] for x in runs)
            fig[f"before_{name}_over_a_per_round_median"] = statistics.median(
                w[0] / r[0] for w, r in zip(runs, read_runs))
            fig[f"before_{name}_over_a_cpu"] = statistics.median(w[1] / r[1] for w, r in zip(runs, read_runs))
        before_reads = [x[2] for x in before["whole"]]
        if None not in before_reads:        # (a tree older than the command's timing line has no (b'))
            fig["before_b2_read_and_validate_s"] = statistics.median(before_reads)
            fig["before_b2_over_a_per_round_median"] = statistics.median(
                v / r[0] for v, r in zip(before_reads, read_runs))
        fig["before_b3_evaluate_after_reading_s"] = statistics.median(w for w, _ in before["evaluate"])
        fig["before_b3_evaluate_after_reading_cpu_s"] = statistics.median(c for _, c in before["evaluate"])
        fig["runs"]["before"] = {k: [x[0] for x in v] for k, v in before.items()}
    if a.json:
        print(json.dumps(fig, indent=1))
    else:
        for k, v in fig.items():
            print(f"{k:34s} {v:.3f}" if isinstance(v, float) else f"{k:34s} {v}")
        ok = (fig["b_over_a"] <= 2, fig["b2_over_a"] <= 1.3, fig["b3_evaluate_after_reading_s"] <= 0.45,
              fig["c_reevaluate_100_limits_ms"] < 50, fig["d_peak_rss_children_mb"] < 1536)
        print("goals: (b) <= 2x(a) %s, (b') <= 1.3x(a) %s, (b'') <= 0.45 s %s, (c) < 50 ms %s, (d) < 1.5 GB %s"
              % tuple("met" if x else "NOT met" for x in ok))
        bare = fig["b2_bare_over_a_per_round_median"]
        print(f"(b') is the command's own reading (read-seconds); load_group_data in a bare process: {bare:.2f}x (a)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
