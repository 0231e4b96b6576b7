import datetime
from collections.abc import Callable

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from apps.accounts.models import User
from apps.accounts.permissions import regions_for
from apps.accounts.roles import ADMIN_ROLES
from apps.accounts.selectors import scope_to_jurisdiction
from apps.applications.recognitions.models import Recognition, RecognitionStatus, valid_through
from apps.core.public_cache import GENERATION_KEY as TITLES_KEY
from apps.core.public_cache import generations_changed
from apps.core.region_cache import region_cached
from apps.regions.models import Region

from .models import IncentiveGrant, IncentiveMeasure

IN_FORCE_PART = "incentives-in-force"
# A measure's list of grants in force during a year, kept per region (``measure_grants_kept``).
MEASURE_PART = "incentives-measure"
# Moved by every service that makes or ends a grant (grants_changed), anywhere: grants change a few times a day.
GRANTS_KEY = "incentives:grants:generation"


def catalogue_for(*, region: Region) -> QuerySet[IncentiveMeasure]:
    """The measures that apply in ``region``: those of its own and every higher level's catalogue (inherited
    downwards, as a campaign policy is), and those only a national document backs (no region)."""
    return IncentiveMeasure.objects.filter(Q(region__isnull=True) | Q(region_id__in=region.path_ids))


def measure_list_for(*, user: User) -> QuerySet[IncentiveMeasure]:
    """The measures a county or city office sees: those that apply in its region, and its lower levels' own."""
    roots = regions_for(user, ADMIN_ROLES)
    if not roots:
        return IncentiveMeasure.objects.none()
    condition = Q(region__isnull=True)
    for root in roots:
        condition |= Q(region_id__in=root.path_ids) | Q(region__path__startswith=root.path)
    return IncentiveMeasure.objects.filter(condition).select_related("region")


def measures_editable_by(*, user: User) -> QuerySet[IncentiveMeasure]:
    """The admin of a level edits its own locality's catalogue, not a higher or lower level's."""
    return IncentiveMeasure.objects.filter(region__in=regions_for(user, ADMIN_ROLES)).select_related("region")


def catalogue_regions_for(*, user: User) -> list[Region]:
    """The regions whose catalogue the user keeps (a measure they add belongs to one of them)."""
    return regions_for(user, ADMIN_ROLES)


def grant_list_for(*, user: User) -> QuerySet[IncentiveGrant]:
    return scope_to_jurisdiction(
        IncentiveGrant.objects.select_related("measure", "recognition", "unit__region"), user,
        fields=("unit__region", "unit__township"), roles=ADMIN_ROLES,
    )


def running_q(*, day: datetime.date, prefix: str = "") -> Q:
    """Grants in force on ``day``: not ended, and their title valid that day (expiry counts at once)."""
    return valid_through(day, prefix=f"{prefix}recognition__") & Q(**{
        f"{prefix}ended_on__isnull": True,
        f"{prefix}recognition__status": RecognitionStatus.VALID,
        f"{prefix}granted_on__lte": day,
    })


def grants_running_on(*, grants: QuerySet[IncentiveGrant], day: datetime.date) -> QuerySet[IncentiveGrant]:
    """``grants`` in force on ``day`` (the rows ``running_q`` keeps), for counting many of them.

    The title's part is asked as "not one of the titles out of force", a hashed ``NOT IN`` over the title table
    read once (1,042 pages at province scale): matched through the join, PostgreSQL fetched the title of each of
    a city's 10,500 running grants by primary key (31,500 pages). Every grant has a title, so the rows are the same.
    """
    out_of_force = Recognition.objects.exclude(valid_through(day), status=RecognitionStatus.VALID).values("pk")
    return grants.filter(ended_on__isnull=True, granted_on__lte=day).exclude(recognition__in=out_of_force)


def grants_in_force_today(*, user: User) -> dict[int, int]:
    """How many of the user's jurisdiction's grants of each measure are in force today (measure id: count).

    Counted once per jurisdiction and day and kept (region_cache): the count matches a city's 41,000 units
    against its grants (~6,000 pages, 25 ms on an idle machine), on every view of the catalogue. It is dropped
    when a grant is made or ended (``grants_changed``), a title is conferred, renewed, revoked or expired (each
    of those services moves the public pages' generation) or a unit moves (``units_changed``); the date in the
    key turns a title past its end out of force at midnight. A user holding offices in several regions is
    counted each time."""
    def count() -> dict[int, int]:
        return dict(
            grants_running_on(grants=grant_list_for(user=user), day=timezone.localdate()).select_related(None)
            .order_by().values("measure_id").annotate(total=Count("pk")).values_list("measure_id", "total")
        )

    roots = regions_for(user, ADMIN_ROLES)
    if len(roots) != 1:
        return count()
    return region_cached(IN_FORCE_PART, roots[0].pk, count, also=(TITLES_KEY, GRANTS_KEY))


def grants_changed() -> None:
    """A grant was made or ended: drop every jurisdiction's kept count (``grants_in_force_today``)."""
    generations_changed([GRANTS_KEY])


def grants_in_force_during(*, grants: QuerySet[IncentiveGrant], year: int) -> QuerySet[IncentiveGrant]:
    """Grants that apply at some point of ``year``: what other departments need for their yearly plans."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return grants.filter(valid_through(start, prefix="recognition__"), granted_on__lte=end).exclude(
        ended_on__lt=start).exclude(recognition__status=RecognitionStatus.REVOKED, recognition__revoked_on__lt=start)


def measure_grants_kept(*, user: User, measure: IncentiveMeasure, year: int, number: int,
                        read: Callable[[], list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """``read()`` (the ids of page ``number`` of the measure's grants in force during ``year`` in the user's
    jurisdiction, with the total), kept per jurisdiction, measure, year and page.

    Every view hashed the jurisdiction's units (a city's 41,000, 3,700 pages) against the measure's grants and
    their titles (6,000–15,000 pages, 30–60 ms) to show 50 rows. The list changes when a grant is made or ended
    (``grants_changed``), a title is conferred, renewed, revoked or expired (each moves the public pages'
    generation) or a unit moves or is renamed (``units_changed``), each of which drops it. A user holding offices
    in several regions is read each time."""
    roots = regions_for(user, ADMIN_ROLES)
    if len(roots) != 1:
        return read()
    return region_cached(f"{MEASURE_PART}:{measure.pk}:{year}", roots[0].pk, read, also=(TITLES_KEY, GRANTS_KEY),
                         variant=number)


def recognitions_for_grant(*, user: User) -> QuerySet[Recognition]:
    return scope_to_jurisdiction(
        Recognition.objects.select_related("unit__region"), user, fields=("unit__region", "unit__township"),
        roles=ADMIN_ROLES,
    ).filter(status=RecognitionStatus.VALID)


def grants_of_units(*, unit_ids) -> QuerySet[IncentiveGrant]:
    """The grants a unit's representative sees: their own units' only, latest first."""
    return (IncentiveGrant.objects.filter(unit_id__in=list(unit_ids))
            .select_related("measure", "recognition", "unit").order_by("-granted_on", "-pk"))
