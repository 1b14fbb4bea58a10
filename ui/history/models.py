"""What the history screen shows: everything on record, read in one worker call, and the comparisons of two
snapshots (every limit, the dimension indices) and of two rating assessments.

The comparisons only set side by side what the store holds (each snapshot's stored evaluation, each
assessment's stored result); nothing is re-computed, so a comparison shows exactly what was reported at the
time. Status words and colours are the reports' (reports.format), risk levels the rating wording's
(wording.rating); other labels are English sources translated in context "HistoryLabels".
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ui.common import format as fmt
from ui.common import i18n, tables
from ui.common.format import status_colours, status_label  # noqa: F401 (screens import them from here)
from ui.common.labels import code_label
from ui.common.tables import CENTER, DISPLAY, LEFT, RAW, RIGHT, ROW, Column, SortProxy  # noqa: F401 (the screens')
from wording import codes

CTX = "HistoryLabels"
STATUS_RANK = {"ok": 0, "warning": 1, "breach": 2}

# The words of dimensions and fixed keys are wording.codes' (the reports' words, the same on every screen):
# a table maps a code to the wording function that words it in the interface language (`label`).
DIMENSION_LABELS = {d: codes.dimension_name for d in codes.DIMENSIONS}
KEY_LABELS = {k: codes.key_name for k in codes.KEYS}
CHANGE_LABELS = {
    "worse": QT_TRANSLATE_NOOP("HistoryLabels", "Worse"),
    "better": QT_TRANSLATE_NOOP("HistoryLabels", "Better"),
    "same": QT_TRANSLATE_NOOP("HistoryLabels", "Unchanged"),
    "new": QT_TRANSLATE_NOOP("HistoryLabels", "New limit"),
    "removed": QT_TRANSLATE_NOOP("HistoryLabels", "No longer set"),
}
CHANGE_COLOURS = {"worse": "#c62828", "better": "#2e7d32", "new": "#1f5f99", "removed": "#7a7a7a"}
KIND_LABELS = {"self": QT_TRANSLATE_NOOP("HistoryLabels", "Self-assessment"),
               "regulator": QT_TRANSLATE_NOOP("HistoryLabels", "Regulator's rating")}
PROPOSAL_LABELS = {"pending": QT_TRANSLATE_NOOP("HistoryLabels", "Pending"),
                   "approved": QT_TRANSLATE_NOOP("HistoryLabels", "Approved"),
                   "rejected": QT_TRANSLATE_NOOP("HistoryLabels", "Rejected"),
                   "withdrawn": QT_TRANSLATE_NOOP("HistoryLabels", "Withdrawn")}
ACTION_LABELS = {
    "schema.migrated": QT_TRANSLATE_NOOP("HistoryLabels", "Database created or upgraded"),
    "snapshot.saved": QT_TRANSLATE_NOOP("HistoryLabels", "Snapshot imported"),
    "snapshot.withdrawn": QT_TRANSLATE_NOOP("HistoryLabels", "Snapshot withdrawn"),
    "evaluation.saved": QT_TRANSLATE_NOOP("HistoryLabels", "Limits evaluated"),
    "assessment.saved": QT_TRANSLATE_NOOP("HistoryLabels", "Rating assessment saved"),
    "case.opened": QT_TRANSLATE_NOOP("HistoryLabels", "Breach case opened"),
    "case.observed": QT_TRANSLATE_NOOP("HistoryLabels", "Breach case flagged again"),
    "case.updated": QT_TRANSLATE_NOOP("HistoryLabels", "Breach case updated"),
    "case.closed": QT_TRANSLATE_NOOP("HistoryLabels", "Breach case closed"),
    "limit_set.created": QT_TRANSLATE_NOOP("HistoryLabels", "Limit set created"),
    "limit_proposal.created": QT_TRANSLATE_NOOP("HistoryLabels", "Limit change proposed"),
    "limit_decision.recorded": QT_TRANSLATE_NOOP("HistoryLabels", "Limit change decided"),
    "limit_proposal.withdrawn": QT_TRANSLATE_NOOP("HistoryLabels", "Limit change withdrawn by its proposer"),
    "limit_set_version.approved": QT_TRANSLATE_NOOP("HistoryLabels", "Limit-set version approved"),
    "report.recorded": QT_TRANSLATE_NOOP("HistoryLabels", "Report generated"),
    "text.saved": QT_TRANSLATE_NOOP("HistoryLabels", "Officer's text saved"),
    "approval.recorded": QT_TRANSLATE_NOOP("HistoryLabels", "Board approval recorded"),
    "role.granted": QT_TRANSLATE_NOOP("HistoryLabels", "Role granted"),
    "role.revoked": QT_TRANSLATE_NOOP("HistoryLabels", "Role revoked"),
    "user.renamed": QT_TRANSLATE_NOOP("HistoryLabels", "User name changed"),
    "appetite.recorded": QT_TRANSLATE_NOOP("HistoryLabels", "Risk appetite recorded"),
    "policy.recorded": QT_TRANSLATE_NOOP("HistoryLabels", "Policy recorded"),
    "board_notification.recorded": QT_TRANSLATE_NOOP("HistoryLabels", "Board notification recorded"),
    "board_opinion.recorded": QT_TRANSLATE_NOOP("HistoryLabels", "Board opinion recorded"),
    "submission.recorded": QT_TRANSLATE_NOOP("HistoryLabels", "Submission to the regulator recorded"),
    "audit.recorded": QT_TRANSLATE_NOOP("HistoryLabels", "Internal audit recorded"),
    "member_filing.recorded": QT_TRANSLATE_NOOP("HistoryLabels", "Member filing recorded"),
    "major_event.recorded": QT_TRANSLATE_NOOP("HistoryLabels", "Major event recorded"),
}
# report kinds and the officer's texts, in words (History showed `semiannual`, `disclosure_text`): a report's
# kind as its title on paper (wording.codes.REPORT_KINDS)
REPORT_KINDS = {kind: codes.report_kind_name for kind in codes.REPORT_KINDS}
# the words of a journal entry's details (the store's field names); a name not listed is shown as it is
PAYLOAD_LABELS = {
    "kind": QT_TRANSLATE_NOOP("HistoryLabels", "kind"),
    "period": QT_TRANSLATE_NOOP("HistoryLabels", "period"),
    "snapshot_id": QT_TRANSLATE_NOOP("HistoryLabels", "snapshot"),
    "evaluation_id": QT_TRANSLATE_NOOP("HistoryLabels", "evaluation"),
    "as_of": QT_TRANSLATE_NOOP("HistoryLabels", "as of"),
    "sha256": QT_TRANSLATE_NOOP("HistoryLabels", "SHA-256"),
    "reason": QT_TRANSLATE_NOOP("HistoryLabels", "reason"),
    "comment": QT_TRANSLATE_NOOP("HistoryLabels", "comment"),
    "from": QT_TRANSLATE_NOOP("HistoryLabels", "from"),
    "to": QT_TRANSLATE_NOOP("HistoryLabels", "to"),
    "state": QT_TRANSLATE_NOOP("HistoryLabels", "state"),
    "status": QT_TRANSLATE_NOOP("HistoryLabels", "status"),
    "report_kind": QT_TRANSLATE_NOOP("HistoryLabels", "report"),
    "approving_body": QT_TRANSLATE_NOOP("HistoryLabels", "approved by"),
    "meeting_ref": QT_TRANSLATE_NOOP("HistoryLabels", "meeting"),
    "approval_date": QT_TRANSLATE_NOOP("HistoryLabels", "approval date"),
    "text_sha256": QT_TRANSLATE_NOOP("HistoryLabels", "text SHA-256"),
    "company": QT_TRANSLATE_NOOP("HistoryLabels", "company"),
    "level": QT_TRANSLATE_NOOP("HistoryLabels", "level"),
    "source": QT_TRANSLATE_NOOP("HistoryLabels", "source"),
    "proposal_id": QT_TRANSLATE_NOOP("HistoryLabels", "proposal"),
    "version": QT_TRANSLATE_NOOP("HistoryLabels", "version"),
    "decision": QT_TRANSLATE_NOOP("HistoryLabels", "decision"),
    "effective_date": QT_TRANSLATE_NOOP("HistoryLabels", "effective"),
    "role": QT_TRANSLATE_NOOP("HistoryLabels", "role"),
    "user": QT_TRANSLATE_NOOP("HistoryLabels", "user"),
    "limit_id": QT_TRANSLATE_NOOP("HistoryLabels", "limit"),
    "key": QT_TRANSLATE_NOOP("HistoryLabels", "key"),
    "name": QT_TRANSLATE_NOOP("HistoryLabels", "name"),
    "group_name": QT_TRANSLATE_NOOP("HistoryLabels", "group"),
    "event_id": QT_TRANSLATE_NOOP("HistoryLabels", "event"),
    "changes": QT_TRANSLATE_NOOP("HistoryLabels", "changes"),
    "cause": QT_TRANSLATE_NOOP("HistoryLabels", "cause"),
}
# the codes in a journal entry's details that have words elsewhere: a case's state and cause (the register's
# and the reports' words), a limit's status, a dimension, an event kind (wording's functions of (code, lang))
PAYLOAD_WORDS = {
    "state": lambda code, lang: codes.words(codes.CASE_STATES, lang).get(code, code),
    "cause": lambda code, lang: codes.words(codes.CASE_CAUSES, lang).get(code, code),
    "event_kind": lambda code, lang: codes.words(codes.EVENT_KINDS, lang).get(code, code),
    "status": lambda code, lang: status_label(code),
    "dimension": codes.dimension_name,
}
STRESS_SAVED = QT_TRANSLATE_NOOP("HistoryLabels", "Stress test run")
ENTITY_LABELS = {
    "schema": QT_TRANSLATE_NOOP("HistoryLabels", "Database"),
    "snapshot": QT_TRANSLATE_NOOP("HistoryLabels", "Snapshot"),
    "evaluation": QT_TRANSLATE_NOOP("HistoryLabels", "Evaluation"),
    "assessment": QT_TRANSLATE_NOOP("HistoryLabels", "Rating assessment"),
    "breach_case": QT_TRANSLATE_NOOP("HistoryLabels", "Breach case"),
    "limit_set": QT_TRANSLATE_NOOP("HistoryLabels", "Limit set"),
    "limit_proposal": QT_TRANSLATE_NOOP("HistoryLabels", "Limit proposal"),
    "limit_decision": QT_TRANSLATE_NOOP("HistoryLabels", "Limit decision"),
    "limit_set_version": QT_TRANSLATE_NOOP("HistoryLabels", "Limit-set version"),
    "report": QT_TRANSLATE_NOOP("HistoryLabels", "Report"),
    "officer_text": QT_TRANSLATE_NOOP("HistoryLabels", "Officer's text"),
    "board_approval": QT_TRANSLATE_NOOP("HistoryLabels", "Board approval"),
    "role_grant": QT_TRANSLATE_NOOP("HistoryLabels", "Role"),
    "user": QT_TRANSLATE_NOOP("HistoryLabels", "User"),
    "appetite_statement": QT_TRANSLATE_NOOP("HistoryLabels", "Risk appetite"),
    "policy_document": QT_TRANSLATE_NOOP("HistoryLabels", "Policy"),
    "board_notification": QT_TRANSLATE_NOOP("HistoryLabels", "Board notification"),
    "board_opinion": QT_TRANSLATE_NOOP("HistoryLabels", "Board opinion"),
    "regulator_submission": QT_TRANSLATE_NOOP("HistoryLabels", "Submission to the regulator"),
    "internal_audit": QT_TRANSLATE_NOOP("HistoryLabels", "Internal audit"),
    "member_filing": QT_TRANSLATE_NOOP("HistoryLabels", "Member filing"),
    "major_event": QT_TRANSLATE_NOOP("HistoryLabels", "Major event"),
}
GROUP_SCOPE = QT_TRANSLATE_NOOP("HistoryLabels", "Group")
# an officer's text as the report's section names it (wording.codes.TEXT_KINDS; the reports screen's tabs too);
# "semiannual_conclusion" is an early name of the conclusions; the legacy kinds (the board's approval as free
# text) are worded as the regenerated report heads them
TEXT_KINDS = {**{kind: codes.text_kind_name for kind in (*codes.TEXT_KINDS, *codes.LEGACY_TEXT_KINDS)},
              "semiannual_conclusion": lambda _code, lang: codes.text_kind_name("semiannual_conclusions", lang)}


def tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def label(table: dict, code: str | None) -> str:
    """The text of a code in the interface language (ui.common.labels.code_label in context HistoryLabels)."""
    return code_label(table, code, CTX)


def risk_level_label(level: str | None) -> str:
    if not level:
        return fmt.DASH
    from wording.rating import risk_level_name

    try:
        return risk_level_name(level, i18n.wording_lang())
    except (KeyError, ValueError):
        return level



def dec(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


# ------------------------------------------------------------------------------------- loaded data
@dataclass
class SnapshotRow:
    info: Any                              # core.store.records.SnapshotInfo
    evaluation_id: int | None              # the latest stored limit evaluation of the snapshot
    result: dict | None                    # its result (concentration --json shape)
    n_evaluations: int = 0                 # limit evaluations (the import's, and under approved versions)
    limit_set_ref: dict | None = None      # the limits that evaluation used
    n_stress: int = 0                      # stress-test results kept with the snapshot

    @property
    def summary(self) -> dict:
        return (self.result or {}).get("summary") or {}


@dataclass
class HistoryData:
    snapshots: list[SnapshotRow] = field(default_factory=list)     # newest as_of first
    assessments: list = field(default_factory=list)                # AssessmentRecord, newest first
    dimension_names: dict = field(default_factory=dict)            # (rulebook_id, version) -> {key: (zh, en)}
    limit_sets: dict = field(default_factory=dict)                 # id -> name
    versions: list = field(default_factory=list)                   # LimitSetVersion
    proposals: list = field(default_factory=list)                  # Proposal
    reports: list = field(default_factory=list)                    # ReportRecord
    texts: list = field(default_factory=list)                      # TextVersion, every version, newest first
    journal: list = field(default_factory=list)                    # JournalEntry, oldest first

    def snapshot(self, snapshot_id: int) -> SnapshotRow | None:
        return next((s for s in self.snapshots if s.info.id == snapshot_id), None)

    def dimension_name(self, assessment, key: str) -> str:
        names = self.dimension_names.get((assessment.rulebook_id, assessment.rulebook_version)) or \
            next((v for (rid, _), v in self.dimension_names.items() if rid == assessment.rulebook_id), {})
        zh_en = names.get(key)
        if not zh_en:
            return key
        return zh_en[1] if i18n.current() == "en" else zh_en[0]


def is_stress(evaluation) -> bool:
    """A stress-test result (core.whatif.stress keeps them as evaluations): not the snapshot's limit status.
    The rule is core.services.evaluations'."""
    from core.services.evaluations import is_stress_evaluation

    return is_stress_evaluation(evaluation)


