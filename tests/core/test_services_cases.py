"""core.services.cases: the moves the register offers are exactly those the store accepts."""
from __future__ import annotations

import itertools

import pytest

from core.services import cases as service
from core.store import cases as store_cases


def test_the_service_and_the_store_share_one_state_order():
    assert service.STATES == store_cases.STATES
    assert service.STATE_RANK == store_cases._RANK
    assert service.CAUSES == store_cases.CAUSES and service.ACTIVE == store_cases.ACTIVE


@pytest.mark.parametrize("current,new", list(itertools.product(service.STATES, service.STATES)))
def test_can_move_is_the_forward_only_rule(current, new):
    expected = current != "closed" and new != current and store_cases._RANK[new] >= store_cases._RANK[current]
    assert service.can_move(current, new) is expected


def test_offered_moves():
    assert service.next_states("open") == ["reported", "approved", "mitigating", "closed"]
    assert service.next_states("reported") == ["approved", "mitigating", "closed"]
    assert service.next_states("approved") == ["reported", "mitigating", "closed"]
    assert service.next_states("closed") == [] and service.next_states("unknown") == []
