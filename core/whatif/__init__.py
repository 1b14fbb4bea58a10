"""What-if analysis on a stored snapshot: a limit sandbox with invertible edits and diffs, proposals and
approval of limit sets (maker-checker), pre-trade checks and stress scenarios.

Everything here works on the engine's kept aggregates (`core.concentration.aggregate.Aggregates`) and
limit frames (`core.concentration.model.LIMIT_COLUMNS`); results are codes and dataclasses, never words.

- `sandbox`: `Sandbox`, the edit operations (`SetFields`, `AddLimit`, `RemoveLimit`, `RenameLimit` and
  helpers `set_warning`, `set_limit`, ...), `apply_edit`, `LimitSetDiff` / `diff_evaluations`.
- `governance`: which limits govern a snapshot, proposals from the sandbox or from an import, approval.
- `pretrade`: before/after of every affected limit for a hypothetical exposure or sale.
- `stress`: scenarios as data (TOML), losses by member and group, solvency and limit statuses after.
- `equity`: the equity solvency-tier table and the cap derived for a ratio (for display).
"""
