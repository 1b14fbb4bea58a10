"""Rating rulebooks: load, validate and describe the TOML files under resources/rulebooks.

A rulebook holds every number the rating engine uses (weights, bands, thresholds, adjustment rules,
measures), each with its source tag, so that nothing regulatory is a constant in code and a past
assessment can be recomputed under exactly the version (and file hash) it was made with.

Problems in a rulebook file are reported as `InputProblem`s (file = the TOML path, column = the dotted
field path) and raised together as one `InputError`.
"""
from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Mapping

from core.problems import InputError, InputProblem

RULEBOOK_DIR = Path(__file__).resolve().parents[2] / "resources" / "rulebooks"
DEFAULT_RULEBOOK = "life-2024"
SOURCE_TAGS = ("article", "news", "judgement", "rule")
SCHEMES = ("life", "unified")
RULE_KINDS = ("raise", "set", "cap", "override")
# The tests the engine knows; a rulebook picks one per rule and supplies its parameters.
RULE_TESTS = ("high_dimension_count", "high_in_dimensions", "aggressive_expansion",
              "related_party_concentration", "negative_net_assets", "flag_only")
RISK_LEVELS = ("low", "medium", "high")
# docs/interfaces.md: life, health, pc, reinsurance, group; "other" is kept because inputs saved before
# "health" existed may carry it.
COMPANY_TYPES = ("life", "health", "pc", "reinsurance", "group", "other")
# How a score meets a band (rating.md "No rounding before a band"): on the exact value, or rounded half-up
# to two decimals first (for a group that learns the regulator rounds first).
SCORE_ROUNDINGS = ("none", "half_up_2")
ONE = Decimal(1)
ZERO = Decimal(0)
_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Item:
    """A sub-category (要点) of a dimension, scored 0-100; its weight is its share of the dimension."""

    id: str
    name_zh: str
    name_en: str
    weight: Decimal
    source: str


@dataclass(frozen=True)
class Dimension:
    """A dimension (life) or element (unified). `weight` is None where the officer sets it (unified)."""

    key: str
    name_zh: str
    name_en: str
    weight: Decimal | None
    source: str
    items: tuple[Item, ...] = ()
    floor: Decimal | None = None      # unified: the smallest weight allowed
    optional: bool = False            # unified: may be left out of the weights

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)


@dataclass(frozen=True)
class Band:
    """A score interval mapped to a label (a risk level or a rating level); None bound = open."""

    level: str
    lower: Decimal | None
    lower_inclusive: bool
    upper: Decimal | None
    upper_inclusive: bool
    source: str

    def contains(self, x: Decimal) -> bool:
        if self.lower is not None and (x < self.lower or (x == self.lower and not self.lower_inclusive)):
            return False
        if self.upper is not None and (x > self.upper or (x == self.upper and not self.upper_inclusive)):
            return False
        return True

    def smallest_2dp(self) -> Decimal | None:
        """The smallest two-decimal score in the band (80 exclusive -> 80.01); None if unbounded below."""
        if self.lower is None:
            return None
        step = Decimal("0.01")
        x = self.lower.quantize(step, rounding="ROUND_CEILING")
        if x == self.lower and not self.lower_inclusive:
            x += step
        return x


@dataclass(frozen=True)
class Rule:
    """One adjustment rule (U1-U5, M1-M7, S): how it is tested, what it does, where it comes from."""

    id: str
    kind: str                     # raise | set | cap | override
    test: str                     # one of RULE_TESTS
    flag: bool                    # the officer can tick it
    source: str
    params: Mapping[str, Any] = field(default_factory=dict)
    param_sources: Mapping[str, str] = field(default_factory=dict)
    to_level: str | None = None   # set/cap/override: the level it sets or caps at
    steps: int = 1                # raise: how many levels

    def param_source(self, name: str) -> str:
        return self.param_sources.get(name, self.source)

    @property
    def target_level(self) -> str:
        """The level a set/cap/override rule moves to (parse_rulebook refuses such a rule without one)."""
        if self.to_level is None:
            raise ValueError(f"rule {self.id} ({self.kind}) has no to_level")
        return self.to_level


@dataclass(frozen=True)
class SolvencyStandard:
    """C-ROSS standard shown next to M3 (informational): core >= core_min, comprehensive >= ..., IRR."""

    core_min: Decimal
    comprehensive_min: Decimal
    irr_worst: str
    source: str
    cites: str = ""


