"""Generate a report: build its data, render it (PDF or XLSX), record it in the store; regenerate it later.

    rec = generate_report(store, "semiannual", "2025H1", "board.pdf")
    regenerate(store, rec.id, "copy.pdf")        # the same bytes (same SHA-256)

What a report reads is fixed when it is generated: the snapshot, and the newest id of every kind of
record it may read (`reports.builders.common.Pins`: evaluations, case events, officer texts, limit-set
versions, proposals, assessments, board approvals, snapshot withdrawals). These go into the report record's parameters with the period, the
format, the date and the builder's options, so `regenerate` reads exactly what the first run read, however
the breach register or the texts moved on since.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, fields
from datetime import date as Date
from pathlib import Path
from typing import Any, Callable

from reports.builders import KINDS, Pins, ReportError, builder
from reports.builders.common import current_pins, latest_snapshot_in, period_of
from reports.model import ReportDocument

FORMATS = ("pdf", "xlsx")
Progress = Callable[[int, int], None]   # progress(done, total), called in the thread that makes the report
# 2: the disclosure's approval is a board-approval record (pinned as "approval"); reports recorded with 1
# read it as the free officer text "disclosure_approval", and are regenerated that way.
PARAMS_VERSION = 2


@dataclass(frozen=True)
class MadeReport:
    """A report built, rendered and written by `make_report`, not yet on record: what `record_made` records.
    `chain_head`: the history's head it was made from; `steps`: the total of its progress reports (the last,
    "recorded", is `record_made`'s)."""

    kind: str
    period: str
    snapshot_id: int | None
    params: dict
    sha256: str
    path: str
    document: ReportDocument
    chain_head: str | None = None
    steps: int = 0


@dataclass(frozen=True, kw_only=True)
class GeneratedReport(MadeReport):
    """What `generate_report` made: the store's record id, and what the record holds."""

    id: int


