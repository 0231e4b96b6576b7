"""What waits for review staff on their home page (used by apps/home/workbench.py).

Every query is limited to the membership's region, so a user with two
memberships sees each jurisdiction's work under its own heading. Each list
shows the first few rows and a link to the full list with the total.
"""

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.db.models.lookups import IsNull
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from apps.accounts.models import Membership
from apps.accounts.permissions import regions_for
from apps.accounts.selectors import subtree_q, unit_in
from apps.applications.assessments.models import Application, ApplicationEvent
from apps.applications.named_units.models import YearlyReport, YearlyReportStatus
from apps.applications.named_units.services import TO_REVIEW_PART
from apps.applications.notices.models import Notice, Objection, ObjectionStatus
from apps.applications.reviews.models import PanelMember
from apps.applications.workflow.offices import NAMING_ROLES, naming_levels_prime, naming_office_applications
from apps.applications.workflow.queues import CONFIRMATION_PART, NOTICES_PART, OBJECTIONS_PART, QUEUES_PART
from apps.applications.workflow.states import Status, status_label
from apps.campaigns.selectors import POLICY_GENERATION_KEY, policy_value
from apps.campaigns.services import CAMPAIGNS_KEY
from apps.core.pagination import TOTAL
from apps.core.region_cache import region_cached
from apps.home.items import HomeItem
from apps.registry.units.models import Unit

SHOWN = 8


def _in_region(membership: Membership, prefix: str = "") -> Q:
    """The rows of the region's units: the units first, then the rows on their unit index. Matched through the
    join, PostgreSQL read every row of the province in a status to keep a county's few hundred."""
    units = Unit.objects.filter(subtree_q([membership.region], fields=("region", "township")))
    return unit_in(units, f"{prefix}unit_id")


def _application_in_region(membership: Membership, prefix: str = "") -> Q:
    """Applications in the region, on their own copy of their unit's county and township (Application.region,
    .township) and their (region, status) and (township, status) indexes, not the county's ~11,000 units probed
    on the applications' unit index (the county workbench's queues: 11,300 → 6,300 pages at 200,000 enterprises)."""
    return subtree_q([membership.region], fields=(f"{prefix}region", f"{prefix}township"))


def _applications(membership: Membership) -> QuerySet[Application]:
    return Application.objects.filter(_application_in_region(membership)).select_related("unit", "campaign_year")


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
    """The application's line; its status at its naming level where the rows were primed (naming_levels_prime)."""
    return HomeItem(label=application.unit.name, url=reverse("reviews:detail", args=[application.pk]),
                    note=note or status_label(application.status, getattr(application, "naming_level", "")))


# A first submission waiting for the township's pre-check: the policy in force for the unit and year uses one.
# On the application's copies of its unit's county and township: the county office's lists join no unit.
AWAITING_TOWNSHIP = Q(status=Status.SUBMITTED, precheck_in_force=True, township__isnull=False, revision=1)


def _with_precheck(rows: QuerySet[Application]) -> QuerySet[Application]:
    in_force = policy_value("township_precheck", path="region__path", year="campaign_year__year")
    return rows.alias(precheck_in_force=Coalesce(in_force, Value(False)))


def _queues_kept(membership: Membership, read, *, variant: str, also=()) -> list:
    """A list of applications kept with the county office's queues: under the queues' generation of the county the
    membership's region is or lies in, which every move of an application of the county changes
    (apps/applications/workflow/queues.py says what else), one value per ``variant`` and membership region."""
    return region_cached(QUEUES_PART, membership.region.county_or_own_id, read, also=also,
                         variant=f"{variant}:{membership.region_id}")


def awaiting_precheck(membership: Membership) -> list:
    """Applications waiting for the township's pre-check; kept with the county's queues (and the policies: whether
    a pre-check is in force). Read afresh, ~2 ms of SQL and ~2 ms of CPU on every visit of a township's staff."""
    return _queues_kept(membership, lambda: _awaiting_precheck(membership), variant="precheck",
                        also=(POLICY_GENERATION_KEY,))


def _awaiting_precheck(membership: Membership) -> list:
    rows = _with_precheck(_applications(membership)).filter(
        Q(status=Status.TOWNSHIP_PRECHECK) | AWAITING_TOWNSHIP
    ).order_by("updated_at", "pk")
    return items_with_more(rows, _application_item, reverse("reviews:queue"))


