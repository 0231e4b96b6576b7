import pytest

from tests.factories import CampaignYearFactory
from tests.fixtures.surveys import this_year


@pytest.fixture(autouse=True)
def _campaign_years(request):
    """A survey belongs to a campaign year of the unit's city: the cast's city has the years tests use."""
    if "cast" not in request.fixturenames:
        return
    regions = request.getfixturevalue("regions")
    for year in {2025, 2026, 2027, this_year() - 1, this_year(), this_year() + 1}:
        CampaignYearFactory(city=regions.city, year=year)
