"""What waits for review staff on their home page (used by apps/home/workbench.py).

Every query is limited to the membership's region, so a user with two
memberships sees each jurisdiction's work under its own heading. Each list
shows the first few rows and a link to the full list with the total.
"""

from dataclasses import dataclass

from django.db.models import BooleanField, Count, ExpressionWrapper, OuterRef, Q, QuerySet, Subquery, Value, Window
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from apps.accounts.models import Membership
from apps.accounts.selectors import subtree_q, unit_in
from apps.applications.assessments.models import Application, ApplicationEvent
from apps.applications.named_units.models import YearlyReport, YearlyReportStatus
from apps.applications.notices.models import Notice, Objection, ObjectionStatus
from apps.applications.reviews.models import PanelMember
from apps.applications.workflow.offices import naming_office_applications
from apps.applications.workflow.states import Status
from apps.campaigns.selectors import policies_for, policy_value
from apps.core.pagination import TOTAL
from apps.home.items import HomeItem
from apps.regions.models import Region
from apps.registry.units.models import Unit

SHOWN = 8


def _in_region(membership: Membership, prefix: str = "", *, semi_join: bool = False) -> Q:
    """The region's units first, then the rows on their unit index: matched through the join, PostgreSQL read
    every application of the province in a status (7,000 under county review at 200,000 enterprises) to keep
    a county's few hundred (90 ms a section; a few ms this way).

    ``semi_join`` (accounts.selectors.unit_in): for a status rarer in the province than the region's units are
    many, the rows in the status are read first and each one's unit checked (a city's 41,000 units probed on the
    applications' unit index read 90,000 index pages for its county-approved applications; this way 7,000)."""
    units = Unit.objects.filter(subtree_q([membership.region], fields=("region", "township")))
    return unit_in(units, f"{prefix}unit_id", semi_join=semi_join)


def _applications(membership: Membership, *, semi_join: bool = False) -> QuerySet[Application]:
    return Application.objects.filter(_in_region(membership, semi_join=semi_join)).select_related("unit",
                                                                                                  "campaign_year")


def items_with_more(rows: QuerySet, make, more_url: str) -> list:
    """The first SHOWN rows as home items, and a link to all of them when there are more.

    The total comes with the rows (``COUNT(*) OVER ()``), so a section is one query, not a read and a count
    that both run the region filter.
    """
    shown = list(rows.annotate(**{TOTAL: Window(Count("*"))})[:SHOWN])
    items = [make(row) for row in shown]
    total = getattr(shown[0], TOTAL) if shown else 0
    if total > SHOWN:
        items.append(HomeItem(label=_("查看全部（共 %(n)s 条）") % {"n": total}, url=more_url))
    return items


def _application_item(application: Application, note: str = ""):
    return HomeItem(label=application.unit.name, url=reverse("reviews:detail", args=[application.pk]),
                    note=note or application.get_status_display())


# A first submission waiting for the township's pre-check: the policy in force for the unit and year uses one.
AWAITING_TOWNSHIP = Q(status=Status.SUBMITTED, precheck_in_force=True, unit__township__isnull=False, revision=1)


def _with_precheck(rows: QuerySet[Application]) -> QuerySet[Application]:
    in_force = policy_value("township_precheck", path="unit__region__path", year="campaign_year__year")
    return rows.alias(precheck_in_force=Coalesce(in_force, Value(False)))


def awaiting_precheck(membership: Membership) -> list:
    rows = _with_precheck(_applications(membership)).filter(
        Q(status=Status.TOWNSHIP_PRECHECK) | AWAITING_TOWNSHIP
    ).order_by("updated_at", "pk")
    return items_with_more(rows, _application_item, reverse("reviews:queue"))


def awaiting_my_sheet(membership: Membership) -> list:
    seats = (
        PanelMember.objects.filter(user=membership.user, sheet_submitted_at__isnull=True,
                                   panel__application__status=Status.COUNTY_REVIEW)
        .filter(_in_region(membership, "panel__application__", semi_join=True))  # the reviewer's seats first
        .select_related("panel__application__unit").order_by("panel__formed_at", "pk")
    )
    return items_with_more(
        seats,
        lambda seat: HomeItem(label=seat.panel.application.unit.name, note=seat.get_party_display(),
                              url=reverse("reviews:sheet", args=[seat.panel.application_id])),
        reverse("reviews:queue") + "?status=county_review",
    )


