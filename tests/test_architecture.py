"""The layer rules of DEVELOPERS.md, machine-checked: core is pure domain, reports and cli never use the GUI."""
import ast
import os
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


# -- inside core: services over engines over store ------------------------------------------------------
CORE_LAYERS = "inside core: services over engines over store"


def _core_layers() -> list[set[str]]:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["name"] == CORE_LAYERS)
    return [{m.strip() for m in layer.replace("|", ":").split(":") if m.strip()} for layer in contract["layers"]]


def _core_modules() -> set[str]:
    """Every module of core, a package's __init__ left out (a container of modules, not a module of its own)."""
    out = set()
    for path in (ROOT / "core").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] != "__init__":
            out.add(".".join(parts))
    return out


def test_every_core_module_has_a_layer():
    """A new module of core is placed deliberately: listed in exactly one layer (or under a listed package)."""
    layers = _core_layers()
    listed = [m for layer in layers for m in layer]
    assert len(listed) == len(set(listed)), "a module is in two layers"
    unplaced = sorted(m for m in _core_modules()
                      if not any(m == x or m.startswith(x + ".") for x in listed))
    assert not unplaced, "modules of core in no layer of the contract:\n" + "\n".join(unplaced)
    stale = sorted(x for x in listed if not any(m == x or m.startswith(x + ".") for m in _core_modules()))
    assert not stale, "layers name modules that do not exist:\n" + "\n".join(stale)


def test_the_core_layers_contract_fails_on_an_upward_import(tmp_path):
    """The contract can fail: a copy of the project where the store imports a service breaks it."""
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert exe
    for name in ("core", "wording", "cli", "reports", "ui"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.ts", "*.qm"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    errors = tmp_path / "core" / "store" / "errors.py"
    errors.write_text(errors.read_text(encoding="utf-8") + "\nimport core.services.limits  # upward\n",
                      encoding="utf-8")
    p = subprocess.run([exe, "--no-cache", "--contract", _contract_id(CORE_LAYERS)], cwd=tmp_path,
                       capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert p.returncode != 0 and "core.store.errors -> core.services.limits" in p.stdout, p.stdout + p.stderr


def _contract_id(name: str) -> str:
    """import-linter names contracts of a TOML list by position when they have no id: give ours one."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["name"] == name)
    return contract["id"]


def _module_level_imports(path: Path):
    """(line, module) of the imports a module runs when it is imported: its body's, and those under a
    top-level if/try (not `if TYPE_CHECKING:`), not those inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    todo = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module
        elif isinstance(node, ast.If) and not (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"):
            todo += node.body + node.orelse
        elif isinstance(node, ast.Try):
            todo += node.body + node.orelse + node.finalbody + [s for h in node.handlers for s in h.body]


def test_outside_the_store_only_the_store_package_is_imported_with_a_module():
    """core.store's __init__ imports every part of the store, and its parts import the package back. The GUI
    imports screens and the store on different worker threads: a module that imports a store submodule (e.g.
    core.store.snapshots) when it is itself imported can meet the package half-initialised on another thread
    (the reports screen failed so on a team database). Outside core/store, such imports go in functions."""
    found = []
    for top in ("core", "ui", "reports", "cli", "wording"):
        for path in sorted((ROOT / top).rglob("*.py")):
            if path.is_relative_to(ROOT / "core" / "store"):
                continue
            for line, module in _module_level_imports(path):
                if module.startswith("core.store."):
                    found.append(f"{path.relative_to(ROOT)}:{line}: {module}")
    assert found == []
