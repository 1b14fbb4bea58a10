"""`python main.py demo --out DIR [--force] [--no-previous]` | `python main.py demo --db PATH`

Writes the built-in demo group (resources/demo/, fictional 澄川保险集团) as a group data folder:
DIR/group.csv, members.csv, counterparties.csv, exposures.csv, limits.csv, business.csv of the latest
snapshot (so `python main.py concentration DIR --json` works on it), DIR/rating.json (the latest rating
self-assessment input, so `python main.py rate DIR/rating.json --json` works), and unless --no-previous
the previous half-year in DIR/previous/ with DIR/rating-previous.json.

Existing files with other content are not overwritten unless --force (identical files are fine, so the
command can be repeated). `--db PATH` instead writes the demo history database (the one `--demo` opens: its
snapshots, limits, cases, governance records and reports) to PATH, so that anyone can script against it; an
existing PATH is never overwritten. Problems: a message on stderr, exit status 2, nothing written. What it
says is Chinese unless `--lang en` (wording.cli_texts).
"""
from __future__ import annotations

from pathlib import Path

from cli.errors import add_lang_argument, fail
from wording.cli_texts import cli_lang, say


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("demo", help="write the demo group as a data folder plus a rating input",
                              description="Writes the built-in demo group (fictional) as a group data folder "
                                          "plus rating.json.")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", metavar="DIR", help="the folder to write (created if missing)")
    where.add_argument("--db", metavar="PATH", help="write the demo history database (as --demo opens it) to PATH")
    p.add_argument("--force", action="store_true", help="overwrite existing files that differ")
    p.add_argument("--no-previous", action="store_true", dest="no_previous",
                   help="do not write the previous snapshot (DIR/previous/, DIR/rating-previous.json)")
    add_lang_argument(p)


def plan(out: Path, with_previous: bool = True) -> list[tuple[Path, Path]]:
    """(source, target) pairs of everything `demo --out` writes."""
    from core.demo import DATA_FILES, demo_rating_inputs, demo_snapshot_dirs

    snaps = demo_snapshot_dirs()
    ratings = demo_rating_inputs()
    if not snaps or not ratings:
        raise FileNotFoundError("the demo data (resources/demo/) is missing from this installation")
    pairs = [(snaps[-1] / f, out / f) for f in DATA_FILES if (snaps[-1] / f).is_file()]
    pairs.append((ratings[-1], out / "rating.json"))
    if with_previous and len(snaps) > 1:
        pairs += [(snaps[-2] / f, out / "previous" / f) for f in DATA_FILES if (snaps[-2] / f).is_file()]
        if len(ratings) > 1:
            pairs.append((ratings[-2], out / "rating-previous.json"))
    return pairs


def write_db(path: Path, lang: str = "en") -> int:
    """The demo history database at `path` (refused if something is there already)."""
    from cli.errors import store_failure
    from core.demo import load_demo
    from core.store import Store
    from core.store.errors import StoreError

    if path.exists():
        return fail(say("demo_db_exists", lang, path=path))
    if not path.parent.is_dir():
        return fail(say("demo_db_no_folder", lang, path=path))
    try:
        store = Store.open_demo(path)   # the same chain head as --demo, so its reports are byte-identical
        try:
            load_demo(store)
        finally:
            store.close()
    except StoreError as err:
        if path.exists():
            path.unlink()
        return store_failure(err, str(path), lang=lang)
    print(say("demo_db_written", lang, path=path))
    return 0


def run(args) -> int:
    lang = cli_lang(args.lang)
    if args.db:
        from core.store.pg import is_url, redact

        if is_url(args.db):     # not a path: Path() would fold its '//' and call it a missing folder
            return fail(say("demo_db_url", lang, url=redact(args.db)))
        return write_db(Path(args.db), lang)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        return fail(say("not_a_folder", lang, path=out))
    try:
        pairs = plan(out, with_previous=not args.no_previous)
    except FileNotFoundError:
        return fail(say("demo_missing", lang))
    contents = [(src.read_bytes(), dst) for src, dst in pairs]
    clashes = [dst for data, dst in contents
               if dst.exists() and (dst.is_dir() or (not args.force and dst.read_bytes() != data))]
    dirs = [dst for dst in clashes if dst.is_dir()]
    if dirs:
        return fail(say("is_a_folder", lang, path=dirs[0]))
    if clashes:
        names = ", ".join(str(p) for p in clashes[:5]) + (say("and_more", lang, n=len(clashes) - 5)
                                                           if len(clashes) > 5 else "")
        return fail(say("would_overwrite", lang, out=out, names=names))
    if (out / "previous").exists() and not (out / "previous").is_dir() and not args.no_previous:
        return fail(say("not_a_folder", lang, path=out / "previous"))
    try:
        for data, dst in contents:
            dst.parent.mkdir(parents=True, exist_ok=True)
            if not (dst.exists() and dst.read_bytes() == data):
                dst.write_bytes(data)
    except OSError as err:
        return fail(say("demo_cannot_write", lang, out=out, reason=err.strerror or err))
    print(say("demo_written", lang, out=out, n=len(contents)))
    return 0
