"""ui.common.reloader.Reloader: how the breach register and the history read the database again."""
from types import SimpleNamespace

from ui.common.reloader import Reloader


class FakeSession:
    def __init__(self, store="gui-store", db_path=None):
        self.store, self.db_path = store, db_path
        self.calls = []

    def run_with_store(self, parent, fn, *args, **kwargs):
        self.calls.append((parent, fn, args, kwargs))


def test_without_a_file_the_read_runs_at_once_on_the_gui_store():
    session, loaded = FakeSession(), []
    reader = Reloader("screen", session, lambda store: f"read {store}", loaded.append, label=lambda: "Reading…",
                      args=lambda: ("ignored",))
    reader.reload()
    assert loaded == ["read gui-store"] and not reader.busy and session.calls == []
    reader.activated()
    assert loaded == ["read gui-store"] * 2
    session.store = None
    reader.reload()
    reader.activated()
    assert len(loaded) == 2


def test_with_a_file_the_read_runs_in_a_worker(monkeypatch):
    import ui.common.ops

    shown = []
    monkeypatch.setattr(ui.common.ops, "show_exception", lambda parent, exc: shown.append((parent, exc)))
    session, loaded = FakeSession(db_path="x.sqlite"), []

    def read(store, *args):
        return args

    reader = Reloader("screen", session, read, loaded.append, label=lambda: "Reading…", args=lambda: (1, 2))
    reader.reload()
    assert reader.busy
    (parent, fn, args, kwargs), = session.calls
    assert (parent, fn, args) == ("screen", read, (1, 2))
    assert kwargs["progress"] == "statusbar" and kwargs["progress_label"] == "Reading…"
    reader.activated()                        # a read is under way: no second one
    assert len(session.calls) == 1
    kwargs["on_done"](SimpleNamespace(rows=3))
    assert not reader.busy and loaded == [SimpleNamespace(rows=3)]
    reader.activated()
    error = RuntimeError("disk")
    session.calls[-1][3]["on_error"](error)
    assert not reader.busy and shown == [("screen", error)] and len(loaded) == 1
