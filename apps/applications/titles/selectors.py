from collections.abc import Iterable
from datetime import date, timedelta

from django.db.models import Prefetch, QuerySet

from apps.accounts.models import User
from apps.accounts.permissions import regions_for, unit_ids_for
from apps.accounts.roles import ADMIN_ROLES
from apps.accounts.selectors import scope_through_unit
from apps.applications.assessments.models import Application
from apps.applications.recognitions.models import Recognition, RecognitionStatus
from apps.campaigns.rules import Rules, rules_for
from apps.regions.models import Region


def ending_soon_days(*, regions: list[Region], today: date) -> int:
    """How far ahead titles count as "ending soon" in ``regions``: their policies' earliest reminder (the longest
    of them where the regions' policies differ; 0 where none reminds)."""
    return ending_soon_days_of([rules_for(region=region, year=today.year) for region in regions])


def ending_soon_days_of(rules: Iterable[Rules]) -> int:
    """``ending_soon_days`` from the regions' rules, for a caller that has them at hand."""
    return max((max(each.reminder_days, default=0) for each in rules), default=0)


def _with_renewals(titles: QuerySet[Recognition]) -> QuerySet[Recognition]:
    renewals = Application.objects.select_related("campaign_year").order_by("-campaign_year__year", "-pk")
    return titles.prefetch_related(Prefetch("renewals", queryset=renewals))


def titles_of_own_units(*, user: User) -> QuerySet[Recognition]:
    """A representative's titles (their own units' only), with their renewals."""
    return _with_renewals(Recognition.objects.filter(unit_id__in=unit_ids_for(user))
                          .select_related("unit", "application__standard").order_by("-issued_on", "pk"))


def titles_ending_for(*, user: User, today: date, days: int | None = None) -> QuerySet[Recognition]:
    """Valid titles of the office's jurisdiction ending within ``days`` (default: ``ending_soon_days`` of the
    office's regions) or already past their end (the renewal still pending), soonest first.

    The jurisdiction is matched as a semi-join: the few titles near their end are found on the ``valid_until``
    index and each kept if its unit is the office's, where matching a city's 41,000 units on the titles' unit
    index first read every title of the city (85,000 pages, twice with the count) to keep a handful."""
    if days is None:
        days = ending_soon_days(regions=regions_for(user, ADMIN_ROLES), today=today)
    titles = scope_through_unit(Recognition.objects.select_related("unit__region", "application__standard"), user,
                                roles=ADMIN_ROLES, semi_join=True)
    return _with_renewals(titles.filter(status=RecognitionStatus.VALID,
                                        valid_until__lte=today + timedelta(days=days))
                          .order_by("valid_until", "pk"))
