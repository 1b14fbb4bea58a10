"""The database schema, as an ordered list of migrations numbered 1..n (PRAGMA user_version = n).

Rules (DEVELOPERS: never break them, a user's history lives in these files):
- A released migration is never edited; a change to the schema is a new migration appended to MIGRATIONS.
- Each migration runs in one transaction together with its `PRAGMA user_version` bump, so a crash during
  a migration leaves the database at the previous version.
- Every table is append-only: `_immutable()` gives it BEFORE UPDATE / BEFORE DELETE triggers that abort
  with 'immutable'. A table added later that must allow updates has to say why in its migration.
- Rows that belong to a header (snapshot rows, limit rows) carry the header's id and a `seq` (their order
  in the frame); their created_at/created_by are the header's (stored once, not per row).
"""
from __future__ import annotations

import sqlite3
from typing import Callable, Iterator

# 'RSKD': written on creation, checked on open, so that another application's database is not migrated.
APPLICATION_ID = 0x52534B44

# The limit-row columns, shared by snapshots, proposals and approved versions (names quoted: "key" and
# "limit" are SQL keywords).
_LIMIT_COLUMNS_SQL = """
    limit_id TEXT NOT NULL,
    name TEXT,
    dimension TEXT,
    scope TEXT,
    "key" TEXT,
    basis TEXT,
    warning TEXT,            -- Decimal as written, e.g. '0.050'
    "limit" TEXT,            -- Decimal as written
    parent_limit_id TEXT,
    rule TEXT
"""

_AUDIT = "created_at TEXT NOT NULL,\n    created_by TEXT"

