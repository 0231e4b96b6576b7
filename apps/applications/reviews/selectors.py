from collections.abc import Callable, Iterable

from django.db.models import F, Func, IntegerField, OuterRef, QuerySet, Subquery

from apps.accounts.models import Membership, Role, User
from apps.accounts.permissions import regions_for
from apps.accounts.roles import STAFF_ROLES
from apps.applications.assessments.models import Application
from apps.applications.assessments.selectors import application_list_for
from apps.applications.workflow.offices import naming_office_applications
from apps.applications.workflow.queues import confirmation_kept
from apps.applications.workflow.states import Status
from apps.core.region_cache import region_cached, region_part_changed

from .models import PanelMember

COUNTY_QUEUE_STATUSES = (Status.SUBMITTED, Status.TOWNSHIP_PRECHECK, Status.COUNTY_REVIEW, Status.CITY_RETURNED)


def _members_counted(**conditions) -> Subquery:
    """COUNT of the application's panel members, as a correlated subquery.

    A subquery per row shown rather than a JOIN + GROUP BY over the whole
    list: PostgreSQL sorts and cuts to the page's 50 rows first and counts
    only for those (the total over the whole list, COUNT(*) OVER (), does
    not need them).
    """
    members = (PanelMember.objects.filter(panel__application=OuterRef("pk"), **conditions).order_by()
               .annotate(n=Func(F("pk"), function="COUNT")).values("n"))
    return Subquery(members, output_field=IntegerField())


def review_application_list_for(*, user: User) -> QuerySet[Application]:
    """Applications past submission in the user's jurisdiction."""
    return application_list_for(user=user).exclude(status=Status.DRAFT).select_related("review_panel")


def _listed(rows: QuerySet[Application], *shown: str) -> QuerySet[Application]:
    """Only the joins and columns a list's rows show: each further table is a join to plan and a model per
    row to build, each further column (above all a timestamp) a value to convert per row."""
    related = {field.rsplit("__", 1)[0] for field in shown if "__" in field}
    return (
        rows.select_related(None).select_related("unit__region", "campaign_year", *related)
        .only("status", "unit__name", "unit__region__name", "campaign_year__year", *shown)
    )


def _ancestor_ids(user: User, roles: Iterable[str]) -> set[int]:
    """The ids of the regions at and above the user's jurisdictions (read from their paths, no query)."""
    return {region_id for region in regions_for(user, roles) for region_id in region.path_ids}


def county_queue_for(*, user: User, status: str = "") -> QuerySet[Application]:
    # As in city_confirmation_list_for: an application's campaign year is its unit's city's (or its district's,
    # where the district runs its own campaign), an ancestor of the user's county or township (or the county
    # itself), so this narrows nothing the jurisdiction filter allows; it lets PostgreSQL start from the city's
    # queue instead of reading every unit of the county.
    rows = review_application_list_for(user=user).filter(
        status__in=COUNTY_QUEUE_STATUSES,
        campaign_year__city_id__in=_ancestor_ids(user, STAFF_ROLES),
    )
    if status:
        rows = rows.filter(status=status)
    return _listed(rows, "revision", "unit__region__path").order_by("updated_at", "pk")


def queue_progress() -> dict[str, Subquery]:
    """The queue's panel progress per row (``seats``, ``sheets_done``), for the page's rows alone
    (``NarrowPaginator(row_annotations=...)``): annotated on the list, the rows' query ran the jurisdiction's
    filters again to read 50 rows by id."""
    return {"seats": _members_counted(), "sheets_done": _members_counted(sheet_submitted_at__isnull=False)}


def city_confirmation_list_for(*, user: User) -> QuerySet[Application]:
    # An application belongs to a campaign year of its unit's city or, where the district names, its district
    # (campaign_year_for_unit): an ancestor of the unit's county or the county itself. Naming the calendars at and
    # above the user's regions leaves out only a district's, which a city's office does not confirm; it lets
    # PostgreSQL start from the city's few approved applications instead of reading the city's ~40,000 units
    # (87 → 34 ms for count + first page at province scale).
    # Counties in their GB/T 2260 code order (the path breaks ties between regions without a code). Sorting
    # by the path first let PostgreSQL walk the path index and re-join every region: twice the time.
    # Only what the user's office names under the locality's policy: the city's, or a district's where it names.
    rows = review_application_list_for(user=user).filter(
        status=Status.COUNTY_APPROVED, campaign_year__city_id__in=_ancestor_ids(user, STAFF_ROLES))
    # On the application's copies of its unit's county and name: the order joins no unit.
    return naming_office_applications(rows, user).order_by("region__code", "region__path", "unit_name", "pk")


def city_confirmation_rows_for(*, user: User) -> QuerySet[Application]:
    """What the city confirmation page lists; confirming reads city_confirmation_list_for with every relation."""
    # The county's path and the unit's township too: the page asks the workflow whether the user may confirm, once
    # for the rows alike in county, township and year (a jurisdiction test on the path, no query).
    return _listed(city_confirmation_list_for(user=user), "review_panel__result_total", "review_panel__result_grade",
                   "unit__region__path", "unit__township")


def city_confirmation_page_kept(*, user: User, number: int,
                                read: Callable[[], list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """``read()`` (the ids of page ``number`` of the city confirmation list, with the total), kept per office and
    page (``NarrowPaginator(kept_page=...)``, ``workflow.queues.confirmation_kept``): the list read and sorted the
    city's ~2,800 county-approved applications to show 100."""
    return confirmation_kept(user, read, variant=f"page:{number}")


def seats_of(*, user: User) -> QuerySet[PanelMember]:
    """The panel seats where the user still has to score."""
    return (
        PanelMember.objects.filter(user=user, panel__application__status=Status.COUNTY_REVIEW)
        .select_related("panel__application__unit__region")
        .order_by("sheet_submitted_at", "pk")
    )


# The county's active reviewers as the panel form offers them, kept per county (``region_cache.region_cached``)
# until a membership in the county or a reviewer's name or active state changes (receivers.py).
REVIEWERS_PART = "county-reviewers"


def county_reviewers(*, county_id: int) -> tuple[list[User], dict[int, str]]:
    """The county's active reviewers by username and each one's party (its label in the active language), for the
    panel form: one query, where the memberships, then the users for the checkboxes and again for the recorder's
    select were three; none while kept (the review page offers the form on every request of a submitted
    application)."""
    return region_cached(REVIEWERS_PART, county_id, lambda: _county_reviewers_read(county_id))


def _county_reviewers_read(county_id: int) -> tuple[list[User], dict[int, str]]:
    memberships = (Membership.objects.filter(role=Role.COUNTY_REVIEWER, region=county_id, user__is_active=True)
                   .select_related("user").order_by("user__username", "pk"))
    people, party = {}, {}
    for membership in memberships:
        people.setdefault(membership.user_id, membership.user)
        party[membership.user_id] = membership.get_party_display()
    return list(people.values()), party


def county_reviewers_changed(*, county_ids) -> None:
    """Drop the kept reviewers of these counties, now and when the current transaction commits."""
    region_part_changed(REVIEWERS_PART, region_ids=[pk for pk in county_ids if pk is not None])
