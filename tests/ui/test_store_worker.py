"""One store worker for every write (ui.common.ops.StoreWorker, ui.session.Session.write/write_now), and the
`changed(kind, ids)` notification that keeps every screen current without being shown again."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QWidget

from ui.common import ops


class FakeStore:
    def __init__(self):
        self.thread = threading.current_thread()
        self.closed = False
        self.writes: list = []

    def close(self):
        self.closed = True


@pytest.fixture
def worker():
    opened: list[FakeStore] = []

    def open_store():
        store = FakeStore()
        opened.append(store)
        return store

    w = ops.StoreWorker(open_store, lambda s: s.close())
    w.opened = opened
    yield w
    w.close()


def test_writes_run_in_order_on_one_thread_and_one_connection(worker, qtbot, wait_ops):
    seen = []

    def write(store, i):
        store.writes.append(i)
        seen.append((threading.current_thread(), store))
        return i

    results = []
    for i in range(50):
        ops.run_op(None, write, i, worker=worker, on_done=results.append, progress="none")
    wait_ops()
    assert results == list(range(50))                       # delivered in the order asked for
    assert len(worker.opened) == 1 and worker.opened[0].writes == list(range(50))
    threads = {t for t, _ in seen}
    assert threads == {worker.thread} and worker.thread is not threading.main_thread()
    assert {id(s) for _, s in seen} == {id(worker.opened[0])}
    assert worker.opened[0].thread is worker.thread           # opened in the thread that uses it


def test_call_waits_for_the_writes_before_it_and_raises_their_failure_here(worker, wait_ops):
    gate = threading.Event()
    order = []
    ops.run_op(None, lambda store: (gate.wait(5), order.append("queued first")), worker=worker, progress="none")
    gate.set()
    assert worker.call(lambda store, x: order.append(x) or x * 2, 21) == 42
    assert order == ["queued first", 21]
    with pytest.raises(ZeroDivisionError):
        worker.call(lambda store: 1 / 0)
    assert worker.call(lambda store: "still writing") == "still writing"     # a failure does not stop it
    wait_ops()


def test_close_finishes_the_queue_then_closes_the_connection(worker, wait_ops):
    done = []
    ops.run_op(None, lambda store: "last", worker=worker, on_done=done.append, progress="none")
    worker.close()
    assert not worker.thread.is_alive() and worker.opened[0].closed
    wait_ops()
    assert done == ["last"]
    with pytest.raises(RuntimeError):
        ops.run_op(None, lambda store: None, worker=worker)


def test_session_write_announces_the_change_after_on_done_even_when_the_asker_closed(qtbot, wait_ops, tmp_path):
    from ui.session import CASE, Session

    session = Session(tmp_path / "h.sqlite", user="王敏")
    session.open_store()
    wait_ops()
    heard, order = [], []
    session.changed.connect(lambda kind, ids: heard.append((kind, ids)) or order.append("changed"))
    parent = QWidget()
    qtbot.addWidget(parent)
    op = session.write(parent, lambda store, x: x + 1, 6, changed=CASE, on_done=lambda r: order.append("done"),
                       progress="none")
    with qtbot.waitSignal(op.finished, timeout=5000):
        pass
    assert heard == [(CASE, [7])] and order == ["done", "changed"]
    # the asking screen closes before the write is done: no callback to it, but the others still hear
    gate = threading.Event()
    asker = QWidget()
    op = session.write(asker, lambda store: gate.wait(5) and 99, changed=CASE, ids=lambda r: [r, r + 1],
                       on_done=lambda r: pytest.fail("the asker is gone"), progress="none")
    asker.deleteLater()
    qtbot.waitUntil(lambda: not _alive(asker), timeout=5000)
    gate.set()
    with qtbot.waitSignal(op.finished, timeout=5000):
        pass
    assert heard[-1] == (CASE, [99, 100])
    # write_now: the result at once, then the notification; a refusal raises and announces nothing
    assert session.write_now(lambda store: 5, changed=CASE) == 5 and heard[-1] == (CASE, [5])
    with pytest.raises(ValueError):
        session.write_now(lambda store: (_ for _ in ()).throw(ValueError("refused")), changed=CASE)
    assert heard[-1] == (CASE, [5])
    writer = session.writer()
    session.close()
    assert writer.closed and not writer.thread.is_alive()


def _alive(widget) -> bool:
    from shiboken6 import isValid

    return isValid(widget)


def test_an_event_recorded_in_the_register_reloads_the_history_without_showing_it(qtbot, wait_ops, db,
                                                                                  monkeypatch):
    """The breach register writes on the store worker; the history screen, built earlier and hidden, reads
    again on `changed` and lists the new case event — nobody shows it again."""
    from ui.breaches.screen import BreachesScreen
    from ui.history.screen import HistoryScreen
    from ui.session import Session

    session = Session(db_path=db, user="风险管理部 王敏")
    history = HistoryScreen(session)
    qtbot.addWidget(history)
    register = BreachesScreen(session)
    qtbot.addWidget(register)
    register.show()
    with qtbot.waitSignal(register.loaded, timeout=20_000):
        session.open_store(register)
    wait_ops(20_000)
    history.hide()
    qtbot.waitUntil(lambda: bool(history.data.journal), timeout=20_000)
    journal_before = len(history.data.journal)

    gui_thread_writes = []
    real_record = type(session.store).record_case_event

    def spy(store, *args, **kwargs):
        gui_thread_writes.append(threading.current_thread() is threading.main_thread())
        return real_record(store, *args, **kwargs)

    monkeypatch.setattr(type(session.store), "record_case_event", spy)
    case = next(c for c in register.model.cases if c.state == "open")
    assert register.select_case(case.id)
    monkeypatch.setattr(register, "confirm_record", lambda case, lines: True)
    register.editor.comment.setPlainText("已向风险管理委员会报告")
    with qtbot.waitSignal(history.loaded, timeout=20_000):
        event_id = register.record_event()
    assert event_id is not None and gui_thread_writes == [False]    # written by the worker, not the GUI
    assert not history.isVisible()
    assert len(history.data.journal) > journal_before
    session.close()


def test_an_approval_on_the_limits_screen_reloads_the_concentration_dashboard(qtbot, wait_ops, tmp_path):
    """The checker approves the import's limits on the limits screen; the concentration screen, built
    earlier and never shown again, reads the snapshot again and shows it under the approved version."""
    from core.concentration.snapshots import preview_import
    from core.services.imports import store_snapshot
    from core.store import Store
    from tests.conftest import EXAMPLES
    from ui.concentration.screen import ConcentrationScreen
    from ui.limits.screen import LimitsScreen
    from ui.session import Session

    path = tmp_path / "riskdesk.sqlite"
    with Store.open(path) as store:
        pid = store_snapshot(store, preview_import(EXAMPLES / "small-group"), "甲", source="test").proposal_id
    assert pid is not None
    session = Session(db_path=path, user="乙")
    dashboard = ConcentrationScreen(session)
    qtbot.addWidget(dashboard)
    limits = LimitsScreen(session)
    qtbot.addWidget(limits)
    session.open_store()
    qtbot.waitUntil(lambda: dashboard.view is not None and limits.state is not None, timeout=20_000)
    wait_ops(20_000)
    assert dashboard.view.limits_source is None            # the data's own limits, not approved yet
    limits.show()
    props = limits.proposals_page
    props.refresh()
    props.select_proposal(pid)
    wait_ops()
    with qtbot.waitSignal(dashboard.view_loaded, timeout=20_000):
        props.decide_selected("approve", comment="同意")
    qtbot.waitUntil(lambda: dashboard.view is not None and dashboard.view.limits_source is not None,
                    timeout=20_000)
    assert not dashboard.isVisible()
    assert dashboard.view.limits_source[1] == 1              # version 1, approved just now
    wait_ops()
    session.close()
