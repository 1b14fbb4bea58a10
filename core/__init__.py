"""RiskDesk's domain layer: rating self-assessment, group concentration, and the history store.

Pure Python and pandas. Nothing here imports Qt, matplotlib or reportlab (a test enforces it), and
nothing here produces user-facing sentences: results are dataclasses, DataFrames, codes and enums that
`wording`, `ui`, `reports` and `cli` turn into text.
"""
