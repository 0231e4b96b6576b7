from datetime import date, timedelta

from django.db.models import Prefetch, QuerySet

from apps.accounts.models import User
from apps.accounts.permissions import unit_ids_for
from apps.accounts.roles import ADMIN_ROLES
from apps.accounts.selectors import scope_through_unit
from apps.applications.assessments.models import Application
from apps.applications.recognitions.models import Recognition, RecognitionStatus

from .services import REMINDER_DAYS

# Titles shown as "ending soon": within the earliest reminder's reach.
ENDING_SOON_DAYS = max(REMINDER_DAYS)


def _with_renewals(titles: QuerySet[Recognition]) -> QuerySet[Recognition]:
    renewals = Application.objects.select_related("campaign_year").order_by("-campaign_year__year", "-pk")
    return titles.prefetch_related(Prefetch("renewals", queryset=renewals))


def titles_of_own_units(*, user: User) -> QuerySet[Recognition]:
    """A representative's titles (their own units' only), with their renewals."""
    return _with_renewals(Recognition.objects.filter(unit_id__in=unit_ids_for(user))
                          .select_related("unit", "application__standard").order_by("-issued_on", "pk"))


def titles_ending_for(*, user: User, today: date) -> QuerySet[Recognition]:
    """Valid titles of the office's jurisdiction ending within ENDING_SOON_DAYS or already past their end
    (the renewal still pending), soonest first.

    The jurisdiction is matched as a semi-join: the few titles near their end are found on the ``valid_until``
    index and each kept if its unit is the office's, where matching a city's 41,000 units on the titles' unit
    index first read every title of the city (85,000 pages, twice with the count) to keep a handful."""
    titles = scope_through_unit(Recognition.objects.select_related("unit__region", "application__standard"), user,
                                roles=ADMIN_ROLES, semi_join=True)
    return _with_renewals(titles.filter(status=RecognitionStatus.VALID,
                                        valid_until__lte=today + timedelta(days=ENDING_SOON_DAYS))
                          .order_by("valid_until", "pk"))
