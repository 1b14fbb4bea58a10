"""The history screen's journal CSV export keeps text text: an operator or data imported under a name that
starts with "=" is written behind an apostrophe (docs/interfaces.md, "Units and text"), so no spreadsheet opens
it as a formula; dates and numbers are written as they are."""
from __future__ import annotations

import csv

from core.concentration.snapshots import import_snapshot
from core.store import Store
from tests.badinput.helpers import demo_copy

EVIL_USER = "=HYPERLINK(\"http://evil.example\",\"x\")"


def test_journal_export_writes_formula_like_names_as_text(qtbot, wait_ops, tmp_path):
    from ui.history.screen import HistoryScreen
    from ui.session import Session

    db = tmp_path / "h.sqlite3"
    store = Store.open(db)
    import_snapshot(store, demo_copy(tmp_path / "data"), EVIL_USER)
    store.close()
    session = Session(db_path=db, user="@SUM(A1)")
    try:
        screen = HistoryScreen(session)
        qtbot.addWidget(screen)
        screen.show()
        with qtbot.waitSignal(screen.loaded, timeout=20_000):
            session.open_store(screen)
        wait_ops(20_000)
        out = tmp_path / "journal.csv"
        n = screen.journal.export_csv(out)
        with open(out, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        assert n == len(rows) - 1 > 0
        cells = [c for r in rows for c in r]
        assert "'" + EVIL_USER in cells
        assert not any(c.startswith(("=", "+", "@", "\t", "\r")) for c in cells)
        assert not any(c.startswith("-") and not c[1:2].isdigit() for c in cells)
    finally:
        session.close()
