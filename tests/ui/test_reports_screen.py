"""The reports screen (ui/reports) on the demo group: the semiannual report of 2025H1 reads the 2025-06-30
snapshot, a conclusion saved in the screen is a new text version in the store, generating records the
report, lists it and previews its first pages, regenerating gives the same bytes, and a period without data
cannot be generated (and says why)."""
from __future__ import annotations

import hashlib
import importlib.util
import threading

import pytest
from PySide6.QtCore import Qt

from core.store import Store

HAS_PDFIUM = importlib.util.find_spec("pypdfium2") is not None


@pytest.fixture
def open_screen(qtbot, screen_on_session):
    def make(path, *others):
        """The reports screen on `path`; `others`: screen classes built first on the same session (hidden)."""
        from ui.reports.screen import ReportsScreen

        def build_others(screen, session):
            screen.others = []
            for cls in others:
                other = cls(session)
                qtbot.addWidget(other)
                screen.others.append(other)

        return screen_on_session(ReportsScreen, path, user="风险管理部 王芳", size=(1400, 900),
                                 before_show=build_others)

    return make


def test_semiannual_2025h1_uses_the_june_snapshot(open_screen, db):
    screen = open_screen(db)
    screen.set_kind("semiannual")
    periods = [screen.period_combo.itemText(i) for i in range(screen.period_combo.count())]
    assert periods == ["2025H1", "2024H2"]
    screen.set_period("2025H1")
    assert screen.state.ok and screen.state.source.as_of.isoformat() == "2025-06-30"
    assert "2025-06-30" in screen.source_label.text()
    assert screen.generate_button.isEnabled()
    assert screen.out_edit.text().endswith("2025年上半年集中度风险报告.pdf")
    # the semiannual report prints two officer texts
    assert [p.spec.kind for p in screen.panels] == ["semiannual_conclusions", "semiannual_governance"]
    screen.set_period("2024H2")
    assert screen.state.source.as_of.isoformat() == "2024-12-31"
    # the quarterly statistics offer XLSX first, the rating report lists the years with a self-assessment
    screen.set_kind("quarterly")
    assert screen.fmt == "xlsx" and screen.period_combo.currentText() == "2025Q2"
    screen.set_kind("disclosure")  # the latest year with year-end data, not the half-done 2025
    assert screen.period_combo.currentText() == "2024" and screen.state.source.as_of.isoformat() == "2024-12-31"
    screen.set_period("2025")
    assert screen.state.ok and "2025-12-31" in screen.source_label.text()  # says the data end before the year
    screen.set_kind("rating")
    assert screen.period_combo.currentText() == "2025" and screen.state.ok
    assert not screen.panels and screen.no_texts.isVisibleTo(screen)


def test_a_period_without_data_cannot_be_generated(open_screen, db):
    screen = open_screen(db)
    screen.set_kind("semiannual")
    screen.set_period("2023H1")
    assert not screen.state.ok and screen.state.source is None
    assert not screen.generate_button.isEnabled()
    assert "2023H1" in screen.source_label.text()
    assert screen.status_label.isVisible() and "2023H1" in screen.status_label.text()
    assert screen.generate(str(db.parent / "x.pdf")) is None
    screen.set_period("2025H3")  # not a period
    assert not screen.generate_button.isEnabled() and "2025H3" in screen.source_label.text()
    screen.set_period("2025H1")
    assert screen.generate_button.isEnabled() and not screen.status_label.isVisible()


