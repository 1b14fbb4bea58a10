"""The history screen (ui/history) on the demo group: both snapshots listed and compared (every limit,
then and now; G01, whose worst key RE01 went from warning to breach, shows as changed), the dimension
indices side by side, two rating assessments compared, the journal filtered."""
from __future__ import annotations

import pytest

from core.store import Store


@pytest.fixture
def open_screen(screen_on_session):
    """`open_screen(path)`: the history screen on `path`, as the internal auditor opens it."""
    from ui.history.screen import HistoryScreen

    return lambda path: screen_on_session(HistoryScreen, path, user="审计部 赵琳", size=(1250, 840))


def test_history_lists_both_snapshots(open_screen, db):
    screen = open_screen(db)
    page = screen.snapshots
    model = page.snapshots_model
    assert [r.info.as_of.isoformat() for r in model.rows] == ["2025-06-30", "2024-12-31"]
    newest = model.rows[0]
    assert newest.summary == {"limits": 42, "ok": 36, "warning": 3, "breach": 3, "allocation_issues": 1}
    texts = [page.snapshots_proxy.index(0, c).data() for c in range(model.columnCount())]
    assert "2025-06-30" in texts and "李明（风险管理部）" in texts and "3,411" in texts
    # the status is that of the latest limit evaluation (under approved version 2), not of a stress test
    assert newest.limit_set_ref == {"limit_set_id": 1, "version": 2} and "版本 2" in texts
    assert newest.n_stress == 5


def test_two_snapshots_compare_every_limit(open_screen, db):
    screen = open_screen(db)
    page = screen.snapshots
    # the two latest are compared at once, the earlier as "then"
    assert (page.then.info.as_of.isoformat(), page.now.info.as_of.isoformat()) == ("2024-12-31", "2025-06-30")
    rows = {r.limit_id: r for r in page.limits_model.rows}
    assert len(rows) == 42
    g01 = rows["G01"]
    assert (g01.key_then, g01.key_now) == ("RE01", "RE01")
    assert (g01.status_then, g01.status_now, g01.change) == ("warning", "breach", "worse")
    assert g01.ratio_then == pytest.approx(0.0455) and g01.ratio_now == pytest.approx(0.0525)
    row = page.limits_model.rows.index(g01)
    cells = [page.limits_model.index(row, c).data() for c in range(page.limits_model.columnCount())]
    assert "预警 → 超限" in cells and "4.55%" in cells and "5.25%" in cells and "+0.70 个百分点" in cells
    headers = [page.limits_model.headerData(c, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal)
               for c in range(page.limits_model.columnCount())]
    headers = [" ".join(h.split()) for h in headers]               # the date is on a second header line
    assert "比例 2024-12-31" in headers and "比例 2025-06-30" in headers
    g05 = page.limits_model.rows.index(rows["G05"])
    assert page.limits_model.index(g05, 4).data() == "K70 房地产业"
    # only changed: G01 stays, unchanged limits go
    page.only_changed.setChecked(True)
    shown = [page.limits_proxy.index(r, 0).data() for r in range(page.limits_proxy.rowCount())]
    assert "G01" in shown and len(shown) < 40
    assert all(rows[lid].change != "same" for lid in shown)
    # indices of the dimensions, then and now
    ix = {r.dimension: r for r in page.indices_model.rows}
    assert {"counterparty_group", "counterparty", "industry", "region", "asset_class"} <= set(ix)
    cg = ix["counterparty_group"]
    with Store.open(db) as store:
        now = next(e.result for e in store.evaluations_for(store.list_snapshots()[0].id)
                   if "stress" not in e.limit_set_ref)["indices"]["counterparty_group"]
    assert cg.value("hhi", "now") == pytest.approx(now["hhi"])
    assert cg.value("top10", "then") is not None and cg.value("top10", "then") != cg.value("top10", "now")


