"""Where the built-in demo group lives (resources/demo/), for the GUI's --demo, the `demo` command and reports.

Pure path and JSON helpers, no database and no Qt: the GUI fills its fresh database from these, the CLI
copies them out. The data is fictional (澄川保险集团); resources/demo/README.md describes it and
scripts/make_demo.py made it.

Layout:
    resources/demo/<YYYY-MM-DD>/   one complete group data folder per snapshot (interfaces.md)
    resources/demo/rating-<YYYY>.json       rating self-assessment inputs of the life member, by period
    resources/demo/regulator-<YYYY>.json    the regulator's actual level for that period
"""
from __future__ import annotations

import json
import re
from pathlib import Path

_DATE_DIR = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RATING = re.compile(r"^rating-(\d{4})\.json$")
_REGULATOR = re.compile(r"^regulator-(\d{4})\.json$")

DATA_FILES = ("group.csv", "members.csv", "counterparties.csv", "exposures.csv", "limits.csv", "business.csv")


def demo_dir() -> Path:
    """resources/demo/ of this checkout or installation."""
    return Path(__file__).resolve().parent.parent / "resources" / "demo"


def demo_snapshot_dirs(base: Path | None = None) -> list[Path]:
    """The snapshot folders (named by their as_of date, each with a group.csv), oldest first."""
    base = demo_dir() if base is None else Path(base)
    if not base.is_dir():
        return []
    return sorted((p for p in base.iterdir() if p.is_dir() and _DATE_DIR.match(p.name) and (p / "group.csv").is_file()),
                  key=lambda p: p.name)


def demo_current_dir(base: Path | None = None) -> Path:
    """The latest snapshot folder (the one `demo --out` writes)."""
    dirs = demo_snapshot_dirs(base)
    if not dirs:
        raise FileNotFoundError(f"no demo snapshot under {demo_dir() if base is None else base}")
    return dirs[-1]


def _by_period(base: Path | None, pattern: re.Pattern) -> list[tuple[str, Path]]:
    base = demo_dir() if base is None else Path(base)
    if not base.is_dir():
        return []
    found = [(m.group(1), p) for p in base.iterdir() if p.is_file() and (m := pattern.match(p.name))]
    return sorted(found)


def demo_rating_inputs(base: Path | None = None) -> list[Path]:
    """The rating input files (interfaces.md, "Rating input"), oldest period first."""
    return [p for _, p in _by_period(base, _RATING)]


def demo_regulator_results(base: Path | None = None) -> list[dict]:
    """The regulator's actual levels: [{"company", "period", "final_level", "received", "note", ...}], oldest first."""
    return [json.loads(p.read_text(encoding="utf-8")) for _, p in _by_period(base, _REGULATOR)]


def load_json(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


DEMO_USER = "演示用户"


def load_demo(store, user: str = DEMO_USER) -> dict:
    """Fill a fresh store with the demo group: every snapshot (oldest first, each evaluated with its breach
    cases), the rating self-assessments of each period, and the regulator's actual levels.

    Goes through the same functions as a user's import and a saved assessment, so the demo shows exactly
    what real data would. Returns the ids created, for tests and for the GUI's first selection.
    """
    # Imported here: path helpers above must stay cheap for `demo --out`.
    from core.concentration.snapshots import preview_import, store_snapshot
    from core.problems import InputError
    from core.rating.engine import assess, assessment_record
    from core.rating.inputs import read_rating_file
    from core.rating.rulebook import load_rulebook

    created = {"snapshots": [], "assessments": [], "regulator": []}
    for folder in demo_snapshot_dirs():
        preview = preview_import(folder)
        if not preview.ok:  # the shipped demo is tested to load; this guards a broken installation
            raise InputError(preview.problems)
        outcome = store_snapshot(store, preview, user, source=f"demo:{folder.name}")
        created["snapshots"].append(outcome.snapshot_id)
    for path in demo_rating_inputs():
        inp = read_rating_file(path)
        rulebook = load_rulebook(inp.rulebook_id, inp.rulebook_version)
        result = assess(inp, rulebook)
        record = assessment_record(result)
        created["assessments"].append(store.save_assessment(
            "self", result.company or "", result.period or path.stem[-4:], result.rulebook_id,
            result.rulebook_version, result.rulebook_sha256, inp.to_json_dict(exact=True), record, user))
    for reg in demo_regulator_results():
        created["regulator"].append(store.save_assessment(
            "regulator", reg["company"], str(reg["period"]), reg.get("rulebook"), None, None, {},
            {"final_level": reg["final_level"], "received": reg.get("received")}, user, note=reg.get("note")))
    return created
