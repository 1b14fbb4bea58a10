"""Tamper evidence (issue 11): every forgery tried with another SQLite client is refused by the schema or
named by `main.py db verify`; a forger who recomputes the whole chain is caught by a report's printed head;
a clean history, its backup and a migrated v1 database verify.

The forger works as the sqlite3 shell does: the plain sqlite3 module, recursive_triggers OFF (its default).
"""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from core.store import SCHEMA_VERSION, Store, StoreError, chain
from core.store import base as store_base
from core.store.schema import MIGRATIONS
from core.store.verify import expected_objects, verify_file
from main import main
from tests.core.test_store_support import FakeClock, small_group


def _history(path: Path) -> dict:
    """A small history with one of each kind of record the forgeries touch: the demo group's first
    snapshot imported (its evaluation opens breach cases), a limit proposal approved, one pending, a text."""
    from core.concentration.snapshots import import_snapshot
    from core.demo import demo_snapshot_dirs

    with Store.open(path, clock=FakeClock()) as s:
        outcome = import_snapshot(s, demo_snapshot_dirs()[0], "alice")
        sid = outcome.snapshot_id
        s.create_limit_set("集团限额", "alice")
        rows = s.load_snapshot(sid).limits
        pid = s.create_proposal("集团限额", rows, "maker", "调整", "2025-07-01")
        s.save_text("semiannual_conclusions", "2025H1", "结论。", "alice")
        pending = s.create_proposal("集团限额", rows, "maker", "再调整", "2025-08-01")
        s.decide(pid, "checker", "approve")
        return {"snapshot": sid, "evaluation": outcome.evaluation_id, "case": outcome.opened_cases[0],
                "proposal": pid, "pending": pending}


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("tamper") / "template.sqlite3"
    ids = _history(path)
    return path, ids


@pytest.fixture
def history(template, tmp_path):
    path, ids = template
    copy = tmp_path / "history.sqlite3"
    shutil.copy(path, copy)
    return copy, ids


def _forger(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    assert conn.execute("PRAGMA recursive_triggers").fetchone()[0] == 0     # as the sqlite3 shell runs
    return conn


def _verify(path: Path, *extra: str, capsys) -> tuple[int, str]:
    status = main(["db", "verify", str(path), "--lang", "en", *extra])
    return status, capsys.readouterr().out


def _entry(path: Path, entity: str, row_id: int) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT seq FROM chain WHERE entity = ? AND row_id = ?", (entity, row_id)).fetchone()[0]
    finally:
        conn.close()


def _trigger_sql(name: str) -> str:
    return expected_objects(SCHEMA_VERSION)[("trigger", name)][1]


def _without_triggers(conn: sqlite3.Connection, table: str, sql: str, params: tuple = ()) -> None:
    """What a forger who knows about the triggers does: drop every trigger of the table, forge, put them
    back exactly as they were."""
    saved = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
                         (table,)).fetchall()
    for name, _ in saved:
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.execute(sql, params)
    for _, create in saved:
        conn.execute(create)


# -- a clean history ----------------------------------------------------------------------------------------

