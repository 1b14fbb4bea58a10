"""Reports (报告): the board reports of issue 5 made from what is on record.

Built by the main window as ReportsScreen(session, parent). On the left: the kind of report, the period (the
periods with data are offered; any code core.periods accepts may be typed), the snapshot (or, for the rating
report, the self-assessment) the period uses — or plainly why the report cannot be made —, the format, the
officer's texts the report prints (saved as new versions, append-only), and Generate. On the right: the
first pages of the report, and every report on record with regenerate (the bytes compared with the recorded
SHA-256) and open.

Generating: the report is built, rendered, written and its first pages rasterised in a background thread with
a reading connection of its own (`session.run_with_store`, the long part, with its progress); then its record is
one operation on the session's store worker (`session.write`), like every other write, which announces
`changed(REPORT)` so that the history and home screens list it. Regenerating writes no record: a background
read. Both wait for the opening check's verdict (`after_check`) and are refused when it fails. The GUI thread's
store only answers quick reads.
"""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui import session as session_kinds
from ui import settings
from ui.common.error_dialog import store_error_text
from ui.common.format import local_time as fmt_local_time
from ui.reports import kinds as K
from ui.reports.jobs import FOLDER_KEY, default_folder, make_job, record_job, regenerate_job
from ui.reports.models import past_reports
from ui.reports.officer_texts import OfficerTexts
from ui.reports.past import PastReportsPanel, open_file, open_folder
from ui.reports.preview import Preview, PreviewPane, rasterise
from ui.reports.texts import TextPanel

PRELOAD = ("core.periods", "reports.service")

OK_STYLE = "color: #2e6b34;"
BAD_STYLE = "color: #b3261e; font-weight: bold;"
NOTE_STYLE = "color: #b26a00;"
MUTED_STYLE = "color: #607d8b;"


class _FitScroll(QScrollArea):
    """A scroll area whose content fills its height and scrolls only below the content's minimum height.

    QScrollArea's own resizing gives a content with wrapped labels its preferred height for the width (the
    officer's text boxes at full size), which scrolled the text panel's buttons out of view on a 1366×768
    screen although everything fitted at a smaller size."""

    def __init__(self, content: QWidget):
        super().__init__()
        self.setWidgetResizable(False)
        self.setWidget(content)

    def _fit(self) -> None:
        content, port = self.widget(), self.viewport()
        if content is not None:
            content.resize(port.width(), max(content.minimumSizeHint().height(), port.height()))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self._fit()
        return super().event(event)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            QTimer.singleShot(0, self, self._fit)
        return super().eventFilter(watched, event)


