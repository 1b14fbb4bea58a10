"""The scope and dimension selectors the limit dashboard and the dimension page both show: two labelled combos
whose items are the view's scopes and dimensions, keeping what was chosen when the view changes.

The pages word the labels and the "all" items themselves (their texts stay in their own translation
contexts); this holds what the two had in common: building the combos, filling them from a SnapshotView,
reading and setting the choice.
"""
from __future__ import annotations

from typing import Callable, Iterable

from PySide6.QtWidgets import QBoxLayout, QComboBox, QLabel

from ui.concentration.models import SnapshotView, dimension_label


class ScopeDimensionSelectors:
    """`scope_combo` and `dimension_combo` (each item's data: the scope or dimension code, None for "all"),
    with `scope_label` and `dimension_label`; `changed()` is called when the user picks another item."""

    def __init__(self, changed: Callable[[], None], *, scope_name: str, dimension_name: str,
                 scope_width: int, dimension_width: int):
        self.scope_label, self.dimension_label = QLabel(), QLabel()
        self.scope_combo = QComboBox()
        self.scope_combo.setObjectName(scope_name)
        self.scope_combo.setMinimumWidth(scope_width)
        self.dimension_combo = QComboBox()
        self.dimension_combo.setObjectName(dimension_name)
        self.dimension_combo.setMinimumWidth(dimension_width)
        self.scope_combo.currentIndexChanged.connect(changed)
        self.dimension_combo.currentIndexChanged.connect(changed)

    def add_to(self, layout: QBoxLayout, dimension_first: bool = False, spacing: int = 16) -> None:
        """The two labelled combos into `layout`, scope first unless `dimension_first`."""
        pairs = [(self.scope_label, self.scope_combo), (self.dimension_label, self.dimension_combo)]
        for i, pair in enumerate(pairs[::-1] if dimension_first else pairs):
            if i:
                layout.addSpacing(spacing)
            for w in pair:
                layout.addWidget(w)

    def current(self) -> tuple[str | None, str | None]:
        return self.scope_combo.currentData(), self.dimension_combo.currentData()

    def fill(self, view: SnapshotView | None, dimensions: Iterable[str] | None = None,
             all_items: tuple[str, str] | None = None) -> None:
        """Items for `view`'s scopes and `dimensions` (default: all the view's), after the "all" items
        (scope's, dimension's texts) when given; what was chosen stays chosen when it is still there, else the
        first item. Quiet: `changed` is not called."""
        scope, dim = self.current()
        for combo in (self.scope_combo, self.dimension_combo):
            combo.blockSignals(True)
            combo.clear()
        if all_items is not None:
            self.scope_combo.addItem(all_items[0], None)
            self.dimension_combo.addItem(all_items[1], None)
        if view is not None:
            for d in view.dimensions() if dimensions is None else dimensions:
                self.dimension_combo.addItem(dimension_label(d), d)
            for s in view.scopes:
                self.scope_combo.addItem(view.scope_label(s), s)
        for combo, value in ((self.scope_combo, scope), (self.dimension_combo, dim)):
            combo.setCurrentIndex(max(combo.findData(value), 0))
            combo.blockSignals(False)

    def select(self, scope: str | None, dimension: str | None, quiet: bool = False) -> None:
        """Choose `scope` and `dimension` where the combos have them (others left as they are); `quiet`: without
        calling `changed`."""
        for combo, value in ((self.scope_combo, scope), (self.dimension_combo, dimension)):
            combo.blockSignals(quiet)
            i = combo.findData(value)
            if i >= 0:
                combo.setCurrentIndex(i)
            combo.blockSignals(False)