# The county office's three application lists (apps/home/workbench.py), sorted into in Python by _county_lists:
# waiting for a panel (submitted or sent back by the city, no panel yet, not waiting for the township's pre-check),
# for a new round (sent back by the city, or resubmitted with a panel), and for a decision (under county review,
# every panel member's sheet in). An application may be in two (a send-back without a panel).
COUNTY_LIST_STATUSES = (Status.SUBMITTED, Status.CITY_RETURNED, Status.COUNTY_REVIEW)


@dataclass(frozen=True)
class _Candidate:
    """One of the county's applications in a list's status, as county_queues reads it (no model instance)."""

    pk: int
    status: str
    revision: int
    panel_id: int | None
    township_id: int | None
    region_id: int
    region_path: str
    year: int


def _precheck_in_force(candidates: list[_Candidate]) -> set[tuple[int, int]]:
    """The (unit region, year) pairs whose policy uses the township pre-check, for the candidates that could wait
    for one (a first submission of a unit with a township): one query, none when no candidate could."""
    pairs = {(c.region_id, c.year): c.region_path for c in candidates
             if c.status == Status.SUBMITTED and c.revision == 1 and c.township_id is not None}
    if not pairs:
        return set()
    policies = policies_for(pairs=[(Region(pk=region_id, path=path), year)
                                   for (region_id, year), path in pairs.items()])
    return {pair for pair, policy in policies.items() if policy is not None and policy.township_precheck}


def _sheets_all_in(application_ids: list[int]) -> set[int]:
    """Of these applications (under county review), those with a panel whose every member's sheet is in."""
    missing: dict[int, bool] = {}
    for application_id, open_sheet in (
        PanelMember.objects.filter(panel__application_id__in=application_ids)
        .annotate(open_sheet=ExpressionWrapper(Q(sheet_submitted_at__isnull=True), output_field=BooleanField()))
        .order_by().values_list("panel__application_id", "open_sheet")
    ):
        missing[application_id] = missing.get(application_id, False) or open_sheet
    return {application_id for application_id, any_open in missing.items() if not any_open}


def _county_lists(candidates: list[_Candidate]) -> tuple[list[int], list[int], list[int]]:
    """The ids waiting for a panel, for a new round and for a decision, in the candidates' order: the
    rules above applied to the candidates."""
    precheck = _precheck_in_force(candidates)
    all_in = _sheets_all_in([c.pk for c in candidates if c.status == Status.COUNTY_REVIEW])
    panel, new_round, decision = [], [], []
    for c in candidates:
        awaiting_township = (c.status == Status.SUBMITTED and c.revision == 1 and c.township_id is not None
                             and (c.region_id, c.year) in precheck)
        if c.status in (Status.SUBMITTED, Status.CITY_RETURNED) and c.panel_id is None and not awaiting_township:
            panel.append(c.pk)
        if c.status == Status.CITY_RETURNED or (c.status == Status.SUBMITTED and c.panel_id is not None):
            new_round.append(c.pk)
        if c.status == Status.COUNTY_REVIEW and c.pk in all_in:
            decision.append(c.pk)
    return panel, new_round, decision


def _send_back_reason() -> Subquery:
    return Subquery(ApplicationEvent.objects.filter(application=OuterRef("pk"), to_status=Status.CITY_RETURNED)
                    .order_by("-created_at", "-pk").values("comment")[:1])


