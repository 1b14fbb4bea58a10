"""Report records (what was produced, from which snapshot, its hash), the officer's text versions and the
board's approvals of a text version."""
from __future__ import annotations

from datetime import date
from typing import Any

from core.approvals import APPROVED_TEXT_KINDS, text_sha256
from core.store.base import StoreBase, from_json, to_json
from core.store.errors import StoreError
from core.store.records import BoardApproval, ReportRecord, TextVersion


def _report(r: dict[str, Any]) -> ReportRecord:
    return ReportRecord(id=r["id"], kind=r["kind"], period=r["period"], snapshot_id=r["snapshot_id"],
                        params=from_json(r["params_json"]), sha256=r["sha256"], path=r["path"],
                        created_at=r["created_at"], created_by=r["created_by"], chain_head=r.get("chain_head"))


def _text(r: dict[str, Any]) -> TextVersion:
    return TextVersion(id=r["id"], kind=r["kind"], period=r["period"], text=r["text"], created_at=r["created_at"],
                       created_by=r["created_by"])


def _approval(r: dict[str, Any]) -> BoardApproval:
    return BoardApproval(id=r["id"], report_kind=r["report_kind"], period=r["period"],
                         approving_body=r["approving_body"], meeting_ref=r["meeting_ref"],
                         approval_date=date.fromisoformat(r["approval_date"]), text_id=r["text_id"],
                         text_sha256=r["text_sha256"], created_at=r["created_at"], created_by=r["created_by"])


def _iso_day(value: date | str, field: str) -> str:
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise StoreError("invalid_value", field=field, value=str(value), allowed="YYYY-MM-DD") from None


class DocumentsMixin(StoreBase):

    def record_report(self, kind: str, period: str | None, snapshot_id: int | None, params_json: dict,
                      sha256: str | None, path: str | None, user: str | None, chain_head: str | None = None) -> int:
        """`chain_head`: the chain head the report was made from and prints (`chain_head(for_report=True)`);
        `db verify` checks it stays an entry of the chain."""
        with self.transaction():
            if snapshot_id is not None:
                self._require("snapshot", snapshot_id)
            at = self.now()
            rid = self._insert("report", {"kind": kind, "period": period, "snapshot_id": snapshot_id,
                                          "params_json": to_json(params_json or {}), "sha256": sha256,
                                          "path": None if path is None else str(path), "created_at": at,
                                          "created_by": user, "chain_head": chain_head})
            self._journal("report.recorded", "report", rid, {"kind": kind, "period": period,
                                                             "snapshot_id": snapshot_id, "sha256": sha256,
                                                             "chain_head": chain_head}, user, at)
        return rid

    def list_reports(self, kind: str | None = None, period: str | None = None) -> list[ReportRecord]:
        """Newest first."""
        sql, params = "SELECT * FROM report WHERE 1 = 1", []
        if kind is not None:
            sql += " AND kind = ?"
            params.append(kind)
        if period is not None:
            sql += " AND period = ?"
            params.append(period)
        return [_report(r) for r in self.db.query(sql + " ORDER BY id DESC", tuple(params))]

    def save_text(self, kind: str, period: str, text: str, user: str | None) -> int:
        """A new version of an officer's text (e.g. kind "semiannual_conclusion"); earlier ones stay."""
        with self.transaction():
            at = self.now()
            tid = self._insert("officer_text", {"kind": kind, "period": period, "text": text, "created_at": at,
                                                "created_by": user})
            self._journal("text.saved", "officer_text", tid, {"kind": kind, "period": period, "chars": len(text)},
                          user, at)
        return tid

    def latest_text(self, kind: str, period: str) -> TextVersion | None:
        r = self._one("SELECT * FROM officer_text WHERE kind = ? AND period = ? ORDER BY id DESC LIMIT 1",
                      (kind, period))
        return None if r is None else _text(r)

    def text_history(self, kind: str, period: str) -> list[TextVersion]:
        """Oldest first."""
        return [_text(r) for r in self.db.query("SELECT * FROM officer_text WHERE kind = ? AND period = ? ORDER BY id",
                                                (kind, period))]

    # -- board approvals --------------------------------------------------------------------------------

    def record_board_approval(self, report_kind: str, period: str, approving_body: str, meeting_ref: str,
                              approval_date: date | str, text_id: int, user: str | None) -> int:
        """Record that `approving_body` approved, at `meeting_ref` on `approval_date`, exactly the officer-text
        version `text_id` (of the kind core.approvals.APPROVED_TEXT_KINDS names for `report_kind`, same
        period). The text's SHA-256 is computed here from the stored text, so the approval binds to it.
        Earlier approvals stay; the latest counts. Errors: user_required, invalid_value, not_found."""
        if not user or not str(user).strip():
            raise StoreError("user_required", action="record_board_approval")
        if report_kind not in APPROVED_TEXT_KINDS:
            raise StoreError("invalid_value", field="report_kind", value=report_kind,
                             allowed=sorted(APPROVED_TEXT_KINDS))
        for name, value in (("approving_body", approving_body), ("meeting_ref", meeting_ref)):
            if value is None or not str(value).strip():
                raise StoreError("invalid_value", field=name, value=value, allowed="not blank")
        day = _iso_day(approval_date, "approval_date")
        with self.transaction():
            text = _text(self._require("officer_text", text_id, "officer_text"))
            if text.kind != APPROVED_TEXT_KINDS[report_kind] or text.period != period:
                raise StoreError("invalid_value", field="text_id", value=text_id,
                                 allowed=f"a {APPROVED_TEXT_KINDS[report_kind]} text of {period}")
            digest = text_sha256(text.text)
            at = self.now()
            aid = self._insert("board_approval", {
                "report_kind": report_kind, "period": period, "approving_body": str(approving_body).strip(),
                "meeting_ref": str(meeting_ref).strip(), "approval_date": day, "text_id": text_id,
                "text_sha256": digest, "created_at": at, "created_by": user})
            self._journal("approval.recorded", "board_approval", aid,
                          {"report_kind": report_kind, "period": period, "approving_body": str(approving_body).strip(),
                           "meeting_ref": str(meeting_ref).strip(), "approval_date": day, "text_id": text_id,
                           "text_sha256": digest}, user, at)
        return aid

    def get_board_approval(self, approval_id: int) -> BoardApproval:
        return _approval(self._require("board_approval", approval_id))

    def latest_board_approval(self, report_kind: str, period: str) -> BoardApproval | None:
        """The approval recorded last for (report kind, period), or None."""
        r = self._one("SELECT * FROM board_approval WHERE report_kind = ? AND period = ? ORDER BY id DESC LIMIT 1",
                      (report_kind, period))
        return None if r is None else _approval(r)

    def board_approvals(self, report_kind: str | None = None, period: str | None = None) -> list[BoardApproval]:
        """Oldest first."""
        sql, params = "SELECT * FROM board_approval WHERE 1 = 1", []
        if report_kind is not None:
            sql += " AND report_kind = ?"
            params.append(report_kind)
        if period is not None:
            sql += " AND period = ?"
            params.append(period)
        return [_approval(r) for r in self.db.query(sql + " ORDER BY id", tuple(params))]
