"""Names of the industry and region codes the group data uses, for display beside the code (GUI and reports).

Industry: the divisions (大类) of GB/T 4754-2017 《国民经济行业分类》, e.g. K70 房地产业. Region: ISO 3166-2:CN
province codes (CN-GD 广东) and ISO 3166-1 country codes (HK, US). Only the Chinese names are kept for
industries (the English interface shows the code alone); regions have both. An unknown code has no name.
"""
from __future__ import annotations

INDUSTRY_ZH = {
    "A01": "农业", "A02": "林业", "A03": "畜牧业", "A04": "渔业", "A05": "农林牧渔专业及辅助性活动",
    "B06": "煤炭开采和洗选业", "B07": "石油和天然气开采业", "B08": "黑色金属矿采选业", "B09": "有色金属矿采选业",
    "B10": "非金属矿采选业", "B11": "开采专业及辅助性活动", "B12": "其他采矿业",
    "C13": "农副食品加工业", "C14": "食品制造业", "C15": "酒、饮料和精制茶制造业", "C16": "烟草制品业",
    "C17": "纺织业", "C18": "纺织服装、服饰业", "C19": "皮革、毛皮、羽毛及其制品和制鞋业",
    "C20": "木材加工和木、竹、藤、棕、草制品业", "C21": "家具制造业", "C22": "造纸和纸制品业",
    "C23": "印刷和记录媒介复制业", "C24": "文教、工美、体育和娱乐用品制造业", "C25": "石油、煤炭及其他燃料加工业",
    "C26": "化学原料和化学制品制造业", "C27": "医药制造业", "C28": "化学纤维制造业", "C29": "橡胶和塑料制品业",
    "C30": "非金属矿物制品业", "C31": "黑色金属冶炼和压延加工业", "C32": "有色金属冶炼和压延加工业",
    "C33": "金属制品业", "C34": "通用设备制造业", "C35": "专用设备制造业", "C36": "汽车制造业",
    "C37": "铁路、船舶、航空航天和其他运输设备制造业", "C38": "电气机械和器材制造业",
    "C39": "计算机、通信和其他电子设备制造业", "C40": "仪器仪表制造业", "C41": "其他制造业",
    "C42": "废弃资源综合利用业", "C43": "金属制品、机械和设备修理业",
    "D44": "电力、热力生产和供应业", "D45": "燃气生产和供应业", "D46": "水的生产和供应业",
    "E47": "房屋建筑业", "E48": "土木工程建筑业", "E49": "建筑安装业", "E50": "建筑装饰、装修和其他建筑业",
    "F51": "批发业", "F52": "零售业",
    "G53": "铁路运输业", "G54": "道路运输业", "G55": "水上运输业", "G56": "航空运输业", "G57": "管道运输业",
    "G58": "多式联运和运输代理业", "G59": "装卸搬运和仓储业", "G60": "邮政业",
    "H61": "住宿业", "H62": "餐饮业",
    "I63": "电信、广播电视和卫星传输服务", "I64": "互联网和相关服务", "I65": "软件和信息技术服务业",
    "J66": "货币金融服务", "J67": "资本市场服务", "J68": "保险业", "J69": "其他金融业",
    "K70": "房地产业",
    "L71": "租赁业", "L72": "商务服务业",
    "M73": "研究和试验发展", "M74": "专业技术服务业", "M75": "科技推广和应用服务业",
    "N76": "水利管理业", "N77": "生态保护和环境治理业", "N78": "公共设施管理业", "N79": "土地管理业",
    "O80": "居民服务业", "O81": "机动车、电子产品和日用产品修理业", "O82": "其他服务业",
    "P83": "教育", "Q84": "卫生", "Q85": "社会工作",
    "R86": "新闻和出版业", "R87": "广播、电视、电影和录音制作业", "R88": "文化艺术业", "R89": "体育", "R90": "娱乐业",
    "S91": "中国共产党机关", "S92": "国家机构", "S93": "人民政协、民主党派", "S94": "社会保障",
    "S95": "群众团体、社会团体和其他成员组织", "S96": "基层群众自治组织及其他组织",
    "T97": "国际组织",
}

