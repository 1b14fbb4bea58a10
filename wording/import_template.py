"""The words of the import template (core.concentration.template): the instructions sheet's rules and
headings, what each kind of value accepts, and what each column means, in Chinese and English.

The facts the rules quote (units, flag spellings, the words for the group scope and for all keys, the longest
id and name) are fields filled from the reader's own tables (`core.concentration.template.rule_facts`).
"""
from __future__ import annotations

from typing import Any

_RULES = {
    "zh": [
        "每个数据文件一个工作表（工作表名见下表，中英文均可）；第 1 行为表头，第 2 行起每行一条记录。表头上方可以有标题行。",
        "加粗的列必须有（必填），斜体的列可以没有；表头可写中文或英文，也可用“其他写法”中的任一种；未识别的列被忽略。",
        "金额以元为单位；列标题可在括号里写单位，如 金额（万元）、总资产（亿元）。可用单位：{units}。不写单位即为元。"
        "金额最多精确到分。",
        "比例写小数或百分数：0.15 或 15%。",
        "日期写作 YYYY-MM-DD（如 2025-06-30），也可写 2025/6/30、2025年6月30日。",
        "是/否列：是 = {true_words}；否 = {false_words}；留空为否（“表内”留空为是）。",
        "编号和代码最长 {max_id} 个字符，名称最长 {max_name} 个字符；不得含控制字符。",
        "限额的范围写成员公司编号，或集团：{scope_words}；键写具体对象（交易对手、资产类别等），全部合计写：{key_words}。",
        "行业用 GB/T 4754 门类加大类代码（如 K70），地区用 ISO 3166-2:CN 代码（如 CN-GD）或国家代码（如 HK）。",
        "交易对手编号写 UNKNOWN 表示穿透后无法识别的部分。业务数据（保费、分出）工作表可以没有。",
        "也可把每个工作表另存为 CSV 文件（UTF-8 或 GBK），文件名为工作表的英文名，如 exposures.csv，放在同一文件夹中导入。",
    ],
    "en": [
        "One sheet per data file (the sheet names below, Chinese or English); row 1 is the header, one record per "
        "row from row 2. Title rows above the header are allowed.",
        "Bold columns are required, italic ones optional; a header may be written in Chinese or English or any of "
        "the other names listed; unknown columns are ignored.",
        "Amounts are in 元 (yuan); a header may carry its unit in brackets, e.g. amount (万元), total_assets (亿元). "
        "Units: {units}. No unit means 元. Amounts are exact to the fen at most.",
        "Ratios as a fraction or a percentage: 0.15 or 15%.",
        "Dates as YYYY-MM-DD (e.g. 2025-06-30); 2025/6/30 and 2025年6月30日 are read too.",
        "Yes/no columns: yes = {true_words}; no = {false_words}; blank is no (on_balance blank is yes).",
        "Ids and codes at most {max_id} characters, names at most {max_name}; no control characters.",
        "A limit's scope is a member id, or the group: {scope_words}; its key is the object (counterparty, asset "
        "class, ...), all keys together: {key_words}.",
        "Industry as a GB/T 4754 division code (e.g. K70), region as an ISO 3166-2:CN code (e.g. CN-GD) or a "
        "country code (e.g. HK).",
        "The counterparty id UNKNOWN is the part look-through could not identify. The business sheet (premiums, "
        "ceded) may be left out.",
        "Each sheet may also be saved as a CSV file (UTF-8 or GBK) named by its English sheet name, e.g. "
        "exposures.csv, all in one folder.",
    ],
}

_KINDS = {
    "zh": {"amount": "金额（元，可注明单位）", "ratio": "比例（0.15 或 15%）", "flag": "是/否", "date": "日期 YYYY-MM-DD",
           "choice": "代码（见下方代码表）", "name": "名称（文字）", "id": "编号或代码（文字）"},
    "en": {"amount": "amount (元, or the unit in the header)", "ratio": "ratio (0.15 or 15%)", "flag": "yes/no",
           "date": "date YYYY-MM-DD", "choice": "code (see the codes below)", "name": "name (text)",
           "id": "id or code (text)"},
}

