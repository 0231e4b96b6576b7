"""The naming office's steps are labelled with the level the policy in force has name: 市级 where the city names,
区级 where 河东区 does (its policy's title level), on the unit's page, the review page, the county's decision, and
each row of the list pages."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from apps.applications.assessments.models import Application, ApplicationEvent, ApplicationKind
from apps.applications.opinions.models import Consultation, ConsultationEntry, Department
from apps.applications.workflow.service import application_transition
from apps.applications.workflow.states import Status, status_label
from apps.campaigns.models import CampaignPolicy, NamingLevel
from apps.campaigns.rules import rules_for
from tests.factories import named
from tests.fixtures.reviews import approved, form_panel, make_application, score_all

pytestmark = pytest.mark.django_db


def test_the_labels_of_the_naming_offices_steps_take_the_policys_level(regions, campaign):
    assert status_label(Status.CITY_CONFIRMED) == "市级已确认"
    assert rules_for(region=regions.county_x, year=campaign.year).naming_level_word == "市级"
    CampaignPolicy.objects.create(region=regions.county_x, year=campaign.year, naming_level=NamingLevel.COUNTY,
                                  title_level="区级")
    word = rules_for(region=regions.county_x, year=campaign.year).naming_level_word
    assert (status_label(Status.CITY_CONFIRMED, word), status_label(Status.CITY_RETURNED, word)) == (
        "区级已确认", "区级退回")
    assert status_label(Status.COUNTY_APPROVED, word) == "县级验收通过"
    CampaignPolicy.objects.filter(region=regions.county_x).update(title_level="")
    assert rules_for(region=regions.county_x, year=campaign.year).naming_level_word == "县级"


def _pages(client, cast, application):
    client.force_login(cast.rep_a)
    unit_page = client.get(f"/applications/{application.pk}/").content.decode()
    client.force_login(cast.county_admin_x)
    review_page = client.get(f"/reviews/{application.pk}/").content.decode()
    return unit_page, review_page


def test_where_the_district_names_the_pages_say_its_level_not_the_citys(client, cast, regions, campaign, standard,
                                                                      application):
    CampaignPolicy.objects.create(region=regions.county_x, year=campaign.year, naming_level=NamingLevel.COUNTY,
                                  title_level="区级")
    approved(application, cast, standard)
    _, review_page = _pages(client, cast, application)
    application_transition(application=application, to=Status.CITY_CONFIRMED, by=cast.county_admin_x)
    unit_page, confirmed_review_page = _pages(client, cast, application)
    assert "区级已确认" in unit_page and "市级已确认" not in unit_page
    assert "区级已确认" in confirmed_review_page and "市级已确认" not in confirmed_review_page


def test_the_county_sends_its_approval_to_the_level_that_names(client, cast, regions, campaign, standard,
                                                               application):
    CampaignPolicy.objects.create(region=regions.county_x, year=campaign.year, naming_level=NamingLevel.COUNTY,
                                  title_level="区级")
    form_panel(application, cast)
    application.refresh_from_db()
    score_all(application, cast, standard)
    client.force_login(cast.county_admin_x)
    page = client.get(f"/reviews/{application.pk}/").content.decode()
    assert "验收通过，报送区级" in page and "报送市级" not in page


def test_where_the_city_names_the_pages_keep_saying_市级(client, cast, regions, campaign, standard, application):
    approved(application, cast, standard)
    application_transition(application=application, to=Status.CITY_CONFIRMED, by=cast.city_admin)
    unit_page, review_page = _pages(client, cast, application)
    assert "市级已确认" in unit_page and "市级已确认" in review_page


def _row(page: str, unit_name: str) -> str:
    return next(row for row in page.split("<tr") if unit_name in row)


@pytest.fixture
def hedong_policy(regions, campaign):
    """County X names as 天津市河东区 does (区级); county Y's units are named by 临汾市 (市级)."""
    return CampaignPolicy.objects.create(region=regions.county_x, year=campaign.year, naming_level=NamingLevel.COUNTY,
                                         title_level="区级")


@pytest.mark.parametrize("url_name", ["reviews:queue", "assessments:list"])
def test_list_pages_say_each_rows_naming_level(client, cast, campaign, standard, hedong_policy, url_name):
    make_application(cast.unit_a, campaign, standard, status=Status.CITY_RETURNED)
    make_application(cast.unit_b, campaign, standard, status=Status.CITY_RETURNED)
    client.force_login(cast.city_admin)
    page = client.get(reverse(url_name)).content.decode()
    assert "区级退回" in _row(page, "甲公司") and "市级退回" not in _row(page, "甲公司")
    assert "市级退回" in _row(page, "乙公司") and "区级退回" not in _row(page, "乙公司")


