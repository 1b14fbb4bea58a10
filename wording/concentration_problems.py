"""Problem messages of the group data importer (core.concentration.importer) and the what-if additions.

Templates use str.format fields from the problem's `value` and `detail`; `wording.problems.describe`
puts the file, row and column in front. Generic codes (missing_column, not_a_number, duplicate_id, ...)
are in `wording.common_problems`.
"""

MESSAGES = {
    # files and layout
    "empty_file": {"en": "the file is empty (a header row is required)", "zh": "文件为空（至少需要表头行）"},
    "header_row_guess": {"en": "no row among the first {rows} has every required column; the header seems to be "
                               "this row, below {above} title row(s): the columns it lacks follow",
                         "zh": "前 {rows} 行中没有一行包含全部必需的列；表头似乎是此行（其上 {above} 行为标题），"
                               "所缺的列见下"},
    "header_row_past_end": {"en": "the header cannot be on row {value}: the file has only {rows} row(s)",
                            "zh": "表头不可能在第 {value} 行：文件只有 {rows} 行"},
    "header_row_unknown_file": {"en": "a header row was given for this file, but no such file or sheet is read "
                                      "(those read: {files})",
                                "zh": "为此文件指定了表头行，但没有读取这样的文件或工作表（读取的有：{files}）"},
    "duplicate_column": {"en": "column {value!r} appears twice (also as {first!r})",
                         "zh": "列 {value!r} 重复出现（另见 {first!r}）"},
    "too_many_cells": {"en": "the row has {found} cells, the header only {expected}",
                       "zh": "该行有 {found} 个单元格，但表头只有 {expected} 列"},
    "group_rows": {"en": "the group's figures must be exactly one data row, there are {count}",
                   "zh": "集团信息必须恰好有一行数据，实际有 {count} 行"},
    "unknown_unit": {"en": "unknown unit {value!r} in the amount header (use one of {units}, or no unit for 元)",
                     "zh": "金额列标题中的单位 {value!r} 无法识别（应为 {units} 之一，不写单位即为元）"},
    "control_character": {"en": "contains a control character ({char}) at position {position}: {value!r}",
                          "zh": "含有控制字符（{char}，第 {position} 个字符）：{value!r}"},
    "text_too_long": {"en": "is {length} characters long; {kind} may have at most {limit}",
                      "zh": "长度为 {length} 个字符，超过上限 {limit} 个字符"},
    # ids and references
    "reserved_id": {"en": "{value!r} is reserved and cannot be a member id", "zh": "{value!r} 为保留字，不能用作成员公司编号"},
    "reserved_counterparty": {"en": "{value!r} is reserved for uncovered look-through amounts and cannot be listed",
                              "zh": "{value!r} 为穿透未覆盖部分的保留交易对手，不能列出"},
    "already_known": {"en": "{value!r} already exists in the data", "zh": "{value!r} 在数据中已存在"},
    "unknown_member": {"en": "no member company {value!r} in {source}", "zh": "{source} 中没有成员公司 {value!r}"},
    "unknown_counterparty": {"en": "no counterparty {value!r} in {source}", "zh": "{source} 中没有交易对手 {value!r}"},
    "unknown_parent": {"en": "parent {value!r} is not a listed counterparty: the link is ignored",
                       "zh": "上级交易对手 {value!r} 未列出：忽略该控制关系"},
    "counterparty_cycle": {"en": "the parent chain goes round in a circle: {cycle}",
                           "zh": "上级交易对手关系形成循环：{cycle}"},
    # exposures
    "unknown_parent_exposure": {"en": "no exposure {value!r} to look through to", "zh": "没有编号为 {value!r} 的穿透上级资产"},
    "look_through_cycle": {"en": "the look-through chain goes round in a circle: {cycle}",
                           "zh": "穿透关系形成循环：{cycle}"},
    "underlying_member_mismatch": {
        "en": "an underlying belongs to its holding's member: {holding} is held by {holding_member}, not {value}",
        "zh": "底层资产应属于其持仓所属成员：{holding} 由 {holding_member} 持有，而非 {value}"},
    "underlyings_exceed_holding": {
        "en": "the underlyings of {holding} add up to {total}, more than its amount {holding_amount}",
        "zh": "{holding} 的底层资产合计 {total}，超过其金额 {holding_amount}"},
    "member_product_without_underlyings": {
        "en": "{exposure} is an other-financial holding on group member {member} with no underlyings: it is "
              "eliminated at group level as a claim on the member; if it is a product managed by the member, "
              "give its underlyings",
        "zh": "{exposure} 是对集团成员 {member} 的其他金融资产持仓且无底层资产：集团层面按对成员的债权抵销；"
              "若为该成员管理的产品，请提供其底层资产"},
    "sale_of_unknown_holding": {
        "en": "a negative amount sells an existing holding, but {value!r} is none",
        "zh": "负金额表示卖出已有持仓，但 {value!r} 不是已有持仓"},
    "sale_of_underlying": {"en": "{value!r} is an underlying: only a holding can be sold",
                           "zh": "{value!r} 是底层资产：只能卖出持仓"},
    "sale_exceeds_holding": {"en": "selling {sold} is more than the {held} held",
                             "zh": "卖出 {sold} 超过持有的 {held}"},
    # members, group
    "negative_ratio": {"en": "a ratio must not be negative: {value}", "zh": "比例不能为负数：{value}"},
    "negative_net_assets": {"en": "net assets are negative: {value}", "zh": "净资产为负数：{value}"},
    "group_total_mismatch": {
        "en": "group total assets {value} are more than {tolerance} away from the members' total {members_total}",
        "zh": "集团总资产 {value} 与成员公司总资产合计 {members_total} 相差超过 {tolerance}"},
    "holdings_far_below_total_assets": {
        "en": "the on-balance holdings of {scope} add up to {holdings}, only {share} of its total assets {value} "
              "(plausible: {low} to {high}); likely cause: the amounts are in 万元 or 亿元 but their header has no "
              "unit, which means 元 (write 金额（万元） or 金额（亿元）)",
        "zh": "{scope} 的表内持仓合计 {holdings}，仅为其总资产 {value} 的 {share}（合理范围 {low} 至 {high}）；"
              "可能原因：金额以万元或亿元填写，但列标题未写单位（不写即为元），请写作 金额（万元） 或 金额（亿元）"},
    "holdings_far_above_total_assets": {
        "en": "the on-balance holdings of {scope} add up to {holdings}, {share} of its total assets {value} "
              "(plausible: {low} to {high}); likely cause: the total assets are in 万元 or 亿元 but their header "
              "has no unit, which means 元 (write 总资产（万元）), or the amounts are in the wrong unit",
        "zh": "{scope} 的表内持仓合计 {holdings}，为其总资产 {value} 的 {share}（合理范围 {low} 至 {high}）；"
              "可能原因：总资产以万元或亿元填写，但列标题未写单位（不写即为元），请写作 总资产（万元），或金额单位有误"},
    "amounts_total_too_large": {
        "en": "the amounts add up to {value}, more than the largest total that can be computed exactly ({max})",
        "zh": "金额合计 {value}，超过可精确计算的最大合计（{max}）"},
    "holdings_exceed_total_assets": {
        "en": "{member}'s on-balance holdings add up to {holdings}, more than its total assets {value}",
        "zh": "{member} 的表内持仓合计 {holdings}，超过其总资产 {value}"},
    # limits
    "unknown_scope": {"en": "scope {value!r} is neither 'group' nor a member company",
                      "zh": "范围 {value!r} 既不是 group（集团），也不是成员公司"},
    "basis_not_for_dimension": {"en": "basis {value!r} does not fit dimension {dimension} (use {choices})",
                                "zh": "基数 {value!r} 不适用于维度 {dimension}（应为 {choices}）"},
    "warning_above_limit": {"en": "the warning value {value} is above the limit {limit}",
                            "zh": "预警值 {value} 高于限额 {limit}"},
    "rule_needs_solvency_ratio": {"en": "rule {value} needs the solvency ratio of {scope}, which is not given",
                                  "zh": "规则 {value} 需要 {scope} 的偿付能力充足率，但未提供"},
    "unknown_parent_limit": {"en": "no limit {value!r} to allocate from", "zh": "没有可分配的上级限额 {value!r}"},
    "parent_limit_on_group_scope": {"en": "a group-scope limit cannot be allocated from another limit",
                                    "zh": "集团范围的限额不能由其他限额分配"},
    "parent_limit_not_group": {"en": "parent limit {value!r} is of scope {parent_scope}, not group",
                               "zh": "上级限额 {value!r} 的范围是 {parent_scope}，不是集团"},
    "parent_limit_other_dimension": {"en": "parent limit {value!r} is of dimension {theirs}, this one of {mine}",
                                     "zh": "上级限额 {value!r} 的维度是 {theirs}，本限额是 {mine}"},
    "parent_limit_other_key": {"en": "parent limit {value!r} has key {theirs!r}, this one {mine!r} (they must be equal)",
                               "zh": "上级限额 {value!r} 的键是 {theirs!r}，本限额是 {mine!r}（两者必须相同）"},
}

# Where a reference is looked up when the reader did not say (the importer names the sheet of a workbook)
DEFAULTS = {
    "unknown_member": {"source": "members.csv"},
    "unknown_counterparty": {"source": "counterparties.csv"},
}
