"""Which limits govern, and how they change: proposals and approval (maker-checker, guideline Art. 8, 14).

- The approved limit-set version in force on a snapshot's `as_of` governs every evaluation of that snapshot
  (`governing_limits`). Until a first version is approved, the snapshot's own limits govern, and the
  result says so: `approved` False, ref `{"source": "snapshot"}`, `limits_approved: false` in result JSON.
- A limits.csv in imported data that differs from the governing approved set becomes a proposal
  (`proposal_from_import`), never an approved set by itself.
- `propose_from_sandbox` (maker) and `approve` / `reject` (checker ≠ maker, enforced by the store; the
  checker holds the senior-management role once roles are declared, Art 8(三): `check_decider_role`) record
  the user on every proposal and decision; `withdraw` (the maker, only while pending) takes a proposal back,
  after which it takes no decision; an approval stores the proposal's evaluation on the latest
  snapshot's kept aggregates with the decision, and creates the next immutable version.
- `compare_versions`: any two versions, evaluated on the latest kept aggregates when there are any.

The store (core.store.limitsets) does the recording; this module decides what to record.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pandas as pd

from core.concentration import limits as _limits
from core.concentration.aggregate import Aggregates
from core.concentration.engine import ConcentrationResult, result_to_json
from core.concentration.indices import compute_indices
from core.concentration.model import LIMIT_COLUMNS, GroupData
from core.governance.roles import ROLES_NOT_DECLARED, SENIOR_MANAGEMENT, approval_refusal
from core.problems import InputError
from core.whatif.errors import WhatIfError
from core.whatif.kept import latest_kept
from core.whatif.sandbox import LimitSetDiff, Sandbox, definitions_diff, diff_evaluations, limits_equal, validate_row

DEFAULT_LIMIT_SET = "group-limits"     # the name of the limit set created on first use
# the snapshot's own limits govern (no approved set yet): the same ref as core.concentration.snapshots
# writes (not imported from there, so that snapshots.py can import this module)
SNAPSHOT_LIMITS = {"source": "snapshot"}


# ==================================================================================================
# governing limits


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def version_ref(version) -> dict:
    return {"limit_set_id": version.limit_set_id, "version": version.version}


def snapshot_limits(store, snapshot_id: int) -> pd.DataFrame:
    """A stored snapshot's own limits (its limits.csv) without loading its exposure rows."""
    return store.load_snapshot_limits(snapshot_id)


def governing_limits(store, as_of: date | str, data: GroupData | None = None, snapshot_id: int | None = None,
                     limit_set: int | str | None = None) -> tuple[pd.DataFrame, dict, bool]:
    """(limits, ref, approved) for evaluating data dated `as_of`.

    The approved version in force on `as_of` when there is one: (its rows, {"limit_set_id", "version"},
    True). Otherwise the snapshot's own limits: `data.limits` if given, else those of `snapshot_id`, else of
    the latest stored snapshot (not withdrawn) dated on or before `as_of`: (limits, {"source": "snapshot"}, False).
    """
    day = _as_date(as_of)
    version = store.current_limit_set_version(day, limit_set)
    if version is not None:
        return version.rows, version_ref(version), True
    if data is not None:
        return data.limits, dict(SNAPSHOT_LIMITS), False
    if snapshot_id is None:
        info = store.latest_snapshot_in(date(1900, 1, 1), day)
        if info is None:
            raise WhatIfError("no_limits", as_of=day.isoformat())
        snapshot_id = info.id
    return snapshot_limits(store, snapshot_id), dict(SNAPSHOT_LIMITS), False


def evaluation_limits_for(store, data: GroupData) -> tuple[pd.DataFrame, dict, bool]:
    """What `store_snapshot` should evaluate an import with: the approved set in force on the data's as_of,
    else the data's own limits (not approved)."""
    return governing_limits(store, data.group.as_of, data=data)


def governed_result(result: ConcentrationResult, limits: pd.DataFrame, ref: dict, approved: bool
                    ) -> tuple[ConcentrationResult, dict]:
    """Re-evaluate a result's aggregates under the governing limits: (result, result JSON with
    `limit_set` = ref and `limits_approved`)."""
    ev = _limits.evaluate_limits(result.aggregates, limits)
    out = replace(result, evaluation=ev)
    doc = result_to_json(out)
    doc["limit_set"] = dict(ref)
    doc["limits_approved"] = bool(approved)
    return out, doc


