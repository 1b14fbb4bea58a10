"""run_op's progress: a worker's progress(done, total) reaches on_progress on the GUI thread, in order and
before the result, through the one long-lived relay; nothing for a widget that is gone."""
import threading

import pytest
from PySide6.QtWidgets import QWidget

from ui.common import ops


@pytest.fixture
def parent(qtbot):
    w = QWidget()
    qtbot.addWidget(w)
    w.show()
    return w


def test_progress_reaches_the_gui_thread_in_order_before_the_result(parent, qtbot):
    seen = []

    def work(n, progress):
        for i in range(1, n + 1):
            progress(i, n)
            progress(i, n)          # a repeat is not sent again
        return "made"

    def on_progress(done, total):
        seen.append((done, total, threading.current_thread() is threading.main_thread()))

    def on_done(result):
        seen.append(("done", result))

    op = ops.run_op(parent, work, 50, on_done=on_done, on_progress=on_progress, progress="none")
    with qtbot.waitSignal(op.finished, timeout=10_000):
        pass
    assert seen[:-1] == [(i, 50, True) for i in range(1, 51)]
    assert seen[-1] == ("done", "made")


def test_without_on_progress_the_function_gets_no_progress_keyword(parent, qtbot):
    op = ops.run_op(parent, lambda **kw: sorted(kw), on_done=lambda r: None, progress="none")
    with qtbot.waitSignal(op.finished, timeout=5000):
        pass
    assert op.result == []


def test_no_progress_callback_when_the_asking_widget_is_gone(qtbot):
    w = QWidget()
    called = []
    release = threading.Event()

    def work(progress):
        release.wait(5)
        progress(1, 2)
        return 1

    op = ops.run_op(w, work, on_progress=lambda d, t: called.append((d, t)), on_done=called.append,
                    progress="none")
    w.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(w))
    release.set()
    with qtbot.waitSignal(op.finished, timeout=5000) as blocker:
        pass
    assert blocker.args == [False] and called == []


def test_the_busy_dialog_turns_determinate(parent, qtbot, monkeypatch):
    monkeypatch.setattr(ops, "BUSY_DELAY_MS", 0)
    release = threading.Event()
    step = threading.Event()
    values = []

    def work(progress):
        step.wait(5)
        progress(3, 4)
        release.wait(5)
        return 1

    def on_progress(done, total):
        dialog = op._dialog
        values.append(None if dialog is None else (dialog.value(), dialog.maximum()))
        release.set()

    op = ops.run_op(parent, work, on_progress=on_progress, on_done=lambda r: None)
    qtbot.waitUntil(lambda: op._dialog is not None, timeout=5000)
    step.set()
    with qtbot.waitSignal(op.finished, timeout=5000):
        pass
    assert values == [(3, 4)]