@dataclass(frozen=True)
class Rulebook:
    id: str
    version: str
    scheme: str
    title: str
    title_en: str
    issuing_doc: str
    effective: date
    deadline: str                         # "MM-DD" of the year after the rated period
    deadline_source: str
    levels: tuple[str, ...]               # best to worst, without the override level
    override_level: str
    dimensions: tuple[Dimension, ...]
    risk_bands: tuple[Band, ...]
    composite_bands: tuple[Band, ...] | None   # unified: built from brackets, None until given
    rules: tuple[Rule, ...]
    measures: Mapping[str, tuple[str, ...]]
    esg_bonus_cap: Decimal | None         # None = no ESG bonus in this rulebook
    esg_bonus_source: str | None = None
    issued: date | None = None
    weights: Mapping[str, Decimal] | None = None      # unified: officer weights stored in the file
    brackets: Mapping[str, Decimal] | None = None     # unified: officer brackets stored in the file
    type_specific_max: Decimal | None = None
    max_type_specific: int = 0
    reinsurer_may_drop: tuple[str, ...] = ()
    solvency_standard: SolvencyStandard | None = None
    score_rounding: str = "none"          # one of SCORE_ROUNDINGS
    score_rounding_source: str | None = None
    esg_bonus_rule_source: str | None = None   # the bonus itself (the cap has esg_bonus_source)
    applies_to: tuple[str, ...] | None = None   # company types in scope; None = every type
    applies_to_source: str | None = None
    out_of_scope_rulebook: str | None = None     # the rulebook to use for a company out of scope
    measure_sources: Mapping[str, str] = field(default_factory=dict)   # level -> tag, else measures_source
    measures_source: str | None = None
    source_texts: Mapping[str, str] = field(default_factory=dict)      # tag -> what it stands for
    path: str | None = None
    sha256: str = ""

    @property
    def all_levels(self) -> tuple[str, ...]:
        return self.levels + (self.override_level,)

    @property
    def worst_level(self) -> str:
        return self.levels[-1]

    def dimension(self, key: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.key == key), None)

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    @property
    def flag_rules(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.rules if r.flag)

    def measure_source(self, level: str) -> str | None:
        """The source tag of the measures of `level` (levels 1, 2 and S come from press reports)."""
        return self.measure_sources.get(level, self.measures_source)

    def in_scope(self, company_type: str | None) -> bool:
        """Whether a company of that type may be rated under this rulebook (unknown type: yes)."""
        return company_type is None or self.applies_to is None or company_type in self.applies_to

    def level_index(self, level: str) -> int:
        return self.levels.index(level)

    def fixed_weights(self) -> dict[str, Decimal] | None:
        """The dimension weights the rulebook fixes (life), else the officer weights stored in it."""
        if all(d.weight is not None for d in self.dimensions):
            return {d.key: d.weight for d in self.dimensions if d.weight is not None}
        return dict(self.weights) if self.weights is not None else None


@dataclass(frozen=True)
class RulebookInfo:
    """What a picker shows before loading: id, version, title, and the file."""

    id: str
    version: str
    title: str
    issuing_doc: str
    path: str


# ---------------------------------------------------------------------------------------------- loading

def _version_key(version: str):
    # "2024.10" sorts after "2024.9": compare numeric parts as numbers
    return [(0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"[.\-]", version)]


def _read_toml(path: Path) -> tuple[bytes, dict]:
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    return raw, tomllib.loads(text, parse_float=Decimal)


def available_rulebooks(directory: Path | str | None = None) -> list[RulebookInfo]:
    """Every readable rulebook file in `directory` (default: resources/rulebooks), by id then version."""
    directory = Path(directory) if directory else RULEBOOK_DIR
    found = [info for path in sorted(directory.glob("*.toml")) if (info := _rulebook_info(path)) is not None]
    return sorted(found, key=lambda i: (i.id, _version_key(i.version)))


# path -> ((mtime_ns, size), its listing entry or None): the screens list the rulebooks on every refresh, and
# parsing every file each time was a tenth of the rating screen's work; a file written since is read again
_INFO_CACHE: dict[Path, tuple[tuple[int, int], RulebookInfo | None]] = {}


def _rulebook_info(path: Path) -> RulebookInfo | None:
    """The listing entry of one rulebook file, None when it is not a readable rulebook."""
    try:
        st = path.stat()
    except OSError:
        return None
    stamp = (st.st_mtime_ns, st.st_size)
    cached = _INFO_CACHE.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    info = None
    try:
        _, data = _read_toml(path)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        pass  # a broken file is reported when someone loads it, not in a listing
    else:
        if isinstance(data.get("id"), str) and isinstance(data.get("version"), str):
            info = RulebookInfo(data["id"], data["version"], str(data.get("title", "")),
                                str(data.get("issuing_doc", "")), str(path))
    _INFO_CACHE[path] = (stamp, info)
    return info


