"""Board reports: report data computed from `core` results, then rendered to PDF or XLSX. Never imports `ui`.

* `reports.model` - the plain data tree: `ReportDocument`, `Section` and blocks (`Paragraph`, `Table`,
  `Chart`/`ChartSpec`, `KeyFigures`, `Note`, `PageBreak`); values stay raw, with format specs.
* `reports.format` - how amounts (亿元/万元), percentages, dates, periods and statuses read.
* `reports.charts` - `ChartSpec` drawn by matplotlib (into any Figure, or to deterministic PNG bytes).
* `reports.pdf.document` - `PdfRenderer` (overridable hooks) and `render_pdf(doc, path) -> sha256`.
* `reports.xlsx` - `write_xlsx(doc, path) -> sha256`, one sheet per table, numbers kept as numbers.

Both writers are reproducible: the same report data gives byte-identical files.
"""
