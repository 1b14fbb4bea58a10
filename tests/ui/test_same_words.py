"""The same code reads the same on every screen and on paper: the words of each dimension, asset-class and
overseas key, special key (UNKNOWN, "*") and basis on the concentration, limits and history screens equal the
words the PDF reports print (reports.builders.names) in Chinese, and wording's English in English."""
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
    assert lim.status_label("no_basis") == (report_format.STATUS_WORDS["no_basis"] if language == "zh_CN" else "No basis")


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


def test_a_breach_case_state_reads_on_screen_as_in_the_report():
    """The breach register (and home, which borrows its words) names a case's state as the semiannual report's
    case table prints it: the open state is 已登记 on paper, and was 待处理 on screen."""
    from PySide6.QtCore import QCoreApplication

    from ui.breaches.models import CTX, STATE_LABELS

    i18n.set_language("zh_CN")
    for state, source in STATE_LABELS.items():
        assert QCoreApplication.translate(CTX, source) == paper.CASE_STATES[state], state
        # the paper's words are wording.codes' (one table), whose English is the register's
        assert codes.CASE_STATES[state] == (paper.CASE_STATES[state], source), state
