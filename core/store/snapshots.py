"""Group data snapshots (immutable, dated by `as_of`) and the evaluations stored against them.

A snapshot imported by mistake is withdrawn (`withdraw_snapshot`): a record beside it (who, when, why), the
snapshot itself unchanged and still readable by id. Wherever the store picks "the" snapshot — the list a
screen offers (`list_snapshots`, `snapshots_frame`) and the latest of a period (`latest_snapshot_in`) —
withdrawn snapshots are skipped unless `include_withdrawn=True` (the history). A withdrawn snapshot takes no
new evaluation. Breach cases its evaluation opened are left as they are: the officer handles them.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from itertools import chain, islice
from typing import Any

import numpy as np
import pandas as pd

from core.concentration.model import GroupData, GroupInfo
from core.store import frames
from core.store.base import StoreBase, from_json, to_json
from core.store.errors import StoreError
from core.store.records import EvaluationRecord, SnapshotInfo, SnapshotWithdrawal

# frame name → (table, spec)
SNAPSHOT_FRAMES = {
    "members": ("snapshot_member", frames.MEMBER_SPEC),
    "counterparties": ("snapshot_counterparty", frames.COUNTERPARTY_SPEC),
    "exposures": ("snapshot_exposure", frames.EXPOSURE_SPEC),
    "limits": ("snapshot_limit", frames.LIMIT_SPEC),
    "business": ("snapshot_business", frames.BUSINESS_SPEC),
}
# frame name → boolean columns kept in the snapshot's meta_json (key ROW_FLAGS) as the seq numbers of the rows
# where they are true, not as columns of the row table: they were added to the model after the table was
# fixed, and a new column would change the hashed row content of every earlier snapshot (frames.py).
FLAG_COLUMNS = {"exposures": frames.EXPOSURE_FLAG_COLUMNS}
ROW_FLAGS = "row_flags"


def _split_flags(name: str, df: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """(the frame without its flag columns, {column: [seq of the true rows]})."""
    cols = [c for c in FLAG_COLUMNS.get(name, ()) if c in df.columns]
    if not cols:
        return df, {}
    flags = {c: [int(i) for i in np.flatnonzero(df[c].fillna(False).to_numpy(dtype=bool))] for c in cols}
    return df.drop(columns=cols), flags


def _join_flags(df: pd.DataFrame, flags: dict) -> pd.DataFrame:
    for col, true_rows in flags.items():
        values = np.zeros(len(df), dtype=bool)
        values[np.asarray(true_rows, dtype=np.int64)] = True
        df[col] = values
    return df


_COUNT_COLUMN = {"members": "n_members", "counterparties": "n_counterparties", "exposures": "n_exposures",
                 "limits": "n_limits", "business": "n_business"}


def _date_text(value: date | str, field: str) -> str:
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise StoreError("invalid_value", field=field, value=value, allowed="YYYY-MM-DD") from None
    if not isinstance(value, date):
        raise StoreError("invalid_value", field=field, value=str(value), allowed="YYYY-MM-DD")
    if isinstance(value, datetime):        # datetime / Timestamp (a datetime) → its date
        value = value.date()
    return value.isoformat()


def _dec_text(value: Any) -> str | None:
    if value is None:
        return None
    return str(value) if isinstance(value, Decimal) else str(Decimal(str(value)))


# every snapshot column, and its withdrawal's (w_*, NULL when not withdrawn)
_SNAPSHOT_SELECT = ("SELECT s.*, w.id AS w_id, w.reason AS w_reason, w.created_at AS w_created_at, "
                    "w.created_by AS w_created_by FROM snapshot s LEFT JOIN snapshot_withdrawal w ON w.snapshot_id = s.id")


def _withdrawal(r: dict[str, Any]) -> SnapshotWithdrawal:
    return SnapshotWithdrawal(id=r["id"], snapshot_id=r["snapshot_id"], reason=r["reason"],
                              created_at=r["created_at"], created_by=r["created_by"])


def _snapshot_info(r: dict[str, Any]) -> SnapshotInfo:
    withdrawal = None
    if r.get("w_id") is not None:
        withdrawal = SnapshotWithdrawal(id=r["w_id"], snapshot_id=r["id"], reason=r["w_reason"],
                                        created_at=r["w_created_at"], created_by=r["w_created_by"])
    return SnapshotInfo(id=r["id"], group_name=r["group_name"], as_of=date.fromisoformat(r["as_of"]),
                        source=r["source"], limits_origin=from_json(r["limits_origin"]),
                        n_members=r["n_members"], n_counterparties=r["n_counterparties"],
                        n_exposures=r["n_exposures"], n_limits=r["n_limits"], n_business=r["n_business"],
                        has_business=bool(r["has_business"]), created_at=r["created_at"],
                        created_by=r["created_by"], withdrawal=withdrawal)


_ROWS_PER_STATEMENT = 64     # multi-row VALUES: about a quarter faster than one row per statement


def insert_frame_rows(conn, table: str, parent_column: str, parent_id: int, values: list[list],
                      spec: dict[str, str]) -> None:
    """Insert a frame's rows (columns from frames.to_columns) under `parent_id`, seq = row position.
    Runs inside the caller's transaction."""
    cols = ", ".join([parent_column, "seq"] + [f'"{c}"' for c in spec])
    one = "(" + ", ".join("?" for _ in range(len(spec) + 2)) + ")"
    rows = frames.rows_for_insert(parent_id, values)
    n = len(values[0]) if values else 0
    k = _ROWS_PER_STATEMENT
    if n >= k:
        chunk = iter(rows)
        batches = (tuple(chain.from_iterable(islice(chunk, k))) for _ in range(n // k))
        conn.executemany(f'INSERT INTO "{table}" ({cols}) VALUES {", ".join([one] * k)}', batches)
        rows = chunk                                    # the remainder, fewer than k rows
    conn.executemany(f'INSERT INTO "{table}" ({cols}) VALUES {one}', rows)


def read_frame_rows(conn, table: str, parent_column: str, parent_id: int, spec: dict[str, str],
                    present: list[list[str]] | None) -> pd.DataFrame:
    cols = ", ".join(f'"{c}"' for c in spec)
    rows = conn.execute(f'SELECT {cols} FROM "{table}" WHERE {parent_column} = ? ORDER BY seq',
                        (parent_id,)).fetchall()
    return frames.from_rows(rows, spec, present)


class SnapshotsMixin(StoreBase):

    # -- snapshots ----------------------------------------------------------------------------------------

    def save_snapshot(self, data: GroupData, user: str | None, source: str | None = None,
                      limits_origin: Any = "data") -> int:
        """Store the whole GroupData as one immutable snapshot, in one transaction (all rows or none).

        `limits_origin`: where the limits came from: "data" (the data's limits.csv), or a reference such
        as {"limit_set_id": 1, "version": 3}. `source` defaults to `data.source`.
        """
        g: GroupInfo = data.group
        converted: dict[str, tuple[list[list], list[list[str]], int]] = {}
        row_flags: dict[str, dict] = {}
        for name, (_table, spec) in SNAPSHOT_FRAMES.items():
            df = getattr(data, name)
            if df is None:
                continue
            df, flags = _split_flags(name, df)
            if flags:
                row_flags[name] = flags
            values, present = frames.to_columns(df, spec, name)
            converted[name] = (values, present, len(df))
        columns_doc = {name: present for name, (_, present, _) in converted.items()}
        with self.transaction():
            at = self.now()
            header = {
                "group_name": g.name, "as_of": _date_text(g.as_of, "as_of"),
                "total_assets_fen": int(g.total_assets_fen), "net_assets_fen": int(g.net_assets_fen),
                "solvency_ratio": _dec_text(g.solvency_ratio),
                "actual_capital_fen": None if g.actual_capital_fen is None else int(g.actual_capital_fen),
                "minimum_capital_fen": None if g.minimum_capital_fen is None else int(g.minimum_capital_fen),
                "source": source if source is not None else data.source,
                "limits_origin": to_json(limits_origin), "has_business": int(data.business is not None),
                "columns_json": to_json(columns_doc),
                "meta_json": to_json({**(data.meta or {}), **({ROW_FLAGS: row_flags} if row_flags else {})}),
                "created_at": at, "created_by": user,
            }
            for name, column in _COUNT_COLUMN.items():
                header[column] = converted[name][2] if name in converted else 0
            sid = self._insert("snapshot", header)
            for name, (values, _, _) in converted.items():
                table, spec = SNAPSHOT_FRAMES[name]
                insert_frame_rows(self.conn, table, "snapshot_id", sid, values, spec)
            self._journal("snapshot.saved", "snapshot", sid,
                          {"group_name": g.name, "as_of": header["as_of"], "source": header["source"],
                           "limits_origin": limits_origin,
                           "counts": {n: header[c] for n, c in _COUNT_COLUMN.items()}}, user, at)
        return sid

    def load_snapshot(self, snapshot_id: int) -> GroupData:
        r = self._require("snapshot", snapshot_id)
        present = from_json(r["columns_json"])
        group = GroupInfo(name=r["group_name"], as_of=date.fromisoformat(r["as_of"]),
                          total_assets_fen=r["total_assets_fen"], net_assets_fen=r["net_assets_fen"],
                          solvency_ratio=None if r["solvency_ratio"] is None else Decimal(r["solvency_ratio"]),
                          actual_capital_fen=r["actual_capital_fen"], minimum_capital_fen=r["minimum_capital_fen"])
        loaded: dict[str, pd.DataFrame | None] = {}
        for name, (table, spec) in SNAPSHOT_FRAMES.items():
            if name not in present:
                loaded[name] = None
                continue
            loaded[name] = read_frame_rows(self.conn, table, "snapshot_id", snapshot_id, spec, present[name])
        meta = dict(from_json(r["meta_json"]) or {})
        for name, flags in (meta.pop(ROW_FLAGS, None) or {}).items():
            if loaded.get(name) is not None:
                loaded[name] = _join_flags(loaded[name], flags)
        return GroupData(group=group, members=loaded["members"], counterparties=loaded["counterparties"],
                         exposures=loaded["exposures"], limits=loaded["limits"], business=loaded["business"],
                         source=r["source"], meta=meta)

    def load_snapshot_parts(self, snapshot_id: int, names: tuple[str, ...] = ("members", "counterparties", "limits"),
                            columns: dict[str, tuple[str, ...]] | None = None
                            ) -> tuple[GroupInfo, dict[str, pd.DataFrame | None]]:
        """(the group's figures, {frame name: frame}) of a snapshot, reading only the frames named: a
        screen that shows the stored evaluation needs the members and the counterparties' names, never
        the exposure rows. Frames as `load_snapshot` gives them (row flags joined); None when absent.
        `columns`: {frame name: the columns to read} when not all of them are needed."""
        r = self._require("snapshot", snapshot_id)
        present = from_json(r["columns_json"])
        group = GroupInfo(name=r["group_name"], as_of=date.fromisoformat(r["as_of"]),
                          total_assets_fen=r["total_assets_fen"], net_assets_fen=r["net_assets_fen"],
                          solvency_ratio=None if r["solvency_ratio"] is None else Decimal(r["solvency_ratio"]),
                          actual_capital_fen=r["actual_capital_fen"], minimum_capital_fen=r["minimum_capital_fen"])
        flags = (from_json(r["meta_json"]) or {}).get(ROW_FLAGS) or {}
        out: dict[str, pd.DataFrame | None] = {}
        for name in names:
            table, spec = SNAPSHOT_FRAMES[name]
            if name not in present:
                out[name] = None
                continue
            cols = present[name]
            if columns is not None and name in columns:
                spec = {c: k for c, k in spec.items() if c in columns[name]}
                cols = None if cols is None else [pc for pc in cols if pc[0] in spec]
            df = read_frame_rows(self.conn, table, "snapshot_id", snapshot_id, spec, cols)
            out[name] = _join_flags(df, flags[name]) if name in flags and columns is None else df
        return group, out

    def load_snapshot_limits(self, snapshot_id: int) -> pd.DataFrame | None:
        """A snapshot's own limits (its limits.csv), without its other rows."""
        return self.load_snapshot_parts(snapshot_id, ("limits",))[1]["limits"]

    def exposure_issuers(self, snapshot_id: int, instruments=None) -> dict[str, str]:
        """{instrument_id: counterparty_id} of the snapshot's holdings (the issuer a single-asset key is
        named by), for the `instruments` given or all. One pass over the rows in SQLite, no frame built."""
        sql = ('SELECT instrument_id, counterparty_id FROM snapshot_exposure WHERE snapshot_id = ? '
               'AND parent_exposure_id IS NULL AND counterparty_id IS NOT NULL AND instrument_id IS NOT NULL')
        if instruments is None:
            return dict(self.conn.execute(sql, (snapshot_id,)).fetchall())
        wanted = sorted({str(i) for i in instruments if i is not None})
        if not wanted:
            return {}
        # one parameter (a JSON list), so that any number of keys costs one pass and no temporary table
        # (a read-only history takes none)
        rows = self.conn.execute(sql + " AND instrument_id IN (SELECT value FROM json_each(?))",
                                 (snapshot_id, to_json(wanted))).fetchall()
        return dict(rows)

    def get_snapshot_info(self, snapshot_id: int) -> SnapshotInfo:
        """Any snapshot on record, withdrawn or not (`withdrawal` says)."""
        r = self._one(_SNAPSHOT_SELECT + " WHERE s.id = ?", (snapshot_id,))
        if r is None:
            raise StoreError("not_found", entity="snapshot", id=snapshot_id)
        return _snapshot_info(r)

    def list_snapshots(self, include_withdrawn: bool = False) -> list[SnapshotInfo]:
        """Newest data first: by as_of, then by when saved. Withdrawn snapshots only with
        `include_withdrawn` (the history lists them, marked by their `withdrawal`)."""
        where = "" if include_withdrawn else " WHERE w.id IS NULL"
        return [_snapshot_info(r) for r in self.db.query(_SNAPSHOT_SELECT + where + " ORDER BY s.as_of DESC, s.id DESC")]

    def snapshots_frame(self) -> pd.DataFrame:
        """list_snapshots() as a table (for a GUI list): withdrawn snapshots left out."""
        infos = self.list_snapshots()
        cols = ["id", "group_name", "as_of", "created_at", "created_by", "source", "n_members",
                "n_counterparties", "n_exposures", "n_limits", "n_business"]
        return pd.DataFrame([{c: getattr(i, c) for c in cols} for i in infos], columns=cols)

    def latest_snapshot_in(self, start_date: date | str, end_date: date | str,
                           include_withdrawn: bool = False) -> SnapshotInfo | None:
        """The snapshot with the latest as_of within [start_date, end_date] (the newest saved on a tie),
        withdrawn snapshots skipped unless `include_withdrawn`."""
        where = "" if include_withdrawn else " AND w.id IS NULL"
        r = self._one(_SNAPSHOT_SELECT + " WHERE s.as_of >= ? AND s.as_of <= ?" + where +
                      " ORDER BY s.as_of DESC, s.id DESC LIMIT 1",
                      (_date_text(start_date, "start_date"), _date_text(end_date, "end_date")))
        return None if r is None else _snapshot_info(r)

    def withdraw_snapshot(self, snapshot_id: int, user: str | None, reason: str | None) -> SnapshotWithdrawal:
        """Withdraw a snapshot imported by mistake, saying why (any named user). Refused: `user_required`,
        `invalid_value` (field reason) for an empty reason, `not_found`, `withdrawn` (already). The snapshot
        and its evaluations stay on record; from now on it is skipped wherever "the" snapshot is chosen and
        takes no new evaluation. Breach cases opened by its evaluation are not touched."""
        who = "" if user is None else str(user).strip()
        if not who:
            raise StoreError("user_required", role="withdrawer")
        why = (reason or "").strip()
        if not why:
            raise StoreError("invalid_value", field="reason", value=reason, allowed="a reason")
        with self.transaction():
            self._require("snapshot", snapshot_id)
            done = self._one("SELECT id FROM snapshot_withdrawal WHERE snapshot_id = ?", (snapshot_id,))
            if done is not None:
                raise StoreError("withdrawn", snapshot_id=snapshot_id, withdrawal_id=done["id"])
            at = self.now()
            wid = self._insert("snapshot_withdrawal", {"snapshot_id": snapshot_id, "reason": why,
                                                       "created_at": at, "created_by": who})
            self._journal("snapshot.withdrawn", "snapshot", snapshot_id, {"withdrawal_id": wid, "reason": why},
                          who, at)
        return _withdrawal(self._require("snapshot_withdrawal", wid))

    def snapshot_withdrawals(self) -> list[SnapshotWithdrawal]:
        """Every snapshot withdrawal on record, oldest first."""
        return [_withdrawal(r) for r in self._all("SELECT * FROM snapshot_withdrawal ORDER BY id")]

    # -- evaluations --------------------------------------------------------------------------------------

    def save_evaluation(self, snapshot_id: int, limit_set_ref: dict, result_json: dict,
                        aggregates: dict[str, pd.DataFrame] | None, user: str | None) -> int:
        """Record the result of evaluating a snapshot against a set of limits.

        `limit_set_ref`: {"source": "snapshot"} (the snapshot's own limits) or {"limit_set_id": .., "version": ..}
        (checked to exist). `aggregates`: frames (per dimension, per key, ...) from which a re-evaluation
        under other limits needs no exposure rows; each is stored as one compressed blob (frames.FRAME_CODEC).
        """
        encoded = [(name, frames.encode_frame(df), len(df)) for name, df in (aggregates or {}).items()]
        with self.transaction():
            self._require("snapshot", snapshot_id)
            withdrawn = self._one("SELECT id FROM snapshot_withdrawal WHERE snapshot_id = ?", (snapshot_id,))
            if withdrawn is not None:
                raise StoreError("withdrawn", snapshot_id=snapshot_id, withdrawal_id=withdrawn["id"])
            version_id = None
            if "limit_set_id" in limit_set_ref:
                row = self._one("SELECT id FROM limit_set_version WHERE limit_set_id = ? AND version = ?",
                                (limit_set_ref["limit_set_id"], limit_set_ref.get("version")))
                if row is None:
                    raise StoreError("not_found", entity="limit_set_version",
                                     id=[limit_set_ref["limit_set_id"], limit_set_ref.get("version")])
                version_id = row["id"]
            at = self.now()
            eid = self._insert("evaluation", {"snapshot_id": snapshot_id, "limit_set_ref": to_json(limit_set_ref),
                                              "limit_set_version_id": version_id, "result_json": to_json(result_json),
                                              "created_at": at, "created_by": user})
            for name, blob, n in encoded:
                self._insert("evaluation_aggregate", {"evaluation_id": eid, "name": str(name),
                                                      "codec": frames.FRAME_CODEC, "n_rows": n, "data": blob})
            self._journal("evaluation.saved", "evaluation", eid,
                          {"snapshot_id": snapshot_id, "limit_set_ref": limit_set_ref,
                           "aggregates": [n for n, _, _ in encoded]}, user, at)
        return eid

    def _evaluation(self, r: dict[str, Any], with_aggregates: bool) -> EvaluationRecord:
        rows = self._all("SELECT name, codec, data FROM evaluation_aggregate WHERE evaluation_id = ? ORDER BY id"
                         if with_aggregates else
                         "SELECT name FROM evaluation_aggregate WHERE evaluation_id = ? ORDER BY id", (r["id"],))
        aggregates = None
        if with_aggregates:
            aggregates = {}
            for a in rows:
                if a["codec"] != frames.FRAME_CODEC:
                    raise StoreError("unsupported_value", column=a["name"], type=[a["codec"]])
                aggregates[a["name"]] = frames.decode_frame(a["data"])
        return EvaluationRecord(id=r["id"], snapshot_id=r["snapshot_id"], limit_set_ref=from_json(r["limit_set_ref"]),
                                limit_set_version_id=r["limit_set_version_id"], result=from_json(r["result_json"]),
                                aggregate_names=tuple(a["name"] for a in rows), created_at=r["created_at"],
                                created_by=r["created_by"], aggregates=aggregates)

    def load_evaluation(self, evaluation_id: int) -> EvaluationRecord:
        return self._evaluation(self._require("evaluation", evaluation_id), with_aggregates=True)

    def evaluations_for(self, snapshot_id: int) -> list[EvaluationRecord]:
        """Newest first; aggregates not loaded (aggregate_names says which exist)."""
        return [self._evaluation(r, with_aggregates=False) for r in
                self._all("SELECT * FROM evaluation WHERE snapshot_id = ? ORDER BY id DESC", (snapshot_id,))]
