"""main.py sets the process's memory before anything is imported (cli/heap.py): on glibc pyarrow allocates from
glibc's heap (its "system" pool) in every run, and the commands whose process ends at the answer
(main.QUICK_EXIT) give nothing freed back. Run as a user runs them; the in-process runner (main.main) changes
nothing."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from cli import heap
from core import memory
from tests.cli.runner import run_cli
from tests.conftest import EXAMPLES, ROOT

# runs main.py as `python main.py concentration DIR --json` does, and reports the process's memory settings
# on its way out (its os._exit, which the quick-exit commands end with)
_SPY = """
import json, os, runpy, sys
real_exit = os._exit
def spy(code):
    import pyarrow
    from core import memory
    sys.stderr.write("\\nMEMORY " + json.dumps({"pool": pyarrow.default_memory_pool().backend_name,
                     "keeps": memory.keeps_freed_memory(), "code": code}) + "\\n")
    sys.stderr.flush()
    real_exit(code)
os._exit = spy
sys.argv = ["main.py"] + sys.argv[1:]
try:
    runpy.run_path("main.py", run_name="__main__")
except SystemExit as end:               # a command that ends by sys.exit (not a quick exit)
    spy(end.code)
"""


def _spied(*args, env: dict | None = None) -> dict:
    child_env = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    child_env.update(env or {})
    p = subprocess.run([sys.executable, "-c", _SPY, *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                       env=child_env, timeout=300)
    line = [x for x in p.stderr.splitlines() if x.startswith("MEMORY ")]
    assert line, p.stderr[-2000:]
    return json.loads(line[-1][len("MEMORY "):])


def test_the_concentration_command_keeps_its_memory_and_allocates_from_glibc():
    seen = _spied("concentration", EXAMPLES / "small-group", "--json")
    assert seen["code"] == 0
    assert seen["keeps"] is True
    assert seen["pool"] == ("system" if heap._glibc() else seen["pool"])


def test_a_pool_the_user_names_is_left_as_it_is():
    seen = _spied("concentration", EXAMPLES / "small-group", "--json", env={"ARROW_DEFAULT_MEMORY_POOL": "mimalloc"})
    assert seen["code"] == 0
    assert seen["pool"] == "mimalloc"


def test_the_command_run_in_a_longer_process_gives_back_as_before():
    result = run_cli("concentration", EXAMPLES / "small-group", "--json")
    assert result.returncode == 0, result.stderr
    assert not memory.keeps_freed_memory()


def test_a_command_that_holds_a_database_allocates_from_glibc_and_gives_back(tmp_path):
    from core.store import Store

    db = tmp_path / "history.sqlite3"
    Store.open(db).close()                          # a new, empty history: verified, then closed
    seen = _spied("db", "verify", db)
    assert seen["code"] == 0
    assert seen["keeps"] is False
    assert seen["pool"] == ("system" if heap._glibc() else seen["pool"])
