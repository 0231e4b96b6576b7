"""Which office acts on an application after the county: the naming office, and the office that revokes.

The locality's campaign policy says which level names (``naming_level``: the city, or a county/district such as
天津市河东区) and which level decides a revocation. The office of that level over the unit confirms, publishes
the notice, names and (where it decides) revokes; the same role one level up or down does not. These are the
transition table's actor rules for those rows, and the filter the office's lists use. No branch here names a
place: the levels come from the policy.
"""

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.utils import timezone

from apps.accounts.models import User
from apps.accounts.permissions import all_memberships_of, home_region_of, in_jurisdiction, regions_for
from apps.applications.assessments.models import Application
from apps.campaigns.models import CampaignPolicy, CampaignYear
from apps.campaigns.rules import Rules
from apps.campaigns.selectors import (
    OFFICE_ROLES,
    any_names,
    naming_level_of,
    policies_for,
    policy_for,
    revocation_office_level,
    revocation_proposer_levels,
)
from apps.regions.models import Region, RegionLevel
from apps.registry.units.models import Unit

# Every role that may be a naming or revoking office somewhere: the rows and the office's pages admit these, the
# actor rules and naming_office_applications narrow them to the office the policy names.
NAMING_ROLES = tuple(OFFICE_ROLES.values())


def application_policy(application: Application) -> CampaignPolicy | None:
    """The policy in force for the application's unit and campaign year (read once per application object, from
    the policies kept until one changes: ``policies_for``, as a list page reads its rows')."""
    cached = getattr(application, "_policy_cache", None)
    if cached is None:
        _policies_set([application], pairs=set())
        cached = application._policy_cache
    return cached[0]


def naming_region(application: Application) -> Region:
    """The region whose office names the application: its campaign's city, or the unit's county/district."""
    level = naming_level_of(application_policy(application))
    if application.campaign_year.city.level == level:
        # The calendar's region runs the campaign: the city's, or (where the district names) the district's.
        return application.campaign_year.city
    return Region.objects.select_related("parent").get(pk__in=application.unit.region.path_ids, level=level)


def region_title(region: Region) -> str:
    """A naming region as its documents name it: 临汾市; a county or district with its city, 天津市河东区."""
    if region.level == RegionLevel.COUNTY and region.parent is not None:
        return f"{region.parent.name}{region.name}"
    return region.name


def policies_prime(applications: Iterable[Application]) -> None:
    """Read the policy of many applications in one query, for a page that asks the workflow row by row."""
    _policies_set(list(applications), pairs=set())


def _policies_set(applications: list[Application], *, pairs: set[tuple[Region, int]]) -> dict:
    """Set each application's policy from one read of the policies of its region and year and of ``pairs``."""
    policies = policies_for(pairs=pairs | {(a.unit.region, a.campaign_year.year) for a in applications})
    for application in applications:
        application._policy_cache = (policies[(application.unit.region_id, application.campaign_year.year)],)
    return policies


def naming_levels_prime(applications: Iterable[Application], *, viewer: User | None = None) -> str:
    """Set ``naming_level`` on each of a list page's applications: the word its status says for the naming
    office's steps (``status_at``: 区级已确认 where 河东区 names), from the policies read in one query.
    With ``viewer``, returns ``viewer_naming_level(viewer)`` from that same read (the page's filter says it)."""
    applications = list(applications)
    region = home_region_of(viewer) if viewer is not None else None
    year = timezone.localdate().year
    policies = _policies_set(applications, pairs={(region, year)} if region is not None else set())
    for application in applications:
        application.naming_level = Rules(policy=application_policy(application)).naming_level_word
    return Rules(policy=policies[(region.pk, year)] if region is not None else None).naming_level_word


def viewer_naming_level(user: User) -> str:
    """The word of the naming level under this year's policy where the viewer works (their first region in the
    roles they act in, or their unit's): for what a page says of the naming office's steps before any row, a
    filter's choices or a form's message (区级退回 for 河东区's office, its reviewers and its townships)."""
    return naming_levels_prime([], viewer=user)