_V1 = f"""
CREATE TABLE journal (
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL,                 -- e.g. 'snapshot.saved', 'case.event'
    entity TEXT NOT NULL,                 -- table of the record the action is about
    entity_id INTEGER,
    payload TEXT NOT NULL CHECK (json_valid(payload)),
    {_AUDIT}
);
CREATE INDEX journal_entity ON journal(entity, entity_id);
CREATE INDEX journal_created_at ON journal(created_at);

CREATE TABLE assessment (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('self', 'regulator')),
    company TEXT NOT NULL,
    period TEXT NOT NULL,
    rulebook_id TEXT,
    rulebook_version TEXT,
    rulebook_sha256 TEXT,
    input_json TEXT NOT NULL CHECK (json_valid(input_json)),
    result_json TEXT NOT NULL CHECK (json_valid(result_json)),
    note TEXT,
    {_AUDIT}
);
CREATE INDEX assessment_company_period ON assessment(company, period, kind);

CREATE TABLE snapshot (
    id INTEGER PRIMARY KEY,
    group_name TEXT NOT NULL,
    as_of TEXT NOT NULL,                  -- YYYY-MM-DD, the date of the exposures
    total_assets_fen INTEGER NOT NULL,
    net_assets_fen INTEGER NOT NULL,
    solvency_ratio TEXT,                  -- Decimal as written
    actual_capital_fen INTEGER,
    minimum_capital_fen INTEGER,
    source TEXT,
    limits_origin TEXT NOT NULL CHECK (json_valid(limits_origin)),
    has_business INTEGER NOT NULL CHECK (has_business IN (0, 1)),
    n_members INTEGER NOT NULL,
    n_counterparties INTEGER NOT NULL,
    n_exposures INTEGER NOT NULL,
    n_limits INTEGER NOT NULL,
    n_business INTEGER NOT NULL,
    columns_json TEXT NOT NULL CHECK (json_valid(columns_json)),  -- per frame: [[column, dtype], ...]
    meta_json TEXT NOT NULL CHECK (json_valid(meta_json)),
    {_AUDIT}
);
CREATE INDEX snapshot_as_of ON snapshot(as_of, id);

CREATE TABLE snapshot_member (
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id),
    seq INTEGER NOT NULL,
    member_id TEXT NOT NULL,
    name TEXT,
    kind TEXT,
    total_assets_fen INTEGER,
    net_assets_fen INTEGER,
    solvency_ratio TEXT,
    actual_capital_fen INTEGER,
    minimum_capital_fen INTEGER,
    PRIMARY KEY (snapshot_id, seq)
) WITHOUT ROWID;

CREATE TABLE snapshot_counterparty (
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id),
    seq INTEGER NOT NULL,
    counterparty_id TEXT NOT NULL,
    name TEXT,
    parent_id TEXT,
    connected_label TEXT,
    industry TEXT,
    region TEXT,
    related_party INTEGER CHECK (related_party IN (0, 1)),
    exempt INTEGER CHECK (exempt IN (0, 1)),
    group_member TEXT,
    PRIMARY KEY (snapshot_id, seq)
) WITHOUT ROWID;

CREATE TABLE snapshot_exposure (
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id),
    seq INTEGER NOT NULL,
    exposure_id TEXT NOT NULL,
    member_id TEXT,
    counterparty_id TEXT,
    instrument_id TEXT,
    asset_class TEXT,
    overseas INTEGER CHECK (overseas IN (0, 1)),
    on_balance INTEGER CHECK (on_balance IN (0, 1)),
    amount_fen INTEGER NOT NULL,          -- exact
    amount REAL,                          -- yuan, as the frame had it (convenience copy)
    parent_exposure_id TEXT,
    exempt_single_asset INTEGER CHECK (exempt_single_asset IN (0, 1)),
    exempt_counterparty INTEGER CHECK (exempt_counterparty IN (0, 1)),
    PRIMARY KEY (snapshot_id, seq)
) WITHOUT ROWID;

CREATE TABLE snapshot_limit (
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id),
    seq INTEGER NOT NULL,
    {_LIMIT_COLUMNS_SQL},
    PRIMARY KEY (snapshot_id, seq)
) WITHOUT ROWID;

CREATE TABLE snapshot_business (
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id),
    seq INTEGER NOT NULL,
    member_id TEXT,
    kind TEXT,
    customer_id TEXT,
    line TEXT,
    region TEXT,
    reinsurer_id TEXT,
    amount_fen INTEGER NOT NULL,
    amount REAL,
    PRIMARY KEY (snapshot_id, seq)
) WITHOUT ROWID;

CREATE TABLE limit_set (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    {_AUDIT}
);

CREATE TABLE limit_proposal (
    id INTEGER PRIMARY KEY,
    limit_set_id INTEGER NOT NULL REFERENCES limit_set(id),
    base_version_id INTEGER REFERENCES limit_set_version(id),   -- the version the proposer started from
    proposer TEXT NOT NULL,
    reason TEXT,
    effective_date TEXT NOT NULL,         -- YYYY-MM-DD the rows take effect once approved
    evaluation_json TEXT CHECK (evaluation_json IS NULL OR json_valid(evaluation_json)),  -- what-if shown
    n_rows INTEGER NOT NULL,
    {_AUDIT}
);
CREATE INDEX limit_proposal_set ON limit_proposal(limit_set_id);

CREATE TABLE limit_proposal_row (
    proposal_id INTEGER NOT NULL REFERENCES limit_proposal(id),
    seq INTEGER NOT NULL,
    {_LIMIT_COLUMNS_SQL},
    PRIMARY KEY (proposal_id, seq)
) WITHOUT ROWID;

CREATE TABLE limit_decision (
    id INTEGER PRIMARY KEY,
    proposal_id INTEGER NOT NULL UNIQUE REFERENCES limit_proposal(id),   -- one decision per proposal
    decider TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('approve', 'reject')),
    comment TEXT,
    evaluation_json TEXT CHECK (evaluation_json IS NULL OR json_valid(evaluation_json)),  -- at that moment
    {_AUDIT}
);

CREATE TABLE limit_set_version (
    id INTEGER PRIMARY KEY,
    limit_set_id INTEGER NOT NULL REFERENCES limit_set(id),
    version INTEGER NOT NULL,
    effective_date TEXT NOT NULL,
    proposal_id INTEGER NOT NULL UNIQUE REFERENCES limit_proposal(id),
    decision_id INTEGER NOT NULL UNIQUE REFERENCES limit_decision(id),
    approved_by TEXT NOT NULL,
    approved_at TEXT NOT NULL,
    n_rows INTEGER NOT NULL,
    {_AUDIT},
    UNIQUE (limit_set_id, version)
);
CREATE INDEX limit_set_version_effective ON limit_set_version(limit_set_id, effective_date, version);

CREATE TABLE limit_set_version_row (    -- the approved copy of the proposal's rows
    version_id INTEGER NOT NULL REFERENCES limit_set_version(id),
    seq INTEGER NOT NULL,
    {_LIMIT_COLUMNS_SQL},
    PRIMARY KEY (version_id, seq)
) WITHOUT ROWID;

CREATE TABLE evaluation (
    id INTEGER PRIMARY KEY,
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id),
    limit_set_ref TEXT NOT NULL CHECK (json_valid(limit_set_ref)),
    limit_set_version_id INTEGER REFERENCES limit_set_version(id),
    result_json TEXT NOT NULL CHECK (json_valid(result_json)),
    {_AUDIT}
);
CREATE INDEX evaluation_snapshot ON evaluation(snapshot_id, id);

CREATE TABLE evaluation_aggregate (     -- one compressed frame per aggregate (codec in frames.py)
    id INTEGER PRIMARY KEY,
    evaluation_id INTEGER NOT NULL REFERENCES evaluation(id),
    name TEXT NOT NULL,
    codec TEXT NOT NULL,
    n_rows INTEGER NOT NULL,
    data BLOB NOT NULL,
    UNIQUE (evaluation_id, name)
);

CREATE TABLE breach_case (
    id INTEGER PRIMARY KEY,
    limit_id TEXT NOT NULL,
    "key" TEXT,
    evaluation_id INTEGER NOT NULL REFERENCES evaluation(id),   -- the evaluation that opened it
    {_AUDIT}
);
CREATE INDEX breach_case_limit_key ON breach_case(limit_id, "key");

CREATE TABLE case_event (               -- appended, never updated; each row holds the case's full state after it
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES breach_case(id),
    action TEXT NOT NULL CHECK (action IN ('opened', 'observed', 'updated', 'closed')),
    evaluation_id INTEGER REFERENCES evaluation(id),   -- observed in / evidence of closure
    state TEXT NOT NULL CHECK (state IN ('open', 'reported', 'approved', 'mitigating', 'closed')),
    status TEXT,                          -- last observed: warning / breach
    ratio TEXT,                           -- last observed, exact text
    exposure TEXT,                        -- last observed, exact text (yuan)
    cause TEXT CHECK (cause IS NULL OR cause IN ('market_movement', 'new_business', 'data_correction', 'other')),
    analysis TEXT,
    mitigation_plan TEXT,
    owner TEXT,
    due_date TEXT,
    major_event INTEGER NOT NULL CHECK (major_event IN (0, 1)),
    comment TEXT,
    changes_json TEXT NOT NULL CHECK (json_valid(changes_json)),  -- what this event changed
    {_AUDIT}
);
CREATE INDEX case_event_case ON case_event(case_id, id);

CREATE VIEW case_current AS
    SELECT c.id AS case_id, c.limit_id, c."key", c.evaluation_id AS opened_evaluation_id,
           c.created_at AS opened_at, c.created_by AS opened_by,
           e.id AS event_id, e.state, e.status, e.ratio, e.exposure, e.cause, e.analysis, e.mitigation_plan,
           e.owner, e.due_date, e.major_event, e.created_at AS updated_at, e.created_by AS updated_by
    FROM breach_case c
    JOIN case_event e ON e.id = (SELECT max(id) FROM case_event WHERE case_id = c.id);

CREATE TABLE report (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    period TEXT,
    snapshot_id INTEGER REFERENCES snapshot(id),
    params_json TEXT NOT NULL CHECK (json_valid(params_json)),
    sha256 TEXT,
    path TEXT,
    {_AUDIT}
);
CREATE INDEX report_kind_period ON report(kind, period);

CREATE TABLE officer_text (             -- versions of the officer's texts (report conclusions), latest wins
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    period TEXT NOT NULL,
    text TEXT NOT NULL,
    {_AUDIT}
);
CREATE INDEX officer_text_kind_period ON officer_text(kind, period, id);
"""