def test_selecting_the_same_snapshot_twice_is_not_a_comparison(open_screen, db):
    screen = open_screen(db)
    page = screen.snapshots
    page.snapshots.clearSelection()
    assert page.then is None and page.limits_model.rowCount() == 0
    assert "选择两个快照" in page.hint.text()
    # selecting two rows in the list compares them again
    from PySide6.QtCore import QItemSelectionModel

    sel = page.snapshots.selectionModel()
    for r in range(2):
        sel.select(page.snapshots_proxy.index(r, 0),
                   QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    assert page.then is not None and page.limits_model.rowCount() == 42


def test_two_assessments_compare(open_screen, db):
    screen = open_screen(db)
    page = screen.assessments
    assert {(a.kind, a.period) for a in page.list_model.rows} == {("self", "2024"), ("self", "2025"),
                                                                  ("regulator", "2024")}
    assert (page.a.period, page.b.period) == ("2024", "2025")
    rows = {r.key: r for r in page.dims_model.rows}
    assert len(rows) == 6
    gov = rows["governance"]
    assert (str(gov.score_a), str(gov.score_b)) == ("80.00", "81.50") and str(gov.delta) == "1.50"
    assert gov.name == "公司治理"
    r = page.dims_model.rows.index(gov)
    assert page.dims_model.index(r, 3).data() == "+1.50"
    assert page.dims_model.index(r, 4).data() == "中"
    assert "78.30 → 78.99" in page.summary.text()
    # the 2024 self-assessment against the regulator's rating of 2024: the levels differ (2 vs 3)
    self24 = next(a for a in page.list_model.rows if a.kind == "self" and a.period == "2024")
    reg24 = next(a for a in page.list_model.rows if a.kind == "regulator")
    page.compare(self24.id, reg24.id)
    assert "2 → 3" in page.summary.text() or "3 → 2" in page.summary.text()


def test_limit_set_versions_and_proposals(open_screen, db):
    screen = open_screen(db)
    page = screen.limit_sets
    assert [(v.version, v.effective_date.isoformat()) for v in page.versions_model.rows] == [
        (2, "2025-06-30"), (1, "2024-12-31")]
    assert {(p.status, p.proposer, p.decision.decider) for p in page.proposals_model.rows} == {
        ("approved", "李明（风险管理部）", "王芳（首席风险官）")}
    assert page.proposals_model.index(0, 5).data() == "已批准"
    assert not page.empty.isVisible()


def test_every_version_of_an_officers_text(open_screen, db):
    with Store.open(db) as store:
        store.save_text("semiannual_conclusions", "2025H1", "修订稿：本期集中度风险总体可控。", "风险管理部 王敏")
    screen = open_screen(db)
    page = screen.reports
    rows = [t for t in page.texts_model.rows if t.kind == "semiannual_conclusions"]    # the demo has other texts
    assert [t.period for t in rows] == ["2025H1", "2025H1"]
    first = page.texts_proxy.index(0, 0)
    assert page.texts_proxy.index(0, 3).data() == "第 2 版 / 共 2 版"
    assert page.text_view.toPlainText() == "修订稿：本期集中度风险总体可控。"
    assert rows[-1].text.startswith("本期集团集中度风险总体可控")          # the first version is still there
    assert first.isValid()


def test_journal_lists_every_write_and_filters(open_screen, db):
    with Store.open(db) as store:
        store_journal = store.list_journal()
        n = len(store_journal)
    screen = open_screen(db)
    page = screen.journal
    assert page.model.rowCount() == n
    page.set_filter(entity="breach_case")
    entries = page.visible_entries()
    assert entries and all(j.entity == "breach_case" for j in entries)
    actions = {page.proxy.index(r, 3).data() for r in range(page.proxy.rowCount())}
    assert {"登记超限案例", "超限案例再次触发"} <= actions
    page.set_filter(entity="evaluation")
    words = [page.proxy.index(r, 3).data() for r in range(page.proxy.rowCount())]
    assert words.count("压力测试") == 5 and words.count("限额评估") == 4      # stress runs said apart
    page.set_filter(text="2025-06-30")
    assert {j.action for j in page.visible_entries()} >= {"snapshot.saved"}
    page.set_filter()
    assert page.proxy.rowCount() == n
    # from a day: the demo tells a year of use (the half-year snapshot imported on 2025-07-02, the rest
    # later); only the database's own creation is written today, nothing tomorrow
    from datetime import date, timedelta

    page.set_filter(since="2025-07-01")
    later = [j for j in store_journal if j.created_at >= "2025-07-01"]
    assert 0 < len(later) < n and page.proxy.rowCount() == len(later)
    page.set_filter(since=(date.today() + timedelta(days=1)).isoformat())
    assert page.proxy.rowCount() == 0


def test_journal_export(open_screen, db, tmp_path):
    import csv

    screen = open_screen(db)
    page = screen.journal
    page.set_filter(entity="breach_case")
    out = tmp_path / "journal.csv"
    n = page.export_csv(out)
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:3] == ["序号", "时间", "操作人"] and len(rows) == n + 1 == page.proxy.rowCount() + 1
    assert {r[-2] for r in rows[1:]} == {"breach_case"}


