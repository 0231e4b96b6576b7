"""Who sees which consultation, and what a consultation still waits for (the notice's guard reads it)."""

from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext

from apps.accounts.models import Role, User
from apps.accounts.permissions import regions_for
from apps.accounts.roles import ADMIN_ROLES
from apps.accounts.selectors import scope_to_jurisdiction
from apps.applications.assessments.models import Application
from apps.regions.models import Region

from .models import (
    Consultation,
    ConsultationEntry,
    ConsultationRequest,
    Department,
    DepartmentOpinion,
    OpinionStatus,
    Verdict,
)


def departments_of(region: Region, *, active_only: bool = False) -> QuerySet[Department]:
    """The departments an office consults: its own region's list (a district that names keeps its own)."""
    rows = Department.objects.filter(region=region).prefetch_related("staff")
    return rows.filter(is_active=True) if active_only else rows


def department_list_for(*, user: User) -> QuerySet[Department]:
    return scope_to_jurisdiction(Department.objects.select_related("region"), user, roles=ADMIN_ROLES)


def consultation_list_for(*, user: User) -> QuerySet[Consultation]:
    """The consultations of the offices in the user's jurisdiction, each with its counts for the list."""
    return scope_to_jurisdiction(Consultation.objects.select_related("region__parent", "sent_by"), user,
                                 roles=ADMIN_ROLES).annotate(
        units=Count("entries", distinct=True), asked=Count("requests", distinct=True),
        answered=Count("requests", filter=Q(requests__answered_at__isnull=False), distinct=True),
    ).order_by("-sent_at", "-pk")


def request_list_for(*, user: User) -> QuerySet[ConsultationRequest]:
    """What a department user may open: the consultations sent to a department they answer for, in the region
    where they hold the department role (a withdrawn role opens nothing, whatever the staff list says)."""
    regions = regions_for(user, [Role.DEPARTMENT_STAFF])
    if not regions:
        return ConsultationRequest.objects.none()
    return (ConsultationRequest.objects.filter(department__staff=user, department__region__in=regions)
            .select_related("consultation__region__parent", "department", "answered_by")
            .order_by(F("answered_at").desc(nulls_first=True), "consultation__deadline", "-pk"))


def opinion_list_for(*, user: User) -> QuerySet[DepartmentOpinion]:
    return scope_to_jurisdiction(
        DepartmentOpinion.objects.select_related("request__department", "request__consultation",
                                                 "entry__application__unit", "handled_by"),
        user, fields=("request__consultation__region",), roles=ADMIN_ROLES,
    )


def consultation_entries(consultation: Consultation) -> QuerySet[ConsultationEntry]:
    return consultation.entries.select_related("application__unit__region", "application__campaign_year")


def is_open(consultation: Consultation, *, answered: int, asked: int) -> bool:
    """Still waiting: some department has not answered and the deadline (inclusive) has not passed."""
    return answered < asked and consultation.deadline >= timezone.localdate()


@dataclass
class Matrix:
    """A consultation's answers as the office reads them: one row per unit, one cell per department (the department's
    request and its opinion, None while unanswered)."""

    requests: list[ConsultationRequest]
    rows: list[tuple[ConsultationEntry, list[tuple[ConsultationRequest, DepartmentOpinion | None]]]] = field(
        default_factory=list)
    objections: list[DepartmentOpinion] = field(default_factory=list)


def consultation_matrix(consultation: Consultation) -> Matrix:
    """Three queries whatever the size: the departments asked, the units, the answers."""
    requests = list(consultation.requests.select_related("department", "answered_by"))
    entries = list(consultation_entries(consultation))
    opinions = {(o.entry_id, o.request_id): o for o in DepartmentOpinion.objects.filter(
        request__consultation=consultation).select_related("handled_by")}
    matrix = Matrix(requests=requests)
    for entry in entries:
        cells = [(r, opinions.get((entry.pk, r.pk))) for r in requests]
        matrix.rows.append((entry, cells))
        for request, opinion in cells:
            if opinion is not None and opinion.verdict == Verdict.OBJECTION:
                opinion.request = request
                opinion.entry = entry
                matrix.objections.append(opinion)
    return matrix


def latest_entry(application: Application) -> ConsultationEntry | None:
    return (ConsultationEntry.objects.filter(application=application).select_related("consultation")
            .prefetch_related(Prefetch("consultation__requests",
                                       queryset=ConsultationRequest.objects.select_related("department")))
            .order_by("-consultation__sent_at", "-pk").first())


def consultation_problems(application: Application) -> list[str]:
    """Why the notice of ``application`` must wait for the departments.

    Only where the office consulted: the latest consultation that holds the application must have every answer in,
    or its deadline passed; an objection must be decided, and one upheld calls for a new consultation once the
    application is confirmed again.
    """
    entry = latest_entry(application)
    if entry is None:
        return []
    consultation = entry.consultation
    problems = []
    waiting = [r.department.name for r in consultation.requests.all() if r.answered_at is None]
    if waiting and consultation.deadline >= timezone.localdate():
        problems.append(gettext("征求部门意见尚未结束：%(waiting)s尚未答复，答复截止%(deadline)s；全部答复或截止日期过后方可公示。")
                        % {"waiting": pgettext("list separator", "、").join(waiting),
                           "deadline": date_format(consultation.deadline)})
    statuses = list(entry.opinions.filter(verdict=Verdict.OBJECTION).values_list("status", flat=True))
    if OpinionStatus.PENDING in statuses:
        problems.append(gettext("部门提出的异议尚有 %(count)s 条未处理，处理后方可公示。")
                        % {"count": statuses.count(OpinionStatus.PENDING)})
    if OpinionStatus.UPHELD in statuses:
        problems.append(gettext("部门异议成立：该申报重新确认后，请重新征求部门意见。"))
    return problems


def upheld_objection_problems(application: Application) -> list[str]:
    """The office sends a confirmed application back only on a department's objection it found well founded."""
    entry = latest_entry(application)
    if entry is None or not entry.opinions.filter(status=OpinionStatus.UPHELD).exists():
        return [gettext("只有部门异议经核实成立时，才能将已确认的申报退回县级。")]
    return []


def waiting_for(application_ids: list[int]) -> set[int]:
    """Of ``application_ids``, those whose latest consultation is still open (one query; for the send form)."""
    open_ids = set()
    today = timezone.localdate()
    entries = (ConsultationEntry.objects.filter(application_id__in=application_ids, consultation__deadline__gte=today)
               .annotate(asked=Count("consultation__requests", distinct=True),
                         answered=Count("consultation__requests",
                                        filter=Q(consultation__requests__answered_at__isnull=False), distinct=True))
               .values_list("application_id", "asked", "answered"))
    for application_id, asked, answered in entries:
        if answered < asked:
            open_ids.add(application_id)
    return open_ids