def _immutable_triggers(conn: sqlite3.Connection) -> None:
    """BEFORE UPDATE / BEFORE DELETE → RAISE(ABORT, 'immutable') on every table that has none yet."""
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    existing = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    for table in tables:
        for op in ("update", "delete"):
            name = f"{table}_no_{op}"
            if name not in existing:
                conn.execute(f'CREATE TRIGGER "{name}" BEFORE {op.upper()} ON "{table}" '
                             "BEGIN SELECT RAISE(ABORT, 'immutable'); END")


def iter_statements(script: str) -> Iterator[str]:
    """Split an SQL script into complete statements (triggers with inner ';' stay whole)."""
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                yield buf
            buf = ""
    if buf.strip():
        yield buf


def _m1(conn: sqlite3.Connection) -> None:
    for statement in iter_statements(_V1):
        conn.execute(statement)
    _immutable_triggers(conn)


_V2 = f"""
CREATE TABLE board_approval (           -- a board's approval of one officer-text version (guideline Art. 26)
    id INTEGER PRIMARY KEY,
    report_kind TEXT NOT NULL,            -- 'disclosure'
    period TEXT NOT NULL,
    approving_body TEXT NOT NULL CHECK (trim(approving_body) <> ''),   -- e.g. 董事会
    meeting_ref TEXT NOT NULL CHECK (trim(meeting_ref) <> ''),         -- e.g. 第三届董事会第八次会议
    approval_date TEXT NOT NULL
        CHECK (approval_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    text_id INTEGER NOT NULL REFERENCES officer_text(id),   -- the version approved
    text_sha256 TEXT NOT NULL CHECK (length(text_sha256) = 64),   -- of that version's text: binds to it
    {_AUDIT}
);
CREATE INDEX board_approval_kind_period ON board_approval(report_kind, period, id);
"""