def check_out_path(out_path: str | Path) -> Path:
    """The output file must be creatable: its folder exists and is writable, it is not a folder itself."""
    path = Path(out_path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise ReportError("unwritable_out", path=str(path), reason="is_a_directory")
    if not folder.is_dir():
        raise ReportError("unwritable_out", path=str(path), reason="no_such_folder")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ReportError("unwritable_out", path=str(path), reason="not_writable")
    return path


def render_steps(doc: ReportDocument, fmt: str) -> int:
    """How many steps `render` reports through its progress callback (PDF: per section and layout pass)."""
    if fmt == "pdf":
        from reports.pdf.document import PdfRenderer
        return PdfRenderer.progress_steps(doc)
    return 1


def render(doc: ReportDocument, fmt: str, progress: Progress | None = None, chain_head: str | None = None) -> bytes:
    """The file's bytes. `progress(done, total)` with total = `render_steps(doc, fmt)`, ending at total.
    `chain_head`: the history's chain head the report was made from, printed (short) in the PDF footer."""
    if fmt == "pdf":
        from reports.pdf.document import PdfRenderer
        return PdfRenderer(chain_head=chain_head).render(doc, progress=progress)
    if fmt == "xlsx":
        from reports.xlsx import XlsxWriter
        data = XlsxWriter(doc).to_bytes()
        if progress is not None:
            progress(1, 1)
        return data
    raise ReportError("unknown_format", format=fmt, allowed=list(FORMATS))


class _Stages:
    """One report's progress over its stages: the data built (1), rendering (`render_steps`), written and
    recorded (1). The total is known once the data is built, so the first call comes then."""

    def __init__(self, progress: Progress | None):
        self.progress = progress
        self.total = 0

    def built(self, doc: ReportDocument, fmt: str) -> None:
        self.total = 1 + render_steps(doc, fmt) + 1
        self._tell(1)

    def rendering(self, done: int, _total: int) -> None:
        self._tell(1 + done)

    def finished(self) -> None:
        self._tell(self.total)

    def _tell(self, done: int) -> None:
        if self.progress is not None:
            self.progress(min(done, self.total), self.total)


def build(store, kind: str, period: str, *, date: Date | None = None, pins: Pins | None = None,
          options: dict | None = None, texts: dict | None = None) -> ReportDocument:
    if kind not in KINDS:
        raise ReportError("unknown_kind", kind=kind, allowed=list(KINDS))
    return builder(kind)(store, period, date=date, texts=texts, pins=pins, **(options or {}))


def _snapshot_id(store, kind: str, period: str, pins: Pins) -> int | None:
    """The snapshot the report read (as the builders choose it: within the pins)."""
    if kind == "rating":
        return None
    p = period_of(period)
    info = latest_snapshot_in(store, p.start, p.end, pins)
    return None if info is None else info.id


def generate_report(store, kind: str, period: str, out_path: str | Path, *, fmt: str = "pdf",
                    date: Date | None = None, user: str | None = None, options: dict | None = None,
                    texts: dict | None = None, progress: Progress | None = None,
                    as_of_record: Date | None = None) -> GeneratedReport:
    """Build, render and write the report, then record it (kind, period, snapshot, params, SHA-256, path).

    `options`: builder keywords kept with the record (e.g. ``{"names": True}`` for the disclosure).
    `texts`: officer texts not yet saved (a preview); a report made with them is not reproducible from
    the store, so they are recorded in the parameters too. Raises `ReportError` (bad_period, no_snapshot,
    no_assessment, unwritable_out, ...) before anything is written.
    `progress(done, total)`: called in this thread once the data is built (done 1), as the renderer lays
    out each section, and when the report is written and recorded (done == total); no Qt, no sentences.
    `as_of_record`: the cut-off; the report reads only records made up to that day (default: all now).
    The two halves, `make_report` (reads only) and `record_made` (the one write), may run on different
    connections: the GUI makes the report in a background thread and records it on its store writer.
    """
    made = make_report(store, kind, period, out_path, fmt=fmt, date=date, options=options, texts=texts,
                       progress=progress, as_of_record=as_of_record)
    return record_made(store, made, user, progress=progress)


def make_report(store, kind: str, period: str, out_path: str | Path, *, fmt: str = "pdf",
                date: Date | None = None, options: dict | None = None, texts: dict | None = None,
                progress: Progress | None = None, as_of_record: Date | None = None) -> MadeReport:
    """`generate_report` up to the file written: reads the store, writes nothing to it. `progress` as
    there, but for the last step, which `record_made` reports."""
    if fmt not in FORMATS:
        raise ReportError("unknown_format", format=fmt, allowed=list(FORMATS))
    path = check_out_path(out_path)
    p = period_of(period)
    pins = pins_now(store, kind, p.code, as_of_record)
    # the history this report is made from, anchored outside the file: printed in the footer, recorded
    # with the report, checked by `db verify` (core.store.chain); pinned like the records it reads
    head = store.chain_head(for_report=True) if hasattr(store, "chain_head") else None
    doc = build(store, kind, p.code, date=date, pins=pins, options=options, texts=texts)
    stages = _Stages(progress)
    stages.built(doc, fmt)
    data = render(doc, fmt, progress=stages.rendering, chain_head=head)
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise ReportError("unwritable_out", path=str(path), reason=exc.strerror or type(exc).__name__) from None
    sha = hashlib.sha256(data).hexdigest()
    params: dict[str, Any] = {"params_version": PARAMS_VERSION, "format": fmt, "period": p.code,
                              "date": None if date is None else date.isoformat(), "pins": pins.to_json(),
                              "options": dict(options or {}), "as_of": doc.as_of.isoformat()}
    if texts:
        params["texts"] = dict(texts)
    if head:
        params["chain_head"] = head
    snapshot_id = _snapshot_id(store, kind, p.code, pins)
    return MadeReport(kind, p.code, snapshot_id, params, sha, str(path), doc, head, stages.total)


def record_made(store, made: MadeReport, user: str | None = None,
                progress: Progress | None = None) -> GeneratedReport:
    """Record a report `make_report` wrote (one transaction); `progress(steps, steps)` once it is on record."""
    if made.chain_head:
        rid = store.record_report(made.kind, made.period, made.snapshot_id, made.params, made.sha256, made.path,
                                  user, chain_head=made.chain_head)
    else:
        rid = store.record_report(made.kind, made.period, made.snapshot_id, made.params, made.sha256, made.path,
                                  user)
    if progress is not None:
        progress(made.steps, made.steps)
    return GeneratedReport(**{f.name: getattr(made, f.name) for f in fields(made)}, id=rid)


def pins_now(store, kind: str, period: str, as_of_record: Date | None = None) -> Pins:
    """The records a report of `kind` for `period` would read if made now (or with the cut-off
    `as_of_record`: those recorded up to that day)."""
    return current_pins(store, period_of(period).code, as_of_record)


def regenerate(store, report_id: int, out_path: str | Path, *, progress: Progress | None = None) -> GeneratedReport:
    """Make a recorded report again from what it read the first time; the bytes are identical when the
    records it read are unchanged (they are immutable in the store). The copy is not recorded again.
    `progress` as for `generate_report`."""
    rec = next((r for r in store.list_reports() if r.id == report_id), None)
    if rec is None:
        raise ReportError("unknown_report", report_id=report_id)
    params = rec.params or {}
    path = check_out_path(out_path)
    when = params.get("date")
    options = dict(params.get("options") or {})
    if rec.kind == "disclosure" and int(params.get("params_version", 1)) < 2:
        options["approval_from"] = "text"      # as it was made: before approvals were records
    doc = build(store, rec.kind, params.get("period") or rec.period,
                date=None if when is None else Date.fromisoformat(when), pins=Pins.from_json(params.get("pins")),
                options=options or None, texts=params.get("texts"))
    stages = _Stages(progress)
    stages.built(doc, params.get("format", "pdf"))
    data = render(doc, params.get("format", "pdf"), progress=stages.rendering, chain_head=params.get("chain_head"))
    path.write_bytes(data)
    sha = hashlib.sha256(data).hexdigest()
    stages.finished()
    return GeneratedReport(rec.kind, rec.period, rec.snapshot_id, params, sha, str(path), doc,
                           params.get("chain_head"), stages.total, id=rec.id)
