"""Preview of a generated report's first pages, without QtPdf (PySide6-Essentials has none).

`rasterise(path)` runs in a worker thread: PDFium (the `pypdfium2` package) draws the first pages into
QImages (QImage, unlike QPixmap, may be made outside the GUI thread); without pypdfium2, poppler's
`pdftoppm` if it is on PATH; without either, the page count and a text excerpt. An XLSX workbook gets its
sheet names and the first cells of its first two sheets. `PreviewPane` shows the result on the GUI thread.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

PAGES = 3
RENDER_WIDTH = 720  # pixels of a page image; shown scaled down to the pane's height
MIN_PAGE_HEIGHT = 220


@dataclass
class Preview:
    path: str
    method: str                       # "pdfium", "pdftoppm", "text", "xlsx", "missing"
    page_count: int | None = None
    images: list = field(default_factory=list)   # QImage of each of the first pages
    excerpt: str = ""


# ------------------------------------------------------------------------------------- worker thread
def rasterise(path: str | Path, pages: int = PAGES, width: int = RENDER_WIDTH) -> Preview:
    path = Path(path)
    if not path.is_file():
        return Preview(str(path), "missing")
    if path.suffix.lower() == ".xlsx":
        return _xlsx(path)
    try:
        return _pdfium(path, pages, width)
    except ImportError:
        pass
    if shutil.which("pdftoppm"):
        try:
            return _pdftoppm(path, pages, width)
        except (OSError, subprocess.SubprocessError):
            pass
    return _text(path)


def _pdfium(path: Path, pages: int, width: int) -> Preview:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        count = len(pdf)
        images = []
        for i in range(min(pages, count)):
            page = pdf[i]
            try:
                scale = width / page.get_width()
                bitmap = page.render(scale=scale, rev_byteorder=True)  # RGB byte order
                arr = bitmap.to_numpy()
                h, w = arr.shape[:2]
                fmt = QImage.Format.Format_RGB888 if arr.shape[2] == 3 else QImage.Format.Format_RGBX8888
                image = QImage(arr.tobytes(), w, h, arr.strides[0], fmt).copy()  # own the pixels
                images.append(image)
            finally:
                page.close()
        return Preview(str(path), "pdfium", count, images)
    finally:
        pdf.close()


def _pdftoppm(path: Path, pages: int, width: int) -> Preview:
    with tempfile.TemporaryDirectory(prefix="riskdesk-preview-") as tmp:
        subprocess.run(["pdftoppm", "-png", "-f", "1", "-l", str(pages), "-scale-to-x", str(width),
                        "-scale-to-y", "-1", str(path), str(Path(tmp) / "p")], check=True, capture_output=True,
                       timeout=60)
        images = [QImage(str(f)) for f in sorted(Path(tmp).glob("p*.png"))]
    return Preview(str(path), "pdftoppm", _page_count(path), [i for i in images if not i.isNull()])


def _page_count(path: Path) -> int | None:
    data = path.read_bytes()
    n = len(re.findall(rb"/Type\s*/Page(?![s\w])", data))
    return n or None


def _text(path: Path) -> Preview:
    excerpt = ""
    if shutil.which("pdftotext"):
        try:
            out = subprocess.run(["pdftotext", "-l", "2", "-layout", str(path), "-"], capture_output=True,
                                 timeout=60, check=True).stdout.decode("utf-8", "replace")
            excerpt = "\n".join(line.rstrip() for line in out.splitlines() if line.strip())[:3000]
        except (OSError, subprocess.SubprocessError):
            pass
    return Preview(str(path), "text", _page_count(path), [], excerpt)


def _xlsx(path: Path) -> Preview:
    from openpyxl import load_workbook

    wb = load_workbook(str(path), read_only=True, data_only=True)
    try:
        lines = ["〔" + "〕〔".join(wb.sheetnames) + "〕"]
        for name in wb.sheetnames[:2]:  # the report's information sheet, then the first table
            lines += ["", f"【{name}】"]
            for row in wb[name].iter_rows(min_row=1, max_row=20, values_only=True):
                cells = ["" if v is None else (f"{v:,.2f}" if isinstance(v, float) else str(v)) for v in row[:8]]
                if any(cells):
                    lines.append("\t".join(cells).rstrip())
        return Preview(str(path), "xlsx", len(wb.sheetnames), [], "\n".join(lines))
    finally:
        wb.close()


# ---------------------------------------------------------------------------------------- GUI thread
class _Page(QLabel):
    """One page image with a thin frame; scaled to the height it is given."""

    def __init__(self, image: QImage, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("previewPage")
        self.source = QPixmap.fromImage(image)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("QLabel#previewPage { background: white; border: 1px solid #b9c2cc; }")

    def fit_height(self, height: int) -> None:
        scaled = self.source.scaledToHeight(height - 2, Qt.TransformationMode.SmoothTransformation)
        self.setPixmap(scaled)
        self.setFixedSize(scaled.width() + 2, scaled.height() + 2)


class PreviewPane(QWidget):
    """The first pages side by side in a scroll area, or a message / text excerpt."""

    shown = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.preview: Preview | None = None
        self.pages: list[_Page] = []
        self._message = ""
        self.scroll = QScrollArea()
        self.scroll.setObjectName("previewScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setStyleSheet("QScrollArea#previewScroll, QWidget#previewStrip { background: #e9edf1; }")
        self.strip = QWidget()
        self.strip.setObjectName("previewStrip")
        self.strip_layout = QHBoxLayout(self.strip)
        self.strip_layout.setContentsMargins(14, 12, 14, 12)
        self.strip_layout.setSpacing(14)
        self.scroll.setWidget(self.strip)
        self.placeholder = QLabel()
        self.placeholder.setObjectName("previewMessage")
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: #607d8b; background: #e9edf1; padding: 20px;")
        self.placeholder.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.excerpt = QPlainTextEdit()
        self.excerpt.setObjectName("previewExcerpt")
        self.excerpt.setReadOnly(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.excerpt)
        self.show_message("")

    def show_message(self, text: str) -> None:
        self.preview = None
        self._clear()
        self._message = text
        self.placeholder.setText(text)
        self.scroll.hide()
        self.excerpt.hide()
        self.placeholder.show()

    def show_preview(self, preview: Preview, message: str = "") -> None:
        self._clear()
        self.preview = preview
        if preview.images:
            for image in preview.images:
                page = _Page(image, self.strip)
                self.pages.append(page)
                self.strip_layout.addWidget(page)
            self.strip_layout.addStretch(1)
            self.placeholder.hide()
            self.excerpt.hide()
            self.scroll.show()
            self._fit()
        elif preview.excerpt:
            self.excerpt.setPlainText(preview.excerpt)
            self.placeholder.hide()
            self.scroll.hide()
            self.excerpt.show()
        else:
            self.placeholder.setText(message)
            self.scroll.hide()
            self.excerpt.hide()
            self.placeholder.show()
        self.shown.emit()

    def _clear(self) -> None:
        while self.strip_layout.count():
            item = self.strip_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.pages = []

    def _fit(self) -> None:
        """All pages side by side in the pane when they stay legible; else at a minimum height, scrolling."""
        m = self.strip_layout.contentsMargins()
        viewport = self.scroll.viewport()
        n = len(self.pages)
        first = self.pages[0].source
        aspect = first.height() / max(first.width(), 1)
        width_each = (viewport.width() - m.left() - m.right() - self.strip_layout.spacing() * (n - 1)) / n
        by_width = int(width_each * aspect) - 4
        by_height = viewport.height() - m.top() - m.bottom()
        height = max(MIN_PAGE_HEIGHT, min(by_width, by_height))
        if height > by_height:  # scrolling: leave room for the bar
            height = max(MIN_PAGE_HEIGHT, by_height - self.scroll.horizontalScrollBar().sizeHint().height())
        for page in self.pages:
            page.fit_height(height)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.pages:
            self._fit()
