"""A table header whose English labels may take two lines instead of widening their column.

"Exposure (CNY bn)", "vs previous", "Keys flagged": an English column label is often two or three times as
wide as the numbers under it, and a table of a dozen such columns pushes its status column off the screen.
WrappingHeader breaks such a label at a space between two Latin words, onto two lines, when that makes it
narrower: the column is then sized to max(contents, the longer line). Chinese labels have no such space
(the space in "敞口 (亿元)" sits beside a Chinese character), so a Chinese header is laid out and painted
exactly as by QHeaderView.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QTableView


def _is_latin(ch: str) -> bool:
    return ch.isascii() and not ch.isspace()


def two_lines(text: str, width) -> tuple[str, str] | None:
    """The split of `text` at a space between Latin characters that makes its wider line narrowest
    (`width` measures a string), or None when there is no such space or splitting gains nothing."""
    best, best_w = None, width(text)
    for i, ch in enumerate(text):
        if ch == " " and 0 < i < len(text) - 1 and _is_latin(text[i - 1]) and _is_latin(text[i + 1]):
            first, second = text[:i].rstrip(), text[i + 1:].lstrip()
            w = max(width(first), width(second))
            if w < best_w:
                best, best_w = (first, second), w
    return best


class WrappingHeader(QHeaderView):
    """A horizontal header that puts a long English label on two lines (see the module's docstring)."""

    def __init__(self, parent: QTableView | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)

    @staticmethod
    def install(table: QTableView) -> "WrappingHeader":
        """Replace `table`'s horizontal header, keeping its settings that the screens rely on."""
        old = table.horizontalHeader()
        header = WrappingHeader(table)
        header.setSectionsClickable(old.sectionsClickable())
        header.setHighlightSections(old.highlightSections())
        header.setStretchLastSection(old.stretchLastSection())
        header.setDefaultAlignment(old.defaultAlignment())
        header.setSortIndicatorShown(old.isSortIndicatorShown())
        table.setHorizontalHeader(header)
        return header

    def _label(self, logical: int) -> str:
        model = self.model()
        text = model.headerData(logical, self.orientation(), Qt.ItemDataRole.DisplayRole) if model else None
        return "" if text is None else str(text)

    def _lines(self, logical: int) -> tuple[str, str] | None:
        text = self._label(logical)
        if "\n" in text:
            return None
        return two_lines(text, self.fontMetrics().horizontalAdvance)

    def sectionSizeFromContents(self, logical: int) -> QSize:
        size = super().sectionSizeFromContents(logical)
        lines = self._lines(logical)
        if lines is None:
            return size
        fm = self.fontMetrics()
        saved = fm.horizontalAdvance(self._label(logical)) - max(fm.horizontalAdvance(line) for line in lines)
        return QSize(size.width() - saved, size.height() + fm.lineSpacing())

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        lines = self._lines(logical)
        if lines is None or not rect.isValid():
            super().paintSection(painter, rect, logical)
            return
        option = QStyleOptionHeader()
        self.initStyleOptionForIndex(option, logical)
        option.rect = rect
        room = self.style().subElementRect(QStyle.SubElement.SE_HeaderLabel, option, self).width()
        if self.fontMetrics().horizontalAdvance(option.text) <= room:
            super().paintSection(painter, rect, logical)     # it fits on one line: QHeaderView's own
            return
        option.text = "\n".join(lines)
        painter.save()
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        painter.restore()


class ShrinkToFit(QObject):
    """Keeps a table's columns inside its width. When the fitted widths overflow the viewport (English
    words are wider than the Chinese the widths were tuned for), the `columns` given — long texts that
    elide, with their whole in the tooltip — give up width in proportion, down to `floor` pixels, so the
    columns after them (ratio, status) stay on the screen. They get it back when the table widens; with
    room to spare (Chinese) nothing changes. Call refit() after the columns are fitted."""

    def __init__(self, view: QTableView, columns, floor: int = 90, margin: int = 8):
        super().__init__(view)      # margin: what the fit adds to a column's contents (a stretched last one)
        self.view, self.columns, self.floor, self.margin = view, list(columns), floor, margin
        self.natural: dict[int, int] = {}
        view.viewport().installEventFilter(self)

    def refit(self) -> None:
        header = self.view.horizontalHeader()
        self.natural = {c: header.sectionSize(c) for c in self.columns}
        self.apply()

    def _needed(self, col: int) -> int:
        header = self.view.horizontalHeader()
        last = max((header.visualIndex(c), c) for c in range(header.count()) if not header.isSectionHidden(c))[1]
        if col == last and header.stretchLastSection():     # what it needs, not what it was stretched to
            return max(self.view.sizeHintForColumn(col), header.sectionSizeHint(col)) + self.margin
        return header.sectionSize(col)

    def apply(self) -> None:
        header = self.view.horizontalHeader()
        if not self.natural or header.count() == 0:
            return
        others = sum(self._needed(c) for c in range(header.count())
                     if c not in self.natural and not header.isSectionHidden(c))
        need = sum(self.natural.values())
        over = others + need - self.view.viewport().width()
        for c, w in self.natural.items():
            width = w if over <= 0 else max(min(w, self.floor), w + (-over * w) // need)   # rounds up
            if header.sectionSize(c) != width:
                header.resizeSection(c, width)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport():
            self.apply()
        return super().eventFilter(watched, event)
