"""The process's memory, set by main.py before anything is imported: pyarrow's arrays from glibc's heap in every
run (`arrow_from_glibc`), and for a command that reads a million rows, evaluates once and exits
(`concentration`, `import`) nothing freed given back (`for_a_quick_exit`) and glibc's malloc tuned: the settings
as mallopt takes them, and the one call that applies them (nothing where the C library has no mallopt)."""
from __future__ import annotations

import os

M_TOP_PAD, M_MMAP_THRESHOLD, M_ARENA_MAX = -2, -3, -8
DEFAULT_TOP_PAD = 128 << 10          # glibc's own M_TOP_PAD
# blocks up to 32 MiB from the heap instead of a mapping each, the heap grown 256 MiB at a time: the reading
# and the evaluation allocate and free dozens of 8-30 MB arrays, by default each a fresh mapping whose pages
# are faulted in and zeroed again
ONE_EVALUATION = ((M_MMAP_THRESHOLD, 32 << 20), (M_TOP_PAD, 256 << 20))


def mallopt(*settings: tuple[int, int]) -> None:
    """glibc's mallopt(param, value) for each setting; nothing where the C library has no mallopt."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        for param, value in settings:
            libc.mallopt(param, value)
    except (OSError, AttributeError):
        pass


def _glibc() -> bool:
    try:
        return (os.confstr("CS_GNU_LIBC_VERSION") or "").startswith("glibc")
    except (ValueError, OSError, AttributeError):
        return False


def arrow_from_glibc() -> None:
    """On glibc, pyarrow's arrays from glibc's heap (its "system" pool), shared with numpy's arrays, instead of
    pyarrow's own mimalloc, which keeps freed pages apart and purges them back to the system by itself, at a
    cost in system time on the project's 2-core machine; a pool the user names in ARROW_DEFAULT_MEMORY_POOL is
    left as it is. Before pyarrow is first imported (it reads the variable then). Measured at a million
    exposures, 5-6 rounds in random order, each run after a 1 s rest, as the GUI runs (freed memory given
    back): an import through the services 3.87 -> 3.51 s, its peak 853 -> 726 MiB; the GUI opened on the
    stored snapshot to its dashboard 0.76 -> 0.74 s (median), to the complete view loaded 4.18 -> 3.84 s,
    its peak 992 -> 898 MiB; the semiannual report the same (1.64 s)."""
    if _glibc():
        os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")


def for_a_quick_exit() -> None:
    """Memory for a command whose process ends as soon as it has answered (main.QUICK_EXIT: `import`,
    `concentration`, `rate`): pyarrow's arrays from glibc's heap (`arrow_from_glibc`; there tuned by the
    commands' `mallopt`), and nothing freed given back to the system (core.memory.keep_freed_memory). At a
    million exposures (6-8 rounds in random order, each run after a 1 s rest, on the project's 2-core machine):
    the import 3.59 -> 3.01 s (system time 1.55 -> 0.56 s), its peak 790 -> 801 MiB; the concentration command
    1.77 -> 1.59 s, though in rounds run back to back, where pyarrow's mimalloc finds the pages the run before
    freed, the two are within 0.1 s of each other either way; the reading as the command does it ~1.10-1.16 s,
    against 1.30-1.37 s."""
    arrow_from_glibc()
    from core import memory  # noqa: PLC0415 - imports nothing heavy

    memory.keep_freed_memory()
