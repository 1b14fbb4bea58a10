"""Rating assessments: the officer's self-assessments and the regulator's results, year after year."""
from __future__ import annotations

from datetime import date
from typing import Any

from core import periods
from core.store.base import StoreBase, from_json, to_json
from core.store.errors import StoreError
from core.store.records import AssessmentRecord

KINDS = ("self", "regulator")
def period_bounds(code: str) -> tuple[date, date] | None:
    """First and last day of a period code (core.periods), or None when the code cannot be parsed:
    stored periods are free text from older inputs and must never make a lookup fail."""
    try:
        return periods.period_bounds(code)
    except ValueError:
        return None


def _record(r: dict[str, Any]) -> AssessmentRecord:
    return AssessmentRecord(id=r["id"], kind=r["kind"], company=r["company"], period=r["period"],
                            rulebook_id=r["rulebook_id"], rulebook_version=r["rulebook_version"],
                            rulebook_sha256=r["rulebook_sha256"], input=from_json(r["input_json"]),
                            result=from_json(r["result_json"]), note=r["note"], created_at=r["created_at"],
                            created_by=r["created_by"])


class AssessmentsMixin(StoreBase):

    def save_assessment(self, kind: str, company: str, period: str, rulebook_id: str | None,
                        rulebook_version: str | None, rulebook_sha256: str | None, input_json: dict,
                        result_json: dict, user: str | None, note: str | None = None) -> int:
        """Record one assessment (a new row every time: a re-assessment never replaces an earlier one)."""
        if kind not in KINDS:
            raise StoreError("invalid_value", field="kind", value=kind, allowed=list(KINDS))
        if user is None or not str(user).strip():      # an assessment on record says who made it
            raise StoreError("user_required", role="assessor")
        with self.transaction():
            at = self.now()
            new_id = self._insert("assessment", {
                "kind": kind, "company": company, "period": period.strip(), "rulebook_id": rulebook_id,
                "rulebook_version": rulebook_version, "rulebook_sha256": rulebook_sha256,
                "input_json": to_json(input_json), "result_json": to_json(result_json), "note": note,
                "created_at": at, "created_by": user})
            self._journal("assessment.saved", "assessment", new_id,
                          {"kind": kind, "company": company, "period": period.strip(),
                           "rulebook_id": rulebook_id, "rulebook_version": rulebook_version,
                           "final_level": (result_json or {}).get("final_level")}, user, at)
        return new_id

    def list_assessments(self, company: str | None = None, kind: str | None = None) -> list[AssessmentRecord]:
        """Newest first (by when they were saved)."""
        sql, params = "SELECT * FROM assessment WHERE 1 = 1", []
        if company is not None:
            sql += " AND company = ?"
            params.append(company)
        if kind is not None:
            sql += " AND kind = ?"
            params.append(kind)
        return [_record(r) for r in self.db.query(sql + " ORDER BY id DESC", tuple(params))]

    def get_assessment(self, assessment_id: int) -> AssessmentRecord:
        return _record(self._require("assessment", assessment_id))

    def previous_assessment(self, company: str, period: str) -> AssessmentRecord | None:
        """The latest self-assessment of the latest period that ended before `period` began."""
        bounds = period_bounds(period)
        best, best_key = None, None
        for rec in self.list_assessments(company, kind="self"):
            other = period_bounds(rec.period)
            if bounds is not None and other is not None:
                if other[1] >= bounds[0]:
                    continue
                key = (other[1], other[0], rec.id)
            else:                                       # unparseable code: fall back to text order
                if not rec.period < period.strip():
                    continue
                key = (date.min, date.min, rec.id)
            if best_key is None or key > best_key:
                best, best_key = rec, key
        return best

    def regulator_rating_for(self, company: str, period: str) -> AssessmentRecord | None:
        """The latest recorded regulator result for that company and period, or None."""
        r = self._one("SELECT * FROM assessment WHERE kind = 'regulator' AND company = ? AND period = ? "
                      "ORDER BY id DESC LIMIT 1", (company, period.strip()))
        return None if r is None else _record(r)
