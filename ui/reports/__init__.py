"""Reports screen: make the board reports, edit the officer's texts, preview the first pages, past reports."""