def test_saving_a_conclusion_creates_a_version(open_screen, db, qtbot):
    screen = open_screen(db)
    screen.set_kind("semiannual")
    screen.set_period("2025H1")
    panel = screen.panel("conclusions")
    before = [v.text for v in panel.history]  # the demo may hold a version already
    original = before[-1] if before else ""
    assert panel.text() == original and not panel.dirty
    panel.editor.setFocus()
    panel.editor.moveCursor(panel.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(panel.editor, "Conclusion one")
    assert panel.dirty and panel.save_button.isEnabled() and "*" in screen.text_tabs.tabText(0)
    assert not screen.undo_stack().isClean()
    screen.undo_stack().undo()  # the whole typing is one edit
    assert panel.text() == original and not panel.dirty and screen.undo_stack().isClean()
    screen.undo_stack().redo()
    assert panel.text() == original + "Conclusion one"
    panel.editor.setPlainText("一、集中度风险总体可控。\n\n二、建议压降RE01再保险集中度。")
    panel.save_button.click()
    assert not panel.dirty and screen.undo_stack().isClean() and "*" not in screen.text_tabs.tabText(0)
    panel.editor.setPlainText("第二稿")
    panel.save_button.click()
    assert panel.history_view.topLevelItemCount() == len(before) + 2

    store = Store.open(db)  # another connection: it is on record
    try:
        history = store.text_history("semiannual_conclusions", "2025H1")
    finally:
        store.close()
    assert [v.text for v in history] == before + ["一、集中度风险总体可控。\n\n二、建议压降RE01再保险集中度。", "第二稿"]
    assert {v.created_by for v in history[len(before):]} == {"风险管理部 王芳"}
    # loading the first version back is an edit, saved as a third version
    panel.history_view.setCurrentItem(panel.history_view.topLevelItem(1))
    panel.load_button.click()
    assert panel.dirty and panel.text().startswith("一、")
    assert screen.save_text(panel) is not None
    assert len(screen.store.text_history("semiannual_conclusions", "2025H1")) == len(before) + 3


def test_generate_records_lists_and_previews(open_screen, db, tmp_path, qtbot, monkeypatch):
    screen = open_screen(db)
    screen.set_kind("semiannual")
    screen.set_period("2025H1")
    panel = screen.panel("conclusions")
    panel.editor.setPlainText("建议董事会关注再保险分出集中度。")
    screen.save_text(panel)
    out = tmp_path / "out" / "2025年上半年集中度风险报告.pdf"
    out.parent.mkdir()
    with qtbot.waitSignal(screen.generated, timeout=60_000):
        assert screen.generate(str(out)) is not None
        assert screen.busy and screen.progress.isVisible() and not screen.generate_button.isEnabled()
    assert not screen.busy and not screen.progress.isVisible()
    # a determinate bar: the worker's stages (data, each section in each layout pass, recorded, preview)
    log = screen.progress_log
    total = log[-1][1]
    assert log[0] == (1, total) and log[-1] == (total, total) and total > 10
    assert [d for d, _ in log] == sorted({d for d, _ in log}) and {t for _, t in log} == {total}
    assert screen.progress.maximum() == total and screen.progress.value() == total
    data = out.read_bytes()
    assert data.startswith(b"%PDF")

    store = Store.open(db)
    try:
        recs = store.list_reports()
    finally:
        store.close()
    assert len(recs) == 1
    rec = recs[0]
    assert (rec.kind, rec.period, rec.created_by) == ("semiannual", "2025H1", "风险管理部 王芳")
    assert rec.sha256 == hashlib.sha256(data).hexdigest() and rec.path == str(out)
    assert rec.params["pins"]["text"] > 0  # the saved conclusion is what it read

    model = screen.past_model
    assert len(model.rows) == 1 and model.rows[0].exists
    cells = [model.index(0, c).data() for c in range(model.columnCount())]
    assert "2025H1" in cells and "2025-06-30" in cells and rec.sha256[:12] in cells
    assert any(str(out) in str(c) for c in cells)
    assert str(rec.id) in screen.status_label.text()
    assert screen.open_button.isEnabled() and screen.folder_button.isEnabled()
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    screen.open_button.click()
    screen.folder_button.click()
    assert opened == [str(out), str(out.parent)]

    if HAS_PDFIUM:
        assert screen.preview.preview.method == "pdfium"
        assert len(screen.preview.pages) >= 1 and screen.preview.scroll.isVisible()
        pix = screen.preview.pages[0].pixmap()
        assert not pix.isNull() and pix.height() > 200 and pix.height() > pix.width()  # a portrait page
        assert screen.preview.preview.page_count > 3 and "1–3" in screen.preview_info.text()

    # regenerate the recorded report elsewhere: the same bytes
    screen.select_past(rec.id)
    copy = tmp_path / "copy.pdf"
    with qtbot.waitSignal(screen.regenerated, timeout=60_000):
        assert screen.regenerate_selected(str(copy)) is not None
    assert screen.regenerated_identical is True and copy.read_bytes() == data
    assert rec.sha256[:12] in screen.regen_label.text()
    # the file went away: the list says so
    out.unlink()
    screen.activated()
    assert not screen.past_model.rows[0].exists
    assert screen.past_model.index(0, screen.past_model.columnCount() - 1).data().startswith("✗")


def test_generate_records_on_the_store_worker_and_the_history_lists_it(open_screen, qtbot, wait_ops, db, tmp_path,
                                                                      monkeypatch):
    """Clicking Generate: the report is made in the background and recorded by the session's one store worker,
    in one operation there (no other connection writes a row); the history screen, built earlier and hidden,
    lists the new report on `changed(report)` without being refreshed or shown again."""
    from ui.common import ops
    from ui.history.screen import HistoryScreen
    from ui.session import REPORT

    screen = open_screen(db, HistoryScreen)
    session, (history,) = screen.session, screen.others
    qtbot.waitUntil(lambda: bool(history.data.journal), timeout=20_000)
    history.hide()
    listed_before = {r.id for r in history.data.reports}
    rows_before = history.reports.model.rowCount()

    written = []       # (thread, table) of every row any connection inserts (records, journal, chain)
    real_insert = Store._insert

    def insert_spy(store, table, values):
        written.append((threading.current_thread(), table))
        return real_insert(store, table, values)

    monkeypatch.setattr(Store, "_insert", insert_spy)
    jobs = []          # the operations queued on the store worker
    real_submit = ops.StoreWorker.submit

    def submit_spy(worker, op_id, fn, *args):
        jobs.append(fn)
        return real_submit(worker, op_id, fn, *args)

    monkeypatch.setattr(ops.StoreWorker, "submit", submit_spy)
    heard = []
    session.changed.connect(lambda kind, ids: heard.append((kind, ids)))

    screen.set_kind("quarterly")        # a short report: what is tested is where its record is written
    screen.set_period("2025Q2")
    out = tmp_path / "q.xlsx"
    screen.out_edit.setText(str(out))
    with qtbot.waitSignal(screen.generated, timeout=60_000):
        qtbot.mouseClick(screen.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: history.reports.model.rowCount() == rows_before + 1, timeout=20_000)
    wait_ops(20_000)

    report = screen.last_result
    assert out.is_file() and report.path == str(out)
    assert {r.id for r in history.data.reports} - listed_before == {report.id}
    assert not history.isVisible()                          # read again on `changed`, never shown
    assert heard == [(REPORT, [report.id])]
    writer = session.writer()
    assert len(jobs) == 1                                   # one operation on the store worker
    assert written and {t for t, _ in written} == {writer.thread}     # and only it wrote
    assert "report" in {table for _, table in written}
    # the determinate bar ends with the record: its last step
    assert screen.progress_log[-1][0] == screen.progress_log[-1][1]


def test_a_report_made_after_the_database_was_closed_is_not_recorded_and_says_so(open_screen, db, tmp_path,
                                                                                 qtbot, wait_ops):
    """The database is closed (or another opened) while a report is being made: its file is written, but there
    is no store worker left to record it in; the screen says so instead of a traceback or a silent loss."""
    screen = open_screen(db)
    screen.set_kind("quarterly")
    screen.set_period("2025Q2")
    out = tmp_path / "q.xlsx"
    op = screen.generate(str(out))
    assert op is not None and screen.busy
    screen.session.close_store()
    with qtbot.waitSignal(op.finished, timeout=60_000):
        pass
    wait_ops(20_000)
    assert not screen.busy and not screen.progress.isVisible() and out.is_file()
    assert str(out) in screen.status_label.text() and screen.last_result is None
    store = Store.open(db)
    try:
        assert store.list_reports() == []
    finally:
        store.close()


def test_a_report_that_cannot_be_written_says_why_and_stays_said(open_screen, db, tmp_path, qtbot):
    """A file in a folder that is not there: the generate box says why, and the sentence stays (the check of
    the buttons after a failure used to wipe any red sentence but its own)."""
    screen = open_screen(db)
    screen.set_kind("quarterly")
    screen.set_period("2025Q2")
    out = tmp_path / "gone" / "q.xlsx"
    screen.out_edit.setText(str(out))
    qtbot.mouseClick(screen.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not screen.busy, timeout=60_000)
    assert str(out) in screen.status_label.text() and screen.status_label.isVisible()
    assert screen.generate_button.isEnabled() and not out.exists()


def test_a_report_asked_for_before_a_failing_opening_check_is_neither_made_nor_recorded(db, tmp_path, qtbot,
                                                                                        wait_ops, monkeypatch):
    """Generate is clicked while the history's opening check still runs (it is held here): the report waits for
    the verdict; the check fails (a trigger was dropped outside RiskDesk), so no file is written, nothing is
    recorded, and the generate box says why in the store's words."""
    import sqlite3

    import ui.session as session_module
    from ui.common.error_dialog import store_error_text
    from ui.reports.screen import ReportsScreen

    release = threading.Event()
    real_check = session_module.quick_check

    def held_check(path):
        assert release.wait(30), "the test never released the check"
        return real_check(path)

    monkeypatch.setattr(session_module, "quick_check", held_check)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("DROP TRIGGER limit_decision_not_proposer")
    conn.close()
    session = session_module.Session(db_path=db, user="风险管理部 王芳")
    try:
        screen = ReportsScreen(session)
        qtbot.addWidget(screen)
        screen.show()
        with qtbot.waitSignal(screen.loaded, timeout=20_000):
            session.open_store(screen)
        assert session.check_state == "running"
        screen.set_kind("quarterly")
        screen.set_period("2025Q2")
        out = tmp_path / "q.xlsx"
        screen.out_edit.setText(str(out))
        qtbot.mouseClick(screen.generate_button, Qt.MouseButton.LeftButton)
        qtbot.wait(300)
        assert screen.busy and not out.exists()           # waiting for the verdict
        release.set()
        qtbot.waitUntil(lambda: not screen.busy, timeout=30_000)
        wait_ops(30_000)
        assert session.check_state == "failed" and not out.exists() and screen.last_result is None
        refusal = store_error_text(session_module.refused_before_check(session.db_path))
        assert refusal and screen.status_label.text() == refusal and screen.status_label.isVisible()
    finally:
        release.set()
        session.close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM report").fetchone() == (0,)


def test_default_file_names():
    from ui.reports.kinds import default_file_name

    assert default_file_name("semiannual", "2025H1", "pdf") == "2025年上半年集中度风险报告.pdf"
    assert default_file_name("semiannual", "2024H2", "pdf") == "2024年下半年集中度风险报告.pdf"
    assert default_file_name("quarterly", "2025Q2", "xlsx") == "2025年第二季度集中度风险指标统计表.xlsx"
    assert default_file_name("rating", "2025", "pdf") == "2025年度监管评级自评估报告.pdf"


def test_the_editors_are_the_texts_the_builders_read():
    """Every officer text a builder reads has an editor on the screen (and nothing else does)."""
    import reports.builders.disclosure as disclosure
    import reports.builders.semiannual as semiannual
    from ui.reports.kinds import BY_KIND

    read = {"semiannual": {semiannual.TEXT_CONCLUSIONS, semiannual.TEXT_GOVERNANCE},
            "disclosure": {disclosure.TEXT_DISCLOSURE}, "rating": set(), "quarterly": set(), "annual_chapter": set()}
    assert {k: {t.kind for t in spec.texts} for k, spec in BY_KIND.items()} == read


def test_recording_the_boards_approval_of_the_disclosure_text(open_screen, db, qtbot):
    """The demo's 2025 text is approved; an edit makes it a draft again ("text changed"); recording the
    board's approval of the new saved version (in a worker) binds it to that version. The disclosure itself
    stays a draft, and the tab says so: the demo's 2025 data end on 30 June, not the year's end (the report
    says the same: reports.builders.disclosure)."""
    from core.approvals import APPROVED, NOT_APPROVED, TEXT_CHANGED, text_sha256

    screen = open_screen(db)
    screen.set_kind("disclosure")
    screen.set_period("2025")
    ap = screen.approval_panel
    assert [p.spec.kind for p in screen.panels] == ["disclosure_text"] and screen.text_tabs.indexOf(ap) == 1
    assert screen.text_tabs.tabText(1).endswith("!")         # approved text, but not year-end data
    assert ap.state.status == APPROVED and "第三届董事会第八次会议" in ap.state_label.text()
    assert "草稿" in ap.state_label.text() and "2025-06-30" in ap.state_label.text()
    assert "1" in ap.state_label.text()                     # version 1 of the text

    panel = screen.panel("text")
    panel.editor.setPlainText(panel.text() + "\n本年度另有一项说明。")
    assert panel.dirty and not ap.record_button.isEnabled()   # unsaved: nothing to approve yet
    assert screen.record_approval() is None
    screen.save_text(panel)
    assert ap.state.status == TEXT_CHANGED and "第三届董事会第八次会议" in ap.state_label.text()
    assert screen.text_tabs.tabText(1).endswith("!")
    screen.text_tabs.setCurrentWidget(ap)
    ap.meeting_edit.clear()
    assert not ap.record_button.isEnabled()                 # the meeting is required
    ap.body_edit.setText("董事会")
    ap.meeting_edit.setText("第三届董事会第九次会议")
    from PySide6.QtCore import QDate

    ap.date_edit.setDate(QDate(2026, 6, 20))
    assert ap.record_button.isEnabled()
    with qtbot.waitSignal(screen.approval_recorded, timeout=20_000):
        ap.record_button.click()
        assert ap.busy and not ap.record_button.isEnabled()
    assert not ap.busy and ap.state.status == APPROVED and screen.text_tabs.tabText(1).endswith("!")
    assert "第三届董事会第九次会议" in ap.state_label.text() and "2026-06-20" in ap.state_label.text()

    store = Store.open(db)                                  # another connection: it is on record
    try:
        approvals = store.board_approvals("disclosure", "2025")
        latest = store.latest_text("disclosure_text", "2025")
        journal = store.list_journal(entity="board_approval")
    finally:
        store.close()
    assert len(approvals) == 2                              # the demo's and this one; nothing overwritten
    a = approvals[-1]
    assert (a.approving_body, a.meeting_ref, a.approval_date.isoformat()) == ("董事会", "第三届董事会第九次会议",
                                                                              "2026-06-20")
    assert a.text_id == latest.id and a.text_sha256 == text_sha256(latest.text)
    assert a.created_by == "风险管理部 王芳" and journal[-1].entity_id == a.id

    # the 2024 disclosure has no text: nothing to approve, and the state says so
    screen.set_period("2024")
    assert ap.state.status != APPROVED and not ap.record_button.isEnabled()
    screen.panel("text").editor.setPlainText("2024年度说明。")
    screen.save_text(screen.panel("text"))
    assert ap.state.status == NOT_APPROVED and ap.record_button.isEnabled() is bool(ap.meeting_edit.text())
    screen.set_kind("semiannual")                          # no approval tab for the other reports
    assert screen.text_tabs.indexOf(ap) == -1 and screen.text_tabs.count() == 2


def test_unsaved_text_is_not_lost_silently(open_screen, db, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    screen = open_screen(db)
    screen.set_kind("semiannual")
    screen.set_period("2025H1")
    panel = screen.panel("governance")
    panel.editor.setPlainText("本期召开董事会风险管理委员会会议两次。")
    assert panel.dirty and not screen.undo_stack().isClean()
    answers = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: answers.pop(0))
    answers.append(QMessageBox.StandardButton.Cancel)
    screen.set_kind("quarterly")  # cancelled: still the semiannual texts, still unsaved
    assert screen.kind == "semiannual" and screen.panel("governance").dirty
    answers.append(QMessageBox.StandardButton.Save)
    screen.set_period("2024H2")  # saved for 2025H1 first, then the texts of 2024H2
    assert screen.state.period == "2024H2" and not answers
    assert screen.store.latest_text("semiannual_governance", "2025H1").text == "本期召开董事会风险管理委员会会议两次。"
    assert screen.panel("governance").text() == "" and screen.undo_stack().isClean()


def _small_pdf(path, pages=4):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(str(path), pagesize=A4)
    for i in range(pages):
        c.drawString(72, 720, f"Page {i + 1} of the test report")
        c.showPage()
    c.save()
    return path


def test_preview_without_pypdfium2_falls_back(tmp_path, monkeypatch):
    """No PDFium: poppler's pdftoppm draws the pages; without it too, the page count and a text excerpt."""
    import shutil
    import sys

    from ui.reports import preview

    pdf = _small_pdf(tmp_path / "r.pdf")
    if HAS_PDFIUM:
        p = preview.rasterise(pdf)
        assert p.method == "pdfium" and p.page_count == 4 and len(p.images) == 3
        assert p.images[0].width() == preview.RENDER_WIDTH
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # import fails
    if shutil.which("pdftoppm"):
        p = preview.rasterise(pdf)
        assert p.method == "pdftoppm" and p.page_count == 4 and len(p.images) == 3
        assert not p.images[0].isNull()
    real_which = shutil.which
    monkeypatch.setattr(preview.shutil, "which", lambda name: None if name == "pdftoppm" else real_which(name))
    p = preview.rasterise(pdf)
    assert p.method == "text" and p.page_count == 4 and not p.images
    if real_which("pdftotext"):
        assert "Page 1 of the test report" in p.excerpt
    assert preview.rasterise(tmp_path / "gone.pdf").method == "missing"


def test_language_switch_rewords_the_screen(open_screen, db, qapp):
    from PySide6.QtCore import Qt

    from ui.common import i18n

    screen = open_screen(db)
    screen.set_kind("semiannual")
    screen.set_period("2023H1")
    assert "快照" in screen.source_label.text() and screen.generate_button.text() == "生成"
    i18n.set_language("en")
    qapp.processEvents()
    assert screen.kind_combo.currentText() == "Semiannual concentration risk assessment report"
    assert screen.source_label.text().startswith("No snapshot has an as-of date in 2023H1")
    assert screen.generate_button.text() == "Generate" and screen.text_tabs.tabText(0).startswith("Conclusions")
    assert screen.past_model.headerData(0, Qt.Orientation.Horizontal) == "Report"
    i18n.set_language("zh_CN")
    qapp.processEvents()
    assert screen.kind_combo.currentText() == "集中度风险半年度评估报告" and "快照" in screen.source_label.text()


def test_every_report_kind_the_cli_makes_is_offered_in_pdf_and_xlsx(open_screen, db, tmp_path, qtbot):
    """The screen offers what `report` makes (reports.builders.KINDS), each in PDF and XLSX; the Art 25
    chapter of the demo's 2025 is generated from the screen as an XLSX workbook."""
    from reports.builders import KINDS
    from ui.reports.kinds import BY_KIND

    assert set(BY_KIND) == set(KINDS)
    assert all(set(spec.formats) == {"pdf", "xlsx"} for spec in BY_KIND.values())
    screen = open_screen(db)
    screen.set_kind("annual_chapter")
    screen.set_period("2025")
    screen.xlsx_radio.setChecked(True)
    assert screen.fmt == "xlsx"
    out = tmp_path / "chapter.xlsx"
    with qtbot.waitSignal(screen.generated, timeout=60_000):
        assert screen.generate(str(out)) is not None
    import openpyxl

    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames and out.read_bytes().startswith(b"PK")