def evaluate_for_store(store, result: ConcentrationResult, data: GroupData) -> tuple[ConcentrationResult, dict, dict]:
    """For `store_snapshot`: (result under the governing limits, its JSON, the limit_set_ref to save)."""
    limits, ref, approved = evaluation_limits_for(store, data)
    res, doc = governed_result(result, limits, ref, approved)
    return res, doc, ref


def evaluate_snapshot_governed(store, snapshot_id: int | None = None, user: str | None = None,
                               save: bool = True, open_cases: bool = False) -> tuple[int | None, dict]:
    """Re-evaluate a stored snapshot (default: the latest) on its kept aggregates under the limits that
    govern its as_of (after an approval, say), and record it: (evaluation id or None, result JSON with
    indices, `limit_set` and `limits_approved`). The new evaluation keeps no aggregates of its own (the
    snapshot's first evaluation has them). `open_cases`: also sweep the breach register with it."""
    kept = latest_kept(store, snapshot_id)
    if kept is None:
        raise WhatIfError("no_snapshot")
    limits, ref, approved = governing_limits(store, kept.as_of, snapshot_id=kept.snapshot_id)
    agg = kept.aggregates
    res = ConcentrationResult(as_of=agg.as_of, aggregates=agg, evaluation=_limits.evaluate_limits(agg, limits),
                              indices=compute_indices(agg), members=agg.scopes[1:])
    doc = result_to_json(res)
    doc["limit_set"] = dict(ref)
    doc["limits_approved"] = bool(approved)
    if not save:
        return None, doc
    # what names the keys it shows, recorded with it as an import's evaluation is (the dashboard opens on
    # the governing evaluation without reading the snapshot's holdings and counterparties back)
    from core.concentration.snapshots import labels_for_reevaluation, with_labels  # noqa: PLC0415

    doc = with_labels(doc, labels_for_reevaluation(store, kept.snapshot_id, doc))
    with store.transaction():
        eid = store.save_evaluation(kept.snapshot_id, ref, doc, None, user)
        if open_cases:
            store.open_cases_from_evaluation(eid, None, user)
    return eid, doc


# Which stored evaluation governs a snapshot is a use case: core.services.evaluations.governing_evaluation.


def limits_only_json(agg: Aggregates, ev: _limits.LimitEvaluation, members=None) -> dict:
    """The limits part of the engine's JSON for an evaluation on kept aggregates (no indices)."""
    res = ConcentrationResult(as_of=agg.as_of, aggregates=agg, evaluation=ev, indices=pd.DataFrame(),
                              members=tuple(members if members is not None else agg.scopes[1:]))
    doc = result_to_json(res)
    doc.pop("indices", None)
    return doc


# ==================================================================================================
# proposals


