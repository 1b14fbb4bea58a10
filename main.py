"""RiskDesk's entry point: the GUI (`python main.py [--demo] [--db PATH] [--screen NAME]`) and the subcommands of docs/interfaces.md.

Subcommands live in `cli/` and are imported only when named, so that the GUI starts without loading
pandas and friends, and a script pays only for the command it runs.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys

# subcommand name -> module in cli/ (each has add_parser(subparsers) and run(args) -> int)
COMMANDS = {
    "rate": "cli.rate",
    "concentration": "cli.concentration",
    "import": "cli.import_data",
    "demo": "cli.demo",
    "report": "cli.report",
    "duties": "cli.duties",
    "db": "cli.db",
    "template": "cli.template",
}

# Commands that only read files and write their answer: once it is flushed, nothing is left to close, so the
# process ends at once instead of freeing a million-row evaluation object by object (0.1-0.15 s at 1M).
# Commands that hold a database never do (SQLite's connection is closed on the way out), except `import`,
# which closes its database itself before it returns and then holds only the million rows it stored.
QUICK_EXIT = frozenset({"concentration", "rate", "import"})


def _gui_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="main.py", description="RiskDesk: rating self-assessment and group "
                                "concentration risk. Without a subcommand, starts the GUI.",
                                epilog="subcommands: " + ", ".join(COMMANDS) + " (main.py SUBCOMMAND --help)")
    p.add_argument("--demo", action="store_true", help="open on a fresh database filled with the demo group")
    p.add_argument("--db", metavar="PATH", help="the history database file (default: the user data folder)")
    p.add_argument("--lang", choices=("zh_CN", "en"), help="interface language (default: the saved setting, else Chinese)")
    p.add_argument("--user", metavar="NAME", help="your name, recorded on proposals and decisions")
    p.add_argument("--read-only", action="store_true",
                   help="open the history for viewing and reports only (nothing is recorded or migrated)")
    p.add_argument("--screen", metavar="NAME",
                   help="open directly on a screen: home, rating, concentration, breaches, limits, history, reports")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        parser = argparse.ArgumentParser(prog="main.py")
        sub = parser.add_subparsers(dest="command", required=True)
        module = importlib.import_module(COMMANDS[argv[0]])
        module.add_parser(sub)
        args = parser.parse_args(argv)
        return int(module.run(args) or 0)
    args = _gui_parser().parse_args(argv)
    from ui.app import run_gui

    return run_gui(db=args.db, demo=args.demo, lang=args.lang, user=args.user, read_only=args.read_only,
                   screen=args.screen)


if __name__ == "__main__":
    # the process's memory, set before anything is imported (cli/heap.py): for one run when it ends at the answer
    from cli import heap

    if len(sys.argv) > 1 and sys.argv[1] in QUICK_EXIT:
        heap.for_a_quick_exit()
    else:
        heap.arrow_from_glibc()
    code = main()
    if len(sys.argv) > 1 and sys.argv[1] in QUICK_EXIT:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except OSError:      # a reader that closed the pipe (`| head`) took what it wanted
                pass
        os._exit(code)
    sys.exit(code)
