"""Benchmark of `db verify` on a history holding one 1,000,000-exposure snapshot (run on demand, not a test).

    python benchmarks/bench_verify.py [DIR] [--exposures 1000000] [--counterparties 200000] [--repeat 3]

Generates DIR with benchmarks/synthetic_group.py when it has no exposures.csv, reads it
(core.concentration.importer.read_group_data), saves it as a snapshot in DIR/history.sqlite3 (timed: the
save includes chaining it; from schema v8 the rows are columnar blocks, hashed by their blobs' SHA-256), then
measures, median of --repeat, wall and CPU time:
 (a) the chain check alone (core.store.chain.verify_chain: every entry, the snapshot's content rehashed);
 (b) the whole `python main.py db verify DIR/history.sqlite3` (subprocess, wall time: integrity_check,
     schema objects, chain, report heads).
Goal (issue 11): (a) under 10 s. On a shared 2-core machine figures are noisy.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", nargs="?", default="/tmp/riskdesk-bench-verify")
    ap.add_argument("--exposures", type=int, default=1_000_000)
    ap.add_argument("--counterparties", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    from benchmarks.synthetic_group import generate
    from core.concentration.importer import read_group_data
    from core.store import Store, chain
    from core.store.verify import open_read_only

    folder = Path(args.dir)
    if not (folder / "exposures.csv").exists():
        folder.mkdir(parents=True, exist_ok=True)
        generate(folder, n_exposures=args.exposures, n_counterparties=args.counterparties)
    db = folder / "history.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    data = read_group_data(folder)
    n = len(data.exposures)
    with Store.open(db) as store:
        t, c = time.perf_counter(), time.process_time()
        store.save_snapshot(data, "bench")
        save, save_cpu = time.perf_counter() - t, time.process_time() - c
        t = time.perf_counter()
        chain.content_sha256(store.conn, "snapshot", 1)
        hash_only = time.perf_counter() - t
    print(f"exposures: {n:,}; file {db.stat().st_size / 1e6:.0f} MB")
    print(f"save_snapshot (with its chain entry): {save:.2f} s (CPU {save_cpu:.2f} s); hashing the snapshot alone: "
          f"{hash_only:.2f} s")

    chain_times, cli_times, chain_cpu, cli_cpu = [], [], [], []
    for _ in range(args.repeat):
        conn = open_read_only(db)
        t, c = time.perf_counter(), time.process_time()
        problems = chain.verify_chain(conn)
        chain_times.append(time.perf_counter() - t)
        chain_cpu.append(time.process_time() - c)
        conn.close()
        assert not problems, problems
        t = time.perf_counter()
        with tempfile.TemporaryFile() as out:
            p = subprocess.Popen([sys.executable, "main.py", "db", "verify", str(db)], cwd=ROOT, stdout=out,
                                 stderr=subprocess.STDOUT)
            _, status, usage = os.wait4(p.pid, 0)
            cli_times.append(time.perf_counter() - t)
            cli_cpu.append(usage.ru_utime + usage.ru_stime)
            out.seek(0)
            assert os.waitstatus_to_exitcode(status) == 0, out.read().decode("utf-8", "replace")
    print(f"(a) chain check: median {statistics.median(chain_times):.2f} s ({', '.join(f'{x:.2f}' for x in chain_times)}), "
          f"CPU {statistics.median(chain_cpu):.2f} s")
    print(f"(b) main.py db verify: median {statistics.median(cli_times):.2f} s "
          f"({', '.join(f'{x:.2f}' for x in cli_times)}), CPU {statistics.median(cli_cpu):.2f} s")
    goal = statistics.median(chain_times) < 10
    print("goal (a) < 10 s:", "met" if goal else "NOT met")
    return 0 if goal else 1


if __name__ == "__main__":
    sys.exit(main())
