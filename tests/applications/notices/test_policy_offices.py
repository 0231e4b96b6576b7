"""The pages after the county, by the locality's policy: a district that names (天津市河东区's shape) confirms,
announces and names on the same pages as a city, and the city does not; where the province decides (临汾's
shape), the office forwards, records the province's decision and its document number, and only then announces."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from apps.applications.notices.models import Notice, ProvinceDecision, ProvinceOutcome
from apps.applications.recognitions.services import recognition_create
from apps.applications.workflow.service import application_transition
from apps.applications.workflow.states import Status
from apps.campaigns.models import CampaignPolicy, NamingLevel
from apps.core.confirmation import CONFIRM_FIELD
from apps.notifications.models import Notification
from apps.regions.models import RegionLevel
from tests.fixtures.reviews import approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def county_names(regions, campaign):
    return CampaignPolicy.objects.create(region=regions.county_x, year=campaign.year,
                                         naming_level=NamingLevel.COUNTY, title_level="区级",
                                         revocation_approver=RegionLevel.COUNTY)


@pytest.fixture
def province_decides(regions, campaign):
    return CampaignPolicy.objects.create(region=regions.city, year=campaign.year, province_decides=True)


def test_the_district_office_confirms_its_own_queue_and_the_city_does_not_see_it(client, cast, application,
                                                                                  standard, county_names):
    approved(application, cast, standard)
    client.force_login(cast.city_admin)
    assert "甲公司" not in client.get("/reviews/city/").content.decode()
    client.post("/reviews/city/confirm/", {"ids": [application.pk], CONFIRM_FIELD: "1"})
    application.refresh_from_db()
    assert application.status == Status.COUNTY_APPROVED

    client.force_login(cast.county_admin_y)
    assert "甲公司" not in client.get("/reviews/city/").content.decode()

    client.force_login(cast.county_admin_x)
    page = client.get("/reviews/city/").content.decode()
    assert "命名确认" in page and "甲公司" in page and f'value="{application.pk}"' in page
    client.post("/reviews/city/confirm/", {"ids": [application.pk], CONFIRM_FIELD: "1"})
    application.refresh_from_db()
    assert application.status == Status.CITY_CONFIRMED


def test_the_district_office_announces_and_names_under_its_own_name(client, cast, regions, application, standard,
                                                                    county_names):
    approved(application, cast, standard)
    application_transition(application=application, to=Status.CITY_CONFIRMED, by=cast.county_admin_x)
    client.force_login(cast.city_admin)
    assert "甲公司" not in client.get("/notices/manage/").content.decode()

    client.force_login(cast.county_admin_x)
    assert "甲公司" in client.get("/notices/manage/").content.decode()
    response = client.post("/notices/manage/", {"ids": [application.pk], "starts_on": date.today().isoformat(),
                                                "working_days": 5, CONFIRM_FIELD: "1"})
    notice = Notice.objects.get()
    assert response.status_code == 302
    assert notice.city == regions.county_x and notice.title.startswith("临汾市尧都区")
    Notice.objects.filter(pk=notice.pk).update(ends_on=timezone.localdate() - timedelta(days=1))

    client.force_login(cast.city_admin)
    page = client.get(f"/notices/manage/{notice.pk}/").content.decode()
    assert "该公示由其命名机关处理异议和命名" in page
    client.post(f"/notices/manage/{notice.pk}/name/", {CONFIRM_FIELD: "1"})
    application.refresh_from_db()
    assert application.status == Status.IN_NOTICE

    client.force_login(cast.county_admin_x)
    client.post(f"/notices/manage/{notice.pk}/name/", {CONFIRM_FIELD: "1"})
    application.refresh_from_db()
    title = application.recognition
    assert application.status == Status.NAMED
    assert (title.city, title.level, title.number) == (regions.county_x, "区级", f"141002-{date.today().year}-0001")


def test_the_menu_and_home_show_the_naming_pages_to_a_district_office_that_names(client, cast, county_names):
    client.force_login(cast.county_admin_y)
    page = client.get("/home/").content.decode()
    assert "命名确认" not in page and "待确认命名的申报" not in page
    client.force_login(cast.county_admin_x)
    page = client.get("/home/").content.decode()
    assert "命名确认" in page and "公示管理" in page and "待确认命名的申报" in page


def test_the_office_forwards_to_the_province_and_announces_only_after_its_recorded_decision(
        client, cast, application, standard, province_decides):
    approved(application, cast, standard)
    application_transition(application=application, to=Status.CITY_CONFIRMED, by=cast.city_admin)
    client.force_login(cast.city_admin)
    manage = client.get("/notices/manage/").content.decode()
    assert "实行省级审定" in manage and f'name="ids" value="{application.pk}"' not in manage

    label = f"{application.unit.region.name} · {application.unit.name}（{application.campaign_year.year}）"
    assert f'for="fwd-{application.pk}">{label}</label>' in client.get("/notices/province/").content.decode()

    client.post("/notices/province/forward/", {"ids": [application.pk], CONFIRM_FIELD: "1"})
    decision = ProvinceDecision.objects.get()
    assert decision.outcome == ProvinceOutcome.PENDING
    province = client.get("/notices/province/").content.decode()
    assert f"<li>{label} " in province and "登记省级决定" in province

    missing = client.post(f"/notices/province/{decision.pk}/", {"outcome": "passed", "decided_on": "2025-01-01",
                                                                "note": "全省通报"})
    assert missing.status_code == 400
    assert "请填写省级决定的文号" in missing.content.decode() and "全省通报" in missing.content.decode()

    today = timezone.localdate().isoformat()
    client.post(f"/notices/province/{decision.pk}/", {"outcome": "passed", "document_number": "晋人社函〔2025〕88号",
                                                      "decided_on": today})
    decision.refresh_from_db()
    assert (decision.outcome, decision.document_number, decision.recorded_by) == (
        ProvinceOutcome.PASSED, "晋人社函〔2025〕88号", cast.city_admin)
    assert f'value="{application.pk}"' in client.get("/notices/manage/").content.decode()
    assert "晋人社函〔2025〕88号" in client.get(f"/reviews/{application.pk}/").content.decode()


def test_a_recorded_failing_decision_ends_the_application_and_tells_the_unit(client, cast, application, standard,
                                                                            province_decides):
    approved(application, cast, standard)
    application_transition(application=application, to=Status.CITY_CONFIRMED, by=cast.city_admin)
    client.force_login(cast.city_admin)
    client.post("/notices/province/forward/", {"ids": [application.pk], CONFIRM_FIELD: "1"})
    decision = ProvinceDecision.objects.get()
    client.post(f"/notices/province/{decision.pk}/", {
        "outcome": "not_passed", "document_number": "晋人社函〔2025〕89号",
        "decided_on": timezone.localdate().isoformat()})
    application.refresh_from_db()
    assert application.status == Status.NOT_PASSED
    told = Notification.objects.filter(user=cast.rep_a).latest("pk")
    assert "未通过" in told.message


def test_only_the_naming_office_records_the_province_decision(client, cast, application, standard, province_decides):
    approved(application, cast, standard)
    application_transition(application=application, to=Status.CITY_CONFIRMED, by=cast.city_admin)
    decision = ProvinceDecision.objects.create(application=application, forwarded_by=cast.city_admin)
    for user, status in ((cast.county_admin_x, 403), (cast.county_admin_y, 404), (cast.city_admin_other, 404)):
        client.force_login(user)
        assert client.get(f"/notices/province/{decision.pk}/").status_code == status
    client.force_login(cast.county_admin_x)
    client.post("/notices/province/forward/", {"ids": [application.pk], CONFIRM_FIELD: "1"})
    assert ProvinceDecision.objects.count() == 1


def test_where_the_province_does_not_decide_there_is_nothing_to_forward(client, cast, application, standard):
    approved(application, cast, standard)
    application_transition(application=application, to=Status.CITY_CONFIRMED, by=cast.city_admin)
    client.force_login(cast.city_admin)
    assert "暂无待报送省级的申报" in client.get("/notices/province/").content.decode()
    assert f'value="{application.pk}"' in client.get("/notices/manage/").content.decode()


def test_the_verification_page_shows_the_province_decision_a_title_rests_on(client, cast, regions, application,
                                                                            province_decides):
    ProvinceDecision.objects.create(application=application, forwarded_by=cast.city_admin,
                                    outcome=ProvinceOutcome.PASSED, document_number="晋人社函〔2025〕88号",
                                    decided_on=date(2025, 3, 1))
    title = recognition_create(unit=cast.unit_a, city=regions.city, year=2025, issued_on=date(2025, 4, 1),
                               by=cast.city_admin, application=application)
    page = client.get(f"/verify/{title.number}/").content.decode()
    assert "省级审定通过（晋人社函〔2025〕88号，2025年3月1日）" in page


def test_the_city_home_lists_only_what_the_city_names(client, cast, application, standard, county_names):
    approved(application, cast, standard)
    client.force_login(cast.city_admin)
    assert "甲公司" not in client.get("/home/").content.decode()
    client.force_login(cast.county_admin_x)
    assert "甲公司" in client.get("/home/").content.decode()
