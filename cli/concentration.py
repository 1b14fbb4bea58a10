"""`python main.py concentration DATA [--json] [--limits L.csv] [--add-exposure X.csv] [--add-counterparty C.csv]`

Evaluates a data folder or workbook as given (no database, no approvals): every limit and index.
With `--json` the result (docs/interfaces.md, "Output of concentration --json") is the only thing on stdout;
without it, a short table for people. Bad input: the problems on stderr, exit status 2, nothing on stdout.
Exit status 0 means the evaluation ran, whatever the statuses.
"""
from __future__ import annotations

import json
import sys

from cli.errors import print_problems, report_input_error


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("concentration", help="evaluate every concentration limit and index of a data folder",
                              description="Evaluates the limits and indices of a group data folder (CSV files) "
                                          "or workbook (.xlsx) as given.")
    p.add_argument("data", metavar="DATA", help="the data folder or .xlsx workbook")
    p.add_argument("--json", action="store_true", help="print the result as JSON (the only output on stdout)")
    p.add_argument("--limits", metavar="L.csv", help="limits that replace the data's limits.csv")
    p.add_argument("--add-exposure", metavar="X.csv", dest="add_exposure",
                   help="exposures to add before evaluating; an existing holding's id with a negative "
                        "amount is a sale of that much of it (the holding and its underlyings shrink pro rata)")
    p.add_argument("--add-counterparty", metavar="C.csv", dest="add_counterparty",
                   help="counterparties to add before evaluating")


def run(args) -> int:
    from core.concentration import importer
    from core.concentration.engine import evaluate, result_to_json
    from core.problems import InputError

    try:
        data = importer.read_with_extras(args.data, limits=args.limits, add_counterparty=args.add_counterparty,
                                         add_exposure=args.add_exposure)
        result = evaluate(data)
    except InputError as err:
        return report_input_error(err)
    # warnings (the data was accepted, but the user should look) go to stderr: stdout stays the result
    print_problems(data.meta.get("warnings", []))
    out = result_to_json(result)
    if args.json:
        # ASCII JSON (\u escapes): decodes the same under any console code page (GBK on Chinese Windows)
        sys.stdout.write(json.dumps(out, ensure_ascii=True, allow_nan=False))
        sys.stdout.write("\n")
        return 0
    _print_table(out)
    return 0


def _pct(x) -> str:
    return "-" if x is None else f"{x * 100:.2f}%"


def _print_table(out: dict) -> None:
    from wording.limit_status import no_basis_summary

    print(f"as of {out['as_of']}: {out['summary']['limits']} limits, {out['summary']['breach']} breach, "
          f"{out['summary']['warning']} warning")
    unmeasured = no_basis_summary(out["limits"], "en")
    if unmeasured:
        print(unmeasured)
    rows = [("limit", "dimension", "scope", "key", "exposure", "ratio", "warning", "limit", "status")]
    for lim in out["limits"]:
        rows.append((lim["limit_id"], lim["dimension"], lim["scope"], str(lim["key"]),
                     f"{lim['exposure']:,.2f}", _pct(lim["ratio"]), _pct(lim["warning"]), _pct(lim["limit"]),
                     lim["status"] + (f" (+{len(lim['flagged']) - 1} more)" if len(lim["flagged"]) > 1 else "")))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    for issue in out["allocation_issues"]:
        print(f"allocation: {issue['limit_id']} allocates {issue['allocated']:,.2f} of {issue['available']:,.2f}")
    print("indices (group, after intra-group elimination):")
    for dim, v in out["indices"].items():
        if v.get("hhi") is not None:
            print(f"  {dim}: HHI {v['hhi']:.4f}, top1 {_pct(v['top1'])}, top5 {_pct(v['top5'])}, "
                  f"top10 {_pct(v['top10'])}, Gini {v['gini']:.4f}, Shannon {v['shannon']:.4f}")
