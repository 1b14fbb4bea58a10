"""`python main.py concentration DATA [--json] [--limits L.csv] [--add-exposure X.csv] [--add-counterparty C.csv]
[--header-row FILE=N] [--lang zh|en]`

Evaluates a data folder or workbook as given (no database, no approvals): every limit and index.
With `--json` the result (docs/interfaces.md, "Output of concentration --json") is the only thing on stdout;
without it, a short table for people. Bad input: the problems on stderr, exit status 2, nothing on stdout.
Exit status 0 means the evaluation ran, whatever the statuses. Problems, warnings and the table speak Chinese
unless `--lang en`; the JSON is language-neutral.
"""
from __future__ import annotations

import json
import os
import sys

from cli import heap
from cli.errors import add_data_arguments, fail, header_rows, print_problems, refuse_data


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("concentration", help="evaluate every concentration limit and index of a data folder",
                              description="Evaluates the limits and indices of a group data folder (CSV files) "
                                          "or workbook (.xlsx) as given.")
    p.add_argument("--json", action="store_true", help="print the result as JSON (the only output on stdout)")
    p.add_argument("--limits", metavar="L.csv", help="limits that replace the data's limits.csv")
    p.add_argument("--add-exposure", metavar="X.csv", dest="add_exposure",
                   help="exposures to add before evaluating; an existing holding's id with a negative "
                        "amount is a sale of that much of it (the holding and its underlyings shrink pro rata)")
    p.add_argument("--add-counterparty", metavar="C.csv", dest="add_counterparty",
                   help="counterparties to add before evaluating")
    add_data_arguments(p)


def _heap_for_one_evaluation() -> None:
    """Tune glibc's malloc for a process that reads, evaluates once and exits: every thread served from one heap
    (M_ARENA_MAX = 1), blocks up to 32 MiB from the heap instead of a mapping each (M_MMAP_THRESHOLD), the heap
    grown 256 MiB at a time (M_TOP_PAD), as the import command has them (cli/import_data.py). The evaluation at
    a million exposures allocates and frees dozens of 8-30 MB arrays: by default each is a fresh mapping whose
    pages are faulted in and zeroed again (0.25-0.4 s of system time in most runs, 0.07-0.15 s with the last
    two); and the reader's second thread has an arena of its own, whose freed pages the evaluation cannot
    reuse (with one arena the evaluation's page faults at 1M: 22k -> 12k, median of 9 alternated runs). Only
    effective before a thread starts, so before numpy is imported. Nothing where the C library has no mallopt."""
    heap.mallopt((heap.M_ARENA_MAX, 1), *heap.ONE_EVALUATION)


# Hidden option for benchmarks (as the GUI's RISKDESK_EXIT_AFTER_FIRST_PAINT): RISKDESK_TIMING=1 prints
#     read-seconds: 0.762
# to stderr once the files are read and validated (wall time from the process's start, the interpreter's
# own start-up included: what `pandas.read_csv` in a fresh process is compared with, issue 15).
TIMING_ENV = "RISKDESK_TIMING"


def run(args) -> int:
    _heap_for_one_evaluation()
    timing = os.environ.get(TIMING_ENV) == "1"
    if timing:      # imported now: its fallback counts from here (core.process_clock)
        from core.process_clock import seconds_since_process_start
    from wording.cli_texts import cli_lang

    lang = cli_lang(args.lang)
    chosen = header_rows(args.header_row, lang)
    if isinstance(chosen, str):
        return fail(chosen)
    # the data folder's large files are read and parsed in a thread while the modules below are imported
    # (before pandas: core.concentration.read_ahead does not import it); the reading takes them
    from core.concentration import read_ahead
    read_ahead.start(args.data)
    from core.concentration import importer
    from core.concentration.engine import evaluate, result_to_json
    from core.problems import InputError

    try:
        data = importer.read_with_extras(args.data, limits=args.limits, add_counterparty=args.add_counterparty,
                                         add_exposure=args.add_exposure, header_rows=chosen)
        if timing:
            print(f"read-seconds: {seconds_since_process_start():.3f}", file=sys.stderr, flush=True)
        result = evaluate(data)
    except InputError as err:
        return refuse_data(err.problems, lang)
    # warnings (the data was accepted, but the user should look) go to stderr: stdout stays the result
    print_problems(data.meta.get("warnings", []), lang=lang)
    out = result_to_json(result)
    if args.json:
        # ASCII JSON (\u escapes): decodes the same under any console code page (GBK on Chinese Windows)
        sys.stdout.write(json.dumps(out, ensure_ascii=True, allow_nan=False))
        sys.stdout.write("\n")
        return 0
    _print_table(out, lang)
    return 0


def _pct(x) -> str:
    return "-" if x is None else f"{x * 100:.2f}%"


def _print_table(out: dict, lang: str = "en") -> None:
    from wording.cli_texts import say
    from wording.limit_status import STATUS_WORDS, no_basis_summary

    print(say("as_of_counts", lang, as_of=out["as_of"], limits=out["summary"]["limits"],
              breach=out["summary"]["breach"], warning=out["summary"]["warning"]))
    unmeasured = no_basis_summary(out["limits"], lang)
    if unmeasured:
        print(unmeasured)
    status = STATUS_WORDS["en" if lang == "en" else "zh"]
    rows = [tuple(say("table_headings", lang).split("|"))]
    for lim in out["limits"]:
        more = say("more_flagged", lang, n=len(lim["flagged"]) - 1) if len(lim["flagged"]) > 1 else ""
        rows.append((lim["limit_id"], lim["dimension"], lim["scope"], str(lim["key"]),
                     f"{lim['exposure']:,.2f}", _pct(lim["ratio"]), _pct(lim["warning"]), _pct(lim["limit"]),
                     status.get(lim["status"], lim["status"]) + more))
    # a Chinese character takes two columns of a terminal
    def width(text: str) -> int:
        return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)

    widths = [max(width(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(c + " " * (w - width(c)) for c, w in zip(r, widths)).rstrip())
    for issue in out["allocation_issues"]:
        print(say("allocation", lang, limit_id=issue["limit_id"], allocated=f"{issue['allocated']:,.2f}",
                  available=f"{issue['available']:,.2f}"))
    print(say("indices_title", lang))
    for dim, v in out["indices"].items():
        if v.get("hhi") is not None:
            print(say("index_line", lang, dim=dim, hhi=f"{v['hhi']:.4f}", top1=_pct(v["top1"]), top5=_pct(v["top5"]),
                      top10=_pct(v["top10"]), gini=f"{v['gini']:.4f}", shannon=f"{v['shannon']:.4f}"))