# ------------------------------------------------------------------------------------------ screenshot
def test_screenshot_in_the_main_window(qtbot, wait_ops, db, tmp_path):
    """The history inside the main window, 1400×900, Chinese, comparing 2024-12-31 with 2025-06-30. With
    RISKDESK_SCREENSHOTS=1 it writes docs/history-compare.png:

        RISKDESK_SCREENSHOTS=1 QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest \\
            tests/ui/test_history_screen.py -q -k screenshot
    """
    import os
    from pathlib import Path

    from ui import settings
    from ui.main_window import MainWindow
    from ui.session import Session

    settings.write(settings.WINDOW_SCREEN, "history")
    session = Session(db_path=db, user="审计部 赵琳")
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window.page_state("history") in ("ready", "broken"), timeout=30_000)
    screen = window.screen_widget("history")
    assert screen is not None, window.page_state("history")
    qtbot.waitUntil(lambda: len(screen.data.snapshots) == 2, timeout=20_000)
    wait_ops(20_000)
    page = screen.snapshots
    qtbot.wait(200)
    assert page.then is not None and page.limits_proxy.rowCount() == 42
    assert window.nav.currentItem().text() == "历史"
    out = Path(__file__).resolve().parents[2] / "docs" if os.environ.get("RISKDESK_SCREENSHOTS") else tmp_path
    out.mkdir(exist_ok=True)
    path = out / "history-compare.png"
    assert window.grab().save(str(path))
    assert path.stat().st_size > 50_000
    screen.tabs.setCurrentIndex(screen.ASSESSMENTS)
    qtbot.wait(100)
    window.grab().save(str(tmp_path / "history-assessments.png"))
    screen.tabs.setCurrentIndex(screen.JOURNAL)
    qtbot.wait(100)
    window.grab().save(str(tmp_path / "history-journal.png"))
    screen.tabs.setCurrentIndex(screen.LIMIT_SETS)
    qtbot.wait(100)
    window.grab().save(str(tmp_path / "history-limit-sets.png"))
    if os.environ.get("RISKDESK_SCREENSHOTS"):
        import shutil

        for name in ("history-assessments.png", "history-journal.png", "history-limit-sets.png"):
            shutil.copy(tmp_path / name, Path("/tmp") / name)
    window.close()
    session.close()


def test_english_interface(open_screen, db):
    from PySide6.QtCore import QCoreApplication, Qt

    from ui.common import i18n

    screen = open_screen(db)
    i18n.set_language("en")
    QCoreApplication.processEvents()            # LanguageChange is posted to every widget
    assert screen.title.text() == "History"
    page = screen.snapshots
    g01 = next(r for r in page.limits_model.rows if r.limit_id == "G01")
    row = page.limits_model.rows.index(g01)
    cells = [page.limits_model.index(row, c).data() for c in range(page.limits_model.columnCount())]
    assert "Warning → Breach" in cells and "+0.70 pp" in cells
    headers = [" ".join(page.limits_model.headerData(c, Qt.Orientation.Horizontal).split())
               for c in range(page.limits_model.columnCount())]
    assert "Ratio 2025-06-30" in headers
    assert screen.tabs.tabText(0) == "Snapshots (2)"
    i18n.set_language("zh_CN")
    QCoreApplication.processEvents()
    assert screen.tabs.tabText(0) == "快照（2）"


