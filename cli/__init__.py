"""The command-line subcommands of `docs/interfaces.md`; each module has `add_parser(sub)` and `run(args)`.

Commands read files, call `core`, and print JSON on stdout. Bad input ends with exit status 2 and a
message on stderr naming the file, row and column; never a traceback.
"""
