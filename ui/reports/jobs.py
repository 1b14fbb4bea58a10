"""What the reports screen runs off the GUI thread (no widgets in here): make a report and draw its first
pages (a background thread with a reading connection of its own), then record it (on the session's one store
worker, like every other write); make a recorded report again; record the board's approval of a disclosure
text. And where reports are saved by default."""
from __future__ import annotations

import os
from pathlib import Path

from ui import settings
from ui.reports.preview import rasterise

FOLDER_KEY = "screens/reports/folder"


class _WithPreview:
    """The report's progress(done, total) with one more step: drawing the preview. The report's own last
    step (recorded) comes after the preview, from the store worker's job: `record_job`."""

    def __init__(self, progress):
        self.progress = progress
        self.total = 1

    def __call__(self, done: int, total: int) -> None:
        self.total = total + 1
        if self.progress is not None:
            self.progress(done, self.total)

    def drawn(self) -> None:
        if self.progress is not None:
            self.progress(self.total - 1, self.total)

    def finished(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total)


def make_job(store, kind: str, period: str, path: str, fmt: str, options: dict | None, progress=None):
    """Build, render and write the report and rasterise its first pages (background thread, reading only);
    `progress(done, total)` per stage. Returns (reports.service.MadeReport, Preview): `record_job` records it."""
    from reports.service import make_report

    steps = _WithPreview(progress)
    made = make_report(store, kind, period, path, fmt=fmt, options=options or None, progress=steps)
    preview = rasterise(made.path)
    steps.drawn()
    return made, preview


def record_job(store, made, user: str | None):
    """Record a report `make_job` made (the store worker): one transaction. Returns the GeneratedReport."""
    from reports.service import record_made

    return record_made(store, made, user or None)


def record_approval_job(store, period: str, body: str, meeting: str, day: str, text_id: int, user: str | None):
    """Record the board's approval of one saved disclosure-text version (worker thread): one transaction."""
    return store.record_board_approval("disclosure", period, body, meeting, day, text_id, user or None)


def regenerate_job(store, report_id: int, path: str, progress=None):
    from reports.service import regenerate

    steps = _WithPreview(progress)
    result = regenerate(store, report_id, path, progress=steps)
    preview = rasterise(result.path)
    steps.finished()
    return result, preview


def default_folder() -> str:
    folder = settings.read_str(FOLDER_KEY)
    if folder and os.path.isdir(folder):
        return folder
    docs = Path.home() / "Documents"
    return str(docs if docs.is_dir() else Path.home())
