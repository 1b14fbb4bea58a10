"""The rating screen at a band's boundary, driven by typing: the exact composite, the boundary note, the
ESG cap note, and a P&C company offered the unified rulebook instead of a life-2024 level."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.test_rating_screen import db, make_screen, press_enter, type_score  # noqa: F401 (fixtures)
from wording import rating as words

AT_60_0046 = (("governance", "61"), ("investment", "61"), ("business", "68.97"), ("alm", "68.96"),
              ("solvency", "68.96"), ("other", "30"))


def type_all(qtbot, screen, scores):
    for dim, text in scores:
        type_score(qtbot, screen, dim, text)


def test_boundary_note_shows_when_rounding_would_change_the_level(make_screen, qtbot):
    screen = make_screen()
    type_all(qtbot, screen, AT_60_0046)
    a = screen.assessment
    assert a is not None and str(a.composite_score) == "60.0046"
    # level 4 on the exact value, not 5: the level-5 measure "risk disposal" is not shown
    assert screen.result.badge.text() == "4"
    assert "60.0046" in screen.result.score_line.text()
    composite_row = screen.result.contrib_model.rows[-1]
    assert composite_row[3][Qt.ItemDataRole.DisplayRole] == "60.0046"
    assert screen.result.boundary_note.isVisible()
    expected = words.boundary_note_text(a.boundary_note, screen.lang())
    assert expected in screen.result.boundary_note.text() and "60.00" in expected
    assert "score_rounding = none" in screen.result.rounding_note.text()
    assert words.measure_text("risk_disposal", screen.lang()) not in screen.result.measures_label.text()
    # one more point on "other": 60.1446, level 4 either way: the note goes
    type_score(qtbot, screen, "other", "31")
    assert screen.result.badge.text() == "4" and not screen.result.boundary_note.isVisible()
    # exactly 60.00: level 5, and no note (rounding changes nothing)
    type_all(qtbot, screen, [(d, "60") for d, _ in AT_60_0046])
    assert screen.result.badge.text() == "5" and not screen.result.boundary_note.isVisible()


def test_esg_cap_note_shows_the_entered_bonus_and_what_counted(make_screen, qtbot):
    screen = make_screen()
    type_all(qtbot, screen, [(d, "77.8") for d, _ in AT_60_0046])
    edit = screen.inputs.facts_form.edits["esg_bonus"]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "5")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    QApplication.processEvents()
    a = screen.assessment
    assert a.esg_capped and str(a.composite_score) == "79.80" and screen.result.badge.text() == "2"
    assert screen.result.esg_note.isVisible() and screen.result.esg_note.text().startswith(words.esg_text(a, screen.lang()))
    # the uncapped figure too: 77.80 + 5 = 82.80, level 1
    assert "82.80" in screen.result.esg_note.text() and a.esg_uncapped_level == "1"
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "1.5")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert not screen.assessment.esg_capped and not screen.result.esg_note.isVisible()


def test_a_pc_company_is_offered_the_unified_rulebook(make_screen, qtbot):
    screen = make_screen()
    type_all(qtbot, screen, [(d, "80") for d, _ in AT_60_0046])
    assert screen.result.badge.text() == "2"
    combo = screen.inputs.company_type_combo
    assert combo.isVisible()                  # on the scores page, whatever the rulebook
    combo.setFocus()
    while combo.currentData() != "pc":       # the officer walks the list with the arrow key
        before = combo.currentIndex()
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentIndex() != before
    assert screen.draft.get(("meta", "company_type")) == "pc"
    assert screen.assessment is None and screen.result.badge.text() != "2"
    texts = screen.problem_texts()
    assert any("unified-2025" in t for t in texts) and screen.result.result_problems.isVisible()
    button = screen.result.use_other_button
    assert button.isVisible() and "unified-2025" in button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert screen.rulebook.id == "unified-2025" and screen.draft.get(("meta", "company_type")) == "pc"
    assert not button.isVisible()
    screen.stack.undo()                      # one action, one undo
    assert screen.rulebook.id == "life-2024"
