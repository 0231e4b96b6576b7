from collections.abc import Iterable

from django.db.models import QuerySet

from apps.accounts.models import Party, Role, User
from apps.accounts.permissions import regions_for
from apps.regions.models import Region
from apps.registry.units.models import Unit

from .models import CampaignPolicy, CampaignYear


def campaign_year_list_for(*, user: User) -> QuerySet[CampaignYear]:
    """Campaign years of the cities the user is city admin of."""
    city_ids = [region.pk for region in regions_for(user, [Role.CITY_ADMIN])]
    return CampaignYear.objects.filter(city_id__in=city_ids).select_related("city")


def campaign_year_for_unit(*, unit: Unit, year: int) -> CampaignYear | None:
    """The campaign year of the city the unit lies in."""
    ancestor_ids = unit.region.path_ids
    return CampaignYear.objects.filter(city_id__in=ancestor_ids, year=year).select_related("city").first()


def policy_for(*, region: Region, year: int) -> CampaignPolicy | None:
    """The campaign policy in force in ``region`` for ``year``: the nearest region at or above it that has one,
    its latest version not after ``year``. None where no level above has set one."""
    candidates = CampaignPolicy.objects.filter(region_id__in=region.path_ids, year__lte=year).select_related("region")
    return max(candidates, key=lambda policy: (len(policy.region.path), policy.year), default=None)


def policies_for(*, regions: Iterable[Region], year: int) -> dict[int, CampaignPolicy]:
    """``policy_for`` of many regions in one query: region id → the policy in force there (absent: none)."""
    regions = list(regions)
    candidates = list(CampaignPolicy.objects.filter(
        region_id__in={pk for region in regions for pk in region.path_ids}, year__lte=year).select_related("region"))
    found = {}
    for region in regions:
        ids = set(region.path_ids)
        policy = max((p for p in candidates if p.region_id in ids), key=lambda p: (len(p.region.path), p.year),
                     default=None)
        if policy is not None:
            found[region.pk] = policy
    return found


# The national opinion (人社部发〔2023〕2号) names four parties; a locality's policy may name others (国资 …).
NATIONAL_PANEL_PARTIES = (Party.HRSS, Party.UNION, Party.CONFEDERATION, Party.FEDERATION)


def panel_parties_required(*, region: Region, year: int) -> list[str]:
    """The parties a panel in ``region`` must seat: the policy's required ones, else the national four."""
    policy = policy_for(region=region, year=year)
    if policy is not None and policy.panel_parties:
        return policy.required_parties()
    return list(NATIONAL_PANEL_PARTIES)
