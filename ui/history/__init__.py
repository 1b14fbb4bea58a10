"""History (历史): snapshots, assessments, limit-set versions, reports and the journal, with comparisons."""
