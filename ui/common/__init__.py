"""Pieces every screen shares: background operations, charts, number formats, fonts, dialogs, i18n.

Import the submodules directly (`from ui.common.ops import run_op`); this package imports nothing so that
the start-up path pays only for what the main window uses.
"""
