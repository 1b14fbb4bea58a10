"""PDF rendering with reportlab platypus: fonts, paragraph styles and the `PdfRenderer` (see `document`)."""
