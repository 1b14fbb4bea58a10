"""Report builders: `build_<kind>_report(store, period, *, date=None, texts=None, pins=None) -> ReportDocument`.

Each reads the store and core results and returns report data; `reports.service` renders and records it.
"""
from __future__ import annotations

from reports.builders.common import Pins, ReportError

KINDS = ("semiannual", "rating", "quarterly", "disclosure", "annual_chapter")


def builder(kind: str):
    """The build function of a report kind (imported on demand)."""
    if kind == "semiannual":
        from reports.builders.semiannual import build_semiannual_report
        return build_semiannual_report
    if kind == "rating":
        from reports.builders.rating import build_rating_report
        return build_rating_report
    if kind == "quarterly":
        from reports.builders.quarterly import build_quarterly_report
        return build_quarterly_report
    if kind == "disclosure":
        from reports.builders.disclosure import build_disclosure_report
        return build_disclosure_report
    if kind == "annual_chapter":    # Art 25: the concentration chapter of the consolidated-management report
        from reports.builders.annual_chapter import build_annual_chapter_report
        return build_annual_chapter_report
    raise ReportError("unknown_kind", kind=kind, allowed=list(KINDS))


__all__ = ["KINDS", "builder", "Pins", "ReportError"]
