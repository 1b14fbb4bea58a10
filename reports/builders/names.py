"""Chinese names of the codes a report shows: dimensions, asset classes, bases, industries, regions, case
states and causes, event kinds, all read from wording.codes (no table of words of its own). Codes not listed
read as themselves (a group may use its own codes)."""
from __future__ import annotations

import weakref

from core.concentration.groups import group_heads
from core.concentration.model import ASSET_CLASSES as ASSET_CLASS_ORDER
from wording import codes

# The Chinese column of wording.codes' tables, the one owner of these words (the screens read the same).
ASSET_CLASSES = {code: codes.ASSET_KEYS[code][0] for code in ASSET_CLASS_ORDER}
OVERSEAS = {code: codes.ASSET_KEYS[code][0] for code in ("overseas", "domestic")}
BASES = codes.words(codes.BASES, "zh")
CASE_STATES = codes.words(codes.CASE_STATES, "zh")
EVENT_KINDS = codes.words(codes.EVENT_KINDS, "zh")
CAUSES = codes.words(codes.CASE_CAUSES, "zh")

# Industry (GB/T 4754-2017 divisions) and region names: one table for the GUI and the reports.
INDUSTRIES = {**codes.INDUSTRY_ZH, "UNKNOWN": codes.UNKNOWN_NAME["zh"]}
REGIONS = {**{code: names[0] for code, names in codes.REGIONS.items()}, "UNKNOWN": codes.UNKNOWN_NAME["zh"]}

UNKNOWN_COUNTERPARTY = codes.SPECIAL_KEYS["UNKNOWN"][0]


def dimension_name(dim: str) -> str:
    return codes.dimension_name(dim, "zh")


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
