"""`python main.py report semiannual|rating|quarterly|disclosure|annual_chapter (--demo | --db PATH) --period P --out FILE
[--date YYYY-MM-DD] [--as-of-record YYYY-MM-DD] [--xlsx] [--user NAME] [--names]`: generate a board report and record it in the database.

The report uses the latest stored snapshot whose as_of falls in the period and is dated by that as_of (or
--date), so the same database gives the same bytes. `--demo` builds a fresh temporary database from the
demo group (core.demo.load_demo) and removes it afterwards. `--as-of-record` is the cut-off: the report
reads only the records made up to that day (cases, texts, approvals, governance records, snapshots), so a
closed period's report made later says what was known then. The disclosure also prints whether it is final
(the board approved exactly its text) or a draft, and why. Bad input (period, missing snapshot or
assessment, unwritable output) ends with exit status 2 and one line on stderr; nothing is written.
"""
from __future__ import annotations

import argparse
import getpass
import tempfile
from datetime import date
from pathlib import Path

from cli.errors import fail, store_failure

KINDS = ("semiannual", "rating", "quarterly", "disclosure", "annual_chapter")


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "report", help="generate a board report (PDF, or XLSX for the quarterly statistics)",
        description="Builds a report from the history database: semiannual (the board's concentration report), "
                    "rating (the self-assessment report), quarterly (indicator statistics, Art. 24), disclosure "
                    "(the annual public disclosure, Art. 26), annual_chapter (the concentration chapter of the annual "
                    "consolidated-management report, Art. 25). The report is recorded in the database with its SHA-256.")
    p.add_argument("kind", choices=KINDS, help="which report")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--demo", action="store_true", help="a fresh temporary database filled with the demo group")
    src.add_argument("--db", metavar="PATH", help="the history database file")
    p.add_argument("--period", required=True, metavar="P",
                   help="semiannual: YYYYH1/YYYYH2; quarterly: YYYYQ1..Q4; rating, disclosure, annual_chapter: the year YYYY")
    p.add_argument("--out", required=True, metavar="FILE", help="the file to write (.pdf, or .xlsx with --xlsx)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the report date (default: the data's as-of date)")
    p.add_argument("--as-of-record", metavar="YYYY-MM-DD", dest="as_of_record",
                   help="the cut-off: read only records made up to this day, Beijing time (default: the "
                        "generation date, i.e. everything on record now)")
    p.add_argument("--xlsx", action="store_true",
                   help="write the report's tables as an XLSX workbook instead of a PDF (every kind)")
    p.add_argument("--user", metavar="NAME", help="who generates it (recorded; default: the login name)")
    p.add_argument("--names", action="store_true", help="disclosure: name the largest counterparties")


def _message(err) -> str:
    """One English line for a ReportError."""
    d = err.detail
    code = err.code
    if code == "bad_period":
        if d.get("reason") == "period_out_of_range":
            return f"--period {d.get('period')!r}: out of range"
        return f"--period {d.get('period')!r}: not a period code (YYYY, YYYYH1/H2, YYYYQ1-Q4)"
    if code == "wrong_period_kind":
        return f"--period {d.get('period')!r}: the {d.get('kind')} report needs {d.get('expected')}"
    if code == "no_snapshot":
        return (f"--period {d.get('period')}: no stored snapshot has an as-of date from {d.get('start')} to "
                f"{d.get('end')} (import the data of that period first)")
    if code == "no_evaluation":
        return f"snapshot {d.get('snapshot_id')} has no stored evaluation"
    if code == "no_assessment":
        return f"--period {d.get('period')}: no rating self-assessment is stored for that period"
    if code == "unwritable_out":
        reason = {"no_such_folder": "its folder does not exist", "is_a_directory": "it is a folder",
                  "not_writable": "not writable"}.get(d.get("reason"), d.get("reason"))
        return f"--out {d.get('path')}: cannot write the file ({reason})"
    if code == "unknown_format":
        return f"unknown format {d.get('format')!r}"
    return f"cannot make the report: {code} {d}"


