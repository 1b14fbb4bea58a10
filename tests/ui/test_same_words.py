"""The same code reads the same on every screen and on paper: the words of each dimension, asset-class and
overseas key, special key (UNKNOWN, "*") and basis on the concentration, limits and history screens equal the
words the PDF reports print (reports.builders.names) in Chinese, and wording's English in English; so do the
breach register's case states and causes and the home screen's major-event kinds (wording.codes, one table)."""
import pytest

from core.concentration.importer import BASES_FOR
from core.concentration.model import ASSET_CLASSES, BASES, DIMENSIONS
from reports import format as report_format
from reports.builders import names as paper
from ui.common import i18n
from ui.concentration import labels as conc
from ui.history import models as hist
from ui.history.widgets import key_words
from ui.limits import models as lim
from ui.limits.sandbox_view import AddLimitDialog
from wording import codes

KEYS = {**{k: "asset_class" for k in ASSET_CLASSES}, "overseas": "overseas", "domestic": "overseas",
        "UNKNOWN": "counterparty", "*": "counterparty"}
TEMPLATE = {"limit_id": "L99", "name": "x", "dimension": "counterparty", "scope": "group", "key": None,
            "basis": "total_assets", "warning": "0.1", "limit": "0.2"}


def paper_key(key: str) -> str:
    """The key as the report prints it (reports/builders/common.py key_name)."""
    if key == "*":
        return "合计（全部）"
    if key == "UNKNOWN":
        return paper.UNKNOWN_COUNTERPARTY
    return {**paper.ASSET_CLASSES, **paper.OVERSEAS}[key]


def expected(lang: str):
    if lang == "zh":
        return ({d: paper.dimension_name(d) for d in DIMENSIONS}, {k: paper_key(k) for k in KEYS},
                {b: paper.BASES[b] for b in BASES})
    return ({d: codes.dimension_name(d, "en") for d in DIMENSIONS}, {k: codes.key_name(k, "en") for k in KEYS},
            {b: codes.basis_name(b, "en") for b in BASES})


def limits_dialog_words(qtbot):
    """What the limits screen's "Add a limit" dialog offers: each dimension, and each basis once a dimension is
    picked, as the user sees them in the combo boxes."""
    dialog = AddLimitDialog(TEMPLATE, ["group"], {})
    qtbot.addWidget(dialog)
    dims = {dialog.dimension.itemData(i): dialog.dimension.itemText(i) for i in range(dialog.dimension.count())}
    bases = {}
    for i in range(dialog.dimension.count()):
        dialog.dimension.setCurrentIndex(i)
        bases.update({dialog.basis.itemData(j): dialog.basis.itemText(j) for j in range(dialog.basis.count())})
    return dims, bases


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_screen_words_a_code_as_the_report(qtbot, language):
    i18n.set_language(language)
    dims, keys, bases = expected(i18n.wording_lang())
    assert len(set(dims.values())) == len(DIMENSIONS) and all(dims[d] != d for d in DIMENSIONS)
    dialog_dims, dialog_bases = limits_dialog_words(qtbot)
    assert set(dialog_bases) == {b for d in DIMENSIONS for b in BASES_FOR[d]} == set(BASES)
    for d in DIMENSIONS:
        screens = {"concentration": conc.dimension_label(d), "limits": dialog_dims[d],
                   "limits table": lim.dimension_label(d), "history": hist.label(hist.DIMENSION_LABELS, d)}
        assert set(screens.values()) == {dims[d]}, (d, screens)
    for k, dim in KEYS.items():
        screens = {"concentration": conc.label(conc.KEY_LABELS, k), "limits": lim.key_label(k),
                   "history": key_words(k, dim)}
        assert set(screens.values()) == {keys[k]}, (k, screens)
    for b in BASES:
        screens = {"concentration": conc.label(conc.BASIS_LABELS, b), "limits": dialog_bases[b],
                   "limits table": lim.basis_label(b)}
        assert set(screens.values()) == {bases[b]}, (b, screens)
    # a limit that cannot be measured reads as in the reports' status column, on the limits screen too
    assert lim.status_label("no_basis") == (report_format.STATUS_WORDS["no_basis"] if language == "zh_CN"
                                            else "Cannot be measured")


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_an_unidentified_industry_or_region_reads_as_the_report_prints_it(language):
    """UNKNOWN under industry and region is 未识别（穿透后无法识别） in the report's tables; the concentration screen
    named it as the unknown counterparty (未识别底层资产…) there."""
    from ui.concentration.view import SnapshotView

    i18n.set_language(language)
    lang = i18n.wording_lang()
    # key_name of a fixed key reads nothing of the loaded snapshot: no view data is needed for these keys
    view = object.__new__(SnapshotView)
    for dimension, report_words in (("industry", paper.INDUSTRIES), ("region", paper.REGIONS),
                                    ("premium_region", paper.REGIONS)):
        expected_words = report_words["UNKNOWN"] if lang == "zh" else codes.UNKNOWN_NAME["en"]
        assert view.key_name(dimension, "UNKNOWN") == expected_words, dimension
    assert view.key_name("counterparty", "UNKNOWN") == (paper.UNKNOWN_COUNTERPARTY if lang == "zh"
                                                        else codes.key_name("UNKNOWN", "en"))


