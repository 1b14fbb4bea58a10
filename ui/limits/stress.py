"""Stress scenarios (guideline Art. 19): the scenarios of resources/stress/default-scenarios.toml, their
parameters editable, run on the snapshot (`core.whatif.stress.run_scenario`, in a worker), the result shown
(loss by member and for the group, net assets and solvency after, the limits that break) and stored with
the snapshot (`save_stress_result`) so the semiannual report shows it.
"""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui import session as session_kinds
from ui.common import format as fmt
from ui.common import i18n
from ui.common.tables import Column
from ui.limits import models as m
from ui.limits.diff_model import move_text, move_tint, severity_move
from ui.limits.widgets import banner_style, column, fit_columns, problems_text, section_title, split_page, table

KIND_LABELS = {
    "counterparty_group_default": QT_TRANSLATE_NOOP("LimitsLabels", "Default of the largest counterparty groups"),
    "industry": QT_TRANSLATE_NOOP("LimitsLabels", "Industry shock"),
    "region": QT_TRANSLATE_NOOP("LimitsLabels", "Region shock"),
    "equity_fall": QT_TRANSLATE_NOOP("LimitsLabels", "Equity market fall"),
    "asset_class": QT_TRANSLATE_NOOP("LimitsLabels", "Asset class shock"),
}
NOT_COMPUTABLE_TEXT = QT_TRANSLATE_NOOP("LimitsLabels", "Not computable: actual capital / minimum capital missing")
NOT_COMPUTABLE_SHORT = QT_TRANSLATE_NOOP("LimitsLabels", "Not computable")


def solvency_text(value, problem, short: bool = False) -> str:
    if problem or value is None:
        return m.translated(NOT_COMPUTABLE_SHORT if short else NOT_COMPUTABLE_TEXT)
    return m.pct(value)


class ScopesModel(m.RowsModel):
    """Loss by scope: the group first, then each member (core's order)."""

    COLUMNS = ("scope", "loss", "net_before", "net_after", "total_after", "solv_before", "solv_after")
    HEADERS = {
        "scope": QT_TRANSLATE_NOOP("LimitsLabels", "Group / member"),
        "loss": QT_TRANSLATE_NOOP("LimitsLabels", "Loss"),
        "net_before": QT_TRANSLATE_NOOP("LimitsLabels", "Net assets before"),
        "net_after": QT_TRANSLATE_NOOP("LimitsLabels", "Net assets after"),
        "total_after": QT_TRANSLATE_NOOP("LimitsLabels", "Total assets after"),
        "solv_before": QT_TRANSLATE_NOOP("LimitsLabels", "Solvency ratio before"),
        "solv_after": QT_TRANSLATE_NOOP("LimitsLabels", "Solvency ratio after"),
    }
    YI_COLUMNS = frozenset({"loss", "net_before", "net_after", "total_after"})

    def __init__(self, parent=None):
        super().__init__(parent)
        self.names: dict[str, str] = {}

    def set_result(self, result, names) -> None:
        self.names = dict(names or {})
        self.set_rows([] if result is None else result.scopes)

    def specs(self) -> list[Column]:
        h = self.HEADERS
        red = "#C62828"

        def yi(fen):
            return fmt.DASH if fen is None else fmt.yi(fen / 100.0, unit=False)

        def group_tint(s):
            return "#F1F5F9" if s.scope == "group" else None

        def group_bold(s) -> bool:
            return s.scope == "group"

        def scope_text(s) -> str:
            if s.scope == "group":
                return QCoreApplication.translate("LimitsLabels", "Group (consolidated)")
            return f"{s.scope} {self.names.get(s.scope, '')}".strip()

        def amount(name, field, **kw):
            return Column(h[name], lambda s: yi(getattr(s, field)), raw=lambda s: getattr(s, field), align=m.RIGHT,
                          bg=group_tint, bold=kw.pop("bold", group_bold), key=name, **kw)

        def solvency(name, field, fg):
            return Column(h[name], lambda s: solvency_text(getattr(s, field), s.solvency_problem, short=True),
                          raw=lambda s: getattr(s, field), align=m.RIGHT, bg=group_tint, bold=group_bold, fg=fg,
                          tip=lambda s: solvency_text(None, s.solvency_problem)
                          if s.solvency_problem or s.solvency_after is None else None, key=name)

        return [
            Column(h["scope"], scope_text, raw=lambda s: s.scope, align=m.LEFT, bg=group_tint, bold=group_bold,
                   tip=lambda s: self.names.get(s.scope), key="scope"),
            amount("loss", "loss_fen", bold=lambda s: True, fg=lambda s: red if s.loss_fen else None),
            amount("net_before", "net_assets_before_fen"),
            amount("net_after", "net_assets_after_fen"),
            amount("total_after", "total_assets_after_fen"),
            solvency("solv_before", "solvency_before", lambda s: m.MUTED if s.solvency_problem else None),
            solvency("solv_after", "solvency_after", lambda s: m.MUTED if s.solvency_problem else (
                red if s.solvency_after is not None and s.solvency_after < 1 else None)),
        ]


