"""Chinese names of the codes a report shows: dimensions, asset classes, bases, industries, regions, case
states and causes, member kinds. Codes not listed read as themselves (a group may use its own codes)."""
from __future__ import annotations

DIMENSIONS = {
    "single_asset": "单一资产", "counterparty": "单一交易对手", "counterparty_group": "交易对手集团",
    "related_party": "关联方", "asset_class": "大类资产", "overseas": "境外投资", "industry": "行业",
    "region": "地区", "customer": "客户", "business_line": "业务线", "reinsurer": "再保险人",
}

ASSET_CLASSES = {
    "liquidity": "流动性资产", "fixed_income": "固定收益类资产", "equity": "权益类资产",
    "real_estate": "不动产类资产", "other_financial": "其他金融资产",
}
ASSET_CLASS_ORDER = ("liquidity", "fixed_income", "equity", "real_estate", "other_financial")

OVERSEAS = {"overseas": "境外", "domestic": "境内"}

BASES = {"total_assets": "总资产", "net_assets": "净资产", "total_premium": "保费收入", "total_ceded": "分出保费"}

MEMBER_KINDS = {"life": "人身保险", "pc": "财产保险", "reinsurance": "再保险", "asset_mgmt": "保险资产管理",
                "other": "其他"}

CASE_STATES = {"open": "已登记", "reported": "已报告", "approved": "已审批", "mitigating": "整改中",
               "closed": "已关闭"}
CAUSES = {"market_movement": "市场变动", "new_business": "新增业务或投资", "data_correction": "数据更正",
          "other": "其他原因"}

# GB/T 4754-2017 divisions (门类字母 + 大类两位数字)
INDUSTRIES = {
    "A01": "农业", "A03": "畜牧业", "B06": "煤炭开采和洗选业", "B07": "石油和天然气开采业",
    "B08": "黑色金属矿采选业", "B09": "有色金属矿采选业", "C13": "农副食品加工业", "C14": "食品制造业",
    "C15": "酒、饮料和精制茶制造业", "C17": "纺织业", "C22": "造纸和纸制品业",
    "C25": "石油、煤炭及其他燃料加工业", "C26": "化学原料和化学制品制造业", "C27": "医药制造业",
    "C28": "化学纤维制造业", "C29": "橡胶和塑料制品业", "C30": "非金属矿物制品业",
    "C31": "黑色金属冶炼和压延加工业", "C32": "有色金属冶炼和压延加工业", "C33": "金属制品业",
    "C34": "通用设备制造业", "C35": "专用设备制造业", "C36": "汽车制造业",
    "C37": "铁路、船舶、航空航天和其他运输设备制造业", "C38": "电气机械和器材制造业",
    "C39": "计算机、通信和其他电子设备制造业", "C40": "仪器仪表制造业",
    "D44": "电力、热力生产和供应业", "D45": "燃气生产和供应业", "D46": "水的生产和供应业",
    "E47": "房屋建筑业", "E48": "土木工程建筑业", "E50": "建筑装饰、装修和其他建筑业",
    "F51": "批发业", "F52": "零售业", "G53": "铁路运输业", "G54": "道路运输业", "G55": "水上运输业",
    "G56": "航空运输业", "G58": "多式联运和运输代理业", "G59": "装卸搬运和仓储业",
    "H61": "住宿业", "H62": "餐饮业", "I63": "电信、广播电视和卫星传输服务", "I64": "互联网和相关服务",
    "I65": "软件和信息技术服务业", "J66": "货币金融服务", "J67": "资本市场服务", "J68": "保险业",
    "J69": "其他金融业", "K70": "房地产业", "L71": "租赁业", "L72": "商务服务业",
    "M73": "研究和试验发展", "M74": "专业技术服务业", "N76": "水利管理业", "N77": "生态保护和环境治理业",
    "N78": "公共设施管理业", "P83": "教育", "Q84": "卫生", "R86": "广播、电视、电影和录音制作业",
    "S92": "国家机构", "UNKNOWN": "未识别（穿透后无法识别）",
}

REGIONS = {
    "CN-BJ": "北京", "CN-TJ": "天津", "CN-HE": "河北", "CN-SX": "山西", "CN-NM": "内蒙古", "CN-LN": "辽宁",
    "CN-JL": "吉林", "CN-HL": "黑龙江", "CN-SH": "上海", "CN-JS": "江苏", "CN-ZJ": "浙江", "CN-AH": "安徽",
    "CN-FJ": "福建", "CN-JX": "江西", "CN-SD": "山东", "CN-HA": "河南", "CN-HB": "湖北", "CN-HN": "湖南",
    "CN-GD": "广东", "CN-GX": "广西", "CN-HI": "海南", "CN-CQ": "重庆", "CN-SC": "四川", "CN-GZ": "贵州",
    "CN-YN": "云南", "CN-XZ": "西藏", "CN-SN": "陕西", "CN-GS": "甘肃", "CN-QH": "青海", "CN-NX": "宁夏",
    "CN-XJ": "新疆", "HK": "中国香港", "MO": "中国澳门", "TW": "中国台湾", "CN-HK": "中国香港",
    "CN-MO": "中国澳门", "US": "美国", "GB": "英国", "DE": "德国", "FR": "法国", "JP": "日本", "SG": "新加坡",
    "KR": "韩国", "AU": "澳大利亚", "CA": "加拿大", "CH": "瑞士", "NL": "荷兰", "LU": "卢森堡",
    "UNKNOWN": "未识别（穿透后无法识别）",
}

UNKNOWN_COUNTERPARTY = "未识别底层资产（穿透后无法识别）"


def dimension_name(dim: str) -> str:
    return DIMENSIONS.get(dim, dim)


def industry_name(code: str) -> str:
    name = INDUSTRIES.get(code)
    return f"{name}（{code}）" if name and code != "UNKNOWN" else (name or code)


def region_name(code: str) -> str:
    return REGIONS.get(code, code)


def short_company(name: str) -> str:
    """澄川人寿保险股份有限公司 -> 澄川人寿保险: legal-form suffixes dropped for narrow table columns."""
    for suffix in ("股份有限公司", "有限责任公司", "集团有限公司", "有限公司"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)] + ("集团" if suffix == "集团有限公司" else "")
    return name
