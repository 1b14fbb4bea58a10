"""Sentences for `core.problems.InputProblem` codes, in English (CLI) and Chinese (GUI, reports).

Each domain keeps its own catalogue module (`wording.rating_problems`, `wording.concentration_problems`,
...) with `MESSAGES = {code: {"en": template, "zh": template}}`; templates use `str.format` fields from
the problem's `value` and `detail`. `describe` prefixes the location (file, row, column) so that every
message names where the problem is.
"""
from __future__ import annotations

import importlib
import re
from functools import lru_cache

from core.problems import InputProblem

CATALOGUES = ("wording.common_problems", "wording.rating_problems", "wording.concentration_problems",
              "wording.whatif_problems")


@lru_cache(maxsize=1)
def _catalogues() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]], dict[str, dict]]:
    """(messages, default fields, optional clauses) of every catalogue. A catalogue may give a code default
    values for fields its problem may lack (`DEFAULTS`: the file a reference is looked up in when the reader
    did not say) and clauses added only when the problem has a field (`CLAUSES`: {code: (field, {lang:
    template})}, e.g. the other names a missing column may have)."""
    merged: dict[str, dict[str, str]] = {}
    defaults: dict[str, dict[str, str]] = {}
    clauses: dict[str, dict] = {}
    for name in CATALOGUES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        for code, texts in module.MESSAGES.items():
            if code in merged:
                raise ValueError(f"problem code {code!r} defined twice ({name})")
            merged[code] = texts
        for code, fields in getattr(module, "DEFAULTS", {}).items():
            defaults.setdefault(code, {}).update(fields)
        clauses.update(getattr(module, "CLAUSES", {}))
    return merged, defaults, clauses


def _messages() -> dict[str, dict[str, str]]:
    return _catalogues()[0]


class _Fields(dict):
    """format_map mapping that leaves unknown fields visible instead of raising."""

    def __missing__(self, key):
        return "{" + key + "}"


def location(problem: InputProblem, lang: str = "en") -> str:
    parts = []
    if problem.file:
        parts.append(str(problem.file))
    if problem.row is not None:
        parts.append(f"row {problem.row}" if lang == "en" else f"第 {problem.row} 行")
    if problem.column:
        # A JSON or TOML input has fields, a table has columns: say what the user will look for in the file.
        is_json = problem.row is None and str(problem.file or "").lower().endswith((".json", ".toml"))
        if lang == "en":
            parts.append(f"{'field' if is_json else 'column'} {problem.column}")
        else:
            parts.append(f"{'字段' if is_json else '列'} {problem.column}")
    return ", ".join(parts) if lang == "en" else "，".join(parts)


MAX_VALUE_SHOWN = 60   # characters of an offending value quoted in a message (a 1,000,000-character name is not)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def shown_value(value, escape: bool = True) -> str:
    """A cell value as quoted in a message: long text elided (with its length), control characters written
    as \\xNN when `escape` (a template quoting with !r escapes them itself)."""
    s = "" if value is None else str(value)
    if len(s) > MAX_VALUE_SHOWN:
        s = s[:MAX_VALUE_SHOWN - 20] + f"…(+{len(s) - MAX_VALUE_SHOWN + 20:,} characters)"
    if escape and _CONTROL.search(s):
        s = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", s)
    return s


def message(problem: InputProblem, lang: str = "en") -> str:
    """The sentence for the problem, without its location."""
    messages, defaults, clauses = _catalogues()
    texts = messages.get(problem.code)
    fields = _Fields({**defaults.get(problem.code, {}), **problem.detail})
    # a field that holds a code (rows, bytes) is said in the message's language: DEFAULTS key "<field>_<lang>"
    for key, value in list(fields.items()):
        words = defaults.get(problem.code, {}).get(f"{key}_{lang}")
        if isinstance(words, dict) and value in words:
            fields[key] = words[value]
    template = (texts.get(lang) or texts["en"]) if texts is not None else ""
    clause = clauses.get(problem.code)
    if clause is not None and problem.detail.get(clause[0]):
        template += clause[1].get(lang) or clause[1]["en"]
    fields.setdefault("value", shown_value(problem.value, escape="{value!r}" not in template))
    fields.setdefault("column", problem.column or "")
    if texts is None:
        detail = ", ".join(f"{k}={v}" for k, v in problem.detail.items())
        return f"{problem.code}" + (f" ({detail})" if detail else "") + (
            f": {shown_value(problem.value, escape=False)!r}" if problem.value is not None else "")
    return template.format_map(fields)


def describe(problem: InputProblem, lang: str = "en") -> str:
    """'file, row 7, column amount: not a number: "abc"' — location first, then what is wrong."""
    where = location(problem, lang)
    what = message(problem, lang)
    kind = "" if problem.is_error else ("warning: " if lang == "en" else "警告：")
    sep = ": " if lang == "en" else "："
    return f"{kind}{where}{sep}{what}" if where else f"{kind}{what}"
