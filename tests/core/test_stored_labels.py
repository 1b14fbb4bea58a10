"""An evaluation carries what its screens show (issue 15): the import's evaluation and a re-evaluation after an
approval record, with the result, the names of the keys it shows (the single assets' issuers, the heads of
the counterparty groups, the counterparties' names: core.concentration.snapshots.LABELS), so that opening
the stored snapshot reads neither its holdings nor its counterparties; an evaluation recorded before they
were opens exactly as it did, from the snapshot's rows."""
from __future__ import annotations

import dataclasses
import shutil

import pytest

from core.concentration import snapshots as snaps
from core.concentration.importer import read_group_data
from core.concentration.snapshots import open_stored, preview_import, store_snapshot
from core.services.evaluations import governing_evaluation
from core.services.limits import approve_and_reevaluate
from core.store import Store
from core.whatif import governance as gov
from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "small-group"


def _headed_example(tmp_path):
    """small-group with the bank's group joined by a label to a company whose id sorts first: the group's
    key is A0 (no exposure of its own), headed by BANK1 (a head other than the key, to be recorded)."""
    folder = tmp_path / "headed"
    shutil.copytree(EXAMPLE, folder)
    cps = folder / "counterparties.csv"
    lines = cps.read_text(encoding="utf-8").splitlines()
    lines = [line.replace("BANK1,某国有大型商业银行,,,", "BANK1,某国有大型商业银行,,B-LINK,") for line in lines]
    lines.append("A0,某银行合作方有限公司,,B-LINK,J66,CN-BJ,false,false,")
    cps.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def folder(tmp_path):
    return _headed_example(tmp_path)


@pytest.fixture
def store(tmp_path, folder):
    s = Store.open(tmp_path / "h.sqlite")
    store_snapshot(s, preview_import(folder), "tester", source=str(folder))
    yield s
    s.close()


def _without_labels(record):
    """The evaluation as a history written before the labels were recorded has it."""
    return dataclasses.replace(record, result={k: v for k, v in record.result.items() if k != snaps.LABELS})


def _no_row_reads(store, monkeypatch):
    """Any read of the holdings, the counterparty links or the exposure rows fails the test."""
    for name in ("exposure_issuers", "counterparty_links", "holding_pairs", "load_snapshot"):
        monkeypatch.setattr(type(store), name, lambda *a, _n=name, **k: pytest.fail(f"{_n} called"))
    monkeypatch.setattr(type(store), "load_snapshot_parts",
                        _guarded_parts(type(store).load_snapshot_parts))


def _guarded_parts(real):
    def parts(self, snapshot_id, names=("members", "counterparties", "limits"), columns=None):
        assert "counterparties" not in names and "exposures" not in names, names
        return real(self, snapshot_id, names, columns)
    return parts


def _same_opening(a, b) -> None:
    assert a.issuers == b.issuers and a.names == b.names and a.heads == b.heads
    assert a.evaluation.results.equals(b.evaluation.results) and a.evaluation.flagged.equals(b.evaluation.flagged)
    assert a.indices.equals(b.indices) and a.scopes == b.scopes and a.n_exposures == b.n_exposures
    assert a.n_counterparties == b.n_counterparties


def test_the_import_records_the_labels_and_the_opening_reads_no_row(store, monkeypatch):
    sid = store.list_snapshots()[0].id
    record = governing_evaluation(store, sid)
    labels = record.result[snaps.LABELS]
    # recorded from the data as the snapshot's rows give them back
    assert labels == snaps.labels_from_store(store, sid, record.result)
    assert labels["heads"] == {"A0": ["BANK1", 3]}               # the group shown under its head
    assert labels["names"]["BANK1"] == "某国有大型商业银行"
    shown = snaps.shown_keys(record.result)
    assert shown["single_asset"] and set(labels["issuers"]) == shown["single_asset"]
    # bounded by the keys shown: never every counterparty of the snapshot
    named = set(labels["issuers"].values()) | {h for h, _ in labels["heads"].values()}
    for dim in ("counterparty", "counterparty_group", "related_party", "customer", "reinsurer"):
        named |= shown.get(dim, set())
    assert set(labels["names"]) <= named
    assert len(labels["names"]) < store.get_snapshot_info(sid).n_counterparties
    before = open_stored(store, sid, _without_labels(record))         # the way a history of before opens
    assert before.counterparties is not None and len(before.counterparties) == before.n_counterparties
    _no_row_reads(store, monkeypatch)
    opened = open_stored(store, sid, record)
    assert opened.counterparties is None
    _same_opening(opened, before)


