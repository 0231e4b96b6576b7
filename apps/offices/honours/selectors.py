"""Reads of honour recommendations, scoped by the region of the body or person, and their yearly figures."""

from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from apps.accounts.models import User
from apps.accounts.roles import ADMIN_ROLES
from apps.accounts.selectors import scope_to_jurisdiction, subtree_q
from apps.regions.models import Region
from apps.registry.coordinators.models import Coordinator
from apps.registry.units.models import Unit

from .models import Honour, HonourCategory, HonourStatus, RecommendingLevel

# The county and city offices recommend and record what became of each recommendation.
RECORD_ROLES = ADMIN_ROLES
VIEW_ROLES = ADMIN_ROLES


def honour_list_for(*, user: User) -> QuerySet[Honour]:
    """Honours of bodies and people at or below the user's region; anything else is a 404."""
    return scope_to_jurisdiction(Honour.objects.select_related("region", "coordinator", "unit"), user,
                                 fields=("region",), roles=VIEW_ROLES)


def units_for_honour(*, user: User) -> QuerySet[Unit]:
    return scope_to_jurisdiction(Unit.objects.all(), user, fields=("region", "township"), roles=RECORD_ROLES)


def coordinators_for_honour(*, user: User) -> QuerySet[Coordinator]:
    return scope_to_jurisdiction(Coordinator.objects.select_related("region"), user, fields=("region",),
                                 roles=RECORD_ROLES).order_by("full_name", "pk")


@dataclass(frozen=True)
class HonourFigures:
    """A region's honours of one year (its own and those of the regions below it)."""

    region: Region
    year: int
    recommended: int = 0  # every recommendation, whatever became of it
    awarded: int = 0
    not_awarded: int = 0
    pending: int = 0  # recommended, no result yet
    by_category: dict[str, int] = field(default_factory=dict)  # category label → recommendations
    awarded_by_category: dict[str, int] = field(default_factory=dict)
    by_level: dict[str, int] = field(default_factory=dict)  # recommending level label → recommendations


def honour_figures(region: Region, year: int) -> HonourFigures:
    """Recommendations of ``year`` in the region by status, category and recommending level (one query)."""
    return honour_figures_for([region], year)[0]


def honour_figures_for(regions: list[Region], year: int) -> list[HonourFigures]:
    """``honour_figures`` of each region (a region and those below it may both be given), in their order: one
    query counting the recommendations per region, category, level and status, summed into each given region
    whose subtree holds them."""
    if not regions:
        return []
    counted = list(Honour.objects.filter(subtree_q(regions, fields=("region",)), year=year).order_by()
                   .values("region__path", "category", "level", "status").annotate(n=Count("pk")))
    figures = []
    for region in regions:
        rows = [row for row in counted if row["region__path"].startswith(region.path)]

        def total(rows=rows, **match) -> int:
            return sum(row["n"] for row in rows if all(row[key] == value for key, value in match.items()))

        figures.append(HonourFigures(
            region=region, year=year, recommended=total(),
            awarded=total(status=HonourStatus.AWARDED), not_awarded=total(status=HonourStatus.NOT_AWARDED),
            pending=total(status=HonourStatus.RECOMMENDED),
            by_category={str(label): total(category=value) for value, label in HonourCategory.choices},
            awarded_by_category={str(label): total(category=value, status=HonourStatus.AWARDED)
                                 for value, label in HonourCategory.choices},
            by_level={str(label): total(level=value) for value, label in RecommendingLevel.choices},
        ))
    return figures
