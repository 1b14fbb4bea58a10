"""The README's test command is exactly what `.ci/run` runs (the guide promises it; drift would go unseen)."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _code_blocks(text: str) -> list[str]:
    return [b.strip() for b in re.findall(r"```[a-z]*\n(.*?)```", text, flags=re.S)]


def test_ci_runs_the_readme_test_command():
    blocks = _code_blocks((ROOT / "README.md").read_text(encoding="utf-8"))
    setup_and_run, test_command = blocks[0], blocks[1]
    assert "main.py --demo" in setup_and_run
    assert "pytest" in test_command
    ci_lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
    assert test_command in ci_lines
    assert "set -euo pipefail" in ci_lines  # a failing step fails CI