def _m2(conn: sqlite3.Connection) -> None:
    """Board approvals of report texts, append-only like everything else (a correction is a new approval)."""
    for statement in iter_statements(_V2):
        conn.execute(statement)
    _immutable_triggers(conn)


_V3 = """
CREATE TABLE limit_proposal_withdrawal (   -- the maker withdraws their own pending proposal (Art. 8, 14)
    id INTEGER PRIMARY KEY,
    proposal_id INTEGER NOT NULL UNIQUE REFERENCES limit_proposal(id),   -- at most one per proposal
    reason TEXT NOT NULL CHECK (trim(reason) <> ''),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL                 -- the proposer (checked by the store, case-insensitively)
);

-- a proposal ends once: by a decision or by its withdrawal, never both (the store checks first and says
-- which, these keep the rule even for a writer that does not go through the store)
CREATE TRIGGER limit_proposal_withdrawal_undecided BEFORE INSERT ON limit_proposal_withdrawal
WHEN EXISTS (SELECT 1 FROM limit_decision WHERE proposal_id = NEW.proposal_id)
BEGIN SELECT RAISE(ABORT, 'already_decided'); END;

CREATE TRIGGER limit_decision_not_withdrawn BEFORE INSERT ON limit_decision
WHEN EXISTS (SELECT 1 FROM limit_proposal_withdrawal WHERE proposal_id = NEW.proposal_id)
BEGIN SELECT RAISE(ABORT, 'withdrawn'); END;
"""


def _m3(conn: sqlite3.Connection) -> None:
    """Withdrawal of a pending limit-set proposal by its maker: a new table (limit_decision's CHECK allows
    only approve/reject and its decider is the checker; SQLite cannot alter a CHECK), append-only."""
    for statement in iter_statements(_V3):
        conn.execute(statement)
    _immutable_triggers(conn)


_V4 = """
CREATE TABLE snapshot_withdrawal (      -- a snapshot imported by mistake, taken back (it stays on record)
    id INTEGER PRIMARY KEY,
    snapshot_id INTEGER NOT NULL UNIQUE REFERENCES snapshot(id),   -- at most one per snapshot
    reason TEXT NOT NULL CHECK (trim(reason) <> ''),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL CHECK (trim(created_by) <> '')
);

-- a withdrawn snapshot is measured no more (the store says so first, this keeps it in the file)
CREATE TRIGGER evaluation_snapshot_not_withdrawn BEFORE INSERT ON evaluation
WHEN EXISTS (SELECT 1 FROM snapshot_withdrawal WHERE snapshot_id = NEW.snapshot_id)
BEGIN SELECT RAISE(ABORT, 'withdrawn'); END;
"""


def _m4(conn: sqlite3.Connection) -> None:
    """Withdrawal of a snapshot imported by mistake: a record beside it (the snapshot is never changed),
    append-only; the store skips withdrawn snapshots wherever it picks "the" snapshot of a period."""
    for statement in iter_statements(_V4):
        conn.execute(statement)
    _immutable_triggers(conn)