def limits_text(ref: dict | None) -> str:
    """Which limits an evaluation used: an approved version, or the snapshot's own data."""
    if not ref:
        return fmt.DASH
    if "version" in ref:
        return tr(QT_TRANSLATE_NOOP("HistoryLabels", "Version {n}")).format(n=ref["version"])
    return tr(QT_TRANSLATE_NOOP("HistoryLabels", "Own data"))


def load_history(store) -> HistoryData:
    """Everything on record (worker thread; no Qt). Evaluation results are read without their aggregates."""
    data = HistoryData()
    for info in store.list_snapshots(include_withdrawn=True):    # withdrawn ones too, marked
        every = store.evaluations_for(info.id)                    # newest first
        evaluations = [e for e in every if not is_stress(e)]
        latest = evaluations[0] if evaluations else None
        data.snapshots.append(SnapshotRow(info, latest.id if latest else None, latest.result if latest else None,
                                          len(evaluations), latest.limit_set_ref if latest else None,
                                          len(every) - len(evaluations)))
    data.assessments = store.list_assessments()
    for a in data.assessments:
        if a.kind != "self" or not a.rulebook_id or (a.rulebook_id, a.rulebook_version) in data.dimension_names:
            continue
        try:
            from core.rating.rulebook import load_rulebook

            book = load_rulebook(a.rulebook_id, a.rulebook_version)
            data.dimension_names[(a.rulebook_id, a.rulebook_version)] = {
                d.key: (d.name_zh, d.name_en) for d in book.dimensions}
        except Exception:  # noqa: BLE001 — a rulebook no longer shipped: the keys are shown instead
            data.dimension_names[(a.rulebook_id, a.rulebook_version)] = {}
    sets = store.list_limit_sets()
    data.limit_sets = {s.id: s.name for s in sets}
    for s in sets:
        data.versions.extend(store.list_versions(s.id))
    data.proposals = store.list_proposals() if sets else []
    data.reports = store.list_reports()
    data.journal = store.list_journal()
    # Officers' texts: every version of every (kind, period) the journal says was written.
    seen = []
    for j in data.journal:
        key = ((j.payload or {}).get("kind"), (j.payload or {}).get("period"))
        if j.action == "text.saved" and key[0] and key[1] and key not in seen:
            seen.append(key)
    for kind, period in seen:
        data.texts.extend(store.text_history(kind, period))
    data.texts.sort(key=lambda t: t.id, reverse=True)
    return data


