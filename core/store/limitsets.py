"""Limit sets: named catalogues of limits, changed only through proposals approved by another person.

limit_set (a name) → proposals (rows as proposed, by a maker) → one decision each (by a checker, never the
maker) → an approval creates the next immutable version (the approved copy of the rows, an effective date).
While a proposal is pending its maker (and only its maker) may withdraw it instead: a withdrawal record
(who, when, why); a withdrawn proposal stays on record and takes no decision.
The current version on a date is the latest-effective approved version whose effective_date ≤ that date.
"""
from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from core.store import frames
from core.store.base import StoreBase, from_json, to_json
from core.store.errors import StoreError
from core.store.records import Decision, LimitSet, LimitSetVersion, Proposal, ProposalWithdrawal
from core.store.snapshots import _date_text, insert_frame_rows, read_frame_rows

DECISIONS = ("approve", "reject")


def _limit_set(r: dict[str, Any]) -> LimitSet:
    return LimitSet(id=r["id"], name=r["name"], created_at=r["created_at"], created_by=r["created_by"])


def _version(r: dict[str, Any], rows: pd.DataFrame | None) -> LimitSetVersion:
    return LimitSetVersion(id=r["id"], limit_set_id=r["limit_set_id"], version=r["version"],
                           effective_date=date.fromisoformat(r["effective_date"]), proposal_id=r["proposal_id"],
                           decision_id=r["decision_id"], approved_by=r["approved_by"], approved_at=r["approved_at"],
                           n_rows=r["n_rows"], created_at=r["created_at"], created_by=r["created_by"], rows=rows)


def _user(user: str | None, role: str) -> str:
    if user is None or not str(user).strip():
        raise StoreError("user_required", role=role)
    return str(user).strip()


