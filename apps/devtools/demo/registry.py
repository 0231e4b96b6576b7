"""Demo registry data for seed_demo: idempotent, every name marked 演示."""

import datetime

from apps.regions.models import Region
from apps.registry.coordinators.models import CertificateLevel, Coordinator
from apps.registry.enterprises.models import Enterprise, IndustryClass, SizeClass
from apps.registry.enterprises.uscc import uscc_with_check_digit
from apps.registry.industries.models import IndustryBody, IndustryKind, LeadBodyType
from apps.registry.industries.services import industry_body_create
from apps.registry.parks.models import AreaKind, Park
from apps.registry.parks.services import park_create
from apps.registry.units.models import Unit


def demo_enterprise_profile(unit: Unit, county: Region) -> Enterprise:
    """Give a demo unit a real enterprise profile with a USCC whose check digit is correct."""
    enterprise, _ = Enterprise.objects.get_or_create(unit=unit, defaults={
        "uscc": uscc_with_check_digit(f"91{county.code}MA0000001"),
        "industry": IndustryClass.objects.get(code="13"), "ownership": "private", "size": SizeClass.MEDIUM,
        "employee_count": 260, "has_union": True, "has_party_org": True, "credit_grade": "A",
        "contact_name": "演示联系人", "contact_phone": "0357-0000000", "address": f"{county.name}演示路 1 号",
    })
    return enterprise


def demo_area_units(county: Region, township: Region | None, demo_enterprise: Enterprise) -> None:
    """One park, one township unit, one industry and one coordinator in the demo county."""
    park = Park.objects.filter(unit__name=f"{county.name}演示工业园区", unit__region=county).first()
    if park is None:
        park = park_create(name=f"{county.name}演示工业园区", region=county, area_kind=AreaKind.INDUSTRIAL_PARK,
                           by=None, address=f"{county.name}演示大道 8 号")
        park.stations.create(name="演示园区劳动关系服务站", address=f"{county.name}演示大道 8 号",
                             staff="演示工作人员", services="政策咨询、劳动争议调解、用工指导")
    if demo_enterprise.park_id is None:
        demo_enterprise.park = park
        demo_enterprise.save(update_fields=["park"])
    if township is not None and not Park.objects.filter(area_region=township).exists():
        park_create(name=f"{township.name}（演示）", region=county, area_kind=AreaKind.STREET, area_region=township,
                    by=None)
    if not IndustryBody.objects.filter(unit__name=f"{county.name}演示产业链", unit__region=county).exists():
        body = industry_body_create(name=f"{county.name}演示产业链", region=county, industry_kind=IndustryKind.CHAIN,
                                    lead_body_type=LeadBodyType.CHAIN_LEADER, lead_body_name=demo_enterprise.unit.name,
                                    pilot_year=2024, by=None)
        body.members.add(demo_enterprise)
    coordinator, created = Coordinator.objects.get_or_create(
        full_name="演示协调员", region=county,
        defaults={"certificate_level": CertificateLevel.LEVEL_3, "certificate_number": "演示-LR-0001",
                  "valid_from": datetime.date(2024, 1, 1), "valid_until": datetime.date(2028, 12, 31),
                  "phone": "13900000000"},
    )
    if created:
        coordinator.units.add(demo_enterprise.unit, park.unit)
