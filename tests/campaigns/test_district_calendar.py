"""A district that runs its own campaign (天津市河东区, seed 004 三 and 三(一)) sets its own campaign calendar: where
the policy in force has the county/district name, its admin creates and edits the calendar, its units' applications
follow it (the nearest calendar above the unit), and its windows bound them; elsewhere a county admin cannot."""

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.accounts.models import Role
from apps.applications.assessments.services import application_open
from apps.applications.notices.models import Notice
from apps.applications.workflow.states import Status
from apps.campaigns.models import CampaignPolicy, CampaignYear, NamingLevel
from apps.campaigns.selectors import campaign_year_for_unit
from apps.campaigns.services import OutsideWindow, campaign_window_check, campaign_year_save
from apps.core.confirmation import CONFIRM_FIELD
from apps.home.navigation import navigation_html
from tests.factories import CampaignYearFactory
from tests.fixtures.reviews import approved, make_application

pytestmark = pytest.mark.django_db

YEAR = date.today().year
# The district's own phases (a window that differs from the city's all-year one).
FORM = {
    "year": str(YEAR), "self_evaluation_opens": f"{YEAR}-03-01", "self_evaluation_closes": f"{YEAR}-03-31",
    "county_review_deadline": f"{YEAR}-06-30", "city_confirmation_deadline": f"{YEAR}-07-31",
}


@pytest.fixture
def district_names(regions):
    """尧都区 (county X) runs its own campaign: its office confirms, announces and names."""
    return CampaignPolicy.objects.create(region=regions.county_x, year=YEAR, naming_level=NamingLevel.COUNTY,
                                         title_level="区级")


@pytest.fixture
def city_calendar(regions):
    return CampaignYearFactory(city=regions.city, year=YEAR)


def test_a_naming_districts_admin_creates_and_edits_its_calendar_audited(client, cast, regions, district_names):
    client.force_login(cast.county_admin_x)
    page = client.get("/campaigns/new/").content.decode()
    assert f'<option value="{regions.county_x.pk}">尧都区' in page and "命名确认截止日期" in page
    assert f'<option value="{regions.city.pk}"' not in page
    response = client.post("/campaigns/new/", {**FORM, "city": regions.county_x.pk})
    assert response.status_code == 302
    calendar = CampaignYear.objects.get()
    assert (calendar.city, calendar.self_evaluation_opens) == (regions.county_x, date(YEAR, 3, 1))
    assert "尧都区" in client.get("/campaigns/").content.decode()
    response = client.post(f"/campaigns/{calendar.pk}/edit/", {**FORM, "city": regions.county_x.pk,
                                                               "city_confirmation_deadline": f"{YEAR}-08-15"})
    assert response.status_code == 302
    calendar.refresh_from_db()
    assert calendar.city_confirmation_deadline == date(YEAR, 8, 15)
    entries = LogEntry.objects.get_for_object(calendar)
    assert entries.count() == 2 and entries.first().actor == cast.county_admin_x
    assert entries.first().scope.region_id == regions.county_x.pk


def test_the_districts_units_apply_under_its_calendar_and_its_windows_bound_them(
        cast, regions, district_names, city_calendar, linfen_standard):
    district = CampaignYearFactory(city=regions.county_x, year=YEAR, self_evaluation_opens=date(YEAR, 3, 1),
                                   self_evaluation_closes=date(YEAR, 3, 31), county_review_deadline=date(YEAR, 6, 30),
                                   city_confirmation_deadline=date(YEAR, 7, 31))
    assert campaign_year_for_unit(unit=cast.unit_a, year=YEAR) == district
    # The city's window is open all year; the district's closed on 31 March.
    with pytest.raises(OutsideWindow, match=f"尧都区{YEAR}年度自评申报已经结束：办理时间为 {YEAR}年03月01日"):
        application_open(unit=cast.unit_a, by=cast.rep_a, today=date(YEAR, 4, 1))
    application = application_open(unit=cast.unit_a, by=cast.rep_a, today=date(YEAR, 3, 10))
    assert application.campaign_year == district
    with pytest.raises(OutsideWindow, match=f"尧都区{YEAR}年度命名确认已经结束"):
        campaign_window_check(campaign_year=district, phase="city_confirmation", today=date(YEAR, 8, 1))


def test_the_citys_calendar_still_applies_to_its_other_counties(cast, regions, district_names, city_calendar,
                                                                 linfen_standard):
    CampaignYearFactory(city=regions.county_x, year=YEAR, self_evaluation_opens=date(YEAR, 3, 1),
                        self_evaluation_closes=date(YEAR, 3, 31))
    assert campaign_year_for_unit(unit=cast.unit_b, year=YEAR) == city_calendar
    application = application_open(unit=cast.unit_b, by=cast.rep_b, today=date(YEAR, 4, 1))
    assert application.campaign_year == city_calendar


