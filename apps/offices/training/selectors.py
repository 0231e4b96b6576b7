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
    """What the region's offices held in ``year``: sessions per kind, people, units, coordinators and hours.

    Four aggregate queries whatever the region's size; the yearly report calls it per region.
    """
    sessions = Training.objects.filter(subtree_q([region], fields=("region",)), held_on__year=year)
    per_kind = dict(sessions.order_by().values_list("kind").annotate(n=Count("pk")))
    totals = sessions.aggregate(people=Coalesce(Sum("people_count"), 0))
    attendances = Training.coordinators.through.objects.filter(training__in=sessions.values("pk"))
    coordinators = attendances.aggregate(
        coordinators=Count("coordinator", distinct=True),
        hours=Coalesce(Sum("training__hours"), Decimal("0")),
    )
    units = Training.units.through.objects.filter(training__in=sessions.values("pk")).aggregate(
        n=Count("unit", distinct=True))["n"]
    return TrainingFigures(
        region=region, year=year, sessions=sum(per_kind.values()),
        by_kind={str(label): per_kind.get(kind, 0) for kind, label in TrainingKind.choices},
        people=totals["people"], units=units, coordinators=coordinators["coordinators"],
        coordinator_hours=coordinators["hours"],
    )


def coordinator_hours_for(*, coordinators: QuerySet[Coordinator], year: int) -> QuerySet[Coordinator]:
    """The coordinators with ``sessions`` and ``hours`` of training attended in ``year`` (the ledger's column)."""
    in_year = Q(trainings__held_on__year=year)
    return coordinators.annotate(
        sessions=Count("trainings", filter=in_year),
        hours=Coalesce(Sum("trainings__hours", filter=in_year), Decimal("0")),
    )