_MEANINGS = {
    "zh": {
        "name": "名称", "as_of": "数据截至日期（如半年末）", "total_assets": "总资产（上季末）",
        "net_assets": "净资产（上季末）", "solvency_ratio": "综合偿付能力充足率",
        "actual_capital": "实际资本", "minimum_capital": "最低资本", "member_id": "成员公司编号（成员表中的编号）",
        "kind": "类型", "counterparty_id": "交易对手编号", "parent_id": "上级（控股）交易对手编号，无则留空",
        "connected_label": "经济依存等关联关系的标签，同一标签的交易对手视为一组", "industry": "行业代码",
        "region": "地区代码", "related_party": "是否为集团关联方", "exempt": "是否豁免（如财政部、政策性银行）",
        "group_member": "该交易对手若为集团成员，填其成员公司编号", "exposure_id": "风险暴露（持仓）编号",
        "instrument_id": "单一资产编号（证券或产品代码）", "asset_class": "大类资产类别", "overseas": "是否境外投资",
        "on_balance": "是否表内（留空为是）", "amount": "金额",
        "parent_exposure_id": "穿透：所属持仓的风险暴露编号，持仓本身留空",
        "exempt_single_asset": "单一资产限额豁免", "exempt_counterparty": "交易对手限额豁免",
        "exempt_asset_class": "不计入大类资产比例", "limit_id": "限额编号", "dimension": "集中度维度",
        "scope": "范围：集团或成员公司编号", "key": "限额对象", "basis": "计算基数", "warning": "预警值",
        "limit": "限额", "parent_limit_id": "分配自哪条集团限额，无则留空", "rule": "由规则推导限额（可选）",
        "customer_id": "客户编号", "line": "业务条线或险种", "reinsurer_id": "再保险人编号",
    },
    "en": {
        "name": "name", "as_of": "the date the data is as of (e.g. the half-year end)",
        "total_assets": "total assets (end of the last quarter)", "net_assets": "net assets (end of the last quarter)",
        "solvency_ratio": "comprehensive solvency ratio", "actual_capital": "actual capital",
        "minimum_capital": "minimum capital", "member_id": "member company id (as in members)", "kind": "kind",
        "counterparty_id": "counterparty id", "parent_id": "controlling counterparty's id, blank if none",
        "connected_label": "a label of economic dependence: counterparties sharing it form one group",
        "industry": "industry code", "region": "region code", "related_party": "a related party of the group",
        "exempt": "exempt (e.g. the Ministry of Finance, policy banks)",
        "group_member": "the member id when the counterparty is a group member", "exposure_id": "exposure id",
        "instrument_id": "single asset id (security or product code)", "asset_class": "asset class",
        "overseas": "overseas investment", "on_balance": "on the balance sheet (blank is yes)", "amount": "amount",
        "parent_exposure_id": "look-through: the holding's exposure id; blank for a holding",
        "exempt_single_asset": "exempt from single-asset limits", "exempt_counterparty": "exempt from counterparty "
        "limits", "exempt_asset_class": "left out of asset-class ratios", "limit_id": "limit id",
        "dimension": "concentration dimension", "scope": "scope: group or a member id", "key": "the limit's object",
        "basis": "basis", "warning": "warning value", "limit": "limit",
        "parent_limit_id": "the group limit it is allocated from, blank if none", "rule": "a rule deriving the "
        "limit (optional)", "customer_id": "customer id", "line": "business line", "reinsurer_id": "reinsurer id",
    },
}


def template_words(lang: str = "zh") -> dict[str, Any]:
    """The words `core.concentration.template.write_template` lays out, in `lang` ("zh" or "en")."""
    en = lang == "en"
    return {
        "instructions_sheet": "Instructions" if en else "说明",
        "title": "RiskDesk import template: group data for concentration risk" if en
        else "RiskDesk 导入模板：集中度风险的集团数据",
        "rules": _RULES["en" if en else "zh"],
        "table_headings": ("sheet", "column (Chinese)", "column (English)", "other names", "required", "content",
                           "meaning") if en else ("工作表", "列（中文）", "列（英文）", "其他写法", "必填", "内容", "含义"),
        "codes_title": "Codes of the code columns (the code or any other spelling)" if en
        else "代码列的取值（写代码或任一其他写法）",
        "codes_headings": ("column", "code", "other spellings") if en else ("列", "代码", "其他写法"),
        "yes": "yes" if en else "是", "no": "no" if en else "否",
        "optional_sheet": "optional" if en else "可选",
        "kinds": _KINDS["en" if en else "zh"],
        "meanings": _MEANINGS["en" if en else "zh"],
        "note": "{kind}\nAlso accepted: {names}" if en else "{kind}\n也可写作：{names}",
    }
