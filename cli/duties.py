"""`python main.py duties (--demo | --db PATH) [--today YYYY-MM-DD] --json`: the duty calendar of the
guideline (governance.md "Duty calendar") derived from the records in the database: per duty and period,
the due date, the status (done / due within 60 days / overdue / not yet) and the record that satisfied it.

The database is opened read-only (nothing is written); `--demo` builds the demo history in memory.
`--today` looks at the calendar as on that day (records dated later do not count). Without --json, one
line per duty for people, in Chinese unless `--lang en` (duty and status names from wording.governance);
--json is the same in both languages. Bad input ends with exit status 2 and one line on stderr.
"""
from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from cli.errors import add_lang_argument, fail, store_failure
from wording.cli_texts import cli_lang, say


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "duties", help="the duty calendar: what is done, due, overdue (derived from the records)",
        description="Lists every duty of the guideline by period with its due date and status, derived from the "
                    "governance records in the history database (never ticked by hand).")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--demo", action="store_true", help="the demo history (built in memory)")
    src.add_argument("--db", metavar="PATH", help="the history database file (opened read-only)")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="the day to look from (default: today)")
    p.add_argument("--json", action="store_true", help="JSON on stdout")
    add_lang_argument(p)


def calendar_json(cal) -> dict:
    return {"today": cal.today.isoformat(), "start": cal.start.isoformat(), "settings": cal.settings.as_dict(),
            "duties": [i.to_json() for i in cal.items],
            "summary": {s: sum(1 for i in cal.items if i.status == s) for s in ("done", "due", "overdue", "not_yet")},
            "unnotified_major_events": [{"id": r.id, "occurred_on": r.day.isoformat(), "title": r.get("title")}
                                        for r in cal.unnotified]}


def run(args: argparse.Namespace) -> int:
    from core.governance.service import calendar_for
    from core.store import Store
    from core.store.errors import StoreError
    from core.store.pg import is_url

    lang = cli_lang(args.lang)
    try:
        today = date.fromisoformat(args.today) if args.today else date.today()
    except ValueError:
        return fail(say("bad_today", lang, value=args.today))
    try:
        if args.demo:
            from core.demo import load_demo
            store = Store.create_in_memory()
            load_demo(store)
        else:
            if not is_url(args.db) and not Path(args.db).is_file():     # a file, or the team database
                return fail(say("no_such_db", lang, path=args.db))
            store = Store.open(args.db, read_only=True)
    except StoreError as err:
        return store_failure(err, args.db or say("demo_database", lang), lang=lang)
    try:
        cal = calendar_for(store, today)
    finally:
        store.close()
    if args.json:
        print(json.dumps(calendar_json(cal), ensure_ascii=False, indent=1))
        return 0
    for i in cal.items:
        print(duty_line(i, lang))
    return 0


def duty_line(i, lang: str) -> str:
    """status, due date, duty, period and the record that did it: codes in English, names in Chinese (a
    major event as the home screen shows it, its number and title)."""
    from wording.governance import duty_name, record_name, status_name

    due = i.due.isoformat() if i.due else "-"
    if lang == "en":
        done = say("duty_done_by", lang, kind=i.record["kind"], id=i.record["id"], date=i.record["date"]) if i.record else ""
        return f"{i.status:8} {due:10} {i.duty} {i.period}{done}"
    done = (say("duty_done_by", lang, kind=record_name(i.record["kind"], lang), id=i.record["id"],
                date=i.record["date"]) if i.record else "")
    period = i.period
    if i.duty == "major_event_notice":
        period = f"#{i.detail.get('event_id')} {i.detail.get('title') or ''}".rstrip()
    status = status_name(i.status, lang)
    pad = " " * max(0, 8 - 2 * len(status))        # a Chinese character takes two columns of a terminal
    return f"{status}{pad} {due:10} {duty_name(i.duty, lang)} {period}{done}"
