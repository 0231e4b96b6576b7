"""Reads of the reports app, scoped to the user's jurisdiction (deny by default)."""

from django.db.models import Q, QuerySet

from apps.accounts.models import Role, User
from apps.accounts.permissions import regions_for
from apps.accounts.selectors import scope_to_jurisdiction
from apps.regions.models import Region, RegionLevel

from .models import AnnualReport, TypicalCase
from .permissions import REPORT_ROLES


def report_list_for(*, user: User) -> QuerySet[AnnualReport]:
    """Reports of regions inside the user's jurisdiction: a county admin sees the county's, a city admin all."""
    return scope_to_jurisdiction(
        AnnualReport.objects.select_related("region", "requested_by"), user, fields=("region",), roles=REPORT_ROLES,
    ).order_by("-year", "region__path", "kind", "-version")


def _regions_under(user: User, roles) -> QuerySet[Region]:
    roots = regions_for(user, roles)
    if not roots:
        return Region.objects.none()
    condition = Q()
    for root in roots:
        condition |= Q(path__startswith=root.path)
    return Region.objects.filter(condition).order_by("path")


def report_regions_for(*, user: User) -> QuerySet[Region]:
    """Cities and counties the user may open dashboards and reports for."""
    return _regions_under(user, REPORT_ROLES).filter(level__in=(RegionLevel.CITY, RegionLevel.COUNTY))


def narrative_regions_for(*, user: User) -> QuerySet[Region]:
    """Counties whose report text the user writes (county admins of the county)."""
    return _regions_under(user, (Role.COUNTY_ADMIN,)).filter(level=RegionLevel.COUNTY)


def case_list_for(*, user: User) -> QuerySet[TypicalCase]:
    return scope_to_jurisdiction(
        TypicalCase.objects.select_related("region"), user, fields=("region",), roles=REPORT_ROLES,
    )


def case_public_list() -> QuerySet[TypicalCase]:
    return TypicalCase.objects.filter(published_at__isnull=False).select_related("region").order_by(
        "-published_at", "pk")
