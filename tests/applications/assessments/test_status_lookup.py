"""The public status look-up: application number and the unit's credit code, both matching; status and date only."""

import pytest
from django.urls import reverse

from apps.applications.assessments.models import Application, application_number
from apps.applications.workflow.states import Status
from apps.campaigns.models import CampaignPolicy, NamingLevel
from tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

URL = "/applications/status/"
NO_MATCH = "未查到与该申报编号和统一社会信用代码相符的申报"


@pytest.fixture
def uscc(cast):
    return EnterpriseFactory(unit=cast.unit_a).uscc


def test_the_number_and_code_together_show_the_status_and_date_only(client, draft_application, uscc):
    assert reverse("assessments:status_lookup") == URL
    response = client.post(URL, {"number": draft_application.number, "uscc": uscc.lower()})
    body = response.content.decode()
    assert response.status_code == 200 and 'data-testid="lookup-result"' in body and "草稿" in body
    assert "甲公司" not in body and "临汾" not in body.split("lookup-result")[1][:300]


def test_a_wrong_code_and_an_unknown_number_get_the_same_message(client, cast, draft_application, uscc):
    other = EnterpriseFactory(unit=cast.unit_b).uscc
    wrong_code = client.post(URL, {"number": draft_application.number, "uscc": other}).content.decode()
    unknown = client.post(URL, {"number": application_number(2026, draft_application.pk + 999), "uscc": uscc})
    wrong_year = client.post(URL, {"number": application_number(2001, draft_application.pk), "uscc": uscc})
    for body in (wrong_code, unknown.content.decode(), wrong_year.content.decode()):
        assert NO_MATCH in body and "lookup-result" not in body and "草稿" not in body


def test_a_malformed_number_is_explained_at_the_field_and_the_code_kept(client, uscc):
    body = client.post(URL, {"number": "abc", "uscc": uscc}).content.decode()
    assert "申报编号的格式" in body and uscc in body and NO_MATCH not in body


def test_look_ups_are_rate_limited_per_address(client, draft_application, uscc):
    statuses = [client.post(URL, {"number": draft_application.number, "uscc": "X"}).status_code
                for _ in range(12)]
    assert statuses[:10] == [200] * 10 and statuses[-1] in (403, 429)


def test_the_application_page_shows_its_number(client, cast, draft_application):
    client.force_login(cast.rep_a)
    body = client.get(reverse("assessments:detail", args=[draft_application.pk])).content.decode()
    assert draft_application.number in body


def test_the_status_says_the_level_that_names_the_unit(client, regions, draft_application, uscc):
    Application.objects.filter(pk=draft_application.pk).update(status=Status.CITY_CONFIRMED)
    assert "市级已确认" in client.post(URL, {"number": draft_application.number, "uscc": uscc}).content.decode()
    CampaignPolicy.objects.create(region=regions.county_x, year=draft_application.campaign_year.year,
                                  naming_level=NamingLevel.COUNTY, title_level="区级")
    body = client.post(URL, {"number": draft_application.number, "uscc": uscc}).content.decode()
    assert "区级已确认" in body and "市级已确认" not in body
