"""The regions an office may record for: its own region and the cities, counties and townships under it."""

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from apps.accounts.models import User
from apps.accounts.permissions import regions_for
from apps.regions.models import Region, RegionLevel

OFFICE_LEVELS = (RegionLevel.CITY, RegionLevel.COUNTY, RegionLevel.TOWNSHIP)


def office_regions_for(*, user: User, roles: Iterable[str]) -> QuerySet[Region]:
    """The user's own regions (for ``roles``) and those below them down to the townships, in tree order."""
    roots = regions_for(user, roles)
    if not roots:
        return Region.objects.none()
    condition = Q()
    for root in roots:
        condition |= Q(path__startswith=root.path)
    return Region.objects.filter(condition, level__in=OFFICE_LEVELS).order_by("path")


def child_regions(region: Region) -> list[Region]:
    """The regions one level down that a figure is broken into: a city's counties, a county's townships."""
    return list(Region.objects.filter(parent=region, level__in=OFFICE_LEVELS).order_by("code", "name"))