class LimitSetsMixin(StoreBase):

    def create_limit_set(self, name: str, user: str | None) -> int:
        with self.transaction():
            if self._one("SELECT id FROM limit_set WHERE name = ?", (name,)) is not None:
                raise StoreError("invalid_value", field="name", value=name, allowed="a new name")
            at = self.now()
            lid = self._insert("limit_set", {"name": name, "created_at": at, "created_by": user})
            self._journal("limit_set.created", "limit_set", lid, {"name": name}, user, at)
        return lid

    def list_limit_sets(self) -> list[LimitSet]:
        return [_limit_set(r) for r in self.db.query("SELECT * FROM limit_set ORDER BY id")]

    def _limit_set_id(self, limit_set: int | str | None) -> int:
        if limit_set is None:
            r = self._one("SELECT id FROM limit_set ORDER BY id LIMIT 1")
            if r is None:
                raise StoreError("not_found", entity="limit_set", id=None)
            return r["id"]
        if isinstance(limit_set, str):
            r = self._one("SELECT id FROM limit_set WHERE name = ?", (limit_set,))
            if r is None:
                raise StoreError("not_found", entity="limit_set", id=limit_set)
            return r["id"]
        return self._require("limit_set", int(limit_set))["id"]

    # -- proposals and decisions --------------------------------------------------------------------------

    def create_proposal(self, limit_set: int | str, rows: pd.DataFrame, user: str, reason: str | None,
                        effective_date: date | str, base_version_id: int | None = None,
                        evaluation_json: dict | None = None) -> int:
        """A maker proposes the full set of limit rows (LIMIT_COLUMNS) to take effect on `effective_date`.
        `evaluation_json`: the what-if result the maker saw. Nothing changes until another person approves."""
        proposer = _user(user, "proposer")
        values, _ = frames.to_columns(rows, frames.LIMIT_SPEC, "limits")
        with self.transaction():
            lsid = self._limit_set_id(limit_set)
            if base_version_id is not None:
                self._require("limit_set_version", base_version_id)
            at = self.now()
            pid = self._insert("limit_proposal", {
                "limit_set_id": lsid, "base_version_id": base_version_id, "proposer": proposer, "reason": reason,
                "effective_date": _date_text(effective_date, "effective_date"),
                "evaluation_json": None if evaluation_json is None else to_json(evaluation_json),
                "n_rows": len(rows), "created_at": at, "created_by": proposer})
            insert_frame_rows(self.conn, "limit_proposal_row", "proposal_id", pid, values, frames.LIMIT_SPEC)
            self._journal("limit_proposal.created", "limit_proposal", pid,
                          {"limit_set_id": lsid, "base_version_id": base_version_id, "reason": reason,
                           "effective_date": _date_text(effective_date, "effective_date"), "n_rows": len(rows)},
                          proposer, at)
        return pid

    def decide(self, proposal_id: int, user: str, decision: str, comment: str | None = None,
               evaluation_json: dict | None = None) -> Decision:
        """The checker's decision. Refused (`same_person`) when the checker is the proposer, and
        (`already_decided`) when the proposal has a decision. An approval creates the next version."""
        decider = _user(user, "decider")
        if decision not in DECISIONS:
            raise StoreError("invalid_value", field="decision", value=decision, allowed=list(DECISIONS))
        with self.transaction():
            p = self._require("limit_proposal", proposal_id)
            if decider.casefold() == p["proposer"].casefold():
                raise StoreError("same_person", proposal_id=proposal_id, user=decider)
            if self.require_distinct_accounts and self.os_user:
                # a display name is typed: the proposer renamed is still the same login
                made = self._one("SELECT os_user FROM chain WHERE entity = 'limit_proposal' AND row_id = ?",
                                 (proposal_id,))
                if made is not None and made["os_user"] == self.os_user:
                    raise StoreError("same_person", proposal_id=proposal_id, user=decider, os_user=self.os_user)
            existing = self._one("SELECT id FROM limit_decision WHERE proposal_id = ?", (proposal_id,))
            if existing is not None:
                raise StoreError("already_decided", proposal_id=proposal_id, decision_id=existing["id"])
            withdrawn = self._one("SELECT id FROM limit_proposal_withdrawal WHERE proposal_id = ?", (proposal_id,))
            if withdrawn is not None:
                raise StoreError("withdrawn", proposal_id=proposal_id, withdrawal_id=withdrawn["id"])
            at = self.now()
            did = self._insert("limit_decision", {
                "proposal_id": proposal_id, "decider": decider, "decision": decision, "comment": comment,
                "evaluation_json": None if evaluation_json is None else to_json(evaluation_json),
                "created_at": at, "created_by": decider})
            self._journal("limit_decision.recorded", "limit_decision", did,
                          {"proposal_id": proposal_id, "decision": decision, "comment": comment}, decider, at)
            version_id = None
            if decision == "approve":
                number = self._one_of("SELECT coalesce(max(version), 0) + 1 AS n FROM limit_set_version "
                                      "WHERE limit_set_id = ?", (p["limit_set_id"],))["n"]
                version_id = self._insert("limit_set_version", {
                    "limit_set_id": p["limit_set_id"], "version": number, "effective_date": p["effective_date"],
                    "proposal_id": proposal_id, "decision_id": did, "approved_by": decider, "approved_at": at,
                    "n_rows": p["n_rows"], "created_at": at, "created_by": decider})
                cols = ", ".join(f'"{c}"' for c in frames.LIMIT_SPEC)
                self.conn.execute(f"INSERT INTO limit_set_version_row (version_id, seq, {cols}) "
                                  f"SELECT ?, seq, {cols} FROM limit_proposal_row WHERE proposal_id = ? ORDER BY seq",
                                  (version_id, proposal_id))
                self._journal("limit_set_version.approved", "limit_set_version", version_id,
                              {"limit_set_id": p["limit_set_id"], "version": number,
                               "effective_date": p["effective_date"], "proposal_id": proposal_id,
                               "decision_id": did}, decider, at)
        return self._decision(self._require("limit_decision", did))

    def withdraw_proposal(self, proposal_id: int, user: str, reason: str) -> ProposalWithdrawal:
        """The maker takes back their own pending proposal, saying why. Refused: `user_required`;
        `invalid_value` (field reason) for an empty reason; `not_proposer` for anyone but the proposer;
        `already_decided` once decided; `withdrawn` when withdrawn already. The proposal stays on record."""
        who = _user(user, "proposer")
        why = (reason or "").strip()
        if not why:
            raise StoreError("invalid_value", field="reason", value=reason, allowed="a reason")
        with self.transaction():
            p = self._require("limit_proposal", proposal_id)
            if who.casefold() != p["proposer"].casefold():
                raise StoreError("not_proposer", proposal_id=proposal_id, user=who, proposer=p["proposer"])
            existing = self._one("SELECT id FROM limit_decision WHERE proposal_id = ?", (proposal_id,))
            if existing is not None:
                raise StoreError("already_decided", proposal_id=proposal_id, decision_id=existing["id"])
            withdrawn = self._one("SELECT id FROM limit_proposal_withdrawal WHERE proposal_id = ?", (proposal_id,))
            if withdrawn is not None:
                raise StoreError("withdrawn", proposal_id=proposal_id, withdrawal_id=withdrawn["id"])
            at = self.now()
            wid = self._insert("limit_proposal_withdrawal", {"proposal_id": proposal_id, "reason": why,
                                                             "created_at": at, "created_by": who})
            self._journal("limit_proposal.withdrawn", "limit_proposal", proposal_id,
                          {"withdrawal_id": wid, "reason": why}, who, at)
        return self._withdrawal(self._require("limit_proposal_withdrawal", wid))

    @staticmethod
    def _withdrawal(r: dict[str, Any]) -> ProposalWithdrawal:
        return ProposalWithdrawal(id=r["id"], proposal_id=r["proposal_id"], reason=r["reason"],
                                  created_at=r["created_at"], created_by=r["created_by"])

    def _decision(self, r: dict[str, Any]) -> Decision:
        v = self._one("SELECT id FROM limit_set_version WHERE decision_id = ?", (r["id"],))
        return Decision(id=r["id"], proposal_id=r["proposal_id"], decider=r["decider"], decision=r["decision"],
                        comment=r["comment"], evaluation=from_json(r["evaluation_json"]),
                        version_id=None if v is None else v["id"], created_at=r["created_at"],
                        created_by=r["created_by"])

    def _proposal(self, r: dict[str, Any], with_rows: bool) -> Proposal:
        d = self._one("SELECT * FROM limit_decision WHERE proposal_id = ?", (r["id"],))
        decision = None if d is None else self._decision(d)
        w = self._one("SELECT * FROM limit_proposal_withdrawal WHERE proposal_id = ?", (r["id"],))
        withdrawal = None if w is None else self._withdrawal(w)
        if decision is not None:
            status = "approved" if decision.decision == "approve" else "rejected"
        else:
            status = "pending" if withdrawal is None else "withdrawn"
        rows = (read_frame_rows(self.conn, "limit_proposal_row", "proposal_id", r["id"], frames.LIMIT_SPEC, None)
                if with_rows else None)
        return Proposal(id=r["id"], limit_set_id=r["limit_set_id"], base_version_id=r["base_version_id"],
                        proposer=r["proposer"], reason=r["reason"],
                        effective_date=date.fromisoformat(r["effective_date"]),
                        evaluation=from_json(r["evaluation_json"]), n_rows=r["n_rows"], status=status,
                        decision=decision, created_at=r["created_at"], created_by=r["created_by"], rows=rows,
                        withdrawal=withdrawal)

    def get_proposal(self, proposal_id: int, with_rows: bool = True) -> Proposal:
        return self._proposal(self._require("limit_proposal", proposal_id), with_rows)

    def list_proposals(self, limit_set: int | str | None = None, status: str | None = None) -> list[Proposal]:
        """Newest first; `status` pending / approved / rejected / withdrawn."""
        if limit_set is None:
            rs = self._all("SELECT * FROM limit_proposal ORDER BY id DESC")
        else:
            rs = self._all("SELECT * FROM limit_proposal WHERE limit_set_id = ? ORDER BY id DESC",
                           (self._limit_set_id(limit_set),))
        out = [self._proposal(r, with_rows=False) for r in rs]
        return [p for p in out if status is None or p.status == status]

    # -- versions -----------------------------------------------------------------------------------------

    def _version_rows(self, version_id: int) -> pd.DataFrame:
        return read_frame_rows(self.conn, "limit_set_version_row", "version_id", version_id, frames.LIMIT_SPEC, None)

    def get_version(self, version_id: int, with_rows: bool = True) -> LimitSetVersion:
        r = self._require("limit_set_version", version_id)
        return _version(r, self._version_rows(version_id) if with_rows else None)

    def get_version_by_number(self, limit_set: int | str, version: int, with_rows: bool = True) -> LimitSetVersion:
        lsid = self._limit_set_id(limit_set)
        r = self._one("SELECT * FROM limit_set_version WHERE limit_set_id = ? AND version = ?", (lsid, version))
        if r is None:
            raise StoreError("not_found", entity="limit_set_version", id=[lsid, version])
        return _version(r, self._version_rows(r["id"]) if with_rows else None)

    def list_versions(self, limit_set: int | str | None = None) -> list[LimitSetVersion]:
        """Newest version first, rows not loaded."""
        lsid = self._limit_set_id(limit_set)
        return [_version(r, None) for r in
                self._all("SELECT * FROM limit_set_version WHERE limit_set_id = ? ORDER BY version DESC", (lsid,))]

    def current_limit_set_version(self, as_of: date | str | None = None,
                                  limit_set: int | str | None = None) -> LimitSetVersion | None:
        """The version in force on `as_of` (default: today, UTC clock): the latest effective_date ≤ as_of,
        the highest version number on a tie. `limit_set` None = the first limit set created. None when no
        version is in force yet (or no limit set exists)."""
        if limit_set is None and self._one("SELECT id FROM limit_set LIMIT 1") is None:
            return None
        lsid = self._limit_set_id(limit_set)
        day = _date_text(as_of, "as_of") if as_of is not None else self._clock().date().isoformat()
        r = self._one("SELECT * FROM limit_set_version WHERE limit_set_id = ? AND effective_date <= ? "
                      "ORDER BY effective_date DESC, version DESC LIMIT 1", (lsid, day))
        return None if r is None else _version(r, self._version_rows(r["id"]))
