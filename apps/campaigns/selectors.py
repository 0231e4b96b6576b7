from collections.abc import Iterable
from dataclasses import dataclass
from hashlib import sha256

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Length, StrIndex
from django.utils.translation import gettext as _

from apps.accounts.models import Party, Role, User
from apps.accounts.permissions import has_role, memberships_of, regions_for
from apps.accounts.roles import ADMIN_ROLES, STAFF_ROLES
from apps.core.official import official_language
from apps.core.public_cache import generations_changed, kept
from apps.regions.models import Region, RegionLevel
from apps.registry.units.models import Unit

from .models import CampaignPolicy, CampaignYear, NamingLevel

# The admins who set a campaign calendar: a city's for its city; a county's/district's for its own, where the
# policy in force has it name (campaign_year_save checks the year's policy).
# Moved on by every change to a campaign policy (policy_save): what is kept in a policy's wording drops with it.
POLICIES_KEY = "campaigns:policies:generation"

CALENDAR_ROLES = (Role.CITY_ADMIN, Role.COUNTY_ADMIN)


# Moves on whenever a policy is saved or deleted (receivers.py): what is kept from the policies is then missed.
POLICY_GENERATION_KEY = "campaigns:policy:generation"


def policies_changed() -> None:
    generations_changed([POLICY_GENERATION_KEY])


def campaign_year_list_for(*, user: User) -> QuerySet[CampaignYear]:
    """Campaign calendars of the cities the user is city admin of and of the counties/districts they are county
    admin of (a county has one only where it runs its own campaign)."""
    region_ids = [region.pk for region in regions_for(user, [Role.CITY_ADMIN])]
    region_ids += [region.pk for region in regions_for(user, [Role.COUNTY_ADMIN])
                   if region.level == RegionLevel.COUNTY]
    return CampaignYear.objects.filter(city_id__in=region_ids).select_related("city")


def campaign_year_for_unit(*, unit: Unit, year: int) -> CampaignYear | None:
    """The calendar the unit's applications follow: that of the nearest region above it that runs a campaign
    that year (its district's where the district names, else its city's)."""
    return (CampaignYear.objects.filter(city_id__in=unit.region.path_ids, year=year).select_related("city")
            .order_by(Length("city__path").desc()).first())


def policy_for(*, region: Region, year: int) -> CampaignPolicy | None:
    """The campaign policy in force in ``region`` for ``year``: the nearest region at or above it that has one,
    its latest version not after ``year``. None where no level above has set one."""
    candidates = CampaignPolicy.objects.filter(region_id__in=region.path_ids, year__lte=year).select_related("region")
    return max(candidates, key=lambda policy: (len(policy.region.path), policy.year), default=None)


def policy_for_unit(*, unit_id: int, year: int) -> CampaignPolicy | None:
    """``policy_for`` the unit's region, in one query from the unit's id (for pages that have no unit loaded)."""
    unit_path = Unit.objects.filter(pk=unit_id).values("region__path")[:1]
    return (
        CampaignPolicy.objects.annotate(prefix_at=StrIndex(Subquery(unit_path), F("region__path")))
        .filter(prefix_at=1, year__lte=year).order_by(Length("region__path").desc(), "-year").first()
    )


def policies_for(*, pairs: Iterable[tuple[Region, int]]) -> dict[tuple[int, int], CampaignPolicy | None]:
    """``policy_for`` for many (region, year) pairs, keyed by (region id, year): for list pages.

    The versions set at and above the pairs' regions are one query, kept in the cache until a policy is saved or
    deleted (receivers.py moves ``POLICY_GENERATION_KEY`` on, at once and again on commit): a list page asks for
    the same few regions' policies on every request, and twice in one (its rows' words, its filter's word)."""
    pairs = list(pairs)
    ids = sorted({region_id for region, _ in pairs for region_id in region.path_ids})
    rows = kept(f"campaigns:policies-at:{sha256(repr(ids).encode()).hexdigest()[:40]}",
                lambda: list(CampaignPolicy.objects.filter(region_id__in=ids).select_related("region")),
                generation_keys=[POLICY_GENERATION_KEY]) if ids else []
    found = {}
    for region, year in pairs:
        fitting = [policy for policy in rows if policy.region_id in region.path_ids and policy.year <= year]
        found[(region.pk, year)] = max(fitting, key=lambda policy: (len(policy.region.path), policy.year),
                                       default=None)
    return found


