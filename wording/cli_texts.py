"""The sentences the command line prints for people (`import`, `concentration`, `rate`, `template`, `report`,
`duties`, `demo`, `db`), in Chinese (the default, as the GUI) and English (`--lang en`).

`--json` output stays language-neutral (codes and numbers; the `because` and `reason` texts the contract
says are English stay English); what these sentences say goes to stdout for people and to stderr for
problems and warnings. `say(key, lang, **fields)` fills a template with `str.format`.
"""
from __future__ import annotations

from typing import Any

from wording.codes import REPORT_KINDS

CLI_LANGS = ("zh", "en")

TEXTS: dict[str, dict[str, str]] = {
    # db (verify, backup, copy, init-team, grant)
    "db_not_url": {"en": "{url}: not a postgresql:// URL (the team database)",
                   "zh": "{url}：不是 postgresql:// 地址（团队数据库）"},
    "db_cannot_open": {"en": "{where}: cannot open ({code}: {reason})", "zh": "{where}：无法打开（{code}：{reason}）"},
    "team_ready": {"en": "team database ready: schema v{version}, roles {roles}",
                   "zh": "团队数据库已就绪：结构版本 v{version}，数据库角色 {roles}"},
    "team_next": {"en": "next: create a login per person (CREATE ROLE name LOGIN PASSWORD ...), then "
                        "`db grant URL LOGIN ROLE`",
                  "zh": "下一步：为每人创建数据库登录名（CREATE ROLE 名称 LOGIN PASSWORD ...），"
                        "再运行 `db grant URL 登录名 角色`"},
    "team_not_set_up": {"en": "this database is not set up for a team yet: run `db init-team URL` first",
                        "zh": "该数据库尚未设置为团队数据库：请先运行 `db init-team URL`"},
    "no_such_login": {"en": "{login}: no such login on the server (the administrator creates it: "
                            "CREATE ROLE {login} LOGIN PASSWORD ...)",
                      "zh": "{login}：服务器上没有这个登录名（由管理员创建：CREATE ROLE {login} LOGIN PASSWORD ...）"},
    "cannot_grant": {"en": "cannot grant {role} to {login}: {code} {detail}",
                     "zh": "无法将角色 {role} 授予 {login}：{code} {detail}"},
    "granted": {"en": "{login}: {role}{member} (on record, #{id})", "zh": "{login}：{role}{member}（已登记，#{id}）"},
    "granted_member": {"en": " of {member}", "zh": "（成员公司 {member}）"},
    "not_copied": {"en": "{path}: the history does not verify; it is not copied",
                   "zh": "{path}：该历史数据库校验未通过，未复制"},
    "cannot_read": {"en": "{path}: cannot read ({reason})", "zh": "{path}：无法读取（{reason}）"},
    "cannot_copy": {"en": "cannot copy into {url}: {reason}", "zh": "无法复制到 {url}：{reason}"},
    "rows_copied": {"en": "{rows} rows copied into {url}", "zh": "已复制 {rows} 行到 {url}"},
    "also": {"en": "  also: {text}", "zh": "  另：{text}"},
    "backup_exists": {"en": "{out}: the file exists already; a backup never overwrites a file (choose a new name)",
                      "zh": "{out}：文件已存在；备份从不覆盖已有文件（请另取文件名）"},
    "no_folder": {"en": "{out}: the folder {folder} does not exist", "zh": "{out}：文件夹 {folder} 不存在"},
    "no_db_file": {"en": "{path}: no such database file", "zh": "{path}：没有这个数据库文件"},
    "cannot_back_up": {"en": "{path}: cannot back up ({reason})", "zh": "{path}：无法备份（{reason}）"},
    "cannot_write_backup": {"en": "{out}: cannot write the backup ({reason})", "zh": "{out}：无法写入备份（{reason}）"},
    "backup_written": {"en": "backup written to {out}", "zh": "备份已写入 {out}"},
    # every command
    "more_problems": {"en": "... and {n} more problems", "zh": "……另有 {n} 个问题"},
    "database_unusable": {"en": "{path}: the database cannot be used ({code})", "zh": "{path}：无法使用该数据库（{code}）"},
    # import and concentration: the header row of a file (--header-row)
    "bad_header_row": {"en": "--header-row {value!r}: write FILE=N, e.g. exposures.csv=3 (N: the row of the header, 1 or more)",
                       "zh": "--header-row {value!r}：应写作 文件=行号，例如 exposures.csv=3（行号为表头所在行，从 1 起）"},
    "header_row_hint": {"en": "if the header of {file} is on another row than {row}: --header-row \"{file}=N\"",
                        "zh": "如果 {file} 的表头不在第 {row} 行：加 --header-row \"{file}=行号\" 重新运行"},
    # import
    "stored": {"en": "snapshot {id} stored (as of {as_of}, by {user})",
               "zh": "已存储快照 {id}（数据截至 {as_of}，导入人 {user}）"},
    "governed_approved": {"en": "the approved limit set", "zh": "已审批的限额"},
    "governed_data": {"en": "the data's own limits (not approved)", "zh": "数据自带、未经审批的限额"},
    "limit_counts": {"en": "limits ({governed}): {breach} breach, {warning} warning, {ok} ok",
                     "zh": "限额（{governed}）：超限 {breach} 项，预警 {warning} 项，正常 {ok} 项"},
    "limit_counts_unmeasured": {"en": ", {n} cannot be measured", "zh": "，无法计量 {n} 项"},
    "proposal_recorded": {"en": "the data's limits.csv differs from the approved set: recorded as proposal {id}",
                          "zh": "数据中的限额与已审批的限额不同：已记录为限额提案 {id}"},
    "cases": {"en": "breach register: {opened} case(s) opened, {seen} open case(s) seen again",
              "zh": "超限登记簿：新开案件 {opened} 件，再次出现的未结案件 {seen} 件"},
    "same_date_who": {"en": "imported {date} by {who}", "zh": "{date} 由 {who} 导入"},
    "same_data": {"en": "the same data is stored already as snapshot {id} ({who})",
                  "zh": "相同的数据已存储为快照 {id}（{who}）"},
    "same_as_of": {"en": "snapshot {id} ({who}) has the same as-of date {as_of}",
                   "zh": "快照 {id}（{who}）的数据截至日期同为 {as_of}"},
    "same_date_refused": {"en": "{db}: nothing stored: {what}; reports of the period would use only the newer one. "
                                "Withdraw the old snapshot first, or import again with --allow-same-date to keep both.",
                          "zh": "{db}：未存储任何内容：{what}；该期间的报告只会使用较新的一个。"
                                "请先撤回旧快照，或加 --allow-same-date 重新导入以同时保留两者。"},
    # concentration
    "as_of_counts": {"en": "as of {as_of}: {limits} limits, {breach} breach, {warning} warning",
                     "zh": "数据截至 {as_of}：限额 {limits} 项，超限 {breach} 项，预警 {warning} 项"},
    "table_headings": {"en": "limit|dimension|scope|key|exposure|ratio|warning|limit|status",
                       "zh": "限额|维度|范围|对象|风险暴露|比例|预警值|限额值|状态"},
    "more_flagged": {"en": " (+{n} more)", "zh": "（另有 {n} 项）"},
    "allocation": {"en": "allocation: {limit_id} allocates {allocated} of {available}",
                   "zh": "分配：{limit_id} 分配了 {allocated}，可分配 {available}"},
    "indices_title": {"en": "indices (group, after intra-group elimination):", "zh": "集中度指数（集团，抵销集团内部后）："},
    "index_line": {"en": "  {dim}: HHI {hhi}, top1 {top1}, top5 {top5}, top10 {top10}, Gini {gini}, Shannon {shannon}",
                   "zh": "  {dim}：HHI {hhi}，前一大 {top1}，前五大 {top5}，前十大 {top10}，基尼系数 {gini}，香农指数 {shannon}"},
    # rate
    "company_not_named": {"en": "(company not named)", "zh": "（未写公司名称）"},
    "rulebook_line": {"en": "rulebook {id} {version} ({doc})", "zh": "评级规则 {id} {version}（{doc}）"},
    "weighted_line": {"en": "weighted {weighted}{esg} = composite {composite}",
                      "zh": "加权得分 {weighted}{esg} = 综合得分 {composite}"},
    "levels_line": {"en": "base level {base} -> final level {final}", "zh": "基础等级 {base} → 最终等级 {final}"},
    "boundary_line": {"en": "boundary note: {text}", "zh": "临界提示：{text}"},
    "no_rule_holds": {"en": "  no adjustment rule holds", "zh": "  没有触发任何调整规则"},
    "measures_title": {"en": "measures:", "zh": "监管措施："},
    "improve_title": {"en": "what would it take:", "zh": "如何提升评级："},
    "rulebook_option": {"en": "--rulebook: {text}", "zh": "--rulebook：{text}"},
    # template
    "template_written": {"en": "import template written to {path}: fill in one sheet per data file, then "
                               "`python main.py import {path} --db PATH`",
                         "zh": "导入模板已写入 {path}：每个数据文件填一个工作表，然后运行 "
                               "`python main.py import {path} --db PATH`"},
    "cannot_write": {"en": "{path}: cannot write: {reason}", "zh": "{path}：无法写入：{reason}"},
    "not_xlsx": {"en": "{path}: the template is a workbook: give a file name ending in .xlsx",
                 "zh": "{path}：模板是 Excel 工作簿，文件名须以 .xlsx 结尾"},
    # report (the receipt line `FILE: KIND report for PERIOD (as of DATE), sha256 HEX, recorded as report N` is a
    # contract scripts read, docs/interfaces.md: the same in both languages; so are the leads `final: `/`draft: `)
    "period_out_of_range": {"en": "--period {period!r}: out of range", "zh": "--period {period!r}：超出范围"},
    "period_not_a_code": {"en": "--period {period!r}: not a period code (YYYY, YYYYH1/H2, YYYYQ1-Q4)",
                          "zh": "--period {period!r}：不是期间代码（YYYY、YYYYH1/H2、YYYYQ1-Q4）"},
    "period_wrong_kind": {"en": "--period {period!r}: the {kind} report needs {expected}",
                          "zh": "--period {period!r}：{kind}需要{expected}"},
    "period_kind_H": {"en": "a half-year (YYYYH1 or YYYYH2)", "zh": "半年度期间（YYYYH1 或 YYYYH2）"},
    "period_kind_Q": {"en": "a quarter (YYYYQ1 to YYYYQ4)", "zh": "季度期间（YYYYQ1 至 YYYYQ4）"},
    "period_kind_Y": {"en": "a year (YYYY)", "zh": "年度期间（YYYY）"},
    # a report's kind: in Chinese its title on paper (wording.codes.REPORT_KINDS), in English the command's word
    **{f"report_kind_{kind}": {"en": kind, "zh": names[0]} for kind, names in REPORT_KINDS.items()},
    "no_snapshot": {"en": "--period {period}: no stored snapshot has an as-of date from {start} to {end} (import the "
                          "data of that period first)",
                    "zh": "--period {period}：没有数据截至日期在 {start} 至 {end} 之间的已存储快照（请先导入该期间的数据）"},
    "no_evaluation": {"en": "snapshot {snapshot_id} has no stored evaluation", "zh": "快照 {snapshot_id} 没有已存储的评估结果"},
    "no_assessment": {"en": "--period {period}: no rating self-assessment is stored for that period",
                      "zh": "--period {period}：该期间没有已存储的监管评级自评估"},
    "unwritable_out": {"en": "--out {path}: cannot write the file ({reason})", "zh": "--out {path}：无法写入该文件（{reason}）"},
    "out_no_such_folder": {"en": "its folder does not exist", "zh": "所在文件夹不存在"},
    "out_is_a_directory": {"en": "it is a folder", "zh": "这是一个文件夹"},
    "out_not_writable": {"en": "not writable", "zh": "没有写入权限"},
    "unknown_format": {"en": "unknown format {format!r}", "zh": "未知格式 {format!r}"},
    "report_failed": {"en": "cannot make the report: {code} {detail}", "zh": "无法生成报告：{code} {detail}"},
    "not_a_date": {"en": "{option} {value!r}: not a date in YYYY-MM-DD form", "zh": "{option} {value!r}：不是 YYYY-MM-DD 格式的日期"},
    "out_suffix_pdf": {"en": "--out {path}: a {suffix} name for a PDF report (add --xlsx for a workbook)",
                       "zh": "--out {path}：PDF 报告的文件名却以 .{suffix_lower} 结尾（要生成工作簿请加 --xlsx）"},
    "out_suffix_xlsx": {"en": "--out {path}: a {suffix} name for a XLSX report (--xlsx writes a workbook: name it .xlsx)",
                        "zh": "--out {path}：XLSX 报告的文件名却以 .{suffix_lower} 结尾（--xlsx 生成工作簿：请以 .xlsx 结尾）"},
    "no_such_db": {"en": "--db {path}: no such database file", "zh": "--db {path}：没有这个数据库文件"},
    "demo_database": {"en": "demo database", "zh": "演示数据库"},
    "final": {"en": "final: approved by {body} ({meeting}) on {date}, officer text record {text_id} (sha256 {sha}…), "
                    "recorded {created_at} by {by}",
              "zh": "final: 定稿：{body}（{meeting}）于 {date} 审议通过，披露说明记录 {text_id}（sha256 {sha}…），"
                    "{by} 于 {created_at} 登记"},
    "draft_text_changed": {"en": "draft: the disclosure text changed after its approval by {body} ({meeting}, {date}); "
                                 "have the current text approved and record it",
                           "zh": "draft: 草稿：披露说明在{body}（{meeting}，{date}）审议后已修改；请将现文本提交审议并登记"},
    "draft_document_changed": {"en": "draft: the text is the one {body} approved ({meeting}, {date}), but the document "
                                     "is not the one approved: {why} ({reason}); have this document approved and record it",
                               "zh": "draft: 草稿：文本是{body}审议通过的（{meeting}，{date}），但文件不是审议时的文件：{why}"
                                     "（{reason}）；请将本文件提交审议并登记"},
    "why_content_changed": {"en": "records changed after the approval (the document now prints other figures or statements)",
                            "zh": "审议后记录有变化（文件中的数字或表述已不同）"},
    "why_not_year_end": {"en": "its data are not the year's end", "zh": "所依据的数据不是年末数据"},
    "draft_no_text": {"en": "draft: no disclosure text is saved for the period, so there is nothing the board has approved",
                      "zh": "draft: 草稿：该期间没有保存披露说明，董事会无从审议"},
    "draft_not_approved": {"en": "draft: the board's approval of the disclosure text is not on record",
                           "zh": "draft: 草稿：没有董事会审议通过披露说明的记录"},
    # duties (text lines for people; --json is the machine format)
    "duty_done_by": {"en": " by {kind} {id} of {date}", "zh": "（{kind} #{id}，{date}）"},
    "bad_today": {"en": "--today {value!r}: not a date in YYYY-MM-DD form", "zh": "--today {value!r}：不是 YYYY-MM-DD 格式的日期"},
    # demo
    "demo_db_exists": {"en": "--db {path}: already exists; choose a new file (the demo database is never written over another)",
                       "zh": "--db {path}：文件已存在；请另选一个新文件（演示数据库不会覆盖其他文件）"},
    "demo_db_url": {"en": "--db {url}: the demo is written to a new local file; to try it on a team database, "
                          "write it to a file and copy that in: db copy FILE URL",
                    "zh": "--db {url}：演示数据库只写入新的本地文件；要在团队数据库上试用，请先写入文件，"
                          "再运行 db copy 文件 URL 复制进去"},
    "demo_db_no_folder": {"en": "--db {path}: its folder does not exist", "zh": "--db {path}：所在文件夹不存在"},
    "demo_db_written": {"en": "wrote the demo history database to {path}", "zh": "演示历史数据库已写入 {path}"},
    "demo_missing": {"en": "the demo data (resources/demo/) is missing from this installation",
                     "zh": "此安装中缺少演示数据（resources/demo/）"},
    "not_a_folder": {"en": "{path}: exists and is not a folder", "zh": "{path}：已存在且不是文件夹"},
    "is_a_folder": {"en": "{path}: is a folder, cannot write a file there", "zh": "{path}：是文件夹，无法在此写入文件"},
    "and_more": {"en": " and {n} more", "zh": " 等另 {n} 个"},
    "would_overwrite": {"en": "{out}: would overwrite files that differ from the demo ({names}); use --force to overwrite, "
                              "or choose another --out folder",
                        "zh": "{out}：将覆盖与演示数据不同的文件（{names}）；如要覆盖请加 --force，或另选 --out 文件夹"},
    "demo_cannot_write": {"en": "{out}: cannot write: {reason}", "zh": "{out}：无法写入：{reason}"},
    "demo_written": {"en": "wrote the demo group to {out} ({n} files)", "zh": "演示集团数据已写入 {out}（{n} 个文件）"},
}


def cli_lang(lang: Any) -> str:
    """'en' or 'zh' (also for zh_CN and anything unknown: Chinese is the default)."""
    return "en" if str(lang or "").lower().startswith("en") else "zh"


def say(key: str, lang: str = "zh", **fields: Any) -> str:
    """The sentence `key` in `lang`, its fields filled."""
    return TEXTS[key][cli_lang(lang)].format(**fields)
