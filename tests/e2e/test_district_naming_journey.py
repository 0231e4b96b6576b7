"""天津市河东区's shape in Chromium: where the policy in force has the district name, the district's county admin
finds its confirmation queue and notice pages in the menu, confirms the county-approved unit, publishes the notice
under the district's name and, once it has ended, names the unit; the certificate is of the district's series and
the verification page shows it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from apps.applications.notices.models import Notice
from apps.applications.workflow.states import Status
from apps.campaigns.models import CampaignPolicy, NamingLevel
from apps.regions.models import RegionLevel
from tests.fixtures.reviews import approved

from .browser import login, open_menu

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_district_admin_names_a_unit(page, cast, regions, campaign, standard, application):
    CampaignPolicy.objects.create(region=regions.county_x, year=campaign.year, naming_level=NamingLevel.COUNTY,
                                  title_level="区级", revocation_approver=RegionLevel.COUNTY)
    approved(application, cast, standard)

    login(page, "county_admin_x")
    open_menu(page, "评估命名", "命名确认")
    page.get_by_role("heading", name="命名确认").wait_for()
    page.get_by_label(f"选择 {cast.unit_a.name}").check()
    page.get_by_role("button", name="确认所选").click()
    page.get_by_role("button", name="确认通过").click()
    page.get_by_text("已确认 1 条申报。").wait_for()
    application.refresh_from_db()
    assert application.status == Status.CITY_CONFIRMED

    open_menu(page, "评估命名", "公示管理")
    page.get_by_label(f"{regions.county_x.name} · {cast.unit_a.name}").check()
    page.get_by_label("公示期（工作日）").fill("5")
    page.get_by_role("button", name="发布公示").click()
    page.get_by_role("button", name="确认发布").click()
    page.get_by_text("公示已发布").wait_for()
    notice = Notice.objects.get()
    assert notice.city == regions.county_x and notice.title.startswith("临汾市尧都区")

    # Five working days later (the notice's dates moved back rather than the clock forward).
    yesterday = timezone.localdate() - timedelta(days=1)
    Notice.objects.filter(pk=notice.pk).update(starts_on=yesterday - timedelta(days=7), ends_on=yesterday)
    page.reload()
    page.get_by_role("button", name="公示期满，予以命名").click()
    page.get_by_role("button", name="确认命名").click()
    page.get_by_text("已命名 1 家单位。").wait_for()
    application.refresh_from_db()
    title = application.recognition
    assert application.status == Status.NAMED
    assert title.number.startswith(f"{regions.county_x.code}-{campaign.year}-")

    page.context.clear_cookies()
    page.goto(f"{page.base_url}/verify/{title.number}/")
    page.get_by_text(cast.unit_a.name).first.wait_for()
    expect(page.get_by_text("区级").first).to_be_visible()