def limits_differ(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """True when two limit frames are different sets (row order and 0.08 vs 0.080 do not count)."""
    return not limits_equal(a, b)


def validate_limits(limits: pd.DataFrame, scopes: tuple[str, ...] | None = None) -> list:
    problems = []
    for pos, row in enumerate(limits.to_dict("records")):
        problems += validate_row({c: row.get(c) for c in LIMIT_COLUMNS}, limits, scopes, exclude_pos=pos)
    return problems


def ensure_limit_set(store, user: str | None, limit_set: int | str | None = None) -> int:
    """The limit set to propose into: the given one, else the first one, else a new DEFAULT_LIMIT_SET."""
    if limit_set is not None:
        return store._limit_set_id(limit_set)
    sets = store.list_limit_sets()
    if sets:
        return sets[0].id
    return store.create_limit_set(DEFAULT_LIMIT_SET, user)


def _base_version_id(store, ref: dict | None) -> int | None:
    if ref and "limit_set_id" in ref and ref.get("version") is not None:
        return store.get_version_by_number(ref["limit_set_id"], ref["version"], with_rows=False).id
    return None


# reports that state which limits governed a period (the rating report does not)
LIMIT_REPORT_KINDS = ("semiannual", "quarterly", "disclosure")


def reported_period(store) -> tuple[str, date] | None:
    """(period code, last day) of the latest period a limits report is on record for, or None.

    A limit version effective on or before that day would change which limits governed a period the board
    was already told about; the records are append-only, so that could never be put right afterwards."""
    from core import periods  # noqa: PLC0415

    latest: tuple[str, date] | None = None
    for r in store.list_reports():
        if r.kind not in LIMIT_REPORT_KINDS or not r.period:
            continue
        try:
            end = periods.period_bounds(r.period)[1]
        except ValueError:          # free text from an older input: not a period we can reason about
            continue
        if latest is None or end > latest[1]:
            latest = (r.period, end)
    return latest


def check_effective_date(store, effective_date: date | str) -> None:
    """Refuse (`period_reported`) an effective date inside a period already reported on."""
    reported = reported_period(store)
    day = _as_date(effective_date)
    if reported is not None and day <= reported[1]:
        raise WhatIfError("period_reported", effective=day.isoformat(), period=reported[0],
                          period_end=reported[1].isoformat())


def propose_from_sandbox(store, sandbox: Sandbox, user: str, reason: str | None,
                         effective_date: date | str | None = None, limit_set: int | str | None = None) -> int:
    """The maker's proposal of the sandbox's working set, with the what-if result the maker saw (the diff
    against the set it started from and the evaluation). Refused when it changes nothing against the set
    it started from, or when a limit row is invalid (InputError)."""
    problems = validate_limits(sandbox.limits, sandbox.scopes)
    if problems:
        raise InputError(problems)
    approved_base = "limit_set_id" in sandbox.base_ref
    if approved_base and not sandbox.modified:
        raise WhatIfError("no_change")
    lsid = ensure_limit_set(store, user, limit_set if limit_set is not None else sandbox.base_ref.get("limit_set_id"))
    doc = {"as_of": None if sandbox.agg.as_of is None else sandbox.agg.as_of.isoformat(),
           "base": dict(sandbox.base_ref), "diff": sandbox.diff().to_json(),
           "result": limits_only_json(sandbox.agg, sandbox.evaluation)}
    when = effective_date if effective_date is not None else (sandbox.agg.as_of or store.now()[:10])
    check_effective_date(store, when)
    return store.create_proposal(lsid, sandbox.limits, user, reason, when,
                                 base_version_id=_base_version_id(store, sandbox.base_ref), evaluation_json=doc)


def proposal_from_import(store, data: GroupData, user: str, reason: str | None = None,
                         effective_date: date | str | None = None, limit_set: int | str | None = None,
                         source: str | None = None) -> int | None:
    """The import rule: when the data's limits.csv differs from the approved set governing its as_of (or no
    set is approved yet), it becomes a proposal (effective on the data's as_of unless told). Returns the
    proposal id, the id of an identical pending proposal already on record, or None when the data's limits
    are the approved set. `source`: the import's label as its snapshot records it (default: the data's folder).
    """
    version = store.current_limit_set_version(data.group.as_of, limit_set) if store.list_limit_sets() else None
    if version is not None and limits_equal(version.rows, data.limits):
        return None
    lsid = ensure_limit_set(store, user, limit_set)
    for p in store.list_proposals(lsid, status="pending"):
        if limits_equal(store.get_proposal(p.id).rows, data.limits):
            return p.id
    base = None if version is None else version.id
    # the proposal names its source as its snapshot does (the demo's "demo:2024-12-31", not the folder the
    # program happens to be installed in, which made the demo's chain head, hence its reports, differ by folder)
    doc: dict[str, Any] = {"origin": "import", "source": source if source is not None else data.source,
                           "as_of": data.group.as_of.isoformat()}
    if version is not None:
        doc["diff"] = definitions_diff(version.rows, data.limits).to_json()
    return store.create_proposal(lsid, data.limits, user, reason,
                                 effective_date if effective_date is not None else data.group.as_of,
                                 base_version_id=base, evaluation_json=doc)


# ==================================================================================================
# decisions


def evaluate_on_latest(store, limits: pd.DataFrame, snapshot_id: int | None = None) -> dict | None:
    """The evaluation of a limit set on the latest snapshot's kept aggregates, as a JSON document
    ({"snapshot_id", "evaluation_id", "as_of", "result"}); None when no snapshot is stored."""
    kept = latest_kept(store, snapshot_id)
    if kept is None:
        return None
    ev = _limits.evaluate_limits(kept.aggregates, limits)
    return {"snapshot_id": kept.snapshot_id, "evaluation_id": kept.evaluation_id, "as_of": kept.as_of.isoformat(),
            "result": limits_only_json(kept.aggregates, ev)}


def check_decider_role(store, user: str | None) -> str | None:
    """Art 8(三): limits are approved by senior management. Refused (WhatIfError `not_senior_management`,
    detail user, proposal_id) when roles are declared on the database and `user` does not hold the
    senior-management role. Returns the note `roles_not_declared` when no role was ever declared (a fresh
    single-user database decides as before: any person other than the maker), else None."""
    grants = store.role_grants()
    refusal = approval_refusal(grants, user)
    if refusal is not None:
        raise WhatIfError(refusal, user=(user or "").strip(), needs=SENIOR_MANAGEMENT)
    return None if grants else ROLES_NOT_DECLARED


def approve(store, proposal_id: int, user: str, comment: str | None = None,
            effective_date: date | str | None = None, evaluation_json: dict | None = None,
            allow_stale: bool = False):
    """The checker approves: the proposal is evaluated on the latest snapshot's kept aggregates and that
    evaluation is stored with the decision (with `evaluation_json`, what the checker's screen showed, under
    "shown" when given). The store refuses the proposer (`same_person`) and a second decision. The effective
    date is the proposal's; asking for another one is refused (`effective_date_differs`). A proposal made
    on a version that is no longer the latest of its limit set would silently undo what was approved since:
    refused (`stale_proposal`) unless `allow_stale`."""
    p = store.get_proposal(proposal_id)
    note = check_decider_role(store, user)
    latest = store.list_versions(p.limit_set_id)
    if not allow_stale and p.status == "pending" and latest and latest[0].id != p.base_version_id:
        raise WhatIfError("stale_proposal", proposal_id=proposal_id, base_version_id=p.base_version_id,
                          latest_version_id=latest[0].id)
    if effective_date is not None and _as_date(effective_date) != p.effective_date:
        raise WhatIfError("effective_date_differs", proposal_id=proposal_id,
                          proposed=p.effective_date.isoformat(), asked=_as_date(effective_date).isoformat())
    if p.status == "pending":
        # a report may have been made since the proposal: approving now would rewrite a reported period
        check_effective_date(store, p.effective_date)
    # a proposal that is no longer pending is refused by the store: no need to evaluate it first
    doc: dict[str, Any] = {"evaluation": evaluate_on_latest(store, p.rows) if p.status == "pending" else None}
    if evaluation_json is not None:
        doc["shown"] = evaluation_json
    if note is not None:                # kept with the decision: it was not role-checked
        doc["roles"] = note
    return store.decide(proposal_id, user, "approve", comment, evaluation_json=doc)


def reject(store, proposal_id: int, user: str, comment: str | None = None):
    """The checker rejects; the proposal stays on record with the decision."""
    p = store.get_proposal(proposal_id, with_rows=False)
    note = check_decider_role(store, user)
    doc: dict[str, Any] | None = None
    if p.status == "pending":
        full = store.get_proposal(proposal_id)
        doc = {"evaluation": evaluate_on_latest(store, full.rows)}
    if note is not None:
        doc = {**(doc or {}), "roles": note}
    return store.decide(proposal_id, user, "reject", comment, evaluation_json=doc)


def withdraw(store, proposal_id: int, user: str, reason: str):
    """The maker withdraws their own pending proposal with a reason (a ProposalWithdrawal on record). The store
    refuses anyone else (`not_proposer`), a decided proposal (`already_decided`), a second withdrawal
    (`withdrawn`) and an empty reason (`invalid_value`). Nothing else changes: no version, no evaluation."""
    return store.withdraw_proposal(proposal_id, user, reason)


def compare_versions(store, v1: int, v2: int, agg: Aggregates | None = None) -> LimitSetDiff:
    """Diff of two versions (ids of limit_set_version, any order, any limit set): v1 = old, v2 = new.
    Evaluated on `agg` (default: the latest snapshot's kept aggregates); definitions only when none."""
    a, b = store.get_version(v1), store.get_version(v2)
    if agg is None:
        kept = latest_kept(store)
        agg = None if kept is None else kept.aggregates
    if agg is None:
        return definitions_diff(a.rows, b.rows)
    return diff_evaluations(a.rows, _limits.evaluate_limits(agg, a.rows), b.rows,
                            _limits.evaluate_limits(agg, b.rows), agg)


def sandbox_for(store, agg: Aggregates, as_of: date | str | None = None, data: GroupData | None = None,
                snapshot_id: int | None = None) -> Sandbox:
    """A sandbox on the governing set of `as_of` (default: the aggregates' as_of)."""
    on = as_of or agg.as_of
    if on is None:
        raise ValueError("a sandbox needs a date: none given and the aggregates have none")
    limits, ref, approved = governing_limits(store, on, data=data, snapshot_id=snapshot_id)
    return Sandbox(agg, limits, base_ref={**ref, "approved": approved})
