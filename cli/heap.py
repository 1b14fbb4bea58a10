"""glibc's malloc tuned for a command that reads a million rows, evaluates once and exits (`concentration`,
`import`): the settings as mallopt takes them, and the one call that applies them (nothing where the C library
has no mallopt)."""
from __future__ import annotations

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
