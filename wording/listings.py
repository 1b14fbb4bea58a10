"""The sentences a board report prints where a long listing stops: how many more items there are, of what
status, and where they are listed, in Chinese (the reports) and English.

A board paper lists the largest or most severe few of a long listing (breach cases, limits, register gaps)
and counts the rest, never dropping them silently (reports.builders.bounds sets how many are listed). The
figures are counts of the report's own model, passed in by the builder; nothing here decides a bound.
"""
from __future__ import annotations

from wording import numbers as W

# key -> {lang: template}; {n}, {b}, {w} … are counts (formatted with wording.numbers.count), the other
# fields text the builder gives (a table's number, a sheet's name, a list already joined)
TEXTS: dict[str, dict[str, str]] = {
    # under a table that lists only its first rows (the PDF); the XLSX sheet lists every row
    "rest_rows": {
        "zh": "另有 {n} 项未在本表列示（{parts}），完整清单见本报告的 XLSX 版（工作表“{sheet}”）。",
        "en": "{n} more are not listed in this table ({parts}); the full list is in the report's XLSX "
              "version (sheet \"{sheet}\").",
    },
    # the summary's table of items in breach or warning, listing the most severe ones
    "rest_flagged": {
        "zh": "上表列示其中最突出的 {shown} 项（超限在前，按比例从高到低）；另有 {n} 项（{parts}）见第{section}节"
              "表{table}“{caption}”。",
        "en": "The table lists the {shown} most severe (breaches first, then by ratio); {n} more ({parts}) are "
              "in section {section}, table {table} \"{caption}\".",
    },
    # after the case notes of section 四: the notes of the most severe items only
    "rest_notes": {
        "zh": "以上为最突出的 {shown} 个事项（超限在前，按比例从高到低）的登记簿记录；其余 {n} 个事项（{parts}）的"
              "登记簿编号、处置状态、责任人和完成时限见表{table}。",
        "en": "Above are the register's records of the {shown} most severe items (breaches first, then by "
              "ratio); the register number, state, owner and deadline of the other {n} ({parts}) are in "
              "table {table}.",
    },
    # the asks of the summary: the breach cases beyond those named one by one
    "rest_asks": {
        "zh": "审议其余 {n} 项超限事项的处置（见表{table}）",
        "en": "consider the handling of the other {n} breaches (table {table})",
    },
    # a sentence naming items one by one, cut after the first few
    "rest_named": {
        "zh": "等 {total} 项（另 {n} 项见表{table}）",
        "en": "and {n} more, {total} in all (table {table})",
    },
    # the same, where no table lists them (limit ids in a sentence)
    "rest_ids": {
        "zh": "等 {total} 项",
        "en": "and {n} more, {total} in all",
    },
    # register gaps beyond those named, counted by what the register lacks
    "rest_gaps": {
        "zh": "另有 {n} 个事项记录不全（{parts}）",
        "en": "{n} more items are incomplete ({parts})",
    },
    # what the register lacks, beyond the items named (a report without a table of the items)
    "rest_missing": {
        "zh": "另有 {n} 个事项记录不全，详见超限额事项登记簿",
        "en": "{n} more items are incomplete; see the breach register",
    },
    # the parts of a count: "超限 290 项、预警 40 项"
    "part_breach": {"zh": "超限 {n} 项", "en": "{n} in breach"},
    "part_warning": {"zh": "预警 {n} 项", "en": "{n} in warning"},
    "part_ok": {"zh": "正常 {n} 项", "en": "{n} within limits"},
    "part_no_basis": {"zh": "无法计量 {n} 项", "en": "{n} not measurable"},
    "part_unregistered": {"zh": "未登记 {n} 项", "en": "{n} not registered"},
    "part_missing": {"zh": "尚无{what} {n} 个", "en": "{n} without {what}"},
    "parts_joiner": {"zh": "、", "en": ", "},
}


def listing_text(key: str, lang: str = "zh", **values) -> str:
    """The sentence `key` in `lang` (zh or en) with `values` filled in; int values read as counts (1,234)."""
    template = TEXTS[key]["en" if lang == "en" else "zh"]
    return template.format(**{k: W.count(v) if isinstance(v, int) and not isinstance(v, bool) else v
                              for k, v in values.items()})


def status_parts(counts: dict[str, int], lang: str = "zh") -> str:
    """"超限 290 项、预警 40 项" of {status: count}, in breach, warning, no_basis, ok order, zeros left out."""
    order = (("breach", "part_breach"), ("warning", "part_warning"), ("no_basis", "part_no_basis"),
             ("ok", "part_ok"), ("unregistered", "part_unregistered"))
    parts = [listing_text(key, lang, n=counts[s]) for s, key in order if counts.get(s)]
    return TEXTS["parts_joiner"]["en" if lang == "en" else "zh"].join(parts)


__all__ = ["TEXTS", "listing_text", "status_parts"]
