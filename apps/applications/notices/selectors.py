from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from apps.accounts.models import User
from apps.accounts.roles import ADMIN_ROLES
from apps.accounts.selectors import scope_to_jurisdiction
from apps.applications.assessments.models import Application
from apps.applications.assessments.selectors import application_list_for
from apps.applications.workflow.offices import naming_office_applications, policies_prime
from apps.applications.workflow.queues import confirmation_kept
from apps.applications.workflow.states import Status
from apps.campaigns.models import CampaignPolicy
from apps.campaigns.rules import Rules, rules_for
from apps.campaigns.selectors import policies_for
from apps.regions.models import Region

from .models import Notice, NoticeEntry, Objection, ObjectionStatus, ProvinceDecision, ProvinceOutcome


def notice_list_for(*, user: User) -> QuerySet[Notice]:
    return scope_to_jurisdiction(Notice.objects.select_related("city__parent"), user, fields=("city",),
                                 roles=ADMIN_ROLES)


def notices_current() -> QuerySet[Notice]:
    """Notices open today (public)."""
    today = timezone.localdate()
    return Notice.objects.filter(starts_on__lte=today, ends_on__gte=today).select_related("city")


def notices_public() -> QuerySet[Notice]:
    return Notice.objects.filter(starts_on__lte=timezone.localdate()).select_related("city")


def notice_entries(notice: Notice) -> QuerySet[NoticeEntry]:
    return notice.entries.select_related("application__unit__region", "application__campaign_year",
                                         "application__review_panel", "application__standard").annotate(
        pending=Count("objections", filter=Q(objections__status=ObjectionStatus.PENDING)),
        upheld=Count("objections", filter=Q(objections__status=ObjectionStatus.UPHELD)),
    )


@dataclass(frozen=True)
class NoticeRow:
    """One unit of a public notice as printed: the title it is to receive (the policy's wording), its score,
    and its grade where the policy grades; ``is_example``: from a demonstration standard, not official."""

    entry: NoticeEntry
    title: str
    score: Decimal | None
    grade: str
    is_example: bool


def notice_rows(entries: list[NoticeEntry], *, year: int) -> list[NoticeRow]:
    rules_by_region: dict[int, Rules] = {}
    rows = []
    for entry in entries:
        application = entry.application
        unit = application.unit
        if unit.region_id not in rules_by_region:
            rules_by_region[unit.region_id] = rules_for(region=unit.region, year=year)
        rules = rules_by_region[unit.region_id]
        panel = getattr(application, "review_panel", None)
        grade = panel.result_grade if panel and rules.grades_print(bool(panel.result_grade)) else ""
        rows.append(NoticeRow(entry=entry, title=rules.title(unit.kind), score=panel.result_total if panel else None,
                              grade=grade, is_example=application.standard.is_example))
    return rows


def objection_list_for(*, user: User) -> QuerySet[Objection]:
    return scope_to_jurisdiction(
        Objection.objects.select_related("entry__notice", "entry__application__unit"),
        user, fields=("entry__notice__city",), roles=ADMIN_ROLES,
    )


def naming_blockers(*, application) -> list[str]:
    """Why the application cannot be named yet: its notice still runs or an objection is open or upheld."""
    entry = (
        NoticeEntry.objects.filter(application=application).select_related("notice").order_by("-notice__starts_on")
        .first()
    )
    if entry is None:
        return [gettext("该申报未经公示，不能命名。")]
    problems = []
    if entry.notice.ends_on >= timezone.localdate():
        problems.append(gettext("公示期至 %(day)s 结束，公示期满后方可命名。")
                        % {"day": date_format(entry.notice.ends_on)})
    open_objections = entry.objections.exclude(status=ObjectionStatus.DISMISSED).count()
    if open_objections:
        problems.append(gettext("尚有 %(count)s 条异议未处理或已成立，不能命名。") % {"count": open_objections})
    return problems


# The office's lists of confirmed applications stop at this many rows (a notice holds at most this many).
CONFIRMED_LIMIT = 500


class Candidate(NamedTuple):
    """A confirmed application as the office's lists show it (notice management, the consultation form, the
    province page): its unit, the unit's region and the campaign year by name, and its latest province decision.
    A city has up to 500; read as model instances (application, unit, region, campaign year and its city) they
    cost ~35 ms of CPU per request. An action on some of them reads those as applications
    (``confirmed_applications``). A tuple: the office's list is kept in the cache (``_confirmed_for``), and 400
    slotted dataclasses took 3 ms to unpickle."""

    pk: int
    unit_name: str
    region_name: str
    year: int
    province_outcome: str | None
    province_decision_id: int | None
    ready: bool


