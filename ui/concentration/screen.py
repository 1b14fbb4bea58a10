"""Group concentration screen: import a quarter's data, the limit dashboard, concentration by dimension.

Built by the main window as ConcentrationScreen(session, parent). A snapshot selector on top lists the
stored snapshots (latest as_of first, the default); choosing one loads it in worker threads, on store
connections of their own, in two steps: the limit dashboard first, from the snapshot's stored evaluation
(`load_view`: no exposure row read), then the whole snapshot, which core evaluates
(`core.concentration.engine.evaluate`) for the dimension page and the drill-down (`full_view`). Import goes through core's `preview_import` (dry run) and `store_snapshot` (one
transaction), both off the GUI thread; afterwards the new snapshot is selected and the dashboard shown.

A store connection belongs to the thread that opened it (core.store), so worker threads open their own
connection on the same file (WAL lets them read and write beside the GUI's). A store without a file (in
memory) cannot be shared: its work then runs on the GUI thread.
"""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from ui import session as session_kinds
from ui.common.screen import SnapshotScreen
from ui.concentration.dashboard import DashboardPage
from ui.concentration.dimension_view import DimensionPage
from ui.concentration.import_page import ImportPage, dropped_path
from ui.concentration.models import SnapshotView, build_view

STAGE_DELAY_MS = 100   # after the stored dashboard is shown, before the whole snapshot's load starts

# What the constructor would otherwise import on the GUI thread (the main window imports these in its worker).
# Not matplotlib: the dimension page builds its chart when first seen (its modules load in a worker before).
PRELOAD = ("core.concentration.snapshots", "core.concentration.engine", "wording.problems")


# -- worker functions (no Qt in here) ------------------------------------------------------------------
def preview_and_view(path: str, db_path=None, header_rows=None):
    """Dry run of an import, with the look-ups the pages need (worker thread); `header_rows`: the
    officer's header rows per file (the import page's 重新读取).

    With a database, the evaluation shown is under the limits that will govern the stored one (the approved
    limit set in force on the data's as_of, core.whatif.governance), else under the data's own limits.
    """
    from core.concentration.snapshots import preview_import

    preview = preview_import(path, header_rows or None)
    if not preview.ok or preview.result is None:
        return preview, None
    result, source = preview.result, None
    if db_path is not None:
        result, source = governed(db_path, preview)
    view = build_view(preview.data, result)
    view.limits_source = source
    return preview, view


def governed(db_path, preview):
    """(result, (limit set id, version) or None) of a preview under the governing limits of the database."""
    try:
        from core.whatif.governance import evaluate_for_store
    except ImportError:        # a core without governance: the data's own limits govern
        return preview.result, None
    from core.store import Store

    store = Store.open(db_path)
    try:
        result, _doc, ref = evaluate_for_store(store, preview.result, preview.data)
    finally:
        store.close()
    return result, ((ref["limit_set_id"], ref.get("version")) if "limit_set_id" in ref else None)


def _governing(store, snapshot_id: int):
    """(the evaluation that governs the snapshot or None, the limits it used when an approved version's
    rows else None, (limit set id, version) or None)."""
    from core.services.evaluations import governing_evaluation

    # A saved stress result is also an evaluation of the snapshot, but never the one that says which limits govern.
    latest = governing_evaluation(store, snapshot_id)
    version_id = latest.limit_set_version_id if latest is not None else None
    if version_id is not None:
        version = store.get_version(version_id)
        return latest, version.rows, (version.limit_set_id, version.version)
    return latest, None, None


def load_view(store, snapshot_id: int) -> SnapshotView:
    """A stored snapshot as its governing evaluation recorded it, for the limit dashboard (worker thread):
    the stored result, the names of the keys it shows and the snapshot's members, no exposure nor
    counterparty row read (core.concentration.snapshots.open_stored), so that a million-exposure snapshot
    opens in about a second.
    The view is not `complete`: `full_view` then gives the one the other pages need. A snapshot with no
    stored evaluation is read whole at once.

    The limits are those of the snapshot's latest stored evaluation: an approved limit set version when the
    snapshot was last evaluated under one, else the snapshot's own limits.csv (what the import evaluated).
    """
    from core.concentration.snapshots import open_stored
    from ui.concentration.models import build_stored_view

    latest, limits, source = _governing(store, snapshot_id)
    if latest is None:
        return full_view(store, snapshot_id)
    view = build_stored_view(open_stored(store, snapshot_id, latest, limits))
    view.limits_source = source
    view.previous = previous_results(store, view.as_of)
    return view