def _unique_keys(conn: sqlite3.Connection, table: str) -> list[list[str]]:
    """The primary key and every UNIQUE constraint of `table`, as column lists."""
    info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
    keys = [[r[1] for r in sorted((r for r in info if r[5] > 0), key=lambda r: r[5])]]
    for idx in conn.execute(f'PRAGMA index_list("{table}")').fetchall():
        if idx[2] and idx[3] in ("u", "pk"):
            cols = [r[2] for r in conn.execute(f'PRAGMA index_info("{idx[1]}")')]
            if cols and cols not in keys:
                keys.append(cols)
    return [k for k in keys if k]


def _no_replace_triggers(conn: sqlite3.Connection) -> None:
    """BEFORE INSERT → RAISE(ABORT, 'immutable') when the new row has the key of a row on record, on every
    table that has none yet. `INSERT OR REPLACE` deletes the row it collides with, and another SQLite client
    (the sqlite3 shell, DB Browser) runs with recursive_triggers off, so the delete triggers do not fire
    there; a BEFORE INSERT trigger fires before the conflict is resolved, with either setting."""
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    existing = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    for table in tables:
        name = f"{table}_no_replace"
        keys = _unique_keys(conn, table)
        if name in existing or not keys:
            continue
        when = " OR ".join(
            f'EXISTS (SELECT 1 FROM "{table}" WHERE ' + " AND ".join(f'"{c}" = NEW."{c}"' for c in key) + ")"
            for key in keys)
        conn.execute(f'CREATE TRIGGER "{name}" BEFORE INSERT ON "{table}" WHEN {when} '
                     "BEGIN SELECT RAISE(ABORT, 'immutable'); END")


_CASE_RANK = "CASE {s} WHEN 'open' THEN 0 WHEN 'reported' THEN 1 WHEN 'approved' THEN 1 " \
             "WHEN 'mitigating' THEN 2 WHEN 'closed' THEN 3 END"
_LAST_STATE = "(SELECT state FROM case_event WHERE case_id = NEW.case_id ORDER BY id DESC LIMIT 1)"

_V5 = f"""
-- the chain head a report was made from (printed in its footer): db verify checks it is still in the chain
ALTER TABLE report ADD COLUMN chain_head TEXT;

CREATE TABLE chain (                    -- one entry per record, each hashing the one before (core/store/chain.py)
    seq INTEGER PRIMARY KEY,              -- 1, 2, 3, ... in the order written
    entity TEXT NOT NULL,                 -- the record's table
    row_id INTEGER NOT NULL,              -- its id
    content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),   -- of the record and its rows
    os_user TEXT,                         -- the operating-system account that wrote it (NULL: chained by v5)
    prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
    hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64),
    UNIQUE (entity, row_id)
);

-- maker-checker in the file itself: the decider is never the proposer (the store says so first)
CREATE TRIGGER limit_decision_not_proposer BEFORE INSERT ON limit_decision
WHEN lower(trim(NEW.decider)) = (SELECT lower(trim(proposer)) FROM limit_proposal WHERE id = NEW.proposal_id)
  OR lower(trim(coalesce(NEW.created_by, ''))) = (SELECT lower(trim(proposer)) FROM limit_proposal WHERE id = NEW.proposal_id)
BEGIN SELECT RAISE(ABORT, 'same_person'); END;

-- only the maker withdraws their proposal
CREATE TRIGGER limit_proposal_withdrawal_by_proposer BEFORE INSERT ON limit_proposal_withdrawal
WHEN lower(trim(NEW.created_by)) IS NOT (SELECT lower(trim(proposer)) FROM limit_proposal WHERE id = NEW.proposal_id)
BEGIN SELECT RAISE(ABORT, 'not_proposer'); END;

-- a case starts with one 'opened' event in state open, takes nothing once closed, and its state only moves
-- forward (open → reported / approved → mitigating → closed); 'closed' is the action of the closing event
CREATE TRIGGER case_event_first BEFORE INSERT ON case_event
WHEN (NEW.action = 'opened') <> (NOT EXISTS (SELECT 1 FROM case_event WHERE case_id = NEW.case_id))
  OR (NEW.action = 'opened' AND NEW.state <> 'open')
BEGIN SELECT RAISE(ABORT, 'invalid_transition'); END;

CREATE TRIGGER case_event_not_closed BEFORE INSERT ON case_event
WHEN {_LAST_STATE} = 'closed'
BEGIN SELECT RAISE(ABORT, 'case_closed'); END;

CREATE TRIGGER case_event_forward BEFORE INSERT ON case_event
WHEN {_CASE_RANK.format(s="NEW.state")} < {_CASE_RANK.format(s=_LAST_STATE)}
  OR (NEW.action = 'closed') <> (NEW.state = 'closed')
BEGIN SELECT RAISE(ABORT, 'invalid_transition'); END;
"""


