"""Demo for seed_demo: each seed locality's incentive catalogue as its document lists it, and 十堰's credit
grading ("15333" dynamic evaluation) and red list on two demo enterprises. Idempotent; demo names say 演示."""

import datetime

from apps.accounts.models import Role
from apps.accounts.services import membership_grant, user_get_or_create
from apps.oversight.incentives.catalogue import CATALOGUES, catalogue_load
from apps.regions.models import Region, RegionLevel
from apps.registry.credit.models import CreditEvaluation, RedListEntry
from apps.registry.credit.services import credit_grade_refresh
from apps.registry.enterprises.models import Enterprise, IndustryClass, SizeClass
from apps.registry.enterprises.uscc import uscc_with_check_digit
from apps.registry.units.models import Unit, UnitKind, VerificationStatus

# code → (name, level, parent code): the five localities and the provinces above them (GB/T 2260).
LOCALITIES = {
    "140000": ("山西省", RegionLevel.PROVINCE, ""), "141000": ("临汾市", RegionLevel.CITY, "140000"),
    "370000": ("山东省", RegionLevel.PROVINCE, ""), "370400": ("枣庄市", RegionLevel.CITY, "370000"),
    "420000": ("湖北省", RegionLevel.PROVINCE, ""), "420300": ("十堰市", RegionLevel.CITY, "420000"),
    "420302": ("茅箭区", RegionLevel.COUNTY, "420300"), "420303": ("张湾区", RegionLevel.COUNTY, "420300"),
    "220000": ("吉林省", RegionLevel.PROVINCE, ""), "220100": ("长春市", RegionLevel.CITY, "220000"),
    "120000": ("天津市", RegionLevel.CITY, ""), "120102": ("河东区", RegionLevel.COUNTY, "120000"),
}
SHIYAN_GRADING = "十堰市人力资源和社会保障局（劳动保障诚信等级动态评价会议）"
DEMO_NOTE = "“15333”诚信等级动态评价（演示数据）"


def _region(code: str) -> Region:
    """The locality's region, created when the demo's division list does not have it yet."""
    name, level, parent_code = LOCALITIES[code]
    parent = _region(parent_code) if parent_code else None
    region, _ = Region.objects.get_or_create(code=code, defaults={"name": name, "level": level, "parent": parent})
    return region


def _enterprise(county: Region, name: str, serial: int, industry: str) -> Enterprise:
    unit, _ = Unit.objects.get_or_create(name=name, defaults={
        "kind": UnitKind.ENTERPRISE, "region": county, "verification_status": VerificationStatus.VERIFIED})
    enterprise, _ = Enterprise.objects.get_or_create(unit=unit, defaults={
        "uscc": uscc_with_check_digit(f"91{county.code}MA{serial:07d}"),
        "industry": IndustryClass.objects.filter(code=industry).first(), "ownership": "private",
        "size": SizeClass.MEDIUM, "employee_count": 180, "has_union": True,
        "contact_name": "演示联系人", "contact_phone": "0719-0000000", "address": f"{county.name}演示路 2 号",
    })
    return enterprise


def demo_incentive_localities(*, password_hash: str) -> list[tuple[str, str]]:
    """Load the catalogues and 十堰's demo credit data; returns the logins it made (username, label)."""
    for catalogue in CATALOGUES:
        catalogue_load(region=_region(catalogue.region_code))
    for code in LOCALITIES:
        _region(code)
    shiyan = _region("420300")
    admin, _ = user_get_or_create(username="city_admin_420300", password_hash=password_hash,
                                  full_name="十堰市三方办公室")
    membership_grant(user=admin, role=Role.CITY_ADMIN, region=shiyan)

    builder = _enterprise(_region("420302"), "十堰演示建筑工程有限公司", 2, "47")
    parts = _enterprise(_region("420303"), "十堰演示汽车零部件有限公司", 3, "36")
    evaluations = [
        (builder, "A", datetime.date(2023, 3, 15)),
        (parts, "B", datetime.date(2022, 11, 10)),
        (parts, "A", datetime.date(2024, 4, 20)),  # 提档升级: the later evaluation is the grade in force
    ]
    for enterprise, grade, day in evaluations:
        CreditEvaluation.objects.get_or_create(enterprise=enterprise, evaluated_on=day, defaults={
            "grade": grade, "evaluated_by": SHIYAN_GRADING, "note": DEMO_NOTE, "entered_by": admin})
        credit_grade_refresh(enterprise=enterprise)
    RedListEntry.objects.get_or_create(enterprise=builder, listed_on=datetime.date(2023, 6, 30), defaults={
        "listed_by": "十堰市人力资源和社会保障局", "entered_by": admin,
        "reason": "建筑施工企业守法诚信经营，纳入劳动保障守法诚信“红名单”（演示数据）"})
    return [("city_admin_420300", "十堰市三方办公室（诚信等级评价与红名单演示）")]