def _acts_for_level(user: User, region: Region, level: str) -> bool:
    role = OFFICE_ROLES.get(level)
    return role is not None and in_jurisdiction(user, region, [role])


def acts_for_region(user: User, region: Region) -> bool:
    """The user is the office of ``region`` itself (the naming office a notice or a certificate series names)."""
    return _acts_for_level(user, region, region.level)


def acts_for_naming_office(user: User, application: Application) -> bool:
    """The user is the tripartite office of the level that names this application's unit."""
    return _acts_for_level(user, application.unit.region, naming_level_of(application_policy(application)))


def acts_for_revocation_office(user: User, application: Application) -> bool:
    return revokes_for(user, application.unit)


def revokes_for(user: User, unit: Unit, year: int | None = None) -> bool:
    """The user is the office that decides a revocation of a title of ``unit``, under the policy in force in
    ``year`` (this year by default: a revocation follows the rules of when it is decided, not of the naming)."""
    policy = policy_for(region=unit.region, year=year or timezone.localdate().year)
    return _acts_for_level(user, unit.region, revocation_office_level(policy))


def proposes_for(user: User, unit: Unit, year: int | None = None) -> bool:
    """The user is an office the policy in force lets propose revoking a title of ``unit`` (``revocation_proposer``;
    see ``revocation_proposer_levels``)."""
    policy = policy_for(region=unit.region, year=year or timezone.localdate().year)
    return any(_acts_for_level(user, unit.region, level) for level in revocation_proposer_levels(policy))


def naming_office_applications(queryset: QuerySet[Application], user: User) -> QuerySet[Application]:
    """Narrow ``queryset`` (already scoped to the user's jurisdiction) to the applications the user names.

    The (county, year) pairs the user could name are read from the region tree (the regions above township level
    within its offices' regions) and the campaign calendar, not from the rows: read from the rows, the pairs took a
    second pass over the jurisdiction's applications (a city's county-approved ones matched against its 41,000
    units, 7,000 pages at 200,000 enterprises). One query for those regions, one for the years, one for the
    policies; the list itself stays one SQL query that pages in the database, kept to the regions the user
    names in each year (one condition when, as usual, that is the same regions every year).
    """
    roots = regions_for(user, NAMING_ROLES)
    if not roots:
        return queryset.none()
    within = Q()
    for root in roots:
        within |= Q(path__startswith=root.path)
    regions = list(Region.objects.filter(within).exclude(level__in=[RegionLevel.TOWNSHIP, RegionLevel.COMMUNITY]))
    years = sorted(set(CampaignYear.objects.values_list("year", flat=True)))
    policies = policies_for(pairs=[(region, year) for region in regions for year in years])
    named_by_year = {year: frozenset(region.pk for region in regions
                                     if _acts_for_level(user, region, naming_level_of(policies[(region.pk, year)])))
                     for year in years}
    by_regions: dict[frozenset[int], list[int]] = {}
    for year, region_ids in named_by_year.items():
        by_regions.setdefault(region_ids, []).append(year)
    if len(by_regions) == 1:  # the same regions every year
        return queryset.filter(region_id__in=next(iter(by_regions)))  # the application's copy of its unit's county
    allowed = Q(pk__in=[])
    for region_ids, in_years in by_regions.items():
        allowed |= Q(region_id__in=region_ids, campaign_year__year__in=in_years)
    return queryset.filter(allowed)


def names_in_own_county(user: User) -> bool:
    """The user holds a county/district office whose county names under this year's policy (for the menu, which
    shows every membership's links whichever role the page is opened in)."""
    cached = getattr(user, "_names_in_county_cache", None)
    if cached is None:
        year = timezone.localdate().year
        counties = [m.region for m in all_memberships_of(user)
                    if m.role == OFFICE_ROLES[RegionLevel.COUNTY] and m.region is not None]
        cached = any_names(counties=counties, year=year)
        user._names_in_county_cache = cached
    return cached
