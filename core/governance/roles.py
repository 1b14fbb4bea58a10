"""Who may do what (governance.md "Roles"): roles per user, declared on the local database.

A user (the display name recorded on every record) has one or more roles. Roles are granted and revoked by
records (core.store `role_grant`, append-only); `current_roles` folds them. The board is not a login: its
approvals, opinions and notifications are entered by the lead department from the minutes.

On the local database roles are declared, not authenticated: they make each act accountable (who, in which
role) and stop a slip (a risk officer approving limits), not a determined user, who could declare a role
for themselves; that grant is then on record in the chain. Names compare case-insensitively, trimmed,
as the store compares maker and checker.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

SENIOR_MANAGEMENT = "senior_management"     # Art 8: approves indicators and limits (the checker)
LEAD_DEPARTMENT = "lead_department"         # Art 9: prepares data, proposals, assessments, reports, cases
MEMBER_OFFICER = "member_officer"           # Art 10: files with the group, handles its member's cases
INTERNAL_AUDIT = "internal_audit"           # Art 20: records the yearly audit
ROLES = (SENIOR_MANAGEMENT, LEAD_DEPARTMENT, MEMBER_OFFICER, INTERNAL_AUDIT)

# refusal / note codes (wording.governance words them)
NOT_SENIOR_MANAGEMENT = "not_senior_management"   # a limit decision by a user without the role
ROLES_NOT_DECLARED = "roles_not_declared"         # note: no role on record at all, decisions not role-checked
NEEDS_MEMBER = "member_required"                  # a member officer's grant names no member


@dataclass(frozen=True)
class RoleGrant:
    """One grant (granted=True) or revocation of `role` for `user_name`; `member_id` for member officers."""

    user_name: str
    role: str
    member_id: str | None = None
    granted: bool = True
    id: int | None = None
    reason: str | None = None
    created_at: str | None = None
    created_by: str | None = None


def user_key(name: str | None) -> str:
    return (name or "").strip().casefold()


def current_roles(grants: Iterable[RoleGrant]) -> dict[str, set[tuple[str, str | None]]]:
    """user key -> {(role, member_id)} in force after the grants and revocations, in the order recorded.
    A user whose roles were all revoked maps to an empty set (still "declared")."""
    out: dict[str, set[tuple[str, str | None]]] = {}
    for g in grants:
        held = out.setdefault(user_key(g.user_name), set())
        item = (g.role, (g.member_id or None) if g.role == MEMBER_OFFICER else None)
        if g.granted:
            held.add(item)
        else:
            held.discard(item)
    return out


def roles_of(grants: Iterable[RoleGrant], user: str | None) -> set[str]:
    return {role for role, _member in current_roles(grants).get(user_key(user), set())}


def approval_refusal(grants: Iterable[RoleGrant], user: str | None) -> str | None:
    """The refusal code for `user` deciding a limit proposal (Art 8(三): senior management approves), or
    None when allowed. A database on which no role was ever declared decides as before (any user other than
    the maker; the store checks that): the caller shows `ROLES_NOT_DECLARED` as a note. Once any role is
    declared, the senior-management role is required."""
    grants = list(grants)
    if not grants:
        return None
    if SENIOR_MANAGEMENT in roles_of(grants, user):
        return None
    return NOT_SENIOR_MANAGEMENT


def roles_declared(grants: Iterable[RoleGrant]) -> bool:
    return any(True for _ in grants)


# who enters each governance record once roles are declared (the board is not a login: its records are
# entered by the lead department from the minutes, or by senior management)
RECORD_ROLES: dict[str, tuple[str, ...]] = {
    "audit": (INTERNAL_AUDIT,),
    "member_filing": (MEMBER_OFFICER, LEAD_DEPARTMENT),
}
DEFAULT_RECORD_ROLES = (LEAD_DEPARTMENT, SENIOR_MANAGEMENT)


def record_refusal(grants: Iterable[RoleGrant], user: str | None, kind: str,
                   member_id: str | None = None) -> tuple[str, ...] | None:
    """The roles `user` would need to enter a record of `kind` (None: allowed). No role declared: allowed.
    A member officer files for their own member only."""
    grants = list(grants)
    if not grants:
        return None
    needs = RECORD_ROLES.get(kind, DEFAULT_RECORD_ROLES)
    held = current_roles(grants).get(user_key(user), set())
    for role, member in held:
        if role in needs and (role != MEMBER_OFFICER or (member or "") == (member_id or "").strip()):
            return None
    return needs


# who handles a breach case once roles are declared (Art 9, 10): the lead department and senior management
# any case; a member officer the cases of their own member's limits; internal audit reads only
CASE_ROLES = (LEAD_DEPARTMENT, SENIOR_MANAGEMENT, MEMBER_OFFICER)


def case_refusal(grants: Iterable[RoleGrant], user: str | None, scope: str | None) -> tuple[str, ...] | None:
    """The roles `user` would need to record an event on a case of a limit of `scope` (a member_id or
    "group"); None: allowed. A user declared with a narrower role is held to it: a member officer handles
    only their member's cases, internal audit reads. A user with no role declared records as before (by
    name: on the local file roles are accountability, not access control; limit approval, by contrast,
    needs the senior-management role once any role is declared)."""
    held = current_roles(grants).get(user_key(user), set())
    if not held:
        return None
    for role, member in held:
        if role in (LEAD_DEPARTMENT, SENIOR_MANAGEMENT):
            return None
        if role == MEMBER_OFFICER and member and member == (scope or ""):
            return None
    return CASE_ROLES
