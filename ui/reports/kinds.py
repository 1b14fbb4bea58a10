"""What the reports screen knows about each kind of report: its name, the periods it is made for, the formats,
the officer's texts it prints, the default file name, and whether a period has the data it needs.

Pure Python apart from QT_TRANSLATE_NOOP markers (no Qt objects): usable in tests and worker threads. The
texts are read by the builders in reports/builders (semiannual: ``semiannual_conclusions`` and
``semiannual_governance``; disclosure: ``disclosure_text``, whose board approval is a record of its own,
ui/reports/approval.py); `TEXTS` must follow them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtCore import QCoreApplication as Q

from ui.common import i18n
from wording.codes import period_name, report_kind_name, text_kind_name

CTX = "ReportKinds"


def tr(text: str) -> str:
    """The translation of a QT_TRANSLATE_NOOP("ReportKinds", …) text."""
    return Q.translate(CTX, text)


def text_name(kind: str) -> str:
    """An officer's text kind in the interface language, as the report's section names it (wording.codes.
    TEXT_KINDS: the history screen's texts table says the same)."""
    return text_kind_name(kind, i18n.wording_lang())


def kind_name(kind: str) -> str:
    """A report's kind in the interface language, as the title the report prints (wording.codes.REPORT_KINDS:
    the history screen, the records' forms and the command line say the same)."""
    return report_kind_name(kind, i18n.wording_lang())


@dataclass(frozen=True)
class TextSpec:
    """One officer text a report prints: the store's kind (worded by text_name: the report section's words),
    the builder's `texts` key, and its hint."""

    kind: str
    key: str
    hint: str


@dataclass(frozen=True)
class KindSpec:
    kind: str                         # its words: kind_name(kind), the title the report prints
    period_kind: str                  # "H", "Q" or "Y": what the report is normally made for
    formats: tuple[str, ...]
    file_stem: str                    # Chinese document name after the period words
    texts: tuple[TextSpec, ...] = field(default_factory=tuple)
    needs: str = "snapshot"           # "snapshot" or "assessment"


KINDS: tuple[KindSpec, ...] = (
    KindSpec("semiannual", "H",
             ("pdf", "xlsx"), "集中度风险报告",
             (TextSpec("semiannual_conclusions", "conclusions",
                       QT_TRANSLATE_NOOP("ReportKinds", "Printed as the last section of the report (while "
                                                        "empty, a reminder to write it). Separate paragraphs "
                                                        "with an empty line.")),
              TextSpec("semiannual_governance", "governance",
                       QT_TRANSLATE_NOOP("ReportKinds", "Printed in the governance section after the standing "
                                                        "text: meetings held, decisions, changes in "
                                                        "responsibilities.")))),
    KindSpec("rating", "Y", ("pdf", "xlsx"),
             "监管评级自评估报告", needs="assessment"),
    KindSpec("quarterly", "Q",
             ("xlsx", "pdf"), "集中度风险指标统计表"),
    KindSpec("annual_chapter", "Y", ("pdf", "xlsx"), "并表管理年度报告集中度风险章节"),
    KindSpec("disclosure", "Y", ("pdf", "xlsx"),
             "集中度风险信息披露",
             (TextSpec("disclosure_text", "text",
                       QT_TRANSLATE_NOOP("ReportKinds", "Printed as the last section, “其他需要说明的事项”. The "
                                                        "board approves this text: the disclosure is final only "
                                                        "once the board's approval of the saved version is "
                                                        "recorded (tab “Board approval”), and a draft marked 草稿 "
                                                        "again if the text is changed afterwards.")),)),
)
BY_KIND = {k.kind: k for k in KINDS}

def period_words(code: str) -> str:
    """2025H1 -> 2025年上半年, 2025Q2 -> 2025年第二季度, 2025 -> 2025年度, 2025M06 -> 2025年6月: the reports'
    words (wording.codes.period_name). Document names are Chinese whatever the interface language: the
    documents are."""
    return period_name(code)


def default_file_name(kind: str, period: str, fmt: str) -> str:
    """2025年上半年集中度风险报告.pdf"""
    return f"{period_words(period)}{BY_KIND[kind].file_stem}.{fmt}"


def period_of_date(day: date, period_kind: str) -> str:
    if period_kind == "H":
        return f"{day.year}H{1 if day.month <= 6 else 2}"
    if period_kind == "Q":
        return f"{day.year}Q{(day.month - 1) // 3 + 1}"
    return f"{day.year}"


def candidate_periods(kind: str, snapshots: list, assessments: list) -> list[str]:
    """The periods of `kind` that have data, newest first: the periods of the stored snapshots' as-of dates
    (the rating report: the years of the stored self-assessments)."""
    spec = BY_KIND[kind]
    if spec.needs == "assessment":
        codes = {str(a.period) for a in assessments if a.kind == "self"}
        return sorted(codes, reverse=True)
    codes = {period_of_date(s.as_of, spec.period_kind) for s in snapshots}
    return sorted(codes, key=_sort_key, reverse=True)


def default_period(kind: str, periods: list[str], snapshots: list) -> str | None:
    """The newest period whose data reach its end (the disclosure of 2024 rather than a half-done 2025),
    else the newest."""
    from core.periods import parse_period

    if BY_KIND[kind].needs == "snapshot":
        ends = {s.as_of for s in snapshots}
        for code in periods:
            if parse_period(code).end in ends:
                return code
    return periods[0] if periods else None


def _sort_key(code: str):
    from core.periods import parse_period

    p = parse_period(code)
    return (p.end, p.start)


@dataclass
class PeriodState:
    """What the chosen kind and period would be made from, or why it cannot be made."""

    period: str | None = None          # the canonical code, None when the text is not a period
    ok: bool = False
    source: Any = None                 # SnapshotInfo or AssessmentRecord
    reason: str = ""                   # why not (translated), when not ok
    note: str = ""                     # a soft remark (translated), e.g. a quarter for the semiannual report


# Messages used in more than one place
NOT_A_PERIOD = QT_TRANSLATE_NOOP("ReportKinds", "“{text}” is not a period: use 2025H1, 2025Q2 or 2025.")
OUT_OF_RANGE = QT_TRANSLATE_NOOP("ReportKinds", "“{text}” is out of range.")
NEEDS_YEAR = QT_TRANSLATE_NOOP("ReportKinds", "The rating report is made for a year (e.g. 2025).")
NO_ASSESSMENT = QT_TRANSLATE_NOOP("ReportKinds", "No rating self-assessment is stored for {period}: save one on "
                                                 "the Rating screen first.")
NO_SNAPSHOT = QT_TRANSLATE_NOOP("ReportKinds", "No snapshot has an as-of date in {period} ({start} to {end}): "
                                               "import that period's data first.")
EARLY_DATA = QT_TRANSLATE_NOOP("ReportKinds", "The latest data of {period} is as of {as_of}, before the period's "
                                              "end ({end}).")
EXPECTED = {"H": QT_TRANSLATE_NOOP("ReportKinds", "a half-year"), "Q": QT_TRANSLATE_NOOP("ReportKinds", "a quarter"),
            "Y": QT_TRANSLATE_NOOP("ReportKinds", "a year")}
NORMALLY = QT_TRANSLATE_NOOP("ReportKinds", "This report is normally made for {expected}.")
REASONS = {"no_such_folder": QT_TRANSLATE_NOOP("ReportKinds", "its folder does not exist"),
           "is_a_directory": QT_TRANSLATE_NOOP("ReportKinds", "it is a folder"),
           "not_writable": QT_TRANSLATE_NOOP("ReportKinds", "it is not writable")}


def period_state(store, kind: str, text: str) -> PeriodState:
    """Quick store reads (GUI thread): the snapshot (or self-assessment) the report would use."""
    from core.periods import PeriodError, parse_period

    spec = BY_KIND[kind]
    text = (text or "").strip()
    if not text:
        return PeriodState(reason=Q.translate("ReportKinds", "Choose or type a period."))
    try:
        p = parse_period(text)
    except PeriodError as exc:
        return PeriodState(reason=tr(OUT_OF_RANGE if exc.code == "period_out_of_range" else NOT_A_PERIOD)
                           .format(text=text))
    state = PeriodState(period=p.code)
    if store is None:
        state.reason = Q.translate("ReportKinds", "The database is not open.")
        return state
    if spec.needs == "assessment":
        if p.kind != "Y":
            state.reason = tr(NEEDS_YEAR)
            return state
        recs = [a for a in store.list_assessments(kind="self") if str(a.period) == p.code]
        if not recs:
            state.reason = tr(NO_ASSESSMENT).format(period=p.code)
            return state
        state.source = max(recs, key=lambda a: a.id)
        state.ok = True
        return state
    info = store.latest_snapshot_in(p.start, p.end)
    if info is None:
        state.reason = tr(NO_SNAPSHOT).format(period=p.code, start=p.start.isoformat(), end=p.end.isoformat())
        return state
    state.source = info
    state.ok = True
    notes = []
    if info.as_of < p.end:
        notes.append(tr(EARLY_DATA).format(period=p.code, as_of=info.as_of.isoformat(), end=p.end.isoformat()))
    if p.kind != spec.period_kind:
        notes.append(tr(NORMALLY).format(expected=tr(EXPECTED[spec.period_kind])))
    state.note = " ".join(notes)
    return state



def error_message(exc: BaseException) -> str | None:
    """A ReportError in words (translated); None for anything else."""
    code = getattr(exc, "code", None)
    d = getattr(exc, "detail", None)
    if code is None or not isinstance(d, dict):
        return None
    if code == "bad_period":
        return tr(NOT_A_PERIOD).format(text=d.get("period"))
    if code == "wrong_period_kind":
        return tr(NEEDS_YEAR)
    if code == "no_snapshot":
        return tr(NO_SNAPSHOT).format(period=d.get("period"), start=d.get("start"), end=d.get("end"))
    if code == "no_evaluation":
        return Q.translate("ReportKinds", "Snapshot {id} has no stored limit evaluation: open it on the "
                                          "Concentration screen and evaluate it first.").format(id=d.get("snapshot_id"))
    if code == "no_assessment":
        return tr(NO_ASSESSMENT).format(period=d.get("period"))
    if code == "unwritable_out":
        reason = d.get("reason")
        reason = tr(REASONS[reason]) if reason in REASONS else str(reason)
        return Q.translate("ReportKinds", "Cannot write {path}: {reason}.").format(path=d.get("path"), reason=reason)
    if code == "unknown_report":
        return Q.translate("ReportKinds", "Report {id} is not on record.").format(id=d.get("report_id"))
    return None
