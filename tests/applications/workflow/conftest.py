"""The standard and campaign year the workflow's tests run on (the demo standard, this year's window open all year)."""

from datetime import date

import pytest
from django.conf import settings

from apps.campaigns.models import CampaignYear
from apps.standards.services import standard_load_file


@pytest.fixture
def standard(db):
    standard, _ = standard_load_file(path=settings.BASE_DIR / "fixtures" / "standards" / "demo_all_features.yaml")
    return standard


@pytest.fixture
def campaign(regions):
    year = date.today().year
    return CampaignYear.objects.create(
        city=regions.city, year=year, self_evaluation_opens=date(year, 1, 1),
        self_evaluation_closes=date(year, 12, 31), county_review_deadline=date(year, 12, 31),
        city_confirmation_deadline=date(year, 12, 31),
    )
