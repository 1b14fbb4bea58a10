"""`Store`: the one object the rest of RiskDesk uses to keep things on record."""
from __future__ import annotations

from core.store.assessments import AssessmentsMixin
from core.store.cases import CasesMixin
from core.store.documents import DocumentsMixin
from core.store.governance import GovernanceMixin
from core.store.limitsets import LimitSetsMixin
from core.store.report_reads import ReportReadsMixin
from core.store.snapshots import SnapshotsMixin


class Store(AssessmentsMixin, SnapshotsMixin, LimitSetsMixin, CasesMixin, DocumentsMixin,
            GovernanceMixin, ReportReadsMixin):
    """Open with `Store.open(path)` (None = the user's default database) or `Store.create_in_memory()`.

    Every write method is one transaction that also appends a journal row; several writes can be grouped
    with `with store.transaction(): ...`. Nothing on record is ever updated or deleted.
    """
