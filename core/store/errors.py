"""The store's one exception: a stable machine `code` plus the details a front-end needs to word it."""
from __future__ import annotations

from typing import Any

# Stable codes (front-ends word them through `wording`; never match on the message text).
CODES = (
    "newer_schema",             # the file was written by a newer RiskDesk; detail: found, supported
    "not_a_database",           # the file is not an SQLite database; detail: path
    "not_riskdesk",             # an SQLite database of another application; detail: path, application_id
    "busy",                     # another program holds the database for writing longer than the busy timeout
    "disk_full",                # the disk (or quota) is full: nothing of the change was written; detail: path
    "read_only",                # the database is open read-only (--read-only, read-only media, a failed check
                                #   at opening) or the file cannot be written; detail: path
    "unreadable",               # the file cannot be read (I/O error, vanished); detail: path, reason
    "cannot_open",              # the file cannot be opened/created; detail: path, reason
    "not_found",                # no such record; detail: entity, id
    "immutable",                # an attempt to change or delete a record that is on record
    "same_person",              # maker-checker: the decider is the proposer; detail: proposal_id, user
    "user_required",            # an action that must name its user (proposals, decisions)
    "already_decided",          # the proposal has a decision already; detail: proposal_id, decision_id
    "role_required",            # the user lacks the role the act needs (roles declared on this database);
                                #   detail: user, needs (roles), action
    "not_proposer",             # only the proposer may withdraw a proposal; detail: proposal_id, user, proposer
    "withdrawn",                # the proposal was withdrawn by its proposer (detail: proposal_id, withdrawal_id),
                                #   or the snapshot was withdrawn (detail: snapshot_id, withdrawal_id)
    "invalid_value",            # a value outside its domain; detail: field, value, allowed
    "invalid_transition",       # a case state cannot go back; detail: case_id, from_state, to_state
    "case_closed",              # a closed case takes no more events; detail: case_id
    "case_not_back_in_range",   # closure without a later evaluation showing the (limit, key) in range
    "no_change",                # a case event that changes nothing
    "unknown_column",           # a GroupData frame has a column the store does not know; detail: frame, column
    "unsupported_value",        # a value the frame codec cannot store exactly; detail: column, type
    "not_json",                 # a JSON document holds something JSON cannot hold; detail: type
)


class StoreError(Exception):
    """`code` is one of CODES; `detail` holds the values (ids, names) a message needs."""

    def __init__(self, code: str, **detail: Any):
        self.code = code
        self.detail = detail
        super().__init__(f"{code}: {detail}" if detail else code)
