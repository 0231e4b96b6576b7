from datetime import date

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.utils import timezone

from apps.accounts.models import Role, User
from apps.accounts.permissions import unit_ids_for
from apps.accounts.roles import APPLICATION_STAFF_ROLES
from apps.accounts.selectors import scope_to_jurisdiction
from apps.applications.recognitions.models import Recognition, RecognitionStatus, valid_through
from apps.applications.recognitions.selectors import recognition_list_for

from .models import FILED_STATUSES, ProvinceExport, YearlyReport


def report_due_date(year: int) -> date:
    """The day a year's report is due (settings.YEARLY_REPORT_DUE, "MM-DD"; 30 November by default)."""
    month, day = (int(part) for part in str(settings.YEARLY_REPORT_DUE).split("-"))
    return date(year, month, day)


def yearly_report_list_for(*, user: User) -> QuerySet[YearlyReport]:
    """Reports the user may see: their own unit's, or those of named units in their jurisdiction."""
    return scope_to_jurisdiction(
        YearlyReport.objects.select_related("recognition__unit__region", "recognition__unit__township"),
        user,
        fields=("recognition__unit__region", "recognition__unit__township"),
        roles=APPLICATION_STAFF_ROLES,
        unit_field="recognition__unit_id",
    )


def recognitions_expecting_report(year: int) -> QuerySet[Recognition]:
    """Titles that owe a report for ``year``: named before that year and still in force on its due date."""
    return Recognition.objects.filter(
        valid_through(report_due_date(year)), status=RecognitionStatus.VALID, issued_on__lt=date(year, 1, 1)
    )


def missing_reports_for(*, user: User, year: int) -> QuerySet[Recognition]:
    """Titles in the user's jurisdiction whose report for ``year`` is not filed, with any draft's status.

    One query whatever the number of rows: the filed check and the draft status are subqueries.
    """
    reports = YearlyReport.objects.filter(recognition=OuterRef("pk"), year=year)
    return (
        scope_to_jurisdiction(
            recognitions_expecting_report(year).select_related("unit__region", "unit__township"),
            user, fields=("unit__region", "unit__township"), roles=(Role.COUNTY_ADMIN, Role.CITY_ADMIN),
        )
        .exclude(Exists(reports.filter(status__in=FILED_STATUSES)))
        .annotate(report_status=Subquery(reports.values("status")[:1]))
        .order_by("unit__region__path", "unit__name", "pk")
    )


def reportable_recognitions_for(*, user: User) -> QuerySet[Recognition]:
    """The user's own unit's titles that are in force today: the ones a report may be filed under."""
    today = timezone.localdate()
    own = recognition_list_for(user=user).filter(unit_id__in=unit_ids_for(user))
    return own.filter(valid_through(today), status=RecognitionStatus.VALID, issued_on__lte=today)


def province_export_list_for(*, user: User) -> QuerySet[ProvinceExport]:
    return scope_to_jurisdiction(ProvinceExport.objects.select_related("city", "requested_by"), user,
                                 fields=("city",), roles=(Role.CITY_ADMIN,))
