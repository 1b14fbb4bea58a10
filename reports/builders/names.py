"""Chinese names of the codes a report shows: dimensions, asset classes, bases, industries, regions, case
states and causes, member kinds. Codes not listed read as themselves (a group may use its own codes)."""
from __future__ import annotations

import weakref

from core.concentration.groups import group_heads
from wording import codes

DIMENSIONS = {
    "single_asset": "单一资产", "counterparty": "单一交易对手", "counterparty_group": "交易对手集团",
    "related_party": "关联方", "asset_class": "大类资产", "overseas": "境外投资", "industry": "行业",
    "region": "地区", "customer": "客户", "business_line": "业务线", "premium_region": "保费地域",
    "reinsurer": "再保险人",
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
EVENT_KINDS = {"limit_breach": "超过集中度限额", "counterparty_default": "交易对手违约", "downgrade": "交易对手评级下调",
               "catastrophe": "巨灾", "other": "其他重大集中度风险事件"}
CAUSES = {"market_movement": "市场变动", "new_business": "新增业务或投资", "data_correction": "数据更正",
          "other": "其他原因"}

# Industry (GB/T 4754-2017 divisions) and region names: one table for the GUI and the reports.
INDUSTRIES = {**codes.INDUSTRY_ZH, "UNKNOWN": codes.UNKNOWN_NAME["zh"]}
REGIONS = {**{code: names[0] for code, names in codes.REGIONS.items()}, "UNKNOWN": codes.UNKNOWN_NAME["zh"]}

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


_GROUP_NAMES: dict[int, dict] = {}     # id(counterparties frame) -> {group key: shown name}, while it lives


def group_name(counterparties, key: str) -> str | None:
    """"DEVHOLD 控股 等 3 家" for a counterparty group headed by a company other than its key (the key stays
    the contract's), None otherwise. Worked out once per counterparties frame."""
    if counterparties is None:
        return None
    table = _GROUP_NAMES.get(id(counterparties))
    if table is None:
        names = dict(zip(counterparties["counterparty_id"].astype(str).to_numpy(dtype=object).tolist(),
                         counterparties["name"].astype(str).to_numpy(dtype=object).tolist()))
        table = {k: codes.group_name(names.get(head) or head, size, "zh")
                 for k, (head, size) in group_heads(counterparties).items()}
        _GROUP_NAMES[id(counterparties)] = table
        weakref.finalize(counterparties, _GROUP_NAMES.pop, id(counterparties), None)
    return table.get(key)
