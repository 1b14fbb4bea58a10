"""A seeded synthetic group data folder for benchmarks (not a test fixture: large by default).

    python benchmarks/synthetic_group.py OUT_DIR [--exposures 1000000] [--counterparties 200000] [--seed 7]

Writes group.csv, members.csv, counterparties.csv, exposures.csv and limits.csv (docs/interfaces.md, "Group
data folder") with:
- counterparties with parent chains (each parent has a smaller number, so no cycles), shared connected
  labels, a few exempt ones (whose children then stand alone), related parties, and one counterparty per
  member (group_member) so that intra-group elimination has work to do;
- exposures: about 10% of the rows are underlyings of look-through products, about a tenth of those
  nested one or two levels further; products cover 70-100% of their amount, some products have no
  counterparty (their remainder goes to UNKNOWN); tranches share instrument ids; some exemption flags;
- about 100 limits over every exposure dimension, group and member scopes, each-key / `*` / single keys,
  member allocations of group limits and an `equity_solvency_tier` rule.
Amounts are whole yuan with fen (two decimals). Everything is drawn from one numpy Generator(seed).
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

MEMBERS = [("LIFE", "life", "2.10"), ("PC", "pc", "1.80"), ("RE", "reinsurance", "2.60"), ("AM", "asset_mgmt", "")]
ASSET_CLASSES = np.array(["liquidity", "fixed_income", "equity", "real_estate", "other_financial"], dtype=object)


def _ids(prefix: str, n: int, width: int = 7) -> np.ndarray:
    return np.char.add(prefix, np.char.zfill(np.arange(1, n + 1).astype(str), width)).astype(object)


def _money(fen: np.ndarray) -> np.ndarray:
    """fen → 'yuan.ff' text, vectorised."""
    fen = np.asarray(fen, dtype=np.int64)
    yuan = (fen // 100).astype(str)
    cents = np.char.zfill((fen % 100).astype(str), 2)
    return np.char.add(np.char.add(yuan, "."), cents)


def generate(out: Path, n_exposures: int = 1_000_000, n_counterparties: int = 200_000, seed: int = 7) -> dict:
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    nc = n_counterparties

    # ---- counterparties ---------------------------------------------------------------------------
    cid = _ids("C", nc)
    has_parent = rng.random(nc) < 0.45
    has_parent[:1000] = False                                   # the first 1000 are ultimate parents
    offs = rng.integers(1, 1000, nc)
    parent_idx = np.maximum(np.arange(nc) - offs, 0)
    parent = np.where(has_parent & (np.arange(nc) > 0), cid[parent_idx], "")
    labelled = rng.random(nc) < 0.05
    label = np.where(labelled, np.char.add("LBL", rng.integers(0, 3000, nc).astype(str)).astype(object), "")
    industries = np.array([f"{c}{i:02d}" for c in "ABCDEFGHIJKLMNOPQRS" for i in range(1, 5)], dtype=object)
    regions = np.array([f"CN-{i:02d}" for i in range(31)] + ["US", "HK", "GB", "SG", "DE"], dtype=object)
    exempt = np.zeros(nc, dtype=bool)
    exempt[rng.choice(1000, 30, replace=False)] = True          # a few state-like roots
    related = rng.random(nc) < 0.01
    group_member = np.full(nc, "", dtype=object)
    member_cps = rng.choice(np.arange(1000, nc), len(MEMBERS), replace=False)
    for (mid, _, _), i in zip(MEMBERS, member_cps):
        group_member[i] = mid
        related[i] = True
    cps = pd.DataFrame({"counterparty_id": cid, "name": np.char.add("公司", cid.astype(str)), "parent_id": parent,
                        "connected_label": label, "industry": industries[rng.integers(0, len(industries), nc)],
                        "region": regions[rng.integers(0, len(regions), nc)],
                        "related_party": np.where(related, "true", "false"),
                        "exempt": np.where(exempt, "true", "false"), "group_member": group_member})
    cps.to_csv(out / "counterparties.csv", index=False)

    # ---- exposures --------------------------------------------------------------------------------
    n_under = n_exposures // 10
    n_l2 = n_under // 10                        # underlyings of underlyings
    n_l3 = n_l2 // 5                            # and one more level
    n_l1 = n_under - n_l2 - n_l3
    n_hold = n_exposures - n_under
    n_products = max(n_l1 // 5, 1)             # ~5 underlyings per product
    eid = _ids("E", n_exposures, 8)
    member_ids = np.array([m[0] for m in MEMBERS], dtype=object)
    h_member = member_ids[rng.choice(len(MEMBERS), n_hold, p=[0.6, 0.25, 0.1, 0.05])]
    # level sizes and parents (positions): holdings [0, n_hold), then l1, l2, l3
    l1_parent = rng.integers(0, n_products, n_l1)                     # products are holdings 0..n_products-1
    l2_parent = n_hold + rng.integers(0, n_l1, n_l2)
    l3_parent = n_hold + n_l1 + rng.integers(0, n_l2, n_l3)
    parent_pos = np.concatenate([np.full(n_hold, -1), l1_parent, l2_parent, l3_parent])
    # amounts bottom-up so that underlyings never exceed their holding: leaf amounts first
    fen = np.rint(np.exp(rng.normal(15.5, 1.6, n_exposures))).astype(np.int64) * 100 + rng.integers(0, 100, n_exposures)
    cover = rng.uniform(1.0, 1.45, n_exposures)                       # a parent is 100-145% of its children
    for lo, hi in ((n_hold + n_l1 + n_l2, n_exposures), (n_hold + n_l1, n_hold + n_l1 + n_l2), (n_hold, n_hold + n_l1)):
        kids = np.arange(lo, hi)
        sums = np.bincount(parent_pos[kids], weights=fen[kids].astype(float), minlength=n_exposures)
        has = sums > 0
        fen[has] = np.maximum(fen[has], np.ceil(sums[has] * cover[has]).astype(np.int64))
    member = np.concatenate([h_member, np.full(n_under, "", dtype=object)])
    cp_idx = np.minimum(rng.zipf(1.3, n_exposures) - 1, nc - 1)     # a few counterparties get a lot
    cp_idx = np.where(rng.random(n_exposures) < 0.5, cp_idx, rng.integers(0, nc, n_exposures))
    cpcol = cid[cp_idx].astype(object)
    intra = rng.random(n_exposures) < 0.003
    cpcol[intra] = cid[member_cps[rng.integers(0, len(MEMBERS), int(intra.sum()))]]
    no_cp = np.zeros(n_exposures, dtype=bool)
    no_cp[:n_products] = rng.random(n_products) < 0.2                # some products without a counterparty
    cpcol[no_cp] = ""
    instr = np.char.add("I", (np.arange(n_exposures) * 0.9).astype(np.int64).astype(str)).astype(object)
    instr[:n_products] = np.char.add("P", np.arange(n_products).astype(str)).astype(object)
    aclass = ASSET_CLASSES[rng.choice(5, n_exposures, p=[0.05, 0.55, 0.2, 0.08, 0.12])]
    aclass[:n_products] = "other_financial"
    pid = np.where(parent_pos >= 0, eid[np.maximum(parent_pos, 0)], "").astype(object)
    exps = pd.DataFrame({
        "exposure_id": eid, "member_id": member, "counterparty_id": cpcol, "instrument_id": instr,
        "asset_class": aclass, "overseas": np.where(rng.random(n_exposures) < 0.05, "true", "false"),
        "on_balance": np.where(rng.random(n_exposures) < 0.97, "true", "false"), "amount": _money(fen),
        "parent_exposure_id": pid,
        "exempt_single_asset": np.where(rng.random(n_exposures) < 0.02, "true", ""),
        "exempt_counterparty": np.where(rng.random(n_exposures) < 0.01, "true", ""),
    })
    exps.to_csv(out / "exposures.csv", index=False)

    # ---- members and group -------------------------------------------------------------------------
    held = pd.Series(fen[:n_hold]).groupby(h_member).sum()
    rows = []
    for mid, kind, sr in MEMBERS:
        total = int(held.get(mid, 0) * 1.3) + 100
        rows.append({"member_id": mid, "name": mid, "kind": kind, "total_assets": _money([total])[0],
                     "net_assets": _money([total // 10])[0], "solvency_ratio": sr})
    pd.DataFrame(rows).to_csv(out / "members.csv", index=False)
    group_total = int(fen[:n_hold].sum() * 1.3)
    pd.DataFrame([{"name": "合成保险集团", "as_of": "2025-06-30", "total_assets": _money([group_total])[0],
                   "net_assets": _money([group_total // 10])[0], "solvency_ratio": "2.20"}]).to_csv(
        out / "group.csv", index=False)

    # ---- limits ------------------------------------------------------------------------------------
    lim = []

    def add(dim, scope, key, basis, w, li, parent="", rule=""):
        lim.append({"limit_id": f"L{len(lim) + 1:03d}", "name": f"{dim} {scope} {key or 'each'}",
                    "dimension": dim, "scope": scope, "key": key, "basis": basis, "warning": w, "limit": li,
                    "parent_limit_id": parent, "rule": rule})
        return lim[-1]["limit_id"]

    scopes = ["group"] + [m[0] for m in MEMBERS]
    for sc in scopes:
        add("single_asset", sc, "", "total_assets", "0.0004", "0.0005")
        add("counterparty", sc, "", "total_assets", "0.004", "0.005")
        add("counterparty_group", sc, "", "total_assets", "0.008", "0.01")
        add("related_party", sc, "*", "net_assets", "0.2", "0.3")
        add("related_party", sc, "", "net_assets", "0.01", "0.02")
        add("overseas", sc, "overseas", "total_assets", "0.1", "0.15")
        add("industry", sc, "", "total_assets", "0.03", "0.05")
        add("region", sc, "", "total_assets", "0.05", "0.08")
        for ac, (w, li) in zip(["equity", "real_estate", "other_financial"], [("0.2", "0.3"), ("0.2", "0.3"), ("0.2", "0.25")]):
            add("asset_class", sc, ac, "total_assets", w, li)
        add("asset_class", sc, "", "total_assets", "0.5", "0.6")
        add("counterparty", sc, "UNKNOWN", "total_assets", "0.001", "0.002")
    for ind in industries[:12]:
        gid = add("industry", "group", ind, "total_assets", "0.015", "0.02")
        for mid, _, _ in MEMBERS[:2]:
            add("industry", mid, ind, "total_assets", "0.015", "0.025", parent=gid)
    for k in cid[:10]:
        add("counterparty_group", "group", k, "total_assets", "0.005", "0.01")
    for mid, _, _sr in MEMBERS[:3]:
        add("asset_class", mid, "equity", "total_assets", "", "", rule="equity_solvency_tier")
    pd.DataFrame(lim).to_csv(out / "limits.csv", index=False)
    return {"exposures": n_exposures, "holdings": n_hold, "underlyings": n_under, "products": n_products,
            "counterparties": nc, "limits": len(lim), "members": len(MEMBERS)}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path)
    p.add_argument("--exposures", type=int, default=1_000_000)
    p.add_argument("--counterparties", type=int, default=200_000)
    p.add_argument("--seed", type=int, default=7)
    a = p.parse_args(argv)
    info = generate(a.out, a.exposures, a.counterparties, a.seed)
    print(info)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
