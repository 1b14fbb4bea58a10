"""core.memory: what a process gives back to the system once a step has freed its columns, and that a process
set to keep what it frees gives nothing back."""
from __future__ import annotations

import sys
import types

import pytest

from core import memory


@pytest.fixture
def calls(monkeypatch):
    """The give-backs made: Arrow's pool's release and glibc's malloc_trim, both recorded instead of done."""
    made: list[str] = []
    pool = types.SimpleNamespace(release_unused=lambda: made.append("arrow"))
    monkeypatch.setitem(sys.modules, "pyarrow", types.SimpleNamespace(default_memory_pool=lambda: pool))
    monkeypatch.setattr(memory, "_TRIM", lambda pad: made.append(f"malloc_trim({pad})"))
    monkeypatch.setattr(memory, "_KEEP", False)
    return made


def test_a_process_gives_back_what_it_freed(calls):
    memory.give_back_arrow()
    assert calls == ["arrow"]
    memory.give_back()
    assert calls == ["arrow", "arrow", "malloc_trim(0)"]
    assert not memory.keeps_freed_memory()


def test_a_process_that_keeps_what_it_frees_gives_nothing_back(calls):
    memory.keep_freed_memory()
    assert memory.keeps_freed_memory()
    memory.give_back_arrow()
    memory.give_back()
    assert calls == []


def test_nothing_asked_of_arrow_before_it_was_used(monkeypatch):
    monkeypatch.delitem(sys.modules, "pyarrow", raising=False)
    monkeypatch.setattr(memory, "_KEEP", False)
    monkeypatch.setattr(memory, "_TRIM", False)          # (and no malloc_trim: a C library without one)
    memory.give_back()
    assert "pyarrow" not in sys.modules