def _m5(conn: sqlite3.Connection) -> dict:
    """Tamper evidence: the hash chain (every record on file gets its entry, the records already there in
    the order they were written, so the chain starts at entry 1 with the oldest), INSERT OR REPLACE refused
    on every table, and the rules the store keeps in Python (decider ≠ proposer, case transitions,
    withdrawal by the maker) kept by the schema too. Returns what the journal row of the migration says."""
    from core.store import chain

    for statement in iter_statements(_V5):
        conn.execute(statement)
    _immutable_triggers(conn)
    _no_replace_triggers(conn)
    existing = chain.append(conn, chain.unchained_records(conn), None)
    return {"chain": {"entries_of_earlier_records": existing, "first_entry_written_as_recorded": existing + 1}}


_DAY = "GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"
# every governance record: why it was entered (optional), who entered it and when
_GOV_AUDIT = "reason TEXT,\n    created_at TEXT NOT NULL,\n    created_by TEXT NOT NULL CHECK (trim(created_by) <> '')"

_V6 = f"""
CREATE TABLE role_grant (               -- roles per user, declared on this database (governance.md "Roles")
    id INTEGER PRIMARY KEY,
    user_name TEXT NOT NULL CHECK (trim(user_name) <> ''),
    role TEXT NOT NULL CHECK (role IN ('senior_management', 'lead_department', 'member_officer', 'internal_audit')),
    member_id TEXT CHECK ((role = 'member_officer') = (member_id IS NOT NULL AND trim(member_id) <> '')),
    granted INTEGER NOT NULL CHECK (granted IN (0, 1)),   -- 0: the role is revoked
    {_GOV_AUDIT}
);

CREATE TABLE appetite_statement (       -- risk appetite and tolerance, per dimension, board-approved (Art 7(二))
    id INTEGER PRIMARY KEY,
    dimension TEXT NOT NULL CHECK (trim(dimension) <> ''),
    version INTEGER NOT NULL CHECK (version >= 1),
    statement TEXT NOT NULL CHECK (trim(statement) <> ''),
    figure TEXT,                          -- Decimal as written, when the statement is a number
    unit TEXT,
    approval_body TEXT NOT NULL CHECK (trim(approval_body) <> ''),
    meeting_ref TEXT NOT NULL CHECK (trim(meeting_ref) <> ''),
    approval_date TEXT NOT NULL CHECK (approval_date {_DAY}),
    {_GOV_AUDIT},
    UNIQUE (dimension, version)
);

CREATE TABLE policy_document (          -- the policy and the over-limit procedure (Art 7(一), 8(二), 11)
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL CHECK (trim(title) <> ''),
    doc_kind TEXT NOT NULL CHECK (doc_kind IN ('policy', 'over_limit_procedure', 'other')),
    version TEXT NOT NULL CHECK (trim(version) <> ''),
    file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64),
    approval_body TEXT NOT NULL CHECK (approval_body IN ('board', 'senior_management')),
    approval_date TEXT NOT NULL CHECK (approval_date {_DAY}),
    next_review_date TEXT CHECK (next_review_date IS NULL OR next_review_date {_DAY}),
    {_GOV_AUDIT}
);

CREATE TABLE major_event (              -- major concentration events, with or without a limit breach (Art 17, 23)
    id INTEGER PRIMARY KEY,
    occurred_on TEXT NOT NULL CHECK (occurred_on {_DAY}),
    event_kind TEXT NOT NULL
        CHECK (event_kind IN ('limit_breach', 'counterparty_default', 'downgrade', 'catastrophe', 'other')),
    title TEXT NOT NULL CHECK (trim(title) <> ''),
    description TEXT,
    limit_ids TEXT NOT NULL CHECK (json_valid(limit_ids)),               -- JSON lists, maybe empty
    counterparty_ids TEXT NOT NULL CHECK (json_valid(counterparty_ids)),
    case_ids TEXT NOT NULL CHECK (json_valid(case_ids)),
    {_GOV_AUDIT}
);

CREATE TABLE board_notification (       -- major events reported to the board (Art 23)
    id INTEGER PRIMARY KEY,
    event_ids TEXT NOT NULL CHECK (json_valid(event_ids) AND json_array_length(event_ids) > 0),
    body TEXT NOT NULL CHECK (trim(body) <> ''),
    notified_on TEXT NOT NULL CHECK (notified_on {_DAY}),
    reference TEXT NOT NULL CHECK (trim(reference) <> ''),
    {_GOV_AUDIT}
);

CREATE TABLE board_opinion (            -- the board's opinions on a report (Art 7(四))
    id INTEGER PRIMARY KEY,
    report_kind TEXT NOT NULL,
    period TEXT NOT NULL CHECK (trim(period) <> ''),
    meeting TEXT NOT NULL CHECK (trim(meeting) <> ''),
    meeting_date TEXT NOT NULL CHECK (meeting_date {_DAY}),
    opinions TEXT NOT NULL CHECK (trim(opinions) <> ''),
    follow_up_owner TEXT,
    {_GOV_AUDIT}
);

CREATE TABLE regulator_submission (     -- reports sent to the regulator or published (Art 24-26)
    id INTEGER PRIMARY KEY,
    report_kind TEXT NOT NULL,
    period TEXT NOT NULL CHECK (trim(period) <> ''),
    sent_on TEXT NOT NULL CHECK (sent_on {_DAY}),
    reference TEXT NOT NULL CHECK (trim(reference) <> ''),
    {_GOV_AUDIT}
);

CREATE TABLE internal_audit (           -- the yearly audit of concentration risk management (Art 20)
    id INTEGER PRIMARY KEY,
    period_from TEXT NOT NULL CHECK (period_from {_DAY}),
    period_to TEXT NOT NULL CHECK (period_to {_DAY} AND period_to >= period_from),
    audit_date TEXT NOT NULL CHECK (audit_date {_DAY}),
    auditor TEXT NOT NULL CHECK (trim(auditor) <> ''),
    findings TEXT NOT NULL CHECK (trim(findings) <> ''),
    remediation_owner TEXT,
    remediation_date TEXT CHECK (remediation_date IS NULL OR remediation_date {_DAY}),
    {_GOV_AUDIT}
);

CREATE TABLE member_filing (            -- a member's structure or policy filed with the group (Art 10)
    id INTEGER PRIMARY KEY,
    member_id TEXT NOT NULL CHECK (trim(member_id) <> ''),
    document TEXT NOT NULL CHECK (trim(document) <> ''),
    filed_on TEXT NOT NULL CHECK (filed_on {_DAY}),
    {_GOV_AUDIT}
);
"""