def test_an_evaluation_recorded_without_labels_opens_as_before(store, monkeypatch):
    """A history written before: the names come from the snapshot's rows, the same as a labelled one's."""
    sid = store.list_snapshots()[0].id
    record = _without_labels(governing_evaluation(store, sid))
    calls = []
    real = type(store).counterparty_links
    monkeypatch.setattr(type(store), "counterparty_links", lambda self, i: (calls.append(i), real(self, i))[1])
    opened = open_stored(store, sid, record)
    assert calls == [sid] and opened.counterparties is not None
    assert opened.heads == {"A0": ("BANK1", 3)} and opened.names["BANK1"] == "某国有大型商业银行"
    assert opened.issuers == {k: store.exposure_issuers(sid)[k] for k in opened.issuers}
    assert set(opened.issuers) == snaps.shown_keys(record.result)["single_asset"]


def test_labels_from_the_data_are_those_the_stored_rows_give(folder):
    """Both sources of the labels, on the data of a plain and of a headed example."""
    for source in (EXAMPLE, folder):
        s = Store.create_in_memory()
        preview = preview_import(source)
        out = store_snapshot(s, preview, None)
        doc = {k: v for k, v in out.result_json.items() if k != snaps.LABELS}
        assert snaps.labels_from_data(doc, preview.data) == snaps.labels_from_store(s, out.snapshot_id, doc)
        assert out.result_json[snaps.LABELS] == snaps.labels_from_data(doc, preview.data)


def test_a_re_evaluation_after_an_approval_records_them_too(store, folder, monkeypatch):
    sid = store.list_snapshots()[0].id
    imported = governing_evaluation(store, sid)
    pid = gov.proposal_from_import(store, read_group_data(folder), "alice", "first catalogue")
    # the same limits approved show the same keys: the labels come from the import's record, no row read
    with monkeypatch.context() as m:
        m.setattr(type(store), "counterparty_links", lambda *a: pytest.fail("links read"))
        m.setattr(type(store), "exposure_issuers", lambda *a: pytest.fail("holdings read"))
        out = approve_and_reevaluate(store, pid, "bob", "ok")
    record = governing_evaluation(store, sid)
    assert record.id == out.evaluation_id != imported.id
    assert record.result[snaps.LABELS] == snaps.labels_from_store(store, sid, record.result)
    assert record.result[snaps.LABELS]["heads"] == {"A0": ["BANK1", 3]}


def test_a_re_evaluation_showing_other_keys_reads_their_labels_from_the_snapshot(store):
    """Keys the import's evaluation did not show (another single asset, a counterparty) are read back."""
    sid = store.list_snapshots()[0].id
    doc = governing_evaluation(store, sid).result
    every = store.exposure_issuers(sid)
    other = sorted(set(every) - snaps.shown_keys(doc).get("single_asset", set()))[0]
    extra = {"limit_id": "X", "dimension": "single_asset", "key": other, "flagged": []}
    more = {**{k: v for k, v in doc.items() if k != snaps.LABELS}, "limits": [*doc["limits"], extra]}
    labels = snaps.labels_for_reevaluation(store, sid, more)
    assert labels == snaps.labels_from_store(store, sid, more)
    assert labels["issuers"][other] == every[other] and every[other] in labels["names"]
