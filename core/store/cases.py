"""The breach register: a case per (limit_id, key) in warning or breach, with appended events.

A case opens when a stored evaluation flags a (limit_id, key) that has no case still active; an active
case flagged again gets an 'observed' event. Officers append 'updated' events (state, cause, analysis,
mitigation plan, owner, due date, major-event mark). Each event row holds the case's full state after it,
so the current state is the latest event. States move forward only: open → reported / approved →
mitigating → closed; closing needs a later snapshot's evaluation that shows the (limit, key) in range.

"Later": an evaluation of a snapshot whose (as_of, snapshot id) comes after that of the last evaluation
that flagged the case, so corrected data of the same date (a new snapshot) counts, but re-evaluating the
same snapshot does not. Every such evaluation must leave the key unflagged, and the latest must contain
the limit at all. Evaluations of a withdrawn snapshot (imported by mistake) do not count. Withdrawing a
snapshot changes no case: the cases its evaluation opened stay as they are until an officer handles them.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Callable, Iterable

from core.governance.roles import RoleGrant, case_refusal
from core.store.base import StoreBase, from_json, to_json
from core.store.errors import StoreError
from core.store.records import BreachCase, CaseEvent, CaseSweep
from core.store.snapshots import _date_text

STATES = ("open", "reported", "approved", "mitigating", "closed")
_RANK = {"open": 0, "reported": 1, "approved": 1, "mitigating": 2, "closed": 3}
CAUSES = ("market_movement", "new_business", "data_correction", "other")
ACTIVE = "active"          # list_cases(state="active"): every state but closed
_STATE_FIELDS = ("state", "status", "ratio", "exposure", "cause", "analysis", "mitigation_plan", "owner",
                 "due_date", "major_event")


def _num_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _dec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _event(r: dict[str, Any]) -> CaseEvent:
    return CaseEvent(id=r["id"], case_id=r["case_id"], action=r["action"], evaluation_id=r["evaluation_id"],
                     state=r["state"], status=r["status"], ratio=_dec(r["ratio"]), exposure=_dec(r["exposure"]),
                     cause=r["cause"], analysis=r["analysis"], mitigation_plan=r["mitigation_plan"],
                     owner=r["owner"], due_date=None if r["due_date"] is None else date.fromisoformat(r["due_date"]),
                     major_event=bool(r["major_event"]), comment=r["comment"], changes=from_json(r["changes_json"]),
                     created_at=r["created_at"], created_by=r["created_by"])


def _case(r: dict[str, Any]) -> BreachCase:
    return BreachCase(id=r["case_id"], limit_id=r["limit_id"], key=r["key"],
                      opened_evaluation_id=r["opened_evaluation_id"], opened_at=r["opened_at"],
                      opened_by=r["opened_by"], state=r["state"], status=r["status"], ratio=_dec(r["ratio"]),
                      exposure=_dec(r["exposure"]), cause=r["cause"], analysis=r["analysis"],
                      mitigation_plan=r["mitigation_plan"], owner=r["owner"],
                      due_date=None if r["due_date"] is None else date.fromisoformat(r["due_date"]),
                      major_event=bool(r["major_event"]), last_event_id=r["event_id"], updated_at=r["updated_at"],
                      updated_by=r["updated_by"])


def key_in_range(result: dict[str, Any], limit_id: str, key: str | None) -> bool | None:
    """True: the evaluation result (concentration --json shape) has the limit and does not flag the key;
    False: it flags it; None: the limit is not in the result (no evidence either way)."""
    entries = [e for e in (result or {}).get("limits", []) if e.get("limit_id") == limit_id]
    if not entries:
        return None
    for e in entries:
        for f in e.get("flagged") or []:
            if f.get("key") == key and f.get("status") in (None, "warning", "breach"):
                return False
        if e.get("key") == key and e.get("status") in ("warning", "breach"):
            return False
    return True


def flagged_in(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Every flagged (limit_id, key) of an evaluation result, as open_cases_from_evaluation takes them."""
    out = []
    for e in (result or {}).get("limits", []):
        for f in e.get("flagged") or []:
            out.append({"limit_id": e.get("limit_id"), "key": f.get("key"), "status": f.get("status"),
                        "ratio": f.get("ratio"), "exposure": f.get("exposure")})
    return out


