"""Reports and withdrawn snapshots: "the latest stored snapshot whose as-of date falls in the period" skips a
snapshot withdrawn as imported by mistake; a report made before the withdrawal is regenerated as it was."""
from __future__ import annotations

from datetime import date

import pytest

from core.concentration.snapshots import import_snapshot
from core.demo import demo_snapshot_dirs
from core.periods import parse_period
from reports.builders.common import Pins, ReportError, current_pins, previous_view, resolve_snapshot
from reports.service import generate_report, regenerate
from tests.reports.report_store import OFFICER, bare_store


@pytest.fixture(scope="module")
def made(tmp_path_factory, bare_db_master):
    d = tmp_path_factory.mktemp("withdrawn")
    store = bare_store(d / "db.sqlite3", bare_db_master)
    old, good = [s.id for s in sorted(store.list_snapshots(), key=lambda s: s.as_of)]
    wrong = import_snapshot(store, demo_snapshot_dirs()[-1], OFFICER).snapshot_id     # the same half-year again
    yield store, old, good, wrong, d
    store.close()


def _intro(doc) -> str:
    return " ".join(getattr(b, "text", "") or "" for s in doc.sections for b in s.blocks)


def test_the_period_snapshot_skips_a_withdrawn_one_and_pins_keep_old_reports(made):
    store, old, good, wrong, d = made
    h1, q2 = parse_period("2025H1"), parse_period("2025Q2")
    assert resolve_snapshot(store, h1).id == wrong
    before = generate_report(store, "quarterly", "2025Q2", d / "before.pdf", user=OFFICER)
    assert before.snapshot_id == wrong and f"数据快照编号 {wrong}）" in _intro(before.document)
    assert before.params["pins"]["withdrawal"] == 0
    pins_before = current_pins(store, "2025Q2")

    w = store.withdraw_snapshot(wrong, OFFICER, "重复导入")
    assert resolve_snapshot(store, h1).id == good
    assert resolve_snapshot(store, q2, current_pins(store, "2025Q2")).id == good
    assert current_pins(store, "2025Q2").withdrawal == w.id
    # within the pins of a report made before the withdrawal, the withdrawn snapshot was still the one
    assert resolve_snapshot(store, q2, pins_before).id == wrong
    after = generate_report(store, "quarterly", "2025Q2", d / "after.pdf", user=OFFICER)
    assert after.snapshot_id == good and f"数据快照编号 {good}）" in _intro(after.document)
    again = regenerate(store, before.id, d / "again.pdf")
    assert again.sha256 == before.sha256 and f"数据快照编号 {wrong}）" in _intro(again.document)
    # the previous period's snapshot (semiannual comparison) skips withdrawn ones too
    h2 = parse_period("2025H2")

    class View:  # previous_view only needs the current snapshot's id
        class info:
            id = -1
    prev = previous_view(store, View, h2, current_pins(store, "2025H2"))
    assert prev is not None and prev.info.id == good


def test_params_recorded_before_withdrawals_existed_saw_none():
    assert Pins.from_json({"evaluation": 5}).withdrawal == 0
    assert Pins.from_json({"evaluation": 5, "withdrawal": 3}).withdrawal == 3
    assert Pins.from_json(None).withdrawal is None


def test_a_period_whose_only_snapshot_is_withdrawn_has_none(tmp_path, bare_db_master):
    store = bare_store(tmp_path / "db.sqlite3", bare_db_master)
    try:
        old = min(store.list_snapshots(), key=lambda s: s.as_of)
        assert old.as_of == date(2024, 12, 31)
        store.withdraw_snapshot(old.id, OFFICER, "wrong")
        with pytest.raises(ReportError) as e:
            resolve_snapshot(store, parse_period("2024H2"))
        assert e.value.code == "no_snapshot"
        with pytest.raises(ReportError) as e:
            generate_report(store, "quarterly", "2024Q4", tmp_path / "q.pdf", user=OFFICER)
        assert e.value.code == "no_snapshot"
    finally:
        store.close()


def test_a_snapshot_imported_into_the_period_later_does_not_change_an_old_report(tmp_path, bare_db_master):
    store = bare_store(tmp_path / "db.sqlite3", bare_db_master)
    try:
        first = generate_report(store, "quarterly", "2025Q2", tmp_path / "first.pdf", user=OFFICER)
        assert first.params["pins"]["snapshot"] == first.snapshot_id
        later = import_snapshot(store, demo_snapshot_dirs()[-1], OFFICER).snapshot_id  # a re-import, same as-of
        assert later > first.snapshot_id
        again = regenerate(store, first.id, tmp_path / "again.pdf")
        assert again.sha256 == first.sha256 and f"数据快照编号 {first.snapshot_id}）" in _intro(again.document)
        now = generate_report(store, "quarterly", "2025Q2", tmp_path / "now.pdf", user=OFFICER)
        assert now.snapshot_id == later                                  # a new report reads the newest
    finally:
        store.close()