def test_withdraw_a_snapshot_imported_by_mistake(open_screen, db, wait_ops, qtbot, monkeypatch, tmp_path):
    """The demo's half-year data imported a second time by mistake: withdrawn from the snapshot list with a
    reason; it stays listed, marked 已撤回 with who/when/why, and the store no longer offers it."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialog, QLabel

    from core.concentration.snapshots import import_snapshot
    from core.demo import demo_snapshot_dirs
    from ui.common.tables import ROW
    from ui.history.snapshots import WithdrawSnapshotDialog

    with Store.open(db) as store:
        good = store.latest_snapshot_in("2025-01-01", "2025-06-30")
        wrong = import_snapshot(store, demo_snapshot_dirs()[-1], "李明（风险管理部）").snapshot_id
        assert store.latest_snapshot_in("2025-01-01", "2025-06-30").id == wrong
        open_before = {c.id for c in store.list_cases(state="active")}
    screen = open_screen(db)
    page = screen.snapshots
    assert [r.info.id for r in page.snapshots_model.rows][0] == wrong
    assert not page.withdraw_button.isEnabled()            # two snapshots selected (compared): which one?
    assert page.withdraw_button.text() == "撤回数据快照…"
    page.select_snapshot(wrong)
    assert page.withdraw_button.isEnabled()

    answers = iter(["   ", "重复导入了2025年上半年数据"])
    notes = []

    def fake_exec(dialog):
        notes.append(" ".join(lab.text() for lab in dialog.findChildren(QLabel)))
        dialog.text.setPlainText(next(answers))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(WithdrawSnapshotDialog, "exec", fake_exec)
    qtbot.mouseClick(page.withdraw_button, Qt.MouseButton.LeftButton)      # an empty reason: refused
    wait_ops()
    assert "撤回须填写理由" in page.message.text()
    assert "不会自动关闭" in notes[0] and "超限台账" in notes[0]
    with qtbot.waitSignal(screen.loaded, timeout=20_000):
        qtbot.mouseClick(page.withdraw_button, Qt.MouseButton.LeftButton)
    wait_ops()
    assert "已撤回" in page.message.text() and "超限台账" in page.message.text()
    with Store.open(db) as store:
        w = store.get_snapshot_info(wrong).withdrawal
        assert w is not None, (page.message.text(), store.snapshot_withdrawals(), wrong, good.id,
                               [s.id for s in store.list_snapshots(include_withdrawn=True)])
        assert w.created_by == "审计部 赵琳" and w.reason == "重复导入了2025年上半年数据"
        assert store.latest_snapshot_in("2025-01-01", "2025-06-30").id == good.id
        assert wrong not in [s.id for s in store.list_snapshots()]
        assert {c.id for c in store.list_cases(state="active")} == open_before   # no case closed
    # still listed, marked, with who/when/why; the comparison is of the two snapshots in use
    rows = page.snapshots_model.rows
    assert [r.info.id for r in rows][0] == wrong and rows[0].info.withdrawal is not None
    row = next(r for r in range(page.snapshots_proxy.rowCount())
               if page.snapshots_proxy.index(r, 0).data(ROW).info.id == wrong)
    assert page.snapshots_proxy.index(row, 0).data() == "2025-06-30 · 已撤回"
    last = page.snapshots_model.columnCount() - 1
    assert "审计部 赵琳" in page.snapshots_proxy.index(row, last).data()
    assert "重复导入了2025年上半年数据" in page.snapshots_proxy.index(row, last).data()
    assert "重复导入" in page.snapshots_proxy.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert page.now.info.id == good.id
    page.select_snapshot(wrong)
    assert not page.withdraw_button.isEnabled()            # withdrawn already
    # the journal tells it
    assert "数据快照撤回" in {screen.journal.proxy.index(r, 3).data() for r in range(screen.journal.proxy.rowCount())}
    assert screen.grab().save(str(tmp_path / "history-withdrawn.png"))


def test_the_counts_on_record_read_right_in_english_with_one_report(open_screen, db, qtbot):
    """"1 reports" in English (issue 16): each count now follows its noun, right for one and for many."""
    from ui.common import i18n

    screen = open_screen(db)
    n = len(screen.data.reports)
    i18n.set_language("en")
    qtbot.waitUntil(lambda: screen.subtitle.text().startswith("On record"))
    assert f"reports: {n}," in screen.subtitle.text() and " reports," not in screen.subtitle.text()
    i18n.set_language("zh_CN")
    qtbot.waitUntil(lambda: screen.subtitle.text().startswith("已存档"))
    assert f"报告 {n} 份" in screen.subtitle.text()
