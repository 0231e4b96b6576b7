import datetime

from django.db.models import QuerySet

from apps.registry.enterprises.models import Enterprise

from .models import CreditEvaluation, RedListEntry, evaluation_valid_on_q, red_list_member_on_q


def credit_evaluations_of(*, enterprise: Enterprise) -> QuerySet[CreditEvaluation]:
    return CreditEvaluation.objects.filter(enterprise=enterprise).select_related("entered_by")


def credit_grade_on(*, enterprise: Enterprise, day: datetime.date) -> str:
    """The grade in force on ``day``: the latest evaluation in force then ("" when none is).

    An enterprise with no evaluation recorded keeps the grade it was registered or imported with.
    """
    evaluations = CreditEvaluation.objects.filter(enterprise=enterprise)
    latest = evaluations.filter(evaluation_valid_on_q(day)).order_by("-evaluated_on", "-pk").first()
    if latest is not None:
        return latest.grade
    return "" if evaluations.exists() else enterprise.credit_grade


def red_list_entries_of(*, enterprise: Enterprise) -> QuerySet[RedListEntry]:
    return RedListEntry.objects.filter(enterprise=enterprise).select_related("entered_by")


def on_red_list(*, enterprise: Enterprise, day: datetime.date) -> bool:
    return RedListEntry.objects.filter(red_list_member_on_q(day), enterprise=enterprise).exists()
