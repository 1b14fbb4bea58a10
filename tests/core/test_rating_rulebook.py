"""Rulebook files: the shipped ones load and carry a source for every number; broken ones are refused."""
import hashlib
import tomllib
from decimal import Decimal as D

import pytest

from core.problems import InputError
from core.rating.rulebook import RULEBOOK_DIR, SOURCE_TAGS, available_rulebooks, load_rulebook, load_rulebook_file

LIFE = RULEBOOK_DIR / "life-2024.toml"
UNIFIED = RULEBOOK_DIR / "unified-2025.toml"


def test_both_rulebooks_are_available():
    ids = {(i.id, i.version) for i in available_rulebooks()}
    assert {("life-2024", "2024.1"), ("unified-2025", "2025.1")} <= ids


def test_life_2024_contents():
    rb = load_rulebook("life-2024")
    assert rb.issuing_doc == "金规〔2024〕4号" and rb.deadline == "04-30" and rb.deadline_source == "article"
    assert {d.key: d.weight for d in rb.dimensions} == {
        "governance": D("0.22"), "business": D("0.14"), "investment": D("0.22"), "alm": D("0.14"),
        "solvency": D("0.14"), "other": D("0.14")}
    assert [i.id for i in rb.dimension("business").items] == [
        "compliance", "structure", "protection", "quality", "cost", "personnel", "reserves"]
    assert all(sum(i.weight for i in d.items) == 1 for d in rb.dimensions)
    u3 = rb.rule("U3")
    assert u3.params["premium_to_net_assets_max"] == 5 and u3.params["growth_max"] == D("0.40")
    assert u3.params["industry_growth_margin"] == "none"
    assert rb.rule("U4").params["related_party_to_net_assets_max"] == D("0.30")
    assert [r.id for r in rb.rules] == ["U1", "U2", "U3", "U4", "U5", "M1", "M2", "M3", "M4", "M5", "M6", "M7", "S"]
    assert rb.levels == ("1", "2", "3", "4", "5") and rb.override_level == "S"
    assert rb.sha256 == hashlib.sha256(LIFE.read_bytes()).hexdigest()


def test_unified_2025_contents():
    rb = load_rulebook("unified-2025")
    assert rb.deadline == "03-31" and rb.esg_bonus_cap is None
    assert rb.levels == ("1", "2A", "2B", "2C", "3A", "3B", "4A", "4B", "5")
    floors = {d.key: d.floor for d in rb.dimensions}
    assert floors == {"governance": D("0.15"), "solvency": D("0.15"), "liabilities": D("0.10"),
                      "assets": D("0.10"), "it": D("0.10"), "risk_management": D("0.10"),
                      "operations": D("0.05"), "consumer_protection": D("0.05"), "other": D("0")}
    assert rb.weights is None and rb.brackets is None and rb.composite_bands is None
    assert {r.id: r.to_level for r in rb.rules if r.kind == "cap"}["M1"] == "4A"
    assert rb.type_specific_max == D("0.15") and rb.reinsurer_may_drop == ("consumer_protection",)


@pytest.mark.parametrize("path", [LIFE, UNIFIED])
def test_every_number_has_a_source_tag(path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))

    def walk(node, where):
        if isinstance(node, dict):
            has_number = any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in node.values())
            if has_number:
                assert node.get("source") in SOURCE_TAGS, f"{path.name} {where}: number without source"
            for k, v in node.items():
                if k.endswith("_source"):
                    assert v in SOURCE_TAGS
                walk(v, f"{where}.{k}")
        elif isinstance(node, list):
            for n, v in enumerate(node):
                walk(v, f"{where}[{n}]")

    walk({k: v for k, v in data.items() if k not in ("levels",)}, "")


def test_unknown_rulebook():
    with pytest.raises(InputError) as e:
        load_rulebook("life-2023")
    assert e.value.problems[0].code == "unknown_rulebook"
    with pytest.raises(InputError) as e:
        load_rulebook("life-2024", "9.9")
    assert e.value.problems[0].code == "unknown_rulebook_version"


