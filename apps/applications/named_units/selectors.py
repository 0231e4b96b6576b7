from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import connection
from django.db.models import Case, CharField, Count, Exists, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone

from apps.accounts.models import Role, User
from apps.accounts.permissions import regions_for, unit_ids_for
from apps.accounts.roles import ADMIN_ROLES, APPLICATION_STAFF_ROLES
from apps.accounts.selectors import scope_to_jurisdiction
from apps.applications.recognitions.models import Recognition, RecognitionStatus, valid_through
from apps.applications.recognitions.selectors import recognition_list_for, titles_kept_for
from apps.campaigns.models import CampaignPolicy
from apps.campaigns.selectors import policies_for
from apps.core.public_cache import GENERATION_KEY as TITLES_KEY
from apps.core.region_cache import region_cached
from apps.regions.models import PLACE_LEVELS, Region
from apps.registry.units.models import UnitKind

from .models import FILED_STATUSES, ProvinceExport, YearlyReport

# Who lists the titles whose yearly report is missing: the county and city offices.
MISSING_ROLES = (Role.COUNTY_ADMIN, Role.CITY_ADMIN)
# That list's ids, kept per region and year (``missing_reports_kept``).
MISSING_PART = "named-units:missing"
# The years in which a city has titles, kept per city (``named_years_for``).
NAMED_YEARS_PART = "named-units:years"


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
    """Titles in the user's jurisdiction whose report for ``year`` is not filed, by county (region path) and unit.

    The jurisdiction is matched through the title's unit, read once from the unit table's region and township
    indexes and hash-joined with the titles that owe a report (a city's 41,000 units probed one by one on the
    titles' unit index read 86,000 pages, twice with the count); the unit's name is then at hand for the sort.
    The county's path is sorted on as a ``CASE`` over the jurisdiction's counties, read first (a city's dozen):
    sorted through a join, PostgreSQL walked the region index and compared every region with every title (5
    million comparisons for a city); looked up per row, it probed the region index for every title that owes a
    report (15,700 pages of a city's 20,800). A unit whose county lies outside the jurisdiction (listed through its
    township) has its county's path looked up. Any draft's status: ``report_statuses`` for the page's rows.
    """
    filed = YearlyReport.objects.filter(recognition=OuterRef("pk"), year=year, status__in=FILED_STATUSES)
    roots = Q()
    for root in regions_for(user, MISSING_ROLES):
        roots |= Q(path__startswith=root.path)
    counties = Region.objects.filter(roots).exclude(level__in=PLACE_LEVELS).values_list("pk", "path") if roots else []
    county_path = Case(*(When(unit__region_id=pk, then=Value(path)) for pk, path in counties),
                       default=Subquery(Region.objects.filter(pk=OuterRef("unit__region_id")).order_by().values("path")),
                       output_field=CharField())
    return (
        scope_to_jurisdiction(
            recognitions_expecting_report(year).select_related("unit__region", "unit__township"), user,
            fields=("unit__region", "unit__township"), roles=MISSING_ROLES,
        )
        .exclude(Exists(filed))
        .order_by(county_path, "unit__name", "pk")
    )


def missing_part(year: int) -> str:
    """The region part (apps/core/region_cache.py) that keeps a year's list of missing reports."""
    return f"{MISSING_PART}:{year}"


