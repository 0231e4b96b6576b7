from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext, pgettext

from apps.accounts.models import User
from apps.regions.models import Region, RegionLevel
from apps.registry.enterprises.models import Enterprise
from apps.registry.enterprises.uscc import uscc_normalise
from apps.registry.models import UnitEvent, UnitEventAction
from apps.registry.services import unit_event_record, units_added
from apps.registry.units.models import Unit, UnitKind

from .models import IndustryBody


@transaction.atomic
def industry_body_create(
    *, name: str, region: Region, industry_kind: str, lead_body_type: str, lead_body_name: str,
    pilot_year: int | None, by: User | None,
) -> IndustryBody:
    if region.level != RegionLevel.COUNTY:
        raise ValidationError({"region": gettext("所属地区须为县(市、区)。")})
    unit = Unit(kind=UnitKind.INDUSTRY, name=name.strip(), region=region)
    unit.full_clean()
    unit.save()
    units_added(region_ids=[unit.region_id])
    body = IndustryBody(unit=unit, industry_kind=industry_kind, lead_body_type=lead_body_type,
                        lead_body_name=lead_body_name, pilot_year=pilot_year)
    body.full_clean(exclude=["unit"])
    body.save()
    unit_event_record(unit=unit, action=UnitEventAction.CREATED, actor=by, changes={
        "创建类型": ["", str(body.get_industry_kind_display())], "牵头主体": ["", lead_body_name],
        "试点年度": ["", str(pilot_year or "")],
    })
    return body


@transaction.atomic
def industry_members_set(
    *, body: IndustryBody, codes_text: str, allowed: QuerySet[Unit], by: User
) -> list[Enterprise]:
    """Replace the member list with the enterprises whose codes are given (one per line).

    Members must be registered enterprises in the editor's jurisdiction;
    unknown codes are reported together and nothing changes.
    """
    codes = [uscc_normalise(line) for line in codes_text.splitlines() if uscc_normalise(line)]
    found = {e.uscc: e for e in Enterprise.objects.filter(uscc__in=codes, unit__in=allowed).select_related("unit")}
    missing = [code for code in codes if code not in found]
    if missing:
        raise ValidationError({"codes": gettext("以下代码未在您管辖范围内登记为企业：%(codes)s")
                                         % {"codes": pgettext("list separator", "、").join(missing[:20])}})
    before = {e.unit.name for e in body.members.select_related("unit")}
    body.members.set(found.values())
    after = {e.unit.name for e in found.values()}
    if before != after:
        unit_event_record(unit=body.unit, action=UnitEventAction.UPDATED, actor=by,
                          changes={"成员企业": ["、".join(sorted(before)), "、".join(sorted(after))]})
    return list(found.values())


@transaction.atomic
def industry_bodies_bulk_create(*, rows: list[dict], by: User | None, note: str = "") -> list[IndustryBody]:
    """Insert many already-validated industries, groups and chains with their member enterprises.

    ``rows`` carry ``region_id`` and ``member_ids`` (enterprise ids checked
    against the importer's jurisdiction). Four bulk inserts whatever the size.
    """

    units = Unit.objects.bulk_create(
        [Unit(kind=UnitKind.INDUSTRY, name=row["name"], region_id=row["region_id"]) for row in rows], batch_size=2000
    )
    units_added(region_ids={row["region_id"] for row in rows})
    bodies = IndustryBody.objects.bulk_create([
        IndustryBody(unit=unit, industry_kind=row["industry_kind"], lead_body_type=row["lead_body_type"],
                     lead_body_name=row["lead_body_name"], pilot_year=row.get("pilot_year"))
        for unit, row in zip(units, rows, strict=True)
    ], batch_size=2000)
    membership = IndustryBody.members.through
    membership.objects.bulk_create([
        membership(industrybody_id=unit.pk, enterprise_id=enterprise_id)
        for unit, row in zip(units, rows, strict=True) for enterprise_id in row.get("member_ids", [])
    ], batch_size=2000)
    UnitEvent.objects.bulk_create(
        [UnitEvent(unit=unit, action=UnitEventAction.IMPORTED, actor=by, note=note) for unit in units],
        batch_size=2000,
    )
    return bodies
