"""Units: enterprises with realistic spreads of industry, size and region; parks, townships, industry bodies."""

import bisect
import itertools
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from stdnum.cn import uscc

from apps.registry.enterprises.models import Enterprise, IndustryClass
from apps.registry.industries.models import IndustryBody
from apps.registry.parks.models import Park
from apps.registry.units.models import Unit

from .bulk import copy_rows, picker, reserve_ids, rng_for
from .province import County, Province

REGISTERED_AT = datetime(2022, 1, 10, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
# Share of enterprises per GB/T 4754 section; the rest of the sections share what is left.
SECTION_SHARES = {"C": 0.36, "F": 0.17, "E": 0.09, "G": 0.06, "H": 0.06, "I": 0.04, "K": 0.02, "L": 0.05,
                  "M": 0.03, "O": 0.03, "N": 0.02, "A": 0.03}
TRADE_WORDS = {"A": "农牧", "B": "矿业", "C": "制造", "D": "能源", "E": "建设", "F": "商贸", "G": "物流",
               "H": "餐饮", "I": "科技", "J": "金融", "K": "置业", "L": "服务", "M": "技术", "N": "环境",
               "O": "家政", "P": "教育", "Q": "健康", "R": "文化", "S": "社会", "T": "国际"}
BRANDS = ["华兴", "恒泰", "鑫源", "宏达", "永盛", "金科", "瑞丰", "天成", "博远", "嘉禾", "润通", "正大", "德信",
          "同创", "安盛", "汇通", "锦程", "长城", "联合", "东方", "晨光", "中和", "泰和", "众诚", "昌盛", "信达",
          "海川", "荣欣", "佳禾", "明辉", "新元", "启航"]
# (size, share, employees low, high): micro and small firms dominate, as in the economic census.
SIZES = [("micro", 0.55, 3, 19), ("small", 0.30, 20, 299), ("medium", 0.12, 300, 999), ("large", 0.03, 1000, 12000)]
UNION_RATE = {"micro": 0.15, "small": 0.45, "medium": 0.80, "large": 0.97}
PARTY_RATE = {"micro": 0.05, "small": 0.25, "medium": 0.60, "large": 0.90}
OWNERSHIPS = [("private", 0.78), ("state", 0.06), ("collective", 0.02), ("foreign", 0.04), ("hmt", 0.03),
              ("mixed", 0.05), ("other", 0.02)]
CREDIT = [("A", 0.70), ("B", 0.25), ("C", 0.05)]


@dataclass
class Firm:
    """What the later parts need to know about one enterprise."""
    unit_id: int
    county: County
    size: str
    credit: str
    quality: float  # 0–1: how well it scores, so its answers, reviews and risks agree with each other
    township_id: int  # with county and name: what its applications and risk events keep of it (units.copied)
    name: str


@dataclass
class Registry:
    firms: list[Firm]
    rush_firms: list[Firm] = field(default_factory=list)
    page_firm: Firm | None = None


def org_code(serial: int) -> str:
    """An eight-digit organisation code with its GB 11714 check character."""
    body = f"{serial:08d}"
    remainder = 11 - sum(int(d) * w for d, w in zip(body, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    return body + {10: "X", 11: "0"}.get(remainder, str(remainder))


def credit_code(county: County, serial: int) -> str:
    first17 = f"91{county.region.code}{org_code(serial)}"
    return first17 + uscc.calc_check_digit(first17)



def registry_build(*, province: Province, seed: int, enterprises: int, parks: int, industries: int,
                   reps: int) -> Registry:
    rng = rng_for(seed, "registry")
    divisions = list(IndustryClass.objects.filter(section__isnull=False).select_related("section"))
    by_section: dict[str, list[IndustryClass]] = {}
    for division in divisions:
        by_section.setdefault(division.section.code, []).append(division)
    rest = [code for code in by_section if code not in SECTION_SHARES]
    left = 1 - sum(SECTION_SHARES.values())
    pick_section = picker(rng, [*SECTION_SHARES.items(), *((code, left / len(rest)) for code in rest)])
    pick_county = picker(rng, [(county, county.weight) for county in province.counties])
    pick_size = picker(rng, [(size, share) for size, share, _, _ in SIZES])
    employees = {size: (low, high) for size, _, low, high in SIZES}
    pick_ownership = picker(rng, OWNERSHIPS)
    pick_credit = picker(rng, CREDIT)

    special = reps + 1
    total = enterprises + special + parks + industries + sum(len(c.townships) for c in province.counties)
    next_id = itertools.count(reserve_ids(Unit, total))
    unit_rows, enterprise_rows = [], []
    park_units = _park_units(rng, province, parks, next_id, unit_rows)
    parks_by_county: dict[int, list[int]] = {}
    for unit_id, county in park_units:
        parks_by_county.setdefault(county.region.pk, []).append(unit_id)

    serials = itertools.count(1)  # the organisation-code part of the credit code: the same for the same seed

    def enterprise(county: County, name: str | None = None) -> Firm:
        unit_id = next(next_id)
        section = pick_section()
        division = rng.choice(by_section[section])
        name = name or f"{county.city.name[:-1]}{rng.choice(BRANDS)}{TRADE_WORDS[section]}有限公司"
        size = pick_size()
        township = rng.choice(county.townships)
        unit_rows.append((unit_id, "enterprise", name, county.region.pk, township.pk, "verified",
                          REGISTERED_AT, REGISTERED_AT))
        county_parks = parks_by_county.get(county.region.pk)
        park = rng.choice(county_parks) if county_parks and rng.random() < 0.2 else None
        low, high = employees[size]
        credit = pick_credit()
        enterprise_rows.append((
            unit_id, credit_code(county, next(serials)), False, park, f"{county.city.name}{county.region.name}"
            f"{township.name}{rng.randint(1, 300)}号", division.pk, pick_ownership(), size,
            rng.randint(low, high), rng.random() < UNION_RATE[size], rng.random() < PARTY_RATE[size], credit,
            "联系人", f"13{rng.randint(0, 999999999):09d}",
        ))
        return Firm(unit_id=unit_id, county=county, size=size, credit=credit, quality=rng.betavariate(5, 2),
                    township_id=township.pk, name=name)

    firms = [enterprise(pick_county()) for _ in range(enterprises)]
    bench = province.bench_county
    rush = [enterprise(bench, f"{bench.stem}申报演练企业{n + 1:03d}有限公司") for n in range(reps)]
    page = enterprise(bench, f"{bench.stem}自评样例企业有限公司")
    _township_units(province, next_id, unit_rows)
    industry_rows = _industry_units(rng, province, industries, next_id, unit_rows)

    copy_rows(Unit, ["id", "kind", "name", "region_id", "township_id", "verification_status", "created_at",
                     "updated_at"], unit_rows)
    copy_rows(Park, ["unit_id", "area_kind", "area_region_id", "address", "contact_name", "contact_phone"],
              [(unit_id, "industrial_park", None, f"{county.region.name}园区路", "园区办", "")
               for unit_id, county in park_units] + [
                  (row[0], "township" if row[2].endswith(("镇", "乡")) else "street", row[4], "", "", "")
                  for row in unit_rows if row[1] == "township"])
    copy_rows(Enterprise, ["unit_id", "uscc", "uscc_check_failed", "park_id", "address", "industry_id", "ownership",
                           "size", "employee_count", "has_union", "has_party_org", "credit_grade", "contact_name",
                           "contact_phone"], enterprise_rows)
    copy_rows(IndustryBody, ["unit_id", "industry_kind", "lead_body_type", "lead_body_name", "pilot_year"],
              industry_rows)
    return Registry(firms=firms, rush_firms=rush, page_firm=page)


def _park_units(rng, province: Province, parks: int, next_id, unit_rows: list) -> list[tuple[int, County]]:
    weights = list(itertools.accumulate(county.weight for county in province.counties))
    created = []
    for n in range(parks):
        county = province.counties[bisect.bisect(weights, rng.random() * weights[-1])]
        unit_id = next(next_id)
        unit_rows.append((unit_id, "park", f"{county.stem}第{n + 1}工业园区", county.region.pk, None, "verified",
                          REGISTERED_AT, REGISTERED_AT))
        created.append((unit_id, county))
    return created


def _township_units(province: Province, next_id, unit_rows: list) -> None:
    """Every township and street takes part as a unit of its own."""
    for county in province.counties:
        for township in county.townships:
            unit_rows.append((next(next_id), "township", township.name, county.region.pk, township.pk, "verified",
                              REGISTERED_AT, REGISTERED_AT))


def _industry_units(rng, province: Province, industries: int, next_id, unit_rows: list) -> list[tuple]:
    kinds = [("industry", "association", "行业协会"), ("group", "chain_leader", "集团公司"),
             ("chain", "chain_leader", "链主企业")]
    rows = []
    for n in range(industries):
        county = rng.choice(province.counties)
        kind, lead_type, lead = kinds[n % 3]
        unit_id = next(next_id)
        unit_rows.append((unit_id, "industry", f"{county.stem}{rng.choice(BRANDS)}{lead}（第{n + 1}号）",
                          county.region.pk, None, "verified", REGISTERED_AT, REGISTERED_AT))
        rows.append((unit_id, kind, lead_type, f"{county.stem}{lead}", 2023 + n % 4))
    return rows
