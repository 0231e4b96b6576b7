"""天津市河东区's shape in Chromium: where the policy has the district name, its admin finds 创建活动年度 in the menu,
sets the district's own calendar with the keyboard-labelled date fields, and sees it listed; a county admin where
the city names reads why it cannot."""

import pytest
from django.utils import timezone

from apps.campaigns.models import CampaignPolicy, CampaignYear, NamingLevel

from .browser import ARTIFACTS, login, open_menu

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_naming_districts_admin_sets_its_calendar(page, cast, regions):
    year = timezone.localdate().year
    CampaignPolicy.objects.create(region=regions.county_x, year=year, naming_level=NamingLevel.COUNTY)

    login(page, "county_admin_x")
    open_menu(page, "设置", "创建活动年度")
    page.get_by_role("link", name="新建年度").click()
    page.get_by_label("开展地区").select_option(label=regions.county_x.name)
    page.get_by_label("年度").fill(str(year))
    page.get_by_label("自评申报开始日期").fill(f"{year}-03-01")
    page.get_by_label("自评申报截止日期").fill(f"{year}-03-31")
    page.get_by_label("县级评估验收截止日期").fill(f"{year}-06-30")
    page.get_by_label("命名确认截止日期").fill(f"{year}-07-31")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "district-calendar-form.png"), full_page=True)
    page.get_by_role("button", name="保存").click()
    page.get_by_text("已保存").wait_for()
    page.get_by_role("cell", name=regions.county_x.name).wait_for()
    assert CampaignYear.objects.get().city == regions.county_x
    page.set_viewport_size({"width": 390, "height": 800})
    page.screenshot(path=str(ARTIFACTS / "district-calendar-list-phone.png"), full_page=True)

    page.context.clear_cookies()
    login(page, "county_admin_y")
    page.goto(f"{page.base_url}/campaigns/new/")
    page.get_by_text("由市级命名").wait_for()
    page.screenshot(path=str(ARTIFACTS / "district-calendar-refused.png"), full_page=True)
