"""Pieces the limits screen's tab pages share: the table factory and column fitting, banners and section
titles, page layouts, and the wording of refusals and input problems.

Kept apart from the pages so that no page imports another (the sandbox's proposing and the proposals
page both word a refusal with `refusal_text`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QLayout, QSplitter, QTableView, QVBoxLayout, QWidget

from ui.common.tables import read_only_table
from ui.limits import models as m

if TYPE_CHECKING:
    from core.problems import InputError, InputProblem


def problems_text(exc: InputError) -> str:
    """The problems of an InputError in the interface language, one per line (no traceback)."""
    from ui.common import i18n
    from wording.problems import message

    lang = i18n.wording_lang()
    lines = []
    for p in exc.problems:
        lid = (p.detail or {}).get("limit_id")
        text = message(_in_percent(p), lang)
        lines.append(f"{lid}: {text}" if lid else text)
    return "\n".join(lines) or str(exc)


def _in_percent(problem: InputProblem) -> InputProblem:
    """A problem about a warning value or a limit with its ratios as the table shows them ("6.00%", not the
    fraction "0.06" core compares): the officer typed percentages."""
    from dataclasses import replace
    from decimal import Decimal, InvalidOperation

    if problem.column not in ("warning", "limit"):
        return problem

    def pct(v):
        try:
            return m.pct(Decimal(str(v)))
        except (InvalidOperation, ValueError, TypeError):
            return v

    detail = dict(problem.detail or {})
    if "limit" in detail:
        detail["limit"] = pct(detail["limit"])
    try:
        return replace(problem, value=pct(problem.value), detail=detail)
    except TypeError:
        return problem


def banner_style(kind: str) -> str:
    colours = {"approved": ("#1b5e20", "#e8f5e9", "#a5d6a7"), "unapproved": ("#8a4b00", "#fff3d6", "#f2c46d"),
               "sandbox": ("#0d3c61", "#e3eef9", "#90b8de"), "error": ("#b3261e", "#fde7e7", "#ef9a9a")}
    fg, bg, border = colours[kind]
    return (f"QLabel {{ color: {fg}; background: {bg}; border: 1px solid {border}; border-radius: 4px;"
            f" padding: 6px 10px; }}")


def table(model, parent=None, stretch: int | None = None, *, name: str = "", stretch_last: bool = False,
          transition: str | None = None) -> QTableView:
    """A table of the limits screen (ui.common.tables.read_only_table: rows selected whole, Ctrl+C with
    headers, context menu, export, filter). `name`: its object name; `stretch`: a column that takes the
    spare width; `stretch_last`: the last column does; `transition`: the column (in model.COLUMNS) of
    (before, after) statuses, painted as two chips with an arrow (those badges keep their width)."""
    keep = [model.COLUMNS.index(transition)] if transition is not None else []
    # a wrapping header: "Exposure (CNY bn)" on two lines, not a column twice its numbers
    view = read_only_table(model, name, title=name or "limits", parent=parent, wrap=True, row_height=28,
                           stretch_last=stretch_last, one_line=True, keep=keep)
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    if stretch is not None:
        view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    if transition is not None:
        view.setItemDelegateForColumn(keep[0], m.TransitionDelegate(view))
    return view


def fit_columns(view: QTableView, widths: dict[int, int] | None = None, cap: int = 260) -> None:
    """Columns as wide as their contents (at most `cap`), then the fixed `widths` given by column."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for c in range(view.model().columnCount()):
        if header.sectionResizeMode(c) != QHeaderView.ResizeMode.Stretch:
            header.resizeSection(c, min(header.sectionSize(c) + 8, cap))
    for c, w in (widths or {}).items():
        header.resizeSection(c, w)


DIFF_WIDTHS = {0: 50, 1: 126, 3: 128, 4: 128, 5: 160, 6: 56}   # DiffModel columns ("change": its text)


def section_title(text: str = "") -> QLabel:
    lab = QLabel(text)
    f = lab.font()
    f.setBold(True)
    lab.setFont(f)
    return lab


def column(*items) -> QWidget:
    """A widget with `items` one below the other, without margins: widgets, layouts or (item, stretch)."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for item in items:
        item, stretch = item if isinstance(item, tuple) else (item, 0)
        if isinstance(item, QLayout):
            layout.addLayout(item, stretch)
        else:
            layout.addWidget(item, stretch)
    return box


def split_page(page: QWidget, left: QWidget, right: QWidget) -> QSplitter:
    """The layout of a tab page: `left` and `right` side by side in a splitter, the right one taking the
    spare width."""
    split = QSplitter(Qt.Orientation.Horizontal)
    split.addWidget(left)
    split.addWidget(right)
    split.setStretchFactor(1, 1)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 6, 0, 0)
    layout.addWidget(split, 1)
    return split


def refusal_text(exc: BaseException) -> str:
    """A refusal from the store or the what-if services in plain words (never a code or a traceback)."""
    code = getattr(exc, "code", None)
    detail = getattr(exc, "detail", {}) or {}
    texts = {
        "same_person": QCoreApplication.translate("LimitsProposals", "The proposer cannot approve or reject their own proposal: another person must decide it."),
        "already_decided": QCoreApplication.translate("LimitsProposals", "This proposal has already been decided."),
        "user_required": QCoreApplication.translate("LimitsProposals", "Set your user name first (Settings › User Name…): every decision records who made it."),
        "no_change": QCoreApplication.translate("LimitsProposals", "The sandbox is the same as the approved set: there is nothing to propose."),
        "stale_proposal": QCoreApplication.translate("LimitsProposals", "This proposal was made on an older version of the limit set; approving it would undo "
                             "what was approved since. Make a new proposal from the sandbox."),
        "effective_date_differs": QCoreApplication.translate("LimitsProposals", "The effective date cannot be changed on approval."),
        "no_snapshot": QCoreApplication.translate("LimitsProposals", "No snapshot is stored: import data first."),
        "no_limits": QCoreApplication.translate("LimitsProposals", "There are no limits to govern with: import data first."),
        "not_pending": QCoreApplication.translate("LimitsProposals", "This proposal is no longer pending."),
        "not_proposer": QCoreApplication.translate("LimitsProposals", "Only the proposer can withdraw a proposal."),
        "withdrawn": QCoreApplication.translate("LimitsProposals", "This proposal was withdrawn by its proposer: it can no longer be approved or rejected."),
        "reason_required": QCoreApplication.translate("LimitsProposals", "A withdrawal needs a reason: it is recorded with the withdrawal."),
        "period_reported": QCoreApplication.translate("LimitsProposals", "Effective {effective} falls in {period}, a period already reported with "
                              "the limits then in force; a report cannot be rewritten. Propose the change "
                              "again, effective after {period_end}.").format(
            effective=detail.get("effective", ""), period=detail.get("period", ""), period_end=detail.get("period_end", "")),
    }
    if code in texts:
        return texts[code]
    if code in ("not_senior_management", "role_required"):     # roles (core.governance): worded once, in wording/
        from ui.common import i18n
        from wording.governance import refusal_sentence

        return refusal_sentence(code, detail, i18n.wording_lang())
    return QCoreApplication.translate("LimitsProposals", "Refused: {reason}").format(reason=detail or exc)


class Refusal(Exception):
    """A refusal decided on the page itself (before anything reaches the store), worded by refusal_text."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code
        self.detail = {}
