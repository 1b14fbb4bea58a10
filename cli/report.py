"""`python main.py report semiannual|rating|quarterly|disclosure|annual_chapter (--demo | --db PATH) --period P --out FILE
[--date YYYY-MM-DD] [--as-of-record YYYY-MM-DD] [--xlsx] [--user NAME] [--names]`: generate a board report and record it in the database.

The report uses the latest stored snapshot whose as_of falls in the period and is dated by that as_of (or
--date), so the same database gives the same bytes. `--demo` builds a fresh temporary database from the
demo group (core.demo.load_demo) and removes it afterwards. `--as-of-record` is the cut-off: the report
reads only the records made up to that day (cases, texts, approvals, governance records, snapshots), so a
closed period's report made later says what was known then. The disclosure also prints whether it is final
(the board approved exactly its text) or a draft, and why. Bad input (period, missing snapshot or
assessment, unwritable output) ends with exit status 2 and one line on stderr; nothing is written.

Messages speak Chinese unless `--lang en` (wording.cli_texts). Two lines are contracts scripts read
(docs/interfaces.md) and keep their structure in both languages: the receipt
`FILE: KIND report for PERIOD (as of DATE), sha256 HEX, recorded as report N`, printed exactly so, and the
disclosure's line, which starts `final: ` or `draft: ` (then says why in the chosen language).
"""
from __future__ import annotations

import argparse
import getpass
import tempfile
from datetime import date
from pathlib import Path

from cli.errors import add_lang_argument, fail, store_failure
from wording.cli_texts import cli_lang, say

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
    add_lang_argument(p)


def _message(err, lang: str = "en") -> str:
    """One line for a ReportError, in `lang`."""
    from reports.builders.common import PERIOD_KINDS

    d = err.detail
    code = err.code
    if code == "bad_period":
        key = "period_out_of_range" if d.get("reason") == "period_out_of_range" else "period_not_a_code"
        return say(key, lang, period=d.get("period"))
    if code == "wrong_period_kind":
        kind = d.get("kind")
        if kind not in PERIOD_KINDS:
            return say("period_wrong_kind", lang, period=d.get("period"), kind=kind, expected=d.get("expected"))
        return say("period_wrong_kind", lang, period=d.get("period"), kind=say(f"report_kind_{kind}", lang),
                   expected=say(f"period_kind_{PERIOD_KINDS[kind][0]}", lang))
    if code == "no_snapshot":
        return say("no_snapshot", lang, period=d.get("period"), start=d.get("start"), end=d.get("end"))
    if code == "no_evaluation":
        return say("no_evaluation", lang, snapshot_id=d.get("snapshot_id"))
    if code == "no_assessment":
        return say("no_assessment", lang, period=d.get("period"))
    if code == "unwritable_out":
        reason = d.get("reason")
        if reason in ("no_such_folder", "is_a_directory", "not_writable"):
            reason = say(f"out_{reason}", lang)
        return say("unwritable_out", lang, path=d.get("path"), reason=reason)
    if code == "unknown_format":
        return say("unknown_format", lang, format=d.get("format"))
    return say("report_failed", lang, code=code, detail=d)


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

    lang = cli_lang(args.lang)
    when = _date(args.date)
    if when is False:
        return fail(say("not_a_date", lang, option="--date", value=args.date))
    cutoff = _date(getattr(args, "as_of_record", None))
    if cutoff is False:
        return fail(say("not_a_date", lang, option="--as-of-record", value=args.as_of_record))
    fmt = "xlsx" if args.xlsx else "pdf"
    suffix = Path(args.out).suffix.lower()
    if suffix in (".pdf", ".xlsx") and suffix != "." + fmt:
        return fail(say(f"out_suffix_{fmt}", lang, path=args.out, suffix=suffix[1:].upper(), suffix_lower=suffix[1:]))
    user = args.user or getpass.getuser()
    try:  # cheap checks first: a typo must not wait for the demo database to be built
        from reports.builders.common import report_period
        from reports.service import check_out_path
        report_period(args.kind, args.period)
        check_out_path(args.out)
    except ReportError as err:
        return fail(_message(err, lang))
    tmp = None
    try:
        if args.demo:
            from core.demo import load_demo
            tmp = tempfile.TemporaryDirectory(prefix="riskdesk-report-")
            store = Store.open_demo(Path(tmp.name) / "demo.sqlite3")   # same chain head every time
            load_demo(store)
        else:
            if not is_url(args.db) and not Path(args.db).is_file():     # a file, or the team database
                return fail(say("no_such_db", lang, path=args.db))
            store = Store.open(args.db)
    except StoreError as err:
        if tmp is not None:
            tmp.cleanup()
        return store_failure(err, args.db or say("demo_database", lang), lang=lang)
    try:
        options = {"names": True} if args.kind == "disclosure" and args.names else None
        rec = generate_report(store, args.kind, args.period, args.out, fmt=fmt, date=when, user=user,
                              options=options, as_of_record=cutoff)
    except ReportError as err:
        return fail(_message(err, lang))
    except StoreError as err:          # e.g. busy or full while recording the report
        return store_failure(err, args.db or say("demo_database", lang), lang=lang)
    finally:
        store.close()
        if tmp is not None:
            tmp.cleanup()
    # the receipt: a contract (docs/interfaces.md), the same line in every language
    print(f"{rec.path}: {args.kind} report for {rec.period} (as of {rec.document.as_of.isoformat()}), "
          f"sha256 {rec.sha256}, recorded as report {rec.id}")
    state = rec.document.approval
    if state is not None:
        print(_approval_line(state, lang))
    return 0


def _approval_line(state, lang: str = "en") -> str:
    """One line: final (who approved, when) or a draft and why (core.approvals status codes); it starts
    `final: ` or `draft: ` in every language (a contract), then speaks `lang`."""
    a = state.approval
    if state.final:
        return say("final", lang, body=a.approving_body, meeting=a.meeting_ref, date=a.approval_date.isoformat(),
                   text_id=a.text_id, sha=a.text_sha256[:12], created_at=a.created_at, by=a.created_by or "-")
    if state.status == "text_changed":
        return say("draft_text_changed", lang, body=a.approving_body, meeting=a.meeting_ref,
                   date=a.approval_date.isoformat())
    if state.status in ("content_changed", "not_year_end"):
        why = say("why_content_changed" if state.status == "content_changed" else "why_not_year_end", lang)
        return say("draft_document_changed", lang, body=a.approving_body, meeting=a.meeting_ref,
                   date=a.approval_date.isoformat(), why=why, reason=getattr(state, "reason", ""))
    if state.status == "no_text":
        return say("draft_no_text", lang)
    return say("draft_not_approved", lang)