def county_queues(membership: Membership) -> tuple[list, list, list]:
    """The county's applications waiting for a panel, for a new round, and for a decision.

    Each list shows its first SHOWN rows (oldest update first) and its total. The county's applications in the
    three statuses (a few hundred at province scale) are read once as bare columns, from the status index, each
    one's unit checked against the county's units (hashed once), and sorted into the lists here; then the policies
    of the few (region, year) pairs that could use a township pre-check, the panel sheets of those under review,
    and only the rows shown, in full, with their unit and the city's send-back reason. One window query did the
    sorting in SQL before, evaluating the policy and the sheets as subqueries per row: 12,600 pages for the bench
    county's 657 rows (now 7,900 for the read and ~1,500 for the sheets), and Django compiled it for 15-25 ms of
    CPU per request (the four queries now ~12 ms in all).
    """
    candidates = [_Candidate(*row) for row in (
        Application.objects.filter(_in_region(membership, semi_join=True), status__in=COUNTY_LIST_STATUSES)
        .order_by("updated_at", "pk")
        .values_list("pk", "status", "revision", "review_panel", "unit__township_id", "unit__region_id",
                     "unit__region__path", "campaign_year__year")
    )]
    members = _county_lists(candidates)
    shown = {pk for pks in members for pk in pks[:SHOWN]}
    rows = (Application.objects.filter(pk__in=shown).select_related("unit").order_by()
            .annotate(send_back=_send_back_reason()).in_bulk() if shown else {})
    found = []
    for pks, (make, more_url) in zip(members, (
        (_application_item, reverse("reviews:queue") + "?status=submitted"),
        (lambda a: _application_item(a, round_note(a)), reverse("reviews:queue")),
        (lambda a: _application_item(a, _("评分已齐")), reverse("reviews:queue") + "?status=county_review"),
    ), strict=True):
        items = [make(rows[pk]) for pk in pks[:SHOWN]]
        if len(pks) > SHOWN:
            items.append(HomeItem(label=_("查看全部（共 %(n)s 条）") % {"n": len(pks)}, url=more_url))
        found.append(items)
    return found[0], found[1], found[2]


def awaiting_panel(membership: Membership) -> list:
    return county_queues(membership)[0]


def awaiting_new_round(membership: Membership) -> list:
    """Back with the county: resubmitted after its return, sent back by the city (also on an upheld objection).

    The county has the same panel score again or re-forms it; a send-back shows the city's reason.
    """
    return county_queues(membership)[1]


def round_note(application: Application) -> str:
    """Why an application is back with the county, in a line."""
    if application.status == Status.CITY_RETURNED:
        reason = Truncator(getattr(application, "send_back", "") or "").chars(60)  # the page shows it in full
        return _("市级退回：%(reason)s") % {"reason": reason}
    return _("退回修改后重新提交（第 %(n)s 版）") % {"n": application.revision}


def awaiting_decision(membership: Membership) -> list:
    """Under county review with every panel member's sheet in: the county can decide now."""
    return county_queues(membership)[2]


def reports_to_review(membership: Membership) -> list:
    rows = (
        YearlyReport.objects.filter(status=YearlyReportStatus.SUBMITTED)
        .filter(_in_region(membership, "recognition__"))
        .select_related("recognition__unit").order_by("submitted_at", "pk")
    )
    return items_with_more(
        rows,
        lambda r: HomeItem(label=r.recognition.unit.name, note=_("%(year)s 年度") % {"year": r.year},
                           url=reverse("named_units:report_detail", args=[r.pk])),
        reverse("named_units:report_list") + "?status=submitted",
    )


def awaiting_confirmation(membership: Membership) -> list:
    """County-approved applications the membership's office names under the policy (the city's, or a district's)."""
    # As in reviews.selectors.city_confirmation_list_for: an office names only applications of a campaign calendar
    # at or above its region (its own or its city's); naming those calendars lets PostgreSQL start from them
    # rather than from every county-approved application of the province.
    approved = _applications(membership, semi_join=True).filter(
        status=Status.COUNTY_APPROVED, campaign_year__city_id__in=membership.region.path_ids)
    rows = (naming_office_applications(approved, membership.user)
            .select_related("unit__region").order_by("updated_at", "pk"))
    return items_with_more(rows, lambda a: _application_item(a, a.unit.region.name if a.unit.region_id else ""),
                           reverse("reviews:city_list"))


def notices_running(membership: Membership) -> list:
    today = timezone.localdate()
    rows = Notice.objects.filter(city__path__startswith=membership.region.path, starts_on__lte=today,
                                 ends_on__gte=today).order_by("ends_on", "pk")
    return items_with_more(
        rows,
        lambda n: HomeItem(label=n.title, note=_("至 %(day)s") % {"day": f"{n.ends_on:%Y-%m-%d}"},
                           url=reverse("notices:manage_detail", args=[n.pk])),
        reverse("notices:manage"),
    )


def objections_pending(membership: Membership) -> list:
    rows = (
        Objection.objects.filter(status=ObjectionStatus.PENDING,
                                 entry__notice__city__path__startswith=membership.region.path)
        .select_related("entry__application__unit").order_by("created_at", "pk")
    )
    return items_with_more(
        rows,
        lambda o: HomeItem(label=o.entry.application.unit.name, note=_("异议待处理"),
                           url=reverse("notices:manage_detail", args=[o.entry.notice_id])),
        reverse("notices:manage"),
    )
