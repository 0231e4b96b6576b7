from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from apps.accounts.models import User
from apps.regions.models import Region, RegionLevel
from apps.registry.models import UnitEvent, UnitEventAction
from apps.registry.services import unit_event_record, units_added
from apps.registry.units.models import Unit

from .models import AREA_KIND_RULES, Park, ServiceStation


@transaction.atomic
def park_create(
    *, name: str, region: Region, area_kind: str, by: User | None, area_region: Region | None = None,
    address: str = "", contact_name: str = "", contact_phone: str = "",
) -> Park:
    """An industrial park, a township/street or a community (AREA_KIND_RULES), verified."""
    if region.level != RegionLevel.COUNTY:
        raise ValidationError({"region": gettext("所属地区须为县(市、区)。")})
    if area_kind not in AREA_KIND_RULES:
        raise ValidationError({"area_kind": gettext("类别无效。")})
    kind, area_level = AREA_KIND_RULES[area_kind]
    if area_level is not None and area_region is None:
        raise ValidationError({"area_region": gettext("乡镇、街道、社区须选择对应的区划。")})
    if area_region is not None and (area_region.level != (area_level or RegionLevel.TOWNSHIP)
                                    or not region.contains(area_region)):
        level = RegionLevel(area_level or RegionLevel.TOWNSHIP).label
        raise ValidationError({"area_region": gettext("所选区划须为%(region)s的%(level)s。")
                                              % {"region": region.name, "level": level}})
    unit = Unit(kind=kind, name=name.strip(), region=region, township=area_region)
    unit.full_clean()
    unit.save()
    units_added(region_ids=[unit.region_id])
    park = Park(unit=unit, area_kind=area_kind, area_region=area_region, address=address,
                contact_name=contact_name, contact_phone=contact_phone)
    park.full_clean(exclude=["unit"])
    park.save()
    unit_event_record(unit=unit, action=UnitEventAction.CREATED, actor=by,
                      changes={"类别": ["", str(park.get_area_kind_display())], "名称": ["", unit.name]})
    return park


def station_add(*, park: Park, by: User, name: str, address: str, staff: str, services: str,
                phone: str = "") -> ServiceStation:
    station = ServiceStation(park=park, name=name, address=address, staff=staff, services=services, phone=phone)
    station.full_clean()
    station.save()
    unit_event_record(unit=park.unit, action=UnitEventAction.UPDATED, actor=by,
                      changes={"服务站点": ["", f"{name}（{address}）"]})
    return station


@transaction.atomic
def parks_bulk_create(*, rows: list[dict], by: User | None, note: str = "") -> list[Park]:
    """Insert many already-validated parks and townships/streets: Units, profiles, history, three bulk inserts.

    ``rows`` carry ids (region_id, area_region_id) and an ``area_kind``.
    """

    units = Unit.objects.bulk_create([
        Unit(kind=AREA_KIND_RULES[row["area_kind"]][0],
             name=row["name"], region_id=row["region_id"], township_id=row.get("area_region_id"))
        for row in rows
    ], batch_size=2000)
    units_added(region_ids={row["region_id"] for row in rows})
    parks = Park.objects.bulk_create([
        Park(unit=unit, area_kind=row["area_kind"], area_region_id=row.get("area_region_id"),
             address=row.get("address", ""), contact_name=row.get("contact_name", ""),
             contact_phone=row.get("contact_phone", ""))
        for unit, row in zip(units, rows, strict=True)
    ], batch_size=2000)
    UnitEvent.objects.bulk_create(
        [UnitEvent(unit=unit, action=UnitEventAction.IMPORTED, actor=by, note=note) for unit in units],
        batch_size=2000,
    )
    return parks
