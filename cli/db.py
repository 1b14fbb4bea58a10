"""`python main.py db verify PATH [--head HASH] [--json]`, `db backup PATH OUT`, and for the team database
(PostgreSQL, issue 13) `db init-team URL`, `db grant URL LOGIN ROLE [--member CODE]`, `db copy FILE URL`.

verify: the history file as RiskDesk wrote it? (core.store.verify: SQLite's integrity check, the schema
objects and triggers of its version, the hash chain, the chain heads printed on reports.) Exit 0 when all
hold; else 1, with the first broken entry and what is wrong in words on stdout (every problem, up to 50),
or 2 when the file cannot be read at all. The file is opened read-only and never migrated.

backup: a consistent copy made with SQLite's online backup API (safe while RiskDesk has the file open),
then verified; OUT must not exist. Exit 0 with the copy's chain head, 2 when it cannot be made. PATH may be
a postgresql:// URL: verify checks the team database (in a read-only transaction); backup copies it, record
for record, into the new SQLite file OUT and verifies that.

init-team: on a postgresql:// URL (run by the database's owner, the administrator): the schema (created
or migrated), the NOLOGIN roles riskdesk_lead_department / _senior_management / _member_officer /
_internal_audit, their grants, the identity and decision triggers and row-level security
(core/store/pgteam.py). grant: gives a login (which the administrator created) one of those roles and puts
the grant on record; --member names a member officer's member. copy: a one-person SQLite history into an
empty team database, every record with its id and the chain, then verified there.
"""
from __future__ import annotations

import json

from cli.errors import EXIT_BAD_INPUT, add_lang_argument, fail
from wording.cli_texts import cli_lang, say

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
    b.add_argument("path", metavar="PATH", help="the history database (file or postgresql:// URL)")
    b.add_argument("out", metavar="OUT", help="the new file (must not exist)")
    t = sub.add_parser("init-team", help="set up a team database on PostgreSQL (schema, roles, grants, policies)",
                       description="Run once by the database administrator (the owner of the database).")
    t.add_argument("url", metavar="URL", help="postgresql://ADMIN@HOST/DBNAME")
    g = sub.add_parser("grant", help="give a database login one of the governance roles (team database)")
    g.add_argument("url", metavar="URL", help="postgresql://ADMIN@HOST/DBNAME")
    g.add_argument("login", metavar="LOGIN", help="the person's database login (created by the administrator)")
    g.add_argument("role", metavar="ROLE", choices=("lead_department", "senior_management", "member_officer",
                                                    "internal_audit"),
                   help="lead_department, senior_management, member_officer or internal_audit")
    g.add_argument("--member", metavar="CODE", help="the member company of a member officer (member_id)")
    g.add_argument("--reason", metavar="TEXT", help="why (kept with the grant on record)")
    c = sub.add_parser("copy", help="copy a history file into an empty team database, then verify it there")
    c.add_argument("path", metavar="FILE", help="the SQLite history database")
    c.add_argument("url", metavar="URL", help="postgresql://ADMIN@HOST/DBNAME of an empty database")
    for each in (v, b, t, g, c):
        add_lang_argument(each)


def run(args) -> int:
    if args.db_command == "verify":
        return _verify(args)
    if args.db_command == "init-team":
        return _init_team(args)
    if args.db_command == "grant":
        return _grant(args)
    if args.db_command == "copy":
        return _copy(args)
    return _backup(args)


def _team_store(url: str, lang: str):
    """The team database at `url`, or (None, exit status) after saying why not."""
    from core.store import Store, StoreError
    from core.store.pg import is_url, redact
    from wording.store import store_error_sentence

    if not is_url(url):
        return None, fail(say("db_not_url", lang, url=url))
    try:
        return Store.open(url), 0
    except StoreError as err:
        where = redact(url)
        return None, fail(store_error_sentence(err.code, {**err.detail, "path": where}, lang)
                          or say("db_cannot_open", lang, where=where, code=err.code,
                                 reason=err.detail.get("reason", "")))


def _init_team(args) -> int:
    from core.store import pgteam

    lang = cli_lang(args.lang)
    store, status = _team_store(args.url, lang)
    if store is None:
        return status
    with store:
        said = pgteam.init_team(store)
        print(say("team_ready", lang, version=store.schema_version, roles=", ".join(said["roles"])))
        print(say("team_next", lang))
    return 0


def _grant(args) -> int:
    from core.store import StoreError, pgteam
    from wording.governance import role_name

    lang = cli_lang(args.lang)
    store, status = _team_store(args.url, lang)
    if store is None:
        return status
    with store:
        if not pgteam.installed(store.conn):
            return fail(say("team_not_set_up", lang))
        try:
            gid = pgteam.grant(store, args.login, args.role, member_id=args.member, reason=args.reason)
        except StoreError as err:
            if err.code == "not_found":
                return fail(say("no_such_login", lang, login=args.login))
            return fail(say("cannot_grant", lang, role=args.role, login=args.login, code=err.code, detail=err.detail))
        member = say("granted_member", lang, member=args.member) if args.member else ""
        print(say("granted", lang, login=args.login, role=role_name(args.role, lang), member=member, id=gid))
    return 0


