"""Work-arounds for bugs of the PySide6 release RiskDesk runs on. `apply()` once, after Qt is imported.

PySide6 6.12.0: `SignalInstance.emit()` returns `True` without taking a new reference to it. Every emit from
Python (a model's `dataChanged.emit(...)`, a worker's `done.emit(...)`) therefore lowers the reference
count of `True` by one, and after some ten thousand emits — a few minutes of typing in a screen that
refreshes its models on every keystroke — the interpreter aborts with
"Fatal Python error: bool_dealloc: deallocating True or False". Reproduce:

    o = SomeQObject(); before = sys.getrefcount(True); o.some_signal.emit(); sys.getrefcount(True) - before  # -1

`apply()` measures that leak with one emit and, only if it is there, adds 2**40 to the reference counts of
True and False (CPython keeps them alive for the whole process anyway; from Python 3.12 they are immortal
and the leak cannot be measured, so nothing is done). No session can emit 2**40 times. Idempotent.
"""
from __future__ import annotations

import sys

_applied: bool | None = None
RESERVE = 1 << 40


def emit_leaks_true() -> bool:
    """Whether SignalInstance.emit() of this PySide6 drops a reference to True."""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(10):
        probe.ping.emit()
    return sys.getrefcount(True) < before


def apply() -> bool:
    """Protect True and False from the emit leak if this PySide6 has it; True if a fix was applied."""
    global _applied
    if _applied is None:
        _applied = False
        if emit_leaks_true():
            import ctypes

            for obj in (True, False):
                # ob_refcnt is the first field of every CPython object (non-debug builds).
                ctypes.c_ssize_t.from_address(id(obj)).value += RESERVE
            _applied = True
    return _applied