@pytest.fixture
def screen_on(screen_on_session, db):
    """`screen_on(Screen)`: a screen on its own session over a copy of the demo history, shown and loaded."""
    return lambda screen_class: screen_on_session(screen_class, db)


@pytest.fixture
def register(screen_on):
    """The breach register on a copy of the demo history, one case selected (the editor lists the causes)."""
    from ui.breaches.screen import BreachesScreen

    def open_register():
        screen = screen_on(BreachesScreen)
        screen.select_case(screen.model.cases[0].id)
        return screen

    return open_register


def combo_words(combo) -> dict:
    return {combo.itemData(i): combo.itemText(i) for i in range(combo.count()) if combo.itemData(i)}


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_register_words_every_state_and_cause_as_the_report(register, language):
    """The breach register names a case's state and cause as the semiannual report prints them (the paper is
    the record): every state in the state filter and the table, every cause in the editor's choice and in
    the table once recorded through the editor. The register said 待处理 for 已登记, 市场波动 for 市场变动, 新增业务 for 新增业务或投资
    and 其他 for 其他原因. In English, wording.codes' English (the reports are Chinese only)."""
    from core.services.cases import CAUSES, STATES
    from ui.breaches.models import CasesModel

    i18n.set_language(language)
    lang = i18n.wording_lang()
    states = paper.CASE_STATES if lang == "zh" else codes.words(codes.CASE_STATES, "en")
    causes = paper.CAUSES if lang == "zh" else codes.words(codes.CASE_CAUSES, "en")
    assert set(states) == set(STATES) and set(causes) == set(CAUSES)
    assert len(set(states.values())) == len(STATES) and len(set(causes.values())) == len(CAUSES)
    screen = register()
    shown_states = combo_words(screen.state_filter)
    assert {s: shown_states[s] for s in STATES} == states
    assert combo_words(screen.editor.cause) == causes
    model = screen.model
    for row, case in enumerate(model.cases):
        assert model.index(row, CasesModel.STATE).data() == states[case.state], case.id
        if case.cause:
            assert model.index(row, CasesModel.CAUSE).data() == causes[case.cause], case.id
    # each cause the officer records through the editor reads in the table as on paper
    screen.confirm_record = lambda case, lines: True          # the confirmation dialog answered "yes"
    case_id = next(c.id for c in model.cases if c.state != "closed")
    for cause in CAUSES:
        screen.select_case(case_id)
        screen.editor.cause.setCurrentIndex(screen.editor.cause.findData(cause))
        screen.editor.comment.setPlainText(f"原因：{cause}")
        screen.editor.record_button.click()
        assert model.index(model.row_of(case_id), CasesModel.CAUSE).data() == causes[cause], cause


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_major_event_kind_reads_on_home_as_in_the_report(qtbot, language):
    """A major event's kind in the home screen's record form and its records table reads as the disclosure
    prints it (wording.codes.EVENT_KINDS, one table): home said 超限 / 评级下调 / 其他 where the report said
    超过集中度限额 / 交易对手评级下调 / 其他重大集中度风险事件; 区域性巨灾 is governance.md's "regional catastrophe"."""
    from core.governance.records import EVENT_KINDS, KINDS
    from ui.home.forms import RecordDialog
    from ui.home.models import value_text

    i18n.set_language(language)
    lang = i18n.wording_lang()
    kinds = paper.EVENT_KINDS if lang == "zh" else codes.words(codes.EVENT_KINDS, "en")
    assert set(kinds) == set(EVENT_KINDS) and len(set(kinds.values())) == len(EVENT_KINDS)
    dialog = RecordDialog("major_event", "风险管理部 王敏")
    qtbot.addWidget(dialog)
    assert combo_words(dialog.widgets["event_kind"]) == kinds
    assert {k: value_text("major_event", "event_kind", k) for k in EVENT_KINDS} == kinds
    # "other" of a policy or a report is not an event's: each field keeps its own word
    assert KINDS["policy"].field("doc_kind").choices[-1] == "other"
    assert value_text("policy", "doc_kind", "other") != kinds["other"]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_rating_rules_source_reads_on_screen_as_in_the_rating_report(qtbot, wait_ops, tmp_path, language):
    """The rating screen's rule trace names each rule's source as the rating report's trace table does (the
    screen said 本方判断 / 规章原文 where the report says 本工具判断 / 规章条文), and a dimension's tooltip names
    its source in words, not by its tag ("Source: article"). English: wording.codes' English."""
    from PySide6.QtCore import Qt

    from core.rating.rulebook import SOURCE_TAGS
    from reports.builders import rating as rating_report
    from tests.conftest import ROOT
    from ui.rating.screen import RatingScreen
    from ui.session import Session

    i18n.set_language(language)
    lang = i18n.wording_lang()

    def paper_source(tag):
        return rating_report._source(tag) if lang == "zh" else codes.source_name(tag, "en")

    session = Session(tmp_path / "history.sqlite", user="王芳")
    session.open_store()
    wait_ops()
    try:
        screen = RatingScreen(session)
        qtbot.addWidget(screen)
        screen.resize(1400, 900)
        screen.show()
        screen.import_file(ROOT / "resources" / "demo" / "rating-2024.json")
        wait_ops()
        model = screen.trace.trace_model
        assert model.rowCount() > 0
        for row, trace in enumerate(model.row_data):
            assert model.index(row, 4).data() == paper_source(trace.source), trace.rule
        tree = screen.inputs.score_model
        for row, dim in enumerate(tree.dims):
            tip = tree.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
            if tree.rulebook.dimension(dim.key) is not None:      # not an element the officer added
                assert tip.endswith(paper_source(dim.source)), (dim.key, tip)
        words = {t: screen.trace.source_tag(t) for t in SOURCE_TAGS}
        assert words == {t: paper_source(t) for t in SOURCE_TAGS}
        assert len(set(words.values())) == len(SOURCE_TAGS)
    finally:
        session.close()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_report_kind_reads_on_screen_as_its_title_on_paper(qtbot, db, language):
    """A report's kind reads as the title the PDF prints: on the history screen (which said 监管评级自评报告
    for 监管评级自评估报告 and showed annual_chapter as its code) and in the home screen's board-opinion and
    submission forms (半年度报告, 季度统计, …). English: wording.codes' English."""
    from core.governance.records import KINDS, REPORT_KINDS
    from core.store import Store
    from reports.builders import annual_chapter, quarterly, rating, semiannual
    from reports.builders.disclosure import build_disclosure_report
    from ui.home.forms import RecordDialog

    with Store.open(db) as store:
        disclosure_title = build_disclosure_report(store, "2025").title
    titles = {"semiannual": semiannual.TITLE, "quarterly": quarterly.TITLE, "annual_chapter": annual_chapter.TITLE,
              "rating": rating.TITLE, "disclosure": disclosure_title.removeprefix("2025年度")}
    assert codes.words(codes.REPORT_KINDS, "zh") == titles
    i18n.set_language(language)
    lang = i18n.wording_lang()
    kinds = codes.words(codes.REPORT_KINDS, lang)
    assert {k: hist.label(hist.REPORT_KINDS, k) for k in kinds} == kinds
    for record in ("board_opinion", "submission"):
        assert KINDS[record].field("report_kind").choices == REPORT_KINDS
        dialog = RecordDialog(record, "风险管理部 王敏")
        qtbot.addWidget(dialog)
        shown = combo_words(dialog.widgets["report_kind"])
        assert {k: shown[k] for k in kinds} == kinds and shown["other"] not in kinds.values()


