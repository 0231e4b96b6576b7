from django.db.models import Count, QuerySet

from apps.accounts.models import User
from apps.accounts.selectors import scope_to_jurisdiction
from apps.regions.models import Region, RegionLevel

from .models import Recognition, RecognitionStatus
from .numbers import certificate_number_normalise


def recognition_list_for(*, user: User) -> QuerySet[Recognition]:
    """Recognitions the user may manage or download: their jurisdiction's, or their own unit's."""
    return scope_to_jurisdiction(
        Recognition.objects.select_related("unit__region", "city", "application__standard"),
        user,
        fields=("unit__region", "unit__township"),
        unit_field="unit_id",
    )


def recognition_public_get(*, number: str) -> Recognition | None:
    """The recognition a certificate number names, for the public verification page."""
    return (
        Recognition.objects.select_related("unit__region", "city", "application__standard")
        .filter(number__iexact=certificate_number_normalise(number))
        .first()
    )


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
