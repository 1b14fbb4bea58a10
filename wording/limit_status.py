"""Why a limit cannot be measured (status `no_basis`), in English and Chinese, for the CLI, screens and reports.

The engine gives every unmeasurable limit a `problem` code (`core.concentration.limits`): the scope's basis
is not given (`no_basis`: no business.csv, a member not in the data), is zero (`zero_basis`), the limit or
warning value is missing (`no_limit`) or its rule could not derive it (`no_solvency_ratio`). docs/interfaces.md:
such a limit is "listed as such everywhere ... never silently dropped from a count".
"""
from __future__ import annotations

from typing import Iterable

from wording.codes import BASES

NO_BASIS = "no_basis"
STATUS_WORDS = {"en": {"ok": "ok", "warning": "warning", "breach": "breach", NO_BASIS: "cannot be measured"},
                "zh": {"ok": "正常", "warning": "预警", "breach": "超限", NO_BASIS: "无法计量"}}
# a status on its own (a table cell, a chip): the Chinese as above, the English capitalised
STATUS_LABELS = {"en": {"ok": "OK", "warning": "Warning", "breach": "Breach", NO_BASIS: "Cannot be measured"},
                 "zh": STATUS_WORDS["zh"]}
# a basis inside a sentence: wording.codes' words (as the reports' basis column), English in lower case
BASIS_NAMES = {"en": {code: en[0].lower() + en[1:] for code, (_zh, en) in BASES.items()},
               "zh": {code: zh for code, (zh, _en) in BASES.items()}}
BUSINESS_BASES = ("total_premium", "total_ceded")
# The colours of a limit status, the same on screen and in the reports: strong for text, chart bars and lines;
# tints for table row backgrounds (readable when printed in grey). no_basis (the limit cannot be measured: its
# basis is missing or zero) is grey, never green.
STATUS_COLOURS = {"ok": "#2E7D32", "warning": "#E69500", "breach": "#C62828", NO_BASIS: "#607D8B"}
STATUS_TINTS = {"ok": "#E8F5E9", "warning": "#FFF3D6", "breach": "#FDE7E7", NO_BASIS: "#ECEFF1"}
# The order a list of limits sorts in, worst first.
STATUS_RANK = {"breach": 0, "warning": 1, "ok": 2, NO_BASIS: 3}


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "zh"


def _scope(scope: str | None, lang: str, scope_name=None) -> str:
    if scope in (None, "group"):
        return "the group" if lang == "en" else "集团"
    return scope_name(scope) if scope_name is not None else str(scope)


def no_basis_reason(limit: dict, lang: str = "en", scope_name=None) -> str:
    """Why this limit (a result-JSON limit: problem, basis, scope) cannot be measured, as a phrase."""
    lang = _lang(lang)
    code = limit.get("problem") or NO_BASIS
    basis = limit.get("basis")
    bname = BASIS_NAMES[lang].get(str(basis), str(basis))
    scope = _scope(limit.get("scope"), lang, scope_name)
    if code == "zero_basis":
        return f"{bname} of {scope} is zero" if lang == "en" else f"{scope}的{bname}为零"
    if code == "no_limit":
        return "no warning or limit value is given" if lang == "en" else "未给出预警值或限额"
    if code == "no_solvency_ratio":
        return (f"the solvency ratio of {scope} is not given, so the rule cannot derive the limit" if lang == "en"
                else f"未提供{scope}的偿付能力充足率，规则无法推导限额")
    if basis in BUSINESS_BASES:
        return (f"{bname} of {scope} is not given, as there is no business.csv" if lang == "en"
                else f"未提供{scope}的{bname}（无 business.csv 业务数据）")
    if code == NO_BASIS:
        return f"{bname} of {scope} is not given" if lang == "en" else f"未提供{scope}的{bname}"
    return str(code)


def unmeasured(limits: Iterable[dict]) -> list[dict]:
    return [lim for lim in limits if lim.get("status") == NO_BASIS]


def no_basis_summary(limits: Iterable[dict], lang: str = "en", scope_name=None, limit_name=None) -> str | None:
    """'5 limits cannot be measured: G13 (total premium of the group is not given ...); ...' or None.
    Limits with the same reason are listed together under it."""
    lang = _lang(lang)
    todo = unmeasured(limits)
    if not todo:
        return None
    by_reason: dict[str, list[str]] = {}
    for lim in todo:
        name = limit_name(lim) if limit_name is not None else str(lim.get("limit_id"))
        by_reason.setdefault(no_basis_reason(lim, lang, scope_name), []).append(name)
    if lang == "en":
        head = f"{len(todo)} limit{'s' if len(todo) != 1 else ''} cannot be measured: "
        return head + "; ".join(f"{', '.join(ids)} ({why})" for why, ids in by_reason.items())
    return f"{len(todo)} 项限额无法计量：" + "；".join(f"{'、'.join(ids)}（{why}）" for why, ids in by_reason.items()) + "。"
