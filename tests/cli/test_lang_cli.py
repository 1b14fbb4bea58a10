"""The command line speaks the interface language (issue 16): Chinese by default, as the GUI, English with
`--lang en`, for every message `import`, `concentration` and `rate` print; --json output is the same in both.
And `template OUT.xlsx` writes the import template."""
from __future__ import annotations

import json
import shutil

import openpyxl

from tests.cli.runner import run_cli, run_subprocess
from tests.conftest import EXAMPLES

SMALL = EXAMPLES / "small-group"
RATING = EXAMPLES / "rating"


def spoiled(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(SMALL, folder)
    text = (folder / "exposures.csv").read_text(encoding="utf-8").splitlines()
    cells = text[2].split(",")
    cells[7] = "lots"                                    # amount of E02, row 3
    text[2] = ",".join(cells)
    (folder / "exposures.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    return folder


def test_import_problems_are_chinese_by_default_english_on_request(tmp_path):
    folder = spoiled(tmp_path)
    zh = run_cli("import", folder, "--db", tmp_path / "h.sqlite3")
    assert zh.returncode == 2 and zh.stdout == ""
    assert zh.stderr.strip() == "exposures.csv，第 3 行，列 amount：不是数字：'lots'"
    en = run_cli("import", folder, "--db", tmp_path / "h.sqlite3", "--lang", "en")
    assert en.returncode == 2 and en.stderr.strip() == "exposures.csv, row 3, column amount: not a number: 'lots'"
    assert not (tmp_path / "h.sqlite3").exists()


def test_import_summary_in_chinese(tmp_path):
    p = run_cli("import", SMALL, "--db", tmp_path / "h.sqlite3", "--user", "李四")
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("已存储快照 1（数据截至 2025-06-30，导入人 李四）")
    assert "超限 2 项，预警 4 项，正常 3 项" in p.stdout and "超限登记簿" in p.stdout
    again = run_cli("import", SMALL, "--db", tmp_path / "h.sqlite3")
    assert again.returncode == 2 and "相同的数据已存储为快照 1" in again.stderr and "--allow-same-date" in again.stderr


def test_concentration_json_is_the_same_in_both_languages_and_the_table_follows_lang():
    zh, en = run_cli("concentration", SMALL, "--json"), run_cli("concentration", SMALL, "--json", "--lang", "en")
    assert zh.returncode == en.returncode == 0
    assert json.loads(zh.stdout) == json.loads(en.stdout)
    table = run_cli("concentration", SMALL)
    assert table.stdout.startswith("数据截至 2025-06-30：限额 9 项，超限 2 项，预警 4 项")
    assert "超限" in table.stdout and "breach" not in table.stdout and "集中度指数" in table.stdout


def test_concentration_warnings_follow_lang(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(SMALL, folder)
    lines = (folder / "group.csv").read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("100000000000", "60000000000", 1)     # group total far below the members'
    (folder / "group.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    zh, en = run_cli("concentration", folder, "--json"), run_cli("concentration", folder, "--json", "--lang", "en")
    assert zh.returncode == en.returncode == 0 and zh.stdout == en.stdout
    assert zh.stderr.startswith("警告：group.csv，第 2 行") and en.stderr.startswith("warning: group.csv, row 2")


def test_rate_summary_in_chinese_json_unchanged():
    zh = run_cli("rate", RATING / "life-aggressive-growth.json")
    assert zh.returncode == 0 and "基础等级 3 → 最终等级 4" in zh.stdout and "监管措施" in zh.stdout
    assert "base level" not in zh.stdout
    a = json.loads(run_cli("rate", RATING / "life-aggressive-growth.json", "--json").stdout)
    b = json.loads(run_cli("rate", RATING / "life-aggressive-growth.json", "--json", "--lang", "en").stdout)
    assert a == b


def test_rate_problems_in_chinese(tmp_path):
    f = tmp_path / "bad.json"
    f.write_text(json.dumps({"rulebook": "life-2024", "dimension_scores": {"governance": 88}}), encoding="utf-8")
    p = run_cli("rate", f, "--json")
    assert p.returncode == 2 and p.stdout == "" and "bad.json" in p.stderr and "字段" in p.stderr


def test_template_command_writes_the_workbook(tmp_path):
    out = tmp_path / "模板.xlsx"
    p = run_subprocess("template", out)                  # what a user types
    assert p.returncode == 0, p.stderr
    assert str(out) in p.stdout and "导入模板" in p.stdout
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["说明", "集团", "成员", "交易对手", "风险暴露", "限额", "业务"]
    en = run_cli("template", tmp_path / "template.xlsx", "--lang", "en")
    assert en.returncode == 0
    assert openpyxl.load_workbook(tmp_path / "template.xlsx").sheetnames[:3] == ["Instructions", "group", "members"]
    bad = run_cli("template", tmp_path / "t.csv")
    assert bad.returncode == 2 and ".xlsx" in bad.stderr and "Traceback" not in bad.stderr
    folder = run_cli("template", tmp_path / "missing" / "t.xlsx")
    assert folder.returncode == 2 and "无法写入" in folder.stderr


def test_cannot_grade_keeps_its_contract_lead_in_chinese():
    """docs/interfaces.md: the message starts "cannot grade: " — scripts read it, so in every language."""
    p = run_cli("rate", RATING / "life-typical.json", "--json", "--rulebook", "unified-2025")
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr.startswith("cannot grade: 无法评级：") and "life-typical.json" in p.stderr


def test_cannot_grade_in_chinese_has_no_english_words():
    """Core says what is missing as a code (weights, brackets, weights_and_brackets); the sentence is the
    wording's, so the Chinese line names 要素权重 and 分数分档, not "weights and brackets"."""
    p = run_cli("rate", RATING / "life-typical.json", "--rulebook", "unified-2025")
    line = p.stderr.splitlines()[0]
    assert p.returncode == 2 and line.startswith("cannot grade: 无法评级：")
    assert "要素权重和分数分档" in line and " and " not in line
    en = run_cli("rate", RATING / "life-typical.json", "--rulebook", "unified-2025", "--lang", "en")
    assert "the weights and brackets of rulebook unified-2025" in en.stderr.splitlines()[0]


def test_a_sheet_too_long_is_named_as_a_sheet(tmp_path):
    """A workbook whose exposures sheet declares 10,000,000 rows: the Chinese line names the sheet the way
    every workbook problem does (book.xlsx[sheet]), never 列 exposures."""
    import zipfile

    src = tmp_path / "ok.xlsx"
    assert run_cli("template", src, "--lang", "en").returncode == 0
    big = tmp_path / "big.xlsx"
    xml = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
           b'spreadsheetml/2006/main"><dimension ref="A1:K10000000"/><sheetData/></worksheet>')
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as zout:
        names = openpyxl.load_workbook(src).sheetnames
        part = f"xl/worksheets/sheet{names.index('exposures') + 1}.xml"
        for info in zin.infolist():
            zout.writestr(info.filename, xml if info.filename == part else zin.read(info.filename))
    p = run_cli("import", big, "--db", tmp_path / "h.sqlite3")
    assert p.returncode == 2 and not (tmp_path / "h.sqlite3").exists()
    assert p.stderr.startswith("big.xlsx[exposures]：工作簿过大：解压后为 10,000,000 行"), p.stderr
    assert "列" not in p.stderr


NOTES = 11    # lines of notes above the header of exposures.csv: the header is on row 12, below the rows searched


def noted(tmp_path):
    folder = tmp_path / "noted"
    shutil.copytree(SMALL, folder)
    (folder / "expected.json").unlink()
    path = folder / "exposures.csv"
    path.write_text("".join(f"说明 {i}\n" for i in range(1, NOTES + 1)) + path.read_text(encoding="utf-8"),
                    encoding="utf-8")
    return folder


def test_header_row_option_reads_a_header_below_the_rows_searched(tmp_path):
    folder = noted(tmp_path)
    lost = run_cli("concentration", folder, "--json")
    assert lost.returncode == 2 and lost.stdout == ""
    # after the problems, how to say where the header is
    assert lost.stderr.splitlines()[-1] == '如果 exposures.csv 的表头不在第 1 行：加 --header-row "exposures.csv=行号" 重新运行'
    given = run_cli("concentration", folder, "--json", "--header-row", f"exposures.csv={NOTES + 1}")
    assert given.returncode == 0, given.stderr
    assert json.loads(given.stdout) == json.loads(run_cli("concentration", SMALL, "--json").stdout)
    # problems below the header keep the file's row numbers
    lines = (folder / "exposures.csv").read_text(encoding="utf-8").splitlines()
    cells = lines[NOTES + 2].split(",")
    cells[7] = "lots"
    lines[NOTES + 2] = ",".join(cells)
    (folder / "exposures.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    bad = run_cli("import", folder, "--db", tmp_path / "h.sqlite3", "--header-row", f"exposures={NOTES + 1}",
                  "--lang", "en")
    assert bad.returncode == 2 and bad.stderr.strip() == f"exposures.csv, row {NOTES + 3}, column amount: not a number: 'lots'"


def test_header_row_option_mistakes_are_said(tmp_path):
    folder = noted(tmp_path)
    typo = run_cli("import", folder, "--db", tmp_path / "h.sqlite3", "--header-row", "exposure.csv=12")
    assert typo.returncode == 2 and not (tmp_path / "h.sqlite3").exists()
    assert "exposure.csv：为此文件指定了表头行，但没有读取这样的文件或工作表" in typo.stderr
    assert "exposures.csv" in typo.stderr
    form = run_cli("import", folder, "--db", tmp_path / "h.sqlite3", "--header-row", "exposures.csv")
    assert form.returncode == 2 and form.stderr.startswith("--header-row 'exposures.csv'：应写作 文件=行号")
    past = run_cli("concentration", folder, "--header-row", "exposures.csv=500", "--lang", "en")
    assert past.returncode == 2 and "exposures.csv: the header cannot be on row 500: the file has only" in past.stderr


def test_header_row_option_names_a_workbook_sheet(tmp_path):
    import csv

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name in ("group", "members", "counterparties", "exposures", "limits"):
        ws = wb.create_sheet("风险暴露" if name == "exposures" else name)
        if name == "exposures":
            for i in range(NOTES):
                ws.append([f"说明 {i + 1}"])
        with open(SMALL / f"{name}.csv", encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                ws.append(row)
    book = tmp_path / "book.xlsx"
    wb.save(book)
    assert run_cli("concentration", book, "--json").returncode == 2
    for key in ("风险暴露", "book.xlsx[风险暴露]", "exposures"):
        p = run_cli("concentration", book, "--json", "--header-row", f"{key}={NOTES + 1}")
        assert p.returncode == 0, p.stderr


def test_report_duties_and_demo_speak_chinese_and_keep_their_contract_lines(demo_db, tmp_path):
    bad = run_cli("report", "semiannual", "--db", demo_db, "--period", "2025", "--out", tmp_path / "x.pdf")
    assert bad.returncode == 2
    assert bad.stderr.strip() == "--period '2025'：集中度风险半年度评估报告需要半年度期间（YYYYH1 或 YYYYH2）"
    out = tmp_path / "d.pdf"
    done = run_cli("report", "disclosure", "--db", demo_db, "--period", "2025", "--out", out)
    assert done.returncode == 0, done.stderr
    receipt, approval = done.stdout.splitlines()
    # docs/interfaces.md: the receipt line is read by scripts, the same in every language
    import re
    assert re.fullmatch(rf"{re.escape(str(out))}: disclosure report for 2025 \(as of 2025-06-30\), sha256 [0-9a-f]{{64}}, "
                        r"recorded as report \d+", receipt)
    assert approval.startswith("draft: 草稿：文本是董事会审议通过的") and "不是年末数据" in approval
    duties = run_cli("duties", "--db", demo_db, "--today", "2025-07-15")
    assert duties.returncode == 0
    assert "已完成" in duties.stdout and "半年度集中度风险评估及董事会报告 2025H1" in duties.stdout
    assert "done" not in duties.stdout and "semiannual_report" not in duties.stdout
    assert run_cli("duties", "--db", demo_db, "--today", "2025-07-15", "--json").stdout == \
        run_cli("duties", "--db", demo_db, "--today", "2025-07-15", "--json", "--lang", "en").stdout
    assert run_cli("duties", "--demo", "--today", "15/07/2025").stderr.strip() == \
        "--today '15/07/2025'：不是 YYYY-MM-DD 格式的日期"
    demo = run_cli("demo", "--out", tmp_path / "demo", "--no-previous")
    assert demo.returncode == 0 and demo.stdout.startswith("演示集团数据已写入")
    again = run_cli("demo", "--db", demo_db)
    assert again.returncode == 2 and "文件已存在" in again.stderr


def test_db_verify_and_backup_speak_chinese_by_default_english_on_request(demo_db, tmp_path):
    zh = run_cli("db", "verify", demo_db)
    assert zh.returncode == 0, zh.stdout + zh.stderr
    assert f"{demo_db}：历史校验通过" in zh.stdout and "verifies" not in zh.stdout, zh.stdout
    en = run_cli("db", "verify", demo_db, "--lang", "en")
    assert en.returncode == 0 and "the history verifies" in en.stdout
    copy = tmp_path / "copy.sqlite3"
    done = run_cli("db", "backup", demo_db, copy)
    assert done.returncode == 0 and done.stdout.startswith(f"备份已写入 {copy}"), done.stdout
    again = run_cli("db", "backup", demo_db, copy)
    assert again.returncode == 2 and "文件已存在" in again.stderr and "Traceback" not in again.stderr
    # --json stays the same whatever the language
    j_zh = run_cli("db", "verify", demo_db, "--json")
    j_en = run_cli("db", "verify", demo_db, "--json", "--lang", "en")
    assert json.loads(j_zh.stdout) == json.loads(j_en.stdout)


def test_demo_db_refuses_a_team_database_url_with_a_sentence():
    r = run_cli("demo", "--db", "postgresql://officer:secret@/riskdesk")
    assert r.returncode == 2 and "db copy" in r.stderr and "本地文件" in r.stderr, r.stderr
    assert "secret" not in r.stderr and "postgresql://officer@/riskdesk" in r.stderr and "Traceback" not in r.stderr
