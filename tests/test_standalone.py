"""The repository stands alone: no module, test, script or benchmark refers to a path outside it.

A fresh clone must pass its own tests, so nothing may read the specification folder that sits beside the
development checkout (the specification folder one level up) or any other place of this machine. Two checks over every source file:

- text: a relative climb out of a folder (`../`) or an absolute path into this machine's work area;
- paths built from `__file__`: `Path(__file__).resolve().parents[2].parent / "spec"`, `ROOT.parent`,
  `os.path.join(os.path.dirname(__file__), "..", ...)` are evaluated (assignments followed by name, in line
  order) and must stay inside the repository.

What the tests need from the specification is copied into tests/fixtures (see tests/test_fixtures.py).
"""
from __future__ import annotations

import ast
import os
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

CODE_DIRS = ("core", "ui", "reports", "cli", "wording", "tests", "scripts", "benchmarks")
CODE_FILES = ("main.py", "pyproject.toml", ".ci/run")
TEXT_SUFFIXES = {".py", ".toml", ".cfg", ".ini", ".sh", ".txt"}
SKIP_PARTS = {"__pycache__", "fixtures", ".venv", ".git"}     # fixtures are data, not code

# Written in two pieces so that this file does not match its own patterns.
OUTSIDE_TEXT = [
    re.compile(r"\.\." r"[/\\]"),                 # a relative climb out of the repository, either slash
    re.compile(r"/" r"work/"),                    # this machine's work area (the checkout and what lies beside it)
]


def source_files() -> list[Path]:
    files = [ROOT / f for f in CODE_FILES if (ROOT / f).is_file()]
    for d in CODE_DIRS:
        for p in sorted((ROOT / d).rglob("*")):
            rel = p.relative_to(ROOT).parts
            if p.is_file() and p.suffix in TEXT_SUFFIXES and not SKIP_PARTS.intersection(rel):
                files.append(p)
    return files


# --- evaluating paths built from __file__ ---------------------------------------------------------------------

def _eval(node: ast.AST, here: str, env: dict[str, str]) -> str | None:
    """The path `node` denotes as a normalised string, if it is built from __file__; else None."""
    if isinstance(node, ast.Name):
        return here if node.id == "__file__" else env.get(node.id)
    if isinstance(node, ast.Attribute):
        if node.attr == "parent":
            base = _eval(node.value, here, env)
            return None if base is None else os.path.dirname(base)
        return None
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) and node.value.attr == "parents":
        base = _eval(node.value.value, here, env)
        if base is None or not isinstance(node.slice, ast.Constant) or not isinstance(node.slice.value, int):
            return None
        for _ in range(node.slice.value + 1):
            base = os.path.dirname(base)
        return base
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        base = _eval(node.left, here, env)
        if base is None or not (isinstance(node.right, ast.Constant) and isinstance(node.right.value, str)):
            return base if base is not None and _climbs(node.right) is False else None
        return os.path.normpath(os.path.join(base, node.right.value))
    if isinstance(node, ast.Call):
        name = _call_name(node.func)
        args = node.args
        if name in ("Path", "pathlib.Path", "PurePath", "os.path.abspath", "os.path.realpath",
                    "os.path.normpath", "str", "os.fspath") and len(args) == 1:
            return _eval(args[0], here, env)
        if name == "os.path.dirname" and len(args) == 1:
            base = _eval(args[0], here, env)
            return None if base is None else os.path.dirname(base)
        if name == "os.path.join" and args:
            base = _eval(args[0], here, env)
            if base is None:
                return None
            for a in args[1:]:
                if not (isinstance(a, ast.Constant) and isinstance(a.value, str)):
                    return None
                base = os.path.join(base, a.value)
            return os.path.normpath(base)
        if isinstance(node.func, ast.Attribute) and node.func.attr in ("resolve", "absolute") and not args:
            return _eval(node.func.value, here, env)
        if isinstance(node.func, ast.Attribute) and node.func.attr == "joinpath":
            base = _eval(node.func.value, here, env)
            if base is None or not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
                return None
            return os.path.normpath(os.path.join(base, *(a.value for a in args)))
    return None


def _climbs(node: ast.AST) -> bool:
    """Whether a path component that is not a literal string could be a climb (a literal '..' hides in it)."""
    return any(isinstance(n, ast.Constant) and isinstance(n.value, str) and ".." in n.value for n in ast.walk(node))


def _call_name(func: ast.AST) -> str:
    parts = []
    while isinstance(func, ast.Attribute):
        parts.append(func.attr)
        func = func.value
    if isinstance(func, ast.Name):
        parts.append(func.id)
    return ".".join(reversed(parts))