# The office that acts for a level in the portal: the level's tripartite office. A level without one here
# (the province, the nation) acts outside the portal; its decisions are recorded by the office below it.
OFFICE_ROLES = {RegionLevel.CITY: Role.CITY_ADMIN, RegionLevel.COUNTY: Role.COUNTY_ADMIN}


def naming_level_of(policy: CampaignPolicy | None) -> str:
    """The level that confirms, announces and names: the policy's, the city where no policy is set."""
    return policy.naming_level if policy is not None else NamingLevel.CITY


def naming_counties(*, counties: Iterable[Region], year: int) -> list[Region]:
    """Those of ``counties`` whose policy in force in ``year`` has the county/district name (confirm, announce
    and name) and so run their own campaign; one query."""
    counties = [region for region in counties if region.level == RegionLevel.COUNTY]
    policies = policies_for(pairs=[(region, year) for region in counties])
    return [region for region in counties if naming_level_of(policies[(region.pk, year)]) == NamingLevel.COUNTY]


def any_names(*, counties: Iterable[Region], year: int) -> bool:
    """Whether any of ``counties`` names under its policy in force in ``year``, kept in the cache until a policy
    changes: the menu of every page a county admin opens asks it (命名确认, 公示管理)."""
    counties = sorted((region for region in counties if region.level == RegionLevel.COUNTY), key=lambda r: r.pk)
    if not counties:
        return False
    key = f"campaigns:any-names:{year}:{','.join(str(region.pk) for region in counties)}"
    return kept(key, lambda: bool(naming_counties(counties=counties, year=year)),
                generation_keys=[POLICY_GENERATION_KEY])


def calendar_regions_for(*, user: User, year: int) -> list[Region]:
    """The regions whose campaign calendar the user may set: their cities (city admin), and their counties
    (county admin) that name under the policy in force in ``year``."""
    return [*regions_for(user, [Role.CITY_ADMIN]),
            *naming_counties(counties=regions_for(user, [Role.COUNTY_ADMIN]), year=year)]


def revocation_office_level(policy: CampaignPolicy | None) -> str:
    """The level whose office decides a revocation in the portal: the approving level where it has an office
    here, otherwise (the province approves) the naming level, which records the approver's decision."""
    if policy is not None and policy.revocation_approver in OFFICE_ROLES:  # blank: the naming office
        return policy.revocation_approver
    return naming_level_of(policy)


def revocation_proposer_levels(policy: CampaignPolicy | None) -> list[str]:
    """The levels whose office may propose a revocation in the portal: the policy's ``revocation_proposer`` where
    that level has an office here; where a level without one proposes (the province), the deciding office, which
    records its proposal; where the document names none, the county office that follows the unit and the deciding
    office."""
    if policy is not None and policy.revocation_proposer in OFFICE_ROLES:
        return [policy.revocation_proposer]
    if policy is not None and policy.revocation_proposer:
        return [revocation_office_level(policy)]
    return list(dict.fromkeys([RegionLevel.COUNTY, revocation_office_level(policy)]))


@dataclass(frozen=True)
class RequiredRecord:
    """One record a revocation waits for. ``name`` is what the recorded consent is stored under and matched by:
    in Chinese whatever language the reader chose (“省级决定”), so a record made by a reader of English is found
    by one of Chinese and the other way round; ``label`` is what the reader is shown (“Province decision”)."""

    name: str
    label: str


