"""What the reports screen runs in a worker thread (no widgets in here): generate a report, record it and
draw its first pages; make a recorded report again; record the board's approval of a disclosure text.
And where reports are saved by default."""
from __future__ import annotations

import os
from pathlib import Path

from ui import settings
from ui.reports.preview import rasterise

FOLDER_KEY = "screens/reports/folder"


class _WithPreview:
    """The report's progress(done, total) with one more step at the end: drawing the preview."""

    def __init__(self, progress):
        self.progress = progress
        self.total = 1

    def __call__(self, done: int, total: int) -> None:
        self.total = total + 1
        if self.progress is not None:
            self.progress(done, self.total)

    def finished(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total)


def generate_job(store, kind: str, period: str, path: str, fmt: str, user: str | None, options: dict | None,
                 progress=None):
    """Generate, record and rasterise the first pages (worker thread); `progress(done, total)` per stage."""
    from reports.service import generate_report

    steps = _WithPreview(progress)
    result = generate_report(store, kind, period, path, fmt=fmt, user=user or None, options=options or None,
                             progress=steps)
    preview = rasterise(result.path)
    steps.finished()
    return result, preview


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
