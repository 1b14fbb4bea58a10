"""The layer rules of DEVELOPERS.md, machine-checked: core is pure domain, reports and cli never use the GUI."""
import ast
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FORBIDDEN = {
    "core": {"PySide6", "PyQt5", "PyQt6", "matplotlib", "reportlab", "ui", "reports", "cli", "wording"},
    "wording": {"PySide6", "matplotlib", "reportlab", "ui", "reports", "cli"},
    "reports": {"ui", "PySide6", "cli"},
    "cli": {"ui", "PySide6"},
}


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def test_layers_by_source_scan():
    """Catches lazy imports inside functions too, which import-linter also sees, but without needing it."""
    bad = []
    for layer, forbidden in FORBIDDEN.items():
        for path in (ROOT / layer).rglob("*.py"):
            for lineno, name in _imports(path):
                if name.split(".")[0] in forbidden:
                    bad.append(f"{path.relative_to(ROOT)}:{lineno} imports {name}")
    assert not bad, "layer violations:\n" + "\n".join(bad)


def test_import_linter_contracts_hold():
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert exe, "import-linter is a test dependency (pip install -e '.[test]')"
    p = subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr


def test_scan_detects_a_violation(tmp_path):
    """The scanner itself must be able to fail."""
    f = tmp_path / "x.py"
    f.write_text("def f():\n    from PySide6 import QtCore\n", encoding="utf-8")
    assert ("PySide6.QtCore" in [n for _, n in _imports(f)]) or ("PySide6" in [n for _, n in _imports(f)])
