"""Problem messages shared by every reader: files, encodings, JSON, XLSX and plain value checks."""

MESSAGES = {
    "file_not_found": {"en": "file or folder not found", "zh": "找不到文件或文件夹"},
    "unreadable_file": {"en": "cannot read the file: {reason}", "zh": "无法读取文件：{reason}"},
    "unsupported_file_type": {"en": "unsupported file type (expected {expected})", "zh": "不支持的文件类型（应为 {expected}）"},
    "bad_encoding": {"en": "text is neither UTF-8 nor GB18030/GBK", "zh": "文本编码既不是 UTF-8 也不是 GB18030/GBK"},
    "broken_json": {"en": "not valid JSON: {reason}", "zh": "不是有效的 JSON：{reason}"},
    "wrong_type": {"en": "expected {expected}, got {value!r}", "zh": "应为{expected}，实际为 {value!r}"},
    "missing_field": {"en": "required field is missing", "zh": "缺少必填字段"},
    "unknown_field": {"en": "unknown field", "zh": "未知字段"},
    "missing_column": {"en": "required column is missing", "zh": "缺少必需的列"},
    "missing_sheet": {"en": "required sheet is missing", "zh": "缺少必需的工作表"},
    "missing_value": {"en": "a value is required", "zh": "此处必须填写"},
    "not_a_number": {"en": "not a number: {value!r}", "zh": "不是数字：{value!r}"},
    "not_a_boolean": {"en": "not true/false (also 1/0, 是/否): {value!r}", "zh": "不是 true/false（或 1/0、是/否）：{value!r}"},
    "not_a_date": {"en": "not a date in YYYY-MM-DD form: {value!r}", "zh": "不是 YYYY-MM-DD 格式的日期：{value!r}"},
    "out_of_range": {"en": "{value} is outside {min}..{max}", "zh": "{value} 超出范围 {min}～{max}"},
    "too_many_decimals": {"en": "{value} has more than {places} decimals", "zh": "{value} 的小数位数超过 {places} 位"},
    "negative_amount": {"en": "amount must not be negative: {value}", "zh": "金额不能为负数：{value}"},
    "duplicate_id": {"en": "duplicate id {value!r} (first at row {first_row})", "zh": "编号 {value!r} 重复（首次出现在第 {first_row} 行）"},
    "workbook_too_large": {"en": "the workbook unpacks to {value} {what}, more than the limit of {limit} {what}: "
                                 "split it, or give the data as CSV files", "zh": "工作簿过大：解压后为 {value} {what}（上限 "
                                 "{limit} {what}）：请拆分，或改用 CSV 文件"},
    "unknown_choice": {"en": "{value!r} is not one of {choices}", "zh": "{value!r} 不是以下之一：{choices}"},
}
MESSAGES.update({
    "bad_period": {"en": "not a period code (YYYY, YYYYH1/H2, YYYYQ1-Q4, YYYYM01-M12): {value!r}",
                   "zh": "不是有效的期间代码（YYYY、YYYYH1/H2、YYYYQ1-Q4、YYYYM01-M12）：{value!r}"},
    "period_out_of_range": {"en": "period {value!r} is outside {min}..{max}", "zh": "期间 {value!r} 超出范围 {min}～{max}"},
})

# Clauses added when the problem carries the field (wording.problems): a missing column, named as the file's
# language would name it, with the other headers the reader accepts for it.
CLAUSES = {
    "missing_column": ("also", {"en": " (also accepted: {also})", "zh": "（也可写作：{also}）"}),
    "missing_sheet": ("names", {"en": " (a sheet named {names})", "zh": "（工作表名可为：{names}）"}),
}

# Fields that hold a code, said in the message's language ("<field>_<lang>": code -> words; wording.problems)
DEFAULTS = {
    "workbook_too_large": {"what_zh": {"rows": "行", "bytes": "字节"}},
}
