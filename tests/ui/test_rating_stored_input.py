"""A rating input whose JSON writes an amount in exponent form ("net_assets": 1.2e11) is stored as decimal
text ("1.2E+11"); the rating screen opens that record again, as the rating report reads it (one decoder,
core.services.rating)."""
from __future__ import annotations

import json
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from core.store import Store
from tests.conftest import EXAMPLES
from tests.ui.test_rating_screen import db, load, make_screen  # noqa: F401 — fixtures and the import helper
from ui.common.problems_dialog import ProblemsDialog


def test_a_record_with_an_exponent_amount_opens_again(make_screen, wait_ops, db, tmp_path, qtbot):  # noqa: F811
    doc = json.loads((EXAMPLES / "rating" / "life-typical.json").read_text(encoding="utf-8"))
    doc.update(company="示例人寿", period="2025")
    doc["facts"]["net_assets"] = "@net_assets@"
    path = tmp_path / "exponent.json"
    path.write_text(json.dumps(doc, ensure_ascii=False).replace('"@net_assets@"', "1.2e11"), encoding="utf-8")
    screen = make_screen()
    load(screen, path, wait_ops)
    level = screen.result.badge.text()
    new_id = screen.save()
    assert new_id
    screen.session.close_store()
    with Store.open(db) as store:
        assert store.get_assessment(new_id).input["facts"]["net_assets"] == "1.2E+11"
    again = make_screen(db)
    again.history.setCurrentIndex(2)
    again.history.saved_view.selectRow(0)
    qtbot.mouseClick(again.history.open_button, Qt.MouseButton.LeftButton)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, ProblemsDialog) and w.isVisible()]
    assert again.result.badge.text() == level and again.stack.isClean()
    assert again.draft.get(("fact", "net_assets")) == Decimal("1.2E+11")
