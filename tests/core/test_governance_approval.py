"""Limit approval by senior management (guideline Art 8(三)), on a store holding the small example group:
a lead-department user cannot approve, a senior-management user can approve another's proposal but not
their own; a database with no role declared decides as before and the decision says it was not
role-checked; the refusal reads as a sentence."""
from __future__ import annotations

import pytest

from core.concentration.importer import read_group_data
from core.concentration.snapshots import preview_import, store_snapshot
from core.store import Store, StoreError
from core.whatif import governance as gov
from core.whatif.errors import WhatIfError
from tests.conftest import EXAMPLES
from tests.core.test_store_support import FakeClock
from wording.governance import refusal_sentence

SMALL = EXAMPLES / "small-group"


@pytest.fixture
def store():
    s = Store.create_in_memory(clock=FakeClock())
    store_snapshot(s, preview_import(SMALL), None)
    return s


@pytest.fixture(scope="module")
def data():
    return read_group_data(SMALL)


def _declare(store):
    store.set_role("alice", "lead_department", "alice")
    store.set_role("carol", "lead_department", "alice")
    store.set_role("bob", "senior_management", "alice")
    store.set_role("dora", "senior_management", "alice")


def test_a_lead_department_user_cannot_approve_or_reject(store, data):
    _declare(store)
    pid = gov.proposal_from_import(store, data, "alice", "first catalogue")
    for decide in (gov.approve, gov.reject):
        with pytest.raises(WhatIfError) as err:
            decide(store, pid, "carol", "ok")
        assert err.value.code == "not_senior_management" and err.value.detail["user"] == "carol"
    assert store.get_proposal(pid).status == "pending" and store.list_versions() == []
    assert "高级管理层" in refusal_sentence(err.value.code, err.value.detail, "zh")
    assert "senior-management role" in refusal_sentence(err.value.code, err.value.detail, "en")


def test_a_senior_management_user_approves_anothers_proposal_not_their_own(store, data):
    _declare(store)
    pid = gov.proposal_from_import(store, data, "alice", "first catalogue")
    d = gov.approve(store, pid, "bob", "同意")
    assert d.version_id is not None and store.get_proposal(pid).status == "approved"
    assert "roles" not in (d.evaluation or {})
    own = store.create_proposal(store.list_limit_sets()[0].id, data.limits, "dora", "again", "2025-07-01",
                                base_version_id=d.version_id)
    with pytest.raises(StoreError) as err:
        gov.approve(store, own, "Dora ", "自己批")                     # senior management, but the maker
    assert err.value.code == "same_person"
    assert gov.approve(store, own, "bob").version_id is not None


def test_a_revoked_role_no_longer_approves(store, data):
    _declare(store)
    store.set_role("bob", "senior_management", "alice", granted=False, reason="离任")
    pid = gov.proposal_from_import(store, data, "alice", "first catalogue")
    with pytest.raises(WhatIfError):
        gov.approve(store, pid, "bob")


def test_without_any_role_declared_a_decision_is_as_before_and_says_so(store, data):
    pid = gov.proposal_from_import(store, data, "alice", "first catalogue")
    d = gov.approve(store, pid, "bob", "ok")
    assert d.version_id is not None
    assert store.get_proposal(pid).decision.evaluation["roles"] == "roles_not_declared"
