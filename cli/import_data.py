"""`python main.py import DATA --db PATH [--user NAME] [--header-row FILE=N] [--lang zh|en]`: validate and store a data
folder as a dated snapshot (`--header-row`: a file's header is on row N, when it is not found in the first rows).

Nothing is stored when the data has an error (exit 2, every problem on stderr); the data is checked before
the database is opened, so a refused import creates no database file and changes none. A snapshot of the
same as-of date (or the very same data) already stored refuses the import unless --allow-same-date.
Warnings (data that does not reconcile, holdings implausibly far from total assets) are printed on stderr
and the import goes on. On success one line per fact on stdout: the snapshot,
its as-of date, the limit statuses and the breach cases opened. Messages and problems are in Chinese unless
`--lang en` (wording.cli_texts); --json output is language-neutral.
"""
from __future__ import annotations

import getpass
import json
import sys

from cli import heap
from cli.errors import (
    EXIT_BAD_INPUT,
    add_data_arguments,
    fail,
    header_rows,
    print_problems,
    refuse_data,
    report_input_error,
    store_failure,
)


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("import", help="store a data folder or workbook as a dated snapshot",
                              description="Validates a group data folder (CSV) or workbook (.xlsx) and stores it "
                                          "in the history database as an immutable snapshot, with its evaluation.")
    p.add_argument("--db", metavar="PATH", required=True, help="the history database (created if missing)")
    p.add_argument("--user", metavar="NAME", help="who imports (default: the login name)")
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")
    p.add_argument("--allow-same-date", action="store_true", dest="allow_same_date",
                   help="store even when a snapshot of the same as-of date (or the very same data) is stored "
                        "already (the reports of the period then use the newer one)")
    add_data_arguments(p)




def _heap_for_one_import() -> None:
    """Tune glibc's malloc for a process that reads, evaluates and stores once and exits, for the rest of the
    process: every thread served from one heap (M_ARENA_MAX = 1): by default each thread that allocates (the
    CSV reader's checks, the blocks' encoders, the BLAS threads numpy starts) gets an arena of its own, whose
    freed pages stay apart and are faulted in afresh elsewhere (at a million exposures ~10-20 MB more at the
    peak and ~0.2 s of system time); only effective before those threads start, so before numpy is imported.
    Blocks up to 32 MiB come from the heap instead of a mapping each (M_MMAP_THRESHOLD) and the heap grows
    256 MiB at a time (M_TOP_PAD), as the concentration command has it: the reading and the evaluation
    allocate and free dozens of 8-30 MB arrays, by default each a fresh mapping whose pages are faulted in and
    zeroed again (at a million exposures 0.8-1.0 s of system time in the whole import, 0.6-0.7 s with these).
    The pad goes back to glibc's default for the store step (`_heap_for_the_store`)."""
    heap.mallopt((heap.M_ARENA_MAX, 1), *heap.ONE_EVALUATION)


def _heap_for_the_store() -> None:
    """glibc's default pad again once the data are read and evaluated: the freed top of the heap is given back
    as the store step frees its parts. Measured at a million exposures, the whole command alternated with the
    256 MiB pad kept to the end (6 runs each): system time 0.67 s against 0.96 s (median), the peak the same
    within the runs' spread (~865-890 MiB either way). Not in a process that keeps what it frees (core.memory,
    the command run as `main.py import`, heap.for_a_quick_exit): there trimming the heap's top only makes the
    store step fault the same pages in again (at a million exposures, 6 alternated rounds: 3.25 -> 3.01 s,
    peak 803 -> 822 MiB)."""
    from core import memory  # noqa: PLC0415 - imports nothing heavy

    if not memory.keeps_freed_memory():
        heap.mallopt((heap.M_TOP_PAD, heap.DEFAULT_TOP_PAD))