def awaiting_my_sheet(membership: Membership) -> list:
    """The reviewer's own open sheets under county review; kept with the county's queues per reviewer (a sheet
    saved, a panel formed and a member replaced change them too). Read afresh, ~4 ms of SQL (every open sheet of
    the reviewer joined, counted and sorted) on every visit."""
    return _queues_kept(membership, lambda: _awaiting_my_sheet(membership),
                        variant=f"sheets:{membership.user_id}")


def _awaiting_my_sheet(membership: Membership) -> list:
    seats = (
        PanelMember.objects.filter(user=membership.user, sheet_submitted_at__isnull=True,
                                   panel__application__status=Status.COUNTY_REVIEW)
        .filter(_application_in_region(membership, "panel__application__"))
        .select_related("panel__application__unit").order_by("panel__formed_at", "pk")
    )
    return items_with_more(
        seats,
        lambda seat: HomeItem(label=seat.panel.application.unit.name, note=seat.get_party_display(),
                              url=reverse("reviews:sheet", args=[seat.panel.application_id])),
        reverse("reviews:queue") + "?status=county_review",
    )


# The county office's three application lists (apps/home/workbench.py). An application may be in two of them (a
# send-back without a panel waits for a panel and for a new round).
AWAITING_PANEL = (Q(status=Status.SUBMITTED) | Q(status=Status.CITY_RETURNED)) & Q(review_panel__isnull=True) \
    & ~AWAITING_TOWNSHIP
AWAITING_NEW_ROUND = Q(status=Status.CITY_RETURNED) | Q(status=Status.SUBMITTED, review_panel__isnull=False)


def _all_sheets_in() -> Q:
    """Under county review with every panel member's sheet in: the county can decide now.

    The missing sheet is looked for as a correlated ``LIMIT 1`` (one index probe of the row's panel): as a
    ``NOT EXISTS`` PostgreSQL hashed every open sheet of the province (14,000 rows, 40 ms at 200,000
    enterprises) to test a county's few hundred applications."""
    members = PanelMember.objects.filter(panel__application=OuterRef("pk"))
    missing = Subquery(members.filter(sheet_submitted_at__isnull=True).values("pk")[:1])
    return Q(Exists(members)) & Q(IsNull(missing, True))


def _send_back_reason() -> Subquery:
    return Subquery(ApplicationEvent.objects.filter(application=OuterRef("pk"), to_status=Status.CITY_RETURNED)
                    .order_by("-created_at", "-pk").values("comment")[:1])


def county_queues(membership: Membership) -> tuple[list, list, list]:
    """The county's applications waiting for a panel, for a new round, and for a decision: two queries.

    Each list shows its first SHOWN rows (oldest update first) and its total. Read apart, each of the three
    lists matched the county's rows again; here the rows in the three statuses are read once (from the
    application_region_status index). Each row carries the set of lists
    it is in (a bit each), and window functions over the rows of each set keep its first SHOWN rows and count
    it: a list's first rows are among the first rows of the sets that contain it, and its total is the sum of
    their counts. That query returns bare (id, set, count) triples; only the rows shown are then read in full,
    with their unit and the city's send-back reason (selecting those columns and the reason's subquery inside
    the window query had Django compile it for 25-30 ms of CPU per request at province scale).
    """
    conditions = (AWAITING_PANEL, AWAITING_NEW_ROUND, Q(status=Status.COUNTY_REVIEW) & _all_sheets_in())
    lists = sum((Case(When(condition, then=Value(1 << bit)), default=Value(0), output_field=IntegerField())
                 for bit, condition in enumerate(conditions)), Value(0))
    order = [F("updated_at").asc(), F("pk").asc()]
    marked = list(
        _with_precheck(Application.objects.filter(_application_in_region(membership)))
        .filter(status__in=[Status.SUBMITTED, Status.CITY_RETURNED, Status.COUNTY_REVIEW])
        .annotate(lists=lists)
        .annotate(place=Window(RowNumber(), partition_by=[lists], order_by=order),
                  in_set=Window(Count("*"), partition_by=[lists]))
        .filter(place__lte=SHOWN).order_by(*order).values_list("pk", "lists", "in_set")
    )
    members = [[pk for pk, bits, _n in marked if bits & (1 << bit)] for bit in range(len(conditions))]
    totals = [sum({bits: n for _pk, bits, n in marked if bits & (1 << bit)}.values()) for bit in range(len(conditions))]
    shown = {pk for pks in members for pk in pks[:SHOWN]}
    rows = (Application.objects.filter(pk__in=shown).select_related("unit__region", "campaign_year")
            .annotate(send_back=_send_back_reason()).in_bulk() if shown else {})
    # A send-back's note says the level that sent it back (区级退回 where 河东区 names): their policies in one query.
    naming_levels_prime(row for row in rows.values() if row.status == Status.CITY_RETURNED)
    found = []
    for pks, total, (make, more_url) in zip(members, totals, (
        (_application_item, reverse("reviews:queue") + "?status=submitted"),
        (lambda a: _application_item(a, round_note(a)), reverse("reviews:queue")),
        (lambda a: _application_item(a, _("评分已齐")), reverse("reviews:queue") + "?status=county_review"),
    ), strict=True):
        items = [make(rows[pk]) for pk in pks[:SHOWN]]
        if total > SHOWN:
            items.append(HomeItem(label=_("查看全部（共 %(n)s 条）") % {"n": total}, url=more_url))
        found.append(items)
    return found[0], found[1], found[2]


