"""Problem messages of the what-if services (core.whatif): sandbox edits, stress scenario files.

Codes shared with the importer (warning_above_limit, unknown_scope, parent_limit_*, ...) and generic codes
(missing_field, unknown_choice, out_of_range, ...) are worded in `wording.concentration_problems` and
`wording.common_problems`. Register this module in `wording.problems.CATALOGUES`.
"""

MESSAGES = {
    # sandbox edits (detail: limit_id)
    "unknown_limit": {"en": "no limit {value!r} in this limit set", "zh": "该限额集中没有限额 {value!r}"},
    "limit_has_children": {"en": "limit {value!r} is allocated to {children}: remove or re-allocate those first",
                           "zh": "限额 {value!r} 已分配给 {children}：请先删除或重新分配这些限额"},
    # stress scenario files
    "broken_scenario_file": {"en": "not a valid stress scenario file (TOML): {reason}",
                             "zh": "不是有效的压力情景文件（TOML）：{reason}"},
    "empty_scenario": {"en": "scenario {value!r} has no shock", "zh": "情景 {value!r} 没有设定任何冲击"},
    "shock_needs_one_of": {"en": "give exactly one of {fields}", "zh": "须且只能填写以下之一：{fields}"},
}