REGIONS = {  # code: (zh, en)
    "CN-BJ": ("北京", "Beijing"), "CN-TJ": ("天津", "Tianjin"), "CN-HE": ("河北", "Hebei"),
    "CN-SX": ("山西", "Shanxi"), "CN-NM": ("内蒙古", "Inner Mongolia"), "CN-LN": ("辽宁", "Liaoning"),
    "CN-JL": ("吉林", "Jilin"), "CN-HL": ("黑龙江", "Heilongjiang"), "CN-SH": ("上海", "Shanghai"),
    "CN-JS": ("江苏", "Jiangsu"), "CN-ZJ": ("浙江", "Zhejiang"), "CN-AH": ("安徽", "Anhui"),
    "CN-FJ": ("福建", "Fujian"), "CN-JX": ("江西", "Jiangxi"), "CN-SD": ("山东", "Shandong"),
    "CN-HA": ("河南", "Henan"), "CN-HB": ("湖北", "Hubei"), "CN-HN": ("湖南", "Hunan"),
    "CN-GD": ("广东", "Guangdong"), "CN-GX": ("广西", "Guangxi"), "CN-HI": ("海南", "Hainan"),
    "CN-CQ": ("重庆", "Chongqing"), "CN-SC": ("四川", "Sichuan"), "CN-GZ": ("贵州", "Guizhou"),
    "CN-YN": ("云南", "Yunnan"), "CN-XZ": ("西藏", "Tibet"), "CN-SN": ("陕西", "Shaanxi"),
    "CN-GS": ("甘肃", "Gansu"), "CN-QH": ("青海", "Qinghai"), "CN-NX": ("宁夏", "Ningxia"),
    "CN-XJ": ("新疆", "Xinjiang"), "CN-TW": ("台湾", "Taiwan"), "CN-HK": ("香港", "Hong Kong"),
    "CN-MO": ("澳门", "Macao"),
    "HK": ("中国香港", "Hong Kong, China"), "MO": ("中国澳门", "Macao, China"), "TW": ("中国台湾", "Taiwan, China"),
    "US": ("美国", "United States"), "GB": ("英国", "United Kingdom"), "DE": ("德国", "Germany"),
    "FR": ("法国", "France"), "JP": ("日本", "Japan"), "KR": ("韩国", "Korea"), "SG": ("新加坡", "Singapore"),
    "AU": ("澳大利亚", "Australia"), "CA": ("加拿大", "Canada"), "LU": ("卢森堡", "Luxembourg"),
    "NL": ("荷兰", "Netherlands"), "CH": ("瑞士", "Switzerland"), "KY": ("开曼群岛", "Cayman Islands"),
    "VG": ("英属维尔京群岛", "British Virgin Islands"), "BM": ("百慕大", "Bermuda"),
}


UNKNOWN_NAME = {"zh": "未识别（穿透后无法识别）", "en": "unidentified (look-through)"}

# The words of dimensions, fixed keys and bases: one table for every screen (concentration, limits, history,
# breaches) and the same Chinese the PDF reports print (reports/builders/names.py; the paper is the record,
# so a screen reads what the report says). code -> (zh, en); the dict order is the order screens list them.
DIMENSIONS = {
    "counterparty_group": ("交易对手集团", "Counterparty group"), "counterparty": ("单一交易对手", "Counterparty"),
    "single_asset": ("单一资产", "Single asset"), "industry": ("行业", "Industry"), "region": ("地区", "Region"),
    "asset_class": ("大类资产", "Asset class"), "related_party": ("关联方", "Related party"),
    "overseas": ("境外投资", "Overseas"), "customer": ("客户", "Customer"), "business_line": ("业务线", "Business line"),
    "premium_region": ("保费地域", "Premium by region"), "reinsurer": ("再保险人", "Reinsurer"),
}
# The fixed keys of the asset_class and overseas dimensions (docs/interfaces.md)
ASSET_KEYS = {
    "liquidity": ("流动性资产", "Liquidity"), "fixed_income": ("固定收益类资产", "Fixed income"),
    "equity": ("权益类资产", "Equity"), "real_estate": ("不动产类资产", "Real estate"),
    "other_financial": ("其他金融资产", "Other financial assets"),
    "overseas": ("境外", "Overseas"), "domestic": ("境内", "Domestic"),
}
# Keys that mean the same in every dimension: the look-through remainder and a limit on all keys together
SPECIAL_KEYS = {
    "UNKNOWN": ("未识别底层资产（穿透后无法识别）", "Unknown counterparty (look-through not covered)"),
    "*": ("合计（全部）", "All keys together"),
}
KEYS = {**ASSET_KEYS, **SPECIAL_KEYS}
BASES = {
    "total_assets": ("总资产", "Total assets"), "net_assets": ("净资产", "Net assets"),
    "total_premium": ("保费收入", "Total premium"), "total_ceded": ("分出保费", "Total ceded premium"),
}