# ------------------------------------------------------------------------------------- comparisons
@dataclass
class LimitChange:
    limit_id: str
    name: str
    dimension: str
    scope: str
    key_then: str | None
    key_now: str | None
    ratio_then: float | None
    ratio_now: float | None
    status_then: str | None
    status_now: str | None
    flagged_then: tuple = ()
    flagged_now: tuple = ()

    @property
    def delta(self) -> float | None:
        if self.ratio_then is None or self.ratio_now is None:
            return None
        return self.ratio_now - self.ratio_then

    @property
    def change(self) -> str:
        if self.status_then is None:
            return "new"
        if self.status_now is None:
            return "removed"
        a, b = STATUS_RANK.get(self.status_then, 0), STATUS_RANK.get(self.status_now, 0)
        return "worse" if b > a else "better" if b < a else "same"

    @property
    def status_changed(self) -> bool:
        return self.status_then != self.status_now


def compare_limits(then: dict | None, now: dict | None) -> list[LimitChange]:
    """Every limit of either evaluation, in the newer one's order (then those only in the older one)."""
    a = {e["limit_id"]: e for e in (then or {}).get("limits", []) if e.get("limit_id")}
    b = {e["limit_id"]: e for e in (now or {}).get("limits", []) if e.get("limit_id")}
    order = list(b) + [lid for lid in a if lid not in b]
    rows = []
    for lid in order:
        x, y = a.get(lid), b.get(lid)
        ref = y or x
        rows.append(LimitChange(
            limit_id=lid, name=ref.get("name") or "", dimension=ref.get("dimension") or "",
            scope=ref.get("scope") or "",
            key_then=x.get("key") if x else None, key_now=y.get("key") if y else None,
            ratio_then=x.get("ratio") if x else None, ratio_now=y.get("ratio") if y else None,
            status_then=x.get("status") if x else None, status_now=y.get("status") if y else None,
            flagged_then=tuple(f"{f.get('key')}" for f in (x.get("flagged") or [])) if x else (),
            flagged_now=tuple(f"{f.get('key')}" for f in (y.get("flagged") or [])) if y else ()))
    return rows