def county_queues_kept(membership: Membership) -> tuple[list, list, list]:
    """``county_queues``, kept per county (apps/applications/workflow/queues.py says what drops it): read afresh,
    the window query and the shown rows cost ~40 ms of CPU and ~7,000 pages at 200,000 enterprises."""
    return region_cached(QUEUES_PART, membership.region_id, lambda: county_queues(membership), also=(CAMPAIGNS_KEY,))


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
        return _("%(status)s：%(reason)s") % {
            "status": status_label(application.status, getattr(application, "naming_level", "")), "reason": reason}
    return _("退回修改后重新提交（第 %(n)s 版）") % {"n": application.revision}


def awaiting_decision(membership: Membership) -> list:
    """Under county review with every panel member's sheet in: the county can decide now."""
    return county_queues(membership)[2]


def reports_to_review(membership: Membership) -> list:
    """Yearly reports filed in the region, waiting for review; kept per region until a report of it is filed or
    reviewed (named_units.services), a unit moves or is renamed (``units_changed``)."""
    return region_cached(TO_REVIEW_PART, membership.region_id, lambda: _reports_to_review(membership))


def _reports_to_review(membership: Membership) -> list:
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


def awaiting_confirmation_kept(membership: Membership) -> list:
    """``awaiting_confirmation``, kept per region (apps/applications/workflow/queues.py says what drops it) for an
    office holding no other naming office (which applications it names depends on all of them)."""
    if [region.pk for region in regions_for(membership.user, NAMING_ROLES)] != [membership.region_id]:
        return awaiting_confirmation(membership)
    return region_cached(CONFIRMATION_PART, membership.region_id, lambda: awaiting_confirmation(membership),
                         also=(CAMPAIGNS_KEY,))


def awaiting_confirmation(membership: Membership) -> list:
    """County-approved applications the membership's office names under the policy (the city's, or a district's)."""
    # As in reviews.selectors.city_confirmation_list_for: an office names only applications of a campaign calendar
    # at or above its region (its own or its city's); naming those calendars lets PostgreSQL start from them
    # rather than from every county-approved application of the province.
    approved = _applications(membership).filter(
        status=Status.COUNTY_APPROVED, campaign_year__city_id__in=membership.region.path_ids)
    rows = (naming_office_applications(approved, membership.user)
            .select_related("unit__region").order_by("updated_at", "pk"))
    return items_with_more(rows, lambda a: _application_item(a, a.unit.region.name if a.unit.region_id else ""),
                           reverse("reviews:city_list"))


def notices_running(membership: Membership) -> list:
    """The notices running today in the region, kept per region and day (apps/applications/workflow/queues.py)."""
    return region_cached(NOTICES_PART, membership.region_id, lambda: _notices_running(membership))


def _notices_running(membership: Membership) -> list:
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
    """Public objections to the region's notices waiting to be handled, kept per region
    (apps/applications/workflow/queues.py)."""
    return region_cached(OBJECTIONS_PART, membership.region_id, lambda: _objections_pending(membership))


def _objections_pending(membership: Membership) -> list:
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
