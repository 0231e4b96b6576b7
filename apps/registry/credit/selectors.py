import datetime
from dataclasses import dataclass

from django.db.models import BooleanField, Case, Q, QuerySet, When

from apps.accounts.models import User
from apps.accounts.roles import ADMIN_ROLES
from apps.accounts.selectors import scope_to_jurisdiction
from apps.regions.models import Region
from apps.registry.enterprises.models import Enterprise

from .models import CreditEvaluation, RedListEntry, evaluation_valid_on_q, red_list_member_on_q


def credit_evaluations_of(*, enterprise: Enterprise) -> QuerySet[CreditEvaluation]:
    return CreditEvaluation.objects.filter(enterprise=enterprise)


def credit_grade_on(*, enterprise: Enterprise, day: datetime.date) -> str:
    """The grade in force on ``day``: the latest evaluation in force then ("" when none is).

    An enterprise with no evaluation recorded keeps the grade it was registered or imported with.
    """
    evaluations = CreditEvaluation.objects.filter(enterprise=enterprise)
    latest = evaluations.filter(evaluation_valid_on_q(day)).order_by("-evaluated_on", "-pk").first()
    return _grade(enterprise, latest, evaluated=latest is not None or evaluations.exists())


def _grade(enterprise: Enterprise, latest: CreditEvaluation | None, *, evaluated: bool) -> str:
    if latest is not None:
        return latest.grade
    return "" if evaluated else enterprise.credit_grade


@dataclass(frozen=True)
class CreditRecord:
    """An enterprise's evaluations and red-list entries (newest first) and what holds on a day: its grade then
    (as ``credit_grade_on`` gives it) and whether it is on the red list then (as ``on_red_list``)."""

    evaluations: list[CreditEvaluation]
    grade: str
    red_list_entries: list[RedListEntry]
    on_red_list: bool


def credit_record_on(*, enterprise: Enterprise, day: datetime.date) -> CreditRecord:
    """The unit page's credit record in two queries: each row read with whether it holds on ``day``, where the grade
    and the red-list standing were three more queries."""
    holds = {"holds": Case(When(evaluation_valid_on_q(day), then=True), default=False, output_field=BooleanField())}
    evaluations = list(credit_evaluations_of(enterprise=enterprise).annotate(**holds).order_by("-evaluated_on", "-pk"))
    listed = {"holds": Case(When(red_list_member_on_q(day), then=True), default=False, output_field=BooleanField())}
    entries = list(red_list_entries_of(enterprise=enterprise).annotate(**listed))
    latest = next((evaluation for evaluation in evaluations if evaluation.holds), None)
    return CreditRecord(evaluations=evaluations, grade=_grade(enterprise, latest, evaluated=bool(evaluations)),
                        red_list_entries=entries, on_red_list=any(entry.holds for entry in entries))


def red_list_entries_of(*, enterprise: Enterprise) -> QuerySet[RedListEntry]:
    return RedListEntry.objects.filter(enterprise=enterprise)


def on_red_list(*, enterprise: Enterprise, day: datetime.date) -> bool:
    return RedListEntry.objects.filter(red_list_member_on_q(day), enterprise=enterprise).exists()


# The region-wide red list: the county and city offices, who enter and end its entries.
RED_LIST_VIEW_ROLES = ADMIN_ROLES

# The list's "state" filter: in force on the day, ended by then, or every entry.
IN_FORCE, ENDED, ALL = "current", "ended", "all"


def red_list_for(*, user: User) -> QuerySet[RedListEntry]:
    """Red-list entries of enterprises in the user's jurisdiction (deny by default), newest listing first."""
    return scope_to_jurisdiction(
        RedListEntry.objects.select_related("enterprise__unit__region", "entered_by"), user,
        fields=("enterprise__unit__region",), roles=RED_LIST_VIEW_ROLES,
    ).order_by("-listed_on", "-pk")


def red_list_filter(entries: QuerySet[RedListEntry], *, day: datetime.date, state: str = IN_FORCE,
                    year: int | None = None, county: Region | None = None, q: str = "") -> QuerySet[RedListEntry]:
    """``entries`` narrowed as the list's filters say: in force on ``day`` / ended by then / all; listed in
    ``year``; enterprises of ``county``; the unit's name or credit code containing ``q``."""
    if state == IN_FORCE:
        entries = entries.filter(red_list_member_on_q(day))
    elif state == ENDED:
        entries = entries.filter(ended_on__lte=day)
    if year is not None:
        entries = entries.filter(listed_on__year=year)
    if county is not None:
        entries = entries.filter(enterprise__unit__region=county)
    if q:
        entries = entries.filter(Q(enterprise__unit__name__icontains=q) | Q(enterprise__uscc__icontains=q))
    return entries