def missing_reports_kept(*, user: User, year: int, number: int,
                         read: Callable[[], list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """``read()`` (the ids of page ``number`` of ``missing_reports_for``'s rows, with the total), kept per
    jurisdiction, year and page.

    Every view matched the jurisdiction's 11,000–41,000 units against the province's 26,000 titles that owe a
    report and sorted what is left (3,800–4,300 pages, 40–80 ms) to show 50 rows. The list changes when a report
    is filed or returned (``yearly_report_save``, ``yearly_report_review`` drop it for the unit's regions and every
    region above), when a title is conferred, renewed, revoked or expired (each moves the public pages'
    generation, held in the key) or when a unit moves or is renamed (``units_changed``). A user holding these
    offices in several regions is read each time."""
    roots = regions_for(user, MISSING_ROLES)
    if len(roots) != 1:
        return read()
    return region_cached(missing_part(year), roots[0].pk, read, also=(TITLES_KEY,), variant=number)


def named_years_for(*, user: User) -> list[int]:
    """The years in which the user's jurisdiction has titles, newest first: the years a city may report.

    Kept per jurisdiction: the province's distinct years alone read 5 ms on every visit of the page. They change
    when a title is conferred (which moves the public pages' generation, held in the key)."""
    return titles_kept_for(user, NAMED_YEARS_PART, lambda: _named_years_read(user))


def _named_years_read(user: User) -> list[int]:
    """The years in which the user's jurisdiction has titles: each year that has any title is checked for one of
    the jurisdiction's (a handful of look-ups that stop at their first row), where the distinct years of a
    city's titles read every one of them (85,000 pages)."""
    titles = recognition_list_for(user=user, semi_join=True).select_related(None).order_by()
    years = list(Recognition.objects.order_by("-year").values_list("year", flat=True).distinct())
    if not years:
        return []
    look_ups = [titles.filter(year=year).values_list("year", flat=True)[:1] for year in years]
    if not connection.features.supports_slicing_ordering_in_compound:  # SQLite, the embedded default
        return [year for year, look_up in zip(years, look_ups, strict=True) if look_up.exists()]
    # One statement for all the years: each year's look-up is a branch of a UNION ALL.
    first, *rest = look_ups
    found = set(first.union(*rest, all=True)) if rest else set(first)
    return [year for year in years if year in found]


def report_statuses(*, recognitions: Iterable[Recognition], year: int) -> dict[int, str]:
    """The status of each title's (unfiled) report for ``year``, by title id: one query for a page of titles."""
    return dict(YearlyReport.objects.filter(recognition__in=[title.pk for title in recognitions], year=year)
                .values_list("recognition_id", "status"))


def reportable_recognitions_for(*, user: User) -> QuerySet[Recognition]:
    """The user's own unit's titles that are in force today: the ones a report may be filed under."""
    today = timezone.localdate()
    own = recognition_list_for(user=user).filter(unit_id__in=unit_ids_for(user))
    return own.filter(valid_through(today), status=RecognitionStatus.VALID, issued_on__lte=today)


def province_export_list_for(*, user: User) -> QuerySet[ProvinceExport]:
    return scope_to_jurisdiction(ProvinceExport.objects.select_related("city", "requested_by"), user,
                                 fields=("city",), roles=(Role.CITY_ADMIN,))


@dataclass(frozen=True)
class CoordinatorRule:
    """A policy's rule that each named enterprise has ``required`` certified coordinators by ``deadline``."""

    policy: CampaignPolicy
    required: int
    deadline: date | None

    def overdue(self, today: date) -> bool:
        return self.deadline is not None and today > self.deadline


def coordinator_gaps_for(*, user: User, today: date, within: Region | None = None,
                         ) -> tuple[QuerySet[Recognition], list[CoordinatorRule]]:
    """Named enterprises in the user's jurisdiction (county and city offices) with fewer certified coordinators
    (劳动关系协调员 with a certificate valid today, from the ledger) than the policy in force in their county
    requires, and the rules that apply. A county whose policy sets no such rule has no rows. ``within``: only
    that region's (one workbench membership's).

    One query for the rows, whatever their number: the certified count is a filtered aggregate.
    """
    titles = scope_to_jurisdiction(
        Recognition.objects.filter(valid_through(today), status=RecognitionStatus.VALID,
                                   unit__kind=UnitKind.ENTERPRISE),
        user, fields=("unit__region", "unit__township"), roles=ADMIN_ROLES,
    )
    if within is not None:
        titles = titles.filter(unit__region__path__startswith=within.path)
    by_required: dict[int, list[int]] = {}
    rules: dict[int, CoordinatorRule] = {}
    # The rule is the policy in force in each county of the jurisdiction (the units' region): the jurisdiction's
    # regions above townships, read from the region tree. Reading which counties hold titles instead read every
    # valid title of the jurisdiction (28,000 index pages for a county at province scale) for one county's id.
    roots = regions_for(user, ADMIN_ROLES)
    if within is not None:
        roots = [within] if any(within.path.startswith(root.path) for root in roots) else []
    subtree = Q(pk__in=[])
    for root in roots:
        subtree |= Q(path__startswith=root.path)
    counties = Region.objects.filter(subtree).exclude(level__in=PLACE_LEVELS)
    for (county_id, _year), policy in policies_for(pairs=[(county, today.year) for county in counties]).items():
        if policy is None or not policy.coordinators_per_named_unit:
            continue
        by_required.setdefault(policy.coordinators_per_named_unit, []).append(county_id)
        rules[policy.pk] = CoordinatorRule(policy, policy.coordinators_per_named_unit, policy.coordinators_deadline)
    if not by_required:
        return titles.none(), []
    certified = (~Q(unit__coordinators__certificate_number="")
                 & (Q(unit__coordinators__valid_from__isnull=True) | Q(unit__coordinators__valid_from__lte=today))
                 & (Q(unit__coordinators__valid_until__isnull=True) | Q(unit__coordinators__valid_until__gte=today)))
    short = Q()
    for required, county_ids in by_required.items():
        short |= Q(unit__region_id__in=county_ids, certified__lt=required)
    rows = (titles.annotate(certified=Count("unit__coordinators", filter=certified, distinct=True))
            .filter(short).select_related("unit__region").order_by("unit__region__path", "unit__name", "pk"))
    return rows, sorted(rules.values(), key=lambda rule: rule.policy.region.path)