def paths_outside(source: str, filename: Path, root: Path) -> list[tuple[int, str]]:
    """(line, path) of every path built from __file__ in `source` that leaves `root`."""
    tree = ast.parse(source, str(filename))
    here, top = os.path.normpath(str(filename)), os.path.normpath(str(root))
    env: dict[str, str] = {}
    for node in sorted((n for n in ast.walk(tree) if isinstance(n, (ast.Assign, ast.AnnAssign))),
                       key=lambda n: (n.lineno, n.col_offset)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        value = _eval(node.value, here, env) if node.value is not None else None
        for t in targets:
            if isinstance(t, ast.Name):
                if value is None:
                    env.pop(t.id, None)
                else:
                    env[t.id] = value
    found: dict[int, str] = {}   # line -> the longest such path on it (the whole expression)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Attribute, ast.Subscript, ast.BinOp, ast.Call)):
            path = _eval(node, here, env)
            if path is not None and os.path.commonpath([path, top]) != top:
                found[node.lineno] = max(found.get(node.lineno, ""), path, key=len)
    return sorted(found.items())


def text_outside(text: str) -> list[tuple[int, str]]:
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1)
            if any(p.search(line) for p in OUTSIDE_TEXT)]


# --- the checks ------------------------------------------------------------------------------------------------

def test_the_scan_covers_the_code():
    files = {p.relative_to(ROOT).as_posix() for p in source_files()}
    for f in ("main.py", "core/store/base.py", "tests/conftest.py", "scripts/make_demo.py",
              "benchmarks/bench_reports.py", "cli/report.py", "wording/problems.py", "ui/app.py",
              "reports/service.py", "pyproject.toml"):
        assert f in files, f
    assert not any(f.startswith("tests/fixtures/") for f in files)


def test_no_source_file_refers_to_a_path_outside_the_repository():
    me = Path(__file__).resolve()
    problems = []
    for path in source_files():
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(ROOT).as_posix()
        if path != me:          # this file spells the patterns it looks for
            problems += [f"{rel}:{n}: {line}" for n, line in text_outside(text)]
        if path.suffix == ".py":
            problems += [f"{rel}:{n}: builds {p}" for n, p in paths_outside(text, path, ROOT)]
    assert not problems, "paths outside the repository (copy what is needed into the repository):\n" + \
        "\n".join(problems)


# The scanners catch what they are meant to (so the test above can fail) and let the repository's own
# paths through.

@pytest.mark.parametrize("code,where", [
    ('SMALL = Path(__file__).resolve().parents[2].parent / "spec" / "examples"\n', "tests/core/test_x.py"),
    ('ROOT = Path(__file__).resolve().parent.parent\nSPEC = ROOT.parent / "spec"\n', "tests/conftest.py"),
    ('ROOT = Path(__file__).resolve().parents[1]\nX = ROOT / ".." / "spec"\n', "tests/test_x.py"),
    ('import os\nD = os.path.join(os.path.dirname(__file__), "..", "..", "spec")\n', "core/x.py"),
    ('def f():\n    root = Path(__file__).resolve().parents[3]\n    return root / "x"\n', "tests/ui/test_x.py"),
])
def test_paths_built_to_leave_the_repository_are_found(code, where):
    root = Path("/repo")
    assert paths_outside(code, root / where, root)


@pytest.mark.parametrize("code,where", [
    ('RULES = Path(__file__).resolve().parents[2] / "resources" / "rulebooks"\n', "core/rating/rulebook.py"),
    ('ROOT = Path(__file__).resolve().parent.parent\nEX = ROOT / "tests" / "fixtures"\n', "tests/conftest.py"),
    ('def f(p):\n    return p.parent / "x.csv"\n', "core/x.py"),
    ('import os\nD = os.path.join(os.path.dirname(__file__), "data")\n', "core/x.py"),
])
def test_paths_inside_the_repository_pass(code, where):
    root = Path("/repo")
    assert paths_outside(code, root / where, root) == []


def test_text_patterns():
    assert text_outside('EXAMPLE = Path("/' 'work/shared/examples/small-group")')
    assert text_outside('python ..' '/shared/checks/check_examples.py')
    assert text_outside('base = "..' '\\\\shared"')
    assert not text_outside('path = ROOT / "tests" / "fixtures"  # the examples, copied')


# --- the contract is in the repository --------------------------------------------------------------------------

CONTRACT = ROOT / "docs" / "interfaces.md"
BARE_CITATION = re.compile(r"(?<![\w/.])interfaces\.md")
QUOTED_AFTER_CITATION = re.compile(r'docs/interfaces\.md[,:]?\s*\(?"([^"\n]+)"')


def _plain(text: str) -> str:
    return " ".join(text.replace("`", "").replace("*", "").lower().split())


def test_the_contract_is_cited_where_it_is():
    """Code cites the contract as docs/interfaces.md (a bare 'interfaces.md' named a file outside the
    repository), and a section or phrase quoted right after a citation is in the contract."""
    contract = _plain(CONTRACT.read_text(encoding="utf-8"))
    me = Path(__file__).resolve()
    bare, missing = [], []
    docs = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), *sorted((ROOT / "resources").rglob("*.md"))]
    for path in [p for p in (*source_files(), *docs) if p != me]:     # this file spells the bare name
        rel = path.relative_to(ROOT).as_posix()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if BARE_CITATION.search(line.replace("docs/interfaces.md", "")):
                bare.append(f"{rel}:{n}")
            missing += [f"{rel}:{n}: {q!r}" for q in QUOTED_AFTER_CITATION.findall(line)
                        if _plain(q) not in contract]
    assert not bare, "cite the contract as docs/interfaces.md: " + ", ".join(bare)
    assert not missing, "quoted from docs/interfaces.md but not in it:\n" + "\n".join(missing)
