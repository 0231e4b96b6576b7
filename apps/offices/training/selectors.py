"""Reads of training and outreach sessions, scoped by the organiser's region, and their yearly figures."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from apps.accounts.models import Role, User
from apps.accounts.roles import ADMIN_ROLES
from apps.accounts.selectors import scope_to_jurisdiction, subtree_q
from apps.regions.models import Region
from apps.registry.coordinators.models import Coordinator
from apps.registry.units.models import Unit

from .models import Training, TrainingKind, TrainingMaterial

# The county and city offices record the sessions they hold; a township or park office its own 宣讲 and 座谈会.
RECORD_ROLES = (*ADMIN_ROLES, Role.TOWNSHIP_STAFF)
VIEW_ROLES = RECORD_ROLES


def training_list_for(*, user: User) -> QuerySet[Training]:
    """Sessions held by an office at or below the user's region; anything else is a 404."""
    return scope_to_jurisdiction(Training.objects.select_related("region", "recorded_by"), user,
                                 fields=("region",), roles=VIEW_ROLES)


def training_material_for(*, user: User) -> QuerySet[TrainingMaterial]:
    return scope_to_jurisdiction(TrainingMaterial.objects.select_related("training"), user,
                                 fields=("training__region",), roles=VIEW_ROLES)


def units_for_training(*, user: User) -> QuerySet[Unit]:
    """Units a participant list may name: those in the user's jurisdiction."""
    return scope_to_jurisdiction(Unit.objects.all(), user, fields=("region", "township"), roles=RECORD_ROLES)


def coordinators_for_training(*, user: User) -> QuerySet[Coordinator]:
    return scope_to_jurisdiction(Coordinator.objects.select_related("region"), user, fields=("region",),
                                 roles=RECORD_ROLES).order_by("full_name", "pk")


@dataclass(frozen=True)
class TrainingFigures:
    """A region's sessions in a year (held by its own office or any below it)."""

    region: Region
    year: int
    sessions: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)  # kind label → sessions, in the order of TrainingKind
    people: int = 0  # 参加人数, summed over the sessions
    units: int = 0  # distinct units that took part
    coordinators: int = 0  # distinct coordinators trained
    coordinator_hours: Decimal = Decimal("0")  # 学时 summed over each coordinator's attendances


def training_figures(region: Region, year: int) -> TrainingFigures:
    """What the region's offices held in ``year``: sessions per kind, people, units, coordinators and hours."""
    return training_figures_for([region], year)[0]


def training_figures_for(regions: list[Region], year: int) -> list[TrainingFigures]:
    """``training_figures`` of each region (a region and those below it may both be given), in their order.

    At most three queries whatever the number of regions: the sessions counted per region and kind (summed into
    each given region whose subtree holds them), then the distinct units and the distinct coordinators with
    their hours, one filtered aggregate per region (distinct counts do not add up from the regions below).
    The yearly report and the per-region table of the training page use it; without sessions, one query.
    """
    if not regions:
        return []
    sessions = Training.objects.filter(subtree_q(regions, fields=("region",)), held_on__year=year)
    rows = list(sessions.order_by().values("region__path", "kind")
                .annotate(n=Count("pk"), people=Coalesce(Sum("people_count"), 0)))
    unit_counts: dict[str, int] = {}
    attendance: dict[str, object] = {}
    if rows:
        under = {region.pk: Q(training__region__path__startswith=region.path) for region in regions}
        unit_counts = Training.units.through.objects.filter(training__in=sessions.values("pk")).aggregate(**{
            f"u{pk}": Count("unit", distinct=True, filter=q) for pk, q in under.items()})
        attendance = Training.coordinators.through.objects.filter(training__in=sessions.values("pk")).aggregate(
            **{f"c{pk}": Count("coordinator", distinct=True, filter=q) for pk, q in under.items()},
            **{f"h{pk}": Coalesce(Sum("training__hours", filter=q), Decimal("0")) for pk, q in under.items()})
    figures = []
    for region in regions:
        mine = [row for row in rows if row["region__path"].startswith(region.path)]
        per_kind = {kind: sum(row["n"] for row in mine if row["kind"] == kind) for kind in TrainingKind.values}
        figures.append(TrainingFigures(
            region=region, year=year, sessions=sum(per_kind.values()),
            by_kind={str(label): per_kind[kind] for kind, label in TrainingKind.choices},
            people=sum(row["people"] for row in mine), units=unit_counts.get(f"u{region.pk}", 0),
            coordinators=attendance.get(f"c{region.pk}", 0),
            coordinator_hours=attendance.get(f"h{region.pk}", Decimal("0")),
        ))
    return figures


def coordinator_hours_for(*, coordinators: QuerySet[Coordinator], year: int) -> QuerySet[Coordinator]:
    """The coordinators with ``sessions`` and ``hours`` of training attended in ``year`` (the ledger's column)."""
    in_year = Q(trainings__held_on__year=year)
    return coordinators.annotate(
        sessions=Count("trainings", filter=in_year),
        hours=Coalesce(Sum("trainings__hours", filter=in_year), Decimal("0")),
    )
