"""Qt models of the concentration screens, and the loaded snapshot they adapt — one import point for the
screen's modules, the parts in modules of their own:

- ui.concentration.labels: words of codes (context "ConcentrationLabels"), report colours, label helpers;
- ui.concentration.view: the loaded snapshot (SnapshotView) from an import's dry run or a stored evaluation;
- ui.concentration.problems_model: the import page's table of input problems;
- ui.concentration.limits_table: the limit dashboard's table and its filter;
- ui.concentration.arrays: tables over numpy arrays handed to the view in batches (the sums of a dimension,
  any frame).

Everything here adapts what core computed (`core.concentration`: the evaluation results frame, the
aggregate sums, `contributions`) for Qt views; nothing is decided here. The item-data roles are the table
toolkit's (ui.common.tables).
"""
from __future__ import annotations

from ui.common.tables import ALIGN, BG, CENTER, DISPLAY, FG, FONT, LEFT, RAW, RIGHT, STATUS, TIP
from ui.concentration.arrays import ArrayTableModel, Column, FrameModel, SumsModel
from ui.concentration.labels import (
    BASIS_LABELS,
    BUSINESS,
    CTX,
    DIMENSION_LABELS,
    DIMENSION_ORDER,
    GROUP_LABEL,
    GROUP_SHORT,
    KEY_LABELS,
    MUTED,
    STATUS_COLOURS,
    STATUS_RANK,
    STATUS_TINTS,
    dimension_label,
    label,
    set_long_text,
    status_label,
    wrap_without_height_for_width,
    yi_unit,
)
from ui.concentration.limits_table import LimitsFilter, LimitsModel
from ui.concentration.problems_model import ProblemsModel
from ui.concentration.view import SnapshotView, build_stored_view, build_view

__all__ = [
    "ALIGN", "BG", "CENTER", "DISPLAY", "FG", "FONT", "LEFT", "RAW", "RIGHT", "STATUS", "TIP",
    "ArrayTableModel", "Column", "FrameModel", "SumsModel",
    "BASIS_LABELS", "BUSINESS", "CTX", "DIMENSION_LABELS", "DIMENSION_ORDER", "GROUP_LABEL", "GROUP_SHORT",
    "KEY_LABELS", "MUTED", "STATUS_COLOURS", "STATUS_RANK", "STATUS_TINTS",
    "dimension_label", "label", "set_long_text", "status_label", "wrap_without_height_for_width", "yi_unit",
    "LimitsFilter", "LimitsModel", "ProblemsModel", "SnapshotView", "build_stored_view", "build_view",
]
