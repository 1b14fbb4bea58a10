"""Connected counterparty groups: parent chains, labels, exempt counterparties, the group key."""
import numpy as np

from core.concentration.aggregate import build_aggregates
from core.concentration.groups import components
from tests.core.engine_helpers import YUAN, cp, data, ex, totals


def _group_keys(cps):
    agg = build_aggregates(data(cps, [ex("E0", 1, cps[0]["counterparty_id"])]))
    t = agg.counterparties.set_index("counterparty_id")["group_key"]
    return t.to_dict()


def test_components_long_chain_and_labels():
    n = 1000
    perm = np.random.default_rng(1).permutation(n)     # a chain through scrambled node numbers
    lab = components(n, perm[np.arange(1, n)], perm[np.arange(0, n - 1)])
    assert (lab == 0).all()
    assert components(3, np.array([], dtype=int), np.array([], dtype=int)).tolist() == [0, 1, 2]
    two = components(6, np.array([5, 3, 4]), np.array([3, 1, 0]))
    assert two.tolist() == [0, 1, 2, 1, 0, 1]


def test_parent_chain_groups_and_key_is_smallest_root():
    # Z is the ultimate parent; A is a child: the key is Z (A has a parent), not the smallest id A
    keys = _group_keys([cp("Z"), cp("A", parent="M"), cp("M", parent="Z"), cp("B")])
    assert keys["A"] == keys["M"] == keys["Z"] == "Z"
    assert keys["B"] == "B"


def test_label_links_and_key_among_parentless():
    # two parentless companies sharing a label: key = smaller id in code-point order ("B" < "a")
    keys = _group_keys([cp("a", label="L"), cp("B", label="L"), cp("C", parent="a")])
    assert keys["a"] == keys["B"] == keys["C"] == "B"


def test_exempt_counterparty_links_nothing():
    keys = _group_keys([cp("GOV", exempt=True, label="STATE"), cp("SOE1", parent="GOV"),
                        cp("SOE2", parent="GOV"), cp("X", label="STATE"), cp("Y", label="STATE")])
    assert keys["SOE1"] == "SOE1" and keys["SOE2"] == "SOE2"   # not one group through the state
    assert keys["GOV"] == "GOV"
    assert keys["X"] == keys["Y"] == "X"                        # the label still links the others
    # a child of an exempt parent counts as having no parent: it can be its group's key
    keys = _group_keys([cp("GOV", exempt=True), cp("SOE1", parent="GOV"), cp("A", parent="SOE1")])
    assert keys["A"] == "SOE1"


def test_exempt_group_excluded_from_group_limit_sums_but_counted_in_totals():
    cps = [cp("GOV", exempt=True), cp("SOE", parent="GOV"), cp("BANK"), cp("SUB", parent="BANK")]
    exps = [ex("E1", 50, "GOV"), ex("E2", 20, "SOE"), ex("E3", 10, "BANK"), ex("E4", 5, "SUB")]
    agg = build_aggregates(data(cps, exps))
    assert totals(agg, "group", "counterparty_group") == {"GOV": 50 * YUAN, "SOE": 20 * YUAN, "BANK": 15 * YUAN}
    s = agg.sums
    g = s[(s["scope"] == "group") & (s["dimension"] == "counterparty_group")]
    assert dict(zip(g["key"], g["countable_fen"])) == {"GOV": 0, "SOE": 20 * YUAN, "BANK": 15 * YUAN}