def full_view_after_paint(store, snapshot_id: int) -> SnapshotView:
    """`full_view`, started a moment later (worker thread): its Python work holds the interpreter lock, and the
    GUI thread first paints the dashboard just shown. Sleeping here, not delaying the start, keeps the load
    counted as running work from the start (ui.common.ops)."""
    import time

    time.sleep(STAGE_DELAY_MS / 1000)
    return full_view(store, snapshot_id)


def full_view(store, snapshot_id: int) -> SnapshotView:
    """Read a stored snapshot with its rows and evaluate it for the screens (worker thread): the sums of
    every dimension and the drill-down's rows, under the limits `load_view` names."""
    from core.concentration.engine import evaluate
    from core.concentration.snapshots import load_complete

    data = load_complete(store, snapshot_id)
    _latest, limits, source = _governing(store, snapshot_id)
    view = build_view(data, evaluate(data, limits), snapshot_id)
    view.limits_source = source
    view.previous = previous_results(store, data.group.as_of)
    if view.exposure_info is not None and len(view.exposure_info):
        # build the exposure ids' hash table here, in the worker, not in the first drill-down (a quarter of a
        # second at a million exposures)
        view.exposure_info.index.get_indexer(view.exposure_info.index[:1])
    return view


def previous_results(store, as_of) -> dict | None:
    """The limits of the latest snapshot dated before `as_of`, as its latest stored evaluation recorded them:
    {"as_of": date, "limits": {limit_id: {"ratio", "status", ...}}}; None when there is none."""
    from core.services.evaluations import governing_evaluation

    earlier = [s for s in store.list_snapshots() if s.as_of < as_of]
    if not earlier:
        return None
    prev = earlier[0]                                   # list_snapshots: newest as_of first
    latest = governing_evaluation(store, prev.id)
    if latest is None:
        return None
    limits = {lim["limit_id"]: lim for lim in (latest.result or {}).get("limits", [])}
    return {"as_of": prev.as_of, "limits": limits}


def store_preview(store, preview, user: str | None, source: str | None):
    from core.services.imports import store_snapshot

    return store_snapshot(store, preview, user or None, source=source)


