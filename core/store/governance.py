"""Governance records on file (governance.md "Records the tool keeps"): roles per user, risk appetite and
tolerance, policy documents, major events, board notifications and opinions, regulator submissions,
internal audits and member filings.

All append-only with who, when and why; each write also journals it and joins the hash chain (the tables
are in core.store.chain.COVERED). What each record holds and how its values are checked is
core.governance.records; who may enter it once roles are declared is core.governance.roles. A correction
is a new record (an appetite statement's next version per dimension).
"""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from core.governance.records import KINDS, GovernanceRecord, validate_record
from core.governance.roles import MEMBER_OFFICER, ROLES, RoleGrant, record_refusal
from core.store.base import StoreBase
from core.store.errors import StoreError

TABLES = {spec.table: kind for kind, spec in KINDS.items()}


def _user(user: str | None, action: str) -> str:
    name = (user or "").strip()
    if not name:
        raise StoreError("user_required", action=action)
    return name


def _to_column(ftype: str, value: Any) -> Any:
    if value is None:
        return None
    if ftype == "date":
        return value.isoformat()
    if ftype == "decimal":
        return str(value)
    if ftype == "ids":
        return json.dumps(list(value), ensure_ascii=False)
    return value


def _from_column(ftype: str, value: Any) -> Any:
    if ftype == "ids":
        return tuple(json.loads(value or "[]"))
    if value is None:
        return None
    if ftype == "date":
        return date.fromisoformat(value)
    if ftype == "decimal":
        return Decimal(value)
    return value


def _record(kind: str, r: dict[str, Any]) -> GovernanceRecord:
    spec = KINDS[kind]
    values = {f.name: _from_column(f.type, r[f.name]) for f in spec.fields}
    return GovernanceRecord(kind=kind, id=r["id"], values=values, reason=r["reason"], created_at=r["created_at"],
                            created_by=r["created_by"], version=r.get("version"))


def _grant(r: dict[str, Any]) -> RoleGrant:
    return RoleGrant(user_name=r["user_name"], role=r["role"], member_id=r["member_id"], granted=bool(r["granted"]),
                     id=r["id"], reason=r["reason"], created_at=r["created_at"], created_by=r["created_by"])


class GovernanceMixin(StoreBase):

    # -- roles --------------------------------------------------------------------------------------------

    def set_role(self, user_name: str, role: str, user: str | None, *, granted: bool = True,
                 member_id: str | None = None, reason: str | None = None) -> int:
        """Declare (granted) or revoke `role` for `user_name`; `member_id` names a member officer's member.
        Errors: user_required, invalid_value."""
        who = _user(user, "set_role")
        name = (user_name or "").strip()
        if not name:
            raise StoreError("invalid_value", field="user_name", value=user_name, allowed="not blank")
        if role not in ROLES:
            raise StoreError("invalid_value", field="role", value=role, allowed=list(ROLES))
        member = (member_id or "").strip() or None
        if (role == MEMBER_OFFICER) != (member is not None):
            raise StoreError("invalid_value", field="member_id", value=member_id,
                             allowed="a member for member_officer, none for the other roles")
        with self.transaction():
            at = self.now()
            gid = self._insert("role_grant", {"user_name": name, "role": role, "member_id": member,
                                              "granted": int(bool(granted)), "reason": reason, "created_at": at,
                                              "created_by": who})
            self._journal("role.granted" if granted else "role.revoked", "role_grant", gid,
                          {"user_name": name, "role": role, "member_id": member, "reason": reason}, who, at)
        return gid

    def role_grants(self) -> list[RoleGrant]:
        """Every grant and revocation, oldest first (core.governance.roles.current_roles folds them)."""
        return [_grant(r) for r in self._all("SELECT * FROM role_grant ORDER BY id")]

    # -- records ------------------------------------------------------------------------------------------

    def record_governance(self, kind: str, values: dict[str, Any], user: str | None,
                          reason: str | None = None) -> int:
        """Put a governance record of `kind` (core.governance.records.KINDS) on file. Errors: user_required;
        invalid_value (detail: field, value, problem, allowed; the first problem, all under `problems`);
        role_required once roles are declared and `user` lacks the role (detail: needs); not_found for a
        board notification naming an event that is not on file."""
        who = _user(user, f"record_{kind}")
        clean, problems = validate_record(kind, values)
        if problems:
            field, code, detail = problems[0]
            raise StoreError("invalid_value", field=field, problem=code, **detail,
                             problems=[{"field": f, "problem": c, **d} for f, c, d in problems])
        spec = KINDS[kind]
        with self.transaction():
            needs = record_refusal(self.role_grants(), who, kind, clean.get("member_id"))
            if needs is not None:
                raise StoreError("role_required", user=who, needs=list(needs), action=kind)
            if kind == "board_notification":
                for event_id in clean["event_ids"]:
                    if not str(event_id).isdigit():
                        raise StoreError("invalid_value", field="event_ids", value=event_id, problem="not_an_id")
                    self._require("major_event", int(event_id), "major_event")
                clean["event_ids"] = tuple(str(int(e)) for e in clean["event_ids"])
            row = {f.name: _to_column(f.type, clean[f.name]) for f in spec.fields}
            if kind == "appetite":
                row["version"] = self._one_of("SELECT coalesce(max(version), 0) + 1 AS n FROM appetite_statement "
                                              "WHERE dimension = ?", (row["dimension"],))["n"]
            at = self.now()
            rid = self._insert(spec.table, {**row, "reason": reason, "created_at": at, "created_by": who})
            self._journal(f"{kind}.recorded", spec.table, rid, {**row, "reason": reason}, who, at)
        return rid

    def governance_records(self, kind: str | None = None) -> list[GovernanceRecord]:
        """The records of `kind` (all kinds when None), oldest first within a kind."""
        kinds = [kind] if kind is not None else list(KINDS)
        out: list[GovernanceRecord] = []
        for k in kinds:
            if k not in KINDS:
                raise StoreError("invalid_value", field="kind", value=k, allowed=sorted(KINDS))
            out += [_record(k, r) for r in self._all(f'SELECT * FROM "{KINDS[k].table}" ORDER BY id')]
        return out

    def get_governance_record(self, kind: str, record_id: int) -> GovernanceRecord:
        if kind not in KINDS:
            raise StoreError("invalid_value", field="kind", value=kind, allowed=sorted(KINDS))
        return _record(kind, self._require(KINDS[kind].table, record_id, KINDS[kind].table))

    def current_appetite(self, on: date | None = None) -> list[GovernanceRecord]:
        """The latest version per dimension approved on or before `on` (default: all), in dimension order."""
        latest: dict[str, GovernanceRecord] = {}
        for r in self.governance_records("appetite"):
            if on is not None and r.get("approval_date") > on:
                continue
            prev = latest.get(r.get("dimension"))
            if prev is None or (r.version or 0) > (prev.version or 0):   # an appetite statement has a version
                latest[r.get("dimension")] = r
        return [latest[k] for k in sorted(latest)]