class StressLimitsModel(m.RowsModel):
    """The limits whose status changes under the scenario, those that get worse first."""

    COLUMNS = ("limit_id", "name", "key", "ratio_before", "ratio_after", "status")
    HEADERS = {
        "limit_id": QT_TRANSLATE_NOOP("LimitsLabels", "Limit"),
        "name": QT_TRANSLATE_NOOP("LimitsLabels", "Name"),
        "key": QT_TRANSLATE_NOOP("LimitsLabels", "Worst key"),
        "ratio_before": QT_TRANSLATE_NOOP("LimitsLabels", "Ratio before"),
        "ratio_after": QT_TRANSLATE_NOOP("LimitsLabels", "Ratio after"),
        "status": QT_TRANSLATE_NOOP("LimitsLabels", "Status: before → after"),
    }

    def set_result(self, result) -> None:
        rows = []
        if result is not None:
            before = {r["limit_id"]: r for r in result.limits_before.results.to_dict("records")}
            for r in result.limits_after.results.to_dict("records"):
                b = before.get(r["limit_id"], {})
                old, new = b.get("status"), r["status"]
                if old != new:
                    rows.append({"limit_id": r["limit_id"], "name": r.get("name") or "", "key": r.get("key"),
                                 "ratio_before": b.get("ratio"), "ratio_after": r.get("ratio"), "old": old, "new": new})
            rows.sort(key=lambda x: (-severity_move(x["old"], x["new"]), m.STATUS_RANK.get(x["new"], 9)))
        self.set_rows(rows)

    def specs(self) -> list[Column]:
        h = self.HEADERS

        def tint(r):
            return move_tint(r["old"], r["new"], better=False)

        return [
            Column(h["limit_id"], lambda r: str(r["limit_id"]), raw=lambda r: r["limit_id"], align=m.LEFT, bg=tint,
                   key="limit_id"),
            Column(h["name"], lambda r: str(r["name"]), raw=lambda r: r["name"], align=m.LEFT, bg=tint,
                   tip=lambda r: r["name"], key="name"),
            Column(h["key"], lambda r: m.reported_key_text(r["key"]), raw=lambda r: r["key"], align=m.LEFT,
                   bg=tint, key="key"),
            Column(h["ratio_before"], lambda r: m.pct(r["ratio_before"]), raw=lambda r: r["ratio_before"],
                   align=m.RIGHT, bg=tint, key="ratio_before"),
            Column(h["ratio_after"], lambda r: m.pct(r["ratio_after"]), raw=lambda r: r["ratio_after"],
                   align=m.RIGHT, bg=tint, key="ratio_after"),
            Column(h["status"], lambda r: move_text(r["old"], r["new"]), raw=lambda r: (r["old"], r["new"]),
                   align=m.CENTER, status=lambda r: (r["old"], r["new"]), key="status"),
        ]


