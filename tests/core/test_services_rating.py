"""core.services.rating: one decoder of stored rating inputs (screen and report agree), rate, compare."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest

from core.problems import InputError
from core.rating.engine import assessment_record
from core.rating.inputs import read_rating_file
from core.rating.rulebook import load_rulebook
from core.services import rating as service
from core.store import Store
from tests.conftest import EXAMPLES
from tests.core.test_store_support import FakeClock

TYPICAL = EXAMPLES / "rating" / "life-typical.json"


def _stored(tmp_path, patch_facts: dict):
    """Read an input file as `rate` does, with some facts replaced (numbers written as the JSON text
    given, e.g. "1.2e11"), and save it as the GUI and the demo do."""
    doc = json.loads(TYPICAL.read_text(encoding="utf-8"))
    for k in patch_facts:
        doc["facts"][k] = f"@{k}@"
    text = json.dumps(doc, ensure_ascii=False)
    for k, v in patch_facts.items():
        text = text.replace(f'"@{k}@"', v)
    path = tmp_path / "input.json"
    path.write_text(text, encoding="utf-8")
    inp = read_rating_file(path)
    rb = load_rulebook(inp.rulebook_id, inp.rulebook_version)
    a = service.rate(inp.to_json_dict(exact=True), rb).assessment
    store = Store.create_in_memory(clock=FakeClock())
    aid = store.save_assessment("self", "示例人寿", "2025", rb.id, rb.version, rb.sha256,
                                inp.to_json_dict(exact=True), assessment_record(a), "alice")
    return store.get_assessment(aid), a


def test_a_net_assets_in_exponent_form_is_stored_as_decimal_text_and_read_back(tmp_path):
    record, a = _stored(tmp_path, {"net_assets": "1.2e11"})
    assert record.input["facts"]["net_assets"] == "1.2E+11"        # what str(Decimal) writes
    rated = service.rate_record(record)
    assert rated.input.facts["net_assets"] == Decimal("1.2E+11")
    assert rated.assessment.final_level == a.final_level
    assert rated.assessment.composite_score == a.composite_score


def test_the_rating_screen_and_the_rating_report_decode_a_stored_input_alike(tmp_path):
    from reports.builders.rating import _rate, _stored_input
    from ui.rating.draft import stored_input_data

    record, a = _stored(tmp_path, {"net_assets": "1.2e11", "core_solvency_ratio": "1.45"})
    assert stored_input_data(record.input) == _stored_input(record.input) == service.decode_stored_input(record.input)
    assert _rate(record)[1].final_level == a.final_level


def test_decoding_leaves_text_to_the_parser_which_names_the_field():
    data = {"rulebook": "life-2024", "dimension_scores": {"governance": "88.5", "business": "8E+1"},
            "facts": {"irr_class": "A", "net_assets": "lots"}, "flags": {"U3": True}}
    out = service.decode_stored_input(data)
    assert out["dimension_scores"] == {"governance": Decimal("88.5"), "business": Decimal("80")}
    assert out["facts"]["irr_class"] == "A"            # the text fact stays text
    assert out["facts"]["net_assets"] == "lots"        # not a number: refused by parse_rating_input, by field
    assert out["flags"] == {"U3": True}
    assert service.decode_stored_input({"facts": {"net_assets": 0.1}})["facts"]["net_assets"] == Decimal("0.1")
    with pytest.raises(InputError) as e:
        service.rate(out, load_rulebook("life-2024"))
    assert any("net_assets" in str(p.column) for p in e.value.problems)


def test_compare_under_another_rulebook_fits_the_input_to_it(tmp_path):
    record, _a = _stored(tmp_path, {})
    data = service.decode_stored_input(record.input)
    own = service.rate_record(record, improve=False)
    same = service.compare_under(data, own.rulebook)
    assert same.assessment.final_level == own.assessment.final_level and same.improvement is None
    fitted = service.input_for_rulebook({**data, "flags": {"NOT_A_RULE": True}, "weights": {"x": Decimal(1)}},
                                        own.rulebook)
    assert "rulebook" not in fitted and fitted["flags"] == {}
    if own.rulebook.scheme != "unified":
        assert "weights" not in fitted
