"""Stress scenarios of concentration (guideline Art. 19): defined as data, run on one snapshot.

Scenarios live in TOML (`resources/stress/default-scenarios.toml` documents the format); `load_scenarios`
validates a file and reports every problem as `InputProblem` (field paths like `scenario[2].shock[1].lgd`,
1-based). `run_scenario(data, scenario, limits)` returns a `StressResult`:

How a loss is taken (all in integer fen, each loss rounded half-up):
- look-through shocks (counterparty-group default, industry, region) hit the look-through leaves whose
  counterparty qualifies: loss = rate × the leaf's amount (an underlying, or a holding's uncovered
  remainder); the leaf and every holding above it shrink by that loss (the product is worth that much less).
- holding shocks (equity fall, asset class) hit holdings as held: loss = rate × holding; its underlyings
  shrink pro rata (floor, as a sale does), so look-through still keeps the total.
- shocks of one scenario apply one after the other to what is left.
- the member bearing a loss is the holding's member; it reduces that member's total and net assets. The
  group's loss is the sum over what is not eliminated at group level (a loss on an exposure to another
  member of the group is that member's creditor's loss, not the group's: intra-group elimination, as in
  the consolidated figures; for a holding shock, the part of a product's loss that falls on look-through
  amounts of group members); it reduces the group's total and net assets. Nothing is counted twice.
- comprehensive solvency after = (actual capital − loss) / minimum capital, from the optional
  actual_capital / minimum_capital columns; not computable (a code) when either is absent or the minimum
  is not positive. A rule-derived limit (equity tier) uses the stressed ratio where it is computable.
- limits are re-evaluated on the stressed exposures (aggregates rebuilt) with the stressed bases.

`StressResult.to_json()` is JSON-able; `save_stress_result` stores it as an evaluation of the snapshot with
limit_set_ref {"stress": scenario_id}.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from core.concentration import limits as _limits
from core.concentration.aggregate import Aggregates, build_aggregates
from core.concentration.model import ASSET_CLASSES, GROUP_SCOPE, UNKNOWN, GroupData
from core.problems import InputError, InputProblem

SCENARIO_DIR = Path(__file__).resolve().parents[2] / "resources" / "stress"
DEFAULT_SCENARIOS = SCENARIO_DIR / "default-scenarios.toml"

DEFAULT, INDUSTRY, REGION, EQUITY_FALL, ASSET_CLASS = (
    "counterparty_group_default", "industry", "region", "equity_fall", "asset_class")
KINDS = (DEFAULT, INDUSTRY, REGION, EQUITY_FALL, ASSET_CLASS)
LOOK_THROUGH_KINDS = (DEFAULT, INDUSTRY, REGION)
_FIELDS = {
    DEFAULT: {"kind", "top_n", "groups", "lgd", "include_unknown"},
    INDUSTRY: {"kind", "keys", "loss_rate"},
    REGION: {"kind", "keys", "loss_rate"},
    EQUITY_FALL: {"kind", "loss_rate"},
    ASSET_CLASS: {"kind", "classes", "loss_rate"},
}
NOT_COMPUTABLE = "no_capital_figures"      # solvency after: actual or minimum capital not given (or minimum ≤ 0)


# ==================================================================================================
# scenarios as data


@dataclass(frozen=True)
class Shock:
    kind: str
    rate: Decimal                          # lgd or loss_rate
    top_n: int | None = None               # counterparty_group_default
    groups: tuple[str, ...] = ()           # counterparty_group_default by group key
    keys: tuple[str, ...] = ()             # industry / region codes
    classes: tuple[str, ...] = ()          # asset_class (equity_fall: ("equity",))
    include_unknown: bool = False

    def to_json(self) -> dict:
        out: dict[str, Any] = {"kind": self.kind, "rate": str(self.rate)}
        for name in ("top_n", "groups", "keys", "classes"):
            v = getattr(self, name)
            if v:
                out[name] = list(v) if isinstance(v, tuple) else v
        if self.include_unknown:
            out["include_unknown"] = True
        return out


@dataclass(frozen=True)
class Scenario:
    id: str
    name: str
    shocks: tuple[Shock, ...]
    name_en: str | None = None
    description: str | None = None

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "name_en": self.name_en, "description": self.description,
                "shocks": [s.to_json() for s in self.shocks]}


def _rate(v: Any, path: str, P: list, file: str | None) -> Decimal | None:
    if isinstance(v, bool) or not isinstance(v, (int, Decimal, float)):
        P.append(InputProblem("wrong_type", file=file, column=path, value=v, detail={"expected": "a number"}))
        return None
    d = v if isinstance(v, Decimal) else Decimal(str(v))
    if not d.is_finite() or d < 0 or d > 1:
        P.append(InputProblem("out_of_range", file=file, column=path, value=str(v), detail={"min": 0, "max": 1}))
        return None
    return d


def _texts(v: Any, path: str, P: list, file: str | None, allowed: tuple[str, ...] | None = None) -> tuple[str, ...]:
    if not isinstance(v, list) or not v or not all(isinstance(x, str) and x.strip() for x in v):
        P.append(InputProblem("wrong_type", file=file, column=path, value=v,
                              detail={"expected": "a non-empty list of codes"}))
        return ()
    out = tuple(x.strip() for x in v)
    if allowed is not None:
        for x in out:
            if x not in allowed:
                P.append(InputProblem("unknown_choice", file=file, column=path, value=x,
                                      detail={"choices": ", ".join(allowed)}))
    return out


def _shock(raw: Any, path: str, P: list, file: str | None) -> Shock | None:
    if not isinstance(raw, dict):
        P.append(InputProblem("wrong_type", file=file, column=path, value=raw, detail={"expected": "a table"}))
        return None
    kind = raw.get("kind")
    if kind is None:
        P.append(InputProblem("missing_field", file=file, column=f"{path}.kind"))
        return None
    if kind not in KINDS:
        P.append(InputProblem("unknown_choice", file=file, column=f"{path}.kind", value=kind,
                              detail={"choices": ", ".join(KINDS)}))
        return None
    n0 = len(P)
    for k in raw:
        if k not in _FIELDS[kind]:
            P.append(InputProblem("unknown_field", file=file, column=f"{path}.{k}", value=k))
    rate_name = "lgd" if kind == DEFAULT else "loss_rate"
    rate = None
    if rate_name not in raw:
        P.append(InputProblem("missing_field", file=file, column=f"{path}.{rate_name}"))
    else:
        rate = _rate(raw[rate_name], f"{path}.{rate_name}", P, file)
    top_n: int | None = None
    groups: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()
    unknown = False
    if kind == DEFAULT:
        has_n, has_g = "top_n" in raw, "groups" in raw
        if has_n == has_g:
            P.append(InputProblem("shock_needs_one_of", file=file, column=path, value=None,
                                  detail={"fields": "top_n, groups"}))
        if has_n:
            v = raw["top_n"]
            if isinstance(v, bool) or not isinstance(v, int) or v < 1:
                P.append(InputProblem("out_of_range", file=file, column=f"{path}.top_n", value=v,
                                      detail={"min": 1, "max": "∞"}))
            else:
                top_n = v
        if has_g:
            groups = _texts(raw["groups"], f"{path}.groups", P, file)
        u = raw.get("include_unknown", False)
        if not isinstance(u, bool):
            P.append(InputProblem("wrong_type", file=file, column=f"{path}.include_unknown", value=u,
                                  detail={"expected": "true or false"}))
        unknown = bool(u) if isinstance(u, bool) else False
    elif kind in (INDUSTRY, REGION):
        if "keys" not in raw:
            P.append(InputProblem("missing_field", file=file, column=f"{path}.keys"))
        else:
            keys = _texts(raw["keys"], f"{path}.keys", P, file)
    elif kind == ASSET_CLASS:
        if "classes" not in raw:
            P.append(InputProblem("missing_field", file=file, column=f"{path}.classes"))
        else:
            classes = _texts(raw["classes"], f"{path}.classes", P, file, ASSET_CLASSES)
    else:
        classes = ("equity",)
    if len(P) > n0 or rate is None:   # (no rate without a problem on record)
        return None
    return Shock(kind, rate, top_n, groups, keys, classes, unknown)


def parse_scenarios(doc: Any, file: str | None = None) -> list[Scenario]:
    """Scenarios from a parsed TOML document; raises InputError with every problem."""
    P: list[InputProblem] = []
    if not isinstance(doc, dict):
        raise InputError([InputProblem("wrong_type", file=file, value=doc, detail={"expected": "a table"})])
    for k in doc:
        if k not in ("version", "scenario"):
            P.append(InputProblem("unknown_field", file=file, column=k, value=k))
    raw = doc.get("scenario")
    if not isinstance(raw, list) or not raw:
        P.append(InputProblem("missing_field", file=file, column="scenario"))
        raise InputError(P)
    out: list[Scenario] = []
    seen: dict[str, int] = {}
    for i, sc in enumerate(raw, start=1):
        path = f"scenario[{i}]"
        if not isinstance(sc, dict):
            P.append(InputProblem("wrong_type", file=file, column=path, value=sc, detail={"expected": "a table"}))
            continue
        n0 = len(P)
        for k in sc:
            if k not in ("id", "name", "name_en", "description", "shock"):
                P.append(InputProblem("unknown_field", file=file, column=f"{path}.{k}", value=k))
        sid = sc.get("id")
        if not isinstance(sid, str) or not sid.strip():
            P.append(InputProblem("missing_field" if sid is None else "wrong_type", file=file, column=f"{path}.id",
                                  value=sid, detail={"expected": "text"}))
        elif sid in seen:
            P.append(InputProblem("duplicate_id", file=file, column=f"{path}.id", value=sid,
                                  detail={"first_row": seen[sid]}))
        else:
            seen[sid] = i
        name = sc.get("name")
        if not isinstance(name, str) or not name.strip():
            P.append(InputProblem("missing_field" if name is None else "wrong_type", file=file,
                                  column=f"{path}.name", value=name, detail={"expected": "text"}))
        for opt in ("name_en", "description"):
            if opt in sc and not isinstance(sc[opt], str):
                P.append(InputProblem("wrong_type", file=file, column=f"{path}.{opt}", value=sc[opt],
                                      detail={"expected": "text"}))
        shocks_raw = sc.get("shock")
        if not isinstance(shocks_raw, list) or not shocks_raw:
            P.append(InputProblem("empty_scenario", file=file, column=f"{path}.shock", value=sid))
            continue
        shocks = [_shock(s, f"{path}.shock[{j}]", P, file) for j, s in enumerate(shocks_raw, start=1)]
        if len(P) == n0:   # then id and name are texts and every shock was read
            out.append(Scenario(str(sid).strip(), str(name).strip(), tuple(s for s in shocks if s is not None),
                                sc.get("name_en"), sc.get("description")))
    if any(p.is_error for p in P):
        raise InputError(P)
    return out


def load_scenarios(path: str | Path | None = None) -> list[Scenario]:
    """The scenarios of a TOML file (default: resources/stress/default-scenarios.toml)."""
    p = Path(path) if path is not None else DEFAULT_SCENARIOS
    file = p.name
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InputError([InputProblem("file_not_found", file=str(p))]) from None
    except OSError as exc:
        raise InputError([InputProblem("unreadable_file", file=file, detail={"reason": str(exc)})]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([InputProblem("bad_encoding", file=file)]) from None
    try:
        doc = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise InputError([InputProblem("broken_scenario_file", file=file, detail={"reason": str(exc)})]) from None
    return parse_scenarios(doc, file)


# ==================================================================================================
# results


@dataclass(frozen=True)
class ScopeOutcome:
    scope: str                              # "group" or a member id
    loss_fen: int
    total_assets_before_fen: int | None
    total_assets_after_fen: int | None
    net_assets_before_fen: int | None
    net_assets_after_fen: int | None
    actual_capital_fen: int | None
    minimum_capital_fen: int | None
    solvency_before: Decimal | None         # actual / minimum capital (None: not computable)
    solvency_after: Decimal | None
    solvency_problem: str | None            # NOT_COMPUTABLE when the capital figures are missing


@dataclass(frozen=True)
class ShockOutcome:
    shock: Shock
    hit: tuple[str, ...]                    # the group keys / codes / classes it hit
    loss_by_scope: dict[str, int]           # "group" and each member that lost something


@dataclass
class StressResult:
    scenario: Scenario
    as_of: Any
    scopes: tuple[ScopeOutcome, ...]        # group first, then members in members.csv order
    shocks: tuple[ShockOutcome, ...]
    row_losses: pd.DataFrame                # exposure_id, member_id, counterparty_id, shock (1-based), loss_fen,
    #                                         group_loss_fen (the part of it the group bears)
    limits_before: _limits.LimitEvaluation
    limits_after: _limits.LimitEvaluation
    stressed: GroupData | None = field(default=None, repr=False)

    def scope(self, scope: str) -> ScopeOutcome:
        for s in self.scopes:
            if s.scope == scope:
                return s
        raise KeyError(scope)

    @property
    def group_loss_fen(self) -> int:
        return self.scope(GROUP_SCOPE).loss_fen

    def limit_statuses(self) -> dict[str, tuple[str | None, str | None]]:
        b = dict(zip(self.limits_before.results["limit_id"], self.limits_before.results["status"]))
        a = dict(zip(self.limits_after.results["limit_id"], self.limits_after.results["status"]))
        return {k: (b.get(k), a.get(k)) for k in a}

    def to_json(self) -> dict:
        def y(v):
            return None if v is None else v / 100.0

        def dec(v):
            return None if v is None else float(v)

        def lim(r):
            return {"key": r["key"], "exposure": r["exposure_fen"] / 100.0, "basis_amount": y(r["basis_fen"]),
                    "ratio": r["ratio"], "status": r["status"]}

        before = {r["limit_id"]: r for r in self.limits_before.results.to_dict("records")}
        flagged: dict[str, list] = {}
        f = self.limits_after.flagged
        for lid, key, e, r, s in zip(f["limit_id"], f["key"], f["exposure_fen"], f["ratio"], f["status"]):
            flagged.setdefault(lid, []).append({"key": key, "exposure": int(e) / 100.0,
                                                "ratio": None if r != r else float(r), "status": s})
        return {
            "kind": "stress", "scenario": self.scenario.to_json(),
            "as_of": None if self.as_of is None else str(self.as_of),
            "group_loss": self.group_loss_fen / 100.0,
            "scopes": [{"scope": s.scope, "loss": s.loss_fen / 100.0,
                        "total_assets_before": y(s.total_assets_before_fen),
                        "total_assets_after": y(s.total_assets_after_fen),
                        "net_assets_before": y(s.net_assets_before_fen), "net_assets_after": y(s.net_assets_after_fen),
                        "actual_capital": y(s.actual_capital_fen), "minimum_capital": y(s.minimum_capital_fen),
                        "solvency_before": dec(s.solvency_before), "solvency_after": dec(s.solvency_after),
                        "solvency_problem": s.solvency_problem} for s in self.scopes],
            "shocks": [{**o.shock.to_json(), "hit": list(o.hit),
                        "loss_by_scope": {k: v / 100.0 for k, v in o.loss_by_scope.items()}} for o in self.shocks],
            "limits": [{"limit_id": r["limit_id"], "dimension": r["dimension"], "scope": r["scope"],
                        "before": lim(before[r["limit_id"]]) if r["limit_id"] in before else None,
                        "after": lim(r), "flagged_after": flagged.get(r["limit_id"], [])}
                       for r in self.limits_after.results.to_dict("records")],
            "summary": {"breach_before": int((self.limits_before.results["status"] == "breach").sum()),
                        "breach_after": int((self.limits_after.results["status"] == "breach").sum())},
        }


# ==================================================================================================
# running a scenario


def _ratio_parts(rate: Decimal) -> tuple[int, int]:
    num, den = rate.as_integer_ratio()
    return int(num), int(den)


def _take(amount: np.ndarray, rate: Decimal) -> np.ndarray:
    """round-half-up(rate × amount), exact (amount ≥ 0)."""
    num, den = _ratio_parts(rate)
    if not len(amount):
        return amount.astype(np.int64)
    if int(amount.max()) * num * 2 + den < 2 ** 62:
        return (amount * (2 * num) + den) // (2 * den)
    obj = amount.astype(object)
    return np.asarray((obj * (2 * num) + den) // (2 * den), dtype=np.int64)


def _residual(amt: np.ndarray, parent: np.ndarray) -> np.ndarray:
    kids = parent >= 0
    sums = np.zeros(len(amt), dtype=np.int64)
    np.add.at(sums, parent[kids], amt[kids])
    return amt - sums


def _propagate_up(amt: np.ndarray, loss: np.ndarray, parent: np.ndarray) -> None:
    """amt -= loss at the rows and at every ancestor of them (in place)."""
    amt -= loss
    carry = loss
    while True:
        idx = np.flatnonzero((carry != 0) & (parent >= 0))
        if not len(idx):
            return
        nxt = np.zeros(len(amt), dtype=np.int64)
        np.add.at(nxt, parent[idx], carry[idx])
        amt -= nxt
        carry = nxt


def _scale_down(amt: np.ndarray, holdings: np.ndarray, new_h: np.ndarray, root: np.ndarray,
                parent: np.ndarray) -> None:
    """Holdings to new amounts; their underlyings pro rata, floor (in place)."""
    old_h = amt[holdings].copy()
    factor_num = np.zeros(len(amt), dtype=object)
    factor_den = np.ones(len(amt), dtype=object)
    factor_num[holdings] = new_h.astype(object)
    factor_den[holdings] = np.where(old_h > 0, old_h, 1).astype(object)
    is_h = np.zeros(len(amt), dtype=bool)
    is_h[holdings] = True
    under = np.flatnonzero(is_h[root] & (parent >= 0))
    if len(under):
        r = root[under]
        amt[under] = np.asarray(amt[under].astype(object) * factor_num[r] // factor_den[r], dtype=np.int64)
    amt[holdings] = new_h


def _member_int(frame: pd.DataFrame, mid: str, col: str) -> int | None:
    if col not in frame.columns:
        return None
    v = frame.loc[frame["member_id"] == mid, col]
    if not len(v) or pd.isna(v.iloc[0]):
        return None
    return int(v.iloc[0])


def _solvency(actual: int | None, minimum: int | None, loss: int) -> tuple[Decimal | None, Decimal | None, str | None]:
    if actual is None or minimum is None or minimum <= 0:
        return None, None, NOT_COMPUTABLE
    return Decimal(actual) / Decimal(minimum), Decimal(actual - loss) / Decimal(minimum), None


def run_scenario(data: GroupData, scenario: Scenario, limits: pd.DataFrame | None = None,
                 agg: Aggregates | None = None, before: _limits.LimitEvaluation | None = None,
                 keep_stressed: bool = False) -> StressResult:
    """Run one scenario on a snapshot (its exposure rows are needed: look-through is re-done on the
    stressed amounts). `limits`: the governing set (default: the data's own)."""
    limits = data.limits if limits is None else limits
    agg = agg if agg is not None and agg.rows is not None else build_aggregates(data)
    before = before if before is not None else _limits.evaluate_limits(agg, limits)
    rows = agg.rows
    cpt = agg.counterparties
    if rows is None or cpt is None:   # build_aggregates keeps both: aggregates read back without them are rebuilt
        raise ValueError("a stress scenario needs the snapshot's exposure rows and counterparties")
    n = len(rows)
    parent = rows["parent_pos"].to_numpy(dtype=np.int64)
    root = rows["root_pos"].to_numpy(dtype=np.int64)
    member = rows["member"].to_numpy(dtype=np.int64)
    cp_code = rows["cp_code"].to_numpy(dtype=np.int64)
    # residuals (look-through amounts) count against this counterparty: a member-managed vehicle's
    # uncovered remainder is UNKNOWN's, not the member's (aggregate.residual_counterparty)
    res_cp = rows["lt_cp_code"].to_numpy(dtype=np.int64)
    holding = parent < 0
    ac_vocab = np.asarray(agg.asset_classes, dtype=object)
    ac_code = rows["asset_class"].to_numpy(dtype=np.int64)
    ac_of_row = np.where(ac_code >= 0, ac_vocab[np.maximum(ac_code, 0)] if len(ac_vocab) else None, None)
    cp_ids = cpt["counterparty_id"].to_numpy(dtype=object)
    gkey = cpt["group_key"].to_numpy(dtype=object)
    intra_cp = pd.notna(cpt["group_member"]).to_numpy()
    industry = cpt["industry"].to_numpy(dtype=object)
    region = cpt["region"].to_numpy(dtype=object)

    amt = data.exposures["amount_fen"].to_numpy(dtype=np.int64).copy()
    member_ids = list(agg.scopes[1:])
    outcomes = []
    records = []

    # the N largest counterparty groups are ranked once, on the data as given
    blk = agg.block(GROUP_SCOPE, "counterparty_group")
    ranked = []
    if blk is not None:
        keys = agg._keys[blk.start:blk.stop]
        cnt = agg._countable[blk.start:blk.stop]
        ranked = sorted(((str(k), int(c)) for k, c in zip(keys, cnt) if c > 0),   # exempt never qualifies
                        key=lambda kc: (-kc[1], kc[0]))

    for si, shock in enumerate(scenario.shocks, start=1):
        loss = np.zeros(n, dtype=np.int64)
        if shock.kind in LOOK_THROUGH_KINDS:
            if shock.kind == DEFAULT:
                if shock.groups:
                    hit = tuple(shock.groups)
                else:
                    cands = [k for k, _ in ranked if shock.include_unknown or k != UNKNOWN]
                    hit = tuple(cands[:shock.top_n])
                cp_hit = np.isin(gkey, np.asarray(hit, dtype=object)) & ~intra_cp
            elif shock.kind == INDUSTRY:
                hit = shock.keys
                cp_hit = np.isin(industry, np.asarray(hit, dtype=object))
            else:
                hit = shock.keys
                cp_hit = np.isin(region, np.asarray(hit, dtype=object))
            res = _residual(amt, parent)
            sel = np.flatnonzero(cp_hit[res_cp] & (res > 0))
            loss[sel] = _take(res[sel], shock.rate)
            group_part = np.where(intra_cp[res_cp], 0, loss)        # a loss on a member is eliminated
            _propagate_up(amt, loss, parent)
        else:
            hit = shock.classes
            sel = np.flatnonzero(holding & np.isin(ac_of_row, np.asarray(hit, dtype=object)) & (amt > 0))
            taken = _take(amt[sel], shock.rate)
            loss[sel] = taken
            res_before = _residual(amt, parent)
            _scale_down(amt, sel, amt[sel] - taken, root, parent)
            # what the group loses: the holding's loss less the part that fell on look-through amounts of
            # group members (eliminated); a holding without underlyings to a member is eliminated whole
            drop = np.where(intra_cp[res_cp], 0, res_before - _residual(amt, parent))
            group_part = np.zeros(n, dtype=np.int64)
            np.add.at(group_part, root, drop)
            group_part = np.where(loss != 0, group_part, 0)
        booked = np.flatnonzero(loss)
        per_scope: dict[str, int] = {}
        m_loss = pd.Series(loss[booked]).groupby(member[booked]).sum()
        for code, v in m_loss.items():
            per_scope[member_ids[int(code)]] = int(v)
        per_scope = {GROUP_SCOPE: int(group_part[booked].sum()), **per_scope}
        outcomes.append(ShockOutcome(shock, tuple(hit), per_scope))
        records.append(pd.DataFrame({"row": booked, "shock": si, "loss_fen": loss[booked],
                                     "group_loss_fen": group_part[booked]}))

    # losses by scope
    g = data.group
    total_group = sum(o.loss_by_scope.get(GROUP_SCOPE, 0) for o in outcomes)
    m_total = {m: sum(o.loss_by_scope.get(m, 0) for o in outcomes) for m in member_ids}
    scopes = []
    sb, sa, sp = _solvency(g.actual_capital_fen, g.minimum_capital_fen, total_group)
    scopes.append(ScopeOutcome(GROUP_SCOPE, total_group, g.total_assets_fen, g.total_assets_fen - total_group,
                               g.net_assets_fen, g.net_assets_fen - total_group, g.actual_capital_fen,
                               g.minimum_capital_fen, sb, sa, sp))
    mem = data.members
    for m in member_ids:
        ta, na = _member_int(mem, m, "total_assets_fen"), _member_int(mem, m, "net_assets_fen")
        ac, mc = _member_int(mem, m, "actual_capital_fen"), _member_int(mem, m, "minimum_capital_fen")
        lost = m_total[m]
        sb, sa, sp = _solvency(ac, mc, lost)
        scopes.append(ScopeOutcome(m, lost, ta, None if ta is None else ta - lost, na,
                                   None if na is None else na - lost, ac, mc, sb, sa, sp))

    # stressed data → aggregates → limits
    exps = data.exposures.copy()
    exps["amount_fen"] = amt
    if "amount" in exps.columns:
        exps["amount"] = amt / 100.0
    members = mem.copy()
    by_scope = {s.scope: s for s in scopes}
    members["total_assets_fen"] = [int(v) - by_scope[str(m)].loss_fen if str(m) in by_scope else int(v)
                                   for m, v in zip(members["member_id"], members["total_assets_fen"])]
    members["net_assets_fen"] = [int(v) - by_scope[str(m)].loss_fen if str(m) in by_scope else int(v)
                                 for m, v in zip(members["member_id"], members["net_assets_fen"])]
    members["total_assets_fen"] = members["total_assets_fen"].astype(mem["total_assets_fen"].dtype)
    members["net_assets_fen"] = members["net_assets_fen"].astype(mem["net_assets_fen"].dtype)
    if "solvency_ratio" in members.columns:
        members["solvency_ratio"] = [by_scope[str(m)].solvency_after if str(m) in by_scope and
                                     by_scope[str(m)].solvency_after is not None else v
                                     for m, v in zip(members["member_id"], members["solvency_ratio"])]
    gs = by_scope[GROUP_SCOPE]
    group = replace(g, total_assets_fen=g.total_assets_fen - gs.loss_fen, net_assets_fen=g.net_assets_fen - gs.loss_fen,
                    solvency_ratio=gs.solvency_after if gs.solvency_after is not None else g.solvency_ratio)
    stressed = replace(data, group=group, members=members, exposures=exps)
    after = _limits.evaluate_limits(build_aggregates(stressed), limits)

    ids = rows["exposure_id"].to_numpy(dtype=object)
    rec = pd.concat(records, ignore_index=True) if records else pd.DataFrame(
        {"row": np.zeros(0, np.int64), "shock": np.zeros(0, np.int64), "loss_fen": np.zeros(0, np.int64),
         "group_loss_fen": np.zeros(0, np.int64)})
    scope_names = np.asarray(member_ids + [None], dtype=object)
    r = rec["row"].to_numpy(dtype=np.int64)
    row_losses = pd.DataFrame({"exposure_id": ids[r], "member_id": scope_names[member[r]],
                               "counterparty_id": cp_ids[cp_code[r]], "shock": rec["shock"].to_numpy(),
                               "loss_fen": rec["loss_fen"].to_numpy(dtype=np.int64),
                               "group_loss_fen": rec["group_loss_fen"].to_numpy(dtype=np.int64)})
    return StressResult(scenario, g.as_of, tuple(scopes), tuple(outcomes), row_losses, before, after,
                        stressed if keep_stressed else None)


def run_scenarios(data: GroupData, scenarios: list[Scenario], limits: pd.DataFrame | None = None,
                  agg: Aggregates | None = None) -> list[StressResult]:
    limits = data.limits if limits is None else limits
    agg = agg if agg is not None and agg.rows is not None else build_aggregates(data)
    before = _limits.evaluate_limits(agg, limits)
    return [run_scenario(data, s, limits, agg, before) for s in scenarios]


def save_stress_result(store, snapshot_id: int, result: StressResult, user: str | None,
                       limit_set_ref: dict | None = None) -> int:
    """Store a stress result with its snapshot: an evaluation whose limit_set_ref is {"stress": scenario id}
    (plus the governing limit set's ref under "limits" when given)."""
    ref: dict[str, Any] = {"stress": result.scenario.id}
    if limit_set_ref:
        ref["limits"] = dict(limit_set_ref)
    return store.save_evaluation(snapshot_id, ref, result.to_json(), None, user)