# A breach case's states and causes (core.services.cases) and a major event's kinds (core.governance.records),
# in the words the reports print them (the register's English words beside them): the breach register, the
# home screen's records (wording.governance.choice_name) and the reports all read these. code -> (zh, en)
# A major event's kinds follow governance.md: "a default of a large counterparty, a downgrade, a regional
# catastrophe", an event "with or without a limit breach", and the guideline's 重大集中度风险事件 (Art 23).
CASE_STATES = {
    "open": ("已登记", "Open"), "reported": ("已报告", "Reported"), "approved": ("已审批", "Approved"),
    "mitigating": ("整改中", "Mitigating"), "closed": ("已关闭", "Closed"),
}
CASE_CAUSES = {
    "market_movement": ("市场变动", "Market movement"), "new_business": ("新增业务或投资", "New business"),
    "data_correction": ("数据更正", "Data correction"), "other": ("其他原因", "Other"),
}
EVENT_KINDS = {
    "limit_breach": ("超过集中度限额", "Limit breach"), "counterparty_default": ("交易对手违约", "Counterparty default"),
    "downgrade": ("交易对手评级下调", "Counterparty downgrade"), "catastrophe": ("区域性巨灾", "Regional catastrophe"),
    "other": ("其他重大集中度风险事件", "Other major concentration risk event"),
}

# A report's kind in the words of its title on paper (reports/builders: the document's title; a disclosure's
# after its year): the history screen and the governance records' report choices read these. code -> (zh, en)
REPORT_KINDS = {
    "semiannual": ("集中度风险半年度评估报告", "Semiannual concentration risk assessment report"),
    "quarterly": ("集中度风险指标统计表", "Concentration risk indicator statistics"),
    "annual_chapter": ("并表管理报告 · 集中度风险管理情况", "Consolidated-management report: concentration risk"),
    "disclosure": ("集中度风险信息披露报告", "Concentration risk disclosure report"),
    "rating": ("监管评级自评估报告", "Rating self-assessment report"),
}
# The officer's texts a report prints (reports.builders: the semiannual report's 结论与建议 section and the
# governance paragraph, the disclosure's 其他需要说明的事项), in the words of the report's section: the reports
# screen's tabs and the history screen's texts table read these. code -> (zh, en)
TEXT_KINDS = {
    "semiannual_conclusions": ("结论与建议", "Conclusions and proposed actions"),
    "semiannual_governance": ("本期治理与职责履行情况", "Governance in the period"),
    "disclosure_text": ("其他需要说明的事项", "Other matters to disclose"),
}
# Officer texts no report asks for any more but the store and journal keep: "disclosure_approval", the board's
# approval as free text before approvals were records of their own; a regenerated disclosure of that time
# prints it under this heading (reports.builders.disclosure), so the history screen names it the same.
LEGACY_TEXT_KINDS = {
    "disclosure_approval": ("董事会审议情况", "Board's review"),
}

# Where a rulebook's number comes from (core.rating.rulebook.SOURCE_TAGS; "regulation" and "officer" are the
# report's for a rule text and the officer's own weights), in the words the rating report prints them: the
# rating screen's trace and tooltips read the same (the English short: the trace's source column is narrow).
# code -> (zh, en)
RULEBOOK_SOURCES = {
    "article": ("行业文章", "article"), "news": ("新闻报道", "press"),
    "judgement": ("本工具判断", "tool's judgement"), "rule": ("规章条文", "regulation"),
    "regulation": ("规章条文", "regulation"), "officer": ("评级人员设定", "set by the officer"),
}