# (rulebook id, version) of the files released before `score_rounding` existed (see _parse).
_ROUNDED_BEFORE_BANDING = frozenset({("life-2024", "2024.1"), ("unified-2025", "2025.1")})


def load_rulebook(rulebook_id: str, version: str | None = None,
                  directory: Path | str | None = None) -> Rulebook:
    """The rulebook with that id (and version; default the latest). Unknown -> InputError."""
    matches = [i for i in available_rulebooks(directory) if i.id == rulebook_id
               and (version is None or i.version == version)]
    if not matches:
        known = sorted({i.id for i in available_rulebooks(directory)})
        code = "unknown_rulebook" if version is None or not any(
            i.id == rulebook_id for i in available_rulebooks(directory)) else "unknown_rulebook_version"
        raise InputError([InputProblem(code, column="rulebook", value=rulebook_id if code == "unknown_rulebook"
                                       else version, detail={"known": ", ".join(known), "rulebook": rulebook_id})])
    return load_rulebook_file(matches[-1].path)


def load_rulebook_file(path: Path | str) -> Rulebook:
    """Load and validate one rulebook file; every problem found is raised together."""
    path = Path(path)
    file = str(path)
    try:
        raw, data = _read_toml(path)
    except FileNotFoundError:
        raise InputError([InputProblem("file_not_found", file=file)]) from None
    except UnicodeDecodeError:
        raise InputError([InputProblem("bad_encoding", file=file)]) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError([InputProblem("broken_toml", file=file, detail={"reason": str(exc)})]) from None
    except OSError as exc:
        raise InputError([InputProblem("unreadable_file", file=file, detail={"reason": str(exc)})]) from None
    return parse_rulebook(data, file, raw)