def test_an_application_opened_under_the_citys_calendar_stays_the_units_one(cast, regions, district_names,
                                                                             city_calendar, linfen_standard):
    first = application_open(unit=cast.unit_a, by=cast.rep_a, today=date(YEAR, 3, 10))
    CampaignYearFactory(city=regions.county_x, year=YEAR)
    assert application_open(unit=cast.unit_a, by=cast.rep_a, today=date(YEAR, 3, 11)) == first


def test_a_county_admin_where_the_city_names_is_refused_with_a_message(client, cast, regions, city_calendar):
    client.force_login(cast.county_admin_x)
    listing = client.get("/campaigns/").content.decode()
    assert "由市级命名" in listing and "/campaigns/new/" not in listing
    response = client.get("/campaigns/new/")
    assert response.status_code == 403 and "创建活动年度(阶段安排)由市级设置" in response.content.decode()
    response = client.post("/campaigns/new/", {**FORM, "city": regions.county_x.pk})
    assert response.status_code == 403
    assert list(CampaignYear.objects.all()) == [city_calendar]
    assert client.get(f"/campaigns/{city_calendar.pk}/edit/").status_code == 404


def test_the_service_refuses_a_county_calendar_where_the_city_names(cast, regions):
    calendar = CampaignYearFactory.build(city=regions.county_y, year=YEAR)
    with pytest.raises(ValidationError, match=f"曲沃县{YEAR}年度的创建活动由市级命名"):
        campaign_year_save(campaign_year=calendar, by=cast.county_admin_y)
    township = CampaignYearFactory.build(city=regions.township_x, year=YEAR)
    with pytest.raises(ValidationError, match="由开展创建活动的市或县"):
        campaign_year_save(campaign_year=township, by=cast.county_admin_x)
    assert not CampaignYear.objects.exists()


def test_a_calendar_is_refused_for_a_year_before_the_district_names(client, cast, regions, district_names):
    client.force_login(cast.county_admin_x)
    response = client.post("/campaigns/new/", {**FORM, "year": str(YEAR - 1), "city": regions.county_x.pk})
    assert response.status_code == 200 and f"尧都区{YEAR - 1}年度的创建活动由市级命名" in response.content.decode()
    assert not CampaignYear.objects.exists()


def test_another_countys_admin_and_the_city_admin_get_404_on_the_districts_calendar(
        client, cast, regions, district_names):
    calendar = CampaignYearFactory(city=regions.county_x, year=YEAR)
    for user in (cast.county_admin_y, cast.city_admin, cast.city_admin_other):
        client.force_login(user)
        assert client.get(f"/campaigns/{calendar.pk}/edit/").status_code == 404
        assert "尧都区" not in client.get("/campaigns/").content.decode()
    # Nor may another county's admin create one for it.
    client.force_login(cast.county_admin_y)
    assert client.post("/campaigns/new/", {**FORM, "city": regions.county_x.pk}).status_code == 403
    assert CampaignYear.objects.count() == 1


def test_the_menu_shows_the_calendar_to_a_naming_districts_admin_only(cast, district_names):
    assert 'href="/campaigns/"' in navigation_html({Role.COUNTY_ADMIN}, cast.county_admin_x)
    assert 'href="/campaigns/"' not in navigation_html({Role.COUNTY_ADMIN}, cast.county_admin_y)


def test_the_district_office_confirms_and_names_an_application_under_its_own_calendar(
        client, cast, regions, district_names, city_calendar, standard):
    district = CampaignYearFactory(city=regions.county_x, year=YEAR)
    application = approved(make_application(cast.unit_a, district, standard), cast, standard)
    client.force_login(cast.city_admin)
    assert "甲公司" not in client.get("/reviews/city/").content.decode()
    client.force_login(cast.county_admin_x)
    assert "甲公司" in client.get("/reviews/city/").content.decode()
    client.post("/reviews/city/confirm/", {"ids": [application.pk], CONFIRM_FIELD: "1"})
    application.refresh_from_db()
    assert application.status == Status.CITY_CONFIRMED
    client.post("/notices/manage/", {"ids": [application.pk], "starts_on": date.today().isoformat(),
                                     "working_days": 5, CONFIRM_FIELD: "1"})
    notice = Notice.objects.get()
    assert notice.city == regions.county_x and notice.title.startswith("临汾市尧都区")
    Notice.objects.filter(pk=notice.pk).update(ends_on=timezone.localdate() - timedelta(days=1))
    client.post(f"/notices/manage/{notice.pk}/name/", {CONFIRM_FIELD: "1"})
    application.refresh_from_db()
    assert application.status == Status.NAMED
    title = application.recognition
    assert (title.city, title.level, title.number) == (regions.county_x, "区级", f"141002-{YEAR}-0001")
