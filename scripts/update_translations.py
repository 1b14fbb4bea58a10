"""Refresh the GUI translations: lupdate over ui/ into the .ts, then lrelease into the .qm.

    .venv/bin/python scripts/update_translations.py          # after adding or changing self.tr() texts
    .venv/bin/python scripts/update_translations.py --check  # exit 1 if a text lacks its translation
                                                             # or the .qm is not compiled from the .ts

Workflow: write English in `self.tr("…")` / `QCoreApplication.translate("Context", "…")` (or
QT_TRANSLATE_NOOP for module-level lists), run this script, fill in the Chinese of every message marked
`type="unfinished"` in resources/i18n/riskdesk_zh_CN.ts (Qt Linguist: `.venv/bin/pyside6-linguist FILE`,
or any text editor; remove the `type="unfinished"` attribute), run the script again to compile the .qm,
and commit both files. Strings no longer in the source are dropped (-no-obsolete). tests/ui/test_i18n.py
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


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease beside this Python (the venv), else on PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        sys.exit(f"{name} not found: install PySide6 into this Python's environment")
    return found


def ts_path(lang: str) -> Path:
    return I18N / f"riskdesk_{lang}.ts"


def qm_path(lang: str) -> Path:
    return I18N / f"riskdesk_{lang}.qm"


def source_files() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in SOURCES.rglob("*.py"))


def lupdate(ts: Path, lang: str) -> None:
    # Relative paths keep the <location> lines in the .ts independent of where the checkout lives;
    # the target language gives Chinese its single plural form for %n texts.
    subprocess.run([tool("pyside6-lupdate"), "-no-obsolete", "-locations", "relative",
                    "-target-language", lang, *source_files(), "-ts", str(ts)],
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


def check(lang: str) -> list[str]:
    """Problems with the committed files, without changing them."""
    problems = []
    ts, qm = ts_path(lang), qm_path(lang)
    with tempfile.TemporaryDirectory() as tmp:
        fresh_ts = Path(tmp) / ts.name
        shutil.copy(ts, fresh_ts)
        lupdate(fresh_ts, lang)
        problems += [f"{ts.name}: untranslated (run this script, then translate): {s}"
                     for s in unfinished(fresh_ts)]
        fresh_qm = Path(tmp) / qm.name
        lrelease(ts, fresh_qm)
        if not qm.exists() or qm.read_bytes() != fresh_qm.read_bytes():
            problems.append(f"{qm.name} is not compiled from {ts.name}: run this script")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report; change nothing")
    args = parser.parse_args(argv)
    if args.check:
        problems = [p for lang in LANGUAGES for p in check(lang)]
        print("\n".join(problems) or "translations are complete and compiled")
        return 1 if problems else 0
    status = 0
    for lang in LANGUAGES:
        ts = ts_path(lang)
        lupdate(ts, lang)
        lrelease(ts, qm_path(lang))
        missing = unfinished(ts)
        if missing:
            status = 1
            print(f"{ts.relative_to(ROOT)}: {len(missing)} message(s) to translate:")
            for source in missing:
                print(f"  {source}")
        else:
            print(f"{ts.relative_to(ROOT)}: complete; {qm_path(lang).relative_to(ROOT)} compiled")
    return status


if __name__ == "__main__":
    sys.exit(main())