INDEX_FIELDS = ("hhi", "top1", "top5", "top10")


@dataclass
class IndexChange:
    dimension: str
    then: dict
    now: dict

    def value(self, name: str, which: str) -> float | None:
        v = (self.then if which == "then" else self.now).get(name)
        return None if v is None else float(v)


def compare_indices(then: dict | None, now: dict | None) -> list[IndexChange]:
    a = (then or {}).get("indices") or {}
    b = (now or {}).get("indices") or {}
    order = [d for d in DIMENSION_LABELS if d in a or d in b] + \
        [d for d in list(b) + list(a) if d not in DIMENSION_LABELS]
    seen, rows = set(), []
    for d in order:
        if d not in seen:
            seen.add(d)
            rows.append(IndexChange(d, a.get(d) or {}, b.get(d) or {}))
    return rows


@dataclass
class DimensionChange:
    key: str
    name: str
    score_a: Decimal | None
    score_b: Decimal | None
    level_a: str | None
    level_b: str | None

    @property
    def delta(self) -> Decimal | None:
        return None if self.score_a is None or self.score_b is None else self.score_b - self.score_a


def compare_assessments(a, b, data: HistoryData) -> list[DimensionChange]:
    """Dimension scores and risk levels of two assessments side by side (a regulator's record has none)."""
    da = {d["key"]: d for d in (a.result or {}).get("dimensions") or []}
    db = {d["key"]: d for d in (b.result or {}).get("dimensions") or []}
    rows = []
    for key in list(da) + [k for k in db if k not in da]:
        x, y = da.get(key) or {}, db.get(key) or {}
        name = data.dimension_name(a if key in da else b, key)
        rows.append(DimensionChange(key, name, dec(x.get("score")), dec(y.get("score")), x.get("risk_level"),
                                    y.get("risk_level")))
    return rows


