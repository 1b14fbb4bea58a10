"""`python main.py template OUT.xlsx [--lang zh|en]`: write the import template (issue 16, "下载模板").

The workbook has one sheet per data file headed by the columns the importer reads (required ones bold, each
header's note lists its other accepted names) and an instructions sheet (units, dates, flags, codes, what is
required): `core.concentration.template`, words from `wording.import_template`. Sheet names and headers are
Chinese by default, English with `--lang en`; the importer reads both. An existing file is replaced, as a
"save as" would; a path that cannot be written ends with exit status 2 and a sentence.
"""
from __future__ import annotations

import sys
from pathlib import Path

from cli.errors import EXIT_BAD_INPUT, add_lang_argument


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("template", help="write the import template workbook (every sheet, the accepted "
                                               "headers and an instructions sheet)",
                              description="Writes an .xlsx template for the group data that `import` and "
                                          "`concentration` read: one sheet per data file and the instructions.")
    p.add_argument("out", metavar="OUT.xlsx", help="the workbook to write")
    add_lang_argument(p)


def run(args) -> int:
    from core.concentration.template import write_template
    from wording.cli_texts import cli_lang, say
    from wording.import_template import template_words

    lang = cli_lang(args.lang)
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        print(say("not_xlsx", lang, path=out), file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        write_template(out, lang, template_words(lang))
    except OSError as exc:
        print(say("cannot_write", lang, path=out, reason=exc.strerror or exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    print(say("template_written", lang, path=out))
    return 0
