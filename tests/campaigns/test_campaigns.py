from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from apps.campaigns.models import CampaignYear
from apps.campaigns.selectors import campaign_year_for_unit
from apps.campaigns.services import OutsideWindow, campaign_window_check
from tests.factories import CampaignYearFactory

pytestmark = pytest.mark.django_db

FORM = {
    "year": "2026", "self_evaluation_opens": "2026-09-01", "self_evaluation_closes": "2026-10-31",
    "county_review_deadline": "2026-11-30", "city_confirmation_deadline": "2026-12-20",
}


def login(client, user):
    client.force_login(user)


def test_window_check_refuses_with_the_dates_in_the_message(regions):
    cy = CampaignYearFactory(city=regions.city, year=2026, self_evaluation_opens=date(2026, 9, 1),
                             self_evaluation_closes=date(2026, 10, 31))
    campaign_window_check(campaign_year=cy, phase="self_evaluation", today=date(2026, 10, 31))
    with pytest.raises(OutsideWindow) as early:
        campaign_window_check(campaign_year=cy, phase="self_evaluation", today=date(2026, 8, 31))
    assert early.value.messages == ["临汾市2026年度自评申报尚未开始：办理时间为 2026年09月01日 至 2026年10月31日。"]
    with pytest.raises(OutsideWindow, match="已经结束：办理时间为 2026年09月01日 至 2026年10月31日"):
        campaign_window_check(campaign_year=cy, phase="self_evaluation", today=date(2026, 11, 1))


def test_phases_out_of_order_are_refused(regions):
    cy = CampaignYearFactory.build(city=regions.city, year=2026, self_evaluation_opens=date(2026, 9, 1),
                                   self_evaluation_closes=date(2026, 8, 1))
    with pytest.raises(ValidationError, match="自评申报截止日期不能早于开始日期"):
        cy.full_clean()


def test_campaign_year_is_found_for_a_unit_of_the_city_only(cast):
    cy = CampaignYearFactory(city=cast.unit_a.region.parent, year=2026)
    assert campaign_year_for_unit(unit=cast.unit_a, year=2026) == cy
    assert campaign_year_for_unit(unit=cast.unit_a, year=2025) is None


def test_city_admin_creates_and_edits_a_campaign_year(client, cast, regions):
    login(client, cast.city_admin)
    response = client.post("/campaigns/new/", {**FORM, "city": regions.city.pk})
    assert response.status_code == 302
    cy = CampaignYear.objects.get()
    assert cy.county_review_deadline == date(2026, 11, 30)
    assert "2026" in client.get("/campaigns/").content.decode()
    response = client.post(f"/campaigns/{cy.pk}/edit/", {**FORM, "city": regions.city.pk,
                                                         "city_confirmation_deadline": "2026-12-25"})
    assert response.status_code == 302
    cy.refresh_from_db()
    assert cy.city_confirmation_deadline == date(2026, 12, 25)


def test_bad_dates_get_a_chinese_message_and_keep_what_was_entered(client, cast, regions):
    login(client, cast.city_admin)
    response = client.post("/campaigns/new/", {**FORM, "city": regions.city.pk, "county_review_deadline": "2026-10-01"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "县级评估验收截止日期不能早于自评申报截止日期" in body
    assert 'value="2026-12-20"' in body
    assert not CampaignYear.objects.exists()


def test_city_admin_cannot_create_for_another_city(client, cast, regions):
    login(client, cast.city_admin)
    response = client.post("/campaigns/new/", {**FORM, "city": regions.other_city.pk})
    assert response.status_code == 200 and not CampaignYear.objects.exists()


def test_city_admin_of_another_city_gets_404(client, cast, regions):
    cy = CampaignYearFactory(city=regions.city, year=2026)
    login(client, cast.city_admin_other)
    assert client.get(f"/campaigns/{cy.pk}/edit/").status_code == 404
    assert "<td>2026</td>" not in client.get("/campaigns/").content.decode()


# A county admin is refused with a message (tests/campaigns/test_district_calendar.py).
@pytest.mark.parametrize("who", ["rep_a", "system_admin"])
def test_other_roles_get_403(client, cast, who):
    login(client, getattr(cast, who))
    assert client.get("/campaigns/").status_code == 403
    assert client.get("/campaigns/new/").status_code == 403


def test_anonymous_is_sent_to_login(client, regions):
    assert client.get("/campaigns/new/").status_code == 302


def test_window_check_refuses_in_the_readers_language(regions):
    cy = CampaignYearFactory(city=regions.city, year=2026, self_evaluation_opens=date(2026, 9, 1),
                             self_evaluation_closes=date(2026, 10, 31))
    with translation.override("en"), pytest.raises(OutsideWindow) as late:
        campaign_window_check(campaign_year=cy, phase="self_evaluation", today=date(2026, 11, 1))
    assert late.value.messages == [
        "Self-evaluation of 临汾市's 2026 campaign has ended: it ran from Sept. 1, 2026 to Oct. 31, 2026."
    ]
