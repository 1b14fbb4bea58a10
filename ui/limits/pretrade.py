"""The pre-trade check: what a hypothetical purchase (or a sale of a holding) does to every limit it touches.

The form builds the rows of `exposures.csv` / `counterparties.csv` that `core.whatif.pretrade.pretrade_check`
takes (the same as `concentration --add-exposure --add-counterparty`); amounts are typed in 亿元. The check
runs through run_op (a new counterparty or a sale rebuilds the aggregates: seconds on a large snapshot).
Every affected limit is listed with exposure, ratio and status before and after; new warnings and breaches
are highlighted.
"""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.common import format as fmt
from ui.common.tables import Column
from ui.limits import models as m
from ui.limits.diff_model import move_text, move_tint, severity_move
from ui.limits.widgets import banner_style, column, fit_columns, problems_text, section_title, split_page, table

ASSET_CLASSES = ("fixed_income", "equity", "real_estate", "other_financial", "liquidity")


def searchable(combo: QComboBox) -> QComboBox:
    """An editable combo whose completer finds any part of an item's text (name or id)."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = combo.completer()
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return combo


def yi_to_yuan_text(value: float) -> str:
    """亿元 as typed (4 decimals) → yuan as exact text."""
    return format(Decimal(str(round(value, 4))) * Decimal(100_000_000), "f").split(".")[0]


class ImpactModel(m.RowsModel):
    """One row per limit the trade changes (core's order); each-key limits show the key the trade moves."""

    COLUMNS = ("limit_id", "name", "scope", "key", "before", "after", "ratio_before", "ratio_after", "status",
               "threshold")
    HEADERS = {
        "limit_id": QT_TRANSLATE_NOOP("LimitsLabels", "Limit"),
        "name": QT_TRANSLATE_NOOP("LimitsLabels", "Name"),
        "scope": QT_TRANSLATE_NOOP("LimitsLabels", "Scope"),
        "key": QT_TRANSLATE_NOOP("LimitsLabels", "Key"),
        "before": QT_TRANSLATE_NOOP("LimitsLabels", "Exposure before"),
        "after": QT_TRANSLATE_NOOP("LimitsLabels", "Exposure after"),
        "ratio_before": QT_TRANSLATE_NOOP("LimitsLabels", "Ratio before"),
        "ratio_after": QT_TRANSLATE_NOOP("LimitsLabels", "Ratio after"),
        "status": QT_TRANSLATE_NOOP("LimitsLabels", "Status: before → after"),
        "threshold": QT_TRANSLATE_NOOP("LimitsLabels", "Warning / limit"),
    }
    YI_COLUMNS = frozenset({"before", "after"})

    def set_result(self, result, limits) -> None:
        names = {} if limits is None else {str(r["limit_id"]): r for r in limits.to_dict("records")}
        rows = []
        for imp in ([] if result is None else result.impacts):
            k = imp.affected_key
            lim = names.get(imp.limit_id, {})
            if k is not None:
                row = dict(key=k.key, before=k.before_fen, after=k.after_fen, ratio_before=k.before_ratio,
                           ratio_after=k.after_ratio, old=k.before_status, new=k.after_status)
            else:
                row = dict(key=imp.after.key if imp.after.key is not None else imp.key_spec,
                           before=imp.before.exposure_fen, after=imp.after.exposure_fen,
                           ratio_before=imp.before.ratio, ratio_after=imp.after.ratio,
                           old=imp.before.status, new=imp.after.status)
            row.update(limit_id=imp.limit_id, name=lim.get("name") or "", scope=imp.scope,
                       warning=lim.get("warning"), limit=lim.get("limit"), impact=imp)
            rows.append(row)
        self.set_rows(rows)

    def row_of(self, limit_id: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r["limit_id"] == limit_id), -1)

    def specs(self) -> list[Column]:
        h = self.HEADERS

        def tint(r):
            return move_tint(r["old"], r["new"])

        def worse(r) -> bool:
            return severity_move(r["old"], r["new"]) > 0

        def whole_limit(r) -> str:
            imp = r["impact"]
            return QCoreApplication.translate("LimitsLabels", "Whole limit: {before} → {after} (worst key {key})").format(
                before=m.status_label(imp.before.status), after=m.status_label(imp.after.status),
                key=imp.after.key or "—")

        def col(name, text, align=m.LEFT, **kw):
            kw.setdefault("bg", tint)
            return Column(h[name], text, raw=lambda r: r.get(name), align=align, tip=whole_limit, key=name, **kw)

        return [
            col("limit_id", lambda r: str(r.get("limit_id") or ""), bold=worse),
            col("name", lambda r: str(r.get("name") or "")),
            col("scope", lambda r: m.scope_label(r["scope"])),
            col("key", lambda r: m.reported_key_text(r["key"])),
            col("before", lambda r: fmt.yi(r["before"] / 100.0, unit=False), m.RIGHT),
            col("after", lambda r: fmt.yi(r["after"] / 100.0, unit=False), m.RIGHT),
            col("ratio_before", lambda r: m.pct(r["ratio_before"]), m.RIGHT),
            col("ratio_after", lambda r: m.pct(r["ratio_after"]), m.RIGHT, bold=worse,
                fg=lambda r: m.STATUS_COLOURS[r["new"]] if r["new"] in ("warning", "breach") else None),
            Column(h["status"], lambda r: move_text(r["old"], r["new"]), raw=lambda r: (r["old"], r["new"]),
                   align=m.CENTER, status=lambda r: (r["old"], r["new"]), tip=whole_limit, key="status"),
            col("threshold", lambda r: f"{m.pct(r['warning'])} / {m.pct(r['limit'])}", m.RIGHT),
        ]


