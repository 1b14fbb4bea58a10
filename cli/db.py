"""`python main.py db verify PATH [--head HASH] [--json]` and `python main.py db backup PATH OUT`.

verify: the history file as RiskDesk wrote it? (core.store.verify: SQLite's integrity check, the schema
objects and triggers of its version, the hash chain, the chain heads printed on reports.) Exit 0 when all
hold; else 1, with the first broken entry and what is wrong in words on stdout (every problem, up to 50),
or 2 when the file cannot be read at all. The file is opened read-only and never migrated.

backup: a consistent copy made with SQLite's online backup API (safe while RiskDesk has the file open),
then verified; OUT must not exist. Exit 0 with the copy's chain head, 2 when it cannot be made.
"""
from __future__ import annotations

import json

from cli.errors import EXIT_BAD_INPUT, fail

EXIT_TAMPERED = 1
MAX_SHOWN = 50


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("db", help="verify or back up a history database",
                              description="Checks that a history database was not altered outside RiskDesk, "
                                          "or copies it safely.")
    sub = p.add_subparsers(dest="db_command", required=True)
    v = sub.add_parser("verify", help="check the hash chain, the triggers and SQLite's integrity",
                       description="Exit 0 when the history verifies; 1 with the first broken entry otherwise.")
    v.add_argument("path", metavar="PATH", help="the history database")
    v.add_argument("--head", metavar="HASH", action="append", default=[],
                   help="a chain head copied from a report (footer '链头'); may be given several times")
    v.add_argument("--json", action="store_true", help="print the outcome as JSON")
    b = sub.add_parser("backup", help="copy the database with SQLite's online backup, then verify the copy")
    b.add_argument("path", metavar="PATH", help="the history database")
    b.add_argument("out", metavar="OUT", help="the new file (must not exist)")


def run(args) -> int:
    if args.db_command == "verify":
        return _verify(args)
    return _backup(args)


def _verify(args) -> int:
    from core.store.chain import short
    from core.store.verify import verify_file
    from wording.store import problem_sentence, verification_summary

    result = verify_file(args.path, heads=args.head)
    unreadable = bool(result.problems) and result.problems[0].code in ("unreadable", "not_a_database")
    if args.json:
        print(json.dumps({"ok": result.ok, "path": result.path, "schema_version": result.schema_version,
                          "entries": result.entries, "head": result.head,
                          "problems": [{"code": p.code, **p.detail, "message": problem_sentence(p, "en")}
                                       for p in result.problems]}, ensure_ascii=False))
    else:
        print(verification_summary(result, "en", short(result.head)))
        for p in result.problems[1:MAX_SHOWN]:
            print("  also: " + problem_sentence(p, "en"))
        if len(result.problems) > MAX_SHOWN:
            print(f"  ... and {len(result.problems) - MAX_SHOWN} more problems")
    if result.ok:
        return 0
    return EXIT_BAD_INPUT if unreadable else EXIT_TAMPERED


def _backup(args) -> int:
    import sqlite3
    from pathlib import Path

    from core.store.base import classify
    from core.store.chain import short
    from core.store.verify import backup_file, verify_file
    from wording.store import store_error_sentence, verification_summary

    out = Path(args.out)
    if out.exists():
        return fail(f"{out}: the file exists already; a backup never overwrites a file (choose a new name)")
    if not out.parent.is_dir():
        return fail(f"{out}: the folder {out.parent} does not exist")
    try:
        backup_file(args.path, out)       # read-only: never migrates or writes the original
    except FileNotFoundError:
        return fail(f"{args.path}: no such database file")
    except sqlite3.Error as exc:
        err = classify(exc, args.path)
        return fail((store_error_sentence(err.code, {"path": args.path, **err.detail}, "en") if err else None)
                    or f"{args.path}: cannot back up ({exc})")
    except OSError as exc:
        return fail(f"{out}: cannot write the backup ({exc.strerror or exc})")
    result = verify_file(out)
    print(f"backup written to {out}")
    print(verification_summary(result, "en", short(result.head)))
    # a file from before the chain (schema < v5) is copied as it is: nothing to verify yet is not a failure
    older = [p.code for p in result.problems] == ["no_chain"]
    return 0 if result.ok or older else EXIT_TAMPERED
