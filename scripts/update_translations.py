"""Refresh the GUI translations: lupdate over ui/ into the .ts files, then lrelease into the .qm files.

    .venv/bin/python scripts/update_translations.py            # every domain, after changing self.tr() texts
    .venv/bin/python scripts/update_translations.py rating     # only ui/rating/ (its own .ts, see below)
    .venv/bin/python scripts/update_translations.py --check    # exit 1 if a text lacks its translation
                                                               # or a .qm is not compiled from its .ts

Domains: the shell (ui/*.py, ui/common/, ui/settings/) is resources/i18n/riskdesk_zh_CN.ts; each screen
package ui/<name>/ has its own resources/i18n/<name>_zh_CN.ts, so that people working on different screens
never edit the same translation file. ui.common.i18n loads every *_zh_CN.qm in resources/i18n.

Workflow: write English in `self.tr("…")` / `QCoreApplication.translate("Context", "…")` (or
QT_TRANSLATE_NOOP for module-level lists), run this script, fill in the Chinese of every message marked
`type="unfinished"` in the domain's .ts (Qt Linguist: `.venv/bin/pyside6-linguist FILE`, or any text
editor; remove the `type="unfinished"` attribute), run the script again to compile the .qm, and commit
both files. Strings no longer in the source are dropped (-no-obsolete). tests/ui/test_i18n.py
fails while any message is untranslated or the .qm is stale.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "ui"
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("zh_CN",)
SHELL = "riskdesk"
SHELL_PACKAGES = ("common", "settings")  # sub-packages of ui/ that belong to the shell, not to a screen


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease beside this Python (the venv), else on PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        sys.exit(f"{name} not found: install PySide6 into this Python's environment")
    return found


def domains() -> dict[str, list[Path]]:
    """Translation domain -> its source files: the shell, then one per screen package."""
    shell = sorted(SOURCES.glob("*.py"))
    for name in SHELL_PACKAGES:
        shell += sorted((SOURCES / name).rglob("*.py"))
    found = {SHELL: shell}
    for package in sorted(p for p in SOURCES.iterdir() if (p / "__init__.py").exists()):
        if package.name not in SHELL_PACKAGES:
            found[package.name] = sorted(package.rglob("*.py"))
    return found


def ts_path(domain: str, lang: str) -> Path:
    return I18N / f"{domain}_{lang}.ts"


def qm_path(domain: str, lang: str) -> Path:
    return I18N / f"{domain}_{lang}.qm"


def lupdate(sources: list[Path], ts: Path, lang: str) -> None:
    # Relative paths keep the <location> lines in the .ts independent of where the checkout lives;
    # the target language gives Chinese its single plural form for %n texts.
    files = [str(p.relative_to(ROOT)) for p in sources]
    subprocess.run([tool("pyside6-lupdate"), "-no-obsolete", "-locations", "relative",
                    "-target-language", lang, *files, "-ts", str(ts)],
                   cwd=ROOT, check=True, capture_output=True, text=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def unfinished(ts: Path) -> list[str]:
    """Source texts of messages without a finished translation."""
    text = ts.read_text(encoding="utf-8")
    missing = []
    for message in re.findall(r"<message[^>]*>.*?</message>", text, flags=re.S):
        if 'type="unfinished"' in message or re.search(r"<translation>\s*</translation>", message):
            source = re.search(r"<source>(.*?)</source>", message, flags=re.S)
            missing.append(source.group(1) if source else message)
    return missing


def check(domain: str, sources: list[Path], lang: str) -> list[str]:
    """Problems with the committed files of one domain, without changing them."""
    ts, qm = ts_path(domain, lang), qm_path(domain, lang)
    if not ts.exists():
        return [f"{ts.name} is missing: run scripts/update_translations.py {domain}, then translate"]
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh_ts = Path(tmp) / ts.name
        shutil.copy(ts, fresh_ts)
        lupdate(sources, fresh_ts, lang)
        problems += [f"{ts.name}: untranslated: {s}" for s in unfinished(fresh_ts)]
        fresh_qm = Path(tmp) / qm.name
        lrelease(ts, fresh_qm)
        if not qm.exists() or qm.read_bytes() != fresh_qm.read_bytes():
            problems.append(f"{qm.name} is not compiled from {ts.name}: run scripts/update_translations.py {domain}")
    return problems


def update(domain: str, sources: list[Path], lang: str) -> list[str]:
    """lupdate + lrelease for one domain; returns the texts still to translate."""
    ts = ts_path(domain, lang)
    lupdate(sources, ts, lang)
    lrelease(ts, qm_path(domain, lang))
    return unfinished(ts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("domains", nargs="*", help=f"{SHELL} and/or screen package names (default: all)")
    parser.add_argument("--check", action="store_true", help="only report; change nothing")
    args = parser.parse_args(argv)
    every = domains()
    unknown = [d for d in args.domains if d not in every]
    if unknown:
        parser.error(f"unknown domain(s) {unknown}; known: {sorted(every)}")
    chosen = {d: every[d] for d in (args.domains or every)}
    status = 0
    for lang in LANGUAGES:
        for domain, sources in chosen.items():
            if args.check:
                problems = check(domain, sources, lang)
                print("\n".join(problems) or f"{domain} ({lang}): complete and compiled")
            else:
                problems = update(domain, sources, lang)
                print(f"{ts_path(domain, lang).relative_to(ROOT)}: "
                      + (f"{len(problems)} message(s) to translate:" if problems else "complete; .qm compiled"))
                for source in problems:
                    print(f"  {source}")
            status = status or (1 if problems else 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