def words(table: dict[str, tuple[str, str]], lang: str) -> dict[str, str]:
    """One language's column of a table above: code -> words."""
    return {code: names[1 if lang == "en" else 0] for code, names in table.items()}


def _word(table: dict[str, tuple[str, str]], code, lang: str, default: str) -> str:
    names = table.get(str(code)) if code is not None else None
    return default if names is None else names[1 if lang == "en" else 0]


def dimension_name(code: str | None, lang: str) -> str:
    """The words of a dimension (the code itself when it is not one)."""
    return _word(DIMENSIONS, code, lang, str(code))


def key_name(code: str | None, lang: str) -> str:
    """The words of a fixed key: an asset class, the overseas flag, UNKNOWN or "*" ("" when not one)."""
    return _word(KEYS, code, lang, "")


def basis_name(code: str | None, lang: str) -> str:
    """The words of a limit's basis (the code itself when it is not one)."""
    return _word(BASES, code, lang, str(code))


def industry_name(code: str | None, lang: str) -> str:
    """The division's name ("" when unknown; the English interface shows the code alone)."""
    if code == "UNKNOWN":
        return UNKNOWN_NAME["en" if lang == "en" else "zh"]
    return INDUSTRY_ZH.get(str(code), "") if code and lang != "en" else ""


def region_name(code: str | None, lang: str) -> str:
    if code == "UNKNOWN":
        return UNKNOWN_NAME["en" if lang == "en" else "zh"]
    names = REGIONS.get(str(code)) if code else None
    return "" if names is None else names[1 if lang == "en" else 0]


def text_kind_name(code: str | None, lang: str) -> str:
    """The words of an officer's text kind (the code itself when it is not one)."""
    return _word(TEXT_KINDS if code in TEXT_KINDS else LEGACY_TEXT_KINDS, code, lang, str(code))


def report_kind_name(code: str | None, lang: str) -> str:
    """The words of a report's kind, as its title on paper (the code itself when it is not one)."""
    return _word(REPORT_KINDS, code, lang, str(code))


_HALVES = {1: "上半年", 2: "下半年"}
_QUARTERS = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}


def period_name(period) -> str:
    """A period code as the documents word it, in Chinese whatever the interface language (the documents and
    their file names are Chinese): 2025H1 -> 2025年上半年, 2025Q3 -> 2025年第三季度, 2025M06 -> 2025年6月,
    2025 -> 2025年度. A bad code raises core.periods.PeriodError."""
    from core.periods import parse_period

    p = parse_period(period)
    if p.kind == "Y":
        return f"{p.year}年度"
    if p.kind == "H":
        return f"{p.year}年{_HALVES[p.index]}"
    if p.kind == "Q":
        return f"{p.year}年{_QUARTERS[p.index]}"
    return f"{p.year}年{p.index}月"


def source_name(tags: str | None, lang: str) -> str:
    """The words of a rulebook source tag, or of several comma-separated ("article,rule"), joined as the rating
    report joins them; a dash when there is none, an unknown tag as itself."""
    if not tags:
        return "—"
    parts = [t.strip() for t in str(tags).split(",")]
    return ("; " if lang == "en" else "；").join(_word(RULEBOOK_SOURCES, t, lang, t) for t in parts)


def asset_key_name(code: str | None, lang: str) -> str:
    """The words of an asset-class or overseas key ("" when `code` is not one of them)."""
    return _word(ASSET_KEYS, code, lang, "")


def group_name(head_name: str, size: int, lang: str) -> str:
    """A connected counterparty group shown under the company that heads it (core.concentration.groups.
    group_heads): "DEVHOLD 等 3 家" / "DEVHOLD and 2 others" (the group's key is still its smallest id)."""
    if lang == "en":
        others = size - 1
        return f"{head_name} and {others} other{'s' if others != 1 else ''}"
    return f"{head_name} 等 {size} 家"
