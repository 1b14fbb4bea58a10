"""`python main.py rate INPUT.json|INPUT.xlsx [--json] [--rulebook ID] [--lang zh|en]`: one rating self-assessment.

With --json prints the result JSON of docs/interfaces.md (scores as numbers, `because` in English) and
nothing else on stdout; without it a short human summary. Bad input: exit 2 with every problem on stderr.
The summary, problems and warnings speak Chinese unless `--lang en`; the JSON is language-neutral (its texts
stay English, as the contract says).
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from decimal import Decimal
from typing import Any

from cli.errors import EXIT_BAD_INPUT, add_lang_argument, report_input_error
from core.problems import InputError
from core.rating.engine import Assessment
from core.rating.improve import Improvement
from core.rating.inputs import read_rating_file
from core.rating.rulebook import Rulebook, load_rulebook
from core.services.rating import rate_input
from wording import rating as words
from wording.cli_texts import cli_lang, say
from wording.problems import describe, location, message


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("rate", help="one rating self-assessment from a JSON input or the XLSX template",
                              description="Rates one company under a rulebook (default: the input's, else life-2024).")
    p.add_argument("input", metavar="INPUT", help="rating input: .json (docs/interfaces.md) or the .xlsx template")
    p.add_argument("--json", action="store_true", help="print the result as JSON (the only thing on stdout)")
    p.add_argument("--rulebook", metavar="ID", help="rate under this rulebook instead of the input's")
    p.add_argument("--rulebook-version", metavar="VERSION", help="with --rulebook: that version (default: latest)")
    add_lang_argument(p)


def _num(x: Any) -> Any:
    """Decimals become JSON numbers (84.62, not "84.62"); containers and dataclasses recursively."""
    if isinstance(x, Decimal):
        return int(x) if x == x.to_integral_value() and abs(x) < 10 ** 15 and x.as_tuple().exponent >= 0 else float(x)
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return {f.name: _num(getattr(x, f.name)) for f in dataclasses.fields(x)}
    if isinstance(x, dict):
        return {str(k): _num(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_num(v) for v in x]
    return x


def _score(x: Decimal) -> float:
    """The exact score as a JSON number: a weighted sum of two-decimal scores has a handful of decimals,
    which a float's shortest repr prints as they are (80.0044, not rounded to 80.0)."""
    return float(x)


def calculation_trace(a: Assessment, names: dict[str, str]) -> list[dict]:
    """The steps before the adjustment rules, at the head of the trace: the rounding convention the bands
    used (it "holds" when the other convention would give another level) and what the ESG cap did."""
    boundary = words.boundary_note_text(a.boundary_note, "en", names)
    out = [{"rule": "score_rounding", "kind": "calculation", "holds": a.boundary_note is not None,
            "effect": "boundary_note" if a.boundary_note is not None else "none",
            "because": words.rounding_text(a.score_rounding, "en") + (f"; {boundary}" if boundary else ""),
            "source": a.score_rounding_source, "name": "rounding convention",
            "inputs": {"score_rounding": a.score_rounding}, "thresholds": {}, "unknown": []}]
    if a.esg_bonus_cap is not None:
        out.append({"rule": "esg_cap", "kind": "calculation", "holds": a.esg_capped,
                    "effect": "capped" if a.esg_capped else "none",
                    "because": "; ".join(filter(None, (words.esg_text(a, "en"), words.esg_uncapped_text(a, "en")))),
                    "source": a.esg_bonus_source, "name": "ESG bonus cap",
                    "inputs": {"esg_bonus": _num(a.esg_bonus_given)}, "thresholds": {"cap": _num(a.esg_bonus_cap)},
                    "unknown": []})
    return out


def result_json(a: Assessment, imp: Improvement, rulebook: Rulebook) -> dict:
    names = {d.key: d.name_en for d in rulebook.dimensions}
    names.update({d.key: d.name for d in a.dimensions if d.name})
    trace = calculation_trace(a, names)
    for t in a.trace:
        entry = {"rule": t.rule, "holds": t.holds, "effect": t.effect, "because": words.because(t, "en"),
                 "source": t.source, "name": words.rule_name(t.rule, "en"),
                 "effect_text": words.effect_text(t, "en"),
                 "inputs": _num(dict(t.inputs)), "thresholds": _num(dict(t.thresholds)),
                 "unknown": [c.test for c in t.unknown]}
        if t.basis:
            entry["basis"] = list(t.basis)
        if t.indicator is not None:
            entry["solvency_standard_met"] = t.indicator.meets_standard
        trace.append(entry)
    note = a.boundary_note
    return {
        "rulebook": a.rulebook_id,
        "rulebook_version": a.rulebook_version,
        "rulebook_sha256": a.rulebook_sha256,
        "company": a.company,
        "period": a.period,
        "weighted_score": _score(a.weighted_score),
        "esg_bonus": _score(a.esg_bonus_applied),
        **({"esg_bonus_given": _num(a.esg_bonus_given), "esg_bonus_cap": _num(a.esg_bonus_cap),
            "esg_bonus_capped": a.esg_capped, "esg_note": words.esg_text(a, "en"),
            "esg_uncapped_composite": _num(a.esg_uncapped_composite), "esg_uncapped_level": a.esg_uncapped_level}
           if a.esg_bonus_cap is not None else {}),
        "composite_score": _score(a.composite_score),
        "score_rounding": a.score_rounding,
        "boundary_note": words.boundary_note_text(note, "en", names),
        "boundary": None if note is None else {
            "convention": note.convention, "other_convention": note.other_convention,
            "final_level": note.final_level, "other_final_level": note.other_final_level,
            "shifts": [_num(x) for x in note.shifts]},
        "dimension_scores": {d.key: _score(d.score) for d in a.dimensions},
        **({"element_names": {d.key: d.name for d in a.dimensions if d.name}}
           if any(d.name for d in a.dimensions) else {}),
        "dimension_risk_levels": a.dimension_risk_levels,
        "weights": {d.key: float(d.weight) for d in a.dimensions},
        "base_level": a.base_level,
        "final_level": a.final_level,
        "fired": list(a.fired),
        "trace": trace,
        "measures": words.measure_texts(a.measures, "en"),
        "measure_codes": list(a.measures),
        "improvement": {**_num(imp), "text": words.improvement_lines(imp, "en", names)},
    }