class ConcentrationScreen(SnapshotScreen):
    view_loaded = Signal()      # a snapshot (or none) is shown
    imported = Signal(int)      # snapshot id, after storing

    IMPORT, DASHBOARD, DIMENSION = range(3)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.setObjectName("concentrationScreen")
        self.view: SnapshotView | None = None
        self.last_outcome = None
        self._loading_id: int | None = None   # the snapshot being loaded
        self.shows_data = False                # a snapshot's limits are on the dashboard (ui.app's ready line)
        self._load_token = 0                   # which load's result is still wanted
        self.setAcceptDrops(True)

        self.selector.refresh_button.clicked.connect(lambda: self.refresh_snapshots(keep=True))
        self.info.setObjectName("snapshotInfo")

        self.import_page = ImportPage()
        from ui.common.tables import excel_like

        excel_like(self.import_page.eval_table, "import-preview")   # every table copies and exports alike
        self.dashboard = DashboardPage()
        self.dimension = DimensionPage()
        self._opened_on_data = False
        self.tabs = QTabWidget()
        self.tabs.setObjectName("concentrationTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.import_page, "")
        self.tabs.addTab(self.dashboard, "")
        self.tabs.addTab(self.dimension, "")

        self.import_page.preview_requested.connect(self.run_preview)
        self.import_page.store_requested.connect(self.run_store)
        self.dashboard.limit_activated.connect(self.show_limit)
        self.dimension.exposures_requested.connect(self._fetch_exposures)

        self.finish_layout(self.tabs)

    # ------------------------------------------------------------------------------- contract
    def activated(self) -> None:
        if self.store is not None:
            self.refresh_snapshots(keep=True)

    # ------------------------------------------------------------------------- running store work
    def _run_with_store(self, fn: Callable[[Any], Any], *args, on_done, on_error=None, label: str = "",
                        progress: str = "statusbar"):
        """Run fn(store, *args) off the GUI thread on a store connection of its own (the session opens it in
        the worker and closes it after the call)."""
        return self.session.run_with_store(self, fn, *args, on_done=on_done, on_error=on_error,
                                           progress_label=label, progress=progress)

    def written(self, kind: str, _ids) -> None:
        """A write anywhere (Session.changed), shown or not (a new or withdrawn snapshot is listed already):
        after an approval or a new evaluation the snapshot shown is read again (its governing evaluation may
        differ)."""
        if kind in (session_kinds.LIMITS, session_kinds.EVALUATION) and self.view is not None:
            # a load under way may have read before this write: start it again (its token drops the old)
            self.load_snapshot(self._loading_id or self.view.snapshot_id)

    # ----------------------------------------------------------------------------- snapshots
    def current_snapshot_id(self) -> int | None:
        return self.view.snapshot_id if self.view is not None else None

    def forget(self) -> None:
        self.view = None
        self._loading_id = None     # a load from the previous database is of no interest any more
        self._load_token += 1

    def refresh_snapshots(self, keep: bool = False, select: int | None = None) -> None:
        """List the stored snapshots; load `select`, else keep the current one, else the latest."""
        current = self.current_snapshot_id()
        wanted = self.list_snapshots(keep, select)
        if wanted is None:
            self._set_view(None)
            if self.tabs.currentIndex() != self.IMPORT:
                self.tabs.setCurrentIndex(self.IMPORT)
            return
        if (current != wanted or self.view is None) and self._loading_id != wanted:
            self.load_snapshot(wanted)

    def snapshot_chosen(self, snapshot_id: int) -> None:
        self.load_snapshot(snapshot_id)

    def load_snapshot(self, snapshot_id: int):
        self._loading_id = snapshot_id
        self._load_token += 1
        token = self._load_token
        self.info.setText(self.tr("Loading the snapshot…"))

        def done(view: SnapshotView) -> None:
            if self._load_token != token:   # the user has chosen another one (or database) meanwhile
                return
            if view.complete:
                self._loading_id = None
                self._set_view(view)
                return
            # the dashboard from the stored evaluation now; the sums and rows of the other pages after it
            self._show_stored(view)
            self._run_with_store(full_view_after_paint, snapshot_id, on_done=done, on_error=failed,
                                 label=self.tr("Loading the snapshot…"))

        def failed(exc: BaseException) -> None:
            from ui.common.ops import show_exception

            if self._load_token != token:
                return
            self._loading_id = None
            self.info.setText(self.tr("The snapshot could not be loaded."))
            show_exception(self, exc)

        return self._run_with_store(load_view, snapshot_id, on_done=done, on_error=failed,
                                    label=self.tr("Loading the snapshot…"))

    def _show_stored(self, view: SnapshotView) -> None:
        """The limit dashboard of a snapshot opened from its stored evaluation, while its rows load."""
        if not self._opened_on_data:
            self._opened_on_data = True
            if self.tabs.currentIndex() == self.IMPORT and self.import_page.preview is None \
                    and not self.import_page.busy:
                self.tabs.setCurrentIndex(self.DASHBOARD)
        self.dashboard.set_view(view)
        self._update_info(view)
        self.session.set_snapshot_label(view.as_of.isoformat())
        self.shows_data = True

    def _set_view(self, view: SnapshotView | None) -> None:
        first = self.view is None and view is not None and not self._opened_on_data
        self.view = view
        if first:
            # Data is stored: open on what the officer comes for (the limits), not on the import form —
            # unless they already went to work on an import meanwhile.
            self._opened_on_data = True
            if self.tabs.currentIndex() == self.IMPORT and self.import_page.preview is None \
                    and not self.import_page.busy:
                self.tabs.setCurrentIndex(self.DASHBOARD)
        self.dashboard.set_view(view)
        self.dimension.set_view(view)
        self._update_info()
        self.session.set_snapshot_label(view.as_of.isoformat() if view is not None else "")
        self.shows_data = view is not None
        self.view_loaded.emit()

    def _update_info(self, view: SnapshotView | None = None) -> None:
        v = view if view is not None else self.view
        if v is None:
            self.info.setText(self.tr("No snapshot stored yet: import the quarter's data.")
                              if not self.snapshots else "")
            return
        d = v.data
        # a view opened from the stored evaluation has the counts, not the rows
        n_cps = len(d.counterparties) if d.counterparties is not None else (v.n_counterparties or 0)
        self.info.setText(self.tr("{members} members · {counterparties} counterparties · {exposures} exposures")
                          .format(members=len(d.members), counterparties=f"{n_cps:,}",
                                  exposures=f"{len(d.exposures) if d.exposures is not None else v.n_exposures:,}"))

    # ------------------------------------------------------------------------------- import
    def run_preview(self, path: str):
        from ui.common.ops import run_op

        def done(result) -> None:
            preview, view = result
            self.import_page.show_preview(preview, view)

        def failed(exc: BaseException) -> None:
            self.import_page.preview_failed(self.tr("The data could not be read: {error}").format(error=exc))
            from ui.common.ops import show_exception

            show_exception(self, exc)

        self.tabs.setCurrentIndex(self.IMPORT)
        db_path = None if self.store is None else self.store.location     # a file or the team database
        return run_op(self, preview_and_view, path, db_path, dict(self.import_page.header_rows), on_done=done,
                      on_error=failed, progress="none")

    def run_store(self):
        preview = self.import_page.preview
        if preview is None or not preview.ok:
            return None
        if self.store is None:
            self.import_page.store_failed(self.tr("No database is open: nothing was stored."))
            return None
        user = self.session.user or None
        source = self.import_page.path

        def done(outcome) -> None:
            self.last_outcome = outcome
            n = len(outcome.opened_cases)
            as_of = preview.data.group.as_of.isoformat()
            message = self.tr("Stored the snapshot as of {as_of}. Breach cases opened: {n}.").format(as_of=as_of, n=n)
            if outcome.observed_cases:
                message += " " + self.tr("Already open cases seen again: {n}.").format(n=len(outcome.observed_cases))
            self.import_page.stored(message)
            self.refresh_snapshots(select=outcome.snapshot_id)
            self.tabs.setCurrentIndex(self.DASHBOARD)
            self.imported.emit(outcome.snapshot_id)
            from PySide6.QtWidgets import QMessageBox

            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Snapshot imported"), message,
                              QMessageBox.StandardButton.Ok, self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            self.import_box = box

        def failed(exc: BaseException) -> None:
            self.import_page.store_failed(self.tr("Nothing was stored: {error}").format(error=exc))
            from ui.common.ops import show_exception

            show_exception(self, exc)

        # on the session's store worker (the one writer); the other screens hear of it (changed)
        return self.session.write(self, store_preview, preview, user, source, on_done=done, on_error=failed,
                                  progress_label=self.tr("Storing the snapshot…"), progress="dialog",
                                  changed=session_kinds.SNAPSHOT, ids=lambda o: [o.snapshot_id])

    # ------------------------------------------------------------------------ dashboard → dimension
    def show_limit(self, scope: str, dimension: str, limit_id: str | None = None) -> None:
        self.tabs.setCurrentIndex(self.DIMENSION)
        self.dimension.show_dimension(scope, dimension, limit_id)

    def _fetch_exposures(self, request) -> None:
        """A page of a drill-down level's exposures off the GUI thread (drilldown.fetch_page): of a stored
        snapshot read by key from the database on a connection of the worker's own, else from the view."""
        from ui.common.ops import run_op
        from ui.concentration.drilldown import fetch_page

        token, level = request[0], request[1]
        offset = request[2] if len(request) > 2 else 0
        view = self.view
        if view is None:
            return
        drill = self.dimension.drill

        def done(page) -> None:
            frame, rows, fen = page
            drill.set_exposures(token, frame, rows, fen, offset)

        label = self.tr("Collecting the exposures…")
        args = (view, level.scope, level.dimension, level.key, offset)
        if view.snapshot_id is not None and getattr(self.session, "db_path", None) is not None:
            self._run_with_store(fetch_page, *args, on_done=done, label=label)
        else:
            run_op(self, fetch_page, None, *args, on_done=done, progress="statusbar", progress_label=label)

    # ------------------------------------------------------------------------------ drag and drop
    def dragEnterEvent(self, event) -> None:
        if dropped_path(event.mimeData()) and not self.import_page.busy:
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        path = dropped_path(event.mimeData())
        if path:
            event.acceptProposedAction()
            self.tabs.setCurrentIndex(self.IMPORT)
            self.import_page.request_preview(path)

    # ------------------------------------------------------------------------------- language
    def retranslate(self) -> None:
        self.title.setText(self.tr("Group concentration"))
        self.selector.refresh_button.setToolTip(self.tr("Read the list of stored snapshots again"))
        self.tabs.setTabText(self.IMPORT, self.tr("Import"))
        self.tabs.setTabText(self.DASHBOARD, self.tr("Limit dashboard"))
        self.tabs.setTabText(self.DIMENSION, self.tr("Concentration"))
        self._update_info()