def _m6(conn: sqlite3.Connection) -> None:
    """Governance records (governance.md): roles per user, risk appetite and tolerance, policy documents,
    major events, board notifications and opinions, regulator submissions, internal audits, member filings.
    Append-only like every record (a correction is a new record, an appetite change a new version); each
    joins the hash chain (core.store.chain.COVERED). New tables are empty: nothing to chain here."""
    for statement in iter_statements(_V6):
        conn.execute(statement)
    _immutable_triggers(conn)
    _no_replace_triggers(conn)


_V7 = """
CREATE TABLE snapshot_text (            -- v7: a snapshot's repeated text, each value once; its rows hold the codes
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id),
    seq INTEGER NOT NULL,                 -- the code
    value TEXT NOT NULL,
    grp INTEGER,                          -- of a counterparty: the code of its connected group (import's evaluation)
    PRIMARY KEY (snapshot_id, seq)
) WITHOUT ROWID;

CREATE TABLE snapshot_exposure_coded (  -- v7: the exposure rows of a snapshot stored from v7 on, compactly
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id),
    seq INTEGER NOT NULL,
    exposure_id TEXT NOT NULL,
    member INTEGER,                       -- codes into snapshot_text (NULL: no value)
    counterparty INTEGER,
    instrument_id TEXT,                   -- as written: an instrument is rarely held twice, a code would not pay
    asset_class INTEGER,
    -- the row's yes/no columns in one number: bit i set when the i-th of overseas, on_balance,
    -- exempt_single_asset, exempt_counterparty, exempt_asset_class is true, bit 8 + i when it is missing;
    -- bit 5: the group scope eliminates the row under the holding dimensions (intra-group, import's evaluation)
    flags INTEGER NOT NULL CHECK (flags >= 0),
    amount_fen INTEGER NOT NULL,          -- exact
    amount REAL,                          -- yuan, only where the frame's differs from amount_fen / 100
    parent_seq INTEGER,                   -- the seq of the look-through parent (parent_exposure_id)
    -- what the import's evaluation derived for the drill-down by key (the look-through and the connected
    -- groups do not depend on limits): the counterparty and group the row's residual counts against
    -- (codes; lt_counterparty NULL where it is the row's own counterparty, as for most rows), that residual,
    -- and whether the group scope eliminates the row under those dimensions (intra-group)
    lt_counterparty INTEGER,
    lt_group INTEGER,
    residual_fen INTEGER,
    lt_eliminated INTEGER CHECK (lt_eliminated IN (0, 1)),
    PRIMARY KEY (snapshot_id, seq)
) WITHOUT ROWID;
-- the drill-down reads a counterparty group's rows a page at a time, largest first, from this (the group scope
-- without its eliminated rows straight from the index), and a counterparty's within its group's; other keys
-- scan the snapshot's rows
CREATE INDEX snapshot_exposure_coded_group
    ON snapshot_exposure_coded(snapshot_id, lt_group, lt_eliminated, residual_fen) WHERE residual_fen <> 0;
"""