class Card(QFrame):
    """A figure with its caption (the summary row above the result)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("stressCard")
        self.setStyleSheet("QFrame#stressCard { background: #F7F9FB; border: 1px solid #DDE3EA; border-radius: 6px; }")
        self.value = QLabel("—")
        f = self.value.font()
        f.setPointSize(f.pointSize() + 6)
        f.setBold(True)
        self.value.setFont(f)
        self.value.setWordWrap(True)
        self.caption = QLabel()
        self.caption.setStyleSheet("color: #546e7a;")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 6, 12, 6)
        lay.addWidget(self.caption)
        lay.addWidget(self.value)

    def set(self, value: str, colour: str = "#263238", small: bool = False) -> None:
        self.value.setText(value)
        f = self.value.font()
        f.setPointSize(self.font().pointSize() + (3 if small else 6))
        self.value.setFont(f)
        self.value.setStyleSheet(f"color: {colour};")


def _run(context, scenario):
    from core.whatif.stress import run_scenario

    return run_scenario(context.data, scenario, context.limits, context.agg, context.before)


def _save(store, snapshot_id, result, user, ref):
    from core.whatif.stress import save_stress_result

    return save_stress_result(store, snapshot_id, result, user or None, limit_set_ref=ref)


class StressPage(QWidget):
    saved = Signal(int)     # evaluation id of the stored result

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.context = None
        self.state = None
        self.scenarios: list = []
        self.result = None
        self.saved_id: int | None = None
        self._editors: list = []      # per shock: {field: widget}

        self.list_title = section_title()
        self.list = QListWidget()
        self.list.setObjectName("scenarioList")
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(self._scenario_chosen)
        self.params_box = QGroupBox()
        self.params_layout = QVBoxLayout(self.params_box)
        self.run_button = QPushButton()
        self.run_button.setObjectName("stressRun")
        self.run_button.clicked.connect(self.run)
        self.save_button = QPushButton()
        self.save_button.setObjectName("stressSave")
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.save_button)
        left = column(self.list_title, (self.list, 2), (self.params_box, 3), buttons, self.message)
        left.setMinimumWidth(330)
        left.setMaximumWidth(420)

        self.result_title = section_title()
        self.cards = [Card() for _ in range(4)]
        cards = QHBoxLayout()
        for c in self.cards:
            cards.addWidget(c, 1)
        self.scopes_model = ScopesModel(self)
        self.scopes_view = table(self.scopes_model, name="stressScopes")
        self.limits_title = section_title()
        self.limits_model = StressLimitsModel(self)
        self.limits_view = table(self.limits_model, name="stressLimits", transition="status")
        from ui.common.charts import ChartWidget

        self.chart = ChartWidget(self, figsize=(4.6, 3.0))
        self.chart.setObjectName("stressChart")
        self.chart.setMinimumWidth(320)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(column(self.limits_title, (self.limits_view, 1)))
        lower.addWidget(self.chart)
        lower.setSizes([560, 340])
        split_page(self, left, column(self.result_title, cards, self.scopes_view, (lower, 1)))
        self.retranslate()
        self._enable()

    # ------------------------------------------------------------------------------------- scenarios
    def set_context(self, context, state) -> None:
        self.context, self.state = context, state
        if not self.scenarios:
            self.load_scenarios()
        self.show_result(None)
        self._enable()

    def load_scenarios(self, path=None) -> None:
        from core.whatif.stress import load_scenarios

        self.scenarios = load_scenarios(path)
        self.list.clear()
        for s in self.scenarios:
            QListWidgetItem(self._scenario_name(s), self.list)
        if self.scenarios:
            self.list.setCurrentRow(0)

    def _scenario_name(self, s) -> str:
        return (s.name_en or s.name) if i18n.current() == "en" else s.name

    def _scenario_chosen(self, row: int) -> None:
        while self.params_layout.count():
            item = self.params_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self._editors = []
        if not (0 <= row < len(self.scenarios)):
            return
        for i, shock in enumerate(self.scenarios[row].shocks):
            box = QWidget()
            form = QFormLayout(box)
            form.setContentsMargins(0, 4, 0, 4)
            head = QLabel(f"{i + 1}. {m.label(KIND_LABELS, shock.kind)}")
            f = head.font()
            f.setBold(True)
            head.setFont(f)
            form.addRow(head)
            editors = {}
            if shock.kind == "counterparty_group_default" and shock.top_n is not None:
                n = QSpinBox()
                n.setRange(1, 1000)
                n.setValue(int(shock.top_n))
                form.addRow(self.tr("Largest groups (N)"), n)
                editors["top_n"] = n
            if shock.kind in ("industry", "region"):
                keys = QLineEdit(", ".join(shock.keys))
                form.addRow(self.tr("Industry codes") if shock.kind == "industry" else self.tr("Region codes"), keys)
                editors["keys"] = keys
            if shock.kind == "asset_class":
                classes = QLineEdit(", ".join(shock.classes))
                form.addRow(self.tr("Asset classes"), classes)
                editors["classes"] = classes
            rate = QDoubleSpinBox()
            rate.setRange(0, 100)
            rate.setDecimals(2)
            rate.setSuffix(" %")
            rate.setValue(float(shock.rate * 100))
            form.addRow(self.tr("Loss given default") if shock.kind == "counterparty_group_default"
                        else self.tr("Loss rate"), rate)
            editors["rate"] = rate
            self._editors.append(editors)
            self.params_layout.addWidget(box)
        self.params_layout.addStretch(1)

    def current_scenario(self):
        """The chosen scenario with the parameters as edited."""
        row = self.list.currentRow()
        if not (0 <= row < len(self.scenarios)):
            return None
        sc = self.scenarios[row]
        shocks = []
        for shock, ed in zip(sc.shocks, self._editors):
            changes = {"rate": Decimal(str(round(ed["rate"].value(), 4))) / 100}
            if "top_n" in ed:
                changes["top_n"] = ed["top_n"].value()
            if "keys" in ed:
                changes["keys"] = tuple(k.strip() for k in ed["keys"].text().replace("，", ",").split(",") if k.strip())
            if "classes" in ed:
                changes["classes"] = tuple(k.strip() for k in ed["classes"].text().split(",") if k.strip())
            shocks.append(replace(shock, **changes))
        return replace(sc, shocks=tuple(shocks))

    def set_rate(self, shock: int, percent: float) -> None:
        self._editors[shock]["rate"].setValue(percent)

    # ------------------------------------------------------------------------------------- run / save
    def _enable(self) -> None:
        ready = self.context is not None
        self.run_button.setEnabled(ready)
        self.save_button.setEnabled(ready and self.result is not None and self.saved_id is None)
        if not ready:
            self.message.setText(self.tr("Waiting for the snapshot's exposures…") if self.state is not None else "")

    def run(self):
        from ui.common.ops import run_op

        scenario = self.current_scenario()
        if scenario is None or self.context is None:
            return None
        self.message.setText("")
        self.run_button.setEnabled(False)

        def done(result) -> None:
            self.show_result(result)

        def failed(exc) -> None:
            self._enable()
            from core.problems import InputError

            if isinstance(exc, InputError):
                self.message.setText(problems_text(exc))
                self.message.setStyleSheet(banner_style("error"))
            else:
                from ui.common.ops import show_exception

                show_exception(self, exc)

        return run_op(self, _run, self.context, scenario, on_done=done, on_error=failed,
                      progress_label=self.tr("Running the stress scenario…"))

    def save(self):
        if self.result is None or self.context is None:
            return None
        user = self.session.user

        def done(eid: int) -> None:
            self.saved_id = eid
            self.message.setText(self.tr("Stored with the snapshot (record #{id}): the semiannual report shows it.")
                                 .format(id=eid))
            self.message.setStyleSheet(banner_style("approved"))
            self._enable()
            self.saved.emit(eid)

        return self.session.write(self, _save, self.context.snapshot_id, self.result, user, self.context.ref,
                                  on_done=done, progress_label=self.tr("Storing the stress result…"),
                                  changed=session_kinds.EVALUATION)

    def show_result(self, result) -> None:
        self.result = result
        self.saved_id = None
        names = {} if self.state is None else self.state.member_names
        self.scopes_model.set_result(result, names)
        self.limits_model.set_result(result)
        header = self.scopes_view.horizontalHeader()
        for c, w in enumerate((156, 74, 122, 122, 122, 132)):
            header.resizeSection(c, w)
        header.setStretchLastSection(True)
        rows = max(self.scopes_model.rowCount(), 3)
        self.scopes_view.setFixedHeight(header.sizeHint().height() + rows * 28 + 2 * self.scopes_view.frameWidth() + 2)
        self.scopes_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        fit_columns(self.limits_view, {0: 48, 1: 104, 2: 84, 3: 76, 4: 76}, cap=160)
        self.limits_view.horizontalHeader().setStretchLastSection(True)
        self.message.setStyleSheet("")
        if result is None:
            for c in self.cards:
                c.set("—")
            self.result_title.setText(self.tr("Run a scenario to see its result"))
            self.chart.clear()
            self.chart.draw()
            self._enable()
            return
        g = result.scope("group")
        self.result_title.setText(self.tr("Result: {name}").format(name=self._scenario_name(result.scenario)))
        self.cards[0].set(m.amount(g.loss_fen), "#C62828")
        self.cards[1].set(m.amount(g.net_assets_after_fen))
        if g.solvency_problem or g.solvency_after is None:
            self.cards[2].set(m.translated(NOT_COMPUTABLE_TEXT), m.MUTED, small=True)
        else:
            self.cards[2].set(f"{m.pct(g.solvency_before)} → {m.pct(g.solvency_after)}",
                              "#C62828" if g.solvency_after < 1 else "#263238", small=True)
        before = int((result.limits_before.results["status"] == "breach").sum())
        after = int((result.limits_after.results["status"] == "breach").sum())
        self.cards[3].set(f"{before} → {after}", "#C62828" if after > before else "#263238")
        self._draw_chart(result, names)
        self._enable()

    def _draw_chart(self, result, names) -> None:
        self.chart.clear()
        ax = self.chart.figure.add_subplot()
        members = [s for s in result.scopes if s.scope != "group"]
        labels = [names.get(s.scope, s.scope) or s.scope for s in members]
        labels = [lab.replace("股份有限公司", "").replace("有限公司", "") for lab in labels]
        from reports.charts import plain_text
        labels = [plain_text(lab, 40) for lab in labels]   # a "$" in a name is literal, never mathtext
        values = [s.loss_fen / 100 / 1e8 for s in members]
        if i18n.current() == "en":
            values = [v / 10 for v in values]
        y = list(range(len(members)))[::-1]
        bars = ax.barh(y, values, color="#C62828", height=0.6)
        ax.set_yticks(y, labels)
        ax.set_title(self.tr("Loss by member ({unit})").format(unit=m.yi_unit()), fontsize=10)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=8)
        top = max(values) if values and max(values) > 0 else 1
        ax.set_xlim(0, top * 1.25)
        for bar, v in zip(bars, values):
            ax.text(bar.get_width() + top * 0.02, bar.get_y() + bar.get_height() / 2, f"{v:,.2f}", va="center",
                    fontsize=8)
        self.chart.draw()

    # ------------------------------------------------------------------------------------- language
    def retranslate(self) -> None:
        self.list_title.setText(self.tr("Scenarios"))
        self.params_box.setTitle(self.tr("Parameters"))
        self.run_button.setText(self.tr("Run"))
        self.save_button.setText(self.tr("Save result"))
        self.limits_title.setText(self.tr("Limits whose status changes"))
        for c, text in zip(self.cards, (self.tr("Group loss"), self.tr("Group net assets after"),
                                        self.tr("Group solvency after"), self.tr("Limits in breach"))):
            c.caption.setText(text)
        for i, s in enumerate(self.scenarios):
            self.list.item(i).setText(self._scenario_name(s))
        if self.result is None:
            self.result_title.setText(self.tr("Run a scenario to see its result"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
