"""What the rating screen's buttons do: new, open a saved assessment, save, record the regulator's rating,
import and export an input.

Writes go through the session's store worker (the one writer), waited for: each is a small transaction.
Files are read and written in a worker (ui.common.ops.run_op); their problems go to the problems dialog,
never a traceback. Saving while the draft is exactly the record opened or just saved stores nothing (a
duplicate assessment otherwise) and says so.
"""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog

from core.problems import InputError
from core.rating.inputs import parse_rating_input, read_rating_file, write_rating_template
from ui.rating.draft import RatingDraft, ReplaceAll, stored_input_data
from ui.rating.history_panel import REGULATOR


def _save_assessment(store, *args):
    """Store worker: one assessment record (core.store save_assessment); returns its id."""
    return store.save_assessment(*args)


class RatingActions(QObject):
    """See the module doc. `screen` is the RatingScreen: its draft, undo stack, result and messages."""

    def __init__(self, screen):
        super().__init__(screen)
        self.screen = screen
        # the record the draft is exactly as, while the undo stack is clean (opened or just saved): saving
        # then would store a duplicate, so 保存 is disabled and says which record it already is
        self.saved_id: int | None = None

    def new_assessment(self) -> None:
        s = self.screen
        s.stack.push(ReplaceAll(s.draft, {("rulebook",): s.draft.rulebook_id}, self.tr("New assessment")))

    def unchanged_since_saved(self) -> bool:
        """The draft is exactly a stored record: opened or saved, and not edited since (or edited and undone)."""
        return self.saved_id is not None and self.screen.stack.isClean()

    def forget_saved(self) -> None:
        """Another database: the draft is none of its records."""
        self.saved_id = None
        self.screen.update_saved_state()

    # ------------------------------------------------------------------------------ save / open
    def save(self) -> int | None:
        """Save the assessment being edited as a new record; returns its id, or None (nothing saved)."""
        from core.rating.engine import assessment_record
        from ui.common.problems_dialog import show_problems

        s = self.screen
        if s.session.store is None:
            s.message(lambda: self.tr("The database is not open: the assessment cannot be saved now."), error=True)
            return None
        if self.unchanged_since_saved():   # Ctrl+S with the button disabled
            saved = self.saved_id
            s.message(lambda: self.tr("Nothing changed since record {id} was saved: nothing to save.").format(
                id=saved))
            return None
        company, period = s.draft.get(("meta", "company")), s.draft.get(("meta", "period"))
        if not company or not period:
            s.message(lambda: self.tr("Name the company and the period before saving."), error=True)
            return None
        try:
            inp, a, _imp = s.rate()
        except InputError as err:
            show_problems(s, err.problems)
            return None
        rb = s.rulebook
        # The store keeps exact numbers and codes only (core.rating.engine.assessment_record), as the demo
        # and the reports do; sentences are rebuilt from the codes in the reader's language.
        new_id = s.session.write_now(_save_assessment, "self", company, period, rb.id, rb.version, rb.sha256,
                                     inp.to_json_dict(exact=True), assessment_record(a),
                                     s.session.user or None, changed="assessment")
        s.stack.setClean()
        self.saved_id = new_id
        s.update_saved_state()
        s.load_store_views()
        s.message(lambda: self.tr("Saved: {company} {period}, level {level} (record {id}).").format(
            company=company, period=period, level=a.final_level, id=new_id))
        return new_id

    def open_record(self, record) -> None:
        """Load a saved self-assessment into the editor, under the rulebook version it was made with."""
        s = self.screen
        if record is None:
            return
        if record.kind != "self":
            s.history.setCurrentIndex(REGULATOR)
            return
        try:
            rb = s.get_rulebook(record.rulebook_id, record.rulebook_version)
        except InputError:
            rb = s.get_rulebook(record.rulebook_id)
        try:
            inp = parse_rating_input(stored_input_data(record.input), f"#{record.id}", rb)
        except InputError as err:
            from ui.common.problems_dialog import show_problems
            show_problems(s, err.problems)
            return
        values = RatingDraft.values_from_input(inp, rb)
        values[("rulebook_version",)] = rb.version
        s.stack.push(ReplaceAll(s.draft, values, self.tr("Open {company} {period}").format(
            company=record.company, period=record.period)))
        s.stack.setClean()
        self.saved_id = record.id
        s.update_saved_state()
        moved = bool(record.rulebook_sha256 and rb.sha256 and record.rulebook_sha256 != rb.sha256)
        s.message(lambda: self.tr("Opened the assessment of {company} for {period} (record {id}).").format(
            company=record.company, period=record.period, id=record.id) + (self.tr(
                " The rulebook file has changed since it was saved (different SHA-256).") if moved else ""),
            error=moved)

    # ------------------------------------------------------------------------------ regulator
    def ask_regulator(self) -> None:
        from ui.rating.dialogs import RegulatorDialog

        s = self.screen
        company, period = s.draft.get(("meta", "company")), s.draft.get(("meta", "period"))
        if not company or not period:
            s.message(lambda: self.tr("Name the company and the period first."), error=True)
            return
        dialog = RegulatorDialog(s.rulebook, company, period, s.lang(), s)
        dialog.accepted.connect(lambda: self.record_regulator(**dialog.values()))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def record_regulator(self, final_level: str, received: str, note: str | None = None,
                         dimension_scores: dict | None = None) -> int | None:
        s = self.screen
        if s.session.store is None:
            s.message(lambda: self.tr("The database is not open: the assessment cannot be saved now."), error=True)
            return None
        company, period = s.draft.get(("meta", "company")), s.draft.get(("meta", "period"))
        rb = s.rulebook
        result = {"final_level": final_level, "received": received, "rulebook": rb.id}
        if dimension_scores:
            result["dimension_scores"] = dimension_scores
        new_id = s.session.write_now(_save_assessment, "regulator", company, period, rb.id, rb.version,
                                     rb.sha256, {"received": received, **({"dimension_scores": dimension_scores}
                                                                           if dimension_scores else {})},
                                     result, s.session.user or None, note, changed="assessment")
        s.load_store_views()
        s.history.setCurrentIndex(REGULATOR)
        return new_id

    # ------------------------------------------------------------------------------ files
    def ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.screen, self.tr("Import a rating input"), "",
                                              self.tr("Rating inputs (*.json *.xlsx)"))
        if path:
            self.import_file(path)

    def import_file(self, path):
        """Read a JSON or XLSX input in a worker; problems go to the problems dialog (never a traceback)."""
        from ui.common.ops import run_op

        return run_op(self.screen, read_rating_file, Path(path), on_done=lambda inp: self._imported(inp, path),
                      progress_label=self.tr("Reading {file}…").format(file=Path(path).name))

    def _imported(self, inp, path) -> None:
        s = self.screen
        values = RatingDraft.values_from_input(inp)
        values[("rulebook_version",)] = inp.rulebook_version
        s.stack.push(ReplaceAll(s.draft, values, self.tr("Import {file}").format(file=Path(path).name)))
        s.message(lambda: self.tr("Imported {file}.").format(file=Path(path).name))

    def ask_export(self, kind: str) -> None:
        draft = self.screen.draft
        name = "-".join(filter(None, [draft.get(("meta", "company")), draft.get(("meta", "period"))])) or "rating"
        if kind == "json":
            path, _ = QFileDialog.getSaveFileName(self.screen, self.tr("Export as JSON"), f"{name}.json",
                                                  self.tr("JSON (*.json)"))
        else:
            path, _ = QFileDialog.getSaveFileName(self.screen, self.tr("Export as XLSX template"), f"{name}.xlsx",
                                                  self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.export_file(path, kind)

    def export_file(self, path, kind: str):
        from ui.common.ops import run_op
        from ui.common.problems_dialog import show_problems

        s = self.screen
        rb = s.rulebook
        try:
            inp = parse_rating_input(s.draft.to_data(rb), "", rb)
        except InputError as err:
            if kind == "xlsx":   # an incomplete assessment still makes a template to fill in
                inp = None
            else:
                show_problems(s, err.problems)
                return None
        path = Path(path)

        def write():
            if kind == "json":
                path.write_text(json.dumps(inp.to_json_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            else:
                write_rating_template(path, rb, inp)
            return path

        return run_op(s, write,
                      on_done=lambda p: s.message(lambda: self.tr("Exported {file}.").format(file=p.name)),
                      progress_label=self.tr("Writing {file}…").format(file=path.name))
