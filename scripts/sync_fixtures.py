"""Bring the specification's acceptance examples into the repository's test fixtures, knowingly.

The tests read the example inputs and expected outputs from `tests/fixtures/examples/` only (the repository
must stand alone), and `tests/test_fixtures.py` fails when a file there differs from the SHA-256 manifest
`tests/fixtures/examples.sha256`. So a fixture changes only through this script, which copies a folder of
examples (the specification's `examples/` folder: `rating/*.json` with `*.expected.json`, `small-group/*`),
removes fixtures the source no longer has, rewrites the manifest and says what changed — the commit then
shows the manifest diff next to the data diff.

    .venv/bin/python scripts/sync_fixtures.py SPEC/examples           # copy, rewrite the manifest, list changes
    .venv/bin/python scripts/sync_fixtures.py SPEC/examples --check   # only compare; exit 1 if anything differs
    .venv/bin/python scripts/sync_fixtures.py --check                 # fixtures against the manifest only

The manifest has the format of `sha256sum` (`sha256sum -c` checks it from `tests/fixtures/examples`).
"""
from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEST = ROOT / "tests" / "fixtures" / "examples"
MANIFEST = ROOT / "tests" / "fixtures" / "examples.sha256"


def _is_data(path: Path, base: Path) -> bool:
    """Files worth copying: not hidden, not caches (a source folder may be someone's working copy)."""
    parts = path.relative_to(base).parts
    return path.is_file() and not any(p.startswith(".") or p == "__pycache__" for p in parts)


def digests(folder: Path) -> dict[str, str]:
    """{POSIX path relative to folder: SHA-256 hex} of every data file below folder."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if _is_data(p, folder)}


def manifest_text(sums: dict[str, str]) -> str:
    return "".join(f"{digest}  {name}\n" for name, digest in sorted(sums.items()))


def read_manifest(path: Path) -> dict[str, str]:
    """The manifest as {name: digest}; a malformed line raises ValueError naming its line number."""
    sums = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64 or not name:
            raise ValueError(f"{path}: line {n} is not '<sha256>  <path>': {line!r}")
        sums[name] = digest
    return sums


def differences(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """Lines 'added X', 'changed X', 'removed X' going from old to new."""
    out = [f"added {n}" for n in sorted(new.keys() - old.keys())]
    out += [f"changed {n}" for n in sorted(old.keys() & new.keys()) if old[n] != new[n]]
    out += [f"removed {n}" for n in sorted(old.keys() - new.keys())]
    return out


def sync(source: Path, dest: Path = DEST, manifest: Path = MANIFEST) -> list[str]:
    """Make dest an exact copy of source's data files and write the manifest; return what changed."""
    new = digests(source)
    if not new:
        raise ValueError(f"{source}: no files to copy")
    old = digests(dest) if dest.is_dir() else {}
    for name in sorted(old.keys() - new.keys()):
        (dest / name).unlink()
    for name in sorted(new):
        if old.get(name) != new[name]:
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / name, target)
    for folder in sorted((p for p in dest.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):   # a folder the source dropped
            folder.rmdir()
    manifest.write_text(manifest_text(new), encoding="utf-8", newline="\n")
    return differences(old, new)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("source", nargs="?", type=Path, help="the folder of examples to copy from")
    p.add_argument("--check", action="store_true", help="compare only: exit 1 if anything differs")
    p.add_argument("--dest", type=Path, default=DEST, help=argparse.SUPPRESS)
    p.add_argument("--manifest", type=Path, default=MANIFEST, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.source is not None and not args.source.is_dir():
        print(f"{args.source}: not a folder", file=sys.stderr)
        return 2
    if args.check:
        have = digests(args.dest) if args.dest.is_dir() else {}
        try:
            listed = read_manifest(args.manifest) if args.manifest.is_file() else {}
        except ValueError as err:
            print(err, file=sys.stderr)
            return 1
        problems = [f"fixtures vs manifest: {d}" for d in differences(listed, have)]
        if args.source is not None:
            problems += [f"source vs fixtures: {d}" for d in differences(have, digests(args.source))]
        for line in problems:
            print(line)
        return 1 if problems else 0
    if args.source is None:
        p.error("give the folder to copy from (or --check)")
    try:
        changes = sync(args.source, args.dest, args.manifest)
    except ValueError as err:
        print(err, file=sys.stderr)
        return 2
    for line in changes:
        print(line)
    print(f"{len(changes)} change(s); manifest written: {args.manifest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
