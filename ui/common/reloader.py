"""Keeping a screen that shows one read of the database current (the breach register, the history).

The screen owns a Reloader and calls `reload()` when the store is ready, after another database was opened
and from its Refresh button, and `activated()` when it is shown again. A read runs `read(store, *args)` in a
worker on a store connection of its own (`session.run_with_store`; `args()` is asked at that moment, e.g. what
the worker may skip). `loaded(result)` gets the result on the GUI thread; a failed read is shown to the
user.

`follow(kinds)` keeps the screen current when the history is written anywhere: after a write of one of
those kinds (ui.session.Session.changed) it reads again, shown or not; a write during a read asks for one
more read when that one is done, so the last write is always seen.
"""
from __future__ import annotations

from typing import Any, Callable


class Reloader:
    def __init__(self, screen, session, read: Callable[..., Any], loaded: Callable[[Any], None],
                 label: Callable[[], str], args: Callable[[], tuple] = tuple):
        self.screen = screen
        self.session = session
        self.read = read
        self.loaded = loaded
        self.label = label          # the busy indicator's text, translated when a read starts
        self.args = args
        self.busy = False           # a read is under way
        self.stale = False          # a write was announced during the read under way: read once more
        self.kinds: frozenset[str] = frozenset()

    def follow(self, kinds) -> None:
        """Read again after every write of one of these kinds (Session.changed), shown or not."""
        self.kinds = frozenset(kinds)
        self.session.changed.connect(self._changed)

    def _changed(self, kind: str, _ids) -> None:
        if kind not in self.kinds or self.session.store is None:
            return
        from shiboken6 import isValid

        if not isValid(self.screen):       # the screen was closed; the session outlives it
            return
        if self.busy:
            self.stale = True
        else:
            self.reload()

    def activated(self) -> None:
        """The screen is shown again: read again, unless a read is under way."""
        if self.session.store is not None and not self.busy:
            self.reload()

    def reload(self) -> None:
        if self.session.store is None:
            return
        self.busy = True
        self.session.run_with_store(self.screen, self.read, *self.args(), on_done=self._done, on_error=self._failed,
                                    progress="statusbar", progress_label=self.label())

    def _done(self, result) -> None:
        self.busy = False
        self.loaded(result)
        if self.stale:
            self.stale = False
            self.reload()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.stale = False
        from ui.common.ops import show_exception

        show_exception(self.screen, exc)
