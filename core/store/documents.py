"""Report records (what was produced, from which snapshot, its hash) and the officer's text versions."""
from __future__ import annotations

from typing import Any

from core.store.base import StoreBase, from_json, to_json
from core.store.records import ReportRecord, TextVersion


def _report(r: dict[str, Any]) -> ReportRecord:
    return ReportRecord(id=r["id"], kind=r["kind"], period=r["period"], snapshot_id=r["snapshot_id"],
                        params=from_json(r["params_json"]), sha256=r["sha256"], path=r["path"],
                        created_at=r["created_at"], created_by=r["created_by"])


def _text(r: dict[str, Any]) -> TextVersion:
    return TextVersion(id=r["id"], kind=r["kind"], period=r["period"], text=r["text"], created_at=r["created_at"],
                       created_by=r["created_by"])


class DocumentsMixin(StoreBase):

    def record_report(self, kind: str, period: str | None, snapshot_id: int | None, params_json: dict,
                      sha256: str | None, path: str | None, user: str | None) -> int:
        with self.transaction():
            if snapshot_id is not None:
                self._require("snapshot", snapshot_id)
            at = self.now()
            rid = self._insert("report", {"kind": kind, "period": period, "snapshot_id": snapshot_id,
                                          "params_json": to_json(params_json or {}), "sha256": sha256,
                                          "path": None if path is None else str(path), "created_at": at,
                                          "created_by": user})
            self._journal("report.recorded", "report", rid, {"kind": kind, "period": period,
                                                             "snapshot_id": snapshot_id, "sha256": sha256}, user, at)
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
