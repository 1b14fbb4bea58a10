"""What every report builder needs: the period's snapshot and evaluation, the records as they stood when a
report was made (`Pins`), names for keys and scopes, and the limit tables shared by several reports.

Pure data assembly: reads the store and core results, returns plain values; nothing here renders.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

import numpy as np
import pandas as pd

from core.concentration.aggregate import rank_desc_then_key
from core.concentration.groups import group_heads
from core.concentration.model import GROUP_SCOPE, UNKNOWN, GroupData
from core.concentration.snapshots import NAMED_BY_ID as _NAMED_BY_ID
from core.concentration.snapshots import ruled_labels, shown_keys
from core.periods import Period, PeriodError, parse_period
from reports.builders import names as N
from reports.model import Column, Table
from wording import codes
from wording.limit_status import NO_BASIS, no_basis_reason, no_basis_summary
from wording.listings import listing_text, status_parts


class ReportError(ValueError):
    """A report that cannot be built from what is on record. `code` is stable; `detail` names the values.

    Codes: bad_period, wrong_period_kind, no_snapshot, no_evaluation, no_assessment, unknown_kind,
    unknown_report.
    """

    def __init__(self, code: str, **detail):
        self.code = code
        self.detail = detail
        super().__init__(f"{code}: {detail}")


def period_of(text: Any) -> Period:
    try:
        return parse_period(text)
    except PeriodError as exc:
        raise ReportError("bad_period", period=str(text), reason=exc.code, **exc.detail) from None


# The period kinds each report is made for (Art 18/23: half-years; Art 24: quarters; Art 25/26: years).
PERIOD_KINDS = {"semiannual": ("H", "a half-year (YYYYH1 or YYYYH2)"),
                "quarterly": ("Q", "a quarter (YYYYQ1 to YYYYQ4)"),
                "disclosure": ("Y", "a year (YYYY)"), "rating": ("Y", "a year (YYYY)"),
                "annual_chapter": ("Y", "a year (YYYY)")}


def report_period(kind: str, text: Any) -> Period:
    """The period of a `kind` report: a bad code is bad_period; a period of the wrong kind (a 半年度 report
    for 2025, a quarterly one for 2025H1) is wrong_period_kind, never a report titled for the wrong span."""
    p = period_of(text)
    want, words = PERIOD_KINDS.get(kind, (None, ""))
    if want is not None and p.kind != want:
        raise ReportError("wrong_period_kind", period=p.code, kind=kind, expected=words)
    return p


def previous_period(p: Period) -> Period:
    """The period of the same kind just before `p` (2025H1 -> 2024H2, 2025Q1 -> 2024Q4, 2025 -> 2024)."""
    if p.kind == "Y":
        return Period(p.year - 1)
    parts = {"H": 2, "Q": 4, "M": 12}[p.kind]
    return Period(p.year, p.kind, p.index - 1) if p.index > 1 else Period(p.year - 1, p.kind, parts)


# --------------------------------------------------------------------------------------------- pins

@dataclass(frozen=True)
class Pins:
    """The newest record id of each kind a report may read, so that regenerating a report later (after
    cases moved on, texts were re-edited, stress tests re-run) reads exactly what it read the first time.
    None: no bound (everything on record)."""

    evaluation: int | None = None
    case_event: int | None = None
    text: int | None = None
    version: int | None = None
    proposal: int | None = None
    decision: int | None = None
    assessment: int | None = None
    approval: int | None = None        # board approvals (core.store board_approval)
    withdrawal: int | None = None      # snapshot withdrawals: one made after the report does not change it
    snapshot: int | None = None        # snapshots: one imported into the period later does not change it
    # governance records (core.store governance): the newest id of each kind, {kind: id}; None: all
    governance: dict | None = field(default=None, hash=False)
    records_until: str | None = None   # the cut-off (--as-of-record) the pins were taken at, ISO date

    def allows(self, kind: str, record_id: int | None) -> bool:
        bound = getattr(self, kind)
        return bound is None or record_id is None or record_id <= bound

    def allows_governance(self, kind: str, record_id: int) -> bool:
        if self.governance is None:
            return True
        return record_id <= int(self.governance.get(kind, 0))

    def to_json(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_json(cls, doc: dict | None) -> "Pins":
        doc = doc or {}
        pins = cls(**{k: doc.get(k) for k in ("evaluation", "case_event", "text", "version", "proposal",
                                               "decision", "assessment", "approval", "withdrawal",
                                               "snapshot", "governance", "records_until")})
        if doc and "withdrawal" not in doc:
            # recorded before snapshots could be withdrawn: it saw none withdrawn
            pins = cls(**{**asdict(pins), "withdrawal": 0})
        return pins


def _max(ids) -> int | None:
    ids = [i for i in ids if i is not None]
    return max(ids) if ids else None


# The officer texts reports read. "disclosure_approval" (the board's approval as free text) is read only to
# regenerate disclosures recorded before approvals were records of their own (reports.service, params v1).
ISSUER_COLUMNS = ("instrument_id", "counterparty_id", "parent_exposure_id")   # what names a single asset
TEXT_KINDS = ("semiannual_conclusions", "semiannual_governance", "disclosure_approval", "disclosure_text")


BEIJING = timezone(timedelta(hours=8))


def recorded_by(stamp: str | None, cutoff: date | None) -> bool:
    """Whether a record stamped `stamp` (the store's UTC ISO time) was made on or before the day `cutoff`
    as the officers count days (Beijing time); True when there is no cut-off."""
    if cutoff is None or not stamp:
        return True
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return True
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(BEIJING).date() <= cutoff


def _stamp(text: str | None) -> datetime | None:
    try:
        when = datetime.fromisoformat(text) if text else None
    except ValueError:
        return None
    return when.replace(tzinfo=timezone.utc) if when is not None and when.tzinfo is None else when


def current_pins(store, period: str | None = None, as_of_record: date | None = None,
                 until: str | None = None) -> Pins:
    """The newest ids of everything a report may read (texts: those of `period`): on record now, or with
    `as_of_record` those recorded up to that day (a closed period's report says what was known then), or
    with `until` (a store timestamp) those recorded up to that moment."""
    limit = _stamp(until)

    def ok(rec) -> bool:
        stamp = getattr(rec, "created_at", None)
        if limit is not None:
            when = _stamp(stamp)
            return when is None or when <= limit
        return recorded_by(stamp, as_of_record)
    snaps = [s for s in store.list_snapshots(include_withdrawn=True) if ok(s)]
    evals = [e.id for s in snaps for e in store.evaluations_for(s.id) if ok(e)]
    events = [e.id for c in store.list_cases() for e in store.case_history(c.id) if ok(e)] \
        if as_of_record is not None or limit is not None else [c.last_event_id for c in store.list_cases()]
    texts = [t.id for kind in TEXT_KINDS for t in store.text_history(kind, period) if ok(t)] if period else []
    versions, proposals, decisions = [], [], []
    if store.list_limit_sets():
        for ls in store.list_limit_sets():
            versions += [v.id for v in store.list_versions(ls.id) if ok(v)]
        for p in store.list_proposals():
            if ok(p):
                proposals.append(p.id)
            if p.decision is not None and ok(p.decision):
                decisions.append(p.decision.id)
    approvals = [a.id for a in store.board_approvals(period=period) if ok(a)] if period else []
    governance = None
    if hasattr(store, "governance_records"):
        from core.governance.records import KINDS as GOV_KINDS
        governance = {k: _max(r.id for r in store.governance_records(k) if ok(r)) or 0 for k in GOV_KINDS}
        governance["role_grant"] = _max(g.id for g in store.role_grants() if ok(g)) or 0
    return Pins(evaluation=_max(evals) or 0, case_event=_max(events) or 0, text=_max(texts) or 0,
                version=_max(versions) or 0, proposal=_max(proposals) or 0, decision=_max(decisions) or 0,
                assessment=_max(a.id for a in store.list_assessments() if ok(a)) or 0, approval=_max(approvals) or 0,
                withdrawal=_max(w.id for w in store.snapshot_withdrawals() if ok(w)) or 0,
                snapshot=_max(s.id for s in snaps) or 0, governance=governance,
                records_until=None if as_of_record is None else as_of_record.isoformat())


def pins_at(store, period: str, stamp: str, bound: Pins) -> Pins:
    """The pins of the records made up to the moment `stamp`, never beyond `bound` (the report's own pins,
    so that regenerating a report reads the same)."""
    at = current_pins(store, period, until=stamp)

    def lower(x, y):
        return y if x is None else x if y is None else min(x, y)

    gov = None
    if at.governance is not None or bound.governance is not None:
        keys = set(at.governance or {}) | set(bound.governance or {})
        gov = {k: lower((at.governance or {}).get(k), (bound.governance or {}).get(k)) for k in keys}
    values = {k: lower(getattr(at, k), getattr(bound, k))
              for k in ("evaluation", "case_event", "text", "version", "proposal", "decision", "assessment",
                        "approval", "withdrawal", "snapshot")}
    return Pins(**values, governance=gov, records_until=bound.records_until)


def content_digest(blocks) -> str:
    """A SHA-256 over what a list of sections prints (titles, texts, table cells as values, figures): two
    documents with the same digest say the same thing. Values are hashed as their reprs (exact)."""
    import hashlib

    from reports.model import Chart, KeyFigures, Note, Paragraph, Section, Table
    h = hashlib.sha256()

    def put(x) -> None:
        h.update(repr(x).encode("utf-8"))
        h.update(b"\x00")

    def walk(block) -> None:
        if isinstance(block, Section):
            put(("section", block.title))
            for b in block.blocks:
                walk(b)
        elif isinstance(block, Paragraph):
            put(("p", block.text))
        elif isinstance(block, Note):
            put(("note", block.title, block.text))
        elif isinstance(block, Table):
            put(("table", block.caption, [c.header for c in block.columns], block.total_row))
            for row in block.rows:
                put(tuple(row))
        elif isinstance(block, KeyFigures):
            put(("figures", [(f.label, f.value, f.note) for f in block.items]))
        elif isinstance(block, Chart):
            put(("chart", block.caption, block.spec.categories, [(s.name, list(s.values)) for s in block.spec.series]))
        else:
            put(type(block).__name__)

    for b in blocks:
        walk(b)
    return h.hexdigest()


def governance_on_record(store, kind: str, pins: Pins) -> list:
    """The governance records of `kind` within the pins (core.store governance_records), oldest first."""
    if not hasattr(store, "governance_records"):
        return []
    return [r for r in store.governance_records(kind) if pins.allows_governance(kind, r.id)]


def pinned_text(store, kind: str, period: str, pins: Pins) -> str | None:
    """The newest version of an officer's text within the pins (None when there is none, or it is blank)."""
    for t in reversed(store.text_history(kind, period)):
        if pins.allows("text", t.id):
            return t.text if t.text and t.text.strip() else None
    return None


def pinned_text_version(store, kind: str, period: str, pins: Pins):
    """The newest version (TextVersion) of an officer's text within the pins, blank or not; None if none."""
    for t in reversed(store.text_history(kind, period)):
        if pins.allows("text", t.id):
            return t
    return None


def pinned_approval(store, report_kind: str, period: str, pins: Pins):
    """The latest board approval (BoardApproval) of (report kind, period) within the pins; None if none."""
    for a in reversed(store.board_approvals(report_kind, period)):
        if pins.allows("approval", a.id):
            return a
    return None


# ------------------------------------------------------------------------------------------ context

class _Issuers:
    """instrument id -> the id of its one counterparty among the holdings (rows without a parent), when
    that counterparty has a name in `cp_names`; an instrument held against several, or against none
    with a name, has none. Worked out per instrument when first asked for, a batch of likely ones first
    (`prefetch`): a report names a few hundred of a million holdings' instruments. The holdings' columns
    stay Arrow text when they are (no Python string per cell), else object arrays."""

    def __init__(self, exp: pd.DataFrame, cp_names: dict):
        self.cp_names = cp_names
        self.found: dict[str, str | None] = {}
        self._arrow = _arrow_holdings(exp)
        if self._arrow is None:
            inst, cp = _texts(exp["instrument_id"]), _texts(exp["counterparty_id"])
            ok = pd.notna(inst) & pd.notna(cp)
            if "parent_exposure_id" in exp.columns:   # the holding itself, not its looked-through underlyings
                parent = exp["parent_exposure_id"].to_numpy(dtype=object, na_value=None)
                ok &= pd.isna(parent) | (parent == "")
            self._inst, self._cp = inst[ok], cp[ok]

    def prefetch(self, keys) -> None:
        wanted = sorted({str(k) for k in keys if k is not None} - set(self.found))
        if not wanted:
            return
        self._settle(wanted, self._pairs(wanted))

    def _pairs(self, wanted: list[str]):
        """(instrument, counterparty) of the holdings of the `wanted` instruments (repeats allowed)."""
        if self._arrow is not None:
            pa, pc, inst, cp = self._arrow
            rows = pc.is_in(inst, value_set=pa.array(wanted, type=inst.type))
            return zip(inst.filter(rows).to_pylist(), cp.filter(rows).to_pylist())
        rows = pd.Series(self._inst, dtype=object).isin(wanted).to_numpy()
        return zip(self._inst[rows].tolist(), self._cp[rows].tolist())

    def _settle(self, wanted: list[str], pairs) -> None:
        # the one rule of screen and paper; imported here, not with the module: the reports screen imports
        # this module on a worker thread while the session imports core.store on another, and a module-level
        # import of core.store.snapshots there met the store package half-initialised (its import cycle)
        from core.store.snapshots import sole_issuers  # noqa: PLC0415

        ones = sole_issuers(pairs)
        prefetch = getattr(self.cp_names, "prefetch", None)
        if prefetch is not None:            # names read by id: the issuers' in one batch
            prefetch(ones.values())
        for k in wanted:
            one = ones.get(k)
            self.found[k] = one if one is not None and one in self.cp_names else None

    def get(self, key):
        if not isinstance(key, str):
            return None
        if key not in self.found:
            self.prefetch([key])
        return self.found[key]


class _StoredIssuers(_Issuers):
    """_Issuers of a stored snapshot: the distinct (instrument, counterparty) pairs of the holdings of the
    instruments asked come from the database (`Store.holding_pairs`, one pass in SQL), not from the three
    exposure columns of every row read into memory (2 s of a million-exposure report). Same rule."""

    def __init__(self, holding_pairs, cp_names: dict):   # no frame: the store answers by instrument
        self.cp_names = cp_names
        self.found = {}
        self._holding_pairs = holding_pairs

    def _pairs(self, wanted: list[str]):
        return self._holding_pairs(wanted)


class _Recorded:
    """The names of the keys the governing evaluation shows, as recorded with it (core.concentration.snapshots
    LABELS, by the issuer rule of today: `ruled_labels`): the single assets' issuers, the counterparty
    groups' heads and the counterparties' names of exactly the keys it shows (`covers`), the same values a
    report would otherwise read from the holdings and the counterparties (every limit's key and flagged keys:
    what the execution chapter names). A counterparty without a name is recorded as ""."""

    def __init__(self, labels: dict, shown: dict[str, set]):
        self.issuers: dict = labels.get("issuers") or {}
        self.heads: dict = labels.get("heads") or {}
        self.names: dict = labels.get("names") or {}
        self.shown = shown

    def covers(self, dimension: str, key) -> bool:
        return key in self.shown.get(dimension, ())

    def name(self, counterparty) -> str | None:
        return (self.names.get(counterparty) or None) if counterparty is not None else None

    def issuer(self, instrument) -> str | None:
        return self.issuers.get(instrument)

    def head(self, key) -> tuple[str, int] | None:
        found = self.heads.get(key)
        return None if found is None else (str(found[0]), int(found[1]))


def _arrow_holdings(exp: pd.DataFrame):
    """(pyarrow, pyarrow.compute, instruments, counterparties) of the holdings that name both, as Arrow
    text; None when a column is not all text or pyarrow is absent (the caller then uses object arrays)."""
    try:
        import pyarrow as pa  # noqa: PLC0415 - optional: the object-array path answers the same
        import pyarrow.compute as pc  # noqa: PLC0415
    except ImportError:
        return None

    def text(column):
        a = pa.array(exp[column], from_pandas=True)
        a = a.combine_chunks() if isinstance(a, pa.ChunkedArray) else a
        return a if (pa.types.is_string(a.type) or pa.types.is_large_string(a.type)) else None

    try:
        inst, cp = text("instrument_id"), text("counterparty_id")
        parent = text("parent_exposure_id") if "parent_exposure_id" in exp.columns else None
        if inst is None or cp is None or ("parent_exposure_id" in exp.columns and parent is None):
            return None
        if inst.type != cp.type:          # the reader keeps some ids as Arrow large_string, others as objects
            inst, cp = inst.cast(pa.large_string()), cp.cast(pa.large_string())
    except (pa.ArrowException, TypeError, ValueError):
        return None
    ok = pc.and_(inst.is_valid(), cp.is_valid())
    if parent is not None:
        ok = pc.and_(ok, pc.or_(parent.is_null(), pc.fill_null(pc.equal(parent, ""), False)))
    return pa, pc, inst.filter(ok), cp.filter(ok)


def _texts(column: pd.Series):
    """The column as an object array of str (missing values None), as `astype(str)` gives them, without
    converting a column that already holds only text."""
    a = column.to_numpy(dtype=object, na_value=None)
    present = pd.notna(a)
    if pd.api.types.infer_dtype(a[present], skipna=False) not in ("string", "empty"):
        a = a.copy()
        a[present] = [str(x) for x in a[present].tolist()]
    return a


@dataclass
class SnapshotView:
    """One stored snapshot as a report reads it: its data, its governing evaluation and kept sums."""

    info: Any                      # SnapshotInfo
    data: Any                      # GroupData
    evaluation: Any                # EvaluationRecord with aggregates
    result: dict                   # the evaluation's result JSON (concentration --json shape)
    sums: pd.DataFrame | None      # kept sums: dimension, scope, key, total_fen, countable_fen (or `kept`)
    bases: pd.DataFrame            # per scope: total_assets_fen, net_assets_fen, total_premium_fen, total_ceded_fen
    cp_names: Mapping = field(default_factory=dict)    # counterparty_id -> name (a dict, or read on first use)
    member_names: dict = field(default_factory=dict)
    version: Any = None            # the approved LimitSetVersion (with rows) governing as_of, or None
    _blocks: dict | None = field(default=None, repr=False)
    limits: pd.DataFrame | None = None   # the limits the result is measured against
    # () -> the exposures' instrument_id, counterparty_id, parent_exposure_id (read on first use), or None
    exposure_columns: Any = field(default=None, repr=False)
    # (instruments) -> their holdings' distinct (instrument, counterparty) pairs (Store.holding_pairs), or
    # None; when given, a single asset's issuer is worked out from these, not from `exposure_columns`
    holding_pairs: Any = field(default=None, repr=False)
    # the kept sums by block as the store reads them for reports (core.store.report_reads.KeptSums), when
    # `sums` is None: a block's keys are turned into text only when the block is ranked
    kept: Any = field(default=None, repr=False)
    # () -> the counterparties frame (id, parent, label, exempt, name) that names a counterparty group, read
    # when a group is first named; None: `data.counterparties`
    counterparty_frame: Any = field(default=None, repr=False)
    # the store's counterparties by id (core.store.report_reads.CounterpartyLookup), when it has them: a group
    # is named from its own counterparties' links, worked out when first named (`prefetch_names`)
    counterparty_lookup: Any = field(default=None, repr=False)
    # the names of the keys the governing evaluation shows, as recorded with it (`_Recorded`), or None
    recorded: Any = field(default=None, repr=False)

    @property
    def approved(self) -> bool:
        return self.version is not None

    @property
    def as_of(self) -> date:
        return self.info.as_of

    @property
    def group_name(self) -> str:
        return self.info.group_name

    def limit(self, limit_id: str) -> dict | None:
        return next((x for x in self.result.get("limits", []) if x["limit_id"] == limit_id), None)

    def basis_fen(self, scope: str, basis: str) -> int | None:
        b = self.bases
        row = b[b["scope"].astype(str) == scope]
        col = basis + "_fen"
        if row.empty or col not in b.columns or pd.isna(row.iloc[0][col]):
            return None
        return int(row.iloc[0][col])

    def _locate(self) -> dict:
        """{(dimension, scope): where its rows are}, worked out once: the rows of each (dimension, scope) are
        located, and a block is sorted when first asked for (the kept sums of a million exposures are
        millions of rows, of which a report reads a few blocks)."""
        if self._blocks is None and self.sums is None:
            # located by the store's reader; the keys of a block are read when it is ranked
            if callable(self.kept):      # decoded in the background (core.store.report_reads.kept_sums)
                object.__setattr__(self, "kept", self.kept())
            self._blocks = {pair: ("kept", rows) for pair, rows in self.kept.blocks.items()}
        if self._blocks is None:
            s = self.sums[self.sums["total_fen"] > 0]
            d_codes, d_names = pd.factorize(s["dimension"].astype(str))
            s_codes, s_names = pd.factorize(s["scope"].astype(str))
            comb = np.asarray(d_codes, dtype=np.int64) * max(len(s_names), 1) + np.asarray(s_codes, dtype=np.int64)
            order = np.argsort(comb, kind="stable")
            starts = np.flatnonzero(np.r_[True, comb[order][1:] != comb[order][:-1]]) if len(order) else order
            stops = np.r_[starts[1:], len(order)]
            self._blocks = {}
            for a, b in zip(starts.tolist(), stops.tolist()):
                c = int(comb[order[a]])
                self._blocks[(str(d_names[c // max(len(s_names), 1)]), str(s_names[c % max(len(s_names), 1)]))] = \
                    (s, order[a:b])
        return self._blocks

    def totals(self, dimension: str, scope: str = GROUP_SCOPE) -> pd.DataFrame:
        """key, total_fen, countable_fen of one dimension and scope, largest total first (ties by key)."""
        found = self._locate().get((dimension, scope))
        if found is None:
            return pd.DataFrame({"key": pd.Series([], dtype=object), "total_fen": pd.Series([], dtype="int64"),
                                 "countable_fen": pd.Series([], dtype="int64")})
        if isinstance(found, tuple):
            s, rows = found
            if isinstance(s, str):      # "kept": the store's blocks
                totals, countables = self.kept.amounts(rows)
                g = pd.DataFrame({"key": pd.Series(self.kept.keys(rows), dtype=object),
                                  "total_fen": totals, "countable_fen": countables})
            else:
                g = s.iloc[rows][["key", "total_fen", "countable_fen"]]
            g = g.assign(key=g["key"].astype(str))
            # largest total first, ties by key (code-point order): a stable sort on the amounts, then only
            # the runs of equal amounts by key (sorting 800,000 single-asset keys as text took seconds)
            perm = rank_desc_then_key(g["total_fen"].to_numpy(), g["key"].to_numpy(dtype=object))
            found = g.iloc[perm].reset_index(drop=True)
            self._blocks[(dimension, scope)] = found
        return found.copy()

    def amounts(self, dimension: str, scope: str = GROUP_SCOPE) -> np.ndarray:
        """The positive totals (fen, int64) of one dimension and scope in no particular order: what the
        concentration indices need, without ranking the block or reading its keys."""
        found = self._locate().get((dimension, scope))
        if found is None:
            return np.zeros(0, dtype=np.int64)
        if isinstance(found, tuple):
            s, rows = found
            if isinstance(s, str):
                return self.kept.amounts(rows)[0]
            return s["total_fen"].to_numpy()[rows].astype(np.int64)
        return found["total_fen"].to_numpy().astype(np.int64)

    def index(self, dimension: str) -> dict | None:
        return (self.result.get("indices") or {}).get(dimension)

    # -- names ------------------------------------------------------------------------------------
    def _issuers(self) -> Any:
        """instrument id -> the id of its one counterparty (issuer or product manager) among the holdings
        (not the looked-through underlyings), when that counterparty has a name; an instrument held against
        several has none. Read when a single asset is first named: only the three exposure columns it
        needs (`exposure_columns`), not the snapshot's rows, or from the store, when it can answer by
        instrument (`holding_pairs`)."""
        found = getattr(self, "_issuer_map", None)
        if found is None:
            found = {}
            if self.holding_pairs is not None:
                found = _StoredIssuers(self.holding_pairs, self.cp_names)
                found.prefetch(self._named_single_assets())
            elif self.exposure_columns is not None:
                exp = self.exposure_columns()
                if exp is not None and {"instrument_id", "counterparty_id"} <= set(exp.columns):
                    found = _Issuers(exp, self.cp_names)
                    found.prefetch(self._named_single_assets())
            object.__setattr__(self, "_issuer_map", found)
        return found

    def _named_single_assets(self, top: int = 20) -> list:
        """The single assets a report is likely to name: the keys and flagged keys of single-asset limits,
        and the largest of each scope (any other is looked up when named)."""
        keys = []
        for lim in self.result.get("limits", []):
            if lim.get("dimension") == "single_asset":
                keys.append(lim.get("key"))
                keys += [f.get("key") for f in lim.get("flagged") or []]
        # the largest of each scope's block already ranked (a report that lists them ranks it first);
        # ranking the others here only to guess names took most of a million-exposure report's naming
        for (dim, _scope), found in list((self._blocks or {}).items()):
            if dim == "single_asset" and isinstance(found, pd.DataFrame):
                keys += found["key"].head(top).tolist()
        return keys

    def _group_name(self, key: str) -> str | None:
        """"DEVHOLD 控股 等 3 家" for a counterparty group headed by a company other than its key, None
        otherwise (N.group_name's rule). A group the governing evaluation shows is named as recorded with it
        (`recorded`); with the store's counterparties by id (`counterparty_lookup`) a group's head is worked
        out from its own counterparties when first named; with the store's counterparty table
        (`counterparty_frame`) the heads are worked out once from it. Named from `cp_names`, without a second
        map of every name."""
        if self.recorded is not None and self.recorded.covers("counterparty_group", key):
            found = self.recorded.head(key)
            return None if found is None else codes.group_name(self.recorded.name(found[0]) or found[0], found[1], "zh")
        if self.counterparty_lookup is not None:
            self._prefetch_groups([key])
            found = self._group_heads[key]
        elif self.counterparty_frame is None:
            return N.group_name(self.data.counterparties if self.data is not None else None, key)
        else:
            heads = getattr(self, "_heads", None)
            if heads is None:
                heads = group_heads(self.counterparty_frame())
                object.__setattr__(self, "_heads", heads)
            found = heads.get(key)
        if found is None:
            return None
        head, size = found
        return codes.group_name(self.cp_names.get(head) or head, size, "zh")

    @property
    def _group_heads(self) -> dict:
        """{group key: (head, size) or None} of the groups named so far from `counterparty_lookup`."""
        found = getattr(self, "_heads_by_key", None)
        if found is None:
            found = {}
            object.__setattr__(self, "_heads_by_key", found)
        return found

    def _prefetch_groups(self, keys) -> None:
        wanted = sorted({str(k) for k in keys if k is not None} - set(self._group_heads))
        if not wanted:
            return
        heads = group_heads(self.counterparty_lookup.group_links(wanted))
        for k in wanted:
            self._group_heads[k] = heads.get(k)
        prefetch = getattr(self.cp_names, "prefetch", None)
        if prefetch is not None:
            prefetch(h for h, _ in (self._group_heads[k] for k in wanted if self._group_heads[k] is not None))

    def prefetch_names(self, dimension: str, keys) -> None:
        """Read in one batch what names these keys of a dimension (about to be named one by one): the
        counterparties' names, the heads of the counterparty groups, the single assets' issuers; nothing for
        the keys the governing evaluation's record names, nor when the names are all in memory."""
        keys = [str(k) for k in keys if k is not None and (self.recorded is None or not self.recorded.covers(dimension, k))]
        if not keys:
            return
        if dimension == "single_asset":
            issuers = self._issuers()
            if hasattr(issuers, "prefetch"):
                issuers.prefetch(keys)
            return
        if dimension not in _NAMED_BY_ID:
            return
        if dimension == "counterparty_group" and self.counterparty_lookup is not None:
            self._prefetch_groups(keys)
        prefetch = getattr(self.cp_names, "prefetch", None)
        if prefetch is not None:
            prefetch(keys)

    def scope_name(self, scope: str, short: bool = True) -> str:
        if scope == GROUP_SCOPE:
            return "集团合并"
        name = self.member_names.get(scope, scope)
        return N.short_company(name) if short else name

    def key_name(self, dimension: str, key: Any) -> str:
        if key is None:
            return "—"
        key = str(key)
        if key == "*":
            return "合计（全部）"
        recorded = self.recorded if self.recorded is not None and self.recorded.covers(dimension, key) else None
        if dimension in _NAMED_BY_ID:
            if key == UNKNOWN:
                return N.UNKNOWN_COUNTERPARTY
            if dimension == "counterparty_group":
                headed = self._group_name(key)
                if headed:
                    return headed
            if recorded is not None:
                if recorded.name(key):
                    return recorded.name(key)
            elif key in self.cp_names:
                return self.cp_names[key]
            if dimension == "customer" and key.startswith("RTL-"):
                return f"个人业务 {key}"
            return key
        if dimension == "single_asset":
            if recorded is not None:
                issuer = recorded.name(recorded.issuer(key))
                return f"{issuer}（{key}）" if issuer else key
            cp = self._issuers().get(key)
            issuer = self.cp_names[cp] if cp is not None else None
            return f"{issuer}（{key}）" if issuer else key    # the name a reader knows, the code beside it
        if dimension == "asset_class":
            return N.ASSET_CLASSES.get(key, key)
        if dimension == "overseas":
            return N.OVERSEAS.get(key, key)
        if dimension == "industry":
            return N.industry_name(key)
        if dimension in ("region", "premium_region"):
            return N.region_name(key)
        return key


def snapshots_in_force(store, pins: Pins | None = None) -> list:
    """The snapshots a report may use, newest first (as `Store.list_snapshots`): every snapshot on record
    but those withdrawn — within the pins, so neither a withdrawal nor an import made after a report
    changes it."""
    out = []
    for info in store.list_snapshots(include_withdrawn=True):
        if pins is not None and not pins.allows("snapshot", info.id):
            continue  # imported after the report was made
        w = info.withdrawal
        if w is not None and (pins is None or pins.allows("withdrawal", w.id)):
            continue
        out.append(info)
    return out


def latest_snapshot_in(store, start: date, end: date, pins: Pins | None = None):
    """The latest snapshot in force (see `snapshots_in_force`) whose as_of is within [start, end]; None."""
    return next((s for s in snapshots_in_force(store, pins) if start <= s.as_of <= end), None)


def resolve_snapshot(store, period: Period, pins: Pins | None = None):
    """The latest stored snapshot whose as_of falls in the period, withdrawn snapshots skipped (those
    withdrawn within `pins`; None = every withdrawal on record); ReportError no_snapshot if none."""
    info = latest_snapshot_in(store, period.start, period.end, pins)
    if info is None:
        raise ReportError("no_snapshot", period=period.code, start=period.start.isoformat(),
                          end=period.end.isoformat())
    return info


def governing_evaluation(store, snapshot_id: int, pins: Pins):
    """The snapshot's governing evaluation among those that keep the aggregates and are within the pins
    (core.services.evaluations owns the rule); ReportError no_evaluation when there is none."""
    from core.services.evaluations import governing_evaluation as governing

    ev = governing(store, snapshot_id, with_aggregates=True, allows=lambda eid: pins.allows("evaluation", eid))
    if ev is None:
        raise ReportError("no_evaluation", snapshot_id=snapshot_id)
    return ev


def stress_evaluations(store, snapshot_id: int, pins: Pins) -> list:
    """Stored stress results of the snapshot (core.whatif.stress.save_stress_result), one per scenario
    (the newest run of each), in the order the scenarios were first run."""
    seen: dict[str, Any] = {}
    for e in sorted(store.evaluations_for(snapshot_id), key=lambda e: e.id):
        ref = e.limit_set_ref or {}
        if "stress" in ref and pins.allows("evaluation", e.id):
            seen[str(ref["stress"])] = e
    return list(seen.values())


def governing_version(store, as_of: date, pins: Pins):
    """The approved limit-set version in force on `as_of` among those within the pins (latest effective
    date on or before it, highest version on a tie; the first limit set), with its rows; None if none."""
    sets = store.list_limit_sets()
    if not sets:
        return None
    versions = [v for v in store.list_versions(sets[0].id) if pins.allows("version", v.id) and v.effective_date <= as_of]
    if not versions:
        return None
    best = max(versions, key=lambda v: (v.effective_date, v.version))
    return store.get_version(best.id)


def _under_version(ev, version, as_of: date, result: dict) -> dict:
    """The stored result with its limits re-measured under an approved version (on the kept aggregates)."""
    from core.concentration.limits import evaluate_limits
    from core.whatif.governance import limits_only_json, version_ref
    from core.whatif.kept import aggregates_from_kept
    agg = aggregates_from_kept(ev.aggregates, as_of)
    doc = limits_only_json(agg, evaluate_limits(agg, version.rows), result.get("members"))
    out = dict(result)
    for k in ("limits", "summary", "allocation_issues"):
        out[k] = doc[k]
    out["limit_set"] = version_ref(version)
    out["limits_approved"] = True
    return out


def load_view(store, info, pins: Pins) -> SnapshotView:
    governing = governing_evaluation(store, info.id, pins)
    # a report reads the stored evaluation and kept sums, never the exposure rows (a million of them at
    # scale): the snapshot's members, counterparties and limits, and the three columns that name a single
    # asset by its issuer, when that is first asked for. A store with report reads (core.store.report_reads)
    # gives the kept sums by block, the counterparties' names by id and, when a group is named, its own
    # counterparties' links, without decoding every key and every counterparty row. The keys the governing
    # evaluation shows (every limit's key and flagged keys) are named as recorded with it (its labels).
    version = governing_version(store, info.as_of, pins)
    ref = governing.limit_set_ref or {}
    remeasure = version is not None and (ref.get("limit_set_id"), ref.get("version")) != (version.limit_set_id,
                                                                                        version.version)
    lean = hasattr(store, "kept_sums") and not remeasure     # re-measuring needs the whole kept sums
    kept = store.kept_sums(governing.id, background=True) if lean else None
    bases = store.kept_frame(governing.id, "bases") if kept is not None else None
    if kept is not None and bases is not None:
        ev, sums = governing, None
        group, parts = store.load_snapshot_parts(info.id, ("members", "limits"))
        parts["counterparties"] = None
    else:
        kept = None
        ev = store.load_evaluation(governing.id)
        sums, bases = ev.aggregates["sums"].copy(), ev.aggregates["bases"]
        group, parts = store.load_snapshot_parts(info.id, ("members", "counterparties", "limits"))
    data = GroupData(group=group, members=parts["members"], counterparties=parts["counterparties"],
                     exposures=None, limits=parts["limits"], business=None, source=info.source)

    def exposure_columns():
        return store.load_snapshot_parts(info.id, ("exposures",), columns={"exposures": ISSUER_COLUMNS})[1]["exposures"]

    result = ev.result
    if remeasure:
        result = _under_version(ev, version, info.as_of, result)
    bases = bases.copy()
    if "scope" not in bases.columns:
        bases = bases.reset_index()
    cps = data.counterparties
    counterparty_frame = lookup = None
    labels = ruled_labels(store, info.id, governing.result or {})
    recorded = None if labels is None else _Recorded(labels, shown_keys(governing.result or {}))
    if cps is None and hasattr(store, "counterparty_lookup"):
        # by id from the blocks, decoded once as Arrow: a report names a few hundred of 200,000
        lookup = store.counterparty_lookup(info.id)
    if lookup is not None:
        cp_names: Mapping = _StoredNames(lookup)
    elif cps is not None:
        cp_names = dict(zip(cps["counterparty_id"].astype(str).to_numpy(dtype=object).tolist(),
                            cps["name"].astype(str).to_numpy(dtype=object).tolist()))
    else:
        # read meanwhile where the store can (a thread on a connection of its own), used when first named
        table = store.counterparty_table(info.id, background=True)
        counterparty_frame = _once(table if callable(table) else (lambda: table))

        def names() -> dict:
            frame = counterparty_frame()
            found = dict(zip(frame["counterparty_id"].tolist(), frame["name"].tolist()))   # ids are text
            if None in found.values():     # a counterparty without a name is named by its id
                found = {k: v for k, v in found.items() if v is not None}
            return found
        cp_names = _LazyNames(names)
    members = data.members
    member_names = dict(zip(members["member_id"].astype(str), members["name"].astype(str)))
    return SnapshotView(info=info, data=data, evaluation=ev, result=result, sums=sums, bases=bases,
                        cp_names=cp_names, member_names=member_names, version=version,
                        limits=version.rows if version is not None else data.limits,
                        exposure_columns=exposure_columns,
                        holding_pairs=lambda instruments: store.holding_pairs(info.id, instruments),
                        kept=kept, counterparty_frame=counterparty_frame, counterparty_lookup=lookup,
                        recorded=recorded)


def _once(load):
    """`load`, called once: its result kept for every later call."""
    kept: list = []

    def value():
        if not kept:
            kept.append(load())
        return kept[0]
    return value


class _LazyNames(Mapping):
    """{counterparty_id: name}, built on first use (from a read that may still be under way)."""

    def __init__(self, load):
        self._load = _once(load)

    def __getitem__(self, key):
        return self._load()[key]

    def __iter__(self):
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())

    def __contains__(self, key) -> bool:
        return key in self._load()


class _StoredNames(Mapping):
    """{counterparty_id: name} of a snapshot's counterparties that have one, looked up by id in the store's
    counterparties (core.store.report_reads.CounterpartyLookup): the ids about to be named in one batch
    (`prefetch`), any other when asked; each kept once read. Iterating it reads them all."""

    def __init__(self, lookup):
        self._lookup = lookup
        self._known: dict[str, str | None] = {}

    def prefetch(self, ids) -> None:
        wanted = sorted({i for i in ids if isinstance(i, str)} - set(self._known))
        if wanted:
            found = self._lookup.names(wanted)
            self._known.update({i: found.get(i) for i in wanted})

    def __getitem__(self, key):
        if not isinstance(key, str):
            raise KeyError(key)
        self.prefetch([key])
        found = self._known[key]
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key) -> bool:
        try:
            self[key]
        except KeyError:
            return False
        return True

    def __iter__(self):
        return iter(self._lookup.names())

    def __len__(self) -> int:
        return len(self._lookup.names())


def previous_view(store, current, period: Period, pins: Pins) -> SnapshotView | None:
    """The previous period's snapshot (latest in it), else the latest one dated before this period; None
    when there is none."""
    prev = previous_period(period)
    info = latest_snapshot_in(store, prev.start, prev.end, pins)
    if info is None:
        older = [s for s in snapshots_in_force(store, pins) if s.as_of < period.start]
        info = older[0] if older else None
    if info is None or info.id == current.info.id:
        return None
    try:
        return load_view(store, info, pins)
    except ReportError:
        return None


# ---------------------------------------------------------------------------------- limit tables

def _ratio(v) -> float | None:
    return None if v is None else float(v)


def limit_object(view: SnapshotView, lim: dict) -> str:
    """What a limit's reported figure is about: its key, or for an each-key limit the largest key; for a
    limit that cannot be measured, why."""
    if lim.get("status") == NO_BASIS:
        return "无法计量：" + no_basis_reason(lim, "zh", view.scope_name)
    key = lim.get("key")
    if key is None:
        return "（无敞口）"
    return view.key_name(lim["dimension"], key)


def _listed_first(limits: list[dict], bound: int) -> list[dict]:
    """The limits in the order a table of at most `bound` shown rows lists them: all of them in their own
    order when they fit; else the `bound` most pressing (breach, then warning, cannot be measured, then
    the highest utilisation) in their own order, then the others in their own order."""
    if len(limits) <= bound:
        return limits
    rank = {"breach": 0, "warning": 1, NO_BASIS: 2}

    def pressing(i: int):
        lim = limits[i]
        util = lim.get("utilisation")
        return (rank.get(lim.get("status"), 3), -(float(util) if isinstance(util, (int, float)) else -1.0), i)
    first = sorted(sorted(range(len(limits)), key=pressing)[:bound])
    chosen = set(first)
    return [limits[i] for i in first] + [lim for i, lim in enumerate(limits) if i not in chosen]


def rest_of_table(table: Table, bound: int | None, sheet: str) -> Table:
    """`table` with at most `bound` rows shown in the PDF and a sentence counting the others by status and
    saying that the XLSX sheet `sheet` lists them (wording.listings); unchanged when they all fit."""
    if bound is None or len(table.rows) <= bound:
        return table
    counts: dict[str, int] = {}
    for st in (table.row_status or [None] * len(table.rows))[bound:]:
        if st is not None:
            counts[st] = counts.get(st, 0) + 1
    table.shown = bound
    table.rest = listing_text("rest_rows", n=len(table.rows) - bound, sheet=sheet, parts=status_parts(counts))
    if not counts:     # rows without a status: the count alone
        table.rest = table.rest.replace("（）", "").replace(" ()", "")
    return table


def utilisation_table(view: SnapshotView, prev: SnapshotView | None, caption: str, sheet: str | None = None,
                      with_previous: bool = True, bound: int | None = None) -> Table:
    """Every limit measured: its object, exposure, ratio, warning value, limit and status. With `bound`, a
    longer list shows that many rows in the PDF (breaches, warnings, those that cannot be measured and
    the highest utilisation first) and counts the others; the XLSX lists every limit."""
    cols = [Column("编号", "text", width=5), Column("限额名称", "text", width=14),
            Column("对象（逐项限额为最大者）", "text", width=15), Column("敞口", "amount:亿元", width=8),
            Column("计量基数", "text", width=8), Column("本期比例", "percent", width=8)]
    if with_previous:
        cols.append(Column("上期比例", "percent", width=8))
    cols += [Column("预警值", "percent", width=7), Column("限额", "percent", width=7), Column("状态", "status", width=6)]
    rows, statuses = [], []
    for lim in _listed_first(list(view.result.get("limits", [])), bound if bound is not None else 10**9):
        basis = view.scope_name(str(lim.get("scope", GROUP_SCOPE))) + N.BASES.get(lim.get("basis"), lim.get("basis") or "")
        row = [lim["limit_id"], lim.get("name") or lim["limit_id"], limit_object(view, lim), lim.get("exposure"),
               basis, _ratio(lim.get("ratio"))]
        if with_previous:
            p = prev.limit(lim["limit_id"]) if prev is not None else None
            row.append(_ratio(p.get("ratio")) if p else None)
        row += [_ratio(lim.get("warning")), _ratio(lim.get("limit")), lim["status"]]
        rows.append(row)
        statuses.append(lim["status"])
    table = Table(cols, rows, caption=caption, row_status=statuses, sheet_name=sheet,
                  source=f"数据来源：{view.as_of:%Y-%m-%d} 数据快照（编号 {view.info.id}）的限额计量结果；比例为敞口占“计量基数”一列所列基数的比例；上期比例为同一限额上期末的计量结果。")
    return rest_of_table(table, bound, sheet or caption)


def limit_definitions_table(view: SnapshotView, limits: pd.DataFrame, caption: str, sheet: str | None = None,
                            bound: int | None = None) -> Table:
    """Every limit as defined: dimension, scope, key, basis, warning, limit, parent, rule. With `bound`, the
    PDF shows that many rows, the definitions of the limits `utilisation_table` shows with the same bound,
    and counts the others (the XLSX lists every limit)."""
    cols = [Column("编号", "text", width=4.5), Column("限额名称", "text", width=14), Column("维度", "text", width=10),
            Column("适用范围", "text", width=10.5), Column("对象", "text", width=12), Column("计量基数", "text", width=7),
            Column("预警值", "percent", width=7), Column("限额", "percent", width=7),
            Column("上级", "text", width=4.5)]
    rows = []
    records = limits.to_dict("records")
    if bound is not None and len(records) > bound:
        # the definitions of the limits a bounded limits table lists (`utilisation_table`), first
        first = {lim["limit_id"] for lim in _listed_first(list(view.result.get("limits", [])), bound)[:bound]}
        records = [r for r in records if r["limit_id"] in first] + [r for r in records if r["limit_id"] not in first]
    for r in records:
        key = r.get("key")
        key_text = "逐项" if key is None or (isinstance(key, float) and pd.isna(key)) else view.key_name(r["dimension"], key)
        lim = view.limit(r["limit_id"])
        warning, limit = r.get("warning"), r.get("limit")
        if r.get("rule") and lim is not None:   # derived (equity by solvency tier): the values used
            warning, limit = lim.get("warning"), lim.get("limit")
        name = r.get("name") or r["limit_id"]
        if r.get("rule") == "equity_solvency_tier":
            name += "（按偿付能力分档）"
        parent = r.get("parent_limit_id")
        rows.append([r["limit_id"], name, N.dimension_name(r["dimension"]), view.scope_name(str(r["scope"])),
                     key_text, N.BASES.get(r["basis"], r["basis"]), _ratio(warning), _ratio(limit),
                     parent if isinstance(parent, str) and parent else "—"])
    return rest_of_table(Table(cols, rows, caption=caption, sheet_name=sheet), bound, sheet or caption)


def no_basis_sentence(view: SnapshotView) -> str:
    """'其中 5 项限额无法计量：…（原因）。' or '' when every limit was measured."""
    text = no_basis_summary(view.result.get("limits", []), "zh", view.scope_name,
                            lambda lim: f"{lim.get('name') or lim['limit_id']}（{lim['limit_id']}）")
    return "" if text is None else "其中 " + text


def status_counts(result: dict) -> dict[str, int]:
    """ok/warning/breach/no_basis counts of a result JSON's summary (every status the engine gives)."""
    s = result.get("summary") or {}
    return {k: int(s.get(k, 0) or 0) for k in ("ok", "warning", "breach", NO_BASIS)}


def flagged_entries(view: SnapshotView) -> list[dict]:
    """Every (limit, key) in warning or breach in the evaluation: breaches first, then by ratio descending."""
    out = []
    for lim in view.result.get("limits", []):
        for f in lim.get("flagged") or []:
            out.append({"limit": lim, **f})
    out.sort(key=lambda e: (0 if e["status"] == "breach" else 1, -(e.get("ratio") or 0), e["limit"]["limit_id"]))
    return out


@dataclass(frozen=True)
class CaseState:
    """A breach case as it stood at the pinned event (the latest event within the pins)."""

    id: int
    limit_id: str
    key: str | None
    state: str
    status: str | None
    major_event: bool
    cause: str | None
    analysis: str | None
    mitigation_plan: str | None
    owner: str | None
    due_date: date | None
    opened_evaluation_id: int


class _Cases(list):
    """The register's cases as pinned (a list, by id), with `case_for`'s look-up by (limit, key) made once:
    a million-exposure report asks it a thousand times of a register of hundreds."""

    def by_key(self) -> dict[tuple[str, str | None], list[CaseState]]:
        found = self.__dict__.get("_by_key")
        if found is None:
            found = {}
            for c in self:
                found.setdefault((c.limit_id, c.key), []).append(c)
            self.__dict__["_by_key"] = found
        return found


def cases_as_pinned(store, pins: Pins) -> list[CaseState]:
    out = []
    for c in store.list_cases():
        events = [e for e in store.case_history(c.id) if pins.allows("case_event", e.id)]
        if not events:
            continue
        e = events[-1]
        out.append(CaseState(c.id, c.limit_id, c.key, e.state, e.status, e.major_event, e.cause, e.analysis,
                             e.mitigation_plan, e.owner, e.due_date, c.opened_evaluation_id))
    return _Cases(sorted(out, key=lambda c: c.id))


def case_for(cases: list[CaseState], limit_id: str, key: str | None) -> CaseState | None:
    """The newest case of a (limit, key): the active one if any."""
    key = None if key is None else str(key)
    if isinstance(cases, _Cases):
        match = cases.by_key().get((limit_id, key), [])
    else:
        match = [c for c in cases if c.limit_id == limit_id and c.key == key]
    active = [c for c in match if c.state != "closed"]
    return (active or match or [None])[-1]


def pct_points(a: float | None, b: float | None) -> float | None:
    """The change from b to a in percentage points (0.0525 vs 0.0455 -> 0.70)."""
    if a is None or b is None:
        return None
    return (a - b) * 100