def test_a_period_reads_in_the_reports_screens_file_names_as_on_paper():
    """The reports screen names a report's file by its period in the words the report prints on its cover
    (2025年上半年…): it had its own copy of the half-year and quarter words."""
    from ui.reports.kinds import default_file_name

    for period in ("2025H1", "2025H2", "2025Q1", "2025Q2", "2025Q3", "2025Q4", "2025", "2025M06"):
        assert default_file_name("semiannual", period, "pdf").startswith(report_format.period_label(period)), period
    assert report_format.period_label("2025H2") == "2025年下半年" and report_format.period_label("2025Q3") == "2025年第三季度"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_reports_screen_offers_each_kind_by_its_title_on_paper(screen_on, db, language):
    """The reports screen's kind choice and its past reports table name a kind as the history screen and the
    PDF's title do (it said 半年度集中度风险报告 / 季度指标统计表 / 年度信息披露)."""
    from core.store import Store
    from ui.reports.screen import ReportsScreen

    i18n.set_language(language)
    kinds = codes.words(codes.REPORT_KINDS, i18n.wording_lang())
    with Store.open(db) as store:                   # one report of each kind on record, as if generated
        for kind in kinds:
            store.record_report(kind, "2025", None, {}, "0" * 64, None, "风险管理部 王芳")
    screen = screen_on(ReportsScreen)
    assert combo_words(screen.kind_combo) == kinds
    assert {k: hist.label(hist.REPORT_KINDS, k) for k in kinds} == kinds
    model = screen.past_model
    assert model.rowCount() == len(kinds)
    for row in range(model.rowCount()):
        record = model.rows[row].record
        assert model.index(row, model.column("kind")).data() == kinds[record.kind], record.kind


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_journal_words_a_case_event_as_the_register(db, language):
    """The history screen's journal details of a breach-case event name its state, cause and status in the
    register's (the reports') words, not by their codes (it showed "state: reported; cause: market_movement")."""
    from core.services.cases import record_event
    from core.store import Store

    i18n.set_language(language)
    lang = i18n.wording_lang()
    with Store.open(db) as store:
        case = next(c for c in store.list_cases() if c.state == "open")
        record_event(store, case.id, "风险管理部 王敏", state="reported", cause="new_business")
        entry = store.list_journal("breach_case", case.id)[-1]
    text = hist.payload_text(entry.payload)
    assert codes.words(codes.CASE_STATES, lang)["reported"] in text
    assert codes.words(codes.CASE_CAUSES, lang)["new_business"] in text
    assert "reported" not in text.replace("Reported", "") and "new_business" not in text


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_an_officers_text_reads_on_both_screens_as_the_reports_section(screen_on, language):
    """The reports screen's tab for an officer's text and the history screen's texts table name it as the
    report's section does: 结论与建议, 本期治理与职责履行情况, 其他需要说明的事项 (history said 半年度评估结论 and
    年度披露文本, the reports screen 披露说明)."""
    from reports.builders import disclosure
    from ui.reports.screen import ReportsScreen

    i18n.set_language(language)
    names = codes.words(codes.TEXT_KINDS, i18n.wording_lang())
    assert codes.TEXT_KINDS["disclosure_text"][0] == disclosure.OTHER_MATTERS
    screen = screen_on(ReportsScreen)
    shown = {}
    for kind, texts in (("semiannual", ("semiannual_conclusions", "semiannual_governance")),
                        ("disclosure", ("disclosure_text",))):
        screen.set_kind(kind)
        shown.update(zip(texts, (screen.text_tabs.tabText(i) for i in range(len(texts)))))
    assert shown == names
    assert {k: hist.label(hist.TEXT_KINDS, k) for k in names} == names


@pytest.mark.parametrize("language, words", [("zh_CN", "董事会审议情况"), ("en", "Board's review")])
def test_the_legacy_free_text_approval_is_named_on_the_history_screen_as_the_report_heads_it(language, words):
    """A disclosure_approval text (the board's approval as free text, before approvals were records) is listed
    by the history screen under the heading a regenerated disclosure prints it with, not as its code."""
    import inspect

    from reports.builders import disclosure

    i18n.set_language(language)
    assert hist.label(hist.TEXT_KINDS, "disclosure_approval") == words
    heading = codes.text_kind_name("disclosure_approval", "zh")
    assert f'Note(approval, title="{heading}")' in inspect.getsource(disclosure.build_disclosure_report)
