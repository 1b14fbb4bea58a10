"""Build the self-contained RiskDesk bundle: dist/riskdesk/, a folder with a `riskdesk` executable
(`riskdesk.exe` on Windows) that needs no Python on the machine it runs on.

    pip install -e '.[bundle]'                  # PyInstaller (once)
    python scripts/build_bundle.py              # -> dist/riskdesk/ (PyInstaller's work files in build/)
    python scripts/build_bundle.py --zip        # also dist/riskdesk-<version>-<platform>.zip, to hand out
    python scripts/build_bundle.py --dist D --work W    # elsewhere (tests/test_bundle.py builds in a temp folder)

The recipe is packaging/riskdesk.spec. A bundle runs on the operating system it was built on (build the Windows
one on Windows; packaging/riskdesk.iss then makes the installer). Prints the bundle's size and the build time;
exit status 2 if PyInstaller is not installed, PyInstaller's own status if the build fails.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "riskdesk.spec"
NAME = "riskdesk"


def executable(dist: Path) -> Path:
    """The bundle's executable in `dist`."""
    return dist / NAME / (NAME + (".exe" if sys.platform == "win32" else ""))


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]["version"]


def build(dist: Path, work: Path, quiet: bool = True) -> int:
    """Run PyInstaller on the spec; its exit status."""
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(dist), "--workpath", str(work),
           str(SPEC)]
    if quiet:
        cmd[3:3] = ["--log-level", "WARN"]
    # PyInstaller imports PySide6 while it analyses; no display is needed for that.
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    return subprocess.run(cmd, cwd=ROOT, env=env).returncode


def make_zip(dist: Path) -> Path:
    """dist/riskdesk-<version>-<os>-<machine>.zip holding the riskdesk/ folder."""
    base = dist / f"{NAME}-{version()}-{sys.platform}-{platform.machine().lower()}"
    return Path(shutil.make_archive(str(base), "zip", root_dir=dist, base_dir=NAME))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where riskdesk/ goes (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's work folder "
                        "(default: build/)")
    parser.add_argument("--zip", action="store_true", help="also pack the folder as a .zip next to it")
    parser.add_argument("--verbose", action="store_true", help="show PyInstaller's full log")
    args = parser.parse_args(argv)

    if importlib.util.find_spec("PyInstaller") is None:
        print("PyInstaller is not installed: pip install -e '.[bundle]'", file=sys.stderr)
        return 2
    dist, work = args.dist.resolve(), args.work.resolve()
    started = time.perf_counter()
    status = build(dist, work, quiet=not args.verbose)
    if status != 0:
        print(f"build failed (PyInstaller exit status {status})", file=sys.stderr)
        return status
    seconds = time.perf_counter() - started
    exe = executable(dist)
    if not exe.is_file():
        print(f"build finished but {exe} is missing", file=sys.stderr)
        return 1
    size_mb = folder_size(exe.parent) / 1e6
    print(f"built {exe} in {seconds:.0f} s; the folder is {size_mb:.0f} MB")
    if args.zip:
        archive = make_zip(dist)
        print(f"packed {archive} ({archive.stat().st_size / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
