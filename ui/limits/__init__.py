"""The limits screen (限额管理): approved set, sandbox with undo and diff, proposals, pre-trade, stress."""
