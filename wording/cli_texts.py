"""The sentences the command line prints for people (`import`, `concentration`, `rate`, `template`), in
Chinese (the default, as the GUI) and English (`--lang en`).

`--json` output stays language-neutral (codes and numbers; the `because` and `reason` texts the contract
says are English stay English); what these sentences say goes to stdout for people and to stderr for
problems and warnings. `say(key, lang, **fields)` fills a template with `str.format`.
"""
from __future__ import annotations

from typing import Any

CLI_LANGS = ("zh", "en")

TEXTS: dict[str, dict[str, str]] = {
    # every command
    "more_problems": {"en": "... and {n} more problems", "zh": "……另有 {n} 个问题"},
    "database_unusable": {"en": "{path}: the database cannot be used ({code})", "zh": "{path}：无法使用该数据库（{code}）"},
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
}


def cli_lang(lang: Any) -> str:
    """'en' or 'zh' (also for zh_CN and anything unknown: Chinese is the default)."""
    return "en" if str(lang or "").lower().startswith("en") else "zh"


def say(key: str, lang: str = "zh", **fields: Any) -> str:
    """The sentence `key` in `lang`, its fields filled."""
    return TEXTS[key][cli_lang(lang)].format(**fields)
