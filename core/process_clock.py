"""How long this process has run: the wall time since it started, for the timing lines a user or a benchmark
can ask for (the GUI's `first-paint-seconds` / `ready-seconds`, the `concentration` command's `read-seconds`).
"""
from __future__ import annotations

import os
import time

_IMPORTED_AT = time.monotonic()

# the most the interpreter and main.py's imports take before this module is imported (~0.1-0.3 s here, more on
# a cold disk): a process forked longer before that was exec'd later (see seconds_since_process_start)
_EXEC_SLACK = 2.0


def seconds_since_process_start() -> float:
    """Wall time since the process started (so the interpreter's own start-up counts too).

    Linux: the start time in /proc/self/stat against /proc/uptime (10 ms resolution). That is when the process
    was forked, which a shell may have done long before it exec'd Python (the last command of `( venv && pip
    install && python main.py )` runs in the subshell's own process: the figure then counted the install,
    ~23 s); when it is more than `_EXEC_SLACK` seconds older than this module's import, the time since the
    import is given instead. Elsewhere: since this module was imported, which misses the interpreter start
    (~50 ms) and the imports before it.
    """
    since_import = time.monotonic() - _IMPORTED_AT
    try:
        with open("/proc/self/stat", "rb") as f:
            stat = f.read()
        with open("/proc/uptime", "rb") as f:
            uptime = float(f.read().split()[0])
        # Fields after the ")" that ends the command name; starttime is field 22 (index 19 after it).
        start_ticks = int(stat[stat.rindex(b")") + 2:].split()[19])
        since_fork = uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return since_import
    return since_fork if since_fork <= since_import + _EXEC_SLACK else since_import
