"""The example fixtures are what the manifest says, and scripts/sync_fixtures.py keeps the two together.

tests/fixtures/examples holds the specification's acceptance examples (inputs and expected outputs), copied
so that the repository stands alone. A fixture edited by hand, lost or added without the manifest is caught
here: whoever updates the fixtures from the specification does it with the script, and the manifest diff
shows it in the commit.
"""
from __future__ import annotations

import hashlib
import json

import pytest

from scripts.sync_fixtures import MANIFEST, main, read_manifest
from tests.conftest import EXAMPLES, FIXTURES

# What the tests rely on being there (a missing fixture must fail, never skip).
EXPECTED_FILES = {
    *(f"rating/{name}{ext}" for name in ("life-aggressive-growth", "life-typical", "life-under-takeover")
      for ext in (".json", ".expected.json")),
    *(f"small-group/{name}" for name in ("counterparties.csv", "expected.json", "exposures.csv", "group.csv",
                                         "limits.csv", "members.csv")),
}


def _on_disk() -> dict[str, str]:
    # computed here, not with the script's helper, so that a fault in the script cannot hide a difference
    return {p.relative_to(EXAMPLES).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(EXAMPLES.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


def test_the_fixtures_are_the_ones_the_tests_use():
    assert MANIFEST == FIXTURES / "examples.sha256"
    assert EXPECTED_FILES <= set(_on_disk()), sorted(EXPECTED_FILES - set(_on_disk()))
    for name in EXPECTED_FILES:
        if name.endswith(".json"):
            json.loads((EXAMPLES / name).read_text(encoding="utf-8"))   # not truncated or mangled


def test_fixtures_match_the_manifest():
    listed = read_manifest(MANIFEST)
    have = _on_disk()
    assert have == listed, (
        "tests/fixtures/examples differs from tests/fixtures/examples.sha256 — update fixtures only with "
        "`.venv/bin/python scripts/sync_fixtures.py SPEC/examples` (it rewrites the manifest); differences: "
        + ", ".join(sorted(n for n in listed.keys() | have.keys() if listed.get(n) != have.get(n))))


# --- the script, on copies in a temporary folder -------------------------------------------------------------

@pytest.fixture
def spec(tmp_path):
    src = tmp_path / "spec"
    (src / "rating").mkdir(parents=True)
    (src / "rating" / "a.json").write_text('{"x": 1}\n', encoding="utf-8")
    (src / "small-group").mkdir()
    (src / "small-group" / "group.csv").write_text("as_of\n2025-06-30\n", encoding="utf-8")
    (src / ".hidden").write_text("not data", encoding="utf-8")
    return src


def _args(tmp_path, *extra):
    return ["--dest", str(tmp_path / "dest"), "--manifest", str(tmp_path / "dest.sha256"), *map(str, extra)]


def test_sync_copies_writes_the_manifest_and_says_what_changed(spec, tmp_path, capsys):
    assert main([str(spec), *_args(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "added rating/a.json" in out and "added small-group/group.csv" in out and ".hidden" not in out
    a, group = (hashlib.sha256(p.read_bytes()).hexdigest() for p in (spec / "rating" / "a.json",
                                                                     spec / "small-group" / "group.csv"))
    assert (tmp_path / "dest.sha256").read_text(encoding="utf-8") == \
        f"{a}  rating/a.json\n{group}  small-group/group.csv\n"
    assert main([*_args(tmp_path), "--check"]) == 0
    assert main([str(spec), *_args(tmp_path), "--check"]) == 0

    # the specification changes: a file revised, one dropped, one added
    (spec / "rating" / "a.json").write_text('{"x": 2}\n', encoding="utf-8")
    (spec / "small-group" / "group.csv").unlink()
    (spec / "rating" / "b.json").write_text("{}\n", encoding="utf-8")
    assert main([str(spec), *_args(tmp_path), "--check"]) == 1          # noticed before anything is copied
    assert "source vs fixtures: changed rating/a.json" in capsys.readouterr().out
    assert main([str(spec), *_args(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[:3] == ["added rating/b.json", "changed rating/a.json", "removed small-group/group.csv"]
    assert not (tmp_path / "dest" / "small-group").exists()            # the emptied folder goes too
    assert main([*_args(tmp_path), "--check"]) == 0


def test_check_catches_a_fixture_edited_by_hand(spec, tmp_path, capsys):
    assert main([str(spec), *_args(tmp_path)]) == 0
    (tmp_path / "dest" / "rating" / "a.json").write_text('{"x": 3}\n', encoding="utf-8")
    capsys.readouterr()
    assert main([*_args(tmp_path), "--check"]) == 1
    assert "fixtures vs manifest: changed rating/a.json" in capsys.readouterr().out


def test_bad_source_and_bad_manifest(tmp_path, capsys):
    assert main([str(tmp_path / "nowhere"), *_args(tmp_path)]) == 2
    assert "not a folder" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main([str(tmp_path / "empty"), *_args(tmp_path)]) == 2
    assert "no files to copy" in capsys.readouterr().err
    (tmp_path / "dest.sha256").write_text("not a manifest line\n", encoding="utf-8")
    assert main([*_args(tmp_path), "--check"]) == 1
    assert "line 1" in capsys.readouterr().err