def _check(context, exposures, counterparties):
    from core.whatif.pretrade import pretrade_check

    return pretrade_check(context.data, exposures, counterparties, limits=context.limits, agg=context.agg,
                          before=context.before)


class PreTradePage(QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.context = None
        self.state = None
        self.result = None

        # what: purchase or sale
        self.buy = QRadioButton()
        self.sell = QRadioButton()
        self.buy.setChecked(True)
        kind = QButtonGroup(self)
        kind.addButton(self.buy)
        kind.addButton(self.sell)
        self.buy.toggled.connect(self._kind_changed)

        self.member = QComboBox()
        self.member.setObjectName("pretradeMember")
        self.cp_existing = QRadioButton()
        self.cp_new = QRadioButton()
        self.cp_existing.setChecked(True)
        cpk = QButtonGroup(self)
        cpk.addButton(self.cp_existing)
        cpk.addButton(self.cp_new)
        self.cp_existing.toggled.connect(self._cp_kind_changed)
        self.counterparty = searchable(QComboBox())
        self.counterparty.setObjectName("pretradeCounterparty")
        self.counterparty.setMinimumWidth(220)      # 260 was wider than the panel leaves it: its arrow was cut
        self.new_id = QLineEdit()
        self.new_name = QLineEdit()
        self.new_industry = QLineEdit()
        self.new_region = QLineEdit()
        self.new_parent = searchable(QComboBox())
        self.instrument = QLineEdit()
        self.instrument.setObjectName("pretradeInstrument")
        self.asset_class = QComboBox()
        for a in ASSET_CLASSES:
            self.asset_class.addItem(m.key_label(a), a)
        self.amount = QDoubleSpinBox()
        self.amount.setObjectName("pretradeAmount")
        self.amount.setDecimals(4)
        self.amount.setRange(0, 1_000_000)
        self.amount.setGroupSeparatorShown(True)
        self.amount.setValue(20)
        self.on_balance = QCheckBox()
        self.on_balance.setChecked(True)
        self.overseas = QCheckBox()
        self.holding = searchable(QComboBox())
        self.holding.setObjectName("pretradeHolding")
        self.holding.setMinimumWidth(300)
        self.sale_amount = QDoubleSpinBox()
        self.sale_amount.setDecimals(4)
        self.sale_amount.setRange(0, 1_000_000)
        self.sale_amount.setGroupSeparatorShown(True)

        self.cp_box = QWidget()
        cpl = QFormLayout(self.cp_box)
        cpl.setContentsMargins(0, 0, 0, 0)
        self.new_cp_box = QWidget()
        ncl = QFormLayout(self.new_cp_box)
        ncl.setContentsMargins(0, 0, 0, 0)
        self.form_labels = {}

        def row(form, key, widget):
            lab = QLabel()
            self.form_labels[key] = lab
            form.addRow(lab, widget)

        row(ncl, "new_id", self.new_id)
        row(ncl, "new_name", self.new_name)
        row(ncl, "new_industry", self.new_industry)
        row(ncl, "new_region", self.new_region)
        row(ncl, "new_parent", self.new_parent)
        self.new_cp_box.hide()

        buy_page = QWidget()
        bf = QFormLayout(buy_page)
        bf.setContentsMargins(0, 0, 0, 0)
        cp_choice = QHBoxLayout()
        cp_choice.addWidget(self.cp_existing)
        cp_choice.addWidget(self.cp_new)
        cp_choice.addStretch(1)
        row(bf, "member", self.member)
        row(bf, "cp_kind", _wrap(cp_choice))
        row(bf, "counterparty", self.counterparty)
        bf.addRow(self.new_cp_box)
        row(bf, "instrument", self.instrument)
        row(bf, "asset_class", self.asset_class)
        row(bf, "amount", self.amount)
        flags = QHBoxLayout()
        flags.addWidget(self.on_balance)
        flags.addWidget(self.overseas)
        flags.addStretch(1)
        row(bf, "flags", _wrap(flags))
        sell_page = QWidget()
        sf = QFormLayout(sell_page)
        sf.setContentsMargins(0, 0, 0, 0)
        self.trade_forms = (bf, sf)
        row(sf, "holding", self.holding)
        row(sf, "sale_amount", self.sale_amount)
        self.pages = QStackedWidget()
        self.pages.addWidget(buy_page)
        self.pages.addWidget(sell_page)

        self.check_button = QPushButton()
        self.check_button.setObjectName("pretradeCheck")
        self.check_button.clicked.connect(self.run_check)
        self.form_title = section_title()
        kinds = QHBoxLayout()
        kinds.addWidget(self.buy)
        kinds.addWidget(self.sell)
        kinds.addStretch(1)
        self.form_box = QGroupBox()
        fl = QVBoxLayout(self.form_box)
        fl.addLayout(kinds)
        fl.addWidget(self.pages)
        fl.addStretch(1)
        fl.addWidget(self.check_button)
        left = column(self.form_title, (self.form_box, 1))
        left.setMinimumWidth(340)
        left.setMaximumWidth(370)

        self.summary = QLabel()
        self.summary.setObjectName("pretradeSummary")
        self.summary.setWordWrap(True)
        self.model = ImpactModel(self)
        self.view = table(self.model, name="pretradeTable", stretch_last=True, transition="status")
        self.result_title = section_title()
        split_page(self, left, column(self.result_title, self.summary, (self.view, 1)))
        self.retranslate()
        self._enable()

    # ------------------------------------------------------------------------------------- context
    def set_context(self, context, state) -> None:
        self.context, self.state = context, state
        self.member.clear()
        self.counterparty.clear()
        self.new_parent.clear()
        self.holding.clear()
        if context is not None:
            d = context.data
            for mid, name in zip(d.members["member_id"].astype(str), d.members["name"].fillna("").astype(str)):
                self.member.addItem(f"{mid} {name}", mid)
            self.new_parent.addItem(self.tr("(none)"), "")
            cps = d.counterparties
            for cid, name in zip(cps["counterparty_id"].astype(str), cps["name"].fillna("").astype(str)):
                text = f"{name} ({cid})" if name else cid
                self.counterparty.addItem(text, cid)
                self.new_parent.addItem(text, cid)
            ex = d.exposures
            holdings = ex[ex["parent_exposure_id"].isna()]
            for eid, mid, inst, amt in zip(holdings["exposure_id"].astype(str), holdings["member_id"].astype(str),
                                           holdings["instrument_id"].astype(str), holdings["amount_fen"]):
                self.holding.addItem(f"{eid} · {mid} · {inst} · {fmt.yi(int(amt) / 100.0)}", eid)
            self.counterparty.setCurrentIndex(-1)
            self.holding.setCurrentIndex(-1)
        self.model.set_result(None, None)
        self.summary.setText("")
        self._enable()

    def _enable(self) -> None:
        ok = self.context is not None
        self.form_box.setEnabled(ok)
        if not ok:
            self.summary.setText(self.tr("Waiting for the snapshot's exposures…") if self.state is not None else "")
            self.summary.setStyleSheet("")

    def _kind_changed(self) -> None:
        self.pages.setCurrentIndex(0 if self.buy.isChecked() else 1)

    def _cp_kind_changed(self) -> None:
        existing = self.cp_existing.isChecked()
        self.counterparty.setVisible(existing)
        self.form_labels["counterparty"].setVisible(existing)
        self.new_cp_box.setVisible(not existing)

    # ------------------------------------------------------------------------------------- input
    def select_counterparty(self, cid: str) -> None:
        self.counterparty.setCurrentIndex(self.counterparty.findData(cid))

    def select_member(self, mid: str) -> None:
        self.member.setCurrentIndex(self.member.findData(mid))

    def _counterparty_id(self) -> str | None:
        i = self.counterparty.currentIndex()
        text = self.counterparty.currentText().strip()
        if i >= 0 and self.counterparty.itemText(i) == text:
            return self.counterparty.itemData(i)
        j = self.counterparty.findText(text)
        if j >= 0:
            return self.counterparty.itemData(j)
        return text or None          # an id typed directly; the importer says if it is unknown

    def rows(self) -> tuple[list[dict], list[dict] | None]:
        """The exposures.csv (and counterparties.csv) rows of the form, amounts in yuan."""
        if self.sell.isChecked():
            eid = self.holding.currentData() if self.holding.currentIndex() >= 0 else self.holding.currentText().strip()
            ex = self.context.data.exposures
            h = ex[ex["exposure_id"].astype(str) == str(eid)]
            base = h.iloc[0].to_dict() if len(h) else {}
            row = {"exposure_id": eid, "member_id": base.get("member_id"),
                   "counterparty_id": base.get("counterparty_id"), "instrument_id": base.get("instrument_id"),
                   "asset_class": base.get("asset_class"), "overseas": bool(base.get("overseas", False)),
                   "on_balance": bool(base.get("on_balance", True)),
                   "amount": "-" + yi_to_yuan_text(self.sale_amount.value())}
            return [row], None
        cps = None
        if self.cp_new.isChecked():
            cid = self.new_id.text().strip()
            cps = [{"counterparty_id": cid, "name": self.new_name.text().strip(),
                    "parent_id": self.new_parent.currentData() or "", "industry": self.new_industry.text().strip(),
                    "region": self.new_region.text().strip(), "related_party": "false", "exempt": "false"}]
        else:
            cid = self._counterparty_id()
        row = {"member_id": self.member.currentData(), "counterparty_id": cid or "",
               "instrument_id": self.instrument.text().strip(), "asset_class": self.asset_class.currentData(),
               "overseas": "true" if self.overseas.isChecked() else "false",
               "on_balance": "true" if self.on_balance.isChecked() else "false",
               "amount": yi_to_yuan_text(self.amount.value())}
        return [row], cps

    # ------------------------------------------------------------------------------------- check
    def run_check(self):
        from ui.common.ops import run_op

        if self.context is None:
            return None
        exposures, cps = self.rows()
        self.check_button.setEnabled(False)

        def done(result) -> None:
            self.check_button.setEnabled(True)
            self.show_result(result)

        def failed(exc) -> None:
            self.check_button.setEnabled(True)
            from core.problems import InputError
            if isinstance(exc, InputError):
                self.summary.setText(self.tr("Not checked: {problems}").format(problems=problems_text(exc)))
                self.summary.setStyleSheet(banner_style("error"))
                self.model.set_result(None, None)
            else:
                from ui.common.ops import show_exception

                show_exception(self, exc)

        return run_op(self, _check, self.context, exposures, cps, on_done=done, on_error=failed,
                      progress_label=self.tr("Checking the limits…"))

    def show_result(self, result) -> None:
        self.result = result
        self.model.set_result(result, self.context.limits if self.context is not None else None)
        fit_columns(self.view, {0: 48, 1: 100, 2: 50, 3: 96, 4: 92, 5: 92, 6: 72, 7: 72, 8: 152})
        worse = [r for r in self.model.rows if severity_move(r["old"], r["new"]) > 0]
        breaches = [r for r in worse if r["new"] == "breach"]
        warnings = [r for r in worse if r["new"] == "warning"]
        text = self.tr("Limits affected: {n}. New breaches: {b}. New warnings: {w}.").format(
            n=len(self.model.rows), b=len(breaches), w=len(warnings))
        if breaches or warnings:
            text += " " + ", ".join(f"{r['limit_id']} {r['key'] or ''}".strip() for r in worse)
        self.summary.setText(text)
        self.summary.setStyleSheet(banner_style("error" if breaches else ("unapproved" if warnings else "approved")))

    # ------------------------------------------------------------------------------------- language
    def retranslate(self) -> None:
        self.form_title.setText(self.tr("A hypothetical trade"))
        self.result_title.setText(self.tr("Every limit the trade touches, before and after"))
        self.buy.setText(self.tr("Purchase / new exposure"))
        self.sell.setText(self.tr("Sale of a holding"))
        self.cp_existing.setText(self.tr("Existing"))
        self.cp_new.setText(self.tr("New counterparty"))
        self.on_balance.setText(self.tr("On balance sheet"))
        self.overseas.setText(self.tr("Overseas"))
        self.check_button.setText(self.tr("Check limits"))
        self.counterparty.lineEdit().setPlaceholderText(self.tr("Type a name or id"))
        self.holding.lineEdit().setPlaceholderText(self.tr("Type an id or instrument"))
        labels = {"member": self.tr("Member"), "cp_kind": self.tr("Counterparty"), "counterparty": "",
                  "new_id": self.tr("Counterparty id"), "new_name": self.tr("Name"),
                  "new_industry": self.tr("Industry code"), "new_region": self.tr("Region code"),
                  "new_parent": self.tr("Parent"), "instrument": self.tr("Instrument"),
                  "asset_class": self.tr("Asset class"), "amount": self.tr("Amount (100 million yuan)"),
                  "flags": "", "holding": self.tr("Holding"), "sale_amount": self.tr("Amount sold (100 million yuan)")}
        for key, text in labels.items():
            self.form_labels[key].setText(text)
        # An English label ("Amount (100 million yuan)") leaves its field too little of the narrow panel,
        # which cut the fields off: then every label goes above its field. The Chinese labels fit beside.
        for form in self.trade_forms:
            labels_in = [form.itemAt(r, QFormLayout.ItemRole.LabelRole) for r in range(form.rowCount())]
            widest = max((item.widget().sizeHint().width() for item in labels_in if item is not None), default=0)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows if widest > 120
                                  else QFormLayout.RowWrapPolicy.DontWrapRows)
        self.amount.setSuffix("")
        self.instrument.setPlaceholderText(self.tr("e.g. BD-NEW-2030"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _wrap(layout) -> QWidget:
    w = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    w.setLayout(layout)
    return w