class _Checker:
    """Collects problems while reading a rulebook dict, so one pass reports them all."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[InputProblem] = []

    def add(self, code: str, column: str | None = None, value: Any = None, **detail) -> None:
        self.problems.append(InputProblem(code, file=self.file, column=column, value=value, detail=detail))

    def text(self, table: Mapping, key: str, path: str, required: bool = True, default: str = "") -> str:
        if key not in table:
            if required:
                self.add("missing_field", _join(path, key))
            return default
        v = table[key]
        if not isinstance(v, str):
            self.add("wrong_type", _join(path, key), v, expected="text")
            return default
        return v

    def number(self, table: Mapping, key: str, path: str, required: bool = True,
               lo: Decimal | None = None, hi: Decimal | None = None) -> Decimal | None:
        if key not in table:
            if required:
                self.add("missing_field", _join(path, key))
            return None
        v = table[key]
        if isinstance(v, bool) or not isinstance(v, (int, Decimal)):
            self.add("not_a_number", _join(path, key), v)
            return None
        d = Decimal(v)
        if (lo is not None and d < lo) or (hi is not None and d > hi):
            self.add("out_of_range", _join(path, key), d, min=lo if lo is not None else "",
                     max=hi if hi is not None else "")
            return None
        return d

    def source(self, table: Mapping, path: str, key: str = "source", required: bool = True) -> str:
        if key not in table:
            if required:
                self.add("rulebook_missing_source", _join(path, key))
            return ""
        v = table[key]
        if v not in SOURCE_TAGS:
            self.add("rulebook_bad_source", _join(path, key), v, choices=", ".join(SOURCE_TAGS))
            return ""
        return v


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _date(c: _Checker, data: Mapping, key: str, required: bool) -> date | None:
    if key not in data:
        if required:
            c.add("missing_field", key)
        return None
    v = data[key]
    if isinstance(v, date):
        return v
    c.add("not_a_date", key, v)
    return None


def parse_rulebook(data: Mapping[str, Any], file: str, raw: bytes = b"") -> Rulebook:  # noqa: C901 - a flat validator: one check per section, each reported
    """Validate a rulebook read from TOML (floats as Decimal) and build it; InputError on any problem."""
    c = _Checker(file)
    rb_id = c.text(data, "id", "")
    version = c.text(data, "version", "")
    scheme = c.text(data, "scheme", "")
    if scheme and scheme not in SCHEMES:
        c.add("unknown_choice", "scheme", scheme, choices=", ".join(SCHEMES))
    title = c.text(data, "title", "")
    title_en = c.text(data, "title_en", "", required=False)
    issuing_doc = c.text(data, "issuing_doc", "")
    effective = _date(c, data, "effective", True)
    issued = _date(c, data, "issued", False)
    deadline = c.text(data, "deadline", "")
    if deadline and not re.fullmatch(r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])", deadline):
        c.add("rulebook_bad_deadline", "deadline", deadline)
    deadline_source = c.source(data, "", "deadline_source")

    levels = data.get("levels")
    if not (isinstance(levels, list) and levels and all(isinstance(x, str) for x in levels)):
        c.add("missing_field" if levels is None else "wrong_type", "levels", levels, expected="a list of level names")
        levels = []
    elif len(set(levels)) != len(levels):
        c.add("rulebook_duplicate_key", "levels", next(x for x in levels if levels.count(x) > 1))
    override = c.text(data, "override_level", "")
    all_levels = tuple(levels) + ((override,) if override else ())

    dimensions = _dimensions(c, data.get("dimensions"), scheme)
    risk_bands = _bands(c, data.get("risk_bands"), "risk_bands", RISK_LEVELS, required=True)
    composite_bands = _bands(c, data.get("composite_bands"), "composite_bands", tuple(levels),
                             required=scheme == "life")

    esg = data.get("esg_bonus")
    esg_cap = esg_source = esg_rule_source = None
    if esg is not None:
        if not isinstance(esg, Mapping):
            c.add("wrong_type", "esg_bonus", esg, expected="a table")
        else:
            esg_cap = c.number(esg, "cap", "esg_bonus", lo=ZERO)
            esg_source = c.source(esg, "esg_bonus")
            esg_rule_source = c.source(esg, "esg_bonus", "bonus_source", required=False) or None

    # Versions released while the engine rounded half-up to two decimals before banding say nothing of a
    # convention; their files are kept byte-identical (a saved assessment's rulebook_sha256 must still match),
    # so their convention is known here rather than written into them.
    legacy = (data.get("id"), data.get("version")) in _ROUNDED_BEFORE_BANDING
    score_rounding = c.text(data, "score_rounding", "", required=False,
                            default="half_up_2" if legacy else "none")
    if score_rounding not in SCORE_ROUNDINGS:
        c.add("unknown_choice", "score_rounding", score_rounding, choices=", ".join(SCORE_ROUNDINGS))
        score_rounding = "none"
    score_rounding_source = c.source(data, "", "score_rounding_source", required="score_rounding" in data) or (
        "judgement" if legacy else None)

    applies_to = None
    if "applies_to" in data:
        raw_types = data["applies_to"]
        if not (isinstance(raw_types, list) and raw_types and all(isinstance(x, str) for x in raw_types)):
            c.add("wrong_type", "applies_to", raw_types, expected="a list of company types")
        else:
            for t in raw_types:
                if t not in COMPANY_TYPES:
                    c.add("unknown_choice", "applies_to", t, choices=", ".join(COMPANY_TYPES))
            applies_to = tuple(raw_types)
    applies_to_source = c.source(data, "", "applies_to_source", required=applies_to is not None) or None
    out_of_scope = c.text(data, "out_of_scope_rulebook", "", required=False) or None

    source_texts: dict[str, str] = {}
    raw_sources = data.get("sources")
    if raw_sources is not None:
        if not isinstance(raw_sources, Mapping):
            c.add("wrong_type", "sources", raw_sources, expected="a table {tag: text}")
        else:
            for tag, text in raw_sources.items():
                if tag not in SOURCE_TAGS:
                    c.add("rulebook_bad_source", f"sources.{tag}", tag, choices=", ".join(SOURCE_TAGS))
                elif not isinstance(text, str):
                    c.add("wrong_type", f"sources.{tag}", text, expected="text")
                else:
                    source_texts[tag] = text

    rules = _rules(c, data.get("rules"), all_levels)
    measures = _measures(c, data.get("measures"), all_levels)
    measures_source, measure_sources = _measure_sources(c, data.get("measures"), all_levels)

    solvency = None
    ss = data.get("solvency_standard")
    if isinstance(ss, Mapping):
        core_min = c.number(ss, "core_min", "solvency_standard", lo=ZERO)
        comp_min = c.number(ss, "comprehensive_min", "solvency_standard", lo=ZERO)
        irr = c.text(ss, "irr_worst", "solvency_standard")
        if irr and irr not in IRR_ORDER:
            c.add("unknown_choice", "solvency_standard.irr_worst", irr, choices=", ".join(IRR_ORDER))
        src = c.source(ss, "solvency_standard")
        if core_min is not None and comp_min is not None:
            solvency = SolvencyStandard(core_min, comp_min, irr, src, str(ss.get("cites", "")))

    type_specific_max = None
    max_type_specific = 0
    reinsurer_may_drop: tuple[str, ...] = ()
    unified = data.get("unified")
    if scheme == "unified":
        if not isinstance(unified, Mapping):
            c.add("missing_field", "unified")
        else:
            type_specific_max = c.number(unified, "type_specific_max", "unified", lo=ZERO, hi=ONE)
            c.source(unified, "unified")
            n = unified.get("max_type_specific", 0)
            max_type_specific = n if isinstance(n, int) and not isinstance(n, bool) and n >= 0 else 0
            drop = unified.get("reinsurer_may_drop", [])
            reinsurer_may_drop = tuple(x for x in drop if isinstance(x, str)) if isinstance(drop, list) else ()
            for key in reinsurer_may_drop:
                if not any(d.key == key for d in dimensions):
                    c.add("rulebook_unknown_dimension", "unified.reinsurer_may_drop", key)
        if esg is not None:
            c.add("rulebook_esg_not_allowed", "esg_bonus")
        floors = sum((d.floor for d in dimensions if d.floor is not None), ZERO)
        if floors > ONE:
            # no set of weights could respect every floor and still sum to 100%
            c.add("rulebook_floors_exceed_one", "dimensions", floors, total=floors)

    provisional = Rulebook(
        id=rb_id, version=version, scheme=scheme, title=title, title_en=title_en, issuing_doc=issuing_doc,
        effective=effective or date(1970, 1, 1), deadline=deadline, deadline_source=deadline_source,
        levels=tuple(levels), override_level=override, dimensions=dimensions,
        risk_bands=risk_bands or (),   # None only with a problem on record: refused below, never returned
        composite_bands=composite_bands, rules=rules, measures=measures, esg_bonus_cap=esg_cap,
        esg_bonus_source=esg_source, issued=issued, type_specific_max=type_specific_max,
        max_type_specific=max_type_specific, reinsurer_may_drop=reinsurer_may_drop,
        solvency_standard=solvency, score_rounding=score_rounding, score_rounding_source=score_rounding_source,
        esg_bonus_rule_source=esg_rule_source, applies_to=applies_to, applies_to_source=applies_to_source,
        out_of_scope_rulebook=out_of_scope, measure_sources=measure_sources, measures_source=measures_source,
        source_texts=source_texts, path=file, sha256=hashlib.sha256(raw).hexdigest())

    weights = brackets = None
    if scheme == "life":
        total = sum((d.weight for d in dimensions if d.weight is not None), ZERO)
        if any(d.weight is None for d in dimensions):
            pass  # reported per dimension already
        elif dimensions and total != ONE:
            c.add("weights_sum_not_one", "dimensions", total, total=total)
        for name in ("weights", "brackets"):
            if name in data:
                c.add("rulebook_field_not_for_scheme", name, scheme=scheme)
    elif scheme == "unified" and not c.problems:
        # Officer weights/brackets saved in the file are held to the same rules as those in an input.
        if "weights" in data:
            weights = _decimal_table(c, data["weights"], "weights")
            if weights is not None:
                c.problems += check_unified_weights(weights, provisional, data.get("company_type"), file)
        if "brackets" in data:
            brackets = _decimal_table(c, data["brackets"], "brackets")
            if brackets is not None:
                c.problems += check_brackets(brackets, provisional, file)
    if c.problems:
        raise InputError(c.problems)
    if scheme == "unified" and brackets is not None:
        composite_bands = bands_from_brackets(brackets, tuple(levels))
    return replace(provisional, weights=weights, brackets=brackets, composite_bands=composite_bands)


def _decimal_table(c: _Checker, table: Any, path: str) -> dict[str, Decimal] | None:
    if not isinstance(table, Mapping):
        c.add("wrong_type", path, table, expected="a table")
        return None
    out = {}
    for k, v in table.items():
        if isinstance(v, bool) or not isinstance(v, (int, Decimal)):
            c.add("not_a_number", f"{path}.{k}", v)
        else:
            out[k] = Decimal(v)
    return out if len(out) == len(table) else None


def _dimensions(c: _Checker, raw: Any, scheme: str) -> tuple[Dimension, ...]:
    if not isinstance(raw, list) or not raw:
        c.add("missing_field", "dimensions")
        return ()
    dims, seen = [], set()
    for n, d in enumerate(raw):
        if not isinstance(d, Mapping):
            c.add("wrong_type", f"dimensions[{n}]", d, expected="a table")
            continue
        key = c.text(d, "key", f"dimensions[{n}]")
        path = f"dimensions.{key}" if key else f"dimensions[{n}]"
        if key and not _KEY_RE.match(key):
            c.add("rulebook_bad_key", _join(path, "key"), key)
        if key in seen:
            c.add("rulebook_duplicate_key", _join(path, "key"), key)
        seen.add(key)
        src = c.source(d, path)
        if scheme == "life":
            weight = c.number(d, "weight", path, lo=ZERO, hi=ONE)
            floor = None
        else:
            weight = c.number(d, "weight", path, required=False, lo=ZERO, hi=ONE)
            floor = c.number(d, "floor", path, lo=ZERO, hi=ONE)
        items = _items(c, d.get("items", []), path)
        dims.append(Dimension(key=key, name_zh=c.text(d, "name_zh", path), name_en=c.text(d, "name_en", path),
                              weight=weight, source=src, items=items, floor=floor,
                              optional=bool(d.get("optional", False))))
    return tuple(dims)


def _items(c: _Checker, raw: Any, path: str) -> tuple[Item, ...]:
    if not isinstance(raw, list):
        c.add("wrong_type", _join(path, "items"), raw, expected="a list")
        return ()
    items, seen = [], set()
    for n, it in enumerate(raw):
        if not isinstance(it, Mapping):
            c.add("wrong_type", f"{path}.items[{n}]", it, expected="a table")
            continue
        iid = c.text(it, "id", f"{path}.items[{n}]")
        ipath = f"{path}.items.{iid}" if iid else f"{path}.items[{n}]"
        if iid in seen:
            c.add("rulebook_duplicate_key", _join(ipath, "id"), iid)
        seen.add(iid)
        w = c.number(it, "weight", ipath, lo=ZERO, hi=ONE)
        items.append(Item(iid, c.text(it, "name_zh", ipath), c.text(it, "name_en", ipath, required=False),
                          w if w is not None else ZERO, c.source(it, ipath)))
    if items and len(items) == len(raw):
        total = sum((i.weight for i in items), ZERO)
        if total != ONE:
            c.add("item_weights_sum_not_one", _join(path, "items"), total, total=total)
    return tuple(items)


def _bands(c: _Checker, raw: Any, path: str, labels: tuple[str, ...], required: bool) -> tuple[Band, ...] | None:
    if raw is None:
        if required:
            c.add("missing_field", path)
        return None
    if not isinstance(raw, list) or not raw:
        c.add("wrong_type", path, raw, expected="a list of bands")
        return None
    bands: list[Band] = []
    before = len(c.problems)
    for n, b in enumerate(raw):
        if not isinstance(b, Mapping):
            c.add("wrong_type", f"{path}[{n}]", b, expected="a table")
            continue
        level = c.text(b, "level", f"{path}[{n}]")
        bpath = f"{path}.{level}" if level else f"{path}[{n}]"
        if level and level not in labels:
            c.add("unknown_choice", _join(bpath, "level"), level, choices=", ".join(labels))
        if level in [x.level for x in bands]:
            c.add("rulebook_duplicate_key", _join(bpath, "level"), level)
        if "gt" in b and "ge" in b or "lt" in b and "le" in b:
            c.add("rulebook_band_two_bounds", bpath)
            continue
        lo_key = "gt" if "gt" in b else "ge" if "ge" in b else None
        hi_key = "lt" if "lt" in b else "le" if "le" in b else None
        lo = c.number(b, lo_key, bpath) if lo_key else None
        hi = c.number(b, hi_key, bpath) if hi_key else None
        src = c.source(b, bpath)
        if lo is not None and hi is not None and (lo > hi or (lo == hi and not (lo_key == "ge" and hi_key == "le"))):
            c.add("rulebook_band_empty", bpath, f"{lo}..{hi}")
        bands.append(Band(level, lo, lo_key == "ge", hi, hi_key == "le", src))
    if len(c.problems) == before:
        for code, where in band_coverage_problems(bands):
            c.add(code, f"{path}.{where}" if where else path, where)
    return tuple(bands)


def band_coverage_problems(bands: Iterable[Band]) -> list[tuple[str, str | None]]:
    """Gaps and overlaps: the bands must cover every score exactly once (codes with the band at fault)."""
    bands = sorted(bands, key=lambda b: (b.lower is not None, b.lower if b.lower is not None else ZERO,
                                         not b.lower_inclusive))
    out: list[tuple[str, str | None]] = []
    if not bands:
        return out
    if bands[0].lower is not None:
        out.append(("rulebook_band_gap", bands[0].level))       # nothing covers the lowest scores
    if bands[-1].upper is not None:
        out.append(("rulebook_band_gap", bands[-1].level))      # nothing covers the highest scores
    for a, b in zip(bands, bands[1:]):
        if a.upper is None or b.lower is None:
            out.append(("rulebook_band_overlap", b.level))
        elif a.upper < b.lower or (a.upper == b.lower and not a.upper_inclusive and not b.lower_inclusive):
            out.append(("rulebook_band_gap", b.level))
        elif a.upper > b.lower or (a.upper_inclusive and b.lower_inclusive):
            out.append(("rulebook_band_overlap", b.level))
    return out


def _rules(c: _Checker, raw: Any, levels: tuple[str, ...]) -> tuple[Rule, ...]:
    if not isinstance(raw, list) or not raw:
        c.add("missing_field", "rules")
        return ()
    rules, seen = [], set()
    base_keys = {"id", "kind", "test", "flag", "source", "to_level", "steps"}
    for n, r in enumerate(raw):
        if not isinstance(r, Mapping):
            c.add("wrong_type", f"rules[{n}]", r, expected="a table")
            continue
        rid = c.text(r, "id", f"rules[{n}]")
        path = f"rules.{rid}" if rid else f"rules[{n}]"
        if rid in seen:
            c.add("rulebook_duplicate_key", _join(path, "id"), rid)
        seen.add(rid)
        kind = c.text(r, "kind", path)
        if kind and kind not in RULE_KINDS:
            c.add("unknown_choice", _join(path, "kind"), kind, choices=", ".join(RULE_KINDS))
        test = c.text(r, "test", path)
        if test and test not in RULE_TESTS:
            c.add("unknown_choice", _join(path, "test"), test, choices=", ".join(RULE_TESTS))
        to_level = None
        if kind in ("set", "cap", "override"):
            to_level = c.text(r, "to_level", path)
            if to_level and to_level not in levels:
                c.add("unknown_choice", _join(path, "to_level"), to_level, choices=", ".join(levels))
        steps = r.get("steps", 1)
        if kind == "raise" and (isinstance(steps, bool) or not isinstance(steps, int) or steps < 1):
            c.add("wrong_type", _join(path, "steps"), steps, expected="a whole number of levels ≥ 1")
            steps = 1
        flag = r.get("flag", False)
        if not isinstance(flag, bool):
            c.add("not_a_boolean", _join(path, "flag"), flag)
            flag = False
        src = c.source(r, path)
        params, psources = {}, {}
        for k, v in r.items():
            if k in base_keys:
                continue
            if k.endswith("_source"):
                psources[k[: -len("_source")]] = c.source(r, path, k)
            else:
                params[k] = Decimal(v) if isinstance(v, int) and not isinstance(v, bool) else v
        for k in psources:
            if k not in params and k not in base_keys:
                c.add("rulebook_source_without_value", _join(path, f"{k}_source"))
        _check_rule_params(c, test, params, path)
        rules.append(Rule(rid, kind, test, flag, src, params, psources, to_level,
                          steps if isinstance(steps, int) else 1))
    return tuple(rules)


# parameter name -> (required, may be "none")
_TEST_PARAMS = {
    "high_dimension_count": {"min_high": (True, False)},
    "high_in_dimensions": {"dimensions": (True, False)},
    "aggressive_expansion": {"premium_to_net_assets_max": (True, False), "growth_max": (True, False),
                             "industry_growth_margin": (True, True), "min_years_for_industry_test": (True, False)},
    "related_party_concentration": {"related_party_to_net_assets_max": (True, False)},
    "negative_net_assets": {"net_assets_min": (True, False)},
    "flag_only": {},
}


def _check_rule_params(c: _Checker, test: str, params: dict, path: str) -> None:
    spec = _TEST_PARAMS.get(test)
    if spec is None:
        return
    for name, (required, may_be_none) in spec.items():
        if name not in params:
            if required:
                c.add("missing_field", _join(path, name))
            continue
        v = params[name]
        if name == "dimensions":
            if not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
                c.add("wrong_type", _join(path, name), v, expected="a list of dimension keys")
        elif not (isinstance(v, Decimal) or (may_be_none and v == "none")):
            c.add("not_a_number", _join(path, name), v)


def _measures(c: _Checker, raw: Any, levels: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, Mapping):
        c.add("missing_field", "measures")
        return {}
    out = {}
    for level, codes in raw.items():
        if level in ("source", "sources"):
            continue
        if level not in levels:
            c.add("unknown_choice", f"measures.{level}", level, choices=", ".join(levels))
        elif not (isinstance(codes, list) and all(isinstance(x, str) for x in codes)):
            c.add("wrong_type", f"measures.{level}", codes, expected="a list of measure codes")
        else:
            out[level] = tuple(codes)
    for level in levels:
        if level not in out and level not in raw:
            c.add("missing_field", f"measures.{level}")
    return out


def _measure_sources(c: _Checker, raw: Any, levels: tuple[str, ...]) -> tuple[str | None, dict[str, str]]:
    """The default source of the measures and, in `sources`, the levels whose measures come from elsewhere."""
    if not isinstance(raw, Mapping):
        return None, {}   # reported by _measures
    default = c.source(raw, "measures") or None
    per_level = raw.get("sources")
    out: dict[str, str] = {}
    if per_level is None:
        return default, out
    if not isinstance(per_level, Mapping):
        c.add("wrong_type", "measures.sources", per_level, expected="a table {level: source tag}")
        return default, out
    for level in per_level:
        if level not in levels:
            c.add("unknown_choice", f"measures.sources.{level}", level, choices=", ".join(levels))
            continue
        tag = c.source(per_level, "measures.sources", level)
        if tag:
            out[level] = tag
    return default, out


# ------------------------------------------------------------------- unified: officer weights, brackets

IRR_ORDER = ("AAA", "AA", "A", "BBB", "BB", "B", "C", "D")   # best to worst (C-ROSS II)


def check_unified_weights(weights: Mapping[str, Decimal], rulebook: Rulebook, company_type: Any,
                          file: str | None, prefix: str = "weights") -> list[InputProblem]:
    """Floors, the one optional type-specific element, the reinsurer exception, and a sum of exactly 1."""
    problems = []

    def add(code, column, value=None, **detail):
        problems.append(InputProblem(code, file=file, column=column, value=value, detail=detail))

    standard = {d.key: d for d in rulebook.dimensions}
    extra = [k for k in weights if k not in standard]
    for key, d in standard.items():
        w = weights.get(key)
        droppable = key in rulebook.reinsurer_may_drop and company_type == "reinsurance"
        if w is None or w == ZERO:
            if not d.optional and not droppable:
                code = "element_only_reinsurers_may_drop" if key in rulebook.reinsurer_may_drop else "missing_element_weight"
                add(code, f"{prefix}.{key}", w, floor=d.floor)
            continue
        if w < ZERO or w > ONE:
            add("out_of_range", f"{prefix}.{key}", w, min=0, max=1)
        elif d.floor is not None and w < d.floor:
            add("weight_below_floor", f"{prefix}.{key}", w, floor=d.floor)
    if len(extra) > rulebook.max_type_specific:
        for key in extra[rulebook.max_type_specific:] if rulebook.max_type_specific else extra:
            add("too_many_type_specific" if rulebook.max_type_specific else "unknown_dimension",
                f"{prefix}.{key}", key, max=rulebook.max_type_specific)
    for key in extra[: rulebook.max_type_specific]:
        w = weights[key]
        if not _KEY_RE.match(key):
            add("rulebook_bad_key", f"{prefix}.{key}", key)
        if w <= ZERO or (rulebook.type_specific_max is not None and w > rulebook.type_specific_max):
            add("type_specific_too_heavy", f"{prefix}.{key}", w, max=rulebook.type_specific_max)
    total = sum(weights.values(), ZERO)
    if total != ONE:
        add("weights_sum_not_one", prefix, total, total=total)
    return problems


def check_brackets(brackets: Mapping[str, Decimal], rulebook: Rulebook, file: str | None,
                   prefix: str = "brackets") -> list[InputProblem]:
    """Every score grade has a lower bound, better grades have higher bounds, the worst covers 0."""
    problems = []

    def add(code, column, value=None, **detail):
        problems.append(InputProblem(code, file=file, column=column, value=value, detail=detail))

    for key in brackets:
        if key not in rulebook.levels:
            add("unknown_choice", f"{prefix}.{key}", key, choices=", ".join(rulebook.levels))
    for level in rulebook.levels:
        if level not in brackets:
            add("missing_bracket", f"{prefix}.{level}")
    given = [(lvl, brackets[lvl]) for lvl in rulebook.levels if lvl in brackets]
    for (better, b_bound), (worse, w_bound) in zip(given, given[1:]):
        if b_bound <= w_bound:
            add("brackets_not_descending", f"{prefix}.{better}", b_bound, worse=worse, worse_bound=w_bound)
    worst = rulebook.worst_level
    if worst in brackets and brackets[worst] > ZERO:
        add("brackets_leave_gap_below", f"{prefix}.{worst}", brackets[worst])
    return problems


def bands_from_brackets(brackets: Mapping[str, Decimal], levels: tuple[str, ...]) -> tuple[Band, ...]:
    """{grade: inclusive lower bound} -> bands; the worst grade also takes everything below its bound."""
    bands = []
    upper = None
    for n, level in enumerate(levels):
        lower = brackets[level] if n < len(levels) - 1 else None
        bands.append(Band(level, lower, True, upper, False, "officer"))
        upper = brackets[level]
    return tuple(bands)
