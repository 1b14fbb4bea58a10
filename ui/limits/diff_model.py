"""Qt models of a limit-set diff (`core.whatif.sandbox.LimitSetDiff`): per limit old/new thresholds and
statuses, and the keys that move between ok / warning / breach.

Used for the sandbox against the approved set and for two approved versions compared. The models only
adapt core's diff; "old" is the approved set (or the first version), "new" the sandbox (or the second).
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ui.common import format as fmt
from ui.common.tables import Column
from ui.limits import models as m

WORSE_TINT = "#FDE7E7"
BETTER_TINT = "#E8F5E9"


def _arrow(old: str, new: str) -> str:
    return old if old == new else f"{old} → {new}"


def _ratio_text(side, name: str) -> str:
    if side is None:
        return fmt.DASH
    return m.pct(getattr(side, name))


def _name(change) -> str:
    side = change.new if change.new is not None else change.old
    return "" if side is None else str(side.definition.get("name") or "")


def severity_move(old: str, new: str) -> int:
    """-1 better (towards ok), +1 worse (towards breach), 0 otherwise."""
    a, b = m.STATUS_RANK.get(old, 9), m.STATUS_RANK.get(new, 9)
    if a > 3 or b > 3:            # absent / no basis: neither
        return 0
    return (b < a) - (b > a)


def move_tint(old: str | None, new: str | None, better: bool = True) -> str | None:
    """The row tint of a status move: red when worse, green when better (`better`: tinted at all)."""
    d = severity_move(old, new)
    return WORSE_TINT if d > 0 else (BETTER_TINT if d < 0 and better else None)


def move_text(old: str | None, new: str | None) -> str:
    """A status move in words: "预警 → 超限"."""
    return f"{m.status_label(old)} → {m.status_label(new)}"


class DiffModel(m.RowsModel):
    """One row per limit of the diff; changed and added/removed limits first when `changes_first`."""

    COLUMNS = ("limit_id", "name", "change", "warning", "limit", "status", "moves")
    HEADERS = {
        "limit_id": QT_TRANSLATE_NOOP("LimitsLabels", "ID"),
        "name": QT_TRANSLATE_NOOP("LimitsLabels", "Name"),
        "change": QT_TRANSLATE_NOOP("LimitsLabels", "Change"),
        "warning": QT_TRANSLATE_NOOP("LimitsLabels", "Warning: approved → new"),
        "limit": QT_TRANSLATE_NOOP("LimitsLabels", "Limit: approved → new"),
        "status": QT_TRANSLATE_NOOP("LimitsLabels", "Status: approved → new"),
        "moves": QT_TRANSLATE_NOOP("LimitsLabels", "Keys moving"),
    }
    VERSION_HEADERS = {
        "warning": QT_TRANSLATE_NOOP("LimitsLabels", "Warning: first → second"),
        "limit": QT_TRANSLATE_NOOP("LimitsLabels", "Limit: first → second"),
        "status": QT_TRANSLATE_NOOP("LimitsLabels", "Status: first → second"),
    }

    def __init__(self, parent=None, versions: bool = False):
        super().__init__(parent)
        self.diff = None
        self.only_changes = False
        self.versions = versions

    def set_diff(self, diff, only_changes: bool | None = None) -> None:
        if only_changes is not None:
            self.only_changes = only_changes
        changes = [] if diff is None else list(diff.changes)
        if self.only_changes:
            changes = [c for c in changes if c.change != "unchanged" or c.moves or c.status_changed]
        same = [c.limit_id for c in changes] == [c.limit_id for c in self.rows]
        self.diff = diff
        if same and changes:
            self.rows = changes
            self.dataChanged.emit(self.index(0, 0), self.index(len(changes) - 1, len(self.COLUMNS) - 1))
        else:
            self.set_rows(changes)

    def header_source(self, name: str) -> str:
        return (self.VERSION_HEADERS.get(name) if self.versions else None) or self.HEADERS[name]

    def change_at(self, row: int):
        return self.rows[row]

    def row_of(self, limit_id: str) -> int:
        for i, c in enumerate(self.rows):
            if c.limit_id == limit_id:
                return i
        return -1

    def specs(self) -> list[Column]:
        h = self.HEADERS

        def touched(c) -> bool:
            return c.change != "unchanged"

        def row_tint(c):
            return BETTER_TINT if c.change == "added" else ("#f3f3f3" if c.change == "removed" else None)

        def muted(c):
            return m.MUTED if c.change == "removed" else None

        def threshold(name):
            def tint(c):
                return m.CHANGED_TINT if c.change == "changed" and name in c.fields else row_tint(c)

            return Column(h[name], lambda c: _arrow(_ratio_text(c.old, name), _ratio_text(c.new, name)),
                          raw=lambda c: (None if c.old is None else getattr(c.old, name),
                                         None if c.new is None else getattr(c.new, name)),
                          align=m.RIGHT, bg=tint, fg=muted, bold=touched, tip=lambda c: self._threshold_tip(c, name),
                          key=name)

        return [
            Column(h["limit_id"], lambda c: c.limit_id, align=m.LEFT, bg=row_tint, fg=muted, bold=touched,
                   key="limit_id"),
            Column(h["name"], _name, align=m.LEFT, bg=row_tint, fg=muted, key="name"),
            Column(h["change"], lambda c: m.label(m.CHANGE_LABELS, c.change), align=m.CENTER, bg=row_tint,
                   fg=lambda c: muted(c) or ("#1f5f99" if touched(c) else None), bold=touched, key="change"),
            threshold("warning"),
            threshold("limit"),
            Column(h["status"], lambda c: _arrow(m.status_label(c.old_status), m.status_label(c.new_status)),
                   raw=lambda c: (c.old_status, c.new_status), align=m.CENTER, bg=row_tint, fg=muted,
                   status=lambda c: (c.old_status, c.new_status), tip=_moves_tip, key="status"),
            Column(h["moves"], lambda c: str(len(c.moves)) if c.moves else "", raw=lambda c: len(c.moves),
                   align=m.CENTER, bg=row_tint, fg=muted, key="moves"),
        ]

    def _threshold_tip(self, c, name: str) -> str:
        """Each side's threshold as a ratio of its basis and as an amount."""
        parts = []
        for label, side in ((QCoreApplication.translate("LimitsLabels", "Approved") if not self.versions else QCoreApplication.translate("LimitsLabels", "First"), c.old),
                            (QCoreApplication.translate("LimitsLabels", "New") if not self.versions else QCoreApplication.translate("LimitsLabels", "Second"), c.new)):
            if side is not None:
                th = side.warning_threshold_fen if name == "warning" else side.breach_threshold_fen
                parts.append(QCoreApplication.translate("LimitsLabels", "{side}: {ratio} of {basis} = {amount}").format(
                    side=label, ratio=m.pct(getattr(side, name)), basis=m.amount(side.basis_fen),
                    amount=m.amount(th)))
        return "\n".join(parts)


