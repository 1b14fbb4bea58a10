"""The breach register's case panel: the selected case's limit, key, figures and state, a banner for a
major event, and its complete history of events (append-only).
"""
from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from ui.breaches.models import RegisterData, cause_label, field_label, state_label, status_colours, status_label
from ui.common import format as fmt
from ui.common.format import local_time
from ui.common.labels import bold

BANNER_STYLE = ("QLabel#majorBanner { background: #c62828; color: white; font-weight: bold;"
                " padding: 6px 10px; border-radius: 3px; }")
ACTION_COLOURS = {"opened": "#c62828", "observed": "#e69500", "updated": "#1f5f99", "closed": "#2e7d32"}

class CaseDetail(QWidget):
    """The selected case: what it is about, the major-event banner, and every event as a timeline."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.heading = bold(QLabel(), 2)
        self.heading.setObjectName("caseHeading")
        self.heading.setWordWrap(True)
        self.banner = QLabel()
        self.banner.setObjectName("majorBanner")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.summary = QLabel()
        self.summary.setObjectName("caseSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.timeline_title = bold(QLabel())
        self.timeline = QTextBrowser()
        self.timeline.setObjectName("timeline")
        self.timeline.setOpenLinks(False)
        self.entries: list[dict] = []      # what the timeline shows, one dict per event (tests, copy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.banner)
        layout.addWidget(self.summary)
        layout.addWidget(self.timeline_title)
        layout.addWidget(self.timeline, 1)

    def retranslate(self) -> None:
        self.banner.setText(self.tr("Major concentration risk event — report to the board at once"))
        self.timeline_title.setText(self.tr("History (every event, newest first; nothing is ever overwritten)"))

    def show_case(self, case, history: list, data: RegisterData) -> None:
        self.retranslate()
        self.entries = []
        if case is None:
            self.heading.setText(self.tr("No case selected"))
            self.banner.hide()
            self.summary.setText(self.tr("Choose a case in the table to see its history and record the next "
                                         "event."))
            self.timeline.clear()
            return
        self.heading.setText(self.tr("Case #{id}: {limit} · {key}").format(
            id=case.id, limit=data.limit_text(case.limit_id), key=data.key_text(case.limit_id, case.key)))
        self.banner.setVisible(bool(case.major_event))
        colour, _ = status_colours(case.status)
        status = f'<b style="color:{colour or "#37474f"}">{html.escape(status_label(case.status))}</b>'
        parts = [
            self.tr("Last flagged: {status} at {ratio} ({exposure})").format(
                status=status, ratio=fmt.percent(float(case.ratio)) if case.ratio is not None else fmt.DASH,
                exposure=html.escape(fmt.amount(float(case.exposure)) if case.exposure is not None else fmt.DASH)),
            self.tr("State: <b>{state}</b>").format(state=html.escape(state_label(case.state))),
            self.tr("Cause: {cause}").format(cause=html.escape(cause_label(case.cause))),
            self.tr("Owner: {owner}").format(owner=html.escape(case.owner or fmt.DASH)),
        ]
        due = case.due_date.isoformat() if case.due_date else fmt.DASH
        if case.due_date and case.state != "closed" and case.due_date < date.today():
            overdue = html.escape(self.tr("(overdue)"))
            due = f'<b style="color:#c62828">{due} {overdue}</b>'
        parts.append(self.tr("Due: {due}").format(due=due))
        self.summary.setText(" &nbsp;·&nbsp; ".join(parts))
        self.timeline_title.setText(self.tr("History: {n} events, newest first; nothing is ever overwritten")
                                    .format(n=len(history)))
        self.timeline.setHtml(self._timeline_html(history, data))

    def _event_title(self, e, data: RegisterData) -> str:
        ev = data.evaluations.get(e.evaluation_id) if e.evaluation_id is not None else None
        snap = ev.as_of.isoformat() if ev else (f"#{e.evaluation_id}" if e.evaluation_id else "")
        if ev is not None and ev.withdrawn:
            # the snapshot was withdrawn later (imported by mistake): the case stays for the officer to handle
            snap = self.tr("{as_of} (withdrawn since)").format(as_of=snap)
        if e.action == "opened":
            return self.tr("Opened by the evaluation of snapshot {snapshot}").format(snapshot=snap)
        if e.action == "observed":
            return self.tr("Flagged again by the evaluation of snapshot {snapshot}").format(snapshot=snap)
        if e.action == "closed":
            return self.tr("Closed: snapshot {snapshot} shows it back in range").format(snapshot=snap)
        return self.tr("Updated")

    def _value(self, name: str, value) -> str:
        if value is None or value == "":
            return fmt.DASH
        if name == "state":
            return state_label(value)
        if name == "cause":
            return cause_label(value)
        if name == "status":
            return status_label(value)
        if name == "ratio":
            return fmt.percent(float(value))
        if name == "exposure":
            return fmt.amount(float(value))
        if name == "major_event":
            return self.tr("yes") if value else self.tr("no")
        return str(value)

    def _timeline_html(self, history: list, data: RegisterData) -> str:
        rows = []
        previous: dict = {}
        described = []
        for e in history:                                  # oldest first: each change against the one before
            before = dict(previous)
            lines = []
            for name, new in e.changes.items():
                if name in ("status", "ratio", "exposure") and e.action in ("opened", "observed"):
                    continue                               # said in the observation line below
                old = before.get(name)
                new_text, old_text = self._value(name, new), self._value(name, old)
                if name in ("analysis", "mitigation_plan") or e.action == "opened":
                    lines.append((field_label(name), new_text, None))
                elif old_text != new_text:
                    lines.append((field_label(name), new_text, old_text))
                else:
                    lines.append((field_label(name), new_text, ""))
            observation = None
            if e.action in ("opened", "observed"):
                observation = self.tr("{status} at {ratio}, exposure {exposure}").format(
                    status=status_label(e.status), ratio=self._value("ratio", e.ratio),
                    exposure=self._value("exposure", e.exposure))
            previous = {"state": e.state, "cause": e.cause, "analysis": e.analysis,
                        "mitigation_plan": e.mitigation_plan, "owner": e.owner,
                        "due_date": e.due_date.isoformat() if e.due_date else None, "major_event": e.major_event}
            described.append((e, self._event_title(e, data), observation, lines))
        unknown_user = self.tr("(unknown user)")
        for n, (e, title, observation, lines) in enumerate(reversed(described)):
            colour = ACTION_COLOURS.get(e.action, "#607d8b")
            body = [f'<div style="color:#546e7a">{html.escape(local_time(e.created_at))} · '
                    f'{html.escape(e.created_by or unknown_user)}</div>',
                    f'<div><b style="color:{colour}">{html.escape(title)}</b></div>']
            if observation:
                body.append(f"<div>{html.escape(observation)}</div>")
            for label, new, old in lines:
                if old:
                    text = (f"{html.escape(label)}: <span style='color:#7a7a7a'>{html.escape(old)}</span> → "
                            f"<b>{html.escape(new)}</b>")
                else:
                    text = f"{html.escape(label)}: <b>{html.escape(new).replace(chr(10), '<br>')}</b>"
                body.append(f"<div>{text}</div>")
            if e.comment:
                body.append(f'<div style="color:#37474f"><i>“{html.escape(e.comment)}”</i></div>')
            self.entries.append({"event_id": e.id, "action": e.action, "title": title, "who": e.created_by,
                                 "changes": [(lb, nw, od) for lb, nw, od in lines], "comment": e.comment})
            spacer = "" if n == len(described) - 1 else \
                '<tr><td bgcolor="#cfd8dc" width="3"></td><td height="6"></td></tr>'
            rows.append(f'<tr><td bgcolor="{colour}" width="3"></td>'
                        f'<td style="padding-left:8px; padding-bottom:4px">{"".join(body)}</td></tr>{spacer}')
        return f'<table cellspacing="0" cellpadding="2" width="100%">{"".join(rows)}</table>'