def _broken(tmp_path, old, new, source=LIFE, count=1):
    text = source.read_text(encoding="utf-8")
    assert old in text, old
    p = tmp_path / "broken.toml"
    p.write_text(text.replace(old, new, count), encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_rulebook_file(p)
    return [(x.code, x.column) for x in e.value.problems], e.value.problems


def test_rejects_weights_not_summing_to_100_percent(tmp_path):
    got, probs = _broken(tmp_path, "weight = 0.22\n", "weight = 0.23\n")
    assert got == [("weights_sum_not_one", "dimensions")]
    assert probs[0].file.endswith("broken.toml") and probs[0].detail["total"] == D("1.01")


def test_rejects_sub_weights_not_summing_to_1(tmp_path):
    got, _ = _broken(tmp_path, 'name_en = "Shareholding", weight = 0.5', 'name_en = "Shareholding", weight = 0.4')
    assert got == [("item_weights_sum_not_one", "dimensions.governance.items")]


def test_an_unchanged_copy_loads(tmp_path):
    """The rejection tests below change one thing each: the untouched file must load from anywhere."""
    p = tmp_path / "copy.toml"
    p.write_bytes(LIFE.read_bytes())
    assert load_rulebook_file(p).sha256 == load_rulebook("life-2024").sha256


def test_rejects_bad_source_tag(tmp_path):
    got, _ = _broken(tmp_path, 'cap = 2\nsource = "judgement"', 'cap = 2\nsource = "rumour"')
    assert got == [("rulebook_bad_source", "esg_bonus.source")]


def test_rejects_missing_source(tmp_path):
    got, _ = _broken(tmp_path, 'cap = 2\nsource = "judgement"', 'cap = 2')
    assert got == [("rulebook_missing_source", "esg_bonus.source")]


def test_rejects_a_gap_in_composite_bands(tmp_path):
    got, _ = _broken(tmp_path, 'level = "2"\ngt = 75\nle = 80', 'level = "2"\ngt = 75\nlt = 80')
    assert got == [("rulebook_band_gap", "composite_bands.1")]


def test_rejects_an_overlap_in_composite_bands(tmp_path):
    got, _ = _broken(tmp_path, 'level = "2"\ngt = 75\nle = 80', 'level = "2"\ngt = 74\nle = 80')
    assert ("rulebook_band_overlap", "composite_bands.3") in got or ("rulebook_band_overlap", "composite_bands.2") in got


def test_rejects_risk_bands_that_leave_scores_uncovered(tmp_path):
    got, _ = _broken(tmp_path, 'level = "high"\nle = 60', 'level = "high"\nle = 59')
    assert got == [("rulebook_band_gap", "risk_bands.medium")]


def test_rejects_duplicate_ids(tmp_path):
    got, _ = _broken(tmp_path, 'id = "U2"', 'id = "U1"')
    assert ("rulebook_duplicate_key", "rules.U1.id") in got
    got, _ = _broken(tmp_path, 'key = "alm"', 'key = "business"')
    assert ("rulebook_duplicate_key", "dimensions.business.key") in got


def test_rejects_unknown_rule_test_and_missing_parameter(tmp_path):
    got, _ = _broken(tmp_path, 'test = "related_party_concentration"', 'test = "vibes"')
    assert ("unknown_choice", "rules.U4.test") in got
    got, _ = _broken(tmp_path, "growth_max = 0.40 ", "growth_maximum = 0.40 ")
    assert ("missing_field", "rules.U3.growth_max") in got


def test_rejects_broken_toml(tmp_path):
    got, probs = _broken(tmp_path, 'id = "life-2024"', 'id = "life-2024')
    assert got == [("broken_toml", None)] and "line" in probs[0].detail["reason"]


def test_reports_all_problems_at_once(tmp_path):
    text = LIFE.read_text(encoding="utf-8").replace("weight = 0.22\n", "weight = 0.23\n", 1)
    text = text.replace('cap = 2\nsource = "judgement"', 'cap = 2\nsource = "rumour"')
    p = tmp_path / "two.toml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_rulebook_file(p)
    assert {x.code for x in e.value.problems} == {"weights_sum_not_one", "rulebook_bad_source"}


def _unified_with(tmp_path, extra):
    p = tmp_path / "u.toml"
    p.write_text(UNIFIED.read_text(encoding="utf-8").replace('version = "2025.1"', 'version = "2025.1-x"') + extra,
                 encoding="utf-8")
    return p


def test_unified_file_with_officer_weights_and_brackets_loads(tmp_path):
    p = _unified_with(tmp_path, """
[weights]
governance = 0.2
solvency = 0.2
liabilities = 0.1
assets = 0.15
it = 0.1
risk_management = 0.1
operations = 0.1
consumer_protection = 0.05

[brackets]
"1" = 90
"2A" = 85
"2B" = 80
"2C" = 75
"3A" = 70
"3B" = 65
"4A" = 60
"4B" = 50
"5" = 0
""")
    rb = load_rulebook_file(p)
    assert rb.fixed_weights()["governance"] == D("0.2")
    assert [b.level for b in rb.composite_bands][0] == "1"


def test_unified_file_with_weights_breaking_a_floor_is_refused(tmp_path):
    p = _unified_with(tmp_path, """
[weights]
governance = 0.1
solvency = 0.25
liabilities = 0.1
assets = 0.15
it = 0.1
risk_management = 0.1
operations = 0.15
consumer_protection = 0.05
""")
    with pytest.raises(InputError) as e:
        load_rulebook_file(p)
    assert [(x.code, x.column) for x in e.value.problems] == [("weight_below_floor", "weights.governance")]


def test_unified_file_with_gapped_brackets_is_refused(tmp_path):
    p = _unified_with(tmp_path, """
[brackets]
"1" = 90
"2A" = 85
"2B" = 86
"2C" = 75
"3A" = 70
"3B" = 65
"4A" = 60
"4B" = 50
"5" = 10
""")
    with pytest.raises(InputError) as e:
        load_rulebook_file(p)
    got = {(x.code, x.column) for x in e.value.problems}
    assert got == {("brackets_not_descending", "brackets.2A"), ("brackets_leave_gap_below", "brackets.5")}


def test_unified_floors_that_cannot_all_be_met_are_refused(tmp_path):
    got, _ = _broken(tmp_path, "floor = 0.15", "floor = 0.45", source=UNIFIED)
    assert got == [("rulebook_floors_exceed_one", "dimensions")]


def test_unified_file_with_esg_is_refused(tmp_path):
    got, _ = _broken(tmp_path, "[unified]", '[esg_bonus]\ncap = 1\nsource = "judgement"\n\n[unified]', source=UNIFIED)
    assert got == [("rulebook_esg_not_allowed", "esg_bonus")]


# ----------------------------------------- rounding convention, scope, per-level measure sources, source texts

@pytest.mark.parametrize("old, new, expected", [
    ('score_rounding = "none"', 'score_rounding = "up"', [("unknown_choice", "score_rounding")]),
    ('score_rounding_source = "judgement"\n', "", [("rulebook_missing_source", "score_rounding_source")]),
    ('applies_to = ["life", "health"]', 'applies_to = ["life", "bank"]', [("unknown_choice", "applies_to")]),
    ('applies_to = ["life", "health"]', 'applies_to = "life"', [("wrong_type", "applies_to")]),
    ('applies_to_source = "news"\n', "", [("rulebook_missing_source", "applies_to_source")]),
    ('sources = { "1" = "news", "2" = "news", "S" = "news" }', 'sources = { "1" = "press" }',
     [("rulebook_bad_source", "measures.sources.1")]),
    ('sources = { "1" = "news", "2" = "news", "S" = "news" }', 'sources = { "9" = "news" }',
     [("unknown_choice", "measures.sources.9")]),
    ('bonus_source = "article"', 'bonus_source = "rumour"', [("rulebook_bad_source", "esg_bonus.bonus_source")]),
    ('article = "行业文章', 'gossip = "行业文章', [("rulebook_bad_source", "sources.gossip")]),
])
def test_new_rulebook_fields_are_validated(tmp_path, old, new, expected):
    got, _ = _broken(tmp_path, old, new)
    assert got == expected


def test_a_rulebook_without_the_new_fields_bands_exactly_and_applies_to_everyone(tmp_path):
    text = LIFE.read_text(encoding="utf-8")
    for line in ('score_rounding = "none"\n', 'score_rounding_source = "judgement"\n',
                 'applies_to = ["life", "health"]\n', 'applies_to_source = "news"\n'):
        assert line in text
        text = text.replace(line, "", 1)
    p = tmp_path / "plain.toml"
    p.write_text(text, encoding="utf-8")
    rb = load_rulebook_file(p)
    assert rb.score_rounding == "none" and rb.applies_to is None and rb.in_scope("pc")


def test_superseded_versions_are_kept_byte_identical_and_round_as_they_did():
    """An assessment saved under a released version records that file's SHA-256: the superseded files must
    stay byte-identical (or every old assessment would say its rulebook changed), and they band on values
    rounded half-up to two decimals, as the engine did when they were current."""
    released = {("life-2024", "2024.1"): "84f8b77ffac0", ("unified-2025", "2025.1"): "73e2483ab549"}
    for (rid, version), sha_prefix in released.items():
        rb = load_rulebook(rid, version)
        assert rb.sha256.startswith(sha_prefix), rb.path
        assert rb.score_rounding == "half_up_2"
    assert load_rulebook("life-2024").score_rounding == "none"