def _moves_tip(c) -> str | None:
    """The keys that move between statuses (the first twelve)."""
    if not c.moves:
        return None
    return "\n".join(f"{mv.key}: {m.status_label(mv.old_status)} → {m.status_label(mv.new_status)}"
                     for mv in c.moves[:12])


class MovesModel(m.RowsModel):
    """Every key whose status differs between the two sides, coloured by direction (worse red, better green)."""

    COLUMNS = ("limit_id", "key", "status", "old_ratio", "new_ratio")
    HEADERS = {
        "limit_id": QT_TRANSLATE_NOOP("LimitsLabels", "Limit"),
        "key": QT_TRANSLATE_NOOP("LimitsLabels", "Key"),
        "status": QT_TRANSLATE_NOOP("LimitsLabels", "Status"),
        "old_ratio": QT_TRANSLATE_NOOP("LimitsLabels", "Ratio before"),
        "new_ratio": QT_TRANSLATE_NOOP("LimitsLabels", "Ratio after"),
    }

    def __init__(self, parent=None, key_names=None):
        super().__init__(parent)
        self.key_names = key_names      # callable(limit_id, key) -> name, or None

    def set_diff(self, diff) -> None:
        self.set_rows([] if diff is None else diff.moves())     # (limit_id, KeyMove)

    def specs(self) -> list[Column]:
        h = self.HEADERS

        def key_text(row) -> str:
            lid, mv = row
            key = m.key_label(mv.key) if mv.key in m.KEY_LABELS or mv.key is None else str(mv.key)
            extra = self.key_names(lid, mv.key) if self.key_names is not None else ""
            return f"{key} {extra}".strip() if extra and extra != key else key

        def exposure_tip(row) -> str:
            mv = row[1]
            fen = mv.new_exposure_fen if mv.new_exposure_fen is not None else mv.old_exposure_fen
            return QCoreApplication.translate("LimitsLabels", "Exposure: {amount}").format(amount=m.amount(fen))

        def tint(row):
            return move_tint(row[1].old_status, row[1].new_status)

        return [
            Column(h["limit_id"], lambda r: r[0], align=m.LEFT, bg=tint, tip=exposure_tip, key="limit_id"),
            Column(h["key"], key_text, raw=lambda r: r[1].key, align=m.LEFT, bg=tint, tip=exposure_tip, key="key"),
            Column(h["status"], lambda r: move_text(r[1].old_status, r[1].new_status),
                   raw=lambda r: (r[1].old_status, r[1].new_status), align=m.CENTER,
                   status=lambda r: (r[1].old_status, r[1].new_status), tip=exposure_tip, key="status"),
            Column(h["old_ratio"], lambda r: m.pct(r[1].old_ratio), align=m.RIGHT, bg=tint, tip=exposure_tip,
                   key="old_ratio"),
            Column(h["new_ratio"], lambda r: m.pct(r[1].new_ratio), align=m.RIGHT, bg=tint, tip=exposure_tip,
                   key="new_ratio"),
        ]
