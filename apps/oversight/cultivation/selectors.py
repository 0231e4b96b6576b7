from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from apps.accounts.models import Role, User
from apps.accounts.permissions import has_role, regions_for
from apps.accounts.roles import ADMIN_ROLES
from apps.accounts.selectors import scope_to_jurisdiction
from apps.regions.models import Region, RegionLevel
from apps.registry.coordinators.models import Coordinator
from apps.registry.units.models import AREA_UNIT_KINDS, Unit, UnitKind

from .models import CultivationQuota, CultivationTarget

MANAGE_ROLES = (Role.COUNTY_ADMIN,)
VIEW_ROLES = (*ADMIN_ROLES, Role.TOWNSHIP_STAFF, Role.COORDINATOR)
AREA_KINDS = AREA_UNIT_KINDS


def target_list_for(*, user: User) -> QuerySet[CultivationTarget]:
    return scope_to_jurisdiction(
        CultivationTarget.objects.select_related("unit__region", "coordinator"), user,
        fields=("unit__region", "unit__township"), roles=VIEW_ROLES,
    )


def coordinator_targets_for(*, user: User) -> QuerySet[CultivationTarget]:
    """The targets a coordinator guides: those naming their ledger entry, and those of units assigned to it.

    A coordinator is who the ledger entry's linked account says, and only while that account holds the role.
    """
    if not has_role(user, Role.COORDINATOR):
        return CultivationTarget.objects.none()
    guided_units = Unit.objects.filter(coordinators__user=user).values("pk")
    return (CultivationTarget.objects.filter(Q(coordinator__user=user) | Q(unit__in=guided_units))
            .select_related("unit", "coordinator"))


def units_for_cultivation(*, user: User) -> QuerySet[Unit]:
    return scope_to_jurisdiction(Unit.objects.all(), user, fields=("region", "township"), roles=MANAGE_ROLES)


def coordinators_for(*, user: User) -> QuerySet[Coordinator]:
    return scope_to_jurisdiction(Coordinator.objects.all(), user, fields=("region",), roles=MANAGE_ROLES)


def quota_for(*, city: Region | None) -> CultivationQuota:
    """The city's quota, or the default (4 enterprises, 1 park or township) when none is saved."""
    quota = CultivationQuota.objects.filter(city=city).first() if city else None
    return quota or CultivationQuota(city=city)


@dataclass
class CountyFulfilment:
    county: Region
    enterprises: int
    areas: int
    quota: CultivationQuota

    @property
    def met(self) -> bool:
        return self.enterprises >= self.quota.min_enterprises and self.areas >= self.quota.min_areas


def fulfilment_for(*, user: User, year: int) -> list[CountyFulfilment]:
    """Per county in the user's jurisdiction: targets chosen this year against the city quota (3 queries)."""
    roots = regions_for(user, VIEW_ROLES)
    if not roots:
        return []
    within = Q()
    for root in roots:
        within |= Q(path__startswith=root.path)
    # A township-level user still sees their own county's line.
    county_ids = {root.pk if root.level == RegionLevel.COUNTY else root.parent_id
                  for root in roots if root.level in (RegionLevel.COUNTY, RegionLevel.TOWNSHIP)}
    counties = list(Region.objects.filter(Q(level=RegionLevel.COUNTY) & (within | Q(pk__in=county_ids)))
                    .counties_by_city())
    counts = {
        row["unit__region"]: row for row in CultivationTarget.objects.filter(
            year=year, unit__region__in=counties).values("unit__region").annotate(
            enterprises=Count("pk", filter=Q(unit__kind=UnitKind.ENTERPRISE)),
            areas=Count("pk", filter=Q(unit__kind__in=AREA_KINDS)))
    }
    quotas = {q.city_id: q for q in CultivationQuota.objects.filter(city__in={c.parent_id for c in counties})}
    return [
        CountyFulfilment(county=county, enterprises=counts.get(county.pk, {}).get("enterprises", 0),
                         areas=counts.get(county.pk, {}).get("areas", 0),
                         quota=quotas.get(county.parent_id) or CultivationQuota(city=county.parent))
        for county in counties
    ]