def _decision_of(level: str) -> str:
    return _("%(level)s级决定") % {"level": RegionLevel(level).label}


def revocation_records_required(policy: CampaignPolicy | None) -> list[RequiredRecord]:
    """What must be recorded before a revocation takes effect, in order: the approving level's decision where
    that level acts outside the portal, then each higher-level consent the policy lists (its own words: data)."""
    if policy is None:
        return []
    required = []
    if policy.revocation_approver and policy.revocation_approver not in OFFICE_ROLES:
        with official_language():
            name = _decision_of(policy.revocation_approver)
        required.append(RequiredRecord(name=name, label=_decision_of(policy.revocation_approver)))
    return required + [RequiredRecord(name=str(name), label=str(name))
                       for name in policy.revocation_consents if str(name).strip()]


# The national opinion (人社部发〔2023〕2号) names four parties; a locality's policy may name others (国资 …).
NATIONAL_PANEL_PARTIES = (Party.HRSS, Party.UNION, Party.CONFEDERATION, Party.FEDERATION)


def panel_parties_required(*, region: Region, year: int) -> list[str]:
    """The parties a panel in ``region`` must seat: the policy's required ones, else the national four."""
    policy = policy_for(region=region, year=year)
    if policy is not None and policy.panel_parties:
        return policy.required_parties()
    return list(NATIONAL_PANEL_PARTIES)


def policy_value(field: str, *, path: str, year: str) -> Subquery:
    """SQL for ``field`` of the policy in force for each row of an outer query, whose region path and campaign
    year are its columns ``path`` and ``year`` (``policy_for`` as a subquery: NULL where no policy applies)."""
    in_force = (
        # The policy's region path is a prefix of the row's: the policy's region is at or above the row's.
        CampaignPolicy.objects.annotate(prefix_at=StrIndex(OuterRef(path), F("region__path")))
        .filter(prefix_at=1, year__lte=OuterRef(year))
        .order_by(Length("region__path").desc(), "-year")
    )
    return Subquery(in_force.values(field)[:1])


# Who reads the policy page: every staff role, and the system administrator (everywhere).
POLICY_READER_ROLES = (*STAFF_ROLES, Role.SYSTEM_ADMIN)
# Who reads every version of the policies they see (and may set their own region's).
POLICY_ADMIN_ROLES = (Role.SYSTEM_ADMIN, *ADMIN_ROLES)
# The admin of a policy's region is the one who changes it: a city's office its city's, a county's its county's.
POLICY_EDITOR_ROLES = {RegionLevel.CITY: Role.CITY_ADMIN, RegionLevel.COUNTY: Role.COUNTY_ADMIN}


def policy_list_for(*, user: User) -> QuerySet[CampaignPolicy]:
    """The versions a staff member may read: those set at or above their regions (in force there) and those set
    below them; every version for the system administrator."""
    policies = CampaignPolicy.objects.select_related("region", "updated_by")
    if has_role(user, Role.SYSTEM_ADMIN):
        return policies
    visible = Q(pk__in=[])
    for region in regions_for(user, STAFF_ROLES):
        visible |= Q(region_id__in=region.path_ids) | Q(region__path__startswith=region.path)
    return policies.filter(visible)


def policy_regions_for(*, user: User) -> QuerySet[Region]:
    """The regions whose policy the user sets: those they are the admin of at that region's level."""
    if has_role(user, Role.SYSTEM_ADMIN):
        return Region.objects.filter(level__in=list(POLICY_EDITOR_ROLES))
    ids = [m.region_id for m in memberships_of(user)
           if m.region is not None and POLICY_EDITOR_ROLES.get(m.region.level) == m.role]
    return Region.objects.filter(pk__in=ids)


def policy_editable_for(*, user: User) -> QuerySet[CampaignPolicy]:
    """The versions the user may change: those of the regions they set the policy of."""
    return CampaignPolicy.objects.select_related("region").filter(region__in=policy_regions_for(user=user))