def summary_text(a: Assessment, imp: Improvement, rulebook: Rulebook, lang: str = "en") -> str:
    lang = cli_lang(lang)
    zh = lang == "zh"
    lines = [f"{a.company or say('company_not_named', lang)} {a.period or ''}".rstrip(),
             say("rulebook_line", lang, id=a.rulebook_id, version=a.rulebook_version, doc=rulebook.issuing_doc)]
    for d in a.dimensions:
        dim = rulebook.dimension(d.key)
        name = (dim.name_zh if zh else dim.name_en) if dim else (d.name or d.key)
        risk = words.risk_level_name(d.risk_level, lang) if zh else d.risk_level
        lines.append(f"  {name:<28} {words.fmt_score(d.score):>8}  {risk}")
    esg = f" + ESG {words.fmt_score(a.esg_bonus_applied)}" if a.esg_bonus_applied else ""
    lines.append(say("weighted_line", lang, weighted=words.fmt_score(a.weighted_score), esg=esg,
                     composite=words.fmt_score(a.composite_score)))
    lines.append(f"  ({words.rounding_text(a.score_rounding, lang)})" if not zh
                 else f"  （{words.rounding_text(a.score_rounding, lang)}）")
    if a.esg_capped:
        lines.append(f"  {words.esg_text(a, lang)}")
    lines.append(say("levels_line", lang, base=a.base_level, final=a.final_level))
    names = {d.key: (d.name_zh if zh else d.name_en) for d in rulebook.dimensions}
    names.update({d.key: d.name for d in a.dimensions if d.name})
    if a.boundary_note is not None:
        lines.append(say("boundary_line", lang, text=words.boundary_note_text(a.boundary_note, lang, names)))
    sep = "：" if zh else ": "
    for t in a.trace:
        if t.holds:
            lines.append(f"  {t.rule} {words.rule_name(t.rule, lang)}{sep}{words.because(t, lang, names)} => "
                         f"{words.effect_text(t, lang)}")
    if not a.fired:
        lines.append(say("no_rule_holds", lang))
    lines.append(say("measures_title", lang))
    lines += [f"  - {m}" for m in words.measure_texts(a.measures, lang)]
    lines.append(say("improve_title", lang))
    lines += [f"  {x}" for x in words.improvement_lines(imp, lang, names)]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    lang = cli_lang(args.lang)
    try:
        rulebook = load_rulebook(args.rulebook, args.rulebook_version) if args.rulebook else None
    except InputError as err:
        for p in err.problems:
            print(say("rulebook_option", lang, text=message(p, lang)), file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        inp = read_rating_file(args.input, rulebook)
        rulebook = rulebook or load_rulebook(inp.rulebook_id, inp.rulebook_version)
        rated = rate_input(inp, rulebook)
        a, imp = rated.assessment, rated.improvement
    except InputError as err:
        grade = [p for p in err.errors if p.code == "cannot_grade"]
        for p in grade:
            # docs/interfaces.md: the message starts "cannot grade: " (a contract scripts read, so in every
            # language); the location follows
            text = message(p, lang)
            lead = "" if text.startswith("cannot grade: ") else "cannot grade: "
            where = f"（{location(p, lang)}）" if lang == "zh" else f" ({location(p, lang)})"
            print(f"{lead}{text}{where}", file=sys.stderr)
        rest = [p for p in err.problems if p.code != "cannot_grade"]
        if rest:
            report_input_error(InputError(rest), lang=lang)
        return EXIT_BAD_INPUT
    for w in inp.warnings:
        print(describe(w, lang), file=sys.stderr)
    if args.json:
        json.dump(result_json(a, imp, rulebook), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print(summary_text(a, imp, rulebook, lang))
    return 0
