"""Problem messages of the rating inputs and rulebook files (codes raised by core.rating)."""

MESSAGES = {
    # rulebooks
    "unknown_rulebook": {"en": "unknown rulebook {value!r} (known: {known})",
                         "zh": "未知的评级规则 {value!r}（可用：{known}）"},
    "unknown_rulebook_version": {"en": "rulebook {rulebook} has no version {value!r}",
                                 "zh": "评级规则 {rulebook} 没有版本 {value!r}"},
    "broken_toml": {"en": "not a valid rulebook file (TOML): {reason}", "zh": "不是有效的评级规则文件（TOML）：{reason}"},
    "rulebook_bad_deadline": {"en": "deadline must be MM-DD, got {value!r}", "zh": "截止日期应为 MM-DD 格式，实际为 {value!r}"},
    "rulebook_duplicate_key": {"en": "{value!r} is defined twice", "zh": "{value!r} 重复定义"},
    "rulebook_missing_source": {"en": "no source tag (article, news, judgement or rule) for this number",
                                "zh": "此数值缺少来源标注（article、news、judgement 或 rule）"},
    "rulebook_bad_source": {"en": "source tag {value!r} is not one of {choices}",
                            "zh": "来源标注 {value!r} 不是以下之一：{choices}"},
    "rulebook_source_without_value": {"en": "a source tag for a parameter that does not exist",
                                      "zh": "来源标注对应的参数不存在"},
    "rulebook_bad_key": {"en": "{value!r} is not a valid key (lower-case letters, digits, _)",
                         "zh": "{value!r} 不是有效的键（小写字母、数字、下划线）"},
    "rulebook_band_two_bounds": {"en": "a band has two lower or two upper bounds", "zh": "区间有两个下限或两个上限"},
    "rulebook_band_empty": {"en": "the band {value} is empty", "zh": "区间 {value} 为空"},
    "rulebook_band_gap": {"en": "the bands leave a gap next to band {value!r}: some scores get no level",
                          "zh": "区间在 {value!r} 附近有空缺：部分分数没有对应等级"},
    "rulebook_band_overlap": {"en": "band {value!r} overlaps another: some scores get two levels",
                              "zh": "区间 {value!r} 与其他区间重叠：部分分数对应两个等级"},
    "rulebook_field_not_for_scheme": {"en": "not used by a {scheme} rulebook", "zh": "{scheme} 类评级规则不使用此字段"},
    "rulebook_esg_not_allowed": {"en": "the unified method has no ESG bonus", "zh": "统一评级办法没有 ESG 加分"},
    "rulebook_unknown_dimension": {"en": "{value!r} is not an element of this rulebook", "zh": "{value!r} 不是本规则的评级要素"},
    "rulebook_floors_exceed_one": {"en": "the weight floors add up to {total}, more than 100%: no weights can meet them",
                                   "zh": "权重下限合计 {total}，超过 100%：无法满足"},
    "weights_sum_not_one": {"en": "weights sum to {total}, not exactly 1 (100%)", "zh": "权重合计为 {total}，不是恰好 1（100%）"},
    "item_weights_sum_not_one": {"en": "sub-category weights sum to {total}, not exactly 1",
                                 "zh": "要点权重合计为 {total}，不是恰好 1"},
    # unified weights and brackets
    "missing_element_weight": {"en": "this element needs a weight of at least {floor}",
                               "zh": "此要素必须设权重，且不低于 {floor}"},
    "element_only_reinsurers_may_drop": {"en": "only a reinsurer (company_type \"reinsurance\") may leave out this element",
                                         "zh": "只有再保险公司（company_type 为 \"reinsurance\"）可以不设此要素"},
    "weight_below_floor": {"en": "weight {value} is below the floor {floor}", "zh": "权重 {value} 低于下限 {floor}"},
    "too_many_type_specific": {"en": "{value!r}: at most {max} type-specific element may be added",
                               "zh": "{value!r}：最多只能增加 {max} 个特定类型要素"},
    "type_specific_too_heavy": {"en": "a type-specific element weighs more than 0 and at most {max}, got {value}",
                                "zh": "特定类型要素权重应大于 0 且不超过 {max}，实际为 {value}"},
    "element_name_not_type_specific": {"en": "{value!r} is not a type-specific element added to the weights: "
                                             "only such an element takes a name here",
                                       "zh": "{value!r} 不是权重中增加的特定类型要素：只有增加的要素在此命名"},
    "element_name_too_long": {"en": "the name is longer than {max} characters", "zh": "名称超过 {max} 个字"},
    "missing_bracket": {"en": "no lower bound for this grade", "zh": "此等级缺少分数下限"},
    "brackets_not_descending": {"en": "lower bound {value} must be above that of the worse grade {worse} ({worse_bound})",
                                "zh": "下限 {value} 应高于较差等级 {worse} 的下限（{worse_bound}）"},
    "brackets_leave_gap_below": {"en": "the worst grade starts at {value}: scores below it get no grade (use 0)",
                                 "zh": "最差等级下限为 {value}：低于它的分数没有等级（请设为 0）"},
    "cannot_grade": {"en": "cannot grade: the {missing} of rulebook {rulebook} are not public and not set; "
                           "fill them in the input (\"weights\", \"brackets\") or the rulebook file",
                     "zh": "无法评级：评级规则 {rulebook} 的{missing}未公开且尚未设置；请在输入（\"weights\"、\"brackets\"）或规则文件中填写"},
    "not_in_rulebook_scheme": {"en": "rulebook {rulebook} fixes this itself; an edit is a new rulebook version",
                               "zh": "评级规则 {rulebook} 已固定此项；如需修改请建立新的规则版本"},
    # inputs
    "unknown_dimension": {"en": "unknown dimension {value!r} (known: {known})", "zh": "未知维度 {value!r}（可用：{known}）"},
    "unknown_item": {"en": "unknown sub-category {value!r} (known: {known})", "zh": "未知要点 {value!r}（可用：{known}）"},
    "dimension_has_no_items": {"en": "dimension {value!r} has no sub-categories in this rulebook; score it directly",
                               "zh": "维度 {value!r} 在本规则中没有要点，请直接打分"},
    "score_given_twice": {"en": "{value!r} has both a dimension score and item scores", "zh": "{value!r} 同时给出了维度得分和要点得分"},
    "missing_item_score": {"en": "sub-category score is missing", "zh": "缺少要点得分"},
    "missing_dimension_score": {"en": "dimension score is missing (give it, or all its item_scores)",
                                "zh": "缺少维度得分（请填写维度得分或其全部要点得分）"},
    "esg_not_in_rulebook": {"en": "rulebook {rulebook} has no ESG bonus", "zh": "评级规则 {rulebook} 没有 ESG 加分"},
    "company_type_out_of_scope": {
        "en": "company_type {value!r} is outside rulebook {rulebook} ({doc} applies to {applies_to} insurers "
              "only); rate it under the unified rulebook {instead} instead (\"rulebook\": \"{instead}\")",
        "zh": "公司类型 {value!r} 不适用评级规则 {rulebook}（{doc} 仅适用于 {applies_to} 类人身保险公司）；"
              "请改用统一评级规则 {instead}（\"rulebook\": \"{instead}\"）"},
    "unknown_fact": {"en": "unknown fact {value!r} (known: {known})", "zh": "未知事实项 {value!r}（可用：{known}）"},
    "unknown_flag": {"en": "unknown flag {value!r} (tick boxes: {known})", "zh": "未知勾选项 {value!r}（可勾选：{known}）"},
}

# Fields that hold a code, said in the message's language ("<field>_<lang>": code -> words; wording.problems):
# what `cannot_grade` lacks (core says weights, brackets or weights_and_brackets, never a sentence)
DEFAULTS = {
    "cannot_grade": {"missing_en": {"weights": "weights", "brackets": "brackets",
                                    "weights_and_brackets": "weights and brackets"},
                     "missing_zh": {"weights": "要素权重", "brackets": "分数分档",
                                    "weights_and_brackets": "要素权重和分数分档"}},
}
