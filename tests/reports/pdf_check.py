"""What the report tests read from a PDF: its text (poppler's pdftotext, whitespace removed so that words
wrapped in a table cell still match) and its fonts (pdffonts)."""
from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("pdffonts"),
                                   reason="poppler-utils (pdftotext, pdffonts) not installed")


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True).stdout
    return re.sub(r"\s+", "", out.decode("utf-8"))


def page_texts(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True).stdout
    return [re.sub(r"\s+", "", p) for p in out.decode("utf-8").split("\f")]


def fonts(path: Path) -> list[dict]:
    """pdffonts rows: name, type, emb (yes/no)."""
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout.splitlines()
    rows = []
    for line in lines[2:]:
        parts = line.split()
        if len(parts) >= 7:
            # name type [type2] encoding emb sub uni object ID: emb is the 5th field from the end
            rows.append({"name": parts[0], "emb": parts[-5], "line": line})
    return rows


def assert_fonts_embedded(path: Path) -> None:
    rows = fonts(path)
    assert rows, "no fonts listed"
    bad = [r["line"] for r in rows if r["emb"] != "yes"]
    assert not bad, "fonts not embedded:\n" + "\n".join(bad)
    assert all("NotoSansSC" in r["name"] for r in rows), [r["name"] for r in rows]


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def has(text: str, needle: str) -> bool:
    return re.sub(r"\s+", "", needle) in text
