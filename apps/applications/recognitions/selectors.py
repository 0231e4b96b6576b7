from collections.abc import Callable
from typing import TypeVar

from django.db.models import Count, Q, QuerySet

from apps.accounts.models import User
from apps.accounts.permissions import regions_for, unit_ids_for
from apps.accounts.roles import STAFF_ROLES
from apps.accounts.selectors import scope_through_unit
from apps.core.public_cache import GENERATION_KEY as TITLES_KEY
from apps.core.region_cache import region_cached
from apps.regions.models import Region, RegionLevel

from .models import Recognition, RecognitionStatus
from .numbers import certificate_number_normalise

TOTAL_PART = "recognitions-total"
PAGE_PART = "recognitions-page"
T = TypeVar("T")


def recognition_list_for(*, user: User, semi_join: bool = False) -> QuerySet[Recognition]:
    """Recognitions the user may manage or download: their jurisdiction's, or their own unit's.

    The jurisdiction's units are read first and the titles matched on their unit index: through the join,
    PostgreSQL sorted the province's 46,000 titles to keep a county's 2,600 (229 ms at 200,000 enterprises;
    27 ms this way, 71 ms for a city). ``semi_join``: the same rows, matched as ``scope_through_unit`` says, for
    a look-up that stops at its first row (``exists()``).
    """
    return scope_through_unit(
        Recognition.objects.select_related("unit__region", "city", "application__standard"), user, own_units=True,
        semi_join=semi_join,
    )


def recognition_total_kept(*, user: User, count: Callable[[], int]) -> int:
    """``count()`` (the number of titles in the user's list), kept per jurisdiction (region_cache).

    A county's or city's count matches its 11,000–41,000 units against the titles (~3,000–3,800 pages, 10–25 ms
    on an idle machine) on every view of the list. The list shows titles of every status, so its length
    changes only when a title is conferred (``recognition_create`` moves the public pages' generation) or a unit
    moves (``units_changed``). A user who also represents units, or holds offices in several regions, is counted
    each time."""
    return titles_kept_for(user, TOTAL_PART, count)


def recognition_page_kept(*, user: User, number: int, read: Callable[[], list[int]]) -> list[int]:
    """``read()`` (the ids of page ``number`` of the user's list), kept as the total is and dropped with it: the
    list's order (year, number) never changes, so its pages change only when its length does. Each page matched
    the titles against the jurisdiction's units one by one (a county's walk of the order: ~2,800 pages; a large
    township's 960 units probed: ~2,900)."""
    return titles_kept_for(user, PAGE_PART, read, variant=number)


def titles_kept_for(user: User, part: str, build: Callable[[], T], *, variant: object = "") -> T:
    """``build()`` (a value read from ``recognition_list_for(user)``), kept per jurisdiction until a title is
    conferred, changes or a unit moves; read each time for a user of several regions or who also represents
    units, whose list is not one region's."""
    roots = regions_for(user, STAFF_ROLES)
    if len(roots) != 1 or unit_ids_for(user):
        return build()
    return region_cached(part, roots[0].pk, build, also=(TITLES_KEY,), variant=variant)


def recognition_public_get(*, number: str) -> Recognition | None:
    """The recognition a certificate number names, for the public verification page.

    Numbers are matched regardless of case; one without letters (every number the portal gives) is matched on
    the number's unique index, where a case-blind match read the whole table (1,158 pages at province scale).
    """
    normalised = certificate_number_normalise(number)
    match = Q(number__iexact=normalised) if normalised.upper() != normalised.lower() else Q(number=normalised)
    return Recognition.objects.select_related("unit__region", "city", "application__standard").filter(match).first()


def named_public_list(*, year: int | None = None, county_id: int | None = None) -> QuerySet[Recognition]:
    """Titles in force or once conferred, for the public list: revoked ones are left out."""
    rows = (Recognition.objects.select_related("unit__region", "application__standard")
            .exclude(status=RecognitionStatus.REVOKED))
    if year:
        rows = rows.filter(year=year)
    if county_id:
        rows = rows.filter(unit__region_id=county_id)
    return rows.order_by("-year", "unit__region__name", "unit__name")


def named_counts_by_county_and_year(*, limit: int = 40) -> list[dict]:
    """How many units each county has named per year: one aggregate query for the public home page."""
    return list(
        Recognition.objects.exclude(status=RecognitionStatus.REVOKED)
        .values("year", "unit__region_id", "unit__region__name")
        .annotate(total=Count("pk"))
        .order_by("-year", "unit__region__name")[:limit]
    )


def named_years() -> list[int]:
    return list(Recognition.objects.values_list("year", flat=True).distinct().order_by("-year"))


def named_filter_choices() -> dict:
    """The public list's filters: the years and the counties that have named units."""
    counties = Region.objects.filter(level=RegionLevel.COUNTY, units__recognitions__isnull=False).distinct()
    return {"years": named_years(), "counties": list(counties.in_code_order())}