def assessment_title(a) -> str:
    return f"{a.period} {label(KIND_LABELS, a.kind)}"


# ------------------------------------------------------------------------------- the table toolkit
class RowsModel(tables.RowsModel):
    """A read-only table of the history screen (ui.common.tables): headers in context HistoryLabels."""

    CONTEXT = CTX


def action_label(entry) -> str:
    """What a journal entry did, in words (a stress result is stored as an evaluation: said so)."""
    ref = (entry.payload or {}).get("limit_set_ref") if isinstance(entry.payload, dict) else None
    if entry.action == "evaluation.saved" and isinstance(ref, dict) and "stress" in ref:
        return tr(STRESS_SAVED)
    return label(ACTION_LABELS, entry.action)


def payload_json(payload: Any) -> str:
    """A journal payload as one line of compact JSON (searched by the journal's filter)."""
    if payload in (None, {}, []):
        return ""
    return json.dumps(payload, ensure_ascii=False, separators=(", ", ": "), default=str)


def _payload_value(name: str, value: Any) -> str:
    if value is None or value == "":
        return fmt.DASH
    if isinstance(value, bool):
        return tr(QT_TRANSLATE_NOOP("HistoryLabels", "yes")) if value else tr(QT_TRANSLATE_NOOP("HistoryLabels", "no"))
    if name in ("kind", "report_kind"):
        return label({**REPORT_KINDS, **TEXT_KINDS, **KIND_LABELS}, value)
    if isinstance(value, str) and name in PAYLOAD_WORDS:      # a code the register and the reports word
        return label({value: PAYLOAD_WORDS[name]}, value)
    if name in ("sha256", "text_sha256") and isinstance(value, str):
        return value[:12] + "…"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{label(PAYLOAD_LABELS, k)}: {_payload_value(k, v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return ", ".join(_payload_value(name, v) for v in value)
    text = str(value).replace("\n", " ")
    return text if len(text) <= 80 else text[:79] + "…"


def payload_text(payload: Any) -> str:
    """A journal payload in words: "field: value · field: value" (the store's field names in the
    interface language, report and text kinds in words), never raw JSON."""
    if payload in (None, {}, []):
        return ""
    if not isinstance(payload, dict):
        return _payload_value("", payload)
    sep = "；" if i18n.current() == "zh_CN" else " · "
    return sep.join(f"{label(PAYLOAD_LABELS, k)}: {_payload_value(k, v)}" for k, v in payload.items())