def _copy(args) -> int:
    import sqlite3

    from core.store import StoreError
    from core.store.chain import short
    from core.store.pg import is_url, redact
    from core.store.pgcopy import copy_history
    from core.store.verify import open_read_only, verify_file
    from wording.store import verification_summary

    lang = cli_lang(args.lang)
    if not is_url(args.url):
        return fail(say("db_not_url", lang, url=args.url))
    before = verify_file(args.path)
    if not before.ok:
        print(verification_summary(before, lang, short(before.head)))
        return fail(say("not_copied", lang, path=args.path))
    try:
        src = open_read_only(args.path)
    except (FileNotFoundError, sqlite3.Error) as exc:
        return fail(say("cannot_read", lang, path=args.path, reason=exc))
    try:
        rows = copy_history(src, args.url)
    except StoreError as err:
        return fail(say("cannot_copy", lang, url=redact(args.url), reason=f"{err.code} {err.detail}"))
    except sqlite3.Error as exc:
        return fail(say("cannot_copy", lang, url=redact(args.url), reason=exc))
    finally:
        src.close()
    after = verify_file(args.url)
    print(say("rows_copied", lang, rows=rows, url=redact(args.url)))
    print(verification_summary(after, lang, short(after.head)))
    if after.head != before.head:
        return EXIT_TAMPERED
    return 0 if after.ok else EXIT_TAMPERED


def _verify(args) -> int:
    from core.store.chain import short
    from core.store.verify import verify_file
    from wording.store import problem_sentence, verification_summary

    lang = cli_lang(args.lang)
    result = verify_file(args.path, heads=args.head)
    unreadable = bool(result.problems) and result.problems[0].code in ("unreadable", "not_a_database")
    if args.json:
        print(json.dumps({"ok": result.ok, "path": result.path, "schema_version": result.schema_version,
                          "entries": result.entries, "head": result.head,
                          "problems": [{"code": p.code, **p.detail, "message": problem_sentence(p, "en")}
                                       for p in result.problems]}, ensure_ascii=False))
    else:
        print(verification_summary(result, lang, short(result.head)))
        for p in result.problems[1:MAX_SHOWN]:
            print(say("also", lang, text=problem_sentence(p, lang)))
        if len(result.problems) > MAX_SHOWN:
            print("  " + say("more_problems", lang, n=len(result.problems) - MAX_SHOWN))
    if result.ok:
        return 0
    return EXIT_BAD_INPUT if unreadable else EXIT_TAMPERED


def _backup(args) -> int:
    import sqlite3
    from pathlib import Path

    from core.store.base import classify
    from core.store.chain import short
    from core.store.pg import is_url
    from core.store.verify import backup_file, verify_file
    from wording.store import store_error_sentence, verification_summary

    lang = cli_lang(args.lang)
    out = Path(args.out)
    if is_url(args.path):
        return _backup_team(args.path, out, lang)
    if out.exists():
        return fail(say("backup_exists", lang, out=out))
    if not out.parent.is_dir():
        return fail(say("no_folder", lang, out=out, folder=out.parent))
    try:
        backup_file(args.path, out)       # read-only: never migrates or writes the original
    except FileNotFoundError:
        return fail(say("no_db_file", lang, path=args.path))
    except sqlite3.Error as exc:
        err = classify(exc, args.path)
        return fail((store_error_sentence(err.code, {"path": args.path, **err.detail}, lang) if err else None)
                    or say("cannot_back_up", lang, path=args.path, reason=exc))
    except OSError as exc:
        return fail(say("cannot_write_backup", lang, out=out, reason=exc.strerror or exc))
    result = verify_file(out)
    print(say("backup_written", lang, out=out))
    print(verification_summary(result, lang, short(result.head)))
    # a file from before the chain (schema < v5) is copied as it is: nothing to verify yet is not a failure
    older = [p.code for p in result.problems] == ["no_chain"]
    return 0 if result.ok or older else EXIT_TAMPERED


def _backup_team(url: str, out, lang: str) -> int:
    """The team database copied record for record into the new SQLite file `out`, then verified."""
    from core.store import Store, StoreError
    from core.store.chain import short
    from core.store.pg import redact
    from core.store.verify import verify_file
    from wording.store import verification_summary

    if out.exists():
        return fail(say("backup_exists", lang, out=out))
    if not out.parent.is_dir():
        return fail(say("no_folder", lang, out=out, folder=out.parent))
    try:
        with Store.open(url, read_only=True) as store:
            store.backup_to(out)
    except StoreError as err:
        return fail(say("cannot_back_up", lang, path=redact(url),
                        reason=f"{err.code} {err.detail.get('reason', '')}".strip()))
    result = verify_file(out)
    print(say("backup_written", lang, out=out))
    print(verification_summary(result, lang, short(result.head)))
    return 0 if result.ok else EXIT_TAMPERED