class CasesMixin(StoreBase):
    # provided by GovernanceMixin: core/store/store.py composes both into Store
    role_grants: Callable[[], list[RoleGrant]]

    def _active_case(self, limit_id: str, key: str | None) -> dict[str, Any] | None:
        return self._one('SELECT * FROM case_current WHERE limit_id = ? AND "key" IS ? AND state != \'closed\' '
                         "ORDER BY case_id DESC LIMIT 1", (limit_id, key))

    def _append_event(self, case_id: int, action: str, state: dict[str, Any], evaluation_id: int | None,
                      comment: str | None, changes: dict[str, Any], user: str | None, at: str) -> int:
        values = {"case_id": case_id, "action": action, "evaluation_id": evaluation_id, "comment": comment,
                  "changes_json": to_json(changes), "created_at": at, "created_by": user}
        values.update({f: state.get(f) for f in _STATE_FIELDS})
        values["major_event"] = int(bool(values["major_event"]))
        event_id = self._insert("case_event", values)
        self._journal(f"case.{action}", "breach_case", case_id,
                      {"event_id": event_id, "evaluation_id": evaluation_id, "changes": changes,
                       "state": values["state"]}, user, at)
        return event_id

    def open_cases_from_evaluation(self, evaluation_id: int, flagged: Iterable[dict[str, Any]] | None = None,
                                   user: str | None = None) -> CaseSweep:
        """Open a case for every flagged (limit_id, key) without an active case; append an 'observed' event
        to an active case flagged again (once per evaluation: calling twice changes nothing).
        `flagged` None = every flagged entry of the stored evaluation result."""
        opened, observed, skipped = [], [], []
        with self.transaction():
            ev = self._require("evaluation", evaluation_id)
            items = list(flagged) if flagged is not None else flagged_in(from_json(ev["result_json"]))
            at = self.now()
            for f in items:
                limit_id, key = f.get("limit_id"), f.get("key")
                if not limit_id:
                    raise StoreError("invalid_value", field="limit_id", value=limit_id, allowed="a limit id")
                key = None if key is None else str(key)
                status = f.get("status")
                if status not in ("warning", "breach"):
                    raise StoreError("invalid_value", field="status", value=status, allowed=["warning", "breach"])
                seen = {"status": status, "ratio": _num_text(f.get("ratio")), "exposure": _num_text(f.get("exposure"))}
                cur = self._active_case(limit_id, key)
                if cur is None:
                    cid = self._insert("breach_case", {"limit_id": limit_id, "key": key, "evaluation_id": evaluation_id,
                                                       "created_at": at, "created_by": user})
                    state = {"state": "open", "major_event": False, **seen}
                    self._append_event(cid, "opened", state, evaluation_id, None, {"state": "open", **seen}, user, at)
                    opened.append(cid)
                    continue
                cid = cur["case_id"]
                if self._one("SELECT id FROM case_event WHERE case_id = ? AND evaluation_id = ?",
                             (cid, evaluation_id)) is not None:
                    skipped.append(cid)
                    continue
                state = {f_: cur[f_] for f_ in _STATE_FIELDS}
                state.update(seen)
                self._append_event(cid, "observed", state, evaluation_id, None, seen, user, at)
                observed.append(cid)
        return CaseSweep(tuple(opened), tuple(observed), tuple(skipped))

    def record_case_event(self, case_id: int, user: str | None, *, state: str | None = None,
                          cause: str | None = None, analysis: str | None = None,
                          mitigation_plan: str | None = None, owner: str | None = None,
                          due_date: date | str | None = None, major_event: bool | None = None,
                          comment: str | None = None, evidence_evaluation_id: int | None = None) -> int:
        """Append an officer's event; returns the event id. Only the given fields change.
        Closing (state="closed") checks the evidence (module doc) and refuses with
        `case_not_back_in_range`; `evidence_evaluation_id` names the evaluation to cite (else the latest)."""
        changes: dict[str, Any] = {}
        if state is not None:
            if state not in STATES:
                raise StoreError("invalid_value", field="state", value=state, allowed=list(STATES))
            changes["state"] = state
        if cause is not None:
            if cause not in CAUSES:
                raise StoreError("invalid_value", field="cause", value=cause, allowed=list(CAUSES))
            changes["cause"] = cause
        for name, value in (("analysis", analysis), ("mitigation_plan", mitigation_plan), ("owner", owner)):
            if value is not None:
                changes[name] = value
        if due_date is not None:
            changes["due_date"] = _date_text(due_date, "due_date")
        if major_event is not None:
            changes["major_event"] = bool(major_event)
        if not changes and comment is None:
            raise StoreError("no_change", case_id=case_id)
        with self.transaction():
            cur = self._one("SELECT * FROM case_current WHERE case_id = ?", (case_id,))
            if cur is None:
                raise StoreError("not_found", entity="breach_case", id=case_id)
            if cur["state"] == "closed":
                raise StoreError("case_closed", case_id=case_id)
            grants = self.role_grants()
            if grants:
                needs = case_refusal(grants, user, self._case_scope(case_id))
                if needs is not None:
                    raise StoreError("role_required", user=user, needs=list(needs), action="case_event")
            new_state = changes.get("state", cur["state"])
            if _RANK[new_state] < _RANK[cur["state"]]:
                raise StoreError("invalid_transition", case_id=case_id, from_state=cur["state"], to_state=new_state)
            evidence = None
            if new_state == "closed":
                evidence = self._closure_evidence(cur, evidence_evaluation_id)
            state_row = {f: cur[f] for f in _STATE_FIELDS}
            state_row.update(changes)
            action = "closed" if new_state == "closed" else "updated"
            return self._append_event(case_id, action, state_row, evidence, comment, changes, user, self.now())

    def _closure_evidence(self, case: dict[str, Any], chosen: int | None) -> int:
        limit_id, key = case["limit_id"], case["key"]
        last = self._one_of(   # a case is opened with an event: there is always one
            "SELECT e.evaluation_id, s.as_of, s.id AS snapshot_id FROM case_event e "
            "JOIN evaluation v ON v.id = e.evaluation_id JOIN snapshot s ON s.id = v.snapshot_id "
            "WHERE e.case_id = ? AND e.action IN ('opened', 'observed') ORDER BY e.id DESC LIMIT 1", (case["case_id"],))
        later = self._all(
            "SELECT v.id, v.result_json, v.limit_set_ref, s.as_of, s.id AS snapshot_id FROM evaluation v "
            "JOIN snapshot s ON s.id = v.snapshot_id WHERE ((s.as_of > ?) OR (s.as_of = ? AND s.id > ?)) "
            "AND s.id NOT IN (SELECT snapshot_id FROM snapshot_withdrawal) "
            "ORDER BY s.as_of, s.id, v.id", (last["as_of"], last["as_of"], last["snapshot_id"]))
        # a withdrawn snapshot (imported by mistake) measured nothing: no evidence either way
        # A stress result is a what-if on a snapshot, not a measurement of it: it can neither show a key back
        # in range nor flag it again.
        later = [v for v in later if "stress" not in (from_json(v["limit_set_ref"]) or {})]
        refuse = dict(case_id=case["case_id"], limit_id=limit_id, key=key,
                      last_flagged_evaluation_id=last["evaluation_id"])
        if not later:
            raise StoreError("case_not_back_in_range", reason="no_later_evaluation", **refuse)
        for v in later:
            if key_in_range(from_json(v["result_json"]), limit_id, key) is False:
                raise StoreError("case_not_back_in_range", reason="flagged_again", evaluation_id=v["id"], **refuse)
        if chosen is not None:
            candidates = [v for v in later if v["id"] == chosen]
            if not candidates:
                raise StoreError("case_not_back_in_range", reason="evidence_not_later", evaluation_id=chosen, **refuse)
            evidence = candidates[0]
        else:
            evidence = later[-1]
        if key_in_range(from_json(later[-1]["result_json"]), limit_id, key) is None or \
                key_in_range(from_json(evidence["result_json"]), limit_id, key) is None:
            raise StoreError("case_not_back_in_range", reason="limit_not_evaluated", evaluation_id=evidence["id"],
                             **refuse)
        return evidence["id"]

    def _case_scope(self, case_id: int) -> str | None:
        """The scope (group or a member_id) of the limit a case is about, as the evaluation that opened it
        recorded it."""
        row = self._one("SELECT c.limit_id, e.result_json FROM breach_case c JOIN evaluation e "
                        "ON e.id = c.evaluation_id WHERE c.id = ?", (case_id,))
        if row is None:
            return None
        for entry in from_json(row["result_json"]).get("limits", []):
            if entry.get("limit_id") == row["limit_id"]:
                return entry.get("scope")
        return None

    def get_case(self, case_id: int) -> BreachCase:
        r = self._one("SELECT * FROM case_current WHERE case_id = ?", (case_id,))
        if r is None:
            raise StoreError("not_found", entity="breach_case", id=case_id)
        return _case(r)

    def case_history(self, case_id: int) -> list[CaseEvent]:
        """Every event of the case, oldest first."""
        self._require("breach_case", case_id)
        return [_event(r) for r in self.db.query("SELECT * FROM case_event WHERE case_id = ? ORDER BY id", (case_id,))]

    def list_cases(self, state: str | Iterable[str] | None = None) -> list[BreachCase]:
        """Newest case first. `state`: one state, several, "active" (all but closed), or None (all)."""
        rows = [_case(r) for r in self.db.query("SELECT * FROM case_current ORDER BY case_id DESC")]
        if state is None:
            return rows
        if state == ACTIVE:
            return [c for c in rows if c.state != "closed"]
        wanted = {state} if isinstance(state, str) else set(state)
        unknown = wanted - set(STATES)
        if unknown:
            raise StoreError("invalid_value", field="state", value=sorted(unknown), allowed=list(STATES) + [ACTIVE])
        return [c for c in rows if c.state in wanted]
