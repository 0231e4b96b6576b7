"""临汾's shape in Chromium: where the policy in force has the province decide which units reach the standard,
the city office confirms the county-approved unit, forwards it to the province, records the province's decision
with its document number, and only then publishes the notice; the verification page shows the decision."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.applications.notices.models import Notice, ProvinceDecision, ProvinceOutcome
from apps.applications.workflow.states import Status
from apps.campaigns.models import CampaignPolicy
from tests.fixtures.reviews import approved

from .browser import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_city_records_the_provinces_decision_before_the_notice(page, cast, regions, campaign, standard,
                                                                   application):
    CampaignPolicy.objects.create(region=regions.city, year=campaign.year, province_decides=True,
                                  source_document="临人社发〔2023〕8号")
    approved(application, cast, standard)

    login(page, "city_admin")
    page.goto(f"{page.base_url}/reviews/city/")
    page.get_by_label(f"选择 {cast.unit_a.name}").check()
    page.get_by_role("button", name="确认所选").click()
    page.get_by_role("button", name="确认通过").click()
    page.get_by_text("已确认 1 条申报。").wait_for()

    # Not yet on the notice page: the province has not decided.
    page.goto(f"{page.base_url}/notices/manage/")
    assert page.get_by_label(f"{regions.county_x.name} · {cast.unit_a.name}").count() == 0

    page.goto(f"{page.base_url}/notices/province/")
    page.get_by_role("button", name="报送省级审定").click()
    page.get_by_role("button", name="确认报送").click()
    page.get_by_text("已报送省级审定 1 家单位").wait_for()
    page.get_by_role("link", name="登记省级决定").click()
    page.get_by_label("省级审定通过").check()
    page.get_by_label("省级决定文号").fill("晋人社函〔2026〕12号")
    page.get_by_label("省级决定日期").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="登记", exact=True).click()
    page.get_by_text("省级审定结果已登记。").wait_for()
    decision = ProvinceDecision.objects.get(application=application)
    assert decision.outcome == ProvinceOutcome.PASSED and decision.document_number == "晋人社函〔2026〕12号"

    page.goto(f"{page.base_url}/notices/manage/")
    page.get_by_label(f"{regions.county_x.name} · {cast.unit_a.name}").check()
    page.get_by_label("公示期（工作日）").fill("5")
    page.get_by_role("button", name="发布公示").click()
    page.get_by_role("button", name="确认发布").click()
    page.get_by_text("公示已发布").wait_for()
    notice = Notice.objects.get()
    yesterday = timezone.localdate() - timedelta(days=1)
    Notice.objects.filter(pk=notice.pk).update(starts_on=yesterday - timedelta(days=7), ends_on=yesterday)
    page.reload()
    page.get_by_role("button", name="公示期满，予以命名").click()
    page.get_by_role("button", name="确认命名").click()
    page.get_by_text("已命名 1 家单位。").wait_for()
    application.refresh_from_db()
    assert application.status == Status.NAMED

    page.context.clear_cookies()
    page.goto(f"{page.base_url}/verify/{application.recognition.number}/")
    page.get_by_text("晋人社函〔2026〕12号").wait_for()
