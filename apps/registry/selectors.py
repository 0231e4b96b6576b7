"""Reads of the registry, always scoped to the reader's jurisdiction (deny by default)."""

from collections.abc import Callable

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet

from apps.accounts.models import Role, User
from apps.accounts.permissions import regions_for
from apps.accounts.roles import ADMIN_ROLES, STAFF_ROLES
from apps.accounts.selectors import scope_to_jurisdiction
from apps.core.pagination import MergedWalkPaginator
from apps.core.region_cache import region_cached
from apps.regions.models import PLACE_LEVELS, Region, RegionLevel
from apps.registry.units.models import Unit, UnitKind, VerificationStatus

from .models import ImportBatch, UnitEvent
from .services import UNITS_TOTAL_PART


def _units() -> QuerySet[Unit]:
    return Unit.objects.select_related(
        "region", "township", "enterprise", "enterprise__industry", "park", "industry_body"
    )


def unit_list_for_staff(*, user: User) -> QuerySet[Unit]:
    """Units in the user's jurisdiction (staff roles only)."""
    return scope_to_jurisdiction(_units(), user, place="", roles=STAFF_ROLES)


def unit_list_counties(*, user: User) -> list[int] | None:
    """The counties whose units are the user's whole unit list (``unit_list_for_staff``), when every root of the
    user's jurisdiction is a county or above (``place_q`` then matches the units on their county alone); None when
    one lies below a county (a township's staff). Read from the regions' path index: one small query for a city."""
    roots = regions_for(user, STAFF_ROLES)
    if not roots or any(root.level in PLACE_LEVELS for root in roots):
        return None
    counties = {root.pk for root in roots if root.level == RegionLevel.COUNTY}
    above = Q()
    for root in roots:
        if root.level != RegionLevel.COUNTY:
            above |= Q(path__startswith=root.path)
    if above:
        counties |= set(Region.objects.filter(above, level=RegionLevel.COUNTY).order_by().values_list("pk", flat=True))
    return sorted(counties)


def units_in_name_order(*, user: User, listed: QuerySet[Unit], per_page: int,
                        kept_rows: Callable | None = None) -> MergedWalkPaginator | None:
    """A paginator reading ``listed`` (the user's whole unit list in name order) as each county's units walked on
    the (region, name, id) index and merged; None where that does not hold (a township's staff, no county), or
    where the database cannot merge sliced queries (the demo's SQLite). ``kept_rows``: as the paginator's."""
    counties = unit_list_counties(user=user)
    if not counties or not connection.features.supports_slicing_ordering_in_compound:
        return None
    parts = [Unit.objects.filter(region_id=county) for county in counties]
    return MergedWalkPaginator(listed, per_page, parts=parts, order=("name", "id"),
                               kept=lambda count: unit_total_kept(user=user, count=count), kept_rows=kept_rows)


def unit_total_kept(*, user: User, count: Callable[[], int]) -> int:
    """``count()`` (the number of units in the user's whole unit list), kept per jurisdiction (region_cache).

    A city's count reads its 41,000 units' index entries (~200 pages) on every view of the list. The whole list
    changes only when a unit is added (``units_added`` drops it for the unit's county and the regions above) or
    moves to another region (``units_changed``); a unit's verification changes a filtered list only, which is
    counted each time. A user holding offices in several regions is counted each time."""
    roots = regions_for(user, STAFF_ROLES)
    if len(roots) != 1:
        return count()
    return region_cached(UNITS_TOTAL_PART, roots[0].pk, count)


def unit_visible_to(*, user: User) -> QuerySet[Unit]:
    """Units the user may open: their jurisdiction, or their own unit as a representative."""
    return scope_to_jurisdiction(_units(), user, place="", roles=STAFF_ROLES, unit_field="pk")


def unit_manageable_by(*, user: User) -> QuerySet[Unit]:
    """Units a county or city admin may change."""
    return scope_to_jurisdiction(_units(), user, fields=("region",), roles=ADMIN_ROLES)


def unit_page_for(*, user: User) -> QuerySet[Unit]:
    """``unit_visible_to``, each unit with ``manageable``: whether ``unit_manageable_by`` holds it (the unit page's
    access and its admin's buttons in one query, where they were two)."""
    return unit_visible_to(user=user).annotate(
        manageable=Exists(unit_manageable_by(user=user).filter(pk=OuterRef("pk"))))


def pending_registrations_for(*, user: User) -> QuerySet[Unit]:
    return unit_manageable_by(user=user).filter(verification_status=VerificationStatus.PENDING).order_by("created_at")


def registration_of(*, user: User) -> QuerySet[Unit]:
    """The enterprises whose registration the user made as their representative."""
    return _units().filter(kind=UnitKind.ENTERPRISE, memberships__user=user, memberships__role=Role.UNIT_REP)


def counties_for(*, user: User, roles=ADMIN_ROLES) -> QuerySet[Region]:
    """Counties inside the user's jurisdiction for ``roles``."""
    roots = regions_for(user, roles)
    if not roots:
        return Region.objects.none()
    condition = Q()
    for root in roots:
        condition |= Q(path__startswith=root.path)
    return Region.objects.filter(condition, level=RegionLevel.COUNTY).counties_by_city()


def townships_in(counties: QuerySet[Region]) -> QuerySet[Region]:
    """The townships/streets of the counties and the communities under them (PLACE_LEVELS), each after its
    township."""
    return Region.objects.filter(Q(parent__in=counties) | Q(parent__parent__in=counties),
                                 level__in=PLACE_LEVELS).select_related("parent").order_by("path")


def regions_for_filter(*, user: User) -> QuerySet[Region]:
    """Counties and townships a staff member may filter by."""
    roots = regions_for(user, STAFF_ROLES)
    if not roots:
        return Region.objects.none()
    condition = Q()
    for root in roots:
        condition |= Q(path__startswith=root.path)
    return Region.objects.filter(condition, level__in=[RegionLevel.COUNTY, *PLACE_LEVELS]).order_by("path")


def unit_history(*, unit: Unit) -> QuerySet[UnitEvent]:
    """The unit's history, newest first, with each actor's name only (the unit page keeps it: no user's other
    fields in the cache)."""
    return unit.events.select_related("actor").only(
        "unit_id", "action", "changes", "note", "created_at", "actor__full_name", "actor__username")


def import_batch_for(*, user: User) -> QuerySet[ImportBatch]:
    return ImportBatch.objects.filter(owner=user)