def run(args) -> int:
    _heap_for_one_import()         # first: nothing imported yet has started a thread
    from wording.cli_texts import cli_lang, say

    lang = cli_lang(args.lang)
    user = args.user or getpass.getuser()
    # check the data before the database is even opened: a refused import creates no database file and
    # touches no existing one
    chosen = header_rows(args.header_row, lang)
    if isinstance(chosen, str):
        return fail(chosen)
    # the data folder's large files are read and parsed in a thread while the modules below are imported
    # (before pandas: core.concentration.read_ahead does not import it); the reading takes them
    from core.concentration import read_ahead
    read_ahead.start(args.data)
    from core.concentration.snapshots import preview_import, same_date_snapshots, store_snapshot, summary_counts
    from core.problems import InputError
    from core.store import Store
    from core.store.errors import StoreError
    from wording.limit_status import no_basis_reason, no_basis_summary

    preview = preview_import(args.data, chosen)
    _heap_for_the_store()
    if not preview.ok:
        return refuse_data(preview.problems, lang)
    try:
        store = Store.open(args.db)
    except StoreError as err:
        return store_failure(err, args.db, lang=lang)
    if store.is_team:           # the team database: the user is the login (the server records it anyway)
        user = store.os_user or user
    try:
        if not args.allow_same_date:
            same = same_date_snapshots(store, preview.data)
            if same:
                print_problems(preview.warnings, lang=lang)
                print(_same_date_message(args.db, preview.data.group.as_of, same, lang), file=sys.stderr)
                return EXIT_BAD_INPUT
        # the preview is not read after: its million rows are let go once stored (a lower peak)
        outcome = store_snapshot(store, preview, user, source=str(args.data), release_rows=True)
    except InputError as err:
        return report_input_error(err, lang=lang)
    except StoreError as err:          # busy past the timeout, disk full, read-only media: nothing stored
        return store_failure(err, args.db, lang=lang)
    finally:
        store.close()
    if outcome.warnings:
        print_problems(outcome.warnings, lang=lang)
    counts = summary_counts(outcome.result_json)
    unmeasured = no_basis_summary(outcome.result_json.get("limits", []), lang)
    if args.json:
        # language-neutral: codes and numbers (the no_basis reason stays English, docs/interfaces.md)
        print(json.dumps({"snapshot_id": outcome.snapshot_id, "evaluation_id": outcome.evaluation_id,
                          "as_of": outcome.result_json.get("as_of"), "statuses": counts,
                          "opened_cases": list(outcome.opened_cases),
                          "observed_cases": list(outcome.observed_cases),
                          "limits_approved": outcome.result_json.get("limits_approved", False),
                          "no_basis": [{"limit_id": lim["limit_id"], "reason": no_basis_reason(lim, "en")}
                                       for lim in outcome.result_json.get("limits", [])
                                       if lim.get("status") == "no_basis"],
                          "proposal_id": outcome.proposal_id}, ensure_ascii=False))
        return 0
    print(say("stored", lang, id=outcome.snapshot_id, as_of=outcome.result_json.get("as_of"), user=user))
    governed = say("governed_approved" if outcome.result_json.get("limits_approved") else "governed_data", lang)
    line = say("limit_counts", lang, governed=governed, breach=counts["breach"], warning=counts["warning"],
               ok=counts["ok"])
    if counts.get("no_basis"):
        line += say("limit_counts_unmeasured", lang, n=counts["no_basis"])
    print(line)
    if unmeasured:
        print(unmeasured)
    if outcome.proposal_id is not None:
        print(say("proposal_recorded", lang, id=outcome.proposal_id))
    print(say("cases", lang, opened=len(outcome.opened_cases), seen=len(outcome.observed_cases)))
    return 0


def _same_date_message(db, as_of, same, lang: str = "en") -> str:
    """Why the import was refused: the same data, or another snapshot of that date, is stored already."""
    from wording.cli_texts import say

    first = same[0]
    who = say("same_date_who", lang, date=first.info.created_at[:10], who=first.info.created_by or "-")
    if first.same_data:
        what = say("same_data", lang, id=first.info.id, who=who)
    else:
        what = say("same_as_of", lang, id=first.info.id, who=who, as_of=as_of.isoformat())
    return say("same_date_refused", lang, db=db, what=what)