def test_a_clean_history_verifies_and_so_does_its_backup(history, tmp_path, capsys):
    path, _ = history
    status, out = _verify(path, capsys=capsys)
    assert status == 0 and "the history verifies" in out, out
    result = verify_file(path)
    assert result.ok and result.entries > 10 and result.schema_version == SCHEMA_VERSION
    copy = tmp_path / "copy.sqlite3"
    assert main(["db", "backup", str(path), str(copy), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "the history verifies" in out and verify_file(copy).ok and verify_file(copy).head == result.head
    assert main(["db", "backup", str(path), str(copy), "--lang", "en"]) == 2            # never overwrites
    assert "exists already" in capsys.readouterr().err


def test_every_record_is_chained_in_its_own_transaction(tmp_path):
    with Store.open(tmp_path / "h.sqlite3", os_user="officer1") as s:
        before = s.conn.execute("SELECT count(*) FROM chain").fetchone()[0]
        tid = s.save_text("semiannual_conclusions", "2025H1", "结论", "王芳")
        rows = s.conn.execute("SELECT entity, row_id, os_user FROM chain WHERE seq > ? ORDER BY seq",
                              (before,)).fetchall()
        jid = s.list_journal(entity="officer_text")[-1].id
        assert rows == [("officer_text", tid, "officer1"), ("journal", jid, "officer1")]
        # a write that fails leaves neither the record nor an entry
        with pytest.raises(ZeroDivisionError):
            with s.transaction():
                s.save_text("semiannual_conclusions", "2025H1", "半截", "王芳")
                raise ZeroDivisionError("a failure in the middle of a write")
        assert s.conn.execute("SELECT count(*) FROM chain").fetchone()[0] == before + 2
        assert s.verify().ok


def test_every_table_is_chained_or_belongs_to_a_chained_record():
    s = Store.create_in_memory()
    tables = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == set(chain.COVERED) | chain.CHILD_TABLES | {chain.CHAIN_TABLE}


def test_a_v1_database_after_migration_verifies_and_says_where_the_chain_starts(tmp_path, monkeypatch, capsys):
    path = tmp_path / "old.sqlite3"
    monkeypatch.setattr(store_base, "MIGRATIONS", MIGRATIONS[:1])
    monkeypatch.setattr(store_base, "SCHEMA_VERSION", 1)
    with Store.open(path, clock=FakeClock()) as s:
        s.save_snapshot(small_group(), "alice")
        s.save_text("semiannual_conclusions", "2025H1", "结论", "alice")
    monkeypatch.undo()
    status, out = _verify(path, capsys=capsys)
    assert status == 1 and "no hash chain yet" in out                  # verify never migrates
    assert main(["db", "backup", str(path), str(tmp_path / "v1-copy.sqlite3"), "--lang", "en"]) == 0   # nor does backup
    assert "no hash chain yet" in capsys.readouterr().out
    assert sqlite3.connect(tmp_path / "v1-copy.sqlite3").execute("PRAGMA user_version").fetchone()[0] == 1
    with Store.open(path, clock=FakeClock()) as s:
        assert s.schema_version == SCHEMA_VERSION
        v5 = [e for e in s.list_journal(entity="schema") if e.payload["to"] == 5][0]
        # the records already there (snapshot, text, their journal rows, migrations 1..4) come first
        assert v5.payload["chain"]["first_entry_written_as_recorded"] == \
            v5.payload["chain"]["entries_of_earlier_records"] + 1 > 4
        assert "backup" in v5.payload
        s.save_text("semiannual_conclusions", "2025H1", "结论二", "alice")
    status, out = _verify(path, capsys=capsys)
    assert status == 0, out
    assert verify_file(v5.payload["backup"]).problems[-1].code == "no_chain"   # the backup is the v1 file


# -- forgeries refused by the schema, with the sqlite3 shell's settings -----------------------------------

def test_insert_or_replace_on_an_immutable_row_is_refused(history):
    path, ids = history
    conn = _forger(path)
    for sql in ("INSERT OR REPLACE INTO journal SELECT id, action, entity, entity_id, payload, created_at, 'mallory' "
                "FROM journal WHERE id = 3",
                "INSERT OR REPLACE INTO case_event SELECT id, case_id, action, evaluation_id, 'closed', status, ratio, "
                "exposure, cause, analysis, mitigation_plan, owner, due_date, major_event, comment, changes_json, "
                "created_at, created_by FROM case_event WHERE case_id = %d" % ids["case"],
                "INSERT OR REPLACE INTO snapshot_block (snapshot_id, part, block, n_rows, codec, data) VALUES (%d, 1, 0, 1, 'x', x'00')"
                % ids["snapshot"],
                "REPLACE INTO limit_decision (proposal_id, decider, decision, created_at) "
                "VALUES (%d, 'boss', 'reject', 'x')" % ids["proposal"]):
        with pytest.raises(sqlite3.IntegrityError, match="immutable"):
            conn.execute(sql)
    conn.close()
    assert verify_file(path).ok


def test_the_schema_refuses_self_approval_and_broken_rules(history):
    path, ids = history
    conn = _forger(path)
    with pytest.raises(sqlite3.IntegrityError, match="same_person"):
        conn.execute("INSERT INTO limit_decision (proposal_id, decider, decision, created_at, created_by) "
                     "VALUES (?, 'Maker ', 'approve', '2025-07-01', 'Maker')", (ids["pending"],))
    with pytest.raises(sqlite3.IntegrityError, match="not_proposer"):
        conn.execute("INSERT INTO limit_proposal_withdrawal (proposal_id, reason, created_at, created_by) "
                     "VALUES (?, 'x', '2025-07-01', 'checker')", (ids["pending"],))
    conn.execute("INSERT INTO limit_proposal_withdrawal (proposal_id, reason, created_at, created_by) "
                 "VALUES (?, 'x', '2025-07-01', 'maker')", (ids["pending"],))
    with pytest.raises(sqlite3.IntegrityError):                         # withdrawal once
        conn.execute("INSERT INTO limit_proposal_withdrawal (proposal_id, reason, created_at, created_by) "
                     "VALUES (?, 'y', '2025-07-02', 'maker')", (ids["pending"],))
    with pytest.raises(sqlite3.IntegrityError):                         # one decision per proposal
        conn.execute("INSERT INTO limit_decision (proposal_id, decider, decision, created_at) "
                     "VALUES (?, 'boss', 'reject', 'x')", (ids["proposal"],))
    event = ("INSERT INTO case_event (case_id, action, state, major_event, changes_json, created_at) "
             "VALUES (?, ?, ?, 0, '{}', '2025-07-01')")
    for action, state in (("opened", "open"), ("closed", "mitigating"), ("updated", "closed")):
        with pytest.raises(sqlite3.IntegrityError, match="invalid_transition"):
            conn.execute(event, (ids["case"], action, state))
    conn.execute(event, (ids["case"], "updated", "mitigating"))
    with pytest.raises(sqlite3.IntegrityError, match="invalid_transition"):   # never back
        conn.execute(event, (ids["case"], "updated", "reported"))
    conn.execute(event, (ids["case"], "closed", "closed"))
    with pytest.raises(sqlite3.IntegrityError, match="case_closed|invalid_transition"):   # closed is closed
        conn.execute(event, (ids["case"], "updated", "closed"))
    conn.close()
    # what the forger could insert is still not history: rows RiskDesk did not write have no entry
    result = verify_file(path)
    assert [p.code for p in result.problems] == ["record_unchained"] * 3
    assert {p.detail["entity"] for p in result.problems} == {"limit_proposal_withdrawal", "case_event"}


def test_the_store_compares_os_accounts_too(tmp_path):
    with Store.open(tmp_path / "h.sqlite3", os_user="wangfang") as s:
        s.create_limit_set("集团限额", "王芳")
        pid = s.create_proposal("集团限额", s.load_snapshot(s.save_snapshot(small_group(), "王芳")).limits,
                                "王芳", "调整", "2025-07-01")
        s.require_distinct_accounts = True
        s.record_user_name("王芳", "李雷")                                # the rename trick of the issue
        with pytest.raises(StoreError) as e:
            s.decide(pid, "李雷", "approve")
        assert e.value.code == "same_person" and e.value.detail["os_user"] == "wangfang"
        s.os_user = "lilei"
        assert s.decide(pid, "李雷", "approve").decision == "approve"
        renamed = s.list_journal(entity="user")
        assert [(j.action, j.payload["from"], j.payload["to"]) for j in renamed] == [("user.renamed", "王芳", "李雷")]
        assert s.verify().ok


# -- forgeries named by db verify ---------------------------------------------------------------------------

def test_a_rewritten_journal_row_is_named(history, capsys):
    path, _ = history
    conn = _forger(path)
    _without_triggers(conn, "journal", "INSERT OR REPLACE INTO journal SELECT id, action, entity, entity_id, payload, "
                                       "created_at, 'mallory' FROM journal WHERE id = 7")
    conn.close()
    status, out = _verify(path, capsys=capsys)
    assert status == 1
    assert f"chain entry {_entry(path, 'journal', 7)} (journal entry 7): the record is not as it was written" in out


def test_a_rewritten_case_event_is_named(history, capsys):
    path, ids = history
    conn = _forger(path)
    eid = conn.execute("SELECT id FROM case_event WHERE case_id = ?", (ids["case"],)).fetchone()[0]
    _without_triggers(conn, "case_event", "INSERT OR REPLACE INTO case_event SELECT id, case_id, action, evaluation_id, "
                      "state, 'forged', ratio, exposure, cause, analysis, mitigation_plan, owner, due_date, major_event, "
                      "comment, changes_json, created_at, created_by FROM case_event WHERE id = ?", (eid,))
    conn.close()
    status, out = _verify(path, capsys=capsys)
    assert status == 1 and f"(breach-case event {eid}): the record is not as it was written" in out


def test_a_rewritten_exposure_is_named_by_its_snapshot(history, capsys):
    path, ids = history
    conn = _forger(path)
    _without_triggers(conn, "snapshot_block", "INSERT OR REPLACE INTO snapshot_block SELECT "
                      "snapshot_id, part, block, n_rows, codec, CAST(data || x'00' AS BLOB) "
                      "FROM snapshot_block WHERE snapshot_id = ? AND part = 1 AND block = 0", (ids["snapshot"],))
    conn.close()
    status, out = _verify(path, capsys=capsys)
    seq = _entry(path, "snapshot", ids["snapshot"])
    assert status == 1 and f"chain entry {seq} (data snapshot {ids['snapshot']}): the record is not as it was" in out


@pytest.mark.parametrize("how", ["drop", "edit", "recreate_other"])
def test_a_dropped_or_edited_trigger_is_named(history, capsys, how):
    path, ids = history
    conn = _forger(path)
    conn.execute("DROP TRIGGER case_event_no_update")
    if how == "edit":
        conn.execute("CREATE TRIGGER case_event_no_update BEFORE UPDATE ON case_event WHEN 0 "
                     "BEGIN SELECT RAISE(ABORT, 'immutable'); END")
    if how == "recreate_other":
        conn.execute("CREATE TRIGGER case_event_quiet BEFORE UPDATE ON case_event WHEN 0 BEGIN SELECT 1; END")
    conn.close()
    status, out = _verify(path, capsys=capsys)
    assert status == 1
    expected = {"drop": "trigger case_event_no_update (on case_event) is missing",
                "edit": "trigger case_event_no_update (on case_event) is not as RiskDesk created it",
                "recreate_other": "trigger case_event_no_update (on case_event) is missing"}[how]
    assert expected in out
    if how == "recreate_other":
        assert "the trigger case_event_quiet (on case_event) was not created by RiskDesk" in out


def test_every_trigger_dropped_is_noticed(history):
    path, _ = history
    conn = _forger(path)
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")]
    for name in names:
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.close()
    missing = [p.detail["name"] for p in verify_file(path).problems if p.code == "object_missing"]
    assert sorted(missing) == sorted(names) and len(names) > 49


def test_the_last_journal_row_deleted_with_triggers_off_is_named(history, capsys):
    path, _ = history
    conn = _forger(path)
    last = conn.execute("SELECT max(id) FROM journal").fetchone()[0]
    _without_triggers(conn, "journal", "DELETE FROM journal WHERE id = ?", (last,))
    conn.close()
    status, out = _verify(path, capsys=capsys)
    assert status == 1 and f"(journal entry {last}): the record is gone" in out


def test_a_damaged_page_is_reported_not_raised(history, capsys):
    path, _ = history
    with Store.open(path) as s:             # checkpoint: every page in the main file
        s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for n in range(2, len(data) // page, 3):          # the header of every third b-tree page
        data[n * page:n * page + 12] = b"\x0d\xff\xff\xff\xff\x00\x00\x00\x00\x00\x00\x00"
    path.write_bytes(bytes(data))
    status, out = _verify(path, capsys=capsys)
    assert status in (1, 2) and "does NOT verify" in out
    try:
        with Store.open(path, read_only=True) as s:
            assert isinstance(s.integrity_check(), list) and s.integrity_check()
    except StoreError as err:                          # or refused at opening, with a code, not a traceback
        assert err.code in ("not_a_database", "unreadable")


# -- anchoring: the head printed on a report -------------------------------------------------------------------

def _recompute_chain(conn: sqlite3.Connection) -> None:
    """A forger who knows the scheme: rebuild every entry from the records as they now are."""
    for name in ("chain_no_delete", "chain_no_update", "chain_no_replace"):
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.execute("DELETE FROM chain")
    conn.execute("BEGIN")
    chain.append(conn, chain.unchained_records(conn), "wangfang")
    conn.execute("COMMIT")
    for name in ("chain_no_delete", "chain_no_update", "chain_no_replace"):
        conn.execute(_trigger_sql(name))


def _report(path: Path, tmp_path: Path) -> tuple[str, int]:
    from reports.service import generate_report

    with Store.open(path) as s:
        rec = generate_report(s, "semiannual", "2024H2", tmp_path / "board.pdf", user="王芳")
        head = s.list_reports()[0].chain_head
        assert head == rec.params["chain_head"] and chain.contains(s.conn, head)
        return head, rec.id


@pytest.fixture(scope="module")
def reported_template(template, tmp_path_factory):
    """The template with its 2024H2 board report made and recorded, once for the module (a render is about
    a second of CPU): the database, its ids, the head printed on the report, the report's id, the PDF."""
    path, ids = template
    d = tmp_path_factory.mktemp("tamper-report")
    copy = d / "reported.sqlite3"
    shutil.copy(path, copy)
    head, rid = _report(copy, d)
    return copy, ids, head, rid, d / "board.pdf"


@pytest.fixture
def reported(reported_template, tmp_path):
    """A private copy of `reported_template`'s database, for one test to forge or change."""
    path, ids, head, rid, pdf = reported_template
    copy = tmp_path / "history.sqlite3"
    shutil.copy(path, copy)
    return copy, ids, head, rid, pdf


def test_a_recomputed_chain_is_caught_by_a_reports_head(reported, capsys):
    path, ids, head, _, _ = reported
    conn = _forger(path)
    eid = conn.execute("SELECT id FROM case_event WHERE case_id = ?", (ids["case"],)).fetchone()[0]
    _without_triggers(conn, "case_event", "UPDATE case_event SET status = 'forged' WHERE id = ?", (eid,))
    _recompute_chain(conn)
    conn.close()
    result = verify_file(path)
    assert [p.code for p in result.problems] == ["report_head_missing"]
    status, out = _verify(path, capsys=capsys)
    assert status == 1 and f"chain head {head[:16]}, which is no longer in the chain" in out
    # a forger who also rewrites the recorded heads is caught by the head on the paper copy
    conn = _forger(path)
    _without_triggers(conn, "report", "UPDATE report SET chain_head = NULL")
    _recompute_chain(conn)
    conn.close()
    assert main(["db", "verify", str(path)]) == 0
    capsys.readouterr()
    status, out = _verify(path, "--head", head[:16], capsys=capsys)
    assert status == 1 and f"the chain head {head[:16]} is not in the chain" in out


def test_a_head_from_paper_verifies_while_the_history_is_intact(reported, capsys):
    path, _, head, _, _ = reported
    with Store.open(path) as s:
        s.save_text("semiannual_conclusions", "2025H1", "后来的修订。", "王芳")
    status, out = _verify(path, "--head", head[:16], capsys=capsys)
    assert status == 0, out
    status, _ = _verify(path, "--head", "0123456789abcdef", capsys=capsys)
    assert status == 1


def test_the_head_is_printed_and_regenerating_prints_the_pinned_one(reported, tmp_path):
    from reports.service import regenerate

    path, _, head, rid, pdf = reported
    with Store.open(path) as s:
        s.save_text("semiannual_conclusions", "2025H1", "后来的修订。", "王芳")
        assert s.chain_head(for_report=True) != head
        again = regenerate(s, rid, tmp_path / "again.pdf")
    assert again.sha256 == s_sha(pdf)


def s_sha(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_footer_prints_the_short_head():
    from reports.pdf.document import PdfRenderer

    class Canvas:
        def __init__(self):
            self.texts = []

        def __getattr__(self, name):
            return lambda *a, **k: self.texts.append(a[-1]) if name.startswith("draw") else None

    canv = Canvas()
    r = PdfRenderer(chain_head="ab" * 32)
    r.pagesize = (595, 842)
    r.draw_footer(canv, 1, 3)
    assert "链头 " + "ab" * 8 in canv.texts and "第 1 页 共 3 页" in canv.texts


# -- busy, read-only, full ------------------------------------------------------------------------------------

def test_busy_database_gives_up_cleanly(history, capsys):
    path, _ = history
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with Store.open(path, busy_timeout_ms=200) as s:
            with pytest.raises(StoreError) as e:
                s.save_text("semiannual_conclusions", "2025H1", "x", "王芳")
            assert e.value.code == "busy"
    finally:
        other.execute("ROLLBACK")
        other.close()
    from wording.store import store_error_sentence
    assert "gave up" in store_error_sentence("busy", {"path": str(path)}, "en")
    assert "放弃" in store_error_sentence("busy", {"path": str(path)}, "zh")


def test_read_only_opening_views_and_refuses_writes(history, monkeypatch):
    path, _ = history
    with Store.open(path, read_only=True) as s:
        assert s.read_only and s.list_snapshots() and s.verify().ok
        with pytest.raises(StoreError) as e:
            s.save_text("semiannual_conclusions", "2025H1", "x", "王芳")
        assert e.value.code == "read_only"
    monkeypatch.setattr(store_base, "_writable", lambda p: False)      # read-only media
    with Store.open(path) as s:
        assert s.read_only and s.list_cases()


def test_sqlite_failures_are_classified():
    c = store_base.classify
    assert c(sqlite3.OperationalError("database or disk is full")).code == "disk_full"
    assert c(sqlite3.OperationalError("attempt to write a readonly database")).code == "read_only"
    assert c(sqlite3.OperationalError("database is locked")).code == "busy"
    assert c(sqlite3.OperationalError("disk I/O error")).code == "unreadable"
    assert c(sqlite3.IntegrityError("immutable")) is None
