"""The concentration screens and the breach register name a connected group after the company that heads it
("DEVHOLD 等 4 家"; the key stays DEV3, as the contract says); premium by region is a dimension of its own."""
from __future__ import annotations

from core.concentration.engine import evaluate
from tests.core.engine_helpers import cp, data, ex


def _view():
    from ui.concentration.models import build_view

    cps = [cp("DEV3", label="DEVLINK"), cp("DEVHOLD"), cp("DEV5", parent="DEVHOLD", label="DEVLINK"),
           cp("DEV9", parent="DEV5"), cp("AAA"), cp("BBB", parent="AAA")]
    d = data(cps, [ex("E1", 10, "DEV9", member="M1"), ex("E2", 5, "BBB", member="M1")])
    d.counterparties.loc[d.counterparties["counterparty_id"] == "DEVHOLD", "name"] = "德文控股集团"
    return build_view(d, evaluate(d))


def test_a_group_is_shown_under_its_head_in_both_languages(qtbot):
    from ui.common import i18n

    view = _view()
    keys = list(view.block("group", "counterparty_group")[0])
    assert keys == ["DEV3", "AAA"]                                          # the keys are the contract's
    assert view.key_name("counterparty_group", "DEV3") == "德文控股集团 等 4 家"
    assert view.key_name("counterparty_group", "AAA") == "AAA"              # headed by its key: its own name
    assert view.key_name("counterparty", "DEV3") == "DEV3"                 # a counterparty is itself
    i18n.set_language("en")
    try:
        assert view.key_name("counterparty_group", "DEV3") == "德文控股集团 and 3 others"
    finally:
        i18n.set_language("zh_CN")


def test_premium_by_region_is_a_business_dimension_of_the_screens(qtbot):
    from ui.concentration import models

    assert "premium_region" in models.DIMENSION_ORDER and "premium_region" in models.BUSINESS
    assert models.label(models.DIMENSION_LABELS, "premium_region") == "保费地域"
    assert _view().key_name("premium_region", "CN-GD") == "广东"


def test_the_breach_register_names_a_group_case_after_its_head(qtbot):
    from core.concentration.groups import group_heads
    from ui.breaches.models import LimitInfo, RegisterData
    from ui.common import i18n

    cps = _view().data.counterparties
    data = RegisterData(limits={"G01": LimitInfo("G01", "单一交易对手集团", "counterparty_group", "group"),
                                "G02": LimitInfo("G02", "单一交易对手", "counterparty", "group")},
                        names=dict(zip(cps["counterparty_id"], cps["name"])), heads=group_heads(cps))
    assert data.key_name("G01", "DEV3") == "德文控股集团 等 4 家"
    assert data.key_name("G02", "DEV3") == "DEV3"
    i18n.set_language("en")
    try:
        assert data.key_name("G01", "DEV3") == "德文控股集团 and 3 others"
    finally:
        i18n.set_language("zh_CN")
