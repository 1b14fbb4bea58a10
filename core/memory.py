"""Whether this process gives the memory it freed back to the system, and the one call that does.

At a million exposures the reading, the evaluation and the store step each free a few hundred megabytes of
columns. A long-running process (the GUI, the tests) gives them back when a step ends, so that it does not
keep the peak of its largest import for the rest of the session. A one-shot command (`import`,
`concentration`) exits within seconds: there giving pages back only for the next step to fault them in again
costs more than it saves. Each give-back unmaps pages in a process with several threads (the reader's, the
encoders'), which on this project's 2-core virtual machine costs far more system time than the page faults
themselves: at a million exposures the `import` gave back at 6 points, and without them (and with
pyarrow's arrays from glibc's heap, cli/heap.py) it takes 3.01 s instead of 3.59 s (system time 0.56 s
instead of 1.55 s; 6 rounds in random order, each run after a 1 s rest), its peak 790 -> 801 MiB.
`keep_freed_memory` is that choice, made once by the command before it starts (cli/heap.py)."""
from __future__ import annotations

import sys
from typing import Any

_KEEP = False
_TRIM: Any = None


def keep_freed_memory() -> None:
    """From now on nothing is given back: the freed pages stay with the process for its next arrays."""
    global _KEEP
    _KEEP = True


def keeps_freed_memory() -> bool:
    """Whether `keep_freed_memory` was called: nothing freed is given back."""
    return _KEEP


def give_back_arrow() -> None:
    """Have pyarrow's allocator return the memory of the Arrow arrays let go of (its pool keeps freed pages
    otherwise); nothing when the process keeps what it freed, or before pyarrow was ever used."""
    if _KEEP:
        return
    pa = sys.modules.get("pyarrow")
    if pa is not None:
        pa.default_memory_pool().release_unused()


def give_back() -> None:
    """Arrow's pool (`give_back_arrow`), then glibc's malloc: it keeps what the freed columns of a million rows
    took (its mmap threshold grows with the first large frees, after which million-row arrays come from the
    heap and are not given back when freed), so it is asked to give its free pages back (tens of megabytes at
    the import's peak). Nothing when the process keeps what it freed; no malloc_trim where the C library has
    none."""
    global _TRIM
    if _KEEP:
        return
    give_back_arrow()
    if _TRIM is None:
        try:
            import ctypes  # noqa: PLC0415 - only where the C library has malloc_trim

            _TRIM = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _TRIM = False
    if _TRIM:
        _TRIM(0)
