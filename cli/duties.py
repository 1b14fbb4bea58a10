"""`python main.py duties (--demo | --db PATH) [--today YYYY-MM-DD] --json`: the duty calendar of the
guideline (governance.md "Duty calendar") derived from the records in the database: per duty and period,
the due date, the status (done / due within 60 days / overdue / not yet) and the record that satisfied it.

The database is opened read-only (nothing is written); `--demo` builds the demo history in memory.
`--today` looks at the calendar as on that day (records dated later do not count). Without --json, one
line per duty. Bad input ends with exit status 2 and one line on stderr.
"""
from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from cli.errors import fail, store_failure


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

    try:
        today = date.fromisoformat(args.today) if args.today else date.today()
    except ValueError:
        return fail(f"--today {args.today!r}: not a date in YYYY-MM-DD form")
    try:
        if args.demo:
            from core.demo import load_demo
            store = Store.create_in_memory()
            load_demo(store)
        else:
            if not is_url(args.db) and not Path(args.db).is_file():     # a file, or the team database
                return fail(f"--db {args.db}: no such database file")
            store = Store.open(args.db, read_only=True)
    except StoreError as err:
        return store_failure(err, args.db or "demo database")
    try:
        cal = calendar_for(store, today)
    finally:
        store.close()
    if args.json:
        print(json.dumps(calendar_json(cal), ensure_ascii=False, indent=1))
        return 0
    for i in cal.items:
        done = f" by {i.record['kind']} {i.record['id']} of {i.record['date']}" if i.record else ""
        print(f"{i.status:8} {i.due.isoformat() if i.due else '-':10} {i.duty} {i.period}{done}")
    return 0
