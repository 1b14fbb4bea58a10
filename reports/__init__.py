"""Board reports: report data computed from `core` results, then rendered to PDF or XLSX. Never imports `ui`."""
