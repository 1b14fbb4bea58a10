"""Import of a quarter's group data: choose or drop a folder of CSVs or an .xlsx workbook, see the dry run
(every problem, the counts, the evaluation preview) and only then store it as a dated snapshot.

The dry run is core's `preview_import` and the storing core's `store_snapshot`, both in a worker thread
(the screen passes in how to run them, see ConcentrationScreen). Import is enabled only when the dry run
found no error.

When a file's header was not found (`header_row_guess`, or several required columns missing from the row
read as its header: a title longer than the rows searched), the page offers the header row per file — the
guessed row, or one the officer picks — and 重新读取 runs the dry run again with those rows (`header_rows`,
core.concentration.tabular `header_row=N`). Choosing another folder or workbook starts without them.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.common import format as fmt
from ui.common.headers import WrappingHeader
from ui.concentration.dashboard import StatusDelegate, UtilisationDelegate
from ui.concentration.models import (
    LimitsFilter,
    LimitsModel,
    ProblemsModel,
    SnapshotView,
    set_long_text,
    wrap_without_height_for_width,
)
from ui.concentration.tables import install_copy

TEMPLATE_NAME = {"zh": "RiskDesk导入模板.xlsx", "en": "riskdesk-import-template.xlsx"}
PLAUSIBILITY_CODES = ("holdings_far_below_total_assets", "holdings_far_above_total_assets")
DROP_STYLE = ("QFrame#dropZone { border: 2px dashed #90a4ae; border-radius: 8px; background: #f7f9fa; }"
              "QFrame#dropZone[hover=\"true\"] { border-color: #1e88e5; background: #e3f2fd; }"
              "QLabel { background: transparent; }")


def header_row_files(problems) -> dict[str, int]:
    """{file or sheet label: the row to offer as its header} for the files whose header seems not found: the
    guessed row (`header_row_guess`), or the row read as the header when it lacks two or more required
    columns (one missing column is a missing column, not a header in the wrong place)."""
    rows: dict[str, int] = {}
    missing: dict[str, int] = {}
    guessed: set[str] = set()
    for p in problems:
        if p.file and p.row is not None and p.code in ("header_row_guess", "missing_column"):
            rows.setdefault(p.file, p.row)
            missing[p.file] = missing.get(p.file, 0) + (p.code == "missing_column")
            if p.code == "header_row_guess":
                guessed.add(p.file)
    return {f: r for f, r in rows.items() if f in guessed or missing[f] >= 2}


MAX_HEADER_ROW = 1000   # a preamble longer than this is not a title: the file wants tidying


def acceptable_path(path: str | Path) -> bool:
    """A folder (of CSV files) or an .xlsx workbook."""
    p = Path(path)
    return p.is_dir() or (p.is_file() and p.suffix.lower() == ".xlsx")


class DropZone(QFrame):
    """Where a folder or workbook can be dropped (the whole screen accepts drops too)."""

    dropped = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dropZone")
        self.setAcceptDrops(True)
        self.setStyleSheet(DROP_STYLE)
        self.setMinimumHeight(84)
        self.text = QLabel()
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        wrap_without_height_for_width(self.text)
        self.text.setStyleSheet("color: #546e7a;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)

    def dragEnterEvent(self, event) -> None:
        path = dropped_path(event.mimeData())
        if path:
            self.setProperty("hover", True)
            self.style().polish(self)
            event.acceptProposedAction()

    def dragLeaveEvent(self, event) -> None:
        self.setProperty("hover", False)
        self.style().polish(self)

    def dropEvent(self, event) -> None:
        self.setProperty("hover", False)
        self.style().polish(self)
        path = dropped_path(event.mimeData())
        if path:
            event.acceptProposedAction()
            self.dropped.emit(path)


def dropped_path(mime) -> str | None:
    if mime is None or not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile() and acceptable_path(url.toLocalFile()):
            return url.toLocalFile()
    return None


class ImportPage(QWidget):
    preview_requested = Signal(str)   # path: the screen runs the dry run
    store_requested = Signal()        # the screen stores self.preview

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("importPage")
        self.path: str | None = None
        self.preview = None            # core.concentration.snapshots.ImportPreview
        self.preview_view: SnapshotView | None = None
        self.busy = False
        self.confirm_box = None        # the open "please confirm" question, if any
        self.header_rows: dict[str, int] = {}    # the officer's header rows of this path (file -> row)
        self.header_spins: dict[str, QSpinBox] = {}

        self.drop = DropZone()
        self.drop.dropped.connect(self.request_preview)
        self.folder_button = QPushButton()
        self.folder_button.setObjectName("chooseFolder")
        self.folder_button.clicked.connect(self._choose_folder)
        self.file_button = QPushButton()
        self.file_button.setObjectName("chooseWorkbook")
        self.file_button.clicked.connect(self._choose_file)
        # the import template: every sheet, the accepted headers and the instructions (issue 16)
        self.template_button = QPushButton()
        self.template_button.setObjectName("downloadTemplate")
        self.template_button.clicked.connect(self._save_template)
        self.import_button = QPushButton()
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)
        self.import_button.setMinimumWidth(150)
        self.import_button.setStyleSheet("QPushButton#importButton:enabled { background: #1565c0; color: white; "
                                         "font-weight: bold; padding: 6px 16px; border-radius: 4px; }")
        self.import_button.clicked.connect(self._import_clicked)
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(180)
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("importStatus")
        wrap_without_height_for_width(self.status)

        buttons = QHBoxLayout()
        buttons.addWidget(self.folder_button)
        buttons.addWidget(self.file_button)
        buttons.addWidget(self.template_button)
        buttons.addSpacing(12)
        buttons.addWidget(self.progress)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.import_button)

        # counts of the data read
        self.summary_box = QGroupBox()
        grid = QGridLayout(self.summary_box)
        self.count_names: dict[str, QLabel] = {}
        self.count_values: dict[str, QLabel] = {}
        for i, key in enumerate(("group", "as_of", "members", "counterparties", "exposures", "limits", "business",
                                 "source")):
            name, value = QLabel(), QLabel("—")
            name.setStyleSheet("color: #607d8b;")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.count_names[key], self.count_values[key] = name, value
            grid.addWidget(name, i // 4, (i % 4) * 2)
            grid.addWidget(value, i // 4, (i % 4) * 2 + 1)
        for col in (1, 3, 5, 7):
            grid.setColumnStretch(col, 1)

        # problems
        self.problems_model = ProblemsModel(self)
        self.problems_box = QGroupBox()
        self.problems_table = QTableView()
        self.problems_table.setObjectName("problemsTable")
        self.problems_table.setModel(self.problems_model)
        self.problems_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems_table.setAlternatingRowColors(True)
        self.problems_table.setWordWrap(False)
        self.problems_table.verticalHeader().hide()
        h = self.problems_table.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        h.setStretchLastSection(True)
        self.copy_button = QPushButton()
        self.copy_button.setObjectName("copyProblems")
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self.copy_problems)
        install_copy(self.problems_table)
        pl = QVBoxLayout(self.problems_box)
        pl.addWidget(self.problems_table)
        copy_row = QHBoxLayout()
        copy_row.addStretch(1)
        copy_row.addWidget(self.copy_button)
        pl.addLayout(copy_row)

        # the header rows, offered when a file's header was not found (rows built per preview)
        self.header_box = QGroupBox()
        self.header_box.setObjectName("headerRows")
        self.header_intro = QLabel()
        wrap_without_height_for_width(self.header_intro)
        self.header_grid = QGridLayout()
        self.reread_button = QPushButton()
        self.reread_button.setObjectName("rereadHeaders")
        self.reread_button.clicked.connect(self._reread_with_header_rows)
        # compact: the problems table below it keeps its room at 1366×768
        hl = QVBoxLayout(self.header_box)
        hl.setContentsMargins(8, 4, 8, 4)
        hl.setSpacing(4)
        intro_row = QHBoxLayout()
        intro_row.addWidget(self.header_intro, 1)
        intro_row.addWidget(self.reread_button)
        hl.addLayout(intro_row)
        hl.addLayout(self.header_grid)
        self.header_box.hide()
        pl.insertWidget(0, self.header_box)

        # evaluation preview
        self.limits_model = LimitsModel(self)
        self.limits_proxy = LimitsFilter(self)
        self.limits_proxy.setSourceModel(self.limits_model)
        self.eval_box = QGroupBox()
        self.eval_counts = QLabel()
        self.eval_table = QTableView()
        WrappingHeader.install(self.eval_table)     # an English label too wide for its column: two lines
        self.eval_table.setObjectName("previewLimits")
        self.eval_table.setModel(self.limits_proxy)
        self.eval_table.setSortingEnabled(True)
        self.eval_table.sortByColumn(LimitsModel.STATUS_COL, Qt.SortOrder.AscendingOrder)   # breaches first
        self.eval_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.eval_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.eval_table.setAlternatingRowColors(True)
        self.eval_table.setWordWrap(False)
        self.eval_table.verticalHeader().hide()
        self.eval_table.verticalHeader().setDefaultSectionSize(28)
        self.eval_table.setItemDelegateForColumn(LimitsModel.UTILISATION, UtilisationDelegate(self.eval_table))
        self.eval_table.setItemDelegateForColumn(LimitsModel.STATUS_COL, StatusDelegate(self.eval_table))
        self.eval_table.horizontalHeader().setSectionResizeMode(LimitsModel.NAME, QHeaderView.ResizeMode.Stretch)
        el = QVBoxLayout(self.eval_box)
        el.addWidget(self.eval_counts)
        el.addWidget(self.eval_table)

        self.split = split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.problems_box)
        split.addWidget(self.eval_box)
        split.setChildrenCollapsible(False)

        self.intro = QLabel()
        wrap_without_height_for_width(self.intro)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.intro)
        layout.addWidget(self.drop)
        layout.addLayout(buttons)
        layout.addWidget(self.summary_box)
        layout.addWidget(split, 1)
        self.retranslate()

    # -- actions ------------------------------------------------------------------------------------
    def _choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose the data folder"), self.path or "")
        if path:
            self.request_preview(path)

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the workbook"), self.path or "",
                                              self.tr("Excel workbooks (*.xlsx)"))
        if path:
            self.request_preview(path)

    def _save_template(self) -> None:
        """Ask where, then write the import template in the interface language (off the GUI thread)."""
        from ui.common import i18n

        lang = i18n.wording_lang()
        suggestion = str(Path(self.path).parent / TEMPLATE_NAME[lang]) if self.path else TEMPLATE_NAME[lang]
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the import template"), suggestion,
                                              self.tr("Excel workbooks (*.xlsx)"))
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        from core.concentration.template import write_template
        from ui.common.ops import run_op
        from wording.import_template import template_words

        self.template_button.setEnabled(False)
        run_op(self, write_template, path, lang, template_words(lang), on_done=self._template_saved,
               on_error=lambda exc, p=path: self._template_failed(p, exc), progress="none")

    def _template_saved(self, path) -> None:
        self.template_button.setEnabled(True)
        self._set_status(self.tr("Template saved: {path}. Fill in one sheet per data file, then choose the "
                                 "workbook here to check it.").format(path=str(path)), "ok")

    def _template_failed(self, path: str, exc: BaseException) -> None:
        self.template_button.setEnabled(True)
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        self._set_status(self.tr("The template could not be saved to {path}: {reason}").format(path=path, reason=reason),
                         "error")

    def request_preview(self, path: str, header_rows: dict[str, int] | None = None) -> None:
        """Run the dry run of `path` (a newly chosen path: its headers found; `header_rows`: the officer's)."""
        if self.busy:
            return
        self.header_rows = dict(header_rows or {})
        self.path = str(path)
        self.preview = None
        self.preview_view = None
        self.set_busy(True, self.tr("Reading and checking {name}…").format(name=Path(path).name))
        self.preview_requested.emit(self.path)

    def _reread_with_header_rows(self) -> None:
        """重新读取: the dry run again, each offered file read with its header on the row chosen."""
        if self.path is None or self.busy:
            return
        rows = dict(self.header_rows)
        rows.update({f: spin.value() for f, spin in self.header_spins.items()})
        self.request_preview(self.path, rows)

    def _fill_header_rows(self) -> None:
        """One line per file whose header seems not found, and per file read with a chosen header row."""
        offered = header_row_files(self.preview.problems) if self.preview is not None else {}
        for f, row in self.header_rows.items():
            offered.setdefault(f, row)
        shown = {f: spin.value() for f, spin in self.header_spins.items()}   # kept when the language changes
        while self.header_grid.count():
            item = self.header_grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.header_spins = {}
        for i, (f, row) in enumerate(sorted(offered.items())):
            name = QLabel(f)
            name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            spin = QSpinBox()
            spin.setObjectName(f"headerRow:{f}")
            spin.setRange(1, MAX_HEADER_ROW)
            spin.setValue(shown.get(f, self.header_rows.get(f, row)))
            self.header_spins[f] = spin
            self.header_grid.addWidget(name, i, 0)
            self.header_grid.addWidget(QLabel(self.tr("header row:")), i, 1)
            self.header_grid.addWidget(spin, i, 2)
        self.header_grid.setColumnStretch(3, 1)
        self.header_box.setVisible(bool(offered))

    def problem_texts(self) -> list[str]:
        """Every problem as one sentence with its place (wording.problems.describe), errors first."""
        from ui.common import i18n
        from wording.problems import describe

        return [describe(p, i18n.wording_lang()) for p in self.problems_model.problems]

    def copy_problems(self) -> None:
        from PySide6.QtGui import QGuiApplication

        QGuiApplication.clipboard().setText("\n".join(self.problem_texts()))

    def _import_clicked(self) -> None:
        if self.preview is None or not self.preview.ok or self.busy:
            return
        questions = self.confirmation_reasons()
        if not questions:
            self._store()
            return
        # holdings far from total assets (a unit?) or a snapshot of that date already stored: the officer
        # confirms before anything is stored (docs/interfaces.md "Units and text"; the CLI refuses instead)
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Import snapshot"),
                          self.tr("Please confirm before storing:") + "\n\n" + "\n\n".join(questions),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("importConfirm")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Store anyway"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda result: self._confirmed(result == QMessageBox.StandardButton.Yes))
        self.confirm_box = box
        box.open()

    def _confirmed(self, yes: bool) -> None:
        self.confirm_box = None
        if yes and self.preview is not None and self.preview.ok and not self.busy:
            self._store()
        elif not yes:
            self._set_status(self.tr("Nothing was stored."), "info")

    def _store(self) -> None:
        self.set_busy(True, self.tr("Storing the snapshot…"))
        self.store_requested.emit()

    def existing_snapshots(self) -> list:
        """The stored snapshots in force, as the screen that holds this page lists them (its `snapshots`)."""
        w = self.parentWidget()
        while w is not None and not hasattr(w, "snapshots"):
            w = w.parentWidget()
        return list(getattr(w, "snapshots", None) or [])

    def confirmation_reasons(self) -> list[str]:
        """What the officer must confirm before this preview is stored: the plausibility warnings (holdings
        far from total assets), and a snapshot of the same as-of date already stored."""
        from ui.common import i18n
        from wording.problems import describe

        out = [describe(p, i18n.wording_lang()) for p in self.preview.warnings if p.code in PLAUSIBILITY_CODES]
        as_of = self.preview.data.group.as_of
        for info in self.existing_snapshots():
            if info.as_of == as_of:
                out.append(self.tr("A snapshot as of {as_of} is already stored (snapshot {id}, imported {when} by "
                                   "{who}). Reports of the period will use the newer one; withdraw the old one in "
                                   "History if it was a mistake.")
                           .format(as_of=as_of.isoformat(), id=info.id, when=fmt.local_time(info.created_at),
                                   who=info.created_by or "—"))
                break
        return out

    def set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        self.progress.setVisible(busy)
        for w in (self.folder_button, self.file_button, self.drop, self.reread_button):
            w.setEnabled(not busy)
        self._update_button()
        if text:
            self._set_status(text, "info")

    def _update_button(self) -> None:
        self.import_button.setEnabled(bool(not self.busy and self.preview is not None and self.preview.ok))

    def _set_status(self, text: str, kind: str) -> None:
        colour = {"info": "#37474f", "error": "#b71c1c", "ok": "#1b5e20"}[kind]
        self.status.setStyleSheet(f"color: {colour};")
        set_long_text(self.status, text)

    # -- results (from the screen) ----------------------------------------------------------------
    def show_preview(self, preview, view: SnapshotView | None) -> None:
        self.preview = preview
        self.preview_view = view
        self.set_busy(False)
        self.problems_model.set_problems(preview.problems)
        self.copy_button.setEnabled(bool(preview.problems))
        self._fill_header_rows()
        self.limits_model.set_view(view)
        self._fill_summary()
        self._resize()
        self._retranslate_result()
        h = max(self.split.height(), 200)
        share = 0.6 if preview.problems else 0.18   # room for what there is to read
        self.split.setSizes([int(h * share), h - int(h * share)])

    def preview_failed(self, message: str) -> None:
        self.preview = None
        self.set_busy(False)
        self._set_status(message, "error")

    def stored(self, message: str) -> None:
        self.set_busy(False)
        self.preview = None
        self._update_button()
        self._set_status(message, "ok")

    def store_failed(self, message: str) -> None:
        self.set_busy(False)
        self._set_status(message, "error")

    def errors(self) -> int:
        return sum(p.is_error for p in self.preview.problems) if self.preview is not None else 0

    def _fill_summary(self) -> None:
        p = self.preview
        data = getattr(p, "data", None)
        v = self.count_values
        for w in v.values():
            w.setText("—")
        v["source"].setText(Path(self.path).name if self.path else "—")
        v["source"].setToolTip(self.path or "")
        if data is None:
            return
        v["group"].setText(data.group.name)
        v["as_of"].setText(data.group.as_of.isoformat())
        v["members"].setText(f"{len(data.members):,}")
        v["counterparties"].setText(f"{len(data.counterparties):,}")
        v["exposures"].setText(f"{len(data.exposures):,}  ({fmt.yi(float(data.exposures['amount_fen'].sum()) / 100.0)})"
                               if len(data.exposures) else "0")
        v["limits"].setText(f"{len(data.limits):,}")
        v["business"].setText(f"{len(data.business):,}" if data.business is not None else self.tr("none"))

    def _resize(self) -> None:
        t = self.problems_table
        for col, w in ((0, 70), (1, 150), (2, 50), (3, 140), (4, 140)):
            t.setColumnWidth(col, w)
        e = self.eval_table
        for col, w in ((LimitsModel.ID, 56), (LimitsModel.DIMENSION, 110), (LimitsModel.SCOPE, 70),
                       (LimitsModel.KEY, 130), (LimitsModel.EXPOSURE, 110), (LimitsModel.RATIO, 76),
                       (LimitsModel.WARNING, 66), (LimitsModel.LIMIT, 66), (LimitsModel.UTILISATION, 190),
                       (LimitsModel.STATUS_COL, 72), (LimitsModel.FLAGGED, 80)):
            e.setColumnWidth(col, w)
        e.setColumnHidden(LimitsModel.CHANGE, True)   # a preview has no stored predecessor here

    def _retranslate_result(self) -> None:
        p = self.preview
        if p is None:
            self.eval_counts.setText(self.tr("No evaluation yet."))
            return
        errors = sum(x.is_error for x in p.problems)
        warnings = len(p.problems) - errors
        if errors:
            self._set_status(self.tr("{errors} error(s), {warnings} warning(s): nothing can be imported until "
                                     "the errors are corrected.").format(errors=errors, warnings=warnings), "error")
        elif warnings:
            self._set_status(self.tr("No errors, {warnings} warning(s): please read them, then import.")
                             .format(warnings=warnings), "ok")
        else:
            self._set_status(self.tr("No problems found: ready to import."), "ok")
        self.problems_box.setTitle(self.tr("Problems ({n})").format(n=len(p.problems)))
        if p.result is None:
            self.eval_counts.setText(self.tr("The limits are evaluated once the data has no errors."))
        else:
            c = self.limits_model.counts()
            src = self.preview_view.limits_source if self.preview_view is not None else None
            limits = (self.tr("the approved limit set {id}, version {version}").format(id=src[0], version=src[1])
                      if src else self.tr("the limits in the data (no approved limit set yet)"))
            text = self.tr("If imported: {breach} breach(es), {warning} warning(s), {ok} within "
                           "limits, under {limits}.").format(limits=limits, **c)
            # limits that cannot be measured (no business.csv, a zero basis) are said, with why
            from ui.common import i18n
            from wording.limit_status import no_basis_summary

            unmeasured = no_basis_summary(self.limits_model.rows, i18n.wording_lang())
            self.eval_counts.setText(text + (" " + unmeasured if unmeasured else ""))

    # -- language ---------------------------------------------------------------------------------
    def retranslate(self) -> None:
        set_long_text(self.intro, self.tr("Import the quarter's group data: a folder of CSV files or one .xlsx workbook. "
                                   "Nothing is stored until you press Import after the check."))
        self.drop.text.setText(self.tr("Drop a data folder or an .xlsx workbook here"))
        self.folder_button.setText(self.tr("Choose folder…"))
        self.file_button.setText(self.tr("Choose workbook…"))
        self.template_button.setText(self.tr("Download template…"))
        self.template_button.setToolTip(self.tr("Save an .xlsx template with every sheet, the accepted Chinese and "
                                                "English headers, and instructions (units, dates, codes)"))
        self.import_button.setText(self.tr("Import snapshot"))
        self.summary_box.setTitle(self.tr("Data read"))
        names = {"group": self.tr("Group"), "as_of": self.tr("As of"), "members": self.tr("Members"),
                 "counterparties": self.tr("Counterparties"), "exposures": self.tr("Exposures"),
                 "limits": self.tr("Limits"), "business": self.tr("Business rows"), "source": self.tr("Source")}
        for key, w in self.count_names.items():
            w.setText(names[key] + "：" if not names[key].isascii() else names[key] + ":")
        self.problems_box.setTitle(self.tr("Problems"))
        self.copy_button.setText(self.tr("Copy the list"))
        self.header_box.setTitle(self.tr("Header rows"))
        set_long_text(self.header_intro, self.tr(
            "The header of these files was not found in their first rows (a long title above it?). Check on "
            "which row each header is, in the file, and read them again with those rows."))
        self.reread_button.setText(self.tr("Read again with these header rows"))
        if self.preview is not None:
            self._fill_header_rows()
        self.eval_box.setTitle(self.tr("Evaluation preview"))
        self.problems_model.retranslate()
        self.limits_model.retranslate()
        if self.preview is not None:
            self._fill_summary()
            self._retranslate_result()
        else:
            self.eval_counts.setText(self.tr("No evaluation yet."))
            if not self.busy:
                self._set_status(self.tr("No data checked yet."), "info")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