class ReportsScreen(QWidget):
    loaded = Signal()       # the store was read (periods, texts, past reports)
    generated = Signal()    # a report was generated, recorded and previewed
    regenerated = Signal()  # a recorded report was made again
    previewed = Signal()    # a preview is shown
    approval_recorded = Signal()  # a board approval of the disclosure text is on record

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reportsScreen")
        self.session = session
        self.state = K.PeriodState()
        self.last_result = None
        self.record_op = None     # the Op recording the last report made (on the store worker)
        self.last_regenerated = None
        self.regenerated_identical: bool | None = None
        self.busy = False
        self.progress_log: list[tuple[int, int]] = []   # (done, total) of the running report, as received
        self._period = None       # the canonical period the texts were loaded for
        self._kind = None
        self._status = ("", "")   # (message, style) of the generate box
        self._status_is_reason = False
        self._regen_status = ("", "")
        self._preview_path = None
        self._placeholder = "default"
        self._expected_sha = None
        self._busy_text = ""
        self._elapsed = QElapsedTimer()
        self._ticker = QTimer(self)
        self._ticker.setInterval(250)
        self._ticker.timeout.connect(self._tick)
        self.undo = QUndoStack(self)

        self._build()
        self.retranslate()
        # store_changed fires when a store opens (also the first, after the screen was built) or another
        # database replaces it; a store already open is read at once.
        self.session.store_changed.connect(self._store_changed)
        self.session.user_changed.connect(lambda *_: self.texts_box.refresh_approval())
        if self.session.store is not None:
            self._store_ready(self.session.store)

    # ========================================================================================== layout
    def _build(self) -> None:
        # -- report choice
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("kind")
        for spec in K.KINDS:
            self.kind_combo.addItem("", spec.kind)
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("period")
        self.period_combo.setEditable(True)
        self.period_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.period_combo.setMinimumContentsLength(10)
        self.source_label = QLabel()
        self.source_label.setObjectName("source")
        self.source_label.setWordWrap(True)
        self.source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pdf_radio = QRadioButton("PDF")
        self.pdf_radio.setObjectName("formatPdf")
        self.xlsx_radio = QRadioButton("XLSX")
        self.xlsx_radio.setObjectName("formatXlsx")
        self.format_group = QButtonGroup(self)
        self.format_group.addButton(self.pdf_radio)
        self.format_group.addButton(self.xlsx_radio)
        self.pdf_radio.setChecked(True)
        formats = QHBoxLayout()
        formats.setContentsMargins(0, 0, 0, 0)
        formats.addWidget(self.pdf_radio)
        formats.addWidget(self.xlsx_radio)
        formats.addStretch(1)
        self.names_check = QCheckBox()
        self.names_check.setObjectName("names")
        self.choice_box = QGroupBox()
        form = QFormLayout(self.choice_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.kind_caption, self.period_caption = QLabel(), QLabel()
        self.source_caption, self.format_caption = QLabel(), QLabel()
        form.addRow(self.kind_caption, self.kind_combo)
        form.addRow(self.period_caption, self.period_combo)
        form.addRow(self.source_caption, self.source_label)
        form.addRow(self.format_caption, formats)
        form.addRow("", self.names_check)

        # -- officer's texts
        self.texts_box = OfficerTexts(self.session, self.undo)
        self.texts_box.approval_recorded.connect(self.approval_recorded)
        # the panel's parts under the names the screen's callers know
        self.text_tabs, self.no_texts = self.texts_box.tabs, self.texts_box.no_texts
        self.approval_panel = self.texts_box.approval_panel

        # -- generate
        self.out_edit = QLineEdit()
        self.out_edit.setObjectName("outPath")
        self.choose_button = QToolButton()
        self.choose_button.setObjectName("choosePath")
        self.choose_button.clicked.connect(self.choose_path)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out_edit, 1)
        out_row.addWidget(self.choose_button)
        self.generate_button = QPushButton()
        self.generate_button.setObjectName("generate")
        self.generate_button.setDefault(True)
        self.generate_button.setMinimumHeight(32)
        self.generate_button.setStyleSheet(
            "QPushButton#generate { background: #2f5d8a; color: white; border: none; border-radius: 4px;"
            " padding: 4px 18px; font-weight: bold; }"
            "QPushButton#generate:disabled { background: #b8c4cf; color: #eef2f5; }"
            "QPushButton#generate:hover:!disabled { background: #264d73; }")
        self.generate_button.clicked.connect(lambda: self.generate())
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.progress.hide()
        self.status_label = QLabel()
        self.status_label.setObjectName("status")
        self.status_label.setWordWrap(True)
        self.open_button = QPushButton()
        self.open_button.setObjectName("openFile")
        self.open_button.clicked.connect(lambda: self.open_file(self._current_file()))
        self.folder_button = QPushButton()
        self.folder_button.setObjectName("openFolder")
        self.folder_button.clicked.connect(lambda: self.open_folder(self._current_file()))
        gen_row = QHBoxLayout()
        gen_row.addWidget(self.generate_button)
        gen_row.addWidget(self.progress, 1)
        gen_row.addStretch(0)
        self.gen_box = QGroupBox()
        self.out_caption = QLabel()
        gl = QVBoxLayout(self.gen_box)
        gl.addWidget(self.out_caption)
        gl.addLayout(out_row)
        gl.addLayout(gen_row)
        gl.addWidget(self.status_label)

        # the choices and the officer's texts scroll when the window is short (a 1366×768 laptop); the
        # 生成 box stays below them, always in view
        upper = QWidget()
        ll = QVBoxLayout(upper)
        ll.setContentsMargins(0, 0, 6, 0)
        ll.addWidget(self.choice_box)
        ll.addWidget(self.texts_box, 1)
        ll.addStretch(0)  # takes the room of the texts when the report prints none
        self.left_layout = ll
        self.left_scroll = _FitScroll(upper)
        self.left_scroll.setObjectName("reportOptions")
        self.left_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.left_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left = QWidget()
        outer_left = QVBoxLayout(left)
        outer_left.setContentsMargins(0, 0, 0, 0)
        outer_left.addWidget(self.left_scroll, 1)
        gen_holder = QVBoxLayout()
        gen_holder.setContentsMargins(0, 0, 6, 0)
        gen_holder.addWidget(self.gen_box)
        outer_left.addLayout(gen_holder)
        left.setMinimumWidth(440)

        # -- preview
        self.preview_box = QGroupBox()
        self.preview_info = QLabel()
        self.preview_info.setObjectName("previewInfo")
        self.preview_info.setStyleSheet(MUTED_STYLE)
        self.preview = PreviewPane()
        self.preview.setMinimumHeight(260)
        head = QHBoxLayout()
        head.addWidget(self.preview_info, 1)
        head.addWidget(self.open_button)
        head.addWidget(self.folder_button)
        pl = QVBoxLayout(self.preview_box)
        pl.addLayout(head)
        pl.addWidget(self.preview, 1)

        # -- past reports
        self.past_box = PastReportsPanel()
        self.past_box.selected.connect(self._past_selected)
        self.past_box.regenerate_requested.connect(lambda: self.regenerate_selected())
        # the panel's parts under the names the screen's callers know
        self.past_model, self.past_view = self.past_box.model, self.past_box.view
        self.regen_label = self.past_box.regen_label

        right = QSplitter(Qt.Orientation.Vertical)
        right.setChildrenCollapsible(False)
        right.addWidget(self.preview_box)
        right.addWidget(self.past_box)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        right.setSizes([480, 370])
        self.right_splitter = right

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([500, 900])
        self.splitter = split
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 10, 10, 10)
        outer.addWidget(split)

        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.period_combo.currentTextChanged.connect(self._period_changed)
        self.format_group.buttonToggled.connect(self._format_changed)
        self._kind_widgets()
        self._update_buttons()

    # ========================================================================================= texts
    def retranslate(self) -> None:
        for i, spec in enumerate(K.KINDS):
            self.kind_combo.setItemText(i, K.kind_name(spec.kind))
        self.choice_box.setTitle(self.tr("Report"))
        self.kind_caption.setText(self.tr("Type"))
        self.period_caption.setText(self.tr("Period"))
        self.period_combo.setToolTip(self.tr("The periods with data are listed; any period such as 2025H1, "
                                             "2025Q2 or 2025 may be typed."))
        self.source_caption.setText(self.tr("Data"))
        self.format_caption.setText(self.tr("Format"))
        self.names_check.setText(self.tr("Name the largest counterparty groups"))
        self.names_check.setToolTip(self.tr("A public disclosure names no counterparty unless you choose to."))
        self.gen_box.setTitle(self.tr("Generate"))
        self.out_caption.setText(self.tr("Save as"))
        self.choose_button.setText(self.tr("Choose…"))
        self.generate_button.setText(self.tr("Generate"))
        self.open_button.setText(self.tr("Open file"))
        self.folder_button.setText(self.tr("Open folder"))
        self.preview_box.setTitle(self.tr("Preview"))
        self.past_box.retranslate()
        self.texts_box.retranslate()
        if self.store is not None:  # its reason and note are worded in the language of the time
            self.state = K.period_state(self.store, self.kind, self.period_combo.currentText())
        self._show_state()
        self._update_preview_info()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    # ====================================================================================== contract
    def undo_stack(self) -> QUndoStack:
        return self.undo

    def activated(self) -> None:
        if self.store is not None and not self.busy:
            self._refresh_periods(keep=True)
            self._load_past()

    def can_close(self) -> bool:
        return True  # unsaved texts are the undo stack's: the main window asks about them

    # ========================================================================================= store
    @property
    def store(self):
        """The GUI thread's store (None while opening, after a failure or once closed)."""
        return self.session.store

    def _store_ready(self, store) -> None:
        self._refresh_periods(keep=False)
        self._load_past()
        self.loaded.emit()

    def _store_changed(self) -> None:
        self.undo.clear()
        self._period = None
        if self.store is not None:
            self._store_ready(self.store)
        else:
            self.state = K.PeriodState()
            self._show_state()

    # ===================================================================================== choosing
    @property
    def kind(self) -> str:
        return self.kind_combo.currentData()

    @property
    def spec(self) -> K.KindSpec:
        return K.BY_KIND[self.kind]

    @property
    def fmt(self) -> str:
        return "xlsx" if self.xlsx_radio.isChecked() and self.xlsx_radio.isEnabled() else "pdf"

    def set_kind(self, kind: str) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))

    def set_period(self, text: str) -> None:
        self.period_combo.setCurrentText(text)

    def _kind_changed(self) -> None:
        if self._kind is not None and self._kind != self.kind and not self._confirm_unsaved():
            self.kind_combo.blockSignals(True)
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(self._kind))
            self.kind_combo.blockSignals(False)
            return
        self._period = None  # answered: the texts shown are replaced without asking again
        self._kind_widgets()
        self._refresh_periods(keep=False)

    def _kind_widgets(self) -> None:
        """The formats and options of the chosen kind."""
        spec = self.spec
        self.xlsx_radio.setEnabled("xlsx" in spec.formats)
        self.pdf_radio.setEnabled("pdf" in spec.formats)
        self.format_group.blockSignals(True)
        (self.xlsx_radio if spec.formats[0] == "xlsx" else self.pdf_radio).setChecked(True)
        self.format_group.blockSignals(False)
        self.names_check.setVisible(spec.kind == "disclosure")
        self.names_check.setChecked(False)

    def _refresh_periods(self, keep: bool) -> None:
        store = self.store
        snapshots = store.list_snapshots() if store is not None else []
        assessments = store.list_assessments(kind="self") if store is not None and self.spec.needs == "assessment" \
            else []
        periods = K.candidate_periods(self.kind, snapshots, assessments)
        current = self.period_combo.currentText()
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        self.period_combo.addItems(periods)
        if keep and current:
            self.period_combo.setCurrentText(current)
        elif periods:
            self.period_combo.setCurrentIndex(periods.index(K.default_period(self.kind, periods, snapshots)))
        else:
            self.period_combo.setCurrentText("")
        self.period_combo.blockSignals(False)
        self._period_changed(self.period_combo.currentText(), force=not keep)

    def _period_changed(self, text: str, force: bool = False) -> None:
        state = K.period_state(self.store, self.kind, text)
        changed = force or self.kind != self._kind or (state.period is not None and state.period != self._period)
        if changed and self._period is not None and self._kind == self.kind and not self._confirm_unsaved():
            self.period_combo.blockSignals(True)
            self.period_combo.setCurrentText(self._period)
            self.period_combo.blockSignals(False)
            return
        self.state = state
        if changed:
            self._kind = self.kind
            self._period = state.period
            self._load_texts()
            self._update_out_path()
        # texts are those of the period shown; while another is being typed they cannot be saved
        self.texts_box.set_editable(state.period is not None and state.period == self._period)
        self.texts_box.refresh_approval(state)
        self._show_state()

    def _format_changed(self, *_args) -> None:
        self._update_out_path()

    def _show_state(self) -> None:
        s = self.state
        if s.ok and s.source is not None:
            if self.spec.needs == "assessment":
                a = s.source
                text = self.tr("Self-assessment of {company} for {period} (record {id}, saved {at} by {user})").format(
                    company=a.company, period=a.period, id=a.id, at=fmt_local_time(a.created_at),
                    user=a.created_by or "—")
            else:
                info = s.source
                text = self.tr("Snapshot {id}: {group}, data as of {as_of} (the latest in {period})").format(
                    id=info.id, group=info.group_name, as_of=info.as_of.isoformat(), period=s.period)
            if s.note:
                text += "\n" + s.note
            self.source_label.setText(text)
            self.source_label.setStyleSheet(OK_STYLE if not s.note else NOTE_STYLE)
        else:
            self.source_label.setText(s.reason or self.tr("None"))
            self.source_label.setStyleSheet(BAD_STYLE)
        self._update_buttons()

    # ====================================================================================== texts
    def _load_texts(self) -> None:
        """Editors for the texts the chosen report prints (ui.reports.officer_texts), filled with their latest
        versions; the texts take the spare height when there are any."""
        prints = self.texts_box.load(self.spec, self.state.period)
        self.left_layout.setStretchFactor(self.texts_box, 1 if prints else 0)
        self.left_layout.setStretch(self.left_layout.count() - 1, 0 if prints else 1)

    @property
    def panels(self) -> list[TextPanel]:
        return self.texts_box.panels

    def panel(self, key: str) -> TextPanel | None:
        return self.texts_box.panel(key)

    def unsaved_panels(self) -> list[TextPanel]:
        return self.texts_box.unsaved_panels()

    def save_text(self, panel: TextPanel) -> int | None:
        return self.texts_box.save_text(panel)

    def record_approval(self):
        return self.texts_box.record_approval()

    @property
    def approval_op(self):
        return self.texts_box.approval_op

    def save_all_texts(self) -> None:
        self.texts_box.save_all()

    def save_changes(self) -> bool:
        """保存 when the window closes: every unsaved text as a new version. True once nothing is unsaved."""
        self.save_all_texts()
        return not self.unsaved_panels()

    def _confirm_unsaved(self) -> bool:
        """Before the texts shown are replaced: save or discard unsaved edits (False: stay)."""
        dirty = self.unsaved_panels()
        if not dirty:
            return True
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Unsaved texts"),
                          self.tr("The texts of {period} have unsaved changes.").format(period=self._period),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Save:
            self.save_all_texts()
        return True

    # ==================================================================================== generate
    def _update_out_path(self) -> None:
        if self.state.period is None:
            return
        current = self.out_edit.text().strip()
        folder = str(Path(current).parent) if current and Path(current).parent.is_dir() else default_folder()
        self.out_edit.setText(str(Path(folder) / K.default_file_name(self.kind, self.state.period, self.fmt)))

    def choose_path(self) -> str | None:
        fmt = self.fmt
        filt = self.tr("PDF documents (*.pdf)") if fmt == "pdf" else self.tr("Excel workbooks (*.xlsx)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the report as"),
                                              self.out_edit.text() or default_folder(), filt)
        if not path:
            return None
        if not path.lower().endswith("." + fmt):
            path += "." + fmt
        self.out_edit.setText(path)
        settings.write(FOLDER_KEY, str(Path(path).parent))
        return path

    def _update_buttons(self) -> None:
        ok = self.state.ok and not self.busy and self.store is not None
        self.generate_button.setEnabled(ok)
        self.generate_button.setToolTip("" if ok else (self.state.reason or ""))
        if not self.busy:
            if not self.state.ok:
                self._set_status(self.tr("Cannot generate: {reason}").format(
                    reason=self.state.reason or self.tr("the database is not open.")), BAD_STYLE)
                self._status_is_reason = True
            elif self._status_is_reason:    # only that sentence goes with its reason: a failure's stays
                self._set_status("", "")
        has_file = bool(self._current_file()) and os.path.isfile(self._current_file() or "")
        self.open_button.setEnabled(has_file)
        self.folder_button.setEnabled(has_file)
        self.past_box.update_buttons(self.busy)

    def _set_status(self, text: str, style: str) -> None:
        self._status = (text, style)
        self._status_is_reason = False   # the "Cannot generate" sentence of the choice, set by _update_buttons
        self.status_label.setText(text)
        self.status_label.setStyleSheet(style)
        self.status_label.setVisible(bool(text))

    def generate(self, path: str | None = None):
        """Generate the chosen report to `path` (default: the "Save as" field) in a worker; returns the Op."""
        if not self.state.ok or self.busy or self.store is None:
            return None
        if self.unsaved_panels():
            answer = QMessageBox.question(
                self, self.tr("Unsaved texts"),
                self.tr("The report prints the saved texts. Save your changes as new versions first?"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
            if answer != QMessageBox.StandardButton.Save:
                return None
            self.save_all_texts()
        path = path or self.out_edit.text().strip() or self.choose_path()
        if not path:
            return None
        self.out_edit.setText(path)
        if os.path.exists(path) and QMessageBox.question(
                self, self.tr("Replace the file?"),
                self.tr("{path} exists. Replace it?").format(path=path)) != QMessageBox.StandardButton.Yes:
            return None
        options = {"names": True} if self.kind == "disclosure" and self.names_check.isChecked() else None
        self._start(self.tr("Generating {name}…").format(name=Path(path).name))
        return self.session.run_with_store(self, make_job, self.kind, self.state.period, path, self.fmt, options,
                                           after_check=True, on_done=self._made, on_error=self._failed,
                                           on_progress=self._progressed, progress="none")

    def _made(self, result) -> None:
        """The file is written and previewed: record it on the store worker (the report's last step)."""
        made, preview = result
        try:
            self.record_op = self.session.write(
                self, record_job, made, self.session.user, changed=session_kinds.REPORT, ids=lambda r: [r.id],
                on_done=lambda report: self._generated(report, preview), on_error=self._failed, progress="none")
        except RuntimeError:      # the database was closed or switched meanwhile: nothing to record it in
            self._stop()
            self._set_status(self.tr("The database was closed before the report was recorded: {path} is written "
                                     "but not on record.").format(path=made.path), BAD_STYLE)
            self._update_buttons()

    def _start(self, text: str) -> None:
        self.busy = True
        self._busy_text = text
        self._elapsed.start()
        self._ticker.start()
        self.progress.setRange(0, 0)   # indeterminate until the data is built and the steps are known
        self.progress_log = []
        self.progress.show()
        self._set_status(text, MUTED_STYLE)
        self._update_buttons()

    def _tick(self) -> None:
        seconds = self._elapsed.elapsed() // 1000
        self.status_label.setText(self._busy_text + (self.tr(" {n} s").format(n=seconds) if seconds else ""))

    def _progressed(self, done: int, total: int) -> None:
        """A stage of the report was made (GUI thread, from the worker through run_op's relay)."""
        if not self.busy or total <= 0:
            return
        self.progress_log.append((done, total))
        if self.progress.maximum() != total:
            self.progress.setRange(0, total)
        self.progress.setValue(min(done, total))

    def _stop(self) -> None:
        self.busy = False
        self._ticker.stop()
        self.progress.hide()

    def _generated(self, report, preview: Preview) -> None:
        total = self.progress.maximum()
        self._progressed(total, total)    # recorded: the last step
        self._stop()
        self.last_result = report
        folder = str(Path(report.path).parent)
        settings.write(FOLDER_KEY, folder)
        self._set_status(self.tr("Generated and recorded as report {id}: {path}").format(
            id=report.id, path=report.path) + "\n" + self.tr("SHA-256 {sha}").format(sha=report.sha256[:16] + "…"),
            OK_STYLE)
        self._preview_path = report.path
        self._load_past(select_id=report.id)
        self._show_preview(preview)
        self._update_buttons()
        self.generated.emit()

    def _failed(self, exc: BaseException) -> None:
        self._stop()
        # a report's own refusal, or the database's (read-only, a failed opening check, busy, disk full): a
        # sentence in the generate box; anything else is a bug, reported with its details
        message = K.error_message(exc) or store_error_text(exc)
        if message is None:
            from ui.common.ops import show_exception

            self._set_status(self.tr("The report could not be made."), BAD_STYLE)
            show_exception(self, exc)
        else:
            self._set_status(message, BAD_STYLE)
        self._update_buttons()

    # ===================================================================================== preview
    def _show_preview(self, preview: Preview) -> None:
        self._preview_path = preview.path
        if preview.method == "missing":
            self._placeholder = "missing"
            self.preview.show_message(self._placeholder_text())
        else:
            self.preview.show_preview(preview, self.tr("No preview: install pypdfium2 or poppler's pdftoppm."))
        self._update_preview_info()
        self._update_buttons()
        self.previewed.emit()

    def _update_preview_info(self) -> None:
        p = self.preview.preview
        if p is None:
            self.preview.show_message(self._placeholder_text())
            if self._placeholder == "default":
                self.preview_info.setText("")
            return
        name = Path(p.path).name
        if p.method == "xlsx":
            self.preview_info.setText(self.tr("{name}: {n} sheets").format(name=name, n=p.page_count or 0))
        elif p.images:
            self.preview_info.setText(self.tr("{name}: pages 1–{shown} of {n}").format(
                name=name, shown=len(p.images), n=p.page_count or len(p.images)))
        else:
            self.preview_info.setText(self.tr("{name}: {n} pages").format(name=name, n=p.page_count or "?"))

    def _placeholder_text(self) -> str:
        if self._placeholder == "missing":
            return self.tr("The file is no longer there: regenerate it.")
        return self.tr("Generate a report, or select one of the past reports, to see its first pages here.")

    def preview_file(self, path: str):
        """Rasterise a file's first pages in a worker and show them."""
        from ui.common.ops import run_op

        self._preview_path = path
        self.preview_info.setText(self.tr("Drawing the first pages…"))
        return run_op(self, rasterise, path, on_done=self._preview_done, progress="none")

    def _preview_done(self, preview: Preview) -> None:
        if preview.path == self._preview_path:  # a later selection replaced it meanwhile
            self._show_preview(preview)

    def _current_file(self) -> str | None:
        return self._preview_path

    # ================================================================================ past reports
    def _load_past(self, select_id: int | None = None) -> None:
        if self.store is None:
            return
        self.past_box.set_reports(past_reports(self.store), select_id)
        self._update_buttons()

    def _selected_row(self):
        return self.past_box.selected_row()

    def select_past(self, report_id: int) -> None:
        self.past_box.select(report_id)

    def _past_selected(self, *_args) -> None:
        row = self._selected_row()
        self._update_buttons()
        if row is None or self.busy:
            return
        if row.record.path and row.record.path != self._preview_path:
            if row.exists:
                self.preview_file(row.record.path)
            else:
                self._preview_path = row.record.path
                self._placeholder = "missing"
                self.preview.show_message(self._placeholder_text())
                self.preview_info.setText(Path(row.record.path).name)

    def regenerate_selected(self, path: str | None = None):
        """Make the selected report again (to `path`, or a file the user chooses) and compare its SHA-256."""
        row = self._selected_row()
        if row is None or self.busy:
            return None
        rec = row.record
        if path is None:
            old = Path(rec.path or K.default_file_name(rec.kind, rec.period, row.format))
            folder = old.parent if old.parent.is_dir() else Path(default_folder())
            suggestion = folder / (old.stem + self.tr(" (regenerated)") + old.suffix)
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Regenerate the report as"), str(suggestion))
            if not path:
                return None
        self._expected_sha = rec.sha256
        self._start(self.tr("Regenerating report {id}…").format(id=rec.id))
        self._regen_status = ("", "")
        return self.session.run_with_store(self, regenerate_job, rec.id, path, after_check=True,
                                           on_done=self._regenerated,
                                           on_error=self._failed, on_progress=self._progressed, progress="none")

    def _regenerated(self, result) -> None:
        self._stop()
        report, preview = result
        self.last_regenerated = report
        self.regenerated_identical = report.sha256 == self._expected_sha
        if self.regenerated_identical:
            text = self.tr("Regenerated to {path}: identical to the recorded report (SHA-256 {sha}).").format(
                path=report.path, sha=report.sha256[:12] + "…")
            style = OK_STYLE
        else:
            text = self.tr("Regenerated to {path}: the bytes differ from the recorded report (SHA-256 {sha} "
                           "instead of {expected}).").format(path=report.path, sha=report.sha256[:12] + "…",
                                                             expected=(self._expected_sha or "—")[:12] + "…")
            style = NOTE_STYLE
        self.regen_label.setText(text)
        self.regen_label.setStyleSheet(style)
        self._set_status("", "")
        self._show_preview(preview)
        self._load_past()
        self.regenerated.emit()

    # ======================================================================================= open
    def open_file(self, path: str | None) -> bool:
        return open_file(path)

    def open_folder(self, path: str | None) -> bool:
        return open_folder(path)