def _m7(conn: sqlite3.Connection) -> None:
    """Compact exposure rows (issue 15): repeated text as integer codes into a per-snapshot vocabulary, the
    look-through parent by position, no per-row JSON, and what the drill-down by key needs, indexed. A new
    table: the rows of snapshots stored before stay in snapshot_exposure with their chain content unchanged
    (core.store.chain.COVERED lists both under the snapshot); new snapshots write snapshot_exposure_coded."""
    for statement in iter_statements(_V7):
        conn.execute(statement)
    _immutable_triggers(conn)
    _no_replace_triggers(conn)


_V8 = """
CREATE TABLE snapshot_block (           -- v8: a snapshot's exposure and counterparty rows as blocks (core.store.blocks)
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id),
    -- 1: exposure rows, a fixed number per block, ordered as the drill-down reads them; 2: the snapshot's
    -- text values (the rows hold codes into them); 3: the directory (a counterparty group's first row and
    -- count); 4: the look-through parents (seq, exposure_id, parent_seq), for the paths of a page; 5: the
    -- counterparty rows, in file order
    part INTEGER NOT NULL CHECK (part IN (1, 2, 3, 4, 5)),
    block INTEGER NOT NULL CHECK (block >= 0),
    n_rows INTEGER NOT NULL CHECK (n_rows >= 0),
    codec TEXT NOT NULL,                  -- core.store.frames.COLUMNS_ZSTD_CODEC
    data BLOB NOT NULL,                   -- hashed by its SHA-256 in the chain (core.store.chain.BLOB_DIGESTS)
    PRIMARY KEY (snapshot_id, part, block)
) WITHOUT ROWID;
"""


def _m8(conn: sqlite3.Connection) -> None:
    """Columnar blocks (issue 15): a snapshot stored from v8 on keeps its exposure rows, their vocabulary, the
    drill-down's directory, the look-through parents and its counterparties as a few compressed blobs (tens of statements
    instead of a row each, with the per-row triggers and the index a million rows made slow), hashed in
    the chain by their SHA-256. Snapshots stored before keep their v1 or v7 rows, read as before."""
    for statement in iter_statements(_V8):
        conn.execute(statement)
    _immutable_triggers(conn)
    _no_replace_triggers(conn)


Migration = Callable[[sqlite3.Connection], "dict | None"]

# Index i holds migration number i + 1. Append only. Migrations after v5 call _immutable_triggers and
# _no_replace_triggers for their new tables, and tables that hold records go into core.store.chain.COVERED.
MIGRATIONS: list[Migration] = [_m1, _m2, _m3, _m4, _m5, _m6, _m7, _m8]
SCHEMA_VERSION = len(MIGRATIONS)
