import pytest

from apps.accounts.models import Party
from apps.campaigns.models import CampaignPolicy, NamingLevel
from apps.campaigns.selectors import NATIONAL_PANEL_PARTIES, panel_parties_required, policy_for

pytestmark = pytest.mark.django_db


def test_a_region_without_its_own_policy_inherits_the_nearest_one_above(regions):
    city_policy = CampaignPolicy.objects.create(region=regions.city, year=2023)
    assert policy_for(region=regions.township_x, year=2024) == city_policy
    county_policy = CampaignPolicy.objects.create(region=regions.county_x, year=2024,
                                                  naming_level=NamingLevel.COUNTY)
    assert policy_for(region=regions.township_x, year=2024) == county_policy
    assert policy_for(region=regions.county_y, year=2024) == city_policy
    assert policy_for(region=regions.other_county, year=2024) is None


def test_the_version_in_force_is_the_latest_not_after_the_year(regions):
    first = CampaignPolicy.objects.create(region=regions.city, year=2023)
    second = CampaignPolicy.objects.create(region=regions.city, year=2025)
    assert policy_for(region=regions.county_x, year=2022) is None
    assert policy_for(region=regions.county_x, year=2024) == first
    assert policy_for(region=regions.county_x, year=2026) == second


def test_the_panel_needs_the_policys_required_parties_else_the_national_four(regions):
    assert panel_parties_required(region=regions.county_x, year=2024) == list(NATIONAL_PANEL_PARTIES)
    CampaignPolicy.objects.create(region=regions.county_x, year=2024, panel_parties=[
        {"party": Party.HRSS, "required": True}, {"party": Party.UNION, "required": True},
        {"party": Party.SASAC, "required": True}, {"party": Party.FEDERATION, "required": True},
        {"party": Party.CONFEDERATION, "required": False},
    ])
    assert panel_parties_required(region=regions.county_x, year=2024) == [
        Party.HRSS, Party.UNION, Party.SASAC, Party.FEDERATION]
