"""Reads of the reports app, scoped to the user's jurisdiction (deny by default)."""

from datetime import datetime

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils import timezone

from apps.accounts.models import Role, User
from apps.accounts.permissions import regions_for
from apps.accounts.roles import ADMIN_ROLES
from apps.accounts.selectors import scope_to_jurisdiction
from apps.campaigns.models import CampaignPolicy
from apps.regions.models import Region, RegionLevel

from .duties import DutyOccurrence, duty_occurrences
from .figures import Scope, Section, figures_for
from .models import AnnualReport, Indicator, IndicatorValue, TypicalCase


def report_list_for(*, user: User) -> QuerySet[AnnualReport]:
    """Reports of regions inside the user's jurisdiction: a county admin sees the county's, a city admin all."""
    return scope_to_jurisdiction(
        AnnualReport.objects.select_related("region", "requested_by"), user, fields=("region",), roles=ADMIN_ROLES,
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
    return _regions_under(user, ADMIN_ROLES).filter(level__in=(RegionLevel.CITY, RegionLevel.COUNTY))


def narrative_regions_for(*, user: User) -> QuerySet[Region]:
    """Counties whose report text the user writes (county admins of the county)."""
    return _regions_under(user, (Role.COUNTY_ADMIN,)).filter(level=RegionLevel.COUNTY)


def case_list_for(*, user: User) -> QuerySet[TypicalCase]:
    return scope_to_jurisdiction(
        TypicalCase.objects.select_related("region"), user, fields=("region",), roles=ADMIN_ROLES,
    )


# The published cases' public list is kept until a case is published, withdrawn or edited (case_publish, case_save
# move this generation on).
CASES_KEY = "public:typical-cases:generation"


def case_public_list() -> QuerySet[TypicalCase]:
    return TypicalCase.objects.filter(published_at__isnull=False).select_related("region").order_by(
        "-published_at", "pk")


DASHBOARD_CACHE_SECONDS = 10 * 60


def dashboard_figures_for(*, scope: Scope) -> tuple[datetime, list[Section]]:
    """The dashboard's figures and when they were computed, shared for ten minutes.

    Gathering a city's figures reads every application, answer and risk event
    of the year (about 3 s at province scale); the dashboard is looked at far
    more often than the figures change, so one computation serves everyone in
    those ten minutes. Yearly reports do not use this: they compute afresh.
    """
    key = f"reports:dashboard:{scope.region.pk}:{','.join(map(str, scope.years))}"
    cached = cache.get(key)
    if cached is None:
        cached = (timezone.now(), figures_for(scope, dashboard=True))
        cache.set(key, cached, DASHBOARD_CACHE_SECONDS)
    return cached


def policy_list_for(*, user: User) -> QuerySet[CampaignPolicy]:
    """Campaign policies an office works under: those of its region, the regions above (inherited) and below."""
    roots = regions_for(user, ADMIN_ROLES)
    if not roots:
        return CampaignPolicy.objects.none()
    condition = Q()
    for root in roots:
        condition |= Q(region__path__startswith=root.path) | Q(region_id__in=root.path_ids)
    return CampaignPolicy.objects.filter(condition).select_related("region").order_by("region__path", "-year")


def duty_occurrences_for(*, user: User, year: int) -> list[DutyOccurrence]:
    """The reports due in ``year`` in the user's regions (county and city offices)."""
    occurrences: dict[tuple, DutyOccurrence] = {}
    for root in regions_for(user, ADMIN_ROLES):
        for occurrence in duty_occurrences(year=year, within=root):
            occurrences[(occurrence.duty.pk, occurrence.region.pk)] = occurrence
    return sorted(occurrences.values(), key=lambda o: (o.due, o.region.path, o.duty.kind))


def indicator_regions_for(*, user: User) -> QuerySet[Region]:
    """Cities and counties whose indicator values the user (county or city office) records and reads."""
    return _regions_under(user, ADMIN_ROLES).filter(level__in=(RegionLevel.CITY, RegionLevel.COUNTY))


def indicators_for(*, region: Region) -> QuerySet[Indicator]:
    """The indicators listed by a document of the region or a region above it."""
    return Indicator.objects.filter(region_id__in=region.path_ids).order_by("region__path", "position", "pk")


def indicator_values_for(*, region: Region, year: int) -> list[tuple[Indicator, IndicatorValue | None]]:
    return indicator_values_of(places=[region], year=year)[0]


def indicator_values_of(*, places: list[Region], year: int) -> list[list[tuple[Indicator, IndicatorValue | None]]]:
    """``indicator_values_for`` of each of ``places``, in two queries for all of them (a city and its dozen
    counties read two queries each)."""
    ids = {region_id for place in places for region_id in place.path_ids}
    indicators = list(Indicator.objects.filter(region_id__in=ids).order_by("region__path", "position", "pk"))
    values = {(value.region_id, value.indicator_id): value
              for value in IndicatorValue.objects.filter(region__in=places, year=year)}
    rows = []
    for place in places:
        above = set(place.path_ids)
        rows.append([(indicator, values.get((place.pk, indicator.pk)))
                     for indicator in indicators if indicator.region_id in above])
    return rows
