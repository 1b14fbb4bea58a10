"""Reading a data folder's large CSV files ahead, while the command that will read them is still importing.

A command about to read a folder (`concentration`, `import`) calls `start(folder)` before it imports pandas and
the importer. Those imports keep one core busy for ~0.25 s; meanwhile a thread reads the large files' bytes,
profiles them and has pyarrow parse them on the other core. The reader (`importer._Source`,
`tabular.read_csv_table`) then takes what was done instead of doing it again (`bytes_of`, `profile_of`,
`parsed`), and `forget` lets go of the rest once the folder is read.

Only ever a head start, never a different reading. What is taken is exactly what the reader would have worked
out itself, with the same code (`csv_bytes.ByteProfile`, `csv_bytes.parse_plain`, every column), and only for
the same question: the bytes of a file whose size, modification time and inode are still those it had when
read; the profile and the parse of those very bytes (the same object) with the number of cells the reader
found in the header. Anything else (title rows above the header, a quote, a file pyarrow refuses, a file
changed since, a failure of the thread) is left to the reader, which then reads as it always did.

Imports no pandas: `start` imports pyarrow (and with it numpy), which pandas would import first thing anyway.
"""
from __future__ import annotations

import os
import threading
import unicodedata
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from core.concentration.csv_bytes import ByteProfile, arrow_csv, parse_plain

# The data folder's large files, by name (file name without .csv, NFKC, casefolded): the importer's names and
# aliases of exposures and counterparties (importer.SPECS; a test keeps the two the same). The other files
# hold a few rows each.
LARGE_FILES = frozenset({"exposures", "风险暴露", "暴露", "敞口", "风险敞口", "持仓", "投资资产", "exposure",
                         "counterparties", "交易对手", "交易对手信息", "counterparty"})
# below this a file is read in a few milliseconds: not worth a thread
MIN_BYTES = 1 << 20


class _Ahead:
    """One file read ahead: its identity when read, then its bytes, their profile and pyarrow's parse
    ((cells per line, table) or None), each set by the thread as it gets there."""

    def __init__(self, path: Path, identity: tuple[int, int, int]):
        self.path = path
        self.identity = identity
        self.data: Future = Future()
        self.profile: Future = Future()
        self.parsed: Future = Future()


_lock = threading.Lock()
_ahead: dict[str, _Ahead] = {}


def _key(path: Any) -> str:
    return os.path.abspath(os.fspath(path))


def _identity(path: Path) -> tuple[int, int, int]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns, st.st_ino


def start(folder: Any) -> int:
    """Start reading `folder`'s large CSV files in a thread of their own; the number of files being read (0
    when `folder` is not a folder or has none of them, or pyarrow is missing: then nothing is started)."""
    try:
        path = Path(folder)
        if not path.is_dir():
            return 0
        files = []
        for p in path.iterdir():
            if p.suffix.lower() != ".csv" or unicodedata.normalize("NFKC", p.stem).strip().casefold() not in LARGE_FILES:
                continue
            identity = _identity(p)
            if identity[0] >= MIN_BYTES:
                files.append(_Ahead(p, identity))
    except (OSError, ValueError):
        return 0
    if not files or arrow_csv() is None:
        return 0
    files.sort(key=lambda f: -f.identity[0])        # the largest first: the one the reader waits longest for
    with _lock:
        for f in files:
            _ahead[_key(f.path)] = f
    threading.Thread(target=_read, args=(files,), name="read-ahead", daemon=True).start()
    return len(files)


def _read(files: list[_Ahead]) -> None:
    for f in files:
        try:
            data: bytes | None = f.path.read_bytes()
            if _identity(f.path) != f.identity:
                data = None                         # changed while it was read: the reader reads it itself
            f.data.set_result(data)
            if data is None:
                f.profile.set_result(None)
                f.parsed.set_result(None)
                continue
            profile = ByteProfile(data)
            f.profile.set_result(profile)
            f.parsed.set_result(None if profile.quotes else _parse(data))
        except BaseException:   # noqa: BLE001 - whatever failed, the reader must not wait for it: it reads itself
            for fut in (f.data, f.profile, f.parsed):
                if not fut.done():
                    fut.set_result(None)


def _parse(data: bytes) -> tuple[int, Any] | None:
    """pyarrow's parse of every column, the header taken to be the first line (else the reader reads from
    further down, other bytes than these: the parse is not used)."""
    end = data.find(b"\n")
    if end < 0:
        return None
    width = data.count(b",", 0, end) + 1
    try:
        # one thread: the imports beside it hold the other core (pyarrow's threads would take it from them:
        # at 1M the command's reading 0.69-0.75 s with them, 0.64-0.69 s without; the same cells either way)
        return width, parse_plain(data, width, threads=False)
    except Exception:    # noqa: BLE001 - pyarrow refuses the file: the reader finds out again, and says why
        return None


def _find(data: bytes) -> _Ahead | None:
    with _lock:
        entries = list(_ahead.values())
    for f in entries:
        if f.data.done() and f.data.result() is data:
            return f
    return None


def bytes_of(path: Any) -> bytes | None:
    """The bytes of the file at `path` if they were read ahead and the file is still as it was then (waits
    for them if they are being read); None otherwise (the caller reads the file)."""
    with _lock:
        f = _ahead.get(_key(path))
    if f is None:
        return None
    data = f.data.result()
    try:
        same = data is not None and _identity(f.path) == f.identity
    except OSError:
        same = False
    if not same:
        with _lock:
            _ahead.pop(_key(path), None)
        return None
    return data


def profile_of(data: bytes) -> ByteProfile | None:
    """The profile of these very bytes (as `bytes_of` gave them), worked out ahead; None if they were not."""
    f = _find(data)
    return f.profile.result() if f is not None else None


def parsed(data: bytes, width: int) -> Any:
    """pyarrow's parse (every column, `csv_bytes.column_names`) of these very bytes (as `bytes_of` gave them)
    with `width` cells a line, done ahead; None when it was not (or pyarrow refused them: the caller then
    parses them itself). Given once: the file's entry is let go."""
    f = _find(data)
    if f is None:
        return None
    done = f.parsed.result()
    with _lock:
        _ahead.pop(_key(f.path), None)
    if done is None or done[0] != width:
        return None
    return done[1]


def forget() -> None:
    """Let go of everything read ahead and not taken (a folder that is read entirely)."""
    with _lock:
        _ahead.clear()
