"""Reads of supervision visits and rectification items, scoped to the viewer's jurisdiction (deny by default),
and the figures a yearly report states (``supervision_figures``)."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from apps.accounts.models import Role, User
from apps.accounts.permissions import regions_for
from apps.accounts.roles import ADMIN_ROLES
from apps.accounts.selectors import scope_to_jurisdiction, subtree_q
from apps.regions.models import Region, RegionLevel

from .models import ItemStatus, RectificationItem, SupervisionVisit, VisitKind

# The city and county offices supervise the level below; a township's office reports its own rectification.
VIEW_ROLES = (*ADMIN_ROLES, Role.TOWNSHIP_STAFF)
SUPERVISOR_ROLES = ADMIN_ROLES
# The levels an office supervises: a city its counties, a county its townships (streets, parks' areas).
SUPERVISED_LEVELS = (RegionLevel.COUNTY, RegionLevel.TOWNSHIP)


def visit_list_for(*, user: User) -> QuerySet[SupervisionVisit]:
    """Visits to a region in the user's jurisdiction: an office sees those it made below and those made to it."""
    return scope_to_jurisdiction(SupervisionVisit.objects.select_related("supervisor", "region", "recorded_by"),
                                 user, fields=("region",), roles=VIEW_ROLES)


def item_list_for(*, user: User) -> QuerySet[RectificationItem]:
    return scope_to_jurisdiction(
        RectificationItem.objects.select_related("visit__supervisor", "visit__region", "responsible"),
        user, fields=("responsible",), roles=VIEW_ROLES)


def supervisable_regions_for(*, user: User) -> QuerySet[Region]:
    """The regions directly below the user's offices: what a city or county office may record a visit to."""
    roots = regions_for(user, SUPERVISOR_ROLES)
    return Region.objects.filter(parent__in=roots, level__in=SUPERVISED_LEVELS).order_by("parent__path", "code",
                                                                                          "name")


def overdue_items(items: QuerySet[RectificationItem], *, today: datetime.date) -> QuerySet[RectificationItem]:
    """Items still to be rectified after their deadline (reported or closed ones are not overdue)."""
    return items.filter(status=ItemStatus.OPEN, deadline__lt=today)


def overdue_items_of(*, region: Region, today: datetime.date) -> QuerySet[RectificationItem]:
    """The office of ``region``'s own overdue items (its workbench), earliest deadline first."""
    return overdue_items(RectificationItem.objects.filter(responsible=region), today=today).select_related(
        "visit__supervisor").order_by("deadline", "pk")


def items_to_accept_by(*, region: Region) -> QuerySet[RectificationItem]:
    """Items the office of ``region`` supervised and whose rectification waits for its acceptance."""
    return (RectificationItem.objects.filter(visit__supervisor=region, status=ItemStatus.REPORTED)
            .select_related("responsible").order_by("deadline", "pk"))


@dataclass(frozen=True)
class SupervisionFigures:
    """A year of supervision in and by a region (a yearly report's section).

    ``visits`` counts the visits to the region or below it that year (those it received and those it made);
    items are those of these visits; ``overdue`` is counted as of ``as_of`` (the year's last day, or today
    for the running year).
    """

    region: Region
    year: int
    as_of: datetime.date
    visits: int
    visits_made: int
    visits_received: int
    by_kind: dict[str, int]
    items: int
    closed: int
    reported: int
    overdue: int

    @property
    def open(self) -> int:
        return self.items - self.closed

    @property
    def closed_share(self) -> float | None:
        """Closed items as a share of all (0–1), None when there were none."""
        return self.closed / self.items if self.items else None


def supervision_figures(region: Region, year: int, *, today: datetime.date | None = None) -> SupervisionFigures:
    """The year's supervision figures of ``region`` (two queries)."""
    today = today or timezone.localdate()
    as_of = min(today, datetime.date(year, 12, 31))
    visits = SupervisionVisit.objects.filter(subtree_q([region], fields=("region",)), visited_on__year=year)
    labels = dict(VisitKind.choices)
    rows = list(visits.order_by().values("kind").annotate(
        n=Count("pk"), made=Count("pk", filter=Q(supervisor=region)), received=Count("pk", filter=Q(region=region))
    ).order_by("kind"))
    by_kind = {str(labels[row["kind"]]): row["n"] for row in rows}
    counts = {key: sum(row[key] for row in rows) for key in ("n", "made", "received")}
    items = RectificationItem.objects.filter(visit__in=visits.values("pk")).aggregate(
        total=Count("pk"), closed=Count("pk", filter=Q(status=ItemStatus.CLOSED)),
        reported=Count("pk", filter=Q(status=ItemStatus.REPORTED)),
        overdue=Count("pk", filter=Q(status=ItemStatus.OPEN, deadline__lt=as_of)))
    return SupervisionFigures(
        region=region, year=year, as_of=as_of, visits=counts["n"], visits_made=counts["made"],
        visits_received=counts["received"], by_kind=by_kind, items=items["total"], closed=items["closed"],
        reported=items["reported"], overdue=items["overdue"])