def test_the_consultation_page_says_the_level_of_the_office_that_consults(client, cast, regions, campaign, standard,
                                                                          hedong_policy):
    pages = {}
    for unit, region, office in ((cast.unit_a, regions.county_x, cast.county_admin_x),
                                 (cast.unit_b, regions.city, cast.city_admin)):
        application = make_application(unit, campaign, standard, status=Status.CITY_CONFIRMED)
        consultation = Consultation.objects.create(region=region, year=campaign.year, title="拟公示名单征求部门意见",
                                                   deadline=date.today(), sent_by=office)
        ConsultationEntry.objects.create(consultation=consultation, application=application)
        client.force_login(office)
        pages[unit.name] = client.get(reverse("opinions:detail", args=[consultation.pk])).content.decode()
    assert "区级已确认" in _row(pages["甲公司"], "甲公司") and "市级已确认" not in pages["甲公司"]
    assert "市级已确认" in _row(pages["乙公司"], "乙公司")


def _option(page: str, value: str) -> str:
    return re.search(rf'<option value="{value}"[^>]*>([^<]*)</option>', page).group(1)


def test_the_queues_status_filter_says_the_viewers_naming_level(client, cast, hedong_policy):
    """The filter names the send-back before any row is listed: 河东区's office and reviewers read 区级退回."""
    for viewer, word in ((cast.county_admin_x, "区级退回"), (cast.reviewers_x["hrss"], "区级退回"),
                         (cast.county_admin_y, "市级退回"), (cast.city_admin, "市级退回")):
        client.force_login(viewer)
        page = client.get(reverse("reviews:queue")).content.decode()
        assert _option(page, "city_returned") == word, viewer


def test_the_county_workbench_says_which_level_sent_an_application_back(client, cast, campaign, standard,
                                                                         hedong_policy):
    returned = make_application(cast.unit_a, campaign, standard, status=Status.CITY_RETURNED)
    ApplicationEvent.objects.create(application=returned, from_status=Status.COUNTY_APPROVED,
                                    to_status=Status.CITY_RETURNED, actor=cast.county_admin_x, comment="请补充台账")
    client.force_login(cast.county_admin_x)
    home = client.get(reverse("home:home")).content.decode()
    assert "区级退回：请补充台账" in home and "市级退回" not in home


def test_the_units_workbench_says_which_level_confirmed_its_renewal(client, cast, regions, campaign, standard,
                                                                    hedong_policy):
    end = timezone.localdate() + timedelta(days=30)
    title = named(cast.unit_a, city=regions.city, by=cast.city_admin,
                  issued_on=date.fromordinal(end.toordinal() + 1).replace(year=end.year - 3))
    renewal = make_application(cast.unit_a, campaign, standard, status=Status.CITY_CONFIRMED)
    Application.objects.filter(pk=renewal.pk).update(kind=ApplicationKind.RENEWAL, renews=title)
    client.force_login(cast.rep_a)
    home = client.get(reverse("home:home")).content.decode()
    assert "复审进行中：区级已确认" in home and "市级已确认" not in home


def test_the_consultation_form_asks_for_an_application_the_viewers_level_confirmed(client, cast, regions,
                                                                                   hedong_policy):
    """Sent with no application ticked, the form's message names the confirmation at the office's level."""
    for office, region, word in ((cast.county_admin_x, regions.county_x, "区级已确认"),
                                 (cast.city_admin, regions.city, "市级已确认")):
        department = Department.objects.create(region=region, name="市场监管局")
        client.force_login(office)
        page = client.post(reverse("opinions:send"), {"deadline": "2099-01-01", "departments": [department.pk]},
                           ).content.decode()
        assert f"请至少选择一个{word}、待公示的申报。" in page, office


def test_an_english_reader_reads_the_level_in_english_and_the_printed_title_keeps_it_chinese(
        client, cast, regions, campaign, standard, application):
    CampaignPolicy.objects.create(region=regions.county_x, year=campaign.year, naming_level=NamingLevel.COUNTY,
                                  title_level="区级")
    approved(application, cast, standard)
    application_transition(application=application, to=Status.CITY_CONFIRMED, by=cast.county_admin_x)
    client.force_login(cast.county_admin_x)
    client.cookies["django_language"] = "en"
    page = client.get(f"/reviews/{application.pk}/").content.decode()
    assert "Confirmed (district-level)" in page and "区级已确认" not in page
    rules = rules_for(region=regions.county_x, year=campaign.year)
    with translation.override("en"):
        assert rules.naming_level_word == "district-level"
        assert rules.title(application.unit.kind).startswith("区级")
