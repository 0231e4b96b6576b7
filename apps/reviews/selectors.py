from django.db.models import Count, Q, QuerySet

from apps.accounts.models import User
from apps.assessments.models import Application
from apps.assessments.selectors import application_list_for
from apps.assessments.workflow import Status

from .models import PanelMember

COUNTY_QUEUE_STATUSES = (Status.SUBMITTED, Status.TOWNSHIP_PRECHECK, Status.COUNTY_REVIEW, Status.CITY_RETURNED)


def review_application_list_for(*, user: User) -> QuerySet[Application]:
    """Applications past submission in the user's jurisdiction, with panel progress counted in SQL."""
    return (
        application_list_for(user=user)
        .exclude(status=Status.DRAFT)
        .select_related("review_panel")
        .annotate(
            seats=Count("review_panel__members", distinct=True),
            sheets_done=Count(
                "review_panel__members",
                filter=Q(review_panel__members__sheet_submitted_at__isnull=False), distinct=True,
            ),
        )
    )


def county_queue_for(*, user: User, status: str = "") -> QuerySet[Application]:
    rows = review_application_list_for(user=user).filter(status__in=COUNTY_QUEUE_STATUSES)
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("updated_at", "pk")


def city_confirmation_list_for(*, user: User) -> QuerySet[Application]:
    return review_application_list_for(user=user).filter(status=Status.COUNTY_APPROVED).order_by(
        "unit__region__path", "unit__name", "pk"
    )


def seats_of(*, user: User) -> QuerySet[PanelMember]:
    """The panel seats where the user still has to score."""
    return (
        PanelMember.objects.filter(user=user, panel__application__status=Status.COUNTY_REVIEW)
        .select_related("panel__application__unit__region")
        .order_by("sheet_submitted_at", "pk")
    )