def _date(text: str | None):
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return False


def run(args: argparse.Namespace) -> int:
    from core.store import Store
    from core.store.errors import StoreError
    from core.store.pg import is_url
    from reports.builders.common import ReportError
    from reports.service import generate_report

    when = _date(args.date)
    if when is False:
        return fail(f"--date {args.date!r}: not a date in YYYY-MM-DD form")
    cutoff = _date(getattr(args, "as_of_record", None))
    if cutoff is False:
        return fail(f"--as-of-record {args.as_of_record!r}: not a date in YYYY-MM-DD form")
    fmt = "xlsx" if args.xlsx else "pdf"
    suffix = Path(args.out).suffix.lower()
    if suffix in (".pdf", ".xlsx") and suffix != "." + fmt:
        return fail(f"--out {args.out}: a {suffix[1:].upper()} name for a {fmt.upper()} report "
                    + ("(add --xlsx for a workbook)" if fmt == "pdf" else "(--xlsx writes a workbook: name it .xlsx)"))
    user = args.user or getpass.getuser()
    try:  # cheap checks first: a typo must not wait for the demo database to be built
        from reports.builders.common import report_period
        from reports.service import check_out_path
        report_period(args.kind, args.period)
        check_out_path(args.out)
    except ReportError as err:
        return fail(_message(err))
    tmp = None
    try:
        if args.demo:
            from core.demo import load_demo
            tmp = tempfile.TemporaryDirectory(prefix="riskdesk-report-")
            store = Store.open_demo(Path(tmp.name) / "demo.sqlite3")   # same chain head every time
            load_demo(store)
        else:
            if not is_url(args.db) and not Path(args.db).is_file():     # a file, or the team database
                return fail(f"--db {args.db}: no such database file")
            store = Store.open(args.db)
    except StoreError as err:
        if tmp is not None:
            tmp.cleanup()
        return store_failure(err, args.db or "demo database")
    try:
        options = {"names": True} if args.kind == "disclosure" and args.names else None
        rec = generate_report(store, args.kind, args.period, args.out, fmt=fmt, date=when, user=user,
                              options=options, as_of_record=cutoff)
    except ReportError as err:
        return fail(_message(err))
    except StoreError as err:          # e.g. busy or full while recording the report
        return store_failure(err, args.db or "demo database")
    finally:
        store.close()
        if tmp is not None:
            tmp.cleanup()
    print(f"{rec.path}: {args.kind} report for {rec.period} (as of {rec.document.as_of.isoformat()}), "
          f"sha256 {rec.sha256}, recorded as report {rec.id}")
    state = rec.document.approval
    if state is not None:
        print(_approval_line(state))
    return 0


def _approval_line(state) -> str:
    """One English line: final (who approved, when) or a draft and why (core.approvals status codes)."""
    a = state.approval
    if state.final:
        return (f"final: approved by {a.approving_body} ({a.meeting_ref}) on {a.approval_date.isoformat()}, "
                f"officer text record {a.text_id} (sha256 {a.text_sha256[:12]}…), recorded {a.created_at} by "
                f"{a.created_by or '-'}")
    if state.status == "text_changed":
        return (f"draft: the disclosure text changed after its approval by {a.approving_body} "
                f"({a.meeting_ref}, {a.approval_date.isoformat()}); have the current text approved and record it")
    if state.status in ("content_changed", "not_year_end"):
        return (f"draft: the text is the one {a.approving_body} approved ({a.meeting_ref}, "
                f"{a.approval_date.isoformat()}), but the document is not the one approved: "
                + ("records changed after the approval (the document now prints other figures or statements)"
                   if state.status == "content_changed" else "its data are not the year's end")
                + f" ({getattr(state, 'reason', '')}); have this document approved and record it")
    if state.status == "no_text":
        return "draft: no disclosure text is saved for the period, so there is nothing the board has approved"
    return "draft: the board's approval of the disclosure text is not on record"
