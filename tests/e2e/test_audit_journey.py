"""In Chromium: a county admin forms a panel; the city admin finds the change under 设置 › 变更记录 and the
county admin reads the application's own history from its page."""

import re

import pytest

from tests.fixtures.reviews import make_application

from .browser import login, open_menu

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_city_admin_reads_who_moved_an_application(page, cast, regions):
    from datetime import date

    from django.conf import settings

    from apps.campaigns.models import CampaignYear
    from apps.standards.services import standard_load_file

    standard, _ = standard_load_file(path=settings.BASE_DIR / "fixtures" / "standards" / "demo_all_features.yaml")
    year = date.today().year
    campaign = CampaignYear.objects.create(
        city=regions.city, year=year, self_evaluation_opens=date(year, 1, 1), self_evaluation_closes=date(year, 12, 31),
        county_review_deadline=date(year, 12, 31), city_confirmation_deadline=date(year, 12, 31),
    )
    application = make_application(cast.unit_a, campaign, standard)
    base = page.base_url

    login(page, "county_admin_x")
    page.goto(f"{base}/reviews/{application.pk}/")
    for reviewer in cast.reviewers_x.values():
        page.get_by_label(re.compile(str(reviewer))).check()
    page.get_by_role("button", name="组建评估组", exact=True).click()
    page.get_by_text("评估组已组建").wait_for()
    page.goto(f"{base}/applications/{application.pk}/")
    page.get_by_role("link", name="变更记录").click()
    page.get_by_role("heading", name=re.compile("创建申报变更记录")).wait_for()
    assert page.get_by_test_id("audit-entry").count() == 7
    page.context.clear_cookies()

    login(page, "city_admin")
    open_menu(page, "设置", "变更记录")
    page.get_by_label("对象类型").select_option(label="创建申报")
    page.get_by_role("button", name="查询").click()
    row = page.get_by_test_id("audit-entry").filter(has_text="县级评估验收中")
    assert row.count() == 1
    text = row.inner_text()
    assert "county_admin_x" in text and "已提交" in text and "修改" in text