def _confirmed_for(user: User) -> list[Candidate]:
    """The confirmed applications the user's office names, each with its latest province decision's id and
    outcome and whether it may be announced: kept per office (``workflow.queues.confirmation_kept``; read, the
    ~400 rows of a city cost a third of the notice management page's and the consultation form's CPU)."""
    return confirmation_kept(user, lambda: _confirmed_read(user), variant="confirmed")


def _confirmed_read(user: User) -> list[Candidate]:
    """``_confirmed_for`` from the database: one query for the rows, one for the pairs, one for the policies."""
    latest = ProvinceDecision.objects.filter(application=OuterRef("pk")).order_by("-forwarded_at", "-pk")
    rows = list(naming_office_applications(
        application_list_for(user=user).filter(status=Status.CITY_CONFIRMED), user,
    ).annotate(province_outcome=Subquery(latest.values("outcome")[:1]),
               province_decision_id=Subquery(latest.values("pk")[:1]))
        .order_by("region__path", "unit_name")  # the application's copies of its unit's county and name
        .values_list("pk", "unit_name", "region__name", "region_id", "region__path",
                     "campaign_year__year", "province_outcome", "province_decision_id")[:CONFIRMED_LIMIT])
    # The policy needs only each region's id and path (its ancestors): one bare Region per region, not per row
    # (built per row, the 500 rows' model instances were a fifth of the page's Python calls).
    paths = {region_id: path for _, _, _, region_id, path, *_ in rows}
    regions = {region_id: Region(pk=region_id, path=path) for region_id, path in paths.items()}
    policies = policies_for(pairs={(regions[region_id], year) for _, _, _, region_id, _, year, _, _ in rows})
    return [
        Candidate(pk=pk, unit_name=unit_name, region_name=region_name, year=year, province_outcome=outcome,
                  province_decision_id=decision_id,
                  ready=_ready(policies[(region_id, year)], outcome))
        for pk, unit_name, region_name, region_id, _, year, outcome, decision_id in rows
    ]


def _ready(policy: CampaignPolicy | None, province_outcome: str | None) -> bool:
    """Announceable: the province does not decide, or it passed the application."""
    return policy is None or not policy.province_decides or province_outcome == ProvinceOutcome.PASSED


def ready_for_notice(*, user: User) -> list[Candidate]:
    """Confirmed applications the user's office may announce: where the province decides, only once it passed."""
    return [c for c in _confirmed_for(user) if c.ready]


def awaiting_province(*, user: User) -> list[Candidate]:
    """Confirmed applications waiting for the province: not yet forwarded, or forwarded and not yet decided."""
    return [c for c in _confirmed_for(user) if not c.ready]


def notice_candidates(*, user: User) -> tuple[list[Candidate], list[Candidate]]:
    """``ready_for_notice`` and ``awaiting_province`` from one read of the confirmed applications (the notice
    management page shows both; read apart, the city's jurisdiction was matched twice)."""
    confirmed = _confirmed_for(user)
    return [c for c in confirmed if c.ready], [c for c in confirmed if not c.ready]


def confirmed_applications(candidates: list[Candidate]) -> list[Application]:
    """The picked candidates as applications, in the list's order, with what the workflow and the services read
    (unit and region, campaign year and its city, the policy): one query for them, one for the policies."""
    if not candidates:
        return []
    applications = list(Application.objects.filter(pk__in=[c.pk for c in candidates])
                        .select_related("unit__region", "campaign_year__city")
                        .order_by("unit__region__path", "unit__name"))
    policies_prime(applications)
    return applications


def province_decision_list_for(*, user: User) -> QuerySet[ProvinceDecision]:
    return scope_to_jurisdiction(
        ProvinceDecision.objects.select_related("application__unit__region", "application__campaign_year"),
        user, fields=("application__unit__region",), roles=ADMIN_ROLES,
    )


def province_decision_passed(*, application_id: int | None) -> ProvinceDecision | None:
    """The province's passing decision a title rests on, where the province decided (for the verification page)."""
    if application_id is None:
        return None
    return (ProvinceDecision.objects.filter(application_id=application_id, outcome=ProvinceOutcome.PASSED)
            .order_by("-forwarded_at", "-pk").first())
